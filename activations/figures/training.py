"""Figures of the training page: decision boundary, training curves, the zig-zag of a
two-weight neuron, and the animated optimizer race.

Every text drawn (titles, axis labels, legend names, button labels) is a parameter.

Speed: the boundary, curves and zig-zag figures are drawn on every rerun of the page, so
every figure is assembled as plain dicts (traces and a layout) and made into a ``go.Figure``
once, unvalidated (see `style`); the tests validate them. The race's animation frames
are the one part Plotly validates whichever way they are given; `style.figure` keeps them
as given and their JSON follows that validation (`spec`) at a fraction of its cost.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..numfmt import fmt_chart, round_stride
from .style import (CLEAR, GRID, cell, color, f32, figure, font_size, legend_on_top,
                    line_width, log_axis, merge, rgba, stacked_player, styled, two_panels)

MAX_CURVE_POINTS = 400  # a loss curve needs no more to look exact
RACE_FRAMES = 30  # most gaps between the optimizer race's frames (they fall on round steps)
RACE_PLAY_MS = 1800  # Play runs the race in this time, however many frames it has
RACE_LINE_POINTS = 80  # most points per path in one animation frame
RACE_EARLY = 20  # a frame's path keeps each of the first steps, where the zig-zags are widest
RACE_GRID = 70  # contour resolution of a race surface
RACE_LEVELS = 22  # contour lines drawn on a race surface
GRID_LINE = "rgba(128,128,128,0.55)"  # contour lines that read on light and dark themes
DEAD_EDGE, DEAD_FILL = "rgba(128,128,128,0.9)", "rgba(128,128,128,0.25)"  # dead units' share
# Projector heights: the zig-zag's two panels side by side, and the race with its Play
# button and slider, whole on a 1280x720 screen under the page's title and tabs and the
# tab's one line of text (pages/training.py; tests/browser/test_training_view.py).
PRESENT_ZIGZAG_HEIGHT = 410
PRESENT_RACE_HEIGHT = 410
# The race's runners are open circles, in px: a runner alone, and how much wider each ring
# is than the next one inside it where runners meet (`runner_sizes`); on a screen, and on a
# projector, where the outlines are thicker. At the end of the default race seven of the
# eight sit on the star: filled dots of one size hid all but the last one drawn.
RACE_NEST, RACE_NEST_PRESENT = (10, 5), (14, 7)
# Runners meet where they lie within this share of the box's width and of its height of
# each other (a chain of such runners meets as one): a few px on a projector's 800 x 330 px
# plot and on a phone's 330 x 300 px.
RACE_MEET = (0.015, 0.05)
# A projector's grouped race (`_side_column`): the legend and the animation controls in a
# column right of the plot, which then has the chart's height to itself (above it the
# legend's two rows and under it the Play button and the slider left it 137 px of 410, 85
# on the tour's last step: the ravine's swings across were a strip). In px: the column's
# width (the slider's length; the widest family, the learning rate's three runners, takes
# about 330), its text size (a family's title over its runners' row fits the column and
# four of them fit the tour's 354 px with the controls), the minimum's row at the top,
# left of Plotly's toolbar (56 x 26 px, shown on hover), a family's legend, and the
# controls at the foot: Play and Pause on the slider's value row, the rail and its ruler.
# Plotly keeps RACE_SIDE_EDGE px between them and the chart's top and foot: a legend or a
# slider closer to either shrinks the plot to make room.
RACE_SIDE, RACE_SIDE_FONT = 350, 17
RACE_SIDE_STAR, RACE_SIDE_FAMILY, RACE_SIDE_CONTROLS, RACE_SIDE_EDGE = 30, 50, 98, 10
RACE_SIDE_X = 1.02  # where the column starts, in plot widths: a little clear of its edge
# The plot's top and bottom margins there: half its top tick label, and its tick labels and
# axis title (the title right under them: its default standoff took 20 px more).
RACE_SIDE_MARGIN = (24, 68)
RACE_PHONE_LEGEND = 120  # px more of it on a phone, whose width wraps the families
# Below a plot on a projector: its tick labels and axis title take this many pixels.
PRESENT_AXIS_ROOM = 64


def _class_scale(opacity: float = 0.55):
    """Probability 0 -> class 0's colour, 1 -> class 1's, through a see-through middle, so
    the uncertain zone takes the page's own background (light or dark theme)."""
    return [[0.0, rgba(color(0), opacity)], [0.5, "rgba(128,128,128,0.05)"],
            [1.0, rgba(color(1), opacity)]]


def _equal_axes() -> dict:
    """Layout for equal axes: one unit is as long on both (circles stay round); the plot
    area shrinks to fit rather than showing more than the grid, and where it is the height
    that shrinks, the plot stays up under its title and legend (centred, a narrow column
    left a gap above it as wide as the one below)."""
    return dict(xaxis=dict(constrain="domain"),
                yaxis=dict(scaleanchor="x", scaleratio=1, constrain="domain",
                           constraintoward="top"))


def _box_axes(x_label, y_label, x_range, y_range, **extra) -> dict:
    """Layout of a plot over a box: titled axes fixed to the box, no grid and no zero line
    (the contours or the heatmap are the background; the theme's lone line at y = 0 reads
    as a boundary), plus ``extra`` on both axes."""
    return dict(xaxis=dict(title=dict(text=x_label), range=list(x_range), showgrid=False,
                           **{"zeroline": False, **extra}),
                yaxis=dict(title=dict(text=y_label), range=list(y_range), showgrid=False,
                           **{"zeroline": False, **extra}))


def boundary_figure(gx, gy, probability, X, y, *, class_names=("0", "1"),
                    probability_label="p", x_label="x1", y_label="x2", title=None,
                    present=False, height=None, max_points=1000,
                    side_legend=False) -> go.Figure:
    """Predicted probability of class 1 as a heatmap, the p = 0.5 boundary as a line, and the
    training points coloured by class (at most ``max_points``, evenly thinned).
    ``side_legend``: the legend right of the plot, not above it (for a chart wider than
    tall, whose height is better spent on the plot).

    ``probability[i, j]`` is the value at ``(gx[j], gy[i])``; ``class_names`` name the two
    point clouds in the legend.
    """
    gx32, gy32, p32 = f32(gx), f32(gy), f32(probability)  # (nx,), (ny,), (ny, nx)
    data = [
        dict(type="heatmap", x=gx32, y=gy32, z=p32, zmin=0, zmax=1, zsmooth="best",
             colorscale=_class_scale(), name=probability_label, showscale=False,
             hovertemplate=f"{x_label}=%{{x:.2f}}<br>{y_label}=%{{y:.2f}}<br>"
                           f"{probability_label}=%{{z:.2f}}<extra></extra>"),
        dict(type="contour", x=gx32, y=gy32, z=p32, showscale=False, hoverinfo="skip",
             contours=dict(start=0.5, end=0.5, size=1, coloring="none"),
             line=dict(width=line_width(present), color="rgba(128,128,128,0.9)"),
             showlegend=False),
    ]
    X, y = np.asarray(X), np.asarray(y)  # (n, 2), (n,)
    keep = np.linspace(0, len(X) - 1, min(len(X), max_points)).round().astype(int)
    X, y = X[keep], y[keep]
    size = 11 if present else 7
    for k, name in enumerate(class_names):
        pts = X[y == k]  # (n_k, 2)
        data.append(dict(
            type="scatter", x=f32(pts[:, 0]), y=f32(pts[:, 1]), mode="markers", name=name,
            marker=dict(color=color(k), size=size, line=dict(width=1, color="rgba(0,0,0,0.6)")),
            hovertemplate=f"{name}<br>{x_label}=%{{x:.2f}}<br>{y_label}=%{{y:.2f}}<extra></extra>",
        ))
    layout = merge(styled(present=present, height=height, title=title), dict(
        hovermode="closest",
        **_box_axes(x_label, y_label, (float(gx[0]), float(gx[-1])),
                    (float(gy[0]), float(gy[-1]))),
    ))
    if side_legend:
        layout = merge(layout, _legend_right())
        if title:
            layout = merge(layout, _title_row(font_size(present)))
    elif title:
        layout = merge(layout, _title_above_legend(font_size(present), title.count("<br>") + 1))
    return figure(data, merge(layout, _equal_axes()))


def _legend_right() -> dict:
    """The legend in a column right of the plot, at its top."""
    return dict(legend=dict(orientation="v", yanchor="top", y=1, xanchor="left", x=1.02))


def _title_row(base: int) -> dict:
    """The title in a row of its own at the very top, at the left edge (its font is
    ``base + 6``); the top margin holds just that row."""
    return dict(title=dict(x=0, xanchor="left", xref="paper", yref="container", y=1,
                           yanchor="top", pad=dict(t=6)),
                margin=dict(t=round(1.5 * (base + 6) + 22)))


def _title_above_legend(base: int, lines: int = 1) -> dict:
    """The title in a row of its own at the very top, the legend in the row below it, just
    above the plot: both start at the left edge, and on a narrow chart (a phone, or the
    projector's side-by-side layout) a long title ("tanh, layers 2-8-1") would otherwise
    run into the legend. The top margin holds both rows: the title's ``lines`` (its font
    is ``base + 6``) and the legend's, with some air."""
    more = 1.3 * (lines - 1) * (base + 6)  # the lines after the first
    title_row, legend_row = 1.5 * (base + 6) + more, 1.6 * base + 8
    # (plotly.js anchors a title's first line: the lines before it rise above the top)
    return dict(title=dict(x=0, xanchor="left", xref="paper", yref="container", y=1,
                           yanchor="top", pad=dict(t=6 + round(more))),
                margin=dict(t=round(title_row + legend_row + 14)))


def _thin(values):
    """(steps, values) with at most MAX_CURVE_POINTS points; steps count from 1."""
    values = np.asarray(values)
    idx = np.unique(np.linspace(0, len(values) - 1, min(len(values), MAX_CURVE_POINTS))
                    .round().astype(int))
    return idx + 1, values[idx]


def curves_figure(runs, *, loss_title, accuracy_title, step_label, loss_label,
                  present=False, height=None, stacked=False, dead=None) -> go.Figure:
    """Loss (log scale) and accuracy against the step, side by side, or the loss above the
    accuracy when ``stacked`` (a phone: side by side each panel had about 150 px, its step
    ticks ran together and the accuracy's "100%" touched the loss panel).

    ``runs`` is a list of ``(name, loss_history, accuracy_history)``; each run gets one
    colour in both panels. Accuracy is drawn in percent, named by its panel's title alone:
    a y title of its own lay on the loss panel's lines on a 1280x720 projector.

    ``dead``: ``(name, percents)``, the share of the first run's hidden units that are dead
    after each step, in percent: drawn on the accuracy panel (the same 0-100% axis) as a
    grey shaded area under a dotted step line, named last in the legend. The
    area lies under the accuracy lines: where the two meet (6 of 8 units dead at 75%
    correct) the accuracy's line runs along the shaded area's top edge and both still show.
    """
    # room for the accuracy's "100%": 0.1 apart it lay on the loss panel's corner
    grid = two_panels((loss_title, accuracy_title), stacked, across=0.16, down=0.2)
    width = line_width(present)
    data = []
    for i, (name, loss, acc) in enumerate(runs):
        line = dict(color=color(i), width=width)
        steps, lv = _thin(loss)
        # The hover's number as the page writes one (2.06×10⁻⁹): Plotly's .4g wrote a
        # loss under 10⁻⁶ as 2.06e-9.
        data.append(dict(type="scatter", x=steps, y=f32(lv), name=name, legendgroup=name,
                         line=line, customdata=[fmt_chart(v) for v in lv],
                         hovertemplate=f"{name}: %{{customdata}}<extra></extra>",
                         **cell(1, 1, 2)))
        steps, av = _thin(acc)
        data.append(dict(type="scatter", x=steps, y=f32(100 * av), name=name,
                         legendgroup=name, line=line, showlegend=False,
                         hovertemplate=f"{name}: %{{y:.1f}}%<extra></extra>",
                         **cell(1, 2, 2)))
    if dead is not None:
        name, percents = dead
        steps, dv = _thin(percents)
        # Grey, the colour of what is switched off: the runs' colours are taken, and the
        # next one is class 1's orange in the decision picture beside this chart.
        data.insert(0, dict(type="scatter", x=steps, y=f32(dv), name=name, line_shape="hv",
                            line=dict(color=DEAD_EDGE, width=width, dash="dot"),
                            fill="tozeroy", fillcolor=DEAD_FILL, legendrank=1001,
                            hovertemplate=f"{name}: %{{y:.0f}}%<extra></extra>",
                            **cell(1, 2, 2)))
    step_axis = dict(title=dict(text=step_label))
    height = height or (600 if stacked else None)
    layout = merge(styled(grid, present=present, height=height), dict(
        margin=dict(t=80),
        # a projector's legend in the figure's top row, clear of the larger panel titles
        legend=legend_on_top() if present else dict(y=1.06 if stacked else 1.12),
        xaxis=step_axis, xaxis2=step_axis,
        # One label per decade: the minor 2s and 5s of a log axis crowd the axis title. A
        # loss within two decades (a linear network's, about 0.69 throughout) had no power
        # of ten to label at all: there it gets values at 1-2-5 (see log_axis).
        yaxis=dict(title=dict(text=loss_label),
                   **log_axis(*(loss for _, loss, _ in runs), wide=dict(dtick=1))),
        yaxis2=dict(range=[0, 102], ticksuffix="%"),
    ))
    return figure(data, layout)


def zigzag_figure(gx, gy, loss, path, grads, w_star, *, x_label, y_label, path_name,
                  same_names, mixed_name, target_name, one_name=None, still_name=None,
                  title=None, present=False, height=None) -> go.Figure:
    """A gradient-descent path on loss contours, each step's start marked by the sign pattern
    of its gradient: ``same_names = (name for (+, +), name for (-, -))``, ``mixed_name`` for
    (+, -) and (-, +). Steps whose gradient has a component exactly 0 (ReLU inputs of 0)
    are marked, when they occur, as ``one_name`` (one weight moves alone) and ``still_name``
    (neither moves); without those names they are left unmarked. ``w_star`` is drawn as a
    star named ``target_name``."""
    width = line_width(present)
    data = [
        dict(type="contour", x=f32(gx), y=f32(gy), z=f32(loss), showscale=False,
             hoverinfo="skip", contours=dict(coloring="lines", showlabels=False),
             ncontours=18, line=dict(width=1),
             colorscale=[[0, "rgba(128,128,128,0.35)"], [1, "rgba(128,128,128,0.9)"]],
             showlegend=False),
        dict(type="scatter", x=f32(path[:, 0]), y=f32(path[:, 1]), mode="lines",
             name=path_name, line=dict(color=color(7), width=width * 0.8), hoverinfo="skip"),
    ]
    grads = np.asarray(grads)
    signs = np.sign(grads)  # (steps, 2)
    # A triangle points the way its step moves the weights (a step goes against the
    # gradient): (+, +) sends both down, (-, -) both up. Pointing the other way, as the
    # gradient's signs, it read "both weights go down" beside a triangle pointing up.
    groups = [
        (same_names[0], (signs[:, 0] > 0) & (signs[:, 1] > 0), color(3), "triangle-down"),
        (same_names[1], (signs[:, 0] < 0) & (signs[:, 1] < 0), color(0), "triangle-up"),
        (mixed_name, signs[:, 0] * signs[:, 1] < 0, color(2), "diamond"),
    ]
    # Only where such steps occur: sigmoid's and tanh's inputs are never 0, and a legend
    # entry for steps that cannot happen there would only puzzle.
    zeros = np.sum(signs == 0, axis=1)  # (steps,)
    for name, mask, c, symbol in ((one_name, zeros == 1, color(5), "square"),
                                  (still_name, zeros == 2, color(6), "x")):
        if name is not None and mask.any():
            groups.append((name, mask, c, symbol))
    starts = np.asarray(path)[:-1]  # (steps, 2)
    size = 13 if present else 9
    for name, mask, c, symbol in groups:
        pts = starts[mask]
        data.append(dict(
            type="scatter", x=f32(pts[:, 0]), y=f32(pts[:, 1]), mode="markers", name=name,
            marker=dict(color=c, size=size, symbol=symbol),
            hovertemplate=f"{name}<br>{x_label}=%{{x:.3f}}<br>{y_label}=%{{y:.3f}}"
                          "<extra></extra>",
        ))
    data.append(dict(type="scatter", x=[float(w_star[0])], y=[float(w_star[1])],
                     mode="markers", name=target_name,
                     marker=dict(symbol="star", size=size * 2, color=color(4))))
    # Four long legend entries: below the plot, where they can't cover the title. On a
    # projector the two panels stand side by side, wider than tall: there the legend (short
    # names) goes right of the plot, and the height to the plot.
    legend = (_legend_right()["legend"] if present
              else dict(orientation="h", yanchor="top", y=-0.18, x=0))
    layout = merge(
        styled(present=present, height=height or (PRESENT_ZIGZAG_HEIGHT if present else 480),
               title=title),
        dict(
            hovermode="closest",
            legend=legend,
            # The axes through w = 0 in the grid's grey, even on a projector.
            **_box_axes(x_label, y_label, (float(gx[0]), float(gx[-1])),
                        (float(gy[0]), float(gy[-1])), zeroline=True, zerolinecolor=GRID),
        ),
    )

    return figure(data, merge(layout, _equal_axes()))


def surface_grid(surface, size=RACE_GRID):
    """``(gx, gy, z)`` for a race surface's contour: :math:`\\log(1 + f - \\min f)` on its
    box, so the flat valley of Rosenbrock shows as well as the steep walls."""
    gx = np.linspace(*surface.x_range, size)
    gy = np.linspace(*surface.y_range, size)
    xx, yy = np.meshgrid(gx, gy)  # (size, size), rows follow gy
    f = surface.value(xx, yy)
    return gx, gy, np.log1p(f - f.min())


def _edge_points(x0, x1, y0, y1, f0, f1, level):
    """Where ``level`` crosses each cell edge from (x0, y0) to (x1, y1), by linear
    interpolation of the corner values; NaN where it doesn't cross."""
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (level - f0) / (f1 - f0)
    # Corners count as "above" or not; an edge crosses where that differs. A corner exactly
    # on the level then belongs to one side, so neighbouring cells always agree.
    s = np.where((f0 > level) != (f1 > level), s, np.nan)
    return x0 + s * (x1 - x0), y0 + s * (y1 - y0)


def level_curves(gx, gy, f, levels):
    """Contour lines of ``f[i, j] = f(gx[j], gy[i])`` by marching squares: ``(x, y)`` of
    2-point segments separated by NaN (one scatter trace draws them all).

    A cell whose corners alternate around the level (a saddle cell) is split by the value at
    its centre, the mean of its corners.
    """
    X, Y = np.meshgrid(gx, gy)  # (ny, nx)
    corner = lambda a, i, j: a[i:a.shape[0] - 1 + i, j:a.shape[1] - 1 + j]  # noqa: E731
    xs, ys = [], []
    for level in levels:
        # Corners of every cell: 0 bottom-left, 1 bottom-right, 2 top-right, 3 top-left.
        c = [(corner(X, i, j), corner(Y, i, j), corner(f, i, j))
             for i, j in ((0, 0), (0, 1), (1, 1), (1, 0))]
        # Crossings on the bottom, right, top and left edges: each (ny-1, nx-1). Every edge
        # runs left to right or bottom to top, so a cell and its neighbour compute the point
        # on their shared edge identically (the curve pieces then join exactly).
        edges = [_edge_points(c[a][0], c[b][0], c[a][1], c[b][1], c[a][2], c[b][2], level)
                 for a, b in ((0, 1), (1, 2), (3, 2), (0, 3))]
        hit = [~np.isnan(ex) for ex, _ in edges]
        count = sum(h.astype(int) for h in hit)
        centre_like_0 = (sum(ci[2] for ci in c) / 4 > level) == (c[0][2] > level)
        pairs = [  # (edge a, edge b, which cells)
            *[(a, b, (count == 2) & hit[a] & hit[b])
              for a in range(4) for b in range(a + 1, 4)],
            (0, 1, (count == 4) & centre_like_0), (2, 3, (count == 4) & centre_like_0),
            (0, 3, (count == 4) & ~centre_like_0), (1, 2, (count == 4) & ~centre_like_0),
        ]
        for a, b, cells in pairs:
            n = int(cells.sum())
            if n:
                gap = np.full(n, np.nan)
                xs.append(np.column_stack([edges[a][0][cells], edges[b][0][cells], gap]).ravel())
                ys.append(np.column_stack([edges[a][1][cells], edges[b][1][cells], gap]).ravel())
    if not xs:
        return np.empty(0), np.empty(0)
    return _join_segments(np.concatenate(xs), np.concatenate(ys))


def _join_segments(sx, sy):
    """Chain NaN-separated 2-point segments that share end points into polylines, so the
    browser draws a few dozen paths instead of thousands of tiny ones."""
    ends = np.stack([np.column_stack([sx[0::3], sy[0::3]]),
                     np.column_stack([sx[1::3], sy[1::3]])], axis=1)  # (n, 2 ends, 2)
    # A grid node exactly on the level yields zero-length pieces; the curve passes through
    # that node via the neighbouring cells anyway.
    span = float(np.nanmax(np.abs(ends))) if len(ends) else 1.0
    ends = ends[np.hypot(*(ends[:, 0] - ends[:, 1]).T) > 1e-9 * max(span, 1.0)]
    keys = [[(round(float(x), 9), round(float(y), 9)) for x, y in seg] for seg in ends]
    touching: dict = {}
    for i, (k0, k1) in enumerate(keys):
        touching.setdefault(k0, []).append((i, 0))
        touching.setdefault(k1, []).append((i, 1))
    used = np.zeros(len(keys), dtype=bool)

    def walk(i, end):  # follow the chain leaving segment i through its end ``end``
        points = []
        while True:
            nxt = [(j, e) for j, e in touching[keys[i][end]] if not used[j]]
            if not nxt:
                return points
            i, e = nxt[0]
            used[i] = True
            end = 1 - e
            points.append(ends[i, end])

    lines = []
    for i in range(len(keys)):
        if used[i]:
            continue
        used[i] = True
        back = walk(i, 0)[::-1]
        lines += [*back, ends[i, 0], ends[i, 1], *walk(i, 1), (np.nan, np.nan)]
    out = np.array(lines, dtype=float).reshape(-1, 2)  # (points, 2)
    return out[:, 0], out[:, 1]


def _frame_ends(steps, frames):
    """Path lengths shown in each frame: 1 (the start) up to steps + 1, the frames at every
    multiple of a round stride (at most ``frames`` of them), so Play reads step 0, 10, 20 ...
    200 (a linspace's rounding read 0, 7, 13, 20 ...)."""
    stride = int(round_stride(steps, frames))  # (1, 2 or 5) x 10^e, a whole step at least
    return np.union1d(np.arange(0, steps + 1, stride), [steps]) + 1


def _race_controls(ends, *, play_label, pause_label, step_label, present,
                   below=None, side=None) -> dict:
    """Layout of the animation controls under the plot: Play / Pause buttons and a slider
    with one stop per frame (named by its step, ``ends - 1``), starting on the last.
    ``below``: where they start, as a fraction of the plot's height under it (the default
    suits a normal-mode chart). ``side``: instead, where they start in the column right of
    the plot (`_side_column`), as a height on the plot's axis (its top is 1): Play and Pause
    at the column's left on the row of the slider's value, the slider RACE_SIDE px long."""
    gap_ms = -(-RACE_PLAY_MS // max(1, len(ends) - 1))  # ceiling: a run lasts RACE_PLAY_MS
    anim = dict(frame=dict(duration=gap_ms, redraw=False), transition=dict(duration=0),
                mode="immediate")
    base = font_size(present)

    def jump():  # show a frame at once: no tween, no redraw of the contours
        return dict(frame=dict(duration=0, redraw=False), mode="immediate",
                    transition=dict(duration=0))

    value = dict(prefix=f"{step_label}: ", font=dict(size=base))
    if side is None:
        buttons_at = dict(x=0, y=-0.14 if below is None else -below, pad=dict(t=10, r=10))
        slider_at = dict(x=0.3, y=-0.1 if below is None else -below, len=0.7,
                         pad=dict(t=10))
    else:  # compact: the value close to the rail, the grip a few px under the buttons
        buttons_at = dict(x=RACE_SIDE_X, y=side, pad=dict(r=10))
        slider_at = dict(x=RACE_SIDE_X, y=side, len=RACE_SIDE - 30, lenmode="pixels",
                         pad=dict(t=6))
        value["offset"] = 8
    return dict(
        updatemenus=[dict(
            type="buttons", direction="left", **buttons_at, xanchor="left", yanchor="top",
            showactive=False, font=dict(size=base),
            buttons=[
                dict(label=play_label, method="animate",
                     args=[None, {**anim, "fromcurrent": False}]),
                dict(label=pause_label, method="animate", args=[[None], jump()]),
            ],
        )],
        sliders=[dict(
            active=len(ends) - 1, **slider_at, xanchor="left", yanchor="top",
            font=dict(size=base - 2), currentvalue=value,
            steps=[dict(label=str(int(e) - 1), method="animate", args=[[str(int(e) - 1)], jump()])
                   for e in ends],
        )],
    )


def runner_sizes(points, x_range, y_range, present=False) -> list[int]:
    """Marker sizes in px of runners at ``points`` (k, 2): RACE_NEST's smaller size for a
    runner alone; runners that meet (`RACE_MEET`) nest, the first of them (in the legend's
    order) the widest ring, each next one a ring inside it, so every one shows around the
    next without hovering (as the gradient-flow chart's runs that meet, gradflow._outlines).
    """
    smallest, step = RACE_NEST_PRESENT if present else RACE_NEST
    pts = np.asarray(points, dtype=float)  # (k, 2)
    span = np.array([x_range[1] - x_range[0], y_range[1] - y_range[0]]) * RACE_MEET
    near = np.all(np.abs(pts[:, None, :] - pts[None, :, :]) <= span, axis=2)  # (k, k)
    group = np.arange(len(pts))  # connected components of `near` (chains meet as one)
    for _ in range(len(pts)):
        group = np.array([group[near[i]].min() for i in range(len(pts))])
    sizes = []
    for i, g in enumerate(group):
        mates = np.flatnonzero(group == g)
        sizes.append(int(smallest + step * np.sum(mates > i)))
    return sizes


def _side_column(data, layout, groups, at) -> tuple[list, dict]:
    """A projector's race legend, in the column right of the plot (RACE_SIDE px wide): top
    down, the minimum's star alone, left of Plotly's toolbar (a landmark, not a runner: in
    the legend's first row it stood among the families, between SGD and "Change the
    gradient"), then a legend of its own per family, its title over its runners' row. A
    runner is a legend group alone there: a click shows or hides it alone (path and ring).
    ``at(px)``: the height on the plot's axis (its top 1) that lies ``px`` below the top of
    the chart as the page draws it (rows are placed in pixels)."""
    order = list(dict.fromkeys(groups))
    ids = [f"legend{k + 2}" for k in range(len(order))]  # "legend": the minimum's alone
    out = []
    for d in data:
        d = dict(d)
        if d.get("legendgroup") in order:  # a runner: its family's legend, a group alone
            d["legend"] = ids[order.index(d["legendgroup"])]
            d["legendgroup"] = d["name"]
            d.pop("legendgrouptitle", None)
        out.append(d)
    text = dict(size=RACE_SIDE_FONT)

    def legend(px, title=None):
        return merge(layout["legend"], dict(
            orientation="h", x=RACE_SIDE_X, xanchor="left", y=at(px), yanchor="top",
            font=text, title=dict(text=title or "", side="top", font=text),
            bgcolor=CLEAR))

    legends = dict(legend=legend(RACE_SIDE_EDGE))
    for k, (key, name) in enumerate(zip(ids, order)):
        legends[key] = legend(RACE_SIDE_EDGE + RACE_SIDE_STAR + RACE_SIDE_FAMILY * k, name)
    return out, merge(layout, legends)


def race_figure(surface, paths, *, x_label, y_label, play_label, pause_label, step_label,
                minimum_name, title=None, present=False, height=None,
                frames=RACE_FRAMES, cut=0, stacked=False, groups=None) -> go.Figure:
    """Optimizer paths over a surface's contours, animated with Plotly frames.

    ``paths`` is a list of ``(name, path)`` with ``path`` of shape (steps + 1, 2) (all the
    same length). The figure opens on the finished race; Play replays it from the start and a
    slider scrubs through the steps. Each frame shows the path up to its step (every step when
    there are at most RACE_LINE_POINTS, else evenly thinned); the finished race shows every
    step. Each runner is an open circle in its colour, as in the legend; runners that meet
    nest (`runner_sizes`). ``cut``: pixels the page's frame takes off ``height`` when it
    draws the chart.
    ``stacked`` (a phone): the slider under the buttons (`stacked_player`), the figure
    that much taller.
    ``groups``: a title per path, its family (the notes' "changes the gradient", "changes
    the learning rate", "both"): runners of one title make one group of the legend, a
    column under its title, and a click on a runner shows or hides its group (path and
    ring); on a projector, a legend per family in a column right of the plot, with the
    controls under them (`_side_column`). None: a group per runner, rows of names.
    """
    gx, gy, z = surface_grid(surface)
    # Level curves as one scatter trace, not a Contour: plotly.js removes every non-scatter
    # trace while it plays animation frames, so a contour would vanish on Play.
    lx, ly = level_curves(gx, gy, z, np.linspace(z.min(), z.max(), RACE_LEVELS + 2)[1:-1])
    mins = np.asarray(surface.minima, dtype=float).reshape(-1, 2)  # (minima, 2)
    size = 14 if present else 9
    data = [
        dict(type="scatter", x=f32(lx), y=f32(ly), mode="lines", hoverinfo="skip",
             showlegend=False, line=dict(width=1, color=GRID_LINE)),
        dict(type="scatter", x=f32(mins[:, 0]), y=f32(mins[:, 1]), mode="markers",
             name=minimum_name, hoverinfo="name",
             marker=dict(symbol="star", size=size * 1.8, color=GRID,
                         line=dict(width=2, color="rgba(128,128,128,1)"))),
    ]
    width = line_width(present)
    n_steps = len(paths[0][1]) - 1
    # What lies outside the box is clipped: the axes stay on the surface.
    lo = np.array([surface.x_range[0], surface.y_range[0]])
    hi = np.array([surface.x_range[1], surface.y_range[1]])
    clipped = [(name, np.clip(np.asarray(p, dtype=float), lo - 1, hi + 1)) for name, p in paths]

    outline = line_width(present) * 0.7

    def sizes(end):
        return runner_sizes([p[end - 1] for _, p in clipped], surface.x_range,
                            surface.y_range, present)

    def traces(end):
        """Each path up to ``end`` points as a line, and its runner on its last point: an
        open circle, drawn with the line's colour and width in the legend."""
        out = []
        for i, ((name, p), s) in enumerate(zip(clipped, sizes(end))):
            line = dict(color=color(i), width=width)
            group = dict(legendgroup=name) if groups is None else \
                dict(legendgroup=groups[i], legendgrouptitle=dict(text=groups[i]))
            out.append(dict(type="scatter", x=f32(p[:end, 0]), y=f32(p[:end, 1]),
                            mode="lines", name=name, showlegend=False, **group,
                            line=line, hovertemplate=f"{name}<extra></extra>"))
            # one point: no line is drawn, but the legend shows both, as on the chart
            out.append(dict(type="scatter", x=f32(p[end - 1:end, 0]),
                            y=f32(p[end - 1:end, 1]), mode="lines+markers", name=name,
                            hoverinfo="skip", line=line, **group,
                            marker=dict(symbol="circle-open", color=color(i), size=s,
                                        line=dict(width=outline, color=color(i)))))
        return out

    # Every frame resends its paths so far; thinning long paths to RACE_LINE_POINTS keeps
    # the animation light (a few hundred kB). The first RACE_EARLY steps stay whole, where
    # the zig-zags are widest (every third step of the ravine's 200 lost SGD's one bounce,
    # steps 0 to 3, and turned the swings to angles); after them every stride-th.
    early = min(RACE_EARLY, RACE_LINE_POINTS // 2)
    stride = 1 if n_steps <= RACE_LINE_POINTS else \
        -(-(n_steps - early) // (RACE_LINE_POINTS - early))

    def positions(end):
        """A frame's update: the coordinates and the runners' sizes (the rest of the style
        stays with the traces)."""
        idx = np.union1d(np.union1d(np.arange(min(end, early)), np.arange(0, end, stride)),
                         [end - 1])
        out = []
        for (_, p), s in zip(clipped, sizes(end)):
            out.append(dict(type="scatter", x=f32(p[idx, 0]), y=f32(p[idx, 1])))
            out.append(dict(type="scatter", x=f32(p[end - 1:end, 0]), y=f32(p[end - 1:end, 1]),
                            marker=dict(size=s)))
        return out

    ends = _frame_ends(n_steps, frames)
    data += traces(int(ends[-1]))
    moving = list(range(2, 2 + 2 * len(clipped)))  # every trace after contours and minima
    # A phone's width stands the family columns in three rows of them, the runners under
    # their titles: the figure is as much taller, so the plot keeps its size.
    phone_rows = RACE_PHONE_LEGEND if stacked and groups is not None and not present else 0
    height = height or (PRESENT_RACE_HEIGHT if present else 560 + phone_rows)
    # Grouped on a projector, the legend and the controls stand right of the plot
    # (`_side_column`): above it only room for its top tick label, under it its axis.
    # Ungrouped there, the plot is short, so the controls under it are placed in pixels
    # (the margins are fixed: one legend row above, the controls below), clear of the tick
    # labels and the axis title. Otherwise the legend takes two rows across the width, and
    # the room above them keeps Plotly's toolbar (shown on hover at the top right) off the
    # first row's last name ("Adam").
    side = present and groups is not None and not stacked
    top = 40 if title else 0
    if side:
        margin = dict(t=RACE_SIDE_MARGIN[0] + top, b=RACE_SIDE_MARGIN[1], r=RACE_SIDE)
    elif present:
        margin = dict(t=56 + top, b=PRESENT_AXIS_ROOM + 84)
    else:
        margin = dict(t=96 + phone_rows + top, b=120)
    drawn = height - cut  # the chart's height as the page draws it
    plot = drawn - margin["t"] - margin["b"]  # px

    def at(px):  # the height on the plot's axis (top 1) px below the chart's top
        return 1 - (px - margin["t"]) / plot

    below = PRESENT_AXIS_ROOM / plot if present and not side else None
    controls = at(drawn - RACE_SIDE_EDGE - RACE_SIDE_CONTROLS) if side else None
    # One symbol size in the legend: a runner's own changes as runners meet and part.
    legend = dict(itemsizing="constant")
    layout = merge(
        styled(_race_controls(ends, play_label=play_label, pause_label=pause_label,
                              step_label=step_label, present=present, below=below,
                              side=controls),
               present=present, height=height, title=title),
        dict(hovermode="closest", margin=margin, legend=legend,
             **_box_axes(x_label, y_label, surface.x_range, surface.y_range)),
    )
    if side:
        data, layout = _side_column(data, layout, groups, lambda px: at(px + top))
        layout = merge(layout, dict(xaxis=dict(title=dict(standoff=0))))  # (RACE_SIDE_MARGIN)
    return figure(data, stacked_player(layout, stacked),
                  [dict(data=positions(int(e)), traces=moving, name=str(int(e) - 1))
                   for e in ends])

"""Figures for the softmax and cross-entropy playground.

Every text on a figure (titles, axis labels, trace names, button labels) is a parameter;
class names are drawn as tick text on integer positions, so two classes with the same
name keep two bars, and ``<``/``>`` are escaped so Plotly reads no tags in them.

Speed: the page rebuilds some of these on every rerun (a slider drag), so each figure is
plain dicts (traces and a layout) made into one ``go.Figure`` by `figure`; the tests
validate them.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import plotly.graph_objects as go

from ..numfmt import fmt_chart
from .style import (THEME_TEXT, axis_key, cell, color, dash, every_axis, f32, figure,
                    legend_on_top, line_width, merge, stacked_player, styled, subplots,
                    two_panels)

__all__ = [
    "views_figure", "temperature_animation", "target_figure", "loss_curve_figure",
    "worked_example_figure", "binary_figure", "regression_figure", "outlier_figure",
    "logit_sweep_figure",
]


# Each tab's first chart on a 1280x720 projector: what is left under the page's title, its
# one-line intro, the tabs and the tab's folded controls (measured in Chromium).
PRESENT_HEIGHT = 400
PRESENT_UNDER_SLIDER = 380  # the same under a tab's own slider (binary, regression)
PRESENT_TOP = 72  # px over a projector's panels: a legend row (font 20) and a title row
STACKED_HEIGHT = 640  # two panels one above the other, on a phone (see `_two_panels`)
# The logit sweep's two rows (output above, slope below): on a projector the whole chart and
# the class picker over it fit a 1280x720 screen once scrolled to.
SWEEP_HEIGHT, PRESENT_SWEEP_HEIGHT, PHONE_SWEEP_HEIGHT = 400, 540, 480


def _plain(text: str) -> str:
    """Text Plotly shows literally: its pseudo-HTML needs ``<``, ``>`` and ``&`` escaped."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# A phone's chart: at most about this wide inside its margins (390 px screen, the page's
# padding, the y axis's ticks).
PHONE_PLOT_WIDTH = 300


def _label_width(text: str, font: int = 13) -> float:
    """About how wide ``text`` is drawn, in px, erring wide: a Hangul or CJK character is a
    square, a Latin letter, digit or space 0.6 of one (the charts' 13 px type)."""
    return sum(font if unicodedata.east_asian_width(c) in "WF" else 0.6 * font for c in text)


def _crowded(names, width: float = PHONE_PLOT_WIDTH) -> bool:
    """Whether Plotly would turn the names: the widest does not fit its class's share of
    ``width`` px with a little room. Plotly turns them clockwise, each hanging right of its
    tick, and hides a label that leaves the chart: on a phone "class 10" was gone."""
    return max(_label_width(n) for n in names) + 8 > width / len(names)


def _class_axis(names, *, phone: bool = False) -> dict:
    """Class names as tick labels on positions 0..n-1. On a phone, names that are turned
    are turned the other way (-30°, each hanging left of its tick, the last one too), so
    none falls off the chart's right edge."""
    axis = dict(tickmode="array", tickvals=list(range(len(names))),
                ticktext=[_plain(n) for n in names])
    if phone and _crowded(names):
        axis["tickangle"] = -30
    return axis


def _panels(rows: int, cols: int, *, present: bool, height: int, titles: tuple = (),
            **options) -> dict:
    """The styled layout of a ``make_subplots(rows, cols, **options)`` grid (see `_styled`)."""
    if titles:
        options["subplot_titles"] = tuple(titles)
    return _styled(subplots(rows, cols, **options), present=present, height=height,
                   titled=bool(titles))


def _styled(grid: dict, *, present: bool, height: int, titled: bool = True) -> dict:
    """``grid`` with the common look; over subplot titles the legend is lifted (both sit at
    the top of the plot area), on a projector into the figure's top row (`legend_on_top`),
    over a top margin that holds just it and the titles."""
    layout = styled(grid, present=present, height=height)
    if not titled:
        return layout
    if present:
        return merge(layout, dict(legend=legend_on_top(), margin=dict(t=PRESENT_TOP)))
    return merge(layout, dict(legend=dict(y=1.1, yanchor="bottom"), margin=dict(t=80)))


def _two_panels(titles: tuple, *, present: bool, height: int, stacked: bool,
                side: dict | None = None, below: dict | None = None,
                down: float = 0.16) -> dict:
    """`style.two_panels`, styled: ``height`` side by side, `STACKED_HEIGHT` stacked."""
    grid = two_panels(titles, stacked, down=down, side=side, below=below)
    if not stacked:
        return _styled(grid, present=present, height=height)
    layout = _styled(grid, present=present, height=STACKED_HEIGHT)
    return merge(layout, dict(legend=dict(y=1.06)))  # of a taller plot area: the same gap


def _bar(x, y, bar_color, **extra) -> dict:
    """Bars of heights ``y`` at positions ``x``; ``bar_color`` is one colour or one per bar.

    Heights stay float64: a bar's hover prints its height, and in float32 a probability of
    e^-200 would read 0 and e^-100 3.8e-44 (it is 3.7e-44). At most 10 bars a trace, so
    the JSON hardly grows."""
    return dict(type="bar", x=x, y=np.asarray(y, dtype=np.float64), marker=dict(color=bar_color),
                **extra)


def _label_size(present: bool) -> int:
    """A bar label's font size (px), larger on a projector."""
    return 16 if present else 11


def _bar_text(present: bool, values=None, digits: int = 3) -> dict:
    """``values`` printed above the bars, one per bar (none: no labels), as every number on
    screen is written (`fmt_chart`: ``digits`` significant digits, ``3.7×10⁻⁵`` rather than
    a row of zeros, the axis's minus sign): outside the bar and not clipped by the axis
    range, so a bar at the top of the range keeps its label. The text rides in
    ``customdata``, so the hover keeps Plotly's own."""
    text = dict(textposition="outside", textfont=dict(size=_label_size(present)),
                cliponaxis=False)
    if values is not None:
        text |= dict(customdata=[fmt_chart(v, digits) for v in np.asarray(values).ravel()],
                     texttemplate="%{customdata}")
    return text


def _labels_whole(present: bool) -> dict:
    """Layout: a bar's label shows at its full size or not at all. Plotly would shrink it
    to the bar's width, 6 px with ten classes of three bars, unreadable on a projector;
    hover still reads every bar."""
    return dict(uniformtext=dict(minsize=_label_size(present), mode="hide"))


def _line(x, y, name: str, line_color: str, width: float, **extra) -> dict:
    """A curve through (x, y); y is sent as float32, x as the caller gives it."""
    return dict(type="scatter", x=x, y=f32(y), name=name, mode="lines",
                line=dict(color=line_color, width=width), **extra)


def _points(x, y, name: str, marker: dict, **extra) -> dict:
    """Markers at (x, y): the current point on a curve, or the data of a scatter."""
    return dict(type="scatter", x=x, y=f32(y), name=name, mode="markers", marker=marker,
                **extra)


def _marker_size(present: bool) -> int:
    """Point markers, larger on a projector."""
    return 14 if present else 10


def views_figure(names, softmax, argmax, softmin, log_softmax, *, softmax_name: str,
                 argmax_name: str, softmin_name: str, log_softmax_name: str,
                 prob_title: str, log_title: str, present: bool = False,
                 stacked: bool = False) -> go.Figure:
    """Softmax, argmax one-hot and softmin as grouped bars; log-softmax beside them, or
    below them when ``stacked`` (a phone: beside them, the log-softmax panel's tick labels
    lay on the probabilities' bars).

    The three distributions share a [0, 1] axis; log-softmax (<= 0, unbounded below)
    gets its own panel.
    """
    x = np.arange(len(names))  # (n,) class positions
    probs, logs = cell(1, 1, 2), cell(1, 2, 2)  # x/y and x2/y2, stacked or not
    data = [
        # values printed on the softmax bars only: three sets would overlap
        _bar(x, values, color(i), name=name,
             **_bar_text(present, values if i == 0 else None), **probs)
        for i, (name, values) in enumerate(
            [(softmax_name, softmax), (argmax_name, argmax), (softmin_name, softmin)])
    ]
    # log-softmax printed too: besides its worth (the loss reads log p), a panel without
    # labels made Plotly skip hiding the other panel's labels (`_labels_whole`)
    data.append(_bar(x, log_softmax, color(3), name=log_softmax_name,
                     **_bar_text(present, log_softmax), **logs))
    layout = _two_panels((prob_title, log_title), present=present,
                         height=PRESENT_HEIGHT if present else 400, stacked=stacked,
                         side=dict(column_widths=(0.64, 0.36)),
                         below=dict(row_heights=(0.6, 0.4)))
    layout = merge(layout, dict(barmode="group", hovermode="x", yaxis=dict(range=[0, 1.12]),
                                **_labels_whole(present)))
    return figure(data, every_axis(layout, "xaxis", _class_axis(names, phone=stacked)))


def _player(labels: list[str], current: int, *, frame_label: str, play: str, pause: str,
            present: bool) -> dict:
    """Play/Pause buttons and a slider over the frames ``labels``, below the plot."""
    step_args = dict(mode="immediate", frame=dict(duration=0, redraw=True),
                     transition=dict(duration=0))
    return dict(
        updatemenus=[dict(
            type="buttons", direction="left", showactive=False, x=0, y=-0.1,
            xanchor="left", yanchor="top", pad=dict(r=10, t=30),
            buttons=[
                dict(label=play, method="animate",
                     args=[None, dict(frame=dict(duration=120, redraw=True),
                                      transition=dict(duration=60), fromcurrent=True,
                                      mode="immediate")]),
                dict(label=pause, method="animate", args=[[None], step_args]),
            ],
        )],
        sliders=[dict(
            active=current, x=0.3 if present else 0.24, len=0.7 if present else 0.76,
            y=-0.1, yanchor="top", pad=dict(t=30),
            currentvalue=dict(prefix=frame_label, font=dict(size=20 if present else 14)),
            steps=[dict(label=label, method="animate", args=[[label], step_args])
                   for label in labels],
        )],
    )


def temperature_animation(names, temperatures, probs, *, title: str, y_title: str,
                          frame_label: str, play: str, pause: str, current: int = 0,
                          present: bool = False, stacked: bool = False) -> go.Figure:
    """Softmax bars animated over temperature, played in the browser (Plotly frames).

    Args:
        names: class names, length n.
        temperatures: the frame temperatures, increasing, length F.
        probs: (F, n) softmax probabilities, one row per temperature.
        current: index of the frame shown first. Default: 0, the lowest T, so that Play
            runs the whole way from one-hot to uniform.
        frame_label: slider prefix, e.g. ``"T = "``.
        play, pause: button labels.
        stacked: a phone's layout, the slider under the buttons (`stacked_player`).
    """
    x = np.arange(len(names))  # (n,) class positions
    labels = [format(float(t), "g") for t in temperatures]

    def bars(row):
        return _bar(x, row, color(0), **_bar_text(present, row, 2), showlegend=False)

    player = _player(labels, current, frame_label=frame_label, play=play, pause=pause,
                     present=present)
    layout = merge(styled(player, present=present, height=620 if present else 460,
                          title=title),
                   dict(hovermode="x", margin=dict(b=170 if present else 130),
                        yaxis=dict(range=[0, 1.12], title=dict(text=y_title)),
                        **_labels_whole(present)))
    layout = stacked_player(every_axis(layout, "xaxis", _class_axis(names, phone=stacked)),
                            stacked)
    return figure([bars(probs[current])], layout,
                  [dict(data=[bars(row)], name=label) for row, label in zip(probs, labels)])


def target_figure(names, p, y, grad, *, p_name: str, y_name: str,
                  grad_names: tuple[str, str], prob_title: str, grad_title: str,
                  present: bool = False, phone: bool = False) -> go.Figure:
    """Prediction against target (top) and the gradient in each logit (bottom); side by
    side in presentation mode, where two stacked panels would not fit under the tabs.

    The gradient's bars are two traces, ``grad_names = (name of ∂L/∂z > 0, name of
    ∂L/∂z < 0)``: a descent step lowers the first logits and raises the second, and the
    legend names both colours (one trace coloured bar by bar showed one swatch, the first
    bar's). Each bar is placed by its own width and offset, centred on its class: with
    stacked panels the x axis is shared, and a third group would squeeze the top's p and y
    into thirds. A zero gradient has no bar.
    """
    x = np.arange(len(names))  # (n,) class positions
    top, bottom = (cell(1, 1, 2), cell(1, 2, 2)) if present else (cell(1, 1, 1), cell(2, 1, 1))
    grad = np.asarray(grad)  # (n,)
    data = [
        _bar(x, p, color(0), name=p_name, **top),
        _bar(x, y, color(1), name=y_name, **top),
        *(_bar(x[side], grad[side], c, name=name, width=0.8, offset=-0.4,
               **_bar_text(present, grad[side]), **bottom)
          for side, c, name in ((grad > 0, color(3), grad_names[0]),
                                (grad < 0, color(2), grad_names[1]))),
    ]
    bound = max(float(np.max(np.abs(grad))) * 1.3, 0.05)
    grid = dict(rows=1, cols=2, horizontal_spacing=0.08) if present else dict(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.14)
    layout = _panels(grid.pop("rows"), grid.pop("cols"), present=present,
                     height=PRESENT_HEIGHT if present else 520,
                     titles=(prob_title, grad_title), **grid)
    layout = merge(layout, {"barmode": "group", "hovermode": "x", **_labels_whole(present),
                            axis_key(top["yaxis"]): dict(range=[0, 1.05]),
                            axis_key(bottom["yaxis"]): dict(range=[-bound, bound])})
    return figure(data, every_axis(layout, "xaxis", _class_axis(names, phone=phone)))


def loss_curve_figure(xs, loss, grad, x0: float, loss0: float, grad0: float, *,
                      x_title: str, loss_name: str, grad_name: str, point_name: str,
                      present: bool = False) -> go.Figure:
    """Loss (top) and its slope (bottom) as one logit moves, with the current point.

    The slope is the loss's colour, dashed, as the binary tab draws a gradient: the pink
    it had is the colour the gradient bars above give to ∂L/∂z > 0 alone, and the slope
    of the true class, negative all the way, was drawn in it.
    """
    width = line_width(present)
    marker = dict(size=16 if present else 11, color=color(1), symbol="circle")
    top, bottom = cell(1, 1, 1), cell(2, 1, 1)
    slope = _line(f32(xs), grad, grad_name, color(0), width, **bottom)
    slope["line"]["dash"] = dash(1)
    data = [
        _line(f32(xs), loss, loss_name, color(0), width, **top),
        slope,
        # the current point on both curves, one legend entry for the pair
        _points(f32([x0]), [loss0], point_name, marker, showlegend=True, **top),
        _points(f32([x0]), [grad0], point_name, marker, showlegend=False, **bottom),
    ]
    layout = _panels(2, 1, present=present, height=620 if present else 460,
                     shared_xaxes=True, vertical_spacing=0.08)
    layout = merge(layout, {axis_key(top["yaxis"]): dict(title=dict(text=loss_name)),
                            axis_key(bottom["yaxis"]): dict(title=dict(text=grad_name)),
                            axis_key(bottom["xaxis"]): dict(title=dict(text=x_title))})
    return figure(data, layout)


def worked_example_figure(p, q1, q2, *, outcome_names, p_name: str, q1_name: str,
                          q2_name: str, y_title: str, present: bool = False) -> go.Figure:
    """The true p and the two guesses q1, q2 as grouped bars."""
    x = np.arange(len(p))  # (4,) outcome positions
    data = [_bar(x, values, color(i), name=name, **_bar_text(present, values))
            for i, (name, values) in enumerate([(p_name, p), (q1_name, q1), (q2_name, q2)])]
    layout = merge(styled(present=present, height=PRESENT_HEIGHT if present else 360),
                   dict(barmode="group", hovermode="x",
                        yaxis=dict(range=[0, 0.6], title=dict(text=y_title)),
                        **_labels_whole(present)))
    return figure(data, every_axis(layout, "xaxis", _class_axis(outcome_names)))


def binary_figure(zs, curves, z0: float, point, *, sigmoid_name: str, loss_1_name: str,
                  loss_0_name: str, grad_1_name: str, grad_0_name: str, loss_title: str,
                  grad_title: str, x_title: str, present: bool = False) -> go.Figure:
    """Sigmoid (top), BCE for y = 1 and y = 0 (middle), their gradients (bottom); side by
    side in presentation mode, so all three fit a 1280x720 projector under the slider.

    ``curves`` is :func:`activations.playground.binary_curves` over ``zs``; ``point``
    the :class:`~activations.playground.BinaryPoint` at ``z0``, marked on every curve.
    Every curve has a legend entry: the colour tells y = 1 from y = 0, a dash the gradient
    from the loss (a loss and its gradient shared a colour and showed one swatch twice).
    """
    width = line_width(present)
    size = _marker_size(present)
    panels = [
        (1, "p", point.p, sigmoid_name, 0),
        (2, "loss_1", point.loss_1, loss_1_name, 2),
        (2, "loss_0", point.loss_0, loss_0_name, 3),
        (3, "grad_1", point.grad_1, grad_1_name, 2),
        (3, "grad_0", point.grad_0, grad_0_name, 3),
    ]
    data = []
    for row, field, value, name, c in panels:
        where = cell(1, row, 3) if present else cell(row, 1, 1)
        curve = _line(f32(zs), curves[field], name, color(c), width, **where)
        if row == 3:  # a gradient: its loss's colour, dashed
            curve["line"]["dash"] = dash(1)
        data.append(curve)
        data.append(_points(f32([z0]), [value], name, dict(size=size, color=color(c)),
                            showlegend=False, **where))
    if present:
        layout = _panels(1, 3, present=True, height=PRESENT_UNDER_SLIDER,
                         horizontal_spacing=0.1)  # each y title clears the panel on its left
        x_titles = {f"xaxis{i}": dict(title=dict(text=x_title)) for i in ("", "2", "3")}
        # the legend under the panels, where it can't cover a curve
        layout = merge(merge(layout, x_titles), dict(legend=dict(orientation="h", y=-0.36,
                                                                yanchor="top")))
    else:
        layout = _panels(3, 1, present=False, height=600, shared_xaxes=True,
                         vertical_spacing=0.06)
        layout = merge(layout, dict(xaxis3=dict(title=dict(text=x_title))))
    layout = merge(layout, dict(
        yaxis=dict(title=dict(text=sigmoid_name), range=[-0.05, 1.05]),
        yaxis2=dict(title=dict(text=loss_title)),
        yaxis3=dict(title=dict(text=grad_title), range=[-1.05, 1.05]),
    ))
    return figure(data, layout)


def regression_figure(target, pred, grads: dict, *, point_names, target_name: str,
                      pred_name: str, values_title: str, grad_title: str,
                      present: bool = False, stacked: bool = False) -> go.Figure:
    """Targets vs predictions (left, or above when ``stacked``: see `_two_panels`) and each
    loss's gradient per prediction (right, or below).

    ``grads`` maps a legend name to a gradient array, one bar group per point.
    """
    x = np.arange(len(target))  # (N,) point positions
    size = _marker_size(present)
    values, gradients = cell(1, 1, 2), cell(1, 2, 2)
    # One segment per point between target and prediction: the residual the losses see.
    # NaN after each pair breaks the line between points.
    seg_x = np.repeat(x, 3).astype(np.float64)  # (3N,)
    seg_y = np.column_stack([target, pred, np.full(len(x), np.nan)]).ravel()  # (3N,)
    data = [
        dict(type="scatter", x=seg_x, y=f32(seg_y), mode="lines", showlegend=False,
             hoverinfo="skip", line=dict(color="rgba(128,128,128,0.6)",
                                         width=line_width(present)), **values),
        _points(x, target, target_name, dict(size=size, color=color(1), symbol="diamond"),
                **values),
        _points(x, pred, pred_name, dict(size=size, color=color(0)), **values),
    ]
    data += [_bar(x, grad, color(i + 2), name=name, **gradients)
             for i, (name, grad) in enumerate(grads.items())]
    layout = _two_panels((values_title, grad_title), present=present,
                         height=PRESENT_UNDER_SLIDER if present else 380, stacked=stacked)
    layout = merge(layout, dict(barmode="group", hovermode="x"))
    return figure(data, every_axis(layout, "xaxis", _class_axis(point_names)))


def outlier_figure(offsets, sweep: dict, current: float, *, names: dict, x_title: str,
                   squared_title: str, linear_title: str, present: bool = False,
                   stacked: bool = False) -> go.Figure:
    """MSE (left) and RMSE, MAE (right) against the outlier's size, the current size marked;
    MSE above RMSE and MAE when ``stacked`` (a phone: side by side, the two x titles ran
    into each other and off the screen's edges). Each panel has its own x title.

    MSE is in squared units, RMSE and MAE in the data's units, hence two panels.
    ``sweep`` is :func:`activations.playground.outlier_sweep`; ``names`` maps its keys
    (``"mse"``, ``"rmse"``, ``"mae"``) to legend names.
    """
    width = line_width(present)
    offsets = np.asarray(offsets)  # (S,)
    index = int(np.argmin(np.abs(offsets - current)))  # the sweep point nearest `current`
    data = []
    for i, key in enumerate(("mse", "rmse", "mae")):
        where = cell(1, 1 if key == "mse" else 2, 2)  # x/y and x2/y2, stacked or not
        data.append(_line(f32(offsets), sweep[key], names[key], color(i + 2), width, **where))
        data.append(_points(f32(offsets[index:index + 1]), sweep[key][index:index + 1],
                            names[key], dict(size=_marker_size(present), color=color(i + 2)),
                            showlegend=False, **where))
    # stacked, the upper x title and the lower panel's title need room between them
    layout = _two_panels((squared_title, linear_title), present=present,
                         height=520 if present else 380, stacked=stacked, down=0.22)
    layout = every_axis(layout, "xaxis", dict(title=dict(text=x_title)))
    return figure(data, every_axis(layout, "yaxis", dict(rangemode="tozero")))


def _ticks_up_to(top: float) -> list[float]:
    """0 and the multiples of a round step (1, 2 or 5 times a power of ten) up to ``top``,
    three or more: the slope axis's ticks, none below 0 (a slope axis read −0.1 under a
    curve that is never negative)."""
    base = 10.0 ** np.floor(np.log10(top))
    step = next(m * base for m in (5, 2, 1, 0.5) if top / (m * base) >= 2)
    return [float(i * step) for i in range(int(top / step + 1e-9) + 1)]


def _jump_marks(sweep, present: bool) -> list[dict]:
    """Argmax's step at the jump m, as a textbook draws it: a filled dot at the value
    argmax takes there, a hollow one at the value it does not (its class wins a tie only if
    it comes first)."""
    taken = float(sweep.wins_tie)
    size = _marker_size(present)
    return [
        _points([sweep.jump], [taken], "", dict(size=size, color=color(1), symbol="circle"),
                showlegend=False, hoverinfo="skip", **cell(1, 1, 1)),
        _points([sweep.jump], [1.0 - taken], "",
                dict(size=size, color=color(1), symbol="circle-open",
                     line=dict(width=2.5 if present else 2, color=color(1))),
                showlegend=False, hoverinfo="skip", **cell(1, 1, 1)),
    ]


def logit_sweep_figure(sweep, *, softmax_name: str, argmax_name: str, point_name: str,
                       undefined_text: str, peak_text: str, p_title: str, slope_title: str,
                       x_title: str, present: bool = False, phone: bool = False) -> go.Figure:
    """Class k's output (top) and its slope (bottom) as its logit alone moves: softmax's S
    and its bump against argmax's step and its flat 0, the current logit marked.

    ``sweep`` is :func:`activations.softmax.logit_sweep`. Argmax's step is two flat pieces
    with nothing drawn between them (a sloped segment would claim values argmax never
    takes), and a filled and a hollow dot at the jump (`_jump_marks`); below, its slope is
    0 on either side and a hollow dot on the jump, labelled ``undefined_text``: no slope
    there. ``peak_text`` is written over the bump's top (1/(4T)) when it is on the chart.
    The x values go as float64: beside logits of ±10000 a bump 0.05 wide (T = 0.01) would
    round onto a few float32 values. The two labels are in the theme's text colour
    (`THEME_TEXT`, which Streamlit swaps for it): the curves' blue on a dark page is 3.6:1.
    """
    width = line_width(present)
    size = _marker_size(present)
    top, bottom = cell(1, 1, 1), cell(2, 1, 1)
    # the slope's axis runs from under 0 (room for the hole's label) to over the peak (room
    # for its number), whatever T: the bump always fills the panel, its ticks say how tall
    peak = float(sweep.peak) if np.isfinite(sweep.peak) else float(np.max(sweep.soft_slope))
    xs = np.asarray(sweep.xs, dtype=np.float64)  # (S,)
    lo, hi, m = float(xs[0]), float(xs[-1]), float(sweep.jump)
    pieces = [lo, m, None, m, hi]  # argmax's two flat pieces, broken at the jump
    current = dict(size=size + 4, symbol="diamond", line=dict(width=1, color="white"))
    data = [
        _line(xs, sweep.soft, softmax_name, color(0), width, legendgroup="soft", **top),
        # solid: dashed, a bump 0.035 wide (T = 0.01) was drawn as two or three dashes
        _line(xs, sweep.soft_slope, softmax_name, color(0), width, legendgroup="soft",
              showlegend=False, **bottom),
        dict(type="scatter", mode="lines", x=pieces, y=[0, 0, None, 1, 1], name=argmax_name,
             line=dict(color=color(1), width=width), legendgroup="hard", **top),
        # dashed, so softmax's slope shows between the dashes where it is near 0 too
        dict(type="scatter", mode="lines", x=pieces, y=[0, 0, None, 0, 0], name=argmax_name,
             line=dict(color=color(1), width=width, dash=dash(1)), legendgroup="hard",
             showlegend=False, **bottom),
        *_jump_marks(sweep, present),
        # the jump has no slope: a hole in the flat 0, named under it (where no curve goes:
        # softmax's slope is never below 0)
        _points([m], [0.0], "", dict(size=size, color=color(1), symbol="circle-open",
                                     line=dict(width=2.5 if present else 2, color=color(1))),
                showlegend=False, hoverinfo="skip", **bottom),
        dict(type="scatter", mode="text", x=[m], y=[-0.26 * peak], text=[_plain(undefined_text)],
             textposition="middle center",
             textfont=dict(size=_label_size(present) + 1, color=THEME_TEXT),
             showlegend=False, hoverinfo="skip", cliponaxis=False, **bottom),
        # the current logit on each curve; one legend entry for them all
        _points([sweep.z], [sweep.p], point_name, dict(current, color=color(0)),
                legendgroup="now", **top),
        _points([sweep.z], [sweep.h], point_name, dict(current, color=color(1)),
                legendgroup="now", showlegend=False, **top),
        _points([sweep.z], [sweep.slope], point_name, dict(current, color=color(0)),
                legendgroup="now", showlegend=False, **bottom),
    ]
    if not sweep.at_jump:  # on the jump argmax has no slope to mark
        data.append(_points([sweep.z], [0.0], point_name, dict(current, color=color(1)),
                            legendgroup="now", showlegend=False, **bottom))
    if lo < sweep.midpoint < hi:  # the peak's number, on the side away from the current point
        side = "top left" if sweep.z >= sweep.midpoint else "top right"
        data.append(dict(type="scatter", mode="text", x=[sweep.midpoint],
                         y=[1.04 * peak], text=[_plain(peak_text)], textposition=side,
                         textfont=dict(size=_label_size(present) + 1, color=THEME_TEXT),
                         showlegend=False, hoverinfo="skip", cliponaxis=False, **bottom))
    height = PRESENT_SWEEP_HEIGHT if present else PHONE_SWEEP_HEIGHT if phone else SWEEP_HEIGHT
    ticks = _ticks_up_to(1.35 * peak)
    layout = _panels(2, 1, present=present, height=height, titles=(p_title, slope_title),
                     shared_xaxes=True, vertical_spacing=0.16)
    layout = merge(layout, {
        axis_key(top["xaxis"]): dict(range=[lo, hi]),
        axis_key(bottom["xaxis"]): dict(range=[lo, hi], title=dict(text=x_title)),
        axis_key(top["yaxis"]): dict(range=[-0.12, 1.12], tickvals=[0, 0.5, 1]),
        axis_key(bottom["yaxis"]): dict(range=[-0.42 * peak, 1.4 * peak], tickvals=ticks,
                                        ticktext=[fmt_chart(v) for v in ticks]),
        "hovermode": "x",
    })
    return figure(data, layout)

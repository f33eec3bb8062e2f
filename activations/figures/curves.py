"""Figures of the activation explorer: f, f', f(kx)/k and differences on a shared grid.

Every curve keeps one colour across figures. x is never sent: traces carry ``x0`` and
``dx`` of the shared grid and float32 y values. Each text a figure shows (titles, axis and
hover labels, legend names, zone notes) is passed in by the page.

Speed: these run on every rerun of the page (a slider drag), so figures are plain dicts
made into a ``go.Figure`` once (see `style`). Shaded zones are filled traces, not layout
shapes (a shape costs ~3 ms to build).

Saturation zones are drawn as *lanes*: one thin strip per curve along the bottom of the
plot, in the curve's colour. Full-height bands of several curves mixed into unlabelled
browns; a lane tells at once which curve saturates where. The lanes have a band of the
plot's height to themselves, on an invisible axis of their own (`style.lane_band`, as
gradient flow's strips of exactly-0 layers): the curves' y axis spans the data alone, so
no tick label (a "−2" under f's [−1.5, 1.5] zoom) stands beside the strips, where it
would name no value of any curve. Dead zones (f' = 0) stay full-height red bands named in
the legend.

f and f' stand side by side, so their plots must have one height, or their x axes do not
line up. Plotly grows the bottom margin to fit the legend, which wraps at the plot's
width: the two legends hold the same entries in the same order (`curves_figure`'s
``legend_room``) and the two plots the same left margin (`LEFT_ROOM`), so both wrap into
the same rows. f''s one entry of its own, the threshold, ends its legend (`LEGEND_RANK`):
f's clear entry in its place then never leaves a blank row between two of f's entries.

A slope that is tiny but not 0 on a stretch (LeakyReLU's 0.01 for x < 0) lies on the
zero line of a 0..1 axis, and reads as 0. Where it is constant the f' chart writes it
there, in the curve's colour ("f′ = 0.01", `_faint_notes`).

A jump (the step at 0, Threshold at its t, Hardshrink at ±λ) is drawn as a textbook draws
it, not as matplotlib's vertical connector: f broken there, a filled dot at the value f
takes (PyTorch's) and a hollow dot at the other side's limit; f' broken too, with a hollow
dot at each side's limit, since f' has no value there (`_jump_traces`). A kink (ReLU at 0)
is continuous and gets none on f; but f' jumps there (ReLU's from 0 to 1), so f' is drawn
broken there the same way, filled at PyTorch's gradient at the kink (ReLU'(0) = 0) and
hollow at the other side's limit (`Line.kinks`). The grid carries no x, so the line loses
its one grid point nearest the jump and short *stubs* (x given) join each side to its
limit at the jump. The f(kx)/k chart draws f's jumps so, and f(kx)/k's, met at x_j/k
(`scale_figure`); the difference chart, which shows no f, breaks only (`difference_figure`).
At an end of the range only its inside is drawn (`explore.jumps`, `explore.slope_jumps`):
the step on [0, 3] starts with a filled dot at H(0) = 0 and a hollow one at 1, whole on the
plot's edge (``cliponaxis`` off).

`sweep_figure` animates one parameter: f and f' side by side (on a phone one above the
other), with Plotly frames and a slider, so playing it runs in the browser with no rerun of
the page. The moving curve's jumps and f''s at its kinks move, come and go with the frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import plotly.graph_objects as go

from ..numfmt import fmt_chart
from .style import (GRID, HOVER_FORMAT, SHADE, bands, cell, f32, figure, font_size, lane,
                    lane_band, lane_room, line_width, merge, stacked_player, styled, subplots,
                    two_panels)

__all__ = ["ZONE_OPACITY", "Line", "SweepTexts", "Texts", "Zones", "curves_figure",
           "difference_figure", "faint_runs", "scale_figure", "sweep_figure"]

ZONE_OPACITY = 0.55  # a curve's saturation lane: its own strip, so it can be strong
THRESHOLD_COLOR = "rgba(128,128,128,0.9)"
# Plotly's toolbar, upright at the right edge and without the rarely used zoom steps: lying
# along the top it covered the chart title on a 390 px phone.
MODEBAR = dict(orientation="v", remove=["zoomIn2d", "zoomOut2d", "autoScale2d"])
# A sweep played from end to end lasts this long at least: 17 values of Softplus beta at the
# usual 90 ms a frame went by in 1.5 s, too quick to follow on a projector.
SWEEP_PLAY_MS = 2700
# The sweep's two panels one above the other on a phone: each about as tall as the static
# charts there (380 px).
SWEEP_STACKED_HEIGHT = 760
# Left margin of the f and f' charts (px, by presentation mode): room for the y title and a
# tick label of four characters ("−0.5", measured in Chromium). Plotly sets it by the widest
# tick label, which differs between f and f' ("−2" beside "−0.5"): the plots then differed
# in width, their legends wrapped at different widths, and the plot heights differed with
# them. (A wider label still gets its room: Plotly grows the margin.)
LEFT_ROOM = {False: 76, True: 98}
# The f and f' plots' height (px, by presentation mode; the lanes' band included) under a
# legend of three rows (measured in Chromium at 1280 wide; 179 and 251 under two rows, 136
# under four): the room the lanes' band keeps for the lowest tick label
# (`style.lane_room`) is reckoned at this height, so a shorter plot gets a little less.
PLOT_PX = {False: 157, True: 224}
# A stretch of constant, non-zero slope is written on the f' chart when the slope is below
# this share of the axis's span (on a 0..1 axis 0.05, about 8 px on a laptop: it looks like
# 0) and it covers this share of the x range at least (room for its label).
FAINT_SHARE = 0.05
FAINT_MIN_RUN = 0.1
CLEAR_TEXT = "rgba(0,0,0,0)"
# Legend order (Plotly lists entries by rank, 1000 by default, then in trace order): the
# lanes' note first, right under the plot and its strips, and the threshold (f''s) and f's
# clear entry in its place last. Between the curves and the note, the clear entry wrapped
# onto a row of its own wherever the threshold did (three curves at 1280x720, the page's
# default), and f's legend had a blank row in the middle; last, it can only end f's
# legend, in its last row or in a row below it, where f' has the threshold.
LEGEND_RANK = {"lanes": 999, "threshold": 1001}
# A jump's dots, as the softmax page's one-logit chart draws argmax's step: size (px) by
# presentation mode, and the hollow dot's ring width.
JUMP_DOT = {False: 10, True: 14}
JUMP_RING = {False: 2.0, True: 2.5}


@dataclass(frozen=True)
class Line:
    """One curve as drawn: legend label, colour, and f and f' on the shared grid."""

    label: str
    color: str
    f: np.ndarray  # (n,) float32
    df: np.ndarray  # (n,) float32
    dash: str = "solid"  # a second cue besides the colour (`style.dash`)
    jumps: Sequence = ()  # `explore.Jump`s inside the range: f broken there, with dots
    kinks: Sequence = ()  # `explore.slope_jumps`: f' broken there, with f''s own dots


@dataclass(frozen=True)
class Texts:
    """What a figure says, in the page's language.

    ``title``, ``x`` and ``y`` are the chart and axis titles; ``f`` and ``df`` name f(x)
    and f'(x) in the hover text; ``faint`` (the f' chart) is the label of a slope too
    small to see, with ``{value}`` for its value.
    """

    title: str
    x: str
    y: str
    f: str = "f(x)"
    df: str = "f'(x)"
    faint: str | None = None  # "f′ = {value}": writes faint slopes (`_faint_notes`)
    undefined: str = "undefined"  # f' at a jump, in the hover


@dataclass(frozen=True)
class Zones:
    """Shaded x intervals ``spans`` = ((lo, hi), ...), filled with ``color``.

    ``opacity`` is 1 for `SHADE` (it carries its own alpha); a curve colour needs
    `ZONE_OPACITY`. ``note`` names the zones in the legend. ``group`` (a curve's label)
    ties the zones to that curve's legend entry, so hiding the curve hides them too.
    """

    spans: tuple[tuple[float, float], ...]
    color: str = SHADE
    opacity: float = 1.0
    note: str | None = None
    group: str | None = None


def _figure(traces: list[dict], x0: float, x1: float, texts: Texts, present: bool,
            **layout) -> go.Figure:
    """Assemble a figure: shared style, titles, a fixed x range, then ``layout``."""
    base = styled(present=present, title=texts.title)
    # Axis titles at the text size (the Streamlit theme would shrink them on a projector).
    size = base["font"]["size"]
    mine = dict(
        xaxis=dict(title=dict(text=texts.x, font=dict(size=size)), range=[x0, x1],
                   hoverformat=HOVER_FORMAT, showspikes=True, spikemode="across",
                   spikecolor=GRID, spikethickness=1),
        yaxis=dict(title=dict(text=texts.y, font=dict(size=size))),
        # Zoom survives reruns (a slider move) until the x range itself changes.
        uirevision=f"{x0}:{x1}",
        # Under the plot: long labels (LeakyReLU (negative_slope=0.2)) take several rows,
        # and above it they would run into the title. Plotly grows the margin to fit.
        legend=dict(yanchor="top", y=-0.4, xanchor="left", x=0),
        modebar=MODEBAR,
    )
    return figure(traces, merge(merge(base, mine), layout))


def _line(x0: float, dx: float, y: np.ndarray | None, name: str, color: str, width: float,
          hover: str, dash: str = "solid", **extra) -> dict:
    """A line on the shared grid: ``x0`` and ``dx`` stand in for the x array."""
    return dict(type="scatter", mode="lines", x0=x0, dx=dx, y=f32(y), name=name,
                line=dict(color=color, width=width, dash=dash), hovertemplate=hover, **extra)


def _nearest(x0: float, dx: float, n: int, x: float) -> int:
    """The index of the grid point nearest ``x``."""
    return int(min(max(round((x - x0) / dx), 0), n - 1))


def _broken(y: np.ndarray, x0: float, dx: float, points: Sequence[float]) -> np.ndarray:
    """``y`` (n,) as float32 with NaN, a gap in Plotly's line, at the grid point nearest
    each of ``points``: no segment joins the two sides of a jump."""
    out = np.array(y, dtype=np.float32)  # (n,)
    for x in points:
        out[_nearest(x0, dx, len(out), x)] = np.nan
    return out


def _stubs(y: np.ndarray, x0: float, dx: float, ends) -> tuple[list, list]:
    """x and y of the short lines from the grid points beside each jump (outside the gap
    `_broken` leaves) to its limits: ``ends`` holds (x, left limit, right limit)."""
    n, xs, ys = len(y), [], []
    for x, lo, hi in ends:
        i = _nearest(x0, dx, n, x)
        if i > 0:
            xs += [x0 + (i - 1) * dx, x, None]
            ys += [float(y[i - 1]), lo, None]
        if i < n - 1:
            xs += [x, x0 + (i + 1) * dx, None]
            ys += [hi, float(y[i + 1]), None]
    return xs, ys


def _jump_points(jumps, derivative: bool) -> tuple[list, list, list, list]:
    """The dots of ``jumps``: filled (x, y) where f takes its value (none on f'), hollow
    (x, y) at each limit it does not take (on f', each side's limit of the slope)."""
    fx, fy, hx, hy = [], [], [], []
    for j in jumps:
        if derivative:
            ends = {j.slope_left, j.slope_right}
        else:
            fx.append(j.x)
            fy.append(j.at)
            ends = j.untaken()
        hx += [j.x] * len(ends)
        hy += sorted(ends)
    return fx, fy, hx, hy


def _jump_traces(line: Line, y: np.ndarray, x0: float, dx: float, derivative: bool,
                 width: float, present: bool, hover: str, **extra) -> list[dict]:
    """``line``'s stubs and dots at its jumps (see the module docstring), in its legend
    group (hiding the curve hides them) and with no legend entry of their own. Only the
    filled dot hovers (``hover``: f's value there, f' undefined)."""
    ends = [(j.x, j.slope_left, j.slope_right) if derivative else (j.x, j.left, j.right)
            for j in line.jumps]
    sx, sy = _stubs(y, x0, dx, ends)
    fx, fy, hx, hy = _jump_points(line.jumps, derivative)
    common = dict(type="scatter", legendgroup=line.label, showlegend=False, name=line.label,
                  **extra)
    size = JUMP_DOT[present]
    # a dot at an end of the range (the step's at 0 on [0, 3]) whole, not cut in half by the
    # plot's edge; Plotly still hides the dots a zoom leaves outside the axes
    dots = dict(common, mode="markers", cliponaxis=False)
    traces = [dict(common, mode="lines", x=sx, y=sy, hoverinfo="skip",
                   line=dict(color=line.color, width=width, dash=line.dash)),
              dict(dots, x=hx, y=hy, hoverinfo="skip",
                   marker=dict(size=size, color=line.color, symbol="circle-open",
                               line=dict(width=JUMP_RING[present], color=line.color)))]
    if not derivative:
        traces.append(dict(dots, x=fx, y=fy, hovertemplate=hover,
                           marker=dict(size=size, color=line.color, symbol="circle")))
    return traces


def _y_range(arrays: Sequence[np.ndarray], extra: Sequence[float] = ()) -> list[float]:
    """The data's y extent plus 5% each side (bands are drawn to exactly these edges)."""
    lo = min([float(np.min(a)) for a in arrays if len(a)] + list(extra), default=0.0)
    hi = max([float(np.max(a)) for a in arrays if len(a)] + list(extra), default=1.0)
    pad = 0.05 * (hi - lo) if hi > lo else 0.5
    return [lo - pad, hi + pad]


def _bands(z: Zones, y0: float, y1: float, max_bands: int) -> dict:
    """One filled trace holding the first ``max_bands`` bands of ``z``, from y0 to y1."""
    return bands(z.spans[:max_bands], y0, y1, z.color, z.opacity, z.note, z.group)


def _lanes(lanes: Sequence[Zones], max_bands: int) -> list[dict]:
    """Lane i (bottom up) holds ``lanes[i]``'s first ``max_bands`` spans, on the lanes' axis
    ``y2`` (`style.lane_band`)."""
    return [lane(i, z.spans[:max_bands], z.color, z.opacity, "y2", z.note, z.group)
            for i, z in enumerate(lanes) if z.spans]


def _lane_note(note: str) -> dict:
    """A legend-only grey square saying what the lanes mean."""
    return dict(type="scatter", mode="markers", x=[None], y=[None], name=note, yaxis="y2",
                hoverinfo="skip", legendrank=LEGEND_RANK["lanes"],
                marker=dict(symbol="square", size=12, color="rgba(128,128,128,0.7)"))


def _legend_room(name: str) -> dict:
    """A legend entry drawn clear: as wide as an entry ``name`` of the chart beside and in
    its place, last (`LEGEND_RANK`), so that both legends wrap into the same rows (see the
    module docstring)."""
    return dict(type="scatter", mode="lines", x=[None], y=[None], hoverinfo="skip",
                name=f'<span style="color:{CLEAR_TEXT}">{name}</span>',
                legendrank=LEGEND_RANK["threshold"],
                line=dict(color=CLEAR_TEXT, width=1))


def faint_runs(y: np.ndarray, span: float) -> list[tuple[int, int]]:
    """Runs ``(first, last)`` (indices, inclusive) where ``y`` holds one value that is not 0
    yet under `FAINT_SHARE` of ``span`` in size, over `FAINT_MIN_RUN` of the points or
    more: a slope drawn on an axis ``span`` tall that reads as 0. Longest first."""
    y = np.asarray(y)  # (n,)
    if y.size < 2:
        return []
    cuts = np.flatnonzero(y[1:] != y[:-1]) + 1  # where a new value starts
    starts = np.r_[0, cuts]
    ends = np.r_[cuts - 1, y.size - 1]
    runs = [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)
            if y[a] != 0 and abs(float(y[a])) < FAINT_SHARE * span
            and b - a + 1 >= FAINT_MIN_RUN * y.size]
    return sorted(runs, key=lambda r: r[0] - r[1])


def _clear_spot(a: int, b: int, value: float, others: Sequence[np.ndarray],
                span: float) -> int:
    """Where over the run ``a..b`` a label just above ``value`` crosses the fewest points of
    the ``others`` (sigmoid's slope climbs through LeakyReLU's label in the middle of
    x < 0): the middle of a window of about the label's size (a sixth of the x range, a
    tenth of the axis's height), the one nearest the run's middle among the best."""
    n = len(others[0]) if others else 0
    half = max(1, n // 12)
    band = (value, value + 0.1 * span)
    lo, hi = min(a + half, (a + b) // 2), max(b - half, (a + b) // 2)
    centres = np.unique(np.linspace(lo, hi, 25).round().astype(int))  # (<= 25,)

    def crossed(c: int) -> int:
        window = slice(max(c - half, 0), c + half + 1)
        return sum(int(np.sum((y[window] >= band[0]) & (y[window] <= band[1])))
                   for y in others)

    return int(min(centres, key=lambda c: (crossed(c), abs(2 * c - a - b))))


def _faint_notes(lines: Sequence[Line], x0: float, dx: float, span: float, form: str,
                 present: bool) -> list[dict]:
    """An annotation over the longest faint stretch of each curve's f' (`faint_runs`): its
    value (``form`` with ``{value}``) in the curve's colour, just above the line, where the
    other curves leave it room (`_clear_spot`). Labels whose stretches overlap go one above
    the other."""
    notes, placed = [], []
    size = font_size(present)
    for line in lines:
        runs = faint_runs(line.df, span)
        if not runs:
            continue
        a, b = runs[0]
        level = sum(1 for c, d in placed if a <= d and c <= b)
        placed.append((a, b))
        others = [other.df for other in lines if other is not line]
        spot = _clear_spot(a, b, float(line.df[a]), others, span) if others else (a + b) / 2
        notes.append(dict(
            x=x0 + spot * dx, y=float(line.df[a]), xref="x", yref="y",
            text=form.format(value=fmt_chart(float(line.df[a]))), showarrow=False,
            yanchor="bottom", yshift=2 + level * round(size * 1.4),
            font=dict(color=line.color, size=size)))
    return notes


def curves_figure(
    x0: float, dx: float, lines: Sequence[Line], texts: Texts, *,
    derivative: bool = False,
    saturation: Sequence[Zones] = (),
    lane_note: str | None = None,
    dead: Sequence[Zones] = (),
    threshold: tuple[float, str] | None = None,
    legend_room: Sequence[str] = (),
    samples: Sequence[tuple[str, str, np.ndarray, np.ndarray]] = (),
    y_range: Sequence[float] | None = None,
    height: int | None = None,
    present: bool = False,
    max_bands: int = 24,
) -> go.Figure:
    """f (or f' with ``derivative=True``) of every line on the grid ``x0 + i * dx``.

    Hovering shows x, f(x) and f'(x) of every curve: each trace carries the other array as
    ``customdata``. ``saturation`` holds one `Zones` per line, drawn as that line's lane
    along the bottom (``lane_note`` names lanes, first in the legend); ``dead`` shades
    full-height red bands named in the legend by their ``note``; ``threshold`` = (y, name)
    draws a dotted horizontal line (|f'| = 0.01 on the f' figure; last in the legend);
    ``legend_room`` names the entries the chart beside has and this one lacks (f's room for
    f''s threshold, last as it is there): each gets a clear entry, so the two legends
    take the same rows; ``samples`` = (name, colour, x, y) adds marker clouds (RReLU's
    training draws). The y range is the data's (plus 5%), or ``y_range`` when given (a
    zoom); ``height`` overrides the style's chart height. With ``texts.faint`` set, a
    constant slope too small to see is written on it.
    """
    n = len(lines[0].f) if lines else 1
    x1 = x0 + (n - 1) * dx
    width = line_width(present)
    ys = [line.df if derivative else line.f for line in lines]
    if y_range is None:
        y_range = _y_range([*ys, *(s[3] for s in samples)],
                           [threshold[0]] if threshold else ())
    y_range = [float(v) for v in y_range]
    lanes = _lanes(saturation, max_bands)
    traces = [_bands(z, *y_range, max_bands) for z in dead if z.spans] + lanes
    f_ref, df_ref = ("customdata", "y") if derivative else ("y", "customdata")
    marks = []  # drawn over every line, so no line crosses a hollow dot
    for line, y in zip(lines, ys, strict=True):
        hover = (f"{line.label}: {texts.f} = %{{{f_ref}:{HOVER_FORMAT}}}, "
                 f"{texts.df} = %{{{df_ref}:{HOVER_FORMAT}}}<extra></extra>")
        kinks = line.kinks if derivative else ()  # f's kinks are f''s jumps
        points = [j.x for j in (*line.jumps, *kinks)]
        traces.append(_line(x0, dx, _broken(y, x0, dx, points), line.label, line.color,
                            width, hover, dash=line.dash, legendgroup=line.label,
                            customdata=f32(line.f if derivative else line.df)))
        if line.jumps:
            at = (f"{line.label}: {texts.f} = %{{y:{HOVER_FORMAT}}}, "
                  f"{texts.df}: {texts.undefined}<extra></extra>")
            marks += _jump_traces(line, y, x0, dx, derivative, width, present, at)
        if kinks:  # f' itself jumps: its value (filled) and the other limit (hollow)
            at = f"{line.label}: {texts.df} = %{{y:{HOVER_FORMAT}}}<extra></extra>"
            marks += _jump_traces(Line(line.label, line.color, line.f, line.df, line.dash,
                                       kinks), y, x0, dx, False, width, present, at)
    traces += marks
    for name, color, sx, sy in samples:
        traces.append(dict(
            type="scatter", mode="markers", x=f32(sx), y=f32(sy), name=name,
            marker=dict(color=color, size=9 if present else 6, opacity=0.75,
                        symbol="circle-open"),
            hovertemplate=f"{name}: %{{y:{HOVER_FORMAT}}}<extra></extra>",
        ))
    if threshold is not None:
        y, name = threshold
        traces.append(dict(type="scatter", mode="lines", x=[x0, x1], y=[y, y], name=name,
                           line=dict(color=THRESHOLD_COLOR, width=1.5, dash="dot"),
                           hoverinfo="skip", legendrank=LEGEND_RANK["threshold"]))
    traces += [_legend_room(name) for name in legend_room]  # in the threshold's place
    if lanes and lane_note:
        traces.append(_lane_note(lane_note))
    layout = dict(yaxis=dict(range=y_range), margin=dict(l=LEFT_ROOM[present]))
    if lanes:
        layout = merge(layout, lane_band(len(saturation),
                                         room=lane_room(present, PLOT_PX[present])))
    if derivative and texts.faint:
        layout["annotations"] = _faint_notes(lines, x0, dx, y_range[1] - y_range[0],
                                             texts.faint, present)
    if height:
        layout["height"] = height
    return _figure(traces, x0, x1, texts, present, **layout)


def scale_figure(
    x0: float, dx: float, lines: Sequence[Line], scaled: Sequence[np.ndarray],
    scaled_labels: Sequence[str], texts: Texts, *, present: bool = False,
    stacked: bool = False, scaled_jumps: Sequence[Sequence] = (),
) -> go.Figure:
    """f(x) solid and f(kx)/k dashed in the same colour: where they coincide, f is
    scale-equivariant. ``stacked`` (a phone): the legend in one column. Each line's jumps
    (`Line.jumps`) and ``scaled_jumps`` (f(kx)/k's of each line: `explore.scaled_jumps`, at
    x_j/k) are drawn as the f chart draws them: broken, a filled and a hollow dot."""
    n = len(lines[0].f) if lines else 1
    width = line_width(present)
    traces, marks = [], []
    moved = list(scaled_jumps) or [()] * len(lines)
    for line, ys, label, js in zip(lines, scaled, scaled_labels, moved, strict=True):
        for shown in (Line(line.label, line.color, line.f, line.df, "solid", line.jumps),
                      Line(label, line.color, ys, ys, "dash", tuple(js))):
            hover = f"{shown.label}: %{{y:{HOVER_FORMAT}}}<extra></extra>"
            points = [j.x for j in shown.jumps]
            traces.append(_line(x0, dx, _broken(shown.f, x0, dx, points), shown.label,
                                shown.color, width, hover, dash=shown.dash,
                                legendgroup=shown.label))
            if shown.jumps:
                marks += _jump_traces(shown, shown.f, x0, dx, False, width, present, hover)
    traces += marks  # over every line, as on the f chart
    # Two columns across the width (one on a phone), each curve's f and f(kx)/k in a row:
    # in columns of Plotly's own width "LeakyReLU (negative slope=0.2): f(2x)/2" ran into
    # the next entry.
    # (in trace order: each legend group, which hides a line's dots with it, would start a
    # row of its own)
    legend = dict(legend=dict(entrywidth=1 if stacked else 0.5, entrywidthmode="fraction",
                              traceorder="normal"))
    return _figure(traces, x0, x0 + (n - 1) * dx, texts, present, **legend)


def difference_figure(
    x0: float, dx: float, diffs: Sequence[tuple[str, str, str, np.ndarray, np.ndarray]],
    texts: Texts, *, titles: tuple[str, str] = ("f", "f′"), present: bool = False,
    jumps: Sequence[tuple[Sequence, Sequence]] = (),
) -> go.Figure:
    """Differences between curves, each entry (name of Δf, name of Δf', colour, Δf, Δf'):
    Δf on the left and Δf' on the right, each panel on its own y scale (the two gaps can
    differ by orders of magnitude), so a tiny gap (GELU's tanh form) shows. ``titles`` name
    the two panels. ``jumps`` holds each entry's (Δf's, Δf''s) jumps
    (`explore.difference_jumps`): the line breaks there, its stubs reaching each side's
    limit, with no dots (no curve's own value is drawn here)."""
    n = len(diffs[0][3]) if diffs else 1
    x1 = x0 + (n - 1) * dx
    width = line_width(present)
    traces, stubs = [], []
    breaks = list(jumps) or [((), ())] * len(diffs)
    for (name_f, name_df, color, d, dd), pair in zip(diffs, breaks, strict=True):
        for col, name, y, js in ((1, name_f, d, pair[0]), (2, name_df, dd, pair[1])):
            traces.append(_line(x0, dx, _broken(y, x0, dx, [j.x for j in js]), name, color,
                                width, f"{name} = %{{y:{HOVER_FORMAT}}}<extra></extra>",
                                legendgroup=name, **cell(1, col, 2)))
            if js:
                sx, sy = _stubs(y, x0, dx, [(j.x, j.left, j.right) for j in js])
                stubs.append(dict(type="scatter", mode="lines", x=sx, y=sy, name=name,
                                  legendgroup=name, showlegend=False, hoverinfo="skip",
                                  line=dict(color=color, width=width), **cell(1, col, 2)))
    traces += stubs
    grid = subplots(1, 2, subplot_titles=titles, horizontal_spacing=0.1)
    axis = dict(range=[x0, x1], hoverformat=HOVER_FORMAT,
                title=dict(text=texts.x))
    grid["xaxis"] = merge(grid["xaxis"], axis)
    grid["xaxis2"] = merge(grid["xaxis2"], axis)
    for key in ("yaxis", "yaxis2"):
        grid[key] = merge(grid[key], dict(exponentformat="power"))
    grid["yaxis"]["title"] = dict(text=texts.y)
    base = styled(grid, present=present, title=texts.title)
    layout = merge(base, dict(uirevision=f"{x0}:{x1}", hovermode="x", modebar=MODEBAR,
                              legend=dict(yanchor="top", y=-0.4, xanchor="left", x=0,
                                          traceorder="normal")))  # as `scale_figure`'s
    return figure(traces, layout)


def _pad(values: list, size: int) -> list:
    """``values`` with None appended up to ``size``: a frame's trace keeps its length (a
    jump that goes, Threshold's when v reaches t, leaves blank points)."""
    return values + [None] * (size - len(values))


def _moving_marks(moving: Line, f: np.ndarray, df: np.ndarray, steps: Sequence[Sequence],
                  kinks: Sequence[Sequence], start: int, x0: float, dx: float, width: float,
                  present: bool, hover: str, frames: list[dict]) -> list[dict]:
    """The swept curve's stubs and dots (`_jump_traces`) for frame ``start``, appended to
    the figure's traces; each of ``frames`` gets their data in that frame, each trace
    padded to its longest (`_pad`), and the line's gaps (``frames``' first two traces).
    ``steps`` holds each frame's jumps of f, ``kinks`` its jumps of f′ (either may be empty:
    then no frame carries its traces)."""
    sizes: dict[int, int] = {}  # trace -> its most points in any frame
    per_frame = []
    for k in range(len(frames)):
        jumps = tuple(steps[k]) if steps else ()
        bends = tuple(kinks[k]) if kinks else ()
        line = Line(moving.label, moving.color, f[k], df[k], moving.dash, jumps)
        cells = [_jump_traces(line, y, x0, dx, col == 2, width, present, hover,
                              **cell(1, col, 2))
                 for col, y in ((1, f[k]), (2, df[k]))] if steps else []
        if kinks:  # f′'s own jumps, drawn as f's are (`curves_figure`)
            cells.append(_jump_traces(replace(line, jumps=bends), df[k], x0, dx, False,
                                      width, present, hover, **cell(1, 2, 2)))
        marks = [m for c in cells for m in c]
        for i, m in enumerate(marks):
            sizes[i] = max(sizes.get(i, 0), len(m["x"]))
        per_frame.append(marks)
        frames[k]["data"][0]["y"] = _broken(f[k], x0, dx, [j.x for j in jumps])
        frames[k]["data"][1]["y"] = _broken(df[k], x0, dx, [j.x for j in (*jumps, *bends)])
    # every frame has the same traces: three on f and two on f' for f's jumps, three on f'
    # for its own, maybe empty, placed right after the moving line's two (the figure's last
    # traces so far)
    after = frames[0]["traces"][-1] + 1
    ids = list(range(after, after + len(sizes)))
    for frame, marks in zip(frames, per_frame, strict=True):
        frame["traces"] = frame["traces"] + ids
        frame["data"] += [dict(x=_pad(m["x"], sizes[i]), y=_pad(m["y"], sizes[i]))
                          for i, m in enumerate(marks)]
    return [dict(m, x=_pad(m["x"], sizes[i]), y=_pad(m["y"], sizes[i]))
            for i, m in enumerate(per_frame[start])]


@dataclass(frozen=True)
class SweepTexts:
    """What the animated chart says: panel titles, the x axis (in the hover), the slider's
    prefix (``β = ``) and the two buttons."""

    f: str
    df: str
    x: str
    prefix: str
    play: str
    pause: str
    title: str = ""


def sweep_figure(x0: float, dx: float, still: Sequence[Line], moving: Line,
                 f: np.ndarray, df: np.ndarray, labels: Sequence[str], start: int,
                 texts: SweepTexts, *, present: bool = False,
                 height: int | None = None, frame_ms: int | None = None,
                 stacked: bool = False, jumps: Sequence[Sequence] = (),
                 kinks: Sequence[Sequence] = ()) -> go.Figure:
    """f (left) and f' (right) of ``still`` lines, and of ``moving`` at each of the
    ``labels`` values: ``f`` and ``df`` are (frames, n) arrays on the grid ``x0 + i * dx``.

    The figure opens at frame ``start``; a Play/Pause pair and a slider step through the
    frames in the browser (Plotly ``frames``: each frame replaces only the moving curve's
    two traces, the last two). Both panels keep one y range across all frames, so the axes
    hold still while the curve moves. Play shows a frame every ``frame_ms``; by default 90 ms,
    slower for a short run, so that the whole run lasts at least `SWEEP_PLAY_MS`.
    ``stacked`` (a phone): f above f' (`two_panels`; side by side, f''s tick labels lay on
    f's plot), `SWEEP_STACKED_HEIGHT` tall, and the slider under the buttons
    (`stacked_player`), the figure that much taller again. ``jumps`` holds the moving
    curve's jumps in each frame (`explore.Sweep.jumps`): its line breaks there and its dots
    move with the frames (`_moving_marks`); a still line's come with it (`Line.jumps`).
    ``kinks`` holds the moving curve's jumps of f′ in each frame (`explore.Sweep.kinks`): its
    f′ breaks there, its dots (PyTorch's gradient filled) move, come and go the same way; a
    still line's come with it (`Line.kinks`).
    """
    n = f.shape[1]
    x1 = x0 + (n - 1) * dx
    width = line_width(present)
    traces, marks = [], []
    for col, arrays in ((1, [ln.f for ln in still]), (2, [ln.df for ln in still])):
        for line, y in zip(still, arrays, strict=True):
            own_dx = (x1 - x0) / max(len(y) - 1, 1)  # the still curves keep their own grid
            hover = f"{line.label}: %{{y:{HOVER_FORMAT}}}<extra></extra>"
            own = line.kinks if col == 2 else ()  # f''s own jumps (`curves_figure`)
            points = [j.x for j in (*line.jumps, *own)]
            traces.append(_line(x0, own_dx, _broken(y, x0, own_dx, points),
                                line.label, line.color, width, hover,
                                dash=line.dash, legendgroup=line.label, showlegend=col == 1,
                                **cell(1, col, 2)))
            if line.jumps:
                marks += _jump_traces(line, y, x0, own_dx, col == 2, width, present, hover,
                                      **cell(1, col, 2))
            if own:
                marks += _jump_traces(Line(line.label, line.color, line.f, line.df, line.dash,
                                           own), y, x0, own_dx, False, width, present,
                                      hover, **cell(1, col, 2))
    traces += marks
    hover = f"{moving.label}: %{{y:{HOVER_FORMAT}}}<extra></extra>"
    steps = list(jumps) if any(jumps) else []  # (frames,) of each frame's jumps
    bends = list(kinks) if any(kinks) else []  # (frames,) of each frame's f′ jumps
    f_gaps = [j.x for j in steps[start]] if steps else []
    df_gaps = f_gaps + ([j.x for j in bends[start]] if bends else [])
    moving_traces = [
        _line(x0, dx, _broken(y, x0, dx, points), moving.label, moving.color, width * 1.4,
              hover, dash=moving.dash, legendgroup=moving.label, showlegend=col == 1,
              **cell(1, col, 2))
        for col, y, points in ((1, f[start], f_gaps), (2, df[start], df_gaps))]
    traces += moving_traces
    ids = [len(traces) - 2, len(traces) - 1]
    frames = [dict(name=label, traces=ids, data=[dict(y=f32(f[k])), dict(y=f32(df[k]))])
              for k, label in enumerate(labels)]
    if steps or bends:  # the moving curve's jumps move, appear and go with its frames
        traces += _moving_marks(moving, f, df, steps, bends, start, x0, dx, width * 1.4,
                                present, hover, frames)
    grid = two_panels((texts.f, texts.df), stacked, across=0.08)
    if stacked:
        height = SWEEP_STACKED_HEIGHT
    for key in ("xaxis", "xaxis2"):  # no x title: the buttons and slider sit right below
        grid[key] = merge(grid[key], dict(range=[x0, x1], hoverformat=HOVER_FORMAT))
    grid["yaxis"] = merge(grid["yaxis"], dict(range=_y_range([f, *(ln.f for ln in still)])))
    grid["yaxis2"] = merge(grid["yaxis2"], dict(range=_y_range([df, *(ln.df for ln in still)])))
    base = styled(grid, present=present, title=texts.title or None, height=height)
    size = base["font"]["size"]
    frame_ms = frame_ms or max(90, -(-SWEEP_PLAY_MS // len(labels)))  # ceiling
    play = dict(frame=dict(duration=frame_ms, redraw=False), transition=dict(duration=0),
                fromcurrent=True, mode="immediate")
    stop = dict(frame=dict(duration=0, redraw=False), transition=dict(duration=0),
                mode="immediate")
    # Under the plot and over it, in shares of the plot's height: stacked, the plot is about
    # twice as tall, so half the share keeps the same distance in px.
    below, above = (-0.09, 1.04) if stacked else (-0.17, 1.08)
    menu = dict(type="buttons", direction="left", showactive=False, x=0, y=below,
                xanchor="left", yanchor="top", pad=dict(t=0, r=10),
                font=dict(size=size),
                buttons=[dict(label=texts.play, method="animate", args=[None, play]),
                         dict(label=texts.pause, method="animate", args=[[None], stop])])
    slider = dict(active=start, x=0.2, len=0.8, y=below, xanchor="left", yanchor="top",
                  pad=dict(t=0), font=dict(size=size),
                  currentvalue=dict(prefix=texts.prefix, font=dict(size=size + 2)),
                  steps=[dict(label=label, method="animate",
                              args=[[label], dict(stop, frame=dict(duration=0,
                                                                    redraw=False))])
                         for label in labels])
    layout = merge(base, dict(updatemenus=[menu], sliders=[slider], hovermode="x",
                              margin=dict(b=150 if present else 125),
                              legend=dict(yanchor="bottom", y=above, xanchor="left", x=0)))
    return figure(traces, stacked_player(layout, stacked), frames)

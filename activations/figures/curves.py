"""Figures of the activation explorer: f, f', f(kx)/k and differences on a shared grid.

Every curve keeps one colour across figures. x is never sent: traces carry ``x0`` and
``dx`` of the shared grid and float32 y values. Each text a figure shows (titles, axis and
hover labels, legend names, zone notes) is passed in by the page.

Speed: these run on every rerun of the page (a slider drag), so figures are plain dicts
made into a ``go.Figure`` once (see `style`). Shaded zones are filled traces, not layout
shapes (a shape costs ~3 ms to build).

Saturation zones are drawn as *lanes*: one thin strip per curve along the bottom of the
plot, in the curve's colour, on an invisible overlaid axis running 0..1. Full-height bands
of several curves mixed into unlabelled browns; a lane tells at once which curve saturates
where. Dead zones (f' = 0) stay full-height red bands named in the legend.

`sweep_figure` animates one parameter: f and f' side by side, with Plotly frames and a
slider, so playing it runs in the browser with no rerun of the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .style import (GRID, HOVER_FORMAT, LANE_AXIS, LANE_HEIGHT, SHADE, bands, below_lanes,
                    cell, f32, figure, lane_bottom, line_width, merge, stacked_player,
                    styled, subplots)

__all__ = ["ZONE_OPACITY", "Line", "SweepTexts", "Texts", "Zones", "curves_figure",
           "difference_figure", "scale_figure", "sweep_figure"]

ZONE_OPACITY = 0.55  # a curve's saturation lane: its own strip, so it can be strong
THRESHOLD_COLOR = "rgba(128,128,128,0.9)"
# Plotly's toolbar, upright at the right edge and without the rarely used zoom steps: lying
# along the top it covered the chart title on a 390 px phone.
MODEBAR = dict(orientation="v", remove=["zoomIn2d", "zoomOut2d", "autoScale2d"])
# A sweep played from end to end lasts this long at least: 17 values of Softplus beta at the
# usual 90 ms a frame went by in 1.5 s, too quick to follow on a projector.
SWEEP_PLAY_MS = 2700


@dataclass(frozen=True)
class Line:
    """One curve as drawn: legend label, colour, and f and f' on the shared grid."""

    label: str
    color: str
    f: np.ndarray  # (n,) float32
    df: np.ndarray  # (n,) float32
    dash: str = "solid"  # a second cue besides the colour (`style.dash`)


@dataclass(frozen=True)
class Texts:
    """What a figure says, in the page's language.

    ``title``, ``x`` and ``y`` are the chart and axis titles; ``f`` and ``df`` name f(x)
    and f'(x) in the hover text.
    """

    title: str
    x: str
    y: str
    f: str = "f(x)"
    df: str = "f'(x)"


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
    """Lane i (bottom up) holds ``lanes[i]``'s spans, on the overlaid axis ``y2`` (0..1 of
    the plot's height)."""
    traces = []
    for i, z in enumerate(lanes):
        if z.spans:
            y0 = lane_bottom(i)
            traces.append(dict(_bands(z, y0, y0 + LANE_HEIGHT, max_bands), yaxis="y2"))
    return traces


def _lane_note(note: str) -> dict:
    """A legend-only grey square saying what the lanes mean."""
    return dict(type="scatter", mode="markers", x=[None], y=[None], name=note, yaxis="y2",
                hoverinfo="skip",
                marker=dict(symbol="square", size=12, color="rgba(128,128,128,0.7)"))




def curves_figure(
    x0: float, dx: float, lines: Sequence[Line], texts: Texts, *,
    derivative: bool = False,
    saturation: Sequence[Zones] = (),
    lane_note: str | None = None,
    dead: Sequence[Zones] = (),
    threshold: tuple[float, str] | None = None,
    samples: Sequence[tuple[str, str, np.ndarray, np.ndarray]] = (),
    y_range: Sequence[float] | None = None,
    height: int | None = None,
    present: bool = False,
    max_bands: int = 24,
) -> go.Figure:
    """f (or f' with ``derivative=True``) of every line on the grid ``x0 + i * dx``.

    Hovering shows x, f(x) and f'(x) of every curve: each trace carries the other array as
    ``customdata``. ``saturation`` holds one `Zones` per line, drawn as that line's lane
    along the bottom (``lane_note`` names lanes in the legend); ``dead`` shades full-height
    red bands named in the legend by their ``note``; ``threshold`` = (y, name) draws a
    dotted horizontal line (|f'| = 0.01 on the f' figure); ``samples`` = (name, colour, x,
    y) adds marker clouds (RReLU's training draws). The y range is the data's (plus 5%),
    or ``y_range`` when given (a zoom); ``height`` overrides the style's chart height.
    """
    n = len(lines[0].f) if lines else 1
    x1 = x0 + (n - 1) * dx
    width = line_width(present)
    ys = [line.df if derivative else line.f for line in lines]
    if y_range is None:
        y_range = _y_range([*ys, *(s[3] for s in samples)],
                           [threshold[0]] if threshold else ())
    lanes = _lanes(saturation, max_bands)
    if lanes:  # the strips get their own room under the curves
        y_range = below_lanes(*y_range, len(saturation))
    y_range = [float(v) for v in y_range]
    traces = [_bands(z, *y_range, max_bands) for z in dead if z.spans] + lanes
    f_ref, df_ref = ("customdata", "y") if derivative else ("y", "customdata")
    for line, y in zip(lines, ys, strict=True):
        hover = (f"{line.label}: {texts.f} = %{{{f_ref}:{HOVER_FORMAT}}}, "
                 f"{texts.df} = %{{{df_ref}:{HOVER_FORMAT}}}<extra></extra>")
        traces.append(_line(x0, dx, y, line.label, line.color, width, hover, dash=line.dash,
                            legendgroup=line.label,
                            customdata=f32(line.f if derivative else line.df)))
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
                           hoverinfo="skip"))
    if lanes and lane_note:
        traces.append(_lane_note(lane_note))
    layout = dict(yaxis=dict(range=y_range), yaxis2=LANE_AXIS)
    if height:
        layout["height"] = height
    return _figure(traces, x0, x1, texts, present, **layout)


def scale_figure(
    x0: float, dx: float, lines: Sequence[Line], scaled: Sequence[np.ndarray],
    scaled_labels: Sequence[str], texts: Texts, *, present: bool = False,
    stacked: bool = False,
) -> go.Figure:
    """f(x) solid and f(kx)/k dashed in the same colour: where they coincide, f is
    scale-equivariant. ``stacked`` (a phone): the legend in one column."""
    n = len(lines[0].f) if lines else 1
    width = line_width(present)
    traces = []
    for line, ys, label in zip(lines, scaled, scaled_labels, strict=True):
        traces.append(_line(x0, dx, line.f, line.label, line.color, width,
                            f"{line.label}: %{{y:{HOVER_FORMAT}}}<extra></extra>"))
        traces.append(_line(x0, dx, ys, label, line.color, width,
                            f"{label}: %{{y:{HOVER_FORMAT}}}<extra></extra>", dash="dash"))
    # Two columns across the width (one on a phone), each curve's f and f(kx)/k in a row:
    # in columns of Plotly's own width "LeakyReLU (negative slope=0.2): f(2x)/2" ran into
    # the next entry.
    legend = dict(legend=dict(entrywidth=1 if stacked else 0.5, entrywidthmode="fraction"))
    return _figure(traces, x0, x0 + (n - 1) * dx, texts, present, **legend)


def difference_figure(
    x0: float, dx: float, diffs: Sequence[tuple[str, str, str, np.ndarray, np.ndarray]],
    texts: Texts, *, titles: tuple[str, str] = ("f", "f′"), present: bool = False,
) -> go.Figure:
    """Differences between curves, each entry (name of Δf, name of Δf', colour, Δf, Δf'):
    Δf on the left and Δf' on the right, each panel on its own y scale (the two gaps can
    differ by orders of magnitude), so a tiny gap (GELU's tanh form) shows. ``titles`` name
    the two panels."""
    n = len(diffs[0][3]) if diffs else 1
    x1 = x0 + (n - 1) * dx
    width = line_width(present)
    traces = []
    for name_f, name_df, color, d, dd in diffs:
        for col, name, y in ((1, name_f, d), (2, name_df, dd)):
            traces.append(_line(x0, dx, y, name, color, width,
                                f"{name} = %{{y:{HOVER_FORMAT}}}<extra></extra>",
                                **cell(1, col, 2)))
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
                              legend=dict(yanchor="top", y=-0.4, xanchor="left", x=0)))
    return figure(traces, layout)


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
                 stacked: bool = False) -> go.Figure:
    """f (left) and f' (right) of ``still`` lines, and of ``moving`` at each of the
    ``labels`` values: ``f`` and ``df`` are (frames, n) arrays on the grid ``x0 + i * dx``.

    The figure opens at frame ``start``; a Play/Pause pair and a slider step through the
    frames in the browser (Plotly ``frames``: each frame replaces only the moving curve's
    two traces, the last two). Both panels keep one y range across all frames, so the axes
    hold still while the curve moves. Play shows a frame every ``frame_ms``; by default 90 ms,
    slower for a short run, so that the whole run lasts at least `SWEEP_PLAY_MS`.
    ``stacked`` (a phone): the slider under the buttons (`stacked_player`), the figure that
    much taller than ``height``.
    """
    n = f.shape[1]
    x1 = x0 + (n - 1) * dx
    width = line_width(present)
    traces = []
    for col, arrays in ((1, [ln.f for ln in still]), (2, [ln.df for ln in still])):
        for line, y in zip(still, arrays, strict=True):
            own_dx = (x1 - x0) / max(len(y) - 1, 1)  # the still curves keep their own grid
            traces.append(_line(x0, own_dx, y, line.label, line.color, width,
                                f"{line.label}: %{{y:{HOVER_FORMAT}}}<extra></extra>",
                                dash=line.dash, legendgroup=line.label, showlegend=col == 1,
                                **cell(1, col, 2)))
    moving_traces = [
        _line(x0, dx, y, moving.label, moving.color, width * 1.4,
              f"{moving.label}: %{{y:{HOVER_FORMAT}}}<extra></extra>", dash=moving.dash,
              legendgroup=moving.label, showlegend=col == 1, **cell(1, col, 2))
        for col, y in ((1, f[start]), (2, df[start]))]
    traces += moving_traces
    ids = [len(traces) - 2, len(traces) - 1]
    frames = [dict(name=label, traces=ids, data=[dict(y=f32(f[k])), dict(y=f32(df[k]))])
              for k, label in enumerate(labels)]
    grid = subplots(1, 2, subplot_titles=(texts.f, texts.df), horizontal_spacing=0.08)
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
    menu = dict(type="buttons", direction="left", showactive=False, x=0, y=-0.17,
                xanchor="left", yanchor="top", pad=dict(t=0, r=10),
                font=dict(size=size),
                buttons=[dict(label=texts.play, method="animate", args=[None, play]),
                         dict(label=texts.pause, method="animate", args=[[None], stop])])
    slider = dict(active=start, x=0.2, len=0.8, y=-0.17, xanchor="left", yanchor="top",
                  pad=dict(t=0), font=dict(size=size),
                  currentvalue=dict(prefix=texts.prefix, font=dict(size=size + 2)),
                  steps=[dict(label=label, method="animate",
                              args=[[label], dict(stop, frame=dict(duration=0,
                                                                    redraw=False))])
                         for label in labels])
    layout = merge(base, dict(updatemenus=[menu], sliders=[slider], hovermode="x",
                              margin=dict(b=150 if present else 125),
                              legend=dict(yanchor="bottom", y=1.08, xanchor="left", x=0)))
    return figure(traces, stacked_player(layout, stacked), frames)

"""Figures of the activation explorer: f, f', f(kx)/k and differences on a shared grid.

Every curve keeps one colour across figures. x is never sent: traces carry ``x0`` and
``dx`` of the shared grid and float32 y values. Each text a figure shows (titles, axis and
hover labels, legend names, zone notes) is passed in by the page.

Speed: these run on every rerun of the page (a slider drag), so figures are plain dicts
made into a ``go.Figure`` once (see `style`). Shaded zones are filled traces, not layout
shapes (a shape costs ~3 ms to build).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .style import GRID, SHADE, f32, figure, line_width, merge, styled

__all__ = ["ZONE_OPACITY", "Line", "Texts", "Zones", "curves_figure", "difference_figure",
           "scale_figure"]

ZONE_OPACITY = 0.13  # a curve's saturation band: visible, and two overlapping stay readable
HOVER_FORMAT = ".4~g"
THRESHOLD_COLOR = "rgba(128,128,128,0.9)"


@dataclass(frozen=True)
class Line:
    """One curve as drawn: legend label, colour, and f and f' on the shared grid."""

    label: str
    color: str
    f: np.ndarray  # (n,) float32
    df: np.ndarray  # (n,) float32


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
    `ZONE_OPACITY`. ``note`` is written at the top of the first band.
    """

    spans: tuple[tuple[float, float], ...]
    color: str = SHADE
    opacity: float = 1.0
    note: str | None = None


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
        yaxis=dict(title=dict(text=texts.y, font=dict(size=size)), hoverformat=HOVER_FORMAT),
        # Zoom survives reruns (a slider move) until the x range itself changes.
        uirevision=f"{x0}:{x1}",
        # Under the plot: long labels (LeakyReLU (negative_slope=0.2)) take several rows,
        # and above it they would run into the title. Plotly grows the margin to fit.
        legend=dict(yanchor="top", y=-0.27, xanchor="left", x=0),
    )
    return figure(traces, merge(merge(base, mine), layout))


def _line(x0: float, dx: float, y: np.ndarray, name: str, color: str, width: float,
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
    """One filled trace holding every band of ``z``, from y0 to y1.

    A trace, not layout shapes: shapes are slow to build, and the bands, drawn first, stay
    under the curves. Its legend entry is ``z.note`` when given.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for lo, hi in z.spans[:max_bands]:
        xs += [lo, lo, hi, hi, None]
        ys += [y0, y1, y1, y0, None]
    return dict(type="scatter", mode="lines", x=xs, y=ys, fill="toself", fillcolor=z.color,
                opacity=z.opacity, line=dict(width=0), hoverinfo="skip",
                name=z.note or "", showlegend=bool(z.note))


def curves_figure(
    x0: float, dx: float, lines: Sequence[Line], texts: Texts, *,
    derivative: bool = False,
    saturation: Sequence[Zones] = (),
    dead: Sequence[Zones] = (),
    threshold: tuple[float, str] | None = None,
    samples: Sequence[tuple[str, str, np.ndarray, np.ndarray]] = (),
    present: bool = False,
    max_bands: int = 24,
) -> go.Figure:
    """f (or f' with ``derivative=True``) of every line on the grid ``x0 + i * dx``.

    Hovering shows x, f(x) and f'(x) of every curve: each trace carries the other array as
    ``customdata``. ``saturation`` and ``dead`` shade x intervals (a curve's colour for
    saturation, the shared red for dead zones, named in the legend by their ``note``);
    ``threshold`` = (y, name) draws a dotted horizontal line (|f'| = 0.01 on the f'
    figure); ``samples`` = (name, colour, x, y) adds marker clouds (RReLU's training draws).
    The y range is fixed to the data (plus 5%) so the bands fill the plot's height.
    """
    n = len(lines[0].f) if lines else 1
    x1 = x0 + (n - 1) * dx
    width = line_width(present)
    ys = [line.df if derivative else line.f for line in lines]
    y_range = _y_range([*ys, *(s[3] for s in samples)], [threshold[0]] if threshold else ())
    traces = [_bands(z, *y_range, max_bands) for z in (*saturation, *dead) if z.spans]
    f_ref, df_ref = ("customdata", "y") if derivative else ("y", "customdata")
    for line, y in zip(lines, ys, strict=True):
        hover = (f"{line.label}: {texts.f} = %{{{f_ref}:{HOVER_FORMAT}}}, "
                 f"{texts.df} = %{{{df_ref}:{HOVER_FORMAT}}}<extra></extra>")
        traces.append(_line(x0, dx, y, line.label, line.color, width, hover,
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
    return _figure(traces, x0, x1, texts, present, yaxis=dict(range=y_range))


def scale_figure(
    x0: float, dx: float, lines: Sequence[Line], scaled: Sequence[np.ndarray],
    scaled_labels: Sequence[str], texts: Texts, *, present: bool = False,
) -> go.Figure:
    """f(x) solid and f(kx)/k dashed in the same colour: where they coincide, f is
    scale-equivariant."""
    n = len(lines[0].f) if lines else 1
    width = line_width(present)
    traces = []
    for line, ys, label in zip(lines, scaled, scaled_labels, strict=True):
        traces.append(_line(x0, dx, line.f, line.label, line.color, width,
                            f"{line.label}: %{{y:{HOVER_FORMAT}}}<extra></extra>"))
        traces.append(_line(x0, dx, ys, label, line.color, width,
                            f"{label}: %{{y:{HOVER_FORMAT}}}<extra></extra>", dash="dash"))
    return _figure(traces, x0, x0 + (n - 1) * dx, texts, present)


def difference_figure(
    x0: float, dx: float, diffs: Sequence[tuple[str, str, str, np.ndarray, np.ndarray]],
    texts: Texts, *, present: bool = False,
) -> go.Figure:
    """Differences between curves, each entry (name of Δf, name of Δf', colour, Δf, Δf'):
    Δf solid and Δf' dotted, on their own scale, so a tiny gap (GELU's tanh form) shows."""
    n = len(diffs[0][3]) if diffs else 1
    width = line_width(present)
    traces = []
    for name_f, name_df, color, d, dd in diffs:
        for name, y, dash in ((name_f, d, "solid"), (name_df, dd, "dot")):
            traces.append(_line(x0, dx, y, name, color, width,
                                f"{name} = %{{y:{HOVER_FORMAT}}}<extra></extra>", dash=dash))
    return _figure(traces, x0, x0 + (n - 1) * dx, texts, present,
                   yaxis=dict(exponentformat="power"))

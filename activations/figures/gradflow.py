"""Figures of the gradient-flow page: per-layer gradient norms, activation distributions,
saturated and dead fractions. Each takes a list of `activations.gradflow.LayerStats`
(one per run) and the texts to show, and returns a ``go.Figure``.

Speed: the page redraws all four on every rerun, so each is assembled as plain trace and
layout dicts and made into one unvalidated figure (see `style`); the tests validate them.
"""

from __future__ import annotations

import numpy as np
import plotly.colors
import plotly.graph_objects as go

from ..gradflow import THEORY_TOLERANCE
from ..numfmt import round_stride
from .style import (axis_key, cell, color, f32, figure, font_size, lane, lane_band, lane_room,
                    lane_share, line_width, log_axis, log_span, merge, styled, subplots,
                    two_panels)

__all__ = ["gradient_norms", "distribution_boxes", "distribution_heatmaps", "unit_fractions",
           "draws_zero_strips", "theory_tolerance"]

MAX_BOXES = 50  # boxes per run on the distribution chart; deeper nets show evenly spaced layers
SYMBOLS = ("circle", "square", "diamond", "triangle-up")  # tells runs apart where lines overlap
# Marker sizes on the gradient and fraction charts, in px: the last run's, and how much
# larger each run before it is (see `_nested_sizes`); on a screen, and in presentation mode.
# At most MAX_MARKED layers get one (see `_marked`).
NEST, NEST_PRESENT = (8, 5), (10, 7)
MAX_MARKED = 15
CHAIN_COLOR = "#7F7F7F"  # the grey of the palette: a reference, not a run
# Viridis spelled out as Plotly's validator expands the name, stops at i / 9: plotly.js's own
# "Viridis" has other stops and would shade the heatmaps slightly differently.
VIRIDIS = [[i / (len(plotly.colors.sequential.Viridis) - 1), c]
           for i, c in enumerate(plotly.colors.sequential.Viridis)]
F32_MAX = float(np.finfo(np.float32).max)
# The gradient chart on a 1280x720 projector: what is left below the page's title, its
# one-line intro and the row of buttons (measured in Chromium, tests/browser).
PRESENT_HEIGHT = 470

# The two panels of the side-by-side figures, left and right.
LEFT, RIGHT = cell(1, 1, 2), cell(1, 2, 2)


def _symbol(i: int) -> str:
    return SYMBOLS[i % len(SYMBOLS)]


def _titled(text: str, **axis) -> dict:
    """An axis layout with a title."""
    return dict(axis, title=dict(text=text))


def _layer_axis(x_title: str, runs, **axis) -> dict:
    """The layer axis, from half a layer before the first to half after the last (where
    the strips end): left to itself, Plotly widens it for the nested markers and puts a
    tick on a layer 0 that isn't there. The markers at the ends overhang it (`cliponaxis`)."""
    if runs:
        axis = dict(axis, range=[0.5, runs[0].depth + 0.5])
    return _titled(x_title, **axis)


def _legend_below(present: bool, stacked: bool = False) -> dict:
    """Legend under the panels, so it can't cover the panel titles above them."""
    y = -0.12 if stacked else -0.27 if present else -0.28  # of the (taller) plot area
    return dict(legend=dict(orientation="h", yanchor="top", y=y, xanchor="left", x=0))


def _compact(a) -> np.ndarray:
    """float32 for the browser, unless a value is beyond float32's range (an exploding
    network reaches 1e200): then float64, so the cast neither overflows nor lies."""
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(invalid="ignore"):  # nan compares False without a warning anyway
        big = np.nanmax(np.abs(a), initial=0.0) if a.size else 0.0
    return f32(a) if big < F32_MAX else a


def _positive(a) -> np.ndarray:
    """Values for a log axis: 0 (an exactly vanished gradient) and non-finite become gaps.

    Kept float64 on purpose: gradient norms reach 1e-120 and more, beyond float32's range,
    and there are only ``depth`` of them.
    """
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a) & (a > 0), a, np.nan)


# Layers where a run's gradient is exactly 0 (every unit dead) have no place on a log axis:
# a strip along the panel's bottom, in the run's colour, marks them, one lane per run, as the
# explorer's lanes mark where f' fades: in a band of the panel's height of their own
# (`style.lane_band`), under the log axis, which spans the data alone. (Drawn over a log
# axis lowered to make room, the strip lay beside its lowest tick and read as 10⁻¹⁴.)
ZERO_OPACITY = 0.75
# The strips' axes: the left panel's band, the right panel's.
BAND = {"y": "y3", "y2": "y4"}


def _zero_spans(layers, norms) -> list[tuple[float, float]]:
    """The stretches of consecutive layers whose norm is exactly 0 (an overflow, inf or
    nan, is not), each widened by half a layer on both sides."""
    spans: list[tuple[float, float]] = []
    for layer, zero in zip(np.asarray(layers, dtype=np.float64).tolist(),
                           np.asarray(norms, dtype=np.float64) == 0):
        if not zero:
            continue
        if spans and spans[-1][1] == layer - 0.5:
            spans[-1] = (spans[-1][0], layer + 0.5)
        else:
            spans.append((layer - 0.5, layer + 0.5))
    return spans


def draws_zero_strips(runs) -> bool:
    """Whether `gradient_norms` draws a strip of exactly-0 layers for any of ``runs``
    (on either panel): what a caption may say about strips."""
    return any(_zero_spans(run.layers, norms)
               for run in runs for norms in (run.grad_h_norm, run.grad_w_norm))


def _zero_strip(i: int, run, norms, name: str | None, panel: dict) -> list[dict]:
    """Run ``i``'s strip in the band of ``panel`` (its axis refs) over the layers where
    ``norms`` is exactly 0; in the legend as ``name`` unless None. A legend group of its own
    (both panels' strips together): in the run's group it made a third row of legend, which
    the panels' shorter plot then laid on the x titles."""
    spans = _zero_spans(run.layers, norms)
    if not spans:
        return []
    return [dict(lane(i, spans, color(i), ZERO_OPACITY, BAND[panel["yaxis"]], name,
                      f"zero{i}"),
                 legendrank=1002, xaxis=panel["xaxis"])]


def _lanes(runs, norms_of) -> int:
    """The lanes a panel's band holds: one per run up to the last with an exactly-0 layer
    in ``norms_of(run)`` (lane i is run i's), or 0: no band."""
    return max((i + 1 for i, r in enumerate(runs) if _zero_spans(r.layers, norms_of(r))),
               default=0)


def _data_axis(values, lanes: int) -> dict:
    """The log axis over ``values``; above a band of strips with no positive value at all,
    one decade without tick labels."""
    if lanes and log_span(*values) is None:
        return dict(log_axis(), range=[0, 1], showticklabels=False)
    return log_axis(*values)


def _chain_line(runs, reference):
    """The 0.25^n reference, cut where it falls 1000x below every measured norm."""
    measured = np.concatenate([_positive(r.grad_h_norm) for r in runs])
    floor = np.nanmin(measured) / 1e3 if np.isfinite(measured).any() else 0.0
    ref = _positive(reference)
    return np.where(ref >= floor, ref, np.nan)


# The prediction is drawn under its measurement, wide and pale, so that where the two agree
# (most layers, most runs) its dashes show on both sides of the measured line: drawn thin
# and on top, in the same colour, it vanished into the line it predicts.
THEORY_WIDTH = 2.6  # x the measured line's width
# Pale on white; at 0.45 the darker colours (blue, green) all but vanished into the dark
# theme's background, so a little more.
THEORY_OPACITY = 0.6


# Where the measured line shows outside its pale band: its centre further from the
# prediction than the band's half-width and its own width, in a panel about this tall
# (px; in Chromium at 1280x720, on a screen and on a projector alike, and each of a
# phone's stacked panels).
PANEL_PX = 290
AUTORANGE_PAD = 0.05  # of the span, each side: about what Plotly adds to a log axis it ranges


def _drawn_prediction(run) -> np.ndarray | None:
    """``run``'s predicted ||dL/dh_l|| as its line draws it, or None where it would draw
    nothing: a line needs two neighbouring values (a dead ReLU's prediction is 0, a gap,
    below the top: a lone value that would draw nothing and still take a line of the
    legend)."""
    predicted = _positive(run.predicted_grad_h_norm)
    return predicted if (np.isfinite(predicted[1:]) & np.isfinite(predicted[:-1])).any() \
        else None


def _left_axis(runs, chain, theory) -> tuple[dict, list, int]:
    """The left panel's y axis over what it draws (each run's measurement, its prediction
    where ``theory[i]``, the chain line unless ``chain`` is None); those values; and the
    lanes of the strips' band under it. One computation for the chart and for
    `theory_tolerance`, so that the caption's tolerance is that of the axis drawn."""
    values = [_positive(r.grad_h_norm) for r in runs]
    values += [p for r, drawn in zip(runs, theory)
               if drawn and (p := _drawn_prediction(r)) is not None]
    if chain is not None and runs:
        values.append(_chain_line(runs, chain))
    lanes = _lanes(runs, lambda r: r.grad_h_norm)
    return _data_axis(values, lanes), values, lanes


def theory_tolerance(runs, chain=None, present=False) -> float:
    """The factor between a run's measured and predicted gradient beyond which its line
    shows outside its pale band on the `gradient_norms` chart of ``runs`` with theory lines
    (and ``chain`` and ``present`` as given to it); at most ``gradflow.THEORY_TOLERANCE``.

    The band is as wide on screen whatever the axis spans: on a panel spanning a decade
    (SELU's 50 layers) a 14% gap leaves it, on one spanning ten the same gap hides in it;
    the log axis has the panel's height less its strips' band (`style.lane_share`).
    For ``gradflow.theory_parts``, so that the page explains every gap the chart shows."""
    axis, values, lanes = _left_axis(runs, chain, [True] * len(runs))
    span = log_span(*values)
    if "range" in axis:
        lo, hi = axis["range"]
    elif span is not None:
        lo, hi = span
        lo, hi = lo - AUTORANGE_PAD * (hi - lo), hi + AUTORANGE_PAD * (hi - lo)
    else:
        return THEORY_TOLERANCE
    width = line_width(present)
    room = lane_room(present, PANEL_PX)
    share = (width * THEORY_WIDTH / 2 + width) / (PANEL_PX * (1 - lane_share(lanes, room)))
    return min(THEORY_TOLERANCE, 10.0 ** (share * (hi - lo)))


def _norm_traces(i: int, run, name: str, theory: str | None, width: float,
                 marker: dict) -> list[dict]:
    """One run's traces: the prediction of ||dL/dh_l|| (wide, pale, dashed, unless
    ``theory`` is None or it would draw nothing) and ||dL/dh_l|| over it on the left panel,
    ||dL/dW_l|| on the right; one legend group, so a click hides all, the measurement
    listed first."""
    common = dict(type="scatter", x=run.layers, legendgroup=f"run{i}")
    measured = dict(common, mode="lines+markers", marker=marker, cliponaxis=False,
                    line=dict(color=color(i), width=width))
    traces = []
    predicted = _drawn_prediction(run)
    if theory is not None and predicted is not None:
        traces.append(dict(common, y=predicted, name=theory,
                           mode="lines", opacity=THEORY_OPACITY, legendrank=1001,
                           line=dict(color=color(i), width=width * THEORY_WIDTH, dash="dash"),
                           **LEFT))
    traces.append(dict(measured, y=_positive(run.grad_h_norm), name=name, **LEFT))
    traces.append(dict(measured, y=_positive(run.grad_w_norm), name=name, showlegend=False,
                       **RIGHT))
    return traces


def gradient_norms(runs, names, *, title_h, title_w, x_title, y_title, theory_names,
                   chain_name, chain=None, present=False, height=None,
                   stacked=False, zero_names=None) -> go.Figure:
    """Two log-scale panels: ||dL/dh_l|| (with each run's predicted curve, dashed) and ||dL/dW_l||;
    a strip along a panel's bottom marks a run's layers where the norm is exactly 0.

    Args:
        runs: LayerStats, one per run.
        names: legend name of each run.
        title_h, title_w: panel titles.
        x_title, y_title: axis titles.
        theory_names: legend name of each run's predicted curve; None draws none (where
            the theory doesn't apply, see ``gradflow.theory_applies``).
        chain_name: legend name of the scalar chain-rule line.
        chain: the chain-rule reference over layers 1..D (e.g.
            ``gradflow.chain_rule_reference``), or None to leave it out.
        height: the figure's height in px (default: PRESENT_HEIGHT in presentation mode,
            else 480, or 800 stacked).
        stacked: the panels one above the other (for a phone), each with its y title.
        zero_names: legend name of each run's strip of exactly-0 layers (default: the
            run's name).
    """
    width = line_width(present)
    data = []
    theory_names = theory_names if theory_names is not None else [None] * len(runs)
    markers = _outlines(runs, present)
    for i, (run, name, theory, marker) in enumerate(zip(runs, names, theory_names, markers)):
        data += _norm_traces(i, run, name, theory, width, marker)
    if chain is not None and runs:
        data.append(dict(type="scatter", x=runs[0].layers, y=_chain_line(runs, chain),
                         name=chain_name, mode="lines",
                         line=dict(color=CHAIN_COLOR, width=width * 0.7, dash="dot"), **LEFT))
    right = [d["y"] for d in data if d.get("yaxis") == "y2"]
    zero_names = zero_names if zero_names is not None else list(names)
    strips = []
    for i, (run, name) in enumerate(zip(runs, zero_names)):
        strips += _zero_strip(i, run, run.grad_h_norm, name, LEFT)
        strips += _zero_strip(i, run, run.grad_w_norm, None, RIGHT)
    left_axis, _, left_lanes = _left_axis(runs, chain, [t is not None for t in theory_names])
    right_lanes = _lanes(runs, lambda r: r.grad_w_norm)
    right_axis = _data_axis(right, right_lanes)
    panels = dict(xaxis=_layer_axis(x_title, runs), xaxis2=_layer_axis(x_title, runs),
                  yaxis=_titled(y_title, **left_axis),
                  yaxis2=_titled(y_title, **right_axis) if stacked else right_axis)
    data = strips + data  # under the lines
    grid = merge(two_panels((title_h, title_w), stacked), panels)
    room = lane_room(present, PANEL_PX)
    for panel, lanes in ((LEFT, left_lanes), (RIGHT, right_lanes)):
        if lanes:  # each panel's band at the bottom of its own domain
            grid = merge(grid, lane_band(lanes, room=room, data=panel["yaxis"],
                                         band=BAND[panel["yaxis"]], x=panel["xaxis"],
                                         domain=grid[axis_key(panel["yaxis"])]["domain"]))
    layout = styled(grid, present=present,
                    height=height or (800 if stacked else PRESENT_HEIGHT if present else 480))
    # Two panels: unified hover would mix them. One marker size in the legend (see below).
    legend = merge(_legend_below(present, stacked), dict(legend=dict(itemsizing="constant")))
    return figure(data, merge(layout, dict(legend, hovermode="x")))


def _box_layers(depth: int) -> np.ndarray:
    """0-based indices of the layers to draw: all, or MAX_BOXES evenly spaced ones."""
    if depth <= MAX_BOXES:
        return np.arange(depth)
    return np.unique(np.linspace(0, depth - 1, MAX_BOXES).round().astype(int))


def _box(i: int, run, name: str, present: bool) -> dict:
    """A run's boxes, drawn from precomputed quantiles (the raw h_l never reach the page).

    Each box also carries the layer's mean and standard deviation (``boxmean="sd"``: a
    dashed line at the mean, a dashed diamond over mean ± 1 std): quartiles cannot show
    what self-normalisation claims (SELU keeps mean 0 and variance 1), the moments can."""
    keep = _box_layers(run.depth)  # (k,)
    q = run.h_quantiles[keep]  # (k, 5)
    return dict(
        type="box", x=run.layers[keep], lowerfence=_compact(q[:, 0]), q1=_compact(q[:, 1]),
        median=_compact(q[:, 2]), q3=_compact(q[:, 3]), upperfence=_compact(q[:, 4]),
        mean=_compact(run.h_mean[keep]), sd=_compact(run.h_std[keep]), boxmean="sd",
        name=name, marker=dict(color=color(i)), line=dict(width=line_width(present) * 0.6),
        fillcolor=_tint(color(i)), boxpoints=False,
    )


# The boxes' fill: Plotly's own (half the line's colour) hid the dashed diamond, drawn in
# that colour inside 50 boxes a dozen px wide.
BOX_FILL_OPACITY = 0.15


def _tint(hex_color: str) -> str:
    """``#rrggbb`` as an rgba() of opacity BOX_FILL_OPACITY."""
    r, g, b = (int(hex_color[k:k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{BOX_FILL_OPACITY})"


def distribution_boxes(runs, names, *, x_title, y_title, present=False,
                       height=None) -> go.Figure:
    """Per-layer boxes of h_l: quartiles, median, whiskers at the 1% and 99% quantiles,
    and the mean ± 1 standard deviation as a dashed diamond."""
    data = [_box(i, run, name, present) for i, (run, name) in enumerate(zip(runs, names))]
    layout = styled(dict(boxmode="group", xaxis=_titled(x_title), yaxis=_titled(y_title)),
                    present=present, height=height)
    return figure(data, merge(layout, dict(hovermode="closest")))


def _log_share(hist) -> np.ndarray:
    """log10 of the share in each bin, empty bins as gaps."""
    hist = np.asarray(hist, dtype=np.float64)
    out = np.full(hist.shape, np.nan)
    np.log10(hist, out=out, where=hist > 0)
    return out


def _heatmap(run, name: str, ref: dict) -> dict:
    """A run's histogram per layer: x = layer, y = bin centre, colour = log10 share."""
    centres = 0.5 * (run.hist_edges[1:] + run.hist_edges[:-1])  # (bins,)
    return dict(
        type="heatmap", x=run.layers, y=_compact(centres),
        z=f32(_log_share(run.hist.T)), customdata=f32(100 * run.hist.T),  # (bins, depth)
        coloraxis="coloraxis", name=name,
        hovertemplate="%{x}, %{y:.3g}: %{customdata:.2f}%<extra></extra>", **ref,
    )


# The gap between two histogram panels, in lines of text: the lower panel's title takes
# one, and the rest keeps it off the upper panel's axis line (drawn on a projector), where
# at 0.04 of the height ("Tanh" under the sigmoid panel) it read as that panel's x label.
TITLE_GAP = 3.2
HEAT_CHROME = 120  # px of a histogram figure outside its panels: margins, x ticks and title


def _panel_gap(n: int, height: int, present: bool) -> float:
    """``vertical_spacing`` of ``n`` panels in a figure ``height`` px tall, as a share of
    the plot's height: TITLE_GAP lines of text, whatever the height."""
    if n < 2:
        return 0.0
    gap = TITLE_GAP * font_size(present) / max(height - HEAT_CHROME, 1)
    return round(min(gap, 0.5 / (n - 1)), 4)  # (rounded: `subplots` keeps each grid made)


def distribution_heatmaps(runs, names, *, x_title, y_title, colorbar_title, present=False,
                          height=None) -> go.Figure:
    """One heatmap per run: x = layer, y = value of h_l, colour = share of entries (log).

    The colour is logarithmic: a ReLU layer puts half its entries in the bin at 0, which
    on a linear scale would leave every other bin dark.
    """
    n = max(len(runs), 1)
    data, axes = [], {}
    for i, run in enumerate(runs):
        ref = cell(i + 1, 1, 1)
        data.append(_heatmap(run, names[i], ref))
        axes[axis_key(ref["yaxis"])] = _titled(y_title)
    # The panels share x: only the bottom one carries its title.
    axes[axis_key(cell(n, 1, 1)["xaxis"])] = _titled(x_title)
    base = 560 if present else 380
    height = height or int(base * (0.6 + 0.4 * n))
    grid = subplots(n, 1, shared_xaxes=True, subplot_titles=tuple(names),
                    vertical_spacing=_panel_gap(n, height, present))
    layout = styled(merge(grid, axes), present=present, height=height)
    # One colour axis for every panel, so a colour means the same share in each. Its text
    # as the axes' (`style.axis_style`): Plotly's own 12 px was half the projector's ticks.
    text = font_size(present)
    colors = dict(colorscale=VIRIDIS, cmin=-3.5, cmax=0.0, colorbar=dict(
        title=dict(text=colorbar_title, font=dict(size=text + 2)), tickfont=dict(size=text),
        tickvals=[-3, -2, -1, 0], ticktext=["0.1%", "1%", "10%", "100%"]))
    return figure(data, merge(layout, dict(coloraxis=colors, hovermode="closest")))


def _nested_sizes(n: int, present: bool) -> list[int]:
    """Marker sizes in px for ``n`` runs, the first run's largest: each outline clears the
    next one inside it by a few px, larger on a projector, where the lines are thicker."""
    smallest, step = NEST_PRESENT if present else NEST
    return [smallest + step * (n - 1 - i) for i in range(n)]


def _marked(layers: np.ndarray, size: int) -> int | np.ndarray:
    """``size`` at the layers that get a marker, 0 at the others: every layer up to
    MAX_MARKED of them; on a deeper net every k-th (k a round stride, 2k, ..., as the ticks
    run) and the last, the same layers for every run, so the markers of a 50-layer net don't
    run into a band. The last layer is where the loss's gradient enters, where the runs often
    meet on the gradient chart, and a run with no other point there (a dead ReLU) shows."""
    every = int(round_stride(len(layers), MAX_MARKED))
    return size if every == 1 else np.where((layers % every == 0) | (layers == layers[-1]),
                                            size, 0)


def _outlines(runs, present: bool) -> list[dict]:
    """Each run's markers: outlines that nest (see `_nested_sizes`) at the layers `_marked`
    picks. Runs often share values (0% or 100% at every layer on the fraction chart, the
    loss's gradient at the last layer), and a line drawn over another hides it; nested,
    each run's shape shows around the next one's where they coincide, without hovering."""
    outline = line_width(present) * 0.8
    # (opacity: Plotly fades markers whose sizes are an array, as bubbles)
    return [dict(size=_marked(run.layers, size), symbol=f"{_symbol(i)}-open", color=color(i),
                 opacity=1, line=dict(width=outline))
            for i, (run, size) in enumerate(zip(runs, _nested_sizes(len(runs), present)))]


def _fraction_traces(i: int, run, name: str, width: float, marker: dict) -> list[dict]:
    """One run's percentages: saturated entries (left panel), dead units (right)."""
    common = dict(type="scatter", x=run.layers, name=name, legendgroup=f"run{i}",
                  mode="lines+markers", marker=marker, cliponaxis=False,
                  line=dict(color=color(i), width=width))
    return [dict(common, y=f32(100 * run.saturated), **LEFT),
            dict(common, y=f32(100 * run.dead), showlegend=False, **RIGHT)]


def unit_fractions(runs, names, *, title_saturated, title_dead, x_title, y_title,
                   present=False, height=None, stacked=False) -> go.Figure:
    """Two panels, in percent per layer: saturated entries and dead units (one above the
    other if ``stacked``, for a phone)."""
    width = line_width(present)
    data = []
    for i, (run, name, marker) in enumerate(zip(runs, names, _outlines(runs, present))):
        data += _fraction_traces(i, run, name, width, marker)
    percent = dict(range=[-3, 103], ticksuffix="%")  # a little room so 0% and 100% show
    panels = dict(xaxis=_layer_axis(x_title, runs), xaxis2=_layer_axis(x_title, runs),
                  yaxis=_titled(y_title, **percent),
                  yaxis2=_titled(y_title, **percent) if stacked else percent)
    grid = two_panels((title_saturated, title_dead), stacked, side=dict(shared_yaxes=True))
    layout = styled(merge(grid, panels), present=present,
                    height=height or (740 if stacked else 640 if present else 440))
    # One marker size in the legend: Plotly's own is a trace's mean size, a dot where a deep
    # net marks only some layers.
    legend = merge(_legend_below(present, stacked), dict(legend=dict(itemsizing="constant")))
    return figure(data, merge(layout, dict(legend, hovermode="x")))

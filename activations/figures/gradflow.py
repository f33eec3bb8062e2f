"""Figures of the gradient-flow page: per-layer gradient norms, activation distributions,
saturated and dead fractions. Each takes a list of `activations.gradflow.LayerStats`
(one per run) and the texts to show, and returns a ``go.Figure``.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import color, f32, line_width, style

__all__ = ["gradient_norms", "distribution_boxes", "distribution_heatmaps", "unit_fractions"]

MAX_BOXES = 50  # boxes per run on the distribution chart; deeper nets show evenly spaced layers
SYMBOLS = ("circle", "square", "diamond", "triangle-up")  # tells runs apart where lines overlap


def _symbol(i: int) -> str:
    return SYMBOLS[i % len(SYMBOLS)]


def _legend_below(fig: go.Figure, present: bool) -> None:
    """Legend under the panels, so it can't cover the panel titles above them."""
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.22 if present else -0.28,
                                  xanchor="left", x=0),
                      margin=dict(b=10))


F32_MAX = float(np.finfo(np.float32).max)


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


def _chain_line(runs, reference):
    """The 0.25^n reference, cut where it falls 1000x below every measured norm."""
    measured = np.concatenate([_positive(r.grad_h_norm) for r in runs])
    floor = np.nanmin(measured) / 1e3 if np.isfinite(measured).any() else 0.0
    ref = _positive(reference)
    return np.where(ref >= floor, ref, np.nan)


def gradient_norms(runs, names, *, title_h, title_w, x_title, y_title, theory_names,
                   chain_name, chain=None, present=False, height=None) -> go.Figure:
    """Two log-scale panels: ||dL/dh_l|| (with each run's predicted curve, dashed) and ||dL/dW_l||.

    Args:
        runs: LayerStats, one per run.
        names: legend name of each run.
        title_h, title_w: panel titles.
        x_title, y_title: axis titles.
        theory_names: legend name of each run's predicted curve.
        chain_name: legend name of the scalar chain-rule line.
        chain: the chain-rule reference over layers 1..D (e.g.
            ``gradflow.chain_rule_reference``), or None to leave it out.
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=(title_h, title_w),
                        horizontal_spacing=0.08)
    width = line_width(present)
    for i, (run, name, theory) in enumerate(zip(runs, names, theory_names)):
        layers = run.layers
        common = dict(x=layers, legendgroup=f"run{i}", line=dict(color=color(i), width=width))
        marker = dict(size=6, symbol=_symbol(i))
        fig.add_trace(go.Scatter(y=_positive(run.grad_h_norm), name=name, mode="lines+markers",
                                 marker=marker, **common), row=1, col=1)
        dashed = dict(common, line=dict(color=color(i), width=width * 0.7, dash="dash"))
        fig.add_trace(go.Scatter(y=_positive(run.predicted_grad_h_norm), name=theory,
                                 mode="lines", **dashed), row=1, col=1)
        fig.add_trace(go.Scatter(y=_positive(run.grad_w_norm), name=name, mode="lines+markers",
                                 marker=marker, showlegend=False, **common), row=1, col=2)
    if chain is not None and runs:
        fig.add_trace(go.Scatter(x=runs[0].layers, y=_chain_line(runs, chain), name=chain_name,
                                 mode="lines", line=dict(color="#7F7F7F", width=width * 0.7,
                                                         dash="dot")), row=1, col=1)
    fig.update_yaxes(type="log", exponentformat="power", title_text=y_title, row=1, col=1)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=2)
    fig.update_xaxes(title_text=x_title)
    style(fig, present=present, height=height or (680 if present else 480))
    _legend_below(fig, present)
    fig.update_layout(hovermode="x")  # two panels: unified hover would mix them
    return fig


def _box_layers(depth: int) -> np.ndarray:
    """0-based indices of the layers to draw: all, or MAX_BOXES evenly spaced ones."""
    if depth <= MAX_BOXES:
        return np.arange(depth)
    return np.unique(np.linspace(0, depth - 1, MAX_BOXES).round().astype(int))


def distribution_boxes(runs, names, *, x_title, y_title, present=False,
                       height=None) -> go.Figure:
    """Per-layer boxes of h_l: quartiles, median, whiskers at the 1% and 99% quantiles."""
    fig = go.Figure()
    for i, (run, name) in enumerate(zip(runs, names)):
        keep = _box_layers(run.depth)
        q = run.h_quantiles[keep]  # (layers, 5)
        fig.add_trace(go.Box(
            x=run.layers[keep], lowerfence=_compact(q[:, 0]), q1=_compact(q[:, 1]),
            median=_compact(q[:, 2]), q3=_compact(q[:, 3]), upperfence=_compact(q[:, 4]),
            mean=_compact(run.h_mean[keep]),
            name=name, marker_color=color(i), line=dict(width=line_width(present) * 0.6),
            boxpoints=False,
        ))
    fig.update_layout(boxmode="group")
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    style(fig, present=present, height=height)
    fig.update_layout(hovermode="closest")
    return fig


def _log_share(hist) -> np.ndarray:
    """log10 of the share in each bin, empty bins as gaps."""
    hist = np.asarray(hist, dtype=np.float64)
    out = np.full(hist.shape, np.nan)
    np.log10(hist, out=out, where=hist > 0)
    return out


def distribution_heatmaps(runs, names, *, x_title, y_title, colorbar_title, present=False,
                          height=None) -> go.Figure:
    """One heatmap per run: x = layer, y = value of h_l, colour = share of entries (log).

    The colour is logarithmic: a ReLU layer puts half its entries in the bin at 0, which
    on a linear scale would leave every other bin dark.
    """
    n = max(len(runs), 1)
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, subplot_titles=list(names),
                        vertical_spacing=0.12 / n)
    for i, run in enumerate(runs):
        centres = 0.5 * (run.hist_edges[1:] + run.hist_edges[:-1])
        fig.add_trace(go.Heatmap(
            x=run.layers, y=_compact(centres), z=f32(_log_share(run.hist.T)),
            customdata=f32(100 * run.hist.T), coloraxis="coloraxis", name=names[i],
            hovertemplate="%{x}, %{y:.3g}: %{customdata:.2f}%<extra></extra>",
        ), row=i + 1, col=1)
        fig.update_yaxes(title_text=y_title, row=i + 1, col=1)
    fig.update_xaxes(title_text=x_title, row=n, col=1)
    base = 560 if present else 380
    style(fig, present=present, height=height or int(base * (0.6 + 0.4 * n)))
    fig.update_layout(
        coloraxis=dict(colorscale="Viridis", cmin=-3.5, cmax=0.0, colorbar=dict(
            title=dict(text=colorbar_title), tickvals=[-3, -2, -1, 0],
            ticktext=["0.1%", "1%", "10%", "100%"])),
        hovermode="closest")
    return fig


def unit_fractions(runs, names, *, title_saturated, title_dead, x_title, y_title,
                   present=False, height=None) -> go.Figure:
    """Two panels, in percent per layer: saturated entries and dead units."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=(title_saturated, title_dead),
                        horizontal_spacing=0.08, shared_yaxes=True)
    width = line_width(present)
    for i, (run, name) in enumerate(zip(runs, names)):
        common = dict(x=run.layers, name=name, legendgroup=f"run{i}", mode="lines+markers",
                      marker=dict(size=6, symbol=_symbol(i)),
                      line=dict(color=color(i), width=width))
        fig.add_trace(go.Scatter(y=f32(100 * run.saturated), **common), row=1, col=1)
        fig.add_trace(go.Scatter(y=f32(100 * run.dead), showlegend=False, **common),
                      row=1, col=2)
    fig.update_yaxes(range=[-3, 103], ticksuffix="%")
    fig.update_yaxes(title_text=y_title, row=1, col=1)
    fig.update_xaxes(title_text=x_title)
    style(fig, present=present, height=height or (640 if present else 440))
    _legend_below(fig, present)
    fig.update_layout(hovermode="x")
    return fig

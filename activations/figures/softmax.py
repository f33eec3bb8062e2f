"""Figures for the softmax and cross-entropy playground.

Every text on a figure (titles, axis labels, trace names, button labels) is a parameter;
class names are drawn as tick text on integer positions, so two classes with the same
name keep two bars, and ``<``/``>`` are escaped so Plotly reads no tags in them.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import color, f32, line_width, style

__all__ = [
    "views_figure", "temperature_animation", "target_figure", "loss_curve_figure",
    "worked_example_figure", "binary_figure", "regression_figure", "outlier_figure",
]


def _plain(text: str) -> str:
    """Text Plotly shows literally: its pseudo-HTML needs ``<``, ``>`` and ``&`` escaped."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _legend_above_titles(fig: go.Figure, present: bool) -> None:
    """Lift the legend over the subplot titles (both sit at the top of the plot area)."""
    fig.update_layout(legend=dict(y=1.1, yanchor="bottom"),
                      margin=dict(t=110 if present else 80))


def _class_axis(fig: go.Figure, names, **where) -> None:
    """Class names as tick labels on positions 0..n-1."""
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(names))),
                     ticktext=[_plain(n) for n in names], **where)


def views_figure(names, softmax, argmax, softmin, log_softmax, *, softmax_name: str,
                 argmax_name: str, softmin_name: str, log_softmax_name: str,
                 prob_title: str, log_title: str, present: bool = False) -> go.Figure:
    """Softmax, argmax one-hot and softmin as grouped bars; log-softmax beside them.

    The three distributions share a [0, 1] axis; log-softmax (<= 0, unbounded below)
    gets its own panel.
    """
    x = np.arange(len(names))
    fig = make_subplots(rows=1, cols=2, column_widths=[0.64, 0.36], horizontal_spacing=0.08,
                        subplot_titles=[prob_title, log_title])
    text_size = 16 if present else 11
    for i, (name, values) in enumerate(
            [(softmax_name, softmax), (argmax_name, argmax), (softmin_name, softmin)]):
        fig.add_trace(go.Bar(
            x=x, y=f32(values), name=name, marker_color=color(i),
            # values printed on the softmax bars only: three sets would overlap
            texttemplate="%{y:.3f}" if i == 0 else None, textposition="outside",
            textfont_size=text_size, cliponaxis=False,
        ), row=1, col=1)
    fig.add_trace(go.Bar(x=x, y=f32(log_softmax), name=log_softmax_name,
                         marker_color=color(3)), row=1, col=2)
    style(fig, present=present, height=560 if present else 400)
    fig.update_layout(barmode="group", hovermode="x")
    fig.update_yaxes(range=[0, 1.12], row=1, col=1)
    _class_axis(fig, names)
    fig.update_annotations(font_size=20 if present else 13)
    _legend_above_titles(fig, present)
    return fig


def temperature_animation(names, temperatures, probs, *, title: str, y_title: str,
                          frame_label: str, play: str, pause: str, current: int = 0,
                          present: bool = False) -> go.Figure:
    """Softmax bars animated over temperature, played in the browser (Plotly frames).

    Args:
        names: class names, length n.
        temperatures: the frame temperatures, increasing, length F.
        probs: (F, n) softmax probabilities, one row per temperature.
        current: index of the frame shown first. Default: 0, the lowest T, so that Play
            runs the whole way from one-hot to uniform.
        frame_label: slider prefix, e.g. ``"T = "``.
        play, pause: button labels.
    """
    x = np.arange(len(names))
    labels = [format(float(t), "g") for t in temperatures]
    text_size = 16 if present else 11

    def bars(row):
        return go.Bar(x=x, y=f32(row), marker_color=color(0), texttemplate="%{y:.2f}",
                      textposition="outside", textfont_size=text_size, cliponaxis=False,
                      showlegend=False)

    fig = go.Figure(data=[bars(probs[current])],
                    frames=[go.Frame(data=[bars(row)], name=label)
                            for row, label in zip(probs, labels)])
    step_args = dict(mode="immediate", frame=dict(duration=0, redraw=True),
                     transition=dict(duration=0))
    fig.update_layout(
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
    style(fig, present=present, height=620 if present else 460, title=title)
    fig.update_layout(hovermode="x", margin=dict(b=170 if present else 130))
    fig.update_yaxes(range=[0, 1.12], title_text=y_title)
    _class_axis(fig, names)
    return fig


def target_figure(names, p, y, grad, *, p_name: str, y_name: str, grad_name: str,
                  prob_title: str, grad_title: str, present: bool = False) -> go.Figure:
    """Prediction against target (top) and the gradient in each logit (bottom)."""
    x = np.arange(len(names))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.14,
                        subplot_titles=[prob_title, grad_title])
    fig.add_trace(go.Bar(x=x, y=f32(p), name=p_name, marker_color=color(0)), row=1, col=1)
    fig.add_trace(go.Bar(x=x, y=f32(y), name=y_name, marker_color=color(1)), row=1, col=1)
    grad = np.asarray(grad)
    # Positive gradient: gradient descent lowers that logit; negative: raises it.
    fig.add_trace(go.Bar(x=x, y=f32(grad), name=grad_name,
                         marker_color=[color(3) if g > 0 else color(2) for g in grad],
                         texttemplate="%{y:.3f}", textposition="outside", cliponaxis=False,
                         textfont_size=16 if present else 11), row=2, col=1)
    style(fig, present=present, height=680 if present else 520)
    fig.update_layout(barmode="group", hovermode="x")
    fig.update_yaxes(range=[0, 1.05], row=1, col=1)
    bound = max(float(np.max(np.abs(grad))) * 1.3, 0.05)
    fig.update_yaxes(range=[-bound, bound], row=2, col=1)
    _class_axis(fig, names)
    fig.update_annotations(font_size=20 if present else 13)
    _legend_above_titles(fig, present)
    return fig


def loss_curve_figure(xs, loss, grad, x0: float, loss0: float, grad0: float, *,
                      x_title: str, loss_name: str, grad_name: str, point_name: str,
                      present: bool = False) -> go.Figure:
    """Loss (top) and its slope (bottom) as one logit moves, with the current point."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    width = line_width(present)
    size = 16 if present else 11
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(loss), name=loss_name, mode="lines",
                             line=dict(color=color(0), width=width)), row=1, col=1)
    fig.add_trace(go.Scatter(x=f32(xs), y=f32(grad), name=grad_name, mode="lines",
                             line=dict(color=color(3), width=width)), row=2, col=1)
    for row, value in ((1, loss0), (2, grad0)):
        fig.add_trace(go.Scatter(x=f32([x0]), y=f32([value]), name=point_name, mode="markers",
                                 marker=dict(size=size, color=color(1), symbol="circle"),
                                 showlegend=row == 1), row=row, col=1)
    style(fig, present=present, height=620 if present else 460)
    fig.update_yaxes(title_text=loss_name, row=1, col=1)
    fig.update_yaxes(title_text=grad_name, row=2, col=1)
    fig.update_xaxes(title_text=x_title, row=2, col=1)
    return fig


def worked_example_figure(p, q1, q2, *, outcome_names, p_name: str, q1_name: str,
                          q2_name: str, y_title: str, present: bool = False) -> go.Figure:
    """The true p and the two guesses q1, q2 as grouped bars."""
    x = np.arange(len(p))
    fig = go.Figure([
        go.Bar(x=x, y=f32(values), name=name, marker_color=color(i),
               texttemplate="%{y:.3f}", textposition="outside", cliponaxis=False,
               textfont_size=16 if present else 11)
        for i, (name, values) in enumerate([(p_name, p), (q1_name, q1), (q2_name, q2)])
    ])
    style(fig, present=present, height=520 if present else 360)
    fig.update_layout(barmode="group", hovermode="x")
    fig.update_yaxes(range=[0, 0.6], title_text=y_title)
    _class_axis(fig, outcome_names)
    return fig


def binary_figure(zs, curves, z0: float, point, *, sigmoid_name: str, loss_1_name: str,
                  loss_0_name: str, grad_1_name: str, grad_0_name: str, loss_title: str,
                  grad_title: str, x_title: str, present: bool = False) -> go.Figure:
    """Sigmoid (top), BCE for y = 1 and y = 0 (middle), their gradients (bottom).

    ``curves`` is :func:`activations.playground.binary_curves` over ``zs``; ``point``
    the :class:`~activations.playground.BinaryPoint` at ``z0``, marked on every curve.
    """
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.06)
    width = line_width(present)
    size = 14 if present else 10
    panels = [
        (1, "p", point.p, sigmoid_name, 0),
        (2, "loss_1", point.loss_1, loss_1_name, 2),
        (2, "loss_0", point.loss_0, loss_0_name, 3),
        (3, "grad_1", point.grad_1, grad_1_name, 2),
        (3, "grad_0", point.grad_0, grad_0_name, 3),
    ]
    for row, field, value, name, c in panels:
        fig.add_trace(go.Scatter(x=f32(zs), y=f32(curves[field]), name=name, mode="lines",
                                 line=dict(color=color(c), width=width),
                                 showlegend=row != 1), row=row, col=1)
        fig.add_trace(go.Scatter(x=f32([z0]), y=f32([value]), mode="markers", name=name,
                                 marker=dict(size=size, color=color(c)), showlegend=False),
                      row=row, col=1)
    style(fig, present=present, height=760 if present else 600)
    fig.update_yaxes(title_text=sigmoid_name, range=[-0.05, 1.05], row=1, col=1)
    fig.update_yaxes(title_text=loss_title, row=2, col=1)
    fig.update_yaxes(title_text=grad_title, range=[-1.05, 1.05], row=3, col=1)
    fig.update_xaxes(title_text=x_title, row=3, col=1)
    return fig


def regression_figure(target, pred, grads: dict, *, point_names, target_name: str,
                      pred_name: str, values_title: str, grad_title: str,
                      present: bool = False) -> go.Figure:
    """Targets vs predictions (left) and each loss's gradient per prediction (right).

    ``grads`` maps a legend name to a gradient array, one bar group per point.
    """
    x = np.arange(len(target))
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.08,
                        subplot_titles=[values_title, grad_title])
    size = 14 if present else 10
    # One segment per point between target and prediction: the residual the losses see.
    seg_x = np.repeat(x, 3).astype(np.float64)
    seg_y = np.column_stack([target, pred, np.full(len(x), np.nan)]).ravel()
    fig.add_trace(go.Scatter(x=seg_x, y=f32(seg_y), mode="lines", showlegend=False,
                             hoverinfo="skip", line=dict(color="rgba(128,128,128,0.6)",
                                                         width=line_width(present))),
                  row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=f32(target), name=target_name, mode="markers",
                             marker=dict(size=size, color=color(1), symbol="diamond")),
                  row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=f32(pred), name=pred_name, mode="markers",
                             marker=dict(size=size, color=color(0))), row=1, col=1)
    for i, (name, grad) in enumerate(grads.items()):
        fig.add_trace(go.Bar(x=x, y=f32(grad), name=name, marker_color=color(i + 2)),
                      row=1, col=2)
    style(fig, present=present, height=520 if present else 380)
    fig.update_layout(barmode="group", hovermode="x")
    _class_axis(fig, point_names)
    fig.update_annotations(font_size=20 if present else 13)
    _legend_above_titles(fig, present)
    return fig


def outlier_figure(offsets, sweep: dict, current: float, *, names: dict, x_title: str,
                   squared_title: str, linear_title: str, present: bool = False) -> go.Figure:
    """MSE (left) and RMSE, MAE (right) against the outlier's size, the current size marked.

    MSE is in squared units, RMSE and MAE in the data's units, hence two panels.
    ``sweep`` is :func:`activations.playground.outlier_sweep`; ``names`` maps its keys
    (``"mse"``, ``"rmse"``, ``"mae"``) to legend names.
    """
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.08,
                        subplot_titles=[squared_title, linear_title])
    width = line_width(present)
    offsets = np.asarray(offsets)
    index = int(np.argmin(np.abs(offsets - current)))
    for i, key in enumerate(("mse", "rmse", "mae")):
        col = 1 if key == "mse" else 2
        fig.add_trace(go.Scatter(x=f32(offsets), y=f32(sweep[key]), name=names[key],
                                 mode="lines", line=dict(color=color(i + 2), width=width)),
                      row=1, col=col)
        fig.add_trace(go.Scatter(x=f32(offsets[index:index + 1]),
                                 y=f32(sweep[key][index:index + 1]), mode="markers",
                                 showlegend=False, name=names[key],
                                 marker=dict(size=14 if present else 10, color=color(i + 2))),
                      row=1, col=col)
    style(fig, present=present, height=520 if present else 380)
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(rangemode="tozero")
    fig.update_annotations(font_size=20 if present else 13)
    _legend_above_titles(fig, present)
    return fig

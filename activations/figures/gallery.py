"""Small multiples of every registered activation: f (solid) and f' (dotted)."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import registry
from .style import GRID, color, f32, line_width, style

X_RANGE = (-4.0, 4.0)
POINTS = 161  # a thumbnail needs no more; kinks still land on grid points (step 0.05)


def gallery_figure(names: list[str], f_label: str, df_label: str, *, columns: int = 5,
                   present: bool = False) -> go.Figure:
    """One small panel per activation on [-4, 4], with f and f' in the same colour.

    ``names`` are registry names (each drawn at its default parameters); ``f_label`` and
    ``df_label`` name the two traces in the hover text.
    """
    rows = math.ceil(len(names) / columns)
    acts = [registry.get(n) for n in names]
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=[a.label for a in acts],
                        horizontal_spacing=0.03, vertical_spacing=0.25 / rows)
    x = np.linspace(*X_RANGE, POINTS)  # (POINTS,)
    width = line_width(present) * 0.7
    for i, act in enumerate(acts):
        r, c = divmod(i, columns)
        common = dict(x=f32(x), showlegend=False, line=dict(color=color(i), width=width))
        fig.add_trace(go.Scatter(y=f32(act(x)), name=f_label, **common), row=r + 1, col=c + 1)
        fig.add_trace(
            go.Scatter(y=f32(act.grad(x)), name=df_label, **common, line_dash="dot"),
            row=r + 1, col=c + 1,
        )
    style(fig, present=present, height=(230 if present else 165) * rows)
    fig.update_layout(hovermode="closest", margin=dict(l=5, r=5, t=40, b=5))
    fig.update_xaxes(showticklabels=False, gridcolor=GRID, zerolinecolor=GRID)
    fig.update_yaxes(showticklabels=False, gridcolor=GRID, zerolinecolor=GRID, range=[-1.6, 3.2])
    fig.update_annotations(font_size=20 if present else 13)
    return fig

"""Small multiples of every registered activation: f (solid) and f' (dotted).

Speed: one panel and two traces per activation (25 panels today) are built as plain dicts
and made into one unvalidated figure (see `style`), not through ``make_subplots`` and
``add_trace``, which validate every property of every panel.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from .. import registry
from .style import GRID, cell, color, every_axis, f32, figure, line_width, merge, styled, subplots

X_RANGE = (-4.0, 4.0)
POINTS = 161  # a thumbnail needs no more; kinks still land on grid points (step 0.05)
Y_RANGE = [-1.6, 3.2]  # one range for every panel, so the shapes compare at a glance
# A few readable ticks per thumbnail (a student reads off "saturates at 1", "slope 0 left of
# 0"), and the faint grid even on a projector (it is not the subject).
# x ticks inside the range, not at its ends: on a phone the panels stand ~70 px apart, and
# one panel's "4" ran into the next one's "-4".
X_TICKS = (-3, 0, 3)
Y_TICKS = (-1, 0, 1, 2, 3)
THUMBNAIL_AXIS = dict(showticklabels=True, gridcolor=GRID, zerolinecolor=GRID,
                      tickmode="array", ticklen=0)


def _traces(i: int, act, x: np.ndarray, ref: dict, f_label: str, df_label: str,
            width: float) -> list[dict]:
    """f solid and f' dotted in the activation's colour, in its panel ``ref``."""
    common = dict(type="scatter", x=f32(x), showlegend=False, **ref)
    return [
        dict(common, y=f32(act(x)), name=f_label, line=dict(color=color(i), width=width)),
        dict(common, y=f32(act.grad(x)), name=df_label,
             line=dict(color=color(i), width=width, dash="dot")),
    ]


def _thumbnails(layout: dict) -> dict:
    """``layout`` with every panel's axes as `THUMBNAIL_AXIS` (tick labels at the text size
    `styled` gives every axis)."""
    return every_axis(every_axis(layout, "xaxis", dict(THUMBNAIL_AXIS, tickvals=X_TICKS)),
                      "yaxis", dict(THUMBNAIL_AXIS, tickvals=Y_TICKS, range=Y_RANGE))


def gallery_figure(names: list[str], f_label: str, df_label: str, *, columns: int = 5,
                   present: bool = False) -> go.Figure:
    """One small panel per activation on [-4, 4], with f and f' in the same colour.

    ``names`` are registry names (each drawn at its default parameters); ``f_label`` and
    ``df_label`` name the two traces in the hover text.
    """
    rows = math.ceil(len(names) / columns)
    acts = [registry.get(n) for n in names]
    x = np.linspace(*X_RANGE, POINTS)  # (POINTS,)
    width = line_width(present) * 0.7
    data = []
    for i, act in enumerate(acts):
        r, c = divmod(i, columns)
        data += _traces(i, act, x, cell(r + 1, c + 1, columns), f_label, df_label, width)
    grid = subplots(rows, columns, subplot_titles=tuple(a.label for a in acts),
                    # room between panels for the next one's tick labels (~16 px wide)
                    horizontal_spacing=0.225 / columns, vertical_spacing=0.4 / rows)
    layout = styled(grid, present=present, height=(250 if present else 185) * rows)
    # 50 px on top: the first row's titles stay below Plotly's toolbar, which shows at the
    # top right on hover (at 40 its camera touched the last title).
    layout = merge(layout, dict(hovermode="closest", margin=dict(l=25, r=5, t=50, b=25)))
    return figure(data, _thumbnails(layout))

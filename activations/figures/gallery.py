"""Small multiples of every registered activation: f (solid) and f' (dotted).

Speed: one panel and two traces per activation (25 panels today) are built as plain dicts
and made into one unvalidated figure (see `style`), not through ``make_subplots`` and
``add_trace``, which validate every property of every panel.

A jump is drawn as the explorer draws it (`curves`), not as matplotlib's vertical line: the
line runs to one side's limit, lifts, and goes on from the other's (`_split`), for f's jumps
(the step, Threshold, Hardshrink) and f''s (at every kink: ReLU's f' steps from 0 to 1).
The traces carry their x, so the break needs no extra trace: the jump's x comes in three
times, with the left limit, a gap (NaN) and the right limit. A filled dot marks the value
taken there (PyTorch's: H(0) = 0, ReLU'(0) = 0) and a hollow one the other limit, one
trace of dots per panel that has any (`_dots`).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from .. import explore, registry
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
# A jump's dots (px, by presentation mode): about half the explorer's (`curves.JUMP_DOT`),
# as the lines here are 0.7 times as wide and a panel a fifth of the chart's width.
DOT = {False: 6, True: 8}
RING = {False: 1.2, True: 1.6}
# A jump smaller than this (y units: a panel spans 4.8) gets no dots: Hardsigmoid's f' steps
# by 1/6, 4 px at 1280x720, and its two dots lay on each other in a blot; the break alone
# shows it.
MIN_DOT_JUMP = 0.3


def _split(x: np.ndarray, y: np.ndarray, ends) -> tuple[np.ndarray, np.ndarray]:
    """``x`` and ``y`` (n,) broken at each of ``ends`` ((x_j, left limit, right limit)):
    a grid point at x_j is taken out and x_j put in three times, with the left limit, NaN
    (a gap in Plotly's line) and the right limit. float32 (m,), m = n + 3 per jump at most."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    for xj, left, right in sorted(ends):
        a, b = int(np.searchsorted(x, xj, "left")), int(np.searchsorted(x, xj, "right"))
        x = np.concatenate([x[:a], [xj, xj, xj], x[b:]])
        y = np.concatenate([y[:a], [left, np.nan, right], y[b:]])
    return f32(x), f32(y)


def _dots(jumps, kinks) -> tuple[list, list, list]:
    """x, y and symbol of a panel's dots: at f's ``jumps`` filled at f's value and hollow at
    the other side's limit; at its ``kinks`` (f''s jumps) the same for f'. None for a jump
    under `MIN_DOT_JUMP`."""
    xs, ys, shapes = [], [], []
    for j in (*jumps, *kinks):
        if abs(j.right - j.left) < MIN_DOT_JUMP:
            continue
        others = j.untaken()
        xs += [j.x] * (1 + len(others))
        ys += [j.at, *others]
        shapes += ["circle"] + ["circle-open"] * len(others)
    return xs, ys, shapes


@lru_cache(maxsize=128)
def _panel(name: str, x0: float, x1: float, n: int) -> tuple:
    """f and f' of ``name`` at its defaults on ``n`` points from x0 to x1, each as (x, y)
    broken at its jumps (`_split`: f at `explore.jumps`, f' there and at
    `explore.slope_jumps`), and the dots (`_dots`): the same for every build of the
    gallery, so made once (finding the jumps of the 12 with kinks took 2 ms, as long as the
    rest of a build). The arrays are shared: read them, don't change them."""
    act = registry.get(name)
    x = np.linspace(x0, x1, n)  # (n,)
    jumps, kinks = (), ()
    if act.kink_points():
        curve, grid = explore.Curve.make(name), explore.Grid(x0, x1, n)
        jumps, kinks = explore.jumps(curve, grid), explore.slope_jumps(curve, grid)
    f = _split(x, act(x), [(j.x, j.left, j.right) for j in jumps])
    df = _split(x, act.grad(x), [(j.x, j.slope_left, j.slope_right) for j in jumps]
                + [(j.x, j.left, j.right) for j in kinks])
    return f, df, _dots(jumps, kinks)


def _traces(i: int, name: str, ref: dict, f_label: str, df_label: str, width: float,
            present: bool = False) -> list[dict]:
    """f solid and f' dotted in the activation's colour, in its panel ``ref``, both broken
    at their jumps, and one trace of the jumps' dots if it has any (`_panel`)."""
    (fx, fy), (gx, gy), (xs, ys, shapes) = _panel(name, *X_RANGE, POINTS)
    common = dict(type="scatter", showlegend=False, **ref)
    traces = [
        dict(common, x=fx, y=fy, name=f_label, line=dict(color=color(i), width=width)),
        dict(common, x=gx, y=gy, name=df_label,
             line=dict(color=color(i), width=width, dash="dot")),
    ]
    if xs:
        traces.append(dict(common, mode="markers", x=xs, y=ys, hoverinfo="skip",
                           marker=dict(size=DOT[present], color=color(i), symbol=shapes,
                                       line=dict(width=RING[present], color=color(i)))))
    return traces


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
    width = line_width(present) * 0.7
    data = []
    for i, act in enumerate(acts):
        r, c = divmod(i, columns)
        data += _traces(i, act.name, cell(r + 1, c + 1, columns), f_label, df_label, width,
                        present)
    grid = subplots(rows, columns, subplot_titles=tuple(a.label for a in acts),
                    # room between panels for the next one's tick labels (~16 px wide)
                    horizontal_spacing=0.225 / columns, vertical_spacing=0.4 / rows)
    layout = styled(grid, present=present, height=(250 if present else 185) * rows)
    # 50 px on top: the first row's titles stay below Plotly's toolbar, which shows at the
    # top right on hover (at 40 its camera touched the last title).
    layout = merge(layout, dict(hovermode="closest", margin=dict(l=25, r=5, t=50, b=25)))
    return figure(data, _thumbnails(layout))

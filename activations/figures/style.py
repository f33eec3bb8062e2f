"""Shared look: a palette that reads on light and dark backgrounds, and projector sizes.

Figures leave background and font colours to the Streamlit theme (``theme="streamlit"``)
and only fix what carries meaning: one colour per curve, line widths, sizes.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

# Okabe-Ito, without yellow (unreadable on white), plus two extras: distinct for colour-blind
# viewers and legible on both the light and the dark Streamlit theme.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D31", "#7F7F7F",
)
GRID = "rgba(128,128,128,0.25)"  # a grey that shows on both backgrounds
# Presentation mode: projectors wash out faint lines, so the grid and axes get a stronger
# grey (still mid-grey with alpha, so it reads on the light and the dark theme alike).
PRESENT_GRID = "rgba(128,128,128,0.45)"
PRESENT_AXIS = "rgba(128,128,128,0.9)"
PRESENT_HEIGHT = 600  # fills a 1280x720 projector below the page title
SHADE = "rgba(214,39,40,0.12)"  # saturation / dead-zone shading


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def line_width(present: bool = False) -> float:
    return 4.0 if present else 2.2


def style(fig: go.Figure, *, present: bool = False, height: int | None = None,
          title: str | None = None) -> go.Figure:
    """Apply the common layout: readable sizes, hover, a legend that doesn't cover data.

    ``present=True`` is the projector look: larger text and tick labels, a taller chart,
    a stronger grid and drawn axis lines. Colours stay theme-neutral (no template).
    """
    base = 20 if present else 13
    fig.update_layout(
        height=height or (PRESENT_HEIGHT if present else 380),
        title=dict(text=title, font=dict(size=base + 6)) if title else None,
        font=dict(size=base),
        hovermode="x unified",
        hoverlabel=dict(font=dict(size=base)),
        margin=dict(l=10, r=10, t=60 if title else 30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0,
                    font=dict(size=base)),
    )
    axes = dict(tickfont=dict(size=base), title_font=dict(size=base + 2))
    if present:
        axes.update(gridcolor=PRESENT_GRID, zerolinecolor=PRESENT_AXIS, gridwidth=1.5,
                    zerolinewidth=2, showline=True, linecolor=PRESENT_AXIS, linewidth=2)
    else:
        axes.update(gridcolor=GRID, zerolinecolor=GRID)
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    return fig


def f32(a) -> np.ndarray:
    """Send float32 to the browser: half the JSON of float64, and the eye can't tell."""
    return np.asarray(a, dtype=np.float32)

"""Shared look: a palette that reads on light and dark backgrounds, and projector sizes.

Figures leave background and font colours to the Streamlit theme (``theme="streamlit"``)
and only fix what carries meaning: one colour per curve, line widths, sizes.

Builders assemble plain dicts (traces and a layout) and make one ``go.Figure`` with
`figure`. Why not ``fig.update_layout(...)`` and ``make_subplots``: Plotly validates every
property on every update, walking its object tree each time; a chart built that way costs
25-45 ms, four times what the page spends on anything else. Validation is for catching
typos, so the tests do it (``go.Figure(fig.to_dict())`` raises on an invalid property).
The figure keeps the plain spec and makes Plotly's object tree only if something uses it
(`spec.SpecFigure`); the pages send its JSON straight from the spec (`spec.to_plotly_dict`).
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..numfmt import fmt_power  # the app's one way to write a number
from .spec import SpecFigure

# Okabe-Ito, without yellow (unreadable on white), plus two extras: distinct for colour-blind
# viewers and legible on both the light and the dark Streamlit theme. Orange and vermilion
# look alike on a washed-out projector, so they sit four places apart (three curves never
# get both), and every curve also gets its own dash pattern (`dash`) as a second cue.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#8C6D31", "#7F7F7F",
)
# One dash pattern per curve, in palette order: curves that share a colour family, or lie on
# top of each other (sigmoid's and tanh's flat tails), stay apart.
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "8px,3px,2px,3px",
          "2px,6px")
GRID = "rgba(128,128,128,0.25)"  # a grey that shows on both backgrounds
# Presentation mode: projectors wash out faint lines, so the grid and axes get a stronger
# grey (still mid-grey with alpha, so it reads on the light and the dark theme alike).
PRESENT_GRID = "rgba(128,128,128,0.45)"
PRESENT_AXIS = "rgba(128,128,128,0.9)"
PRESENT_HEIGHT = 600  # fills a 1280x720 projector below the page title
SHADE = "rgba(214,39,40,0.12)"  # saturation / dead-zone shading
# What hover shows of a value on a linear axis: 4 significant digits, trailing zeros dropped
# ("0.6439", not Plotly's "0.6439143"), as the tables write them. Log axes keep Plotly's
# own, which writes small values as 1.104801×10⁻⁶ like their ticks, where this format
# writes 0.000001105. Every figure gets it (`figure`).
HOVER_FORMAT = ".4~g"
# A Plotly animation slider's rail and grip. Plotly draws them near-white (#f8fafc) whatever
# the page: on the dark theme a glaring bar. Mid-grey with alpha, as the grid, reads on both.
SLIDER_COLORS = dict(bgcolor="rgba(128,128,128,0.3)", bordercolor="rgba(128,128,128,0.8)",
                     activebgcolor="rgba(128,128,128,0.6)", tickcolor="rgba(128,128,128,0.9)")
# Its value's label ("T = 0.01") at the slider's right end: the Play/Pause pair sits to the
# slider's left, and on a phone's width it covered a label at the left end.
SLIDER_STYLE = dict(SLIDER_COLORS, currentvalue=dict(xanchor="right"))
# Plotly labels an animation slider's steps itself, every s-th from the first, s set by the
# chart's width: the last step was often left bare (softmax's 41 temperatures read "... 40,
# 80" at 1280 px and "... 40" on a phone, for a run that ends at 100). So the slider's own
# labels are drawn clear and a *ruler* under it (`_with_ruler`: a second slider, no rail or
# grip: Plotly places it exactly, at any width) labels both ends and round values between.
CLEAR = "rgba(0,0,0,0)"
# The slider's value keeps the theme's text colour. Its font would inherit the clear labels'
# colour; this is the placeholder Streamlit's theme replaces with the charts' text colour
# (GRAY_70 in streamlit/elements/lib/streamlit_plotly_theme.py), as it does for its own.
THEME_TEXT = "#000036"
RULER_MAX = 10  # labels the ruler may set between its ends, at most
# On a phone Play and Pause take about 140 px, a third of the width: a slider beside them
# started under Pause (the optimizer race's first steps could not be reached) or had its
# grip touching it. There the slider goes under the buttons, across the width, this much
# lower (`stacked_player`).
STACKED_SLIDER_DROP = 48


def stacked_player(layout: dict, stacked: bool) -> dict:
    """``layout`` of an animation whose one slider lies beside its Play/Pause buttons, as
    it is; or when ``stacked`` (a phone) with the slider under them, across the whole
    width, and the bottom margin and height (where set) grown by as much, so the plot
    keeps its size."""
    if not stacked:
        return layout
    (slider,) = layout["sliders"]
    pad = dict(slider.get("pad", {}))
    pad["t"] = pad.get("t", 0) + STACKED_SLIDER_DROP
    out = dict(layout, sliders=[dict(slider, x=0, len=1, xanchor="left", pad=pad)],
               margin=dict(layout["margin"], b=layout["margin"]["b"] + STACKED_SLIDER_DROP))
    if layout.get("height"):
        out["height"] = layout["height"] + STACKED_SLIDER_DROP
    return out


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def rgba(hex_colour: str, alpha: float) -> str:
    """A ``#rrggbb`` colour at opacity ``alpha``, as Plotly's ``rgba(r,g,b,a)``."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{round(alpha, 3)})"


def dash(i: int) -> str:
    """Curve ``i``'s dash pattern (Plotly ``line.dash``), the second cue besides `color`."""
    return DASHES[i % len(DASHES)]


def line_width(present: bool = False) -> float:
    return 4.0 if present else 2.2


def font_size(present: bool = False) -> int:
    """The base text size: tick labels, legend, hover."""
    return 20 if present else 13


def axis_style(present: bool = False) -> dict:
    """What every axis gets: tick and title sizes, a grid that shows on both themes."""
    base = font_size(present)
    axis = dict(tickfont=dict(size=base), title=dict(font=dict(size=base + 2)))
    if present:
        axis.update(gridcolor=PRESENT_GRID, zerolinecolor=PRESENT_AXIS, gridwidth=1.5,
                    zerolinewidth=2, showline=True, linecolor=PRESENT_AXIS, linewidth=2)
    else:
        axis.update(gridcolor=GRID, zerolinecolor=GRID)
    return axis


def merge(base: dict, extra: dict) -> dict:
    """A copy of ``base`` updated by ``extra``, nested dicts merged rather than replaced
    (as ``fig.update_layout`` does)."""
    out = _copied(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = _copied(value)
    return out


def _copied(value):
    """A deep copy of layout data: dicts and lists rebuilt, strings and numbers shared (they
    can't change), anything else through ``copy.deepcopy``. Layouts are merged on every
    page run, and ``deepcopy``'s bookkeeping made this a tenth of a figure's build."""
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    return copy.deepcopy(value)


def axis_key(ref: str) -> str:
    """The layout key of a trace's axis reference: ``"x"`` -> ``"xaxis"``, ``"y3"`` ->
    ``"yaxis3"``."""
    return f"{ref[0]}axis{ref[1:]}"


def every_axis(layout: dict, prefix: str, extra: dict) -> dict:
    """``layout`` with ``extra`` merged into every ``<prefix>``, ``<prefix>2``, ... in it
    (what ``fig.update_xaxes(**extra)`` does for ``prefix="xaxis"``)."""
    return {key: merge(value, extra) if key.startswith(prefix) else value
            for key, value in layout.items()}


def styled(layout: dict | None = None, *, present: bool = False, height: int | None = None,
           title: str | None = None) -> dict:
    """``layout`` with the common look: readable sizes, hover, a legend that doesn't cover
    data; every ``xaxis*``/``yaxis*`` in it (``xaxis`` and ``yaxis`` at least) gets
    `axis_style`, and its annotations (the subplot titles `subplots` makes) the text size.

    ``present=True`` is the projector look: larger text and tick labels, a taller chart,
    a stronger grid and drawn axis lines. Colours stay theme-neutral (no template).
    """
    base = font_size(present)
    common = dict(
        height=height or (PRESENT_HEIGHT if present else 380),
        font=dict(size=base),
        hovermode="x unified",
        hoverlabel=dict(font=dict(size=base)),
        margin=dict(l=10, r=10, t=60 if title else 30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0,
                    font=dict(size=base)),
    )
    if title:
        common["title"] = dict(text=title, font=dict(size=base + 6))
    out = merge(dict(xaxis={}, yaxis={}), merge(layout or {}, common))
    axis = axis_style(present)
    out = every_axis(every_axis(out, "xaxis", axis), "yaxis", axis)
    if "annotations" in out:  # Plotly's 16 is too small on a projector, large otherwise
        out["annotations"] = [merge(note, dict(font=dict(size=base)))
                              for note in out["annotations"]]
    return out


@lru_cache(maxsize=128)
def _grid(rows: int, cols: int, options: tuple) -> dict:
    layout = make_subplots(rows=rows, cols=cols, **dict(options)).layout.to_plotly_json()
    layout.pop("template", None)  # the new figure gets the default one anyway
    return layout


def subplots(rows: int, cols: int, **options) -> dict:
    """The layout ``make_subplots(rows, cols, **options)`` makes (axis domains, anchors,
    subplot titles), as a dict; computed once per arguments. List arguments must be given
    as tuples. Place a trace in a cell with `cell`."""
    return copy.deepcopy(_grid(rows, cols, tuple(sorted(options.items()))))


def two_panels(titles, stacked: bool, *, across: float = 0.08, down: float = 0.16,
               side: dict | None = None, below: dict | None = None) -> dict:
    """Two panels side by side (``across`` apart; ``side``: more `subplots` options), or
    one above the other, full width, when ``stacked`` (``down`` apart; ``below``: options
    for that grid). A phone stacks: side by side, the panel titles ran into each other and
    the right panel's tick labels lay on the left panel's plot. The axes keep their names
    either way (x/y the first panel, x2/y2 the second), so a trace placed with
    ``cell(1, 1, 2)`` or ``cell(1, 2, 2)`` goes to the same panel."""
    titles = tuple(titles)
    if stacked:
        return subplots(2, 1, subplot_titles=titles, vertical_spacing=down, **(below or {}))
    return subplots(1, 2, subplot_titles=titles, horizontal_spacing=across, **(side or {}))


def legend_on_top() -> dict:
    """A legend in the figure's top row (above the panel titles, which sit on the plot):
    lifted by a share of the plot's height instead, it left empty room above a tall plot
    and lay on the titles of a short one."""
    return dict(yref="container", y=1, yanchor="top")


def cell(row: int, col: int, cols: int) -> dict:
    """The axis references of a trace in the subplot at (row, col), 1-based, as
    ``make_subplots`` numbers them (row by row)."""
    k = (row - 1) * cols + col
    suffix = "" if k == 1 else str(k)
    return dict(xaxis=f"x{suffix}", yaxis=f"y{suffix}")


def _hover_digits(layout: dict) -> dict:
    """Every linear y axis hovers at `HOVER_FORMAT` where it sets no format of its own."""
    return {key: dict(axis, hoverformat=HOVER_FORMAT)
            if key.startswith("yaxis") and isinstance(axis, dict)
            and axis.get("type") != "log" and "hoverformat" not in axis else axis
            for key, axis in layout.items()}


def figure(data: list[dict], layout: dict, frames: list[dict] | None = None) -> go.Figure:
    """One ``go.Figure`` from plain trace dicts (each with its ``type``), a layout and
    animation frames, if any. The figure owns them: don't change them afterwards.

    Unvalidated on purpose (see the module docstring); the tests validate. Pass frames
    here rather than setting ``fig.frames``, which makes Plotly's object tree. An animation
    slider gets the theme-neutral `SLIDER_COLORS`, its value on the right (`SLIDER_STYLE`,
    where it sets none of its own) and a ruler under it (`_with_ruler`: each slider's ruler
    comes just before it, so the slider lies on top and takes the pointer), and a linear y
    axis hovers at 4 significant digits.
    """
    if "sliders" in layout:
        layout = dict(layout, sliders=[part for s in layout["sliders"]
                                       for part in _with_ruler(merge(SLIDER_STYLE, s))])
    layout = _hover_digits(layout)
    spec = dict(data=data, layout=layout)
    if frames is not None:
        spec["frames"] = frames
    return SpecFigure(spec)


def _digits(label: str) -> int | None:
    """Significant digits of a numeric label ("0.03" 1, "150" 2, "0" 1), else None."""
    try:
        value = Decimal(label.replace("\u2212", "-"))
    except InvalidOperation:
        return None
    return len(value.normalize().as_tuple().digits) if value.is_finite() else None


def ruler_picks(labels: list[str]) -> list[int]:
    """The steps a ruler labels: both ends and k - 1 evenly spaced between. k is the most (up
    to `RULER_MAX`) whose labels all read as one significant digit ("0.01, 0.03, 0.1 ...
    100"), unless that leaves fewer than four gaps and two digits allow more ("0, 20, 40 ...
    200" rather than "0, 100, 200"); else just the ends. k is even or 3: at a width where
    Plotly labels only every second of the ruler's steps, the last keeps its label."""
    n = len(labels) - 1
    if n < 1:
        return [0]

    def most(digits: int) -> int:
        return next((k for k in range(RULER_MAX, 1, -1)
                     if n % k == 0 and (k % 2 == 0 or k == 3)
                     and all((d := _digits(labels[i * n // k])) is not None and d <= digits
                             for i in range(k + 1))), 1)

    k = most(1)
    if k < 4:
        k = max(k, most(2))
    return [i * n // k for i in range(k + 1)]


def _with_ruler(slider: dict) -> list[dict]:
    """``[ruler, slider]``: the slider's own labels clear, its ticks all short, its value in
    the theme's text colour; the ruler with the slider's place, fonts and value (clear, so
    both sit at the same height), the ruler's long ticks and labels at `ruler_picks`, and
    no rail or grip. A slider of one step stays as it is."""
    labels = [step["label"] for step in slider["steps"]]
    if len(labels) < 2:
        return [slider]
    value = slider.get("currentvalue", {})
    ruler = {key: slider[key] for key in ("x", "y", "len", "lenmode", "xanchor", "yanchor",
                                          "pad", "font") if key in slider}
    ruler.update(
        active=0, ticklen=7, minorticklen=0,
        tickcolor=SLIDER_COLORS["tickcolor"], bgcolor=CLEAR, bordercolor=CLEAR,
        activebgcolor=CLEAR, borderwidth=0,
        currentvalue=merge(value, dict(font=dict(color=CLEAR))),
        steps=[dict(label=labels[i], method="skip") for i in ruler_picks(labels)])
    slider = merge(slider, dict(font=dict(color=CLEAR), ticklen=4, minorticklen=4,
                                currentvalue=dict(font=dict(color=THEME_TEXT))))
    return [ruler, slider]


# Lanes: strips along the bottom of a plot over x spans (the explorer's fading slopes,
# gradient flow's exactly-0 layers), one lane per curve or run. The lanes have a band of
# the plot's height to themselves, on an invisible y axis of their own (`lane_band`): the
# data's y axis spans the rest of the plot, so none of its ticks or gridlines stands
# beside a strip, where it would name a value the strip does not mean (gradient flow's
# "exactly 0" read as 10⁻¹⁴ beside a log axis's lowest tick). The band's top is left clear
# for the lower half of a tick label on the data axis's lowest gridline (`lane_room`), and
# the x axis lies under the band.
LANE_HEIGHT, LANE_GAP = 0.035, 0.012  # a lane's height and the gap under it (plot share)
# How far a tick label reaches below its gridline, as a share of the text size: the digits
# are centred on it (measured in Chromium: "−1.5" and "10⁻⁸" at 13 and 20 px), with a
# pixel or two of air.
LABEL_BELOW = 0.45


def lane_room(present: bool, plot_px: float) -> float:
    """The share of a plot about ``plot_px`` tall that a tick label on the data axis's
    lowest gridline takes below it (`LABEL_BELOW` of the text size): left clear above the
    top lane, so that the label stands beside the data's axis, not beside a strip."""
    return LABEL_BELOW * font_size(present) / plot_px


def lane_share(lanes: int, room: float = 0.0) -> float:
    """The share of a plot's height that the band of ``lanes`` lanes takes, with ``room``
    (`lane_room`) clear above them (at most half; 0 for no lanes)."""
    return min(lanes * (LANE_HEIGHT + LANE_GAP) + LANE_GAP + room, 0.5) if lanes else 0.0


def lane_bottom(i: int) -> float:
    """Where lane ``i`` (bottom up) starts, as a share of the plot's height."""
    return LANE_GAP + i * (LANE_HEIGHT + LANE_GAP)


def lane(i: int, spans, color: str, opacity: float, axis: str, name: str | None = None,
         group: str | None = None) -> dict:
    """Lane ``i``'s strip (bottom up) over the x spans ``spans``, on the band's axis
    ``axis`` (a trace's reference, ``"y2"``; see `lane_band`); `bands` says the rest."""
    y0 = lane_bottom(i)
    return dict(bands(spans, y0, y0 + LANE_HEIGHT, color, opacity, name, group), yaxis=axis)


def lane_band(lanes: int, *, room: float = 0.0, data: str = "y", band: str = "y2",
              x: str = "x", domain=(0.0, 1.0)) -> dict:
    """Layout of a plot with ``lanes`` lanes: the plot's y axis ``data`` spanning
    ``domain`` (of the figure's height: a subplot's) gives its bottom (`lane_share` of it,
    with ``room``) to the band's axis ``band``, invisible, and keeps the rest; the x axis
    ``x`` lies under the band. Axes are named as traces refer to them (``"y"``, ``"y3"``,
    ``"x2"``).

    The band's axis counts in shares of the whole plot's height, as `lane_bottom` does.
    Hover over the band reads the data above it, as over the data (``hoversubplots``)."""
    share = lane_share(lanes, room)
    lo, hi = (float(v) for v in domain)
    cut = lo + share * (hi - lo)
    return {axis_key(data): dict(domain=[cut, hi]),
            axis_key(band): dict(domain=[lo, cut], range=[0, share], visible=False,
                                 fixedrange=True, anchor=x),
            axis_key(x): dict(anchor=band),
            "hoversubplots": "axis"}


def bands(spans, y0: float, y1: float, color: str, opacity: float,
          name: str | None = None, group: str | None = None) -> dict:
    """One filled trace holding every x span of ``spans`` from y0 to y1.

    A trace, not layout shapes: shapes are slow to build, and bands drawn first stay under
    the lines. In the legend as ``name`` when given; ``group`` ties it to a legend group.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for lo, hi in spans:
        xs += [lo, lo, hi, hi, None]
        ys += [y0, y1, y1, y0, None]
    return dict(type="scatter", mode="lines", x=xs, y=ys, fill="toself", fillcolor=color,
                opacity=opacity, line=dict(width=0), hoverinfo="skip",
                name=name or "", showlegend=bool(name),
                **({"legendgroup": group} if group else {}))


def f32(a) -> np.ndarray:
    """Send float32 to the browser: half the JSON of float64, and the eye can't tell."""
    return np.asarray(a, dtype=np.float32)


def log_span(*values) -> tuple[float, float] | None:
    """log10 of the smallest and largest finite positive value among ``values`` (arrays of
    any shape), or None when there is none: what a log axis can show of them."""
    v = np.concatenate([np.ravel(np.asarray(a, dtype=np.float64)) for a in values]) \
        if values else np.empty(0)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return None
    return float(np.log10(v.min())), float(np.log10(v.max()))


def log_axis(*values, wide: dict | None = None) -> dict:
    """A log axis for these values, written in powers of ten (``10⁻⁸``), with ``wide``'s
    settings where the values span two decades or more.

    Where the values span under two decades Plotly labels the ticks between the powers with
    a bare digit (``7`` for 0.07, ``3`` for 0.03, with one ``10⁻²`` among them), which reads
    as the value itself. There the ticks are set here instead, at 1, 2 and 5 times a power
    of ten, or the densest of 1, 2, 3, 5; 1, 2, 3, 5, 7; every digit that keeps them an
    eighth of the axis apart (three ticks at least), each written out as `fmt_power` writes
    it (``0.07``, ``0.05``, ``2×10⁻⁸``, as the powers of ten of a wide axis beside it);
    within a sliver of a decade, at about five round values evenly spaced, with the digits
    that tell them apart (``0.6935``, ``0.694``).
    (Every digit at once put 0.006, 0.007, 0.008, 0.009 and 0.01 in a tenth of SELU's
    gradient axis, on top of each other on a projector.)
    """
    axis = dict(type="log", exponentformat="power")
    span = log_span(*values)
    if span is None:
        return dict(axis, **(wide or {}))
    lo, hi = span
    if hi - lo >= 2:
        return dict(axis, **(wide or {}))
    # The range is set with the ticks (Plotly's own would leave a sliver's ticks outside),
    # padded as Plotly pads, or by 5% of the value for a flat line.
    pad = 0.05 * (hi - lo) if hi > lo else 0.02
    lo, hi = lo - pad, hi + pad
    powers = range(int(np.floor(lo)), int(np.ceil(hi)) + 1)
    gap = (hi - lo) / 8  # decades: at most about eight labels along the axis
    ticks = []  # none of the sets fits: the sliver's evenly spaced values below
    for mantissas in ((1, 2, 5), (1, 2, 3, 5), (1, 2, 3, 5, 7), range(1, 10)):  # each a superset
        more = [float(f"{m}e{p}") for p in powers for m in mantissas
                if lo <= np.log10(m) + p <= hi]
        if len(more) >= 2 and np.diff(np.log10(more)).min() < gap:
            break  # denser sets only come closer
        if len(more) >= 3:
            ticks = more
    digits = 4
    if len(ticks) < 3:  # a sliver of one decade: evenly spaced round values in it
        a, b = 10.0 ** lo, 10.0 ** hi
        step = 10.0 ** np.floor(np.log10((b - a) / 4))
        step *= next(m for m in (1, 2, 5, 10) if (b - a) / (m * step) <= 5)
        ticks = [float(t) for t in np.arange(np.ceil(a / step), np.floor(b / step) + 1) * step]
        # enough significant digits to tell neighbours apart (0.6932, 0.6934, ...)
        digits = max(1, int(np.ceil(np.log10(b / step))) + 1)
    return dict(axis, range=[lo, hi], tickvals=ticks,
                ticktext=[fmt_power(t, digits) for t in ticks])

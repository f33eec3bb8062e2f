"""The playground's figure: the network drawn as in TensorFlow Playground (a small picture
per unit, connections whose width and colour show the weights), the output over the input
plane with the train and test points, and the loss curves, all animated with Plotly frames.

Playback is the browser's: every frame carries what changes (the pictures, the
connections, the units' hover formulas and the current step's marker on the loss curves),
so Play, Pause and the slider cost the server nothing.

Why pictures are drawn as bands: a picture cut into `UNIT_BANDS` bands of value (like a
contour map) is one filled shape per band, the cells of a band merged into rectangles
(`band_rects`), so a frame redraws one SVG path per band. Drawn as one marker per cell,
the 1,100 cells of the default view cost plotly.js about 60 µs each a frame (a style
and colour parse per marker): 10 frames a second in headless Chromium, against 20 asked.
A heatmap would need a full redraw per frame, slower still (plotly.js erased the inputs'
heatmap on Play).

Every text drawn is a parameter (`Texts`); numbers go through `numfmt.fmt_text`.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from ..features import transform
from ..numfmt import fmt_chart, fmt_text
from .style import (PALETTE, color, f32, figure, font_size, line_width, merge, rgba,
                    styled)

JSON_BUDGET = 1_400_000  # bytes of frames we allow (the figure's JSON stays under 1.5 MB)
MAX_FRAMES = 101  # a run's 101 snapshots (the start and every steps/100: see ui/cached.py)
# all fit, so the slider's steps are even (0, 5, 10, ...); 100 left one out mid-run
OUT_CELLS = 20  # the output picture's cells per side
FRAME_MS = 30  # plotly.js shows the next frame at the first screen refresh more than
# FRAME_MS after the last: at 60 Hz that is 33 ms, 30 frames a second when a frame draws
# in time (asking 40 or 50 ms gives 20 or 15 at best)
# The diagram is laid out in cells of the unit pictures (g x g cells a picture): the
# spacing of the pictures, in picture sides, is rounded to whole cells, so every corner
# of a band is a small integer and a frame sends it as one byte (see `band_shapes`).
PITCH_X, PITCH_Y = 2.4, 1.25
UNIT_BANDS = 9  # bands of a unit's value in [-1, 1]: 4 shades of each sign, and a clear
# middle band around 0 (odd, so 0 is in the middle of one)
WIDTH_BINS = (0.5, 1.5, 3.0, 5.0)  # connection widths (pixels) for 4 classes of |w|
POSITIVE, NEGATIVE = PALETTE[1], PALETTE[0]  # orange for w > 0, blue for w < 0 (as TFP)
# The legend's one entry for the test points: a diamond in the palette's grey, which no
# class or loss curve takes (five classes and two losses use its first seven colours).
TEST_KEY = PALETTE[-1]
OUTLINE = "rgba(128,128,128,0.5)"  # a unit picture's outline: mid-grey reads on both themes
# Right of the plots, px: room for Plotly's toolbar standing upright (two buttons: 24 px
# wide, 2 px in from the edge, in Chromium), so the legend, which ends at the plots' right
# edge, never lies under it.
TOOLBAR_GUTTER = 34


def legend_row(font: int) -> int:
    """The height of one row of a horizontal legend in ``font`` px type, with Plotly's
    padding around the legend: a row is at most 1.6 ``font`` (20 px at 13 px type, 29 at
    20, measured in Chromium), the padding 10 px."""
    return round(1.6 * font + 10)


@dataclass(frozen=True)
class Texts:
    """Every word the figure shows, from the page's catalog."""

    network: str = "Network"
    output: str = "Output"
    loss: str = "Loss"
    step: str = "step"
    train_loss: str = "train loss"
    test_loss: str = "test loss"
    play: str = "Play"
    pause: str = "Pause"
    class_names: tuple = ("0", "1")
    train_suffix: str = "{name}"  # a training point's hover
    test_suffix: str = "{name} (test)"  # a test point's hover
    test_points: str = "test points"  # the legend's entry for every class's test points
    x_label: str = "x1"
    y_label: str = "x2"
    bias: str = "bias"


# ---------------------------------------------------------------- pictures as bands


def signed_bands(a, bands=UNIT_BANDS) -> np.ndarray:
    """Band of each value clipped to [-1, 1] (int8): 0 .. bands-1 from -1 up, with the
    middle band (around 0, left clear) as -1, like every "nothing here" cell."""
    a = np.clip(np.asarray(a, dtype=np.float64), -1, 1)
    k = np.minimum(np.floor((a + 1) / 2 * bands), bands - 1).astype(np.int8)
    k[k == bands // 2] = -1
    return k


def signed_colours(negative, positive, alpha, bands=UNIT_BANDS) -> list[str]:
    """The colour of each of `signed_bands`' bands (the middle one transparent): the
    outermost ones at full ``alpha``, fading to a quarter of it next to the middle."""
    mid = bands // 2
    return [rgba(negative if k < mid else positive, alpha * abs(k - mid) / mid)
            if k != mid else "rgba(0,0,0,0)" for k in range(bands)]


def class_bands(p) -> tuple[np.ndarray, int]:
    """The output picture of C classes (C, G, G) as bands (G, G): the likeliest class k
    and how sure the net is of it (from a tie to certain) in ``per`` steps: band
    ``k * per + step``. Returns the bands and ``per``."""
    p = np.asarray(p, dtype=np.float64)
    c = p.shape[0]
    per = max(2, 10 // c)
    sure = (p.max(axis=0) - 1 / c) / (1 - 1 / c)  # 0 (a tie) .. 1 (certain)
    step = np.minimum(np.floor(np.clip(sure, 0, 1) * per), per - 1)
    return (p.argmax(axis=0) * per + step).astype(np.int8), per


def class_colours(classes: int, per: int) -> list[str]:
    return [rgba(color(k), 0.06 + 0.64 * (s + 1) / per)
            for k in range(classes) for s in range(per)]


def band_rects(bands, count) -> list[np.ndarray]:
    """Each band's cells merged into rectangles: for band k, an (n, 4) int array of
    ``(col0, row0, col1, row1)`` cell edges (end exclusive), ordered by row0 then col0.
    Runs along a row are merged, then equal runs in consecutive rows; cells of -1 are
    nothing. (Vectorised: a figure cuts some 10,000 rows.)"""
    bands = np.asarray(bands)
    rows, cols = bands.shape
    edge = np.ones((rows, cols + 1), dtype=bool)  # a run starts (or the row ends) here
    edge[:, 1:cols] = bands[:, 1:] != bands[:, :-1]
    r, c = np.nonzero(edge)  # row by row, left to right
    nxt = np.append(c[1:], 0)
    keep = c < cols  # each start, with the next edge of its row as its end
    r, c0, c1 = r[keep], c[keep], nxt[keep]
    k = bands[r, c0].astype(np.int64)
    r, c0, c1, k = r[k >= 0], c0[k >= 0], c1[k >= 0], k[k >= 0]
    if not len(r):
        return [np.zeros((0, 4), dtype=np.int32) for _ in range(count)]
    # A run goes on a rectangle that the same run in the row below started.
    order = np.lexsort((r, c1, c0, k))
    r, c0, c1, k = r[order], c0[order], c1[order], k[order]
    same = np.zeros(len(r), dtype=bool)
    same[1:] = (k[1:] == k[:-1]) & (c0[1:] == c0[:-1]) & (c1[1:] == c1[:-1]) \
        & (r[1:] == r[:-1] + 1)
    start = np.flatnonzero(~same)
    end = np.append(start[1:], len(r)) - 1  # the last row of each rectangle
    rects = np.column_stack([c0[start], r[start], c1[start], r[end] + 1])
    kk = k[start]
    order = np.lexsort((rects[:, 0], rects[:, 1], kk))
    rects, kk = rects[order], kk[order]
    cut = np.searchsorted(kk, np.arange(count + 1))
    return [rects[cut[i]:cut[i + 1]].astype(np.int32) for i in range(count)]


def band_shapes(bands, count, x_edges, y_edges) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each band as one polygon for a ``fill="toself"`` trace: (x, y) of its rectangles,
    uint8 when every edge is an integer in 0..255, else float32.

    No NaN between rectangles, so the corners can be bytes: the polygon goes round
    rectangle 1 (corners a b c d, back to a), steps to rectangle 2's corner a and round it,
    and so on, then walks back through the a corners to the first. Every step between
    rectangles is walked once each way, so it encloses nothing and draws nothing; the
    rectangles all turn the same way, so each one is filled.
    """
    x_edges, y_edges = np.asarray(x_edges), np.asarray(y_edges)
    whole = all(np.array_equal(e, np.round(e)) and e.min() >= 0 and e.max() <= 255
                for e in (x_edges, y_edges))
    cast = (lambda a: a.astype(np.uint8)) if whole else f32
    out = []
    for rects in band_rects(bands, count):
        x0, y0, x1, y1 = (rects[:, i] for i in range(4))
        xs = np.column_stack([x_edges[x0], x_edges[x1], x_edges[x1], x_edges[x0], x_edges[x0]])
        ys = np.column_stack([y_edges[y0], y_edges[y0], y_edges[y1], y_edges[y1], y_edges[y0]])
        back = slice(-2, None, -1)  # the a corners, from the last but one to the first
        out.append((cast(np.concatenate([xs.ravel(), xs[back, 0]])),
                    cast(np.concatenate([ys.ravel(), ys[back, 0]]))))
    return out


def _pick(G, g):
    return np.linspace(0, G - 1, g).round().astype(int)


def _edges(blocks, g, pitch, start=0):
    """Cell edges of ``blocks`` pictures of ``g`` cells (of side 1) ``pitch`` apart, one
    wide empty cell between neighbours: ``blocks * (g + 1)`` edges for ``blocks * (g + 1)
    - 1`` cells."""
    return np.concatenate([start + b * pitch + np.arange(g + 1) for b in range(blocks)])


def mosaic(columns, rows, g, empty=-1) -> np.ndarray:
    """One picture (rows*(g+1)-1, cols*(g+1)-1) of unit pictures, in `_edges`' cells:
    ``columns`` is a list of (units, g, g) arrays, unit 0 at the top; the cells between
    pictures and below a short column are ``empty``."""
    dtype = np.result_type(*[c.dtype for c in columns]) if columns else np.int8
    out = np.full((rows * (g + 1) - 1, len(columns) * (g + 1) - 1), empty, dtype=dtype)
    for c, units in enumerate(columns):
        for u, pic in enumerate(units):
            r = rows - 1 - u  # block from the bottom: y grows upwards
            out[r * (g + 1):r * (g + 1) + g, c * (g + 1):c * (g + 1) + g] = pic
    return out


# ---------------------------------------------------------------- formulas for hover


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def unit_name(layer: int, unit: int) -> str:
    """``h₂,₃``: hidden unit 3 of layer 2 (1-based)."""
    return f"h{str(layer).translate(_SUB)},{str(unit).translate(_SUB)}"


def linear_text(weights, bias, inputs, per_line=4) -> str:
    """``0.82 x₁ − 1.4 x₂ + 0.11``, a line break every ``per_line`` terms."""
    parts = []
    for k, (w, name) in enumerate(zip(weights, inputs)):
        sign = ("−" if w < 0 else "") if k == 0 else (" − " if w < 0 else " + ")
        brk = "<br>   " if k and k % per_line == 0 else ""
        parts.append(f"{brk}{sign}{fmt_text(abs(w), 3)} {name}")
    parts.append((" − " if bias < 0 else " + ") + fmt_text(abs(bias), 3))
    return "".join(parts)


def unit_formulas(weights, biases, feature_labels, fn_names, classes) -> list[list[str]]:
    """Hover text per unit, per layer after the inputs: ``h₁,₁ = tanh(0.82 x₁ − …)``; the
    output: ``p = σ(…)`` (two classes) or ``s₂ = …`` with ``p = softmax(s)`` (more)."""
    out, inputs = [], list(feature_labels)
    for layer, (W, b) in enumerate(zip(weights, biases)):
        last = layer == len(weights) - 1
        texts = []
        for j in range(W.shape[1]):
            body = linear_text(W[:, j], b[j], inputs)
            if not last:
                texts.append(f"{unit_name(layer + 1, j + 1)} = {fn_names[layer]}({body})")
            elif classes == 2:
                texts.append(f"p = σ({body})")
            else:
                texts.append(f"s{str(j + 1).translate(_SUB)} = {body}<br>p = softmax(s)")
        out.append(texts)
        inputs = [unit_name(layer + 1, j + 1) for j in range(W.shape[1])]
    return out


# ---------------------------------------------------------------- the figure


def _geometry(sizes, g, pitch_x, pitch_y):
    """Centre of every unit, in cells: ``centres[c][u] = (x, y)``, column c (0 = inputs),
    unit 0 at the top; y = 0 is the bottom of the tallest column."""
    rows = max(sizes)
    return [[(c * pitch_x + g / 2, (rows - 1 - u) * pitch_y + g / 2) for u in range(n)]
            for c, n in enumerate(sizes)]


def _connections(weights, centres, wmax, g):
    """Segments grouped by sign and width class: 8 traces' (x, y), NaN between segments."""
    groups = {(s, k): ([], []) for s in (1, -1) for k in range(len(WIDTH_BINS))}
    for c, W in enumerate(weights):
        for i in range(W.shape[0]):
            x0, y0 = centres[c][i]
            for j in range(W.shape[1]):
                x1, y1 = centres[c + 1][j]
                w = float(W[i, j])
                k = min(int(abs(w) / wmax * len(WIDTH_BINS)), len(WIDTH_BINS) - 1)
                xs, ys = groups[(1 if w >= 0 else -1, k)]
                xs += [x0 + g / 2, x1 - g / 2, np.nan]
                ys += [y0, y1, np.nan]
    return [(f32(xs), f32(ys)) for xs, ys in groups.values()]


def _outlines(centres, g):
    """The outline of every unit's picture (a square of side ``g`` round each centre), as
    one line trace's (x, y): each square closed, NaN between squares."""
    xs, ys = [], []
    for col in centres:
        for x, y in col:
            x0, x1, y0, y1 = x - g / 2, x + g / 2, y - g / 2, y + g / 2
            xs += [x0, x1, x1, x0, x0, np.nan]
            ys += [y0, y0, y1, y1, y0, np.nan]
    return np.array(xs), np.array(ys)


def _thin(values, most=400):
    values = np.asarray(values)
    idx = np.unique(np.linspace(0, len(values) - 1, min(len(values), most)).round().astype(int))
    return idx + 1, values[idx]


def _frame_bytes(frame_traces) -> int:
    """A frame's size in the JSON Streamlit sends: arrays in base64, and each "/" sent as
    6 bytes (plotly's encoder escapes it), plus the frame's name and trace list."""
    text = json.dumps([{k: _typed(v) for k, v in t.items()} for t in frame_traces],
                      ensure_ascii=False, separators=(",", ":"))
    return len(text.encode()) + 5 * text.count("/") + 40 * len(frame_traces)


def _opening(snaps, start: int) -> int:
    """The index of the snapshot a figure opens on: the last at or before step ``start``."""
    return max([i for i, s in enumerate(snaps) if s.step <= start] or [0])


def opening_step(result, start: int) -> int:
    """The step `network_figure` opens on for ``start`` (what its slider first shows)."""
    return result.snapshots[_opening(result.snapshots, start)].step


def network_figure(result, *, texts: Texts, fn_names, feature_labels, start=0,
                   present=False, stacked=False, height=None, budget=JSON_BUDGET,
                   max_frames=MAX_FRAMES) -> go.Figure:
    """The animated playground figure of a `training.TrainResult` with snapshots.

    ``fn_names`` names each hidden layer's function in the hover formulas (``tanh``),
    ``feature_labels`` the inputs (``x₁²``). ``start``: the figure opens on the last
    snapshot at or before this step (0: the starting weights), so Play (which continues
    from the frame shown) plays the training after it. Frames are an even choice among the
    snapshots (the first, the last and the opening one always), as many as fit ``budget``
    bytes and ``max_frames``. ``stacked``: the network across the top, the output square and
    the loss chart under it (a phone's width).
    """
    snaps = result.snapshots
    if not snaps:
        raise ValueError("the result has no snapshots (train with snapshot_every)")
    classes = result.classes
    n_in = len(result.features)
    hidden = [w.shape[1] for w in result.weights[:-1]]
    n_out = result.weights[-1].shape[1]
    sizes = [n_in, *hidden, n_out]
    rows = max(sizes)
    g = 10 if rows <= 4 else 8  # cells per unit picture side
    G = len(result.snapshot_x)
    pick = _pick(G, g)
    pitch_x, pitch_y = round(PITCH_X * g), round(PITCH_Y * g)  # in cells
    centres = _geometry(sizes, g, pitch_x, pitch_y)
    base = font_size(present)
    gx, gy = result.snapshot_x, result.snapshot_y

    # The inputs: fixed pictures, each feature scaled by its largest |value| on the grid.
    xx, yy = np.meshgrid(gx[pick], gy[pick])
    phi = transform(np.column_stack([xx.ravel(), yy.ravel()]), result.features)  # (g², F)
    phi = phi / np.maximum(np.abs(phi).max(axis=0), 1e-12)
    inputs = signed_bands(phi.T.reshape(n_in, g, g))  # (F, g, g)
    wmax = max(float(np.abs(w).max()) for s in snaps for w in s.weights) or 1.0
    mid = UNIT_BANDS // 2
    unit_colours = signed_colours(NEGATIVE, POSITIVE, 0.95)
    unit_drawn = [k for k in range(UNIT_BANDS) if k != mid]  # the middle band stays clear
    y_edges = _edges(rows, g, pitch_y)
    x_edges = _edges(len(sizes) - 1, g, pitch_x, pitch_x)  # every column after the inputs

    def units_of(snap):
        """Every unit's picture (hidden layers, then the output's p or each p_k) as bands,
        one filled shape per drawn band."""
        cols = [signed_bands(u[:, pick][:, :, pick]) for u in snap.units]
        out = snap.output
        out_units = out[None] if out.ndim == 2 else out  # (units, G, G): p or each p_k
        cols.append(signed_bands(2 * out_units[:, pick][:, :, pick] - 1))  # p 0..1
        shapes = band_shapes(mosaic(cols, rows, g), UNIT_BANDS, x_edges, y_edges)
        return [shapes[k] for k in unit_drawn]

    # Output picture: at most OUT_CELLS x OUT_CELLS cells, evenly spaced over the grid's
    # box, each showing the grid point nearest its centre.
    cells = min(G, OUT_CELLS)
    opick = _pick(G, cells)

    def cell_edges(grid):
        step = (grid[-1] - grid[0]) / (cells - 1)
        return grid[0] + step * (np.arange(cells + 1) - 0.5)

    ox_edges, oy_edges = cell_edges(gx), cell_edges(gy)
    if classes == 2:
        out_colours = signed_colours(color(0), color(1), 0.6)
        out_drawn = unit_drawn
    else:
        per = class_bands(np.full((classes, 1, 1), 1 / classes))[1]
        out_colours = class_colours(classes, per)
        out_drawn = list(range(len(out_colours)))

    def output_of(snap):
        out = snap.output
        if out.ndim == 2:
            bands = signed_bands(2 * out[opick][:, opick] - 1)
        else:
            bands = class_bands(out[:, opick][:, :, opick])[0]
        shapes = band_shapes(bands, len(out_colours), ox_edges, oy_edges)
        return [shapes[k] for k in out_drawn]

    def hover_of(snap):
        per_layer = unit_formulas(snap.weights, snap.biases, feature_labels, fn_names, classes)
        return [text for layer in per_layer for text in layer]

    data_loss = result.loss_history - result.penalty_history
    has_test = result.test_loss_history.size > 0

    def marker_of(snap):
        i = snap.step - 1
        if i < 0 or i >= len(data_loss):
            return np.array([], dtype=np.float32), np.array([], dtype=np.float32)
        ys = [data_loss[i]] + ([result.test_loss_history[i]] if has_test else [])
        return f32([snap.step] * len(ys)), f32(ys)

    def frame_data(snap):
        """What changes, in the order of `moving`: unit bands, connections, unit hover,
        output bands, the loss marker."""
        mx, my = marker_of(snap)
        return ([dict(type="scatter", x=x, y=y) for x, y in units_of(snap)]
                + [dict(type="scatter", x=x, y=y)
                   for x, y in _connections(snap.weights, centres, wmax, g)]
                + [dict(type="scatter", hovertext=hover_of(snap))]
                + [dict(type="scatter", x=x, y=y) for x, y in output_of(snap)]
                + [dict(type="scatter", x=mx, y=my)])

    # Choose frames: evenly among the snapshots, within the byte budget.
    # A frame's size varies with the pictures (more bands, more rectangles): budget for
    # the largest of a few spread over the run.
    sample = np.unique(np.linspace(0, len(snaps) - 1, 6).round().astype(int))
    fit = max(2, int(budget // max(_frame_bytes(frame_data(snaps[i])) for i in sample)))
    count = min(len(snaps), max_frames, fit)
    at = _opening(snaps, start)
    picks = np.linspace(0, len(snaps) - 1, count).round().astype(int)
    chosen = [snaps[i] for i in np.union1d(picks, [at])]  # the opening frame is one of them
    first = snaps[at]

    # ------------------------------------------------------------ static traces
    unit_hover = [f"{lab}" for lab in feature_labels]
    xs = [x for col in centres[1:] for x, _ in col]
    ys = [y for col in centres[1:] for _, y in col]
    frame0 = iter(frame_data(first))
    diagram = dict(xaxis="x", yaxis="y")
    band = dict(type="scatter", mode="none", fill="toself", hoverinfo="skip",
                showlegend=False)
    # The inputs never change: bands as the units', drawn once (a heatmap here vanished on
    # Play: plotly.js drops a trace type it cannot animate from a subplot it animates).
    in_shapes = band_shapes(mosaic([inputs], rows, g), UNIT_BANDS, _edges(1, g, pitch_x),
                            y_edges)
    data = [dict(band, fillcolor=unit_colours[k], x=in_shapes[k][0], y=in_shapes[k][1],
                 **diagram) for k in unit_drawn]
    # Traces that never change but must be listed in every frame, with nothing to change:
    # plotly.js (4.1) erased the inputs and the loss curves on Play when a frame left them
    # out (it keeps the class points); redrawn, they stay.
    kept = list(range(len(data)))
    moving = []
    for k in unit_drawn:
        moving.append(len(data))
        data.append(dict(band, fillcolor=unit_colours[k], **next(frame0), **diagram))
    # Every picture framed: its middle band (values near 0) is clear, so a picture that is
    # mostly clear (a logistic regression's p near 0.5 on the circles) read as a few loose
    # corner steps, with the connections ending in nothing.
    outline_x, outline_y = _outlines(centres, g)
    kept.append(len(data))
    data.append(dict(type="scatter", mode="lines", x=f32(outline_x), y=f32(outline_y),
                     line=dict(color=OUTLINE, width=1), hoverinfo="skip", showlegend=False,
                     **diagram))
    for sign in (1, -1):
        for k in range(len(WIDTH_BINS)):
            width = WIDTH_BINS[k] * (1.6 if present else 1.0)
            moving.append(len(data))
            data.append(dict(next(frame0), mode="lines",
                             line=dict(width=width, color=rgba(
                                 POSITIVE if sign > 0 else NEGATIVE, 0.35 + 0.15 * k)),
                             hoverinfo="skip", showlegend=False, **diagram))
    # Invisible squares over the units carry the hover text (a filled shape can't).
    hover_marker = dict(size=40 if present else 30, color="rgba(0,0,0,0)", symbol="square")
    moving.append(len(data))
    data.append(dict(next(frame0), mode="markers", x=f32(xs), y=f32(ys),
                     marker=hover_marker, hoverinfo="text", showlegend=False, **diagram))
    data.append(dict(type="scatter", mode="markers+text", x=f32([-0.08 * g] * n_in),
                     y=f32([y for _, y in centres[0]]),
                     text=list(feature_labels), textposition="middle left",
                     textfont=dict(size=base), marker=dict(size=1, color="rgba(0,0,0,0)"),
                     hovertext=unit_hover, hoverinfo="text", showlegend=False, **diagram))
    out_axes = dict(xaxis="x2", yaxis="y2")
    for k in out_drawn:
        moving.append(len(data))
        data.append(dict(band, fillcolor=out_colours[k], **next(frame0), **out_axes))
    size = 10 if present else 6
    test_line = dict(width=1.5, color="rgba(255,255,255,0.9)")
    # The legend names each class once (its training points' round marker) and the test
    # points once, as a grey diamond: an entry per class and part was 2C + 2 entries, three
    # rows at 1280x720 with 5 classes in Korean. A class's entry shows and hides its test
    # points too (one legendgroup). The grey entry only explains the diamond: a trace is in
    # one legendgroup, so no entry can also hide every class's test points.
    for part, X, y, symbol in (("train", result.X, result.y, "circle"),
                               ("test", result.X_test, result.y_test, "diamond")):
        keep = np.linspace(0, len(X) - 1, min(len(X), 800)).round().astype(int) \
            if len(X) else np.array([], dtype=int)
        X, y = X[keep], y[keep]
        for k, name in enumerate(texts.class_names):
            pts = X[y == k]
            if part == "test" and not len(pts):
                continue
            label = (texts.train_suffix if part == "train" else texts.test_suffix) \
                .format(name=name)
            data.append(dict(
                type="scatter", mode="markers", x=f32(pts[:, 0]), y=f32(pts[:, 1]),
                name=label, legendgroup=f"class{k}", showlegend=part == "train",
                marker=dict(color=color(k), size=size, symbol=symbol,
                            line=test_line if part == "test"
                            else dict(width=0.8, color="rgba(0,0,0,0.55)")),
                hovertemplate=f"{label}<br>{texts.x_label}=%{{x:.2f}}<br>"
                              f"{texts.y_label}=%{{y:.2f}}<extra></extra>",
                **out_axes))
    if len(result.X_test):
        kept.append(len(data))  # no point: an entry only
        data.append(dict(type="scatter", mode="markers", x=f32([np.nan]), y=f32([np.nan]),
                         name=texts.test_points, legendgroup="test",
                         marker=dict(color=TEST_KEY, size=size, symbol="diamond",
                                     line=test_line),
                         hoverinfo="skip", **out_axes))
    loss_axes = dict(xaxis="x3", yaxis="y3")
    lw = line_width(present)
    # The loss curves take the colours after the classes' (green and pink beside two
    # classes): one legend holds both, and class 2 was as green as the training loss.
    train_colour, test_colour = color(classes), color(classes + 1)
    s, v = _thin(data_loss)
    kept.append(len(data))
    # Hover numbers as the page writes them (2.06×10⁻⁹; Plotly's .4g wrote 2.06e-9).
    data.append(dict(type="scatter", mode="lines", x=s, y=f32(v), name=texts.train_loss,
                     line=dict(color=train_colour, width=lw), **loss_axes,
                     customdata=[fmt_chart(x) for x in v],
                     hovertemplate=f"{texts.train_loss}: %{{customdata}}<extra></extra>"))
    if has_test:
        s, v = _thin(result.test_loss_history)
        kept.append(len(data))
        data.append(dict(type="scatter", mode="lines", x=s, y=f32(v), name=texts.test_loss,
                         line=dict(color=test_colour, width=lw, dash="dot"), **loss_axes,
                         customdata=[fmt_chart(x) for x in v],
                         hovertemplate=f"{texts.test_loss}: %{{customdata}}<extra></extra>"))
    moving.append(len(data))
    data.append(dict(next(frame0), mode="markers",
                     marker=dict(size=size + 5, color="rgba(128,128,128,0.9)"),
                     hoverinfo="skip", showlegend=False, **loss_axes))

    # ------------------------------------------------------------ layout
    span_x = (-1.5 * g, (len(sizes) - 1) * pitch_x + 1.2 * g)
    span_y = (-0.2 * g, (rows - 1) * pitch_y + 1.2 * g)
    # Beside the network (left of ``left``): the output square (x2, y2) above the loss chart
    # (x3, y3); on a projector (larger text, a shorter figure) side by side instead, where
    # a stacked loss chart was 48 px tall, its ticks on top of each other and the square's
    # x title on its line. The panel titles sit just under the legend (``out_top``).
    # On a phone, beside the network each of the three was a third of 360 px: the network
    # there spans the width above the square, and the loss chart comes last. Its Play and
    # slider sit right under the network they animate (``player_y``): under the loss chart
    # they were two screens below it, and Play ran a network scrolled out of sight.
    player_y = 0  # the buttons' and the slider's top, under the plots
    network_right = None  # where the network's plot ends (``left``, but on a projector)
    if present:
        left, out_top = 0.5, 0.87
        square = dict(x=[left + 0.07, 0.77], y=[0.06, out_top])
        loss = dict(x=[0.85, 1], y=[0.06, out_top])
        # The square's y title and ticks take ~95 px left of it, more than 0.07 of the
        # width: a square as tall as its plot put its "x₂" on the network's (which is wider
        # than the diagram, drawn to its height, needs).
        network_right = left - 0.025
    elif stacked:
        left, out_top, player_y = 1.0, 0.97, 0.68
        square = dict(x=[0.12, 1], y=[0.25, 0.49])
        loss = dict(x=[0.12, 1], y=[0.05, 0.16])
    else:  # (0.96 left the titles 18 px under the legend, for a row 20 px tall)
        left, out_top = 0.56, 0.94
        square = dict(x=[left + 0.08, 1], y=[0.46, out_top])
        loss = dict(x=[left + 0.08, 1], y=[0.06, 0.3])
    network_y = [0.7, out_top] if stacked else [0.02, out_top]
    hidden_axis = dict(visible=False, showgrid=False, zeroline=False, fixedrange=True)
    anim = dict(frame=dict(duration=FRAME_MS, redraw=False), transition=dict(duration=0),
                mode="immediate")
    jump = dict(frame=dict(duration=0, redraw=False), transition=dict(duration=0),
                mode="immediate")
    names = [str(s.step) for s in chosen]
    layout = dict(
        xaxis=dict(domain=[0, network_right or left], range=list(span_x), **hidden_axis),
        yaxis=dict(domain=network_y, range=list(span_y), scaleanchor="x", scaleratio=1,
                   constrain="domain", **hidden_axis),
        xaxis2=dict(domain=square["x"], range=[float(gx[0]), float(gx[-1])],
                    anchor="y2", showgrid=False, zeroline=False, title=dict(text=texts.x_label),
                    constrain="domain"),
        yaxis2=dict(domain=square["y"], range=[float(gy[0]), float(gy[-1])],
                    anchor="x2", showgrid=False, zeroline=False, title=dict(text=texts.y_label),
                    scaleanchor="x2", scaleratio=1, constrain="domain"),
        xaxis3=dict(domain=loss["x"], anchor="y3", title=dict(text=texts.step),
                    range=[0, max(result.steps_run, 1) * 1.02]),
        yaxis3=dict(domain=loss["y"], anchor="x3", rangemode="tozero",
                    title=dict(text=texts.loss)),
        annotations=[
            dict(text=texts.network, x=0, y=out_top, xref="paper", yref="paper",
                 xanchor="left", yanchor="bottom", showarrow=False),
            dict(text=texts.output, x=square["x"][0], y=square["y"][1], xref="paper",
                 yref="paper", xanchor="left", yanchor="bottom", showarrow=False),
        ],
        hovermode="closest",
        margin=dict(l=10, r=10, t=40, b=70),
        legend=dict(orientation="h", x=1, xanchor="right", y=1.0, yanchor="bottom"),
        updatemenus=[dict(
            type="buttons", direction="left", x=0, y=player_y, xanchor="left", yanchor="top",
            showactive=False, pad=dict(t=6, r=10), font=dict(size=base),
            buttons=[dict(label=texts.play, method="animate",
                          args=[None, {**anim, "fromcurrent": True}]),
                     dict(label=texts.pause, method="animate", args=[[None], jump])],
        )],
        # (On a phone the slider goes under the buttons, across the width.)
        sliders=[dict(
            active=chosen.index(first), x=0 if stacked else 0.24, y=player_y,
            len=1 if stacked else left - 0.2, xanchor="left", yanchor="top",
            pad=dict(t=50 if stacked else 6), font=dict(size=base - 2),
            currentvalue=dict(prefix=f"{texts.step}: ", font=dict(size=base)),
            steps=[dict(label=n, method="animate", args=[[n], jump]) for n in names],
        )],
    )
    # The legend sits above the plots, clear of both titles: Plotly grows the top margin
    # by each row it wraps to (the margin set here holds one). Plotly's toolbar, shown at
    # the figure's top right on hover, stands upright in a gutter right of the plots
    # (`TOOLBAR_GUTTER`), so it is clear of the legend however many rows it takes: lying
    # along the top, the camera covered the top row's last entry ("test loss", and with 5
    # classes in Korean, three rows, "학습 손실" whatever the margin). A phone shows no
    # toolbar: no gutter there.
    default_height = 470 if present else 1100 if stacked else 600
    layout = merge(styled(layout, present=present, height=height or default_height),
                   dict(hovermode="closest",
                        # a legend row and some air above it
                        margin=dict(t=legend_row(base) + 8, r=10 if stacked else TOOLBAR_GUTTER,
                                    b=70 if stacked else 95 if present else 80),
                        legend=dict(orientation="h", x=1, xanchor="right", y=1.0,
                                    yanchor="bottom"),
                        modebar=dict(orientation="v")))
    frames = [dict(name=str(snap.step), traces=moving + kept,
                   data=[{k: _typed(v) for k, v in trace.items()} for trace in frame_data(snap)]
                   + [{}] * len(kept))
              for snap in chosen]
    # Arrays go in as Plotly's own base64 form: the figure then skips converting each one
    # (converting 100 frames' arrays was most of the cost of building this figure).
    return figure(data, layout, frames)


_DTYPES = {np.dtype(np.uint8): "u1", np.dtype(np.int32): "i4", np.dtype(np.float32): "f4",
           np.dtype(np.float64): "f8"}


def _typed(value):
    """A NumPy array as Plotly's typed-array form ``{dtype, bdata[, shape]}``."""
    if not isinstance(value, np.ndarray):
        return value
    if value.dtype not in _DTYPES:
        value = value.astype(np.float32 if value.dtype.kind == "f" else np.int32)
    out = dict(dtype=_DTYPES[value.dtype],
               bdata=base64.b64encode(np.ascontiguousarray(value).tobytes()).decode("ascii"))
    if value.ndim == 2:
        out["shape"] = f"{value.shape[0]}, {value.shape[1]}"
    return out

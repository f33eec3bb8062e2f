"""The playground's figure: the network drawn as in TensorFlow Playground (a small picture
per unit, connections whose width and colour show the weights), the output over the input
plane with the train and test points, and the loss curves, all animated with Plotly frames.

Playback is the browser's: every frame carries what changes (the unit pictures as one
uint8 mosaic, the output picture, the connections, the units' hover formulas and the
current step's marker on the loss curves), so Play, Pause and the slider cost the server
nothing. Pictures are sent as uint8 (0..254 on the colour scale, 255 = nothing there): a
quarter of float32, which keeps the default view's JSON far under `JSON_BUDGET`.

Every text drawn is a parameter (`Texts`); numbers go through `numfmt.fmt`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from ..features import transform
from ..numfmt import fmt
from .style import PALETTE, color, f32, font_size, line_width, merge, styled

JSON_BUDGET = 1_400_000  # bytes of frames we allow (the figure's JSON stays under 1.5 MB)
MAX_FRAMES = 100
OUT_CELLS = 20  # the output picture's cells per side
FRAME_MS = 50  # 20 frames a second
TILE, PITCH_X, PITCH_Y = 1.0, 2.4, 1.25  # unit picture side and spacing, diagram units
# Mosaic value of "no unit here": the colour scale's transparent end. 0, because the JSON
# Streamlit sends escapes "/" as 6 bytes and a run of 255s is "////" in base64; zeros are "A".
EMPTY = 0
WIDTH_BINS = (0.5, 1.5, 3.0, 5.0)  # connection widths (pixels) for 4 classes of |w|
POSITIVE, NEGATIVE = PALETTE[1], PALETTE[0]  # orange for w > 0, blue for w < 0 (as TFP)


def _rgba(hex_colour, a):
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{a})"


# Unit pictures (1..255): -1 blue, 0 see-through (the theme's background shows), +1 orange;
# 0 is empty.
UNIT_SCALE = [[0.0, "rgba(0,0,0,0)"], [1 / 255, _rgba(NEGATIVE, 0.95)],
              [128 / 255, "rgba(128,128,128,0.08)"], [1.0, _rgba(POSITIVE, 0.95)]]


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
    train_suffix: str = "{name}"
    test_suffix: str = "{name} (test)"
    x_label: str = "x1"
    y_label: str = "x2"
    bias: str = "bias"


# ---------------------------------------------------------------- pictures as uint8


def quantize_units(a) -> np.ndarray:
    """Unit outputs clipped to [-1, 1] as 1..255 (uint8; 0 is `EMPTY`)."""
    a = np.clip(np.asarray(a, dtype=np.float64), -1, 1)
    return (np.round((a + 1) * 127) + 1).astype(np.uint8)


def quantize_output(p) -> np.ndarray:
    """The output picture as uint8: two classes (G, G) p -> 0..254; C classes (C, G, G) ->
    band k (values 51k .. 51k + 50) for the likeliest class k, brighter when surer."""
    p = np.asarray(p, dtype=np.float64)
    if p.ndim == 2:
        return np.round(np.clip(p, 0, 1) * 254).astype(np.uint8)
    k = p.shape[0]
    top = p.argmax(axis=0)  # (G, G)
    sure = (p.max(axis=0) - 1 / k) / (1 - 1 / k)  # 0 (a tie) .. 1 (certain)
    return (51 * top + np.round(np.clip(sure, 0, 1) * 50)).astype(np.uint8)


def output_scale(classes: int):
    """The colour scale of `quantize_output`'s values (zmin 0, zmax 255)."""
    if classes == 2:
        return [[0.0, _rgba(color(0), 0.6)], [127 / 255, "rgba(128,128,128,0.05)"],
                [254 / 255, _rgba(color(1), 0.6)], [1.0, _rgba(color(1), 0.6)]]
    stops = []
    for k in range(classes):
        stops += [[51 * k / 255, _rgba(color(k), 0.06)], [(51 * k + 50) / 255,
                                                          _rgba(color(k), 0.7)]]
    return stops + ([[1.0, "rgba(0,0,0,0)"]] if stops[-1][0] < 1 else [])


def _pick(G, g):
    return np.linspace(0, G - 1, g).round().astype(int)


def _edges(blocks, g, pitch, start=0.0):
    """Cell edges of ``blocks`` pictures of ``g`` cells side by side, one wide empty cell
    between neighbours: ``blocks * (g + 1)`` edges for ``blocks * (g + 1) - 1`` cells."""
    out = []
    for b in range(blocks):
        out.extend(start + b * pitch + TILE * np.arange(g) / g)
        out.append(start + b * pitch + TILE)
    return f32(out)


def mosaic(columns, rows, g) -> np.ndarray:
    """One uint8 picture (rows*(g+1)-1, cols*(g+1)-1) of unit pictures: ``columns`` is a
    list of (units, g, g) uint8 arrays, unit 0 at the top; empty cells are `EMPTY`."""
    out = np.full((rows * (g + 1) - 1, len(columns) * (g + 1) - 1), EMPTY, dtype=np.uint8)
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
        parts.append(f"{brk}{sign}{fmt(abs(w), 3)} {name}")
    parts.append((" − " if bias < 0 else " + ") + fmt(abs(bias), 3))
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


def _geometry(sizes):
    """Centre of every unit: ``centres[c][u] = (x, y)``, column c (0 = inputs)."""
    return [[(c * PITCH_X + TILE / 2, -u * PITCH_Y - TILE / 2) for u in range(n)]
            for c, n in enumerate(sizes)]


def _connections(weights, centres, wmax):
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
                xs += [x0 + TILE / 2, x1 - TILE / 2, np.nan]
                ys += [y0, y1, np.nan]
    return [(f32(xs), f32(ys)) for xs, ys in groups.values()]


def _thin(values, most=400):
    values = np.asarray(values)
    idx = np.unique(np.linspace(0, len(values) - 1, min(len(values), most)).round().astype(int))
    return idx + 1, values[idx]


def _frame_bytes(frame_traces) -> int:
    """A frame's size in the JSON Streamlit sends (plotly's encoder: base64 arrays, "/"
    escaped), measured on the frame itself."""
    def size(traces):
        traces = [{k: _typed(v) for k, v in t.items()} for t in traces]
        return len(pio.to_json(go.Figure(dict(data=traces), _validate=False), validate=False))

    return size(frame_traces) - size([]) + 40 * len(frame_traces)  # without the template


def network_figure(result, *, texts: Texts, fn_names, feature_labels, start=0,
                   present=False, height=None, budget=JSON_BUDGET,
                   max_frames=MAX_FRAMES) -> go.Figure:
    """The animated playground figure of a `training.TrainResult` with snapshots.

    ``fn_names`` names each hidden layer's function in the hover formulas (``tanh``),
    ``feature_labels`` the inputs (``x₁²``). ``start``: the figure opens on the last
    snapshot at or before this step (0: the starting weights), so Play (which continues
    from the frame shown) plays the training after it. Frames are an even choice among the
    snapshots (the first, the last and the opening one always), as many as fit ``budget``
    bytes and ``max_frames``.
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
    centres = _geometry(sizes)
    base = font_size(present)
    gx, gy = result.snapshot_x, result.snapshot_y

    # The inputs: fixed pictures, each feature scaled by its largest |value| on the grid.
    xx, yy = np.meshgrid(gx[pick], gy[pick])
    phi = transform(np.column_stack([xx.ravel(), yy.ravel()]), result.features)  # (g², F)
    phi = phi / np.maximum(np.abs(phi).max(axis=0), 1e-12)
    inputs = quantize_units(phi.T.reshape(n_in, g, g))
    wmax = max(float(np.abs(w).max()) for s in snaps for w in s.weights) or 1.0

    def mosaic_of(snap):
        """Every unit picture's cells as one uint8 vector, in `cell_xy`'s order."""
        cols = [quantize_units(u[:, pick][:, :, pick]) for u in snap.units]
        out = snap.output
        out_units = out[None] if out.ndim == 2 else out  # (units, G, G): p or each p_k
        cols.append(quantize_units(2 * out_units[:, pick][:, :, pick] - 1))  # p 0..1
        return np.concatenate([c.reshape(-1) for c in cols])

    # Output picture: at most OUT_CELLS x OUT_CELLS cells.
    opick = _pick(G, min(G, OUT_CELLS))
    ox, oy = gx[opick], gy[opick]
    oxx, oyy = np.meshgrid(ox, oy)  # (o, o), rows follow oy

    def output_of(snap):
        out = snap.output
        return quantize_output(out[opick][:, opick] if out.ndim == 2
                               else out[:, opick][:, :, opick]).reshape(-1)

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
        conns = _connections(snap.weights, centres, wmax)
        mx, my = marker_of(snap)
        return ([dict(type="scatter", marker=dict(color=mosaic_of(snap)))]
                + [dict(type="scatter", x=x, y=y) for x, y in conns]
                + [dict(type="scatter", hovertext=hover_of(snap))]
                + [dict(type="scatter", marker=dict(color=output_of(snap)))]
                + [dict(type="scatter", x=mx, y=my)])

    # Choose frames: evenly among the snapshots, within the byte budget.
    fit = max(2, int(budget // _frame_bytes(frame_data(snaps[-1]))))
    count = min(len(snaps), max_frames, fit)
    at = max([i for i, s in enumerate(snaps) if s.step <= start] or [0])
    picks = np.linspace(0, len(snaps) - 1, count).round().astype(int)
    chosen = [snaps[i] for i in np.union1d(picks, [at])]  # the opening frame is one of them
    first = snaps[at]

    # ------------------------------------------------------------ static traces
    unit_hover = [f"{lab}" for lab in feature_labels]
    xs = [x for col in centres[1:] for x, _ in col]
    ys = [y for col in centres[1:] for _, y in col]
    frame0 = frame_data(first)
    diagram = dict(xaxis="x", yaxis="y")
    cell = TILE / g
    cell_x, cell_y = [], []  # cell centres, unit by unit, rows from the bottom
    for c, units in enumerate(sizes[1:], start=1):
        for u in range(units):
            ii, jj = np.meshgrid(np.arange(g), np.arange(g), indexing="ij")  # (g, g)
            cell_x.append((c * PITCH_X + (jj + 0.5) * cell).ravel())
            cell_y.append((-u * PITCH_Y - TILE + (ii + 0.5) * cell).ravel())
    cell_x, cell_y = np.concatenate(cell_x), np.concatenate(cell_y)
    # Marker sizes are pixels: from the plot's expected size (the wide page's main column,
    # or the whole screen when presenting), whichever of width and height binds.
    fig_h = height or (470 if present else 600)
    plot_w = (1216 if present else 820) - 20
    plot_h = fig_h - (95 if present else 60) - (95 if present else 80)
    span_x = (-1.5, (len(sizes) - 1) * PITCH_X + TILE + 0.2)
    span_y = (-(rows - 1) * PITCH_Y - TILE - 0.2, 0.2)
    per_unit = min(0.56 * plot_w / (span_x[1] - span_x[0]),
                   0.94 * plot_h / (span_y[1] - span_y[0]))
    unit_px = per_unit * cell + 1.5  # a little more: cells overlap rather than show seams
    span_gx, span_gy = float(gx[-1] - gx[0]), float(gy[-1] - gy[0])
    out_per = min(0.36 * plot_w / span_gx, 0.5 * plot_h / span_gy)
    out_px = out_per * float(ox[1] - ox[0]) + 1.5
    data = [
        dict(type="heatmap", z=mosaic([inputs], rows, g), x=_edges(1, g, PITCH_X),
             y=_edges(rows, g, PITCH_Y, -(rows - 1) * PITCH_Y - TILE), zmin=0, zmax=255,
             colorscale=UNIT_SCALE, showscale=False, hoverinfo="skip", **diagram),
        # The animated pictures are square markers, one per cell: plotly.js moves scatter
        # traces without redrawing the figure (a heatmap needs a full redraw per frame,
        # which played at a third of the speed).
        dict(type="scatter", mode="markers", x=f32(cell_x), y=f32(cell_y), hoverinfo="skip",
             marker=dict(color=frame0[0]["marker"]["color"], cmin=0, cmax=255,
                         colorscale=UNIT_SCALE, symbol="square", size=unit_px,
                         line=dict(width=0)), showlegend=False, **diagram),
    ]
    for (sign, k), trace in zip([(s, k) for s in (1, -1) for k in range(len(WIDTH_BINS))],
                                frame0[1:9]):
        width = WIDTH_BINS[k] * (1.6 if present else 1.0)
        data.append(dict(type="scatter", mode="lines", x=trace["x"], y=trace["y"],
                         line=dict(width=width, color=_rgba(POSITIVE if sign > 0 else NEGATIVE,
                                                            0.35 + 0.15 * k)),
                         hoverinfo="skip", showlegend=False, **diagram))
    # Invisible squares over the units carry the hover text (a heatmap cell can't).
    hover_marker = dict(size=40 if present else 30, color="rgba(0,0,0,0)", symbol="square")
    data.append(dict(type="scatter", mode="markers", x=f32(xs), y=f32(ys),
                     marker=hover_marker, hovertext=frame0[9]["hovertext"], hoverinfo="text",
                     showlegend=False, **diagram))
    in_y = [y for _, y in centres[0]]
    data.append(dict(type="scatter", mode="markers+text", x=f32([-0.08] * n_in), y=f32(in_y),
                     text=list(feature_labels), textposition="middle left",
                     textfont=dict(size=base), marker=dict(size=1, color="rgba(0,0,0,0)"),
                     hovertext=unit_hover, hoverinfo="text", showlegend=False, **diagram))
    out_axes = dict(xaxis="x2", yaxis="y2")
    data.append(dict(type="scatter", mode="markers", x=f32(oxx.ravel()), y=f32(oyy.ravel()),
                     marker=dict(color=frame0[10]["marker"]["color"], cmin=0, cmax=255,
                                 colorscale=output_scale(classes), symbol="square",
                                 size=out_px, line=dict(width=0)),
                     hoverinfo="skip", showlegend=False, **out_axes))
    size = 10 if present else 6
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
                name=label, legendgroup=f"class{k}",
                marker=dict(color=color(k), size=size, symbol=symbol,
                            line=dict(width=1.5 if part == "test" else 0.8,
                                      color="rgba(255,255,255,0.9)" if part == "test"
                                      else "rgba(0,0,0,0.55)")),
                hovertemplate=f"{label}<br>{texts.x_label}=%{{x:.2f}}<br>"
                              f"{texts.y_label}=%{{y:.2f}}<extra></extra>",
                **out_axes))
    loss_axes = dict(xaxis="x3", yaxis="y3")
    lw = line_width(present)
    s, v = _thin(data_loss)
    data.append(dict(type="scatter", mode="lines", x=s, y=f32(v), name=texts.train_loss,
                     line=dict(color=color(2), width=lw), **loss_axes,
                     hovertemplate=f"{texts.train_loss}: %{{y:.4g}}<extra></extra>"))
    if has_test:
        s, v = _thin(result.test_loss_history)
        data.append(dict(type="scatter", mode="lines", x=s, y=f32(v), name=texts.test_loss,
                         line=dict(color=color(3), width=lw, dash="dot"), **loss_axes,
                         hovertemplate=f"{texts.test_loss}: %{{y:.4g}}<extra></extra>"))
    data.append(dict(type="scatter", mode="markers", x=frame0[11]["x"], y=frame0[11]["y"],
                     marker=dict(size=size + 5, color="rgba(128,128,128,0.9)"),
                     hoverinfo="skip", showlegend=False, **loss_axes))
    # frame_data order: mosaic, 8 connections, hover, output, marker -> trace indices
    moving = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, len(data) - 1]

    # ------------------------------------------------------------ layout
    left = 0.56
    # The panel titles sit just under the legend: on a projector (larger text, a shorter
    # figure) they need more of the plot's height, and so does the output's x title above
    # the loss chart.
    out_top = 0.87 if present else 0.96
    loss_top = 0.24 if present else 0.3
    hidden_axis = dict(visible=False, showgrid=False, zeroline=False, fixedrange=True)
    anim = dict(frame=dict(duration=FRAME_MS, redraw=False), transition=dict(duration=0),
                mode="immediate")
    jump = dict(frame=dict(duration=0, redraw=False), transition=dict(duration=0),
                mode="immediate")
    names = [str(s.step) for s in chosen]
    layout = dict(
        xaxis=dict(domain=[0, left], range=list(span_x), **hidden_axis),
        yaxis=dict(domain=[0.02, out_top], range=list(span_y), scaleanchor="x", scaleratio=1,
                   constrain="domain", **hidden_axis),
        xaxis2=dict(domain=[left + 0.08, 1], range=[float(gx[0]), float(gx[-1])],
                    anchor="y2", showgrid=False, title=dict(text=texts.x_label),
                    constrain="domain"),
        yaxis2=dict(domain=[0.46, out_top], range=[float(gy[0]), float(gy[-1])],
                    anchor="x2", showgrid=False, title=dict(text=texts.y_label),
                    scaleanchor="x2", scaleratio=1, constrain="domain"),
        xaxis3=dict(domain=[left + 0.08, 1], anchor="y3", title=dict(text=texts.step),
                    range=[0, max(result.steps_run, 1) * 1.02]),
        yaxis3=dict(domain=[0.06, loss_top], anchor="x3", rangemode="tozero",
                    title=dict(text=texts.loss)),
        annotations=[
            dict(text=texts.network, x=0, y=out_top, xref="paper", yref="paper",
                 xanchor="left", yanchor="bottom", showarrow=False),
            dict(text=texts.output, x=left + 0.08, y=out_top, xref="paper", yref="paper",
                 xanchor="left", yanchor="bottom", showarrow=False),
        ],
        hovermode="closest",
        margin=dict(l=10, r=10, t=40, b=70),
        legend=dict(orientation="h", x=1, xanchor="right", y=1.0, yanchor="bottom"),
        updatemenus=[dict(
            type="buttons", direction="left", x=0, y=0, xanchor="left", yanchor="top",
            showactive=False, pad=dict(t=6, r=10), font=dict(size=base),
            buttons=[dict(label=texts.play, method="animate",
                          args=[None, {**anim, "fromcurrent": True}]),
                     dict(label=texts.pause, method="animate", args=[[None], jump])],
        )],
        sliders=[dict(
            active=chosen.index(first), x=0.24, y=0, len=left - 0.2, xanchor="left",
            yanchor="top", pad=dict(t=6), font=dict(size=base - 2),
            currentvalue=dict(prefix=f"{texts.step}: ", font=dict(size=base)),
            steps=[dict(label=n, method="animate", args=[[n], jump]) for n in names],
        )],
    )
    # The legend sits above the plots (the margin leaves it room), clear of both titles.
    layout = merge(styled(layout, present=present, height=height or (470 if present else 600)),
                   dict(hovermode="closest",
                        margin=dict(t=95 if present else 60, b=95 if present else 80),
                        legend=dict(orientation="h", x=1, xanchor="right", y=1.0,
                                    yanchor="bottom")))
    frames = [dict(name=str(snap.step), traces=moving,
                   data=[{k: _typed(v) for k, v in trace.items()} for trace in frame_data(snap)])
              for snap in chosen]
    # Arrays go in as Plotly's own base64 form: the figure then skips converting each one
    # (converting 100 frames' arrays was most of the cost of building this figure).
    return go.Figure(dict(data=data, layout=layout, frames=frames), _validate=False)


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

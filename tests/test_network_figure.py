"""The playground figure: pictures as uint8, hover formulas, frames within the byte budget,
and a figure Plotly accepts (validated here, as the builders skip validation)."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from activations import training
from activations.features import transform
from activations.figures import network as nf

TEXTS = nf.Texts(class_names=("A", "B", "C"))


@pytest.fixture(scope="module")
def binary():
    return training.train_mlp("circles", hidden=(4, 2), steps=300, snapshot_every=3,
                              test_fraction=0.3, features=("x1", "x2", "x1_sq"))


def test_signed_bands_cut_minus_one_to_one_into_equal_bands_with_a_clear_middle():
    # 9 bands of width 2/9 from -1; the middle one (|v| < 1/9) is -1, drawn as nothing
    v = np.array([-5.0, -1.0, -7 / 9 - 1e-9, -7 / 9 + 1e-9, -0.1, 0.0, 0.1, 1 / 9 + 1e-9,
                  1.0, 7.0])
    assert nf.signed_bands(v, 9).tolist() == [0, 0, 0, 1, -1, -1, -1, 5, 8, 8]
    colours = nf.signed_colours("#000000", "#ffffff", 0.8, 9)
    assert colours[4] == "rgba(0,0,0,0)"
    assert colours[0] == "rgba(0,0,0,0.8)" and colours[3] == "rgba(0,0,0,0.2)"
    assert colours[5] == "rgba(255,255,255,0.2)" and colours[8] == "rgba(255,255,255,0.8)"


def test_class_bands_band_the_likeliest_class_by_certainty():
    p3 = np.zeros((3, 1, 3))
    p3[:, 0, 0] = (1, 0, 0)  # sure of class 0: its top step
    p3[:, 0, 1] = (0.1, 0.1, 0.8)  # class 2, (0.8 - 1/3) / (2/3) = 0.7 of the way up
    p3[:, 0, 2] = (1 / 3, 1 / 3, 1 / 3)  # a tie: the least sure step (of class 0)
    bands, per = nf.class_bands(p3)
    assert per == 3  # 10 // 3 steps for each of 3 classes
    assert bands[0].tolist() == [2, 2 * 3 + 2, 0]
    assert len(nf.class_colours(3, per)) == 9
    assert nf.class_bands(np.full((5, 1, 1), 0.2))[1] == 2  # never fewer than 2 steps


def test_band_rects_merge_runs_along_rows_then_down_columns():
    bands = np.array([[0, 0, 1],
                      [0, 0, 1],
                      [-1, 2, 2]])
    rects = nf.band_rects(bands, 3)
    assert rects[0].tolist() == [[0, 0, 2, 2]]  # (col0, row0, col1, row1), ends exclusive
    assert rects[1].tolist() == [[2, 0, 3, 2]]
    assert rects[2].tolist() == [[1, 2, 3, 3]]


@pytest.mark.parametrize("seed", range(20))
def test_band_rects_paint_back_every_cell_once(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(1, 14, size=2))
    # smooth-ish pictures (as unit outputs are) and pure noise
    bands = (rng.integers(-1, 4, size=shape) if seed % 2 else
             np.cumsum(rng.integers(0, 2, size=shape), axis=1) % 5 - 1)
    painted = np.full(shape, -1)
    hits = np.zeros(shape, dtype=int)
    for k, rects in enumerate(nf.band_rects(bands, 5)):
        for c0, r0, c1, r1 in rects:
            assert c0 < c1 and r0 < r1
            painted[r0:r1, c0:c1] = k
            hits[r0:r1, c0:c1] += 1
    assert (painted == bands).all()
    assert (hits == (bands >= 0)).all()  # no cell twice, no empty cell drawn


def _array(v):
    """A frame's array: Plotly's typed form ``{dtype, bdata}`` decoded, or as it is."""
    if isinstance(v, dict):
        dtype = {"u1": np.uint8, "f4": np.float32, "f8": np.float64}[v["dtype"]]
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=dtype)
    return np.asarray(v)


def _polygon_area(x, y):
    x, y = _array(x).astype(float), _array(y).astype(float)
    return 0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)  # shoelace, signed


def test_band_shapes_go_round_each_rectangle_and_back_along_one_path():
    bands = np.array([[0, 0, -1], [-1, 0, 0], [0, -1, -1]])
    (x, y), = nf.band_shapes(bands, 1, [0, 1, 2, 3], [0, 2, 3, 5])
    assert x.dtype == np.uint8 and y.dtype == np.uint8  # whole cells: one byte each
    # rectangles (rows grow up): cells (0..2, row 0), (1..3, row 1), (0..1, row 2);
    # round each (a b c d a), then back through the a corners
    assert x.tolist() == [0, 2, 2, 0, 0, 1, 3, 3, 1, 1, 0, 1, 1, 0, 0, 1, 0]
    assert y.tolist() == [0, 0, 2, 2, 0, 2, 2, 3, 3, 2, 3, 3, 5, 5, 3, 2, 0]
    # the filled area is the cells' (2*2 + 2*1 + 1*2 = 8): the steps between rectangles,
    # walked once each way, add nothing
    assert _polygon_area(x, y) == 8
    (xf, yf), = nf.band_shapes(bands, 1, [0, 0.5, 1, 1.5], [0, 2, 3, 5])
    assert xf.dtype == np.float32 and _polygon_area(xf, yf) == 4  # half as wide


def test_band_shapes_of_an_empty_band_are_empty():
    (x, y), = nf.band_shapes(np.full((2, 2), -1), 1, [0, 1, 2], [0, 1, 2])
    assert len(x) == len(y) == 0


def test_mosaic_places_units_top_down_with_empty_gaps():
    g = 2
    col0 = np.full((2, g, g), 3, np.int8)
    col1 = np.full((1, g, g), 5, np.int8)
    m = nf.mosaic([col0, col1], rows=2, g=g)
    assert m.shape == (2 * 3 - 1, 2 * 3 - 1)
    # rows grow upwards: the top unit (u = 0) is in the last block of rows
    assert (m[3:5, 0:2] == 3).all() and (m[0:2, 0:2] == 3).all()
    assert (m[3:5, 3:5] == 5).all() and (m[0:2, 3:5] == -1).all()
    assert (m[2, :] == -1).all() and (m[:, 2] == -1).all()
    edges = nf._edges(2, g, 5)  # two pictures of 2 cells, 5 cells apart
    assert edges.tolist() == [0, 1, 2, 5, 6, 7]


def test_hover_formula_fills_in_the_numbers():
    W = [np.array([[0.82], [-1.404]]), np.array([[2.0]])]
    b = [np.array([0.11]), np.array([-0.5])]
    texts = nf.unit_formulas(W, b, ["x₁", "x₂"], ["tanh"], classes=2)
    # three significant digits, as numfmt.fmt_text writes them: 1.404 -> 1.4
    assert texts == [["h₁,₁ = tanh(0.82 x₁ − 1.4 x₂ + 0.11)"], ["p = σ(2 h₁,₁ − 0.5)"]]
    multi = nf.unit_formulas([np.array([[1.0, -2.0, 3e-5]])], [np.zeros(3)], ["x₁"], [], 3)
    assert multi[0][2] == "s₃ = 3×10⁻⁵ x₁ + 0<br>p = softmax(s)"  # as the page writes it


def test_a_long_formula_breaks_lines():
    text = nf.linear_text(np.ones(9), 0.0, [f"h{i}" for i in range(9)])
    assert text.count("<br>") == 2


def test_figure_is_valid_and_animates_every_snapshot(binary):
    fig = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                            feature_labels=["x₁", "x₂", "x₁²"])
    go.Figure(fig.to_dict())  # Plotly's validation: raises on any invalid property
    # 101 snapshots: as many frames as fit the byte budget, at most MAX_FRAMES (a frame of
    # this net is ~14 KB of JSON: 96 of them)
    assert 90 <= len(fig.frames) <= nf.MAX_FRAMES
    assert len(pio.to_json(fig, validate=False)) <= 1_500_000
    assert fig.frames[-1].name == "300" and fig.frames[0].name == "0"
    slider = fig.layout.sliders[-1]
    assert slider.active == 0  # opens on the starting weights: Play shows the training
    assert [s.label for s in slider.steps] == [f.name for f in fig.frames]
    play = fig.layout.updatemenus[0].buttons[0]
    assert play.args[1]["frame"]["duration"] == nf.FRAME_MS <= 50  # >= 20 frames a second
    play_args = fig.layout.updatemenus[0].buttons[0].args[1]
    assert play_args["frame"]["redraw"] is False  # scatter traces only: no full redraw
    # Scatter traces only: plotly.js drops a trace type it cannot animate (the inputs were
    # a heatmap) from a subplot it animates.
    assert {t.type for t in fig.data} == {"scatter"}
    bands = nf.UNIT_BANDS - 1  # drawn bands: all but the clear middle one
    # What never changes but shares a subplot with what moves (the inputs' bands, first,
    # and the loss curves) is in every frame with nothing to change: left out of the
    # frames, plotly.js erased it on Play.
    kept = list(range(bands)) + [i for i, t in enumerate(fig.data)
                                 if t.name in (TEXTS.train_loss, TEXTS.test_loss)]
    assert len(kept) == bands + 2
    for frame in fig.frames:
        listed = dict(zip(frame.traces, frame.data))
        assert all(listed[i].to_plotly_json() == {"type": "scatter"} for i in kept)
    moving = [i for i in fig.frames[0].traces if i not in kept]
    # the inputs' cells are drawn once each: 3 features (each over its largest |value|) on
    # 10 x 10 cells, less the cells in the clear middle band
    pick = nf._pick(len(binary.snapshot_x), 10)
    xx, yy = np.meshgrid(binary.snapshot_x[pick], binary.snapshot_y[pick])
    phi = transform(np.column_stack([xx.ravel(), yy.ravel()]), binary.features)  # (100, 3)
    drawn = (nf.signed_bands(phi / np.abs(phi).max(axis=0)) >= 0).sum()
    assert sum(_polygon_area(fig.data[i].x, fig.data[i].y) for i in range(bands)) == drawn
    assert {fig.data[i].fillcolor for i in range(bands)} \
        == {fig.data[i].fillcolor for i in moving[:bands]}  # the units' colours
    assert [fig.data[i].fill for i in moving[:bands]] == ["toself"] * bands
    unit_colours = [fig.data[i].fillcolor for i in moving[:bands]]
    assert len(set(unit_colours)) == bands
    output = moving[bands + 9:bands + 9 + bands]  # after 8 connection traces and the hover
    assert {fig.data[i].xaxis for i in output} == {"x2"}
    assert fig.layout.xaxis2.zeroline is fig.layout.yaxis2.zeroline is False  # as in training
    assert [fig.data[i].fill for i in output] == ["toself"] * bands
    # every unit's cells are drawn once: 6 hidden + the output unit, 10 x 10 cells of
    # area 1, less the cells in the clear middle band
    last = fig.frames[-1]
    cells = sum(_polygon_area(t.x, t.y) for t in last.data[:bands])
    units = [u[:, nf._pick(40, 10)][:, :, nf._pick(40, 10)] for u in binary.snapshots[-1].units]
    p = binary.snapshots[-1].output[nf._pick(40, 10)][:, nf._pick(40, 10)]
    values = np.concatenate([u.ravel() for u in units] + [2 * p.ravel() - 1])
    assert cells == (nf.signed_bands(values) >= 0).sum()
    hover = last.data[bands + 8].hovertext
    assert len(hover) == 4 + 2 + 1 and hover[0].startswith("h₁,₁ = tanh(")
    assert hover[-1].startswith("p = σ(")


def test_on_a_phone_the_network_spans_the_width_above_the_square_and_the_loss(binary):
    fig = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                            feature_labels=["x₁", "x₂", "x₁²"], stacked=True)
    go.Figure(fig.to_dict())
    layout = fig.layout
    assert tuple(layout.xaxis.domain) == (0, 1)  # the network, full width
    network, square, loss = layout.yaxis.domain, layout.yaxis2.domain, layout.yaxis3.domain
    assert network[0] > square[1] and square[0] > loss[1]  # top to bottom, apart
    assert layout.xaxis2.domain[1] == layout.xaxis3.domain[1] == 1
    assert layout.annotations[1].y == square[1]  # "Output" over the square itself
    slider = layout.sliders[-1]
    assert (slider.x, slider.len) == (0, 1)  # under the play buttons, across the width
    # Play and the slider right under the network they animate, above the square (under
    # the loss chart they were two screens from the network)
    (buttons,) = layout.updatemenus
    assert network[0] > buttons.y == slider.y > square[1]
    assert layout.height == 1100
    normal = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                               feature_labels=["x₁", "x₂", "x₁²"])
    assert [f.name for f in fig.frames] == [f.name for f in normal.frames]
    assert normal.layout.xaxis.domain[1] < normal.layout.xaxis2.domain[0]  # side by side


def test_frames_change_as_training_goes(binary):
    fig = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                            feature_labels=["x₁", "x₂", "x₁²"], start=200)
    slider = fig.layout.sliders[-1]
    assert slider.steps[slider.active].label == "198"  # the last snapshot at or before 200
    first = [_array(t.x) for t in fig.frames[0].data[:nf.UNIT_BANDS - 1]]
    last = [_array(t.x) for t in fig.frames[-1].data[:nf.UNIT_BANDS - 1]]
    assert any(a.shape != b.shape or not np.array_equal(a, b, equal_nan=True)
               for a, b in zip(first, last))


def test_json_stays_within_the_budget_for_the_largest_network():
    r = training.train_mlp("blobs", classes=5, hidden=(8,) * 6, steps=200, snapshot_every=2,
                           features=tuple(["x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1",
                                           "sin_x2"]), test_fraction=0.5)
    fig = nf.network_figure(r, texts=nf.Texts(class_names=tuple("ABCDE")),
                            fn_names=["tanh"] * 6, feature_labels=list("abcdefg"))
    size = len(pio.to_json(fig, validate=False))
    assert size <= 1_500_000
    assert 10 <= len(fig.frames) < 100  # fewer frames, not a bigger page
    spec = json.loads(pio.to_json(fig, validate=False))
    assert spec["frames"][0]["data"][0]["x"]["dtype"] == "u1"  # whole cells: one byte


def test_no_hidden_layer_and_multiclass_figures_build():
    r = training.train_mlp("pinwheel", classes=4, hidden=(), steps=20, snapshot_every=5,
                           test_fraction=0.3)
    fig = nf.network_figure(r, texts=nf.Texts(class_names=tuple("ABCD")), fn_names=[],
                            feature_labels=["x₁", "x₂"])
    go.Figure(fig.to_dict())
    hover = next(t for t in fig.frames[-1].data if t.hovertext is not None)
    assert hover.hovertext[0].startswith("s₁ = ")
    # the output picture: a band per class and certainty step (10 // 4 = 2 steps)
    assert sum(t.xaxis == "x2" and t.fill == "toself" for t in fig.data) == 4 * 2
    # one legend: no loss curve in a class's colour (class 2 was the training loss's green)
    classes = {t.marker.color for t in fig.data if (t.legendgroup or "").startswith("class")}
    losses = {t.line.color for t in fig.data if t.xaxis == "x3" and t.mode == "lines"}
    assert len(classes) == 4 and len(losses) == 2 and not classes & losses
    assert nf.TEST_KEY not in classes | losses  # the test points' grey entry is no one's


def test_a_result_without_snapshots_is_refused():
    r = training.train_mlp("xor", hidden=(2,), steps=5)
    with pytest.raises(ValueError):
        nf.network_figure(r, texts=TEXTS, fn_names=["tanh"], feature_labels=["a", "b"])


def test_loss_hover_writes_small_losses_as_powers_of_ten():
    """A long run's loss falls under 10⁻⁶, where Plotly's %{y:.4g} wrote 2.06e-7; the hover
    shows the number as the page writes it (fmt_text's 2.06×10⁻⁷, with a true minus)."""
    import dataclasses

    r = training.train_mlp("gaussians", hidden=(2,), steps=40, snapshot_every=4,
                           test_fraction=0.3)
    tiny = dataclasses.replace(r, loss_history=np.geomspace(0.7, 2.06e-7, r.steps_run),
                               penalty_history=np.zeros(r.steps_run),
                               test_loss_history=np.geomspace(0.7, 3e-8, r.steps_run))
    fig = nf.network_figure(tiny, texts=TEXTS, fn_names=["tanh"], feature_labels=["x₁", "x₂"])
    go.Figure(fig.to_dict())  # valid
    losses = [d for d in fig.data if d.name in (TEXTS.train_loss, TEXTS.test_loss)]
    assert len(losses) == 2
    for trace in losses:
        assert "%{customdata}" in trace.hovertemplate and ":.4g" not in trace.hovertemplate
        assert len(trace.customdata) == len(trace.y)
        assert not any("e-" in text for text in trace.customdata)
    train = losses[0]
    assert train.customdata[-1] == "2.06×10⁻⁷"
    assert train.customdata[0] == "0.7"


@pytest.mark.parametrize("present", [False, True])
def test_the_toolbar_stands_in_a_gutter_the_legend_never_reaches(binary, present):
    """Plotly's toolbar shows at the figure's top right on hover. Lying along the top it
    covered the legend's top row's last entry: "test loss", and with five classes in Korean
    (three rows, whatever the top margin) "학습 손실". It stands upright in a gutter right
    of the plots; the legend ends at the plots' right edge (checked in Chromium by
    tests/browser/test_network.py)."""
    fig = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                            feature_labels=["x₁", "x₂", "x₁²"], present=present)
    go.Figure(fig.to_dict())  # valid
    layout = fig.layout
    assert layout.modebar.orientation == "v"
    assert layout.margin.r >= nf.TOOLBAR_GUTTER >= 26  # two buttons, 24 px wide upright
    legend = layout.legend
    assert (legend.x, legend.xanchor, legend.xref in (None, "paper")) == (1, "right", True)
    # above the plots, Plotly growing the top margin by each row past the one it holds
    assert (legend.y, legend.yanchor, legend.yref in (None, "paper")) == (1, "bottom", True)
    assert layout.margin.t >= nf.legend_row(layout.font.size)
    # the panel titles under the legend, a row of their own above the plots
    plot = layout.height - layout.margin.t - layout.margin.b - 2 * nf.legend_row(
        layout.font.size)  # with two rows more (five classes in Korean: three)
    for note in layout.annotations:
        assert note.yanchor == "bottom" and (1 - note.y) * plot >= 1.5 * layout.font.size
    stacked = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                                feature_labels=["x₁", "x₂", "x₁²"], stacked=True).layout
    assert stacked.margin.r < nf.TOOLBAR_GUTTER  # a phone shows no toolbar: no gutter


def _legend(fig):
    """The legend's entries as (name, symbol, colour), in order."""
    return [(t.name, t.marker.symbol if t.mode == "markers" else "line",
             t.marker.color if t.mode == "markers" else t.line.color)
            for t in fig.data if t.showlegend is not False and t.name]


@pytest.mark.parametrize("classes", [2, 5])
def test_the_legend_names_each_class_once_and_the_test_points_once(classes):
    """Each class once (its round marker) and one grey diamond for every test point, then
    the two losses: a class and its test points each had an entry, 2C + 2 entries, three
    rows at 1280x720 with five classes in Korean. A class's entry still hides its test
    points with its training points (one legendgroup); the points keep their look."""
    data = "blobs" if classes > 2 else "circles"
    r = training.train_mlp(data, classes=classes if classes > 2 else None, hidden=(3,),
                           steps=20, snapshot_every=5, test_fraction=0.3)
    texts = nf.Texts(class_names=tuple(f"C{k}" for k in range(classes)),
                     test_suffix="{name} held out", test_points="held-out points")
    fig = nf.network_figure(r, texts=texts, fn_names=["tanh"], feature_labels=["x₁", "x₂"])
    go.Figure(fig.to_dict())  # valid
    legend = _legend(fig)
    assert legend == [(f"C{k}", "circle", nf.color(k)) for k in range(classes)] + [
        ("held-out points", "diamond", nf.TEST_KEY),
        (texts.train_loss, "line", nf.color(classes)),
        (texts.test_loss, "line", nf.color(classes + 1))]
    assert len(legend) == classes + 3  # two classes: 5 entries, not 6
    key = next(t for t in fig.data if t.name == "held-out points")
    assert np.isnan(key.x).all() and key.hoverinfo == "skip"  # an entry, no point
    for k in range(classes):
        train, test = (t for t in fig.data if t.legendgroup == f"class{k}")
        assert (train.marker.symbol, test.marker.symbol) == ("circle", "diamond")
        assert train.marker.color == test.marker.color == nf.color(k)
        assert test.marker.line.color == "rgba(255,255,255,0.9)" and len(test.x)
        assert test.hovertemplate.startswith(f"C{k} held out<br>")
        assert train.hovertemplate.startswith(f"C{k}<br>")
    # the entry is listed in every frame, as the traces that must not vanish on Play
    index = next(i for i, t in enumerate(fig.data) if t.name == "held-out points")
    assert all(index in frame.traces for frame in fig.frames)


def test_no_test_points_no_test_entry():
    r = training.train_mlp("circles", hidden=(3,), steps=20, snapshot_every=5,
                           test_fraction=0.0)
    texts = nf.Texts(class_names=("A", "B"))
    fig = nf.network_figure(r, texts=texts, fn_names=["tanh"], feature_labels=["x₁", "x₂"])
    assert [name for name, _, _ in _legend(fig)] == ["A", "B", texts.train_loss]


@pytest.mark.parametrize("hidden", [(), (3, 2)])
def test_every_unit_picture_is_framed(hidden):
    """A picture's middle band (values near 0) is clear: a logistic regression's output on
    the circles (p near 0.5 almost everywhere) was two loose corner steps, with the
    connections ending in nothing. Each picture has a grey outline round it."""
    r = training.train_mlp("circles", hidden=hidden, steps=20, snapshot_every=5)
    fig = nf.network_figure(r, texts=TEXTS, fn_names=["tanh"] * len(hidden),
                            feature_labels=["x₁", "x₂"])
    go.Figure(fig.to_dict())
    (index, outline), = [(i, t) for i, t in enumerate(fig.data)
                         if t.mode == "lines" and t.line.color == nf.OUTLINE]
    assert outline.xaxis == "x" and outline.hoverinfo == "skip" and not outline.showlegend
    x, y = np.asarray(outline.x, dtype=float), np.asarray(outline.y, dtype=float)
    squares = [(x[i:i + 5], y[i:i + 5]) for i in range(0, len(x), 6)]
    assert len(squares) == 2 + sum(hidden) + 1  # the inputs, every hidden unit, the output
    g = squares[0][0].max() - squares[0][0].min()
    for sx, sy in squares:
        assert (sx[0], sy[0]) == (sx[-1], sy[-1])  # closed
        assert sx.max() - sx.min() == sy.max() - sy.min() == g
    # the output unit's square is where its connections end (at its left edge, mid-height)
    ends = {(float(a), float(b)) for t in fig.data if t.mode == "lines" and t.xaxis == "x"
            and t.line.color != nf.OUTLINE for a, b in zip(t.x, t.y) if not np.isnan(a)}
    ox, oy = squares[-1]
    assert (ox.min(), (oy.min() + oy.max()) / 2) in ends
    assert all(index in frame.traces for frame in fig.frames)  # not erased on Play

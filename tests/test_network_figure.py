"""The playground figure: pictures as uint8, hover formulas, frames within the byte budget,
and a figure Plotly accepts (validated here, as the builders skip validation)."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from activations import training
from activations.figures import network as nf

TEXTS = nf.Texts(class_names=("A", "B", "C"))


@pytest.fixture(scope="module")
def binary():
    return training.train_mlp("circles", hidden=(4, 2), steps=300, snapshot_every=3,
                              test_fraction=0.3, features=("x1", "x2", "x1_sq"))


def test_quantize_units_maps_minus_one_to_one_onto_1_to_255():
    q = nf.quantize_units(np.array([-5.0, -1.0, 0.0, 1.0, 7.0]))
    assert q.dtype == np.uint8
    assert q.tolist() == [1, 1, 128, 255, 255]  # 0 stays free for "empty"


def test_quantize_output_bands_classes_by_certainty():
    p2 = np.array([[0.0, 0.5, 1.0]])
    assert nf.quantize_output(p2).tolist() == [[0, 127, 254]]
    p3 = np.zeros((3, 1, 3))
    p3[:, 0, 0] = (1, 0, 0)  # sure of class 0
    p3[:, 0, 1] = (0.1, 0.1, 0.8)
    p3[:, 0, 2] = (1 / 3, 1 / 3, 1 / 3)  # a tie: the least sure
    q = nf.quantize_output(p3)[0]
    assert q[0] == 50  # band 0, top
    assert q[1] == 102 + 35  # band 2, (0.8 - 1/3) / (2/3) = 0.7 of the way up
    assert q[2] == 0


def test_mosaic_places_units_top_down_with_empty_gaps():
    g = 2
    col0 = np.full((2, g, g), 10, np.uint8)
    col1 = np.full((1, g, g), 20, np.uint8)
    m = nf.mosaic([col0, col1], rows=2, g=g)
    assert m.shape == (2 * 3 - 1, 2 * 3 - 1)
    # rows grow upwards: the top unit (u = 0) is in the last block of rows
    assert (m[3:5, 0:2] == 10).all() and (m[0:2, 0:2] == 10).all()
    assert (m[3:5, 3:5] == 20).all() and (m[0:2, 3:5] == nf.EMPTY).all()
    assert (m[2, :] == nf.EMPTY).all() and (m[:, 2] == nf.EMPTY).all()
    edges = nf._edges(2, g, 2.4)
    np.testing.assert_allclose(edges, [0, 0.5, 1.0, 2.4, 2.9, 3.4])


def test_hover_formula_fills_in_the_numbers():
    W = [np.array([[0.82], [-1.404]]), np.array([[2.0]])]
    b = [np.array([0.11]), np.array([-0.5])]
    texts = nf.unit_formulas(W, b, ["x₁", "x₂"], ["tanh"], classes=2)
    # three significant digits, as numfmt.fmt writes them: 1.404 -> 1.4
    assert texts == [["h₁,₁ = tanh(0.82 x₁ − 1.4 x₂ + 0.11)"], ["p = σ(2 h₁,₁ − 0.5)"]]
    multi = nf.unit_formulas([np.array([[1.0, -2.0, 3e-5]])], [np.zeros(3)], ["x₁"], [], 3)
    assert multi[0][2] == "s₃ = 3e-05 x₁ + 0<br>p = softmax(s)"


def test_a_long_formula_breaks_lines():
    text = nf.linear_text(np.ones(9), 0.0, [f"h{i}" for i in range(9)])
    assert text.count("<br>") == 2


def test_figure_is_valid_and_animates_every_snapshot(binary):
    fig = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                            feature_labels=["x₁", "x₂", "x₁²"])
    go.Figure(fig.to_dict())  # Plotly's validation: raises on any invalid property
    assert len(fig.frames) == nf.MAX_FRAMES  # 101 snapshots, 100 frames
    assert fig.frames[-1].name == "300" and fig.frames[0].name == "0"
    slider = fig.layout.sliders[0]
    assert slider.active == 0  # opens on the starting weights: Play shows the training
    assert [s.label for s in slider.steps] == [f.name for f in fig.frames]
    play = fig.layout.updatemenus[0].buttons[0]
    assert play.args[1]["frame"]["duration"] == nf.FRAME_MS <= 50  # >= 20 frames a second
    play_args = fig.layout.updatemenus[0].buttons[0].args[1]
    assert play_args["frame"]["redraw"] is False  # scatter traces only: no full redraw
    kinds = [t.type for t in fig.data]
    assert kinds[0] == "heatmap" and kinds.count("heatmap") == 1  # the inputs: fixed
    moving = list(fig.frames[0].traces)
    assert all(kinds[i] == "scatter" for i in moving)
    # unit cells: 6 units (4 + 2 hidden) and the output, g x g cells each
    cells = fig.data[1].marker.color
    assert len(np.asarray(cells)) == 7 * 10 * 10
    assert len(np.asarray(fig.data[12].marker.color)) == nf.OUT_CELLS ** 2
    hover = fig.frames[-1].data[9].hovertext
    assert len(hover) == 4 + 2 + 1 and hover[0].startswith("h₁,₁ = tanh(")
    assert hover[-1].startswith("p = σ(")


def test_frames_change_as_training_goes(binary):
    fig = nf.network_figure(binary, texts=TEXTS, fn_names=["tanh", "tanh"],
                            feature_labels=["x₁", "x₂", "x₁²"], start=200)
    slider = fig.layout.sliders[0]
    assert slider.steps[slider.active].label == "198"  # the last snapshot at or before 200
    first = fig.frames[0].data[0].marker.color
    last = fig.frames[-1].data[0].marker.color
    assert not np.array_equal(np.asarray(first), np.asarray(last))


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
    assert spec["frames"][0]["data"][0]["marker"]["color"]["dtype"] == "u1"


def test_no_hidden_layer_and_multiclass_figures_build():
    r = training.train_mlp("pinwheel", classes=4, hidden=(), steps=20, snapshot_every=5)
    fig = nf.network_figure(r, texts=nf.Texts(class_names=tuple("ABCD")), fn_names=[],
                            feature_labels=["x₁", "x₂"])
    go.Figure(fig.to_dict())
    assert fig.frames[-1].data[9].hovertext[0].startswith("s₁ = ")


def test_a_result_without_snapshots_is_refused():
    r = training.train_mlp("xor", hidden=(2,), steps=5)
    with pytest.raises(ValueError):
        nf.network_figure(r, texts=TEXTS, fn_names=["tanh"], feature_labels=["a", "b"])

"""activations.figures.spec: figures kept as plain specs, and their JSON made from the spec.

`to_plotly_dict` replaces Plotly's ``go.Figure(spec).to_dict()`` on every chart of every
rerun, so it must give exactly the same JSON: checked here on every figure builder (as the
pages call them, in the normal and the presentation look), on arrays of every kind, on
specs it hands back to Plotly, and on the pages' chart elements themselves. `SpecFigure` must
stay a full ``go.Figure`` for everything else (tests read ``fig.data``, validate, pickle).
Speed is for benchmarks/bench_pages.py, not asserted here.
"""

from __future__ import annotations

import copy
import json
import math
import pickle
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import activations
from activations import explore, gradflow, optim, training
from activations import playground as pg
from activations.explore import Curve
from activations.figures import curves as cf
from activations.figures import gallery
from activations.figures import gradflow as gf
from activations.figures import network as nf
from activations.figures import softmax as sf
from activations.figures import training as tf
from activations.figures.spec import SpecFigure, to_plotly_dict
from ui import memo
from activations.figures.style import PALETTE, SHADE, figure
from activations.surfaces import SURFACES, run_optimizer
from tests.test_explore import _lines  # the explorer's curves, as its figure tests draw them

# ---------------------------------------------------------------- every builder

GRID = explore.Grid()  # the grid _lines samples on
CURVE_TEXTS = cf.Texts("Title", "x", "y", f="F", df="dF")


def _curves(present, derivative):
    lines = _lines(explore.DEFAULT_CURVES)
    x = GRID.x()
    lanes = [cf.Zones(explore.saturation_zones(x, ln.df), ln.color, cf.ZONE_OPACITY)
             for ln in lines]
    dead = [cf.Zones(explore.dead_zones(x, lines[2].df), SHADE, note="dead")]
    return cf.curves_figure(GRID.xmin, GRID.dx, lines, CURVE_TEXTS, derivative=derivative,
                            saturation=lanes, lane_note="lanes", dead=dead,
                            threshold=(0.01, "threshold"), present=present)


def _scale(present, stacked=False):
    scaled = [explore.scaled(Curve.make(n), GRID, 2.0) for n in ("relu", "sigmoid")]
    return cf.scale_figure(GRID.xmin, GRID.dx, _lines(["relu", "sigmoid"]), scaled,
                           ["a", "b"], CURVE_TEXTS, present=present, stacked=stacked)


def _difference(present):
    d = explore.difference(Curve.make("gelu", approximate="tanh"), Curve.make("gelu"), GRID)
    return cf.difference_figure(GRID.xmin, GRID.dx, [("df", "ddf", "#000", d.f, d.df)],
                                CURVE_TEXTS, present=present)


def _sweep(present, stacked=False):
    s = explore.sweep([Curve.make("softplus")], "beta", GRID)
    moving = cf.Line("Softplus", PALETTE[1], s.f[0], s.df[0], "dash")
    return cf.sweep_figure(GRID.xmin, s.grid.dx, _lines(["relu"]), moving, s.f, s.df,
                           s.labels, 3, cf.SweepTexts("f", "f'", "x", "b = ", "Play", "Pause"),
                           present=present, height=480, stacked=stacked)


@cache
def _runs():
    return tuple(gradflow.profile(a, 10, 32, 32, init="xavier_normal", seed=0)
                 for a in ("sigmoid", "tanh", "relu"))


RUN_NAMES = ["sigmoid", "tanh", "relu"]


def _norms(present, stacked=False):
    runs = _runs()
    top = runs[0].grad_h_norm[-1]
    chain = gradflow.chain_rule_reference(top, runs[0].depth) if math.isfinite(top) else None
    return gf.gradient_norms(list(runs), RUN_NAMES, title_h="h", title_w="w", x_title="layer",
                             y_title="norm", theory_names=[f"{n} theory" for n in RUN_NAMES],
                             chain_name="chain", chain=chain, present=present,
                             stacked=stacked)


def _boxes(present):
    return gf.distribution_boxes(list(_runs()), RUN_NAMES, x_title="layer", y_title="value",
                                 present=present)


def _heatmaps(present):
    return gf.distribution_heatmaps(list(_runs()), RUN_NAMES, x_title="layer", y_title="v",
                                    colorbar_title="share", present=present)


def _fractions(present, stacked=False):
    return gf.unit_fractions(list(_runs()), RUN_NAMES, title_saturated="sat", title_dead="dead",
                             x_title="layer", y_title="%", present=present, stacked=stacked)


def _gallery(present, columns=5):
    return gallery.gallery_figure(activations.names(), "f", "df", present=present,
                                  columns=columns)


LOGITS = np.array(pg.DEFAULT_LOGITS)
CLASSES = ["a", "b", "c", "d"]
TARGET = pg.parse_target(pg.DEFAULT_TARGET, len(LOGITS))
TARGETS, PREDS = (np.array(v) for v in pg.DEFAULT_REGRESSION)


def _views(present, stacked=False):
    v = pg.softmax_views(LOGITS, 1.0)
    return sf.views_figure(CLASSES, v.softmax, v.argmax, v.softmin, v.log_softmax,
                           softmax_name="s", argmax_name="a", softmin_name="m",
                           log_softmax_name="l", prob_title="p", log_title="log p",
                           present=present, stacked=stacked)


def _animation(present, stacked=False):
    probs, _ = pg.temperature_sweep(LOGITS)
    return sf.temperature_animation(CLASSES, pg.TEMPERATURES, probs, title="T", y_title="p",
                                    frame_label="T = ", play="Play", pause="Pause",
                                    present=present, stacked=stacked)


def _target(present):
    r = pg.target_loss(LOGITS, TARGET, 1.0)
    return sf.target_figure(CLASSES, r.p, TARGET, r.grad, p_name="p", y_name="y",
                            grad_names=("g+", "g-"), prob_title="p", grad_title="g", present=present)


def _loss_curve(present):
    r = pg.target_loss(LOGITS, TARGET, 1.0)
    xs, loss, grad = pg.loss_vs_logit(LOGITS, TARGET, 1, 1.0)
    return sf.loss_curve_figure(xs, loss, grad, float(LOGITS[1]), r.loss, float(r.grad[1]),
                                x_title="z", loss_name="L", grad_name="g", point_name="now",
                                present=present)


def _worked_example(present):
    ex = pg.worked_example()
    return sf.worked_example_figure(ex.p, ex.q1, ex.q2, outcome_names=CLASSES, p_name="p",
                                    q1_name="q1", q2_name="q2", y_title="P", present=present)


def _binary(present):
    zs = np.linspace(-10, 10, 201)
    return sf.binary_figure(zs, pg.binary_curves(zs), 0.5, pg.binary_point(0.5),
                            sigmoid_name="s", loss_1_name="l1", loss_0_name="l0",
                            grad_1_name="g1", grad_0_name="g0", loss_title="L",
                            grad_title="g", x_title="z", present=present)


def _regression(present, stacked=False):
    reg = pg.regression_losses(PREDS, TARGETS)
    return sf.regression_figure(TARGETS, PREDS, {"mse": reg.mse_grad, "rmse": reg.rmse_grad,
                                                 "mae": reg.mae_grad},
                                point_names=[str(i + 1) for i in range(len(TARGETS))],
                                target_name="t", pred_name="p", values_title="v",
                                grad_title="g", present=present, stacked=stacked)


def _outlier(present, stacked=False):
    sweep = pg.outlier_sweep(PREDS, TARGETS, len(PREDS) - 1, pg.OUTLIER_OFFSETS)
    return sf.outlier_figure(pg.OUTLIER_OFFSETS, sweep, 3.0,
                             names={"mse": "MSE", "rmse": "RMSE", "mae": "MAE"}, x_title="o",
                             squared_title="sq", linear_title="lin", present=present,
                             stacked=stacked)


@cache
def _trained():
    return training.train_mlp("xor", steps=10)


def _boundary(present):
    r = _trained()
    return tf.boundary_figure(r.grid_x, r.grid_y, r.grid_probability, r.X, r.y,
                              class_names=("c0", "c1"), title="T", present=present)


def _training_curves(present, stacked=False):
    r = _trained()
    return tf.curves_figure([("a", r.loss_history, r.accuracy_history),
                             ("b", r.loss_history[::-1], r.accuracy_history)],
                            loss_title="L", accuracy_title="A", step_label="s",
                            loss_label="l", present=present, stacked=stacked)


def _zigzag(present):
    z = training.zigzag("positive", steps=30)
    return tf.zigzag_figure(z.gx, z.gy, z.loss, z.path, z.grads, z.w_star, x_label="w1",
                            y_label="w2", path_name="path", same_names=("pp", "mm"),
                            mixed_name="mixed", target_name="target", present=present)


def _race(present, stacked=False):
    paths = [(name, run_optimizer(name, "saddle", 20)) for name in optim.NAMES[:3]]
    return tf.race_figure(SURFACES["saddle"], paths, x_label="x", y_label="y", play_label="p",
                          pause_label="q", step_label="s", minimum_name="m", present=present,
                          stacked=stacked)


def _network(present, stacked=False):
    r = training.train_mlp("xor", hidden=(3,), steps=20, snapshot_every=5)
    return nf.network_figure(r, texts=nf.Texts(class_names=("A", "B")), fn_names=["tanh"],
                             feature_labels=["x1", "x2"], present=present, stacked=stacked)


BUILDERS = {
    "curves.f": lambda present: _curves(present, False),
    "curves.df": lambda present: _curves(present, True),
    "curves.scale": _scale, "curves.scale.phone": lambda present: _scale(present, True),
    "curves.difference": _difference, "curves.sweep": _sweep,
    "gradflow.norms": _norms, "gradflow.boxes": _boxes, "gradflow.heatmaps": _heatmaps,
    "gradflow.fractions": _fractions, "gallery": _gallery,
    # a phone's layouts (the page never asks for them in presentation mode)
    "gradflow.norms.phone": lambda present: _norms(present, stacked=True),
    "gradflow.fractions.phone": lambda present: _fractions(present, stacked=True),
    "gallery.phone": lambda present: _gallery(present, columns=3),
    "network.phone": lambda present: _network(present, stacked=True),
    "training.curves.phone": lambda present: _training_curves(present, stacked=True),
    "softmax.views.phone": lambda present: _views(present, stacked=True),
    "softmax.regression.phone": lambda present: _regression(present, stacked=True),
    "softmax.outlier.phone": lambda present: _outlier(present, stacked=True),
    "softmax.views": _views, "softmax.animation": _animation, "softmax.target": _target,
    "softmax.loss_curve": _loss_curve, "softmax.worked_example": _worked_example,
    "softmax.binary": _binary, "softmax.regression": _regression, "softmax.outlier": _outlier,
    "training.boundary": _boundary, "training.curves": _training_curves,
    "training.zigzag": _zigzag, "training.race": _race, "network": _network,
}
WITH_FRAMES = {"curves.sweep", "softmax.animation", "training.race", "network", "network.phone"}


def _plotly_way(fig: go.Figure) -> dict:
    """What st.plotly_chart sent before: ``to_dict()`` of a go.Figure made of the spec."""
    spec = fig.__dict__["_spec"]
    return go.Figure(copy.deepcopy(spec), _validate=False).to_dict()


def _json(d: dict) -> str:
    return pio.to_json(d, validate=False)


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_sends_the_json_plotly_made(name, present):
    fig = BUILDERS[name](present)
    assert isinstance(fig, SpecFigure)
    expected = _json(_plotly_way(fig))
    fast = _json(to_plotly_dict(fig))
    assert json.loads(fast) == json.loads(expected)
    assert fast == expected  # key for key in the same order, so the chart's id is the same
    assert ("frames" in json.loads(fast)) == (name in WITH_FRAMES)
    assert "_spec" in fig.__dict__  # made without Plotly's object tree
    assert to_plotly_dict(fig) is to_plotly_dict(fig)  # kept: a cached figure costs once


@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_still_makes_a_valid_full_figure(name):
    fig = BUILDERS[name](False)
    fast = _json(to_plotly_dict(fig))
    go.Figure(fig.to_dict())  # validated: raises ValueError on any invalid property
    assert "_spec" not in fig.__dict__  # built by that use
    assert _json(fig.to_dict()) == fast
    assert _json(to_plotly_dict(fig)) == fast  # built: Plotly's own to_dict
    assert json.loads(fig.to_json()) == json.loads(go.Figure(fig).to_json()) == json.loads(fast)


# ---------------------------------------------------------------- SpecFigure is a go.Figure

def _spec():
    x = np.linspace(0, 1, 5, dtype=np.float32)
    return dict(data=[dict(type="scatter", x=x, y=x ** 2, name="sq", line=dict(width=2))],
                layout=dict(height=300, xaxis=dict(title=dict(text="x"))),
                frames=[dict(name="0", data=[dict(y=x)])])


def test_attribute_access_builds_the_figure_the_unvalidated_way():
    fig = figure(*(_spec()[k] for k in ("data", "layout", "frames")))
    assert isinstance(fig, go.Figure) and "_spec" in fig.__dict__
    np.testing.assert_array_equal(fig.data[0].x, np.linspace(0, 1, 5, dtype=np.float32))
    assert fig.data[0].name == "sq" and fig.data[0].line.width == 2
    assert fig.layout.height == 300 and fig.layout.xaxis.title.text == "x"
    assert len(fig.frames) == 1 and fig.frames[0].name == "0"
    assert "_spec" not in fig.__dict__
    assert fig == go.Figure(_spec(), _validate=False)
    assert not hasattr(fig, "no_such_property")
    with pytest.raises(AttributeError):
        fig.no_such_property = 1  # as on any go.Figure


def test_each_way_in_builds_it():
    for use in (lambda f: f.to_dict(), lambda f: f.to_json(), lambda f: go.Figure(f),
                lambda f: f.layout, lambda f: f["data"], lambda f: repr(f),
                lambda f: f.update_layout(height=200)):
        fig = SpecFigure(_spec())
        use(fig)
        assert "_spec" not in fig.__dict__


def test_a_change_after_building_is_what_is_sent():
    fig = SpecFigure(_spec())
    before = to_plotly_dict(fig)
    fig.update_layout(height=222)
    fig.frames = []
    after = json.loads(_json(to_plotly_dict(fig)))
    assert after["layout"]["height"] == 222 and "frames" not in after
    assert before["layout"]["height"] == 300


def test_pickle_and_deepcopy_keep_the_spec_until_built():
    fig = SpecFigure(_spec())
    expected = _json(go.Figure(_spec(), _validate=False).to_dict())
    for twin in (pickle.loads(pickle.dumps(fig)), copy.deepcopy(fig), copy.copy(fig)):
        assert type(twin) is SpecFigure and "_spec" in twin.__dict__
        assert _json(to_plotly_dict(twin)) == expected
    assert "_spec" in fig.__dict__  # copying it built nothing
    fig.layout  # noqa: B018 - built
    twin = pickle.loads(pickle.dumps(fig))
    assert type(twin) is go.Figure  # as go.Figure pickles: validated again when loaded
    assert json.loads(_json(twin.to_dict())) == json.loads(expected)


def test_other_figures_go_through_to_dict():
    fig = go.Figure(_spec())
    assert _json(to_plotly_dict(fig)) == _json(fig.to_dict())


# ---------------------------------------------------------------- arrays and odd specs

ARRAYS = {
    "float32": np.linspace(-1, 1, 7, dtype=np.float32),
    "float64 with nan and inf": np.array([np.nan, np.inf, -np.inf, 1.5]),
    "int64 fits int8": np.arange(5),
    "int64 fits int16": np.arange(5) * 1000 - 2000,
    "int64 fits int32": np.arange(5) * 10 ** 6,
    "int64 too large": np.array([2 ** 40, -3]),
    "uint64 fits uint8": np.arange(3, dtype=np.uint64),
    "uint64 fits uint32": np.array([2 ** 31], dtype=np.uint64),
    "uint64 too large": np.array([2 ** 33], dtype=np.uint64),
    "int8": np.array([-1, 2], dtype=np.int8),
    "uint16": np.array([1, 60000], dtype=np.uint16),
    "float16": np.arange(4, dtype=np.float16),
    "bool": np.array([True, False]),
    "strings": np.array(["a", "b"]),
    "objects": np.array(["a", 1], dtype=object),
    "empty": np.array([], dtype=np.float32),
    "0-d": np.array(2.5),
    "2-D": np.arange(12.0).reshape(3, 4),
    "2-D Fortran order": np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3)),
    "strided": np.arange(10.0)[::3],
    "pandas": pd.Series([1.0, 2.0]),
}


@pytest.mark.parametrize("name", ARRAYS)
def test_arrays_anywhere_follow_plotlys_rules(name):
    """An array as a trace property, in a nested dict, in a list, under a skipped key
    ("range"), in a validated subplot axis and in a validated frame."""
    a = ARRAYS[name]
    spec = dict(
        data=[dict(type="scatter", y=a, customdata=[a, a], marker=dict(color=a),
                   meta=dict(range=a, inner=[dict(z=a)]), text=(a,))],
        layout=dict(xaxis=dict(range=a), xaxis2=dict(tickvals=a, anchor="y2"),
                    yaxis2=dict(anchor="x2")),
        frames=[dict(name="f", data=[dict(y=a, customdata=a)], traces=[0])],
    )
    fig = SpecFigure(copy.deepcopy(spec))
    assert _json(to_plotly_dict(fig)) == _json(go.Figure(spec, _validate=False).to_dict())


ODD_SPECS = {
    "no type: a scatter": dict(data=[dict(y=[1, 2])]),
    "a trace, not a list": dict(data=dict(type="bar", y=[1, 2])),
    "no layout, no data": dict(data=None),
    "None and empty values": dict(data=[dict(type="bar", y=[1], name=None, marker={})],
                                  layout=dict(height=None, xaxis={}, yaxis3={}, xaxis2=None)),
    "titles as text": dict(data=[dict(y=[1])],
                           layout=dict(title="t", xaxis=dict(title="x"), xaxis2=dict(title="x2"),
                                       yaxis2=dict(title=dict(text="y2", font=dict(size=3))))),
    "numpy scalars": dict(data=[dict(y=[np.float32(0.1), np.int64(3)], x0=np.float64(0.5),
                                     dx=np.float32(0.1))],
                          layout=dict(xaxis2=dict(range=[np.float32(0.1), 2]))),
    "a path key: Plotly's way": dict(data=[dict(type="scatter", y=[1], marker_color="red")]),
    "xaxis1: Plotly's way": dict(data=[dict(y=[1])], layout=dict(xaxis1=dict(title="a"))),
    "a graph object: Plotly's way": dict(data=[go.Scatter(y=[1, 2])],
                                         layout=dict(xaxis=go.layout.XAxis(title="a"))),
    "a template of its own": dict(data=[], layout=dict(template=dict(layout=dict(height=9)))),
    "frames with layouts": dict(data=[dict(y=[1])], frames=[
        dict(name="a", layout=dict(title="t", xaxis=dict(range=(0, 1)), xaxis2={}),
             data=[dict(type="bar", y=np.arange(3), marker=dict(line=dict(width=None)))]),
        dict(name="b", group="g", baseframe="a", data=[]),
        go.Frame(name="c", data=[go.Scatter(y=[1])])]),
    "empty frames": dict(data=[dict(y=[1])], frames=[]),
    "annotations and buttons": dict(data=[dict(y=[1])], layout=dict(
        annotations=[dict(text="a", x=0.5, showarrow=False), {}],
        updatemenus=[dict(buttons=[dict(label="p", method="animate", args=[None, {}])])])),
}


@pytest.mark.parametrize("name", ODD_SPECS)
def test_odd_specs_give_what_plotly_gives(name):
    spec = ODD_SPECS[name]
    fig = SpecFigure(copy.deepcopy(spec))
    assert _json(to_plotly_dict(fig)) == _json(go.Figure(spec, _validate=False).to_dict())


@pytest.mark.parametrize("spec", [
    dict(data=[dict(type="no_such_trace")]),
    dict(data=[dict(y=[1], no_such_property=1)], frames=[dict(data=[dict(y=[1])])]),
    dict(data=[dict(y=[1])], layout=dict(xaxis2=dict(no_such_property=1))),
    dict(data=[dict(y=[1])], frames=[dict(data=[dict(y=[1], no_such_property=1)])]),
    dict(data=[dict(y=[1])], frames=[dict(data=[dict(y=[1], mode="no such mode")])]),
], ids=["trace type", "trace property", "axis property", "frame property", "frame value"])
def test_what_plotly_refuses_is_refused(spec):
    with pytest.raises(ValueError):
        go.Figure(copy.deepcopy(spec), _validate=False).to_dict()
    with pytest.raises(ValueError):
        to_plotly_dict(SpecFigure(spec))


# ---------------------------------------------------------------- the pages' charts

PAGE_VIEWS = [
    ("home", {}), ("curves", {}), ("curves", {"fn": "softplus", "sweep": "beta"}),
    ("gradient_flow", {}), ("playground", {}),
    *(("softmax", {"tab": tab}) for tab in ("softmax", "target", "example", "binary",
                                            "regression")),
    ("training", {"steps": "200"}), ("training", {"tab": "compare", "steps": "200"}),
    ("training", {"tab": "zigzag"}), ("training", {"tab": "race", "race_steps": "60"}),
]


def _charts(apptest, page: str, query: dict) -> list:
    import streamlit as st

    st.cache_data.clear()  # each way builds its own figures, cached ones too
    st.cache_resource.clear()
    memo.clear_all()
    at = apptest(f"pages/{page}.py", query=query)
    assert not at.exception
    return [chart.proto for chart in at.get("plotly_chart")]


@pytest.mark.parametrize(("page", "query"), PAGE_VIEWS,
                         ids=[f"{p}-{'-'.join(q.values()) or 'default'}" for p, q in PAGE_VIEWS])
def test_pages_send_the_charts_they_sent_before(apptest, monkeypatch, page, query):
    """Every chart element as when ``chart`` handed the figure itself to
    ``st.plotly_chart``: the same figure (its JSON read back), config and every other
    field. The spec is written in ASCII now (`frame._json_piece`), so its bytes, and the
    element id Streamlit hashes from them, may differ."""
    from ui import frame

    fast = _charts(apptest, page, query)
    monkeypatch.setattr(frame, "to_plotly_dict", lambda fig: fig)  # the figure itself
    monkeypatch.setattr(frame, "_Prepared", lambda fig: fig)
    before = _charts(apptest, page, query)
    assert fast and len(fast) == len(before)
    for new, old in zip(fast, before, strict=True):
        assert new.spec.isascii()
        assert json.loads(new.spec) == json.loads(old.spec)
        for proto in (new, old):
            proto.ClearField("spec")
            proto.ClearField("id")
        assert new == old


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("name", BUILDERS)
def test_a_legend_entry_has_one_colour(name, present):
    """A trace in the legend is drawn in one colour: the legend shows one swatch (the first
    point's), so points coloured one by one would be named by a colour some lack (softmax's
    gradient bars once: a green '∂L/∂z' beside pink bars). Colour scales have a colour bar."""
    spec = json.loads(_json(to_plotly_dict(BUILDERS[name](present))))
    if spec["layout"].get("showlegend") is False:
        return
    for trace in spec["data"]:
        if trace.get("showlegend") is False or not trace.get("name"):
            continue
        for part in ("marker", "line"):
            colours = trace.get(part, {}).get("color")
            if isinstance(colours, list) and "colorscale" not in trace.get(part, {}):
                assert len(set(colours)) == 1, (name, trace["name"], part, colours)


@pytest.mark.parametrize("name", sorted(WITH_FRAMES))
def test_an_animation_slider_reads_on_both_themes(name):
    """Plotly draws a slider's rail and grip near-white whatever the page (#f8fafc): on the
    dark theme a glaring bar. Every animation's slider takes the grid's mid-grey with alpha."""
    from activations.figures.style import SLIDER_COLORS

    _, slider = json.loads(_json(to_plotly_dict(BUILDERS[name](False))))["layout"]["sliders"]
    assert {k: slider.get(k) for k in SLIDER_COLORS} == SLIDER_COLORS


@pytest.mark.parametrize("name", sorted(WITH_FRAMES))
@pytest.mark.parametrize("present", [False, True])
def test_an_animation_slider_lies_on_a_ruler_that_labels_its_ends(name, present):
    """Plotly labels every s-th step from the first, s set by the width, so the last was
    often bare (softmax's temperatures ended at 80 of 100). The slider's own labels are
    clear and a ruler, drawn first so that the slider takes the pointer, labels its ends
    and evenly spaced steps between at the slider's exact place."""
    from activations.figures.style import CLEAR, SLIDER_COLORS, THEME_TEXT

    ruler, slider = json.loads(_json(to_plotly_dict(BUILDERS[name](present))))["layout"][
        "sliders"]
    labels = [step["label"] for step in slider["steps"]]
    marks = [step["label"] for step in ruler["steps"]]
    assert marks[0] == labels[0] and marks[-1] == labels[-1] and len(marks) >= 2
    gap = (len(labels) - 1) / (len(marks) - 1)
    assert gap.is_integer() and marks == labels[::int(gap)]  # at the slider's own steps
    assert all(step["method"] == "skip" for step in ruler["steps"])  # nothing to play
    for key in ("x", "y", "len", "xanchor", "yanchor", "pad"):
        assert ruler.get(key) == slider.get(key), key
    assert ruler.get("font", {}) == {k: v for k, v in slider["font"].items() if k != "color"}
    value, shown = slider["currentvalue"], ruler["currentvalue"]
    assert {**shown, "font": None} == {**value, "font": None}  # the same height above
    assert shown["font"] == {**value["font"], "color": CLEAR}  # ... and not drawn
    assert value["font"]["color"] == THEME_TEXT and slider["font"]["color"] == CLEAR
    assert ruler["tickcolor"] == SLIDER_COLORS["tickcolor"] and ruler["ticklen"] == 7
    assert slider["ticklen"] == slider["minorticklen"]  # no long tick off the ruler's marks
    assert {ruler[k] for k in ("bgcolor", "bordercolor", "activebgcolor")} == {CLEAR}


@pytest.mark.parametrize("name", BUILDERS)
def test_hover_reads_four_significant_digits_on_linear_axes(name):
    """Plotly's hover wrote 0.6439143 beside a bar labelled 0.644 and a table's 0.6439:
    every linear y axis hovers at 4 significant digits. A log axis keeps Plotly's own,
    which writes 1.104801×10⁻⁶ as its ticks do, not 0.000001105."""
    layout = to_plotly_dict(BUILDERS[name](False))["layout"]
    axes = {key: axis for key, axis in layout.items() if key.startswith("yaxis")}
    assert axes, name
    for key, axis in axes.items():
        expected = None if axis.get("type") == "log" else ".4~g"
        assert axis.get("hoverformat") == expected, (name, key, axis.get("type"))


@pytest.mark.parametrize("name", sorted(WITH_FRAMES))
def test_an_animation_slider_shows_its_value_clear_of_play_and_pause(name):
    """The Play/Pause pair sits left of the slider: on a phone it covered a value label at
    the slider's left end ("T = 0.01"). Every slider puts its value at its right end."""
    for present in (False, True):
        spec = json.loads(_json(to_plotly_dict(BUILDERS[name](present))))
        _, slider = spec["layout"]["sliders"]  # (ruler, slider)
        assert slider["currentvalue"]["xanchor"] == "right", (name, present)
        (menu,) = spec["layout"]["updatemenus"]
        assert menu["x"] <= slider["x"], (name, present)  # the buttons are on its left

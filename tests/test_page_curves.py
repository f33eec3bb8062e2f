"""pages/curves.py under AppTest: curves, parameters, overlays, export and the URL."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

import activations
from activations import explore
from activations.explore import Curve
from ui.text.curves import EN, KO

PAGE = "pages/curves.py"
PAGE_PATH = str(Path(__file__).resolve().parents[1] / PAGE)  # for AppTest without the fixture


# ---------------------------------------------------------------- reading the charts


def _specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _array(value) -> np.ndarray:
    if isinstance(value, dict):  # Plotly's base64 typed array
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    return np.asarray(value, dtype=float)


def _curves(spec: dict) -> list[dict]:
    """The curve traces: those drawn on the shared grid (x0, dx; no x array)."""
    return [tr for tr in spec["data"] if "x0" in tr]


def _x(trace: dict) -> np.ndarray:
    return trace["x0"] + np.arange(len(_array(trace["y"]))) * trace["dx"]


def _bands(spec: dict) -> list[dict]:
    return [tr for tr in spec["data"] if tr.get("fill") == "toself"]


def _close_to_library(values, reference):
    """float32 of the float64 library value: equal up to one float32 rounding."""
    np.testing.assert_allclose(values, reference, rtol=1.2e-7, atol=1e-37)


# Parameter names as a visitor reads them (the URL keeps the code names).
READABLE = {key[len("pname_"):]: text for key, text in EN.items() if key.startswith("pname_")}
CHOICES = {"none": EN["choice_approximate_none"], "tanh": EN["choice_approximate_tanh"]}


def _labels(curves) -> list[str]:
    forms = (EN["label_curve"], EN["label_param"], EN["label_params"].format(a="", b=""))
    return explore.curve_labels(curves, READABLE, CHOICES, forms)


def _texts(at) -> str:
    parts = [*at.markdown, *at.caption, *at.warning, *at.info, *at.title]
    return " ".join(str(el.value) for el in parts)


def _math(at) -> list[str]:
    """The display formulas ($$ blocks) of every Markdown element, in order."""
    return re.findall(r"\$\$\n(.*?)\n\$\$", "\n".join(str(el.value) for el in at.markdown), re.S)


def _code(at) -> list[str]:
    """The Python code blocks of every Markdown element, in order."""
    return re.findall(r"```python\n(.*?)\n```", "\n".join(str(el.value) for el in at.markdown),
                      re.S)


# ---------------------------------------------------------------- the default view


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_default_view(apptest, lang, texts):
    at = apptest(PAGE, lang=lang)
    assert not at.exception
    assert not at.warning
    assert at.title[0].value == texts["title"]
    f, df = _specs(at)
    for spec in (f, df):
        assert [tr["name"] for tr in _curves(spec)] == ["Sigmoid", "Tanh", "ReLU"]
        assert spec["layout"]["xaxis"]["range"] == [-6.0, 6.0]
    # one colour per curve in both figures
    assert [tr["line"]["color"] for tr in _curves(f)] == [tr["line"]["color"] for tr in _curves(df)]
    # and a dash pattern per curve as a second cue (tanh's tail no longer hides sigmoid's)
    dashes = [tr["line"]["dash"] for tr in _curves(f)]
    assert len(set(dashes)) == 3 and dashes == [tr["line"]["dash"] for tr in _curves(df)]
    assert f["layout"]["title"]["text"] == texts["f_title"]
    assert df["layout"]["title"]["text"] == texts["df_title"]
    # hover: x (unified), f(x) and f'(x) of every curve
    assert f["layout"]["hovermode"] == "x unified"
    for tr in _curves(f) + _curves(df):
        assert "customdata" in tr and texts["hover_f"] in tr["hovertemplate"]
        assert texts["hover_df"] in tr["hovertemplate"]
    # the hidden default state leaves a clean URL
    assert at.query_params == {}
    assert at.info[0].value.startswith(texts["notice_header"])
    assert at.info[1].value == texts["note_basics"]
    assert len(at.get("download_button")) == 1


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
@pytest.mark.parametrize("phone", [False, True])
def test_a_phone_is_told_where_the_controls_are(apptest, lang, texts, phone):
    # Every control of this page is in the sidebar, which a phone folds behind its » button:
    # there a caption under the title says so, and the intro names the menu.
    at = apptest(PAGE, lang=lang, phone=phone)
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert (texts["menu_touch"] in captions) is phone
    assert "»" in texts["menu_touch"] and "»" in texts["more_touch"]
    intro = at.expander[0]
    assert intro.label == texts["intro"]
    assert intro.markdown[0].value == texts["more_touch" if phone else "more"]


@pytest.mark.parametrize(("lang", "texts", "strip", "shade"),
                         [("en", EN, "strip", "shade"), ("ko", KO, "띠", "음영")])
def test_the_default_note_names_the_strips_on_screen(apptest, lang, texts, strip, shade):
    """Saturation is drawn as a strip per curve along the bottom, not as shading: the
    note under the charts, the legend and the sidebar switch say so in both languages."""
    at = apptest(PAGE, lang=lang)
    for spec in _specs(at):
        lanes = [tr for tr in _bands(spec) if tr["yaxis"] == "y2"]
        assert [lane["fillcolor"] for lane in lanes] == \
            [tr["line"]["color"] for tr in _curves(spec)]
        assert lanes[2]["x"] == [-6.0, -6.0, 0.0, 0.0, None]  # ReLU: the whole left half
    note = at.info[1].value
    for text in (note, texts["lane_note"], texts["sat"], texts["sat_help"]):
        assert strip in text.lower() and shade not in text.lower()


def test_default_view_is_light():
    """Float32 and no x arrays: the default view's two charts stay small."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(PAGE_PATH, default_timeout=60).run()
    total = sum(len(el.proto.spec) for el in at.get("plotly_chart"))
    assert total < 100_000
    for spec in _specs(at):
        for tr in _curves(spec):
            assert "x" not in tr and tr["y"]["dtype"] == "f4"


# ---------------------------------------------------------------- every activation


@pytest.mark.parametrize("name", activations.names())
def test_every_activation_can_be_selected(apptest, name):
    at = apptest(PAGE)
    at.selectbox(key="curve0").set_value(name).run()
    assert not at.exception
    assert not at.warning
    act = activations.get(name)
    f, df = (_curves(spec)[0] for spec in _specs(at))
    assert f["name"] == df["name"] == act.label
    x = _x(f)
    # a jump is a gap in both lines (drawn with its dots): the grid point nearest it alone
    gap = np.zeros(len(x), dtype=bool)
    for point in explore.jump_points(explore.Curve.make(name)):
        gap[np.abs(x - point).argmin()] = True
    # f' is a gap at f's kinks too, where f' itself jumps (ReLU's 0 to 1)
    slope_gap = gap.copy()
    for point in act.kink_points():  # in the range, its ends too (ReLU6's 6)
        if x[0] <= point <= x[-1] and act.grad(point - 1e-9) != act.grad(point + 1e-9):
            slope_gap[np.abs(x - point).argmin()] = True
    for trace, where in ((f, gap), (df, slope_gap)):
        assert np.array_equal(np.isnan(_array(trace["y"])), where), name
    _close_to_library(_array(f["y"])[~gap], act(x)[~gap])
    _close_to_library(_array(df["y"])[~slope_gap], act.grad(x)[~slope_gap])
    _close_to_library(_array(f["customdata"]), act.grad(x))  # hover shows f' on the f chart
    for p in act.params:  # one widget per Param, built from the registry
        key = explore.param_key(0, p.name)
        widget = at.selectbox(key=key) if p.choices else at.slider(key=key)
        assert widget.value == p.default and widget.label == EN[f"pname_{p.name}"]
    expected = [] if name == "sigmoid" else [name, "tanh", "relu"]
    assert at.query_params.get("fn", []) == expected


# ---------------------------------------------------------------- parameters


def test_a_parameter_change_changes_the_curve(apptest):
    at = apptest(PAGE, query={"fn": "leaky_relu"})
    before = _array(_curves(_specs(at)[0])[0]["y"]).copy()
    at.slider(key="p0_negative_slope").set_value(0.3).run()
    assert not at.exception and not at.warning
    f, df = (_curves(spec)[0] for spec in _specs(at))
    x = _x(f)
    after = _array(f["y"])
    assert not np.array_equal(before, after)
    _close_to_library(after, np.where(x > 0, x, 0.3 * x))
    # f' jumps from 0.3 to 1 at the kink: a gap there (drawn with its dots)
    kink = np.abs(x).argmin()
    _close_to_library(_array(df["y"]), np.where(np.arange(len(x)) == kink, np.nan,
                                                np.where(x > 0, 1.0, 0.3)))
    assert f["name"] == "LeakyReLU (negative slope=0.3)"


def test_gelu_approximation_is_a_parameter(apptest):
    at = apptest(PAGE, query={"fn": "gelu"})
    at.selectbox(key="p0_approximate").set_value("tanh").run()
    assert not at.exception
    f = _curves(_specs(at)[0])[0]
    x = _x(f)
    gelu = activations.get("gelu")
    _close_to_library(_array(f["y"]), gelu(x, approximate="tanh"))
    assert not np.allclose(_array(f["y"]), gelu(x), rtol=1e-6, atol=0)


def test_a_link_can_hold_the_same_function_twice(apptest):
    at = apptest(PAGE, query={"fn": ["leaky_relu", "leaky_relu"], "p1_negative_slope": "0.2"})
    assert not at.exception and not at.warning
    assert at.slider(key="p0_negative_slope").value == 0.01
    assert at.slider(key="p1_negative_slope").value == 0.2
    f, df = _specs(at)
    assert [tr["name"] for tr in _curves(f)] == ["LeakyReLU (negative slope=0.01)",
                                                 "LeakyReLU (negative slope=0.2)"]
    left = _x(_curves(df)[0]) < 0
    assert set(_array(_curves(df)[0]["y"])[left]) == {np.float32(0.01)}
    assert set(_array(_curves(df)[1]["y"])[left]) == {np.float32(0.2)}
    assert at.query_params == {"fn": ["leaky_relu", "leaky_relu"], "p1_negative_slope": "0.2"}


def test_clashing_parameters_warn_and_draw_defaults(apptest):
    at = apptest(PAGE, query={"fn": "hardtanh", "p0_min_val": "2", "p0_max_val": "1"})
    assert not at.exception
    assert any("Hardtanh" in w.value for w in at.warning)
    f = _curves(_specs(at)[0])[0]
    _close_to_library(_array(f["y"]), np.clip(_x(f), -1, 1))


# ---------------------------------------------------------------- curve list


def test_add_remove_and_switch_curves(apptest):
    at = apptest(PAGE, query={"fn": ["leaky_relu", "elu"], "p0_negative_slope": "0.2",
                              "p1_alpha": "2"})
    at.selectbox(key="add").set_value("gelu").run()
    assert not at.exception
    assert at.query_params["fn"] == ["leaky_relu", "elu", "gelu"]
    assert at.selectbox(key="add").value is None
    assert [tr["name"] for tr in _curves(_specs(at)[0])] == [
        "LeakyReLU (negative slope=0.2)", "ELU (α=2)", "GELU"]
    # removing the first curve moves the others up, parameters included
    at.button(key="rm0").click().run()
    assert not at.exception
    assert at.query_params["fn"] == ["elu", "gelu"]
    assert at.slider(key="p0_alpha").value == 2.0
    f = _curves(_specs(at)[0])[0]
    _close_to_library(_array(f["y"]), activations.get("elu")(_x(f), alpha=2.0))
    # a new function in a slot starts from its own defaults
    at.selectbox(key="curve0").set_value("leaky_relu").run()
    assert at.slider(key="p0_negative_slope").value == 0.01
    at.button(key="rm1").click().run()
    assert at.button(key="rm0").disabled  # the last curve stays
    assert at.query_params["fn"] == "leaky_relu"  # AppTest gives a single value as str


# ---------------------------------------------------------------- presets and the URL


@pytest.mark.parametrize("preset", explore.PRESETS, ids=lambda p: p.key)
def test_presets_apply_and_their_url_restores_the_view(apptest, preset):
    at = apptest(PAGE, query={"fn": "elu", "p0_alpha": "2"})
    at.selectbox(key="preset").set_value(preset.key).run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="preset").value is None  # an action, not a state
    f = _specs(at)[0]
    assert [tr["name"] for tr in _curves(f)] == _labels(preset.curves)
    assert f["layout"]["xaxis"]["range"] == [preset.xmin, preset.xmax]
    assert at.info[1].value == EN[f"note_{preset.key}"]
    assert len(_specs(at)) == 2 + preset.scale + preset.difference
    # the same view from its link, in a fresh session
    again = apptest(PAGE, query=at.query_params)
    assert not again.exception and not again.warning
    assert [el.proto.spec for el in again.get("plotly_chart")] == [
        el.proto.spec for el in at.get("plotly_chart")]


def test_preset_link_contents(apptest):
    at = apptest(PAGE)
    at.selectbox(key="preset").set_value("gelu").run()
    assert at.query_params["fn"] == ["gelu", "gelu"]
    assert at.query_params["p1_approximate"] == "tanh"
    assert at.query_params["diff"] == "true"
    assert "p0_approximate" not in at.query_params  # defaults stay out of the link
    # and back to the default view: a clean URL again
    at.selectbox(key="preset").set_value("basics").run()
    assert at.query_params == {}


def test_url_round_trips_a_manual_change(apptest):
    at = apptest(PAGE, query={"fn": ["leaky_relu", "leaky_relu"]})
    at.slider(key="p1_negative_slope").set_value(0.2).run()
    at.number_input(key="xmin").set_value(-3.0).run()
    at.number_input(key="n").set_value(401).run()
    at.toggle(key="dead").set_value(True).run()
    assert not at.exception
    # In a browser the frontend writes a bound widget's new value into the URL; AppTest has
    # no frontend, so the link is what the browser would show.
    link = {**at.query_params, "p1_negative_slope": "0.2", "xmin": "-3", "n": "401",
            "dead": "true"}
    again = apptest(PAGE, query=link)
    assert not again.exception and not again.warning
    assert [el.proto.spec for el in again.get("plotly_chart")] == [
        el.proto.spec for el in at.get("plotly_chart")]


# ---------------------------------------------------------------- hostile links

SCRIPT = "<script>alert(1)</script>"
BAD_LINKS = {
    "xmin-nan": {"xmin": "nan"},
    "xmin-inf": {"xmin": "inf"},
    "xmax-minus-inf": {"xmax": "-inf"},
    "xmin-huge": {"xmin": "1e308"},
    "xmin-text": {"xmin": "abc"},
    "xmin-script": {"xmin": SCRIPT},
    "xmin-10k": {"xmin": "9" * 10_000},
    "xmin-empty": {"xmin": ""},
    "xmin-repeated": {"xmin": ["1", "2"]},
    "range-reversed": {"xmin": "3", "xmax": "-3"},
    "n-negative": {"n": "-5"},
    "n-fraction": {"n": "12.5"},
    "n-huge": {"n": "1e9"},
    "fn-unknown": {"fn": "nope"},
    "fn-script": {"fn": SCRIPT},
    "fn-empty": {"fn": ""},
    "fn-10k": {"fn": "relu" * 2500},
    "fn-too-many": {"fn": ["tanh"] * 20},
    "slope-nan": {"fn": "leaky_relu", "p0_negative_slope": "nan"},
    "slope-out-of-range": {"fn": "leaky_relu", "p0_negative_slope": "2"},
    "slope-text": {"fn": "leaky_relu", "p0_negative_slope": SCRIPT},
    "choice-unknown": {"fn": "gelu", "p0_approximate": "sigmoid"},
    "k-zero": {"scale": "true", "k": "0"},
    "toggle-garbage": {"sat": "maybe"},
    "stray-param": {"p5_alpha": "1"},
    "rrelu-clash": {"fn": "rrelu", "p0_lower": "0.5", "p0_upper": "0.2"},
}


@pytest.mark.parametrize("query", BAD_LINKS.values(), ids=BAD_LINKS.keys())
def test_bad_links_warn_and_fall_back(apptest, query):
    at = apptest(PAGE, query=query)
    assert not at.exception
    assert at.warning, "a bad link must say so"
    specs = _specs(at)
    assert len(specs) >= 2
    assert SCRIPT not in _texts(at) and "alert(1)" not in _texts(at)  # nothing echoed
    if "xmin" in query or "xmax" in query:
        assert specs[0]["layout"]["xaxis"]["range"] == [-6.0, 6.0]
    if "n" in query:
        assert len(_array(_curves(specs[0])[0]["y"])) == explore.DEFAULT_POINTS
    if query.get("fn") in ("nope", SCRIPT, "", "relu" * 2500):
        assert [tr["name"] for tr in _curves(specs[0])] == ["Sigmoid", "Tanh", "ReLU"]
    if "p0_negative_slope" in query:
        assert at.slider(key="p0_negative_slope").value == 0.01
    if "fn" in query:  # the link's bad names leave the URL
        fn = at.query_params.get("fn", [])
        assert all(n in activations.names() for n in ([fn] if isinstance(fn, str) else fn))


def test_good_links_do_not_warn(apptest):
    at = apptest(PAGE, query={"xmin": "-0", "xmax": "1e1", "n": "101", "fn": ["swish", "relu"],
                              "sat": "false", "dead": "True"})
    assert not at.exception and not at.warning
    f = _specs(at)[0]
    assert f["layout"]["xaxis"]["range"] == [0.0, 10.0]
    assert [tr["name"] for tr in _curves(f)] == ["SiLU / Swish", "ReLU"]
    assert _bands(f) and all(b["showlegend"] for b in _bands(f))  # dead zones only


# ---------------------------------------------------------------- overlays


def test_saturation_and_dead_zones(apptest):
    at = apptest(PAGE, query={"fn": ["relu", "leaky_relu"], "dead": "true"})
    assert not at.exception
    f, df = _specs(at)
    relu_color = _curves(df)[0]["line"]["color"]
    # ReLU is dead on x <= 0 (red, named in the legend); LeakyReLU (slope 0.01, not < 0.01)
    # is neither dead nor saturated. With dead zones on, ReLU's own saturation band gives
    # way to the red one.
    (dead,) = _bands(df)
    assert dead["x"][:4] == [-6.0, -6.0, 0.0, 0.0] and dead["showlegend"]
    assert "ReLU" in dead["name"] and "Leaky" not in dead["name"]
    assert len(_bands(f)) == 1  # the same zones on the f chart
    assert any(tr["name"] == EN["threshold"] for tr in df["data"])
    at.toggle(key="dead").set_value(False).run()
    (saturated,) = _bands(_specs(at)[1])
    assert saturated["fillcolor"] == relu_color and not saturated["showlegend"]
    assert saturated["x"][:4] == [-6.0, -6.0, 0.0, 0.0]
    at.toggle(key="sat").set_value(False).run()
    f, df = _specs(at)
    assert not _bands(f) and not _bands(df)
    assert not any(tr["name"] == EN["threshold"] for tr in df["data"])


def test_scale_equivariance_chart(apptest):
    at = apptest(PAGE, query={"fn": ["relu", "sigmoid"], "scale": "true", "k": "3"})
    assert not at.exception and not at.warning
    specs = _specs(at)
    assert len(specs) == 3
    relu, relu_k, sig, sig_k = (_array(tr["y"]) for tr in specs[2]["data"])
    np.testing.assert_allclose(relu_k, relu, rtol=1e-6, atol=1e-6)  # f(3x)/3 = f(x)
    assert np.max(np.abs(sig_k - sig)) > 0.1
    assert [tr["line"]["dash"] for tr in specs[2]["data"]] == ["solid", "dash"] * 2
    assert at.select_slider(key="k").value == 3.0


def test_rrelu_training_draws(apptest):
    at = apptest(PAGE, query={"fn": ["rrelu"], "p0_lower": "0.1", "p0_upper": "0.3"})
    assert not at.exception and not at.warning
    f, df = _specs(at)
    # (f''s dots at the kink are markers too, without a legend entry)
    draws = [tr for tr in df["data"] if tr.get("mode") == "markers"
             and tr.get("showlegend") is not False]
    assert len(draws) == 1
    slopes = _array(draws[0]["y"])
    assert np.all((slopes >= 0.1 - 1e-6) & (slopes <= 0.3 + 1e-6)) and np.ptp(slopes) > 0.1
    eval_slope = _array(_curves(df)[0]["y"])[0]
    assert eval_slope == np.float32(0.2)  # the eval line: (lower + upper) / 2
    assert any(tr.get("mode") == "markers" for tr in f["data"])
    # the line is evaluation's, the dots are training's: the legend says each once
    assert _curves(df)[0]["name"].startswith("RReLU (eval)")
    assert draws[0]["name"].startswith("RReLU") and "(eval)" not in draws[0]["name"]
    at.toggle(key="train").set_value(False).run()
    assert not any(tr.get("mode") == "markers" and tr.get("showlegend") is not False
                   for spec in _specs(at) for tr in spec["data"])  # (f''s kink dots stay)


def test_presentation_mode_uses_projector_sizes():
    from streamlit.testing.v1 import AppTest

    normal = AppTest.from_file(PAGE_PATH, default_timeout=60).run()
    present = AppTest.from_file(PAGE_PATH, default_timeout=60)
    present.session_state["present"] = True
    present.run()
    assert not present.exception
    a, b = _specs(normal)[0], _specs(present)[0]
    assert b["layout"]["font"]["size"] > a["layout"]["font"]["size"]
    assert (b["layout"]["xaxis"]["title"]["font"]["size"]
            > a["layout"]["xaxis"]["title"]["font"]["size"])
    assert _curves(b)[0]["line"]["width"] > _curves(a)[0]["line"]["width"]


# ---------------------------------------------------------------- export and details


def test_csv_is_exactly_the_plotted_data(apptest, monkeypatch):
    captured = []
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        captured.append((data_callable, mimetype, file_name))
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    at = apptest(PAGE, query={"fn": ["leaky_relu", "leaky_relu"], "p1_negative_slope": "0.2"})
    assert not at.exception
    data, mimetype, file_name = captured[-1]
    assert mimetype == "text/csv" and file_name == "leakyrelu-data.csv"
    rows = list(csv.reader(io.StringIO(data())))
    f, df = (_curves(spec) for spec in _specs(at))
    labels = [tr["name"] for tr in f]
    assert rows[0] == ["x", f"{labels[0]}: f(x)", f"{labels[0]}: f'(x)",
                       f"{labels[1]}: f(x)", f"{labels[1]}: f'(x)"]
    table = rows[1:]
    assert np.array_equal([float(r[0]) for r in table], _x(f[0]))
    for j, trace in enumerate([f[0], df[0], f[1], df[1]], start=1):
        column = np.array([np.float32(r[j]) for r in table], dtype=np.float32)
        drawn = _array(trace["y"])  # f' is a gap at the kink, x = 0; the CSV has its value
        assert np.array_equal(column[np.isfinite(drawn)], drawn[np.isfinite(drawn)])
        assert np.sum(~np.isfinite(drawn)) == (1 if trace in df else 0)


def test_details_show_formula_properties_and_code(apptest):
    at = apptest(PAGE, query={"fn": ["leaky_relu", "gelu"], "p0_negative_slope": "0.2"})
    assert not at.exception
    leaky, gelu = activations.get("leaky_relu"), activations.get("gelu")
    assert _math(at) == [leaky.formula, leaky.derivative_formula]
    numpy_code, torch_code = _code(at)
    assert "0.2 * x" in numpy_code and "negative_slope=0.2" in torch_code
    table = _texts(at)
    assert "| Kinks (not differentiable at) | x = 0 |" in table
    assert r"| Largest \|f′\| on this range | 1 at x ∈ [0.015, 6] |" in table  # | escaped
    # the measured mean at the drawn slope 0.2: (1 - 0.2) / sqrt(2 pi) = 0.3192
    assert "| Mean output, z ~ N(0, 1) | 0.3192 (not near 0) |" in table
    assert "Zero-centred" not in table
    at.session_state["details"] = at.tabs[1].label  # the second curve's tab
    at.run()
    assert _math(at) == [gelu.formula, gelu.derivative_formula]
    assert "approximate='none'" in " ".join(_code(at))


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_a_jump_is_called_a_jump_not_a_kink(apptest, lang, texts):
    """The step's f jumps at 0: its table has a jump there and no "Kinks: none" (a jump has
    no slope either), "what to notice" calls it a jump; ReLU keeps its kink."""
    at = apptest(PAGE, lang=lang, query={"fn": ["step", "relu"]})
    assert not at.exception
    table = _texts(at)
    assert f"| {texts['prop_jumps']} | x = 0 |" in table
    assert texts["prop_kinks"] not in table
    assert texts["notice_jumps"].format(names="Step (Heaviside)") in _notice(at)
    assert texts["notice_kinks"].format(names="ReLU") in _notice(at)
    at.session_state["details"] = at.tabs[1].label  # ReLU's tab
    at.run()
    table = _texts(at)
    assert f"| {texts['prop_kinks']} | x = 0 |" in table and texts["prop_jumps"] not in table


def _entries(spec: dict) -> list[str]:
    """The legend's entries as text (markup dropped), in order."""
    return [re.sub(r"<[^>]+>", "", tr["name"]) for tr in spec["data"]
            if tr.get("showlegend", True) and tr.get("name")]


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_f_and_its_slope_have_legends_of_the_same_rows(apptest, lang, texts):
    """Side by side, the f chart's legend holds room for the slope chart's threshold entry,
    so both wrap into the same rows and the plots keep one height; a phone stacks the
    charts and needs no room."""
    query = {"fn": ["sigmoid", "tanh", "relu", "gelu"]}
    f, df = _specs(apptest(PAGE, lang=lang, query=query))
    assert texts["threshold"] in _entries(df) and _entries(f) == _entries(df)
    assert f["layout"]["margin"]["l"] == df["layout"]["margin"]["l"]
    f, df = _specs(apptest(PAGE, lang=lang, phone=True, query=query))
    assert texts["threshold"] not in _entries(f)
    assert _entries(f) == [e for e in _entries(df) if e != texts["threshold"]]


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_leaky_relus_small_slope_is_written_on_the_slope_chart(apptest, lang, texts):
    at = apptest(PAGE, lang=lang, query={"fn": "leaky_relu"})
    f, df = _specs(at)
    (note,) = df["layout"]["annotations"]
    assert note["text"] == texts["faint"].format(value="0.01") and note["x"] < 0
    assert not f["layout"].get("annotations")
    at = apptest(PAGE, lang=lang, query={"fn": "leaky_relu", "p0_negative_slope": "0.3"})
    assert not _specs(at)[1]["layout"].get("annotations")  # plain to see


def test_every_overlay_in_korean(apptest):
    at = apptest(PAGE, lang="ko", query={"fn": ["rrelu", "relu"], "dead": "true", "diff": "true",
                                         "scale": "true"})
    assert not at.exception and not at.warning
    specs = _specs(at)
    assert len(specs) == 4
    assert specs[2]["layout"]["title"]["text"] == KO["scale_title"].format(k="2")
    assert specs[3]["layout"]["title"]["text"].endswith("차이")
    assert Curve.make("rrelu") == explore.resolve_curve("rrelu", {})[0]


@pytest.mark.parametrize("group", range(0, len(activations.names()), explore.MAX_CURVES))
def test_extreme_view_of_every_activation(apptest, group):
    """The widest range, the most points, all overlays: finite, float32, no warnings (a
    jump's one grid point is a gap, NaN, by design)."""
    names = activations.names()[group:group + explore.MAX_CURVES]
    at = apptest(PAGE, query={"fn": names, "xmin": "-10000", "xmax": "10000", "n": "5000",
                              "dead": "true", "diff": "true", "scale": "true", "k": "10"})
    assert not at.exception and not at.warning
    specs = _specs(at)
    assert len(specs) == (4 if len(names) > 1 else 3)
    for spec in specs:
        for trace in _curves(spec):
            y = _array(trace["y"])
            # a jump's stubs: up to two segments (three entries each) per jump drawn
            stubs = sum(len(tr["x"]) // 3 for tr in spec["data"] if "x0" not in tr
                        and tr.get("legendgroup") == trace["name"] and tr.get("mode") == "lines")
            assert len(y) == 5000 and np.sum(~np.isfinite(y)) <= stubs
            assert not np.isinf(y).any()


# ---------------------------------------------------------------- what to notice


def _notice(at) -> str:
    return at.info[0].value


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_what_to_notice_follows_the_drawn_curves(apptest, lang, texts):
    seen = {}
    for fns in (["sigmoid"], ["relu"], ["sigmoid", "tanh", "relu"]):
        at = apptest(PAGE, lang=lang, query={"fn": fns})
        assert not at.exception
        seen[tuple(fns)] = text = _notice(at)
        assert text.startswith(texts["notice_header"])
        drawn = {activations.get(n).label for n in fns}
        for other in {"Sigmoid", "Tanh", "ReLU"} - drawn:  # only curves that are drawn
            assert other not in text, (fns, other)
    # written out from the curves' shapes: sigmoid saturates both ways and is smooth; ReLU
    # is flat (dead) for x < 0 with a kink at 0; tanh's mean output alone of the three is
    # near 0 (sigmoid's 1/2, ReLU's 1/sqrt(2 pi) = 0.399)
    sig, relu, trio = seen[("sigmoid",)], seen[("relu",)], seen[("sigmoid", "tanh", "relu")]
    assert texts["notice_saturate_both"].format(names="Sigmoid") in sig
    assert texts["notice_smooth"] in sig and texts["notice_dead"].format(names="ReLU") not in sig
    assert texts["notice_dead"].format(names="ReLU") in relu
    assert texts["notice_kinks"].format(names="ReLU") in relu
    assert texts["notice_saturate_both"].format(names="Sigmoid, Tanh") in trio
    assert texts["notice_mean_near_zero"].format(names="Tanh 0") in trio
    assert texts["notice_mean_off_zero"].format(names="Sigmoid 0.5, ReLU 0.399") in trio
    assert len(set(seen.values())) == 3
    # On [-4, 4] sigmoid's slope stays above 0.01 (σ'(4) = 0.0177) and no strip is drawn:
    # "far from 0 the slope falls below 0.01" would not be what the chart shows.
    at = apptest(PAGE, lang=lang, query={"fn": ["sigmoid", "tanh"], "xmin": "-4", "xmax": "4"})
    text = _notice(at)
    assert texts["notice_saturate_beyond"].format(names="Sigmoid") in text
    assert texts["notice_saturate_both"].format(names="Tanh") in text  # tanh'(4) = 0.0013


# ---------------------------------------------------------------- animate a parameter


def _softplus(x, beta, threshold=20.0):
    """torch.nn.Softplus written out: log(1 + e^(βx))/β, and x where βx > threshold."""
    with np.errstate(over="ignore"):
        return np.where(beta * x > threshold, x, np.logaddexp(0.0, beta * x) / beta)


def _sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))  # = 1/(1+e^-z), without overflow


def test_a_sweep_link_opens_the_animated_chart(apptest):
    at = apptest(PAGE, query={"fn": ["softplus", "relu"], "sweep": "beta"})
    assert not at.exception and not at.warning
    # the strips' toggle is on (its default), and the animation draws no strips: said so
    assert any(EN["sweep_no_overlays"] in c.value for c in at.caption)
    off = apptest(PAGE, query={"fn": ["softplus", "relu"], "sweep": "beta", "sat": "false"})
    assert not any(EN["sweep_no_overlays"] in c.value for c in off.caption)
    assert at.selectbox(key="sweep").value == "beta"
    (el,) = at.get("plotly_chart")
    spec = json.loads(el.proto.spec)
    frames, layout = spec["frames"], spec["layout"]
    slider = layout["sliders"][-1]
    betas = [float(step["label"]) for step in slider["steps"]]
    assert betas == [0.5, 0.6, 0.8, 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 15, 20]
    assert len(frames) == len(betas)
    # 17 frames at 90 ms went by in 1.5 s: a short run plays slower, 2.7 s at least
    play = layout["updatemenus"][0]["buttons"][0]["args"][1]
    assert play["frame"]["duration"] * len(frames) >= 2700
    assert [f["name"] for f in frames] == [step["label"] for step in slider["steps"]]
    assert slider["active"] == betas.index(1.0)  # opens at the curve's own β
    buttons = layout["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == [EN["play"], EN["pause"]]
    assert all(b["method"] == "animate" for b in buttons)
    # every frame moves f and f' of softplus, and nothing else (the last two traces)
    f_trace = spec["data"][-2]
    x = _x(f_trace)
    for frame, beta in zip(frames, betas, strict=True):
        assert frame["traces"] == [len(spec["data"]) - 2, len(spec["data"]) - 1]
        f, df = (_array(d["y"]) for d in frame["data"])
        np.testing.assert_allclose(f, _softplus(x, beta), rtol=2e-6, atol=1e-7)
        # d/dx softplus = σ(βx), and 1 where βx > threshold
        np.testing.assert_allclose(df, np.where(beta * x > 20, 1.0, _sigmoid(beta * x)),
                                   rtol=2e-6, atol=1e-7)
    # ReLU stays put, in both panels
    relu = [tr for tr in spec["data"] if tr["name"] == "ReLU" and "x0" in tr]  # not its dots
    assert len(relu) == 2
    np.testing.assert_allclose(_array(relu[0]["y"]), np.maximum(_x(relu[0]), 0), rtol=1e-7)


def test_choosing_a_sweep_writes_its_code_name_to_the_url(apptest):
    at = apptest(PAGE, query={"fn": ["relu", "leaky_relu"]})
    sweep = at.selectbox(key="sweep")
    assert sweep.value == "" and EN["sweep_off"] in sweep.options
    assert EN["pname_negative_slope"] in sweep.options  # the readable name is shown
    sweep.set_value("negative_slope").run()
    assert not at.exception
    assert at.query_params["sweep"] == "negative_slope"
    (el,) = at.get("plotly_chart")
    steps = json.loads(el.proto.spec)["layout"]["sliders"][-1]["steps"]
    assert steps[0]["label"] == "0" and steps[-1]["label"] == "1"  # LeakyReLU's slope 0..1
    at.selectbox(key="sweep").set_value("").run()
    assert "sweep" not in at.query_params and len(at.get("plotly_chart")) == 2


@pytest.mark.parametrize("value", ["nope", "approximate", SCRIPT])
def test_a_bad_sweep_link_warns_and_draws_the_plain_charts(apptest, value):
    at = apptest(PAGE, query={"fn": "gelu", "sweep": value})
    assert not at.exception
    assert at.warning and SCRIPT not in _texts(at)
    assert "sweep" not in at.query_params and len(at.get("plotly_chart")) == 2


def test_zoom_fixes_the_f_axis_and_leaves_the_slope_alone(apptest):
    plain = _specs(apptest(PAGE))
    at = apptest(PAGE, query={"yzoom": "true"})
    assert not at.exception and not at.warning
    f, df = _specs(at)
    # exactly the zoom: the lanes have their own band under it, so no tick label (−2) stands
    # beside them, naming no value of any curve
    assert f["layout"]["yaxis"]["range"] == [-1.5, 1.5]
    assert f["layout"]["yaxis"]["domain"][0] == f["layout"]["yaxis2"]["domain"][1] > 0
    assert plain[0]["layout"]["yaxis"]["range"][1] > 6  # unzoomed, ReLU reaches 6
    assert df["layout"]["yaxis"]["range"] == plain[1]["layout"]["yaxis"]["range"]


def test_gelu_choice_shows_readable_names_and_keeps_code_names_in_the_url(apptest):
    at = apptest(PAGE, query={"fn": "gelu", "p0_approximate": "tanh"})
    box = at.selectbox(key="p0_approximate")
    assert box.value == "tanh" and box.label == EN["pname_approximate"]
    assert EN["choice_approximate_tanh"] in box.options
    assert _curves(_specs(at)[0])[0]["name"] == f"GELU ({EN['choice_approximate_tanh']})"
    box.set_value("none").run()
    assert "p0_approximate" not in at.query_params  # the default leaves the link
    at.selectbox(key="p0_approximate").set_value("tanh").run()
    assert at.query_params["p0_approximate"] == "tanh"


def test_details_link_to_the_pytorch_documentation(apptest):
    at = apptest(PAGE, query={"fn": "leaky_relu"})
    text = _texts(at)
    assert ("(https://docs.pytorch.org/docs/stable/generated/torch.nn.LeakyReLU.html)"
            in text)


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_a_jump_is_drawn_broken_with_its_dots(apptest, lang, texts):
    """Step and Threshold jump: their lines break there, with a filled dot at the value
    taken and a hollow one at the other side's limit; ReLU's kink gets none. The dots are
    in their curve's legend group, without entries of their own."""
    at = apptest(PAGE, query={"fn": ["step", "relu", "threshold"]}, lang=lang)
    assert not at.exception
    f, df = _specs(at)
    step, relu, threshold = _curves(f)
    assert np.isnan(_array(step["y"])).sum() == 1 and np.isnan(_array(threshold["y"])).sum() == 1
    assert not np.isnan(_array(relu["y"])).any()
    dots = [tr for tr in f["data"] if tr.get("mode") == "markers" and tr.get("legendgroup")]
    filled = {tr["legendgroup"]: (tr["x"], tr["y"]) for tr in dots
              if tr["marker"]["symbol"] == "circle"}
    hollow = {tr["legendgroup"]: (tr["x"], tr["y"]) for tr in dots
              if tr["marker"]["symbol"] == "circle-open"}
    assert filled == {step["name"]: ([0.0], [0.0]), threshold["name"]: ([1.0], [0.0])}
    assert hollow[step["name"]] == ([0.0], [1.0]) and hollow[threshold["name"]][0] == [1.0]
    assert relu["name"] not in filled and relu["name"] not in hollow
    assert all(tr["showlegend"] is False for tr in dots)
    assert texts["hover_undefined"] in next(tr["hovertemplate"] for tr in dots
                                           if tr["marker"]["symbol"] == "circle")
    # f' too has no value there: a gap in Step's flat 0, a hollow dot on it
    d_step = _curves(df)[0]
    assert np.isnan(_array(d_step["y"])).sum() == 1
    # ReLU's f' jumps at its kink: filled at PyTorch's ReLU'(0) = 0, hollow at 1 (H2)
    d_filled = {tr["legendgroup"]: (tr["x"], tr["y"]) for tr in df["data"]
                if tr.get("legendgroup") and tr.get("mode") == "markers"
                and tr["marker"]["symbol"] == "circle"}
    assert d_filled == {relu["name"]: ([0.0], [0.0])}


# ---------------------------------------------------------------- mean, PReLU, Threshold


def _table(at) -> str:
    return "\n".join(str(el.value) for el in at.markdown if str(el.value).startswith("| "))


@pytest.mark.parametrize(("lang", "texts", "row"), [
    ("en", EN, "| Mean output, z ~ N(0, 1) | {} |"), ("ko", KO, "| 출력 평균, z ~ N(0, 1) | {} |")])
def test_the_table_shows_the_measured_mean(apptest, lang, texts, row):
    """The audit: the old table called ELU zero-centred though its mean output on
    z ~ N(0, 1) is 0.16; the row is now that number, at the drawn parameters."""
    at = apptest(PAGE, lang=lang, query={"fn": ["elu", "tanh", "relu"]})
    assert not at.exception and not at.warning
    # E ELU(z) = 1/sqrt(2 pi) + e^(1/2) Phi(-1) - 1/2 = 0.16052 (closed form)
    assert row.format(texts["mean_off"].format(value="0.1605")) in _table(at)
    assert texts["props_note"] in _texts(at)
    at.session_state["details"] = at.tabs[1].label  # tanh: odd, mean exactly 0
    at.run()
    assert row.format(texts["mean_near"].format(value="0")) in _table(at)
    # follows alpha: at alpha = 2 the mean is 1/sqrt(2 pi) + 2 (e^(1/2) Phi(-1) - 1/2) =
    # -0.0779, under a tenth of the rms (0.96): near 0
    at = apptest(PAGE, lang=lang, query={"fn": "elu", "p0_alpha": "2"})
    assert row.format(texts["mean_near"].format(value="-0.0779")) in _table(at)


def test_the_mean_row_follows_a_typed_formula(apptest):
    at = apptest(PAGE, query={"fn": "relu", "expr": "x**2"})
    assert not at.exception
    at.session_state["details"] = at.tabs[-1].label  # the typed formula's tab
    at.run()
    assert "| Mean output, z ~ N(0, 1) | 1 (not near 0) |" in _table(at)  # E z^2 = 1
    at = apptest(PAGE, query={"fn": "relu", "expr": "exp(x**2)"})
    at.session_state["details"] = at.tabs[-1].label
    at.run()
    assert f"| Mean output, z ~ N(0, 1) | {EN['mean_none']} |" in _table(at)


def test_prelu_links_with_a_negative_slope(apptest):
    """a = -1 is |x|: range [0, inf), not monotonic, mean sqrt(2/pi) = 0.7979."""
    at = apptest(PAGE, query={"fn": "prelu", "p0_a": "-1"})
    assert not at.exception and not at.warning
    assert at.slider(key="p0_a").value == -1.0 and at.slider(key="p0_a").min == -1.0
    f = _curves(_specs(at)[0])[0]
    _close_to_library(_array(f["y"]), np.abs(_x(f)))
    table = _table(at)
    assert r"| Range | $[0, \infty)$ |" in table and "| Monotonic | no |" in table
    assert "| Mean output, z ~ N(0, 1) | 0.7979 (not near 0) |" in table
    assert "| Kinks (not differentiable at) | x = 0 |" in table
    assert at.slider(key="p0_a").help == EN["phelp_prelu_a"] and "learned" in EN["phelp_prelu_a"]


@pytest.mark.parametrize("value", ["0", "0.5", "1"])
def test_old_prelu_links_still_work(apptest, value):
    at = apptest(PAGE, query={"fn": "prelu", "p0_a": value})
    assert not at.exception and not at.warning
    assert at.slider(key="p0_a").value == float(value)
    assert ("| Monotonic | yes |" in _table(at))


@pytest.mark.parametrize("value", ["-1.5", "2", "nan", "-inf"])
def test_out_of_range_prelu_links_warn_and_use_the_default(apptest, value):
    at = apptest(PAGE, query={"fn": "prelu", "p0_a": value})
    assert not at.exception
    assert at.warning, "a bad link must say so"
    assert at.slider(key="p0_a").value == 0.25


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_threshold_note_says_what_the_slope_chart_shows(apptest, lang, texts):
    """The notes: "Threshold는 경사를 역전파할 수 없기 때문에 거의 사용되지 않는다". Its slope is 1
    above the threshold (drawn on the f' chart); the step's is 0 everywhere."""
    at = apptest(PAGE, lang=lang, query={"fn": "threshold", "p0_threshold": "-0.5"})
    assert not at.exception and not at.warning
    note = texts["act_note_threshold"].format(threshold="-0.5", value="0")
    assert note in [el.value for el in at.info]
    df = _curves(_specs(at)[1])[0]  # what the note says is on screen: f' = 1 above -0.5
    x, slope = _x(df), _array(df["y"])
    drawn = np.isfinite(slope)  # the chart breaks the line at the jump
    assert drawn.sum() >= len(slope) - 2
    assert (slope[drawn & (x > -0.5)] == 1).all() and (slope[drawn & (x <= -0.5)] == 0).all()
    step = apptest(PAGE, lang=lang, query={"fn": "step"})  # no such note for the step
    assert not any(el.value == texts["act_note_threshold"].format(threshold="1", value="0")
                   for el in step.info)
    assert not any("Threshold" in str(el.value) for el in step.info)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_while_a_parameter_plays_the_notice_names_the_value_it_is_about(apptest, lang):
    """Tour step "softplus": the box said "Softplus: here the slope stays above 0.01" under
    an animation that runs β to 20, where Softplus's slope on [-3, 3] falls to e^-60. Its
    facts are the sidebar's β = 1, and its header now says so; without a sweep it does not."""
    texts = KO if lang == "ko" else EN
    query = {"fn": ["softplus", "relu"], "xmin": "-3", "xmax": "3", "lang": lang}
    at = apptest(PAGE, query={**query, "sweep": "beta"})
    assert not at.exception
    header = texts["notice_header_at"].format(param="β", value="1")
    assert [i.value.split("  \n")[0] for i in at.info if "  \n" in i.value] == [header]
    still = apptest(PAGE, query=query)
    assert [i.value.split("  \n")[0] for i in still.info if "  \n" in i.value] \
        == [texts["notice_header"]]


@pytest.mark.parametrize(("lang", "texts", "row"), [
    ("en", EN, "| Smooth (every derivative continuous) | {} |"),
    ("ko", KO, "| 매끄러움 (모든 도함수가 연속) | {} |")])
def test_the_smooth_row_says_why_a_curve_without_kinks_is_not_smooth(apptest, lang, texts, row):
    """ELU at alpha = 1 has no kink (both slopes are 1 at 0), yet its f'' jumps there: the
    row said "no" under a label that read "no kinks or jumps". At alpha = 2 the kink row
    explains the "no"; PyTorch's Softplus at threshold 1 jumps (both "no" rows hold)."""
    at = apptest(PAGE, lang=lang, query={"fn": "elu"})
    assert not at.exception and not at.warning
    assert row.format(texts["smooth_once"]) in _table(at)
    at = apptest(PAGE, lang=lang, query={"fn": "elu", "p0_alpha": "2"})
    assert row.format(t_no := {"en": "no", "ko": "아니오"}[lang]) in _table(at)
    at = apptest(PAGE, lang=lang, query={"fn": "softplus", "p0_threshold": "1"})
    assert not at.exception and not at.warning
    table = _table(at)
    assert row.format(t_no) in table
    monotonic = {"en": "| Monotonic | {} |", "ko": "| 단조 증가 | {} |"}[lang]
    assert monotonic.format(t_no) in table

"""The softmax and cross-entropy page, run alone under AppTest."""

import base64
import json
import math

import numpy as np
import pytest

from tests.conftest import read_number
from ui.text.common import EN as COMMON

PAGE = "pages/softmax.py"


def _y(trace) -> np.ndarray:
    """A trace's y values from the figure JSON (plotly sends float32 arrays as base64; a
    gap in a line is None, read as NaN)."""
    y = trace["y"]
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]).astype(float)
    return np.array([np.nan if v is None else v for v in y], dtype=float)


def _x(trace) -> np.ndarray:
    """A trace's x values (see `_y`)."""
    return _y({"y": trace["x"]})


def _chart(at, key: str) -> dict:
    """The figure JSON of the chart drawn with ``key``."""
    for chart in at.get("plotly_chart"):
        if chart.proto.id.endswith(f"-{key}"):  # keyed element ids end in "-<key>"
            return json.loads(chart.proto.spec)
    raise AssertionError(f"no chart {key!r}")


def _trace(spec: dict, name: str) -> np.ndarray:
    return next(_y(tr) for tr in spec["data"] if tr.get("name") == name)


def _stability_table(at):
    return next(d.value for d in at.dataframe if "naive softmax" in d.value.columns)


def _texts(at) -> str:
    """Every text the page shows: Markdown, metrics, captions, LaTeX, alerts."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [m.value for m in at.metric] + [m.label for m in at.metric]
    parts += [x.value for x in at.latex]
    parts += [a.value for a in (*at.warning, *at.info, *at.error, *at.success)]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_default_view(apptest, lang):
    at = apptest(PAGE, lang=lang)
    assert not at.exception
    assert not at.warning
    assert at.text_input(key="logits").value == "1,3,0,2"
    assert at.select_slider(key="T").value == 1.0
    assert len(at.tabs) == 6
    # only the open tab runs: the first, with its three charts (the views, argmax's step
    # beside softmax's S-curve, the temperature animation)
    assert len(at.get("plotly_chart")) == 3


CHARTS = {"softmax": {"views", "logit_sweep", "animation"},
          "target": {"target_chart", "loss_curve"},
          "example": {"example_chart"}, "binary": {"binary_chart"},
          "regression": {"regression_chart", "outlier_chart"}, "stability": set()}


@pytest.mark.parametrize("tab", list(CHARTS))
def test_a_tab_link_opens_that_tab_and_runs_only_it(apptest, tab):
    at = apptest(PAGE, query={"tab": tab})
    assert not at.exception and not at.warning
    keys = {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}
    assert keys == CHARTS[tab]


@pytest.mark.parametrize("bad", ["nope", "Target", "", ["target", "binary"]])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_tab_link_warns_and_opens_the_first_tab(apptest, bad, lang):
    """A tab the page does not have opened the first one without a word, and stayed in
    the address (so a copied link kept it)."""
    from ui.i18n import catalog

    at = apptest(PAGE, lang=lang, query={"tab": bad})
    assert not at.exception
    words, tabs = catalog("common", lang), catalog("softmax", lang)
    assert [w.value for w in at.warning] == [words["bad_tab"].format(tab=tabs["tab_softmax"])]
    assert "tab" not in at.query_params
    assert {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")} == CHARTS["softmax"]


def test_presentation_mode_runs(apptest):
    at = apptest(PAGE, run=False)
    at.session_state["present"] = True
    at.run()
    assert not at.exception
    assert _chart(at, "views")["layout"]["font"]["size"] == 20


def test_seeds_soft_argmax_values_appear(apptest):
    at = apptest(PAGE)
    text = _texts(at)
    assert "[0, 1, 0, 0]" in text  # argmax([1, 3, 0, 2])
    assert "0.0871, 0.644, 0.0321, 0.237" in text  # soft argmax, 3 significant digits (fmt)
    softmax = _trace(_chart(at, "views"), "softmax")
    np.testing.assert_allclose(softmax, [0.0871443, 0.6439143, 0.0320586, 0.2368828], rtol=1e-6)


def test_seeds_cross_entropy_example_appears(apptest):
    at = apptest(PAGE, query={"tab": "example"})
    metrics = {m.label: m.value for m in at.metric}
    # five significant digits: at four, 1.2997 read "1.3", and the text's "the notes write
    # about 1.38 and 1.29, cutting the digits off" could not be checked against it
    assert metrics["H(p, q1), uniform guess"] == "1.3863"
    assert metrics["H(p, q2), closer guess"] == "1.2997"
    assert metrics["H(p), the floor"] == "1.213"  # 1.2130: no trailing zeros
    shown = [metrics["H(p, q1), uniform guess"], metrics["H(p, q2), closer guess"]]
    assert [f"{math.floor(float(v) * 100) / 100:.2f}" for v in shown] == ["1.38", "1.29"]
    assert "about 1.38 and 1.29, cutting the digits off" in _texts(at)
    latex = "\n".join(x.value for x in at.latex)
    assert r"\approx 1.3863" in latex and r"\approx 1.2997" in latex
    assert "H(p, q1) ≈ **1.3863** and H(p, q2) ≈ **1.2997**" in _texts(at)
    assert metrics["KL(p ‖ q1)"] == "0.1733"  # 0.25 bits = 0.17329 nats
    assert metrics["KL(p ‖ q2)"] == "0.08664"  # 0.125 bits = 0.086643 nats
    # the deltas are numbers with their sign (Streamlit takes the arrow from the text)
    deltas = {m.label: m.proto.delta for m in at.metric if m.proto.delta}
    assert deltas == {"H(p, q2), closer guess": "-0.08664", "KL(p ‖ q2)": "-0.08664"}
    assert "q2 has the lower cross-entropy" in _texts(at)


def test_the_kept_views_figure_follows_every_part_of_the_view(apptest):
    """The views figure is kept under its view (`cached.kept`): each part of it (logits,
    T, class names, language, presentation mode) must give another figure, not the kept one. Named
    classes, so that the language changes nothing but the figure's own words."""
    at = apptest(PAGE, run=False)
    at.session_state["names"] = ["cat", "dog", "bird", "fish"]
    at.run()
    seen = [json.dumps(_chart(at, "views"), sort_keys=True)]
    for change in (lambda: at.text_input(key="logits").set_value("1, 3, 0, 5"),
                   lambda: at.select_slider(key="T").set_value(2.0),
                   lambda: at.session_state.__setitem__("names", ["a", "b", "c", "d"]),
                   lambda: at.session_state.__setitem__("lang", "ko"),
                   lambda: at.session_state.__setitem__("present", True)):
        change()
        at.run()
        assert not at.exception
        seen.append(json.dumps(_chart(at, "views"), sort_keys=True))
    assert len(set(seen)) == len(seen)
    at.session_state["lang"], at.session_state["present"] = "en", False
    at.session_state["names"] = ["cat", "dog", "bird", "fish"]
    at.text_input(key="logits").set_value("1, 3, 0, 2")
    at.select_slider(key="T").set_value(1.0).run()
    assert json.dumps(_chart(at, "views"), sort_keys=True) == seen[0]  # back: the kept one


def test_changing_temperature_changes_the_bars(apptest):
    at = apptest(PAGE)
    before = _trace(_chart(at, "views"), "softmax")
    at.select_slider(key="T").set_value(0.1).run()
    assert not at.exception
    after = _trace(_chart(at, "views"), "softmax")
    assert after[1] > 0.9999 > before[1]  # sharper: nearly argmax
    at.select_slider(key="T").set_value(100.0).run()
    flat = _trace(_chart(at, "views"), "softmax")
    np.testing.assert_allclose(flat, 0.25, atol=0.01)
    assert "β = 1/T = 0.01" in _texts(at)
    # the animation doesn't depend on T: it always opens at T = 0.01 (one-hot)
    animation = _chart(at, "animation")
    assert animation["layout"]["sliders"][-1]["active"] == 0
    assert len(animation["frames"]) == 41
    np.testing.assert_allclose(_y(animation["data"][0]), [0, 1, 0, 0], atol=1e-6)


def test_temperature_from_the_link(apptest):
    at = apptest(PAGE, query={"T": "0.5"})
    assert not at.exception and not at.warning
    assert at.select_slider(key="T").value == 0.5


def test_link_temperature_between_steps_is_snapped(apptest):
    at = apptest(PAGE, query={"T": "0.33"})
    assert not at.exception and not at.warning
    assert at.select_slider(key="T").value == 0.3
    assert "T = 0.3" in at.info[0].value


def test_extreme_logits_at_lowest_temperature_stay_finite(apptest):
    query = {"logits": "10000,-10000,0,9999.5", "T": "0.01"}
    at = apptest(PAGE, query=query)
    assert not at.exception and not at.warning
    views = _chart(at, "views")
    for name in ("softmax", "softmin", "log-softmax"):
        assert np.all(np.isfinite(_trace(views, name))), name
    p = _trace(views, "softmax")
    assert p[0] == pytest.approx(1.0) and p.sum() == pytest.approx(1.0)
    for tr in _chart(at, "animation")["data"]:
        assert np.all(np.isfinite(_y(tr)))
    sweep = _chart(at, "logit_sweep")  # the step, the S-curve and their slopes
    for tr in sweep["data"]:
        x, y = _x(tr), _y(tr)
        assert np.all(np.isfinite(x[~np.isnan(x)])) and np.all(np.isfinite(y[~np.isnan(y)]))
    for axis in ("xaxis", "xaxis2", "yaxis", "yaxis2"):
        assert np.all(np.isfinite(sweep["layout"][axis]["range"])), axis
    at = apptest(PAGE, query={**query, "tab": "target"})
    assert not at.exception and not at.warning
    target = _chart(at, "target_chart")
    for tr in target["data"]:
        assert np.all(np.isfinite(_y(tr)))
    loss = next(m.value for m in at.metric if m.label == "Cross-entropy L (nats)")
    assert np.isfinite(float(loss))


@pytest.mark.parametrize("query, expected", [
    ({"logits": "nan,1,2"}, "item 1 is not a finite number"),
    ({"logits": "1,inf"}, "item 2 is not a finite number"),
    ({"logits": ",".join(["1"] * 11)}, "at most 10 classes"),
    ({"logits": "1"}, "at least 2 classes"),
    ({"logits": "1, abc, 3"}, "item 2 is not a number"),
    ({"logits": "<script>alert(1)</script>"}, "item 1 is not a number"),
    ({"logits": "1,1e308"}, "item 2 is beyond"),
    ({"logits": "x" * 10_000}, "The logits can't be used"),
    ({"logits": ""}, "the text is empty"),
    ({"logits": ["1,2", "3,4"]}, "more than once"),
    ({"T": "0"}, "`T` is not a number between"),
    ({"T": "-1"}, "`T` is not a number between"),
    ({"T": "nan"}, "`T` is not a number between"),
    ({"T": "inf"}, "`T` is not a number between"),
    ({"T": "1e308"}, "`T` is not a number between"),
    ({"T": "hot"}, "`T` is not a number between"),
    ({"T": ["1", "2"]}, "`T` is not a number between"),
    ({"target": "9"}, "class number from 1 to 4"),
    ({"target": "-1,1,1,1"}, "item 1 is negative"),
    ({"target": "0.5,0.5"}, "there are 2 weights, but there are 4 classes"),
    ({"target": "0,0,0,0"}, "add up to 0"),
    ({"target": "nan"}, "not a finite number"),
])
def test_bad_link_values_warn_and_use_defaults(apptest, query, expected):
    # A target is read on its own tab; the rest on the first.
    at = apptest(PAGE, query={**query, "tab": "target" if "target" in query else "softmax"})
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(expected in w for w in warnings), warnings
    for w in warnings:  # the raw value is never echoed
        assert "<script>" not in w and "abc" not in w and "xxxx" not in w
    # whatever went wrong, the page falls back to something sensible
    p = (_trace(_chart(at, "target_chart"), "prediction p") if "target" in query
         else _trace(_chart(at, "views"), "softmax"))
    assert np.all(np.isfinite(p)) and p.sum() == pytest.approx(1.0, rel=1e-6)
    if "logits" in query and "more than once" not in expected:
        np.testing.assert_allclose(p, [0.0871443, 0.6439143, 0.0320586, 0.2368828], rtol=1e-6)


def test_bad_link_warning_in_korean(apptest):
    at = apptest(PAGE, lang="ko", query={"logits": "1,zz"})
    assert not at.exception
    assert "2번째 항목이 숫자가 아닙니다" in at.warning[0].value


def test_slider_edits_the_logits_and_the_link(apptest):
    at = apptest(PAGE)
    at.slider(key="z0").set_value(5.0).run()
    assert not at.exception
    assert at.text_input(key="logits").value == "5,3,0,2"
    assert at.query_params["logits"] == "5,3,0,2"
    p = _trace(_chart(at, "views"), "softmax")
    assert np.argmax(p) == 0


def test_typed_logits_move_the_sliders(apptest):
    at = apptest(PAGE)
    at.text_input(key="logits").input("0.5, -1, 2").run()
    assert not at.exception and not at.warning
    assert [at.slider(key=f"z{i}").value for i in range(3)] == [0.5, -1.0, 2.0]
    assert len(_trace(_chart(at, "views"), "softmax")) == 3


def test_a_typeset_minus_is_read_as_minus(apptest):
    # "−1" copied from a slide (U+2212), or typed full-width ("－") by a Korean input method
    at = apptest(PAGE)
    at.text_input(key="logits").input("0.5, \u22121, \uff0d2").run()
    assert not at.exception and not at.warning
    assert [at.slider(key=f"z{i}").value for i in range(3)] == [0.5, -1.0, -2.0]


def test_preset_loads_logits(apptest):
    at = apptest(PAGE)
    at.selectbox(key="preset").set_value("ten_classes").run()
    assert not at.exception
    assert len(at.text_input(key="logits").value.split(",")) == 10
    assert len(_trace(_chart(at, "views"), "softmax")) == 10
    assert at.selectbox(key="preset").value is None  # ready for the next pick


def test_target_gradient_is_p_minus_y(apptest):
    at = apptest(PAGE, query={"target": "2", "tab": "target"})
    assert not at.exception and not at.warning
    spec = _chart(at, "target_chart")
    p, y = (_trace(spec, name) for name in ("prediction p", "target y"))
    np.testing.assert_array_equal(y, [0, 1, 0, 0])
    # the gradient's bars, by sign: descent lowers the wrong classes, raises the true one
    grad = np.zeros(4)
    for name, sign in (("∂L/∂z > 0: descent lowers z", 1), ("∂L/∂z < 0: descent raises z", -1)):
        tr = next(tr for tr in spec["data"] if tr.get("name") == name)
        x = _x(tr).astype(int)
        assert np.all(np.sign(_y(tr)) == sign), name
        grad[x] = _y(tr)
    assert set(_x(next(tr for tr in spec["data"] if "raises" in tr.get("name", "")))) == {1}
    np.testing.assert_allclose(grad, p - y, atol=1e-6)
    loss = float(next(m.value for m in at.metric if m.label == "Cross-entropy L (nats)"))
    assert loss == pytest.approx(-np.log(p[1]), rel=1e-4)


def test_target_pick_and_soft_target(apptest):
    at = apptest(PAGE, query={"tab": "target"})
    at.selectbox(key="target_pick").set_value(2).run()
    assert not at.exception
    assert at.text_input(key="target").value == "3"
    at.text_input(key="target").input("1, 1, 1, 1").run()
    assert not at.exception and not at.warning
    np.testing.assert_allclose(_trace(_chart(at, "target_chart"), "target y"), 0.25)
    labels = [m.label for m in at.metric]
    assert "Target entropy H(y) (nats)" in labels


def test_loss_curve_marks_the_current_point(apptest):
    at = apptest(PAGE, query={"tab": "target"})
    at.selectbox(key="drag").set_value(1).run()
    assert not at.exception
    spec = _chart(at, "loss_curve")
    point = next(tr for tr in spec["data"] if tr.get("name") == "current value")
    assert _y(point)[0] == pytest.approx(2.4401897, rel=1e-5)  # -log p_1 at [1, 3, 0, 2]


def test_drag_past_the_links_classes_is_named(apptest):
    """drag=9 passes the guard (1 to the most classes) but the link has four classes: the
    curve sweeps class 1, and a warning says so."""
    at = apptest(PAGE, query={"tab": "target", "drag": "9"})
    assert not at.exception
    assert at.selectbox(key="drag").value == 0
    assert [w.value for w in at.warning] == [COMMON["bad_number"].format(
        name="drag", lo=1, hi=4, default=1)]
    assert "drag" not in at.query_params
    at = apptest(PAGE, query={"tab": "target", "drag": "4"})
    assert at.selectbox(key="drag").value == 3 and not at.warning


def test_binary_tab(apptest):
    at = apptest(PAGE, query={"tab": "binary"})
    at.slider(key="bin_z").set_value(0.0).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["p = σ(z)"] == "0.5"
    assert metrics["BCE if y = 1"] == "0.6931" == metrics["BCE if y = 0"]
    assert metrics["∂BCE/∂z if y = 1"] == "-0.5"


def test_outlier_moves_mse_most(apptest):
    at = apptest(PAGE, query={"tab": "regression"})
    before = {m.label: float(m.value) for m in at.metric if m.label in ("MSE", "RMSE", "MAE")}
    at.slider(key="outlier").set_value(10.0).run()
    assert not at.exception
    after = {m.label: float(m.value) for m in at.metric if m.label in ("MSE", "RMSE", "MAE")}
    growth = {k: after[k] / before[k] for k in before}
    assert growth["MSE"] > growth["RMSE"] > 1 and growth["MSE"] > growth["MAE"] > 1


def test_outlier_is_kept_in_the_link(apptest):
    """The push is in the address (a shared link, the tour's step), and back in it after a
    change; as a bound widget's, it leaves the address at its default."""
    at = apptest(PAGE, query={"tab": "regression", "outlier": "10"})
    assert not at.exception and not at.warning
    assert at.slider(key="outlier").value == 10.0
    metrics = {m.label: m for m in at.metric if m.label in ("MSE", "RMSE", "MAE")}
    assert metrics["MSE"].value == "17.07" and metrics["MSE"].delta  # against no outlier
    at.slider(key="outlier").set_value(2.5).run()
    assert at.query_params["outlier"] == "2.5"
    at.slider(key="outlier").set_value(0.0).run()
    assert "outlier" not in at.query_params


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_table_says_it_holds_the_predictions_before_the_outlier(apptest, lang):
    """The table keeps the visitor's numbers (6.1 last) while the charts draw the last
    prediction pushed up (16.1): a note says so, with both numbers, while the push is on."""
    from ui.text.softmax import EN, KO

    texts = {"en": EN, "ko": KO}[lang]
    at = apptest(PAGE, query={"tab": "regression", "outlier": "10", "lang": lang})
    note = texts["reg_table_before"].format(before="6.1", offset="10", after="16.1")
    assert note in [c.value for c in at.caption]
    points = _chart(at, "regression_chart")["data"]
    assert 16.1 in np.round(np.concatenate([_y(tr) for tr in points]), 4)
    at.slider(key="outlier").set_value(0.0).run()
    assert not [c for c in at.caption if c.value.startswith(texts["reg_table_before"][:12])]


@pytest.mark.parametrize("bad", ["abc", "1e400", "nan", "-1", "20.5", "", "x" * 10_000])
def test_a_bad_outlier_in_the_link_warns_and_starts_at_0(apptest, bad):
    at = apptest(PAGE, query={"tab": "regression", "outlier": bad})
    assert not at.exception
    assert [w.value for w in at.warning] == [
        COMMON["bad_number"].format(name="outlier", lo="0", hi="20", default="0")]
    assert at.slider(key="outlier").value == 0.0 and "outlier" not in at.query_params


# The other tabs' own controls: (tab, key, a good link value and what the widget shows,
# a bad one and the warning's fields).
TAB_LINKS = [
    ("binary", "bin_z", ("-2.5", -2.5), ("10.5", dict(lo="-10", hi="10", default="1"))),
    ("stability", "shift", ("0", 0), ("1.5", dict(lo="-2000", hi="2000", default="1000"))),
    ("stability", "dtype", ("float32", "float32"), ("int8", dict(default="float64"))),
]


@pytest.mark.parametrize(("tab", "key", "good", "bad"), TAB_LINKS)
def test_each_tab_keeps_its_controls_in_the_link(apptest, tab, key, good, bad):
    widget = (lambda at: at.radio(key=key)) if key == "dtype" else \
        (lambda at: at.slider(key=key))
    at = apptest(PAGE, query={"tab": tab, key: good[0]})
    assert not at.exception and not at.warning
    assert widget(at).value == good[1] and at.query_params[key] == good[0]
    at = apptest(PAGE, query={"tab": tab, key: bad[0]})
    assert not at.exception
    message = COMMON["bad_choice" if key == "dtype" else "bad_number"]
    assert [w.value for w in at.warning] == [message.format(name=key, **bad[1])]
    assert key not in at.query_params


def test_stability_demo_shows_nan_next_to_the_stable_result(apptest):
    at = apptest(PAGE, query={"tab": "stability"})  # the seeds' logits shifted by +1000
    table = _stability_table(at)
    assert list(table["naive softmax"]) == ["nan"] * 4
    assert list(table["exp(z)"]) == ["inf"] * 4
    stable = table["stable softmax"].astype(float).to_numpy()
    np.testing.assert_allclose(stable, [0.08714, 0.6439, 0.03206, 0.2369], rtol=1e-3)
    assert "inf / inf is nan" in at.error[0].value
    at.slider(key="shift").set_value(0).run()
    assert not at.exception and not at.error
    assert "nan" not in list(_stability_table(at)["naive softmax"])
    at.slider(key="shift").set_value(-2000).run()
    assert "0 / 0 is nan" in at.error[0].value
    at.slider(key="shift").set_value(100).run()
    at.radio(key="dtype").set_value("float32").run()
    assert not at.exception
    assert "float32" in at.error[0].value


def test_a_tab_keeps_its_settings_while_another_is_open(apptest):
    at = apptest(PAGE, query={"tab": "binary"})
    at.slider(key="bin_z").set_value(0.0).run()
    labels = [tab.label for tab in at.tabs]
    at.session_state["view"] = labels[0]  # the first tab: the binary slider isn't drawn
    at.run()
    assert "bin_z" not in [s.key for s in at.slider]
    at.session_state["view"] = labels[3]
    at.run()
    assert not at.exception
    assert at.slider(key="bin_z").value == 0.0  # not back to its default of 1.0


# --- only the controls that apply; numbers a student can read --------------------------

READS_LOGITS = {"softmax", "target", "stability"}
READS_T = {"softmax", "target"}


@pytest.mark.parametrize("tab", list(CHARTS))
def test_the_class_panel_shows_only_on_the_tabs_that_read_it(apptest, tab):
    at = apptest(PAGE, query={"tab": tab})
    assert not at.exception
    keys = {w.key for w in (*at.text_input, *at.select_slider, *at.slider)}
    assert ("logits" in keys) == (tab in READS_LOGITS)
    assert ("T" in keys) == (tab in READS_T)


def test_the_logits_survive_a_visit_to_a_tab_without_them(apptest):
    from ui.text.softmax import EN

    at = apptest(PAGE, query={"logits": "4,1,2", "T": "0.5"})
    assert at.text_input(key="logits").value == "4,1,2"
    at.session_state["view"] = EN["tab_binary"]
    at.run()
    assert "logits" not in {w.key for w in at.text_input}
    at.session_state["view"] = EN["tab_softmax"]
    at.run()
    assert not at.exception
    assert at.text_input(key="logits").value == "4,1,2"
    assert at.select_slider(key="T").value == 0.5


def test_the_logit_sliders_read_in_order(apptest):
    # The page's order is the order a phone stacks them in: 1, 2, 3, 4 (not 1, 3, 2, 4).
    at = apptest(PAGE)
    assert [s.key for s in at.slider if s.key.startswith("z")] == ["z0", "z1", "z2", "z3"]


@pytest.mark.parametrize("temperature", [0.01, 0.1])
def test_the_views_table_never_shows_a_row_of_zeros(apptest, temperature):
    at = apptest(PAGE, query={"T": str(temperature)})
    table = next(d.value for d in at.dataframe if "argmax (one-hot)" in d.value.columns)
    cells = [str(v) for v in table.to_numpy().ravel()]
    assert not [c for c in cells if "0" * 10 in c or "E" in c]
    # at T = 0.01 the smallest probability is e^(-300) relative: a power of ten
    p = [read_number(v) for v in table["softmax"]]
    np.testing.assert_allclose(p[1], 1.0)
    expected_small = np.exp((0 - 3) / temperature)  # class 3 against the top class, about
    assert p[2] == pytest.approx(expected_small, rel=1e-3)
    assert "\u00d710\u207b" in table["softmax"][2] and "e" not in table["softmax"][2]


def test_korean_metric_deltas_are_signed_numbers(apptest):
    at = apptest(PAGE, lang="ko", query={"tab": "regression"})
    at.slider(key="outlier").set_value(5.0).run()
    assert not at.exception
    deltas = [m.proto.delta for m in at.metric]
    assert len(deltas) == 3 and all(d.startswith("+") for d in deltas)  # the losses grow
    float(deltas[0])  # a number, with no words for Streamlit to read a sign from
    at = apptest(PAGE, lang="ko", query={"tab": "example"})
    deltas = [m.proto.delta for m in at.metric if m.proto.delta]
    # H(p, q2) - H(p, q1) = KL(p||q2) - KL(p||q1) = -1/8 bit: falling, so a down arrow
    assert [float(d) for d in deltas] == pytest.approx([-0.125 * np.log(2)] * 2, rel=1e-3)


def test_class_table_is_made_only_while_its_expander_is_open(apptest):
    """The editable table of classes runs lazily: closed (the default) the run makes no
    editor; opened, it lists the link's classes and logits."""
    def editors(at):
        return [d.value for d in at.dataframe if list(d.value.columns) == ["name", "logit"]]

    at = apptest(PAGE, query={"logits": "2, -1, 0.5"})
    assert editors(at) == []
    at.session_state["table_open"] = True
    at.run()
    assert not at.exception
    [table] = editors(at)
    assert table["logit"].tolist() == [2.0, -1.0, 0.5]
    assert len(table["name"]) == 3

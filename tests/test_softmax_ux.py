"""The softmax page as a visitor reads it: the outlier chart on a phone and its axis title,
Korean particles after numbers, the stability tab's pointer to the sidebar on a projector,
the binary chart's legend, and the target picker that names the target's class."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from activations import playground as pg
from activations.figures import softmax as figs
from tests.conftest import assert_stacked
from ui.text.softmax import EN, KO

PAGE = "pages/softmax.py"
TEXTS = {"en": EN, "ko": KO}


def _chart(at, key: str) -> dict:
    """The figure JSON of the chart drawn with ``key``."""
    for chart in at.get("plotly_chart"):
        if chart.proto.id.endswith(f"-{key}"):  # keyed element ids end in "-<key>"
            return json.loads(chart.proto.spec)
    raise AssertionError(f"no chart {key!r}")


def _run(apptest, lang: str, query: dict, *, present: bool = False, phone: bool = False):
    at = apptest(PAGE, lang=lang, phone=phone, run=False, query=query)
    at.session_state["present"] = present
    at.run()
    assert not at.exception
    return at


# ---------------------------------------------------------------- the outlier chart

def _outlier(stacked: bool) -> dict:
    targets, preds = (np.array(a) for a in pg.DEFAULT_REGRESSION)
    sweep = pg.outlier_sweep(preds, targets, len(preds) - 1, pg.OUTLIER_OFFSETS)
    fig = figs.outlier_figure(pg.OUTLIER_OFFSETS, sweep, 5.0,
                              names={"mse": "M", "rmse": "R", "mae": "A"}, x_title="o",
                              squared_title="S", linear_title="L", stacked=stacked)
    return json.loads(fig.to_json())


def test_the_outlier_chart_stacks_its_panels_for_a_phone():
    """Side by side on a phone, the two x titles ran into each other and off the screen:
    stacked, each panel is full width and keeps its own x title and panel title."""
    wide, tall = _outlier(False), _outlier(True)
    layout = assert_stacked(wide, tall)
    assert layout["xaxis"]["title"]["text"] == layout["xaxis2"]["title"]["text"] == "o"
    assert [a["text"] for a in layout["annotations"]] == ["S", "L"]
    assert layout["height"] == figs.STACKED_HEIGHT > wide["layout"]["height"]
    # the second panel's title clears the first panel's x title: a gap of at least 80 px
    plot = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    assert (layout["yaxis"]["domain"][0] - layout["yaxis2"]["domain"][1]) * plot >= 80


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_stacks_the_outlier_chart_on_a_phone_only(apptest, lang):
    query = {"tab": "regression"}
    phone = _chart(_run(apptest, lang, query, phone=True), "outlier_chart")["layout"]
    assert phone["xaxis"]["domain"] == phone["xaxis2"]["domain"] == [0.0, 1.0]
    desk = _chart(_run(apptest, lang, query), "outlier_chart")["layout"]
    assert desk["xaxis"]["domain"][1] < desk["xaxis2"]["domain"][0]  # side by side


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_outlier_axis_has_its_own_title(apptest, lang):
    """The slider's label ("... push the last prediction up by") dangled as an axis title."""
    layout = _chart(_run(apptest, lang, {"tab": "regression"}), "outlier_chart")["layout"]
    title = TEXTS[lang]["outlier_axis"]
    assert layout["xaxis"]["title"]["text"] == layout["xaxis2"]["title"]["text"] == title
    assert title != TEXTS[lang]["outlier"]
    assert not EN["outlier_axis"].rstrip().endswith(" by")
    assert len(title) <= 48  # one line under a phone's full-width panel


# ---------------------------------------------------------------- Korean particles

# A particle whose form depends on the last sound of the word before it (을/를, 은/는, 이/가,
# 과/와, 으로/로), right after a placeholder or a closing bracket: the value decides the
# form ("[0, 1, 0, 0]를" reads "영를"), so the text must use the combined form ("을(를)"),
# a copula (이며, 이므로, 입니다, 일 때), or no particle there at all.
_LOOSE_PARTICLE = re.compile(r"[\]}][*]*(?:을|를|은|는|가|과|와|으로|로|이(?![며므라(]))(?!\()")


def test_no_korean_particle_guesses_the_sound_of_a_value():
    loose = {key: _LOOSE_PARTICLE.findall(text) for key, text in KO.items()
             if _LOOSE_PARTICLE.search(text)}
    assert not loose


def test_the_pattern_catches_the_old_texts():
    assert _LOOSE_PARTICLE.search("원-핫 벡터 [{hard}]를 줍니다")
    assert _LOOSE_PARTICLE.search("±{limit}를 넘거나")
    assert not _LOOSE_PARTICLE.search("T = {value}을(를) 씁니다, {kl2}이며, [{soft}]입니다")


# ---------------------------------------------------------------- the stability tab

@pytest.mark.parametrize(("lang", "sidebar"), [("en", "sidebar"), ("ko", "사이드바")])
def test_on_a_projector_the_stability_text_says_where_the_logits_are(apptest, lang, sidebar):
    """In presentation mode "Logits and class names" is in the folded sidebar: the tab's
    text names it and its » button; in normal mode the panel is on the page, above."""
    texts = TEXTS[lang]
    at = _run(apptest, lang, {"tab": "stability"}, present=True)
    shown = [m.value for m in at.markdown]
    assert texts["stability_intro_present"] in shown
    assert texts["stability_intro"] not in shown
    assert sidebar in texts["stability_intro_present"] and "»" in texts["stability_intro_present"]
    assert texts["controls"] in texts["stability_intro_present"]
    at = _run(apptest, lang, {"tab": "stability"})
    shown = [m.value for m in at.markdown]
    assert texts["stability_intro"] in shown
    assert texts["stability_intro_present"] not in shown


# ---------------------------------------------------------------- the binary chart

@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_binary_curve_has_its_own_legend_entry(apptest, lang, present):
    """BCE and ∂BCE/∂z for the same y shared a colour and showed the same swatch, and σ(z)
    had no entry: every curve is in the legend now, each swatch (colour and dash) its own,
    the gradients dashed."""
    texts = TEXTS[lang]
    spec = _chart(_run(apptest, lang, {"tab": "binary"}, present=present), "binary_chart")
    curves = [tr for tr in spec["data"] if tr["mode"] == "lines"]
    assert all(tr.get("showlegend", True) for tr in curves)
    assert [tr["name"] for tr in curves] == [texts[k] for k in (
        "sigmoid_name", "bce_1_name", "bce_0_name", "grad_1_name", "grad_0_name")]
    swatches = [(tr["line"]["color"], tr["line"].get("dash", "solid")) for tr in curves]
    assert len(set(swatches)) == len(swatches)
    assert [tr["line"].get("dash", "solid") != "solid" for tr in curves] == \
        [False, False, False, True, True]
    points = [tr for tr in spec["data"] if tr["mode"] == "markers"]
    assert len(points) == 5 and not any(tr.get("showlegend", True) for tr in points)


# ---------------------------------------------------------------- the target picker

def test_the_picker_names_the_class_a_one_hot_target_names(apptest):
    """Beside a target of 1 the picker read "Choose a class…", as if none was chosen: it
    shows the target's class, and only a spread-out target leaves it empty."""
    at = _run(apptest, "en", {"tab": "target"})
    assert at.text_input(key="target").value == "1"
    assert at.selectbox(key="target_pick").value == 0
    at.text_input(key="target").input("3").run()
    assert at.selectbox(key="target_pick").value == 2
    at.text_input(key="target").input("0.7, 0.1, 0.1, 0.1").run()
    assert at.selectbox(key="target_pick").value is None
    # picking still writes the target, from a soft target or from another class
    at.selectbox(key="target_pick").set_value(1).run()
    assert not at.exception and not at.warning
    assert at.text_input(key="target").value == "2"
    assert at.selectbox(key="target_pick").value == 1
    at.selectbox(key="target_pick").set_value(3).run()
    assert at.text_input(key="target").value == "4" and at.query_params["target"] == "4"
    assert at.selectbox(key="target_pick").value == 3


def test_the_picker_follows_a_linked_target(apptest):
    at = _run(apptest, "ko", {"tab": "target", "target": "4"})
    assert at.selectbox(key="target_pick").value == 3
    at = _run(apptest, "ko", {"tab": "target", "target": "0.5, 0.5, 0, 0"})
    assert at.selectbox(key="target_pick").value is None

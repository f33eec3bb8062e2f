"""The training page under AppTest: each view runs, the link is honoured, bad links warn."""

import json

import pytest

from activations import optim, training
from ui.text.training import EN, KO

PAGE = "pages/training.py"
FAST = {"steps": "200"}  # keep AppTest quick: the default 500 steps are not needed here


def _specs(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _view(apptest, label, lang=None, query=None):
    at = apptest(PAGE, lang=lang, run=False, query=query)
    at.session_state["view"] = label
    at.run()
    return at


def test_default_view_trains_xor_with_tanh(apptest):
    at = apptest(PAGE)
    assert not at.exception
    assert not at.warning
    assert at.title[0].value == EN["title"]
    boundary, curves = _specs(at)
    kinds = [d["type"] for d in boundary["data"]]
    assert kinds == ["heatmap", "contour", "scatter", "scatter"]
    assert boundary["layout"]["title"]["text"] == "tanh, layers 2-8-1"
    assert [d["name"] for d in curves["data"]] == ["tanh", "tanh"]
    accuracy = at.metric[0]
    assert accuracy.label == EN["accuracy"] and accuracy.value == "100.0%"
    assert at.metric[2].value == str(training.DEFAULT_STEPS)


def test_default_view_reruns_from_the_cache(apptest):
    at = apptest(PAGE, query=FAST)
    at.run()  # the same training again: a cache hit replays the (removed) progress bar
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2


def test_comparison_view_xor_identity_vs_tanh(apptest):
    at = _view(apptest, EN["tab_compare"], query=FAST)
    assert not at.exception
    assert at.selectbox(key="act_b").value == "identity"
    left, right, curves = _specs(at)
    assert left["layout"]["title"]["text"] == "tanh: 100.0% correct"
    title = right["layout"]["title"]["text"]
    assert title.startswith("identity: ")
    assert float(title.split(": ")[1].split("%")[0]) <= 75.0
    assert [d["name"] for d in curves["data"][::2]] == ["tanh", "identity"]
    # the linear collapse: one 2x1 matrix, and the check says it is exact to rounding
    assert len(at.latex) == 2 and "pmatrix" in at.latex[0].value
    collapse = at.caption[-1].value
    diff = float(collapse.split(": ")[1].split(". ")[0])
    assert diff < 1e-12
    assert any(EN["xor_note"] == i.value for i in at.info)


def test_comparison_without_identity_asks_for_it(apptest):
    at = _view(apptest, EN["tab_compare"], query={**FAST, "act_b": "relu"})
    assert not at.exception
    assert not at.latex
    assert any(c.value == EN["collapse_pick"] for c in at.caption)


def test_zigzag_view(apptest):
    at = _view(apptest, EN["tab_zigzag"])
    assert not at.exception
    positive, centred = _specs(at)
    assert positive["layout"]["title"]["text"] == EN["zz_positive"]
    names = [d.get("name") for d in positive["data"]]
    assert EN["zz_pp"] in names and EN["zz_mm"] in names
    same = [m.value for m in at.metric if m.label == EN["zz_same"]]
    assert same[0] == "100.0%" and float(same[1].rstrip("%")) < 80


@pytest.mark.parametrize("surface", ["ravine", "saddle"])
def test_race_view_animates_eight_optimizers(apptest, surface):
    at = apptest(PAGE, run=False, query={"race_steps": "60"})
    at.session_state["view"] = EN["tab_race"]
    at.session_state["surface"] = surface
    at.run()
    assert not at.exception
    (race,) = _specs(at)
    lines = [d for d in race["data"] if d.get("mode") == "lines" and d.get("name")]
    assert [d["name"] for d in lines] == [EN[f"opt_{n}"] for n in optim.NAMES]
    assert len(race["frames"]) > 10
    buttons = race["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == [EN["play"], EN["pause"]]
    assert len(at.dataframe) == 1
    assert EN[f"race_{surface}"] in at.caption[-1].value


def test_link_sets_dataset_activation_and_optimizer(apptest):
    at = apptest(PAGE, query={"dataset": "moons", "act": "relu", "optimizer": "sgd",
                              "layers": "2", "width": "4", "steps": "100", "seed": "3"})
    assert not at.exception
    assert not at.warning
    assert at.selectbox(key="dataset").value == "moons"
    assert at.selectbox(key="act").value == "relu"
    assert at.selectbox(key="optimizer").value == "sgd"
    boundary, _ = _specs(at)
    assert boundary["layout"]["title"]["text"] == "relu, layers 2-4-4-1"
    assert at.metric[2].value == "100"


HOSTILE = {
    "dataset": "<script>alert(1)</script>",
    "act": "nope",
    "optimizer": "NaN",
    "steps": "1e308",
    "layers": "-1",
    "width": "inf",
    "noise": "nan",
    "points": "-0",
    "seed": "9" * 10_000,
    "lr": "0.0300",
    "auto_lr": "maybe",
}


def test_hostile_link_warns_and_uses_defaults(apptest):
    at = apptest(PAGE, query=HOSTILE)
    assert not at.exception
    warned = " ".join(w.value for w in at.warning)
    for key in HOSTILE:
        assert f"`{key}`" in warned, key
    assert "<script>" not in warned and "9999999999" not in warned
    assert at.selectbox(key="dataset").value == "xor"
    assert at.selectbox(key="act").value == "tanh"
    assert at.selectbox(key="optimizer").value == "adam"
    assert len(at.get("plotly_chart")) == 2


def test_repeated_key_warns(apptest):
    # Streamlit's binding keeps the last valid value of a repeated key; we still say so.
    at = apptest(PAGE, query={**FAST, "act": ["tanh", "relu"]})
    assert not at.exception
    assert any("`act`" in w.value for w in at.warning)


def test_bad_view_links_warn(apptest):
    at = _view(apptest, EN["tab_race"], query={"race_steps": "5000", "zz_lr": "-1"})
    assert not at.exception
    assert any("`race_steps`" in w.value for w in at.warning)


def test_large_settings_are_capped_with_a_message(apptest, monkeypatch):
    monkeypatch.setattr(training, "STEP_BUDGET", 5e4)  # so a small network hits the cap
    at = apptest(PAGE, query={"steps": "1000"})
    assert not at.exception
    capped = training.cap_steps(200, (8,), 1000, budget=5e4)
    assert capped < 1000
    assert at.info[0].value == EN["capped"].format(steps=capped, asked=1000)
    assert at.metric[2].value == str(capped)


@pytest.mark.parametrize("view", ["tab_train", "tab_compare", "tab_zigzag", "tab_race"])
def test_korean(apptest, view):
    at = _view(apptest, KO[view], lang="ko", query={**FAST, "race_steps": "40"})
    assert not at.exception
    assert at.title[0].value == KO["title"]
    assert at.get("plotly_chart")


def test_presentation_mode_folds_the_settings(apptest):
    at = apptest(PAGE, run=False, query=FAST)
    at.session_state["present"] = True
    at.run()
    assert not at.exception
    assert at.expander[0].proto.expanded is False
    boundary, _ = _specs(at)
    assert boundary["layout"]["font"]["size"] == 20  # projector sizes

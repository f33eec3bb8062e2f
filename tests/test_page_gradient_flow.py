"""The gradient-flow page under AppTest: default view, presets, shared links, bad input."""

import base64
import json

import numpy as np
import pytest

from activations import gradflow
from activations.figures import gradflow as figs
from ui.text.gradient_flow import EN, KO

PAGE = "pages/gradient_flow.py"
INITS = ("standard", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal",
         "lecun_normal", "orthogonal", "normal")
CHARTS = 3  # gradient norms, boxes or histograms (the open tab), saturated/dead


def specs(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def values(obj) -> np.ndarray:
    """A figure array from the JSON spec: a plain list, or Plotly's typed-array encoding."""
    if isinstance(obj, dict) and "bdata" in obj:
        return np.frombuffer(base64.b64decode(obj["bdata"]), dtype=obj["dtype"])
    return np.asarray(obj)


def first_line(spec) -> dict:
    """The gradient chart's first run line (the strips of exactly-0 layers come first)."""
    return next(tr for tr in spec["data"] if not tr.get("fill"))


def run_names(spec):
    """Legend names of the solid (measured) curves of the gradient chart's left panel."""
    return [tr["name"] for tr in spec["data"]
            if tr.get("xaxis", "x") == "x" and tr.get("line", {}).get("dash") is None
            and not tr.get("fill")]  # (not the strips of exactly-0 layers)


def linked(at, key) -> list[str]:
    """The address's values for ``key`` (AppTest gives a lone value as a string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def test_default_view(apptest):
    at = apptest(PAGE)
    assert not at.exception
    assert not at.warning
    grad, box, frac = specs(at)
    assert len(at.get("plotly_chart")) == CHARTS
    assert run_names(grad) == ["Sigmoid", "Tanh", "ReLU"]
    assert grad["layout"]["yaxis"]["type"] == "log" and grad["layout"]["yaxis2"]["type"] == "log"
    names = [tr["name"] for tr in grad["data"]]
    assert EN["chain"] in names  # the 0.25^n line
    assert sum(EN["theory_of"].format(run="") in n for n in names) == 3  # one theory line each
    assert [tr["name"] for tr in box["data"]] == ["Sigmoid", "Tanh", "ReLU"]
    assert len(frac["data"]) == 6
    caption = next(c.value for c in at.caption if c.value.startswith(EN["grad_notice"]))
    assert EN["grad_notice_theory"] in caption and EN["grad_notice_chain"] in caption
    assert EN["grad_overlap"] in caption  # three runs: their nested markers explained
    assert at.multiselect(key="act").value == ["sigmoid", "tanh", "relu"]
    assert at.slider(key="depth").value == 10
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 3
    # the theory box: its two formulas, and no normalisation note where the theory holds
    theory = next(m.value for m in at.markdown if m.value.startswith(EN["theory_text"]))
    assert theory.count("$$") == 4 and r"0.25^D" in theory
    assert EN["theory_norm_note"] not in theory


def test_the_histogram_tab_is_made_only_when_opened(apptest):
    at = apptest(PAGE)
    assert [tab.label for tab in at.tabs] == [EN["tab_box"], EN["tab_heat"]]
    assert all(tr["type"] == "box" for tr in specs(at)[1]["data"])
    at.session_state["dist_tab"] = EN["tab_heat"]  # the visitor opens the histograms
    at.run()
    assert not at.exception
    grad, heat, frac = specs(at)
    assert all(tr["type"] == "heatmap" for tr in heat["data"]) and len(heat["data"]) == 3
    assert [tr["name"] for tr in heat["data"]] == ["Sigmoid", "Tanh", "ReLU"]
    assert len(at.get("plotly_chart")) == CHARTS


@pytest.mark.parametrize("preset", list(gradflow.PRESETS))
def test_every_preset_runs_and_draws(apptest, preset):
    at = apptest(PAGE)
    at.button(key=f"preset_{preset}").click().run()
    assert not at.exception
    assert not at.warning
    assert len(at.get("plotly_chart")) == CHARTS
    p = gradflow.PRESETS[preset]
    assert at.multiselect(key="act").value == list(p.activations)
    assert at.multiselect(key="init").value == list(p.inits)
    assert at.slider(key="depth").value == p.depth
    assert at.info[0].value == EN[f"story_{preset}"]
    grad = specs(at)[0]
    assert len(run_names(grad)) == len(p.activations) * len(p.inits)
    assert len(values(first_line(grad)["x"])) == p.depth


def test_the_tanh_preset_names_runs_by_init(apptest):
    at = apptest(PAGE)
    at.button(key="preset_tanh_glorot").click().run()
    assert run_names(specs(at)[0]) == [EN["init_standard"], EN["init_xavier_uniform"]]


def test_shared_link_sets_the_controls(apptest):
    at = apptest(PAGE, query={"act": ["relu", "leaky_relu"], "init": "kaiming_normal",
                              "depth": "7", "width": "32", "batch": "16", "bias": "-0.5",
                              "seed": "3", "residual": "true", "norm": "layer"})
    assert not at.exception
    assert not at.warning
    assert at.multiselect(key="act").value == ["relu", "leaky_relu"]
    assert at.slider(key="depth").value == 7 and at.slider(key="width").value == 32
    assert at.toggle(key="residual").value is True
    assert at.radio(key="norm").value == "layer"  # (it was left out of links)
    grad = specs(at)[0]
    assert run_names(grad) == ["ReLU", "LeakyReLU"]
    assert len(values(first_line(grad)["x"])) == 7
    assert any(EN["theory_norm_note"] in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("depth", "NaN"), ("depth", "inf"), ("depth", "-0"), ("depth", "1e308"),
        ("depth", "-5"), ("depth", "2.5"), ("depth", ""), ("depth", "9" * 10_000),
        ("width", "1"), ("width", "1025"), ("batch", "0"), ("bias", "nan"), ("bias", "99"),
        ("seed", "-1"), ("act", "<script>alert(1)</script>"), ("act", "swish"),
        ("init", "he"), ("residual", "maybe"), ("depth", ["5", "6"]), ("norm", "Batch norm"),
        ("norm", ["batch", "layer"]),
    ],
)
def test_bad_link_values_warn_and_fall_back(apptest, key, value):
    at = apptest(PAGE, query={key: value})
    assert not at.exception
    assert at.warning, "a bad link value must be reported"
    assert len(at.get("plotly_chart")) == CHARTS
    text = " ".join(w.value for w in at.warning)
    assert "<script>" not in text and "swish" not in text  # never echo the link's text


@pytest.mark.parametrize("value", ["NaN", "inf", "1e308", "-5", "", "<b>"])
def test_bad_depth_falls_back_to_the_default(apptest, value):
    at = apptest(PAGE, query={"depth": value})
    assert at.slider(key="depth").value == 10
    assert len(values(first_line(specs(at)[0])["x"])) == 10


def test_more_than_four_activations_in_a_link(apptest):
    acts = ["relu", "tanh", "sigmoid", "gelu", "selu"]
    at = apptest(PAGE, query={"act": acts})
    assert not at.exception
    assert EN["too_many_in_link"].format(name="act", limit=4) in [w.value for w in at.warning]
    assert len(run_names(specs(at)[0])) == 4


def test_too_many_runs_are_cut_to_four(apptest):
    at = apptest(PAGE, query={"act": ["relu", "tanh", "sigmoid"],
                              "init": ["xavier_normal", "kaiming_normal"], "depth": "3",
                              "width": "8", "batch": "8"})
    assert not at.exception
    assert EN["too_many_runs"].format(count=6, limit=4) in [w.value for w in at.warning]
    assert run_names(specs(at)[0]) == ["ReLU · Xavier normal", "ReLU · He normal",
                                       "Tanh · Xavier normal", "Tanh · He normal"]


def test_empty_selection_falls_back_to_defaults(apptest):
    at = apptest(PAGE)
    at.multiselect(key="act").set_value([]).run()
    assert not at.exception
    assert EN["no_act"] in [w.value for w in at.warning]
    assert run_names(specs(at)[0]) == ["Sigmoid", "Tanh", "ReLU"]


def test_too_heavy_network_is_shrunk(apptest, monkeypatch):
    # A small memory cap stands in for the real one, so the test stays light.
    monkeypatch.setattr(gradflow, "MAX_CELLS", 4096)
    at = apptest(PAGE, query={"act": "relu", "depth": "10", "width": "16", "batch": "256"})
    assert not at.exception
    # batch 4096 // (10 * 16) = 25
    assert EN["resized"].format(depth=10, width=16, batch=25) in [w.value for w in at.warning]
    assert len(values(first_line(specs(at)[0])["x"])) == 10


def test_exploding_network_is_reported(apptest):
    at = apptest(PAGE, query={"act": "relu", "init": "normal", "depth": "200", "width": "256",
                              "batch": "2"})
    assert not at.exception
    expected = EN["overflow_backward"].format(run="ReLU · N(0, 1)", layer=200)
    assert expected in [w.value for w in at.warning]
    assert len(at.get("plotly_chart")) == CHARTS


def test_normalisation_radio(apptest):
    at = apptest(PAGE, query={"depth": "4", "width": "16", "batch": "8"})
    at.radio(key="norm").set_value("layer").run()
    assert not at.exception
    assert any(EN["theory_norm_note"] in m.value for m in at.markdown)


def test_korean(apptest):
    at = apptest(PAGE, lang="ko")
    assert not at.exception
    assert at.title[0].value == KO["title"]
    grad = specs(at)[0]
    assert grad["layout"]["xaxis"]["title"]["text"] == KO["layer"]
    assert any(c.value.startswith(KO["grad_notice"]) for c in at.caption)


def test_presentation_mode_folds_the_controls(apptest):
    at = apptest(PAGE, run=False)
    at.session_state["present"] = True
    at.run()
    assert not at.exception
    # one line of intro, the rest and the controls in popovers beside the presets
    assert at.markdown[0].value == EN["intro_short"]
    assert EN["intro"] not in [m.value for m in at.markdown[:1]]
    presets = [EN[f"preset_short_{n}"] for n in gradflow.PRESETS]
    assert [b.label for b in at.button][:len(presets)] == presets
    assert specs(at)[0]["layout"]["height"] == figs.PRESENT_HEIGHT


def test_a_preset_keeps_its_result_above_the_story(apptest):
    at = apptest(PAGE, query={"width": "16", "batch": "8"})
    at.button(key="preset_relu_he").click().run()
    assert not at.exception
    # the story comes after the chart, so the chart stays where the visitor looks
    order = [el.type for el in at.main if el.type in ("plotly_chart", "info")]
    assert EN["story_relu_he"] in [i.value for i in at.info]
    assert order.index("plotly_chart") < order.index("info")


def test_sigmoid_reference_only_next_to_a_sigmoid_run(apptest):
    at = apptest(PAGE, query={"act": ["relu", "tanh"], "depth": "6", "width": "16",
                              "batch": "8"})
    names = [tr["name"] for tr in specs(at)[0]["data"]]
    assert EN["chain"] not in names
    caption = next(c.value for c in at.caption if c.value.startswith(EN["grad_notice"]))
    assert EN["grad_notice_chain"] not in caption
    at = apptest(PAGE, query={"act": ["relu", "sigmoid"], "depth": "6", "width": "16",
                              "batch": "8"})
    grad = specs(at)[0]
    chain = next(tr for tr in grad["data"] if tr["name"] == EN["chain"])
    sigmoid = next(tr for tr in grad["data"] if tr["name"] == "Sigmoid")
    # it starts where the sigmoid run ends (not at the first run, ReLU)
    assert values(chain["y"])[-1] == pytest.approx(values(sigmoid["y"])[-1])


def test_no_theory_line_where_the_gain_does_not_apply(apptest):
    at = apptest(PAGE, query={"act": "relu", "init": "kaiming_normal", "depth": "6",
                              "width": "16", "batch": "8", "residual": "true"})
    grad = specs(at)[0]
    assert not [tr for tr in grad["data"] if tr.get("line", {}).get("dash") == "dash"]
    caption = next(c.value for c in at.caption if c.value.startswith(EN["grad_notice"]))
    assert EN["grad_notice_no_theory"] in caption
    assert EN["grad_overlap"] not in caption  # one run: nothing to nest
    assert EN["col_predicted"] not in at.dataframe[0].value.columns


def test_the_he_preset_line_follows_its_rise_and_leaves_no_gap_to_explain(apptest):
    # He init with ReLU rises about 9x towards layer 1 (most steeply at the top): the line
    # carries the network's own output back too and follows it, so no gap caption shows
    at = apptest(PAGE)
    at.button(key="preset_relu_he").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    he = table[table[EN["col_run"]] == EN["init_kaiming_normal"]].iloc[0]
    measured, predicted = float(he[EN["col_ratio"]]), float(he[EN["col_predicted"]])
    assert 8 < measured < 10 and 1 / 1.2 < measured / predicted < 1.2  # 8.7 vs 9.0
    assert _theory_gaps(at) == []
    expander = next(e for e in at.expander if e.label == EN["theory_title"])
    assert "about 9 times at layer 1, not 1.3" in expander.markdown[0].value


def _theory_gaps(at) -> list[str]:
    """The captions that say where the theory's line parts from the measurement."""
    head = EN["theory_gap_coupled"].split("({runs})")[0]  # the words both reasons share
    assert head == EN["theory_gap_spread"].split("({runs})")[0]
    return [c.value for c in at.caption if c.value.startswith(head)]


def _reason(reason: str, **fmt) -> str:
    return EN[f"theory_gap_{reason}"].split("): ", 1)[1].format(**fmt)


def test_the_narrow_preset_tells_its_story_and_why_the_line_misses(apptest):
    at = apptest(PAGE)
    at.button(key="preset_narrow_relu").click().run()
    assert not at.exception
    assert at.info[0].value == EN["story_narrow_relu"]
    assert (at.slider(key="depth").value, at.slider(key="width").value) == (15, 2)
    # ReLU's gradient is exactly 0 at layer 1: no ratio to compare; LeakyReLU's lies far
    # below the line, because one draw of 2-unit layers is not the average
    (gap,) = _theory_gaps(at)
    assert "LeakyReLU:" in gap and "ReLU:" not in gap.replace("LeakyReLU:", "")
    assert gap.endswith(_reason("spread", depth=15, width=2))


def test_controls_show_readable_names_and_links_keep_code_names(apptest):
    at = apptest(PAGE, query={"init": ["kaiming_normal", "xavier_normal"], "width": "16",
                              "batch": "8", "depth": "4"})
    box = at.multiselect(key="init")
    assert box.value == ["kaiming_normal", "xavier_normal"]
    assert list(box.proto.options) == [EN[f"init_{i}"] for i in INITS]
    assert linked(at, "init") == ["kaiming_normal", "xavier_normal"]
    at.multiselect(key="init").set_value(["lecun_normal"]).run()
    assert linked(at, "init") == ["lecun_normal"]
    at.multiselect(key="act").set_value(["selu"]).run()
    assert linked(at, "act") == ["selu"]
    assert run_names(specs(at)[0]) == ["SELU · LeCun normal"]  # one run: both names
    at.multiselect(key="init").set_value(["xavier_normal"]).run()  # the default: off the URL
    assert "init" not in at.query_params
    at.radio(key="norm").set_value("batch").run()  # the code, not "Batch norm"
    assert linked(at, "norm") == ["batch"]
    at.radio(key="norm").set_value("none").run()
    assert "norm" not in at.query_params


def test_summary_numbers_use_the_one_format(apptest):
    at = apptest(PAGE, query={"act": "sigmoid", "init": "standard", "depth": "10",
                              "width": "16", "batch": "8"})
    table = at.dataframe[0].value
    ratio = table[EN["col_ratio"]].iloc[0]
    assert isinstance(ratio, str) and "\u00d710\u207b" in ratio and "e" not in ratio.lower()
    assert not any("0" * 10 in str(v) for v in table.to_numpy().ravel())


@pytest.mark.parametrize("texts, lang", [(EN, "en"), (KO, "ko")])
def test_the_large_weights_preset_shows_sigmoid_exploding(apptest, texts, lang):
    """Sigmoid can explode: the preset beside "Sigmoid, 10 layers" runs the standard init
    against N(0, 1) weights over 30 layers; the first run's gradient falls toward layer 1,
    the second's rises, and the table and the story say by how much (the numbers are
    recomputed with a plain NumPy pass in tests/test_gradflow.py)."""
    names = list(gradflow.PRESETS)
    assert names.index("sigmoid_exploding") == names.index("sigmoid_vanishing") + 1
    if lang == "en":
        at = apptest(PAGE)
        at.button(key="preset_sigmoid_exploding").click().run()
    else:  # its link (AppTest cannot rerun the Korean radio's labels after a click)
        at = apptest(PAGE, lang=lang, query={"act": "sigmoid", "init": ["standard", "normal"],
                                             "depth": "30", "width": "256", "batch": "256"})
    assert not at.exception and not at.warning
    assert texts["story_sigmoid_exploding"] in [i.value for i in at.info]
    grad = specs(at)[0]
    assert run_names(grad) == [texts["init_standard"], texts["init_normal"]]
    standard, normal = [values(tr["y"]) for tr in grad["data"]
                        if tr["name"] in run_names(grad) and tr.get("xaxis", "x") == "x"
                        and tr.get("mode") == "lines+markers"]
    assert standard[0] < 1e-20 * standard[-1] and normal[0] > 100 * normal[-1]
    table = at.dataframe[0].value
    assert list(table[texts["col_ratio"]]) == ["2.257×10⁻²⁵", "467.9"]  # (the story: 2.3, 470)
    assert list(table[texts["col_saturated"]]) == ["0%", "53.3%"]


@pytest.mark.parametrize("texts, lang", [(EN, "en"), (KO, "ko")])
def test_the_hardtanh_preset_shows_what_the_size_of_the_weights_does(apptest, texts, lang):
    """Hardtanh, 30 layers, three weight sizes: the standard init's gradient falls toward
    layer 1, Xavier's stays level, N(0, 1)'s rises; the table gives the story's numbers (they
    are recomputed with a plain NumPy pass in tests/test_gradflow.py)."""
    if lang == "en":
        at = apptest(PAGE)
        at.button(key="preset_hardtanh_weights").click().run()
    else:  # its link (AppTest cannot rerun the Korean radio's labels after a click)
        at = apptest(PAGE, lang=lang, query={
            "act": "hardtanh", "init": ["standard", "xavier_normal", "normal"], "depth": "30",
            "width": "256", "batch": "256"})
    assert not at.exception and not at.warning
    assert texts["story_hardtanh_weights"] in [i.value for i in at.info]
    grad = specs(at)[0]
    assert run_names(grad) == [texts["init_standard"], texts["init_xavier_normal"],
                               texts["init_normal"]]
    small, xavier, large = [values(tr["y"]) for tr in grad["data"]
                            if tr["name"] in run_names(grad) and tr.get("xaxis", "x") == "x"
                            and tr.get("mode") == "lines+markers"]
    assert small[0] < 1e-6 * small[-1] and large[0] > 1e15 * large[-1]
    assert 0.5 < xavier[0] / xavier[-1] < 2
    table = at.dataframe[0].value
    # (the story: 1.2×10⁻⁷, 0.9, 10¹⁶; 0.276%, 3.6%, 94.9%)
    assert list(table[texts["col_ratio"]]) == ["1.198×10⁻⁷", "0.8968", "1.02×10¹⁶"]
    assert list(table[texts["col_saturated"]]) == ["0.276%", "3.6%", "94.9%"]
    assert _theory_gaps(at) == []  # the dashed lines follow all three: no note under them


@pytest.mark.parametrize("texts, lang", [(EN, "en"), (KO, "ko")])
def test_on_the_projector_the_intro_popover_is_its_icon_alone(apptest, texts, lang):
    """Eight presets and "Settings" fill the row at 1280x720: the intro's popover shows its
    icon alone (ui/base.css hides its label from the eye; its tooltip and screen readers
    say it), so the row stays one line (tests/browser measures it and the name read)."""
    at = apptest(PAGE, lang=lang, run=False)
    at.session_state["present"] = True
    at.run()
    assert not at.exception
    labels = [b.label for b in at.button]
    assert labels[:len(gradflow.PRESETS)] == [texts[f"preset_short_{n}"]
                                               for n in gradflow.PRESETS]
    popovers = [p.proto.popover for p in at.get("popover")]
    assert [p.label for p in popovers] == [texts["controls_short"], texts["intro_more"]]
    assert (popovers[1].icon, popovers[1].help) == (":material/info:", texts["intro_more"])

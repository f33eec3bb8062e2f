"""The training page under AppTest: each view runs, the link is honoured, bad links warn."""

import base64
import json

import numpy as np
import pytest

from activations import optim, training
from activations.numfmt import fmt_text
from tests.conftest import read_number
from ui import memo
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
    # Readable names on screen (the registry's label), the code name in the link.
    assert boundary["layout"]["title"]["text"] == "Tanh, layers 2-8-1"
    assert [d["name"] for d in curves["data"]] == ["Tanh", "Tanh"]
    accuracy = at.metric[0]
    assert accuracy.label == EN["accuracy"] and accuracy.value == "100%"
    assert at.metric[2].value == str(training.DEFAULT_STEPS)


def test_default_view_reruns_from_the_cache(apptest):
    memo.clear_all()
    at = apptest(PAGE, query=FAST)
    assert len(at.get("empty")) == 1  # it trained: its progress bar drawn, then emptied
    at.run()  # the same training again: kept, so no progress bar this time
    assert not at.exception
    assert not at.get("empty") and not at.get("progress")
    assert len(at.get("plotly_chart")) == 2


def test_the_collapsed_map_writes_small_numbers_as_powers_of_ten(apptest):
    """The tour's first step (500 steps): b is about -8e-05, which TeX set as "8.166e - 05",
    a product with a variable e. It reads as a power of ten."""
    import re

    at = _view(apptest, EN["tab_compare"], query={"dataset": "xor", "act": "tanh"})
    formula = next(m.value for m in at.markdown if "pmatrix" in m.value)
    b = formula.split(r"b = ")[1].split(",")[0]
    assert re.fullmatch(r"-\d\.\d+ \\times 10\^\{-\d+\}", b), b
    assert not re.search(r"\de[-+]?\d", formula), formula


def test_comparison_view_xor_identity_vs_tanh(apptest):
    at = _view(apptest, EN["tab_compare"], query=FAST)
    assert not at.exception
    assert at.selectbox(key="act_b").value == "identity"
    left, right, curves = _specs(at)
    assert left["layout"]["title"]["text"] == "Tanh: 100% correct"
    title = right["layout"]["title"]["text"]
    assert title.startswith("Identity (linear): ")
    assert float(title.split(": ")[1].split("%")[0]) <= 75.0
    assert [d["name"] for d in curves["data"][::2]] == ["Tanh", "Identity (linear)"]
    # the linear collapse: one 2x1 matrix, and the check says it is exact to rounding
    # (W, b and c go out as Markdown, `ui.frame.latex`: one under another on a phone)
    collapsed = [m.value for m in at.markdown if "pmatrix" in m.value]
    assert len(collapsed) == 1 and len(at.latex) == 1  # the matrix, then the layers' shapes
    assert collapsed[0].startswith("$$\nW = c^{1}") and r"\qquad b = " in collapsed[0]
    collapse = at.caption[-1].value
    diff = read_number(collapse.split(": ")[1].split(". ")[0])
    assert diff < 1e-12
    assert any(EN["xor_note"] == i.value for i in at.info)


def test_comparison_without_identity_asks_for_it(apptest):
    at = _view(apptest, EN["tab_compare"], query={**FAST, "act_b": "relu"})
    assert not at.exception
    assert not at.latex and not [m for m in at.markdown if "pmatrix" in m.value]
    assert any(c.value == EN["collapse_pick"] for c in at.caption)


def test_zigzag_view(apptest):
    at = _view(apptest, EN["tab_zigzag"])
    assert not at.exception
    positive, centred = _specs(at)
    assert positive["layout"]["title"]["text"] == EN["zz_positive"]
    names = [d.get("name") for d in positive["data"]]
    assert EN["zz_pp"] in names and EN["zz_mm"] in names
    same = [m.value for m in at.metric if m.label == EN["zz_same"]]
    assert same[0] == "100%" and float(same[1].rstrip("%")) < 80
    assert at.caption[-1].value == EN["zigzag_caption"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_zigzag_relu_inputs_show_the_staircase(apptest, lang):
    """The notes: ReLU, not zero-centred, has the zig-zag problem too. ``zz_relu=true`` puts
    ReLU inputs in the left panel, and the caption counts the run's steps: re-derived here
    with the plain update, one example (ReLU of the same standard normals halved) a step."""
    at = _view(apptest, EN["tab_zigzag"] if lang == "en" else KO["tab_zigzag"], lang=lang,
               query={"zz_relu": "true"})
    text = EN if lang == "en" else KO
    assert not at.exception and not at.warning
    assert at.toggle(key="zz_relu").value is True
    relu, centred = _specs(at)
    assert relu["layout"]["title"]["text"] == text["zz_relu"]
    assert centred["layout"]["title"]["text"] == text["zz_centred"]
    names = {d.get("name") for d in relu["data"]}
    assert {text["zz_one"], text["zz_still"]} <= names
    z = np.random.default_rng(0).standard_normal((32, 2))
    a = np.maximum(0.5 * z, 0.0)
    w, w_star = np.array([-1.0, 1.0]), np.array([1.0, -1.0])
    both = one = none = opposite = 0
    for k in range(40):
        x = a[k % 32]
        new = w - (w @ x - w_star @ x) * x
        moved = np.sign(new - w)
        nonzero = int(np.count_nonzero(moved))
        both += nonzero == 2 and moved[0] == moved[1]
        opposite += nonzero == 2 and moved[0] != moved[1]
        one += nonzero == 1
        none += nonzero == 0
        w = new
    sigmoid = training.zigzag("positive", steps=40, lr=1.0).final_distance
    assert at.caption[-1].value == text["zigzag_relu_caption"].format(
        zeros=int(np.sum(a == 0)), values=64, steps=40, both=both, one=one, none=none,
        opposite=opposite, d=fmt_text(float(np.linalg.norm(w - w_star)), 3),
        d_sigmoid=fmt_text(sigmoid, 3))
    assert (both, one, none, opposite) == (12, 16, 12, 0)
    same = [m.value for m in at.metric if m.label == text["zz_same"]]
    assert same[0] == "30%"


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
    (table,) = at.table
    assert list(table.value.columns) == [EN["col_optimizer"], EN["col_lr"], EN["col_value"],
                                         EN["col_distance"]]
    assert EN[f"race_{surface}"] in at.caption[-1].value


@pytest.mark.parametrize("bad", ["nope", "RACE", ["race", "zigzag"]])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_tab_link_warns_and_opens_the_first_tab(apptest, bad, lang):
    """A tab the page does not have opened Train without a word, and stayed in the link."""
    from ui.i18n import catalog

    at = apptest(PAGE, lang=lang, query={**FAST, "tab": bad})
    assert not at.exception
    words, tabs = catalog("common", lang), catalog("training", lang)
    assert [w.value for w in at.warning] == [words["bad_tab"].format(tab=tabs["tab_train"])]
    assert "tab" not in at.query_params
    assert [d["type"] for d in _specs(at)[0]["data"]][0] == "heatmap"  # Train's boundary


def test_race_surface_is_kept_in_the_link(apptest):
    """A link's surface opens the race on it, and a change goes back into the link (it was
    checked but then ignored: every link opened the ravine)."""
    at = apptest(PAGE, query={"tab": "race", "surface": "rosenbrock", "race_steps": "40"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="surface").value == "rosenbrock"
    assert EN["race_rosenbrock"] in at.caption[-1].value
    at.selectbox(key="surface").set_value("saddle").run()
    assert at.query_params["surface"] == "saddle"
    at.selectbox(key="surface").set_value("ravine").run()  # the default leaves the link
    assert "surface" not in at.query_params


def test_link_sets_dataset_activation_and_optimizer(apptest):
    at = apptest(PAGE, query={"dataset": "moons", "act": "relu", "optimizer": "sgd",
                              "layers": "2", "width": "4", "steps": "100", "seed": "3"})
    assert not at.exception
    assert not at.warning
    assert at.selectbox(key="dataset").value == "moons"
    assert at.selectbox(key="act").value == "relu"
    assert at.selectbox(key="optimizer").value == "sgd"
    boundary, _ = _specs(at)
    assert boundary["layout"]["title"]["text"] == "ReLU, layers 2-4-4-1"
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
    settings = [e for e in at.expander if e.label == EN["settings"]]
    assert settings[0].proto.expanded is False
    boundary, _ = _specs(at)
    assert boundary["layout"]["font"]["size"] == 20  # projector sizes


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_pickers_show_readable_names_and_links_keep_code_names(apptest, lang):
    texts = EN if lang == "en" else KO
    at = apptest(PAGE, lang=lang, query={**FAST, "dataset": "moons", "optimizer": "sgd"})
    assert not at.exception and not at.warning
    dataset, act, optimizer = (at.selectbox(key=k) for k in ("dataset", "act", "optimizer"))
    assert (dataset.value, act.value, optimizer.value) == ("moons", "tanh", "sgd")
    # What the visitor reads: the proto's options are the formatted labels.
    assert list(dataset.proto.options) == [texts[f"ds_{d}"] for d in
                                           ("xor", "circles", "moons", "spiral", "gaussians")]
    assert "Tanh" in act.proto.options and "tanh" not in act.proto.options
    assert texts["opt_adam"] in optimizer.proto.options
    if lang == "ko":  # AppTest formats the options outside the run, in English: EN only
        return
    dataset.select_index(3).run()  # spiral
    act = at.selectbox(key="act")
    act.select_index(list(act.options).index("ReLU")).run()
    assert not at.exception
    assert at.selectbox(key="dataset").value == "spiral"
    assert at.query_params["dataset"] in ("spiral", ["spiral"])
    assert at.query_params["act"] in ("relu", ["relu"])
    at.selectbox(key="dataset").select_index(0).run()  # the default leaves the link
    assert "dataset" not in at.query_params


def _delta_sign(metric) -> int:
    return -1 if metric.proto.delta.startswith("-") else 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_metric_deltas_are_signed_numbers(apptest, lang):
    """Streamlit draws the arrow from the delta's first character: the delta is the number
    alone, its words in the description, so a falling loss points down in Korean too."""
    texts = EN if lang == "en" else KO
    at = apptest(PAGE, lang=lang, query=FAST)
    accuracy, loss = at.metric[0], at.metric[1]
    for metric in (accuracy, loss):
        float(metric.proto.delta)  # a number and nothing else
    assert _delta_sign(loss) == -1 and _delta_sign(accuracy) == 1  # XOR is learned
    assert loss.proto.delta_description == texts["delta_loss"]
    assert accuracy.proto.delta_description == texts["delta_acc"]


def test_settings_show_only_on_the_tabs_that_read_them(apptest):
    for label, shown in ((EN["tab_train"], True), (EN["tab_compare"], True),
                         (EN["tab_zigzag"], False), (EN["tab_race"], False)):
        at = _view(apptest, label, query={**FAST, "race_steps": "40"})
        assert not at.exception
        labels = [e.label for e in at.expander]
        assert (EN["settings"] in labels) is shown, (label, labels)


def test_boundary_title_sits_above_its_legend():
    """The title is in its own row at the top of the chart, the legend in the row below:
    the top margin holds both (checked in a real browser by tests/browser)."""
    import numpy as np

    from activations.figures.training import boundary_figure

    g = np.linspace(-1, 1, 5)
    for present in (False, True):
        fig = boundary_figure(g, g, np.zeros((5, 5)), np.zeros((4, 2)), np.array([0, 1, 0, 1]),
                              title="tanh, layers 2-8-1", present=present)
        layout = fig.layout
        assert layout.title.yref == "container" and layout.title.yanchor == "top"
        assert layout.legend.yanchor == "bottom" and layout.legend.y > 1
        assert layout.margin.t >= 2.5 * layout.font.size
        # a title of two lines: a line's more room, and the first line kept in the figure
        # (plotly.js anchors the first line; the one before rises above the top)
        two = boundary_figure(g, g, np.zeros((5, 5)), np.zeros((4, 2)),
                              np.array([0, 1, 0, 1]), title="tanh,<br>layers 2-8-1",
                              present=present).layout
        line = 1.3 * two.title.font.size
        assert round(line) - 1 <= two.margin.t - layout.margin.t <= round(line) + 1
        assert two.title.pad.t - layout.title.pad.t == round(line)


def test_in_a_narrow_column_the_boundary_title_takes_two_lines(apptest):
    """On a projector (the boundary in a row with the curves and the numbers) and on a
    phone, "Identity (linear), layers 2-8-8-8-1" was cut at "layers 2"."""
    query = {**FAST, "act": "identity", "layers": "3"}
    for present, phone in ((False, False), (True, False), (False, True)):
        at = apptest(PAGE, run=False, query=query, phone=phone)
        at.session_state["present"] = present
        at.run()
        assert not at.exception
        title = _specs(at)[0]["layout"]["title"]["text"]
        assert title == ("Identity (linear), layers 2-8-8-8-1" if not (present or phone)
                         else "Identity (linear),<br>layers 2-8-8-8-1"), (present, phone)


def test_xor_note_does_not_promise_100_percent_where_relu_stalls(apptest):
    """ReLU from seed 0 stalls at 75% on XOR; the note under it said "tanh or ReLU bend the
    boundary and reach 100%" beside "ReLU: 75% correct", and later blamed dead units, where
    none is dead (tests/test_training.py checks what the note says instead)."""
    at = _view(apptest, EN["tab_compare"], query={"act": "relu", "act_b": "tanh", "seed": "0"})
    assert not at.exception
    left, right, _ = _specs(at)
    assert left["layout"]["title"]["text"] == "ReLU: 75% correct"
    assert right["layout"]["title"]["text"] == "Tanh: 100% correct"
    (note,) = [i.value for i in at.info if i.value.startswith(EN["xor_note"])]
    assert note == f"{EN['xor_note']} {EN['xor_relu_note']}"
    assert "ReLU bend" not in note and "stalls at 75%" in note and "another seed" in note
    assert "75%" in KO["xor_relu_note"]  # Korean says the same


def test_korean_comparison_title_names_the_accuracy(apptest):
    at = _view(apptest, KO["tab_compare"], lang="ko", query=FAST)
    left = _specs(at)[0]
    assert left["layout"]["title"]["text"] == "Tanh: 정답률 100%"


def test_zigzag_intro_says_relu_outputs_are_never_negative_either(apptest):
    """The source notes: ReLU is not zero-centred either, so it zig-zags too; the tab named
    sigmoid alone."""
    at = _view(apptest, EN["tab_zigzag"])
    assert any(m.value == EN["zigzag_intro"] for m in at.markdown)
    assert "ReLU's are never negative" in EN["zigzag_intro"]
    assert "ReLU의 출력도 음수가 되지 않습니다" in KO["zigzag_intro"]


@pytest.mark.parametrize("layers", [0, 1, 2, 3])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_collapse_text_counts_the_layers_on_screen(apptest, layers, lang):
    """The linear collapse's text said "three layers give h(h(h(x))) = c³·x" beside the
    default network of one hidden layer (W = c¹ W₁ w_out). It names the network's own."""
    texts = EN if lang == "en" else KO
    at = _view(apptest, texts["tab_compare"], lang=lang, query={**FAST, "layers": str(layers)})
    assert not at.exception
    markdown = [m.value for m in at.markdown]
    at_formula = next(i for i, m in enumerate(markdown) if "pmatrix" in m)
    formula, intro = markdown[at_formula], markdown[at_formula - 1]  # the text just above it
    assert formula.count("W_{") == layers  # the hidden layers' W_k in W = c^n W_1 ... w_out
    settings = texts["settings"]
    if layers == 0:
        assert intro == texts["collapse_intro_none"].format(settings=settings)
    elif layers == 1:
        assert intro == texts["collapse_intro_one"].format(settings=settings)
    else:
        power = "c" + "⁰¹²³⁴⁵⁶⁷⁸⁹"[layers] + "·x"
        assert intro == texts["collapse_intro"].format(
            n=layers, nested="h(" * layers + "x" + ")" * layers, power=power)
        assert f"c^{{{layers}}}" in formula  # the same power as the formula under it
        nested = "h(" * layers + "x" + ")" * layers
        assert nested in intro and "h(" * (layers + 1) not in intro  # no deeper one


def _train_caption(at, texts):
    return next(c.value for c in at.caption if c.value.startswith(texts["train_caption"]))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_train_caption_says_what_this_run_did_on_xor(apptest, lang):
    """The caption said "If ReLU stalls at 75% on XOR, try another seed" under every run,
    tanh's 100% included. Now a sentence only where the run ends no better than a line,
    with the run's own accuracy (the metric above it)."""
    from ui.custom import label

    texts = EN if lang == "en" else KO

    def run(**query):
        at = apptest(PAGE, lang=lang, query={**FAST, **query})
        assert not at.exception
        return at, _train_caption(at, texts), at.metric[0].value

    _, caption, acc = run()  # tanh: 100%, nothing more to say
    assert acc == "100%" and caption == texts["train_caption"]
    _, caption, acc = run(act="relu", seed="0", steps="500")  # dead units: 75%
    assert acc == "75%"
    assert caption == texts["train_caption"] + " " + texts["train_stalled"].format(
        act=label("relu"), acc=acc, best="75%")
    _, caption, acc = run(act="identity", layers="3")
    assert caption.endswith(texts["train_linear_identity"].format(acc=acc, best="75%"))
    assert float(acc.rstrip("%")) <= 75
    _, caption, acc = run(layers="0")
    assert caption.endswith(texts["train_linear_none"].format(acc=acc, best="75%"))
    _, caption, _ = run(dataset="moons", act="identity")  # not XOR: no XOR sentence
    assert caption == texts["train_caption"]


def _no_signal_caption(at, texts):
    """The caption that says why a step's run learned so little, or None."""
    start = texts["no_signal"].split("{act}")[1][:12]  # the text after the name
    return next((c.value for c in at.caption if start in c.value), None)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_step_run_says_its_hidden_layer_got_no_gradient(apptest, lang):
    """The notes: the Heaviside step's derivative is 0 everywhere (undefined at 0), so
    backprop cannot train through it. The Compare tab showed the step's run stall beside
    sigmoid's 100% and said nothing of why. A caption now does, with the run's numbers: its
    hidden weights and biases exactly as they started, only the output layer moved."""
    from ui.custom import label

    texts = EN if lang == "en" else KO
    query = {**FAST, "dataset": "xor", "act": "sigmoid", "act_b": "step"}
    at = _view(apptest, texts["tab_compare"], lang=lang, query=query)
    assert not at.exception
    # The same run in the library: the claim checked against it.
    run = training.train_mlp("xor", hidden=(8,), activation="step", steps=200, seed=0)
    assert all(np.array_equal(w, w0) for w, w0 in zip(run.weights[:-1], run.initial_weights[:-1]))
    assert all(np.array_equal(b, b0) for b, b0 in zip(run.biases[:-1], run.initial_biases[:-1]))
    moved = np.max(np.abs(run.weights[-1] - run.initial_weights[-1]))
    assert moved > 0.1  # the output layer did learn
    acc = f"{fmt_text(100 * run.final_accuracy, 3)}%"
    expected = texts["no_signal"].format(act=label("step"), steps=200, n=2 * 8 + 8,
                                         moved=fmt_text(moved, 3), acc=acc)
    captions = [c.value for c in at.caption]
    assert captions.count(expected) == 1, captions  # once: sigmoid's run has none
    right = _specs(at)[1]
    assert acc in right["layout"]["title"]["text"]  # the accuracy on its chart
    # The Train tab says it too, instead of "units die or saturate".
    at = apptest(PAGE, lang=lang, query={**FAST, "act": "step"})
    assert _train_caption(at, texts) == texts["train_caption"] + " " + expected
    # A network with no hidden layer has nothing for the step to block: no such caption.
    at = apptest(PAGE, lang=lang, query={**FAST, "act": "step", "layers": "0"})
    assert _no_signal_caption(at, texts) is None


def test_only_an_activation_with_no_slope_gets_the_no_gradient_caption(apptest):
    """Told by the slope itself, not by a name: ReLU from seed 0 stalls on XOR (dead units,
    but its live ones learn), hardshrink is flat only near 0, a typed constant is flat."""
    for act in ("relu", "hardshrink", "threshold"):
        at = apptest(PAGE, query={**FAST, "act": act})
        assert not at.exception
        assert _no_signal_caption(at, EN) is None, act
    at = apptest(PAGE, query={**FAST, "act": "custom", "expr": "0*x + 1", "layers": "2"})
    assert not at.exception
    caption = _no_signal_caption(at, EN)
    assert caption is not None and "all 96 of their weights and biases" in caption, caption


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("present", [False, True])
def test_the_race_legend_names_each_optimizers_family(apptest, lang, present):
    """The notes: Momentum and NAG change the gradient, Adagrad, RMSProp and AdaDelta the
    learning rate, Adam and NAdam both. The race never said so: its legend now groups the
    runners under those titles (on a projector, a legend per family), and the caption
    says what the groups are."""
    texts = EN if lang == "en" else KO
    at = apptest(PAGE, lang=lang, run=False, query={"race_steps": "60"})
    at.session_state["view"] = texts["tab_race"]
    at.session_state["present"] = present
    at.run()
    assert not at.exception
    (race,) = _specs(at)
    family = {"sgd": "plain", "momentum": "gradient", "nesterov": "gradient",
              "adagrad": "rate", "rmsprop": "rate", "adadelta": "rate", "adam": "both",
              "nadam": "both"}
    runners = [d for d in race["data"] if d.get("mode") == "lines+markers"]
    assert [d["name"] for d in runners] == [texts[f"opt_{n}"] for n in optim.NAMES]
    for name, runner in zip(optim.NAMES, runners):
        title = texts[f"family_{family[name]}"]
        if present:
            assert race["layout"][runner["legend"]]["title"]["text"] == title
        else:
            assert runner["legendgrouptitle"]["text"] == title
    assert at.caption[-1].value.startswith(texts["race_families"])


DEAD_LINK = {"act": "relu", "optimizer": "sgd", "auto_lr": "false", "lr": "10.0",
             "steps": "200"}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_train_tab_shows_relu_units_dying(apptest, lang):
    """A dead ReLU never comes back under plain SGD: the link above kills 6 of 8 units in
    the first steps. The accuracy panel draws their share, the caption counts them. The
    share (75%) is the accuracy (75%) here: it is a shaded area drawn under the accuracy's
    line, so the line runs along its edge and both show (as two lines, one hid the other)."""
    at = apptest(PAGE, lang=lang, query=DEAD_LINK)
    text = EN if lang == "en" else KO
    assert not at.exception and not at.warning
    _, curves = _specs(at)
    (line,) = [d for d in curves["data"] if d.get("name") == text["dead_line"]]
    accuracy = [i for i, d in enumerate(curves["data"]) if d.get("yaxis") == line["yaxis"]
                and d is not line]
    assert line["fill"] == "tozeroy" and curves["data"].index(line) < min(accuracy)
    r = training.train_mlp("xor", hidden=(8,), activation="relu", optimizer="sgd", lr=10.0,
                           steps=200)
    y = np.frombuffer(base64.b64decode(line["y"]["bdata"]), dtype=line["y"]["dtype"])
    assert y[-1] == pytest.approx(100 * 6 / 8) and y[0] == 0
    counts = text["dead_counts"].format(n=200, start=0, units=8, end=6, steps=200, died=6,
                                        first=2, revived=0)
    why = text["dead_stays"].format(optimizer=text["opt_sgd"])
    assert at.caption[-1].value == f"{counts} {why} {text['dead_one_layer']}"
    assert (r.dead.died, r.dead.first, r.dead.revived, int(r.dead.history[-1])) == (6, 2, 0, 6)


def test_train_tab_says_adam_can_revive_a_dead_unit(apptest):
    at = apptest(PAGE, query={"act": "relu", "seed": "1", "steps": "200", "layers": "2"})
    assert not at.exception
    story = at.caption[-1].value
    assert EN["dead_memory"].format(optimizer=EN["opt_adam"]) in story
    assert story.endswith(EN["dead_deep"]) and EN["dead_one_layer"] not in story


def test_train_tab_without_dead_units_says_nothing_of_them(apptest):
    at = apptest(PAGE, query=FAST)  # tanh: its units never output exactly 0 everywhere
    assert not at.exception
    _, curves = _specs(at)
    assert EN["dead_line"] not in [d.get("name") for d in curves["data"]]
    assert not any("Dead units" in c.value for c in at.caption)


def test_tour_first_step_collapses_three_identity_layers(apptest):
    """The notes' 3-layer h(h(h(x))) = c·c·c·x: the tour's first step opens the Compare tab
    with three hidden layers, and what its caption says is on the page."""
    from activations import tour
    from ui.text.tour import EN as TOUR_EN, KO as TOUR_KO

    step = tour.step("linear_collapse")
    at = _view(apptest, EN["tab_compare"], query=dict(step.params))
    assert not at.exception and not at.warning
    assert at.slider(key="layers").value == 3
    assert at.selectbox(key="act_b").value == "identity"
    _, right, _ = _specs(at)
    assert float(right["layout"]["title"]["text"].split(": ")[1].split("%")[0]) <= 75.0
    intro = EN["collapse_intro"].format(n=3, nested="h(h(h(x)))", power="c³·x")
    assert any(m.value == intro for m in at.markdown)
    assert r"(2\times8)\;(8\times8)\;(8\times8)\;(8\times1)" in at.latex[0].value
    for caption in (TOUR_EN["linear_collapse_caption"], TOUR_KO["linear_collapse_caption"]):
        assert "h(h(h(x))) = c³·x" in caption


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_comparison_counts_the_units_a_large_step_killed(apptest, lang):
    """The tour's "units die while training" view: at learning rate 10, SGD leaves 6 of
    ReLU's 8 units dead and LeakyReLU none. The titles count them, a caption tells the
    story (the comparison draws no dotted line, so it does not point at one), and the XOR
    note leaves out ReLU's stalled seed, whose "no unit is dead" would contradict both."""
    text = EN if lang == "en" else KO
    at = _view(apptest, text["tab_compare"], lang=lang,
               query={**DEAD_LINK, "act_b": "leaky_relu", "dataset": "xor"})
    assert not at.exception and not at.warning
    left, right, _ = _specs(at)
    assert left["layout"]["title"]["text"] == text["compare_title_dead"].format(
        act="ReLU", acc="75%", dead=6, units=8)
    assert right["layout"]["title"]["text"] == text["compare_title"].format(
        act="LeakyReLU", acc="100%")
    counts = text["compare_dead"].format(act="ReLU", n=200, start=0, units=8, end=6,
                                         steps=200, died=6, first=2, revived=0)
    why = text["dead_stays"].format(optimizer=text["opt_sgd"])
    assert [c.value for c in at.caption if c.value.startswith(counts)] == [
        f"{counts} {why} {text['dead_one_layer']}"]
    assert [i.value for i in at.info] == [text["xor_note"]]
    # the same run written out from its final weights, not the trainer's own counts
    r = training.train_mlp("xor", hidden=(8,), activation="relu", optimizer="sgd", lr=10.0,
                           steps=200)
    X, _ = training.load_data("xor")
    h = np.maximum(X @ r.weights[0] + r.biases[0], 0.0)  # (n, 8)
    assert int((~h.any(axis=0)).sum()) == 6
    # a phone's column is too narrow for one line: it was cut at "6 of 8 un"
    at = apptest(PAGE, lang=lang, run=False, phone=True,
                 query={**DEAD_LINK, "act_b": "leaky_relu", "tab": "compare"})
    at.run()
    assert _specs(at)[0]["layout"]["title"]["text"] == text["compare_title_dead_lines"].format(
        act="ReLU", acc="75%", dead=6, units=8)
    assert "<br>" in text["compare_title_dead_lines"]

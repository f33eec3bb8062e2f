"""The playground page under AppTest: every data set runs in both languages and in
presentation mode, Step / Continue / Reset, the typed formula, the exports, bad links warn,
and every visible text comes from the catalog."""

from __future__ import annotations

import ast
import json

import pytest

from activations import datasets
from ui.text.network import EN, KO
from tests.test_i18n_pages import _from_catalog, _visible

PAGE = "pages/playground.py"
FAST = {"steps": "50", "points": "100"}  # AppTest needs no long run


def _spec(at):
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def _trained(at):
    return [m.value for m in at.markdown if m.value.startswith(EN["trained"].split("{")[0])
            or m.value.startswith(KO["trained"].split("{")[0])]


def test_default_view(apptest):
    at = apptest(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == EN["title"]
    spec = _spec(at)
    assert spec["layout"]["sliders"][-1]["active"] == 0
    # 500 steps, a snapshot every 5: all 101 are frames, so the slider's steps are even
    # (at most 100 frames skipped one mid-run and read ... 245, 255)
    assert [f["name"] for f in spec["frames"]] == [str(5 * k) for k in range(101)]
    labels = [m.label for m in at.metric]
    assert labels == [EN["m_train_loss"], EN["m_train_acc"], EN["m_test_loss"],
                      EN["m_test_acc"]]
    accuracy = float(at.metric[1].value.rstrip("%"))
    assert accuracy > 90  # 4-2 tanh network on the circles
    assert _trained(at) == [EN["trained"].format(steps=500)]


CASES = [(d, lang, present) for d in (*datasets.DATASETS, *datasets.MULTICLASS)
         for lang, present in (("en", False), ("ko", True))]


@pytest.mark.parametrize(("data", "lang", "present"), CASES)
def test_every_data_set_in_both_languages_and_presentation(apptest, data, lang, present):
    at = apptest(PAGE, lang=lang, run=False, query={**FAST, "data": data, "classes": "4"})
    at.session_state["present"] = present
    at.run()
    assert not at.exception and not at.warning and not at.error
    spec = _spec(at)
    classes = 4 if data in datasets.MULTICLASS else 2
    names = {d.get("name") for d in spec["data"]}
    catalog = EN if lang == "en" else KO
    assert catalog["class_n"].format(k=classes - 1) in names
    # the classes slider is greyed out where the set fixes the classes, and says why
    slider = at.slider(key="classes")
    assert slider.disabled is (data not in datasets.MULTICLASS)
    assert slider.help == catalog["classes_help"]
    if present:
        assert spec["layout"]["height"] <= 480  # fits under the title on a 1280x720 screen
        assert at.expander[0].proto.expanded is False  # the controls fold


def _says_opening(at, steps: int) -> None:
    """The caption names the step the pictures open at, as the slider shows it, and the
    step the numbers are at: 99% beside the starting weights, unexplained, misled."""
    slider = _spec(at)["layout"]["sliders"][-1]
    shown = slider["steps"][slider["active"]]["label"]
    captions = " ".join(c.value for c in at.caption)
    assert EN["opening"].format(shown=shown, steps=steps) in captions


def test_step_continue_and_reset(apptest):
    at = apptest(PAGE, query={**FAST, "test": "0.2"})
    assert _trained(at) == [EN["trained"].format(steps=50)]
    _says_opening(at, 50)  # opens at 0
    at.button(key="btn_continue").click().run()
    assert _trained(at) == [EN["trained"].format(steps=100)]
    slider = _spec(at)["layout"]["sliders"][-1]
    assert slider["steps"][slider["active"]]["label"] == "50"  # Play shows the new steps
    _says_opening(at, 100)
    at.button(key="btn_step").click().run()  # full batch: one pass is one update
    assert _trained(at) == [EN["trained"].format(steps=101)]
    _says_opening(at, 101)
    at.button(key="btn_reset").click().run()
    assert _trained(at) == [EN["trained"].format(steps=50)]
    spec = _spec(at)
    assert spec["layout"]["sliders"][-1]["active"] == 0  # back at the starting weights
    _says_opening(at, 50)
    assert not at.exception


def test_step_with_mini_batches_is_one_pass(apptest):
    at = apptest(PAGE, query={**FAST, "batch": "10", "test": "0.2"})
    at.button(key="btn_step").click().run()
    assert _trained(at) == [EN["trained"].format(steps=58)]  # 80 points / 10 = 8 updates


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("batch", "updates"), [("full", 1), ("30", 3), ("100", 1)])
def test_the_epoch_button_says_what_it_trains(apptest, lang, batch, updates):
    """The button read "Step" and trained one pass over the data: with mini-batches of 10,
    8 steps. It says "+1 epoch", and its help the pass's points and updates."""
    cat = EN if lang == "en" else KO
    at = apptest(PAGE, lang=lang, query={**FAST, "batch": batch, "test": "0.2"})
    button = at.button(key="btn_step")
    assert button.label == cat["step"] == ("+1 epoch" if lang == "en" else "+1 에폭")
    # 100 points, a test share of 0.2: 80 to train on (a batch of 100 is all of them)
    assert button.help == (cat["step_help"].format(points=80) if updates == 1 else
                           cat["step_help_batches"].format(points=80, updates=updates,
                                                           batch=batch))
    if lang == "ko":  # AppTest formats the pickers outside the run, in English: EN only
        return
    button.click().run()
    assert _trained(at) == [cat["trained"].format(steps=50 + updates)]


def test_a_typed_formula_in_one_layer(apptest):
    at = apptest(PAGE, query={**FAST, "expr": "x * sigmoid(x)", "a2": "custom"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="a2").value == "custom"
    hover = next(t["hovertext"] for t in _spec(at)["frames"][-1]["data"] if "hovertext" in t)
    assert any(h.startswith("h₂,₁ = f(") for h in hover)
    assert any(h.startswith("h₁,₁ = Tanh(") for h in hover)


def test_per_layer_activations_and_features_from_the_link(apptest):
    at = apptest(PAGE, query={**FAST, "layers": "3", "w3": "5", "a1": "relu",
                              "a3": "leaky_relu", "feat": ["x1", "x2", "x1x2"]})
    assert not at.exception and not at.warning
    hover = next(t["hovertext"] for t in _spec(at)["frames"][-1]["data"] if "hovertext" in t)
    assert sum(h.startswith("h₃,") for h in hover) == 5
    assert any("LeakyReLU(" in h for h in hover)
    assert any("x₁x₂" in h for h in hover)


def test_the_exports(apptest):
    at = apptest(PAGE, query=FAST)
    buttons = at.get("download_button")
    assert len(buttons) == 2
    # The files themselves are checked in the browser test; here that they are offered.
    assert [b.proto.label for b in buttons] == [EN["download_py"], EN["download_csv"]]


def test_csv_without_a_file_says_so_and_shows_the_circles(apptest):
    at = apptest(PAGE, query={**FAST, "data": "csv"})
    assert not at.exception
    assert [i.value for i in at.info] == [EN["csv_waiting"]]
    assert any(c.value == EN["csv_not_in_link"] for c in at.caption)


@pytest.mark.parametrize("query", [
    {"layers": "99"}, {"w1": "1e400"}, {"w2": "-3"}, {"a1": "evil"}, {"a2": "custom"},
    {"feat": ["x1", "bogus"]}, {"lr": "nan"}, {"data": "<script>"}, {"steps": "7"},
    {"test": "0.95"}, {"classes": "40"}, {"reg": "l3"}, {"rate": "1"}, {"batch": "0"},
    {"seed": ["1", "2"]}, {"optimizer": "adamw"}, {"auto_lr": "maybe"},
    {"expr": "__import__('os')"},
])
def test_hostile_links_warn_and_fall_back(apptest, query):
    at = apptest(PAGE, query={**FAST, **query})
    assert not at.exception
    assert len(at.warning) >= 1
    assert len(at.get("plotly_chart")) == 1  # the page still works, on the defaults
    for key, value in query.items():
        assert at.query_params.get(key) != value


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_visible_text_is_in_the_catalog(apptest, lang):
    at = apptest(PAGE, lang=lang, query={**FAST, "data": "blobs", "test": "0.2"})
    assert not at.exception
    texts = _visible(at)
    assert len(texts) > 20
    stray = sorted({text for _, text in texts if not _from_catalog(text, lang)})
    assert not stray, f"not from the {lang} catalog: {stray}"


def test_script_export_is_python(apptest):
    from activations import export, training
    from activations.mlp import layer_activations
    r = training.train_mlp("xor", hidden=(2,), steps=5)
    src = export.pytorch_script(r.weights, r.biases, layer_activations("tanh", None, 1),
                                r.features)
    ast.parse(src)


def test_korean_data_set_names_match_the_training_lab():
    """The same data set has one Korean name on both pages: the playground called the
    circles 원 and its picker 데이터 세트 where the training lab says 동심원 and 데이터셋."""
    from ui.text import training as lab

    assert KO["data"] == lab.KO["dataset"]
    for name in datasets.DATASETS:
        assert KO[f"data_{name}"].split(" (")[0] == lab.KO[f"ds_{name}"], name
    assert "동심원" in KO["csv_waiting"] and "동심원" in KO["features_help"]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_caption_says_output_units_show_a_probability(apptest, lang):
    """The output units' pictures are p from 0 to 1 (blue below 0.5), not an output from
    -1 to 1: with 5 classes every p_k is near 0.2 and its picture all blue, which the
    caption read as negative."""
    at = apptest(PAGE, lang=lang, query={**FAST, "data": "blobs", "classes": "5"})
    assert not at.exception
    spec = _spec(at)
    cat = EN if lang == "en" else KO
    words = ("from 0 (blue) to 1 (orange)" if lang == "en" else "0(파랑)에서 1(주황)까지")
    assert words in cat["cap_out_multi"] and words in cat["cap_out_binary"]
    assert any(words in c.value for c in at.caption)
    assert spec["layout"]["annotations"][1]["text"] == cat["fig_output"]
    # and the figure colours them so: p = 0 in the outermost blue band, p = 1 in the orange
    import numpy as np
    from activations.figures import network as nf

    bands = nf.signed_bands(2 * np.array([0.0, 0.2, 1.0]) - 1)
    colours = nf.signed_colours(nf.NEGATIVE, nf.POSITIVE, 1.0)
    assert nf.NEGATIVE == "#0072B2" and nf.POSITIVE == "#D55E00"  # Okabe-Ito blue, orange
    assert colours[bands[0]] == "rgba(0,114,178,1.0)"
    assert colours[bands[1]].startswith("rgba(0,114,178,")  # 5 classes' p = 0.2: blue
    assert colours[bands[2]] == "rgba(213,94,0,1.0)"


def _key(at) -> str:
    """The caption that reads the chart: the last one (the opening's note comes first)."""
    return at.caption[-1].value


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("query", "hidden", "classes", "test", "reg"), [
    ({}, True, 2, True, None),  # the default: 2 hidden layers, circles, a test share
    ({"layers": "0"}, False, 2, True, None),
    ({"layers": "0", "data": "blobs", "classes": "5", "test": "0"}, False, 5, False, None),
    ({"data": "pinwheel", "classes": "3", "reg": "l2"}, True, 3, True, "l2"),
    ({"test": "0", "reg": "l1"}, True, 2, False, "l1"),
])
def test_the_caption_reads_the_chart_on_screen(apptest, lang, query, hidden, classes, test,
                                               reg):
    """With no hidden layer the caption still described the hidden units' pictures, a test
    loss with no test points, and a penalty left out when there was none: each sentence
    now follows what is drawn (the hidden layers or none, one output p or one per class,
    the test loss or not, the penalty or not), with its numbers and names filled in."""
    cat = EN if lang == "en" else KO
    at = apptest(PAGE, lang=lang, query={**FAST, **query})
    assert not at.exception
    names = [cat["class_n"].format(k=k) for k in range(classes)]
    units = cat["cap_hidden" if hidden else "cap_no_hidden"]
    out = (cat["cap_out_binary"].format(name=names[1]) if classes == 2 else
           cat["cap_out_multi"].format(count=classes, first=names[0], last=names[-1]))
    penalty = cat["cap_penalty"].format(reg=cat[f"reg_{reg}"]) if reg else ""
    loss = cat["cap_losses" if test else "cap_loss"].format(
        loss=cat["loss_bce" if classes == 2 else "loss_ce"], penalty=penalty)
    assert _key(at) == f"{units} {out} {loss}"
    spec = _spec(at)
    drawn = [t for t in spec["data"] if t.get("showlegend") is not False and t.get("name")]
    assert (cat["test_points"] in {t["name"] for t in drawn}) is test  # as the legend says
    assert sum(t.get("xaxis") == "x3" for t in drawn) == 1 + test  # and the loss chart
    alt = at.get("plotly_chart")[0].proto.alt
    assert alt == cat["alt_chart"].format(steps=50, losses=cat["alt_losses" if test
                                                               else "alt_loss"])
    if lang == "en":  # no hidden-unit words when there is none; no test loss without it
        assert ("hidden units" in _key(at)) is hidden and ("test" in _key(at)) is test


def test_a_csv_files_labels_name_the_output(apptest):
    """The output unit's p is of the file's second label, as the caption names it."""
    from activations import netdata

    rows = ["x1,x2,label"] + [f"{x / 10},{(x * 7 % 11) / 10},{'ab'[x % 2]}"
                              for x in range(-20, 21)]
    at = apptest(PAGE, run=False, query={**FAST, "data": "csv"})
    at.session_state["_net_csv"] = netdata.read_csv("\n".join(rows).encode())
    at.run()
    assert not at.exception and not at.info  # the file is used: no "upload a file" note
    assert EN["cap_out_binary"].format(name=EN["class_name"].format(name="b")) in _key(at)


def test_the_legend_names_the_test_points_once(apptest):
    at = apptest(PAGE, lang="ko", query={**FAST, "data": "blobs", "classes": "5"})
    names = [t["name"] for t in _spec(at)["data"]
             if t.get("showlegend") is not False and t.get("name")]
    assert names == [KO["class_n"].format(k=k) for k in range(5)] + [
        KO["test_points"], KO["train_loss"], KO["test_loss"]]
    hovers = {t["hovertemplate"].split("<br>")[0] for t in _spec(at)["data"]
              if t.get("legendgroup", "").startswith("class")}
    assert KO["test_point"].format(name=KO["class_n"].format(k=4)) in hovers  # unchanged


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_hidden_layers_help_fits_more_than_two_classes(apptest, lang):
    """0 hidden layers with 3 to 5 classes is softmax regression, a straight boundary
    between each pair of classes: the help said "one straight cut"."""
    cat = EN if lang == "en" else KO
    at = apptest(PAGE, lang=lang, query={**FAST, "data": "blobs", "layers": "0"})
    assert at.slider(key="layers").help == cat["layers_help"]
    assert "softmax" in cat["layers_help"] and "logistic" in EN["layers_help"]

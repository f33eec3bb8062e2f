"""The softmax page as a visitor reads it: the outlier chart on a phone and its axis title,
Korean particles after numbers, the stability tab's and the animation's pointers to the
sidebar on a projector, the binary chart's legend and its softmax of (z, 0), the target
picker that names the target's class, the sentences that must fit the numbers beside them
(argmax vs soft argmax, the loss curve's caption), crowded class names on a phone, the
class table's hint for a finger, and the chart that moves one logit alone (argmax's step
and its slope of 0 beside softmax's S-curve and its bump), with its caption and link."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from activations import playground as pg
from activations.figures import softmax as figs
from activations.numfmt import fmt_chart, fmt_text
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


# ---------------------------------------------------------------- the animation's caption

@pytest.mark.parametrize(("lang", "sidebar"), [("en", "sidebar"), ("ko", "사이드바")])
def test_on_a_projector_the_animation_caption_says_where_the_logits_are(apptest, lang, sidebar):
    """The caption under the animation said "with the logits above": on a projector they
    are in the folded sidebar, and nothing above the chart holds them."""
    texts = TEXTS[lang]
    captions = [c.value for c in _run(apptest, lang, {}, present=True).caption]
    assert texts["animation_caption_present"] in captions
    assert texts["animation_caption"] not in captions
    assert sidebar in texts["animation_caption_present"] and "»" in texts[
        "animation_caption_present"]
    assert "above" not in EN["animation_caption_present"]
    assert "위의 로짓" not in KO["animation_caption_present"]
    captions = [c.value for c in _run(apptest, lang, {}).caption]
    assert texts["animation_caption"] in captions  # the panel is on the page, above
    assert texts["animation_caption_present"] not in captions


# ---------------------------------------------------------------- argmax vs soft argmax

def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("logits", "T", "key"), [
    ("1,3,0,2", "1", "soft_argmax"),
    ("10000,-10000,0", "1", "soft_argmax_saturated"),  # the preset "Extreme"
    ("1,3,0,2", "0.01", "soft_argmax"),  # 3.7×10⁻⁴⁴: small, but there
    ("1,10,0,2", "0.01", "soft_argmax_saturated"),
    ("1,1,1,1", "1", "soft_argmax_tie"),  # the preset "Four-way tie"
])
def test_the_soft_argmax_sentence_fits_the_numbers_beside_it(apptest, lang, logits, T, key):
    """Beside softmax = [1, 0, 0] it said "the others keep some probability", and beside
    four equal shares "the largest logit still gets the most": each case has its words."""
    texts = TEXTS[lang]
    at = _run(apptest, lang, {"logits": logits, "T": T})
    z = pg.parse_logits(logits)
    views = pg.softmax_views(z, float(T))
    hard = ", ".join(fmt_text(v) for v in views.argmax)
    soft = ", ".join(fmt_text(v, 3) for v in views.softmax)
    shown = _markdown(at)
    assert texts[key].format(z=", ".join(fmt_text(v) for v in z), hard=hard, soft=soft, T=T,
                             count=int(np.count_nonzero(z == z.max()))) in shown
    others = {"soft_argmax", "soft_argmax_saturated", "soft_argmax_tie"} - {key}
    assert not any(texts[k].rsplit("}", 1)[-1] in shown for k in others)
    # what each sentence says is what the numbers in it show
    assert (soft == hard) == (key == "soft_argmax_saturated")
    if key == "soft_argmax_tie":
        assert len(set(soft.split(", "))) == 1 and hard.startswith("1, ")


def test_the_old_sentence_was_wrong_beside_a_saturated_softmax():
    """What the page said before, read against what it showed."""
    assert "the others keep some probability" in EN["soft_argmax"]
    assert "the others keep some probability" not in EN["soft_argmax_saturated"]
    assert "still gets the most" not in EN["soft_argmax_tie"]


# ---------------------------------------------------------------- the loss curve's caption

def _loss_curve(at) -> tuple[np.ndarray, np.ndarray]:
    """x and the loss of the loss-curve chart (float32 JSON, as the page sends it)."""
    import base64

    def values(v):
        if isinstance(v, dict):
            return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).astype(float)
        return np.array(v, dtype=float)

    loss = _chart(at, "loss_curve")["data"][0]
    return values(loss["x"]), values(loss["y"])


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("target", "drag", "T", "key"), [
    ("1", "1", "1", "drag_true"), ("1", "2", "1", "drag_wrong"),
    ("0.7,0.1,0.1,0.1", "1", "1", "drag_soft"), ("0.7,0.1,0.1,0.1", "3", "0.5", "drag_soft"),
    ("3", "3", "0.1", "drag_true"),
    ("0.001,0.333,0.333,0.333", "1", "10", "drag_soft_off"),  # lowest at -56, off the chart
])
def test_the_loss_curve_caption_tells_what_the_curve_does(apptest, lang, target, drag, T, key):
    """The caption said the loss "keeps falling" for the true class and rises for a wrong
    one, also under a soft target, whose curve falls and rises again: it now names the
    moved class's case, and for a soft target where the drawn curve is lowest."""
    texts = TEXTS[lang]
    at = _run(apptest, lang, {"tab": "target", "target": target, "drag": drag, "T": T})
    caption = next(c.value for c in at.caption if c.value.startswith(texts["drag_caption"]))
    name = f"{'class' if lang == 'en' else '클래스'} {drag}"
    temperature = float(T)
    y = pg.parse_target(target, 4)[int(drag) - 1]
    assert caption == texts["drag_caption"] + " " + texts[key].format(
        name=name, y=fmt_text(y), lo=fmt_text(y / temperature),
        hi=fmt_text((1 - y) / temperature),
        best=fmt_text(pg.best_logit([1, 3, 0, 2], pg.parse_target(target, 4), int(drag) - 1,
                                    temperature)) if key.startswith("drag_soft") else None)
    xs, loss = _loss_curve(at)
    if key == "drag_soft":  # the number it names is where the drawn curve is lowest
        best = pg.best_logit([1, 3, 0, 2], pg.parse_target(target, 4), int(drag) - 1,
                             temperature)
        assert xs[np.argmin(loss)] == pytest.approx(best, abs=0.2)
        assert loss[0] > loss.min() < loss[-1]  # on screen: down, then up
    elif key == "drag_soft_off":  # it says the lowest point is off the chart: it is
        best = pg.best_logit([1, 3, 0, 2], pg.parse_target(target, 4), 0, temperature)
        assert not xs[0] <= best <= xs[-1]
        assert np.all(np.diff(loss) >= -1e-6)  # on screen it only rises
    elif key == "drag_true":
        assert np.all(np.diff(loss) <= 1e-6)  # falls all the way
    else:
        assert np.all(np.diff(loss) >= -1e-6)  # rises all the way


# ---------------------------------------------------------------- softmax (z, 0) is σ(z)

@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("z", ["1.0", "-3.5", "8.0"])
def test_the_binary_text_shows_softmax_of_z_and_0_beside_sigma(apptest, lang, z):
    """"Softmax with two logits (z, 0) is the same as σ(z)" was a claim with nothing on the
    page to check it by: the text now gives softmax([z, 0]) at the slider's z, and its first
    number is the metric p = σ(z) beside it."""
    from activations.softmax import softmax

    at = _run(apptest, lang, {"tab": "binary", "bin_z": z})
    sigma = next(m.value for m in at.metric if m.label == "p = σ(z)")
    pair = softmax(np.array([float(z), 0.0]))
    expected = f"[{fmt_text(pair[0])}, {fmt_text(pair[1])}]"
    text = "\n".join(m.value for m in at.markdown)
    assert expected in text and f"z = {fmt_text(float(z))}" in text
    assert fmt_text(pair[0]) == sigma  # the same number, as the text says


# ---------------------------------------------------------------- ten names on a phone

TEN = "0.5,-1,2,0,1.2,-0.3,2.2,-2,0.8,1"  # the preset "Ten classes"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("tab", "key"), [("softmax", "views"), ("softmax", "animation"),
                                          ("target", "target_chart")])
def test_on_a_phone_crowded_class_names_hang_left_of_their_bars(apptest, lang, tab, key):
    """Plotly turns crowded names clockwise, each hanging right of its tick, and hid the
    last ("class 10") past a phone chart's right edge: there they are turned the other
    way. Four names fit on a phone, and a desktop keeps Plotly's own choice."""
    def angles(at):
        layout = _chart(at, key)["layout"]
        return {k: v.get("tickangle") for k, v in layout.items() if k.startswith("xaxis")}

    phone = angles(_run(apptest, lang, {"tab": tab, "logits": TEN}, phone=True))
    assert phone and set(phone.values()) == {-30}
    assert set(angles(_run(apptest, lang, {"tab": tab}, phone=True)).values()) == {None}
    assert set(angles(_run(apptest, lang, {"tab": tab, "logits": TEN})).values()) == {None}


# ---------------------------------------------------------------- the class table's hint

@pytest.mark.parametrize("phone", [False, True])
def test_the_class_tables_hint_speaks_to_a_finger_on_a_phone(apptest, phone):
    """Under the class table a phone read "Double-click a cell to edit": a finger taps (a
    second tap on a cell opens its editor, checked in Chromium with touch)."""
    at = apptest(PAGE, lang="en", phone=phone, run=False)
    at.session_state["table_open"] = True  # the lazy table's expander, opened
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    want, other = ("table_help_touch", "table_help")[::1 if phone else -1]
    assert EN[want].format(lo=pg.MIN_CLASSES, hi=pg.MAX_CLASSES) in captions
    assert EN[other].format(lo=pg.MIN_CLASSES, hi=pg.MAX_CLASSES) not in captions
    assert "click" not in EN["table_help_touch"] and "Tap" in EN["table_help_touch"]


# ---------------------------------------------------------------- one logit moved alone

def _values(v) -> np.ndarray:
    """A trace array from Plotly JSON: a list (None as NaN) or a base64 typed array."""
    import base64

    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).astype(float)
    return np.array([np.nan if x is None else x for x in v], dtype=float)


def _sweep_figure(z, k, temperature, **look) -> tuple:
    """The sweep and its figure's JSON, validated (the builder skips Plotly's checks)."""
    import plotly.graph_objects as go

    from activations.softmax import logit_sweep

    sweep = logit_sweep(z, k, temperature)
    fig = figs.logit_sweep_figure(
        sweep, softmax_name="soft", argmax_name="hard", point_name="now",
        undefined_text="none here", peak_text="top", p_title="P", slope_title="D",
        x_title="x", **look)
    go.Figure(fig.to_dict())  # raises on any invalid property
    return sweep, json.loads(fig.to_json())


def _traces(spec: dict, name: str, axis: str) -> list[dict]:
    return [tr for tr in spec["data"] if tr.get("name") == name and tr["yaxis"] == axis]


def _runs(trace) -> list[tuple[np.ndarray, np.ndarray]]:
    """A line trace's connected pieces (x, y), split where a gap (None) breaks it."""
    x, y = _values(trace["x"]), _values(trace["y"])
    breaks = np.flatnonzero(np.isnan(x) | np.isnan(y))
    return [(x[a:b], y[a:b]) for a, b in zip([0, *(breaks + 1)], [*breaks, x.size]) if b > a]


@pytest.mark.parametrize(("z", "k", "temperature"), [
    ([1.0, 3.0, 0.0, 2.0], 1, 1.0), ([1.0, 3.0, 0.0, 2.0], 0, 0.01),
    ([2.0, 2.0, 0.0], 0, 1.0), ([2.0, 2.0, 0.0], 1, 100.0), ([10000.0, -10000.0, 0.0], 0, 0.01),
])
def test_argmaxs_step_is_drawn_as_a_jump_and_its_slope_as_0(z, k, temperature):
    """A step drawn as one line would have a sloped segment from (m, 0) to (m, 1) or, with
    the sampled points, across the gap between them: values argmax never takes. Each piece
    here is flat (0 left of the jump, 1 right of it), the filled dot is where argmax's value
    at the jump is (1 only for a class that wins the tie there) and the hollow one where it
    is not, and the slope is 0 in every piece, a hollow dot on the jump."""
    sweep, spec = _sweep_figure(z, k, temperature)
    m = sweep.jump
    (step,) = [tr for tr in _traces(spec, "hard", "y") if tr["mode"] == "lines"]
    pieces = _runs(step)
    assert len(pieces) == 2
    for (x, y), level in zip(pieces, (0.0, 1.0)):
        assert np.all(y == level)  # flat: no sloped segment anywhere
    assert pieces[0][0].max() == m == pieces[1][0].min()  # they meet at m, 0 and 1 apart
    assert pieces[0][0].min() == sweep.xs[0] and pieces[1][0].max() == sweep.xs[-1]
    dots = [tr for tr in spec["data"] if tr["yaxis"] == "y" and tr["mode"] == "markers"
            and _values(tr["x"]).tolist() == [m]]
    filled = {float(_values(tr["y"])[0]) for tr in dots if tr["marker"]["symbol"] == "circle"}
    hollow = {float(_values(tr["y"])[0]) for tr in dots
              if tr["marker"]["symbol"] == "circle-open"}
    assert filled == {float(sweep.wins_tie)} and hollow == {1.0 - sweep.wins_tie}
    (slope,) = _traces(spec, "hard", "y2")
    assert [np.all(y == 0.0) for _, y in _runs(slope)] == [True, True]
    hole = [tr for tr in spec["data"] if tr["yaxis"] == "y2"
            and tr.get("marker", {}).get("symbol") == "circle-open"]
    assert [(_values(tr["x"])[0], _values(tr["y"])[0]) for tr in hole] == [(m, 0.0)]
    assert any(tr.get("text") == ["none here"] and _values(tr["x"])[0] == m
               for tr in spec["data"])


def test_softmaxs_curves_are_the_sweeps_numbers():
    sweep, spec = _sweep_figure([1.0, 3.0, 0.0, 2.0], 1, 0.5)
    (soft,) = _traces(spec, "soft", "y")
    (slope,) = _traces(spec, "soft", "y2")
    np.testing.assert_array_equal(_values(soft["x"]), sweep.xs)  # float64: not rounded
    np.testing.assert_allclose(_values(soft["y"]), sweep.soft, rtol=1e-6)
    np.testing.assert_allclose(_values(slope["y"]), sweep.soft_slope, rtol=1e-6)
    now = sorted((tr["yaxis"], float(_values(tr["y"])[0])) for tr in spec["data"]
                 if tr.get("name") == "now")
    assert now == [("y", pytest.approx(sweep.p, rel=1e-6)), ("y", 1.0),
                   ("y2", 0.0), ("y2", pytest.approx(sweep.slope, rel=1e-6))]


def test_on_the_jump_argmax_has_no_slope_to_mark():
    """The current logit ties with the largest other: argmax's current point is on the jump,
    where it has no slope, so the slope panel marks softmax's alone."""
    sweep, spec = _sweep_figure([2.0, 2.0, 0.0], 1, 1.0)
    assert sweep.at_jump
    assert [tr["yaxis"] for tr in spec["data"] if tr.get("name") == "now"] == ["y", "y", "y2"]


@pytest.mark.parametrize("temperature", [0.01, 0.1, 1.0, 10.0, 100.0])
def test_the_slope_axis_fits_the_bump_and_reads_no_negative_tick(temperature):
    """The slope panel runs from under 0 (room for the hole's label) to over 1/(4T), at
    any T; its ticks start at 0 (a tick at -0.1 under a slope that is never negative read
    as if it could be), and the peak's number is written only where the peak is drawn."""
    sweep, spec = _sweep_figure([1.0, 3.0, 0.0, 2.0], 1, temperature)
    axis = spec["layout"]["yaxis2"]
    lo, hi = axis["range"]
    assert lo < 0 < sweep.peak < hi
    assert axis["tickvals"][0] == 0 and all(lo < v < hi for v in axis["tickvals"])
    assert len(axis["tickvals"]) >= 3
    assert axis["ticktext"] == [fmt_chart(v) for v in axis["tickvals"]]
    peak_label = any(tr.get("text") == ["top"] for tr in spec["data"])
    assert peak_label == (sweep.midpoint < sweep.xs[-1])


def test_the_sweep_chart_has_a_projector_and_a_phone_size():
    _, plain = _sweep_figure([1.0, 3.0, 0.0, 2.0], 1, 1.0)
    _, present = _sweep_figure([1.0, 3.0, 0.0, 2.0], 1, 1.0, present=True)
    _, phone = _sweep_figure([1.0, 3.0, 0.0, 2.0], 1, 1.0, phone=True)
    assert plain["layout"]["height"] == figs.SWEEP_HEIGHT
    assert present["layout"]["height"] == figs.PRESENT_SWEEP_HEIGHT <= 560  # with its picker
    assert phone["layout"]["height"] == figs.PHONE_SWEEP_HEIGHT
    assert present["layout"]["font"]["size"] > plain["layout"]["font"]["size"]
    assert [a["text"] for a in plain["layout"]["annotations"]] == ["P", "D"]


def _expected_caption(texts: dict, name: str, z, k: int, temperature: float) -> str:
    """The caption, its numbers worked out here in mpmath: p_k, its slope p (1 - p)/T, the
    largest other logit m, c = T log sum_{j != k} e^{z_j/T}, 1/(4T), 2 T ln(3 + 2 sqrt 2)."""
    import mpmath

    mp = mpmath.MPContext()
    mp.dps = 40
    e = [mp.exp(mp.mpf(v) / temperature) for v in z]
    p = e[k] / mp.fsum(e)
    rest = mp.fsum(x for j, x in enumerate(e) if j != k) / mp.fsum(e)  # 1 - p: e^-1000000
    slope = p * rest / temperature
    m = max(v for j, v in enumerate(z) if j != k)
    c = temperature * mp.log(mp.fsum(x for j, x in enumerate(e) if j != k))
    hard = 1.0 if (z[k] > m or (z[k] == m and k == int(np.argmax(z)))) else 0.0
    if z[k] == m:
        now = "sweep_now_jump"
    elif float(slope) == 0.0:
        assert slope > 0  # there, but below the smallest float64: as the text says
        now = "sweep_now_saturated"
    else:
        now = "sweep_now"
    reach = max(4.0, 1.25 * abs(z[k] - m))
    peak = "sweep_peak_on" if c < m + reach else "sweep_peak_off"
    parts = [texts[now].format(name=name, z=fmt_text(z[k]), p=fmt_text(float(p)),
                               slope=fmt_text(float(slope)), h=fmt_text(hard))]
    if now != "sweep_now_jump":
        parts.append(texts["sweep_jump"].format(m=fmt_text(m)))
    parts.append(texts[peak].format(
        peak=fmt_text(1 / (4 * temperature)), c=fmt_text(float(c)),
        width=fmt_text(2 * temperature * math.log(3 + 2 * math.sqrt(2)))))
    return " ".join(parts)


SWEEP_VIEWS = [  # (logits, T, the link's sweep, the class shown, the caption's cases)
    ("1,3,0,2", "1", None, 1, ("sweep_now", "sweep_peak_on")),
    ("1,3,0,2", "0.1", None, 1, ("sweep_now", "sweep_peak_on")),
    ("1,3,0,2", "10", None, 1, ("sweep_now", "sweep_peak_off")),
    ("1,3,0,2", "1", "3", 2, ("sweep_now", "sweep_peak_on")),
    ("2,2,0", "1", None, 0, ("sweep_now_jump", "sweep_peak_on")),
    ("2,2,0", "0.01", "2", 1, ("sweep_now_jump", "sweep_peak_on")),
    ("10000,-10000,0", "0.01", None, 0, ("sweep_now_saturated", "sweep_peak_on")),
    ("10000,-10000,0", "100", "2", 1, ("sweep_now", "sweep_peak_on")),
]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("logits", "T", "link", "k", "cases"), SWEEP_VIEWS)
def test_the_sweep_chart_and_its_caption_say_the_same_numbers(apptest, lang, logits, T, link,
                                                              k, cases):
    """Under the argmax-vs-softmax paragraph: the class picker (the largest logit's class
    unless the link names one), the chart of that class, and a caption whose numbers are
    the chart's, worked out independently here."""
    texts = TEXTS[lang]
    query = {"logits": logits, "T": T, **({"sweep": link} if link else {})}
    at = _run(apptest, lang, query)
    assert not at.warning
    assert at.selectbox(key="sweep").value == k
    spec = _chart(at, "logit_sweep")
    z = [float(v) for v in logits.split(",")]
    name = f"{'class' if lang == 'en' else '클래스'} {k + 1}"
    assert spec["layout"]["annotations"][0]["text"] == texts["sweep_p_title"].format(name=name)
    captions = [c.value for c in at.caption]
    expected = _expected_caption(texts, name, z, k, float(T))
    assert expected in captions
    for case in cases:  # the case's own words, not another's
        assert texts[case].rsplit("}", 1)[-1].strip() in expected
    # the current point drawn is the one the caption names
    (now,) = [tr for tr in spec["data"] if tr.get("name") == texts["current"]
              and tr["yaxis"] == "y" and tr["marker"]["color"] == figs.color(0)]
    assert _values(now["x"])[0] == z[k]


def test_the_picked_class_goes_into_the_link_and_a_link_opens_it(apptest):
    at = apptest(PAGE)
    assert at.selectbox(key="sweep").value == 1 and "sweep" not in at.query_params
    at.selectbox(key="sweep").set_value(3).run()  # class 4
    assert not at.exception
    assert at.query_params["sweep"] == "4"
    assert "class 4" in _chart(at, "logit_sweep")["layout"]["annotations"][0]["text"]
    at.selectbox(key="sweep").set_value(1).run()  # back to the largest: a clean link
    assert "sweep" not in at.query_params
    at = apptest(PAGE, query={"sweep": "4"})
    assert not at.warning and at.selectbox(key="sweep").value == 3


def test_the_picked_class_stays_while_its_logit_moves(apptest):
    """A student drags class 2's logit below class 4's to watch it cross the jump: the chart
    stays on class 2 (the largest logit is class 4's now), and the link says so."""
    at = apptest(PAGE)
    at.slider(key="z1").set_value(1.5).run()
    assert not at.exception
    assert at.selectbox(key="sweep").value == 1
    assert at.query_params["sweep"] == "2"
    caption = "\n".join(c.value for c in at.caption)
    p = float(np.exp(1.5) / np.exp([1, 1.5, 0, 2]).sum())
    assert f"**At z = 1.5 now**, softmax gives p = {fmt_text(p)}" in caption
    assert "argmax gives 0 and" in caption  # left of the jump at 2 now


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("bad", "lo_hi"), [("9", (1, 4)), ("abc", (1, pg.MAX_CLASSES)),
                                            ("0", (1, pg.MAX_CLASSES))])
def test_a_bad_sweep_in_the_link_warns_and_shows_the_largest(apptest, lang, bad, lo_hi):
    from ui.i18n import catalog

    at = _run(apptest, lang, {"sweep": bad})
    words = catalog("common", lang)
    lo, hi = lo_hi
    assert [w.value for w in at.warning] == [words["bad_number"].format(
        name="sweep", lo=lo, hi=hi, default=TEXTS[lang]["sweep_largest"])]
    assert at.selectbox(key="sweep").value == 1 and "sweep" not in at.query_params


def test_the_picked_class_survives_a_visit_to_another_tab(apptest):
    at = apptest(PAGE)
    at.selectbox(key="sweep").set_value(2).run()
    labels = [tab.label for tab in at.tabs]
    at.session_state["view"] = labels[1]
    at.run()
    at.session_state["view"] = labels[0]
    at.run()
    assert not at.exception and at.selectbox(key="sweep").value == 2


def test_fewer_classes_fall_back_to_the_largest(apptest):
    at = apptest(PAGE, query={"sweep": "4"})
    at.text_input(key="logits").set_value("1,0,5").run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="sweep").value == 2


def test_t_drives_the_sweep_chart(apptest):
    at = apptest(PAGE)
    before = _chart(at, "logit_sweep")
    at.select_slider(key="T").set_value(0.1).run()
    after = _chart(at, "logit_sweep")
    assert not at.exception
    assert after["layout"]["yaxis2"]["range"][1] == pytest.approx(
        10 * before["layout"]["yaxis2"]["range"][1])  # the bump 10x taller
    assert after["layout"]["xaxis2"]["range"] == before["layout"]["xaxis2"]["range"]

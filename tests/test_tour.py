"""The guided tour: every step's link restores its state on its page, in both languages."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from activations import optim, tour
from activations.figures import training as figs
from activations.surfaces import SURFACES, run_optimizer
from tests.conftest import tour_query
from ui import tourbar
from ui.i18n import catalog
from ui.text import tour as tour_text
from ui.text.tour import EN, KO

PAGE_FILES = {"curves": "pages/curves.py", "gradient_flow": "pages/gradient_flow.py",
              "softmax": "pages/softmax.py", "training": "pages/training.py"}
WIDGETS = ("slider", "select_slider", "selectbox", "multiselect", "toggle", "number_input",
           "text_input", "radio")
# What only the open tab of the lazy training page draws (its chart keys).
TRAINING_TAB_MARK = {"train": "boundary", "compare": "compare_boundary_0",
                     "zigzag": "zigzag_positive", "race": "race"}
SOFTMAX_TABS = ("softmax", "target", "example", "binary", "regression", "stability")
CLAIMS = (  # the list: each has at least one step
    "linear_collapse", "xor", "sigmoid_derivative", "sigmoid_vanishing", "zigzag", "tanh",
    "relu_dead", "leaky_family", "elu_selu", "softplus", "scale", "gelu", "temperature_low",
    "temperature_high", "soft_argmax", "cross_entropy", "mse_mae", "ravine",
)


def _widget(at, key):
    for kind in WIDGETS:
        try:
            return getattr(at, kind)(key=key)
        except KeyError:
            continue
    raise AssertionError(f"no widget with key {key!r}")


def _as_url(value) -> tuple[str, ...]:
    """A widget value as the URL spells it (numbers compared by value, not by text)."""
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if isinstance(v, bool):
            out.append(str(v).lower())
        elif isinstance(v, (int, float)):
            out.append(f"{float(v):g}")
        else:
            out.append(str(v))
    return tuple(out)


def _expected(value) -> tuple[str, ...]:
    values = value if isinstance(value, tuple) else (value,)
    out = []
    for v in values:
        try:
            out.append(f"{float(v):g}")
        except ValueError:
            out.append(v)
    return tuple(out)


def _tab_index(at) -> int:
    """The selected tab of the page's (single) tab container, from the element tree."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if type(proto).__name__ == "Block" and proto.WhichOneof("type") == "tab_container":
            found.append(proto.tab_container.default_tab_index)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    assert len(found) >= 1
    return found[-1]


def test_steps_are_unique_and_cover_the_claims():
    assert len(set(tour.IDS)) == len(tour.IDS)
    assert set(CLAIMS) <= set(tour.IDS)
    assert {s.page for s in tour.STEPS} <= set(PAGE_FILES)


@pytest.mark.parametrize("texts", [EN, KO])
def test_the_elu_selu_step_names_the_floors_drawn(texts):
    """Step 13: ELU and SELU level off below zero at -alpha and -scale * alpha, which the
    caption gives as -1 and -1.76 (PyTorch's defaults, far left of the chart)."""
    import re

    import numpy as np

    import activations
    from activations.numfmt import fmt

    far = np.array([-40.0])
    for name in ("elu", "selu"):
        floor = fmt(float(activations.get(name)(far)[0]), 3).replace("-", "\u2212")
        # a whole number: ELU's "−1" must not be found inside SELU's "−1.76"
        assert re.search(rf"{re.escape(floor)}(?![\d.])", texts["elu_selu_caption"]), name
    assert fmt(float(activations.get("selu")(far)[0]), 3) == "-1.76"


def test_links_keep_repeated_keys_in_order():
    step = tour.step("leaky_family")
    assert step.link() == ("curves?fn=leaky_relu&fn=prelu&fn=rrelu&p0_negative_slope=0.1"
                           "&xmin=-3&xmax=3&dead=true")
    assert tour.neighbours(tour.IDS[0]) == (None, tour.IDS[1])
    assert tour.neighbours(tour.IDS[-1]) == (tour.IDS[-2], None)


def _open_step(apptest, step_id, lang, tour_value=None):
    """The whole app (frame and banner) on the step's page, opened from its link."""
    step = tour.step(step_id)
    query = {**tour_query(step_id), "tour": step_id if tour_value is None else tour_value}
    at = apptest("app.py", lang=lang, run=False, query=query)
    at.switch_page(PAGE_FILES[step.page])
    return at.run()


def _banner(at) -> list[str]:
    """The banner's text: its head line and its caption (Markdown elements in app.py's
    banner container, before the page's title)."""
    texts = [m.value for m in at.markdown]
    return [x for x in texts if f" / {len(tour.IDS)}** · **" in x] + texts[1:2]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("step_id", tour.IDS)
def test_step_link_restores_its_state_and_banner(apptest, step_id, lang):
    step = tour.step(step_id)
    at = _open_step(apptest, step_id, lang)
    assert not at.exception, step_id
    assert not at.warning, [w.value for w in at.warning]  # every value in the link is valid
    texts = getattr(tour_text, lang.upper())
    k = tour.IDS.index(step_id) + 1
    head, caption = _banner(at)
    assert head == f"**{k} / {len(tour.IDS)}** · **{texts[step_id]}**"
    assert caption == texts[f"{step_id}_caption"]
    labels = [b.label for b in at.button]
    assert texts["leave"] in labels
    for key, value in step.params.items():
        if key == "fn":
            wanted = value if isinstance(value, tuple) else (value,)
            names = tuple(at.selectbox(key=f"curve{i}").value for i in range(len(wanted)))
            assert names == wanted
            with pytest.raises(KeyError):
                at.selectbox(key=f"curve{len(wanted)}")
        elif key == "tab" and step.page == "training":
            assert _has_chart(at, TRAINING_TAB_MARK[value]), (step_id, value)
        elif key == "tab":
            assert _tab_index(at) == SOFTMAX_TABS.index(value)
        elif key == "sweep":  # the step opens the animation, its frames ready to play
            spec = next(c.proto.spec for c in at.get("plotly_chart")
                        if c.proto.id.endswith("-chart_sweep"))
            assert len(json.loads(spec)["frames"]) >= 10, step_id
        else:
            assert _as_url(_widget(at, key).value) == _expected(value), (step_id, key)


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "", "x" * 10_000, "nan",
                                 "linear_collapse2", tour.IDS[0].upper()])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_tour_value_warns_and_shows_the_plain_page(apptest, bad, lang):
    at = _open_step(apptest, "relu_dead", lang, tour_value=bad)
    assert not at.exception
    texts = getattr(tour_text, lang.upper())
    assert [w.value for w in at.warning] == [texts["bad_tour"]]
    assert not any(f" / {len(tour.IDS)}** · **" in m.value for m in at.markdown)  # no banner
    assert "tour" not in at.query_params
    assert at.selectbox(key="curve0").value == "relu"  # the step's page, in its state


def _scripts(at) -> list[str]:
    return [h.proto.body for h in at.get("html") if h.proto.unsafe_allow_javascript]


def test_the_banner_brings_the_keys_and_takes_them_away(apptest):
    """The banner sends the tour's keys (ui/tourkeys.js: → / ← and a clicker's Page Down /
    Page Up press its Next / Back); off the tour the page sends no script at all."""
    at = _open_step(apptest, "relu_dead", "en")
    assert _scripts(at) == [tourbar._script()]
    at.button(key="tourbar_leave").click().run()
    assert not at.exception and not _scripts(at)


def test_leave_tour_closes_the_banner_and_keeps_the_page(apptest):
    at = _open_step(apptest, "relu_dead", "en")
    at.button(key="tourbar_leave").click().run()
    assert not at.exception
    assert "tour" not in at.query_params
    assert not any(f" / {len(tour.IDS)}** · **" in m.value for m in at.markdown)
    assert at.selectbox(key="curve1").value == "leaky_relu"


def _has_chart(at, key: str) -> bool:
    """Whether a chart with this key was drawn (a keyed element's id ends in ``-<key>``)."""
    return any(c.proto.id.endswith(f"-{key}") for c in at.get("plotly_chart"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tour_page_starts_and_picks(apptest, lang):
    texts = getattr(tour_text, lang.upper())
    at = apptest("pages/tour.py", lang=lang)
    assert not at.exception and not at.warning
    assert at.button(key="tour_start").label == texts["start"]
    assert at.code[0].value == f"{tour.STEPS[0].link()}&tour={tour.IDS[0]}&lang={lang}"
    assert texts["link_relative"] in [c.value for c in at.caption]  # no address known
    at.selectbox(key="tour_pick").set_value(at.selectbox(key="tour_pick").options[-1]).run()
    assert at.query_params["step"] == tour.IDS[-1]
    assert at.code[0].value.startswith(f"{tour.STEPS[-1].link()}&tour={tour.IDS[-1]}&")
    # A card per step, each with its number and title (read column by column).
    cards = sorted((m.value for m in at.markdown if m.value.startswith("**")),
                   key=lambda text: int(text[2:].split(".")[0]))
    assert cards == [f"**{i + 1}.** {texts[s]}" for i, s in enumerate(tour.IDS)]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_start_on_a_projector_opens_the_first_step_in_presentation_mode(apptest, lang):
    """In normal mode a step's chart starts below a 1280x720 projector's first screen; the
    second button starts the tour with presentation mode on, where every step fits."""
    texts = getattr(tour_text, lang.upper())
    at = apptest("app.py", lang=lang, run=False)
    at.switch_page("pages/tour.py")
    at.run()
    button = at.button(key="tour_start_present")
    assert button.label == texts["start_present"] and not at.session_state["present"]
    button.click().run()
    assert not at.exception
    assert at.session_state["present"] is True
    assert at.query_params["tour"] == tour.IDS[0]
    assert _banner(at)[0].startswith(f"**1 / {len(tour.IDS)}** · **{texts[tour.IDS[0]]}**")
    assert _has_chart(at, TRAINING_TAB_MARK["compare"])  # the first step: training, compare


@pytest.mark.parametrize("present, phone", [(True, False), (False, True)])
def test_start_on_a_projector_only_where_it_changes_something(apptest, present, phone):
    """Not offered where presentation mode is already on, nor on a phone (where the pages
    keep their phone layout)."""
    at = apptest("pages/tour.py", run=False, phone=phone)
    at.session_state["present"] = present
    at.run()
    assert not at.exception
    assert [b.key for b in at.button] == ["tour_start"]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("phone", [False, True])
def test_on_a_phone_the_tour_page_names_the_menu_not_the_keys(apptest, lang, phone):
    # A phone has no arrow keys and folds the sidebar (Share this view) behind its » button.
    texts = getattr(tour_text, lang.upper())
    at = apptest("pages/tour.py", lang=lang, phone=phone)
    assert not at.exception
    intro = texts["intro_touch" if phone else "intro"]
    assert intro in [m.value for m in at.markdown]
    assert ("→" in intro) is not phone and ("»" in intro) is phone


@pytest.mark.parametrize(("url", "base"), [
    ("https://ae.streamlit.app/~/+/tour", "https://ae.streamlit.app/"),
    ("http://lab.example.edu/ae/tour", "http://lab.example.edu/ae/"),
])
def test_tour_page_gives_the_whole_link_for_slides(apptest, url, base):
    """Where the browser says where the app is, the link is whole, to paste as it is."""
    at = apptest("pages/tour.py", lang="ko", query={"step": "relu_dead"}, run=False)
    at.context["url"] = url
    at.run()
    assert not at.exception
    step = tour.step("relu_dead")
    assert at.code[0].value == f"{base}{step.link()}&tour=relu_dead&lang=ko"
    assert KO["link"] in [c.value for c in at.caption]


@pytest.mark.parametrize("step_id", tour.IDS)
def test_tour_page_shows_each_step(apptest, step_id):
    at = apptest("pages/tour.py", lang="ko", query={"step": step_id})
    assert not at.exception and not at.warning
    assert at.subheader[0].value == KO[step_id]
    assert KO[f"{step_id}_caption"] in [m.value for m in at.markdown]


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "", "x" * 10_000, "nan"])
def test_tour_page_rejects_a_bad_step(apptest, bad):
    at = apptest("pages/tour.py", query={"step": bad})
    assert not at.exception
    assert [w.value for w in at.warning] == [EN["bad_step"]]  # names no step id
    assert at.subheader[0].value == "Without a nonlinearity, layers collapse"


@pytest.mark.parametrize("step_id", ["sigmoid_derivative", "sigmoid_vanishing",
                                     "temperature_low", "xor"])
def test_on_a_projector_or_a_phone_the_banner_heads_the_page_for_its_title(apptest, step_id):
    step = tour.step(step_id)
    query = tour_query(step_id)
    titles = {}
    for present, phone in ((False, False), (True, False), (False, True)):
        at = apptest("app.py", lang="en", run=False, phone=phone,
                     query={**query, "tour": step_id, **({"present": "true"} if present else {})})
        at.switch_page(PAGE_FILES[step.page])
        at.run()
        assert not at.exception
        assert any(f" / {len(tour.IDS)}** · **" in m.value for m in at.markdown)  # the banner, each time
        titles[present, phone] = [x.value for x in at.title]
    # the charts get the title's height; on a phone the title and intro took two screens
    assert titles[False, False] and not titles[True, False] and not titles[False, True]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_last_step_offers_to_finish_not_a_next_step(apptest, lang):
    texts = getattr(tour_text, lang.upper())
    links = lambda at: [e.proto.label for e in at.get("page_link")]  # noqa: E731
    last = links(_open_step(apptest, tour.IDS[-1], lang))
    assert texts["finish"] in last and texts["next"] not in last
    before = links(_open_step(apptest, tour.IDS[-2], lang))
    assert texts["next"] in before and texts["finish"] not in before


def test_the_ravine_caption_names_frames_and_says_what_they_show():
    """The last step's caption said NAG was first to the star "by step 30", where NAG and
    Momentum had both passed it (x = 0.39 and 0.51), and nothing of the end, where seven
    runners hid under one dot. Each claim now names a frame of the default race (200
    steps, a frame every 10) and is what that frame shows."""
    steps = 200  # pages/training.py's default race, which the step's link opens
    frames = set((figs._frame_ends(steps, figs.RACE_FRAMES) - 1).tolist())
    en = re.findall(r"(?i)(?:step|at) (\d+)", EN["ravine_caption"])
    named = {"en": [int(n) for n in en],
             "ko": [int(n) for n in re.findall(r"(\d+)스텝", KO["ravine_caption"])]}
    assert named["en"] == named["ko"] == [10, 20, 30, 200] and frames >= set(named["en"])
    path = {n: run_optimizer(n, SURFACES["ravine"], steps) for n in optim.NAMES}

    def gap(name, k):
        return float(np.hypot(*path[name][k]))

    def leaders(k, count):
        return sorted(optim.NAMES, key=lambda n: gap(n, k))[:count]

    assert leaders(10, 1) == ["adagrad"]  # "at step 10 Adagrad leads"
    assert set(leaders(20, 2)) == {"nesterov", "momentum"}  # "at 20 NAG and Momentum do"
    assert abs(path["momentum"][20, 1]) > 0.1 > abs(path["nesterov"][20, 1])  # swinging
    assert all(path[n][k, 0] < 0 for n in ("nesterov", "momentum") for k in (10, 20))
    assert path["nesterov"][30, 0] > 0.3 and path["momentum"][30, 0] > 0.3  # overshot
    on_star = [n for n in optim.NAMES if gap(n, steps) < 0.01]
    assert on_star == [n for n in optim.NAMES if n != "adadelta"]  # "all but AdaDelta"
    sizes = figs.runner_sizes([path[n][steps] for n in optim.NAMES], (-5, 5), (-2, 2))
    assert len({s for s, n in zip(sizes, optim.NAMES) if n in on_star}) == 7  # a ring each
    assert "AdaDelta" in EN["ravine_caption"] and "AdaDelta" in KO["ravine_caption"]


def test_the_tanh_step_draws_the_identity_it_states():
    """The tanh step's link adds the typed formula 2σ(2x) − 1, which lies on tanh (and its
    derivative on tanh′) to float precision, so the caption's "lies exactly on" is true;
    checked against NumPy's tanh, an independent reference."""
    from activations.custom import parse_activation
    from activations.explore import Grid

    step = tour.step("tanh")
    assert step.params["fn"] == ("sigmoid", "tanh")
    assert "expr=2%2Asigmoid%282%2Ax%29-1" in step.query()
    act = parse_activation(step.params["expr"])
    for x in (Grid().x(), np.linspace(-1e4, 1e4, 2001)):
        np.testing.assert_allclose(act(x), np.tanh(x), rtol=0, atol=1e-12)
        np.testing.assert_allclose(act.grad(x), 1 - np.tanh(x) ** 2, rtol=0, atol=1e-12)
    for texts in (EN, KO):  # the caption names the drawn formula, and the notes' one kindly
        assert "2σ(2x) − 1" in texts["tanh_caption"]
        assert "tanh(x/2)" in texts["tanh_caption"]


def test_the_tanh_steps_formula_stays_out_of_later_steps(apptest):
    """The typed formula is kept across pages for the session (ui/custom.py); the tour's
    later explorer steps draw only their own curves."""
    at = _open_step(apptest, "tanh", "en")
    assert at.text_input(key="expr").value == "2*sigmoid(2*x)-1"
    at.query_params.clear()
    at.query_params.update(tour_query("relu_dead"), tour="relu_dead")
    at.run()
    assert not at.exception
    assert at.text_input(key="expr").value in ("", None)
    names = [tr["name"] for el in at.get("plotly_chart")
             for tr in json.loads(el.proto.spec)["data"] if "x0" in tr]
    assert names and not any("Custom" in n for n in names), names


# Keys of a step's link that the page left had bound to a widget of its own, which
# Streamlit drops on the switch (seen in Chromium): Back from dead_training (the training
# lab's `width`) to narrow_relu, Next from zigzag (the training lab's formula box) to tanh.
DROPPED = [("narrow_relu", "width"), ("tanh", "expr")]


@pytest.mark.parametrize("step_id, key", DROPPED)
def test_a_step_gets_back_what_streamlit_dropped_from_its_link(apptest, step_id, key):
    """The page opens with the link's value, not its default (the narrow-ReLU step at
    width 128, the tanh step without the 2σ(2x) − 1 its caption speaks of), and the address
    carries it again (a reload, a shared link)."""
    step = tour.step(step_id)
    query = tour_query(step_id, without={key})
    at = apptest("app.py", lang="en", run=False, query={**query, "tour": step_id})
    at.switch_page(PAGE_FILES[step.page]).run()
    assert not at.exception and not at.warning
    assert _as_url(_widget(at, key).value) == _expected(step.params[key])
    assert at.query_params[key] == step.params[key]
    if key == "expr":
        assert _custom_names(at)


def _custom_names(at) -> list[str]:
    return [tr["name"] for el in at.get("plotly_chart")
            for tr in json.loads(el.proto.spec)["data"] if "Custom" in tr.get("name", "")]


@pytest.mark.parametrize("own", ["x*sigmoid(x)", None])
def test_a_formula_typed_before_the_tour_waits_and_comes_back(apptest, own):
    """The tour shows each step as its link says: a formula the person typed before it stays
    out of every step, is not replaced by the tanh step's 2σ(2x) − 1, and is back in the box
    at their first page switch after leaving (the page they leave stays as it was)."""
    at = apptest("app.py", lang="en", run=False)
    at.switch_page(PAGE_FILES["curves"]).run()
    if own:
        at.text_input(key="expr").input(own).run()
        assert _custom_names(at)

    def open_step(step_id):
        at.query_params.clear()
        at.query_params.update(tour_query(step_id), tour=step_id)
        at.run()
        assert not at.exception
        return at.text_input(key="expr").value or ""

    assert open_step("relu_dead") == "" and not _custom_names(at)
    assert open_step("tanh") == "2*sigmoid(2*x)-1"
    assert open_step("relu_dead") == "" and not _custom_names(at)
    at.button(key="tourbar_leave").click().run()
    assert "tour" not in at.query_params and not at.exception
    assert (at.text_input(key="expr").value or "") == "" and not _custom_names(at)
    at.run()  # a rerun on the page left as it was keeps the waiting formula
    for page in ("gradient_flow", "curves"):
        at.query_params.clear()
        at.switch_page(PAGE_FILES[page]).run()
        assert not at.exception
        assert (at.text_input(key="expr").value or "") == (own or "")
    assert bool(_custom_names(at)) == bool(own)


def test_the_dead_training_caption_counts_what_the_run_does():
    """Step "dead_training": at learning rate 10 SGD leaves 6 of ReLU's 8 units dead for
    good; where the other 2 output 0 too the network says 50% (the white region, a large
    part of the picture); LeakyReLU keeps all 8 and solves XOR. Written out from each run's
    final weights at the step's settings (the page's defaults otherwise: 500 steps)."""
    from scipy.special import expit

    from activations import training

    p = tour.step("dead_training").params
    assert (p["act"], p["act_b"], p["optimizer"], float(p["lr"])) == ("relu", "leaky_relu",
                                                                      "sgd", 10.0)
    X, y = training.load_data(p["dataset"])

    def run(act):
        r = training.train_mlp(p["dataset"], hidden=(8,), activation=act, optimizer="sgd",
                               lr=10.0)
        slope = 0.0 if act == "relu" else 0.01  # torch's LeakyReLU default
        z = X @ r.weights[0] + r.biases[0]  # (n, 8)
        h = np.where(z > 0, z, slope * z)
        p_out = expit(h @ r.weights[1] + r.biases[1]).ravel()  # (n,)
        return r, h, float(np.mean((p_out > 0.5) == y))

    relu, h, acc = run("relu")
    dead = ~h.any(axis=0)  # (8,) output 0 on every training point
    assert dead.sum() == 6 and acc == 0.75 and relu.dead.revived == 0
    gx, gy = np.meshgrid(relu.grid_x, relu.grid_y)  # (G, G) each, rows follow grid_y
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)  # (G*G, 2)
    hg = np.maximum(grid @ relu.weights[0] + relu.biases[0], 0.0)  # (G*G, 8)
    silent = ~hg[:, ~dead].any(axis=1)  # where the 2 living units output 0 too
    white = expit(relu.biases[1][0])
    assert abs(white - 0.5) < 0.005 and silent.mean() > 0.3
    assert np.allclose(relu.grid_probability.ravel()[silent], white, atol=1e-6)
    leaky, h, acc = run("leaky_relu")
    assert h.any(axis=0).all() and acc == 1.0 and leaky.final_accuracy == 1.0
    for caption, words in ((EN["dead_training_caption"], ("learning rate 10", "6 of ReLU's 8",
                                                          "50%", "all 8")),
                           (KO["dead_training_caption"], ("학습률 10", "8개 중 6개", "50%",
                                                          "8개 모두"))):
        assert all(w in caption for w in words), (caption, words)


# A step of each page and tab whose head is laid out compactly during the tour, with the
# texts (catalog keys of the page) that then wait behind a click or under the chart.
COMPACT_HEADS = {
    "sigmoid_vanishing": ("gradient_flow", ("intro", "presets_help", "grad_title")),
    "linear_collapse": ("training", ("intro", "compare_intro")),
    "xor": ("training", ("intro",)),
    "zigzag": ("training", ("intro", "zigzag_intro", "zigzag_rule")),
    "ravine": ("training", ("intro", "race_intro")),
    "temperature_low": ("softmax", ("intro",)),
    "cross_entropy": ("softmax", ("intro", "example_intro")),
    "mse_mae": ("softmax", ("intro", "regression_intro")),
}


def _above_the_chart(at) -> tuple[list[str], list[str]]:
    """What the page shows above its first chart without a click: its texts (Markdown,
    captions, headings; not those inside a popover or a folded expander) and the labels of
    its open expanders."""
    texts, opened, done = [], [], False

    def walk(node) -> None:
        nonlocal done
        kind = getattr(node, "type", None)
        if done or kind == "popover":
            return
        if kind == "plotly_chart":
            done = True
            return
        if kind == "expandable":
            if not node.proto.expandable.expanded:
                return
            opened.append(node.proto.expandable.label)
        if kind in ("markdown", "caption", "subheader", "title"):
            texts.append(node.value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    assert done, "no chart"
    return texts, opened


def _charts_look(at) -> dict[str, tuple]:
    """Each chart's font size and height: the projector's look, which the tour leaves as
    it is."""
    return {c.proto.id.rsplit("-", 1)[-1]: (json.loads(c.proto.spec)["layout"]["font"]["size"],
                                             json.loads(c.proto.spec)["layout"].get("height"))
            for c in at.get("plotly_chart")}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("step_id", COMPACT_HEADS)
def test_a_step_in_normal_mode_lays_its_page_out_compactly(apptest, step_id, lang):
    """Taken alone in normal mode (1280x720, sidebar open), most steps' charts lay below the
    first screen, under the page's full intro and open settings. During the tour the page
    lays out its head as presentation mode does: one line of intro, the rest and the
    controls a click away (or under the chart), so the chart starts on the first screen.
    The charts keep their normal look, and leaving the tour gives the full layout back."""
    page, waiting = COMPACT_HEADS[step_id]
    texts = catalog(page, lang)
    at = _open_step(apptest, step_id, lang)
    assert not at.exception
    shown, opened = _above_the_chart(at)
    assert texts["intro_short"] in shown, shown
    assert not [key for key in waiting if texts[key] in shown], shown
    assert not opened  # the settings are folded or in a popover
    look = _charts_look(at)
    assert look and all(size != 20 for size, _ in look.values())  # not the projector's

    if lang == "en":
        at.button(key="tourbar_leave").click().run()
    else:  # (AppTest reruns a Korean page's pickers in English: the link without the tour)
        step = tour.step(step_id)
        at = apptest("app.py", lang=lang, run=False, query=tour_query(step_id))
        at.switch_page(PAGE_FILES[step.page])
        at.run()
    assert not at.exception and "tour" not in at.query_params
    shown, _ = _above_the_chart(at)
    assert all(texts[key] in shown for key in waiting), [k for k in waiting
                                                          if texts[k] not in shown]
    assert texts["intro_short"] not in shown
    assert _charts_look(at) == look


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_on_the_tour_the_softmax_texts_find_the_logits_in_the_open_sidebar(apptest, lang):
    """During the tour the logits and class names are in the sidebar, as on a projector,
    but the sidebar is open: the texts that point there name no » button."""
    texts = catalog("softmax", lang)
    at = _open_step(apptest, "temperature_low", lang)
    assert at.sidebar.text_input(key="logits").value == "1,3,0,2"
    assert texts["animation_caption_tour"] in [c.value for c in at.caption]
    at = apptest("pages/softmax.py", lang=lang,
                 query={"tab": "stability", "tour": "temperature_low"})
    assert not at.exception
    assert texts["stability_intro_tour"] in [m.value for m in at.markdown]
    for key in ("animation_caption_tour", "stability_intro_tour"):
        assert texts["controls"] in texts[key] and "»" not in texts[key]

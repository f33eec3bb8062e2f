"""The guided tour: every step's link restores its state on its page, in both languages."""

from __future__ import annotations

import pytest

from activations import tour
from ui.text.tour import KO

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


def test_links_keep_repeated_keys_in_order():
    step = tour.step("softplus")
    assert step.link() == "curves?fn=softplus&fn=softplus&fn=relu&p1_beta=10&xmin=-3&xmax=3"
    assert tour.neighbours(tour.IDS[0]) == (None, tour.IDS[1])
    assert tour.neighbours(tour.IDS[-1]) == (tour.IDS[-2], None)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("step_id", tour.IDS)
def test_step_link_restores_its_state(apptest, step_id, lang):
    step = tour.step(step_id)
    query = {k: list(v) if isinstance(v, tuple) else v for k, v in step.params.items()}
    at = apptest(PAGE_FILES[step.page], lang=lang, query=query)
    assert not at.exception, step_id
    assert not at.warning, [w.value for w in at.warning]  # every value in the link is valid
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
        else:
            assert _as_url(_widget(at, key).value) == _expected(value), (step_id, key)


def _has_chart(at, key: str) -> bool:
    """Whether a chart with this key was drawn (a keyed element's id ends in ``-<key>``)."""
    return any(c.proto.id.endswith(f"-{key}") for c in at.get("plotly_chart"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tour_page_walks_forward_and_back(apptest, lang):
    at = apptest("pages/tour.py", lang=lang)
    assert not at.exception and not at.warning
    assert at.button(key="tour_back").disabled
    assert at.code[0].value == f"{tour.STEPS[0].link()}&lang={lang}"
    at.button(key="tour_next").click().run()
    assert at.query_params["step"] == tour.IDS[1]
    assert at.code[0].value.startswith(tour.STEPS[1].link())
    at.selectbox(key="tour_pick").set_value(at.selectbox(key="tour_pick").options[-1]).run()
    assert at.query_params["step"] == tour.IDS[-1]
    assert at.button(key="tour_next").disabled
    at.button(key="tour_back").click().run()
    assert at.query_params["step"] == tour.IDS[-2]


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
    assert len(at.warning) == 1 and "script" not in at.warning[0].value
    assert at.subheader[0].value == "Without a nonlinearity, layers collapse"

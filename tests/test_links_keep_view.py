"""Every page keeps its whole view in the URL (README, "Shareable links"): each control a
visitor sets is either bound to the link (``bind="query-params"``) or kept in it by the
page (readable names on screen, code names in the link), or it acts on other controls
that are. A control that is none of these loses its value in a shared link; gradient
flow's normalisation and the race's surface once did, and the tour step MSE vs MAE could
not set its outlier.

The inventory runs every page and tab alone under AppTest, so a new control fails here
until it is bound, kept (with a link that sets it, checked below) or named an action.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

KINDS = ("slider", "select_slider", "selectbox", "radio", "toggle", "checkbox",
         "number_input", "multiselect", "text_input", "segmented_control")

VIEWS = [
    ("pages/curves.py", {}),
    ("pages/curves.py", {"fn": ["relu", "rrelu"], "scale": "true"}),  # parameters, k, train
    ("pages/gradient_flow.py", {}),
    ("pages/playground.py", {}),
    ("pages/tour.py", {}),
    *[("pages/softmax.py", {"tab": tab}) for tab in
      ("softmax", "target", "example", "binary", "regression", "stability")],
    *[("pages/training.py", {"tab": tab}) for tab in ("train", "compare", "zigzag", "race")],
]

# Kept in the link by the page, with a value that is not the default: the link must set it.
# (page, key): (query, the widget's value then)
KEPT = {
    ("pages/curves.py", "curve0"): ({"fn": "gelu"}, "gelu"),
    ("pages/curves.py", "curve1"): ({"fn": ["relu", "selu"]}, "selu"),
    ("pages/curves.py", "curve2"): ({"fn": ["relu", "elu", "mish"]}, "mish"),
    ("pages/curves.py", "sweep"): ({"fn": "softplus", "sweep": "beta"}, "beta"),
    ("pages/gradient_flow.py", "act"): ({"act": "selu"}, ["selu"]),
    ("pages/gradient_flow.py", "init"): ({"init": "orthogonal"}, ["orthogonal"]),
    ("pages/gradient_flow.py", "norm"): ({"norm": "layer"}, "layer"),
    ("pages/playground.py", "data"): ({"data": "xor"}, "xor"),
    ("pages/playground.py", "a1"): ({"a1": "relu"}, "relu"),
    ("pages/playground.py", "a2"): ({"a2": "sigmoid"}, "sigmoid"),
    ("pages/playground.py", "optimizer"): ({"optimizer": "sgd"}, "sgd"),
    ("pages/playground.py", "batch"): ({"batch": "10"}, "10"),
    ("pages/playground.py", "feat"): ({"feat": ["x1", "x1x2"]}, ["x1", "x1x2"]),
    ("pages/playground.py", "reg"): ({"reg": "l2"}, "l2"),
    ("pages/tour.py", "tour_pick"): ({"step": "xor"}, "2. A nonlinearity solves XOR"),
    ("pages/softmax.py", "drag"): ({"tab": "target", "drag": "3"}, 2),
    ("pages/softmax.py", "sweep"): ({"sweep": "3"}, 2),
    ("pages/training.py", "dataset"): ({"dataset": "moons"}, "moons"),
    ("pages/training.py", "act"): ({"act": "relu"}, "relu"),
    ("pages/training.py", "optimizer"): ({"optimizer": "sgd"}, "sgd"),
    ("pages/training.py", "act_b"): ({"tab": "compare", "act_b": "sigmoid"}, "sigmoid"),
    ("pages/training.py", "surface"): ({"tab": "race", "surface": "saddle"}, "saddle"),
}

# Controls that act on others (which are in the link) rather than hold a view of their own.
ACTIONS = {
    ("pages/curves.py", "preset"),  # sets the curves and their range
    ("pages/curves.py", "add"),  # adds a curve (fn)
    ("pages/softmax.py", "preset"),  # writes the logits
    ("pages/softmax.py", "target_pick"),  # writes the target
    *{("pages/softmax.py", f"z{i}") for i in range(10)},  # each drags one logit (logits)
}


def _inventory(page: str, query: dict) -> list[tuple[str, str, bool]]:
    """(key, kind, bound) of each keyed control the view draws."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, (page, query)
    found = []
    for kind in KINDS:
        for widget in at.get(kind):
            if widget.key is not None:
                found.append((widget.key, kind, widget.proto.HasField("query_param_key")))
    return found


@pytest.mark.parametrize(("page", "query"), VIEWS)
def test_every_control_is_in_the_link_or_acts_on_one(page, query):
    loose = [(key, kind) for key, kind, bound in _inventory(page, query)
             if not bound and (page, key) not in KEPT and (page, key) not in ACTIONS]
    assert not loose, f"{page} {query}: not kept in the link: {loose}"


@pytest.mark.parametrize(("page", "key"), sorted(KEPT))
def test_a_link_sets_each_kept_control(page, key):
    query, expected = KEPT[(page, key)]
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception and not at.warning, (page, key)
    (widget,) = [w for kind in KINDS for w in at.get(kind) if w.key == key]
    assert widget.value == expected

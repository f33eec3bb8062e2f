"""The custom-formula box (ui/custom.py) on the explorer, gradient flow and training pages."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
from scipy.special import expit

from ui.text.custom import EN as CUSTOM

CURVES = "pages/curves.py"
NAME = CUSTOM["name"]


def _array(value) -> np.ndarray:
    if isinstance(value, dict):  # Plotly's base64 typed array
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    return np.asarray(value, dtype=float)


def _traces(at, which: int) -> dict[str, dict]:
    """Curve traces (drawn on the shared grid) of chart ``which`` (0: f, 1: f'), by name."""
    spec = json.loads(at.get("plotly_chart")[which].proto.spec)
    return {tr["name"]: tr for tr in spec["data"] if "x0" in tr}


def _custom(at, which: int) -> dict:
    """The formula's trace (its name is NAME, with parameters when they are set)."""
    found = [tr for name, tr in _traces(at, which).items() if name.startswith(NAME)]
    assert len(found) == 1
    return found[0]


def _xy(trace: dict) -> tuple[np.ndarray, np.ndarray]:
    y = _array(trace["y"])
    return trace["x0"] + np.arange(len(y)) * trace["dx"], y


def _type(at, text: str):
    at.text_input(key="expr").input(text).run()
    assert not at.exception
    return at


def _errors(at) -> str:
    return " ".join(str(e.value) for e in at.error)


# ---------------------------------------------------------------- the explorer


def test_formula_plots_f_and_its_derivative(apptest):
    at = _type(apptest(CURVES), "x * sigmoid(1.702 * x)")
    assert not at.error and not at.warning
    f, df = _traces(at, 0), _traces(at, 1)
    assert list(f) == ["Sigmoid", "Tanh", "ReLU", NAME]  # the registry curves stay
    x, y = _xy(f[NAME])
    _, dy = _xy(df[NAME])
    s = expit(1.702 * x)  # independent closed forms of x s(kx) and its derivative
    np.testing.assert_allclose(y, (x * s).astype(np.float32), rtol=2.5e-7, atol=1e-30)
    np.testing.assert_allclose(dy, (s + 1.702 * x * s * (1 - s)).astype(np.float32),
                               rtol=1e-6, atol=1e-7)
    # the formula and its derivative are shown in LaTeX
    latex = [str(el.value).strip("$\n") for el in at.latex]
    assert r"f(x) = x \sigma\left(1.702 x\right)" in latex
    assert any(s.startswith("f'(x) = ") and r"\sigma" in s for s in latex)


def test_parameter_becomes_a_slider(apptest):
    at = _type(apptest(CURVES), "tanh(x) + a*x")
    slider = at.slider(key="expr_a")
    assert slider.value == 1.0
    x, before = _xy(_custom(at, 0))
    np.testing.assert_allclose(before, np.tanh(x) + x, rtol=1e-6, atol=1e-6)
    slider.set_value(-0.5).run()
    assert not at.exception
    x, after = _xy(_custom(at, 0))
    np.testing.assert_allclose(after, np.tanh(x) - 0.5 * x, rtol=1e-6, atol=1e-6)
    _, dy = _xy(_custom(at, 1))
    np.testing.assert_allclose(dy, 1 - np.tanh(x) ** 2 - 0.5, rtol=1e-6, atol=1e-6)


HOSTILE = ["__import__('os')", "x.__class__", "9**9**9", "(" * 200, "x+" * 100,
           "<script>alert(1)</script>", "exp(x) if x else 0", "x[0]", "lambda: 1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_formula_shows_an_error_and_the_page_works(apptest, text):
    at = _type(apptest(CURVES), text)
    assert at.error, text
    assert "This formula can't be used" in _errors(at)
    f = _traces(at, 0)
    assert list(f) == ["Sigmoid", "Tanh", "ReLU"]  # the other curves are still drawn
    # the typed text is never rendered as markdown or in the message
    rendered = " ".join(str(el.value) for el in [*at.markdown, *at.error, *at.warning,
                                                   *at.caption])
    assert "script" not in rendered and "__" not in rendered
    # and the page keeps working: a valid formula afterwards is drawn
    _type(at, "max(x, 0.1 * x)")
    assert not at.error and NAME in _traces(at, 0)


@pytest.mark.parametrize("text", ["(" * 500, "x+" * 150])
def test_too_long_input_is_not_taken(apptest, text):
    """The box holds at most 200 characters (the browser stops typing there)."""
    at = _type(apptest(CURVES), text)
    assert len(at.text_input(key="expr").value) <= 200
    assert at.error or list(_traces(at, 0)) == ["Sigmoid", "Tanh", "ReLU"]
    assert list(_traces(at, 0))[:3] == ["Sigmoid", "Tanh", "ReLU"]


def test_error_names_the_position(apptest):
    at = _type(apptest(CURVES), "x + foo(x)")
    assert "at character 5" in _errors(at)
    fragment = [c.value for c in at.code if c.language == "plaintext"]
    assert fragment == ["x + foo(x)\n    ^"]  # the text, shown as plain code


def test_link_restores_the_formula(apptest):
    at = apptest(CURVES, query={"expr": "softplus(b*x)/b", "expr_b": "2"})
    assert not at.exception and not at.warning and not at.error
    assert at.text_input(key="expr").value == "softplus(b*x)/b"
    assert at.slider(key="expr_b").value == 2.0
    x, y = _xy(_custom(at, 0))
    np.testing.assert_allclose(y, np.logaddexp(0, 2 * x) / 2, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("bad", ["__import__('os')", "9**9**9", "x" * 10_000, "<script>"])
def test_bad_formula_in_a_link_is_cleared_with_a_warning(apptest, bad):
    at = apptest(CURVES, query={"expr": bad})
    assert not at.exception
    assert any(CUSTOM["bad_link"].format(name="expr") == w.value for w in at.warning)
    assert at.text_input(key="expr").value == ""
    assert "expr" not in at.query_params
    assert list(_traces(at, 0)) == ["Sigmoid", "Tanh", "ReLU"]


def test_overflow_gives_a_note_not_a_crash(apptest):
    at = apptest(CURVES, query={"xmax": "10000"})
    _type(at, "exp(x)")
    notes = " ".join(w.value for w in at.warning)
    assert "overflowed" in notes
    x, y = _xy(_custom(at, 0))
    big = x > 89  # exp overflows float32 (what is sent) above ~88.7
    assert np.all(np.isnan(y[x > 710]))  # beyond float64: left out (a gap)
    assert np.all(np.isfinite(y[~big]))


# Markdown (as Streamlit renders it) treats these as markup outside inline code; a message
# that shows one of them must put it in backticks. (CommonMark: emphasis * _, code `,
# escapes \\, links [ ], HTML < >, strikethrough ~, tables |, headings #.)
MARKUP = re.compile(r"[*_`\\\[\]<>~|#]")
CODE_SPAN = re.compile(r"`[^`]+`")


def _outside_code(markdown: str) -> str:
    return CODE_SPAN.sub("", markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_message_shows_its_symbols_literally(lang):
    from ui.text import custom as catalog

    texts = getattr(catalog, lang.upper())
    fields = {"functions": "`exp`, `log`", "choice": "Custom f(x)", "limit": "10",
              "parts": "300", "name": "expr", "pos": "3", "what": "f(x)", "n": "2",
              "total": "10", "reason": "r", "where": ""}
    for key, text in texts.items():
        if key == "placeholder":  # shown as plain text, not Markdown
            continue
        shown = _outside_code(text.format(**fields))
        assert not MARKUP.search(shown), (lang, key, shown)
        assert shown.count("`") == 0 and text.count("`") % 2 == 0, (lang, key)


def test_every_refusal_has_a_message():
    # Each code the library raises (read off its _fail calls) has its own catalog entry.
    import inspect

    from activations import custom as library
    from ui import custom as box
    from ui.text.custom import EN, KO

    raised = set(re.findall(r'_fail\(\s*"(\w+)"', inspect.getsource(library)))
    assert raised - {"unsupported"} <= box._CODES  # "unsupported": a defensive check only
    assert {f"err_{c}" for c in box._CODES} <= EN.keys() & KO.keys()


@pytest.mark.parametrize("lang, typed, expected", [
    ("en", "2x", "write products with `*`, e.g. `2*x`"),
    ("ko", "2x", "곱셈은 `2*x`처럼 `*`로 씁니다"),
    ("en", "x ** 11", "(the limit is 10)"),
    ("en", "tanh(" * 7 + "x" + ")" * 7, "(at most 6 inside one another)"),
])
def test_error_markdown_keeps_code_in_backticks(apptest, lang, typed, expected):
    at = _type(apptest(CURVES, lang=lang), typed)
    assert expected in _errors(at)
    assert at.error[0].icon == ":material/block:"


def test_korean_messages(apptest):
    from ui.text.custom import KO

    at = apptest(CURVES, lang="ko")
    _type(at, "x +")
    assert _errors(at).startswith(KO["error"].split(":")[0])


# ---------------------------------------------------------------- the other labs


def test_gradient_flow_runs_the_custom_activation(apptest):
    at = apptest("pages/gradient_flow.py",
                 query={"expr": "x * sigmoid(x)", "act": ["relu", "custom"],
                        "depth": "3", "width": "8", "batch": "16"})
    assert not at.exception and not at.warning
    assert at.multiselect(key="act").value == ["relu", "custom"]
    names = [tr["name"] for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]]
    assert any(NAME in n for n in names)


def test_gradient_flow_without_formula_refuses_custom_in_a_link(apptest):
    at = apptest("pages/gradient_flow.py", query={"act": ["custom"], "depth": "3",
                                                  "width": "8", "batch": "16"})
    assert not at.exception
    assert at.warning
    assert "custom" not in at.multiselect(key="act").value


def test_training_trains_the_custom_activation(apptest):
    from activations import training
    from activations.custom import parse_activation
    from activations.numfmt import fmt

    at = apptest("pages/training.py",
                 query={"expr": "tanh(a*x)", "expr_a": "2", "act": "custom", "steps": "50",
                        "points": "40"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="act").value == "custom"
    assert at.get("plotly_chart")  # the decision boundary and the curves were drawn
    # the page trained tanh(2x): its final loss is the library's for that activation
    steps = training.cap_steps(40, (8,), 50)
    common = dict(hidden=(8,), optimizer="adam", lr=training.TRAIN_LR["adam"], steps=steps,
                  seed=0, n=40, noise=0.1)
    mine = training.train_mlp("xor", activation=parse_activation("tanh(a*x)"),
                              params={"a": 2.0}, **common)
    plain = training.train_mlp("xor", activation="tanh", **common)
    shown = at.metric[1].value
    assert shown == fmt(mine.final_loss) != fmt(plain.final_loss)  # the app's number format


@pytest.mark.parametrize("a, in_link", [(2.0, "2.0"), (1.0, None)])
def test_formula_comes_back_after_a_page_switch(apptest, a, in_link):
    """The box keeps this session's last formula and values across pages, and puts them
    back into the address as the widgets would (a parameter at its default stays out):
    the page showed the formula while "Share this view" and a reload had none."""
    at = apptest(CURVES, run=False)
    at.session_state["_custom_formula"] = {"expr": "tanh(a*x)", "expr_a": a}
    at.run()
    assert not at.exception and not at.warning
    assert at.text_input(key="expr").value == "tanh(a*x)"
    x, y = _xy(_custom(at, 0))
    np.testing.assert_allclose(y, np.tanh(a * x), rtol=1e-6, atol=1e-6)
    assert at.query_params["expr"] == "tanh(a*x)"
    assert at.query_params.get("expr_a") == in_link
    at.run()  # and the link is read back as the same view
    assert not at.exception and not at.warning
    assert (at.text_input(key="expr").value, at.slider(key="expr_a").value) == ("tanh(a*x)", a)


def test_a_refused_formula_comes_back_to_the_box_but_not_into_the_link(apptest):
    at = apptest(CURVES, run=False)
    at.session_state["_custom_formula"] = {"expr": "tanh(x"}
    at.run()
    assert not at.exception and not at.warning
    assert at.text_input(key="expr").value == "tanh(x" and at.error
    assert "expr" not in at.query_params


def test_bad_parameter_in_a_link_warns_and_uses_the_default(apptest):
    at = apptest(CURVES, query={"expr": "tanh(a*x)", "expr_a": "99"})
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "The link's `expr_a` is not a number between -5 and 5; using 1."]
    assert at.slider(key="expr_a").value == 1.0


def test_details_tab_of_the_formula(apptest):
    at = apptest(CURVES, query={"expr": "tanh(a*x)", "expr_a": "2"})
    at.session_state["details"] = at.tabs[-1].label
    at.run()
    assert not at.exception
    assert at.tabs[-1].label == f"4. {NAME} (a=2)"
    blocks = re.findall(r"```python\n(.*?)\n```", "\n".join(str(m.value) for m in at.markdown),
                        re.S)
    assert blocks == ["np.tanh(2.0 * x)", "torch.tanh(2.0 * x)"]

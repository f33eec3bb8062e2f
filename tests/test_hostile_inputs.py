"""Hostile and odd links, table-driven, for every page (AppTest, no browser).

Which URL keys a page reads is not listed by hand: every widget bound with
``bind="query-params"`` carries its URL key in its proto (``query_param_key``), with its
range or options, so the table is built from a clean run of each page. Each case then puts
one odd value into *every* bound key at once and checks, key by key, the rule a visitor
relies on:

- a value the widget can't take gives a visible warning that names the key, and the widget
  shows its default;
- a value the page accepts (no warning about the key) is the value the widget shows: nothing
  is dropped silently, and no warning says "using the default" while showing another value;
- nothing the link says is echoed into text, Markdown, alerts, LaTeX, code or charts;
- no exception, ever.

When every key in a case is invalid, the charts must be exactly the default view's charts.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert(1)</script>"
LONG = "x" * 10_000
SQL = "relu'); DROP TABLE runs;--"
UNKNOWN = "swish2"
LOOKALIKE_WIDE = "ｒｅｌｕ"  # fullwidth letters
LOOKALIKE_CYRILLIC = "r\u0435lu"  # Cyrillic e
WIDE_DIGITS = "１０"  # fullwidth 10: Python's float() and int() read it as 10

# value -> True when it can never be a valid value for any key (numbers, names, flags)
ODD_VALUES = {
    "nan": True, "inf": True, "-inf": True, "-0": False, "1e308": True, "-5": False,
    "": True, LONG: True, SCRIPT: True, SQL: True, UNKNOWN: True, LOOKALIKE_WIDE: True,
    LOOKALIKE_CYRILLIC: True, WIDE_DIGITS: False, "1e400": True, "0x10": True, " 5": False,
    "2.5e0": False, "TRUE": False,
}
# Distinctive hostile strings that must never be shown anywhere on a page.
NOT_ECHOED = {SCRIPT: ("<script", "alert(1)"), LONG: ("x" * 40,), SQL: ("DROP TABLE",),
              UNKNOWN: (UNKNOWN,), LOOKALIKE_WIDE: (LOOKALIKE_WIDE,),
              LOOKALIKE_CYRILLIC: (LOOKALIKE_CYRILLIC,)}


@dataclass(frozen=True)
class Config:
    """One page, possibly opened with a base link that brings more bound widgets on."""

    path: str
    base: dict
    extra_keys: tuple = ()  # URL keys the page reads itself, without a bound widget
    structural: tuple = ()  # base keys the cases leave alone (they shape the page)


# The tabs a page's ``tab`` may open (its lazy tabs' ids, written out here).
TABS = {"softmax": ("softmax", "target", "example", "binary", "regression", "stability"),
        "training": ("train", "compare", "zigzag", "race")}


def _extra_options(name: str, key: str) -> tuple[str, ...]:
    """The values a widgetless URL key of page ``name`` may hold."""
    if key == "fn":
        import activations
        return tuple(activations.names())
    if key == "step":
        from activations import tour
        return tuple(tour.IDS)
    if key == "tab":
        return TABS[name]
    raise KeyError(key)


CONFIGS = {
    # app.py runs the home page (the default) inside the frame: `lang` and `present`.
    "frame+home": Config("app.py", {}),
    "curves": Config("pages/curves.py", {}, extra_keys=("fn",)),
    # Parameter sliders, a selectbox parameter (GELU's approximate), RReLU's toggle, k.
    "curves-params": Config("pages/curves.py",
                            {"fn": ["leaky_relu", "rrelu", "gelu"], "scale": "true"},
                            structural=("fn", "scale")),
    "gradient_flow": Config("pages/gradient_flow.py", {}),
    "softmax": Config("pages/softmax.py", {}, extra_keys=("tab",)),
    "training": Config("pages/training.py", {}, extra_keys=("tab",)),
    "tour": Config("pages/tour.py", {}, extra_keys=("step",)),
}


# ---------------------------------------------------------------- running a page


def _run(config: Config, query: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / config.path), default_timeout=60)
    for key, value in {**config.base, **query}.items():
        at.query_params[key] = value
    at.run()
    return at


def _walk(block):
    for child in getattr(block, "children", {}).values():
        yield child
        yield from _walk(child)


def _bound(at: AppTest) -> dict:
    """URL key -> the widget bound to it."""
    found = {}
    for root in (at.main, at.sidebar):
        for node in _walk(root):
            key = getattr(getattr(node, "proto", None), "query_param_key", "")
            if key:
                found[key] = node
    return found


def _shown(widget):
    """What a widget shows, spelled as the URL spells it (options as their labels)."""
    kind = widget.type
    if kind in ("selectbox", "radio", "select_slider"):
        value = widget.value
        return None if value is None else str(widget.format_func(value))
    if kind == "multiselect":
        return [str(widget.format_func(v)) for v in widget.value]
    return widget.value


def _specs(at: AppTest) -> list[str]:
    return [el.proto.spec for el in at.get("plotly_chart")]


def _plain(value):
    """A figure's JSON without empty entries: a freshly built figure has ``title: {}``
    where one from the cache has none, and lists its keys in another order."""
    if isinstance(value, dict):
        return {k: v for k, v in ((k, _plain(v)) for k, v in value.items())
                if v not in ({}, None)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _charts(at: AppTest) -> list[dict]:
    return [_plain(json.loads(spec)) for spec in _specs(at)]


def _texts(at: AppTest) -> str:
    """Everything a page renders as text, plus its chart JSON (Plotly renders some HTML)."""
    parts = []
    for kind in ("markdown", "caption", "latex", "title", "header", "subheader", "text",
                 "code", "warning", "info", "error", "success", "exception"):
        parts += [str(el.value) for el in at.get(kind)]
    parts += [f"{m.label}\n{m.value}" for m in at.metric]
    parts += _specs(at)
    return "\n".join(parts)


@dataclass(frozen=True)
class Spec:
    """A bound widget's rules, read from its proto, and its default."""

    kind: str
    default: object
    lo: float | None = None
    hi: float | None = None
    integer: bool = False
    options: tuple = ()
    max_selections: int = 0


def _spec(widget) -> Spec:
    kind, proto = widget.type, widget.proto
    default = _shown(widget)
    if kind in ("slider", "number_input"):
        integer = proto.data_type == type(proto).INT
        lo = proto.min if kind == "slider" or proto.has_min else -math.inf
        hi = proto.max if kind == "slider" or proto.has_max else math.inf
        return Spec(kind, default, lo, hi, integer)
    if kind in ("selectbox", "radio", "select_slider", "multiselect"):
        return Spec(kind, default, options=tuple(proto.options),
                    max_selections=getattr(proto, "max_selections", 0))
    return Spec(kind, default)


@cache
def _default(name: str):
    """The page's clean run: bound widget specs, chart JSON."""
    config = CONFIGS[name]
    at = _run(config, {})
    assert not at.exception, at.exception
    specs = {key: _spec(w) for key, w in _bound(at).items() if key not in config.structural}
    return specs, _charts(at)


# ---------------------------------------------------------------- what a value should do

PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _verdict(spec: Spec | None, values: list[str], key: str, name: str) -> str:
    """'valid', 'invalid' or 'either' (odd but harmless spellings a page may take or refuse)."""
    if spec is None:  # a key the page reads itself (curves' repeated `fn`, the tour's `step`)
        options = _extra_options(name, key)
        if all(v in options for v in values) and (key == "fn" or len(values) == 1):
            return "valid"
        return "invalid"
    if spec.kind == "multiselect":
        if not all(v in spec.options for v in values):
            return "invalid"
        return "valid" if len(set(values)) <= (spec.max_selections or len(values)) else "either"
    if len(values) != 1:
        return "invalid"  # Streamlit would silently take the last one
    raw = values[0]
    if spec.kind in ("slider", "number_input"):
        try:
            number = float(raw)
        except ValueError:
            return "invalid"
        if not (math.isfinite(number) and spec.lo <= number <= spec.hi):
            return "invalid"
        if spec.integer and number != int(number):
            return "invalid"
        return "valid" if PLAIN_NUMBER.fullmatch(raw) else "either"
    if spec.kind in ("selectbox", "radio"):
        return "valid" if raw in spec.options else "invalid"
    if spec.kind == "select_slider":
        if raw in spec.options:
            return "valid"
        try:  # a number between two ticks may be moved onto the grid, with a notice
            number = float(raw)
            if math.isfinite(number) and float(spec.options[0]) <= number <= float(
                    spec.options[-1]):
                return "either"
        except ValueError:
            pass
        return "invalid"
    if spec.kind in ("toggle", "checkbox"):
        if raw in ("true", "false"):
            return "valid"
        return "either" if raw.lower() in ("true", "false") else "invalid"
    if spec.kind == "text_input":  # the page parses it: every odd value must be refused
        return "invalid" if raw and ODD_VALUES.get(raw, False) else "either"
    return "either"


def _as_shown(spec: Spec, values: list[str]):
    """The URL's values as the widget would show them when it takes them."""
    if spec.kind == "multiselect":
        return list(dict.fromkeys(values))
    raw = values[-1]
    if spec.kind in ("slider", "number_input"):
        number = float(raw)
        return int(number) if spec.integer else number
    if spec.kind in ("toggle", "checkbox"):
        return raw.lower() == "true"
    return raw


def _warned_about(at: AppTest, key: str) -> bool:
    """A warning names the key: as `key`, or (for a longer key) as a word ("the logits")."""
    word = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(key)}(?![A-Za-z0-9_])", re.IGNORECASE)
    return any(f"`{key}`" in w.value or (len(key) > 2 and word.search(w.value))
               for w in at.warning)


def _check(name: str, query: dict, *, all_invalid: bool | None = None) -> AppTest:
    specs, default_charts = _default(name)
    at = _run(CONFIGS[name], query)
    assert not at.exception, [e.value for e in at.exception]
    problems = []
    verdicts = {}
    for key, raw in query.items():
        values = raw if isinstance(raw, list) else [raw]
        spec = specs.get(key)
        verdict = verdicts[key] = _verdict(spec, values, key, name)
        warned = _warned_about(at, key)
        if verdict == "invalid" and not warned:
            problems.append(f"{key}={values!r:.60}: no warning names the key")
        if spec is None or spec.kind == "text_input":
            continue  # what a text box or a widgetless key shows is checked elsewhere
        shown = _shown(_bound(at)[key])
        if verdict == "invalid" and shown != spec.default:
            problems.append(f"{key}={values!r:.60}: shows {shown!r}, not the default "
                            f"{spec.default!r}")
        if verdict == "valid" and shown != _as_shown(spec, values):
            problems.append(f"{key}={values!r:.60}: a valid value, but shows {shown!r}")
        if verdict == "either" and not warned and not at.info:
            expected = _as_shown(spec, values)
            if shown != expected:
                problems.append(f"{key}={values!r:.60}: dropped silently (shows {shown!r}, "
                                f"no warning)")
        if verdict == "either" and warned and shown != spec.default:
            problems.append(f"{key}={values!r:.60}: warned 'using the default' but shows "
                            f"{shown!r}")
    text = _texts(at)
    for raw in query.values():
        for value in raw if isinstance(raw, list) else [raw]:
            for needle in NOT_ECHOED.get(value, ()):
                if needle in text:
                    problems.append(f"{needle!r} is echoed on the page")
    if all_invalid is None:
        all_invalid = all(v == "invalid" for v in verdicts.values())
    if all_invalid and _charts(at) != default_charts:
        problems.append("every value was refused, yet the charts differ from the default view")
    assert not problems, "\n".join(sorted(set(problems)))
    return at


def _keys(name: str) -> list[str]:
    specs, _ = _default(name)
    return [*specs, *CONFIGS[name].extra_keys]


# ---------------------------------------------------------------- the table

CASES = [(name, value) for name in CONFIGS for value in ODD_VALUES]


@pytest.mark.parametrize(("name", "value"), CASES,
                         ids=[f"{n}-{v[:12].strip() or repr(v)}" for n, v in CASES])
def test_odd_value_in_every_key(name, value):
    _check(name, {key: value for key in _keys(name)})


def _two_values(spec: Spec | None, key: str, name: str) -> list[str]:
    """Two different values the key could each hold alone."""
    if spec is None:
        return list(_extra_options(name, key)[:2])
    if spec.kind in ("slider", "number_input"):
        lo = spec.lo if math.isfinite(spec.lo) else -1
        hi = spec.hi if math.isfinite(spec.hi) else 1
        fmt = (lambda v: str(int(v))) if spec.integer else (lambda v: f"{v:g}")
        return [fmt(lo), fmt(hi)]
    if spec.options:
        return list(spec.options[:2])
    if spec.kind in ("toggle", "checkbox"):
        return ["true", "false"]
    return [str(spec.default), str(spec.default)]


@pytest.mark.parametrize("name", list(CONFIGS))
def test_repeated_keys(name):
    """A repeated key is either a list (multiselect, curves' fn) or refused, never the last."""
    specs, _ = _default(name)
    query = {key: _two_values(specs.get(key), key, name) for key in _keys(name)}
    at = _check(name, query, all_invalid=False)
    for key, spec in specs.items():
        if spec.kind == "text_input":  # the box shows the last; the page must say so
            assert _warned_about(at, key), f"repeated {key}: no warning"


def _extreme(spec: Spec, end: int) -> str | None:
    if spec.kind in ("slider", "number_input"):
        value = (spec.lo, spec.hi)[end]
        if not math.isfinite(value):
            return None
        return str(int(value)) if spec.integer else f"{value:g}"
    if spec.options and spec.kind != "multiselect":
        return spec.options[-end]  # the first or the last option
    if spec.kind in ("toggle", "checkbox"):
        return ("false", "true")[end]
    return None


@pytest.mark.parametrize("end", [0, 1], ids=["all-min", "all-max"])
@pytest.mark.parametrize("name", list(CONFIGS))
def test_widget_extremes(name, end):
    """Every widget at its lowest (or highest) value at once: taken as asked, no exception.

    A page may still warn (an empty x range, a run too large to compute), but it must not
    drop a valid value silently.
    """
    specs, _ = _default(name)
    query = {key: value for key, spec in specs.items()
             if (value := _extreme(spec, end)) is not None}
    _check(name, query, all_invalid=False)


@pytest.mark.parametrize("name", list(CONFIGS))
def test_unknown_keys_are_ignored_quietly(name):
    at = _run(CONFIGS[name], {"foo": SCRIPT, "__proto__": "x", "p9_alpha": "1",
                              "constructor": LONG})
    assert not at.exception
    text = _texts(at)
    assert "<script" not in text and "x" * 40 not in text


def test_names_with_look_alike_letters_are_refused():
    """`fn=ｒｅｌｕ` (fullwidth) must not become relu quietly, nor echo the name."""
    for value in (LOOKALIKE_WIDE, LOOKALIKE_CYRILLIC):
        at = _run(CONFIGS["curves"], {"fn": value})
        assert not at.exception
        assert _warned_about(at, "fn"), value
        assert value not in _texts(at)

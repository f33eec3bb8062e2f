"""Every text a page shows comes from the text catalog of the visitor's language.

Each page (and each tour step's state) runs in English and in Korean; every visible string
of the element tree (titles, markdown, captions, alerts, widget labels/help/placeholders,
tabs, expanders, buttons, metrics, table headers, chart titles, axis and legend names) must
be produced by one of that language's catalog templates (format fields match anything),
or be *technical*: numbers, maths and symbols, and the registry's / library's own names
(ReLU, GELU, adam, xor), which stay the same in both languages.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from functools import cache

import pytest

import activations
import ui.text
from activations import datasets, optim, tour
from activations.surfaces import SURFACES
from tests.conftest import tour_query

PAGES = ("home", "curves", "gradient_flow", "softmax", "training", "playground", "tour")
PAGE_FILES = {p: f"pages/{p}.py" for p in PAGES}
FIELD = re.compile(r"\{[^{}]*\}")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Words that are names, not language: the registry's names and labels, the library's option
# names (optimizers, datasets, surfaces, init schemes as the URL spells them) and symbols.
TECHNICAL_WORDS = {
    w.lower()
    for name in activations.names()
    for w in re.findall(r"[A-Za-z]+", f"{name} {activations.get(name).label}")
} | {w for n in (*optim.NAMES, *datasets.DATASETS, *SURFACES) for w in re.findall(r"[a-z]+", n)}
TECHNICAL_WORDS |= {  # parameter names (negative_slope) and choices (approximate=tanh)
    w.lower()
    for name in activations.names() for p in activations.get(name).params
    for w in re.findall(r"[A-Za-z]+", f"{p.name} {' '.join(map(str, p.choices or ()))}")
}
# Whole strings that are identifiers: torch.nn.init scheme names as the gradient-flow page
# spells them in its bound multiselect (and in the URL), and NumPy dtypes.
TECHNICAL_NAMES = {"standard", "xavier_uniform", "xavier_normal", "kaiming_uniform",
                   "kaiming_normal", "lecun_normal", "orthogonal", "normal", "float32",
                   "float64"}
TECHNICAL_WORDS |= {"softmax", "softmin", "argmax", "log", "exp", "tanh", "nan", "inf", "e",
                    "x", "y", "z", "f", "k", "n", "t", "w", "b", "png", "csv", "sgd", "adam"}


def _normalise(text: str) -> str:
    """Markdown decoration off: links to their text, icons and badges, bold, escapes, list
    bullets."""
    text = LINK.sub(r"\1", text)
    # Streamlit's directives are not text: a Material icon, a badge or colour around text.
    text = re.sub(r":material/[a-z0-9_]+:\s*", "", text)
    text = re.sub(r":[a-z]+(?:-badge|-background)?\[(.*?)\]", r"\1", text, flags=re.S)
    text = text.replace("**", "").replace("\\_", "_").replace("\\*", "*").replace("\\|", "|")
    return re.sub(r"^\s*[-*]\s+", "", text.strip())


@cache
def _templates(lang: str) -> tuple[tuple[re.Pattern, bool], ...]:
    """(pattern, bare) per catalog text: fields become groups; ``bare`` marks a template
    with no words of its own ("{act} · {init}"), whose fields must then be text we know."""
    out = []
    for module in pkgutil.iter_modules(ui.text.__path__):
        catalog = getattr(importlib.import_module(f"ui.text.{module.name}"), lang.upper())
        for text in catalog.values():
            parts = FIELD.split(_normalise(text.replace("{{", "\x00").replace("}}", "\x01")))
            body = "(.*?)".join(re.escape(p.replace("\x00", "{").replace("\x01", "}"))
                                for p in parts)
            bare = not re.search(r"[A-Za-z\uac00-\ud7a3]", "".join(parts))
            out.append((re.compile(body, re.S), bare))
    return tuple(out)


def _technical(text: str) -> bool:
    """Numbers, maths, symbols and names only: no word of any language."""
    if re.search(r"[\uac00-\ud7a3]", text):  # Hangul is language, never technical
        return False
    text = re.sub(r"\$[^$]*\$", "", LINK.sub(r"\1", text))  # inline LaTeX is maths
    words = re.findall(r"[A-Za-z]+", text)
    return all(w.lower() in TECHNICAL_WORDS or len(w) <= 2 for w in words)


def _from_catalog(text: str, lang: str, depth: int = 0) -> bool:
    """A full match of one template, or of a few templates one after the other."""
    text = re.sub(r"^\d+[.:]\s+", "", text.strip())  # numbering: "3. <title>", "2: <class>"
    if not text or text in TECHNICAL_NAMES or _technical(text):
        return True
    if depth > 3:
        return False
    for pattern, bare in _templates(lang):
        # a figure builder may add ": " to a label (a slider's "step: ")
        m = pattern.fullmatch(text) or pattern.fullmatch(text.rstrip(":").strip())
        if m and (not bare or all(_from_catalog(g, lang, depth + 1) for g in m.groups())):
            return True
    if depth < 2:  # e.g. a caption joining two catalog sentences with a space
        for pattern, bare in _templates(lang):
            m = None if bare else pattern.match(text)
            if m and m.end() > 0 and text[m.end():m.end() + 1].isspace():
                if _from_catalog(text[m.end():], lang, depth + 1):
                    return True
    return False


def _segments(text: str) -> list[str]:
    """A visible string in the pieces the page assembled: lines, table cells, <br> parts.
    Display formulas ($$ blocks) and code blocks are not words to translate."""
    out = []
    text = re.sub(r"\$\$\n.*?\n\$\$|```\w*\n.*?\n```", "\n", text, flags=re.S)
    for line in re.split(r"\n|<br\s*/?>", text):
        line = re.sub(r"<[^>]+>", "", line)
        table_row = line.strip().startswith("|") and line.strip().endswith("|") \
            and len(re.findall(r"(?<!\\)\|", line)) >= 3
        cells = re.split(r"(?<!\\)\|", line) if table_row else [line]
        out += [_normalise(c) for c in cells if c.strip() and not re.fullmatch(r"[-:\s]+", c)]
    return out


def _chart_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    texts = []

    def title(obj):
        t = (obj or {}).get("title")
        return t.get("text") if isinstance(t, dict) else t

    texts.append(title(layout))
    for key, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*|coloraxis", key) and isinstance(axis, dict):
            texts.append(title(axis))
    texts += [a.get("text") for a in layout.get("annotations", [])]
    texts += [tr.get("name") for tr in spec.get("data", [])]
    texts += [title(tr.get("colorbar")) for tr in spec.get("data", [])]
    for menu in layout.get("updatemenus", []):
        texts += [b.get("label") for b in menu.get("buttons", [])]
    for slider in layout.get("sliders", []):
        texts.append((slider.get("currentvalue") or {}).get("prefix"))
    for frame in spec.get("frames", []):
        texts.append(title(frame.get("layout")))
    return [t for t in texts if isinstance(t, str)]


def _visible(at) -> list[tuple[str, str]]:
    """(where, text) for every user-facing string of the element tree."""
    out = []

    def add(where, text):
        if isinstance(text, str) and text.strip():
            out.extend((where, s) for s in _segments(text))

    def walk(node):
        kind = type(node).__name__
        proto = getattr(node, "proto", None)
        if kind in {"Title", "Header", "Subheader", "Markdown", "Caption", "Text", "Warning",
                    "Info", "Error", "Success", "Toast"}:
            add(kind, node.value)
        elif kind in {"Tab", "Expander"}:
            add(kind, node.label)
        elif kind == "Metric":
            add(kind, node.label)
            add(kind, proto.help)
        elif kind == "Dataframe":
            config = json.loads(proto.columns or "{}")  # shown labels override column names
            for column in node.value.columns:
                shown = config.get(f"name:{column}", config.get(str(column), {}))
                add(kind, shown.get("label") or str(column))
                add(kind, shown.get("help"))
        elif kind == "PageLink":
            add(kind, proto.label)
        elif kind == "UnknownElement" and node.type == "plotly_chart":
            for text in _chart_texts(json.loads(proto.spec)):
                add("chart", text)
        elif hasattr(node, "label") and proto is not None and hasattr(proto, "label"):
            add(kind, node.label)  # every widget
            add(kind, getattr(proto, "help", ""))
            add(kind, getattr(proto, "placeholder", ""))
            for option in getattr(proto, "options", ()):  # shown choices (format_func's)
                add(kind, option if isinstance(option, str) else getattr(option, "label", ""))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


# Lazy tabs run only the open one: each tab is a case of its own ("tab:<id>").
TABS = {"softmax": ("softmax", "target", "example", "binary", "regression", "stability"),
        "training": ("train", "compare", "zigzag", "race")}
CASES = [(p, None) for p in PAGES] + [(s.page, s.id) for s in tour.STEPS] + [
    (page, f"tab:{tab}") for page, tabs in TABS.items() for tab in tabs]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("page", "step_id"), CASES)
def test_every_visible_text_is_in_the_catalog(apptest, page, step_id, lang):
    query = {}
    if step_id is not None and step_id.startswith("tab:"):
        query = {"tab": step_id[4:]}
    elif step_id is not None:
        query = tour_query(step_id)
    at = apptest(PAGE_FILES[page], lang=lang, query=query)
    assert not at.exception
    texts = _visible(at)
    assert len(texts) > 3  # the walk found the page's text
    stray = sorted({text for _, text in texts if not _from_catalog(text, lang)})
    assert not stray, f"not from the {lang} catalog: {stray}"


def test_the_check_catches_hardcoded_text():
    assert _from_catalog("활성화 함수와 그 도함수, 그리고 학습에 미치는 영향.", "ko")
    assert not _from_catalog("Activation functions, their derivatives, and what they do "
                             "to learning.", "ko")
    assert not _from_catalog("Some hardcoded English sentence", "en")
    assert _from_catalog("LeakyReLU (0.2)", "ko") and _from_catalog("x = 1.5", "ko")
    assert _from_catalog("$[0, \\infty)$", "ko")
    assert not _from_catalog("하드코딩된 한국어", "ko")
    assert not _from_catalog("tanh · some hardcoded words", "en")  # a bare "{a} · {b}"


def test_every_registry_parameter_has_translated_help():
    import ui.text.curves as catalog
    for name in activations.names():
        for p in activations.get(name).params:
            assert f"phelp_{name}_{p.name}" in catalog.EN, (name, p.name)

"""One text catalog per page and language: ``t("curves.title")``.

Catalogs are the modules in `ui/text/` (one per page, plus `common`); each defines ``EN``
and ``KO`` dicts with the same keys (a test checks it). Technical names (ReLU, GELU,
softmax) stay as they are in both. The language is the frame's ``lang`` widget value.
"""

from __future__ import annotations

import importlib
from functools import cache

import streamlit as st

LANGS = ("en", "ko")


def lang() -> str:
    """The current language: the frame's ``lang`` choice, else English."""
    value = st.session_state.get("lang", "en")
    return value if value in LANGS else "en"


@cache
def catalog(page: str, language: str) -> dict[str, str]:
    """The ``{key: text}`` dict of one page in one language (modules are read once)."""
    module = importlib.import_module(f"ui.text.{page}")
    return getattr(module, language.upper())


def t(key: str, **fmt) -> str:
    """The text for ``"page.key"`` in the current language, formatted with ``fmt``."""
    page, _, name = key.partition(".")
    text = catalog(page, lang())[name]
    return text.format(**fmt) if fmt else text

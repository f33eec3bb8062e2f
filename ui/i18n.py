"""One text catalog per page and language: ``t("curves.title")``.

Catalogs are the modules in `ui/text/` (one per page, plus `common`); each defines ``EN``
and ``KO`` dicts with the same keys (a test checks it). Technical names (ReLU, GELU,
softmax) stay as they are in both. The language is the frame's ``lang`` widget value.
"""

from __future__ import annotations

import importlib
from functools import cache

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

LANGS = ("en", "ko")


def _leave_pages_folder_mode() -> None:
    """Make a fresh server's first deep link run through `app.py`'s navigation.

    Streamlit decides once per server process whether an app is an old-style "pages/
    folder" app: until some run calls ``st.navigation``, a request for ``/curves`` runs
    pages/curves.py alone, without the frame (language, presentation) and with a file-name
    sidebar. This app always uses ``st.navigation``, so the first page run that finds the
    old mode switches it off and reruns, which then goes through `app.py`.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def lang() -> str:
    """The current language: the frame's ``lang`` choice, else the link's, else English.

    (The link is read directly only before the frame's widget exists, e.g. for its label.)
    """
    _leave_pages_folder_mode()
    value = st.session_state.get("lang") or st.query_params.get("lang", "en")
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

"""One text catalog per page and language: ``t("curves.title")``.

Catalogs are the modules in `ui/text/` (one per page, plus `common`); each defines ``EN``
and ``KO`` dicts with the same keys (a test checks it). Technical names (ReLU, GELU,
softmax) stay as they are in both. The language is the frame's ``lang`` widget value.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Iterator
from functools import cache

import streamlit as st

LANGS = ("en", "ko")
# This run's language, once it is settled (`run_scope`). A page asks for it a hundred times
# a run, once per text; read from session state each time, that was about 1 ms of the
# curves page's run. A run happens on one thread, which Streamlit may reuse for the next.
_run = threading.local()


def lang() -> str:
    """The current language: the frame's ``lang`` choice, else the link's, else English.

    (The link is read directly only before the frame's widget exists, e.g. for its label.)
    """
    settled = getattr(_run, "lang", None)
    if settled is not None:
        return settled
    value = st.session_state.get("lang") or st.query_params.get("lang", "en")
    return value if value in LANGS else "en"


def settle() -> None:
    """From now until the end of this run's `run_scope`, `lang` is what it is now: call it
    once the frame's language widget has its value for the run (it cannot change later in
    the run: a change reruns the app)."""
    _run.lang = lang()


@contextlib.contextmanager
def run_scope(settle_now: bool = False) -> Iterator[None]:
    """A script run (app.py) or a fragment's own rerun (``settle_now``: the frame's widget
    is not drawn again, so its value is the run's). The settled language is forgotten when
    the scope ends, however it ends (st.rerun and st.stop raise through it), so the next
    run on this thread starts unsettled. A fragment drawn inside a full run keeps the run's
    language. Outside any scope (a callback, a page run alone), `lang` reads it each time."""
    outer = getattr(_run, "lang", None)
    if outer is None and settle_now:
        settle()
    try:
        yield
    finally:
        _run.lang = outer


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


def yes_no(flag: bool) -> str:
    """A yes/no value as the page writes it ("yes", "예"): a property, a toggle's default."""
    return t("common.yes" if flag else "common.no")

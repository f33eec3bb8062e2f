"""`benchmarks/bench_pages.py` times a page as the server runs it: compiled once a process
(AppTest alone compiles it again every run) and with the run's language settled (app.py
does it once a run). Timing a compile each run had put softmax at 2x its bare page."""

from __future__ import annotations

import logging

from streamlit.testing.v1 import AppTest

from benchmarks import bench_pages

# The page notes its own code object and the language `lang()` would answer without a
# lookup; a list keeps every code object alive, so none can take another's id.
PAGE = """
import inspect
import streamlit as st
from ui import i18n
seen = st.session_state.setdefault("seen", [])
seen.append((inspect.currentframe().f_code, getattr(i18n._run, "lang", None), __name__))
"""


def test_a_page_is_compiled_once_and_runs_in_a_settled_language(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(PAGE)
    shim, log = bench_pages.timed_shim(page, tmp_path)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    at = AppTest.from_file(str(shim), default_timeout=60)
    for _ in range(3):
        at.run()
    assert not at.exception
    seen = at.session_state["seen"]
    assert len(seen) == 3
    assert seen[0][0] is seen[1][0] is seen[2][0]  # one code object: compiled once
    assert [lang for _, lang, _ in seen] == ["en"] * 3
    assert {name for *_, name in seen} == {"__main__"}
    assert len(log.read_text().split()) == 3  # one time a run

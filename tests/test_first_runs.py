"""A class opening one link at a fresh server process: every visitor gets the app's frame.

Streamlit 1.67 runs a fresh process's first runs as an old-style multipage app (each
``pages/*.py`` on its own, under Streamlit's page list) until one run reaches
``st.navigation``; before `ui.frame.require_app_frame`, 3 of 4 sessions opened at once
got a page without app.py. Here six sessions open a deep link the moment the process is
up, as the protocol client speaks to it (`benchmarks/stclient.py`); loopback, bounded.
"""

from __future__ import annotations

import asyncio

from benchmarks.stclient import Session
from tests.browser.conftest import _free_port, start_server
from tests.conftest import run_async

SESSIONS = 6
TIMEOUT = 60  # seconds, for one first run (imports included)


async def _open_at_once(base: str) -> list[tuple]:
    """Open the same link in SESSIONS tabs at once; per tab: the page list of its last
    ``navigation`` message, the page that ran, its address, and its charts."""
    async def one() -> tuple:
        tab = Session(base, timeout=TIMEOUT)
        try:
            run = await tab.open("softmax", "tab=target&lang=ko")
            return tab.page_names, tab.page, tab.query, run.status, sorted(run.charts)
        finally:
            await tab.close()

    return await asyncio.gather(*(one() for _ in range(SESSIONS)))


def test_every_first_visitor_of_a_fresh_process_gets_the_app_frame():
    port = _free_port()
    proc = start_server(port)  # returns once the process answers its health check
    try:
        tabs = run_async(_open_at_once(f"http://127.0.0.1:{port}"))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for titles, ran, query, status, charts in tabs:
        # app.py's navigation in Korean (the link's lang=ko), not Streamlit's list of files
        assert "app" not in titles and "둘러보기" in titles, titles
        assert ran == "softmax" and status == "ok"
        assert "tab=target" in query and "lang=ko" in query, query  # the link's view kept
        assert "target_chart" in charts, charts

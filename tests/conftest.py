"""Shared test helpers."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)  # AppTest paths and `streamlit run app.py` are relative to the repo root
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def run_fresh(code: str, *, timeout: float = 120, warnings_as_errors: bool = False) -> dict:
    """Run ``code`` in a fresh interpreter at the repo root (for what a test process has
    already loaded or changed: imports, a gc freeze) and return the JSON object it prints
    last. A failed run fails the test with the end of its stderr."""
    flags = ["-W", "error"] if warnings_as_errors else []
    done = subprocess.run([sys.executable, *flags, "-c", code], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def read_number(text: str) -> float:
    """A number as the page writes it (`numfmt.fmt_text`: ``5.6×10⁻⁵``, ``10³⁰⁰``, ``0.25``),
    read back by hand, for tests that check its value."""
    head, _, power = text.rpartition("10")
    if not power or power.translate(_SUPERSCRIPTS) == power:  # a plain decimal
        return float(text)
    mantissa = {"": "1", "-": "-1"}.get(head, head.removesuffix("\u00d7"))
    return float(f"{mantissa}e{power.translate(_SUPERSCRIPTS)}")


def tour_query(step_id: str, without=()) -> dict:
    """A tour step's link as an AppTest query (a repeated key as a list), less the keys
    in ``without``."""
    from activations import tour

    return {k: list(v) if isinstance(v, tuple) else v
            for k, v in tour.step(step_id).params.items() if k not in without}


def run_async(coroutine):
    """``asyncio.run(coroutine)`` in a thread of its own, and its result: a Playwright sync
    session earlier in this worker (the browser tests' Chromium) keeps an event loop running
    in the main thread, and ``asyncio.run`` refuses to start inside one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def assert_stacked(wide: dict, tall: dict) -> dict:
    """A two-panel figure's phone layout (``tall``) against its side-by-side one (``wide``),
    both as Plotly JSON: every trace on the same axes, both panels full width, the first
    above the second (`activations.figures.style.two_panels`). Returns the tall layout."""
    assert [(d["xaxis"], d["yaxis"]) for d in tall["data"]] == \
        [(d["xaxis"], d["yaxis"]) for d in wide["data"]]
    layout = tall["layout"]
    assert layout["xaxis"]["domain"] == layout["xaxis2"]["domain"] == [0.0, 1.0]
    assert layout["yaxis2"]["domain"][1] < layout["yaxis"]["domain"][0]  # first on top
    return layout


@pytest.fixture
def apptest():
    """``apptest("pages/x.py", lang="ko", query={...})``: an AppTest, run once.

    ``lang`` sets the session's language as the frame would; ``phone`` the browser's word
    that it is a phone, as `ui.frame.on_phone` keeps it; ``query`` is the URL's query string
    (a list value gives a repeated key).
    """
    from streamlit.testing.v1 import AppTest

    def make(path: str, *, lang: str | None = None, phone: bool | None = None,
             run: bool = True, query=None):
        at = AppTest.from_file(str(ROOT / path), default_timeout=60)
        if lang:
            at.session_state["lang"] = lang
        if phone is not None:
            at.session_state["_phone"] = phone
        for key, value in (query or {}).items():
            at.query_params[key] = value
        if run:
            at.run()
        return at

    return make

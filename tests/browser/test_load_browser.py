"""`benchmarks/load.py --client browser`: one Chromium visitor goes round every page and
makes each page's widget change, and every step ends with its chart drawn (and changed).

Not timed: what is checked is that the browser client can still make the steps the load
test counts. It could not for a while, unnoticed: gradient flow's depth slider moved into
a popover (drawn only while open), and a change of the training lab's seed went unseen
(its heatmap's rows arrive as typed arrays, which the chart signature did not read).
"""

from __future__ import annotations

import pytest

from benchmarks import load
from tests.conftest import run_async

from .conftest import _chromium_path, _missing

pytestmark = pytest.mark.browser

SECONDS = 40  # one round of the six pages takes about 10 s on a quiet machine


def test_the_browser_client_changes_the_widget_of_every_page(server):
    if _chromium_path() is None:
        _missing("no Chromium to drive")
    plan = load.Plan(SECONDS, think=0.1, seed=0, pages=load.PAGES, arrival=0.0)
    tally, _ = run_async(load._run_phase("browser", server, 1, plan))
    assert tally.failed == 0, tally.errors
    pages_with_a_widget = sum(1 for *_, kind, _ in load.PAGES if kind)
    # the session starts at the home page and goes round in PAGES's order
    assert len(tally.visit_ms) >= len(load.PAGES)
    assert len(tally.rerun_ms) >= pages_with_a_widget

"""Chromium behind the local nginx: when the process holding its session dies, the real
frontend reconnects to the survivor on its own and the visitor's view goes on unchanged.

The protocol-level checks (affinity, the same charts after reconnecting) are in
`tests/test_balancer.py`; this one shows the browser doing it.
"""

from __future__ import annotations

import time

import pytest

from tests.test_balancer import _routes, cluster  # noqa: F401  (cluster is a fixture)

from .conftest import charts, new_page, open_page, screenshot, wait_chart_change, wait_idle

pytestmark = pytest.mark.browser


def _sigs(drawn: dict) -> dict:
    return {key: chart["sig"] for key, chart in drawn.items()}


def test_a_page_address_with_more_after_it_opens_the_page(browser, cluster):  # noqa: F811
    """/softmax/extra is a blank screen from Streamlit alone (its page's scripts resolve
    under /softmax/); behind nginx it opens the page, with the link's settings."""
    from ui.text.softmax import KO

    pg = new_page(browser)
    try:
        drawn = open_page(pg, f"{cluster.base}/softmax/extra?lang=ko&T=2")
        assert pg.url.startswith(f"{cluster.base}/softmax?") and "T=2" in pg.url
        assert pg.locator('[data-testid="stMain"] h1').first.inner_text() == KO["title"]
        assert "views" in drawn and not pg.js_errors, pg.js_errors
        screenshot(pg, "balancer-page-address-with-more")
    finally:
        pg.context.close()


def test_chromium_reconnects_to_the_survivor_and_keeps_the_view(browser, cluster):  # noqa: F811
    routes = _routes(cluster)
    pg = new_page(browser)
    fresh = new_page(browser)
    for tab in (pg, fresh):  # three app processes' worth of work on a shared CI machine
        tab.set_default_timeout(60_000)
    try:
        pg.context.add_cookies([{"name": "st_route", "value": routes[0], "url": cluster.base}])
        sockets = []
        pg.on("websocket", lambda ws: sockets.append(ws))
        open_page(pg, f"{cluster.base}/gradient_flow?depth=20&act=relu")
        thumb = pg.locator(".st-key-depth input[type=range]").first
        pg.locator(".st-key-gf_controls button").first.click()  # the slider's popover
        thumb.focus()
        thumb.press("ArrowLeft")
        seen = wait_chart_change(pg, "gf_grad", charts(pg)["gf_grad"]["sig"])
        pg.wait_for_url("**/gradient_flow?*depth=19*")
        assert len(sockets) == 1

        cluster.kill(0)
        deadline = time.monotonic() + 30
        while len(sockets) < 2 and time.monotonic() < deadline:
            pg.wait_for_timeout(100)
        assert len(sockets) == 2, "the frontend did not reconnect within 30 s"
        wait_idle(pg, settle_ms=300)
        assert _sigs(charts(pg)) == _sigs(seen)  # nothing redrawn, nothing lost
        screenshot(pg, "balancer-reconnected")

        # The next change reaches the survivor with everything the tab held.
        if not thumb.is_visible():
            pg.locator(".st-key-gf_controls button").first.click()
        thumb.focus()
        thumb.press("ArrowLeft")
        after = wait_chart_change(pg, "gf_grad", seen["gf_grad"]["sig"])
        pg.wait_for_url("**/gradient_flow?*depth=18*")
        assert "act=relu" in pg.url
        assert pg.locator('[data-testid="stException"]').count() == 0
        assert not pg.js_errors, pg.js_errors
        screenshot(pg, "balancer-after-kill")
        # The same view as a new visitor opening that address gets from the survivor.
        assert _sigs(after) == _sigs(open_page(fresh, pg.url))
    finally:
        pg.context.close()
        fresh.context.close()

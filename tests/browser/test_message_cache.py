"""A chart the browser already holds goes out as a reference, not again in full.

`.streamlit/config.toml` raises ``global.maxCachedMessageAge`` from Streamlit's 2 runs to
20: a visitor who goes round the pages and comes back to the playground gets its ~1 MB
animation by hash, and Chromium still draws it, every frame. Measured on the websocket
Chromium reads (bytes of the frames the server sent).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import charts, follow_nav_link, open_page

pytestmark = pytest.mark.browser

FRAMES_JS = """() => {
    const el = document.querySelector('.st-key-playground .js-plotly-plot');
    return el._transitionData._frames.length;
}"""


def test_a_page_seen_again_gets_its_big_chart_by_reference(server, page):
    received = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: received.append(len(payload))))
    page.set_default_timeout(120_000)  # the first run trains
    first = open_page(page, f"{server}/playground", timeout=120_000)
    frames = page.evaluate(FRAMES_JS)
    sent_first = sum(received)

    for path in ("curves", "softmax", "training", "gradient_flow"):
        follow_nav_link(page, path, timeout=120_000)  # four runs: older than the default 2
    received.clear()
    follow_nav_link(page, "playground", timeout=120_000)
    sent_again = sum(received)

    assert sent_first > 800_000  # the animation's frames, on the first visit
    assert sent_again < sent_first / 5, (sent_first, sent_again)
    again = charts(page)
    assert again["playground"]["sig"] == first["playground"]["sig"]
    assert page.evaluate(FRAMES_JS) == frames > 50
    assert not page.js_errors

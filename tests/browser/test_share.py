"""Share this view, as a class uses it: the lecturer opens the dialog on the projector, a
student's phone reads the QR code off the screen (zxing-cpp decodes the screenshot) and
opens the link, and the student sees the same view.

The app is reached as ``http://class.example:<port>``, an address a phone in the room could
open (Chromium maps the name to the test server), so no local-address warning shows; at
``127.0.0.1`` it does.
"""

from __future__ import annotations

import io
from urllib.parse import parse_qsl, urlsplit

import pytest
import zxingcpp
from PIL import Image

from ui.text import softmax as softmax_text

from .conftest import (CHROMIUM_FLAGS, _chromium_path, new_page, open_page, phone_page,
                       screenshot, wait_idle)

pytestmark = pytest.mark.browser

HOST = "class.example"
VIEW_Y_JS = """() => document.querySelector('.st-key-views .js-plotly-plot').data
    .map(t => Array.from(t.y).map(v => +v.toFixed(6)))"""


@pytest.fixture(scope="module")
def room(browser):
    """A second Chromium that resolves ``class.example`` to this machine."""
    b = browser.browser_type.launch(
        executable_path=_chromium_path(),
        args=[*CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"])
    yield b
    b.close()


def _open_share(pg) -> None:
    expand = pg.locator('[data-testid="stExpandSidebarButton"]')
    if expand.count() and expand.is_visible():
        expand.click()  # the sidebar is folded on a projector
    pg.locator(".st-key-share button:visible").first.click()
    pg.wait_for_function("""() => {
        const img = document.querySelector('[role="dialog"] [data-testid="stImage"] img');
        return img && img.complete && img.naturalWidth > 0;
    }""")
    pg.wait_for_timeout(300)  # the dialog's opening animation


def test_a_phone_reads_the_projected_code_and_opens_the_same_view(room, server):
    port = urlsplit(server).port
    lecturer = new_page(room, 1280, 720, locale="en-US")
    try:
        open_page(lecturer, f"http://{HOST}:{port}/softmax?logits=1,3,0,2,5&present=true&lang=ko")
        thumb = lecturer.locator(".st-key-T input[type=range]").first
        thumb.focus()
        thumb.press("ArrowRight")  # T = 1 -> 1.2
        lecturer.wait_for_url("**/softmax?*T=1.2*")
        wait_idle(lecturer)
        projected = lecturer.evaluate(VIEW_Y_JS)
        _open_share(lecturer)
        dialog = lecturer.locator('[role="dialog"]')
        assert dialog.locator('[data-testid="stAlert"]').count() == 0  # not a local address
        shown = dialog.locator('[data-testid="stCode"] code').inner_text().replace("\n", "")
        screenshot(lecturer, "share-projector-ko", full_page=False)
        codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(lecturer.screenshot())))
    finally:
        lecturer.context.close()

    assert [code.text for code in codes] == [shown]
    link = urlsplit(shown)
    assert (link.scheme, link.netloc, link.path) == ("http", f"{HOST}:{port}", "/softmax")
    # Everything the view holds, in the visitor's language, without presentation mode.
    assert dict(parse_qsl(link.query)) == {"T": "1.2", "logits": "1,3,0,2,5", "lang": "ko"}

    student = phone_page(room, locale="en-US")
    try:
        open_page(student, shown)
        assert student.locator("h1").first.inner_text() == softmax_text.KO["title"]
        assert student.locator(".st-key-logits input").input_value() == "1,3,0,2,5"
        assert student.locator('.st-key-T [data-testid="stSliderThumbValue"]').inner_text() \
            == "1.2"
        assert student.evaluate(VIEW_Y_JS) == projected  # the same probabilities drawn
        assert "present=" not in student.url
        screenshot(student, "share-student-phone", full_page=False)
    finally:
        student.context.close()


def test_at_a_local_address_the_dialog_says_a_phone_cannot_open_it(browser, server):
    pg = new_page(browser, 1280, 720)
    try:
        open_page(pg, f"{server}/softmax")
        _open_share(pg)
        alert = pg.locator('[role="dialog"] [data-testid="stAlert"]')
        assert "localhost" in alert.inner_text()
        # The code is still there: the lecturer may share the link some other way.
        shown = pg.locator('[role="dialog"] [data-testid="stCode"] code').inner_text()
        assert shown.replace("\n", "") == f"{server}/softmax?lang=en"
        # The picture for slides: downloaded, it reads back as the link.
        with pg.expect_download() as download:
            pg.locator(".st-key-share_png button:visible").first.click()
        assert download.value.suggested_filename == "softmax-qr.png"
        picture = Image.open(download.value.path())
        assert [code.text for code in zxingcpp.read_barcodes(picture)] == \
            [f"{server}/softmax?lang=en"]
        assert pg.locator('[role="dialog"]').is_visible()  # the dialog stays open
    finally:
        pg.context.close()

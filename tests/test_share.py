"""The sidebar's "Share this view" (ui/share.py): the link it builds, its QR code, and the
dialog under AppTest. Chromium reads the code off the screen in tests/browser/test_share.py.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import zxingcpp
from hypothesis import given, settings, strategies as st_
from PIL import Image

from ui import share

# Any text a page's link can carry: class names, typed formulas, Korean, and the characters
# a query string gives a meaning to (& = # + % ? and spaces).
TEXT = st_.text(alphabet=st_.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(params=st_.lists(st_.tuples(TEXT.filter(bool), TEXT), max_size=6),
       page=st_.sampled_from(["curves", "softmax", "tour"]),
       language=st_.sampled_from(["en", "ko"]))
def test_the_link_reads_back_as_the_view(params, page, language):
    """Python's own URL parser gets back every parameter, in order and repeated as given,
    except presentation mode; the language comes last, set to the visitor's."""
    link = share.view_link("https://class.example/ae/", page, params, language)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "class.example", f"/ae/{page}")
    assert not parts.fragment  # a '#' in a value is part of the value, not an anchor
    kept = [(k, v) for k, v in params if k not in ("present", "lang")]
    assert parse_qsl(parts.query, keep_blank_values=True) == [*kept, ("lang", language)]


def test_the_link_leaves_presentation_mode_out_and_says_the_language():
    params = [("present", "true"), ("lang", "en"), ("act", "relu"), ("act", "tanh"),
              ("logits", "1,3,0,2"), ("f", "x*sigmoid(1.702*x)+1")]
    assert share.view_link("http://h:8501/", "gradient_flow", params, "ko") == (
        "http://h:8501/gradient_flow?act=relu&act=tanh&logits=1,3,0,2"
        "&f=x*sigmoid(1.702*x)%2B1&lang=ko")


def test_the_home_page_is_the_apps_root_and_a_relative_link_starts_with_its_query():
    assert share.view_link("https://a.streamlit.app/", "index", [], "en") == \
        "https://a.streamlit.app/?lang=en"
    assert share.view_link("", "index", [("present", "true")], "ko") == "?lang=ko"
    assert share.view_link("", "softmax", [("T", "2")], "en") == "softmax?T=2&lang=en"


@pytest.mark.parametrize("base, local", [
    ("http://localhost:8501/", True), ("http://127.0.0.1:8601/", True),
    ("http://127.1.2.3/", True), ("http://[::1]:8501/", True), ("http://app.localhost/", True),
    ("http://0.0.0.0:8501/", True), ("https://class.example/", False),
    ("http://192.168.0.12:8501/", False), ("https://ae.streamlit.app/", False),
    ("http://localhost.example.org/", False), ("http://127.example.org/", False),
])
def test_a_local_address_is_told_apart(base, local):
    assert share.local_only(base) is local


def test_the_qr_code_is_dark_on_white_and_scales_without_a_size_of_its_own():
    svg = share.qr_svg("https://class.example/softmax?T=2&lang=ko")
    head = svg[:svg.index(">") + 1]
    assert head.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in head
    assert "viewBox" in head and "width=" not in head and "height=" not in head
    (side,) = set(re.search(r'viewBox="0 0 (\d+) (\d+)"', head).groups())
    # Version 2 at least (25 modules) plus the four-module quiet zone on each side.
    assert int(side) >= 25 + 8
    assert 'fill="#fff"' in svg and 'stroke="#000"' in svg


def test_a_link_too_long_for_any_qr_code_gives_none():
    assert share.qr_svg("https://class.example/?" + "x" * 3000) is None
    assert share.qr_svg("https://class.example/?" + "x" * 1000) is not None


def _shared(apptest, address, monkeypatch, **kw):
    """app.py (the home page in the frame) with Share pressed; ``address`` is what the
    browser would have given as the app's address (None: it said nothing, as here)."""
    monkeypatch.setattr(share, "app_address", lambda page_path: address)
    at = apptest("app.py", **kw)
    at.button(key="share").click().run()
    assert not at.exception
    return at


def test_without_the_apps_address_the_dialog_gives_the_relative_link(apptest, monkeypatch):
    at = _shared(apptest, None, monkeypatch, query={"present": "true", "lang": "ko"})
    assert [c.value for c in at.get("code")] == ["?lang=ko"]
    assert any(c.value.startswith("브라우저가 앱 주소를") for c in at.caption)
    assert not at.get("image")


def test_with_the_apps_address_the_dialog_has_the_link_and_its_qr_code(apptest, monkeypatch):
    at = _shared(apptest, "https://class.example/", monkeypatch, query={"present": "true"})
    assert [c.value for c in at.get("code")] == ["https://class.example/?lang=en"]
    assert len(at.get("image")) == 1
    assert not at.warning


def test_a_local_address_is_warned_about(apptest, monkeypatch):
    at = _shared(apptest, "http://localhost:8501/", monkeypatch, lang="ko")
    assert [c.value for c in at.get("code")] == ["http://localhost:8501/?lang=ko"]
    (warning,) = at.warning
    assert "localhost" in warning.value and "Network URL" in warning.value


def test_the_dialog_is_made_only_when_asked_for(apptest):
    at = apptest("app.py")
    assert at.button(key="share").value is False
    assert not at.get("code") and not at.get("image")


def test_a_strangers_text_in_the_link_is_shown_percent_encoded(apptest, monkeypatch):
    """A parameter no page reads stays in the address bar and so in the link, but only
    percent-encoded: the dialog never shows markup a stranger put in the link."""
    at = _shared(apptest, "https://class.example/", monkeypatch,
                 query={"utm": "<script>alert(1)</script>"})
    (code,) = at.get("code")
    assert code.value == ("https://class.example/?utm=%3Cscript%3Ealert(1)%3C/script%3E"
                          "&lang=en")


def test_the_png_for_slides_reads_back_as_the_link():
    """Decoded by an independent reader (zxing-cpp), the picture gives the link itself."""
    link = "https://class.example/curves?fn=softplus&fn=relu&p1_beta=2.5&lang=ko&tour=softplus"
    png = share.qr_png(link)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [link]
    # 12 pixels a module, the quiet zone included: sharp when a slide enlarges it.
    modules = share.segno.make(link, error="m", boost_error=True).symbol_size(border=4)[0]
    assert image.size == (12 * modules, 12 * modules)


def test_the_dialog_offers_the_png(apptest, monkeypatch):
    at = _shared(apptest, "https://class.example/", monkeypatch)
    (button,) = at.get("download_button")
    assert button.proto.label == "QR code as a picture, for slides (PNG)"


def test_a_link_too_long_for_a_code_is_given_to_copy(apptest, monkeypatch):
    at = _shared(apptest, "https://class.example/", monkeypatch, query={"utm": "x" * 3000})
    (code,) = at.get("code")
    assert code.value == f"https://class.example/?utm={'x' * 3000}&lang=en"
    assert [w.value for w in at.warning] == \
        ["This view's link is too long for a QR code: copy the link instead."]
    assert not at.get("image") and not at.get("download_button")
    assert not any("camera" in m.value for m in at.markdown)  # no code to point a camera at

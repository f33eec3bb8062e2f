"""Share this view: the page's whole link, and a QR code of it for a class to scan.

A lecturer opens the dialog on the projector and the room points its phones at the code:
every page keeps its whole view in the link (its widgets are bound to the query
parameters), so each student opens the page as it is on the screen. The link keeps the
language and leaves presentation mode out: that is for the projector, and each student
gets the layout of their own screen.
"""

from __future__ import annotations

import functools
import io
import ipaddress
from urllib.parse import quote, urlencode, urlsplit

import segno
import streamlit as st

from .i18n import lang, t
from .urlstate import app_address

LEFT_OUT = ("present", "lang")  # the frame's keys that the link sets itself (`view_link`)


def view_link(base: str, page_path: str, params: list[tuple[str, str]],
              language: str) -> str:
    """The link that opens ``page_path`` with ``params`` (the address bar's query, in
    order, repeated keys repeated) in ``language``, without presentation mode.

    ``base`` is the app's address ending in "/" (``""`` for a link relative to it); the
    home page (``index``) is served at the app's root. Commas stay as they are (the
    softmax logits ``1,3,0,2``): the link is shorter, and so is its QR code.
    """
    pairs = [(key, value) for key, value in params if key not in LEFT_OUT]
    query = urlencode([*pairs, ("lang", language)], quote_via=quote, safe=",*()!:/")
    path = "" if page_path == "index" else page_path
    return f"{base}{path}?{query}"


def local_only(base: str) -> bool:
    """Whether ``base`` names the visitor's own computer (``localhost``, 127.x, ::1): a
    lecturer who runs the app on the laptop at the projector, where a phone in the room
    would open its own localhost instead."""
    host = (urlsplit(base).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:  # a name, not an address
        return False
    return address.is_loopback or address.is_unspecified  # 127.0.0.0/8, ::1; 0.0.0.0


def qr_svg(link: str) -> str | None:
    """A QR code of ``link`` as SVG, dark modules on white with the standard four-module
    quiet zone (a phone's camera reads dark on light, in either theme), or None when the
    link is too long for any QR code. Error correction M or better: a code projected on
    a screen is read through glare and at an angle. The SVG has no size of its own, so the
    page draws it crisp at any width."""
    try:
        code = _code(link)
    except segno.DataOverflowError:
        return None
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, omitsize=True, border=4,
              dark="#000000", light="#ffffff")
    return out.getvalue().decode("ascii")


def qr_png(link: str) -> bytes:
    """The same code as a PNG for slides (every slide program takes PNG; not all take
    SVG): 12 pixels a module, so it stays sharp when a slide enlarges it."""
    out = io.BytesIO()
    _code(link).save(out, kind="png", scale=12, border=4, dark="#000000", light="#ffffff")
    return out.getvalue()


def _code(link: str) -> segno.QRCode:
    return segno.make(link, error="m", micro=False, boost_error=True)


def _page_name(page_path: str) -> str:
    return "home" if page_path == "index" else page_path


def _current_params() -> list[tuple[str, str]]:
    """The address bar's query parameters as this run has them, in order."""
    return [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]


def _dialog(page_path: str) -> None:
    base = app_address(page_path)
    link = view_link(base or "", page_path, _current_params(), lang())
    if base is None:
        # A link relative to the app cannot be opened from a phone's camera.
        st.caption(t("common.share_relative"))
        st.code(link, language=None, wrap_lines=True)
        return
    if local_only(base):
        st.warning(t("common.share_local"), icon=":material/wifi_off:")
    svg = qr_svg(link)
    qr, words = st.columns([3, 2], gap="medium", vertical_alignment="center")
    with qr:
        if svg is None:
            st.warning(t("common.share_too_long"), icon=":material/qr_code_2:")
        else:
            st.image(svg, width="stretch", alt=t("common.share_qr_alt"))
    with words:
        if svg is not None:
            st.write(t("common.share_scan"))
            st.caption(t("common.share_link"))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("common.share_what"))
        if svg is not None:
            # Made only when the button is pressed; the dialog stays open (no rerun).
            st.download_button(t("common.share_png"), functools.partial(qr_png, link),
                               file_name=f"{_page_name(page_path)}-qr.png", mime="image/png",
                               key="share_png", on_click="ignore",
                               icon=":material/download:", width="stretch")


def button(page_path: str) -> None:
    """The sidebar's "Share this view" button. The dialog, its link and its QR code are
    made only when it is pressed, never on another run."""
    if st.button(t("common.share"), key="share", icon=":material/qr_code_2:",
                 help=t("common.share_help"), width="stretch"):
        st.dialog(t("common.share_title"), width="medium",
                  icon=":material/qr_code_2:")(_dialog)(page_path)

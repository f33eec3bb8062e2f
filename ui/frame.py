"""The chart frame shared by every page: theme-following Plotly with a good PNG export."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import orjson
import pyarrow as pa
import streamlit as st
from plotly.basedatatypes import BaseFigure

from activations.figures.spec import to_plotly_dict

from . import urlstate
from .gate import GATE
from .i18n import lang, run_scope, t

# Static files in the repository (base.css on every page; present.css in presentation mode;
# korean.css while the page is in Korean). No user text is ever part of them.
SHEETS = {name: Path(__file__).with_name(f"{name}.css") for name in ("base", "present", "korean")}

# The app's pages: url_path -> (script, Material icon). app.py builds the navigation from
# it; the tour links to pages by it.
PAGES = {
    "home": ("pages/home.py", ":material/home:"),
    "curves": ("pages/curves.py", ":material/show_chart:"),
    "gradient_flow": ("pages/gradient_flow.py", ":material/stacked_line_chart:"),
    "softmax": ("pages/softmax.py", ":material/bar_chart:"),
    "training": ("pages/training.py", ":material/model_training:"),
    "playground": ("pages/playground.py", ":material/hub:"),
    "tour": ("pages/tour.py", ":material/tour:"),
}


def require_app_frame() -> None:
    """Called first by every page: if this run skipped app.py, rerun it through app.py.

    Streamlit 1.67 keeps a relic of its old multipage apps: a fresh server process that
    finds a ``pages/`` folder beside the main script runs every session's script as an
    old-style multipage app (each ``pages/*.py`` straight from its file name, app.py only
    for the root) until some run reaches ``st.navigation``, which switches that off for the
    process. A class opening one link at a fresh process (a deploy, a restart, a crashed
    process replaced) had most visitors' first runs land there: the page drawn without the
    app's frame, run gate and link checks, under Streamlit's own page list (measured: 3 of
    4 sessions opened at once). Such a run is told by app.py being one of its pages; it
    switches the relic off and reruns, and the rerun goes through app.py to the same page
    (an old-style page's id comes from its url path, as each of `PAGES` does). Under
    AppTest a page runs alone, as its own main script: nothing to do.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    if any(Path(page["script_path"]).name == "app.py"
           for page in ctx.pages_manager.get_pages().values()):
        PagesManager.uses_pages_directory = False
        st.rerun()


NO_SUCH_PAGE = "_no_such_page"  # set for the run that opens Home in place of a typed path


def forgive_typed_path(url_paths) -> None:
    """Open ``/Softmax`` or ``/SOFTMAX`` as ``/softmax``: a path typed on a projector's
    keyboard. Streamlit matches a page's path exactly; otherwise it opens the default page
    under its own "Page not found" dialog, in English, whatever the page's language. Called
    before ``st.navigation``, this points a run at the page whose path is the typed one but
    for case, and a path that matches no page at Home, which then says so in the visitor's
    language (`no_such_page_note`).
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    manager = ctx.pages_manager
    typed = manager.intended_page_name
    if manager.intended_page_script_hash or not typed or typed in url_paths:
        return  # a page chosen in the app, the root, or a path that is right
    lower = {path.lower(): path for path in url_paths}
    if typed.lower() in lower:
        manager.set_script_intent("", lower[typed.lower()])
    else:
        manager.set_script_intent("", "")  # neither a page nor a path: the default page
        st.session_state[NO_SUCH_PAGE] = True


def no_such_page_note() -> None:
    """Above Home, once, when the link named a page that does not exist. The note does not
    repeat the typed path: nothing a stranger put in a link is shown."""
    if st.session_state.pop(NO_SUCH_PAGE, False):
        st.warning(t(touch("common.no_such_page")), icon=":material/wrong_location:")


def page_link(page: str, label: str, icon: str | None = None, width: str = "content",
              query: dict[str, str] | None = None) -> None:
    """A link to another page of the app (a key of ``PAGES``), opened with ``query`` in its
    address. It keeps the session: the language, presentation mode and the tour stay as
    they are (a Markdown link opened a new tab, a new session without them). When a page runs
    alone (as under AppTest) the app's navigation does not exist: a plain Markdown link."""
    from urllib.parse import urlencode

    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(PAGES[page][0], label=label, icon=icon, width=width, query_params=query)
    except StreamlitPageNotFoundError:
        st.markdown(f"[{label}](/{page}{'?' + urlencode(query) if query else ''})")


def fragment(func):
    """``st.fragment``: a widget that ``func`` draws reruns ``func`` alone.

    For the part of a page where the controls sit with what they drive (a slider and its
    charts): moving one skips the shared frame (navigation, sidebar) and the rest of the
    page (softmax's T: 20 messages instead of 55, 5 ms of server CPU instead of 16). A
    full run draws it as before. Its own reruns take the process's run gate, as full runs
    do in app.py (ui/gate.py), and its language is settled for the rerun (ui/i18n.py).
    """
    @functools.wraps(func)
    def gated(*args, **kwargs):
        with GATE.turn(), run_scope(settle_now=True):
            return func(*args, **kwargs)

    return st.fragment(gated)


def display_math(*parts: str) -> str:
    """Display formulas inside Markdown, in the form ``st.latex`` sends: text and formulas
    then go out as one Markdown block, where each ``st.latex`` was an element of its own (a
    message the server makes and sends on every run).

    Several ``parts`` (formulas that go together, such as a loss and its gradient) stand
    side by side, a ``\\qquad`` apart; on a phone each is a display formula of its own,
    one under another, since side by side they are wider than the screen. A formula still
    too wide wraps after a relation or an operator (base.css)."""
    if on_phone():
        return "\n\n".join(f"$$\n{tex}\n$$" for tex in parts)
    return "$$\n" + r" \qquad ".join(parts) + "\n$$"


def latex(*parts: str) -> None:
    """``st.latex`` for `display_math`'s formulas that go together."""
    st.markdown(display_math(*parts))


def presenting() -> bool:
    """Whether the shared frame's presentation mode is on. Never on a phone: the mode lays
    pages out for a 1280x720 projector, and a student who opens a lecturer's link (it
    carries ``present=true``) on a phone needs the phone's layout."""
    return bool(st.session_state.get("present", False)) and not on_phone()


def compact_layout() -> bool:
    """Whether pages lay out their head compactly: a one-line intro with the full text a
    click away, their controls in popovers, folded or in the sidebar, and the text that
    explains a chart under it, so the chart starts high. In presentation mode, and while a
    tour step is open: a student taking the tour alone at 1280x720 with the sidebar open
    found most steps' charts below the first screen, under the page's full intro and open
    settings. Layout only: the projector's look (text size, chart heights for a 720 px
    screen without a sidebar) stays with `presenting`. Not on a phone, which has its own
    layout."""
    from .tourbar import current  # here: tourbar imports this module

    return presenting() or (current() is not None and not on_phone())


def on_phone() -> bool:
    """Whether the visitor's browser says it is a phone: "Mobi" in its User-Agent (the
    mark MDN recommends; iPhone and Android phones carry it, tablets and desktops do not)
    or the ``Sec-CH-UA-Mobile: ?1`` client hint. For layouts that cannot reflow, such as a
    grid of Plotly subplots; the server never learns the screen's width. Read once per
    session (the browser does not change), kept under a "_" key that page switches keep."""
    phone = st.session_state.get("_phone")
    if phone is None:
        headers = st.context.headers
        phone = ("Mobi" in headers.get("User-Agent", "")
                 or headers.get("Sec-CH-UA-Mobile") == "?1")
        st.session_state["_phone"] = phone
    return phone


def touch(key: str) -> str:
    """``key``, or on a phone its ``<key>_touch`` twin: the caption that says to tap where
    the desktop's says to hover or to use the chart's toolbar (a phone has neither), the
    text that names the menu's » button where the desktop's names the sidebar (a phone
    folds it away; `tests/test_i18n.py` checks that every such text has its twin)."""
    return f"{key}_touch" if on_phone() else key


def wide_gap() -> str:
    """A large gap between columns, except on a phone: there the columns stack and their gap
    goes between them vertically (softmax's controls had a 64 px band of nothing)."""
    return "small" if on_phone() else "large"


@functools.cache
def stylesheet(present: bool, korean: bool) -> str:
    """The page's styles, read once per process: readable captions and chart text always;
    larger page text and less padding in presentation mode (charts get their projector look
    from the figure builders); line breaks between words in Korean. One style element: each
    element is work for the server on every run (a class's runs add up, benchmarks/load.py)."""
    names = ["base"] + ["present"] * present + ["korean"] * korean
    return "<style>" + "\n".join(SHEETS[n].read_text(encoding="utf-8") for n in names) + "</style>"


def styles() -> None:
    """The frame's stylesheet for this run. st.html sends a body of style tags alone to the
    page's event container, so it takes no space on the page."""
    st.html(stylesheet(presenting(), lang() == "ko"))


ZOOM_HINT_OFF = "_zoom_hint_off"  # "_": kept across page switches (app.py)


def zoom_hint() -> None:
    """In presentation mode, a note for a screen larger than the 1280x720 the mode is laid
    out for (a 1920x1080 projector showed the charts in two thirds of it): zoom the browser
    in. The server never learns the screen's size, so the note is always sent and
    ui/present.css shows it only on a viewport of 1600x900 CSS px or more. Zooming in shrinks
    the viewport, so the note goes away by itself once the page is laid out near 1280x720
    (at 150% a 1920x1080 screen is exactly that, drawn sharp). Hide keeps it away for the
    session. (CSS zoom on the page instead broke Plotly: charts kept their width, and
    hovering found no point.)"""
    if not presenting() or st.session_state.get(ZOOM_HINT_OFF):
        return
    with st.container(key="zoom_hint", horizontal=True, vertical_alignment="center"):
        st.caption(t("common.zoom_hint"), width="stretch")
        st.button(t("common.zoom_hint_hide"), key="zoom_hint_hide", type="tertiary",
                  icon=":material/close:", on_click=st.session_state.update,
                  kwargs={ZOOM_HINT_OFF: True})


class _Prepared(BaseFigure):
    """A figure's ``to_dict()`` result, made already, for ``st.plotly_chart``.

    ``st.plotly_chart`` (Streamlit 1.67) turns what it gets into a dict with Plotly's
    ``return_figure_from_figure_or_data(..., validate_figure=True)``: a dict is validated
    (a ``go.Figure`` built of it, then its ``to_dict()``: the slow path all over again), a
    figure is asked for ``to_dict()`` and trusted. So this is a figure (a ``BaseFigure``,
    never initialised: nothing else of it is used) whose ``to_dict()`` hands over the dict
    `to_plotly_dict` made, as is. Plotly then writes it as JSON; ``st.plotly_chart`` reads
    the chart's width and height from that dict.
    """

    def __init__(self, prepared: dict):
        self.__dict__["_prepared"] = prepared

    def to_dict(self) -> dict:
        return self._prepared


# What ``plotly.io.to_json`` does with orjson's output before st.plotly_chart sends it:
# these options, then these characters escaped (so the JSON is safe inside HTML).
_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
# (Plotly also escapes U+2028 and U+2029: `_json_piece` escapes every non-ASCII character.)
_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"))
_SCALARS = (int, float, bool, type(None))
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _ascii_escape(match: re.Match) -> str:
    """A run of characters beyond ASCII as JSON escapes them (``\\uXXXX``, a surrogate pair
    beyond U+FFFF): the standard library's JSON writer, less the quotes. (The run holds no
    quote, backslash or control character: those are ASCII.)"""
    return json.dumps(match[0])[1:-1]


def _json_piece(value) -> orjson.Fragment:
    """``value``'s JSON as ``plotly.io.to_json`` writes it, made now and embedded as is,
    with every character beyond ASCII escaped.

    Why ASCII: one such character ("−", "x₁", a Korean title) makes Python keep the whole
    JSON at two or four bytes a character, and Streamlit then transcodes it to UTF-8 on
    every draw (into its message, and again for the chart's element id). For the
    playground's 1 MB animation that was 2 ms of server CPU a draw; an ASCII string is
    copied as it is. The browser parses the same values (tests/test_frame.py)."""
    text = orjson.dumps(value, option=_JSON_OPTIONS).decode()
    for raw, escaped in _ESCAPES:
        if raw in text:
            text = text.replace(raw, escaped)
    if not text.isascii():  # outside JSON's strings orjson writes only ASCII
        text = _NON_ASCII.sub(_ascii_escape, text)
    return orjson.Fragment(text)


def _wire_form(prepared: dict) -> dict:
    """``prepared`` with its JSON made below the first level of each trace and of the
    layout, and for all frames: orjson embeds those pieces (``orjson.Fragment``) instead of
    writing them again, and the escaping pass finds nothing left to do. The same JSON values
    as Plotly's, written in ASCII (tests/test_frame.py). Trace dicts stay dicts (Plotly pops
    their ``uid``) and the layout's numbers stay numbers (Streamlit reads its width and
    height)."""
    piece = lambda v: v if isinstance(v, _SCALARS) else _json_piece(v)  # noqa: E731
    out = {**prepared,
           "data": [{k: piece(v) for k, v in trace.items()} for trace in prepared["data"]],
           "layout": {k: piece(v) for k, v in prepared["layout"].items()}}
    if "frames" in prepared:
        out["frames"] = _json_piece(prepared["frames"])
    return out


def _sendable(fig, prepared: dict) -> dict:
    """What to hand st.plotly_chart: for a figure with a kept dict (a cached one, shared by
    every session), its wire form, made on the first draw and kept on the figure. Writing
    a figure's JSON is then a few ms less per run (14 ms for the playground's 1 MB of
    frames), and every draw sends the same JSON, so the chart keeps its element id (and
    the browser its zoom) from the first run to the next."""
    state = fig.__dict__
    if state.get("_plotly_dict") is not prepared or "data" not in prepared \
            or "layout" not in prepared:
        return prepared  # not a kept dict (see figures.spec.to_plotly_dict)
    wire = state.get("_wire_form")
    if wire is None:
        try:
            wire = _wire_form(prepared)
        except TypeError:  # a value only Plotly's cleaning pass can write: its own path
            wire = prepared
        state["_wire_form"] = wire
    return wire


def chart(fig, key: str, filename: str, hover_words: dict[str, str] | None = None, *,
          alt: str):
    """Draw ``fig`` full width, following the Streamlit theme (light or dark).

    ``alt``: what the chart shows, in a sentence of the page's language: the chart's name
    for a screen reader (the chart's box gets ``role="figure"`` and it as ``aria-label``;
    the picture itself says nothing to one). Plain text, never rendered as Markdown or
    HTML. The toolbar's camera button saves ``<filename>.png`` at 2x scale (a phone shows
    no toolbar). ``hover_words`` replaces words Plotly writes in hover labels by itself,
    such as a box's ``"max:"`` (Plotly's own localisation: a dictionary of a locale of our
    own, whose numbers keep Plotly's English format).
    """
    phone = on_phone()
    config = {
        "displaylogo": False,
        # The toolbar shows on hover only, and holds just "save PNG" and "reset axes" (drag
        # still zooms, a double click resets): a full bar is ~250 px wide and, on a 390 px
        # phone, covered the chart titles at the top left.
        # A touch screen has no hover, so there the bar stayed, over the titles at the
        # chart's top right (the phone gallery's "Sigmoid"): none on a phone.
        "displayModeBar": False if phone else "hover",
        "modeBarButtons": [["toImage", "resetScale2d"]],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
    if hover_words:
        config |= {"locale": "app", "locales": {"app": {"dictionary": hover_words}}}
    prepared = _sendable(fig, to_plotly_dict(fig))
    if height_cut() and prepared.get("layout", {}).get("height"):
        # A copy: the prepared dict is shared with every other use of the figure.
        height = max(240, prepared["layout"]["height"] - height_cut())
        prepared = {**prepared, "layout": {**prepared["layout"], "height": height}}
    if phone:
        # A finger's drag on a plot drew a zoom box and the page did not scroll: with
        # charts as wide as the phone, a student could scroll only along the screen's
        # edges. Without a drag mode a swipe scrolls the page; a tap still shows the hover.
        prepared = {**prepared, "layout": {**prepared.get("layout", {}), "dragmode": False}}
    return st.plotly_chart(_Prepared(prepared), key=key, width="stretch",
                           theme="streamlit", config=config, alt=alt)


def text_table(columns: dict[str, list[str]], key: str | None = None):
    """A small table of text columns (numbers already written by `fmt_text`), full width.

    Made as an Arrow table, which is what Streamlit sends: from a pandas DataFrame the
    same table cost about ten times as much to build and convert, on every run.

    On a projector and a phone it is an HTML table (``st.table``), whose text the
    stylesheets size (the presentation one enlarges it with the page's; base.css fits a
    phone's) and whose headers wrap. ``st.dataframe`` draws on a canvas no font rule
    reaches: zoomed, it kept the width Streamlit measured for it unzoomed and ran a quarter
    past the page's right edge; on a phone its last columns lay past the screen's edge,
    with no sign that they scroll.
    """
    if presenting() or on_phone():
        with st.container(key=key):
            return st.table(pa.table(columns), hide_index=True)
    return st.dataframe(pa.table(columns), hide_index=True, width="stretch", key=key)


# On a projector during the tour the banner stands in for the page's title and intro but
# is taller (its caption can take two lines): every chart gives up this much height, so
# a step's charts still end on a 1280x720 screen (tests/browser/test_tour_walk.py).
TOUR_BANNER_ROOM = 56


def height_cut() -> int:
    """How many pixels `chart` takes off every chart's height in this run (for a figure
    that places something in pixels under its plot)."""
    from .tourbar import heading_shown  # here: tourbar imports this module

    return 0 if heading_shown() else TOUR_BANNER_ROOM


def tab_rule(ids: tuple[str, ...], labels: list[str]) -> urlstate.Rule:
    """What a `lazy_tabs` link's ``tab`` may hold, for the page's `urlstate.guard`: one of
    ``ids`` exactly. Anything else opened the first tab without a word and stayed in the
    address; now it leaves it with a warning that names the tab shown."""
    return urlstate.choice("tab", ids, ids[0], message=t("common.bad_tab", tab=labels[0]))


def lazy_tabs(ids: tuple[str, ...], labels: list[str], *, keep: tuple[str, ...] = (),
              key: str = "view"):
    """``st.tabs`` of which only the open one runs (test ``tab.open``); a tab change reruns.

    ``tab=<id>`` in a link opens that tab, and the address follows the visitor's choice
    (no ``tab`` for the first), so a copied link shows the same tab. ``keep`` lists the
    keys of widgets inside the tabs: Streamlit forgets the state of a widget a run doesn't
    draw, so their values are held in session state while another tab is open.
    """
    for name in keep:
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]

    def follow() -> None:
        label = st.session_state.get(key)
        chosen = ids[labels.index(label)] if label in labels else ids[0]
        if chosen == ids[0]:
            st.query_params.pop("tab", None)
        else:
            st.query_params["tab"] = chosen

    linked = st.query_params.get("tab")
    return st.tabs(labels, key=key, on_change=follow,
                   default=labels[ids.index(linked)] if linked in ids else None)


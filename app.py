"""Activation Explorer: the entry point (`streamlit run app.py`).

Only the shared frame lives here: page config, navigation, and the sidebar controls every
page shares (language, presentation mode, Share this view). Each page is a thin file in
`pages/`.
"""

# pandas whole before any page draws a chart. Plotly looks pandas up in sys.modules without
# importing it, so a chart drawn while another thread was importing pandas (a softmax run,
# which runs beside others on a fresh process or with AE_SCRIPT_SLOTS > 1; ui/gcfreeze.py's
# thread, once) met the half-made module: "partially initialized module 'pandas' has no
# attribute 'Series'" on screen instead of the chart. An import statement waits for another
# thread's import to finish; a lookup does not. (A fresh process's first run: 0.1-0.2 s more.)
import pandas  # noqa: F401
import streamlit as st

from ui import frame, gcfreeze, i18n, nodelay, share, tourbar, urlstate
from ui.gate import GATE
from ui.i18n import LANGS, t

st.set_page_config(page_title="Activation Explorer", page_icon=":material/show_chart:",
                   layout="wide")
nodelay.once()  # a run's messages leave together, not 40 ms apart (see ui/nodelay.py)
gcfreeze.once()  # full garbage collections skip the app's code (see ui/gcfreeze.py)


def _browser_language() -> str:
    """Korean when the browser asks for it, else English."""
    locale = st.context.locale or ""
    return "ko" if locale.lower().startswith("ko") else "en"


def _present_from_link() -> None:
    """Accept ``present=1`` (easy to type into a bookmark) as well as the toggle's ``true``.

    A bound toggle only understands true/false and would silently drop ``1``, so the value
    is moved into the widget's state before the toggle is drawn, and the address bar is
    rewritten as ``present=true`` with one rerun (the frontend would drop the ``1`` after
    the first run, and a reload would leave presentation mode). Called after
    ``st.navigation``, so the rerun stays on the linked page.
    """
    if st.query_params.get_all("present")[-1:] == ["1"]:
        st.session_state["present"] = True
        st.query_params["present"] = "true"
        st.rerun()


# The rest of the run takes its turn: one run at a time per process (by default), so that
# a class moving sliders at once does not share out the interpreter lock (see ui/gate.py).
# Its language is settled once the language widget is drawn (see ui/i18n.py).
with GATE.turn(), i18n.run_scope():
    pages = [
        # The default page is served at the root; its own url_path only names it ("index").
        st.Page(path, title=t(f"app.{key}"), icon=icon, default=(key == "home"),
                url_path="index" if key == "home" else key)
        for key, (path, icon) in frame.PAGES.items()
    ] + [
        # A hidden twin of the home page answers /home as well (a typed or remembered link),
        # without a second Home entry in the sidebar.
        st.Page(frame.PAGES["home"][0], title=t("app.home"), icon=frame.PAGES["home"][1],
                url_path="home", visibility="hidden"),
    ]
    frame.forgive_typed_path([page.url_path for page in pages])  # /Softmax opens softmax
    # .streamlit/config.toml hides Streamlit's own page list, which a fresh process's first
    # run draws from pages/ by file name ("app", "curves", "gradient flow"...) before this
    # file replaces it; the menu built here is wanted (the option is read as it is built).
    if not st.get_option("client.showSidebarNavigation"):
        st.set_option("client.showSidebarNavigation", True)
    nav = st.navigation(pages)
    # The link's frame values are checked after st.navigation, like present=1 below: a
    # rerun before it lost the page, and a link with lang=fr opened Home instead.
    urlstate.guard("frame", [
        urlstate.choice("lang", LANGS, _browser_language()),
        urlstate.choice("present", ("1", "true", "false"), "false",
                        message=t("common.bad_present")),
        tourbar.rule(),  # the guided tour's step (see ui/tourbar.py)
    ])
    _present_from_link()

    with st.sidebar:
        # Options are the codes themselves: a bound widget puts the shown string in the URL,
        # and the link should say lang=ko.
        st.radio(t("common.language"), LANGS, index=LANGS.index(_browser_language()),
                 horizontal=True, key="lang", bind="query-params")
        i18n.settle()
        # A phone keeps its own layout (see frame.presenting): the toggle says so.
        phone = frame.on_phone()
        st.toggle(t("common.present"), key="present", bind="query-params", disabled=phone,
                  help=t("common.present_help_phone" if phone else "common.present_help"))
        # The view's link and its QR code, for a class to open what the projector shows.
        share.button(nav.url_path)

    if frame.presenting():
        # On a projector the chart gets the whole 1280x720 screen; the sidebar is one click away.
        st.set_page_config(initial_sidebar_state="collapsed")
    frame.styles()
    frame.zoom_hint()  # on a screen larger than 1280x720 only (ui/present.css)

    st.sidebar.caption(t("app.tagline"))

    # Pages reuse widget keys that their links share (act, seed, width, ...), with other
    # types and ranges: a value left by one page must not reach the next (gradient flow's
    # width=128 would crash the training lab's 1..32 slider). So a page switch starts from
    # clean widget state; only the frame's keys and "_"-prefixed memories are kept.
    FRAME_KEYS = {"lang", "present"}
    # A new tour step starts clean as well (see ui/tourbar.py).
    new_step, same_page = tourbar.entered_new_step(), st.session_state.get("_page") == nav.url_path
    shown = {}  # what the browser showed, when a step opens on the page already open
    if new_step or not same_page:
        keys = [k for k in st.session_state if k not in FRAME_KEYS and not k.startswith("_")]
        shown = {k: st.session_state[k] for k in keys} if same_page else {}
        for key in keys:
            del st.session_state[key]
        st.session_state["_page"] = nav.url_path
    else:
        tourbar.apply_resync()
    frame.no_such_page_note()  # the link's path named no page: Home, and a note
    if nav.url_path != "tour":
        tourbar.banner()  # above the page, on every page, while the link names a tour step
    nav.run()
    urlstate.forget_notes()  # the link's warnings were shown in a run that ended
    tourbar.resync(shown)  # a step on the same page: the widgets show the step's values

"""The guided tour's banner: drawn by the frame (app.py) above whatever page a step opens.

A step is a page in a given state (activations/tour.py). Its link carries ``tour=<step id>``
next to the page's own keys, so the banner survives the page's own widgets (they rewrite
only their own keys) and a link pasted into slides opens the step with its banner. The pages
know nothing about it: ``tour`` is checked here (`rule`, in the frame's guard), and Back /
Next switch to the neighbouring step's page with that step's query parameters.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from activations import tour

from . import urlstate
from .frame import PAGES, on_phone, presenting
from .i18n import lang, t

KEY = "tour"


def current() -> str | None:
    """The step the link names (checked by the frame's guard), else None."""
    value = st.query_params.get(KEY)
    return value if value in tour.IDS else None


def heading_shown() -> bool:
    """Whether a page draws its own title and intro. Not during the tour on a projector or
    a phone: there the banner (the step's title and what to notice) heads the page, and the
    charts need the room: ~130 px to fit a 1280x720 screen; on a 390 px phone the title
    and intro took two screens (gradient flow's title three lines, its intro nine) before
    the step's chart."""
    return not ((presenting() or on_phone()) and current() is not None)


def rule() -> urlstate.Rule:
    """What ``tour`` may hold; a bad value is dropped with a warning that names nothing
    internal (no step id), and the page shows without the banner."""
    return urlstate.choice(KEY, tour.IDS, None, message=t("tour.bad_tour"))


def frame_params() -> list[tuple[str, str]]:
    """The frame's own keys as the link should keep them (language, presentation)."""
    return [("lang", lang())] + ([("present", "true")] if presenting() else [])


def step_params(step_id: str) -> list[tuple[str, str]]:
    """The query parameters that open ``step_id`` with its banner. (Not the frame's own
    keys: they are bound to its widgets, Streamlit refuses to set a bound key by hand, and
    it writes them back after a switch to another page; a banner link to the page already
    open adds them itself, `_kept`.)"""
    return [*tour.step(step_id).pairs(), (KEY, step_id)]


def go(step_id: str) -> None:
    """Open ``step_id``'s page in the step's state, from a page without bound widgets of
    its own (the tour page's "Start"): Streamlit refuses query parameters that a widget of
    the current page is bound to, so the banner itself uses links (`_link_to`)."""
    st.switch_page(PAGES[tour.step(step_id).page][0], query_params=step_params(step_id))


def entered_new_step() -> bool:
    """Whether this run shows another step than the last run did (remembered per session).

    The frame clears widget state on a page switch; a step on the same page as the one
    before (two softmax steps in a row) must start clean as well, or the widgets would keep
    the previous step's values instead of reading the new link. Leaving the tour (no step)
    keeps the page as it is.
    """
    step_id = current()
    changed = step_id is not None and step_id != st.session_state.get("_tour_step")
    st.session_state["_tour_step"] = step_id
    if changed:
        # A link to the page already open changes the server's query string, but the
        # address bar may keep the previous step's: writing a key sends it back whole.
        st.query_params[KEY] = step_id
        _restore_dropped(step_id)
    return changed


def _restore_dropped(step_id: str) -> None:
    """Put back the values of the step's link that Streamlit dropped on the way here.

    On a page switch Streamlit drops a link's parameter when the page left had a widget
    bound to the same key, taking it for a stale value of that page. Back from the dying-
    units comparison (the training lab has a `width` of its own) opened the narrow-ReLU
    step at gradient flow's default width, 128 instead of 2; Next from the zig-zag opened
    the tanh step without its formula. The dropped values go back where a new page's bound
    widgets read a link on their first run (Streamlit 1.67's `QueryParams`, reached
    through the run's session state: no public call does this), and into the address.
    """
    have = set(st.query_params)
    dropped = [(k, v) for k, v in tour.step(step_id).pairs() if k not in have]
    if not dropped:
        return
    shown = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    with get_script_run_ctx().session_state.query_params() as qp:
        qp.set_initial_query_params(urlencode(shown + dropped))
    for key in dict.fromkeys(k for k, _ in dropped):
        values = [v for k, v in dropped if k == key]
        st.query_params[key] = values if len(values) > 1 else values[0]


RESYNC = "_tour_resync"  # widget values to set again at the next run (see `resync`)


def _differs(now, before) -> bool:
    """Whether a widget's value changed, for the plain values widgets hold (an editor's
    edits or an upload are left alone: they are not set through the session state)."""
    plain = (bool, int, float, str, list, tuple)
    return isinstance(now, plain) and isinstance(before, plain) and (
        type(now) is not type(before) or now != before)


def resync(shown: dict) -> None:
    """After the first run of a step that opened on the page already open: set again, in a
    rerun, each widget whose value differs from what the browser ``shown`` before.

    The frame clears the widgets' state for a new step, and each takes the link's value or
    its default. The browser keeps showing its own value unless the server sets one: a
    link's value (not the default) is set, but a default is not (Streamlit drops it from
    the link). From step 19 (T = 10) to step 20 (T = 1, the default) the slider still
    read 10 beside "T = 1", and its value went back into the address; the dead-zone
    toggle stayed on from step 12 to 13. A value assigned through the session state before
    the widget is drawn is sent to the browser, so the rerun assigns each changed one."""
    changed = {k: st.session_state[k] for k, before in shown.items()
               if k in st.session_state and _differs(st.session_state[k], before)}
    if changed:
        st.session_state[RESYNC] = changed
        st.rerun()


def apply_resync() -> None:
    """Assign the values `resync` kept, before the page draws its widgets."""
    for key, value in st.session_state.pop(RESYNC, {}).items():
        st.session_state[key] = value


def _leave() -> None:
    st.query_params.pop(KEY, None)


def _kept(step_id: str) -> list[tuple[str, str]]:
    """The frame's keys a link to ``step_id`` must write itself. Streamlit puts a bound
    widget's value back into the address after a switch to another page, but not after a
    switch to the page already open (the query string is replaced and the value did not
    change): from one gradient-flow step to the next, ``present=true`` and ``lang=ko`` fell
    out of the address, and a reload opened the step in English, not on a projector. On
    a switch to another page Streamlit writes them, and the link must not (twice over)."""
    here = current()
    return frame_params() if here and tour.step(here).page == tour.step(step_id).page else []


def _link_to(step_id: str | None, label: str, icon: str, key: str) -> None:
    """A link to ``step_id`` (None: the tour page) drawn as the banner's button. A link,
    not a button: it switches the page client-side with the new query string, which a
    button's ``st.switch_page`` may not do while the page's own keys are bound (the same
    goes for a button's keyboard shortcut, hence `_keys`)."""
    with st.container(key=key, width="content"):
        if step_id is None:
            st.page_link(PAGES["tour"][0], label=label, icon=icon)
        else:
            st.page_link(PAGES[tour.step(step_id).page][0], label=label, icon=icon,
                         icon_position="right" if key == "tourbar_next" else "left",
                         query_params=[*step_params(step_id), *_kept(step_id)])


@functools.cache
def _script() -> str:
    """The banner's keys (ui/tourkeys.js), read once per process."""
    code = Path(__file__).with_name("tourkeys.js").read_text(encoding="utf-8")
    return f"<script>{code}</script>"


def _keys() -> None:
    """→ / ← (and a clicker's Page Down / Page Up in presentation mode) press the banner's
    Next / Back links (ui/tourkeys.js). Its container is hidden (ui/base.css): the script
    draws nothing and must not take a gap of the page's column."""
    with st.container(key="tourbar_keys"):
        st.html(_script(), unsafe_allow_javascript=True)


def banner() -> None:
    """The banner of the step in the link, if any: "k / n", title, what to notice, and
    Back / Next / Leave. In presentation mode it is larger (ui/present.css) and Next comes
    first, so it is the first thing a lecturer's eye or Tab key reaches; the arrow keys and
    a presenter's clicker move between steps too (`_keys`)."""
    step_id = current()
    if step_id is None:
        return
    back, forward = tour.neighbours(step_id)
    k = tour.IDS.index(step_id) + 1
    with st.container(border=True, key="tourbar"):
        head = t("tour.bar_head", i=k, n=len(tour.IDS), title=t(f"tour.{step_id}"))
        if on_phone():  # the buttons in a row of their own: beside the title they wrapped,
            st.markdown(head)  # Back on the title's line at one step, under it at the next
        with st.container(horizontal=True, vertical_alignment="center"):
            if not on_phone():
                st.markdown(head, width="stretch")
            controls = {
                # After the last step, "Finish" returns to the tour page: "Next" under
                # "n / n" promised a step that is not there.
                "next": lambda: _link_to(forward, t("tour.next"), ":material/arrow_forward:",
                                         "tourbar_next") if forward is not None
                else _link_to(None, t("tour.finish"), ":material/flag:", "tourbar_next"),
                "back": lambda: back is not None and _link_to(
                    back, t("tour.back"), ":material/arrow_back:", "tourbar_back"),
                "leave": lambda: st.button(t("tour.leave"), key="tourbar_leave",
                                           icon=":material/close:", on_click=_leave),
            }
            for name in ("next", "back", "leave") if presenting() else ("back", "next", "leave"):
                controls[name]()
        st.markdown(t(f"tour.{step_id}_caption"))
        _keys()

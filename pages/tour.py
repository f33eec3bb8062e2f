"""Guided tour: the claims of the lecture notes as a sequence of steps (activations/tour.py).

"Start the tour" opens the first step's page in its state, with the frame's tour banner on
top (ui/tourbar.py: counter, what to notice, Back / Next). Below, a card per step opens
that step directly, and the picker shows one step's caption and its link for slides.

Link parameter: ``step`` (a step id such as ``step=relu_dead``; the first step when absent),
kept in the URL by the page itself (a bound selectbox would write the translated title).
"""

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from activations import tour
from ui import tourbar, urlstate
from ui.frame import PAGES, on_phone, presenting, require_app_frame, touch
from ui.i18n import t
from ui.urlstate import guard

require_app_frame()  # first: a fresh process may run a page without app.py


def _current() -> str:
    """The step the URL names (checked by ``guard`` first), else the first step."""
    value = st.query_params.get("step")
    return value if value in tour.IDS else tour.IDS[0]


def _titles() -> list[str]:
    """The picker's options: "3. <title>" (no format_func: labels depend on the language)."""
    return [f"{i + 1}. {t('tour.' + step_id)}" for i, step_id in enumerate(tour.IDS)]


def _picked() -> None:
    # The URL is the state: a bound selectbox would write its shown label, not the id.
    titles = _titles()
    picked = st.session_state.get("tour_pick")
    if picked in titles:
        st.query_params["step"] = tour.IDS[titles.index(picked)]


def _link(step_id: str, base: str = "") -> str:
    """The step's link for slides, with its banner, in the visitor's language (and
    presentation mode when it is on); ``base`` is the app's address, if known."""
    step = tour.step(step_id)
    frame = "&".join(f"{k}={v}" for k, v in tourbar.frame_params())
    return f"{base}{step.link()}{'&' if step.params else '?'}tour={step_id}&{frame}"


def _open(step_id: str, label: str) -> None:
    """A link that opens ``step_id`` with its banner (a plain Markdown link when this page
    runs alone, as under AppTest, where the app's navigation does not exist)."""
    try:
        st.page_link(PAGES[tour.step(step_id).page][0], label=label,
                     icon=":material/open_in_new:", query_params=tourbar.step_params(step_id))
    except StreamlitPageNotFoundError:
        st.markdown(f"[{label}]({_link(step_id)})")


st.title(t("tour.title"))
st.write(t(touch("tour.intro")))  # a phone: no keys, the menu for the sidebar
guard("tour", [urlstate.choice("step", tour.IDS, tour.IDS[0],
                               message=t("tour.bad_step"))])

START_PRESENTING = "_tour_start_presenting"  # set by the button below, read once


def _start_presenting() -> None:
    """Before the run: presentation mode on (the frame's toggle), and the tour to start."""
    st.session_state.update({"present": True, START_PRESENTING: True})


with st.container(horizontal=True):
    start = st.button(t("tour.start"), key="tour_start", type="primary",
                      icon=":material/play_arrow:")
    # In normal mode each step's chart starts below the first screen of a projector; a
    # lecturer who has not found the sidebar's toggle gets presentation mode in one click.
    # (Once it is on, this run no longer draws the button: the flag carries the click.)
    if not presenting() and not on_phone():
        st.button(t("tour.start_present"), key="tour_start_present",
                  icon=":material/present_to_all:", help=t("tour.start_present_help"),
                  on_click=_start_presenting)
if start or st.session_state.pop(START_PRESENTING, False):
    tourbar.go(tour.IDS[0])

current = _current()
titles = _titles()
with st.container(border=True):
    # The picker follows the URL (links, a language switch).
    st.session_state["tour_pick"] = titles[tour.IDS.index(current)]
    st.selectbox(t("tour.step"), titles, key="tour_pick", on_change=_picked)
    st.caption(t("tour.counter", i=tour.IDS.index(current) + 1, n=len(tour.IDS)))
    st.subheader(t(f"tour.{current}"))
    st.write(t(f"tour.{current}_caption"))
    _open(current, t("tour.open"))
    # The whole address where the browser gave it (a link to paste into slides as it is).
    base = urlstate.app_address("tour")
    st.caption(t("tour.link" if base else "tour.link_relative"))
    st.code(_link(current, base or ""), language=None, wrap_lines=True)

st.subheader(t("tour.steps_header"))
# A compact card per step: number, title, the page it opens, and a link that opens it.
# Row by row, each row its own columns: cards of a row line up and share its height, and a
# phone (columns stacked) lists them in order. (Four columns of every fourth step put a
# phone's list in the order 1, 5, 9, ... and let a short card lift the next one.)
per_row = 2 if presenting() else 4
for first in range(0, len(tour.IDS), per_row):
    row = enumerate(tour.IDS[first:first + per_row], start=first + 1)
    for column, (number, step_id) in zip(st.columns(per_row), row):
        page = tour.step(step_id).page
        with column, st.container(border=True, height="stretch", key=f"tour_card_{step_id}"):
            st.markdown(f"**{number}.** {t(f'tour.{step_id}')}")
            st.badge(t(f"app.{page}"), icon=PAGES[page][1], color="gray")
            _open(step_id, t("tour.open"))

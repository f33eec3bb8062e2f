"""Guided tour: the claims of the lecture notes as a sequence of steps (activations/tour.py).

Link parameter: ``step`` (a step id such as ``step=relu_dead``; the first step when absent),
kept in the URL by the page itself (a bound selectbox would write the translated title).
Each step shows its caption, an "open this step" button that goes to the page in the step's
state, and that state's link for slides. The steps themselves are pure data, so every
step's link is tested against its page.
"""

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from activations import tour
from ui import urlstate
from ui.frame import presenting
from ui.i18n import lang, t
from ui.urlstate import guard

PAGE_FILES = {"curves": "pages/curves.py", "gradient_flow": "pages/gradient_flow.py",
              "softmax": "pages/softmax.py", "training": "pages/training.py"}


def _current() -> str:
    """The step the URL names (checked by ``guard`` first), else the first step."""
    value = st.query_params.get("step")
    return value if value in tour.IDS else tour.IDS[0]


def _go(step_id: str | None) -> None:
    # The URL is the state: a bound selectbox would write its shown label, not the id.
    if step_id is not None:
        st.query_params["step"] = step_id


def _titles() -> list[str]:
    """The picker's options: "3. <title>" (no format_func: labels depend on the language)."""
    return [f"{i + 1}. {t('tour.' + step_id)}" for i, step_id in enumerate(tour.IDS)]


def _picked() -> None:
    titles = _titles()
    picked = st.session_state.get("tour_pick")
    _go(tour.IDS[titles.index(picked)] if picked in titles else None)


def _link(step: tour.Step) -> str:
    """The step's link, in the visitor's language (and presentation mode when it is on)."""
    frame = f"&lang={lang()}" + ("&present=1" if presenting() else "")
    return step.link() + (frame if step.params else "?" + frame[1:])


st.title(t("tour.title"))
st.write(t("tour.intro"))
guard("tour", [urlstate.choice("step", tour.IDS, tour.IDS[0])])

current = _current()
titles = _titles()
# The picker follows the URL (Back/Next, links, a language switch).
st.session_state["tour_pick"] = titles[tour.IDS.index(current)]
st.selectbox(t("tour.step"), titles, key="tour_pick", on_change=_picked)
step = tour.step(current)
back, forward = tour.neighbours(current)

st.caption(t("tour.counter", i=tour.IDS.index(current) + 1, n=len(tour.IDS)))
st.subheader(t(f"tour.{current}"))
st.write(t(f"tour.{current}_caption"))

with st.container(horizontal=True):
    st.button(t("tour.back"), key="tour_back", on_click=_go, args=(back,),
              disabled=back is None, icon=":material/arrow_back:")
    st.button(t("tour.next"), key="tour_next", on_click=_go, args=(forward,),
              disabled=forward is None, icon=":material/arrow_forward:")
    try:
        st.page_link(PAGE_FILES[step.page], label=t("tour.open"),
                     icon=":material/open_in_new:", query_params=step.pairs())
    except StreamlitPageNotFoundError:  # this page runs alone (tests): a plain link instead
        st.markdown(t("tour.open_link", link=_link(step)))
st.caption(t("tour.link"))
st.code(_link(step), language=None)

"""Activation Explorer: the entry point (`streamlit run app.py`).

Only the shared frame lives here: page config, navigation, and the sidebar controls every
page shares (language, presentation mode). Each page is a thin file in `pages/`.
"""

import streamlit as st

from ui.i18n import LANGS, t

st.set_page_config(page_title="Activation Explorer", page_icon="📈", layout="wide")


def _browser_language() -> str:
    """Korean when the browser asks for it, else English."""
    locale = st.context.locale or ""
    return "ko" if locale.lower().startswith("ko") else "en"


with st.sidebar:
    # Options are the codes themselves: a bound widget puts the shown string in the URL,
    # and the link should say lang=ko.
    st.radio(t("common.language"), LANGS, index=LANGS.index(_browser_language()),
             horizontal=True, key="lang", bind="query-params")
    st.toggle(t("common.present"), key="present", help=t("common.present_help"),
              bind="query-params")

PAGES = [  # (file, catalog key, icon)
    ("pages/home.py", "home", ":material/home:"),
    ("pages/curves.py", "curves", ":material/show_chart:"),
    ("pages/gradient_flow.py", "gradient_flow", ":material/stacked_line_chart:"),
    ("pages/softmax.py", "softmax", ":material/bar_chart:"),
    ("pages/training.py", "training", ":material/model_training:"),
]
nav = st.navigation([
    st.Page(path, title=t(f"app.{key}"), icon=icon, url_path=key, default=(key == "home"))
    for path, key, icon in PAGES
])
st.sidebar.caption(t("app.tagline"))
nav.run()

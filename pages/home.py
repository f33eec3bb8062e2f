"""Home: what the app is for, and a gallery of every registered activation."""

import streamlit as st

import activations
from activations.figures.gallery import gallery_figure
from ui.frame import chart, presenting
from ui.i18n import lang, t

st.title(t("home.title"))
st.write(t("home.intro"))

st.subheader(t("home.what_header"))
for item in ("what_curves", "what_gradflow", "what_softmax", "what_training"):
    st.markdown(f"- {t('home.' + item)}")

st.subheader(t("home.gallery_header"))
st.caption(t("home.count", n=len(activations.names())))


@st.cache_data(show_spinner=False)
def _gallery(names: tuple[str, ...], f_label: str, df_label: str, present: bool):
    return gallery_figure(list(names), f_label, df_label, present=present)


names = activations.names()
chart(_gallery(tuple(names), t("home.f"), t("home.df"), presenting()),
      key="gallery", filename="activation-gallery")
st.caption(t("home.gallery_caption"))

st.subheader(t("home.explore_header"))
columns = st.columns(5)
for i, name in enumerate(names):
    label = activations.get(name).label
    # A plain relative link works in the full app and when this page runs alone.
    columns[i % 5].markdown(f"[{t('home.explore', label=label)}](curves?fn={name}&lang={lang()})")

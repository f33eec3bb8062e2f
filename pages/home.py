"""Home: what the app is for, and a gallery of every registered activation."""

import streamlit as st

import activations
from ui import cached
from ui.frame import chart, presenting
from ui.i18n import lang, t

st.title(t("home.title"))
st.write(t("home.intro"))

st.subheader(t("home.what_header"))
for item in ("what_curves", "what_gradflow", "what_softmax", "what_training", "what_playground",
             "what_tour"):
    st.markdown(f"- {t('home.' + item)}")

st.subheader(t("home.gallery_header"))
st.caption(t("home.count", n=len(activations.names())))


names = activations.names()
chart(cached.gallery_figure(tuple(names), t("home.f"), t("home.df"), presenting()),
      key="gallery", filename="activation-gallery")
st.caption(t("home.gallery_caption"))

st.subheader(t("home.explore_header"))
columns = st.columns(5)
for i, name in enumerate(names):
    label = activations.get(name).label
    # A plain relative link works in the full app and when this page runs alone.
    columns[i % 5].markdown(f"[{t('home.explore', label=label)}](curves?fn={name}&lang={lang()})")

"""Home: what the app is for, and a gallery of every registered activation."""

import streamlit as st

import activations
from activations import tour
from ui import cached
from ui.frame import PAGES, chart, on_phone, page_link, presenting, require_app_frame
from ui.i18n import t

require_app_frame()  # first: a fresh process may run a page without app.py

st.title(t("home.title"))
st.write(t("home.intro"))

st.subheader(t("home.what_header"))
# Each page as a link to it, with what it is for: a phone folds the sidebar away, and a
# Markdown link would reload the app, losing the session (its language, presentation mode).
# (base.css sets them as body text that wraps, where a page link keeps one small line.)
with st.container(key="home_links", gap="xxsmall"):
    for key in ("curves", "gradient_flow", "softmax", "training", "playground", "tour"):
        page_link(key, t(f"home.what_{key}", steps=len(tour.STEPS)), PAGES[key][1], "stretch")

st.subheader(t("home.gallery_header"))
# What the lines are, before the grid: under it, the key came three screens after the
# first panel on a projector.
st.caption(f'{t("home.count", n=len(activations.names()))} {t("home.gallery_caption")}')

names = activations.names()
# On a phone five panels a row are 60 px wide: their titles ran into each other and their
# tick labels into the next panel. Three a row there (the figure cannot reflow by itself).
columns = 3 if on_phone() else 5
chart(cached.gallery_figure(tuple(names), t("home.f"), t("home.df"), presenting(), columns),
      key="gallery", filename="activation-gallery", alt=t("home.alt_gallery", n=len(names)))

st.subheader(t("home.explore_header"))
# Page links in the gallery's order: column c holds every fifth name from c, as the gallery
# lays them out; on a phone, where columns stack, one wrapped row of them instead. A link
# is the name alone (the header says what it does): "Explore Identity (linear)" took two
# lines and put the rows out of step.
def _explore(name: str) -> None:
    page_link("curves", activations.get(name).label, PAGES["curves"][1], query={"fn": name})


with st.container(key="explore_links"):
    if on_phone():
        with st.container(horizontal=True, gap="xxsmall"):
            for name in names:
                _explore(name)
    else:
        for c, column in enumerate(st.columns(5)):
            with column.container(gap="xxsmall"):
                for name in names[c::5]:
                    _explore(name)

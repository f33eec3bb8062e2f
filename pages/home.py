"""Home: what the app is for, and a gallery of every registered activation."""

import streamlit as st

import activations
from activations import tour
from ui import cached
from ui.frame import chart, on_phone, presenting, require_app_frame
from ui.i18n import lang, t

require_app_frame()  # first: a fresh process may run a page without app.py

st.title(t("home.title"))
st.write(t("home.intro"))

st.subheader(t("home.what_header"))
# One element per list, not one per line: each element is a message for the server to make
# and send on every run (ui/gate.py).
st.markdown("\n".join(f"- {text}" for text in (
    *(t("home." + item) for item in (
        "what_curves", "what_gradflow", "what_softmax", "what_training", "what_playground")),
    t("home.what_tour", steps=len(tour.STEPS)))))

st.subheader(t("home.gallery_header"))
st.caption(t("home.count", n=len(activations.names())))


names = activations.names()
# On a phone five panels a row are 60 px wide: their titles ran into each other and their
# tick labels into the next panel. Three a row there (the figure cannot reflow by itself).
columns = 3 if on_phone() else 5
chart(cached.gallery_figure(tuple(names), t("home.f"), t("home.df"), presenting(), columns),
      key="gallery", filename="activation-gallery", alt=t("home.alt_gallery", n=len(names)))
st.caption(t("home.gallery_caption"))

st.subheader(t("home.explore_header"))
# A plain relative link works in the full app and when this page runs alone. Column c holds
# every fifth name from c, one Markdown block per column (a hard line break between links),
# as the gallery above lays them out. A link is the name alone (the header says what it
# does): "Explore Identity (linear)" took two lines and put the rows out of step.
links = [f"[{activations.get(name).label}](curves?fn={name}&lang={lang()})" for name in names]
if on_phone():  # columns stack on a phone: one paragraph in the gallery's order instead
    st.markdown(" · ".join(links))
else:
    for c, column in enumerate(st.columns(5)):
        column.markdown("  \n".join(links[c::5]))

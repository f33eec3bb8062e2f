"""The chart frame shared by every page: theme-following Plotly with a good PNG export."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

# A static file in the repository; st.html sends a style-only body to the page's event
# container, so it takes no space. No user text is ever part of it.
PRESENT_CSS = Path(__file__).with_name("present.css")


def presenting() -> bool:
    """Whether the shared frame's presentation mode is on."""
    return bool(st.session_state.get("present", False))


def present_style() -> None:
    """Larger page text and less padding while presentation mode is on (charts get their
    projector look from the figure builders)."""
    if presenting():
        st.html(PRESENT_CSS)


def chart(fig, key: str, filename: str):
    """Draw ``fig`` full width, following the Streamlit theme (light or dark).

    The toolbar's camera button saves ``<filename>.png`` at 2x scale.
    """
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
    return st.plotly_chart(fig, key=key, width="stretch", theme="streamlit", config=config)

"""The chart frame shared by every page: theme-following Plotly with a good PNG export."""

from __future__ import annotations

import streamlit as st


def presenting() -> bool:
    """Whether the shared frame's presentation mode is on."""
    return bool(st.session_state.get("present", False))


def chart(fig, key: str, filename: str):
    """Draw ``fig`` full width, following the Streamlit theme (light or dark).

    The toolbar's camera button saves ``<filename>.png`` at 2x scale.
    """
    config = {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
    return st.plotly_chart(fig, key=key, width="stretch", theme="streamlit", config=config)

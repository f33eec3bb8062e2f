"""Streamlit-side helpers shared by the pages: text catalogs, URL checks, the chart frame.

The math lives in `activations` (no streamlit there); this package only talks to the UI.
"""

"""Plotly figure builders: pure functions returning ``go.Figure`` (testable without Streamlit).

Text shown on a figure (titles, axis labels, legend names) is passed in by the caller, so
the pages can take it from their language catalog.
"""

"""ui/urlstate.write: a value kept in the link by hand lands in the URL as a bound widget's
would: nothing for the default, one parameter for a value, a repeated one for a list."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from ui import urlstate

    value, default = st.session_state["case"]
    urlstate.write("k", value, default)


@pytest.mark.parametrize(("url", "value", "default", "expected"), [
    ([], "blobs", "xor", ["blobs"]),  # a value: one parameter
    (["blobs"], "xor", "xor", []),  # back to the default: out of the link
    ([], "xor", "xor", []),
    (["moons"], "blobs", "xor", ["blobs"]),  # replaced, not added
    ([], ["relu", "tanh"], ("sigmoid",), ["relu", "tanh"]),  # a list: repeated, in order
    (["relu", "tanh"], ["tanh"], ("sigmoid",), ["tanh"]),
    (["relu"], ("sigmoid",), ["sigmoid"], []),  # tuple or list, the same default
    (["relu"], [], ("sigmoid",), []),  # an empty choice writes nothing either
    ([], None, ("sigmoid",), []),
])
def test_write_keeps_the_link_as_a_bound_widget_would(url, value, default, expected):
    at = AppTest.from_function(_script, default_timeout=30)
    if url:
        at.query_params["k"] = url
    at.session_state["case"] = (value, default)
    at.run()
    assert not at.exception
    got = at.query_params.get("k", [])  # AppTest gives one value as a string
    assert ([got] if isinstance(got, str) else list(got)) == expected

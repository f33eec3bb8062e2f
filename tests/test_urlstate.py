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


def _address_script():
    import streamlit as st

    from ui import urlstate

    st.session_state["got"] = urlstate.app_address("tour")


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8501/tour", "http://127.0.0.1:8501/"),
    ("https://lab.example.edu/ae/tour/", "https://lab.example.edu/ae/"),  # behind a prefix
    ("https://ae.streamlit.app/~/+/tour", "https://ae.streamlit.app/"),  # Community Cloud
    ("https://ae.streamlit.app/~/+/", "https://ae.streamlit.app/"),
    ("http://127.0.0.1:8501", "http://127.0.0.1:8501/"),  # another page's path stays
    ("http://127.0.0.1:8501/detour", "http://127.0.0.1:8501/detour/"),
    (None, None),  # the browser did not say
    ("javascript:alert(1)", None),
    ("https://x/" + "a" * 3000, None),
])
def test_app_address_is_the_browsers_less_the_page(url, expected):
    at = AppTest.from_function(_address_script, default_timeout=30)
    at.context["url"] = url
    at.run()
    assert not at.exception
    assert at.session_state["got"] == expected


@pytest.mark.parametrize(("page", "query"), [
    ("pages/playground.py", {"data": "zzz", "present": "yes"}),  # the frame's, the page's
    ("pages/gradient_flow.py", {"depth": "0", "lang": "fr"}),
    ("pages/softmax.py", {"present": "1", "tab": "zz", "lang": "xx"}),  # present=1 reruns
    ("pages/curves.py", {"fn": "bogus", "present": "1", "tour": "zz"}),
])
def test_every_warning_of_a_link_is_shown_once(apptest, page, query):
    """The frame (lang, present, tour) and the page each take their link's bad values out
    and rerun. The frame's warnings were lost when the page reran for one of its own, and
    a page's when present=1 reran; the next run shows none."""
    at = apptest("app.py", run=False, query=query)  # the whole app: frame and page
    at.switch_page(page).run()
    assert not at.exception
    bad = [k for k, v in query.items() if (k, v) != ("present", "1")]
    assert len(at.warning) == len(bad), [w.value for w in at.warning]
    assert not set(bad) & set(at.query_params), dict(at.query_params)
    at.run()
    assert not at.exception and not at.warning


def _catalog(key: str, lang: str) -> str:
    """The catalog text for ``"page.key"`` in ``lang`` (what `ui.i18n.t` would give)."""
    from ui.i18n import catalog

    page, _, name = key.partition(".")
    return catalog(page, lang)[name]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("page", "key", "shown"), [
    ("pages/training.py", "dataset", "training.ds_xor"),
    ("pages/training.py", "optimizer", "training.opt_adam"),
    ("pages/training.py", "auto_lr", "common.yes"),
    ("pages/training.py", "surface", "training.surface_ravine"),
    ("pages/playground.py", "data", "network.data_circles"),
    ("pages/playground.py", "batch", "network.batch_full"),
    ("pages/playground.py", "reg", "network.reg_none"),
    ("pages/curves.py", "sat", "common.yes"),
    ("pages/curves.py", "dead", "common.no"),
])
def test_a_warning_names_the_default_as_the_page_shows_it(apptest, lang, page, key, shown):
    """Readable names on screen, code names only in the link: the warning said "using xor",
    "using ravine", "using True"."""
    at = apptest("app.py", lang=lang, run=False, query={key: "zzz"})
    at.switch_page(page).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        _catalog("common.bad_choice", lang).format(name=key, default=_catalog(shown, lang))]


@pytest.mark.parametrize("page", ["pages/training.py", "pages/playground.py"])
def test_an_activation_warning_names_it_as_the_page_shows_it(apptest, page):
    at = apptest("app.py", run=False, query={"act" if "training" in page else "a1": "zzz"})
    at.switch_page(page).run()
    assert [w.value for w in at.warning] == [_catalog("common.bad_choice", "en").format(
        name="act" if "training" in page else "a1", default="Tanh")]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_present_value_says_presentation_mode_is_off(apptest, lang):
    at = apptest("app.py", lang=lang, run=False, query={"present": "yes"})
    at.switch_page("pages/softmax.py").run()
    assert [w.value for w in at.warning] == [_catalog("common.bad_present", lang)]
    assert not at.toggle(key="present").value

"""Every text catalog has the same keys and placeholders in English and Korean."""

import importlib
import pkgutil
import string

import pytest

import ui.text

MODULES = sorted(m.name for m in pkgutil.iter_modules(ui.text.__path__))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_there_are_catalogs():
    assert {"common", "home", "app"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_catalog_keys_and_placeholders_match(module):
    mod = importlib.import_module(f"ui.text.{module}")
    en, ko = mod.EN, mod.KO
    assert set(en) == set(ko), f"keys only in EN: {set(en) - set(ko)}; only in KO: {set(ko) - set(en)}"
    for key in en:
        assert isinstance(en[key], str) and en[key].strip(), key
        assert isinstance(ko[key], str) and ko[key].strip(), key
        assert _fields(en[key]) == _fields(ko[key]), f"{module}.{key}: placeholders differ"


@pytest.mark.parametrize("module", MODULES)
def test_a_text_that_points_to_the_sidebar_has_a_phone_twin(module):
    # A phone folds the sidebar behind its » button: every text that sends the reader to
    # the sidebar has a `_touch` twin (ui.frame.touch) that says where the menu is; not a
    # text only presentation mode shows (a "_present" key), which a phone never is in, nor
    # one only the tour's compact layout shows off a projector (a "_tour" key), on a desktop.
    mod = importlib.import_module(f"ui.text.{module}")
    for key, text in mod.EN.items():
        if "sidebar" in text.lower() and not key.endswith(("_touch", "_present", "_tour")):
            for texts in (mod.EN, mod.KO):
                twin = texts.get(f"{key}_touch", "")
                assert "»" in twin and "sidebar" not in twin.lower() and "사이드바" not in twin, \
                    f"{module}.{key}"


def _scoped_language_script():
    """Records what ``lang`` says inside and after a run's scope (AppTest runs this)."""
    import streamlit as st

    from ui import i18n

    seen = {}
    st.session_state["lang"] = "ko"
    with i18n.run_scope():
        seen["before_settle"] = i18n.lang()
        i18n.settle()
        st.session_state["lang"] = "en"  # as no run does: settled means settled
        seen["settled"] = i18n.lang()
        with i18n.run_scope(settle_now=True):  # a fragment drawn by the run
            seen["nested"] = i18n.lang()
        seen["after_nested"] = i18n.lang()
    seen["after_scope"] = i18n.lang()
    try:
        with i18n.run_scope(settle_now=True):  # a fragment's own rerun, ended by st.rerun
            seen["fragment"] = i18n.lang()
            raise RuntimeError("the run ends")
    except RuntimeError:
        pass
    st.session_state["lang"] = "ko"
    seen["after_raise"] = i18n.lang()
    st.session_state["_seen"] = seen


def test_a_settled_language_lasts_exactly_its_run_scope():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_scoped_language_script, default_timeout=30)
    at.run()
    assert not at.exception
    assert at.session_state["_seen"] == {
        "before_settle": "ko", "settled": "ko", "nested": "ko", "after_nested": "ko",
        "after_scope": "en", "fragment": "en", "after_raise": "ko"}


def test_a_language_switch_draws_the_whole_run_in_the_new_language(apptest):
    """The run that switches the language (its widget is drawn mid-run, after the
    navigation's titles) shows every text in the new one, and switching back returns.
    (A fragment's own rerun: tests/browser/test_stclient.py, on a real server.)"""
    from ui.i18n import catalog

    at = apptest("app.py")
    at.switch_page("pages/softmax.py").run()
    title = {lang: catalog("softmax", lang)["title"] for lang in ("en", "ko")}
    entropy = {lang: catalog("softmax", lang)["m_entropy"] for lang in ("en", "ko")}
    assert at.title[0].value == title["en"]
    at.radio(key="lang").set_value("ko").run()
    assert not at.exception
    assert at.title[0].value == title["ko"]
    assert at.sidebar.radio[0].label == catalog("common", "ko")["language"]
    assert [m.label for m in at.metric] == [entropy["ko"]]
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == title["en"]
    assert [m.label for m in at.metric] == [entropy["en"]]

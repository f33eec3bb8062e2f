"""Presentation mode: every page runs with it on, in both languages, and looks the part."""

from __future__ import annotations

import json

import pytest

from activations.figures.style import PRESENT_HEIGHT, line_width, styled, subplots

PAGES = ("home", "curves", "gradient_flow", "softmax", "training", "playground", "tour")


def _present(apptest, page: str, lang: str, query=None):
    at = apptest(f"pages/{page}.py", lang=lang, run=False, query=query)
    at.session_state["present"] = True
    return at.run()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_presentation_mode(apptest, page, lang):
    at = _present(apptest, page, lang)
    assert not at.exception
    assert not at.warning, [w.value for w in at.warning]
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        assert layout["font"]["size"] == 20  # projector-size text
        # Tall enough to read from the back of the room. That the page's main charts also
        # fit a 1280x720 screen whole is checked in a real browser
        # (tests/browser/test_present_ko.py and each page's projector test).
        assert layout.get("height", 0) >= 360, (page, layout.get("height"))


@pytest.mark.parametrize("page", ["gradient_flow", "softmax", "training"])
def test_controls_fold_away(apptest, page):
    normal = apptest(f"pages/{page}.py")
    present = _present(apptest, page, "en")
    # Every panel open in normal mode (the controls; at least one) is folded here.
    opened = [i for i, e in enumerate(normal.expander) if e.proto.expanded]
    assert opened
    assert not any(present.expander[i].proto.expanded for i in opened)


def test_present_style_is_bigger_and_bolder():
    plain = styled()
    big = styled(present=True)
    assert big["height"] == PRESENT_HEIGHT > plain["height"]
    assert big["font"]["size"] > plain["font"]["size"]
    assert big["xaxis"]["tickfont"]["size"] > plain["xaxis"]["tickfont"]["size"]
    assert big["yaxis"]["showline"] and not plain["yaxis"].get("showline")
    assert line_width(True) > line_width(False)
    # charts follow the Streamlit theme: no background colours are set
    assert not {"paper_bgcolor", "plot_bgcolor", "template"} & set(big)


@pytest.mark.parametrize("value", ["1", "true"])
def test_present_from_the_url(apptest, value):
    at = apptest("app.py", query={"present": value})
    assert not at.exception
    assert at.toggle(key="present").value is True
    assert at.session_state["present"] is True
    (gallery,) = at.get("plotly_chart")
    assert json.loads(gallery.proto.spec)["layout"]["font"]["size"] == 20


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_zoom_hint_in_presentation_mode_until_hidden(apptest, lang):
    """The note for screens larger than 1280x720 (ui/frame.py's zoom_hint) is sent in
    presentation mode only (present.css shows it on a large viewport only); Hide keeps it
    away for the session, page switches included."""
    from ui.text.common import EN, KO

    text = {"en": EN, "ko": KO}[lang]["zoom_hint"]
    at = apptest("app.py", query={"lang": lang})
    assert text not in [c.value for c in at.caption]
    at = apptest("app.py", query={"present": "1", "lang": lang})
    assert not at.exception
    assert text in [c.value for c in at.caption]
    at.button(key="zoom_hint_hide").click().run()
    assert not at.exception and text not in [c.value for c in at.caption]
    at.switch_page("pages/curves.py").run()
    assert not at.exception and text not in [c.value for c in at.caption]
    assert at.session_state["present"] is True


@pytest.mark.parametrize("value", ["0", "false", "<script>", "nan"])
def test_present_stays_off_for_other_values(apptest, value):
    at = apptest("app.py", query={"present": value})
    assert not at.exception
    assert at.toggle(key="present").value is False


def test_subplot_titles_grow_with_the_text():
    grid = subplots(1, 2, subplot_titles=("a", "b"))
    for present in (False, True):
        layout = styled(grid, present=present)
        sizes = {note["font"]["size"] for note in layout["annotations"]}
        assert sizes == {layout["font"]["size"]}
        assert {"xaxis2", "yaxis2"} <= set(layout) and layout["yaxis2"]["tickfont"]

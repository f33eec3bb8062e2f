"""ui/frame.py's chart: a kept figure is handed to st.plotly_chart with its JSON made
already (`_wire_form`), and what Streamlit sends is Plotly's JSON of the figure (the same
values when read back), written in ASCII and safe inside HTML."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from activations.figures.spec import to_plotly_dict
from activations.figures.style import figure
from tests.test_spec import BUILDERS
from ui import frame


def _sent(prepared: dict) -> str:
    """The JSON st.plotly_chart puts into its message for a prepared dict (as in Streamlit
    1.67: the figure's ``to_dict()``, then ``plotly.io.to_json(..., validate=False)``)."""
    return pio.to_json(frame._Prepared(prepared).to_dict(), validate=False)


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("name", BUILDERS)
def test_every_builder_sends_the_same_json_in_wire_form(name, present):
    prepared = to_plotly_dict(BUILDERS[name](present))
    plain = _sent(prepared)
    wire = frame._wire_form(prepared)
    sent = _sent(wire)
    assert json.loads(sent) == json.loads(plain)
    assert sent.isascii()
    assert _sent(wire) == sent  # Plotly pops trace uids: the wire form survives a send
    assert any(isinstance(v, frame.orjson.Fragment)
               for trace in wire["data"] for v in trace.values())
    assert ("frames" in wire) == isinstance(wire.get("frames"), frame.orjson.Fragment)


def test_text_unsafe_in_html_is_escaped_as_plotly_escapes_it():
    # "</script>" in a name and U+2028/U+2029 in a title: Plotly escapes <, >, / and those
    # two separators so its JSON can sit inside HTML; the pieces made early must as well.
    fig = figure([dict(type="scatter", x=[1, 2], y=[3, 4], name="</script><b>a/b</b>",
                       hovertemplate="x=%{x}<br>y=%{y}<extra></extra>")],
                 dict(title=dict(text="one\u2028two\u2029three"), height=300),
                 frames=[dict(name="f/1", data=[dict(y=[5, 6], name="<i>")])])
    prepared = to_plotly_dict(fig)
    sent = _sent(frame._wire_form(prepared))
    assert json.loads(sent) == json.loads(_sent(prepared))
    for raw in ("<", ">", "/", "\u2028", "\u2029"):
        assert raw not in sent
    assert json.loads(sent)["data"][0]["name"] == "</script><b>a/b</b>"


def test_text_beyond_ascii_is_sent_as_json_escapes():
    # A Korean title, a minus sign and subscripts (the playground's "x₁"), and a character
    # beyond U+FFFF (a surrogate pair in JSON): each read back by Python's JSON parser and by
    # orjson's, a reader apart from the standard library's writer that made the escapes.
    texts = ["손실 곡선", "−1.5", "x₁, x₂", "σ′(x)", "😀 ok", "é", "\u2028"]
    fig = figure([dict(type="scatter", x=[1, 2], y=[3, 4], name=text, hovertext=[text, "a"])
                  for text in texts],
                 dict(title=dict(text=" / ".join(texts)), height=300),
                 frames=[dict(name="단계 1", data=[dict(y=[5, 6], name="−")])])
    prepared = to_plotly_dict(fig)
    sent = _sent(frame._wire_form(prepared))
    assert sent.isascii()
    assert "\\u2212" in sent and "\\ud83d\\ude00" in sent  # written as JSON escapes them
    back = json.loads(sent)
    assert [trace["name"] for trace in back["data"]] == texts
    assert [trace["hovertext"][0] for trace in back["data"]] == texts
    assert back["layout"]["title"]["text"] == " / ".join(texts)
    assert back["frames"][0]["name"] == "단계 1" and back["frames"][0]["data"][0]["name"] == "−"
    assert back == json.loads(_sent(prepared)) == frame.orjson.loads(sent)


def test_a_kept_figure_is_sent_in_its_wire_form_from_the_first_draw():
    fig = BUILDERS["network"](False)
    prepared = to_plotly_dict(fig)
    wire = frame._sendable(fig, prepared)  # the first draw: made and kept
    assert wire is not prepared and isinstance(wire["frames"], frame.orjson.Fragment)
    assert frame._sendable(fig, prepared) is wire
    assert frame._sendable(fig, to_plotly_dict(fig)) is wire
    assert json.loads(_sent(wire)) == json.loads(_sent(prepared))


def test_figures_without_a_kept_dict_are_sent_as_they_are():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))  # a plain figure: its own to_dict()
    for _ in range(3):
        d = to_plotly_dict(fig)
        assert frame._sendable(fig, d) is d


def test_a_value_only_plotlys_cleaning_can_write_is_left_to_plotly():
    class Odd:  # orjson can't write it; Plotly's cleaning pass would have to
        pass

    fig = BUILDERS["curves.f"](False)
    prepared = to_plotly_dict(fig)
    prepared["layout"]["meta"] = Odd()
    try:
        assert frame._sendable(fig, prepared) is prepared  # the first draw, and the next
        assert frame._sendable(fig, prepared) is prepared
    finally:
        del prepared["layout"]["meta"]


def test_streamlit_sends_the_wire_form_unchanged():
    """Through st.plotly_chart itself: a cached figure drawn in two runs sends the same
    spec both times (the same element id), in ASCII, and it reads as Plotly's JSON of the
    figure."""
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from tests.test_spec import BUILDERS
        from ui.frame import chart

        @st.cache_resource
        def shared():
            return BUILDERS["softmax.animation"](False)

        chart(shared(), key="c", filename="c", alt="c")

    at = AppTest.from_function(script, default_timeout=60).run()
    first = at.get("plotly_chart")[0].proto.spec
    at.run()
    second = at.get("plotly_chart")[0].proto.spec
    assert first == second  # the same element id: the browser keeps the chart as it is
    assert first.isascii()
    assert json.loads(first) == json.loads(_sent(to_plotly_dict(
        BUILDERS["softmax.animation"](False))))


@pytest.mark.parametrize("phone", [False, True])
def test_formulas_that_go_together_stand_apart_on_a_phone(monkeypatch, phone):
    """Side by side on a wide screen, a \\qquad apart; on a phone, where side by side they
    ran past the screen's edge, one display formula each, one under another."""
    monkeypatch.setattr(frame, "on_phone", lambda: phone)
    together = frame.display_math(r"L = -\log p_y", r"\partial L / \partial z = p - y")
    if phone:
        assert together == "$$\nL = -\\log p_y\n$$\n\n$$\n\\partial L / \\partial z = p - y\n$$"
    else:
        assert together == "$$\nL = -\\log p_y \\qquad \\partial L / \\partial z = p - y\n$$"
    assert frame.display_math("x^2") == "$$\nx^2\n$$"  # one formula: as st.latex sends it


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("phone", [False, True])
def test_the_missing_page_note_sends_a_phone_to_the_menu(lang, phone):
    """A link to a page the app does not have opens Home with a note pointing to the page
    list: the sidebar, or on a phone (which folds the sidebar) the menu's » button."""
    from streamlit.testing.v1 import AppTest

    from ui.i18n import catalog

    def script():
        import streamlit as st

        from ui import frame

        st.session_state[frame.NO_SUCH_PAGE] = True  # as app.py sets it for a typed path
        frame.no_such_page_note()

    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["lang"] = lang
    at.session_state["_phone"] = phone  # as `ui.frame.on_phone` keeps the browser's word
    at.run()
    assert not at.exception
    texts = catalog("common", lang)
    assert [w.value for w in at.warning] == [
        texts["no_such_page_touch" if phone else "no_such_page"]]


@pytest.mark.parametrize(("phone", "present", "html"), [
    (False, False, False), (True, False, True), (False, True, True)])
def test_a_text_table_is_html_on_a_phone_and_a_projector(apptest, phone, present, html):
    # On a desktop st.dataframe (sorting, search, download); on a projector and a phone an
    # HTML table, whose type the page's stylesheets size and whose headers wrap: the canvas
    # cut a phone's last columns off at the screen's edge (tests/browser/test_phone.py).
    at = apptest("pages/gradient_flow.py", phone=phone, run=False,
                 query={"depth": "4", "width": "8", "batch": "8"})
    at.session_state["present"] = present  # as the frame keeps it
    at.run()
    assert not at.exception
    assert (len(at.table), len(at.dataframe)) == ((1, 0) if html else (0, 1))

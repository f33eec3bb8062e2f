"""The load test's protocol client (`benchmarks/stclient.py`) against `streamlit run app.py`.

The first test needs only the server: a widget change through the client reruns the page
(or the fragment that drew the widget), redraws its chart and goes into the URL, as it
does in a browser. The second (Chromium)
checks the client's claim to speak as a browser tab does: for the same visits and widget
changes, Chromium and the client send the same BackMsgs, field for field.
"""

from __future__ import annotations

import json
import time

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.stclient import Session
from tests.conftest import run_async

from .conftest import wait_idle

# (action, page or widget key, value). Covers a link that seeds a widget (seed=20), an
# integer slider, a float number box (a value, then back to its default, which leaves the
# URL), a page switch that must drop the old page's parameters, and a select-slider.
PLAN = [
    ("open", "training", "seed=20"),
    ("slide", "seed", -1),
    ("page", "curves", None),
    ("number", "xmax", 7.5),
    ("number", "xmax", 6),
    ("page", "softmax", None),
    ("slide", "T", 1),
]
# Sliders that sit in a popover (opened by its button first; opening it sends nothing).
IN_POPOVER: dict[str, str] = {}


def test_a_widget_change_reruns_the_page_and_redraws_its_chart(server):
    async def visit():
        async with Session(server, timeout=30) as tab:
            opened = await tab.open("curves")
            changed = await tab.set_number("xmax", 8)
            seen = {"after change": tab.query}
            switched = await tab.switch_page("softmax")
            seen["after switch"] = tab.query
            fragment = tab.fragment_of("T")
            slid = await tab.nudge("T", 1)
            seen["after slide"] = tab.query
            return opened, changed, switched, slid, seen, fragment

    opened, changed, switched, slid, seen, fragment = run_async(visit())
    for run in (opened, changed, switched, slid):
        assert run.ok, (run.status, run.exception)
    assert {"chart_f", "chart_df"} <= set(opened.charts)
    assert changed.charts["chart_f"] != opened.charts["chart_f"]
    assert changed.widgets["xmax"].double_value == 8
    assert "views" in switched.charts
    assert slid.charts["views"] != switched.charts["views"]
    # T reruns its fragment alone: the temperature animation (outside it, and not made of
    # T) is the one the page drew, still in the tab.
    assert fragment and slid.charts["animation"] == switched.charts["animation"]
    # The server drops the old page's bound parameter (page_info_changed) on the switch.
    assert seen == {"after change": "xmax=8", "after switch": "",
                    "after slide": "T=1.2"}


def test_a_fragment_rerun_keeps_the_visitors_language(server):
    """Moving T reruns softmax's fragment alone, without the frame's language widget: the
    chart it redraws still names the classes in Korean (ui/i18n.py settles a run's
    language; a fragment's rerun reads it from the session)."""
    from ui.i18n import catalog

    async def visit():
        async with Session(server, timeout=30) as tab:
            opened = await tab.open("softmax", "lang=ko")
            fragment = tab.fragment_of("T")
            slid = await tab.nudge("T", 1)
            return opened, slid, fragment

    opened, slid, fragment = run_async(visit())
    assert opened.ok and slid.ok and fragment
    names = {lang: catalog("softmax", lang)["class_name"].format(k=1) for lang in ("en", "ko")}
    for run in (opened, slid):
        text = json.dumps(json.loads(run.charts["views"]), ensure_ascii=False)
        assert names["ko"] in text and names["en"] not in text
    assert slid.charts["views"] != opened.charts["views"]


# Softmax's self-contained tabs: (tab, its control, the chart the control drives or None,
# the address after one step right).
SOFTMAX_TABS = [("binary", "bin_z", "binary_chart", "tab=binary&bin_z=1.1"),
                ("regression", "outlier", "outlier_chart", "tab=regression&outlier=0.5"),
                ("stability", "shift", None, "tab=stability&shift=1050")]


@pytest.mark.parametrize("tab_id, key, chart, query", SOFTMAX_TABS)
def test_the_softmax_tabs_controls_rerun_their_tab_alone(server, tab_id, key, chart, query):
    """A control in softmax's binary, regression and stability tabs reruns its tab alone,
    not the page with its frame, and still redraws what it drives and goes into the URL."""
    async def visit():
        async with Session(server, timeout=30) as tab:
            opened = await tab.open("softmax", f"tab={tab_id}")
            fragment = tab.fragment_of(key)
            moved = await tab.nudge(key, 1)
            return opened, moved, fragment, tab.query

    opened, moved, fragment, address = run_async(visit())
    assert opened.ok and moved.ok, (moved.status, moved.exception)
    assert fragment, f"{key} reruns the whole page"
    if chart:
        assert moved.charts[chart] != opened.charts[chart]
    assert address == query

def _client_messages(server: str) -> list:
    """PLAN through the protocol client: the rerun request each step sent."""
    async def run_plan():
        sent = []
        async with Session(server, timeout=30) as tab:
            for action, target, value in PLAN:
                if action == "open":
                    run = await tab.open(target, value)
                elif action == "page":
                    run = await tab.switch_page(target)
                elif action == "number":
                    run = await tab.set_number(target, value)
                else:
                    run = await tab.nudge(target, value)
                assert run.ok, (action, target, run.status, run.exception)
                sent.append(tab.sent.rerun_script)
        return sent

    return run_async(run_plan())


def _chromium_messages(browser, server: str) -> list:
    """PLAN in Chromium: the rerun requests its websocket sent at each step."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US",
                                  timezone_id="UTC")
    pg = context.new_page()
    sent, finished = [], []  # rerun requests sent; runs the frontend heard end

    def on_sent(payload):
        msg = BackMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "rerun_script":
            sent.append(msg.rerun_script)

    def on_received(payload):
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "script_finished":
            finished.append(msg.script_finished)

    pg.on("websocket", lambda ws: (ws.on("framesent", on_sent),
                                   ws.on("framereceived", on_received)))
    steps = []
    try:
        for action, target, value in PLAN:
            before, done = len(sent), len(finished)
            if action == "open":
                pg.goto(f"{server}/{target}?{value}")
            elif action == "page":
                pg.locator(f'[data-testid="stSidebarNavLink"][href$="/{target}"]').click()
            elif action == "number":
                box = pg.locator(f".st-key-{target} input").first
                box.fill(f"{value:g}")
                box.press("Enter")
            else:
                thumb = pg.locator(f".st-key-{target} input[type=range]").first
                if target in IN_POPOVER and not thumb.is_visible():
                    pg.locator(f".st-key-{IN_POPOVER[target]} button").first.click()
                thumb.focus()
                thumb.press("ArrowRight" if value > 0 else "ArrowLeft")
            # Until the step's run has ended, not only been asked for: on a busy machine
            # the app still read idle for a moment after the request, and the next step
            # went out before this run's charts were in the browser's message cache.
            deadline = time.monotonic() + 30
            while ((len(sent) == before or len(finished) == done)
                   and time.monotonic() < deadline):
                pg.wait_for_timeout(50)
            wait_idle(pg, settle_ms=100)
            steps.append(sent[before:])
    finally:
        context.close()
    assert all(len(step) == 1 for step in steps), [len(step) for step in steps]
    return [step[0] for step in steps]


def _unset_text(state) -> bool:
    """An empty text box's state. Chromium now and then sends one for a text box it has
    just mounted (the curves page's formula box), depending on timing; an empty value is
    the box's default either way, so the comparison leaves such states out."""
    return state.WhichOneof("value") == "string_value" and state.string_value == ""


def _fields(rerun) -> dict:
    """A rerun request as comparable fields (widget states in any order)."""
    return {"query": rerun.query_string, "page": rerun.page_script_hash,
            "page_name": rerun.page_name, "fragment": rerun.fragment_id,
            "context": str(rerun.context_info),
            "widgets": sorted(w.SerializeToString(deterministic=True)
                              for w in rerun.widget_states.widgets if not _unset_text(w)),
            "cached": set(rerun.cached_message_hashes)}


@pytest.mark.browser
def test_the_client_sends_what_chromium_sends(browser, server):
    chromium = [_fields(m) for m in _chromium_messages(browser, server)]
    client = [_fields(m) for m in _client_messages(server)]
    opened_with = chromium[0]["widgets"]
    largest = max(len(step["widgets"]) for step in chromium)
    matched = 0
    for step, (ours, theirs) in enumerate(zip(client, chromium)):
        ours_cached, theirs_cached = ours.pop("cached"), theirs.pop("cached")
        ours_widgets, theirs_widgets = set(ours.pop("widgets")), set(theirs.pop("widgets"))
        assert ours == theirs, PLAN[step]
        # Every widget state Chromium sent, the client sent too, value for value. Chromium
        # may send fewer: a change made right after a page switch can go out before the
        # frontend has registered every widget of the new page (seen now and then in CI).
        assert theirs_widgets <= ours_widgets, (PLAN[step], theirs_widgets - ours_widgets)
        matched += ours_widgets == theirs_widgets
        # The same message cache, except that an entry's expiry depends on timing: now
        # and then one side keeps an entry one run longer than the other (seen in about
        # one run in five, either way round; the frames are otherwise the same).
        assert len(ours_cached ^ theirs_cached) <= 1, (PLAN[step], ours_cached, theirs_cached)
    assert opened_with == [] and chromium[2]["query"] != ""  # the plan bites
    # Widgets inside a fragment (training's seed, the explorer's x max in the sidebar,
    # softmax's T) rerun it alone, and the client names the same fragment Chromium does
    # (compared with the rest above).
    assert [bool(step["fragment"]) for step in chromium] == [False, True, False, True, True,
                                                              False, True]
    assert largest > 10  # whole pages were compared
    assert matched >= len(PLAN) - 2  # the widget states are the same at (nearly) every step

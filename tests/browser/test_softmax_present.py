"""The softmax page in a real Chromium: the projector layout (#13) and what a visitor
reads on it (#15).

With ``present=1`` each tab's first chart lies wholly in view at 1280x720 (English and
Korean) and 1920x1080, with the temperature slider above it on the tabs that read T (their
logits in the sidebar); at T = 0.01 no number is a row of zeros; a bar's label is drawn
at its size or not at all (ten classes); on a 390 px phone the logit sliders read 1, 2, 3,
4; the chart that moves one logit alone (argmax's step beside softmax's S-curve) lies whole
on a projector under its class picker once scrolled to, and on a phone keeps its titles on
the screen. Screenshots for a person to look at go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import pytest

from .conftest import (assert_charts_in_view, chart_layout, open_page, phone_page,
                       readable_text_problems, screenshot, wait_idle)

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'
FIRST_CHART = {"softmax": "views", "target": "target_chart", "example": "example_chart",
               "binary": "binary_chart", "regression": "regression_chart"}


@pytest.fixture(autouse=True)
def _patient(page):
    """Room for a shared, busy machine (waits are on the app's signals)."""
    page.set_default_timeout(90_000)


@pytest.mark.parametrize(("tab", "lang", "width", "height"), [
    ("softmax", "en", 1280, 720), ("softmax", "ko", 1280, 720), ("softmax", "en", 1920, 1080),
    ("target", "ko", 1280, 720), ("example", "en", 1280, 720), ("binary", "ko", 1280, 720),
    ("regression", "en", 1280, 720),
])
def test_the_open_tabs_chart_fits_the_projector(server, page, tab, lang, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, f"{server}/softmax?present=1&lang={lang}&tab={tab}")
    assert page.locator(EXCEPTION).count() == 0
    assert_charts_in_view(page, [FIRST_CHART[tab]])
    reads_t = tab in ("softmax", "target")
    # T sits above the charts it drives, in view; the logits are one click away in the
    # sidebar, on the tabs that read them.
    slider = page.locator('[data-testid="stMain"] .st-key-T')
    assert (slider.count() > 0) == reads_t
    if reads_t:
        box = slider.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert (page.locator('[data-testid="stSidebar"] .st-key-logits').count() > 0) == reads_t
    assert page.locator('[data-testid="stMain"] .st-key-logits').count() == 0
    screenshot(page, f"present-softmax-{tab}-{width}x{height}-{lang}", full_page=False)


@pytest.mark.parametrize("query", ["T=0.01", "T=0.1", "tab=target", "tab=stability&T=0.01"])
def test_the_page_reads_well(server, page, query):
    open_page(page, f"{server}/softmax?{query}")
    assert page.locator(EXCEPTION).count() == 0
    assert readable_text_problems(page) == []
    if query == "T=0.01":
        screenshot(page, "softmax-T0.01", full_page=True)


def test_phone_layout_reads_in_order(server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{server}/softmax")
    tops = [page.locator(f".st-key-z{i}").bounding_box() for i in range(4)]
    assert [b["y"] for b in tops] == sorted(b["y"] for b in tops)  # 1, 2, 3, 4 down the page
    assert readable_text_problems(page) == []
    screenshot(page, "phone-softmax", full_page=True)


TEN = "1,3,0,2,5,-1,4,2.5,0.5,-2"


@pytest.mark.parametrize(("query", "shown"), [
    (f"present=1&logits={TEN}", 0), (f"present=1&logits={TEN}&tab=target", None),
    ("present=1", 8), (f"logits={TEN}", 0),
])
def test_a_bar_label_is_whole_size_or_hidden(server, page, query, shown):
    # Plotly shrinks a label to its bar's width: ten classes of three bars gave 6 px labels
    # on a projector. Now each one is drawn at its font size or not at all.
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{server}/softmax?{query}")
    scales = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stMain"] .js-plotly-plot')].slice(0, 1).flatMap(gd =>
        [...gd.querySelectorAll('text.bartext')].map(t => {
            const m = /scale\\(([^)]*)\\)/.exec(t.getAttribute('transform') || '');
            return m ? parseFloat(m[1]) : 1; }))""")
    assert scales and all(s in (0, 1) for s in scales), scales
    whole = sum(s == 1 for s in scales)
    # four softmax and four log-softmax labels fit; of ten gradients, the wider bars' do
    assert whole == shown if shown is not None else 0 < whole < len(scales), scales


@pytest.mark.parametrize(("tab", "lang"), [("softmax", "en"), ("softmax", "ko"),
                                           ("target", "en")])
def test_on_a_phone_every_class_keeps_its_name(server, browser, tab, lang):
    """Ten classes on a 390 px phone: Plotly turned the names clockwise, each hanging right
    of its bar, and hid the last one ("class 10") past the chart's right edge. Every x axis
    of the tab's first chart now shows all ten names, inside the screen."""
    pg = phone_page(browser)
    try:
        open_page(pg, f"{server}/softmax?lang={lang}&tab={tab}&logits={TEN}")
        assert pg.locator(EXCEPTION).count() == 0
        key = FIRST_CHART[tab]
        per_axis = pg.evaluate("""key => {
            const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
            gd.scrollIntoView({block: 'center'});
            return [...gd.querySelectorAll('g.xtick, g.x2tick')].reduce((acc, g) => {
                const t = g.querySelector('text');
                if (!t || getComputedStyle(t).display === 'none' || !t.textContent) return acc;
                const r = t.getBoundingClientRect();
                const axis = g.classList.contains('x2tick') ? 'x2' : 'x';
                (acc[axis] = acc[axis] || []).push([t.textContent, r.left, r.right]);
                return acc; }, {}); }""", key)
        names = [f"{'class' if lang == 'en' else '클래스'} {k}" for k in range(1, 11)]
        shown = [[name for name, _, _ in labels] for labels in per_axis.values()]
        assert shown and all(sorted(s) == sorted(names) for s in shown), per_axis
        assert all(0 <= left and right <= 390 for labels in per_axis.values()
                   for _, left, right in labels), per_axis
        screenshot(pg, f"phone-softmax-ten-{tab}-{lang}", full_page=False)
    finally:
        pg.context.close()


SCROLL_TO = "sel => document.querySelector(sel).scrollIntoView({block: 'start'})"


@pytest.mark.parametrize(("lang", "query", "case"), [
    ("en", "", "en"), ("ko", "", "ko"), ("en", "&logits=2,2,0", "tie"), ("en", "&T=0.01", "T0.01"),
])
def test_the_sweep_chart_fits_the_projector_under_its_picker(server, page, lang, query, case):
    """On a 1280x720 projector, scrolled to its class picker, the argmax-vs-softmax chart
    lies wholly on the screen below it: the step, the S-curve, both slopes and the x axis
    in one view, with no title or tick on a legend or a plot."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{server}/softmax?present=1&lang={lang}{query}")
    assert page.locator(EXCEPTION).count() == 0
    page.evaluate(SCROLL_TO, '[data-testid="stMain"] .st-key-sweep')
    wait_idle(page)
    picker = page.locator('[data-testid="stMain"] .st-key-sweep').bounding_box()
    charts = assert_charts_in_view(page, ["logit_sweep"])
    assert picker["y"] >= 0 and picker["y"] + picker["height"] <= charts["logit_sweep"]["box"]["y"]
    assert readable_text_problems(page) == []
    screenshot(page, f"present-softmax-sweep-{case}", full_page=False)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_on_a_phone_the_sweep_chart_keeps_its_words_on_the_screen(server, browser, lang):
    pg = phone_page(browser)
    try:
        open_page(pg, f"{server}/softmax?lang={lang}")
        assert pg.locator(EXCEPTION).count() == 0
        pg.evaluate(SCROLL_TO, '[data-testid="stMain"] .st-key-logit_sweep')
        wait_idle(pg)
        assert_charts_in_view(pg, ["logit_sweep"])
        charts, view = chart_layout(pg)
        words = pg.evaluate("""() => [...document.querySelectorAll(
            '.st-key-logit_sweep :is(.annotation-text, .legendtext, .textpoint text)')]
            .map(t => { const r = t.getBoundingClientRect();
                        return [t.textContent, r.left, r.right]; })""")
        assert len(words) >= 6, words  # two titles, three legend entries, the labels
        assert all(0 <= left and right <= view["width"] for _, left, right in words), words
        screenshot(pg, f"phone-softmax-sweep-{lang}", full_page=False)
    finally:
        pg.context.close()

"""Pages on a phone: nothing squeezed or past the screen's edge, no chart title on another;
the home gallery three panels a row, titles and tick labels apart; Korean lines broken
between words.

A class opens the link on their phones. A row of controls that does not wrap squeezed its
text into a column one letter wide (softmax's temperature sentence: 16 px wide, 800 px
tall, beyond the screen's right edge, leaving a blank screen and a half). Five panels a row left each panel about 60 px on a
390 px screen: "Identity (linear)" ran into "Step (Heaviside)" and each panel's tick labels
into its neighbour's plot. A figure of subplots cannot reflow, so the server draws three a
row for a browser that says it is a phone (`ui.frame.on_phone`). Checked in Chromium with
an iPhone's User-Agent at 390x844, and a desktop's at 1280x900 keeps five.
"""

from __future__ import annotations

import pytest

import activations

from .conftest import (boxes_overlap, chart_layout, labels_on_plots, new_page, open_page,
                       phone_page, screenshot)

pytestmark = pytest.mark.browser

# The gallery's panels in drawing order: each one's plot area, its subplot title's box and
# its y tick labels' boxes ({x, y, width, height} in CSS pixels).
PANELS_JS = """() => {
    const el = document.querySelector('.st-key-gallery .js-plotly-plot');
    const rect = n => { const r = n.getBoundingClientRect();
                        return {x: r.x, y: r.y, width: r.width, height: r.height}; };
    const plots = [...el.querySelectorAll('.draglayer rect.nsewdrag')].map(rect);
    const titles = [...el.querySelectorAll('.annotation')].map(rect);
    const ticks = [...el.querySelectorAll('g[class$="ytick"] text')].map(rect);
    return {plots, titles, ticks};
}"""


# Each element of the main area that ends past the screen's right edge, or holds text in a
# box less than 80 px wide and more than three times as tall as wide (text squeezed into a
# column), as [problem, width, height, the text's start]; each display formula wider than
# its box (cut off at the screen's edge) or broken inside its brackets; each tab outside its
# row's box; each chart's panel title that lies on another or on the legend (gradient flow's
# two panels side by side ran their titles together; the playground's "Output" sat under its
# legend). Axis titles and tick labels on a plot area are `labels_on_plots`' (the training
# lab's accuracy panel beside its loss panel put "100%" on the loss's lines).
SQUEEZED_JS = """() => {
    const out = [];
    document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')
        .forEach(e => {
            const r = e.getBoundingClientRect();
            if (!r.width && !r.height) return;
            const text = (e.innerText || '').trim().slice(0, 40);
            const where = [Math.round(r.width), Math.round(r.height), text];
            if (r.right > window.innerWidth + 1) out.push(['past the edge', ...where]);
            if (text && r.width < 80 && r.height > 3 * Math.max(r.width, 30))
                out.push(['squeezed', ...where]);
        });
    // A display formula wider than its box: Streamlit scrolls it sideways, with no scrollbar
    // on a phone, so its end was simply cut off (softmax's binary cross-entropy, 735 px on
    // a 358 px column). KaTeX's box overhangs its last glyph by up to 2 px.
    document.querySelectorAll('[data-testid="stMain"] .katex-display').forEach(e => {
        if (e.scrollWidth > e.clientWidth + 3)
            out.push(['formula cut off', e.scrollWidth, e.clientWidth,
                      e.textContent.slice(0, 40)]);
    });
    // A display formula wrapped inside a bracket within a bracket: KaTeX may break a line
    // after any operator, and "log(1 -" ended a line of binary cross-entropy, "sigma(z))]"
    // the next. (A break inside one bracket, a long sum's, is how long formulas are set.)
    // Its pieces (.base) go left to right; one that starts left of the last one's end
    // starts a line.
    document.querySelectorAll('[data-testid="stMain"] .katex-display').forEach(e => {
        let depth = 0, end = Infinity, line = '';
        e.querySelectorAll('.katex-html > .base').forEach(b => {
            const r = b.getBoundingClientRect();
            if (r.left < end - 1 && line && depth > 1)
                out.push(['formula broken inside brackets', line]);
            if (r.left < end - 1) line = '';
            line += b.textContent;
            depth += (b.textContent.match(/[([]/g) || []).length
                     - (b.textContent.match(/[)\\]]/g) || []).length;
            end = r.right;
        });
    });
    // A tab outside its row's box: Streamlit scrolls a row of tabs wider than the page
    // sideways, from its start (softmax's six: a link to its binary tab showed the first
    // three tabs and not the open one).
    document.querySelectorAll('[data-testid="stMain"] [role="tablist"]').forEach(list => {
        const box = list.getBoundingClientRect();
        list.querySelectorAll('[role="tab"]').forEach(tab => {
            const r = tab.getBoundingClientRect();
            if (r.left < box.left - 1 || r.right > box.right + 1)
                out.push(['tab out of sight', Math.round(r.left), Math.round(r.right),
                          Math.round(box.right), tab.textContent]);
        });
    });
    // A table wider than its box: its last columns cut off at the screen's edge, with no
    // sign that they scroll (softmax's six columns ran 30 px past a 358 px column).
    document.querySelectorAll('[data-testid="stMain"] [data-testid="stTable"] table')
        .forEach(t => {
            const box = t.closest('[data-testid="stTable"]').getBoundingClientRect();
            if (t.getBoundingClientRect().right > box.right + 1)
                out.push(['table cut off', Math.round(t.getBoundingClientRect().width),
                          Math.round(box.width), t.rows[0].textContent.slice(0, 40)]);
        });
    // A table cell's text on two lines (the race's "9.83e-" above "09").
    document.querySelectorAll('[data-testid="stMain"] [data-testid="stTable"] td p')
        .forEach(p => {
            const lines = document.createRange();
            lines.selectNodeContents(p);
            if (lines.getClientRects().length > 1) out.push(['cell broken', p.textContent]);
        });
    // In each chart: a panel title on another, or on the legend (1 px of slack).
    const apart = (a, b) => a.right <= b.left + 1 || b.right <= a.left + 1
                         || a.bottom <= b.top + 1 || b.bottom <= a.top + 1;
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach(chart => {
        const titles = [...chart.querySelectorAll('.annotation')]
            .map(n => [n.textContent, n.getBoundingClientRect()]).filter(([, r]) => r.width);
        const legend = chart.querySelector('g.legend');
        titles.forEach(([text, r], i) => {
            titles.slice(i + 1).forEach(([other, q]) => {
                if (!apart(r, q)) out.push(['titles overlap', text, other]);
            });
            if (legend && !apart(r, legend.getBoundingClientRect()))
                out.push(['title on the legend', text]);
        });
    });
    return out;
}"""
# In each animated chart: a Play/Pause button on the slider's rail, grip or labels (the
# optimizer race's Pause covered the rail's first third, and with it step 0; the softmax
# and sweep grips touched Pause, a finger's width from it).
# Every pair of them, with their boxes (`player_problems` keeps those that overlap).
PLAYER_JS = """() => {
    const box = n => { const r = n.getBoundingClientRect();
                       return {x: r.x, y: r.y, width: r.width, height: r.height}; };
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .flatMap(el => {
            const parts = [...el.querySelectorAll('.slider-rail-rect, .slider-grip-rect, '
                                                  + '.slider-label, .slider-current-value')];
            return [...el.querySelectorAll('.updatemenu-button')].flatMap(button =>
                parts.map(part => ({button: button.textContent, buttonBox: box(button),
                                    part: part.getAttribute('class') + ' ' + part.textContent,
                                    partBox: box(part)})));
        });
}"""


def player_problems(pg) -> list:
    """Each Play/Pause button that lies on its slider's rail, grip or labels."""
    return [["player button on its slider", p["button"], p["part"]]
            for p in pg.evaluate(PLAYER_JS) if boxes_overlap(p["buttonBox"], p["partBox"])]
# Every page, the tabs whose rows hold text beside controls, an explorer animation, and
# presentation mode (a lecturer's link, opened on a phone).
PHONE_PATHS = ("", "curves", "curves?fn=softplus&sweep=beta", "gradient_flow", "softmax",
               "softmax?logits=1,3,0,2&T=0.1", "softmax?tab=target", "softmax?tab=example",
               "softmax?tab=binary", "softmax?tab=regression", "softmax?tab=stability", "training",
               "training?tab=compare", "training?tab=zigzag", "training?tab=race",
               "playground", "tour", "softmax?present=1", "training?present=1&tab=zigzag")


def test_nothing_is_squeezed_or_past_the_edge_on_a_phone(browser, server):
    pg = phone_page(browser)
    try:
        problems = {}
        for path in PHONE_PATHS:
            open_page(pg, f"{server}/{path}")
            found = (pg.evaluate(SQUEEZED_JS) + player_problems(pg)
                     + labels_on_plots(chart_layout(pg)[0]))
            if found:
                problems[path] = found
            if "present=1" in path:
                # A lecturer's link: the phone keeps its layout (the projector's legends
                # wrapped onto the panel titles), the toggle says why, the link keeps
                # present=true for the next wide screen it is opened on.
                toggle = pg.locator(".st-key-present input").first
                assert toggle.is_disabled() and toggle.is_checked(), path
                assert "present=true" in pg.url, pg.url
                assert pg.locator("style", has_text="stSliderThumbValue").count() == 0, path
        assert not problems, problems
    finally:
        pg.context.close()


# Per row of columns that a phone stacks: the space between one column's bottom and the
# next one's top.
STACKED_GAPS_JS = """() => [...document.querySelectorAll('[data-testid="stHorizontalBlock"]')]
    .flatMap(row => {
        const cols = [...row.children].filter(c => c.querySelector('[data-testid="stColumn"]')
            || c.dataset.testid === 'stColumn').map(c => c.getBoundingClientRect())
            .filter(r => r.height);
        return cols.slice(1).map((r, i) => r.top - cols[i].bottom).filter(gap => gap >= 0);
    })"""


def test_stacked_columns_sit_close_on_a_phone(browser, server):
    """Columns a phone stacks keep a small gap: a "large" one went vertical, and softmax's
    logits sat 64 px above their sliders with nothing between (`ui.frame.wide_gap`)."""
    pg = phone_page(browser)
    try:
        open_page(pg, f"{server}/softmax")
        gaps = pg.evaluate(STACKED_GAPS_JS)
        open_page(pg, f"{server}/gradient_flow")
        pg.locator(".st-key-gf_controls button").first.click()  # its controls, 3 columns
        pg.wait_for_selector('[data-testid="stPopoverBody"] [data-testid="stColumn"]')
        gaps += pg.evaluate(STACKED_GAPS_JS)
        assert gaps and max(gaps) <= 24, gaps
    finally:
        pg.context.close()


# The page's scroll: every element's scrollTop added up (Streamlit scrolls a container of
# its own, not the document).
SCROLLED_JS = "() => [...document.querySelectorAll('*')].reduce((a, e) => a + e.scrollTop, 0)"
# The middle of the first plot area wholly on the screen, below Streamlit's header.
PLOT_JS = """() => {
    const r = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .nsewdrag')]
        .map(e => e.getBoundingClientRect())
        .find(r => r.top > 100 && r.bottom < window.innerHeight - 100);
    return r && {x: r.x + r.width / 2, y: r.y + r.height / 2};
}"""


def _swipe_up(pg, point, distance=240):
    """A finger drawn up the screen from ``point`` (touch events, as a phone sends them)."""
    cdp = pg.context.new_cdp_session(pg)
    x, y = point["x"], point["y"]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
    for k in range(1, 21):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": "touchMove", "touchPoints": [{"x": x, "y": y - distance * k / 20}]})
        pg.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    pg.wait_for_timeout(800)


@pytest.mark.parametrize("path", ["curves", "gradient_flow"])
def test_a_swipe_on_a_chart_scrolls_the_page_and_a_tap_still_reads_it(browser, server, path):
    """A finger's drag on a plot drew Plotly's zoom box and the page stood still: with
    charts as wide as the phone, only the screen's edges scrolled. On a phone the charts
    have no drag mode (`ui.frame.chart`); a tap still shows the hover label."""
    pg = phone_page(browser)
    try:
        open_page(pg, f"{server}/{path}")
        pg.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
        pg.wait_for_timeout(500)
        if path == "gradient_flow":  # its hover labels are per point: a tap shows one
            point = pg.evaluate(PLOT_JS)
            pg.touchscreen.tap(point["x"] + 20, point["y"])
            pg.locator(".hoverlayer .hovertext").first.wait_for(timeout=10_000)
        point = pg.evaluate(PLOT_JS)
        assert point, "no plot on the screen"
        before = pg.evaluate(SCROLLED_JS)
        _swipe_up(pg, point)
        assert pg.evaluate(SCROLLED_JS) > before + 100
    finally:
        pg.context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_phone_is_told_to_tap_not_to_hover_or_use_a_toolbar(browser, server, lang):
    """A phone has no mouse and shows no chart toolbar: the explorer's captions spoke of
    hovering and of the camera icon, gradient flow's and the playground's of hovering."""
    words = ("hover", "camera") if lang == "en" else ("마우스", "카메라")
    pg = phone_page(browser)
    try:
        for path in ("curves", "gradient_flow", "playground"):
            open_page(pg, f"{server}/{path}?lang={lang}")
            text = pg.locator('[data-testid="stMain"]').inner_text().lower()
            assert not [w for w in words if w in text], (path, lang)
            taps = ("tap",) if lang == "en" else ("누르", "눌러")  # 누르다, to press
            assert any(w in text for w in taps), (path, lang)
    finally:
        pg.context.close()


def _panels_in_first_row(panels) -> int:
    top = min(p["y"] for p in panels["plots"])
    return sum(abs(p["y"] - top) < 1 for p in panels["plots"])


def test_gallery_on_a_phone_has_three_readable_columns(browser, server):
    pg = phone_page(browser)
    try:
        open_page(pg, server + "/")
        pg.locator(".st-key-gallery").scroll_into_view_if_needed()
        panels = pg.evaluate(PANELS_JS)
        assert len(panels["plots"]) == 25
        assert _panels_in_first_row(panels) == 3
        # no toolbar: on a touch screen it stayed over the third panel's title
        assert pg.locator(".st-key-gallery .modebar").count() == 0
        for i, a in enumerate(panels["titles"]):
            for b in panels["titles"][i + 1:]:
                assert not boxes_overlap(a, b), (a, b)
        # A tick label lies beside its own panel, never on another one's plot area; one
        # pixel of slack for a label flush against its axis.
        for tick in panels["ticks"]:
            inner = {"x": tick["x"] + 1, "y": tick["y"] + 1,
                     "width": tick["width"] - 2, "height": tick["height"] - 2}
            assert not any(boxes_overlap(inner, p) for p in panels["plots"]), tick
        screenshot(pg, "home-phone", full_page=False)
        # The explorer links below, in the gallery's order: five stacked columns of every
        # fifth name listed Identity, LeakyReLU, SELU, ... on a phone.
        links = pg.locator('[data-testid="stMain"] a[href*="curves?fn="]').evaluate_all(
            "links => links.map(a => new URL(a.href).searchParams.get('fn'))")
        assert links == list(activations.names())
    finally:
        pg.context.close()


def test_gallery_on_a_desktop_keeps_five_columns(browser, server):
    pg = new_page(browser)
    try:
        open_page(pg, server + "/")
        assert _panels_in_first_row(pg.evaluate(PANELS_JS)) == 5
    finally:
        pg.context.close()


# Each Korean word (a run of Hangul between spaces) of the main area's headings and
# paragraphs that the browser split across two lines, with its element's text.
SPLIT_WORDS_JS = """() => {
    const split = [];
    document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] p')
        .forEach(el => {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode());) {
                for (const m of node.textContent.matchAll(/[\uac00-\ud7a3]{2,}/g)) {
                    const range = document.createRange();
                    range.setStart(node, m.index);
                    range.setEnd(node, m.index + m[0].length);
                    const tops = new Set([...range.getClientRects()]
                        .filter(r => r.width > 0).map(r => Math.round(r.top)));
                    if (tops.size > 1) split.push([m[0], el.textContent.slice(0, 30)]);
                }
            }
        });
    return split;
}"""


def test_korean_lines_break_between_words_on_a_phone(browser, server):
    """Korean is set with breaks between words (eojeol); the browser's default broke between
    any two syllables: the gradient-flow title read "기울 / 기의", its intro "역전 / 파하며"."""
    pg = phone_page(browser)
    try:
        for path in ("gradient_flow?lang=ko", "tour?lang=ko", "softmax?lang=ko"):
            open_page(pg, f"{server}/{path}")
            assert pg.evaluate(SPLIT_WORDS_JS) == [], path
        screenshot(pg, "softmax-phone-ko", full_page=False)
    finally:
        pg.context.close()

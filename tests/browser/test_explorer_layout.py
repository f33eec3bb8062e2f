"""The explorer and home page in a real browser: the projector layout, a phone, and the text
a visitor reads (issues #13 and #15).

Screenshots for a person to look at go to artifacts/screenshots/ (explorer-*.png,
phone-curves.png, phone-home.png).
"""

from __future__ import annotations

import pytest

from .conftest import (
    assert_charts_in_view, chart_layout, labels_on_plots, new_page, phone_page,
    readable_text_problems, screenshot, wait_charts, wait_idle,
)

pytestmark = pytest.mark.browser

PAIR = ("chart_f", "chart_df")
PATIENCE = 120_000  # ms: the shared test machine can be many times slower than a laptop


def open_page(pg, url: str) -> dict:
    """`conftest.open_page` with room for a loaded machine."""
    pg.goto(url)
    pg.wait_for_selector('[data-testid="stMain"] h1', timeout=PATIENCE)
    wait_idle(pg, settle_ms=100)
    return wait_charts(pg, timeout=PATIENCE)


@pytest.fixture
def fresh(browser):
    pages = []

    def make(width: int, height: int):
        pg = new_page(browser)
        pg.set_viewport_size({"width": width, "height": height})
        pg.set_default_timeout(PATIENCE)
        pages.append(pg)
        return pg

    yield make
    for pg in pages:
        pg.context.close()


def _side_by_side(boxes: dict) -> None:
    f, df = boxes["chart_f"]["box"], boxes["chart_df"]["box"]
    assert df["x"] >= f["x"] + f["width"] - 1, (f, df)  # f' to the right of f
    assert abs(df["y"] - f["y"]) < 2 and abs(df["height"] - f["height"]) < 2, (f, df)


# Tour step 16's curves: three legend rows under f′ (two under f), where the x title lay
# on the legend's first row.
THREE_ROWS = "fn=relu&fn=leaky_relu&fn=sigmoid&p1_negative_slope=0.2&xmin=-4&xmax=4&"


@pytest.mark.parametrize(("width", "height", "lang", "query"),
                         [(1280, 720, "en", ""), (1280, 720, "ko", ""), (1920, 1080, "en", ""),
                          (1280, 720, "en", THREE_ROWS)])
def test_projector_shows_f_and_its_slope_side_by_side(server, fresh, width, height, lang,
                                                       query):
    pg = fresh(width, height)
    open_page(pg, f"{server}/curves?{query}present=1&lang={lang}")
    boxes = assert_charts_in_view(pg, PAIR)
    _side_by_side(boxes)
    # the controls folded away into the closed sidebar
    assert not pg.locator('[data-testid="stMain"] .st-key-preset').count()
    screenshot(pg, f"explorer-present-{width}x{height}-{lang}{'-3' if query else ''}",
               full_page=False)
    assert not pg.js_errors


def test_normal_mode_at_1440_shows_f_and_its_slope_side_by_side(server, fresh):
    pg = fresh(1440, 900)
    open_page(pg, f"{server}/curves")
    _side_by_side(assert_charts_in_view(pg, PAIR))
    screenshot(pg, "explorer-1440x900", full_page=False)


SLIDER_JS = """() => {
    const box = document.querySelector('.st-key-chart_sweep .js-plotly-plot');
    const s = box && box._fullLayout && box._fullLayout.sliders && box._fullLayout.sliders.at(-1);
    // the moving curve's f is the second-to-last trace; _fullData holds decoded arrays
    const traces = box ? box._fullData : [];
    const y = traces.length ? traces[traces.length - 2].y : null;
    return s ? {active: s.active, first: y ? Number(y[Math.floor(y.length / 4)]) : null} : null;
}"""


def test_a_parameter_sweep_plays_in_the_browser_without_a_rerun(server, fresh):
    pg = fresh(1280, 720)
    sent = []
    pg.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    charts_now = open_page(pg, f"{server}/curves?fn=softplus&sweep=beta&present=1")
    assert "chart_sweep" in charts_now
    assert_charts_in_view(pg, ["chart_sweep"])
    before = pg.evaluate(SLIDER_JS)
    assert before is not None and before["active"] >= 0
    sent.clear()
    pg.locator(".st-key-chart_sweep g.updatemenu-button").first.click()
    seen = {before["active"]}
    values = {before["first"]}
    for _ in range(40):  # ~4 s: the frames advance on their own
        pg.wait_for_timeout(100)
        now = pg.evaluate(SLIDER_JS)
        seen.add(now["active"])
        values.add(now["first"])
        state = pg.get_attribute('[data-testid="stApp"]', "data-test-script-state")
        assert state == "notRunning", "the page reran while the sweep played"
    assert len(seen) >= 5, f"the slider's frame did not advance: {seen}"
    assert len(values) >= 5, "the swept curve did not move"
    # no message from the browser to the server: no rerun request, nothing at all
    assert sent == [], f"{len(sent)} websocket messages sent while playing"
    screenshot(pg, "explorer-sweep-softplus-beta", full_page=False)
    assert not pg.js_errors


@pytest.mark.parametrize("path", [
    # GELU first: the details tab of curve 1 shows its PyTorch code, where a keyword such
    # as negative_slope is the real name to type (code, not a label).
    "/curves", "/curves?fn=gelu&p0_approximate=tanh&fn=leaky_relu&fn=leaky_relu"
    "&p2_negative_slope=0.2&dead=true&diff=true", "/curves?fn=softplus&sweep=beta",
    "/curves?lang=ko&fn=elu&fn=relu", "/home",
])
def test_no_code_names_or_unreadable_numbers(server, fresh, path):
    pg = fresh(1280, 900)
    sep = "&" if "?" in path else "?"
    open_page(pg, f"{server}{path}")
    problems = readable_text_problems(pg)
    assert problems == [], f"{path}{sep}: {problems}"
    # no emoji where a Material icon belongs (boxes without an emoji font)
    text = pg.inner_text('[data-testid="stMain"]')
    assert not [c for c in text if 0x1F300 <= ord(c) <= 0x1FAFF or c == "\u26a0"], path


@pytest.mark.parametrize(("path", "name"), [("/curves", "phone-curves"),
                                             ("/home", "phone-home")])
def test_phone_reads_in_order(server, fresh, path, name):
    pg = fresh(390, 844)
    open_page(pg, f"{server}{path}")
    boxes, view = chart_layout(pg)
    for key, c in boxes.items():  # every chart fits the screen's width
        assert c["box"]["x"] >= -0.5 and c["box"]["x"] + c["box"]["width"] <= view["width"] + 0.5
    if path == "/curves":  # f above f', stacked
        f, df = boxes["chart_f"]["box"], boxes["chart_df"]["box"]
        assert df["y"] >= f["y"] + f["height"] - 1
    screenshot(pg, f"{name}-top", full_page=False)
    # Streamlit scrolls inside its own container, so a full-page shot needs a tall window:
    # the whole page at phone width, for a person to read through.
    tall = pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    pg.set_viewport_size({"width": 390, "height": min(int(tall) + 100, 8000)})
    wait_charts(pg, timeout=PATIENCE)
    # Plotly's toolbar (shown on a tap) covers no chart title
    clashes = pg.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].filter(el => {
        const bar = el.querySelector('.modebar'), title = el.querySelector('.gtitle');
        if (!bar || !title) return false;
        const a = bar.getBoundingClientRect(), b = title.getBoundingClientRect();
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height
            && b.y < a.y + a.height;
    }).length""")
    assert clashes == 0
    screenshot(pg, name, full_page=False)


def _plot_span(chart: dict) -> tuple[float, float]:
    """The top of a chart's first plot and the bottom of its last (the curves' plot and,
    under it, the lanes' band): where its x axis lies."""
    plots = sorted(chart["plots"], key=lambda p: p["y"])
    return plots[0]["y"], plots[-1]["y"] + plots[-1]["height"]


# Legends of different rows before: f' has one entry more (|f′| = 0.01), and a one-curve f
# showed no legend at all. Four curves at 1280x900; the softplus comparison on a projector.
UNEVEN = [(1280, 900, "fn=sigmoid&fn=tanh&fn=relu&fn=gelu&lang=en"),
          (1280, 900, "fn=leaky_relu&lang=en"),
          (1280, 720, "fn=softplus&fn=softplus&fn=relu&p1_beta=10&xmin=-3&xmax=3"
                      "&present=1&lang=en"),
          (1280, 720, "fn=rrelu&fn=relu&xmin=-3&xmax=3&present=1&lang=ko")]


@pytest.mark.parametrize(("width", "height", "query"), UNEVEN)
def test_f_and_its_slope_have_plots_of_one_height(server, fresh, width, height, query):
    pg = fresh(width, height)
    open_page(pg, f"{server}/curves?{query}")
    boxes, _ = chart_layout(pg)
    f, df = (_plot_span(boxes[key]) for key in PAIR)
    assert abs(f[0] - df[0]) < 1 and abs(f[1] - df[1]) < 1, (f, df)  # x axes in one line
    screenshot(pg, f"explorer-pair-{width}x{height}-{query.split('&')[0][3:]}",
               full_page=False)


TICKS_JS = """key => {
    const el = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    return [...el.querySelectorAll('g.ytick text')].map(t => t.textContent);
}"""


@pytest.mark.parametrize("query", ["yzoom=true&present=1", "yzoom=true"])
def test_no_tick_label_stands_beside_the_strips(server, fresh, query):
    """Zoomed to [−1.5, 1.5], f's axis had a "−2" down among the saturation strips, and f′
    a "−0.2" for slopes that are never negative: the strips have a band of their own."""
    pg = fresh(1280, 720)
    open_page(pg, f"{server}/curves?{query}")
    values = [float(t.replace("\u2212", "-")) for t in pg.evaluate(TICKS_JS, "chart_f")]
    assert values and min(values) >= -1.5, values
    slopes = [float(t.replace("\u2212", "-")) for t in pg.evaluate(TICKS_JS, "chart_df")]
    assert min(slopes) == 0, slopes  # sigmoid, tanh and ReLU: no slope below 0
    if "present" in query:
        assert_charts_in_view(pg, PAIR)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_on_a_phone_the_sweep_stacks_f_over_its_slope(server, browser, lang):
    pg = phone_page(browser)
    try:
        pg.set_default_timeout(PATIENCE)
        open_page(pg, f"{server}/curves?fn=softplus&fn=relu&xmin=-3&xmax=3&sweep=beta"
                      f"&lang={lang}")
        boxes, view = chart_layout(pg)
        sweep = boxes["chart_sweep"]
        top, bottom = sorted(sweep["plots"], key=lambda p: p["y"])
        assert bottom["y"] >= top["y"] + top["height"]  # f' under f
        for plot in (top, bottom):  # each across the width of the phone
            assert plot["width"] > 0.7 * view["width"], plot
        assert not (found := labels_on_plots(boxes)), found
        screenshot(pg, f"phone-explorer-sweep-{lang}", full_page=False)
    finally:
        pg.context.close()


# f's legend, row by row (top down): whether each entry is drawn clear (f's room for f′'s
# threshold entry, `curves._legend_room`).
LEGEND_ROWS_JS = """key => {
    const el = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const rows = new Map();
    el.querySelectorAll('g.legend g.traces').forEach(item => {
        const y = Math.round(item.getBoundingClientRect().y);
        const name = item.__data__[0].trace.name || '';
        if (!rows.has(y)) rows.set(y, []);
        rows.get(y).push(name.includes('rgba(0,0,0,0)') ? null : item.textContent);
    });
    return [...rows.keys()].sort((a, b) => a - b).map(y => rows.get(y));
}"""

# Where f's clear entry once wrapped onto a row of its own between the curves and the
# lanes' note: three curves (the page's default among them) at 1280x720 and 1280x900, four
# on a projector; and in Korean, with its shorter note.
LEGEND_VIEWS = [(1280, 720, ""), (1280, 900, "fn=relu&fn=leaky_relu&fn=elu"),
                (1280, 720, "fn=relu&fn=leaky_relu&fn=elu&fn=selu&present=1"),
                (1280, 720, "fn=relu&fn=leaky_relu&fn=elu&fn=selu&present=1&lang=ko"),
                (1280, 900, "fn=relu&fn=leaky_relu&fn=elu&fn=selu&lang=ko")]


@pytest.mark.parametrize(("width", "height", "query"), LEGEND_VIEWS)
def test_f_s_legend_has_no_blank_row(server, fresh, width, height, query):
    """f's legend keeps a clear entry as wide as f′'s threshold entry, so that both legends
    take the same rows and the plots one height. It ends f's legend: a row of its own
    there is room under the legend, where f′ has its threshold, not a gap between rows."""
    pg = fresh(width, height)
    open_page(pg, f"{server}/curves?{query}")
    rows = pg.evaluate(LEGEND_ROWS_JS, "chart_f")
    flat = [entry for row in rows for entry in row]
    assert None in flat, rows  # the clear entry is there (f′ has a threshold beside it)
    assert flat[-1] is None and flat.count(None) == 1, rows  # last, once
    blank = [i for i, row in enumerate(rows) if all(entry is None for entry in row)]
    assert blank in ([], [len(rows) - 1]), rows  # a blank row only under the legend
    boxes, _ = chart_layout(pg)
    f, df = (_plot_span(boxes[key]) for key in PAIR)
    assert abs(f[0] - df[0]) < 1 and abs(f[1] - df[1]) < 1, (f, df)  # one height
    screenshot(pg, f"explorer-legend-{width}x{height}-{query.split('&')[0][3:] or 'default'}"
                   f"{'-present' if 'present' in query else ''}"
                   f"{'-ko' if 'lang=ko' in query else ''}", full_page=False)

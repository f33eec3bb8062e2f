"""The training lab on a projector and on a phone, and what a visitor reads on it.

- presentation mode at 1280x720 and 1920x1080, English and Korean: the decision-boundary
  chart and the loss chart wholly in view without scrolling, no title over its legend; and
  on the Compare, Zig-zag and Race tabs their main charts;
- presentation mode scales tables, LaTeX and metrics with the text (values above labels);
- no code names or unreadable numbers on any tab; /home is a page, not "Page not found".
"""

from __future__ import annotations

import functools

import pytest

from tests.browser.conftest import (assert_charts_in_view, new_page, open_page,
                                    readable_text_problems, screenshot, wait_charts, wait_idle)

pytestmark = pytest.mark.browser
SLOW = 180_000  # ms: on a machine shared by many test runs a page can take a minute to draw

_open = functools.partial(open_page, timeout=SLOW)


@pytest.fixture(scope="module", autouse=True)
def warm(server, browser):
    """Train the default network once (the server's cache then serves every test): a cold
    first run can take a minute on a busy machine, longer than a test's waits."""
    pg = new_page(browser)
    pg.goto(f"{server}/training?steps=200")
    pg.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    pg.goto(f"{server}/training")
    pg.wait_for_selector('[data-testid="stMain"] h1', timeout=180_000)
    wait_charts(pg, timeout=180_000)
    pg.context.close()

SIZE_JS = """(selector) => [...document.querySelectorAll(selector)].map(
    e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_charts_fit_the_projector(server, page, lang, width, height):
    page.set_viewport_size({"width": width, "height": height})
    _open(page, f"{server}/training?lang={lang}&present=1")
    shot = screenshot(page, f"present-{lang}-training-{width}x{height}", full_page=False)
    layout = assert_charts_in_view(page, ["boundary", "curves"])
    assert layout["boundary"]["title"] and layout["boundary"]["legend"]
    assert shot.stat().st_size > 10_000


# Each tab's main charts, which a projector must show whole (no tour banner: the page's own
# title and intro above them; test_tour_walk covers the tour's steps).
TAB_CHARTS = {"compare": ["compare_boundary_0", "compare_boundary_1"],
              "zigzag": ["zigzag_positive", "zigzag_centred"], "race": ["race"]}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("tab", list(TAB_CHARTS))
def test_each_tabs_charts_fit_the_projector(server, page, tab, lang, width, height):
    page.set_viewport_size({"width": width, "height": height})
    _open(page, f"{server}/training?lang={lang}&present=1&tab={tab}")
    shot = screenshot(page, f"present-{lang}-training-{tab}-{width}x{height}", full_page=False)
    layout = assert_charts_in_view(page, TAB_CHARTS[tab])
    if tab == "compare":  # side by side, each with its title and legend
        left, right = (layout[k]["box"] for k in TAB_CHARTS[tab])
        assert left["x"] + left["width"] <= right["x"] and left["y"] == right["y"]
        assert all(layout[k]["title"] and layout[k]["legend"] for k in TAB_CHARTS[tab])
    assert shot.stat().st_size > 10_000


SQUARE_JS = """(key) => {
    const plot = document.querySelector(`.st-key-${key} .nsewdrag`).getBoundingClientRect();
    const legend = document.querySelector(`.st-key-${key} .legend`).getBoundingClientRect();
    return {width: plot.width, height: plot.height, gap: plot.top - legend.bottom};
}"""


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("tab", ["train", "compare"])
def test_decision_boundary_squares_are_large(server, page, tab, width, height):
    """Off the projector the boundary is a square of about 330 px where its column allows
    (it was 230 px at every width, a third of a 1920 px screen's column); in a narrower
    column it sits right under its legend (centred, it left a gap above as big as below)."""
    page.set_viewport_size({"width": width, "height": height})
    _open(page, f"{server}/training?tab={tab}")
    keys = ["boundary"] if tab == "train" else ["compare_boundary_0", "compare_boundary_1"]
    for key in keys:
        square = page.evaluate(SQUARE_JS, key)
        assert abs(square["width"] - square["height"]) <= 2, square  # equal axes
        narrow = tab == "train" and width == 1280  # a 380 px column beside the loss chart
        assert square["width"] >= (250 if narrow else 300), (key, square)
        assert square["gap"] <= 30, (key, square)


def test_metrics_tables_and_latex_scale_with_the_text(server, page):
    _open(page, f"{server}/training?present=1")
    labels = page.evaluate(SIZE_JS, '[data-testid="stMetricLabel"] p')
    values = page.evaluate(SIZE_JS, '[data-testid="stMetricValue"]')
    assert labels and values and min(values) > max(labels), (labels, values)
    assert min(labels) >= 19, labels
    _open(page, f"{server}/training?present=1&tab=race")
    cells = page.evaluate(SIZE_JS, '[data-testid="stTable"] td')
    assert cells and min(cells) >= 19, cells
    latex = page.evaluate(SIZE_JS, '[data-testid="stMain"] .katex')
    assert latex and min(latex) >= 24, latex


def _shown(pg, key: str) -> str:
    """What a selectbox shows: the chosen option's text, held in the select's input."""
    return pg.locator(f".st-key-{key} input").input_value()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("tab", ["train", "compare", "zigzag", "race"])
def test_training_lab_reads_well(server, page, lang, tab):
    _open(page, f"{server}/training?lang={lang}&tab={tab}&steps=200")
    assert readable_text_problems(page) == []
    # The settings' pickers show readable names; the link keeps code names.
    if tab in ("train", "compare"):
        assert _shown(page, "dataset") == "XOR"
        assert _shown(page, "optimizer") == "Adam"
    else:
        assert page.locator(".st-key-dataset").count() == 0


def test_picker_keeps_the_code_name_in_the_link(server, page):
    _open(page, f"{server}/training?steps=200")
    page.locator(".st-key-optimizer").click()
    page.get_by_role("option", name="Momentum", exact=True).click()
    page.wait_for_url("**optimizer=momentum**")
    wait_idle(page)
    assert _shown(page, "optimizer") == "Momentum"


def test_phone_layout(server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, f"{server}/training?steps=200")
    screenshot(page, "phone-training")
    assert readable_text_problems(page) == []
    # The intro line wraps onto the phone's width, not into a column a word wide.
    width = page.evaluate("""() => document.querySelector(
        '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p').getBoundingClientRect().width""")
    assert width >= 250, width


def test_home_answers_at_slash_home(server, page):
    _open(page, f"{server}/home")
    assert readable_text_problems(page) == []
    assert page.locator('[data-testid="stMain"] h1').count() == 1
    # One Home entry in the sidebar, not two.
    nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    assert sum("Home" in n for n in nav) == 1, nav


LEGEND_JS = """(key) => {
    const root = document.querySelector(`.st-key-${key}`);
    const box = e => { const b = e.getBoundingClientRect();
                       return {x: b.x, y: b.y, right: b.right, bottom: b.bottom}; };
    // What a legend shows, its title and entries (its box's padding may meet the next row's)
    const shown = g => [...g.querySelectorAll('g.traces, .legendtitletext')].map(box)
        .reduce((a, b) => ({x: Math.min(a.x, b.x), y: Math.min(a.y, b.y),
                            right: Math.max(a.right, b.right),
                            bottom: Math.max(a.bottom, b.bottom)}));
    return {plot: box(root.querySelector('.nsewdrag')),
            modebar: box(root.querySelector('.modebar')),
            buttons: box(root.querySelector('.updatemenu-header-group')),
            // the slider's value ("step: 200"), its rail as high as its grip, and the
            // ruler's labels under it (`style._with_ruler`: the first group)
            slider: [...root.querySelectorAll('.slider-group')].map(g => [
                box(g.querySelector(':scope > text.slider-label')),
                {...box(g.querySelector('.slider-rail-rect')),
                 y: box(g.querySelector('.slider-grip-rect')).y,
                 bottom: box(g.querySelector('.slider-grip-rect')).bottom},
                box(g.querySelector('.slider-labels'))]),
            legends: [...root.querySelectorAll('g.infolayer > g')]
                .filter(g => /^legend\\d*$/.test(g.getAttribute('class')))
                .map(g => ({...shown(g), text: g.textContent}))};
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("tour", [False, True])
def test_the_race_legend_groups_families_clear_of_the_plot(server, page, lang, tour):
    """The race's legend names each optimizer's family (the notes' "change the gradient",
    "change the learning rate", "both"), on a 1280x720 projector in a column right of the
    plot, the minimum's star alone at its top, the Play button and the slider at its
    foot: none on the plot, none under Plotly's toolbar, none on another; on the tour's
    last step too, whose banner leaves the chart less height. The plot keeps the chart's
    height (the legend's two rows above it and the controls under it left it 137 px, 85 on
    the tour's step: the ravine's swings across were a strip)."""
    from ui.text.training import EN, KO

    texts = EN if lang == "en" else KO
    page.set_viewport_size({"width": 1280, "height": 720})
    tour_part = "&tour=ravine" if tour else ""
    _open(page, f"{server}/training?lang={lang}&present=1&tab=race{tour_part}")
    assert_charts_in_view(page, ["race"])
    page.hover(".st-key-race .nsewdrag")  # the toolbar shows
    found = page.evaluate(LEGEND_JS, "race")
    plot, modebar, legends = found["plot"], found["modebar"], found["legends"]
    assert plot["bottom"] - plot["y"] >= 250, plot
    titles = [texts[f"family_{k}"] for k in ("plain", "gradient", "rate", "both")]
    assert all(any(title in g["text"] for g in legends) for title in titles), legends
    star = min(legends, key=lambda g: g["y"])  # the top one: the minimum's, alone
    assert star["text"].strip() == texts["minimum"], legends
    (_, _, labels), (value, rail, _) = found["slider"]  # the ruler's labels, the slider's
    controls = [found["buttons"], value, rail, labels]
    parts = [*legends, *controls]
    for i, g in enumerate(parts):
        assert g["x"] >= plot["right"], (g, plot)
        assert g["right"] <= modebar["x"] or g["y"] >= modebar["bottom"], (g, modebar)
        for h in parts[i + 1:]:
            apart = (g["right"] <= h["x"] or h["right"] <= g["x"] or g["bottom"] <= h["y"]
                     or h["bottom"] <= g["y"])
            assert apart, (g, h)
    lowest = max(g["bottom"] for g in legends)
    assert all(part["y"] >= lowest for part in controls), (controls, legends)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_relu_zigzag_and_dead_units_fit_the_projector(server, page, lang):
    """The notes' two ReLU claims on a 1280x720 projector: its zig-zag (``zz_relu``) beside
    tanh's, the steps on a zero input in the legend; and units dying under SGD at rate 10,
    their share drawn in the curves' legend."""
    from ui.text.training import EN, KO

    text = EN if lang == "en" else KO
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, f"{server}/training?lang={lang}&present=1&tab=zigzag&zz_relu=true")
    screenshot(page, f"present-{lang}-training-zigzag-relu-1280x720", full_page=False)
    assert_charts_in_view(page, ["zigzag_relu", "zigzag_centred"])
    legend = page.locator(".st-key-zigzag_relu .legend").text_content()
    assert text["zz_one_short"] in legend and text["zz_still_short"] in legend
    _open(page, f"{server}/training?lang={lang}&present=1&act=relu&optimizer=sgd"
                "&auto_lr=false&lr=10.0")
    screenshot(page, f"present-{lang}-training-dead-units-1280x720", full_page=False)
    assert_charts_in_view(page, ["boundary", "curves"])
    assert text["dead_line"] in page.locator(".st-key-curves .legend").text_content()

"""The gradient-flow page in a real Chromium: the projector layout (#13) and what a visitor
reads on it (#15).

At 1280x720 and 1920x1080 with ``present=1``, in English and Korean, the gradient-norm
chart lies wholly in view with no scrolling; a preset's result stays in view; the controls
live in a popover whose widgets still drive the chart and the link; the visible text
carries no code names, raw subscripts or rows of zeros; no log tick stands beside a strip
of exactly-0 layers. Screenshots for a person to look at go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import re

import pytest

from .conftest import (
    assert_charts_in_view, chart_layout, charts, open_page, phone_page, readable_text_problems,
    screenshot, wait_chart_change, wait_idle,
)

pytestmark = pytest.mark.browser

EXCEPTION = '[data-testid="stException"]'


@pytest.fixture(autouse=True)
def _patient(page):
    """Room for a shared, busy machine: waits are on the app's signals, so a longer limit
    only matters when something is really stuck."""
    page.set_default_timeout(90_000)


@pytest.mark.parametrize(("width", "height", "lang"),
                         [(1280, 720, "en"), (1280, 720, "ko"), (1920, 1080, "en")])
def test_the_gradient_chart_fits_the_projector(server, page, width, height, lang):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, f"{server}/gradient_flow?present=1&lang={lang}")
    assert page.locator(EXCEPTION).count() == 0
    assert_charts_in_view(page, ["gf_grad"])
    assert readable_text_problems(page) == []
    screenshot(page, f"present-gradient_flow-{width}x{height}-{lang}", full_page=False)


def test_a_preset_leaves_its_result_in_view(server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    found = open_page(page, f"{server}/gradient_flow?present=1")
    page.locator(".st-key-preset_relu_he button").first.click()
    wait_chart_change(page, "gf_grad", found["gf_grad"]["sig"])
    assert_charts_in_view(page, ["gf_grad"])
    # the code names go into the address, the readable ones onto the screen
    page.wait_for_url(re.compile("init=xavier_normal&init=kaiming_normal"))
    assert readable_text_problems(page) == []
    screenshot(page, "present-gradient_flow-relu_he", full_page=False)


def test_the_controls_popover_drives_the_chart_and_the_link(server, page):
    found = open_page(page, f"{server}/gradient_flow")
    page.locator(".st-key-gf_controls button").first.click()
    thumb = page.locator(".st-key-depth input[type=range]").first
    thumb.focus()
    thumb.press("ArrowRight")
    wait_chart_change(page, "gf_grad", found["gf_grad"]["sig"])
    page.wait_for_url(re.compile("depth=11"))
    # the popover's pickers show readable names (nothing in the page is a code name)
    body = page.evaluate("() => document.body.innerText")
    assert "Xavier normal" in body and "xavier_normal" not in body
    assert page.locator(EXCEPTION).count() == 0


def test_the_controls_popover_reads_on_a_projector(server, page):
    """The popover opens in a layer outside the page's main block: presentation mode's
    text sizes reach it too, and it is wide enough for the chosen names to show whole."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{server}/gradient_flow?present=1")
    page.locator(".st-key-gf_controls button").first.click()
    body = page.locator('[data-testid="stPopoverBody"]')
    body.locator(".st-key-seed input").first.wait_for()
    # Every label, the nine controls' at least (without the rule: 14 px, the page's 1.2rem).
    # The popover's widgets appear one after another: CI once read it before the two
    # multiselects had drawn (7 labels, from depth on).
    page.wait_for_function("""() => document.querySelectorAll(
        '[data-testid="stPopoverBody"] [data-testid="stWidgetLabel"] p').length >= 9""")
    wait_idle(page, settle_ms=300)
    labels = body.locator('[data-testid="stWidgetLabel"] p').evaluate_all(
        "ps => ps.map(p => [p.innerText, parseFloat(getComputedStyle(p).fontSize)])")
    assert all(size >= 19 for _, size in labels), labels
    box = body.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    names = body.locator("span[title]").evaluate_all(
        "ss => ss.map(s => [s.innerText, s.scrollWidth <= s.clientWidth])")
    assert [name for name, _ in names] == ["Sigmoid", "Tanh", "ReLU", "Xavier normal"]
    assert all(whole for _, whole in names), names
    screenshot(page, "present-gradient_flow-controls", full_page=False)


def test_the_distribution_tabs_read_well(server, page):
    open_page(page, f"{server}/gradient_flow?act=relu&init=kaiming_normal&depth=12")
    assert readable_text_problems(page) == []
    page.get_by_role("tab", name="Histograms").click()
    wait_idle(page)
    assert charts(page)["gf_heat"]["points"] > 0
    assert readable_text_problems(page) == []


@pytest.mark.parametrize("lang, words", [
    ("en", ("99%:", "q3:", "median:", "mean ± 1 std:", "q1:", "1%:")),
    ("ko", ("99%:", "3사분위:", "중앙값:", "평균 ± 표준편차:", "1사분위:", "1%:"))])
def test_a_box_hover_names_the_quantiles_its_whiskers_end_at(server, page, lang, words):
    """The whiskers end at the 1% and 99% quantiles, as the caption says; Plotly's own
    hover called them "min" and "max", in English on the Korean page too, and the dashed
    diamond "mean ± σ"."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{server}/gradient_flow?lang={lang}")
    plot = page.locator(".st-key-gf_box .nsewdrag").first
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    # Layer 1's ReLU box (the third of the first group), at its median.
    page.mouse.move(box["x"] + box["width"] * 0.075, box["y"] + box["height"] * 0.45)
    page.wait_for_selector(".st-key-gf_box .hovertext")
    labels = " ".join(page.locator(".st-key-gf_box .hovertext").evaluate_all(
        "labels => labels.map(label => label.textContent)"))  # SVG: no innerText
    for word in words:
        assert word in labels, (word, labels)
    assert "max" not in labels and "min" not in labels and "σ" not in labels


def test_phone_layout(server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{server}/gradient_flow")
    boxes, view = chart_layout(page)
    assert boxes["gf_grad"]["box"]["width"] <= view["width"]  # no sideways scrolling
    assert readable_text_problems(page) == []
    screenshot(page, "phone-gradient_flow", full_page=True)


# The two presets whose ReLU gets a strip of exactly-0 layers (dying under a bias of -0.5, cut
# off in 2-unit layers), beside LeakyReLU. Drawn over the log axis, lowered to make room,
# the strip lay on the left panel's 10⁻¹⁴ gridline in the first, and under its 10⁻⁸ label
# in the second: "exactly 0" read as that value.
STRIP_VIEWS = {"dying": "act=relu&act=leaky_relu&init=kaiming_normal&depth=10&bias=-0.5",
               "narrow": "act=relu&act=leaky_relu&init=kaiming_normal&depth=15&width=2"}

# Per panel of the gradient chart (its log axis y or y2): the strips' boxes (the filled
# traces on the axes of the panel's band, x/y3 and x2/y4, wherever Plotly draws them), each
# tick label's top and bottom and each gridline's height, in px of the viewport.
STRIPS_JS = """key => {
    const el = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const box = e => { const r = e.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, height: r.height}; };
    const out = {};
    for (const [axis, band] of [['y', 'xy3'], ['y2', 'x2y4']]) {
        out[axis] = {
            strips: [...el.querySelectorAll('path.js-fill')]
                .filter(p => p.closest(`[class~="${band}"]`)).map(box)
                .filter(r => r.height > 0),
            labels: [...el.querySelectorAll(`g.${axis}tick text`)]
                .map(t => ({...box(t), text: t.textContent})),
            grid: [...el.querySelectorAll(`path.${axis}grid`)].map(g => box(g).top)};
    }
    return out;
}"""


def assert_no_tick_beside_the_strips(pg) -> None:
    """In each panel with strips, every gridline of its log axis lies above them, and every
    tick label ends above them (2 px of slack: a label's box runs below its digits)."""
    panels = pg.evaluate(STRIPS_JS, "gf_grad")
    assert any(p["strips"] for p in panels.values()), panels  # the selectors found them
    for axis, p in panels.items():
        if not p["strips"]:
            continue
        top = min(s["top"] for s in p["strips"])
        assert p["labels"] and p["grid"], (axis, p)
        near = [(label["text"], label["bottom"]) for label in p["labels"]
                if label["bottom"] > top + 2]
        assert not near, f"{axis}: tick labels beside the strips (top at {top}): {near}"
        assert max(p["grid"]) < top - 2, f"{axis}: a gridline among the strips: {p['grid']}"


@pytest.mark.parametrize("mode", ["", "&present=1", "&present=1&lang=ko"])
@pytest.mark.parametrize("view", sorted(STRIP_VIEWS))
def test_no_log_tick_stands_beside_the_strips(server, page, view, mode):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, f"{server}/gradient_flow?{STRIP_VIEWS[view]}{mode}")
    assert page.locator(EXCEPTION).count() == 0
    assert_no_tick_beside_the_strips(page)
    if mode:
        assert_charts_in_view(page, ["gf_grad"])
    suffix = mode.replace("&present=1", "-present").replace("&lang=", "-")
    screenshot(page, f"gradient_flow-strips-{view}{suffix}", full_page=False)


@pytest.mark.parametrize("view", sorted(STRIP_VIEWS))
def test_on_a_phone_no_log_tick_stands_beside_the_strips(server, browser, view):
    """The phone's panels one above the other: each strip in its own panel's band."""
    pg = phone_page(browser)
    try:
        pg.set_default_timeout(90_000)
        open_page(pg, f"{server}/gradient_flow?{STRIP_VIEWS[view]}")
        assert_no_tick_beside_the_strips(pg)
        pg.locator(".st-key-gf_grad").scroll_into_view_if_needed()
        screenshot(pg, f"phone-gradient_flow-strips-{view}", full_page=False)
    finally:
        pg.context.close()


# The row of presets and popovers above the chart: each button's box, once (a button's
# tooltip holds a copy with no size).
ROW_JS = """() => [...document.querySelectorAll(
        '[class*="st-key-preset_"] button, [data-testid="stPopover"] button')]
    .map(b => b.getBoundingClientRect()).filter(r => r.width > 0)
    .map(r => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right}))"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_preset_row_stays_one_line_on_the_projector(server, page, lang):
    """Eight presets, "Settings" and the intro's info icon in one row at 1280x720: a second
    row pushed the chart's legend off the screen. The icon's button is named by its words
    for screen readers ("About this page", not "info icon"). The sigmoid-explodes preset's
    result fits too."""
    from activations import gradflow
    from ui.text.gradient_flow import EN, KO

    page.set_viewport_size({"width": 1280, "height": 720})
    found = open_page(page, f"{server}/gradient_flow?present=1&lang={lang}")
    row = page.evaluate(ROW_JS)
    assert len(row) == len(gradflow.PRESETS) + 2, row
    assert max(r["top"] for r in row) - min(r["top"] for r in row) <= 2, row
    assert max(r["right"] for r in row) <= 1280, row
    about = page.get_by_role("button", name={"en": EN, "ko": KO}[lang]["intro_more"], exact=True)
    assert about.count() == 1 and about.bounding_box()["width"] < 40
    page.locator(".st-key-preset_sigmoid_exploding button").first.click()
    wait_chart_change(page, "gf_grad", found["gf_grad"]["sig"])
    page.wait_for_url(re.compile("init=standard&init=normal"))
    assert_charts_in_view(page, ["gf_grad"])
    assert readable_text_problems(page) == []
    screenshot(page, f"present-gradient_flow-sigmoid_exploding-{lang}", full_page=False)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_hardtanh_preset_fits_the_projector(server, page, lang):
    """The last preset of the row, its three runs and the legend in view at 1280x720."""
    page.set_viewport_size({"width": 1280, "height": 720})
    found = open_page(page, f"{server}/gradient_flow?present=1&lang={lang}")
    page.locator(".st-key-preset_hardtanh_weights button").first.click()
    wait_chart_change(page, "gf_grad", found["gf_grad"]["sig"])
    page.wait_for_url(re.compile("act=hardtanh&init=standard&init=xavier_normal&init=normal"))
    assert page.locator(EXCEPTION).count() == 0
    assert_charts_in_view(page, ["gf_grad"])
    assert readable_text_problems(page) == []
    screenshot(page, f"present-gradient_flow-hardtanh_weights-{lang}", full_page=False)


def test_on_a_phone_the_presets_wrap_inside_the_screen(server, browser):
    pg = phone_page(browser)
    try:
        pg.set_default_timeout(90_000)
        open_page(pg, f"{server}/gradient_flow?lang=ko")
        row = pg.evaluate(ROW_JS)
        assert row and all(r["left"] >= 0 and r["right"] <= 390 for r in row), row
        assert readable_text_problems(pg) == []
    finally:
        pg.context.close()

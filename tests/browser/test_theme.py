"""The app follows the viewer's light or dark setting, and stays readable in both.

A student working at night has a dark system. A colour set in ``[theme]`` of
``.streamlit/config.toml`` makes a custom theme that Streamlit draws light for everyone;
the app's colours live in ``[theme.light]`` and ``[theme.dark]`` instead. Checked in
Chromium with the system preference set each way: the page's background, the charts' text
against it (the figures set no colours of their own for it), the accent colour of a
slider's value, and a primary button's label; then every caption and every chart's tick
labels and titles, in normal and presentation mode (ui/base.css). Contrast is WCAG's ratio
of relative luminances.
"""

from __future__ import annotations

import pytest

from .conftest import new_page, open_page, screenshot

pytestmark = pytest.mark.browser

# The computed colours, as "rgb(r, g, b)" strings: the app's background, the first chart's
# paper, tick labels and legend text, a slider's value (drawn in the accent colour) and the tour's
# primary button with its label.
COLOURS_JS = """() => {
    const css = (sel, prop) => {
        const el = document.querySelector(sel);
        return el ? getComputedStyle(el)[prop] : null;
    };
    const fill = sel => {
        const el = document.querySelector('[data-testid="stPlotlyChart"] ' + sel);
        return el ? getComputedStyle(el).fill : null;
    };
    return {
        app: css('[data-testid="stApp"]', 'backgroundColor'),
        paper: css('[data-testid="stPlotlyChart"] .main-svg', 'backgroundColor'),
        tick: fill('.ytick text'),
        legend: fill('.legendtext'),
        sliderValue: css('[data-testid="stSliderThumbValue"]', 'color'),
    };
}"""
BUTTON_JS = """() => {
    const b = document.querySelector('.st-key-tour_start button');
    const s = getComputedStyle(b);
    return {background: s.backgroundColor, label: s.color};
}"""


def _rgb(text: str) -> tuple[float, float, float]:
    inside = text[text.index("(") + 1:text.index(")")]
    r, g, b = (float(v) for v in inside.split(",")[:3])
    return r, g, b


def _luminance(text: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = map(channel, _rgb(text))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_agrees_with_wcag():
    assert _contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert _contrast("rgb(0, 114, 178)", "rgb(255, 255, 255)") == pytest.approx(5.19, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_follows_the_system_colour_scheme(browser, server, scheme):
    pg = new_page(browser, 1280, 720, color_scheme=scheme)
    try:
        open_page(pg, f"{server}/softmax?tab=binary")
        colours = pg.evaluate(COLOURS_JS)
        assert None not in colours.values(), colours
        background = _luminance(colours["app"])
        if scheme == "dark":
            assert background < 0.05, colours
        else:
            assert background > 0.9, colours
        # The chart's paper is the page's colour, and its text reads on it: the legend as
        # body text, the tick labels (ui/base.css) too; the figures set no colour for them.
        # (The fill alone here: test_chart_text_reads below measures it with its opacity.)
        assert _contrast(colours["paper"], colours["app"]) < 1.1, colours
        assert _contrast(colours["legend"], colours["app"]) >= 4.5, colours
        assert _contrast(colours["tick"], colours["app"]) >= 4.5, colours
        assert _contrast(colours["sliderValue"], colours["app"]) >= 4.3, colours
        screenshot(pg, f"theme-{scheme}", full_page=False)

        open_page(pg, f"{server}/tour")
        button = pg.evaluate(BUTTON_JS)
        assert _contrast(button["label"], button["background"]) >= 4, button
    finally:
        pg.context.close()


# WCAG's contrast of each visible element matching ``selector`` against the page: its
# colour at its opacity (for SVG text, fill and fill-opacity), blended over the background.
# Returns [contrast to one decimal, the text's start] per element.
CONTRAST_JS = """(selector) => {
    const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const bg = rgb(getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor);
    return [...document.querySelectorAll(selector)]
        .filter(e => e.textContent.trim() && e.getBoundingClientRect().width)
        .map(e => { const cs = getComputedStyle(e); const svg = e instanceof SVGElement;
            const a = parseFloat(svg ? cs.fillOpacity : cs.opacity);
            const fg = rgb(svg ? cs.fill : cs.color).map((v, i) => a * v + (1 - a) * bg[i]);
            const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
            return [Math.round((hi + 0.05) / (lo + 0.05) * 10) / 10, e.textContent.slice(0, 20)]; });
}"""
CAPTIONS = '[data-testid="stMain"] [data-testid="stCaptionContainer"]'
# Tick labels, axis titles and panel titles.
CHART_TEXT = ('[data-testid="stMain"] .js-plotly-plot :is(g[class$="tick"] text, '
              'g[class$="title"] text, .annotation-text)')


def _contrasts(server, browser, scheme: str, path: str, selector: str, present: bool) -> list:
    pg = new_page(browser, 1280, 720, color_scheme=scheme)
    try:
        open_page(pg, f"{server}/{path}" + ("?present=1" if present else ""))
        return pg.evaluate(CONTRAST_JS, selector)
    finally:
        pg.context.close()


# ui/base.css, on every page in either mode: a student's screen as much as a projector.
@pytest.mark.parametrize("present", [True, False], ids=["present", "normal"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_captions_read(server, browser, scheme, present):
    """What to notice is in captions: they keep at least 4.5:1 against the page
    (Streamlit's 60% fade gave 3.9:1 on white)."""
    found = _contrasts(server, browser, scheme, "gradient_flow", CAPTIONS, present)
    assert found and min(c for c, _ in found) >= 4.5, found


@pytest.mark.parametrize("present", [True, False], ids=["present", "normal"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["gradient_flow", "curves", "softmax", "training"])
def test_chart_text_reads(server, browser, scheme, path, present):
    """Tick labels and axis titles keep at least 4.5:1 against the page (Streamlit's light
    theme drew them at 3.7:1)."""
    found = _contrasts(server, browser, scheme, path, CHART_TEXT, present)
    assert found and min(c for c, _ in found) >= 4.5, [x for x in found if x[0] < 4.5]

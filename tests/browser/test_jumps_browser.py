"""Jumps drawn as jumps in Chromium: the home gallery's panels broken at the step's jump
and at ReLU's f' jump, with their dots drawn, on a laptop and on a phone; the f(kx)/k chart
at k = 100 (the notes: ×100 makes softplus look like a hard kink) opened from a link; the
parameter animation's f' broken at the swept curve's kink, its dots going with the frames.

What Plotly drew, read back from the page: the pieces of each trace's drawn line (a break
starts a new one: an SVG path or a second "M" in one) and the marker points in the SVG.
"""

from __future__ import annotations

import pytest

import activations

from .conftest import new_page, open_page, phone_page, screenshot

pytestmark = pytest.mark.browser

# For each gallery panel (by its subplot title): the number of separate pieces ("M" moves)
# of each drawn line path, and the number of marker points drawn in it.
GALLERY_JS = """() => {
    const el = document.querySelector('.st-key-gallery .js-plotly-plot');
    const out = {};
    el._fullData.forEach((t, i) => {
        const title = el.layout.annotations[(parseInt(t.xaxis.slice(1)) || 1) - 1].text;
        const entry = out[title] = out[title] || {pieces: [], dots: 0};
        if (t.mode === 'markers') { entry.dots += t.x.length; return; }
    });
    el.querySelectorAll('.scatterlayer .trace').forEach((g, i) => {
        const t = el._fullData[i];
        const title = el.layout.annotations[(parseInt(t.xaxis.slice(1)) || 1) - 1].text;
        const lines = [...g.querySelectorAll('path.js-line')];
        if (lines.length) out[title].pieces.push(lines.reduce(
            (n, p) => n + (p.getAttribute('d').match(/M/g) || []).length, 0));
        out[title].drawn = (out[title].drawn || 0) + g.querySelectorAll('path.point').length;
    });
    return out;
}"""


def _gallery(pg) -> dict:
    return pg.evaluate(GALLERY_JS)


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_the_gallery_breaks_jumps_and_draws_their_dots(browser, server, phone):
    pg = phone_page(browser) if phone else new_page(browser, 1280, 720)
    try:
        open_page(pg, server + "/")
        panels = _gallery(pg)
        label = activations.get
        # the step: f in two pieces (0 then 1), f' in two (no value at 0); filled (0, 0)
        # and hollow (0, 1) drawn
        step = panels[label("step").label]
        assert step["pieces"] == [2, 2] and step["dots"] == step["drawn"] == 2
        # ReLU: f whole, f' in two pieces (0 then 1) with its two dots
        relu = panels[label("relu").label]
        assert relu["pieces"] == [1, 2] and relu["drawn"] == 2
        # Hardshrink's two jumps; Hardsigmoid's small f' steps broken, without dots
        assert panels[label("hardshrink").label]["pieces"][0] == 3
        hsig = panels[label("hardsigmoid").label]
        assert hsig["pieces"] == [1, 3] and hsig.get("drawn", 0) == 0
        # smooth ones untouched
        assert panels[label("gelu").label] == {"pieces": [1, 1], "dots": 0, "drawn": 0}
        assert not pg.js_errors
        screenshot(pg, "gallery-jumps-phone" if phone else "gallery-jumps-1280",
                   full_page=False)
    finally:
        pg.context.close()


def test_the_scale_chart_opens_at_k_100_from_a_link(browser, server):
    pg = new_page(browser, 1280, 720)
    try:
        charts = open_page(pg, server + "/curves?fn=relu&fn=softplus&fn=step&scale=true&k=100")
        assert "chart_scale" in charts
        title = pg.locator(".st-key-chart_scale .gtitle").text_content()
        assert title.strip() == "f(x) and f(kx)/k for k = 100"
        # the slider in the sidebar stands at 100, its last step; no warning
        k = pg.locator('[data-testid="stSidebar"] .st-key-k')
        assert k.locator('[data-testid="stSliderThumbValue"]').inner_text() == "100"
        assert k.locator('[data-testid="stSliderTickBar"]').inner_text().split() == ["0.01", "100"]
        assert pg.locator('[data-testid="stAlertContentWarning"]').count() == 0
        # the step's f and f(100x)/100 broken at 0, each with a filled and a hollow dot
        drawn = pg.evaluate("""() => {
            const el = document.querySelector('.st-key-chart_scale .js-plotly-plot');
            return [...el.querySelectorAll('.scatterlayer .trace')].map((g, i) => [
                el._fullData[i].name, el._fullData[i].mode,
                [...g.querySelectorAll('path.js-line')].reduce(
                    (n, p) => n + (p.getAttribute('d').match(/M/g) || []).length, 0),
                g.querySelectorAll('path.point').length]);
        }""")
        lines = {name: pieces for name, mode, pieces, _ in drawn if mode == "lines"
                 and pieces}
        assert lines["Step (Heaviside)"] == 2 and lines["Step (Heaviside): f(100x)/100"] == 2
        assert lines["ReLU"] == 1 and lines["Softplus: f(100x)/100"] == 1
        assert sum(points for *_, points in drawn) == 4
        assert not pg.js_errors
        pg.locator(".st-key-chart_scale").scroll_into_view_if_needed()
        screenshot(pg, "scale-k100", full_page=False)
    finally:
        pg.context.close()


# The animated chart's f' panel (x2) after Plotly.animate to frame ``name`` (null: as it
# opened): the pieces of its drawn lines and its drawn marker points.
SWEEP_JS = """async name => {
    const gd = document.querySelector('.st-key-chart_sweep .js-plotly-plot');
    if (name !== null) await Plotly.animate(gd, [name], {frame: {duration: 0, redraw: false},
                                                         transition: {duration: 0},
                                                         mode: 'immediate'});
    const out = {pieces: 0, points: 0};
    gd.querySelectorAll('.scatterlayer .trace').forEach(g => {
        const t = g.__data__ && g.__data__[0] && g.__data__[0].trace;
        if (!t || t.xaxis !== 'x2') return;
        g.querySelectorAll('path.js-line').forEach(p => {
            out.pieces += ((p.getAttribute('d') || '').match(/M/g) || []).length;
        });
        out.points += g.querySelectorAll('path.point').length;
    });
    return out;
}"""


def test_the_animated_f_prime_breaks_at_the_kink_in_every_frame(browser, server):
    pg = new_page(browser, 1280, 720)
    try:
        charts = open_page(pg, server + "/curves?fn=leaky_relu&sweep=negative_slope")
        assert "chart_sweep" in charts
        # a = 0.01: f' is 0.01 up to 0 (PyTorch's value there: filled) and 1 after (hollow):
        # its line in two pieces, and a stub on each side reaching the limits
        opened = pg.evaluate(SWEEP_JS, None)
        assert opened == {"pieces": 4, "points": 2}
        half = pg.evaluate(SWEEP_JS, "0.5")
        assert half == opened
        # a = 1: LeakyReLU is the identity, f' = 1: no kink, one piece, no dot
        assert pg.evaluate(SWEEP_JS, "1") == {"pieces": 1, "points": 0}
        pg.evaluate(SWEEP_JS, "0.2")
        assert not pg.js_errors
        pg.locator(".st-key-chart_sweep").scroll_into_view_if_needed()
        screenshot(pg, "sweep-kink-0.2", full_page=False)
    finally:
        pg.context.close()

"""Every animation's slider labels both ends of its run, at any width, and shows its value
in the theme's text colour.

Plotly labels a slider's steps itself, every s-th from the first, with s set by the
chart's width, so the last step was often bare: softmax's 41 temperatures ended at "80" at
1280 px and at "40" on a phone, for a run that goes to 100. Now the slider's own labels are
clear and a ruler under it labels the ends and round values between
(`activations.figures.style._with_ruler`).
"""

from __future__ import annotations

import pytest

from .conftest import new_page, open_page, phone_page, screenshot

pytestmark = pytest.mark.browser

ANIMATIONS = {  # name: (chart key, link)
    "softmax": ("animation", "/softmax"),
    "race": ("race", "/training?tab=race"),
    "sweep": ("chart_sweep", "/curves?fn=softplus&sweep=beta"),
    "playground": ("playground", "/playground"),
}

# Per slider group, in drawing order (the ruler, then the slider on top): the step labels
# and the value as drawn, each with its fill and whether it shows.
READ_JS = """key => {
    const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const text = t => ({text: t.textContent, fill: t.style.fill,
                        shown: t.style.fillOpacity !== '0'});
    return {
        steps: gd._fullLayout.sliders.map(s => s.steps.map(step => step.label)),
        active: gd._fullLayout.sliders.map(s => s.active),
        groups: [...gd.querySelectorAll('g.slider-group')].map(g => ({
            labels: [...g.querySelectorAll('g.slider-label-group text')].map(text),
            value: [...g.children].filter(c => c.matches('text.slider-label')).map(text),
        })),
    };
}"""


def _check(pg, key: str) -> list[str]:
    """The labels a visitor sees under ``key``'s slider; asserts the rest."""
    pg.locator(f".st-key-{key} g.slider-group").last.wait_for()
    seen = pg.evaluate(READ_JS, key)
    steps = seen["steps"][-1]  # the slider's (on top, last drawn)
    shown = [label for group in seen["groups"] for label in group["labels"] if label["shown"]]
    texts = [label["text"] for label in shown]
    assert texts[0] == steps[0] and texts[-1] == steps[-1], (texts, steps)  # both ends
    assert len(seen["groups"]) == 2, seen["groups"]  # the ruler, then the slider
    (ruler, slider), ruler_steps = seen["groups"], seen["steps"][0]
    assert not any(label["shown"] for label in slider["labels"])  # Plotly's own: clear
    assert not any(value["shown"] for value in ruler["value"])
    # The ruler's labels, every one or every other on a narrow chart (their count is even
    # or 3, so the last keeps its label).
    assert texts == ruler_steps[::round((len(ruler_steps) - 1) / (len(texts) - 1))], texts
    # The value reads the slider's step, in the colour of the labels (the theme's text).
    (value,) = slider["value"]
    assert value["shown"] and value["text"].endswith(steps[seen["active"][1]]), value
    assert value["fill"] == shown[0]["fill"] != "rgba(0, 0, 0, 0)", (value, shown[0])
    return texts


@pytest.mark.parametrize(("name", "size"), [
    *((name, size) for name in ANIMATIONS for size in ("1280x720", "390x844")),
    ("softmax", "1280x720-dark"),  # the colours are shared: one chart is enough
])
def test_a_slider_labels_both_ends(browser, server, name, size):
    key, link = ANIMATIONS[name]
    if size == "390x844":
        pg = phone_page(browser)
    else:
        pg = new_page(browser, 1280, 720,
                      color_scheme="dark" if size.endswith("dark") else "light")
    try:
        open_page(pg, server + link, timeout=90_000)
        texts = _check(pg, key)
        if name == "softmax":  # decades and the threes between, wherever they fit
            assert texts in (["0.01", "0.03", "0.1", "0.3", "1", "3", "10", "30", "100"],
                             ["0.01", "0.1", "1", "10", "100"]), texts
        pg.locator(f".st-key-{key}").scroll_into_view_if_needed()
        screenshot(pg, f"slider-ruler-{name}-{size}", full_page=False)
    finally:
        pg.context.close()

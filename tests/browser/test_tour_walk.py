"""The guided tour walks: from /tour, "Start the tour" and Next through every step, each
step's page in its state with the banner; Back returns; the last Next lands on /tour."""

from __future__ import annotations

import functools

import re
import urllib.parse

import pytest

from activations import tour
from tests.browser.conftest import (chart_layout, follow_nav_link, open_page,
                                    readable_text_problems, screenshot, wait_charts, wait_idle)
from ui.text import tour as tour_text

pytestmark = pytest.mark.browser
SLOW = 180_000  # ms: on a machine shared by many test runs a page can take a minute to draw

_open = functools.partial(open_page, timeout=SLOW)
N = len(tour.IDS)


def _banner(pg):
    return pg.locator(".st-key-tourbar")


def _wait_step(pg, k: int) -> None:
    """Wait until the banner shows step ``k`` (1-based) and the page is drawn."""
    step_id = tour.IDS[k - 1]
    try:
        pg.wait_for_function("""([head, id]) => {
            const bar = document.querySelector('.st-key-tourbar');
            return bar && bar.innerText.includes(head)
                && new URLSearchParams(location.search).get('tour') === id;
        }""", arg=[f"{k} / {N}", step_id])
    except Exception:
        screenshot(pg, f"tour-walk-failed-{k}")
        raise AssertionError(f"step {k} ({step_id}) did not show; at {pg.url}")
    wait_idle(pg, settle_ms=200)


# Values of steps' links that equal their widget's default, which Streamlit leaves out of
# the address (the view is the same): gradient flow's batch and depth (pages/gradient_flow.py
# DEFAULT), the softmax page's logits and temperature.
AT_DEFAULT = {("batch", "256"), ("depth", "10"), ("logits", "1,3,0,2"), ("T", "1")}


def _check_step(pg, k: int, lang: str = "en") -> None:
    step = tour.step(tour.IDS[k - 1])
    texts = getattr(tour_text, lang.upper())
    bar = _banner(pg).inner_text()
    assert f"{k} / {N}" in bar and texts[step.id] in bar, (k, bar)
    assert pg.locator('[data-testid="stException"]').count() == 0, k
    assert f"/{step.page}?" in pg.url, (k, pg.url)
    # The step's whole state arrived: Streamlit dropped the tanh step's formula when the
    # page before (the zig-zag's) had a formula box bound to `expr` (see ui/custom.py).
    shown = set(urllib.parse.parse_qsl(urllib.parse.urlsplit(pg.url).query))
    assert set(urllib.parse.parse_qsl(step.query())) - shown <= AT_DEFAULT, (k, pg.url)
    if "expr" in step.params:
        assert pg.locator(".st-key-expr input").first.input_value() == step.params["expr"]
    found = wait_charts(pg, timeout=SLOW)
    assert found and all(c and c["points"] > 0 for c in found.values()), (k, found)


# How much of a step's first chart a 1280x720 screen shows at least, in normal mode with
# the sidebar open (measured: 184 px or more; before the compact layout, none for most steps).
CHART_IN_VIEW = 160


def _chart_starts_in_view(pg, k: int) -> None:
    """The first chart of step ``k`` (1-based) starts on the first screen, with at least
    CHART_IN_VIEW px of it in view: the page's head is laid out compactly during the tour
    (ui.frame.compact_layout)."""
    found, view = chart_layout(pg)
    top = min(c["box"]["y"] for c in found.values() if c["box"])
    if top > view["height"] - CHART_IN_VIEW:
        screenshot(pg, f"tour-walk-chart-low-{k}", full_page=False)
    assert top <= view["height"] - CHART_IN_VIEW, (k, tour.IDS[k - 1], top, view)


def test_start_the_tour_and_walk_it(server, page):
    """Alone at night: normal mode, the sidebar open, a 1280x720 screen."""
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, f"{server}/tour")
    assert page.locator(".st-key-tourbar").count() == 0
    page.get_by_role("button", name="Start the tour").click()
    _wait_step(page, 1)
    _check_step(page, 1)
    _chart_starts_in_view(page, 1)
    assert page.locator(".st-key-tourbar_back").count() == 0  # no step before the first
    for k in range(2, N + 1):
        page.locator(".st-key-tourbar_next a").click()
        _wait_step(page, k)
        _check_step(page, k)
        _chart_starts_in_view(page, k)
        if k == 3:  # Back returns to the previous step, Next comes back
            page.locator(".st-key-tourbar_back a").click()
            _wait_step(page, 2)
            _check_step(page, 2)
            page.locator(".st-key-tourbar_next a").click()
            _wait_step(page, 3)
    page.locator(".st-key-tourbar_next a").click()  # after the last step
    page.wait_for_url(re.compile(r"/tour(\?|$)"))
    wait_idle(page)
    assert "tour=" not in page.url
    assert page.get_by_role("button", name="Start the tour").count() == 1
    assert page.locator(".st-key-tourbar").count() == 0


def test_back_from_the_training_lab_keeps_the_narrow_networks_width(server, page):
    """The training lab binds a `width` of its own, and Streamlit drops a link's `width`
    on the way from it: Back from the dying-units comparison opened the narrow-ReLU step
    at the default width 128 instead of 2 (the frame puts it back, ui/tourbar.py)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    step = tour.step("dead_training")
    _open(page, f"{server}/{step.link()}&tour={step.id}")
    k = tour.IDS.index("narrow_relu") + 1
    page.locator(".st-key-tourbar_back a").click()
    _wait_step(page, k)
    _check_step(page, k)  # every value of the step's link in the address
    assert ("width", "2") in urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).query)


def test_a_formula_typed_before_the_tour_comes_back_after_it(server, page):
    """A student's own f(x) stays out of the tour's steps and is back, in the box and the
    address, on the first page they open after leaving it. In Chromium the box of the page
    left was still bound to ``expr`` when the next page put the formula back."""
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, f"{server}/curves")
    box = page.locator(".st-key-expr input").first
    box.fill("x*sigmoid(a*x)")
    box.press("Enter")
    page.wait_for_url(re.compile(r"expr=x%2Asigmoid"))
    wait_idle(page)
    follow_nav_link(page, "tour")
    page.get_by_role("button", name="Start the tour").click()
    _wait_step(page, 1)  # the training lab, whose sidebar has a formula box too
    assert page.locator(".st-key-expr input").first.input_value() == ""
    assert "expr=" not in page.url
    page.get_by_role("button", name="Leave tour").click()
    page.wait_for_url(lambda url: "tour=" not in url)
    wait_idle(page)
    assert page.locator(".st-key-expr input").first.input_value() == ""  # as it was
    follow_nav_link(page, "curves", timeout=SLOW)
    assert page.locator(".st-key-expr input").first.input_value() == "x*sigmoid(a*x)"
    page.wait_for_url(re.compile(r"expr=x%2Asigmoid%28a%2Ax%29"))
    assert page.locator('[data-testid="stException"]').count() == 0


def test_banner_stays_while_playing_and_leaves_on_request(server, page):
    step = tour.step("relu_dead")
    counter = f"{tour.IDS.index(step.id) + 1} / {len(tour.IDS)}"
    _open(page, f"{server}/{step.link()}&tour={step.id}")
    assert counter in _banner(page).inner_text()
    page.locator(".st-key-dead label").first.click()  # the dead-zone toggle, in the sidebar
    page.wait_for_url(lambda url: "dead=true" not in url)
    wait_idle(page)
    assert counter in _banner(page).inner_text() and "tour=relu_dead" in page.url
    page.get_by_role("button", name="Leave tour").click()
    page.wait_for_url(lambda url: "tour=" not in url)
    wait_idle(page)
    assert _banner(page).count() == 0
    assert "fn=relu" in page.url  # the page itself stays as it was


def test_back_and_next_to_the_same_page_do_not_look_selected(server, page):
    """soft_argmax's neighbours are on its page (softmax): Streamlit draws a page link to
    the page on screen as selected (shaded, bold), and both looked pressed. They must look
    as softplus's Back does, which leads to another page."""
    def looks(step_id):
        step = tour.step(step_id)
        _open(page, f"{server}/{step.link()}&tour={step.id}")
        page.mouse.move(0, 0)  # no hover shading
        return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
            '.st-key-tourbar_back a, .st-key-tourbar_next a')].map(a => [
            a.closest('.st-key-tourbar_back') ? 'back' : 'next',
            [getComputedStyle(a).backgroundColor,
             getComputedStyle(a.querySelector('p')).fontWeight]]))""")

    k, j = tour.IDS.index("soft_argmax"), tour.IDS.index("softplus")
    assert tour.step(tour.IDS[k - 1]).page == tour.step(tour.IDS[k]).page == "softmax"
    assert tour.step(tour.IDS[k + 1]).page == "softmax"
    assert tour.step(tour.IDS[j - 1]).page != tour.step(tour.IDS[j]).page == "curves"
    plain = looks(tour.IDS[j])["back"]  # softplus's Back: to another page
    assert plain == ["rgba(0, 0, 0, 0)", "400"], plain
    assert looks(tour.IDS[k]) == {"back": plain, "next": plain}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tour_step_in_presentation_mode(server, page, lang):
    page.set_viewport_size({"width": 1280, "height": 720})
    step = tour.step("sigmoid_derivative")
    _open(page, f"{server}/{step.link()}&tour={step.id}&lang={lang}&present=1")
    bar = _banner(page)
    assert f"3 / {len(tour.IDS)}" in bar.inner_text()
    # Next is the first button in the banner, and in view without scrolling.
    first = bar.locator("a, button").first
    assert first.inner_text().strip().startswith(getattr(tour_text, lang.upper())["next"])
    box = first.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 720
    # Larger than in normal mode (ui/present.css).
    size = page.evaluate("""() => parseFloat(getComputedStyle(document.querySelector(
        '.st-key-tourbar [data-testid="stMarkdownContainer"] p')).fontSize)""")
    assert size >= 23, size
    screenshot(page, f"present-{lang}-tour-step", full_page=False)


def _press(pg, key: str, k_after: int) -> None:
    """Press ``key`` and wait for step ``k_after`` (1-based) to show."""
    pg.keyboard.press(key)
    _wait_step(pg, k_after)
    _check_step(pg, k_after)


def _unmoved(pg, key: str, k: int) -> None:
    """Press ``key`` and check that the tour stays at step ``k`` (1-based)."""
    pg.keyboard.press(key)
    wait_idle(pg)
    pg.wait_for_timeout(1000)  # a step change starts at once (see _press)
    assert f"tour={tour.IDS[k - 1]}" in pg.url, (key, pg.url)
    assert f"{k} / {N}" in _banner(pg).inner_text(), key


def test_keys_and_a_clicker_move_through_the_steps(server, page):
    """→ / ← press the banner's Next / Back; in presentation mode Page Down / Page Up too,
    which a presenter's clicker sends (ui/tourkeys.js). A control that uses the key
    (a focused slider) keeps it, and in normal mode Page Down still scrolls."""
    page.set_viewport_size({"width": 1280, "height": 720})
    k = tour.IDS.index("temperature_low") + 1
    step = tour.step("temperature_low")
    _open(page, f"{server}/{step.link()}&tour={step.id}&present=1")
    _press(page, "PageDown", k + 1)
    _press(page, "PageUp", k)
    _press(page, "ArrowRight", k + 1)
    _press(page, "ArrowLeft", k)
    page.locator(".st-key-T input[type=range]").focus()  # softmax's temperature slider
    temperature = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).query))["T"]
    _unmoved(page, "ArrowRight", k)
    page.wait_for_url(lambda url: f"T={temperature}&" not in url + "&")  # the slider moved
    # The first step has no Back, the last one's Next finishes the tour.
    first = tour.step(tour.IDS[0])
    _open(page, f"{server}/{first.link()}&tour={first.id}&present=1")
    _unmoved(page, "PageUp", 1)
    # Normal mode: Page Down is the page's again (it may be longer than the screen).
    _open(page, f"{server}/{step.link()}&tour={step.id}")
    _unmoved(page, "PageDown", k)
    _press(page, "ArrowRight", k + 1)
    last = tour.step(tour.IDS[-1])
    _open(page, f"{server}/{last.link()}&tour={last.id}")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"/tour(\?|$)"))


def test_next_keeps_presentation_mode_and_language_in_the_address(server, page):
    """From a step to the next on the same page (gradient flow to gradient flow) the address
    lost ``present=true`` and ``lang=ko``, and a reload opened the step in English in normal
    mode. Now each stays, once, on the same page and across pages, and a reload keeps both."""
    first, k = tour.step("hardtanh_weights"), tour.IDS.index("hardtanh_weights") + 1
    assert tour.step(tour.IDS[k]).page == first.page != tour.step(tour.IDS[k + 1]).page
    _open(page, f"{server}/{first.link()}&tour={first.id}&present=1&lang=ko")
    for step in (k + 1, k + 2):
        page.locator(".st-key-tourbar_next a").click()
        _wait_step(page, step)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)
        assert query["present"] == ["true"] and query["lang"] == ["ko"], page.url
    page.reload()
    _wait_step(page, k + 2)
    bar = _banner(page)
    assert bar.locator("a, button").first.inner_text().strip().startswith(
        tour_text.KO["next"])  # Next first: presentation mode, in Korean


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tour_page_reads_well(server, page, lang):
    _open(page, f"{server}/tour?lang={lang}")
    assert readable_text_problems(page) == []
    assert page.locator('[class*="st-key-tour_card_"]').count() == N
    rows = _card_rows(page)
    assert [step for row in rows for step in row] == list(tour.IDS), rows
    assert [len(row) for row in rows] == [4] * (N // 4) + ([N % 4] if N % 4 else []), rows
    if lang == "en":
        page.set_viewport_size({"width": 390, "height": 844})
        wait_idle(page)
        # Stacked on a phone, in order: four columns of every fourth step listed 1, 5, 9...
        assert _card_rows(page) == [[step] for step in tour.IDS]
        screenshot(page, "phone-tour")


def _card_rows(pg) -> list[list[str]]:
    """The step cards as the eye reads them: rows by their top edge, left to right. The
    cards of a row must share its height (a short card no longer lifts the one below)."""
    boxes = pg.locator('[class*="st-key-tour_card_"]').evaluate_all(
        """cards => cards.map(c => {
            const r = c.getBoundingClientRect();
            const key = [...c.classList].find(k => k.startsWith('st-key-tour_card_'));
            return [key.slice('st-key-tour_card_'.length), r.x, r.y, r.height];
        })""")
    rows: dict[int, list] = {}
    for step, x, y, height in boxes:
        rows.setdefault(round(y), []).append((x, step, height))
    for top, row in rows.items():
        heights = [height for _, _, height in row]
        assert max(heights) - min(heights) < 1, (top, row)
    return [[step for _, step, _ in sorted(row)] for _, row in sorted(rows.items())]


def test_the_link_for_slides_is_whole_and_opens_the_step(server, page):
    """The tour page's link for a step is the app's whole address (to paste into slides as
    it is), and opening it shows that step with its banner."""
    _open(page, f"{server}/tour?step=relu_dead&lang=ko")
    link = page.locator('[data-testid="stCode"] code').first.inner_text().strip()
    step = tour.step("relu_dead")
    assert link == f"{server}/{step.link()}&tour=relu_dead&lang=ko", link
    assert tour_text.KO["link"] in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    _open(page, link)
    _wait_step(page, tour.IDS.index("relu_dead") + 1)
    _check_step(page, tour.IDS.index("relu_dead") + 1, "ko")


def _cut_charts(pg):
    """Charts that start on the screen but end below it; and how many start on it."""
    charts_now, view = chart_layout(pg)
    shown = {key: c["box"] for key, c in charts_now.items()
             if c["box"] and c["box"]["y"] < view["height"]}
    cut = [key for key, box in shown.items() if box["y"] + box["height"] > view["height"] + 0.5]
    return cut, len(shown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_step_fits_a_projector(server, page, lang):
    """In presentation mode at 1280x720, each step's charts that start on the screen end
    on it: the banner heads the page in place of its title, and charts give up its extra
    height (ui.frame.TOUR_BANNER_ROOM)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    problems = []
    for step_id in tour.IDS:
        step = tour.step(step_id)
        _open(page, f"{server}/{step.link()}&tour={step_id}&present=1&lang={lang}")
        cut, shown = _cut_charts(page)
        if cut or not shown:
            problems.append((step_id, cut, shown))
            screenshot(page, f"tour-projector-{lang}-{step_id}", full_page=False)
    assert not problems, problems


WIDGETS_JS = """() => {
    // Every keyed widget as the browser shows it: its text (label, value, a slider's
    // thumb) and its inputs' values or ticks; and the open tab of each row of tabs.
    const kinds = ['stSlider', 'stCheckbox', 'stTextInput', 'stSelectbox', 'stRadio',
                   'stNumberInput', 'stMultiSelect', 'stTextArea', 'stToggle']
        .map(k => `[data-testid=${k}]`).join(',');
    const out = {};
    document.querySelectorAll('[class*="st-key-"]').forEach(el => {
        const w = el.querySelector(kinds);
        if (!w || el.querySelector('[class*="st-key-"]')) return;  // the widget's own box
        const key = [...el.classList].find(c => c.startsWith('st-key-')).slice(7);
        out[key] = [w.innerText.replace(/\\s+/g, ' ').trim(),
                    ...[...w.querySelectorAll('input, textarea')].map(i =>
                        ['checkbox', 'radio'].includes(i.type) ? i.checked : i.value)];
    });
    out['(open tabs)'] = [...document.querySelectorAll('[role=tab][aria-selected=true]')]
        .map(tab => tab.innerText);
    return out;
}"""
SAME_PAGE = [(tour.IDS[k], tour.IDS[k + 1]) for k in range(N - 1)
             if tour.step(tour.IDS[k]).page == tour.step(tour.IDS[k + 1]).page]


def _widgets(pg) -> dict:
    wait_idle(pg, settle_ms=500)
    return pg.evaluate(WIDGETS_JS)


def test_a_step_on_the_page_already_open_shows_its_own_values(server, page, browser):
    """Next and Back to a step on the same page: every widget shows what the step's own
    link shows when opened afresh. A value the step leaves at its default stayed as the
    step before had it: from step 19 (T = 10) to 20 the slider read 10 beside "T = 1"
    (and put T=10 back into the address); from 12 to 13 the dead-zone toggle stayed on."""
    fresh = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_viewport_size({"width": 1280, "height": 900})
    assert ("temperature_high", "soft_argmax") in SAME_PAGE and len(SAME_PAGE) >= 8
    for first, second in SAME_PAGE:
        step = tour.step(first)
        _open(page, f"{server}/{step.link()}&tour={first}")
        page.locator(".st-key-tourbar_next a").click()
        _wait_step(page, tour.IDS.index(second) + 1)
        shown = _widgets(page)
        target = tour.step(second)
        _open(fresh, f"{server}/{target.link()}&tour={second}")
        expected = _widgets(fresh)
        assert shown == expected, (first, second, {
            k: (shown.get(k), expected.get(k)) for k in shown.keys() | expected.keys()
            if shown.get(k) != expected.get(k)})
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(
            page.evaluate("() => location.href")).query))
        assert query == dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(
            fresh.evaluate("() => location.href")).query)), (first, second, query)
    # Back from soft_argmax to temperature_high (the logits go back to the default) and on
    # to temperature_low; ``k`` counts steps from 1, as the banner does
    i = tour.IDS.index("soft_argmax")
    assert tour.IDS[i - 2:i + 1] == ("temperature_low", "temperature_high", "soft_argmax")
    _open(page, f"{server}/{tour.step('soft_argmax').link()}&tour=soft_argmax")
    for k in (i, i - 1):
        page.locator(".st-key-tourbar_back a").click()
        _wait_step(page, k)
        step = tour.step(tour.IDS[k - 1])
        _open(fresh, f"{server}/{step.link()}&tour={step.id}")
        assert _widgets(page) == _widgets(fresh), step.id
    fresh.close()

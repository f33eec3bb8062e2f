"""The guided tour walks: from /tour, "Start the tour" and Next through all 23 steps, each
step's page in its state with the banner; Back returns; the last Next lands on /tour."""

from __future__ import annotations

import functools

import re

import pytest

from activations import tour
from tests.browser.conftest import (chart_layout, open_page, readable_text_problems, screenshot,
                                    wait_charts, wait_idle)
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


def _check_step(pg, k: int, lang: str = "en") -> None:
    step = tour.step(tour.IDS[k - 1])
    texts = getattr(tour_text, lang.upper())
    bar = _banner(pg).inner_text()
    assert f"{k} / {N}" in bar and texts[step.id] in bar, (k, bar)
    assert pg.locator('[data-testid="stException"]').count() == 0, k
    assert f"/{step.page}?" in pg.url, (k, pg.url)
    found = wait_charts(pg, timeout=SLOW)
    assert found and all(c and c["points"] > 0 for c in found.values()), (k, found)


def test_start_the_tour_and_walk_it(server, page):
    _open(page, f"{server}/tour")
    assert page.locator(".st-key-tourbar").count() == 0
    page.get_by_role("button", name="Start the tour").click()
    _wait_step(page, 1)
    _check_step(page, 1)
    assert page.locator(".st-key-tourbar_back").count() == 0  # no step before the first
    for k in range(2, N + 1):
        page.locator(".st-key-tourbar_next a").click()
        _wait_step(page, k)
        _check_step(page, k)
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


def test_banner_stays_while_playing_and_leaves_on_request(server, page):
    step = tour.step("relu_dead")
    _open(page, f"{server}/{step.link()}&tour={step.id}")
    assert "9 / 23" in _banner(page).inner_text()
    page.locator(".st-key-dead label").first.click()  # the dead-zone toggle, in the sidebar
    page.wait_for_url(lambda url: "dead=true" not in url)
    wait_idle(page)
    assert "9 / 23" in _banner(page).inner_text() and "tour=relu_dead" in page.url
    page.get_by_role("button", name="Leave tour").click()
    page.wait_for_url(lambda url: "tour=" not in url)
    wait_idle(page)
    assert _banner(page).count() == 0
    assert "fn=relu" in page.url  # the page itself stays as it was


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tour_step_in_presentation_mode(server, page, lang):
    page.set_viewport_size({"width": 1280, "height": 720})
    step = tour.step("sigmoid_derivative")
    _open(page, f"{server}/{step.link()}&tour={step.id}&lang={lang}&present=1")
    bar = _banner(page)
    assert "3 / 23" in bar.inner_text()
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

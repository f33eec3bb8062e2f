"""Every page in a real Chromium against `streamlit run app.py`.

For each page: it loads with no Streamlit exception and no JavaScript error, its Plotly
charts are drawn with data, a widget change redraws a chart and goes into the URL, and that
URL opened in a fresh session shows exactly the same charts. The sidebar navigation reaches
every page, and hostile text in a link is never run or rendered as HTML.

Synchronisation is on the app's own signals (the script-run state, the charts' data), never
on fixed sleeps. Screenshots go to ``artifacts/screenshots/`` (ignored by git).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest

import activations
from ui import frame
from ui.text import app as app_text, common as common_text

from .conftest import (
    ROOT, _free_port, charts, follow_nav_link, new_page, open_page, screenshot, start_server,
    toolbar_covers, visible_text, wait_chart_change, wait_idle,
)

pytestmark = pytest.mark.browser

# url path per page file (app.py: url_path is the file's stem, the home page is "")
PAGES = {p.stem: ("" if p.stem == "home" else p.stem)
         for p in sorted((ROOT / "pages").glob("*.py"))}
REQUIRED = ("home", "curves", "gradient_flow", "softmax", "training")  # from the issue
EXCEPTION = '[data-testid="stException"]'
HANGUL = re.compile("[\uac00-\ud7a3]")


def _url(server: str, name: str, query: str = "") -> str:
    return f"{server}/{PAGES[name]}" + (f"?{query}" if query else "")


def _assert_clean(pg) -> None:
    assert pg.locator(EXCEPTION).count() == 0, pg.locator(EXCEPTION).first.inner_text()
    assert not pg.js_errors, pg.js_errors
    assert not pg.dialogs, pg.dialogs


# ---------------------------------------------------------------- widget actions


def _slider_right(key: str):
    """One keyboard step to the right on slider ``key`` (a real user's arrow key)."""
    def act(pg):
        thumb = pg.locator(f".st-key-{key} input[type=range]").first
        thumb.focus()
        thumb.press("ArrowRight")
    return act


def _in_popover(popover: str, act):
    """Open the popover ``popover`` (its button), then do ``act`` inside it."""
    def run(pg):
        pg.locator(f".st-key-{popover} button").first.click()
        act(pg)
    return run


def _number(key: str, value: str):
    def act(pg):
        box = pg.locator(f".st-key-{key} input").first
        box.fill(value)
        box.press("Enter")
    return act


def _toggle(key: str):
    def act(pg):
        pg.locator(f".st-key-{key} label").first.click()
    return act


# page -> (chart that must change, action, what the URL must then hold)
ACTIONS = {
    "home": ("gallery", _toggle("present"), "present=true"),  # thicker lines, larger text
    "curves": ("chart_f", _number("xmax", "8"), "xmax=8"),
    "gradient_flow": ("gf_grad", _in_popover("gf_controls", _slider_right("depth")), "depth=11"),
    "softmax": ("views", _slider_right("T"), "T="),
    "training": ("boundary", _slider_right("seed"), "seed=1"),
    "playground": ("playground", _slider_right("seed"), "seed=1"),
}


def _generic_action(pg, found: dict, name: str):
    """For a page without a listed action: the first slider, watching every chart."""
    sliders = pg.locator('[data-testid="stMain"] [class*="st-key-"] input[type=range]')
    if not found or sliders.count() == 0:
        pytest.skip(f"no slider that drives a chart on the {name} page (pages/{name}.py)")
    holder = sliders.first.locator('xpath=ancestor::*[contains(@class, "st-key-")][1]')
    key = next(c[7:] for c in holder.get_attribute("class").split() if c.startswith("st-key-"))
    return next(iter(found)), _slider_right(key), f"{key}="


# ---------------------------------------------------------------- tests


def test_pages_are_all_known():
    assert set(REQUIRED) <= set(PAGES), sorted(PAGES)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_its_charts(page, server, name):
    found = open_page(page, _url(server, name))
    _assert_clean(page)
    if name in REQUIRED:
        assert found, "no Plotly chart on the page"
    for key, chart in found.items():
        assert chart and chart["traces"] > 0 and chart["points"] > 0, key
    assert not toolbar_covers(page)  # the hover toolbar leaves every name readable
    # Each chart's box is a figure named for a screen reader, in the page's language.
    named = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stPlotlyChart"]')].map(e => [e.getAttribute('role'),
                                                    e.getAttribute('aria-label')])""")
    assert len(named) == len(found)
    assert all(role == "figure" and label and not HANGUL.search(label)
               for role, label in named), named
    if found and name != "curves":  # show the first chart (curves has it at the top)
        page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    # The app scrolls inside its own container, so a viewport shot is the whole view.
    screenshot(page, name, full_page=False)


@pytest.mark.parametrize(("name", "query"), [
    ("training", "tab=compare"), ("training", "tab=zigzag"), ("training", "tab=race"),
    ("softmax", "tab=target"), ("softmax", "tab=binary"), ("softmax", "tab=regression"),
    ("playground", "lang=ko"), ("playground", "present=true"), ("home", "lang=ko"),
])
def test_the_chart_toolbar_covers_no_name(browser, server, name, query):
    """Plotly's toolbar shows at a chart's top right on hover; on a 1280x720 screen it lay
    over the optimizer race's "Adam", the playground's "test loss" and the gallery's "ReLU"."""
    pg = new_page(browser, 1280, 720)
    try:
        assert open_page(pg, _url(server, name, query))
        _assert_clean(pg)
        assert not toolbar_covers(pg)
    finally:
        pg.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_widget_change_updates_chart_and_link_restores_view(browser, page, server, name):
    found = open_page(page, _url(server, name))
    key, act, in_url = ACTIONS[name] if name in ACTIONS else _generic_action(page, found, name)
    assert found.get(key), f"chart {key!r} is missing: {sorted(found)}"
    act(page)
    changed = wait_chart_change(page, key, found[key]["sig"])
    page.wait_for_url(re.compile(re.escape(in_url)))
    _assert_clean(page)
    link = page.url

    other = new_page(browser)  # a second visitor opens the shared link
    try:
        restored = open_page(other, link)
        _assert_clean(other)
        assert sorted(restored) == sorted(changed)
        for k in changed:
            assert restored[k]["sig"] == changed[k]["sig"], f"chart {k} differs from the link"
        assert restored[key]["sig"] != found[key]["sig"]
    finally:
        other.context.close()


def _choose_korean(pg) -> None:
    pg.locator('.st-key-lang [data-testid="stRadioOption"]').filter(has_text="ko").click()
    pg.wait_for_url(re.compile(r"lang=ko"))
    pg.wait_for_function(
        """() => /[\uac00-\ud7a3]/.test(
            (document.querySelector('[data-testid="stMain"] h1') || {}).innerText || '')""")
    wait_idle(pg)


def test_navigation_reaches_every_page(page, server):
    """Every page through the sidebar, after choosing Korean: the language stays on every
    page, in its text and in its shareable URL."""
    open_page(page, _url(server, "home"))
    _choose_korean(page)
    links = page.locator('[data-testid="stSidebarNavLink"]')
    paths = [urlsplit(links.nth(i).get_attribute("href")).path.strip("/")
             for i in range(links.count())]
    assert set(PAGES.values()) <= set(paths), paths
    for path in [p for p in paths if p] + [""]:  # every page, then back home
        follow_nav_link(page, path)
        _assert_clean(page)
        title = page.locator('[data-testid="stMain"] h1').first.inner_text()
        assert HANGUL.search(title), f"/{path} is not in Korean: {title!r}"
        assert "lang=ko" in page.url, page.url


@pytest.fixture
def fresh_server():
    """A server of its own, with cold caches (a visitor's first run is a slow one)."""
    port = _free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def test_language_from_a_link_survives_navigation(page, fresh_server):
    """A teacher shares a Korean link to one page; a student moves on to another page.

    On a fresh server (cold caches, a slow first run) the frontend's next rerun once carried
    no widget states, so `lang` fell back to English and left the URL.
    """
    open_page(page, _url(fresh_server, "softmax", "lang=ko"))
    follow_nav_link(page, "curves")
    title = page.locator('[data-testid="stMain"] h1').first.inner_text()
    assert HANGUL.search(title) and "lang=ko" in page.url, (title, page.url)


# Every set of sidebar link texts the page ever shows, recorded from before its first paint
# (an init script: it runs in each document the page opens).
RECORD_NAV_JS = """(() => {
    window.__navSeen = [];
    new MutationObserver(() => {
        const labels = [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')]
            .map(a => a.innerText.split('\\n').pop().trim()).join('|');
        if (labels && window.__navSeen[window.__navSeen.length - 1] !== labels)
            window.__navSeen.push(labels);
    }).observe(document, {childList: true, subtree: true, characterData: true});
})();"""


def test_a_fresh_process_shows_its_own_menu_and_never_the_page_files(page, fresh_server):
    """A fresh process (Community Cloud waking the app, a restarted server): Streamlit's
    first run listed pages/ by file name ("app", "curves", "gradient flow"...) for a second
    or two before app.py's menu replaced it (.streamlit/config.toml). The first visitor
    sees only the menu, and so does the next."""
    menu = "|".join(app_text.EN[key] for key in frame.PAGES)
    page.add_init_script(RECORD_NAV_JS)
    for visitor in range(2):
        open_page(page, _url(fresh_server, "softmax"))
        page.wait_for_function("(menu) => window.__navSeen.includes(menu)", arg=menu)
        assert page.evaluate("window.__navSeen") == [menu], visitor


def test_widget_state_does_not_leak_into_another_page(page, server):
    """Both gradient flow and the training lab have a `width` slider (2..1024 and 1..32):
    a value moved on one page must not reach the other."""
    open_page(page, _url(server, "gradient_flow"))
    found = charts(page)
    _in_popover("gf_controls", _slider_right("depth"))(page)
    wait_chart_change(page, "gf_grad", found["gf_grad"]["sig"])
    follow_nav_link(page, "training")
    _assert_clean(page)
    assert "width=" not in page.url and "act=" not in page.url, page.url


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE = {  # a page's text-like URL keys, filled with markup
    "home": {"lang": SCRIPT, "present": IMG},
    "curves": {"fn": SCRIPT, "p0_alpha": IMG},
    "gradient_flow": {"act": SCRIPT, "init": IMG},
    "playground": {"data": SCRIPT, "a1": IMG},
    "softmax": {"logits": SCRIPT, "target": IMG},
    "training": {"dataset": SCRIPT, "act": IMG},
    "tour": {"step": SCRIPT},
}


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_link_is_never_rendered_as_html(page, server, name):
    params = HOSTILE.get(name, {"q": SCRIPT})
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
    open_page(page, _url(server, name, query))
    page.wait_for_timeout(300)  # an injected handler would fire by now
    _assert_clean(page)  # no dialog opened
    injected = page.evaluate("""() => ({
        scripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
        handlers: document.querySelectorAll('img[onerror], [onerror*="alert"]').length,
        text: document.body.innerText,
    })""")
    assert injected["scripts"] == 0 and injected["handlers"] == 0
    assert "alert(" not in injected["text"], "the link's text is echoed on the page"
    if name != "home":  # app.py's lang/present: see tests/test_hostile_inputs.py
        assert page.locator('[data-testid="stAlertContentWarning"]').count() > 0, \
            "a bad link must give a visible warning"


@pytest.mark.parametrize("query", ["lang=fr", "present=0", "tour=no_such_step"])
def test_a_bad_frame_value_keeps_the_linked_page(browser, server, query):
    """app.py checks lang, present and tour for every page. Its rerun for a bad value once
    came before st.navigation and lost the page: the visitor got Home (with the rest of
    the link) instead of the training lab's race. A server's very first visit kept its
    page even then, so the link is opened twice, each time as a new visitor."""
    for _ in range(2):
        pg = new_page(browser)
        try:
            open_page(pg, _url(server, "training", f"{query}&tab=race"))
            _assert_clean(pg)
            assert urlsplit(pg.url).path == "/training" and "tab=race" in pg.url, pg.url
            assert query not in pg.url, pg.url  # the bad value is taken out, and said
            assert pg.locator('[data-testid="stAlertContentWarning"]').count() == 1
        finally:
            pg.context.close()


NOT_FOUND = '[role="dialog"]:has-text("Page not found")'


@pytest.mark.parametrize(("typed", "page"), [("Softmax", "softmax"), ("GRADIENT_FLOW",
                                                                      "gradient_flow")])
def test_a_path_typed_in_another_case_opens_its_page(browser, server, typed, page):
    """Streamlit matches a page's path exactly: /Softmax, typed on a projector's keyboard,
    opened Home under its English "Page not found". app.py now points the run at the page
    (frame.forgive_typed_path), and the address becomes the page's own. A server process's
    very first run can still show the dialog (its old-style pages run first, see
    frame.require_app_frame), so the link is opened twice, and the second must not."""
    for visit in range(2):
        pg = new_page(browser)
        try:
            open_page(pg, f"{server}/{typed}?lang=ko&T=10")
            _assert_clean(pg)
            assert urlsplit(pg.url).path == f"/{page}", pg.url
            assert "lang=ko" in pg.url and "T=10" in pg.url, pg.url
            assert pg.locator(".st-key-T").count() == (page == "softmax")
            if visit:
                assert pg.locator(NOT_FOUND).count() == 0
        finally:
            pg.context.close()


def test_a_path_of_no_page_opens_home_and_says_so_in_the_pages_language(browser, server):
    """Streamlit's own "Page not found" is in English and names the typed path; app.py now
    opens Home and says so in the page's language (frame.no_such_page_note), without the
    path. As above, a process's very first run can still show Streamlit's dialog."""
    for visit in range(2):
        pg = new_page(browser)
        try:
            open_page(pg, f"{server}/no_such_page?lang=ko")
            assert urlsplit(pg.url).path == "/" and "lang=ko" in pg.url, pg.url
            note = pg.locator('[data-testid="stMain"] [data-testid="stAlertContentWarning"] p')
            assert note.inner_text() == common_text.KO["no_such_page"]
            assert "no_such_page" not in visible_text(pg)
            if visit:
                assert pg.locator(NOT_FOUND).count() == 0
        finally:
            pg.context.close()


@pytest.mark.parametrize("query", ["lang=en", "lang=ko", "lang=ko&present=true"])
def test_home_explorer_links_line_up_as_the_gallery_does(browser, server, query):
    """The 25 links under the gallery sit in five rows of five, in the gallery's order, each
    on one line, on a projector (1280x720) in both languages. "Explore Identity (linear)"
    took two lines and pushed its column's links a row out of step with the others."""
    pg = new_page(browser, 1280, 720)
    try:
        open_page(pg, f"{server}/?{query}")
        boxes = pg.locator('[data-testid="stMain"] a[href*="curves?fn="]').evaluate_all(
            """links => links.map(a => {
                const r = a.getBoundingClientRect();
                return [new URL(a.href).searchParams.get('fn'), r.x, r.y, r.height,
                        parseFloat(getComputedStyle(a).lineHeight)];
            })""")
        assert len(boxes) == 25, boxes
        for name, _, _, height, line in boxes:
            assert height < 1.5 * line, f"{name}: {height:.0f} px for lines of {line:.0f}"
        rows = sorted({round(y) for _, _, y, _, _ in boxes})
        assert len(rows) == 5, rows
        grid = [[name for name, x, y, *_ in sorted(boxes, key=lambda b: b[1])
                 if round(y) == row] for row in rows]
        assert all(len(row) == 5 for row in grid), grid
        names = activations.names()  # the gallery's order, row by row
        assert grid == [list(names[r * 5:r * 5 + 5]) for r in range(5)]
    finally:
        pg.context.close()


def test_home_explorer_link_keeps_the_lecturers_session(browser, server):
    """A click on an activation under the gallery opens it in the explorer in the same tab
    and session: a lecturer's presentation mode and Korean stay on. (A Markdown link opened
    a new tab, a fresh session in English without presentation mode.)"""
    pg = new_page(browser, 1280, 720)
    try:
        open_page(pg, f"{server}/?lang=ko&present=true")
        pg.locator('[data-testid="stMain"] a[href*="curves?fn=mish"]').click()
        pg.wait_for_url(lambda url: urlsplit(url).path.strip("/") == "curves")
        wait_idle(pg)
        query = dict(pair.split("=") for pair in urlsplit(pg.url).query.split("&"))
        assert query == {"fn": "mish", "lang": "ko", "present": "true"}
        assert len(pg.context.pages) == 1
        from ui.text.curves import KO

        assert KO["title"] in visible_text(pg)  # the explorer's own title, in Korean
    finally:
        pg.context.close()

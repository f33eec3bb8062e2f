"""Real-browser fixtures: `streamlit run app.py` on a free loopback port, driven by Chromium.

Chromium is found in this order: ``CHROMIUM_PATH``, Debian's ``/usr/bin/chromium``, then
Playwright's own browser if one is installed. With none, the tests skip, unless
``REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deploy.local import free_port as _free_port, wait_http  # noqa: F401 (re-exported)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
LOGS = ROOT / "artifacts"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium",
                      shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _missing(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def start_server(port: int, extra: tuple[str, ...] = (),
                 app: Path = ROOT / "app.py") -> subprocess.Popen:
    """`streamlit run app.py` (or ``app``) on 127.0.0.1:port; the caller terminates it.

    The server's log goes to ``artifacts/server-<port>.log`` (a pipe nobody reads would
    fill up with tracebacks and stall the server).
    """
    cmd = [sys.executable, "-m", "streamlit", "run", str(app),
           "--server.address", "127.0.0.1", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", *extra]
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(LOGS / f"server-{port}.log", "wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/_stcore/health")
    except TimeoutError:
        proc.kill()
        proc.wait()
        raise
    return proc


@pytest.fixture(scope="session")
def server():
    port = _free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()  # reap it: a process left behind is a ResourceWarning, and warnings fail


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    executable = _chromium_path()
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        except Exception as exc:  # no Debian chromium and no Playwright browser
            _missing(f"no Chromium to drive: {exc.__class__.__name__}")
        yield b
        b.close()


def new_page(browser, width: int = 1280, height: int = 900, **context):
    """A fresh context (its own Streamlit session) at ``width`` x ``height`` (1280x900),
    with Playwright's other context options (``color_scheme``, ``user_agent``, ...).

    ``pg.js_errors`` collects uncaught page errors; ``pg.dialogs`` the messages of any
    alert/confirm/prompt (dismissed at once: none should ever open).
    """
    context = browser.new_context(viewport={"width": width, "height": height}, **context)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.js_errors, pg.dialogs = [], []
    pg.on("pageerror", lambda error: pg.js_errors.append(str(error)))
    pg.on("dialog", lambda dialog: (pg.dialogs.append(dialog.message), dialog.dismiss()))
    return pg


IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")


def phone_page(browser, **context):
    """A fresh session in an iPhone's browser: 390x844, its User-Agent, touch (and
    Playwright's other context options, such as ``locale``)."""
    return new_page(browser, 390, 844, user_agent=IPHONE, is_mobile=True, has_touch=True,
                    **context)


@pytest.fixture
def page(browser):
    pg = new_page(browser)
    yield pg
    pg.context.close()


IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && !document.querySelector('[data-testid="stMain"] [data-stale="true"]');
}"""


def wait_idle(pg, settle_ms: int = 400, rounds: int = 20) -> None:
    """Wait until the app has finished its script runs: idle, and idle again ``settle_ms``
    later.

    A run can follow another at once (`ui.frame.require_app_frame`'s rerun on a fresh
    process, a link rewritten): the app reads idle for a few dozen milliseconds in
    between, and a change made then reached Streamlit while the second run was not yet
    ready for it (tests/browser/test_balancer.py). Right after a click the app may not have
    started its rerun yet: to see the effect of an interaction, wait for the effect itself
    (`wait_chart_change`, `wait_url`), then here.
    """
    pg.wait_for_selector('[data-testid="stApp"]')
    for _ in range(rounds):
        pg.wait_for_function(IDLE_JS)
        pg.wait_for_timeout(settle_ms)
        if pg.evaluate(IDLE_JS):
            return
    raise AssertionError(f"the app was still running after {rounds} waits")


# Every Plotly chart of the page, keyed by its Streamlit key (the `st-key-<key>` class of
# its container): a signature of its traces and layout, and whether it has data. Plotly 6
# keeps typed arrays as {dtype, bdata} in `el.data` and decodes them into `el._fullData`.
# Called with `only` (a key) it reads just that chart; with `withSig` false it skips the
# signature (cheap enough to poll).
CHARTS_JS = """(only = null, withSig = true) => {
    const out = {};
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((box, i) => {
        const holder = box.closest('[class*="st-key-"]');
        const key = holder ? [...holder.classList].find(c => c.startsWith('st-key-')).slice(7)
                           : 'chart' + i;
        if (only !== null && key !== only) return;
        const el = box.querySelector('.js-plotly-plot');
        if (!el || !el.data || !el._fullData) { out[key] = null; return; }
        // Canonical form: sorted keys, no empty or private entries (a figure from the
        // server's cache lists its keys in another order and lacks empty `title: {}`).
        const canon = v => {
            if (ArrayBuffer.isView(v)) return Array.from(v);
            if (Array.isArray(v)) return v.map(canon);
            if (!v || typeof v !== 'object') return v;
            const o = {};
            for (const k of Object.keys(v).sort()) {
                if (k === 'uid' || k.startsWith('_')) continue;
                let c = canon(v[k]);
                // Streamlit's theme wraps a title in <b>..</b> each time it draws the
                // chart, so a redrawn chart can read <b><b>T</b></b>.
                if (k === 'text' && typeof c === 'string') c = c.replace(/<[/]?b>/g, '') || null;
                if (c === null || c === undefined) continue;
                if (typeof c === 'object' && !Array.isArray(c) && !Object.keys(c).length) continue;
                o[k] = c;
            }
            return o;
        };
        const size = a => (a && typeof a.length === 'number') ? a.length : 0;
        const points = el._fullData.reduce(
            (n, t) => n + Math.max(size(t.x), size(t.y), size(t.z), size(t.values)), 0);
        out[key] = {traces: el._fullData.length, points: points,
                    sig: withSig ? JSON.stringify(canon({data: el.data, layout: el.layout})) : ''};
    });
    return out;
}"""


def charts(pg) -> dict:
    """``{key: {"traces", "points", "sig"}}`` for every chart (None: not drawn yet)."""
    return pg.evaluate(CHARTS_JS)


def wait_charts(pg, timeout: float = 30_000) -> dict:
    """Wait until every chart on the page is drawn with data; return `charts(pg)`."""
    pg.wait_for_function(
        f"""() => {{
            const all = ({CHARTS_JS})(null, false);
            return Object.values(all).every(c => c && c.traces > 0 && c.points > 0);
        }}""", timeout=timeout, polling=100)
    return charts(pg)


# The keys of the main area's widgets and charts: a page switch changes them (titles may
# stay the same).
KEYS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] [class*="st-key-"]')]
    .map(e => [...e.classList].find(c => c.startsWith('st-key-'))).sort().join(' ')"""


def follow_nav_link(pg, path: str, timeout: float = 30_000) -> dict:
    """Click the sidebar link to ``path`` and wait until that page has been drawn (its
    widget and chart keys replaced the previous page's) with its charts (``timeout`` ms);
    return them."""
    before = pg.evaluate(KEYS_JS)
    pg.locator(f'[data-testid="stSidebarNavLink"][href$="/{path}"]').click()
    pg.wait_for_url(lambda url: urlsplit(url).path.strip("/") == path)
    pg.wait_for_function(f"(before) => ({KEYS_JS})() !== before", arg=before)
    wait_idle(pg)
    return wait_charts(pg, timeout=timeout)


def open_page(pg, url: str, timeout: float | None = None) -> dict:
    """Go to ``url``, wait for the app's first run and for its charts; return them.

    ``timeout`` (ms), when given, becomes the page's default wait as well: on a machine
    shared by many test runs a page can take a minute to draw."""
    if timeout is not None:
        pg.set_default_timeout(timeout)
    pg.goto(url)
    # the page's title, or on a projector during the tour the tour's banner in its place
    pg.wait_for_selector('[data-testid="stMain"] h1, [data-testid="stMain"] .st-key-tourbar')
    wait_idle(pg, settle_ms=100)
    return wait_charts(pg) if timeout is None else wait_charts(pg, timeout=timeout)


def wait_chart_change(pg, key: str, before: str, timeout: float = 30_000) -> dict:
    """Wait until chart ``key``'s signature differs from ``before``; return all charts."""
    pg.wait_for_function(
        f"""([key, before]) => {{
            const c = ({CHARTS_JS})(key)[key];
            return c && c.points > 0 && c.sig !== before;
        }}""", arg=[key, before], timeout=timeout, polling=50)
    wait_idle(pg, settle_ms=100)
    return wait_charts(pg)


def screenshot(pg, name: str, full_page: bool = True) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=full_page)
    return path


# Where each Plotly chart sits on the screen, keyed as in CHARTS_JS: the chart's box, its
# title's box and its legend's box ({x, y, width, height} in CSS pixels of the viewport, as
# Playwright's bounding_box() gives them; null when the chart has no title or legend), each
# panel's plot area (the rectangle that takes drags) and each axis title's box by name.
LAYOUT_JS = """() => {
    const out = {};
    const rect = el => {
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return (r.width > 0 && r.height > 0) ? {x: r.x, y: r.y, width: r.width, height: r.height}
                                             : null;
    };
    document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((box, i) => {
        const holder = box.closest('[class*="st-key-"]');
        const key = holder ? [...holder.classList].find(c => c.startsWith('st-key-')).slice(7)
                           : 'chart' + i;
        const el = box.querySelector('.js-plotly-plot') || box;
        const axisTitles = {};
        el.querySelectorAll('.infolayer g[class^="g-"][class$="title"]').forEach(g => {
            const r = rect(g);
            if (r) axisTitles[g.getAttribute('class').slice(2, -5)] = r;  // "y2", "x", ...
        });
        out[key] = {box: rect(el), title: rect(el.querySelector('.gtitle')),
                    legend: rect(el.querySelector('g.legend')),
                    legendItems: [...el.querySelectorAll('g.legend g.traces')].map(rect)
                        .filter(Boolean),
                    plots: [...el.querySelectorAll('.draglayer rect.nsewdrag')].map(rect)
                        .filter(Boolean),
                    ticks: [...el.querySelectorAll('g[class$="tick"] text')]
                        .map(t => rect(t) && {...rect(t), text: t.textContent})
                        .filter(Boolean),
                    axisTitles};
    });
    return {charts: out, viewport: {width: window.innerWidth, height: window.innerHeight}};
}"""


def chart_layout(pg) -> tuple[dict, dict]:
    """``(charts, viewport)``: each chart's box, title box and legend box (see LAYOUT_JS)."""
    result = pg.evaluate(LAYOUT_JS)
    return result["charts"], result["viewport"]


def boxes_overlap(a: dict | None, b: dict | None) -> bool:
    """Whether two boxes share any area (a missing box overlaps nothing)."""
    if not a or not b:
        return False
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


# Plotly's toolbar (camera, home) shows at a chart's top right while the mouse is over it.
# It is in the page, transparent, before that, so its box can be measured without a hover.
TOOLBAR_JS = """() => {
    const rect = el => { const r = el.getBoundingClientRect();
                         return {x: r.x, y: r.y, width: r.width, height: r.height}; };
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .map(el => ({bar: el.querySelector('.modebar'),
                     texts: [...el.querySelectorAll('g.legend g.traces, .gtitle, .annotation')]
                        .filter(t => t.getBoundingClientRect().width > 0)}))
        .filter(c => c.bar)
        .flatMap((c, i) => c.texts.map(t => ({chart: i, text: t.textContent,
                                               bar: rect(c.bar), box: rect(t)})));
}"""


def toolbar_covers(pg) -> list[str]:
    """Each legend entry, title or annotation that a chart's toolbar lies over."""
    return [f"chart {t['chart']}: {t['text']!r}" for t in pg.evaluate(TOOLBAR_JS)
            if boxes_overlap(t["bar"], t["box"])]


def labels_on_plots(charts: dict) -> list[str]:
    """Each axis title or tick label of ``charts`` (from `chart_layout`) that lies on a
    panel's plot area, its own panel's or a neighbour's (with two panels side by side, the
    right one's y title once ran over the left one's lines, and the training lab's "100%"
    over its loss panel's corner)."""
    found = []
    for key, c in charts.items():
        labels = [(f"the {axis} axis title", box) for axis, box in c["axisTitles"].items()]
        labels += [(f"the tick label {tick['text']!r}", tick) for tick in c["ticks"]]
        for what, box in labels:
            # 1 px of slack: a label drawn flush against its axis line
            inner = {"x": box["x"] + 1, "y": box["y"] + 1,
                     "width": box["width"] - 2, "height": box["height"] - 2}
            on = [p for p in c["plots"] if boxes_overlap(inner, p)]
            if on:
                found.append(f"chart {key!r}: {what} {box} lies on a plot {on}")
    return found


def assert_charts_in_view(pg, keys) -> dict:
    """Every chart named in ``keys`` lies wholly inside the viewport without scrolling, no
    chart's title overlaps its legend, no axis title a legend entry, and no axis title or
    tick label lies on a panel's plot area (`labels_on_plots`). Returns the layout for
    further checks."""
    charts_now, view = chart_layout(pg)
    for key in keys:
        assert key in charts_now, f"no chart {key!r} on the page (have {sorted(charts_now)})"
        box = charts_now[key]["box"]
        assert box is not None, f"chart {key!r} is not drawn"
        assert box["x"] >= -0.5 and box["y"] >= -0.5, (key, box)
        assert box["x"] + box["width"] <= view["width"] + 0.5, (key, box, view)
        assert box["y"] + box["height"] <= view["height"] + 0.5, (key, box, view)
    for key, c in charts_now.items():
        assert not boxes_overlap(c["title"], c["legend"]), (key, c)
        # An axis title on the legend: a legend that grows a row shortens the plot, and a
        # legend placed by a share of the plot's height then rose onto the x titles (the
        # explorer's "x" sat between two entries of its first row, on neither).
        for axis, title in c["axisTitles"].items():
            assert not any(boxes_overlap(title, item) for item in c["legendItems"]), \
                f"chart {key!r}: the {axis} axis title {title} lies on a legend entry"
            assert not boxes_overlap(title, c["legend"]), \
                f"chart {key!r}: the {axis} axis title {title} lies on the legend"
    assert not (found := labels_on_plots(charts_now)), found
    return charts_now


# What a visitor must never read on a page: code names where a readable name belongs, a
# raw LaTeX-style subscript in chart text, and numbers written as a row of zeros.
CODE_NAMES = ("xavier_normal", "xavier_uniform", "kaiming_normal", "kaiming_uniform",
              "lecun_normal", "negative_slope", "num_parameters")
UNREADABLE = [
    (r"\b[A-Za-z∂]\w*_l\b", "a raw subscript such as h_l"),
    (r"0{10,}", "a row of ten or more zeros"),
    (r"\d(?:\.\d+)?E[-+]?\d", "an E-style exponent such as 4.085E-1"),
]


def visible_text(pg) -> str:
    """The text a visitor sees in the main area and the sidebar, chart text included."""
    return pg.evaluate("""() => [
        document.querySelector('[data-testid="stMain"]'),
        document.querySelector('[data-testid="stSidebar"]')
    ].filter(Boolean).map(el => el.innerText + '\\n' + [...el.querySelectorAll('svg text')]
        .map(t => t.textContent).join('\\n')).join('\\n')""")


def readable_text_problems(pg) -> list[str]:
    """Each problem found in the page's visible text, quoted with its context."""
    import re

    text = visible_text(pg)
    problems = [f"code name {name!r}" for name in CODE_NAMES if name in text]
    for pattern, what in UNREADABLE:
        for m in re.finditer(pattern, text):
            problems.append(f"{what}: {text[max(0, m.start() - 30):m.end() + 30]!r}")
    if "Page not found" in text:
        problems.append("Streamlit's 'Page not found'")
    return problems

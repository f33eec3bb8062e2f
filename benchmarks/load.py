"""Concurrent visitors: N sessions against K `streamlit run app.py` processes on 127.0.0.1.

Starts its own servers and warms them up (one untimed round of every page and change per
process, so that the single session does not meet first imports and empty caches). With
``--servers K`` the K processes sit behind the local nginx of `deploy/local.py` (sticky
sessions, as in production; K=1 measures nginx's own cost), with ``--direct`` one process
is reached without it. Then one session alone, then N sessions at once, for ``--seconds``
each. Every session is one visitor: it opens the app at a page by its URL, then loops over
the pages through the sidebar navigation and, on each page, changes one widget (a slider
step, or the x range) and waits for the chart to show the new data (the home page, which
has no widget of its own, is only visited). Between two steps the visitor reads the chart:
a think time drawn uniformly in [0.5, 1.5] x ``--think`` (seeded; ``--think 0`` is the
saturation case). Sessions arrive 0.25 s apart, or all within 15 s for large N (a class
opening a link within a few seconds of each other).

Two kinds of client (``--client``):

- ``protocol`` (the default): `benchmarks/stclient.py`, which speaks Streamlit's websocket
  protocol as a browser tab does (the same BackMsgs, checked against Chromium's by
  `tests/browser/test_stclient.py`). A session costs the client a few ms per run, so on a
  small machine the figures are the server's. It does not load the page's HTML and
  scripts or draw the charts: latency ends when the last message of the run arrives.
- ``browser``: one headless Chromium page per session (Playwright). Latency is what the
  visitor sees, chart drawn, but N browsers on the server's machine compete for its cores.

A step that fails (a timeout, an exception box, a chart left unchanged) is counted; a
protocol session then starts over as a fresh tab, a browser session goes on. Reported:

- success rate: page visits and widget changes that ended with the run finished, the
  watched chart present (and changed, for a widget change) and no Streamlit exception,
  within 60 s;
- rerun latency (median and p95), for the single session and for N, and their ratio:
  widget change to chart updated in the browser; BackMsg sent to ``script_finished``
  received (every delta of the run in hand) for the protocol client;
- page-visit latency, measured the same way (the first visit includes connecting);
- the steps each server process served (nginx names it in a header on the websocket);
- the N-session phase by 10 s: the steps that ended in each stretch, their rerun p95 and
  the server CPU a step (where the tail is made: at the same pace of steps, more CPU a step
  is a slower machine, or more work, in that stretch);
- the server processes' CPU (all K together, and per step), nginx's, the client process's
  (protocol), and their resident memory (VmRSS from /proc): idle before the warm-up,
  after one session, the peak of the K processes' total with N sessions, after.

Faults (``--kill-one-after S``, protocol client, K >= 2): S seconds into the N-session
phase one server process is killed (SIGKILL, as a crash). Its visitors' websockets drop;
each reconnects through nginx to a survivor as the frontend does (a run that was cut off
is asked for again with everything the tab holds; an idle tab asks for its view again
with the same page, widget values and query string, which is what its next change would
carry). Reported: steps cut off and redone, failed steps, the time from the kill until
every dropped visitor was served again, and how many views came back unchanged (the same
widget values and query string, and the same charts, as before the drop).

Profiling (``--profile``, `benchmarks/pyspy.py`): py-spy samples every server process
during the N-session phase (only threads holding the GIL, i.e. the CPU that makes the other
sessions wait), and the report gives each page's server CPU per step and where it goes.

Bounded: at most 300 sessions, 8 servers, 300 seconds per phase and 30 s of think time;
loopback only; everything it starts is stopped at the end.

    .venv/bin/python benchmarks/load.py --sessions 20 --seconds 60
    .venv/bin/python benchmarks/load.py --sessions 150 --seconds 120 --servers 2
    .venv/bin/python benchmarks/load.py --sessions 50 --seconds 40 --servers 2 --kill-one-after 15
    .venv/bin/python benchmarks/load.py --sessions 50 --seconds 30 --profile
    .venv/bin/python benchmarks/load.py --client browser --sessions 2 --seconds 15 --direct
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import pyspy  # noqa: E402
from benchmarks.procstat import Monitor, children, rss_mib  # noqa: E402
from benchmarks.stclient import Run, Session  # noqa: E402
from deploy.local import MAX_SERVERS, Cluster, find_nginx  # noqa: E402
from tests.browser.conftest import (  # noqa: E402  (the browser tests' server and helpers)
    CHROMIUM_FLAGS, _chromium_path, _free_port, start_server,
)

MAX_SESSIONS, MAX_SECONDS, MAX_THINK = 300, 300, 30
CLIENTS = {"protocol": "protocol (websocket) sessions", "browser": "Chromium sessions"}
# Many pages in one headless browser: keep the ones not in front from being throttled
# (timers slowed to once a second, animation frames paused), as each stands for a visitor
# looking at their own screen.
LOAD_FLAGS = [*CHROMIUM_FLAGS, "--disable-background-timer-throttling",
              "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"]
TIMEOUT_MS = 60_000
ARRIVAL_S, ARRIVAL_WINDOW_S = 0.25, 15.0  # visitors arrive over a few seconds, not at once
WINDOW_S = 10  # the report splits the N-session phase into pieces this long, seconds
# Streamlit Community Cloud's memory per app, for comparison with the measured peak.
CLOUD_MIB = (690, 2.7 * 1024)

# (url path, chart to watch, widget kind, widget key). The home page has no widget of its
# own (the presentation toggle would fold the sidebar away): it is visited only. A page
# switch resets the page's widgets (app.py), so each change starts from the default: the
# slider moves one step right, the number box goes to 8 (or back to 6 if it is at 8).
PAGES = [
    ("", "gallery", None, None),
    ("curves", "chart_f", "number", "xmax"),
    ("gradient_flow", "gf_grad", "slider", "depth"),
    ("softmax", "views", "slider", "T"),
    ("training", "boundary", "slider", "seed"),
    ("playground", "playground", "slider", "noise"),
]
PAGE_NAMES = {path or "home": path for path, *_ in PAGES}

IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stMain"] [data-stale="true"]');
}"""
# A cheap fingerprint of one chart, polled often by many pages at once: per trace its
# length and a weighted sum of up to 64 sampled y/z values, its line width, and the font
# size (the presentation toggle changes only those). The browser tests compare full JSON.
SIG_JS = """(key) => {
    const el = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    if (!el || !el._fullData) return null;
    const parts = [el._fullData.length, el.layout && el.layout.font && el.layout.font.size];
    for (const t of el._fullData) {
        let n = 0, s = 0;
        for (const k of ['y', 'z']) {
            let a = t[k];
            if (!a || typeof a.length !== 'number') continue;
            // rows of a heatmap: arrays, or typed arrays (Float32Array, from "bdata"),
            // which concat would keep whole
            if (a.length && typeof a[0] === 'object' && a[0] !== null)
                a = [].concat(...Array.from(a, row => Array.from(row)));
            const stride = Math.max(1, Math.floor(a.length / 64));
            for (let i = 0; i < a.length; i += stride) s += (+a[i] || 0) * (i + 1);
            n += a.length;
        }
        parts.push(n, s, t.line && t.line.width);
    }
    return parts.join(':');
}"""
CHANGED_JS = f"""([key, before]) => {{
    const now = ({SIG_JS})(key);
    return now !== null && now !== before;
}}"""
READY_JS = """(key) => {
    if (document.querySelector('[data-testid="stException"]')) return true;  // counted below
    const el = document.querySelector(`[data-testid="stMain"] .st-key-${key} .js-plotly-plot`);
    return !!(el && el._fullData && el._fullData.length > 0);
}"""


@dataclass
class Tally:
    cpu_s: float = 0.0  # the server processes' CPU time during the phase, all together
    nginx_cpu_s: float = 0.0
    client_cpu_s: float = 0.0  # this process's CPU time during the phase
    wall_s: float = 0.0
    load: float = 0.0  # the machine's 1-minute load average at the end
    rerun_ms: list[float] = field(default_factory=list)
    visit_ms: list[float] = field(default_factory=list)
    ok: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    per_server: Counter = field(default_factory=Counter)  # server index -> steps served
    received: int = 0  # bytes the server sent for the counted steps (protocol client)
    page_ms: dict = field(default_factory=dict)  # url path -> latencies of its steps
    # Faults: steps whose connection dropped mid-run and that were redone after
    # reconnecting; per dropped connection, when the visitor was served again; views
    # compared after a reconnect, and those that came back unchanged.
    redone: int = 0
    back_at: list[float] = field(default_factory=list)  # time.monotonic()
    views: int = 0
    views_same: int = 0
    # Every timed step: when it ended (time.monotonic()), its latency (ms), whether it was
    # a widget change (else a page visit). For the report by WINDOW_S of the phase.
    timeline: list[tuple[float, float, bool]] = field(default_factory=list)
    # The phase by WINDOW_S: (from s, to s, steps, rerun p95 ms, servers' CPU s), see _windows
    windows: list[tuple] = field(default_factory=list)

    def keep(self, ms: float, change: bool) -> None:
        """A timed step that succeeded."""
        (self.rerun_ms if change else self.visit_ms).append(ms)
        self.timeline.append((time.monotonic(), ms, change))
        self.ok += 1

    def fail(self, what: str) -> None:
        self.failed += 1
        if len(self.errors) < 10:
            self.errors.append(what)


@dataclass
class Plan:
    """What every visitor of a phase does, and until when."""

    deadline: float
    think: float  # mean think time, s
    seed: int
    pages: list[tuple]  # from PAGES
    arrival: float  # s between two visitors' arrivals
    servers: Cluster | None = None  # to name the process that served a step

    def order(self, index: int) -> list[tuple]:
        """Session ``index``'s round of pages: each starts elsewhere, to spread the load."""
        at = index % len(self.pages)
        return self.pages[at:] + self.pages[:at]

    def rng(self, index: int) -> random.Random:
        return random.Random(self.seed * MAX_SESSIONS + index)


async def _think(rng: random.Random, plan: Plan, tab: Session | None = None) -> bool:
    """A visitor reading the chart: uniform in [0.5, 1.5] x think time, cut at the
    deadline. True if the tab's websocket dropped meanwhile (returns at once then)."""
    pause = min(plan.think * rng.uniform(0.5, 1.5), plan.deadline - time.monotonic())
    if pause <= 0:
        return tab is not None and not tab.connected
    if tab is None:
        await asyncio.sleep(pause)
        return False
    closed = asyncio.ensure_future(tab.wait_disconnected())
    done, _ = await asyncio.wait([closed], timeout=pause)
    if not done:
        closed.cancel()
    return bool(done)


# ---------------------------------------------------------------- the protocol client


def _check(run: Run, chart: str, before: str | None) -> str | None:
    """Why ``run`` is not a successful step (None if it is)."""
    if run.status != "ok":
        return run.status
    if run.exception:
        return run.exception
    if chart not in run.charts:
        return f"no chart {chart}"
    if before is not None and run.charts[chart] == before:
        return f"chart {chart} unchanged"
    return None


def _view(tab: Session, run: Run) -> tuple:
    """What a visitor sees and holds: page, query string, widget values, charts."""
    widgets = {k: v.SerializeToString(deterministic=True) for k, v in run.widgets.items()}
    return tab.path, tab.query, widgets, run.charts


async def _reconnect(tab: Session, then, plan: Plan) -> Run:
    """Reconnect as the frontend does (retrying while nginx has no live server to offer,
    backing off up to 2 s), then await ``then()``: the run that brings the view back."""
    pause = 0.1
    while True:
        try:
            await tab.reconnect(rerun=False)
            return await then()
        except Exception:  # refused, a 502 from nginx, a timeout: retry until the deadline
            if time.monotonic() + pause >= plan.deadline + 30:
                raise
            await asyncio.sleep(pause)
            pause = min(2 * pause, 2.0)


async def _protocol_step(tab: Session, act, what: str, chart: str, before: str | None,
                         tally: Tally, *, plan: Plan, change: bool) -> Run | None:
    """Await one step (a visit or a change); count it and keep its latency. A step whose
    websocket drops mid-run is asked for again after reconnecting, as the frontend asks
    again for a run that was cut off; it counts as redone, its latency includes all."""
    t0, got = time.perf_counter(), tab.received
    try:
        try:
            run = await act()
        except Exception:
            if tab.connected or tab.connections == 0:
                raise  # not a dropped connection (or the very first connect failed)
            run = await _reconnect(tab, act, plan)
            run.ms = (time.perf_counter() - t0) * 1e3
            tally.redone += 1
            tally.back_at.append(time.monotonic())
    except Exception as exc:  # a timeout, a closed socket, a widget not drawn: count it
        tally.fail(f"{what}: {exc.__class__.__name__} {exc}"[:160])
        return None
    if problem := _check(run, chart, before):
        tally.fail(f"{what}: {problem}")
        return None
    tally.keep(run.ms, change)
    tally.received += tab.received - got
    tally.page_ms.setdefault(tab.path, []).append(run.ms)
    if plan.servers is not None:
        tally.per_server[plan.servers.index_of(tab.served_by)] += 1
    return run


async def _restore(tab: Session, last: Run, tally: Tally, plan: Plan) -> Run | None:
    """The websocket of an idle tab dropped: reconnect, ask for the view the tab holds,
    and compare it with the one the visitor saw last."""
    seen = _view(tab, last)
    try:
        run = await _reconnect(tab, tab.rerun, plan)
    except Exception as exc:
        tally.fail(f"reconnect on /{tab.path}: {exc.__class__.__name__} {exc}"[:160])
        return None
    tally.back_at.append(time.monotonic())
    tally.views += 1
    now = _view(tab, run)
    if run.ok and now == seen:
        tally.views_same += 1
    elif len(tally.errors) < 10:
        tally.errors.append(f"view on /{tab.path} changed after reconnecting: "
                            + (_differences(seen, now) or f"{run.status} {run.exception}"))
    return run


def _differences(seen: tuple, now: tuple) -> str:
    """Which parts of two views (see `_view`) differ, by name."""
    parts = [name for name, a, b in zip(("page", "query"), seen, now) if a != b]
    for kind, a, b in (("widget", seen[2], now[2]), ("chart", seen[3], now[3])):
        parts += [f"{kind} {key}" for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]
    return ", ".join(parts)


def _protocol_change(tab: Session, kind: str, key: str):
    """The widget change a visitor makes on a freshly opened page (see PAGES). Returns a
    function that makes it and, called again after a reconnect, asks for it again."""
    done = False

    async def act() -> Run:
        nonlocal done
        if done:  # the tab holds the new value already: send what it holds
            return await tab.rerun()
        done = True
        if kind == "slider":
            return await tab.nudge(key, 1)
        state = tab.value(key)
        return await tab.set_number(key, 6 if getattr(state, state.WhichOneof("value")) == 8
                                    else 8)
    return act


async def _protocol_session(base: str, index: int, plan: Plan, tally: Tally) -> None:
    await asyncio.sleep(plan.arrival * index)
    rng, order = plan.rng(index), plan.order(index)
    visits, tab, last = 0, None, None
    try:
        while time.monotonic() < plan.deadline:
            path, chart, kind, key = order[visits % len(order)]
            if tab is None:  # a fresh tab: open the page by its URL
                tab = Session(base, timeout=TIMEOUT_MS / 1e3)
                act = lambda tab=tab, path=path: tab.open(path)  # noqa: E731
            else:
                act = lambda tab=tab, path=path: tab.switch_page(path)  # noqa: E731
            run = await _protocol_step(tab, act, f"visit /{path}", chart, None, tally,
                                       plan=plan, change=False)
            if run is not None and kind:
                last = run
                if await _think(rng, plan, tab):
                    last = run = await _restore(tab, last, tally, plan)
                if run is None or time.monotonic() >= plan.deadline:
                    break
                run = await _protocol_step(tab, _protocol_change(tab, kind, key),
                                           f"change {key} on /{path}", chart,
                                           run.charts[chart], tally, plan=plan, change=True)
            if run is None:
                await tab.close()  # the tab is in an unknown state: reload it
                tab = None
            visits += 1
            last = run
            if await _think(rng, plan, tab) and last is not None:
                if await _restore(tab, last, tally, plan) is None:
                    await tab.close()
                    tab = None
    finally:
        if tab is not None:
            await tab.close()


# ---------------------------------------------------------------- the browser client


async def _exception(pg) -> str | None:
    """The first line of a Streamlit exception box on the page, if there is one."""
    box = pg.locator('[data-testid="stException"]')
    if await box.count() == 0:
        return None
    return (await box.first.inner_text()).strip().splitlines()[0][:120]


async def _visit(pg, base: str, path: str, chart: str, tally: Tally, first: bool) -> bool:
    """Open ``path`` (the first time by URL, then through the sidebar) and wait for its
    watched chart (the one a visitor looks at first) and for the run to end."""
    t0 = time.perf_counter()
    stage = "open"
    try:
        if first:
            await pg.goto(f"{base}/{path}")
        else:
            await pg.locator(f'[data-testid="stSidebarNavLink"][href$="/{path}"]').click(
                timeout=TIMEOUT_MS)
            stage = "url"
            await pg.wait_for_url(lambda url: url.split("?")[0].rstrip("/") ==
                                  f"{base}/{path}".rstrip("/"), timeout=TIMEOUT_MS)
        stage = "charts"
        await pg.wait_for_function(READY_JS, arg=chart, timeout=TIMEOUT_MS, polling=50)
        stage = "idle"
        await pg.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS, polling=50)
    except Exception as exc:  # a timeout or a closed page: count it, go on
        tally.fail(f"visit /{path} ({stage}): {exc.__class__.__name__}")
        return False
    if error := await _exception(pg):
        tally.fail(f"visit /{path}: {error}")
        return False
    tally.keep((time.perf_counter() - t0) * 1e3, change=False)
    return True


async def _reveal(pg, key: str) -> None:
    """Open the popover that holds widget ``key`` when it is folded away (gradient flow's
    controls), as a visitor does before moving it; its contents exist only while open."""
    widget = pg.locator(f".st-key-{key}").first
    if await widget.is_visible():
        return
    for button in await pg.locator('[data-testid="stPopover"] button').all():
        await button.click()
        try:
            await widget.wait_for(state="visible", timeout=2_000)
            return
        except Exception:  # not in this one
            await pg.keyboard.press("Escape")


async def _change(pg, path: str, chart: str, kind: str, key: str, tally: Tally) -> None:
    """Make the page's widget change (see PAGES) and wait for the chart to show it."""
    before = await pg.evaluate(SIG_JS, chart)
    await _reveal(pg, key)
    t0 = time.perf_counter()
    try:
        if kind == "slider":
            thumb = pg.locator(f".st-key-{key} input[type=range]").first
            await thumb.focus()
            await thumb.press("ArrowRight")
        else:  # a number box
            box = pg.locator(f".st-key-{key} input").first
            await box.fill("6" if float(await box.input_value()) == 8 else "8")
            await box.press("Enter")
        await pg.wait_for_function(CHANGED_JS, arg=[chart, before], timeout=TIMEOUT_MS,
                                   polling=20)
    except Exception as exc:
        tally.fail(f"change {key} on /{path}: {exc.__class__.__name__}")
        return
    elapsed = (time.perf_counter() - t0) * 1e3
    try:
        await pg.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS, polling=50)
    except Exception as exc:
        tally.fail(f"change {key} on /{path}: {exc.__class__.__name__} after the update")
        return
    if error := await _exception(pg):
        tally.fail(f"change {key} on /{path}: {error}")
        return
    tally.keep(elapsed, change=True)


async def _browser_session(browser, base: str, index: int, plan: Plan, tally: Tally) -> None:
    await asyncio.sleep(plan.arrival * index)
    rng = plan.rng(index)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    pg = await context.new_page()
    try:
        visits, order = 0, plan.order(index)
        while time.monotonic() < plan.deadline:
            path, chart, kind, key = order[visits % len(order)]
            if await _visit(pg, base, path, chart, tally, first=visits == 0):
                if kind:
                    await _think(rng, plan)
                    if time.monotonic() >= plan.deadline:
                        break
                    await _change(pg, path, chart, kind, key, tally)
            elif visits == 0:
                break  # could not even open the app
            visits += 1
            await _think(rng, plan)
    finally:
        await context.close()


# ---------------------------------------------------------------- the phases


async def _warm_up(base: str) -> Session:
    """One untimed round of every page and change. Otherwise the single session is timed
    against a cold server (first imports, empty st.cache_data) and flatters the ratio.
    The tab stays open (the caller closes it at the end): Streamlit empties its cache of
    compiled scripts whenever a process has no session left, and the first visitors after
    that would pay for compiling every page again."""
    tab = Session(base, timeout=TIMEOUT_MS / 1e3)
    for i, (path, _, kind, key) in enumerate(PAGES):
        await (tab.switch_page(path) if i else tab.open(path))
        if kind:
            await _protocol_change(tab, kind, key)()
    return tab


async def _kill_later(cluster: Cluster, after: float, fault: dict) -> None:
    """``after`` seconds from now, kill the process that has served the most steps so far
    (the one whose loss drops the most visitors)."""
    await asyncio.sleep(after)
    victim = max(cluster.alive(), key=lambda i: fault["held"].get(i, 0))
    fault["killed_at"], fault["victim"] = time.monotonic(), victim
    cluster.kill(victim)


async def _run_phase(client: str, base: str, sessions: int, plan: Plan,
                     kill_after: float | None = None) -> tuple[Tally, dict]:
    """``sessions`` visitors at once until ``plan.deadline`` (set here from its length)."""
    tally, fault = Tally(), {"held": Counter()}
    cpu0 = time.process_time()
    seconds, plan.deadline = plan.deadline, 0.0
    if client == "protocol":
        plan.deadline = time.monotonic() + seconds
        tasks = [_protocol_session(base, i, plan, tally) for i in range(sessions)]
        if kill_after is not None:
            fault["held"] = tally.per_server  # steps served so far, by process
            tasks.append(_kill_later(plan.servers, kill_after, fault))
        await asyncio.gather(*tasks)
    else:
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=_chromium_path(),
                                              args=LOAD_FLAGS)
            plan.deadline = time.monotonic() + seconds
            await asyncio.gather(*(_browser_session(browser, base, i, plan, tally)
                                   for i in range(sessions)))
            await browser.close()
    tally.client_cpu_s = time.process_time() - cpu0
    return tally, fault


class Servers:
    """The processes under test: K behind nginx (`deploy/local.py`), or one reached
    directly. ``ports`` are the app processes' own ports (to warm each one up)."""

    def __init__(self, k: int, direct: bool, app: Path = ROOT / "app.py"):
        self.cluster, self.direct = None, direct
        if direct:
            port = _free_port()
            self.procs, self.ports = [start_server(port, app=app)], [port]  # 127.0.0.1 only
            self.base = f"http://127.0.0.1:{port}"
            self.nginx_pids: list[int] = []
        else:
            self.cluster = Cluster(k, served_by=True, app=app).__enter__()
            self.procs, self.ports = self.cluster.servers, self.cluster.ports
            self.base = self.cluster.base
            self.nginx_pids = [self.cluster.nginx.pid, *children(self.cluster.nginx.pid)]

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()
            return
        for proc in self.procs:
            proc.terminate()
            proc.wait(timeout=10)


# ---------------------------------------------------------------- the report


def _windows(tally: Tally, history: list[tuple[float, float]], start: float,
             end: float) -> list[tuple]:
    """The phase from ``start`` to ``end`` (time.monotonic()) in pieces of WINDOW_S: for
    each, the steps that ended in it, their reruns' p95 and the servers' CPU seconds in it
    (from ``history``, the monitor's samples: time, CPU of all the processes)."""
    rows, t = [], start
    while end - t > 0.5:
        u = min(t + WINDOW_S, end)
        steps = [(ms, change) for at, ms, change in tally.timeline if t <= at < u]
        cpu = [c for at, c in history if t <= at <= u]
        rows.append((t - start, u - start, len(steps),
                     _p95([ms for ms, change in steps if change]),
                     cpu[-1] - cpu[0] if len(cpu) > 1 else float("nan")))
        t = u
    return rows


def _window_text(a: float, b: float, steps: int, p95: float, cpu_s: float) -> str:
    """One stretch of `_windows` for the report."""
    if not steps:  # the end of a phase waiting for its last steps (the browser client)
        return f"{a:.0f}-{b:.0f}: no step"
    rerun = "no rerun" if math.isnan(p95) else f"{p95:.0f} ms"
    return f"{a:.0f}-{b:.0f}: {steps}, {rerun}, {1e3 * cpu_s / steps:.0f} ms"


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _row(label: str, tally: Tally) -> str:
    total = tally.ok + tally.failed
    rate = 100 * tally.ok / total if total else float("nan")
    return (f"| {label} | {tally.ok}/{total} ({rate:.1f}%) | {len(tally.rerun_ms)} | "
            f"{_median(tally.rerun_ms):.0f} | {_p95(tally.rerun_ms):.0f} | "
            f"{_median(tally.visit_ms):.0f} | {_p95(tally.visit_ms):.0f} |")


def _fault_lines(many: Tally, fault: dict, servers: Servers) -> list[str]:
    if "killed_at" not in fault:
        return ["Fault: the phase ended before the kill."]
    back = [t - fault["killed_at"] for t in many.back_at if t >= fault["killed_at"]]
    victim = fault["victim"]
    lines = [f"Fault: killed process #{victim} (port {servers.ports[victim]}) "
             f"{fault['after']:g} s into the phase.",
             f"- visitors whose connection dropped: {len(back)}; steps cut off and redone "
             f"after reconnecting: {many.redone}; failed steps in the phase: {many.failed}",
             f"- time from the kill until every dropped visitor was served again: "
             f"{max(back):.2f} s (median {_median(back):.2f} s)" if back else
             "- no visitor's connection dropped",
             f"- views back unchanged after reconnecting (idle tabs: page, query string, "
             f"widget values and every chart): {many.views_same}/{many.views}"]
    return lines


def _report(args, servers: Servers, single: Tally, many: Tally, fault: dict,
            memory: dict) -> dict:
    ratio_med = _median(many.rerun_ms) / _median(single.rerun_ms)
    ratio_p95 = _p95(many.rerun_ms) / _p95(single.rerun_ms)
    many_label = f"{args.sessions} session" + ("s" if args.sessions > 1 else "")
    think = (f"think time {args.think:g} s (uniform {0.5 * args.think:g}-{1.5 * args.think:g} s, "
             f"seed {args.seed})" if args.think else "no think time")
    k = len(servers.procs)
    procs = f"{k} processes together" if k > 1 else "1 process"
    where = ("one server reached directly" if servers.direct else
             f"{k} server process{'es' if k > 1 else ''} behind nginx (sticky sessions)")
    pages = "every page" if len(args.pages) == len(PAGES) else "pages " + ", ".join(args.pages)
    print(f"Load: {args.sessions} concurrent {CLIENTS[args.client]} vs 1, "
          f"{args.seconds:g} s each after an untimed warm-up round, {think}, {pages}, "
          f"arriving {_arrival(args.sessions):.2g} s apart; {where} on 127.0.0.1 "
          f"({os.cpu_count()} CPU cores shared by servers and clients).")
    print()
    print("| Sessions | Successful steps | Reruns timed | Rerun median ms | Rerun p95 ms | "
          "Page visit median ms | Page visit p95 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    print(_row("1", single))
    print(_row(str(args.sessions), many))
    print()
    print(f"p95 rerun latency, {many_label} vs 1: {ratio_p95:.2f}x "
          f"(median {ratio_med:.2f}x; goal: p95 within 3x, 0 failed steps).")
    if many.page_ms:
        by_page = ", ".join(f"{path or 'home'} {_median(ms):.0f}/{_p95(ms):.0f}"
                            for path, ms in sorted(many.page_ms.items()))
        print(f"Step latency by page, {many_label} (visits and changes, median/p95 ms): "
              f"{by_page}.")
    if not servers.direct:
        served = ", ".join(f"#{i} (port {port}): {many.per_server.get(i, 0)}"
                           for i, port in enumerate(servers.ports))
        print(f"Steps served per process, {many_label}: {served}.")
    if many.windows:
        # Where the tail is made: the same pace of steps at more CPU a step is a slower
        # machine (or server) in that stretch.
        print(f"{many_label} by {WINDOW_S} s of the phase (seconds: steps, rerun p95 ms, "
              f"server CPU per step): " + "; ".join(_window_text(*row) for row in many.windows)
              + ".")
    for label, tally in (("1 session", single), (many_label, many)):
        steps = tally.ok + tally.failed
        nginx = f"; nginx {tally.nginx_cpu_s:.1f} s" if servers.nginx_pids else ""
        print(f"Server CPU, {label}: {tally.cpu_s:.1f} s over {tally.wall_s:.0f} s "
              f"({100 * tally.cpu_s / tally.wall_s:.0f}% of one core, {procs}), "
              f"{1e3 * tally.cpu_s / max(steps, 1):.0f} ms per step{nginx}; machine load "
              f"average {tally.load:.1f} at the end.")
    if args.client == "protocol":
        for label, tally in (("1 session", single), (many_label, many)):
            print(f"Client CPU, {label}: {tally.client_cpu_s:.1f} s "
                  f"({100 * tally.client_cpu_s / tally.wall_s:.0f}% of one core).")
        # What a class's network carries: on one classroom access point it is shared.
        for label, tally in (("1 session", single), (many_label, many)):
            print(f"Sent to the visitors, {label}: {tally.received / 2**20:.1f} MiB, "
                  f"{tally.received / 1024 / max(tally.ok, 1):.0f} KiB per step.")
    peaks = ", ".join(f"{p:.0f}" for p in memory["peak_each"])
    print(f"Server memory (VmRSS, {procs}): "
          f"{memory['idle']:.0f} MiB idle before the warm-up, {memory['single']:.0f} MiB "
          f"after one session, {memory['peak']:.0f} MiB peak with {args.sessions} "
          f"(per process: {peaks}), {memory['after']:.0f} MiB after. Streamlit Community "
          f"Cloud allows {CLOUD_MIB[0]} MB to {CLOUD_MIB[1] / 1024:.1f} GB per app.")
    if args.kill_one_after is not None:
        fault["after"] = args.kill_one_after
        print("\n".join(_fault_lines(many, fault, servers)))
    for label, tally in (("1 session", single), (many_label, many)):
        if tally.errors:
            print(f"Failures ({label}): " + "; ".join(tally.errors))
    return {"single": single, "many": many, "ratio_p95": ratio_p95, "ratio_median": ratio_med,
            "memory": memory, "fault": fault}


def _arrival(sessions: int) -> float:
    return min(ARRIVAL_S, ARRIVAL_WINDOW_S / sessions)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60,
                        help="length of each phase (the single session, then N at once)")
    parser.add_argument("--client", choices=sorted(CLIENTS), default="protocol",
                        help="websocket clients speaking Streamlit's protocol, or Chromium")
    parser.add_argument("--think", type=float, default=2.0,
                        help="mean pause between a visitor's steps, seconds (0: none)")
    parser.add_argument("--seed", type=int, default=0, help="for the think times")
    parser.add_argument("--servers", type=int, default=1,
                        help=f"app processes behind the local nginx, 1..{MAX_SERVERS}")
    parser.add_argument("--direct", action="store_true",
                        help="one process reached directly, no nginx (with --servers 1)")
    parser.add_argument("--kill-one-after", type=float, metavar="S",
                        help="kill one server process S seconds into the N-session phase")
    parser.add_argument("--pages", nargs="+", choices=sorted(PAGE_NAMES),
                        default=sorted(PAGE_NAMES), help="the pages visitors go through")
    parser.add_argument("--profile", action="store_true",
                        help="py-spy on the servers during the N-session phase")
    parser.add_argument("--app", type=Path, default=ROOT / "app.py",
                        help="the script to serve (benchmarks/floor.py: its chart-only twin)")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS}")
    if not 5 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be 5..{MAX_SECONDS}")
    if not 0 <= args.think <= MAX_THINK:
        parser.error(f"--think must be 0..{MAX_THINK}")
    if not 1 <= args.servers <= MAX_SERVERS:
        parser.error(f"--servers must be 1..{MAX_SERVERS}")
    if args.direct and args.servers != 1:
        parser.error("--direct is one process without nginx: use it with --servers 1")
    if not args.direct and find_nginx() is None:
        parser.error("nginx not found (Debian: apt-get install nginx), or use --direct")
    if args.kill_one_after is not None and (args.servers < 2 or args.client != "protocol"
                                            or not 0 < args.kill_one_after < args.seconds):
        parser.error("--kill-one-after needs --servers 2 or more, the protocol client, "
                     "and 0 < S < --seconds")
    pages = [p for p in PAGES if (p[0] or "home") in args.pages]

    servers = Servers(args.servers, args.direct, args.app)
    profilers = []
    try:
        single, many, fault, memory, profile = asyncio.run(
            _measure(args, servers, pages, profilers))
    finally:
        for proc, _ in profilers:
            if proc.poll() is None:
                proc.kill()
        servers.stop()
    result = _report(args, servers, single, many, fault, memory)
    if profile:
        print()
        print("\n".join(profile))
    return result


async def _measure(args, servers: Servers, pages: list[tuple], profilers: list) -> tuple:
    """Warm up, then the single session, then N: their tallies (CPU and time filled in),
    the fault record, the memory figures and the profile report. One event loop for all,
    so that the warm-up tabs stay connected throughout."""
    pids = [p.pid for p in servers.procs]
    monitor, nginx = Monitor(pids), Monitor(servers.nginx_pids)
    monitor.start()
    memory = {"idle": sum(rss_mib(pid) for pid in pids)}
    warm = await asyncio.gather(*(_warm_up(f"http://127.0.0.1:{port}")
                                  for port in servers.ports))

    def plan() -> Plan:  # the deadline field carries the phase's length until it starts
        return Plan(args.seconds, args.think, args.seed, pages, _arrival(args.sessions),
                    servers.cluster)

    def mark() -> tuple[float, float, float]:  # the servers' CPU, nginx's, the time
        return monitor.cpu_total(), nginx.cpu_total(), time.monotonic()

    def fill(tally: Tally, start: tuple, end: tuple) -> None:
        tally.cpu_s, tally.nginx_cpu_s, tally.wall_s = (b - a for a, b in zip(start, end))
        tally.load = os.getloadavg()[0]

    try:
        t0 = mark()
        single, _ = await _run_phase(args.client, servers.base, 1, plan())
        fill(single, t0, t1 := mark())
        memory["single"] = sum(monitor.rss[p] for p in pids)
        monitor.reset_peaks()
        if args.profile:
            profilers += pyspy.start(pids, args.seconds, [str(p) for p in servers.ports])
        many, fault = await _run_phase(args.client, servers.base, args.sessions, plan(),
                                       args.kill_one_after)
        fill(many, t1, t2 := mark())
        many.windows = _windows(many, monitor.history, t1[2], t2[2])
        memory["peak"] = monitor.peak_total
        memory["peak_each"] = [monitor.peak[p] for p in pids]
        steps = Counter({path: len(ms) for path, ms in many.page_ms.items()})
        profile = pyspy.report(profilers, steps, PAGE_NAMES) if profilers else []
        await asyncio.sleep(2)
        monitor.stop()
        memory["after"] = sum(monitor.rss[p] for p in pids)
    finally:
        for tab in warm:
            await tab.close()
    return single, many, fault, memory, profile


if __name__ == "__main__":
    main()

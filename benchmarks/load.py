"""Concurrent visitors: N sessions against one `streamlit run app.py` on 127.0.0.1.

Starts its own server on a free loopback port and warms it up (one untimed round of every
page and change, so that the single session does not meet first imports and empty caches).
Then one session alone, then N sessions at once, for ``--seconds`` each. Every session is
one visitor: it opens the app at a page by its URL, then loops over the pages through the
sidebar navigation and, on each page, changes one widget (a slider step, or the x range)
and waits for the chart to show the new data (the home page, which has no widget of its
own, is only visited). Between two steps the visitor reads the chart: a think time drawn
uniformly in [0.5, 1.5] x ``--think`` (seeded; ``--think 0`` is the saturation case).
Sessions arrive 0.25 s apart.

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
- server CPU, the client process's CPU (protocol), and the server's resident memory
  (VmRSS from /proc/<pid>/status): idle before the warm-up, after one session, peak, after.

Bounded: at most 50 sessions, 300 seconds per phase and 30 s of think time; loopback only.

    .venv/bin/python benchmarks/load.py --sessions 20 --seconds 60
    .venv/bin/python benchmarks/load.py --sessions 20 --seconds 30 --think 0
    .venv/bin/python benchmarks/load.py --client browser --sessions 2 --seconds 15
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.stclient import Run, Session  # noqa: E402
from tests.browser.conftest import (  # noqa: E402  (the browser tests' server and helpers)
    CHROMIUM_FLAGS, _chromium_path, _free_port, start_server,
)

MAX_SESSIONS, MAX_SECONDS, MAX_THINK = 50, 300, 30
CLIENTS = {"protocol": "protocol (websocket) sessions", "browser": "Chromium sessions"}
# Many pages in one headless browser: keep the ones not in front from being throttled
# (timers slowed to once a second, animation frames paused), as each stands for a visitor
# looking at their own screen.
LOAD_FLAGS = [*CHROMIUM_FLAGS, "--disable-background-timer-throttling",
              "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"]
TIMEOUT_MS = 60_000
ARRIVAL_S = 0.25  # visitors arrive over a few seconds, not at once

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
]

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
            if (a.length && typeof a[0] === 'object' && a[0] !== null) a = [].concat(...a);
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
    cpu_s: float = 0.0  # the server's CPU time during the phase
    client_cpu_s: float = 0.0  # this process's CPU time during the phase
    wall_s: float = 0.0
    load: float = 0.0  # the machine's 1-minute load average at the end
    rerun_ms: list[float] = field(default_factory=list)
    visit_ms: list[float] = field(default_factory=list)
    ok: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def fail(self, what: str) -> None:
        self.failed += 1
        if len(self.errors) < 10:
            self.errors.append(what)


def _order(index: int) -> list[tuple]:
    """Session ``index``'s round of pages: each starts elsewhere, to spread the load."""
    return PAGES[index % len(PAGES):] + PAGES[:index % len(PAGES)]


async def _think(rng: random.Random, think: float, deadline: float) -> None:
    """A visitor reading the chart: uniform in [0.5, 1.5] x ``think``, cut at the deadline."""
    pause = min(think * rng.uniform(0.5, 1.5), deadline - time.monotonic())
    if pause > 0:
        await asyncio.sleep(pause)


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


async def _protocol_step(action, what: str, chart: str, before: str | None,
                         tally: Tally, times: list[float]) -> Run | None:
    """Await one step (a visit or a change); count it and keep its latency."""
    try:
        run = await action
    except Exception as exc:  # a timeout, a closed socket, a widget not drawn: count it
        tally.fail(f"{what}: {exc.__class__.__name__} {exc}"[:160])
        return None
    if problem := _check(run, chart, before):
        tally.fail(f"{what}: {problem}")
        return None
    times.append(run.ms)
    tally.ok += 1
    return run


async def _protocol_change(tab: Session, kind: str, key: str) -> Run:
    """The widget change a visitor makes on a freshly opened page (see PAGES)."""
    if kind == "slider":
        return await tab.nudge(key, 1)
    state = tab.value(key)
    return await tab.set_number(key, 6 if getattr(state, state.WhichOneof("value")) == 8 else 8)


async def _protocol_session(base: str, index: int, deadline: float, tally: Tally,
                            think: float, seed: int) -> None:
    await asyncio.sleep(ARRIVAL_S * index)
    rng = random.Random(seed * MAX_SESSIONS + index)
    order, visits, tab = _order(index), 0, None
    try:
        while time.monotonic() < deadline:
            path, chart, kind, key = order[visits % len(order)]
            if tab is None:  # a fresh tab: open the page by its URL
                tab = Session(base, timeout=TIMEOUT_MS / 1e3)
                action = tab.open(path)
            else:
                action = tab.switch_page(path)
            run = await _protocol_step(action, f"visit /{path}", chart, None, tally,
                                       tally.visit_ms)
            if run is not None and kind:
                await _think(rng, think, deadline)
                if time.monotonic() >= deadline:
                    break
                run = await _protocol_step(_protocol_change(tab, kind, key),
                                           f"change {key} on /{path}", chart,
                                           run.charts[chart], tally, tally.rerun_ms)
            if run is None:
                if visits == 0:
                    break  # could not even open the app
                await tab.close()  # the tab is in an unknown state: reload it
                tab = None
            visits += 1
            await _think(rng, think, deadline)
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
    tally.visit_ms.append((time.perf_counter() - t0) * 1e3)
    tally.ok += 1
    return True


async def _change(pg, path: str, chart: str, kind: str, key: str, tally: Tally) -> None:
    """Make the page's widget change (see PAGES) and wait for the chart to show it."""
    before = await pg.evaluate(SIG_JS, chart)
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
    tally.rerun_ms.append(elapsed)
    tally.ok += 1


async def _browser_session(browser, base: str, index: int, deadline: float, tally: Tally,
                           think: float, seed: int) -> None:
    await asyncio.sleep(ARRIVAL_S * index)
    rng = random.Random(seed * MAX_SESSIONS + index)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    pg = await context.new_page()
    try:
        visits, order = 0, _order(index)
        while time.monotonic() < deadline:
            path, chart, kind, key = order[visits % len(order)]
            if await _visit(pg, base, path, chart, tally, first=visits == 0):
                if kind:
                    await _think(rng, think, deadline)
                    if time.monotonic() >= deadline:
                        break
                    await _change(pg, path, chart, kind, key, tally)
            elif visits == 0:
                break  # could not even open the app
            visits += 1
            await _think(rng, think, deadline)
    finally:
        await context.close()


# ---------------------------------------------------------------- the phases


async def _warm_up(base: str) -> None:
    """One untimed round of every page and change. Otherwise the single session is timed
    against a cold server (first imports, empty st.cache_data) and flatters the ratio."""
    async with Session(base, timeout=TIMEOUT_MS / 1e3) as tab:
        for i, (path, _, kind, key) in enumerate(PAGES):
            await (tab.switch_page(path) if i else tab.open(path))
            if kind:
                await _protocol_change(tab, kind, key)


async def _run_phase(client: str, base: str, sessions: int, seconds: float, think: float,
                     seed: int) -> Tally:
    """``sessions`` visitors at once for ``seconds``; the tally of their steps."""
    tally = Tally()
    cpu0 = time.process_time()
    if client == "protocol":
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(_protocol_session(base, i, deadline, tally, think, seed)
                               for i in range(sessions)))
    else:
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=_chromium_path(),
                                              args=LOAD_FLAGS)
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(_browser_session(browser, base, i, deadline, tally, think,
                                                    seed) for i in range(sessions)))
            await browser.close()
    tally.client_cpu_s = time.process_time() - cpu0
    return tally


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (all its threads), seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    """Resident memory of a process (VmRSS), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PeakMemory(threading.Thread):
    """Samples a process's RSS every 0.2 s and keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self._halt = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                self.peak = max(self.peak, rss_mib(self.pid))
            except OSError:
                return
            self._halt.wait(0.2)

    def stop(self) -> float:
        self._halt.set()
        self.join()
        return self.peak


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _row(label: str, tally: Tally) -> str:
    total = tally.ok + tally.failed
    rate = 100 * tally.ok / total if total else float("nan")
    med = statistics.median(tally.rerun_ms) if tally.rerun_ms else float("nan")
    visit = statistics.median(tally.visit_ms) if tally.visit_ms else float("nan")
    return (f"| {label} | {tally.ok}/{total} ({rate:.1f}%) | {len(tally.rerun_ms)} | "
            f"{med:.0f} | {_p95(tally.rerun_ms):.0f} | {visit:.0f} | {_p95(tally.visit_ms):.0f} |")


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
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS}")
    if not 5 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be 5..{MAX_SECONDS}")
    if not 0 <= args.think <= MAX_THINK:
        parser.error(f"--think must be 0..{MAX_THINK}")
    timing = (args.seconds, args.think, args.seed)

    port = _free_port()
    server = start_server(port)  # binds 127.0.0.1 only
    base = f"http://127.0.0.1:{port}"
    try:
        idle = rss_mib(server.pid)
        asyncio.run(_warm_up(base))
        cpu0, t0 = cpu_seconds(server.pid), time.monotonic()
        single = asyncio.run(_run_phase(args.client, base, 1, *timing))
        cpu1, t1, load1 = cpu_seconds(server.pid), time.monotonic(), os.getloadavg()[0]
        after_single = rss_mib(server.pid)
        peak = PeakMemory(server.pid)
        peak.start()
        many = asyncio.run(_run_phase(args.client, base, args.sessions, *timing))
        cpu2, t2, load2 = cpu_seconds(server.pid), time.monotonic(), os.getloadavg()[0]
        peak_mib = peak.stop()
        time.sleep(2)
        after = rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    single.cpu_s, single.wall_s, single.load = cpu1 - cpu0, t1 - t0, load1
    many.cpu_s, many.wall_s, many.load = cpu2 - cpu1, t2 - t1, load2

    def median(values):
        return statistics.median(values) if values else float("nan")

    ratio_med = median(many.rerun_ms) / median(single.rerun_ms)
    ratio_p95 = _p95(many.rerun_ms) / _p95(single.rerun_ms)
    many_label = f"{args.sessions} session" + ("s" if args.sessions > 1 else "")
    think = (f"think time {args.think:g} s (uniform {0.5 * args.think:g}-{1.5 * args.think:g} s, "
             f"seed {args.seed})" if args.think else "no think time")
    print(f"Load: {args.sessions} concurrent {CLIENTS[args.client]} vs 1, "
          f"{args.seconds:g} s each after an untimed warm-up round, {think}, arriving "
          f"{ARRIVAL_S:g} s apart; one server on 127.0.0.1 ({os.cpu_count()} CPU cores "
          "shared by server and clients).")
    print()
    print("| Sessions | Successful steps | Reruns timed | Rerun median ms | Rerun p95 ms | "
          "Page visit median ms | Page visit p95 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    print(_row("1", single))
    print(_row(str(args.sessions), many))
    print()
    print(f"p95 rerun latency, {many_label} vs 1: {ratio_p95:.2f}x "
          f"(median {ratio_med:.2f}x; target: p95 within 3x).")
    for label, tally in (("1 session", single), (many_label, many)):
        steps = tally.ok + tally.failed
        print(f"Server CPU, {label}: {tally.cpu_s:.1f} s over {tally.wall_s:.0f} s "
              f"({100 * tally.cpu_s / tally.wall_s:.0f}% of one core), "
              f"{1e3 * tally.cpu_s / max(steps, 1):.0f} ms per step; machine load average "
              f"{tally.load:.1f} at the end.")
    if args.client == "protocol":
        for label, tally in (("1 session", single), (many_label, many)):
            print(f"Client CPU, {label}: {tally.client_cpu_s:.1f} s "
                  f"({100 * tally.client_cpu_s / tally.wall_s:.0f}% of one core).")
    print(f"Server memory (VmRSS): {idle:.0f} MiB idle before the warm-up, {after_single:.0f} "
          f"MiB after one session, {peak_mib:.0f} MiB peak with {args.sessions}, "
          f"{after:.0f} MiB after.")
    for label, tally in (("1 session", single), (many_label, many)):
        if tally.errors:
            print(f"Failures ({label}): " + "; ".join(tally.errors))
    return {"single": single, "many": many, "ratio_p95": ratio_p95, "ratio_median": ratio_med,
            "rss_idle": idle, "rss_peak": peak_mib, "rss_after": after}


if __name__ == "__main__":
    main()

"""A class opening one link: what the first visits' frontend files cost the server and the
room's network, before any script runs.

A browser's first visit fetches Streamlit's frontend (the page, its scripts, styles and
fonts) over plain HTTP: `load.py`'s protocol client skips this, as it speaks only the
websocket. Here Chromium visits every page once through the local nginx and the list of
files it fetched is kept; then ``--visitors`` clients, as many at a time as
``--parallel``, each fetch that whole list with an empty cache (one keep-alive
connection each, gzip accepted, as a browser does). Reported: the bytes each visitor
received, the CPU the app processes and nginx spent, and how long a visit took (median
and p95) and the whole class.

``--direct`` fetches the files from one app process, as a deployment without a caching,
compressing proxy in front serves them (which is what this repository's nginx did before
it kept its own compressed copy).

    .venv/bin/python benchmarks/first_visit.py --visitors 150 --servers 4
    .venv/bin/python benchmarks/first_visit.py --visitors 150 --servers 4 --direct
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load import PAGES  # noqa: E402  (the pages the load test visits)
from benchmarks.procstat import Monitor, children  # noqa: E402
from deploy.local import MAX_SERVERS, Cluster  # noqa: E402
from tests.browser.conftest import CHROMIUM_FLAGS, _chromium_path, wait_idle  # noqa: E402


def files_of_a_first_visit(base: str) -> list[str]:
    """The paths Chromium fetches over HTTP when it opens ``base`` and then every page
    from the sidebar, with an empty cache (in the order it asked for them)."""
    from playwright.sync_api import sync_playwright

    chromium = _chromium_path()
    if chromium is None:
        raise SystemExit("Chromium is needed to list a visit's files (apt-get install chromium)")
    paths: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS[1:])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.set_default_timeout(60_000)
        page.on("request", lambda r: paths.append(r.url[len(base):])
                if r.url.startswith(base) and r.resource_type != "websocket" else None)
        page.goto(base + "/")  # home, the first of PAGES
        wait_idle(page)
        for name in [path for path, *_ in PAGES if path]:
            page.click(f'[data-testid="stSidebarNav"] a[href$="/{name}"]')
            page.wait_for_url(f"**/{name}*")
            wait_idle(page)
        time.sleep(1)  # lazy chunks a chart asks for once it is drawn
        browser.close()
    return list(dict.fromkeys(paths))  # a file asked for twice is fetched once


def visit(port: int, paths: list[str], visitor: int = 0) -> tuple[int, float]:
    """One visitor with an empty cache: every file on one keep-alive connection, with the
    visitor's own route cookie (as the page set it). Returns the bytes received (bodies
    as sent, compressed or not) and the seconds it took."""
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    received = 0
    try:
        for path in paths:
            conn.request("GET", path or "/", headers={
                "Accept-Encoding": "gzip, deflate, br, zstd",
                "Cookie": f"st_route=visitor{visitor}"})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            received += len(body)
    finally:
        conn.close()
    return received, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=150)
    parser.add_argument("--parallel", type=int, default=24,
                        help="visitors fetching at the same time (default 24)")
    parser.add_argument("--servers", type=int, default=4, help=f"app processes, 1..{MAX_SERVERS}")
    parser.add_argument("--direct", action="store_true",
                        help="fetch from one app process, no nginx in between")
    args = parser.parse_args(argv)
    if not 1 <= args.servers <= MAX_SERVERS:
        parser.error(f"--servers must be 1..{MAX_SERVERS}")
    if args.visitors < 1 or args.parallel < 1:
        parser.error("--visitors and --parallel must be at least 1")

    with Cluster(args.servers) as cluster:
        paths = files_of_a_first_visit(cluster.base)
        port = cluster.ports[0] if args.direct else cluster.port
        visit(port, paths)  # nginx's copy made (or the process's files read once)
        # nginx's cache loader leaves after a while: the monitor keeps its last figures.
        apps = Monitor([p.pid for p in cluster.servers])
        proxy = Monitor([cluster.nginx.pid, *children(cluster.nginx.pid)])
        app0, proxy0 = apps.cpu_total(), proxy.cpu_total()
        apps.start()
        proxy.start()
        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.parallel) as pool:
            done = list(pool.map(lambda i: visit(port, paths, i), range(args.visitors)))
        wall = time.perf_counter() - t0
        apps.stop()
        proxy.stop()
    app_cpu, proxy_cpu = apps.cpu_total() - app0, proxy.cpu_total() - proxy0
    seconds = sorted(s for _, s in done)
    p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
    via = "one app process, directly" if args.direct else \
        f"nginx in front of {args.servers} app processes"
    print(f"First visits (home, then every page; {len(paths)} files each), {args.visitors} "
          f"visitors, {min(args.parallel, args.visitors)} at a time, from {via}:")
    print(f"- on the wire: {statistics.mean(b for b, _ in done) / 2**20:.2f} MiB a visitor, "
          f"{sum(b for b, _ in done) / 2**30:.2f} GiB for the class")
    print(f"- app processes' CPU: {app_cpu:.1f} s ({app_cpu / args.visitors * 1e3:.0f} ms "
          f"a visitor); nginx: {proxy_cpu:.1f} s ({proxy_cpu / args.visitors * 1e3:.0f} ms)")
    print(f"- a visit took {statistics.median(seconds):.2f} s (median), {p95:.2f} s (p95); "
          f"the class {wall:.1f} s (loopback: no network in the way)")


if __name__ == "__main__":
    main()

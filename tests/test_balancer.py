"""Two `streamlit run app.py` processes behind the local nginx (`deploy/local.py`): sticky
sessions, and a visitor's view surviving the loss of the process that held it. And the
local nginx alone, with stand-ins for four processes: new visitors shared evenly.

Loopback only, bounded (two processes, two sessions, timeouts of seconds). Without nginx
the tests skip, unless ``REQUIRE_NGINX=1`` or ``REQUIRE_BROWSER=1`` (set by ``.ci/run``)
makes that a failure.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import re
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.stclient import Session
from deploy.local import Cluster, find_nginx, free_port, nginx_conf, run_nginx, wait_http
from tests.conftest import run_async

TIMEOUT = 30  # seconds, for any one run or reconnect


def _nginx_or_skip() -> str:
    nginx = find_nginx()
    if nginx is None:
        reason = "nginx not found (Debian: apt-get install nginx; .ci/run installs it)"
        if "1" in (os.environ.get("REQUIRE_NGINX"), os.environ.get("REQUIRE_BROWSER")):
            pytest.fail(f"{reason} (REQUIRE_NGINX=1 or REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return nginx


@pytest.fixture(scope="module")
def cluster():
    """Two processes behind nginx, one per test module (the kill test comes last)."""
    _nginx_or_skip()
    with Cluster(2, served_by=True) as running:
        yield running


# The ports of four app processes in one load run (2026-12-06, 15:26). With 160 points a
# process on nginx's hash ring (weight 1), they got 21%, 25%, 25% and 29% of the routes
# below; with 1,600 (weight=10), 24.7-25.3%.
RING_PORTS = [47943, 54903, 34561, 42849]


def test_nginx_shares_new_visitors_evenly_among_four_processes():
    """The local balancer's own configuration, with nginx standing in for the four app
    processes (each answers on its port): 4,000 route cookies, each process 22-28%."""
    nginx = _nginx_or_skip()
    with tempfile.TemporaryDirectory(prefix="st-nginx-") as tmp:
        prefix, port = Path(tmp), free_port()
        stand_ins = "".join(f"server {{ listen 127.0.0.1:{p}; location / {{ return 200; }} }}\n"
                            for p in RING_PORTS)
        proc = run_nginx(nginx, prefix, nginx_conf(f"127.0.0.1:{port}", RING_PORTS, True,
                                                   prefix) + stand_ins, subprocess.PIPE)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_http(base + "/_stcore/health", timeout=10)
            served = Counter()
            for i in range(4000):
                request = urllib.request.Request(base + "/_stcore/health",
                                                 headers={"Cookie": f"st_route=route{i}"})
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                    served[response.headers["X-Served-By"]] += 1
        finally:
            proc.terminate()
            errors = proc.communicate(timeout=10)[1].decode()
    assert sorted(served) == sorted(f"127.0.0.1:{p}" for p in RING_PORTS), errors
    shares = sorted(count / 4000 for count in served.values())
    assert 0.22 <= shares[0] and shares[-1] <= 0.28, shares


def _served_by(cluster: Cluster, cookie: str | None) -> int:
    """Which process nginx sends a plain HTTP request with this route cookie to."""
    request = urllib.request.Request(f"{cluster.base}/_stcore/health")
    if cookie:
        request.add_header("Cookie", f"st_route={cookie}")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return cluster.index_of(response.headers["X-Served-By"])


def _routes(cluster: Cluster) -> dict[int, str]:
    """A route cookie for each process (route ids are hashed: try a few until both show)."""
    found: dict[int, str] = {}
    for i in range(64):
        found.setdefault(_served_by(cluster, f"route{i}"), f"route{i}")
        if len(found) == 2:
            return found
    raise AssertionError(f"64 route ids all went to process {set(found)}")


def _view(tab: Session, run) -> tuple:
    """What the visitor sees and holds: page, address, widget values, every chart."""
    widgets = {k: v.SerializeToString(deterministic=True) for k, v in run.widgets.items()}
    return tab.path, tab.query, widgets, run.charts


def test_a_visitor_keeps_to_one_process_and_gets_a_route_cookie(cluster):
    routes = _routes(cluster)
    for index, cookie in routes.items():  # the same cookie, the same process, every time
        assert [_served_by(cluster, cookie) for _ in range(5)] == [index] * 5

    async def visit():
        async with Session(cluster.base, timeout=TIMEOUT) as tab:
            opened = await tab.open("curves")
            first = (tab.cookies.get("st_route"), tab.served_by)
            tab.cookies = {"st_route": routes[1]}  # reload with process 1's cookie
            again = await tab.open("curves")
            return opened, first, again, tab.served_by

    opened, (cookie, first_server), again, second_server = run_async(visit())
    assert opened.ok and again.ok
    assert cookie and len(cookie) == 32  # nginx's request id, handed out as the route
    assert cluster.index_of(first_server) == _served_by(cluster, cookie)
    assert cluster.index_of(second_server) == 1


def _get(url: str, gzip_ok: bool) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if gzip_ok
                                                   else "identity"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.read(), response.headers


def test_nginx_serves_the_frontend_compressed_from_its_own_copy(cluster):
    page, _ = _get(cluster.base + "/", gzip_ok=False)
    scripts = re.findall(rb'src="\.?/(static/js/index\.[\w-]+\.js)"', page)
    assert scripts, "no script in the page"
    path = "/" + scripts[0].decode()
    plain, headers = _get(f"http://127.0.0.1:{cluster.ports[0]}{path}", gzip_ok=True)
    assert len(plain) > 100_000 and "Content-Encoding" not in headers  # Streamlit's own
    first, headers = _get(cluster.base + path, gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip" and headers["X-Cache-Status"] in (
        "MISS", "HIT")  # HIT: another test of this worker's session fetched it first
    assert gzip.decompress(first) == plain and len(first) < len(plain) / 3
    again, headers = _get(cluster.base + path, gzip_ok=True)
    assert headers["X-Cache-Status"] == "HIT" and again == first
    unpacked, headers = _get(cluster.base + path, gzip_ok=False)
    assert "Content-Encoding" not in headers and unpacked == plain
    # The page itself (never cached: it names this release's files) goes out compressed.
    _, headers = _get(cluster.base + "/", gzip_ok=True)
    assert headers["Content-Encoding"] == "gzip" and "X-Cache-Status" not in headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # hand the 302 itself to the caller


def _status(url: str) -> tuple[int, dict]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=TIMEOUT) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as err:
        return err.code, err.headers


def test_a_page_address_with_more_after_it_goes_to_the_page(cluster):
    """Streamlit shows a blank screen at /softmax/extra (its page's scripts, named by
    relative paths, resolve under /softmax/): nginx sends such an address to the page, its
    query kept, and leaves Streamlit's own paths and anything but a plain name alone."""
    for path, target in [("/softmax/extra?lang=ko&t=2.5", "/softmax?lang=ko&t=2.5"),
                         ("/softmax/", "/softmax"), ("/gradient_flow/a/b", "/gradient_flow"),
                         ("/no_such_page/x", "/no_such_page")]:
        status, headers = _status(cluster.base + path)
        assert (status, headers["Location"]) == (302, target), path
    for path in ("/_stcore/health", "/softmax", "/softmax?lang=ko"):
        status, headers = _status(cluster.base + path)
        assert status == 200 and "Location" not in headers, path
    # The frontend finds its server by asking under the page first: it needs the 404.
    for path in ("/softmax/_stcore/health", "/softmax/extra/_stcore/host-config"):
        status, headers = _status(cluster.base + path)
        assert status == 404 and "Location" not in headers, path
    # A line break in the name is not put into a header (Streamlit refuses the path).
    status, headers = _status(cluster.base + "/soft%0d%0aSet-Cookie:%20x=1/extra")
    assert status != 302 and "Location" not in headers
    assert not [c for c in headers.get_all("Set-Cookie") or [] if c.startswith("x=")]


def test_killing_a_process_moves_its_visitor_to_the_survivor_with_the_view_intact(cluster):
    routes = _routes(cluster)

    async def scenario():
        doomed = Session(cluster.base, timeout=TIMEOUT)
        other = Session(cluster.base, timeout=TIMEOUT)
        doomed.cookies, other.cookies = {"st_route": routes[0]}, {"st_route": routes[1]}
        try:
            # A view set by the link and by a change: depth from the URL, then one step less.
            await doomed.open("gradient_flow", "depth=20&act=relu")
            seen = await doomed.nudge("depth", -1)
            before = _view(doomed, seen)
            await other.open("softmax")
            other_seen = await other.nudge("T", 1)
            where = (cluster.index_of(doomed.served_by), cluster.index_of(other.served_by))

            cluster.kill(0)
            await asyncio.wait_for(doomed.wait_disconnected(), TIMEOUT)
            # The frontend reconnects on its own; nginx skips the dead process.
            await asyncio.wait_for(doomed.reconnect(rerun=False), TIMEOUT)
            moved_to = cluster.index_of(doomed.served_by)
            restored = await doomed.rerun()  # what its next change carries, minus the change
            after = _view(doomed, restored)
            step = await doomed.nudge("depth", -1)  # and the visitor goes on from there
            other_step = await other.nudge("T", 1)
            return (where, moved_to, before, after, restored, step, other.connected,
                    other_seen, other_step, doomed.query)
        finally:
            await doomed.close()
            await other.close()

    (where, moved_to, before, after, restored, step, other_connected, other_seen, other_step,
     query) = run_async(scenario())
    assert where == (0, 1)
    assert cluster.alive() == [1] and moved_to == 1
    assert restored.ok, (restored.status, restored.exception)
    assert before[1] == "act=relu&depth=19"  # the view under test is not the default one
    assert after == before  # the same page, address, widget values and charts
    assert step.ok and query == "act=relu&depth=18"
    assert step.charts["gf_grad"] != restored.charts["gf_grad"]
    # The visitor on the survivor never noticed.
    assert other_connected and other_step.ok
    assert other_step.charts["views"] != other_seen.charts["views"]

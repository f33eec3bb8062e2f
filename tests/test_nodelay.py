"""ui/nodelay.py: Nagle's algorithm off on the server's listening socket and its connections.

Sockets are made the way Streamlit 1.67 makes its own (``socket.socket(family=...)``,
protocol 0, which asyncio leaves with Nagle on). The last test starts `streamlit run app.py`
and reads the option on the server process's own sockets.
"""

from __future__ import annotations

import ctypes
import os
import socket
import sys

import pytest

from tests.conftest import run_async
from ui import nodelay

NODELAY = (socket.IPPROTO_TCP, socket.TCP_NODELAY)


def _flag(sock: socket.socket) -> int:
    return sock.getsockopt(*NODELAY)


@pytest.fixture
def served():
    """A listener like Streamlit's, one connection it accepted, and that connection's
    client end (a socket of this process on another port)."""
    listener = socket.socket(family=socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    for sock in (listener, accepted):
        sock.setsockopt(*NODELAY, 0)
    client.setsockopt(*NODELAY, 0)
    yield listener, accepted, client
    for sock in (listener, accepted, client):
        sock.close()


def test_the_listener_and_its_connections_get_nodelay(served):
    listener, accepted, client = served
    assert listener.proto == 0 and _flag(listener) == 0 and _flag(accepted) == 0
    assert nodelay.no_delay() == 2
    assert _flag(listener) and _flag(accepted)
    assert _flag(client) == 0  # not a connection the listener accepted: left alone
    assert nodelay.no_delay() == 0  # nothing left to change


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inheritance checked on Linux")
def test_connections_accepted_later_inherit_it(served):
    listener, _, _ = served
    nodelay.no_delay()
    with socket.create_connection(listener.getsockname()):
        later, _ = listener.accept()
        with later:
            assert later.proto == 0 and _flag(later)


def test_the_descriptors_it_looked_at_stay_open(served):
    listener, accepted, _ = served
    before = sorted(nodelay._open_fds())
    nodelay.no_delay()
    assert sorted(nodelay._open_fds()) == before  # its copies are closed, nothing else
    accepted.sendall(b"x")  # still usable
    listener.getsockname()


def test_once_does_the_work_on_the_first_call_only(monkeypatch):
    calls = []
    monkeypatch.setattr(nodelay, "_done", False)
    monkeypatch.setattr(nodelay, "no_delay", lambda: calls.append(1) or 0)
    for _ in range(3):
        nodelay.once()
    assert calls == [1]


def _server_flags(pid: int, port: int) -> list[int]:
    """TCP_NODELAY of each TCP socket on ``port`` inside process ``pid`` (pidfd_getfd)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    flags = []
    try:
        for name in os.listdir(f"/proc/{pid}/fd"):
            if not os.readlink(f"/proc/{pid}/fd/{name}").startswith("socket:"):
                continue
            fd = libc.syscall(438, pidfd, int(name), 0)  # pidfd_getfd
            if fd < 0:
                err = ctypes.get_errno()
                if err in (1, 38):  # EPERM, ENOSYS: this system won't lend descriptors
                    pytest.skip(f"pidfd_getfd unavailable here ({os.strerror(err)})")
                continue
            with socket.socket(fileno=fd) as sock:
                if sock.family in (socket.AF_INET, socket.AF_INET6) \
                        and sock.type == socket.SOCK_STREAM and sock.getsockname()[1] == port:
                    flags.append(_flag(sock))
    finally:
        os.close(pidfd)
    return flags


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux's pidfd_open")
def test_the_running_app_serves_with_nodelay():
    from benchmarks.stclient import Session
    from tests.browser.conftest import _free_port, start_server

    port = _free_port()
    proc = start_server(port)
    try:
        async def visit() -> list[int]:
            async with Session(f"http://127.0.0.1:{port}", timeout=60) as tab:
                assert (await tab.open("")).ok
                return _server_flags(proc.pid, port)

        flags = run_async(visit())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert len(flags) >= 2  # the listener and this visitor's connection
    assert all(flags), flags

"""Nagle's algorithm off on the server's TCP sockets, so that a run's messages leave at once.

Streamlit 1.67 serves through uvicorn on a listening socket it makes itself,
``socket.socket(family=...)``: its protocol number is 0, not ``IPPROTO_TCP``, and asyncio
switches Nagle's algorithm off (``TCP_NODELAY``) only on sockets that say TCP. With Nagle
on, the first message of a run (``new_session``) leaves at once and the rest of the run's
small messages wait until the other end acknowledges it, which Linux delays by 40 ms
(Windows by up to 200 ms): every rerun, for every visitor, ended 40 ms late, whether the
other end was the browser or nginx (measured: the server sent a bare page's five messages
within 0.2 ms, the client got the last four 41 ms after the first).

`no_delay` sets ``TCP_NODELAY`` on the process's listening TCP sockets, which connections
accepted later inherit (Linux, BSD, macOS), and on the connections already accepted from
them. `app.py` calls `once` on every run; it does the work on the first.
"""

from __future__ import annotations

import os
import socket
import stat
import threading

_done = False
_lock = threading.Lock()


def _open_fds() -> list[int]:
    """This process's file descriptors (none where the system does not list them)."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return [int(name) for name in os.listdir(folder)]
        except (OSError, ValueError):
            continue
    return []


def _tcp(fd: int) -> socket.socket | None:
    """A TCP stream socket on a copy of ``fd`` (the caller closes it), else None."""
    try:
        if not stat.S_ISSOCK(os.fstat(fd).st_mode):
            return None
        copy = os.dup(fd)
    except OSError:  # closed meanwhile
        return None
    try:
        sock = socket.socket(fileno=copy)
    except OSError:  # not a socket Python can describe: let the copy go
        os.close(copy)
        return None
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        return sock
    sock.close()
    return None


def no_delay() -> int:
    """``TCP_NODELAY`` on every listening TCP socket of this process and on the
    connections accepted from them (same local port). Returns how many it set."""
    socks = [s for s in map(_tcp, _open_fds()) if s is not None]
    try:
        listening = [s for s in socks if s.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)]
        ports = {s.getsockname()[1] for s in listening}
        changed = 0
        for sock in socks:
            try:
                if sock.getsockname()[1] in ports and \
                        not sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    changed += 1
            except OSError:  # a connection that closed meanwhile
                continue
        return changed
    finally:
        for sock in socks:
            sock.close()  # the copy only; the server's own descriptor stays open


def once() -> None:
    """`no_delay`, the first time a process calls it."""
    global _done
    if _done:
        return
    with _lock:
        if not _done:
            no_delay()
            _done = True

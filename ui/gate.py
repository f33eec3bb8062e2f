"""One script run at a time in a server process (by default); the rest wait their turn.

Streamlit runs every session's script in its own thread, and one interpreter lock (the
GIL) serves them all, along with the event loop thread that sends each run's messages to
its browser. When a class moves its sliders at once, dozens of runs share the lock: each
takes many times its own CPU time, and the event loop, which needs the lock for every one
of a run's ~60 messages, waits behind them. Under `benchmarks/load.py` (150 visitors, 2
processes) a run's results then sat 1.1 s (median) between the script's end and the
message that ends the run, and rerun p95 was 3.3 s at 65% of each process's CPU.

With one run at a time per process, a waiting run costs nothing (it sleeps on a
semaphore, not on the GIL), the event loop sends promptly, and the CPU does the work
instead of trading the lock; a long computation (a training run on a cache miss, up to a
few seconds) lends its slot to the others (`Gate.aside`). With the gate, the 150 visitors
above got p95 1.0-1.3 s; with 100 visitors on 4 processes, p95 was 185 ms with one slot
and 314 ms with two. To use more cores, run more processes (deploy/).

``AE_SCRIPT_SLOTS`` in the environment sets the number of slots (default 1, at most 64).
A run waits at most ``WAIT_S`` for a slot and then runs anyway, so a stuck run can never
hold a process's visitors for good.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator

DEFAULT_SLOTS = 1
WAIT_S = 30.0  # seconds: after this a run goes ahead without a slot


def slots_from(env: dict | os._Environ = os.environ) -> int:
    """The number of slots the environment asks for (the default for anything unusable)."""
    raw = env.get("AE_SCRIPT_SLOTS", "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_SLOTS
    return value if 1 <= value <= 64 else DEFAULT_SLOTS


class Gate:
    """A counting gate: ``with gate.turn(): ...`` runs when fewer than ``slots`` other
    turns are running, or after ``wait_s`` regardless."""

    def __init__(self, slots: int, wait_s: float = WAIT_S):
        self.wait_s = wait_s
        self._free = threading.Semaphore(slots)
        self._mine = threading.local()  # .held: whether this thread's run holds a slot

    @contextlib.contextmanager
    def turn(self) -> Iterator[bool]:
        """Yields whether this turn holds a slot (False only after waiting ``wait_s``).
        The slot is given back however the block ends: st.rerun and st.stop end a run by
        raising through it. A turn taken inside another on the same thread is part of it
        (a fragment takes a turn of its own for its reruns, and is also drawn by full
        runs, which hold one already)."""
        if getattr(self._mine, "inside", False):
            # A turn within this thread's turn (a fragment drawn by a full run): the run
            # holds its slot already.
            yield self._mine.held
            return
        held = self._free.acquire(timeout=self.wait_s)
        self._mine.held, self._mine.inside = held, True
        try:
            yield held
        finally:
            if self._mine.held:
                self._free.release()
            self._mine.held, self._mine.inside = False, False

    @contextlib.contextmanager
    def aside(self) -> Iterator[None]:
        """Lend this run's slot to the others while it does a long computation (a training
        run on a cache miss: up to a few seconds), and take a slot back after it if one is
        free; if none is, the run ends without one. It must not wait: it is called inside a
        cached function, which holds Streamlit's lock on that cache entry, and the run
        that took the slot may be waiting for that very entry (two visitors asking for the
        same new training run). Outside a turn, or in a turn without a slot: nothing."""
        lent = getattr(self._mine, "held", False)
        if lent:
            self._mine.held = False
            self._free.release()
        try:
            yield
        finally:
            if lent:
                self._mine.held = self._free.acquire(blocking=False)


# One gate per server process: app.py wraps each run in `GATE.turn()`. Module state lives
# as long as the process, since Streamlit imports ui/ once and re-executes only the scripts.
GATE = Gate(slots_from())

"""Python's cycle collector told to leave the app's code alone: one ``gc.freeze()`` per
server process.

Now and then the collector makes a full collection: it walks every object it tracks,
holding the interpreter lock, so every visitor of the process waits. In a server process
nearly all of those objects are the code of the app and of its libraries (Streamlit,
NumPy, SciPy, SymPy, pandas, Plotly: about 180,000 objects), which live as long as the
process and are never garbage. One full collection took 75-115 ms of CPU on its own and
150-250 ms under load; under `benchmarks/load.py` (150 visitors, 4 processes) each
process made 7-8 of them in a run (logged with ``gc.callbacks``).

`freeze` collects and moves what is left into the permanent generation (``gc.freeze``),
which collections skip: under the same load, full collections took 40-65 ms and each process
made 4-5, so a visitor no longer meets a quarter-second stall. (Rerun p95 over a whole run
moved with the machine's speed more than with this: deploy/README.) Everything made later
(sessions, cached figures) is collected as before, and a frozen object is still freed as
soon as nothing refers to it.

`once` (app.py calls it on every run) starts `freeze` on a thread of its own, `DELAY_S`
after a process's first run, so that run is not held up: done inside it, the imports and
the collection made a crash survivor's first run (a reconnecting visitor's) longer on a
busy machine, and a change the visitor made meanwhile was lost (the fragment it asked for
was not yet known to the new session: `tests/browser/test_balancer.py`, under CI load).
By then the first run has imported the app's code and its libraries (app.py imports
pandas itself); what a page imports later stays unfrozen, under a thousand objects. The
thread imports nothing: a module it was importing would sit half-made in ``sys.modules``,
where a visitor's script running meanwhile could find it (Plotly looks pandas up there;
it did, 1 run in 4 of tests/browser/test_explorer_layout.py, when this thread imported
the pages' modules).
"""

from __future__ import annotations

import gc
import threading

DELAY_S = 5.0  # seconds after the first run: the first visitors' runs go first

_timer: threading.Timer | None = None  # the pending or done `freeze`, once started
_lock = threading.Lock()


def freeze() -> None:
    """Collect, and freeze what is left."""
    gc.collect()
    gc.freeze()


def once() -> None:
    """Start `freeze`, `DELAY_S` from now on a daemon thread, the first time a process
    calls it; return at once after that."""
    global _timer
    if _timer is not None:
        return
    with _lock:
        if _timer is None:
            _timer = threading.Timer(DELAY_S, freeze)
            _timer.daemon = True
            _timer.start()

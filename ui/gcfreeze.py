"""Python's cycle collector told to leave the app's code alone: one ``gc.freeze()`` per
server process.

Now and then the collector makes a full collection: it walks every object it tracks,
holding the interpreter lock, so every visitor of the process waits. In a server process
nearly all of those objects are the code of the app and of its libraries (Streamlit,
NumPy, SciPy, SymPy, pandas, Plotly: about 180,000 objects), which live as long as the
process and are never garbage. One full collection took 75-115 ms of CPU on its own and
150-250 ms under load; under `benchmarks/load.py` (150 visitors, 4 processes) each
process made 7-8 of them in a run (logged with ``gc.callbacks``).

`once` imports every module a page uses (the first visits would import them anyway),
collects, and moves what is left into the permanent generation (``gc.freeze``), which
collections skip: under the same load, full collections took 40-65 ms and each process
made 4-5, so a visitor no longer meets a quarter-second stall. (Rerun p95 over a whole
run moved with the machine's speed more than with this: deploy/README.) Everything made
later (sessions, cached figures) is collected as before, and a frozen object is still
freed as soon as nothing refers to it. The first visit of a fresh process pays for the
imports and one collection: the home page took 1.4-1.5 s instead of 1.0-1.1 s.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import threading

# Packages whose every module is imported before the freeze: the library and the
# Streamlit side (text catalogs included).
PACKAGES = ("activations", "ui")
# What the pages import from outside those packages and Streamlit's own imports.
EXTRA = ("pandas",)

_done = False
_lock = threading.Lock()


def modules() -> list[str]:
    """The names of the modules imported before the freeze."""
    names = list(EXTRA)
    for package in PACKAGES:
        path = importlib.import_module(package).__path__
        names += [info.name for info in pkgutil.walk_packages(path, f"{package}.")]
    return names


def once() -> None:
    """Import `modules`, collect, freeze: the first time a process calls it (app.py calls
    it on every run). Returns at once after that."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name in modules():
            importlib.import_module(name)
        gc.collect()
        gc.freeze()
        _done = True

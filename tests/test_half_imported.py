"""A page never meets a half-imported pandas (app.py imports it before any page runs).

Streamlit runs each visitor's script on a thread of its own (ui/gate.py lets one run at a
time by default, more with AE_SCRIPT_SLOTS). When another thread imported pandas for the
first time in a process (ui/gcfreeze.py's did, outside the gate; a softmax run does), a
chart drawn meanwhile went through Plotly's ``get_module("pandas", should_load=False)``, a
plain ``sys.modules`` lookup, and met the half-made module: "partially initialized module
'pandas' has no attribute 'Series'" on screen instead of the chart (1 run in 4 of
tests/browser/test_explorer_layout.py).

Here a thread holds pandas half-imported, exactly as long as needed: until the curves page
has finished, or until the page's thread waits for that import (Python's import lock),
and only then is pandas let through. In a fresh interpreter, since pandas is imported once.
"""

from __future__ import annotations

from tests.conftest import run_fresh

PROBE = """
import importlib.machinery, json, sys, threading, time
from streamlit.testing.v1 import AppTest

inside, release = threading.Event(), threading.Event()


class Hold:
    '''Stops pandas midway through its __init__, while pandas.core.api runs, until released
    (in the module's code, not in find_spec, which runs under the global import lock).'''
    def find_spec(self, name, path, target=None):
        if name != "pandas.core.api" or threading.current_thread().name != "importer":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run = spec.loader.exec_module

        def exec_module(module):
            inside.set()
            release.wait(120)
            run(module)
        spec.loader.exec_module = exec_module
        return spec


def waits_for_pandas(thread_id):
    '''Whether that thread is blocked on pandas's module lock.'''
    frame = sys._current_frames().get(thread_id)
    while frame is not None:
        code, owner = frame.f_code, frame.f_locals.get("self")
        if code.co_filename == "<frozen importlib._bootstrap>" and code.co_name == "acquire" \
                and getattr(owner, "name", None) == "pandas":
            return True
        frame = frame.f_back
    return False


sys.meta_path.insert(0, Hold())
importer = threading.Thread(target=lambda: __import__("pandas"), name="importer", daemon=True)
importer.start()
assert inside.wait(60) and "pandas" in sys.modules  # half-made, in sys.modules

at = AppTest.from_file("app.py", default_timeout=120)
at.switch_page("pages/curves.py")
page = threading.Thread(target=at.run, daemon=True)
page.start()
blocked = False
while page.is_alive() and not blocked:
    blocked = any(waits_for_pandas(i) for i in sys._current_frames()
                  if i not in (importer.ident, threading.get_ident()))
    time.sleep(0.01)
release.set()
page.join(120)
print(json.dumps({"blocked": blocked, "done": not page.is_alive(),
                  "exceptions": [e.message for e in at.exception],
                  "charts": len(at.get("plotly_chart"))}))
"""


def test_a_page_waits_for_pandas_half_imported_by_another_visitor():
    result = run_fresh(PROBE, timeout=300)
    assert result["done"]
    assert result["exceptions"] == []
    assert result["blocked"]  # the page's run waited for the import, not found it half-made
    assert result["charts"] >= 2

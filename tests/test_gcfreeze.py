"""ui/gcfreeze.py: one freeze per process, on a thread of its own after the first run, with
every module a page uses loaded first.

Each check runs in a fresh interpreter: a freeze is for the whole process, and the test
process has loaded (and frozen) other things already.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import gc, json, sys, time, weakref
from ui import gcfreeze

def frozen_within(seconds):
    deadline = time.monotonic() + seconds
    while not gc.get_freeze_count() and time.monotonic() < deadline:
        time.sleep(0.05)
    return gc.get_freeze_count()

before = gc.get_freeze_count()
gcfreeze.DELAY_S = 1.0
gcfreeze.once()
inline = gc.get_freeze_count()  # the calling run is not held up by the freeze
frozen = frozen_within(60)

class Node:
    pass

# A cycle made after the freeze, then a second call: only the first call freezes, so the
# cycle stays the collector's to free once it is dropped.
a, b = Node(), Node()
a.other, b.other = b, a
alive = weakref.ref(a)
gcfreeze.once()
time.sleep(2 * gcfreeze.DELAY_S)
again = gc.get_freeze_count()
del a, b
gc.collect()
print(json.dumps({"before": before, "inline": inline, "frozen": frozen, "again": again,
                  "cycle_freed": alive() is None, "modules": sorted(sys.modules)}))
"""


def _probe() -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _imported_by(path: Path) -> set[str]:
    """The modules a script imports (``from ui import cached`` names ui.cached)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                if importlib.util.find_spec(node.module).submodule_search_locations \
                        and importlib.util.find_spec(sub) is not None:
                    names.add(sub)
    return names


def test_once_freezes_later_once_with_every_page_import_loaded():
    result = _probe()
    assert result["before"] == result["inline"] == 0
    # The app's code and its libraries: about 160,000 objects here (Python 3.11).
    assert result["frozen"] > 100_000
    assert result["again"] == result["frozen"]
    assert result["cycle_freed"]
    scripts = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    wanted = set().union(*map(_imported_by, scripts))
    assert {"pandas", "ui.cached", "activations.figures.network"} <= wanted  # the parser
    assert wanted - set(result["modules"]) == set()

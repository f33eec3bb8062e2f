"""ui/gcfreeze.py: one freeze per process, on a thread of its own after the first run, and
that thread imports nothing.

Each check runs in a fresh interpreter: a freeze is for the whole process, and the test
process has loaded (and frozen) other things already.
"""

from __future__ import annotations

from tests.conftest import run_fresh

PROBE = """
import gc, json, sys, time, weakref
import pandas, plotly.graph_objects, streamlit, activations  # what a first run has loaded
from ui import gcfreeze

def frozen_within(seconds):
    deadline = time.monotonic() + seconds
    while not gc.get_freeze_count() and time.monotonic() < deadline:
        time.sleep(0.05)
    return gc.get_freeze_count()

before = gc.get_freeze_count()
loaded = set(sys.modules)
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
                  "cycle_freed": alive() is None,
                  "imported": sorted(set(sys.modules) - loaded)}))
"""


def test_once_freezes_later_once_and_imports_nothing():
    result = run_fresh(PROBE)
    assert result["before"] == result["inline"] == 0
    # The app's libraries: about 125,000 objects here (Python 3.11).
    assert result["frozen"] > 100_000
    assert result["again"] == result["frozen"]
    assert result["cycle_freed"]
    # A module the thread imported would be half-made in sys.modules meanwhile, where a
    # visitor's script can find it (tests/test_half_imported.py).
    assert result["imported"] == []

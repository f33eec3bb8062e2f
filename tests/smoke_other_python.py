"""Smoke test for another Python (3.12, 3.13): the library imports and every page runs.

Needs only ``requirements.txt`` (AppTest comes with streamlit), so `.ci/run` can install the
runtime into a throwaway venv for each Python it finds and run this there:

    python3.12 -m venv /tmp/v && /tmp/v/bin/pip install -r requirements.txt
    /tmp/v/bin/python tests/smoke_other_python.py

It imports `activations`, evaluates every registry activation and a typed formula, then runs
the app frame and every page under AppTest, in English and in Korean. Any exception, any
Streamlit error element's traceback or any NumPy RuntimeWarning is a failure (exit status
1, with what failed). Not collected by pytest (the name does not start with ``test_``): the
full suite covers the same ground on the main Python.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)  # AppTest paths are relative to the repo root, as in tests/conftest.py
sys.path.insert(0, str(ROOT))
warnings.simplefilter("error", RuntimeWarning)  # NaN/inf warnings must not escape
# "missing ScriptRunContext" from cached functions called outside a script run: noise here
# (a filter, since Streamlit sets its loggers' levels itself)
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "ScriptRunContext" not in record.getMessage())


def check_library() -> None:
    import numpy as np

    import activations
    from activations.custom import parse_activation

    x = np.linspace(-5.0, 5.0, 101)  # (101,)
    for name in activations.names():
        act = activations.get(name)
        y, dy = act(x), act.grad(x)
        assert y.shape == dy.shape == x.shape and np.all(np.isfinite(y)), name
    gelu = parse_activation("0.5 * x * (1 + erf(x / sqrt(2)))")
    assert abs(float(gelu.grad(0.0)) - 0.5) < 1e-12  # GELU'(0) = 1/2, a closed form


def check_pages() -> list[str]:
    """Each page (and the frame) in each language; the problems found."""
    from streamlit.testing.v1 import AppTest

    problems = []
    scripts = ["app.py", *sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))]
    for script in scripts:
        for lang in ("en", "ko"):
            start = time.perf_counter()
            at = AppTest.from_file(str(ROOT / script), default_timeout=120)
            at.session_state["lang"] = lang
            at.run()
            if at.exception:
                problems.append(f"{script} [{lang}]: {at.exception[0].value}")
            print(f"  {script} [{lang}]: {'ok' if not at.exception else 'EXCEPTION'} "
                  f"({time.perf_counter() - start:.1f} s)", flush=True)
    return problems


def main() -> int:
    print(f"Python {sys.version.split()[0]} ({sys.executable})", flush=True)
    try:
        check_library()
        problems = check_pages()
    except Exception:  # anything at all is a failed smoke test, reported in full
        traceback.print_exc()
        return 1
    for problem in problems:
        print("FAILED", problem)
    print("smoke test", "failed" if problems else "passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""How heavy is the activation explorer? Rerun time and Plotly bytes at the default view.

Runs ``pages/curves.py`` under AppTest N times (the default view; the first, cold run is
reported apart), and a bare page that draws the same number of Plotly charts with the same
number of traces and points and nothing else, and prints for both the median rerun time
(AppTest's ``run()``, which includes turning every element into a test tree), the script's
own time (measured inside the script thread) and the process CPU time, and the bytes of
Plotly JSON sent (the ``spec`` of the plotly_chart elements). This reports numbers; it
asserts nothing about time.

    .venv/bin/python benchmarks/bench_curves.py [--runs 30]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_pages import timed_shim  # noqa: E402

PAGE = ROOT / "pages" / "curves.py"

# The baseline: the same charts, made the plain way, with no widgets, text or overlays.
BARE_PAGE = textwrap.dedent("""
    import numpy as np
    import plotly.graph_objects as go
    import streamlit as st

    CHARTS = {charts!r}  # traces per chart
    POINTS = {points}
    x = np.linspace(-6, 6, POINTS)
    for i, traces in enumerate(CHARTS):
        fig = go.Figure([go.Scatter(x=x.astype(np.float32),
                                    y=np.tanh(x * (j + 1)).astype(np.float32))
                         for j in range(traces)])
        st.plotly_chart(fig, key=f"c{{i}}", theme="streamlit")
""")


def _timed_runs(at, runs: int) -> tuple[float, list[float], list[float]]:
    """Cold run time, then wall and CPU times of the warm reruns, in ms.

    CPU time (this process, all threads: the script runs in one of them) is the steadier
    number on a busy machine; wall time is what a user waits.
    """
    t0 = time.perf_counter()
    at.run()
    cold = (time.perf_counter() - t0) * 1e3
    if at.exception:
        raise SystemExit(f"the page raised: {at.exception[0].value}")
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        at.run()
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    return cold, wall, cpu


def _points(y) -> int:
    """Length of a trace's y: a list, or Plotly's base64 typed array."""
    if isinstance(y, dict):
        return len(base64.b64decode(y["bdata"])) // np.dtype(y["dtype"]).itemsize
    return len(y)


def _chart_shape(at) -> tuple[list[int], int, int]:
    """Curves per chart (traces on the shared grid), points per curve, total spec bytes."""
    specs = [el.proto.spec for el in at.get("plotly_chart")]
    data = [json.loads(s)["data"] for s in specs]
    curves = [[tr for tr in d if "x0" in tr or "x" in tr and _points(tr["y"]) > 100]
              for d in data]
    points = _points(curves[0][0]["y"])
    return [len(c) for c in curves], points, sum(len(s.encode()) for s in specs)


def _measure(path: Path, tmp: Path, runs: int):
    """AppTest the page at ``path`` through the timing shim; its numbers and its tree."""
    from streamlit.testing.v1 import AppTest

    shim, log = timed_shim(path, tmp)  # the page runs as the server runs it
    at = AppTest.from_file(str(shim), default_timeout=120)
    cold, wall, cpu = _timed_runs(at, runs)
    script = [float(v) for v in log.read_text().split()][1:]  # warm runs only
    return at, cold, wall, cpu, script


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="warm reruns per page")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        page, page_cold, page_wall, page_cpu, page_script = _measure(PAGE, tmp, args.runs)
        traces, points, page_bytes = _chart_shape(page)
        bare_path = tmp / "bare.py"
        bare_path.write_text(BARE_PAGE.format(charts=traces, points=points))
        bare, bare_cold, bare_wall, bare_cpu, bare_script = _measure(bare_path, tmp, args.runs)
        _, _, bare_bytes = _chart_shape(bare)

    med = statistics.median
    result = {
        "charts": len(traces), "curves_per_chart": traces, "points": points,
        "runs": args.runs,
        "page_ms": med(page_wall), "page_script_ms": med(page_script),
        "page_cpu_ms": med(page_cpu), "page_cold_ms": page_cold,
        "bare_ms": med(bare_wall), "bare_script_ms": med(bare_script),
        "bare_cpu_ms": med(bare_cpu), "bare_cold_ms": bare_cold,
        "page_bytes": page_bytes, "bare_bytes": bare_bytes,
    }
    print(f"Default view: {len(traces)} charts, {traces} curves each, {points} points per "
          f"curve; medians of {args.runs} reruns after one cold run.")
    print(f"{'':26}{'rerun ms':>10}{'script ms':>11}{'CPU ms':>9}{'cold ms':>9}"
          f"{'Plotly JSON bytes':>19}")
    for name, key in (("pages/curves.py", "page"), ("bare page, same charts", "bare")):
        print(f"{name:26}{result[key + '_ms']:10.1f}{result[key + '_script_ms']:11.1f}"
              f"{result[key + '_cpu_ms']:9.1f}{result[key + '_cold_ms']:9.0f}"
              f"{result[key + '_bytes']:19,}")
    return result


if __name__ == "__main__":
    main()

"""Every page's server-side rerun time at its default view, next to a bare page that draws
the same Plotly charts (same number of charts, traces and points) and nothing else, and the
Plotly JSON bytes each page sends.

Each page runs alone under AppTest: one cold run, then ``--runs`` warm reruns of the same
session (caches filled, as for a visitor moving a widget). Reported per page: the median
wall time of AppTest's ``run()`` (the script plus building the test tree), the median time
of the script body alone (timed inside the script thread), and the bytes of Plotly JSON
(the ``spec`` of every ``plotly_chart`` element). The bare page rebuilds each chart from
plain ``go.Scatter``/``go.Heatmap`` traces of the same sizes, float32, so the difference
is what the page itself costs on top of drawing its charts. Numbers only; nothing is
asserted.

    .venv/bin/python benchmarks/bench_pages.py [--runs 15] [--pages curves softmax]
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("home", "curves", "gradient_flow", "softmax", "training")

# Runs a page inside the script thread and appends the body's time (ms) to a log.
TIMED = textwrap.dedent("""
    import runpy, sys, time
    sys.path.insert(0, {root!r})
    t0 = time.perf_counter()
    runpy.run_path({path!r}, run_name="__main__")
    with open({log!r}, "a") as log:
        log.write(f"{{(time.perf_counter() - t0) * 1e3}}\\n")
""")

# The baseline: the same charts' shapes, built the plain way; nothing else on the page.
BARE = textwrap.dedent("""
    import numpy as np
    import plotly.graph_objects as go
    import streamlit as st

    CHARTS = {charts!r}  # per chart: per trace ("scatter", n) or ("heatmap", rows, cols)
    rng = np.random.default_rng(0)
    for i, traces in enumerate(CHARTS):
        fig = go.Figure()
        for kind, *shape in traces:
            if kind == "heatmap":
                fig.add_trace(go.Heatmap(z=rng.random(shape).astype(np.float32)))
            else:
                x = np.linspace(-6, 6, shape[0], dtype=np.float32)
                fig.add_trace(go.Scatter(x=x, y=np.tanh(x)))
        st.plotly_chart(fig, key=f"c{{i}}", theme="streamlit")
""")


def _length(value) -> tuple[int, ...]:
    """Shape of a trace array: a JSON list, or Plotly's {dtype, bdata, shape} typed array."""
    if isinstance(value, dict) and "bdata" in value:
        count = len(base64.b64decode(value["bdata"])) // np.dtype(value["dtype"]).itemsize
        shape = value.get("shape")
        if shape:
            return tuple(int(s) for s in str(shape).split(","))
        return (count,)
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return (len(value), len(value[0]))
        return (len(value),)
    return (0,)


def chart_shapes(specs: list[str]) -> list[list[tuple]]:
    """Per chart, per trace: ("heatmap", rows, cols) or ("scatter", points)."""
    shapes = []
    for spec in specs:
        traces = []
        for trace in json.loads(spec)["data"]:
            if "z" in trace and len(_length(trace["z"])) == 2:
                traces.append(("heatmap", *_length(trace["z"])))
            else:
                n = max(_length(trace.get(k))[0] for k in ("x", "y"))
                traces.append(("scatter", max(n, 1)))
        shapes.append(traces)
    return shapes


def measure(path: Path, tmp: Path, runs: int) -> dict:
    """Cold run, then warm reruns of ``path`` under AppTest, timed outside and inside."""
    from streamlit.testing.v1 import AppTest

    log = tmp / f"{path.stem}.log"
    shim = tmp / f"timed_{path.stem}.py"
    shim.write_text(TIMED.format(root=str(ROOT), path=str(path), log=str(log)))
    at = AppTest.from_file(str(shim), default_timeout=300)
    t0 = time.perf_counter()
    at.run()
    cold = (time.perf_counter() - t0) * 1e3
    if at.exception:
        raise RuntimeError(f"{path.name} raised: {at.exception[0].value}")
    wall = []
    for _ in range(runs):
        t0 = time.perf_counter()
        at.run()
        wall.append((time.perf_counter() - t0) * 1e3)
    script = [float(v) for v in log.read_text().split()][1:]
    specs = [el.proto.spec for el in at.get("plotly_chart")]
    return {"cold_ms": cold, "rerun_ms": statistics.median(wall),
            "script_ms": statistics.median(script), "charts": len(specs),
            "traces": sum(len(json.loads(s)["data"]) for s in specs),
            "bytes": sum(len(s.encode()) for s in specs), "specs": specs}


def bench_page(name: str, tmp: Path, runs: int) -> dict:
    page = measure(ROOT / "pages" / f"{name}.py", tmp, runs)
    bare_path = tmp / f"bare_{name}.py"
    bare_path.write_text(BARE.format(charts=chart_shapes(page["specs"])))
    bare = measure(bare_path, tmp, runs)
    return {"page": name, **{k: v for k, v in page.items() if k != "specs"},
            "bare_rerun_ms": bare["rerun_ms"], "bare_script_ms": bare["script_ms"],
            "bare_bytes": bare["bytes"]}


def table(rows: list[dict], runs: int) -> str:
    lines = [
        f"Default view of each page; medians of {runs} warm reruns (one cold run first).",
        "",
        "| Page | Charts (traces) | Rerun ms | Script ms | Bare page: rerun ms | "
        "Bare: script ms | Cold run ms | Plotly JSON | Bare JSON |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['charts']} ({r['traces']}) | {r['rerun_ms']:.0f} | "
            f"{r['script_ms']:.0f} | {r['bare_rerun_ms']:.0f} | {r['bare_script_ms']:.0f} | "
            f"{r['cold_ms']:.0f} | {r['bytes'] / 1024:.0f} KiB | "
            f"{r['bare_bytes'] / 1024:.0f} KiB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="warm reruns per page")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    # AppTest's bare mode logs "missing ScriptRunContext" warnings that mean nothing here.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench_page(name, Path(tmp), args.runs) for name in args.pages]
    print(table(rows, args.runs))
    return rows


if __name__ == "__main__":
    main()

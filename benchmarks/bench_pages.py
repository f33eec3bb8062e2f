"""Every page's server-side rerun time at its default view, next to a bare page that draws
the same Plotly charts (same number of charts, traces and points) and nothing else, and the
Plotly JSON bytes each page sends.

Each page runs alone under AppTest, as a server runs it (compiled once, its language settled
for the run; see TIMED): one cold run, then ``--runs`` warm reruns of the same session
(caches filled, as for a visitor moving a widget). Reported per page: the median
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
from streamlit.runtime.scriptrunner.script_cache import ScriptCache

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("home", "curves", "gradient_flow", "softmax", "training", "playground")

# Runs a page inside the script thread as a server runs it, and appends the body's time (ms)
# to a log. As `st.Page.run`: the bytecode comes from a script cache that lives as long as
# the process (AppTest makes a new cache each run, and compiling softmax.py with Streamlit's
# magic again every run was most of its time), and the page runs in a fresh __main__
# module. As app.py: the run's language is settled (`i18n.run_scope`), not looked up again
# for each of the page's texts.
TIMED = textwrap.dedent("""
    import sys, time, types
    sys.path.insert(0, {root!r})
    from benchmarks import bench_pages  # imported once a process: its SCRIPTS outlive runs
    from ui import i18n
    t0 = time.perf_counter()
    code = bench_pages.SCRIPTS.get_bytecode({path!r})
    module = types.ModuleType("__main__")
    module.__dict__["__file__"] = {path!r}
    with i18n.run_scope(settle_now=True):
        exec(code, module.__dict__)
    with open({log!r}, "a") as log:
        log.write(f"{{(time.perf_counter() - t0) * 1e3}}\\n")
""")
SCRIPTS = ScriptCache()  # one per process, as the server's Runtime keeps one

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


def timed_shim(path: Path, tmp: Path) -> tuple[Path, Path]:
    """A script in ``tmp`` that runs ``path`` as a server does (see TIMED); and its log."""
    log = tmp / f"{path.stem}.log"
    shim = tmp / f"timed_{path.stem}.py"
    shim.write_text(TIMED.format(root=str(ROOT), path=str(path), log=str(log)))
    return shim, log


def start(path: Path, tmp: Path) -> dict:
    """``path`` under AppTest through the timing shim, after its cold run."""
    from streamlit.testing.v1 import AppTest

    shim, log = timed_shim(path, tmp)
    at = AppTest.from_file(str(shim), default_timeout=300)
    t0 = time.perf_counter()
    at.run()
    cold = (time.perf_counter() - t0) * 1e3
    if at.exception:
        raise RuntimeError(f"{path.name} raised: {at.exception[0].value}")
    return {"at": at, "log": log, "cold_ms": cold, "wall": []}


def specs(run: dict) -> list[str]:
    return [el.proto.spec for el in run["at"].get("plotly_chart")]


def summary(run: dict) -> dict:
    """A started script's medians (warm reruns only), charts and Plotly bytes."""
    script = [float(v) for v in run["log"].read_text().split()][1:]
    sent = specs(run)
    return {"cold_ms": run["cold_ms"], "rerun_ms": statistics.median(run["wall"]),
            "script_ms": statistics.median(script), "charts": len(sent),
            "traces": sum(len(json.loads(s)["data"]) for s in sent),
            "bytes": sum(len(s.encode()) for s in sent)}


def bench_page(name: str, tmp: Path, runs: int) -> dict:
    """A page and its bare page: ``runs`` rounds in which each reruns once, taken in turn so
    that a slow spell of this shared machine falls on both."""
    page = start(ROOT / "pages" / f"{name}.py", tmp)
    bare_path = tmp / f"bare_{name}.py"
    bare_path.write_text(BARE.format(charts=chart_shapes(specs(page))))
    bare = start(bare_path, tmp)
    for _ in range(runs):
        for run in (page, bare):
            t0 = time.perf_counter()
            run["at"].run()
            run["wall"].append((time.perf_counter() - t0) * 1e3)
    page, bare = summary(page), summary(bare)
    return {"page": name, **page, "bare_rerun_ms": bare["rerun_ms"],
            "bare_script_ms": bare["script_ms"], "bare_bytes": bare["bytes"]}


def table(rows: list[dict], runs: int) -> str:
    lines = [
        f"Default view of each page; medians of {runs} warm reruns (one cold run first), "
        "the page's and its bare page's taken in turn.",
        "",
        "| Page | Charts (traces) | Rerun ms | Script ms | Bare page: rerun ms | "
        "Bare: script ms | Page / bare | Cold run ms | Plotly JSON | Bare JSON |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['charts']} ({r['traces']}) | {r['rerun_ms']:.0f} | "
            f"{r['script_ms']:.0f} | {r['bare_rerun_ms']:.0f} | {r['bare_script_ms']:.0f} | "
            f"{r['rerun_ms'] / r['bare_rerun_ms']:.2f}x | "
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

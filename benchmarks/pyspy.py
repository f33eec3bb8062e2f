"""Where a Streamlit server's CPU goes under load: py-spy on its processes, per page.

`benchmarks/load.py --profile` starts `start` on every server process for the N-session
phase and prints `report`. Only threads holding the GIL are sampled: that is the time
that makes every other session of the process wait. py-spy needs ptrace (root, or
CAP_SYS_PTRACE in a container); install it with ``.venv/bin/python -m pip install py-spy``.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start(pids: list[int], seconds: float,
          names: list[str]) -> list[tuple[subprocess.Popen, Path]]:
    """py-spy on each process for ``seconds``: collapsed stacks of the threads that hold
    the GIL, 100 samples a second (one sample = 10 ms of the GIL), into
    ``artifacts/profile-<name>.txt``."""
    spy = Path(sys.executable).with_name("py-spy")
    if not spy.exists():
        raise SystemExit(f"--profile needs py-spy: {sys.executable} -m pip install py-spy")
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    runs = []
    for pid, name in zip(pids, names):
        path = out / f"profile-{name}.txt"
        # --nonblocking: sampling must not pause the server it measures.
        cmd = [str(spy), "record", "--pid", str(pid), "--gil", "--rate", "100", "--nonblocking",
               "--nolineno", "--format", "raw", "--duration", str(int(seconds)),
               "--output", str(path)]
        runs.append((subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL), path))
    return runs


def report(runs: list[tuple[subprocess.Popen, Path]], steps: Counter,
           pages: dict[str, str]) -> list[str]:
    """Each page's GIL time per step (``steps``: url path -> steps served; ``pages``: page
    file stem -> url path), and the functions where the GIL time goes."""
    stacks: Counter = Counter()
    for proc, path in runs:
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        if path.exists():
            for line in path.read_text().splitlines():
                stack, _, count = line.rpartition(" ")
                if count.isdigit():
                    stacks[stack] += int(count)
    total = sum(stacks.values())
    if not total:
        return ["Profile: no samples (py-spy needs ptrace: CAP_SYS_PTRACE in a container)."]
    own: Counter = Counter()
    found: Counter = Counter()  # url path -> samples in its script; (path, "plotly") in charts
    below: dict[str, Counter] = {path: Counter() for path in pages.values()}
    for stack, count in stacks.items():
        frames = stack.split(";")
        own[frames[-1]] += count
        for name, path in pages.items():
            # py-spy names a page's frame by its file alone (pages/ is not on sys.path)
            marker = f"<module> ({name}.py)"
            if marker in frames:
                found[path] += count
                for frame in set(frames[frames.index(marker) + 1:]):
                    below[path][frame] += count
                if any(f.startswith("PlotlyMixin.plotly_chart ") for f in frames):
                    found[path, "plotly"] += count
    script = sum(n for stack, n in stacks.items() if "ScriptRunner._run_script " in stack)
    lines = [f"Profile (py-spy, GIL held, all server processes): {total * 10 / 1e3:.1f} s "
             f"of GIL time over {sum(steps.values())} steps; {100 * script / total:.0f}%"
             " in script runs, the rest in the server's event loop (websocket, messages).", "",
             "| Page | Steps | GIL ms per step, page script | of which st.plotly_chart |",
             "| --- | ---: | ---: | ---: |"]
    for name, path in pages.items():
        n = steps.get(path, 0)
        per = (f"{found[path] * 10 / n:.0f} | {found[path, 'plotly'] * 10 / n:.0f}"
               if n else "- | -")
        lines.append(f"| {name} | {n} | {per} |")
    for name, path in pages.items():
        if n := steps.get(path, 0):
            lines += ["", f"Inside the {name} page's script, GIL ms per step (inclusive):"]
            lines += [f"  {c * 10 / n:6.1f}  {frame}" for frame, c in below[path].most_common(12)]
    lines += ["", "Own time (the innermost frame), share of all GIL time:"]
    lines += [f"  {100 * c / total:5.1f}%  {frame}" for frame, c in own.most_common(12)]
    return lines

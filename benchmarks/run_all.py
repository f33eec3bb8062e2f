"""Every benchmark in turn, each as its own process, printing its figures (`make bench`).

    .venv/bin/python benchmarks/run_all.py [--sessions 20] [--seconds 60] [--no-browser]
    # the lecture hall (issue 16): 150 visitors on 1 and 2 processes, a crash, a profile
    .venv/bin/python benchmarks/run_all.py --load-only --sessions 150 --seconds 120 \
        --servers 1 2 --kill-one-after 40 --profile

Order: per-page rerun time and payload (bench_pages), the curves page in detail
(bench_curves), `simulate` vs PyTorch and the matmul floor (bench_simulate), slider to
chart in Chromium (bench_browser), a class's first visits fetching the frontend's files
through nginx (first_visit: Chromium and nginx), then concurrent sessions (load): one run per
``--servers`` count, then with ``--kill-one-after`` a run on the largest count that kills
one process, and with ``--profile`` a run on the largest count under py-spy (its own run:
the figures of the others are taken without a profiler attached). A script that is
missing is skipped; one that fails is reported and the rest still run. The exit status is
non-zero when any failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="for load.py")
    parser.add_argument("--seconds", type=float, default=60, help="for load.py, per phase")
    parser.add_argument("--servers", type=int, nargs="+", default=[1],
                        help="for load.py: one run per count of processes behind nginx")
    parser.add_argument("--kill-one-after", type=float, metavar="S",
                        help="for load.py: one more run that kills a process after S s")
    parser.add_argument("--profile", action="store_true",
                        help="for load.py: one more run under py-spy")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip bench_browser.py and first_visit.py (no Chromium needed; "
                             "load.py's default client speaks the websocket protocol)")
    parser.add_argument("--load-only", action="store_true", help="only the load.py runs")
    args = parser.parse_args(argv)

    runs = []
    if not args.load_only:
        runs += [("bench_pages.py", []), ("bench_curves.py", []), ("bench_simulate.py", [])]
        if not args.no_browser:
            runs += [("bench_browser.py", []),
                     ("first_visit.py", ["--visitors", "150", "--servers",
                                         str(max(args.servers))])]
    load = ["--sessions", str(args.sessions), "--seconds", str(args.seconds)]
    most = ["--servers", str(max(args.servers))]
    runs += [("load.py", [*load, "--servers", str(k)]) for k in args.servers]
    if args.kill_one_after is not None and max(args.servers) >= 2:
        runs.append(("load.py", [*load, *most, "--kill-one-after", str(args.kill_one_after)]))
    if args.profile:
        runs.append(("load.py", [*load, *most, "--profile"]))
    failed = []
    for script, extra in runs:
        path = HERE / script
        command = [sys.executable, str(path), *extra]
        print(f"\n## {script} {' '.join(extra)}".rstrip(), flush=True)
        if not path.exists():
            print("(not present: skipped)")
            continue
        t0 = time.perf_counter()
        result = subprocess.run(command, cwd=HERE.parent)
        print(f"({script}: {time.perf_counter() - t0:.0f} s, exit status {result.returncode})",
              flush=True)
        if result.returncode:
            failed.append(script)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

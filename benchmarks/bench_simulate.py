"""Benchmark: `activations.gradflow.simulate` against PyTorch and against its matmul floor.

A benchmark, not a test: it prints a table and asserts nothing. Default size: depth 50,
width 256, batch 512, float64 on the CPU.

    .venv/bin/python benchmarks/bench_simulate.py
    .venv/bin/python benchmarks/bench_simulate.py \
        --torch-path /tmp/torchenv/lib/python3.11/site-packages

Columns (best of ``--repeat`` runs, and the median):
- simulate: the whole call (drawing x, y and the weights, forward, backward).
- passes: only its forward and backward passes (the weights already drawn).
- torch: the same forward and backward with torch autograd (float64, CPU, weights given),
  keeping dL/dh for every layer as `simulate` does. Skipped when torch can't be imported.
  torch is not a dependency of the project; ``--torch-path`` appends a separate
  environment's site-packages to ``sys.path`` (after ours, so our NumPy is the one used).
- matmul floor: the three matrix products per layer alone (h W, h^T dz, dz W^T) on
  arrays of the same shapes; no activation, no allocation of the stored lists.

Thread counts are whatever NumPy's BLAS and torch pick by default (torch follows
``OPENBLAS_NUM_THREADS`` when it is set); the BLAS and any OPENBLAS_* variables in the
environment are printed, since they change the numbers. On a shared, busy machine wall
time is noise; single-threaded CPU time is steadier:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_simulate.py --clock cpu
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from activations import gradflow  # noqa: E402
from activations.gradflow import _backward, _forward  # noqa: E402

TORCH_ACTS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu", "gelu": "gelu"}


CLOCK = time.perf_counter  # --clock cpu: time.process_time (this process's CPU time)


def timed(fn, repeat):
    fn()  # warm up: first-touch page faults, BLAS buffers, torch's allocator
    times = []
    for _ in range(repeat):
        start = CLOCK()
        fn()
        times.append(CLOCK() - start)
    return min(times), statistics.median(times)


def bench_passes(act_name, depth, width, batch, repeat):
    """simulate's forward + backward alone, on weights drawn beforehand."""
    sim = gradflow.simulate(act_name, 1, width, batch)
    act, x, y = sim.activation, sim.x, sim.y
    rng = np.random.default_rng(0)
    weights = [rng.normal(0, 1 / np.sqrt(width), (width, width)) for _ in range(depth)]

    def run():
        with np.errstate(over="ignore", invalid="ignore"):
            zs, hats, inv, hs = _forward(act, {}, x, weights, 0.0, None, False)
            diff = hs[-1] - y
            _backward(act, {}, diff / diff.size, weights, zs, hats, inv, hs, None, False)

    return timed(run, repeat)


def bench_floor(depth, width, batch, repeat):
    rng = np.random.default_rng(0)
    h = rng.standard_normal((batch, width))
    dz = rng.standard_normal((batch, width))
    weights = [rng.standard_normal((width, width)) for _ in range(depth)]

    def run():
        for w in weights:
            h @ w
            h.T @ dz
            dz @ w.T

    return timed(run, repeat)


def bench_torch(torch, act_name, depth, width, batch, repeat):
    f = getattr(torch.nn.functional, TORCH_ACTS[act_name])
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(batch, width, dtype=torch.float64, generator=gen)
    y = torch.randn(batch, width, dtype=torch.float64, generator=gen)
    weights = [(torch.randn(width, width, dtype=torch.float64, generator=gen) / width**0.5)
               .requires_grad_() for _ in range(depth)]
    biases = [torch.zeros(width, dtype=torch.float64, requires_grad=True) for _ in range(depth)]

    def run():
        for p in (*weights, *biases):
            p.grad = None
        h0 = x.clone().requires_grad_()
        h, hs = h0, []
        for w, b in zip(weights, biases):
            h = f(h @ w + b)
            h.retain_grad()  # dL/dh_l for every layer, as simulate keeps
            hs.append(h)
        loss = 0.5 * torch.mean((h - y) ** 2)
        loss.backward()

    return timed(run, repeat)


def blas_info() -> str:
    config = getattr(np, "__config__", None)
    try:
        blas = config.CONFIG["Build Dependencies"]["blas"]
        return f"{blas['name']} {blas['version']}"
    except (AttributeError, KeyError, TypeError):
        return "unknown"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=50)
    parser.add_argument("--width", type=int, default=256)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--acts", nargs="+", default=["sigmoid", "tanh", "relu"])
    parser.add_argument("--torch-path", help="a site-packages folder holding torch")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall: perf_counter; cpu: process_time (use with 1 thread)")
    args = parser.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    if args.torch_path:
        sys.path.append(args.torch_path)
    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None and os.environ.get("OPENBLAS_NUM_THREADS", "").isdigit():
        torch.set_num_threads(int(os.environ["OPENBLAS_NUM_THREADS"]))

    d, w, b = args.depth, args.width, args.batch
    print(f"depth {d}, width {w}, batch {b}; float64; best / median of {args.repeat} runs, "
          f"{args.clock} clock")
    print(f"numpy {np.__version__} ({blas_info()}), {os.cpu_count()} CPUs")
    env = {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS", "OMP_", "MKL_"))}
    print(f"BLAS environment: {env or 'none set'}")
    if torch is not None:
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    else:
        print("torch: not importable, column skipped")

    floor = bench_floor(d, w, b, args.repeat)
    print(f"\nmatmul floor (3 per layer): {floor[0] * 1e3:8.1f} ms  (median {floor[1] * 1e3:.1f})")
    header = f"{'activation':<10} {'simulate':>16} {'passes':>16} {'torch':>16} " \
             f"{'passes/floor':>13} {'passes/torch':>13}"
    print(header)
    for act in args.acts:
        sim = timed(lambda a=act: gradflow.simulate(a, d, w, b), args.repeat)
        passes = bench_passes(act, d, w, b, args.repeat)
        tor = bench_torch(torch, act, d, w, b, args.repeat) if torch is not None else None

        def cell(t):
            return f"{t[0] * 1e3:7.1f} ({t[1] * 1e3:6.1f})" if t else f"{'-':>16}"

        vs_torch = f"{passes[0] / tor[0]:13.2f}" if tor else f"{'-':>13}"
        print(f"{act:<10} {cell(sim)} {cell(passes)} {cell(tor)} "
              f"{passes[0] / floor[0]:13.2f} {vs_torch}")
    print("\ntimes in ms: best (median)")


if __name__ == "__main__":
    main()

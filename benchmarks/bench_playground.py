"""Benchmark: the playground's training against PyTorch, and the size of its playback.

A benchmark, not a test: it prints figures and asserts nothing.

    .venv/bin/python benchmarks/bench_playground.py
    .venv/bin/python benchmarks/bench_playground.py \
        --torch-path /work/torchvenv/lib/python3.11/site-packages

1. Training: 2 hidden layers of 8 tanh units, 500 points (moons), 500 full-batch Adam
   steps, 50 snapshots on a 50x50 grid, with `training.train_mlp`; next to it the same
   training written plainly in torch (float64, CPU, autograd, ``torch.optim.Adam``, the same
   starting weights) recording the loss after every step and the same 50 snapshots (the
   units' and the output's values on the grid, under ``no_grad``). Best and median of
   ``--repeat`` runs. torch is not a dependency: ``--torch-path`` appends another
   environment's site-packages to ``sys.path`` (after ours); without torch that column is
   skipped.
2. Playback: the bytes of Plotly JSON of the page's figure at its default view (what
   Streamlit sends: ``plotly.io.to_json``), its frame count, and the same for the largest
   network the page allows (6 layers of 8 units, 7 features, 5 classes).
3. With ``--browser``: playback speed in Chromium. The app runs on a free loopback port;
   the playground opens at its default view (1280x900), and Play is pressed ``--plays``
   times (back to the first frame in between); each time the frames per second from the
   first frame shown to the last (Plotly's ``plotly_animatingframe`` events).

    .venv/bin/python benchmarks/bench_playground.py --browser
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly.io as pio  # noqa: E402

from activations import datasets, training  # noqa: E402
from activations.figures import network as figs  # noqa: E402
from activations.mlp import grid_box  # noqa: E402

HIDDEN, POINTS, STEPS, SNAPSHOTS, GRID = (8, 8), 500, 500, 50, 50


def timed(fn, repeat):
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def ours(X, y):
    return training.train_mlp((X, y), hidden=HIDDEN, activation="tanh", optimizer="adam",
                              steps=STEPS, snapshot_every=STEPS // SNAPSHOTS,
                              snapshot_grid=GRID)


def torch_run(torch, X, y, w0, b0):
    Ws = [torch.tensor(w.T.copy(), requires_grad=True) for w in w0]
    bs = [torch.tensor(b.copy(), requires_grad=True) for b in b0]
    opt = torch.optim.Adam([*Ws, *bs], lr=training.TRAIN_LR["adam"])
    Xt, yt = torch.tensor(X), torch.tensor(y)
    gx, gy = grid_box(X, GRID)
    xx, yy = np.meshgrid(gx, gy)
    grid = torch.tensor(np.column_stack([xx.ravel(), yy.ravel()]))
    bce = torch.nn.functional.binary_cross_entropy_with_logits

    def forward(points):
        h, units = points, []
        for W, b in zip(Ws[:-1], bs[:-1]):
            h = torch.tanh(h @ W.T + b)
            units.append(h)
        return (h @ Ws[-1].T + bs[-1])[:, 0], units

    losses, snaps = [], []
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        bce(forward(Xt)[0], yt).backward()
        opt.step()
        with torch.no_grad():
            losses.append(bce(forward(Xt)[0], yt).item())
            if step % (STEPS // SNAPSHOTS) == 0:
                s, units = forward(grid)
                snaps.append((torch.sigmoid(s).numpy(), [u.numpy() for u in units]))
    return np.array(losses), snaps


def playback_bytes(result, fn_names, labels, classes):
    texts = figs.Texts(class_names=tuple(f"Class {k}" for k in range(classes)))
    start = time.perf_counter()
    fig = figs.network_figure(result, texts=texts, fn_names=fn_names, feature_labels=labels)
    built = time.perf_counter() - start
    return len(pio.to_json(fig, validate=False)), len(fig.frames), built


REWIND_JS = """() => {
    const gd = document.querySelector('.st-key-playground .js-plotly-plot');
    return Plotly.animate(gd, [gd._transitionData._frames[0].name], {
        frame: {duration: 0, redraw: false}, transition: {duration: 0}, mode: 'immediate'});
}"""


def browser_playback(plays):
    """Frames per second of each of ``plays`` playbacks at the page's default view."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import (
        CHROMIUM_FLAGS, _chromium_path, _free_port, open_page, start_server, wait_charts,
    )
    from tests.browser.test_network import PLAY_JS

    port = _free_port()
    server = start_server(port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            open_page(page, f"http://127.0.0.1:{port}/playground", timeout=120_000)
            wait_charts(page, timeout=120_000)
            out = []
            for _ in range(plays):
                page.evaluate(REWIND_JS)
                times = [t for t, _ in page.evaluate(PLAY_JS)["frames"]]
                out.append(((len(times) - 1) / ((times[-1] - times[0]) / 1000), len(times)))
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--torch-path", default=None)
    parser.add_argument("--browser", action="store_true",
                        help="also measure playback in Chromium (needs playwright)")
    parser.add_argument("--plays", type=int, default=5)
    args = parser.parse_args(argv)
    if args.torch_path:
        sys.path.append(args.torch_path)

    X, y = datasets.load("moons", n=POINTS, noise=0.1, seed=0)
    print(f"## training: {HIDDEN} tanh, {POINTS} points, {STEPS} Adam steps, "
          f"{SNAPSHOTS} snapshots on {GRID}x{GRID}")
    best, median = timed(lambda: ours(X, y), args.repeat)
    print(f"numpy (train_mlp)  best {best * 1e3:8.1f} ms   median {median * 1e3:8.1f} ms")
    try:
        import torch
    except ImportError:
        print("torch              not importable: skipped (see --torch-path)")
    else:
        torch.set_num_threads(1)
        r = ours(X, y)
        losses, _ = torch_run(torch, X, y, r.initial_weights, r.initial_biases)
        gap = float(np.max(np.abs(losses - r.loss_history) / r.loss_history))
        tb, tm = timed(lambda: torch_run(torch, X, y, r.initial_weights, r.initial_biases),
                       args.repeat)
        print(f"torch {torch.__version__:<12} best {tb * 1e3:8.1f} ms   median {tm * 1e3:8.1f} ms"
              f"   (1 thread; loss histories agree to {gap:.1e} relative)")
        print(f"ratio numpy/torch  {best / tb:.2f} (best), {median / tm:.2f} (median)")

    print("\n## playback JSON (what Streamlit sends)")
    Xc, yc = datasets.load("circles", n=200, noise=0.1, seed=0)
    default = training.train_mlp((Xc, yc), hidden=(4, 2), activation=["tanh", "tanh"],
                                 steps=500, snapshot_every=5, test_fraction=0.3)
    size, frames, built = playback_bytes(default, ["Tanh"] * 2, ["x₁", "x₂"], 2)
    print(f"default view (circles, 4-2 tanh, 500 steps): {size / 1e6:.3f} MB, "
          f"{frames} frames, built in {built:.2f} s")
    feats7 = ("x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2")
    big = training.train_mlp("blobs", classes=5, hidden=(8,) * 6, steps=500, snapshot_every=5,
                             features=feats7, test_fraction=0.3)
    size, frames, built = playback_bytes(big, ["Tanh"] * 6, list("abcdefg"), 5)
    print(f"largest network (6x8 tanh, 7 features, 5 classes): {size / 1e6:.3f} MB, "
          f"{frames} frames, built in {built:.2f} s")

    if args.browser:
        print("\n## playback in Chromium (default view, 1280x900)")
        runs = browser_playback(args.plays)
        for fps, frames in runs:
            print(f"{frames} frames at {fps:5.1f} frames per second")
        rates = sorted(fps for fps, _ in runs)
        print(f"median {statistics.median(rates):.1f}, slowest {rates[0]:.1f} frames per second")


if __name__ == "__main__":
    main()

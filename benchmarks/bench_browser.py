"""Time from a slider change to the chart updating, in Chromium, on one server.

For the curves page (``?fn=leaky_relu``: the negative-slope slider, watching f) and the
softmax page (the temperature slider, watching the softmax chart): open the page, then
``--repeats`` times press an arrow key on the slider (right, then left, so the value goes
back and forth) and wait until the chart's data in the page differs from before. The time
runs from the key press to the first poll that sees the new data (polled every animation
frame): the browser's event, the websocket round trip, the server's rerun and Plotly's
redraw. Prints the median, the fastest and the slowest per page. Numbers only.

    .venv/bin/python benchmarks/bench_browser.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402  (the browser tests' server and helpers)
    CHROMIUM_FLAGS, _chromium_path, _free_port, open_page, start_server,
)

# page path (with query), slider key, chart key
CASES = {
    "curves": ("curves?fn=leaky_relu", "p0_negative_slope", "chart_f"),
    "softmax": ("softmax", "T", "views"),
}

# The watched chart's traces as one string: cheap enough to poll every frame.
DATA_JS = """(key) => {
    const el = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    return el && el.data ? JSON.stringify(el.data) : null;
}"""


def time_slider(pg, slider: str, chart: str, repeats: int) -> list[float]:
    thumb = pg.locator(f".st-key-{slider} input[type=range]").first
    times = []
    for i in range(repeats):
        before = pg.evaluate(DATA_JS, chart)
        thumb.focus()
        t0 = time.perf_counter()
        thumb.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        pg.wait_for_function(f"([key, before]) => ({DATA_JS})(key) !== before",
                             arg=[chart, before], polling="raf", timeout=60_000)
        times.append((time.perf_counter() - t0) * 1e3)
        # the next press waits for this rerun to finish
        pg.wait_for_function("""() => document.querySelector('[data-testid="stApp"]')
            .getAttribute('data-test-script-state') === 'notRunning'""")
    return times


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = start_server(port)
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_FLAGS)
            for name, (path, slider, chart) in CASES.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                pg = context.new_page()
                pg.set_default_timeout(60_000)
                open_page(pg, f"http://127.0.0.1:{port}/{path}")
                results[name] = time_slider(pg, slider, chart, args.repeats)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Slider change to chart updated, in Chromium (headless), {args.repeats} changes "
          "per page after the page has loaded:")
    print()
    print("| Page | Slider | Median ms | Fastest ms | Slowest ms |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, times in results.items():
        print(f"| {name} | `{CASES[name][1]}` | {statistics.median(times):.0f} | "
              f"{min(times):.0f} | {max(times):.0f} |")
    return results


if __name__ == "__main__":
    main()

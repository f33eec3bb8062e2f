"""The floor under `load.py`'s figures: the app cut down to what no page can leave out.

`load.py` asks how the app holds up when a class uses it at once. This asks what any
version of it could reach on the same machine: it builds a *twin* of the app in a
temporary folder and runs `load.py` on the twin with the same arguments. The twin keeps

- the navigation (the same pages, titles and URLs), the run gate and the socket settings
  of `app.py`, and the server configuration (`.streamlit/`, the working directory);
- on each page, the widget `load.py` changes (the same key and kind), and
- the page's charts, byte for byte: the figures the real page sends at its default view
  and after `load.py`'s change (taken from a real server, as `load.py` sees them), drawn through
  `ui.frame.chart` from figures kept across sessions, as the real pages draw theirs;

and nothing else: no text, no other widget, no layout, no sidebar controls. A page that
draws its charts cannot do less work per step than its twin, so the twin's server CPU per
step and its latencies at N visitors are a floor under the real app's; the gap between the
two is what the pages' own text, controls and layout cost, which is the part a redesign
can cut. (Its p95 ratio is not a bound on the app's: a lone visitor of the twin is faster
too.)

    .venv/bin/python benchmarks/floor.py --sessions 150 --seconds 60 --servers 4
    .venv/bin/python benchmarks/floor.py --keep /tmp/twin --sessions 1 --seconds 10

Every `load.py` option is passed on, except ``--app`` (the twin's). ``--keep DIR`` builds
the twin in DIR and leaves it there, to look at or to serve by hand; DIR must be new,
empty, or a twin built before (which is emptied first).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402
from benchmarks.stclient import Session  # noqa: E402
from tests.browser.conftest import _free_port, start_server  # noqa: E402
from ui.frame import PAGES as APP_PAGES  # noqa: E402

# The twin's entry point: app.py's navigation and run gate, nothing drawn around the page.
APP = '''"""The chart-only twin of app.py (benchmarks/floor.py)."""
import streamlit as st

from ui import frame, nodelay
from ui.gate import GATE
from ui.i18n import t

st.set_page_config(page_title="Activation Explorer", page_icon=":material/show_chart:",
                   layout="wide")
nodelay.once()
with GATE.turn():
    st.navigation([
        st.Page(path, title=t(f"app.{key}"), icon=icon, default=(key == "home"),
                url_path="index" if key == "home" else key)
        for key, (path, icon) in frame.PAGES.items()
    ]).run()
'''

# A twin page: the widget (value 50 or 6 by default: load.py's change moves it off that),
# then each chart as the real page drew it at that value or after the change. A figure is
# read from its file once per process (`cached.kept`), like a real page's cached figure.
PAGE = '''from pathlib import Path

import orjson
import streamlit as st

from activations.figures.spec import SpecFigure
from ui import cached
from ui.frame import chart


def figure(path):
    """The figure of a JSON file, handed to `chart` as the JSON's own dict: the same bytes."""
    fig = SpecFigure({{}})
    fig.__dict__["_plotly_dict"] = orjson.loads(path.read_bytes())
    return fig


CHARTS = {charts!r}  # (chart key, whether the change redraws it)
SPECS = Path(__file__).parents[1] / "specs"
{widget}
for key, redrawn in CHARTS:
    view = "changed" if redrawn and value != DEFAULT else "default"
    name = f"{page}-{{key}}-{{view}}.json"
    chart(cached.kept(("floor", name), lambda: figure(SPECS / name)), key=key, filename=key,
          alt=key)
'''
WIDGETS = {
    None: "value = DEFAULT = None",
    "slider": 'DEFAULT = 50\nvalue = st.slider({key!r}, 0, 100, DEFAULT, key={key!r})',
    "number": 'DEFAULT = 6\nvalue = st.number_input({key!r}, 0, 100, DEFAULT, key={key!r})',
}


async def _views(base: str) -> dict[str, list[list]]:
    """Per page: [chart key, its JSON at the default view, its JSON after `load.py`'s
    change (None on a page without one)], from the real app at ``base``."""
    out = {}
    async with Session(base) as tab:
        for path, _, kind, key in load.PAGES:
            before = (await tab.open(path)).charts
            after = {}
            if kind is not None:
                run = await load._protocol_change(tab, kind, key)()
                if not run.ok:
                    raise RuntimeError(f"/{path}: {run.status} {run.exception}")
                after = run.charts
            out[path or "home"] = [[k, spec, after.get(k)] for k, spec in before.items()]
    return out


def build(folder: Path) -> Path:
    """Write the twin into ``folder``, from the real app's charts; returns its entry point."""
    port = _free_port()
    server = start_server(port)
    try:
        charts = asyncio.run(_views(f"http://127.0.0.1:{port}"))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return write_twin(folder, charts)


def write_twin(folder: Path, charts: dict[str, list[list]]) -> Path:
    """Write the twin of the app whose pages draw ``charts`` (see `_views`) into
    ``folder``; returns its entry point."""
    changes = {path or "home": (kind, key) for path, _, kind, key in load.PAGES}
    for sub in ("pages", "specs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for name, (script, _) in APP_PAGES.items():
        kind, key = changes.get(name, (None, None))
        views = charts.get(name, [])  # a page load.py does not visit: its frame only
        for chart, default, changed in views:
            for view, spec in (("default", default), ("changed", changed)):
                if spec is not None:
                    (folder / "specs" / f"{name}-{chart}-{view}.json").write_text(spec)
        (folder / script).write_text(PAGE.format(
            page=name, charts=[(chart, changed is not None) for chart, _, changed in views],
            widget=WIDGETS[kind].format(key=key)))
    (folder / "app.py").write_text(APP)
    return folder / "app.py"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    parser.add_argument("--keep", type=Path, help="build the twin here and leave it")
    ours, rest = parser.parse_known_args(argv)
    if "--app" in rest:
        parser.error("--app is the twin's")
    if ours.keep is not None:
        if ours.keep.exists() and any(ours.keep.iterdir()):
            if not _is_twin(ours.keep):
                parser.error(f"--keep {ours.keep}: not empty and not a twin; not touched")
            shutil.rmtree(ours.keep)
        return _run(build(ours.keep), rest)
    with tempfile.TemporaryDirectory(prefix="floor-") as tmp:
        return _run(build(Path(tmp)), rest)


def _is_twin(folder: Path) -> bool:
    """Whether ``folder`` holds a twin this script wrote (its entry point, as written)."""
    try:
        return (folder / "app.py").read_text() == APP
    except OSError:
        return False


def _run(app: Path, rest: list[str]) -> dict:
    print(f"The chart-only twin of the app ({app.parent}):", flush=True)
    return load.main([*rest, "--app", str(app)])


if __name__ == "__main__":
    main()

"""Nothing mutable is shared between visitors' sessions.

One Streamlit server serves every visitor from one Python process. Page scripts are run
afresh on every rerun (their module-level names are per run), but the modules they import
(`ui`, `activations`) are loaded once and shared by all sessions, and so are the values
returned by ``st.cache_resource`` (the same object for every session; ``st.cache_data``
hands each caller a copy). So:

- no module of `ui/` or `activations/` holds a module-level list, dict, set or other
  container that code in the project mutates while sessions run (found with `ast`; the
  detector is checked against a planted example first);
- every object a ``st.cache_resource`` function returns is left exactly as it was built
  after every page has run in several sessions and states (checked at run time: the
  decorator is wrapped to fingerprint each value when it is made).
"""

from __future__ import annotations

import ast
import functools
import importlib
import pickle
import textwrap
from pathlib import Path

import numpy as np
import pytest

from ui import cached, memo

ROOT = Path(__file__).resolve().parents[1]
SHARED = sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "activations").rglob("*.py")])
EVERYTHING = sorted([*SHARED, ROOT / "app.py", *(ROOT / "pages").glob("*.py")])

MUTABLE_CALLS = {"list", "dict", "set", "defaultdict", "OrderedDict", "deque", "Counter",
                 "bytearray", "ChainMap"}
MUTATORS = {"append", "extend", "insert", "pop", "popitem", "remove", "clear", "update",
            "setdefault", "add", "discard", "sort", "reverse", "appendleft", "extendleft",
            "difference_update", "intersection_update", "symmetric_difference_update",
            "__setitem__", "__delitem__"}


# ---------------------------------------------------------------- the static check


def _is_mutable(value: ast.expr) -> bool:
    if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp,
                          ast.SetComp)):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name in MUTABLE_CALLS
    return False


def module_level_mutables(tree: ast.Module) -> dict[str, int]:
    """``{name: line}`` of module-level names bound to a mutable container."""
    found = {}
    for node in tree.body:
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        if value is not None and _is_mutable(value):
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.lineno
    return found


def _root_name(node: ast.expr) -> str | None:
    """The name a chain like ``NAME[...]``, ``mod.NAME`` or ``NAME.attr[...]`` ends at
    (for ``mod.NAME`` the attribute, so cross-module mutations count too)."""
    while isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def mutations(tree: ast.Module) -> list[tuple[str, int]]:
    """``(name, line)`` for every in-place change of a container reached by name."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in MUTATORS:
            found.append((_root_name(node.func.value), node.lineno))
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) \
                else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) or (
                        isinstance(node, ast.AugAssign) and isinstance(target, ast.Name)):
                    found.append((_root_name(target), node.lineno))
        elif isinstance(node, ast.Global):
            found += [(name, node.lineno) for name in node.names]
    return [(name, line) for name, line in found if name]


def _enclosing_functions(tree: ast.Module) -> dict[int, str]:
    """Line -> name of the innermost function whose body holds it (module level: absent)."""
    inside = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            name = getattr(node, "name", "<lambda>")
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                # ast.walk goes outside in, so an inner function overwrites its outer one
                inside[line] = name
    return inside


def _is_script(path: str) -> bool:
    """`app.py` and the pages run from the top on every rerun."""
    return path == "app.py" or path.startswith("pages/")


def _run_time_callees(trees: dict[str, ast.Module]) -> set[str]:
    """Names of functions called while sessions run: from inside a function, or anywhere
    in a script (`app.py`, a page)."""
    called = set()
    for path, tree in trees.items():
        inside = _enclosing_functions(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (_is_script(path) or node.lineno in inside):
                func = node.func
                called.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return called


def shared_state_offenders(shared: dict[str, str], everything: dict[str, str]) -> list[str]:
    """Module-level containers in ``shared`` sources that any source mutates at run time.

    A change made while modules are imported (a registry filled by ``register(...)`` calls
    at module level) happens once per process, before any session: that is allowed. A
    change in a script, or inside a function that is called at run time, is not.
    """
    owners = {}
    for path, source in shared.items():
        for name, line in module_level_mutables(ast.parse(source)).items():
            owners.setdefault(name, []).append(f"{path}:{line}")
    trees = {path: ast.parse(source) for path, source in everything.items()}
    run_time = _run_time_callees(trees)
    offenders = []
    for path, tree in trees.items():
        inside = _enclosing_functions(tree)
        for name, line in mutations(tree):
            function = inside.get(line)
            if name in owners and (_is_script(path) or function in run_time):
                offenders.append(f"{name} (defined {', '.join(owners[name])}) "
                                 f"changed at {path}:{line}"
                                 + (f" in {function}()" if function else ""))
    return offenders


def _sources(paths) -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in paths}


def test_detector_finds_planted_shared_state():
    shared = {"ui/planted.py": textwrap.dedent("""
        HISTORY = []
        SEEN: dict = {}
        LIMITS = (1, 2)              # a tuple: fine
        NAMES = list(("a", "b"))     # never changed: fine

        REGISTRY = {}                # filled at import only: fine

        def register(key, value):
            REGISTRY[key] = value

        register("a", 1)

        def remember(x):
            HISTORY.append(x)

        def count():
            global LIMITS
            LIMITS = (0, 0)
    """)}
    pages = {"pages/p.py": textwrap.dedent("""
        import planted
        planted.SEEN['k'] = 1

        def on_click():
            planted.remember(2)
    """)}
    found = shared_state_offenders(shared, {**shared, **pages})
    assert any(f.startswith("HISTORY") and "in remember()" in f for f in found), found
    assert any(f.startswith("SEEN") and "pages/p.py:3" in f for f in found), found
    assert not any(f.startswith(("NAMES", "LIMITS", "REGISTRY")) for f in found), found


def test_no_shared_module_state_is_mutated():
    assert len(SHARED) > 10
    offenders = shared_state_offenders(_sources(SHARED), _sources(EVERYTHING))
    assert not offenders, "\n".join(offenders)


# ---------------------------------------------------------------- the run-time check


def fingerprint(value) -> bytes:
    """A byte string that changes whenever ``value``'s content does."""
    if hasattr(value, "to_plotly_json"):  # a Plotly figure
        return value.to_json().encode()
    if isinstance(value, np.ndarray):
        return repr((value.shape, value.dtype.str)).encode() + value.tobytes()
    if isinstance(value, (list, tuple)):
        return b"[" + b"|".join(fingerprint(v) for v in value) + b"]"
    if isinstance(value, dict):
        return b"{" + b"|".join(repr(k).encode() + b":" + fingerprint(v)
                                for k, v in sorted(value.items(), key=repr)) + b"}"
    try:
        return pickle.dumps(value)
    except Exception:  # not picklable: its repr is the best we have
        return repr(value).encode()


@pytest.fixture
def watched_resources(monkeypatch):
    """Wrap ``st.cache_resource`` and `ui.memo`'s stores (the two ways a value is shared)
    so each value is fingerprinted when it is made."""
    import streamlit as st

    made = []
    real = st.cache_resource

    def record(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            value = func(*args, **kwargs)
            made.append((func.__qualname__, value, fingerprint(value)))
            return value
        return wrapper

    class Watched:
        def __call__(self, func=None, **kwargs):
            if func is None:
                return lambda f: real(**kwargs)(record(f))
            return real(record(func))

        def __getattr__(self, name):
            return getattr(real, name)

    real_get = memo.Shared.get

    def watched_get(store, key, build):
        def recorded():
            value = build()
            made.append((store.name, value, fingerprint(value)))
            return value
        return real_get(store, key, recorded)

    real.clear()
    memo.clear_all()
    monkeypatch.setattr(st, "cache_resource", Watched())
    monkeypatch.setattr(memo.Shared, "get", watched_get)
    # The pages' cached functions live in ui/cached.py, decorated when it is imported:
    # made again under the watch, and again after it (the real decorator back).
    importlib.reload(cached)
    yield made
    monkeypatch.undo()
    importlib.reload(cached)
    real.clear()
    memo.clear_all()


PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def test_cached_resources_are_never_changed(apptest, watched_resources):
    """Run every page in two sessions (Korean in presentation mode; English, moving a
    slider one step and back, then rerunning): every cached resource stays as built.

    (The Korean session runs once: AppTest re-reads a widget's format_func outside the
    script, where the language is English, so a rerun there trips over translated options.)
    """
    for path in PAGES:
        at = apptest(path, lang="ko", run=False)
        at.session_state["present"] = True
        at.run()
        assert not at.exception, (path, [e.value for e in at.exception])
        at = apptest(path, lang="en")
        assert not at.exception, (path, [e.value for e in at.exception])
        sliders = [s for s in at.slider if not s.proto.disabled]
        if sliders:  # one step and back: the second is a cache hit
            slider = sliders[0]
            value, step, top = slider.value, slider.proto.step, slider.proto.max
            slider.set_value(value + step if value + step <= top else value - step).run()
            at.slider(key=slider.key).set_value(value).run()
        at.run()
        assert not at.exception, (path, [e.value for e in at.exception])
    watched = {name for name, _, _ in watched_resources}
    assert {"gallery_figure", "temperature_animation", "playground_run", "lab_run",
            "playground_figure", "kept", "sampled", "gradflow_profile", "dataset"} <= watched, \
        watched  # the check saw the shared objects, of both kinds
    changed = [name for name, value, before in watched_resources
               if fingerprint(value) != before]
    assert not changed, f"cached resources changed after they were made: {changed}"


def test_cache_resource_is_watched(watched_resources):
    """The run-time check sees a mutation when there is one (it is not vacuous)."""
    import streamlit as st

    @st.cache_resource
    def shared_list():
        return [1, 2]

    shared_list().append(3)
    assert [v for _, v, before in watched_resources if fingerprint(v) != before] == [[1, 2, 3]]


def test_memo_is_watched(watched_resources):
    """The same for `ui.memo`: a shared value changed after it was made is seen."""
    @memo.shared(max_entries=2)
    def shared_dict(n):
        return {"n": n}

    shared_dict(1)["n"] = 2
    assert shared_dict(1) == {"n": 2}  # the same object, as every session gets it
    assert [(name, v) for name, v, before in watched_resources if fingerprint(v) != before] \
        == [("test_memo_is_watched.<locals>.shared_dict", {"n": 2})]


# ---------------------------------------------------------------- keys across pages


def widget_keys(source: str) -> set[str]:
    """The literal ``key="..."`` arguments of a script's calls."""
    return {kw.value.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
            for kw in node.keywords
            if kw.arg == "key" and isinstance(kw.value, ast.Constant)
            and isinstance(kw.value.value, str)}


def test_pages_do_not_reuse_the_frames_keys():
    """The frame's controls (lang, present) are shared by every page; no page may use
    those keys for a widget of its own."""
    frame = widget_keys((ROOT / "app.py").read_text(encoding="utf-8"))
    assert {"lang", "present"} <= frame
    clashes = {path.name: sorted(frame & widget_keys(path.read_text(encoding="utf-8")))
               for path in sorted((ROOT / "pages").glob("*.py"))}
    assert not any(clashes.values()), clashes


def test_a_page_switch_starts_from_clean_widget_state():
    """Pages share some link keys on purpose (the issues name `act` and `seed` for both
    gradient flow and the training lab), with other types and ranges. A session keeps a
    keyed widget's value across a page switch, so gradient flow's width=128 would reach
    the training lab's 1..32 slider and fail ("The value 128 is greater than the max_value
    32"; tests/browser/test_pages.py has the browser version). The frame clears widget
    state when the page changes."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/gradient_flow.py").run()
    assert not at.exception
    at.slider(key="width").set_value(128).run()
    at.multiselect(key="act").set_value(["relu"]).run()
    assert not at.exception
    # A sidebar link opens the page with a clean address (tests/browser/test_pages.py checks
    # that in Chromium); AppTest's switch_page would keep the old query string.
    for key in list(at.query_params):
        del at.query_params[key]
    at.switch_page("pages/training.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.slider(key="width").value <= 32
    assert at.selectbox(key="act").value == "tanh"  # the training lab's default


def test_pages_define_no_cached_functions():
    """A page script runs on every rerun, and a ``@st.cache_*`` applied there reads and
    tokenizes its function's source each time to key the cache (1-2 ms of the interpreter
    lock per function and run). Cached functions live in ui/cached.py, imported once."""
    found = []
    for path in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("cache_data", "cache_resource"):
                found.append(f"{path.name}:{node.lineno}")
    assert not found, found

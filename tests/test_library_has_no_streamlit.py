"""The library stays importable without Streamlit (it is pure NumPy / SciPy / Plotly)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import run_fresh

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "activations"
SOURCES = sorted(LIBRARY.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = [_module_name(p) for p in SOURCES]


def test_the_library_is_found():
    assert "activations" in MODULES and "activations.functions" in MODULES
    assert "activations.registry" in MODULES


def test_every_module_imports_with_streamlit_blocked():
    # sys.modules[name] = None makes any `import streamlit` (or a submodule) raise
    # ImportError, so a hidden dependency anywhere in the import chain fails here.
    script = (
        "import importlib, json, sys\n"
        "sys.modules['streamlit'] = None\n"
        f"mods = {MODULES!r}\n"
        "for m in mods:\n"
        "    importlib.import_module(m)\n"
        "loaded = sorted(k for k in sys.modules if k.split('.')[0] == 'streamlit'"
        " and sys.modules[k] is not None)\n"
        "print(json.dumps({'imported': len(mods), 'streamlit': loaded}))\n"
    )
    report = run_fresh(script, warnings_as_errors=True)
    assert report == {"imported": len(MODULES), "streamlit": []}


def test_no_source_imports_streamlit():
    offenders = []
    pattern = re.compile(r"^\s*(import\s+streamlit|from\s+streamlit)\b", re.MULTILINE)
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        if pattern.search(text):
            offenders.append(f"{path.relative_to(ROOT)} (text)")
        # The AST also catches `import os, streamlit` and `import streamlit.x as y`.
        for node in ast.walk(ast.parse(text)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(n.split(".")[0] == "streamlit" for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders

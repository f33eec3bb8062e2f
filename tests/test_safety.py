"""Static guards: no user text rendered as HTML, no eval-like calls in app code."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP_FILES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py"),
                    *(ROOT / "activations").rglob("*.py")])


def _calls(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node


def test_files_found():
    assert len(APP_FILES) > 10


def _passes(call, name: str) -> bool:
    """Whether ``call`` has one positional argument, a call of the function ``name``."""
    arg = call.args[0] if len(call.args) == 1 else None
    return isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == name


def _is_static_css(path, call) -> bool:
    """An allowed ``st.html``: ui/frame.py passing its stylesheet (made of its static
    files alone: test_stylesheet_is_the_static_files below)."""
    return path == ROOT / "ui" / "frame.py" and not call.keywords and _passes(call, "stylesheet")


def _is_tour_keys(path, call) -> bool:
    """The other one, and the only script: ui/tourbar.py passing the tour's keys, the static
    file ui/tourkeys.js alone (test_the_tour_keys_are_the_static_file below)."""
    return (path == ROOT / "ui" / "tourbar.py" and _passes(call, "_script")
            and [(kw.arg, getattr(kw.value, "value", None)) for kw in call.keywords]
            == [("unsafe_allow_javascript", True)])


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("korean", [False, True])
def test_stylesheet_is_the_static_files(present, korean):
    from ui import frame
    sheets = [frame.SHEETS["base"]] + [frame.SHEETS["present"]] * present \
        + [frame.SHEETS["korean"]] * korean
    expected = "\n".join(p.read_text(encoding="utf-8") for p in sheets)
    assert frame.stylesheet(present, korean) == f"<style>{expected}</style>"


def test_nothing_renders_html():
    offenders = []
    for path in APP_FILES:
        for call in _calls(path):
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr == "html" \
                    and not (_is_static_css(path, call) or _is_tour_keys(path, call)):
                offenders.append(f"{path.name}:{call.lineno} st.html")
            for kw in call.keywords:
                if kw.arg == "unsafe_allow_html" or (kw.arg == "unsafe_allow_javascript"
                                                     and not _is_tour_keys(path, call)):
                    offenders.append(f"{path.name}:{call.lineno} {kw.arg}")
    assert not offenders, offenders


def test_the_tour_keys_are_the_static_file():
    """The one script the app sends is ui/tourkeys.js as it is: nothing from the visitor or
    the link is written into it, it cannot close its own script element, and all it does
    to the page is read the address and click a link of the banner."""
    from ui import tourbar

    code = (ROOT / "ui" / "tourkeys.js").read_text(encoding="utf-8")
    assert tourbar._script() == f"<script>{code}</script>"
    for banned in ("<", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                   "eval", "Function(", "fetch", "XMLHttpRequest", "WebSocket", "import(",
                   "cookie", "Storage", "location.href", "location.assign", "setAttribute",
                   "http"):
        assert banned not in code, banned


def test_no_eval_like_calls():
    # Builtins by bare name; SymPy's string parsers also as methods (re.compile is fine).
    banned_names = {"eval", "exec", "compile", "sympify", "parse_expr", "__import__"}
    banned_attrs = {"sympify", "parse_expr", "eval", "exec"}
    offenders = []
    for path in APP_FILES:
        for call in _calls(path):
            func = call.func
            if isinstance(func, ast.Name):
                name, banned = func.id, banned_names
            else:
                name, banned = getattr(func, "attr", None), banned_attrs
            if name in banned:
                offenders.append(f"{path.name}:{call.lineno} {name}")
    assert not offenders, offenders


@pytest.mark.parametrize("name", ["base", "present", "korean"])
def test_the_stylesheets_are_static_css(name):
    """What ui/frame.py hands to st.html is made of files of style rules: no markup, no
    script, nothing loaded from elsewhere."""
    import ui.frame

    sheet = ui.frame.SHEETS[name]
    assert sheet.suffix == ".css" and sheet.parent == ROOT / "ui"
    css = sheet.read_text(encoding="utf-8")
    for banned in ("<", ">", "@import", "url(", "expression(", "javascript:"):
        assert banned not in css, banned


def test_no_emoji_in_the_app():
    """Icons are Material icons (``:material/warning:``): an emoji renders as a box where no
    emoji font is installed (the fonts CI installs have none)."""
    import re

    emoji = re.compile("[\U0001F000-\U0001FAFF\uFE0F\u2600-\u26FF\u2705\u274C\u2728]")
    offenders = [f"{path.relative_to(ROOT)}:{i} {m.group()!r}"
                 for path in APP_FILES
                 for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 for m in emoji.finditer(line)]
    assert not offenders, offenders

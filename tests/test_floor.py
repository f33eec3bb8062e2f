"""`benchmarks/floor.py`'s twin draws what the real page sends, byte for byte, and nothing
else; the load tool serves whichever app it is given."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks import floor, load
from ui.frame import PAGES

TIMEOUT = 60


def _charts(at: AppTest) -> dict[str, str]:
    return {el.proto.id.split("-", 2)[-1]: el.proto.spec for el in at.get("plotly_chart")}


def test_twin_page_sends_the_real_pages_charts_byte_for_byte(tmp_path):
    real = AppTest.from_file(str(floor.ROOT / PAGES["curves"][0]), default_timeout=TIMEOUT).run()
    default = _charts(real)
    real.number_input(key="xmax").set_value(8).run()
    changed = _charts(real)
    assert set(default) == {"chart_f", "chart_df"} and default != changed

    app = floor.write_twin(tmp_path, {"curves": [[k, default[k], changed[k]] for k in default]})

    twin = AppTest.from_file(str(tmp_path / PAGES["curves"][0]), default_timeout=TIMEOUT).run()
    assert not twin.exception
    assert _charts(twin) == default
    # Only the charts and load.py's widget: no text, no other control, no layout.
    assert [el.type for el in twin.main.children.values()] == ["number_input", "plotly_chart", "plotly_chart"]
    twin.number_input(key="xmax").set_value(8).run()
    assert _charts(twin) == changed
    twin.number_input(key="xmax").set_value(6).run()
    assert _charts(twin) == default

    # Every page of the app is in the twin's navigation; those without charts are empty.
    assert {p.name for p in (tmp_path / "pages").iterdir()} == \
        {script.split("/")[-1] for script, _ in PAGES.values()}
    home = AppTest.from_file(str(app), default_timeout=TIMEOUT).run()
    assert not home.exception and not home.main.children


def test_twin_pages_carry_the_widget_load_py_changes(tmp_path):
    floor.write_twin(tmp_path, {})
    for path, _, kind, key in load.PAGES:
        source = (tmp_path / PAGES[path or "home"][0]).read_text()
        if kind is None:
            assert "st.slider" not in source and "st.number_input" not in source
        else:
            widget = {"slider": "st.slider", "number": "st.number_input"}[kind]
            assert f"{widget}({key!r}" in source and f"key={key!r}" in source


class _Started(Exception):
    pass


def test_load_serves_the_app_it_is_given(monkeypatch, tmp_path):
    """``--app`` reaches the processes started, directly or behind nginx."""
    twin = tmp_path / "app.py"
    started = []

    def record(*args, app, **kwargs):
        started.append(app)
        raise _Started

    monkeypatch.setattr(load, "start_server", record)
    monkeypatch.setattr(load, "Cluster", record)
    for direct, k in ((True, 1), (False, 2)):
        with pytest.raises(_Started):
            load.Servers(k, direct=direct, app=twin)
    assert started == [twin, twin]


def test_keep_empties_only_a_twin(tmp_path, capsys):
    """``--keep DIR`` replaces a twin built before, and refuses any other non-empty DIR."""
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    with pytest.raises(SystemExit):
        floor.main(["--keep", str(other), "--sessions", "1"])
    assert (other / "mine.txt").read_text() == "keep me"
    assert "not empty and not a twin" in capsys.readouterr().err

    twin = tmp_path / "twin"
    floor.write_twin(twin, {})
    assert floor._is_twin(twin) and not floor._is_twin(other)

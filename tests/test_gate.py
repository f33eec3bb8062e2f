"""ui/gate.py: at most ``slots`` runs at a time, the slot given back however a run ends,
and a run that waited too long goes ahead. Threads stand for Streamlit's script threads."""

import threading
import time

import pytest

from ui import gate


def _peak_concurrency(g: gate.Gate, runs: int, hold_s: float) -> int:
    """Start ``runs`` threads that each take a turn and hold it; the most inside at once."""
    inside, peak, lock = 0, 0, threading.Lock()

    def run() -> None:
        nonlocal inside, peak
        with g.turn():
            with lock:
                inside += 1
                peak = max(peak, inside)
            time.sleep(hold_s)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=30)
    assert not any(th.is_alive() for th in threads)
    return peak


@pytest.mark.parametrize("slots", [1, 2, 3])
def test_no_more_than_slots_runs_at_once(slots):
    assert _peak_concurrency(gate.Gate(slots), runs=8, hold_s=0.02) == slots


def test_a_run_ended_by_an_exception_gives_its_slot_back():
    # st.rerun and st.stop end a run by raising through app.py's `with GATE.turn()`.
    g = gate.Gate(1, wait_s=5)

    class Rerun(Exception):
        pass

    for _ in range(3):
        with pytest.raises(Rerun), g.turn() as held:
            assert held
            raise Rerun
    start = time.monotonic()
    with g.turn() as held:
        assert held
    assert time.monotonic() - start < 1  # not the 5 s wait of a slot never given back


def test_a_run_waits_at_most_wait_s_then_goes_ahead_without_a_slot():
    g = gate.Gate(1, wait_s=0.2)
    release = threading.Event()

    def stuck() -> None:
        with g.turn():
            release.wait(10)

    th = threading.Thread(target=stuck)
    th.start()
    time.sleep(0.05)  # the stuck run holds the only slot
    start = time.monotonic()
    with g.turn() as held:
        waited = time.monotonic() - start
        assert not held
    assert 0.15 <= waited < 5
    release.set()
    th.join(timeout=10)
    with g.turn() as held:  # the stuck run's slot came back; the slotless one took none
        assert held
    assert g._free.acquire(blocking=False)  # and exactly one slot exists
    assert not g._free.acquire(blocking=False)


def test_a_long_computation_lends_its_slot_and_takes_one_back():
    g = gate.Gate(1, wait_s=10)
    order, lent, other_done = [], threading.Event(), threading.Event()

    def other() -> None:
        lent.wait(10)
        with g.turn() as held:  # gets the slot while the first run is aside
            assert held
            order.append("other ran")
        other_done.set()

    th = threading.Thread(target=other)
    th.start()
    with g.turn() as held:
        assert held
        with g.aside():
            lent.set()
            assert other_done.wait(10)  # would wait the full 10 s had the slot not been lent
            with g.aside():  # nested: nothing more to lend
                pass
        order.append("back")
        assert not g._free.acquire(blocking=False)  # the slot is this run's again
    th.join(timeout=10)
    assert order == ["other ran", "back"]
    assert g._free.acquire(blocking=False) and not g._free.acquire(blocking=False)


def test_two_runs_waiting_for_the_same_cache_entry_do_not_wait_for_each_other():
    # Run A computes a cache entry (holding its lock) and lends its slot while training;
    # run B takes the slot and waits for the same entry's lock. A must finish without
    # waiting for a slot B holds, or both would stall until wait_s.
    g = gate.Gate(1, wait_s=30)
    entry = threading.Lock()  # Streamlit's lock on one cache entry
    b_waits = threading.Event()
    done = []

    def run_b() -> None:
        with g.turn() as held:
            assert held
            b_waits.set()
            with entry:
                done.append("b")

    start = time.monotonic()
    with g.turn():
        with entry:
            with g.aside():
                th = threading.Thread(target=run_b)
                th.start()
                assert b_waits.wait(10)  # B holds the slot and waits for the entry
            done.append("a")  # out of aside without the slot, at once
    th.join(timeout=10)
    assert done == ["a", "b"]
    assert time.monotonic() - start < 5
    assert g._free.acquire(blocking=False) and not g._free.acquire(blocking=False)


def test_aside_outside_a_turn_lends_nothing():
    g = gate.Gate(1)
    with g.aside():
        pass
    with g.turn() as held:
        assert held
        assert not g._free.acquire(blocking=False)  # still exactly one slot


def test_the_training_runs_step_aside():
    # The cached functions that can take seconds lend their slot (ui/cached.py).
    import ast
    import inspect

    from ui import cached

    for name in ("lab_run", "playground_run", "gradflow_profile", "race"):
        func = getattr(cached, name)
        source = inspect.getsource(getattr(func, "__wrapped__", func))
        withs = [ast.unparse(w.items[0].context_expr)
                 for w in ast.walk(ast.parse(source)) if isinstance(w, ast.With)]
        assert "GATE.aside()" in withs, name


@pytest.mark.parametrize("raw, slots", [
    (None, gate.DEFAULT_SLOTS), ("1", 1), ("4", 4), ("2", 2), ("0", gate.DEFAULT_SLOTS),
    ("-3", gate.DEFAULT_SLOTS), ("two", gate.DEFAULT_SLOTS), ("", gate.DEFAULT_SLOTS),
    ("1e9", gate.DEFAULT_SLOTS), ("65", gate.DEFAULT_SLOTS), ("64", 64),
])
def test_slots_from_the_environment(raw, slots):
    env = {} if raw is None else {"AE_SCRIPT_SLOTS": raw}
    assert gate.slots_from(env) == slots


def test_app_runs_every_page_inside_the_gate():
    # The gate only helps if the page scripts run inside it: nav.run() in the with-block.
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).parents[1] / "app.py").read_text())
    gated = [node for node in tree.body if isinstance(node, ast.With)
             and ast.unparse(node.items[0].context_expr) == "GATE.turn()"]
    assert len(gated) == 1
    calls = {ast.unparse(n.func) for n in ast.walk(gated[0]) if isinstance(n, ast.Call)}
    assert {"nav.run", "st.navigation"} <= calls


def test_a_turn_inside_a_turn_is_part_of_it():
    # A fragment takes a turn for its own reruns and is also drawn by full runs, which hold
    # a slot already: with one slot, waiting for a second would stall the run for wait_s.
    g = gate.Gate(1, wait_s=5)
    start = time.monotonic()
    with g.turn() as outer:
        with g.turn() as inner:
            assert outer and inner
        # leaving the inner turn gave nothing back: the slot is still taken
        assert not g._free.acquire(blocking=False)
    assert time.monotonic() - start < 1
    # the outer turn gave its slot back once: one free slot, not two
    assert g._free.acquire(blocking=False)
    assert not g._free.acquire(blocking=False)

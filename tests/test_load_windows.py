"""`benchmarks/load.py`'s report of the N-session phase by stretches of WINDOW_S: the steps
that ended in each, their reruns' p95, and the servers' CPU over it."""

import math

import pytest

from benchmarks import load


def _tally(steps):
    tally = load.Tally()
    for at, ms, change in steps:
        tally.timeline.append((at, ms, change))
    return tally


def test_steps_and_cpu_fall_in_the_stretch_they_ended_in():
    start = 100.0
    # Reruns 10..29 ms in the first stretch, one slow rerun and two visits in the second,
    # nothing in the last 5 s.
    steps = [(start + 0.4 * i, 10.0 + i, True) for i in range(20)]
    steps += [(start + 12, 500.0, True), (start + 13, 9.0, False), (start + 19.9, 7.0, False)]
    # The servers' CPU: 1 s in the first 10 s, 3 s in the next 10, none after.
    history = [(start + t, (0.1 * t if t <= 10 else 1 + 0.3 * (min(t, 20) - 10)))
               for t in (x / 4 for x in range(0, 101))]
    rows = load._windows(_tally(steps), history, start, start + 25)
    assert [(a, b, n) for a, b, n, _, _ in rows] == [(0, 10, 20), (10, 20, 3), (20, 25, 0)]
    assert rows[0][3] == pytest.approx(load._p95([10.0 + i for i in range(20)]))
    assert rows[1][3] == 500.0  # the one rerun of that stretch
    assert math.isnan(rows[2][3])  # no rerun at all
    assert [cpu for *_, cpu in rows] == pytest.approx([1.0, 3.0, 0.0])


def test_a_last_sliver_under_half_a_second_is_no_stretch():
    rows = load._windows(_tally([]), [(0.0, 0.0), (10.3, 1.0)], 0.0, 10.3)
    assert [(a, b) for a, b, *_ in rows] == [(0, 10)]

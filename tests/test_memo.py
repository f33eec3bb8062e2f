"""`ui.memo`: one shared result per key, bounded, built once at a time."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from ui import memo


def counting(max_entries: int = 4):
    calls = []

    @memo.shared(max_entries=max_entries)
    def square(x, *, offset=0):
        calls.append((x, offset))
        return [x * x + offset]  # a fresh object per build, to tell builds apart

    return square, calls


def test_a_key_is_built_once_and_the_same_object_is_shared():
    square, calls = counting()
    first = square(3)
    assert square(3) is first and first == [9]
    assert square(3, offset=1) == [10] and square(offset=1, x=3) is not first
    assert calls == [(3, 0), (3, 1), (3, 1)]  # keyword and positional calls are keyed apart
    assert square(x=3, offset=1) is square(offset=1, x=3)  # keyword order does not matter
    assert square.__name__ == "square"


def test_the_least_recently_used_result_goes_first():
    square, calls = counting(max_entries=2)
    a = square(1)
    square(2)
    assert square(1) is a  # 1 is now the most recent: 2 goes when 3 comes
    square(3)
    assert len(square.store) == 2
    assert square(1) is a
    calls.clear()
    square(2)
    assert calls == [(2, 0)]  # built again


def test_kept_says_whether_a_call_would_find_its_result():
    square, calls = counting(max_entries=1)
    assert not square.kept(2)
    square(2)
    assert square.kept(2) and not square.kept(2, offset=1) and not square.kept(3)
    square(3)  # evicts 2
    assert square.kept(3) and not square.kept(2)
    assert calls == [(2, 0), (3, 0)]  # asking builds nothing


def test_callers_of_a_key_being_built_wait_for_it_instead_of_building_it_again():
    started, release = threading.Event(), threading.Event()
    builds = []

    @memo.shared(max_entries=4)
    def slow(key):
        builds.append(key)
        if key == "k":
            started.set()
            release.wait(5)
        return object()

    results = []
    first = threading.Thread(target=lambda: results.append(slow("k")))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=lambda: results.append(slow("k")))
    second.start()
    t0 = time.perf_counter()
    other = slow("other")  # another key is not held up by the one being built
    assert time.perf_counter() - t0 < 1
    time.sleep(0.05)
    assert builds == ["k", "other"] and other is not None
    release.set()
    first.join(5)
    second.join(5)
    assert builds == ["k", "other"] and len(results) == 2 and results[0] is results[1]


def test_a_failed_build_keeps_nothing():
    attempts = []

    @memo.shared(max_entries=4)
    def flaky(x):
        attempts.append(x)
        if len(attempts) == 1:
            raise ValueError("first time")
        return x

    with pytest.raises(ValueError):
        flaky(1)
    assert flaky(1) == 1 and flaky(1) == 1
    assert attempts == [1, 1]


def test_arguments_must_be_hashable():
    square, _ = counting()
    with pytest.raises(TypeError):
        square([1, 2])


def test_clear_all_empties_every_store():
    square, calls = counting()
    store = memo.Shared(4, "by hand")
    store.get("k", lambda: 1)
    square(2)
    memo.clear_all()
    assert len(store) == 0 and len(square.store) == 0
    square(2)
    assert calls == [(2, 0), (2, 0)]


def test_arrays_are_keyed_by_their_contents():
    built = []

    @memo.shared(max_entries=4, key=lambda X, label: (memo.digest(X), label))
    def total(X, label):
        built.append(label)
        return float(X.sum())

    a = np.arange(6.0).reshape(3, 2)
    assert total(a, "a") == 15.0
    assert total(a.copy(), "a") == 15.0 and built == ["a"]  # equal contents: kept
    assert total(a + 1, "a") == 21.0 and built == ["a", "a"]
    assert memo.digest(a) != memo.digest(a.reshape(2, 3))  # shape counts
    assert memo.digest(a) != memo.digest(a.astype(np.float32))  # dtype counts
    assert memo.digest(a.T) == memo.digest(np.ascontiguousarray(a.T))  # layout does not
    assert memo.digest(a, a) != memo.digest(a)

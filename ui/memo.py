"""Results kept by their arguments and shared by every session of the server process: a
lighter ``st.cache_resource`` for the calls a page makes on every run.

``st.cache_resource`` keys a call by hashing each argument through Streamlit's own hasher
and by reading the function's signature again, about 0.5 ms per call in a page's run
(Streamlit 1.67; about 2 ms a step averaged over the pages, while the interpreter lock
that every other session waits for is held). The functions here take only hashable
arguments (strings, numbers, booleans and tuples of them), so a plain ``dict`` lookup
does: about a microsecond. What stays the same as ``cache_resource``: one object per key
shared by every session (never change it: `tests/test_sessions.py` checks), at most
``max_entries`` results (the least recently used one goes), and one build per key at a
time (a second caller of a key being built waits for it instead of building it again).

Arrays are keyed by a digest of their contents (`digest`, a few microseconds for a data
set of a few hundred points). Results that must be copied per session stay with
Streamlit's caches.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable

import numpy as np


class Shared:
    """A store of results by key, least recent first: behind each `shared` function, or
    used directly where the caller builds the key (`ui.cached.kept`, `lab_run`)."""

    stores: weakref.WeakSet[Shared] = weakref.WeakSet()  # every store, for `clear_all`

    def __init__(self, max_entries: int, name: str):
        self.max_entries, self.name = max_entries, name
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()  # guards _items and _building
        self._building: dict = {}  # key -> lock held while that key's result is made
        Shared.stores.add(self)

    def get(self, key, build: Callable[[], object]):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:  # a second caller of this key waits here, then finds the result
            with self._lock:
                if key in self._items:
                    return self._items[key]
            try:
                value = build()
                with self._lock:
                    self._items[key] = value
                    while len(self._items) > self.max_entries:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key) -> bool:
        with self._lock:
            return key in self._items


def shared(max_entries: int, key: Callable | None = None):
    """Decorator: ``func(*args, **kwargs)`` kept under its arguments (all hashable), or
    under ``key(*args, **kwargs)`` (which names everything the result depends on)."""
    def wrap(func):
        store = Shared(max_entries, func.__qualname__)

        def name_of(*args, **kwargs):
            if key is not None:
                return key(*args, **kwargs)
            return (args, tuple(sorted(kwargs.items()))) if kwargs else args

        @functools.wraps(func)
        def call(*args, **kwargs):
            return store.get(name_of(*args, **kwargs), lambda: func(*args, **kwargs))

        call.store = store
        # Whether a call with these arguments would find its result kept (no build).
        call.kept = lambda *args, **kwargs: name_of(*args, **kwargs) in store
        return call
    return wrap


def digest(*arrays: np.ndarray) -> bytes:
    """A key for arrays: their dtypes, shapes and bytes, hashed (BLAKE2b, 128 bits)."""
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        a = np.ascontiguousarray(a)
        h.update(f"{a.dtype.str}{a.shape};".encode())
        h.update(a.data)
    return h.digest()


def clear_all() -> None:
    """Empty every store (as ``st.cache_resource.clear()`` does for Streamlit's)."""
    for store in list(Shared.stores):
        store.clear()

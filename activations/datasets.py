"""Toy 2-D classification data sets, for the small networks of the demos.

Every generator is ``f(n=200, noise=0.1, seed=0) -> (X, y)``: ``X`` float64 of shape (n, 2),
``y`` float64 of shape (n,) holding 0s and 1s. The classes are balanced (their counts differ by
at most one, for odd n). ``noise`` is the standard deviation of isotropic Gaussian jitter added
to the noise-free points, and ``numpy.random.default_rng(seed)`` draws every random number, so
one seed always gives the same data. Rows are not shuffled: they cycle through the classes
(and XOR's corners), which keeps any prefix balanced.

Multi-class sets (`MULTICLASS`: ``blobs``, ``pinwheel``) take ``classes`` (3 to 5) too and
label their points 0, 1, ..., classes - 1, cycling the same way. `split` draws a seeded
train/test split for any of them.

>>> X, y = load("moons", n=100, noise=0.2, seed=1)
>>> X, y = load("pinwheel", n=150, noise=0.1, seed=0, classes=3)
"""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["xor", "circles", "moons", "spiral", "gaussians", "blobs", "pinwheel", "DATASETS",
           "MULTICLASS", "CLASSES_RANGE", "load", "split"]

N_RANGE = (4, 5000)
NOISE_RANGE = (0.0, 2.0)
CLASSES_RANGE = (3, 5)  # classes of the multi-class sets


def _check(n, noise):
    """Validate ``n`` and ``noise``, raising ValueError with the valid range."""
    lo, hi = N_RANGE
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or not lo <= n <= hi:
        raise ValueError(f"n must be an integer from {lo} to {hi}, got {n!r}")
    lo, hi = NOISE_RANGE
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not lo <= noise <= hi:
        raise ValueError(f"noise must be a number from {lo} to {hi}, got {noise!r}")


def _setup(n, noise, seed):
    """Validate; return the random generator and the labels 0, 1, 0, 1, ... (float64)."""
    _check(n, noise)
    return np.random.default_rng(seed), np.arange(int(n)) % 2.0


def _jitter(rng, points, noise):
    return points + noise * rng.standard_normal(points.shape)


# XOR's corners in truth-table order; label 1 where the two coordinates differ in sign.
_XOR_CORNERS = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
_XOR_LABELS = np.array([0.0, 1.0, 1.0, 0.0])


def xor(n=200, noise=0.1, seed=0):
    """XOR: four Gaussian clusters at the corners (±1, ±1), labelled 1 where the corner's
    coordinates differ in sign (sign(x1) != sign(x2)) and 0 where they agree.

    This is the truth table with -1 for false and +1 for true: row i is a noisy copy of corner
    i mod 4, taken in the order (-1, -1) -> 0, (-1, 1) -> 1, (1, -1) -> 1, (1, 1) -> 0, so
    ``xor(4, noise=0)`` is exactly the four corners. Labels follow the corner, not the noisy
    point (with large noise a point can cross into the next quadrant).
    """
    _check(n, noise)
    rng = np.random.default_rng(seed)
    corner = np.arange(int(n)) % 4
    return _jitter(rng, _XOR_CORNERS[corner], noise), _XOR_LABELS[corner]


def circles(n=200, noise=0.1, seed=0):
    """Two concentric circles: class 0 on radius 1, class 1 inside it on radius 0.5.

    Angles are uniform on [0, 2π). No straight line separates the classes.
    """
    rng, y = _setup(n, noise, seed)
    theta = rng.uniform(0.0, 2 * math.pi, y.size)
    r = np.where(y == 0, 1.0, 0.5)
    points = r[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return _jitter(rng, points, noise), y


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles (as ``sklearn.datasets.make_moons``), centred on 0.

    Class 0 is (cos t, sin t), class 1 is (1 - cos t, 1/2 - sin t), t uniform on [0, π];
    both are then shifted by (-1/2, -1/4) so the data sit around the origin.
    """
    rng, y = _setup(n, noise, seed)
    t = rng.uniform(0.0, math.pi, y.size)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    points = np.where((y == 0)[:, None], upper, lower) - [0.5, 0.25]
    return _jitter(rng, points, noise), y


SPIRAL_TURNS = 1.5


def spiral(n=200, noise=0.1, seed=0):
    """Two interleaved Archimedean spirals of 1.5 turns out to radius 1, class 1 being
    class 0 turned by π.

    A point at radius r lies at angle 2π · 1.5 · r (+ π for class 1); r = sqrt(u) with u
    uniform on [0, 1], which spreads the points evenly along the arms. Neighbouring arms are
    1/3 apart, so noise above ~0.1 starts to blur them.
    """
    rng, y = _setup(n, noise, seed)
    r = np.sqrt(rng.uniform(0.0, 1.0, y.size))
    theta = 2 * math.pi * SPIRAL_TURNS * r + math.pi * y
    points = r[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return _jitter(rng, points, noise), y


def gaussians(n=200, noise=0.1, seed=0):
    """Two Gaussian blobs of standard deviation ``noise``: class 0 around (-1, -1), class 1
    around (1, 1). Linearly separable unless the noise is large (they overlap from ~0.7)."""
    rng, y = _setup(n, noise, seed)
    centres = np.where((y == 0)[:, None], -1.0, 1.0) * np.ones((1, 2))
    return _jitter(rng, centres, noise), y


DATASETS = {
    "xor": xor,
    "circles": circles,
    "moons": moons,
    "spiral": spiral,
    "gaussians": gaussians,
}


def _classes(n, noise, seed, classes):
    """Validate; return the random generator and the labels 0, 1, ..., classes - 1, 0, ..."""
    _check(n, noise)
    lo, hi = CLASSES_RANGE
    if isinstance(classes, bool) or not isinstance(classes, numbers.Integral) \
            or not lo <= classes <= hi:
        raise ValueError(f"classes must be an integer from {lo} to {hi}, got {classes!r}")
    return np.random.default_rng(seed), (np.arange(int(n)) % int(classes)).astype(np.float64)


def blobs(n=200, noise=0.1, seed=0, classes=3):
    """``classes`` Gaussian blobs of standard deviation ``0.2 + noise`` whose centres sit
    evenly on the circle of radius 1 (class k at angle 2πk / classes, from (1, 0))."""
    rng, y = _classes(n, noise, seed, classes)
    angle = 2 * math.pi * y / classes
    centres = np.column_stack([np.cos(angle), np.sin(angle)])  # (n, 2)
    return centres + (0.2 + noise) * rng.standard_normal(centres.shape), y


def pinwheel(n=200, noise=0.1, seed=0, classes=3):
    """``classes`` curved arms around the origin: class k's arm starts at angle 2πk / classes
    and turns by π/2 as its radius grows from 0.1 to 1 (radius uniform on that range)."""
    rng, y = _classes(n, noise, seed, classes)
    r = rng.uniform(0.1, 1.0, y.size)
    theta = 2 * math.pi * y / classes + 0.5 * math.pi * r
    points = r[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return _jitter(rng, points, noise), y


MULTICLASS = {
    "blobs": blobs,
    "pinwheel": pinwheel,
}


def load(name, n=200, noise=0.1, seed=0, classes=None):
    """The data set called ``name`` (a key of ``DATASETS`` or ``MULTICLASS``): ``(X, y)`` as
    described above. ``classes`` is for the multi-class sets only (default 3)."""
    if isinstance(name, str) and name in MULTICLASS:
        return MULTICLASS[name](n=n, noise=noise, seed=seed,
                                classes=CLASSES_RANGE[0] if classes is None else classes)
    if not isinstance(name, str) or name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of "
                         f"{[*DATASETS, *MULTICLASS]}")
    if classes is not None:
        raise ValueError(f"{name} has two classes; classes is for {list(MULTICLASS)}")
    return DATASETS[name](n=n, noise=noise, seed=seed)


def split(n, test_fraction=0.0, seed=0):
    """``(train, test)``: index arrays partitioning ``range(n)``, drawn by a permutation
    seeded with ``seed``. The test part has ``round(test_fraction * n)`` points but leaves at
    least 2 for training; each part is in increasing order. ``test_fraction`` in [0, 0.9]."""
    ok = isinstance(test_fraction, numbers.Real) and not isinstance(test_fraction, bool)
    if not (ok and 0.0 <= test_fraction <= 0.9):
        raise ValueError(f"test_fraction must be a number from 0 to 0.9, got {test_fraction!r}")
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 2:
        raise ValueError(f"n must be an integer of at least 2, got {n!r}")
    n_test = min(int(round(test_fraction * n)), n - 2)
    order = np.random.default_rng(seed).permutation(int(n))
    return np.sort(order[n_test:]), np.sort(order[:n_test])

"""activations.datasets: shapes, dtypes, balance, seeding, XOR labels, validation."""

import numpy as np
import pytest

from activations import datasets
from activations.datasets import DATASETS, load, xor

NAMES = ["xor", "circles", "moons", "spiral", "gaussians"]


def test_registry():
    assert list(DATASETS) == NAMES
    assert all(DATASETS[name] is getattr(datasets, name) for name in NAMES)


@pytest.mark.parametrize("n", [4, 5, 7, 200, 333])
@pytest.mark.parametrize("name", NAMES)
def test_shapes_dtypes_balance(name, n):
    X, y = DATASETS[name](n=n)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.float64
    assert set(np.unique(y)) <= {0.0, 1.0}
    ones = int(y.sum())
    assert abs(ones - (n - ones)) <= n % 2  # balanced, off by one for odd n
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("name", NAMES)
def test_defaults_and_load(name):
    X, y = DATASETS[name]()
    assert X.shape == (200, 2)
    X2, y2 = load(name)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_numbers(name):
    X1, y1 = load(name, n=150, noise=0.3, seed=7)
    X2, y2 = load(name, n=150, noise=0.3, seed=7)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


@pytest.mark.parametrize("name", NAMES)
def test_different_seeds_differ(name):
    X1, _ = load(name, seed=0)
    X2, _ = load(name, seed=1)
    assert not np.allclose(X1, X2)


@pytest.mark.parametrize("name", NAMES)
def test_noise_spreads_the_points(name):
    # Same seed: a larger noise moves the points further from the noise-free shape.
    X0, _ = load(name, noise=0.0)
    Xa, _ = load(name, noise=0.1)
    Xb, _ = load(name, noise=0.5)
    da, db = np.abs(Xa - X0).mean(), np.abs(Xb - X0).mean()
    assert 0 < da < db


def test_xor_four_points_is_the_truth_table():
    X, y = xor(n=4, noise=0.0)
    np.testing.assert_array_equal(X, [[-1, -1], [-1, 1], [1, -1], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])


def test_xor_labels():
    X, y = xor(n=400, noise=0.1, seed=3)
    # At noise 0.1 no point leaves its corner's quadrant (that would be 10 sigma).
    np.testing.assert_array_equal(y, (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(float))
    corners = np.sign(X)
    for c in ([-1, -1], [-1, 1], [1, -1], [1, 1]):
        assert np.sum(np.all(corners == c, axis=1)) == 100


def test_shapes_without_noise():
    X, y = load("circles", noise=0.0)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r, np.where(y == 0, 1.0, 0.5))
    X, y = load("gaussians", noise=0.0)
    np.testing.assert_array_equal(X, np.where(y[:, None] == 0, -1.0, 1.0) * np.ones((1, 2)))
    X, y = load("spiral", noise=0.0)
    assert np.hypot(X[:, 0], X[:, 1]).max() <= 1.0


@pytest.mark.parametrize("bad", ["xorr", "", None, "XOR"])
def test_unknown_name_lists_the_valid_ones(bad):
    with pytest.raises(ValueError, match="xor.*circles.*moons.*spiral.*gaussians"):
        load(bad)


@pytest.mark.parametrize("n", [3, 5001, 0, -10, 10.0, "100", True, None])
@pytest.mark.parametrize("name", NAMES)
def test_bad_n(name, n):
    with pytest.raises(ValueError, match="4 to 5000"):
        DATASETS[name](n=n)


@pytest.mark.parametrize("noise", [-0.1, 2.01, float("nan"), float("inf"), "0.1", None])
def test_bad_noise(noise):
    for name in NAMES:
        with pytest.raises(ValueError, match="0.0 to 2.0"):
            load(name, noise=noise)


def test_range_edges_are_allowed():
    for name in NAMES:
        assert load(name, n=4, noise=0.0)[0].shape == (4, 2)
        assert load(name, n=5000, noise=2.0)[0].shape == (5000, 2)
        assert load(name, n=np.int64(10), noise=np.float32(0.5))[0].shape == (10, 2)

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


# ---------------------------------------------------------------- multi-class sets and split


@pytest.mark.parametrize("classes", [3, 4, 5])
@pytest.mark.parametrize("name", list(datasets.MULTICLASS))
def test_multiclass_sets_label_every_class_evenly(name, classes):
    X, y = load(name, n=101, noise=0.1, seed=3, classes=classes)
    assert X.shape == (101, 2) and np.all(np.isfinite(X))
    counts = np.bincount(y.astype(int))
    assert len(counts) == classes and counts.max() - counts.min() <= 1
    X2, _ = load(name, n=101, noise=0.1, seed=3, classes=classes)
    np.testing.assert_array_equal(X, X2)


def test_blobs_sit_around_their_centres():
    X, y = load("blobs", n=3000, noise=0.0, seed=0, classes=4)
    for k in range(4):
        centre = X[y == k].mean(axis=0)
        angle = 2 * np.pi * k / 4
        np.testing.assert_allclose(centre, [np.cos(angle), np.sin(angle)], atol=0.03)


def test_pinwheel_arm_angle_follows_radius_without_noise():
    X, y = load("pinwheel", n=60, noise=0.0, seed=0, classes=3)
    r = np.hypot(X[:, 0], X[:, 1])
    expected = 2 * np.pi * y / 3 + 0.5 * np.pi * r
    diff = np.angle(np.exp(1j * (np.arctan2(X[:, 1], X[:, 0]) - expected)))
    np.testing.assert_allclose(diff, 0, atol=1e-12)
    assert np.all((0.1 <= r) & (r <= 1))


@pytest.mark.parametrize("kwargs", [dict(classes=2), dict(classes=6), dict(classes=3.0),
                                    dict(classes=True)])
def test_multiclass_bad_classes(kwargs):
    with pytest.raises(ValueError):
        load("blobs", **kwargs)


def test_binary_sets_refuse_classes():
    with pytest.raises(ValueError):
        load("xor", classes=3)


@pytest.mark.parametrize(("n", "fraction", "n_test"), [(10, 0.0, 0), (10, 0.3, 3), (200, 0.5, 100),
                                                        (5, 0.9, 3), (2, 0.9, 0)])
def test_split_partitions_the_points(n, fraction, n_test):
    train, test = datasets.split(n, fraction, seed=4)
    assert len(test) == n_test and len(train) == n - n_test
    assert sorted([*train, *test]) == list(range(n))
    again = datasets.split(n, fraction, seed=4)
    np.testing.assert_array_equal(test, again[1])


@pytest.mark.parametrize("fraction", [-0.1, 0.95, float("nan"), "0.2", True])
def test_split_bad_fraction(fraction):
    with pytest.raises(ValueError):
        datasets.split(10, fraction)

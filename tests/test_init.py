"""Tests for activations.init against torch.nn.init's definitions, written out by hand.

Convention under test: W has shape (fan_in, fan_out), so fan_in = shape[0].
Sample statistics use ~10^5 draws from a fixed seed; tolerances are several standard
errors wide, so the tests are deterministic and not flaky.
"""

import math

import numpy as np
import pytest

from activations import init

SQRT2 = 1.4142135623730951


# --- calculate_gain: torch's constants ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "param", "expected"),
    [
        ("linear", None, 1.0),
        ("identity", None, 1.0),
        ("conv1d", None, 1.0),
        ("conv2d", None, 1.0),
        ("conv3d", None, 1.0),
        ("conv_transpose1d", None, 1.0),
        ("conv_transpose2d", None, 1.0),
        ("conv_transpose3d", None, 1.0),
        ("sigmoid", None, 1.0),
        ("tanh", None, 1.6666666666666667),  # 5/3
        ("relu", None, SQRT2),
        ("leaky_relu", None, 1.4141428569978354),  # sqrt(2 / (1 + 0.01^2))
        ("leaky_relu", 0, SQRT2),
        ("leaky_relu", 0.2, 1.3867504905630728),  # sqrt(2 / 1.04)
        ("leaky_relu", math.sqrt(5), 0.5773502691896257),  # sqrt(1/3), nn.Linear default
        ("selu", None, 0.75),
    ],
)
def test_calculate_gain_torch_values(name, param, expected):
    assert init.calculate_gain(name, param) == pytest.approx(expected, rel=1e-15, abs=0)


@pytest.mark.parametrize("name", ["gelu", "swish", "ReLU", ""])
def test_calculate_gain_unknown_name(name):
    with pytest.raises(ValueError, match="tanh"):  # the message lists valid names
        init.calculate_gain(name)


@pytest.mark.parametrize("param", [True, "0.1", [0.1]])
def test_calculate_gain_bad_param(param):
    with pytest.raises(ValueError, match="negative_slope"):
        init.calculate_gain("leaky_relu", param)


# --- theoretical variance: closed forms ----------------------------------------------

FAN_IN, FAN_OUT = 400, 250

# Var(W_ij) for (FAN_IN, FAN_OUT) from torch's formulas, by hand.
VARIANCE_CASES = [
    ("xavier_uniform", {}, 2 / (FAN_IN + FAN_OUT)),
    ("xavier_normal", {}, 2 / (FAN_IN + FAN_OUT)),
    ("xavier_uniform", {"gain": 5 / 3}, (25 / 9) * 2 / (FAN_IN + FAN_OUT)),
    ("xavier_normal", {"gain": SQRT2}, 4 / (FAN_IN + FAN_OUT)),
    # default a=0 with leaky_relu is ReLU: gain^2 = 2.
    ("kaiming_uniform", {}, 2 / FAN_IN),
    ("kaiming_normal", {}, 2 / FAN_IN),
    ("kaiming_normal", {"mode": "fan_out"}, 2 / FAN_OUT),
    ("kaiming_uniform", {"mode": "fan_out", "nonlinearity": "relu"}, 2 / FAN_OUT),
    ("kaiming_normal", {"a": 0.2}, 2 / (1.04 * FAN_IN)),
    ("kaiming_normal", {"nonlinearity": "tanh"}, (25 / 9) / FAN_IN),
    ("kaiming_normal", {"nonlinearity": "selu"}, (9 / 16) / FAN_IN),
    ("kaiming_uniform", {"nonlinearity": "sigmoid"}, 1 / FAN_IN),
    ("kaiming_uniform", {"nonlinearity": "identity"}, 1 / FAN_IN),
    ("lecun_normal", {}, 1 / FAN_IN),
    ("orthogonal", {}, 1 / FAN_IN),  # gain^2 / max(fan_in, fan_out)
    ("orthogonal", {"gain": 2.0}, 4 / FAN_IN),
    ("linear_default", {}, 1 / (3 * FAN_IN)),  # U(-1/sqrt(n), 1/sqrt(n)): b^2 / 3
    ("standard", {}, 1 / (3 * FAN_IN)),
    ("normal", {}, 1.0),
    ("normal", {"std": 0.05}, 0.0025),
]


@pytest.mark.parametrize(("name", "kw", "expected"), VARIANCE_CASES)
def test_variance_closed_forms(name, kw, expected):
    assert init.variance(name, FAN_IN, FAN_OUT, **kw) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("name", "kw", "expected"), VARIANCE_CASES)
def test_sample_statistics_match_theory(name, kw, expected):
    w = init.make(name, (FAN_IN, FAN_OUT), np.random.default_rng(0), **kw)
    assert w.shape == (FAN_IN, FAN_OUT) and w.dtype == np.float64
    n = w.size  # 10^5 draws
    # Standard error of the sample variance is at most sqrt(2/n) ~ 0.45% (normal);
    # 3% is > 6 standard errors.
    assert w.var() == pytest.approx(expected, rel=0.03)
    assert abs(w.mean()) < 6 * math.sqrt(expected / n)


# --- distribution shapes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kw", "bound"),
    [
        ("xavier_uniform", {}, math.sqrt(6 / (FAN_IN + FAN_OUT))),
        ("kaiming_uniform", {"nonlinearity": "relu"}, math.sqrt(6 / FAN_IN)),
        ("kaiming_uniform", {"mode": "fan_out"}, math.sqrt(6 / FAN_OUT)),
        ("linear_default", {}, 1 / math.sqrt(FAN_IN)),  # torch nn.Linear
        ("standard", {}, 1 / math.sqrt(FAN_IN)),  # Glorot & Bengio 2010, eq. 1
    ],
)
def test_uniform_bounds(name, kw, bound):
    w = init.make(name, (FAN_IN, FAN_OUT), np.random.default_rng(1), **kw)
    assert np.max(np.abs(w)) <= bound
    assert np.max(np.abs(w)) > 0.999 * bound  # the whole interval is used
    # Uniform: half the mass lies within half the bound (a Gaussian would put more).
    assert np.mean(np.abs(w) < bound / 2) == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(
    ("name", "std"),
    [
        ("xavier_normal", math.sqrt(2 / (FAN_IN + FAN_OUT))),
        ("kaiming_normal", math.sqrt(2 / FAN_IN)),
        ("lecun_normal", 1 / math.sqrt(FAN_IN)),
        ("normal", 1.0),
    ],
)
def test_normal_schemes_are_gaussian(name, std):
    w = init.make(name, (FAN_IN, FAN_OUT), np.random.default_rng(2))
    # P(|X| < sigma) = erf(1/sqrt 2) = 0.6827 for a Gaussian (0.577 for a uniform).
    assert np.mean(np.abs(w) < std) == pytest.approx(math.erf(1 / math.sqrt(2)), abs=0.01)


def test_fan_in_is_shape0():
    # Our W is (fan_in, fan_out): transposing the shape swaps the fans.
    rng = np.random.default_rng(3)
    tall = init.kaiming_normal((2000, 50), rng, nonlinearity="relu")
    wide = init.kaiming_normal((50, 2000), rng, nonlinearity="relu")
    assert tall.var() == pytest.approx(2 / 2000, rel=0.03)
    assert wide.var() == pytest.approx(2 / 50, rel=0.03)


# --- orthogonal -----------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(6, 6), (9, 4), (4, 9), (1, 5), (5, 1)])
@pytest.mark.parametrize("gain", [1.0, 0.5, SQRT2])
def test_orthogonal_gram(shape, gain):
    w = init.orthogonal(shape, np.random.default_rng(4), gain=gain)
    assert w.shape == shape
    rows, cols = shape
    if rows >= cols:  # orthonormal columns: W^T W = gain^2 I
        np.testing.assert_allclose(w.T @ w, gain**2 * np.eye(cols), atol=1e-12)
    if rows <= cols:  # orthonormal rows: W W^T = gain^2 I
        np.testing.assert_allclose(w @ w.T, gain**2 * np.eye(rows), atol=1e-12)


def test_orthogonal_sign_correction_removes_bias():
    # Without torch's sign correction, LAPACK's Householder QR makes Q[0, 0] <= 0
    # always (R_00 = -sign(A_00) ||A_0||). Haar-distributed W has E[W_00] = 0 and
    # E[W_00^2] = 1/n.
    rng = np.random.default_rng(5)
    corner = np.array([init.orthogonal((3, 3), rng)[0, 0] for _ in range(3000)])
    assert abs(corner.mean()) < 6 * math.sqrt(1 / 3 / 3000)
    assert np.mean(corner**2) == pytest.approx(1 / 3, rel=0.1)


# --- registry, reproducibility, validation ------------------------------------------


def test_scheme_names():
    assert set(init.SCHEMES) == {
        "xavier_uniform",
        "xavier_normal",
        "kaiming_uniform",
        "kaiming_normal",
        "lecun_normal",
        "orthogonal",
        "linear_default",
        "normal",
        "standard",
    }


@pytest.mark.parametrize("name", sorted(init.SCHEMES))
def test_seeded_reproducibility(name):
    a = init.make(name, (30, 20), np.random.default_rng(42))
    b = init.make(name, (30, 20), np.random.default_rng(42))
    c = init.make(name, (30, 20), np.random.default_rng(43))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    np.testing.assert_array_equal(a, init.SCHEMES[name]((30, 20), np.random.default_rng(42)))


def test_unknown_scheme_lists_valid_names():
    with pytest.raises(ValueError, match="xavier_uniform.*kaiming_normal"):
        init.make("glorot", (3, 3), np.random.default_rng(0))
    with pytest.raises(ValueError, match="valid names"):
        init.variance("glorot", 3, 3)


@pytest.mark.parametrize("shape", [(5,), (2, 3, 4), ()])
@pytest.mark.parametrize("name", sorted(init.SCHEMES))
def test_non_2d_shape_raises(name, shape):
    with pytest.raises(ValueError, match="2-D"):
        init.make(name, shape, np.random.default_rng(0))


@pytest.mark.parametrize("func", [init.kaiming_uniform, init.kaiming_normal])
def test_kaiming_bad_mode(func):
    with pytest.raises(ValueError, match="fan_in"):
        func((3, 3), np.random.default_rng(0), mode="fan_avg")


def test_kaiming_mode_is_case_insensitive_like_torch():
    assert init.variance("kaiming_normal", 10, 40, mode="FAN_OUT") == pytest.approx(2 / 40)


def test_unknown_keyword_raises():
    with pytest.raises(TypeError):
        init.make("lecun_normal", (3, 3), np.random.default_rng(0), gain=2.0)
    with pytest.raises(TypeError):
        init.variance("xavier_normal", 3, 3, std=2.0)

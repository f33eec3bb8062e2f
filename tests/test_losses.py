"""Tests for activations.losses: closed forms, mpmath (50 digits), finite differences.

Values are checked against formulas written out here (never against the code under
test); gradients against central finite differences of the loss and against mpmath
derivatives. pytest turns every warning into an error.
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.losses import (
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    cross_entropy_with_logits,
    cross_entropy_with_logits_grad,
    kl_divergence,
    kl_divergence_grad,
    mae,
    mae_grad,
    mse,
    mse_grad,
    rmse,
    rmse_grad,
)

# A private mpmath context: other test modules cannot change its precision.
mp = mpmath.MPContext()
mp.dps = 50
LN2 = math.log(2)


def numerical_grad(loss, x, *args, h=1e-6):
    """Central differences of a scalar loss with respect to x (float64)."""
    x = np.asarray(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[idx] = h
        grad[idx] = (loss(x + step, *args) - loss(x - step, *args)) / (2 * h)
    return grad


def mp_log_softmax(row):
    x = [mp.mpf(float(v)) for v in row]
    lse = mp.log(mp.fsum(mp.exp(v) for v in x))
    return [v - lse for v in x]


def random_distribution(rng, shape):
    p = rng.uniform(0.05, 1.0, size=shape)
    return p / p.sum(axis=-1, keepdims=True)


# --- regression losses ----------------------------------------------------------------


def test_regression_closed_forms():
    pred, target = [1.0, 2.0, 3.0], [1.0, 1.0, 1.0]  # residuals 0, 1, 2
    assert mse(pred, target) == pytest.approx(5 / 3, rel=1e-15)
    assert rmse(pred, target) == pytest.approx(math.sqrt(5 / 3), rel=1e-15)
    assert mae(pred, target) == pytest.approx(1.0, rel=1e-15)
    np.testing.assert_allclose(mse_grad(pred, target), [0, 2 / 3, 4 / 3], rtol=1e-15)
    np.testing.assert_allclose(mae_grad(pred, target), [0, 1 / 3, 1 / 3], rtol=1e-15)
    r = math.sqrt(5 / 3)
    np.testing.assert_allclose(rmse_grad(pred, target), [0, 1 / (3 * r), 2 / (3 * r)], rtol=1e-15)


def test_regression_broadcasts_scalar_target():
    pred = np.array([[1.0, -1.0], [2.0, 0.0]])
    assert mse(pred, 0.0) == pytest.approx(6 / 4, rel=1e-15)  # mean over all 4 elements
    assert mse_grad(pred, 0.0).shape == (2, 2)


@pytest.mark.parametrize(("loss", "grad"), [(mse, mse_grad), (rmse, rmse_grad), (mae, mae_grad)])
@pytest.mark.parametrize("seed", range(3))
def test_regression_grads_match_finite_differences(loss, grad, seed):
    rng = np.random.default_rng(seed)
    pred, target = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))  # no ties (kinks)
    np.testing.assert_allclose(
        grad(pred, target), numerical_grad(loss, pred, target), rtol=1e-6, atol=1e-9
    )


def test_regression_grads_at_kinks():
    # torch autograd: d|x|/dx at 0 is sign(0) = 0.
    np.testing.assert_array_equal(mae_grad([1.0, 2.0], [1.0, 3.0]), [0.0, -0.5])
    # RMSE at a perfect fit: torch gives nan (sqrt'(0)); we document and return 0.
    np.testing.assert_array_equal(rmse_grad([1.0, 2.0], [1.0, 2.0]), [0.0, 0.0])
    np.testing.assert_array_equal(mse_grad([1.0, 2.0], [1.0, 2.0]), [0.0, 0.0])


def test_regression_dtypes():
    pred = np.array([1.0, 2.0], np.float32)
    target = np.array([0.0, 0.0], np.float32)
    for f in (mse, rmse, mae, mse_grad, rmse_grad, mae_grad):
        assert f(pred, target).dtype == np.float32
    assert mse([1, 2], [0, 0]).dtype == np.float64


# --- binary cross-entropy -------------------------------------------------------------


def mp_bce(p, y):
    """torch's BCE per element: -(y max(log p, -100) + (1-y) max(log(1-p), -100))."""
    p, y = mp.mpf(float(p)), mp.mpf(float(y))
    log_p = max(mp.log(p), -100) if p > 0 else mp.mpf(-100)
    log_q = max(mp.log(1 - p), -100) if p < 1 else mp.mpf(-100)
    return -(y * log_p + (1 - y) * log_q)


def test_bce_closed_forms():
    assert binary_cross_entropy([0.5], [1.0]) == pytest.approx(LN2, rel=1e-15)
    assert binary_cross_entropy([0.5, 0.5], [0.0, 1.0]) == pytest.approx(LN2, rel=1e-15)
    # The -100 clamp: confidently wrong costs exactly 100, confidently right 0.
    assert binary_cross_entropy([0.0], [1.0]) == 100.0
    assert binary_cross_entropy([1.0], [0.0]) == 100.0
    assert binary_cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    # log(1e-50) = -115 is also clamped to -100.
    assert binary_cross_entropy([1e-50], [1.0]) == 100.0


def test_bce_matches_mpmath():
    rng = np.random.default_rng(0)
    p = np.concatenate([rng.uniform(size=8), [1e-30, 1 - 1e-12, 0.0, 1.0]])
    y = np.concatenate([rng.uniform(size=8), [1.0, 0.0, 0.3, 0.7]])  # soft labels too
    expected = mp.fsum(mp_bce(a, b) for a, b in zip(p, y)) / p.size
    assert binary_cross_entropy(p, y) == pytest.approx(float(expected), rel=1e-13)


@pytest.mark.parametrize("bad", [-0.1, 1.1, np.nan])
def test_bce_rejects_non_probabilities(bad):
    with pytest.raises(ValueError, match="between 0 and 1"):
        binary_cross_entropy([0.5, bad], [1.0, 0.0])


def test_bce_grad_matches_finite_differences():
    rng = np.random.default_rng(1)
    p, y = rng.uniform(0.05, 0.95, size=6), rng.uniform(size=6)
    np.testing.assert_allclose(
        binary_cross_entropy_grad(p, y),
        numerical_grad(binary_cross_entropy, p, y, h=1e-7),
        rtol=1e-6,
    )


def test_bce_grad_torch_epsilon_at_the_edges():
    # torch: (p - y) / max(p (1 - p), 1e-12) / N; at p = 0, y = 1 that is -1e12 / N.
    np.testing.assert_allclose(
        binary_cross_entropy_grad([0.0, 1.0], [1.0, 0.0]), [-0.5e12, 0.5e12], rtol=1e-7
    )
    assert np.all(np.isfinite(binary_cross_entropy_grad([0.0, 1.0], [0.0, 1.0])))


def mp_bce_logits(z, y):
    z, y = mp.mpf(float(z)), mp.mpf(float(y))
    log_sig = lambda t: -mp.log1p(mp.exp(-t))  # noqa: E731
    return -(y * log_sig(z) + (1 - y) * log_sig(-z))


def test_bce_with_logits_matches_mpmath():
    z = np.array([-1e4, -40.0, -3.0, -1e-9, 0.0, 0.5, 20.0, 1e4])
    y = np.array([1.0, 0.0, 0.25, 1.0, 0.5, 0.0, 1.0, 0.0])
    per_element = [mp_bce_logits(a, b) for a, b in zip(z, y)]
    expected = mp.fsum(per_element) / z.size
    assert binary_cross_entropy_with_logits(z, y) == pytest.approx(float(expected), rel=1e-14)
    for a, b, e in zip(z, y, per_element):
        assert binary_cross_entropy_with_logits([a], [b]) == pytest.approx(float(e), rel=1e-14)


def test_bce_with_logits_closed_forms():
    assert binary_cross_entropy_with_logits([0.0], [1.0]) == pytest.approx(LN2, rel=1e-15)
    # Confidently wrong by 1e4: loss = 1e4 + log(1 + e^-1e4) = 1e4 in float64.
    assert binary_cross_entropy_with_logits([1e4], [0.0]) == 1e4
    assert binary_cross_entropy_with_logits([-1e4], [1.0]) == 1e4
    big = np.finfo(np.float32).max
    out = binary_cross_entropy_with_logits(np.array([big, -big], np.float32), np.float32(0.5))
    assert out.dtype == np.float32 and np.isfinite(out)


def test_bce_with_logits_agrees_with_bce_on_probabilities():
    z = np.linspace(-5, 5, 11)
    y = np.linspace(0, 1, 11)
    p = 1 / (1 + np.exp(-z))
    assert binary_cross_entropy_with_logits(z, y) == pytest.approx(
        binary_cross_entropy(p, y), rel=1e-14
    )


def test_bce_with_logits_grad():
    rng = np.random.default_rng(2)
    z, y = rng.normal(0, 3, size=(2, 5)), rng.uniform(size=(2, 5))
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits_grad(z, y),
        numerical_grad(binary_cross_entropy_with_logits, z, y),
        rtol=1e-6,
        atol=1e-10,
    )
    # Closed form at z = 0: (sigmoid(0) - y) / N = (0.5 - y) / N.
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits_grad([0.0, 0.0], [1.0, 0.0]), [-0.25, 0.25], rtol=1e-15
    )
    # Saturated logits: the gradient is the bounded residual, never inf/nan.
    np.testing.assert_array_equal(
        binary_cross_entropy_with_logits_grad([1e4, -1e4], [0.0, 0.0]), [0.5, 0.0]
    )


# --- distributions: cross-entropy and KL ----------------------------------------------

P = [0.5, 0.125, 0.125, 0.25]
Q1 = [0.25] * 4
Q2 = [0.5, 0.25, 0.125, 0.125]


def test_cross_entropy_textbook_numbers():
    # p is the true distribution, q the guess: H(p, q) = -sum p log q.
    assert round(cross_entropy(P, Q1), 3) == 1.386
    assert round(cross_entropy(P, Q2), 3) == 1.300
    # Exactly: H(p, q1) = log 4 = 2 ln 2; H(p, q2) = (0.5 + 0.25 + 0.375 + 0.75) ln 2.
    assert cross_entropy(P, Q1) == pytest.approx(2 * LN2, rel=1e-15)
    assert cross_entropy(P, Q2) == pytest.approx(1.875 * LN2, rel=1e-15)
    # Argument order matters: H(q2, p) = (0.5 + 0.75 + 0.375 + 0.25) ln 2, not the same.
    assert cross_entropy(Q2, P) == pytest.approx(1.875 * LN2, rel=1e-15)
    assert cross_entropy(Q1, P) == pytest.approx(2.25 * LN2, rel=1e-15)


def test_kl_textbook_numbers():
    # H(p) = 1.75 bits, so KL = H(p, q) - H(p).
    assert kl_divergence(P, Q1) == pytest.approx(0.25 * LN2, rel=1e-14)
    assert kl_divergence(P, Q2) == pytest.approx(0.125 * LN2, rel=1e-14)
    assert kl_divergence(P, P) == 0.0


def test_zero_probability_conventions():
    # 0 log 0 = 0: zero mass in p contributes nothing, wherever q is.
    assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(LN2, rel=1e-15)
    # q = 0 where p > 0: infinite (no warning).
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf


def test_cross_entropy_batch_is_mean_over_rows():
    rng = np.random.default_rng(0)
    p, q = random_distribution(rng, (5, 4)), random_distribution(rng, (5, 4))
    ce_rows, kl_rows = [], []
    for p_row, q_row in zip(p, q):
        pm, qm = [mp.mpf(v) for v in p_row], [mp.mpf(v) for v in q_row]
        ce_rows.append(-mp.fsum(a * mp.log(b) for a, b in zip(pm, qm)))
        kl_rows.append(mp.fsum(a * mp.log(a / b) for a, b in zip(pm, qm)))
    assert cross_entropy(p, q) == pytest.approx(float(mp.fsum(ce_rows) / 5), rel=1e-14)
    assert kl_divergence(p, q) == pytest.approx(float(mp.fsum(kl_rows) / 5), rel=1e-12)


distributions = hnp.arrays(np.float64, st.integers(1, 10), elements=st.floats(1e-6, 1.0)).map(
    lambda a: a / a.sum()
)


@settings(deadline=None)
@given(distributions, st.data())
def test_gibbs_inequality(p, data):
    raw = data.draw(hnp.arrays(np.float64, p.shape, elements=st.floats(1e-6, 1.0)))
    q = raw / raw.sum()
    entropy_p = -np.sum(p * np.log(p))
    assert cross_entropy(p, q) >= entropy_p - 1e-12
    assert kl_divergence(p, q) >= -1e-12
    assert kl_divergence(p, q) == pytest.approx(cross_entropy(p, q) - entropy_p, abs=1e-12)


@pytest.mark.parametrize(
    ("grad_fn", "loss_fn"),
    [(cross_entropy_grad, cross_entropy), (kl_divergence_grad, kl_divergence)],
)
@pytest.mark.parametrize("shape", [(5,), (3, 4)])
def test_distribution_grads_match_finite_differences(grad_fn, loss_fn, shape):
    rng = np.random.default_rng(4)
    p, q = random_distribution(rng, shape), random_distribution(rng, shape)
    # Gradient wrt q as an unconstrained vector: perturb one q_k at a time.
    loss_of_q = lambda q_, p_: loss_fn(p_, q_)  # noqa: E731
    np.testing.assert_allclose(grad_fn(p, q), numerical_grad(loss_of_q, q, p, h=1e-7), rtol=1e-6)


def test_cross_entropy_grad_closed_form_and_conventions():
    # -p / q: for the textbook example with q1 uniform, -4 p.
    np.testing.assert_allclose(cross_entropy_grad(P, Q1), [-2.0, -0.5, -0.5, -1.0], rtol=1e-15)
    # p = 0 gives 0 (the term is identically 0), also where q = 0; p > 0 = q gives -inf.
    np.testing.assert_array_equal(
        cross_entropy_grad([1.0, 0.0, 0.0], [0.5, 0.5, 0.0]), [-2.0, 0.0, 0.0]
    )
    assert cross_entropy_grad([1.0, 0.0], [0.0, 1.0])[0] == -np.inf


# --- cross-entropy on logits ----------------------------------------------------------


def test_cross_entropy_with_logits_index_target_matches_mpmath():
    z = np.array([1.0, 3.0, 0.0, 2.0])
    for c in range(4):
        expected = -mp_log_softmax(z)[c]
        assert cross_entropy_with_logits(z, c) == pytest.approx(float(expected), rel=1e-15)


def test_cross_entropy_with_logits_batch():
    rng = np.random.default_rng(5)
    z = rng.normal(0, 4, size=(6, 3))  # (batch, classes)
    c = np.array([0, 2, 1, 1, 0, 2])
    expected = mp.fsum(-mp_log_softmax(row)[k] for row, k in zip(z, c)) / 6
    assert cross_entropy_with_logits(z, c) == pytest.approx(float(expected), rel=1e-14)
    # A one-hot probability target is the same loss.
    assert cross_entropy_with_logits(z, np.eye(3)[c]) == pytest.approx(float(expected), rel=1e-14)
    # Soft target: -sum y log softmax, mean over batch.
    y = random_distribution(rng, (6, 3))
    expected_soft = mp.fsum(
        -mp.fsum(mp.mpf(a) * b for a, b in zip(yr, mp_log_softmax(zr)))
        for yr, zr in zip(y, z)
    ) / 6
    assert cross_entropy_with_logits(z, y) == pytest.approx(float(expected_soft), rel=1e-14)


def test_cross_entropy_with_logits_equals_cross_entropy_of_softmax():
    z = np.array([0.2, -1.0, 1.5])
    q = np.exp(z) / np.exp(z).sum()
    expected = cross_entropy([0.0, 0.0, 1.0], q)
    assert cross_entropy_with_logits(z, 2) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cross_entropy_with_logits_extreme(dtype):
    big = np.finfo(dtype).max
    z = np.array([[1e4, -1e4], [big, -big], [-big, big]], dtype)
    loss = cross_entropy_with_logits(z, np.array([1, 0, 1]))
    assert loss.dtype == dtype and np.isfinite(loss)
    grad = cross_entropy_with_logits_grad(z, np.array([1, 0, 1]))
    assert grad.dtype == dtype
    np.testing.assert_array_equal(grad, np.array([[1, -1], [0, 0], [0, 0]], dtype) / 3)
    # Wrong by 2e4 logits: loss 2e4 (float64 exactly).
    assert cross_entropy_with_logits(np.array([1e4, -1e4]), 1) == 2e4


@pytest.mark.parametrize(
    "logits, target",
    [
        (np.zeros((2, 3)), np.array([0, 1, 2])),  # wrong batch size
        (np.zeros((2, 3)), np.array([0, 3])),  # index out of range
        (np.zeros(3), -1),  # negative index
        (np.zeros(3), np.array([0.5, 0.5])),  # probability target of wrong shape
        (np.zeros((2, 2, 2)), np.array([[0, 1], [1, 0]])),  # 3-D logits
    ],
)
def test_cross_entropy_with_logits_validation(logits, target):
    with pytest.raises(ValueError):
        cross_entropy_with_logits(logits, target)


@pytest.mark.parametrize("shape", [(4,), (3, 5)])
def test_cross_entropy_with_logits_grad_matches_finite_differences(shape):
    rng = np.random.default_rng(6)
    z = rng.normal(0, 2, size=shape)
    indices = rng.integers(0, shape[-1], size=shape[:-1])
    soft = random_distribution(rng, shape)
    unnormalised = rng.uniform(size=shape)  # rows not summing to 1: exact gradient still
    for target in (indices, soft, unnormalised):
        np.testing.assert_allclose(
            cross_entropy_with_logits_grad(z, target),
            numerical_grad(cross_entropy_with_logits, z, target),
            rtol=1e-6,
            atol=1e-9,  # central differences: rounding error ~ eps * loss / h
        )


def test_cross_entropy_with_logits_grad_closed_form():
    # (softmax - onehot) / B with B = 1: uniform logits, class 0 of 4.
    np.testing.assert_allclose(
        cross_entropy_with_logits_grad(np.zeros(4), 0), [-0.75, 0.25, 0.25, 0.25], rtol=1e-15
    )
    np.testing.assert_allclose(
        cross_entropy_with_logits_grad(np.zeros((2, 2)), np.array([0, 1])),
        [[-0.25, 0.25], [0.25, -0.25]],
        rtol=1e-15,
    )


@pytest.mark.parametrize(
    "func",
    [
        binary_cross_entropy,
        binary_cross_entropy_grad,
        binary_cross_entropy_with_logits,
        binary_cross_entropy_with_logits_grad,
        cross_entropy,
        cross_entropy_grad,
        kl_divergence,
        kl_divergence_grad,
    ],
)
def test_float32_in_float32_out(func):
    first = np.array([0.2, 0.8], np.float32)
    second = np.array([0.5, 0.5], np.float32)
    assert func(first, second).dtype == np.float32
    assert func([0.2, 0.8], [0.5, 0.5]).dtype == np.float64


# --- masked logits (-inf) ----------------------------------------------------------------


def test_cross_entropy_with_a_masked_logit():
    # Class 1 masked: the softmax is over [0, 1], so -log p_0 = log(1 + e) (torch 2.13 gives
    # 1.3132616875182228 for F.cross_entropy([[0, -inf, 1]], [0])).
    z = np.array([[0.0, -np.inf, 1.0]])
    assert cross_entropy_with_logits(z, np.array([0])) == pytest.approx(
        float(mp.log(1 + mp.e)), rel=1e-15)
    # A probability target with weight 0 on the mask: 0 log 0 = 0 there.
    soft = np.array([[0.25, 0.0, 0.75]])
    expected = -sum(w * v for w, v in zip([0.25, 0.75], mp_log_softmax([0.0, 1.0])))
    assert cross_entropy_with_logits(z, soft) == pytest.approx(float(expected), rel=1e-14)
    # Weight on the masked class: the true loss is infinite (no nan, no warning).
    assert cross_entropy_with_logits(z, np.array([1])) == np.inf
    # The gradient: softmax over the unmasked classes minus the target; 0 at the mask.
    p0 = float(1 / (1 + mp.e))
    np.testing.assert_allclose(cross_entropy_with_logits_grad(z, np.array([0])),
                               [[p0 - 1, 0.0, 1 - p0]], rtol=1e-15)


def test_masked_rows_in_a_batch():
    z = np.array([[0.0, -np.inf, 1.0], [-np.inf, 2.0, -np.inf]])  # row 2: one class left
    expected = (mp.log(1 + mp.e) + 0) / 2  # row 2's only class has probability 1
    assert cross_entropy_with_logits(z, np.array([0, 1])) == pytest.approx(
        float(expected), rel=1e-15)
    with pytest.raises(ValueError, match="masked"):
        cross_entropy_with_logits(np.array([[-np.inf, -np.inf]]), np.array([0]))


def test_bce_with_logits_at_infinite_logits():
    # A weight of 0 makes its term 0, also next to log sigma(-inf) = -inf.
    assert binary_cross_entropy_with_logits([-np.inf, np.inf], [0.0, 1.0]) == 0.0
    assert binary_cross_entropy_with_logits([-np.inf, 0.0], [1.0, 1.0]) == np.inf
    np.testing.assert_array_equal(
        binary_cross_entropy_with_logits_grad([-np.inf, np.inf], [0.0, 1.0]), [0.0, 0.0])


# --- means that must not overflow ----------------------------------------------------------


def _f32(v):
    return float(np.float32(v))


def test_bce_with_logits_mean_does_not_overflow():
    # Each term is z + log(1 + e^-z) = z to rounding; the mean of two equal terms is the term.
    out = binary_cross_entropy_with_logits(np.float32([3e38, 3e38]), np.float32([0, 0]))
    assert out.dtype == np.float32 and out == np.float32(3e38)
    big = 1.7e308
    assert binary_cross_entropy_with_logits([big, big], [0.0, 0.0]) == big
    assert binary_cross_entropy_with_logits([big, -big, 1.0], [0.0, 1.0, 1.0]) == pytest.approx(
        float((2 * mp.mpf(big) + mp.log1p(mp.exp(-1))) / 3), rel=1e-15)


def test_mae_mean_and_residual_do_not_overflow():
    assert mae(np.float32([3e38, 3e38]), np.float32([0, 0])) == np.float32(3e38)
    # 3e38 - (-3e38) is beyond float32, the mean of [6e38, 0, 0] is not.
    out = mae(np.float32([3e38, 0, 0]), np.float32([-3e38, 0, 0]))
    assert out.dtype == np.float32 and out == np.float32(2 * _f32(3e38) / 3)
    assert mae([1.7e308, 0.0], [-1.7e308, 0.0]) == 1.7e308
    np.testing.assert_array_equal(mae_grad([1.7e308, -1.0], [-1.7e308, 0.0]), [0.5, -0.5])


def test_mse_and_rmse_do_not_overflow_where_the_truth_is_finite():
    # 1.35e154^2 = 1.82e308 overflows, half of it does not.
    assert mse([1.35e154, 0.0], [0.0, 0.0]) == pytest.approx(
        float(mp.mpf(1.35e154) ** 2 / 2), rel=1e-15)
    assert mse([1e200], [0.0]) == np.inf  # truly beyond float64: inf, without a warning
    # RMSE of residuals [2e200, 1e200] = 1e200 sqrt(5/2); each gradient r / (N RMSE).
    r = [mp.mpf(1e200) * 2, mp.mpf(1e200)]
    root = mp.sqrt((r[0] ** 2 + r[1] ** 2) / 2)
    assert rmse([1e200, 1e200], [-1e200, 0.0]) == pytest.approx(float(root), rel=1e-15)
    np.testing.assert_allclose(rmse_grad([1e200, 1e200], [-1e200, 0.0]),
                               [float(v / (2 * root)) for v in r], rtol=1e-15)
    # The gradient 2 r / N of a residual beyond the dtype: (2 * 3.4e308) / 4 = 1.7e308.
    np.testing.assert_array_equal(mse_grad([1.7e308, 0, 0, 0], [-1.7e308, 0, 0, 0]),
                                  [1.7e308, 0.0, 0.0, 0.0])


def test_cross_entropy_with_logits_batch_mean_does_not_overflow():
    # Each row: -log_softmax([0, -1.7e308])_1 = 1.7e308 (log(1 + e^-1.7e308) rounds to 0).
    z = np.array([[0.0, -1.7e308], [0.0, -1.7e308]])
    assert cross_entropy_with_logits(z, np.array([1, 1])) == 1.7e308


finite32 = st.floats(allow_nan=False, allow_infinity=False, width=32)


@settings(max_examples=60, deadline=None)
@given(pred=hnp.arrays(np.float32, st.integers(1, 6), elements=finite32), data=st.data())
def test_mae_of_any_finite_float32_is_the_true_mean(pred, data):
    target = data.draw(hnp.arrays(np.float32, pred.shape, elements=finite32), label="target")
    truth = mp.fsum(abs(mp.mpf(float(a)) - mp.mpf(float(b))) for a, b in zip(pred, target))
    truth /= pred.size
    fmax = float(np.finfo(np.float32).max)
    assume(abs(truth - fmax) > 1e-6 * fmax)  # not on the rounding edge of overflow
    out = mae(pred, target)
    if truth > fmax:
        assert out == np.inf
    else:
        assert out == pytest.approx(float(truth), rel=4e-7, abs=2e-45)

"""Tests for activations.softmax against mpmath (50 digits), closed forms and properties.

pytest turns every warning into an error (pyproject.toml), so each test here also
checks that no RuntimeWarning (overflow, invalid, divide) escapes.
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from activations.softmax import (
    entropy,
    log_softmax,
    logit_sweep,
    naive_softmax,
    softmax,
    softmax_jacobian,
    softmin,
)

# A private mpmath context: other test modules cannot change its precision.
mp = mpmath.MPContext()
mp.dps = 50


# --- independent references (mpmath, 50 significant digits) ------------------------


def mp_softmax(z, temperature=1.0):
    x = [mp.mpf(float(v)) / mp.mpf(temperature) for v in z]
    total = mp.fsum(mp.exp(v) for v in x)
    return [mp.exp(v) / total for v in x]


def mp_log_softmax(z, temperature=1.0):
    x = [mp.mpf(float(v)) / mp.mpf(temperature) for v in z]
    lse = mp.log(mp.fsum(mp.exp(v) for v in x))
    return [v - lse for v in x]


def to_float(values):
    return np.array([float(v) for v in values])


# --- the seed text's example --------------------------------------------------------


def test_softmax_textbook_example():
    # softmax([1, 3, 0, 2]) = [0.087, 0.644, 0.032, 0.237] to 3 decimal places.
    np.testing.assert_array_equal(
        np.round(softmax([1, 3, 0, 2]), 3), [0.087, 0.644, 0.032, 0.237]
    )


def test_softmax_closed_form_two_classes():
    # Two classes: softmax([a, b])_0 = 1 / (1 + e^{(b - a)/T}) = sigmoid((a - b)/T).
    a, b, t = 0.7, -1.3, 0.5
    expected0 = 1.0 / (1.0 + math.exp((b - a) / t))
    np.testing.assert_allclose(softmax([a, b], t), [expected0, 1 - expected0], rtol=1e-15)


# --- agreement with mpmath ------------------------------------------------------------


@pytest.mark.parametrize("temperature", [0.05, 0.5, 1.0, 3.0, 100.0])
@pytest.mark.parametrize("seed", range(5))
def test_softmax_family_matches_mpmath(seed, temperature):
    z = np.random.default_rng(seed).normal(0.0, 10.0, size=7)
    np.testing.assert_allclose(
        softmax(z, temperature), to_float(mp_softmax(z, temperature)), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(
        log_softmax(z, temperature),
        to_float(mp_log_softmax(z, temperature)),
        rtol=1e-13,
        atol=1e-14,
    )
    np.testing.assert_allclose(
        softmin(z, temperature), to_float(mp_softmax(-z, temperature)), rtol=1e-12, atol=1e-300
    )


def test_softmax_axis_argument():
    z = np.random.default_rng(1).normal(size=(3, 5))  # (rows, cols)
    by_column = np.column_stack([to_float(mp_softmax(z[:, j])) for j in range(5)])
    np.testing.assert_allclose(softmax(z, axis=0), by_column, rtol=1e-13)
    by_row = np.vstack([to_float(mp_softmax(row)) for row in z])
    np.testing.assert_allclose(softmax(z), by_row, rtol=1e-13)
    np.testing.assert_allclose(softmax(z, axis=None).sum(), 1.0, rtol=1e-14)


def test_softmin_prefers_the_smallest():
    assert np.argmax(softmin([3.0, -2.0, 5.0])) == 1


# --- temperature ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, 0.0, -1.0, -1e-300, np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("func", [softmax, log_softmax, softmin, softmax_jacobian])
def test_invalid_temperature_raises(func, bad):
    with pytest.raises(ValueError, match="temperature"):
        func([1.0, 2.0], temperature=bad)


def test_temperature_limits():
    z = np.array([1.0, 3.0, 0.0, 2.0])
    # T -> 0: one-hot at the argmax.
    np.testing.assert_allclose(softmax(z, 1e-3), [0, 1, 0, 0], atol=1e-300)
    # T -> inf: uniform.
    np.testing.assert_allclose(softmax(z, 1e8), [0.25] * 4, rtol=1e-7)


def test_temperature_divides_logits():
    z = np.array([0.3, -1.2, 2.5])
    np.testing.assert_allclose(softmax(z, 2.0), to_float(mp_softmax(z / 2.0)), rtol=1e-14)


# --- properties (hypothesis) ------------------------------------------------------------

moderate = st.floats(-100, 100, allow_nan=False)
temperatures = st.floats(0.01, 100.0)


@settings(deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 20), elements=moderate), temperatures)
def test_softmax_is_a_distribution(z, temperature):
    p = softmax(z, temperature)
    assert np.all(p >= 0) and np.all(p <= 1)
    np.testing.assert_allclose(p.sum(), 1.0, rtol=1e-13)
    assert np.isclose(np.exp(log_softmax(z, temperature)).sum(), 1.0, rtol=1e-12)


@settings(deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 20), elements=moderate), moderate)
def test_softmax_shift_invariant(z, shift):
    # Rounding z + shift perturbs each logit by ~|z + shift| * eps, hence the rtol.
    np.testing.assert_allclose(softmax(z + shift), softmax(z), rtol=1e-11, atol=1e-300)
    np.testing.assert_allclose(log_softmax(z + shift), log_softmax(z), rtol=1e-11, atol=1e-11)


finite_f64 = st.floats(allow_nan=False, allow_infinity=False)
finite_f32 = st.floats(allow_nan=False, allow_infinity=False, width=32)


@settings(deadline=None)
@given(
    st.one_of(
        hnp.arrays(np.float64, st.integers(1, 8), elements=finite_f64),
        hnp.arrays(np.float32, st.integers(1, 8), elements=finite_f32),
    ),
    st.sampled_from([0.01, 0.1, 1.0, 10.0]),
)
def test_any_finite_input_gives_finite_output(z, temperature):
    for func in (softmax, log_softmax, softmin):
        out = func(z, temperature)
        assert out.dtype == z.dtype
        assert np.all(np.isfinite(out))
    p = softmax(z, temperature)
    np.testing.assert_allclose(p.sum(), 1.0, rtol=10 * np.finfo(z.dtype).eps * z.size)
    assert np.all(log_softmax(z, temperature) <= 0)


# --- extreme logits -------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("temperature", [0.01, 1.0, 100.0])
def test_extreme_logits(dtype, temperature):
    big = np.finfo(dtype).max
    for z in ([1e4, -1e4, 0.0], [big, -big, 0.0], [big, big, -big], [-big, -big]):
        z = np.array(z, dtype)
        for func in (softmax, log_softmax, softmin):
            out = func(z, temperature)
            assert out.dtype == dtype
            assert np.all(np.isfinite(out)), (func.__name__, z, out)
        p = softmax(z, temperature)
        np.testing.assert_allclose(p.sum(), 1.0, rtol=1e-6)
    # Ties at the maximum share the mass exactly.
    np.testing.assert_array_equal(
        softmax(np.array([big, big, -big], dtype), temperature), [0.5, 0.5, 0.0]
    )


def test_large_logits_exact_values():
    # softmax([1e4, -1e4, 0]) = [1, e^-2e4, e^-1e4] -> [1, 0, 0] in float64;
    # log_softmax keeps the information: [0, -2e4, -1e4] (log(1 + tiny) rounds to 0).
    z = np.array([1e4, -1e4, 0.0])
    np.testing.assert_array_equal(softmax(z), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(log_softmax(z), [0.0, -2e4, -1e4])
    np.testing.assert_array_equal(log_softmax(z, 0.01), [0.0, -2e6, -1e6])


def test_masked_logits_stay_minus_inf():
    z = np.array([-np.inf, 0.0, 1.0])
    np.testing.assert_allclose(softmax(z), [0.0, *to_float(mp_softmax([0.0, 1.0]))], rtol=1e-15)
    assert log_softmax(z)[0] == -np.inf


@pytest.mark.parametrize("temperature", [1.0, 0.01, 7.0, 5e-324])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_masked_logits_are_left_out(dtype, temperature):
    # A -inf logit masks its class: probability 0, log-probability -inf, and the others
    # are the softmax of the unmasked logits (mpmath, with the masked ones removed).
    z = np.array([[0.0, -np.inf, 1.0], [-np.inf, -np.inf, -3.0], [2.0, 0.5, -np.inf]], dtype)
    fi = np.finfo(dtype)
    # float32: 1e-6 relative, or two units of its smallest subnormal (1.4e-45).
    rtol, atol = (1e-13, 1e-300) if dtype == np.float64 else (1e-6, 2 * fi.smallest_subnormal)
    p, logp = softmax(z, temperature), log_softmax(z, temperature)
    assert p.dtype == logp.dtype == dtype
    for row, prow, lrow in zip(z, p, logp):
        kept = np.isfinite(row)
        np.testing.assert_allclose(prow[kept], to_float(mp_softmax(row[kept], temperature)),
                                   rtol=rtol, atol=atol)
        # Below the dtype's range log_softmax saturates at its most negative float
        # (documented); atol: log(1 + e^-100) = 4e-44 next to 0 rounds to 0.
        expected = np.maximum(to_float(mp_log_softmax(row[kept], temperature)), fi.min)
        np.testing.assert_allclose(lrow[kept], expected, rtol=rtol, atol=1e-14)
        assert (prow[~kept] == 0).all() and (lrow[~kept] == -np.inf).all()
    # softmin negates: its mask is +inf.
    np.testing.assert_array_equal(softmin(-z, temperature), p)
    jac = softmax_jacobian(z[0], temperature)
    assert (jac[1] == 0).all() and (jac[:, 1] == 0).all()


@pytest.mark.parametrize("func", [softmax, log_softmax, softmax_jacobian])
@pytest.mark.parametrize("z", [[-np.inf, -np.inf], [np.inf, 0.0], [1.0, np.inf, -np.inf]])
def test_no_softmax_for_a_full_mask_or_a_plus_inf_logit(func, z):
    # 0/0 and inf/inf (torch gives nan): a clear error instead of a nan or a warning.
    with pytest.raises(ValueError, match="mask a class with -inf"):
        func(z)


def test_a_fully_masked_row_is_named_even_next_to_good_rows():
    with pytest.raises(ValueError, match=r"every logit along the axis is masked"):
        softmax(np.array([[0.0, 1.0], [-np.inf, -np.inf]]))
    with pytest.raises(ValueError, match=r"\+inf"):
        softmin([0.0, -np.inf])  # softmin's -inf is softmax's +inf


# Subnormal temperatures: (z - max z) / T is formed with T itself, not T/2 (5e-324 / 2
# rounds to 0; 1.5e-323 / 2 to 5e-324 or 1e-323).
SUBNORMAL_CASES = [
    ([0.0, -1e-300], 5e-324),
    ([0.0, -1e-322], 1.5e-323),
    ([0.0, -5e-324, -1e-323, 2e-323], 1.5e-323),
    ([3e-320, 0.0, -4e-320], 1e-320),
    ([0.0, -2.2250738585072014e-308], 1e-310),
    ([1.0, 1.0 - 2**-52], 2**-60),
]


@pytest.mark.parametrize(("z", "temperature"), SUBNORMAL_CASES)
def test_subnormal_temperatures_match_mpmath(z, temperature):
    np.testing.assert_allclose(softmax(z, temperature), to_float(mp_softmax(z, temperature)),
                               rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(log_softmax(z, temperature),
                               to_float(mp_log_softmax(z, temperature)), rtol=1e-13)
    neg = [-v for v in z]
    np.testing.assert_allclose(softmin(z, temperature), to_float(mp_softmax(neg, temperature)),
                               rtol=1e-13, atol=1e-300)


def test_tiny_temperature_on_float32_logits():
    # T = 1e-50 is 0 in float32; the division is done in float64, then rounded.
    z = np.array([0.0, -1e-45, -1e-44], np.float32)  # -1e-45 is float32's 1.4e-45
    np.testing.assert_allclose(softmax(z, 1e-45), to_float(mp_softmax(z, 1e-45)), rtol=1e-6)
    np.testing.assert_array_equal(softmax(z, 1e-50), np.array([1, 0, 0], np.float32))
    out = log_softmax(z, 1e-50)  # [0, -1.4e5, -9.8e5]: finite in float32
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, to_float(mp_log_softmax(z, 1e-50)), rtol=1e-6)
    assert (log_softmax(z, 1e-90)[1:] == np.finfo(np.float32).min).all()  # saturates
    # J = (diag(p) - p p^T) / T with T = 1e-39, a float32 subnormal (it would round).
    z2, t2 = np.array([0.0, -1e-39], np.float32), 1e-39
    pm = mp_softmax(z2, t2)
    ref = [[float((pm[i] * ((i == j) - pm[j])) / mp.mpf(t2)) for j in range(2)] for i in range(2)]
    jac = softmax_jacobian(z2, t2)
    assert jac.dtype == np.float32
    np.testing.assert_allclose(jac, ref, rtol=1e-6)


# --- dtypes -------------------------------------------------------------------------


def test_float32_in_float32_out():
    z = np.array([1.0, 3.0, 0.0, 2.0], np.float32)
    for out in (
        softmax(z),
        softmax(z, np.float64(2.0)),  # a float64 temperature must not upcast
        log_softmax(z, 0.5),
        softmin(z),
        softmax_jacobian(z, 0.5),
        entropy(softmax(z)),
        naive_softmax(z),
    ):
        assert out.dtype == np.float32
    np.testing.assert_allclose(softmax(z), to_float(mp_softmax(z)), rtol=1e-6)


def test_ints_give_float64():
    assert softmax([1, 2, 3]).dtype == np.float64
    assert log_softmax(np.array([1, 2], np.int8)).dtype == np.float64
    assert softmax_jacobian([1, 2]).dtype == np.float64


# --- Jacobian -------------------------------------------------------------------------


@pytest.mark.parametrize("temperature", [0.3, 1.0, 4.0])
def test_jacobian_matches_mpmath_derivative(temperature):
    z = np.array([0.5, -1.0, 2.0, 0.1])
    jac = softmax_jacobian(z, temperature)
    for j in range(z.size):

        def column(t, j=j):
            zj = [mp.mpf(float(v)) for v in z]
            zj[j] = t
            x = [v / mp.mpf(temperature) for v in zj]
            total = mp.fsum(mp.exp(v) for v in x)
            return [mp.exp(v) / total for v in x]

        for i in range(z.size):
            d = mp.diff(lambda t, i=i: column(t)[i], mp.mpf(float(z[j])))
            assert jac[i, j] == pytest.approx(float(d), rel=1e-12, abs=1e-15)


def test_jacobian_matches_finite_differences():
    z = np.random.default_rng(3).normal(size=6)
    h = 1e-6
    numeric = np.column_stack(
        [(softmax(z + h * e, 0.7) - softmax(z - h * e, 0.7)) / (2 * h) for e in np.eye(6)]
    )
    np.testing.assert_allclose(softmax_jacobian(z, 0.7), numeric, atol=1e-9)


def test_jacobian_structure():
    jac = softmax_jacobian([1.0, 3.0, 0.0, 2.0], 2.0)
    np.testing.assert_allclose(jac, jac.T, atol=0)
    np.testing.assert_allclose(jac.sum(axis=0), 0.0, atol=1e-16)
    assert np.all(np.linalg.eigvalsh(jac) > -1e-16)  # positive semi-definite


def test_jacobian_rejects_non_1d():
    with pytest.raises(ValueError, match="1-D"):
        softmax_jacobian(np.zeros((2, 2)))


def test_jacobian_extreme_logits_finite():
    jac = softmax_jacobian(np.array([1e4, -1e4, 0.0]), 0.01)
    np.testing.assert_array_equal(jac, np.zeros((3, 3)))  # saturated: one-hot p


# --- entropy --------------------------------------------------------------------------


def test_entropy_closed_forms():
    assert entropy([0.25] * 4) == pytest.approx(math.log(4), rel=1e-15)
    assert entropy([1.0, 0.0, 0.0]) == 0.0
    # 1.75 bits = 1.75 ln 2 nats.
    assert entropy([0.5, 0.125, 0.125, 0.25]) == pytest.approx(1.75 * math.log(2), rel=1e-15)


def test_entropy_matches_mpmath_batched():
    p = softmax(np.random.default_rng(0).normal(size=(4, 6)))  # (batch, n)
    expected = [float(-mp.fsum(mp.mpf(v) * mp.log(v) for v in row)) for row in p]
    np.testing.assert_allclose(entropy(p), expected, rtol=1e-14)


# --- naive softmax --------------------------------------------------------------------


def test_naive_softmax_agrees_for_small_logits():
    z = np.array([1.0, 3.0, 0.0, 2.0])
    np.testing.assert_allclose(naive_softmax(z), to_float(mp_softmax(z)), rtol=1e-14)


def test_naive_softmax_overflows_without_warning():
    # The teaching demo: exp(1000) = inf, inf/inf = nan; exp(-1000) = 0, 0/0 = nan.
    out = naive_softmax([1000.0, 0.0])
    assert np.isnan(out[0]) and out[1] == 0.0
    assert np.all(np.isnan(naive_softmax([-1000.0, -1000.0])))
    assert np.all(np.isnan(naive_softmax(np.array([100.0, 0.0], np.float32))[:1]))
    # ... while the stable version is fine.
    np.testing.assert_array_equal(softmax([1000.0, 0.0]), [1.0, 0.0])


# --- one logit moved alone: softmax's S-curve and argmax's step ---------------------------


def mp_class_k(z, k, x, temperature):
    """p_k with z_k = x, and its derivative in x (mp.diff), in mpmath."""
    others = [mp.mpf(float(v)) / mp.mpf(temperature) for j, v in enumerate(z) if j != k]

    def p(t):
        mine = t / mp.mpf(temperature)
        return mp.exp(mine) / (mp.exp(mine) + mp.fsum(mp.exp(v) for v in others))

    at = mp.mpf(float(x))
    return p(at), mp.diff(p, at)


SWEEPS = [  # (logits, class, T): the page's default, its extremes, ties, two classes
    ([1.0, 3.0, 0.0, 2.0], 1, 1.0), ([1.0, 3.0, 0.0, 2.0], 0, 0.3),
    ([1.0, 3.0, 0.0, 2.0], 1, 10.0), ([2.0, 1.9, 0.5], 0, 1.0), ([0.5, -0.5], 1, 2.0),
    ([2.0, 2.0, 0.0], 1, 0.7),
]


@pytest.mark.parametrize(("z", "k", "temperature"), SWEEPS)
def test_logit_sweep_matches_mpmath_and_its_derivative(z, k, temperature):
    s = logit_sweep(z, k, temperature)
    picks = np.linspace(0, s.xs.size - 1, 25).astype(int)  # 25 of the sampled z_k
    for x, p, slope in zip(s.xs[picks], s.soft[picks], s.soft_slope[picks]):
        mp_p, mp_slope = mp_class_k(z, k, x, temperature)
        assert p == pytest.approx(float(mp_p), rel=1e-12, abs=1e-300)
        assert slope == pytest.approx(float(mp_slope), rel=1e-9, abs=1e-300)
    # the current point, read off the same references
    mp_p, mp_slope = mp_class_k(z, k, z[k], temperature)
    assert (s.z, s.p) == (z[k], pytest.approx(float(mp_p), rel=1e-12))
    assert s.slope == pytest.approx(float(mp_slope), rel=1e-9)


@pytest.mark.parametrize(("z", "k", "temperature"), SWEEPS)
def test_the_slope_matches_finite_differences_of_the_output(z, k, temperature):
    s = logit_sweep(z, k, temperature)
    h = 1e-6 * temperature

    def p(x):
        moved = np.array(z, dtype=float)
        moved[k] = x
        return softmax(moved, temperature)[k]

    for x, slope in zip(s.xs[::20], s.soft_slope[::20]):
        # a central difference is good to about eps / h = 1e-9 (rounding), 1e-5 relative
        assert slope == pytest.approx((p(x + h) - p(x - h)) / (2 * h), rel=1e-5, abs=1e-9)


@pytest.mark.parametrize(("z", "k", "temperature"), SWEEPS)
def test_the_bump_peaks_at_a_quarter_over_t_where_p_is_one_half(z, k, temperature):
    """Closed forms: p_k is a logistic curve of z_k centred at c = T log sum_{j != k}
    e^{z_j / T}, so its slope p (1 - p) / T peaks at 1/(4T) there and is half that
    2 T asinh(1) either side."""
    s = logit_sweep(z, k, temperature)
    others = [mp.mpf(float(v)) for j, v in enumerate(z) if j != k]
    c = temperature * mp.log(mp.fsum(mp.exp(v / temperature) for v in others))
    assert s.midpoint == pytest.approx(float(c), rel=1e-12, abs=1e-12)
    assert s.peak == 1 / (4 * temperature)
    assert float(mp_class_k(z, k, s.midpoint, temperature)[1]) == pytest.approx(s.peak, rel=1e-9)
    for side in (-1, 1):
        x = s.midpoint + side * s.bump_width / 2
        assert float(mp_class_k(z, k, x, temperature)[1]) == pytest.approx(s.peak / 2, rel=1e-9)
    assert s.bump_width == pytest.approx(2 * temperature * math.log(3 + 2 * math.sqrt(2)))
    if s.xs[0] < s.midpoint < s.xs[-1]:  # sampled there: the drawn bump reaches its top
        assert s.soft_slope.max() == pytest.approx(s.peak, rel=1e-12)
    assert s.soft_slope.max() <= s.peak * (1 + 1e-12)
    assert s.jump <= s.midpoint <= s.jump + temperature * math.log(len(z) - 1) + 1e-12


@pytest.mark.parametrize(("z", "k", "temperature"), SWEEPS + [([5.0, 5.0, 5.0], 2, 1.0)])
def test_argmax_is_a_step_at_the_largest_other_logit(z, k, temperature):
    """Entry k of argmax's one-hot vector, row by row as np.argmax takes it (the first of
    the tied): 0 left of the jump, 1 right of it, and at it 1 only for a class that comes
    before every other class with that logit."""
    s = logit_sweep(z, k, temperature)
    assert s.jump == max(v for j, v in enumerate(z) if j != k)
    assert s.jump in s.xs and z[k] in s.xs  # the jump and the current logit, sampled exactly
    rows = np.tile(np.array(z, dtype=float), (s.xs.size, 1))
    rows[:, k] = s.xs
    np.testing.assert_array_equal(s.hard, (np.argmax(rows, axis=1) == k).astype(float))
    at_jump = rows[s.xs == s.jump][0]
    assert s.wins_tie == (int(np.argmax(at_jump)) == k)
    assert s.h == float(np.argmax(z) == k)
    assert s.at_jump == (z[k] == s.jump)


def test_ties_go_to_the_first_class():
    assert logit_sweep([2.0, 2.0, 0.0], 0).wins_tie
    assert not logit_sweep([2.0, 2.0, 0.0], 1).wins_tie
    assert not logit_sweep([2.0, 0.0, 2.0], 2).wins_tie
    assert logit_sweep([0.0, 2.0, 2.0], 1).wins_tie
    both = logit_sweep([2.0, 2.0, 0.0], 0)
    assert both.at_jump and both.h == 1.0 and both.p == pytest.approx(1 / (2 + math.exp(-2)))


def test_the_sweep_holds_the_current_logit_and_does_not_move_with_t():
    """Centred on the jump and reaching the current logit, so a smaller T shows the same
    range with a narrower bump; sampled densely over the bump, however narrow."""
    z = [1.0, 3.0, 0.0, 2.0]
    ranges = {(s.xs[0], s.xs[-1]) for s in (logit_sweep(z, 1, t) for t in (0.01, 1.0, 100.0))}
    assert ranges == {(-2.0, 6.0)}
    far = logit_sweep([10.0, 0.0], 0)
    assert far.xs[0] <= 0.0 and far.xs[-1] >= 10.0  # the jump at 0 and z = 10, both in
    narrow = logit_sweep(z, 1, 0.01)
    inside = (narrow.xs > narrow.midpoint - narrow.bump_width / 2) & \
        (narrow.xs < narrow.midpoint + narrow.bump_width / 2)
    assert np.count_nonzero(inside) >= 10  # the top half of a 0.035-wide bump, drawn
    assert np.all(np.diff(narrow.xs) > 0)


@pytest.mark.parametrize("temperature", [0.01, 1.0, 100.0])
@pytest.mark.parametrize(("z", "k"), [([10000.0, -10000.0, 0.0], 0),
                                      ([10000.0, -10000.0, 0.0], 1),
                                      ([-10000.0, -10000.0], 1), ([1e4, 1e4, 1e4], 0)])
def test_extreme_logits_and_temperatures_stay_finite(z, k, temperature):
    s = logit_sweep(z, k, temperature)  # warnings are errors here
    for a in (s.xs, s.soft, s.soft_slope, s.hard):
        assert np.isfinite(a).all()
    assert np.all((s.soft >= 0) & (s.soft <= 1)) and np.all(s.soft_slope >= 0)
    assert np.isfinite([s.midpoint, s.peak, s.p, s.slope, s.bump_width]).all()
    assert s.soft_slope.max() <= s.peak * (1 + 1e-12)


def test_a_subnormal_temperature_gives_inf_at_the_peak_without_warnings():
    s = logit_sweep([1.0, 3.0, 0.0, 2.0], 1, 5e-324)
    assert s.peak == math.inf and np.isposinf(s.soft_slope).any()
    assert np.isfinite(s.soft).all() and set(np.unique(s.soft)) <= {0.0, 0.5, 1.0}


@pytest.mark.parametrize(("z", "k", "temperature"), [
    ([1.0], 0, 1.0), ([[1.0, 2.0]], 0, 1.0), ([1.0, np.nan], 0, 1.0), ([1.0, -np.inf], 0, 1.0),
    ([1.0, 2.0], 2, 1.0), ([1.0, 2.0], -1, 1.0), ([1.0, 2.0], 0, 0.0), ([1.0, 2.0], 0, np.inf),
])
def test_logit_sweep_refuses_what_it_cannot_draw(z, k, temperature):
    with pytest.raises(ValueError):
        logit_sweep(z, k, temperature)

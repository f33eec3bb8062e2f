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

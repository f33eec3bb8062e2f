"""Every registered activation against an independent mpmath reference, plus stability.

The references below are written again from PyTorch's documented definitions (the
``torch.nn.<Name>`` pages) and its backward formulas (aten/src/ATen/native/Activation.cpp,
tools/autograd/derivatives.yaml), evaluated with 50 significant digits. They share no code
with ``activations/functions.py``; where a textbook form would cancel even at 50 digits
(1 - sigma(x) at x = 1e4), the reference uses an exactly equal form that does not, and
the comment says which identity.

pytest turns every warning into an error (pyproject.toml), so every call here also checks
that no RuntimeWarning (overflow, invalid, divide) escapes.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import activations

# A private mpmath context: other test modules cannot change its precision.
mp = mpmath.MPContext()
mp.dps = 50

EPS = float(np.finfo(np.float64).eps)
RTOL = 1e-12
# The absolute floor only matters next to zero: true values like sigmoid(-1e4) = e^-10000
# round to 0 in float64, and a subnormal (below 2.2e-308) has a fixed absolute unit,
# 2^-1074 = 4.9e-324: four of those are allowed (sech^2 = 4 e^-2|x| rounds e^-2|x| first).
ATOL = 4 * 2.0**-1074

# ---------------------------------------------------------------- mpmath references


def _sig(t):
    """Logistic 1 / (1 + e^-t); no cancellation for either sign."""
    return 1 / (1 + mp.exp(-t))


def _sig_prime(t):
    """sigma'(t) = e^t / (1 + e^t)^2, written 1 / (e^t + 2 + e^-t): no 1 - sigma to cancel."""
    return 1 / (mp.exp(t) + 2 + mp.exp(-t))


def _sech2(u):
    """sech^2(u) = 4 / (e^u + e^-u)^2 (exp is much faster than mp.sech at |u| ~ 1e900)."""
    return 4 / (mp.exp(u) + mp.exp(-u)) ** 2


def _Phi(x):
    """Standard normal CDF. Beyond |x| = 1e100 it is 1 or 0 to far more than 50 digits
    (1 - Phi < e^-1e200), and mpmath's erfc overflows an internal float there."""
    if x > 1e100:
        return mp.mpf(1)
    if x < -1e100:
        return mp.mpf(0)
    return mp.erfc(-x / mp.sqrt(2)) / 2


def _phi(x):
    if abs(x) > 1e100:
        return mp.mpf(0)
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")  # torch.nn.SELU docs
SELU_SCALE = mp.mpf("1.0507009873554804934193349852946")
GELU_KAPPA = mp.mpf("0.044715")  # torch.nn.GELU docs, approximate='tanh'
RRELU_LOWER, RRELU_UPPER = mp.mpf(1) / 8, mp.mpf(1) / 3  # torch.nn.RReLU defaults


def _gelu_u(x):
    return mp.sqrt(2 / mp.pi) * (x + GELU_KAPPA * x**3)


def _tanhshrink(x):
    # x - tanh(x) ~ x^3 / 3 cancels about 2*log10(1/|x|) digits: add that many.
    extra = 0 if abs(x) >= 1 or x == 0 else int(-2 * mp.log10(abs(x))) + 5
    with mp.extradps(extra):
        return +(x - mp.tanh(x))


def _softplus_on_linear_side(x, beta, threshold):
    # PyTorch compares x * beta > threshold in the tensor's dtype, so the reference decides
    # the branch on the float64 product (the value itself is computed in mpmath).
    return float(beta) * float(x) > float(threshold)


# Each entry: (forward, derivative), keyword defaults as in PyTorch. Derivatives give what
# autograd gives at kinks; the backward formula is quoted where a kink is involved.
REFS = {
    "identity": (lambda x, c=1: c * x, lambda x, c=1: c),
    # torch.heaviside(x, values=0): H(0) = 0; its gradient is not implemented, we take 0.
    "step": (lambda x: mp.mpf(1 if x > 0 else 0), lambda x: mp.mpf(0)),
    "sigmoid": (_sig, _sig_prime),
    "tanh": (lambda x: mp.tanh(x), _sech2),
    # relu backward: threshold_backward(grad, result, 0) -> self <= 0 ? 0 : grad
    "relu": (lambda x: x if x > 0 else mp.mpf(0), lambda x: mp.mpf(1 if x > 0 else 0)),
    # leaky_relu_backward: self > 0 ? grad : grad * negval
    "leaky_relu": (
        lambda x, negative_slope=0.01: x if x > 0 else negative_slope * x,
        lambda x, negative_slope=0.01: mp.mpf(1) if x > 0 else mp.mpf(negative_slope),
    ),
    # prelu backward: input > 0 ? grad : weight * grad
    "prelu": (
        lambda x, a=0.25: x if x > 0 else a * x,
        lambda x, a=0.25: mp.mpf(1) if x > 0 else mp.mpf(a),
    ),
    # rrelu(training=False) is leaky_relu with negative_slope = (lower + upper) / 2
    "rrelu": (
        lambda x, lower=RRELU_LOWER, upper=RRELU_UPPER: x if x >= 0 else (lower + upper) / 2 * x,
        lambda x, lower=RRELU_LOWER, upper=RRELU_UPPER: (
            mp.mpf(1) if x > 0 else (lower + upper) / 2
        ),
    ),
    # elu_backward: x <= 0 ? grad * negiptcoef * negcoef * exp(x * negiptcoef) : grad * poscoef
    "elu": (
        lambda x, alpha=1: x if x > 0 else alpha * mp.expm1(x),
        lambda x, alpha=1: mp.mpf(1) if x > 0 else alpha * mp.exp(x),
    ),
    # celu(x, alpha) = elu(x, alpha, scale=1, input_scale=1/alpha): at 0, alpha/alpha = 1
    "celu": (
        lambda x, alpha=1: max(mp.mpf(0), x) + min(mp.mpf(0), alpha * mp.expm1(x / alpha)),
        lambda x, alpha=1: mp.mpf(1) if x > 0 else mp.exp(x / alpha),
    ),
    # selu = elu(x, SELU_ALPHA, scale=SELU_SCALE): at 0 the x <= 0 branch, scale * alpha
    "selu": (
        lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
        lambda x: SELU_SCALE if x > 0 else SELU_SCALE * SELU_ALPHA * mp.exp(x),
    ),
    # x * Phi(x); tanh form 0.5 x (1 + tanh u), with 1 + tanh(u) = 2 sigma(2u) (exact identity;
    # the left side cancels to 0 at 50 digits once u < -60).
    "gelu": (
        lambda x, approximate="none": (
            x * _sig(2 * _gelu_u(x)) if approximate == "tanh" else x * _Phi(x)
        ),
        lambda x, approximate="none": (
            _sig(2 * _gelu_u(x))
            + x / 2 * _sech2(_gelu_u(x)) * mp.sqrt(2 / mp.pi) * (1 + 3 * GELU_KAPPA * x**2)
            if approximate == "tanh"
            else _Phi(x) + x * _phi(x)
        ),
    ),
    "silu": (lambda x: x * _sig(x), lambda x: _sig(x) + x * _sig_prime(x)),
    "mish": (
        lambda x: x * mp.tanh(mp.log1p(mp.exp(x))),
        # d softplus / dx = sigma(x)
        lambda x: mp.tanh(mp.log1p(mp.exp(x))) + x * _sig(x) * _sech2(mp.log1p(mp.exp(x))),
    ),
    # softplus_backward: z = exp(x * beta); (x * beta) > threshold ? grad : grad * z / (z + 1)
    "softplus": (
        lambda x, beta=1, threshold=20: (
            x if _softplus_on_linear_side(x, beta, threshold) else mp.log1p(mp.exp(beta * x)) / beta
        ),
        lambda x, beta=1, threshold=20: (
            mp.mpf(1) if _softplus_on_linear_side(x, beta, threshold) else _sig(beta * x)
        ),
    ),
    "softsign": (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    # relu6 = hardtanh(x, 0, 6); hardtanh_backward: (x <= min || x >= max) ? 0 : grad
    "relu6": (
        lambda x: min(max(mp.mpf(0), x), mp.mpf(6)),
        lambda x: mp.mpf(1 if 0 < x < 6 else 0),
    ),
    "hardtanh": (
        lambda x, min_val=-1, max_val=1: min(max(mp.mpf(min_val), x), mp.mpf(max_val)),
        lambda x, min_val=-1, max_val=1: mp.mpf(1 if min_val < x < max_val else 0),
    ),
    # docs: 0 if x <= -3, 1 if x >= 3, x/6 + 1/2 otherwise;
    # hardsigmoid_backward: (x > -3 && x < 3) ? grad / 6 : 0
    "hardsigmoid": (
        lambda x: mp.mpf(0) if x <= -3 else mp.mpf(1) if x >= 3 else x / 6 + mp.mpf(1) / 2,
        lambda x: mp.mpf(1) / 6 if -3 < x < 3 else mp.mpf(0),
    ),
    # docs: 0 if x <= -3, x if x >= 3, x (x + 3) / 6 otherwise;
    # autograd in PyTorch 2.13 (F.hardswish and nn.Hardswish, float32 and float64, observed
    # at -3, 3 and one ulp either side): x <= -3 ? 0 : x < 3 ? grad * (x / 3 + 0.5) : grad
    "hardswish": (
        lambda x: mp.mpf(0) if x <= -3 else x if x >= 3 else x * (x + 3) / 6,
        lambda x: mp.mpf(0) if x <= -3 else x / 3 + mp.mpf(1) / 2 if x < 3 else mp.mpf(1),
    ),
    # threshold_backward: x <= threshold ? 0 : grad
    "threshold": (
        lambda x, threshold=1, value=0: x if x > threshold else mp.mpf(value),
        lambda x, threshold=1, value=0: mp.mpf(1 if x > threshold else 0),
    ),
    "tanhshrink": (_tanhshrink, lambda x: mp.tanh(x) ** 2),
    # softshrink_backward / hardshrink_backward: (x >= -lambd && x <= lambd) ? 0 : grad
    "softshrink": (
        lambda x, lambd=0.5: x - lambd if x > lambd else x + lambd if x < -lambd else mp.mpf(0),
        lambda x, lambd=0.5: mp.mpf(0 if -lambd <= x <= lambd else 1),
    ),
    "hardshrink": (
        lambda x, lambd=0.5: x if (x > lambd or x < -lambd) else mp.mpf(0),
        lambda x, lambd=0.5: mp.mpf(0 if -lambd <= x <= lambd else 1),
    ),
    # log sigma(x) = -log(1 + e^-x); derivative 1 - sigma(x) = sigma(-x)
    "log_sigmoid": (lambda x: -mp.log1p(mp.exp(-x)), lambda x: _sig(-x)),
}

# Where each function is not differentiable (or jumps), from the definitions above.
REF_KINKS = {
    "step": lambda p: (0.0,),
    "relu": lambda p: (0.0,),
    "leaky_relu": lambda p: (0.0,),
    "prelu": lambda p: (0.0,),
    "rrelu": lambda p: (0.0,),
    # ELU's slope is alpha on the left of 0 and 1 on the right: a kink unless alpha = 1.
    "elu": lambda p: () if p.get("alpha", 1.0) == 1.0 else (0.0,),
    "selu": lambda p: (0.0,),
    "relu6": lambda p: (0.0, 6.0),
    "hardtanh": lambda p: (p.get("min_val", -1.0), p.get("max_val", 1.0)),
    "hardsigmoid": lambda p: (-3.0, 3.0),
    "hardswish": lambda p: (-3.0, 3.0),
    "threshold": lambda p: (p.get("threshold", 1.0),),
    "softshrink": lambda p: (-p.get("lambd", 0.5), p.get("lambd", 0.5)),
    "hardshrink": lambda p: (-p.get("lambd", 0.5), p.get("lambd", 0.5)),
    # PyTorch's switch to x, listed where its drop shows in float32 (PyTorch's default
    # dtype): at least the spacing of float32 numbers there (not at the defaults: 2e-9 at 20)
    "softplus": lambda p: (softplus_switch(p),) if math.log1p(
        math.exp(-p.get("threshold", 20.0))) / p.get("beta", 1.0) > np.spacing(
        np.float32(softplus_switch(p))) else (),
}


def softplus_switch(p):
    """Where PyTorch's softplus switches to x (a jump of log1p(e^-threshold) / beta)."""
    return p.get("threshold", 20.0) / p.get("beta", 1.0)


def ref_kinks(name, params):
    kinks = tuple(REF_KINKS.get(name, lambda p: ())(params))
    switch = (softplus_switch(params),) if name == "softplus" else ()
    return kinks + tuple(k for k in switch if k not in kinks)


# ---------------------------------------------------------------- cases

CASES = [
    ("identity", {}), ("identity", {"c": -2.5}), ("identity", {"c": 0.3}),
    ("step", {}), ("sigmoid", {}), ("tanh", {}), ("relu", {}),
    ("leaky_relu", {}), ("leaky_relu", {"negative_slope": 0.2}),
    ("prelu", {}), ("prelu", {"a": 0.1}),
    ("rrelu", {}), ("rrelu", {"lower": 0.05, "upper": 0.4}),
    ("elu", {}), ("elu", {"alpha": 0.5}), ("elu", {"alpha": 2.0}),
    ("celu", {}), ("celu", {"alpha": 0.5}),
    ("selu", {}),
    ("gelu", {}), ("gelu", {"approximate": "tanh"}),
    ("silu", {}), ("mish", {}),
    ("softplus", {}), ("softplus", {"beta": 10.0}), ("softplus", {"beta": 10.0, "threshold": 5.0}),
    ("softplus", {"beta": 0.5, "threshold": 1.0}),
    ("softsign", {}), ("relu6", {}),
    ("hardtanh", {}), ("hardtanh", {"min_val": -2.0, "max_val": 3.0}),
    ("hardsigmoid", {}), ("hardswish", {}),
    ("threshold", {}), ("threshold", {"threshold": -0.5, "value": -2.0}),
    ("threshold", {"threshold": 2.0, "value": 3.0}),
    ("tanhshrink", {}),
    ("softshrink", {}), ("softshrink", {"lambd": 1.5}),
    ("hardshrink", {}), ("hardshrink", {"lambd": 1.5}),
    ("log_sigmoid", {}),
]
CASE_IDS = [name + "".join(f"-{k}={v}" for k, v in p.items()) for name, p in CASES]
DERIV = [pytest.param(False, id="forward"), pytest.param(True, id="grad")]

TINY = 5e-324  # smallest subnormal
GRID = [
    -1e4, -700.0, -50.0, -20.0, -5.0, -3.0, -1.5, -1.0, -0.5, -1e-3, -1e-8, -1e-300, -0.0, 0.0,
    TINY, 2.2250738585072014e-308, 1e-300, 1e-8, 1e-3, 0.5, 1.0, 1.5, 3.0, 5.0, 6.0, 20.0,
    50.0, 700.0, 1e4,
]
# Where the true value (or slope) is subnormal or just above: e^x at -745 .. -708, sech^2
# at |x| 354 .. 373, the tanh GELU's e^(2u) at x -21.5 .. -21.1, Phi(x) at -38.5 .. -37.5,
# softplus with beta = 10 at beta x = -740.
TAILS = [
    -750.0, -745.0, -740.0, -730.0, -720.0, -714.0, -710.0, -709.0, -708.5, -708.0,
    -372.0, -365.0, -355.0, -74.0, -73.0, -38.6, -38.2, -37.8, -37.6, -21.5, -21.4, -21.3,
    -21.2, -21.15, 355.0, 365.0, 372.0, 708.5, 710.0, 720.0, 740.0, 745.0,
]


def test_cases_cover_every_activation():
    assert {name for name, _ in CASES} == set(activations.names()) == set(REFS)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_kink_points_match_the_definitions(name, params):
    # The library lists true kinks and jumps only; PyTorch's softplus switch (a jump of
    # 2e-9 at the defaults) only where float32 sees it, and the tests here step around it.
    expected = REF_KINKS.get(name, lambda p: ())(params)
    assert activations.get(name).kink_points(**params) == tuple(expected)


# ---------------------------------------------------------------- helpers


def _mp_params(params):
    return {k: (v if isinstance(v, str) else mp.mpf(float(v))) for k, v in params.items()}


def ref_fn(name, params, deriv):
    f = REFS[name][int(deriv)]
    p = _mp_params(params)
    return lambda t: f(t, **p)


def ref_value(name, params, deriv, x):
    return ref_fn(name, params, deriv)(mp.mpf(float(x)))


def evaluate(name, params, deriv, x):
    act = activations.get(name)
    return (act.grad if deriv else act)(x, **params)


def mp_slope(f, x):
    """mpmath's numerical derivative. Its step is 2^-(prec+10) (1e-53 at 50 digits); below
    |x| = 1 we add log10(1/|x|) digits, which shrinks the step in proportion, so that
    x = 1e-300 is not differentiated over [x - 1e-53, x + 1e-53]."""
    x = mp.mpf(float(x))
    extra = int(-mp.log10(abs(x))) + 5 if 0 < abs(x) < 1 else 0
    with mp.extradps(extra):
        return +mp.diff(f, x)


def _conditioning(name, params, deriv, x):
    """Error allowed from the problem itself: |x g'(x)| times a few ulps.

    Near a root of g (silu' at -1.278, gelu' at -0.752) or where g is steep relative to its
    size (softplus with beta x ~ -1e4), any float64 evaluation is at best exact for an
    input a few ulps away; that costs |x g'(x)| * ulp in absolute terms.
    """
    if any(abs(x - k) < 1e-40 for k in ref_kinks(name, params)):
        return 0  # values at kinks are conventions, checked exactly
    slope = mp_slope(ref_fn(name, params, deriv), x)
    return 8 * EPS * abs(x) * abs(slope)


def assert_matches_reference(name, params, deriv, xs, *, conditioned=False):
    xs = np.asarray(xs, dtype=np.float64)
    got = evaluate(name, params, deriv, xs)
    assert got.dtype == np.float64 and got.shape == xs.shape
    bad = []
    for x, g in zip(xs.tolist(), got.tolist()):
        r = ref_value(name, params, deriv, x)
        err = abs(mp.mpf(g) - r)  # NaN or inf make this fail below
        tol = RTOL * abs(r) + ATOL
        if conditioned and not err <= tol:
            tol += _conditioning(name, params, deriv, x)
        if not err <= tol:
            bad.append((x, g, float(r)))
    what = "grad" if deriv else "forward"
    assert not bad, f"{name}{params} {what}: (x, got, reference) {bad[:6]}"


def _grid_for(name, params):
    """The common grid plus each kink, and the points one ulp either side of it."""
    extra = []
    for k in ref_kinks(name, params):
        extra += [k, np.nextafter(k, -np.inf), np.nextafter(k, np.inf)]
    return GRID + extra


# ---------------------------------------------------------------- accuracy


@pytest.mark.parametrize("deriv", DERIV)
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_matches_mpmath_on_grid(name, params, deriv):
    assert_matches_reference(name, params, deriv, _grid_for(name, params))


@pytest.mark.parametrize("deriv", DERIV)
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_matches_mpmath_in_the_subnormal_tails(name, params, deriv):
    # Products with a subnormal e^x keep few digits (silu(-710) came out -0.0, mish'(-710)
    # with the wrong sign, gelu'(-21.2, tanh) 0); the tails are computed as one exp.
    assert_matches_reference(name, params, deriv, TAILS)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_reference_derivative_is_the_derivative_of_the_reference(name, params):
    # Guards the references themselves: closed form vs mpmath's numerical derivative.
    f, df = ref_fn(name, params, False), ref_fn(name, params, True)
    kinks = ref_kinks(name, params)
    for x in GRID:
        if any(abs(x - k) < 1e-30 for k in kinks):
            continue
        x = mp.mpf(x)
        numeric, closed = mp_slope(f, x), df(x)
        # mp.diff resolves changes of about 1e-60 |f| (a step of 2^-176 at ~115 digits), so
        # where f' is tiny next to f (tanh at -50: 1e-43 next to 1) it can only confirm that.
        # At x = 0 the central difference itself is off by ~h^2 |f^(3)(0)| / 6 ~ 1e-107.
        floor = mp.mpf("1e-100") if x == 0 else mp.mpf("1e-300")
        tol = mp.mpf("1e-30") * abs(closed) + mp.mpf("1e-45") * abs(f(x)) + floor
        assert abs(numeric - closed) <= tol, (name, params, x, numeric, closed)


_random_x = st.one_of(
    st.floats(-5.0, 5.0),
    st.floats(-800.0, 800.0),
    st.floats(-1e6, 1e6),
)


@pytest.mark.parametrize("deriv", DERIV)
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
@settings(max_examples=8, deadline=None)
@given(xs=st.lists(_random_x, min_size=1, max_size=12))
def test_matches_mpmath_at_random_points(name, params, deriv, xs):
    assert_matches_reference(name, params, deriv, xs, conditioned=True)


def _finite_difference_ok(name, params, x):
    """Central difference of our forward against our grad, away from kinks."""
    h = 2.0**-20 * max(1.0, abs(x))
    if any(abs(x - k) <= 4 * h for k in ref_kinks(name, params)):
        return True
    act = activations.get(name)
    lo, hi = x - h, x + h
    f_lo, f_hi = float(act(lo, **params)), float(act(hi, **params))
    fd = (f_hi - f_lo) / (hi - lo)
    g = float(act.grad(x, **params))
    # Rounding in f costs eps |f| / h; truncation h^2 |f'''| / 6, with |f'''| < 60 for every
    # case here (softplus with beta = 10 has the largest: beta^2 / 6 at most ~ 17).
    tol = 1e-6 * abs(g) + 4 * EPS * (abs(f_hi) + abs(f_lo)) / (hi - lo) + 10 * h * h
    return abs(fd - g) <= tol


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_grad_matches_finite_differences_on_grid(name, params):
    bad = [x for x in GRID if not _finite_difference_ok(name, params, x)]
    assert not bad, (name, params, bad)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
@settings(max_examples=15, deadline=None)
@given(x=st.floats(-60.0, 60.0))
def test_grad_matches_finite_differences_at_random_points(name, params, x):
    assert _finite_difference_ok(name, params, x)


# ---------------------------------------------------------------- kink conventions

SELU_SCALE_ALPHA = 1.0507009873554804934193349852946 * 1.6732632423543772848170429916717

# (name, params, x, expected derivative), each as PyTorch autograd returns it.
KINK_GRADS = [
    ("relu", {}, 0.0, 0.0),  # threshold_backward: self <= 0 ? 0 : grad
    ("leaky_relu", {}, 0.0, 0.01),  # self > 0 ? grad : grad * negval
    ("leaky_relu", {"negative_slope": 0.2}, 0.0, 0.2),
    ("prelu", {}, 0.0, 0.25),  # input > 0 ? grad : weight * grad
    ("prelu", {"a": 0.1}, 0.0, 0.1),
    ("rrelu", {}, 0.0, (1 / 8 + 1 / 3) / 2),  # eval mode: leaky_relu with (l + u) / 2
    ("rrelu", {"lower": 0.05, "upper": 0.4}, 0.0, 0.225),
    ("elu", {}, 0.0, 1.0),  # x <= 0 ? negcoef * exp(x) : poscoef -> alpha at 0
    ("elu", {"alpha": 0.5}, 0.0, 0.5),
    ("elu", {"alpha": 2.0}, 0.0, 2.0),
    ("celu", {}, 0.0, 1.0),  # elu with input_scale 1/alpha: alpha * (1/alpha) * e^0
    ("celu", {"alpha": 0.5}, 0.0, 1.0),
    ("selu", {}, 0.0, SELU_SCALE_ALPHA),  # scale * alpha * e^0
    ("relu6", {}, 0.0, 0.0),  # hardtanh_backward: (x <= min || x >= max) ? 0 : grad
    ("relu6", {}, 6.0, 0.0),
    ("hardtanh", {}, -1.0, 0.0),
    ("hardtanh", {}, 1.0, 0.0),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, -2.0, 0.0),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, 3.0, 0.0),
    ("hardsigmoid", {}, -3.0, 0.0),  # (x > -3 && x < 3) ? grad / 6 : 0
    ("hardsigmoid", {}, 3.0, 0.0),
    ("hardswish", {}, -3.0, 0.0),  # x <= -3 ? 0 : x < 3 ? grad * (x/3 + 0.5) : grad
    ("hardswish", {}, 3.0, 1.0),
    ("threshold", {}, 1.0, 0.0),  # x <= threshold ? 0 : grad
    ("threshold", {"threshold": -0.5, "value": -2.0}, -0.5, 0.0),
    ("softshrink", {}, 0.5, 0.0),  # (x >= -lambd && x <= lambd) ? 0 : grad
    ("softshrink", {}, -0.5, 0.0),
    ("softshrink", {"lambd": 1.5}, 1.5, 0.0),
    ("hardshrink", {}, 0.5, 0.0),  # same mask as softshrink
    ("hardshrink", {}, -0.5, 0.0),
    ("step", {}, 0.0, 0.0),  # no signal anywhere; 0 also at the jump
    ("step", {}, 1.0, 0.0),
    ("step", {}, -1.0, 0.0),
]


@pytest.mark.parametrize(("name", "params", "x", "expected"), KINK_GRADS)
def test_derivative_at_kinks_follows_pytorch(name, params, x, expected):
    act = activations.get(name)
    assert act.grad(x, **params) == pytest.approx(expected, rel=1e-15, abs=0)
    assert act.grad(-0.0 if x == 0 else x, **params) == pytest.approx(expected, rel=1e-15, abs=0)


def test_softplus_returns_x_above_threshold():
    sp = activations.get("softplus")
    # softplus: (x * beta) > threshold ? x : log1p(exp(x * beta)) / beta; backward grad there.
    for x, params in [(25.0, {}), (20.5, {}), (0.6, {"beta": 10.0, "threshold": 5.0}),
                      (3.0, {"beta": 0.5, "threshold": 1.0})]:
        assert sp(x, **params) == x
        assert sp.grad(x, **params) == 1.0
    # At the switch itself x * beta == threshold: still the log branch.
    assert sp(20.0) == pytest.approx(math.log1p(math.exp(20.0)), rel=1e-15)
    assert sp.grad(20.0) == pytest.approx(1 / (1 + math.exp(-20.0)), rel=1e-15)


# ---------------------------------------------------------------- float32 input, parameters

F32 = np.float32


def _f32(v):
    return float(np.float32(v))


def test_parameters_are_rounded_to_the_input_dtype():
    # PyTorch rounds a Python-scalar parameter to the tensor's dtype before comparing or
    # adding (F.threshold(float32 0.1, 0.1, 2.0) is 2.0); each line is that rule written out.
    get = activations.get
    # x <= threshold once both are float32(0.1): the replacement value.
    assert get("threshold")(F32(0.1), threshold=0.1, value=2.0) == F32(2.0)
    # float32(-4.9) is the upper clip float32(-4.9) itself: a kink, slope 0.
    assert get("hardtanh").grad(F32(-4.9), min_val=-5.0, max_val=-4.9) == F32(0.0)
    assert get("hardtanh")(F32(-4.9), min_val=-5.0, max_val=-4.9) == F32(-4.9)
    # x + lambd of two float32 numbers, rounded once (torch's float32 add).
    lambd = 1.3482011133154197
    assert get("softshrink")(F32(-1.35), lambd=lambd) == F32(_f32(-1.35) + _f32(lambd))
    assert get("hardshrink")(F32(0.1), lambd=0.1) == F32(0.0)
    assert get("leaky_relu")(F32(-3.0), negative_slope=0.01) == F32(-3.0 * _f32(0.01))
    # RReLU averages lower and upper in double, then rounds the slope (for this pair the
    # average of the float32 values would round to the next float32 down).
    lo, up = 0.002738500170148095, 0.8158535541215322
    assert F32(0.5 * (lo + up)) != F32(0.5 * (_f32(lo) + _f32(up)))
    assert get("rrelu")(F32(-1.0), lower=lo, upper=up) == -F32(0.5 * (lo + up))
    assert get("rrelu").grad(F32(-1.0), lower=lo, upper=up) == F32(0.5 * (lo + up))
    # float64 input keeps the parameters as given.
    assert get("threshold")(0.1, threshold=0.1 + 2**-56, value=2.0) == 2.0
    assert get("threshold")(0.1 + 2**-55, threshold=0.1, value=2.0) == 0.1 + 2**-55


def test_softplus_switch_compares_the_product_in_the_input_dtype():
    # beta = float32(0.1) times x = float32(10) is 1.0000000149 exactly, which rounds to
    # float32 1.0: not above threshold 1, so the log branch, as F.softplus on float32 gives.
    sp = activations.get("softplus")
    b = mp.mpf(_f32(0.1))
    assert b * 10 > 1 and F32(_f32(0.1) * 10.0) == F32(1.0)
    log_branch = float(mp.log1p(mp.exp(b * 10)) / b)
    assert sp(F32(10.0), beta=0.1, threshold=1.0) == F32(log_branch)
    assert sp.grad(F32(10.0), beta=0.1, threshold=1.0) == F32(float(_sig(b * 10)))
    above = np.nextafter(F32(10.0), F32(11.0))  # its product rounds above 1: x itself
    assert sp(above, beta=0.1, threshold=1.0) == above
    assert sp.grad(above, beta=0.1, threshold=1.0) == F32(1.0)


def _numeric_params(name):
    return [p for p in activations.get(name).params if p.choices is None]


# softplus is left out: its switch rounds a product (the test above).
PARAMETRISED = [n for n in activations.names() if _numeric_params(n) and n != "softplus"]


@pytest.mark.parametrize("deriv", DERIV)
@pytest.mark.parametrize("name", PARAMETRISED)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_float32_input_matches_the_reference_with_float32_parameters(name, deriv, data):
    act = activations.get(name)
    params = {p.name: data.draw(st.floats(p.min, p.max), label=p.name)
              for p in _numeric_params(name)}
    try:
        act.resolve(params)
    except ValueError:
        assume(False)  # hardtanh's min < max, rrelu's lower <= upper
    ref_params = {k: _f32(v) for k, v in params.items()}
    if name == "rrelu":  # the slope (lower + upper) / 2 is averaged first, then rounded
        ref_params = dict.fromkeys(("lower", "upper"), _f32(0.5 * (params["lower"] + params["upper"])))
    # The kinks sit at the float32 parameters: test them and one float32 ulp either side.
    xs = [F32(0.0), F32(-2.5), F32(4.5)]
    for k in ref_kinks(name, ref_params):
        k32 = F32(k)
        xs += [k32, np.nextafter(k32, F32(-np.inf)), np.nextafter(k32, F32(np.inf))]
    xs = np.array(xs, dtype=np.float32)
    got = evaluate(name, params, deriv, xs)
    assert got.dtype == np.float32
    for x, g in zip(xs.tolist(), got.tolist()):
        truth = F32(float(ref_value(name, ref_params, deriv, x)))
        ulp = float(np.spacing(abs(truth)))
        assert abs(g - float(truth)) <= ulp, (name, params, x, g, truth)


# ---------------------------------------------------------------- stability


def _hostile(dtype):
    fi = np.finfo(dtype)
    pos = [1.0, 1e4, 1e30, float(fi.max), float(fi.tiny), float(fi.smallest_subnormal)]
    return np.array([0.0, -0.0, *pos, *(-v for v in pos)], dtype=dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("deriv", DERIV)
@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_extreme_inputs_are_finite_where_the_truth_is(name, params, deriv, dtype):
    xs = _hostile(dtype)
    got = evaluate(name, params, deriv, xs)
    assert got.dtype == dtype and got.shape == xs.shape
    assert not np.isnan(got).any(), (xs, got)
    tiny = float(np.finfo(dtype).smallest_normal)
    rtol = RTOL if dtype == np.float64 else float(np.finfo(np.float32).eps)
    for x, g in zip(xs.tolist(), got.tolist()):
        r = ref_value(name, params, deriv, x)
        with np.errstate(over="ignore"):
            truth = np.array(float(r)).astype(dtype)  # the true value rounded into dtype
        if np.isinf(truth):  # beyond the dtype: +-inf of the right sign, as PyTorch
            assert g == float(truth), (name, params, x, g)
        else:
            assert math.isfinite(g), (name, params, x, g)
            assert abs(g - float(truth)) <= rtol * abs(float(truth)) + tiny, (name, x, g, truth)


@pytest.mark.parametrize("name", activations.names())
def test_dtype_and_shape_are_preserved(name):
    act = activations.get(name)
    for fn in (act, act.grad):
        for x in (0.5, -2.0, 3):
            out = fn(x)
            assert isinstance(out, np.float64) and np.ndim(out) == 0
        out = fn(np.float32(0.5))
        assert isinstance(out, np.float32)
        out = fn(np.array(-1.25))
        assert np.shape(out) == () and out.dtype == np.float64
        for shape in [(0,), (7,), (3, 4), (2, 3, 2)]:
            x32 = np.linspace(-4, 4, math.prod(shape), dtype=np.float32).reshape(shape)
            keep = x32.copy()
            out32 = fn(x32)
            assert out32.dtype == np.float32 and out32.shape == shape
            np.testing.assert_array_equal(x32, keep)  # the input is not modified
            out64 = fn(x32.astype(np.float64))
            assert out64.dtype == np.float64 and out64.shape == shape
            # Not bit-equal: float32 input rounds the parameters to float32 first (checked
            # exactly in test_parameters_are_rounded_to_the_input_dtype); 2 ulps covers that.
            np.testing.assert_allclose(out32, out64.astype(np.float32), rtol=2.0**-22, atol=0)
        ints = fn(np.array([[-3, 0], [2, 7]]))
        assert ints.dtype == np.float64 and ints.shape == (2, 2)
        np.testing.assert_array_equal(ints, fn(np.array([[-3.0, 0.0], [2.0, 7.0]])))
        assert fn([-1.0, 2.0]).shape == (2,)


# ---------------------------------------------------------------- the seeds' claims


@settings(max_examples=50, deadline=None)
@given(x=st.floats(-1e3, 1e3))
def test_tanh_is_a_shifted_scaled_sigmoid(x):
    # tanh(x) = 2 sigmoid(2x) - 1; the right side loses ~eps absolute near 0 by cancelling.
    tanh, sig = activations.get("tanh"), activations.get("sigmoid")
    assert tanh(x) == pytest.approx(2 * sig(2 * x) - 1, rel=1e-12, abs=4 * EPS)


def test_sigmoid_slope_peaks_at_one_quarter_at_zero():
    g = activations.get("sigmoid").grad
    assert g(0.0) == 0.25
    xs = np.linspace(-20, 20, 40001)  # step 0.001, includes 0
    slopes = g(xs)
    assert slopes.max() == 0.25 and xs[slopes.argmax()] == 0.0
    assert (slopes[xs != 0] < 0.25).all()


@settings(max_examples=50, deadline=None)
@given(x=st.floats(allow_nan=False, allow_infinity=False))
def test_softplus_beta_100_is_within_log2_over_100_of_relu(x):
    sp, relu = activations.get("softplus"), activations.get("relu")
    gap = sp(x, beta=100.0) - relu(x)
    assert 0.0 <= gap <= math.log(2) / 100 * (1 + 1e-15)


def test_softplus_beta_100_gap_is_largest_at_zero():
    sp = activations.get("softplus")
    assert sp(0.0, beta=100.0) == pytest.approx(math.log(2) / 100, rel=1e-15)


@settings(max_examples=50, deadline=None)
@given(x=st.floats(-1e6, 1e6), k=st.floats(1e-3, 1e3))
def test_relu_family_is_positively_scale_equivariant(x, k):
    relu = activations.get("relu")
    assert relu(k * x) == k * relu(x)  # both sides round the same product once
    for name, params in [("leaky_relu", {}), ("leaky_relu", {"negative_slope": 0.2}),
                         ("prelu", {}), ("prelu", {"a": 0.1})]:
        act = activations.get(name)
        # Two roundings per side; the floor covers subnormal products (x ~ -1e-308).
        expected = k * act(x, **params)
        assert act(k * x, **params) == pytest.approx(expected, rel=4 * EPS, abs=1e-320)


def test_sigmoid_is_not_scale_equivariant():
    sig = activations.get("sigmoid")
    assert abs(sig(2.0 * 1.0) - 2.0 * sig(1.0)) > 0.5


@settings(max_examples=50, deadline=None)
@given(x=st.floats(-1e6, 1e6), c=st.floats(-3.0, 3.0))
def test_identity_stacked_three_times_is_one_linear_map(x, c):
    h = activations.get("identity")
    assert h(h(h(x, c=c), c=c), c=c) == pytest.approx(c**3 * x, rel=4 * EPS, abs=1e-300)


# ---------------------------------------------------------------- properties as hypotheses

MONOTONIC = [n for n in activations.names() if activations.get(n).properties.monotonic]
_sorted_inputs = st.lists(
    st.one_of(st.floats(-10.0, 10.0), st.floats(allow_nan=False, allow_infinity=False)),
    min_size=2, max_size=40,
).map(sorted)


def test_softsign_wobbles_by_one_ulp_past_2_to_the_53_as_pytorch_does():
    # Written out: 1 + 9007207950990422 rounds to ...424 (ties to even), and the quotient
    # to 1 - 2**-52; one step below, 1 + 9007189238481798 is exact and the quotient is
    # 1 - 2**-53. The allowance in the test below is this one ulp, no more.
    lo, hi = 9007189238481798.0, 9007207950990422.0
    assert activations.get("softsign")(np.array([lo, hi])).tolist() == [1 - 2.0 ** -53,
                                                                         1 - 2.0 ** -52]


def test_the_monotonic_list_is_what_we_expect():
    # Guards the property flags themselves (so the test below can't silently test nothing).
    assert set(activations.names()) - set(MONOTONIC) == {"gelu", "silu", "mish", "hardswish"}


@pytest.mark.parametrize("name", MONOTONIC)
@settings(max_examples=30, deadline=None)
@given(xs=_sorted_inputs)
def test_monotonic_activations_do_not_decrease(name, xs):
    ys = activations.get(name)(np.array(xs))
    # PyTorch's softplus switches to x above threshold / beta and so drops there by
    # log1p(e^-threshold) / beta (2e-9 at the defaults); nothing else may drop at all.
    # softsign, as PyTorch, computes x / (1 + |x|): above 2**53, 1 + |x| rounds to x or
    # x + 2, so the quotient wobbles between 1 and 1 - 2**-52 (one ulp) as x grows.
    drop = {"softplus": math.log1p(math.exp(-20.0)), "softsign": 2.0 ** -52}.get(name, 0.0)
    assert (ys[1:] >= ys[:-1] - drop).all(), (xs, ys)  # not np.diff: 1e308 - -1e308 overflows


BOUNDS = {
    "sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "softsign": (-1.0, 1.0), "relu6": (0.0, 6.0),
    "hardsigmoid": (0.0, 1.0), "step": (0.0, 1.0), "log_sigmoid": (-np.inf, 0.0),
    "relu": (0.0, np.inf), "softplus": (0.0, np.inf), "hardtanh": (-1.0, 1.0),
    "elu": (-1.0, np.inf), "celu": (-1.0, np.inf), "selu": (-SELU_SCALE_ALPHA, np.inf),
    "hardswish": (-0.375, np.inf),
}


@pytest.mark.parametrize("name", sorted(BOUNDS))
@settings(max_examples=30, deadline=None)
@given(xs=st.lists(st.one_of(st.floats(-10.0, 10.0),
                             st.floats(allow_nan=False, allow_infinity=False)), min_size=1))
def test_bounded_ranges_hold(name, xs):
    lo, hi = BOUNDS[name]
    for dtype in (np.float64, np.float32):
        big = float(np.finfo(dtype).max)  # stay finite: inputs are finite by contract
        x = np.clip(np.array(xs), -big, big).astype(dtype)
        ys = activations.get(name)(x)
        assert ((ys >= lo) & (ys <= hi)).all(), (xs, ys)

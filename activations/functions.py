"""Every activation of note, with PyTorch's definitions, defaults and kink conventions.

Each function takes a float64 array (the `Activation` wrapper converts and casts back) and
its parameters already rounded to the input's dtype, as NumPy scalars of that dtype (see
`Activation`). Every function is written in a form that stays finite and accurate for every
finite input: expit / log_expit / logaddexp instead of exp ratios, ``expm1`` on the masked
input, series where a subtraction would cancel, and in the far negative tails, where a
product with a subnormal e^x would keep only a few digits, ``sign(c) exp(a + log|c|)`` for
``c e^a`` (see `_times_exp`). "Accurate" means within 1e-12 relatively, or a few units of
the smallest subnormal (2^-1074) where the true value is subnormal itself.
Derivatives give what PyTorch autograd gives at kinks.
"""

from __future__ import annotations

import numpy as np
from scipy.special import erfcx, expit, log_expit, log_ndtr, ndtr

from .registry import Activation, Param, Properties, as_float_array, get, register

SQRT_2_OVER_PI = np.sqrt(2.0 / np.pi)
INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)
GELU_TANH_KAPPA = 0.044715
# SELU constants from Klambauer et al. (2017), as in torch.nn.SELU.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _sech2(x):
    """sech^2(x) = 4 e^2 / (1 + e^2)^2 with e = exp(-|x|): no cancellation, no overflow.

    (1 - tanh^2 would round to 0 for |x| > 19 where the true value is ~4e-17.)
    """
    e2 = np.exp(-np.abs(x)) ** 2  # (0, 1]; squaring after exp cannot overflow
    return 4.0 * e2 / (1.0 + e2) ** 2


# Below this exponent e^a is subnormal (e^-708.4 is the smallest normal float64), so a
# product c * e^a computed as written keeps only the digits e^a has left.
_SUBNORMAL_EXP = -708.0


def _expit(x):
    """sigma(x), also below x = -709.78, where scipy's expit gives 0 (its exp(-x) overflows)
    though the truth e^x / (1 + e^x) = e^x to rounding is representable down to -745."""
    s = expit(x)
    tail = x < -700.0
    if np.any(tail):
        s = np.where(tail, np.exp(np.minimum(x, 0.0)), s)
    return s


def _times_exp(y, a, c):
    """``y``, except where ``a < -708``: there ``c * e^a`` as ``sign(c) exp(a + log|c|)``.

    Written as a product, a subnormal e^a has lost digits before c multiplies them (silu
    at -740 would keep 2 of 16); the sum inside one exp loses only |a| eps relatively.
    ``a`` and ``c`` have (or broadcast to) x's shape; callers pass their tail forms.
    """
    tail = a < _SUBNORMAL_EXP
    if not np.any(tail):
        return y
    with np.errstate(divide="ignore"):  # c == 0 gives log 0 = -inf and exp(-inf) = 0
        tail_value = np.sign(c) * np.exp(np.where(tail, a, 0.0) + np.log(np.abs(c)))
    return np.where(tail, tail_value, y)


def _normal_pdf(x):
    # phi underflows to 0 beyond |x| ~ 38.6; clipping keeps x*x from overflowing.
    xc = np.clip(x, -40.0, 40.0)
    return INV_SQRT_2PI * np.exp(-0.5 * xc * xc)


# ---------------------------------------------------------------- linear and step


def identity(x, c=1.0):
    r"""Linear activation :math:`h(x) = c x`.

    Stacking it collapses: :math:`h(h(h(x))) = c^3 x`. Default: c = 1.
    """
    return c * x


def identity_grad(x, c=1.0):
    return np.full_like(x, c)


def step(x):
    r"""Heaviside step :math:`H(x) = 1` if :math:`x > 0` else 0.

    We take H(0) = 0, as ``np.array(x > 0, dtype=int)`` in the notes and
    ``torch.heaviside(x, torch.zeros_like(x))`` (heaviside wants both in x's dtype).
    """
    return (x > 0).astype(np.float64)


def step_grad(x):
    """0 everywhere; undefined at 0, where we take 0 (it carries no learning signal)."""
    return np.zeros_like(x)


# ---------------------------------------------------------------- sigmoid family


def sigmoid(x):
    r""":math:`\sigma(x) = 1 / (1 + e^{-x})`, via ``scipy.special.expit`` (and
    :math:`e^x` below -700, where expit underflows early; see `_expit`)."""
    return _expit(x)


def sigmoid_grad(x):
    r""":math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`, at most 1/4 (at x = 0).

    Written as e / (1 + e)^2 with e = exp(-|x|) (sigma' is even): exact in the tails,
    where 1 - sigma would round to 0, and about twice as fast as two expit calls.
    """
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2


def tanh(x):
    r""":math:`\tanh(x) = 2\sigma(2x) - 1`."""
    return np.tanh(x)


def tanh_grad(x):
    r""":math:`\tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x)`, at most 1 (at x = 0)."""
    return _sech2(x)


def log_sigmoid(x):
    r""":math:`\log\sigma(x) = -\log(1 + e^{-x})`, via ``scipy.special.log_expit``."""
    return log_expit(x)


def log_sigmoid_grad(x):
    r""":math:`1 - \sigma(x) = \sigma(-x)`; :math:`e^{-x}` above 700 (subnormal from 708)."""
    return _expit(-x)


def hardsigmoid(x):
    r""":math:`\mathrm{ReLU6}(x + 3) / 6`: 0 below -3, 1 above 3."""
    return np.clip(x + 3.0, 0.0, 6.0) / 6.0


def hardsigmoid_grad(x):
    """1/6 on the open interval (-3, 3), 0 elsewhere (PyTorch gives 0 at x = +-3)."""
    return np.where((x > -3.0) & (x < 3.0), 1.0 / 6.0, 0.0)


def softsign(x):
    r""":math:`x / (1 + |x|)`."""
    return x / (1.0 + np.abs(x))


def softsign_grad(x):
    r""":math:`1 / (1 + |x|)^2` (squared after dividing: it underflows, never overflows)."""
    return (1.0 / (1.0 + np.abs(x))) ** 2


# ---------------------------------------------------------------- ReLU family


def relu(x):
    r""":math:`\max(0, x)`."""
    return np.maximum(x, 0.0)


def relu_grad(x):
    """1 for x > 0, else 0; we take relu'(0) = 0, as PyTorch."""
    return (x > 0).astype(np.float64)


def leaky_relu(x, negative_slope=0.01):
    r""":math:`x` if :math:`x > 0` else :math:`\text{negative\_slope}\cdot x`. Default: 0.01."""
    return np.where(x > 0, x, negative_slope * x)


def leaky_relu_grad(x, negative_slope=0.01):
    """1 for x > 0, else negative_slope; at 0 PyTorch gives negative_slope."""
    return np.where(x > 0, 1.0, negative_slope)


def prelu(x, a=0.25):
    r""":math:`x` if :math:`x > 0` else :math:`a x`; a is learned in a network. Default: 0.25."""
    return leaky_relu(x, a)


def prelu_grad(x, a=0.25):
    """1 for x > 0, else a (also at 0, as PyTorch)."""
    return leaky_relu_grad(x, a)


def _rrelu_slope(p):
    """RReLU's eval slope (lower + upper) / 2, in double: PyTorch averages before it rounds
    to the input's dtype (float32(avg) differs from avg(float32) for 1 in 5 pairs)."""
    return {"slope": 0.5 * (p["lower"] + p["upper"])}


def rrelu(x, slope=(1 / 8 + 1 / 3) / 2):
    r"""Randomized leaky ReLU in eval mode: the slope is fixed at :math:`(l + u) / 2`.

    The registry passes ``slope`` = (lower + upper) / 2 (defaults: lower = 1/8, upper =
    1/3). For the training mode see `rrelu_sample`.
    """
    return leaky_relu(x, slope)


def rrelu_grad(x, slope=(1 / 8 + 1 / 3) / 2):
    """1 for x > 0, else (lower + upper) / 2 (also at 0, as PyTorch in eval mode)."""
    return leaky_relu_grad(x, slope)


def rrelu_sample(x, lower=1 / 8, upper=1 / 3, rng=None):
    r"""RReLU in training mode: each :math:`x \le 0` gets its own slope :math:`a \sim U(l, u)`.

    As ``torch.nn.functional.rrelu(x, lower, upper, training=True)``. Returns ``a * x`` for
    x <= 0 and x elsewhere; the sampled slopes are ``out / x`` on the negative side.
    ``rng`` is a ``numpy.random.Generator`` (default: a fresh unseeded one). lower and
    upper are checked as for the registry's ``rrelu`` (``ValueError`` if out of range).
    """
    p = get("rrelu").resolve({"lower": lower, "upper": upper})
    rng = np.random.default_rng() if rng is None else rng
    a = as_float_array(x)
    slopes = rng.uniform(p["lower"], p["upper"], size=a.shape)
    y = np.where(a <= 0, a * slopes, a).astype(a.dtype, copy=False)
    return y[()] if y.ndim == 0 else y  # a scalar in gives a scalar out, as activations do


def _check_rrelu(p):
    if not p["lower"] <= p["upper"]:
        raise ValueError(f"rrelu needs lower <= upper, got {p['lower']} > {p['upper']}")


def relu6(x):
    r""":math:`\min(\max(0, x), 6)`."""
    return np.clip(x, 0.0, 6.0)


def relu6_grad(x):
    """1 on the open interval (0, 6), 0 elsewhere (PyTorch gives 0 at both kinks)."""
    return np.where((x > 0.0) & (x < 6.0), 1.0, 0.0)


def hardtanh(x, min_val=-1.0, max_val=1.0):
    r""":math:`\min(\max(x, \text{min\_val}), \text{max\_val})`. Defaults: -1 and 1."""
    return np.clip(x, min_val, max_val)


def hardtanh_grad(x, min_val=-1.0, max_val=1.0):
    """1 on the open interval (min_val, max_val), 0 elsewhere (0 at the kinks, as PyTorch)."""
    return np.where((x > min_val) & (x < max_val), 1.0, 0.0)


def _check_hardtanh(p):
    if not p["min_val"] < p["max_val"]:
        raise ValueError(f"hardtanh needs min_val < max_val, got {p['min_val']} >= {p['max_val']}")


def threshold(x, threshold=1.0, value=0.0):
    r""":math:`x` if :math:`x > \text{threshold}` else ``value``. Defaults: 1.0 and 0.0.

    (``torch.nn.Threshold`` has no defaults; these show the jump clearly.)
    """
    return np.where(x > threshold, x, value)


def threshold_grad(x, threshold=1.0, value=0.0):
    """1 for x > threshold, else 0 (also at the threshold, as PyTorch)."""
    return (x > threshold).astype(np.float64)


# ---------------------------------------------------------------- exponential family


def elu(x, alpha=1.0):
    r""":math:`x` if :math:`x > 0` else :math:`\alpha (e^x - 1)`. Default: alpha = 1.

    ``expm1`` is applied to min(x, 0) so the unused branch never overflows.
    """
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def elu_grad(x, alpha=1.0):
    r"""1 for x > 0, else :math:`\alpha e^x`; at 0 PyTorch gives alpha."""
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def celu(x, alpha=1.0):
    r""":math:`\max(0, x) + \min(0, \alpha (e^{x/\alpha} - 1))`. Default: alpha = 1."""
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0) / alpha))


def celu_grad(x, alpha=1.0):
    r"""1 for x > 0, else :math:`e^{x/\alpha}`; continuous, equal to 1 at 0."""
    return np.where(x > 0, 1.0, np.exp(np.minimum(x, 0.0) / alpha))


def selu(x):
    r""":math:`\lambda\,\mathrm{ELU}_\alpha(x)` with the self-normalising constants
    :math:`\alpha \approx 1.6733`, :math:`\lambda \approx 1.0507`."""
    return SELU_SCALE * elu(x, SELU_ALPHA)


def selu_grad(x):
    r""":math:`\lambda` for x > 0, else :math:`\lambda\alpha e^x`; at 0 PyTorch gives
    :math:`\lambda\alpha \approx 1.7581`."""
    return SELU_SCALE * elu_grad(x, SELU_ALPHA)


# ---------------------------------------------------------------- smooth ReLU-likes


def gelu(x, approximate="none"):
    r"""Gaussian error linear unit :math:`x\,\Phi(x)`. Default: approximate = "none".

    With ``approximate="tanh"``:
    :math:`\tfrac12 x (1 + \tanh(\sqrt{2/\pi}(x + 0.044715 x^3)))`, computed as
    :math:`x\,\sigma(2u)` (the same number, since 1 + tanh(u) = 2 sigma(2u)) so the
    negative tail does not cancel.
    """
    if approximate == "tanh":
        two_u = 2.0 * _gelu_tanh_inner(x)
        # Tail (x < -21.1): sigma(2u) = e^(2u), so x e^(2u).
        return _times_exp(x * expit(two_u), two_u, x)
    y = x * ndtr(x)
    tail = x < -37.5  # Phi(x) is subnormal below -37.5: x Phi = -exp(log|x| + log Phi)
    if np.any(tail):
        xt = np.where(tail, x, -40.0)  # the tail's x; -40 elsewhere keeps the logs finite
        y = np.where(tail, -np.exp(np.log(-xt) + log_ndtr(xt)), y)
    return y


def _gelu_tanh_inner(x):
    # tanh saturates long before |x| = 100; clipping keeps x**3 finite.
    xc = np.clip(x, -100.0, 100.0)
    return SQRT_2_OVER_PI * (xc + GELU_TANH_KAPPA * xc**3)


def gelu_grad(x, approximate="none"):
    r""":math:`\Phi(x) + x\,\phi(x)`; for "tanh", the derivative of the tanh form.

    In the negative tail both are subnormal and computed as one exp: for "none",
    :math:`\phi(x)\,(x + \sqrt{\pi/2}\,\mathrm{erfcx}(-x/\sqrt2))` (Phi / phi is that
    scaled erfcx); for "tanh", :math:`e^{2u}(1 + 2 x u')`.
    """
    if approximate == "tanh":
        xc = np.clip(x, -100.0, 100.0)
        two_u = 2.0 * _gelu_tanh_inner(x)
        s = expit(two_u)
        # d/dx [x s(2u)] = s + 2 x s (1 - s) u'(x); s(1 - s) is 0 wherever |x| was clipped.
        du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_TANH_KAPPA * xc * xc)
        y = s + 2.0 * xc * s * expit(-two_u) * du
        return _times_exp(y, two_u, 1.0 + 2.0 * xc * du)
    y = ndtr(x) + x * _normal_pdf(x)
    tail = x < -37.5
    if np.any(tail):
        # The tail's x, clipped at -50 where the value is 0 anyway (phi(-39) < 2^-1074)
        # so that x*x stays finite; -40 outside the tail.
        xt = np.where(tail, np.maximum(x, -50.0), -40.0)
        mills = np.sqrt(np.pi / 2.0) * erfcx(-xt / np.sqrt(2.0))  # Phi(x) / phi(x)
        log_pdf = -0.5 * xt * xt + np.log(INV_SQRT_2PI)
        y = np.where(tail, _times_exp(y, log_pdf, xt + mills), y)
    return y


def _gelu_numpy(p):
    """The NumPy one-liner for the chosen GELU form (the tanh one as in the PyTorch docs)."""
    if p["approximate"] == "tanh":
        return "0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))"
    return "x * scipy.special.ndtr(x)"


def silu(x):
    r"""Sigmoid linear unit (swish) :math:`x\,\sigma(x)`; :math:`x e^x` in the tail."""
    return _times_exp(x * expit(x), x, x)


def silu_grad(x):
    r""":math:`\sigma(x)(1 + x(1 - \sigma(x)))`; :math:`e^x (1 + x)` in the tail."""
    s = expit(x)
    return _times_exp(s + x * s * expit(-x), x, 1.0 + x)


def softplus(x, beta=1.0, threshold=20.0):
    r""":math:`\frac{1}{\beta}\log(1 + e^{\beta x})`, and :math:`x` where
    :math:`\beta x > \text{threshold}` (PyTorch's switch, kept for exact agreement).

    Defaults: beta = 1, threshold = 20. As beta grows it approaches ReLU. The switch
    compares :math:`\beta x` rounded to the parameters' dtype, as PyTorch does in the
    tensor's dtype. Far below (:math:`\beta x < -708`) the value is
    :math:`e^{\beta x} / \beta`, as one exp.
    """
    bx = beta * x
    y = np.where(_linear_side(bx, beta, threshold), x, np.logaddexp(0.0, bx) / beta)
    return _times_exp(y, bx, 1.0 / np.float64(beta))  # float64: 1 / float32 stays float32


def _linear_side(bx, beta, threshold):
    # beta * x of two float32 values is exact in float64; PyTorch rounds it to float32
    # before comparing (beta 0.1, x = float32(10.0): exact 1.00000001 > 1, float32 1.0 not).
    return bx.astype(np.result_type(beta), copy=False) > threshold


def softplus_grad(x, beta=1.0, threshold=20.0):
    r""":math:`\sigma(\beta x)`, and 1 above the threshold (as PyTorch)."""
    bx = beta * x
    return np.where(_linear_side(bx, beta, threshold), 1.0, _expit(bx))


def mish(x):
    r""":math:`x \tanh(\mathrm{softplus}(x))`; :math:`x e^x` in the tail (sp(x) = e^x there)."""
    return _times_exp(x * np.tanh(np.logaddexp(0.0, x)), x, x)


def mish_grad(x):
    r""":math:`\tanh(\mathrm{sp}(x)) + x\,\sigma(x)\,\mathrm{sech}^2(\mathrm{sp}(x))`;
    :math:`e^x (1 + x)` in the tail."""
    sp = np.logaddexp(0.0, x)
    return _times_exp(np.tanh(sp) + x * expit(x) * _sech2(sp), x, 1.0 + x)


def hardswish(x):
    r""":math:`x\,\mathrm{ReLU6}(x + 3) / 6`."""
    return x * hardsigmoid(x)


def hardswish_grad(x):
    r"""0 for :math:`x \le -3`, :math:`x/3 + 1/2` on the open interval (-3, 3), 1 for
    :math:`x \ge 3`.

    At the kinks this takes the outer sides' slopes, 0 at -3 and 1 at 3, as PyTorch 2.13's
    autograd does (``F.hardswish`` and ``nn.Hardswish``, float32 and float64); the inner
    formula would give -1/2 and 3/2 there.
    """
    return np.where(x <= -3.0, 0.0, np.where(x < 3.0, x / 3.0 + 0.5, 1.0))


# ---------------------------------------------------------------- shrink functions

# Taylor coefficients of x - tanh(x) (odd powers 3..23): below |x| = 0.25 the series is
# exact to rounding, where the subtraction would lose most of its digits.
_TANHSHRINK_SERIES = (
    1 / 3, -2 / 15, 17 / 315, -62 / 2835, 1382 / 155925, -21844 / 6081075,
    929569 / 638512875, -6404582 / 10854718875, 443861162 / 1856156927625,
    -18888466084 / 194896477400625, 113927491862 / 2900518163668125,
)


def tanhshrink(x):
    r""":math:`x - \tanh(x)`."""
    small = np.abs(x) < 0.25
    xs = np.where(small, x, 0.0)
    x2 = xs * xs
    series = np.zeros_like(xs)
    for c in reversed(_TANHSHRINK_SERIES):  # Horner in x^2
        series = series * x2 + c
    return np.where(small, xs * x2 * series, x - np.tanh(x))


def tanhshrink_grad(x):
    r""":math:`\tanh^2(x)`."""
    return np.tanh(x) ** 2


def softshrink(x, lambd=0.5):
    r""":math:`x - \lambda` if :math:`x > \lambda`, :math:`x + \lambda` if :math:`x < -\lambda`,
    else 0. Default: lambd = 0.5."""
    return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0.0))


def softshrink_grad(x, lambd=0.5):
    """1 outside [-lambd, lambd], 0 inside (0 at the kinks, as PyTorch)."""
    return (np.abs(x) > lambd).astype(np.float64)


def hardshrink(x, lambd=0.5):
    r""":math:`x` if :math:`|x| > \lambda` else 0. Default: lambd = 0.5."""
    return np.where(np.abs(x) > lambd, x, 0.0)


def hardshrink_grad(x, lambd=0.5):
    """1 outside [-lambd, lambd], 0 inside (0 at the jumps, as PyTorch)."""
    return softshrink_grad(x, lambd)


# ---------------------------------------------------------------- the registry

F = "torch.nn.functional"
_EXP = "exp"


def _left_slope_facts(a: float) -> dict:
    """The facts of x for x > 0 and a x for x <= 0 (LeakyReLU, RReLU, PReLU) that move with
    a, over those of 0 < a < 1 (range (-inf, inf), monotonic, not smooth, no saturation):
    a < 0 folds the left side up (outputs [0, inf), falling then rising), a = 0 is ReLU
    (flat on the left), a = 1 the line y = x (no kink, smooth)."""
    if a < 0.0:
        return {"range": r"[0, \infty)", "monotonic": False}
    if a == 0.0:
        return {"range": r"[0, \infty)", "saturates": "negative"}
    return {"smooth": a == 1.0}


def _softplus_jump(p) -> bool:
    """Whether PyTorch's switch to x where beta x > threshold shows: at x = t / beta the
    curve drops from log(1 + e^t) / beta to t / beta, by log(1 + e^-t) / beta. That is 0.31
    at t = 1 (a jump on the chart, and the curve is no longer monotonic) but 2e-9 at the
    default t = 20, under float32's spacing there (PyTorch's default dtype): seamless."""
    at, drop = p["threshold"] / p["beta"], np.log1p(np.exp(-p["threshold"])) / p["beta"]
    return bool(drop > np.spacing(np.float32(at)))

register(Activation(
    "identity", "Identity (linear)", identity, identity_grad,
    params=(Param("c", 1.0, -3.0, 3.0, 0.1, "slope of the line h(x) = c x"),),
    formula=r"h(x) = c\,x", derivative_formula=r"h'(x) = c",
    # c < 0 turns the line down (not non-decreasing); c = 0 is the constant 0.
    properties=Properties(r"(-\infty, \infty)", True, True, "none",
                          varies=lambda p: {"monotonic": p["c"] >= 0} if p["c"] else
                          {"range": r"\{0\}", "saturates": "both"}),
    torch_template="{c} * x", numpy_template="{c} * x",
))
register(Activation(
    "step", "Step (Heaviside)", step, step_grad,
    formula=r"H(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    derivative_formula=r"H'(x) = 0 \quad (x \ne 0)",
    properties=Properties(r"\{0, 1\}", True, False, "both", (0.0,)),
    reference="Rosenblatt, The Perceptron (1958)",
    # torch.heaviside refuses mixed dtypes: the value at 0 must have x's dtype.
    torch_template="torch.heaviside(x, torch.zeros_like(x))",
    numpy_template="np.heaviside(x, 0.0)",
))
register(Activation(
    "sigmoid", "Sigmoid", sigmoid, sigmoid_grad,
    formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    derivative_formula=r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x))",
    properties=Properties("(0, 1)", True, True, "both", cost=_EXP),
    reference="Rumelhart, Hinton & Williams, Learning representations by back-propagating "
              "errors (1986)",
    torch_template="torch.sigmoid(x)", numpy_template="scipy.special.expit(x)",
))
register(Activation(
    "tanh", "Tanh", tanh, tanh_grad,
    formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1",
    derivative_formula=r"\tanh'(x) = 1 - \tanh^2(x)",
    properties=Properties("(-1, 1)", True, True, "both", cost=_EXP),
    reference="LeCun et al., Efficient BackProp (1998)",
    torch_template="torch.tanh(x)", numpy_template="np.tanh(x)",
))
register(Activation(
    "relu", "ReLU", relu, relu_grad,
    formula=r"\mathrm{ReLU}(x) = \max(0, x)",
    derivative_formula=r"\mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    properties=Properties(r"[0, \infty)", True, False, "negative", (0.0,)),
    reference="Nair & Hinton (2010); Glorot, Bordes & Bengio (2011)",
    torch_template=f"{F}.relu(x)", numpy_template="np.maximum(x, 0)",
))
register(Activation(
    "leaky_relu", "LeakyReLU", leaky_relu, leaky_relu_grad,
    params=(Param("negative_slope", 0.01, 0.0, 1.0, 0.01, "slope for x < 0"),),
    formula=r"\mathrm{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}",
    derivative_formula=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
    # Slopes a (left) and 1 (right) meet at 0: a kink unless a = 1 (the identity).
    properties=Properties(r"(-\infty, \infty)", True, False, "none",
                          lambda p: () if p["negative_slope"] == 1.0 else (0.0,),
                          varies=lambda p: _left_slope_facts(p["negative_slope"])),
    reference="Maas, Hannun & Ng (2013)",
    torch_template=f"{F}.leaky_relu(x, negative_slope={{negative_slope}})",
    numpy_template="np.where(x > 0, x, {negative_slope} * x)",
))
register(Activation(
    "prelu", "PReLU", prelu, prelu_grad,
    params=(Param("a", 0.25, -1.0, 1.0, 0.01,
                  "slope for x < 0; learned in a network, any number (a = -1 gives |x|)"),),
    formula=r"\mathrm{PReLU}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases}",
    derivative_formula=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
    # a < 0 folds the left side up (a = -1: |x|): outputs >= 0, falling then rising; a = 0
    # is ReLU (flat left side), a = 1 the identity (no kink).
    properties=Properties(r"(-\infty, \infty)", True, False, "none",
                          lambda p: () if p["a"] == 1.0 else (0.0,),
                          varies=lambda p: _left_slope_facts(p["a"])),
    reference="He et al., Delving Deep into Rectifiers (2015)",
    # F.prelu does not promote: the weight must have x's dtype (float64 x, float32 weight fails).
    torch_template=f"{F}.prelu(x, torch.tensor([{{a}}], dtype=x.dtype))",
    numpy_template="np.where(x > 0, x, {a} * x)",
))
register(Activation(
    "rrelu", "RReLU (eval)", rrelu, rrelu_grad,
    params=(
        Param("lower", 1 / 8, 0.0, 1.0, 0.01, "smallest random slope for x < 0"),
        Param("upper", 1 / 3, 0.0, 1.0, 0.01, "largest random slope for x < 0"),
    ),
    formula=r"\mathrm{RReLU}(x) = \begin{cases} x & x \ge 0 \\ \frac{l+u}{2}\,x & x < 0"
    r"\end{cases}\ (\text{eval});\ a \sim U(l, u)\ (\text{train})",
    derivative_formula=r"\begin{cases} 1 & x > 0 \\ \frac{l+u}{2} & x \le 0 \end{cases}",
    properties=Properties(r"(-\infty, \infty)", True, False, "none",
                          lambda p: () if p["lower"] + p["upper"] == 2.0 else (0.0,),
                          varies=lambda p: _left_slope_facts((p["lower"] + p["upper"]) / 2)),
    reference="Xu et al., Empirical Evaluation of Rectified Activations (2015)",
    torch_template=f"{F}.rrelu(x, lower={{lower}}, upper={{upper}}, training=False)",
    numpy_template="np.where(x > 0, x, ({lower} + {upper}) / 2 * x)",
    check=_check_rrelu, scalars=_rrelu_slope,
))
register(Activation(
    "elu", "ELU", elu, elu_grad,
    params=(Param("alpha", 1.0, 0.0, 3.0, 0.05, "negative saturation value is -alpha"),),
    formula=r"\mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha(e^{x} - 1) & x \le 0 \end{cases}",
    derivative_formula=r"\begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
    # Slopes alpha (left) and 1 (right) meet at 0: a kink unless alpha = 1.
    properties=Properties(r"(-\alpha, \infty)", True, False, "negative",
                          lambda p: () if p["alpha"] == 1.0 else (0.0,), _EXP,
                          varies=lambda p: {} if p["alpha"] else {"range": r"[0, \infty)"}),
    reference="Clevert, Unterthiner & Hochreiter (2016)",
    torch_template=f"{F}.elu(x, alpha={{alpha}})",
    numpy_template="np.where(x > 0, x, {alpha} * np.expm1(np.minimum(x, 0)))",
))
register(Activation(
    "celu", "CELU", celu, celu_grad,
    params=(Param("alpha", 1.0, 0.05, 3.0, 0.05, "negative saturation value is -alpha"),),
    formula=r"\mathrm{CELU}(x) = \max(0, x) + \min\!\left(0, \alpha(e^{x/\alpha} - 1)\right)",
    derivative_formula=r"\begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
    properties=Properties(r"(-\alpha, \infty)", True, False, "negative", (), _EXP),
    reference="Barron, Continuously Differentiable Exponential Linear Units (2017)",
    torch_template=f"{F}.celu(x, alpha={{alpha}})",
    numpy_template="np.where(x > 0, x, {alpha} * np.expm1(np.minimum(x, 0) / {alpha}))",
))
register(Activation(
    "selu", "SELU", selu, selu_grad,
    formula=r"\mathrm{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha(e^{x} - 1) & x \le 0"
    r"\end{cases},\ \alpha \approx 1.6733,\ \lambda \approx 1.0507",
    derivative_formula=(r"\begin{cases} \lambda & x > 0 \\ "
                        r"\lambda\alpha e^{x} & x \le 0 \end{cases}"),
    properties=Properties(r"(-\lambda\alpha, \infty)", True, False, "negative", (0.0,), _EXP),
    reference="Klambauer et al., Self-Normalizing Neural Networks (2017)",
    torch_template=f"{F}.selu(x)",
    numpy_template=f"{SELU_SCALE} * np.where(x > 0, x, {SELU_ALPHA} * np.expm1(np.minimum(x, 0)))",
))
register(Activation(
    "gelu", "GELU", gelu, gelu_grad,
    params=(Param("approximate", "none", help="'none' is exact; 'tanh' the fast approximation",
                  choices=("none", "tanh")),),
    formula=r"\mathrm{GELU}(x) = x\,\Phi(x) \approx \tfrac12 x\left(1 + \tanh\!\left[\sqrt{2/\pi}"
    r"\,(x + 0.044715x^3)\right]\right)",
    derivative_formula=r"\mathrm{GELU}'(x) = \Phi(x) + x\,\phi(x)",
    properties=Properties(r"[\approx -0.17, \infty)", False, True, "negative", (), "erf"),
    reference="Hendrycks & Gimpel, Gaussian Error Linear Units (2016)",
    torch_template=f"{F}.gelu(x, approximate='{{approximate}}')",
    numpy_template=_gelu_numpy,
))
register(Activation(
    "silu", "SiLU / Swish", silu, silu_grad,
    formula=r"\mathrm{SiLU}(x) = x\,\sigma(x)",
    derivative_formula=r"\mathrm{SiLU}'(x) = \sigma(x)\left(1 + x(1 - \sigma(x))\right)",
    properties=Properties(r"[\approx -0.28, \infty)", False, True, "negative", (), _EXP),
    reference=("Elfwing et al. (2017); "
               "Ramachandran et al., Searching for Activation Functions (2017)"),
    torch_template=f"{F}.silu(x)", numpy_template="x * scipy.special.expit(x)",
    aliases=("swish",),
))
register(Activation(
    "mish", "Mish", mish, mish_grad,
    formula=r"\mathrm{Mish}(x) = x\,\tanh(\mathrm{softplus}(x))",
    derivative_formula=r"\tanh(\mathrm{sp}(x)) + x\,\sigma(x)\,\mathrm{sech}^2(\mathrm{sp}(x))",
    properties=Properties(r"[\approx -0.31, \infty)", False, True, "negative", (), _EXP),
    reference="Misra, Mish: A Self Regularized Non-Monotonic Activation Function (2019)",
    torch_template=f"{F}.mish(x)", numpy_template="x * np.tanh(np.logaddexp(0, x))",
))
register(Activation(
    "softplus", "Softplus", softplus, softplus_grad,
    params=(
        Param("beta", 1.0, 0.1, 100.0, 0.1, "sharpness; large beta approaches ReLU"),
        Param("threshold", 20.0, 1.0, 100.0, 1.0, "above beta*x > threshold it returns x"),
    ),
    # With PyTorch's switch to x above the threshold t: at small t it shows (a jump).
    formula=r"\mathrm{Softplus}(x) = \begin{cases} \frac{1}{\beta}\log(1 + e^{\beta x})"
    r" & \beta x \le t \\ x & \beta x > t \end{cases}",
    derivative_formula=r"\mathrm{Softplus}'(x) = \begin{cases} \sigma(\beta x) & \beta x \le t"
    r" \\ 1 & \beta x > t \end{cases}",
    properties=Properties(r"(0, \infty)", True, True, "negative",
                          lambda p: (p["threshold"] / p["beta"],) if _softplus_jump(p) else (),
                          _EXP, varies=lambda p: {"monotonic": False, "smooth": False}
                          if _softplus_jump(p) else {}),
    reference="Dugas et al. (2001)",
    torch_template=f"{F}.softplus(x, beta={{beta}}, threshold={{threshold}})",
    numpy_template="np.where({beta} * x > {threshold}, x, np.logaddexp(0, {beta} * x) / {beta})",
))
register(Activation(
    "softsign", "Softsign", softsign, softsign_grad,
    formula=r"\mathrm{Softsign}(x) = \frac{x}{1 + |x|}",
    derivative_formula=r"\mathrm{Softsign}'(x) = \frac{1}{(1 + |x|)^2}",
    properties=Properties("(-1, 1)", True, False, "both"),
    reference="Bergstra et al. (2009); Glorot & Bengio (2010)",
    torch_template=f"{F}.softsign(x)", numpy_template="x / (1 + np.abs(x))",
))
register(Activation(
    "relu6", "ReLU6", relu6, relu6_grad,
    formula=r"\mathrm{ReLU6}(x) = \min(\max(0, x), 6)",
    derivative_formula=r"\begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties("[0, 6]", True, False, "both", (0.0, 6.0)),
    reference="Krizhevsky (2010); Howard et al., MobileNets (2017)",
    torch_template=f"{F}.relu6(x)", numpy_template="np.clip(x, 0, 6)",
))
register(Activation(
    "hardtanh", "Hardtanh", hardtanh, hardtanh_grad,
    params=(
        Param("min_val", -1.0, -5.0, 4.9, 0.1, "lower clip value"),
        Param("max_val", 1.0, -4.9, 5.0, 0.1, "upper clip value"),
    ),
    formula=r"\mathrm{Hardtanh}(x) = \min(\max(x, a), b)",
    derivative_formula=r"\begin{cases} 1 & a < x < b \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties("[a, b]", True, False, "both",
                          lambda p: (p["min_val"], p["max_val"])),
    reference="Collobert (2004)",
    torch_template=f"{F}.hardtanh(x, min_val={{min_val}}, max_val={{max_val}})",
    numpy_template="np.clip(x, {min_val}, {max_val})",
    check=_check_hardtanh,
))
register(Activation(
    "hardsigmoid", "Hardsigmoid", hardsigmoid, hardsigmoid_grad,
    formula=r"\mathrm{Hardsigmoid}(x) = \mathrm{ReLU6}(x + 3) / 6",
    derivative_formula=r"\begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties("[0, 1]", True, False, "both", (-3.0, 3.0)),
    reference="Howard et al., Searching for MobileNetV3 (2019)",
    torch_template=f"{F}.hardsigmoid(x)", numpy_template="np.clip(x + 3, 0, 6) / 6",
))
register(Activation(
    "hardswish", "Hardswish", hardswish, hardswish_grad,
    formula=r"\mathrm{Hardswish}(x) = x\,\mathrm{ReLU6}(x + 3) / 6",
    derivative_formula=r"\begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3 \\ 1 & x \ge 3"
    r"\end{cases}",
    properties=Properties(r"[-0.375, \infty)", False, False, "negative", (-3.0, 3.0)),
    reference="Howard et al., Searching for MobileNetV3 (2019)",
    torch_template=f"{F}.hardswish(x)", numpy_template="x * np.clip(x + 3, 0, 6) / 6",
))
register(Activation(
    "threshold", "Threshold", threshold, threshold_grad,
    params=(
        Param("threshold", 1.0, -5.0, 5.0, 0.1, "inputs at or below it are replaced"),
        Param("value", 0.0, -5.0, 5.0, 0.1, "replacement value"),
    ),
    formula=r"y = \begin{cases} x & x > t \\ v & x \le t \end{cases}",
    derivative_formula=r"\begin{cases} 1 & x > t \\ 0 & x \le t \end{cases}",
    # Non-decreasing only if the replacement is no higher than the threshold (v <= t).
    properties=Properties(r"\{v\} \cup (t, \infty)", True, False, "negative",
                          lambda p: (p["threshold"],),
                          varies=lambda p: {"monotonic": p["value"] <= p["threshold"]}),
    torch_template=f"{F}.threshold(x, {{threshold}}, {{value}})",
    numpy_template="np.where(x > {threshold}, x, {value})",
))
register(Activation(
    "tanhshrink", "Tanhshrink", tanhshrink, tanhshrink_grad,
    formula=r"\mathrm{Tanhshrink}(x) = x - \tanh(x)",
    derivative_formula=r"\mathrm{Tanhshrink}'(x) = \tanh^2(x)",
    properties=Properties(r"(-\infty, \infty)", True, True, "none", (), _EXP),
    torch_template=f"{F}.tanhshrink(x)", numpy_template="x - np.tanh(x)",
))
register(Activation(
    "softshrink", "Softshrink", softshrink, softshrink_grad,
    params=(Param("lambd", 0.5, 0.0, 5.0, 0.05, "half-width of the zero band"),),
    formula=r"\begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ 0 &"
    r"\text{otherwise} \end{cases}",
    derivative_formula=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    properties=Properties(r"(-\infty, \infty)", True, False, "none",
                          lambda p: (-p["lambd"], p["lambd"])),
    reference="Donoho, De-noising by soft-thresholding (1995)",
    torch_template=f"{F}.softshrink(x, lambd={{lambd}})",
    numpy_template="np.sign(x) * np.maximum(np.abs(x) - {lambd}, 0)",
))
register(Activation(
    "hardshrink", "Hardshrink", hardshrink, hardshrink_grad,
    params=(Param("lambd", 0.5, 0.0, 5.0, 0.05, "half-width of the zero band"),),
    formula=r"\begin{cases} x & |x| > \lambda \\ 0 & \text{otherwise} \end{cases}",
    derivative_formula=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    properties=Properties(r"(-\infty, -\lambda) \cup \{0\} \cup (\lambda, \infty)", True,
                          False, "none", lambda p: (-p["lambd"], p["lambd"])),
    reference="Donoho & Johnstone, Ideal spatial adaptation by wavelet shrinkage (1994)",
    torch_template=f"{F}.hardshrink(x, lambd={{lambd}})",
    numpy_template="np.where(np.abs(x) > {lambd}, x, 0)",
))
register(Activation(
    "log_sigmoid", "LogSigmoid", log_sigmoid, log_sigmoid_grad,
    formula=r"\log\sigma(x) = -\log(1 + e^{-x})",
    derivative_formula=r"1 - \sigma(x)",
    properties=Properties(r"(-\infty, 0)", True, True, "positive", (), _EXP),
    torch_template=f"{F}.logsigmoid(x)", numpy_template="scipy.special.log_expit(x)",
))

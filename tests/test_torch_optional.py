"""The library against PyTorch itself, when PyTorch is installed (it is not a dependency).

CI has no torch, so this module skips there, saying why. With torch installed (checked
with 2.13.0 CPU), every activation's ``torch_code()`` snippet runs as shown to students on
float32 and float64 tensors, at the defaults and at random parameters (slider steps and
arbitrary floats), and its values and autograd gradients are compared with the library
on a grid plus the kinks (at the parameters rounded to the dtype) and one ulp either side,
the tails and the dtype's extremes. The issue-17 cases with a torch reference follow.

Tolerances. Piecewise-linear activations (cheap, with kinks) agree to 2 ulps: torch does
one or two float ops there, so a kink convention or a parameter compared in the wrong
dtype shows at once. Smooth ones: 8 ulps plus 4 eps (1 + |x|): torch evaluates them in the
tensor's dtype and loses up to about eps |x| absolutely where they cancel or underflow
(sigmoid'(80) is 0 in float32 torch, 1.8e-35 here; tests/test_functions.py checks ours
against mpmath). Torch's own approximations get named allowances (`_allowance`),
and the points where it gives inf or nan for a finite truth are named in `_skip_points`.
"""

from __future__ import annotations

import numpy as np
import pytest

import activations
from activations import losses
from activations.softmax import log_softmax, softmax

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed (not a dependency): optional check skipped")

DTYPES = [pytest.param(np.float32, id="float32"), pytest.param(np.float64, id="float64")]
TORCH_DTYPE = {np.float32: torch.float32, np.float64: torch.float64}


def _param_sets(name, count=4, seed=17):
    """Defaults, then random parameters: half on the slider's steps, half arbitrary floats."""
    act = activations.get(name)
    rng = np.random.default_rng([seed, len(name)])
    sets = [{}]
    while len(sets) < 1 + (count if act.params else 0):
        on_step = len(sets) % 2 == 1
        p = {}
        for q in act.params:
            if q.choices:
                p[q.name] = str(rng.choice(q.choices))
            else:
                v = float(rng.uniform(q.min, q.max))
                p[q.name] = float(np.clip(round(v / q.step) * q.step, q.min, q.max)) if on_step else v
        try:
            act.resolve(p)
        except ValueError:
            continue  # hardtanh's min < max, rrelu's lower <= upper
        sets.append(p)
    return sets


CASES = [pytest.param(n, p, id=f"{n}-{i}") for n in activations.names()
         for i, p in enumerate(_param_sets(n))]


def _inputs(act, params, dtype):
    """A grid, the tails, the extremes, and each kink (in dtype) with its neighbours."""
    fi = np.finfo(dtype)
    points = [*np.linspace(-8.0, 8.0, 401), -1e4, -745.0, -710.0, -100.0, -88.0, -40.0,
              -38.0, -21.2, 20.0, 40.0, 80.0, 88.0, 100.0, 710.0, 1e4]
    points += [s * float(v) for v in (fi.tiny, fi.smallest_subnormal, fi.max) for s in (1, -1)]
    x = [dtype(v) for v in points]
    for k in act.kink_points(**params):
        k = dtype(k)
        x += [np.nextafter(k, dtype(-np.inf)), k, np.nextafter(k, dtype(np.inf))]
    return np.array(x, dtype=dtype)


def _allowance(name, params, deriv, x, ours, dtype):
    """Extra error torch's own approximations bring, each one named."""
    extra = np.zeros(x.shape)
    if dtype == np.float64 and deriv and name == "celu":
        # derivatives.yaml: celu's backward is elu_backward(..., 1.0 / alpha.toFloat()),
        # so both the factor alpha / alpha and the exponent x / alpha carry alpha rounded
        # to float32 (celu'(0) is 0.99999998852 at alpha 0.356).
        extra += 2.0**-22 * (1 + np.abs(x / params.get("alpha", 1.0))) * np.abs(ours)
    if dtype == np.float64 and deriv and name == "hardsigmoid":
        extra += 2.0**-24 * np.abs(ours)  # the backward's 1/6 is the float constant 1.0f/6
    if dtype == np.float32 and deriv and name == "hardswish":
        extra += float(np.finfo(dtype).eps)  # x / 3 + 0.5 rounded twice in float32
    return extra


def _skip_points(name, params, deriv, x, dtype):
    """Points where torch's answer is not a number to compare with, each one named."""
    if name == "gelu" and deriv and params.get("approximate") == "tanh":
        # torch's tanh-GELU backward forms x^3: inf beyond |x| = cbrt(max), and then nan.
        return np.abs(x.astype(np.float64)) > np.cbrt(float(np.finfo(dtype).max))
    if name == "softplus" and dtype == np.float32:
        # torch's float32 softplus takes exp(beta x) below the threshold: beyond
        # beta x = 88.7 that is inf (threshold 99 gives inf at x = 2.3 with beta 38).
        p = activations.get(name).resolve(params)
        bx = np.float32(p["beta"]) * x
        return (bx > 88.72) & ~(bx > np.float32(p["threshold"]))
    return np.zeros(x.shape, bool)


def _compare(name, params, deriv, x, got_torch, ours, dtype):
    act = activations.get(name)
    fi = np.finfo(dtype)
    piecewise_linear = act.properties.cost == "cheap" and bool(act.kink_points(**params))
    t, o, xs = (np.asarray(v, np.float64) for v in (got_torch, ours, x))
    with np.errstate(over="ignore", invalid="ignore"):
        ulp = np.spacing(np.abs(ours)).astype(np.float64)
        tol = 2 * ulp + float(fi.smallest_subnormal)
        if not piecewise_linear:
            tol = 4 * tol + 4 * float(fi.eps) * (1 + np.abs(xs))
        tol += _allowance(name, params, deriv, xs, o, dtype)
        ok = (t == o) | (np.abs(t - o) <= tol) | _skip_points(name, params, deriv, x, dtype)
    bad = np.flatnonzero(~ok)
    what = "grad" if deriv else "value"
    assert not bad.size, (f"{act.torch_code(**params)} {what} on {dtype.__name__}: "
                          f"(x, torch, ours) {[(x[i], t[i], o[i]) for i in bad[:5]]}")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(("name", "params"), CASES)
def test_torch_code_runs_as_shown_and_matches(name, params, dtype):
    act = activations.get(name)
    code = act.torch_code(**params)
    x = _inputs(act, params, dtype)
    xt = torch.tensor(x, dtype=TORCH_DTYPE[dtype], requires_grad=True)
    # The snippet is our own string, shown to students; run exactly as shown.
    y = eval(code, {"torch": torch}, {"x": xt})  # noqa: S307
    assert y.dtype == xt.dtype and y.shape == xt.shape
    _compare(name, params, False, x, y.detach().numpy(), act(x, **params), dtype)
    if name == "step":
        return  # torch.heaviside has no derivative ("not implemented"); ours is 0
    y.backward(torch.ones_like(y))
    _compare(name, params, True, x, xt.grad.numpy(), act.grad(x, **params), dtype)


# --- the issue-17 cases with a torch reference -------------------------------------------


def test_masked_cross_entropy_matches_torch():
    z = np.array([[0.0, -np.inf, 1.0], [2.0, -1.0, -np.inf]])
    target = np.array([0, 1])
    expected = torch.nn.functional.cross_entropy(torch.tensor(z), torch.tensor(target))
    assert losses.cross_entropy_with_logits(z, target) == pytest.approx(expected.item(),
                                                                         rel=1e-15)
    zt = torch.tensor(z, requires_grad=True)
    torch.nn.functional.cross_entropy(zt, torch.tensor(target)).backward()
    np.testing.assert_allclose(losses.cross_entropy_with_logits_grad(z, target),
                               zt.grad.numpy(), rtol=1e-15, atol=1e-300)


@pytest.mark.parametrize(("z", "temperature"), [
    ([0.0, -1e-300], 5e-324), ([0.0, -1e-322], 1.5e-323), ([0.0, -np.inf, -3e-320], 1e-320),
])
def test_softmax_at_subnormal_temperature_matches_torch(z, temperature):
    # torch divides by T itself (one rounding), as the library now does.
    zt = torch.tensor(z, dtype=torch.float64) / temperature
    np.testing.assert_allclose(softmax(z, temperature), torch.softmax(zt, -1).numpy(),
                               rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(log_softmax(z, temperature), torch.log_softmax(zt, -1).numpy(),
                               rtol=1e-14)

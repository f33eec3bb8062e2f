"""The activation registry's API: names, lookup, parameters, texts, code strings, facts.

Numbers that must equal PyTorch's (defaults, the call strings) are written out here by hand
from the torch.nn.functional docs.
"""

from __future__ import annotations

import ast
import math
import re

import numpy as np
import pytest
import scipy.special

import activations
from activations import Activation, Param, Properties

SPEC_NAMES = [
    "identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "rrelu", "elu", "celu",
    "selu", "gelu", "silu", "mish", "softplus", "softsign", "relu6", "hardtanh", "hardsigmoid",
    "hardswish", "threshold", "tanhshrink", "softshrink", "hardshrink", "log_sigmoid",
]
X = np.linspace(-8.0, 8.0, 321)  # step 0.05: lands on -3, -1.5, 0, 3, 6


# ---------------------------------------------------------------- names and lookup


def test_names_are_exactly_the_spec():
    names = activations.names()
    assert len(names) == len(set(names)) == len(SPEC_NAMES)
    assert sorted(names) == sorted(SPEC_NAMES)
    names.append("mutated")  # a copy: callers can't change the registry
    assert "mutated" not in activations.names()


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_get_returns_the_named_activation(name):
    act = activations.get(name)
    assert isinstance(act, Activation) and act.name == name
    assert activations.get(act) is act


def test_swish_is_silu():
    assert activations.get("swish") is activations.get("silu")
    assert "swish" not in activations.names()


@pytest.mark.parametrize("bad", ["nope", "", "ReLU", "relu ", "<script>", "x" * 10_000, None, 3])
def test_unknown_name_raises_listing_the_valid_ones(bad):
    with pytest.raises(ValueError) as info:
        activations.get(bad)
    message = str(info.value)
    assert "valid names" in message
    assert all(name in message for name in [*SPEC_NAMES, "swish"])


def test_registering_a_taken_name_raises():
    relu = activations.get("relu")
    with pytest.raises(ValueError, match="already registered"):
        activations.registry.register(relu)
    assert activations.get("relu") is relu


# ---------------------------------------------------------------- parameters

TORCH_DEFAULTS = {
    "identity": {"c": 1.0},  # not a torch function: h(x) = c x of the notes
    "leaky_relu": {"negative_slope": 0.01},
    "prelu": {"a": 0.25},  # torch.nn.PReLU(init=0.25)
    "rrelu": {"lower": 1 / 8, "upper": 1 / 3},
    "elu": {"alpha": 1.0},
    "celu": {"alpha": 1.0},
    "gelu": {"approximate": "none"},
    "softplus": {"beta": 1.0, "threshold": 20.0},
    "hardtanh": {"min_val": -1.0, "max_val": 1.0},
    "threshold": {"threshold": 1.0, "value": 0.0},  # torch has no defaults; ours, documented
    "softshrink": {"lambd": 0.5},
    "hardshrink": {"lambd": 0.5},
}


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_defaults_match_pytorch(name):
    act = activations.get(name)
    assert act.defaults == TORCH_DEFAULTS.get(name, {})
    assert act.resolve() == act.resolve({}) == act.defaults


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_params_can_build_widgets(name):
    for p in activations.get(name).params:
        assert isinstance(p, Param) and p.help
        if p.choices is not None:
            assert p.default in p.choices
        else:
            assert p.min < p.max and 0 < p.step <= p.max - p.min
            assert p.min <= p.default <= p.max


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_unknown_parameter_raises_naming_the_valid_ones(name):
    act = activations.get(name)
    valid = [p.name for p in act.params]
    for call in (lambda: act(1.0, nope=1.0), lambda: act.grad(1.0, nope=1.0),
                 lambda: act.resolve({"nope": 1.0}), lambda: act.torch_code(nope=1)):
        with pytest.raises(ValueError, match="nope") as info:
            call()
        message = str(info.value)
        assert all(v in message for v in valid) if valid else "none" in message


NUMERIC = [(n, p) for n in SPEC_NAMES for p in activations.get(n).params if p.choices is None]


@pytest.mark.parametrize(("name", "param"), NUMERIC, ids=[f"{n}-{p.name}" for n, p in NUMERIC])
@pytest.mark.parametrize("kind", ["below", "above", "nan", "inf", "-inf", "text", "none"])
def test_out_of_range_parameter_raises_naming_the_range(name, param, kind):
    bad = {"below": param.min - 1.0, "above": param.max + 1.0, "nan": float("nan"),
           "inf": math.inf, "-inf": -math.inf, "text": "abc", "none": None}[kind]
    act = activations.get(name)
    for call in (lambda: act(0.5, **{param.name: bad}), lambda: act.grad(0.5, **{param.name: bad}),
                 lambda: act.numpy_code(**{param.name: bad})):
        with pytest.raises(ValueError) as info:
            call()
        assert f"[{param.min}, {param.max}]" in str(info.value)
        assert param.name in str(info.value)


@pytest.mark.parametrize(("name", "param"), NUMERIC, ids=[f"{n}-{p.name}" for n, p in NUMERIC])
def test_range_ends_are_accepted(name, param):
    act = activations.get(name)
    for value in (param.min, param.max):
        params = {**act.defaults, param.name: value}
        if name == "rrelu":  # keep lower <= upper
            params = {"lower": value, "upper": value}
        if name == "hardtanh":  # keep min_val < max_val
            params = ({"min_val": value, "max_val": 5.0} if param.name == "min_val"
                      else {"min_val": -5.0, "max_val": value})
        assert act.resolve(params)[param.name] == value
        assert np.isfinite(act(X, **params)).all() and np.isfinite(act.grad(X, **params)).all()


def test_gelu_approximate_is_a_choice():
    gelu = activations.get("gelu")
    assert gelu.resolve({"approximate": "tanh"}) == {"approximate": "tanh"}
    for bad in ("erf", "TANH", "", None, 1.0):
        with pytest.raises(ValueError, match=r"\['none', 'tanh'\]"):
            gelu(1.0, approximate=bad)


def test_numeric_strings_are_read_as_numbers():
    # URL query values arrive as text; "0.2" is the number 0.2, "nan" is still refused.
    leaky = activations.get("leaky_relu")
    assert leaky.resolve({"negative_slope": "0.2"}) == {"negative_slope": 0.2}
    with pytest.raises(ValueError):
        leaky.resolve({"negative_slope": "nan"})


@pytest.mark.parametrize(("lower", "upper"), [(0.5, 0.2), (1.0, 0.0)])
def test_rrelu_lower_above_upper_raises(lower, upper):
    rrelu = activations.get("rrelu")
    for call in (lambda: rrelu(-1.0, lower=lower, upper=upper),
                 lambda: rrelu.grad(-1.0, lower=lower, upper=upper),
                 lambda: rrelu.resolve({"lower": lower, "upper": upper}),
                 lambda: activations.rrelu_sample(-1.0, lower, upper, np.random.default_rng(0))):
        with pytest.raises(ValueError, match="lower"):
            call()
    assert rrelu(-1.0, lower=0.3, upper=0.3) == -0.3  # equal ends: a fixed slope


@pytest.mark.parametrize(("lo", "hi"), [(2.0, -2.0), (0.5, 0.5), (1.0, 0.9)])
def test_hardtanh_min_not_below_max_raises(lo, hi):
    hardtanh = activations.get("hardtanh")
    for call in (lambda: hardtanh(0.0, min_val=lo, max_val=hi),
                 lambda: hardtanh.grad(0.0, min_val=lo, max_val=hi),
                 lambda: hardtanh.kink_points(min_val=lo, max_val=hi)):
        with pytest.raises(ValueError, match="min_val"):
            call()


# ---------------------------------------------------------------- texts and code strings


CITATION = re.compile(r"[^;()]+ \(\d{4}\)(; [^;()]+ \(\d{4}\))*")


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_every_activation_has_its_texts(name):
    act = activations.get(name)
    for text in (act.label, act.formula, act.derivative_formula, act.torch,
                 act.numpy_code()):
        assert isinstance(text, str) and text.strip()
    # A reference is shown as is in every language: citations only, "Authors, Title (year)"
    # joined by "; ", or none, never a sentence in English or a bare torch.nn name (the
    # PyTorch documentation link beside it says that).
    assert act.reference == "" or CITATION.fullmatch(act.reference), act.reference
    assert isinstance(act.properties, Properties)
    assert act.properties.saturates in {"both", "negative", "positive", "none"}
    assert act.properties.cost in {"cheap", "exp", "erf"}


def test_leaky_relu_torch_call():
    leaky = activations.get("leaky_relu")
    assert leaky.torch == "torch.nn.functional.leaky_relu(x, negative_slope=0.01)"
    assert leaky.torch_code(negative_slope=0.2) == (
        "torch.nn.functional.leaky_relu(x, negative_slope=0.2)")


@pytest.mark.parametrize(("name", "expected"), [
    ("relu", "torch.nn.functional.relu(x)"),
    ("gelu", "torch.nn.functional.gelu(x, approximate='none')"),
    ("softplus", "torch.nn.functional.softplus(x, beta=1.0, threshold=20.0)"),
    ("elu", "torch.nn.functional.elu(x, alpha=1.0)"),
    ("hardtanh", "torch.nn.functional.hardtanh(x, min_val=-1.0, max_val=1.0)"),
    ("log_sigmoid", "torch.nn.functional.logsigmoid(x)"),
    ("sigmoid", "torch.sigmoid(x)"),
])
def test_torch_calls_at_defaults(name, expected):
    assert activations.get(name).torch == expected


# Parameters away from the defaults, for the code-string checks below.
PARAM_CASES = [
    ("identity", {"c": -2.5}), ("leaky_relu", {"negative_slope": 0.2}), ("prelu", {"a": 0.1}),
    ("rrelu", {"lower": 0.05, "upper": 0.4}), ("elu", {"alpha": 0.5}), ("celu", {"alpha": 0.5}),
    ("gelu", {"approximate": "tanh"}), ("softplus", {"beta": 0.5, "threshold": 1.0}),
    ("softplus", {"beta": 10.0}), ("hardtanh", {"min_val": -2.0, "max_val": 3.0}),
    ("threshold", {"threshold": -0.5, "value": -2.0}), ("softshrink", {"lambd": 1.5}),
    ("hardshrink", {"lambd": 1.5}),
]
CODE_CASES = [(n, {}) for n in SPEC_NAMES] + PARAM_CASES


@pytest.mark.parametrize(("name", "params"), CODE_CASES)
def test_code_strings_are_python_with_the_parameters(name, params):
    act = activations.get(name)
    for code in (act.torch_code(**params), act.numpy_code(**params)):
        ast.parse(code, mode="eval")
        for value in params.values():
            assert str(value) in code


@pytest.mark.parametrize(("name", "params"), CODE_CASES)
def test_torch_code_builds_its_tensors_in_the_dtype_of_x(name, params):
    # F.prelu and torch.heaviside do not promote: a tensor built without x's dtype (a
    # float32 default) fails on a float64 x. Every tensor a snippet builds says dtype=x.dtype
    # or copies x (tests/test_torch_optional.py runs the snippets when torch is there).
    code = activations.get(name).torch_code(**params)
    calls = [node for node in ast.walk(ast.parse(code, mode="eval"))
             if isinstance(node, ast.Call) and ast.unparse(node.func) == "torch.tensor"]
    for call in calls:
        dtypes = [ast.unparse(k.value) for k in call.keywords if k.arg == "dtype"]
        assert dtypes == ["x.dtype"], code
    assert "torch.tensor(0" not in code and "torch.zeros(" not in code, code


@pytest.mark.parametrize(("name", "params"), CODE_CASES)
def test_numpy_code_computes_the_same_curve(name, params):
    # The page shows this string as "the NumPy one-liner": it must draw the same curve.
    # Evaluated with nothing but np, scipy and x in scope; the strings are our own.
    act = activations.get(name)
    code = act.numpy_code(**params)
    shown = eval(code, {"__builtins__": {}, "np": np, "scipy": scipy}, {"x": X})  # noqa: S307
    np.testing.assert_allclose(shown, act(X, **params), rtol=1e-9, atol=1e-12, err_msg=code)


# ---------------------------------------------------------------- properties


def _flat_sides(act, **kw) -> str:
    """Which sides the curve saturates on, read off its slope far out (|f'(±10⁴)| < 10⁻⁶),
    in `Properties.saturates`' words."""
    left, right = (abs(float(act.grad(side * 1e4, **kw))) < 1e-6 for side in (-1, 1))
    return {(True, True): "both", (True, False): "negative", (False, True): "positive",
            (False, False): "none"}[(left, right)]


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_saturation_claims(name):
    act = activations.get(name)
    assert _flat_sides(act) == act.properties.saturates


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_facts_at_the_defaults_are_the_properties(name):
    """`Activation.facts` changes nothing at the defaults; the kinks come resolved."""
    act = activations.get(name)
    facts, props = act.facts(), act.properties
    for field in ("range", "monotonic", "smooth", "saturates", "cost"):
        assert getattr(facts, field) == getattr(props, field), field
    assert facts.kinks == act.kink_points() and facts.varies is None


def test_prelu_a_ranges_over_minus_one_to_one():
    """PReLU's a is learned in a network, so any real number; the slider spans [-1, 1]
    (a = -1 is |x|). Its help says it is learned."""
    prelu = activations.get("prelu")
    (a,) = prelu.params
    assert (a.min, a.max, a.default) == (-1.0, 1.0, 0.25) and "learned" in a.help
    np.testing.assert_array_equal(prelu(X, a=-1.0), np.abs(X))
    assert prelu.resolve({"a": -1.0}) == {"a": -1.0}
    for bad in (-1.01, 1.01):
        with pytest.raises(ValueError, match="a must be in"):
            prelu.resolve({"a": bad})
    # LeakyReLU keeps its fixed slope in [0, 1]
    (slope,) = activations.get("leaky_relu").params
    assert (slope.min, slope.max) == (0.0, 1.0)


PRELU_AS = np.round(np.linspace(-1.0, 1.0, 201), 2)  # every slider step


@pytest.mark.parametrize("a", PRELU_AS)
def test_prelu_facts_hold_for_every_a(a):
    """Each shown property of PReLU, read off the curve itself at this a."""
    prelu = activations.get("prelu")
    facts = prelu.facts(a=a)
    ys, xs = prelu(X, a=a), X
    # range: [0, inf) when the left side folds up or is flat; both signs otherwise
    if facts.range == r"[0, \infty)":
        assert ys.min() == 0.0 and prelu(0.0, a=a) == 0.0
    else:
        assert facts.range == r"(-\infty, \infty)" and ys.min() < 0 < ys.max()
    assert facts.monotonic == bool((np.diff(ys) >= 0).all())
    assert facts.smooth == (facts.kinks == ())
    assert facts.kinks == ((0.0,) if a != 1.0 else ())
    if facts.kinks:  # the slopes on the two sides differ: a real kink
        assert prelu.grad(-1e-3, a=a) != prelu.grad(1e-3, a=a)
    else:
        np.testing.assert_allclose(ys, xs)
    assert facts.saturates in ("negative", "none")
    assert _flat_sides(prelu, a=a) == facts.saturates


def _ends(act) -> list[dict]:
    """One parameter at a time at its slider's ends (and 0 and 1 where they lie inside),
    the others at their defaults; settings an activation refuses are left out."""
    out = [{}]
    for p in act.params:
        if not isinstance(p.default, (int, float)) or p.min is None or p.max is None:
            continue
        for v in sorted({p.min, p.max} | {v for v in (0.0, 1.0) if p.min < v < p.max}):
            try:
                act.resolve({p.name: v})
            except ValueError:
                continue
            out.append({p.name: v})
    return out


FINE = np.linspace(-30.0, 30.0, 600_001)  # steps of 1e-4
EDGES = [(name, kw) for name in activations.names() if activations.get(name).properties
         for kw in _ends(activations.get(name))]


@pytest.mark.parametrize(("name", "kw"), EDGES, ids=[f"{n}-{kw}" for n, kw in EDGES])
def test_facts_hold_at_every_parameters_ends(name, kw):
    """The properties table at a slider's ends says what the curve does there, read off the
    curve: the identity with c < 0 falls (it said monotonic) and with c = 0 is flat (it
    said never saturates); LeakyReLU and RReLU with slope 0, and ELU with alpha 0, are
    ReLU (range [0, inf), flat on the left); Threshold with v > t drops at t; Softplus with
    a low threshold jumps down at t / beta, where PyTorch switches to x."""
    act = activations.get(name)
    facts = act.facts(**kw)
    ys, slopes = act(FINE, **kw), act.grad(FINE, **kw)
    kinks = np.array(facts.kinks)
    # around each kink, the values on both sides (a jump can fall between grid points)
    sides = np.sort(np.concatenate([FINE, kinks - 1e-9, kinks + 1e-9]))
    assert facts.monotonic == bool((np.diff(act(sides, **kw)) >= 0).all()), kw
    assert _flat_sides(act, **kw) == facts.saturates, kw
    if facts.range == r"[0, \infty)":
        assert ys.min() == 0.0 and ys.max() > 0
    if facts.range == r"\{0\}":
        assert not ys.any()
    # f' jumps (by more than a smooth curve moves in 1e-4) only at the kinks listed
    jumps = 0.5 * (FINE[1:] + FINE[:-1])[np.abs(np.diff(slopes)) > 0.05]
    assert all(np.abs(kinks - x).min() < 1e-3 for x in jumps), (kw, jumps[:3])
    if facts.smooth:
        assert not facts.kinks


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_monotonic_flag_and_smooth_flag(name):
    act = activations.get(name)
    ys = act(X)
    if not act.properties.monotonic:  # the claim "not monotonic" shows on the curve
        assert (np.diff(ys) < 0).any()
    if act.properties.smooth:
        assert act.kink_points() == ()


@pytest.mark.parametrize(("name", "minimum", "where"), [
    ("gelu", -0.17, -0.75), ("silu", -0.28, -1.28), ("mish", -0.31, -1.19),
    ("hardswish", -0.375, -1.5),
])
def test_quoted_minima(name, minimum, where):
    act = activations.get(name)
    xs = np.linspace(-3.0, 0.0, 30001)
    ys = act(xs)
    assert ys.min() == pytest.approx(minimum, abs=0.005)
    assert xs[ys.argmin()] == pytest.approx(where, abs=0.01)
    assert str(minimum).lstrip("-") in act.properties.range


def test_kink_points_follow_parameters():
    assert activations.get("hardtanh").kink_points(min_val=-2.0, max_val=3.0) == (-2.0, 3.0)
    assert activations.get("softshrink").kink_points(lambd=1.5) == (-1.5, 1.5)
    assert activations.get("threshold").kink_points(threshold=-0.5) == (-0.5,)
    assert activations.get("relu6").kink_points() == (0.0, 6.0)
    assert activations.get("elu").kink_points() == ()  # alpha = 1: slopes 1 and 1 meet
    assert activations.get("elu").kink_points(alpha=0.5) == (0.0,)  # slopes 0.5 and 1
    # The leaky family: a kink at 0 unless the left slope is 1 too (the identity).
    assert activations.get("leaky_relu").kink_points() == (0.0,)
    assert activations.get("leaky_relu").kink_points(negative_slope=1.0) == ()
    assert activations.get("prelu").kink_points(a=1.0) == ()
    assert activations.get("rrelu").kink_points(lower=1.0, upper=1.0) == ()
    assert activations.get("rrelu").kink_points(lower=0.5, upper=1.0) == (0.0,)


# ---------------------------------------------------------------- rrelu_sample


def test_rrelu_sample_slopes_lie_in_the_range():
    x = np.linspace(-5.0, 5.0, 2001)  # (2001,) with 0 in it
    lower, upper = 0.1, 0.3
    y = activations.rrelu_sample(x, lower, upper, np.random.default_rng(7))
    assert y.shape == x.shape and y.dtype == np.float64
    neg = x < 0
    slopes = y[neg] / x[neg]
    assert (slopes >= lower * (1 - 1e-15)).all() and (slopes <= upper * (1 + 1e-15)).all()
    assert slopes.std() > 0.03  # really random: U(0.1, 0.3) has std 0.058
    np.testing.assert_array_equal(y[x > 0], x[x > 0])
    assert (y[x == 0] == 0).all()


def test_rrelu_sample_is_reproducible_with_a_seed():
    x = np.linspace(-3.0, 1.0, 50)
    a = activations.rrelu_sample(x, rng=np.random.default_rng(123))
    b = activations.rrelu_sample(x, rng=np.random.default_rng(123))
    c = activations.rrelu_sample(x, rng=np.random.default_rng(124))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    slopes = a[x < 0] / x[x < 0]  # defaults 1/8 and 1/3
    assert (slopes >= 1 / 8 - 1e-15).all() and (slopes <= 1 / 3 + 1e-15).all()


def test_rrelu_sample_keeps_dtype_and_shape():
    rng = np.random.default_rng(0)
    x32 = np.array([[-1.0, 2.0], [-3.0, 0.0]], dtype=np.float32)
    assert activations.rrelu_sample(x32, rng=rng).dtype == np.float32
    assert activations.rrelu_sample(np.array([-1, 2]), rng=rng).dtype == np.float64
    scalar = activations.rrelu_sample(-2.0, rng=rng)
    assert isinstance(scalar, np.float64) and -2.0 / 3 <= scalar <= -0.25


@pytest.mark.parametrize(("lower", "upper"), [(-0.1, 0.3), (0.1, 1.5), (float("nan"), 0.3)])
def test_rrelu_sample_checks_its_range(lower, upper):
    with pytest.raises(ValueError, match=r"\[0.0, 1.0\]"):
        activations.rrelu_sample(-1.0, lower, upper, np.random.default_rng(0))


SMOOTH_ONCE = [n for n in activations.names() if activations.get(n).properties is not None
               and not activations.get(n).facts().smooth and not activations.get(n).facts().kinks]


@pytest.mark.parametrize("name", SMOOTH_ONCE)
def test_not_smooth_without_a_kink_means_f2_jumps_at_0(name):
    """The table's "no: f' has no kink, but f'' jumps at 0" (ELU at alpha = 1, CELU,
    Softsign): f' is continuous at 0 and its one-sided slopes there differ."""
    assert set(SMOOTH_ONCE) == {"elu", "celu", "softsign"}
    act = activations.get(name)
    h = 1e-5
    g = act.grad(np.array([-2 * h, -h, 0.0, h, 2 * h]))  # (5,)
    assert abs(g[1] - g[3]) < 1e-4  # no kink: f' continuous
    left, right = (g[1] - g[0]) / h, (g[4] - g[3]) / h  # f'' on either side
    assert abs(left - right) > 0.5, (left, right)


@pytest.mark.parametrize("name", ["hardshrink", "softshrink"])
def test_kinks_that_meet_are_listed_once(name):
    """At lambda = 0 the shrinks' kinks -lambda and lambda are one point: the table said
    "x = 0, x = 0"."""
    act = activations.get(name)
    assert act.kink_points(lambd=0.0) == (0.0,)
    assert str(act.kink_points(lambd=0.0)[0]) == "0.0"  # not -0.0
    assert act.kink_points(lambd=1.5) == (-1.5, 1.5)

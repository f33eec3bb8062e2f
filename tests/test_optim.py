"""activations.optim against torch.optim's update rules, written out again here.

The references below are plain-float loops transcribed from the algorithm boxes of the
torch.optim docs, one coordinate at a time; they share no code with the implementation.
"""

import math

import numpy as np
import pytest

from activations import optim, training
from activations.surfaces import DIVERGED, SURFACES, run_optimizer

A = (1.0, 10.0)  # f(w) = 0.5 * w^T diag(A) w, so df/dw_i = A_i * w_i
W0 = (1.0, 1.0)
STEPS = 20


# ---- references: one scalar coordinate, gradient a * theta --------------------------------


def ref_sgd(a, theta, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    out, b = [], None
    for t in range(1, STEPS + 1):
        g = a * theta
        if weight_decay != 0:
            g = g + weight_decay * theta
        if momentum != 0:
            b = g if t == 1 else momentum * b + (1 - dampening) * g
            g = g + momentum * b if nesterov else b
        theta = theta - lr * g
        out.append(theta)
    return out


def ref_adagrad(a, theta, lr=1e-2, lr_decay=0.0, weight_decay=0.0,
                initial_accumulator_value=0.0, eps=1e-10):
    out, state_sum = [], initial_accumulator_value
    for t in range(1, STEPS + 1):
        g = a * theta
        clr = lr / (1 + (t - 1) * lr_decay)
        if weight_decay != 0:
            g = g + weight_decay * theta
        state_sum = state_sum + g * g
        theta = theta - clr * g / (math.sqrt(state_sum) + eps)
        out.append(theta)
    return out


def ref_rmsprop(a, theta, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0,
                centered=False):
    out, v, b, g_ave = [], 0.0, 0.0, 0.0
    for _ in range(STEPS):
        g = a * theta
        if weight_decay != 0:
            g = g + weight_decay * theta
        v = alpha * v + (1 - alpha) * g * g
        v_tilde = v
        if centered:
            g_ave = alpha * g_ave + (1 - alpha) * g
            v_tilde = v_tilde - g_ave * g_ave
        if momentum > 0:
            b = momentum * b + g / (math.sqrt(v_tilde) + eps)
            theta = theta - lr * b
        else:
            theta = theta - lr * g / (math.sqrt(v_tilde) + eps)
        out.append(theta)
    return out


def ref_adadelta(a, theta, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0):
    out, v, u = [], 0.0, 0.0
    for _ in range(STEPS):
        g = a * theta
        if weight_decay != 0:
            g = g + weight_decay * theta
        v = v * rho + g * g * (1 - rho)
        dx = math.sqrt(u + eps) / math.sqrt(v + eps) * g
        u = u * rho + dx * dx * (1 - rho)
        theta = theta - lr * dx
        out.append(theta)
    return out


def ref_adam(a, theta, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
             amsgrad=False):
    b1, b2 = betas
    out, m, v, v_max = [], 0.0, 0.0, 0.0
    for t in range(1, STEPS + 1):
        g = a * theta
        if weight_decay != 0:
            g = g + weight_decay * theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        if amsgrad:
            v_max = max(v_max, v)
            v_hat = v_max / (1 - b2**t)
        else:
            v_hat = v / (1 - b2**t)
        theta = theta - lr * m_hat / (math.sqrt(v_hat) + eps)
        out.append(theta)
    return out


def ref_nadam(a, theta, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
              momentum_decay=4e-3):
    b1, b2 = betas
    out, m, v, mu_product = [], 0.0, 0.0, 1.0
    for t in range(1, STEPS + 1):
        g = a * theta
        if weight_decay != 0:
            g = g + weight_decay * theta
        mu = b1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
        mu_product = mu_product * mu  # prod_{i=1}^{t} mu_i
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = (mu_next * m / (1 - mu_product * mu_next)
                 + (1 - mu) * g / (1 - mu_product))
        v_hat = v / (1 - b2**t)
        theta = theta - lr * m_hat / (math.sqrt(v_hat) + eps)
        out.append(theta)
    return out


# (name given to make, hyper-parameters, reference, the reference's hyper-parameters)
CASES = [
    ("sgd", {"lr": 0.05}, ref_sgd, {"lr": 0.05}),
    ("sgd", {"lr": 0.05, "weight_decay": 0.3}, ref_sgd, {"lr": 0.05, "weight_decay": 0.3}),
    ("sgd", {"lr": 0.02, "momentum": 0.8, "dampening": 0.3},
     ref_sgd, {"lr": 0.02, "momentum": 0.8, "dampening": 0.3}),
    ("momentum", {"lr": 0.02}, ref_sgd, {"lr": 0.02, "momentum": 0.9}),
    ("momentum", {"lr": 0.02, "weight_decay": 0.1},
     ref_sgd, {"lr": 0.02, "momentum": 0.9, "weight_decay": 0.1}),
    ("nesterov", {"lr": 0.02}, ref_sgd, {"lr": 0.02, "momentum": 0.9, "nesterov": True}),
    ("nesterov", {"lr": 0.02, "weight_decay": 0.2},
     ref_sgd, {"lr": 0.02, "momentum": 0.9, "nesterov": True, "weight_decay": 0.2}),
    ("adagrad", {}, ref_adagrad, {}),
    ("adagrad", {"lr": 0.3, "lr_decay": 0.05, "weight_decay": 0.1,
                 "initial_accumulator_value": 0.5},
     ref_adagrad, {"lr": 0.3, "lr_decay": 0.05, "weight_decay": 0.1,
                   "initial_accumulator_value": 0.5}),
    ("rmsprop", {}, ref_rmsprop, {}),
    ("rmsprop", {"lr": 0.01, "momentum": 0.5, "weight_decay": 0.1},
     ref_rmsprop, {"lr": 0.01, "momentum": 0.5, "weight_decay": 0.1}),
    ("rmsprop", {"lr": 0.01, "alpha": 0.9, "centered": True},
     ref_rmsprop, {"lr": 0.01, "alpha": 0.9, "centered": True}),
    ("rmsprop", {"lr": 0.01, "momentum": 0.7, "centered": True, "eps": 1e-6},
     ref_rmsprop, {"lr": 0.01, "momentum": 0.7, "centered": True, "eps": 1e-6}),
    ("adadelta", {}, ref_adadelta, {}),
    ("adadelta", {"lr": 5.0, "rho": 0.8, "weight_decay": 0.1},
     ref_adadelta, {"lr": 5.0, "rho": 0.8, "weight_decay": 0.1}),
    ("adam", {}, ref_adam, {}),
    ("adam", {"lr": 0.1, "betas": (0.8, 0.99), "weight_decay": 0.1},
     ref_adam, {"lr": 0.1, "betas": (0.8, 0.99), "weight_decay": 0.1}),
    ("adam", {"lr": 0.1, "amsgrad": True}, ref_adam, {"lr": 0.1, "amsgrad": True}),
    ("nadam", {}, ref_nadam, {}),
    ("nadam", {"lr": 0.1, "momentum_decay": 0.01, "weight_decay": 0.1},
     ref_nadam, {"lr": 0.1, "momentum_decay": 0.01, "weight_decay": 0.1}),
]


@pytest.mark.parametrize(
    "name, hyper, ref, ref_hyper", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_first_steps_match_torch_rule(name, hyper, ref, ref_hyper):
    expected = [ref(a, w0, **ref_hyper) for a, w0 in zip(A, W0)]  # per coordinate
    opt = optim.make(name, **hyper)
    w = np.array(W0)
    for t in range(STEPS):
        opt.step([w], [np.array(A) * w])
        for i in range(2):
            assert math.isclose(w[i], expected[i][t], rel_tol=1e-12, abs_tol=1e-12), (t, i)
    # The quadratic is simple enough that every rule should have made progress.
    assert 0.5 * (A[0] * w[0] ** 2 + A[1] * w[1] ** 2) < 0.5 * (A[0] + A[1])


def test_amsgrad_case_exercises_the_max():
    # Otherwise the amsgrad test above would not distinguish it from plain Adam.
    a, b = ref_adam(10.0, 1.0, lr=0.1, amsgrad=True), ref_adam(10.0, 1.0, lr=0.1)
    assert a != b


TORCH_DEFAULTS = {
    "sgd": {"lr": 1e-3, "momentum": 0, "dampening": 0, "weight_decay": 0, "nesterov": False},
    "adagrad": {"lr": 1e-2, "lr_decay": 0, "weight_decay": 0, "initial_accumulator_value": 0,
                "eps": 1e-10},
    "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0, "momentum": 0,
                "centered": False},
    "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0},
    "adam": {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0,
             "amsgrad": False},
    "nadam": {"lr": 2e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0,
              "momentum_decay": 4e-3},
}
TORCH_DEFAULTS["momentum"] = {**TORCH_DEFAULTS["sgd"], "momentum": 0.9}
TORCH_DEFAULTS["nesterov"] = {**TORCH_DEFAULTS["momentum"], "nesterov": True}


def test_names():
    assert optim.NAMES == (
        "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "nadam"
    )
    assert set(optim.DEFAULT_LR) == set(optim.NAMES)
    assert all(lr > 0 for lr in optim.DEFAULT_LR.values())


@pytest.mark.parametrize("name", sorted(TORCH_DEFAULTS))
def test_defaults_match_torch(name):
    opt = optim.make(name)
    names = [k for k in vars(opt) if k != "state"]
    assert sorted(names) == sorted(TORCH_DEFAULTS[name])
    for k, v in TORCH_DEFAULTS[name].items():
        assert getattr(opt, k) == v, k


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="adam.*nadam"):
        optim.make("adamw")
    with pytest.raises(ValueError, match="sgd"):
        optim.make(None)


def test_unknown_hyper_parameter_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"\['beta'\].*betas"):
        optim.make("adam", beta=0.9)
    with pytest.raises(ValueError, match="dampening"):
        optim.make("momentum", rho=0.9)


@pytest.mark.parametrize("name, hyper", [
    ("sgd", {"lr": -1.0}),
    ("sgd", {"nesterov": True}),  # needs momentum
    ("nesterov", {"dampening": 0.1}),
    ("adam", {"betas": (0.9, 1.0)}),
    ("nadam", {"eps": float("nan")}),
    ("adadelta", {"rho": 1.5}),
    ("rmsprop", {"alpha": "0.9"}),
])
def test_bad_values_raise(name, hyper):
    with pytest.raises(ValueError):
        optim.make(name, **hyper)


@pytest.mark.parametrize("name", optim.NAMES)
def test_updates_a_list_of_arrays_in_place(name):
    rng = np.random.default_rng(0)
    params = [rng.standard_normal((3, 4)), rng.standard_normal(5), np.array(2.0)]
    before = [p.copy() for p in params]
    ids = [id(p) for p in params]
    grads = [p.copy() for p in params]  # gradient of 0.5 * |p|^2
    grads_before = [g.copy() for g in grads]
    opt = optim.make(name, lr=0.1)
    for _ in range(3):
        opt.step(params, [p.copy() for p in params])
    opt.step(params, grads)
    assert [id(p) for p in params] == ids
    assert [p.shape for p in params] == [(3, 4), (5,), ()]
    for p, b in zip(params, before):
        assert np.sum(p**2) < np.sum(b**2)  # every array moved downhill
    for g, gb in zip(grads, grads_before):
        np.testing.assert_array_equal(g, gb)  # the caller's gradients are not touched
    assert sorted(opt.state) == [0, 1, 2]


def test_state_is_per_position():
    # Two parameters stepped together equal each stepped by its own optimizer.
    opt, o1, o2 = optim.make("adam", lr=0.1), optim.make("adam", lr=0.1), optim.make("adam")
    o2.lr = 0.1
    p, q = np.array([1.0, -2.0]), np.array([[3.0]])
    p1, q2 = p.copy(), q.copy()
    for _ in range(5):
        opt.step([p, q], [2 * p, 3 * q])
        o1.step([p1], [2 * p1])
        o2.step([q2], [3 * q2])
    np.testing.assert_array_equal(p, p1)
    np.testing.assert_array_equal(q, q2)


def test_step_rejects_bad_arguments():
    opt = optim.make("sgd")
    with pytest.raises(ValueError):
        opt.step([np.zeros(2)], [])
    with pytest.raises(ValueError):
        opt.step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(TypeError):
        opt.step([np.zeros(2, dtype=int)], [np.zeros(2)])
    with pytest.raises(TypeError):
        opt.step([[0.0, 0.0]], [np.zeros(2)])


# ---- surfaces ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_surface_grad_matches_finite_differences(name):
    s = SURFACES[name]
    rng = np.random.default_rng(1)
    x = rng.uniform(*s.x_range, 50)
    y = rng.uniform(*s.y_range, 50)
    h = 1e-6
    gx, gy = s.grad(x, y)
    fdx = (s.value(x + h, y) - s.value(x - h, y)) / (2 * h)
    fdy = (s.value(x, y + h) - s.value(x, y - h)) / (2 * h)
    np.testing.assert_allclose(gx, fdx, rtol=1e-6, atol=1e-5)
    np.testing.assert_allclose(gy, fdy, rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("name", sorted(SURFACES))
def test_surface_metadata(name):
    s = SURFACES[name]
    assert s.name == name
    xx, yy = np.meshgrid(np.linspace(*s.x_range, 7), np.linspace(*s.y_range, 5))
    assert s.value(xx, yy).shape == (5, 7)  # vectorised for contour grids
    assert s.x_range[0] <= s.start[0] <= s.x_range[1]
    assert s.y_range[0] <= s.start[1] <= s.y_range[1]
    for m in s.minima:
        np.testing.assert_allclose(s.grad(*m), (0.0, 0.0), atol=1e-12)
        assert s.value(*m) <= s.value(xx, yy).min()
    assert set(s.lr) <= set(optim.NAMES)


@pytest.mark.parametrize("surface", sorted(SURFACES))
@pytest.mark.parametrize("name", optim.NAMES)
def test_run_optimizer_paths_are_finite(name, surface):
    path = run_optimizer(name, surface, 150)
    assert path.shape == (151, 2)
    assert np.all(np.isfinite(path))
    np.testing.assert_array_equal(path[0], SURFACES[surface].start)


@pytest.mark.parametrize("name", optim.NAMES)
def test_run_optimizer_stays_finite_with_a_huge_step(name):
    # A step far too large for the curvature: SGD-like rules diverge and stop there.
    path = run_optimizer(name, "rosenbrock", 200, lr=50.0)
    assert path.shape == (201, 2)
    assert np.all(np.isfinite(path))
    assert np.abs(path).max() <= DIVERGED


def test_run_optimizer_sgd_diverges_and_freezes():
    path = run_optimizer("sgd", "ravine", 100, lr=0.2)  # 0.2 * 25 > 2: unstable across
    assert np.array_equal(path[-1], path[-2])
    assert np.abs(path[-1]).max() > 100


def test_adam_gets_closer_on_the_ravine():
    s = SURFACES["ravine"]
    path = run_optimizer("adam", s, 100)
    dist = np.hypot(*(path - s.minima[0]).T)
    assert dist[-1] < 0.1 * dist[0]
    assert s.value(*path[-1]) < s.value(*path[0])


def test_run_optimizer_arguments():
    path = run_optimizer("momentum", "saddle", 0, start=(0.5, 0.5))
    np.testing.assert_array_equal(path, [[0.5, 0.5]])
    p1 = run_optimizer("momentum", "saddle", 30, lr=0.01, momentum=0.5)
    p2 = run_optimizer("momentum", "saddle", 30, lr=0.01)
    assert not np.array_equal(p1, p2)
    with pytest.raises(ValueError, match="ravine"):
        run_optimizer("adam", "bowl", 10)
    with pytest.raises(ValueError, match="nadam"):
        run_optimizer("lion", "ravine", 10)
    with pytest.raises(ValueError):
        run_optimizer("adam", "ravine", -1)
    with pytest.raises(ValueError):
        run_optimizer("adam", "ravine", 10, start=(1.0, float("inf")))
    with pytest.raises(ValueError):
        run_optimizer("adam", "ravine", 10, beta=0.9)


def test_the_ravine_race_does_what_its_captions_say():
    """The race tab describes the default race (rates and 200 steps as drawn; the tour's
    ravine step names its frames, tests/test_tour.py). Momentum swings from wall to wall
    while it gathers speed along the valley; NAG damps the swing and is the first within
    0.1 of the minimum (by step 30); Adagrad, RMSProp, Adam and NAdam first
    head diagonally; plain SGD bounces once, then slides along the floor ever more slowly
    (its step is held by the steep walls: 0.05, where 2/25 = 0.08 would bounce out);
    AdaDelta is the slowest."""
    s = SURFACES["ravine"]
    path = {name: run_optimizer(name, s, 200) for name in optim.NAMES}
    sgd, momentum, nag = path["sgd"], path["momentum"], path["nesterov"]
    # SGD: one visible bounce across (y from 1 to -0.25), then flat on the floor, each step
    # along it shorter than the one before.
    assert sgd[1, 1] < -0.2 and np.abs(sgd[3:, 1]).max() < 0.05
    assert np.all(np.diff(np.abs(np.diff(sgd[1:100, 0]))) < 0)
    assert 25 * training.race_lr(s, "sgd") < 2
    # Momentum: wide swings across while it passes the middle (x = 0) within 25 steps.
    assert np.abs(momentum[3:, 1]).max() > 0.5
    assert int((np.diff(np.sign(momentum[:, 1])) != 0).sum()) >= 10
    assert momentum[25, 0] > 0
    # NAG: smaller swings than momentum, and the first within 0.1 of the minimum.
    assert np.abs(nag[3:, 1]).max() < 0.6 * np.abs(momentum[3:, 1]).max()
    first = {n: int(np.argmax(np.hypot(*p.T) < 0.1)) if (np.hypot(*p.T) < 0.1).any()
             else 10**6 for n, p in path.items()}
    assert min(first, key=first.get) == "nesterov" and first["nesterov"] <= 30
    # The adaptive ones: a first step of the same size in both coordinates (a diagonal);
    # Adam keeps to it for its first five.
    for name in ("adagrad", "rmsprop", "adam", "nadam"):
        dx, dy = np.abs(path[name][1] - path[name][0])
        assert dx == pytest.approx(dy, rel=1e-6), name
    steps = np.abs(np.diff(path["adam"][:6], axis=0))  # (5, 2)
    np.testing.assert_allclose(steps[:, 0], steps[:, 1], rtol=0.05)
    # AdaDelta: the slowest, furthest from the minimum at the end.
    gaps = {n: float(np.hypot(*p[-1])) for n, p in path.items()}
    assert max(gaps, key=gaps.get) == "adadelta"

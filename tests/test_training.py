"""activations.training: the MLP trainer, its hand-written backward pass, linear collapse,
the zig-zag demo, and the training page's figures.

References are written here independently (plain loops, NumPy/SciPy functions, finite
differences of a forward pass of our own); none reuses the code under test.

XOR setup: the four exact corners, ``datasets.xor(4, noise=0)``: (-1,-1)->0, (-1,1)->1,
(1,-1)->1, (1,1)->0. No straight line gets more than 3 of them right, so any linear model
(the identity network, the perceptron) is capped at 75%.
"""

import json
import math

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

import activations
from activations import datasets, optim, training
from activations.figures import training as figs
from activations.surfaces import SURFACES, run_optimizer
from tests.conftest import assert_stacked

XOR4 = datasets.xor(4, noise=0.0)
SEEDS = range(10)


# ---------------------------------------------------------------- XOR: what nonlinearity buys


def test_xor4_is_the_truth_table():
    X, y = XOR4
    np.testing.assert_array_equal(y, (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(float))


def test_tanh_hidden4_solves_xor_for_most_seeds():
    solved = [training.train_mlp(XOR4, hidden=(4,), activation="tanh", steps=300, seed=s)
              .final_accuracy == 1.0 for s in SEEDS]
    assert sum(solved) >= 8, solved


def test_relu_solves_xor_for_most_seeds():
    solved = [training.train_mlp(XOR4, hidden=(8,), activation="relu", steps=300, seed=s)
              .final_accuracy == 1.0 for s in SEEDS]
    assert sum(solved) >= 8, solved


def test_relu_stalls_on_xor_from_seed_0_with_two_clusters_cut_off():
    """What the lab's XOR note says of ReLU's stalled run (the page's defaults but ReLU):
    every hidden unit outputs 0 on two of the four clusters, so the network gives those
    points exactly sigmoid(b) = 0.5 and no gradient from them reaches the hidden weights;
    no unit is dead on every point. Written out from the final weights, not the trainer's
    own counts."""
    r = training.train_mlp("xor", hidden=(8,), activation="relu", seed=0)
    assert r.final_accuracy == 0.75
    X, y = training.load_data("xor")  # the run's data: n=200, noise 0.1, data seed 0
    h = np.maximum(X @ r.weights[0] + r.biases[0], 0.0)  # (n, 8)
    p = expit(h @ r.weights[1] + r.biases[1]).ravel()  # (n,)
    quadrant = (X[:, 0] > 0).astype(int) * 2 + (X[:, 1] > 0)  # (n,) 0..3
    off = [q for q in range(4) if not h[quadrant == q].any()]
    assert len(off) == 2 and len(set(y[np.isin(quadrant, off)])) == 2  # one of each label
    assert np.all(p[np.isin(quadrant, off)] == expit(r.biases[1][0]))
    assert abs(expit(r.biases[1][0]) - 0.5) < 1e-3
    assert h.any(axis=0).all()  # every unit is on somewhere: none dead
    assert r.dead.died == 0 and r.dead.initial == 0


@pytest.mark.parametrize("hidden", [(4,), (8, 8), (3, 3, 3, 3)])
@pytest.mark.parametrize("optimizer", ["adam", "sgd"])
def test_identity_network_never_beats_75_percent_on_xor(hidden, optimizer):
    for s in SEEDS:
        r = training.train_mlp(XOR4, hidden=hidden, activation="identity",
                               optimizer=optimizer, steps=200, seed=s)
        assert max(r.accuracy_history.max(), r.initial_accuracy) <= 0.75


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_single_layer_perceptron_cannot_solve_xor(activation):
    # hidden=() has no hidden layer: the activation is never applied.
    for s in SEEDS:
        r = training.train_mlp(XOR4, hidden=(), activation=activation, steps=200, seed=s)
        assert r.accuracy_history.max() <= 0.75
        assert [w.shape for w in r.weights] == [(2, 1)]


def test_noisy_xor_identity_stays_at_or_below_75_percent():
    # The page's default data (200 noisy points): the linear network gets 3 clusters at best.
    for s in range(3):
        r = training.train_mlp("xor", hidden=(8,), activation="identity", seed=s)
        assert r.accuracy_history.max() <= 0.75
    assert training.train_mlp("xor", hidden=(8,), activation="tanh").final_accuracy == 1.0


def test_accuracy_counts_boundary_points_as_wrong():
    y = np.array([0.0, 1.0, 1.0, 0.0])
    assert training.accuracy([-1.0, 2.0, 3.0, -0.5], y) == 1.0
    assert training.accuracy([1e-17, 1e-17, -1e-17, 0.0], y) == 0.0
    assert training.accuracy([-1.0, 1.0, -1.0, 1.0], y) == 0.5


# ---------------------------------------------------------------- backward pass


def _reference_loss(X, y, weights, biases, f):
    """Forward pass and mean BCE written out again: h = f(h W + b), BCE from logaddexp."""
    h = X
    for W, b in zip(weights[:-1], biases[:-1]):
        h = f(h @ W + b)
    s = (h @ weights[-1] + biases[-1])[:, 0]
    # -[y log sigma(s) + (1 - y) log sigma(-s)] = log(1 + e^s) - y s
    return np.mean(np.logaddexp(0.0, s) - y * s)


REFERENCE = {
    "tanh": np.tanh,
    "sigmoid": expit,
    "softplus": lambda x: np.logaddexp(0.0, x),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))),
    "identity": lambda x: x,
    "gelu": lambda x: 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2))),
}


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_backward_matches_finite_differences(name):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 2))
    y = (rng.random(7) < 0.5).astype(float)
    weights, biases = training.init_params((3, 2), name, seed=1)
    biases = [rng.normal(scale=0.3, size=b.shape) for b in biases]  # not all zero
    loss, gw, gb = training.loss_and_grads(X, y, weights, biases, name)
    f = REFERENCE[name]
    assert loss == pytest.approx(_reference_loss(X, y, weights, biases, f), rel=1e-13)
    h = 1e-6
    for params, grads in ((weights, gw), (biases, gb)):
        for P, G in zip(params, grads):
            assert G.shape == P.shape
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + h
                up = _reference_loss(X, y, weights, biases, f)
                P[idx] = old - h
                down = _reference_loss(X, y, weights, biases, f)
                P[idx] = old
                assert G[idx] == pytest.approx((up - down) / (2 * h), abs=1e-8, rel=1e-6)


def test_backward_of_the_perceptron_is_logistic_regression():
    # No hidden layer: dL/dw = X^T (sigma(s) - y) / n, dL/db = mean(sigma(s) - y).
    X, y = datasets.load("moons", n=50, seed=2)
    weights, biases = [np.array([[0.3], [-0.7]])], [np.array([0.1])]
    _, gw, gb = training.loss_and_grads(X, y, weights, biases, "tanh")
    r = expit(X @ weights[0][:, 0] + 0.1) - y
    np.testing.assert_allclose(gw[0][:, 0], X.T @ r / 50, rtol=1e-13)
    np.testing.assert_allclose(gb[0], [r.mean()], rtol=1e-13)


def test_training_step_is_the_optimizer_step_on_the_gradient():
    # One SGD step of train_mlp equals w - lr * grad with the gradient at the start.
    X, y = datasets.load("circles", n=40, seed=1)
    w0, b0 = training.init_params((5,), "tanh", seed=4)
    _, gw, gb = training.loss_and_grads(X, y, w0, b0, "tanh")
    r = training.train_mlp((X, y), hidden=(5,), activation="tanh", optimizer="sgd", lr=0.3,
                           steps=1, seed=4)
    for got, w, g in zip([*r.weights, *r.biases], [*w0, *b0], [*gw, *gb]):
        np.testing.assert_allclose(got, w - 0.3 * g, rtol=1e-14, atol=1e-15)


# ---------------------------------------------------------------- the trainer


def test_result_shapes_and_ranges():
    r = training.train_mlp("moons", hidden=(6, 5), activation="relu", steps=120, seed=2)
    assert r.loss_history.shape == r.accuracy_history.shape == (120,)
    assert np.all((0 <= r.accuracy_history) & (r.accuracy_history <= 1))
    assert [w.shape for w in r.weights] == [(2, 6), (6, 5), (5, 1)]
    assert [b.shape for b in r.biases] == [(6,), (5,), (1,)]
    g = training.GRID_SIZE
    assert r.grid_probability.shape == (g, g) and r.grid_probability.dtype == np.float32
    assert r.grid_x.shape == r.grid_y.shape == (g,)
    assert np.all((0 <= r.grid_probability) & (r.grid_probability <= 1))
    assert r.loss_history[-1] < r.initial_loss
    assert not r.diverged and r.steps_run == 120


def test_histories_describe_the_final_weights():
    r = training.train_mlp("spiral", hidden=(8,), activation="tanh", steps=50)
    logits = training.forward(r.X, r.weights, r.biases, "tanh")
    assert training.accuracy(logits, r.y) == r.final_accuracy
    loss = np.mean(np.logaddexp(0.0, logits) - r.y * logits)
    assert loss == pytest.approx(r.final_loss, rel=1e-12)


def test_grid_probability_is_the_network_on_the_grid():
    r = training.train_mlp("circles", hidden=(4,), steps=30)
    j, i = 17, 61
    point = np.array([[r.grid_x[j], r.grid_y[i]]])
    p = expit(training.forward(point, r.weights, r.biases, "tanh"))[0]
    assert r.grid_probability[i, j] == pytest.approx(p, abs=1e-6)


def test_same_seed_same_run_and_seed_changes_the_start():
    a = training.train_mlp("xor", steps=20, seed=5)
    b = training.train_mlp("xor", steps=20, seed=5)
    c = training.train_mlp("xor", steps=20, seed=6)
    np.testing.assert_array_equal(a.loss_history, b.loss_history)
    np.testing.assert_array_equal(a.X, c.X)  # same data
    assert a.initial_loss != c.initial_loss


@pytest.mark.parametrize("optimizer", optim.NAMES)
def test_every_optimizer_trains(optimizer):
    r = training.train_mlp("gaussians", hidden=(4,), optimizer=optimizer, steps=100)
    assert r.final_loss < r.initial_loss
    assert r.lr == training.TRAIN_LR[optimizer]


def test_activation_parameters_and_custom_objects():
    a = training.train_mlp("xor", activation="leaky_relu", params={"negative_slope": 0.2},
                           steps=10)
    assert a.config["params"] == {"negative_slope": 0.2}

    class Cube:  # a user formula: f(x) = x^3 / 3 + x
        name, label = "cube", "x³/3 + x"

        def __call__(self, x, **params):
            return x**3 / 3 + x

        def grad(self, x, **params):
            return x**2 + 1

    r = training.train_mlp(XOR4, hidden=(4,), activation=Cube(), steps=300)
    assert r.final_accuracy == 1.0


class _Power:
    """A user formula f(x) = x^5: with a huge step the weights explode within a few steps."""

    name, label = "power5", "x⁵"

    def __call__(self, x, **params):
        return x**5

    def grad(self, x, **params):
        return 5 * x**4


class _Sqrt:
    """A user formula that is nan for negative inputs: non-finite from the very start."""

    name, label = "sqrt", "√x"

    def __call__(self, x, **params):
        return np.sqrt(x)

    def grad(self, x, **params):
        return 0.5 / np.sqrt(x)


def test_divergence_stops_with_finite_numbers():
    r = training.train_mlp("spiral", hidden=(16, 16), activation=_Power(), optimizer="sgd",
                           lr=10.0, steps=300)
    assert r.diverged and 0 < r.steps_run < 300
    assert np.all(np.isfinite(r.loss_history)) and np.all(np.isfinite(r.grid_probability))
    assert all(np.all(np.isfinite(w)) for w in [*r.weights, *r.biases])
    assert r.final_loss == r.loss_history[-1]


def test_non_finite_start_stops_at_once():
    r = training.train_mlp("xor", hidden=(4,), activation=_Sqrt(), steps=50)
    assert r.diverged and r.steps_run == 0
    assert math.isnan(r.final_loss)
    assert np.all(np.isfinite(r.grid_probability))


def test_time_limit_stops_early():
    r = training.train_mlp("xor", steps=2000, time_limit=0.0)
    assert r.timed_out and r.steps_run < 2000 and not r.diverged
    assert np.all(np.isfinite(r.grid_probability))
    assert not training.train_mlp("xor", steps=20, time_limit=60.0).timed_out


def test_callback_reports_progress_to_the_last_step():
    calls = []
    training.train_mlp("xor", steps=95, callback=lambda *a: calls.append(a), callback_every=10)
    assert [c[0] for c in calls] == [10, 20, 30, 40, 50, 60, 70, 80, 90, 95]
    assert all(0 <= acc <= 1 and loss > 0 for _, loss, acc in calls)


@pytest.mark.parametrize("kwargs", [
    dict(hidden=(8,) * 7),  # the playground allows 6 hidden layers; the lab offers 4
    dict(hidden=(33,)),
    dict(hidden=(0,)),
    dict(hidden=(2.5,)),
    dict(hidden="abc"),
    dict(steps=0),
    dict(steps=training.MAX_STEPS + 1),
    dict(steps=10.0),
    dict(lr=0.0),
    dict(lr=-1.0),
    dict(lr=10.5),
    dict(lr=math.nan),
    dict(lr=math.inf),
    dict(n=training.MAX_POINTS + 1),
    dict(optimizer="adamw"),
    dict(activation="nope"),
    dict(activation="leaky_relu", params={"negative_slope": math.nan}),
    dict(dataset="checkerboard"),
    dict(dataset=(np.zeros((5, 3)), np.zeros(5))),
    dict(dataset=(np.zeros((5, 2)), np.full(5, 0.5))),
    dict(dataset=(np.full((5, 2), np.nan), np.zeros(5))),
    dict(dataset=(np.zeros((5, 2)), np.zeros(4))),
    dict(dataset=42),
])
def test_bad_arguments_raise_value_error(kwargs):
    kwargs = {"dataset": "xor", "steps": 5, **kwargs}
    with pytest.raises(ValueError):
        training.train_mlp(**kwargs)


def test_cap_steps():
    assert training.cap_steps(200, (8,), 500) == 500
    big = training.cap_steps(2000, (32,) * 4, 5000)
    assert 1 <= big < 5000 and big % 100 == 0
    assert training.cost(2000, (32,) * 4, big) <= training.STEP_BUDGET
    assert training.cap_steps(200, (8,), 500, budget=1.0) == 1
    assert training.cost(200, (8,), 10) < training.cost(200, (8, 8), 10)


# ---------------------------------------------------------------- linear collapse


@settings(max_examples=40, deadline=None)
@given(hidden=st.lists(st.integers(1, 6), min_size=0, max_size=4),
       c=st.floats(-3.0, 3.0), seed=st.integers(0, 10_000))
def test_identity_network_is_one_affine_map(hidden, c, seed):
    rng = np.random.default_rng(seed)
    weights, biases = training.init_params(hidden, "identity", seed=seed)
    biases = [rng.normal(size=b.shape) for b in biases]
    X = rng.normal(size=(9, 2))
    W, b = training.linear_collapse(weights, biases, c=c)
    assert W.shape == (2, 1) and b.shape == (1,)
    h = X  # the network, written out: h = c (h W + b), then the output layer
    for Wl, bl in zip(weights[:-1], biases[:-1]):
        h = c * (h @ Wl + bl)
    expected = h @ weights[-1] + biases[-1]
    scale = 1 + np.max(np.abs(expected))
    np.testing.assert_allclose(X @ W + b, expected, atol=1e-12 * scale)
    assert training.collapse_error(X, weights, biases, c=c) <= 1e-12 * scale


def test_collapse_of_h_h_h_is_c_cubed():
    # Three 1x1 identity layers with weight 1 and no bias: h(h(h(x))) = c^3 x.
    weights = [np.array([[1.0, 0.0], [0.0, 1.0]]), np.eye(2), np.eye(2), np.array([[1.0], [0.0]])]
    biases = [np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(1)]
    W, b = training.linear_collapse(weights, biases, c=2.0)
    np.testing.assert_array_equal(W[:, 0], [8.0, 0.0])
    np.testing.assert_array_equal(b, [0.0])


def test_trained_identity_network_collapses():
    r = training.train_mlp("moons", hidden=(8, 8), activation="identity", steps=100)
    assert training.collapse_error(r.X, r.weights, r.biases) < 1e-12


# ---------------------------------------------------------------- zig-zag


def test_positive_inputs_give_same_sign_gradients():
    z = training.zigzag("positive", steps=60, lr=1.0)
    assert np.all(z.inputs > 0)
    signs = np.sign(z.grads)
    assert np.all(signs[:, 0] == signs[:, 1]) and z.same_sign == 1.0
    # both patterns occur: the path zig-zags between (+, +) and (-, -)
    assert {1.0, -1.0} <= set(signs[:, 0])


def test_zero_centred_inputs_mix_signs_and_converge_faster():
    pos = training.zigzag("positive", steps=40)
    cen = training.zigzag("centred", steps=40)
    assert abs(cen.inputs.mean()) < 0.2
    assert cen.same_sign < 0.8
    assert cen.final_distance < 0.1 < pos.final_distance


def test_zigzag_steps_follow_the_rule():
    z = training.zigzag("centred", steps=25, lr=0.7, m=8, seed=3)
    w = np.array(training.ZIGZAG_START)
    w_star = np.array(training.ZIGZAG_TARGET)
    for k in range(25):
        a = z.inputs[k % 8]
        g = (w @ a - w_star @ a) * a  # d/dw of 1/2 (w.a - w*.a)^2
        np.testing.assert_allclose(z.grads[k], g, rtol=1e-13, atol=1e-15)
        w = w - 0.7 * g
        np.testing.assert_allclose(z.path[k + 1], w, rtol=1e-13, atol=1e-15)
    # the contours are the mean loss: check one grid point
    i, j = 10, 33
    d = np.array([z.gx[j], z.gy[i]]) - w_star
    mean_loss = np.mean((z.inputs @ d) ** 2) / 2
    assert z.loss[i, j] == pytest.approx(mean_loss, rel=1e-6)


def _plain_zigzag(inputs, steps, lr):
    """The zig-zag run re-derived: w <- w - lr (w.a - w*.a) a, one example a step, and each
    step's kind from which weights it moved (a weight whose input is 0 must stay)."""
    w, w_star = np.array([-1.0, 1.0]), np.array([1.0, -1.0])
    kinds = []
    for k in range(steps):
        a = inputs[k % len(inputs)]
        new = w - lr * (w @ a - w_star @ a) * a
        up, down = np.sum(new > w), np.sum(new < w)
        moved = up + down
        kinds.append("none" if moved == 0 else "one" if moved == 1 else
                     "same" if up in (0, 2) else "opposite")
        # an input of exactly 0 leaves its weight bit for bit where it was
        assert np.all(new[a == 0] == w[a == 0])
        w = new
    return w, kinds


def test_relu_inputs_are_relu_of_the_same_pre_activations():
    z = np.random.default_rng(0).standard_normal((32, 2))
    a = training.zigzag_inputs("relu")
    np.testing.assert_array_equal(a, np.where(z > 0, 0.5 * z, 0.0))
    assert np.all(a >= 0) and 0.3 < np.mean(a == 0) < 0.7  # about half exactly 0
    # the same zeros where sigmoid's inputs of those z are below 1/2
    np.testing.assert_array_equal(a == 0, training.zigzag_inputs("positive") <= 0.5)


def test_relu_zigzag_never_moves_the_weights_opposite_ways():
    """The notes' "ReLU is not zero-centred either: the same zig-zag": no step moves w1 and
    w2 opposite ways, as (1, -1) from (-1, 1) needs; but an input of 0 leaves its weight,
    so some steps move one weight alone and some move none (both inputs 0)."""
    z = training.zigzag("relu", steps=40, lr=1.0)
    w, kinds = _plain_zigzag(z.inputs, 40, 1.0)
    np.testing.assert_allclose(z.path[-1], w, rtol=1e-13, atol=1e-15)
    counts = {k: kinds.count(k) for k in ("same", "one", "none", "opposite")}
    assert counts == {"same": 12, "one": 16, "none": 12, "opposite": 0}
    assert (z.same_sign, z.one_weight, z.no_move, z.opposite) == (12 / 40, 16 / 40,
                                                                  12 / 40, 0.0)
    assert z.final_distance == pytest.approx(np.linalg.norm(w - [1.0, -1.0]), rel=1e-12)


@pytest.mark.parametrize("kind", ["positive", "relu", "centred"])
def test_zigzag_step_kinds_add_up_and_match_the_plain_run(kind):
    z = training.zigzag(kind, steps=70, lr=0.6, m=16, seed=4)
    _, kinds = _plain_zigzag(z.inputs, 70, 0.6)
    assert z.same_sign == kinds.count("same") / 70
    assert z.one_weight == kinds.count("one") / 70
    assert z.no_move == kinds.count("none") / 70
    assert z.opposite == kinds.count("opposite") / 70
    assert z.same_sign + z.one_weight + z.no_move + z.opposite == pytest.approx(1.0)
    if kind != "relu":  # sigmoid's and tanh's inputs are never 0
        assert z.one_weight == z.no_move == 0.0


@pytest.mark.parametrize("kind", ["positive", "relu", "centred"])
def test_zigzag_never_moves_away_from_the_target(kind):
    """With lr |a|^2 <= 2 each step multiplies the error's part along a by a factor in
    [-1, 1] and leaves the rest: the distance to w* never grows, at the largest step."""
    z = training.zigzag(kind, steps=200, lr=1.0)
    dist = np.linalg.norm(z.path - z.w_star, axis=1)
    assert np.all(np.diff(dist) <= 1e-12)


def test_zigzag_refuses_a_step_that_could_blow_up():
    # 1000 ReLU inputs: the longest has |a|^2 > 2, so step size 1 could grow the error
    z = np.random.default_rng(0).standard_normal((1000, 2))
    assert np.max(np.sum(np.maximum(0.5 * z, 0) ** 2, axis=1)) > 2
    with pytest.raises(ValueError, match="at most 2"):
        training.zigzag("relu", m=1000, lr=1.0)
    training.zigzag("relu", m=1000, lr=0.2)  # small enough


@pytest.mark.parametrize("kwargs", [dict(kind="nope"), dict(lr=1.5), dict(lr=0.0),
                                    dict(steps=0), dict(lr=math.nan)])
def test_zigzag_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        training.zigzag(**{"kind": "positive", **kwargs})


# ---------------------------------------------------------------- optimizer race summary


def test_race_summary():
    surface = SURFACES["saddle"]
    paths = [np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[0.0, 0.0], [0.0, -2.0]])]
    values, distances = training.race_summary(surface, paths)
    np.testing.assert_allclose(values, [0 - 1 + 0.25, -4 + 4])
    np.testing.assert_allclose(distances, [math.sqrt(2) - 1, 2 - math.sqrt(2)])


# ---------------------------------------------------------------- figures


def _validated(fig: go.Figure) -> dict:
    """The figure as Plotly JSON, after full validation (the builders skip it for speed)."""
    go.Figure(fig.to_dict())  # raises ValueError on any invalid property
    return json.loads(pio.to_json(fig, validate=False))


def _builders(present, title):
    """Every builder of the module, called as the training page calls it."""
    r = training.train_mlp("xor", steps=10)
    z = training.zigzag("positive", steps=30)
    paths = [(name, run_optimizer(name, "saddle", 20)) for name in optim.NAMES[:3]]
    return {
        "boundary": figs.boundary_figure(
            r.grid_x, r.grid_y, r.grid_probability, r.X, r.y, class_names=("c0", "c1"),
            probability_label="p", x_label="x1", y_label="x2", title=title, present=present),
        "curves": figs.curves_figure(
            [("a", r.loss_history, r.accuracy_history), ("b", r.loss_history[::-1],
                                                         r.accuracy_history)],
            loss_title="L", accuracy_title="A", step_label="s", loss_label="l",
            present=present),
        "zigzag": figs.zigzag_figure(
            z.gx, z.gy, z.loss, z.path, z.grads, z.w_star, x_label="w1", y_label="w2",
            path_name="path", same_names=("pp", "mm"), mixed_name="mixed",
            target_name="target", title=title, present=present),
        "race": figs.race_figure(
            SURFACES["saddle"], paths, x_label="x", y_label="y", play_label="p",
            pause_label="q", step_label="s", minimum_name="m", title=title, present=present),
    }


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("title", [None, "Title"])
def test_every_builder_makes_a_valid_figure(present, title):
    for name, fig in _builders(present, title).items():
        spec = _validated(fig)
        layout = spec["layout"]
        assert layout["font"]["size"] == (20 if present else 13), name
        if name != "curves":  # the curves have subplot titles only
            assert layout.get("title", {}).get("text") == title, name
        # every axis carries the shared look (tick size, grid colour) and its own title,
        # but the accuracy axis: its panel's title names it (tests/browser: a y title of
        # its own lay on the loss panel)
        axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))]
        assert len(axes) == (4 if name == "curves" else 2), name
        for key in axes:
            assert layout[key]["tickfont"]["size"] == layout["font"]["size"], (name, key)
            titled = not (name == "curves" and key == "yaxis2")
            assert bool(layout[key].get("title", {}).get("text")) == titled, (name, key)


def test_curves_figure_panels():
    spec = _validated(_builders(False, None)["curves"])
    layout, data = spec["layout"], spec["data"]
    assert [(d["xaxis"], d["yaxis"]) for d in data] == [("x", "y"), ("x2", "y2")] * 2
    assert layout["yaxis"]["type"] == "log" and layout["yaxis2"]["range"] == [0, 102]
    assert [a["text"] for a in layout["annotations"]] == ["L", "A"]
    # subplot titles at the text size, as every chart's (styled)
    assert {a["font"]["size"] for a in layout["annotations"]} == {layout["font"]["size"]}
    assert layout["margin"]["t"] == 80 and layout["legend"]["y"] == 1.12
    assert layout["yaxis"]["domain"] == layout["yaxis2"]["domain"]  # side by side
    # a projector's legend in the figure's top row, clear of the larger panel titles
    legend = _validated(_builders(True, None)["curves"])["layout"]["legend"]
    assert (legend["yref"], legend["y"], legend["yanchor"]) == ("container", 1, "top")


def test_curves_figure_stacks_on_a_phone():
    """On a phone the loss stands above the accuracy, each panel full width (side by side
    each had about 150 px of a 390 px screen and the step ticks ran together); every trace
    stays on its axes, and the chart is tall enough for two panels."""
    r = training.train_mlp("xor", steps=10)
    runs = [("a", r.loss_history, r.accuracy_history)]
    wide, tall = (_validated(figs.curves_figure(
        runs, loss_title="L", accuracy_title="A", step_label="s", loss_label="l",
        stacked=stacked)) for stacked in (False, True))
    assert [(d["xaxis"], d["yaxis"]) for d in tall["data"]] == [("x", "y"), ("x2", "y2")]
    layout = assert_stacked(wide, tall)  # loss on top
    loss_title, accuracy_title = layout["annotations"]
    assert loss_title["text"] == "L" and loss_title["y"] > accuracy_title["y"]
    assert layout["height"] > wide["layout"]["height"]
    # the legend above the loss panel, clear of its title
    assert 1 < layout["legend"]["y"] < wide["layout"]["legend"]["y"]


def test_boundary_figure_texts_come_from_the_caller():
    r = training.train_mlp("xor", steps=10)
    fig = figs.boundary_figure(r.grid_x, r.grid_y, r.grid_probability, r.X, r.y,
                               class_names=("Klasse 0", "Klasse 1"), probability_label="P",
                               x_label="X-eins", y_label="X-zwei", title="Titel")
    spec = _validated(fig)
    names = [d.get("name") for d in spec["data"]]
    assert "Klasse 0" in names and "Klasse 1" in names
    assert spec["layout"]["title"]["text"] == "Titel"
    assert spec["layout"]["xaxis"]["title"]["text"] == "X-eins"
    # the probability is the background: no line at x2 = 0 that reads as a boundary
    assert spec["layout"]["xaxis"]["zeroline"] is spec["layout"]["yaxis"]["zeroline"] is False
    # every point is drawn once, in its class
    points = [d for d in spec["data"] if d.get("mode") == "markers"]
    assert sum(len(fig.data[spec["data"].index(d)].x) for d in points) == len(r.X)


def test_curves_figure_hover_writes_small_losses_as_powers_of_ten():
    """A loss under 10⁻⁶ showed on hover as Plotly's 2.06e-7; it reads as the page writes
    it, 2.06×10⁻⁷."""
    loss = np.geomspace(0.7, 2.06e-7, 300)
    fig = figs.curves_figure([("Tanh", loss, np.ones(300))], loss_title="L",
                             accuracy_title="A", step_label="s", loss_label="l")
    _validated(fig)
    trace = fig.data[0]
    assert trace["hovertemplate"] == "Tanh: %{customdata}<extra></extra>"
    assert len(trace["customdata"]) == len(trace["y"])
    assert trace["customdata"][0] == "0.7" and trace["customdata"][-1] == "2.06×10⁻⁷"
    assert not any("e-" in text for text in trace["customdata"])


def test_curves_figure_thins_long_runs():
    loss = np.linspace(1, 0.1, 5000)
    fig = figs.curves_figure([("a", loss, np.ones(5000))], loss_title="L", accuracy_title="A",
                             step_label="s", loss_label="l")
    _validated(fig)
    assert len(fig.data) == 2
    assert len(fig.data[0].x) <= figs.MAX_CURVE_POINTS
    assert fig.data[0].x[0] == 1 and fig.data[0].x[-1] == 5000
    assert fig.data[1].y[-1] == pytest.approx(100.0)


def test_curves_figure_labels_a_flat_loss():
    # A linear network's loss stays near log 2 = 0.693: no power of ten to label within it,
    # so the loss axis gets its own values; a loss falling decades keeps one per decade.
    flat = np.linspace(0.7, 0.6932, 500)
    falling = np.geomspace(0.7, 1e-4, 500)
    for loss, labelled in ((flat, True), (falling, False)):
        fig = figs.curves_figure([("a", loss, np.full(500, 0.5))], loss_title="L",
                                 accuracy_title="A", step_label="s", loss_label="l")
        axis = _validated(fig)["layout"]["yaxis"]
        assert axis["type"] == "log"
        if labelled:
            assert "dtick" not in axis and len(axis["ticktext"]) >= 3
            assert all(0.69 <= float(t) <= 0.71 for t in axis["ticktext"]), axis["ticktext"]
        else:
            assert axis["dtick"] == 1 and "tickvals" not in axis


def test_zigzag_figure_marks_sign_patterns():
    z = training.zigzag("positive", steps=30)
    fig = figs.zigzag_figure(z.gx, z.gy, z.loss, z.path, z.grads, z.w_star, x_label="w1",
                             y_label="w2", path_name="path", same_names=("pp", "mm"),
                             mixed_name="mixed", target_name="target")
    layout = _validated(fig)["layout"]
    assert layout["yaxis"]["scaleanchor"] == "x"  # equal axes: the contours stay round
    by_name = {d.name: d for d in fig.data if d.name}
    assert len(by_name["pp"].x) + len(by_name["mm"].x) == 30
    assert len(by_name["mixed"].x) == 0


def test_zigzag_figure_marks_steps_on_a_zero_input():
    z = training.zigzag("relu", steps=40)
    fig = figs.zigzag_figure(z.gx, z.gy, z.loss, z.path, z.grads, z.w_star, x_label="w1",
                             y_label="w2", path_name="path", same_names=("pp", "mm"),
                             mixed_name="mixed", one_name="one", still_name="still",
                             target_name="target")
    _validated(fig)
    by_name = {d.name: d for d in fig.data if d.name}
    starts = np.asarray(z.path[:-1], dtype=np.float32)
    zero = z.inputs[np.arange(40) % 32] == 0  # (40, 2) which inputs of each step are 0
    for name, mask in (("one", zero.sum(axis=1) == 1), ("still", zero.sum(axis=1) == 2)):
        np.testing.assert_array_equal(by_name[name].x, starts[mask, 0])
        np.testing.assert_array_equal(by_name[name].y, starts[mask, 1])
    assert sum(len(by_name[n].x) for n in ("pp", "mm", "mixed", "one", "still")) == 40
    # sigmoid's inputs are never 0: no entry for steps that cannot happen
    p = training.zigzag("positive", steps=40)
    fig = figs.zigzag_figure(p.gx, p.gy, p.loss, p.path, p.grads, p.w_star, x_label="w1",
                             y_label="w2", path_name="path", same_names=("pp", "mm"),
                             mixed_name="mixed", one_name="one", still_name="still",
                             target_name="target")
    assert not {"one", "still"} & {d.name for d in fig.data}


def test_zigzag_markers_point_the_way_their_step_moves():
    """Each same-sign step's marker is a triangle pointing the way the weights go: the
    legend says "(+, +): both weights go down", and the step from a ▼ lands lower in w1 and
    in w2 (the markers were the gradient's way round, ▲ for a step going down)."""
    z = training.zigzag("positive", steps=40)
    fig = figs.zigzag_figure(z.gx, z.gy, z.loss, z.path, z.grads, z.w_star, x_label="w1",
                             y_label="w2", path_name="path", same_names=("pp", "mm"),
                             mixed_name="mixed", target_name="target")
    by_name = {d.name: d for d in fig.data if d.name}
    assert by_name["pp"].marker.symbol == "triangle-down"
    assert by_name["mm"].marker.symbol == "triangle-up"
    path = np.asarray(z.path, dtype=np.float32)
    for name, sign in (("pp", -1), ("mm", 1)):
        starts = np.column_stack([by_name[name].x, by_name[name].y])
        assert len(starts) >= 5
        for start in starts:
            k = int(np.flatnonzero((path[:-1] == start).all(axis=1))[0])
            assert np.all(np.sign(path[k + 1] - path[k]) == sign), (name, k)


def test_race_figure_animates_all_eight_optimizers():
    steps = 60
    paths = [(name, run_optimizer(name, "ravine", steps)) for name in optim.NAMES]
    fig = figs.race_figure(SURFACES["ravine"], paths, x_label="x", y_label="y",
                           play_label="Los", pause_label="Halt", step_label="Schritt",
                           minimum_name="Minimum")
    assert isinstance(fig, go.Figure)
    _validated(fig)
    lines = [d for d in fig.data if getattr(d, "mode", None) == "lines" and d.name]
    assert [d.name for d in lines] == list(optim.NAMES)
    # only scatter traces: plotly.js drops other trace types while animation frames play
    assert {d.type for d in fig.data} == {"scatter"}
    assert all(len(d.x) == steps + 1 for d in lines)  # the finished race: every step
    assert 10 <= len(fig.frames) <= figs.RACE_FRAMES + 1
    first, last = fig.frames[0], fig.frames[-1]
    assert len(first.data[0].x) == 1 and len(last.data[0].x) == steps + 1
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert labels == ["Los", "Halt"]
    assert fig.layout.sliders[-1].currentvalue.prefix.startswith("Schritt")


@pytest.mark.parametrize("steps", [20, 60, 80, 140, 200, 600])
def test_race_frames_fall_on_round_steps_and_play_in_the_same_time(steps):
    """Play and the slider read step 0, 10, 20 ... 200 (a rounded linspace read 0, 7, 13,
    20 ...): frames at every multiple of one stride of 1, 2 or 5 times a power of ten, the
    finest that gives at most RACE_FRAMES gaps, plus the last step; however many frames
    that makes, Play takes about RACE_PLAY_MS."""
    paths = [(name, run_optimizer(name, "ravine", steps)) for name in ("sgd", "adam")]
    fig = figs.race_figure(SURFACES["ravine"], paths, x_label="x", y_label="y",
                           play_label="Play", pause_label="Pause", step_label="Step",
                           minimum_name="Minimum")
    names = [int(f.name) for f in fig.frames]
    stride = names[1]
    assert stride in (1, 2, 5, 10, 20) and -(-steps // stride) <= figs.RACE_FRAMES
    assert stride == 1 or -(-steps // _finer(stride)) > figs.RACE_FRAMES  # the finest
    assert names == list(range(0, steps + 1, stride))
    assert [s.label for s in fig.layout.sliders[-1].steps] == [str(n) for n in names]
    sgd = paths[0][1]  # (steps + 1, 2)
    dots = [(f.data[1].x[0], f.data[1].y[0]) for f in fig.frames]  # sgd's dot, each frame
    np.testing.assert_allclose(dots, sgd[names], rtol=1e-6, atol=1e-30)  # float32 points
    gap_ms = fig.layout.updatemenus[0].buttons[0].args[1]["frame"]["duration"]
    assert figs.RACE_PLAY_MS <= gap_ms * (len(names) - 1) < figs.RACE_PLAY_MS + len(names)


def _finer(stride):
    """The round stride below ``stride`` (10 -> 5, 5 -> 2, 2 -> 1)."""
    return stride // 2 if str(stride)[0] in "12" else stride * 2 // 5


def test_level_curves_of_a_paraboloid_are_circles():
    gx, gy = np.linspace(-2, 2, 41), np.linspace(-2, 2.5, 46)
    xx, yy = np.meshgrid(gx, gy)
    x, y = figs.level_curves(gx, gy, xx**2 + yy**2, [1.0, 2.25])
    ok = ~np.isnan(x)
    r = np.hypot(x[ok], y[ok])
    expected = np.where(r < 1.25, 1.0, 1.5)
    assert np.max(np.abs(r - expected)) < 0.01  # linear interpolation on a 0.1 grid
    assert np.isnan(x).sum() == 2  # two closed curves, each one polyline
    assert {1.0, 1.5} == set(np.round(r, 1))
    # a closed curve ends where it starts
    first = x[: np.flatnonzero(np.isnan(x))[0]]
    assert first[0] == pytest.approx(first[-1])


def test_level_curves_of_a_saddle_cross():
    g = np.linspace(-1, 1, 21)
    xx, yy = np.meshgrid(g, g)
    x, y = figs.level_curves(g, g, xx * yy, [0.05, -0.05])
    ok = ~np.isnan(x)
    np.testing.assert_allclose(np.abs(x[ok] * y[ok]), 0.05, atol=0.01)


def test_race_figure_frames_stay_light_for_long_races():
    paths = [(name, run_optimizer(name, "rosenbrock", 600)) for name in optim.NAMES]
    fig = figs.race_figure(SURFACES["rosenbrock"], paths, x_label="x", y_label="y",
                           play_label="p", pause_label="q", step_label="s", minimum_name="m")
    assert max(len(d.x) for f in fig.frames for d in f.data) <= figs.RACE_LINE_POINTS + 1
    _validated(fig)
    assert len(pio.to_json(fig, validate=False)) < 700_000


def test_library_does_not_import_streamlit():
    import sys

    assert activations.training.__name__ in sys.modules
    source = (training.__file__, figs.__file__)
    for path in source:
        with open(path, encoding="utf-8") as f:
            assert "streamlit" not in f.read()


def _ravine_race(present=False, steps=200):
    paths = [(name, run_optimizer(name, "ravine", steps)) for name in optim.NAMES]
    fig = figs.race_figure(SURFACES["ravine"], paths, x_label="x", y_label="y",
                           play_label="p", pause_label="q", step_label="s",
                           minimum_name="m", present=present)
    return paths, fig


@pytest.mark.parametrize("present", [False, True])
def test_race_runners_that_meet_nest_and_the_legend_shows_their_symbol(present):
    """At the default race's end seven runners sit on the star (AdaDelta, at x = -0.92, is
    the eighth): one size of filled dot showed only the last one drawn. Now each is an open
    ring, those that meet nested, each ring clear of the next inside it; the legend shows
    the same ring on the line, in one size."""
    paths, fig = _ravine_race(present)
    spec = _validated(fig)
    runners = [d for d in spec["data"] if d.get("mode") == "lines+markers"]
    lines = [d for d in spec["data"] if d.get("mode") == "lines" and d.get("name")]
    assert [d["name"] for d in runners] == list(optim.NAMES)
    assert all(d["showlegend"] is False for d in lines)  # the legend's entry: the runner
    for line, runner in zip(lines, runners):
        m = runner["marker"]
        assert m["symbol"] == "circle-open" and m["color"] == line["line"]["color"]
        assert runner["line"] == line["line"] and runner["legendgroup"] == line["legendgroup"]
    assert spec["layout"]["legend"]["itemsizing"] == "constant"
    sizes = {d["name"]: d["marker"]["size"] for d in runners}
    at_star = [n for n in optim.NAMES if n != "adadelta"]
    ends = np.array([p[-1] for n, p in paths if n in at_star])
    assert np.abs(ends).max() < 0.01  # within a pixel of the star on any screen
    ring = [sizes[n] for n in at_star]  # the legend's order: widest first
    outline = runners[0]["marker"]["line"]["width"]
    assert all(outer - inner > 2 * outline for outer, inner in zip(ring, ring[1:])), ring
    assert sizes["adadelta"] == min(ring)  # alone: the plain size
    # The frames carry the sizes: the last frame is the figure as it opens; at step 0 all
    # eight share the start and nest; at step 30 no two runners meet.
    frames = {f["name"]: [d["marker"]["size"] for d in f["data"][1::2]] for f in spec["frames"]}
    assert frames["200"] == [sizes[n] for n in optim.NAMES]
    assert len(set(frames["0"])) == 8
    assert len(set(frames["30"])) <= 2 and max(frames["30"]) < max(ring)


def test_runner_sizes_nest_only_what_meets():
    box = ((-5.0, 5.0), (-2.0, 2.0))
    small, step = figs.RACE_NEST
    far = [(-4.0, 1.0), (0.0, 0.0), (4.0, -1.0)]
    assert figs.runner_sizes(far, *box) == [small] * 3
    # A chain of runners each close to the next meets as one: the first outermost.
    chain = [(0.0, 0.0), (0.1, 0.0), (0.2, 0.0), (4.0, 0.0)]
    assert figs.runner_sizes(chain, *box) == [small + 2 * step, small + step, small, small]
    assert figs.runner_sizes(chain, *box, present=True)[0] == \
        figs.RACE_NEST_PRESENT[0] + 2 * figs.RACE_NEST_PRESENT[1]


def test_race_frames_keep_the_first_steps_whole():
    """A frame's path kept every third step of the ravine's 200, which dropped SGD's one
    bounce (step 1, y = -0.25: from step 0 the path ran straight to step 3, on the floor)
    and cut the widest swings to angles. Now every step up to RACE_EARLY is kept."""
    paths, fig = _ravine_race()
    sgd = paths[0][1]
    assert sgd[1, 1] < -0.2  # the bounce
    for frame in fig.frames:
        end = int(frame.name) + 1
        shown = np.column_stack([frame.data[0].x, frame.data[0].y])  # SGD's line
        keep = min(end, figs.RACE_EARLY)
        np.testing.assert_allclose(shown[:keep], sgd[:keep], rtol=1e-6, atol=1e-7)
        assert len(shown) <= figs.RACE_LINE_POINTS + 1


def test_the_rosenbrock_caption_says_what_the_race_shows():
    """It said "the adaptive ones jitter" (Adagrad runs smoothly after its fifth step) and
    that SGD "crawls", as if last: after its bounces across the valley it ends ahead of
    Adagrad, RMSProp and AdaDelta, which crawl as slowly. Now it names who does what."""
    from ui.text.training import EN

    s = SURFACES["rosenbrock"]
    path = {n: run_optimizer(n, s, 200) for n in optim.NAMES}
    off = {n: p[:, 1] - p[:, 0] ** 2 for n, p in path.items()}  # across the valley's floor
    final = {n: float(s.value(*p[-1])) for n, p in path.items()}

    def jitter(n):  # crossings of the floor after step 10, and the widest swing there
        return int((np.diff(np.sign(off[n][10:])) != 0).sum()), float(np.abs(off[n][10:]).max())

    for n in ("rmsprop", "nadam"):
        assert jitter(n)[0] >= 10 and jitter(n)[1] > 0.2, n
    assert jitter("adagrad")[1] < 0.02  # smooth
    assert np.abs(off["sgd"][1:6]).max() > 1  # bounces across
    assert sorted(final, key=final.get)[:2] == ["nesterov", "momentum"]  # furthest
    assert all(final["sgd"] < final[n] for n in ("adagrad", "rmsprop", "adadelta"))
    text = EN["race_rosenbrock"]
    assert "RMSProp and NAdam jitter" in text and "the adaptive ones jitter" not in text


@pytest.mark.parametrize("optimizer", optim.NAMES)
@pytest.mark.parametrize("hidden", [(8,), (8, 8)])
def test_the_step_trains_only_the_output_layer(optimizer, hidden):
    """The claim the training lab's caption makes under a step's run (the notes: its
    derivative is 0 everywhere, so backprop cannot train through it): every hidden weight and
    bias ends exactly at its initial value, whatever the optimizer; the output layer moves."""
    r = training.train_mlp("xor", hidden=hidden, activation="step", optimizer=optimizer,
                           steps=100, seed=0)
    hidden_now = [*r.weights[:-1], *r.biases[:-1]]
    hidden_start = [*r.initial_weights[:-1], *r.initial_biases[:-1]]
    assert all(np.array_equal(a, b) for a, b in zip(hidden_now, hidden_start))
    assert not np.array_equal(r.weights[-1], r.initial_weights[-1])


FAMILIES = dict(sgd="plain", momentum="gradient", nesterov="gradient", adagrad="rate",
                rmsprop="rate", adadelta="rate", adam="both", nadam="both")


def _grouped_race(present=False, stacked=False, cut=0):
    paths = [(name, run_optimizer(name, "ravine", 40)) for name in optim.NAMES]
    return _validated(figs.race_figure(
        SURFACES["ravine"], paths, x_label="x", y_label="y", play_label="p", pause_label="q",
        step_label="s", minimum_name="m", present=present, stacked=stacked, cut=cut,
        groups=tuple(FAMILIES[n] for n in optim.NAMES)))


def test_the_race_legend_groups_the_optimizers_by_family():
    """The notes: Momentum and NAG change the gradient, Adagrad, RMSProp and AdaDelta the
    learning rate, Adam and NAdam both. The race's legend named eight runners in one row and
    said nothing of it; now each family is a column under its title, a runner's path and
    ring in its family's group (a click shows or hides the family, path and ring)."""
    spec = _grouped_race()
    runners = [d for d in spec["data"] if d.get("mode") == "lines+markers"]
    lines = [d for d in spec["data"] if d.get("mode") == "lines" and d.get("name")]
    for line, runner in zip(lines, runners):
        family = FAMILIES[runner["name"]]
        assert runner["legendgroup"] == line["legendgroup"] == family
        assert runner["legendgrouptitle"]["text"] == family
    assert "legend2" not in spec["layout"]
    # None: a group per runner, as before
    _, fig = _ravine_race(False)
    assert all(d["legendgroup"] == d["name"] for d in fig.to_dict()["data"]
               if d.get("legendgroup"))


@pytest.mark.parametrize("cut", [0, 56])  # 56: the tour's banner (ui.frame.TOUR_BANNER_ROOM)
def test_a_projectors_race_legend_and_controls_stand_right_of_the_plot(cut):
    """On a 1280x720 projector the legend's two rows above the plot and the Play button and
    slider under it left the plot 137 px of the chart's 410 (85 on the tour's last step,
    whose banner takes 56 more): the ravine's swings across were a strip. Now the legend
    and the controls stand in a column right of the plot, which has the chart's height but
    its axes' margins; top down: the minimum's star alone (it stood among the families,
    between SGD and "Change the gradient"), a legend per family, its title over its
    runners' row (a runner toggles alone), then Play, Pause and the slider, each clear of
    the next and all of them inside the chart as the page draws it (height - cut)."""
    spec = _grouped_race(present=True, cut=cut)
    layout = spec["layout"]
    drawn = layout["height"] - cut
    top, bottom = layout["margin"]["t"], layout["margin"]["b"]
    plot = drawn - top - bottom  # px
    assert plot >= (250 if cut else 300), (plot, layout["margin"])
    assert top + bottom <= 100  # nothing above the plot but its top tick label
    right = layout["margin"]["r"]
    assert right >= figs.RACE_SIDE  # the column: Plotly grows it if a row is wider

    def px(y):  # a height on the plot's axis as px from the top of the chart as drawn
        return round(top + (1 - y) * plot, 6)

    runners = [d for d in spec["data"] if d.get("mode") == "lines+markers"]
    assert {d["legend"] for d in runners} == {"legend2", "legend3", "legend4", "legend5"}
    for d in spec["data"]:
        if d.get("name") in FAMILIES:  # path and ring: a group of their own
            assert d["legendgroup"] == d["name"] and "legendgrouptitle" not in d
            assert layout[d["legend"]]["title"]["text"] == FAMILIES[d["name"]]
    star = next(d for d in spec["data"] if d.get("name") == "m")
    assert star.get("legend", "legend") == "legend"
    keys = ["legend", "legend2", "legend3", "legend4", "legend5"]
    assert [layout[k]["title"]["text"] for k in keys] == ["", "plain", "gradient", "rate",
                                                           "both"]
    tops = [px(layout[k]["y"]) for k in keys]
    for k in keys:
        legend = layout[k]
        assert legend["x"] > 1 and legend["xanchor"] == "left"  # right of the plot
        assert legend["yanchor"] == "top" and legend["orientation"] == "h"
        assert legend.get("yref", "paper") == "paper" and legend.get("xref", "paper") == "paper"
    assert all(layout[k]["title"]["side"] == "top" for k in keys[1:])
    assert tops[0] >= figs.RACE_SIDE_EDGE  # Plotly keeps 10 px clear of the chart's top
    rows = np.diff(tops)
    assert rows[0] >= figs.RACE_SIDE_STAR and np.all(rows[1:] >= figs.RACE_SIDE_FAMILY)
    # The controls under the last family, in the column, inside the chart.
    (menu,) = layout["updatemenus"]
    slider = layout["sliders"][-1]
    for part in (menu, slider):
        assert part["x"] > 1 and part["yanchor"] == "top"
        assert px(part["y"]) >= tops[-1] + figs.RACE_SIDE_FAMILY
        assert px(part["y"]) + figs.RACE_SIDE_CONTROLS + figs.RACE_SIDE_EDGE <= drawn
    assert slider["lenmode"] == "pixels" and slider["len"] <= right


def test_a_projectors_ungrouped_race_keeps_its_legend_and_controls_around_the_plot():
    """Without families (no ``groups``) the projector's race keeps its one legend row above
    the plot and its controls under it."""
    _, fig = _ravine_race(present=True)
    layout = fig.to_dict()["layout"]
    assert layout["legend"]["orientation"] == "h" and "legend2" not in layout
    assert layout["updatemenus"][0]["y"] < 0 and layout["sliders"][-1]["y"] < 0


def test_a_phones_grouped_race_is_taller_by_its_legend():
    plain = _validated(figs.race_figure(
        SURFACES["ravine"], [(n, run_optimizer(n, "ravine", 20)) for n in optim.NAMES],
        x_label="x", y_label="y", play_label="p", pause_label="q", step_label="s",
        minimum_name="m", stacked=True))["layout"]
    grouped = _grouped_race(stacked=True)["layout"]
    extra = figs.RACE_PHONE_LEGEND
    assert grouped["height"] == plain["height"] + extra
    assert grouped["margin"]["t"] == plain["margin"]["t"] + extra


# ---------------------------------------------------------------- dead units over training


def _dead_by_hand(X, W1, b1):
    """(width,) bool: a ReLU unit of the one hidden layer is dead when its weighted sum is
    <= 0 at every point (ReLU then outputs 0 at all of them)."""
    z = np.asarray(X, dtype=np.float64) @ W1 + b1  # (n, width)
    return np.all(z <= 0, axis=0)


def _events(masks):
    """(died, revived, first): alive -> dead and dead -> alive changes from one step's mask
    to the next, and the step of the first death (0 if none)."""
    died = revived = first = 0
    for step in range(1, len(masks)):
        new = int(np.sum(masks[step] & ~masks[step - 1]))
        if new and not died:
            first = step
        died += new
        revived += int(np.sum(masks[step - 1] & ~masks[step]))
    return died, revived, first


def _relu_run(**kwargs):
    """A ReLU run with a snapshot after every step (150 steps stay under MAX_SNAPSHOTS)."""
    return training.train_mlp("xor", hidden=(8,), activation="relu", steps=150,
                              snapshot_every=1, **kwargs)


@pytest.mark.parametrize("kwargs", [dict(optimizer="sgd", lr=10.0), dict(lr=1.0),
                                    dict(seed=1)])
def test_dead_units_are_counted_after_every_step(kwargs):
    r = _relu_run(**kwargs)
    assert [s.step for s in r.snapshots] == list(range(151))
    masks = [_dead_by_hand(r.X, s.weights[0], s.biases[0]) for s in r.snapshots]
    np.testing.assert_array_equal(r.dead.history, [m.sum() for m in masks[1:]])
    assert r.dead.initial == masks[0].sum() and r.dead.units == 8
    assert (r.dead.died, r.dead.revived, r.dead.first) == _events(masks)
    np.testing.assert_array_equal(r.dead.final[0], masks[-1])
    np.testing.assert_array_equal(
        training.dead_units(r.X, r.weights, r.biases, "relu")[0], masks[-1])


def test_plain_sgd_never_moves_a_dead_unit_and_it_stays_dead():
    """The notes' Dead ReLU: a unit dead on every training point gets a zero gradient on
    its incoming weights and bias; SGD (no momentum, no weight decay) then leaves them bit
    for bit, and with one hidden layer its inputs are the fixed points: dead for good."""
    r = _relu_run(optimizer="sgd", lr=10.0)
    assert r.dead.died == 6 and r.dead.revived == 0 and r.dead.first == 2
    masks = [_dead_by_hand(r.X, s.weights[0], s.biases[0]) for s in r.snapshots]
    for j in range(8):
        dead_at = [k for k, m in enumerate(masks) if m[j]]
        if not dead_at:
            continue
        k = dead_at[0]
        assert dead_at == list(range(k, 151))  # dead from its death to the end
        for s in r.snapshots[k:]:
            assert np.array_equal(s.weights[0][:, j], r.snapshots[k].weights[0][:, j])
            assert s.biases[0][j] == r.snapshots[k].biases[0][j]


def test_adam_can_bring_a_dead_unit_back():
    """Adam's momentum keeps moving weights whose gradient is 0: here three units die in
    the first steps and all three come back (measured by hand from the snapshots)."""
    r = _relu_run(lr=1.0)
    masks = [_dead_by_hand(r.X, s.weights[0], s.biases[0]) for s in r.snapshots]
    assert _events(masks) == (3, 3, 1)
    assert any(m.any() for m in masks) and not masks[-1].any()


def test_which_optimizers_move_a_weight_without_gradient():
    # momentum=0.9: after gradients 1 then 0 the buffer is 0.9, a step; Adam's m is 0.09;
    # SGD, Adagrad, RMSProp and AdaDelta multiply the current gradient, 0: no step
    moving = {name for name in optim.NAMES if training.moves_without_gradient(name)}
    assert moving == {"momentum", "nesterov", "adam", "nadam"}


def test_dead_units_of_a_written_out_network():
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0]])
    W1 = np.array([[1.0, 0.0, -1.0], [0.0, 0.0, -1.0]])
    b1 = np.array([0.5, 0.0, -10.0])
    # unit 0: z = x1 + 0.5 = 1.5, -0.5, 0.5, alive; unit 1: z = 0 everywhere, dead;
    # unit 2: z = -x1 - x2 - 10 < 0 everywhere, dead. Layer 2: z = h1 - 1 <= 0.5.
    W2, b2 = np.array([[1.0], [0.0], [0.0]]), np.array([-2.0])
    W3, b3 = np.array([[1.0]]), np.array([0.0])
    dead = training.dead_units(X, [W1, W2, W3], [b1, b2, b3], "relu")
    np.testing.assert_array_equal(dead[0], [False, True, True])
    np.testing.assert_array_equal(dead[1], [True])  # z = h1 - 2 <= -0.5


def test_dead_units_continue_across_resume():
    whole = training.train_mlp("xor", hidden=(8,), activation="relu", lr=1.0, steps=60)
    half = training.train_mlp("xor", hidden=(8,), activation="relu", lr=1.0, steps=30)
    more = training.train_mlp("xor", hidden=(8,), activation="relu", lr=1.0, steps=30,
                              resume=half)
    np.testing.assert_array_equal(more.dead.history, whole.dead.history)
    assert (more.dead.died, more.dead.revived, more.dead.first, more.dead.initial) == \
        (whole.dead.died, whole.dead.revived, whole.dead.first, whole.dead.initial)


def test_tanh_units_never_die_and_a_perceptron_has_none():
    r = training.train_mlp("xor", hidden=(8, 4), activation="tanh", steps=50)
    assert r.dead.units == 12 and not r.dead.history.any() and r.dead.died == 0
    p = training.train_mlp("xor", hidden=(), steps=20)
    assert p.dead.units == 0 and p.dead.final == [] and not p.dead.history.any()


def test_curves_figure_draws_dead_units_on_the_accuracy_axis():
    r = training.train_mlp("xor", hidden=(8,), activation="relu", optimizer="sgd", lr=10.0,
                           steps=40)
    percents = 100 * r.dead.history / r.dead.units
    fig = figs.curves_figure([("ReLU", r.loss_history, r.accuracy_history)],
                             loss_title="L", accuracy_title="A", step_label="s",
                             loss_label="l", dead=("dead", percents))
    _validated(fig)
    (line,) = [d for d in fig.data if d.name == "dead"]
    assert line.xaxis == "x2" and line.yaxis == "y2" and line.line.dash == "dot"
    np.testing.assert_array_equal(line.x, np.arange(1, 41))
    np.testing.assert_allclose(line.y, percents)
    assert line.y[-1] == 75.0  # 6 of 8

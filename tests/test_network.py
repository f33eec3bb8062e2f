"""The playground's training contract: features, per-layer activations, multi-class
softmax, L1/L2, mini-batches, test split, snapshots, resume, and the PyTorch reproduction.

References are written out here (a plain forward and backward pass, the optimizer update
rules as torch documents them, finite differences, closed forms); none calls the code under
test for the expected values. `test_torch_reproduces_the_loss_history` runs real torch when
it is importable and skips otherwise (CI has none).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import expit, logsumexp

from activations import datasets, training
from activations.custom import parse_activation

FEATS = ("x1", "x2", "x1_sq", "x1x2", "sin_x2")


def _phi(X, names):
    x1, x2 = X[:, 0], X[:, 1]
    table = {"x1": x1, "x2": x2, "x1_sq": x1 * x1, "x2_sq": x2 * x2, "x1x2": x1 * x2,
             "sin_x1": np.sin(x1), "sin_x2": np.sin(x2)}
    return np.column_stack([table[n] for n in names])


# elementwise f and f' written out
F = {
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "sigmoid": (expit, lambda z: expit(z) * (1 - expit(z))),
    "softsign": (lambda z: z / (1 + abs(z)), lambda z: 1 / (1 + abs(z)) ** 2),
}


def _ref_forward(Phi, Ws, bs, fs):
    hs, zs, h = [Phi], [], Phi
    for W, b, name in zip(Ws[:-1], bs[:-1], fs):
        z = h @ W + b
        zs.append(z)
        h = F[name][0](z)
        hs.append(h)
    return h @ Ws[-1] + bs[-1], hs, zs


def _ref_loss(Phi, y, Ws, bs, fs, l1=0.0, l2=0.0):
    s, _, _ = _ref_forward(Phi, Ws, bs, fs)
    if s.shape[1] == 1:
        data = np.mean(np.logaddexp(0, s[:, 0]) - y * s[:, 0])
    else:
        data = np.mean(logsumexp(s, axis=1) - s[np.arange(len(y)), y.astype(int)])
    return data + l1 * sum(abs(W).sum() for W in Ws) + l2 * sum((W * W).sum() for W in Ws) / 2


def _ref_grads(Phi, y, Ws, bs, fs, l1=0.0, l2=0.0):
    s, hs, zs = _ref_forward(Phi, Ws, bs, fs)
    n = len(y)
    if s.shape[1] == 1:
        ds = (expit(s[:, 0]) - y)[:, None] / n
    else:
        p = np.exp(s - logsumexp(s, axis=1, keepdims=True))
        p[np.arange(n), y.astype(int)] -= 1
        ds = p / n
    gW, gb = [None] * len(Ws), [None] * len(Ws)
    d = ds
    for k in range(len(Ws) - 1, -1, -1):
        gW[k] = hs[k].T @ d + l1 * np.sign(Ws[k]) + l2 * Ws[k]
        gb[k] = d.sum(axis=0)
        if k:
            d = (d @ Ws[k].T) * F[fs[k - 1]][1](zs[k - 1])
    return gW, gb


def _ref_step(name, lr, state, p, g, t):
    """One torch.optim update of array p (in place), the rules as torch documents them."""
    if name == "sgd":
        p -= lr * g
    elif name == "momentum":
        b = state["b"] = g.copy() if t == 1 else 0.9 * state["b"] + g
        p -= lr * b
    elif name == "adam":
        m = state["m"] = 0.9 * state.get("m", 0) + 0.1 * g
        v = state["v"] = 0.999 * state.get("v", 0) + 0.001 * g * g
        p -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    elif name == "rmsprop":
        v = state["v"] = 0.99 * state.get("v", 0) + 0.01 * g * g
        p -= lr * g / (np.sqrt(v) + 1e-8)
    else:
        raise AssertionError(name)


def _reference_run(r, fs, optimizer, lr, steps, l1=0.0, l2=0.0):
    Phi = _phi(r.X, r.features)
    Ws = [w.copy() for w in r.initial_weights]
    bs = [b.copy() for b in r.initial_biases]
    states = [{} for _ in range(2 * len(Ws))]
    out = []
    for t in range(1, steps + 1):
        gW, gb = _ref_grads(Phi, r.y, Ws, bs, fs, l1, l2)
        for i, (p, g) in enumerate(zip([*Ws, *bs], [*gW, *gb])):
            _ref_step(optimizer, lr, states[i], p, g, t)
        out.append(_ref_loss(Phi, r.y, Ws, bs, fs, l1, l2))
    return np.array(out), Ws, bs


CASES = [  # data, classes, hidden, per-layer activations, optimizer, lr, l1, l2, features
    ("xor", None, (4,), ("tanh",), "adam", 0.03, 0.0, 0.0, ("x1", "x2")),
    ("circles", None, (5, 3), ("relu", "tanh"), "sgd", 0.3, 0.0, 0.01, FEATS),
    ("pinwheel", 4, (6,), ("softsign",), "momentum", 0.05, 0.001, 0.0, FEATS),
    ("blobs", 3, (4, 4, 3), ("sigmoid", "relu", "tanh"), "rmsprop", 0.01, 0.0, 0.003,
     ("x1", "x2", "x1x2")),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_full_batch_matches_the_written_out_reference(case):
    data, classes, hidden, fs, opt, lr, l1, l2, feats = case
    r = training.train_mlp(data, hidden=hidden, activation=list(fs), optimizer=opt, lr=lr,
                           steps=60, seed=3, classes=classes, features=feats, l1=l1, l2=l2,
                           n=90)
    expected, Ws, bs = _reference_run(r, fs, opt, lr, 60, l1, l2)
    np.testing.assert_allclose(r.loss_history, expected, rtol=1e-9)
    for got, want in zip([*r.weights, *r.biases], [*Ws, *bs]):
        np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    assert r.penalty_history[-1] == pytest.approx(
        l1 * sum(abs(W).sum() for W in Ws) + l2 * sum((W * W).sum() for W in Ws) / 2,
        rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_gradients_match_finite_differences(case):
    data, classes, hidden, fs, _, _, l1, l2, feats = case
    X, y = datasets.load(data, n=12, seed=1, classes=classes)
    Phi = _phi(X, feats)
    out = 1 if classes is None else classes
    rng = np.random.default_rng(0)
    Ws, bs = training.init_params(hidden, list(fs), seed=2, n_inputs=len(feats), n_outputs=out)
    Ws = [w + 0.05 * rng.standard_normal(w.shape) for w in Ws]  # away from sign(0) kinks
    bs = [rng.normal(scale=0.3, size=b.shape) for b in bs]
    loss, gW, gb = training.loss_and_grads(Phi, y, Ws, bs, list(fs), l1=l1, l2=l2)
    assert loss == pytest.approx(_ref_loss(Phi, y, Ws, bs, fs, l1, l2), rel=1e-12)
    h = 1e-6
    for params, grads in ((Ws, gW), (bs, gb)):
        for P, G in zip(params, grads):
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + h
                up = _ref_loss(Phi, y, Ws, bs, fs, l1, l2)
                P[idx] = old - h
                down = _ref_loss(Phi, y, Ws, bs, fs, l1, l2)
                P[idx] = old
                assert G[idx] == pytest.approx((up - down) / (2 * h), abs=1e-7, rel=1e-5)


def test_a_typed_formula_per_layer_trains_like_its_registry_twin():
    # f(x) = x / (1 + |x|) typed is the registry's softsign (both get Xavier init, gain 1):
    # the same run, to rounding.
    typed = parse_activation("x / (1 + abs(x))")
    a = training.train_mlp("moons", hidden=(4, 3), activation=[typed, "relu"], steps=40)
    b = training.train_mlp("moons", hidden=(4, 3), activation=["softsign", "relu"], steps=40)
    np.testing.assert_allclose(a.loss_history, b.loss_history, rtol=1e-12)


def test_same_seed_same_initial_weights_and_run():
    kw = dict(hidden=(3, 3), activation="relu", steps=30, batch_size=16, test_fraction=0.3)
    a = training.train_mlp("spiral", seed=7, **kw)
    b = training.train_mlp("spiral", seed=7, **kw)
    c = training.train_mlp("spiral", seed=8, **kw)
    for x, z in zip(a.initial_weights, b.initial_weights):
        np.testing.assert_array_equal(x, z)
    np.testing.assert_array_equal(a.loss_history, b.loss_history)
    np.testing.assert_array_equal(a.test_loss_history, b.test_loss_history)
    assert not np.array_equal(a.initial_weights[0], c.initial_weights[0])


@pytest.mark.parametrize("batch_size", [None, 7])
def test_continuing_equals_one_long_run(batch_size):
    kw = dict(hidden=(4,), activation="tanh", batch_size=batch_size, snapshot_every=5,
              test_fraction=0.2, seed=1)
    whole = training.train_mlp("circles", steps=50, **kw)
    first = training.train_mlp("circles", steps=20, **kw)
    saved = [w.copy() for w in first.weights]
    rest = training.train_mlp("circles", steps=30, resume=first, **kw)
    np.testing.assert_array_equal(rest.loss_history, whole.loss_history)
    np.testing.assert_array_equal(rest.test_loss_history, whole.test_loss_history)
    np.testing.assert_array_equal(rest.weights[0], whole.weights[0])
    assert [s.step for s in rest.snapshots] == [s.step for s in whole.snapshots]
    np.testing.assert_array_equal(first.weights[0], saved[0])  # the first run is untouched
    assert rest.steps == 50 and rest.steps_run == 50


def test_resume_refuses_another_configuration():
    first = training.train_mlp("xor", hidden=(4,), steps=5)
    with pytest.raises(ValueError):
        training.train_mlp("xor", hidden=(5,), steps=5, resume=first)


def test_mini_batches_cover_every_point_once_per_epoch():
    # SGD with lr -> tiny: each update is lr * grad of one batch; with batch 10 on 40 points,
    # 4 updates are one epoch, and the summed gradients equal 4x the full-batch gradient.
    X, y = datasets.load("moons", n=40, seed=0)
    r0 = training.train_mlp((X, y), hidden=(), steps=1, optimizer="sgd", lr=1e-9)
    r = training.train_mlp((X, y), hidden=(), steps=4, optimizer="sgd", lr=1e-9,
                           batch_size=10)
    w0 = r0.initial_weights[0]
    s = X @ w0[:, 0]
    full = X.T @ (expit(s) - y) / 40
    moved = (w0 - r.weights[0])[:, 0] / 1e-9
    np.testing.assert_allclose(moved, 4 * full, rtol=1e-5)


def test_test_split_is_held_out_and_scored():
    r = training.train_mlp("gaussians", hidden=(3,), steps=20, n=100, test_fraction=0.3)
    assert len(r.X) == 70 and len(r.X_test) == 30
    assert r.test_loss_history.shape == r.test_accuracy_history.shape == (20,)
    s = training.forward(r.X_test, r.weights, r.biases, "tanh")
    assert r.test_loss_history[-1] == pytest.approx(
        np.mean(np.logaddexp(0, s) - r.y_test * s), rel=1e-12)
    no_test = training.train_mlp("gaussians", hidden=(3,), steps=5)
    assert no_test.test_loss_history.size == 0


def test_snapshots_show_the_network_on_the_grid():
    r = training.train_mlp("blobs", classes=3, hidden=(3, 2), activation=["tanh", "relu"],
                           steps=40, snapshot_every=10, snapshot_grid=12, features=FEATS)
    assert [s.step for s in r.snapshots] == [0, 10, 20, 30, 40]
    snap = r.snapshots[2]
    i, j = 5, 9
    point = np.array([[r.snapshot_x[j], r.snapshot_y[i]]])
    s, hs, _ = _ref_forward(_phi(point, FEATS), snap.weights, snap.biases, ["tanh", "relu"])
    p = np.exp(s[0] - logsumexp(s[0]))
    np.testing.assert_allclose(snap.output[:, i, j], p, atol=1e-6)
    np.testing.assert_allclose(snap.units[0][:, i, j], hs[1][0], atol=1e-6)
    np.testing.assert_allclose(snap.units[1][:, i, j], hs[2][0], atol=1e-6)
    assert snap.loss == r.loss_history[19]
    np.testing.assert_array_equal(r.snapshots[0].weights[0], r.initial_weights[0])


def test_snapshot_count_is_capped():
    r = training.train_mlp("xor", hidden=(2,), steps=1000, snapshot_every=1, snapshot_grid=8)
    assert len(r.snapshots) <= training.MAX_SNAPSHOTS
    assert r.snapshots[-1].step == 1000


def test_multi_class_accuracy_is_the_argmax():
    r = training.train_mlp("blobs", classes=5, hidden=(8,), steps=300, n=250, noise=0.05)
    logits = training.forward(r.X, r.weights, r.biases, "tanh")
    assert logits.shape == (250, 5)
    assert r.final_accuracy == np.mean(np.argmax(logits, axis=1) == r.y) > 0.9
    assert r.grid_probability.shape == (5, training.GRID_SIZE, training.GRID_SIZE)
    np.testing.assert_allclose(r.grid_probability.sum(axis=0), 1, atol=1e-5)


def test_features_make_circles_linear():
    # x1^2 + x2^2 separates the circles with no hidden layer: a straight cut in the features.
    r = training.train_mlp("circles", hidden=(), features=("x1_sq", "x2_sq"), steps=300,
                           noise=0.05)
    assert r.final_accuracy == 1.0
    plain = training.train_mlp("circles", hidden=(), steps=300, noise=0.05)
    assert plain.final_accuracy < 0.7


@pytest.mark.parametrize("kwargs", [
    dict(l1=-0.1), dict(l2=2.0), dict(l1=math.nan), dict(batch_size=0),
    dict(test_fraction=0.95), dict(features=()), dict(features=("x3",)),
    dict(features=("x1", "x1")), dict(activation=["tanh"]), dict(classes=6),
    dict(dataset="blobs", classes=2), dict(snapshot_every=0), dict(snapshot_grid=4),
    dict(dataset=(np.zeros((6, 2)), np.array([0, 1, 2, 3, 4, 5.0]))),
    dict(dataset=(np.zeros((6, 2)), np.array([0, 0, 2, 2, 0, 2.0]))),
])
def test_bad_playground_arguments_raise_value_error(kwargs):
    kwargs = {"dataset": "xor", "steps": 5, "hidden": (2, 2), **kwargs}
    with pytest.raises(ValueError):
        training.train_mlp(**kwargs)


def test_torch_reproduces_the_loss_history():
    torch = pytest.importorskip("torch")
    for data, classes, hidden, fs, opt, lr, l1, l2, feats in CASES:
        r = training.train_mlp(data, hidden=hidden, activation=list(fs), optimizer=opt,
                               lr=lr, steps=60, seed=3, classes=classes, features=feats,
                               l1=l1, l2=l2, n=90)
        Ws = [torch.tensor(w.T.copy(), requires_grad=True) for w in r.initial_weights]
        bs = [torch.tensor(b.copy(), requires_grad=True) for b in r.initial_biases]
        make = {"sgd": lambda p: torch.optim.SGD(p, lr=lr),
                "momentum": lambda p: torch.optim.SGD(p, lr=lr, momentum=0.9),
                "adam": lambda p: torch.optim.Adam(p, lr=lr),
                "rmsprop": lambda p: torch.optim.RMSprop(p, lr=lr)}[opt]
        optimizer = make([*Ws, *bs])
        acts = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid,
                "softsign": torch.nn.functional.softsign}
        Phi = torch.tensor(_phi(r.X, feats))
        y = torch.tensor(r.y)

        def loss_fn():
            h = Phi
            for W, b, f in zip(Ws[:-1], bs[:-1], fs):
                h = acts[f](h @ W.T + b)
            s = h @ Ws[-1].T + bs[-1]
            if s.shape[1] == 1:
                data_loss = torch.nn.functional.binary_cross_entropy_with_logits(s[:, 0], y)
            else:
                data_loss = torch.nn.functional.cross_entropy(s, y.long())
            return (data_loss + l1 * sum(W.abs().sum() for W in Ws)
                    + l2 * sum((W * W).sum() for W in Ws) / 2)

        history = []
        for _ in range(60):
            optimizer.zero_grad()
            loss_fn().backward()
            optimizer.step()
            with torch.no_grad():
                history.append(loss_fn().item())
        np.testing.assert_allclose(r.loss_history, history, rtol=1e-9)

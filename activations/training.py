r"""Train a small multilayer perceptron on 2-D toy data, with the backward pass by hand.

The network is a stack of fully connected layers with one activation ``f`` between them and a
single logit at the end:

.. math::

    h_0 = X, \qquad z_l = h_{l-1} W_l + b_l, \qquad h_l = f(z_l) \quad (l = 1, \dots, L),
    \qquad s = h_L w_{\text{out}} + b_{\text{out}}, \qquad p = \sigma(s)

trained full-batch on the binary cross-entropy of the logit :math:`s` (``torch``'s
``binary_cross_entropy_with_logits``, mean over the points). Weights are stored as
``(fan_in, fan_out)`` arrays, so a layer is ``h @ W + b``. ``hidden=()`` (L = 0) is the
single-layer perceptron: a logistic regression, one straight decision line.

Two small demos for the training page sit here too: :func:`linear_collapse` (a network whose
activation is the identity is one affine map) and :func:`zigzag` (why all-positive inputs,
like sigmoid outputs, make gradient descent zig-zag).

>>> r = train_mlp("xor", hidden=(4,), activation="tanh", steps=300)
>>> r.final_accuracy
1.0
"""

from __future__ import annotations

import math
import numbers
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy.special import expit

from . import datasets, init, losses, optim
from .registry import get

__all__ = [
    "MAX_LAYERS", "MAX_WIDTH", "MAX_STEPS", "MAX_POINTS", "MAX_LR", "GRID_SIZE", "TRAIN_LR",
    "DEFAULT_STEPS", "DECISION_TOL", "STEP_BUDGET",
    "TrainResult", "train_mlp", "load_data", "layer_sizes", "init_params", "forward",
    "loss_and_grads", "accuracy", "decision_grid", "cost", "cap_steps",
    "linear_collapse", "collapse_error", "race_lr", "race_summary",
    "ZigZag", "zigzag", "zigzag_inputs", "ZIGZAG_START", "ZIGZAG_TARGET",
]

MAX_LAYERS = 4  # hidden layers: 0 (perceptron) to 4
MAX_WIDTH = 32  # units per hidden layer: 1 to 32
MAX_STEPS = 5000
MAX_POINTS = 2000
MAX_LR = 10.0  # lr must be in (0, MAX_LR]
GRID_SIZE = 80  # the decision-boundary grid is GRID_SIZE x GRID_SIZE
DEFAULT_STEPS = 500

# Full-batch learning rates that train the default networks briskly. They are larger than
# torch's defaults (tuned for minibatches of big networks) and differ from
# ``optim.DEFAULT_LR`` (tuned for the 2-D race surfaces).
TRAIN_LR = {
    "sgd": 0.5,
    "momentum": 0.1,
    "nesterov": 0.1,
    "adagrad": 0.1,
    "rmsprop": 0.01,
    "adadelta": 1.0,
    "adam": 0.03,
    "nadam": 0.03,
}

# Activations that zero (or nearly zero) half their input get He init (gain sqrt 2); the
# rest Xavier with torch's gain where it has one (tanh 5/3; identity, sigmoid 1), else 1.
_HE = frozenset({
    "relu", "relu6", "prelu", "rrelu", "elu", "celu", "gelu", "silu", "mish", "softplus",
    "hardswish", "threshold",
})
_XAVIER_GAIN = frozenset({"identity", "sigmoid", "tanh"})


# ---------------------------------------------------------------- checks


def _check_int(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not lo <= value <= hi:
        raise ValueError(f"{name} must be an integer from {lo} to {hi}, got {value!r}")
    return int(value)


def _check_hidden(hidden):
    try:
        hidden = tuple(hidden)
    except TypeError:
        raise ValueError(f"hidden must be a sequence of layer widths, got {hidden!r}") from None
    if len(hidden) > MAX_LAYERS:
        raise ValueError(f"at most {MAX_LAYERS} hidden layers, got {len(hidden)}")
    return tuple(_check_int("hidden layer width", w, 1, MAX_WIDTH) for w in hidden)


def _check_lr(lr):
    ok = isinstance(lr, numbers.Real) and not isinstance(lr, bool) and math.isfinite(lr)
    if not (ok and 0 < lr <= MAX_LR):
        raise ValueError(f"lr must be a number in (0, {MAX_LR:g}], got {lr!r}")
    return float(lr)


def _check_data(X, y):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    if not 2 <= X.shape[0] <= MAX_POINTS:
        raise ValueError(f"the data must have 2 to {MAX_POINTS} points, got {X.shape[0]}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must be finite")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must hold only 0s and 1s")
    return X, y


def _activation(activation, params):
    """The activation object and its resolved parameters (registry names are looked up)."""
    act = get(activation) if isinstance(activation, str) else activation
    if not (callable(act) and callable(getattr(act, "grad", None))):
        raise ValueError("activation must be a registry name or an object with __call__ and grad")
    resolve = getattr(act, "resolve", None)
    params = resolve(params) if callable(resolve) else dict(params or {})
    return act, params


def load_data(dataset, n=200, noise=0.1, seed=0):
    """``(X, y)`` from a data set name (see ``datasets.DATASETS``) or an ``(X, y)`` pair."""
    if isinstance(dataset, str):
        _check_int("n", n, 2, MAX_POINTS)
        X, y = datasets.load(dataset, n=n, noise=noise, seed=seed)
    else:
        try:
            X, y = dataset
        except (TypeError, ValueError):
            raise ValueError("dataset must be a data set name or an (X, y) pair") from None
    return _check_data(X, y)


# ---------------------------------------------------------------- the network


def layer_sizes(hidden):
    """``[2, *hidden, 1]``: the widths from the 2 inputs to the single logit."""
    return [2, *_check_hidden(hidden), 1]


def _init_weight(shape, rng, name, params):
    if name in _HE:
        return init.kaiming_normal(shape, rng, nonlinearity="relu")
    if name == "leaky_relu":
        return init.kaiming_normal(shape, rng, a=params["negative_slope"],
                                   nonlinearity="leaky_relu")
    if name == "selu":
        return init.lecun_normal(shape, rng)
    gain = init.calculate_gain(name) if name in _XAVIER_GAIN else 1.0
    return init.xavier_normal(shape, rng, gain=gain)


def init_params(hidden, activation="tanh", seed=0, params=None):
    r"""Initial ``(weights, biases)`` for the layout ``hidden``, seeded by ``seed``.

    Hidden layers use He normal init (:math:`\sigma = \sqrt{2/\text{fan\_in}}`) for
    ReLU-like activations, LeCun normal for SELU, and Xavier normal
    (:math:`\sigma = \text{gain}\sqrt{2/(\text{fan\_in}+\text{fan\_out})}`, torch's gain
    for tanh, sigmoid and identity, else 1) for the rest; the output layer uses Xavier normal
    with gain 1. Biases start at 0. Weight ``l`` has shape ``(sizes[l], sizes[l+1])``.
    """
    act, params = _activation(activation, params)
    name = getattr(act, "name", "")
    sizes = layer_sizes(hidden)
    rng = np.random.default_rng(seed)
    weights = [
        _init_weight((a, b), rng, name, params) for a, b in zip(sizes[:-2], sizes[1:-1])
    ]
    weights.append(init.xavier_normal((sizes[-2], 1), rng))
    biases = [np.zeros(b) for b in sizes[1:]]
    return weights, biases


def forward(X, weights, biases, activation="tanh", params=None):
    """The logits ``s`` of the points ``X`` (shape (n,)), for plotting and checking."""
    act, params = _activation(activation, params)
    return _forward(np.asarray(X, dtype=np.float64), weights, biases, act, params)[0]


def _forward(X, weights, biases, act, params):
    """Logits (n,) and the per-layer ``(h_in, z)`` the backward pass needs."""
    h, cache = X, []  # h: (n, width)
    for W, b in zip(weights[:-1], biases[:-1]):
        z = h @ W + b  # (n, width_out)
        cache.append((h, z))
        h = act(z, **params)
    cache.append((h, None))
    return (h @ weights[-1] + biases[-1])[:, 0], cache


def _backward(logits, y, weights, cache, act, params):
    """Gradients of the mean BCE with respect to every weight and bias (chain rule)."""
    ds = losses.binary_cross_entropy_with_logits_grad(logits, y)[:, None]  # (n, 1)
    h_last = cache[-1][0]
    grad_w = [h_last.T @ ds]
    grad_b = [ds.sum(axis=0)]
    dh = ds @ weights[-1].T  # (n, width_L)
    for layer in range(len(weights) - 2, -1, -1):
        h_in, z = cache[layer]
        dz = dh * act.grad(z, **params)  # elementwise f'(z): the registry's derivative
        grad_w.append(h_in.T @ dz)
        grad_b.append(dz.sum(axis=0))
        dh = dz @ weights[layer].T
    return grad_w[::-1], grad_b[::-1]


def loss_and_grads(X, y, weights, biases, activation="tanh", params=None):
    r"""Mean binary cross-entropy of the network on ``(X, y)`` and its gradients.

    .. math::

        \mathcal L = -\frac1n \sum_i \left[y_i \log\sigma(s_i)
        + (1 - y_i)\log\sigma(-s_i)\right], \qquad
        \frac{\partial\mathcal L}{\partial s_i} = \frac{\sigma(s_i) - y_i}{n}

    then backward layer by layer: :math:`\partial z_l = \partial h_l \odot f'(z_l)`,
    :math:`\partial W_l = h_{l-1}^\top \partial z_l`, :math:`\partial b_l = \sum_i \partial z_l`,
    :math:`\partial h_{l-1} = \partial z_l W_l^\top`.

    Returns ``(loss, grad_weights, grad_biases)`` with the shapes of ``weights``/``biases``.
    """
    act, params = _activation(activation, params)
    X = np.asarray(X, dtype=np.float64)
    logits, cache = _forward(X, weights, biases, act, params)
    gw, gb = _backward(logits, np.asarray(y, dtype=np.float64), weights, cache, act, params)
    return losses.binary_cross_entropy_with_logits(logits, y), gw, gb


# Logits this close to 0 are "on the boundary" and count as wrong for either class. A linear
# model at XOR's symmetric optimum has every logit ~1e-17: their signs are rounding noise, and
# counting them would let it "beat" the 75% that exact arithmetic allows.
DECISION_TOL = 1e-9


def accuracy(logits, y):
    """Fraction of points on the correct side of the boundary: logit > 1e-9 for class 1,
    < -1e-9 for class 0 (points within ``DECISION_TOL`` of the boundary count as wrong)."""
    s, y = np.asarray(logits), np.asarray(y)
    return float(np.mean(np.where(y == 1, s > DECISION_TOL, s < -DECISION_TOL)))


# ---------------------------------------------------------------- training


@dataclass
class TrainResult:
    """What one training run gives the page.

    ``loss_history[k]`` and ``accuracy_history[k]`` are measured after update ``k + 1`` (so
    the last entries describe the final weights). If the run diverged (a non-finite loss or
    weight), it stopped early: the histories are shorter than ``steps`` and the weights are
    the last finite ones.
    """

    loss_history: np.ndarray  # (steps_run,) mean BCE
    accuracy_history: np.ndarray  # (steps_run,) fraction of 1
    weights: list[np.ndarray]  # final, shapes (fan_in, fan_out)
    biases: list[np.ndarray]
    grid_x: np.ndarray  # (GRID_SIZE,) horizontal grid coordinates
    grid_y: np.ndarray  # (GRID_SIZE,)
    grid_probability: np.ndarray  # (GRID_SIZE, GRID_SIZE) float32, rows follow grid_y
    X: np.ndarray  # (n, 2) training points
    y: np.ndarray  # (n,)
    initial_loss: float
    initial_accuracy: float
    lr: float
    steps: int  # asked for
    diverged: bool = False
    timed_out: bool = False  # stopped by ``time_limit`` before ``steps``
    config: dict = field(default_factory=dict)

    @property
    def steps_run(self) -> int:
        return int(self.loss_history.size)

    @property
    def final_loss(self) -> float:
        """The loss of the final weights (the initial loss if no step finished)."""
        return float(self.loss_history[-1]) if self.steps_run else self.initial_loss

    @property
    def final_accuracy(self) -> float:
        return float(self.accuracy_history[-1]) if self.steps_run else self.initial_accuracy


def decision_grid(X, weights, biases, activation="tanh", params=None, size=GRID_SIZE):
    """``(gx, gy, p)``: the predicted probability on a ``size`` x ``size`` grid around ``X``.

    The grid covers the data's bounding box plus a margin of 10% of its larger side (at
    least 0.25). ``p[i, j]`` is the probability at ``(gx[j], gy[i])``, as float32.
    """
    act, params = _activation(activation, params)
    X = np.asarray(X, dtype=np.float64)
    lo, hi = X.min(axis=0), X.max(axis=0)
    margin = max(0.1 * float(np.max(hi - lo)), 0.25)
    gx = np.linspace(lo[0] - margin, hi[0] + margin, size)
    gy = np.linspace(lo[1] - margin, hi[1] + margin, size)
    xx, yy = np.meshgrid(gx, gy)  # (size, size), rows follow gy
    points = np.column_stack([xx.ravel(), yy.ravel()])  # (size^2, 2)
    with np.errstate(all="ignore"):  # a custom formula may overflow off the data
        logits = _forward(points, weights, biases, act, params)[0]
    p = np.nan_to_num(expit(logits), nan=0.5)
    return gx, gy, p.reshape(size, size).astype(np.float32)


def _flatten(weights, biases):
    """One flat parameter vector, and the weights and biases as views into it.

    The optimizers' rules are elementwise, so stepping the flat vector equals stepping each
    array; one array per step is several times faster for these small networks.
    """
    arrays = [*weights, *biases]
    theta = np.concatenate([a.ravel() for a in arrays])  # (P,)
    views, at = [], 0
    for a in arrays:
        views.append(theta[at:at + a.size].reshape(a.shape))
        at += a.size
    return theta, views[:len(weights)], views[len(weights):]


def _evaluate(X, y, weights, biases, act, params):
    """Logits, backward cache and mean BCE; the loss is nan if any logit is not finite."""
    with np.errstate(all="ignore"):  # a diverging run overflows: reported, not warned
        logits, cache = _forward(X, weights, biases, act, params)
    if not np.all(np.isfinite(logits)):
        return logits, cache, math.nan
    return logits, cache, float(losses.binary_cross_entropy_with_logits(logits, y))


def train_mlp(dataset, hidden=(8,), activation="tanh", optimizer="adam", lr=None,
              steps=DEFAULT_STEPS, seed=0, params=None, *, n=200, noise=0.1, data_seed=0,
              callback: Callable[[int, float, float], None] | None = None,
              callback_every=None, time_limit=None) -> TrainResult:
    """Train an MLP full-batch and return its histories, final weights and decision grid.

    Args:
        dataset: a data set name (``"xor"``, ``"circles"``, ``"moons"``, ``"spiral"``,
            ``"gaussians"``), drawn with ``n``, ``noise`` and ``data_seed``; or an
            ``(X, y)`` pair, X of shape (n, 2) and y of 0s and 1s.
        hidden: widths of the hidden layers, 0 to 4 layers of 1 to 32 units. Default: (8,).
            ``()`` is the single-layer perceptron (logistic regression).
        activation: a registry name or an Activation-like object (``act(x, **params)``,
            ``act.grad(x, **params)``, ``.name``). Default: "tanh".
        optimizer: one of ``optim.NAMES``, with torch's hyper-parameters. Default: "adam".
        lr: learning rate in (0, 10]. Default: None, meaning ``TRAIN_LR[optimizer]``.
        steps: full-batch updates, 1 to 5000. Default: 500.
        seed: seeds the weight initialisation (the data use ``data_seed``). Default: 0.
        params: the activation's parameters (e.g. ``{"negative_slope": 0.1}``). Default:
            None, the activation's defaults.
        n, noise, data_seed: size, jitter and seed of a named data set. Defaults: 200, 0.1, 0.
        callback: called as ``callback(step, loss, accuracy)`` after about every
            ``callback_every``-th update and after the last. Default: None.
        callback_every: Default: None, meaning ``max(1, steps // 50)`` (about 50 calls).
        time_limit: seconds after which training stops early (``timed_out`` is then set), a
            guard for a busy server. Default: None, no limit.

    Raises:
        ValueError: for any argument out of range, with a message naming the valid range.
    """
    X, y = load_data(dataset, n=n, noise=noise, seed=data_seed)
    hidden = _check_hidden(hidden)
    steps = _check_int("steps", steps, 1, MAX_STEPS)
    if optimizer not in optim.NAMES:
        optim.make(optimizer)  # raises the ValueError that lists the names
    lr = _check_lr(TRAIN_LR[optimizer] if lr is None else lr)
    act, params = _activation(activation, params)
    every = max(1, steps // 50) if callback_every is None else max(1, int(callback_every))

    theta, weights, biases = _flatten(*init_params(hidden, act, seed, params))
    opt = optim.make(optimizer, lr=lr)
    loss_hist, acc_hist = np.empty(steps), np.empty(steps)
    logits, cache, loss = _evaluate(X, y, weights, biases, act, params)
    initial_loss, initial_acc = loss, accuracy(logits, y)
    done, diverged, timed_out = 0, not math.isfinite(loss), False
    start = time.perf_counter()
    while done < steps and not diverged:
        if time_limit is not None and time.perf_counter() - start > time_limit:
            timed_out = True
            break
        backup = theta.copy()
        with np.errstate(all="ignore"):  # divergence is detected below, not warned about
            gw, gb = _backward(logits, y, weights, cache, act, params)
        grad = np.concatenate([g.ravel() for g in (*gw, *gb)])  # (P,) in _flatten's order
        if np.all(np.isfinite(grad)):
            opt.step([theta], [grad])  # every rule is elementwise: one flat array is exact
            logits, cache, loss = _evaluate(X, y, weights, biases, act, params)
        if not (np.all(np.isfinite(grad)) and np.all(np.isfinite(theta))
                and math.isfinite(loss)):
            diverged = True
            theta[...] = backup  # the last finite weights
            break
        loss_hist[done], acc_hist[done] = loss, accuracy(logits, y)
        done += 1
        if callback is not None and (done % every == 0 or done == steps):
            callback(done, loss, acc_hist[done - 1])

    weights, biases = [w.copy() for w in weights], [b.copy() for b in biases]
    gx, gy, grid_p = decision_grid(X, weights, biases, act, params)
    return TrainResult(
        loss_history=loss_hist[:done], accuracy_history=acc_hist[:done],
        weights=weights, biases=biases, grid_x=gx, grid_y=gy, grid_probability=grid_p,
        X=X, y=y, initial_loss=initial_loss, initial_accuracy=initial_acc, lr=lr, steps=steps,
        diverged=diverged, timed_out=timed_out,
        config=dict(hidden=hidden, activation=getattr(act, "name", ""), optimizer=optimizer,
                    seed=seed, params=params),
    )


# ---------------------------------------------------------------- cost control


def cost(n_points, hidden, steps):
    """Rough time of a run in microseconds on one quiet laptop core.

    Per step: about 60 us of Python and NumPy call overhead per layer, 0.035 us per point and
    hidden unit (the elementwise work: activation, its derivative, products; it dominates
    these small layers), and 0.0003 us per point and weight (the matrix products). Fitted to
    timings of 1 to 4 hidden layers, 8 to 32 units, 200 to 2000 points.
    """
    sizes = layer_sizes(hidden)
    n_weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    per_step = 60 * (len(sizes) - 1) + n_points * (0.035 * sum(sizes[1:-1]) + 3e-4 * n_weights)
    return steps * per_step


STEP_BUDGET = 2.5e6  # microseconds of cost(): training stays near 2 s on a laptop


def cap_steps(n_points, hidden, steps, budget=None):
    """``steps``, or fewer (at least 1, in whole hundreds when above 100) so that
    :func:`cost` stays within ``budget``. Default: None, meaning ``STEP_BUDGET``."""
    budget = STEP_BUDGET if budget is None else budget
    if cost(n_points, hidden, steps) <= budget:
        return steps
    fit = int(budget // cost(n_points, hidden, 1))
    return max(1, fit // 100 * 100 if fit >= 100 else fit)


# ---------------------------------------------------------------- linear collapse


def linear_collapse(weights, biases, c=1.0):
    r"""The single affine map that a network with the identity activation :math:`h(x) = c x`
    computes: ``(W, b)`` with ``X @ W + b`` equal to its logits.

    .. math::

        W = c^L\, W_1 W_2 \cdots W_L\, w_{\text{out}}, \qquad
        b = \bigl(\cdots(c\,b_1 W_2 + c\,b_2) \cdots\bigr) w_{\text{out}} + b_{\text{out}}

    Stacking linear layers buys nothing: :math:`h(h(h(x))) = c^3 x` is one linear map, and the
    decision boundary is one straight line. ``W`` has shape (2, 1), ``b`` shape (1,).
    """
    A = np.eye(np.asarray(weights[0]).shape[0])  # (2, width): the map so far
    a = np.zeros(A.shape[1])
    for W, b in zip(weights[:-1], biases[:-1]):
        A, a = c * (A @ W), c * (a @ W + b)
    return A @ weights[-1], a @ weights[-1] + biases[-1]


def collapse_error(X, weights, biases, c=1.0):
    """Largest ``|network(x) - (x W + b)|`` over the points ``X`` for the identity network
    and its :func:`linear_collapse`: rounding error only (about 1e-15)."""
    W, b = linear_collapse(weights, biases, c)
    X = np.asarray(X, dtype=np.float64)
    logits = forward(X, weights, biases, "identity", {"c": c})
    return float(np.max(np.abs(logits - (X @ W + b)[:, 0])))


# ---------------------------------------------------------------- optimizer race


def race_lr(surface, name):
    """The learning rate ``surfaces.run_optimizer`` uses for optimizer ``name`` by default:
    the surface's override, else ``optim.DEFAULT_LR[name]``."""
    return surface.lr.get(name, optim.DEFAULT_LR[name])


def race_summary(surface, paths):
    """``(values, distances)`` at the end of each race path (shape (steps + 1, 2)): the
    surface's value there and the distance to its nearest minimum."""
    ends = np.array([np.asarray(p)[-1] for p in paths])  # (k, 2)
    minima = np.asarray(surface.minima, dtype=np.float64).reshape(-1, 2)  # (m, 2)
    gaps = np.linalg.norm(ends[:, None, :] - minima[None, :, :], axis=2)  # (k, m)
    return surface.value(ends[:, 0], ends[:, 1]), gaps.min(axis=1)


# ---------------------------------------------------------------- zig-zag demo


@dataclass
class ZigZag:
    """One zig-zag run: gradient descent path of a two-weight neuron, one example per step.

    ``grads[k]`` is the gradient used for the step from ``path[k]`` to ``path[k + 1]``;
    ``same_sign`` is the fraction of steps whose two gradient components share a sign.
    ``loss`` is the mean loss on the grid ``(gx, gy)`` for the contour plot.
    """

    inputs: np.ndarray  # (m, 2) the neuron's inputs a
    path: np.ndarray  # (steps + 1, 2) weights visited
    grads: np.ndarray  # (steps, 2)
    same_sign: float
    w_star: np.ndarray  # (2,)
    gx: np.ndarray  # (G,)
    gy: np.ndarray  # (G,)
    loss: np.ndarray  # (G, G) float32, rows follow gy
    final_distance: float  # |w - w*| at the end


ZIGZAG_START = (-1.0, 1.0)
ZIGZAG_TARGET = (1.0, -1.0)


def zigzag_inputs(kind, m=32, seed=0):
    """``m`` input pairs: ``"positive"`` are sigmoid outputs (all in (0, 1)), ``"centred"``
    tanh outputs (in (-1, 1), mean about 0) of the same standard-normal pre-activations."""
    z = np.random.default_rng(seed).standard_normal((m, 2))  # (m, 2)
    if kind == "positive":
        return get("sigmoid")(z)
    if kind == "centred":
        return get("tanh")(z)
    raise ValueError(f"kind must be 'positive' or 'centred', got {kind!r}")


def zigzag(kind, steps=40, lr=1.0, m=32, seed=0, start=ZIGZAG_START, target=ZIGZAG_TARGET,
           grid=60):
    r"""Gradient descent on one linear neuron :math:`y = w_1 a_1 + w_2 a_2`, one example
    :math:`a^{(k)}` per step, towards the weights :math:`w^*` that produced the targets.

    .. math::

        \ell_k(w) = \tfrac12 \bigl(w \cdot a^{(k)} - w^* \cdot a^{(k)}\bigr)^2, \qquad
        \nabla \ell_k = \underbrace{(w - w^*) \cdot a^{(k)}}_{\text{one scalar}}\; a^{(k)}

    The gradient is one scalar times the input. When every input is positive (sigmoid
    outputs) both components share that scalar's sign, so each step moves both weights
    up or both down; reaching :math:`w^*` = (1, -1) from (-1, 1) then takes a zig-zag.
    Zero-centred inputs (tanh outputs) allow any direction.

    Args:
        kind: ``"positive"`` or ``"centred"`` (see :func:`zigzag_inputs`).
        steps: updates, 1 to 1000. Default: 40.
        lr: step size in (0, 1]. Default: 1.0.
        m: examples, cycled in order. Default: 32.
        seed, start, target: inputs' seed, :math:`w_0` and :math:`w^*`.
        grid: contour grid size. Default: 60.
    """
    steps = _check_int("steps", steps, 1, 1000)
    ok = isinstance(lr, numbers.Real) and not isinstance(lr, bool) and math.isfinite(lr)
    if not (ok and 0 < lr <= 1):
        # |a|^2 < 2 for sigmoid and tanh outputs, so lr <= 1 keeps each step's factor
        # 1 - lr |a|^2 within (-1, 1): the path can never blow up.
        raise ValueError(f"lr must be a number in (0, 1], got {lr!r}")
    inputs = zigzag_inputs(kind, m, seed)
    w_star = np.asarray(target, dtype=np.float64)
    for name, w in (("start", np.asarray(start, dtype=np.float64)), ("target", w_star)):
        if w.shape != (2,) or not np.all(np.isfinite(w)):
            raise ValueError(f"{name} must be two finite numbers, got {w!r}")
    path = np.empty((steps + 1, 2))
    grads = np.empty((steps, 2))
    path[0] = start
    for k in range(steps):
        a = inputs[k % m]  # (2,)
        grads[k] = ((path[k] - w_star) @ a) * a
        path[k + 1] = path[k] - lr * grads[k]
    same = float(np.mean(np.sign(grads[:, 0]) == np.sign(grads[:, 1])))
    gx, gy, loss = _zigzag_contours(inputs, w_star, path, grid)
    return ZigZag(inputs, path, grads, same, w_star, gx, gy, loss,
                  float(np.linalg.norm(path[-1] - w_star)))


def _zigzag_contours(inputs, w_star, path, size):
    r"""Mean loss :math:`\tfrac12 (w - w^*)^\top C (w - w^*)`, :math:`C = A^\top A / m`, on a
    square grid holding the path and :math:`w^*`."""
    pts = np.vstack([path, w_star])
    lo, hi = pts.min(axis=0) - 0.5, pts.max(axis=0) + 0.5
    half = 0.5 * float(np.max(hi - lo))  # square, so the ellipses keep their true shape
    mid = 0.5 * (lo + hi)
    gx = np.linspace(mid[0] - half, mid[0] + half, size)
    gy = np.linspace(mid[1] - half, mid[1] + half, size)
    C = inputs.T @ inputs / len(inputs)  # (2, 2)
    dx, dy = np.meshgrid(gx - w_star[0], gy - w_star[1])  # (size, size)
    loss = 0.5 * (C[0, 0] * dx * dx + 2 * C[0, 1] * dx * dy + C[1, 1] * dy * dy)
    return gx, gy, loss.astype(np.float32)

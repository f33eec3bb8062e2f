r"""The small fully connected network that `training` trains: layout, initialisation, forward
and backward pass by hand, loss with L1/L2 penalty, accuracy and grids for pictures.

.. math::

    h_0 = \phi(X), \qquad z_l = h_{l-1} W_l + b_l, \qquad h_l = f_l(z_l)
    \quad (l = 1, \dots, L), \qquad s = h_L W_{\text{out}} + b_{\text{out}}

``phi`` are the input features (`features`), ``f_l`` one activation per hidden layer. Two
classes give one logit and the sigmoid binary cross-entropy; 3 to 5 classes give one logit
per class and the softmax cross-entropy (both the mean over the points, as ``torch``). The
penalty ``l1 * sum|W| + l2 * sum(W**2) / 2`` covers the weight matrices, not the biases (as
TensorFlow Playground). Weights are ``(fan_in, fan_out)`` arrays: a layer is ``h @ W + b``.
"""

from __future__ import annotations

import numbers

import numpy as np
from scipy.special import expit

from . import features as feats
from . import init, losses
from .registry import get
from .softmax import softmax

__all__ = [
    "MAX_DEPTH", "MAX_WIDTH", "MAX_DATA", "MAX_CLASSES", "DECISION_TOL", "GRID_SIZE",
    "check_int", "check_hidden", "check_data", "layer_activations", "layer_sizes",
    "init_params", "forward", "loss_and_grads", "accuracy", "probabilities", "grid_box",
    "decision_grid", "unit_grids", "penalty",
]

MAX_DEPTH = 6  # hidden layers the network may have (the training lab offers fewer)
MAX_WIDTH = 32  # units per hidden layer
MAX_DATA = 5000  # points of an (X, y) pair: a CSV file's 5,000 rows
MAX_CLASSES = 5
GRID_SIZE = 80  # the decision-boundary grid is GRID_SIZE x GRID_SIZE

# Activations that zero (or nearly zero) half their input get He init (gain sqrt 2); the
# rest Xavier with torch's gain where it has one (tanh 5/3; identity, sigmoid 1), else 1.
_HE = frozenset({
    "relu", "relu6", "prelu", "rrelu", "elu", "celu", "gelu", "silu", "mish", "softplus",
    "hardswish", "threshold",
})
_XAVIER_GAIN = frozenset({"identity", "sigmoid", "tanh"})

# Logits this close to 0 are "on the boundary" and count as wrong for either class. A linear
# model at XOR's symmetric optimum has every logit ~1e-17: their signs are rounding noise, and
# counting them would let it "beat" the 75% that exact arithmetic allows.
DECISION_TOL = 1e-9


# ---------------------------------------------------------------- checks


def check_int(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not lo <= value <= hi:
        raise ValueError(f"{name} must be an integer from {lo} to {hi}, got {value!r}")
    return int(value)


def check_hidden(hidden, max_layers=MAX_DEPTH):
    try:
        hidden = tuple(hidden)
    except TypeError:
        raise ValueError(f"hidden must be a sequence of layer widths, got {hidden!r}") from None
    if len(hidden) > max_layers:
        raise ValueError(f"at most {max_layers} hidden layers, got {len(hidden)}")
    return tuple(check_int("hidden layer width", w, 1, MAX_WIDTH) for w in hidden)


def check_data(X, y, max_points=MAX_DATA):
    """``(X, y, classes)``: points (n, 2) float64, labels (n,) float64 holding whole numbers
    0 .. classes - 1, with 2 <= classes <= MAX_CLASSES (every class present)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    if not 2 <= X.shape[0] <= max_points:
        raise ValueError(f"the data must have 2 to {max_points} points, got {X.shape[0]}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must be finite")
    labels = np.unique(y)
    if not (np.array_equal(labels, np.arange(labels.size)) and 2 <= labels.size <= MAX_CLASSES):
        raise ValueError(f"y must hold the labels 0, 1, ..., C - 1 with C from 2 to "
                         f"{MAX_CLASSES}, each at least once")
    return X, y, int(labels.size)


def _one_activation(activation, params):
    act = get(activation) if isinstance(activation, str) else activation
    if not (callable(act) and callable(getattr(act, "grad", None))):
        raise ValueError("activation must be a registry name or an object with __call__ and grad")
    resolve = getattr(act, "resolve", None)
    return act, (resolve(params) if callable(resolve) else dict(params or {}))


def layer_activations(activation, params, n_layers) -> list[tuple[object, dict]]:
    """``[(act, resolved params)]`` per hidden layer. ``activation`` is one registry name or
    Activation-like object for every layer, or a sequence with one per layer; ``params`` is
    one dict (or None) for every layer, or a sequence of them with one per layer."""
    if isinstance(activation, (list, tuple)):
        if len(activation) != n_layers:
            raise ValueError(f"{len(activation)} activations for {n_layers} hidden layers")
        if isinstance(params, (list, tuple)):
            if len(params) != n_layers:
                raise ValueError(f"{len(params)} parameter dicts for {n_layers} hidden layers")
            return [_one_activation(a, p) for a, p in zip(activation, params)]
        return [_one_activation(a, params) for a in activation]
    # One activation for all layers: resolved (and checked) even when there is no layer.
    return [_one_activation(activation, params)] * max(n_layers, 1)


# ---------------------------------------------------------------- the network


def layer_sizes(hidden, n_inputs=2, n_outputs=1):
    """``[n_inputs, *hidden, n_outputs]``: the widths from the inputs to the logits."""
    return [n_inputs, *check_hidden(hidden), n_outputs]


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


def init_params(hidden, activation="tanh", seed=0, params=None, *, n_inputs=2, n_outputs=1):
    r"""Initial ``(weights, biases)`` for the layout ``hidden``, seeded by ``seed``.

    Each hidden layer's init follows its activation: He normal
    (:math:`\sigma = \sqrt{2/\text{fan\_in}}`) for ReLU-like ones, LeCun normal for SELU,
    and Xavier normal (:math:`\sigma = \text{gain}\sqrt{2/(\text{fan\_in}+\text{fan\_out})}`,
    torch's gain for tanh, sigmoid and identity, else 1) for the rest; the output layer uses
    Xavier normal with gain 1. Biases start at 0. Weight ``l`` has shape
    ``(sizes[l], sizes[l+1])``. The draws come layer by layer from one generator, so the same
    seed and layout always give the same start.
    """
    sizes = layer_sizes(hidden, n_inputs, n_outputs)
    acts = layer_activations(activation, params, len(sizes) - 2)
    rng = np.random.default_rng(seed)
    weights = [
        _init_weight((a, b), rng, getattr(act, "name", ""), p)
        for (a, b), (act, p) in zip(zip(sizes[:-2], sizes[1:-1]), acts)
    ]
    weights.append(init.xavier_normal((sizes[-2], sizes[-1]), rng))
    biases = [np.zeros(b) for b in sizes[1:]]
    return weights, biases


def _forward(X, weights, biases, acts):
    """Logits (n, outputs) and the per-layer ``(h_in, z)`` the backward pass needs."""
    h, cache = X, []  # h: (n, width)
    for W, b, (act, params) in zip(weights[:-1], biases[:-1], acts):
        z = h @ W + b  # (n, width_out)
        cache.append((h, z))
        h = act(z, **params)
    cache.append((h, None))
    return h @ weights[-1] + biases[-1], cache


def _data_loss(logits, y):
    """Mean cross-entropy of logits (n, 1) (sigmoid BCE) or (n, C) (softmax CE)."""
    if logits.shape[1] == 1:
        return float(losses.binary_cross_entropy_with_logits(logits[:, 0], y))
    return float(losses.cross_entropy_with_logits(logits, y.astype(np.int64)))


def _data_loss_grad(logits, y):
    """d(mean cross-entropy)/d(logits), shape (n, outputs)."""
    if logits.shape[1] == 1:
        return losses.binary_cross_entropy_with_logits_grad(logits[:, 0], y)[:, None]
    return losses.cross_entropy_with_logits_grad(logits, y.astype(np.int64))


def penalty(weights, l1=0.0, l2=0.0) -> float:
    """``l1 * sum|W| + l2 * sum(W**2) / 2`` over the weight matrices (biases excluded)."""
    total = 0.0
    if l1:
        total += l1 * sum(float(np.abs(W).sum()) for W in weights)
    if l2:
        total += l2 * sum(float((W * W).sum()) for W in weights) / 2
    return total


def _backward(ds, weights, cache, acts, l1=0.0, l2=0.0):
    """Gradients of the loss whose logit gradient is ``ds`` (n, outputs), plus the penalty's
    ``l1 sign(W) + l2 W`` (sign(0) = 0, torch's subgradient of |w|), by the chain rule."""
    h_last = cache[-1][0]
    grad_w = [h_last.T @ ds]
    grad_b = [ds.sum(axis=0)]
    dh = ds @ weights[-1].T  # (n, width_L)
    for layer in range(len(weights) - 2, -1, -1):
        h_in, z = cache[layer]
        act, params = acts[layer]
        dz = dh * act.grad(z, **params)  # elementwise f'(z): the registry's derivative
        grad_w.append(h_in.T @ dz)
        grad_b.append(dz.sum(axis=0))
        dh = dz @ weights[layer].T
    grad_w = grad_w[::-1]
    if l1 or l2:
        grad_w = [g + l1 * np.sign(W) + l2 * W for g, W in zip(grad_w, weights)]
    return grad_w, grad_b[::-1]


def _logits_out(logits):
    return logits[:, 0] if logits.shape[1] == 1 else logits


def forward(X, weights, biases, activation="tanh", params=None, features=None):
    """The logits of the points ``X``: shape (n,) for one output, (n, C) for C classes.
    ``features`` (names, see `features`) maps the points first; None feeds ``X`` as it is."""
    acts = layer_activations(activation, params, len(weights) - 1)
    X = np.asarray(X, dtype=np.float64)
    if features is not None:
        X = feats.transform(X, features)
    return _logits_out(_forward(X, weights, biases, acts)[0])


def loss_and_grads(X, y, weights, biases, activation="tanh", params=None, *, l1=0.0, l2=0.0):
    r"""The loss of the network on ``(X, y)`` and its gradients.

    ``X`` is the network's input (features already applied). For one logit:

    .. math::

        \mathcal L = -\frac1n \sum_i \left[y_i \log\sigma(s_i)
        + (1 - y_i)\log\sigma(-s_i)\right] + \text{penalty}, \qquad
        \frac{\partial\mathcal L}{\partial s_i} = \frac{\sigma(s_i) - y_i}{n}

    for C logits :math:`-\frac1n\sum_i \log \text{softmax}(s_i)_{y_i}` with
    :math:`\partial s_{ik} = (\text{softmax}(s_i)_k - [k = y_i]) / n`; then backward layer by
    layer: :math:`\partial z_l = \partial h_l \odot f_l'(z_l)`,
    :math:`\partial W_l = h_{l-1}^\top \partial z_l`, :math:`\partial b_l = \sum_i \partial z_l`,
    :math:`\partial h_{l-1} = \partial z_l W_l^\top`.

    Returns ``(loss, grad_weights, grad_biases)`` with the shapes of ``weights``/``biases``.
    """
    acts = layer_activations(activation, params, len(weights) - 1)
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    logits, cache = _forward(X, weights, biases, acts)
    gw, gb = _backward(_data_loss_grad(logits, y), weights, cache, acts, l1, l2)
    return _data_loss(logits, y) + penalty(weights, l1, l2), gw, gb


def accuracy(logits, y):
    """Fraction of points classified correctly. One logit per point (shape (n,) or (n, 1)):
    logit > 1e-9 for class 1, < -1e-9 for class 0 (points within ``DECISION_TOL`` of the
    boundary count as wrong). C logits (n, C): the largest logit names the class."""
    s, y = np.asarray(logits), np.asarray(y)
    if s.ndim == 2 and s.shape[1] > 1:
        return float(np.mean(np.argmax(s, axis=1) == y))
    s = s.reshape(-1)
    return float(np.mean(np.where(y == 1, s > DECISION_TOL, s < -DECISION_TOL)))


def probabilities(logits):
    """Class-1 probability (n,) for one logit, class probabilities (n, C) for C logits."""
    s = np.asarray(logits)
    return expit(s) if s.ndim == 1 else softmax(s, axis=-1)


# ---------------------------------------------------------------- grids for pictures


def grid_box(X, size=GRID_SIZE):
    """``(gx, gy)``: a ``size``-point axis along each coordinate over the data's bounding box
    plus a margin of 10% of its larger side (at least 0.25)."""
    X = np.asarray(X, dtype=np.float64)
    lo, hi = X.min(axis=0), X.max(axis=0)
    margin = max(0.1 * float(np.max(hi - lo)), 0.25)
    return (np.linspace(lo[0] - margin, hi[0] + margin, size),
            np.linspace(lo[1] - margin, hi[1] + margin, size))


def _grid_points(gx, gy):
    xx, yy = np.meshgrid(gx, gy)  # (G, G), rows follow gy
    return np.column_stack([xx.ravel(), yy.ravel()])  # (G^2, 2)


def decision_grid(X, weights, biases, activation="tanh", params=None, size=GRID_SIZE,
                  features=None):
    """``(gx, gy, p)``: the predicted probability on a ``size`` x ``size`` grid around ``X``
    (see `grid_box`). ``p[i, j]`` is the class-1 probability at ``(gx[j], gy[i])`` for one
    logit, shape (size, size); for C classes ``p[k, i, j]`` is class k's, shape (C, size,
    size). float32; values a formula cannot compute off the data are the uncertain middle."""
    gx, gy = grid_box(X, size)
    with np.errstate(all="ignore"):  # a custom formula may overflow off the data
        logits = forward(_grid_points(gx, gy), weights, biases, activation, params, features)
        p = probabilities(logits)
    if p.ndim == 1:
        return gx, gy, np.nan_to_num(p, nan=0.5).reshape(size, size).astype(np.float32)
    p = np.nan_to_num(p, nan=1.0 / p.shape[1])  # (G^2, C)
    return gx, gy, p.T.reshape(-1, size, size).astype(np.float32)


def unit_grids(gx, gy, weights, biases, acts, features):
    """Every hidden unit's output on the grid: one array (width, G, G) float32 per hidden
    layer (non-finite values, from a formula that overflows off the data, become 0), and
    the logits (G^2, outputs). ``acts`` as from `layer_activations`, ``features`` the names
    the network's inputs are."""
    size = len(gx)
    with np.errstate(all="ignore"):
        logits, cache = _forward(feats.transform(_grid_points(gx, gy), features), weights,
                                 biases, acts)
    outs = [h for h, _ in cache[1:]]  # h_1 .. h_L, each (G^2, width)
    units = [np.nan_to_num(h, nan=0.0, posinf=0.0, neginf=0.0).T.reshape(-1, size, size)
             .astype(np.float32) for h in outs]
    return units, logits

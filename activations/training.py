r"""Train a small multilayer perceptron on 2-D toy data, with the backward pass by hand.

The network (see `mlp`) is a stack of fully connected layers with an activation per hidden
layer, fed the input features of the points (x1 and x2 by default, see `features`):

.. math::

    h_0 = \phi(X), \qquad z_l = h_{l-1} W_l + b_l, \qquad h_l = f_l(z_l)
    \quad (l = 1, \dots, L), \qquad s = h_L W_{\text{out}} + b_{\text{out}}

Two classes give one logit, trained on the binary cross-entropy (``torch``'s
``binary_cross_entropy_with_logits``, mean over the points); 3 to 5 classes give a logit per
class and the softmax cross-entropy. An optional ``l1 * sum|W|`` or ``l2 * sum(W**2) / 2``
over the weight matrices is added. ``hidden=()`` (L = 0) is the single-layer perceptron: a
logistic regression, one straight decision line in the features.

Training is full-batch by default (deterministic: a plain ``torch`` loop from the same
``initial_weights`` with the same ``torch.optim`` optimizer gives the same loss history), or
on seeded mini-batches. It can record snapshots for an animation, keep a test set apart,
and continue from where a previous run stopped (``resume``).

After every update the trainer counts the dead hidden units, those whose output is 0 on
every training point (`DeadUnits`): a dead ReLU gets no gradient, so whether it comes back
depends on the optimizer's memory and the layers below.

Two small demos for the training page sit here too: :func:`linear_collapse` (a network whose
activation is the identity is one affine map) and :func:`zigzag` (why inputs that are never
negative, like sigmoid's or ReLU's outputs, make gradient descent zig-zag).

>>> r = train_mlp("xor", hidden=(4,), activation="tanh", steps=300)
>>> r.final_accuracy
1.0
"""

from __future__ import annotations

import copy
import math
import numbers
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from . import datasets, optim
from . import features as feats
from .mlp import (
    DECISION_TOL, GRID_SIZE, MAX_WIDTH, accuracy, check_data, check_hidden, decision_grid,
    forward, grid_box, init_params, layer_activations, layer_sizes, loss_and_grads, penalty,
    probabilities, unit_grids,
)
from .mlp import _backward, _data_loss, _data_loss_grad, _forward
from .mlp import check_int as _check_int
from .registry import get

__all__ = [
    "MAX_LAYERS", "MAX_WIDTH", "MAX_STEPS", "MAX_POINTS", "MAX_LR", "GRID_SIZE", "TRAIN_LR",
    "DEFAULT_STEPS", "DECISION_TOL", "STEP_BUDGET", "SNAPSHOT_GRID", "MAX_SNAPSHOTS",
    "TrainResult", "Snapshot", "DeadUnits", "train_mlp", "dead_units",
    "moves_without_gradient", "load_data", "layer_sizes", "init_params",
    "forward", "loss_and_grads", "accuracy", "decision_grid", "cost", "cap_steps",
    "linear_collapse", "collapse_error", "race_lr", "race_summary",
    "ZigZag", "zigzag", "zigzag_inputs", "ZIGZAG_START", "ZIGZAG_TARGET", "ZIGZAG_KINDS",
    "RELU_SCALE",
]

MAX_LAYERS = 4  # hidden layers the training lab offers: 0 (perceptron) to 4
MAX_STEPS = 5000
MAX_POINTS = 2000  # points of a named data set
MAX_LR = 10.0  # lr must be in (0, MAX_LR]
DEFAULT_STEPS = 500
SNAPSHOT_GRID = 40  # snapshot pictures are SNAPSHOT_GRID x SNAPSHOT_GRID by default
MAX_SNAPSHOTS = 201  # per run: enough for a smooth animation, small enough to send

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


# ---------------------------------------------------------------- checks


def _check_lr(lr):
    return _check_rate("lr", lr, MAX_LR, open_low=True)


def _check_rate(name, value, hi, open_low=False):
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) \
        and math.isfinite(value)
    low_ok = ok and (value > 0 if open_low else value >= 0)
    if not (low_ok and value <= hi):
        interval = f"(0, {hi:g}]" if open_low else f"[0, {hi:g}]"
        raise ValueError(f"{name} must be a number in {interval}, got {value!r}")
    return float(value)


def _activation(activation, params):
    """The activation object and its resolved parameters (registry names are looked up)."""
    return layer_activations(activation, params, 1)[0]


def load_data(dataset, n=200, noise=0.1, seed=0, classes=None):
    """``(X, y)`` from a data set name (see ``datasets.DATASETS`` and ``datasets.MULTICLASS``)
    or an ``(X, y)`` pair with labels 0 .. C - 1 (2 <= C <= 5)."""
    if isinstance(dataset, str):
        _check_int("n", n, 2, MAX_POINTS)
        X, y = datasets.load(dataset, n=n, noise=noise, seed=seed, classes=classes)
    else:
        try:
            X, y = dataset
        except (TypeError, ValueError):
            raise ValueError("dataset must be a data set name or an (X, y) pair") from None
    return check_data(X, y)[:2]


# ---------------------------------------------------------------- training


@dataclass
class Snapshot:
    """The network at one moment of training, for pictures: ``output`` is the class-1
    probability (G, G) (two classes) or the class probabilities (C, G, G); ``units`` one
    array (width, G, G) of hidden-unit outputs per hidden layer; all on the result's
    ``snapshot_x`` x ``snapshot_y`` grid, float32. Losses include the penalty; the test
    figures are nan without a test set."""

    step: int
    output: np.ndarray
    units: list[np.ndarray]
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    loss: float
    accuracy: float
    test_loss: float = math.nan
    test_accuracy: float = math.nan


@dataclass
class DeadUnits:
    """Hidden units that output exactly 0 on every training point (a dead ReLU: its
    weighted sum is <= 0 on all of them), over a run.

    ``history[k]`` counts them after update ``k + 1``, ``initial`` before the first. A unit
    ``died`` when it turned dead after an update, ``revived`` when a dead one came back:
    both count events, so a unit that dies twice counts twice. ``first`` is the update after
    which a unit first died (0 if none did); ``final`` marks the dead units per hidden layer
    at the end. Such a unit gets a zero gradient on its incoming weights and bias, so plain
    gradient descent never moves them again; momentum's and Adam's memory of past gradients
    can, and so can the layers below a deeper unit: only then can it come back.
    """

    history: np.ndarray  # (steps_run,) int
    initial: int
    died: int
    revived: int
    first: int
    final: list[np.ndarray]  # one (width,) bool per hidden layer
    units: int  # hidden units in all


@dataclass
class TrainResult:
    """What one training run gives the page.

    ``loss_history[k]`` and ``accuracy_history[k]`` are measured on the training points after
    update ``k + 1`` (so the last entries describe the final weights); the loss includes the
    penalty, ``penalty_history`` holds that part alone. ``test_*_history`` do the same on the
    test points (empty without a test set; the test loss is the cross-entropy alone). If the
    run diverged (a non-finite loss or weight), it stopped early: the histories are shorter
    than ``steps`` and the weights are the last finite ones.
    """

    loss_history: np.ndarray  # (steps_run,) mean cross-entropy + penalty
    accuracy_history: np.ndarray  # (steps_run,) fraction of 1
    weights: list[np.ndarray]  # final, shapes (fan_in, fan_out)
    biases: list[np.ndarray]
    grid_x: np.ndarray  # (GRID_SIZE,) horizontal grid coordinates
    grid_y: np.ndarray  # (GRID_SIZE,)
    grid_probability: np.ndarray  # (G, G) or (C, G, G) float32, rows follow grid_y
    X: np.ndarray  # (n, 2) training points
    y: np.ndarray  # (n,)
    initial_loss: float
    initial_accuracy: float
    lr: float
    steps: int  # asked for (with those of the run it continues)
    diverged: bool = False
    timed_out: bool = False  # stopped by ``time_limit`` before ``steps``
    config: dict = field(default_factory=dict)
    classes: int = 2
    features: tuple = feats.DEFAULT
    X_test: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))  # (m, 2)
    y_test: np.ndarray = field(default_factory=lambda: np.empty(0))  # (m,)
    initial_weights: list[np.ndarray] = field(default_factory=list)
    initial_biases: list[np.ndarray] = field(default_factory=list)
    penalty_history: np.ndarray = field(default_factory=lambda: np.empty(0))
    test_loss_history: np.ndarray = field(default_factory=lambda: np.empty(0))
    test_accuracy_history: np.ndarray = field(default_factory=lambda: np.empty(0))
    snapshots: list[Snapshot] = field(default_factory=list)
    snapshot_x: np.ndarray = field(default_factory=lambda: np.empty(0))  # (G,)
    snapshot_y: np.ndarray = field(default_factory=lambda: np.empty(0))  # (G,)
    dead: DeadUnits | None = None  # measured on the training points after every update
    state: dict = field(default_factory=dict, repr=False)  # what `resume` needs

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


def _dead_mask(cache) -> list[np.ndarray]:
    """Per hidden layer, (width,) bool: the units whose output in the forward pass ``cache``
    (`mlp._forward`'s) is exactly 0 at every point."""
    return [np.all(h == 0, axis=0) for h, _ in cache[1:]]  # cache[0] holds the inputs


def _dead_all(cache) -> np.ndarray:
    """(units,) bool: `_dead_mask` of every hidden layer in a row (empty without one)."""
    return np.concatenate([np.zeros(0, dtype=bool), *_dead_mask(cache)])


def dead_units(X, weights, biases, activation="relu", params=None,
               features=feats.DEFAULT) -> list[np.ndarray]:
    """Per hidden layer, (width,) bool: which units of the network output exactly 0 for
    every point of ``X`` (n, 2), as `TrainResult.dead` counts them during training."""
    acts = layer_activations(activation, params, len(weights) - 1)
    with np.errstate(all="ignore"):  # overflow gives inf or nan: not 0, so not dead
        _, cache = _forward(feats.transform(np.asarray(X, dtype=np.float64), features),
                            weights, biases, acts)
    return _dead_mask(cache)


def moves_without_gradient(optimizer) -> bool:
    """Whether optimizer ``optimizer`` (a name of ``optim.NAMES``, the lab's settings) still
    moves a weight whose gradient has become 0: measured on one weight, one step with
    gradient 1 and then one with gradient 0. Momentum, NAG, Adam and NAdam do (their memory
    of past gradients); SGD, Adagrad, RMSProp and AdaDelta scale the current gradient."""
    opt, w = optim.make(optimizer, lr=0.1), np.zeros(1)
    opt.step([w], [np.ones(1)])
    before = w.copy()
    opt.step([w], [np.zeros(1)])
    return bool(w[0] != before[0])


def _evaluate(X, y, weights, biases, acts):
    """Logits, backward cache and mean cross-entropy; the loss is nan if any logit is not
    finite."""
    with np.errstate(all="ignore"):  # a diverging run overflows: reported, not warned
        logits, cache = _forward(X, weights, biases, acts)
    if not np.all(np.isfinite(logits)):
        return logits, cache, math.nan
    return logits, cache, _data_loss(logits, y)


class _Batches:
    """Seeded mini-batches: each epoch a fresh permutation of the training points, cut into
    consecutive batches (the last one of an epoch may be smaller), as a shuffling
    ``DataLoader``. Its generator and position carry over to a continued run."""

    def __init__(self, n, size, seed):
        self.n, self.size = n, size
        self.rng = np.random.default_rng([seed, 2])  # apart from the init's generator
        self.order, self.pos = self.rng.permutation(n), 0

    def next(self):
        if self.pos >= self.n:
            self.order, self.pos = self.rng.permutation(self.n), 0
        idx = self.order[self.pos:self.pos + self.size]
        self.pos += idx.size
        return idx


def _snapshot(step, gx, gy, weights, biases, acts, features, loss, acc, test):
    units, logits = unit_grids(gx, gy, weights, biases, acts, features)  # logits (G^2, k)
    size, k = len(gx), logits.shape[1]
    with np.errstate(all="ignore"):  # a formula may overflow off the data: uncertain there
        p = probabilities(logits[:, 0] if k == 1 else logits)
    p = np.nan_to_num(p, nan=0.5 if k == 1 else 1 / k)
    out = p.reshape(size, size) if k == 1 else p.T.reshape(k, size, size)
    return Snapshot(step, out.astype(np.float32), units, [w.copy() for w in weights],
                    [b.copy() for b in biases], loss, acc, *test)


def train_mlp(dataset, hidden=(8,), activation="tanh", optimizer="adam", lr=None,
              steps=DEFAULT_STEPS, seed=0, params=None, *, n=200, noise=0.1, data_seed=0,
              classes=None, features=feats.DEFAULT, l1=0.0, l2=0.0, batch_size=None,
              test_fraction=0.0, snapshot_every=None, snapshot_grid=SNAPSHOT_GRID,
              resume=None, callback: Callable[[int, float, float], None] | None = None,
              callback_every=None, time_limit=None) -> TrainResult:
    """Train an MLP and return its histories, final weights, decision grid and snapshots.

    Args:
        dataset: a data set name (``"xor"``, ``"circles"``, ``"moons"``, ``"spiral"``,
            ``"gaussians"``, or the multi-class ``"blobs"``, ``"pinwheel"``), drawn with
            ``n``, ``noise``, ``data_seed`` (and ``classes``); or an ``(X, y)`` pair, X of
            shape (n, 2) (at most 5,000 points) and y of labels 0 .. C - 1, 2 <= C <= 5.
        hidden: widths of the hidden layers, 0 to 6 layers of 1 to 32 units. Default: (8,).
            ``()`` is the single-layer perceptron (logistic regression).
        activation: a registry name or an Activation-like object (``act(x, **params)``,
            ``act.grad(x, **params)``, ``.name``), or a sequence with one per hidden layer.
            Default: "tanh".
        optimizer: one of ``optim.NAMES``, with torch's hyper-parameters. Default: "adam".
        lr: learning rate in (0, 10]. Default: None, meaning ``TRAIN_LR[optimizer]``.
        steps: optimizer updates, 1 to 5000. Default: 500.
        seed: seeds the weight initialisation and the mini-batch shuffling (the data use
            ``data_seed``). Default: 0.
        params: the activation's parameters (e.g. ``{"negative_slope": 0.1}``), or a
            sequence with one dict per hidden layer. Default: None, the defaults.
        n, noise, data_seed, classes: size, jitter, seed and (multi-class sets) number of
            classes of a named data set. Defaults: 200, 0.1, 0, None (3 for those sets).
        features: the network's inputs, names of ``features.FEATURES`` (used in that
            order). Default: ("x1", "x2").
        l1, l2: penalty rates in [0, 1] on the weight matrices. Default: 0.
        batch_size: points per update, drawn by seeded shuffling; None (or at least the
            number of training points) is full-batch. Default: None.
        test_fraction: share of the points held out as a test set (by ``data_seed``), 0 to
            0.9. Default: 0.
        snapshot_every: record a `Snapshot` at the start, every this many steps and at the
            end (at most ``MAX_SNAPSHOTS`` per run: the interval grows if needed). Default:
            None, no snapshots.
        snapshot_grid: side of the snapshot pictures' grid, 8 to 100. Default: 40.
        resume: a `TrainResult` of the same configuration and data: train ``steps`` more
            from its final state (weights, optimizer buffers, batch order). Its histories
            and snapshots are continued. Default: None, a fresh start.
        callback: called as ``callback(step, loss, accuracy)`` after about every
            ``callback_every``-th update and after the last. Default: None.
        callback_every: Default: None, meaning ``max(1, steps // 50)`` (about 50 calls).
        time_limit: seconds after which training stops early (``timed_out`` is then set), a
            guard for a busy server. Default: None, no limit.

    Raises:
        ValueError: for any argument out of range, with a message naming the valid range.
    """
    X_all, y_all = load_data(dataset, n=n, noise=noise, seed=data_seed, classes=classes)
    n_classes = int(y_all.max()) + 1
    hidden = check_hidden(hidden)
    steps = _check_int("steps", steps, 1, MAX_STEPS)
    if optimizer not in optim.NAMES:
        optim.make(optimizer)  # raises the ValueError that lists the names
    lr = _check_lr(TRAIN_LR[optimizer] if lr is None else lr)
    l1, l2 = _check_rate("l1", l1, 1.0), _check_rate("l2", l2, 1.0)
    features = feats.check(features)
    acts = layer_activations(activation, params, len(hidden))
    train_idx, test_idx = datasets.split(len(X_all), test_fraction, data_seed)
    X, y = X_all[train_idx], y_all[train_idx]
    X_test, y_test = X_all[test_idx], y_all[test_idx]
    if batch_size is not None:
        batch_size = _check_int("batch_size", batch_size, 1, len(X_all))
    full_batch = batch_size is None or batch_size >= len(X)
    snapshot_grid = _check_int("snapshot_grid", snapshot_grid, 8, 100)
    names = [getattr(a, "name", "") for a, _ in acts[:len(hidden)]]
    config = dict(
        hidden=hidden, optimizer=optimizer, seed=seed, lr=lr, features=features, l1=l1, l2=l2,
        batch_size=None if full_batch else batch_size, classes=n_classes,
        activation=names if isinstance(activation, (list, tuple)) else
        getattr(acts[0][0], "name", ""),
        params=[p for _, p in acts[:len(hidden)]] if isinstance(activation, (list, tuple))
        else acts[0][1],
    )
    Phi, Phi_test = feats.transform(X, features), feats.transform(X_test, features)
    sizes = layer_sizes(hidden, len(features), 1 if n_classes == 2 else n_classes)
    every = max(1, steps // 50) if callback_every is None else max(1, int(callback_every))

    if resume is None:
        w0, b0 = init_params(hidden, activation, seed, params, n_inputs=sizes[0],
                             n_outputs=sizes[-1])
        theta, weights, biases = _flatten(w0, b0)
        opt = optim.make(optimizer, lr=lr)
        batches = None if full_batch else _Batches(len(X), batch_size, seed)
        past = dict(loss=[], acc=[], pen=[], tloss=[], tacc=[], snaps=[], steps=0, dead=[],
                    died=0, revived=0, first=0)
    else:
        if resume.config != config or not (np.array_equal(resume.X, X)
                                           and np.array_equal(resume.X_test, X_test)):
            raise ValueError("resume must be a result of the same configuration and data")
        st = resume.state
        w0, b0 = resume.initial_weights, resume.initial_biases
        theta, weights, biases = _flatten(resume.weights, resume.biases)
        # Copies: the result given stays as it was (a cache may hand it out again).
        opt, batches = copy.deepcopy(st["opt"]), copy.deepcopy(st["batches"])
        past = dict(loss=[resume.loss_history], acc=[resume.accuracy_history],
                    pen=[resume.penalty_history], tloss=[resume.test_loss_history],
                    tacc=[resume.test_accuracy_history], snaps=list(resume.snapshots),
                    steps=resume.steps, dead=[resume.dead.history], died=resume.dead.died,
                    revived=resume.dead.revived, first=resume.dead.first)
    start_step = sum(a.size for a in past["loss"])

    loss_hist, acc_hist, pen_hist = np.empty(steps), np.empty(steps), np.empty(steps)
    tloss_hist, tacc_hist = np.empty(steps), np.empty(steps)
    logits, cache, loss = _evaluate(Phi, y, weights, biases, acts)
    loss += penalty(weights, l1, l2)
    initial_loss, initial_acc = (loss, accuracy(logits, y)) if resume is None else \
        (resume.initial_loss, resume.initial_accuracy)
    was_dead = _dead_all(cache)
    initial_dead = int(was_dead.sum()) if resume is None else resume.dead.initial
    dead_hist = np.zeros(steps, dtype=np.int64)
    died, revived, first_death = past["died"], past["revived"], past["first"]

    def test_scores():
        if not len(X_test):
            return math.nan, math.nan
        t_logits, _, t_loss = _evaluate(Phi_test, y_test, weights, biases, acts)
        return t_loss, accuracy(t_logits, y_test)

    gx, gy = grid_box(X_all, snapshot_grid)
    snaps = past["snaps"]
    interval = None
    if snapshot_every is not None:
        interval = max(_check_int("snapshot_every", snapshot_every, 1, MAX_STEPS),
                       -(-steps // (MAX_SNAPSHOTS - 2)))
        if not snaps and math.isfinite(loss):
            snaps.append(_snapshot(0, gx, gy, weights, biases, acts, features, loss,
                                   accuracy(logits, y), test_scores()))

    done, diverged, timed_out = 0, not math.isfinite(loss), False
    start = time.perf_counter()
    while done < steps and not diverged:
        if time_limit is not None and time.perf_counter() - start > time_limit:
            timed_out = True
            break
        backup = theta.copy()
        with np.errstate(all="ignore"):  # divergence is detected below, not warned about
            if full_batch:
                ds, bcache = _data_loss_grad(logits, y), cache
            else:
                idx = batches.next()
                b_logits, bcache = _forward(Phi[idx], weights, biases, acts)
                ds = _data_loss_grad(b_logits, y[idx])
            gw, gb = _backward(ds, weights, bcache, acts, l1, l2)
        grad = np.concatenate([g.ravel() for g in (*gw, *gb)])  # (P,) in _flatten's order
        if np.all(np.isfinite(grad)):
            opt.step([theta], [grad])  # every rule is elementwise: one flat array is exact
            logits, cache, loss = _evaluate(Phi, y, weights, biases, acts)
            pen = penalty(weights, l1, l2)
            loss += pen
        if not (np.all(np.isfinite(grad)) and np.all(np.isfinite(theta))
                and math.isfinite(loss)):
            diverged = True
            theta[...] = backup  # the last finite weights
            break
        loss_hist[done], acc_hist[done], pen_hist[done] = loss, accuracy(logits, y), pen
        tloss_hist[done], tacc_hist[done] = test_scores()
        is_dead = _dead_all(cache)
        dead_hist[done] = is_dead.sum()
        done += 1
        step = start_step + done
        new_deaths = int(np.sum(is_dead & ~was_dead))
        if new_deaths and not died:
            first_death = step
        died += new_deaths
        revived += int(np.sum(was_dead & ~is_dead))
        was_dead = is_dead
        if interval is not None and (step % interval == 0 or done == steps):
            snaps.append(_snapshot(step, gx, gy, weights, biases, acts, features, loss,
                                   acc_hist[done - 1], (tloss_hist[done - 1],
                                                        tacc_hist[done - 1])))
        if callback is not None and (done % every == 0 or done == steps):
            callback(done, loss, acc_hist[done - 1])

    if interval is not None and snaps and snaps[-1].step != start_step + done and done:
        snaps.append(_snapshot(start_step + done, gx, gy, weights, biases, acts, features,
                               loss_hist[done - 1], acc_hist[done - 1],
                               (tloss_hist[done - 1], tacc_hist[done - 1])))
    weights, biases = [w.copy() for w in weights], [b.copy() for b in biases]
    layer_acts = acts[:len(hidden)]
    ggx, ggy, grid_p = decision_grid(X_all, weights, biases, [a for a, _ in layer_acts],
                                     [p for _, p in layer_acts], features=features)
    has_test = bool(len(X_test))

    ends = np.cumsum([0, *hidden])  # where each hidden layer's units start and end

    def joined(key, new):
        return np.concatenate([*past[key], new[:done]])

    return TrainResult(
        loss_history=joined("loss", loss_hist), accuracy_history=joined("acc", acc_hist),
        weights=weights, biases=biases, grid_x=ggx, grid_y=ggy, grid_probability=grid_p,
        X=X, y=y, initial_loss=initial_loss, initial_accuracy=initial_acc, lr=lr,
        steps=past["steps"] + steps, diverged=diverged, timed_out=timed_out, config=config,
        classes=n_classes, features=features, X_test=X_test, y_test=y_test,
        initial_weights=[w.copy() for w in w0], initial_biases=[b.copy() for b in b0],
        penalty_history=joined("pen", pen_hist),
        test_loss_history=joined("tloss", tloss_hist) if has_test else np.empty(0),
        test_accuracy_history=joined("tacc", tacc_hist) if has_test else np.empty(0),
        snapshots=snaps, snapshot_x=gx, snapshot_y=gy,
        dead=DeadUnits(history=joined("dead", dead_hist), initial=initial_dead, died=died,
                       revived=revived, first=first_death,
                       final=[was_dead[a:b] for a, b in zip(ends[:-1], ends[1:])],
                       units=int(sum(hidden))),
        state=dict(opt=opt, batches=batches),
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


# ---------------------------------------------------------------- a run with no gradient


# Where an activation's slope is read to tell whether it is 0 everywhere (the step's): far
# past any unit's weighted sum in the lab, and fine enough to find a slope left anywhere
# else (hardshrink's and threshold's 1s, a typed formula's). The registry has no flag for it.
FLAT_XS = np.linspace(-50.0, 50.0, 100_001)


def has_no_slope(act, **params) -> bool:
    """Whether ``act`` at ``params`` has slope 0 at every point of `FLAT_XS`: the Heaviside
    step, whose derivative is 0 everywhere and undefined at 0, so backprop passes nothing."""
    with np.errstate(all="ignore"):  # a formula may overflow far out: then it has a slope
        # every 500th point first: any slope there settles it in microseconds, where the
        # whole grid took 1-9 ms a rerun (GELU's 9) for every activation that is not flat
        return not np.any(act.grad(FLAT_XS[::500], **params)) and \
            not np.any(act.grad(FLAT_XS, **params))


def frozen_hidden(result) -> int:
    """How many hidden weights and biases ``result`` left exactly at their initial values,
    where it left every one of them (0 where any moved, or there is no hidden layer):
    backprop sent them exactly 0, measured from the run itself."""
    pairs = list(zip(result.weights[:-1] + result.biases[:-1],
                     result.initial_weights[:-1] + result.initial_biases[:-1]))
    if not pairs or not all(np.array_equal(now, start) for now, start in pairs):
        return 0
    return sum(now.size for now, _ in pairs)


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

    ``grads[k]`` is the gradient used for the step from ``path[k]`` to ``path[k + 1]``.
    The steps fall into four kinds, as fractions of all steps: ``same_sign``, both gradient
    components nonzero with one sign (both weights move the same way); ``opposite``, both
    nonzero with opposite signs; ``one_weight``, exactly one component 0 (an input of 0:
    that weight stays, the other moves); ``no_move``, both 0 (both inputs 0: no gradient).
    They add up to 1. ``loss`` is the mean loss on the grid ``(gx, gy)`` for the contours.
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
    opposite: float = 0.0
    one_weight: float = 0.0
    no_move: float = 0.0


ZIGZAG_START = (-1.0, 1.0)
ZIGZAG_TARGET = (1.0, -1.0)
ZIGZAG_KINDS = ("positive", "relu", "centred")
# ReLU's outputs have no upper bound: its inputs are those of the pre-activations halved,
# where the longest of the 32 default inputs has |a|^2 = 1.49 < 2 (see `zigzag`'s check on
# lr). Halving changes no sign and no zero, which are all the zig-zag depends on.
RELU_SCALE = 0.5


def zigzag_inputs(kind, m=32, seed=0):
    """``m`` input pairs, all from the same standard-normal pre-activations z: ``"positive"``
    are sigmoid outputs (all in (0, 1)), ``"relu"`` ReLU outputs of ``RELU_SCALE * z`` (never
    negative, about half of them exactly 0), ``"centred"`` tanh outputs (in (-1, 1), mean
    about 0)."""
    z = np.random.default_rng(seed).standard_normal((m, 2))  # (m, 2)
    if kind == "positive":
        return get("sigmoid")(z)
    if kind == "relu":
        return get("relu")(RELU_SCALE * z)
    if kind == "centred":
        return get("tanh")(z)
    raise ValueError(f"kind must be one of {', '.join(ZIGZAG_KINDS)}, got {kind!r}")


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
    ReLU outputs are never negative either, so no step moves the weights opposite ways;
    but an input of exactly 0 leaves its weight where it is, and such a step moves the other
    weight alone. Zero-centred inputs (tanh outputs) allow any direction.

    Args:
        kind: ``"positive"``, ``"relu"`` or ``"centred"`` (see :func:`zigzag_inputs`).
        steps: updates, 1 to 1000. Default: 40.
        lr: step size in (0, 1], with ``lr * |a|**2 <= 2`` for every input a. Default: 1.0.
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
    longest = float(np.max(np.sum(inputs * inputs, axis=1)))
    if lr * longest > 2:
        # Each step multiplies the error's part along a by 1 - lr |a|^2: beyond -1 it grows.
        raise ValueError(f"lr * |a|^2 must be at most 2 for every input (the longest has "
                         f"|a|^2 = {longest:.3g}), got lr = {lr!r}")
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
    product = np.sign(grads[:, 0]) * np.sign(grads[:, 1])  # (steps,) 1, -1 or 0
    zeros = np.sum(grads == 0, axis=1)  # (steps,) components that are exactly 0
    gx, gy, loss = _zigzag_contours(inputs, w_star, path, grid)
    return ZigZag(inputs, path, grads, float(np.mean(product > 0)), w_star, gx, gy, loss,
                  float(np.linalg.norm(path[-1] - w_star)),
                  opposite=float(np.mean(product < 0)), one_weight=float(np.mean(zeros == 1)),
                  no_move=float(np.mean(zeros == 2)))


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

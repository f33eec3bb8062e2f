r"""Helpers for the softmax and cross-entropy playground page.

Everything here is pure (no streamlit): parsing and validating what a visitor types or
puts in a link, the temperature grid, and the small sweeps the page plots. The maths
itself is :mod:`activations.softmax` and :mod:`activations.losses`; this module only
arranges it for display.

Parse errors are raised as :class:`InputError` carrying a ``reason`` code and the
1-based ``item`` at fault, never the raw text: the page turns the code into a sentence
in the visitor's language, so nothing a stranger typed is echoed back.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import scipy.special

from activations import losses
from activations.numfmt import round_log_steps
from activations.softmax import entropy, log_softmax, naive_softmax, softmax, softmin

__all__ = [
    "LOGIT_LIMIT", "MIN_CLASSES", "MAX_CLASSES", "MAX_TEXT_LENGTH", "MAX_NAME_LENGTH",
    "DEFAULT_LOGITS", "DEFAULT_TARGET", "PRESETS", "TEMPERATURES", "DEFAULT_TEMPERATURE",
    "SEED_P", "SEED_Q1", "SEED_Q2",
    "InputError", "parse_logits", "format_logits", "parse_target", "sanitize_name",
    "fit_names", "apply_table_edits", "snap_temperature", "format_temperature",
    "argmax_one_hot", "SoftmaxViews", "softmax_views", "soft_argmax_case", "temperature_sweep",
    "TargetLoss", "target_loss", "true_class", "loss_vs_logit", "loss_curve_case",
    "best_logit", "WorkedExample", "worked_example",
    "BinaryPoint", "binary_point", "binary_curves", "RegressionLosses", "regression_losses",
    "MAX_REGRESSION_ROWS", "REGRESSION_LIMIT", "DEFAULT_REGRESSION", "OUTLIER_MAX",
    "OUTLIER_OFFSETS", "clean_pairs", "with_outlier", "outlier_sweep",
    "StabilityDemo", "stability_demo",
]

LOGIT_LIMIT = 1e4  # |z| above this is refused: the demo is about ~1000, not 1e308
MIN_CLASSES = 2
MAX_CLASSES = 10
MAX_TEXT_LENGTH = 200  # longer text is refused unread
MAX_NAME_LENGTH = 20

DEFAULT_LOGITS = (1.0, 3.0, 0.0, 2.0)  # the seeds' example: argmax ([1, 3, 0, 2]) = class 2
DEFAULT_TARGET = "1"

# Preset logits, by id (the page names them from its catalog).
PRESETS: dict[str, tuple[float, ...]] = {
    "seeds": DEFAULT_LOGITS,
    "confident": (6.0, 1.0, 0.5, 0.0, -1.0),
    "close_call": (2.0, 1.9, 0.5),
    "tie": (1.0, 1.0, 1.0, 1.0),
    "two_classes": (1.5, -0.5),
    "ten_classes": (0.5, -1.0, 2.0, 0.0, 1.2, -0.3, 2.2, -2.0, 0.8, 1.0),
    "extreme": (1e4, -1e4, 0.0),
}


# Round values, ten a decade, so the slider feels logarithmic and every value reads cleanly
# in a link (T=0.25, never T=0.2512).
TEMPERATURES = round_log_steps(0.01, 100.0)  # 41 values, 0.01 ... 100
DEFAULT_TEMPERATURE = 1.0

# The seeds' worked example: true p against a uniform guess q1 and a closer guess q2.
SEED_P = (0.5, 0.125, 0.125, 0.25)
SEED_Q1 = (0.25, 0.25, 0.25, 0.25)
SEED_Q2 = (0.5, 0.25, 0.125, 0.125)


# --- parsing ----------------------------------------------------------------------------


class InputError(ValueError):
    """Text that can't be used, with a machine-readable ``reason``.

    Reasons: ``empty``, ``too_long``, ``too_many``, ``too_few``, ``empty_item``,
    ``not_a_number``, ``not_finite``, ``too_large``, ``negative``, ``zero_sum``,
    ``wrong_count``, ``no_such_class``. ``item`` is the 1-based position at fault
    (None when the whole text is at fault); ``count`` is how many items were found.
    """

    def __init__(self, reason: str, item: int | None = None, count: int | None = None):
        self.reason, self.item, self.count = reason, item, count
        where = f" (item {item})" if item is not None else ""
        super().__init__(f"{reason}{where}")


# Plain decimal notation only: float() alone would also take "nan", "1_000" and
# non-ASCII digits, none of which a link should carry.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
# Minus signs people paste or type by habit, read as the hyphen-minus they mean: the
# typeset minus of slides and of this app's own chart labels (U+2212), an en dash, and the
# full-width minus a Korean input method gives in full-width mode (U+FF0D).
_MINUS = str.maketrans(dict.fromkeys("\u2212\u2013\uff0d", "-"))


def _split(text, max_items: int) -> list[str]:
    """Comma-separated items, stripped; checks length and count before parsing any."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError("too_long")
    items = [item.strip() for item in text.split(",")]
    if len(items) > max_items:
        raise InputError("too_many", count=len(items))
    return items


def _number(item: str, position: int) -> float:
    """One item as a finite float, or InputError naming its 1-based ``position``."""
    item = item.translate(_MINUS)
    if not item:
        raise InputError("empty_item", item=position)
    if _NON_FINITE.fullmatch(item):
        raise InputError("not_finite", item=position)
    if not _NUMBER.fullmatch(item):
        raise InputError("not_a_number", item=position)
    value = float(item)  # may be inf for e.g. 1e999: caught as too large below
    if not abs(value) <= LOGIT_LIMIT:
        raise InputError("too_large", item=position)
    return value + 0.0  # -0.0 -> 0.0


def parse_logits(text) -> np.ndarray:
    """Comma-separated logits, e.g. ``"1, 3, 0, 2"``, as a float64 array.

    Accepts 2 to 10 plain decimal numbers (``1``, ``-0.5``, ``2e3``; a minus may be the
    typeset ``−``, an en dash or a full-width ``－``), each with :math:`|z| \\le 10^4`, in
    at most 200 characters.

    Raises:
        InputError: with the reason and the 1-based item at fault.
    """
    items = _split(text, MAX_CLASSES)
    values = np.array([_number(item, i + 1) for i, item in enumerate(items)])  # (n,)
    if values.size < MIN_CLASSES:
        raise InputError("too_few", count=values.size)
    return values


def format_logits(values) -> str:
    """Logits as the compact text ``parse_logits`` reads back (6 significant digits)."""
    return ",".join(format(float(v) + 0.0, ".6g") for v in values)


def parse_target(text, n: int) -> np.ndarray:
    """A target for ``n`` classes: a class number, or one weight per class.

    ``"2"`` means class 2 (1-based), i.e. the one-hot vector ``[0, 1, 0, ...]``.
    ``"0.7, 0.2, 0.1"`` is a distribution; weights must be >= 0 with a positive sum
    and are normalised to sum to 1.

    Returns:
        The target distribution, shape (n,), float64.

    Raises:
        InputError: with the reason and the 1-based item at fault.
    """
    items = _split(text, MAX_CLASSES)
    if len(items) == 1:
        value = _number(items[0], 1)
        if value != int(value) or not 1 <= value <= n:
            raise InputError("no_such_class", item=1)
        y = np.zeros(n)
        y[int(value) - 1] = 1.0
        return y
    if len(items) != n:
        raise InputError("wrong_count", count=len(items))
    weights = np.array([_number(item, i + 1) for i, item in enumerate(items)])  # (n,)
    negative = np.flatnonzero(weights < 0)
    if negative.size:
        raise InputError("negative", item=int(negative[0]) + 1)
    total = weights.sum()
    if total <= 0:
        raise InputError("zero_sum")
    return weights / total


# --- class names ------------------------------------------------------------------------


def sanitize_name(name, fallback: str) -> str:
    """A class name reduced to letters, digits, spaces and hyphens, at most 20 characters.

    Names go into slider labels (which read Markdown) and Plotly text (which reads some
    HTML tags), so anything that could be markup (``*_[]<>$:`` ...) is dropped rather
    than escaped. An empty result gives ``fallback``.
    """
    if not isinstance(name, str):
        return fallback
    kept = "".join(c for c in name if c.isalnum() or c in " -")
    # A leading hyphen would read as a Markdown list item in a label.
    kept = " ".join(kept.split()).lstrip("- ")[:MAX_NAME_LENGTH].strip()
    return kept or fallback


def fit_names(names, defaults) -> list[str]:
    """``names`` cleaned and padded/cut to ``len(defaults)``, defaults filling gaps."""
    names = list(names or [])[: len(defaults)]
    names += [None] * (len(defaults) - len(names))
    return [sanitize_name(name, default) for name, default in zip(names, defaults)]


def _table_cell(row: dict, column: str):
    value = row.get(column)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def apply_table_edits(names, values, edits, defaults) -> tuple[list[str], np.ndarray]:
    """Apply a Streamlit ``data_editor`` edit record to the class table.

    Args:
        names: current class names, length n.
        values: current logits, length n.
        edits: ``{"edited_rows": {row: {column: value}}, "added_rows": [{...}],
            "deleted_rows": [row, ...]}`` with columns ``"name"`` and ``"logit"``.
        defaults: default names for positions 1..MAX_CLASSES, used for blank names.

    Returns:
        The new (names, logits). A blank logit becomes 0.

    Raises:
        InputError: ``too_few`` / ``too_many`` classes, or ``too_large`` /
        ``not_finite`` for a logit beyond the limit (``item`` is the 1-based row).
    """
    rows = [{"name": n, "logit": float(v)} for n, v in zip(names, values)]
    for index, change in (edits.get("edited_rows") or {}).items():
        index = int(index)
        if 0 <= index < len(rows) and isinstance(change, dict):
            rows[index].update({k: v for k, v in change.items() if k in ("name", "logit")})
    deleted = {int(i) for i in edits.get("deleted_rows") or []}
    rows = [row for i, row in enumerate(rows) if i not in deleted]
    rows += [dict(row) for row in edits.get("added_rows") or [] if isinstance(row, dict)]
    if len(rows) < MIN_CLASSES:
        raise InputError("too_few", count=len(rows))
    if len(rows) > MAX_CLASSES:
        raise InputError("too_many", count=len(rows))
    logits = []
    for i, row in enumerate(rows):
        cell = _table_cell(row, "logit")
        try:
            value = 0.0 if cell is None else float(cell)
        except (TypeError, ValueError):
            raise InputError("not_a_number", item=i + 1) from None
        if not math.isfinite(value):
            raise InputError("not_finite", item=i + 1)
        if abs(value) > LOGIT_LIMIT:
            raise InputError("too_large", item=i + 1)
        logits.append(value + 0.0)
    new_names = [sanitize_name(_table_cell(row, "name"), defaults[i]) for i, row in enumerate(rows)]
    return new_names, np.array(logits)


# --- temperature ------------------------------------------------------------------------


def snap_temperature(value: float) -> float:
    """The grid temperature nearest to ``value`` on a log scale (clamped to the grid)."""
    value = min(max(float(value), TEMPERATURES[0]), TEMPERATURES[-1])
    logs = np.log(TEMPERATURES)
    return TEMPERATURES[int(np.argmin(np.abs(logs - math.log(value))))]


def format_temperature(value: float) -> str:
    """``0.01`` -> ``"0.01"``, ``1.0`` -> ``"1"``: the text a link and the slider show."""
    return format(float(value), "g")


# --- softmax views ----------------------------------------------------------------------


def argmax_one_hot(z) -> np.ndarray:
    """One-hot vector of the largest logit (the first one on a tie, as ``np.argmax``)."""
    z = np.asarray(z, dtype=np.float64)
    one_hot = np.zeros_like(z)
    one_hot[np.argmax(z)] = 1.0
    return one_hot


@dataclass(frozen=True)
class SoftmaxViews:
    """One logit vector seen four ways at one temperature, plus the output entropy.

    softmax, argmax, softmin: probabilities, shape (n,). log_softmax: shape (n,), <= 0.
    entropy: of the softmax output, in nats; max_entropy = log n (uniform).
    """

    softmax: np.ndarray
    argmax: np.ndarray
    softmin: np.ndarray
    log_softmax: np.ndarray
    entropy: float
    max_entropy: float


def softmax_views(z, temperature: float) -> SoftmaxViews:
    """Softmax, argmax one-hot, softmin and log-softmax of ``z`` at ``temperature``."""
    z = np.asarray(z, dtype=np.float64)
    p = softmax(z, temperature)
    return SoftmaxViews(
        softmax=p,
        argmax=argmax_one_hot(z),
        softmin=softmin(z, temperature),
        log_softmax=log_softmax(z, temperature),
        entropy=float(entropy(p)),
        max_entropy=math.log(z.size),
    )


def soft_argmax_case(z, p) -> str:
    """Which sentence tells softmax ``p`` of logits ``z`` apart from argmax, as shown.

    ``"tie"``: several logits share the largest value; argmax takes the first of them
    (``np.argmax``, ``torch.argmax``) and softmax gives them equal shares. ``"saturated"``:
    every other probability underflowed to exactly 0 in float64 (``e^(-gap/T)`` below
    5e-324: logits ±10000, or T = 0.01 with gaps over ~7.5), so softmax prints argmax's own
    one-hot vector. ``"soft"``: the rest, where the others keep some probability.
    """
    z, p = np.asarray(z, dtype=np.float64), np.asarray(p, dtype=np.float64)
    if np.count_nonzero(z == z.max()) > 1:
        return "tie"
    return "saturated" if np.count_nonzero(p) == 1 else "soft"


def temperature_sweep(z, temperatures=TEMPERATURES) -> tuple[np.ndarray, np.ndarray]:
    """Softmax of ``z`` at each temperature, and its entropy.

    Returns:
        (probabilities of shape (len(temperatures), n), entropies of shape (len(temperatures),)).
    """
    z = np.asarray(z, dtype=np.float64)
    probs = np.stack([softmax(z, t) for t in temperatures])  # (n_T, n)
    return probs, entropy(probs, axis=-1)


# --- cross-entropy against a target -----------------------------------------------------


@dataclass(frozen=True)
class TargetLoss:
    """Cross-entropy of softmax(z / T) against a target y, and its gradient in z.

    p: predicted probabilities (n,). loss: :math:`-\\sum_k y_k \\log p_k` (the NLL of
    the true class for a one-hot y). grad: :math:`\\partial L / \\partial z_k = (p_k - y_k) / T`,
    shape (n,).
    """

    p: np.ndarray
    loss: float
    grad: np.ndarray


def target_loss(z, y, temperature: float = 1.0) -> TargetLoss:
    """Softmax cross-entropy of logits ``z`` at ``temperature`` against target ``y``.

    The temperature scales the logits before the loss, so by the chain rule the
    gradient in the unscaled logits carries a factor 1/T.
    """
    scaled = np.asarray(z, dtype=np.float64) / temperature  # (n,)
    y = np.asarray(y, dtype=np.float64)
    return TargetLoss(
        p=softmax(scaled),
        loss=float(losses.cross_entropy_with_logits(scaled, y)),
        grad=losses.cross_entropy_with_logits_grad(scaled, y) / temperature,
    )


def true_class(y) -> int | None:
    """The class index of a one-hot target, or None for a spread-out distribution."""
    y = np.asarray(y)
    hits = np.flatnonzero(y == 1.0)
    return int(hits[0]) if hits.size == 1 and np.count_nonzero(y) == 1 else None


def loss_vs_logit(z, y, k: int, temperature: float = 1.0, span: float = 10.0, num: int = 161):
    """Loss and gradient as logit ``k`` alone is dragged across ``z_k ± span``.

    ``y`` must sum to 1 (as :func:`parse_target` gives), so the gradient is (p - y)/T.

    Returns:
        (xs, loss, grad), each of shape (num,): the values tried for ``z_k``, the
        cross-entropy there, and :math:`\\partial L / \\partial z_k` there.
    """
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    xs = np.linspace(z[k] - span, z[k] + span, num)  # (num,)
    moved = np.tile(z, (num, 1))  # (num, n): one row per position of z_k
    moved[:, k] = xs
    loss = -(log_softmax(moved, temperature) @ y)  # (num,)
    grad = (softmax(moved, temperature)[:, k] - y[k]) / temperature  # (num,)
    return xs, loss, grad


def loss_curve_case(y, k: int) -> str:
    """What the loss does as logit ``k`` alone grows, for the target ``y`` (summing to 1).

    ``"true"`` (y_k = 1): it keeps falling, its slope rising from -1/T towards 0.
    ``"wrong"`` (y_k = 0): it keeps rising, its slope climbing from 0 towards 1/T.
    ``"soft"`` (0 < y_k < 1): it falls, then rises; lowest at :func:`best_logit`, where
    p_k = y_k and the slope, from -y_k/T to (1 - y_k)/T, crosses 0.
    """
    y_k = float(np.asarray(y, dtype=np.float64)[k])
    return "true" if y_k == 1.0 else "wrong" if y_k == 0.0 else "soft"


def best_logit(z, y, k: int, temperature: float = 1.0) -> float:
    r"""The value of logit ``k`` (the others fixed) where the cross-entropy is lowest, for a
    target weight 0 < y_k < 1: there softmax(z / T)_k = y_k, i.e.
    :math:`z_k = T \log\frac{y_k}{1 - y_k} + T \log\sum_{j \ne k} e^{z_j / T}`.
    """
    z = np.asarray(z, dtype=np.float64)
    y_k = float(np.asarray(y, dtype=np.float64)[k])
    if not 0.0 < y_k < 1.0:
        raise ValueError(f"the loss has no lowest point in z_k for y_k = {y_k}")
    others = np.delete(z, k) / temperature  # (n - 1,)
    return float(temperature * (math.log(y_k) - math.log1p(-y_k)
                                + scipy.special.logsumexp(others)))


# --- the seeds' worked example ----------------------------------------------------------


@dataclass(frozen=True)
class WorkedExample:
    """H(p, q) and KL(p || q) for the seeds' p against q1 (uniform) and q2, in nats."""

    p: np.ndarray
    q1: np.ndarray
    q2: np.ndarray
    entropy_p: float
    cross_entropy_q1: float
    cross_entropy_q2: float
    kl_q1: float
    kl_q2: float


def worked_example(p=SEED_P, q1=SEED_Q1, q2=SEED_Q2) -> WorkedExample:
    """The seeds' example: H(p, q1) ~ 1.386, H(p, q2) ~ 1.300, H(p) ~ 1.213 nats."""
    p, q1, q2 = (np.asarray(a, dtype=np.float64) for a in (p, q1, q2))
    return WorkedExample(
        p=p, q1=q1, q2=q2,
        entropy_p=float(entropy(p)),
        cross_entropy_q1=float(losses.cross_entropy(p, q1)),
        cross_entropy_q2=float(losses.cross_entropy(p, q2)),
        kl_q1=float(losses.kl_divergence(p, q1)),
        kl_q2=float(losses.kl_divergence(p, q2)),
    )


# --- binary case ------------------------------------------------------------------------


@dataclass(frozen=True)
class BinaryPoint:
    """At one logit z: p = sigmoid(z), BCE for y = 1 and y = 0, and dBCE/dz = p - y."""

    p: float
    loss_1: float
    loss_0: float
    grad_1: float
    grad_0: float


def binary_point(z: float) -> BinaryPoint:
    """Binary cross-entropy (on the logit, so exact for any z) for both labels."""
    z = np.array([float(z)])  # one example: the mean over it is the value itself
    bce = losses.binary_cross_entropy_with_logits
    grad = losses.binary_cross_entropy_with_logits_grad
    return BinaryPoint(
        p=float(scipy.special.expit(z[0])),
        loss_1=float(bce(z, 1.0)), loss_0=float(bce(z, 0.0)),
        grad_1=float(grad(z, 1.0)[0]), grad_0=float(grad(z, 0.0)[0]),
    )


def binary_curves(zs) -> dict[str, np.ndarray]:
    """:func:`binary_point` across ``zs``: arrays ``p, loss_1, loss_0, grad_1, grad_0``."""
    points = [binary_point(z) for z in np.asarray(zs, dtype=np.float64)]
    return {f: np.array([getattr(pt, f) for pt in points])
            for f in ("p", "loss_1", "loss_0", "grad_1", "grad_0")}


# --- regression losses ------------------------------------------------------------------


@dataclass(frozen=True)
class RegressionLosses:
    """MSE, RMSE and MAE of predictions against targets, with gradients (each (N,))."""

    mse: float
    rmse: float
    mae: float
    mse_grad: np.ndarray
    rmse_grad: np.ndarray
    mae_grad: np.ndarray


def regression_losses(pred, target) -> RegressionLosses:
    """The three regression losses and their gradients in the predictions."""
    return RegressionLosses(
        mse=float(losses.mse(pred, target)),
        rmse=float(losses.rmse(pred, target)),
        mae=float(losses.mae(pred, target)),
        mse_grad=losses.mse_grad(pred, target),
        rmse_grad=losses.rmse_grad(pred, target),
        mae_grad=losses.mae_grad(pred, target),
    )


MAX_REGRESSION_ROWS = 50
REGRESSION_LIMIT = 1e3  # |value| above this is refused in the regression table
DEFAULT_REGRESSION = ((1.0, 2.0, 3.0, 4.0, 5.0, 6.0),  # targets
                      (1.3, 1.8, 3.4, 3.7, 5.2, 6.1))  # predictions
OUTLIER_MAX = 20.0  # the outlier slider's range is [0, OUTLIER_MAX]
OUTLIER_OFFSETS = np.linspace(0.0, OUTLIER_MAX, 81)  # the sweep's grid, step 0.25


def clean_pairs(target, pred) -> tuple[np.ndarray, np.ndarray, int]:
    """Rows of an editable (target, prediction) table that can be used.

    Rows with a blank, non-finite or out-of-range (|v| > 1000) cell are dropped; at most
    50 rows are kept.

    Returns:
        (targets, predictions, number of rows dropped).

    Raises:
        InputError: ``too_few`` when no usable row is left.
    """
    target = np.asarray(target, dtype=np.float64).ravel()  # (rows,)
    pred = np.asarray(pred, dtype=np.float64).ravel()  # (rows,)
    both = np.column_stack([target, pred])  # (rows, 2)
    ok = np.all(np.isfinite(both) & (np.abs(np.nan_to_num(both)) <= REGRESSION_LIMIT), axis=1)
    kept = both[ok][:MAX_REGRESSION_ROWS]
    if kept.shape[0] == 0:
        raise InputError("too_few", count=0)
    return kept[:, 0] + 0.0, kept[:, 1] + 0.0, len(target) - kept.shape[0]


def with_outlier(pred, offset: float) -> np.ndarray:
    """``pred`` with its last prediction pushed ``offset`` away: the outlier of the demo."""
    moved = np.array(pred, dtype=np.float64)  # a copy, (N,)
    moved[-1] += offset
    return moved


def outlier_sweep(pred, target, index: int, offsets) -> dict[str, np.ndarray]:
    """MSE, RMSE and MAE as prediction ``index`` is pushed ``offset`` away from the rest.

    Returns:
        ``{"mse": ..., "rmse": ..., "mae": ...}``, each of shape (len(offsets),).
    """
    pred = np.asarray(pred, dtype=np.float64)
    out = {"mse": [], "rmse": [], "mae": []}
    for offset in np.asarray(offsets, dtype=np.float64):
        moved = pred.copy()
        moved[index] += offset
        out["mse"].append(losses.mse(moved, target))
        out["rmse"].append(losses.rmse(moved, target))
        out["mae"].append(losses.mae(moved, target))
    return {name: np.array(values) for name, values in out.items()}


# --- numerical stability ----------------------------------------------------------------


@dataclass(frozen=True)
class StabilityDemo:
    """The naive and the max-shifted softmax side by side, in one dtype.

    naive_exp: exp(z), may hold inf (overflow) or all zeros (underflow).
    naive: exp(z) / sum exp(z), may hold nan. shifted_exp: exp(z - max z), in (0, 1].
    stable: :func:`activations.softmax.softmax`. problem: ``"ok"``, ``"overflow"``
    (some exp(z) = inf, so inf / inf = nan) or ``"underflow"`` (every exp(z) = 0,
    so 0 / 0 = nan).
    """

    z: np.ndarray
    naive_exp: np.ndarray
    naive: np.ndarray
    shifted_exp: np.ndarray
    stable: np.ndarray
    problem: str


def stability_demo(z, dtype=np.float64) -> StabilityDemo:
    """Run the textbook softmax and the stable one on ``z`` cast to ``dtype``."""
    z = np.asarray(z, dtype=dtype)  # (n,)
    with np.errstate(over="ignore", under="ignore"):  # the overflow is the lesson here
        naive_exp = np.exp(z)
        shifted_exp = np.exp(z - z.max())
    if np.isinf(naive_exp).any():
        problem = "overflow"
    elif not naive_exp.any():
        problem = "underflow"
    else:
        problem = "ok"
    return StabilityDemo(z=z, naive_exp=naive_exp, naive=naive_softmax(z),
                         shifted_exp=shifted_exp, stable=softmax(z), problem=problem)


r"""Softmax family with temperature: softmax, log-softmax, softmin, Jacobian, entropy.

Temperature divides the logits, ``softmax(z / T)`` (inverse temperature
:math:`\beta = 1/T`). ``T -> 0`` approaches a one-hot argmax, ``T -> inf`` the uniform
distribution.

Numerics: every function here is finite and warning-free for any finite input,
including logits at the dtype maximum with ``T = 0.01`` and any ``T > 0`` down to the
smallest subnormal, 5e-324: there is no floor on T. The one place that needs care is
``(z - max z) / T`` (see :func:`_shifted_logits`); the rest is delegated to
:func:`scipy.special.softmax` and :func:`scipy.special.log_softmax`.
``naive_softmax`` is the deliberate exception, kept to show what goes wrong without
the max shift.

Masks: a logit of ``-inf`` is how a class is masked (``+inf`` for softmin, which negates
its logits). Its probability is exactly 0 and its log-probability ``-inf``; the other
classes share the mass as if it were absent. A row with every class masked has no
softmax (0/0) and a logit of ``+inf`` none either (it would take all the mass, and torch
gives nan for both): both raise ``ValueError``.

Float32 input gives float32 output; integer and bool input is computed in float64.

``logit_sweep`` moves one logit alone and returns that class's output under softmax and
under argmax, with their slopes: the picture behind "argmax has no usable gradient".
"""

import math
from dataclasses import dataclass

import numpy as np
import scipy.special

from .registry import as_float_array

__all__ = [
    "softmax",
    "log_softmax",
    "softmin",
    "softmax_jacobian",
    "entropy",
    "naive_softmax",
    "LogitSweep",
    "logit_sweep",
]


def _check_temperature(temperature):
    """Return ``temperature`` as a Python float, or raise ValueError unless finite and > 0."""
    t = float(temperature)
    if not (math.isfinite(t) and t > 0.0):
        raise ValueError(
            f"temperature must be a finite number > 0, got {temperature!r} "
            "(T -> 0 is argmax, T -> inf is uniform; neither is a valid T)"
        )
    return t


def _shifted_logits(z, t, axis):
    """``(z - max(z)) / t`` along ``axis``, in ``z``'s dtype, without warnings.

    The result is <= 0 with its maximum exactly 0, so the exp inside scipy's softmax
    cannot overflow. Entries that overflow to ``-inf`` here are exactly the ones whose
    probability underflows to 0 anyway, so the softmax is unaffected.

    The division is by ``t`` itself, in float64, rounded once: T/2 would round or
    underflow for a subnormal T (5e-324 / 2 is 0), and float32 would turn T = 1e-50 into
    0. Raises ``ValueError`` for a row of masks only (-inf everywhere) or a +inf logit.
    """
    z = as_float_array(z)
    m = np.max(z, axis=axis, keepdims=True)  # z's shape with axis reduced to 1
    if np.isinf(m).any():
        raise ValueError(
            "cannot take a softmax: "
            + ("a logit is +inf, which would take all the mass"
               if np.isposinf(m).any() else "every logit along the axis is masked (-inf)")
            + "; mask a class with -inf (+inf for softmin) and keep the others finite")
    zw = z.astype(np.float64, copy=False)  # (same shape as z); float32 keeps exact values
    with np.errstate(over="ignore"):
        d = zw - m  # <= 0; -inf at masks, and where z - max overflows (z near -max)
        x = d / t
        over = np.isinf(d) & np.isfinite(zw)
        if over.any():
            # z - max spans up to twice the dtype range: halving each is exact there,
            # and doubling the quotient again only overflows where the truth does.
            x = np.where(over, 2.0 * ((zw / 2 - m / 2) / t), x)
        return x.astype(z.dtype, copy=False)  # float32: < -max rounds to -inf (p = 0)


def softmax(z, temperature=1.0, axis=-1):
    r"""Softmax with temperature.

    .. math::
        \mathrm{softmax}(z)_i = \frac{\exp(z_i / T)}{\sum_j \exp(z_j / T)}

    Computed as ``scipy.special.softmax((z - max z) / T)``, which never overflows.

    Args:
        z: logits, any shape.
        temperature: :math:`T > 0`, divides the logits. Default: 1.0.
        axis: axis (or tuple of axes, or None for all) to normalise over. Default: -1.

    Returns:
        Probabilities with the shape of ``z``, summing to 1 along ``axis``.

    Raises:
        ValueError: if ``temperature`` is not a finite number > 0.
    """
    t = _check_temperature(temperature)
    return scipy.special.softmax(_shifted_logits(z, t, axis), axis=axis)


def log_softmax(z, temperature=1.0, axis=-1):
    r"""Logarithm of the softmax with temperature.

    .. math::
        \log \mathrm{softmax}(z)_i = \frac{z_i}{T} - \log \sum_j \exp\left(\frac{z_j}{T}\right)

    More accurate than ``log(softmax(z))``: an improbable class gets a large negative
    value instead of ``log(0) = -inf``. A log-probability below the most negative finite
    float (only possible for ``T < 1`` with logits near the dtype maximum) saturates at
    ``np.finfo(dtype).min``, so finite logits always give finite output. A logit that is
    already ``-inf`` (a mask) keeps the exact answer ``-inf``.

    Args:
        z: logits, any shape.
        temperature: :math:`T > 0`, divides the logits. Default: 1.0.
        axis: axis (or tuple of axes, or None for all) to normalise over. Default: -1.

    Returns:
        Log-probabilities with the shape of ``z`` (all <= 0).

    Raises:
        ValueError: if ``temperature`` is not a finite number > 0.
    """
    t = _check_temperature(temperature)
    z = as_float_array(z)
    out = scipy.special.log_softmax(_shifted_logits(z, t, axis), axis=axis)
    # _shifted_logits may have overflowed to -inf for a finite logit: saturate it.
    saturated = np.maximum(out, np.finfo(out.dtype).min)
    return np.where(np.isneginf(z), -np.inf, saturated)


def softmin(z, temperature=1.0, axis=-1):
    r"""Softmin with temperature: the softmax of the negated logits.

    .. math::
        \mathrm{softmin}(z)_i = \frac{\exp(-z_i / T)}{\sum_j \exp(-z_j / T)}

    Args:
        z: logits (energies or costs: lower gets more mass), any shape.
        temperature: :math:`T > 0`, divides the logits. Default: 1.0.
        axis: axis (or tuple of axes, or None for all) to normalise over. Default: -1.

    Returns:
        Probabilities with the shape of ``z``, summing to 1 along ``axis``.

    Raises:
        ValueError: if ``temperature`` is not a finite number > 0.
    """
    # Negation is exact and cannot overflow, so softmax's guarantees carry over.
    return softmax(-as_float_array(z), temperature=temperature, axis=axis)


def softmax_jacobian(z, temperature=1.0):
    r"""Jacobian of ``softmax(z, temperature)`` with respect to the logits ``z``.

    With :math:`p = \mathrm{softmax}(z / T)`,

    .. math::
        J_{ij} = \frac{\partial p_i}{\partial z_j} = \frac{1}{T}\, p_i (\delta_{ij} - p_j),
        \qquad J = \frac{1}{T}\left(\mathrm{diag}(p) - p p^\top\right)

    :math:`J` is symmetric, positive semi-definite, and its rows and columns sum to 0
    (shifting all logits equally does not change :math:`p`). A masked class (-inf) has
    :math:`p_i = 0`, so its row and column are 0.

    Args:
        z: 1-D logits of length n.
        temperature: :math:`T > 0`, divides the logits. Default: 1.0.

    Returns:
        The (n, n) Jacobian.

    Raises:
        ValueError: if ``z`` is not 1-D or ``temperature`` is not a finite number > 0.
    """
    z = as_float_array(z)
    if z.ndim != 1:
        raise ValueError(f"softmax_jacobian expects 1-D logits, got shape {z.shape}")
    t = _check_temperature(temperature)
    p = softmax(z, temperature=t)  # (n,)
    # Divided in float64 (float32 would round a tiny T); below T ~ 1e-308 an entry can
    # exceed the dtype, and is then +-inf, as the true value rounds.
    with np.errstate(over="ignore"):
        return ((np.diag(p) - np.outer(p, p)) / np.float64(t)).astype(p.dtype, copy=False)


def entropy(p, axis=-1):
    r"""Shannon entropy of a probability distribution, in nats.

    .. math::
        H(p) = -\sum_i p_i \log p_i, \qquad 0 \log 0 = 0

    Uses ``scipy.special.entr``, which applies the :math:`0 \log 0 = 0` convention
    (the limit as :math:`p_i \to 0`). The input is not checked to sum to 1.

    Args:
        p: probabilities, any shape.
        axis: axis (or tuple of axes, or None for all) to sum over. Default: -1.

    Returns:
        The entropy, with ``axis`` reduced; between 0 (one-hot) and
        :math:`\log n` (uniform over n outcomes).
    """
    return np.sum(scipy.special.entr(as_float_array(p)), axis=axis)


def naive_softmax(z, axis=-1):
    r"""Textbook softmax without the max shift. INTENTIONALLY UNSTABLE: teaching demo only.

    .. math::
        \mathrm{softmax}(z)_i = \frac{\exp(z_i)}{\sum_j \exp(z_j)}

    computed literally. ``exp`` overflows to ``inf`` once a logit exceeds about 709
    (float64) or 88 (float32), and then ``inf / inf`` gives ``nan``; very negative
    logits underflow to ``0 / 0 = nan``. Those inf/nan values are returned on purpose
    (floating-point warnings are suppressed, not raised) so the demo can show them.
    Use :func:`softmax` for anything real.

    Args:
        z: logits, any shape.
        axis: axis to normalise over. Default: -1.

    Returns:
        ``exp(z) / sum(exp(z))`` with the shape of ``z``, possibly containing inf/nan.
    """
    z = as_float_array(z)
    with np.errstate(all="ignore"):
        e = np.exp(z)
        return e / np.sum(e, axis=axis, keepdims=True)


# The slope bump p (1 - p) / T is half its height where p (1 - p) = 1/8, i.e. where
# (z_k - c) / T = +-ln((1 + 1/sqrt 2) / (1 - 1/sqrt 2)) = +-2 asinh(1): 4 asinh(1) T wide.
BUMP_WIDTH_PER_T = 4.0 * math.asinh(1.0)  # 3.5255
SWEEP_SPAN = 4.0  # the sweep reaches at least this far either side of the jump
SWEEP_POINTS = 121  # evenly spaced over the sweep (a smooth S: more were bytes, not shape)
BUMP_POINTS = 81  # more across the bump, c +- 12 T (p from 6e-6 to 1 - 6e-6)


@dataclass(frozen=True)
class LogitSweep:
    r"""Class k's output as its logit :math:`z_k` alone moves, under softmax and argmax.

    Arrays are float64 of shape (S,), one entry per value of ``xs`` (increasing).

    ``soft`` is :math:`p_k = \mathrm{softmax}(z / T)_k` and ``soft_slope`` its derivative
    :math:`\partial p_k / \partial z_k = p_k (1 - p_k) / T`, a bump that peaks at
    ``peak`` = 1/(4T) where :math:`p_k = 1/2`, at ``midpoint``
    :math:`c = T \log \sum_{j \ne k} e^{z_j / T}` (the others' soft maximum: at least
    ``jump``, at most ``jump + T log(n - 1)``), and is ``bump_width`` wide at half height.
    ``hard`` is entry k of argmax's one-hot vector: 0 left of ``jump``
    (:math:`m = \max_{j \ne k} z_j`), 1 right of it, and at it 1 only if class k ``wins_tie``
    (it comes before every other class whose logit is m: argmax takes the first of the tied,
    as ``np.argmax`` and ``torch.argmax`` do). Its slope is 0 everywhere but at the jump,
    where it has none.

    ``z`` is the current :math:`z_k`; ``p``, ``slope`` and ``h`` the three values there
    (``at_jump``: z = m, where argmax's slope does not exist).
    """

    k: int
    xs: np.ndarray
    soft: np.ndarray
    soft_slope: np.ndarray
    hard: np.ndarray
    jump: float
    wins_tie: bool
    midpoint: float
    peak: float
    bump_width: float
    z: float
    p: float
    slope: float
    h: float
    at_jump: bool


def _class_k_and_slope(rows, k: int, t: float) -> tuple[np.ndarray, np.ndarray]:
    """p_k of each row of logits and p_k (1 - p_k) / t, with 1 - p_k summed from the other
    classes' shares (1 - p_k itself is 0 once p_k rounds to 1, where the slope is not)."""
    probs = softmax(rows, temperature=t)  # rows' shape
    p = probs[..., k]
    rest = np.delete(probs, k, axis=-1).sum(axis=-1)
    # Divided in float64; only below T ~ 1e-308 can the peak pass the float range (inf).
    with np.errstate(over="ignore"):
        return p, p * rest / np.float64(t)


def logit_sweep(z, k: int, temperature=1.0, span: float = SWEEP_SPAN) -> LogitSweep:
    r"""Move logit ``k`` of ``z`` alone across the others and sample its output.

    The sweep is centred on the jump m (the largest other logit) and reaches
    ``max(span, 1.25 |z_k - m|)`` either side, so the current :math:`z_k` is in it; it
    depends on the logits only, not on T, so a smaller T shows the same range with a
    narrower bump. Besides `SWEEP_POINTS` even steps it samples `BUMP_POINTS` across the
    bump (c +- 12 T), so a bump far narrower than a step (T = 0.01) is still drawn, and it
    holds m, c and the current :math:`z_k` exactly.

    Args:
        z: 1-D finite logits, at least two.
        k: the class whose logit moves (0-based).
        temperature: :math:`T > 0`. Default: 1.0.
        span: the least reach either side of the jump. Default: `SWEEP_SPAN`.

    Returns:
        A `LogitSweep`, finite everywhere for T above ~1e-308.

    Raises:
        ValueError: for logits that are not 1-D, fewer than two, or not all finite, a
        class out of range, or a temperature that is not a finite number > 0.
    """
    t = _check_temperature(temperature)
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not np.isfinite(z).all():
        raise ValueError(f"logit_sweep expects 1-D finite logits, at least two; got {z!r}")
    k = int(k)
    if not 0 <= k < z.size:
        raise ValueError(f"class {k} is out of range for {z.size} logits")
    others = np.delete(z, k)  # (n - 1,)
    m = float(others.max())
    # c = m + T log sum exp((z_j - m) / T): each term <= 0, so nothing overflows
    midpoint = m + t * float(scipy.special.logsumexp(_shifted_logits(others, t, -1)))
    reach = max(float(span), 1.25 * abs(float(z[k]) - m))
    lo, hi = m - reach, m + reach
    bump = np.linspace(midpoint - 12 * t, midpoint + 12 * t, BUMP_POINTS)  # (BUMP_POINTS,)
    xs = np.unique(np.concatenate([
        np.linspace(lo, hi, SWEEP_POINTS), bump[(bump > lo) & (bump < hi)],
        [m, float(z[k])] + ([midpoint] if lo < midpoint < hi else [])]))  # (S,) sorted
    rows = np.tile(z, (xs.size, 1))  # (S, n): one row per value of z_k
    rows[:, k] = xs
    soft, soft_slope = _class_k_and_slope(rows, k, t)
    # at z_k = m, class k ties with the others at m and wins if it comes before them all
    index = np.arange(z.size)  # (n,)
    wins_tie = bool(k < index[(z == m) & (index != k)][0])
    hard = np.where(xs > m, 1.0, 0.0)
    hard[xs == m] = float(wins_tie)
    p, slope = _class_k_and_slope(z, k, t)
    with np.errstate(over="ignore"):
        peak = 0.25 / np.float64(t)
    return LogitSweep(
        k=k, xs=xs, soft=soft, soft_slope=soft_slope, hard=hard, jump=m, wins_tie=wins_tie,
        midpoint=midpoint, peak=float(peak), bump_width=BUMP_WIDTH_PER_T * t, z=float(z[k]),
        p=float(p), slope=float(slope),
        h=1.0 if z[k] > m or (z[k] == m and wins_tie) else 0.0, at_jump=bool(z[k] == m))

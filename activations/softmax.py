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
"""

import math

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

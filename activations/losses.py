r"""Loss functions and their gradients with respect to the prediction.

Definitions and reductions follow ``torch.nn.functional`` with its default
``reduction="mean"``:

* ``mse``, ``rmse``, ``mae``, ``binary_cross_entropy(_with_logits)``: mean over all
  elements.
* ``cross_entropy``, ``kl_divergence``, ``cross_entropy_with_logits``: sum over the
  last (class) axis, mean over the batch (leading) axes. A 1-D input is one example:
  no mean is taken.

Every ``<loss>_grad`` returns the gradient of the *reduced* (scalar) loss with respect
to the first argument (prediction, probabilities ``q`` or logits), so it includes the
``1/N`` of the mean. At kinks and singular points the value is the one PyTorch autograd
gives, except where that is ``nan``; each such choice is stated in the docstring.

Inputs broadcast against each other; float32 stays float32, ints become float64.
Natural logarithms throughout (nats).

Means never overflow on their own: where the plain sum of finite terms would, the terms
are scaled by a power of two (exact), averaged and scaled back (see :func:`_mean`), so a
loss is ``inf`` only where its true value is beyond the dtype, and then without a
warning. A logit of ``-inf`` is a masked class (see :mod:`activations.softmax`).
"""

import numpy as np
import scipy.special

from activations.registry import as_float_array
from activations.softmax import log_softmax, softmax

__all__ = [
    "mse",
    "mse_grad",
    "rmse",
    "rmse_grad",
    "mae",
    "mae_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "kl_divergence",
    "kl_divergence_grad",
    "cross_entropy_with_logits",
    "cross_entropy_with_logits_grad",
]

# torch's BCE backward divides by max(p (1 - p), EPSILON) with EPSILON a C++ *float*
# constant 1e-12, so in double precision the floor is float32(1e-12), not 1e-12.
_BCE_GRAD_EPS = float(np.float32(1e-12))


def _residual(pred, target):
    """``(r, e)`` with ``pred - target = r * 2**e``: e = 0, or 1 where the difference of
    finite inputs overflows (then both are halved first, which is exact above the
    subnormal range, and r is the half difference)."""
    p, t = as_float_array(pred), as_float_array(target)
    with np.errstate(over="ignore"):
        r = p - t
    if np.isinf(r).any() and np.isfinite(p).all() and np.isfinite(t).all():
        return p / 2 - t / 2, 1
    return r, 0


def _mean(terms, e=0):
    """``mean(terms) * 2**e``, also where the plain sum of finite terms overflows.

    Then the terms are scaled by 2^-k (k the exponent of the largest, so all are < 1),
    averaged and scaled back: exact scalings, so the result is the true mean rounded
    (3e38 for two float32 terms of 3e38, where np.mean gives inf and a warning). The
    fast path is plain ``np.mean``.
    """
    terms = np.asarray(terms)
    with np.errstate(over="ignore"):  # inf only if the true mean is beyond the dtype
        m = np.mean(terms)
        if not np.isfinite(m) and terms.size and np.isfinite(terms).all():
            k = np.frexp(np.max(np.abs(terms)))[1]
            m = np.ldexp(np.mean(np.ldexp(terms, -k)), k)
        return np.ldexp(m, e) if e else m


def _mean_square(r):
    """``(m, k)`` with ``mean(r**2) = m * 4**k``: k = 0 unless the squares overflow, then
    r is scaled by 2^-k first (k the exponent of max |r|), so m <= 1."""
    with np.errstate(over="ignore"):
        m = np.mean(r**2)
    if np.isfinite(m) or not np.isfinite(r).all() or not r.size:
        return m, 0
    k = int(np.frexp(np.max(np.abs(r)))[1])
    return np.mean(np.ldexp(r, -k) ** 2), k


def _xmul(y, log_values):
    """``y * log_values`` with 0 wherever y == 0, also next to a log of 0 (-inf): the
    convention 0 log 0 = 0 that makes a masked (-inf) logit with target 0 contribute 0."""
    return y * np.where(y == 0, 0.0, log_values)


def _n_rows(x):
    """Number of examples: all axes but the last (class) axis; 1 for a 1-D input."""
    return x.size // x.shape[-1] if x.ndim else 1


# --- regression -------------------------------------------------------------------


def mse(pred, target):
    r"""Mean squared error, as ``torch.nn.functional.mse_loss``.

    .. math::
        \mathrm{MSE} = \frac{1}{N} \sum_{i=1}^{N} (\hat y_i - y_i)^2

    Args:
        pred: predictions :math:`\hat y`.
        target: targets :math:`y`, broadcastable with ``pred``.

    Returns:
        Scalar loss; N is the number of elements after broadcasting.
    """
    r, e = _residual(pred, target)
    m, k = _mean_square(r)
    with np.errstate(over="ignore"):  # beyond the dtype: inf, as the true value rounds
        return np.ldexp(m, 2 * (k + e)) if k + e else m


def mse_grad(pred, target):
    r"""Gradient of :func:`mse` with respect to ``pred``.

    .. math::
        \frac{\partial\, \mathrm{MSE}}{\partial \hat y_i} = \frac{2}{N} (\hat y_i - y_i)

    Args:
        pred: predictions :math:`\hat y`.
        target: targets :math:`y`, broadcastable with ``pred``.

    Returns:
        Array with the broadcast shape of ``pred`` and ``target``.
    """
    r, e = _residual(pred, target)
    with np.errstate(over="ignore"):  # (r / N) * 2^(1+e): 2 r / N rounded once, as written
        return np.ldexp(r / r.size, 1 + e)


def rmse(pred, target):
    r"""Root mean squared error (``sqrt`` of :func:`mse`; torch has no built-in).

    .. math::
        \mathrm{RMSE} = \sqrt{\frac{1}{N} \sum_{i=1}^{N} (\hat y_i - y_i)^2}

    Args:
        pred: predictions :math:`\hat y`.
        target: targets :math:`y`, broadcastable with ``pred``.

    Returns:
        Scalar loss, in the units of ``pred``. Finite for all finite inputs (the root
        is taken before scaling back), also where the MSE itself is beyond the dtype.
    """
    r, e = _residual(pred, target)
    m, k = _mean_square(r)
    return np.ldexp(np.sqrt(m), k + e) if k + e else np.sqrt(m)


def rmse_grad(pred, target):
    r"""Gradient of :func:`rmse` with respect to ``pred``.

    .. math::
        \frac{\partial\, \mathrm{RMSE}}{\partial \hat y_i}
        = \frac{\hat y_i - y_i}{N \cdot \mathrm{RMSE}}

    At a perfect fit (:math:`\mathrm{RMSE} = 0`) this is 0/0; torch autograd gives
    ``nan`` there (:math:`\sqrt{\cdot}\,'(0) = \infty` times 0). We return 0, a
    subgradient of the convex RMSE at its minimum, so the value is always finite.

    Args:
        pred: predictions :math:`\hat y`.
        target: targets :math:`y`, broadcastable with ``pred``.

    Returns:
        Array with the broadcast shape of ``pred`` and ``target``.
    """
    r, _ = _residual(pred, target)  # the scale 2^e cancels in r / root
    m, k = _mean_square(r)
    if m == 0:
        return np.zeros_like(r)
    return (np.ldexp(r, -k) if k else r) / (r.size * np.sqrt(m))


def mae(pred, target):
    r"""Mean absolute error, as ``torch.nn.functional.l1_loss``.

    .. math::
        \mathrm{MAE} = \frac{1}{N} \sum_{i=1}^{N} |\hat y_i - y_i|

    Args:
        pred: predictions :math:`\hat y`.
        target: targets :math:`y`, broadcastable with ``pred``.

    Returns:
        Scalar loss.
    """
    r, e = _residual(pred, target)
    return _mean(np.abs(r), e)


def mae_grad(pred, target):
    r"""Gradient of :func:`mae` with respect to ``pred``.

    .. math::
        \frac{\partial\, \mathrm{MAE}}{\partial \hat y_i}
        = \frac{1}{N}\,\mathrm{sign}(\hat y_i - y_i)

    At the kink :math:`\hat y_i = y_i` this is :math:`\mathrm{sign}(0) = 0`, as torch
    autograd gives.

    Args:
        pred: predictions :math:`\hat y`.
        target: targets :math:`y`, broadcastable with ``pred``.

    Returns:
        Array with the broadcast shape of ``pred`` and ``target``.
    """
    r, _ = _residual(pred, target)  # halving keeps the sign
    return np.sign(r) / r.size


# --- binary classification --------------------------------------------------------


def binary_cross_entropy(p, y):
    r"""Binary cross-entropy on probabilities, as ``torch.nn.functional.binary_cross_entropy``.

    .. math::
        \mathrm{BCE} = -\frac{1}{N} \sum_{i=1}^{N}
        \left[ y_i \max(\log p_i, -100) + (1 - y_i) \max(\log(1 - p_i), -100) \right]

    Like torch, each log is clamped at -100 so that :math:`p_i \in \{0, 1\}` gives a
    finite loss (at most 100 per element) instead of ``inf``. Prefer
    :func:`binary_cross_entropy_with_logits`, which needs no clamp.

    Args:
        p: predicted probabilities, each in [0, 1].
        y: targets in [0, 1] (hard 0/1 labels or soft labels), broadcastable with ``p``.

    Returns:
        Scalar loss.

    Raises:
        ValueError: if any ``p`` is outside [0, 1] (or nan), as torch does.
    """
    p, y = as_float_array(p), as_float_array(y)
    if not np.all((p >= 0) & (p <= 1)):
        raise ValueError("binary_cross_entropy: all elements of p should be between 0 and 1")
    with np.errstate(divide="ignore"):  # log(0) = -inf is expected; clamped right away
        log_p = np.maximum(np.log(p), -100)
        log_not_p = np.maximum(np.log1p(-p), -100)
    return np.mean(-(y * log_p + (1 - y) * log_not_p))


def binary_cross_entropy_grad(p, y):
    r"""Gradient of :func:`binary_cross_entropy` with respect to ``p``, as torch computes it.

    .. math::
        \frac{\partial\, \mathrm{BCE}}{\partial p_i}
        = \frac{1}{N} \frac{p_i - y_i}{\max\left(p_i (1 - p_i), \epsilon\right)},
        \qquad \epsilon = 10^{-12}

    This is torch's backward formula verbatim, so it ignores the -100 clamp of the
    forward pass (the clamped region is flat, yet the gradient there is large, not 0)
    and is finite at :math:`p_i \in \{0, 1\}`. :math:`\epsilon` is torch's float32
    constant ``1e-12``.

    Args:
        p: predicted probabilities, each in [0, 1].
        y: targets in [0, 1], broadcastable with ``p``.

    Returns:
        Array with the broadcast shape of ``p`` and ``y``.
    """
    p, y = np.broadcast_arrays(as_float_array(p), as_float_array(y))
    return (p - y) / np.maximum(p * (1 - p), _BCE_GRAD_EPS) / p.size


def binary_cross_entropy_with_logits(z, y):
    r"""Binary cross-entropy on logits, as ``torch.nn.functional.binary_cross_entropy_with_logits``.

    .. math::
        \mathrm{BCE}(z, y) = -\frac{1}{N} \sum_{i=1}^{N}
        \left[ y_i \log \sigma(z_i) + (1 - y_i) \log \sigma(-z_i) \right]

    with :math:`\sigma` the logistic sigmoid. ``scipy.special.log_expit`` evaluates
    :math:`\log\sigma` without overflow or cancellation, so any finite logit is fine
    (no clamp needed, unlike :func:`binary_cross_entropy`). A term whose weight is 0
    is 0, so ``z = -inf`` with ``y = 0`` (and ``+inf`` with ``y = 1``) costs nothing; the
    mean is taken without overflow (two terms of 1.7e308 average to 1.7e308).

    Args:
        z: logits, any real values.
        y: targets in [0, 1], broadcastable with ``z``.

    Returns:
        Scalar loss.
    """
    z, y = as_float_array(z), as_float_array(y)
    log_sig = scipy.special.log_expit
    return _mean(-(_xmul(y, log_sig(z)) + _xmul(1 - y, log_sig(-z))))


def binary_cross_entropy_with_logits_grad(z, y):
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to ``z``.

    .. math::
        \frac{\partial\, \mathrm{BCE}}{\partial z_i} = \frac{1}{N} \left( \sigma(z_i) - y_i \right)

    Args:
        z: logits.
        y: targets in [0, 1], broadcastable with ``z``.

    Returns:
        Array with the broadcast shape of ``z`` and ``y``.
    """
    residual = scipy.special.expit(as_float_array(z)) - as_float_array(y)
    return residual / residual.size


# --- distributions ----------------------------------------------------------------


def cross_entropy(p, q):
    r"""Cross-entropy :math:`H(p, q)` of a prediction ``q`` relative to a true ``p``.

    .. math::
        H(p, q) = -\sum_k p_k \log q_k, \qquad 0 \log q = 0

    Argument order: ``p`` is the true (target) distribution, ``q`` the predicted one.
    Summed over the last axis; for 2-D (or higher) input, averaged over the leading
    (batch) axes. :math:`H(p, q) \ge H(p)` with equality iff :math:`q = p` (Gibbs), and
    it is ``inf`` if :math:`q_k = 0` where :math:`p_k > 0`.

    Args:
        p: true probabilities, shape (n,) or (batch, n).
        q: predicted probabilities, broadcastable with ``p``.

    Returns:
        Scalar cross-entropy in nats.
    """
    terms = scipy.special.xlogy(as_float_array(p), as_float_array(q))  # p log q, with 0 log 0 = 0
    return np.mean(-np.sum(terms, axis=-1))


def cross_entropy_grad(p, q):
    r"""Gradient of :func:`cross_entropy` with respect to the prediction ``q``.

    .. math::
        \frac{\partial H}{\partial q_k} = -\frac{1}{B} \frac{p_k}{q_k}

    with B the number of rows (1 for 1-D input). Where :math:`p_k = 0` the term
    :math:`p_k \log q_k` is identically 0, so the gradient is 0, also at
    :math:`q_k = 0` (torch autograd gives ``nan`` for that 0/0). Where
    :math:`p_k > 0 = q_k` it is ``-inf``. ``q`` is treated as unconstrained: no
    projection onto the simplex.

    Args:
        p: true probabilities, shape (n,) or (batch, n).
        q: predicted probabilities, broadcastable with ``p``.

    Returns:
        Array with the broadcast shape of ``p`` and ``q``.
    """
    p, q = np.broadcast_arrays(as_float_array(p), as_float_array(q))
    grad = np.zeros(p.shape, np.result_type(p, q))
    with np.errstate(divide="ignore"):  # p > 0 = q: -inf is the true gradient
        np.divide(-p, q, out=grad, where=p != 0)
    return grad / _n_rows(grad)


def kl_divergence(p, q):
    r"""Kullback-Leibler divergence :math:`D_{KL}(p \,\|\, q)` of ``q`` from the true ``p``.

    .. math::
        D_{KL}(p \,\|\, q) = \sum_k p_k \log \frac{p_k}{q_k} = H(p, q) - H(p)

    Same argument order and reduction as :func:`cross_entropy` (for 2-D input this is
    torch's ``F.kl_div(q.log(), p, reduction="batchmean")``; note torch takes the
    *log* prediction first). Uses ``scipy.special.rel_entr``: terms with
    :math:`p_k = 0` are 0 and the result is ``inf`` if :math:`q_k = 0 < p_k`. Always >= 0.

    Args:
        p: true probabilities, shape (n,) or (batch, n).
        q: predicted probabilities, broadcastable with ``p``.

    Returns:
        Scalar divergence in nats.
    """
    terms = scipy.special.rel_entr(as_float_array(p), as_float_array(q))  # p log(p/q)
    return np.mean(np.sum(terms, axis=-1))


def kl_divergence_grad(p, q):
    r"""Gradient of :func:`kl_divergence` with respect to ``q``.

    .. math::
        \frac{\partial D_{KL}}{\partial q_k} = -\frac{1}{B} \frac{p_k}{q_k}

    Identical to :func:`cross_entropy_grad`, since :math:`H(p)` does not depend on ``q``.
    Same conventions at :math:`p_k = 0`.

    Args:
        p: true probabilities, shape (n,) or (batch, n).
        q: predicted probabilities, broadcastable with ``p``.

    Returns:
        Array with the broadcast shape of ``p`` and ``q``.
    """
    return cross_entropy_grad(p, q)


# --- multi-class classification on logits -----------------------------------------


def _target_probs(target, logits):
    """Dense target distribution with the shape of ``logits`` (one-hot for class indices)."""
    target = np.asarray(target)
    if not np.issubdtype(target.dtype, np.integer):
        # Probabilities (soft labels), as torch accepts for a float target.
        if target.shape != logits.shape:
            raise ValueError(
                f"probability target must have the logits' shape {logits.shape}, "
                f"got {target.shape}"
            )
        return as_float_array(target)
    n_classes = logits.shape[-1]
    if target.shape != logits.shape[:-1]:
        raise ValueError(
            f"class-index target must have shape {logits.shape[:-1]} for logits of shape "
            f"{logits.shape}, got {target.shape}"
        )
    if np.any((target < 0) | (target >= n_classes)):
        raise ValueError(f"class indices must be in [0, {n_classes}), got {target}")
    one_hot = np.zeros_like(logits)  # (n,) or (batch, n)
    np.put_along_axis(one_hot, target[..., None], 1, axis=-1)
    return one_hot


def _check_logits(logits):
    logits = as_float_array(logits)
    if logits.ndim not in (1, 2):
        raise ValueError(f"logits must be (classes,) or (batch, classes), got {logits.shape}")
    return logits


def cross_entropy_with_logits(logits, target):
    r"""Softmax cross-entropy on logits, as ``torch.nn.functional.cross_entropy``.

    .. math::
        \ell = -\frac{1}{B} \sum_{b=1}^{B} \sum_k y_{bk} \log \mathrm{softmax}(z_b)_k

    For a class index :math:`c_b` the target is one-hot and the inner sum is
    :math:`-\log \mathrm{softmax}(z_b)_{c_b}`. Uses :func:`log_softmax`, so every
    finite logit gives a finite loss. A logit of ``-inf`` masks its class: with target
    weight 0 it contributes 0 (``[[0, -inf, 1]]`` with class 0 gives 1.3132616875182228,
    as torch), and ``inf`` only if the target puts weight on it.

    Args:
        logits: shape (classes,) for one example or (batch, classes).
        target: either an int class index (shape () for 1-D logits, (batch,) for 2-D),
            or probabilities with the shape of ``logits``. Integer dtype means indices,
            float dtype means probabilities, as in torch.

    Returns:
        Scalar loss, averaged over the batch (B = 1 for 1-D logits).

    Raises:
        ValueError: on a shape mismatch, a class index outside [0, classes), or a row
            whose every logit is -inf (see :func:`activations.softmax.softmax`).
    """
    logits = _check_logits(logits)
    y = _target_probs(target, logits)  # same shape as logits
    return _mean(-np.sum(_xmul(y, log_softmax(logits, axis=-1)), axis=-1))


def cross_entropy_with_logits_grad(logits, target):
    r"""Gradient of :func:`cross_entropy_with_logits` with respect to the logits.

    .. math::
        \frac{\partial \ell}{\partial z_{bk}}
        = \frac{1}{B} \left( \mathrm{softmax}(z_b)_k - y_{bk} \right)

    This assumes each target row sums to 1 (always true for class indices). For a
    probability target that does not, the exact gradient (torch autograd's) is
    :math:`\frac{1}{B}(\mathrm{softmax}(z_b)_k \sum_j y_{bj} - y_{bk})`, which is what
    is computed.

    Args:
        logits: shape (classes,) or (batch, classes).
        target: class indices or probabilities, as in :func:`cross_entropy_with_logits`.

    Returns:
        Array with the shape of ``logits``.
    """
    logits = _check_logits(logits)
    y = _target_probs(target, logits)
    row_mass = np.sum(y, axis=-1, keepdims=True)  # (1,) or (batch, 1); 1 for a distribution
    return (softmax(logits, axis=-1) * row_mass - y) / _n_rows(logits)

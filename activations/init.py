r"""Weight initialisation schemes, following ``torch.nn.init``.

Shape convention: we compute a layer as ``z = h @ W`` with ``h`` of shape
(batch, fan_in), so **W is stored as (fan_in, fan_out)** and ``fan_in = shape[0]``,
``fan_out = shape[1]``. PyTorch's ``nn.Linear`` stores the transpose, (out, in), and
reads ``fan_in = shape[1]``. The distributions are the same; only the axis order
differs, so a torch weight of shape (out, in) corresponds to ``shape=(in, out)`` here.
Only 2-D shapes are supported (no convolution kernels).

Every sampler takes ``rng``, a :class:`numpy.random.Generator`, and returns float64.
Values are drawn from numpy's generator, so they match torch in distribution, not
sample for sample. :func:`variance` gives each scheme's theoretical
:math:`\mathrm{Var}(W_{ij})` (all schemes have mean 0).
"""

import math
import numbers

import numpy as np

__all__ = [
    "calculate_gain",
    "xavier_uniform",
    "xavier_normal",
    "kaiming_uniform",
    "kaiming_normal",
    "lecun_normal",
    "orthogonal",
    "linear_default",
    "standard",
    "normal",
    "SCHEMES",
    "make",
    "variance",
]

_LINEAR_NAMES = (
    "linear",
    "identity",  # registry name for the linear activation
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
)
_GAIN_NAMES = (*_LINEAR_NAMES, "sigmoid", "tanh", "relu", "leaky_relu", "selu")


def calculate_gain(nonlinearity, param=None):
    r"""Recommended gain for a nonlinearity, as ``torch.nn.init.calculate_gain``.

    ======================= ===================================================
    nonlinearity            gain
    ======================= ===================================================
    linear, identity        :math:`1`
    conv*, conv_transpose*  :math:`1`
    sigmoid                 :math:`1`
    tanh                    :math:`\frac{5}{3}`
    relu                    :math:`\sqrt{2}`
    leaky_relu              :math:`\sqrt{\frac{2}{1 + \text{negative\_slope}^2}}`
    selu                    :math:`\frac{3}{4}`
    ======================= ===================================================

    The gain scales the standard deviation of the weights to keep activation
    variance stable through a layer with this nonlinearity, e.g.

    .. math::
        \text{gain}_{\text{leaky\_relu}} = \sqrt{\frac{2}{1 + a^2}}

    Args:
        nonlinearity: one of the names above (``'identity'`` is our alias of
            ``'linear'``).
        param: negative slope :math:`a` for ``'leaky_relu'``; ignored otherwise.
            Default: None, meaning 0.01 (torch's ``LeakyReLU`` default).

    Returns:
        The gain, a Python float.

    Raises:
        ValueError: for an unknown name or a non-numeric ``param``.
    """
    if nonlinearity in _LINEAR_NAMES or nonlinearity == "sigmoid":
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, numbers.Real) and not isinstance(param, bool):
            slope = float(param)
        else:
            raise ValueError(f"negative_slope {param!r} not a valid number")
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        # Not variance-derived: torch's choice, giving self-normalisation in practice.
        return 3.0 / 4
    raise ValueError(
        f"unsupported nonlinearity {nonlinearity!r}; valid names: {', '.join(_GAIN_NAMES)}"
    )


def _fans(shape):
    """``(fan_in, fan_out)`` for our (in, out) weight layout."""
    if len(shape) != 2:
        raise ValueError(f"weight shape must be 2-D (fan_in, fan_out), got {tuple(shape)}")
    fan_in, fan_out = shape
    return fan_in, fan_out


def _xavier_std(fan_in, fan_out, gain=1.0):
    return gain * math.sqrt(2.0 / (fan_in + fan_out))


def _kaiming_std(fan_in, fan_out, a=0, mode="fan_in", nonlinearity="leaky_relu"):
    mode = mode.lower()
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"mode {mode!r} not supported, please use one of ['fan_in', 'fan_out']")
    fan = fan_in if mode == "fan_in" else fan_out
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def _uniform_with_std(shape, rng, std):
    # U(-b, b) has variance b^2 / 3, so b = sqrt(3) std matches the normal variant.
    bound = math.sqrt(3.0) * std
    return rng.uniform(-bound, bound, size=shape)


def xavier_uniform(shape, rng, gain=1.0):
    r"""Glorot/Xavier uniform initialisation (Glorot & Bengio, 2010).

    .. math::
        W_{ij} \sim \mathcal{U}(-b, b), \qquad
        b = \text{gain} \times \sqrt{\frac{6}{\text{fan\_in} + \text{fan\_out}}}

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.
        gain: scale factor, e.g. :func:`calculate_gain`. Default: 1.0.

    Returns:
        float64 array of ``shape``.
    """
    return _uniform_with_std(shape, rng, _xavier_std(*_fans(shape), gain))


def xavier_normal(shape, rng, gain=1.0):
    r"""Glorot/Xavier normal initialisation (Glorot & Bengio, 2010).

    .. math::
        W_{ij} \sim \mathcal{N}(0, \sigma^2), \qquad
        \sigma = \text{gain} \times \sqrt{\frac{2}{\text{fan\_in} + \text{fan\_out}}}

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.
        gain: scale factor, e.g. :func:`calculate_gain`. Default: 1.0.

    Returns:
        float64 array of ``shape``.
    """
    return rng.normal(0.0, _xavier_std(*_fans(shape), gain), size=shape)


def kaiming_uniform(shape, rng, a=0, mode="fan_in", nonlinearity="leaky_relu"):
    r"""He/Kaiming uniform initialisation (He et al., 2015), as ``torch.nn.init.kaiming_uniform_``.

    .. math::
        W_{ij} \sim \mathcal{U}(-b, b), \qquad
        b = \text{gain} \times \sqrt{\frac{3}{\text{fan\_mode}}}

    with ``gain = calculate_gain(nonlinearity, a)``; for ReLU this is
    :math:`b = \sqrt{6 / \text{fan\_in}}`.

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.
        a: negative slope of the leaky ReLU after this layer, used only when
            ``nonlinearity='leaky_relu'``. Default: 0 (which makes it plain ReLU).
        mode: ``'fan_in'`` preserves the variance of activations in the forward pass,
            ``'fan_out'`` that of gradients in the backward pass. Default: 'fan_in'.
        nonlinearity: a :func:`calculate_gain` name. Default: 'leaky_relu'.

    Returns:
        float64 array of ``shape``.
    """
    std = _kaiming_std(*_fans(shape), a, mode, nonlinearity)
    return _uniform_with_std(shape, rng, std)


def kaiming_normal(shape, rng, a=0, mode="fan_in", nonlinearity="leaky_relu"):
    r"""He/Kaiming normal initialisation (He et al., 2015), as ``torch.nn.init.kaiming_normal_``.

    .. math::
        W_{ij} \sim \mathcal{N}(0, \sigma^2), \qquad
        \sigma = \frac{\text{gain}}{\sqrt{\text{fan\_mode}}}

    with ``gain = calculate_gain(nonlinearity, a)``; for ReLU this is
    :math:`\sigma = \sqrt{2 / \text{fan\_in}}`.

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.
        a: negative slope of the leaky ReLU after this layer, used only when
            ``nonlinearity='leaky_relu'``. Default: 0 (which makes it plain ReLU).
        mode: ``'fan_in'`` or ``'fan_out'``. Default: 'fan_in'.
        nonlinearity: a :func:`calculate_gain` name. Default: 'leaky_relu'.

    Returns:
        float64 array of ``shape``.
    """
    std = _kaiming_std(*_fans(shape), a, mode, nonlinearity)
    return rng.normal(0.0, std, size=shape)


def lecun_normal(shape, rng):
    r"""LeCun normal initialisation (LeCun et al., 1998), the usual pairing for SELU.

    .. math::
        W_{ij} \sim \mathcal{N}(0, \sigma^2), \qquad \sigma = \frac{1}{\sqrt{\text{fan\_in}}}

    A plain (untruncated) normal; ``jax.nn.initializers.lecun_normal`` instead uses a
    truncated normal rescaled to the same variance.

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.

    Returns:
        float64 array of ``shape``.
    """
    fan_in, _ = _fans(shape)
    return rng.normal(0.0, 1.0 / math.sqrt(fan_in), size=shape)


def orthogonal(shape, rng, gain=1.0):
    r"""(Semi-)orthogonal initialisation (Saxe et al., 2013), as ``torch.nn.init.orthogonal_``.

    QR-decompose a standard normal matrix :math:`A = QR` and correct the signs,

    .. math::
        W = \text{gain} \times Q \, \mathrm{diag}(\mathrm{sign}(R_{ii}))

    The sign correction makes :math:`W` Haar-distributed (uniform over orthogonal
    matrices); without it the QR convention biases the signs. The result satisfies
    :math:`W^\top W = \text{gain}^2 I` when fan_in >= fan_out (orthonormal columns),
    otherwise :math:`W W^\top = \text{gain}^2 I` (orthonormal rows). The Haar
    distribution is invariant under transposition, so this matches torch's (out, in)
    result transposed.

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.
        gain: scale factor. Default: 1.0.

    Returns:
        float64 array of ``shape``.
    """
    rows, cols = _fans(shape)
    a = rng.standard_normal((rows, cols))
    if rows < cols:
        a = a.T  # QR needs a tall matrix to give orthonormal columns
    q, r = np.linalg.qr(a)  # q: (max, min), r: (min, min)
    q = q * np.sign(np.diag(r))  # flip column k by the sign of R_kk
    if rows < cols:
        q = q.T
    return gain * q


def linear_default(shape, rng):
    r"""PyTorch's default ``nn.Linear`` weight initialisation.

    ``kaiming_uniform_(W, a=math.sqrt(5))``: the leaky-ReLU gain with :math:`a = \sqrt 5`
    is :math:`\sqrt{1/3}`, so the bound is

    .. math::
        W_{ij} \sim \mathcal{U}\left(-\frac{1}{\sqrt{\text{fan\_in}}},
        \frac{1}{\sqrt{\text{fan\_in}}}\right)

    This is also the "standard" initialisation of Glorot & Bengio (2010), eq. 1.

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.

    Returns:
        float64 array of ``shape``.
    """
    return kaiming_uniform(shape, rng, a=math.sqrt(5))


# Glorot & Bengio (2010), eq. 1: U(-1/sqrt(n), 1/sqrt(n)) with n = fan_in; the same
# distribution as linear_default.
standard = linear_default


def normal(shape, rng, std=1.0):
    r"""Zero-mean normal initialisation with a fixed standard deviation.

    .. math::
        W_{ij} \sim \mathcal{N}(0, \text{std}^2)

    Independent of the layer size, so activations grow or shrink with depth unless
    std is tuned: the baseline the fan-scaled schemes improve on.

    Args:
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.
        std: standard deviation. Default: 1.0.

    Returns:
        float64 array of ``shape``.
    """
    _fans(shape)  # same shape validation as the other schemes
    return rng.normal(0.0, std, size=shape)


SCHEMES = {
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "kaiming_uniform": kaiming_uniform,
    "kaiming_normal": kaiming_normal,
    "lecun_normal": lecun_normal,
    "orthogonal": orthogonal,
    "linear_default": linear_default,
    "standard": standard,
    "normal": normal,
}
"""Scheme name -> ``callable(shape, rng, **kw)``."""


def _check_name(name):
    if name not in SCHEMES:
        raise ValueError(f"unknown init scheme {name!r}; valid names: {', '.join(SCHEMES)}")


def make(name, shape, rng, **kw):
    """Sample weights with a scheme from :data:`SCHEMES` by name.

    Args:
        name: a key of :data:`SCHEMES`.
        shape: (fan_in, fan_out).
        rng: a ``numpy.random.Generator``.
        **kw: the scheme's keyword arguments (``gain``, ``a``, ``mode``,
            ``nonlinearity``, ``std``).

    Returns:
        float64 array of ``shape``.

    Raises:
        ValueError: for an unknown name (the message lists the valid ones).
    """
    _check_name(name)
    return SCHEMES[name](shape, rng, **kw)


# Standard deviation of W_ij for each scheme, as f(fan_in, fan_out, **scheme_kw).
# For orthogonal it is the root-mean-square: ||W||_F^2 = gain^2 min(in, out) is spread
# over in*out entries.
_STDS = {
    "xavier_uniform": _xavier_std,
    "xavier_normal": _xavier_std,
    "kaiming_uniform": _kaiming_std,
    "kaiming_normal": _kaiming_std,
    "lecun_normal": lambda fan_in, fan_out: 1.0 / math.sqrt(fan_in),
    "orthogonal": lambda fan_in, fan_out, gain=1.0: gain / math.sqrt(max(fan_in, fan_out)),
    "linear_default": lambda fan_in, fan_out: 1.0 / math.sqrt(3.0 * fan_in),  # bound / sqrt(3)
    "standard": lambda fan_in, fan_out: 1.0 / math.sqrt(3.0 * fan_in),
    "normal": lambda fan_in, fan_out, std=1.0: std,
}


def variance(name, fan_in, fan_out, **kw):
    r"""Theoretical variance :math:`\mathrm{Var}(W_{ij})` of a scheme (all have mean 0).

    ================= ==========================================================
    scheme            :math:`\mathrm{Var}(W_{ij})`
    ================= ==========================================================
    xavier_*          :math:`\text{gain}^2 \cdot 2 / (\text{fan\_in} + \text{fan\_out})`
    kaiming_*         :math:`\text{gain}^2 / \text{fan\_mode}`
    lecun_normal      :math:`1 / \text{fan\_in}`
    orthogonal        :math:`\text{gain}^2 / \max(\text{fan\_in}, \text{fan\_out})`
    linear_default    :math:`1 / (3\, \text{fan\_in})`
    standard          :math:`1 / (3\, \text{fan\_in})`
    normal            :math:`\text{std}^2`
    ================= ==========================================================

    The uniform and normal variants of a scheme share the variance (the uniform bound
    is :math:`\sqrt 3` times the normal's std). For orthogonal it is the mean of
    :math:`W_{ij}^2` over the matrix (entries are not independent).

    Args:
        name: a key of :data:`SCHEMES`.
        fan_in: number of inputs to the layer.
        fan_out: number of outputs of the layer.
        **kw: the same keyword arguments the scheme takes.

    Returns:
        The variance, a Python float.

    Raises:
        ValueError: for an unknown name.
    """
    _check_name(name)
    return float(_STDS[name](fan_in, fan_out, **kw) ** 2)

r"""Gradient flow through a deep fully connected network at initialisation.

One forward and one backward pass of a plain MLP, written out in NumPy (no autograd),
so that every intermediate array can be looked at layer by layer:

.. math::
    h_0 = x, \qquad z_l = h_{l-1} W_l + b_l, \qquad h_l = f(z_l), \qquad l = 1 \dots D,

    L = \tfrac12 \operatorname{mean}\big((h_D - y)^2\big),

with :math:`x, y \sim \mathcal N(0, 1)` of shape (batch, width) and every
:math:`W_l` of shape (width, width) drawn by an :mod:`activations.init` scheme. The
backward pass is the chain rule with the registry's derivatives :math:`f'`:

.. math::
    \frac{\partial L}{\partial z_l} = \frac{\partial L}{\partial h_l} \odot f'(z_l), \quad
    \frac{\partial L}{\partial W_l} = h_{l-1}^\top \frac{\partial L}{\partial z_l}, \quad
    \frac{\partial L}{\partial h_{l-1}} = \frac{\partial L}{\partial z_l} W_l^\top .

Each backward step multiplies the gradient by :math:`f'` and by :math:`W^\top`; on
average its squared norm changes by the per-layer gain

.. math::
    g_l = n \,\mathrm{Var}(W)\, \mathbb E\big[f'(z_l)^2\big]

(Glorot & Bengio, 2010; He et al., 2015), so over many layers it vanishes when
:math:`g < 1` (sigmoid: :math:`f' \le 1/4`) and explodes when :math:`g > 1`.

The gain assumes that the gradient reaching a layer is independent of its weights. That
holds for the targets' share of the error, :math:`-y`, but not for the network's own
output :math:`h_D`, which those weights computed: going back through layer l,
:math:`(f'(z_l) \odot f(z_l))\, W_l^\top` holds :math:`h_{l-1}` itself again (Stein's
lemma), besides a random part. :func:`layer_stats` carries both shares back (see
:func:`_predicted`); for ReLU with He init the output's share grows from
:math:`\lVert h\rVert^2` to :math:`(1 + 2k)\lVert h\rVert^2` over k layers.

:func:`simulate` returns every array; :func:`layer_stats` reduces them to the per-layer
numbers the gradient-flow page draws; :func:`profile` does both and keeps only the
statistics (what a cache should hold). Everything is float64 and deterministic: the same
seed gives the same numbers.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from . import init as _init
from .registry import get

__all__ = [
    "NORMALIZATIONS",
    "EPS",
    "SATURATION",
    "MAX_DEPTH",
    "MAX_WIDTH",
    "MAX_BATCH",
    "MAX_WORK",
    "MAX_CELLS",
    "MAX_WEIGHTS",
    "Simulation",
    "LayerStats",
    "Preset",
    "PRESETS",
    "check_size",
    "fit_size",
    "init_kwargs",
    "simulate",
    "layer_stats",
    "profile",
    "chain_rule_reference",
    "THEORY_TOLERANCE",
    "theory_applies",
    "theory_parts",
]

NORMALIZATIONS = ("none", "batch", "layer")
EPS = 1e-5  # added to the variance before the square root, as torch's BatchNorm / LayerNorm
SATURATION = 1e-3  # a unit is saturated when |f'(z)| is below this

# Size limits. Work is counted in multiply-adds of one matmul (depth * width^2 * batch);
# each layer does three such matmuls. Memory: every stored (batch, width) stack holds
# depth * width * batch float64 numbers (z, h, dL/dh, and the normalised z), and the
# weights and their gradients depth * width^2 each.
MAX_DEPTH = 200
MAX_WIDTH = 1024
MAX_BATCH = 4096
MAX_WORK = 4_000_000_000  # about 2.4e10 flops: a few seconds at worst on a small CPU
MAX_CELLS = 2**23  # 64 MiB per stored (depth, batch, width) stack
MAX_WEIGHTS = 2**24  # 128 MiB for the weights, as much again for their gradients


@dataclass(frozen=True, eq=False)
class Simulation:
    """Everything one forward and backward pass computed (all float64).

    Indexing: ``activations`` and ``grad_activations`` have ``depth + 1`` entries, index
    ``l`` holding :math:`h_l` and :math:`\\partial L / \\partial h_l` (so index 0 is the
    input ``x`` and the gradient with respect to it). ``weights``, ``biases``,
    ``pre_activations`` and their gradients have ``depth`` entries, index ``l - 1``
    holding layer ``l``.
    """

    activation: object  # the Activation (or Activation-like object) used
    params: dict  # its parameters, as passed to act(x, **params)
    init: str  # weight scheme name, a key of activations.init.SCHEMES
    init_kw: dict  # the keyword arguments the scheme was called with
    weight_variance: float  # the scheme's theoretical Var(W_ij)
    normalization: str  # "none", "batch" or "layer"
    residual: bool
    seed: int
    x: np.ndarray  # (batch, width), N(0, 1)
    y: np.ndarray  # (batch, width), N(0, 1) targets
    weights: list  # depth x (width, width), stored (fan_in, fan_out): z = h @ W
    biases: list  # depth x (width,)
    pre_activations: list  # depth x (batch, width): z_l = h_{l-1} W_l + b_l
    normalized: list | None  # depth x (batch, width): the standardised z fed to f, or None
    inv_std: list | None  # depth x 1 / sqrt(var + eps), (1, width) or (batch, 1), or None
    activations: list  # (depth + 1) x (batch, width): h_0 = x, ..., h_depth
    grad_weights: list  # depth x (width, width): dL/dW_l
    grad_biases: list  # depth x (width,): dL/db_l
    grad_activations: list  # (depth + 1) x (batch, width): dL/dh_0, ..., dL/dh_depth
    loss: float

    @property
    def depth(self) -> int:
        return len(self.weights)

    @property
    def width(self) -> int:
        return self.x.shape[1]

    @property
    def batch(self) -> int:
        return self.x.shape[0]

    def f_inputs(self, layer: int) -> np.ndarray:
        """What f was applied to at ``layer`` (1-based): z_l, or its normalised version."""
        source = self.normalized if self.normalized is not None else self.pre_activations
        return source[layer - 1]


# ---------------------------------------------------------------- validation


def _integer(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number in [{lo}, {hi}], got {value!r}")
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be in [{lo}, {hi}], got {value}")
    return int(value)


def check_size(depth, width, batch):
    """Validate the network size; raise ``ValueError`` with a clear message, else None.

    Limits: depth in [1, 200], width in [2, 1024], batch in [1, 4096], and

    .. math::
        D n^2 B \\le \\text{MAX\\_WORK}, \\quad D n B \\le \\text{MAX\\_CELLS}, \\quad
        D n^2 \\le \\text{MAX\\_WEIGHTS}

    (time, stored activations, stored weights). :func:`fit_size` finds a size that fits.
    """
    depth = _integer("depth", depth, 1, MAX_DEPTH)
    width = _integer("width", width, 2, MAX_WIDTH)
    batch = _integer("batch", batch, 1, MAX_BATCH)
    work = depth * width * width * batch
    if work > MAX_WORK:
        raise ValueError(
            f"depth * width^2 * batch = {work:.3g} is over the work cap {MAX_WORK:.3g} "
            f"(three matrix products of that many multiply-adds per pass); "
            f"use a smaller batch, width or depth"
        )
    cells = depth * width * batch
    if cells > MAX_CELLS:
        raise ValueError(
            f"depth * width * batch = {cells:.3g} is over the memory cap {MAX_CELLS:.3g} "
            f"(numbers stored per array of activations); use a smaller batch, width or depth"
        )
    if depth * width * width > MAX_WEIGHTS:
        raise ValueError(
            f"depth * width^2 = {depth * width * width:.3g} is over the weight memory cap "
            f"{MAX_WEIGHTS:.3g}; use a smaller width or depth"
        )


def fit_size(depth: int, width: int, batch: int) -> tuple[int, int, int]:
    """The nearest size within the caps: the batch is lowered first, then the depth.

    ``depth``, ``width`` and ``batch`` must each be within their own range already.
    """
    max_depth = min(MAX_DEPTH, MAX_WEIGHTS // (width * width), MAX_WORK // (width * width),
                    MAX_CELLS // width)
    depth = min(depth, max_depth)
    max_batch = min(MAX_BATCH, MAX_WORK // (depth * width * width), MAX_CELLS // (depth * width))
    return depth, width, min(batch, max_batch)


def _activation(activation):
    """A registry name or an Activation(-like) object -> the object."""
    return get(activation) if isinstance(activation, str) else activation


# ---------------------------------------------------------------- initialisation


# torch.nn.init.calculate_gain names for the registry's activations; others use torch's
# kaiming default (leaky_relu with a = 0, i.e. the ReLU gain sqrt(2)).
_GAIN_NAME = {"identity": "linear", "sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu",
              "leaky_relu": "leaky_relu", "prelu": "leaky_relu", "rrelu": "leaky_relu",
              "selu": "linear"}


def _negative_slope(name, params):
    """The negative slope of a leaky ReLU variant at ``params`` (defaults filled in)."""
    act = get(name)
    p = act.resolve(params)
    if name == "rrelu":
        return 0.5 * (p["lower"] + p["upper"])  # eval mode uses the mean slope
    return p["negative_slope"] if name == "leaky_relu" else p["a"]


def init_kwargs(scheme: str, activation, params: dict | None = None) -> dict:
    """Keyword arguments for ``init.make(scheme, ...)`` that suit the activation.

    Only the He (kaiming) schemes look at the activation: their whole point is the gain
    :math:`\\sqrt{2 / (1 + a^2)}` for a (leaky) ReLU with negative slope :math:`a`, and
    :math:`5/3` for tanh. For SELU we follow PyTorch's advice (``nonlinearity='linear'``,
    i.e. LeCun's :math:`1/\\sqrt{n}`), and for activations ``calculate_gain`` doesn't know,
    PyTorch's default (the ReLU gain). Every other scheme keeps its PyTorch defaults
    (Xavier with gain 1, as in Glorot & Bengio; ``normal`` with std 1).
    """
    if scheme not in ("kaiming_normal", "kaiming_uniform"):
        return {}
    name = getattr(_activation(activation), "name", None)
    gain_name = _GAIN_NAME.get(name)
    if gain_name is None:
        return {"nonlinearity": "relu"}
    if gain_name == "leaky_relu":
        return {"nonlinearity": "leaky_relu", "a": _negative_slope(name, params)}
    return {"nonlinearity": gain_name}


# ---------------------------------------------------------------- the two passes


def _normalize(z, axis):
    r"""Standardise ``z`` along ``axis`` without affine parameters (torch training mode).

    .. math:: \hat z = (z - \mu) / \sqrt{\sigma^2 + \epsilon}

    with the biased variance. Returns ``(z_hat, 1 / sqrt(var + eps))``.
    """
    mean = z.mean(axis=axis, keepdims=True)
    centred = z - mean
    inv_std = 1.0 / np.sqrt((centred * centred).mean(axis=axis, keepdims=True) + EPS)
    centred *= inv_std
    return centred, inv_std


def _normalize_backward(d_hat, z_hat, inv_std, axis):
    r"""Gradient through :func:`_normalize`: with :math:`s = \sqrt{\sigma^2 + \epsilon}`,

    .. math::
        \frac{\partial L}{\partial z} = \frac1s\left(\frac{\partial L}{\partial \hat z}
        - \operatorname{mean}\frac{\partial L}{\partial \hat z}
        - \hat z \operatorname{mean}\Big(\frac{\partial L}{\partial \hat z} \hat z\Big)\right)

    (means over ``axis``); exact with the epsilon, since :math:`\hat z` already holds it.
    """
    mean_d = d_hat.mean(axis=axis, keepdims=True)
    mean_dz = (d_hat * z_hat).mean(axis=axis, keepdims=True)
    return inv_std * (d_hat - mean_d - z_hat * mean_dz)


def _check_options(init, seed, normalization, residual, bias):
    if init not in _init.SCHEMES:
        raise ValueError(f"unknown init scheme {init!r}; valid: {', '.join(_init.SCHEMES)}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a non-negative whole number, got {seed!r}")
    if normalization not in NORMALIZATIONS:
        raise ValueError(f"normalization must be one of {NORMALIZATIONS}, got {normalization!r}")
    if not isinstance(residual, (bool, np.bool_)):
        raise ValueError(f"residual must be True or False, got {residual!r}")
    if isinstance(bias, bool) or not isinstance(bias, numbers.Real) or not math.isfinite(bias):
        raise ValueError(f"bias must be a finite number, got {bias!r}")


def simulate(activation, depth, width, batch, init="xavier_normal", seed=0, params=None,
             normalization="none", residual=False, bias=0.0, init_kw=None) -> Simulation:
    r"""One forward and backward pass through a ``depth``-layer MLP at initialisation.

    .. math::
        h_0 = x, \quad z_l = h_{l-1} W_l + b_l, \quad h_l = f(z_l), \quad
        L = \tfrac12 \operatorname{mean}\big((h_D - y)^2\big)

    Args:
        activation: a registry name (``"relu"``) or an Activation-like object (only
            ``act(x, **params)``, ``act.grad(x, **params)``, ``.name`` and ``.label``
            are used).
        depth: number of layers D, 1 to 200.
        width: units per layer n (input, hidden and output), 2 to 1024.
        batch: samples B, 1 to 4096. Also :math:`D n^2 B \le 4 \times 10^9` (time) and
            :math:`D n B \le 2^{23}`, :math:`D n^2 \le 2^{24}` (memory); see
            :func:`check_size`.
        init: weight scheme, a key of ``activations.init.SCHEMES``. Default:
            ``"xavier_normal"``. ``"standard"`` is Glorot & Bengio's
            :math:`U(\pm 1/\sqrt n)`.
        seed: seeds one ``numpy.random.Generator`` that draws x, then y, then
            :math:`W_1, \dots, W_D` in that order. Same seed and scheme, same data and
            weights, whatever the activation (He init only rescales them by its gain).
            Default: 0.
        params: the activation's parameters. Default: None (its defaults).
        normalization: ``"none"`` (default); ``"batch"`` standardises each unit of
            :math:`z_l` over the batch before f; ``"layer"`` standardises each sample
            over the units. Both as torch's BatchNorm1d (training mode) / LayerNorm
            without affine parameters: :math:`\hat z = (z - \mu)/\sqrt{\sigma^2 + 10^{-5}}`
            (biased variance), and :math:`h_l = f(\hat z_l)`.
        residual: if True, :math:`h_l = h_{l-1} + f(\cdot)`, a skip connection around
            every layer. Default: False.
        bias: the value of every entry of every :math:`b_l`. Default: 0.0. A negative
            bias pushes ReLU units below zero (dying ReLU).
        init_kw: keyword arguments for the scheme. Default: None, meaning
            :func:`init_kwargs` (the activation's gain for He init).

    Returns:
        A :class:`Simulation`. Values that overflow float64 (an exploding network, e.g.
        ReLU with ``init="normal"`` deep enough) become inf or nan without a warning;
        :func:`layer_stats` reports where.

    Raises:
        ValueError: for a size over the limits or an unknown option, with the reason.
    """
    check_size(depth, width, batch)
    _check_options(init, seed, normalization, residual, bias)
    act = _activation(activation)
    params = dict(params or {})
    kw = init_kwargs(init, act, params) if init_kw is None else dict(init_kw)

    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch, width))  # (batch, width)
    y = rng.standard_normal((batch, width))  # (batch, width)
    weights = [_init.make(init, (width, width), rng, **kw) for _ in range(depth)]
    biases = [np.full(width, float(bias)) for _ in range(depth)]  # (width,)
    axis = {"none": None, "batch": 0, "layer": 1}[normalization]

    # An exploding network overflows float64 for real; that's a result to show (inf),
    # not an error, and layer_stats reports the layer where it happens.
    with np.errstate(over="ignore", invalid="ignore"):
        zs, hats, inv_stds, hs = _forward(act, params, x, weights, bias, axis, residual)
        diff = hs[-1] - y
        loss = 0.5 * float(np.mean(diff * diff))
        dws, dbs, dhs = _backward(act, params, diff / diff.size, weights, zs, hats, inv_stds,
                                  hs, axis, residual)

    return Simulation(
        activation=act, params=params, init=init, init_kw=kw,
        weight_variance=_init.variance(init, width, width, **kw),
        normalization=normalization, residual=bool(residual), seed=int(seed),
        x=x, y=y, weights=weights, biases=biases, pre_activations=zs,
        normalized=hats if axis is not None else None,
        inv_std=inv_stds if axis is not None else None,
        activations=hs, grad_weights=dws, grad_biases=dbs, grad_activations=dhs, loss=loss,
    )


def _forward(act, params, x, weights, bias, axis, residual):
    """z, normalised z, 1/std and h for every layer (lists; h includes h_0 = x)."""
    zs, hats, inv_stds, hs = [], [], [], [x]
    h = x
    for w in weights:
        z = h @ w  # (batch, width)
        if bias:
            z += bias  # every b_l is constant; adding the scalar skips a broadcast
        zs.append(z)
        if axis is None:
            u = z
        else:
            u, inv_std = _normalize(z, axis)
            hats.append(u)
            inv_stds.append(inv_std)
        a = act(u, **params)  # (batch, width)
        h = h + a if residual else a
        hs.append(h)
    return zs, hats, inv_stds, hs


def _backward(act, params, grad_out, weights, zs, hats, inv_stds, hs, axis, residual):
    """dL/dW, dL/db for every layer and dL/dh for h_0..h_D, from dL/dh_D = ``grad_out``."""
    depth = len(weights)
    dws, dbs, dhs = [None] * depth, [None] * depth, [None] * (depth + 1)
    g = grad_out  # dL/dh_l, (batch, width)
    dhs[depth] = g
    for i in range(depth - 1, -1, -1):  # layer l = i + 1
        u = zs[i] if axis is None else hats[i]
        du = act.grad(u, **params) * g  # dL/du = dL/dh . f'(u), (batch, width)
        dz = du if axis is None else _normalize_backward(du, hats[i], inv_stds[i], axis)
        dws[i] = hs[i].T @ dz  # (width, width)
        dbs[i] = dz.sum(axis=0)  # (width,)
        g_prev = dz @ weights[i].T  # (batch, width)
        if residual:
            g_prev += g  # the skip connection passes dL/dh_l through unchanged
        dhs[i] = g = g_prev
    return dws, dbs, dhs


# ---------------------------------------------------------------- statistics

QUANTILES = (0.01, 0.25, 0.5, 0.75, 0.99)  # box: whiskers at 1% and 99%, box at quartiles


@dataclass(frozen=True, eq=False)
class LayerStats:
    """Per-layer numbers of one :class:`Simulation`; arrays have one entry per layer 1..D.

    Non-finite values (an exploding network overflowing float64) are stored as nan, and
    ``overflow_layer`` is the first layer, going up the forward pass and then down the
    backward pass, whose numbers overflowed (``overflow_pass`` says which pass).
    """

    label: str  # the activation's label
    name: str  # the activation's name
    init: str
    depth: int
    width: int
    batch: int
    loss: float
    h_mean: np.ndarray  # mean of h_l over batch and units
    h_std: np.ndarray  # std of h_l
    h_quantiles: np.ndarray  # (depth, 5): h_l at QUANTILES
    hist_edges: np.ndarray  # (bins + 1,): one value range for every layer
    hist: np.ndarray  # (depth, bins): fraction of h_l's entries in each bin
    saturated: np.ndarray  # fraction of entries with |f'(z)| < SATURATION
    dead: np.ndarray  # fraction of units with f'(z) = 0 for every sample
    fprime_sq: np.ndarray  # E[f'(z)^2]
    grad_h_norm: np.ndarray  # ||dL/dh_l||_F
    grad_w_norm: np.ndarray  # ||dL/dW_l||_F
    grad_x_norm: float  # ||dL/dh_0||_F, the gradient reaching the input
    gain: np.ndarray  # g_l, the expected ratio ||dL/dh_{l-1}||^2 / ||dL/dh_l||^2
    # The theory's ||dL/dh_l||: the targets' share carried back by the gains and the
    # output's share by its own recursion (plain stacks, `_predicted`); with normalisation
    # or skips (no theory drawn) ||dL/dh_D|| * sqrt(prod_{k > l} g_k).
    predicted_grad_h_norm: np.ndarray
    gain_product: float  # prod over all layers of g_l
    overflow_layer: int | None  # first layer, in computation order, with inf or nan; or None
    overflow_pass: str | None  # where that was: "forward" or "backward"

    @property
    def layers(self) -> np.ndarray:
        return np.arange(1, self.depth + 1)

    @property
    def flow_ratio(self) -> float:
        """Measured ||dL/dh_1|| / ||dL/dh_D||: the share of the output gradient reaching layer 1."""
        return _ratio(self.grad_h_norm[0], self.grad_h_norm[-1])

    @property
    def predicted_flow_ratio(self) -> float:
        """The same ratio in theory (``predicted_grad_h_norm``)."""
        return _ratio(self.predicted_grad_h_norm[0], self.predicted_grad_h_norm[-1])


def _ratio(a: float, b: float) -> float:
    """a / b, or nan when b is 0 or either is not finite (no warning)."""
    if not (math.isfinite(a) and math.isfinite(b)) or b == 0:
        return math.nan
    return float(a) / float(b)


def _norm(a) -> float:
    """Frobenius norm that doesn't overflow for huge but finite entries."""
    m = float(np.max(np.abs(a)))
    if m == 0.0 or not math.isfinite(m):
        return m
    return m * float(np.sqrt(np.sum(np.square(a / m))))


def _std(a) -> float:
    """Standard deviation that doesn't overflow for huge but finite entries."""
    m = float(np.max(np.abs(a)))
    if m == 0.0 or not math.isfinite(m):
        return 0.0 if m == 0.0 else math.nan
    return m * float(np.std(a / m))


def _finite_or_nan(a):
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a), a, np.nan)


def _layer_gain(sim: Simulation, layer: int, fprime_sq: float) -> float:
    r"""Expected :math:`\|\partial L/\partial h_{l-1}\|^2 / \|\partial L/\partial h_l\|^2`.

    Plain: :math:`g = n \mathrm{Var}(W) \mathbb E[f'^2]`. With normalisation the gradient is
    also scaled by :math:`1/s` (mean :math:`1/s^2` used; the two directions the
    normalisation projects out are ignored). With a residual connection the identity path
    adds 1, the cross term having mean zero: :math:`1 + g`.
    """
    g = sim.width * sim.weight_variance * fprime_sq
    if sim.inv_std is not None:
        g *= float(np.mean(np.square(sim.inv_std[layer - 1])))
    return 1.0 + g if sim.residual else g


def _log_sq(a) -> float:
    """log ||a||^2 without overflow for huge finite entries: -inf for 0, nan for inf or nan."""
    norm = _norm(a)
    if not math.isfinite(norm):
        return math.nan
    return 2.0 * math.log(norm) if norm > 0 else -math.inf


def _log_abs_dot(a, b) -> float:
    """log |<a, b>| (sum over every entry) without overflow for huge finite entries."""
    ma, mb = float(np.max(np.abs(a))), float(np.max(np.abs(b)))
    if not (math.isfinite(ma) and math.isfinite(mb)):
        return math.nan
    if ma == 0.0 or mb == 0.0:
        return -math.inf
    dot = abs(float(np.sum((a / ma) * (b / mb))))
    return math.log(dot) + math.log(ma) + math.log(mb) if dot > 0 else -math.inf


def _log_diff(log_a: float, log_b: float) -> float:
    """log (e^log_a - e^log_b), -inf where that is not above 0 (rounding)."""
    if not log_b < log_a:
        return -math.inf if log_b >= log_a else math.nan
    return log_a + math.log1p(-math.exp(log_b - log_a))


def _predicted(sim: Simulation, gain: np.ndarray, fprime: list) -> np.ndarray:
    r"""The theory's :math:`\|\partial L/\partial h_l\| / \|\partial L/\partial h_D\|`,
    l = 1..D, of a plain stack (no normalisation, no skips).

    The error's gradient :math:`(h_D - y)/N` has two shares (their cross term has mean 0).

    - The targets' share :math:`-y` is independent of the weights: going back through
      layer l multiplies its squared norm by the gain :math:`g_l` on average.
    - The output's share :math:`h_D` is not. With :math:`u_l = f'(z_l) \odot f(z_l)` and
      :math:`z_l = h_{l-1} W_l + b`, Stein's lemma over Gaussian weights gives
      :math:`\mathbb E[u_l W_l^\top] = n\mathrm{Var}(W)\,\mathbb E[u_l']\, h_{l-1}`:
      the step back holds :math:`a_l h_{l-1}` again, with
      :math:`a_l = \langle u_l, z_l - b\rangle / \lVert h_{l-1}\rVert^2` (the exact
      projection of :math:`u_l W_l^\top` on :math:`h_{l-1}`, read off :math:`z_l`), plus a
      random part of squared norm :math:`n\mathrm{Var}(W)\lVert u_l\rVert^2` (to leading
      order in 1/n), which from then on goes back by the gains as the targets' share does.
      Orthogonal weights keep norms exactly, :math:`\lVert u_l W_l^\top\rVert^2 =
      n\mathrm{Var}(W)\lVert u_l\rVert^2`, so there the random part is that less the
      :math:`a_l h_{l-1}` (a linear stack passes :math:`h_D` back unchanged).

    So with :math:`\alpha_D = 1`, :math:`V_D = \lVert y\rVert^2`, going down:

    .. math::
        V_{l-1} = g_l V_l + \alpha_l^2\, n\mathrm{Var}(W) \lVert u_l\rVert^2, \quad
        \alpha_{l-1} = a_l \alpha_l, \quad
        T_l = \alpha_l^2 \lVert h_l\rVert^2 + V_l,

    and the ratio is :math:`\sqrt{T_l / T_D}`. For ReLU with He init (:math:`a_l
    \approx 1`, :math:`n\mathrm{Var}(W)\lVert u_l\rVert^2 = 2\lVert h_l\rVert^2`) the
    output's share grows as :math:`1 + 2k` over k layers back, where the gains alone say 1.
    Like the gain, every quantity is read off this batch's forward pass; worked in logs, so
    an exploding network neither overflows nor warns.
    """
    depth = sim.depth
    hs = sim.activations
    orthogonal = sim.init == "orthogonal"
    log_h = [_log_sq(h) for h in hs]  # log ||h_l||^2, l = 0..D
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_scale = float(np.log(sim.width * sim.weight_variance))  # log n Var(W)
        log_gain = np.log(gain)
        log_v = _log_sq(sim.y)  # log V_l
        log_top = np.logaddexp(log_h[depth], log_v)  # log T_D
        # Both shares relative to T_D from here on: log (V_l / T_D), log (alpha_l^2 / T_D).
        log_v -= log_top
        log_alpha = -log_top
        out = np.zeros(depth)  # log (T_l / T_D), index l - 1
        for l in range(depth, 1, -1):
            u = hs[l] * fprime[l - 1]  # f(z_l) f'(z_l), (batch, width)
            log_random = log_alpha + log_scale + _log_sq(u)  # alpha^2 n Var(W) ||u||^2
            centred = sim.pre_activations[l - 1] - sim.biases[l - 1]  # z_l - b = h_{l-1} W_l
            log_a = _log_abs_dot(u, centred)  # log |a_l| + log ||h_{l-1}||^2
            if log_a == -math.inf or log_h[l - 1] == -math.inf:  # nothing comes back along h
                log_alpha = -math.inf
            else:
                log_alpha += 2.0 * (log_a - log_h[l - 1])
            if orthogonal:  # ||u W^T||^2 = n Var(W) ||u||^2 exactly: the rest of it is random
                log_random = _log_diff(log_random, log_alpha + log_h[l - 1])
            log_v = np.logaddexp(log_gain[l - 1] + log_v, log_random)
            out[l - 2] = np.logaddexp(log_alpha + log_h[l - 1], log_v)
        return np.exp(0.5 * out)


def _histogram(hs, quantiles, bins):
    """Shared bin edges over every layer (1%..99% range) and per-layer fractions."""
    q = quantiles[np.isfinite(quantiles).all(axis=1)]
    lo, hi = (float(q[:, 0].min()), float(q[:, -1].max())) if len(q) else (-1.0, 1.0)
    if not hi - lo > 1e-12 * max(1.0, abs(lo)):  # one value only (e.g. all dead): widen
        lo, hi = lo - 0.5, hi + 0.5
    edges = np.linspace(lo, hi, bins + 1)
    counts = np.stack([np.histogram(h, bins=edges)[0] for h in hs]).astype(np.float64)
    return edges, counts / hs[0].size


def layer_stats(sim: Simulation, bins: int = 40) -> LayerStats:
    """Per-layer statistics of a simulation, as drawn by the gradient-flow page.

    - mean, std, quantiles and a histogram of :math:`h_l`;
    - saturated fraction: entries with :math:`|f'(z_l)| < 10^{-3}`;
    - dead fraction: units with :math:`f'(z_l) = 0` for every sample of the batch;
    - :math:`\\|\\partial L/\\partial h_l\\|` and :math:`\\|\\partial L/\\partial W_l\\|`
      (Frobenius norms);
    - the gain :math:`g_l = n\\,\\mathrm{Var}(W)\\,\\mathbb E[f'(z_l)^2]` (theoretical
      Var(W) of the scheme, :math:`\\mathbb E` measured over this batch), and the norm it
      predicts, :math:`\\|\\partial L/\\partial h_D\\| \\prod_{k>l} \\sqrt{g_k}`.

    ``z`` here is what f was applied to (normalised when normalisation is on).
    """
    depth = sim.depth
    hs = sim.activations[1:]
    overflow_layer, overflow_pass = _overflow(sim)
    with np.errstate(over="ignore", invalid="ignore"):
        fprime = [np.asarray(sim.activation.grad(sim.f_inputs(l), **sim.params))
                  for l in range(1, depth + 1)]
        fprime_sq = np.array([float(np.mean(np.square(fp))) for fp in fprime])
        saturated = np.array([float(np.mean(np.abs(fp) < SATURATION)) for fp in fprime])
        dead = np.array([float(np.mean(np.all(fp == 0, axis=0))) for fp in fprime])
        h_mean = np.array([float(np.mean(h)) for h in hs])
        h_std = np.array([_std(h) for h in hs])
        quantiles = np.stack([_quantiles(h) for h in hs])  # (depth, 5)
        grad_h = np.array([_norm(g) for g in sim.grad_activations[1:]])
        grad_w = np.array([_norm(g) for g in sim.grad_weights])
        gain = np.array([_layer_gain(sim, l, fprime_sq[l - 1]) for l in range(1, depth + 1)])
        if sim.inv_std is None and not sim.residual:
            predicted = grad_h[-1] * _predicted(sim, gain, fprime)
        else:  # no theory drawn (`theory_applies`): the gains alone
            # Going down from the top, layer l's gradient has passed through layers l+1..D.
            above = np.append(np.cumprod(gain[::-1])[::-1][1:], 1.0)
            predicted = grad_h[-1] * np.sqrt(above)
        del fprime
        gain_product = float(np.prod(gain))
        edges, hist = _histogram(hs, quantiles, bins)
    return LayerStats(
        label=getattr(sim.activation, "label", str(sim.activation)),
        name=getattr(sim.activation, "name", str(sim.activation)),
        init=sim.init, depth=depth, width=sim.width, batch=sim.batch,
        loss=sim.loss if math.isfinite(sim.loss) else math.nan,
        h_mean=_finite_or_nan(h_mean), h_std=_finite_or_nan(h_std),
        h_quantiles=_finite_or_nan(quantiles), hist_edges=edges, hist=hist,
        saturated=saturated, dead=dead, fprime_sq=_finite_or_nan(fprime_sq),
        grad_h_norm=_finite_or_nan(grad_h), grad_w_norm=_finite_or_nan(grad_w),
        grad_x_norm=float(_finite_or_nan(_norm(sim.grad_activations[0]))),
        gain=_finite_or_nan(gain), predicted_grad_h_norm=_finite_or_nan(predicted),
        gain_product=float(_finite_or_nan(gain_product)),
        overflow_layer=overflow_layer, overflow_pass=overflow_pass,
    )


def _quantiles(h):
    if not np.isfinite(h).all():
        return np.full(len(QUANTILES), np.nan)
    return np.quantile(h, QUANTILES)


def _overflow(sim: Simulation) -> tuple[int | None, str | None]:
    """The first layer, in the order computed, holding a non-finite number, and its pass.

    The forward pass goes up (z_l, h_l for l = 1..D), the backward pass comes down
    (dL/dh_l, dL/dW_l for l = D..1); once a gradient is inf, everything below is inf or nan.
    """
    for l in range(1, sim.depth + 1):
        if not (np.isfinite(sim.pre_activations[l - 1]).all()
                and np.isfinite(sim.activations[l]).all()):
            return l, "forward"
    for l in range(sim.depth, 0, -1):
        if not (np.isfinite(sim.grad_activations[l]).all()
                and np.isfinite(sim.grad_weights[l - 1]).all()):
            return l, "backward"
    return None, None


def profile(activation, depth, width, batch, init="xavier_normal", seed=0, params=None,
            normalization="none", residual=False, bias=0.0, bins=40) -> LayerStats:
    """:func:`simulate` then :func:`layer_stats`, keeping only the statistics.

    The arguments are those of :func:`simulate`; the large arrays are freed on return, so
    this is what a cache should hold.
    """
    sim = simulate(activation, depth, width, batch, init=init, seed=seed, params=params,
                   normalization=normalization, residual=residual, bias=bias)
    return layer_stats(sim, bins=bins)


def chain_rule_reference(top: float, depth: int, slope: float = 0.25) -> np.ndarray:
    r"""The scalar chain rule: :math:`\text{top} \cdot \text{slope}^{D - l}` for l = 1..D.

    One unit per layer with weight 1 and sigmoid's best derivative
    :math:`\sigma'(0) = 1/4`: after n layers the gradient is at most :math:`0.25^n` of
    what it was. Default slope: 0.25.
    """
    return top * slope ** np.arange(depth - 1, -1, -1, dtype=np.float64)


THEORY_TOLERANCE = 2.0  # measured / predicted flow ratio beyond this factor: they part


def theory_applies(normalization: str = "none", residual: bool = False) -> bool:
    """Whether the per-layer gain predicts a network of this kind at all.

    Only plain stacks: measured, batch norm makes the gradient grow going back by itself
    (Yang et al., 2019) and layer norm and skip paths miss the gain's prediction by orders
    of magnitude (tests/test_gradflow.py shows both), so a dashed "theory" line for them
    would only mislead.
    """
    return normalization == "none" and not residual


def theory_parts(stats: LayerStats, tolerance: float = THEORY_TOLERANCE) -> str | None:
    """Why the measured flow ratio differs from the predicted one by more than
    ``tolerance`` times either way: ``"spread"`` or ``"coupled"``. None when they agree, or
    when either is 0 or not finite.

    The prediction (:func:`_predicted`) carries back the targets' share of the error by the
    gains and the network's own output's share by its recursion, on average over weight
    draws and to leading order in 1/width.

    - ``"spread"``: one draw of the weights is not the average. Single draws spread around
      it, the wider the more layers there are for their width (Hanin, 2018; 15 layers of 2
      units: the median draw at 1e-4 of it, yet one in a thousand 10 times above).
      Taken as the reason when the stack is at least as deep as it is wide, or the
      measurement lies below the prediction.
    - ``"coupled"``: above the prediction in layers wide for their depth, where draws agree:
      the gradient reaching a layer is not independent of its weights in a way the theory
      does not model; even the targets' share alone passes back more than the gains say
      (GELU, SiLU or Mish with He init; LeakyReLU under a negative bias).
    """
    measured, predicted = stats.flow_ratio, stats.predicted_flow_ratio
    if not (math.isfinite(measured) and math.isfinite(predicted)) or min(measured,
                                                                        predicted) <= 0:
        return None
    if max(measured / predicted, predicted / measured) <= tolerance:
        return None
    if stats.depth >= stats.width or measured < predicted:
        return "spread"
    return "coupled"


# ---------------------------------------------------------------- classic experiments


@dataclass(frozen=True)
class Preset:
    """A classic experiment: every activation is run with every init scheme."""

    activations: tuple[str, ...]
    inits: tuple[str, ...]
    depth: int
    width: int = 256
    batch: int = 256
    bias: float = 0.0
    normalization: str = "none"
    residual: bool = False


PRESETS = {
    # sigma' <= 1/4 and U(+-1/sqrt(n)) weights: the gradient shrinks at every layer.
    "sigmoid_vanishing": Preset(("sigmoid",), ("standard",), depth=10),
    # sigma' <= 1/4 bounds only the slope: W^T multiplies too. With N(0, 1) weights it
    # stretches the gradient about sqrt(n) = 16 times, and the gain n Var(W) E[sigma'^2] is
    # 1.5: the gradient grows towards layer 1 (x470 over 30 layers), while the standard
    # init's small weights shrink it (x2.3e-25). Sigmoid's bounded output does not stop that.
    "sigmoid_exploding": Preset(("sigmoid",), ("standard", "normal"), depth=30),
    # Glorot & Bengio (2010), figures 6-8: five tanh layers, standard vs normalised init.
    "tanh_glorot": Preset(("tanh",), ("standard", "xavier_uniform"), depth=5, width=512),
    # He et al. (2015), figure 3: a 30-layer ReLU net stalls with Xavier, trains with He.
    "relu_he": Preset(("relu",), ("xavier_normal", "kaiming_normal"), depth=30),
    # Klambauer et al. (2017): SELU with LeCun normal weights keeps mean 0 and variance 1.
    "selu_lecun": Preset(("selu",), ("lecun_normal",), depth=50),
    # A negative bias sends ReLU units below zero for every sample: their gradient is 0.
    "dying_relu": Preset(("relu", "leaky_relu"), ("kaiming_normal",), depth=10, bias=-0.5),
    # Lu et al. (2019): a deep and narrow ReLU network dies with no bias at all. With 2
    # units a layer, sooner or later both are below zero for the whole batch, and ReLU
    # passes back exactly 0 from there down (196 of the first 200 seeds); LeakyReLU passes
    # back 0.01 of the gradient there (tests/test_gradflow.py).
    "narrow_relu": Preset(("relu", "leaky_relu"), ("kaiming_normal",), depth=15, width=2),
    # Hardtanh's slope is exactly 1 inside (-1, 1) and exactly 0 outside, so the weights'
    # size decides. Xavier's (n Var(W) = 1) keep 96% of z inside: layer 1 of 30 gets 0.9 of
    # the gradient. N(0, 1) puts 95% on the flat parts, yet the rest carry the gradient
    # through weights sqrt(n) = 16 times too large: x1e16. The standard init's smaller ones
    # keep 99.7% inside, but n Var(W) = 1/3 shrinks it like a linear stack: x1.2e-7.
    "hardtanh_weights": Preset(("hardtanh",), ("standard", "xavier_normal", "normal"), depth=30),
}
"""Preset name -> :class:`Preset`."""

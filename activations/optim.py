r"""Gradient-descent optimizers in NumPy, rule for rule those of ``torch.optim``.

Each optimizer is a small dataclass: its fields are the hyper-parameters, with the names and
defaults of its ``torch.optim`` namesake, and ``state`` holds the running buffers.
``step(params, grads)`` updates a list of float arrays **in place**. The buffers are keyed by
position in that list (``torch`` keys them by tensor), so pass the parameters in the same order
at every step.

>>> w = [np.array([1.0, 1.0]), np.zeros((2, 3))]
>>> opt = make("adam", lr=0.1)
>>> opt.step(w, [np.array([1.0, 10.0]), np.ones((2, 3))])   # w[0] is now about [0.9, 0.9]

In the formulas :math:`\theta` is a parameter, :math:`g_t` its gradient at step
:math:`t = 1, 2, \dots`, :math:`\gamma` the learning rate and :math:`\lambda` the weight
decay, which every optimizer here applies as ``torch`` does, by adding :math:`\lambda\theta`
to the gradient (L2 regularisation, not AdamW's decoupled decay). Operations on vectors are
elementwise.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field, fields

import numpy as np

__all__ = [
    "Optimizer", "SGD", "Adagrad", "RMSprop", "Adadelta", "Adam", "NAdam",
    "NAMES", "DEFAULT_LR", "make",
]


@dataclass
class Optimizer:
    """Base class: checks the arguments of ``step`` and keeps one state dict per position."""

    state: dict[int, dict] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        # torch's checks, written once: every real hyper-parameter is finite and >= 0.
        for f in fields(self):
            v = getattr(self, f.name)
            if f.init and isinstance(f.default, float):
                if isinstance(v, bool) or not isinstance(v, numbers.Real) or not (
                    math.isfinite(v) and v >= 0
                ):
                    name = f"{type(self).__name__}: {f.name}"
                    raise ValueError(f"{name} must be finite and >= 0, got {v!r}")

    def step(self, params, grads):
        """Update every array of ``params`` in place by its gradient in ``grads``."""
        if len(params) != len(grads):
            raise ValueError(f"{len(params)} parameters but {len(grads)} gradients")
        for i, (p, g) in enumerate(zip(params, grads)):
            if not (isinstance(p, np.ndarray) and np.issubdtype(p.dtype, np.floating)):
                raise TypeError(f"parameter {i} must be a float NumPy array (updated in place)")
            g = np.asarray(g, dtype=float)  # never written to: the caller's gradient stays
            if g.shape != p.shape:
                raise ValueError(f"parameter {i} has shape {p.shape}, its gradient {g.shape}")
            s = self.state.setdefault(i, {})  # created lazily on the first step, as in torch
            s["step"] = s.get("step", 0) + 1
            self._update(p, g, s)

    def _update(self, p, g, s):
        raise NotImplementedError


@dataclass
class SGD(Optimizer):
    r"""Stochastic gradient descent, with optional (Nesterov) momentum :math:`\mu`.

    .. math::

        g_t &\leftarrow g_t + \lambda\theta_{t-1} \\
        b_t &\leftarrow \begin{cases} g_t & t = 1 \\
                        \mu b_{t-1} + (1 - \tau) g_t & t > 1 \end{cases} \\
        g_t &\leftarrow \begin{cases} g_t + \mu b_t & \text{nesterov} \\
                        b_t & \text{otherwise} \end{cases}
                        \qquad (\text{if } \mu \ne 0) \\
        \theta_t &\leftarrow \theta_{t-1} - \gamma g_t

    ``lr`` :math:`\gamma`, Default: 1e-3. ``momentum`` :math:`\mu`, Default: 0.
    ``dampening`` :math:`\tau`, Default: 0. ``weight_decay`` :math:`\lambda`, Default: 0.
    ``nesterov``, Default: False (needs momentum > 0 and zero dampening).
    """

    lr: float = 1e-3
    momentum: float = 0.0
    dampening: float = 0.0
    weight_decay: float = 0.0
    nesterov: bool = False

    def __post_init__(self):
        super().__post_init__()
        if self.nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise ValueError("SGD: nesterov momentum requires a momentum and zero dampening")

    def _update(self, p, g, s):
        if self.weight_decay:
            g = g + self.weight_decay * p
        if self.momentum:
            if "momentum_buffer" not in s:
                # The buffer starts at the first gradient itself, undamped (torch does this).
                b = s["momentum_buffer"] = g.copy()
            else:
                b = s["momentum_buffer"]
                b *= self.momentum
                b += (1 - self.dampening) * g
            g = g + self.momentum * b if self.nesterov else b
        p -= self.lr * g


@dataclass
class Adagrad(Optimizer):
    r"""Adagrad: each coordinate's step shrinks with the sum of its squared gradients.

    .. math::

        \tilde\gamma &= \gamma / (1 + (t - 1)\eta) \\
        g_t &\leftarrow g_t + \lambda\theta_{t-1} \\
        s_t &= s_{t-1} + g_t^2, \qquad s_0 = \text{initial\_accumulator\_value} \\
        \theta_t &= \theta_{t-1} - \tilde\gamma\, g_t / (\sqrt{s_t} + \epsilon)

    ``lr`` :math:`\gamma`, Default: 1e-2. ``lr_decay`` :math:`\eta`, Default: 0.
    ``weight_decay`` :math:`\lambda`, Default: 0. ``initial_accumulator_value``, Default: 0.
    ``eps`` :math:`\epsilon`, Default: 1e-10.
    """

    lr: float = 1e-2
    lr_decay: float = 0.0
    weight_decay: float = 0.0
    initial_accumulator_value: float = 0.0
    eps: float = 1e-10

    def _update(self, p, g, s):
        clr = self.lr / (1 + (s["step"] - 1) * self.lr_decay)
        if self.weight_decay:
            g = g + self.weight_decay * p
        acc = s.setdefault("sum", np.full(p.shape, float(self.initial_accumulator_value)))
        acc += g * g
        p -= clr * g / (np.sqrt(acc) + self.eps)


@dataclass
class RMSprop(Optimizer):
    r"""RMSprop: divide the gradient by a running RMS of recent gradients.

    .. math::

        g_t &\leftarrow g_t + \lambda\theta_{t-1} \\
        v_t &= \alpha v_{t-1} + (1 - \alpha) g_t^2 \\
        \tilde v_t &= \begin{cases} v_t - \bar g_t^2, \quad
                      \bar g_t = \alpha \bar g_{t-1} + (1 - \alpha) g_t & \text{centered} \\
                      v_t & \text{otherwise} \end{cases} \\
        b_t &= \mu b_{t-1} + g_t / (\sqrt{\tilde v_t} + \epsilon), \qquad
        \theta_t = \theta_{t-1} - \gamma b_t \quad (\mu > 0) \\
        \theta_t &= \theta_{t-1} - \gamma g_t / (\sqrt{\tilde v_t} + \epsilon)
        \quad (\mu = 0)

    with :math:`v_0 = \bar g_0 = b_0 = 0`. ``lr`` :math:`\gamma`, Default: 1e-2.
    ``alpha`` :math:`\alpha`, Default: 0.99. ``eps`` :math:`\epsilon`, Default: 1e-8.
    ``weight_decay`` :math:`\lambda`, Default: 0. ``momentum`` :math:`\mu`, Default: 0.
    ``centered``, Default: False.
    """

    lr: float = 1e-2
    alpha: float = 0.99
    eps: float = 1e-8
    weight_decay: float = 0.0
    momentum: float = 0.0
    centered: bool = False

    def _update(self, p, g, s):
        a = self.alpha
        if self.weight_decay:
            g = g + self.weight_decay * p
        v = s.setdefault("square_avg", np.zeros(p.shape))
        v *= a
        v += (1 - a) * g * g
        if self.centered:
            gbar = s.setdefault("grad_avg", np.zeros(p.shape))
            gbar *= a
            gbar += (1 - a) * g
            # v - gbar^2 >= 0 exactly, but rounding can make it -1e-20 once the variance is
            # tiny; clamp it rather than take the square root of a negative number.
            avg = np.sqrt(np.maximum(v - gbar * gbar, 0.0)) + self.eps
        else:
            avg = np.sqrt(v) + self.eps
        if self.momentum > 0:
            b = s.setdefault("momentum_buffer", np.zeros(p.shape))
            b *= self.momentum
            b += g / avg
            p -= self.lr * b
        else:
            p -= self.lr * g / avg


@dataclass
class Adadelta(Optimizer):
    r"""Adadelta: RMSprop whose step is rescaled by a running RMS of past updates.

    .. math::

        g_t &\leftarrow g_t + \lambda\theta_{t-1} \\
        v_t &= \rho v_{t-1} + (1 - \rho) g_t^2 \\
        \Delta x_t &= \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t \\
        u_t &= \rho u_{t-1} + (1 - \rho) \Delta x_t^2 \\
        \theta_t &= \theta_{t-1} - \gamma \Delta x_t

    with :math:`v_0 = u_0 = 0`. ``lr`` :math:`\gamma`, Default: 1.0.
    ``rho`` :math:`\rho`, Default: 0.9. ``eps`` :math:`\epsilon`, Default: 1e-6.
    ``weight_decay`` :math:`\lambda`, Default: 0.
    """

    lr: float = 1.0
    rho: float = 0.9
    eps: float = 1e-6
    weight_decay: float = 0.0

    def __post_init__(self):
        super().__post_init__()
        if not self.rho <= 1:
            raise ValueError(f"Adadelta: rho must be in [0, 1], got {self.rho!r}")

    def _update(self, p, g, s):
        rho = self.rho
        if self.weight_decay:
            g = g + self.weight_decay * p
        v = s.setdefault("square_avg", np.zeros(p.shape))
        u = s.setdefault("acc_delta", np.zeros(p.shape))
        v *= rho
        v += (1 - rho) * g * g
        delta = np.sqrt(u + self.eps) / np.sqrt(v + self.eps) * g
        u *= rho
        u += (1 - rho) * delta * delta
        p -= self.lr * delta


def _check_betas(opt):
    b = opt.betas
    ok = isinstance(b, tuple | list) and len(b) == 2
    if not (ok and all(isinstance(x, numbers.Real) and 0 <= x < 1 for x in b)):
        raise ValueError(f"{type(opt).__name__}: betas must be in [0, 1), got {opt.betas!r}")


@dataclass
class Adam(Optimizer):
    r"""Adam: momentum on the gradient, divided by the RMS of the gradient, both
    bias-corrected for their zero start.

    .. math::

        g_t &\leftarrow g_t + \lambda\theta_{t-1} \\
        m_t &= \beta_1 m_{t-1} + (1 - \beta_1) g_t \\
        v_t &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^2 \\
        \hat m_t &= m_t / (1 - \beta_1^t) \\
        \hat v_t &= \begin{cases} v^{\max}_t / (1 - \beta_2^t), \quad
                    v^{\max}_t = \max(v^{\max}_{t-1}, v_t) & \text{amsgrad} \\
                    v_t / (1 - \beta_2^t) & \text{otherwise} \end{cases} \\
        \theta_t &= \theta_{t-1} - \gamma \hat m_t / (\sqrt{\hat v_t} + \epsilon)

    with :math:`m_0 = v_0 = v^{\max}_0 = 0`. ``lr`` :math:`\gamma`, Default: 1e-3.
    ``betas`` :math:`(\beta_1, \beta_2)`, Default: (0.9, 0.999). ``eps`` :math:`\epsilon`,
    Default: 1e-8. ``weight_decay`` :math:`\lambda`, Default: 0. ``amsgrad``, Default: False.
    """

    lr: float = 1e-3
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    weight_decay: float = 0.0
    amsgrad: bool = False

    def __post_init__(self):
        super().__post_init__()
        _check_betas(self)

    def _update(self, p, g, s):
        (b1, b2), t = self.betas, s["step"]
        if self.weight_decay:
            g = g + self.weight_decay * p
        m = s.setdefault("exp_avg", np.zeros(p.shape))
        v = s.setdefault("exp_avg_sq", np.zeros(p.shape))
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        if self.amsgrad:
            vmax = s.setdefault("max_exp_avg_sq", np.zeros(p.shape))
            np.maximum(vmax, v, out=vmax)
            v = vmax
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


@dataclass
class NAdam(Optimizer):
    r"""NAdam: Adam with Nesterov momentum, i.e. the momentum term looks one step ahead,
    under a momentum schedule :math:`\mu_t` that warms up towards :math:`\beta_1`.

    .. math::

        g_t &\leftarrow g_t + \lambda\theta_{t-1} \\
        \mu_t &= \beta_1 \left(1 - \tfrac12\, 0.96^{t\psi}\right), \qquad
        \mu_{t+1} = \beta_1 \left(1 - \tfrac12\, 0.96^{(t+1)\psi}\right) \\
        m_t &= \beta_1 m_{t-1} + (1 - \beta_1) g_t \\
        v_t &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^2 \\
        \hat m_t &= \frac{\mu_{t+1} m_t}{1 - \prod_{i=1}^{t+1} \mu_i}
                  + \frac{(1 - \mu_t) g_t}{1 - \prod_{i=1}^{t} \mu_i} \\
        \hat v_t &= v_t / (1 - \beta_2^t) \\
        \theta_t &= \theta_{t-1} - \gamma \hat m_t / (\sqrt{\hat v_t} + \epsilon)

    with :math:`m_0 = v_0 = 0`. ``lr`` :math:`\gamma`, Default: 2e-3.
    ``betas`` :math:`(\beta_1, \beta_2)`, Default: (0.9, 0.999). ``eps`` :math:`\epsilon`,
    Default: 1e-8. ``weight_decay`` :math:`\lambda`, Default: 0.
    ``momentum_decay`` :math:`\psi`, Default: 4e-3.
    """

    lr: float = 2e-3
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    weight_decay: float = 0.0
    momentum_decay: float = 4e-3

    def __post_init__(self):
        super().__post_init__()
        _check_betas(self)

    def _update(self, p, g, s):
        (b1, b2), t, psi = self.betas, s["step"], self.momentum_decay
        if self.weight_decay:
            g = g + self.weight_decay * p
        mu = b1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        s["mu_product"] = mu_product = s.get("mu_product", 1.0) * mu  # prod_{i<=t} mu_i
        m = s.setdefault("exp_avg", np.zeros(p.shape))
        v = s.setdefault("exp_avg_sq", np.zeros(p.shape))
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        denom = np.sqrt(v / (1 - b2**t)) + self.eps
        m_hat = mu_next * m / (1 - mu_product * mu_next) + (1 - mu) * g / (1 - mu_product)
        p -= self.lr * m_hat / denom


# name -> (class, hyper-parameters that the preset fixes; the caller may override them)
_PRESETS = {
    "sgd": (SGD, {}),
    "momentum": (SGD, {"momentum": 0.9}),
    "nesterov": (SGD, {"momentum": 0.9, "nesterov": True}),
    "adagrad": (Adagrad, {}),
    "rmsprop": (RMSprop, {}),
    "adadelta": (Adadelta, {}),
    "adam": (Adam, {}),
    "nadam": (NAdam, {}),
}
NAMES = tuple(_PRESETS)

# Learning rates for the optimizer race in ``surfaces.run_optimizer`` (torch's own defaults
# are tuned for networks and crawl on the 2-D surfaces). A Surface may override them where
# its curvature demands it (e.g. Rosenbrock for the SGD family).
DEFAULT_LR = {
    "sgd": 0.05,
    "momentum": 0.01,
    "nesterov": 0.01,
    "adagrad": 0.5,
    "rmsprop": 0.03,
    "adadelta": 5.0,
    "adam": 0.1,
    "nadam": 0.1,
}


def make(name, **hyper):
    """The optimizer called ``name`` (one of ``NAMES``), with torch's defaults unless
    ``hyper`` says otherwise: ``make("adam", lr=0.01, betas=(0.8, 0.99))``.

    ``"momentum"`` is SGD with momentum=0.9 and ``"nesterov"`` adds nesterov=True.
    """
    if not isinstance(name, str) or name not in _PRESETS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {list(NAMES)}")
    cls, preset = _PRESETS[name]
    valid = [f.name for f in fields(cls) if f.init]
    unknown = sorted(set(hyper) - set(valid))
    if unknown:
        raise ValueError(f"{name}: unknown hyper-parameter(s) {unknown}; valid: {valid}")
    return cls(**{**preset, **hyper})

r"""2-D test surfaces for an optimizer race, and ``run_optimizer`` to trace one path.

Three classic shapes, each a frozen ``Surface``:

* ``"ravine"``: :math:`f = \tfrac12 (x^2 + 25 y^2)`, a quadratic 25 times steeper across
  than along. Plain SGD zig-zags across the valley; momentum and adaptive steps do not.
* ``"rosenbrock"``: :math:`f = (1 - x)^2 + 100 (y - x^2)^2`, a curved, flat-bottomed valley
  with its minimum at (1, 1).
* ``"saddle"``: :math:`f = x^2 - y^2 + \tfrac14 y^4`, a saddle at the origin; the quartic
  bounds it below (minimum -1 at :math:`(0, \pm\sqrt2)`). Starting on the ridge
  :math:`y \approx 0`, SGD stalls near the saddle while adaptive methods escape quickly.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .optim import DEFAULT_LR, NAMES, make

__all__ = ["Surface", "SURFACES", "DIVERGED", "run_optimizer"]


@dataclass(frozen=True)
class Surface:
    """A function of two variables to minimise, with what a plot of it needs.

    ``value(x, y)`` and ``grad(x, y) -> (df/dx, df/dy)`` broadcast over arrays (contour
    grids). ``minima`` lists the global minimisers (empty if unbounded). ``lr`` overrides
    ``optim.DEFAULT_LR`` for optimizers whose default step does not suit this surface.
    """

    name: str
    formula: str  # LaTeX
    value: Callable
    grad: Callable
    start: tuple[float, float]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    lr: dict[str, float] = field(default_factory=dict)


def _ravine(x, y):
    return 0.5 * (x * x + 25 * y * y)


def _ravine_grad(x, y):
    return x, 25 * y


def _rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def _rosenbrock_grad(x, y):
    return -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)


def _saddle(x, y):
    return x * x - y * y + 0.25 * y**4


def _saddle_grad(x, y):
    return 2 * x, -2 * y + y**3


SURFACES = {
    "ravine": Surface(
        "ravine", r"\tfrac12 (x^2 + 25 y^2)", _ravine, _ravine_grad,
        start=(-4.0, 1.0), x_range=(-5.0, 5.0), y_range=(-2.0, 2.0), minima=((0.0, 0.0),),
    ),
    "rosenbrock": Surface(
        "rosenbrock", r"(1 - x)^2 + 100 (y - x^2)^2", _rosenbrock, _rosenbrock_grad,
        start=(-1.5, 2.0), x_range=(-2.0, 2.0), y_range=(-1.0, 3.0), minima=((1.0, 1.0),),
        # The curvature near the minimum is ~1000, so the SGD family needs small steps to be
        # stable there: lr < 2/1000 plain, < 3.8/1000 with momentum 0.9, < 1.36/1000 Nesterov.
        lr={"sgd": 1.5e-3, "momentum": 1e-3, "nesterov": 1e-3},
    ),
    "saddle": Surface(
        "saddle", r"x^2 - y^2 + \tfrac14 y^4", _saddle, _saddle_grad,
        start=(1.5, 1e-3), x_range=(-2.0, 2.0), y_range=(-2.0, 2.0),
        minima=((0.0, -math.sqrt(2)), (0.0, math.sqrt(2))),
    ),
}

# A path with |x| or |y| beyond this has diverged; stopping there keeps every number finite
# (the surfaces' gradients stay below ~1e21 inside the box, so nothing overflows).
DIVERGED = 1e6


def run_optimizer(name, surface, steps, lr=None, start=None, **hyper):
    """Run optimizer ``name`` (one of ``optim.NAMES``) for ``steps`` steps on ``surface``
    (a ``Surface`` or a key of ``SURFACES``); return the path, shape ``(steps + 1, 2)``.

    ``lr`` defaults to the surface's override or ``optim.DEFAULT_LR[name]``; ``start`` to
    ``surface.start``; ``hyper`` goes to ``optim.make``. If the path diverges (leaves
    ``|x|, |y| <= DIVERGED`` or stops being finite) the run stops and the remaining rows
    repeat the last point inside, so the path is always finite.
    """
    if isinstance(surface, str):
        if surface not in SURFACES:
            raise ValueError(f"unknown surface {surface!r}; choose one of {list(SURFACES)}")
        surface = SURFACES[surface]
    if name not in NAMES:
        make(name)  # raises the ValueError that lists the valid names
    steps = operator.index(steps)
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    if lr is None:
        lr = surface.lr.get(name, DEFAULT_LR[name])
    opt = make(name, lr=lr, **hyper)
    w = np.array(surface.start if start is None else start, dtype=float)
    if w.shape != (2,) or not np.all(np.isfinite(w)):
        raise ValueError(f"start must be two finite numbers, got {start!r}")

    path = np.empty((steps + 1, 2))
    path[0] = w
    for k in range(1, steps + 1):
        with np.errstate(all="ignore"):  # an absurd lr may overflow: caught just below
            opt.step([w], [np.array(surface.grad(w[0], w[1]))])
        if not (np.all(np.isfinite(w)) and np.max(np.abs(w)) <= DIVERGED):
            path[k:] = path[k - 1]
            break
        path[k] = w
    return path

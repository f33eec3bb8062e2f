"""The activation registry: `Param`, `Properties`, `Activation`, `register`, `get`, `names`.

An `Activation` pairs a forward function with its elementwise derivative and the facts a
learner wants next to the curve (formula, properties, reference, the PyTorch call).
Functions are written in `functions.py`; this file only holds the types and the lookup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

__all__ = ["Param", "Properties", "Activation", "register", "get", "names", "as_float_array",
           "in_dtype"]


@dataclass(frozen=True)
class Param:
    """One parameter of an activation, enough to validate it and to build a slider.

    ``choices`` is set for categorical parameters (e.g. GELU's ``approximate``); numeric
    parameters use ``min``/``max``/``step``.
    """

    name: str
    default: float | str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    help: str = ""
    choices: tuple[str, ...] | None = None

    def validate(self, value):
        """Return ``value`` as the parameter's type, or raise ``ValueError`` naming the range."""
        if self.choices is not None:
            if value not in self.choices:
                raise ValueError(
                    f"{self.name}={value!r} is not allowed; choose one of {list(self.choices)}"
                )
            return value
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ValueError(
                f"{self.name} must be a number in [{self.min}, {self.max}], got {value!r}"
            ) from None
        if not (math.isfinite(v) and self.min <= v <= self.max):
            raise ValueError(f"{self.name} must be in [{self.min}, {self.max}], got {value!r}")
        return v


@dataclass(frozen=True)
class Properties:
    """Facts about the curve at its default parameters (`Activation.facts` at others).

    range: output range in LaTeX, e.g. ``(0, 1)``.
    monotonic: non-decreasing everywhere.
    smooth: infinitely differentiable everywhere.
    saturates: where f' tends to 0: ``"both"``, ``"negative"``, ``"positive"`` or ``"none"``.
    kinks: x positions where f is not differentiable (or jumps); a callable of the resolved
        parameters where they move (use `Activation.kink_points`).
    cost: rough cost per element: ``"cheap"`` (comparisons and products), ``"exp"``, ``"erf"``.
    varies: for a parameter that changes the other facts (PReLU's a < 0 makes |x|-like
        curves: range [0, inf), not monotonic), a callable of the resolved parameters
        giving those fields' values there, e.g. ``{"monotonic": p["a"] >= 0}``. The fields
        above stay the defaults' facts, so a reader of ``properties.monotonic`` still gets
        a bool.
    """

    range: str
    monotonic: bool
    smooth: bool
    saturates: str
    kinks: tuple[float, ...] | Callable[[dict], tuple[float, ...]] = ()
    cost: str = "cheap"
    varies: Callable[[dict], dict] | None = field(default=None, repr=False, compare=False)


def as_float_array(x) -> np.ndarray:
    """``x`` as a floating ndarray: floating dtypes kept, everything else float64."""
    a = np.asarray(x)
    if not np.issubdtype(a.dtype, np.floating):
        a = a.astype(np.float64)
    return a


def in_dtype(params: dict, dtype) -> dict:
    """Each numeric parameter rounded to ``dtype``, as a NumPy scalar of it; text kept."""
    cast = np.dtype(dtype).type
    return {k: v if isinstance(v, str) else cast(v) for k, v in params.items()}


@dataclass(frozen=True, eq=False)
class Activation:
    """An elementwise activation with its derivative and its teaching facts.

    Call it as ``act(x, **params)``; ``act.grad(x, **params)`` is the elementwise derivative.
    Both compute in float64 and return ``x``'s floating dtype (ints give float64), with the
    same shape as ``x``. Unknown or out-of-range parameters raise ``ValueError``.

    Parameters are rounded to ``x``'s dtype first, as PyTorch does with a Python scalar
    next to a tensor: on float32 input, ``threshold=0.1`` means ``float32(0.1)``, so
    ``threshold(float32(0.1), threshold=0.1)`` is the replacement value, not x. The
    functions get them as NumPy scalars of that dtype (``np.float32(0.1)``), which
    promote exactly to float64 next to the float64 working array.
    """

    name: str
    label: str
    forward: Callable[..., np.ndarray] = field(repr=False)
    derivative: Callable[..., np.ndarray] = field(repr=False)
    params: tuple[Param, ...] = ()
    formula: str = ""
    derivative_formula: str = ""
    properties: Properties | None = None
    # citations only (authors, title, year), which read the same in every language; none
    # where the PyTorch documentation link beside it would say all (torch.nn.Sigmoid)
    reference: str = ""
    torch_template: str = ""
    # A callable template (resolved params -> code) is for code whose form, not just its
    # numbers, depends on a parameter (GELU's approximate).
    numpy_template: str | Callable[[dict], str] = ""
    check: Callable[[dict], None] | None = field(default=None, repr=False)
    aliases: tuple[str, ...] = ()
    # The scalars the forward and derivative take, from the resolved parameters, where
    # PyTorch derives one in double before rounding it to the input's dtype (RReLU's eval
    # slope (lower + upper) / 2): the derived value is what gets rounded, once.
    scalars: Callable[[dict], dict] | None = field(default=None, repr=False)

    @property
    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}

    def resolve(self, params: dict | None = None) -> dict:
        """Defaults overlaid with ``params``, each validated; raises ``ValueError``."""
        params = dict(params or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(params) - set(known))
        if unknown:
            valid = ", ".join(known) or "none"
            raise ValueError(f"{self.name} has no parameter {unknown[0]!r}; valid: {valid}")
        out = {n: p.validate(params.get(n, p.default)) for n, p in known.items()}
        if self.check is not None:
            self.check(out)
        return out

    def _apply(self, fn, x, params):
        p = self.resolve(params)
        a = as_float_array(x)
        p = in_dtype(self.scalars(p) if self.scalars else p, a.dtype)
        # Overflow here only means the true value is beyond the dtype (e.g. selu(1.8e308));
        # it then becomes inf, as in PyTorch. "invalid" stays loud so a NaN can't hide.
        with np.errstate(over="ignore"):
            y = fn(a.astype(np.float64, copy=False), **p)
            y = np.asarray(y, dtype=np.float64).astype(a.dtype, copy=False)
        return y[()] if y.ndim == 0 else y

    def __call__(self, x, **params):
        return self._apply(self.forward, x, params)

    def grad(self, x, **params):
        """Elementwise derivative f'(x), with PyTorch autograd's value at kinks."""
        return self._apply(self.derivative, x, params)

    def kink_points(self, **params) -> tuple[float, ...]:
        """Where f is not differentiable, for these parameters: each point once, in order
        (Hardshrink's -lambda and lambda meet at 0 when lambda = 0: one point, not "0, 0")."""
        kinks = self.properties.kinks if self.properties else ()
        points = kinks(self.resolve(params)) if callable(kinks) else kinks
        return tuple(sorted({float(k) + 0.0 for k in points}))  # + 0.0: -0.0 is 0

    def facts(self, **params) -> Properties | None:
        """The properties at these parameters: the defaults' facts with what
        ``Properties.varies`` changes, and the kinks as a tuple. None without properties."""
        props = self.properties
        if props is None:
            return None
        p = self.resolve(params)
        changed = props.varies(p) if props.varies else {}
        return replace(props, **changed, kinks=self.kink_points(**p), varies=None)

    @property
    def torch(self) -> str:
        """The equivalent PyTorch call at the default parameters."""
        return self.torch_code()

    def torch_code(self, **params) -> str:
        return self.torch_template.format(**self.resolve(params))

    def numpy_code(self, **params) -> str:
        p = self.resolve(params)
        t = self.numpy_template
        return t(p) if callable(t) else t.format(**p)


_REGISTRY: dict[str, Activation] = {}
_ALIASES: dict[str, str] = {}


def register(act: Activation) -> Activation:
    """Add ``act`` (and its aliases) to the registry; names must be new."""
    for key in (act.name, *act.aliases):
        if key in _REGISTRY or key in _ALIASES:
            raise ValueError(f"activation name {key!r} is already registered")
    _REGISTRY[act.name] = act
    for alias in act.aliases:
        _ALIASES[alias] = act.name
    return act


def names() -> list[str]:
    """Registry keys in registration order (aliases not included)."""
    return list(_REGISTRY)


def get(name: str) -> Activation:
    """The activation registered as ``name`` (or an alias of it).

    Raises ``ValueError`` listing the valid names when ``name`` is unknown.
    """
    if isinstance(name, Activation):
        return name
    key = _ALIASES.get(name, name) if isinstance(name, str) else None
    if key not in _REGISTRY:
        valid = ", ".join(sorted([*_REGISTRY, *_ALIASES]))
        raise ValueError(f"unknown activation {name!r}; valid names: {valid}")
    return _REGISTRY[key]

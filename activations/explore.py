"""Pure helpers behind the activation explorer page: grids, curves, overlays, export, URL.

Nothing here draws or imports streamlit. The page reads its widgets, calls these, and hands
the results to `activations.figures.curves`.

A *curve* is an activation plus its resolved parameter values, so the same function can be
drawn twice (LeakyReLU 0.01 next to LeakyReLU 0.2). Every curve is sampled on one shared,
evenly spaced *grid* ``x_i = xmin + i * dx``; Plotly gets only ``x0`` and ``dx`` (no x
array) and float32 values, and the CSV export writes exactly those numbers.

>>> grid = Grid(-1.0, 1.0, 5)
>>> s = sample(Curve.make("relu"), grid)
>>> grid.x().tolist(), s.f.tolist(), s.df.tolist()
([-1.0, -0.5, 0.0, 0.5, 1.0], [0.0, 0.0, 0.0, 0.5, 1.0], [0.0, 0.0, 0.0, 1.0, 1.0])
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from . import registry
from .functions import rrelu_sample
from .numfmt import fmt, round_log_steps, round_stride

__all__ = [
    "DEFAULT_CURVES", "DEFAULT_POINTS", "DEFAULT_XMAX", "DEFAULT_XMIN", "MAX_ABS_X",
    "MAX_CURVES", "MAX_POINTS", "MIN_POINTS", "PRESETS", "SATURATION_SLOPE",
    "MEAN_TOLERANCE", "Curve", "Difference", "Grid", "OutputMean", "Overview", "Preset",
    "RReluSamples", "Sample",
    "check_grid", "csv_table", "curve_labels", "dead_zones", "difference", "file_stem",
    "jump_points", "Jump", "jumps",
    "matching_preset", "max_slope", "output_mean", "overview", "param_key", "parse_curve_names",
    "parse_param_key", "preset", "resolve_curve", "rrelu_training", "sample", "saturation_zones",
    "scale_gap", "scaled", "zones", "Notice", "notice", "pytorch_url", "Sweep", "sweep",
    "sweep_params", "SWEEP_FRAMES",
]

DEFAULT_CURVES = ("sigmoid", "tanh", "relu")
DEFAULT_XMIN, DEFAULT_XMAX = -6.0, 6.0
# 801 points on [-6, 6] is a step of 0.015: smooth to the eye, and 0 (every ReLU-family
# kink) falls exactly on a grid point.
DEFAULT_POINTS = 801
MAX_ABS_X = 1e4
MIN_POINTS, MAX_POINTS = 11, 5000
MAX_CURVES = 8
SATURATION_SLOPE = 0.01  # |f'| below this: the vanishing-gradient zone
MAX_NAME_LENGTH = 64  # longer URL names are rejected unread


# ---------------------------------------------------------------- the x grid


@dataclass(frozen=True)
class Grid:
    """An evenly spaced grid ``x_i = xmin + i * dx`` for ``i = 0 .. n - 1``.

    Defaults: [-6, 6] with 801 points. Plotly draws it from ``x0 = xmin`` and ``dx``, so no
    x array is ever sent; `x` computes the same float64 numbers.
    """

    xmin: float = DEFAULT_XMIN
    xmax: float = DEFAULT_XMAX
    n: int = DEFAULT_POINTS

    @property
    def dx(self) -> float:
        return (self.xmax - self.xmin) / (self.n - 1)

    def x(self) -> np.ndarray:
        """The grid as float64, computed as Plotly computes ``x0 + i * dx``."""
        return self.xmin + np.arange(self.n, dtype=np.float64) * self.dx  # (n,)


def _finite_number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and math.isfinite(value)


def check_grid(xmin, xmax, n) -> tuple[Grid, tuple[str, ...]]:
    """A valid `Grid` from possibly bad input, and what had to be replaced.

    Problems (each replaces only what it concerns with the default):

    - ``"range"``: xmin or xmax is not a finite number with ``|x| <= 1e4``;
    - ``"order"``: xmin >= xmax;
    - ``"points"``: n is not a whole number in [11, 5000].
    """
    problems = []
    if not (_finite_number(xmin) and _finite_number(xmax)
            and abs(xmin) <= MAX_ABS_X and abs(xmax) <= MAX_ABS_X):
        problems.append("range")
        xmin, xmax = DEFAULT_XMIN, DEFAULT_XMAX
    elif not xmin < xmax:
        problems.append("order")
        xmin, xmax = DEFAULT_XMIN, DEFAULT_XMAX
    if not (_finite_number(n) and float(n).is_integer() and MIN_POINTS <= n <= MAX_POINTS):
        problems.append("points")
        n = DEFAULT_POINTS
    # float(-0.0) + 0.0 turns a "-0" from the URL into a plain 0 for labels and file names.
    return Grid(float(xmin) + 0.0, float(xmax) + 0.0, int(n)), tuple(problems)


# ---------------------------------------------------------------- curves


@dataclass(frozen=True)
class Curve:
    """An activation and its resolved parameter values, hashable (a cache key).

    ``params`` holds ``(name, value)`` pairs in the registry's `Param` order, every
    parameter present (defaults included).
    """

    name: str
    params: tuple[tuple[str, float | str], ...] = ()

    @classmethod
    def make(cls, name: str, **params) -> Curve:
        """Validated through the registry; raises ``ValueError`` on bad names or values."""
        act = registry.get(name)
        resolved = act.resolve(params)
        return cls(act.name, tuple((p.name, resolved[p.name]) for p in act.params))

    @property
    def act(self) -> registry.Activation:
        return registry.get(self.name)

    @property
    def kwargs(self) -> dict:
        return dict(self.params)


def resolve_curve(name: str, raw: dict) -> tuple[Curve, bool]:
    """``Curve.make(name, **raw)``, or the defaults and ``False`` when they don't fit together.

    Each value may be valid alone yet break a joint rule (RReLU's lower <= upper, Hardtanh's
    min_val < max_val); the page then warns and draws the defaults.
    """
    try:
        return Curve.make(name, **raw), True
    except ValueError:
        return Curve.make(name), False


def _canonical(name) -> str | None:
    """The registry name for ``name`` (aliases resolved), or None when unknown."""
    if not isinstance(name, str) or not name or len(name) > MAX_NAME_LENGTH:
        return None
    try:
        return registry.get(name).name
    except ValueError:
        return None


def _listed(value) -> list:
    """The names in one ``fn`` value: itself, or its comma-separated parts, stripped and
    without empty ones. It splits at most MAX_CURVES times, so a hostile value of many
    commas costs no more than a few names (its tail is one unknown name)."""
    if not isinstance(value, str) or "," not in value:
        return [value]
    return [part.strip() for part in value.split(",", MAX_CURVES) if part.strip()]


def parse_curve_names(raw: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The curve list from the URL's repeated ``fn`` values, and what was wrong with it.

    Duplicates are kept (the same function with two parameter sets). Aliases become registry
    names. A value may list names with commas, as a person typing a link would
    (``fn=relu,gelu``; a trailing comma is ignored). Problems: ``"unknown"`` (a name was
    dropped), ``"too_many"`` (cut to 8). With no valid name left, or no ``fn`` at all, the
    default curves (sigmoid, tanh, relu) are used.
    """
    names = [_canonical(r) for value in raw for r in _listed(value)]
    problems = []
    if any(n is None for n in names):
        problems.append("unknown")
    kept = [n for n in names if n is not None]
    if len(kept) > MAX_CURVES:
        problems.append("too_many")
        kept = kept[:MAX_CURVES]
    return (tuple(kept) or DEFAULT_CURVES), tuple(problems)


LABEL_FORMS = ("{label} ({params})", "{name}={value}", ", ")  # curve, parameter, separator


def curve_labels(curves: Sequence[Curve], names: Mapping[str, str] | None = None,
                 choices: Mapping[str, str] | None = None,
                 forms: tuple[str, str, str] = LABEL_FORMS) -> list[str]:
    """Legend labels that tell every curve apart.

    A label shows the parameters that differ from the defaults, and for a function drawn
    several times also those that differ between its copies, defaults included
    (``LeakyReLU (negative_slope=0.01)`` next to ``LeakyReLU (negative_slope=0.2)``);
    identical copies get ``#2``, ``#3``. ``names`` maps a parameter's code name to the
    name a visitor reads (``negative_slope`` -> ``negative slope``); unmapped ones are shown
    as they are. ``choices`` maps a categorical value to its readable name, shown alone
    (``GELU (tanh approximation)``). ``forms`` are the label's, a parameter's and the
    separator's shapes in the page's language (`LABEL_FORMS`).
    """
    curve_form, param_form, sep = forms
    names, choices = names or {}, choices or {}
    labels = []
    for curve in curves:
        act = curve.act
        twins = [dict(c.params) for c in curves if c.name == curve.name]
        shown = [k for k, v in curve.params
                 if v != act.defaults[k] or len({t[k] for t in twins}) > 1]
        text = sep.join(choices[v] if isinstance(v, str) and v in choices
                        else param_form.format(name=names.get(k, k), value=_short(v))
                        for k, v in curve.params if k in shown)
        labels.append(curve_form.format(label=act.label, params=text) if text else act.label)
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        if labels.count(label) > 1:
            seen[label] = seen.get(label, 0) + 1
            if seen[label] > 1:
                labels[i] = f"{label} #{seen[label]}"
    return labels


def _short(value) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


# ---------------------------------------------------------------- sampling


@dataclass(frozen=True)
class Sample:
    """One curve on a grid: f and f' as float32, the values the browser gets."""

    grid: Grid
    f: np.ndarray  # (n,) float32
    df: np.ndarray  # (n,) float32


def sample(curve: Curve, grid: Grid) -> Sample:
    """f and f' at the grid points, computed in float64 and sent as float32."""
    x = grid.x()  # (n,) float64
    act, kw = curve.act, curve.kwargs
    return Sample(grid, act(x, **kw).astype(np.float32), act.grad(x, **kw).astype(np.float32))


def scaled(curve: Curve, grid: Grid, k: float) -> np.ndarray:
    r"""The input-scaled curve :math:`f(kx)/k` on the grid, as float32.

    A scale-equivariant f (ReLU, LeakyReLU, PReLU: :math:`f(kx) = k f(x)` for k > 0) gives
    back f itself; a saturating one (sigmoid, tanh) does not.
    """
    x = grid.x()  # (n,)
    return (curve.act(k * x, **curve.kwargs) / k).astype(np.float32)


def scale_gap(curve: Curve, grid: Grid, k: float) -> float:
    r""":math:`\max |f(kx)/k - f(x)|` over the grid, the points where kx lands on the grid
    (k = 100 squeezes softplus's bend into 1/100 of the range: its largest gap, ln 2 ·
    0.99 at x = 0, fell between grid points of a range that misses 0), and 0 and f's kinks
    and jumps at x_j and x_j/k inside the range; a gap within float64's rounding of kx and of
    the division (8 ulps of the largest |x| or |f| met) is 0, as it is for ReLU (where
    the grid's 100·x/100 left 8.9e-16)."""
    act, kw = curve.act, curve.kwargs
    x = grid.x()  # (n,)
    marks = [0.0, *act.kink_points(**kw)]
    extra = np.array([*marks, *(m / k for m in marks)], dtype=np.float64)
    x = np.concatenate([x, x / k, extra])
    x = x[(x >= grid.xmin) & (x <= grid.xmax)]  # (m,)
    f = act(x, **kw)
    gap = np.abs(act(k * x, **kw) / k - f)
    scale = max(float(np.max(np.abs(x))), float(np.max(np.abs(f))))
    best = float(np.max(gap))
    return 0.0 if best <= 8 * np.finfo(np.float64).eps * scale else best


@dataclass(frozen=True)
class Difference:
    """Curve a minus curve b on the grid, and the largest gap in f."""

    f: np.ndarray  # (n,) float32: f_a - f_b
    df: np.ndarray  # (n,) float32: f_a' - f_b'
    gap: float  # max |f_a - f_b| on the grid


def difference(a: Curve, b: Curve, grid: Grid) -> Difference:
    """:math:`f_a - f_b` and :math:`f_a' - f_b'` on the grid: subtracted in float64, sent as
    float32, so a gap far below float32 resolution of f itself (GELU's tanh form is off by
    at most ~5e-4) is still drawn accurately."""
    x = grid.x()  # (n,)
    ka, kb = a.kwargs, b.kwargs
    d = a.act(x, **ka) - b.act(x, **kb)
    dd = a.act.grad(x, **ka) - b.act.grad(x, **kb)
    return Difference(d.astype(np.float32), dd.astype(np.float32), float(np.max(np.abs(d))))


# ---------------------------------------------------------------- zones and slopes


def zones(x: np.ndarray, mask: np.ndarray) -> tuple[tuple[float, float], ...]:
    """Maximal runs of True in ``mask`` as ``(x_first, x_last)`` pairs, left to right."""
    m = np.asarray(mask, dtype=bool)  # (n,)
    if not m.any():
        return ()
    edges = np.diff(m.astype(np.int8))  # (n-1,): +1 where a run starts, -1 after it ends
    starts = np.flatnonzero(edges == 1) + 1
    ends = np.flatnonzero(edges == -1)
    if m[0]:
        starts = np.r_[0, starts]
    if m[-1]:
        ends = np.r_[ends, m.size - 1]
    return tuple((float(x[a]), float(x[b])) for a, b in zip(starts, ends, strict=True))


def saturation_zones(x: np.ndarray, df: np.ndarray, threshold: float = SATURATION_SLOPE):
    """Where the plotted :math:`|f'(x)| < 0.01`: gradients through f almost vanish there."""
    return zones(x, np.abs(df) < threshold)


def dead_zones(x: np.ndarray, df: np.ndarray):
    """Where the plotted f'(x) is exactly 0: no gradient at all (ReLU for x <= 0)."""
    return zones(x, df == 0)


def max_slope(x: np.ndarray, df: np.ndarray) -> tuple[float, tuple[tuple[float, float], ...]]:
    """The largest plotted :math:`|f'|` and where it is reached (points or intervals).

    Values within two float32 steps of the maximum count as reaching it, so ReLU's slope 1
    is reached on the whole positive side, sigmoid's 1/4 only at x = 0.
    """
    a = np.abs(np.asarray(df, dtype=np.float32))  # (n,)
    top = a.max()
    return float(top), zones(x, a >= top - 2 * np.spacing(top))


@dataclass(frozen=True)
class Overview:
    """A sampled curve with what the page shows about it."""

    sample: Sample
    saturated: tuple[tuple[float, float], ...]  # where |f'| < 0.01
    share: float  # fraction of the grid points in those zones
    dead: tuple[tuple[float, float], ...]  # where f' = 0
    fading: tuple[tuple[float, float], ...]  # where 0 < |f'| < 0.01 (saturated, not dead)
    top: tuple[float, tuple[tuple[float, float], ...]]  # max |f'| and where (`max_slope`)


def overview(curve: Curve, grid: Grid) -> Overview:
    """Sample ``curve`` on ``grid`` and find its zones and its steepest slope."""
    s = sample(curve, grid)
    x = grid.x()  # (n,)
    small = np.abs(s.df) < SATURATION_SLOPE  # (n,)
    return Overview(s, zones(x, small), float(np.mean(small)), dead_zones(x, s.df),
                    zones(x, small & (s.df != 0)), max_slope(x, s.df))


# ---------------------------------------------------------------- RReLU's training mode


@dataclass(frozen=True)
class RReluSamples:
    """RReLU in training mode at a subset of grid points: outputs and the slopes drawn."""

    x: np.ndarray  # (m,) float32
    y: np.ndarray  # (m,) float32: a * x for x < 0, x elsewhere
    slope_x: np.ndarray  # (k,) float32: the x < 0 points
    slope: np.ndarray  # (k,) float32: the sampled a ~ U(lower, upper) at those points


def rrelu_training(curve: Curve, grid: Grid, count: int = 121, seed: int = 0) -> RReluSamples:
    """A fixed-seed draw of RReLU's training mode at ``count`` evenly spread grid points.

    The seed is fixed so a rerun (or a shared link) shows the same scatter.
    """
    kw = curve.kwargs
    idx = np.unique(np.linspace(0, grid.n - 1, min(count, grid.n)).round().astype(int))
    x = grid.x()[idx]  # (m,)
    y = rrelu_sample(x, kw["lower"], kw["upper"], rng=np.random.default_rng(seed))  # (m,)
    neg = x < 0
    slope = y[neg] / x[neg]  # a = y / x where x < 0
    return RReluSamples(x.astype(np.float32), y.astype(np.float32),
                        x[neg].astype(np.float32), slope.astype(np.float32))


# ---------------------------------------------------------------- export


def csv_table(grid: Grid, headers: Sequence[str], columns: Sequence[np.ndarray]) -> str:
    """CSV text: the x grid, then one column per plotted array.

    ``headers`` names x and every column (so ``len(headers) == len(columns) + 1``). x is
    written as the float64 ``x0 + i * dx`` Plotly draws, the values as the float32 numbers
    it is sent, each in the shortest form that reads back to the same number.
    """
    if len(headers) != len(columns) + 1:
        raise ValueError(f"need {len(columns) + 1} headers, got {len(headers)}")
    text = [grid.x().astype(str)] + [np.asarray(c, dtype=np.float32).astype(str) for c in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(zip(*text, strict=True))
    return out.getvalue()


def file_stem(curves: Sequence[Curve], what: str) -> str:
    """A download name such as ``sigmoid-tanh-relu-f``: the curves' names, then ``what``."""
    names = "-".join(dict.fromkeys(c.name.replace("_", "") for c in curves))
    return f"{names[:60].rstrip('-')}-{what}"


# ---------------------------------------------------------------- the URL


_PARAM_KEY = re.compile(r"p(\d{1,2})_([a-z][a-z_]{0,30})")


def param_key(slot: int, param: str) -> str:
    """The URL key of parameter ``param`` of curve ``slot`` (0-based): ``p1_negative_slope``."""
    return f"p{slot}_{param}"


def parse_param_key(key: str) -> tuple[int, str] | None:
    """``(slot, param)`` for a key shaped like ``p<i>_<param>``, else None."""
    m = _PARAM_KEY.fullmatch(key) if isinstance(key, str) else None
    return (int(m[1]), m[2]) if m else None


# ---------------------------------------------------------------- presets


@dataclass(frozen=True)
class Preset:
    """A classic comparison: which curves, on which range, with which overlays.

    ``key`` names its title and its "what to notice" note in the page's catalog.
    """

    key: str
    curves: tuple[Curve, ...]
    xmin: float = DEFAULT_XMIN
    xmax: float = DEFAULT_XMAX
    saturation: bool = True  # shade |f'| < 0.01
    dead: bool = False  # shade f' = 0
    difference: bool = False  # plot every curve minus the first
    scale: bool = False  # plot f(kx)/k beside f
    k: float = 2.0


def _c(name: str, **params) -> Curve:
    return Curve.make(name, **params)


PRESETS: tuple[Preset, ...] = (
    Preset("basics", (_c("sigmoid"), _c("tanh"), _c("relu"))),
    Preset("sigmoid_tanh", (_c("sigmoid"), _c("tanh"))),
    Preset("dead", (_c("relu"), _c("leaky_relu")), xmin=-3.0, xmax=3.0, dead=True),
    Preset("leaky", (_c("leaky_relu", negative_slope=0.01), _c("leaky_relu", negative_slope=0.2)),
           xmin=-3.0, xmax=3.0, dead=True),
    Preset("softplus", (_c("softplus", beta=1.0), _c("softplus", beta=10.0), _c("relu")),
           xmin=-3.0, xmax=3.0),
    Preset("gelu", (_c("gelu", approximate="none"), _c("gelu", approximate="tanh")),
           xmin=-4.0, xmax=4.0, difference=True),
    Preset("elu", (_c("elu"), _c("selu"), _c("relu")), xmin=-5.0, xmax=3.0),
    Preset("scale", (_c("relu"), _c("leaky_relu", negative_slope=0.2), _c("sigmoid")),
           xmin=-4.0, xmax=4.0, scale=True, k=2.0),
    Preset("rrelu", (_c("rrelu"), _c("relu")), xmin=-3.0, xmax=3.0),
    Preset("step", (_c("step"), _c("sigmoid")), xmin=-5.0, xmax=5.0),
)


def preset(key: str) -> Preset:
    """The preset called ``key``; raises ``ValueError`` naming the valid keys."""
    for p in PRESETS:
        if p.key == key:
            return p
    raise ValueError(f"unknown preset {key!r}; valid: {', '.join(p.key for p in PRESETS)}")


def matching_preset(curves: Sequence[Curve]) -> Preset | None:
    """The preset drawing exactly these curves (same order and parameters), if any."""
    for p in PRESETS:
        if tuple(curves) == p.curves:
            return p
    return None


# ---------------------------------------------------------------- what to notice


@dataclass(frozen=True)
class Notice:
    """What the drawn curves have in common, group by group, as indices into the curves.

    Each field lists the curves (by position) a sentence of "what to notice" is about; the
    page writes the sentences. Every group follows the drawn parameters (the registry's
    facts through `Activation.facts`, the mean measured by `output_mean`); ``dead``,
    ``kinks`` and ``jumps`` also the drawn range. A curve without registry facts (a typed
    formula) appears only in ``dead``.
    """

    saturate_both: tuple[int, ...] = ()  # f' -> 0 on both sides (sigmoid, tanh)
    saturate_negative: tuple[int, ...] = ()  # levels off for x -> -inf only (ReLU, ELU)
    saturate_positive: tuple[int, ...] = ()  # levels off for x -> +inf only (LogSigmoid)
    unbounded: tuple[int, ...] = ()  # never levels off (LeakyReLU, identity)
    saturate_beyond: tuple[int, ...] = ()  # saturates, but not on the drawn range (sigmoid
    # on [-4, 4]: |f'| >= 0.018 there), so the three groups above leave it out
    mean_near_zero: tuple[int, ...] = ()  # mean output on z ~ N(0, 1) near 0 (`OutputMean`)
    mean_off_zero: tuple[int, ...] = ()  # ... clearly away from 0 (sigmoid 0.5, ELU 0.16)
    dead: tuple[int, ...] = ()  # f' is exactly 0 somewhere on the drawn range
    kinks: tuple[int, ...] = ()  # f bends (continuous, no slope) inside the drawn range
    jumps: tuple[int, ...] = ()  # f itself jumps on the drawn range, an end too (`jumps`)


def notice(curves: Sequence[Curve], dead: Sequence[bool], grid: Grid,
           flat: Sequence[bool] | None = None) -> Notice:
    """Sort the drawn curves into the groups of `Notice`.

    ``dead[i]`` says whether curve i's plotted f' is exactly 0 somewhere, ``flat[i]``
    whether |f'| < `SATURATION_SLOPE` somewhere (both from its `Overview`; ``flat``
    defaults to all True); a curve that saturates but is not flat on the drawn range goes
    to ``saturate_beyond``. ``curves[i].name`` that is not a registry name (a typed
    formula) gets no registry facts.
    """
    flat = [True] * len(curves) if flat is None else flat
    groups: dict[str, list[int]] = {f: [] for f in Notice.__dataclass_fields__}
    for i, (curve, is_dead, is_flat) in enumerate(zip(curves, dead, flat, strict=True)):
        if is_dead:
            groups["dead"].append(i)
        if not isinstance(curve.name, str):
            continue
        act = curve.act
        props = act.facts(**curve.kwargs)
        if props is None:
            continue
        side = {"both": "saturate_both", "negative": "saturate_negative",
                "positive": "saturate_positive", "none": "unbounded"}[props.saturates]
        groups[side if side == "unbounded" or is_flat else "saturate_beyond"].append(i)
        mean = output_mean(curve)
        if mean is not None:
            groups["mean_near_zero" if mean.near_zero else "mean_off_zero"].append(i)
        breaks = jump_points(curve)
        inside = [k for k in act.kink_points(**curve.kwargs) if grid.xmin < k < grid.xmax]
        if any(k not in breaks for k in inside):
            groups["kinks"].append(i)
        if jumps(curve, grid):  # an end too, as the chart draws it (the step on [0, 3])
            groups["jumps"].append(i)
    return Notice(**{k: tuple(v) for k, v in groups.items()})


@dataclass(frozen=True)
class Jump:
    """Where f jumps, as a textbook draws it: at ``x`` f takes ``at`` (PyTorch's value
    there: the step's H(0) = 0), and ``left`` and ``right`` are its limits from either side.
    f' has no value at ``x``; ``slope_left`` and ``slope_right`` are its limits. At an end
    of the drawn range the limits from outside it are the inside ones (`_on_range`)."""

    x: float
    at: float
    left: float
    right: float
    slope_left: float
    slope_right: float

    def untaken(self) -> list[float]:
        """The one-sided limits f does not take at ``x``, sorted: a chart's hollow dots. A
        limit read 1e-9 from the point differs from the value there by a slope's 1e-9
        (SELU's f' left of 0: λα e^(-1e-9)), so within 1e-6 it is the same place."""
        return sorted({v for v in (self.left, self.right)
                       if abs(v - self.at) > 1e-6 * max(1.0, abs(self.at))})


def jumps(curve: Curve, grid: Grid) -> tuple[Jump, ...]:
    """The jumps of ``curve`` in the grid's range (`jump_points`), its ends included as
    `_on_range` draws them (the step on [0, 3]), each with f's value there and both sides'
    limits of f and f' (f at 1e-9 from the point: a slope of up to 1e3 moves it by 1e-6, a
    hair on any chart). A typed formula has none."""
    if not isinstance(curve.name, str):
        return ()
    act, kw = curve.act, curve.kwargs
    out = []
    for k in jump_points(curve):
        if not grid.xmin <= k <= grid.xmax:
            continue
        h = 1e-9 * max(1.0, abs(k))
        side = np.array([k - h, k + h])  # (2,)
        f, df = act(side, **kw), act.grad(side, **kw)
        out.append(Jump(k, float(act(np.array([k]), **kw)[0]), float(f[0]), float(f[1]),
                        float(df[0]), float(df[1])))
    return _on_range(out, grid)


def _on_range(found: Sequence[Jump], grid: Grid) -> tuple[Jump, ...]:
    """``found`` (of f or of f′) as a chart of the grid's range shows them. Inside the range,
    as they are. At an end only the side inside is drawn: its limit from outside is not on
    the chart, so the limits (and f′'s, `Jump.slope_left`/``slope_right``) from outside
    become the inside ones, and a jump whose inside limit is the value there is no jump on
    the range. So the step on [0, 3] starts with a filled dot at H(0) = 0 and a hollow one at
    1, the limit from the right, as a textbook draws it, and ends on [-3, 0] at H(0) = 0 with
    no dot; ReLU′ on [0, 3] is 0 at 0 (filled) and 1 after (hollow), on [-3, 0] just 0."""
    out = []
    for j in found:
        if j.x == grid.xmin:
            j = replace(j, left=j.at, slope_left=j.slope_right)
            inside = j.right
        elif j.x == grid.xmax:
            j = replace(j, right=j.at, slope_right=j.slope_left)
            inside = j.left
        else:
            out.append(j)
            continue
        if abs(inside - j.at) > 1e-6 * max(1.0, abs(inside), abs(j.at)):
            out.append(j)
    return tuple(out)


def jump_points(curve: Curve) -> tuple[float, ...]:
    """The registry's kink points of ``curve`` where f itself jumps (the step at 0,
    Hardshrink at ±λ), not only its slope: f just left and just right of the point differ
    by more than a slope could make them. The registry lists both kinds as "kinks" (points
    without a derivative); the page names a jump a jump."""
    act, kw = curve.act, curve.kwargs
    points = act.kink_points(**kw)
    if not points:
        return ()
    k = np.asarray(points, dtype=np.float64)  # (m,)
    h = 1e-9 * np.maximum(1.0, np.abs(k))  # a slope of up to 1e3 moves f by 2e-6 over 2h
    gap = np.abs(act(k + h, **kw) - act(k - h, **kw))  # (m,)
    return tuple(float(p) for p, g in zip(points, gap, strict=True) if g > 1e-5)


# ---------------------------------------------------------------- the mean output


# "Near 0" (the lecture notes' "tanh's mean output is near 0, so models converge faster"):
# what matters for the zig-zag of the next layer's weights is whether inputs of both signs
# mix, so the mean is judged against the outputs' typical size, not in absolute terms
# (0.02 is not "near 0" for a function whose every output is 0.02).
MEAN_TOLERANCE = 0.1  # near 0: |E f(z)| < 0.1 * sqrt(E f(z)^2)


@dataclass(frozen=True)
class OutputMean:
    r"""The mean and root mean square of f(z) for a standard normal input z ~ N(0, 1).

    Both are integrals against the normal density :math:`\phi`, computed numerically
    (`output_mean`): :math:`E f(z) = \int f(z)\,\phi(z)\,dz` and
    :math:`\sqrt{E f(z)^2}`. ReLU's mean is :math:`1/\sqrt{2\pi} \approx 0.399`,
    sigmoid's 1/2, tanh's 0 (it is odd).
    """

    mean: float
    rms: float

    @property
    def near_zero(self) -> bool:
        """|mean| below `MEAN_TOLERANCE` times the rms (an f that is 0 everywhere counts)."""
        return abs(self.mean) < MEAN_TOLERANCE * self.rms or self.mean == 0.0


def output_mean(curve: Curve) -> OutputMean | None:
    """`OutputMean` of ``curve`` at its parameters, or None where the integrals do not
    converge numerically to finite numbers (a typed ``exp(x**2)``, ``log(x)``, ``1/x``; also
    an integrable spike such as ``1/abs(x)**0.5``, which the page then calls "no value").

    Kept per function and parameter values, so a rerun costs a lookup; the first costs
    about 0.2 ms (`_integrate`). A typed formula is keyed by its compiled forward function
    (the same object for the same text, `custom.parse_activation` keeps it), since the page
    wraps it in a new `Activation` on every run.
    """
    if isinstance(curve.name, str):
        return _mean_of(curve.name, curve.params)
    return _mean_of(curve.act.forward, curve.params)


@functools.lru_cache(maxsize=512)
def _mean_of(fn: str | Callable, params: tuple) -> OutputMean | None:
    """`output_mean` of the registry activation named ``fn``, or of the forward function
    ``fn`` of a typed formula (float64 in and out, no kinks known)."""
    kw = dict(params)
    if isinstance(fn, str):
        act = registry.get(fn)
        return _integrate(lambda z: act(z, **kw), act.kink_points(**kw))
    return _integrate(lambda z: fn(z, **kw), ())


# Composite Gauss-Legendre on [-40, 40] (the normal density underflows to 0 past |z| = 38.6:
# numerically the real line), in unit cells cut also at f's kinks and jumps, so that f is
# smooth on every cell and 16 nodes a cell give the integrals to rounding (the test checks
# them against mpmath). 1.3 thousand points in one vectorised call: about 0.2 ms. The 8-node
# rule on the same cells must agree; where it does not (a typed formula with a corner the
# cells don't know, or a steep growth) the adaptive `scipy.integrate.cubature` decides.
_REACH = 40.0
_NODES = tuple(np.polynomial.legendre.leggauss(n) for n in (16, 8))
_AGREE = 1e-10  # relative to the rms: the two rules' moments must agree this well
_TAIL = 50.0  # |f| e^(-z^2/2) at +-40 must be below e^-50: nothing is cut off beyond


def _normal_moments(f, edges: np.ndarray, nodes: np.ndarray, weights: np.ndarray):
    """(E f(z), E f(z)^2) by the Gauss-Legendre rule ``nodes, weights`` on every cell."""
    a, b = edges[:-1, None], edges[1:, None]  # (cells, 1)
    half = 0.5 * (b - a)
    z = (a + b) * 0.5 + half * nodes  # (cells, nodes)
    w = half * weights * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)  # (cells, nodes)
    y = f(z.ravel()).reshape(z.shape)
    return float(np.sum(w * y)), float(np.sum(w * y * y))


def _integrate(forward: Callable, kinks) -> OutputMean | None:
    """E f(z) and E f(z)^2 for z ~ N(0, 1) (see the rules above), for f = ``forward`` with
    its ``kinks`` (and jumps); None where they are not finite numbers. A mean below 1e-12
    of the rms is 0 (an odd f's rounding dust)."""
    def f(z):
        return np.asarray(forward(z), dtype=np.float64)

    cuts = [k for k in kinks if -_REACH < k < _REACH]
    edges = np.unique(np.r_[np.arange(-_REACH, _REACH + 0.5), cuts])  # (cells + 1,)
    # A typed formula may overflow or leave its domain: that shows as no result. (errstate
    # is per thread, so other sessions' warnings stay as they are.)
    with np.errstate(all="ignore"):
        (m1, m2), (l1, l2) = (_normal_moments(f, edges, *rule) for rule in _NODES)
        if math.isnan(m1):  # f is undefined on a stretch (a typed log(x) for x < 0)
            return None
        ends = np.abs(f(np.array([-_REACH, _REACH])))  # (2,)
        tails = np.log(ends) - 0.5 * _REACH**2 if np.all(np.isfinite(ends)) else None
        agree = (np.isfinite([m1, m2, l1, l2]).all()
                 and max(abs(m1 - l1), abs(m2 - l2)) <= _AGREE * max(math.sqrt(abs(m2)), 1e-300)
                 and tails is not None and np.all(tails < -_TAIL))
        if not agree:
            m1, m2 = _adaptive_moments(f, cuts)
    if not (math.isfinite(m1) and math.isfinite(m2)):
        return None
    rms = math.sqrt(max(m2, 0.0))
    return OutputMean(0.0 if abs(m1) <= 1e-12 * rms else m1, rms)


def _adaptive_moments(f, cuts) -> tuple[float, float]:
    """(E f(z), E f(z)^2) by adaptive Gauss-Kronrod on the real line; nan where it does
    not converge (an integral that diverges, as a typed exp(x**2)'s)."""
    def integrand(z):  # (m, 1) -> (m, 2)
        x = z[:, 0]
        y = f(x)
        w = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
        return np.stack([y * w, y * y * w], axis=-1)

    # Imported here, on the first typed formula that needs it: scipy.integrate brings
    # about 290 modules and 27 MiB to every server process that imports this module.
    from scipy import integrate

    res = integrate.cubature(integrand, [-math.inf], [math.inf], rtol=1e-10, atol=1e-13,
                             max_subdivisions=500, points=[[k] for k in cuts])
    if res.status != "converged":
        return math.nan, math.nan
    return float(res.estimate[0]), float(res.estimate[1])


# ---------------------------------------------------------------- links


# The torch.nn module of each registered activation; the step function has none, and its
# page is the tensor function torch.heaviside.
_TORCH_NAMES = {
    "identity": "torch.nn.Identity", "step": "torch.heaviside", "sigmoid": "torch.nn.Sigmoid",
    "tanh": "torch.nn.Tanh", "relu": "torch.nn.ReLU", "leaky_relu": "torch.nn.LeakyReLU",
    "prelu": "torch.nn.PReLU", "rrelu": "torch.nn.RReLU", "elu": "torch.nn.ELU",
    "celu": "torch.nn.CELU", "selu": "torch.nn.SELU", "gelu": "torch.nn.GELU",
    "silu": "torch.nn.SiLU", "mish": "torch.nn.Mish", "softplus": "torch.nn.Softplus",
    "softsign": "torch.nn.Softsign", "relu6": "torch.nn.ReLU6",
    "hardtanh": "torch.nn.Hardtanh", "hardsigmoid": "torch.nn.Hardsigmoid",
    "hardswish": "torch.nn.Hardswish", "threshold": "torch.nn.Threshold",
    "tanhshrink": "torch.nn.Tanhshrink", "softshrink": "torch.nn.Softshrink",
    "hardshrink": "torch.nn.Hardshrink", "log_sigmoid": "torch.nn.LogSigmoid",
}
TORCH_DOCS = "https://docs.pytorch.org/docs/stable/generated/{}.html"


def pytorch_url(name: str) -> tuple[str, str] | None:
    """``(torch name, its documentation URL)`` for a registry activation, or None."""
    torch_name = _TORCH_NAMES.get(registry.get(name).name)
    return (torch_name, TORCH_DOCS.format(torch_name)) if torch_name else None


# ---------------------------------------------------------------- a parameter sweep


SWEEP_FRAMES = 51  # at most
SWEEP_POINTS = 401  # per frame; 51 frames of f and f' stay near 160 KB of float32
# Ranges a lecturer wants to show, where the parameter's own limits are not the story:
# Softplus beta from a soft curve to a ReLU lookalike (log-spaced: the change is in the
# first few units); the rest sweep their slider's range.
_SWEEP_RANGES = {("softplus", "beta"): (0.5, 20.0, True)}


def sweep_params(names: Sequence[str]) -> tuple[str, ...]:
    """The numeric parameters of the listed curves, each once, in order of appearance."""
    out: dict[str, None] = {}
    for name in names:
        for p in registry.get(name).params:
            if p.choices is None:
                out[p.name] = None
    return tuple(out)


@dataclass(frozen=True)
class Sweep:
    """One curve's f and f' for a run of values of one parameter (the animation frames)."""

    slot: int  # which curve is swept (the first that has the parameter)
    param: str
    values: np.ndarray  # (frames,) float64
    labels: tuple[str, ...]  # each value as shown on the slider (`numfmt.fmt`)
    grid: Grid
    f: np.ndarray  # (frames, n) float32
    df: np.ndarray  # (frames, n) float32
    jumps: tuple[tuple[Jump, ...], ...] = ()  # each frame's (`jumps`): the dots move too
    kinks: tuple[tuple[Jump, ...], ...] = ()  # each frame's f′ jumps (`slope_jumps`): they
    # move (Hardtanh's max_val), come and go (LeakyReLU's at slope 1: none) with the frames


def _sweep_values(lo: float, hi: float, log: bool, step: float, frames: int) -> np.ndarray:
    """Values from ``lo`` to ``hi``, each a multiple of the slider's ``step``. On a linear
    range, at most ``frames``: the ends and every multiple of a round stride between
    (`numfmt.round_stride`: 1, 2 or 5 times a power of ten, the finest that fits), so that
    playing reads c = -3, -2.8, -2.6 ... and the slider's ruler 0, 0.1 ... 1, not a rounded
    linspace's uneven steps (0, 0.02, 0.05, 0.08, 0.1). On a log range (Softplus beta), the
    round values of `numfmt.round_log_steps` (beta = 0.5, 0.6, 0.8, 1, 1.2 ... 20), as
    softmax's temperatures."""
    if log:
        return np.asarray(round_log_steps(lo, hi))  # (ten a decade,)
    units = round((hi - lo) / step)  # the range in slider steps
    k = round(round_stride(hi - lo, frames - 1, step) / step)  # the stride in slider steps
    start = round(lo / step)
    inner = [i for i in range(-(-start // k) * k, start + units, k) if i > start]
    # whole slider steps times the step, rounded as the slider writes them (0.30000000000000004
    # would be a value of its own)
    return np.round(np.array([start, *inner, start + units]) * step, 10)


def sweep(curves: Sequence[Curve], param: str, grid: Grid,
          frames: int = SWEEP_FRAMES) -> Sweep | None:
    """Sample the first curve that has numeric ``param`` at its sweep values (`_sweep_values`).

    The other parameters keep the curve's values; a value that breaks a joint rule
    (RReLU's lower <= upper) keeps the curve's own value for that frame. None when no
    curve has the parameter.
    """
    for slot, curve in enumerate(curves):
        if not isinstance(curve.name, str):
            continue
        spec = {p.name: p for p in curve.act.params}.get(param)
        if spec is not None and spec.choices is None:
            break
    else:
        return None
    lo, hi, log = _SWEEP_RANGES.get((curve.name, param), (spec.min, spec.max, False))
    values = _sweep_values(lo, hi, log, spec.step, frames)  # (frames,)
    g = Grid(grid.xmin, grid.xmax, min(grid.n, SWEEP_POINTS))
    x = g.x()  # (n,)
    fs, dfs, js, ks = [], [], [], []
    for v in values:
        c, _ = resolve_curve(curve.name, {**curve.kwargs, param: float(v)})
        fs.append(c.act(x, **c.kwargs))
        dfs.append(c.act.grad(x, **c.kwargs))
        js.append(jumps(c, g))
        ks.append(slope_jumps(c, g))
    return Sweep(slot, param, values, tuple(fmt(v) for v in values), g,
                 np.asarray(fs, dtype=np.float32), np.asarray(dfs, dtype=np.float32),
                 tuple(js), tuple(ks))


# ---------------------------------------------------------------- more jumps: f′'s, f(kx)/k's


def _limits(f, x: float) -> tuple[float, float, float]:
    """``f`` at ``x`` and its limits from the left and the right, read 1e-9 from the point
    (as `jumps`: a slope of up to 1e3 moves f by 1e-6 there, a hair on any chart)."""
    h = 1e-9 * max(1.0, abs(x))
    v = f(np.array([x, x - h, x + h]))  # (3,)
    return float(v[0]), float(v[1]), float(v[2])


def slope_jumps(curve: Curve, grid: Grid) -> tuple[Jump, ...]:
    """Where f′ jumps though f does not: f's kinks in the grid's range, its ends included
    as `_on_range` draws them (ReLU at 0, Hardtanh at ±1, ReLU6's 6 on [-6, 6], where f′ is
    1 up to 6 and PyTorch's 0 at 6; not on [6, 8], where it is 0 from 6 on), each a `Jump`
    *of f′*: ``at`` is PyTorch's gradient there (ReLU′(0) = 0, LeakyReLU′(0) = a:
    `functions`), ``left`` and ``right`` f′'s one-sided limits, and ``slope_left``/
    ``slope_right`` those of f″ (f′'s differences over 1e-6 on either side). A jump of f
    itself is `jumps`'s (f′ has no value there), a typed formula has none."""
    if not isinstance(curve.name, str):
        return ()
    act, kw = curve.act, curve.kwargs
    skip = set(jump_points(curve))

    def grad(x):
        return act.grad(x, **kw)

    out = []
    for k in act.kink_points(**kw):
        if k in skip or not grid.xmin <= k <= grid.xmax:  # an end too: ReLU6's 6 on [-6, 6]
            continue
        at, left, right = _limits(grad, k)
        if abs(right - left) <= 1e-6 * max(1.0, abs(left), abs(right)):
            continue  # f′ continuous: no jump to draw
        d = 1e-6 * max(1.0, abs(k))
        g = grad(np.array([k - 2 * d, k - d, k + d, k + 2 * d]))  # (4,)
        out.append(Jump(k, at, left, right, float((g[1] - g[0]) / d),
                        float((g[3] - g[2]) / d)))
    return _on_range(out, grid)


def scaled_jumps(curve: Curve, grid: Grid, k: float) -> tuple[Jump, ...]:
    """The jumps of f(kx)/k (k > 0) in the grid's range, its ends as `jumps` draws them:
    f's jump at x_j is met where kx = x_j, at x_j/k, and there f(kx)/k takes f(x_j)/k, its
    limits f's divided by k; its slope d/dx f(kx)/k = f′(kx) keeps f′'s limits at x_j."""
    if not (math.isfinite(k) and k > 0):
        return ()
    wide = Grid(grid.xmin * k, grid.xmax * k, grid.n)  # x in the range <=> kx in this one
    return tuple(Jump(j.x / k, j.at / k, j.left / k, j.right / k, j.slope_left, j.slope_right)
                 for j in jumps(curve, wide) if grid.xmin <= j.x / k <= grid.xmax)


def difference_jumps(a: Curve, b: Curve, grid: Grid) -> tuple[tuple[Jump, ...],
                                                               tuple[Jump, ...]]:
    """Where f_a − f_b jumps (a jump of either curve that the other does not cancel) and
    where f_a′ − f_b′ does (a jump or kink of either) or has no value (where f_a − f_b
    jumps, as the f′ chart breaks at f's jumps), in the grid's range, its ends included,
    each a `Jump` of the difference (of its derivative in the second tuple, whose slopes
    are zeros, unused: the difference chart draws no dots)."""
    if not (isinstance(a.name, str) and isinstance(b.name, str)):
        return (), ()

    def d(x):
        return a.act(x, **a.kwargs) - b.act(x, **b.kwargs)

    def dd(x):
        return a.act.grad(x, **a.kwargs) - b.act.grad(x, **b.kwargs)

    def found(fn, dfn, points):
        out = []
        for p in sorted(set(points)):
            if not grid.xmin <= p <= grid.xmax:  # the ends too, as `slope_jumps`
                continue
            at, left, right = _limits(fn, p)
            if abs(right - left) > 1e-6 * max(1.0, abs(left), abs(right)):
                s = (0.0, 0.0) if dfn is None else _limits(dfn, p)[1:]
                out.append(Jump(p, at, left, right, *s))
        return tuple(out)

    jump_xs = [*jump_points(a), *jump_points(b)]
    kink_xs = [*a.act.kink_points(**a.kwargs), *b.act.kink_points(**b.kwargs)]
    steps = found(d, dd, jump_xs)
    # where the difference jumps its slope has no value either (as f' at f's jump)
    gone = {j.x for j in steps}
    slopes = [Jump(j.x, float(dd(np.array([j.x]))[0]), j.slope_left, j.slope_right, 0.0, 0.0)
              for j in steps]
    slopes += [j for j in found(dd, None, jump_xs + kink_xs) if j.x not in gone]
    return steps, tuple(sorted(slopes, key=lambda j: j.x))

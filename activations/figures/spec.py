"""Figures kept as plain specs, and their Plotly JSON without Plotly's object tree.

The builders assemble plain dicts (see `style`). Two Plotly steps used to cost more than
the rest of a page rerun: making a ``go.Figure`` of the spec (one object per trace, axis and
frame; frames are even validated), and ``Figure.to_dict()``, which ``st.plotly_chart``
calls, a deep copy of everything plus a pass that sends each NumPy array through narwhals
on its way to a base64 typed array. `SpecFigure` keeps the spec and builds the real figure
only when something uses it as one (the tests do, the pages don't); `to_plotly_dict` gives
what ``to_dict()`` would, straight from the spec.

Exact, not approximate: `to_plotly_dict` follows what Plotly does to each part of a spec.
A figure made unvalidated (``_validate=False``) stores trace and layout properties as given
(``None`` dropped, a trace's ``type`` last), but still validates subplot axes beyond the
first (``xaxis2``, ...) and every frame, and adds the default template. Validation is
followed property by property with Plotly's own validators; only a numeric array under a
data-array property skips its validator, which would copy it unchanged. Arrays become typed
arrays by Plotly's rules (``_plotly_utils.utils.to_typed_array_spec``). Anything unusual
(graph objects inside the spec, ``marker_color``-style paths, unknown properties) takes
Plotly's own path instead. tests/test_spec.py compares both paths on every figure builder.
"""

from __future__ import annotations

import base64
import threading
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.basevalidators import (BaseDataValidator, BaseTemplateValidator,
                                          CompoundArrayValidator, CompoundValidator,
                                          DataArrayValidator, TitleValidator,
                                          is_homogeneous_array)
from _plotly_utils.utils import is_skipped_key, plotlyjsShortTypes, to_typed_array_spec
from plotly.basedatatypes import BasePlotlyType, BaseTraceType
from plotly.validator_cache import ValidatorCache

__all__ = ["SpecFigure", "to_plotly_dict"]

_BUILD = threading.RLock()  # one thread builds a shared (cached) figure's object tree


class SpecFigure(go.Figure):
    """A ``go.Figure`` that holds the plain spec (``dict(data=..., layout=...[, frames=...])``)
    it was made from and builds Plotly's object tree on first use.

    Until then no ``go.Figure`` attribute exists, so any use (``fig.data``, ``fig.layout``,
    ``fig.to_dict()``, ``go.Figure(fig)``, ``fig.frames = ...``) looks one up, fails, and
    lands in `__getattr__`, which runs ``go.Figure.__init__`` (unvalidated, as ``figure``
    did before) and retries. Once built it is an ordinary ``go.Figure``. The spec is owned
    by the figure: the caller must not change it afterwards.
    """

    def __init__(self, spec: dict):
        # Through __dict__: BaseFigure.__setattr__ would look the name up first.
        self.__dict__["_spec"] = spec

    def __getattr__(self, name):
        # Python calls this only when the normal lookup fails. Probes for optional special
        # methods (copy.deepcopy asks for __deepcopy__) fail on any go.Figure: no build.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        with _BUILD:
            spec = self.__dict__.pop("_spec", None)
            if spec is not None:
                self.__dict__.pop("_plotly_dict", None)
                go.Figure.__init__(self, spec, _validate=False)
        # Built now (by this call or another thread), or during the build: an attribute
        # go.Figure.__init__ has not set yet is as missing as on any half-made figure.
        return object.__getattribute__(self, name)

    def __reduce__(self):
        # Pickle (st.cache_data) and deepcopy: the spec while unbuilt, else as go.Figure does.
        spec = self.__dict__.get("_spec")
        if spec is None:
            return go.Figure, super().__reduce__()[1]
        return SpecFigure, (spec,)


def to_plotly_dict(fig: go.Figure) -> dict:
    """What ``fig.to_dict()`` returns, in JSON terms (the same JSON from ``plotly.io``).

    Fast for an unbuilt `SpecFigure`, whose result is kept: the dict is shared between
    calls, so read it, don't change it. Any other figure: ``fig.to_dict()``.
    """
    state = fig.__dict__ if isinstance(fig, SpecFigure) else {}
    spec = state.get("_spec")
    if spec is None:  # not a SpecFigure, or built already (and maybe changed since)
        return fig.to_dict()
    out = state.get("_plotly_dict")
    if out is None:
        try:
            out = _figure(spec)
        except _Unusual:
            out = go.Figure(spec, _validate=False).to_dict()
        state["_plotly_dict"] = out
    return out


class _Unusual(Exception):
    """A spec this module doesn't follow; Plotly's own path makes it."""


# -- JSON of stored values, as Figure.to_dict() leaves them ---------------------------------
# to_dict deep-copies the figure's stored values, then `convert_to_base64` replaces every
# array that is a dict's value (not a list's element) by a typed array, except under the
# keys `is_skipped_key` names ("range", ...), whose values it leaves alone. Tuples come out
# as lists: the same JSON.

_PLAIN = (str, int, float, bool, type(None))
_skipped = lru_cache(maxsize=None)(is_skipped_key)  # keys are property names: few


def _entry(key, value):
    """``value``, stored under ``key`` of a dict, as to_dict leaves it."""
    if isinstance(value, _PLAIN):
        return value
    if _skipped(key):
        return _inner(value, False)
    if type(value) is np.ndarray:
        return _typed(value)
    if is_homogeneous_array(value):  # pandas, array-likes: Plotly's own conversion
        return to_typed_array_spec(value)
    return _inner(value, True)


def _inner(value, convert: bool):
    """A copy of a dict's or list's contents (arrays in dicts converted if ``convert``)."""
    if isinstance(value, dict):
        if convert:
            return {k: _entry(k, v) for k, v in value.items()}
        return {k: _inner(v, False) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_inner(v, convert) for v in value]
    if isinstance(value, BasePlotlyType):  # a graph object stored as is
        raise _Unusual(type(value).__name__)
    return value  # a scalar, or an array in a list: left as it is


_CODES = {np.dtype(name): code for name, code in plotlyjsShortTypes.items()}
_INT_RANGES = {  # int64/uint64 go to the smallest type that holds them, as Plotly does
    np.dtype("int64"): ((np.int8, -128, 127), (np.int16, -32768, 32767),
                        (np.int32, -2147483648, 2147483647)),
    np.dtype("uint64"): ((np.uint8, 0, 255), (np.uint16, 0, 65535),
                         (np.uint32, 0, 4294967295)),
}


def _typed(a: np.ndarray):
    """``to_typed_array_spec(a)`` for a NumPy array, without its narwhals round trip."""
    if a.size == 0 or a.ndim == 0:
        return to_typed_array_spec(a)  # rare: Plotly's own way
    ranges = _INT_RANGES.get(a.dtype)
    if ranges is not None:
        lo, hi = a.min(), a.max()
        for small, low, high in ranges:
            if lo >= low and hi <= high:
                a = a.astype(small)
                break
        else:
            return to_typed_array_spec(a)  # too large for plotly.js: left as numbers
    code = _CODES.get(a.dtype)
    if code is None:  # not a plotly.js type (float16, big-endian, strings): Plotly's way
        return to_typed_array_spec(a)
    out = {"dtype": code, "bdata": base64.b64encode(np.ascontiguousarray(a)).decode("ascii")}
    if a.ndim > 1:
        out["shape"] = str(a.shape)[1:-1]
    return out


# -- What a go.Figure stores of a spec -------------------------------------------------------

@lru_cache(maxsize=None)
def _rank(cls) -> dict:
    """Each property of graph-object class ``cls`` -> its place in the object's stored
    dict (the order its constructor sets them; a trace sets ``type`` after the others).
    A property the constructor stores under another name is left out (so not followed)."""
    trace = issubclass(cls, BaseTraceType)
    props = {p: 0 for p in cls()._valid_props if not (trace and p == "type")}
    return {p: i for i, p in enumerate(cls(props, _validate=False)._props)}


@lru_cache(maxsize=None)
def _path(cls) -> str:
    return cls()._path_str


@lru_cache(maxsize=None)
def _trace_class(kind):
    validator = ValidatorCache.get_validator("", "data")
    if not isinstance(kind, str) or kind not in validator.class_strs_map:
        raise _Unusual(f"trace type {kind!r}")
    return validator.get_trace_class(kind)


def _ordered(cls, spec: dict, *, trace: bool) -> list:
    """The keys of ``spec`` a ``cls`` object stores (``None`` values are skipped), in its
    order; raises `_Unusual` on any other key (a dotted path, an invalid property)."""
    rank = _rank(cls)
    unknown = [k for k in spec if k not in rank and not (trace and k == "type")]
    if unknown:
        raise _Unusual(f"{cls.__name__}: {unknown}")
    keys = [k for k, v in spec.items() if v is not None and not (trace and k == "type")]
    return sorted(keys, key=rank.__getitem__)


def _figure(spec: dict) -> dict:
    """``go.Figure(spec, _validate=False).to_dict()``, from ``spec`` itself."""
    data = spec.get("data")
    if data is None:
        data = []
    elif not isinstance(data, (list, tuple)):
        data = [data]
    out = {"data": [_trace(t) for t in data], "layout": _layout(spec.get("layout"))}
    frames = _array(ValidatorCache.get_validator("", "frames"), spec.get("frames"))
    if frames:
        out["frames"] = frames
    return out


def _trace(t) -> dict:
    """An unvalidated trace: its properties as given."""
    if not isinstance(t, dict):
        raise _Unusual(type(t).__name__)
    kind = t.get("type", "scatter")
    cls = _trace_class(kind)
    out = {k: _stored(k, t[k]) for k in _ordered(cls, t, trace=True)}
    out["type"] = kind
    return out


def _stored(key, value):
    """An unvalidated property: stored as given (a graph object would become its dict)."""
    if isinstance(value, BasePlotlyType) or (
            isinstance(value, (list, tuple)) and value and isinstance(value[0], BasePlotlyType)):
        raise _Unusual(type(value).__name__)
    return _entry(key, value)


def _layout(layout) -> dict:
    """An unvalidated layout: its properties as given, the subplot axes after the first
    validated (Plotly always validates those), and the default template."""
    if layout is None:
        layout = {}
    if not isinstance(layout, dict):
        raise _Unusual(type(layout).__name__)
    rank = _rank(go.Layout)
    out = {k: _stored(k, layout[k]) for k in _ordered(go.Layout, {
        k: v for k, v in layout.items() if k in rank}, trace=False)}
    for key, value in layout.items():
        if key in rank:
            continue
        match = go.Layout._subplotid_prop_re.match(key)
        if match is None or int(match.group(2)) < 2:  # "xaxis1", a path, an invalid key
            raise _Unusual(f"layout.{key}")
        axis = _compound(ValidatorCache.get_validator("layout", key), value)
        if axis:
            out[key] = axis
    if out.get("template") is None and pio.templates.default is not None:
        out["template"] = _template(pio.templates.default)  # shared, as the whole result
    return out


def _template(default) -> dict:
    """The JSON of the default template (a name or a template object)."""
    template = default if isinstance(default, BasePlotlyType) else pio.templates[default]
    return _template_json(_Same(template))


class _Same:
    """An lru_cache key for an unhashable object: the object itself, by identity."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def __hash__(self):
        return id(self.obj)

    def __eq__(self, other):
        return isinstance(other, _Same) and self.obj is other.obj


@lru_cache(maxsize=4)
def _template_json(template: _Same) -> dict:
    return _entry("template", template.obj.to_plotly_json())


# -- What validation stores ------------------------------------------------------------------

def _validated(cls, spec: dict, *, trace: bool = False) -> dict:
    """What ``cls(spec)`` (validated) stores, each property through its validator."""
    path = _path(cls)
    out = {}
    for key in _ordered(cls, spec, trace=trace):
        validator = ValidatorCache.get_validator(path, key)
        value = spec[key]
        if isinstance(validator, CompoundValidator):
            value = _compound(validator, value)
        elif isinstance(validator, (CompoundArrayValidator, BaseDataValidator)):
            value = _array(validator, value)
        else:
            if type(value) in _SCALARS:
                value = _coerced(validator, type(value), value)
            elif not (type(validator) is DataArrayValidator and type(value) is np.ndarray
                      and value.dtype.kind in "iuf"):  # which it would copy unchanged
                value = validator.validate_coerce(value)
            if value is not None:
                out[key] = _entry(key, value)
            continue
        if value:  # an empty object or list is not stored
            out[key] = value
    if trace:
        out["type"] = spec.get("type", "scatter")
    return out


_SCALARS = frozenset((str, int, float, bool))


@lru_cache(maxsize=4096)
def _coerced(validator, kind: type, value):
    """``validator.validate_coerce(value)`` of a scalar, remembered: an axis anchor or a
    colour comes back in every figure (``kind`` keeps 1, 1.0 and True apart)."""
    return validator.validate_coerce(value)


def _compound(validator, value) -> dict:
    """A validated compound property (an axis, a marker, a title)."""
    if isinstance(validator, TitleValidator) and isinstance(value, (str, int, float)):
        value = {"text": value}
    if isinstance(value, dict) and not isinstance(validator, BaseTemplateValidator):
        try:
            return _validated(validator.data_class, value)
        except _Unusual:
            pass
    return _entry("", validator.validate_coerce(value)._props or {})


def _array(validator, value) -> list:
    """A validated list of objects (annotations, frames) or of traces (a frame's data)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)) and all(isinstance(v, dict) for v in value):
        try:
            if isinstance(validator, BaseDataValidator):
                return [_validated(_trace_class(v.get("type", "scatter")), v, trace=True)
                        for v in value]
            return [_validated(validator.data_class, v) for v in value]
        except _Unusual:
            pass
    return [_entry("", v._props or {}) for v in validator.validate_coerce(value)]

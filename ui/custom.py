"""The custom-formula box shared by the pages: a person types f(x) and gets an activation.

`formula_box` draws a text box bound to the URL parameter ``expr`` (so a shared link carries
the formula), parses it with `activations.custom.parse_activation` (an allow-list parser that
never evaluates the text; its result is cached by text there), shows the formula and its
exact derivative in LaTeX and one slider per free letter (keys ``expr_<letter>``, also in
the URL), and returns a `Formula` or None. Pages offer it as the option `CHOICE` in their
activation pickers and hand the *text* and parameter values to their cached functions (an
`Activation` can't be pickled), re-parsing inside (cheap: the library's cache).

What a person typed is never rendered as markdown or HTML: errors come from the catalog by
their ``code`` (with the position), and the text itself is shown only in a code block.
The formula lives in this person's session (and URL) only: when they switch pages, the
last formula and its parameter values are restored from their session state. A tour step
shows its link's formula or none: the person's own waits, untouched by the steps, and comes
back at their first page switch after the tour.

A link's ``expr`` is checked like any URL value (`rules`, for `ui.urlstate.guard`): a formula
that doesn't parse is taken out with a warning, and the page starts with an empty box.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import streamlit as st
from streamlit.errors import StreamlitAPIException

import activations
from activations import explore, tour
from activations.numfmt import fmt
from activations.custom import (
    FUNCTIONS, LIMITS, ExpressionError, evaluate_report, parse_activation,
)
from activations.registry import Activation

from . import tourbar, urlstate
from .i18n import t

KEY = "expr"  # the text box's key, and so its URL parameter
CHOICE = "custom"  # the option name in the pages' activation pickers
KEEP = "_custom_formula"  # this session's last formula and values, across pages
WAITING = "_custom_formula_waiting"  # a tour step's view left KEEP's formula out (see _keep)
_CODES = {
    "type", "too_long", "empty", "character", "syntax", "too_big", "too_deep", "not_allowed",
    "number", "number_too_large", "function_without_call", "reserved_name",
    "too_many_parameters", "unknown_name", "operator", "unknown_function", "keyword",
    "arguments", "exponent_too_large", "not_real", "undefined", "constant_too_large",
    "too_nested", "too_many_calls", "derivative_too_large",
}


def param_key(name: str) -> str:
    """The widget key (and URL parameter) of the formula's parameter ``name``: ``expr_a``."""
    return f"{KEY}_{name}"


@dataclass(frozen=True)
class Formula:
    """A valid typed formula: its text (the cache key), activation and parameter values."""

    text: str
    act: Activation  # named CHOICE, labelled with the catalog's name for it
    params: tuple[tuple[str, float], ...]  # (name, value) in the activation's Param order

    @property
    def kwargs(self) -> dict:
        return dict(self.params)


def parse(text) -> tuple[Activation | None, ExpressionError | None]:
    """``(activation, None)``, ``(None, error)``, or ``(None, None)`` for an empty box."""
    if not isinstance(text, str) or not text.strip(" "):
        return None, None
    try:
        return parse_activation(text), None
    except ExpressionError as err:
        return None, err


def _functions() -> str:
    """The allowed functions as Markdown inline code, so they show as typed."""
    return ", ".join(f"`{name}`" for name in FUNCTIONS)


def message(err: ExpressionError) -> str:
    """The translated refusal: what is wrong and where, without any of the typed text.

    Markdown (for `st.error`): the catalog writes code and symbols in backticks."""
    code = err.code if err.code in _CODES else "other"
    numbers = {k: fmt(err.info[k]) for k in ("limit", "parts") if k in err.info}
    reason = t(f"custom.err_{code}", **{"limit": "", "parts": "", **numbers},
               functions=_functions())
    where = t("custom.at", pos=err.position) if err.position else ""
    return t("custom.error", reason=reason, where=where)


# ---------------------------------------------------------------- checking a link


@dataclass(frozen=True)
class _FormulaRule(urlstate.Rule):
    """``expr`` holds one formula that parses (or nothing). A value the person typed in this
    session's box is left alone: the box itself explains what is wrong with it."""

    def ok(self) -> bool:
        values = urlstate.raw_values(self.key)
        if not values:
            return True
        if len(values) > 1 or len(values[0]) > LIMITS.max_length:
            return False
        if values[0] == st.session_state.get(self.key):
            return True
        return parse(values[0])[1] is None

    def note(self) -> str:
        return t("custom.bad_link", name=self.key)


def label(name: str) -> str:
    """An activation picker's readable name for ``name``: the registry's label, or for the
    typed formula (`CHOICE`) its name in the visitor's language."""
    return t("custom.name") if name == CHOICE else activations.get(name).label


def link_options(options) -> tuple:
    """``options`` plus `CHOICE` when the link's ``expr`` is a valid formula: what a link's
    activation parameter may name (check it with these, before the pickers are drawn)."""
    return (*options, CHOICE) if parse(st.query_params.get(KEY))[0] is not None \
        else tuple(options)


def picker_options(options, formula: Formula | None) -> tuple:
    """``options`` plus `CHOICE` while the box holds a valid formula: a picker's options."""
    return (*options, CHOICE) if formula is not None else tuple(options)


def rules() -> list[urlstate.Rule]:
    """What ``expr`` and the formula's parameter keys may hold; add them to the page's guard."""
    out: list[urlstate.Rule] = [_FormulaRule(KEY)]
    values = urlstate.raw_values(KEY)
    if len(values) == 1 and len(values[0]) <= LIMITS.max_length:
        act, _ = parse(values[0])
        for p in act.params if act is not None else ():
            out.append(urlstate.number(param_key(p.name), p.min, p.max, p.default))
    return out


# ---------------------------------------------------------------- the box


def _step_formula() -> str | None:
    """The formula of the tour step on screen: its link's ``expr`` ("" for none); None off
    the tour."""
    step_id = tourbar.current()
    return None if step_id is None else str(tour.step(step_id).params.get(KEY, ""))


def _show_in_box(values: dict, defaults: dict) -> None:
    """Put ``values`` in the box and its sliders, and into the address as their widgets
    would (a value the session state assigns reaches the widget but not the address: the
    page showed a formula while its link, "Share this view" and a reload had none)."""
    for key, value in values.items():
        st.session_state[key] = value
        if key in defaults:
            try:
                urlstate.write(key, value, defaults[key])
            except StreamlitAPIException:
                # Still bound to the box of the page before, until this run ends; the
                # box's next change writes it.
                pass


def _restore(step_formula: str | None) -> None:
    """Fill a box that has no value yet (a page switch, a new tour step) from what this
    session should see there; a link's own ``expr`` wins, with its own parameters.

    - Off the tour (``step_formula`` None): this session's last formula and its
      parameters.
    - On a tour step: the step's link alone (``step_formula``, see `_step_formula`: the
      tanh step's formula, or none; the frame puts back what Streamlit dropped of it,
      `ui.tourbar`). The person's own formula waits (`WAITING`).
    """
    if KEY in st.session_state or KEY in st.query_params:
        return  # the box, or the link, says what it holds
    kept = st.session_state.get(KEEP, {})
    if step_formula is not None:
        if kept.get(KEY):
            st.session_state[WAITING] = True
        return
    if not kept.get(KEY):
        return
    act, _ = parse(kept[KEY])
    defaults = {KEY: "", **{param_key(p.name): float(p.default) for p in act.params}} \
        if act is not None else {}  # a refused formula comes back to the box only
    _show_in_box(kept, defaults)
    st.session_state.pop(WAITING, None)  # back in the box


def _keep(text: str, values: list[tuple[str, float]], step_formula: str | None) -> None:
    """Remember the box for the next page: what the person typed, not what the tour step
    on screen wrote (``step_formula``). After leaving the tour on a step whose box is
    empty, the page stays as it was, and the formula from before the tour waits for the
    next page switch."""
    if text and text != step_formula:
        st.session_state[KEEP] = {KEY: text, **{param_key(n): v for n, v in values}}
        st.session_state.pop(WAITING, None)  # a new formula replaces the one waiting
    elif not text and step_formula is None and not st.session_state.get(WAITING):
        st.session_state[KEEP] = {KEY: ""}  # emptied by the person


def _show_error(text: str, err: ExpressionError) -> None:
    st.error(message(err), icon=":material/block:")
    if err.position and err.code not in ("too_long", "type"):
        st.caption(t("custom.fragment"))
        # A code block shows the text literally; the caret marks the position.
        st.code(f"{text}\n{' ' * (err.position - 1)}^", language=None)


def formula_box(where=None) -> Formula | None:
    """Draw the formula box in ``where`` (a container; default: here) and read it.

    Returns the `Formula` when the box holds a valid formula, else None (a refused one
    shows a translated error with its position).
    """
    step_formula = _step_formula()
    _restore(step_formula)
    with where if where is not None else st.container():
        st.subheader(t("custom.header"))
        text = st.text_input(
            t("custom.input"), key=KEY, max_chars=LIMITS.max_length,
            placeholder=t("custom.placeholder"),
            help=t("custom.help", functions=_functions(), choice=t("custom.name")),
            bind="query-params")
        act, err = parse(text)
        if err is not None:
            _show_error(text, err)
        if act is None:  # empty (the placeholder and help say what to type) or refused
            _keep(text or "", [], step_formula)
            return None
        st.latex(act.formula)
        st.latex(act.derivative_formula)
        values = []
        for p in act.params:
            value = st.slider(p.name, float(p.min), float(p.max), float(p.default),
                              float(p.step), key=param_key(p.name),
                              help=t("custom.param_help", name=p.name), bind="query-params")
            values.append((p.name, float(value)))
    _keep(text, values, step_formula)
    # The registry-like name and a translated label; the typed text is no label.
    shown = dataclasses.replace(act, name=CHOICE, label=t("custom.name"), reference="")
    return Formula(text, shown, tuple(values))


# ---------------------------------------------------------------- values


def activation(text: str) -> Activation:
    """The activation for ``text`` (already validated by `formula_box`), for cached functions."""
    return parse_activation(text)


def values_note(formula: Formula, x) -> None:
    """A warning for each of f and f' that overflows or is undefined somewhere on ``x``."""
    for what, derivative in (("what_f", False), ("what_df", True)):
        report = evaluate_report(formula.act, x, derivative=derivative, **formula.kwargs)
        total = int(np.size(report.values))
        if report.overflow:
            st.warning(t("custom.overflow", what=t(f"custom.{what}"), n=report.overflow,
                         total=total), icon=":material/warning:")
        if report.undefined:
            st.warning(t("custom.undefined", what=t(f"custom.{what}"), n=report.undefined,
                         total=total), icon=":material/warning:")


def _finite(a: np.ndarray) -> np.ndarray:
    """Non-finite values become NaN: gaps in a Plotly line, not a spike to inf."""
    return np.where(np.isfinite(a), a, np.nan).astype(a.dtype)


@st.cache_data(show_spinner=False, max_entries=64)
def overview(text: str, params: tuple, xmin: float, xmax: float, n: int) -> explore.Overview:
    """`explore.overview` of the formula ``text`` (cached on the text, not the object)."""
    curve = explore.Curve(activation(text), params)
    with np.errstate(all="ignore"):  # inf/NaN are reported by `values_note`, not warned
        info = explore.overview(curve, explore.Grid(xmin, xmax, n))
    s = info.sample
    sample = dataclasses.replace(s, f=_finite(s.f), df=_finite(s.df))
    return dataclasses.replace(info, sample=sample)

"""Check a shared link's query parameters before the bound widgets read them.

Widgets bound with ``bind="query-params"`` read the URL as the run starts, and what they do
with a bad value varies: most drop it silently, a repeated key gives its last value, and a
bound integer ``st.number_input`` even raises on ``1e400``. So each page lists what its keys
may hold (`number`, `choice`, `choices`) and calls `guard` before drawing any widget: bad
values are taken out of the URL and the page reruns once, so every widget starts from its
default, and the warnings are shown after that rerun. A warning names the parameter and
what was expected, never the value itself, so nothing a stranger typed is rendered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import streamlit as st
from streamlit.errors import StreamlitAPIException

from .i18n import t

MAX_RAW_LENGTH = 200  # longer values are rejected unread
NOTES = "_link_notes"  # {a guard's scope: its warnings}, kept in session state over reruns
# What a bound toggle accepts from a link (and writes: "true"/"false"), for `choice`.
BOOLS = ("true", "false", "True", "False", "TRUE", "FALSE")


def parse_number(raw: str, lo: float, hi: float, integer: bool = False) -> float | int | None:
    """``raw`` as a finite number in [lo, hi] (an int if ``integer``), else None."""
    if not isinstance(raw, str) or not raw or len(raw) > MAX_RAW_LENGTH:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value) or not lo <= value <= hi:
        return None
    if integer:
        if value != int(value):
            return None
        return int(value)
    return value


def raw_values(key: str) -> list[str]:
    """Every value the URL gives for ``key`` (repeated keys give several)."""
    return st.query_params.get_all(key)


def _num(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


@dataclass(frozen=True)
class Rule:
    """What one URL key may hold. Build it with `number`, `choice` or `choices`."""

    key: str
    default: object = None
    lo: float = 0.0
    hi: float = 0.0
    integer: bool = False
    options: tuple = ()
    repeated: bool = False  # several values allowed (a multiselect), each in ``options``
    message: str = ""  # the warning to show instead of the generic one (already translated)

    def ok(self) -> bool:
        values = raw_values(self.key)
        if not values:
            return True
        if self.repeated:
            return all(v in self.options for v in values)
        if len(values) > 1:  # Streamlit would silently take the last one
            return False
        if self.options:
            return values[0] in self.options
        return parse_number(values[0], self.lo, self.hi, self.integer) is not None

    def note(self) -> str:
        if self.message:
            return self.message
        if self.repeated:
            return t("common.bad_choices", name=self.key)
        if self.options:
            return t("common.bad_choice", name=self.key, default=self.default)
        return t("common.bad_number", name=self.key, lo=_num(self.lo), hi=_num(self.hi),
                 default=_num(self.default))


def number(key: str, lo: float, hi: float, default, integer: bool = False) -> Rule:
    """One finite number in [lo, hi] (a whole one if ``integer``)."""
    return Rule(key, default, lo, hi, integer)


def choice(key: str, options: Iterable[str], default, message: str = "") -> Rule:
    """Exactly one of ``options`` (as the URL spells them). ``message`` replaces the generic
    warning, e.g. to name a readable default rather than its code name."""
    return Rule(key, default, options=tuple(options), message=message)


def choices(key: str, options: Iterable[str]) -> Rule:
    """Any number of values, each one of ``options`` (a repeated key)."""
    return Rule(key, options=tuple(options), repeated=True)


def guard(scope: str, rules: Iterable[Rule], notes: Iterable[str] = ()) -> list[str]:
    """Take a link's bad values out of the URL, rerun once, and warn about them.

    Call it before the page creates any bound widget. ``scope`` names the page (its
    warnings wait in session state until a run ends, `forget_notes`); ``notes`` are the
    page's own warnings about the same link, shown with these. Returns the warnings shown.
    """
    kept = st.session_state.get(NOTES, {})
    notes = kept.get(scope, []) + list(notes)
    bad = [rule for rule in rules if not rule.ok()]
    # The texts first, so the URL is untouched until every note is written.
    notes = list(dict.fromkeys(notes + [rule.note() for rule in bad]))  # each once
    removed = False
    for rule in bad:
        try:
            del st.query_params[rule.key]
            removed = True
        except StreamlitAPIException:
            pass  # already bound on this page: Streamlit itself discards bad values
    if notes:  # until a run that shows them ends (forget_notes): any rerun keeps them
        st.session_state[NOTES] = {**kept, scope: notes}
    if removed:
        st.rerun()
    for note in notes:
        st.warning(note, icon=":material/warning:")
    return notes


def forget_notes() -> None:
    """The end of a run that drew the page (app.py): its link warnings were shown, and
    the next run starts without them. Until then `guard` keeps them over every rerun: the
    frame's own (lang, present, tour) were lost when the page's guard reran for a value of
    its own, and so were a page's when present=1 reran."""
    # (One key: going through st.session_state's keys reads every widget's value.)
    st.session_state.pop(NOTES, None)


def write(key: str, value, default) -> None:
    """Put ``value`` in the URL under ``key`` as a bound widget would: nothing for the
    default, a repeated parameter for a list or tuple (``act=relu&act=tanh``), and no write
    when the URL says it already (each write is a message to the browser). For values kept
    in the link by hand, which a bound widget would write as their shown label."""
    many = isinstance(default, (list, tuple))
    if many:
        value, default = list(value or ()), list(default)
    if value == default:
        st.query_params.pop(key, None)  # no message when it is not there
    elif (st.query_params.get_all(key) if many else st.query_params.get(key)) != value:
        st.query_params[key] = value


def follow(key: str, options: Iterable[str], default: str):
    """Keep a widget that shows readable names (``format_func``) in step with ``key`` in the
    URL, which holds the code name. Call it before drawing the widget (without ``index``
    and without ``bind``) and pass the returned callback as its ``on_change``.

    A bound widget would write its shown label into the URL (``dataset=XOR`` instead of
    ``dataset=xor``), breaking shared links. So the link's value (checked by `guard`
    before) becomes the widget's first value, and a change writes the code back; the
    default is left out of the URL, as a bound widget does.
    """
    options = tuple(options)
    if key not in st.session_state:
        linked = st.query_params.get(key)
        st.session_state[key] = linked if linked in options else default

    def changed() -> None:
        value = st.session_state.get(key)
        write(key, value if value in options else default, default)

    return changed


# Community Cloud shows the app inside a page of its own, framing the app's own address
# with this path added (https://name.streamlit.app/~/+/tour): the visitor's address bar has
# it without.
CLOUD_FRAME = "/~/+"


def app_address(page_path: str) -> str | None:
    """The app's address as the visitor's browser has it, ending in "/" (for a link to
    paste into slides): ``st.context.url`` less this page's own path (``page_path``) and
    Community Cloud's frame, such as ``https://host/ae/``. None when the browser did not
    say (a page run alone, as under AppTest) or said something that is not a web address.
    """
    url = st.context.url
    if not url or not url.startswith(("http://", "https://")) or len(url) > 2000:
        return None
    url = url.rstrip("/")
    if page_path and url.endswith("/" + page_path):
        url = url[: -len(page_path) - 1]
    return url.removesuffix(CLOUD_FRAME) + "/"

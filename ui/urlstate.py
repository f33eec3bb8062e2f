"""Check a shared link's query parameters before the bound widgets read them.

Widgets bound with ``bind="query-params"`` silently drop values they can't take. These
checks run first and say so on the page, naming the parameter and what was expected (never
echoing the value itself, so nothing a stranger typed is rendered). Parsing is strict:
only plain finite decimal numbers, only known names.
"""

from __future__ import annotations

import math

import streamlit as st

from .i18n import t

MAX_RAW_LENGTH = 200  # longer values are rejected unread


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


def check_number(key: str, lo: float, hi: float, default, integer: bool = False) -> bool:
    """Warn when the URL's ``key`` is present but not one number in [lo, hi]."""
    values = raw_values(key)
    if not values:
        return True
    if len(values) == 1 and parse_number(values[0], lo, hi, integer) is not None:
        return True
    st.warning(t("common.bad_number", name=key, lo=lo, hi=hi, default=default), icon="⚠️")
    return False


def check_choice(key: str, options, default) -> bool:
    """Warn when the URL's ``key`` is present but not exactly one of ``options``."""
    values = raw_values(key)
    if not values or (len(values) == 1 and values[0] in options):
        return True
    st.warning(t("common.bad_choice", name=key, default=default), icon="⚠️")
    return False


def check_choices(key: str, options) -> bool:
    """Warn when the URL's repeated ``key`` names anything outside ``options``."""
    values = raw_values(key)
    if all(v in options for v in values):
        return True
    st.warning(t("common.bad_choices", name=key), icon="⚠️")
    return False

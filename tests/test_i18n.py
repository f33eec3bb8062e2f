"""Every text catalog has the same keys and placeholders in English and Korean."""

import importlib
import pkgutil
import string

import pytest

import ui.text

MODULES = sorted(m.name for m in pkgutil.iter_modules(ui.text.__path__))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_there_are_catalogs():
    assert {"common", "home", "app"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_catalog_keys_and_placeholders_match(module):
    mod = importlib.import_module(f"ui.text.{module}")
    en, ko = mod.EN, mod.KO
    assert set(en) == set(ko), f"keys only in EN: {set(en) - set(ko)}; only in KO: {set(ko) - set(en)}"
    for key in en:
        assert isinstance(en[key], str) and en[key].strip(), key
        assert isinstance(ko[key], str) and ko[key].strip(), key
        assert _fields(en[key]) == _fields(ko[key]), f"{module}.{key}: placeholders differ"

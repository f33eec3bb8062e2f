"""The formula box's refusals as a person reads them: code and symbols shown literally.

Streamlit renders the messages as Markdown, where ``*`` is emphasis: "write products with
*, e.g. 2*x" once read "write products with , e.g. 2x". Here the rendered alert's own text
(``innerText``) is read in Chromium, in English and in Korean.
"""

from __future__ import annotations

import pytest

from .conftest import open_page, screenshot, wait_idle

pytestmark = pytest.mark.browser

BOX = '.st-key-expr input'
ALERT = '[data-testid="stSidebar"] [data-testid="stAlert"]'


@pytest.mark.parametrize("lang, typed, expected", [
    ("en", "2x", "write products with *, e.g. 2*x)"),
    ("ko", "2x", "곱셈은 2*x처럼 *로 씁니다)"),
    ("en", "x^2", "and + - * / ( ) . , only; write powers as **)"),
    ("en", "e**x", "e is not a parameter: for Euler's number write exp(...)"),
])
def test_refusal_shows_code_and_symbols_as_typed(server, page, lang, typed, expected):
    page.set_default_timeout(90_000)  # the curves page's first run on a busy shared machine
    open_page(page, f"{server}/curves?lang={lang}")
    page.locator(BOX).fill(typed)
    page.locator(BOX).press("Enter")
    page.wait_for_selector(ALERT)
    wait_idle(page)
    text = page.locator(ALERT).first.inner_text()
    assert expected in text, text
    # the icon is a Material Symbols ligature, not an emoji that needs an emoji font
    icon = page.locator(f'{ALERT} [data-testid="stAlertDynamicIcon"]')
    assert icon.count() == 1 and icon.inner_text() == "block"  # the ligature's name
    screenshot(page, f"formula-error-{lang}-{typed.replace('^', 'pow').replace('*', 'star')}",
               full_page=False)

"""Lazy tabs (softmax, training lab): a tab click runs only that tab, and the address
follows it, so a copied link opens the same tab."""

from __future__ import annotations

import pytest

from tests.browser.conftest import charts, open_page, wait_idle

pytestmark = pytest.mark.browser


def test_the_address_follows_the_open_tab(server, page):
    open_page(page, f"{server}/softmax?T=2")
    assert set(charts(page)) == {"views", "logit_sweep", "animation"}
    page.get_by_role("tab", name="Binary").click()
    page.wait_for_url("**tab=binary**")
    wait_idle(page)
    # The binary tab does not read the temperature (its panel is not drawn there).
    assert set(charts(page)) == {"binary_chart"}
    page.get_by_role("tab", name="Softmax & temperature").click()
    page.wait_for_url(lambda url: "tab=" not in url)  # the first tab needs no parameter
    wait_idle(page)
    assert set(charts(page)) == {"views", "logit_sweep", "animation"}
    assert "T=2" in page.url  # the temperature set before is still there

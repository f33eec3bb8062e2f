"""On a phone, the panel of controls above a page's charts starts folded.

A desktop shows it open above the charts. A phone stacks its columns: the playground's
three made three screens of controls above the network, the training lab's two screens,
and softmax's logit sliders a screen and a half above each tab's own controls and charts.
`ui.frame.on_phone` keeps the browser's word under ``_phone`` (the ``apptest`` fixture's
``phone``).
(The explorer's controls are in the sidebar, which a phone folds by itself:
tests/test_page_curves.py checks the caption that says where they are.)
"""

from __future__ import annotations

import pytest

from ui.i18n import catalog

# page: (its catalog, the panel's label key, a query that keeps AppTest quick)
PANELS = {
    "playground": ("network", "settings", {"steps": "50", "points": "100"}),
    "training": ("training", "settings", {"steps": "200"}),
    "softmax": ("softmax", "controls", {}),
}


@pytest.mark.parametrize("phone", [False, True])
@pytest.mark.parametrize("page", list(PANELS))
def test_the_controls_above_the_charts_fold_on_a_phone(apptest, page, phone):
    texts, key, query = PANELS[page]
    at = apptest(f"pages/{page}.py", phone=phone, query=query)
    assert not at.exception
    (panel,) = [e for e in at.expander if e.label == catalog(texts, "en")[key]]
    assert panel.proto.expanded is not phone

"""Every chart has a name for a screen reader (`ui.frame.chart`'s ``alt``), in the page's
language, saying what this chart shows: a picture alone says nothing to a student who
cannot see it."""

from __future__ import annotations

import re

import pytest

from ui.text.gradient_flow import EN as GF_EN, KO as GF_KO

# Every chart of every page, each in a view that draws it: (page, query, chart keys).
VIEWS = [
    ("home", {}, {"gallery"}),
    ("curves", {}, {"chart_f", "chart_df"}),
    ("curves", {"fn": ["sigmoid", "relu"], "scale": "true", "diff": "true"},
     {"chart_f", "chart_df", "chart_scale", "chart_diff"}),
    ("curves", {"fn": "softplus", "sweep": "beta"}, {"chart_sweep"}),
    ("gradient_flow", {}, {"gf_grad", "gf_box", "gf_frac"}),
    ("gradient_flow", {"heat": True}, {"gf_heat"}),
    ("playground", {}, {"playground"}),
    ("softmax", {"tab": "softmax"}, {"views", "logit_sweep", "animation"}),
    ("softmax", {"tab": "target"}, {"target_chart", "loss_curve"}),
    ("softmax", {"tab": "example"}, {"example_chart"}),
    ("softmax", {"tab": "binary"}, {"binary_chart"}),
    ("softmax", {"tab": "regression"}, {"regression_chart", "outlier_chart"}),
    ("training", {"steps": "200"}, {"boundary", "curves"}),
    ("training", {"tab": "compare", "steps": "200"},
     {"compare_boundary_0", "compare_boundary_1", "compare_curves"}),
    ("training", {"tab": "zigzag"}, {"zigzag_positive", "zigzag_centred"}),
    ("training", {"tab": "race", "race_steps": "60"}, {"race"}),
]
HANGUL = re.compile("[\uac00-\ud7a3]")


def _drawn(apptest, page, query, lang):
    if query.get("heat"):  # the visitor has opened the histograms
        at = apptest(f"pages/{page}.py", lang=lang, run=False)
        at.session_state["dist_tab"] = (GF_KO if lang == "ko" else GF_EN)["tab_heat"]
        at.run()
    else:
        at = apptest(f"pages/{page}.py", lang=lang, query=query)
    assert not at.exception
    return {chart.proto.id.rsplit("-", 1)[-1]: chart.proto.alt
            for chart in at.get("plotly_chart")}


@pytest.mark.parametrize(("page", "query", "keys"), VIEWS,
                         ids=[f"{p}-{'-'.join(map(str, q.values())) or 'default'}"
                              for p, q, _ in VIEWS])
def test_every_chart_is_named_in_the_page_language(apptest, page, query, keys):
    en, ko = (_drawn(apptest, page, query, lang) for lang in ("en", "ko"))
    assert keys <= en.keys() and keys <= ko.keys(), (sorted(en), sorted(ko))
    for key in keys:
        assert en[key] and ko[key], key
        assert en[key] != ko[key], key  # translated, not the English one in both
        assert HANGUL.search(ko[key]), (key, ko[key])
        assert not HANGUL.search(en[key]), (key, en[key])
        for name in (en[key], ko[key]):
            assert "{" not in name and "}" not in name, name  # every field filled in
            assert name.strip() == name and name.endswith("."), name

"""activations.numfmt: the one number format of the app, against written-out cases; and the
pages and the tour, which write no e-notation where a student reads."""

from __future__ import annotations

import doctest
import math
import re

import pytest
from hypothesis import given, strategies as st

from activations import numfmt, tour
from activations.numfmt import fmt, fmt_chart, fmt_list, fmt_power, fmt_text
from tests.conftest import read_number, tour_query
from ui.text import tour as tour_text

CASES = [
    (0.408529, 4, "0.4085"),
    (0.4085, 4, "0.4085"),
    (1.2e-14, 2, "1.2e-14"),
    (9e-14, 4, "9e-14"),
    (123456789.0, 4, "1.235e+08"),
    (-0.0, 4, "0"),
    (0.0, 4, "0"),
    (1e-4, 4, "0.0001"),
    (9.99e-5, 4, "9.99e-05"),
    (9.99996, 4, "10"),  # rounds up across a power of ten
    (999999.6, 4, "1e+06"),  # rounds up into scientific notation
    (2.0, 4, "2"),
    (-1234.5678, 4, "-1235"),
    (0.1 + 0.2, 4, "0.3"),
    (5e-324, 3, "4.94e-324"),
    (-1.7976931348623157e308, 3, "-1.8e+308"),
    (float("nan"), 4, "nan"),
    (float("inf"), 4, "inf"),
    (float("-inf"), 4, "-inf"),
]


@pytest.mark.parametrize(("x", "digits", "text"), CASES)
def test_written_out_cases(x, digits, text):
    assert fmt(x, digits) == text


def test_doctest():
    assert doctest.testmod(numfmt).failed == 0


@pytest.mark.parametrize(("x", "digits", "text"), [
    (-2.4385, 3, "\u22122.44"), (0.644, 3, "0.644"), (-1e-20, 2, "\u221210\u207b\u00b2\u2070"),
    (3.7e-5, 2, "3.7\u00d710\u207b\u2075"), (-0.0, 3, "0"), (float("-inf"), 3, "\u2212inf")])
def test_a_chart_writes_a_true_minus_sign(x, digits, text):
    # U+2212, as Plotly writes its tick labels; no hyphen-minus left anywhere in the text
    assert fmt_chart(x, digits) == text
    assert "-" not in fmt_chart(x, digits)


@pytest.mark.parametrize(("x", "digits", "text"), [
    (2e-8, 4, "2\u00d710<sup>\u22128</sup>"), (1e-8, 4, "10<sup>\u22128</sup>"),
    (9.99e-5, 4, "9.99\u00d710<sup>\u22125</sup>"), (1.2345e12, 3, "1.23\u00d710<sup>12</sup>"),
    (-3e-7, 1, "\u22123\u00d710<sup>\u22127</sup>"), (1e6, 4, "10<sup>6</sup>"),
    (0.07, 4, "0.07"), (1e-4, 4, "0.0001"), (999999.0, 6, "999999"), (-0.5, 2, "\u22120.5")])
def test_a_log_tick_writes_a_power_of_ten(x, digits, text):
    # Plotly's markup for its own powers of ten, with a true minus, 1.25 times the tick font
    # as Plotly draws them; plain decimals as fmt_chart
    if "<sup>" in text:
        text = f'<span style="font-size:125%">{text}</span>'
    assert fmt_power(x, digits) == text


@pytest.mark.parametrize(("x", "digits", "text"), [
    (5.636e-5, 4, "5.636\u00d710\u207b\u2075"), (1e-5, 4, "10\u207b\u2075"),
    (-1e300, 4, "-10\u00b3\u2070\u2070"), (-2.5e-17, 2, "-2.5\u00d710\u207b\u00b9\u2077"),
    (1.2345e12, 3, "1.23\u00d710\u00b9\u00b2"), (999999.6, 4, "10\u2076"),
    (4.56789e8, 3, "4.57\u00d710\u2078"),
    (0.25, 4, "0.25"), (-0.5, 2, "-0.5"), (1e-4, 4, "0.0001"), (-0.0, 4, "0"),
    (float("nan"), 4, "nan"), (float("-inf"), 4, "-inf")])
def test_text_writes_a_power_of_ten_in_superscripts(x, digits, text):
    # every superscript digit and its minus (U+207B), never "e-05"; plain decimals as fmt
    assert fmt_text(x, digits) == text


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(1, 8))
def test_text_is_the_same_number_as_fmt(x, digits):
    # read back by hand (mantissa × 10 ** superscript): fmt's number; fmt's very text where
    # that is a plain decimal
    plain, text = fmt(x, digits), fmt_text(x, digits)
    assert text == plain if "e" not in plain else "e" not in text
    assert read_number(text) == float(plain)


def test_list():
    assert fmt_list([1.0, 0.5, 1e-20]) == "1, 0.5, 1e-20"


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(1, 8))
def test_never_a_row_of_zeros_and_round_trips(x, digits):
    text = fmt(x, digits)
    assert "0000000000" not in text and "E" not in text
    # The text reads back as x to the digits asked for (near the float maximum the rounded
    # mantissa, e.g. 2e+308, is past it and reads back as inf).
    back = float(text)
    assert math.isinf(back) or math.isclose(back, x, rel_tol=10.0 ** (1 - digits))
    # Trailing zeros of a whole number ("20") are not significant digits.
    significant = text.lstrip("-").split("e")[0].replace(".", "").strip("0")
    assert len(significant) <= digits


@pytest.mark.parametrize("span, most, unit, stride", [
    (200, 30, 1, 10), (600, 30, 1, 20), (20, 30, 1, 1), (37, 30, 1, 2), (140, 30, 1, 5),
    (6, 50, 0.1, 0.2), (1, 50, 0.01, 0.02), (1, 50, 0.05, 0.05), (29.9, 50, 0.1, 1),
])
def test_round_stride_is_the_finest_round_multiple_of_the_unit_that_fits(span, most, unit,
                                                                          stride):
    """Written-out cases: 200 steps in at most 30 frames go by 10 (20 gaps; 5 would need
    40); a slider stepping by 0.05 cannot stride by 0.02; 29.9 / 50 = 0.598 needs 1, as
    0.5 is too fine and there is no 0.6 (1, 2 or 5 times a power of ten only)."""
    assert numfmt.round_stride(span, most, unit) == pytest.approx(stride, rel=1e-12)


# --- the pages: every number a student reads, as fmt_text writes it ---

E_NOTATION = re.compile(r"\d(?:\.\d+)?e[+-]\d\d")


def _texts(at) -> list[str]:
    """Every text a visitor reads on the page: sentences, tables' cells, metrics."""
    texts = [str(el.value) for kind in ("caption", "markdown", "info", "warning", "error")
             for el in getattr(at, kind)]
    texts += [str(v) for frame in (*at.dataframe, *at.table)
              for v in frame.value.to_numpy().ravel()]
    texts += [str(m.proto.body) for m in at.get("metric")]
    return texts


@pytest.mark.parametrize("step_id", [s.id for s in tour.STEPS])
def test_no_page_of_the_tour_writes_e_notation(apptest, step_id):
    # 8.1e-17 (the linear collapse), 2.06e-09 (softmax at T = 0.1), the gradient tables:
    # each now a power of ten where the page shows it
    step = tour.step(step_id)
    at = apptest(f"pages/{step.page}.py", query=tour_query(step_id))
    assert not at.exception
    assert [m for text in _texts(at) for m in E_NOTATION.findall(text)] == []


@pytest.mark.parametrize("texts", [tour_text.EN, tour_text.KO])
def test_no_tour_caption_writes_e_notation(texts):
    # the banner's own numbers (step 8 said "5.6e-05" beside the table's 5.636×10⁻⁵)
    assert {k: v for k, v in texts.items() if E_NOTATION.search(v)} == {}

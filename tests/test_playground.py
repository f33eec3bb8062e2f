"""activations.playground and activations.figures.softmax: parsing, sweeps, demo helpers.

Reference values come from closed forms (the seeds' example is exact in powers of 2)
and from mpmath at 30 digits, never from the functions under test.
"""

import json
import math

import mpmath
import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activations import playground as pg
from activations.figures import softmax as figs
from tests.conftest import assert_stacked, read_number
from tests.test_figures import _decode

LN2 = math.log(2)


def _mp_softmax(z, temperature=1.0):
    """Softmax at 30 digits: the independent reference."""
    with mpmath.workdps(30):
        e = [mpmath.exp(mpmath.mpf(v) / temperature) for v in z]
        total = mpmath.fsum(e)
        return [float(x / total) for x in e]


# --- parse_logits -----------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("1, 3, 0, 2", [1, 3, 0, 2]),
    ("1,3,0,2", [1, 3, 0, 2]),
    ("  -0.5 ,+2e3 ", [-0.5, 2000]),
    (".5, 5., -1E-2", [0.5, 5.0, -0.01]),
    ("1e4, -1e4", [1e4, -1e4]),
    (",".join(["7"] * 10), [7] * 10),
    # a minus pasted from slides or a chart label, an en dash, a Korean full-width minus
    ("\u22121, 2, \u22120.5e\u22121", [-1, 2, -0.05]),
    ("\u20132, 3", [-2, 3]),
    ("\uff0d1.5, 0", [-1.5, 0]),
])
def test_parse_logits_accepts_plain_numbers(text, expected):
    values = pg.parse_logits(text)
    assert values.dtype == np.float64
    np.testing.assert_array_equal(values, expected)


def test_parse_logits_negative_zero_becomes_zero():
    values = pg.parse_logits("-0, 1")
    assert math.copysign(1.0, values[0]) == 1.0


@pytest.mark.parametrize("text, reason, item", [
    ("", "empty", None),
    ("   ", "empty", None),
    (None, "empty", None),
    (12, "empty", None),
    ("1," * 150 + "1", "too_long", None),
    (",".join(["1"] * 11), "too_many", None),
    ("5", "too_few", None),
    ("1,,2", "empty_item", 2),
    ("1, 2,", "empty_item", 3),
    ("1, abc, 3", "not_a_number", 2),
    ("1, 2\u22123", "not_a_number", 2),  # a minus read as "-" is still no subtraction
    ("1, \u2212\u22122", "not_a_number", 2),
    ("<script>alert(1)</script>, 1", "not_a_number", 1),
    ("1_000, 2", "not_a_number", 1),
    ("0x10, 2", "not_a_number", 1),
    ("١, 2", "not_a_number", 1),  # Arabic-Indic digit: float() would take it
    ("1, nan", "not_finite", 2),
    ("-inf, 1", "not_finite", 1),
    ("Infinity, 1", "not_finite", 1),
    ("1, 1e308", "too_large", 2),
    ("1, 1e999", "too_large", 2),  # float() gives inf: still "too large", not a crash
    ("10000.001, 0", "too_large", 1),
])
def test_parse_logits_rejects_with_reason(text, reason, item):
    with pytest.raises(pg.InputError) as info:
        pg.parse_logits(text)
    assert info.value.reason == reason
    assert info.value.item == item


def test_parse_error_never_contains_the_text():
    with pytest.raises(pg.InputError) as info:
        pg.parse_logits("1, <b>evil</b>")
    assert "evil" not in str(info.value) and "<" not in str(info.value)


def test_too_many_counts_items():
    with pytest.raises(pg.InputError) as info:
        pg.parse_logits(",".join(["1"] * 12))
    assert info.value.count == 12


logit_lists = st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=2, max_size=10)


@given(logit_lists)
@settings(deadline=None)  # a loaded CI machine must not turn a pause into a failure
def test_format_then_parse_round_trips_to_six_digits(values):
    text = pg.format_logits(values)
    assert len(text) <= pg.MAX_TEXT_LENGTH
    back = pg.parse_logits(text)
    np.testing.assert_allclose(back, values, rtol=1e-5, atol=1e-300)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_parse_logits_never_crashes(text):
    try:
        values = pg.parse_logits(text)
    except pg.InputError:
        return
    assert 2 <= values.size <= 10
    assert np.all(np.isfinite(values)) and np.all(np.abs(values) <= 1e4)


# --- parse_target -----------------------------------------------------------------------


def test_target_class_number_is_one_hot():
    np.testing.assert_array_equal(pg.parse_target("2", 4), [0, 1, 0, 0])
    np.testing.assert_array_equal(pg.parse_target(" 4.0 ", 4), [0, 0, 0, 1])


def test_target_weights_are_normalised():
    np.testing.assert_allclose(pg.parse_target("2, 1, 1", 3), [0.5, 0.25, 0.25], rtol=1e-15)
    np.testing.assert_allclose(pg.parse_target("0.7,0.1,0.1,0.1", 4), [0.7, 0.1, 0.1, 0.1])


@pytest.mark.parametrize("text, n, reason", [
    ("0", 4, "no_such_class"),
    ("5", 4, "no_such_class"),
    ("1.5", 4, "no_such_class"),
    ("-1", 4, "no_such_class"),
    ("nan", 4, "not_finite"),
    ("cat", 4, "not_a_number"),
    ("0.5, 0.5", 4, "wrong_count"),
    ("1, -1, 1, 1", 4, "negative"),
    ("0, 0, 0", 3, "zero_sum"),
    ("", 3, "empty"),
])
def test_target_rejects_with_reason(text, n, reason):
    with pytest.raises(pg.InputError) as info:
        pg.parse_target(text, n)
    assert info.value.reason == reason


def test_true_class():
    assert pg.true_class([0.0, 1.0, 0.0]) == 1
    assert pg.true_class([0.5, 0.5, 0.0]) is None
    assert pg.true_class([1.0, 1.0]) is None


# --- names and the class table ----------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("cat", "cat"),
    ("  big   dog ", "big dog"),
    ("<b>x</b>", "bxb"),
    ("**bold** [link](http://x)", "bold linkhttpx"),
    ("- item", "item"),
    (":material/home: $x$", "materialhome x"),
    ("고양이", "고양이"),
    ("a" * 50, "a" * 20),
    ("<>*_", "fallback"),
    ("", "fallback"),
    (None, "fallback"),
    (3, "fallback"),
])
def test_sanitize_name(name, expected):
    assert pg.sanitize_name(name, "fallback") == expected


@given(st.text(max_size=60))
@settings(deadline=None)
def test_sanitized_names_hold_only_safe_characters(name):
    out = pg.sanitize_name(name, "x")
    assert 1 <= len(out) <= pg.MAX_NAME_LENGTH
    assert all(c.isalnum() or c in " -" for c in out)
    assert not out.startswith(("-", " "))


def test_fit_names_pads_and_cuts():
    defaults = ["class 1", "class 2", "class 3"]
    assert pg.fit_names(["a", None], defaults) == ["a", "class 2", "class 3"]
    assert pg.fit_names(["a", "b", "c", "d"], defaults) == ["a", "b", "c"]
    assert pg.fit_names(None, defaults) == defaults


DEFAULT_NAMES = [f"class {k}" for k in range(1, 11)]


def test_table_edits_change_rename_add_delete():
    names, values = ["a", "b", "c"], [1.0, 2.0, 3.0]
    edits = {"edited_rows": {0: {"logit": 5.0}, 2: {"name": "<i>see</i>"}},
             "added_rows": [{"name": "d", "logit": -1.0}, {}],
             "deleted_rows": [1]}
    new_names, new_values = pg.apply_table_edits(names, values, edits, DEFAULT_NAMES)
    assert new_names == ["a", "iseei", "d", "class 4"]  # tags lose their brackets
    np.testing.assert_array_equal(new_values, [5.0, 3.0, -1.0, 0.0])


@pytest.mark.parametrize("edits, reason", [
    ({"deleted_rows": [0, 1]}, "too_few"),
    ({"added_rows": [{"logit": 1.0}] * 8}, "too_many"),
    ({"edited_rows": {"1": {"logit": 2e4}}}, "too_large"),
    ({"edited_rows": {"1": {"logit": float("inf")}}}, "not_finite"),
    ({"edited_rows": {"1": {"logit": "x"}}}, "not_a_number"),
])
def test_table_edits_rejected(edits, reason):
    with pytest.raises(pg.InputError) as info:
        pg.apply_table_edits(["a", "b", "c"], [1.0, 2.0, 3.0], edits, DEFAULT_NAMES)
    assert info.value.reason == reason


def test_table_edits_blank_logit_is_zero_and_unknown_rows_ignored():
    edits = {"edited_rows": {"0": {"logit": None}, "7": {"logit": 1.0}}}
    _, values = pg.apply_table_edits(["a", "b"], [1.0, 2.0], edits, DEFAULT_NAMES)
    np.testing.assert_array_equal(values, [0.0, 2.0])


# --- temperature grid -------------------------------------------------------------------


def test_temperature_grid():
    grid = np.array(pg.TEMPERATURES)
    assert grid.size == 41 and grid[0] == 0.01 and grid[-1] == 100.0
    assert pg.DEFAULT_TEMPERATURE in pg.TEMPERATURES
    ratios = grid[1:] / grid[:-1]
    assert np.all(ratios > 1.15) and np.all(ratios < 1.36)  # roughly log-uniform
    labels = [pg.format_temperature(v) for v in grid]
    assert len(set(labels)) == 41
    assert all(len(label) <= 5 for label in labels)  # 0.012, 100: clean in a link
    assert all(float(label) == v for label, v in zip(labels, grid))


@pytest.mark.parametrize("value, expected", [
    (1.0, 1.0), (0.33, 0.3), (0.36, 0.4), (7.2, 8.0), (1e-9, 0.01), (1e9, 100.0),
])
def test_snap_temperature(value, expected):
    assert pg.snap_temperature(value) == expected


# --- softmax views and the temperature sweep --------------------------------------------


def test_seeds_soft_argmax():
    views = pg.softmax_views([1, 3, 0, 2], 1.0)
    np.testing.assert_allclose(views.softmax, _mp_softmax([1, 3, 0, 2]), rtol=1e-13)
    np.testing.assert_allclose(views.softmax, [0.087, 0.644, 0.032, 0.237], atol=5e-4)
    np.testing.assert_array_equal(views.argmax, [0, 1, 0, 0])
    np.testing.assert_allclose(views.softmin, _mp_softmax([-1, -3, 0, -2]), rtol=1e-13)
    np.testing.assert_allclose(views.log_softmax, np.log(_mp_softmax([1, 3, 0, 2])), rtol=1e-13)
    assert views.max_entropy == pytest.approx(math.log(4), rel=1e-15)


@pytest.mark.parametrize("temperature", [0.01, 0.3, 1.0, 7.0, 100.0])
def test_views_match_mpmath_at_any_temperature(temperature):
    z = [0.5, -1.0, 2.0, 0.0]
    views = pg.softmax_views(z, temperature)
    np.testing.assert_allclose(views.softmax, _mp_softmax(z, temperature), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("z", [[1e4, -1e4], [1e4, -1e4, 0, 9999.5], [-1e4] * 10])
def test_views_are_finite_at_extremes(z):
    views = pg.softmax_views(z, 0.01)
    for arr in (views.softmax, views.softmin, views.log_softmax):
        assert np.all(np.isfinite(arr))
    assert views.softmax.sum() == pytest.approx(1.0)
    assert math.isfinite(views.entropy)


def test_argmax_takes_the_first_on_a_tie():
    np.testing.assert_array_equal(pg.argmax_one_hot([2, 5, 5]), [0, 1, 0])


@pytest.mark.parametrize(("z", "temperature", "case"), [
    ([1, 3, 0, 2], 1.0, "soft"),
    ([1, 3, 0, 2], 0.01, "soft"),  # 3.7e-44, 1.4e-87, 5.1e-131: small, not 0
    ([2, 1.9, 0.5], 1.0, "soft"),
    ([1, 1, 1, 1], 1.0, "tie"),  # the preset "Four-way tie"
    ([2, 5, 5], 0.01, "tie"),  # tied for the largest: argmax takes the first of them
    ([5, 5, -1e4], 1.0, "tie"),
    ([1e4, -1e4, 0], 1.0, "saturated"),  # the preset "Extreme": e^-10000 is 0 in float64
    ([1, 10, 0, 2], 0.01, "saturated"),  # e^-800 is 0 in float64
])
def test_soft_argmax_case_names_what_the_numbers_show(z, temperature, case):
    """The sentence beside [argmax] and [softmax] said "the largest logit still gets the
    most, but the others keep some probability" beside [1, 0, 0] (extreme logits) and
    beside four equal shares (a tie): the case says which sentence fits."""
    views = pg.softmax_views(z, temperature)
    assert pg.soft_argmax_case(z, views.softmax) == case
    if case == "saturated":  # softmax prints argmax's own vector
        np.testing.assert_array_equal(views.softmax, views.argmax)
    if case == "tie":  # the tied classes get equal shares, argmax only the first
        top = np.flatnonzero(np.asarray(z) == max(z))
        np.testing.assert_allclose(views.softmax[top], views.softmax[top[0]], rtol=1e-15)
        assert views.argmax[top[0]] == 1 and not views.argmax[top[1:]].any()


def test_sweep_goes_from_one_hot_to_uniform():
    probs, entropies = pg.temperature_sweep([1, 3, 0, 2])
    assert probs.shape == (41, 4)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-14)
    assert probs[0, 1] > 0.999999  # T = 0.01: argmax
    np.testing.assert_allclose(probs[-1], 0.25, atol=0.01)  # T = 100: ~uniform
    assert np.all(np.diff(entropies) > 0)  # entropy rises with T
    assert entropies[-1] < math.log(4)


# --- cross-entropy against a target -----------------------------------------------------


def test_target_loss_is_the_nll_of_the_true_class():
    z, y = [1.0, 3.0, 0.0, 2.0], [1.0, 0.0, 0.0, 0.0]
    result = pg.target_loss(z, y)
    assert result.loss == pytest.approx(-math.log(_mp_softmax(z)[0]), rel=1e-13)
    np.testing.assert_allclose(result.grad, np.array(_mp_softmax(z)) - y, rtol=1e-12, atol=1e-15)
    assert result.grad.sum() == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("temperature", [0.5, 1.0, 4.0])
def test_target_loss_gradient_matches_finite_differences(temperature):
    z = np.array([0.3, -1.2, 2.0])
    y = np.array([0.2, 0.5, 0.3])
    grad = pg.target_loss(z, y, temperature).grad
    h = 1e-6
    for k in range(3):
        step = np.zeros(3)
        step[k] = h
        up = pg.target_loss(z + step, y, temperature).loss
        down = pg.target_loss(z - step, y, temperature).loss
        assert grad[k] == pytest.approx((up - down) / (2 * h), abs=1e-8)


@pytest.mark.parametrize("temperature", [0.05, 1.0, 3.0])
def test_loss_vs_logit_matches_target_loss_everywhere(temperature):
    z, y = np.array([0.5, -1.0, 2.0]), np.array([0.2, 0.3, 0.5])
    xs, loss, grad = pg.loss_vs_logit(z, y, k=1, temperature=temperature, num=21)
    for x, l_, g in zip(xs, loss, grad):
        moved = z.copy()
        moved[1] = x
        reference = pg.target_loss(moved, y, temperature)
        assert l_ == pytest.approx(reference.loss, rel=1e-12)
        assert g == pytest.approx(reference.grad[1], rel=1e-10, abs=1e-15)


def test_loss_vs_logit_passes_through_the_current_point():
    z, y = np.array([1.0, 3.0, 0.0, 2.0]), np.array([0.0, 0.0, 1.0, 0.0])
    xs, loss, grad = pg.loss_vs_logit(z, y, k=2, temperature=1.0, span=10.0, num=161)
    assert xs.shape == loss.shape == grad.shape == (161,)
    mid = 80
    assert xs[mid] == pytest.approx(0.0)
    current = pg.target_loss(z, y)
    assert loss[mid] == pytest.approx(current.loss, rel=1e-14)
    assert grad[mid] == pytest.approx(current.grad[2], rel=1e-14)
    assert np.all(np.diff(loss) < 0)  # raising the true class's logit always helps
    assert np.all((grad > -1) & (grad < 0))


@pytest.mark.parametrize(("y", "k", "case"), [
    ([1, 0, 0], 0, "true"), ([1, 0, 0], 1, "wrong"), ([0.7, 0.2, 0.1], 0, "soft"),
    ([0.5, 0.5, 0.0], 2, "wrong"),
])
def test_loss_curve_case(y, k, case):
    assert pg.loss_curve_case(np.array(y), k) == case


@pytest.mark.parametrize("temperature", [0.1, 1.0, 3.0])
@pytest.mark.parametrize(("y", "k"), [([0.7, 0.1, 0.1, 0.1], 0), ([0.7, 0.1, 0.1, 0.1], 2),
                                      ([0.25, 0.25, 0.25, 0.25], 1)])
def test_best_logit_is_where_the_loss_curve_bottoms_out(y, k, temperature):
    """A soft target's loss, as one logit moves, falls and then rises: lowest where
    softmax(z / T)_k = y_k, where the slope (p_k - y_k)/T crosses 0."""
    z, y = np.array([1.0, 3.0, 0.0, 2.0]), np.array(y)
    best = pg.best_logit(z, y, k, temperature)
    moved = z.copy()
    moved[k] = best
    assert pg.softmax_views(moved, temperature).softmax[k] == pytest.approx(y[k], rel=1e-12)
    xs, loss, grad = pg.loss_vs_logit(z, y, k, temperature, span=abs(best - z[k]) + 1,
                                      num=4001)
    assert xs[np.argmin(loss)] == pytest.approx(best, abs=2 * (xs[1] - xs[0]))
    assert grad[xs < best].max() < 0 < grad[xs > best].min()
    with pytest.raises(ValueError):
        pg.best_logit(z, np.array([1.0, 0, 0, 0]), 0)


# --- the seeds' worked example ----------------------------------------------------------


def test_worked_example_matches_closed_forms():
    ex = pg.worked_example()
    # Every probability is a power of 2, so each value is a rational multiple of ln 2.
    assert ex.cross_entropy_q1 == pytest.approx(2.0 * LN2, rel=1e-15)
    assert ex.cross_entropy_q2 == pytest.approx(1.875 * LN2, rel=1e-15)
    assert ex.entropy_p == pytest.approx(1.75 * LN2, rel=1e-15)
    assert ex.kl_q1 == pytest.approx(0.25 * LN2, rel=1e-14)
    assert ex.kl_q2 == pytest.approx(0.125 * LN2, rel=1e-14)
    assert round(ex.cross_entropy_q1, 3) == 1.386 and round(ex.cross_entropy_q2, 3) == 1.300
    assert ex.entropy_p < ex.cross_entropy_q2 < ex.cross_entropy_q1


# --- binary -----------------------------------------------------------------------------


@pytest.mark.parametrize("z", [-30.0, -2.0, 0.0, 0.7, 5.0, 40.0])
def test_binary_point_matches_mpmath(z):
    point = pg.binary_point(z)
    with mpmath.workdps(30):
        p = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
        loss_1, loss_0 = float(-mpmath.log(p)), float(-mpmath.log(1 - p))
        p = float(p)
    assert point.p == pytest.approx(p, rel=1e-14)
    assert point.loss_1 == pytest.approx(loss_1, rel=1e-13, abs=1e-300)
    assert point.loss_0 == pytest.approx(loss_0, rel=1e-13, abs=1e-300)
    assert point.grad_1 == pytest.approx(p - 1, rel=1e-12, abs=1e-15)
    assert point.grad_0 == pytest.approx(p, rel=1e-14)


def test_binary_curves_shapes():
    curves = pg.binary_curves(np.linspace(-10, 10, 21))
    assert set(curves) == {"p", "loss_1", "loss_0", "grad_1", "grad_0"}
    assert all(v.shape == (21,) and np.all(np.isfinite(v)) for v in curves.values())
    assert np.all(np.diff(curves["loss_1"]) < 0) and np.all(np.diff(curves["loss_0"]) > 0)


# --- regression -------------------------------------------------------------------------


def test_regression_losses_closed_forms():
    target, pred = np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 2.0, 1.0, 4.5])
    r = pg.regression_losses(pred, target)
    errors = [1.0, 0.0, -2.0, 0.5]
    assert r.mse == pytest.approx(sum(e * e for e in errors) / 4, rel=1e-15)
    assert r.rmse == pytest.approx(math.sqrt(5.25 / 4), rel=1e-15)
    assert r.mae == pytest.approx(3.5 / 4, rel=1e-15)
    np.testing.assert_allclose(r.mse_grad, [0.5, 0.0, -1.0, 0.25], rtol=1e-15)
    np.testing.assert_allclose(r.mae_grad, [0.25, 0.0, -0.25, 0.25], rtol=1e-15)
    np.testing.assert_allclose(r.rmse_grad, np.array(errors) / (4 * math.sqrt(5.25 / 4)),
                               rtol=1e-14)


def test_with_outlier_moves_only_the_last_and_copies():
    pred = np.array([1.0, 2.0, 3.0])
    moved = pg.with_outlier(pred, 5.0)
    np.testing.assert_array_equal(moved, [1.0, 2.0, 8.0])
    np.testing.assert_array_equal(pred, [1.0, 2.0, 3.0])


def test_outlier_sweep_mse_quadratic_mae_linear():
    target = np.zeros(4)
    pred = np.zeros(4)
    offsets = np.array([0.0, 1.0, 2.0, 10.0])
    sweep = pg.outlier_sweep(pred, target, 3, offsets)
    np.testing.assert_allclose(sweep["mse"], offsets**2 / 4, rtol=1e-15)
    np.testing.assert_allclose(sweep["rmse"], offsets / 2, rtol=1e-15)
    np.testing.assert_allclose(sweep["mae"], offsets / 4, rtol=1e-15)


def test_clean_pairs_drops_unusable_rows():
    t, p, dropped = pg.clean_pairs([1.0, np.nan, 3.0, 4.0, 2e3], [1.0, 2.0, np.inf, 5.0, 1.0])
    np.testing.assert_array_equal(t, [1.0, 4.0])
    np.testing.assert_array_equal(p, [1.0, 5.0])
    assert dropped == 3
    t, _, dropped = pg.clean_pairs(np.arange(60.0), np.arange(60.0))
    assert t.size == pg.MAX_REGRESSION_ROWS and dropped == 10
    with pytest.raises(pg.InputError):
        pg.clean_pairs([np.nan], [1.0])
    with pytest.raises(pg.InputError):
        pg.clean_pairs([], [])


# --- numerical stability ----------------------------------------------------------------


@pytest.mark.parametrize("z, dtype, problem", [
    ([1000.0, 1001.0, 1002.0], np.float64, "overflow"),
    ([100.0, 101.0], np.float32, "overflow"),
    ([100.0, 101.0], np.float64, "ok"),
    ([-1000.0, -1001.0], np.float64, "underflow"),
    ([1.0, 3.0, 0.0, 2.0], np.float32, "ok"),
])
def test_stability_demo(z, dtype, problem):
    demo = pg.stability_demo(z, dtype)  # any RuntimeWarning would fail the test
    assert demo.problem == problem
    assert demo.z.dtype == dtype and demo.stable.dtype == dtype
    reference = _mp_softmax(z)
    np.testing.assert_allclose(demo.stable, reference, rtol=1e-6 if dtype == np.float32 else 1e-13)
    np.testing.assert_allclose(demo.shifted_exp.max(), 1.0)
    if problem == "ok":
        np.testing.assert_allclose(demo.naive, reference, rtol=1e-5)
    else:
        assert np.isnan(demo.naive).any()


# --- figures ----------------------------------------------------------------------------


def _validated(fig: go.Figure) -> dict:
    """The figure as Plotly JSON, after full validation (the builders skip it for speed)."""
    go.Figure(fig.to_dict())  # raises ValueError on any invalid property
    return json.loads(pio.to_json(fig, validate=False))


def _builders(present: bool) -> dict[str, go.Figure]:
    """Every builder of the module, called as the softmax page calls it."""
    names = ["<b>a</b>", "b", "b", "d"]
    values = np.array(pg.DEFAULT_LOGITS)
    views = pg.softmax_views(values, 1.0)
    probs, _ = pg.temperature_sweep(values)
    y = pg.parse_target("1", 4)
    result = pg.target_loss(values, y)
    xs, loss, grad = pg.loss_vs_logit(values, y, 0)
    ex = pg.worked_example()
    zs = np.linspace(-10, 10, 201)
    targets, preds = (np.array(a) for a in pg.DEFAULT_REGRESSION)
    moved = pg.with_outlier(preds, 7.5)
    reg = pg.regression_losses(moved, targets)
    offsets = pg.OUTLIER_OFFSETS
    return {
        "views": figs.views_figure(
            names, views.softmax, views.argmax, views.softmin, views.log_softmax,
            softmax_name="S", argmax_name="A", softmin_name="M", log_softmax_name="L",
            prob_title="P", log_title="Q", present=present),
        "animation": figs.temperature_animation(
            names, pg.TEMPERATURES, probs, title="t", y_title="p", frame_label="T = ",
            play="go", pause="stop", present=present),
        "target": figs.target_figure(
            names, result.p, y, result.grad, p_name="p", y_name="y", grad_names=("g+", "g-"),
            prob_title="P", grad_title="G", present=present),
        "loss_curve": figs.loss_curve_figure(
            xs, loss, grad, float(values[0]), result.loss, float(result.grad[0]),
            x_title="x", loss_name="L", grad_name="g", point_name="now", present=present),
        "example": figs.worked_example_figure(
            ex.p, ex.q1, ex.q2, outcome_names=["1", "2", "3", "4"], p_name="p", q1_name="q1",
            q2_name="q2", y_title="y", present=present),
        "binary": figs.binary_figure(
            zs, pg.binary_curves(zs), 1.0, pg.binary_point(1.0), sigmoid_name="s",
            loss_1_name="l1", loss_0_name="l0", grad_1_name="g1", grad_0_name="g0",
            loss_title="L", grad_title="G", x_title="z", present=present),
        "regression": figs.regression_figure(
            targets, moved, {"m": reg.mse_grad, "r": reg.rmse_grad, "a": reg.mae_grad},
            point_names=[str(i + 1) for i in range(len(targets))], target_name="y",
            pred_name="p", values_title="v", grad_title="g", present=present),
        "outlier": figs.outlier_figure(
            offsets, pg.outlier_sweep(preds, targets, len(preds) - 1, offsets), 7.5,
            names={"mse": "M", "rmse": "R", "mae": "A"}, x_title="o", squared_title="s",
            linear_title="l", present=present),
    }


@pytest.mark.parametrize("present", [False, True])
def test_every_builder_makes_a_valid_figure(present):
    base = 20 if present else 13
    for name, fig in _builders(present).items():
        spec = _validated(fig)
        layout = spec["layout"]
        assert layout["font"]["size"] == base, name
        assert layout["height"] >= (figs.PRESENT_UNDER_SLIDER if present else 360), name
        # every axis carries the shared look, and every trace sits on axes that exist
        axes = {k for k in layout if k.startswith(("xaxis", "yaxis"))}
        for key in axes:
            assert layout[key]["tickfont"]["size"] == base, (name, key)
        for trace in spec["data"]:
            refs = (trace.get("xaxis", "x"), trace.get("yaxis", "y"))
            assert {r[0] + "axis" + r[1:] for r in refs} <= axes, (name, refs)
        # subplot titles at the text size, the legend lifted above them: on a projector in
        # the figure's top row, over a top margin that holds it and the titles
        notes = layout.get("annotations", [])
        assert {a["font"]["size"] for a in notes} <= {base}, name
        if notes and present:
            legend = layout["legend"]
            assert (legend["yref"], legend["y"], legend["yanchor"]) == ("container", 1, "top")
            assert layout["margin"]["t"] == figs.PRESENT_TOP, name
        elif notes:
            assert layout["legend"]["y"] == 1.1, name
        # lines in float32 (half the JSON); bars, a few a trace, in float64: their labels
        # and hover print the value, and float32 reads e^-200 as 0
        assert all(tr.y.dtype == (np.float64 if tr.type == "bar" else np.float32)
                   for tr in fig.data), name


def test_views_figure_escapes_names_and_prints_float64():
    views = pg.softmax_views([1, 3, 0], 1.0)
    fig = figs.views_figure(["<b>a</b>", "b", "b"], views.softmax, views.argmax, views.softmin,
                            views.log_softmax, softmax_name="S", argmax_name="A",
                            softmin_name="M", log_softmax_name="L", prob_title="P",
                            log_title="Q")
    layout = _validated(fig)["layout"]
    assert [tr.name for tr in fig.data] == ["S", "A", "M", "L"]
    assert [(tr.xaxis, tr.yaxis) for tr in fig.data] == [("x", "y")] * 3 + [("x2", "y2")]
    assert all(tr.y.dtype == np.float64 for tr in fig.data)
    # both panels name the classes; duplicate names keep two bars
    for key in ("xaxis", "xaxis2"):
        assert layout[key]["ticktext"] == ["&lt;b&gt;a&lt;/b&gt;", "b", "b"]
        assert layout[key]["tickvals"] == [0, 1, 2]
    assert layout["yaxis"]["range"] == [0, 1.12] and "range" not in layout["yaxis2"]
    assert [a["text"] for a in layout["annotations"]] == ["P", "Q"]
    # values printed on the softmax bars (three sets would overlap) and on log-softmax's
    assert [tr.texttemplate for tr in fig.data] == ["%{customdata}", None, None,
                                                    "%{customdata}"]
    # colours of the background are left to the Streamlit theme
    assert "paper_bgcolor" not in layout and "plot_bgcolor" not in layout


@pytest.mark.parametrize("present", [False, True])
def test_bar_labels_read_their_bars_with_the_axis_minus_sign(present):
    """A printed bar value is its bar's height, written as numbers are on screen (no row of
    zeros; significant digits) and with U+2212 for a minus, as Plotly writes the axis's
    tick labels beside it (its own number format wrote "-2.44" beside "−2")."""
    seen = set()
    for name, fig in _builders(present).items():
        spec = _validated(fig)
        traces = spec["data"] + [t for f in spec.get("frames", []) for t in f["data"]]
        for trace in traces:
            if trace.get("texttemplate") is None:
                continue
            assert trace["texttemplate"] == "%{customdata}", name
            heights, labels = _decode(trace["y"]), trace["customdata"]
            assert len(labels) == len(heights), name
            for h, label in zip(heights, labels, strict=True):
                assert "-" not in label and "0000000" not in label, (name, label)
                assert label.startswith("\u2212") == (h < 0 and label != "0"), (name, label)
                back = read_number(label.replace("\u2212", "-"))
                digits = 2 if name == "animation" else 3
                assert math.isclose(back, h, rel_tol=10.0 ** (1 - digits)), (name, h, label)
            seen.add(name)
    assert {"views", "animation", "target", "example"} <= seen, seen


@pytest.mark.parametrize("present", [False, True])
def test_a_bar_label_shows_whole_or_not_at_all(present):
    # Plotly shrinks a label to its bar's width (6 px with ten classes of three bars);
    # uniformtext hides one smaller than its own size instead. Plotly.js applies it only
    # when the figure's last panel of bars has labels too (it resets the size it recorded
    # panel by panel): views_figure labels its log-softmax panel for that.
    for name, fig in _builders(present).items():
        spec = _validated(fig)
        labelled = [t for t in spec["data"] if t["type"] == "bar" and t.get("texttemplate")]
        if not labelled:
            continue
        size = labelled[0]["textfont"]["size"]
        assert {t["textfont"]["size"] for t in labelled} == {16 if present else 11}, name
        assert spec["layout"]["uniformtext"] == {"minsize": size, "mode": "hide"}, name
        def panel(trace):  # the order plotly.js draws panels in: x, x2, x3, ...
            return int(trace.get("xaxis", "x")[1:] or 1)
        last = max(panel(t) for t in spec["data"] if t["type"] == "bar")
        assert any(panel(t) == last for t in labelled), name


@pytest.mark.parametrize("name", ["views", "regression"])
def test_two_panel_charts_stack_on_a_phone(name):
    """On a phone the second panel stands below the first, each full width (beside it, its
    tick labels lay on the first panel's plot: log-softmax's on the bars, the gradients' on
    the points); the traces keep their axes, the lower panel its own tick labels."""
    views = pg.softmax_views([1, 3, 0, 2], 1.0)
    targets, preds = (np.array(a) for a in pg.DEFAULT_REGRESSION)
    reg = pg.regression_losses(preds, targets)

    def build(stacked):
        if name == "views":
            return figs.views_figure(
                list("abcd"), views.softmax, views.argmax, views.softmin, views.log_softmax,
                softmax_name="S", argmax_name="A", softmin_name="M", log_softmax_name="L",
                prob_title="P", log_title="Q", stacked=stacked)
        return figs.regression_figure(
            targets, preds, {"m": reg.mse_grad, "a": reg.mae_grad},
            point_names=[str(i + 1) for i in range(len(targets))], target_name="y",
            pred_name="p", values_title="P", grad_title="Q", stacked=stacked)

    wide, tall = (_validated(build(stacked)) for stacked in (False, True))
    layout = assert_stacked(wide, tall)
    assert layout["xaxis2"]["ticktext"] == layout["xaxis"]["ticktext"]  # both name them
    assert [a["text"] for a in layout["annotations"]] == ["P", "Q"]
    assert layout["height"] == figs.STACKED_HEIGHT > wide["layout"]["height"]
    assert 1 < layout["legend"]["y"] < wide["layout"]["legend"]["y"]


def test_temperature_animation_has_a_frame_per_temperature():
    probs, _ = pg.temperature_sweep([1, 3, 0, 2])
    fig = figs.temperature_animation(list("abcd"), pg.TEMPERATURES, probs, title="t",
                                     y_title="p", frame_label="T = ", play="go", pause="stop",
                                     current=20)
    spec = _validated(fig)
    assert len(fig.frames) == 41
    assert fig.frames[0].name == "0.01" and fig.frames[-1].name == "100"
    assert fig.layout.sliders[-1].active == 20
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["go", "stop"]
    assert spec["layout"]["title"]["text"] == "t"
    assert spec["layout"]["yaxis"]["title"]["text"] == "p"
    np.testing.assert_allclose(fig.data[0].y, probs[20], rtol=1e-6)
    # T = 0.01: each label prints the float64 value (float32 gave 0 and 3.8e-44)
    np.testing.assert_array_equal(fig.frames[0].data[0].y, probs[0])
    assert probs[0][0] == pytest.approx(math.exp(-200), rel=1e-12)
    assert probs[0][3] == pytest.approx(math.exp(-100), rel=1e-12)
    assert len(json.dumps(spec)) < 60_000  # small enough to ship on every rerun


def test_target_figure_colours_the_gradient_by_sign():
    result = pg.target_loss([1.0, 2.0, 0.0], [1.0, 0.0, 0.0])
    fig = figs.target_figure(["a", "b", "c"], result.p, [1, 0, 0], result.grad, p_name="p",
                             y_name="y", grad_names=("g+", "g-"), prob_title="P",
                             grad_title="G")
    layout = _validated(fig)["layout"]
    assert [tr.name for tr in fig.data] == ["p", "y", "g+", "g-"]
    assert [tr.yaxis for tr in fig.data] == ["y", "y", "y2", "y2"]
    # the true class's gradient is negative (descent raises it), the others positive: each
    # sign its own trace, so the legend shows both colours, in one slot per class
    lowered, raised = fig.data[2:]
    assert (list(lowered.x), lowered.marker.color) == ([1, 2], figs.color(3))
    assert (list(raised.x), raised.marker.color) == ([0], figs.color(2))
    np.testing.assert_allclose(lowered.y, result.grad[1:], rtol=1e-6)
    np.testing.assert_allclose(raised.y, result.grad[:1], rtol=1e-6)
    # one bar a class, centred on it, whatever the panel above groups
    assert (lowered.width, lowered.offset, raised.width, raised.offset) == (0.8, -0.4, 0.8, -0.4)
    bound = float(np.max(np.abs(result.grad))) * 1.3
    assert layout["yaxis2"]["range"] == pytest.approx([-bound, bound])
    assert layout["xaxis"]["ticktext"] == layout["xaxis2"]["ticktext"] == ["a", "b", "c"]
    # a zero gradient still gets a visible range
    fig = figs.target_figure(["a", "b"], [0.5, 0.5], [0.5, 0.5], [0.0, 0.0], p_name="p",
                             y_name="y", grad_names=("g+", "g-"), prob_title="P",
                             grad_title="G")
    assert [len(tr.x) for tr in fig.data[2:]] == [0, 0]  # nothing moves: no bar
    assert _validated(fig)["layout"]["yaxis2"]["range"] == [-0.05, 0.05]


@pytest.mark.parametrize(("names", "crowded"), [
    ([f"class {k}" for k in range(1, 5)], False), ([f"클래스 {k}" for k in range(1, 5)], False),
    ([f"class {k}" for k in range(1, 11)], True), ([f"클래스 {k}" for k in range(1, 11)], True),
    (["a", "b"], False), (["a much longer name 1", "a much longer name 2", "x", "y"], True),
])
def test_crowded_names_are_turned_left_on_a_phone_only(names, crowded):
    """A phone's names that Plotly would turn (clockwise, hanging right, the last one hidden
    past the edge) hang left of their ticks instead; wide screens keep Plotly's choice."""
    assert figs._crowded(names) == crowded
    axis = figs._class_axis(names, phone=True)
    assert axis.get("tickangle") == (-30 if crowded else None)
    assert "tickangle" not in figs._class_axis(names)
    assert figs._label_width("클래스") == 3 * figs._label_width("클") == 39
    assert figs._label_width("ab") == pytest.approx(2 * 0.6 * 13)


def test_other_figures_build():
    result = pg.target_loss([1.0, 2.0, 0.0], [1.0, 0.0, 0.0])
    xs, loss, grad = pg.loss_vs_logit([1.0, 2.0, 0.0], [1.0, 0.0, 0.0], 0)
    fig = figs.loss_curve_figure(xs, loss, grad, 1.0, result.loss, result.grad[0], x_title="x",
                                 loss_name="L", grad_name="g", point_name="now")
    layout = _validated(fig)["layout"]
    assert fig.data[2].x[0] == 1.0 and fig.data[2].y[0] == pytest.approx(result.loss, rel=1e-6)
    assert [tr.showlegend for tr in fig.data[2:]] == [True, False]  # one entry for the point
    assert (layout["yaxis"]["title"]["text"], layout["yaxis2"]["title"]["text"],
            layout["xaxis2"]["title"]["text"]) == ("L", "g", "x")
    # the slope is the loss's colour, dashed (as on the binary tab), not the pink the
    # gradient bars above give to "∂L/∂z > 0" alone: the true class's slope is negative
    loss_line, slope_line = fig.data[0].line, fig.data[1].line
    assert slope_line.color == loss_line.color == figs.color(0)
    assert slope_line.dash == figs.dash(1) and loss_line.dash is None
    assert slope_line.color not in (figs.color(2), figs.color(3))  # the sign colours
    ex = pg.worked_example()
    fig = figs.worked_example_figure(ex.p, ex.q1, ex.q2, outcome_names=["1", "2", "3", "4"],
                                     p_name="p", q1_name="q1", q2_name="q2", y_title="y")
    layout = _validated(fig)["layout"]
    assert len(fig.data) == 3 and layout["yaxis"]["title"]["text"] == "y"
    zs = np.linspace(-5, 5, 11)
    fig = figs.binary_figure(zs, pg.binary_curves(zs), 1.0, pg.binary_point(1.0),
                             sigmoid_name="s", loss_1_name="l1", loss_0_name="l0",
                             grad_1_name="g1", grad_0_name="g0", loss_title="L",
                             grad_title="G", x_title="z")
    layout = _validated(fig)["layout"]
    assert len(fig.data) == 10
    assert [tr.yaxis for tr in fig.data] == ["y"] * 2 + ["y2"] * 4 + ["y3"] * 4
    assert layout["yaxis3"]["range"] == [-1.05, 1.05]
    assert layout["xaxis3"]["title"]["text"] == "z"
    r = pg.regression_losses([1.0, 2.0], [1.5, 2.5])
    fig = figs.regression_figure([1.5, 2.5], [1.0, 2.0], {"m": r.mse_grad, "a": r.mae_grad},
                                 point_names=["1", "2"], target_name="y", pred_name="p",
                                 values_title="v", grad_title="g")
    _validated(fig)
    assert [tr.name for tr in fig.data][-2:] == ["m", "a"]
    assert [tr.xaxis for tr in fig.data] == ["x"] * 3 + ["x2"] * 2
    offsets = np.linspace(0, 20, 5)
    sweep = pg.outlier_sweep([1.0, 2.0], [1.5, 2.5], 1, offsets)
    fig = figs.outlier_figure(offsets, sweep, 10.0, names={"mse": "M", "rmse": "R", "mae": "A"},
                              x_title="o", squared_title="s", linear_title="l")
    layout = _validated(fig)["layout"]
    assert fig.data[1].x[0] == 10.0
    assert [tr.xaxis for tr in fig.data] == ["x"] * 2 + ["x2"] * 4  # MSE alone on the left
    for key in ("xaxis", "xaxis2"):
        assert layout[key]["title"]["text"] == "o"
    assert layout["yaxis"]["rangemode"] == layout["yaxis2"]["rangemode"] == "tozero"

"""Jumps drawn as jumps on every chart of f and f', and the input scale k from 0.01 to 100.

The notes (001): the step's vertical line at 0 is matplotlib's way of drawing, not part of
the function. The explorer's f and f' charts broke f at its jumps; here the rest: f' at f's
kinks, where f' itself jumps (ReLU's 0 to 1, filled at PyTorch's ReLU'(0) = 0), the f(kx)/k
chart (a jump at x_j met at x_j/k, its value divided by k) and the difference chart. And
the notes (003): "입력에 100을 곱한다면 출력은 hard kink처럼 보이게 된다" (×100 makes a
smooth activation look like a hard kink; ÷100 makes a kink a smooth convex curve): k
reaches both.

Every expected number is written from the definitions here (closed forms, PyTorch's
backward formulas as tests/test_functions.py's KINK_GRADS quotes them), never read from the
code under test.
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import pytest
from scipy.special import ndtr

import activations
from activations import explore
from activations.explore import Curve, Grid
from activations.figures.curves import (Line, Texts, curves_figure, difference_figure,
                                        scale_figure, sweep_figure, SweepTexts)
from activations.figures.spec import to_plotly_dict
from ui.text.curves import EN, KO

PAGE = "pages/curves.py"
SELU_L, SELU_A = 1.0507009873554804934193349852946, 1.6732632423543772848170429916717
LN2 = math.log(2.0)


def _array(value) -> np.ndarray:
    if isinstance(value, dict):  # Plotly's base64 typed array
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    return np.asarray(value, dtype=float)


def _spec(fig) -> dict:
    return json.loads(json.dumps(to_plotly_dict(fig), default=lambda a: a.tolist()))


# ---------------------------------------------------------------- f' jumps at f's kinks

# (name, params, kink x, PyTorch's f' there, f' just left, f' just right)
SLOPE_JUMPS = [
    ("relu", {}, 0.0, 0.0, 0.0, 1.0),  # threshold_backward: x <= 0 -> 0
    ("leaky_relu", {}, 0.0, 0.01, 0.01, 1.0),  # x > 0 ? 1 : negval
    ("leaky_relu", {"negative_slope": 0.2}, 0.0, 0.2, 0.2, 1.0),
    ("prelu", {}, 0.0, 0.25, 0.25, 1.0),
    ("rrelu", {}, 0.0, (1 / 8 + 1 / 3) / 2, (1 / 8 + 1 / 3) / 2, 1.0),
    ("elu", {"alpha": 2.0}, 0.0, 2.0, 2.0, 1.0),  # x <= 0 ? alpha e^x : 1
    ("selu", {}, 0.0, SELU_L * SELU_A, SELU_L * SELU_A, SELU_L),
    ("relu6", {}, 0.0, 0.0, 0.0, 1.0),  # hardtanh_backward: x <= 0 or x >= 6 -> 0
    ("hardtanh", {}, -1.0, 0.0, 0.0, 1.0),
    ("hardtanh", {}, 1.0, 0.0, 1.0, 0.0),
    ("hardsigmoid", {}, -3.0, 0.0, 0.0, 1 / 6),  # (-3 < x < 3) ? 1/6 : 0
    ("hardsigmoid", {}, 3.0, 0.0, 1 / 6, 0.0),
    ("hardswish", {}, -3.0, 0.0, 0.0, -0.5),  # x <= -3 ? 0 : x < 3 ? x/3 + 1/2 : 1
    ("hardswish", {}, 3.0, 1.0, 1.5, 1.0),
    ("softshrink", {}, -0.5, 0.0, 1.0, 0.0),  # |x| <= lambda -> 0
    ("softshrink", {}, 0.5, 0.0, 0.0, 1.0),
]


@pytest.mark.parametrize(("name", "params", "x", "at", "left", "right"), SLOPE_JUMPS)
def test_slope_jumps_are_the_kinks_with_pytorchs_gradient_there(name, params, x, at, left,
                                                                right):
    found = {j.x: j for j in explore.slope_jumps(Curve.make(name, **params), Grid())}
    j = found[x]
    assert j.at == pytest.approx(at, rel=1e-15, abs=0)  # PyTorch's value: exact
    assert (j.left, j.right) == pytest.approx((left, right), rel=1e-8, abs=1e-8)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "gelu", "silu", "softplus", "elu", "celu",
                                  "identity", "step", "threshold", "hardshrink"])
def test_no_slope_jump_where_f_has_no_kink_or_jumps_itself(name):
    # ELU at alpha = 1 is C^1; the step's, Threshold's and Hardshrink's breaks are f's own
    assert explore.slope_jumps(Curve.make(name), Grid()) == ()


def test_slope_jumps_keep_to_the_range_ends_included():
    # ReLU6's f' is 1 up to 6 and PyTorch's 0 at 6 itself: on [-6, 6] the last point
    relu6 = Curve.make("relu6")
    assert [j.x for j in explore.slope_jumps(relu6, Grid())] == [0.0, 6.0]
    assert [j.x for j in explore.slope_jumps(relu6, Grid(-5, 5, 801))] == [0.0]
    (end,) = explore.slope_jumps(relu6, Grid(4, 6, 11))
    assert (end.x, end.at, end.left, end.right) == (6.0, 0.0, 1.0, 0.0)
    # on [6, 8] f' is 0 from 6 on, PyTorch's 0 at 6 included: its 1 left of 6 is off the
    # chart, and no jump is on it (see `test_an_end_of_the_range_...` below)
    assert explore.slope_jumps(relu6, Grid(6, 8, 11)) == ()


# ---------------------------------------------------------------- f(kx)/k's jumps


def _threshold(x, t, v):
    return np.where(x > t, x, v)  # torch: x > threshold ? x : value


@pytest.mark.parametrize("k", [0.5, 2.0, 3.0, 100.0])
@pytest.mark.parametrize(("t", "v"), [(1.0, 0.0), (-0.5, -2.0), (2.0, 0.5)])
def test_a_jump_of_f_kx_over_k_is_at_xj_over_k_with_values_over_k(k, t, v):
    """Threshold jumps at t: f(kx)/k jumps where kx = t, at t/k; there it takes v/k, and its
    limits are v/k (left) and t/k (right: kx/k = x -> t/k); the slope d/dx f(kx)/k = f'(kx)
    keeps f''s limits, 0 and 1."""
    grid = Grid()
    (j,) = explore.scaled_jumps(Curve.make("threshold", threshold=t, value=v), grid, k)
    assert j.x == pytest.approx(t / k, rel=1e-15)
    assert j.at == pytest.approx(v / k, rel=1e-12, abs=1e-15)
    assert (j.left, j.right) == pytest.approx((v / k, t / k), rel=1e-7, abs=1e-8)
    assert (j.slope_left, j.slope_right) == (0.0, 1.0)
    # the same read off a plain NumPy f(kx)/k either side of t/k
    side = np.array([t / k * (1 - 1e-12) - 1e-13, t / k * (1 + 1e-12) + 1e-13])
    lo, hi = sorted(_threshold(k * side, t, v) / k, key=lambda y: y != v / k)
    assert (j.left, j.right) == pytest.approx((lo, hi), rel=1e-7, abs=1e-8)


def test_scaled_jumps_move_in_and_out_of_the_range():
    grid = Grid()
    step, shrink = Curve.make("step"), Curve.make("hardshrink")
    # the step's jump at 0 stays at 0 for every k; its value 1 becomes 1/k
    for k in (0.01, 2.0, 100.0):
        (j,) = explore.scaled_jumps(step, grid, k)
        assert (j.x, j.at, j.right) == pytest.approx((0.0, 0.0, 1 / k), rel=1e-7)
    # Hardshrink's ±0.5 come in to ±0.005 at k = 100, and leave (±50) at k = 0.01
    assert [j.x for j in explore.scaled_jumps(shrink, grid, 100.0)] == pytest.approx(
        [-0.005, 0.005], rel=1e-15)
    assert explore.scaled_jumps(shrink, grid, 0.01) == ()
    # Threshold's t = 5 is off [-4, 4]; at k = 2 it comes in at 2.5
    far, narrow = Curve.make("threshold", threshold=5.0), Grid(-4.0, 4.0, 801)
    assert explore.jumps(far, narrow) == ()
    assert [j.x for j in explore.scaled_jumps(far, narrow, 2.0)] == [2.5]
    assert explore.scaled_jumps(Curve.make("relu"), grid, 100.0) == ()


# ---------------------------------------------------------------- the gap caption at k = 100


@pytest.mark.parametrize("k", [0.01, 0.012, 0.3, 3.0, 7.7, 100.0])
@pytest.mark.parametrize("name", ["relu", "leaky_relu", "prelu", "rrelu"])
def test_a_scale_equivariant_f_has_gap_exactly_0(name, k):
    # f(kx)/k = f(x) for k > 0; float64's 100·x/100 left 8.9e-16 in the caption
    assert explore.scale_gap(Curve.make(name), Grid(), k) == 0.0


@pytest.mark.parametrize("k", [0.01, 0.5, 2.0, 100.0])
@pytest.mark.parametrize("grid", [Grid(), Grid(-5.0, 6.0, 801), Grid(-6.0, 6.1, 101)],
                         ids=["0-on-grid", "0-off-grid", "coarse"])
def test_softplus_gap_is_ln2_times_1_minus_1_over_k_on_any_grid(grid, k):
    """g(x) = softplus(x) - softplus(kx)/k has g'(x) = σ(x) - σ(kx), 0 at x = 0 alone: the
    largest |g| is |g(0)| = ln 2 |1 - 1/k|. At k = 100 the bend is 1/100 of the range
    wide and a grid that misses 0 missed the largest gap (0.6856 for 0.6862)."""
    gap = explore.scale_gap(Curve.make("softplus"), grid, k)
    assert gap == pytest.approx(LN2 * abs(1 - 1 / k), rel=1e-12)


def test_gelu_gap_at_k_100_matches_a_dense_reference():
    def gelu(x):
        return x * ndtr(x)

    x = np.linspace(-6, 6, 2_000_001)
    reference = float(np.max(np.abs(gelu(100 * x) / 100 - gelu(x))))
    gap = explore.scale_gap(Curve.make("gelu"), Grid(), 100.0)
    assert gap == pytest.approx(reference, rel=1e-4) and gap <= reference + 1e-12


def test_scale_functions_stay_finite_at_the_extremes():
    grid = Grid(-1e4, 1e4, 5000)
    for name in activations.names():
        for k in (0.01, 100.0):
            c = Curve.make(name)
            assert math.isfinite(explore.scale_gap(c, grid, k)), name
            for j in explore.scaled_jumps(c, grid, k):
                assert all(math.isfinite(v) for v in (j.x, j.at, j.left, j.right)), name


# ---------------------------------------------------------------- the difference's breaks


def test_difference_jumps_follow_both_curves():
    g = Grid()
    # LeakyReLU 0.2 - ReLU: continuous, but its slope steps from 0.2 to 0 at 0
    df, dd = explore.difference_jumps(Curve.make("leaky_relu", negative_slope=0.2),
                                      Curve.make("relu"), g)
    assert df == () and len(dd) == 1
    assert (dd[0].x, dd[0].at, dd[0].left, dd[0].right) == pytest.approx((0, 0.2, 0.2, 0))
    # a curve minus itself: nothing breaks
    assert explore.difference_jumps(Curve.make("relu"), Curve.make("relu"), g) == ((), ())
    # Softplus - step: f - H jumps by -1 at 0 (left ln 2, right ln 2 - 1); its slope has no
    # value there (limits both σ(0) = 1/2)
    df, dd = explore.difference_jumps(Curve.make("softplus"), Curve.make("step"), g)
    assert [(j.x, j.left, j.right) for j in df] == [pytest.approx((0, LN2, LN2 - 1))]
    assert [(j.x, j.left, j.right) for j in dd] == [pytest.approx((0, 0.5, 0.5))]
    # Hardshrink - step: -0.5, 0 and 0.5
    df, dd = explore.difference_jumps(Curve.make("hardshrink"), Curve.make("step"), g)
    assert [j.x for j in df] == [-0.5, 0.0, 0.5] == [j.x for j in dd]
    assert [(j.left, j.right) for j in df] == [pytest.approx(p) for p in
                                               [(-0.5, 0.0), (0.0, -1.0), (-1.0, -0.5)]]


# ---------------------------------------------------------------- the figures


def _lines(names, grid=Grid()) -> list[Line]:
    """Lines as the page makes them: f, f', f's jumps and f''s (at f's kinks)."""
    x = grid.x()
    out = []
    for name in names:
        c = Curve.make(name)
        out.append(Line(c.act.label, "#000000", c.act(x).astype(np.float32),
                        c.act.grad(x).astype(np.float32), "solid", explore.jumps(c, grid),
                        explore.slope_jumps(c, grid)))
    return out


TEXTS = Texts("t", "x", "y", "f(x)", "f′(x)")


def _connectors(y: np.ndarray, dx: float, steepest: float) -> list[int]:
    """Indices where two finite neighbours of a drawn line differ by more than any slope
    the function has: a jump joined by a line."""
    ok = np.isfinite(y[:-1]) & np.isfinite(y[1:])
    return list(np.flatnonzero(ok & (np.abs(np.diff(y)) > steepest * dx + 1e-5)))


def test_the_f_prime_chart_breaks_at_every_kink_and_dots_it():
    """ReLU's f' steps from 0 to 1 at 0: a gap at the grid point there, stubs to each side's
    limit, a filled dot at PyTorch's ReLU'(0) = 0 (its hover says f′) and a hollow one at 1.
    The f chart of the same line stays unbroken and undotted (ReLU is continuous)."""
    grid = Grid()
    (relu,) = _lines(["relu"])
    spec = _spec(curves_figure(grid.xmin, grid.dx, [relu], TEXTS, derivative=True))
    line = next(tr for tr in spec["data"] if "x0" in tr)
    y = _array(line["y"])
    assert list(np.flatnonzero(np.isnan(y))) == [400]  # x = 0
    stubs = next(tr for tr in spec["data"] if tr.get("mode") == "lines" and "x0" not in tr
                 and tr.get("legendgroup") == "ReLU")
    xs = [v for v in stubs["x"] if v is not None]
    ys = [v for v in stubs["y"] if v is not None]
    assert xs == pytest.approx([-0.015, 0.0, 0.0, 0.015], abs=1e-9)
    assert ys == pytest.approx([0.0, 0.0, 1.0, 1.0])
    dots = {tr["marker"]["symbol"]: tr for tr in spec["data"] if tr.get("mode") == "markers"}
    assert (dots["circle"]["x"], dots["circle"]["y"]) == ([0.0], [0.0])
    assert (dots["circle-open"]["x"], dots["circle-open"]["y"]) == ([0.0], [1.0])
    assert "f′(x) = " in dots["circle"]["hovertemplate"]
    f = _spec(curves_figure(grid.xmin, grid.dx, [relu], TEXTS))
    assert not np.isnan(_array(next(tr for tr in f["data"] if "x0" in tr)["y"])).any()
    assert not any(tr.get("mode") == "markers" for tr in f["data"])


# The steepest slope of any registry activation's f and of its f' on [-6, 6] at the
# defaults (SELU's f' = 1.76 e^x, Softsign's f'' = ±2 at 0): steeper is a connector.
STEEPEST = 3.5


@pytest.mark.parametrize("derivative", [False, True])
def test_no_chart_of_f_or_f_prime_joins_a_jump_with_a_line(derivative):
    grid = Grid()
    lines = _lines(activations.names())
    spec = _spec(curves_figure(grid.xmin, grid.dx, lines, TEXTS, derivative=derivative))
    for tr in (tr for tr in spec["data"] if "x0" in tr):
        assert _connectors(_array(tr["y"]), grid.dx, STEEPEST) == [], tr["name"]


def test_the_scale_chart_draws_f_and_f_kx_over_k_broken_with_their_dots():
    """The step at k = 2 and Threshold (t = 1) at k = 100: f(kx)/k jumps at x_j/k (0 and
    0.01), taking f(x_j)/k and reaching f's other limit over k (1/2 and 0.01), each curve
    broken where it jumps, dots in its legend group; f itself as on the f chart."""
    grid = Grid()
    x = grid.x()
    for name, k, xj, taken, other in (("step", 2.0, 0.0, 0.0, 0.5),
                                      ("threshold", 100.0, 0.01, 0.0, 0.01)):
        c = Curve.make(name)
        (line,) = _lines([name])
        label = f"{name} k"
        spec = _spec(scale_figure(grid.xmin, grid.dx, [line], [explore.scaled(c, grid, k)],
                                  [label], TEXTS,
                                  scaled_jumps=[explore.scaled_jumps(c, grid, k)]))
        solid, dashed = (tr for tr in spec["data"] if "x0" in tr)
        assert dashed["line"]["dash"] == "dash" and dashed["name"] == label
        gap = np.abs(x - xj).argmin()
        assert list(np.flatnonzero(np.isnan(_array(dashed["y"])))) == [gap]
        assert _connectors(_array(dashed["y"]), grid.dx, 1.0) == []
        assert _connectors(_array(solid["y"]), grid.dx, 1.0) == []
        marks = {(tr["legendgroup"], tr["marker"]["symbol"]): (tr["x"], tr["y"])
                 for tr in spec["data"] if tr.get("mode") == "markers"}
        fx, fy = marks[(label, "circle")]
        assert fx == pytest.approx([xj]) and fy == pytest.approx([taken])
        hx, hy = marks[(label, "circle-open")]
        assert hx == pytest.approx([xj]) and hy == pytest.approx([other], rel=1e-7)
        assert (line.label, "circle") in marks  # f's own
    assert spec["layout"]["legend"]["traceorder"] == "normal"  # groups keep two columns


def test_the_difference_chart_breaks_without_dots():
    grid = Grid()
    x = grid.x()
    a, b = Curve.make("hardshrink"), Curve.make("step")
    d = explore.difference(a, b, grid)
    spec = _spec(difference_figure(grid.xmin, grid.dx, [("df", "ddf", "#000000", d.f, d.df)],
                                   TEXTS, jumps=[explore.difference_jumps(a, b, grid)]))
    f, df = (tr for tr in spec["data"] if "x0" in tr)
    where = sorted(int(np.abs(x - p).argmin()) for p in (-0.5, 0.0, 0.5))
    assert list(np.flatnonzero(np.isnan(_array(f["y"])))) == where
    assert list(np.flatnonzero(np.isnan(_array(df["y"])))) == where
    assert _connectors(_array(f["y"]), grid.dx, 1.0) == []
    assert not any(tr.get("mode") == "markers" for tr in spec["data"])
    stubs = [tr for tr in spec["data"] if "x0" not in tr]
    assert {tr["legendgroup"] for tr in stubs} == {"df", "ddf"}


def test_a_still_curve_in_the_animation_breaks_its_f_prime_at_its_kink():
    grid = Grid(-6, 6, 401)
    (relu,) = _lines(["relu"], grid)
    sp = Curve.make("softplus")
    f = np.stack([sp.act(grid.x())] * 2).astype(np.float32)
    spec = _spec(sweep_figure(grid.xmin, grid.dx, [relu], Line("sp", "#111111", f[0], f[0]),
                              f, f, ["1", "2"], 0, SweepTexts("f", "df", "x", "b=", "P", "S")))
    relu_df = [tr for tr in spec["data"] if tr.get("name") == "ReLU" and "x0" in tr][1]
    assert list(np.flatnonzero(np.isnan(_array(relu_df["y"])))) == [200]
    assert any(tr.get("mode") == "markers" and tr["marker"]["symbol"] == "circle"
               and tr["y"] == [0.0] for tr in spec["data"])


# ---------------------------------------------------------------- k on the page


def _scale_title(at) -> str:
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    return specs[2]["layout"]["title"]["text"]


@pytest.mark.parametrize(("k", "shown"), [("100", 100.0), ("0.01", 0.01), ("2", 2.0),
                                          ("2.0", 2.0), ("0.012", 0.012), ("25", 25.0)])
def test_k_reaches_100_and_0_01_and_old_links_still_open(apptest, k, shown):
    at = apptest(PAGE, query={"fn": ["relu", "softplus"], "scale": "true", "k": k})
    assert not at.exception and not at.warning and not at.info[1:]  # the notice alone
    slider = at.select_slider(key="k")
    assert slider.value == shown and slider.options[0] == "0.01" and slider.options[-1] == "100"
    assert _scale_title(at) == EN["scale_title"].format(k=format(shown, "g"))
    caption = next(c.value for c in at.caption if c.value.startswith("What to notice: dashed"))
    # ReLU is scale-equivariant: exactly 0; softplus: ln 2 |1 - 1/k| (largest at x = 0)
    assert "ReLU 0;" in caption
    assert f"Softplus {LN2 * abs(1 - 1 / shown):.4g}" in caption


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("ko", KO)])
def test_an_old_link_off_the_slider_moves_to_the_nearest_step_and_says_so(apptest, lang, texts):
    # the old slider went in steps of 0.1: k = 7.7 is nearest 8 of 6, 8 on a log scale
    at = apptest(PAGE, query={"fn": "relu", "scale": "true", "k": "7.7"}, lang=lang)
    assert not at.exception and not at.warning
    assert at.select_slider(key="k").value == 8.0
    assert texts["k_snapped"].format(value="8") in [i.value for i in at.info]


@pytest.mark.parametrize("k", ["1000", "0.001", "-2", "0", "nan", "inf", "1e400", "abc",
                               ["2", "3"], "<script>alert(1)</script>"])
def test_a_hostile_k_warns_and_falls_back_to_2(apptest, k):
    at = apptest(PAGE, query={"fn": "relu", "scale": "true", "k": k})
    assert not at.exception
    assert any("k" in w.value for w in at.warning)
    assert at.select_slider(key="k").value == 2.0
    assert "alert(1)" not in " ".join(str(w.value) for w in at.warning)


# ---------------------------------------------------------------- the animation's f' jumps

# PyTorch's backward formulas (functions.py's docstrings; KINK_GRADS in test_functions.py):
# leaky_relu_backward: x > 0 ? 1 : negval; hardtanh_backward: 1 on (min_val, max_val), else
# 0. Each (kink x, PyTorch's f' there, f' just left, f' just right) written from them.


def _leaky_kinks(a: float) -> list[tuple]:
    return [] if a == 1.0 else [(0.0, a, a, 1.0)]  # slope 1 on both sides: no kink


def _hardtanh_kinks(lo: float, hi: float) -> list[tuple]:
    return [(lo, 0.0, 0.0, 1.0), (hi, 0.0, 1.0, 0.0)]


def _as_tuples(found) -> list[tuple]:
    return [(j.x, j.at, j.left, j.right) for j in found]


def test_the_sweep_carries_each_frames_slope_jumps():
    """LeakyReLU's kink at 0 takes PyTorch's a there in every frame and goes at a = 1
    (f' = 1 on both sides); Hardtanh's max_val kink moves with max_val (a max_val not above
    min_val = -1 keeps the curve's own 1, `explore.sweep`), its min_val kink stays."""
    grid = Grid()
    s = explore.sweep([Curve.make("leaky_relu")], "negative_slope", grid)
    assert len(s.kinks) == len(s.values) and s.values[-1] == 1.0
    for a, found in zip(s.values, s.kinks, strict=True):
        assert _as_tuples(found) == [pytest.approx(k, abs=1e-8) for k in _leaky_kinks(a)]
    assert s.kinks[-1] == ()
    s = explore.sweep([Curve.make("hardtanh")], "max_val", grid)
    for v, found in zip(s.values, s.kinks, strict=True):
        hi = v if v > -1.0 else 1.0
        assert _as_tuples(found) == [pytest.approx(k, abs=1e-8)
                                     for k in _hardtanh_kinks(-1.0, hi)]
    # PReLU's a over [-1, 1]: the same kink as LeakyReLU's, gone at a = 1
    s = explore.sweep([Curve.make("prelu")], "a", grid)
    assert [len(k) for k in s.kinks] == [0 if a == 1.0 else 1 for a in s.values]
    # a smooth curve has none in any frame
    assert not any(explore.sweep([Curve.make("softplus")], "beta", grid).kinks)


def _moving(spec: dict, label: str) -> dict[str, int]:
    """The moving curve's traces by role: f and f' lines, and its marks on f' (stubs,
    hollow, filled), by their index in ``data``."""
    ids = [i for i, d in enumerate(spec["data"]) if d.get("legendgroup") == label]
    data = spec["data"]
    lines = [i for i in ids if "x0" in data[i]]
    roles = {"f": lines[0], "df": lines[1]}
    for i in ids:
        d = data[i]
        if d.get("xaxis") == "x2" and d.get("mode") == "lines" and "x0" not in d:
            roles["stubs"] = i
        elif d.get("xaxis") == "x2" and d.get("mode") == "markers":
            roles[d["marker"]["symbol"]] = i
    return roles


def _sweep_spec(name: str, param: str, grid: Grid, start: int = 0):
    s = explore.sweep([Curve.make(name)], param, grid)
    moving = Line("moving", "#111111", s.f[start], s.df[start])
    spec = _spec(sweep_figure(grid.xmin, s.grid.dx, [], moving, s.f, s.df, s.labels, start,
                              SweepTexts("f", "df", "x", "p=", "P", "S"), jumps=s.jumps,
                              kinks=s.kinks))
    return s, spec


def _frame_traces(spec: dict, frame: dict) -> dict[int, dict]:
    return dict(zip(frame["traces"], frame["data"], strict=True))


def _real(values) -> list[float]:
    return [v for v in values if v is not None]


@pytest.mark.parametrize(("name", "param", "expected"), [
    ("leaky_relu", "negative_slope", _leaky_kinks),
    ("prelu", "a", _leaky_kinks),
    ("hardtanh", "max_val", lambda v: _hardtanh_kinks(-1.0, v if v > -1.0 else 1.0)),
])
def test_the_moving_f_prime_breaks_at_its_kinks_with_dots_in_every_frame(name, param,
                                                                         expected):
    """In every frame the moving f' has a gap at the grid point nearest each kink and no
    segment joining its two levels (f' is piecewise constant here: any step between
    neighbours is a connector), a filled dot at PyTorch's f' there and a hollow one at the
    other limit; a frame without a kink (slope 1) has none and no gap."""
    s, spec = _sweep_spec(name, param, Grid())
    grid = s.grid  # the animation's own (`explore.SWEEP_POINTS`)
    x = grid.x()
    roles = _moving(spec, "moving")
    assert {"stubs", "circle", "circle-open"} <= roles.keys()
    for v, frame in zip(s.values, spec["frames"], strict=True):
        data = _frame_traces(spec, frame)
        kinks = expected(v)
        df = _array(data[roles["df"]]["y"])
        assert list(np.flatnonzero(np.isnan(df))) == sorted(
            int(np.abs(x - k[0]).argmin()) for k in kinks), v
        assert _connectors(df, grid.dx, 0.0) == [], v
        filled, hollow = data[roles["circle"]], data[roles["circle-open"]]
        assert (_real(filled["x"]), _real(filled["y"])) == (
            pytest.approx([k[0] for k in kinks]), pytest.approx([k[1] for k in kinks])), v
        others = sorted((k[0], k[3] if k[2] == k[1] else k[2]) for k in kinks)
        assert sorted(zip(_real(hollow["x"]), _real(hollow["y"]))) == [
            pytest.approx(p) for p in others], v
        # the f line is never broken: f is continuous
        assert not np.isnan(_array(data[roles["f"]]["y"])).any()
    # the figure opens on its first frame's marks
    assert _real(spec["data"][roles["circle"]]["x"]) == pytest.approx(
        [k[0] for k in expected(s.values[0])])


def test_the_moving_marks_keep_the_frames_small():
    """Each frame adds three short traces (stubs, hollow, filled) to its two float32 lines:
    LeakyReLU's one kink costs two stubs (x, y and a None each side) and two dots."""
    _, spec = _sweep_spec("leaky_relu", "negative_slope", Grid())
    for frame in spec["frames"]:
        marks = frame["data"][2:]
        assert len(marks) == 3
        assert sum(len(m["x"]) + len(m["y"]) for m in marks) <= 2 * (6 + 1 + 1)


def test_the_page_passes_the_animation_its_kinks(apptest):
    at = apptest(PAGE, query={"fn": "leaky_relu", "sweep": "negative_slope"})
    assert not at.exception
    (el,) = at.get("plotly_chart")
    spec = json.loads(el.proto.spec)
    label = spec["data"][0]["legendgroup"]
    roles = _moving(spec, label)
    labels = [f["name"] for f in spec["frames"]]
    frame = spec["frames"][labels.index("0.2")]
    data = _frame_traces(spec, frame)
    assert (data[roles["circle"]]["x"], data[roles["circle"]]["y"]) == ([0.0], [0.2])
    assert (data[roles["circle-open"]]["x"], data[roles["circle-open"]]["y"]) == ([0.0], [1.0])
    last = _frame_traces(spec, spec["frames"][labels.index("1")])
    assert _real(last[roles["circle"]]["x"]) == []  # slope 1: no kink, no dot


# ---------------------------------------------------------------- jumps and kinks at an end

# The charts show f on [xmin, xmax] only. At an end, f takes PyTorch's value (a filled dot)
# and the limit from inside the range is drawn (hollow, where it differs); the limit from
# outside is off the chart. The Heaviside step: torch.heaviside(x, 0), H(0) = 0, 1 for x > 0.


@pytest.mark.parametrize(("grid", "expected"), [
    (Grid(0.0, 3.0, 301), [(0.0, 0.0, 0.0, 1.0)]),  # starts at H(0) = 0, then 1 (hollow)
    (Grid(-3.0, 0.0, 301), []),  # 0 up to and at 0: no jump on the range
    (Grid(-3.0, 3.0, 601), [(0.0, 0.0, 0.0, 1.0)]),  # inside, as before
])
def test_the_steps_jump_at_an_end_of_the_range(grid, expected):
    found = explore.jumps(Curve.make("step"), grid)
    assert _as_tuples(found) == [pytest.approx(e, abs=1e-12) for e in expected]
    for j in found:  # H' = 0 on either side (PyTorch's step_grad: 0)
        assert (j.slope_left, j.slope_right) == (0.0, 0.0)


@pytest.mark.parametrize(("name", "params", "grid", "expected"), [
    # Threshold (x > t ? x : v), t = 1, v = 0: on [1, 3] f(1) = 0 and f -> 1 from the right
    ("threshold", {}, Grid(1.0, 3.0, 201), [(1.0, 0.0, 0.0, 1.0)]),
    ("threshold", {}, Grid(-1.0, 1.0, 201), []),  # f = 0 up to and at 1
    # Hardshrink (|x| > λ ? x : 0), λ = 0.5: f(±0.5) = 0, and x -> ±0.5 outside [-λ, λ]
    ("hardshrink", {}, Grid(0.5, 2.0, 151), [(0.5, 0.0, 0.0, 0.5)]),
    ("hardshrink", {}, Grid(-2.0, -0.5, 151), [(-0.5, 0.0, -0.5, 0.0)]),
])
def test_other_jumps_at_an_end_follow_the_same_rule(name, params, grid, expected):
    found = explore.jumps(Curve.make(name, **params), grid)
    assert _as_tuples(found) == [pytest.approx(e, abs=1e-8) for e in expected]


@pytest.mark.parametrize(("name", "grid", "expected"), [
    ("relu", Grid(0.0, 3.0, 301), [(0.0, 0.0, 0.0, 1.0)]),  # ReLU'(0) = 0 (filled), 1 after
    ("relu", Grid(-3.0, 0.0, 301), []),  # 0 up to and at 0
    ("leaky_relu", Grid(-3.0, 0.0, 301), []),  # 0.01 up to and at 0 (negval at 0)
    ("leaky_relu", Grid(0.0, 3.0, 301), [(0.0, 0.01, 0.01, 1.0)]),
    # 0 at ±1 (PyTorch), 1 between: a jump at both ends, each to the inside's 1
    ("hardtanh", Grid(-1.0, 1.0, 201), [(-1.0, 0.0, 0.0, 1.0), (1.0, 0.0, 1.0, 0.0)]),
    ("relu6", Grid(6.0, 8.0, 201), []),  # 0 at 6 (PyTorch) and after
])
def test_slope_jumps_at_an_end_follow_the_same_rule(name, grid, expected):
    found = explore.slope_jumps(Curve.make(name), grid)
    assert _as_tuples(found) == [pytest.approx(e, abs=1e-8) for e in expected]


def test_the_f_chart_starts_the_step_with_a_dot_on_0_3():
    """The step on [0, 3]: no line from (0, 0) up to (0.01, 1): the first grid point is a
    gap, a filled dot at (0, H(0) = 0) and a hollow one at (0, 1), a stub from (0, 1) to the
    next grid point; f' (0 on both sides) has a gap there and a hollow dot at 0 alone."""
    grid = Grid(0.0, 3.0, 301)
    (step,) = _lines(["step"], grid)
    for derivative in (False, True):
        spec = _spec(curves_figure(grid.xmin, grid.dx, [step], TEXTS, derivative=derivative))
        line = next(tr for tr in spec["data"] if "x0" in tr)
        y = _array(line["y"])
        assert list(np.flatnonzero(np.isnan(y))) == [0]
        assert _connectors(y, grid.dx, 0.0) == []
        dots = {tr["marker"]["symbol"]: tr for tr in spec["data"]
                if tr.get("mode") == "markers"}
        stubs = next(tr for tr in spec["data"] if tr.get("mode") == "lines" and "x0" not in tr)
        # drawn whole at the plot's edge, not cut in half by it
        assert all(tr["cliponaxis"] is False for tr in dots.values())
        if derivative:
            assert "circle" not in dots
            assert (dots["circle-open"]["x"], dots["circle-open"]["y"]) == ([0.0], [0.0])
        else:
            assert (dots["circle"]["x"], dots["circle"]["y"]) == ([0.0], [0.0])
            assert (dots["circle-open"]["x"], dots["circle-open"]["y"]) == ([0.0], [1.0])
            assert (_real(stubs["x"]), _real(stubs["y"])) == (
                pytest.approx([0.0, 0.01]), pytest.approx([1.0, 1.0]))


def test_the_page_draws_the_step_on_0_3_with_its_dot(apptest):
    at = apptest(PAGE, query={"fn": "step", "xmin": "0", "xmax": "3"})
    assert not at.exception
    f, df = (json.loads(el.proto.spec) for el in at.get("plotly_chart")[:2])
    y = _array(next(tr for tr in f["data"] if "x0" in tr)["y"])
    assert np.isnan(y[0]) and not np.isnan(y[1:]).any()
    filled = [tr for tr in f["data"] if tr.get("mode") == "markers"
              and tr["marker"]["symbol"] == "circle"]
    assert [(tr["x"], tr["y"]) for tr in filled] == [([0.0], [0.0])]
    dy = _array(next(tr for tr in df["data"] if "x0" in tr)["y"])
    assert np.isnan(dy[0])


@pytest.mark.parametrize(("grid", "named"), [
    (Grid(0.0, 3.0, 301), (0,)),  # the dot at 0 is drawn: the notice names the jump
    (Grid(-3.0, 0.0, 301), ()),  # nothing breaks on the range
    (Grid(0.5, 3.0, 301), ()),
])
def test_the_notice_names_a_jump_at_an_end_as_the_chart_draws_it(grid, named):
    assert explore.notice([Curve.make("step")], [True], grid).jumps == named

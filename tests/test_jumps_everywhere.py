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
    (end,) = explore.slope_jumps(relu6, Grid(6, 8, 11))
    assert (end.x, end.at, end.left, end.right) == (6.0, 0.0, 1.0, 0.0)


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

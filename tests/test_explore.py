"""activations.explore and activations.figures.curves: the explorer page's pure helpers.

References are independent of the code under test: closed forms for where sigmoid and tanh
saturate and where GELU's slope peaks, mpmath for the values, brute-force loops for runs.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import re

import mpmath as mp
import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import activations
from activations import explore, registry
from activations.explore import Curve, Grid
from activations.figures import curves as figs
from activations.figures.style import PALETTE, SHADE
from activations.numfmt import fmt
from ui.text import curves as catalog

mp.mp.dps = 40
GRID = Grid()  # the page's default: [-6, 6], 801 points


def _decode(value) -> np.ndarray:
    """A trace array from Plotly JSON: a list, or a base64 typed array."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
    return np.asarray(value, dtype=float)


def _validated(fig: go.Figure) -> dict:
    """The figure as Plotly JSON, after full validation (the builders skip it for speed)."""
    go.Figure(fig.to_dict())  # raises ValueError on any invalid property
    return json.loads(pio.to_json(fig, validate=False))


# ---------------------------------------------------------------- the grid


def test_grid_matches_what_plotly_draws():
    x = GRID.x()
    assert x.dtype == np.float64 and x.shape == (801,)
    assert GRID.dx == 0.015
    # Plotly draws x0 + i * dx; 0 (every ReLU-family kink) is exactly on the grid.
    assert x[0] == -6.0 and x[400] == 0.0
    assert np.array_equal(x, [-6.0 + i * 0.015 for i in range(801)])
    np.testing.assert_allclose(x, np.linspace(-6, 6, 801), rtol=0, atol=1e-14)


@pytest.mark.parametrize(("xmin", "xmax", "n", "problems"), [
    (-6.0, 6.0, 801, ()),
    (-1e4, 1e4, 5000, ()),
    (3.0, -3.0, 801, ("order",)),
    (2.0, 2.0, 801, ("order",)),
    (math.nan, 6.0, 801, ("range",)),
    (-math.inf, 6.0, 801, ("range",)),
    (-6.0, 1e308, 801, ("range",)),
    (-6.0, 6.0, 10, ("points",)),
    (-6.0, 6.0, 5001, ("points",)),
    (-6.0, 6.0, 12.5, ("points",)),
    (-6.0, 6.0, math.nan, ("points",)),
    (5.0, 1.0, -3, ("order", "points")),
    ("a", 6.0, "801", ("range", "points")),
])
def test_check_grid(xmin, xmax, n, problems):
    grid, found = explore.check_grid(xmin, xmax, n)
    assert found == problems
    if "order" in problems or "range" in problems:
        assert (grid.xmin, grid.xmax) == (-6.0, 6.0)
    if "points" in problems:
        assert grid.n == 801


@given(st.one_of(st.floats(), st.integers()), st.one_of(st.floats(), st.integers()),
       st.one_of(st.floats(), st.integers()))
def test_check_grid_always_gives_a_valid_grid(xmin, xmax, n):
    grid, _ = explore.check_grid(xmin, xmax, n)
    assert -1e4 <= grid.xmin < grid.xmax <= 1e4
    assert isinstance(grid.n, int) and 11 <= grid.n <= 5000
    assert np.all(np.isfinite(grid.x()))


def test_minus_zero_becomes_zero():
    grid, problems = explore.check_grid(-0.0, 1.0, 11)
    assert not problems and math.copysign(1, grid.xmin) == 1


# ---------------------------------------------------------------- curves and names


def test_curve_make_resolves_every_parameter():
    c = Curve.make("softplus", beta=10)
    assert c.params == (("beta", 10.0), ("threshold", 20.0))
    assert Curve.make("swish").name == "silu"  # aliases become registry names
    assert hash(c) == hash(Curve.make("softplus", beta=10.0))  # a cache key
    with pytest.raises(ValueError):
        Curve.make("leaky_relu", negative_slope=2.0)


def test_resolve_curve_falls_back_to_defaults_when_values_clash():
    curve, ok = explore.resolve_curve("rrelu", {"lower": 0.5, "upper": 0.2})
    assert not ok and curve == Curve.make("rrelu")
    curve, ok = explore.resolve_curve("hardtanh", {"min_val": 1.0, "max_val": 1.0})
    assert not ok and curve == Curve.make("hardtanh")
    curve, ok = explore.resolve_curve("leaky_relu", {"negative_slope": 0.2})
    assert ok and curve.kwargs == {"negative_slope": 0.2}


@pytest.mark.parametrize(("raw", "names", "problems"), [
    ([], explore.DEFAULT_CURVES, ()),
    (["relu"], ("relu",), ()),
    (["leaky_relu", "leaky_relu"], ("leaky_relu", "leaky_relu"), ()),
    (["swish", "gelu"], ("silu", "gelu"), ()),
    (["nope"], explore.DEFAULT_CURVES, ("unknown",)),
    (["relu", "<script>alert(1)</script>", ""], ("relu",), ("unknown",)),
    (["relu" * 5000], explore.DEFAULT_CURVES, ("unknown",)),
    (["tanh"] * 20, ("tanh",) * 8, ("too_many",)),
    (["identity,softplus"], ("identity", "softplus"), ()),  # typed by hand
    (["relu, gelu,", "tanh"], ("relu", "gelu", "tanh"), ()),
    (["relu,nope"], ("relu",), ("unknown",)),
    ([","], explore.DEFAULT_CURVES, ()),
    (["relu," * 100_000], ("relu",) * 8, ("unknown",)),  # its tail is one unknown name
])
def test_parse_curve_names(raw, names, problems):
    assert explore.parse_curve_names(raw) == (names, problems)


@given(st.lists(st.one_of(st.sampled_from(activations.names()), st.text(max_size=30)),
                max_size=30))
def test_parse_curve_names_never_fails(raw):
    names, problems = explore.parse_curve_names(raw)
    assert 1 <= len(names) <= explore.MAX_CURVES
    assert set(names) <= set(activations.names())
    known = [r for r in raw if r in activations.names()]
    if known and len(known) <= explore.MAX_CURVES and len(known) == len(raw):
        assert names == tuple(known) and problems == ()


def test_labels_tell_copies_apart():
    leaky = [Curve.make("leaky_relu", negative_slope=0.01), Curve.make("leaky_relu",
                                                                       negative_slope=0.2)]
    assert explore.curve_labels(leaky) == ["LeakyReLU (negative_slope=0.01)",
                                           "LeakyReLU (negative_slope=0.2)"]
    soft = [Curve.make("softplus"), Curve.make("softplus", beta=10), Curve.make("relu")]
    assert explore.curve_labels(soft) == ["Softplus (beta=1)", "Softplus (beta=10)", "ReLU"]
    assert explore.curve_labels([Curve.make("elu", alpha=2), Curve.make("relu")]) == [
        "ELU (alpha=2)", "ReLU"]
    assert explore.curve_labels([Curve.make("tanh")] * 3) == ["Tanh", "Tanh #2", "Tanh #3"]
    # a shared non-default value stays visible next to the one that tells them apart
    assert explore.curve_labels([Curve.make("softplus", beta=10),
                                 Curve.make("softplus", beta=10, threshold=30)]) == [
        "Softplus (beta=10, threshold=20)", "Softplus (beta=10, threshold=30)"]


def test_param_keys_round_trip():
    for name in activations.names():
        for p in activations.get(name).params:
            for slot in (0, 7, 42):
                key = explore.param_key(slot, p.name)
                assert explore.parse_param_key(key) == (slot, p.name)
    for key in ("xmin", "fn", "p", "p_alpha", "pa_alpha", "p1", "p123_alpha", "p1_<b>", "P1_a"):
        assert explore.parse_param_key(key) is None


# ---------------------------------------------------------------- sampling


@pytest.mark.parametrize("name", activations.names())
def test_sample_is_the_library_on_the_grid_in_float32(name):
    curve = Curve.make(name)
    s = explore.sample(curve, GRID)
    assert s.f.dtype == s.df.dtype == np.float32 and s.f.shape == (801,)
    x = GRID.x()
    act = activations.get(name)
    assert np.array_equal(s.f, act(x).astype(np.float32))
    assert np.array_equal(s.df, act.grad(x).astype(np.float32))


def test_sample_against_closed_forms():
    x = GRID.x()
    s = explore.sample(Curve.make("sigmoid"), GRID)
    ref = np.array([float(1 / (1 + mp.exp(-mp.mpf(v)))) for v in x])
    np.testing.assert_allclose(s.f, ref, rtol=1e-7, atol=0)
    np.testing.assert_allclose(s.df, ref * (1 - ref), rtol=1e-6, atol=0)
    s = explore.sample(Curve.make("leaky_relu", negative_slope=0.2), GRID)
    np.testing.assert_array_equal(s.f, np.where(x > 0, x, 0.2 * x).astype(np.float32))


# ---------------------------------------------------------------- zones and slopes


@given(st.lists(st.booleans(), min_size=1, max_size=60))
def test_zones_are_the_runs_of_the_mask(mask):
    x = np.arange(len(mask), dtype=float)
    runs, start = [], None
    for i, m in enumerate([*mask, False]):  # brute force
        if m and start is None:
            start = i
        if not m and start is not None:
            runs.append((float(start), float(i - 1)))
            start = None
    assert list(explore.zones(x, np.array(mask))) == runs


@pytest.mark.parametrize(("name", "edge"), [
    # sigma'(x) = s(1 - s) = 0.01  <=>  s = (1 + sqrt(0.96)) / 2
    ("sigmoid", math.log((1 + math.sqrt(0.96)) / (1 - math.sqrt(0.96)))),
    # sech^2(x) = 0.01  <=>  cosh(x) = 10
    ("tanh", math.acosh(10.0)),
])
def test_saturation_zones_of_sigmoid_and_tanh(name, edge):
    s = explore.sample(Curve.make(name), GRID)
    zones = explore.saturation_zones(GRID.x(), s.df)
    assert len(zones) == 2
    (a, b), (c, d) = zones
    assert a == -6.0 and d == 6.0
    assert -edge - GRID.dx < b < -edge and edge < c < edge + GRID.dx


def test_saturation_and_dead_zones_of_relu_family():
    x = GRID.x()
    relu = explore.sample(Curve.make("relu"), GRID)
    assert explore.dead_zones(x, relu.df) == ((-6.0, 0.0),)  # relu'(0) = 0, as PyTorch
    assert explore.saturation_zones(x, relu.df) == ((-6.0, 0.0),)
    for slope in (0.01, 0.2):  # never dead; 0.01 is not below 0.01
        leaky = explore.sample(Curve.make("leaky_relu", negative_slope=slope), GRID)
        assert explore.dead_zones(x, leaky.df) == ()
        assert explore.saturation_zones(x, leaky.df) == ()
    six = explore.sample(Curve.make("relu6"), GRID)
    assert explore.dead_zones(x, six.df) == ((-6.0, 0.0), (6.0, 6.0))


def test_max_slope():
    x = GRID.x()
    top, where = explore.max_slope(x, explore.sample(Curve.make("sigmoid"), GRID).df)
    assert top == 0.25 and where == ((0.0, 0.0),)
    top, where = explore.max_slope(x, explore.sample(Curve.make("relu"), GRID).df)
    assert top == 1.0 and where == ((x[401], 6.0),)  # from the first grid point past 0
    top, where = explore.max_slope(x, explore.sample(Curve.make("tanhshrink"), GRID).df)
    assert where == ((-6.0, -6.0), (6.0, 6.0))
    # GELU's slope peaks where its second derivative (2 - x^2) phi(x) vanishes: x = sqrt(2).
    top, ((a, b),) = explore.max_slope(x, explore.sample(Curve.make("gelu"), GRID).df)
    r2 = mp.sqrt(2)
    peak = float(mp.ncdf(r2) + r2 * mp.npdf(r2))
    nearest = x[np.argmin(np.abs(x - math.sqrt(2)))]
    on_grid = float(mp.ncdf(nearest) + nearest * mp.npdf(nearest))
    assert a == b == nearest
    assert abs(top - on_grid) <= 1e-7 * on_grid and 0 < peak - on_grid < 1e-5


def test_overview():
    o = explore.overview(Curve.make("relu"), GRID)
    assert o.sample.f.shape == (801,)
    assert o.dead == o.saturated == ((-6.0, 0.0),) and o.fading == ()
    assert o.share == 401 / 801  # x <= 0, the kink included
    assert o.top == explore.max_slope(GRID.x(), o.sample.df)
    sig = explore.overview(Curve.make("sigmoid"), Grid(-200.0, 200.0, 801))
    # far out, sigmoid's slope underflows to exactly 0: dead in float, saturated before that
    assert sig.dead[0][0] == -200.0 and sig.fading[0][0] == sig.dead[0][1] + 0.5


# ---------------------------------------------------------------- overlays


@given(st.floats(0.1, 10.0), st.sampled_from(["relu", "leaky_relu", "prelu", "rrelu"]))
@settings(max_examples=40)
def test_relu_family_is_scale_equivariant(k, name):
    curve = Curve.make(name)
    gap = explore.scale_gap(curve, GRID, k)
    assert gap <= 8 * np.finfo(float).eps * 6  # f(kx)/k = f(x) up to rounding of k*x/k
    f = explore.sample(curve, GRID).f
    np.testing.assert_allclose(explore.scaled(curve, GRID, k), f, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(("name", "f"), [
    ("sigmoid", lambda v: 1 / (1 + mp.exp(-v))),
    ("tanh", mp.tanh),
])
def test_sigmoid_and_tanh_are_not_scale_equivariant(name, f):
    k = 2.0
    x = GRID.x()  # the gap is read on the grid and where kx lands on it (x / k), and at 0
    x = [v for v in np.r_[x, x / k, 0.0] if GRID.xmin <= v <= GRID.xmax]
    ref = max(abs(f(k * mp.mpf(v)) / k - f(mp.mpf(v))) for v in x)
    gap = explore.scale_gap(Curve.make(name), GRID, k)
    assert gap > 0.1
    assert abs(gap - float(ref)) < 1e-12


def test_gelu_tanh_difference_against_mpmath():
    exact, approx = Curve.make("gelu"), Curve.make("gelu", approximate="tanh")
    diff = explore.difference(approx, exact, GRID)
    d, dd = diff.f, diff.df
    assert d.dtype == dd.dtype == np.float32 and diff.gap == pytest.approx(np.abs(d).max())
    c = mp.sqrt(2 / mp.pi)
    for i in range(0, 801, 20):
        v = mp.mpf(GRID.x()[i])
        ref = v / 2 * (1 + mp.tanh(c * (v + mp.mpf("0.044715") * v**3))) - v * mp.ncdf(v)
        assert abs(float(d[i]) - float(ref)) < 1e-9
    assert 1e-4 < float(np.abs(d).max()) < 1e-3  # visible on its own chart, not beside f


def test_rrelu_training_draws():
    curve = Curve.make("rrelu", lower=0.1, upper=0.3)
    r = explore.rrelu_training(curve, GRID)
    again = explore.rrelu_training(curve, GRID)
    assert np.array_equal(r.y, again.y)  # a fixed seed: reruns and links agree
    assert r.x.dtype == np.float32 and len(r.x) == 121
    assert np.all((r.slope >= 0.1 - 1e-7) & (r.slope <= 0.3 + 1e-7))
    assert len(np.unique(r.slope)) > 50  # one draw per point
    pos = r.x >= 0
    np.testing.assert_array_equal(r.y[pos], r.x[pos])
    np.testing.assert_allclose(r.y[~pos], r.slope * r.x[~pos], rtol=1e-6)


# ---------------------------------------------------------------- export


def test_csv_holds_exactly_the_arrays():
    grid = Grid(-2.0, 3.0, 11)
    f = np.array([1 / 3, 1e-8, -2.5, 0, 7, 1e-38, 3.4e38, -0.0, 0.1, 2, 5], dtype=np.float32)
    text = explore.csv_table(grid, ["x", "Softplus (beta=1, threshold=20): f(x)"], [f])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["x", "Softplus (beta=1, threshold=20): f(x)"]  # commas quoted
    x = np.array([float(r[0]) for r in rows[1:]])
    y = np.array([np.float32(r[1]) for r in rows[1:]], dtype=np.float32)
    assert np.array_equal(x, grid.x())  # x0 + i * dx, as Plotly draws it
    assert np.array_equal(y, f) and rows[1][1] == "0.33333334"  # shortest float32 form
    with pytest.raises(ValueError):
        explore.csv_table(grid, ["x"], [f])


def test_file_stem():
    curves = [Curve.make("leaky_relu"), Curve.make("leaky_relu", negative_slope=0.2)]
    assert explore.file_stem(curves, "f") == "leakyrelu-f"
    assert explore.file_stem([Curve.make(n) for n in explore.DEFAULT_CURVES], "df") == (
        "sigmoid-tanh-relu-df")
    everything = [Curve.make(n) for n in activations.names()]
    assert len(explore.file_stem(everything, "data")) <= 70


# ---------------------------------------------------------------- presets


def test_presets():
    keys = [p.key for p in explore.PRESETS]
    assert len(set(keys)) == len(keys)
    assert explore.PRESETS[0].curves == tuple(Curve.make(n) for n in explore.DEFAULT_CURVES)
    for p in explore.PRESETS:
        assert 1 <= len(p.curves) <= explore.MAX_CURVES
        assert explore.check_grid(p.xmin, p.xmax, explore.DEFAULT_POINTS)[1] == ()
        assert explore.matching_preset(p.curves) is p
        assert explore.preset(p.key) is p
        for lang in (catalog.EN, catalog.KO):
            assert f"preset_{p.key}" in lang and f"note_{p.key}" in lang
    assert explore.matching_preset([Curve.make("relu")]) is None
    with pytest.raises(ValueError, match="basics"):
        explore.preset("nope")


def test_the_classic_comparisons_are_there():
    curves = {p.key: p.curves for p in explore.PRESETS}
    assert curves["leaky"] == (Curve.make("leaky_relu", negative_slope=0.01),
                               Curve.make("leaky_relu", negative_slope=0.2))
    assert curves["softplus"] == (Curve.make("softplus", beta=1), Curve.make("softplus", beta=10),
                                  Curve.make("relu"))
    assert curves["gelu"] == (Curve.make("gelu"), Curve.make("gelu", approximate="tanh"))
    assert explore.preset("gelu").difference and explore.preset("dead").dead
    assert explore.preset("scale").scale


# ---------------------------------------------------------------- figures


def _lines(names=explore.DEFAULT_CURVES):
    out = []
    for i, name in enumerate(names):
        s = explore.sample(Curve.make(name), GRID)
        out.append(figs.Line(activations.get(name).label, PALETTE[i], s.f, s.df))
    return out


TEXTS = figs.Texts("Title here", "x axis", "y axis", f="F-of-x", df="slope-of-x")


@pytest.mark.parametrize("derivative", [False, True])
def test_curves_figure(derivative):
    lines = _lines()
    x = GRID.x()
    sat = [figs.Zones(explore.saturation_zones(x, ln.df), ln.color, figs.ZONE_OPACITY)
           for ln in lines]
    dead = [figs.Zones(explore.dead_zones(x, lines[2].df), SHADE, note="ReLU: dead")]
    fig = figs.curves_figure(GRID.xmin, GRID.dx, lines, TEXTS, derivative=derivative,
                             saturation=sat, lane_note="lanes", dead=dead,
                             threshold=(0.01, "threshold note"))
    spec = _validated(fig)
    data, layout = spec["data"], spec["layout"]
    assert layout["title"]["text"] == "Title here"
    assert layout["xaxis"]["title"]["text"] == "x axis"
    assert layout["yaxis"]["title"]["text"] == "y axis"
    assert layout["xaxis"]["range"] == [-6.0, 6.0]
    assert "paper_bgcolor" not in layout and "plot_bgcolor" not in layout  # theme decides
    # first (under the curves): relu's dead band, full height; then one lane per curve
    # (sigmoid, tanh, relu saturation) on the overlaid 0..1 axis, the curves, the threshold
    # and the lanes' legend entry
    dead_band, lanes, curves, threshold, note = data[0], data[1:4], data[4:7], data[7], data[8]
    assert dead_band["fill"] == "toself" and dead_band["name"] == "ReLU: dead"
    assert set(dead_band["y"]) - {None} == set(layout["yaxis"]["range"])  # full height
    assert [b.get("fill") for b in lanes] == ["toself"] * 3
    assert all(b["yaxis"] == "y2" and b.get("showlegend") is False for b in lanes)
    assert lanes[2]["x"][:4] == [-6.0, -6.0, 0.0, 0.0]  # ReLU saturates (f' = 0) for x <= 0
    # lane i sits above lane i - 1, each its own strip: no two share any height
    heights = [sorted(set(b["y"]) - {None}) for b in lanes]  # [bottom, top] each
    assert all(lo_next > hi for (_, hi), (lo_next, _) in zip(heights, heights[1:]))
    assert [b["fillcolor"] for b in lanes] == [ln.color for ln in lines]
    # The lanes have the bottom of the plot to themselves, on an axis in shares of the plot's
    # height, and the x axis runs under them: no strip covers a curve.
    lane_axis, curve_axis = layout["yaxis2"], layout["yaxis"]
    assert "overlaying" not in lane_axis and lane_axis["visible"] is False
    assert lane_axis["domain"][0] == 0 and lane_axis["range"] == lane_axis["domain"]
    assert heights[-1][1] < lane_axis["domain"][1] == curve_axis["domain"][0]
    assert layout["xaxis"]["anchor"] == "y2"
    # The curves' axis spans the data (plus 5%) and nothing below it: a tick label beside
    # the strips (the zoom's "−2") named no value of any curve.
    lo, hi = curve_axis["range"]
    ys = [ln.df if derivative else ln.f for ln in lines]
    data_lo = min(min(float(np.min(y)) for y in ys), 0.01 if derivative else np.inf)
    data_hi = max(float(np.max(y)) for y in ys)
    assert lo == pytest.approx(data_lo - 0.05 * (data_hi - data_lo))
    assert note["name"] == "lanes" and note.get("showlegend", True) is True
    for line, trace in zip(lines, curves, strict=True):
        assert trace["name"] == line.label and trace["line"]["color"] == line.color
        assert "x" not in trace and trace["x0"] == -6.0 and trace["dx"] == 0.015
        assert trace["y"]["dtype"] == "f4" and trace["customdata"]["dtype"] == "f4"
        y, other = (line.df, line.f) if derivative else (line.f, line.df)
        assert np.array_equal(_decode(trace["y"]), y)
        assert np.array_equal(_decode(trace["customdata"]), other)
        assert "F-of-x" in trace["hovertemplate"] and "slope-of-x" in trace["hovertemplate"]
    assert threshold["name"] == "threshold note" and threshold["y"] == [0.01, 0.01]


def _legend(spec: dict) -> list[str]:
    """The legend's entries, in order, as text (markup dropped): what sets its rows."""
    return [re.sub(r"<[^>]+>", "", t["name"]) for t in spec["data"]
            if t.get("showlegend", True) and t.get("name")]


def test_f_keeps_room_for_the_slope_charts_legend_entry():
    """Side by side, f and f' must have one plot height, or their x axes do not line up.
    Plotly grows the margin under a plot to fit its legend, which wraps at the plot's width:
    the two legends hold entries of the same text (f's room for f''s |f'| = 0.01, drawn
    clear) and the two plots one left margin, whatever their tick labels."""
    lines = _lines()
    x = GRID.x()
    sat = [figs.Zones(explore.saturation_zones(x, ln.df), ln.color, figs.ZONE_OPACITY)
           for ln in lines]
    f = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, TEXTS, saturation=sat,
                                      lane_note="lanes", legend_room=["|f′| = 0.01"]))
    df = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, TEXTS, derivative=True,
                                       saturation=sat, lane_note="lanes",
                                       threshold=(0.01, "|f′| = 0.01")))
    assert _legend(f) == _legend(df) == ["Sigmoid", "Tanh", "ReLU", "|f′| = 0.01", "lanes"]
    (room,) = [t for t in f["data"] if "|f′| = 0.01" in t["name"]]
    clear = "rgba(0,0,0,0)"
    assert room["name"] == f'<span style="color:{clear}">|f′| = 0.01</span>'
    assert room["line"]["color"] == clear and room["y"] == [None]  # nothing drawn
    for present in (False, True):
        margins = {_validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, TEXTS,
                                                 derivative=d, present=present))
                   ["layout"]["margin"]["l"] for d in (False, True)}
        assert margins == {figs.LEFT_ROOM[present]}  # Plotly's own: 65 px beside 75


def _faint_reference(y, span):
    """`faint_runs` by a plain loop: runs of one non-zero value under 5% of ``span`` in
    size, a tenth of the points long at least."""
    runs, i = [], 0
    while i < len(y):
        j = i
        while j + 1 < len(y) and y[j + 1] == y[i]:
            j += 1
        if y[i] != 0 and abs(y[i]) < 0.05 * span and j - i + 1 >= 0.1 * len(y):
            runs.append((i, j))
        i = j + 1
    return sorted(runs, key=lambda r: r[0] - r[1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.01, -0.02, 0.3, 1.0]), min_size=1, max_size=60),
       st.floats(0.1, 3.0))
def test_faint_runs_are_the_long_runs_of_one_small_value(values, span):
    y = np.repeat(np.asarray(values, dtype=np.float32), 3)
    assert figs.faint_runs(y, span) == _faint_reference(y.tolist(), span)


@pytest.mark.parametrize("present", [False, True])
def test_a_slope_too_small_to_see_is_written_on_the_chart(present):
    """LeakyReLU's 0.01 on a 0..1 axis lies on the zero line: the f' chart writes it over
    the stretch, in the curve's colour. A slope of exactly 0 (ReLU), one large enough to
    see (0.2) and one that varies (sigmoid's tails) get no label; nor does the f chart."""
    curves = [Curve.make("leaky_relu"), Curve.make("relu"),
              Curve.make("leaky_relu", negative_slope=0.2), Curve.make("sigmoid")]
    lines = [figs.Line(c.name, PALETTE[i], *(lambda s: (s.f, s.df))(explore.sample(c, GRID)))
             for i, c in enumerate(curves)]
    texts = figs.Texts("t", "x", "y", faint="f′ = {value}")
    df = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, texts, derivative=True,
                                       present=present))
    (note,) = df["layout"]["annotations"]
    assert note["text"] == "f′ = 0.01" and note["font"]["color"] == PALETTE[0]
    assert note["y"] == pytest.approx(0.01) and note["yanchor"] == "bottom"
    assert -6 <= note["x"] <= 0  # over x < 0
    f = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, texts, present=present))
    assert not f["layout"].get("annotations")
    # two faint stretches side by side: the second label goes above the first
    twins = [figs.Line("a", PALETTE[0], lines[0].f, lines[0].df),
             figs.Line("b", PALETTE[1], lines[0].f, np.where(lines[0].df < 1, 0.02,
                                                               1).astype(np.float32))]
    a, b = _validated(figs.curves_figure(GRID.xmin, GRID.dx, twins, texts, derivative=True,
                                         present=present))["layout"]["annotations"]
    assert b["text"] == "f′ = 0.02" and b["yshift"] > a["yshift"]


def test_a_faint_slopes_label_goes_where_the_other_curves_leave_room():
    """Alone, LeakyReLU's label sits in the middle of x < 0; beside sigmoid, whose slope
    climbs through the label's height there (σ'(-3) = 0.045), where sigmoid's is not."""
    texts = figs.Texts("t", "x", "y", faint="f′ = {value}")

    def label_x(names):
        lines = _lines(names)
        spec = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, texts,
                                             derivative=True))
        (note,) = spec["layout"]["annotations"]
        return note["x"], spec["layout"]["yaxis"]["range"]

    assert label_x(["leaky_relu"])[0] == pytest.approx(-3.0)
    x, (lo, hi) = label_x(["leaky_relu", "sigmoid"])
    slope = float(activations.get("sigmoid").grad(np.float64(x)))
    assert -6 <= x <= 0 and not 0.01 <= slope <= 0.01 + 0.1 * (hi - lo), (x, slope)


def test_the_sweep_stacks_its_panels_on_a_phone():
    """Side by side on a 390 px phone, f''s tick labels lay on f's plot: there f goes
    above f', each across the width, as the static charts stack."""
    from activations.figures.style import STACKED_SLIDER_DROP

    s = explore.sweep([Curve.make("softplus")], "beta", GRID)
    moving = figs.Line("Softplus", PALETTE[1], s.f[0], s.df[0], "dash")
    texts = figs.SweepTexts("f", "f'", "x", "β = ", "Play", "Pause")
    wide, phone = (_validated(figs.sweep_figure(GRID.xmin, s.grid.dx, _lines(["relu"]), moving,
                                                s.f, s.df, s.labels, 3, texts, height=480,
                                                stacked=stacked))["layout"]
                   for stacked in (False, True))
    assert wide["xaxis"]["domain"][1] < wide["xaxis2"]["domain"][0]  # side by side
    assert phone["xaxis"]["domain"] == phone["xaxis2"]["domain"] == [0, 1]
    assert phone["yaxis2"]["domain"][1] < phone["yaxis"]["domain"][0]  # f above f'
    assert phone["height"] == figs.SWEEP_STACKED_HEIGHT + STACKED_SLIDER_DROP
    # the buttons and slider keep their distance under a plot about twice as tall
    assert -0.1 < phone["updatemenus"][0]["y"] < 0 and phone["sliders"][-1]["x"] == 0


def test_curves_figure_samples_and_presentation():
    r = explore.rrelu_training(Curve.make("rrelu"), GRID)
    lines = _lines(["rrelu"])
    small = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, TEXTS))
    big = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, TEXTS,
                                        samples=[("draws", PALETTE[0], r.x, r.y)], present=True))
    assert big["layout"]["font"]["size"] > small["layout"]["font"]["size"]
    assert big["data"][0]["line"]["width"] > small["data"][0]["line"]["width"]
    draws = big["data"][1]
    assert draws["mode"] == "markers" and draws["name"] == "draws"
    assert np.array_equal(_decode(draws["y"]), r.y)


def test_scale_and_difference_figures():
    lines = _lines(["relu", "sigmoid"])
    scaled = [explore.scaled(Curve.make(n), GRID, 2.0) for n in ("relu", "sigmoid")]
    spec = _validated(figs.scale_figure(GRID.xmin, GRID.dx, lines, scaled, ["a", "b"], TEXTS))
    assert [t["name"] for t in spec["data"]] == ["ReLU", "a", "Sigmoid", "b"]
    assert [t["line"].get("dash") for t in spec["data"]] == ["solid", "dash"] * 2
    assert spec["data"][0]["line"]["color"] == spec["data"][1]["line"]["color"]
    # the legend in two columns of half the width (one on a phone): long entries such as
    # "LeakyReLU (negative slope=0.2): f(2x)/2" ran into the next one in Plotly's own
    legend = spec["layout"]["legend"]
    assert (legend["entrywidth"], legend["entrywidthmode"]) == (0.5, "fraction")
    phone = _validated(figs.scale_figure(GRID.xmin, GRID.dx, lines, scaled, ["a", "b"], TEXTS,
                                         stacked=True))
    assert phone["layout"]["legend"]["entrywidth"] == 1
    d = explore.difference(Curve.make("gelu", approximate="tanh"), Curve.make("gelu"), GRID)
    spec = _validated(figs.difference_figure(GRID.xmin, GRID.dx,
                                             [("Δf", "Δf'", "#000", d.f, d.df)], TEXTS))
    assert [t["name"] for t in spec["data"]] == ["Δf", "Δf'"]
    # f's gap and f''s gap each on their own axes, side by side
    assert [(t["xaxis"], t["yaxis"]) for t in spec["data"]] == [("x", "y"), ("x2", "y2")]
    assert spec["layout"]["xaxis"]["domain"][1] < spec["layout"]["xaxis2"]["domain"][0]
    assert np.array_equal(_decode(spec["data"][0]["y"]), d.f)
    assert np.array_equal(_decode(spec["data"][1]["y"]), d.df)


def test_pytorch_links_name_the_module_of_every_activation():
    """The linked torch.nn class is the module form of the function the code calls
    (relu -> ReLU, logsigmoid -> LogSigmoid); the step function links torch.heaviside."""
    import re

    for name in activations.names():
        torch_name, url = explore.pytorch_url(name)
        assert url == f"https://docs.pytorch.org/docs/stable/generated/{torch_name}.html"
        code = activations.get(name).torch_code()
        called = re.search(r"torch\.(?:nn\.functional\.)?(\w+)\(", code)
        if name == "identity":  # the code is c * x; nn.Identity is the c = 1 module
            assert torch_name == "torch.nn.Identity"
        elif name == "step":
            assert torch_name == "torch.heaviside" == f"torch.{called[1]}"
        else:
            assert torch_name.startswith("torch.nn.")
            assert torch_name.removeprefix("torch.nn.").lower() == called[1].replace("_", ""), name
    assert explore.pytorch_url("swish")[0] == "torch.nn.SiLU"  # aliases too


def test_readable_labels():
    names = {"negative_slope": "negative slope", "alpha": "α"}
    curves = [Curve.make("leaky_relu", negative_slope=0.2), Curve.make("elu", alpha=2),
              Curve.make("gelu", approximate="tanh")]
    assert explore.curve_labels(curves, names, {"tanh": "tanh approximation"}) == [
        "LeakyReLU (negative slope=0.2)", "ELU (α=2)", "GELU (tanh approximation)"]


def test_sweep_frames():
    grid = explore.Grid(-3.0, 3.0, 601)
    s = explore.sweep([Curve.make("relu"), Curve.make("leaky_relu")], "negative_slope", grid)
    assert s.slot == 1 and s.param == "negative_slope"
    assert s.values[0] == 0.0 and s.values[-1] == 1.0 and np.all(np.diff(s.values) > 0)
    assert s.f.dtype == s.df.dtype == np.float32
    assert s.f.shape == s.df.shape == (len(s.values), explore.SWEEP_POINTS)
    x = s.grid.x()
    assert s.grid.xmin == -3.0 and s.grid.xmax == 3.0
    for a, f, df in zip(s.values, s.f, s.df, strict=True):  # written out: x or a x
        np.testing.assert_allclose(f, np.where(x > 0, x, a * x), rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(df[x != 0], np.where(x > 0, 1.0, a)[x != 0], rtol=1e-6)
    assert explore.sweep([Curve.make("relu")], "negative_slope", grid) is None
    assert explore.sweep([Curve.make("gelu")], "approximate", grid) is None  # not numeric
    assert explore.sweep_params(["relu", "softplus", "elu", "gelu", "celu"]) == (
        "beta", "threshold", "alpha")


def _sweepable():
    """(activation, parameter) for every parameter the explorer offers to sweep."""
    return [(name, param) for name in registry.names()
            for param in explore.sweep_params([name])]


@pytest.mark.parametrize(("name", "param"), _sweepable())
def test_a_sweep_steps_through_round_values(name, param):
    """Every frame a value the parameter's slider can take, from one end of the range to
    the other; on a linear range at a round stride (1, 2 or 5 times a power of ten), ends
    aside, so that Play reads c = -3, -2.8, -2.6 and not a rounded linspace's -3, -2.8,
    -2.7, -2.5; Softplus beta ten round values a decade, as softmax's temperatures."""
    spec = {p.name: p for p in registry.get(name).params}[param]
    s = explore.sweep([Curve.make(name)], param, explore.Grid(-3.0, 3.0, 101))
    v = s.values
    lo, hi = (0.5, 20.0) if (name, param) == ("softplus", "beta") else (spec.min, spec.max)
    assert v[0] == lo and v[-1] == hi and np.all(np.diff(v) > 0)
    assert 10 <= len(v) <= explore.SWEEP_FRAMES
    np.testing.assert_allclose(v / spec.step, np.round(v / spec.step), atol=1e-9)
    assert s.labels == tuple(fmt(x) for x in v) and len(set(s.labels)) == len(v)
    if (name, param) == ("softplus", "beta"):
        assert s.labels == ("0.5", "0.6", "0.8", "1", "1.2", "1.5", "2", "2.5", "3", "4", "5",
                            "6", "8", "10", "12", "15", "20")
        return
    gaps = np.diff(v)[1:-1]  # the ends may sit between two strides
    stride = gaps[0]
    np.testing.assert_allclose(gaps, stride, rtol=1e-9)
    mantissa = stride / 10 ** np.floor(np.log10(stride))
    assert any(np.isclose(mantissa, m) for m in (1, 2, 5)), stride
    assert len(v) > explore.SWEEP_FRAMES // 2  # the finest round stride that fits
    np.testing.assert_allclose(v[1:-1] / stride, np.round(v[1:-1] / stride), atol=1e-9)


def test_notice_groups():
    grid = explore.Grid()
    curves = [Curve.make(n) for n in ("sigmoid", "relu", "leaky_relu", "log_sigmoid", "tanh")]
    got = explore.notice(curves, [False, True, False, False, False], grid)
    assert got.saturate_both == (0, 4) and got.saturate_negative == (1,)
    assert got.saturate_positive == (3,) and got.unbounded == (2,)
    assert got.mean_near_zero == (4,) and got.mean_off_zero == (0, 1, 2, 3)
    assert got.dead == (1,) and got.kinks == (1, 2)
    # a kink outside the drawn range is not mentioned
    right = explore.Grid(1.0, 5.0, 101)
    assert explore.notice([Curve.make("relu")], [False], right).kinks == ()
    # saturating, but with no flat stretch on the drawn range: said to be beyond it (on
    # [-4, 4] sigmoid's least slope is σ'(4) = 0.0177 > 0.01); flat somewhere: as above
    got = explore.notice(curves, [False, True, False, False, False], grid,
                         [False, True, False, True, True])
    assert got.saturate_beyond == (0,) and got.saturate_both == (4,)
    assert got.saturate_negative == (1,) and got.saturate_positive == (3,)
    assert got.unbounded == (2,)  # (never flat anyway)


# Where f itself jumps at a registry kink point, at the default parameters, written out from
# each formula: the step at 0 (0 to 1), Hardshrink at ±λ (0 to ±0.5), Threshold at 1 (the
# value 0 to x = 1). Every other kink (ReLU's 0, Hardtanh's ±1, ...) is a bend.
JUMPS = {"step": (0.0,), "hardshrink": (-0.5, 0.5), "threshold": (1.0,)}


@pytest.mark.parametrize("name", activations.names())
def test_jump_points_are_the_kinks_where_f_breaks(name):
    assert explore.jump_points(Curve.make(name)) == JUMPS.get(name, ())


def test_jump_points_follow_the_parameters():
    # Threshold replacing x <= 1 by 1 itself is continuous: a kink, no jump
    assert explore.jump_points(Curve.make("threshold", threshold=1.0, value=1.0)) == ()
    assert explore.jump_points(Curve.make("threshold", threshold=-2.0, value=0.5)) == (-2.0,)
    assert explore.jump_points(Curve.make("hardshrink", lambd=2.0)) == (-2.0, 2.0)


def test_notice_tells_a_jump_from_a_kink():
    """The step's f jumps at 0 (its slope is 0 on both sides): a jump, not "the slope
    jumps"; ReLU bends at 0: a kink."""
    curves = [Curve.make(n) for n in ("step", "relu", "hardshrink", "sigmoid")]
    got = explore.notice(curves, [True, True, True, False], explore.Grid())
    assert got.jumps == (0, 2) and got.kinks == (1,)
    assert explore.notice(curves[:1], [True], explore.Grid(1.0, 5.0, 101)).jumps == ()


def test_sweep_figure_is_valid_plotly_and_moves_only_the_swept_curve():
    s = explore.sweep([Curve.make("softplus")], "beta", GRID)
    still = _lines(["relu"])
    moving = figs.Line("Softplus", PALETTE[1], s.f[0], s.df[0], "dash")
    texts = figs.SweepTexts("f", "f'", "x", "β = ", "Play", "Pause")
    spec = _validated(figs.sweep_figure(GRID.xmin, s.grid.dx, still, moving, s.f, s.df,
                                        s.labels, 3, texts, present=True))
    data, layout = spec["data"], spec["layout"]
    assert [(t["name"], t["xaxis"]) for t in data] == [("ReLU", "x"), ("ReLU", "x2"),
                                                       ("Softplus", "x"), ("Softplus", "x2")]
    assert data[0]["dx"] == GRID.dx and data[2]["dx"] == s.grid.dx  # each on its own grid
    assert np.array_equal(_decode(data[2]["y"]), s.f[3])  # opens at frame 3
    assert layout["sliders"][-1]["active"] == 3
    assert layout["sliders"][-1]["currentvalue"]["prefix"] == "β = "
    # the y ranges hold every frame, so the axes stay still while the curve moves
    lo, hi = layout["yaxis"]["range"]
    assert lo <= s.f.min() and hi >= max(s.f.max(), still[0].f.max())
    assert len(spec["frames"]) == len(s.labels)


# ---------------------------------------------------------------- jumps drawn as jumps


def test_jumps_carry_the_value_taken_and_both_limits():
    # written out from the definitions (H(0) = 0 as torch.heaviside(0, 0); hardshrink and
    # threshold keep x only strictly beyond the point)
    step, = explore.jumps(Curve.make("step"), GRID)
    assert (step.x, step.at, step.left, step.right) == (0.0, 0.0, 0.0, 1.0)
    assert (step.slope_left, step.slope_right) == (0.0, 0.0)
    t, = explore.jumps(Curve.make("threshold", threshold=-2.0, value=0.5), GRID)
    assert (t.x, t.at, t.left) == (-2.0, 0.5, 0.5) and t.right == pytest.approx(-2.0, abs=1e-8)
    assert (t.slope_left, t.slope_right) == (0.0, 1.0)
    lo, hi = explore.jumps(Curve.make("hardshrink", lambd=2.0), GRID)
    assert (lo.x, lo.at, lo.right, hi.x, hi.at, hi.left) == (-2.0, 0.0, 0.0, 2.0, 0.0, 0.0)
    assert lo.left == pytest.approx(-2.0, abs=1e-8) and hi.right == pytest.approx(2.0, abs=1e-8)
    assert explore.jumps(Curve.make("relu"), GRID) == ()  # a kink is no jump
    assert explore.jumps(Curve.make("step"), Grid(1.0, 3.0, 101)) == ()  # off the range


def _jump_line(name, **params):
    curve = Curve.make(name, **params)
    s = explore.sample(curve, GRID)
    return figs.Line(curve.act.label, PALETTE[0], s.f, s.df, "dot", explore.jumps(curve, GRID))


def _group(spec: dict, label: str) -> list[dict]:
    return [d for d in spec["data"] if d.get("legendgroup") == label]


@pytest.mark.parametrize("present", [False, True])
def test_a_jump_is_broken_with_a_filled_and_a_hollow_dot(present):
    line = _jump_line("step")
    f = _validated(figs.curves_figure(GRID.xmin, GRID.dx, [line], TEXTS, present=present))
    curve, stubs, hollow, filled = _group(f, line.label)
    # no segment joins the two sides: the grid point at the jump is a gap
    y = _decode(curve["y"])
    assert np.isnan(y[400]) and np.isnan(y).sum() == 1 and GRID.x()[400] == 0.0
    # short stubs reach each side's limit at the jump, never from one side to the other
    assert stubs["x"] == [GRID.x()[399], 0.0, None, 0.0, GRID.x()[401], None]
    assert stubs["y"] == [0.0, 0.0, None, 1.0, 1.0, None]
    assert stubs["line"]["dash"] == "dot" and stubs["line"]["color"] == line.color
    # a filled dot at H(0) = 0, a hollow one at the limit from the right, in the curve's colour
    assert (filled["x"], filled["y"]) == ([0.0], [0.0])
    assert filled["marker"]["symbol"] == "circle" and filled["marker"]["color"] == line.color
    assert (hollow["x"], hollow["y"]) == ([0.0], [1.0])
    assert hollow["marker"]["symbol"] == "circle-open"
    assert hollow["marker"]["size"] == filled["marker"]["size"] == (14 if present else 10)
    # the dots have no legend entry of their own; hiding the curve hides them (legendgroup)
    assert all(d["showlegend"] is False for d in (stubs, hollow, filled))
    assert curve.get("showlegend", True) is True
    assert [d["name"] for d in f["data"] if d.get("showlegend", True)] == [line.label]
    assert stubs["hoverinfo"] == hollow["hoverinfo"] == "skip"
    assert "undefined" in filled["hovertemplate"]


def test_the_slope_has_no_value_at_a_jump():
    line = _jump_line("hardshrink")
    df = _validated(figs.curves_figure(GRID.xmin, GRID.dx, [line], TEXTS, derivative=True))
    curve, stubs, hollow = _group(df, line.label)  # no filled dot: f' takes no value there
    y = _decode(curve["y"])
    x = GRID.x()
    # ±0.5 lie between grid points (0.495, 0.51): the nearest one is the gap
    assert np.isnan(y).sum() == 2
    assert np.allclose(np.abs(x[np.isnan(y)]), 0.5, atol=GRID.dx / 2)
    # both sides' limits of f' (1 outside, 0 inside) hollow at each jump
    assert sorted(zip(hollow["x"], hollow["y"])) == [(-0.5, 0.0), (-0.5, 1.0), (0.5, 0.0),
                                                     (0.5, 1.0)]
    assert None in stubs["x"]


def test_a_kink_gets_no_dots():
    lines = _lines(["relu", "leaky_relu", "hardtanh"])
    for derivative in (False, True):
        spec = _validated(figs.curves_figure(GRID.xmin, GRID.dx, lines, TEXTS,
                                             derivative=derivative))
        assert len(spec["data"]) == 3
        assert not any(np.isnan(_decode(d["y"])).any() for d in spec["data"])
    assert all(explore.jumps(Curve.make(n), GRID) == () for n in ("relu", "leaky_relu",
                                                                   "hardtanh"))


def test_the_dots_move_with_the_sweep():
    grid = explore.Grid(-5.0, 5.0, 801)
    s = explore.sweep([Curve.make("threshold")], "threshold", grid)
    assert len(s.jumps) == len(s.values)
    # t = v = 0 in one frame: Threshold is ReLU there, continuous; t = 5 is on the range's
    # right edge, where f is 0 up to and at 5: no jump on the range; t = -5 on its left edge,
    # where f takes 0 and x -> -5 on the right: a jump at the edge (`jumps`)
    assert [len(j) for j in s.jumps] == [0 if v in (0, 5) else 1 for v in s.values]
    still = _jump_line("step")
    moving = figs.Line("Threshold", PALETTE[1], s.f[0], s.df[0])
    texts = figs.SweepTexts("f", "df", "x", "t = ", "Play", "Pause")
    start = 3
    spec = _validated(figs.sweep_figure(grid.xmin, s.grid.dx, [still], moving, s.f, s.df,
                                        s.labels, start, texts, jumps=s.jumps))
    data = spec["data"]
    # the still step keeps its dots (stubs, hollow and filled on f; stubs and hollow on f')
    assert len(_group(spec, still.label)) == 2 + 5
    moving_ids = [i for i, d in enumerate(data) if d.get("legendgroup") == "Threshold"]
    assert len(moving_ids) == 2 + 5
    for k, frame in enumerate(spec["frames"]):
        assert frame["traces"] == moving_ids
        fy = _decode(frame["data"][0]["y"])
        filled = frame["data"][4]  # f: stubs, hollow, filled; then f': stubs, hollow
        if s.jumps[k]:
            t = s.values[k]
            assert np.isnan(fy).sum() == 1
            assert filled["x"] == [t] and filled["y"] == [0.0]  # f(t) = value = 0
            assert frame["data"][3]["x"] == [t] and frame["data"][3]["y"] == pytest.approx([t])
        else:  # blank points: the dots leave with the jump
            assert not np.isnan(fy).any() and filled["x"] == [None]
    first = data[moving_ids[4]]
    assert first["x"] == [s.values[start]]  # the figure opens on frame start's dots


# ---------------------------------------------------------------- the mean output


SQRT_2PI = math.sqrt(2.0 * math.pi)


def _phi(x: float) -> float:
    return math.exp(-0.5 * x * x) / SQRT_2PI


def _Phi(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _elu_mean(alpha: float) -> float:
    """E ELU_alpha(z): 1/sqrt(2 pi) from z > 0, alpha (e^(1/2) Phi(-1) - 1/2) from z < 0
    (E[e^z; z < 0] = e^(1/2) Phi(-1), completing the square)."""
    return 1.0 / SQRT_2PI + alpha * (math.exp(0.5) * _Phi(-1.0) - 0.5)


# (name, params, mean, rms) in closed form, for z ~ N(0, 1)
CLOSED_FORMS = [
    ("relu", {}, 1.0 / SQRT_2PI, math.sqrt(0.5)),
    ("tanh", {}, 0.0, None),  # odd: mean 0 by symmetry
    ("softsign", {}, 0.0, None),
    ("sigmoid", {}, 0.5, None),  # sigma(z) - 1/2 is odd
    ("hardsigmoid", {}, 0.5, None),
    ("step", {}, 0.5, math.sqrt(0.5)),
    ("identity", {"c": -2.5}, 0.0, 2.5),
    ("prelu", {}, 0.75 / SQRT_2PI, math.sqrt((1 + 0.25**2) / 2)),
    ("prelu", {"a": -1.0}, 2.0 / SQRT_2PI, 1.0),  # |z|: E|z| = sqrt(2/pi)
    ("prelu", {"a": 1.0}, 0.0, 1.0),
    ("leaky_relu", {"negative_slope": 0.2}, 0.8 / SQRT_2PI, math.sqrt(1.04 / 2)),
    ("gelu", {}, 1.0 / (2.0 * math.sqrt(math.pi)), None),  # E z Phi(z) = E phi(z)
    ("elu", {}, _elu_mean(1.0), None),
    ("elu", {"alpha": 2.5}, _elu_mean(2.5), None),
    ("celu", {}, _elu_mean(1.0), None),  # CELU with alpha = 1 is ELU
    ("selu", {}, 0.0, 1.0),  # the self-normalising constants: mean 0, variance 1
    ("threshold", {}, _phi(1.0), None),  # E[z; z > 1] = phi(1), the rest is 0
    ("threshold", {"threshold": -0.5, "value": 2.0}, _phi(-0.5) + 2.0 * _Phi(-0.5), None),
    ("relu6", {}, 1.0 / SQRT_2PI - (_phi(6.0) - 6.0 * _Phi(-6.0)), None),
]


@pytest.mark.parametrize(("name", "params", "mean", "rms"), CLOSED_FORMS)
def test_output_mean_matches_closed_forms(name, params, mean, rms):
    got = explore.output_mean(Curve.make(name, **params))
    assert got.mean == pytest.approx(mean, rel=1e-11, abs=1e-14)
    if rms is not None:
        assert got.rms == pytest.approx(rms, rel=1e-11)


def _mp_moments(f, cuts=()):
    """E f(z) and sqrt(E f(z)^2) by mpmath's quadrature (30 digits), split at ``cuts``."""
    with mp.workdps(30):
        pdf = [lambda z: f(z) * mp.npdf(z), lambda z: f(z) ** 2 * mp.npdf(z)]
        edges = [-mp.inf, *sorted(set(cuts) | {0}), mp.inf]
        m1, m2 = (mp.quad(g, edges) for g in pdf)
        return float(m1), float(mp.sqrt(m2))


def _mp_sigmoid(z):
    return 1 / (1 + mp.exp(-z))


def _mp_softplus(z):
    return mp.log(1 + mp.exp(z))


# Each written again in mpmath from its textbook formula, not from activations.functions.
MP_FORMS = [
    ("softplus", {}, _mp_softplus, ()),
    ("log_sigmoid", {}, lambda z: -mp.log(1 + mp.exp(-z)), ()),
    ("silu", {}, lambda z: z * _mp_sigmoid(z), ()),
    ("mish", {}, lambda z: z * mp.tanh(_mp_softplus(z)), ()),
    ("gelu", {"approximate": "tanh"},
     lambda z: z / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (z + 0.044715 * z**3))), ()),
    ("hardswish", {}, lambda z: z * min(max(z + 3, 0), 6) / 6, (-3, 3)),
    ("celu", {"alpha": 0.3}, lambda z: z if z > 0 else 0.3 * (mp.exp(z / 0.3) - 1), ()),
    ("tanhshrink", {}, lambda z: z - mp.tanh(z), ()),
    ("softshrink", {"lambd": 0.7}, lambda z: mp.sign(z) * max(abs(z) - 0.7, 0), (-0.7, 0.7)),
    ("hardtanh", {"min_val": -0.5, "max_val": 2.0}, lambda z: min(max(z, -0.5), 2.0),
     (-0.5, 2.0)),
    ("softplus", {"beta": 3.0}, lambda z: mp.log(1 + mp.exp(3 * z)) / 3, ()),
]


@pytest.mark.parametrize(("name", "params", "f", "cuts"), MP_FORMS,
                         ids=[f"{n}-{p}" for n, p, _, _ in MP_FORMS])
def test_output_mean_matches_mpmath(name, params, f, cuts):
    mean, rms = _mp_moments(f, cuts)
    got = explore.output_mean(Curve.make(name, **params))
    assert got.mean == pytest.approx(mean, rel=1e-10, abs=1e-13)
    assert got.rms == pytest.approx(rms, rel=1e-10)


def test_near_zero_is_the_measured_mean_against_the_outputs_size():
    near = {n for n in activations.names() if explore.output_mean(Curve.make(n)).near_zero}
    # odd functions, and SELU, whose constants make the mean 0 (ELU's is 0.16: no)
    assert near == {"identity", "tanh", "selu", "softsign", "hardtanh", "tanhshrink",
                    "softshrink", "hardshrink"}
    # the tolerance: a tenth of the rms; a function that is 0 everywhere counts as near 0
    assert explore.OutputMean(0.099, 1.0).near_zero and not explore.OutputMean(0.1, 1.0).near_zero
    assert explore.OutputMean(0.0, 0.0).near_zero
    # an output that is a small constant is not "near 0": every output has the same sign
    flat = explore.output_mean(Curve.make("threshold", threshold=5.0, value=0.02))
    assert flat.mean == pytest.approx(0.02, rel=1e-4) and not flat.near_zero


@pytest.mark.parametrize(("text", "mean", "rms"), [
    ("x**2", 1.0, math.sqrt(3.0)),  # E z^2 = 1, E z^4 = 3
    ("exp(x)", math.exp(0.5), math.e),  # E e^(kz) = e^(k^2/2)
    ("abs(x - 0.3)", 2 * _phi(0.3) + 0.3 * (2 * _Phi(0.3) - 1), math.sqrt(1.09)),
    ("a*x + b", 1.0, math.sqrt(2.0)),  # a = b = 1 (the sliders' default)
])
def test_output_mean_of_a_typed_formula(text, mean, rms):
    from activations.custom import parse_activation

    act = parse_activation(text)
    got = explore.output_mean(Curve(act, tuple((p.name, p.default) for p in act.params)))
    assert got.mean == pytest.approx(mean, rel=1e-9)
    assert got.rms == pytest.approx(rms, rel=1e-9)


@pytest.mark.parametrize("text", ["exp(x**2)", "log(x)", "sqrt(x)", "1/x"])
def test_a_typed_formula_without_a_finite_mean_gives_none(text):
    from activations.custom import parse_activation

    act = parse_activation(text)
    assert explore.output_mean(Curve(act, tuple((p.name, p.default) for p in act.params))) is None


def test_output_mean_is_kept_per_function_and_parameters():
    a = explore.output_mean(Curve.make("elu", alpha=0.5))
    assert explore.output_mean(Curve.make("elu", alpha=0.5)) is a  # kept, not recomputed
    assert explore.output_mean(Curve.make("elu", alpha=0.6)).mean != a.mean


def test_notice_sorts_by_the_measured_mean_at_the_drawn_parameters():
    """The old hand-set flag called ELU and CELU zero-centred (mean 0.16) and LeakyReLU,
    GELU and SiLU not; the groups now follow the measured mean, at the drawn values."""
    names = ("elu", "celu", "leaky_relu", "gelu", "silu", "selu", "tanh")
    curves = [Curve.make(n) for n in names] + [Curve.make("prelu", a=1.0)]
    got = explore.notice(curves, [False] * len(curves), Grid())
    assert got.mean_near_zero == (5, 6, 7)  # SELU, tanh, PReLU at a = 1 (the identity)
    assert got.mean_off_zero == (0, 1, 2, 3, 4)


def test_the_notes_quote_the_measured_means():
    """The ELU preset's and the sigmoid-vs-tanh preset's notes quote means for z ~ N(0, 1);
    they must be what the table shows, to the digits quoted."""
    means = {n: explore.output_mean(Curve.make(n)).mean for n in ("elu", "selu", "relu",
                                                                   "sigmoid", "tanh")}
    assert (round(means["elu"], 2), round(means["selu"], 2), round(means["relu"], 2)) == (
        0.16, 0.0, 0.40)
    assert (means["sigmoid"], means["tanh"]) == (pytest.approx(0.5, abs=1e-12), 0.0)
    for texts in (catalog.EN, catalog.KO):
        assert all(v in texts["note_elu"] for v in ("0.16", "0.40", "SELU"))
        assert "0.5" in texts["note_sigmoid_tanh"]


def test_importing_the_library_leaves_scipy_integrate_for_later():
    """scipy.integrate (the mean output's fallback for typed formulas) brings about 290
    modules and 27 MiB to every server process; it is imported on first use only."""
    import os
    import subprocess
    import sys

    code = ("import sys, activations, activations.explore, activations.figures;"
            "print('scipy.integrate' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.stdout.strip() == "False"

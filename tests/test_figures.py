"""activations.figures.gradflow and .gallery: the figures of the gradient-flow and home pages.

The builders skip Plotly's validation for speed, so every figure here goes through
``go.Figure(fig.to_dict())`` (which raises on any invalid property) before its JSON is
checked against the statistics it draws. Inputs are what the pages pass: real
`gradflow.profile` results (one run and several, an exploding and a dead network) and the
texts of the page catalogs, in the normal and the presentation look.
"""

from __future__ import annotations

import base64
import json
import math
from functools import cache

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import activations
from activations import gradflow
from activations.figures import gallery
from activations.figures import gradflow as figs
from activations.figures import style
from activations.figures.style import GRID, LANE_GAP, LANE_HEIGHT, PALETTE, log_axis
from ui.text import gradient_flow as gf_text
from ui.text import home as home_text
from tests.conftest import assert_stacked

TEXT = gf_text.EN


def _validated(fig: go.Figure) -> dict:
    """The figure as Plotly JSON, after full validation (the builders skip it for speed)."""
    go.Figure(fig.to_dict())  # raises ValueError on any invalid property
    return json.loads(pio.to_json(fig, validate=False))


def _decode(value) -> np.ndarray:
    """A trace array from Plotly JSON: a list, or a base64 typed array (2-D with "shape")."""
    if isinstance(value, dict):
        a = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        if "shape" in value:
            a = a.reshape([int(n) for n in str(value["shape"]).split(",")])
        return a
    return np.asarray(value, dtype=float)


def _gaps(a) -> np.ndarray:
    """What a log axis can show of ``a``: its positive finite values, the rest NaN."""
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a) & (a > 0), a, np.nan)


@cache
def _runs(key: str) -> tuple:
    """Profiles as the page makes them (small widths, so the tests stay fast)."""
    if key == "one":
        return (gradflow.profile("relu", 10, 32, 32, init="kaiming_normal", seed=0),)
    if key == "several":  # the page's default: sigmoid, tanh and ReLU under Xavier
        return tuple(gradflow.profile(a, 10, 32, 32, init="xavier_normal", seed=0)
                     for a in ("sigmoid", "tanh", "relu"))
    if key == "deep":  # deeper than MAX_BOXES, two inits of one activation
        return tuple(gradflow.profile("tanh", 60, 16, 16, init=i, seed=0)
                     for i in ("xavier_normal", "standard"))
    if key == "exploding":  # ReLU under N(0, 1) weights: h reaches 1e40, beyond float32
        return (gradflow.profile("relu", 45, 128, 4, init="normal", seed=0),)
    if key == "dead":  # bias -20: every unit dead, the gradients below the top exactly 0
        return (gradflow.profile("relu", 5, 32, 16, init="xavier_normal", bias=-20.0),)
    raise KeyError(key)


def _names(runs) -> list[str]:
    return [TEXT["run_name"].format(act=r.label, init=r.init) for r in runs]


def _chain(runs):
    """The page's chain-rule reference: from the first run's top gradient, if finite."""
    top = runs[0].grad_h_norm[-1]
    return gradflow.chain_rule_reference(top, runs[0].depth) if math.isfinite(top) else None


def _gradient_norms(runs, present=False, chain=None, theory=True):
    names = _names(runs)
    return _validated(figs.gradient_norms(
        list(runs), names, title_h=TEXT["grad_h_title"], title_w=TEXT["grad_w_title"],
        x_title=TEXT["layer"], y_title=TEXT["norm_log"],
        theory_names=[TEXT["theory_of"].format(run=n) for n in names] if theory else None,
        chain_name=TEXT["chain"], chain=chain, present=present))


def _boxes(runs, present=False):
    return _validated(figs.distribution_boxes(list(runs), _names(runs), x_title=TEXT["layer"],
                                              y_title=TEXT["value"], present=present))


def _heatmaps(runs, present=False):
    return _validated(figs.distribution_heatmaps(
        list(runs), _names(runs), x_title=TEXT["layer"], y_title=TEXT["value"],
        colorbar_title=TEXT["share"], present=present))


def _fractions(runs, present=False):
    return _validated(figs.unit_fractions(
        list(runs), _names(runs), title_saturated=TEXT["saturated"], title_dead=TEXT["dead"],
        x_title=TEXT["layer"], y_title=TEXT["percent"], present=present))


def _check_look(layout: dict, present: bool, height: int) -> None:
    """The shared style: text size, height, and every axis styled."""
    size = 20 if present else 13
    assert layout["font"]["size"] == size
    assert layout["height"] == height
    assert "paper_bgcolor" not in layout and "plot_bgcolor" not in layout  # theme decides
    for key in (k for k in layout if k.startswith(("xaxis", "yaxis"))):
        assert layout[key]["tickfont"]["size"] == size, key
        assert layout[key].get("showline", False) is present, key


def _check_legend_below(layout: dict, present: bool) -> None:
    legend = layout["legend"]
    assert legend["yanchor"] == "top" and legend["y"] == (-0.27 if present else -0.28)
    assert legend["orientation"] == "h"


# ---------------------------------------------------------------- gradient norms


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("key", ["one", "several"])
def test_gradient_norms(key, present):
    runs = _runs(key)
    spec = _gradient_norms(runs, present, chain=_chain(runs))
    data, layout = spec["data"], spec["layout"]
    assert len(data) == 3 * len(runs) + 1  # per run: h, predicted h, W; then the chain line
    for i, run in enumerate(runs):
        theory, h, w = data[3 * i: 3 * i + 3]  # the prediction under its measurement
        assert [t["type"] for t in (h, theory, w)] == ["scatter"] * 3
        assert (h["xaxis"], h["yaxis"], theory["xaxis"]) == ("x", "y", "x")
        assert (w["xaxis"], w["yaxis"]) == ("x2", "y2")
        assert h["legendgroup"] == theory["legendgroup"] == w["legendgroup"] == f"run{i}"
        assert h["line"]["color"] == w["line"]["color"] == theory["line"]["color"] == PALETTE[i]
        assert theory["line"]["dash"] == "dash" and theory["name"].endswith("(theory)")
        # Wider than the measured line and pale, so it shows around it where they agree
        # (but not so pale that blue and green vanish on the dark theme, as at 0.45);
        # listed after it in the legend.
        assert theory["line"]["width"] > 2 * h["line"]["width"]
        assert 0.5 < theory["opacity"] <= 0.6
        assert theory["legendrank"] > h.get("legendrank", 1000)
        assert w["showlegend"] is False and "showlegend" not in h
        assert h["line"]["width"] == (4.0 if present else 2.2)
        np.testing.assert_array_equal(_decode(h["x"]), run.layers)
        np.testing.assert_array_equal(_decode(h["y"]), _gaps(run.grad_h_norm))
        np.testing.assert_array_equal(_decode(theory["y"]), _gaps(run.predicted_grad_h_norm))
        np.testing.assert_array_equal(_decode(w["y"]), _gaps(run.grad_w_norm))
    chain = data[-1]
    assert chain["name"] == TEXT["chain"] and chain["line"]["dash"] == "dot"
    assert (chain["xaxis"], chain["yaxis"]) == ("x", "y")
    for axis in ("yaxis", "yaxis2"):
        assert layout[axis]["type"] == "log" and layout[axis]["exponentformat"] == "power"
    assert layout["yaxis"]["title"]["text"] == TEXT["norm_log"]
    assert layout["xaxis"]["title"]["text"] == layout["xaxis2"]["title"]["text"] == TEXT["layer"]
    # half a layer either side, where the strips end: no tick on a layer 0 that isn't there
    depth = runs[0].depth
    assert layout["xaxis"]["range"] == layout["xaxis2"]["range"] == [0.5, depth + 0.5]
    assert [a["text"] for a in layout["annotations"]] == [TEXT["grad_h_title"],
                                                          TEXT["grad_w_title"]]
    assert layout["xaxis"]["domain"][1] < layout["xaxis2"]["domain"][0]  # side by side
    assert layout["hovermode"] == "x"  # not unified: that would mix the two panels
    _check_look(layout, present, figs.PRESENT_HEIGHT if present else 480)  # fits 1280x720
    _check_legend_below(layout, present)


def _unsized(text: str) -> str:
    """A tick label without the span that sets a power of ten's size."""
    return text.removeprefix('<span style="font-size:125%">').removesuffix("</span>")


def _tick_value(text: str) -> float:
    """The number a tick label writes: ``0.07``, or ``2×10<sup>−7</sup>`` (in a span)."""
    if "<sup>" not in text:
        return float(text)
    text = _unsized(text)
    mantissa, _, power = text.replace("\u2212", "-").partition("10<sup>")
    return float(mantissa.rstrip("\u00d7") or 1) * 10.0 ** int(power.removesuffix("</sup>"))


# A log axis over less than two decades: Plotly would label 0.07 as a bare "7".
@pytest.mark.parametrize("values, texts", [
    ([0.012, 0.95], ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"]),  # 1-2-5
    ([0.0083, 0.07], ["0.01", "0.02", "0.03", "0.05", "0.07"]),  # room for 1-2-3-5-7
    ([0.21, 0.88], ["0.2", "0.3", "0.5", "0.7"]),  # 1-2-5 gives two
    # SELU's 50 layers (tour step 13): every digit put 0.006-0.01 on top of each other
    ([0.0055, 0.037], ["0.007", "0.01", "0.02", "0.03"]),
    ([0.6, 0.95], ["0.6", "0.7", "0.8", "0.9"]),  # every digit, far enough apart
    ([0.6932, 0.696], ["0.694", "0.695", "0.696"]),  # a sliver: round steps of 0.001
    ([0.69310, 0.69320], ["0.6931", "0.69315", "0.6932"]),  # as many digits as it takes
    # below 1e-4 in powers of ten, as Plotly writes the wide axis's 10⁻⁷ beside it
    ([2e-7, 9e-7], ["2×10<sup>−7</sup>", "3×10<sup>−7</sup>", "5×10<sup>−7</sup>",
                    "7×10<sup>−7</sup>"]),
    ([7e-9, 4e-8], ["7×10<sup>−9</sup>", "10<sup>−8</sup>", "2×10<sup>−8</sup>",
                    "3×10<sup>−8</sup>"]),
    ([1.0, 1.0], ["0.96", "0.98", "1", "1.02", "1.04"]),  # flat: 5% either side
])
def test_a_narrow_log_axis_writes_each_tick_whole(values, texts):
    axis = log_axis(np.array(values), [np.nan, 0.0, -1.0], wide=dict(dtick=1))
    assert axis["type"] == "log" and "dtick" not in axis
    assert [_unsized(t) for t in axis["ticktext"]] == texts
    lo, hi = axis["range"]  # in decades, around the values, every tick inside
    assert lo < math.log10(min(values)) <= math.log10(max(values)) < hi
    assert all(lo <= math.log10(v) <= hi for v in axis["tickvals"])
    np.testing.assert_allclose(axis["tickvals"], [_tick_value(t) for t in texts])
    # No two labels closer than an eighth of the axis (the sliver's are evenly spaced).
    assert np.diff(np.log10(axis["tickvals"])).min() >= (hi - lo) / 8 - 1e-12 or \
        len(set(np.round(np.diff(axis["tickvals"]), 12))) == 1


def test_a_wide_log_axis_stays_in_powers_of_ten():
    for values in ([1e-8, 1e-2], [0.001, 0.1], [], [np.nan, 0.0]):
        axis = log_axis(np.array(values, dtype=float), wide=dict(dtick=1))
        assert axis == dict(type="log", exponentformat="power", dtick=1), values


def test_gradient_norms_label_a_narrow_panel_in_whole_values():
    # He-initialised ReLU keeps its gradient within a decade: no bare digits on either panel
    run = gradflow.profile("relu", 30, 64, 64, init="kaiming_normal", seed=0)
    layout = _gradient_norms([run])["layout"]
    for axis in ("yaxis", "yaxis2"):
        texts = layout[axis]["ticktext"]
        assert len(texts) >= 3, (axis, texts)
        # a bare digit only where it is the value (1, 2, 5 on the weight panel's 0.6-5)
        assert all(float(t) >= 1 for t in texts if t.isdigit()), (axis, texts)
    # sigmoid's vanishing gradient spans decades: Plotly's powers of ten
    assert "tickvals" not in _gradient_norms(_runs("several"))["layout"]["yaxis"]


def test_gradient_norms_without_theory_draws_only_measurements():
    runs = _runs("several")
    data = _gradient_norms(runs, theory=False)["data"]
    assert len(data) == 2 * len(runs)  # measured dL/dh and dL/dW per run, nothing dashed
    assert not any(tr.get("line", {}).get("dash") for tr in data)
    assert not any(TEXT["theory_of"].format(run="") in tr["name"] for tr in data)


def test_gradient_norms_chain_line_is_cut_below_the_measured_norms():
    # Under He init ReLU keeps its gradient, so 0.25^n falls 1000x below it within 40 layers.
    run = gradflow.profile("relu", 40, 32, 32, init="kaiming_normal", seed=0)
    reference = _chain((run,))
    chain = _decode(_gradient_norms((run,), chain=reference)["data"][-1]["y"])
    floor = np.min(run.grad_h_norm) / 1e3
    shown = reference >= floor
    assert shown[-1] and not shown[0]  # the top is drawn, the bottom cut
    np.testing.assert_array_equal(chain[shown], reference[shown])
    assert np.isnan(chain[~shown]).all()


def test_gradient_norms_without_a_chain_line():
    runs = _runs("several")
    data = _gradient_norms(runs)["data"]
    assert len(data) == 3 * len(runs)
    assert TEXT["chain"] not in {t["name"] for t in data}


def test_gradient_norms_of_a_dead_network_leave_gaps_not_zeros():
    # Exact zeros can't go on a log axis; with no positive norm at all the chain line stops.
    runs = _runs("dead")
    assert (runs[0].grad_w_norm == 0).all()
    spec = _gradient_norms(runs, chain=_chain(runs))
    strip_h, strip_w, h, w, chain = spec["data"]  # no theory line: it would be one point
    assert np.isnan(_decode(w["y"])).all()
    h_y = _decode(h["y"])
    assert np.isnan(h_y[:-1]).all() and h_y[-1] == runs[0].grad_h_norm[-1] > 0
    assert np.isfinite(_decode(chain["y"])).all()
    # Instead, a strip in the run's colour along each panel's bottom over the zero layers:
    # layers 1-4 of dL/dh (the top one is the loss's own gradient), all five of dL/dW.
    assert (strip_h["x"], strip_w["x"]) == ([0.5, 0.5, 4.5, 4.5, None],
                                            [0.5, 0.5, 5.5, 5.5, None])
    lane = [LANE_GAP, LANE_GAP + LANE_HEIGHT]
    assert strip_h["y"] == [lane[0], lane[1], lane[1], lane[0], None] == strip_w["y"]
    assert strip_h["fillcolor"] == strip_w["fillcolor"] == PALETTE[0]
    assert (strip_h["yaxis"], strip_w["yaxis"], strip_h["xaxis"], strip_w["xaxis"]) == \
        ("y3", "y4", "x", "x2")
    assert strip_h["name"] == _names(runs)[0] and strip_h["showlegend"]  # default name
    assert not strip_w["showlegend"] and strip_h["legendgroup"] == strip_w["legendgroup"]
    layout = spec["layout"]
    # Each panel's strips in a band of its own under its log axis (`style.lane_band`),
    # which spans the data alone: its range is the log axis's own, not lowered for them.
    for data_key, band_key, x_key in (("yaxis", "yaxis3", "xaxis"),
                                      ("yaxis2", "yaxis4", "xaxis2")):
        band, axis = layout[band_key], layout[data_key]
        assert not band["visible"] and band["fixedrange"] and "overlaying" not in band
        assert band["domain"][0] == 0 and band["domain"][1] == axis["domain"][0]
        assert band["range"] == [0, band["domain"][1]]  # in shares of the panel's height
        assert layout[x_key]["anchor"] == f"y{band_key[5:]}"  # the x axis under the band
    assert "range" not in layout["yaxis"]  # many decades: Plotly ranges it, over the data
    # dL/dW has no positive value at all: one decade without tick labels, just the strip.
    assert layout["yaxis2"]["range"] == [0, 1] and not layout["yaxis2"]["showticklabels"]


# The page's views whose "exactly 0" strip stood beside a log tick, and read as that value:
# ReLU beside LeakyReLU under He init, dying under a bias of -0.5 (10⁻¹⁴ beside the left
# panel's strip) and cut off in a net of 2-unit layers (10⁻⁸).
STRIP_VIEWS = {"dying": dict(depth=10, width=128, bias=-0.5),
               "narrow": dict(depth=15, width=2, bias=0.0)}


@cache
def _strip_runs(view: str) -> tuple:
    v = STRIP_VIEWS[view]
    return tuple(gradflow.profile(act, v["depth"], v["width"], 256, init="kaiming_normal",
                                  bias=v["bias"]) for act in ("relu", "leaky_relu"))


def _strips_and_ticks(spec: dict, panel: str) -> tuple[float, float, list[float], float]:
    """Of the panel whose log axis is ``panel`` ("y" or "y2"), in shares of the figure's
    plot area (paper): the top of its highest strip, the bottom of the log axis's domain,
    where each tick the log axis can draw lies (its ``tickvals``, else 1, 2 and 5 times
    every power of ten in its range; Plotly's own range taken as the data's, padded as
    `figs.theory_tolerance` takes it), and the bottom of the panel."""
    layout, data = spec["layout"], spec["data"]
    axis = layout[style.axis_key(panel)]
    x = {"y": "x", "y2": "x2"}[panel]
    bottom, top = axis.get("domain", [0.0, 1.0])
    strips = [t for t in data if t.get("fill") and t["xaxis"] == x]
    band = layout[style.axis_key(strips[0]["yaxis"])]
    b0, b1 = band.get("domain") or layout[style.axis_key(band["overlaying"])].get(
        "domain", [0.0, 1.0])  # (drawn over the log axis, the strips shared its domain)
    r0, r1 = band["range"]
    highest = max(v for t in strips for v in t["y"] if v is not None)
    strip_top = b0 + (highest - r0) / (r1 - r0) * (b1 - b0)
    if "range" in axis:
        lo, hi = axis["range"]
    else:
        lo, hi = style.log_span(*(_decode(t["y"]) for t in data
                                  if t.get("yaxis") == panel and not t.get("fill")))
        pad = figs.AUTORANGE_PAD * (hi - lo)
        lo, hi = lo - pad, hi + pad
    ticks = axis.get("tickvals") or [m * 10.0 ** k for k in range(math.floor(lo), math.ceil(hi) + 1)
                                     for m in (1, 2, 5)]
    at = [bottom + (math.log10(t) - lo) / (hi - lo) * (top - bottom) for t in ticks
          if lo <= math.log10(t) <= hi]
    return strip_top, bottom, at, b0


@pytest.mark.parametrize("stacked", [False, True])
@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("view", sorted(STRIP_VIEWS))
def test_no_log_tick_stands_beside_the_strips(view, present, stacked):
    """The strips of exactly-0 layers lie in a band of each panel's own, under its log
    axis's domain: no tick of the log axis (nor its gridline) lies among them, nor so near
    that its label reaches down beside them. Drawn over the log axis, lowered to make
    room, the strip lay on 10⁻¹⁴ and read as that value."""
    runs = _strip_runs(view)
    names = _names(runs)
    spec = _validated(figs.gradient_norms(
        list(runs), names, title_h=TEXT["grad_h_title"], title_w=TEXT["grad_w_title"],
        x_title=TEXT["layer"], y_title=TEXT["norm_log"],
        theory_names=[TEXT["theory_of"].format(run=n) for n in names],
        chain_name=TEXT["chain"], present=present, stacked=stacked))
    grid = style.two_panels((TEXT["grad_h_title"], TEXT["grad_w_title"]), stacked)
    for panel in ("y", "y2"):
        strip_top, axis_bottom, ticks, panel_bottom = _strips_and_ticks(spec, panel)
        gap = LANE_GAP * (grid[style.axis_key(panel)]["domain"][1] - panel_bottom)
        assert ticks, panel
        assert axis_bottom >= strip_top + gap - 1e-9, (panel, axis_bottom, strip_top)
        assert min(ticks) >= axis_bottom - 1e-9 and min(ticks) > strip_top + gap, \
            (panel, ticks, strip_top)
        # the band inside the panel's own domain (stacked: the lower half is the other's)
        assert panel_bottom == grid[style.axis_key(panel)]["domain"][0]
        assert spec["layout"][style.axis_key(panel)]["domain"][1] == \
            grid[style.axis_key(panel)]["domain"][1]
        # room for the lower half of the lowest tick's label above the strips
        height = grid[style.axis_key(panel)]["domain"][1] - panel_bottom
        room = style.lane_room(present, figs.PANEL_PX) * height
        assert axis_bottom - strip_top >= gap + room - 1e-9


@pytest.mark.parametrize("key", ["one", "several", "deep", "exploding"])
def test_gradient_norms_without_zeros_draw_no_strip(key):
    spec = _gradient_norms(_runs(key))
    assert not [t for t in spec["data"] if t.get("fill")]
    assert "yaxis3" not in spec["layout"] and "yaxis4" not in spec["layout"]


def test_zero_spans_join_neighbours_and_skip_overflow():
    layers = np.arange(1, 9)
    norms = [0.0, 0.0, 1e-3, 0.0, np.inf, np.nan, 0.0, 0.0]
    assert figs._zero_spans(layers, norms) == [(0.5, 2.5), (3.5, 4.5), (6.5, 8.5)]
    assert figs._zero_spans(layers, np.ones(8)) == []


def test_gradient_norms_of_an_exploding_network_keep_float64():
    run = _runs("exploding")[0]
    assert run.grad_h_norm.max() > 1e60  # beyond float32: the cast would give inf
    h = _gradient_norms((run,))["data"][1]
    assert h["y"]["dtype"] == "f8"
    np.testing.assert_array_equal(_decode(h["y"]), _gaps(run.grad_h_norm))


# ---------------------------------------------------------------- distributions


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("key", ["one", "several"])
def test_distribution_boxes(key, present):
    runs = _runs(key)
    spec = _boxes(runs, present)
    data, layout = spec["data"], spec["layout"]
    assert [t["type"] for t in data] == ["box"] * len(runs)
    for i, (box, run, name) in enumerate(zip(data, runs, _names(runs))):
        assert box["name"] == name and box["marker"]["color"] == PALETTE[i]
        assert box["boxpoints"] is False
        np.testing.assert_array_equal(_decode(box["x"]), run.layers)
        for j, field in enumerate(("lowerfence", "q1", "median", "q3", "upperfence")):
            np.testing.assert_allclose(_decode(box[field]), run.h_quantiles[:, j], rtol=1e-6)
        np.testing.assert_allclose(_decode(box["mean"]), run.h_mean, rtol=1e-6)
    assert layout["boxmode"] == "group" and layout["hovermode"] == "closest"
    assert layout["xaxis"]["title"]["text"] == TEXT["layer"]
    assert layout["yaxis"]["title"]["text"] == TEXT["value"]
    assert layout["yaxis"]["hoverformat"] == ".4~g"  # quartiles as 0.4321, not 0.43212345
    _check_look(layout, present, 600 if present else 380)


def test_distribution_boxes_of_a_deep_net_show_at_most_max_boxes_layers():
    runs = _runs("deep")
    for box, run in zip(_boxes(runs)["data"], runs):
        x = _decode(box["x"])
        assert len(x) == 50 < run.depth  # MAX_BOXES
        assert x[0] == 1 and x[-1] == run.depth and (np.diff(x) > 0).all()
        np.testing.assert_allclose(_decode(box["median"]), run.h_quantiles[x - 1, 2], rtol=1e-6)


def test_distribution_boxes_of_an_exploding_network_keep_float64():
    run = _runs("exploding")[0]
    assert np.abs(run.h_quantiles).max() > np.finfo(np.float32).max
    box = _boxes((run,))["data"][0]
    assert box["upperfence"]["dtype"] == "f8"
    np.testing.assert_array_equal(_decode(box["upperfence"]), run.h_quantiles[:, 4])
    assert np.isfinite(_decode(box["mean"])).all()


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("key", ["one", "several"])
def test_distribution_heatmaps(key, present):
    runs = _runs(key)
    spec = _heatmaps(runs, present)
    data, layout = spec["data"], spec["layout"]
    n = len(runs)
    assert [t["type"] for t in data] == ["heatmap"] * n
    for k, (heat, run) in enumerate(zip(data, runs), start=1):
        suffix = "" if k == 1 else str(k)
        assert (heat["xaxis"], heat["yaxis"]) == (f"x{suffix}", f"y{suffix}")
        assert heat["coloraxis"] == "coloraxis"  # one colour scale for every panel
        z = _decode(heat["z"])
        assert z.shape == (len(run.hist_edges) - 1, run.depth)  # (bins, layers)
        with np.errstate(divide="ignore"):
            expected = np.where(run.hist.T > 0, np.log10(run.hist.T), np.nan)
        np.testing.assert_allclose(z, expected, rtol=1e-6)
        np.testing.assert_allclose(_decode(heat["customdata"]), 100 * run.hist.T, rtol=1e-6)
        centres = (run.hist_edges[1:] + run.hist_edges[:-1]) / 2
        np.testing.assert_allclose(_decode(heat["y"]), centres, rtol=1e-6)
        assert layout[f"yaxis{suffix}"]["title"]["text"] == TEXT["value"]
        # x is shared: only the bottom panel has the title (and the tick labels)
        x_title = layout[f"xaxis{suffix}"].get("title", {}).get("text")
        assert x_title == (TEXT["layer"] if k == n else None)
    assert [a["text"] for a in layout["annotations"]] == _names(runs)
    colors = layout["coloraxis"]
    # The colour scale Plotly's validator makes of "Viridis" (plotly.js's own differs).
    viridis = go.layout.Coloraxis(colorscale="Viridis").colorscale
    assert colors["colorscale"] == [list(stop) for stop in viridis]
    assert (colors["cmin"], colors["cmax"]) == (-3.5, 0.0)
    assert colors["colorbar"]["title"]["text"] == TEXT["share"]
    assert colors["colorbar"]["ticktext"] == ["0.1%", "1%", "10%", "100%"]
    assert layout["hovermode"] == "closest"
    _check_look(layout, present, int((560 if present else 380) * (0.6 + 0.4 * n)))


def test_distribution_heatmaps_without_runs():
    spec = _heatmaps(())
    assert spec["data"] == []
    assert spec["layout"]["xaxis"]["title"]["text"] == TEXT["layer"]


# ---------------------------------------------------------------- unit fractions


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("key", ["one", "several", "dead"])
def test_unit_fractions(key, present):
    runs = _runs(key)
    spec = _fractions(runs, present)
    data, layout = spec["data"], spec["layout"]
    assert len(data) == 2 * len(runs)
    for i, run in enumerate(runs):
        saturated, dead = data[2 * i: 2 * i + 2]
        assert (saturated["xaxis"], dead["xaxis"]) == ("x", "x2")
        assert saturated["legendgroup"] == dead["legendgroup"] == f"run{i}"
        assert dead["showlegend"] is False
        assert saturated["marker"]["symbol"] == ("circle", "square", "diamond")[i] + "-open"
        np.testing.assert_allclose(_decode(saturated["y"]), 100 * run.saturated, rtol=1e-6)
        np.testing.assert_allclose(_decode(dead["y"]), 100 * run.dead, rtol=1e-6)
    for axis in ("yaxis", "yaxis2"):
        assert layout[axis]["range"] == [-3, 103] and layout[axis]["ticksuffix"] == "%"
        assert layout[axis]["hoverformat"] == ".4~g"  # "46.15%", not "46.14563%"
    assert layout["yaxis2"]["matches"] == "y"  # one percent scale for both panels
    # from half a layer before the first to half after the last, as on the gradient chart:
    # the nested markers no longer widen it to a tick at a layer 0 (they overhang it)
    depth = runs[0].depth
    assert layout["xaxis"]["range"] == layout["xaxis2"]["range"] == [0.5, depth + 0.5]
    assert all(trace["cliponaxis"] is False for trace in data)
    assert layout["legend"]["itemsizing"] == "constant"  # not a dot where few layers are marked
    assert layout["yaxis"]["title"]["text"] == TEXT["percent"]
    assert [a["text"] for a in layout["annotations"]] == [TEXT["saturated"], TEXT["dead"]]
    assert layout["hovermode"] == "x"
    _check_look(layout, present, 640 if present else 440)
    _check_legend_below(layout, present)


@pytest.mark.parametrize("which", ["norms", "fractions"])
def test_two_panel_charts_stack_on_a_phone(which):
    """On a phone the two panels stand one above the other, full width, each with its y
    title; the traces stay on the same axes (x/y the first panel, x2/y2 the second)."""
    runs = _runs("several")
    names = _names(runs)
    if which == "norms":
        build = lambda stacked: figs.gradient_norms(  # noqa: E731
            list(runs), names, title_h=TEXT["grad_h_title"], title_w=TEXT["grad_w_title"],
            x_title=TEXT["layer"], y_title=TEXT["norm_log"], theory_names=None,
            chain_name=TEXT["chain"], stacked=stacked)
        y_title, height = TEXT["norm_log"], 800
    else:
        build = lambda stacked: figs.unit_fractions(  # noqa: E731
            list(runs), names, title_saturated=TEXT["saturated"], title_dead=TEXT["dead"],
            x_title=TEXT["layer"], y_title=TEXT["percent"], stacked=stacked)
        y_title, height = TEXT["percent"], 740
    layout = assert_stacked(*(_validated(build(stacked)) for stacked in (False, True)))
    assert layout["yaxis"]["title"]["text"] == layout["yaxis2"]["title"]["text"] == y_title
    titles = layout["annotations"]
    assert titles[0]["y"] > titles[1]["y"] and titles[0]["x"] == titles[1]["x"] == 0.5
    assert layout["height"] == height and layout["legend"]["y"] == -0.12


def _marker_sizes(data: list[dict], depth: int) -> list[np.ndarray]:
    """Each run's marker size at every layer, from its traces with markers (one per panel,
    both alike), in run order."""
    runs: dict[str, list[dict]] = {}
    for trace in data:
        if trace.get("mode") == "lines+markers":
            runs.setdefault(trace["legendgroup"], []).append(trace["marker"])
    sizes = []
    for left, right in runs.values():
        assert left == right
        size = _decode(left["size"]) if isinstance(left["size"], dict) else left["size"]
        sizes.append(np.broadcast_to(size, (depth,)))
    return sizes


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("key", ["one", "several", "deep"])
@pytest.mark.parametrize("chart", ["gradient", "fractions"])
def test_markers_of_runs_that_coincide_nest(chart, key, present):
    """Runs at the same value (0% at every layer on the fraction chart; the loss's gradient
    at the last layer on the gradient chart) draw their lines over one another; their
    markers are outlines that nest, so every run's shape still shows where they coincide:
    each run's marker is wider than the next run's by more than both their outlines, fully
    opaque, at the same layers for every run, and at most 15 layers a run carry one (a
    60-layer net's markers ran into one band)."""
    runs = _runs(key)
    spec = _fractions(runs, present) if chart == "fractions" else _gradient_norms(runs, present)
    data = spec["data"]
    sizes = _marker_sizes(data, runs[0].depth)
    assert len(sizes) == len(runs)
    shown = sizes[0] > 0
    assert 0 < shown.sum() <= 15 and (shown.all() or runs[0].depth > 15)
    assert all(np.array_equal(s > 0, shown) for s in sizes)  # the same layers for every run
    if not shown.all():  # a deep net (60 layers): every 5th, as the ticks run
        np.testing.assert_array_equal(runs[0].layers[shown], np.arange(5, 61, 5))
    measured = [t for t in data if t.get("mode") == "lines+markers"][::2]  # left panels
    widths = [s[shown][0] for s in sizes]
    for trace, (outer, inner) in zip(measured, zip(widths, widths[1:])):
        assert outer - inner > 2 * trace["marker"]["line"]["width"]
    assert widths[-1] >= 8  # the innermost still reads
    for trace in measured:
        m = trace["marker"]
        assert m["symbol"].endswith("-open") and m["opacity"] == 1
        assert m["color"] == trace["line"]["color"]
    assert spec["layout"]["legend"]["itemsizing"] == "constant"  # not a trace's mean size


@pytest.mark.parametrize("depth, layers", [
    (15, range(1, 16)),
    (16, range(2, 17, 2)),
    (37, [5, 10, 15, 20, 25, 30, 35, 37]),
    (50, range(5, 51, 5)),
    (200, range(20, 201, 20)),
])
def test_a_deep_net_marks_round_layers_and_the_last(depth, layers):
    """Up to 15 layers, each has a marker; deeper, every 2nd, 5th, 10th ... layer (as the
    axis ticks run), and the last, where the loss's gradient enters."""
    run = gradflow.profile("relu", depth, 2, 2, init="kaiming_normal", seed=0)
    size = _marker_sizes(_gradient_norms([run])["data"], depth)[0]
    np.testing.assert_array_equal(run.layers[size > 0], list(layers))


def test_a_dead_relu_shows_its_last_point_around_the_one_that_lives():
    """The tour's dying-ReLU step: below the top, ReLU's gradient is exactly 0 (a strip),
    and its one point, at the last layer, lies where LeakyReLU's is. It is drawn around it,
    wider, so the ReLU in the legend has something on the chart."""
    runs = [gradflow.profile(a, 10, 32, 16, init="kaiming_normal", seed=0, bias=-20.0)
            for a in ("relu", "leaky_relu")]
    data = _gradient_norms(runs)["data"]
    relu, leaky = (t for t in data
                   if t.get("mode") == "lines+markers" and t.get("yaxis", "y") == "y")
    # ReLU's prediction is 0 below the top too: one value draws no line, so neither it nor
    # its legend entry is there; LeakyReLU's is.
    theories = [t["name"] for t in data if t.get("line", {}).get("dash") == "dash"]
    assert theories == [TEXT["theory_of"].format(run=_names(runs)[1])]
    y_relu, y_leaky = _decode(relu["y"]), _decode(leaky["y"])
    assert np.isnan(y_relu[:-1]).all() and y_relu[-1] > 0  # one point, at the top
    np.testing.assert_allclose(y_relu[-1], y_leaky[-1], rtol=1e-2)  # where LeakyReLU's is
    assert relu["marker"]["size"] > leaky["marker"]["size"] + 2 * relu["marker"]["line"]["width"]


def test_unit_fractions_of_a_dead_network_read_100_percent():
    dead = _fractions(_runs("dead"))["data"][1]
    np.testing.assert_array_equal(_decode(dead["y"]), 100.0)


# ---------------------------------------------------------------- gallery


# Where each gallery panel breaks (default parameters, x in [-4, 4]), from the definitions
# written out, not from the library: f's jumps as (x, left limit, right limit, the value f
# takes there), and f''s, which jumps at each of f's kinks; f' breaks at f's jumps too
# (limits only: f' has no value there). The values taken are PyTorch's (its forward, and
# for f' the backward formulas of tests/test_functions.py's KINK_GRADS).
SELU_L, SELU_A = 1.0507009873554804934193349852946, 1.6732632423543772848170429916717
GALLERY_F_JUMPS = {
    "step": [(0.0, 0.0, 1.0, 0.0)],  # torch.heaviside(0, 0) = 0
    "threshold": [(1.0, 0.0, 1.0, 0.0)],  # x <= 1 -> value 0
    "hardshrink": [(-0.5, -0.5, 0.0, 0.0), (0.5, 0.0, 0.5, 0.0)],  # |x| <= 0.5 -> 0
}
GALLERY_DF_AT_F_JUMPS = {"step": [(0.0, 0.0, 0.0)], "threshold": [(1.0, 0.0, 1.0)],
                         "hardshrink": [(-0.5, 1.0, 0.0), (0.5, 0.0, 1.0)]}
GALLERY_DF_JUMPS = {
    "relu": [(0.0, 0.0, 1.0, 0.0)],
    "leaky_relu": [(0.0, 0.01, 1.0, 0.01)],
    "prelu": [(0.0, 0.25, 1.0, 0.25)],
    "rrelu": [(0.0, (1 / 8 + 1 / 3) / 2, 1.0, (1 / 8 + 1 / 3) / 2)],
    "selu": [(0.0, SELU_L * SELU_A, SELU_L, SELU_L * SELU_A)],
    "relu6": [(0.0, 0.0, 1.0, 0.0)],  # its kink at 6 is off the panel
    "hardtanh": [(-1.0, 0.0, 1.0, 0.0), (1.0, 1.0, 0.0, 0.0)],
    "hardsigmoid": [(-3.0, 0.0, 1 / 6, 0.0), (3.0, 1 / 6, 0.0, 0.0)],
    "hardswish": [(-3.0, 0.0, -0.5, 0.0), (3.0, 1.5, 1.0, 1.0)],  # (2x + 3)/6 inside
    "softshrink": [(-0.5, 1.0, 0.0, 0.0), (0.5, 0.0, 1.0, 0.0)],
}
# Max |slope| of any panel's f and f' on [-4, 4] (SELU's f' = 1.76 e^x; Softsign's f'' = 2
# at 0): a segment between neighbours steeper than this is a vertical connector.
STEEPEST = 3.5


def _panels(data: list[dict]) -> dict:
    """The gallery's traces by panel (x axis): [f, f', dots?]."""
    out = {}
    for tr in data:
        out.setdefault(tr["xaxis"], []).append(tr)
    return out


def _connectors(x: np.ndarray, y: np.ndarray) -> list[float]:
    """x where a drawn segment (two neighbours, both finite) rises faster than any panel's
    slope: a jump joined by a line."""
    ok = np.isfinite(y[:-1]) & np.isfinite(y[1:])
    rise = np.abs(np.diff(y))
    steep = ok & (rise > STEEPEST * np.abs(np.diff(x)) + 1e-5)
    return [float(v) for v in x[:-1][steep]]


def _check_breaks(x: np.ndarray, y: np.ndarray, exact, breaks, name: str) -> None:
    """``y`` is ``exact`` (the function on the grid) at every point but the breaks; at each
    break (x_j, left, right) x_j comes three times: left limit, a gap, right limit."""
    at_break = np.zeros(len(x), dtype=bool)
    for xj, left, right, *_ in breaks:
        (i,) = np.flatnonzero(np.isnan(y) & np.isclose(x, xj, atol=1e-6))
        assert x[i - 1] == x[i + 1] == np.float32(xj), name
        np.testing.assert_allclose([y[i - 1], y[i + 1]], [left, right], atol=1e-6,
                                   err_msg=name)
        at_break[i - 1: i + 2] = True
    assert np.isnan(y).sum() == len(breaks), name
    np.testing.assert_allclose(y[~at_break], exact(x[~at_break].astype(np.float64)),
                               rtol=1e-6, atol=1e-7, err_msg=name)
    assert _connectors(x, y) == [], name


@pytest.mark.parametrize("lang", ["EN", "KO"])
@pytest.mark.parametrize("present", [False, True])
def test_gallery_of_every_activation(present, lang):
    text = getattr(home_text, lang)
    names = activations.names()
    spec = _validated(gallery.gallery_figure(list(names), text["f"], text["df"],
                                             present=present))
    data, layout = spec["data"], spec["layout"]
    columns, rows = 5, math.ceil(len(names) / 5)
    panels = _panels(data)
    assert len(panels) == len(names)
    x = np.linspace(-4, 4, 161)  # POINTS
    for i, name in enumerate(names):
        act = activations.get(name)
        k = i + 1  # make_subplots numbers the cells row by row
        ref = ("x" if k == 1 else f"x{k}", "y" if k == 1 else f"y{k}")
        f, df, *dots = panels[ref[0]]
        assert (f["xaxis"], f["yaxis"]) == (df["xaxis"], df["yaxis"]) == ref
        assert (f["name"], df["name"]) == (text["f"], text["df"])
        assert f["line"]["color"] == df["line"]["color"] == PALETTE[i % len(PALETTE)]
        assert df["line"]["dash"] == "dot" and "dash" not in f["line"]
        assert f["showlegend"] is False and df["showlegend"] is False
        fx, fy = _decode(f["x"]), _decode(f["y"])
        if name not in GALLERY_F_JUMPS and name not in GALLERY_DF_JUMPS:
            np.testing.assert_allclose(fx, x, rtol=1e-6, atol=1e-7)
        _check_breaks(fx, fy, act, GALLERY_F_JUMPS.get(name, []), name)
        slope_breaks = GALLERY_DF_AT_F_JUMPS.get(name, []) + GALLERY_DF_JUMPS.get(name, [])
        _check_breaks(_decode(df["x"]), _decode(df["y"]), act.grad, slope_breaks, name)
    assert [a["text"] for a in layout["annotations"]] == [activations.get(n).label
                                                         for n in names]
    assert {a["font"]["size"] for a in layout["annotations"]} == {20 if present else 13}
    axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))]
    assert len(axes) == 2 * rows * columns
    for key in axes:  # thumbnails: a few labelled ticks, the faint grid even on a projector
        assert layout[key]["showticklabels"] is True, key
        assert layout[key]["gridcolor"] == layout[key]["zerolinecolor"] == GRID, key
        if key.startswith("yaxis"):
            assert layout[key]["range"] == [-1.6, 3.2], key
            assert list(layout[key]["tickvals"]) == [-1, 0, 1, 2, 3], key
        else:
            assert list(layout[key]["tickvals"]) == [-3, 0, 3], key  # inset from the ends
    assert layout["hovermode"] == "closest"
    # 50 on top: Plotly's hover toolbar above the first row's titles (tests/browser)
    assert layout["margin"] == dict(l=25, r=5, t=50, b=25)
    _check_look(layout, present, (250 if present else 185) * rows)


@pytest.mark.parametrize("present", [False, True])
def test_gallery_dots_a_jump_filled_at_the_value_taken_hollow_at_the_other_limit(present):
    """f's jumps and f''s (at f's kinks) as the explorer draws them: a filled dot at the
    value taken (PyTorch's: H(0) = 0, ReLU'(0) = 0), a hollow one at the other side's
    limit, in one trace of the panel's colour; none where the jump is under
    `MIN_DOT_JUMP` (Hardsigmoid's f' steps by 1/6: its dots lay on each other)."""
    names = activations.names()
    data = _validated(gallery.gallery_figure(list(names), "f", "df", present=present))["data"]
    panels = _panels(data)
    dotted = {}
    for i, name in enumerate(names):
        f, df, *dots = panels["x" if i == 0 else f"x{i + 1}"]
        if dots:
            (d,) = dots
            assert d["mode"] == "markers" and d["showlegend"] is False
            assert d["marker"]["color"] == d["marker"]["line"]["color"] == PALETTE[i % 8]
            assert d["marker"]["size"] == (8 if present else 6)
            dotted[name] = sorted(zip(_decode(d["x"]).round(6).tolist(),
                                      _decode(d["y"]).round(6).tolist(),
                                      d["marker"]["symbol"], strict=True))
    expected = {}
    for name in names:
        marks = []
        for xj, left, right, at in GALLERY_F_JUMPS.get(name, []) + GALLERY_DF_JUMPS.get(name, []):
            if abs(right - left) >= 0.3:
                marks += [(xj, at, "circle")] + [(xj, v, "circle-open")
                                                 for v in sorted({left, right} - {at})]
        if marks:
            expected[name] = sorted((round(a, 6), round(b, 6), c) for a, b, c in marks)
    assert dotted == expected
    assert "hardsigmoid" not in dotted and {"step", "relu", "hardshrink"} <= set(dotted)


def test_gallery_reuses_each_panel_and_costs_no_more_than_before():
    """The panels (values, breaks, dots) are made once for the gallery's fixed grid and
    shared by later builds: the home page's figure is rebuilt per language, mode and
    layout; the jumps of the 12 with kinks took 2 ms, as long as the rest of a build."""
    gallery._panel.cache_clear()
    names = list(activations.names())
    first = gallery.gallery_figure(names, "f", "df").to_dict()["data"]
    hits = gallery._panel.cache_info().hits
    again = gallery.gallery_figure(names, "f", "df", columns=3).to_dict()["data"]
    assert gallery._panel.cache_info().hits == hits + len(names)
    for a, b in zip(first, again, strict=True):
        assert np.array_equal(_decode(a["y"]), _decode(b["y"]), equal_nan=True)


def test_gallery_leaves_the_last_row_partly_empty():
    spec = _validated(gallery.gallery_figure(["sigmoid", "tanh", "relu", "gelu"], "f", "df",
                                             columns=3))
    data, layout = spec["data"], spec["layout"]
    # ReLU's f' jump has its dots, a third trace in its panel
    assert [t["xaxis"] for t in data] == ["x", "x", "x2", "x2", "x3", "x3", "x3", "x4", "x4"]
    assert "xaxis6" in layout and "xaxis7" not in layout  # 2 rows x 3 columns
    assert layout["height"] == 2 * 185
    assert len(layout["annotations"]) == 4


# ---------------------------------------------------------------- the shared palette


def test_palette_keeps_look_alike_colours_apart_and_every_curve_has_a_dash():
    """Okabe-Ito orange #E69F00 and vermilion #D55E00 look alike on a projector: they are
    never among the same three curves, and every curve has its own dash pattern too."""
    from activations.figures.style import DASHES, dash

    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"}
    assert okabe_ito <= set(PALETTE) and len(set(PALETTE)) == len(PALETTE)
    orange, vermilion = PALETTE.index("#E69F00"), PALETTE.index("#D55E00")
    assert abs(orange - vermilion) >= 3
    assert len(set(DASHES)) == len(DASHES) == len(PALETTE)
    assert [dash(i) for i in range(len(PALETTE) + 1)] == [*DASHES, DASHES[0]]
    assert dash(0) == "solid"


def test_merge_copies_deeply_and_leaves_its_inputs_alone():
    import numpy as np

    from activations.figures.style import merge

    base = {"font": {"size": 12, "family": "x"}, "ticks": [1, {"a": [2]}], "t": (1, 2),
            "vals": np.arange(3)}
    extra = {"font": {"size": 20}, "ticks": [3], "new": {"b": [4]}}
    before = repr((base, extra))
    out = merge(base, extra)
    assert out == {"font": {"size": 20, "family": "x"}, "ticks": [3], "t": (1, 2),
                   "vals": out["vals"], "new": {"b": [4]}}
    assert repr((base, extra)) == before
    out["font"]["family"] = "y"
    out["new"]["b"].append(5)
    out["vals"][0] = 9
    assert base["font"]["family"] == "x" and extra["new"]["b"] == [4]
    assert base["vals"][0] == 0  # an array in a layout is copied, not shared
    nested = {"ticks": [1, {"a": [2]}]}
    assert merge(nested, {})["ticks"][1] is not nested["ticks"][1]  # dicts inside lists too


# ---------------------------------------------------------------- animations on a phone


@pytest.mark.parametrize("present", [False, True])
@pytest.mark.parametrize("build", ["_animation", "_race"])  # the sweep: test_explore.py
def test_on_a_phone_an_animation_slider_lies_under_its_buttons(build, present):
    """Beside Play and Pause (about 140 px of a 390 px phone) the race's slider started
    under Pause; stacked, it runs under them across the width, and the figure grows by as
    much as it drops, so the plot keeps its size (tests/browser/test_phone.py measures it)."""
    from activations.figures.style import STACKED_SLIDER_DROP
    from tests import test_spec

    wide, phone = (getattr(test_spec, build)(present, stacked=s).to_dict()["layout"]
                   for s in (False, True))
    (_, slider), (_, beside) = phone["sliders"], wide["sliders"]  # (ruler, slider)
    assert beside["x"] >= 0.2 and beside["len"] <= 0.8  # beside the buttons
    assert (slider["x"], slider["len"], slider["xanchor"]) == (0, 1, "left")
    assert slider["pad"]["t"] == beside["pad"]["t"] + STACKED_SLIDER_DROP
    assert slider["y"] == beside["y"] and phone["updatemenus"] == wide["updatemenus"]
    assert phone["height"] == wide["height"] + STACKED_SLIDER_DROP
    assert phone["margin"]["b"] == wide["margin"]["b"] + STACKED_SLIDER_DROP
    assert phone["margin"]["t"] == wide["margin"]["t"]


def test_a_ruler_marks_round_values_and_both_ends():
    """`ruler_picks`: the ends and evenly spaced steps whose labels read round; the count
    of gaps even or 3, so that Plotly labelling every other mark still labels the end."""
    from activations import playground as pg
    from activations.figures.style import ruler_picks

    def marks(labels):
        return [labels[i] for i in ruler_picks(labels)]

    temperatures = [format(t, "g") for t in pg.TEMPERATURES]  # 0.01 ... 100, 41 steps
    assert marks(temperatures) == ["0.01", "0.03", "0.1", "0.3", "1", "3", "10", "30", "100"]
    assert marks([str(5 * i) for i in range(101)]) == [str(50 * i) for i in range(11)]
    # 31 stops at uneven steps of 200 (0, 7, 13, 20 ...): 0, 20 ... 200, not 0, 100, 200
    race = [str(round(200 * i / 30)) for i in range(31)]
    assert marks(race) == [str(20 * i) for i in range(11)]
    assert marks(["−3", "−1.5", "0", "1.5", "3"]) == ["−3", "−1.5", "0", "1.5", "3"]
    assert marks([f"{i / 37:.3g}" for i in range(38)]) == ["0", "1"]  # 37 gaps: ends
    assert marks(["a", "b", "c"]) == ["a", "c"] and marks(["1"]) == ["1"]
    for n in range(1, 120):
        picks = ruler_picks([str(i) for i in range(n + 1)])
        gaps = len(picks) - 1
        assert picks[0] == 0 and picks[-1] == n and gaps <= 10, n
        assert gaps in (1, 3) or gaps % 2 == 0, n
        assert len({b - a for a, b in zip(picks, picks[1:])}) == 1, n

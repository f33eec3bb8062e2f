"""activations.gradflow: the hand-written backward pass, the statistics, the classic results.

Gradients are checked against central finite differences of a reference forward pass
written out again here (plain formulas, no code shared with the implementation beyond
the registry's forward functions, which have their own tests).
"""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import activations
from activations import gradflow, init

EPS = 1e-5


# ---- reference: the forward pass from h_start at layer `start` (0-based) -------------------


def ref_loss(act, h, start, weights, biases, y, normalization="none", residual=False):
    for w, b in zip(weights[start:], biases[start:]):
        z = h @ w + b
        if normalization == "batch":
            z = (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + EPS)
        elif normalization == "layer":
            z = (z - z.mean(axis=1, keepdims=True)) / np.sqrt(z.var(axis=1, keepdims=True) + EPS)
        h = h + act(z) if residual else act(z)
    return 0.5 * np.mean((h - y) ** 2)


def finite_difference(f, a, step=1e-6):
    """Central differences of the scalar f() with respect to every entry of ``a`` (in place)."""
    out = np.zeros_like(a)
    for idx in np.ndindex(a.shape):
        keep = a[idx]
        a[idx] = keep + step
        up = f()
        a[idx] = keep - step
        down = f()
        a[idx] = keep
        out[idx] = (up - down) / (2 * step)
    return out


def close(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=1e-5, atol=1e-9)


FD_ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu", "softplus"]


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("normalization", gradflow.NORMALIZATIONS)
@pytest.mark.parametrize("name", FD_ACTIVATIONS)
def test_backward_matches_finite_differences(name, normalization, residual):
    sim = gradflow.simulate(name, depth=3, width=4, batch=5, init="xavier_normal", seed=3,
                            normalization=normalization, residual=residual, bias=0.3)
    act = activations.get(name)
    weights = [w.copy() for w in sim.weights]
    biases = [b.copy() for b in sim.biases]
    hs = [h.copy() for h in sim.activations]
    opts = dict(normalization=normalization, residual=residual)

    def loss_from(start):
        return lambda: ref_loss(act, hs[start], start, weights, biases, sim.y, **opts)

    assert sim.loss == pytest.approx(loss_from(0)(), rel=1e-13)
    for l in range(sim.depth):
        close(sim.grad_weights[l], finite_difference(loss_from(0), weights[l]))
        close(sim.grad_biases[l], finite_difference(loss_from(0), biases[l]))
    for l in range(sim.depth + 1):  # dL/dh_l, including the input and the output
        close(sim.grad_activations[l], finite_difference(loss_from(l), hs[l]))


def test_backward_matches_finite_differences_for_a_custom_activation():
    class Cube:
        """Activation-like: only call, grad, name and label."""

        name, label = "cube", "x³/3"

        def __call__(self, x, **params):
            return x**3 / 3

        def grad(self, x, **params):
            return x**2

    act = Cube()
    sim = gradflow.simulate(act, 2, 3, 4, init="xavier_uniform", seed=1)
    weights = [w.copy() for w in sim.weights]
    f = lambda: ref_loss(act, sim.x, 0, weights, sim.biases, sim.y)  # noqa: E731
    for l in range(2):
        close(sim.grad_weights[l], finite_difference(f, weights[l]))
    assert gradflow.layer_stats(sim).label == "x³/3"


def test_activation_parameters_reach_forward_and_backward():
    sim = gradflow.simulate("leaky_relu", 2, 4, 6, seed=2, params={"negative_slope": 0.3},
                            bias=-0.2)
    act = activations.get("leaky_relu")
    weights = [w.copy() for w in sim.weights]
    f = lambda: ref_loss(lambda z: act(z, negative_slope=0.3), sim.x, 0, weights,  # noqa: E731
                         sim.biases, sim.y)
    close(sim.grad_weights[0], finite_difference(f, weights[0]))


# ---- the forward pass and its bookkeeping ----------------------------------------------


def test_shapes_and_lengths():
    sim = gradflow.simulate("tanh", depth=4, width=6, batch=3)
    assert sim.depth == 4 and sim.width == 6 and sim.batch == 3
    assert sim.x.shape == sim.y.shape == (3, 6)
    assert len(sim.weights) == len(sim.biases) == len(sim.pre_activations) == 4
    assert len(sim.grad_weights) == len(sim.grad_biases) == 4
    assert len(sim.activations) == len(sim.grad_activations) == 5
    assert all(w.shape == (6, 6) and w.dtype == np.float64 for w in sim.weights)
    assert all(b.shape == (6,) for b in sim.biases + sim.grad_biases)
    assert all(h.shape == (3, 6) for h in sim.activations + sim.grad_activations)
    assert sim.activations[0] is sim.x
    assert sim.normalized is None and sim.inv_std is None


def test_forward_is_the_documented_network():
    sim = gradflow.simulate("sigmoid", depth=3, width=5, batch=4, bias=0.5, seed=7)
    h = sim.x
    for l, (w, b) in enumerate(zip(sim.weights, sim.biases), start=1):
        z = h @ w + b
        np.testing.assert_allclose(sim.pre_activations[l - 1], z, rtol=1e-14)
        h = 1.0 / (1.0 + np.exp(-z))
        np.testing.assert_allclose(sim.activations[l], h, rtol=1e-14)
    assert np.all(sim.biases[0] == 0.5)
    assert sim.loss == pytest.approx(0.5 * np.mean((h - sim.y) ** 2), rel=1e-14)
    np.testing.assert_allclose(sim.grad_activations[-1], (h - sim.y) / h.size, rtol=1e-14)


@pytest.mark.parametrize(("normalization", "axis"), [("batch", 0), ("layer", 1)])
def test_normalization_standardises_the_right_axis(normalization, axis):
    sim = gradflow.simulate("relu", 3, 8, 16, normalization=normalization, seed=1)
    for z_hat in sim.normalized:
        np.testing.assert_allclose(z_hat.mean(axis=axis), 0.0, atol=1e-12)
        # var / (var + eps): exactly 1 only without the epsilon
        np.testing.assert_allclose(z_hat.var(axis=axis), 1.0, atol=1e-3)
    np.testing.assert_allclose(sim.f_inputs(2), sim.normalized[1])


def test_residual_adds_the_input():
    sim = gradflow.simulate("tanh", 3, 4, 5, residual=True, seed=2)
    for l in range(1, 4):
        np.testing.assert_allclose(sim.activations[l],
                                   sim.activations[l - 1] + np.tanh(sim.pre_activations[l - 1]),
                                   rtol=1e-14)


def test_same_seed_same_numbers_and_another_seed_differs():
    a = gradflow.simulate("gelu", 4, 8, 6, init="kaiming_uniform", seed=11)
    b = gradflow.simulate("gelu", 4, 8, 6, init="kaiming_uniform", seed=11)
    c = gradflow.simulate("gelu", 4, 8, 6, init="kaiming_uniform", seed=12)
    for name in ("weights", "activations", "grad_weights", "grad_activations"):
        for u, v in zip(getattr(a, name), getattr(b, name)):
            np.testing.assert_array_equal(u, v)
    assert a.loss == b.loss != c.loss
    assert not np.array_equal(a.x, c.x)


def test_runs_share_data_and_weights_across_activations():
    sig = gradflow.simulate("sigmoid", 3, 8, 4, init="xavier_normal", seed=5)
    tanh = gradflow.simulate("tanh", 3, 8, 4, init="xavier_normal", seed=5)
    np.testing.assert_array_equal(sig.x, tanh.x)
    np.testing.assert_array_equal(sig.y, tanh.y)
    for u, v in zip(sig.weights, tanh.weights):
        np.testing.assert_array_equal(u, v)
    # He init uses each activation's gain: the same draws, rescaled.
    relu = gradflow.simulate("relu", 3, 8, 4, init="kaiming_normal", seed=5)
    tanh = gradflow.simulate("tanh", 3, 8, 4, init="kaiming_normal", seed=5)
    for u, v in zip(relu.weights, tanh.weights):
        np.testing.assert_allclose(u / v, math.sqrt(2) / (5 / 3), rtol=1e-12)


@pytest.mark.parametrize(
    ("scheme", "act", "params", "expected"),
    [
        ("kaiming_normal", "relu", None, {"nonlinearity": "relu"}),
        ("kaiming_uniform", "tanh", None, {"nonlinearity": "tanh"}),
        ("kaiming_normal", "leaky_relu", {"negative_slope": 0.2},
         {"nonlinearity": "leaky_relu", "a": 0.2}),
        ("kaiming_normal", "leaky_relu", None, {"nonlinearity": "leaky_relu", "a": 0.01}),
        ("kaiming_normal", "prelu", None, {"nonlinearity": "leaky_relu", "a": 0.25}),
        ("kaiming_normal", "selu", None, {"nonlinearity": "linear"}),
        ("kaiming_normal", "gelu", None, {"nonlinearity": "relu"}),
        ("xavier_normal", "relu", None, {}),
        ("standard", "tanh", None, {}),
    ],
)
def test_init_kwargs(scheme, act, params, expected):
    assert gradflow.init_kwargs(scheme, act, params) == expected


def test_weight_variance_follows_the_scheme():
    sim = gradflow.simulate("relu", 2, 64, 2, init="kaiming_normal")
    assert sim.weight_variance == pytest.approx(2 / 64, rel=1e-14)
    sim = gradflow.simulate("tanh", 2, 64, 2, init="standard")
    assert sim.weight_variance == pytest.approx(1 / (3 * 64), rel=1e-14)
    assert init.variance("xavier_normal", 64, 64) == pytest.approx(1 / 64, rel=1e-14)


# ---- statistics ---------------------------------------------------------------------------


def test_layer_stats_match_direct_computation():
    sim = gradflow.simulate("tanh", 3, 16, 32, init="xavier_uniform", seed=4)
    s = gradflow.layer_stats(sim)
    for l in range(1, 4):
        h, z = sim.activations[l], sim.pre_activations[l - 1]
        fp = 1.0 / np.cosh(z) ** 2
        assert s.h_mean[l - 1] == pytest.approx(h.mean(), rel=1e-12)
        assert s.h_std[l - 1] == pytest.approx(h.std(), rel=1e-12)
        assert s.fprime_sq[l - 1] == pytest.approx(np.mean(fp**2), rel=1e-12)
        assert s.grad_h_norm[l - 1] == pytest.approx(
            math.sqrt(np.sum(sim.grad_activations[l] ** 2)), rel=1e-12)
        assert s.grad_w_norm[l - 1] == pytest.approx(
            math.sqrt(np.sum(sim.grad_weights[l - 1] ** 2)), rel=1e-12)
        gain = 16 * (2 / 32) * np.mean(fp**2)
        assert s.gain[l - 1] == pytest.approx(gain, rel=1e-12)
        np.testing.assert_allclose(s.h_quantiles[l - 1],
                                   np.quantile(h, [0.01, 0.25, 0.5, 0.75, 0.99]), rtol=1e-12)
    assert s.gain_product == pytest.approx(np.prod(s.gain), rel=1e-12)
    top = s.grad_h_norm[-1]
    np.testing.assert_allclose(s.predicted_grad_h_norm, top * _two_shares(sim), rtol=1e-10)
    assert s.flow_ratio == pytest.approx(s.grad_h_norm[0] / top, rel=1e-14)
    assert s.predicted_flow_ratio == pytest.approx(_two_shares(sim)[0], rel=1e-10)
    # with normalisation (no theory drawn) the gains alone
    bn = gradflow.layer_stats(gradflow.simulate("tanh", 3, 16, 32, init="xavier_uniform",
                                                seed=4, normalization="batch"))
    np.testing.assert_allclose(bn.predicted_grad_h_norm, bn.grad_h_norm[-1] * np.sqrt(
        [bn.gain[1] * bn.gain[2], bn.gain[2], 1.0]), rtol=1e-12)


def _two_shares(sim) -> np.ndarray:
    """The theory's ||dL/dh_l|| / ||dL/dh_D||, l = 1..D, written out (Gaussian weights, plain
    stack): the targets' share ||y||^2 goes back by the gains; the output's share h_D comes
    back as a_l h_{l-1}, a_l = <f f'(z_l), z_l - b> / ||h_{l-1}||^2, plus a random part
    n Var(W) ||f f'(z_l)||^2 that then goes back by the gains."""
    fprime = activations.get(sim.activation.name).grad
    n_var = sim.width * sim.weight_variance
    sq = lambda a: float(np.sum(a * a))  # noqa: E731
    alpha, rest = 1.0, sq(sim.y)
    total = [sq(sim.activations[-1]) + rest]  # layer D first
    for l in range(sim.depth, 1, -1):
        z, h, below = sim.pre_activations[l - 1], sim.activations[l], sim.activations[l - 1]
        slope = fprime(z)
        u = h * slope
        rest = n_var * np.mean(slope**2) * rest + alpha**2 * n_var * sq(u)
        alpha *= float(np.sum(u * (z - sim.biases[l - 1]))) / sq(below)
        total.append(alpha**2 * sq(below) + rest)
    total = np.array(total[::-1])
    return np.sqrt(total / total[-1])
    assert s.overflow_layer is None and s.overflow_pass is None


def test_histograms_hold_the_middle_98_percent():
    s = gradflow.profile("sigmoid", 6, 32, 64, init="normal", seed=1)
    assert s.hist.shape == (6, 40) and s.hist_edges.shape == (41,)
    assert np.all(s.hist >= 0)
    # The shared range covers every layer's 1%..99% interval (the quantiles interpolate
    # between samples, so a few entries at the ends may fall just outside).
    assert np.all(s.hist.sum(axis=1) >= 0.975) and np.all(s.hist.sum(axis=1) <= 1.0)


def test_saturation_counts_small_slopes():
    # N(0, 1) weights on 64 units: z has std ~ 8 * std(h), so sigmoid saturates heavily.
    s = gradflow.profile("sigmoid", 4, 64, 64, init="normal", seed=0)
    sim = gradflow.simulate("sigmoid", 4, 64, 64, init="normal", seed=0)
    z = sim.pre_activations[1]
    fp = np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2
    assert s.saturated[1] == pytest.approx(np.mean(fp < 1e-3), abs=1e-12)
    assert s.saturated[1] > 0.1
    assert np.all(s.dead == 0)  # sigmoid' is never exactly 0 here


def test_dead_means_zero_slope_for_the_whole_batch():
    # Half the units pushed far negative, the other half far positive, via the input.
    sim = gradflow.simulate("relu", 1, 4, 8, init="orthogonal", seed=0, bias=0.0)
    sim.pre_activations[0][:] = np.array([-1.0, -2.0, 3.0, 0.5])  # (batch, width) broadcast
    sim.pre_activations[0][0, 3] = -0.5  # unit 4 is negative for one sample only: alive
    s = gradflow.layer_stats(sim)
    assert s.dead[0] == pytest.approx(0.5)
    assert s.saturated[0] == pytest.approx((8 + 8 + 1) / 32)


# ---- the classic behaviours ----------------------------------------------------------------


def test_deep_sigmoid_with_standard_init_vanishes():
    s = gradflow.profile("sigmoid", 20, 64, 32, init="standard", seed=0)
    assert s.grad_h_norm[0] < 1e-6 * s.grad_h_norm[-1]
    assert np.all(np.diff(s.grad_h_norm) > 0)  # shrinks at every step down
    # the theory line follows the measurement within a factor 3 over 14 orders of magnitude
    assert 1 / 3 < s.predicted_grad_h_norm[0] / s.grad_h_norm[0] < 3
    # and sigmoid's outputs are not zero-centred
    assert np.all(np.abs(s.h_mean - 0.5) < 0.05)


def test_relu_with_he_init_keeps_the_gradient_and_xavier_does_not():
    he = gradflow.profile("relu", 20, 128, 32, init="kaiming_normal", seed=1)
    xavier = gradflow.profile("relu", 20, 128, 32, init="xavier_normal", seed=1)
    assert he.grad_h_norm.max() / he.grad_h_norm.min() < 10
    assert he.h_std.max() / he.h_std.min() < 3
    assert xavier.grad_h_norm[0] < 1e-2 * xavier.grad_h_norm[-1]
    assert xavier.h_std[-1] < 1e-2 * xavier.h_std[0]


def test_tanh_xavier_beats_standard_init():
    standard = gradflow.profile("tanh", 5, 256, 64, init="standard", seed=0)
    xavier = gradflow.profile("tanh", 5, 256, 64, init="xavier_uniform", seed=0)
    assert standard.flow_ratio < 0.2 < 0.5 < xavier.flow_ratio
    # the weight gradients hardly show it (Glorot & Bengio 2010, figure 8)
    assert 0.5 < standard.grad_w_norm[0] / standard.grad_w_norm[-1] < 2


def test_selu_with_lecun_init_self_normalises():
    s = gradflow.profile("selu", 30, 128, 128, init="lecun_normal", seed=0)
    assert np.all(np.abs(s.h_mean) < 0.1)
    assert np.all(np.abs(s.h_std - 1) < 0.1)


def test_all_negative_pre_activations_kill_every_relu_unit():
    sim = gradflow.simulate("relu", 5, 32, 16, init="xavier_normal", bias=-20.0)
    assert all(np.all(z < 0) for z in sim.pre_activations)
    s = gradflow.layer_stats(sim)
    np.testing.assert_array_equal(s.dead, 1.0)
    np.testing.assert_array_equal(s.saturated, 1.0)
    assert all(not np.any(g) for g in sim.grad_weights)  # no weight learns anything
    assert s.flow_ratio == 0.0


def test_leaky_relu_has_no_dead_units_under_the_same_bias():
    s = gradflow.profile("leaky_relu", 5, 32, 16, init="xavier_normal", bias=-20.0)
    np.testing.assert_array_equal(s.dead, 0.0)
    assert np.all(s.grad_w_norm > 0)


def test_residual_connections_keep_the_gradient():
    plain = gradflow.profile("sigmoid", 20, 64, 32, init="standard")
    skip = gradflow.profile("sigmoid", 20, 64, 32, init="standard", residual=True)
    assert plain.flow_ratio < 1e-6
    assert skip.flow_ratio > 0.5
    assert np.all(skip.gain > 1)  # 1 + g


def test_batch_norm_rescues_a_badly_initialised_tanh_net():
    plain = gradflow.profile("tanh", 15, 64, 64, init="normal", seed=0)
    normed = gradflow.profile("tanh", 15, 64, 64, init="normal", seed=0, normalization="batch")
    assert plain.saturated.mean() > 0.5
    assert normed.saturated.mean() < 0.01


def test_exploding_network_overflows_quietly_and_is_reported():
    # ReLU with N(0, 1) weights on 256 units: x11 per layer, float64 overflows.
    s = gradflow.profile("relu", 200, 256, 4, init="normal", seed=0)
    # h_200 ~ 1e210 is still finite; dL/dW_200 = h_199^T dL/dz_200 is not.
    assert (s.overflow_layer, s.overflow_pass) == (200, "backward")
    assert 1e200 < s.h_std[-1] < 1e220  # the std of huge values, without overflowing
    for field in ("grad_h_norm", "grad_w_norm", "h_mean", "h_std", "predicted_grad_h_norm"):
        assert not np.any(np.isinf(getattr(s, field))), field
    assert math.isnan(s.loss)


def test_forward_overflow_is_reported_on_the_way_up():
    s = gradflow.profile("identity", 3, 4, 2, init="normal", bias=1e308)
    assert (s.overflow_layer, s.overflow_pass) == (2, "forward")


def test_chain_rule_reference():
    ref = gradflow.chain_rule_reference(2.0, 4)
    np.testing.assert_allclose(ref, [2 * 0.25**3, 2 * 0.25**2, 2 * 0.25, 2.0], rtol=1e-15)
    np.testing.assert_allclose(gradflow.chain_rule_reference(1.0, 3, slope=0.5),
                               [0.25, 0.5, 1.0], rtol=1e-15)


@pytest.mark.parametrize("name", list(gradflow.PRESETS))
def test_presets_are_valid(name):
    p = gradflow.PRESETS[name]
    gradflow.check_size(p.depth, p.width, p.batch)
    assert set(p.activations) <= set(activations.names())
    assert set(p.inits) <= set(init.SCHEMES)
    assert len(p.activations) * len(p.inits) <= 4


# ---- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(depth=0), "depth"),
        (dict(depth=201), "depth"),
        (dict(depth=2.0), "depth"),
        (dict(depth=True), "depth"),
        (dict(width=1), "width"),
        (dict(width=1025), "width"),
        (dict(batch=0), "batch"),
        (dict(batch=4097), "batch"),
        (dict(batch=-3), "batch"),
        (dict(depth=200, width=256, batch=4096), "work cap"),
        (dict(depth=200, width=64, batch=1024), "memory cap"),
        (dict(depth=200, width=512, batch=1), "weight memory cap"),
        (dict(init="he"), "init scheme"),
        (dict(normalization="group"), "normalization"),
        (dict(bias=math.nan), "bias"),
        (dict(bias=math.inf), "bias"),
        (dict(seed=-1), "seed"),
        (dict(seed=1.5), "seed"),
        (dict(residual="yes"), "residual"),
    ],
)
def test_bad_inputs_raise_clear_errors(kwargs, message):
    args = dict(activation="relu", depth=2, width=4, batch=3) | kwargs
    with pytest.raises(ValueError, match=message):
        gradflow.simulate(**args)


def test_unknown_activation():
    with pytest.raises(ValueError, match="unknown activation"):
        gradflow.simulate("swishy", 2, 4, 3)


def test_the_benchmark_size_is_allowed():
    gradflow.check_size(50, 256, 512)


@settings(max_examples=200, deadline=None)
@given(depth=st.integers(1, gradflow.MAX_DEPTH), width=st.integers(2, gradflow.MAX_WIDTH),
       batch=st.integers(1, gradflow.MAX_BATCH))
def test_fit_size_fits_and_only_lowers(depth, width, batch):
    d, w, b = gradflow.fit_size(depth, width, batch)
    gradflow.check_size(d, w, b)
    assert w == width and 1 <= d <= depth and 1 <= b <= batch
    if d < depth:  # the depth is lowered only when even batch 1 does not fit
        with pytest.raises(ValueError):
            gradflow.check_size(depth, width, 1)
    try:
        gradflow.check_size(depth, width, batch)
    except ValueError:
        pass
    else:
        assert (d, w, b) == (depth, width, batch)


# ---- what the gain predicts, and where it stops predicting ---------------------------------


def _target_share_ratio(sim) -> float:
    """||g_1|| / ||g_D|| for the gradient of the targets' share of the error alone,
    -y / (batch * width), carried back by the chain rule written out here (plain stack)."""
    fprime = activations.get(sim.activation.name).grad
    g = -sim.y / sim.y.size  # (batch, width)
    top = np.linalg.norm(g)
    for l in range(sim.depth, 1, -1):  # down to dL/dh_1
        g = (g * fprime(sim.pre_activations[l - 1])) @ sim.weights[l - 1].T
    return float(np.linalg.norm(g) / top)


def _he_gain_prediction(sim) -> float:
    """prod over l = 2..D of sqrt(n Var(W) E[f'(z_l)^2]), Var(W) = 2/n for He with ReLU."""
    slopes = [np.mean(np.asarray(z > 0, dtype=float)) for z in sim.pre_activations[1:]]
    return float(np.prod(np.sqrt(2.0 * np.array(slopes))))


@pytest.mark.parametrize("width", [64, 128, 256])
def test_the_gain_predicts_the_targets_share_and_the_line_the_whole_relu_gradient(width):
    # The "ReLU 30 layers" preset: He's gain is 1 per layer, yet the measured ratio comes
    # out about 7x the gains' product at every width, so it is not a finite-width effect.
    # The gain assumes the gradient reaching a layer is independent of its weights: true for
    # the share of the error that comes from the random targets y, false for the share
    # from the network's own output h_D, which those weights computed. The line carries
    # both back, and follows the measurement.
    measured, target_share, gains, predicted = [], [], [], []
    for seed in range(3):
        sim = gradflow.simulate("relu", 30, width, 128, init="kaiming_normal", seed=seed)
        stats = gradflow.layer_stats(sim)
        measured.append(stats.flow_ratio)
        target_share.append(_target_share_ratio(sim))
        gains.append(_he_gain_prediction(sim))
        predicted.append(stats.predicted_flow_ratio)
        # every layer within 1.5x (the gains alone: 7x), the top two layers too
        gap = np.abs(np.log(stats.grad_h_norm / stats.predicted_grad_h_norm))
        assert gap.max() < math.log(1.5), (seed, gap.max())
    geo = lambda a: float(np.exp(np.mean(np.log(a))))  # noqa: E731 - a one-line average
    assert 1 / 1.6 < geo(target_share) / geo(gains) < 1.6
    assert geo(measured) / geo(gains) > 2.5  # the gains alone miss it
    assert 1 / 1.25 < geo(measured) / geo(predicted) < 1.25
    assert gradflow.theory_parts(stats) is None  # no gap for the page to explain


def _relu_he_shares(depth, width, batch, seeds):
    """Mean over seeds of the squared norm of each share of dL/dh_l, l = 1..D, relative to
    its value at the top: a He-initialised ReLU stack in plain NumPy (no project code)."""
    out = {"output": 0.0, "targets": 0.0}
    for seed in range(seeds):
        rng = np.random.default_rng(1000 + seed)
        h = rng.standard_normal((batch, width))
        y = rng.standard_normal((batch, width))
        ws = [rng.standard_normal((width, width)) * math.sqrt(2 / width) for _ in range(depth)]
        masks = []
        for w in ws:
            z = h @ w
            masks.append(z > 0)
            h = np.maximum(z, 0.0)
        for name, g in (("output", h), ("targets", -y)):
            norms = [np.sum(g * g)]
            for l in range(depth - 1, 0, -1):
                g = (g * masks[l]) @ ws[l].T
                norms.append(np.sum(g * g))
            out[name] = out[name] + np.array(norms[::-1]) / norms[0] / seeds  # top: 1
    return out


def test_the_outputs_share_grows_by_two_each_layer_back_with_relu_and_he():
    # Closed form (Stein's lemma, large width): relu(h W) W^T = h + a random part with
    # 2 ||h||^2, so k layers back the output's share is (1 + 2k) ||h||^2; the targets' is 1.
    shares = _relu_he_shares(12, 256, 32, 12)
    k = np.arange(11, -1, -1)
    np.testing.assert_allclose(shares["output"], 1 + 2 * k, rtol=0.12)
    np.testing.assert_allclose(shares["targets"], 1.0, atol=0.1)
    # and the page's line says the same for one such network, with its own two shares
    sim = gradflow.simulate("relu", 12, 256, 32, init="kaiming_normal", seed=0)
    y_sq, h_sq = np.sum(sim.y**2), np.sum(sim.activations[-1] ** 2)
    expected = np.sqrt((y_sq + h_sq * (1 + 2 * k)) / (y_sq + h_sq))
    predicted = gradflow.layer_stats(sim).predicted_grad_h_norm
    np.testing.assert_allclose(predicted / predicted[-1], expected, rtol=0.1)


def test_an_orthogonal_linear_stack_is_predicted_exactly():
    # Orthogonal weights keep every norm: the gradient is the same at every layer, and the
    # line (no random part from the output's share there) says so; Gaussian weights add one.
    orth = gradflow.profile("identity", 20, 64, 16, init="orthogonal")
    np.testing.assert_allclose(orth.grad_h_norm / orth.grad_h_norm[-1], 1.0, rtol=1e-9)
    np.testing.assert_allclose(orth.predicted_grad_h_norm / orth.grad_h_norm[-1], 1.0,
                               rtol=1e-9)
    gauss = gradflow.profile("identity", 20, 256, 64, init="xavier_normal")
    assert gauss.flow_ratio > 2.5  # sqrt((1 + (1 + 19)) / 2) about 3.2, not the gains' 1
    assert gauss.predicted_flow_ratio == pytest.approx(gauss.flow_ratio, rel=0.15)


def test_theory_parts_flags_only_a_real_gap():
    tanh = gradflow.profile("tanh", 30, 128, 128, init="xavier_normal")  # about 0.24 vs 0.23
    assert gradflow.theory_parts(tanh) is None
    relu = gradflow.profile("relu", 30, 128, 128, init="kaiming_normal")
    assert gradflow.theory_parts(relu) is None  # 8.8 vs 9.4: the output's share included
    gelu = gradflow.profile("gelu", 30, 256, 32, init="kaiming_normal")  # above, wide
    assert gelu.flow_ratio > 2 * gelu.predicted_flow_ratio
    assert gradflow.theory_parts(gelu) == "coupled"
    dead = gradflow.profile("relu", 5, 16, 16, init="kaiming_normal", bias=-3.0)  # ratio 0
    assert gradflow.theory_parts(dead) is None
    narrow = gradflow.profile("leaky_relu", 15, 2, 256, init="kaiming_normal")  # below
    assert gradflow.theory_parts(narrow) == "spread"
    deep = gradflow.profile("relu", 60, 32, 32, init="kaiming_normal")  # below
    assert deep.flow_ratio < deep.predicted_flow_ratio / 2
    assert gradflow.theory_parts(deep) == "spread"  # 60 layers of 32 units


def test_narrow_layers_spread_the_gradient_over_orders_of_magnitude():
    # The "spread" caption: single draws spread around the theory, the wider the more layers
    # for their width (Hanin, 2018); in 15 layers of 2 units most fall far under it.
    def gaps(width, seeds):
        return np.array([(s.flow_ratio / s.predicted_flow_ratio) for s in (
            gradflow.profile("leaky_relu", 15, width, 256, init="kaiming_normal", seed=seed)
            for seed in range(seeds))])

    narrow, wide = gaps(2, 300), gaps(64, 20)
    q10, q50, q90 = np.quantile(narrow, [0.1, 0.5, 0.9])
    assert q90 / q10 > 1e4 and q50 < 1e-2  # orders of magnitude; the typical draw far below
    assert np.mean(narrow < 1) > 0.8
    assert wide.max() / wide.min() < 10  # 64 units: within one order


def _narrow_ratios(draws, seed, batch=64, depth=15, slope=0.01):
    """Per draw, ||dL/dh_1||^2 / ||dL/dh_D||^2 over the gains' product, in 15 layers of 2
    LeakyReLU units with He init: plain NumPy, every draw at once (no project code)."""
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((draws, batch, 2))
    y = rng.standard_normal((draws, batch, 2))
    w = rng.standard_normal((depth, draws, 2, 2)) * math.sqrt(1 / (1 + slope**2))
    slopes = []
    for l in range(depth):
        z = h @ w[l]
        slopes.append(np.where(z > 0, 1.0, slope))
        h = slopes[-1] * z
    g = h - y
    top, gain = np.sum(g * g, axis=(1, 2)), np.ones(draws)
    for l in range(depth - 1, 0, -1):
        gain *= 2 * np.mean(slopes[l] ** 2, axis=(1, 2)) / (1 + slope**2)
        g = (g * slopes[l]) @ np.swapaxes(w[l], 1, 2)
    return np.sum(g * g, axis=(1, 2)) / top / gain


def test_the_narrow_gap_is_the_spread_of_draws_not_a_missing_term():
    # The preset's LeakyReLU line sits decades above its run. Over 20,000 draws the typical
    # one is 1e-4 of the line, yet one in a thousand lands 10x above it and a few draws
    # carry nearly all of the average: a heavy tail (Hanin, 2018), not a line too high.
    ratio = np.sqrt(np.concatenate([_narrow_ratios(5000, seed) for seed in range(4)]))
    assert 1e-5 < np.median(ratio) < 1e-3
    assert np.quantile(ratio, 0.999) > 3
    squares = np.sort(ratio**2)
    assert squares[-20:].sum() > 0.9 * squares.sum()  # 0.1% of the draws: the mean's bulk
    # the output's share adds nothing there: the 2-unit forward pass has all but died out
    sim = _narrow("leaky_relu", 0)
    assert np.sum(sim.activations[-1] ** 2) < 1e-3 * np.sum(sim.y**2)


@pytest.mark.parametrize(("normalization", "residual"),
                         [("batch", False), ("layer", False), ("none", True)])
def test_the_gain_does_not_predict_normalised_or_residual_networks(normalization, residual):
    # Why the page draws no dashed line for these: even the targets' share misses it.
    stats = gradflow.profile("relu", 60, 64, 64, init="kaiming_normal",
                             normalization=normalization, residual=residual)
    assert not gradflow.theory_applies(normalization, residual)
    gap = stats.flow_ratio / stats.predicted_flow_ratio
    assert max(gap, 1 / gap) > 3


def test_the_gain_applies_to_plain_stacks():
    assert gradflow.theory_applies() and gradflow.theory_applies("none", False)


# ---- the narrow-network preset's story (ui/text/gradient_flow.py) ------------------------


def _narrow(act: str, seed: int, width: int = 2):
    p = gradflow.PRESETS["narrow_relu"]
    return gradflow.simulate(act, p.depth, width, p.batch, init=p.inits[0], seed=seed)


def test_a_narrow_relu_network_passes_back_exactly_zero_for_196_of_200_seeds():
    p = gradflow.PRESETS["narrow_relu"]
    assert (p.activations, p.inits, p.depth, p.width, p.bias) == (
        ("relu", "leaky_relu"), ("kaiming_normal",), 15, 2, 0.0)
    cut = 0
    for seed in range(200):
        stats = gradflow.layer_stats(_narrow("relu", seed))
        wholly_dead = np.flatnonzero(stats.dead == 1.0) + 1  # layer numbers 1..D
        if stats.grad_x_norm == 0:
            cut += 1
            # a layer with every unit dead, and exactly 0 from below it to the input
            top = wholly_dead.max()
            assert (stats.grad_h_norm[:top - 1] == 0).all(), seed
        else:
            assert wholly_dead.size == 0, seed
    assert cut == 196


def test_in_the_narrow_network_leaky_relu_loses_a_hundredth_not_everything():
    for seed in range(50):
        stats = gradflow.layer_stats(_narrow("leaky_relu", seed))
        assert (stats.dead == 0).all() and stats.grad_x_norm > 0, seed
    for seed in range(5):
        sim = _narrow("leaky_relu", seed)
        # Across a layer whose every pre-activation is below zero, written out: the gradient
        # going back is 0.01 times what the weights alone would pass back.
        below = [l for l in range(1, sim.depth + 1) if (sim.pre_activations[l - 1] < 0).all()]
        if seed == 0:
            assert below == [8, 10]  # the default view's two steep drops
            q = gradflow.layer_stats(sim).h_quantiles  # (depth, 5)
            whiskers = q[:, -1] - q[:, 0]
            assert whiskers[7:].max() < 0.1 * whiskers[:7].min()  # flat from layer 8 on
        for l in below:
            g = sim.grad_activations[l]  # dL/dh_l, (batch, width)
            np.testing.assert_allclose(sim.grad_activations[l - 1],
                                       0.01 * g @ sim.weights[l - 1].T, rtol=1e-12)
            np.testing.assert_array_equal(sim.activations[l], 0.01 * sim.pre_activations[l - 1])


def test_eight_units_a_layer_keep_relu_alive():
    # "try a width of 8": no layer wholly dead and a gradient at the input, every seed tried
    for seed in range(50):
        stats = gradflow.layer_stats(_narrow("relu", seed, width=8))
        assert (stats.dead < 1).all() and stats.grad_x_norm > 0, seed


# ---- the tour's initialisation steps quote the presets' table (ui/text/tour.py) ----------


def _ratios(preset: str) -> dict[str, float]:
    """Each init's "gradient at layer 1 / at the last layer", as the page's table gives it for
    the preset (its default batch and seed)."""
    p = gradflow.PRESETS[preset]
    return {scheme: gradflow.profile(p.activations[0], p.depth, p.width, p.batch,
                                     init=scheme, seed=0).flow_ratio for scheme in p.inits}


@pytest.mark.parametrize("lang", ["EN", "KO"])
def test_the_tour_quotes_the_init_presets_numbers(lang):
    """Steps 7 and 8 say what the table shows: tanh with the standard init keeps a tenth of
    the gradient and with Glorot more than half; ReLU with Glorot about 1/18,000 and with He
    within a factor of 10 (it grows towards the input, 8.7)."""
    from activations.numfmt import fmt_text as fmt  # as the table under the charts writes
    from ui.text import tour as texts

    text = getattr(texts, lang)
    tanh = _ratios("tanh_glorot")
    assert round(tanh["standard"], 1) == 0.1 and 0.5 < tanh["xavier_uniform"] < 1
    for value in tanh.values():
        assert _quoted(fmt(value, 1 if value < 0.2 else 2), text["tanh_glorot_caption"])
    relu = _ratios("relu_he")
    assert round(1 / relu["xavier_normal"], -3) == 18_000 and "18,000" in text["relu_he_caption"]
    assert 1 < relu["kaiming_normal"] < 10
    for value in relu.values():
        assert _quoted(fmt(value, 2), text["relu_he_caption"])


@pytest.mark.parametrize("lang", ["EN", "KO"])
def test_the_tour_quotes_the_hardtanh_presets_numbers(lang):
    """The hardtanh step says what the table shows, in the runs' colours: Xavier (orange)
    0.9, N(0, 1) (green) 10^16, standard (blue) 1.2x10^-7 (the table's own numbers)."""
    from activations.numfmt import fmt_text as fmt
    from ui.text import tour as texts

    caption = getattr(texts, lang)["hardtanh_weights_caption"]
    ratios = _ratios("hardtanh_weights")
    assert list(ratios) == ["standard", "xavier_normal", "normal"]  # blue, orange, green
    for value in ratios.values():
        assert _quoted(fmt(value, 2 if value < 1 else 1), caption), (value, caption)
    assert ratios["standard"] < 1e-6 < 0.5 < ratios["xavier_normal"] < 1 < 1e15 < ratios["normal"]


def _quoted(number: str, text: str) -> bool:
    """Whether ``text`` has ``number`` as a whole number ("0.1", not the start of "0.12")."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text) is not None


# ---- sigmoid explodes too: the "large weights" preset's story (ui/text/gradient_flow.py) --


def _plain_sigmoid_ratio(x, y, weights) -> tuple[float, float]:
    """||dL/dh_1|| / ||dL/dh_D|| of a bias-free sigmoid MLP with L = mean((h_D - y)^2) / 2,
    written out in plain NumPy, and the mean share of saturated entries (sigma' < 1e-3)."""
    hs, slopes = [x], []
    for w in weights:
        s = 1.0 / (1.0 + np.exp(-(hs[-1] @ w)))
        hs.append(s)
        slopes.append(s * (1.0 - s))  # sigma'(z)
    g = (hs[-1] - y) / y.size  # dL/dh_D
    top, grads = np.linalg.norm(g), []
    for w, slope in zip(weights[::-1], slopes[::-1]):
        grads.append(np.linalg.norm(g))  # dL/dh_D, ..., dL/dh_1
        g = (g * slope) @ w.T
    return grads[-1] / top, float(np.mean([np.mean(s < 1e-3) for s in slopes]))


def test_sigmoid_with_large_weights_explodes_as_its_story_says():
    """The preset's numbers, from a forward and backward pass written out here on its own
    draws: sigma' <= 1/4 everywhere, yet with N(0, 1) weights the gradient grows toward layer
    1, about 1.2 times a layer, 470 times over 30 layers; the standard init shrinks it about 7
    times a layer, to 2.3e-25. (The notes' "sigmoid can't explode" is false.)"""
    from activations.numfmt import fmt_text as fmt  # as the table writes them
    from ui.text.gradient_flow import EN, KO

    p = gradflow.PRESETS["sigmoid_exploding"]
    assert (p.activations, p.inits, p.depth, p.width, p.batch, p.bias) == (
        ("sigmoid",), ("standard", "normal"), 30, 256, 256, 0.0)
    ratios = {}
    for scheme in p.inits:
        sim = gradflow.simulate("sigmoid", p.depth, p.width, p.batch, init=scheme, seed=0)
        w = np.stack(sim.weights)  # (depth, width, width)
        if scheme == "normal":
            assert abs(w.std() - 1) < 0.01  # N(0, 1): not scaled to the width
        else:
            assert np.abs(w).max() <= 1 / math.sqrt(p.width)  # U(+-1/sqrt(n))
        ratio, saturated = _plain_sigmoid_ratio(sim.x, sim.y, sim.weights)
        stats = gradflow.layer_stats(sim)
        assert stats.flow_ratio == pytest.approx(ratio, rel=1e-9)
        assert float(stats.saturated.mean()) == pytest.approx(saturated, rel=1e-12)
        ratios[scheme] = ratio, ratio ** (1 / (p.depth - 1)), saturated
    vanish, explode = ratios["standard"], ratios["normal"]
    assert (fmt(vanish[0], 2), fmt(1 / vanish[1], 2)) == ("2.3×10⁻²⁵", "7.1")
    assert (fmt(explode[0], 2), fmt(explode[1], 2), fmt(100 * explode[2], 2)) == \
        ("470", "1.2", "53")
    for text in (EN, KO):
        story = text["story_sigmoid_exploding"]
        for number in ("2.3×10⁻²⁵", "470", "1.2", "53%", "0.25"):
            assert number in story, number
    assert "about 7 times a layer" in EN["story_sigmoid_exploding"]
    assert "7분의 1" in KO["story_sigmoid_exploding"]


def test_sigmoid_with_normal_weights_explodes_for_other_draws_too():
    """Not one draw's luck: weights drawn here from N(0, 1), three other seeds, the same
    plain pass: the gradient at layer 1 is hundreds of times the last layer's."""
    n, depth = 256, 30
    for seed in (1, 2, 3):
        rng = np.random.default_rng(seed)
        x, y = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        weights = [rng.standard_normal((n, n)) for _ in range(depth)]
        ratio, _ = _plain_sigmoid_ratio(x, y, weights)
        assert 100 < ratio < 5000, (seed, ratio)
        small = [w / math.sqrt(3 * n) for w in weights]  # the standard init's variance 1/(3n)
        assert _plain_sigmoid_ratio(x, y, small)[0] < 1e-20, seed


# ---- tour step 4 quotes the sigmoid preset's table (ui/text/tour.py) ----------------------


@pytest.mark.parametrize("lang", ["EN", "KO"])
def test_the_tour_says_what_bounds_the_sigmoid_gradient(lang):
    """Step 4 says that sigma' is at most 0.25 (not each layer's whole factor: W^T multiplies
    too) and quotes the preset's table: layer 1 gets 2.3e-8 of the last layer's gradient,
    about 7 times less a layer, by the plain pass written out above."""
    from activations.numfmt import fmt_text as fmt
    from ui.text import tour as texts

    caption = getattr(texts, lang)["sigmoid_vanishing_caption"]
    assert "multiplies the gradient by at most" not in caption
    assert "σ′" in caption and "0.25" in caption
    p = gradflow.PRESETS["sigmoid_vanishing"]
    sim = gradflow.simulate("sigmoid", p.depth, p.width, p.batch, init="standard", seed=0)
    ratio, _ = _plain_sigmoid_ratio(sim.x, sim.y, sim.weights)
    assert _quoted(fmt(ratio, 2), caption) and fmt(ratio, 2) == "2.3×10⁻⁸"
    assert round(1 / ratio ** (1 / (p.depth - 1))) == 7 and "7" in caption


# ---- hardtanh and the size of the weights: its preset's story (ui/text/gradient_flow.py) --


def _plain_hardtanh(x, y, weights) -> tuple[float, float, float]:
    """A bias-free hardtanh MLP with L = mean((h_D - y)^2) / 2, written out in plain NumPy:
    ||dL/dh_1|| / ||dL/dh_D||, the share of pre-activations on the flat parts (|z| >= 1,
    slope exactly 0) and the std of h_D over that of h_1."""
    hs, slopes = [x], []
    for w in weights:
        z = hs[-1] @ w
        hs.append(np.minimum(np.maximum(z, -1.0), 1.0))
        slopes.append((np.abs(z) < 1.0).astype(np.float64))  # 1 inside (-1, 1), else 0
    g = (hs[-1] - y) / y.size  # dL/dh_D
    top, grads = np.linalg.norm(g), []
    for w, slope in zip(weights[::-1], slopes[::-1]):
        grads.append(np.linalg.norm(g))  # dL/dh_D, ..., dL/dh_1
        g = (g * slope) @ w.T
    flat = float(np.mean([1.0 - s.mean() for s in slopes]))
    return grads[-1] / top, flat, float(hs[-1].std() / hs[1].std())


def test_hardtanh_with_xavier_weights_keeps_the_gradient_as_its_story_says():
    """The preset's numbers, from a pass written out here on its own draws: with Xavier's
    weights 3.6% of the entries sit on the flat parts and layer 1 of 30 gets 0.9 of the
    gradient; N(0, 1) weights put 94.9% there, yet the gradient grows about 3.6 times a layer
    to 10^16; the standard init's smaller weights keep all but 0.276% inside and shrink the
    activations and the gradient about 1.7 times a layer, to 1.2e-7."""
    from activations.numfmt import fmt_text as fmt  # as the table writes them
    from ui.text.gradient_flow import EN, KO

    p = gradflow.PRESETS["hardtanh_weights"]
    assert (p.activations, p.inits, p.depth, p.width, p.batch, p.bias) == (
        ("hardtanh",), ("standard", "xavier_normal", "normal"), 30, 256, 256, 0.0)
    seen = {}
    for scheme in p.inits:
        sim = gradflow.simulate("hardtanh", p.depth, p.width, p.batch, init=scheme, seed=0)
        n_var = p.width * np.stack(sim.weights).var()  # n Var(W), measured on the draws
        expected = {"standard": 1 / 3, "xavier_normal": 1.0, "normal": p.width}[scheme]
        assert n_var == pytest.approx(expected, rel=0.01), scheme
        ratio, flat, shrink = _plain_hardtanh(sim.x, sim.y, sim.weights)
        stats = gradflow.layer_stats(sim)
        assert stats.flow_ratio == pytest.approx(ratio, rel=1e-9)
        assert float(stats.saturated.mean()) == pytest.approx(flat, rel=1e-12)
        seen[scheme] = ratio, ratio ** (1 / (p.depth - 1)), flat, shrink ** (1 / (p.depth - 1))
    small, xavier, large = seen["standard"], seen["xavier_normal"], seen["normal"]
    assert (fmt(xavier[0], 1), fmt(100 * xavier[2], 2)) == ("0.9", "3.6")
    assert (fmt(large[0], 2), fmt(large[1], 2), fmt(100 * large[2], 3)) == ("10¹⁶", "3.6", "94.9")
    assert (fmt(small[0], 2), fmt(1 / small[1], 2), fmt(100 * small[2], 3)) == \
        ("1.2×10⁻⁷", "1.7", "0.276")
    assert fmt(1 / small[3], 2) == "1.7"  # the activations shrink as the gradient does
    for text in (EN, KO):
        story = text["story_hardtanh_weights"]
        for number in ("3.6%", "0.9", "94.9%", "√n = 16", "3.6", "10¹⁶", "0.276%", "1/3",
                       "1.7", "1.2×10⁻⁷", "n·Var(W) = 1)"):
            assert number in story, number
    assert "about 3.6 times more a layer" in EN["story_hardtanh_weights"]
    assert "about 1.7 times a layer" in EN["story_hardtanh_weights"]
    assert "3.6배씩" in KO["story_hardtanh_weights"]
    assert "1.7분의 1" in KO["story_hardtanh_weights"]


def test_hardtanh_and_the_size_of_the_weights_for_other_draws_too():
    """Not one draw's luck: weights drawn here at each scheme's variance (1/(3n), 1/n, 1),
    three other seeds, the same plain pass."""
    n, depth = 256, 30
    for seed in (1, 2, 3):
        rng = np.random.default_rng(seed)
        x, y = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        unit = [rng.standard_normal((n, n)) for _ in range(depth)]
        ratio, flat, _ = _plain_hardtanh(x, y, [w / math.sqrt(n) for w in unit])  # Xavier
        assert 0.5 < ratio < 2 and flat < 0.05, (seed, ratio, flat)
        ratio, flat, _ = _plain_hardtanh(x, y, unit)  # N(0, 1)
        assert ratio > 1e14 and flat > 0.9, (seed, ratio, flat)
        ratio, flat, _ = _plain_hardtanh(x, y, [w / math.sqrt(3 * n) for w in unit])
        assert ratio < 1e-6 and flat < 0.01, (seed, ratio, flat)

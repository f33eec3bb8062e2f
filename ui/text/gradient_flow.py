"""Text of the gradient-flow page (pages/gradient_flow.py)."""

EN = {
    "alt_grad": "Line charts of the gradient's size at each layer on a log scale, passed back "
                "through the layers and for the weights: {names}.",
    "alt_box": "Box plots of the activations' values at each layer, whiskers at the 1% and 99% "
               "quantiles, a dashed diamond over the mean ± 1 standard deviation: {names}.",
    "alt_heat": "Heat maps of how the activations' values spread at each layer: {names}.",
    "alt_frac": "Line charts of the share of saturated units and of dead units at each layer: "
                "{names}.",
    "title": "Gradient flow through a deep network",
    "intro": (
        "A stack of fully connected layers, freshly initialised, gets one batch of random "
        "inputs and targets. We run it forward, then backpropagate the squared error, and "
        "look at every layer on the way. Each layer multiplies the gradient by the "
        "activation's slope f′(z) and by the weights: when that product is below 1 on "
        "average the gradient fades towards the input (vanishing); above 1 it grows "
        "(exploding). All runs share the same inputs, targets and random weight draws."
    ),
    "intro_short": (
        "One batch through a freshly initialised deep network: does the gradient reach "
        "the first layer?"
    ),
    "intro_more": "About this page",
    "presets": "Classic experiments",
    "presets_help": "Each button sets every control for one experiment from the literature.",
    "preset_short_sigmoid_vanishing": "Sigmoid ×10",
    "preset_short_sigmoid_exploding": "Sigmoid N(0,1)",
    "preset_short_tanh_glorot": "Tanh ×5",
    "preset_short_relu_he": "ReLU ×30",
    "preset_short_selu_lecun": "SELU ×50",
    "preset_short_dying_relu": "Dying ReLU",
    "preset_short_narrow_relu": "Narrow ReLU",
    "preset_short_hardtanh_weights": "Hardtanh",
    "preset_sigmoid_vanishing": "Sigmoid, 10 layers",
    "preset_sigmoid_vanishing_help": "10 sigmoid layers with the standard U(±1/√n) init.",
    "preset_sigmoid_exploding": "Sigmoid, large weights",
    "preset_sigmoid_exploding_help": "30 sigmoid layers: the standard U(±1/√n) init vs "
                                     "N(0, 1) weights.",
    "preset_tanh_glorot": "Tanh: standard vs Xavier",
    "preset_tanh_glorot_help": "Glorot & Bengio (2010), figures 6–8: 5 tanh layers.",
    "preset_relu_he": "ReLU, 30 layers: Xavier vs He",
    "preset_relu_he_help": "He et al. (2015): a 30-layer ReLU network.",
    "preset_selu_lecun": "SELU + LeCun init",
    "preset_selu_lecun_help": "Klambauer et al. (2017): self-normalising networks.",
    "preset_dying_relu": "Dying ReLU vs LeakyReLU",
    "preset_dying_relu_help": "A negative bias of −0.5 on every unit.",
    "preset_narrow_relu": "Narrow: ReLU vs LeakyReLU",
    "preset_narrow_relu_help": "Lu et al. (2019): 15 layers of only 2 units each.",
    "preset_hardtanh_weights": "Hardtanh: weight size",
    "preset_hardtanh_weights_help": "30 hardtanh layers: the standard U(±1/√n), Xavier normal "
                                    "and N(0, 1) weights.",
    "story_sigmoid_vanishing": (
        "**What to see:** σ′(z) is at most 0.25, and the standard init makes the weights "
        "small too, so every layer shrinks the gradient several times over: the first layer "
        "gets a gradient tens of millions of times smaller than the last one gets. The grey "
        "dotted line, 0.25ⁿ, is the best a chain of single sigmoid units with weights of 1 "
        "could do; the real network falls even faster."
    ),
    # Numbers as the table shows them (tests/test_gradflow.py computes them afresh).
    "story_sigmoid_exploding": (
        "**What to see:** σ′ is at most 0.25 in both runs, but each layer back also "
        "multiplies the gradient by Wᵀ, and the weights decide. The standard init's small "
        "weights shrink it further, about 7 times a layer: layer 1 gets 2.3×10⁻²⁵ of the "
        "last layer's gradient. N(0, 1) weights stretch it about √n = 16 times, more than σ′ "
        "takes away, though half the entries are saturated (53%): it grows about 1.2 times a "
        "layer, and layer 1 gets 470 times the last layer's gradient, far above the grey "
        "0.25ⁿ line. The outputs stay between 0 and 1 (the boxes), yet the gradient explodes."
    ),
    "story_tanh_glorot": (
        "**What to see:** with the standard init (weights in ±1/√n) the activations shrink "
        "from layer to layer and the back-propagated gradient ∂L/∂h shrinks towards the "
        "input. With Xavier's normalised init both stay roughly level. Yet ∂L/∂W looks "
        "much flatter than ∂L/∂h for both: Glorot and Bengio's observation that the "
        "weight gradients can hide a vanishing back-propagated signal."
    ),
    "story_relu_he": (
        "**What to see:** a ReLU passes only half of its inputs, which halves the signal's "
        "variance at every layer. Xavier doesn't compensate: after 30 layers activations "
        "and gradients are tens of thousands of times smaller. He init doubles the weight "
        "variance (gain √2), and the norms stay within a small factor (about 10) from end "
        "to end. The saturated and dead curves of the two runs are the same line: He only "
        "rescales the weights, and ReLU(c·z) = c·ReLU(z), so the same units switch off. Dead "
        "units still pile up with depth, because deep in a ReLU network the samples start to "
        "look alike and a unit ends up off for the whole batch."
    ),
    "story_selu_lecun": (
        "**What to see:** with LeCun normal weights (variance 1/n), SELU pulls every layer "
        "back towards mean 0 and standard deviation 1: the boxes stay put through 50 "
        "layers, and no unit saturates or dies."
    ),
    "story_dying_relu": (
        "**What to see:** the negative bias pushes pre-activations below zero. A ReLU unit "
        "that is negative for every sample outputs 0 and passes back exactly 0: the dead "
        "fraction climbs to 100% within a few layers, and no gradient gets back through a "
        "layer whose units are all dead: from there to the first layer it is exactly 0, "
        "shown by the strip along the bottom in ReLU's colour (0 has no place on a log "
        "axis). LeakyReLU's small "
        "slope keeps every unit alive and a gradient, though a small one, reaches the "
        "first layer."
    ),
    "story_narrow_relu": (
        "**What to see:** 15 layers of only 2 units. Sooner or later a layer has both units "
        "below zero for the whole batch, and for ReLU that layer passes back exactly 0: its "
        "dead fraction reaches 100%, and below it, down to the first layer, the gradient is "
        "exactly 0 (the strip along the bottom). With this few units that happens for almost "
        "every seed (196 of the first 200). LeakyReLU's units never die, so a gradient always "
        "reaches the first layer, but a layer with both units below zero passes back only "
        "its negative slope's share, 0.01: the steep drops in its line. Going forward such a "
        "layer outputs 0.01·z, so its boxes flatten from there on. With wider layers a wholly "
        "dead layer is rare: try a width of 8."
    ),
    # Numbers as the table shows them (tests/test_gradflow.py computes them afresh, and
    # tests/test_page_gradient_flow.py reads them off the table). The notes' claim, that
    # hardtanh works well with weights in a small range, holds for Xavier's, not smaller.
    "story_hardtanh_weights": (
        "**What to see:** hardtanh passes the gradient back unchanged where −1 < z < 1 "
        "(slope exactly 1) and not at all outside (slope exactly 0), so the size of the "
        "weights decides. Xavier's weights (n·Var(W) = 1) keep all but 3.6% of the entries "
        "inside, on average over the layers: layer 1 of 30 gets 0.9 of the last layer's "
        "gradient. With N(0, 1) weights 94.9% sit on the flat parts, yet the gradient does "
        "not die: the few units left on the slope carry it back through weights √n = 16 "
        "times too large, about 3.6 times more a layer, and layer 1 gets 10¹⁶ times the last "
        "layer's. Smaller than Xavier is no better: the standard init's U(±1/√n) keeps all "
        "but 0.276% inside, but with n·Var(W) = 1/3 the stack is all but linear and shrinks "
        "the activations (the boxes) and the gradient about 1.7 times a layer, to 1.2×10⁻⁷ "
        "at layer 1. Small weights suit hardtanh when they are Xavier's size."
    ),
    "controls": "Network and runs",
    "controls_short": "Settings",
    "act": "Activations",
    "act_help": (
        "Up to 4, compared on identical inputs and weight draws. Each activation is run "
        "with each initialisation below (at most 4 runs)."
    ),
    "init": "Initialisation",
    "init_help": (
        "torch.nn.init names. standard: U(±1/√n), PyTorch's default for nn.Linear and "
        "Glorot's 'standard' init. xavier_*: variance 2/(n_in + n_out). kaiming_* (He): "
        "variance gain²/n_in with the activation's gain (√2 for ReLU). lecun_normal: "
        "variance 1/n_in. orthogonal: an orthogonal matrix. normal: N(0, 1), not scaled "
        "to the width."
    ),
    "depth": "Depth (layers)",
    "depth_help": "Number of layers, each width × width.",
    "width": "Width (units per layer)",
    "width_help": "Units in every layer; inputs and targets have the same width.",
    "batch": "Batch size",
    "batch_help": "Samples in the batch. Statistics are taken over all of them.",
    "bias": "Bias",
    "bias_help": "Every bias of every layer starts at this value. Negative values kill ReLU units.",
    "norm": "Normalisation",
    "norm_help": (
        "Standardise z before the activation: over the batch for each unit (batch norm) or "
        "over the units for each sample (layer norm), without learned scale or shift."
    ),
    "norm_none": "None",
    "norm_batch": "Batch norm",
    "norm_layer": "Layer norm",
    "residual": "Residual connections",
    "residual_help": "hₗ = hₗ₋₁ + f(zₗ): a skip path around every layer.",
    "seed": "Random seed",
    "seed_help": "Same seed, same inputs, targets and weights.",
    "init_standard": "standard U(±1/√n)",
    "init_xavier_uniform": "Xavier uniform",
    "init_xavier_normal": "Xavier normal",
    "init_kaiming_uniform": "He uniform",
    "init_kaiming_normal": "He normal",
    "init_lecun_normal": "LeCun normal",
    "init_orthogonal": "orthogonal",
    "init_normal": "N(0, 1)",
    "init_linear_default": "PyTorch default",
    "run_name": "{act} · {init}",
    "no_act": "Pick at least one activation; showing the default ones.",
    "no_init": "Pick at least one initialisation; showing the default.",
    "too_many_in_link": "The link's `{name}` lists more than {limit}; the extra ones were dropped.",
    "too_many_runs": (
        "{count} combinations of activation and initialisation: only the first {limit} are "
        "shown. Remove an activation or an initialisation to choose which."
    ),
    "resized": (
        "That network is too heavy to simulate here; using depth {depth}, width {width} and "
        "batch {batch} instead."
    ),
    "computing": "Running the forward and backward passes…",
    "computing_run": "Run {i} of {n}: {run}",
    "overflow_forward": (
        "{run}: the activations overflow (beyond 10³⁰⁸) at layer {layer}: this network "
        "explodes. The charts leave the values that overflowed out."
    ),
    "overflow_backward": (
        "{run}: the gradients overflow (beyond 10³⁰⁸), first at layer {layer} on the way "
        "back: this network explodes. The charts leave the values that overflowed out."
    ),
    "failed": "{run} could not be simulated with these settings and was left out.",
    "grad_title": "Gradient norm per layer",
    "grad_h_title": "Back-propagated gradient ‖∂L/∂hₗ‖",
    "grad_w_title": "Weight gradient ‖∂L/∂Wₗ‖",
    "layer": "layer l",
    "norm_log": "norm (log scale)",
    "theory_of": "{run} (theory)",
    "zero_of": "{run}: exactly 0",
    "chain": "σ′(0)ⁿ = 0.25ⁿ",
    "grad_notice": (
        "**What to notice:** read the back-propagated gradient ‖∂L/∂hₗ‖ from right "
        "(output) to left (input): a line sloping down towards layer 1 is a vanishing "
        "gradient, one sloping up is exploding, a level line is healthy. The weight "
        "gradient ‖∂L/∂Wₗ‖ can look flat even when ‖∂L/∂hₗ‖ collapses, because ∂L/∂W also "
        "carries the layer's input."
    ),
    # Only where a run's gradient is exactly 0 somewhere (`figures.gradflow.draws_zero_strips`).
    "grad_notice_zero": (
        "Where a gradient is exactly 0 its line stops (0 has no place on a log axis) and a "
        "strip in the run's colour along the bottom marks those layers."
    ),
    # What the nested markers of `figures.gradflow._outlines` show, where runs meet.
    "grad_overlap": (
        "Where runs meet (at the last layer, where the loss's gradient enters, they often "
        "do), their outlined markers sit one inside another, the first run's largest."
    ),
    "grad_notice_theory": (
        "The wide, pale dashed line under a run is the theory below, computed from the "
        "weights' variance, the slopes f′ met at each layer and the network's own output: "
        "where the run's line stays inside it, the theory predicts the run."
    ),
    "grad_notice_no_theory": (
        "No dashed theory line here: with normalisation or residual connections the "
        "per-layer gain below does not predict these networks (batch norm by itself makes "
        "the gradient grow going back, and the skip paths are not independent of the layers "
        "they skip), so drawing it would mislead."
    ),
    "grad_notice_chain": (
        "The dotted grey line is the scalar chain rule with sigmoid's best slope, 0.25 per "
        "layer, started from the sigmoid run's last layer."
    ),
    # Above the line, with layers wide for their depth (gradflow.theory_parts "coupled").
    "theory_gap_coupled": (
        "**Where the pale dashed line parts from the measurement** ({runs}): the line carries "
        "back the network's own output and the random targets y, each on its own, assuming "
        "that the rest of the gradient reaching a layer is independent of that layer's "
        "weights. Here it is not: even the targets' share alone comes back larger than the "
        "per-layer gains say, and another seed or a larger width usually keeps the gap, so "
        "it is not one draw's luck."
    ),
    "theory_gap_spread": (
        "**Where the pale dashed line parts from the measurement** ({runs}): the theory is an "
        "average over every draw of the weights, and single draws spread around it, the wider "
        "the more layers there are for their width: here {depth} layers of {width} units "
        "(Hanin, 2018). One network, like this one, can land far from the line, on either "
        "side: try another seed, or a larger width."
    ),
    # A gap within gradflow.THEORY_TOLERANCE that the chart still shows (a narrow axis):
    # both effects are at work at that size, neither told apart as the notes above are.
    "theory_gap_near": (
        "**Where the pale dashed line parts from the measurement** ({runs}): by less than "
        "a factor of {factor} at layer 1, yet enough to show on this chart's axis. The "
        "theory is the average over every draw of the weights, exact only for infinitely "
        "wide layers; this is one draw, {depth} layers of {width} units, and that moves a "
        "measurement this much. Another seed moves it too."
    ),
    "theory_gap_run": "{run}: layer 1 ÷ last layer = {measured} measured, {predicted} in theory",
    "dist_title": "Activations per layer",
    "tab_box": "Boxes",
    "tab_heat": "Histograms",
    "value": "hₗ",
    "share": "share",
    # A box's hover, stat by stat (the whiskers end at the 1% and 99% quantiles)
    "box_min": "1%",
    "box_q1": "q1",
    "box_median": "median",
    "box_mean": "mean",
    "box_mean_sd": "mean ± 1 std",
    "box_q3": "q3",
    "box_max": "99%",
    "dist_notice": (
        "**What to notice:** each box spans the middle half of hₗ over the batch and "
        "units, whiskers the 1% and 99% quantiles; the dashed line across it is the mean, "
        "and the dashed diamond spans the mean ± 1 standard deviation. Boxes that shrink to "
        "a line mean the signal is dying out; boxes that spread out mean it explodes."
    ),
    # Only next to a sigmoid run.
    "dist_notice_sigmoid": (
        "Sigmoid's boxes sit around 0.5, not 0, since its outputs are all positive (not "
        "zero-centred)."
    ),
    "dist_notice_heat": (
        "In the histograms, a colour band stuck at the edges of the range means saturation."
    ),
    "frac_title": "Saturated and dead units",
    "saturated": "Saturated: |f′(z)| < 0.001",
    "dead": "Dead: f′(z) = 0 for the whole batch",
    "percent": "percent",
    "frac_notice": (
        "**What to notice:** a saturated entry passes back almost nothing (|f′| below "
        "0.001)."
    ),
    # Only next to a ReLU run. ("About half" only where z is centred: a negative bias or a
    # narrow stack's dead layers push ReLU's share towards 100%.)
    "frac_notice_relu": (
        "ReLU counts as saturated wherever z < 0: about half the entries while z is centred "
        "on 0."
    ),
    "frac_notice_dead": (
        "A dead unit has f′ = 0 for every sample of the batch, so its weights get no "
        "gradient at all."
    ),
    # What the nested markers of `figures.gradflow._fraction_traces` show.
    "frac_overlap": "Where runs share a value (often 0% at every layer), their outlined "
                    "markers sit one inside another, the first run's largest, so every run "
                    "shows; hover a layer to read each value.",
    "frac_overlap_touch": "Where runs share a value (often 0% at every layer), their outlined "
                          "markers sit one inside another, the first run's largest, so every "
                          "run shows; tap a layer to read each value.",
    "table_title": "Summary",
    "col_run": "Run",
    "col_loss": "Loss",
    "col_ratio": "Gradient at layer 1 ÷ at the last layer",
    "col_predicted": "Theory",
    "col_dead": "Dead units, last layer",
    "col_saturated": "Saturated, mean",
    "table_notice": (
        "The ratio is how much of the output gradient reaches the first layer: 1 is "
        "perfect flow, 10⁻⁶ is vanishing, 10⁶ exploding."
    ),
    # Only with the 'Theory' column (where the theory applies).
    "table_notice_theory": "'Theory' is the dashed line's ratio: the per-layer gains below, "
                           "with the network's own output's share added.",
    "theory_title": "The theory behind the dashed lines",
    "theory_text": (
        "Going back through layer l multiplies the gradient by f′(zₗ) and then by Wₗᵀ. "
        "If the weights are independent of everything else, the squared norm is "
        "multiplied on average by the gain gₗ, with n the width:"
    ),
    "theory_chain": (
        "For a single sigmoid unit per layer with weight 1 this is the scalar chain rule, "
        "and σ′ is at most 1/4:"
    ),
    "theory_note": (
        "Xavier init makes n·Var(W) = 1 and suits slopes near 1 (tanh around 0); He init "
        "makes it 2, since a ReLU passes half its inputs, E[f′²] = 1/2. The gain uses "
        "E[f′(z)²] measured on this batch, and assumes that the gradient arriving at a layer "
        "is independent of that layer's weights. That holds for the share of the error that "
        "comes from the random targets y, and the formula above is that share. The rest, the "
        "network's own output h_D, was made by those same weights, and going back through a "
        "layer it returns as that layer's input hₗ₋₁ again, on top of a random part that the "
        "gains carry on. With ReLU and He init the output's share of the squared norm grows "
        "by 2‖h‖² at every layer back (1 + 2k after k layers), where the gains alone say it "
        "stays put: over the 30 layers of the \"ReLU, 30 layers\" button that is the whole "
        "rise the dashed line shows, about 9 times at layer 1, not 1.3. So the dashed line "
        "carries both shares back. It is also an average over draws of the weights: in a "
        "stack that is deep for its width, one network can land orders of magnitude away "
        "from it, on either side (Hanin, 2018; try the \"Narrow network\" button)."
    ),
    "theory_norm_note": (
        "With normalisation the gain would also include 1/σ² from the standardisation, and "
        "with residual connections it would be 1 + g. Measured, neither holds: the "
        "standardisation couples the samples of the batch and removes two directions from "
        "the gradient, and the skip paths are correlated with the layers they skip, so the "
        "page draws no dashed line for these networks."
    ),
}

KO = {
    "alt_grad": "층마다 기울기의 크기를 로그 축에 그린 선 그래프, 역전파된 기울기와 가중치의 기울기: {names}.",
    "alt_box": "층마다 활성값의 분포를 보여 주는 상자 그림, 수염은 1%와 99% 분위수, 점선 "
               "마름모는 평균 ± 표준편차 1배: {names}.",
    "alt_heat": "층마다 활성값이 어떻게 퍼져 있는지 보여 주는 히트맵: {names}.",
    "alt_frac": "층마다 포화된 유닛과 죽은 유닛의 비율을 보여 주는 선 그래프: {names}.",
    "title": "깊은 신경망 속 기울기의 흐름",
    "intro": (
        "막 초기화한 완전 연결 층들을 쌓고, 무작위 입력과 목표값 한 배치를 넣습니다. "
        "순전파를 한 뒤 제곱 오차를 역전파하며 모든 층을 하나씩 들여다봅니다. 층을 하나 "
        "지날 때마다 기울기에는 활성화 함수의 도함수 f′(z)와 가중치가 곱해집니다. 그 곱이 "
        "평균적으로 1보다 작으면 기울기는 입력 쪽으로 갈수록 사라지고(기울기 소실), 1보다 "
        "크면 커집니다(기울기 폭주). 모든 실행은 같은 입력, 같은 목표값, 같은 무작위 가중치를 "
        "씁니다."
    ),
    "intro_short": "막 초기화한 깊은 신경망에 배치 하나를 흘려 봅니다. 기울기가 첫 층까지 닿을까요?",
    "intro_more": "이 페이지에 대하여",
    "presets": "고전 실험",
    "presets_help": "버튼 하나로 논문 속 실험 하나의 설정을 모두 맞춥니다.",
    "preset_short_sigmoid_vanishing": "Sigmoid 10층",
    "preset_short_sigmoid_exploding": "Sigmoid N(0,1)",
    "preset_short_tanh_glorot": "Tanh 5층",
    "preset_short_relu_he": "ReLU 30층",
    "preset_short_selu_lecun": "SELU 50층",
    "preset_short_dying_relu": "죽은 ReLU",
    "preset_short_narrow_relu": "좁은 ReLU",
    "preset_short_hardtanh_weights": "Hardtanh",
    "preset_sigmoid_vanishing": "Sigmoid 10층",
    "preset_sigmoid_vanishing_help": "표준 초기화 U(±1/√n)를 쓴 sigmoid 10층.",
    "preset_sigmoid_exploding": "Sigmoid, 큰 가중치: 폭주",
    "preset_sigmoid_exploding_help": "sigmoid 30층: 표준 초기화 U(±1/√n) vs N(0, 1) 가중치.",
    "preset_tanh_glorot": "Tanh: 표준 vs Xavier",
    "preset_tanh_glorot_help": "Glorot & Bengio (2010), 그림 6–8: tanh 5층.",
    "preset_relu_he": "ReLU 30층: Xavier vs He",
    "preset_relu_he_help": "He 외 (2015): 30층 ReLU 신경망.",
    "preset_selu_lecun": "SELU + LeCun 초기화",
    "preset_selu_lecun_help": "Klambauer 외 (2017): 자기 정규화 신경망.",
    "preset_dying_relu": "죽은 ReLU vs LeakyReLU",
    "preset_dying_relu_help": "모든 유닛에 편향 −0.5.",
    "preset_narrow_relu": "좁은 신경망: ReLU vs LeakyReLU",
    "preset_narrow_relu_help": "Lu 외 (2019): 유닛이 2개뿐인 층 15개.",
    "preset_hardtanh_weights": "Hardtanh: 가중치의 크기",
    "preset_hardtanh_weights_help": "hardtanh 30층: 표준 초기화 U(±1/√n), Xavier 정규, N(0, 1) "
                                    "가중치.",
    "story_sigmoid_vanishing": (
        "**볼 점:** σ′(z)는 최대 0.25이고, 표준 초기화는 가중치까지 작게 만듭니다. 그래서 "
        "층마다 기울기가 몇 배씩 줄어들어, 첫 층에 닿는 기울기는 마지막 층의 수천만 분의 "
        "1에 불과합니다. 회색 점선 0.25ⁿ은 가중치가 1인 sigmoid 유닛 하나씩을 이은 사슬이 낼 수 "
        "있는 최선인데, 실제 신경망은 그보다도 빨리 떨어집니다."
    ),
    "story_sigmoid_exploding": (
        "**볼 점:** 두 실행 모두 σ′는 최대 0.25이지만, 층을 거꾸로 지날 때마다 기울기에는 Wᵀ도 "
        "곱해지므로 가중치가 결과를 가릅니다. 표준 초기화의 작은 가중치는 기울기를 층마다 약 "
        "7분의 1로 더 줄여, 첫 층에는 마지막 층 기울기의 2.3×10⁻²⁵만 닿습니다. N(0, 1) "
        "가중치는 기울기를 약 √n = 16배로 늘려, 값의 절반이 포화되어 있는데도(53%) σ′가 "
        "줄이는 것보다 더 키웁니다. 기울기는 층마다 약 1.2배씩 커져 첫 층에서는 마지막 층의 "
        "470배가 되고, 회색 0.25ⁿ 선보다 한참 위에 있습니다. 출력은 0과 1 사이에 머무르지만"
        "(상자 그림) 기울기는 폭주합니다."
    ),
    "story_tanh_glorot": (
        "**볼 점:** 표준 초기화(±1/√n 범위의 가중치)에서는 층을 지날수록 활성값이 줄고, "
        "역전파된 기울기 ∂L/∂h도 입력 쪽으로 갈수록 줄어듭니다. Xavier의 정규화 초기화에서는 "
        "둘 다 거의 일정합니다. 그런데 두 경우 모두 ∂L/∂W는 ∂L/∂h보다 훨씬 평평해 보입니다. "
        "가중치 기울기만 보면 역전파 신호의 소실을 놓칠 수 있다는 Glorot과 Bengio의 관찰입니다."
    ),
    "story_relu_he": (
        "**볼 점:** ReLU는 입력의 절반만 통과시키므로 층마다 신호의 분산이 절반이 됩니다. "
        "Xavier 초기화는 이를 보정하지 못해, 30층을 지나면 활성값과 기울기가 수만 배 "
        "작아집니다. He 초기화는 가중치 분산을 두 배로(gain √2) 키워, 처음부터 끝까지 "
        "크기가 작은 배수(10배 안팎) 안에 머뭅니다. 두 실행의 포화·죽은 유닛 곡선은 같은 "
        "선입니다. He 초기화는 가중치의 크기만 바꾸고 ReLU(c·z) = c·ReLU(z)이므로 꺼지는 "
        "유닛이 똑같기 때문입니다. 그래도 깊어질수록 죽은 유닛이 쌓이는데, ReLU 신경망 깊은 "
        "곳에서는 샘플들이 서로 닮아 가서 배치 전체에서 꺼진 유닛이 생기기 때문입니다."
    ),
    "story_selu_lecun": (
        "**볼 점:** LeCun 정규 초기화(분산 1/n)와 함께 쓰면 SELU는 층마다 평균 0, 표준편차 "
        "1 쪽으로 되돌아갑니다. 50층을 지나도 상자 그림이 제자리에 있고, 포화되거나 죽는 "
        "유닛도 없습니다."
    ),
    "story_dying_relu": (
        "**볼 점:** 음의 편향이 활성화 전 값을 0 아래로 밀어냅니다. 모든 샘플에서 음수인 ReLU "
        "유닛은 0을 출력하고 역전파로도 정확히 0을 돌려보냅니다. 죽은 유닛 비율이 몇 층 만에 "
        "100%에 이르고, 유닛이 모두 죽은 층을 지나서는 기울기가 돌아오지 못합니다. 그 층부터 "
        "첫 층까지 기울기는 정확히 0이며, 아래쪽의 ReLU 색 띠가 이를 보여 줍니다(로그 축에는 "
        "0을 그릴 수 없습니다). LeakyReLU는 x < 0에서도 0이 아닌 작은 f′ 덕분에 모든 유닛이 "
        "살아 있고, 작게나마 기울기가 "
        "첫 층까지 닿습니다."
    ),
    "story_narrow_relu": (
        "**볼 점:** 층마다 유닛이 2개뿐인 15층 신경망입니다. 언젠가는 배치 전체에서 두 유닛이 "
        "모두 0 아래인 층이 나오고, ReLU에서는 그 층이 역전파로 정확히 0을 돌려보냅니다. 죽은 "
        "유닛 비율이 100%에 이르고, 그 아래로 첫 층까지 기울기는 정확히 0입니다(아래쪽 띠). "
        "유닛이 이렇게 적으면 거의 모든 시드에서 이런 일이 생깁니다(처음 200개 중 196개). "
        "LeakyReLU의 유닛은 죽지 않으므로 기울기가 언제나 첫 층까지 닿지만, 두 유닛이 모두 0 "
        "아래인 층은 기울기에 f′ = 0.01을 곱해 돌려보냅니다. 선이 가파르게 떨어지는 "
        "곳이 그런 층입니다. 순전파에서도 그런 층은 0.01·z를 내보내므로, 그 층부터는 상자 "
        "그림도 납작해집니다. 층이 넓으면 통째로 죽는 층은 드뭅니다. 폭을 8로 바꿔 보세요."
    ),
    "story_hardtanh_weights": (
        "**볼 점:** hardtanh는 −1 < z < 1에서는 기울기를 그대로 돌려보내고(기울기 정확히 "
        "1), 그 밖에서는 전혀 돌려보내지 않습니다(정확히 0). 그래서 가중치의 크기가 결과를 "
        "가릅니다. Xavier 가중치(n·Var(W) = 1)에서는 층 평균으로 값의 3.6%만 그 밖에 있고, "
        "30층 가운데 1층에 마지막 층 기울기의 0.9가 닿습니다. N(0, 1) 가중치에서는 94.9%가 평평한 "
        "부분에 있는데도 기울기가 사라지지 않습니다. 기울기가 1인 구간에 남은 몇 안 되는 "
        "유닛이 √n = 16배나 큰 가중치를 거쳐 기울기를 실어 나르므로, 층마다 약 3.6배씩 "
        "커져 1층에서는 마지막 층의 10¹⁶배가 됩니다. Xavier보다 작다고 더 좋지도 않습니다. "
        "표준 초기화 U(±1/√n)에서는 0.276%만 그 밖에 있지만, n·Var(W) = 1/3이라 거의 "
        "선형인 신경망이 활성값(상자 그림)과 기울기를 층마다 약 1.7분의 1로 줄여, 1층에서는 "
        "1.2×10⁻⁷이 됩니다. hardtanh에 알맞은 작은 가중치는 Xavier만큼의 크기입니다."
    ),
    "controls": "신경망과 실행 설정",
    "controls_short": "설정",
    "act": "활성화 함수",
    "act_help": (
        "최대 4개까지, 같은 입력과 같은 가중치 난수로 비교합니다. 각 활성화 함수를 아래의 "
        "각 초기화와 짝지어 실행합니다(최대 4회)."
    ),
    "init": "초기화",
    "init_help": (
        "torch.nn.init의 이름입니다. standard: U(±1/√n), PyTorch nn.Linear의 기본값이자 "
        "Glorot의 '표준' 초기화. xavier_*: 분산 2/(n_in + n_out). kaiming_*(He): 활성화 "
        "함수의 gain으로 분산 gain²/n_in(ReLU는 √2). lecun_normal: 분산 1/n_in. orthogonal: "
        "직교 행렬. normal: 폭과 상관없는 N(0, 1)."
    ),
    "depth": "깊이(층 수)",
    "depth_help": "층의 개수. 각 층은 폭 × 폭 크기입니다.",
    "width": "폭(층당 유닛 수)",
    "width_help": "모든 층의 유닛 수. 입력과 목표값도 같은 폭입니다.",
    "batch": "배치 크기",
    "batch_help": "배치의 샘플 수. 통계는 모든 샘플에 대해 냅니다.",
    "bias": "편향",
    "bias_help": "모든 층의 모든 편향이 이 값에서 시작합니다. 음수면 ReLU 유닛이 죽습니다.",
    "norm": "정규화",
    "norm_help": (
        "활성화 함수 전에 z를 표준화합니다. 유닛마다 배치에 걸쳐(배치 정규화) 또는 샘플마다 "
        "유닛에 걸쳐(층 정규화) 하며, 학습되는 배율과 이동은 없습니다."
    ),
    "norm_none": "없음",
    "norm_batch": "배치 정규화",
    "norm_layer": "층 정규화",
    "residual": "잔차 연결",
    "residual_help": "hₗ = hₗ₋₁ + f(zₗ): 층마다 건너뛰는 경로를 둡니다.",
    "seed": "난수 시드",
    "seed_help": "시드가 같으면 입력, 목표값, 가중치가 같습니다.",
    "init_standard": "표준 U(±1/√n)",
    "init_xavier_uniform": "Xavier 균등",
    "init_xavier_normal": "Xavier 정규",
    "init_kaiming_uniform": "He 균등",
    "init_kaiming_normal": "He 정규",
    "init_lecun_normal": "LeCun 정규",
    "init_orthogonal": "직교",
    "init_normal": "N(0, 1)",
    "init_linear_default": "PyTorch 기본값",
    "run_name": "{act} · {init}",
    "no_act": "활성화 함수를 하나 이상 고르세요. 기본값으로 보여 줍니다.",
    "no_init": "초기화를 하나 이상 고르세요. 기본값으로 보여 줍니다.",
    "too_many_in_link": "링크의 `{name}`에 {limit}개보다 많은 값이 있어 나머지는 뺐습니다.",
    "too_many_runs": (
        "활성화 함수와 초기화의 조합이 {count}개라 앞의 {limit}개만 보여 줍니다. 활성화 "
        "함수나 초기화를 하나 빼서 고르세요."
    ),
    "resized": (
        "이 신경망은 여기서 돌리기에 너무 무거워 깊이 {depth}, 폭 {width}, 배치 {batch}로 "
        "대신 계산합니다."
    ),
    "computing": "순전파와 역전파를 계산하는 중…",
    "computing_run": "{n}개 중 {i}번째 실행: {run}",
    "overflow_forward": (
        "{run}: {layer}층에서 활성값이 넘칩니다(10³⁰⁸ 초과). 이 신경망은 폭주합니다. 넘친 "
        "값들은 차트에서 뺐습니다."
    ),
    "overflow_backward": (
        "{run}: 역전파 도중 {layer}층에서 처음으로 기울기가 넘칩니다(10³⁰⁸ 초과). 이 신경망은 "
        "폭주합니다. 넘친 값들은 차트에서 뺐습니다."
    ),
    "failed": "{run}은(는) 이 설정으로 계산할 수 없어 뺐습니다.",
    "grad_title": "층별 기울기 크기",
    "grad_h_title": "역전파된 기울기 ‖∂L/∂hₗ‖",
    "grad_w_title": "가중치 기울기 ‖∂L/∂Wₗ‖",
    "layer": "층 l",
    "norm_log": "크기(로그 축)",
    "theory_of": "{run} (이론)",
    "zero_of": "{run}: 정확히 0",
    "chain": "σ′(0)ⁿ = 0.25ⁿ",
    "grad_notice": (
        "**볼 점:** 역전파된 기울기 ‖∂L/∂hₗ‖는 오른쪽(출력)에서 왼쪽(입력)으로 읽습니다. "
        "1층 쪽으로 내려가는 선은 기울기 소실, 올라가는 선은 기울기 폭주, 수평인 선이 건강한 "
        "상태입니다. ∂L/∂W에는 그 층의 입력도 곱해지므로, ‖∂L/∂hₗ‖가 무너져도 가중치 기울기 "
        "‖∂L/∂Wₗ‖는 평평해 보일 수 있습니다."
    ),
    "grad_notice_zero": (
        "기울기가 정확히 0인 층에서는 선이 끊기고(로그 축에는 0을 그릴 수 없습니다), 그 "
        "층들을 아래쪽의 실행 색 띠로 표시합니다."
    ),
    "grad_overlap": (
        "실행들이 만나는 곳에서는(손실의 기울기가 들어오는 마지막 층에서 흔히 만납니다) 속이 "
        "빈 마커가 겹겹이 포개지며, 앞선 실행의 마커일수록 큽니다."
    ),
    "grad_notice_theory": (
        "실행 밑의 넓고 옅은 파선은 아래 이론값으로, 가중치의 분산, 층마다 만난 도함수 "
        "f′, 신경망 자신의 출력으로 계산합니다. 실행의 선이 그 안에 머무르면 이론이 그 "
        "실행을 예측한 것입니다."
    ),
    "grad_notice_no_theory": (
        "여기에는 이론 파선을 그리지 않았습니다. 정규화나 잔차 연결이 있으면 아래의 층별 "
        "이득으로는 이 신경망을 예측할 수 없습니다(배치 정규화는 그 자체로 역전파할수록 "
        "기울기를 키우고, 건너뛰는 경로는 건너뛰는 층과 독립이 아닙니다). 그려 두면 "
        "오해를 부릅니다."
    ),
    "grad_notice_chain": (
        "회색 점선은 sigmoid 도함수의 최댓값 0.25를 층마다 곱한 스칼라 연쇄 법칙으로, "
        "sigmoid 실행의 마지막 층에서 시작합니다."
    ),
    "theory_gap_coupled": (
        "**옅은 파선과 측정값이 갈라지는 곳** ({runs}): 파선은 신경망 자신의 출력과 무작위 "
        "목표값 y의 몫을 따로따로 거꾸로 전하며, 층에 도착하는 나머지 기울기는 그 층의 "
        "가중치와 독립이라고 가정합니다. 여기서는 그렇지 않습니다. 목표값의 몫만 보아도 층별 "
        "이득이 말하는 것보다 크게 돌아오고, 시드를 바꾸거나 폭을 키워도 대개 차이가 남으므로 "
        "한 번 뽑은 운이 아닙니다."
    ),
    "theory_gap_spread": (
        "**옅은 파선과 측정값이 갈라지는 곳** ({runs}): 이론은 가중치를 뽑는 모든 경우의 "
        "평균이고, 하나하나 뽑은 결과는 그 평균을 중심으로 흩어집니다. 폭에 비해 층이 많을수록 "
        "더 넓게 흩어지는데, 여기서는 유닛 {width}개짜리 층이 {depth}개입니다(Hanin, 2018). "
        "이 신경망처럼 하나만 뽑으면 선에서 멀리, 위로도 아래로도 떨어질 수 있습니다. 다른 "
        "시드나 더 큰 폭으로 바꿔 보세요."
    ),
    "theory_gap_near": (
        "**옅은 파선과 측정값이 갈라지는 곳** ({runs}): 1층에서 {factor}배 안쪽의 차이지만 "
        "이 차트의 축에서는 눈에 띕니다. 이론은 가중치를 뽑는 모든 경우의 평균이고 폭이 "
        "무한한 층에서만 정확한데, 이 신경망은 유닛 {width}개짜리 층 {depth}개를 한 번 뽑은 "
        "것이어서 측정값이 그만큼 움직입니다. 시드를 바꾸면 이 차이도 달라집니다."
    ),
    "theory_gap_run": "{run}: 1층 ÷ 마지막 층 = 측정 {measured}, 이론 {predicted}",
    "dist_title": "층별 활성값",
    "tab_box": "상자 그림",
    "tab_heat": "히스토그램",
    "value": "hₗ",
    "share": "비율",
    "box_min": "1%",
    "box_q1": "1사분위",
    "box_median": "중앙값",
    "box_mean": "평균",
    "box_mean_sd": "평균 ± 표준편차",
    "box_q3": "3사분위",
    "box_max": "99%",
    "dist_notice": (
        "**볼 점:** 상자는 배치와 유닛 전체에서 hₗ의 가운데 절반을, 수염은 1%와 99% "
        "분위수를 나타냅니다. 상자를 가로지르는 점선은 평균이고, 점선 마름모는 평균 ± 표준편차 "
        "1배에 걸쳐 있습니다. 상자가 선처럼 납작해지면 신호가 사라지는 것이고, 넓게 퍼지면 "
        "폭주하는 것입니다."
    ),
    "dist_notice_sigmoid": (
        "sigmoid의 출력은 모두 양수라(0 중심이 아님) 상자가 0이 아니라 0.5 근처에 있습니다."
    ),
    "dist_notice_heat": "히스토그램에서 색 띠가 범위 양 끝에 붙어 있으면 포화입니다.",
    "frac_title": "포화된 유닛과 죽은 유닛",
    "saturated": "포화된 값: |f′(z)| < 0.001",
    "dead": "죽은 유닛: 배치 전체에서 f′(z) = 0",
    "percent": "퍼센트",
    "frac_notice": (
        "**볼 점:** 포화된 값은 역전파로 거의 아무것도 돌려보내지 못합니다(|f′|가 0.001 "
        "미만)."
    ),
    "frac_notice_relu": (
        "ReLU는 z < 0인 곳을 모두 포화로 셉니다. z가 0을 중심으로 퍼져 있으면 대략 절반입니다."
    ),
    "frac_notice_dead": (
        "죽은 유닛은 배치의 모든 샘플에서 f′ = 0이라 그 가중치는 기울기를 전혀 받지 못합니다."
    ),
    "frac_overlap": "실행들이 같은 값에 있으면(흔히 모든 층에서 0%) 속이 빈 마커가 겹겹이 "
                    "포개집니다. 앞선 실행의 마커일수록 커서 실행이 모두 보이고, 층 위에 "
                    "마우스를 올리면 각각의 값을 읽을 수 있습니다.",
    "frac_overlap_touch": "실행들이 같은 값에 있으면(흔히 모든 층에서 0%) 속이 빈 마커가 "
                          "겹겹이 포개집니다. 앞선 실행의 마커일수록 커서 실행이 모두 보이고, "
                          "층을 누르면 각각의 값을 읽을 수 있습니다.",
    "table_title": "요약",
    "col_run": "실행",
    "col_loss": "손실",
    "col_ratio": "1층의 기울기 ÷ 마지막 층의 기울기",
    "col_predicted": "이론값",
    "col_dead": "죽은 유닛(마지막 층)",
    "col_saturated": "포화 비율(평균)",
    "table_notice": (
        "비율은 출력의 기울기 가운데 첫 층까지 닿는 몫입니다. 1이면 완벽한 흐름, 10⁻⁶이면 "
        "소실, 10⁶이면 폭주입니다."
    ),
    "table_notice_theory": "'이론값'은 파선의 비율로, 아래의 층별 이득에 신경망 자신의 "
                           "출력의 몫을 더한 것입니다.",
    "theory_title": "파선 뒤의 이론",
    "theory_text": (
        "층 l을 거꾸로 지나면 기울기에 f′(zₗ)이, 그다음 Wₗᵀ가 곱해집니다. 가중치가 다른 "
        "모든 것과 독립이라면, 기울기 크기의 제곱은 평균적으로 이득 gₗ배가 됩니다(n은 폭):"
    ),
    "theory_chain": (
        "층마다 가중치 1인 sigmoid 유닛 하나만 있다면 이것은 스칼라 연쇄 법칙이고, σ′는 "
        "최대 1/4입니다:"
    ),
    "theory_note": (
        "Xavier 초기화는 n·Var(W) = 1로 맞추어 f′이 1 근처인 함수(0 부근의 tanh)에 "
        "알맞고, He 초기화는 ReLU가 입력의 절반만 통과시키므로(E[f′²] = 1/2) 이를 2로 "
        "맞춥니다. 이득 계산에는 이 배치에서 잰 E[f′(z)²]를 쓰며, 층에 도착한 기울기가 그 "
        "층의 가중치와 독립이라고 가정합니다. 이 가정은 오차 가운데 무작위 목표값 y에서 오는 "
        "몫에서 맞고, 위의 식이 그 몫입니다. 나머지인 신경망 자신의 출력 h_D는 바로 그 "
        "가중치로 만들어졌으므로, 층을 거꾸로 지나면 그 층의 입력 hₗ₋₁이 다시 나오고 그 "
        "위에 이득이 실어 나르는 무작위 부분이 얹힙니다. ReLU와 He 초기화에서는 출력의 몫이 "
        "기울기 크기의 제곱에서 층을 하나 거슬러 갈 때마다 2‖h‖²씩 커집니다(k층 뒤에 "
        "1 + 2k). 이득만으로는 그대로여야 하는데 말입니다. 'ReLU 30층' 버튼의 30층에서는 "
        "이것이 파선이 보여 주는 상승 전부로, 1층에서 1.3배가 아니라 약 9배입니다. 그래서 "
        "파선은 두 몫을 함께 거꾸로 전합니다. 또한 파선은 가중치를 뽑는 모든 경우에 대한 "
        "평균이어서, 폭에 비해 깊은 신경망 하나는 이 값에서 어느 쪽으로든 몇 자릿수나 "
        "벗어날 수 있습니다(Hanin, 2018; '좁은 신경망' 버튼)."
    ),
    "theory_norm_note": (
        "정규화를 쓰면 이득에 표준화에서 나오는 1/σ²가, 잔차 연결을 쓰면 1 + g가 들어가야 "
        "하지만, 재 보면 둘 다 맞지 않습니다. 표준화는 배치의 표본들을 서로 묶고 기울기에서 "
        "두 방향을 없애며, 건너뛰는 경로는 건너뛰는 층과 상관되어 있습니다. 그래서 이런 "
        "신경망에는 파선을 그리지 않습니다."
    ),
}

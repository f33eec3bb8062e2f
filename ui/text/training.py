"""Training lab text: nonlinearity and XOR, the sigmoid zig-zag, the optimizer race."""

EN = {
    "alt_boundary": "The predicted probability of class 1 over the plane (x₁, x₂), with the data "
                    "points and the decision boundary ({title}).",
    "alt_curves": "Line charts of the loss and the training accuracy at each step: {names}.",
    "alt_zigzag": "Gradient descent's path in {steps} steps over the loss's contour lines in the "
                  "plane (w₁, w₂), each step marked by its gradient's signs ({title}).",
    "alt_race": "Animated race of {n} optimizers over {steps} steps on a surface's contour lines, "
                "with Play and a slider. The surface: {surface}.",
    "title": "Nonlinearity and training",
    "intro": "Three things only show when a network trains: pick the data, the activation, "
             "the layers and the optimizer, and watch.",
    "intro_more_label": "What this page shows",
    "intro_short": "Train a small network and watch what each choice changes.",
    "details": "Details",
    "controls": "Settings",
    "to_playground": "Playground",
    "intro_more": (
        "Without a nonlinear activation, extra layers add nothing and XOR stays unsolved. A "
        "non-zero-centred activation such as sigmoid makes gradient descent zig-zag. And "
        "optimizers differ in how they adapt each step."
    ),
    "settings": "Network and data",
    "dataset": "Data set",
    "dataset_help": (
        "XOR: four clusters at the corners; opposite corners share a class, so no straight "
        "line separates them. Circles: a ring around a disc. Moons: two interleaved half "
        "circles. Spiral: two interleaved spirals (hard). Two blobs: two clusters (a straight "
        "line is enough)."
    ),
    "noise": "Noise",
    "noise_help": "Standard deviation of the random jitter added to every point.",
    "points": "Points",
    "points_help": "Number of training points (half in each class).",
    "act": "Activation",
    "act_help": (
        "Applied after every hidden layer. Identity (linear) means no activation at all: "
        "h(x) = c·x, a straight line."
    ),
    "layers": "Hidden layers",
    "layers_help": "0 is the single-layer perceptron: its decision boundary is one straight line.",
    "width": "Units per hidden layer",
    "optimizer": "Optimizer",
    "optimizer_help": (
        "SGD, Momentum, NAG (Nesterov), Adagrad, RMSProp, AdaDelta, Adam, NAdam: PyTorch's "
        "update rules and default hyper-parameters."
    ),
    "auto_lr": "Recommended learning rate",
    "auto_lr_help": "Use a full-batch rate that suits the optimizer ({lr} for {optimizer}).",
    "lr": "Learning rate",
    "lr_help": "Used when the recommended rate is switched off. Too large and training diverges.",
    "steps": "Training steps",
    "steps_help": "Full-batch gradient steps: every step uses every training point.",
    "seed": "Seed",
    "seed_help": "Seeds the initial weights. The data stay the same; only the start changes.",
    "tab_train": "Train",
    "tab_compare": "Compare activations",
    "tab_zigzag": "Zig-zag",
    "tab_race": "Optimizer race",
    "progress": "Training with {act}…",
    "capped": (
        "This network and data set would take too long to train here, so training runs "
        "{steps} steps instead of {asked}. Use fewer points, fewer layers or narrower layers "
        "to train longer."
    ),
    "diverged": (
        "Training stopped after {step} steps: the numbers overflowed. Try a smaller learning "
        "rate."
    ),
    "timed_out": (
        "Training stopped after {step} of {steps} steps because it took longer than "
        "{seconds} s on this server. Use fewer points or smaller layers to train further."
    ),
    "accuracy": "Training accuracy",
    "loss": "Loss (BCE)",
    "steps_done": "Steps",
    "delta_acc": "points vs. start",
    "delta_loss": "vs. start",
    "ds_xor": "XOR",
    "ds_circles": "Circles",
    "ds_moons": "Moons",
    "ds_spiral": "Spiral",
    "ds_gaussians": "Two blobs",
    "perceptron": "no hidden layer (perceptron)",
    "layout": "layers {sizes}",
    "boundary_title": "{act}, {layout}",
    "boundary_title_lines": "{act},<br>{layout}",
    "x1": "x₁",
    "x2": "x₂",
    "class0": "class 0",
    "class1": "class 1",
    "probability": "P(class 1)",
    "loss_title": "Loss",
    "accuracy_title": "Training accuracy",
    "step": "Step",
    "loss_axis": "binary cross-entropy",
    "train_caption": (
        "Background: the network's probability of class 1, from class 0's colour to class 1's; "
        "the grey line is p = 0.5, the decision boundary. Accuracy counts the training points "
        "on the correct side."
    ),
    "train_linear_none": (
        "Without a hidden layer the boundary is one straight line, whatever the activation: "
        "on XOR it gets at most 3 of the 4 clusters right ({best}), and this run gets {acc}."
    ),
    "train_linear_identity": (
        "Identity (linear) bends nothing, however many layers: the boundary is one straight "
        "line, which on XOR gets at most 3 of the 4 clusters right ({best}); this run gets "
        "{acc}."
    ),
    "train_stalled": (
        "{act} ends at {acc} here, no better than a straight line ({best} on XOR): from some "
        "starts too many units die or saturate, or the steps run out first. Try another "
        "seed, or more steps."
    ),
    "no_signal": (
        "{act} has slope 0 everywhere (none at 0), so backpropagation passed its hidden "
        "layers a gradient of exactly 0: after {steps} steps all {n} of their weights and "
        "biases are exactly where they started. Only the output layer learned (its weights "
        "moved by up to {moved}), on the cuts of the plane the hidden units made at random "
        "at the start: {acc} correct."
    ),
    "dead_line": "dead units (% of hidden)",
    "dead_counts": (
        "Dead units (output 0 on all {n} training points; the shaded area): {start} of {units} "
        "before training, {end} after step {steps}. Units died {died} times, the first after "
        "step {first}, and came back {revived} times."
    ),
    "dead_counts_none": (
        "Dead units (output 0 on all {n} training points; the shaded area): {start} of {units} "
        "before training, {end} after step {steps}. None died during training; units came "
        "back {revived} times."
    ),
    "dead_stays": (
        "A dead unit's incoming weights and bias get a zero gradient, and {optimizer}, which "
        "keeps no memory of past gradients, then leaves them where they are."
    ),
    "dead_one_layer": (
        "With one hidden layer its inputs, the points, never change either: a dead unit stays "
        "dead for good."
    ),
    "dead_memory": (
        "A dead unit's incoming weights and bias get a zero gradient, but {optimizer} keeps "
        "moving them for a while with its momentum from past gradients, so a dead unit can "
        "come back."
    ),
    "dead_deep": (
        "A unit in a deeper layer can also come back when the layers below change its inputs."
    ),
    "compare_intro": (
        "The same data, layers, optimizer, learning rate and seed; only the activation "
        "differs. Choose Identity (linear) to see what a network without a nonlinearity can do."
    ),
    "compare_short": "The same network and seed, trained twice: only the activation differs.",
    "act_b": "Compare with",
    "act_b_help": "The second activation, trained on exactly the same setup.",
    "compare_title": "{act}: {acc} correct",
    "compare_title_dead": "{act}: {acc} correct, {dead} of {units} units dead",
    "compare_title_dead_lines": "{act}: {acc} correct,<br>{dead} of {units} units dead",
    "compare_dead": (
        "{act}: dead units (output 0 on all {n} training points): {start} of {units} before "
        "training, {end} after step {steps}. Units died {died} times, the first after step "
        "{first}, and came back {revived} times."
    ),
    "compare_dead_none": (
        "{act}: dead units (output 0 on all {n} training points): {start} of {units} before "
        "training, {end} after step {steps}. None died during training; units came back "
        "{revived} times."
    ),
    "xor_note": (
        "On XOR no straight line puts opposite corners on the same side, so a linear model "
        "gets at most 3 of the 4 clusters right (75%). The identity network stays at or "
        "below that however many layers it has; a nonlinear activation such as tanh bends "
        "the boundary and can reach 100%."
    ),
    "xor_relu_note": (
        "ReLU does from most seeds, but from some (seed 0 at the default settings) every "
        "hidden unit outputs 0 on two of the four clusters: the network gives them 50% "
        "whatever their label, no gradient from them reaches the hidden layer, and it stalls "
        "at 75%. No unit is dead on every point, it is the clusters that are cut off: then "
        "try another seed."
    ),
    "collapse_header": "Linear collapse: stacked identity layers are one matrix",
    "collapse_intro": (
        "With h(x) = c·x every layer is linear, so the {n} hidden layers here give "
        "{nested} = {power}, and the whole trained network multiplies out to one weight "
        "vector and one bias:"
    ),
    "collapse_intro_one": (
        "With h(x) = c·x every layer is linear: the one hidden layer here multiplies its "
        "weighted sums by c, and the whole trained network multiplies out to one weight "
        "vector and one bias (more hidden layers, under {settings}, change nothing: three "
        "give h(h(h(x))) = c³·x):"
    ),
    "collapse_intro_none": (
        "Without a hidden layer the network already is one weight vector and one bias, the "
        "perceptron's one straight line (hidden layers added under {settings} with Identity "
        "(linear) multiply out to the same form):"
    ),
    "collapse_check": (
        "Largest difference between the network's outputs and the single map X·W + b over "
        "the {n} training points: {diff}. One affine map means one straight decision line, "
        "whatever the depth."
    ),
    "collapse_pick": (
        "Choose Identity (linear) as one of the two activations to see the trained network collapse "
        "into a single matrix."
    ),
    "collapse_shapes": "Shapes:",
    "zigzag_intro": (
        "Take one neuron with two weights, y = w₁·a₁ + w₂·a₂, trained by plain gradient "
        "descent one example at a time. Its inputs a₁, a₂ are the outputs of the layer below: "
        "all positive if that layer uses sigmoid (ReLU's are never negative either), centred "
        "on zero if it uses tanh. The target weights are w* = (1, −1) and training starts at "
        "(−1, 1)."
    ),
    "zigzag_short": "One neuron, two weights: inputs that are never negative force a zig-zag.",
    "zigzag_rule": "The gradient of one example is one number times the input:",
    "one_number": "one number, same for both",
    "zz_lr": "Step size",
    "zz_steps": "Steps",
    "zz_positive": "Sigmoid outputs: a₁, a₂ > 0",
    "zz_centred": "Tanh outputs: zero-centred",
    "zz_relu": "ReLU outputs: a₁, a₂ ≥ 0",
    "zz_relu_toggle": "ReLU outputs on the left",
    "zz_relu_help": (
        "The left neuron's inputs: from a ReLU layer (never negative, about half of them "
        "exactly 0) instead of a sigmoid layer (all positive). The right panel always has "
        "tanh's zero-centred inputs."
    ),
    "zz_one": "an input is 0: one weight moves alone",
    "zz_one_short": "one weight only",
    "zz_still": "both inputs 0: no move",
    "zz_still_short": "no move",
    "zigzag_relu_caption": (
        "The notes: ReLU is not zero-centred, so it has the zig-zag problem too. Its inputs "
        "here are never negative, and {zeros} of the {values} are exactly 0. Of the {steps} "
        "steps, {both} moved both weights the same way, {one} moved one weight alone (the "
        "other's input was 0), {none} moved neither (both inputs 0: no gradient) and "
        "{opposite} moved them opposite ways, as (1, −1) needs: the path is a staircase, not "
        "a straight line to w*. A one-weight step can go the way the path needs, "
        "which sigmoid's inputs never allow: after {steps} steps it is {d} from w*, with "
        "sigmoid's inputs {d_sigmoid}. Contours: the mean loss over all examples."
    ),
    "zz_same": "Same-sign steps",
    "zz_distance": "Final distance to w*",
    "w1": "w₁",
    "w2": "w₂",
    "zz_path": "weight path",
    "zz_pp": "gradient (+, +): both weights go down",
    "zz_mm": "gradient (−, −): both weights go up",
    "zz_mixed": "gradient (+, −) or (−, +)",
    "zz_pp_short": "(+, +): both go down",
    "zz_mm_short": "(−, −): both go up",
    "zz_mixed_short": "(+, −) or (−, +)",
    "zz_target": "w* (target weights)",
    "zigzag_caption": (
        "With all-positive inputs every gradient is (+, +) or (−, −): each step moves both "
        "weights the same way, so reaching (1, −1), which needs one up and one down, takes a "
        "zig-zag of small steps. With zero-centred inputs the signs mix and the path heads "
        "much more directly to w*. This is why zero-centred activations such as tanh "
        "usually train faster than sigmoid. Contours: the mean loss over all examples."
    ),
    "race_intro": (
        "All eight optimizers start from the same point with their own learning rate. Press "
        "Play to watch them move, or drag the slider."
    ),
    "race_short": "Eight optimizers from one start: press Play, or drag the slider.",
    "surface": "Surface",
    "surface_ravine": "Ravine: an ill-conditioned quadratic",
    "surface_rosenbrock": "Rosenbrock: a curved, flat valley",
    "surface_saddle": "Saddle point",
    "race_steps": "Steps",
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "race_step": "step",
    "minimum": "minimum",
    "race_x": "x",
    "race_y": "y",
    "race_ravine": (
        "The valley is 25 times steeper across than along. Momentum overshoots across it and "
        "swings from wall to wall while it gathers speed along it; NAG looks one step ahead "
        "and damps the swing. Adagrad, RMSProp, "
        "Adam and NAdam scale each coordinate's step to a similar size, so they first head "
        "diagonally. AdaDelta starts with tiny steps and is the slowest here."
    ),
    "race_rosenbrock": (
        "The minimum (1, 1) lies at the end of a long, curved valley with an almost flat "
        "floor. Every method drops into the valley first; RMSProp and NAdam jitter on its "
        "steep walls, and on the flat floor every step is small. Momentum and NAG keep their "
        "speed and get furthest. Plain SGD must use a tiny rate here (larger steps diverge on "
        "the steep walls): it bounces across the valley, then crawls along it, as Adagrad, "
        "RMSProp and AdaDelta do."
    ),
    "race_saddle": (
        "The start (1.5, 0.001) lies almost on the ridge, where the gradient towards the "
        "minima is tiny. SGD, Momentum and NAG first slide down to the saddle point at the "
        "origin and linger there until the small offset grows. Adagrad, RMSProp, Adam and "
        "NAdam divide by the gradient's size, blow the tiny gradient up and leave at once."
    ),
    "family_plain": "Plain gradient step",
    "family_gradient": "Change the gradient",
    "family_rate": "Change the learning rate",
    "family_both": "Change both",
    "race_families": (
        "The legend groups the runners by what they change in SGD's step: Momentum and NAG "
        "change the gradient (its direction, from the steps before), Adagrad, RMSProp and "
        "AdaDelta the learning rate (each weight's own step size, from the sizes of its "
        "gradients so far), Adam and NAdam both."
    ),
    "race_log": "Contours are drawn on a log scale, so the flat regions show too. Where "
                "runners meet, their circles nest, a ring each.",
    "col_optimizer": "Optimizer",
    "col_lr": "Learning rate",
    "col_value": "Final f(x, y)",
    "col_distance": "Distance to the nearest minimum",
    "opt_sgd": "SGD",
    "opt_momentum": "Momentum",
    "opt_nesterov": "NAG",
    "opt_adagrad": "Adagrad",
    "opt_rmsprop": "RMSProp",
    "opt_adadelta": "AdaDelta",
    "opt_adam": "Adam",
    "opt_nadam": "NAdam",
}

KO = {
    "alt_boundary": "평면 (x₁, x₂) 위에서 클래스 1일 확률과 데이터 점, 결정 경계({title}).",
    "alt_curves": "스텝마다 손실과 학습 정확도의 선 그래프: {names}.",
    "alt_zigzag": "평면 (w₁, w₂)에서 손실의 등고선 위로 경사하강법이 지나간 {steps}스텝의 경로, 스텝마다 기울기의 부호로 표시({title}).",
    "alt_race": "옵티마이저 {n}개가 {steps}스텝 동안 곡면의 등고선 위에서 겨루는 애니메이션, 재생 버튼과 슬라이더. 곡면: {surface}.",
    "title": "비선형성과 학습",
    "intro": "신경망을 학습시켜야만 보이는 세 가지: 데이터, 활성화 함수, 층, 옵티마이저를 골라 "
             "직접 확인해 보세요.",
    "intro_more_label": "이 페이지에서 보는 것",
    "intro_short": "작은 신경망을 학습시키며 각 선택이 무엇을 바꾸는지 봅니다.",
    "details": "자세히",
    "controls": "설정",
    "to_playground": "플레이그라운드",
    "intro_more": (
        "비선형 활성화 함수가 없으면 층을 더 쌓아도 아무 이득이 없고 XOR도 풀지 못합니다. "
        "sigmoid처럼 출력이 0을 중심으로 하지 않는 활성화 함수는 경사 하강을 지그재그로 "
        "만듭니다. 그리고 옵티마이저마다 한 걸음의 크기를 조절하는 방식이 다릅니다."
    ),
    "settings": "신경망과 데이터",
    "dataset": "데이터셋",
    "dataset_help": (
        "XOR: 네 모서리에 모인 점들로, 마주 보는 모서리끼리 같은 클래스라 직선 하나로는 나눌 수 "
        "없습니다. 동심원: 원판을 둘러싼 고리. 반달: 맞물린 두 반원. 나선: 맞물린 두 "
        "나선(어려움). 두 덩어리: 두 점 덩어리(직선 하나로 충분)."
    ),
    "noise": "잡음",
    "noise_help": "각 점에 더하는 무작위 흔들림의 표준편차입니다.",
    "points": "점 개수",
    "points_help": "학습에 쓰는 점의 개수입니다(클래스마다 절반씩).",
    "act": "활성화 함수",
    "act_help": (
        "모든 은닉층 뒤에 적용됩니다. Identity (linear)는 활성화 함수가 없는 것과 같습니다: "
        "h(x) = c·x, 곧은 직선."
    ),
    "layers": "은닉층 수",
    "layers_help": "0이면 단층 퍼셉트론입니다. 결정 경계가 직선 하나뿐입니다.",
    "width": "은닉층당 유닛 수",
    "optimizer": "옵티마이저",
    "optimizer_help": (
        "SGD, Momentum, NAG(Nesterov), Adagrad, RMSProp, AdaDelta, Adam, NAdam: PyTorch의 "
        "업데이트 규칙과 기본 하이퍼파라미터를 따릅니다."
    ),
    "auto_lr": "권장 학습률 사용",
    "auto_lr_help": "옵티마이저에 맞는 전체 배치 학습률을 씁니다({optimizer}은(는) {lr}).",
    "lr": "학습률",
    "lr_help": "권장 학습률을 끄면 이 값을 씁니다. 너무 크면 학습이 발산합니다.",
    "steps": "학습 스텝 수",
    "steps_help": "전체 배치 경사 하강 스텝 수입니다. 매 스텝마다 모든 학습 점을 씁니다.",
    "seed": "시드",
    "seed_help": "초기 가중치의 난수 시드입니다. 데이터는 그대로이고 출발점만 바뀝니다.",
    "tab_train": "학습",
    "tab_compare": "활성화 함수 비교",
    "tab_zigzag": "지그재그",
    "tab_race": "옵티마이저 경주",
    "progress": "{act}(으)로 학습하는 중…",
    "capped": (
        "이 신경망과 데이터셋은 여기서 학습하기에 너무 오래 걸려서 {asked} 스텝 대신 {steps} "
        "스텝만 학습합니다. 더 오래 학습하려면 점 개수, 층 수, 층의 너비를 줄이세요."
    ),
    "diverged": (
        "{step} 스텝 뒤에 수치가 넘쳐서 학습을 멈췄습니다. 학습률을 줄여 보세요."
    ),
    "timed_out": (
        "이 서버에서 {seconds}초보다 오래 걸려서 {steps} 스텝 중 {step} 스텝 뒤에 학습을 "
        "멈췄습니다. 더 학습하려면 점 개수를 줄이거나 층을 작게 하세요."
    ),
    "accuracy": "학습 정확도",
    "loss": "손실(BCE)",
    "steps_done": "스텝",
    "delta_acc": "%p (처음 대비)",
    "delta_loss": "처음 대비",
    "ds_xor": "XOR",
    "ds_circles": "동심원",
    "ds_moons": "반달",
    "ds_spiral": "나선",
    "ds_gaussians": "두 덩어리",
    "perceptron": "은닉층 없음(퍼셉트론)",
    "layout": "층 구성 {sizes}",
    "boundary_title": "{act}, {layout}",
    "boundary_title_lines": "{act},<br>{layout}",
    "x1": "x₁",
    "x2": "x₂",
    "class0": "클래스 0",
    "class1": "클래스 1",
    "probability": "P(클래스 1)",
    "loss_title": "손실",
    "accuracy_title": "학습 정확도",
    "step": "스텝",
    "loss_axis": "이진 교차 엔트로피",
    "train_caption": (
        "배경색은 신경망이 예측한 클래스 1의 확률로, 클래스 0의 색에서 클래스 1의 색으로 "
        "바뀝니다. 회색 선은 p = 0.5, 즉 결정 경계입니다. 정확도는 올바른 쪽에 놓인 학습 점의 "
        "비율입니다."
    ),
    "train_linear_none": (
        "은닉층이 없으면 활성화 함수와 상관없이 경계는 직선 하나입니다. XOR에서는 네 점 덩어리 "
        "중 많아야 세 개({best})만 맞히고, 이번 학습은 {acc}입니다."
    ),
    "train_linear_identity": (
        "Identity (linear)는 층이 몇 개든 경계를 구부리지 못해 경계가 직선 하나입니다. XOR에서는 "
        "네 점 덩어리 중 많아야 세 개({best})만 맞히고, 이번 학습은 {acc}입니다."
    ),
    "train_stalled": (
        "여기서 {act}은(는) {acc}에 그쳐 직선 하나보다 나을 것이 없습니다(XOR에서 {best}). "
        "출발점에 따라 유닛이 너무 많이 죽거나 포화되기도 하고, 스텝이 먼저 끝나기도 합니다. "
        "시드를 바꾸거나 스텝 수를 늘려 보세요."
    ),
    "no_signal": (
        "{act}의 기울기는 어디서나 0이고 0에서는 정의되지 않으므로, 역전파가 은닉층에 전한 "
        "기울기는 정확히 0입니다. {steps} 스텝이 지나도 은닉층의 가중치와 편향 {n}개가 모두 "
        "처음 값 그대로입니다. 출력층만 학습했고(가중치가 최대 {moved}만큼 움직임), 은닉 "
        "유닛이 처음에 무작위로 가른 평면 위에서 정답률 {acc}에 이르렀습니다."
    ),
    "dead_line": "죽은 유닛(은닉 유닛 중 %)",
    "dead_counts": (
        "죽은 유닛(학습 점 {n}개 모두에서 출력이 0, 색칠한 영역): 학습 전 {units}개 중 {start}개, "
        "{steps} 스텝 뒤 {end}개. 유닛이 죽은 것은 {died}번으로 처음은 {first} 스텝 뒤였고, "
        "다시 살아난 것은 {revived}번입니다."
    ),
    "dead_counts_none": (
        "죽은 유닛(학습 점 {n}개 모두에서 출력이 0, 색칠한 영역): 학습 전 {units}개 중 {start}개, "
        "{steps} 스텝 뒤 {end}개. 학습 중에 죽은 유닛은 없고, 다시 살아난 것은 {revived}번입니다."
    ),
    "dead_stays": (
        "죽은 유닛으로 들어오는 가중치와 편향의 기울기는 0이고, 지난 기울기를 기억하지 않는 "
        "{optimizer}은(는) 그 뒤로 이들을 움직이지 않습니다."
    ),
    "dead_one_layer": (
        "은닉층이 하나이면 그 입력인 점들도 변하지 않으므로, 죽은 유닛은 영영 죽은 채로 남습니다."
    ),
    "dead_memory": (
        "죽은 유닛으로 들어오는 가중치와 편향의 기울기는 0이지만, {optimizer}은(는) 지난 기울기로 "
        "쌓은 모멘텀으로 이들을 한동안 계속 움직이므로 죽은 유닛이 다시 살아날 수 있습니다."
    ),
    "dead_deep": "더 깊은 층의 유닛은 아래층이 입력을 바꾸면 다시 살아날 수도 있습니다.",
    "compare_intro": (
        "데이터, 층, 옵티마이저, 학습률, 시드는 모두 같고 활성화 함수만 다릅니다. 비선형성이 "
        "없는 신경망이 무엇을 할 수 있는지 보려면 Identity (linear)를 고르세요."
    ),
    "compare_short": "같은 신경망과 시드로 두 번 학습합니다. 활성화 함수만 다릅니다.",
    "act_b": "비교할 활성화 함수",
    "act_b_help": "완전히 같은 설정으로 학습하는 두 번째 활성화 함수입니다.",
    "compare_title": "{act}: 정답률 {acc}",
    "compare_title_dead": "{act}: 정답률 {acc}, 유닛 {units}개 중 {dead}개 죽음",
    "compare_title_dead_lines": "{act}: 정답률 {acc},<br>유닛 {units}개 중 {dead}개 죽음",
    "compare_dead": (
        "{act}의 죽은 유닛(학습 점 {n}개 모두에서 출력이 0): 학습 전 {units}개 중 {start}개, "
        "{steps} 스텝 뒤 {end}개. 유닛이 죽은 것은 {died}번으로 처음은 {first} 스텝 뒤였고, "
        "다시 살아난 것은 {revived}번입니다."
    ),
    "compare_dead_none": (
        "{act}의 죽은 유닛(학습 점 {n}개 모두에서 출력이 0): 학습 전 {units}개 중 {start}개, "
        "{steps} 스텝 뒤 {end}개. 학습 중에 죽은 유닛은 없고, 다시 살아난 것은 {revived}번입니다."
    ),
    "xor_note": (
        "XOR에서는 어떤 직선도 마주 보는 모서리를 같은 쪽에 둘 수 없어서, 선형 모델은 네 점 "
        "덩어리 중 많아야 세 개(75%)만 맞힙니다. identity 신경망은 층이 몇 개든 그 이하에 "
        "머물고, tanh 같은 비선형 활성화 함수는 경계를 구부려 100%에 이를 수 있습니다."
    ),
    "xor_relu_note": (
        "ReLU도 대부분의 시드에서 그렇지만, 어떤 시드(기본 설정의 시드 0)에서는 네 덩어리 중 두 "
        "덩어리에서 모든 은닉 유닛이 0을 냅니다. 신경망은 그 두 덩어리에 레이블과 상관없이 "
        "50%를 주고, 그 점들의 기울기는 은닉층에 닿지 못해 75%에 머뭅니다. 모든 점에서 죽은 "
        "유닛은 없고, 끊긴 것은 덩어리들입니다. 그럴 때는 시드를 바꿔 보세요."
    ),
    "collapse_header": "선형 붕괴: 쌓아 올린 identity 층은 행렬 하나입니다",
    "collapse_intro": (
        "h(x) = c·x이면 모든 층이 선형이므로 여기 있는 은닉층 {n}개는 {nested} = {power}가 "
        "되고, 학습된 신경망 전체를 곱해 보면 가중치 벡터 하나와 편향 하나로 줄어듭니다:"
    ),
    "collapse_intro_one": (
        "h(x) = c·x이면 모든 층이 선형입니다. 여기 있는 은닉층 하나는 가중합에 c를 곱할 "
        "뿐이어서, 학습된 신경망 전체를 곱해 보면 가중치 벡터 하나와 편향 하나로 줄어듭니다"
        "(‘{settings}’에서 은닉층을 늘려도 마찬가지입니다. 세 층이면 h(h(h(x))) = c³·x입니다):"
    ),
    "collapse_intro_none": (
        "은닉층이 없으면 신경망은 이미 가중치 벡터 하나와 편향 하나, 곧 직선 하나를 긋는 "
        "퍼셉트론입니다(‘{settings}’에서 Identity (linear) 은닉층을 더해도 곱해 보면 같은 꼴이 "
        "됩니다):"
    ),
    "collapse_check": (
        "{n}개 학습 점에서 신경망의 출력과 단일 변환 X·W + b의 차이는 최대 {diff}입니다. "
        "아핀 변환 하나는 결정 경계가 직선 하나라는 뜻이며, 깊이와 상관없습니다."
    ),
    "collapse_pick": (
        "두 활성화 함수 중 하나로 Identity (linear)를 고르면 학습된 신경망이 행렬 하나로 줄어드는 것을 "
        "볼 수 있습니다."
    ),
    "collapse_shapes": "행렬 크기:",
    "zigzag_intro": (
        "가중치가 두 개인 뉴런 하나, y = w₁·a₁ + w₂·a₂를 예제 하나씩 일반 경사 하강으로 "
        "학습시킵니다. 입력 a₁, a₂는 아래층의 출력입니다. 아래층이 sigmoid를 쓰면 모두 양수이고"
        "(ReLU의 출력도 음수가 되지 않습니다), tanh를 쓰면 0을 중심으로 분포합니다. 목표 "
        "가중치는 w* = (1, −1)이고 (−1, 1)에서 출발합니다."
    ),
    "zigzag_short": "가중치가 두 개인 뉴런 하나: 입력에 음수가 없으면 지그재그로 움직입니다.",
    "zigzag_rule": "예제 하나의 기울기는 숫자 하나에 입력을 곱한 것입니다:",
    "one_number": "두 성분에 공통인 숫자 하나",
    "zz_lr": "스텝 크기",
    "zz_steps": "스텝 수",
    "zz_positive": "sigmoid 출력: a₁, a₂ > 0",
    "zz_centred": "tanh 출력: 0 중심",
    "zz_relu": "ReLU 출력: a₁, a₂ ≥ 0",
    "zz_relu_toggle": "왼쪽에 ReLU 출력",
    "zz_relu_help": (
        "왼쪽 뉴런의 입력을 sigmoid 층(모두 양수) 대신 ReLU 층(음수가 없고 절반쯤은 정확히 "
        "0)에서 받습니다. 오른쪽 그림은 언제나 0을 중심으로 하는 tanh의 입력입니다."
    ),
    "zz_one": "입력 하나가 0: 한 가중치만 움직임",
    "zz_one_short": "한 가중치만",
    "zz_still": "두 입력 모두 0: 움직이지 않음",
    "zz_still_short": "움직이지 않음",
    "zigzag_relu_caption": (
        "노트: ReLU는 0이 중심(zero-centered)이 아니어서 지그재그 문제가 있습니다. 여기서 "
        "입력은 음수가 없고 {values}개 중 {zeros}개가 정확히 0입니다. {steps} 스텝 중 "
        "{both}번은 두 가중치가 같은 방향으로, {one}번은 한 가중치만(다른 입력이 0) "
        "움직였고, {none}번은 아무것도 움직이지 않았으며(두 입력이 0이라 기울기가 없음), "
        "(1, −1)에 필요한 반대 방향 이동은 {opposite}번입니다. 그래서 경로는 w\\*로 곧장 가지 "
        "못하고 계단 모양이 됩니다. 한 가중치만 움직이는 스텝은 경로에 필요한 방향으로 갈 수 "
        "있는데, sigmoid 입력에서는 그런 스텝이 없습니다. {steps} 스텝 뒤 w\\*까지 거리는 "
        "{d}이고, sigmoid 입력이면 {d_sigmoid}입니다. 등고선은 모든 예제에 대한 평균 "
        "손실입니다."
    ),
    "zz_same": "부호가 같은 스텝",
    "zz_distance": "w*까지 남은 거리",
    "w1": "w₁",
    "w2": "w₂",
    "zz_path": "가중치 경로",
    "zz_pp": "기울기 (+, +): 두 가중치 모두 감소",
    "zz_mm": "기울기 (−, −): 두 가중치 모두 증가",
    "zz_mixed": "기울기 (+, −) 또는 (−, +)",
    "zz_pp_short": "(+, +): 둘 다 감소",
    "zz_mm_short": "(−, −): 둘 다 증가",
    "zz_mixed_short": "(+, −) 또는 (−, +)",
    "zz_target": "w*(목표 가중치)",
    "zigzag_caption": (
        "입력이 모두 양수이면 기울기는 언제나 (+, +) 아니면 (−, −)입니다. 매 스텝 두 가중치가 "
        "같은 방향으로만 움직이므로, 하나는 올리고 하나는 내려야 하는 (1, −1)에 닿으려면 작은 "
        "지그재그를 거듭해야 합니다. 입력이 0을 중심으로 하면 부호가 섞여서 경로가 w*로 훨씬 "
        "곧장 향합니다. tanh처럼 0 중심인 활성화 함수가 보통 sigmoid보다 빨리 학습되는 "
        "이유입니다. 등고선은 모든 예제에 대한 평균 손실입니다."
    ),
    "race_intro": (
        "여덟 옵티마이저가 각자의 학습률로 같은 지점에서 출발합니다. 재생을 누르거나 슬라이더를 "
        "끌어서 움직임을 보세요."
    ),
    "race_short": "여덟 옵티마이저가 한 지점에서 출발합니다. 재생을 누르거나 슬라이더를 끄세요.",
    "surface": "곡면",
    "surface_ravine": "골짜기: 조건수가 나쁜 이차 함수",
    "surface_rosenbrock": "로젠브록: 휘어진 평평한 골짜기",
    "surface_saddle": "안장점",
    "race_steps": "스텝 수",
    "play": "▶ 재생",
    "pause": "❚❚ 일시 정지",
    "race_step": "스텝",
    "minimum": "최솟값",
    "race_x": "x",
    "race_y": "y",
    "race_ravine": (
        "골짜기는 가로지르는 방향이 골짜기를 따라가는 방향보다 25배 가파릅니다. Momentum은 "
        "가로질러 지나치며 양쪽 벽 사이를 오가는 동안 골짜기를 따라 속도를 붙이고, NAG는 한 "
        "걸음 앞을 내다보아 그 흔들림을 줄입니다. Adagrad, RMSProp, Adam, "
        "NAdam은 좌표마다 스텝을 비슷한 크기로 맞추므로 처음에는 대각선으로 움직입니다. "
        "AdaDelta는 아주 작은 스텝으로 시작해 여기서 가장 느립니다."
    ),
    "race_rosenbrock": (
        "최솟값 (1, 1)은 바닥이 거의 평평하고 길게 휘어진 골짜기 끝에 있습니다. 모든 방법이 "
        "먼저 골짜기로 떨어지고, RMSProp과 NAdam은 가파른 벽에서 흔들리며, 평평한 바닥에서는 "
        "모든 스텝이 작아집니다. Momentum과 NAG가 속도를 유지해 가장 멀리 갑니다. 일반 SGD는 "
        "여기서 아주 작은 학습률을 써야 해서(더 크면 가파른 벽에서 발산합니다) 골짜기를 가로질러 "
        "튕긴 뒤 Adagrad, RMSProp, AdaDelta처럼 골짜기를 따라 기어가듯 움직입니다."
    ),
    "race_saddle": (
        "출발점 (1.5, 0.001)은 능선 바로 위라서 최솟값 쪽으로 향하는 기울기가 아주 작습니다. "
        "SGD, Momentum, NAG는 먼저 원점의 안장점으로 미끄러져 내려가 작은 어긋남이 커질 "
        "때까지 그곳에 머뭅니다. Adagrad, RMSProp, Adam, NAdam은 기울기를 그 크기로 나누므로 "
        "작은 기울기를 키워 곧바로 빠져나옵니다."
    ),
    "family_plain": "기본 경사 하강",
    "family_gradient": "기울기를 수정",
    "family_rate": "학습률을 수정",
    "family_both": "둘 다 수정",
    "race_families": (
        "범례는 SGD의 스텝에서 무엇을 바꾸는지에 따라 묶었습니다. Momentum과 NAG는 기울기를"
        "(앞선 스텝들로 방향을), Adagrad, RMSProp, AdaDelta는 학습률을(지금까지 기울기의 "
        "크기로 가중치마다 스텝 크기를), Adam과 NAdam은 둘 다 바꿉니다."
    ),
    "race_log": "평평한 곳도 보이도록 등고선은 로그 눈금으로 그렸습니다. 여러 옵티마이저가 "
                "만나는 곳에서는 원이 겹겹이 고리를 이룹니다.",
    "col_optimizer": "옵티마이저",
    "col_lr": "학습률",
    "col_value": "최종 f(x, y)",
    "col_distance": "가장 가까운 최솟값까지 거리",
    "opt_sgd": "SGD",
    "opt_momentum": "Momentum",
    "opt_nesterov": "NAG",
    "opt_adagrad": "Adagrad",
    "opt_rmsprop": "RMSProp",
    "opt_adadelta": "AdaDelta",
    "opt_adam": "Adam",
    "opt_nadam": "NAdam",
}

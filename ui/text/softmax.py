"""Softmax and cross-entropy playground text."""

EN = {
    "alt_views": "Bar charts for {n} classes at T = {T}: the softmax, argmax (one-hot) and "
                 "softmin probabilities, and log-softmax.",
    "alt_target": "Bar charts for {n} classes at T = {T}: the prediction p and the target y, and "
                  "the loss's gradient for each logit.",
    "alt_loss_curve": "Line charts of the loss and its slope as the logit of {name} moves, its "
                      "current value marked.",
    "alt_animation": "Animated bar chart of the softmax probabilities of {n} classes as T goes "
                     "from {lo} to {hi}, with Play and a slider.",
    "alt_example": "Bar chart of the true distribution p and the two guesses q1 and q2 over four "
                   "outcomes.",
    "alt_binary": "Line charts for z from −10 to 10: the sigmoid, the binary cross-entropy for y "
                  "= 1 and y = 0, and their gradients, marked at z = {z}.",
    "alt_regression": "Targets and predictions of {n} points, and the gradient of MSE, RMSE and "
                      "MAE for each prediction.",
    "alt_outlier": "Line charts of MSE, RMSE and MAE as the last prediction is pushed up, marked "
                   "where it is now, {offset} up.",
    "title": "Softmax and cross-entropy",
    "intro": (
        "Sigmoid turns one score into a probability for a yes/no question. For n classes the "
        "output layer uses softmax instead: it takes n scores (logits) and returns n "
        "probabilities that are all positive and sum to 1. Edit the logits, turn the "
        "temperature, pick a target, and watch the loss and its gradient."
    ),
    "intro_short": (
        "n scores in, n probabilities out: softmax, its temperature and the losses built on it."
    ),
    "intro_more": "About this page",
    # controls
    "controls": "Logits and class names",
    "preset": "Preset",
    "preset_placeholder": "Load a preset…",
    "preset_seeds": "The notes' example: 1, 3, 0, 2",
    "preset_confident": "Confident: one clear winner",
    "preset_close_call": "Close call: two nearly tied",
    "preset_tie": "Four-way tie",
    "preset_two_classes": "Two classes (the sigmoid case)",
    "preset_ten_classes": "Ten classes",
    "preset_extreme": "Extreme: ±10000",
    "logits": "Logits (2 to 10 numbers, comma-separated)",
    "logits_help": (
        "One score per class, e.g. 1, 3, 0, 2. Plain numbers between -10000 and 10000. "
        "This text is saved in the page link."
    ),
    "T": "Temperature T",
    "T_help": (
        "Softmax divides every logit by T. Small T sharpens the output towards argmax; "
        "large T flattens it towards uniform. The slider is logarithmic: each step "
        "multiplies T by about 1.2 to 1.3."
    ),
    "beta": "**Temperature T = {T}**, so the inverse temperature β = 1/T = {beta}.",
    "T_snapped": (
        "The link's temperature is between two slider steps; using the nearest, T = {value}."
    ),
    "sliders": "Drag a logit:",
    "table": "Rename, add or remove classes",
    "table_help": "Double-click a cell to edit. Add or delete rows to have {lo} to {hi} classes.",
    # a phone has no mouse: a second tap on a cell opens its editor
    "table_help_touch": "Tap a cell twice to edit. Add or delete rows to have {lo} to {hi} "
                        "classes.",
    "col_name": "Class",
    "col_name_help": "Letters, digits, spaces and hyphens; up to 20 characters.",
    "col_logit": "Logit z",
    "class_name": "class {k}",
    # input errors
    "bad_logits": (
        "The logits can't be used: {reason} Showing the default logits {default} instead."
    ),
    "bad_table": "That edit can't be used: {reason} The table was left as it was.",
    "bad_target": "The target can't be used: {reason} Using class 1 instead.",
    "repeated": "The link gives `{name}` more than once; only the last one is used.",
    "err_empty": "the text is empty.",
    "err_too_long": "the text is longer than {length} characters.",
    "err_too_many": "there are {count} items, but at most {hi} classes are allowed.",
    "err_too_few": "there are {count} items, but at least {lo} classes are needed.",
    "err_empty_item": "item {item} is empty.",
    "err_not_a_number": "item {item} is not a number.",
    "err_not_finite": "item {item} is not a finite number (NaN or infinity).",
    "err_too_large": "item {item} is beyond ±{limit}.",
    "err_negative": "item {item} is negative; target weights must be 0 or more.",
    "err_zero_sum": "the target weights add up to 0.",
    "err_wrong_count": "there are {count} weights, but there are {n} classes.",
    "err_no_such_class": "it must be a class number from 1 to {n}, or one weight per class.",
    # tabs
    "tab_softmax": "Softmax & temperature",
    "tab_target": "Cross-entropy & target",
    "tab_example": "Worked example",
    "tab_binary": "Binary",
    "tab_regression": "Regression losses",
    "tab_stability": "Numerical stability",
    # tab 1
    "m_entropy": "Output entropy (nats)",
    "m_entropy_help": (
        "H(p) = -Σ p log p: 0 for a one-hot output, at most log n = {max} for a uniform one."
    ),
    "softmax": "softmax",
    "argmax": "argmax (one-hot)",
    "softmin": "softmin",
    "log_softmax": "log-softmax",
    "views_prob_title": "Probabilities",
    "views_log_title": "log-softmax (≤ 0)",
    "soft_argmax": (
        "**argmax vs soft argmax.** For z = [{z}], argmax gives the one-hot vector "
        "[{hard}]: all or nothing, and its gradient is 0 almost everywhere. Softmax at "
        "T = {T} gives [{soft}]: the largest logit still gets the most, but the others keep "
        "some probability, and every output changes smoothly with every logit, so a loss "
        "built on it can be trained by gradient descent."
    ),
    # several logits share the largest value: argmax picks the first of them
    "soft_argmax_tie": (
        "**argmax vs soft argmax.** For z = [{z}], {count} classes share the largest logit. "
        "argmax still gives one one-hot vector, [{hard}]: it takes the first of them, as "
        "torch.argmax does, and its gradient is 0 almost everywhere. Softmax at T = {T} "
        "gives [{soft}]: the tied classes get equal shares, and every output changes "
        "smoothly with every logit, so a loss built on it can be trained by gradient descent."
    ),
    # every other probability underflowed to 0 in float64: softmax prints argmax's vector
    "soft_argmax_saturated": (
        "**argmax vs soft argmax.** For z = [{z}], argmax gives the one-hot vector [{hard}]: "
        "all or nothing, and its gradient is 0 almost everywhere. Softmax at T = {T} gives "
        "[{soft}] here too: the gaps between the logits, divided by T, are so large that "
        "every other probability is below the smallest number a float64 can hold (about "
        "5×10⁻³²⁴) and rounds to 0. The log-softmax bars still tell the classes apart. Raise "
        "T, or bring the logits closer, and the others' shares come back."
    ),
    # one logit moved alone: argmax's step against softmax's S-curve, and their slopes
    "sweep": "Whose logit moves",
    "sweep_help": (
        "The chart below moves this class's logit alone and keeps the others. It starts "
        "on the class with the largest logit; the class you pick is saved in the page link."
    ),
    "sweep_largest": "the class with the largest logit",
    "sweep_softmax": "softmax at T = {T}",
    "sweep_p_title": "Output p of {name}",
    "sweep_slope_title": "Its slope ∂p/∂z: the gradient a loss sends back to z",
    "sweep_undefined": "not differentiable",
    "sweep_peak": "1/(4T) = {peak}",
    "alt_sweep": (
        "Line charts as the logit of {name} moves from {lo} to {hi}, the others fixed: above, "
        "its output under softmax (an S-curve) and under argmax (a step from 0 to 1 at {m}); "
        "below, their slopes: softmax's a bump, argmax's 0, with no value at the jump. The "
        "current logit, {z}, is marked."
    ),
    "sweep_now": (
        "**At z = {z} now**, softmax gives p = {p} and ∂p/∂z = {slope}; argmax gives {h} and "
        "∂p/∂z = 0."
    ),
    # the slope underflowed to 0 in float64 (logits ±10000, or a small T far from the jump)
    "sweep_now_saturated": (
        "**At z = {z} now**, softmax gives p = {p}, and its slope ∂p/∂z is positive but below "
        "the smallest float64 (about 5×10⁻³²⁴), so it rounds to 0: this far from the other "
        "logits even softmax hardly learns. argmax gives {h} and ∂p/∂z = 0."
    ),
    # the current logit ties with the largest other one: argmax's jump itself
    "sweep_now_jump": (
        "**At z = {z} now**, {name} ties with the largest other logit, right where argmax "
        "jumps: argmax is not differentiable here (it gives {h}, as argmax takes the first of "
        "the tied classes). Softmax gives p = {p} and ∂p/∂z = {slope}."
    ),
    "sweep_jump": (
        "Argmax jumps from 0 to 1 where z passes {m}, the largest other logit, and has no "
        "derivative there; everywhere else its slope is 0, so no gradient reaches z through it."
    ),
    "sweep_peak_on": (
        "Softmax's slope peaks at 1/(4T) = {peak} where p = ½, at z = {c}. As T shrinks the "
        "bump grows taller and narrower (now {width} wide at half height), and the S-curve "
        "closes in on argmax's step: T → 0 is argmax."
    ),
    # the peak lies right of the chart (a large T: c is up to T log(n - 1) past the jump)
    "sweep_peak_off": (
        "Softmax's slope peaks at 1/(4T) = {peak} where p = ½, at z = {c}, right of this "
        "chart: at this T the S-curve is so wide ({width} at half height) that it hardly "
        "rises across it. As T shrinks the bump grows taller and narrower, and the S-curve "
        "closes in on argmax's step: T → 0 is argmax."
    ),
    "temperature_explained": (
        "**Temperature.** Dividing the logits by T (multiplying by β = 1/T) changes how "
        "hard the decision is. As T → 0 (β → ∞) softmax becomes argmax; as T → ∞ (β → 0) "
        "every class gets 1/n. T = 1 is plain softmax. A large β gives a hard, nearly "
        "one-hot choice (useful for sharp attention); a small β keeps it soft, which is "
        "easier to train. Where the logits are a weighted sum, z = Wx + b, β is redundant "
        "with the weights' size: βz = (βW)x + βb, so larger weights sharpen softmax just as "
        "a lower T does. Starting with a small β and raising it during training "
        "(annealing) sharpens the decision step by step. **Softmin** is softmax of −z: the smallest logit gets the most. "
        "**log-softmax** is what losses use: computed directly, it stays finite where "
        "log(softmax) would hit log(0)."
    ),
    "animation_header": "From one-hot to uniform",
    "animation_title": "softmax as T grows",
    "probability": "probability",
    "frame_label": "T = ",
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "animation_caption": (
        "Press Play, or drag the slider under the chart: it runs in your browser over 41 "
        "temperatures from 0.01 to 100, with the logits above."
    ),
    # presentation mode: the logits are in the folded sidebar (a phone never presents)
    "animation_caption_present": (
        "Press Play, or drag the slider under the chart: it runs in your browser over 41 "
        "temperatures from 0.01 to 100, with the logits under “Logits and class names” in "
        "the sidebar (» at the top left)."
    ),
    # on the tour off a projector: the logits are in the sidebar, open (never on a phone)
    "animation_caption_tour": (
        "Press Play, or drag the slider under the chart: it runs in your browser over 41 "
        "temperatures from 0.01 to 100, with the logits under “Logits and class names” in "
        "the sidebar."
    ),
    # tab 2
    "target": "Target (a class number, or one weight per class)",
    "target_help": (
        "A class number from 1 to {n} means a one-hot target (that class is true). "
        "Or give one weight per class, e.g. 0.7, 0.1, 0.1, 0.1, for a soft target; "
        "weights are scaled to sum to 1. Saved in the page link."
    ),
    "target_pick": "Or pick the true class",
    "target_pick_placeholder": "Choose a class…",
    "m_loss": "Cross-entropy L (nats)",
    "m_loss_help": (
        "With a one-hot target this is the negative log-likelihood (NLL) of the true class: "
        "−log p of that class."
    ),
    "m_p_true": "p of the true class ({name})",
    "m_entropy_target": "Target entropy H(y) (nats)",
    "m_entropy_target_help": "The lowest loss any prediction can reach for this target: L ≥ H(y).",
    "p_name": "prediction p",
    "y_name": "target y",
    "grad_lowers": "∂L/∂z > 0: descent lowers z",
    "grad_raises": "∂L/∂z < 0: descent raises z",
    "target_prob_title": "Prediction p = softmax(z/T) against the target y",
    "target_grad_title": "Gradient of the loss in each logit: (p − y)/T",
    "gradient_explained": (
        "The gradient is simply prediction minus target (divided by T). A positive bar "
        "means gradient descent will **lower** that logit (it got too much probability); a "
        "negative bar means it will **raise** it. The bars always add up to 0: raising all "
        "logits together changes nothing."
    ),
    "drag_header": "How the loss changes as one logit moves",
    "drag": "Logit to move",
    "drag_x": "logit of {name}, the others fixed",
    "loss_name": "loss L",
    "drag_grad_name": "∂L/∂z",
    "current": "current value",
    "drag_caption": (
        "Top: the loss as this one logit is moved ±10 around its current value. Bottom: its "
        "slope, p − y (divided by T)."
    ),
    # what the curves do, by the moved class's target weight y
    "drag_true": (
        "For {name}, the true class (y = 1), the loss keeps falling as its logit grows, and "
        "the slope rises from −1/T = −{lo} towards 0."
    ),
    "drag_wrong": (
        "For {name}, a wrong class (y = 0), the loss keeps rising as its logit grows, and "
        "the slope climbs from 0 towards 1/T = {hi}."
    ),
    "drag_soft": (
        "For {name}, with target weight y = {y}, the loss falls, then rises: it is lowest "
        "where p = y, at a logit of {best}, where the slope crosses 0. The slope runs from "
        "−y/T = −{lo} on the left to (1 − y)/T = {hi} on the right."
    ),
    # the same, with the lowest point beyond the ±10 the chart draws
    "drag_soft_off": (
        "For {name}, with target weight y = {y}, the loss is lowest where p = y, at a logit "
        "of {best}, beyond this chart's range, where the slope crosses 0. The slope runs "
        "from −y/T = −{lo} far to the left to (1 − y)/T = {hi} far to the right."
    ),
    # tab 3
    "example_intro": (
        "The lecture notes' example. Cross-entropy measures how far a predicted distribution q is "
        "from the true distribution p: the lower H(p, q), the better the guess. Here the "
        "truth is p and there are two guesses: q1 (uniform) and q2. Natural logarithms "
        "(nats)."
    ),
    "m_h_q1": "H(p, q1), uniform guess",
    "m_h_q2": "H(p, q2), closer guess",
    "m_h_p": "H(p), the floor",
    "m_kl_q1": "KL(p ‖ q1)",
    "m_kl_q2": "KL(p ‖ q2)",
    "example_conclusion": (
        "H(p, q1) ≈ **{h1}** and H(p, q2) ≈ **{h2}**: q2 has the lower cross-entropy, so it "
        "is the closer guess. No guess can go below H(p) ≈ {hp}, reached only by q = p. "
        "The KL divergence is exactly the gap: KL(p ‖ q1) ≈ {kl1} and KL(p ‖ q2) ≈ {kl2}, "
        "and it is 0 only for a perfect guess. (The notes write about 1.38 and 1.29, cutting "
        "the digits off. In bits, with log base 2, the same numbers are {b1}, {b2} and {bp}.)"
    ),
    "outcome": "x{k}",
    "ex_p": "p (true)",
    "ex_q1": "q1 (uniform)",
    "ex_q2": "q2",
    # tab 4
    "bin_z": "logit z",
    "bin_z_help": "The single score of a binary classifier; the sigmoid turns it into p(y = 1).",
    "m_sigmoid": "p = σ(z)",
    "m_bce_1": "BCE if y = 1",
    "m_bce_0": "BCE if y = 0",
    "m_grad_1": "∂BCE/∂z if y = 1",
    "m_grad_0": "∂BCE/∂z if y = 0",
    "sigmoid_name": "σ(z)",
    "bce_1_name": "BCE, y = 1",
    "bce_0_name": "BCE, y = 0",
    "grad_1_name": "∂BCE/∂z, y = 1",
    "grad_0_name": "∂BCE/∂z, y = 0",
    "bce_axis": "BCE",
    "bce_grad_axis": "∂BCE/∂z",
    "binary_explained": (
        "Binary cross-entropy is for yes/no (True/False, 1/0) labels. If the truth is 1, the "
        "loss is −log σ(z): near 0 when z is large, growing without bound as z goes "
        "negative. The gradient σ(z) − y is never larger than 1 in size, and it is large "
        "exactly when the prediction is confidently wrong. Softmax with two logits (z, 0) is "
        "the same as σ(z): at z = {z} it gives [{p1}, {p0}], this tab's p = σ(z) and 1 − p. "
        "So binary cross-entropy is categorical cross-entropy with two classes; categorical "
        "cross-entropy with one-hot labels handles three or more."
    ),
    # tab 5
    "regression_intro": (
        "For regression (predicting a number) the loss compares predictions with targets "
        "directly. Edit the table, then push the last prediction away with the outlier "
        "slider and compare how the three losses react."
    ),
    "col_target": "target y",
    "col_prediction": "prediction ŷ",
    "reg_dropped": (
        "{count} row(s) left out: blank, beyond ±{limit}, or past the first {max} rows."
    ),
    "reg_empty": "The table has no usable row; showing the default data.",
    "outlier": "Outlier: push the last prediction up by",
    "outlier_help": "Adds this amount to the last prediction's error.",
    "outlier_axis": "Outlier shift (added to the last prediction)",
    "reg_table_before": "The table holds the predictions before the outlier: the charts "
                        "above draw the last one at {before} + {offset} = {after}.",
    "mse": "MSE",
    "rmse": "RMSE",
    "mae": "MAE",
    "mse_grad": "∂MSE/∂ŷ",
    "rmse_grad": "∂RMSE/∂ŷ",
    "mae_grad": "∂MAE/∂ŷ",
    "reg_values_title": "Targets and predictions",
    "reg_grad_title": "Gradient in each prediction",
    "squared_units": "MSE (squared units)",
    "data_units": "RMSE and MAE (units of y)",
    "regression_explained": (
        "**MSE** averages squared errors: no negatives, and large errors count a lot, so one "
        "outlier can dominate it; its gradient 2(ŷ − y)/N grows with the error. **RMSE** is "
        "the square root of MSE: back in the units of y, so a big MSE doesn't exaggerate the "
        "error's size, and its gradient per point is at most 1/√N. **MAE** averages absolute "
        "errors: it grows only linearly, and its gradient is always ±1/N whatever the size "
        "of the error, so it is the least moved by outliers."
    ),
    # tab 6
    "stability_intro": (
        "Softmax written as exp(z) / Σ exp(z) breaks for large logits: exp(1000) is too big "
        "for a float. Shift every logit (those under “Logits and class names”, plus this "
        "amount: the table's z) and compare the textbook formula with the stable one."
    ),
    # presentation mode: the logits are in the folded sidebar (a phone never presents)
    "stability_intro_present": (
        "Softmax written as exp(z) / Σ exp(z) breaks for large logits: exp(1000) is too big "
        "for a float. Shift every logit by the amount below and compare the textbook formula "
        "with the stable one: the table's z is the logits under “Logits and class names” "
        "in the sidebar (» at the top left), plus the shift."
    ),
    "stability_intro_tour": (
        "Softmax written as exp(z) / Σ exp(z) breaks for large logits: exp(1000) is too big "
        "for a float. Shift every logit by the amount below and compare the textbook formula "
        "with the stable one: the table's z is the logits under “Logits and class names” "
        "in the sidebar, plus the shift."
    ),
    "shift": "Add to every logit",
    "shift_help": "Softmax doesn't change when the same number is added to every logit.",
    "dtype": "Float type",
    "dtype_help": "float64 overflows past exp(709.8); float32 (common on GPUs) past exp(88.7).",
    "col_naive_exp": "exp(z)",
    "col_naive": "naive softmax",
    "col_shifted_exp": "exp(z − max z)",
    "col_stable": "stable softmax",
    "stability_overflow": (
        "In {dtype}, exp(z) overflowed to inf for at least one logit. Then the sum is inf, "
        "and inf / inf is nan (not a number): the naive softmax is useless, although the "
        "true answer is perfectly ordinary."
    ),
    "stability_underflow": (
        "In {dtype}, every exp(z) underflowed to 0. Then the sum is 0, and 0 / 0 is nan "
        "(not a number): the naive softmax is useless."
    ),
    "stability_ok": (
        "In {dtype}, these logits are small enough for the naive formula: both columns agree. "
        "Move the slider to ±1000 to see it break."
    ),
    "stability_explained": (
        "The fix: subtract the largest logit m first. The result is the same because the "
        "factor e^(−m) cancels between top and bottom, but now the largest exponent is "
        "exp(0) = 1 and nothing can overflow; the sum is at least 1, so it can't be 0 "
        "either. Every framework computes softmax this way, and log-softmax as "
        "(z − m) − log Σ exp(z − m)."
    ),
}

KO = {
    "alt_views": "T = {T}에서 클래스 {n}개의 막대 그래프: softmax, argmax(원-핫), softmin 확률과 log-softmax.",
    "alt_target": "T = {T}에서 클래스 {n}개의 막대 그래프: 예측 p와 정답 y, 그리고 각 로짓에 대한 손실의 기울기.",
    "alt_loss_curve": "{name}의 로짓을 움직일 때 손실과 그 기울기의 선 그래프, 현재 값 표시.",
    "alt_animation": "T가 {lo}부터 {hi}까지 바뀔 때 클래스 {n}개의 softmax 확률을 보여 주는 움직이는 막대 그래프, 재생 버튼과 슬라이더.",
    "alt_example": "네 가지 결과에 대한 실제 분포 p와 두 추측 q1, q2의 막대 그래프.",
    "alt_binary": "z가 −10부터 10까지일 때의 선 그래프: sigmoid, y = 1과 y = 0일 때의 이진 교차 엔트로피와 그 기울기, z = {z}에 "
                  "표시.",
    "alt_regression": "점 {n}개의 정답과 예측, 그리고 각 예측에 대한 MSE, RMSE, MAE의 기울기.",
    "alt_outlier": "마지막 예측을 위로 밀 때 MSE, RMSE, MAE의 선 그래프, 지금 민 양 {offset}에 표시.",
    "title": "Softmax와 교차 엔트로피",
    "intro": (
        "Sigmoid는 점수 하나를 예/아니오 질문의 확률로 바꿉니다. 클래스가 n개라면 출력층은 "
        "softmax를 씁니다. n개의 점수(로짓)를 받아, 모두 양수이고 합이 1인 n개의 확률을 "
        "돌려줍니다. 로짓을 바꾸고, 온도를 돌리고, 정답을 고른 뒤 손실과 기울기가 어떻게 "
        "변하는지 살펴보세요."
    ),
    # controls
    "intro_short": "점수 n개를 넣으면 확률 n개가 나옵니다. softmax와 온도, 그 위에 세운 손실 함수.",
    "intro_more": "이 페이지에 대하여",
    "controls": "로짓과 클래스 이름",
    "preset": "예시",
    "preset_placeholder": "예시 불러오기…",
    "preset_seeds": "원문 예시: 1, 3, 0, 2",
    "preset_confident": "확신: 뚜렷한 1등 하나",
    "preset_close_call": "접전: 거의 비슷한 두 클래스",
    "preset_tie": "네 클래스 동점",
    "preset_two_classes": "두 클래스 (sigmoid와 같은 경우)",
    "preset_ten_classes": "열 클래스",
    "preset_extreme": "극단값: ±10000",
    "logits": "로짓 (2~10개의 숫자, 쉼표로 구분)",
    "logits_help": (
        "클래스마다 점수 하나, 예: 1, 3, 0, 2. -10000에서 10000 사이의 일반 숫자를 씁니다. "
        "이 값은 페이지 링크에 저장됩니다."
    ),
    "T": "온도 T",
    "T_help": (
        "Softmax는 모든 로짓을 T로 나눕니다. T가 작으면 출력이 argmax처럼 뾰족해지고, "
        "T가 크면 균등분포처럼 평평해집니다. 슬라이더는 로그 눈금이라 한 칸마다 T가 "
        "약 1.2~1.3배씩 바뀝니다."
    ),
    "beta": "**온도 T = {T}**이므로 역온도 β = 1/T = {beta}입니다.",
    "T_snapped": "링크의 온도가 슬라이더 눈금 사이에 있어 가장 가까운 T = {value}을(를) 씁니다.",
    "sliders": "로짓을 끌어 보세요:",
    "table": "클래스 이름 바꾸기, 추가, 삭제",
    "table_help": "칸을 두 번 눌러 고칩니다. 행을 추가하거나 지워 클래스를 {lo}~{hi}개로 맞추세요.",
    "table_help_touch": "칸을 두 번 눌러 고칩니다. 행을 추가하거나 지워 클래스를 {lo}~{hi}개로 "
                        "맞추세요.",
    "col_name": "클래스",
    "col_name_help": "글자, 숫자, 공백, 하이픈만 쓸 수 있고 20자까지입니다.",
    "col_logit": "로짓 z",
    "class_name": "클래스 {k}",
    # input errors
    "bad_logits": "로짓을 쓸 수 없습니다: {reason} 대신 기본 로짓 {default}을(를) 보여 줍니다.",
    "bad_table": "이 수정은 쓸 수 없습니다: {reason} 표는 그대로 두었습니다.",
    "bad_target": "정답을 쓸 수 없습니다: {reason} 대신 클래스 1을 씁니다.",
    "repeated": "링크에 `{name}`이(가) 여러 번 있어 마지막 값만 씁니다.",
    "err_empty": "비어 있습니다.",
    "err_too_long": "{length}자보다 깁니다.",
    "err_too_many": "항목이 {count}개인데 클래스는 최대 {hi}개까지입니다.",
    "err_too_few": "항목이 {count}개인데 클래스는 최소 {lo}개가 필요합니다.",
    "err_empty_item": "{item}번째 항목이 비어 있습니다.",
    "err_not_a_number": "{item}번째 항목이 숫자가 아닙니다.",
    "err_not_finite": "{item}번째 항목이 유한한 수가 아닙니다 (NaN 또는 무한대).",
    "err_too_large": "{item}번째 항목이 ±{limit} 범위를 벗어납니다.",
    "err_negative": "{item}번째 항목이 음수입니다. 정답 가중치는 0 이상이어야 합니다.",
    "err_zero_sum": "정답 가중치의 합이 0입니다.",
    "err_wrong_count": "가중치는 {count}개인데 클래스는 {n}개입니다.",
    "err_no_such_class": "1부터 {n}까지의 클래스 번호이거나, 클래스마다 가중치 하나씩이어야 합니다.",
    # tabs
    "tab_softmax": "Softmax와 온도",
    "tab_target": "교차 엔트로피와 정답",
    "tab_example": "예제 풀이",
    "tab_binary": "이진 분류",
    "tab_regression": "회귀 손실",
    "tab_stability": "수치 안정성",
    # tab 1
    "m_entropy": "출력 엔트로피 (nat)",
    "m_entropy_help": (
        "H(p) = -Σ p log p: 원-핫 출력이면 0, 균등 출력이면 최대 log n = {max}입니다."
    ),
    "softmax": "softmax",
    "argmax": "argmax (원-핫)",
    "softmin": "softmin",
    "log_softmax": "log-softmax",
    "views_prob_title": "확률",
    "views_log_title": "log-softmax (≤ 0)",
    "soft_argmax": (
        "**argmax와 soft argmax.** z = [{z}]일 때 argmax의 결과는 원-핫 벡터 [{hard}]입니다. "
        "전부 아니면 전무이고, 기울기는 거의 모든 곳에서 0입니다. T = {T}에서 softmax의 결과는 "
        "[{soft}]입니다. 가장 큰 로짓이 여전히 가장 많이 받지만 다른 클래스도 확률을 "
        "조금씩 가지며, 모든 출력이 모든 로짓에 따라 매끄럽게 변하므로 이를 바탕으로 한 "
        "손실은 경사하강법으로 학습할 수 있습니다."
    ),
    "soft_argmax_tie": (
        "**argmax와 soft argmax.** z = [{z}]에서는 클래스 {count}개가 가장 큰 로짓을 함께 "
        "가집니다. 그래도 argmax의 결과는 원-핫 벡터 하나, [{hard}]입니다. torch.argmax처럼 "
        "그중 첫 번째를 고르며, 기울기는 거의 모든 곳에서 0입니다. T = {T}에서 softmax의 "
        "결과는 [{soft}]입니다. 동점인 클래스들이 같은 몫을 받고, 모든 출력이 모든 로짓에 "
        "따라 매끄럽게 변하므로 이를 바탕으로 한 손실은 경사하강법으로 학습할 수 있습니다."
    ),
    "soft_argmax_saturated": (
        "**argmax와 soft argmax.** z = [{z}]일 때 argmax의 결과는 원-핫 벡터 [{hard}]입니다. "
        "전부 아니면 전무이고, 기울기는 거의 모든 곳에서 0입니다. 여기서는 T = {T}에서 "
        "softmax의 결과도 [{soft}]입니다. 로짓 사이의 차이를 T로 나눈 값이 너무 커서, 나머지 "
        "확률이 모두 float64로 나타낼 수 있는 가장 작은 수(약 5×10⁻³²⁴)보다 작아 0으로 "
        "반올림되기 때문입니다. log-softmax 막대는 여전히 클래스들을 구별합니다. T를 "
        "올리거나 로짓을 서로 가깝게 하면 나머지 클래스의 몫이 돌아옵니다."
    ),
    "sweep": "로짓을 움직일 클래스",
    "sweep_help": (
        "아래 차트는 이 클래스의 로짓만 움직이고 나머지는 그대로 둡니다. 처음에는 로짓이 가장 큰 "
        "클래스를 보여 주며, 고른 클래스는 페이지 링크에 저장됩니다."
    ),
    "sweep_largest": "로짓이 가장 큰 클래스",
    "sweep_softmax": "T = {T}의 softmax",
    "sweep_p_title": "{name}의 출력 p",
    "sweep_slope_title": "그 도함수 ∂p/∂z: 손실이 z에 되돌려 보내는 기울기",
    "sweep_undefined": "미분 불가능",
    "sweep_peak": "1/(4T) = {peak}",
    "alt_sweep": (
        "{name}의 로짓을 {lo}부터 {hi}까지 움직일 때(나머지는 고정)의 선 그래프: 위는 softmax(S자 "
        "곡선)와 argmax({m}에서 0에서 1로 바뀌는 계단)의 출력, 아래는 그 도함수로 softmax는 봉우리 "
        "모양이고 argmax는 0이며 끊긴 점에서는 값이 없습니다. 현재 로짓 {z}에 표시."
    ),
    "sweep_now": (
        "**지금 z = {z}에서** softmax는 p = {p}, ∂p/∂z = {slope}이며, argmax는 {h}, "
        "∂p/∂z = 0입니다."
    ),
    "sweep_now_saturated": (
        "**지금 z = {z}에서** softmax는 p = {p}이며, 도함수 ∂p/∂z는 양수이지만 float64로 나타낼 "
        "수 있는 가장 작은 수(약 5×10⁻³²⁴)보다 작아 0으로 반올림됩니다. 다른 로짓에서 이만큼 "
        "멀어지면 softmax도 거의 배우지 못합니다. argmax는 {h}, ∂p/∂z = 0입니다."
    ),
    "sweep_now_jump": (
        "**지금 z = {z}에서** {name}의 로짓은 나머지 중 가장 큰 로짓과 같아, argmax가 끊기는 바로 "
        "그 점에 있습니다. 여기서 argmax는 미분할 수 없습니다(동점이면 argmax는 첫 번째 클래스를 "
        "고르므로 값은 {h}입니다). softmax는 p = {p}, ∂p/∂z = {slope}입니다."
    ),
    "sweep_jump": (
        "argmax는 z가 나머지 중 가장 큰 로짓 {m}을(를) 지나는 순간 0에서 1로 건너뛰며, 그 점에서는 "
        "미분할 수 없습니다. 다른 모든 곳에서는 도함수가 0이라 argmax를 거쳐서는 z에 기울기가 전혀 "
        "전해지지 않습니다."
    ),
    "sweep_peak_on": (
        "softmax의 도함수는 p = ½이 되는 z = {c}에서 가장 크며, 그 값은 1/(4T) = {peak}입니다. "
        "T가 작아질수록 이 봉우리는 높고 좁아지고(지금 반높이 너비 {width}), S자 곡선은 argmax의 "
        "계단에 다가갑니다. T → 0이 곧 argmax입니다."
    ),
    "sweep_peak_off": (
        "softmax의 도함수는 p = ½이 되는 z = {c}에서 가장 크며(이 차트의 오른쪽 바깥), 그 값은 "
        "1/(4T) = {peak}입니다. 이 T에서는 S자 곡선이 아주 넓어서(반높이 너비 {width}) 차트 "
        "안에서는 거의 오르지 않습니다. T가 작아질수록 봉우리는 높고 좁아지고, S자 곡선은 "
        "argmax의 계단에 다가갑니다. T → 0이 곧 argmax입니다."
    ),
    "temperature_explained": (
        "**온도.** 로짓을 T로 나누면(β = 1/T를 곱하면) 결정이 얼마나 단호한지가 바뀝니다. "
        "T → 0 (β → ∞)이면 softmax는 argmax가 되고, T → ∞ (β → 0)이면 모든 클래스가 "
        "1/n을 받습니다. T = 1이 보통의 softmax입니다. β가 크면 거의 원-핫인 단호한 선택이 "
        "되고(날카로운 어텐션에 유용), β가 작으면 부드러워 학습이 쉽습니다. 로짓이 가중합 "
        "z = Wx + b이면 β는 가중치의 크기와 겹칩니다(redundant). βz = (βW)x + βb이므로 "
        "가중치가 커지면 T를 낮춘 것과 똑같이 softmax가 날카로워집니다. 작은 β에서 시작해 "
        "학습하면서 β를 키우면(담금질, annealing) 결정을 단계적으로 날카롭게 할 수 있습니다. "
        "**Softmin**은 "
        "−z의 softmax로, 가장 작은 로짓이 가장 많이 받습니다. **log-softmax**는 손실 함수가 "
        "쓰는 값입니다. 직접 계산하면 log(softmax)가 log(0)이 되는 곳에서도 유한합니다."
    ),
    "animation_header": "원-핫에서 균등분포까지",
    "animation_title": "T가 커질 때의 softmax",
    "probability": "확률",
    "frame_label": "T = ",
    "play": "▶ 재생",
    "pause": "❚❚ 일시 정지",
    "animation_caption": (
        "재생을 누르거나 그래프 아래 슬라이더를 끌어 보세요. 위의 로짓으로 0.01부터 100까지 "
        "41개 온도를 브라우저 안에서 보여 줍니다."
    ),
    "animation_caption_present": (
        "재생을 누르거나 그래프 아래 슬라이더를 끌어 보세요. 사이드바(왼쪽 위의 »)의 “로짓과 "
        "클래스 이름”에 있는 로짓으로 0.01부터 100까지 41개 온도를 브라우저 안에서 보여 줍니다."
    ),
    "animation_caption_tour": (
        "재생을 누르거나 그래프 아래 슬라이더를 끌어 보세요. 사이드바의 “로짓과 클래스 이름”에 "
        "있는 로짓으로 0.01부터 100까지 41개 온도를 브라우저 안에서 보여 줍니다."
    ),
    # tab 2
    "target": "정답 (클래스 번호, 또는 클래스마다 가중치 하나)",
    "target_help": (
        "1부터 {n}까지의 클래스 번호는 원-핫 정답(그 클래스가 참)입니다. 또는 "
        "0.7, 0.1, 0.1, 0.1처럼 클래스마다 가중치를 주면 부드러운 정답이 되며, 합이 1이 "
        "되도록 맞춥니다. 페이지 링크에 저장됩니다."
    ),
    "target_pick": "또는 정답 클래스 고르기",
    "target_pick_placeholder": "클래스 선택…",
    "m_loss": "교차 엔트로피 L (nat)",
    "m_loss_help": "원-핫 정답이면 정답 클래스의 음의 로그우도(NLL), 즉 그 클래스의 −log p입니다.",
    "m_p_true": "정답 클래스({name})의 p",
    "m_entropy_target": "정답의 엔트로피 H(y) (nat)",
    "m_entropy_target_help": "이 정답에 대해 어떤 예측도 도달할 수 있는 가장 낮은 손실입니다: L ≥ H(y).",
    "p_name": "예측 p",
    "y_name": "정답 y",
    "grad_lowers": "∂L/∂z > 0: 경사하강법이 z를 낮춤",
    "grad_raises": "∂L/∂z < 0: 경사하강법이 z를 높임",
    "target_prob_title": "예측 p = softmax(z/T)와 정답 y",
    "target_grad_title": "각 로짓에 대한 손실의 기울기: (p − y)/T",
    "gradient_explained": (
        "기울기는 그냥 예측 빼기 정답(을 T로 나눈 값)입니다. 막대가 양수이면 경사하강법이 그 "
        "로짓을 **낮추고**(확률을 너무 많이 받음), 음수이면 **높입니다**. 막대의 합은 항상 "
        "0입니다. 모든 로짓을 함께 올려도 아무것도 바뀌지 않기 때문입니다."
    ),
    "drag_header": "로짓 하나를 움직일 때 손실의 변화",
    "drag": "움직일 로짓",
    "drag_x": "{name}의 로짓 (나머지는 고정)",
    "loss_name": "손실 L",
    "drag_grad_name": "∂L/∂z",
    "current": "현재 값",
    "drag_caption": (
        "위: 이 로짓 하나를 현재 값에서 ±10만큼 움직일 때의 손실. 아래: 그 기울기 p − y "
        "(T로 나눔)."
    ),
    "drag_true": (
        "{name}은(는) 정답 클래스입니다(y = 1). 로짓이 커질수록 손실은 계속 줄고, 기울기는 "
        "−1/T = −{lo}에서 0을 향해 올라갑니다."
    ),
    "drag_wrong": (
        "{name}은(는) 오답 클래스입니다(y = 0). 로짓이 커질수록 손실은 계속 늘고, 기울기는 "
        "0에서 1/T = {hi}을(를) 향해 올라갑니다."
    ),
    "drag_soft": (
        "{name}의 정답 가중치는 y = {y}입니다. 손실은 줄다가 다시 늘며, p = y가 되는 로짓 "
        "{best}에서 가장 낮고 그곳에서 기울기가 0을 지납니다. 기울기는 왼쪽의 "
        "−y/T = −{lo}에서 오른쪽의 (1 − y)/T = {hi}까지 변합니다."
    ),
    "drag_soft_off": (
        "{name}의 정답 가중치는 y = {y}입니다. 손실은 p = y가 되는 로짓 {best}에서 가장 "
        "낮고 그곳에서 기울기가 0을 지나지만, 이 지점은 그래프 범위 밖에 있습니다. 기울기는 "
        "훨씬 왼쪽의 −y/T = −{lo}에서 훨씬 오른쪽의 (1 − y)/T = {hi}까지 변합니다."
    ),
    # tab 3
    "example_intro": (
        "원문의 예제입니다. 교차 엔트로피는 예측 분포 q가 실제 분포 p와 얼마나 다른지를 "
        "잽니다. H(p, q)가 낮을수록 더 좋은 예측입니다. 여기서 실제 분포는 p이고, 예측은 "
        "두 가지입니다: q1(균등)과 q2. 자연로그(nat)를 씁니다."
    ),
    "m_h_q1": "H(p, q1), 균등 예측",
    "m_h_q2": "H(p, q2), 더 가까운 예측",
    "m_h_p": "H(p), 하한",
    "m_kl_q1": "KL(p ‖ q1)",
    "m_kl_q2": "KL(p ‖ q2)",
    "example_conclusion": (
        "H(p, q1) ≈ **{h1}**, H(p, q2) ≈ **{h2}**: q2의 교차 엔트로피가 더 낮으므로 더 "
        "가까운 예측입니다. 어떤 예측도 H(p) ≈ {hp} 아래로 내려갈 수 없고, 이 값은 q = p일 "
        "때만 나옵니다. KL 발산이 바로 그 차이입니다: KL(p ‖ q1) ≈ {kl1}, KL(p ‖ q2) ≈ "
        "{kl2}이며, 완벽한 예측일 때만 0입니다. (원문은 자릿수를 잘라 약 1.38과 1.29로 "
        "적었습니다. 밑이 2인 로그로 비트 단위로 쓰면 같은 값은 {b1}, {b2}, {bp}입니다.)"
    ),
    "outcome": "x{k}",
    "ex_p": "p (실제)",
    "ex_q1": "q1 (균등)",
    "ex_q2": "q2",
    # tab 4
    "bin_z": "로짓 z",
    "bin_z_help": "이진 분류기의 점수 하나입니다. sigmoid가 이를 p(y = 1)로 바꿉니다.",
    "m_sigmoid": "p = σ(z)",
    "m_bce_1": "y = 1일 때 BCE",
    "m_bce_0": "y = 0일 때 BCE",
    "m_grad_1": "y = 1일 때 ∂BCE/∂z",
    "m_grad_0": "y = 0일 때 ∂BCE/∂z",
    "sigmoid_name": "σ(z)",
    "bce_1_name": "BCE, y = 1",
    "bce_0_name": "BCE, y = 0",
    "grad_1_name": "∂BCE/∂z, y = 1",
    "grad_0_name": "∂BCE/∂z, y = 0",
    "bce_axis": "BCE",
    "bce_grad_axis": "∂BCE/∂z",
    "binary_explained": (
        "이진 교차 엔트로피는 예/아니오(True/False, 1/0) 레이블에 씁니다. 정답이 1이면 손실은 "
        "−log σ(z)로, z가 크면 0에 가깝고 z가 음수 쪽으로 갈수록 한없이 커집니다. 기울기 "
        "σ(z) − y의 크기는 1을 넘지 않으며, 예측이 자신 있게 틀렸을 때 가장 큽니다. 로짓 "
        "(z, 0)의 softmax는 σ(z)와 같습니다. z = {z}에서 그 결과는 [{p1}, {p0}]이며, 이 탭의 "
        "p = σ(z)와 1 − p입니다. 그래서 이진 교차 엔트로피는 클래스가 둘인 범주형 교차 "
        "엔트로피입니다. 클래스가 셋 이상이면 원-핫 레이블과 범주형 교차 엔트로피를 씁니다."
    ),
    # tab 5
    "regression_intro": (
        "회귀(숫자 예측)에서는 손실이 예측과 정답을 직접 비교합니다. 표를 고친 뒤, 이상치 "
        "슬라이더로 마지막 예측을 밀어내며 세 손실이 어떻게 반응하는지 비교해 보세요."
    ),
    "col_target": "정답 y",
    "col_prediction": "예측 ŷ",
    "reg_dropped": "{count}개 행을 뺐습니다: 비어 있거나, ±{limit} 범위를 벗어나거나, 처음 {max}개 행 "
                   "이후입니다.",
    "reg_empty": "표에 쓸 수 있는 행이 없어 기본 데이터를 보여 줍니다.",
    "outlier": "이상치: 마지막 예측을 위로 미는 양",
    "outlier_help": "마지막 예측의 오차에 이 값을 더합니다.",
    "outlier_axis": "이상치 크기 (마지막 예측에 더한 값)",
    "reg_table_before": "표는 이상치를 더하기 전의 예측입니다. 위 차트는 마지막 예측을 "
                        "{before} + {offset} = {after}(으)로 그립니다.",
    "mse": "MSE",
    "rmse": "RMSE",
    "mae": "MAE",
    "mse_grad": "∂MSE/∂ŷ",
    "rmse_grad": "∂RMSE/∂ŷ",
    "mae_grad": "∂MAE/∂ŷ",
    "reg_values_title": "정답과 예측",
    "reg_grad_title": "각 예측에 대한 기울기",
    "squared_units": "MSE (제곱 단위)",
    "data_units": "RMSE와 MAE (y의 단위)",
    "regression_explained": (
        "**MSE**는 오차 제곱의 평균입니다. 음수가 나오지 않고 큰 오차가 크게 반영되어, "
        "이상치 하나가 값을 좌우할 수 있습니다. 기울기 2(ŷ − y)/N은 오차에 비례해 커집니다. "
        "**RMSE**는 MSE의 제곱근입니다. y의 단위로 돌아오므로 MSE가 커져 오차의 크기를 "
        "부풀리는 것을 막아 주며, 점 하나의 기울기는 최대 1/√N입니다. **MAE**는 오차 "
        "절댓값의 평균입니다. 선형으로만 커지고 기울기는 오차 크기와 상관없이 항상 ±1/N이라, "
        "이상치에 가장 덜 흔들립니다."
    ),
    # tab 6
    "stability_intro": (
        "exp(z) / Σ exp(z)로 쓴 softmax는 로짓이 크면 망가집니다. exp(1000)은 부동소수점에 "
        "담기에 너무 크기 때문입니다. 모든 로짓을 옮겨 보며(“로짓과 클래스 이름”의 로짓에 이 "
        "값을 더한 것이 표의 z입니다) 교과서 공식과 안정적인 공식을 비교해 보세요."
    ),
    "stability_intro_present": (
        "exp(z) / Σ exp(z)로 쓴 softmax는 로짓이 크면 망가집니다. exp(1000)은 부동소수점에 "
        "담기에 너무 크기 때문입니다. 아래 값만큼 모든 로짓을 옮겨 보며 교과서 공식과 안정적인 "
        "공식을 비교해 보세요. 표의 z는 사이드바(왼쪽 위의 »)의 “로짓과 클래스 이름”에 있는 "
        "로짓에 이 값을 더한 것입니다."
    ),
    "stability_intro_tour": (
        "exp(z) / Σ exp(z)로 쓴 softmax는 로짓이 크면 망가집니다. exp(1000)은 부동소수점에 "
        "담기에 너무 크기 때문입니다. 아래 값만큼 모든 로짓을 옮겨 보며 교과서 공식과 안정적인 "
        "공식을 비교해 보세요. 표의 z는 사이드바의 “로짓과 클래스 이름”에 있는 로짓에 이 값을 "
        "더한 것입니다."
    ),
    "shift": "모든 로짓에 더할 값",
    "shift_help": "모든 로짓에 같은 수를 더해도 softmax는 바뀌지 않습니다.",
    "dtype": "부동소수점 형식",
    "dtype_help": "float64는 exp(709.8), GPU에서 흔한 float32는 exp(88.7)을 넘으면 넘칩니다.",
    "col_naive_exp": "exp(z)",
    "col_naive": "단순 softmax",
    "col_shifted_exp": "exp(z − max z)",
    "col_stable": "안정적 softmax",
    "stability_overflow": (
        "{dtype}에서 적어도 한 로짓의 exp(z)가 inf로 넘쳤습니다(오버플로). 그러면 합이 inf가 "
        "되고 inf / inf는 nan(숫자 아님)입니다. 실제 답은 평범한 값인데도 단순 softmax는 "
        "쓸모가 없어집니다."
    ),
    "stability_underflow": (
        "{dtype}에서 모든 exp(z)가 0으로 사라졌습니다(언더플로). 그러면 합이 0이 되고 "
        "0 / 0은 nan(숫자 아님)입니다. 단순 softmax는 쓸모가 없어집니다."
    ),
    "stability_ok": (
        "{dtype}에서 이 로짓들은 단순 공식으로도 계산할 만큼 작아서 두 열이 같습니다. "
        "슬라이더를 ±1000으로 옮겨 망가지는 것을 보세요."
    ),
    "stability_explained": (
        "해결법: 먼저 가장 큰 로짓 m을 뺍니다. 분자와 분모에서 e^(−m)이 약분되므로 결과는 "
        "같지만, 이제 가장 큰 지수는 exp(0) = 1이라 넘칠 수 없고, 합은 1 이상이라 0이 될 "
        "수도 없습니다. 모든 프레임워크가 softmax를 이렇게 계산하며, log-softmax는 "
        "(z − m) − log Σ exp(z − m)으로 계산합니다."
    ),
}

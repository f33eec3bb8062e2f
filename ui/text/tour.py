"""The guided tour: page text, and a title and caption per step (see activations/tour.py)."""

EN = {
    "title": "Guided tour",
    "intro": "Every claim of the lecture notes, one step at a time: each step opens a page "
             "in the state the caption talks about. Each step has its own link for slides; on an "
             "open step, **Share this view** in the sidebar gives its QR code for a class to "
             "scan. "
             "→ and ← move between steps; in presentation mode so do Page Down and Page Up, "
             "the buttons of a presenter's clicker.",
    "intro_touch": "Every claim of the lecture notes, one step at a time: each step opens a "
                   "page in the state the caption talks about. Each step has its own link; on "
                   "an open step, **Share this view** in the menu (» at the top left) gives "
                   "its QR code.",
    "step": "Step",
    "counter": "Step {i} of {n}",
    "back": "Back",
    "next": "Next",
    "finish": "Finish tour",
    "open": "Open this step",
    "link": "Link to this step, for slides:",
    "link_relative": "Link to this step (relative to the app's address):",
    "bad_step": "The link's `step` is not a step of the tour; starting at the first step.",
    "bad_tour": "The link names a tour step that does not exist; showing the page without "
                "the tour.",
    "bar_head": "**{i} / {n}** · **{title}**",
    "leave": "Leave tour",
    "start": "Start the tour",
    "start_present": "Start on a projector",
    "start_present_help": "Starts the tour in presentation mode: larger text, and every "
                          "step's chart fits a 1280x720 projector without scrolling.",
    "steps_header": "The steps",
    "selected": "Selected step",
    # --- steps: a title and one or two sentences on what to notice ---
    "linear_collapse": "Without a nonlinearity, layers collapse",
    "linear_collapse_caption": "Three identity hidden layers give h(h(h(x))) = c³·x: the "
                               "network collapses to one affine map X·W + b, and its boundary "
                               "on XOR is a straight line. tanh bends the boundary.",
    "xor": "A nonlinearity solves XOR",
    "xor_caption": "One hidden layer of tanh units separates XOR, which no straight line can: "
                   "watch the boundary curve around the four clusters.",
    "sigmoid_derivative": "Sigmoid's slope is at most 0.25",
    "sigmoid_derivative_caption": "σ′(x) = σ(x)(1 − σ(x)) peaks at 0.25 at x = 0 and fades "
                                  "to almost nothing outside about ±5 (the strips under "
                                  "the curves).",
    "sigmoid_vanishing": "Stacked sigmoids vanish",
    "sigmoid_vanishing_caption": "σ′ is at most 0.25 at every layer, and these small weights "
                                 "shrink the gradient further: about 7 times a layer, so "
                                 "layer 1 gets 2.3×10⁻⁸ of the last layer's (the table under "
                                 "the charts). Note the log scale.",
    "zigzag": "Sigmoid is not zero-centred: zig-zag",
    "zigzag_caption": "With all-positive inputs both weights get gradients of the same sign, "
                      "so the path moves only diagonally and zig-zags; zero-centred inputs "
                      "also move them apart (green diamonds) and reach w*.",
    "tanh": "tanh is zero-centred, but saturates",
    "tanh_caption": "tanh is a rescaled sigmoid: Custom f(x) = 2σ(2x) − 1 (dotted) lies exactly "
                    "on tanh and its slope on tanh′ (2σ(x) − 1 is tanh(x/2)). Slope 1 at 0, "
                    "yet tanh′ still dies away for large |x|.",
    "tanh_glorot": "tanh with Glorot initialisation",
    "tanh_glorot_caption": "With the standard initialisation (blue) the gradient of these 5 "
                           "tanh layers shrinks tenfold on its way back to layer 1 (0.1 in "
                           "the table under the charts); with Glorot (Xavier, orange) more "
                           "than half of it arrives (0.56).",
    "hardtanh_weights": "Hardtanh needs weights of the right size",
    "hardtanh_weights_caption": "Hardtanh's slope is exactly 1 or 0. Over 30 layers, Xavier "
                                "weights (orange) bring 0.9 of the gradient back to layer 1; "
                                "N(0,\u00a01) weights (green) blow it up to 10¹⁶; the smaller "
                                "standard ones (blue) shrink it to 1.2×10⁻⁷.",
    "relu_he": "ReLU keeps the gradient",
    "relu_he_caption": "With Glorot (Xavier) initialisation ReLU's gradient shrinks about "
                       "18,000-fold over 30 layers (5.6×10⁻⁵ in the table under the charts); "
                       "He (Kaiming) doubles the weights' variance, and it stays within a "
                       "factor of 10 (8.7).",
    "relu_dead": "ReLU can die",
    "relu_dead_caption": "For x < 0 ReLU's slope is exactly 0 (the shaded zone): a unit whose "
                         "input stays negative gets no gradient and never recovers. "
                         "LeakyReLU (dashed, here with slope 0.1) keeps a slope there.",
    "dying_relu": "Dying units in a deep network",
    "dying_relu_caption": "A negative bias pushes inputs below zero: ReLU units die layer by "
                          "layer until no gradient comes back at all (no line, only a strip "
                          "along the bottom: exactly 0). LeakyReLU keeps a small one.",
    "narrow_relu": "A narrow network cuts ReLU's gradient",
    "narrow_relu_caption": "Only 2 units a layer: sooner or later a whole layer is below zero, "
                           "and ReLU passes back exactly 0 from there (the strip along the "
                           "bottom). LeakyReLU's gets through, times 0.01 at each such layer.",
    "dead_training": "Units die while training",
    "dead_training_caption": "At learning rate 10, SGD pushes 6 of ReLU's 8 units below 0 on "
                             "every point: no gradient, dead for good, and where the other 2 "
                             "are 0 too the network says 50% (white). LeakyReLU keeps all 8.",
    "leaky_family": "LeakyReLU, PReLU and RReLU",
    "leaky_family_caption": "All three keep a small slope for x < 0: fixed (LeakyReLU), "
                            "learned (PReLU) or random while training (RReLU, the dots). "
                            "No dead zone remains.",
    "elu_selu": "ELU and SELU push the mean toward zero",
    "elu_selu_caption": "For x < 0, ELU and SELU bend down towards a floor below zero (−1 "
                        "for ELU, −1.76 for SELU), so their outputs average closer to zero "
                        "than ReLU's; SELU's scale is chosen to keep mean 0 and variance 1.",
    "selu_deep": "SELU normalises itself",
    "selu_deep_caption": "With LeCun initialisation, 50 SELU layers keep their activations "
                         "near mean 0 and variance 1 (the dashed diamonds below) and the gradient within "
                         "one decade from the last layer to the first, without any "
                         "normalisation layer.",
    "softplus": "Softplus approaches ReLU as beta grows",
    "softplus_caption": "Press play: β runs from 0.5 to 20 and Softplus(x) = log(1 + e^(βx))/β "
                        "closes in on ReLU, drawn still beside it; on the right its derivative, "
                        "the sigmoid σ(βx), sharpens into ReLU's step.",
    "scale": "Scale equivariance of the ReLU family",
    "scale_caption": "For ReLU and LeakyReLU f(kx)/k = f(x) exactly (further down, the "
                     "scaled curves sit on top); for sigmoid it does not.",
    "gelu": "GELU: exact vs tanh approximation",
    "gelu_caption": "The tanh approximation of GELU is almost indistinguishable: the "
                    "difference chart further down shows how small the gap is.",
    "temperature_low": "Low temperature: almost one-hot",
    "temperature_low_caption": "At T = 0.1 softmax puts almost all probability on the "
                               "largest logit, close to argmax's one-hot vector. Further "
                               "down, Play sweeps T from 0.01 to 100.",
    "temperature_high": "High temperature: almost uniform",
    "temperature_high_caption": "At T = 10 the same logits give nearly equal probabilities, "
                                "all near 1/n = 0.25; the entropy (under the charts) "
                                "approaches its maximum, log n.",
    "soft_argmax": "argmax vs soft argmax",
    "soft_argmax_caption": "Two close logits: argmax picks one and hides how close it was; "
                           "softmax keeps both nearly even. Further down, one logit moves "
                           "alone: argmax's output jumps (slope 0, none at the jump), "
                           "softmax's slides, so a gradient gets through.",
    "cross_entropy": "Cross-entropy, worked out",
    "cross_entropy_caption": "The notes' example step by step: the prediction closer to p "
                             "has the lower cross-entropy, and H(p, q) − H(p) is the KL "
                             "divergence.",
    "mse_mae": "MSE vs MAE with an outlier",
    "mse_mae_caption": "The last prediction is pushed 10 too high (the slider): MSE squares "
                       "the error, so its gradient now pulls almost only on that point (the "
                       "tall green bar); MAE pulls on it no harder than on any other point.",
    "ravine": "Optimizers on a ravine",
    "ravine_caption": "25 times steeper across than along. At step 10 Adagrad leads; at 20 "
                      "NAG and Momentum do, Momentum still swinging across; at 30 both have "
                      "overshot the star. At 200 all but AdaDelta are on it, a ring each. "
                      "Drag the slider.",
}

KO = {
    "title": "둘러보기",
    "intro": "강의 노트의 주장 하나하나를 한 단계씩 보여 줍니다. 각 단계는 설명에 맞는 상태로 "
             "페이지를 엽니다. 단계마다 슬라이드에 붙일 수 있는 링크가 있고, 단계를 연 뒤 사이드바의 "
             "**이 화면 공유**를 누르면 학생들이 찍을 수 있는 QR 코드가 나옵니다. → 키와 ← 키로 "
             "단계를 오가고, 발표 모드에서는 프레젠터 리모컨의 버튼인 Page Down과 Page Up으로도 "
             "오갈 수 있습니다.",
    "intro_touch": "강의 노트의 주장 하나하나를 한 단계씩 보여 줍니다. 각 단계는 설명에 맞는 "
                   "상태로 페이지를 엽니다. 단계마다 링크가 있고, 단계를 연 뒤 메뉴(왼쪽 위의 "
                   "»)의 **이 화면 공유**를 누르면 그 QR 코드가 나옵니다.",
    "step": "단계",
    "counter": "{n}단계 중 {i}단계",
    "back": "이전",
    "next": "다음",
    "finish": "둘러보기 완료",
    "open": "이 단계 열기",
    "link": "이 단계의 링크(슬라이드용):",
    "link_relative": "이 단계의 링크(앱 주소 기준 상대 경로):",
    "bad_step": "링크의 `step` 값이 둘러보기의 단계가 아니어서 첫 단계부터 시작합니다.",
    "bad_tour": "링크가 가리키는 둘러보기 단계가 없어서 둘러보기 없이 페이지를 보여 줍니다.",
    "bar_head": "**{i} / {n}** · **{title}**",
    "leave": "둘러보기 끝내기",
    "start": "둘러보기 시작",
    "start_present": "프로젝터로 시작",
    "start_present_help": "발표 모드로 둘러보기를 시작합니다. 글자가 커지고, 단계마다 차트가 "
                          "1280x720 프로젝터 화면에 스크롤 없이 들어옵니다.",
    "steps_header": "단계 목록",
    "selected": "선택한 단계",
    "linear_collapse": "비선형성이 없으면 층이 하나로 합쳐집니다",
    "linear_collapse_caption": "항등 활성화 은닉층 세 개는 h(h(h(x))) = c³·x입니다. 신경망은 "
                               "아핀 변환 X·W + b 하나로 줄어들고, XOR에서 경계는 직선입니다. "
                               "tanh는 경계를 구부립니다.",
    "xor": "비선형성으로 XOR 풀기",
    "xor_caption": "tanh 은닉층 하나면 어떤 직선으로도 나눌 수 없는 XOR을 분리합니다. "
                   "경계가 네 무리를 감싸며 휘는 모습을 보세요.",
    "sigmoid_derivative": "sigmoid의 도함수는 최대 0.25",
    "sigmoid_derivative_caption": "σ′(x) = σ(x)(1 − σ(x))는 x = 0에서 최댓값 0.25이고, "
                                  "약 ±5 밖에서는 거의 0이 됩니다(곡선 아래의 띠).",
    "sigmoid_vanishing": "sigmoid를 쌓으면 기울기가 사라집니다",
    "sigmoid_vanishing_caption": "σ′는 어느 층에서나 최대 0.25이고, 이 작은 가중치가 "
                                 "기울기를 더 줄입니다. 층마다 약 7분의 1이 되어, 첫 층에는 "
                                 "마지막 층의 2.3×10⁻⁸만 닿습니다(차트 아래 표). 로그 눈금에 "
                                 "주의하세요.",
    "zigzag": "sigmoid는 0 중심이 아닙니다: 지그재그",
    "zigzag_caption": "입력이 모두 양수이면 한 유닛의 모든 가중치가 같은 부호의 기울기를 받아 "
                      "두 대각선 방향으로만 움직이며 지그재그합니다. 0 중심 입력은 가중치를 "
                      "서로 다른 방향으로도 움직여(초록 마름모) w*에 닿습니다.",
    "tanh": "tanh는 0 중심이지만 포화됩니다",
    "tanh_caption": "tanh는 sigmoid를 늘인 것입니다. 사용자 정의 f(x) = 2σ(2x) − 1(점선)이 "
                    "tanh에, 그 기울기가 tanh′에 정확히 겹칩니다(2σ(x) − 1은 tanh(x/2)). "
                    "0에서 기울기는 1이지만 |x|가 크면 tanh′도 사라집니다.",
    "tanh_glorot": "tanh와 Glorot 초기화",
    "tanh_glorot_caption": "표준 초기화(파란 선)에서는 tanh 5층의 기울기가 첫 층으로 돌아오는 "
                           "동안 10분의 1로 줄어듭니다(차트 아래 표의 0.1). Glorot(Xavier) 초기화(주황 "
                           "선)에서는 절반 넘게 닿습니다(0.56).",
    "hardtanh_weights": "Hardtanh에는 알맞은 크기의 가중치가 필요합니다",
    "hardtanh_weights_caption": "Hardtanh의 기울기는 정확히 1 아니면 0입니다. 30층에서 Xavier "
                                "가중치(주황 선)는 기울기의 0.9를 1층까지 돌려보내고, N(0, 1) "
                                "가중치(초록 선)는 10¹⁶으로 키우며, 더 작은 표준 초기화(파란 "
                                "선)는 1.2×10⁻⁷로 줄입니다.",
    "relu_he": "ReLU는 기울기를 유지합니다",
    "relu_he_caption": "Glorot(Xavier) 초기화에서는 ReLU의 기울기가 30층을 지나며 약 "
                       "18,000분의 1로 줄어듭니다(차트 아래 표의 5.6×10⁻⁵). He(Kaiming) 초기화는 가중치 "
                       "분산을 두 배로 키워, 기울기가 10배 안에 머뭅니다(8.7).",
    "relu_dead": "ReLU는 죽을 수 있습니다",
    "relu_dead_caption": "x < 0에서 ReLU의 도함수는 정확히 0입니다(음영 구간). 입력이 계속 "
                         "음수인 유닛은 기울기를 받지 못해 다시 살아나지 못합니다. "
                         "LeakyReLU(파선, 여기서는 음수 쪽 기울기 0.1)는 그 구간에서도 도함수가 "
                         "0이 아닙니다.",
    "dying_relu": "깊은 신경망에서 죽는 유닛",
    "dying_relu_caption": "음의 편향이 입력을 0 아래로 밀어 ReLU 유닛이 층마다 죽어 가고, "
                          "결국 기울기가 전혀 돌아오지 않습니다(선 없이 아래쪽 띠만: 정확히 0). "
                          "LeakyReLU는 작은 기울기를 유지합니다.",
    "narrow_relu": "좁은 신경망은 ReLU의 기울기를 끊습니다",
    "narrow_relu_caption": "층마다 유닛이 2개뿐이면 언젠가 한 층 전체가 0 아래로 내려가고, "
                           "ReLU는 그 층부터 정확히 0을 돌려보냅니다(선 없이 아래쪽 띠). "
                           "LeakyReLU의 기울기는 그런 층을 지날 때마다 f′ = 0.01이 곱해져 "
                           "가파르게 떨어지지만, 끝까지 닿습니다.",
    "dead_training": "학습 중에 죽는 유닛",
    "dead_training_caption": "학습률 10에서 SGD는 ReLU 유닛 8개 중 6개를 모든 점에서 0 아래로 "
                             "밀어냅니다. 기울기가 없어 영영 죽고, 나머지 2개도 0인 곳에서 "
                             "신경망은 50%(흰색)를 냅니다. LeakyReLU는 8개 모두 살아 있습니다.",
    "leaky_family": "LeakyReLU, PReLU, RReLU",
    "leaky_family_caption": "셋 모두 x < 0에서 작은 기울기를 남깁니다. 고정값(LeakyReLU), "
                            "학습값(PReLU), 학습 중 무작위값(RReLU, 점)입니다. 죽은 구간이 "
                            "없습니다.",
    "elu_selu": "ELU와 SELU는 평균을 0 쪽으로 당깁니다",
    "elu_selu_caption": "x < 0에서 ELU와 SELU는 0보다 낮은 바닥(ELU는 −1, SELU는 −1.76)을 "
                        "향해 휘어지므로 출력의 평균이 ReLU보다 0에 가깝습니다. SELU의 배율은 평균 0, 분산 1을 유지하도록 정해졌습니다.",
    "selu_deep": "SELU는 스스로 정규화합니다",
    "selu_deep_caption": "LeCun 초기화와 함께 SELU 50층은 정규화 층 없이도 활성값을 평균 0, "
                         "분산 1 근처로(아래 상자 그림의 점선 마름모) 유지하고, 기울기도 마지막 층에서 첫 "
                         "층까지 10배 안에서만 움직입니다.",
    "softplus": "beta가 커지면 Softplus는 ReLU에 가까워집니다",
    "softplus_caption": "재생을 누르세요. β가 0.5에서 20까지 커지면 Softplus(x) = log(1 + e^(βx))/β가 "
                        "옆에 고정된 ReLU에 다가가고, 오른쪽의 도함수 sigmoid σ(βx)는 ReLU의 "
                        "계단으로 날카로워집니다.",
    "scale": "ReLU 계열의 스케일 등변성",
    "scale_caption": "ReLU와 LeakyReLU는 f(kx)/k = f(x)가 정확히 성립합니다(더 아래에서 배율을 "
                     "바꾼 곡선이 겹칩니다). "
                     "sigmoid는 그렇지 않습니다.",
    "gelu": "GELU: 정확한 식과 tanh 근사",
    "gelu_caption": "GELU의 tanh 근사는 거의 구별되지 않습니다. 더 아래의 차이 차트에서 그 "
                    "간격이 얼마나 작은지 보세요.",
    "temperature_low": "낮은 온도: 거의 원-핫",
    "temperature_low_caption": "T = 0.1에서 softmax는 가장 큰 로짓에 확률을 거의 모두 주어 "
                               "argmax의 원-핫 벡터에 가까워집니다. 더 아래의 재생을 누르면 "
                               "T가 0.01에서 100까지 바뀝니다.",
    "temperature_high": "높은 온도: 거의 균등",
    "temperature_high_caption": "T = 10에서는 같은 로짓이 모두 1/n = 0.25 근처의 거의 같은 "
                                "확률이 되고, 엔트로피(차트 아래)는 최댓값 log n에 "
                                "가까워집니다.",
    "soft_argmax": "argmax와 soft argmax",
    "soft_argmax_caption": "두 로짓이 비슷하면 argmax는 하나만 고르지만 softmax는 둘을 "
                           "거의 비슷하게 둡니다. 더 아래에서 로짓 하나만 움직이면 argmax는 "
                           "계단처럼 뛰고(도함수 0, 점프에서는 없음) softmax는 매끄럽게 변해 "
                           "기울기가 전해집니다.",
    "cross_entropy": "교차 엔트로피 계산 예제",
    "cross_entropy_caption": "노트의 예제를 단계별로 계산합니다. p에 더 가까운 예측이 교차 "
                             "엔트로피가 더 낮고, H(p, q) − H(p)가 KL 발산입니다.",
    "mse_mae": "이상치가 있을 때 MSE와 MAE",
    "mse_mae_caption": "마지막 예측을 10만큼 높였습니다(슬라이더). MSE는 오차를 제곱하므로 "
                       "기울기가 거의 그 점 하나만 끌어당기지만(높은 초록 막대), MAE는 그 점도 "
                       "다른 점과 같은 세기로만 끌어당깁니다.",
    "ravine": "골짜기 위의 옵티마이저",
    "ravine_caption": "가로지르는 쪽이 25배 가파른 골짜기: 10스텝에는 Adagrad가, 20스텝에는 "
                      "NAG와 Momentum이 앞서고(Momentum은 아직 흔들림), 30스텝에는 둘 다 별을 "
                      "지나쳤습니다. 200스텝에는 AdaDelta만 빼고 모두 별 위에 고리 하나씩으로 "
                      "모입니다.",
}

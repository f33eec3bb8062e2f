"""The activation explorer page (`pages/curves.py`)."""

EN = {
    "alt_f": "Line chart of f(x) for x from {x0} to {x1}: {names}.",
    "alt_df": "Line chart of the slopes f′(x) for x from {x0} to {x1}: {names}.",
    "alt_sweep": "Animated line charts of f(x) and f′(x) as {param} of {label} goes from {lo} to "
                 "{hi}, with Play and a slider.",
    "alt_scale": "Line chart of f(x) and f(kx)/k for k = {k}: {names}.",
    "alt_diff": "Line charts of how far each function is from {b}, in f and in f′, for x from "
                "{x0} to {x1}.",
    "title": "Curves and derivatives",
    "intro": "Compare activation functions f and their slopes f′ on one x axis.",
    "more": "Pick any curves in the sidebar, set their parameters, and compare f and its "
            "slope f′ side by side. The coloured strips along the bottom of each chart mark "
            "where a curve's slope is below 0.01 (its gradient all but vanishes); red bands "
            "mark a slope of exactly 0. *Animate a parameter* plays one parameter through "
            "its range in the browser. The whole view is in the page's link: copy it to "
            "share exactly this.",
    "more_touch": "Pick any curves in the menu (» at the top left), set their parameters, and "
                  "compare f and its slope f′ one above the other. The coloured strips along "
                  "the bottom of each chart mark where a curve's slope is below 0.01 (its "
                  "gradient all but vanishes); red bands mark a slope of exactly 0. *Animate a "
                  "parameter* plays one parameter through its range in the browser. The whole "
                  "view is in the page's link: copy it to share exactly this.",
    "menu_touch": "The curves, their parameters and the x range are in the menu: » at the top "
                  "left.",
    # the row above the charts
    "sweep": "Animate a parameter",
    "sweep_off": "No animation",
    "sweep_help": "Plays one parameter of the first curve that has it through its range, "
                  "f and f′ together (Softplus β from 0.5 to 20 turns into ReLU). Press Play "
                  "under the chart or drag its slider.",
    "sweep_name": "{label}, {param} animated",
    "sweep_caption": "What to notice: watch {label} change in f and f′ together as {param} "
                     "moves; the other curves stay put for comparison.",
    "sweep_no_overlays": "The strips and shaded zones are not drawn while a parameter "
                         "plays; choose “No animation” to see them.",
    "play": "Play",
    "pause": "Pause",
    "yzoom": "Zoom f to [−1.5, 1.5]",
    "yzoom_help": "Fixes the y axis of f to −1.5 … 1.5, so sigmoid and tanh are not squashed "
                  "into a thin strip by curves that keep growing.",
    "lane_note": "strips at the bottom, in each curve's colour: |f′| < 0.01",
    "notice_header": "**What to notice**",
    "notice_header_at": "**What to notice** at {param} = {value}, the curve's own setting "
                        "(the animation's other frames can differ)",
    "notice_saturate_both": "Saturating on both sides: {names}. Far from 0 the slope falls "
                            "below 0.01, so the gradient passed back vanishes there.",
    "notice_saturate_negative": "Saturating for negative x only: {names}. Flat far to the "
                                "left, with a slope kept for x > 0.",
    "notice_saturate_positive": "Saturating for positive x only: {names}. Flat far to the "
                                "right, with a slope kept for x < 0.",
    "notice_saturate_beyond": "Saturating beyond this range: {names}. Here the slope stays "
                              "above 0.01 (no strip); widen x to see it flatten.",
    "notice_unbounded": "Never saturating: {names}. Far from 0, on either side, the slope "
                        "stays away from 0, so gradients do not vanish there.",
    # {names}: each curve with its mean output, "Tanh 0, SELU 0"
    "notice_mean_near_zero": "Mean output near 0 for inputs z ~ N(0, 1): {names}. The next "
                             "layer gets inputs of both signs.",
    "notice_mean_off_zero": "Mean output away from 0 for inputs z ~ N(0, 1) (outputs lean to "
                            "one sign): {names}.",
    "notice_dead": "Dead zone (slope exactly 0 on part of this range, no gradient at all): "
                   "{names}.",
    "notice_kinks": "Kinks on this range (the slope jumps): {names}.",
    "notice_jumps": "Jumps on this range (f itself breaks, so it has no slope there): "
                    "{names}.",
    "notice_smooth": "No kinks or jumps: every drawn curve is smooth on this range.",
    "pytorch_doc": "PyTorch documentation: [{name}]({url})",
    "diff_panel_f": "difference in f",
    "diff_panel_df": "difference in f′",
    # parameter names as shown (the URL keeps the code names)
    # legend labels: "LeakyReLU (negative slope=0.2)", parameters joined by label_params
    "label_curve": "{label} ({params})",
    "label_param": "{name}={value}",
    "label_params": "{a}, {b}",
    "pname_c": "c",
    "pname_negative_slope": "negative slope",
    "pname_a": "a",
    "pname_lower": "lower",
    "pname_upper": "upper",
    "pname_alpha": "α",
    "pname_approximate": "approximation",
    "pname_beta": "β",
    "pname_threshold": "threshold",
    "pname_min_val": "min value",
    "pname_max_val": "max value",
    "pname_value": "value",
    "pname_lambd": "λ",
    "choice_approximate_none": "exact",
    "choice_approximate_tanh": "tanh approximation",
    # presets
    "preset": "Classic comparisons",
    "preset_placeholder": "Choose a comparison…",
    "preset_basics": "Sigmoid, tanh, ReLU (the default view)",
    "preset_sigmoid_tanh": "Sigmoid vs tanh: slopes",
    "preset_dead": "ReLU vs LeakyReLU: the dead zone",
    "preset_leaky": "LeakyReLU: slope 0.01 vs 0.2",
    "preset_softplus": "Softplus beta 1 vs 10 vs ReLU",
    "preset_gelu": "GELU: exact vs tanh approximation",
    "preset_elu": "ELU and SELU vs ReLU",
    "preset_scale": "Scale equivariance: ReLU family vs sigmoid",
    "preset_rrelu": "RReLU: training draws vs evaluation line",
    "preset_step": "Step vs sigmoid",
    "note_basics": "Sigmoid and tanh flatten out on both sides: where their strips run along "
                   "the bottom of each chart their slope is below 0.01, and gradients vanish "
                   "there. ReLU's slope stays 1 for every x > 0 and is 0 for x < 0 (its strip "
                   "covers the whole left half).",
    "note_sigmoid_tanh": "tanh(x) = 2σ(2x) − 1: the same S shape, stretched. Sigmoid's slope "
                         "peaks at 0.25, tanh's at 1, and tanh's outputs average 0 (sigmoid's "
                         "0.5, for inputs z ~ N(0, 1)), so it usually trains faster.",
    "note_dead": "For x < 0 ReLU's slope is exactly 0 (red band): a unit whose input stays "
                 "negative gets no gradient and stops learning, the 'dying ReLU'. LeakyReLU "
                 "keeps a small slope there, so some gradient always flows back.",
    "note_leaky": "Both curves are LeakyReLU; only the negative slope differs. At 0.01 the "
                  "negative side looks flat, yet its slope (second chart) is 0.01, never 0; at "
                  "0.2 it is plain to see.",
    "note_softplus": "Softplus is a smooth ReLU. As beta grows from 1 to 10 the curve hugs "
                     "ReLU and its slope σ(βx) sharpens into ReLU's step.",
    "note_gelu": "GELU's tanh approximation is almost indistinguishable from the exact "
                 "x·Φ(x): the difference chart shows how small the gap is.",
    "note_elu": "ELU and SELU go below 0 smoothly and level off at −α (SELU: −λα), which "
                "pulls their mean output towards 0: for inputs z ~ N(0, 1) it is 0.16 for ELU "
                "and 0 for SELU (its constants are chosen for that), against 0.40 for ReLU, "
                "which stops at 0. SELU's slope for x > 0 is λ ≈ 1.05, not 1.",
    "note_scale": "Scale equivariance: for ReLU and LeakyReLU, f(kx)/k is the very same curve "
                  "(dashed lies on solid). Sigmoid's is not: scaling its input changes the "
                  "shape, not just the size.",
    "note_rrelu": "In training, RReLU draws a random slope a ~ U(lower, upper) for each "
                  "negative input (circles); in evaluation it uses their mean (lower + upper)/2 "
                  "(the line).",
    "note_step": "The step function's slope is 0 everywhere (and undefined at 0), so gradient "
                 "descent gets no signal from it. Sigmoid is its smooth stand-in with a usable "
                 "slope.",
    # sidebar: curves
    "curves_header": "Curves",
    "curve_n": "Curve {n}",
    "remove": "Remove",
    "add": "Add a curve",
    "add_placeholder": "Choose a function…",
    # sidebar: view
    "range_header": "x range",
    "xmin": "x min",
    "xmax": "x max",
    "points": "Points",
    "points_help": "Samples per curve, 11 to 5,000. 801 is plenty for the eye.",
    "overlays_header": "Overlays",
    "sat": "Strips where |f′| < 0.01",
    "sat_help": "A strip in each curve's colour along the bottom of both charts, where its "
                "slope is below 0.01: there gradients through the function all but vanish "
                "(saturation).",
    "dead": "Shade f′ = 0 (dead zones)",
    "dead_help": "Where the slope is exactly 0 no gradient flows at all, e.g. ReLU for x < 0.",
    "scale": "Input scale: f(kx)/k",
    "scale_help": "Draws f(kx)/k beside f(x). They coincide for scale-equivariant functions "
                  "(ReLU, LeakyReLU, PReLU).",
    "k": "k (input scale)",
    "k_help": "The input is multiplied by k and the output divided by k. k = 100 makes a "
              "smooth bend (Softplus, GELU) 100 times narrower, so it looks like ReLU's hard "
              "kink; k = 0.01 makes it 100 times wider, a gentle convex curve. ReLU itself "
              "stays the same at every k.",
    "k_snapped": "k from the link is not a step of the slider: shown at the nearest step, "
                 "{value}.",
    "diff": "Differences to curve 1",
    "diff_help": "Draws each curve minus the first, f and f′, on its own scale.",
    "train": "RReLU training draws",
    "train_help": "Shows RReLU's training mode: one random slope per negative input.",
    # warnings
    "stray_params": "The link has curve parameters that belong to no curve on this page; they "
                    "were ignored.",
    "too_many": "The link lists more than {max} curves; only the first {max} are shown.",
    "grid_range": "The x range must stay within ±10,000; showing −6 to 6.",
    "grid_order": "x min must be below x max; showing −6 to 6.",
    "grid_points": "The number of points must be a whole number from 11 to 5,000; using 801.",
    "bad_params": "{label}: these parameter values don't fit together (see the sliders' "
                  "limits); drawing its defaults.",
    # charts
    "x": "x",
    "hover_f": "f(x)",
    "hover_df": "f′(x)",
    "hover_undefined": "undefined (a jump)",
    "f_title": "The functions f(x)",
    "f_axis": "f(x)",
    "f_caption": "Hover to read x, f(x) and f′(x) of every curve; the camera icon saves a "
                 "PNG.",
    # A phone shows no toolbar, and a finger taps
    "f_caption_touch": "Tap a chart to read x, f(x) and f′(x) of every curve.",
    "df_title": "Their slopes f′(x)",
    "df_axis": "f′(x)",
    "threshold": "|f′| = 0.01",
    # written on the f′ chart over a stretch whose small slope would read as 0
    "faint": "f′ = {value}",
    "df_caption": "What to notice: backpropagation multiplies by this slope, layer after layer, "
                  "so where it is tiny the gradient vanishes. Share of this x range where "
                  "|f′| < 0.01: {shares}.",
    "dead_note": "{label}: f′ = 0",
    "train_name": "{label}, training draws",
    "scale_title": "f(x) and f(kx)/k for k = {k}",
    "scaled_name": "{label}: f({k}x)/{k}",
    "scale_caption": "What to notice: dashed f({k}x)/{k} on top of solid f(x) means the "
                     "function is scale-equivariant. Largest gap on this range: {gaps}.",
    "diff_title": "Differences to {b}",
    "diff_axis": "difference",
    "diff_f": "{a} − {b}: f",
    "diff_df": "{a} − {b}: f′",
    "diff_caption": "What to notice: the size of the gap to {b} (left: f, right: f′). "
                    "Largest |difference in f| on this range: {gaps}.",
    # export
    "csv": "Download the plotted data (CSV)",
    "csv_x": "x",
    "csv_f": "{label}: f(x)",
    "csv_df": "{label}: f'(x)",
    "export_note": "The CSV holds the numbers of the charts of f(x) and f′(x) (x, then f "
                   "and f′ of each curve at the parameters set in the sidebar). For a PNG, use "
                   "the camera icon on a chart.",
    "export_note_touch": "The CSV holds the numbers of the charts of f(x) and f′(x) (x, then "
                         "f and f′ of each curve at the parameters set in the menu, » at the top "
                         "left).",
    # details
    "details_header": "Formulas, properties and code",
    "formula": "Formula",
    "derivative": "Derivative",
    "property": "Property",
    "prop_range": "Range",
    "prop_mean": "Mean output, z ~ N(0, 1)",
    "prop_monotonic": "Monotonic",
    "prop_smooth": "Smooth (every derivative continuous)",
    # ELU (alpha = 1), CELU, Softsign: f' is continuous, f'' jumps at 0
    "smooth_once": "no: f′ has no kink, but f″ jumps at 0",
    "prop_saturates": "Saturates",
    "prop_kinks": "Kinks (not differentiable at)",
    "prop_jumps": "Jumps (discontinuous at)",
    "prop_max_slope": "Largest |f′| on this range",
    "prop_cost": "Cost per element",
    "at": "{value} at {where}",
    "none": "none",
    "saturates_both": "on both sides",
    "saturates_negative": "for large negative x",
    "saturates_positive": "for large positive x",
    "saturates_none": "no",
    "cost_cheap": "cheap (comparisons and products)",
    "cost_exp": "needs exp",
    "cost_erf": "needs erf (or its tanh approximation)",
    "mean_near": "{value} (near 0)",
    "mean_off": "{value} (not near 0)",
    "mean_none": "no value: the integral does not converge numerically (f grows too fast, "
                 "blows up, or is undefined somewhere)",
    "props_note": "Mean output: the average of f(z) for inputs z drawn from N(0, 1), "
                  "integrated numerically at the current parameters; “near 0” means under a "
                  "tenth of the outputs' typical size √E[f(z)²]. Every row follows the current "
                  "parameters; the range is written in the formula's symbols (α, λ, t, …).",
    # under the properties of the activations in the page's ACT_NOTES; {threshold} and {value}
    # are the current parameters
    "act_note_threshold": "The lecture notes say Threshold “cannot backpropagate a gradient”. "
                          "The slope chart shows otherwise: f′ = 1 above the threshold "
                          "(x > {threshold}), so gradients flow there; only at or below it is "
                          "f′ = 0. The claim fits the binary step neurons of the 1960s and 70s "
                          "(the Heaviside step, also in this explorer), whose slope is 0 "
                          "everywhere.",
    "code_numpy": "NumPy (import numpy as np, scipy.special)",
    "code_torch": "PyTorch (import torch, torch.nn.functional)",
    "reference": "Reference: {ref}",
    # parameter help (the registry's Param.help, translated)
    "phelp_identity_c": 'slope of the line h(x) = c x',
    "phelp_leaky_relu_negative_slope": 'slope for x < 0',
    "phelp_prelu_a": 'slope for x < 0; learned in a network, so any number (a = −1 gives |x|)',
    "phelp_rrelu_lower": 'smallest random slope for x < 0',
    "phelp_rrelu_upper": 'largest random slope for x < 0',
    "phelp_elu_alpha": 'negative saturation value is -alpha',
    "phelp_celu_alpha": 'negative saturation value is -alpha',
    "phelp_gelu_approximate": "'none' is exact; 'tanh' the fast approximation",
    "phelp_softplus_beta": 'sharpness; large beta approaches ReLU',
    "phelp_softplus_threshold": 'above beta*x > threshold it returns x',
    "phelp_hardtanh_min_val": 'lower clip value',
    "phelp_hardtanh_max_val": 'upper clip value',
    "phelp_threshold_threshold": 'inputs at or below it are replaced',
    "phelp_threshold_value": 'replacement value',
    "phelp_softshrink_lambd": 'half-width of the zero band',
    "phelp_hardshrink_lambd": 'half-width of the zero band',
}

KO = {
    "alt_f": "x가 {x0}부터 {x1}까지일 때 f(x)의 선 그래프: {names}.",
    "alt_df": "x가 {x0}부터 {x1}까지일 때 기울기 f′(x)의 선 그래프: {names}.",
    "alt_sweep": "{label}의 {param}이(가) {lo}부터 {hi}까지 바뀔 때 움직이는 f(x)와 f′(x)의 선 그래프, 재생 버튼과 슬라이더.",
    "alt_scale": "k = {k}일 때 f(x)와 f(kx)/k의 선 그래프: {names}.",
    "alt_diff": "x가 {x0}부터 {x1}까지일 때 각 함수가 {b}와(과) 얼마나 다른지 f와 f′에서 보여 주는 선 그래프.",
    "title": "곡선과 도함수",
    "intro": "활성화 함수 f와 그 기울기 f′을 같은 x축에서 비교합니다.",
    "more": "사이드바에서 곡선을 고르고 매개변수를 정한 뒤, f와 기울기 f′을 나란히 비교해 "
            "보세요. 각 차트 아래쪽의 색 띠는 곡선의 |f′|이 0.01보다 작은 구간(역전파되는 기울기가 "
            "거의 사라지는 곳)이고, 빨간 구간은 f′이 정확히 0인 곳입니다. *매개변수 "
            "애니메이션*은 매개변수 하나를 브라우저에서 범위 전체로 움직여 보여 줍니다. 지금 "
            "보이는 화면 전체가 페이지 링크에 담겨 있으니, 링크를 복사해 그대로 공유할 수 "
            "있습니다.",
    "more_touch": "메뉴(왼쪽 위의 »)에서 곡선을 고르고 매개변수를 정한 뒤, f와 기울기 f′을 위아래로 "
                  "비교해 보세요. 각 차트 아래쪽의 색 띠는 곡선의 |f′|이 0.01보다 작은 "
                  "구간(역전파되는 기울기가 거의 사라지는 곳)이고, 빨간 구간은 f′이 정확히 0인 "
                  "곳입니다. *매개변수 애니메이션*은 매개변수 하나를 브라우저에서 범위 전체로 "
                  "움직여 보여 줍니다. 지금 보이는 화면 전체가 페이지 링크에 담겨 있으니, "
                  "링크를 복사해 그대로 공유할 수 있습니다.",
    "menu_touch": "곡선과 매개변수, x 범위는 메뉴에 있습니다: 왼쪽 위의 ».",
    "sweep": "매개변수 애니메이션",
    "sweep_off": "애니메이션 없음",
    "sweep_help": "그 매개변수를 가진 첫 번째 곡선의 매개변수를 범위 전체로 움직이며 f와 f′을 "
                  "함께 보여 줍니다(Softplus의 β가 0.5에서 20으로 커지면 ReLU가 됩니다). "
                  "차트 아래의 재생 버튼을 누르거나 슬라이더를 끌어 보세요.",
    "sweep_name": "{label}, {param} 변화",
    "sweep_caption": "눈여겨볼 점: {param} 값이 움직이면 {label}의 f와 f′이 함께 바뀝니다. "
                     "나머지 곡선은 비교를 위해 그대로 있습니다.",
    "sweep_no_overlays": "매개변수 애니메이션 중에는 띠와 음영 구간을 그리지 않습니다. "
                         "보려면 “애니메이션 없음”을 고르세요.",
    "play": "재생",
    "pause": "일시 정지",
    "yzoom": "f를 [−1.5, 1.5]로 확대",
    "yzoom_help": "f의 y축을 −1.5 … 1.5로 고정해, 계속 커지는 곡선 때문에 sigmoid와 tanh가 "
                  "얇은 띠로 눌리지 않게 합니다.",
    "lane_note": "아래쪽 띠(곡선마다 그 색): |f′| < 0.01",
    "notice_header": "**눈여겨볼 점**",
    "notice_header_at": "곡선에 정한 값 {param} = {value}에서 **눈여겨볼 점** (애니메이션의 다른 "
                        "장면에서는 다를 수 있습니다)",
    "notice_saturate_both": "양쪽 모두 포화: {names}. 0에서 멀어지면 |f′|이 0.01 아래로 "
                            "떨어져, 그곳에서는 역전파되는 기울기가 소실됩니다.",
    "notice_saturate_negative": "음수 쪽만 포화: {names}. 왼쪽 멀리에서는 평평하고, x > 0에서는 "
                                "기울기가 남아 있습니다.",
    "notice_saturate_positive": "양수 쪽만 포화: {names}. 오른쪽 멀리에서는 평평하고, x < 0에서는 "
                                "기울기가 남아 있습니다.",
    "notice_saturate_beyond": "이 범위 밖에서 포화: {names}. 여기서는 기울기가 0.01보다 커서 띠가 "
                              "없습니다. x 범위를 넓히면 평평해지는 곳이 보입니다.",
    "notice_unbounded": "포화하지 않음: {names}. 0에서 멀어져도 양쪽 모두 f′이 0으로 가지 "
                        "않아, 그곳에서 기울기가 소실되지 않습니다.",
    "notice_mean_near_zero": "입력이 z ~ N(0, 1)일 때 출력 평균이 0에 가까움: {names}. 다음 층은 "
                             "양수와 음수 입력을 모두 받습니다.",
    "notice_mean_off_zero": "입력이 z ~ N(0, 1)일 때 출력 평균이 0에서 떨어져 있음(출력이 한쪽 "
                            "부호로 치우침): {names}.",
    "notice_dead": "죽은 구간(이 범위의 일부에서 f′이 정확히 0이라 기울기가 전혀 흐르지 "
                   "않음): {names}.",
    "notice_kinks": "이 범위에 꺾인 점이 있음(기울기가 갑자기 바뀜): {names}.",
    "notice_jumps": "이 범위에 끊긴 점이 있음(f 자체가 끊겨 그곳에서는 기울기가 없음): {names}.",
    "notice_smooth": "꺾인 점도 끊긴 점도 없음: 그려진 곡선이 모두 이 범위에서 매끄럽습니다.",
    "pytorch_doc": "PyTorch 문서: [{name}]({url})",
    "diff_panel_f": "f의 차이",
    "diff_panel_df": "f′의 차이",
    "label_curve": "{label} ({params})",
    "label_param": "{name}={value}",
    "label_params": "{a}, {b}",
    "pname_c": "c",
    "pname_negative_slope": "음수 쪽 기울기",
    "pname_a": "a",
    "pname_lower": "하한",
    "pname_upper": "상한",
    "pname_alpha": "α",
    "pname_approximate": "근사 방식",
    "pname_beta": "β",
    "pname_threshold": "임계값",
    "pname_min_val": "최솟값",
    "pname_max_val": "최댓값",
    "pname_value": "대체값",
    "pname_lambd": "λ",
    "choice_approximate_none": "정확한 식",
    "choice_approximate_tanh": "tanh 근사",
    "preset": "대표적인 비교",
    "preset_placeholder": "비교를 고르세요…",
    "preset_basics": "Sigmoid, tanh, ReLU (기본 화면)",
    "preset_sigmoid_tanh": "Sigmoid와 tanh의 기울기",
    "preset_dead": "ReLU와 LeakyReLU: 죽은 구간",
    "preset_leaky": "LeakyReLU: 기울기 0.01과 0.2",
    "preset_softplus": "Softplus beta 1, 10과 ReLU",
    "preset_gelu": "GELU: 정확한 식과 tanh 근사",
    "preset_elu": "ELU, SELU와 ReLU",
    "preset_scale": "스케일 등변성: ReLU 계열과 sigmoid",
    "preset_rrelu": "RReLU: 학습 때의 무작위 기울기와 평가 때의 직선",
    "preset_step": "계단 함수와 sigmoid",
    "note_basics": "Sigmoid와 tanh는 양쪽 끝에서 평평해집니다. 차트 아래쪽에 각 곡선의 띠가 "
                   "그어진 구간에서는 |f′|이 0.01보다 작아, 역전파되는 기울기가 소실됩니다. ReLU의 "
                   "도함수는 x > 0이면 언제나 1이고, x < 0이면 0입니다(띠가 왼쪽 절반 전체에 "
                   "그어집니다).",
    "note_sigmoid_tanh": "tanh(x) = 2σ(2x) − 1이므로 모양은 같은 S자이고 늘여 놓은 것뿐입니다. "
                         "기울기의 최댓값은 sigmoid가 0.25, tanh가 1이고, tanh는 출력의 평균이 "
                         "0이라(입력이 z ~ N(0, 1)일 때 sigmoid는 0.5) 보통 더 빨리 학습됩니다.",
    "note_dead": "x < 0에서 ReLU의 도함수는 정확히 0입니다(빨간 구간). 입력이 계속 음수인 "
                 "뉴런은 기울기를 전혀 받지 못해 학습을 멈추는데, 이를 'dying ReLU'라고 합니다. "
                 "LeakyReLU는 이 구간에도 작은 f′을 남겨 두어 기울기가 늘 조금은 전달됩니다.",
    "note_leaky": "두 곡선 모두 LeakyReLU이고 음수 쪽 기울기만 다릅니다. 0.01이면 음수 쪽이 "
                  "평평해 보이지만 기울기(두 번째 차트)는 0이 아니라 0.01입니다. 0.2이면 "
                  "눈으로도 뚜렷하게 보입니다.",
    "note_softplus": "Softplus는 ReLU를 부드럽게 만든 함수입니다. beta가 1에서 10으로 커지면 "
                     "곡선이 ReLU에 바짝 붙고, 기울기 σ(βx)도 ReLU의 계단 모양으로 날카로워집니다.",
    "note_gelu": "GELU의 tanh 근사는 정확한 식 x·Φ(x)와 거의 구별되지 않습니다. 차이 차트에서 "
                 "그 차이가 얼마나 작은지 확인해 보세요.",
    "note_elu": "ELU와 SELU는 0 아래로 부드럽게 내려가 −α(SELU는 −λα)에서 평평해지므로, "
                "출력의 평균이 0 쪽으로 당겨집니다. 입력이 z ~ N(0, 1)일 때 평균은 0에서 멈추는 "
                "ReLU가 0.40인데 ELU는 0.16, SELU는 0입니다(SELU의 상수가 그렇게 정해졌습니다). "
                "SELU의 x > 0 쪽 기울기는 1이 아니라 λ ≈ 1.05입니다.",
    "note_scale": "스케일 등변성: ReLU와 LeakyReLU는 f(kx)/k가 원래 곡선과 완전히 같습니다"
                  "(점선이 실선 위에 겹칩니다). Sigmoid는 그렇지 않아, 입력의 크기를 바꾸면 "
                  "크기뿐 아니라 모양까지 달라집니다.",
    "note_rrelu": "학습할 때 RReLU는 음수 입력마다 기울기 a ~ U(lower, upper)를 무작위로 "
                  "뽑고(동그라미), 평가할 때는 그 평균 (lower + upper)/2를 씁니다(직선).",
    "note_step": "계단 함수는 도함수가 어디서나 0이고 0에서는 정의되지 않아, 경사 하강법이 "
                 "아무 신호도 얻지 못합니다. Sigmoid는 쓸 만한 기울기를 가진 부드러운 "
                 "대용품입니다.",
    "curves_header": "곡선",
    "curve_n": "곡선 {n}",
    "remove": "삭제",
    "add": "곡선 추가",
    "add_placeholder": "함수를 고르세요…",
    "range_header": "x 범위",
    "xmin": "x 최솟값",
    "xmax": "x 최댓값",
    "points": "점 개수",
    "points_help": "곡선마다 계산할 점의 수로, 11에서 5,000 사이입니다. 눈으로 보기에는 801이면 "
                   "충분합니다.",
    "overlays_header": "겹쳐 보기",
    "sat": "|f′| < 0.01 구간에 띠 표시",
    "sat_help": "|f′|이 0.01보다 작은 구간을 두 차트 아래쪽에 곡선의 색으로 띠를 그어 "
                "표시합니다. 그곳에서는 함수를 거치는 기울기가 거의 사라집니다(포화).",
    "dead": "f′ = 0 구간 음영 (죽은 구간)",
    "dead_help": "f′이 정확히 0인 곳에서는 기울기가 전혀 흐르지 않습니다. 예: x < 0의 ReLU.",
    "scale": "입력 스케일: f(kx)/k",
    "scale_help": "f(x) 옆에 f(kx)/k를 그립니다. 스케일 등변 함수(ReLU, LeakyReLU, PReLU)에서는 "
                  "두 곡선이 겹칩니다.",
    "k": "k (입력 배율)",
    "k_help": "입력에 k를 곱하고 출력을 k로 나눕니다. k = 100이면 부드럽게 휘는 부분"
              "(Softplus, GELU)이 100배 좁아져 ReLU의 hard kink처럼 보이고, k = 0.01이면 "
              "100배 넓어져 완만한 볼록 곡선이 됩니다. ReLU 자체는 어떤 k에서도 그대로입니다.",
    "k_snapped": "링크의 k가 슬라이더의 눈금에 없어 가장 가까운 눈금 {value}(으)로 "
                 "보여 줍니다.",
    "diff": "곡선 1과의 차이",
    "diff_help": "각 곡선에서 첫 번째 곡선을 뺀 값(f와 f′)을 따로 그린 차트에 보여 줍니다.",
    "train": "RReLU 학습 모드 표본",
    "train_help": "RReLU의 학습 모드를 보여 줍니다. 음수 입력마다 기울기를 무작위로 하나씩 "
                  "뽑습니다.",
    "stray_params": "링크에 이 페이지의 어떤 곡선에도 속하지 않는 매개변수가 있어 무시했습니다.",
    "too_many": "링크에 곡선이 {max}개보다 많아 앞의 {max}개만 보여 줍니다.",
    "grid_range": "x 범위는 ±10,000 안이어야 합니다. −6에서 6까지 보여 줍니다.",
    "grid_order": "x 최솟값은 x 최댓값보다 작아야 합니다. −6에서 6까지 보여 줍니다.",
    "grid_points": "점 개수는 11에서 5,000 사이의 정수여야 합니다. 801을 씁니다.",
    "bad_params": "{label}: 매개변수 값들이 서로 맞지 않습니다(슬라이더의 조건을 확인하세요). "
                  "기본값으로 그립니다.",
    "x": "x",
    "hover_f": "f(x)",
    "hover_df": "f′(x)",
    "hover_undefined": "정의되지 않음(불연속)",
    "f_title": "함수 f(x)",
    "f_axis": "f(x)",
    "f_caption": "마우스를 올리면 모든 곡선의 x, f(x), f′(x)를 읽을 수 있고, 카메라 "
                 "아이콘으로 PNG를 저장할 수 있습니다.",
    "f_caption_touch": "차트를 누르면 모든 곡선의 x, f(x), f′(x)를 읽을 수 있습니다.",
    "df_title": "기울기 f′(x)",
    "df_axis": "f′(x)",
    "threshold": "|f′| = 0.01",
    "faint": "f′ = {value}",
    "df_caption": "눈여겨볼 점: 역전파는 층마다 이 f′을 곱하므로, f′이 아주 작은 곳에서는 "
                  "기울기가 소실됩니다. 이 x 범위에서 |f′| < 0.01인 비율: {shares}.",
    "dead_note": "{label}: f′ = 0",
    "train_name": "{label}, 학습 모드 표본",
    "scale_title": "k = {k}일 때의 f(x)와 f(kx)/k",
    "scaled_name": "{label}: f({k}x)/{k}",
    "scale_caption": "눈여겨볼 점: 점선 f({k}x)/{k}가 실선 f(x)와 겹치면 그 함수는 스케일 "
                     "등변입니다. 이 범위에서 가장 큰 차이: {gaps}.",
    "diff_title": "{b}와(과)의 차이",
    "diff_axis": "차이",
    "diff_f": "{a} − {b}: f",
    "diff_df": "{a} − {b}: f′",
    "diff_caption": "눈여겨볼 점: {b}와(과)의 차이가 얼마나 큰지 보세요(왼쪽: f, 오른쪽: f′). "
                    "이 범위에서 f 차이의 최댓값: {gaps}.",
    "csv": "그려진 데이터 내려받기 (CSV)",
    "csv_x": "x",
    "csv_f": "{label}: f(x)",
    "csv_df": "{label}: f'(x)",
    "export_note": "CSV에는 f(x)와 f′(x) 차트의 숫자가 들어 있습니다(x, 그리고 곡선마다 사이드바에서 "
                   "정한 매개변수의 f와 f′). PNG는 차트의 카메라 아이콘으로 저장하세요.",
    "export_note_touch": "CSV에는 f(x)와 f′(x) 차트의 숫자가 들어 있습니다(x, 그리고 곡선마다 "
                         "메뉴(왼쪽 위의 »)에서 정한 매개변수의 f와 f′).",
    "details_header": "수식, 성질, 코드",
    "formula": "수식",
    "derivative": "도함수",
    "property": "성질",
    "prop_range": "치역",
    "prop_mean": "출력 평균, z ~ N(0, 1)",
    "prop_monotonic": "단조 증가",
    "prop_smooth": "매끄러움 (모든 도함수가 연속)",
    "smooth_once": "아니오: f′는 꺾이지 않지만 0에서 f″가 끊깁니다",
    "prop_saturates": "포화",
    "prop_kinks": "꺾인 점 (미분 불가능한 곳)",
    "prop_jumps": "끊긴 점 (불연속인 곳)",
    "prop_max_slope": "이 범위에서 가장 큰 |f′|",
    "prop_cost": "원소당 계산 비용",
    "at": "{where}에서 {value}",
    "none": "없음",
    "saturates_both": "양쪽 모두",
    "saturates_negative": "x가 큰 음수일 때",
    "saturates_positive": "x가 큰 양수일 때",
    "saturates_none": "아니오",
    "cost_cheap": "저렴함 (비교와 곱셈)",
    "cost_exp": "exp 필요",
    "cost_erf": "erf 필요 (또는 tanh 근사)",
    "mean_near": "{value} (0에 가까움)",
    "mean_off": "{value} (0에 가깝지 않음)",
    "mean_none": "값 없음: 수치 적분이 수렴하지 않습니다 (f가 너무 빨리 커지거나, 무한대로 "
                 "발산하는 점이 있거나, 정의되지 않는 곳이 있음)",
    "props_note": "출력 평균: 입력 z를 N(0, 1)에서 뽑을 때 f(z)의 평균으로, 현재 매개변수에서 "
                  "수치 적분으로 구합니다. “0에 가까움”은 평균의 크기가 출력의 전형적인 크기 "
                  "√E[f(z)²]의 10분의 1보다 작다는 뜻입니다. 모든 항목은 현재 매개변수를 따르고, "
                  "치역은 수식의 기호(α, λ, t, …)로 적습니다.",
    "act_note_threshold": "강의 노트에는 Threshold가 “경사를 역전파할 수 없다”고 되어 있지만, "
                          "기울기 차트는 다릅니다. 임계값보다 큰 곳(x > {threshold})에서는 "
                          "f′ = 1이라 기울기가 흐르고, 임계값 이하에서만 f′ = 0입니다. 노트의 "
                          "설명은 60~70년대 이진 뉴런의 계단 함수(Heaviside, 이 탐색기에도 "
                          "있음)에 맞는 말로, 그 함수는 기울기가 어디서나 0입니다.",
    "code_numpy": "NumPy (import numpy as np, scipy.special)",
    "code_torch": "PyTorch (import torch, torch.nn.functional)",
    "reference": "참고: {ref}",
    # parameter help (the registry's Param.help, translated)
    "phelp_identity_c": '직선 h(x) = c x의 기울기',
    "phelp_leaky_relu_negative_slope": 'x < 0에서의 기울기',
    "phelp_prelu_a": 'x < 0에서의 기울기. 신경망에서는 학습되므로 어떤 수든 될 수 있음(a = −1이면 |x|)',
    "phelp_rrelu_lower": 'x < 0에서 무작위 기울기의 최솟값',
    "phelp_rrelu_upper": 'x < 0에서 무작위 기울기의 최댓값',
    "phelp_elu_alpha": '음의 포화값은 -alpha',
    "phelp_celu_alpha": '음의 포화값은 -alpha',
    "phelp_gelu_approximate": "'none'은 정확한 식, 'tanh'는 빠른 근사",
    "phelp_softplus_beta": '날카로움. beta가 크면 ReLU에 가까워짐',
    "phelp_softplus_threshold": 'beta*x > threshold이면 x를 그대로 반환',
    "phelp_hardtanh_min_val": '아래쪽 자르기 값',
    "phelp_hardtanh_max_val": '위쪽 자르기 값',
    "phelp_threshold_threshold": '이 값 이하의 입력은 대체됨',
    "phelp_threshold_value": '대체할 값',
    "phelp_softshrink_lambd": '0으로 만드는 구간의 반폭',
    "phelp_hardshrink_lambd": '0으로 만드는 구간의 반폭',
}

"""Home page text."""

EN = {
    "alt_gallery": "{n} small charts, one for each activation function: f(x) as a solid line and "
                   "its derivative f′(x) dotted, for x from −4 to 4.",
    "title": "Activation Explorer",
    "intro": (
        "An activation function turns a neuron's weighted input sum into its output. Without "
        "one, stacking layers buys nothing: with h(x) = c·x, three layers give h(h(h(x))) = c³·x, "
        "still a single linear map. This app lets you see what each nonlinearity does to a "
        "signal and to its gradient."
    ),
    "what_header": "What you can do here",
    "what_curves": "**Curves and derivatives**: draw any activation with its derivative, "
                   "change its parameters, and see where the gradient vanishes or dies.",
    "what_gradient_flow": "**Gradient flow**: stack layers and watch gradients vanish, explode, "
                     "or survive, layer by layer, under different initialisations.",
    "what_softmax": "**Softmax and cross-entropy**: temperature, argmax vs soft argmax, "
                    "losses and their gradients.",
    "what_training": "**Training lab**: why XOR needs a hidden nonlinearity, why sigmoid "
                     "zig-zags, and how eight optimizers race.",
    "what_playground": "**Playground**: watch a small network learn, each hidden unit drawn as "
                       "a picture of what it computes; your own data, layers and activations.",
    "what_tour": "**Guided tour**: {steps} steps through the claims of the lecture notes, each "
                 "on its page with what to notice.",
    "gallery_header": "Every activation at a glance",
    "gallery_caption": (
        "Solid: f(x). Dotted: its derivative f′(x), on x from −4 to 4 at default parameters. "
        "Where the dotted line lies flat at 0, learning stalls: the gradient passed back is ~0."
    ),
    "f": "f(x)",
    "df": "f′(x)",
    "explore_header": "Open one in the explorer",
    "count": "{n} activation functions, with their PyTorch definitions.",
}

KO = {
    "alt_gallery": "활성화 함수마다 하나씩 작은 그래프 {n}개: 실선은 f(x), 점선은 도함수 f′(x)이고 x는 −4부터 4까지입니다.",
    "title": "활성화 함수 탐색기",
    "intro": (
        "활성화 함수는 뉴런에 들어온 가중합을 출력 신호로 바꾸는 함수입니다. 활성화 함수가 "
        "선형이면 층을 쌓아도 소용이 없습니다. h(x) = c·x라면 세 층은 h(h(h(x))) = c³·x로, "
        "여전히 하나의 선형 변환입니다. 이 앱에서는 각 비선형 함수가 신호와 기울기에 무엇을 "
        "하는지 직접 볼 수 있습니다."
    ),
    "what_header": "여기서 할 수 있는 것",
    "what_curves": "**곡선과 도함수**: 활성화 함수와 그 도함수를 그리고, 매개변수를 바꾸며 "
                   "기울기가 사라지거나 죽는 구간을 확인합니다.",
    "what_gradient_flow": "**기울기 흐름**: 층을 쌓고 초기화 방법을 바꾸며 기울기가 층마다 "
                     "소실되는지, 폭주하는지, 살아남는지 봅니다.",
    "what_softmax": "**Softmax와 교차 엔트로피**: 온도, argmax와 soft argmax, 손실 함수와 "
                    "그 기울기.",
    "what_training": "**학습 실험실**: XOR에 은닉층의 비선형성이 필요한 이유, sigmoid가 "
                     "지그재그로 수렴하는 이유, 여덟 가지 옵티마이저의 경주.",
    "what_playground": "**플레이그라운드**: 작은 신경망이 학습하는 모습을 지켜봅니다. 은닉 유닛마다 "
                       "무엇을 계산하는지 그림으로 보여 주고, 데이터와 층과 활성화 함수를 직접 고릅니다.",
    "what_tour": "**둘러보기**: 강의 노트의 주장 {steps}가지를 단계별로, 각 단계의 페이지에서 "
                 "눈여겨볼 점과 함께 살펴봅니다.",
    "gallery_header": "모든 활성화 함수 한눈에 보기",
    "gallery_caption": (
        "실선: f(x). 점선: 도함수 f′(x). x는 −4에서 4까지, 매개변수는 기본값입니다. "
        "점선이 평평하게 0인 구간에서는 역전파되는 기울기가 거의 0이라 학습이 멈춥니다."
    ),
    "f": "f(x)",
    "df": "f′(x)",
    "explore_header": "탐색기에서 열기",
    "count": "활성화 함수 {n}개, 모두 PyTorch의 정의를 따릅니다.",
}

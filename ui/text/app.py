"""Navigation titles and the shared frame's text."""

EN = {
    "home": "Home",
    "curves": "Curves & derivatives",
    "gradient_flow": "Gradient flow",
    "softmax": "Softmax & losses",
    "training": "Training lab",
    "playground": "Playground",
    "tour": "Guided tour",
    "tagline": "Activation functions, their derivatives, and what they do to learning.",
}

KO = {
    "home": "홈",
    "curves": "곡선과 도함수",
    "gradient_flow": "기울기 흐름",
    "softmax": "Softmax와 손실 함수",
    "training": "학습 실험실",
    "playground": "플레이그라운드",
    "tour": "둘러보기",
    "tagline": "활성화 함수와 그 도함수, 그리고 학습에 미치는 영향.",
}

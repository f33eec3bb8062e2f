"""Input features of the playground's network: what it sees of a point (x1, x2).

TensorFlow Playground's seven: x1, x2, their squares, their product and their sines. A
network fed x1² and x2² separates the circles with one straight cut in those features, which
is the lesson: good features can replace hidden layers.

>>> transform(np.array([[2.0, 3.0]]), ("x1", "x1x2", "x2_sq"))
array([[2., 6., 9.]])
"""

from __future__ import annotations

import numpy as np

__all__ = ["FEATURES", "LABELS", "DEFAULT", "check", "transform"]

# code name (in URLs) -> the function of the points X (n, 2), giving (n,)
FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1_sq": lambda X: X[:, 0] ** 2,
    "x2_sq": lambda X: X[:, 1] ** 2,
    "x1x2": lambda X: X[:, 0] * X[:, 1],
    "sin_x1": lambda X: np.sin(X[:, 0]),
    "sin_x2": lambda X: np.sin(X[:, 1]),
}
# What people read: mathematics, the same in every language (also in hover formulas).
LABELS = {
    "x1": "x₁", "x2": "x₂", "x1_sq": "x₁²", "x2_sq": "x₂²", "x1x2": "x₁x₂",
    "sin_x1": "sin x₁", "sin_x2": "sin x₂",
}
DEFAULT = ("x1", "x2")


def check(features) -> tuple[str, ...]:
    """``features`` as a tuple of distinct known names, in `FEATURES` order; ValueError
    for an empty, unknown or repeated one."""
    if isinstance(features, str):
        features = (features,)
    try:
        chosen = tuple(features)
    except TypeError:
        raise ValueError(f"features must be a sequence of names, got {features!r}") from None
    unknown = [f for f in chosen if not isinstance(f, str) or f not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown!r}; choose from {list(FEATURES)}")
    if not chosen or len(set(chosen)) != len(chosen):
        raise ValueError(f"features must be one or more distinct names, got {chosen!r}")
    return tuple(f for f in FEATURES if f in chosen)


def transform(X, features=DEFAULT) -> np.ndarray:
    """The feature matrix (n, len(features)) of the points ``X`` (n, 2), float64."""
    X = np.asarray(X, dtype=np.float64)
    return np.column_stack([FEATURES[f](X) for f in check(features)])

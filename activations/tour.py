"""The guided tour: every claim of the source notes as one step, a page in a given state.

Pure data (no Streamlit): each :class:`Step` names a page (its ``url_path`` in the app's
navigation) and the query parameters that put the page into the state the caption talks
about. A step's link is ``<page>?<params>``, so a lecturer can paste it into slides; the
caption itself lives in the text catalog ``ui/text/tour.py`` under ``<id>`` (a title) and
``<id>_caption`` (one or two sentences on what to notice).

The parameters are the ones each page documents in its module docstring, written the way
the page's bound widgets write them (``true``, ``0.2``, repeated keys as tuples).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from activations import gradflow


@dataclass(frozen=True)
class Step:
    """One stop of the tour.

    ``params`` maps a URL key to its value, or to a tuple of values for a repeated key
    (``fn=relu&fn=tanh``). Keys and values are plain strings, exactly as in the link.
    """

    id: str  # also the catalog key of the title; ``<id>_caption`` is the caption
    page: str  # the page's url_path: "curves", "gradient_flow", "softmax", "training"
    params: dict[str, str | tuple[str, ...]]

    def query(self) -> str:
        """The query string, repeated keys kept in order: ``fn=a&fn=b&xmin=-3``."""
        return urlencode(self.pairs())

    def pairs(self) -> list[tuple[str, str]]:
        out = []
        for key, value in self.params.items():
            values = value if isinstance(value, tuple) else (value,)
            out += [(key, v) for v in values]
        return out

    def link(self) -> str:
        """The step's relative link, e.g. ``curves?fn=sigmoid``."""
        return f"{self.page}?{self.query()}" if self.params else self.page


def _one_or_all(values: tuple[str, ...]) -> str | tuple[str, ...]:
    return values[0] if len(values) == 1 else values


def _preset(name: str, step_id: str | None = None) -> Step:
    """A gradient-flow step that opens one of the page's presets (`gradflow.PRESETS`) by its
    link, so the page recognises it and tells the preset's story under the chart."""
    p = gradflow.PRESETS[name]
    params = {"act": _one_or_all(p.activations), "init": _one_or_all(p.inits),
              "depth": str(p.depth), "width": str(p.width), "batch": str(p.batch)}
    if p.bias:
        params["bias"] = f"{p.bias:g}"
    if p.normalization != "none":
        params["norm"] = p.normalization
    if p.residual:
        params["residual"] = "true"
    return Step(step_id or name, "gradient_flow", params)


STEPS: tuple[Step, ...] = (
    # Why a nonlinearity at all: stacked linear layers are one linear map, and XOR needs a bend.
    Step("linear_collapse", "training",
         {"tab": "compare", "dataset": "xor", "act": "tanh", "act_b": "identity", "layers": "3"}),
    Step("xor", "training", {"tab": "train", "dataset": "xor", "act": "tanh"}),
    # Sigmoid: f' peaks at 0.25, so a stack of them multiplies gradients by <= 0.25 per layer.
    Step("sigmoid_derivative", "curves", {"fn": "sigmoid"}),
    _preset("sigmoid_vanishing"),
    # Sigmoid outputs are all positive: every weight of a unit moves the same way (zig-zag).
    Step("zigzag", "training", {"tab": "zigzag"}),
    # tanh: zero-centred, but still saturates; Glorot init keeps it alive. The typed formula
    # 2σ(2x) − 1 lies on tanh and its slope on tanh′: the identity drawn, not only stated
    # (the notes' "2σ − 1" is tanh(x/2)).
    Step("tanh", "curves", {"fn": ("sigmoid", "tanh"), "expr": "2*sigmoid(2*x)-1"}),
    _preset("tanh_glorot"),
    # Hardtanh: slope exactly 1 or 0, so the weights' size decides (note 003: "works well
    # when the weights are small"): Xavier's keep the gradient, N(0, 1)'s and smaller don't.
    _preset("hardtanh_weights"),
    # ReLU: slope 1 keeps the gradient (with He init), but a unit with z < 0 has none: it dies.
    _preset("relu_he"),
    # LeakyReLU beside it at slope 0.1 (its default 0.01 lies on ReLU's 0 at this scale).
    Step("relu_dead", "curves",
         {"fn": ("relu", "leaky_relu"), "p1_negative_slope": "0.1", "xmin": "-3", "xmax": "3",
          "dead": "true"}),
    _preset("dying_relu"),
    # Or no bias at all, in a narrow network: a whole layer below zero cuts ReLU's gradient.
    _preset("narrow_relu"),
    # Units die while training too (note 002: a unit whose weighted sum turns negative
    # outputs only 0, "Dead ReLU"): at learning rate 10 plain SGD leaves 6 of ReLU's 8
    # below zero on every point for good; LeakyReLU's slope keeps all 8 learning.
    Step("dead_training", "training",
         {"tab": "compare", "dataset": "xor", "act": "relu", "act_b": "leaky_relu",
          "optimizer": "sgd", "auto_lr": "false", "lr": "10.0"}),
    # The fixes: a small slope for z < 0, fixed (Leaky), learned (PReLU) or random (RReLU).
    Step("leaky_family", "curves",
         {"fn": ("leaky_relu", "prelu", "rrelu"), "p0_negative_slope": "0.1", "xmin": "-3",
          "xmax": "3", "dead": "true"}),
    # ELU / SELU: negative outputs pull the mean toward zero; SELU keeps it there in depth.
    Step("elu_selu", "curves", {"fn": ("elu", "selu", "relu"), "xmin": "-5", "xmax": "3"}),
    _preset("selu_lecun", step_id="selu_deep"),
    # Softplus is a smooth ReLU: the sweep animates beta from 0.5 to 20, beside ReLU.
    Step("softplus", "curves",
         {"fn": ("softplus", "relu"), "xmin": "-3", "xmax": "3", "sweep": "beta"}),
    Step("scale", "curves",
         {"fn": ("relu", "leaky_relu", "sigmoid"), "p1_negative_slope": "0.2", "xmin": "-4",
          "xmax": "4", "scale": "true"}),
    Step("gelu", "curves",
         {"fn": ("gelu", "gelu"), "p1_approximate": "tanh", "xmin": "-4", "xmax": "4",
          "diff": "true"}),
    # Softmax: temperature moves it from (almost) one-hot to (almost) uniform.
    Step("temperature_low", "softmax", {"logits": "1,3,0,2", "T": "0.1"}),
    Step("temperature_high", "softmax", {"logits": "1,3,0,2", "T": "10"}),
    Step("soft_argmax", "softmax", {"logits": "2,1.9,0.5", "T": "1"}),
    Step("cross_entropy", "softmax", {"tab": "example"}),
    # The outlier in place (10 above its target): the metrics show MSE jump, MAE barely move.
    Step("mse_mae", "softmax", {"tab": "regression", "outlier": "10"}),
    # Optimizers on a ravine (the race's default surface): Momentum swings across and leads,
    # NAG damps the swing, the adaptive ones head diagonally, AdaDelta lags.
    Step("ravine", "training", {"tab": "race"}),
)

IDS: tuple[str, ...] = tuple(s.id for s in STEPS)
_BY_ID = {s.id: s for s in STEPS}


def step(step_id: str) -> Step:
    """The step called ``step_id`` (KeyError for an unknown id)."""
    return _BY_ID[step_id]


def neighbours(step_id: str) -> tuple[str | None, str | None]:
    """The ids before and after ``step_id`` (None at either end)."""
    i = IDS.index(step_id)
    return (IDS[i - 1] if i > 0 else None, IDS[i + 1] if i + 1 < len(IDS) else None)

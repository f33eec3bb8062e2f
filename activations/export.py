"""A trained playground network as a runnable PyTorch script.

`pytorch_script` writes an ``nn.Sequential`` of ``nn.Linear`` layers and activation modules,
loads the trained weights into it (float64, written exactly with ``repr``), and defines
``features(points)``, the input features the network was trained on, and ``predict(points)``,
the class probabilities. Run as a script it prints the predictions for a few points.

Activations come from the registry's own PyTorch call (``Activation.torch_code``), typed
formulas included (their code is generated from the parsed formula, never from the typed
text), each wrapped in a small ``nn.Module``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["TORCH_FEATURES", "pytorch_script"]

# feature name -> its torch expression of the columns x1, x2
TORCH_FEATURES = {
    "x1": "x1", "x2": "x2", "x1_sq": "x1 ** 2", "x2_sq": "x2 ** 2", "x1x2": "x1 * x2",
    "sin_x1": "torch.sin(x1)", "sin_x2": "torch.sin(x2)",
}

_HEADER = '''"""A network trained in Activation Explorer's playground.

Layout: {layout}; inputs: {inputs}; {classes} classes.
Needs PyTorch (pip install torch). Run: python {filename}
"""

import torch
from torch import nn

# The weights were trained in float64; constants inside activations follow this too.
torch.set_default_dtype(torch.float64)


class Activation(nn.Module):
    """An elementwise activation given as a function of the tensor x."""

    def __init__(self, name, fn):
        super().__init__()
        self.name, self.fn = name, fn

    def forward(self, x):
        return self.fn(x)

    def extra_repr(self):
        return self.name


def features(points):
    """The network's inputs for points of shape (n, 2): {inputs}."""
    x1, x2 = points[:, 0], points[:, 1]
    return torch.stack([{feature_code}], dim=1)


model = nn.Sequential(
{layers}
).double()

# (out_features, in_features) weight and (out_features,) bias of each nn.Linear
PARAMETERS = {parameters}

with torch.no_grad():
    linears = [m for m in model if isinstance(m, nn.Linear)]
    for layer, (weight, bias) in zip(linears, PARAMETERS):
        layer.weight.copy_(torch.tensor(weight, dtype=torch.float64))
        layer.bias.copy_(torch.tensor(bias, dtype=torch.float64))


def predict(points):
    """Class probabilities, shape (n, {classes}), for points of shape (n, 2)."""
    with torch.no_grad():
        logits = model(features(torch.as_tensor(points, dtype=torch.float64)))
        {probabilities}


if __name__ == "__main__":
    sample = {sample}
    print(model)
    for point, p in zip(sample, predict(sample).tolist()):
        print(point, "->", [round(v, 4) for v in p])
'''


def _nested(a) -> str:
    """A nested list literal of the array's values, each written exactly (``repr``)."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in a) + "]"
    return "[" + ", ".join(_nested(row) for row in a) + "]"


def pytorch_script(weights, biases, activations, features, *, sample=None,
                   filename="network.py") -> str:
    """The script's text.

    Args:
        weights, biases: the trained arrays, weights of shape (fan_in, fan_out) as in
            `training` (transposed here to torch's (out, in)).
        activations: one ``(act, params)`` per hidden layer, ``act`` with ``torch_code``
            (a registry `Activation` or a parsed formula) and ``name``.
        features: the input feature names, in the network's input order.
        sample: a few points (k, 2) printed with their predictions. Default: the corners
            of [-1, 1]^2.
    """
    if len(activations) != len(weights) - 1:
        raise ValueError(f"{len(activations)} activations for {len(weights) - 1} hidden layers")
    sizes = [np.asarray(weights[0]).shape[0], *(np.asarray(w).shape[1] for w in weights)]
    lines = []
    for k, (w, b) in enumerate(zip(weights, biases)):
        fan_in, fan_out = np.asarray(w).shape
        lines.append(f"    nn.Linear({fan_in}, {fan_out}),")
        if k < len(activations):
            act, params = activations[k]
            code = act.torch_code(**params)
            lines.append(f"    Activation({getattr(act, 'name', 'custom')!r}, "
                         f"lambda x: {code}),")
    params = "[\n" + "".join(
        f"    ({_nested(np.asarray(w).T)},\n     {_nested(b)}),\n"
        for w, b in zip(weights, biases)) + "]"
    classes = 2 if sizes[-1] == 1 else sizes[-1]
    if sizes[-1] == 1:
        probs = "p = torch.sigmoid(logits[:, 0])\n        return torch.stack([1 - p, p], dim=1)"
    else:
        probs = "return torch.softmax(logits, dim=1)"
    sample = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]]) \
        if sample is None else np.asarray(sample, dtype=np.float64)
    return _HEADER.format(
        layout="-".join(map(str, sizes)), inputs=", ".join(features), classes=classes,
        filename=filename, feature_code=", ".join(TORCH_FEATURES[f] for f in features),
        layers="\n".join(lines), parameters=params, probabilities=probs,
        sample=_nested(sample),
    )

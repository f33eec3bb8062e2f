"""Activation Explorer's library: activations, softmax and losses, initialisation,
gradient-flow simulation, optimizers, training and Plotly figure builders.

Pure NumPy / SciPy / Plotly; nothing here imports streamlit.

>>> import activations
>>> act = activations.get("relu")
>>> act([-1.0, 2.0]), act.grad([-1.0, 2.0])
(array([0., 2.]), array([0., 1.]))

Submodules with names of their own: ``activations.losses``, ``activations.init``,
``activations.optim``, ``activations.surfaces``, ``activations.datasets``,
``activations.gradflow``.
"""

from . import datasets, gradflow, init, losses, optim, surfaces, training
from . import functions as _functions  # noqa: F401  (registers every activation)
from .functions import rrelu_sample
from .gradflow import simulate
from .training import train_mlp
from .registry import Activation, Param, Properties, get, names

# The vector functions are exported by name; `activations.softmax` is the function.
from .softmax import log_softmax, softmax, softmax_jacobian, softmin  # noqa: E402

__all__ = [
    "Activation", "Param", "Properties", "get", "names", "rrelu_sample",
    "softmax", "log_softmax", "softmin", "softmax_jacobian",
    "simulate", "train_mlp",
    "datasets", "gradflow", "init", "losses", "optim", "surfaces", "training",
]

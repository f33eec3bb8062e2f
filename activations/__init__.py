"""Activation Explorer's library: activations, softmax and losses, initialisation,
gradient-flow simulation, optimizers, training and Plotly figure builders.

Pure NumPy / SciPy / Plotly; nothing here imports streamlit.

>>> import activations
>>> act = activations.get("relu")
>>> act([-1.0, 2.0]), act.grad([-1.0, 2.0])
(array([0., 2.]), array([0., 1.]))
"""

from . import functions as _functions  # noqa: F401  (registers every activation)
from .functions import rrelu_sample
from .registry import Activation, Param, Properties, get, names

__all__ = ["Activation", "Param", "Properties", "get", "names", "rrelu_sample"]

"""The pages' cached computations, one section per page, made once per server process.

Why here and not in the page files: Streamlit re-executes a page script on every run, so
a ``@st.cache_data`` written there is applied again each time, and applying it reads and
tokenizes the function's source to key its cache: 1-2 ms per function per run, paid
while holding the interpreter lock that every other session waits for. A module is
imported once. The caches are the same; only the keying is no longer repeated.

`ui.memo` for what a page asks for on every run (figures kept by their view, sampled
curves, gradient-flow profiles, the gallery, data sets, training runs and the
playground's figure): one object shared by every session, keyed by a dict lookup (arrays
by a digest of their bytes) instead of Streamlit's hashing of every argument (about 0.5 ms
a call). ``cache_data`` would unpickle a copy on each hit (11 ms for a playground run, 4 ms
for the lab's); the Streamlit caches left here serve views off the default path. Shared
results are never changed by a page; `tests/test_sessions.py` checks it.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from activations import datasets, explore, gradflow, optim, training
from activations import features as feats
from activations import playground as pg
from activations.figures import gallery, network, softmax as softmax_figs
from activations.figures import training as training_figs
from activations.surfaces import SURFACES, run_optimizer
from ui import custom as formula_ui
from ui.gate import GATE
from ui.memo import Shared, digest, shared

TIME_LIMIT = 15.0  # seconds a training run may take: a guard for a busy server


def _formula_act(act, formula):
    """A registry name as it is, or the typed formula's activation and its parameters
    (the cache key holds the formula's text, not the unpicklable object)."""
    if act == formula_ui.CHOICE:
        return formula_ui.activation(formula[0]), dict(formula[1])
    return act, None


# ---------------------------------------------------------------- home

@shared(max_entries=8)
def gallery_figure(names: tuple[str, ...], f_label: str, df_label: str, present: bool,
                   columns: int = 5):
    """The 50-panel gallery: as costly to unpickle as to build, so kept as it is."""
    return gallery.gallery_figure(list(names), f_label, df_label, columns=columns,
                                  present=present)


# ---------------------------------------------------------------- any page

def kept(key: tuple | None, build):
    """``build()``, kept under ``key`` and shared by every session that asks with an equal
    key: a page's figure built from its view (names, numbers, toggles, the language),
    whose build and JSON then cost nothing on reruns and for the rest of the class. The
    key must name everything ``build`` reads; ``None`` (a view with a typed formula, say)
    builds every time."""
    return build() if key is None else _KEPT.get(key, build)


_KEPT = Shared(max_entries=256, name="kept")


# ---------------------------------------------------------------- curves
# Only the sampling is cached: the overlays (f(kx)/k, differences, RReLU draws) take well
# under a millisecond, less than a cached function's own cost per rerun.

@shared(max_entries=512)
def sampled(name: str, params: tuple, xmin: float, xmax: float, n: int) -> explore.Overview:
    """One curve sampled, with its zones and steepest slope."""
    return explore.overview(explore.Curve(name, params), explore.Grid(xmin, xmax, n))


@st.cache_data(show_spinner=False, max_entries=64)
def swept(curves: tuple, param: str, xmin: float, xmax: float, n: int):
    """The animation frames of one parameter (up to 51 samplings: worth keeping)."""
    return explore.sweep(curves, param, explore.Grid(xmin, xmax, n))


# ---------------------------------------------------------------- gradient flow

@shared(max_entries=64)
def gradflow_profile(act, init, depth, width, batch, seed, norm, residual, bias,
                     formula=("", ())):
    """``formula``: (text, params) of the typed formula when ``act`` is "custom". Shared,
    not copied: a profile is only read (unpickling one cost about 1 ms a run)."""
    act, params = _formula_act(act, formula)
    with GATE.aside():  # up to seconds for a deep, wide network: the others go on meanwhile
        return gradflow.profile(act, depth, width, batch, init=init, seed=seed, params=params,
                                normalization=norm, residual=residual, bias=bias)


# ---------------------------------------------------------------- softmax

@st.cache_resource(show_spinner=False, max_entries=64)
def softmax_figure(builder: str, *args, **kwargs):
    """``figures.softmax.<builder>(*args, **kwargs)`` (arguments are plain values or
    arrays); the figure is only read, as costly to unpickle as to build."""
    return getattr(softmax_figs, builder)(*args, **kwargs)


@shared(max_entries=64)
def temperature_animation(values: tuple, names: tuple, labels: tuple, present: bool,
                          stacked: bool = False):
    probs, _ = pg.temperature_sweep(values)
    title, y_title, frame_label, play, pause = labels
    return softmax_figs.temperature_animation(
        list(names), pg.TEMPERATURES, probs, title=title, y_title=y_title,
        frame_label=frame_label, play=play, pause=pause, present=present, stacked=stacked)


@st.cache_data(show_spinner=False, max_entries=4)
def binary_curves():
    zs = np.linspace(-10, 10, 201)
    return zs, pg.binary_curves(zs)


# ---------------------------------------------------------------- training lab

_LAB = Shared(max_entries=64, name="lab_run")


def lab_run(dataset, points, noise, hidden, act, optimizer, lr, steps, seed, progress_text,
            formula=("", ())):
    """One training run, shared under its arguments (the progress text aside). Only the
    run that trains it draws a progress bar, removed when done; a kept run draws nothing
    (Streamlit's cache replayed the bar's two messages on every hit)."""
    def build():
        activation, params = _formula_act(act, formula)
        bar = st.progress(0.0, text=progress_text)
        with GATE.aside():  # a training run takes seconds: the others go on meanwhile
            result = training.train_mlp(
                dataset, hidden=hidden, activation=activation, params=params,
                optimizer=optimizer, lr=lr, steps=steps, seed=seed, n=points, noise=noise,
                callback_every=max(1, steps // 20), time_limit=TIME_LIMIT,
                callback=lambda step, loss, acc: bar.progress(step / steps, text=progress_text),
            )
        bar.empty()
        return result
    return _LAB.get((dataset, points, noise, hidden, act, optimizer, lr, steps, seed, formula),
                    build)


@st.cache_data(show_spinner=False, max_entries=16)
def race(surface_name, steps):
    """Every optimizer's path, each with its own learning rate, from the surface's start."""
    with GATE.aside():
        return [run_optimizer(name, surface_name, steps) for name in optim.NAMES]


@st.cache_data(show_spinner=False, max_entries=16)
def race_figure(surface_name, steps, labels, texts, present, cut=0, stacked=False):
    """The animated race (building ~40 frames takes a few tenths of a second).
    ``cut``: the pixels the frame will take off its height (`ui.frame.height_cut`);
    ``stacked``: a phone's layout."""
    paths = race(surface_name, steps)
    return training_figs.race_figure(SURFACES[surface_name], list(zip(labels, paths)),
                                     **dict(texts), present=present, cut=cut, stacked=stacked)


# ---------------------------------------------------------------- playground

@shared(max_entries=64)
def dataset(name: str, points: int, noise: float, classes: int | None):
    """A built-in data set's ``(X, y)``, shared: drawing it again cost about 1 ms a run."""
    return datasets.load(name, n=points, noise=noise, seed=0, classes=classes)


def playground_activations(names, custom):
    """Per-layer activations for the library: registry names, or the typed formula."""
    pairs = [_formula_act(name, custom) for name in names]
    return [a for a, _ in pairs], [p for _, p in pairs]


def _by_content(X, y, *rest) -> tuple:
    """The key of a playground call: the data set by its contents, the rest as it is."""
    return (digest(X, y), *rest)


@shared(max_entries=48, key=_by_content)
def playground_run(X, y, config, chunks, custom):
    """The run of ``config`` trained for its steps, then for each of ``chunks`` more
    (cached on all of it: Continue after Continue resumes from the cached run, which
    `training.train_mlp` copies before going on)."""
    hidden, names, features, optimizer, lr, batch_size, l1, l2, test, seed, steps = config
    previous = playground_run(X, y, config, chunks[:-1], custom) if chunks else None
    more = chunks[-1] if chunks else steps
    acts, params = playground_activations(names, custom)
    with GATE.aside():  # a training run takes seconds: the others go on meanwhile
        return training.train_mlp(
            (X, y), hidden=hidden, activation=acts, params=params, optimizer=optimizer,
            lr=lr, steps=more, seed=seed, features=features, l1=l1, l2=l2,
            batch_size=batch_size, test_fraction=test, snapshot_every=max(1, more // 100),
            resume=previous, time_limit=TIME_LIMIT)


@shared(max_entries=24, key=_by_content)
def playground_figure(X, y, config, chunks, custom, texts, fn_names, start, present,
                      stacked=False):
    """The playground's figure: ~1 MB of frames, its JSON made once and kept on it."""
    result = playground_run(X, y, config, chunks, custom)
    labels = [feats.LABELS[f] for f in result.features]
    return network.network_figure(result, texts=texts, fn_names=fn_names,
                                  feature_labels=labels, start=start, present=present,
                                  stacked=stacked)

"""Training lab: why nonlinearity matters (XOR, linear collapse), the sigmoid zig-zag, and an
optimizer race. Reads widgets, calls `activations.training`, draws the figures.

``tab`` in a link (train, compare, zigzag, race) opens that tab; the other link parameters
are the widgets' keys (dataset, act, act_b, optimizer, lr, ...). The pickers show readable
names and keep the code names in the link (`ui.urlstate.follow`); the network settings sit
in the two tabs that train a network, the only ones that read them."""

from types import SimpleNamespace

import numpy as np
import streamlit as st

import activations
from activations import datasets, optim, training
from activations.numfmt import fmt_tex, fmt_text
from activations.figures import training as figs
from activations.surfaces import SURFACES
from ui.frame import (chart, compact_layout, fragment, height_cut, latex, lazy_tabs, on_phone,
                      page_link, presenting, require_app_frame, tab_rule)
from ui.i18n import lang, t, yes_no
from ui import cached, tourbar
from ui import custom as formula_ui
from ui.custom import label as act_label  # an activation's readable name
from ui import urlstate
from ui.urlstate import guard

require_app_frame()  # first: a fresh process may run a page without app.py

ACTS = tuple(activations.names())
DATASETS = tuple(datasets.DATASETS)
OPTIMIZERS = optim.NAMES
LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
RACE_SURFACES = tuple(SURFACES)
RACE_MAX_STEPS = 600
# The notes' families of optimizers: what each changes in plain SGD's step, the gradient
# (its direction, from past steps), the learning rate (each weight's step size, from past
# gradients' sizes) or both. The race's legend groups its runners by them.
FAMILY = dict(sgd="plain", momentum="gradient", nesterov="gradient", adagrad="rate",
              rmsprop="rate", adadelta="rate", adam="both", nadam="both")
# Presentation mode: the boundary and loss charts side by side, short enough that both fit
# on a 1280x720 projector under the title, the intro line, the tabs and the folded settings.
FIT_HEIGHT = 370
# ... and the Compare tab's two boundaries, under its one line of text and settings. Tall
# enough, too, that on the tour the loss chart under them starts below a 720 px screen
# rather than being cut by its edge (tests/browser/test_tour_walk.py).
COMPARE_HEIGHT = 416
# Off the projector: tall enough for a decision-boundary square of about 330 px (at the
# usual 380 it was 230 px, a third of a 1920 px screen's column). Not on a phone, whose
# width holds less than that: the square would leave the extra height empty.
BOUNDARY_HEIGHT = 470
MAX_SEED = 99
# A straight line puts at most 3 of XOR's 4 equal clusters on their side.
XOR_LINEAR_BEST = 3 / 4
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
DEFAULTS = dict(dataset="xor", noise=0.1, points=200, act="tanh", layers=1, width=8,
                optimizer="adam", auto_lr=True, lr=0.03, steps=training.DEFAULT_STEPS, seed=0,
                act_b="identity", zz_relu=False, zz_lr=1.0, zz_steps=40, surface="ravine",
                race_steps=200)
present = presenting()  # the projector's look: charts sized for a 720 px screen
# A one-line intro, each tab's text and controls behind buttons: on a projector, on the tour
compact = compact_layout()

# One line of intro; the rest behind a button beside it, so the charts start higher. The
# row wraps only where it must: on a 1280 px projector it stays one line (the charts need
# the height), on a phone, a lecturer's link in presentation mode included, the buttons go
# under the text instead of squeezing it into a column one word wide. (On the projector
# during the tour, its banner heads the page instead; in normal mode the tour keeps the
# one line, so each step's chart starts on the first screen.)
if tourbar.heading_shown():
    st.title(t("training.title"))
    with st.container(horizontal=True, vertical_alignment="center"):
        # compact, a line that fits beside the buttons; the full intro in the popover
        st.markdown(t("training.intro_short" if compact else "training.intro"), width="stretch")
        with st.popover(t("training.intro_more_label"), icon=":material/info:"):
            if compact:
                st.write(t("training.intro"))
            st.write(t("training.intro_more"))
        # The free-form network (any data, layers, features, live playback): its own page.
        page_link("playground", t("training.to_playground"), ":material/hub:")

# -------------------------------------------------------------- shared settings
# The link is checked before any bound widget reads it (see ui.urlstate). "custom" is a valid
# activation in a link only together with a valid formula ``expr`` (see ui.custom).
LINK_ACTS = formula_ui.link_options(ACTS)
TABS = ("train", "compare", "zigzag", "race")
TAB_LABELS = [t(f"training.tab_{k}") for k in TABS]
guard("training", formula_ui.rules() + [
    tab_rule(TABS, TAB_LABELS),
    # (a warning names the default as the page shows it)
    urlstate.choice("dataset", DATASETS, t(f"training.ds_{DEFAULTS['dataset']}")),
    urlstate.choice("act", LINK_ACTS, act_label(DEFAULTS["act"])),
    urlstate.choice("act_b", LINK_ACTS, act_label(DEFAULTS["act_b"])),
    urlstate.choice("optimizer", OPTIMIZERS, t(f"training.opt_{DEFAULTS['optimizer']}")),
    urlstate.choice("lr", [str(v) for v in LRS], DEFAULTS["lr"]),
    urlstate.choice("auto_lr", urlstate.BOOLS, yes_no(DEFAULTS["auto_lr"])),
    urlstate.number("noise", 0.0, 0.5, DEFAULTS["noise"]),
    urlstate.number("points", 20, training.MAX_POINTS, DEFAULTS["points"], integer=True),
    urlstate.number("layers", 0, training.MAX_LAYERS, DEFAULTS["layers"], integer=True),
    urlstate.number("width", 1, training.MAX_WIDTH, DEFAULTS["width"], integer=True),
    urlstate.number("steps", 50, training.MAX_STEPS, DEFAULTS["steps"], integer=True),
    urlstate.number("seed", 0, MAX_SEED, DEFAULTS["seed"], integer=True),
    urlstate.choice("zz_relu", urlstate.BOOLS, yes_no(DEFAULTS["zz_relu"])),
    urlstate.number("zz_lr", 0.1, 1.0, DEFAULTS["zz_lr"]),
    urlstate.number("zz_steps", 10, 200, DEFAULTS["zz_steps"], integer=True),
    urlstate.choice("surface", RACE_SURFACES, t(f"training.surface_{DEFAULTS['surface']}")),
    urlstate.number("race_steps", 20, RACE_MAX_STEPS, DEFAULTS["race_steps"], integer=True),
])

with st.sidebar:
    formula = formula_ui.formula_box()  # offered as "custom" while it holds a valid formula
ACT_OPTIONS = formula_ui.picker_options(ACTS, formula)

SETTINGS_KEYS = ("dataset", "noise", "points", "act", "layers", "width", "optimizer",
                 "auto_lr", "lr", "steps", "seed")


def picker(column, label, options, key, format_func, **kwargs):
    """A selectbox showing readable names while the link keeps the code name."""
    on_change = urlstate.follow(key, options, DEFAULTS[key])
    return column.selectbox(label, options, key=key, format_func=format_func,
                            on_change=on_change, **kwargs)


def settings(box=None) -> SimpleNamespace:
    """The network and data controls, in ``box`` or else an expander (folded when the
    layout is compact, and on a phone: its three columns stack into two screens of
    controls above the charts), and what they mean."""
    if box is None:
        box = st.expander(t("training.settings"), expanded=not (compact or on_phone()),
                          icon=":material/tune:")
    with box:
        c1, c2, c3 = st.columns(3)
        dataset = picker(c1, t("training.dataset"), DATASETS, "dataset",
                         lambda d: t(f"training.ds_{d}"), help=t("training.dataset_help"))
        noise = c1.slider(t("training.noise"), 0.0, 0.5, DEFAULTS["noise"], 0.05,
                          help=t("training.noise_help"), key="noise", bind="query-params")
        points = c1.slider(t("training.points"), 20, training.MAX_POINTS, DEFAULTS["points"],
                           20, help=t("training.points_help"), key="points",
                           bind="query-params")
        act = picker(c2, t("training.act"), ACT_OPTIONS, "act", act_label,
                     help=t("training.act_help"))
        layers = c2.slider(t("training.layers"), 0, training.MAX_LAYERS, DEFAULTS["layers"],
                           help=t("training.layers_help"), key="layers", bind="query-params")
        width = c2.slider(t("training.width"), 1, training.MAX_WIDTH, DEFAULTS["width"],
                          key="width", bind="query-params", disabled=layers == 0)
        optimizer = picker(c3, t("training.optimizer"), OPTIMIZERS, "optimizer",
                           lambda o: t(f"training.opt_{o}"), help=t("training.optimizer_help"))
        opt_label = t(f"training.opt_{optimizer}")
        auto_lr = c3.toggle(t("training.auto_lr"), DEFAULTS["auto_lr"], key="auto_lr",
                            help=t("training.auto_lr_help", optimizer=opt_label,
                                   lr=fmt_text(training.TRAIN_LR[optimizer])),
                            bind="query-params")
        lr_choice = c3.select_slider(t("training.lr"), LRS, DEFAULTS["lr"],
                                     help=t("training.lr_help"), key="lr",
                                     disabled=auto_lr, bind="query-params")
        # Sliders, not number inputs: a bound integer st.number_input raises OverflowError
        # on a link like ?seed=1e400 (Streamlit 1.67), before any check of ours can run.
        steps = c3.slider(t("training.steps"), 50, training.MAX_STEPS, DEFAULTS["steps"], 50,
                          help=t("training.steps_help"), key="steps", bind="query-params")
        seed = c3.slider(t("training.seed"), 0, MAX_SEED, DEFAULTS["seed"],
                         help=t("training.seed_help"), key="seed", bind="query-params")
    hidden = (int(width),) * int(layers)
    run_steps = training.cap_steps(int(points), hidden, int(steps))
    if run_steps < steps:
        st.info(t("training.capped", steps=run_steps, asked=int(steps)), icon=":material/timer:")
    return SimpleNamespace(
        dataset=dataset, noise=float(noise), points=int(points), act=act, hidden=hidden,
        optimizer=optimizer, run_steps=run_steps, seed=int(seed),
        lr=training.TRAIN_LR[optimizer] if auto_lr else float(lr_choice))


def run_key(activation, s) -> tuple:
    """What a training run is made of (`cached.lab_run`'s arguments but the progress text):
    its figures are kept under it."""
    custom = (formula.text, formula.params) if activation == formula_ui.CHOICE else ("", ())
    return (s.dataset, s.points, s.noise, s.hidden, activation, s.optimizer, s.lr,
            s.run_steps, s.seed, custom)


def train(activation, s):
    *args, custom = run_key(activation, s)
    return cached.lab_run(*args, t("training.progress", act=act_label(activation)), custom)


def layout_text(hidden):
    if not hidden:
        return t("training.perceptron")
    return t("training.layout", sizes="-".join(map(str, training.layer_sizes(hidden))))


def percent(fraction):
    return f"{fmt_text(100 * fraction, 3)}%"


def compare_title(activation, result) -> str:
    """A compared run's title: its accuracy, and its dead units if any are left at the end
    (a ReLU network that lost most of its units is half blank: the title says why), on
    two lines on a phone."""
    title = dict(act=act_label(activation), acc=percent(result.final_accuracy))
    if dead := dead_at_end(result):
        key = "compare_title_dead_lines" if on_phone() else "compare_title_dead"
        return t(f"training.{key}", dead=dead, units=result.dead.units, **title)
    return t("training.compare_title", **title)


def collapse_intro(layers: int) -> str:
    """How the identity network on screen multiplies out, for its own hidden layers: h
    once per layer (three: h(h(h(x))) = c³·x). The text said "three layers" beside the
    default network of one."""
    settings_label = t("training.settings")
    if layers == 0:
        return t("training.collapse_intro_none", settings=settings_label)
    if layers == 1:
        return t("training.collapse_intro_one", settings=settings_label)
    return t("training.collapse_intro", n=layers, nested="h(" * layers + "x" + ")" * layers,
             power=f"c{str(layers).translate(SUPERSCRIPT)}·x")


def xor_verdict(net, result) -> str:
    """A sentence on the run on screen, where on XOR it ended no better than a straight
    line: no hidden layer or Identity (a straight boundary), or a nonlinear run that
    stalled, with its own accuracy. Else nothing: the caption said "If ReLU stalls at 75%
    on XOR" under every run, tanh's 100% included."""
    if net.dataset != "xor":
        return ""
    numbers = dict(acc=percent(result.final_accuracy), best=percent(XOR_LINEAR_BEST))
    if not net.hidden:
        return t("training.train_linear_none", **numbers)
    if net.act == "identity":
        return t("training.train_linear_identity", **numbers)
    if result.final_accuracy <= XOR_LINEAR_BEST:
        return t("training.train_stalled", act=act_label(net.act), **numbers)
    return ""


def flat_slope(activation) -> bool:
    """Whether ``activation`` (a registry name, or the typed formula) has no slope
    (`training.has_no_slope`) at the parameters the lab trains it with (the defaults, or
    the formula's): the Heaviside step, whose derivative is 0 everywhere."""
    if activation == formula_ui.CHOICE:
        return training.has_no_slope(formula.act, **formula.kwargs)
    return training.has_no_slope(activations.get(activation))


def no_signal(activation, result) -> str:
    """A sentence on a run whose activation passes back no gradient (`flat_slope`) and
    whose hidden layers, measured, never moved: the output layer alone learned, how far its
    weights moved and what accuracy that left. Else nothing (nor before a step is done)."""
    if not result.steps_run or not flat_slope(activation):
        return ""
    frozen = training.frozen_hidden(result)
    if not frozen:
        return ""
    moved = float(np.max(np.abs(result.weights[-1] - result.initial_weights[-1])))
    return t("training.no_signal", act=act_label(activation), steps=result.steps_run,
             n=frozen, moved=fmt_text(moved, 3), acc=percent(result.final_accuracy))


def ever_dead(result) -> bool:
    """Whether a hidden unit of the run was dead (output 0 on every training point) before
    training or after any of its steps."""
    dead = result.dead
    return dead is not None and bool(dead.initial or dead.died)


def dead_at_end(result) -> int:
    """How many hidden units of the run are dead (output 0 on every training point) after
    its last step (before training if no step was done)."""
    dead = result.dead
    if dead is None:
        return 0
    return int(dead.history[-1]) if result.steps_run else dead.initial


def dead_story(net, result, activation=None) -> str:
    """The run's dead units, counted by the trainer on the training points after every
    step: how many before and after, how often one died and came back, and why it could
    or could not come back with this optimizer and depth. Nothing if none was ever dead.
    With ``activation`` (the comparison, which draws no dotted line) it is named first."""
    if not ever_dead(result):
        return ""
    dead = result.dead
    counts = dict(n=len(result.X), start=dead.initial, units=dead.units,
                  end=dead_at_end(result), steps=result.steps_run, died=dead.died,
                  first=dead.first, revived=dead.revived)
    key = ("compare_dead" if activation else "dead_counts") + ("" if dead.died else "_none")
    if activation:
        counts["act"] = act_label(activation)
    parts = [t(f"training.{key}", **counts)]
    optimizer = t(f"training.opt_{net.optimizer}")
    if training.moves_without_gradient(net.optimizer):
        parts.append(t("training.dead_memory", optimizer=optimizer))
    else:
        parts.append(t("training.dead_stays", optimizer=optimizer))
        if len(net.hidden) == 1:
            parts.append(t("training.dead_one_layer"))
    if len(net.hidden) > 1:
        parts.append(t("training.dead_deep"))
    return " ".join(parts)


def signed(x: float, digits: int = 3) -> str:
    """A change as the metric's delta: the number alone, its sign first, so Streamlit's
    arrow follows it in every language (the words go in the delta's description)."""
    text = fmt_text(x, digits)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def _boundary_height() -> int | None:
    """A decision boundary's height off the projector (`BOUNDARY_HEIGHT`; a phone's own)."""
    return None if on_phone() else BOUNDARY_HEIGHT


def boundary(result, made_by, title, key, filename, height=None, side_legend=False):
    """The decision boundary of ``result``, the run `run_key` calls ``made_by``."""
    view = ("lab_boundary", made_by, title, height, side_legend, lang(), present)
    fig = cached.kept(view, lambda: figs.boundary_figure(
        result.grid_x, result.grid_y, result.grid_probability, result.X, result.y,
        class_names=(t("training.class0"), t("training.class1")),
        probability_label=t("training.probability"), x_label=t("training.x1"),
        y_label=t("training.x2"), title=title, present=present, height=height,
        side_legend=side_legend,
    ))
    chart(fig, key=key, filename=filename, alt=t("training.alt_boundary", title=title))


def curves(runs, made_by, key, filename, height=None, dead=None):
    """Loss and accuracy of ``runs`` (name, losses, accuracies), made by ``made_by``; with
    ``dead`` (a `training.DeadUnits` of the first run) its share of dead units too."""
    stacked = on_phone()  # side by side, each panel would be about 150 px wide
    view = ("lab_curves", made_by, tuple(name for name, *_ in runs), height, lang(), present,
            stacked, dead is not None)
    line = None if dead is None else (t("training.dead_line"),
                                      100 * dead.history / max(dead.units, 1))
    fig = cached.kept(view, lambda: figs.curves_figure(
        runs, loss_title=t("training.loss_title"), accuracy_title=t("training.accuracy_title"),
        step_label=t("training.step"), loss_label=t("training.loss_axis"),
        present=present, height=height, stacked=stacked, dead=line,
    ))
    chart(fig, key=key, filename=filename,
          alt=t("training.alt_curves", names=", ".join(name for name, *_ in runs)))


def lead(short_key: str, long_keys: tuple[str, ...], formula: str | None = None,
         controls: str | None = None):
    """A tab's explanation: in full (then ``formula`` as LaTeX); or, laid out compactly (a
    projector, the tour), one short line with the full text a click away and, if
    ``controls`` (a label key) is given, a popover for the tab's controls beside it,
    returned for the caller to fill. So the chart starts high enough to be seen."""
    if not compact:
        for key in long_keys:
            st.write(t(f"training.{key}"))
        if formula:
            st.latex(formula)
        return None
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(t(f"training.{short_key}"), width="stretch")
        with st.popover(t("training.details"), icon=":material/info:", type="tertiary"):
            for key in long_keys:
                st.write(t(f"training.{key}"))
            if formula:
                st.latex(formula)
        return controls and st.popover(t(f"training.{controls}"), icon=":material/tune:")


def report_run(result):
    if result.diverged:
        st.warning(t("training.diverged", step=result.steps_run), icon=":material/warning:")
    if result.timed_out:
        st.info(t("training.timed_out", step=result.steps_run, steps=result.steps,
                  seconds=fmt_text(cached.TIME_LIMIT)), icon=":material/timer:")


# ``tab=<id>`` in a link (the guided tour's) opens that tab; the labels depend on the language.
tab_train, tab_compare, tab_zigzag, tab_race = lazy_tabs(
    TABS, TAB_LABELS,
    keep=SETTINGS_KEYS + ("act_b", "zz_relu", "zz_lr", "zz_steps", "surface", "race_steps"))


# -------------------------------------------------------------- train
# Each tab's body is a fragment (`ui.frame.fragment`): moving one of its controls reruns
# that tab alone, not the page with its shared frame.
@fragment
def _train_tab() -> None:
    """One activation's run: its settings, boundary and curves."""
    net = settings()
    result = train(net.act, net)
    report_run(result)
    name = act_label(net.act)

    def metrics(where):
        where.metric(t("training.accuracy"), percent(result.final_accuracy),
                     signed(100 * (result.final_accuracy - result.initial_accuracy)),
                     delta_description=t("training.delta_acc"))
        where.metric(t("training.loss"), fmt_text(result.final_loss),
                     signed(result.final_loss - result.initial_loss),
                     delta_color="inverse", delta_description=t("training.delta_loss"))
        where.metric(t("training.steps_done"), result.steps_run)

    if present:  # one row that fits the projector: boundary, curves, the numbers
        left, right, numbers = st.columns([1, 1.7, 0.6], vertical_alignment="center")
        height = FIT_HEIGHT
        metrics(numbers)
    else:  # the numbers above the charts; compact, under them (the boundary starts higher)
        if not compact:
            metrics(st.container(horizontal=True))
        left, right = st.columns([1, 1.3])
        if compact:
            metrics(st.container(horizontal=True))
        height = _boundary_height()
    made_by = run_key(net.act, net)
    with left:
        # Two lines in a narrow column (a projector's row, a phone): on one,
        # "Identity (linear), layers 2-8-8-8-1" was cut at "layers 2".
        title = t("training.boundary_title_lines" if present or on_phone()
                  else "training.boundary_title", act=name, layout=layout_text(net.hidden))
        boundary(result, made_by, title, "boundary",
                 f"decision-boundary-{net.dataset}-{net.act}", height)
    with right:
        curves([(name, result.loss_history, result.accuracy_history)], (made_by,),
               "curves", f"training-curves-{net.dataset}-{net.act}", height,
               dead=result.dead if ever_dead(result) else None)
    # A step's run: why it learned so little (the XOR verdict's "units die or saturate"
    # would not say it).
    verdict = no_signal(net.act, result) or xor_verdict(net, result)
    st.caption(t("training.train_caption") + (f" {verdict}" if verdict else ""))
    if story := dead_story(net, result):
        st.caption(story)


# -------------------------------------------------------------- compare
@fragment
def _compare_tab() -> None:
    """Two activations on the same data and settings."""
    if compact:  # one line, the settings and the second activation in a popover
        box = lead("compare_short", ("compare_intro",), controls="settings")
        net = settings(box)
    else:
        net = settings()
        lead("compare_short", ("compare_intro",))
    act, dataset = net.act, net.dataset
    # The width of the settings' own pickers, not the page's (a lone 1100 px box at 1920).
    act_b = picker(box if compact else st, t("training.act_b"), ACT_OPTIONS, "act_b",
                   act_label, help=t("training.act_b_help"), width="stretch" if compact else 320)
    pair = [(act, train(act, net)), (act_b, train(act_b, net))]
    for _, res in pair:
        report_run(res)
    # Side by side on a projector, short enough that both are whole on a 1280x720 screen.
    cols = st.columns(2) if not present else st.columns(2, gap="large")
    for i, (col, (name, res)) in enumerate(zip(cols, pair)):
        with col:
            boundary(res, run_key(name, net), compare_title(name, res),
                     f"compare_boundary_{i}", f"decision-boundary-{dataset}-{name}",
                     COMPARE_HEIGHT if present else _boundary_height(), side_legend=present)
    curves([(f"{act_label(name)} ({chr(65 + i)})" if act == act_b else act_label(name),
             res.loss_history, res.accuracy_history) for i, (name, res) in enumerate(pair)],
           tuple(run_key(name, net) for name, _ in pair),
           "compare_curves", f"training-curves-{act}-vs-{act_b}")
    # Why a run stays where it is (a step's zero slope, dead units): once for each
    # activation compared.
    for name, res in pair[:1] if act == act_b else pair:
        if note := no_signal(name, res):
            st.caption(note)
        if story := dead_story(net, res, name):
            st.caption(story)
    if dataset == "xor":
        # ReLU's stalled seed, told only beside such a run: where units did die (a large
        # step), the captions above say so, and "none is dead" would contradict them.
        stalled = any(name == "relu" and res.final_accuracy <= 0.75 and not dead_at_end(res)
                      for name, res in pair)
        note = t("training.xor_note") + (" " + t("training.xor_relu_note") if stalled else "")
        st.info(note, icon=":material/lightbulb:")

    st.subheader(t("training.collapse_header"))
    linear = [(name, res) for name, res in pair if name == "identity"]
    if not linear:
        st.caption(t("training.collapse_pick"))
    else:
        _, res = linear[0]
        c = activations.get("identity").defaults["c"]
        W, b = training.linear_collapse(res.weights, res.biases, c=c)
        diff = training.collapse_error(res.X, res.weights, res.biases, c=c)
        n_hidden = len(res.weights) - 1
        st.write(collapse_intro(n_hidden))
        product = r" ".join(f"W_{{{k}}}" for k in range(1, n_hidden + 1))
        scale = f"c^{{{n_hidden}}}\\," if n_hidden else ""
        latex(rf"W = {scale}{product}\,w_{{\mathrm{{out}}}} = "
              rf"\begin{{pmatrix}} {fmt_tex(W[0, 0])} \\ {fmt_tex(W[1, 0])} \end{{pmatrix}},",
              rf"b = {fmt_tex(b[0])},", rf"c = {fmt_tex(c)}")
        sizes = training.layer_sizes(net.hidden)
        shapes = r"\;".join(rf"({a}\times{b_})" for a, b_ in zip(sizes[:-1], sizes[1:]))
        st.latex(rf"\text{{{t('training.collapse_shapes')}}}\quad {shapes}"
                 rf"\;\to\;(2\times 1)")
        st.caption(t("training.collapse_check", n=len(res.X), diff=fmt_text(diff, 2)))


# -------------------------------------------------------------- zig-zag
def relu_zigzag_caption(demo, lr: float) -> str:
    """What the ReLU run on screen did, counted from it: how many inputs are 0, and how
    its steps split into both weights the same way, one weight alone, none, opposite ways
    (none: the inputs are never negative), with its distance and sigmoid inputs' one."""
    steps = len(demo.grads)

    def count(fraction):
        return int(round(fraction * steps))

    sigmoid = training.zigzag("positive", steps=steps, lr=lr)
    return t("training.zigzag_relu_caption", zeros=int(np.sum(demo.inputs == 0)),
             values=demo.inputs.size, steps=steps, both=count(demo.same_sign),
             one=count(demo.one_weight), none=count(demo.no_move),
             opposite=count(demo.opposite), d=fmt_text(demo.final_distance, 3),
             d_sigmoid=fmt_text(sigmoid.final_distance, 3))


@fragment
def _zigzag_tab() -> None:
    """Why zero-centred inputs matter: the zig-zag of all-positive inputs."""
    box = lead("zigzag_short", ("zigzag_intro", "zigzag_rule"),
               r"\nabla_w \tfrac12\bigl(w\cdot a - w^*\cdot a\bigr)^2"
               rf" = \underbrace{{(w - w^*)\cdot a}}"
               rf"_{{\text{{{t('training.one_number')}}}}}\;(a_1,\ a_2)",
               controls="controls")
    z0, z1, z2 = (box if compact else st).columns(3, vertical_alignment="bottom")
    # The left panel: inputs that are never negative, from a sigmoid or a ReLU layer (the
    # notes say both zig-zag); the right panel always has tanh's zero-centred ones.
    zz_relu = z0.toggle(t("training.zz_relu_toggle"), DEFAULTS["zz_relu"], key="zz_relu",
                        help=t("training.zz_relu_help"), bind="query-params")
    zz_kind = "relu" if zz_relu else "positive"
    zz_lr = z1.slider(t("training.zz_lr"), 0.1, 1.0, DEFAULTS["zz_lr"], 0.1, key="zz_lr",
                      bind="query-params")
    zz_steps = z2.slider(t("training.zz_steps"), 10, 200, DEFAULTS["zz_steps"], 10,
                         key="zz_steps", bind="query-params")
    cols = st.columns(2) if not present else st.columns(2, gap="large")
    short = "_short" if present else ""
    demos = {}
    for col, kind in zip(cols, (zz_kind, "centred")):
        demo = demos[kind] = training.zigzag(kind, steps=int(zz_steps), lr=float(zz_lr))
        with col:
            fig = figs.zigzag_figure(
                demo.gx, demo.gy, demo.loss, demo.path, demo.grads, demo.w_star,
                x_label=t("training.w1"), y_label=t("training.w2"),
                path_name=t("training.zz_path"),
                # short legend names on a projector: two rows fit under a narrow panel
                same_names=(t(f"training.zz_pp{short}"), t(f"training.zz_mm{short}")),
                mixed_name=t(f"training.zz_mixed{short}"),
                one_name=t(f"training.zz_one{short}"),
                still_name=t(f"training.zz_still{short}"),
                target_name=t("training.zz_target"),
                title=t(f"training.zz_{kind}"), present=present,
            )
            chart(fig, key=f"zigzag_{kind}", filename=f"zigzag-{kind}",
                  alt=t("training.alt_zigzag", title=t(f"training.zz_{kind}"),
                        steps=int(zz_steps)))
            a, b_ = st.columns(2)
            a.metric(t("training.zz_same"), percent(demo.same_sign))
            b_.metric(t("training.zz_distance"), fmt_text(demo.final_distance, 3))
    if zz_kind == "relu":
        st.caption(relu_zigzag_caption(demos["relu"], float(zz_lr)))
    else:
        st.caption(t("training.zigzag_caption"))


# -------------------------------------------------------------- optimizer race
@fragment
def _race_tab() -> None:
    """Optimizers racing on a 2-D surface."""
    box = lead("race_short", ("race_intro",), controls="controls")
    r1, r2 = (box if compact else st).columns([2, 1])
    # (A picker: the link's surface is its first value, and a change goes back into it.)
    surface_name = picker(r1, t("training.surface"), RACE_SURFACES, "surface",
                          lambda s: t(f"training.surface_{s}"))
    race_steps = r2.slider(t("training.race_steps"), 20, RACE_MAX_STEPS,
                           DEFAULTS["race_steps"], 20, key="race_steps", bind="query-params")
    surface = SURFACES[surface_name]
    if not compact:  # compact, the chart first, its formula under it
        st.latex(rf"f(x, y) = {surface.formula}")

    labels = tuple(t(f"training.opt_{name}") for name in OPTIMIZERS)
    texts = (("x_label", t("training.race_x")), ("y_label", t("training.race_y")),
             ("play_label", t("training.play")), ("pause_label", t("training.pause")),
             ("step_label", t("training.race_step")),
             ("minimum_name", t("training.minimum")),
             ("groups", tuple(t(f"training.family_{FAMILY[name]}") for name in OPTIMIZERS)))
    chart(cached.race_figure(surface_name, int(race_steps), labels, texts, present,
                             height_cut(), on_phone()),
          key="race", filename=f"optimizer-race-{surface_name}",
          alt=t("training.alt_race", n=len(labels), steps=int(race_steps),
                surface=t(f"training.surface_{surface_name}")))
    if compact:
        st.latex(rf"f(x, y) = {surface.formula}")
    paths = cached.race(surface_name, int(race_steps))
    st.caption(f'{t("training.race_families")} {t(f"training.race_{surface_name}")} '
               f'{t("training.race_log")}')
    values, distances = training.race_summary(surface, paths)
    # Eight rows: a plain table, so its text scales with the page's in presentation mode.
    st.table({
        t("training.col_optimizer"): labels,
        t("training.col_lr"): [fmt_text(training.race_lr(surface, n)) for n in OPTIMIZERS],
        t("training.col_value"): [fmt_text(v, 3) for v in values],
        t("training.col_distance"): [fmt_text(d) for d in distances],
    }, hide_index=True)


if tab_train.open:
    with tab_train:
        _train_tab()
if tab_compare.open:
    with tab_compare:
        _compare_tab()
if tab_zigzag.open:
    with tab_zigzag:
        _zigzag_tab()
if tab_race.open:
    with tab_race:
        _race_tab()

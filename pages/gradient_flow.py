"""Gradient flow lab: watch gradients vanish, explode or die, layer by layer, at init.

Shared link parameters: ``act`` (repeated, registry names such as ``act=relu&act=tanh``),
``init`` (repeated, torch.nn.init scheme names), ``depth``, ``width``, ``batch``, ``bias``,
``seed``, ``norm`` (none, batch, layer) and ``residual``; ``expr`` (a typed formula,
`ui.custom`) adds the choice ``custom`` to ``act``, with ``expr_<letter>`` for its
parameters. Every activation runs with every initialisation (at most 4 runs), on the same
inputs, targets and weight draws.
"""

import contextlib
import math

import streamlit as st

import activations
from activations import gradflow
from activations.numfmt import fmt_text
from activations.figures import gradflow as figs
from ui.frame import (chart, compact_layout, display_math, fragment, on_phone, presenting,
                      require_app_frame, text_table, touch, wide_gap)
from ui.i18n import lang, t
from ui import cached, tourbar
from ui import custom as formula_ui
from ui import urlstate
from ui.urlstate import guard, raw_values

require_app_frame()  # first: a fresh process may run a page without app.py

ACTS = activations.names()
INITS = ("standard", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal",
         "lecun_normal", "orthogonal", "normal")
MAX_RUNS = 4
HEAVY = 2e8  # multiply-adds (depth * width^2 * batch, all runs) above which a progress bar shows
DEFAULT = dict(act=["sigmoid", "tanh", "relu"], init=["xavier_normal"], depth=10, width=128,
               batch=256, bias=0.0, seed=0, norm="none", residual=False)
BIAS_RANGE = (-3.0, 3.0)
SEED_MAX = 2**31 - 1
WARN = ":material/warning:"
present = presenting()  # the projector's look: larger chart text, the presets' short names
compact = compact_layout()  # a one-line intro, no extra heading: on a projector, on the tour


def tr(key: str, **fmt) -> str:
    return t(f"gradient_flow.{key}", **fmt)


# --- presets: a callback writes every control's state before the widgets are drawn ---

def _apply_preset(name: str) -> None:
    p = gradflow.PRESETS[name]
    state = st.session_state
    state["act"], state["init"] = list(p.activations), list(p.inits)
    state["depth"], state["width"], state["batch"] = p.depth, p.width, p.batch
    state["bias"], state["norm"], state["residual"] = float(p.bias), p.normalization, p.residual


def _matching_preset(acts, inits, depth, width, batch, bias, norm, residual) -> str | None:
    for name, p in gradflow.PRESETS.items():
        if (list(p.activations), list(p.inits), p.depth, p.width, p.batch, p.bias,
                p.normalization, p.residual) == (acts, inits, depth, width, batch, bias, norm,
                                                 residual):
            return name
    return None


# --- URL checks the bound widgets can't make (they drop bad values silently) ---

def _check_link() -> None:
    # "custom" is a valid activation in a link only together with a valid formula
    guard("gradient_flow", formula_ui.rules() + [
        urlstate.choices("act", formula_ui.link_options(ACTS)),
        urlstate.choices("init", INITS),
        urlstate.number("depth", 1, gradflow.MAX_DEPTH, DEFAULT["depth"], integer=True),
        urlstate.number("width", 2, gradflow.MAX_WIDTH, DEFAULT["width"], integer=True),
        urlstate.number("batch", 1, gradflow.MAX_BATCH, DEFAULT["batch"], integer=True),
        urlstate.number("bias", *BIAS_RANGE, DEFAULT["bias"]),
        urlstate.number("seed", 0, SEED_MAX, DEFAULT["seed"], integer=True),
        urlstate.choice("residual", ("true", "false"), t("common.no")),
        urlstate.choice("norm", gradflow.NORMALIZATIONS, tr("norm_none")),
    ])
    for key in ("act", "init"):
        if len(raw_values(key)) > MAX_RUNS:
            st.warning(tr("too_many_in_link", name=key, limit=MAX_RUNS), icon=WARN)


def _run_names(runs) -> list[str]:
    """Legend names: the varying part only (activation, init, or both)."""
    acts = {a for a, _ in runs}
    inits = {i for _, i in runs}
    names = []
    for act, init in runs:
        label = formula.act.label if act == formula_ui.CHOICE else activations.get(act).label
        init_name = tr(f"init_{init}")
        if len(inits) == 1 and len(acts) > 1:
            names.append(label)
        elif len(acts) == 1 and len(inits) > 1:
            names.append(init_name)
        else:
            names.append(tr("run_name", act=label, init=init_name))
    return names


def _simulate_all(runs, names, size, options):
    """Each run's profile (None where it failed) and the arguments that made it."""
    depth, width, batch = size
    heavy = depth * width * width * batch * len(runs) > HEAVY
    bar = st.progress(0.0, text=tr("computing")) if heavy else None
    results, keys = [], []
    # A light network is done in well under the spinner's half-second delay (the default
    # three runs: 0.13 s on a cache miss), so there the spinner would never show, yet it
    # starts a timer thread on every run: 1-2 ms of a busy server's lock per step.
    with st.spinner(tr("computing"), show_time=True) if heavy else contextlib.nullcontext():
        for i, ((act, init), name) in enumerate(zip(runs, names)):
            if bar is not None:
                bar.progress(i / len(runs), text=tr("computing_run", i=i + 1, n=len(runs),
                                                        run=name))
            custom = (formula.text, formula.params) if act == formula_ui.CHOICE else ("", ())
            keys.append((act, init, size, tuple(sorted(options.items())), custom))
            try:
                results.append(cached.gradflow_profile(act, init, depth, width, batch, **options,
                                                       formula=custom))
            except ValueError:
                st.warning(tr("failed", run=name), icon=WARN)
                results.append(None)
    if bar is not None:
        bar.empty()
    return results, keys


def _summary(stats, names, theory: bool) -> dict[str, list[str]]:
    """The runs' numbers as text through `fmt_text` (a number column would print 4.085E-1)."""
    columns = {tr("col_run"): list(names), tr("col_loss"): [fmt_text(s.loss) for s in stats],
               tr("col_ratio"): [fmt_text(s.flow_ratio) for s in stats]}
    if theory:
        columns[tr("col_predicted")] = [fmt_text(s.predicted_flow_ratio) for s in stats]
    columns[tr("col_dead")] = [f"{fmt_text(100 * s.dead[-1], 3)}%" for s in stats]
    columns[tr("col_saturated")] = [f"{fmt_text(100 * float(s.saturated.mean()), 3)}%"
                                    for s in stats]
    return columns


# --- the run pickers: readable names on screen, code names in the address ---
# A multiselect bound with bind="query-params" writes its *shown* labels into the URL, so
# these two follow the URL by hand: a link's values seed the session, and the address is
# rewritten from the chosen code names after every run (presets included).

def _from_link(key: str, options, default) -> None:
    if key not in st.session_state:
        linked = [v for v in raw_values(key) if v in options][:MAX_RUNS]  # guard checked them
        st.session_state[key] = linked or list(default)
    else:  # e.g. "custom" after its formula was cleared
        st.session_state[key] = [v for v in st.session_state[key] if v in options]


def _act_label(name: str) -> str:
    return formula.act.label if name == formula_ui.CHOICE else activations.get(name).label


def _controls() -> dict:
    """Every control of the network, in three columns (drawn inside the popover)."""
    _from_link("act", ACT_OPTIONS, DEFAULT["act"])
    _from_link("init", INITS, DEFAULT["init"])
    left, middle, right = st.columns(3, gap=wide_gap())
    with left:
        acts = st.multiselect(tr("act"), ACT_OPTIONS, key="act", format_func=_act_label,
                              max_selections=MAX_RUNS, help=tr("act_help"))
        inits = st.multiselect(tr("init"), INITS, key="init",
                               format_func=lambda i: tr(f"init_{i}"),
                               max_selections=MAX_RUNS, help=tr("init_help"))
    with middle:
        depth = st.slider(tr("depth"), 1, gradflow.MAX_DEPTH, DEFAULT["depth"], key="depth",
                          help=tr("depth_help"), bind="query-params")
        width = st.slider(tr("width"), 2, gradflow.MAX_WIDTH, DEFAULT["width"], key="width",
                          help=tr("width_help"), bind="query-params")
        batch = st.slider(tr("batch"), 1, gradflow.MAX_BATCH, DEFAULT["batch"], key="batch",
                          help=tr("batch_help"), bind="query-params")
    with right:
        bias = st.slider(tr("bias"), *BIAS_RANGE, DEFAULT["bias"], step=0.05, key="bias",
                         help=tr("bias_help"), bind="query-params")
        # Readable names on screen, the code in the link (a bound radio would write the
        # label): the link's value seeds it, and it is written back below.
        urlstate.follow("norm", gradflow.NORMALIZATIONS, DEFAULT["norm"])
        norm = st.radio(tr("norm"), gradflow.NORMALIZATIONS, key="norm", horizontal=True,
                        format_func=lambda n: tr(f"norm_{n}"), help=tr("norm_help"))
        residual = st.toggle(tr("residual"), DEFAULT["residual"], key="residual",
                             help=tr("residual_help"), bind="query-params")
        seed = st.number_input(tr("seed"), 0, SEED_MAX, DEFAULT["seed"], step=1, key="seed",
                               help=tr("seed_help"), bind="query-params")
    urlstate.write("act", acts, DEFAULT["act"])
    urlstate.write("init", inits, DEFAULT["init"])
    urlstate.write("norm", norm, DEFAULT["norm"])  # (a preset sets it too)
    return dict(acts=acts, inits=inits, depth=depth, width=width, batch=batch, bias=bias,
                norm=norm, residual=residual, seed=seed)


def _grad_caption(stats, names, theory: bool, chain) -> None:
    """What the gradient chart shows, sentence by sentence as drawn (``chain``: the 0.25^n
    line, or None where none is drawn)."""
    st.caption(_joined("grad_notice", figs.draws_zero_strips(stats) and "grad_notice_zero",
                       len(stats) > 1 and "grad_overlap",  # runs that meet: nested markers
                       "grad_notice_theory" if theory else "grad_notice_no_theory",
                       chain is not None and "grad_notice_chain"))
    # Runs whose measurement parts from the theory's line, grouped by the reason
    # (gradflow.theory_parts): each reason told once, for the runs it concerns.
    tolerance = figs.theory_tolerance(stats, chain, present)
    reasons = [_parts(s, tolerance) if theory else None for s in stats]
    for reason in ("coupled", "spread", "near"):
        parted = [tr("theory_gap_run", run=n, measured=fmt_text(s.flow_ratio, 2),
                     predicted=fmt_text(s.predicted_flow_ratio, 2))
                  for s, n, why in zip(stats, names, reasons) if why == reason]
        if parted:
            st.caption(tr(f"theory_gap_{reason}", runs="; ".join(parted),
                          depth=stats[0].depth, width=stats[0].width,
                          factor=fmt_text(gradflow.THEORY_TOLERANCE)))


def _parts(run, tolerance: float) -> str | None:
    """Why a run's line parts from its theory band, as `gradflow.theory_parts` tells it;
    ``"near"`` where it parts by less than THEORY_TOLERANCE, yet by more than ``tolerance``
    (`figs.theory_tolerance`: what this chart shows outside the band). The caption says a
    run inside its band is predicted, so a run seen outside it gets a note; at that size
    it is one draw of finite layers, not the average the theory is."""
    why = gradflow.theory_parts(run)
    return why or ("near" if gradflow.theory_parts(run, tolerance) else None)


def _joined(*keys) -> str:
    """One caption of the texts of ``keys``, leaving out the false ones: a sentence about an
    activation or a mark only where that run or mark is on the chart."""
    return " ".join(tr(key) for key in keys if key)


# --- page ---

if tourbar.heading_shown():
    st.title(tr("title"))
    st.write(tr("intro_short" if compact else "intro"))
_check_link()
with st.sidebar:
    formula = formula_ui.formula_box()  # offered as "custom" while it holds a valid formula
ACT_OPTIONS = formula_ui.picker_options(ACTS, formula)

# Everything below the title reruns alone when one of its controls moves (`fragment`):
# the controls and every chart they drive are in it; the typed formula (in the sidebar)
# reruns the page.
@fragment
def _lab() -> None:
    if not compact:
        st.caption(tr("presets_help"))
    # One row: the presets, then the controls in a popover, so neither pushes the chart down
    # (a preset's result is in view at once; the buttons wrap on narrow screens). On the
    # projector the buttons and the controls carry short names, so that the row, with the
    # intro's rest in a popover at its end, stays one line at 1280x720 (a second row pushed
    # the chart's legend below the screen). Eight presets fit with the narrowest gap and
    # that popover as its info icon alone: its words "About this page" wrapped the row in
    # English, so ui/base.css hides them from the eye only (screen readers name the button
    # by them; the tooltip says them on hover). On the tour in normal mode (sidebar open)
    # the row keeps its full names, and that popover.
    label = "preset_short_{}" if present else "preset_{}"
    with st.container(horizontal=True, vertical_alignment="center",
                      gap="xxsmall" if present else "xsmall"):
        for name in gradflow.PRESETS:
            st.button(tr(label.format(name)), key=f"preset_{name}",
                      help=tr(f"preset_{name}_help"), on_click=_apply_preset, args=(name,))
        with st.popover(tr("controls_short" if present else "controls"), icon=":material/tune:",
                        key="gf_controls"):
            c = _controls()
        if compact:
            with st.popover(tr("intro_more"), icon=":material/info:", type="tertiary",
                            help=tr("intro_more"), key="gf_about"):
                st.write(tr("intro"))
    acts, inits, depth, width, batch = c["acts"], c["inits"], c["depth"], c["width"], c["batch"]
    bias, norm, residual, seed = c["bias"], c["norm"], c["residual"], c["seed"]

    if not acts:
        st.warning(tr("no_act"), icon=WARN)
        acts = DEFAULT["act"]
    if not inits:
        st.warning(tr("no_init"), icon=WARN)
        inits = DEFAULT["init"]
    runs = [(a, i) for a in acts for i in inits]
    if len(runs) > MAX_RUNS:
        st.warning(tr("too_many_runs", count=len(runs), limit=MAX_RUNS), icon=WARN)
        runs = runs[:MAX_RUNS]
    size = gradflow.fit_size(int(depth), int(width), int(batch))
    if size != (depth, width, batch):
        st.warning(tr("resized", depth=size[0], width=size[1], batch=size[2]), icon=WARN)

    story = _matching_preset(list(acts), list(inits), depth, width, batch, bias, norm, residual)

    names = _run_names(runs)
    options = dict(seed=int(seed), norm=norm, residual=bool(residual), bias=float(bias))
    results, keys = _simulate_all(runs, names, size, options)
    kept = [(s, n, k) for s, n, k in zip(results, names, keys) if s is not None]
    stats, names = [s for s, _, _ in kept], [n for _, n, _ in kept]
    # The figures below are drawn from the runs (named by their arguments) alone, in the
    # visitor's language: every visitor at this view shares them (`cached.kept`).
    # On a phone the two-panel charts stack (side by side their titles ran together).
    stacked = on_phone()
    view = (tuple(k for _, _, k in kept), lang(), present, stacked)
    for s, name, _ in kept:
        if s.overflow_layer is not None:
            st.warning(tr(f"overflow_{s.overflow_pass}", run=name, layer=s.overflow_layer),
                       icon=WARN)

    if stats:
        if not compact:  # in the room (and on the tour) the chart's own panel titles say it
            st.subheader(tr("grad_title"))
        theory = gradflow.theory_applies(norm, residual)
        # sigmoid's 0.25^n only next to a sigmoid run, started where that run ends
        sigmoid = next((s for s in stats if s.name == "sigmoid"), None)
        top = sigmoid.grad_h_norm[-1] if sigmoid is not None else math.nan
        chain = gradflow.chain_rule_reference(top, sigmoid.depth) if math.isfinite(top) else None
        fig = cached.kept(("gf_grad", *view), lambda: figs.gradient_norms(
            stats, names, title_h=tr("grad_h_title"), title_w=tr("grad_w_title"),
            x_title=tr("layer"), y_title=tr("norm_log"),
            theory_names=[tr("theory_of", run=n) for n in names] if theory else None,
            chain_name=tr("chain"), chain=chain, present=present, stacked=stacked,
            zero_names=[tr("zero_of", run=n) for n in names]))
        shown = ", ".join(names)  # the runs, for the charts' screen-reader names
        chart(fig, key="gf_grad", filename="gradient_norms", alt=tr("alt_grad", names=shown))
        _grad_caption(stats, names, theory, chain)
        if story is not None:  # under the chart: pressing a preset leaves its result in view
            st.info(tr(f"story_{story}"), icon=":material/lightbulb:")

        st.subheader(tr("dist_title"))
        # Lazy tabs: only the open one's chart is made and sent.
        box_tab, heat_tab = st.tabs([tr("tab_box"), tr("tab_heat")], key="dist_tab",
                                    on_change="rerun")
        if box_tab.open:
            with box_tab:
                fig = cached.kept(("gf_box", *view), lambda: figs.distribution_boxes(
                    stats, names, x_title=tr("layer"), y_title=tr("value"), present=present))
                # Plotly calls the whiskers' ends "min" and "max": here they are the 1%
                # and 99% quantiles; and it names the diamond "mean ± σ".
                words = {f"{stat}:": tr(f"box_{stat}") + ":"
                         for stat in ("min", "q1", "median", "mean", "q3", "max")}
                words["mean ± σ:"] = tr("box_mean_sd") + ":"
                chart(fig, key="gf_box", filename="activations_box", hover_words=words,
                      alt=tr("alt_box", names=shown))
        if heat_tab.open:
            with heat_tab:
                fig = cached.kept(("gf_heat", *view), lambda: figs.distribution_heatmaps(
                    stats, names, x_title=tr("layer"), y_title=tr("value"),
                    colorbar_title=tr("share"), present=present))
                chart(fig, key="gf_heat", filename="activations_histogram",
                      alt=tr("alt_heat", names=shown))
        st.caption(_joined("dist_notice", sigmoid is not None and "dist_notice_sigmoid",
                           "dist_notice_heat"))

        st.subheader(tr("frac_title"))
        fig = cached.kept(("gf_frac", *view), lambda: figs.unit_fractions(
            stats, names, title_saturated=tr("saturated"), title_dead=tr("dead"),
            x_title=tr("layer"), y_title=tr("percent"), present=present, stacked=stacked))
        chart(fig, key="gf_frac", filename="saturated_dead", alt=tr("alt_frac", names=shown))
        relu = any(s.name == "relu" for s in stats)
        st.caption(_joined("frac_notice", relu and "frac_notice_relu", "frac_notice_dead",
                           len(stats) > 1 and touch("frac_overlap")))

        st.subheader(tr("table_title"))
        text_table(_summary(stats, names, theory))
        st.caption(_joined("table_notice", theory and "table_notice_theory"))

        with st.expander(tr("theory_title"), expanded=not compact):
            st.markdown("\n\n".join([  # one Markdown block (see `display_math`)
                tr("theory_text"),
                display_math(r"g_l = n\,\mathrm{Var}(W)\,\mathbb{E}\!\left[f'(z_l)^2\right],",
                             r"\frac{\lVert \partial L/\partial h_l \rVert}"
                             r"{\lVert \partial L/\partial h_D\rVert} \approx "
                             r"\prod_{k=l+1}^{D} \sqrt{g_k}"),
                tr("theory_chain"),
                display_math(r"\frac{\partial h_D}{\partial h_0} = \prod_{l=1}^{D} \sigma'(z_l)"
                             r" \le \sigma'(0)^D = 0.25^D"),
                tr("theory_note"),
                *([] if theory else [tr("theory_norm_note")])]))


_lab()

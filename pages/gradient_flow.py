"""Gradient flow lab: watch gradients vanish, explode or die, layer by layer, at init.

Shared link parameters: ``act`` (repeated, registry names such as ``act=relu&act=tanh``),
``init`` (repeated, torch.nn.init scheme names), ``depth``, ``width``, ``batch``, ``bias``,
``seed`` and ``residual``; ``expr`` (a typed formula, `ui.custom`) adds the choice ``custom``
to ``act``, with ``expr_<letter>`` for its parameters. Every activation runs with every
initialisation (at most 4 runs), on the same inputs, targets and weight draws.
"""

import math

import pandas as pd
import streamlit as st

import activations
from activations import gradflow
from activations.figures import gradflow as figs
from ui.frame import chart, presenting
from ui.i18n import t
from ui import custom as formula_ui
from ui import urlstate
from ui.urlstate import guard, raw_values

ACTS = activations.names()
INITS = ("standard", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal",
         "lecun_normal", "orthogonal", "normal")
MAX_RUNS = 4
HEAVY = 2e8  # multiply-adds (depth * width^2 * batch, all runs) above which a progress bar shows
DEFAULT = dict(act=["sigmoid", "tanh", "relu"], init=["xavier_normal"], depth=10, width=128,
               batch=256, bias=0.0, seed=0, norm="none", residual=False)
BIAS_RANGE = (-3.0, 3.0)
SEED_MAX = 2**31 - 1
present = presenting()


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
    ])
    for key in ("act", "init"):
        if len(raw_values(key)) > MAX_RUNS:
            st.warning(tr("too_many_in_link", name=key, limit=MAX_RUNS), icon="⚠️")


# --- the simulation, cached on plain arguments; only the small statistics are kept ---

@st.cache_data(show_spinner=False, max_entries=64)
def _profile(act, init, depth, width, batch, seed, norm, residual, bias, formula=("", ())):
    """``formula``: (text, params) of the typed formula when ``act`` is "custom" (the cache
    key holds its text, not the unpicklable object; re-parsing it is a cache hit)."""
    params = None
    if act == formula_ui.CHOICE:
        act, params = formula_ui.activation(formula[0]), dict(formula[1])
    return gradflow.profile(act, depth, width, batch, init=init, seed=seed, params=params,
                            normalization=norm, residual=residual, bias=bias)


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
    depth, width, batch = size
    heavy = depth * width * width * batch * len(runs) > HEAVY
    bar = st.progress(0.0, text=tr("computing")) if heavy else None
    results = []
    with st.spinner(tr("computing"), show_time=heavy):
        for i, ((act, init), name) in enumerate(zip(runs, names)):
            if bar is not None:
                bar.progress(i / len(runs), text=tr("computing_run", i=i + 1, n=len(runs),
                                                        run=name))
            try:
                custom = (formula.text, formula.params) if act == formula_ui.CHOICE else ("", ())
                results.append(_profile(act, init, depth, width, batch, **options,
                                        formula=custom))
            except ValueError:
                st.warning(tr("failed", run=name), icon="⚠️")
                results.append(None)
    if bar is not None:
        bar.empty()
    return results


def _summary(stats, names) -> pd.DataFrame:
    return pd.DataFrame([
        {tr("col_run"): name, tr("col_loss"): s.loss, tr("col_ratio"): s.flow_ratio,
         tr("col_predicted"): s.predicted_flow_ratio, tr("col_dead"): 100 * s.dead[-1],
         tr("col_saturated"): 100 * float(s.saturated.mean())}
        for s, name in zip(stats, names)
    ])


# --- page ---

st.title(tr("title"))
st.write(tr("intro"))
_check_link()
with st.sidebar:
    formula = formula_ui.formula_box()  # offered as "custom" while it holds a valid formula
ACT_OPTIONS = formula_ui.picker_options(ACTS, formula)

st.caption(tr("presets_help"))
with st.container(horizontal=True):  # the buttons wrap on narrow screens
    for name in gradflow.PRESETS:
        st.button(tr(f"preset_{name}"), key=f"preset_{name}", help=tr(f"preset_{name}_help"),
                  on_click=_apply_preset, args=(name,))

with st.expander(tr("controls"), expanded=not present):
    left, middle, right = st.columns(3, gap="large")
    with left:
        acts = st.multiselect(tr("act"), ACT_OPTIONS, default=DEFAULT["act"], key="act",
                              max_selections=MAX_RUNS, help=tr("act_help"), bind="query-params")
        inits = st.multiselect(tr("init"), INITS, default=DEFAULT["init"], key="init",
                               max_selections=MAX_RUNS, help=tr("init_help"),
                               bind="query-params")
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
        norm = st.radio(tr("norm"), gradflow.NORMALIZATIONS,
                        index=gradflow.NORMALIZATIONS.index(DEFAULT["norm"]), key="norm",
                        horizontal=True, format_func=lambda n: tr(f"norm_{n}"),
                        help=tr("norm_help"))
        residual = st.toggle(tr("residual"), DEFAULT["residual"], key="residual",
                             help=tr("residual_help"), bind="query-params")
        seed = st.number_input(tr("seed"), 0, SEED_MAX, DEFAULT["seed"], step=1, key="seed",
                               help=tr("seed_help"), bind="query-params")

if not acts:
    st.warning(tr("no_act"), icon="⚠️")
    acts = DEFAULT["act"]
if not inits:
    st.warning(tr("no_init"), icon="⚠️")
    inits = DEFAULT["init"]
runs = [(a, i) for a in acts for i in inits]
if len(runs) > MAX_RUNS:
    st.warning(tr("too_many_runs", count=len(runs), limit=MAX_RUNS), icon="⚠️")
    runs = runs[:MAX_RUNS]
size = gradflow.fit_size(int(depth), int(width), int(batch))
if size != (depth, width, batch):
    st.warning(tr("resized", depth=size[0], width=size[1], batch=size[2]), icon="⚠️")

story = _matching_preset(list(acts), list(inits), depth, width, batch, bias, norm, residual)
if story is not None:
    st.info(tr(f"story_{story}"), icon="💡")

names = _run_names(runs)
options = dict(seed=int(seed), norm=norm, residual=bool(residual), bias=float(bias))
results = _simulate_all(runs, names, size, options)
kept = [(s, n) for s, n in zip(results, names) if s is not None]
stats, names = [s for s, _ in kept], [n for _, n in kept]
for s, name in kept:
    if s.overflow_layer is not None:
        st.warning(tr(f"overflow_{s.overflow_pass}", run=name, layer=s.overflow_layer),
                   icon="⚠️")

if stats:
    st.subheader(tr("grad_title"))
    top = stats[0].grad_h_norm[-1]
    chain = gradflow.chain_rule_reference(top, stats[0].depth) if math.isfinite(top) else None
    chart(figs.gradient_norms(
        stats, names, title_h=tr("grad_h_title"), title_w=tr("grad_w_title"),
        x_title=tr("layer"), y_title=tr("norm_log"),
        theory_names=[tr("theory_of", run=n) for n in names], chain_name=tr("chain"),
        chain=chain, present=present), key="gf_grad", filename="gradient_norms")
    st.caption(tr("grad_notice"))

    st.subheader(tr("dist_title"))
    box_tab, heat_tab = st.tabs([tr("tab_box"), tr("tab_heat")])
    with box_tab:
        chart(figs.distribution_boxes(stats, names, x_title=tr("layer"), y_title=tr("value"),
                                      present=present), key="gf_box", filename="activations_box")
    with heat_tab:
        chart(figs.distribution_heatmaps(stats, names, x_title=tr("layer"), y_title=tr("value"),
                                         colorbar_title=tr("share"), present=present),
              key="gf_heat", filename="activations_histogram")
    st.caption(tr("dist_notice"))

    st.subheader(tr("frac_title"))
    chart(figs.unit_fractions(stats, names, title_saturated=tr("saturated"),
                              title_dead=tr("dead"), x_title=tr("layer"),
                              y_title=tr("percent"), present=present),
          key="gf_frac", filename="saturated_dead")
    st.caption(tr("frac_notice"))

    st.subheader(tr("table_title"))
    st.dataframe(_summary(stats, names), hide_index=True, width="stretch", column_config={
        tr("col_loss"): st.column_config.NumberColumn(format="%.4g"),
        tr("col_ratio"): st.column_config.NumberColumn(format="scientific"),
        tr("col_predicted"): st.column_config.NumberColumn(format="scientific"),
        tr("col_dead"): st.column_config.NumberColumn(format="%.1f %%"),
        tr("col_saturated"): st.column_config.NumberColumn(format="%.1f %%"),
    })
    st.caption(tr("table_notice"))

    with st.expander(tr("theory_title"), expanded=not present):
        st.write(tr("theory_text"))
        st.latex(r"g_l = n\,\mathrm{Var}(W)\,\mathbb{E}\!\left[f'(z_l)^2\right], \qquad "
                 r"\frac{\lVert \partial L/\partial h_l \rVert}{\lVert \partial L/\partial h_D"
                 r"\rVert} \approx \prod_{k=l+1}^{D} \sqrt{g_k}")
        st.write(tr("theory_chain"))
        st.latex(r"\frac{\partial h_D}{\partial h_0} = \prod_{l=1}^{D} \sigma'(z_l)"
                 r" \le \sigma'(0)^D = 0.25^D")
        st.write(tr("theory_note"))
        if norm != "none" or residual:
            st.write(tr("theory_norm_note"))

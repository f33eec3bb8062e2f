"""Activation explorer: f and f' of any curves, side by side, with teaching overlays.

A *curve* is a registry activation plus its parameter values, so one function can appear
several times (LeakyReLU 0.01 next to 0.2). Everything shown lives in the URL:

- ``fn``: one value per curve, in order (registry names; aliases such as ``swish`` are
  accepted). This page writes it itself, because a multiselect can't hold duplicates; it
  is absent when the curves are the default sigmoid, tanh, relu.
- ``p<i>_<param>``: parameter ``param`` of curve ``i`` (0-based), e.g. ``p1_negative_slope``.
  Bound sliders (a selectbox for GELU's ``approximate``); absent at the registry default.
- ``xmin``, ``xmax``, ``n``: x range and number of points (defaults -6, 6, 801).
- ``sat``, ``dead``, ``diff``, ``train``: overlays (defaults true, false, false, true):
  |f'| < 0.01 shading, f' = 0 shading, differences to the first curve, RReLU's
  training-mode draws. ``scale`` and ``k``: the f(kx)/k chart (defaults false, 2).
- ``expr``: a typed formula f(x) (`ui.custom`), drawn after the curves above as "custom";
  ``expr_<letter>``: its free parameters (sliders in the formula box).
- ``yzoom``: f's y axis fixed to [-1.5, 1.5] (default false), for sigmoid and tanh next to
  ReLU-like curves that would squash them into a strip.
- ``sweep``: a numeric parameter (``beta``, ``negative_slope``, ...) of the first curve that
  has it, animated in the browser: f and f' side by side with Play and a slider, e.g.
  ``?fn=softplus&sweep=beta``. A tour step can open it.

The controls (in the sidebar) and everything they drive are one fragment (`_explorer`):
moving one reruns that alone, not the shared frame and the title (one visitor: 13 ms of
server CPU a change instead of 18). A link is checked by the full run that opens it.

Choice widgets show readable names (GELU's "exact"/"tanh approximation") while the URL keeps
the code names; a bound widget with ``format_func`` would put the shown text in the URL,
so those are synchronised by hand (`_code_select`).

Example: ``?fn=leaky_relu&fn=leaky_relu&p1_negative_slope=0.2&dead=true``. Bad values in a
link (unknown names, NaN, out of range, stray ``p<i>_...`` keys) give a warning and the
default; they are checked when a link arrives, not on the page's own reruns.
"""

import functools
import math

import streamlit as st
from streamlit.errors import StreamlitAPIException

import activations
from activations import explore
from activations.figures.curves import (
    ZONE_OPACITY, Line, SweepTexts, Texts, Zones, curves_figure, difference_figure,
    scale_figure, sweep_figure,
)
from activations.figures.style import SHADE, color, dash
from activations.numfmt import fmt, fmt_chart, round_log_steps
from ui.frame import chart, display_math, fragment, on_phone, presenting, require_app_frame, touch
from ui.i18n import lang, t, yes_no
from ui import cached, tourbar
from ui import custom as formula_ui
from ui import urlstate
from ui.urlstate import guard

require_app_frame()  # first: a fresh process may run a page without app.py

FN = "fn"
SEEN = "_curves_fn"  # the curve names of the last run: a different list means a new link
NAMES = activations.names()
# k from 1/100 to 100 (the notes: ×100 makes softplus a hard kink, /100 a kink smooth), on
# round steps as fine on either side of 1: 0.01, 0.012, 0.015, ... 80, 100
K_MIN, K_MAX, K_DEFAULT = 0.01, 100.0, 2.0
K_STEPS = round_log_steps(K_MIN, K_MAX)
TOGGLES = {"sat": True, "dead": False, "diff": False, "train": True, "scale": False,
           "yzoom": False}
ZOOM = (-1.5, 1.5)  # yzoom's f range: sigmoid and tanh fill it, ReLU's corner shows
SWEEP = "sweep"
WARN = ":material/warning:"
# Activations whose details tab carries a note (`curves.act_note_<name>`): where the lecture
# notes say something the charts contradict.
ACT_NOTES = ("threshold",)
# Chart heights side by side in presentation mode: the pair fills a 1280x720 projector
# below the one-line title and intro, legend included (measured in tests/browser).
PRESENT_PAIR_HEIGHT = 500


def _label(name: str) -> str:
    return activations.get(name).label


def _md(text: str) -> str:
    """Registry text inside markdown: underscores and asterisks stay literal."""
    return text.replace("\\", "\\\\").replace("_", "\\_").replace("*", "\\*")


def _fmt(value: float) -> str:
    return fmt(value)


def _pname(param: str) -> str:
    """A parameter's readable name (``negative_slope`` -> "negative slope")."""
    return t(f"curves.pname_{param}")


def _code_select(label: str, options, default, key: str, format_func, **kwargs):
    """A selectbox showing readable names whose URL value ``key`` is the code name.

    The URL is the truth (this page's callbacks keep it in step with the widget), so a new
    link's value is taken over at the start of a run; at ``default`` the key leaves the
    URL.
    """
    options = list(options)
    url = st.query_params.get(key)
    want = url if url in options else default
    if st.session_state.get(key) != want:
        st.session_state[key] = want

    def follow() -> None:
        _set_bound(key, st.session_state.get(key), default)

    return st.selectbox(label, options, key=key,
                        format_func=format_func, on_change=follow, **kwargs)


def _stem(curves, what: str) -> str:
    """A download name; the typed formula's curve counts as "custom"."""
    named = [c if isinstance(c.name, str) else explore.Curve(formula_ui.CHOICE) for c in curves]
    return explore.file_stem(named, what)


def _cell(text: str) -> str:
    """Text inside a markdown table cell: a | (as in |f′|) would end the cell."""
    return text.replace("|", "\\|")


# ---------------------------------------------------------------- the curve list and URL


def _url_curves() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return explore.parse_curve_names(st.query_params.get_all(FN))


def _write_curves(names) -> None:
    """Mirror the curve list into the URL: repeated ``fn``, absent for the default."""
    names = tuple(names)
    st.session_state[SEEN] = names
    _drop_stray(names)  # a curve that left takes its hand-synchronised choice keys along
    urlstate.write(FN, names, explore.DEFAULT_CURVES)


def _url_value(value) -> str:
    """A widget value as Streamlit writes it into the URL (5.0 -> "5", True -> "true")."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _set_bound(key: str, value, default) -> None:
    """Set a URL-bound widget's value from a callback, in the URL too.

    Streamlit writes a value set in code into the URL only for a widget that is already on
    the page; for one that appears in this run (a new curve's slider) the page writes it.
    """
    st.session_state[key] = value
    try:
        urlstate.write(key, _url_value(value), _url_value(default))
    except StreamlitAPIException:
        pass  # bound to a widget already on the page: Streamlit keeps the URL in step


def _set_params(slot: int, curve: explore.Curve) -> None:
    """Give curve ``slot``'s parameter widgets these values (old values must not leak)."""
    defaults = curve.act.defaults
    for name, value in curve.params:
        _set_bound(explore.param_key(slot, name), value, defaults[name])


def _pick(slot: int) -> None:
    names = list(_url_curves()[0])
    names[slot] = st.session_state[f"curve{slot}"]
    _set_params(slot, explore.Curve.make(names[slot]))
    _write_curves(names)


def _remove(slot: int) -> None:
    names = list(_url_curves()[0])
    for i in range(slot, len(names) - 1):  # shift later curves up, parameters included
        for p in activations.get(names[i + 1]).params:
            value = st.session_state.get(explore.param_key(i + 1, p.name), p.default)
            _set_bound(explore.param_key(i, p.name), value, p.default)
    del names[slot]
    _write_curves(names)


def _add() -> None:
    name = st.session_state.get("add")
    names = list(_url_curves()[0])
    if name in NAMES and len(names) < explore.MAX_CURVES:
        _set_params(len(names), explore.Curve.make(name))
        _write_curves([*names, name])
    st.session_state["add"] = None


def _apply_preset() -> None:
    key = st.session_state.get("preset")
    if key is None:
        return
    p = explore.preset(key)
    for slot, curve in enumerate(p.curves):
        _set_params(slot, curve)
    _write_curves([c.name for c in p.curves])
    _set_bound("xmin", p.xmin, explore.DEFAULT_XMIN)
    _set_bound("xmax", p.xmax, explore.DEFAULT_XMAX)
    _set_bound("n", explore.DEFAULT_POINTS, explore.DEFAULT_POINTS)
    for toggle, value in (("sat", p.saturation), ("dead", p.dead), ("diff", p.difference),
                          ("scale", p.scale)):
        _set_bound(toggle, value, TOGGLES[toggle])
    _set_bound("k", p.k, K_DEFAULT)
    st.session_state.preset = None  # a preset is an action, not a state


# ---------------------------------------------------------------- checking a link


def _rules(names) -> list[urlstate.Rule]:
    """What each URL key may hold, for these curves."""
    m = explore.MAX_ABS_X
    rules = [urlstate.number("xmin", -m, m, explore.DEFAULT_XMIN),
             urlstate.number("xmax", -m, m, explore.DEFAULT_XMAX),
             urlstate.number("n", explore.MIN_POINTS, explore.MAX_POINTS,
                             explore.DEFAULT_POINTS, integer=True),
             urlstate.number("k", K_MIN, K_MAX, K_DEFAULT)]
    rules += [urlstate.choice(key, urlstate.BOOLS, yes_no(default))
              for key, default in TOGGLES.items()]
    rules.append(urlstate.choice(SWEEP, explore.sweep_params(names), t("curves.sweep_off")))
    for slot, name in enumerate(names):
        for p in activations.get(name).params:
            key = explore.param_key(slot, p.name)
            rules.append(urlstate.choice(key, p.choices, p.default) if p.choices
                         else urlstate.number(key, p.min, p.max, p.default))
    return rules


def _drop_stray(names) -> list[str]:
    """Remove ``p<i>_...`` keys that belong to no curve (e.g. p5_alpha with three curves)."""
    wanted = {r.key for r in _rules(names)}
    stray = [k for k in st.query_params if explore.parse_param_key(k) and k not in wanted]
    for key in stray:
        try:
            del st.query_params[key]
        except StreamlitAPIException:
            pass  # bound to a widget on this page: Streamlit keeps the URL in step
    return [t("curves.stray_params")] if stray else []  # never echo the key itself


# ---------------------------------------------------------------- widgets


def _param_widget(slot: int, p: activations.Param, act: str):
    key = explore.param_key(slot, p.name)
    if p.choices:
        return _code_select(_pname(p.name), p.choices, p.default, key,
                            lambda v: t(f"curves.choice_{p.name}_{v}"),
                            help=t(f"curves.phelp_{act}_{p.name}"))
    digits = max(2, -int(f"{p.step:e}".split("e")[1])) + 1  # step 0.01 -> 3 decimals
    return st.slider(_pname(p.name), float(p.min), float(p.max), float(p.default),
                     float(p.step),
                     format=f"%.{digits}f", key=key, help=t(f"curves.phelp_{act}_{p.name}"),
                     bind="query-params")


def _curve_controls(names) -> list[dict]:
    """One bordered box per curve: function, its parameters, a remove button."""
    raw = []
    for slot, name in enumerate(names):
        key = f"curve{slot}"
        if st.session_state.get(key) != name:
            st.session_state[key] = name
        with st.container(border=True):
            st.selectbox(t("curves.curve_n", n=slot + 1), NAMES, key=key, format_func=_label,
                         on_change=_pick, args=(slot,))
            raw.append({p.name: _param_widget(slot, p, name) for p in activations.get(name).params})
            st.button(t("curves.remove"), key=f"rm{slot}", on_click=_remove, args=(slot,),
                      disabled=len(names) == 1, type="tertiary", icon=":material/close:")
    st.selectbox(t("curves.add"), NAMES, index=None, key="add", format_func=_label,
                 placeholder=t("curves.add_placeholder"), on_change=_add,
                 disabled=len(names) >= explore.MAX_CURVES)
    return raw


def _k_text(k: float) -> str:
    """k as the slider and a link show it: 2.0 -> "2", 0.012 -> "0.012"."""
    return format(float(k), "g")


def _snap_k() -> None:
    """A link's k that the guard let through (a number in [K_MIN, K_MAX]) but that is no
    step of the slider (``k=2.0``; ``k=7.7`` from the old slider's 0.1 steps): the nearest
    step on a log scale, said under the slider when it moved. A bound select_slider drops
    such a value silently."""
    raw = st.query_params.get("k")
    if raw is None or raw in map(_k_text, K_STEPS) or "k" in st.session_state:
        return
    value = urlstate.parse_number(raw, K_MIN, K_MAX)
    if value is None:
        return
    snapped = min(K_STEPS, key=lambda step: abs(math.log(step / value)))
    st.session_state["k"] = snapped
    if snapped != value:
        st.info(t("curves.k_snapped", value=_k_text(snapped)), icon=":material/info:")


def _view_controls(names):
    st.subheader(t("curves.range_header"))
    row = st.container(horizontal=True, wrap=False)  # one block, not three
    xmin = row.number_input(t("curves.xmin"), -explore.MAX_ABS_X, explore.MAX_ABS_X,
                            explore.DEFAULT_XMIN, 0.5, format="%g", key="xmin",
                            bind="query-params")
    xmax = row.number_input(t("curves.xmax"), -explore.MAX_ABS_X, explore.MAX_ABS_X,
                            explore.DEFAULT_XMAX, 0.5, format="%g", key="xmax",
                            bind="query-params")
    n = st.number_input(t("curves.points"), explore.MIN_POINTS, explore.MAX_POINTS,
                        explore.DEFAULT_POINTS, 100, key="n", help=t("curves.points_help"),
                        bind="query-params")
    st.subheader(t("curves.overlays_header"))
    show = {key: False for key in TOGGLES}
    for key in ("sat", "dead", "scale"):
        show[key] = st.toggle(t(f"curves.{key}"), TOGGLES[key], key=key,
                              help=t(f"curves.{key}_help"), bind="query-params")
    k = None
    if show["scale"]:
        _snap_k()
        k = st.select_slider(t("curves.k"), K_STEPS, K_DEFAULT, key="k", format_func=_k_text,
                             help=t("curves.k_help"), bind="query-params")
    if len(names) >= 2:
        show["diff"] = st.toggle(t("curves.diff"), False, key="diff", help=t("curves.diff_help"),
                                 bind="query-params")
    if "rrelu" in names:
        show["train"] = st.toggle(t("curves.train"), True, key="train",
                                  help=t("curves.train_help"), bind="query-params")
    return xmin, xmax, n, show, k


# ---------------------------------------------------------------- details


def _where(spans) -> str:
    parts = [f"x = {_fmt(a)}" if a == b else f"x ∈ [{_fmt(a)}, {_fmt(b)}]" for a, b in spans[:3]]
    return ", ".join(parts) + (" …" if len(spans) > 3 else "")


def _breaks(curve: explore.Curve) -> list[tuple[str, str]]:
    """The table's rows for where f has no slope: its kinks (f bends) and its jumps (f is
    discontinuous: the step is no kink). "Kinks: none" only where f has no jump either,
    since a jump has no slope as well."""
    def where(points) -> str:
        return ", ".join(f"x = {_fmt(v)}" for v in points)

    jumps = explore.jump_points(curve)
    kinks = [v for v in curve.act.kink_points(**curve.kwargs) if v not in jumps]
    rows = [(t("curves.prop_kinks"), where(kinks) or t("curves.none"))]
    if jumps:
        rows = [(t("curves.prop_jumps"), where(jumps))] + (rows if kinks else [])
    return rows


def _mean_text(mean: explore.OutputMean | None) -> str:
    """The table's mean output: the number and whether it counts as near 0."""
    if mean is None:
        return t("curves.mean_none")
    return t("curves.mean_near" if mean.near_zero else "curves.mean_off", value=_fmt(mean.mean))


def _details(curve: explore.Curve, label: str, info: explore.Overview) -> None:
    act, kw = curve.act, curve.kwargs
    # Few blocks (each element is a message made and sent on every run): the formulas in
    # one Markdown block, the code (``` is st.code's form) in another.
    st.markdown(f"**{t('curves.formula')}**\n\n{display_math(act.formula)}\n\n"
                f"**{t('curves.derivative')}**\n\n{display_math(act.derivative_formula)}")
    top, spans = info.top
    rows = [(t("curves.prop_max_slope"), t("curves.at", value=_fmt(top), where=_where(spans))),
            *_breaks(curve)]
    props = act.facts(**kw)
    if props is not None:
        rows = [(t("curves.prop_range"), f"${props.range}$"),
                (t("curves.prop_mean"), _mean_text(explore.output_mean(curve))),
                (t("curves.prop_monotonic"), yes_no(props.monotonic)),
                (t("curves.prop_smooth"), yes_no(props.smooth) if props.smooth or props.kinks
                 else t("curves.smooth_once")),
                (t("curves.prop_saturates"), t(f"curves.saturates_{props.saturates}")),
                *rows,
                (t("curves.prop_cost"), t(f"curves.cost_{props.cost}"))]
    table = "\n".join(f"| {_cell(name)} | {_cell(value)} |" for name, value in rows)
    st.markdown(f"| {_cell(t('curves.property'))} | {_cell(_md(label))} |\n|---|---|\n{table}")
    st.caption(t("curves.props_note"))
    if curve.name in ACT_NOTES:  # what the lecture notes say of it, next to what is drawn
        st.info(t(f"curves.act_note_{curve.name}", **{k: _fmt(v) for k, v in kw.items()}),
                icon=":material/school:")
    code = (f"**{t('curves.code_numpy')}**\n```python\n{act.numpy_code(**kw)}\n```\n"
            f"**{t('curves.code_torch')}**\n```python\n{act.torch_code(**kw)}\n```")
    link = explore.pytorch_url(curve.name)
    if link is not None:  # a fixed URL from the library, never user text
        code += "\n\n" + t("curves.pytorch_doc", name=link[0], url=link[1])
    st.markdown(code)
    if act.reference:
        st.caption(t("curves.reference", ref=_md(act.reference)))


def _notice(curves, labels, infos, grid) -> list[str]:
    """"What to notice" about exactly the curves drawn, one sentence per shared trait."""
    facts = explore.notice(curves, [bool(info.dead) for info in infos], grid,
                           [bool(info.saturated) for info in infos])
    out = []
    for field in ("saturate_both", "saturate_negative", "saturate_positive", "saturate_beyond",
                  "unbounded", "mean_near_zero", "mean_off_zero", "dead", "kinks", "jumps"):
        group = getattr(facts, field)
        if group:
            # the mean groups name each curve's mean: "ELU 0.161, ReLU 0.399"
            shown = [labels[i] + (f" {fmt(explore.output_mean(curves[i]).mean, 3)}"
                                  if field.startswith("mean_") else "") for i in group]
            out.append(t(f"curves.notice_{field}", names=_md(", ".join(shown))))
    if not (facts.kinks or facts.jumps) \
            and len(facts.saturate_both + facts.saturate_negative + facts.saturate_positive
                    + facts.saturate_beyond + facts.unbounded) == len(curves):
        out.append(t("curves.notice_smooth"))
    return out


# ---------------------------------------------------------------- the page

present = presenting()
if tourbar.heading_shown():
    st.title(t("curves.title"))
    # The intro is one line, the expander's own label; how to read the page is inside it.
    with st.expander(t("curves.intro"), icon=":material/info:"):
        st.markdown(t(touch("curves.more")))
if on_phone():  # the sidebar with every control is folded behind its » button
    st.caption(t("curves.menu_touch"))

notes = []
names, problems = _url_curves()
if "unknown" in problems:
    notes.append(t("common.bad_choices", name=FN))
if "too_many" in problems:
    notes.append(t("curves.too_many", max=explore.MAX_CURVES))
if problems:
    _write_curves(names)  # the link's bad names leave the URL
if st.session_state.get(SEEN) != names:  # a link arrived (or the first run)
    st.session_state[SEEN] = names
    notes += _drop_stray(names)
guard("curves", _rules(names) + formula_ui.rules(), notes)


def _view_row(names) -> tuple[bool, str]:
    """The comparisons, the zoom and the animation: above the charts, or in the sidebar
    in presentation mode (the charts get the projector's whole height)."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox(t("curves.preset"), [p.key for p in explore.PRESETS], index=None,
                     key="preset", format_func=lambda key: t(f"curves.preset_{key}"),
                     placeholder=t("curves.preset_placeholder"), on_change=_apply_preset,
                     width=320)
        options = ("", *explore.sweep_params(names))
        # Labels made now, in this run's language (a format_func may also be called outside
        # the run, as AppTest does, where the session's language is not known).
        labels = {p: _pname(p) if p else t("curves.sweep_off") for p in options}
        param = _code_select(t("curves.sweep"), options, "", SWEEP, labels.__getitem__,
                             help=t("curves.sweep_help"), width=240)
        zoom = st.toggle(t("curves.yzoom"), False, key="yzoom", help=t("curves.yzoom_help"),
                         bind="query-params")
    return zoom, param


# One fragment (`ui.frame.fragment`, see the docstring above). Its controls are in the
# sidebar, where a fragment may write too: its part of the sidebar is redrawn in place.
@fragment
def _explorer() -> None:
    names = _url_curves()[0]  # a callback since the full run may have changed the list
    with st.sidebar:
        if present:
            zoom, sweep_param = _view_row(names)
        formula = formula_ui.formula_box()  # the typed f(x), drawn after the registry curves
        st.header(t("curves.curves_header"))
        raw_params = _curve_controls(names)
        xmin, xmax, n, show, k = _view_controls(names)
    if not present:
        zoom, sweep_param = _view_row(names)

    grid, grid_problems = explore.check_grid(xmin, xmax, n)
    for problem in grid_problems:
        st.warning(t(f"curves.grid_{problem}"), icon=WARN)

    curves = []
    for name, raw in zip(names, raw_params, strict=True):
        curve, ok = explore.resolve_curve(name, raw)
        if not ok:
            st.warning(t("curves.bad_params", label=_label(name)), icon=WARN)
        curves.append(curve)
    if formula is not None:
        curves.append(explore.Curve(formula.act, formula.params))

    g = (grid.xmin, grid.xmax, grid.n)
    infos = [cached.sampled(c.name, c.params, *g) if isinstance(c.name, str)
             else formula_ui.overview(formula.text, formula.params, *g) for c in curves]
    if formula is not None:
        formula_ui.values_note(formula, grid.x())
    labels = explore.curve_labels(
        curves, {p: _pname(p) for c in curves if isinstance(c.name, str) for p, _ in c.params},
        {v: t(f"curves.choice_approximate_{v}") for v in ("none", "tanh")},
        (t("curves.label_curve"), t("curves.label_param"), t("curves.label_params", a="", b="")))
    # a jump is drawn broken, with its dots (a kink, continuous, is not on f; on f' it is)
    lines = [Line(label, color(i), info.sample.f, info.sample.df, dash(i),
                  explore.jumps(c, grid), explore.slope_jumps(c, grid))
             for i, (c, label, info) in enumerate(zip(curves, labels, infos, strict=True))]
    # With dead zones shown, a curve's own lane covers only where it saturates yet still has
    # a slope, so the red f' = 0 band says "dead" alone.
    saturation = [Zones(info.fading if show["dead"] else info.saturated, color(i), ZONE_OPACITY,
                        group=labels[i])
                  for i, info in enumerate(infos)] if show["sat"] else []
    dead = [Zones(info.dead, SHADE, note=t("curves.dead_note", label=label))
            for label, info in zip(labels, infos, strict=True) if info.dead] if show["dead"] else []
    samples_f, samples_df = [], []
    if show["train"]:
        for i, c in enumerate(curves):
            if c.name == "rrelu":
                r = explore.rrelu_training(c, grid)
                # the line is "RReLU (eval)"; the dots are training's: "RReLU, training
                # draws", not "RReLU (eval), training draws"
                name = t("curves.train_name", label=labels[i].replace(" (eval)", "", 1))
                samples_f.append((name, color(i), r.x, r.y))
                samples_df.append((name, color(i), r.slope_x, r.slope))
    hover = dict(f=t("curves.hover_f"), df=t("curves.hover_df"),
                 undefined=t("curves.hover_undefined"))
    threshold = (explore.SATURATION_SLOPE, t("curves.threshold")) if show["sat"] else None
    # What the charts show, in words, for their screen-reader names (`chart`'s alt).
    span = dict(x0=fmt_chart(grid.xmin), x1=fmt_chart(grid.xmax), names=", ".join(labels))
    pair_height = PRESENT_PAIR_HEIGHT if present else None
    lane_note = t("curves.lane_note")

    # The typed formula is always last and never swept: only registry curves are cache keys.
    named = tuple(c for c in curves if isinstance(c.name, str))
    swept = cached.swept(named, sweep_param, *g) if sweep_param else None
    if swept is not None:
        moving = lines[swept.slot]
        label = t("curves.sweep_name", label=curves[swept.slot].act.label,
                  param=_pname(swept.param))
        fig = sweep_figure(
            grid.xmin, swept.grid.dx, [ln for i, ln in enumerate(lines) if i != swept.slot],
            Line(label, moving.color, moving.f, moving.df, moving.dash), swept.f, swept.df,
            swept.labels, int(abs(swept.values - curves[swept.slot].kwargs[swept.param]).argmin()),
            SweepTexts(t("curves.f_title"), t("curves.df_title"), t("curves.x"),
                       _pname(swept.param) + " = ", t("curves.play"), t("curves.pause")),
            present=present, height=PRESENT_PAIR_HEIGHT if present else 480, stacked=on_phone(),
            jumps=swept.jumps, kinks=swept.kinks)
        chart(fig, key="chart_sweep", filename=_stem(curves, f"sweep-{swept.param}"),
              alt=t("curves.alt_sweep", param=_pname(swept.param),
                    label=curves[swept.slot].act.label, lo=fmt_chart(swept.values.min()),
                    hi=fmt_chart(swept.values.max())))
        caption = t("curves.sweep_caption", label=_md(curves[swept.slot].act.label),
                    param=_md(_pname(swept.param)))
        if show["sat"] or show["dead"]:  # their toggles are on, and the animation has neither
            caption += " " + t("curves.sweep_no_overlays")
        st.caption(caption)
    else:
        # The pair depends only on these (the typed formula is no key): a class at one view
        # shares one pair of figures.
        view = (named, g, tuple(show.items()), zoom, lang(), present, on_phone()) \
            if formula is None else None
        left, right = st.columns(2)
        with left:
            fig_f = cached.kept(view and ("curves_f", *view), lambda: curves_figure(
                grid.xmin, grid.dx, lines,
                Texts(t("curves.f_title"), t("curves.x"), t("curves.f_axis"), **hover),
                saturation=saturation, lane_note=lane_note, dead=dead, samples=samples_f,
                # f' has the threshold's entry; side by side, f keeps room for it, so the two
                # legends take the same rows (a phone stacks them: no need)
                legend_room=[threshold[1]] if threshold and not on_phone() else [],
                y_range=ZOOM if zoom else None, height=pair_height, present=present))
            chart(fig_f, key="chart_f", filename=_stem(curves, "f"), alt=t("curves.alt_f", **span))
            st.caption(t(touch("curves.f_caption")))
        with right:
            fig_df = cached.kept(view and ("curves_df", *view), lambda: curves_figure(
                grid.xmin, grid.dx, lines,
                Texts(t("curves.df_title"), t("curves.x"), t("curves.df_axis"), **hover,
                      faint=t("curves.faint")),
                derivative=True, saturation=saturation, lane_note=lane_note, dead=dead,
                samples=samples_df, threshold=threshold, height=pair_height, present=present))
            chart(fig_df, key="chart_df", filename=_stem(curves, "df"),
                  alt=t("curves.alt_df", **span))
            shares = "; ".join(f"{label} {info.share:.0%}"
                               for label, info in zip(labels, infos, strict=True))
            st.caption(t("curves.df_caption", shares=_md(shares)))

    # While a parameter plays, the facts below hold at the curve's own value only (Softplus at
    # β = 1 keeps a slope above 0.01 on [-3, 3]; at β = 20 it does not): the header says so.
    header = t("curves.notice_header") if swept is None else t(
        "curves.notice_header_at", param=_md(_pname(swept.param)),
        value=_fmt(curves[swept.slot].kwargs[swept.param]))
    st.info("  \n".join([header, *_notice(curves, labels, infos, grid)]),
            icon=":material/lightbulb:")
    match = explore.matching_preset(curves)
    if match is not None:
        st.info(t(f"curves.note_{match.key}"), icon=":material/school:")

    if show["scale"] and k is not None:
        # the gap also where kx lands on the grid: k = 100 squeezes a bend 100 times
        scaled = [(explore.scaled(c, grid, k), explore.scale_gap(c, grid, k))
                  for c in curves]
        fig = scale_figure(grid.xmin, grid.dx, lines, [s for s, _ in scaled],
                           [t("curves.scaled_name", label=label, k=_fmt(k)) for label in labels],
                           Texts(t("curves.scale_title", k=_fmt(k)), t("curves.x"),
                                 t("curves.f_axis")), present=present, stacked=on_phone(),
                           scaled_jumps=[explore.scaled_jumps(c, grid, k) for c in curves])
        chart(fig, key="chart_scale", filename=_stem(curves, f"scale-k{_fmt(k)}"),
              alt=t("curves.alt_scale", k=fmt_chart(k), names=span["names"]))
        gaps = "; ".join(f"{label} {_fmt(gap)}"
                         for label, (_, gap) in zip(labels, scaled, strict=True))
        st.caption(t("curves.scale_caption", k=_fmt(k), gaps=_md(gaps)))

    if show["diff"] and len(curves) >= 2:
        diffs, gaps, breaks = [], [], []
        for j in range(1, len(curves)):
            d = explore.difference(curves[j], curves[0], grid)
            breaks.append(explore.difference_jumps(curves[j], curves[0], grid))
            diffs.append((t("curves.diff_f", a=labels[j], b=labels[0]),
                          t("curves.diff_df", a=labels[j], b=labels[0]), color(j), d.f, d.df))
            gaps.append(f"{labels[j]} {_fmt(d.gap)}")
        fig = difference_figure(grid.xmin, grid.dx, diffs,
                                Texts(t("curves.diff_title", b=labels[0]), t("curves.x"),
                                      t("curves.diff_axis")),
                                titles=(t("curves.diff_panel_f"), t("curves.diff_panel_df")),
                                present=present, jumps=breaks)
        chart(fig, key="chart_diff", filename=_stem(curves, "difference"),
              alt=t("curves.alt_diff", b=labels[0], x0=span["x0"], x1=span["x1"]))
        st.caption(t("curves.diff_caption", b=_md(labels[0]), gaps=_md("; ".join(gaps))))

    headers = [t("curves.csv_x")]
    columns = []
    for label, line in zip(labels, lines, strict=True):
        headers += [t("curves.csv_f", label=label), t("curves.csv_df", label=label)]
        columns += [line.f, line.df]
    table = functools.partial(explore.csv_table, grid, headers, columns)  # made on a click
    st.download_button(t("curves.csv"), table, file_name=_stem(curves, "data") + ".csv",
                       mime="text/csv", key="csv", on_click="ignore", icon=":material/download:")
    st.caption(t(touch("curves.export_note")))

    st.subheader(t("curves.details_header"))
    # Lazy tabs: only the open one is computed and sent.
    tabs = st.tabs([f"{i + 1}. {_md(label)}" for i, label in enumerate(labels)], key="details",
                   on_change="rerun")
    for tab, curve, label, info in zip(tabs, curves, labels, infos, strict=True):
        if tab.open:
            with tab:
                _details(curve, label, info)


_explorer()

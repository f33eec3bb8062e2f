"""Softmax and cross-entropy playground: temperature, argmax vs soft argmax, losses.

Shared link parameters: ``logits`` (comma-separated numbers), ``T`` (the temperature, a
value on the slider's grid such as ``T=0.5``), ``target`` (a class number such as ``2``,
or one weight per class), ``drag`` (the class whose logit the loss curve sweeps, by
number), ``sweep`` (the class whose logit the argmax-vs-softmax chart moves, by number;
none: the class with the largest logit), and the other tabs' own controls: ``bin_z``,
``outlier`` (the regression tab's push, 0 to 20), ``shift`` and ``dtype``. The logits and
class names at the top feed the first two tabs, where the temperature sits above the charts
it drives (a fragment: moving T reruns those charts alone); the other tabs are
self-contained, and the controls of the last three rerun their own tab alone. ``tab``
(softmax, target, example, binary, regression, stability) opens that tab.
"""

import numpy as np
import pandas as pd
import streamlit as st

from activations import playground as pg
from activations.numfmt import fmt_chart, fmt_tex, fmt_text
from activations.figures import softmax as figs
from activations.softmax import entropy, logit_sweep, softmax
from ui.frame import (chart, compact_layout, display_math, fragment, latex, lazy_tabs, on_phone,
                      presenting, require_app_frame, tab_rule, text_table, wide_gap)
from ui.i18n import lang, t
from ui import cached, tourbar
from ui import urlstate
from ui.urlstate import guard, parse_number, raw_values

require_app_frame()  # first: a fresh process may run a page without app.py

DEFAULT_LOGITS_TEXT = pg.format_logits(pg.DEFAULT_LOGITS)
T_LABELS = [pg.format_temperature(v) for v in pg.TEMPERATURES]
WARN = ":material/warning:"
DTYPES = ("float64", "float32")  # the stability tab's precisions
EX_DIGITS = 5  # the worked example's cross-entropies: 1.3863 and 1.2997 (the notes: 1.38, 1.29)
present = presenting()  # the projector's look
# A one-line intro, the class controls in the sidebar, charts before their text: on a
# projector (its sidebar folded), on the tour
compact = compact_layout()


def _error_text(error: pg.InputError, n: int | None = None) -> str:
    """A parse error as a sentence in the visitor's language (never the raw text)."""
    return t(f"softmax.err_{error.reason}", item=error.item, count=error.count,
             n=n, lo=pg.MIN_CLASSES, hi=pg.MAX_CLASSES, limit=f"{pg.LOGIT_LIMIT:g}",
             length=pg.MAX_TEXT_LENGTH)


def _default_names() -> list[str]:
    return [t("softmax.class_name", k=k + 1) for k in range(pg.MAX_CLASSES)]


def _class_names(n: int) -> list[str]:
    """Names for the n classes: the visitor's (stored, None = default) or the defaults."""
    defaults = _default_names()[:n]
    return pg.fit_names(st.session_state.get("names"), defaults)


def _store(values, names) -> None:
    """Make ``values``/``names`` the current classes (callbacks only, before widgets)."""
    defaults = _default_names()
    st.session_state["logits"] = pg.format_logits(values)
    st.session_state["names"] = [None if name == defaults[i] else name
                                 for i, name in enumerate(names)]


# --- callbacks: each writes the canonical state (the `logits` text and the names) ---

def _on_preset() -> None:
    preset = st.session_state.get("preset")
    if preset in pg.PRESETS:
        values = pg.PRESETS[preset]
        _store(values, _default_names()[:len(values)])
    st.session_state["preset"] = None


def _on_slider(values, names) -> None:
    moved = [st.session_state.get(f"z{i}", v) for i, v in enumerate(values)]
    _store(moved, names)


def _on_table(key: str, values, names) -> None:
    try:
        new_names, new_values = pg.apply_table_edits(
            names, values, st.session_state.get(key) or {}, _default_names())
    except pg.InputError as error:
        st.session_state["table_error"] = (error.reason, error.item, error.count)
    else:
        _store(new_values, new_names)
    st.session_state["table_version"] = st.session_state.get("table_version", 0) + 1


def _on_pick() -> None:
    pick = st.session_state.get("target_pick")
    if pick is not None:
        st.session_state["target"] = str(pick + 1)


# --- URL checks that the bound widgets can't make ---

def _check_temperature_link(alerts) -> None:
    """Warn on a bad ``T``; move a usable T that is off the slider's grid onto it."""
    values = raw_values("T")
    if not values or (len(values) == 1 and values[0] in T_LABELS):
        return
    lo, hi = pg.TEMPERATURES[0], pg.TEMPERATURES[-1]
    value = parse_number(values[0], lo, hi) if len(values) == 1 else None
    if value is None:
        alerts.warning(t("common.bad_number", name="T", lo=lo, hi=hi,
                         default=pg.format_temperature(pg.DEFAULT_TEMPERATURE)), icon=WARN)
    elif "T" not in st.session_state:
        snapped = pg.snap_temperature(value)
        st.session_state["T"] = snapped
        alerts.info(t("softmax.T_snapped", value=pg.format_temperature(snapped)),
                    icon=":material/info:")


def _check_repeated_links(alerts) -> None:
    """Warn when a text parameter is given more than once (the widget keeps the last)."""
    for key in ("logits", "target"):
        if len(raw_values(key)) > 1:
            alerts.warning(t("softmax.repeated", name=key), icon=WARN)


def _signed(x: float) -> str:
    """A metric's delta: the number itself, with its sign first, so Streamlit's arrow and
    colour follow it in every language (words go in the label)."""
    return ("+" if x > 0 else "") + fmt_text(x)


def _logit_sliders(names, values) -> None:
    """One slider per class, two to a row: on a phone the rows stack and still read 1, 2,
    3, 4 (two tall columns would read 1, 3, 2, 4)."""
    for row in range(0, len(values), 2):
        cells = st.columns(2)
        for cell, i in zip(cells, range(row, min(row + 2, len(values)))):
            v = values[i]
            st.session_state[f"z{i}"] = float(v)  # the sliders follow the canonical text
            cell.slider(names[i], min_value=min(-10.0, float(np.floor(v))),
                        max_value=max(10.0, float(np.ceil(v))), step=0.1, key=f"z{i}",
                        on_change=_on_slider, args=(values.tolist(), names))


def _class_panel():
    """The logits and class names, drawn in the tabs that read them: in an expander (folded
    on a phone, where its sliders took a screen and a half above the tab's own controls and
    charts), or laid out compactly in the sidebar (on a projector one click away; on the
    tour, where above T they pushed the step's chart below the first screen), so that T
    and the chart fill the screen.

    Returns (values, names, where they are: a tab may add its own controls there).
    """
    if compact:
        box = st.sidebar.container()
        box.subheader(t("softmax.controls"))
    else:
        box = st.expander(t("softmax.controls"), expanded=not on_phone())
    with box:
        left, right = (box, box) if compact else st.columns([1, 1], gap=wide_gap())
        with left:
            st.selectbox(t("softmax.preset"), list(pg.PRESETS), index=None, key="preset",
                         format_func=lambda p: t(f"softmax.preset_{p}"),
                         placeholder=t("softmax.preset_placeholder"), on_change=_on_preset)
            text = st.text_input(t("softmax.logits"), value=DEFAULT_LOGITS_TEXT, key="logits",
                                 max_chars=pg.MAX_TEXT_LENGTH, help=t("softmax.logits_help"),
                                 bind="query-params")
            try:
                values = pg.parse_logits(text)
            except pg.InputError as error:
                alerts.warning(t("softmax.bad_logits", reason=_error_text(error),
                                 default=DEFAULT_LOGITS_TEXT), icon=WARN)
                values = np.array(pg.DEFAULT_LOGITS)
            names = _class_names(values.size)
        with right:
            st.caption(t("softmax.sliders"))
            _logit_sliders(names, values)
            _class_table(names, values)
    return values, names, box


def _where_logits(key: str) -> str:
    """``key``'s text as it fits where `_class_panel` put the logits: above, on the page; in
    the sidebar, folded on a projector (the text names its » button), open on the tour."""
    return t(f"softmax.{key}_present" if present else f"softmax.{key}_tour" if compact
             else f"softmax.{key}")


def _temperature() -> float:
    """The temperature slider, above the charts it drives (in view on a projector too,
    where the class controls are in the sidebar). One low row: the sentence beside the
    slider names T, so the slider's own label is left out of sight. On a phone the sentence
    goes under the slider: kept in the row, it was squeezed into a column one letter wide
    and 800 px tall, off the screen's edge."""
    with st.container(horizontal=True, vertical_alignment="center"):
        temperature = st.select_slider(
            t("softmax.T"), options=pg.TEMPERATURES, value=pg.DEFAULT_TEMPERATURE, key="T",
            format_func=pg.format_temperature, bind="query-params", width="stretch",
            label_visibility="collapsed")
        st.markdown(t("softmax.beta", T=pg.format_temperature(temperature),
                      beta=fmt_text(1 / temperature)), help=t("softmax.T_help"), width="content")
    return temperature


def _class_table(names, values) -> None:
    # Lazy: the editable table is made and sent only while its expander is open (opening
    # it reruns); closed, as it mostly is, it cost every run a DataFrame and a data editor.
    box = st.expander(t("softmax.table"), key="table_open", on_change="rerun")
    if not box.open:
        return
    with box:
        error = st.session_state.pop("table_error", None)
        if error:
            st.warning(t("softmax.bad_table", reason=_error_text(pg.InputError(*error))),
                       icon=WARN)
        table_key = f"classes_{st.session_state.get('table_version', 0)}"
        st.data_editor(
            pd.DataFrame({"name": names, "logit": values}), key=table_key,
            num_rows="dynamic", hide_index=True, width="stretch",
            column_config={
                "name": st.column_config.TextColumn(
                    t("softmax.col_name"), max_chars=pg.MAX_NAME_LENGTH,
                    help=t("softmax.col_name_help")),
                "logit": st.column_config.NumberColumn(
                    t("softmax.col_logit"), min_value=-pg.LOGIT_LIMIT,
                    max_value=pg.LOGIT_LIMIT, format="%g"),
            },
            on_change=_on_table, args=(table_key, values.tolist(), names))
        # "double-click" means nothing to a finger: a phone's text says to tap twice
        st.caption(t("softmax.table_help_touch" if on_phone() else "softmax.table_help",
                     lo=pg.MIN_CLASSES, hi=pg.MAX_CLASSES))


# --- page ---

if tourbar.heading_shown():  # (on the projector during the tour, its banner heads it)
    st.title(t("softmax.title"))
    if compact:  # one line for the room (and the tour); the rest a click away
        with st.container(horizontal=True, vertical_alignment="center"):
            st.write(t("softmax.intro_short"))
            with st.popover(t("softmax.intro_more"), icon=":material/info:", type="tertiary"):
                st.write(t("softmax.intro"))
    else:
        st.write(t("softmax.intro"))
alerts = st.container()  # link and input warnings, above the tabs so they are seen
TABS = ("softmax", "target", "example", "binary", "regression", "stability")
TAB_LABELS = [t(f"softmax.tab_{k}") for k in TABS]
with alerts:  # the tabs and their own link values
    guard("softmax", [tab_rule(TABS, TAB_LABELS),
                      urlstate.number("outlier", 0.0, pg.OUTLIER_MAX, 0.0),
                      urlstate.number("drag", 1, pg.MAX_CLASSES, 1, integer=True),
                      urlstate.number("sweep", 1, pg.MAX_CLASSES, t("softmax.sweep_largest"),
                                      integer=True),
                      urlstate.number("bin_z", -10.0, 10.0, 1.0),
                      urlstate.number("shift", -2000, 2000, 1000, integer=True),
                      urlstate.choice("dtype", DTYPES, DTYPES[0])])
# The bound widgets' link values, after the guard: its rerun for a bad value would have
# wiped what these said (T=2.5e0 moved onto the slider's grid without a word).
_check_temperature_link(alerts)
_check_repeated_links(alerts)

# Lazy tabs: only the open one runs and sends its charts, so moving T redraws two charts,
# not eight (a rerun 85 -> 30 ms; a tab change is a rerun). ``tab=<id>`` links open one.
tabs = lazy_tabs(TABS, TAB_LABELS,
                 keep=("target", "drag", "sweep", "bin_z", "outlier", "shift", "dtype", "logits",
                       "T"))

# --- tab 1: softmax and temperature ---
def _sweep_from_link(values) -> None:
    """The swept class (`_sweep`), from the link by its number (1-based, like ``drag``), or
    the class with the largest logit; kept while the visitor stays, until the classes it
    names are gone. The guard allows 1 to the most classes; a number past this link's own
    classes is named in a warning, not dropped silently."""
    n = values.size
    k = st.session_state.get("sweep")
    if isinstance(k, int) and 0 <= k < n:
        return
    largest = int(np.argmax(values))  # the first of the tied, as argmax takes it
    raw = None if k is not None else st.query_params.get("sweep")
    linked = parse_number(raw or "", 1, n, integer=True)
    if raw and linked is None:
        alerts.warning(t("common.bad_number", name="sweep", lo=1, hi=n,
                         default=t("softmax.sweep_largest")), icon=WARN)
    st.session_state["sweep"] = largest if linked is None else linked - 1


def _sweep_caption(sweep, name: str) -> str:
    """What the sweep chart shows, sentence by sentence, from its own numbers: the current
    point (on the jump itself, where argmax has no slope, the jump's sentence is that one;
    a softmax slope that underflowed to 0 is said to be one), then the bump's peak, on the
    chart or right of it."""
    now = "sweep_now_jump" if sweep.at_jump else (
        "sweep_now_saturated" if sweep.slope == 0 else "sweep_now")
    peak = "sweep_peak_on" if sweep.midpoint < sweep.xs[-1] else "sweep_peak_off"
    parts = [t(f"softmax.{now}", name=name, z=fmt_text(sweep.z), p=fmt_text(sweep.p),
               slope=fmt_text(sweep.slope), h=fmt_text(sweep.h))]
    if not sweep.at_jump:
        parts.append(t("softmax.sweep_jump", m=fmt_text(sweep.jump)))
    parts.append(t(f"softmax.{peak}", peak=fmt_text(sweep.peak), c=fmt_text(sweep.midpoint),
                   width=fmt_text(sweep.bump_width)))
    return " ".join(parts)


@fragment
def _sweep(values, names, temperature: float) -> None:
    """One class's logit moved alone: argmax's step beside softmax's S-curve, and their
    slopes. Its class picker reruns this alone; T (the fragment around it) reruns it too.
    The class is seeded by `_sweep_from_link` and kept in the link by number."""
    k = st.selectbox(t("softmax.sweep"), list(range(values.size)), key="sweep",
                     format_func=lambda i: f"{i + 1}: {names[i]}", help=t("softmax.sweep_help"),
                     width=320)
    urlstate.write("sweep", str(k + 1), str(int(np.argmax(values)) + 1))
    sweep = logit_sweep(values, k, temperature)
    phone = on_phone()
    chart(cached.kept(("logit_sweep", tuple(names), tuple(values.tolist()), k, temperature,
                       lang(), present, phone), lambda: figs.logit_sweep_figure(
        sweep, softmax_name=t("softmax.sweep_softmax", T=pg.format_temperature(temperature)),
        argmax_name=t("softmax.argmax"), point_name=t("softmax.current"),
        undefined_text=t("softmax.sweep_undefined"),
        peak_text=t("softmax.sweep_peak", peak=fmt_chart(sweep.peak)),
        p_title=t("softmax.sweep_p_title", name=names[k]),
        slope_title=t("softmax.sweep_slope_title"), x_title=t("softmax.drag_x", name=names[k]),
        present=present, phone=phone)), key="logit_sweep", filename="argmax-vs-softmax",
        alt=t("softmax.alt_sweep", name=names[k], lo=fmt_chart(sweep.xs[0]),
              hi=fmt_chart(sweep.xs[-1]), m=fmt_chart(sweep.jump), z=fmt_chart(sweep.z)))
    st.caption(_sweep_caption(sweep, names[k]))


@fragment
def _views(values, names) -> None:
    """T and what it drives: moving T reruns this alone, not the page."""
    temperature = _temperature()
    views = pg.softmax_views(values, temperature)
    # Kept under the view (classes, logits, T, language, presentation): one figure for all.
    stacked = on_phone()  # side by side, log-softmax's tick labels lay on the bars
    chart(cached.kept(("softmax_views", tuple(names), tuple(values.tolist()), temperature,
                       lang(), present, stacked), lambda: figs.views_figure(
        names, views.softmax, views.argmax, views.softmin, views.log_softmax,
        softmax_name=t("softmax.softmax"), argmax_name=t("softmax.argmax"),
        softmin_name=t("softmax.softmin"), log_softmax_name=t("softmax.log_softmax"),
        prob_title=t("softmax.views_prob_title"), log_title=t("softmax.views_log_title"),
        present=present, stacked=stacked)), key="views", filename="softmax-views",
        alt=t("softmax.alt_views", n=len(names), T=pg.format_temperature(temperature)))
    # the chart first (in view on a projector), then its numbers (T and β are in the
    # sentence beside the slider)
    st.metric(t("softmax.m_entropy"), fmt_text(views.entropy),
              help=t("softmax.m_entropy_help", max=fmt_text(views.max_entropy)))
    # the formula and the sentence in one Markdown block (see `display_math`)
    formula = display_math(r"\mathrm{softmax}(z)_i = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}"
                           r"\qquad \beta = \frac{1}{T}")
    # The sentence fits the numbers beside it: a tie (argmax takes the first of the tied),
    # or a softmax that underflowed to argmax's own one-hot ("the others keep some
    # probability" beside [1, 0, 0]).
    case = pg.soft_argmax_case(values, views.softmax)
    st.markdown(formula + "\n\n" + t(
        "softmax.soft_argmax" + ("" if case == "soft" else f"_{case}"),
        z=", ".join(fmt_text(v) for v in values),
        hard=", ".join(fmt_text(v) for v in views.argmax),
        soft=", ".join(fmt_text(v, 3) for v in views.softmax),
        T=pg.format_temperature(temperature),
        count=int(np.count_nonzero(values == values.max()))))
    _sweep(values, names, temperature)  # the picture of that paragraph, right under it
    # Text columns through fmt_text: a float column would print 1e-14 as a row of zeros.
    text_table({
        t("softmax.col_name"): list(names),
        t("softmax.col_logit"): [fmt_text(v) for v in values],
        t("softmax.softmax"): [fmt_text(v) for v in views.softmax],
        t("softmax.argmax"): [fmt_text(v) for v in views.argmax],
        t("softmax.softmin"): [fmt_text(v) for v in views.softmin],
        t("softmax.log_softmax"): [fmt_text(v) for v in views.log_softmax],
    }, key="views_table")
    st.markdown(t("softmax.temperature_explained"))


# --- tab 2: cross-entropy against a target ---
def _drag_from_link(n: int) -> None:
    """The loss curve's class, from the link by its number (1-based, like ``target``): a
    bound selectbox would write the class's shown name. The guard allows 1 to the most
    classes; a number past this link's own classes is named in a warning, not dropped."""
    if "drag" in st.session_state:
        return
    raw = st.query_params.get("drag")
    linked = parse_number(raw or "", 1, n, integer=True)
    if raw and linked is None:
        alerts.warning(t("common.bad_number", name="drag", lo=1, hi=n, default=1), icon=WARN)
    st.session_state["drag"] = (linked or 1) - 1


@fragment
def _target(values, names, y) -> None:
    """T and the loss and gradients it drives: moving T reruns this alone."""
    temperature = _temperature()
    n = values.size
    result = pg.target_loss(values, y, temperature)
    chart(figs.target_figure(
        names, result.p, y, result.grad, p_name=t("softmax.p_name"), y_name=t("softmax.y_name"),
        grad_names=(t("softmax.grad_lowers"), t("softmax.grad_raises")),
        prob_title=t("softmax.target_prob_title"),
        grad_title=t("softmax.target_grad_title"), present=present, phone=on_phone()),
        key="target_chart", filename="cross-entropy-gradient",
        alt=t("softmax.alt_target", n=n, T=pg.format_temperature(temperature)))
    latex(r"L = -\sum_k y_k \log p_k, \quad p = \mathrm{softmax}(z / T)",
          r"\frac{\partial L}{\partial z_k} = \frac{p_k - y_k}{T}")
    row = st.container(horizontal=True)  # under the chart: the chart first, in view
    row.metric(t("softmax.m_loss"), fmt_text(result.loss), help=t("softmax.m_loss_help"))
    c = pg.true_class(y)
    if c is not None:
        row.metric(t("softmax.m_p_true", name=names[c]), fmt_text(result.p[c]))
    else:
        row.metric(t("softmax.m_entropy_target"), fmt_text(float(entropy(y))),
                   help=t("softmax.m_entropy_target_help"))
    st.markdown(t("softmax.gradient_explained"))
    st.subheader(t("softmax.drag_header"))
    # The class whose logit the curve sweeps (seeded from the link by `_drag_from_link`).
    k = st.selectbox(t("softmax.drag"), list(range(n)), key="drag",
                     format_func=lambda i: f"{i + 1}: {names[i]}")
    urlstate.write("drag", str(k + 1), "1")
    xs, loss_curve, grad_curve = pg.loss_vs_logit(values, y, k, temperature)
    chart(figs.loss_curve_figure(
        xs, loss_curve, grad_curve, float(values[k]), result.loss, float(result.grad[k]),
        x_title=t("softmax.drag_x", name=names[k]), loss_name=t("softmax.loss_name"),
        grad_name=t("softmax.drag_grad_name"), point_name=t("softmax.current"),
        present=present), key="loss_curve", filename="loss-vs-logit",
        alt=t("softmax.alt_loss_curve", name=names[k]))
    # what the curves do for this class, by its target weight (a soft target's loss has a
    # lowest point: "keeps falling" was wrong there)
    case = pg.loss_curve_case(y, k)
    y_k = float(y[k])
    best = pg.best_logit(values, y, k, temperature) if case == "soft" else None
    if best is not None and not xs[0] <= best <= xs[-1]:
        case = "soft_off"  # its lowest point is off the chart: say so
    st.caption(t("softmax.drag_caption") + " " + t(
        f"softmax.drag_{case}", name=names[k], y=fmt_text(y_k),
        best=None if best is None else fmt_text(best),
        lo=fmt_text(y_k / temperature), hi=fmt_text((1 - y_k) / temperature)))


if tabs[0].open:  # only the chosen tab runs (a tab change reruns the page)
    with tabs[0]:
        values, names, _ = _class_panel()
        _sweep_from_link(values)
        _views(values, names)
        st.subheader(t("softmax.animation_header"))
        chart(cached.temperature_animation(tuple(values.tolist()), tuple(names),
                         (t("softmax.animation_title"), t("softmax.probability"),
                          t("softmax.frame_label"), t("softmax.play"), t("softmax.pause")),
                         present, on_phone()), key="animation", filename="softmax-temperature",
              alt=t("softmax.alt_animation", n=len(names),
                    lo=fmt_chart(pg.TEMPERATURES[0]), hi=fmt_chart(pg.TEMPERATURES[-1])))
        # compact, the logits are in the sidebar, not above
        st.caption(_where_logits("animation_caption"))

if tabs[1].open:
    with tabs[1]:
        values, names, box = _class_panel()
        n = values.size
        # compact, the target joins the class controls in the sidebar, one above the other,
        # so the chart is in view
        col_text, col_pick = (box, box) if compact else st.columns([3, 2])
        target_text = col_text.text_input(
            t("softmax.target"), value=pg.DEFAULT_TARGET, key="target",
            max_chars=pg.MAX_TEXT_LENGTH, help=t("softmax.target_help", n=n),
            bind="query-params")
        try:
            y = pg.parse_target(target_text, n)
        except pg.InputError as error:
            alerts.warning(t("softmax.bad_target", reason=_error_text(error, n)), icon=WARN)
            y = pg.parse_target(pg.DEFAULT_TARGET, n)
        # The picker follows the target, as the sliders follow the logits: it names the
        # class a one-hot target names (the placeholder beside "1" read as if none was
        # chosen), and only a spread-out target leaves it on the placeholder.
        st.session_state["target_pick"] = pg.true_class(y)
        col_pick.selectbox(t("softmax.target_pick"), list(range(n)), index=None, key="target_pick",
                           format_func=lambda i: f"{i + 1}: {names[i]}",
                           placeholder=t("softmax.target_pick_placeholder"), on_change=_on_pick)
        _drag_from_link(n)
        _target(values, names, y)

# --- tab 3: the seeds' worked example ---
if tabs[2].open:
    with tabs[2]:
        ex = pg.worked_example()
        if not compact:  # compact, the chart comes first and the text after it
            st.markdown(t("softmax.example_intro"))
        chart(cached.softmax_figure(
            "worked_example_figure",
            ex.p, ex.q1, ex.q2, outcome_names=[t("softmax.outcome", k=k + 1) for k in range(4)],
            p_name=t("softmax.ex_p"), q1_name=t("softmax.ex_q1"), q2_name=t("softmax.ex_q2"),
            y_title=t("softmax.probability"), present=present),
            key="example_chart", filename="cross-entropy-example", alt=t("softmax.alt_example"))
        if compact:
            st.markdown(t("softmax.example_intro"))
        latex(r"H(p, q) = -\sum_x p(x) \log q(x)",
              r"D_{KL}(p \,\|\, q) = H(p, q) - H(p) \ge 0")
        st.latex(r"\begin{aligned} p &= [0.5,\ 0.125,\ 0.125,\ 0.25] \\"
                 r" q_1 &= [0.25,\ 0.25,\ 0.25,\ 0.25] \\ q_2 &= [0.5,\ 0.25,\ 0.125,\ 0.125]"
                 r"\end{aligned}")
        # One formula a line, not aligned: an aligned block cannot wrap on a phone.
        # Five significant digits: at four, H(p, q2) = 1.2997 read "1.3", and the text's
        # "the notes write 1.29, cutting the digits off" could not be checked on the page.
        st.latex(r"H(p, q_1) = -(0.5 \log 0.25 + 0.125 \log 0.25 + 0.125 \log 0.25"
                 rf" + 0.25 \log 0.25) \approx {fmt_tex(ex.cross_entropy_q1, EX_DIGITS)}")
        st.latex(r"H(p, q_2) = -(0.5 \log 0.5 + 0.125 \log 0.25 + 0.125 \log 0.125"
                 rf" + 0.25 \log 0.125) \approx {fmt_tex(ex.cross_entropy_q2, EX_DIGITS)}")
        c1, c2, c3 = st.columns(3)
        c1.metric(t("softmax.m_h_q1"), fmt_text(ex.cross_entropy_q1, EX_DIGITS))
        c2.metric(t("softmax.m_h_q2"), fmt_text(ex.cross_entropy_q2, EX_DIGITS),
                  delta=_signed(ex.cross_entropy_q2 - ex.cross_entropy_q1), delta_color="inverse")
        c3.metric(t("softmax.m_h_p"), fmt_text(ex.entropy_p, EX_DIGITS))
        c1, c2, c3 = st.columns(3)
        c1.metric(t("softmax.m_kl_q1"), fmt_text(ex.kl_q1))
        c2.metric(t("softmax.m_kl_q2"), fmt_text(ex.kl_q2), delta=_signed(ex.kl_q2 - ex.kl_q1),
                  delta_color="inverse")
        st.markdown(t("softmax.example_conclusion", h1=fmt_text(ex.cross_entropy_q1, EX_DIGITS),
                      h2=fmt_text(ex.cross_entropy_q2, EX_DIGITS),
                      hp=fmt_text(ex.entropy_p, EX_DIGITS),
                      kl1=fmt_text(ex.kl_q1), kl2=fmt_text(ex.kl_q2),
                      b1=fmt_text(ex.cross_entropy_q1 / np.log(2)),
                      b2=fmt_text(ex.cross_entropy_q2 / np.log(2)),
                      bp=fmt_text(ex.entropy_p / np.log(2))))

# --- tab 4: binary classification ---
@fragment
def _binary() -> None:
    """The z slider and what it drives: moving it reruns this tab alone."""
    z = st.slider(t("softmax.bin_z"), -10.0, 10.0, 1.0, 0.1, key="bin_z", format="%.1f",
                  help=t("softmax.bin_z_help"), bind="query-params")
    point = pg.binary_point(z)
    zs, curves = cached.binary_curves()
    chart(cached.softmax_figure(
        "binary_figure", zs, curves, z, point, sigmoid_name=t("softmax.sigmoid_name"),
        loss_1_name=t("softmax.bce_1_name"), loss_0_name=t("softmax.bce_0_name"),
        grad_1_name=t("softmax.grad_1_name"), grad_0_name=t("softmax.grad_0_name"),
        loss_title=t("softmax.bce_axis"), grad_title=t("softmax.bce_grad_axis"),
        x_title=t("softmax.bin_z"), present=present), key="binary_chart", filename="binary-ce",
        alt=t("softmax.alt_binary", z=fmt_chart(z)))
    row = st.container(horizontal=True)
    row.metric(t("softmax.m_sigmoid"), fmt_text(point.p))
    row.metric(t("softmax.m_bce_1"), fmt_text(point.loss_1))
    row.metric(t("softmax.m_bce_0"), fmt_text(point.loss_0))
    row.metric(t("softmax.m_grad_1"), fmt_text(point.grad_1))
    row.metric(t("softmax.m_grad_0"), fmt_text(point.grad_0))
    latex(r"\sigma(z) = \frac{1}{1 + e^{-z}}",
          # Plain brackets and one group after the "+": a narrow screen breaks the line
          # there (a \left[ ... \right] pair cannot break, and inside log(1 - sigma)
          # it should not).
          r"\mathrm{BCE} = -[y \log \sigma(z) + {(1 - y) \log(1 - \sigma(z))}]",
          r"\frac{\partial\, \mathrm{BCE}}{\partial z} = \sigma(z) - y")
    # softmax of the logits (z, 0), beside σ(z): the claim "the same as σ(z)" in numbers
    pair = softmax(np.array([z, 0.0]))
    st.markdown(t("softmax.binary_explained", z=fmt_text(z), p1=fmt_text(pair[0]),
                  p0=fmt_text(pair[1])))


if tabs[3].open:
    with tabs[3]:
        _binary()

# --- tab 5: regression losses ---
@fragment
def _regression() -> None:
    """The outlier slider, the table and the charts they feed: a change reruns this tab
    alone."""
    if not compact:  # compact, the chart comes first and the text after it
        st.markdown(t("softmax.regression_intro"))
    outlier = st.slider(t("softmax.outlier"), 0.0, pg.OUTLIER_MAX, 0.0, 0.5, key="outlier",
                        format="%.1f", help=t("softmax.outlier_help"), bind="query-params")
    chart_slot = st.container()  # filled once the table below is read
    targets0, preds0 = pg.DEFAULT_REGRESSION
    table_note = st.empty()  # what the table holds, once the outlier moves the charts
    table = st.data_editor(
        pd.DataFrame({"target": targets0, "prediction": preds0}), key="reg_table",
        num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "target": st.column_config.NumberColumn(
                t("softmax.col_target"), min_value=-pg.REGRESSION_LIMIT,
                max_value=pg.REGRESSION_LIMIT, format="%g"),
            "prediction": st.column_config.NumberColumn(
                t("softmax.col_prediction"), min_value=-pg.REGRESSION_LIMIT,
                max_value=pg.REGRESSION_LIMIT, format="%g"),
        })
    try:
        targets, preds, dropped = pg.clean_pairs(table["target"], table["prediction"])
        if dropped:
            st.warning(t("softmax.reg_dropped", count=dropped, max=pg.MAX_REGRESSION_ROWS,
                         limit=f"{pg.REGRESSION_LIMIT:g}"), icon=WARN)
    except pg.InputError:
        st.warning(t("softmax.reg_empty"), icon=WARN)
        targets, preds = np.array(targets0), np.array(preds0)
    moved = pg.with_outlier(preds, outlier)
    if outlier:  # the table keeps the visitor's numbers; the charts add the outlier
        table_note.caption(t("softmax.reg_table_before", before=fmt_text(preds[-1]),
                             offset=fmt_text(outlier), after=fmt_text(moved[-1])))
    base = pg.regression_losses(preds, targets)
    reg = pg.regression_losses(moved, targets)
    with chart_slot:  # above the table that feeds it
        chart(cached.softmax_figure(
            "regression_figure", targets, moved,
            {t("softmax.mse_grad"): reg.mse_grad, t("softmax.rmse_grad"): reg.rmse_grad,
             t("softmax.mae_grad"): reg.mae_grad},
            point_names=[str(i + 1) for i in range(len(targets))],
            target_name=t("softmax.col_target"),
            pred_name=t("softmax.col_prediction"),
            values_title=t("softmax.reg_values_title"),
            grad_title=t("softmax.reg_grad_title"), present=present,
            stacked=on_phone()),  # side by side, the gradients' ticks lay on the points
            key="regression_chart", filename="regression-losses",
            alt=t("softmax.alt_regression", n=len(targets)))
        row = st.container(horizontal=True)
        for key_, value, before in (("mse", reg.mse, base.mse), ("rmse", reg.rmse, base.rmse),
                                    ("mae", reg.mae, base.mae)):
            row.metric(t(f"softmax.{key_}"), fmt_text(value),
                       delta=_signed(value - before) if outlier else None,
                       delta_color="inverse")
    latex(r"\mathrm{MSE} = \frac{1}{N}\sum_i (\hat y_i - y_i)^2",
          r"\mathrm{RMSE} = \sqrt{\mathrm{MSE}}",
          r"\mathrm{MAE} = \frac{1}{N}\sum_i |\hat y_i - y_i|")
    offsets = pg.OUTLIER_OFFSETS
    chart(cached.softmax_figure(
        "outlier_figure", offsets, pg.outlier_sweep(preds, targets, len(preds) - 1, offsets),
        outlier,
        names={k_: t(f"softmax.{k_}") for k_ in ("mse", "rmse", "mae")},
        x_title=t("softmax.outlier_axis"), squared_title=t("softmax.squared_units"),
        linear_title=t("softmax.data_units"), present=present,
        stacked=on_phone()),  # side by side, the two x titles overlapped off the screen
        key="outlier_chart", filename="outlier-sweep",
        alt=t("softmax.alt_outlier", offset=fmt_chart(outlier)))
    if compact:
        st.markdown(t("softmax.regression_intro"))
    st.markdown(t("softmax.regression_explained"))


if tabs[4].open:
    with tabs[4]:
        _regression()

# --- tab 6: numerical stability ---
@fragment
def _stability(values, names) -> None:
    """The shift and the precision, and the table they drive: a change reruns this alone
    (the class panel, in the sidebar on a projector, is the page's)."""
    c1, c2 = st.columns([3, 1])
    shift = c1.slider(t("softmax.shift"), -2000, 2000, 1000, 50, key="shift",
                      help=t("softmax.shift_help"), bind="query-params")
    dtype = c2.radio(t("softmax.dtype"), DTYPES, key="dtype", horizontal=True,
                     help=t("softmax.dtype_help"), bind="query-params")
    demo = pg.stability_demo(values + shift, np.float64 if dtype == "float64" else np.float32)
    text_table({
        t("softmax.col_name"): list(names),
        "z": [fmt_text(v, 6) for v in demo.z],
        t("softmax.col_naive_exp"): [fmt_text(v) for v in demo.naive_exp],
        t("softmax.col_naive"): [fmt_text(v) for v in demo.naive],
        t("softmax.col_shifted_exp"): [fmt_text(v) for v in demo.shifted_exp],
        t("softmax.col_stable"): [fmt_text(v) for v in demo.stable],
    }, key="stability_table")
    explain = st.error if demo.problem != "ok" else st.success
    explain(t(f"softmax.stability_{demo.problem}", dtype=dtype), icon=":material/info:")
    st.latex(r"\mathrm{softmax}(z)_i = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}},"
             r"\quad m = \max_j z_j")
    st.markdown(t("softmax.stability_explained"))


if tabs[5].open:
    with tabs[5]:
        values, names, _ = _class_panel()  # T plays no part here
        # compact, the logits it names are in the sidebar: the text says where
        st.markdown(_where_logits("stability_intro"))
        _stability(values, names)

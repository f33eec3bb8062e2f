"""Playground: train a small network live and watch every unit learn (TensorFlow Playground,
plus per-layer activations, typed formulas, multi-class data, your own CSV and export).

Reads widgets, calls `activations.training`, draws `activations.figures.network`. The link
holds the whole configuration (the bound widgets' keys); an uploaded CSV file does not.
Play, Pause and the slider replay the recorded snapshots in the browser; +1 epoch, Continue
and Reset are server buttons (training is cached on the configuration).
"""

import contextlib
import functools

import numpy as np
import streamlit as st

import activations
from activations import datasets, export, netdata, optim, training
from activations import features as feats
from activations.figures import network as figs
from activations.mlp import layer_activations
from activations.numfmt import fmt_text
from ui import custom as formula_ui
from ui.custom import label as act_label  # an activation's readable name
from ui import cached, urlstate
from ui.frame import chart, fragment, on_phone, presenting, require_app_frame, touch
from ui.i18n import t, yes_no
from ui.urlstate import guard

require_app_frame()  # first: a fresh process may run a page without app.py

ACTS = tuple(activations.names())
BINARY = tuple(datasets.DATASETS)
MULTI = tuple(datasets.MULTICLASS)
CSV = "csv"
DATA = (*BINARY, *MULTI, CSV)
FEATURES = tuple(feats.FEATURES)
OPTIMIZERS = optim.NAMES
LRS = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
BATCHES = ("full", "1", "10", "30", "100")
REGS = ("none", "l1", "l2")
MAX_LAYERS, MAX_UNITS = 6, 8
MAX_SEED = 99
STEP_CHOICES = (50, 100, 200, 300, 500, 1000, 2000)
DEFAULTS = dict(data="circles", classes=3, noise=0.1, points=200, test=0.3, layers=2,
                width=(4, 2, 2, 2, 2, 2), act="tanh", feat=("x1", "x2"), optimizer="adam",
                auto_lr=True, lr=0.03, batch="full", reg="none", rate=0.001, steps=500, seed=0)
present = presenting()
tr = lambda key, **kw: t(f"network.{key}", **kw)  # noqa: E731 (the page's own catalog)

st.title(tr("title"))
if not present:
    st.write(f'{tr("intro")} {tr(touch("intro_read"))}')


def _batch_label(batch: str) -> str:
    return tr("batch_full") if batch == "full" else batch


# -------------------------------------------------------------- the link, checked first
LINK_ACTS = formula_ui.link_options(ACTS)
guard("network", formula_ui.rules() + [
    # (a warning names the default as the page shows it)
    urlstate.choice("data", DATA, tr(f"data_{DEFAULTS['data']}")),
    urlstate.number("classes", *datasets.CLASSES_RANGE, DEFAULTS["classes"], integer=True),
    urlstate.number("noise", 0.0, 0.5, DEFAULTS["noise"]),
    urlstate.number("points", 50, training.MAX_POINTS, DEFAULTS["points"], integer=True),
    urlstate.number("test", 0.0, 0.9, DEFAULTS["test"]),
    urlstate.choices("feat", FEATURES),
    urlstate.number("layers", 0, MAX_LAYERS, DEFAULTS["layers"], integer=True),
    *[urlstate.number(f"w{i}", 1, MAX_UNITS, DEFAULTS["width"][i - 1], integer=True)
      for i in range(1, MAX_LAYERS + 1)],
    *[urlstate.choice(f"a{i}", LINK_ACTS, act_label(DEFAULTS["act"]))
      for i in range(1, MAX_LAYERS + 1)],
    urlstate.choice("optimizer", OPTIMIZERS, t(f"training.opt_{DEFAULTS['optimizer']}")),
    urlstate.choice("auto_lr", urlstate.BOOLS, yes_no(DEFAULTS["auto_lr"])),
    urlstate.choice("lr", [str(v) for v in LRS], DEFAULTS["lr"]),
    urlstate.choice("batch", BATCHES, _batch_label(DEFAULTS["batch"])),
    urlstate.choice("reg", REGS, tr(f"reg_{DEFAULTS['reg']}")),
    urlstate.choice("rate", [str(v) for v in RATES], DEFAULTS["rate"]),
    urlstate.choice("steps", [str(v) for v in STEP_CHOICES], DEFAULTS["steps"]),
    urlstate.number("seed", 0, MAX_SEED, DEFAULTS["seed"], integer=True),
])

with st.sidebar:
    formula = formula_ui.formula_box()  # offered as "custom" while it holds a valid formula
ACT_OPTIONS = formula_ui.picker_options(ACTS, formula)


def linked(key, default, options=None):
    """Keyword arguments for a widget whose shown labels differ from its values, kept in the
    link by hand: a bound widget would put the *label* in the URL, and links should say
    ``data=blobs``. The link's value (checked by the guard above) seeds the widget; each
    change writes the code name back (nothing for the default)."""
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get_all(key) or list(default)) \
            if isinstance(default, tuple) else st.query_params.get(key, default)
    if options is not None and st.session_state[key] not in options:
        st.session_state[key] = default  # e.g. "custom" after the formula box was emptied
    return dict(key=key, on_change=_to_link, args=(key, default))


def _to_link(key, default):
    urlstate.write(key, st.session_state.get(key), default)


def fn_name(name):
    """The function's name in a hover formula: the label's first word (LeakyReLU, SiLU)."""
    return "f" if name == formula_ui.CHOICE else activations.get(name).label.split(" ")[0]


def _caption(result, class_names, reg) -> str:
    """What the chart shows, read off the run it draws: the hidden units' pictures or the
    inputs wired straight to the output, one output unit (p of the second class) or one per
    class, the test loss beside the training loss or not, and a penalty left out if any."""
    two = result.classes == 2
    units = tr("cap_hidden" if len(result.weights) > 1 else "cap_no_hidden")
    out = tr("cap_out_binary", name=class_names[1]) if two else tr(
        "cap_out_multi", count=result.classes, first=class_names[0], last=class_names[-1])
    penalty = tr("cap_penalty", reg=tr(f"reg_{reg}")) if reg in ("l1", "l2") else ""
    loss = tr("cap_losses" if result.test_loss_history.size else "cap_loss",
              loss=tr("loss_bce" if two else "loss_ce"), penalty=penalty)
    return f"{units} {out} {loss}"


def _table(X, y, labels, test: float) -> str:
    """The points as CSV, the test points marked (made when the button is pressed)."""
    is_test = np.zeros(len(X), dtype=bool)
    is_test[datasets.split(len(X), test, 0)[1]] = True
    return netdata.to_csv(X, y, labels=labels, test=is_test)


# Everything below the title is one fragment (`ui.frame.fragment`): moving a control reruns
# it alone, not the page with its shared frame. The typed formula (sidebar) reruns the page.
@fragment
def _lab() -> None:
    # -------------------------------------------------------------- settings
    # Open on a desktop; closed on a projector (the network gets the screen) and on a
    # phone, where its three columns stack into three screens of controls above the network.
    with st.expander(tr("settings"), expanded=not (present or on_phone())):
        c_data, c_net, c_train = st.columns(3)
        with c_data:
            st.markdown(f"**{tr('data_header')}**")
            data = st.selectbox(tr("data"), DATA, format_func=lambda d: tr(f"data_{d}"),
                                help=tr("data_help"), **linked("data", DEFAULTS["data"]))
            classes = st.slider(tr("classes"), *datasets.CLASSES_RANGE, DEFAULTS["classes"],
                                key="classes", help=tr("classes_help"), bind="query-params",
                                disabled=data not in MULTI)
            noise = st.slider(tr("noise"), 0.0, 0.5, DEFAULTS["noise"], 0.05, key="noise",
                              help=tr("noise_help"), bind="query-params", disabled=data == CSV)
            points = st.slider(tr("points"), 50, training.MAX_POINTS, DEFAULTS["points"], 50,
                               key="points", bind="query-params", disabled=data == CSV)
            test = st.slider(tr("test"), 0.0, 0.9, DEFAULTS["test"], 0.1, key="test",
                             format="%.1f", help=tr("test_help"), bind="query-params")
            upload = None
            if data == CSV:
                upload = st.file_uploader(tr("csv_upload"), type=["csv"], key="csv_file",
                                          max_upload_size=1,
                                          help=tr("csv_help", rows=netdata.MAX_ROWS))
                st.caption(tr("csv_not_in_link"))
        with c_net:
            st.markdown(f"**{tr('net_header')}**")
            chosen = st.multiselect(tr("features"), FEATURES, format_func=lambda f: tr(f"feat_{f}"),
                                    help=tr("features_help"), **linked("feat", DEFAULTS["feat"]))
            layers = st.slider(tr("layers"), 0, MAX_LAYERS, DEFAULTS["layers"], key="layers",
                               help=tr("layers_help"), bind="query-params")
            widths, acts = [], []
            for i in range(1, int(layers) + 1):
                w_col, a_col = st.columns([1, 1.4])
                # A slider, not a number input: a bound integer st.number_input raises on a
                # link like ?w1=1e400 (see the training lab).
                widths.append(int(w_col.slider(
                    tr("units", layer=i), 1, MAX_UNITS, DEFAULTS["width"][i - 1], key=f"w{i}",
                    bind="query-params")))
                acts.append(a_col.selectbox(tr("act", layer=i), ACT_OPTIONS, format_func=act_label,
                                            **linked(f"a{i}", DEFAULTS["act"], ACT_OPTIONS)))
        with c_train:
            st.markdown(f"**{tr('train_header')}**")
            optimizer = st.selectbox(tr("optimizer"), OPTIMIZERS,
                                     format_func=lambda o: t(f"training.opt_{o}"),
                                     **linked("optimizer", DEFAULTS["optimizer"]))
            auto_lr = st.toggle(tr("auto_lr"), DEFAULTS["auto_lr"], key="auto_lr",
                                help=tr("auto_lr_help", lr=fmt_text(training.TRAIN_LR[optimizer])),
                                bind="query-params")
            lr_choice = st.select_slider(tr("lr"), LRS, DEFAULTS["lr"], key="lr",
                                         disabled=auto_lr, bind="query-params")
            batch = st.selectbox(tr("batch"), BATCHES, format_func=_batch_label,
                                 help=tr("batch_help"), **linked("batch", DEFAULTS["batch"]))
            reg = st.segmented_control(tr("reg"), REGS, format_func=lambda r: tr(f"reg_{r}"),
                                       help=tr("reg_help"), **linked("reg", DEFAULTS["reg"]))
            rate = st.select_slider(tr("rate"), RATES, DEFAULTS["rate"], key="rate",
                                    disabled=reg in (None, "none"), bind="query-params")
            steps = st.select_slider(tr("steps"), STEP_CHOICES, DEFAULTS["steps"], key="steps",
                                     help=tr("steps_help"), bind="query-params")
            seed = st.slider(tr("seed"), 0, MAX_SEED, DEFAULTS["seed"], help=tr("seed_help"),
                             key="seed", bind="query-params")

    # -------------------------------------------------------------- the data
    if not chosen:
        st.warning(tr("no_features"), icon=":material/warning:")
        chosen = list(DEFAULTS["feat"])
    features = feats.check(chosen)
    csv_data = st.session_state.get("_net_csv")  # the last good file of this session
    if data == CSV and upload is not None:
        try:
            csv_data = netdata.read_csv(upload.getvalue())
            st.session_state["_net_csv"] = csv_data
        except netdata.CsvError as err:
            st.error(tr(f"csv_{err.code}", row=err.row or "", limit=err.limit or "",
                        count=err.count or ""), icon=":material/block:")
    if data == CSV and csv_data is None:
        st.info(tr("csv_waiting"), icon=":material/description:")
        data = DEFAULTS["data"]

    if data == CSV:
        X_all, y_all = csv_data.X, csv_data.y
        class_names = tuple(tr("class_name", name=label) for label in csv_data.labels)
    else:
        X_all, y_all = cached.dataset(data, int(points), float(noise),
                                      int(classes) if data in MULTI else None)
        n_classes = int(y_all.max()) + 1
        class_names = tuple(tr("class_n", k=k) for k in range(n_classes))

    hidden = tuple(widths)
    lr = training.TRAIN_LR[optimizer] if auto_lr else float(lr_choice)
    batch_size = None if batch == "full" else int(batch)
    l1 = float(rate) if reg == "l1" else 0.0
    l2 = float(rate) if reg == "l2" else 0.0
    run_steps = training.cap_steps(len(X_all), hidden, int(steps))
    if run_steps < int(steps):
        st.info(tr("capped", steps=run_steps, asked=int(steps)), icon=":material/timer:")
    custom = (formula.text, formula.params) if formula is not None else ("", ())
    config = (hidden, tuple(acts), features, optimizer, lr, batch_size, l1, l2, float(test),
              int(seed), run_steps)


    # ------------------------------------------------------ +1 epoch / Continue / Reset
    key = (data, int(classes), float(noise), int(points), config, custom)
    state = st.session_state.get("_net_more")
    if not state or state[0] != key:
        state = (key, (), 0)
    more, start = state[1], state[2]
    buttons = st.container(horizontal=True, vertical_alignment="center")
    # One epoch: as many updates as one pass over the training points takes (the trainer's
    # own split; a full batch, or a batch as large as the data, is one update).
    n_train = len(datasets.split(len(X_all), float(test))[0])
    epoch = -(-n_train // min(batch_size or n_train, n_train))
    step_help = (tr("step_help", points=n_train) if epoch == 1 else
                 tr("step_help_batches", points=n_train, updates=epoch, batch=batch_size))
    if buttons.button(tr("step"), icon=":material/skip_next:", help=step_help,
                      key="btn_step"):
        start = cached.playground_run(X_all, y_all, config, more, custom).steps_run
        more = (*more, epoch)
    if buttons.button(tr("continue"), icon=":material/fast_forward:",
                      help=tr("continue_help", steps=run_steps), key="btn_continue"):
        start = cached.playground_run(X_all, y_all, config, more, custom).steps_run
        more = (*more, run_steps)
    if buttons.button(tr("reset"), icon=":material/restart_alt:", help=tr("reset_help"),
                      key="btn_reset"):
        more, start = (), 0
    st.session_state["_net_more"] = (key, more, start)

    # The spinner only for a run still to train: for a kept one it would never show (it
    # waits half a second), yet it starts a timer thread and sends a message every run.
    run = (X_all, y_all, config, more, custom)
    with st.spinner(tr("training")) if not cached.playground_run.kept(*run) \
            else contextlib.nullcontext():
        result = cached.playground_run(*run)
    texts = figs.Texts(
        network=tr("fig_network"), output=tr("fig_output"), loss=tr("fig_loss"),
        step=tr("fig_step"), train_loss=tr("train_loss"), test_loss=tr("test_loss"),
        play=t("training.play"), pause=t("training.pause"), class_names=class_names,
        train_suffix="{name}", test_suffix=tr("test_point", name="{name}"),
        test_points=tr("test_points"), x_label="x₁", y_label="x₂", bias=tr("bias"))
    fig = cached.playground_figure(X_all, y_all, config, more, custom, texts,
                                  tuple(fn_name(a) for a in acts), start, present,
                                  on_phone())  # a phone: stacked
    buttons.markdown(tr("trained", steps=result.steps_run))
    if result.diverged:
        st.warning(tr("diverged", step=result.steps_run), icon=":material/warning:")
    if result.timed_out:
        st.info(tr("timed_out", step=result.steps_run, seconds=fmt_text(cached.TIME_LIMIT)),
                icon=":material/timer:")
    losses = tr("alt_losses" if result.test_loss_history.size else "alt_loss")
    chart(fig, key="playground", filename=f"playground-{data}",
          alt=tr("alt_chart", steps=result.steps_run, losses=losses))

    # -------------------------------------------------------------- numbers and export
    # One row (a single block, not five): the metrics share its width and wrap on a phone.
    row = st.container(horizontal=True)
    row.metric(tr("m_train_loss"), fmt_text(result.final_loss - (result.penalty_history[-1]
                                                             if result.steps_run else 0)))
    row.metric(tr("m_train_acc"), f"{fmt_text(100 * result.final_accuracy, 3)}%")
    if result.test_loss_history.size:
        row.metric(tr("m_test_loss"), fmt_text(result.test_loss_history[-1]))
        row.metric(tr("m_test_acc"), f"{fmt_text(100 * result.test_accuracy_history[-1], 3)}%")
    # The pictures open where the last +1 epoch or Continue began (the start, after a Reset),
    # the numbers are the run's end: say so, or 99% sits beside an untrained network.
    shown = figs.opening_step(result, start)
    # (A caption of its own: the one under it is the chart's key, and reads on its own.)
    if shown != result.steps_run:
        st.caption(tr("opening", shown=shown, steps=result.steps_run))
    st.caption(_caption(result, class_names, reg))

    acts_used, params_used = cached.playground_activations(acts, custom)
    layer_acts = layer_activations(acts_used, params_used, len(hidden))[:len(hidden)]

    # Both files are written only when their button is pressed, not on every run.
    script = functools.partial(export.pytorch_script, result.weights, result.biases, layer_acts,
                               result.features, filename="playground_network.py")
    table = functools.partial(_table, X_all, y_all, csv_data.labels if data == CSV else None,
                              float(test))
    row = st.container(horizontal=True)
    row.download_button(tr("download_py"), script, file_name="playground_network.py",
                        mime="text/x-python", icon=":material/download:", key="dl_py",
                        on_click="ignore", help=tr("download_py_help"))
    row.download_button(tr("download_csv"), table, file_name=f"playground-{data}.csv",
                        mime="text/csv", icon=":material/table:", key="dl_csv",
                        on_click="ignore")


_lab()

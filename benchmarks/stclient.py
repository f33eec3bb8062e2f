"""A client that speaks Streamlit's websocket protocol the way a browser tab does.

A load test that drives real browsers measures the browsers: on a small machine twenty
Chromiums use the cores the server needs. This client costs a few milliseconds per run
instead, so N of them measure the server. It sends the same BackMsgs the frontend sends
(checked against frames captured from Chromium, see `tests/browser/test_stclient.py`):

- opening a page by URL: ``rerun_script`` with the URL's path as ``page_name`` and its
  query string, no widget states, and the browser's context (locale, timezone, URL);
- switching page as the sidebar does: the target's ``page_script_hash``, the address as
  it was (the server drops the parameters bound to the old page's widgets and says so),
  and only the widgets the main script drew (the shared sidebar) carried over;
- changing a widget: the value of *every* value widget on the page, each in its wire type
  (a slider is a list of doubles, a select-slider a list of option labels, an integer
  number box an int, a selectbox its option's label or, with nothing chosen, a bare id;
  buttons are left out, as a press is sent once); a widget bound to the URL also updates
  the query string, as the frontend updates the address bar. A widget drawn inside an
  ``st.fragment`` asks for a rerun of that fragment alone (its ``fragment_id``).

It keeps what the browser keeps: the element tree of the last run (deltas by position,
elements a finished run did not redraw dropped; after a fragment's run, only that
fragment's), the widget values, the query string the
server pushes (``page_info_changed``), the ForwardMsg cache (large elements are
cached by hash, their hashes sent with each rerun, and ``ref_hash`` answers resolved
from it), and the cookies of its address (behind `deploy/`'s nginx, the route cookie that
keeps a visitor on one server process). It does not fetch the page's HTML and scripts,
run Plotly, or send heartbeats.

When the server goes away, `reconnect` opens a new websocket as the frontend does; the
session then lives in whichever process nginx picks, and only what the tab holds (the
widget values, the page, the query string) can bring the view back.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.protocol import State

STREAM = "/_stcore/stream"
# Statuses that end what a BackMsg asked for. FINISHED_EARLY_FOR_RERUN is not one: the
# script called st.rerun() (or was interrupted by our own next request) and goes on.
DONE = {ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "ok",
        ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile error"}


@dataclass
class Run:
    """One script run as the visitor sees it when it ends."""

    status: str  # "ok", "compile error" or "page not found"
    ms: float  # BackMsg sent (or websocket opened) to script_finished received
    charts: dict[str, str]  # Plotly chart key -> its figure spec (JSON text)
    widgets: dict[str, WidgetState]  # widget key -> its id and the value the tab holds
    exception: str | None  # first line of the first exception box drawn, if any

    @property
    def ok(self) -> bool:
        return self.status == "ok" and self.exception is None


def user_key(element_id: str) -> str | None:
    """The ``key=`` part of an element id ``$$ID-<hash>-<key>`` (None when keyless)."""
    key = element_id.split("-", maxsplit=2)[-1]
    return None if key == "None" else key


def _js_number(value: float) -> str:
    """A number as JavaScript's String() writes it into the URL (8, not 8.0)."""
    if float(value).is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(float(value))


def _drawn_value(element: Element) -> WidgetState | None:
    """The state the frontend gives a widget when it is drawn: the value the server set,
    else the widget's default. None for elements that are not value widgets."""
    kind = element.WhichOneof("type")
    proto = getattr(element, kind)
    state = WidgetState(id=getattr(proto, "id", ""))
    if not state.id:
        return None
    if kind == "slider":
        picked = proto.value if proto.set_value else proto.default
        if proto.type == Slider.SELECT_SLIDER and proto.set_value and proto.raw_value:
            # The server sets a select-slider by its labels (raw_value), not by index.
            state.string_array_value.data.extend(proto.raw_value)
        elif proto.type == Slider.SELECT_SLIDER:
            state.string_array_value.data.extend(proto.options[int(i)] for i in picked)
        else:
            state.double_array_value.data.extend(picked)
    elif kind == "number_input":
        field = "value" if proto.set_value else "default"  # absent: an empty box
        if proto.HasField(field) and proto.data_type == NumberInput.INT:
            state.int_value = int(getattr(proto, field))
        elif proto.HasField(field):
            state.double_value = getattr(proto, field)
    elif kind in ("selectbox", "radio"):
        if proto.set_value:
            if proto.HasField("raw_value"):
                state.string_value = proto.raw_value
        elif proto.HasField("default"):  # absent with index=None: nothing chosen
            state.string_value = proto.options[proto.default]
    elif kind == "multiselect":
        chosen = proto.raw_values if proto.set_value else [proto.options[i] for i in proto.default]
        state.string_array_value.data.extend(chosen)
    elif kind == "checkbox":
        state.bool_value = proto.value if proto.set_value else proto.default
    elif kind in ("text_input", "text_area"):
        field = "value" if proto.set_value else "default"
        if proto.HasField(field):
            state.string_value = getattr(proto, field)
    else:
        # A button's press is sent once, when pressed; a chart has no value of its own.
        return None
    return state


def _url_values(state: WidgetState) -> list[str]:
    """How the frontend writes a bound widget's value into the query string."""
    kind = state.WhichOneof("value")
    value = getattr(state, kind) if kind else None
    if kind in ("double_array_value", "string_array_value"):
        return [_js_number(v) if isinstance(v, float) else v for v in value.data]
    if kind == "bool_value":
        return ["true" if value else "false"]
    if kind in ("double_value", "int_value"):
        return [_js_number(value)]
    return [] if value is None else [str(value)]


class Session:
    """One visitor's tab: a websocket to ``/_stcore/stream`` and the page it shows.

    Use it as an async context manager; every call waits for the run it caused to end
    (at most ``timeout`` seconds) and returns that `Run`.
    """

    def __init__(self, base: str, timeout: float = 60.0, locale: str = "en-US"):
        parts = urlsplit(base)
        if parts.hostname != "127.0.0.1":
            raise ValueError("loopback only: the base URL must be http://127.0.0.1:<port>")
        self.base, self.timeout, self.locale = base.rstrip("/"), timeout, locale
        self._ws = None
        self.path, self.query = "", ""  # the address bar, without the leading / and ?
        self._main_hash, self._page_hash = "", ""
        self._pages: dict[str, str] = {}  # url path -> page script hash
        self.page_names: list[str] = []  # the page list of the last run's navigation
        self._run_id, self._fragments = "", ()  # this run's id, the fragments it reruns
        # delta_path -> (run id, script that drew it, element, its fragment or ""): the
        # browser's tree
        self._tree: dict[tuple[int, ...], tuple[str, str, Element, str]] = {}
        self._values: dict[str, WidgetState] = {}  # widget id -> state (WidgetStateManager)
        self._cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash -> (message, last run used)
        self._runs, self._max_age = 0, 2  # finished runs; the server's max_cached_message_age
        self._not_found = False
        self.sent: BackMsg | None = None  # the last BackMsg, as the tests compare it
        self.cookies: dict[str, str] = {}  # name -> value, as the browser keeps them
        self.served_by = ""  # nginx's X-Served-By for this websocket (load tests only)
        self.connections = 0  # websockets opened so far
        self.received = 0  # bytes of ForwardMsgs received so far (the wire, as sent)

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    # ------------------------------------------------------------------ what a visitor does

    async def open(self, path: str = "", query: str = "") -> Run:
        """Load ``/<path>?<query>`` in a fresh tab: connect and run the page by its name."""
        t0 = time.perf_counter()
        await self.close()
        await self._connect()
        self.path, self.query = path.strip("/"), query.lstrip("?")
        return await self._rerun(t0, page_name=self.path)

    @property
    def connected(self) -> bool:
        return self._ws is not None and self._ws.state is State.OPEN

    async def wait_disconnected(self) -> None:
        """Return when the websocket has closed (the server or the balancer ended it)."""
        if self._ws is not None:
            await self._ws.wait_closed()

    async def reconnect(self, rerun: bool) -> Run | None:
        """Open a new websocket after the old one dropped, as the frontend does. A tab
        whose run was cut off asks for the run again with everything it holds (the page,
        every widget's value, the query string); an idle tab asks for nothing until the
        visitor's next change, which then carries the same. Raises OSError (or a
        timeout) while no server takes the connection."""
        await self.close()
        t0 = time.perf_counter()
        await self._connect()
        return await self.rerun(t0) if rerun else None

    async def rerun(self, t0: float | None = None, fragment_id: str = "") -> Run:
        """Ask for a run with the tab's state as it is (what the next change sends, minus
        the change): how a server that never saw this tab rebuilds its view. With
        ``fragment_id``, a rerun of that fragment alone."""
        return await self._rerun(time.perf_counter() if t0 is None else t0,
                                 page_hash=self._page_hash, states=list(self._values.values()),
                                 fragment_id=fragment_id)

    async def switch_page(self, path: str) -> Run:
        """Click ``path`` in the sidebar navigation."""
        path = path.strip("/")
        target = self._pages.get(path)
        if target is None:
            raise KeyError(f"no page /{path} in the app's navigation")
        shared = {_id(e) for _, script, e, _ in self._tree.values() if script == self._main_hash}
        states = [s for i, s in self._values.items() if i in shared]
        # The request still carries the old address: the server drops the parameters
        # bound to the old page's widgets and tells the tab (page_info_changed).
        run = await self._rerun(time.perf_counter(), page_hash=target, states=states)
        self.path = path
        return run

    async def set(self, key: str, state: WidgetState) -> Run:
        """Give widget ``key`` a new state (its ``id`` is filled in) and rerun: the page,
        or the fragment that drew the widget."""
        element, fragment = self._find(key)
        state.id = _id(element)
        self._values[state.id] = state
        bound = getattr(getattr(element, element.WhichOneof("type")), "query_param_key", "")
        if bound:
            self._write_url(bound, state, _drawn_default(element))
        return await self.rerun(fragment_id=fragment)

    async def set_number(self, key: str, value: float) -> Run:
        """Type ``value`` into number box ``key`` and press Enter."""
        element = self.widget(key)
        state = WidgetState()
        if element.number_input.data_type == NumberInput.INT:
            state.int_value = int(value)
        else:
            state.double_value = float(value)
        return await self.set(key, state)

    async def nudge(self, key: str, steps: int = 1) -> Run:
        """Move slider ``key`` by ``steps`` (an arrow key on its focused thumb)."""
        slider = self.widget(key).slider
        now = self._values[slider.id]
        state = WidgetState()
        if slider.type == Slider.SELECT_SLIDER:
            at = list(slider.options).index(now.string_array_value.data[0])
            at = min(max(at + steps, 0), len(slider.options) - 1)
            state.string_array_value.data.append(slider.options[at])
        else:
            value = min(max(now.double_array_value.data[0] + steps * slider.step, slider.min),
                        slider.max)
            state.double_array_value.data.append(value)
        return await self.set(key, state)

    @property
    def page(self) -> str | None:
        """The url path of the page the last run ran (None before any run)."""
        return next((path for path, h in self._pages.items() if h == self._page_hash), None)

    def widget(self, key: str) -> Element:
        """The element of widget ``key`` as the last run drew it."""
        return self._find(key)[0]

    def fragment_of(self, key: str) -> str:
        """The fragment that drew widget ``key`` ("" for the page itself)."""
        return self._find(key)[1]

    def _find(self, key: str) -> tuple[Element, str]:
        for _, _, element, fragment in self._tree.values():
            if _id(element) and user_key(_id(element)) == key:
                return element, fragment
        raise KeyError(f"no widget with key {key!r} on /{self.path}")

    def value(self, key: str) -> WidgetState:
        """The state this tab would send for widget ``key``."""
        return self._values[_id(self.widget(key))]

    # ------------------------------------------------------------------ the protocol

    async def _connect(self) -> None:
        ws_url = "ws" + self.base[len("http"):] + STREAM
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        # No size cap: a figure-heavy page can send a few MB in one message.
        self._ws = await asyncio.wait_for(
            connect(ws_url, subprotocols=["streamlit"], max_size=None,
                    additional_headers={"Cookie": cookie} if cookie else None), self.timeout)
        headers = self._ws.response.headers
        for value in headers.get_all("Set-Cookie"):
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()
        self.served_by = headers.get("X-Served-By", "")
        self.connections += 1

    def _write_url(self, param: str, state: WidgetState, default: WidgetState | None) -> None:
        """Mirror a bound widget into the query string: its value, or nothing at the
        default (the frontend keeps links short)."""
        pairs = [(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True) if k != param]
        if default is None or _url_values(state) != _url_values(default):
            pairs += [(param, v) for v in _url_values(state)]
        self.query = urlencode(pairs)

    async def _rerun(self, t0: float, *, page_name: str = "", page_hash: str = "",
                     states: list[WidgetState] = (), fragment_id: str = "") -> Run:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        rerun.page_name, rerun.page_script_hash = page_name, page_hash
        rerun.fragment_id = fragment_id
        rerun.widget_states.widgets.extend(states)
        rerun.cached_message_hashes.extend(self._cache)
        info = rerun.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, self.locale
        info.url, info.is_embedded, info.color_scheme = f"{self.base}/{self.path}", False, "light"
        self._not_found, self.sent = False, msg
        await self._ws.send(msg.SerializeToString())
        status = await asyncio.wait_for(self._until_done(), self.timeout)
        return self._snapshot(status, (time.perf_counter() - t0) * 1e3)

    async def _until_done(self) -> str:
        """Read ForwardMsgs until the requested run (and any st.rerun after it) ends."""
        while True:
            msg = self._resolve(await self._ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self._on_new_session(msg)
            elif kind == "navigation":  # st.navigation: the page list and the page it ran
                self._page_hash = msg.navigation.page_script_hash
                self._pages.update((p.url_pathname, p.page_script_hash)
                                   for p in msg.navigation.app_pages)
                self.page_names = [p.page_name for p in msg.navigation.app_pages]
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._tree[tuple(msg.metadata.delta_path)] = (
                    self._run_id, msg.metadata.active_script_hash, msg.delta.new_element,
                    msg.delta.fragment_id)
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                self._not_found = True
            elif kind == "script_finished" and msg.script_finished in DONE:
                if msg.script_finished != ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self._drop_stale()
                    self._age_cache()
                return "page not found" if self._not_found else DONE[msg.script_finished]

    def _resolve(self, raw: bytes) -> ForwardMsg:
        """Parse one frame; answer a ``ref_hash`` from the cache, cache what may be reused."""
        self.received += len(raw)
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "ref_hash":
            cached, _ = self._cache[msg.ref_hash]
            full = ForwardMsg()
            full.CopyFrom(cached)
            full.metadata.CopyFrom(msg.metadata)  # its position in this run
            self._cache[msg.ref_hash] = (cached, self._runs)
            return full
        if msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = (msg, self._runs)
        return msg

    def _on_new_session(self, msg: ForwardMsg) -> None:
        session = msg.new_session
        self._run_id = msg.metadata.run.script_run_id
        self._fragments = tuple(msg.metadata.run.fragment_ids)
        # With st.navigation this is the main script's hash; the `navigation` message that
        # follows names the page that runs.
        self._main_hash, self._page_hash = session.main_script_hash, session.page_script_hash
        self._max_age = session.config.max_cached_message_age or self._max_age
        self._pages.update((p.url_pathname, p.page_script_hash) for p in session.app_pages)

    def _drop_stale(self) -> None:
        """After a run: forget elements it did not redraw (after a fragment's run, of that
        fragment only) and their widgets' values; give new widgets their drawn value, and
        widgets the server set theirs."""
        self._tree = {p: entry for p, entry in self._tree.items()
                      if entry[0] == self._run_id
                      or (self._fragments and entry[3] not in self._fragments)}
        drawn = {}
        for _, _, element, _ in self._tree.values():
            state = _drawn_value(element)
            if state is None:
                continue
            proto = getattr(element, element.WhichOneof("type"))
            keep = state.id in self._values and not getattr(proto, "set_value", False)
            drawn[state.id] = self._values[state.id] if keep else state
        self._values = drawn

    def _age_cache(self) -> None:
        """Count a successful run; drop cached messages unused for ``max_age`` of them."""
        self._runs += 1
        self._cache = {h: entry for h, entry in self._cache.items()
                       if self._runs - entry[1] <= self._max_age}

    def _snapshot(self, status: str, ms: float) -> Run:
        charts, widgets, exception = {}, {}, None
        for path in sorted(self._tree):
            element = self._tree[path][2]
            kind = element.WhichOneof("type")
            if kind == "plotly_chart":
                charts[user_key(element.plotly_chart.id) or f"chart{len(charts)}"] = (
                    element.plotly_chart.spec)
            elif kind == "exception" and exception is None:
                text = f"{element.exception.type}: {element.exception.message}"
                exception = text.strip().splitlines()[0][:120]
            elif _id(element) in self._values and user_key(_id(element)):
                widgets[user_key(_id(element))] = self._values[_id(element)]
        return Run(status, ms, charts, widgets, exception)


def _id(element: Element) -> str:
    """The element's id, for widgets and charts ('' for plain elements)."""
    kind = element.WhichOneof("type")
    return getattr(getattr(element, kind), "id", "") if kind else ""


def _drawn_default(element: Element) -> WidgetState | None:
    """The state of ``element`` at its default value, as the frontend compares it."""
    fresh = Element()
    fresh.CopyFrom(element)
    proto = getattr(fresh, fresh.WhichOneof("type"))
    if hasattr(proto, "set_value"):
        proto.set_value = False
    return _drawn_value(fresh)

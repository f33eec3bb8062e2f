"""What the files in `deploy/` promise, read statically (no Docker, cluster or nginx here).

This machine has no Docker engine and no Kubernetes cluster, so the Dockerfile, the Compose
file and the manifests have never run. These tests read them and check the facts a class of
a thousand students depends on: the image (supported Python, non-root, health check, the
pinned runtime, `streamlit run app.py` on 0.0.0.0), sticky sessions and websocket-friendly
timeouts at every balancer, one cookie secret for every replica, selectors and ports that
connect, and the same port and health path everywhere. `tests/test_balancer.py` runs the
local nginx for real; this module covers what only runs elsewhere.

PyYAML is not a dependency, so `_yaml` below reads the subset of YAML these files use
(block mappings and sequences, one-line flow collections, quoted and plain scalars, folded
block scalars) and raises on anything else, so a file that leaves the subset fails loudly
instead of being half-read.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
HEALTH = "/_stcore/health"
STREAM = "/_stcore/stream"
HOUR = 3600
UPLOAD_MB = 200  # Streamlit's default server.maxUploadSize, unless .streamlit/config.toml says


# --- a YAML subset -------------------------------------------------------------------

class _YamlError(ValueError):
    pass


def _strip_comment(line: str) -> str:
    """The line without a trailing ``# comment`` (a ``#`` inside quotes is kept)."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'" and (line[:i].rstrip()[-1:] in ("", ":", "-", "[", "{", ",")):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(text: str):
    text = text.strip()
    if text[:1] == '"':
        return json.loads(text)
    if text[:1] == "'":
        if not text.endswith("'") or len(text) < 2:
            raise _YamlError(f"unterminated quote: {text}")
        return text[1:-1].replace("''", "'")
    if text[:1] in ("&", "*", "!", "|", ">", "%", "@", "`"):
        raise _YamlError(f"unsupported YAML: {text}")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return {"true": True, "false": False, "null": None, "~": None, "": None}.get(text, text)


def _flow(s: str, j: int = 0):
    """One flow value of ``s`` from ``j``: ``{a: b}``, ``[a, b]`` or a scalar; (value, end)."""
    while j < len(s) and s[j] == " ":
        j += 1
    if j < len(s) and s[j] in "{[":
        close, out = ("}", {}) if s[j] == "{" else ("]", [])
        j += 1
        while True:
            while j < len(s) and s[j] in " ,":
                j += 1
            if j >= len(s):
                raise _YamlError(f"unclosed flow collection: {s}")
            if s[j] == close:
                return out, j + 1
            if close == "}":
                m = re.compile(r"\s*([^:{}\[\],]+?):\s").match(s, j)
                if not m:
                    raise _YamlError(f"flow mapping without `key: ` in {s}")
                value, j = _flow(s, m.end())
                out[_scalar(m.group(1))] = value
            else:
                value, j = _flow(s, j)
                out.append(value)
    if j < len(s) and s[j] in "\"'":
        end = s.index(s[j], j + 1) + 1
        return _scalar(s[j:end]), end
    end = j
    while end < len(s) and s[end] not in ",}]":
        end += 1
    return _scalar(s[j:end]), end


class _Doc:
    """Recursive descent over the lines of one YAML document."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.i = 0

    def peek(self) -> tuple[int, str] | None:
        while self.i < len(self.lines):
            content = _strip_comment(self.lines[self.i])
            if content.strip():
                if "\t" in content[: len(content) - len(content.lstrip())]:
                    raise _YamlError(f"tab indentation: {content!r}")
                return len(content) - len(content.lstrip(" ")), content.strip()
            self.i += 1
        return None

    def node(self, min_indent: int):
        line = self.peek()
        if line is None or line[0] < min_indent:
            return None
        indent, text = line
        return self.sequence(indent) if text == "-" or text.startswith("- ") else \
            self.mapping(indent)

    def value(self, rest: str, indent: int):
        """What follows ``key:`` or ``-`` on a line that has been consumed."""
        if rest in (">", ">-", "|", "|-"):
            return self.block_scalar(rest, indent)
        if rest[:1] in ("{", "["):
            value, end = _flow(rest)
            if rest[end:].strip():
                raise _YamlError(f"trailing text after a value: {rest!r}")
            return value
        if rest:
            return _scalar(rest)  # a plain block scalar may hold `,` `}` `]`
        return self.node(indent + 1)

    def block_scalar(self, style: str, indent: int) -> str:
        body = []
        while self.i < len(self.lines):
            raw = self.lines[self.i]
            if raw.strip() and len(raw) - len(raw.lstrip(" ")) <= indent:
                break
            body.append(raw.strip())
            self.i += 1
        while body and not body[-1]:
            body.pop()
        text = (" " if style[0] == ">" else "\n").join(body)
        return text if style.endswith("-") else text + "\n"

    def mapping(self, indent: int) -> dict:
        out: dict = {}
        while (line := self.peek()) is not None and line[0] == indent:
            text = line[1]
            m = re.fullmatch(r"""("[^"]*"|'[^']*'|[^\s"'#{}\[\],&*!|>-][^:#]*?)\s*:(?:\s+(.*))?""",
                             text)
            if not m:
                raise _YamlError(f"expected `key: value`, got {text!r}")
            key = _scalar(m.group(1))
            if key in out:
                raise _YamlError(f"duplicate key {key!r}")
            self.i += 1
            nxt = self.peek()
            rest = (m.group(2) or "").strip()
            if not rest and nxt and nxt[0] == indent and nxt[1].startswith("- "):
                out[key] = self.sequence(indent)  # `key:` then `- item` at the key's indent
            else:
                out[key] = self.value(rest, indent)
        if line is not None and line[0] > indent:
            raise _YamlError(f"unexpected indentation: {line[1]!r}")
        return out

    def sequence(self, indent: int) -> list:
        out = []
        while (line := self.peek()) is not None and line[0] == indent and \
                (line[1] == "-" or line[1].startswith("- ")):
            item = line[1][1:].strip()
            if re.match(r"""[^\s"'{\[][^:]*:(\s|$)""", item):  # `- key: value ...`
                column = indent + len(line[1]) - len(item)
                self.lines[self.i] = " " * column + item
                out.append(self.mapping(column))
            else:
                self.i += 1
                out.append(self.value(item, indent))
        if line is not None and line[0] > indent:
            raise _YamlError(f"unexpected indentation: {line[1]!r}")
        return out


def _yaml(text: str) -> list:
    """The documents of ``text`` (``---`` separates them)."""
    docs, current = [], []
    for raw in [*text.splitlines(), "---"]:
        if raw.rstrip() == "---":
            doc = _Doc(current)
            value = doc.node(0)
            if doc.peek() is not None:
                raise _YamlError(f"not read: {doc.peek()[1]!r}")
            if value is not None:
                docs.append(value)
            current = []
        else:
            current.append(raw)
    return docs


def test_the_yaml_reader_reads_what_the_files_use_and_refuses_the_rest():
    text = "a: 1\nb:\n  - {x: '8', y: [p, \"q: r\"]}  # c\n  - k: v\n    w: >-\n      one\n" \
           "      two\nc:\n- s\n"
    assert _yaml(text) == [{"a": 1, "b": [{"x": "8", "y": ["p", "q: r"]},
                                          {"k": "v", "w": "one two"}], "c": ["s"]}]
    assert _yaml("a: ${X:?b, c}  # d\n---\nb: 2\n") == [{"a": "${X:?b, c}"}, {"b": 2}]
    for bad in ("a: &anchor 1\n", "a: 1\n  b: 2\n", "a: 1\na: 2\n", "a: {b: 1\n"):
        with pytest.raises(_YamlError):
            _yaml(bad)


# --- the files, read once --------------------------------------------------------------

def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuations joined, comments dropped."""
    out, pending = [], ""
    for raw in (DEPLOY / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        pending += (" " if pending else "") + line.rstrip("\\").strip()
        if not line.endswith("\\"):
            word, _, args = pending.partition(" ")
            out.append((word.upper(), args.strip()))
            pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    return out


DOCKER = _dockerfile()
COMPOSE = _yaml((DEPLOY / "docker-compose.yml").read_text())[0]
K8S = {doc["kind"]: doc for doc in _yaml((DEPLOY / "kubernetes.yaml").read_text())}
TEMPLATE = DEPLOY / "nginx" / "streamlit.conf.template"
README = (DEPLOY / "README.md").read_text()
MAIN_README = (ROOT / "README.md").read_text()
CLASS_SECTION = MAIN_README.split("## Serving a class", 1)[1].split("\n## ", 1)[0]


def _instructions(name: str) -> list[str]:
    return [args for word, args in DOCKER if word == name]


def _options(args: list[str]) -> dict[str, str]:
    """``--a=b`` and ``--a b`` of a command line as {a: b}."""
    out, i = {}, 0
    while i < len(args):
        if args[i].startswith("--"):
            key, eq, value = args[i][2:].partition("=")
            if not eq and i + 1 < len(args) and not args[i + 1].startswith("--"):
                value, i = args[i + 1], i + 1
            out[key] = value
        i += 1
    return out


def _image_command() -> list[str]:
    (cmd,) = _instructions("CMD")  # one CMD: a second would silently replace the first
    assert cmd.startswith("["), "exec form, so streamlit is PID 1 and gets SIGTERM"
    return json.loads(cmd)


def _app_port() -> int:
    return int(_options(_image_command())["server.port"])


def _healthcheck() -> tuple[dict[str, str], list[str]]:
    (check,) = _instructions("HEALTHCHECK")
    flags, _, command = check.partition("CMD")
    opts = dict(re.findall(r"--([a-z-]+)=(\S+)", flags))
    return opts, json.loads(command) if command.strip().startswith("[") else shlex.split(command)


def _seconds(text: str) -> float:
    """An nginx or Docker duration (``3600s``, ``1h``, ``2s``, ``3600``) in seconds."""
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "": 1}
    parts = re.findall(r"(\d+)(ms|s|m|h|d)?", str(text))
    assert parts and "".join(n + u for n, u in parts) == str(text), f"not a duration: {text}"
    return sum(int(n) * units[u] for n, u in parts)


def _megabytes(text: str) -> float:
    m = re.fullmatch(r"(\d+)([kKmMgG]?)", str(text))
    assert m, f"not a size: {text}"
    return int(m.group(1)) * {"k": 1 / 1024, "m": 1, "g": 1024, "": 1 / 2**20}[m.group(2).lower()]


# --- Dockerfile --------------------------------------------------------------------------

def test_the_image_is_a_slim_python_the_project_supports():
    (base,) = _instructions("FROM")  # one stage
    m = re.fullmatch(r"python:3\.(\d+)-slim(-[a-z]+)?", base)
    assert m, f"{base}: not an official slim Python image"
    low, high = map(int, re.search(r"3\.(\d+) to 3\.(\d+) are tested",
                                   (ROOT / "Makefile").read_text()).groups())
    assert low <= int(m.group(1)) <= high
    # What both READMEs say the image is.
    assert f"`{base}`" in README and f"`{base}`" in CLASS_SECTION


def test_the_image_runs_as_an_unprivileged_user_who_cannot_change_the_code():
    users = _instructions("USER")
    assert users, "no USER: the server would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    created = [a for a in _instructions("RUN") if re.search(rf"useradd\b.*\s{user}\b", a)]
    assert created, f"USER {user} is never created"
    # USER comes before the command, and the code is root's (no --chown to the app user).
    words = [w for w, _ in DOCKER]
    assert words.index("USER") < words.index("CMD")
    assert not [a for a in _instructions("COPY") if "--chown" in a or "--chmod" in a]


def test_the_image_installs_the_pinned_runtime_only():
    copies = _instructions("COPY")
    assert "requirements.txt ." in copies
    runs = " ".join(_instructions("RUN"))
    assert re.search(r"pip install (--no-cache-dir )?-r requirements\.txt", runs)
    assert "requirements-dev" not in runs and "pytest" not in runs
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", p) for p in pins), pins
    # The requirements layer comes before the code, so a code change does not reinstall.
    assert copies.index("requirements.txt .") == 0


def test_the_image_starts_streamlit_headless_on_all_interfaces():
    cmd = _image_command()
    assert cmd[:4] == ["python", "-m", "streamlit", "run"] and cmd[4] == "app.py"
    opts = _options(cmd[5:])
    assert opts["server.address"] == "0.0.0.0"
    assert opts["server.headless"] == "true"
    assert opts["server.fileWatcherType"] == "none"  # no inotify watches per replica
    assert _instructions("EXPOSE") == [str(_app_port())]
    assert ("WORKDIR", "/app") in DOCKER


def test_the_cookie_secret_never_appears_on_a_command_line_or_in_the_image():
    everything = " ".join(args for _, args in DOCKER).lower()
    assert "cookiesecret" not in everything and "cookie_secret" not in everything
    assert "cookieSecret" not in (ROOT / ".streamlit" / "config.toml").read_text()


def test_the_health_check_asks_streamlit_on_its_own_port():
    opts, command = _healthcheck()
    url = re.search(r"https?://[^'\"\s]+", " ".join(command)).group(0)
    assert url == f"http://127.0.0.1:{_app_port()}{HEALTH}"
    # The slim image has no curl or wget: the check must use what the image has.
    assert command[0] in ("python", "python3")
    assert _seconds(opts["timeout"]) < _seconds(opts["interval"])
    assert _seconds(opts["start-period"]) >= 10  # the imports take seconds
    assert int(opts["retries"]) >= 2


def _copied() -> list[str]:
    """The repository paths the image COPYs (sources, not the destination)."""
    out = []
    for args in _instructions("COPY"):
        parts = [p for p in args.split() if not p.startswith("--")]
        out += parts[:-1]
    return out


def _tracked() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.splitlines()


def test_every_copied_path_is_in_a_fresh_clone():
    tracked = _tracked()
    for source in _copied():
        assert any(f == source or f.startswith(source.rstrip("/") + "/") for f in tracked), \
            f"COPY {source}: not tracked by git, so a clean checkout cannot build the image"


def _first_party_imports() -> set[str]:
    """Top-level names that the running app imports from this repository."""
    files = [ROOT / "app.py", *[p for d in ("pages", "ui", "activations")
                                for p in (ROOT / d).rglob("*.py")]]
    names = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if (ROOT / n).is_dir() or (ROOT / f"{n}.py").is_file()}


def test_the_image_holds_every_module_the_app_imports():
    copied = {c.rstrip("/").removesuffix(".py") for c in _copied()}
    needed = _first_party_imports()
    assert {"ui", "activations"} <= needed  # the scan sees the app's own packages
    assert needed <= copied, f"imported but not in the image: {needed - copied}"
    assert {"app.py", "pages", ".streamlit"} <= {c.rstrip("/") for c in _copied()}


def _dockerignore() -> tuple[Path, list[tuple[bool, re.Pattern]]]:
    """BuildKit reads ``<Dockerfile>.dockerignore`` first, then the context's .dockerignore."""
    for path in (DEPLOY / "Dockerfile.dockerignore", ROOT / ".dockerignore"):
        if path.exists():
            break
    else:
        pytest.skip("no .dockerignore: the whole context is sent, nothing is excluded")
    rules = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        rx = re.sub(r"\\\*\\\*/|\\\*\\\*|\\\*|\\\?", lambda m: {
            r"\*\*/": "(?:.*/)?", r"\*\*": ".*", r"\*": "[^/]*", r"\?": "[^/]"}[m.group(0)],
            re.escape(pattern))
        rules.append((negate, re.compile(rx)))
    return path, rules


def _ignored(path: str, rules) -> bool:
    """Docker's rule: the last pattern that matches the path or one of its parents wins."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    ignored = False
    for negate, rx in rules:
        if any(rx.fullmatch(p) for p in prefixes):
            ignored = not negate
    return ignored


def test_the_dockerignore_keeps_what_the_image_needs_and_drops_the_rest():
    path, rules = _dockerignore()
    needed = [f for f in _tracked() for c in _copied()
              if f == c or f.startswith(c.rstrip("/") + "/")]
    assert len(needed) > 20
    lost = [f for f in needed if _ignored(f, rules)]
    assert not lost, f"{path.name} excludes files the image COPYs: {lost[:5]}"
    # The context stays small and carries no local state (a venv is gigabytes).
    for heavy in (".git/HEAD", ".venv/bin/python", "tests/conftest.py", "artifacts/x.log",
                  "ui/__pycache__/frame.cpython-311.pyc", "benchmarks/load.py"):
        assert _ignored(heavy, rules), f"{heavy} is sent to the build"


# --- nginx -------------------------------------------------------------------------------

def _nginx(text: str) -> list:
    """nginx's configuration as [(directive, [args], children or None)]."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[{};]|[^\s{};"\']+',
                        re.sub(r"(?m)(^|\s)#.*$", r"\1", text))
    stack, current, words = [], [], []
    for tok in tokens:
        if tok == "{":
            block: list = []
            current.append((words[0], words[1:], block))
            stack.append(current)
            current, words = block, []
        elif tok == ";":
            current.append((words[0], words[1:], None))
            words = []
        elif tok == "}":
            assert not words, f"directive without `;` before `}}`: {words}"
            current = stack.pop()
        else:
            words.append(tok.strip("\"'") if tok[0] in "\"'" else tok)
    assert not stack and not words, "unbalanced nginx configuration"
    return current


def _find(block: list, name: str, *args: str) -> list:
    return [d for d in block if d[0] == name and list(d[1][: len(args)]) == list(args)]


def _one(block: list, name: str, *args: str):
    found = _find(block, name, *args)
    assert len(found) == 1, f"{name} {' '.join(args)}: {len(found)} times"
    return found[0]


def _compose_env(service: str) -> dict[str, str]:
    return {k: str(v) for k, v in COMPOSE["services"][service]["environment"].items()}


def _envsubst(text: str, env: dict[str, str]) -> str:
    """What the nginx image's entrypoint does: fill in only the variables it has."""
    for name, value in env.items():
        text = text.replace("${" + name + "}", value)
        text = re.sub(r"\$" + name + r"\b", lambda _: value, text)
    return text


def _local_conf(served_by: bool = False) -> str:
    from deploy.local import nginx_conf

    return nginx_conf("127.0.0.1:8600", [9001, 9002], served_by, Path("/tmp/st-nginx-x"))


def _configs() -> dict[str, list]:
    """The template as each setup fills it in: Docker Compose and deploy/local.py."""
    return {"compose": _nginx(_envsubst(TEMPLATE.read_text(), _compose_env("nginx"))),
            "local": _nginx(_local_conf())}


def _upstream_servers(conf: list) -> list[tuple[str, list[str]]]:
    (_, _, upstream), = _find(conf, "upstream", "streamlit")
    return [(d[1][0], d[1][1:]) for d in upstream if d[0] == "server"]


def _servers(conf: list) -> tuple[list, list]:
    """The server visitors reach, and the one that compresses the frontend's files for
    the cache (reached only through its unix socket)."""
    servers = {_one(b, "listen")[1][0].startswith("unix:"): b for _, _, b in _find(conf, "server")}
    assert len(_find(conf, "server")) == 2 and len(servers) == 2
    return servers[False], servers[True]


def _location(conf: list, path: str, server: list | None = None) -> list:
    """The location nginx picks for the URI ``path``, in the server visitors reach unless
    told: the longest matching prefix, unless it is ``^~`` and a regex location (``~``,
    tried in order) matches first. nginx's PCRE and Python's `re` agree on these."""
    server = _servers(conf)[0] if server is None else server
    locations = [d for d in server if d[0] == "location"]
    prefixes = [d for d in locations if len(d[1]) == 1 or d[1][0] == "^~"]
    regexes = [d for d in locations if d[1][0] == "~"]
    assert len(prefixes) + len(regexes) == len(locations), "exact or ~* locations: read them"
    matching = [d for d in prefixes if path.startswith(d[1][-1])]
    assert matching, f"no location serves {path}"
    best = max(matching, key=lambda d: len(d[1][-1]))
    if best[1][0] != "^~":
        for d in regexes:
            if re.search(d[1][1], path):
                return d[2]
    return best[2]


def test_every_setup_fills_every_variable_of_the_template():
    placeholders = set(re.findall(r"\$\{(\w+)\}", TEMPLATE.read_text()))
    assert placeholders == {"NGINX_LISTEN", "STREAMLIT_UPSTREAMS", "SERVED_BY_HEADER",
                            "NGINX_CACHE_DIR", "NGINX_GZIP_SOCKET"}
    assert placeholders <= set(_compose_env("nginx"))
    for text in (_envsubst(TEMPLATE.read_text(), _compose_env("nginx")), _local_conf()):
        assert "${" not in text
    # envsubst would also eat an nginx variable named like a variable of the container
    # (Compose's, or the nginx image's own).
    nginx_vars = set(re.findall(r"\$([A-Za-z_]\w*)", TEMPLATE.read_text())) - placeholders
    image_vars = {"PATH", "HOME", "HOSTNAME", "NGINX_VERSION", "NJS_VERSION", "PKG_RELEASE"}
    assert {"request_id", "http_upgrade"} <= nginx_vars
    assert not nginx_vars & (set(_compose_env("nginx")) | image_vars)


@pytest.mark.parametrize("setup", ["compose", "local"])
def test_nginx_keeps_each_browser_on_one_process_by_a_cookie(setup):
    conf = _configs()[setup]
    (_, _, upstream), = _find(conf, "upstream", "streamlit")
    (_, hash_args, _), = _find(upstream, "hash")
    assert hash_args == ["$st_route", "consistent"]
    # $st_route is the visitor's cookie, or for a new visitor the id the cookie is set to.
    (_, _, route), = _find(conf, "map", "$cookie_st_route", "$st_route")
    assert dict((d[0], d[1][0]) for d in route) == {"": "$request_id",
                                                    "default": "$cookie_st_route"}
    (_, _, cookie), = _find(conf, "map", "$cookie_st_route", "$st_route_cookie")
    values = dict((d[0], d[1][0]) for d in cookie)
    assert values["default"] == ""
    assert re.fullmatch(r"st_route=\$request_id; Path=/;.*HttpOnly.*", values[""])
    loc = _location(conf, "/")
    assert _one(loc, "add_header", "Set-Cookie")[1] == ["Set-Cookie", "$st_route_cookie",
                                                         "always"]
    assert _one(loc, "proxy_pass")[1] == ["http://streamlit"]


@pytest.mark.parametrize("setup", ["compose", "local"])
def test_nginx_passes_the_websocket_and_keeps_it_open_for_an_hour(setup):
    conf = _configs()[setup]
    loc = _location(conf, STREAM)
    assert _one(loc, "proxy_pass")[1] == ["http://streamlit"]
    assert _one(loc, "proxy_http_version")[1] == ["1.1"]
    assert _one(loc, "proxy_set_header", "Upgrade")[1][1] == "$http_upgrade"
    connection = _one(loc, "proxy_set_header", "Connection")[1][1]
    if connection != "upgrade":  # a map: "upgrade" for a handshake, keep-alive otherwise
        (_, _, mapping), = _find(conf, "map", "$http_upgrade", connection)
        values = dict((d[0], d[1][0]) for d in mapping)
        assert values["default"] == "upgrade" and values[""] != "upgrade"
    # Streamlit compares the websocket's Origin with Host: the port must stay in it.
    assert _one(loc, "proxy_set_header", "Host")[1][1] == "$http_host"
    for timeout in ("proxy_read_timeout", "proxy_send_timeout"):
        assert _seconds(_one(loc, timeout)[1][0]) >= HOUR, timeout
    assert _one(loc, "proxy_buffering")[1] == ["off"]
    server = _servers(conf)[0]
    limit = [d[1][0] for d in [*server, *loc] if d[0] == "client_max_body_size"]
    upload = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text()) \
        .get("server", {}).get("maxUploadSize", UPLOAD_MB)
    assert limit and _megabytes(limit[-1]) >= upload


@pytest.mark.parametrize("setup", ["compose", "local"])
def test_nginx_skips_a_dead_process_quickly(setup):
    conf = _configs()[setup]
    servers = _upstream_servers(conf)
    assert servers
    for _, params in servers:
        assert "max_fails=1" in params
    loc = _location(conf, HEALTH)
    assert _one(loc, "proxy_pass")[1] == ["http://streamlit"]
    assert _seconds(_one(loc, "proxy_connect_timeout")[1][0]) <= 2
    assert {"error", "timeout"} <= set(_one(loc, "proxy_next_upstream")[1])
    assert not _find(loc, "return") and not _find(loc, "deny")


@pytest.mark.parametrize("setup", ["compose", "local"])
def test_every_process_weighs_10_on_the_hash_ring(setup):
    # The same weight for all, but 1,600 points each on nginx's ring instead of 160: an
    # even share of new visitors (measured with nginx in tests/test_balancer.py).
    servers = _upstream_servers(_configs()[setup])
    assert servers and all("weight=10" in params for _, params in servers)


@pytest.mark.parametrize("setup", ["compose", "local"])
def test_nginx_keeps_one_compressed_copy_of_the_frontend(setup):
    conf = _configs()[setup]
    public, inner = _servers(conf)
    # Visitors: the frontend's files from nginx's cache, one fetch per file at a time.
    loc = _location(conf, "/static/js/index.DormvYxC.js")
    zone = _one(loc, "proxy_cache")[1][0]
    path = _one(conf, "proxy_cache_path")[1]
    assert f"keys_zone={zone}:1m" in path and any(a.startswith("max_size=") for a in path)
    assert _one(loc, "proxy_cache_lock")[1] == ["on"]
    assert _one(loc, "proxy_cache_valid")[1][0] == "200"
    # ... fetched compressed from the inner server, one copy whatever the browser sends,
    # and unpacked for a client that takes no gzip.
    socket = _one(inner, "listen")[1][0]
    assert _one(loc, "proxy_pass")[1] == [f"http://{socket}:"]
    assert _one(loc, "proxy_set_header", "Accept-Encoding")[1][1] == "gzip"
    assert "Vary" in _one(loc, "proxy_ignore_headers")[1]
    assert _one(loc, "gunzip")[1] == ["on"]
    # The inner server compresses what is text, at the top level, from the app processes
    # (which are asked for the plain file).
    assert _one(inner, "gzip")[1] == ["on"] and _one(inner, "gzip_comp_level")[1] == ["9"]
    # (gzip_types is set once for both servers, and neither replaces it.)
    assert {"application/javascript", "text/css"} <= set(_one(conf, "gzip_types")[1])
    assert not _find(inner, "gzip_types") and not _find(public, "gzip_types")
    files = _location(conf, "/static/js/index.DormvYxC.js", inner)
    assert _one(files, "proxy_pass")[1] == ["http://streamlit"]
    assert _one(files, "proxy_set_header", "Accept-Encoding")[1][1] == ""
    assert {"error", "timeout"} <= set(_one(files, "proxy_next_upstream")[1])
    assert _one(_location(conf, "/", inner), "return")[1] == ["404"]
    # The page itself and downloads: compressed on the way out; the websocket and the
    # route cookie as before.
    assert _one(public, "gzip")[1] == ["on"]
    assert not _find(loc, "add_header", "Set-Cookie")
    if setup == "compose":  # the image has /var/cache/nginx; nginx makes one level below
        assert path[0].startswith("/var/cache/nginx/") and path[0].count("/") == 4
        # The socket on a tmpfs: a stale one, left by a killed nginx, would stop the next.
        tmpfs = COMPOSE["services"]["nginx"]["tmpfs"]
        assert any(socket.startswith(f"unix:{d.rstrip('/')}/") for d in tmpfs)
    else:
        assert path[0] == "/tmp/st-nginx-x/static" and socket == "unix:/tmp/st-nginx-x/gzip.sock"


def test_local_nginx_balances_every_process_and_names_them_only_when_asked():
    conf = _nginx(_local_conf())
    assert [s for s, _ in _upstream_servers(conf)] == ["127.0.0.1:9001", "127.0.0.1:9002"]
    assert _one(_servers(conf)[0], "listen")[1] == ["127.0.0.1:8600"]
    assert not _find(_location(conf, "/"), "add_header", "X-Served-By")
    served = _location(_nginx(_local_conf(served_by=True)), "/")
    assert _one(served, "add_header", "X-Served-By")[1][1] == "$upstream_addr"


# --- Docker Compose ----------------------------------------------------------------------

def _interpolation(value: str) -> tuple[str, str, str]:
    """``${NAME:-default}`` / ``${NAME:?message}`` as (NAME, operator, rest)."""
    m = re.fullmatch(r"\$\{(\w+)(?:(:?[-?])(.*))?\}", str(value))
    assert m, f"{value}: not one ${{VARIABLE}}"
    return m.group(1), m.group(2) or "", m.group(3) or ""


def test_compose_builds_the_image_from_the_repository_root():
    build = COMPOSE["services"]["app"]["build"]
    context = (DEPLOY / build["context"]).resolve()
    assert context == ROOT
    assert (context / build["dockerfile"]) == DEPLOY / "Dockerfile"


def test_compose_runs_k_app_replicas_that_only_nginx_can_reach():
    app = COMPOSE["services"]["app"]
    name, op, default = _interpolation(app["deploy"]["replicas"])
    assert (name, op) == ("K", ":-") and int(default) >= 2
    # A published port or a fixed container name cannot be shared by K replicas.
    assert "ports" not in app and "container_name" not in app
    assert "K=2 docker compose -f deploy/docker-compose.yml up" in README
    assert "K=2 docker compose -f deploy/docker-compose.yml up" in CLASS_SECTION
    assert _megabytes(app["deploy"]["resources"]["limits"]["memory"]) <= 1024
    assert app["restart"] in ("unless-stopped", "always")


def test_compose_gives_every_replica_the_one_required_cookie_secret():
    env = COMPOSE["services"]["app"]["environment"]
    assert set(env) >= {"STREAMLIT_SERVER_COOKIE_SECRET"}
    name, op, message = _interpolation(env["STREAMLIT_SERVER_COOKIE_SECRET"])
    # `:?`: no secret, no start; a default would be the same known secret on every server.
    assert op == ":?" and message
    assert f"export {name}=$(openssl rand -hex 32)" in README
    # One service definition: every replica of it gets this same value.
    other = [s for s, d in COMPOSE["services"].items()
             if s != "app" and "STREAMLIT_SERVER_COOKIE_SECRET" in (d.get("environment") or {})]
    assert not other


def test_compose_starts_nginx_in_front_once_the_replicas_are_healthy():
    nginx = COMPOSE["services"]["nginx"]
    assert nginx["depends_on"] == {"app": {"condition": "service_healthy"}}
    # The app's health check is the image's HEALTHCHECK: Compose must not turn it off.
    assert "healthcheck" not in COMPOSE["services"]["app"] and _instructions("HEALTHCHECK")
    # `resolve` in an upstream needs nginx 1.27.3 or later.
    m = re.fullmatch(r"nginx:(\d+)\.(\d+)(?:\.(\d+))?(-alpine)?", nginx["image"])
    # A tag without a patch number is that line's newest release.
    assert m and tuple(int(g or 99) for g in m.groups()[:3]) >= (1, 27, 3)
    mount = f"./nginx/{TEMPLATE.name}:/etc/nginx/templates/{TEMPLATE.name}:ro"
    assert nginx["volumes"] == [mount] and TEMPLATE.name.endswith(".template")
    host, container = nginx["ports"][0].split(":")
    assert _compose_env("nginx")["NGINX_LISTEN"] == container
    assert f"http://<server>:{host}" in README and f"(port {host})" in CLASS_SECTION


def test_compose_nginx_follows_every_replica_on_the_app_port():
    servers = _upstream_servers(_configs()["compose"])
    assert servers == [(f"app:{_app_port()}", ["resolve", "weight=10", "max_fails=1",
                                                "fail_timeout=10s"])]
    (_, _, upstream), = _find(_configs()["compose"], "upstream", "streamlit")
    assert _find(upstream, "zone") and _one(upstream, "resolver")[1][0] == "127.0.0.11"
    assert "app" in COMPOSE["services"]


# --- Kubernetes --------------------------------------------------------------------------

def _container() -> dict:
    (container,) = K8S["Deployment"]["spec"]["template"]["spec"]["containers"]
    return container


def _container_port(port) -> int:
    """A probe's or Service's port (a name or a number) as the container's port number."""
    ports = _container()["ports"]
    for p in ports:
        if port in (p.get("name"), p["containerPort"]):
            return p["containerPort"]
    raise AssertionError(f"port {port!r} is not one of the container's {ports}")


def test_kubernetes_has_the_objects_the_readme_lists():
    assert set(K8S) == {"Deployment", "Service", "PodDisruptionBudget", "Ingress"}
    assert {doc["metadata"]["name"] for doc in K8S.values()} == {"activation-explorer"}
    assert "kubectl scale deployment activation-explorer" in README


def test_kubernetes_pods_listen_on_the_image_port_and_run_as_its_user():
    assert [p["containerPort"] for p in _container()["ports"]] == [_app_port()]
    pod = K8S["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    uid = re.search(r"useradd .*--uid (\d+)", " ".join(_instructions("RUN"))).group(1)
    assert pod["securityContext"]["runAsUser"] == int(uid) != 0
    assert _container()["securityContext"]["allowPrivilegeEscalation"] is False


@pytest.mark.parametrize("probe", ["readinessProbe", "livenessProbe"])
def test_kubernetes_probes_ask_streamlit_health_on_the_container_port(probe):
    check = _container()[probe]["httpGet"]
    assert check["path"] == HEALTH
    assert _container_port(check["port"]) == _app_port()


def test_kubernetes_liveness_waits_out_a_slow_start():
    live = _container()["livenessProbe"]
    patience = live.get("initialDelaySeconds", 0) + \
        live.get("periodSeconds", 10) * live.get("failureThreshold", 3)
    start, _ = _healthcheck()
    assert patience >= _seconds(start["start-period"])
    # Readiness takes a pod out of the Service before liveness would restart it.
    ready = _container()["readinessProbe"]
    assert ready.get("periodSeconds", 10) < live.get("periodSeconds", 10)


def test_kubernetes_replicas_share_the_cookie_secret_from_one_secret():
    (var,) = [e for e in _container()["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET"]
    assert "value" not in var, "a literal secret in the manifest"
    ref = var["valueFrom"]["secretKeyRef"]
    # The Secret the README's command creates.
    assert f"kubectl create secret generic {ref['name']} " \
           f"--from-literal={ref['key']}=\"$(openssl rand -hex 32)\"" in README
    assert not [a for a in _container().get("args", []) + _container().get("command", [])
                if "cookie" in a.lower()]


def test_kubernetes_resources_are_the_ones_the_readme_states():
    spec = K8S["Deployment"]["spec"]
    res = _container()["resources"]
    assert spec["replicas"] == 2 and "Deployment of 2 replicas" in README
    assert res["requests"] == {"cpu": "1", "memory": "512Mi"}
    assert res["limits"]["memory"] == "1Gi"
    assert "one core and 512 MiB requested, 1 GiB limit each" in README
    pdb = K8S["PodDisruptionBudget"]["spec"]
    assert pdb["minAvailable"] == 1 and pdb["selector"] == spec["selector"]


def test_kubernetes_selectors_pick_the_deployments_pods():
    spec = K8S["Deployment"]["spec"]
    labels = spec["template"]["metadata"]["labels"]
    assert spec["selector"]["matchLabels"].items() <= labels.items()
    selector = K8S["Service"]["spec"]["selector"]
    assert selector and selector.items() <= labels.items()


def test_kubernetes_service_reaches_the_container_port():
    (port,) = K8S["Service"]["spec"]["ports"]
    assert _container_port(port.get("targetPort", port["port"])) == _app_port()


def test_kubernetes_ingress_routes_to_the_service_with_cookie_affinity():
    ingress = K8S["Ingress"]
    notes = ingress["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert ingress["spec"]["ingressClassName"] == "nginx"  # the annotations are its
    assert notes[prefix + "affinity"] == "cookie"
    assert notes[prefix + "affinity-mode"] == "persistent"  # scaling up moves nobody
    assert notes[prefix + "session-cookie-name"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[prefix + timeout]) >= HOUR, timeout
    assert _megabytes(notes[prefix + "proxy-body-size"]) >= UPLOAD_MB
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert (path["path"], path["pathType"]) == ("/", "Prefix")
    backend = path["backend"]["service"]
    assert backend["name"] == K8S["Service"]["metadata"]["name"]
    wanted = backend["port"]
    ports = K8S["Service"]["spec"]["ports"]
    assert any(wanted in ({"name": p.get("name")}, {"number": p["port"]}) for p in ports), \
        f"the Ingress asks for port {wanted}, the Service has {ports}"


# --- across the files --------------------------------------------------------------------

def test_one_app_port_everywhere():
    port = _app_port()
    url = re.search(r":(\d+)/", " ".join(_healthcheck()[1])).group(1)
    ports = {"EXPOSE": int(_instructions("EXPOSE")[0]), "HEALTHCHECK": int(url),
             "compose upstream": int(_upstream_servers(_configs()["compose"])[0][0]
                                     .rsplit(":", 1)[1]),
             "k8s containerPort": _container()["ports"][0]["containerPort"]}
    assert set(ports.values()) == {port}, ports


def test_one_health_path_everywhere():
    local = (DEPLOY / "local.py").read_text()
    paths = {"Dockerfile": re.search(r"/_stcore/\w+", " ".join(_healthcheck()[1])).group(0),
             "readiness": _container()["readinessProbe"]["httpGet"]["path"],
             "liveness": _container()["livenessProbe"]["httpGet"]["path"],
             "local.py": set(re.findall(r"/_stcore/\w+", local))}
    assert paths.pop("local.py") == {HEALTH}
    assert set(paths.values()) == {HEALTH}, paths
    assert f"`{HEALTH}`" in README and f"`{HEALTH}`" in CLASS_SECTION


def test_one_route_cookie_and_one_hour_everywhere():
    notes = K8S["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == "st_route"
    assert "(`st_route`)" in README and "`hash $st_route consistent`" in README
    loc = _location(_configs()["compose"], STREAM)
    hour = {_seconds(_one(loc, "proxy_read_timeout")[1][0]),
            int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"])}
    assert hour == {HOUR}
    assert "(`max_fails=1`, connect timeout 2 s)" in README


def test_make_serve_runs_the_local_balancer():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(PY) deploy/local.py --servers $(K) --port $(PORT)" in makefile
    # Four processes by default: two per core served a class best on 2 cores (README);
    # `deploy/local.py` alone starts as many as `make serve`.
    assert re.search(r"(?m)^K \?= 4$", makefile) and re.search(r"(?m)^PORT\s+\?= 8501$", makefile)
    assert "--servers\", \"-k\", type=int, default=4" in (ROOT / "deploy/local.py").read_text()
    assert "`make serve` alone starts four processes" in (ROOT / "deploy/README.md").read_text()
    from deploy.local import TEMPLATE as local_template

    assert local_template == TEMPLATE
    assert "make serve K=2" in README and "127.0.0.1:8501" in CLASS_SECTION

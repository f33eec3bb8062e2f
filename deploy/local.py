"""K Streamlit processes behind one nginx on this machine, loopback only (`make serve K=2`).

For the load test, for the balancer test, and for anyone without Docker. Each process is
`streamlit run app.py` on its own free port of 127.0.0.1; nginx (Debian's package, run as
this user with its own prefix in a temporary directory: no system service, no root)
listens on one address and balances them with sticky sessions, from
`deploy/nginx/streamlit.conf.template`, the same file the Docker Compose setup uses. All
processes share one ``server.cookieSecret`` (``STREAMLIT_SERVER_COOKIE_SECRET`` if set,
else a fresh random one), passed through the environment so that it is not on `ps`.

    .venv/bin/python deploy/local.py --servers 2 --port 8501
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "streamlit.conf.template"
LOGS = ROOT / "artifacts"
MAX_SERVERS = 8  # a 2-core machine gains nothing past a few; this bounds a typo
# Each process's `server` line, as in docker-compose.yml (see the template): an equal weight
# of 10 gives it 1,600 points on nginx's hash ring instead of 160, and an even share of
# the visitors; a process that fails once is skipped for 10 s.
SERVER_PARAMS = "weight=10 max_fails=1 fail_timeout=10s;"
# The wrapper nginx.conf: everything nginx writes stays under the temporary prefix.
MAIN_CONF = """\
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/streamlit.conf;
}}
"""


def find_nginx() -> str | None:
    """The nginx binary: ``NGINX``, then PATH, then Debian's /usr/sbin/nginx."""
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def nginx_conf(listen: str, upstreams: list[int], served_by: bool, prefix: Path) -> str:
    """The balancer snippet for app processes on these loopback ports; nginx keeps its
    cache of the frontend's files, and the socket of its compressing server, in
    ``prefix``."""
    lines = " ".join(f"server 127.0.0.1:{p} {SERVER_PARAMS}" for p in upstreams)
    return Template(TEMPLATE.read_text()).safe_substitute(
        NGINX_LISTEN=listen, STREAMLIT_UPSTREAMS=lines, NGINX_CACHE_DIR=str(prefix / "static"),
        NGINX_GZIP_SOCKET=str(prefix / "gzip.sock"),
        SERVED_BY_HEADER="add_header X-Served-By $upstream_addr always;" if served_by else "")


def run_nginx(nginx: str, prefix: Path, snippet: str, stderr) -> subprocess.Popen:
    """nginx in the foreground with ``snippet`` (`nginx_conf`'s) as its http-level
    configuration; everything it writes stays under ``prefix``."""
    # nginx started as root runs its workers as nobody, who writes the static-file cache
    # under the prefix: let it in (the prefix holds no secret; the cookie secret is in the
    # app processes' environment).
    prefix.chmod(0o755)
    (prefix / "streamlit.conf").write_text(snippet)
    (prefix / "nginx.conf").write_text(MAIN_CONF.format(prefix=prefix))
    return subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                             "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=stderr)


class Cluster:
    """K app processes and nginx in front; a context manager that stops them all.

    ``base`` is nginx's address; ``servers`` the app processes (``ports[i]`` is where
    ``servers[i]`` listens). `kill` stops one process the hard way, as a crash would.
    """

    def __init__(self, k: int, port: int = 0, served_by: bool = False,
                 extra: tuple[str, ...] = (), app: Path = ROOT / "app.py"):
        if not 1 <= k <= MAX_SERVERS:
            raise ValueError(f"1..{MAX_SERVERS} servers")
        self.k, self.port, self.served_by, self.extra = k, port or free_port(), served_by, extra
        self.app = app  # the script each process runs (benchmarks/floor.py: a twin)
        self.base = f"http://127.0.0.1:{self.port}"
        self.ports: list[int] = []
        self.servers: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        nginx = find_nginx()
        if nginx is None:
            raise FileNotFoundError("nginx not found (Debian: apt-get install nginx)")
        env = dict(os.environ)
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        LOGS.mkdir(parents=True, exist_ok=True)
        for _ in range(self.k):  # start all, then wait for all: the imports overlap
            port = free_port()
            cmd = [sys.executable, "-m", "streamlit", "run", str(self.app),
                   "--server.address", "127.0.0.1", "--server.port", str(port),
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", *self.extra]
            with open(LOGS / f"server-{port}.log", "wb") as log:
                self.servers.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                                                     stderr=subprocess.STDOUT))
            self.ports.append(port)
        self._tmp = tempfile.TemporaryDirectory(prefix="st-nginx-")
        prefix = Path(self._tmp.name)
        with open(LOGS / f"nginx-{self.port}.log", "wb") as log:
            self.nginx = run_nginx(nginx, prefix, nginx_conf(
                f"127.0.0.1:{self.port}", self.ports, self.served_by, prefix), log)
        for port in self.ports:
            wait_http(f"http://127.0.0.1:{port}/_stcore/health")
        wait_http(f"{self.base}/_stcore/health", timeout=15)

    def kill(self, index: int) -> None:
        """Stop app process ``index`` at once (SIGKILL: no goodbye to its visitors)."""
        self.servers[index].kill()
        self.servers[index].wait(timeout=10)

    def alive(self) -> list[int]:
        return [i for i, proc in enumerate(self.servers) if proc.poll() is None]

    def index_of(self, upstream: str) -> int | None:
        """Which process an nginx ``$upstream_addr`` ("127.0.0.1:port") names."""
        port = upstream.rsplit(",", 1)[-1].rsplit(":", 1)[-1].strip()  # the last one tried
        return self.ports.index(int(port)) if port.isdigit() and int(port) in self.ports else None

    def stop(self) -> None:
        for proc in [*self.servers, self.nginx]:
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in [*self.servers, self.nginx]:
            if proc is None:
                continue
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", "-k", type=int, default=4,
                        help=f"app processes, 1..{MAX_SERVERS} (two per core served a class "
                             "best on 2 cores: benchmarks/load.py)")
    parser.add_argument("--port", type=int, default=8501, help="nginx's port on 127.0.0.1")
    args = parser.parse_args(argv)
    if not 1 <= args.servers <= MAX_SERVERS:
        parser.error(f"--servers must be 1..{MAX_SERVERS}")
    with Cluster(args.servers, args.port) as cluster:
        print(f"{args.servers} Streamlit processes on 127.0.0.1:"
              f"{', '.join(map(str, cluster.ports))}; open {cluster.base} "
              "(Ctrl+C stops everything)", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while True:
                for i, proc in enumerate(cluster.servers):
                    if proc.poll() is not None:
                        sys.exit(f"process {i} (port {cluster.ports[i]}) exited "
                                 f"with {proc.returncode}; see artifacts/")
                if cluster.nginx.poll() is not None:
                    sys.exit(f"nginx exited; see artifacts/nginx-{cluster.port}.log")
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

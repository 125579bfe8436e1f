"""Serving: gunicorn's master with waitress inside each worker (models loaded once per worker, after fork), or
Flask's own server with --dev. Without API keys the service listens on loopback only.

Why waitress inside gunicorn: a gthread worker gives each connection a thread as soon as its first byte arrives,
so clients that trickle headers or a body hold every thread and the service stops answering. Waitress reads the
whole request (headers, then the body, spooled to disk past 512 KB) in one asyncore loop and only then hands it
to a thread, so a slow client costs a socket and a buffer, not a thread. Gunicorn's master stays for what it
does well: several worker processes on one socket, restarts, graceful SIGTERM, Prometheus multiprocess clean-up.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from typing import Any

from gunicorn.workers.base import Worker
from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask, ThreadedTaskDispatcher
from waitress.utilities import BadRequest

from verify_service.codes import ErrorCode
from verify_service.config import Settings
from verify_service.errors import ConfigError

log = logging.getLogger(__name__)

# Read limits and timeouts of the HTTP layer. A request's line and headers must arrive within HEADER_TIMEOUT of
# its first byte, its body within BODY_TIMEOUT of the end of the headers, and no connection may stay silent for
# IDLE_TIMEOUT (between body reads, or idle between keep-alive requests); a connection past any of them is closed.
HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 60.0
IDLE_TIMEOUT = 10
MAX_REQUEST_LINE = 4094  # bytes, as gunicorn's limit_request_line: longer is 414 URI_TOO_LONG
MAX_HEADER_BYTES = 32 * 1024  # request line and headers together: larger is 431 HEADER_TOO_LARGE
MAX_CONNECTIONS = 1000  # per worker; slow clients cost a socket each, so the ceiling is high but finite
# Reads of 64 KB (waitress: 8 KB) take an oversized header block whole, so its 431 is read before the close;
# bytes left unread would make the close a reset that can destroy the answer.
RECV_BYTES = 65536

_SERVER_ERROR_CODES = {400: ErrorCode.BAD_REQUEST, 413: ErrorCode.PAYLOAD_TOO_LARGE, 414: ErrorCode.URI_TOO_LONG,
                       431: ErrorCode.HEADER_TOO_LARGE}


def check_exposure(settings: Settings) -> None:
    """Refuse a non-loopback address without API keys; warn about keyless loopback development."""
    from verify_service.http.auth import KeyRing

    ring = KeyRing.from_settings(settings)
    if ring.enabled:
        return
    if not settings.loopback_only():
        raise ConfigError(f"refusing to listen on {settings.host} without API keys: set VERIFY_API_KEYS or "
                          "VERIFY_API_KEYS_FILE, or listen on 127.0.0.1")
    log.warning("no API keys configured: the API is open to anyone on this machine (loopback development only)")


class UriTooLong(BadRequest):
    """Waitress has no request-line limit of its own; this is the error for one."""

    code = 414
    reason = "URI Too Long"


class _Parser(HTTPRequestParser):
    """Waitress's request parser, plus the request-line limit and the times the read deadlines count from."""

    def __init__(self, adj: Adjustments):
        """Start the clock: waitress makes a parser when a request's first byte arrives."""
        super().__init__(adj)
        self.started = time.monotonic()
        self.headers_done: float | None = None

    def received(self, data: bytes) -> int:
        """Consume bytes; a request line over the limit ends the request with 414 before more is read."""
        if not self.headers_finished and not self.completed:
            head = self.header_plus + data
            end = head.find(b"\n")
            if (end if end >= 0 else len(head)) > MAX_REQUEST_LINE:
                self.parse_header(b"GET / HTTP/1.0\r\n")  # as waitress does for its own header-size error
                self.error = UriTooLong(f"the request line is longer than the limit of {MAX_REQUEST_LINE} bytes")
                self.completed = True
                return len(data)
        consumed = super().received(data)
        if self.headers_finished and self.headers_done is None:
            self.headers_done = time.monotonic()
        return consumed


class JsonErrorTask(ErrorTask):
    """Waitress's own error answers (400, 413, 414, 431, 501) in the contract's JSON error shape."""

    def execute(self):
        """Write the JSON error and close the connection, as waitress does after a protocol error."""
        error = self.request.error
        status = error.code
        message = {413: f"the request is larger than the limit of {self.channel.adj.max_request_body_size - 1} "
                        "bytes",
                   431: f"the request line and headers are larger than the limit of {MAX_HEADER_BYTES} bytes"}.get(
            status, f"{error.reason}: {error.body}")
        request_id = uuid.uuid4().hex  # the app never saw this request, so the server names it
        body = json.dumps({"request_id": request_id,
                           "error": {"code": str(_SERVER_ERROR_CODES.get(status, ErrorCode.HTTP_ERROR)),
                                     "message": message}}).encode()
        self.status = f"{status} {error.reason}"
        self.response_headers.extend([("Content-Type", "application/json"), ("X-Request-ID", request_id)])
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _Channel(HTTPChannel):
    """A waitress connection with our parser and JSON errors."""

    parser_class = _Parser
    error_task_class = JsonErrorTask


class _Listener(TcpWSGIServer):
    """Waitress on a socket gunicorn bound; its maintenance also enforces the header and body deadlines."""

    channel_class = _Channel

    def maintenance(self, now: float) -> None:
        """Close idle connections (waitress) and those whose request is not read in time (ours)."""
        super().maintenance(now)
        mono = time.monotonic()
        for channel in list(self.active_channels.values()):
            request = channel.request
            if not isinstance(request, _Parser) or request.completed:
                continue
            if request.headers_done is None:
                late = mono - request.started > HEADER_TIMEOUT
            else:
                late = mono - request.headers_done > BODY_TIMEOUT
            if late:
                channel.will_close = True


class BufferingWorker(Worker):
    """A gunicorn worker that serves with waitress: requests are read whole before a thread runs them."""

    def run(self) -> None:
        """Serve until SIGTERM, then finish the requests in flight (up to the graceful timeout)."""
        max_body = int(self.app.settings.max_upload_bytes) + 1  # waitress refuses content_length >= max_body
        adj = Adjustments(threads=self.cfg.threads, channel_timeout=IDLE_TIMEOUT, cleanup_interval=1,
                          connection_limit=MAX_CONNECTIONS, max_request_header_size=MAX_HEADER_BYTES,
                          max_request_body_size=max_body, asyncore_use_poll=True, ident="verify_service",
                          backlog=self.cfg.backlog, recv_bytes=RECV_BYTES)
        # waitress warns on every request that waits for a thread; under load that is a line per request, and
        # the wait already shows in verify_request_seconds
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        socket_map: dict = {}
        dispatcher = ThreadedTaskDispatcher()
        dispatcher.set_thread_count(adj.threads)
        listeners = [_Listener(self.wsgi, socket_map, _sock=s.sock, dispatcher=dispatcher, adj=adj,
                               bind_socket=False, sockinfo=(s.sock.family, s.sock.type, s.sock.proto,
                                                            s.sock.getsockname()))
                     for s in self.sockets]
        while self.alive and self.ppid == os.getppid():
            self.notify()
            wasyncore.loop(timeout=1.0, map=socket_map, use_poll=True, count=1)
        for listener in listeners:  # stop accepting: other workers (or the next master) take new connections
            listener.del_channel()

        def busy() -> bool:
            """A request is being run or its answer is still being sent."""
            return any(c.requests or c.total_outbufs_len for li in listeners for c in li.active_channels.values())

        deadline = time.monotonic() + self.cfg.graceful_timeout
        while busy() and time.monotonic() < deadline:
            self.notify()
            wasyncore.loop(timeout=0.2, map=socket_map, use_poll=True, count=1)
        dispatcher.shutdown(cancel_pending=True, timeout=1)
        wasyncore.close_all(socket_map)


def serve(settings: Settings, overrides: dict[str, Any], dev: bool = False) -> None:
    """Run the HTTP server until it is stopped."""
    check_exposure(settings)
    if dev:
        from verify_service import create_app

        app = create_app(overrides)
        print(f"verify_service (Flask dev server) on http://{settings.host}:{settings.port}", flush=True)
        app.run(host=settings.host, port=settings.port, threaded=True, debug=False, use_reloader=False)
        return
    from gunicorn.app.base import BaseApplication

    if not settings.threads:  # workers x ONNX Runtime threads should fit the cores, or they fight over them
        overrides = {**overrides, "threads": max(1, (os.cpu_count() or 1) // settings.workers)}
    metrics_dir = tempfile.mkdtemp(prefix="verify-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir  # before any worker creates a metric

    def child_exit(server, worker):
        """Drop a dead worker's live metrics (gauges) from the multiprocess folder."""
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

    def when_ready(server):
        """Say where the service listens, once the master has bound the socket."""
        print(f"verify_service listening on http://{settings.host}:{settings.port} "
              f"({settings.workers} workers x {settings.worker_threads} threads)", flush=True)

    class Server(BaseApplication):
        """gunicorn configured from Settings; each worker builds the app (and loads the models) after fork."""

        def __init__(self):
            """Keep the settings where the worker can read its limits."""
            self.settings = settings
            super().__init__()

        def load_config(self):
            """Gunicorn's settings: the master's part (processes, signals); waitress reads the requests."""
            options = {
                "bind": f"{settings.host}:{settings.port}",
                "workers": settings.workers,
                "worker_class": BufferingWorker,
                "threads": settings.worker_threads,
                "timeout": int(settings.request_timeout + 60),  # a worker whose loop stops is killed
                "graceful_timeout": int(settings.request_timeout + 5),  # finish requests in flight on SIGTERM
                "preload_app": False,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "child_exit": child_exit,
                "when_ready": when_ready,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            """The WSGI app of one worker (models load here, after the fork)."""
            from verify_service import create_app

            return create_app(overrides)

    try:
        Server().run()
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)

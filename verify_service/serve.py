"""Serving: gunicorn with gthread workers (models loaded once per worker, after fork), or Flask's own server
with --dev. Without API keys the service listens on loopback only."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from typing import Any

from verify_service.config import Settings
from verify_service.errors import ConfigError

log = logging.getLogger(__name__)


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
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

    def when_ready(server):
        print(f"verify_service listening on http://{settings.host}:{settings.port} "
              f"({settings.workers} workers x {settings.worker_threads} threads)", flush=True)

    class Server(BaseApplication):
        """gunicorn configured from Settings; each worker builds the app (and loads the models) after fork."""

        def load_config(self):
            options = {
                "bind": f"{settings.host}:{settings.port}",
                "workers": settings.workers,
                "worker_class": "gthread",
                "threads": settings.worker_threads,
                "timeout": int(settings.request_timeout + 60),  # hard kill well after the soft deadline
                "graceful_timeout": int(settings.request_timeout + 5),  # finish requests in flight on SIGTERM
                "keepalive": 5,
                "preload_app": False,
                "limit_request_line": 4094,
                "limit_request_fields": 100,
                "limit_request_field_size": 8190,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "child_exit": child_exit,
                "when_ready": when_ready,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from verify_service import create_app

            return create_app(overrides)

    try:
        Server().run()
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)

"""Prometheus metrics: requests by endpoint and status, latency per endpoint and per stage, decisions, models.

Under gunicorn each worker is a process: the serve command points PROMETHEUS_MULTIPROC_DIR at a fresh folder
before the workers start, and /metrics then aggregates every worker's numbers."""

from __future__ import annotations

import os
import time

from flask import Blueprint, Flask, Response, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from verify_service.http import context

REQUESTS = Counter("verify_requests_total", "HTTP requests", ["endpoint", "status"])
LATENCY = Histogram("verify_request_seconds", "HTTP request latency", ["endpoint"],
                    buckets=(0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30))
STAGES = Histogram("verify_stage_seconds", "pipeline stage latency", ["stage"],
                   buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5))
DECISIONS = Counter("verify_decisions_total", "verification decisions", ["decision"])
MODELS = Gauge("verify_model_info", "models loaded (value 1), with name, sha256 and provider",
               ["role", "name", "sha256", "provider"], multiprocess_mode="max")

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
def metrics():
    """The Prometheus text format (every worker's numbers under gunicorn)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)
    return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)


def install(app: Flask, describe: dict) -> None:
    """Count and time every request; record decisions and the loaded models."""
    for role, model in describe.get("models", {}).items():
        MODELS.labels(role, model.get("name", ""), model.get("sha256", ""), model.get("provider", "")).set(1)

    @app.after_request
    def _count(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        REQUESTS.labels(endpoint, str(response.status_code)).inc()
        ctx = context.current()
        LATENCY.labels(endpoint).observe(time.perf_counter() - ctx.started)
        if ctx.decision:
            DECISIONS.labels(ctx.decision).inc()
        # Views leave their result's stage timings on the context (http/api.py respond): no response is re-parsed.
        for stage, ms in ctx.timings_ms.items():
            if stage != "total":
                STAGES.labels(stage).observe(ms / 1000)
        return response

    app.register_blueprint(bp)

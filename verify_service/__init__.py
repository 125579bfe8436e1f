"""verify_service: KYC document verification (Chinese ID cards, faces, liveness, income proofs)."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

from flask import Flask, g, request

from verify_service.config import Settings

__version__ = "0.1.0"
log = logging.getLogger(__name__)
access = logging.getLogger("verify_service.access")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def create_app(overrides: Mapping[str, Any] | None = None, registry: Any = None) -> Flask:
    """The Flask app: settings (defaults <- VERIFY_* <- overrides), models loaded once, blueprints, errors.

    `registry` lets tests inject fake engines; otherwise every model is loaded and warmed here, and a missing
    or corrupt model file stops start-up with a message naming it.
    """
    from verify_service import review
    from verify_service.http import api, auth, errors, health, metrics, openapi
    from verify_service.services import build_services

    settings = Settings.load(overrides)
    services = build_services(settings, registry)
    app = Flask(__name__, instance_relative_config=True)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = 256 * 1024
    app.config["MAX_FORM_PARTS"] = 50
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Chinese stays readable in responses
    app.extensions["verify"] = services

    @app.before_request
    def _request_id():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def _request_id_header(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        access.info("request", extra={
            "request_id": g.get("request_id"), "method": request.method, "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
            "api_key": g.get("api_key"), "decision": g.get("decision")})
        return response

    metrics.install(app, services.registry.describe())
    ring = auth.install(app, settings)
    review.install(app, settings, ring.enabled)
    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(openapi.bp)
    return app

"""verify_service: KYC document verification (Chinese ID cards, faces, liveness, income proofs)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask

from verify_service.config import Settings

__version__ = "0.1.0"
log = logging.getLogger(__name__)


def create_app(overrides: Mapping[str, Any] | None = None, registry: Any = None) -> Flask:
    """The Flask app: settings (defaults <- VERIFY_* <- overrides), models loaded once, blueprints, errors.

    `registry` lets tests inject fake engines; otherwise every model is loaded and warmed here, and a missing
    or corrupt model file stops start-up with a message naming it.
    """
    from verify_service import review
    from verify_service.http import api, auth, context, errors, health, metrics, openapi
    from verify_service.services import build_services

    settings = Settings.load(overrides)
    services = build_services(settings, registry)
    app = Flask(__name__, instance_relative_config=True)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = 256 * 1024
    app.config["MAX_FORM_PARTS"] = 50
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Chinese stays readable in responses
    app.extensions["verify"] = services
    context.install(app)
    metrics.install(app, services.registry.describe())
    ring = auth.install(app, settings)
    review.install(app, settings, set(ring.hashes))
    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(openapi.bp)
    return app

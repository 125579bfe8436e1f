"""Process liveness and model readiness."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from verify_service.http import context

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process answers."""
    return jsonify({**context.current().ids(), "status": "ok"})


@bp.get("/readyz")
def readyz():
    """200 once every model is loaded and warmed, naming the provider and each model with its sha256."""
    registry = current_app.extensions["verify"].registry
    body = {**context.current().ids(), "ready": registry.ready, **registry.describe()}
    return jsonify(body), (200 if registry.ready else 503)

"""verify_service: KYC document verification (Chinese ID cards, faces, liveness, income proofs)."""

from __future__ import annotations

import dataclasses
import logging
import re
import uuid
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, request

from .config import Settings

__version__ = "0.1.0"
log = logging.getLogger(__name__)
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass
class Services:
    """What the views reach through app.extensions["verify"]: settings, models and pipeline stages."""

    settings: Settings
    registry: Any
    id_card: Any
    matcher: Any
    liveness: Any
    verifier: Any
    income: Any


def face_thresholds(settings: Settings):
    """The calibrated operating point, with any explicit threshold overrides from the settings."""
    from .errors import ConfigError
    from .pipeline.face import FaceThresholds

    try:
        thresholds = FaceThresholds.from_calibration(settings.face_calibration, settings.face_operating_point)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"face calibration {settings.face_calibration}: {exc}") from exc
    if settings.face_match_threshold is not None:
        thresholds = dataclasses.replace(thresholds, match=settings.face_match_threshold, operating_point="custom")
    if settings.face_reject_threshold is not None:
        thresholds = dataclasses.replace(thresholds, reject=settings.face_reject_threshold, operating_point="custom")
    if thresholds.reject > thresholds.match:
        raise ConfigError("the face reject threshold must not be above the match threshold")
    return thresholds


def create_app(overrides: Mapping[str, Any] | None = None, registry: Any = None) -> Flask:
    """The Flask app: settings (defaults <- VERIFY_* <- overrides), models loaded once, blueprints, errors.

    `registry` lets tests inject fake engines; otherwise every model is loaded and warmed here, and a missing
    or corrupt model file stops start-up with a message naming it.
    """
    from .http import api, errors, health
    from .pipeline.face import FaceMatcher
    from .pipeline.id_card import IdCardReader
    from .pipeline.income import IncomeReader
    from .pipeline.liveness import LivenessChecker
    from .pipeline.policy import Policy
    from .pipeline.verify import Verifier

    settings = Settings.load(overrides)
    if registry is None:
        from .runtime.registry import ModelRegistry

        registry = ModelRegistry.load(settings)
    app = Flask(__name__, instance_relative_config=True)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = 256 * 1024
    app.config["MAX_FORM_PARTS"] = 50
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Chinese stays readable in responses
    id_card = IdCardReader(registry.ocr, registry.faces, settings.today, settings.max_work_side)
    matcher = FaceMatcher(registry.faces, registry.embedder, face_thresholds(settings))
    liveness = LivenessChecker(registry.liveness, settings.liveness_threshold)
    executor = (ThreadPoolExecutor(settings.stage_workers, thread_name_prefix="verify-stage")
                if settings.stage_workers else None)
    income = IncomeReader(registry.ocr, settings.today, settings.income_max_age_days, settings.max_work_side)
    verifier = Verifier(id_card, matcher, liveness, Policy.load(settings.policy_file), executor, registry.describe,
                        income, settings.income_tolerance)
    app.extensions["verify"] = Services(settings, registry, id_card, matcher, liveness, verifier, income)

    @app.before_request
    def _request_id():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex

    @app.after_request
    def _request_id_header(response):
        response.headers["X-Request-ID"] = g.get("request_id", "")
        return response

    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    return app

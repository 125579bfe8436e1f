"""The pipeline stages built once from settings and a model registry: what every front door (HTTP API,
review page, batch) calls. No Flask here."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from verify_service.config import Settings
from verify_service.errors import ConfigError
from verify_service.pipeline.decision.policy import Policy
from verify_service.pipeline.documents.cn_id_card.reader import IdCardReader
from verify_service.pipeline.documents.income.reader import IncomeReader
from verify_service.pipeline.faces.liveness import LivenessChecker
from verify_service.pipeline.faces.matching import FaceMatcher, FaceThresholds
from verify_service.pipeline.verify import Verifier


@dataclass
class Services:
    """Settings, models and the pipeline stages built on them."""

    settings: Settings
    registry: Any
    id_card: IdCardReader
    matcher: FaceMatcher
    liveness: LivenessChecker
    verifier: Verifier
    income: IncomeReader


def face_thresholds(settings: Settings) -> FaceThresholds:
    """The calibrated operating point, with any explicit threshold overrides from the settings."""
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


def build_services(settings: Settings, registry: Any = None) -> Services:
    """Load the models (unless a registry is given) and build every stage on them."""
    if registry is None:
        from verify_service.runtime.registry import ModelRegistry

        registry = ModelRegistry.load(settings)
    id_card = IdCardReader(registry.ocr, registry.faces, settings.today, settings.max_work_side)
    matcher = FaceMatcher(registry.faces, registry.embedder, face_thresholds(settings))
    liveness = LivenessChecker(registry.liveness, settings.liveness_threshold)
    executor = (ThreadPoolExecutor(settings.stage_workers, thread_name_prefix="verify-stage")
                if settings.stage_workers else None)
    income = IncomeReader(registry.ocr, settings.today, settings.income_max_age_days, settings.max_work_side)
    verifier = Verifier(id_card, matcher, liveness, Policy.load(settings.policy_file), executor, registry.describe,
                        income, settings.income_tolerance)
    return Services(settings, registry, id_card, matcher, liveness, verifier, income)

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
from verify_service.pipeline.documents import DocumentReader, ReaderDeps, build_readers
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
    readers: dict[str, DocumentReader]  # every registered document type, by name


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


def check_calibration(settings: Settings, thresholds: FaceThresholds, models: dict) -> None:
    """Refuse thresholds calibrated for another recogniser: a swapped model with stale thresholds is a silent
    accuracy bug. Explicit thresholds (both VERIFY_FACE_MATCH_THRESHOLD and VERIFY_FACE_REJECT_THRESHOLD) are
    the operator's own choice and are taken as they are."""
    loaded = (models.get("face_rec") or {}).get("sha256")
    if loaded is None or loaded == "0" * 64:
        return  # an injected registry that names no real recogniser (tests' fakes)
    if settings.face_match_threshold is not None and settings.face_reject_threshold is not None:
        return
    made_for = thresholds.recogniser_sha256
    if made_for != loaded:
        raise ConfigError(
            f"face calibration {settings.face_calibration} was made for the recogniser with sha256 {made_for}, but "
            f"the loaded face_rec model has sha256 {loaded}: re-run `python -m bench.calibrate_faces` for this "
            f"model, or set both VERIFY_FACE_MATCH_THRESHOLD and VERIFY_FACE_REJECT_THRESHOLD explicitly")


def build_services(settings: Settings, registry: Any = None) -> Services:
    """Load the models (unless a registry is given) and build every stage on them."""
    if registry is None:
        from verify_service.runtime.registry import ModelRegistry

        registry = ModelRegistry.load(settings)
    thresholds = face_thresholds(settings)
    check_calibration(settings, thresholds, registry.describe().get("models", {}))
    readers = build_readers(ReaderDeps(registry.ocr, registry.faces, settings))
    id_card, income = readers["cn_id_card"], readers["income_proof"]
    matcher = FaceMatcher(registry.faces, registry.embedder, thresholds)
    liveness = LivenessChecker(registry.liveness, settings.liveness_threshold)
    executor = (ThreadPoolExecutor(settings.stage_workers, thread_name_prefix="verify-stage")
                if settings.stage_workers else None)
    verifier = Verifier(id_card, matcher, liveness, Policy.load(settings.policy_file), executor, registry.describe,
                        income, settings.income_tolerance)
    return Services(settings, registry, id_card, matcher, liveness, verifier, income, readers)

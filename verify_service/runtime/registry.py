"""The model registry: every model the pipeline needs, loaded once per process, verified and warmed."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import numpy as np

from ..config import Settings
from ..errors import ModelUnavailable
from ..pipeline.types import FaceDetector, TextReader
from .manifest import Manifest, ModelEntry, verified_path
from .providers import Provider
from .sessions import EngineConfig, LoadedSession, create_session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedModel:
    """What /readyz and every result report about a model."""

    role: str
    name: str
    sha256: str
    licence: str
    provider: Provider

    def to_dict(self) -> dict:
        """JSON form."""
        return {"name": self.name, "sha256": self.sha256, "licence": self.licence, "provider": self.provider.value}


class ModelRegistry:
    """Holds the engines the pipeline stages receive; built once at start-up."""

    def __init__(self, ocr: TextReader, faces: FaceDetector, models: dict[str, LoadedModel]):
        self.ocr = ocr
        self.faces = faces
        self.models = models
        self._ready = threading.Event()

    @property
    def provider(self) -> Provider:
        """CUDA when every model runs on it, else CPU."""
        providers = {m.provider for m in self.models.values()}
        return Provider.CUDA if providers == {Provider.CUDA} else Provider.CPU

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def describe(self) -> dict:
        """Provider and models, as /readyz and results report them."""
        return {"provider": self.provider.value, "models": {role: m.to_dict() for role, m in self.models.items()}}

    def warm_up(self) -> None:
        """Run every model once so that the first request does not pay for lazy initialisation."""
        t0 = time.perf_counter()
        canvas = np.full((480, 640, 3), 235, np.uint8)
        import cv2

        cv2.putText(canvas, "WARM UP 0123456789", (40, 240), cv2.FONT_HERSHEY_SIMPLEX, 1.4, (20, 20, 20), 3)
        self.ocr.read(canvas)
        self.faces.detect(canvas)
        self._ready.set()
        log.info("models warmed up in %.0f ms", (time.perf_counter() - t0) * 1000)

    def mark_ready(self) -> None:
        """For registries that need no warm-up (tests)."""
        self._ready.set()

    @classmethod
    def load(cls, settings: Settings) -> ModelRegistry:
        """Verify and load every model the manifest's roles name; raises ModelUnavailable naming the file."""
        from .face_engine import ScrfdDetector
        from .ocr_engine import RapidOcrReader

        manifest = Manifest.load(settings.manifest)
        config = EngineConfig(Provider(settings.provider), settings.threads)
        sessions: dict[str, tuple[ModelEntry, LoadedSession, str]] = {}
        for role in ("ocr_det", "ocr_cls", "ocr_rec", "face_det"):
            entry = manifest.for_role(role)
            path = verified_path(entry, settings.model_dir)
            sessions[role] = (entry, create_session(path, config, entry.name), str(path))
        ocr = RapidOcrReader(sessions["ocr_det"][1].session, sessions["ocr_cls"][1].session,
                             sessions["ocr_rec"][1].session, det_limit=settings.ocr_det_limit)
        faces = ScrfdDetector(sessions["face_det"][2], sessions["face_det"][1].session)
        models = {
            role: LoadedModel(role, entry.name, entry.sha256, entry.licence, loaded.provider)
            for role, (entry, loaded, _) in sessions.items()
        }
        registry = cls(ocr, faces, models)
        if settings.warmup:
            registry.warm_up()
        else:
            registry.mark_ready()
        return registry


def pull_all(settings: Settings) -> list[tuple[ModelEntry, str]]:
    """Fetch and verify every manifest file; returns each entry with where it came from."""
    from .manifest import pull

    manifest = Manifest.load(settings.manifest)
    done = []
    for entry in manifest.models.values():
        _, source = pull(entry, settings.model_dir, settings.model_mirror)
        done.append((entry, source))
    return done


__all__ = ["LoadedModel", "ModelRegistry", "ModelUnavailable", "pull_all"]

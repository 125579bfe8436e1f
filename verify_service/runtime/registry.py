"""The model registry: every model the pipeline needs, loaded once per process, verified and warmed."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from verify_service.config import Settings
from verify_service.errors import ModelUnavailable
from verify_service.pipeline.types import FaceDetector, FaceEmbedder, TextReader
from verify_service.runtime.manifest import Manifest, ModelEntry, verified_path
from verify_service.runtime.providers import Provider
from verify_service.runtime.sessions import EngineConfig, LoadedSession, create_session

log = logging.getLogger(__name__)
ROLES = ("ocr_det", "ocr_cls", "ocr_rec", "face_det", "face_rec", "liveness_a", "liveness_b")


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

    def __init__(self, ocr: TextReader, faces: FaceDetector, models: dict[str, LoadedModel],
                 embedder: FaceEmbedder | None = None, liveness: list[tuple[float, Callable]] | None = None):
        self.ocr = ocr
        self.faces = faces
        self.embedder = embedder
        self.liveness = liveness or []
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
        self.faces.detect(canvas, 320)
        if self.embedder is not None:
            landmarks = np.array([[38, 52], [74, 52], [56, 72], [42, 92], [70, 92]], np.float32)
            self.embedder.embed(canvas, landmarks)
        for _, runner in self.liveness:
            runner(np.zeros((1, 3, 80, 80), np.float32))
        self._ready.set()
        log.info("models warmed up in %.0f ms", (time.perf_counter() - t0) * 1000)

    def mark_ready(self) -> None:
        """For registries that need no warm-up (tests)."""
        self._ready.set()

    @classmethod
    def load(cls, settings: Settings) -> ModelRegistry:
        """Verify and load every model the manifest's roles name; raises ModelUnavailable naming the file."""
        from verify_service.runtime.face_engine import ArcFaceEmbedder, OnnxRunner, ScrfdDetector
        from verify_service.runtime.ocr_engine import RapidOcrReader

        manifest = Manifest.load(settings.manifest)
        config = EngineConfig(Provider(settings.provider), settings.threads)
        sessions: dict[str, tuple[ModelEntry, LoadedSession, str]] = {}
        for role in ROLES:
            entry = manifest.for_role(role)
            path = verified_path(entry, settings.model_dir)
            sessions[role] = (entry, create_session(path, config, entry.name), str(path))
        ocr = RapidOcrReader(sessions["ocr_det"][1].session, sessions["ocr_cls"][1].session,
                             sessions["ocr_rec"][1].session, det_limit=settings.ocr_det_limit)
        faces = ScrfdDetector(sessions["face_det"][2], sessions["face_det"][1].session)
        rec_entry, rec_loaded, rec_path = sessions["face_rec"]
        norm = rec_entry.input or {}
        embedder = ArcFaceEmbedder(rec_path, rec_loaded.session, norm.get("mean", 127.5), norm.get("std", 127.5))
        liveness: list[tuple[float, Callable]] = []
        for role in ("liveness_a", "liveness_b"):
            entry, loaded, _ = sessions[role]
            if not entry.input or "crop_scale" not in entry.input:
                raise ModelUnavailable(f"manifest entry {entry.name} lacks input.crop_scale for liveness")
            liveness.append((float(entry.input["crop_scale"]), OnnxRunner(loaded.session)))
        models = {
            role: LoadedModel(role, entry.name, entry.sha256, entry.licence, loaded.provider)
            for role, (entry, loaded, _) in sessions.items()
        }
        registry = cls(ocr, faces, models, embedder, liveness)
        if settings.warmup:
            registry.warm_up()
        else:
            registry.mark_ready()
        return registry


def pull_all(settings: Settings) -> list[tuple[ModelEntry, str]]:
    """Fetch and verify every manifest file; returns each entry with where it came from."""
    from verify_service.runtime.manifest import pull

    manifest = Manifest.load(settings.manifest)
    done = []
    for entry in manifest.models.values():
        _, source = pull(entry, settings.model_dir, settings.model_mirror)
        done.append((entry, source))
    return done


__all__ = ["LoadedModel", "ModelRegistry", "ModelUnavailable", "pull_all"]

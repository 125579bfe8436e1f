"""The model registry: every model the pipeline needs, loaded once per process, verified and warmed."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from verify_service.config import Settings
from verify_service.errors import ModelUnavailable
from verify_service.pipeline.types import FaceDetector, FaceEmbedder, TextReader
from verify_service.runtime.manifest import Manifest, ModelEntry, verified_path
from verify_service.runtime.providers import Provider
from verify_service.runtime.sessions import EngineConfig, create_session

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
        """Verify and load every model the manifest's roles name, each by its entry's engine; raises
        ModelUnavailable naming the file. Roles are looked up, never wired by hand: the pipeline's engines are
        composed from whatever roles the manifest gives for each engine kind."""
        manifest = Manifest.load(settings.manifest)
        config = EngineConfig(Provider(settings.provider), settings.threads)
        built: dict[str, Any] = {}
        models: dict[str, LoadedModel] = {}
        for role, entry in manifest.entries_by_role().items():
            if entry.engine not in ENGINES:
                raise ModelUnavailable(f"manifest entry {entry.name} names engine {entry.engine!r}; known engines: "
                                       f"{', '.join(sorted(ENGINES))}")
            path = verified_path(entry, settings.model_dir)
            loaded = create_session(path, config, entry.name)
            built[role] = ENGINES[entry.engine](entry, loaded.session, str(path), settings)
            models[role] = LoadedModel(role, entry.name, entry.sha256, entry.licence, loaded.provider)
        engines = {role: manifest.for_role(role).engine for role in built}

        def the(engine: str) -> Any:
            roles = [role for role, kind in engines.items() if kind == engine]
            if len(roles) != 1:
                raise ModelUnavailable(f"the manifest must give exactly one {engine} model; it gives "
                                       f"{len(roles)} ({', '.join(roles) or 'none'})")
            return built[roles[0]]

        from verify_service.runtime.ocr_engine import RapidOcrReader

        ocr = RapidOcrReader(the("ppocr_det"), the("ppocr_cls"), the("ppocr_rec"), det_limit=settings.ocr_det_limit)
        liveness = [built[role] for role in sorted(built) if engines[role] == "minifasnet"]
        if not liveness:
            raise ModelUnavailable("the manifest gives no minifasnet model for liveness")
        registry = cls(ocr, the("scrfd"), models, the("arcface"), liveness)
        if settings.warmup:
            registry.warm_up()
        else:
            registry.mark_ready()
        return registry


# ---- engines: how each kind of manifest entry becomes the object a pipeline stage receives ----

def _session(entry: ModelEntry, session: Any, path: str, settings: Settings) -> Any:
    """The bare ONNX Runtime session (PP-OCR's three models are composed into one reader)."""
    return session


def _scrfd(entry: ModelEntry, session: Any, path: str, settings: Settings) -> FaceDetector:
    from verify_service.runtime.face_engine import ScrfdDetector

    return ScrfdDetector(path, session)


def _arcface(entry: ModelEntry, session: Any, path: str, settings: Settings) -> FaceEmbedder:
    from verify_service.runtime.face_engine import ArcFaceEmbedder

    norm = entry.input or {}
    return ArcFaceEmbedder(path, session, norm.get("mean", 127.5), norm.get("std", 127.5))


def _minifasnet(entry: ModelEntry, session: Any, path: str, settings: Settings) -> tuple[float, Callable]:
    from verify_service.runtime.face_engine import OnnxRunner

    if not entry.input or "crop_scale" not in entry.input:
        raise ModelUnavailable(f"manifest entry {entry.name} lacks input.crop_scale for liveness")
    return float(entry.input["crop_scale"]), OnnxRunner(session)


# A new kind of model is one builder here and an `engine` name in its manifest entry.
ENGINES: dict[str, Callable[[ModelEntry, Any, str, Settings], Any]] = {
    "ppocr_det": _session, "ppocr_cls": _session, "ppocr_rec": _session,
    "scrfd": _scrfd, "arcface": _arcface, "minifasnet": _minifasnet,
}


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

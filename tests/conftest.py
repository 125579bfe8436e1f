"""Shared fixtures: settings for tests, a fake model registry for fast tests, a real one for integration."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from verify_service import create_app
from verify_service.pipeline.types import FaceBox, OcrLine, OcrResult

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "sample_docs"
# Sample cards' expected JSON was written for this day; expiry checks must not drift with the calendar.
TEST_SETTINGS = {"reference_date": "2026-11-01"}


def line(text: str, x: float, y: float, w: float | None = None, h: float = 30.0, score: float = 0.99,
         upside_down: bool = False) -> OcrLine:
    """An OCR line with an axis-aligned box whose top-left corner is (x, y)."""
    w = w if w is not None else 30.0 * len(text)
    box = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
    return OcrLine(box, text, score, upside_down)


class FakeOcr:
    """Returns scripted lines; records what it was asked."""

    def __init__(self, lines=()):
        self.lines = list(lines)
        self.calls = 0

    def read(self, image):
        self.calls += 1
        return OcrResult(list(self.lines), {"detection": 1.0, "classification": 0.0, "recognition": 1.0})

    def recognize(self, image, quads):
        return [("", 0.0) for _ in quads]


class FakeFaces:
    def __init__(self, faces=()):
        self.faces = list(faces)

    def detect(self, image, size=None):
        return list(self.faces)


class FakeEmbedder:
    """Embeds every face as the same unit vector unless told otherwise."""

    def __init__(self, vector=None):
        self.vector = np.asarray(vector if vector is not None else [1.0, 0.0, 0.0], np.float32)

    def embed(self, image, landmarks):
        return self.vector / np.linalg.norm(self.vector)


def fake_liveness_model(live_logit=4.0):
    """A MiniFASNet stand-in: logits [attack, live, attack] regardless of the input (checked for shape)."""
    def run(batch):
        assert batch.shape == (1, 3, 80, 80) and batch.dtype == np.float32
        return np.array([[0.0, live_logit, 0.0]], np.float32)
    return run


FACE_LANDMARKS = np.array([[60, 80], [100, 80], [80, 100], [64, 120], [96, 120]], np.float32)


class FakeRegistry:
    """Stands in for runtime.registry.ModelRegistry in tests that need no model."""

    def __init__(self, ocr=None, faces=None, ready=True, embedder=None, live_logit=4.0):
        self.ocr = ocr or FakeOcr()
        self.faces = faces or FakeFaces([FaceBox((40, 50, 120, 150), 0.9, FACE_LANDMARKS)])
        self.embedder = embedder or FakeEmbedder()
        self.liveness = [(2.7, fake_liveness_model(live_logit)), (4.0, fake_liveness_model(live_logit))]
        self.ready = ready

    @property
    def provider(self):
        from verify_service.runtime.providers import Provider

        return Provider.CPU

    def describe(self):
        return {"provider": "cpu", "models": {"ocr_det": {"name": "fake", "sha256": "0" * 64}}}


@pytest.fixture
def fake_registry():
    return FakeRegistry()


@pytest.fixture
def app(fake_registry):
    return create_app(TEST_SETTINGS, registry=fake_registry)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def real_app():
    """The app with every real model, loaded once for the whole session."""
    return create_app(TEST_SETTINGS)


@pytest.fixture(scope="session")
def real_client(real_app):
    return real_app.test_client()


def expected_of(image: Path) -> dict:
    """The expected-JSON file beside a sample image."""
    return json.loads(image.with_suffix(".json").read_text(encoding="utf-8"))


def post(client, url: str, data: dict):
    """POST multipart data encoded in memory: werkzeug's test client spools bodies over 500 KB to a temporary
    file that it never closes (a ResourceWarning, an error under filterwarnings=error)."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    values = {k: FileStorage(v[0], filename=v[1], name=k) if isinstance(v, tuple) else v for k, v in data.items()}
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f'multipart/form-data; boundary="{boundary}"')

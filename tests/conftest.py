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

    def detect(self, image):
        return list(self.faces)


class FakeRegistry:
    """Stands in for runtime.registry.ModelRegistry in tests that need no model."""

    def __init__(self, ocr=None, faces=None, ready=True):
        self.ocr = ocr or FakeOcr()
        self.faces = faces or FakeFaces([FaceBox((10, 10, 50, 60), 0.9)])
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

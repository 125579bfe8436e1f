"""Shared fixtures: settings for tests, a fake model registry for fast tests, a real one for integration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes import FakeRegistry
from verify_service import create_app

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "sample_docs"
# Sample cards' expected JSON was written for this day; expiry checks must not drift with the calendar.
TEST_SETTINGS = {"reference_date": "2026-11-01"}


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

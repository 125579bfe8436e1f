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


@pytest.fixture(scope="session")
def postgresql_server():
    """One PostgreSQL server for the session, in a temporary directory (tests/pg.py)."""
    from tests import pg

    with pg.server() as executor:
        yield executor


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path):
    """Where a case store lives: an SQLite file, or a fresh database on the test PostgreSQL server. Tests that take
    it run on both backends."""
    if request.param == "sqlite":
        yield tmp_path / "cases.sqlite3"
        return
    from tests import pg

    with pg.database(request.getfixturevalue("postgresql_server")) as url:
        yield url


@pytest.fixture
def open_store(store_location):
    """Opens CaseStores on the test's location (the same store as often as asked, as several workers do), and
    closes their connections at the end."""
    from verify_service.store.cases import CaseStore

    opened = []

    def make(key: bytes, **options):
        store = CaseStore(store_location, key, **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()

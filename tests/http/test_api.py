"""The HTTP contract with fake engines: shapes, request ids, and every kind of bad input as a JSON 4xx."""

import gc
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from tests.conftest import TEST_SETTINGS
from tests.fakes import FRONT, FakeOcr, FakeRegistry, jpeg, line
from verify_service import create_app


def png_header_only(width, height) -> bytes:
    """A PNG whose header claims width x height pixels (a decompression bomb's opening)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def post(client, data):
    return client.post("/v1/id-card", data=data, content_type="multipart/form-data")


def test_health_and_readiness(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json["status"] == "ok"
    r = client.get("/readyz")
    assert r.status_code == 200 and r.json["ready"] is True and r.json["provider"] == "cpu"
    assert r.headers["X-Request-ID"] == r.json["request_id"]


def test_not_ready_until_models_are_warm():
    registry = FakeRegistry()
    registry.ready = False
    client = create_app(TEST_SETTINGS, registry=registry).test_client()
    assert client.get("/readyz").status_code == 503


def test_id_card_front_through_the_api():
    client = create_app(TEST_SETTINGS, registry=FakeRegistry(ocr=FakeOcr(FRONT))).test_client()
    r = post(client, {"image": (io.BytesIO(jpeg()), "card.jpg")})
    assert r.status_code == 200, r.json
    body = r.json
    assert body["document_type"] == "cn_id_card" and body["side"] == "front"
    assert body["fields"]["id_number"] == {"value": "330106198311020751", "confidence": 0.99}
    assert body["fields"]["name"]["value"] == "董兰"
    assert {c["code"]: c["status"] for c in body["checks"]}["ID_NUMBER_CHECKSUM"] == "pass"
    assert body["portrait"] == {"found": True, "bbox": [40, 50, 120, 150], "det_score": 0.9}
    assert set(body["timings_ms"]) >= {"decode", "detection", "recognition", "parsing", "total"}
    assert "董兰".encode() in r.data  # JSON keeps Chinese readable, not \\u-escaped


def test_unreadable_card_reports_nulls_and_unknowns():
    client = create_app(TEST_SETTINGS, registry=FakeRegistry(ocr=FakeOcr([line("公民身份号码", 10, 400)]))).test_client()
    body = post(client, {"image": (io.BytesIO(jpeg()), "card.jpg"), "side": "front"}).json
    assert body["fields"]["id_number"] == {"value": None, "confidence": 0.0}
    assert {c["status"] for c in body["checks"]} == {"unknown"}


def test_request_id_is_echoed_when_sane(client):
    r = client.get("/healthz", headers={"X-Request-ID": "abc-12345678"})
    assert r.json["request_id"] == "abc-12345678"
    r = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert r.json["request_id"] != "<script>"


TRUNCATED = jpeg()[:400]
# Werkzeug leaves the spooled temp file of an aborted oversized upload to the garbage collector.
spooled_upload = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


def png(width=320, height=200) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (height, width, 3), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


TRUNCATED_PNG = png()[:5000]
BAD_INPUTS = [
    ({}, 400, "MISSING_FILE"),
    ({"picture": (io.BytesIO(b"x"), "a.jpg")}, 400, "MISSING_FILE"),
    ({"image": (io.BytesIO(b""), "a.jpg")}, 400, "EMPTY_FILE"),
    ({"image": (io.BytesIO(b"hello, this is text"), "a.jpg")}, 415, "UNSUPPORTED_MEDIA"),
    ({"image": (io.BytesIO(b"%PDF-1.4 not an image"), "a.jpg")}, 415, "UNSUPPORTED_MEDIA"),
    ({"image": (io.BytesIO(TRUNCATED), "a.jpg")}, 422, "INVALID_IMAGE"),
    ({"image": (io.BytesIO(TRUNCATED_PNG), "a.png")}, 422, "INVALID_IMAGE"),
    ({"image": (io.BytesIO(np.random.default_rng(1).bytes(5000)), "random.jpg")}, 415, "UNSUPPORTED_MEDIA"),
    ({"image": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 50), "a.png")}, 422, "INVALID_IMAGE"),
    ({"image": (io.BytesIO(png_header_only(40000, 40000)), "bomb.png")}, 413, "IMAGE_TOO_LARGE"),
    ({"image": (io.BytesIO(jpeg(8, 8)), "tiny.jpg")}, 422, "INVALID_IMAGE"),
    ({"image": (io.BytesIO(jpeg()), "a.jpg"), "side": "top"}, 400, "INVALID_PARAMETER"),
]


@pytest.mark.parametrize("data, status, code", BAD_INPUTS)
def test_bad_input_gets_a_json_4xx(client, data, status, code):
    r = post(client, data)
    assert r.status_code == status, r.data
    assert r.json["error"]["code"] == code
    assert r.json["error"]["message"]
    assert r.json["request_id"]
    assert client.get("/readyz").status_code == 200


@spooled_upload
def test_upload_over_the_limit_is_413(fake_registry):
    client = create_app(dict(TEST_SETTINGS, max_upload_mb=1), registry=fake_registry).test_client()
    r = post(client, {"image": (io.BytesIO(b"\xff\xd8\xff" + b"\0" * (2 * 1024 * 1024)), "big.jpg")})
    assert r.status_code == 413 and r.json["error"]["code"] == "PAYLOAD_TOO_LARGE"
    gc.collect()


@spooled_upload
def test_forty_megabyte_upload_is_413_with_the_default_limit(client):
    r = post(client, {"image": (io.BytesIO(b"\xff\xd8\xff" + b"\0" * (40 * 1024 * 1024)), "big.jpg")})
    assert r.status_code == 413 and r.json["error"]["code"] == "PAYLOAD_TOO_LARGE"
    gc.collect()
    assert client.get("/readyz").status_code == 200


@spooled_upload
def test_huge_form_field_is_rejected(client):
    r = post(client, {"image": (io.BytesIO(jpeg()), "a.jpg"), "side": "front" * 100000})
    assert r.status_code == 413 and r.json["error"]["code"] == "PAYLOAD_TOO_LARGE"
    gc.collect()


def test_not_multipart_and_unknown_routes(client):
    r = client.post("/v1/id-card", data=b"raw", content_type="application/octet-stream")
    assert r.status_code == 400 and r.json["error"]["code"] == "MISSING_FILE"
    assert client.get("/v1/nope").json["error"]["code"] == "NOT_FOUND"
    assert client.get("/v1/id-card").json["error"]["code"] == "METHOD_NOT_ALLOWED"


def test_engine_crash_is_a_json_500_and_the_app_survives(fake_registry):
    class Boom(FakeOcr):
        def read(self, image):
            raise RuntimeError("model exploded")

    client = create_app(TEST_SETTINGS, registry=FakeRegistry(ocr=Boom())).test_client()
    r = post(client, {"image": (io.BytesIO(jpeg()), "a.jpg")})
    assert r.status_code == 500 and r.json["error"]["code"] == "INTERNAL_ERROR"
    assert client.get("/healthz").status_code == 200

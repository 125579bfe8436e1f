"""/v1/face/compare, /v1/liveness and /v1/verify over HTTP with fake engines: shapes and bad input."""

import io

import pytest

from tests.conftest import TEST_SETTINGS
from tests.fakes import FRONT, FakeFaces, FakeOcr, FakeRegistry, jpeg
from verify_service import create_app


def files(**parts):
    return {name: (io.BytesIO(data), f"{name}.jpg") for name, data in parts.items()}


@pytest.fixture
def card_client():
    return create_app(TEST_SETTINGS, registry=FakeRegistry(ocr=FakeOcr(FRONT))).test_client()


def test_face_compare_shape(client):
    body = client.post("/v1/face/compare", data=files(image_a=jpeg(), image_b=jpeg())).json
    assert body["similarity"] == pytest.approx(1.0) and body["match"] is True and body["band"] == "match"
    assert body["operating_point"] == "far_1e-3" and body["threshold"] == body["review_band"][1]
    assert body["faces"][0] == {"found": True, "bbox": [40, 50, 120, 150], "det_score": 0.9}


def test_face_compare_without_a_face_gives_null_match():
    client = create_app(TEST_SETTINGS, registry=FakeRegistry(faces=FakeFaces([]))).test_client()
    body = client.post("/v1/face/compare", data=files(image_a=jpeg(), image_b=jpeg())).json
    assert body["similarity"] is None and body["match"] is None
    assert body["faces"] == [{"found": False, "bbox": None, "det_score": None}] * 2


def test_liveness_shape(client):
    body = client.post("/v1/liveness", data=files(image=jpeg(320, 240))).json
    assert body["face_found"] is True and body["is_live"] is True and body["threshold"] == 0.5


def test_verify_shape(card_client):
    data = files(id_front=jpeg(), selfie=jpeg(), id_back=jpeg())
    data["application"] = '{"name": "董兰", "monthly_income": 9000}'
    body = card_client.post("/v1/verify", data=data).json
    assert set(body) == {"request_id", "decision", "reasons", "id_card", "face_match", "reference_match", "liveness",
                         "income_proof", "timings_ms", "runtime"}
    data = files(id_front=jpeg(), selfie=jpeg())
    echoed = card_client.post("/v1/verify", data=data, headers={"X-Request-ID": "loan-app-77"}).json
    assert set(echoed) == set(body) | {"client_request_id"} and echoed["client_request_id"] == "loan-app-77"
    assert body["id_card"]["front"]["fields"]["name"]["value"] == "董兰"
    assert body["income_proof"] is None and body["runtime"]["provider"] == "cpu"
    assert body["decision"] in ("pass", "review", "reject") and all(set(r) == {"code", "message"} for r in body["reasons"])


@pytest.mark.parametrize("data, status, code", [
    (lambda: files(selfie=jpeg()), 400, "MISSING_FILE"),
    (lambda: files(id_front=jpeg()), 400, "MISSING_FILE"),
    (lambda: files(id_front=jpeg(), selfie=b"GIF89a....."), 415, "UNSUPPORTED_MEDIA"),
    (lambda: files(id_front=jpeg(), selfie=jpeg(), id_back=b""), 400, "EMPTY_FILE"),
    (lambda: dict(files(id_front=jpeg(), selfie=jpeg()), application="{oops"), 400, "INVALID_PARAMETER"),
    (lambda: dict(files(id_front=jpeg(), selfie=jpeg()), application='{"id_number": "1"}'), 400, "INVALID_PARAMETER"),
])
def test_verify_bad_input(card_client, data, status, code):
    r = card_client.post("/v1/verify", data=data())
    assert r.status_code == status and r.json["error"]["code"] == code


@pytest.mark.parametrize("path, parts", [("/v1/face/compare", ["image_a"]), ("/v1/liveness", [])])
def test_face_endpoints_bad_input(client, path, parts):
    r = client.post(path, data=files(**{p: jpeg() for p in parts}))
    assert r.status_code == 400 and r.json["error"]["code"] == "MISSING_FILE"

"""API keys, rate limits, loopback rule, timeout, metrics, logs and the OpenAPI document, with fake engines."""

import io
import json
import logging

import jsonschema
import pytest

from tests.conftest import TEST_SETTINGS
from tests.fakes import FRONT, LETTER, FakeOcr, FakeRegistry, jpeg
from verify_service import create_app
from verify_service.config import Settings
from verify_service.errors import ConfigError
from verify_service.http.auth import RateLimiter, key_hash
from verify_service.http.openapi import SCHEMAS, document
from verify_service.logs import JsonFormatter
from verify_service.serve import check_exposure

KEY = "k" * 20 + "-alpha"
OTHER = "o" * 20 + "-beta"


def app_with(**settings):
    return create_app(dict(TEST_SETTINGS, **settings), registry=FakeRegistry(ocr=FakeOcr(FRONT)))


def card(client, key=None):
    headers = {"X-API-Key": key} if key else {}
    return client.post("/v1/id-card", data={"image": (io.BytesIO(jpeg()), "c.jpg")}, headers=headers)


def test_keys_protect_the_api_metrics_and_openapi_but_not_health():
    client = app_with(api_keys=f"{KEY},{OTHER}").test_client()
    r = card(client)
    assert r.status_code == 401 and r.json["error"]["code"] == "UNAUTHORIZED"
    assert card(client, "wrong-key-wrong-key").status_code == 401
    assert card(client, KEY).status_code == 200 and card(client, OTHER).status_code == 200
    assert client.get("/metrics").status_code == 401 and client.get("/openapi.json").status_code == 401
    assert client.get("/metrics", headers={"X-API-Key": KEY}).status_code == 200
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200


def test_keys_file_holds_only_hashes(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(f"# lender A\nlender-a:{key_hash(KEY)}\n\n")
    client = app_with(api_keys_file=keys).test_client()
    assert card(client, KEY).status_code == 200 and card(client, OTHER).status_code == 401
    keys.write_text("lender-a:not-a-hash\n")
    with pytest.raises(ConfigError, match="line 1"):
        app_with(api_keys_file=keys)
    with pytest.raises(ConfigError, match="16 characters"):
        app_with(api_keys="short")


def test_rate_limit_per_key_with_retry_after():
    client = app_with(api_keys=f"{KEY},{OTHER}", rate_limit=2).test_client()
    assert [card(client, KEY).status_code for _ in range(2)] == [200, 200]
    r = card(client, KEY)
    assert r.status_code == 429 and r.json["error"]["code"] == "RATE_LIMITED"
    assert int(r.headers["Retry-After"]) >= 1
    assert card(client, OTHER).status_code == 200  # another key has its own bucket
    assert client.get("/readyz").status_code == 200


def test_token_bucket_refills():
    limiter = RateLimiter(60)  # one a second
    assert all(limiter.take("a", now=0.0) == 0 for _ in range(60))
    assert limiter.take("a", now=0.0) == pytest.approx(1.0)
    assert limiter.take("a", now=1.0) == 0


@pytest.mark.parametrize("host, keys, ok", [("127.0.0.1", "", True), ("localhost", "", True), ("::1", "", True),
                                            ("0.0.0.0", "", False), ("10.1.2.3", "", False), ("0.0.0.0", KEY, True)])
def test_non_loopback_needs_keys(host, keys, ok):
    settings = Settings.load({"host": host, "api_keys": keys}, environ={})
    if ok:
        check_exposure(settings)
    else:
        with pytest.raises(ConfigError, match="without API keys"):
            check_exposure(settings)


def test_verification_past_its_deadline_is_a_504():
    client = app_with(request_timeout=1e-6).test_client()
    r = client.post("/v1/verify", data={"id_front": (io.BytesIO(jpeg()), "f.jpg"),
                                        "selfie": (io.BytesIO(jpeg()), "s.jpg")})
    assert r.status_code == 504 and r.json["error"]["code"] == "TIMEOUT"


def test_metrics_count_requests_decisions_and_models():
    client = app_with().test_client()
    card(client)
    client.post("/v1/verify", data={"id_front": (io.BytesIO(jpeg()), "f.jpg"), "selfie": (io.BytesIO(jpeg()), "s.jpg")})
    text = client.get("/metrics").get_data(as_text=True)
    assert 'verify_requests_total{endpoint="/v1/id-card",status="200"}' in text
    assert 'verify_decisions_total{decision=' in text
    assert 'verify_stage_seconds_bucket{le="0.005",stage="detection"}' in text
    assert 'verify_model_info{name="fake",provider="",role="ocr_det"' in text


def test_logs_are_json_with_request_id_and_no_personal_data(caplog):
    client = app_with().test_client()
    with caplog.at_level(logging.INFO, logger="verify_service.access"):
        r = client.post("/v1/verify", data={"id_front": (io.BytesIO(jpeg()), "f.jpg"),
                                            "selfie": (io.BytesIO(jpeg()), "s.jpg"),
                                            "application": '{"name": "董兰"}'})
    assert r.json["id_card"]["front"]["fields"]["name"]["value"] == "董兰"
    lines = [JsonFormatter().format(record) for record in caplog.records]
    entry = json.loads(lines[-1])
    assert entry["request_id"] == r.json["request_id"] and entry["path"] == "/v1/verify"
    assert entry["status"] == 200 and entry["decision"] == r.json["decision"]
    assert not any("董兰" in line or "330106198311020751" in line for line in lines)


def validator(name):
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": {"schemas": SCHEMAS}})


def test_openapi_document_is_valid_and_served():
    client = app_with().test_client()
    served = client.get("/openapi.json").json
    assert served == json.loads(json.dumps(document()))
    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    assert set(served["paths"]) >= {"/v1/id-card", "/v1/income-proof", "/v1/face/compare", "/v1/liveness",
                                    "/v1/verify", "/healthz", "/readyz", "/metrics"}


def test_responses_match_the_openapi_schemas():
    client = app_with().test_client()
    letter = create_app(TEST_SETTINGS, registry=FakeRegistry(ocr=FakeOcr(LETTER))).test_client()
    files = {"id_front": jpeg(), "id_back": jpeg(), "selfie": jpeg()}
    cases = [
        ("IdCard", card(client)),
        ("FaceMatch", client.post("/v1/face/compare", data={"image_a": (io.BytesIO(jpeg()), "a.jpg"),
                                                            "image_b": (io.BytesIO(jpeg()), "b.jpg")})),
        ("Liveness", client.post("/v1/liveness", data={"image": (io.BytesIO(jpeg()), "a.jpg")})),
        ("Verify", client.post("/v1/verify", data={k: (io.BytesIO(v), k) for k, v in files.items()})),
        ("IncomeProof", letter.post("/v1/income-proof", data={"document": (io.BytesIO(jpeg()), "p.jpg")})),
        ("Verify", letter.post("/v1/verify", data={"id_front": (io.BytesIO(jpeg()), "f"), "selfie": (io.BytesIO(jpeg()), "s"),
                                                   "income_proof": (io.BytesIO(jpeg()), "p")})),
        ("Health", client.get("/healthz")),
        ("Ready", client.get("/readyz")),
        ("Error", client.post("/v1/verify", data={})),
        ("Error", client.get("/nope")),
        ("Error", client.post("/v1/id-card", data={"image": (io.BytesIO(b"junk"), "a.jpg")})),
    ]
    for name, response in cases:
        validator(name).validate(response.json)

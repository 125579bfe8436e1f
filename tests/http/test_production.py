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


# Issue 14 item 4: the operator mark in the keys file; client_request_id in every body and in the access log.

def test_keys_file_marks_operators(tmp_path):
    from verify_service.http.auth import KeyRing

    keys = tmp_path / "keys"
    keys.write_text(f"lender-a:{key_hash(KEY)}\nops:{key_hash(OTHER)}:operator\n")
    ring = KeyRing.from_settings(Settings.load({"api_keys_file": keys}, environ={}))
    assert ring.operators == frozenset({"ops"}) and ring.identify(OTHER) == "ops"
    assert KeyRing.from_settings(Settings.load({"api_keys": KEY}, environ={})).operators == frozenset()


@pytest.mark.parametrize("line, message", [
    (f"ops:{key_hash(KEY)}:admin", "line 1: the only mark is ':operator'"),
    (f"review-page:{key_hash(KEY)}", "line 1: 'review-page' is reserved"),
    (f"legacy:{key_hash(KEY)}:operator", "line 1: 'legacy' is reserved"),
    (f":{key_hash(KEY)}", "line 1: expected name:sha256-hex"),
    (f"lender-a:{key_hash(KEY)}\nlender-a:{key_hash(OTHER)}", "line 2: 'lender-a' is named twice"),
    (f"lender-a:{key_hash(KEY)}\nlender-b:{key_hash(KEY)}", "line 2: this key is already listed"),
])
def test_keys_file_refuses_unknown_marks_and_reserved_names(tmp_path, line, message):
    keys = tmp_path / "keys"
    keys.write_text(line + "\n")
    with pytest.raises(ConfigError, match=message):
        app_with(api_keys_file=keys)


def test_every_body_echoes_the_client_request_id_and_matches_the_schemas():
    client = app_with().test_client()
    sent = {"X-Request-ID": "lender-req-42"}
    files = {"id_front": jpeg(), "selfie": jpeg()}
    cases = [
        ("IdCard", client.post("/v1/id-card", data={"image": (io.BytesIO(jpeg()), "c.jpg")}, headers=sent)),
        ("FaceMatch", client.post("/v1/face/compare", headers=sent, data={
            "image_a": (io.BytesIO(jpeg()), "a.jpg"), "image_b": (io.BytesIO(jpeg()), "b.jpg")})),
        ("Liveness", client.post("/v1/liveness", data={"image": (io.BytesIO(jpeg()), "a.jpg")}, headers=sent)),
        ("Verify", client.post("/v1/verify", data={k: (io.BytesIO(v), k) for k, v in files.items()}, headers=sent)),
        ("Health", client.get("/healthz", headers=sent)),
        ("Ready", client.get("/readyz", headers=sent)),
        ("Error", client.post("/v1/verify", data={}, headers=sent)),
        ("Error", client.get("/nope", headers=sent)),
    ]
    for name, response in cases:
        assert response.json["client_request_id"] == "lender-req-42", name
        assert response.headers["X-Request-ID"] == response.json["request_id"] != "lender-req-42", name
        validator(name).validate(response.json)
    letter = create_app(TEST_SETTINGS, registry=FakeRegistry(ocr=FakeOcr(LETTER))).test_client()
    income = letter.post("/v1/income-proof", data={"document": (io.BytesIO(jpeg()), "p.jpg")}, headers=sent)
    assert income.json["client_request_id"] == "lender-req-42"
    validator("IncomeProof").validate(income.json)
    for schema in SCHEMAS.values():
        if "request_id" in schema.get("properties", {}) or "request_id" in schema.get("required", []):
            assert schema["properties"]["client_request_id"] == {"type": "string"}


def test_the_access_log_carries_the_client_request_id(caplog):
    client = app_with().test_client()
    with caplog.at_level(logging.INFO, logger="verify_service.access"):
        r = client.get("/healthz", headers={"X-Request-ID": "lender-req-43"})
        client.get("/healthz", headers={"X-Request-ID": "<bad>"})
    first, second = (rec for rec in caplog.records if rec.name == "verify_service.access")
    assert first.request_id == r.json["request_id"] and first.client_request_id == "lender-req-43"
    assert second.client_request_id is None

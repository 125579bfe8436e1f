"""The case API of the review loop: GET /v1/cases/<id> and POST /v1/cases/<id>/review-request, scoped to the API
key that made the case, with explanations an applicant may be shown; nothing at all without the review store."""

import io
import re

import jsonschema
import pytest
from cryptography.fernet import Fernet
from werkzeug.security import generate_password_hash

from tests.conftest import TEST_SETTINGS
from tests.fakes import FRONT, FakeOcr, FakeRegistry, jpeg
from verify_service import create_app, explanations
from verify_service.codes import ReasonCode, ReviewReasonCode
from verify_service.http.auth import key_hash
from verify_service.http.openapi import SCHEMAS, document
from verify_service.store import audit

LENDER_A, LENDER_B, OPS = "a" * 20 + "-lender", "b" * 20 + "-lender", "o" * 20 + "-operator"


def case_schema():
    return jsonschema.Draft202012Validator({"$ref": "#/components/schemas/Case", "components": {"schemas": SCHEMAS}})


def keyed_app(tmp_path, **extra):
    keys = tmp_path / "api-keys"
    keys.write_text(f"lender-a:{key_hash(LENDER_A)}\nlender-b:{key_hash(LENDER_B)}\nops:{key_hash(OPS)}:operator\n")
    reviewers = tmp_path / "reviewers"
    reviewers.write_text(f"alice:{generate_password_hash('correct horse battery')}\n")
    settings = dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "cases.sqlite3", api_keys_file=keys,
                    store_key=Fernet.generate_key().decode(), secret_key="s" * 40, reviewers_file=reviewers,
                    host="0.0.0.0", **extra)
    return create_app(settings, registry=FakeRegistry(ocr=FakeOcr(FRONT)))


def verify(client, key, name=None, request_id=None):
    data = {"id_front": (io.BytesIO(jpeg(640, 400)), "f.jpg"), "selfie": (io.BytesIO(jpeg(480, 640)), "s.jpg")}
    if name:
        data["application"] = f'{{"name": "{name}"}}'  # a declared name that differs: APPLICATION_MISMATCH, review
    headers = {"X-API-Key": key, **({"X-Request-ID": request_id} if request_id else {})}
    r = client.post("/v1/verify", data=data, headers=headers)
    assert r.status_code == 200, r.json
    return r.json


def test_a_review_case_is_awaiting_review_with_explanations(tmp_path):
    client = keyed_app(tmp_path).test_client()
    sent = verify(client, LENDER_A, name="王五", request_id="loan-000123")
    assert sent["decision"] == "review"
    r = client.get(f"/v1/cases/{sent['request_id']}", headers={"X-API-Key": LENDER_A})
    assert r.status_code == 200
    case_schema().validate(r.json)
    body = r.json
    assert body["case_id"] == sent["request_id"] and body["request_id"] != sent["request_id"]
    assert "client_request_id" not in body  # this GET sent none; the case's own goes in its webhook events
    assert (body["state"], body["decision"], body["review"]) == ("awaiting_review", "review", None)
    (reason,) = body["machine_decision"]["reasons"]
    assert reason["code"] == "APPLICATION_MISMATCH"
    assert reason["explanation"] == {"zh": "申请中填写的信息与身份证不一致。",
                                     "en": "Details given in the application differ from those on the ID card."}
    assert "王五" not in r.get_data(as_text=True) and "董兰" not in r.get_data(as_text=True)


def test_a_case_is_its_keys_alone_and_an_operators(tmp_path):
    client = keyed_app(tmp_path).test_client()
    case_id = verify(client, LENDER_A)["request_id"]
    theirs = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_B})
    missing = client.get("/v1/cases/0123456789abcdef", headers={"X-API-Key": LENDER_B})
    assert theirs.status_code == missing.status_code == 404 and theirs.json["error"]["code"] == "NOT_FOUND"
    assert client.post(f"/v1/cases/{case_id}/review-request", headers={"X-API-Key": LENDER_B}).status_code == 404
    assert client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": OPS}).json["decision"] == "pass"
    assert client.get(f"/v1/cases/{case_id}").status_code == 401


def test_the_applicant_asks_for_a_human_and_the_case_joins_the_queue(tmp_path):
    app = keyed_app(tmp_path)
    client = app.test_client()
    case_id = verify(client, LENDER_A)["request_id"]
    decided = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).json
    assert (decided["state"], decided["decision"]) == ("decided", "pass")
    r = client.post(f"/v1/cases/{case_id}/review-request", headers={"X-API-Key": LENDER_A})
    assert r.status_code == 202
    case_schema().validate(r.json)
    assert (r.json["state"], r.json["decision"]) == ("awaiting_review", "review")
    assert r.json["review_requested_at"] and r.json["machine_decision"]["decision"] == "pass"
    again = client.post(f"/v1/cases/{case_id}/review-request", headers={"X-API-Key": LENDER_A})
    assert again.status_code == 202 and again.json["review_requested_at"] == r.json["review_requested_at"]
    store = app.extensions["verify_store"]
    assert [c.request_id for c in store.page().items] == [case_id]
    actions = [(e.action, e.actor) for e in audit.entries(store.engine) if e.request_id == case_id]
    assert actions == [("machine_decision", "lender-a"), ("review_request", "lender-a")]  # the repeat changed nothing


def test_the_reviewers_decision_and_its_note_on_request(tmp_path):
    app = keyed_app(tmp_path)
    client = app.test_client()
    case_id = verify(client, LENDER_A, name="王五")["request_id"]
    store = app.extensions["verify_store"]
    assert store.claim(case_id, "alice")
    claimed = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).json
    assert (claimed["state"], claimed["decision"]) == ("in_review", "review")
    assert store.record_review(case_id, "reject", "DATA_MISMATCH", "住址 differs; called 138****0000", "alice")
    r = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A})
    case_schema().validate(r.json)
    assert (r.json["state"], r.json["decision"]) == ("reviewed", "reject")
    review = r.json["review"]
    assert (review["decision"], review["reason_code"], review["reviewer"]) == ("reject", "DATA_MISMATCH", "alice")
    assert review["explanation"]["en"].startswith("A reviewer confirmed") and "note" not in review
    with_note = client.get(f"/v1/cases/{case_id}?include=note", headers={"X-API-Key": LENDER_A})
    assert with_note.json["review"]["note"] == "住址 differs; called 138****0000"
    case_schema().validate(with_note.json)
    bad = client.get(f"/v1/cases/{case_id}?include=images", headers={"X-API-Key": LENDER_A})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "INVALID_PARAMETER"


def test_request_more_keeps_the_decision_review(tmp_path):
    app = keyed_app(tmp_path)
    client = app.test_client()
    case_id = verify(client, LENDER_A, name="王五")["request_id"]
    store = app.extensions["verify_store"]
    assert store.claim(case_id, "alice")
    assert store.record_review(case_id, "request_more", "DOCUMENT_MISSING", "", "alice")
    body = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).json
    assert (body["state"], body["decision"], body["review"]["decision"]) == ("needs_more", "review", "request_more")
    back = client.post(f"/v1/cases/{case_id}/review-request", headers={"X-API-Key": LENDER_A}).json
    assert back["state"] == "awaiting_review"  # the applicant sent more: a reviewer looks again


def test_without_the_review_store_nothing_is_kept_and_no_webhook_is_sent(tmp_path):
    app = create_app(dict(TEST_SETTINGS, webhook_url="http://127.0.0.1:9/hook", webhook_secret="w" * 32),
                     registry=FakeRegistry(ocr=FakeOcr(FRONT)))
    client = app.test_client()
    data = {"id_front": (io.BytesIO(jpeg(640, 400)), "f.jpg"), "selfie": (io.BytesIO(jpeg(480, 640)), "s.jpg")}
    case_id = client.post("/v1/verify", data=data).json["request_id"]
    for r in (client.get(f"/v1/cases/{case_id}"), client.post(f"/v1/cases/{case_id}/review-request"),
              client.delete(f"/v1/cases/{case_id}")):
        assert r.status_code == 404 and r.json["error"]["code"] == "NOT_FOUND"
        assert "VERIFY_REVIEW_STORE" in r.json["error"]["message"]
    assert "verify_store" not in app.extensions and "verify_webhooks" not in app.extensions


def test_deleting_a_case_keeps_its_audit_entries_which_hold_no_personal_data(tmp_path):
    app = keyed_app(tmp_path)
    client = app.test_client()
    case_id = verify(client, LENDER_A, name="王五")["request_id"]
    assert client.delete(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).status_code == 204
    assert client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).status_code == 404
    store = app.extensions["verify_store"]
    entries = [e for e in audit.entries(store.engine) if e.request_id == case_id]
    assert [(e.action, e.actor) for e in entries] == [("machine_decision", "lender-a"), ("deletion", "lender-a")]
    assert audit.verify(store.engine).ok
    text = (tmp_path / "cases.sqlite3").read_bytes()
    for secret in ("董兰", "王五", "330106198311020751"):
        assert secret.encode() not in text


def test_every_reason_has_an_explanation_without_figures_and_openapi_lists_the_review_codes():
    assert set(explanations.REASONS) == set(ReasonCode)
    assert set(explanations.REVIEWS) == set(ReviewReasonCode)
    for zh, en in [*explanations.REASONS.values(), *explanations.REVIEWS.values()]:
        assert zh and en and not re.search(r"\d", zh + en), (zh, en)  # no threshold, no score, no number
    listed = SCHEMAS["Review"]["properties"]["reason_code"]["enum"]
    assert set(listed) - {None} == set(ReviewReasonCode)
    paths = document()["paths"]
    assert "get" in paths["/v1/cases/{request_id}"] and "post" in paths["/v1/cases/{request_id}/review-request"]
    assert "caseDecision" in document()["webhooks"]


def test_a_reviewed_case_is_final_on_the_api_and_on_the_review_page(tmp_path):
    app = keyed_app(tmp_path)
    client = app.test_client()
    case_id = verify(client, LENDER_A, name="王五")["request_id"]
    store = app.extensions["verify_store"]
    first = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).json
    assert first["version"] == 1
    assert store.claim(case_id, "alice")
    assert store.record_review(case_id, "approve", "IDENTITY_CONFIRMED", "", "alice")
    reviewed = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).json
    assert (reviewed["state"], reviewed["decision"], reviewed["version"]) == ("reviewed", "pass", 3)
    r = client.post(f"/v1/cases/{case_id}/review-request", headers={"X-API-Key": LENDER_A})
    assert r.status_code == 409 and r.mimetype == "application/json"
    assert r.json["error"]["code"] == "CASE_REVIEWED" and "its decision is final" in r.json["error"]["message"]
    jsonschema.Draft202012Validator({"$ref": "#/components/schemas/Error",
                                     "components": {"schemas": SCHEMAS}}).validate(r.json)
    after = client.get(f"/v1/cases/{case_id}", headers={"X-API-Key": LENDER_A}).json
    assert (after["state"], after["decision"], after["version"]) == ("reviewed", "pass", 3)
    # another reviewer on the review page (loopback development: reviewer "local") can neither claim nor decide it
    dev = create_app(dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "cases.sqlite3",
                          store_key=store.key.decode()), registry=FakeRegistry(ocr=FakeOcr(FRONT)))
    page = dev.test_client()
    html = page.get(f"/review/cases/{case_id}").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    r = page.post(f"/review/cases/{case_id}/claim", data={"csrf_token": csrf})
    assert r.status_code == 409 and r.mimetype == "text/html" and "its decision is final" in r.get_data(as_text=True)
    r = page.post(f"/review/cases/{case_id}/decision", data={"decision": "reject", "csrf_token": csrf,
                                                             "reason_code": "FACE_NOT_SAME_PERSON"})
    assert r.status_code == 409 and "its decision is final" in r.get_data(as_text=True)
    assert [e.action for e in audit.entries(store.engine) if e.request_id == case_id] == [
        "machine_decision", "claim", "review_decision"]  # nothing after the decision
    dev.extensions["verify_store"].close()


def test_the_case_api_sends_reason_codes_and_explanations_never_their_messages(tmp_path):
    app = keyed_app(tmp_path)
    store = app.extensions["verify_store"]
    message = "出生日期 1983-11-02 与身份证号 330106198311020751 不符; 有效期至 2031.05.20; 月收入 12345.67"
    store.save("c" * 32, {"decision": "review", "reasons": [{"code": "APPLICATION_MISMATCH", "message": message}]},
               {}, owner="lender-a")
    r = app.test_client().get("/v1/cases/" + "c" * 32, headers={"X-API-Key": LENDER_A})
    case_schema().validate(r.json)
    (reason,) = r.json["machine_decision"]["reasons"]
    assert set(reason) == {"code", "explanation"} and reason["code"] == "APPLICATION_MISMATCH"
    body = r.get_data(as_text=True)
    for digits in ("1983", "1102", "19831102", "2031", "12345"):
        assert digits not in body, digits
    assert message in str(store.get("c" * 32)["result"])  # the review page keeps the whole message


@pytest.mark.parametrize("query", ["state=nonsense", "reason=NOPE", "decision=maybe", "from=2026-13-01", "cursor=%%%",
                                   "state=all&cursor=" + "W1tb" * 1000, "cursor=" + "A" * 201])
def test_bad_queue_filters_are_a_400_page(tmp_path, query):
    client = create_app(dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "c.sqlite3"),
                        registry=FakeRegistry(ocr=FakeOcr(FRONT))).test_client()
    r = client.get(f"/review?{query}")
    assert r.status_code == 400 and r.mimetype == "text/html"


@pytest.mark.parametrize("query", ["state=all&to=9999-12-31", "state=all&from=9999-12-31&to=9999-12-31",
                                   "state=all&from=0001-01-01", "to=9999-12-31"])
def test_the_last_and_first_dates_there_are_filter_the_queue_without_an_error(tmp_path, query):
    app = create_app(dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "c.sqlite3"),
                     registry=FakeRegistry(ocr=FakeOcr(FRONT)))
    client = app.test_client()
    r = client.get(f"/review?{query}")
    assert r.status_code == 200 and r.mimetype == "text/html"


def test_ids_that_cannot_be_a_case_are_404_on_both_backends(tmp_path, store_location):
    where = {"store_url": store_location} if isinstance(store_location, str) else {}
    app = keyed_app(tmp_path, **where)
    try:
        client = app.test_client()
        verify(client, LENDER_A, name="王五")
        for path in ("/v1/cases/a%00b", "/v1/cases/" + "x" * 200, "/v1/cases/%E4%B8%AD"):
            r = client.get(path, headers={"X-API-Key": LENDER_A})
            assert r.status_code == 404 and r.json["error"]["code"] == "NOT_FOUND", path
            r = client.post(path + "/review-request", headers={"X-API-Key": LENDER_A})
            assert r.status_code == 404, path
        key = app.extensions["verify_store"].key.decode()  # the same store, seen by a keyless loopback instance
        dev = create_app(dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "cases.sqlite3", store_key=key,
                              **where), registry=FakeRegistry(ocr=FakeOcr(FRONT)))
        review = dev.test_client()
        assert review.get("/review/cases/a%00b").status_code == 404
        import base64

        nul = base64.urlsafe_b64encode(b'["2026-11-01T00:00:00+00:00", "a\\u0000b"]').decode()
        assert review.get(f"/review?cursor={nul}").status_code == 400
        assert review.get("/review?q=a%00b").status_code == 200  # a search that matches nothing
        dev.extensions["verify_store"].close()
    finally:
        app.extensions["verify_store"].close()

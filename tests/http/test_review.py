"""The review page over HTTP with fake engines: storing, masking, overlays, decisions, CSRF, sign-in, deletion."""

import io
import re

import pytest
from cryptography.fernet import Fernet
from werkzeug.security import generate_password_hash

from tests.conftest import TEST_SETTINGS
from tests.fakes import FRONT, FakeOcr, FakeRegistry, jpeg
from verify_service import create_app
from verify_service.errors import ConfigError

KEY = "k" * 24
FULL_ID = "330106198311020751"


def review_app(tmp_path, **extra):
    settings = dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "cases.sqlite3", **extra)
    return create_app(settings, registry=FakeRegistry(ocr=FakeOcr(FRONT)))


def verify(client, headers=None):
    data = {"id_front": (io.BytesIO(jpeg(640, 400)), "f.jpg"), "selfie": (io.BytesIO(jpeg(480, 640)), "s.jpg")}
    r = client.post("/v1/verify", data=data, headers=headers or {})
    assert r.status_code == 200, r.json
    return r.json["request_id"]


def token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_verify_results_are_stored_and_listed_masked(tmp_path):
    client = review_app(tmp_path).test_client()
    request_id = verify(client)
    page = client.get("/review").get_data(as_text=True)
    assert request_id in page and "董*" in page and "330106********0751" in page
    assert FULL_ID not in page and "董兰" not in page
    case = client.get(f"/review/cases/{request_id}")
    assert case.headers["Cache-Control"] == "no-store"
    html = case.get_data(as_text=True)
    assert FULL_ID in html and "董兰" in html  # full data on the case page only
    for path in ("image/id_front", "image/selfie", "face/selfie", "face/portrait"):
        r = client.get(f"/review/cases/{request_id}/{path}")
        assert r.status_code == 200 and r.data.startswith(b"\x89PNG"), path
    assert client.get(f"/review/cases/{request_id}/image/id_back").status_code == 404


def test_decision_needs_the_csrf_token(tmp_path):
    client = review_app(tmp_path).test_client()
    request_id = verify(client)
    html = client.get(f"/review/cases/{request_id}").get_data(as_text=True)
    r = client.post(f"/review/cases/{request_id}/decision", data={"decision": "approve", "note": "ok"})
    assert r.status_code == 400
    r = client.post(f"/review/cases/{request_id}/decision",
                    data={"decision": "approve", "note": "called the applicant", "csrf_token": token(html)})
    assert r.status_code == 302
    html = client.get(f"/review/cases/{request_id}").get_data(as_text=True)
    assert "called the applicant" in html and "by local" in html
    assert "approve" in client.get("/review").get_data(as_text=True)


def test_delete_through_the_api_and_the_page(tmp_path):
    client = review_app(tmp_path).test_client()
    first, second = verify(client), verify(client)
    assert client.delete(f"/v1/cases/{first}").status_code == 204
    assert client.delete(f"/v1/cases/{first}").json["error"]["code"] == "NOT_FOUND"
    html = client.get(f"/review/cases/{second}").get_data(as_text=True)
    assert client.post(f"/review/cases/{second}/delete", data={"csrf_token": token(html)}).status_code == 302
    assert client.get(f"/review/cases/{second}").status_code == 404


def test_upload_form_runs_the_pipeline(tmp_path):
    client = review_app(tmp_path).test_client()
    html = client.get("/review").get_data(as_text=True)
    r = client.post("/review/upload", data={"csrf_token": token(html), "id_front": (io.BytesIO(jpeg()), "f.jpg"),
                                            "selfie": (io.BytesIO(jpeg()), "s.jpg")})
    assert r.status_code == 302 and "/review/cases/" in r.headers["Location"]
    bad = client.post("/review/upload", data={"csrf_token": token(html), "id_front": (io.BytesIO(b"x"), "f.jpg"),
                                              "selfie": (io.BytesIO(jpeg()), "s.jpg")}, follow_redirects=True)
    assert "UNSUPPORTED_MEDIA" in bad.get_data(as_text=True)


def reviewers(tmp_path):
    path = tmp_path / "reviewers"
    path.write_text(f"alice:{generate_password_hash('correct horse battery')}\n")
    return path


def production(tmp_path):
    return review_app(tmp_path, api_keys=KEY, store_key=Fernet.generate_key().decode(), secret_key="s" * 40,
                      reviewers_file=reviewers(tmp_path), host="0.0.0.0")


def test_review_needs_sign_in_when_keys_are_set(tmp_path):
    client = production(tmp_path).test_client()
    r = client.get("/review")
    assert r.status_code == 302 and "/review/login" in r.headers["Location"]
    assert client.get("/review/cases/x").status_code == 302
    login = client.get("/review/login").get_data(as_text=True)
    r = client.post("/review/login", data={"username": "alice", "password": "wrong", "csrf_token": token(login)})
    assert r.status_code == 401
    r = client.post("/review/login", data={"username": "alice", "password": "correct horse battery",
                                           "csrf_token": token(login)})
    assert r.status_code == 302
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get("/review")
    assert page.status_code == 200 and "alice" in page.get_data(as_text=True)


def test_production_refuses_to_store_without_keys_or_reviewers(tmp_path):
    with pytest.raises(ConfigError, match="VERIFY_STORE_KEY"):
        review_app(tmp_path, api_keys=KEY, secret_key="s" * 40, reviewers_file=reviewers(tmp_path))
    with pytest.raises(ConfigError, match="VERIFY_REVIEWERS_FILE"):
        review_app(tmp_path, api_keys=KEY, store_key=Fernet.generate_key().decode(), secret_key="s" * 40)
    with pytest.raises(ConfigError, match="VERIFY_SECRET_KEY"):
        review_app(tmp_path, api_keys=KEY, store_key=Fernet.generate_key().decode(),
                   reviewers_file=reviewers(tmp_path))


def test_loopback_development_generates_a_local_key_and_says_so(tmp_path, caplog):
    review_app(tmp_path)
    assert (tmp_path / "cases.key").exists() and oct((tmp_path / "cases.key").stat().st_mode)[-3:] == "600"
    assert "generated a local store key" in caplog.text


def test_without_the_store_there_is_no_review_page(client):
    assert client.get("/review").status_code == 404


def test_review_errors_are_html_pages_and_api_errors_stay_json(tmp_path):
    review_client = review_app(tmp_path).test_client()
    page = review_client.get("/review/cases/no-such-case")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "404 · Not found" in page.get_data(as_text=True)
    api = review_client.delete("/v1/cases/no-such-case")
    assert api.status_code == 404 and api.json["error"]["code"] == "NOT_FOUND"

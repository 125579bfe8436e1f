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
    page = client.get("/review?state=all").get_data(as_text=True)
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


def test_decision_needs_the_csrf_token_and_the_claim(tmp_path):
    client = review_app(tmp_path).test_client()
    request_id = verify(client)
    html = client.get(f"/review/cases/{request_id}").get_data(as_text=True)
    decision = {"decision": "approve", "reason_code": "IDENTITY_CONFIRMED", "note": "called the applicant"}
    r = client.post(f"/review/cases/{request_id}/decision", data=decision)
    assert r.status_code == 400
    r = client.post(f"/review/cases/{request_id}/decision", data={**decision, "csrf_token": token(html)})
    assert r.status_code == 409 and "claim the case" in r.get_data(as_text=True)  # nobody holds it yet
    assert client.post(f"/review/cases/{request_id}/claim", data={"csrf_token": token(html)}).status_code == 302
    r = client.post(f"/review/cases/{request_id}/decision",
                    data={**decision, "reason_code": "FACE_NOT_SAME_PERSON", "csrf_token": token(html)})
    assert r.status_code == 409 and "does not go with approve" in r.get_data(as_text=True)
    r = client.post(f"/review/cases/{request_id}/decision", data={**decision, "csrf_token": token(html)})
    assert r.status_code == 302
    html = client.get(f"/review/cases/{request_id}").get_data(as_text=True)
    assert "called the applicant" in html and "by local" in html and "IDENTITY_CONFIRMED" in html
    assert "approve" in client.get("/review?state=reviewed").get_data(as_text=True)


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
    assert oct((tmp_path / "cases.sqlite3").stat().st_mode)[-3:] == "600"  # the store itself, not only its key
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


# Issue 14 items 5, 8 and 9: revocable reviewer sessions, bad CSRF tokens and `next` values, sign-in throttling.

PASSWORD = "correct horse battery"


def two_reviewers(tmp_path):
    path = tmp_path / "reviewers"
    path.write_text(f"alice:{generate_password_hash(PASSWORD)}\nbob:{generate_password_hash('bob password 123')}\n")
    return path


def production_app(tmp_path, **extra):
    """An app as one gunicorn worker sees it: every worker built from the same settings shares the same files."""
    if "reviewers_file" not in extra:
        extra["reviewers_file"] = reviewers(tmp_path)
    return review_app(tmp_path, api_keys=KEY, store_key=(tmp_path / "store.key").read_text(), secret_key="s" * 40,
                      host="0.0.0.0", **extra)


@pytest.fixture
def store_key(tmp_path):
    (tmp_path / "store.key").write_text(Fernet.generate_key().decode())


def sign_in(client, username="alice", password=PASSWORD, query=""):
    login = client.get("/review/login").get_data(as_text=True)
    return client.post(f"/review/login{query}", data={"username": username, "password": password,
                                                      "csrf_token": token(login)})


def client_at(app, address: str):
    """A test client whose requests come from `address` (a WSGI environ value; nothing is sent anywhere)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def cookie_of(client) -> str:
    return client.get_cookie("verify_review").value


def signed_in(app, cookie: str) -> bool:
    """Whether a (possibly old) session cookie still opens the list on this app."""
    other = app.test_client()
    other.set_cookie("verify_review", cookie)
    return other.get("/review").status_code == 200


def test_a_reviewer_removed_from_the_file_is_signed_out_now_and_after_a_restart(tmp_path, store_key):
    path = two_reviewers(tmp_path)
    app = production_app(tmp_path, reviewers_file=path)
    client = app.test_client()
    assert sign_in(client).status_code == 302
    cookie = cookie_of(client)
    assert client.get("/review").status_code == 200
    path.write_text(path.read_text().splitlines()[1] + "\n")  # only bob is left
    r = client.get("/review")
    assert r.status_code == 302 and "/review/login" in r.headers["Location"]
    assert not signed_in(app, cookie)
    assert not signed_in(production_app(tmp_path, reviewers_file=path), cookie)  # a restart brings no access back
    path.write_text(f"alice:{generate_password_hash(PASSWORD)}\n" + path.read_text())
    assert not signed_in(app, cookie)  # added again, alice signs in anew; the old cookie stays dead


def test_a_changed_password_signs_the_reviewer_out(tmp_path, store_key):
    path = two_reviewers(tmp_path)
    app = production_app(tmp_path, reviewers_file=path)
    client = app.test_client()
    sign_in(client)
    path.write_text(f"alice:{generate_password_hash('a new password 456')}\n" + path.read_text().splitlines()[1])
    assert client.get("/review").status_code == 302


def test_logout_invalidates_the_cookie_in_every_worker(tmp_path, store_key):
    worker1, worker2 = production_app(tmp_path), production_app(tmp_path)
    client = worker1.test_client()
    assert sign_in(client).status_code == 302
    cookie = cookie_of(client)
    assert signed_in(worker2, cookie)  # a session made in one worker is known to the other
    page = client.get("/review").get_data(as_text=True)
    r = client.post("/review/logout", data={"csrf_token": token(page)})
    assert r.status_code == 302 and "/review/login" in r.headers["Location"]
    assert not signed_in(worker1, cookie) and not signed_in(worker2, cookie)


def test_a_session_expires_on_the_server_after_eight_hours(tmp_path, store_key, monkeypatch):
    from verify_service.review import sessions

    app = production_app(tmp_path)
    client = app.test_client()
    sign_in(client)
    now = sessions.time.time()
    # Only the server's clock moves: the cookie's own signed age would still let it in.
    monkeypatch.setattr(sessions, "time", type("Clock", (), {"time": staticmethod(lambda: now + 8 * 3600 + 1)}))
    assert client.get("/review").status_code == 302


@pytest.mark.parametrize("sent", ["é", "\u00e9" * 43, "令牌", "\x00"])
def test_a_non_ascii_csrf_token_is_a_400_page_not_a_500(tmp_path, store_key, sent):
    client = production_app(tmp_path).test_client()
    client.get("/review/login")
    r = client.post("/review/login", data={"username": "alice", "password": PASSWORD, "csrf_token": sent})
    assert r.status_code == 400 and r.mimetype == "text/html"
    assert "did not come from this site" in r.get_data(as_text=True)
    sign_in(client)
    r = client.post("/review/logout", data={"csrf_token": sent})
    assert r.status_code == 400 and client.get("/review").status_code == 200


@pytest.mark.parametrize(("target", "expected"), [
    ("/review/cases/abc", "/review/cases/abc"),
    ("/review", "/review"),
    ("/review\r\nSet-Cookie: x=1", "/review"),
    ("/review/\nx", "/review"),
    ("//evil.example/review", "/review"),
    ("https://evil.example/review", "/review"),
    ("/reviewers", "/review"),
    ("/review/../v1/cases", "/review"),
    ("/review\\evil", "/review"),
    ("/review/cases/é", "/review"),
])
def test_sign_in_redirects_only_to_safe_review_paths(tmp_path, store_key, target, expected):
    from urllib.parse import quote

    client = production_app(tmp_path).test_client()
    r = sign_in(client, query=f"?next={quote(target, safe='')}")
    assert r.status_code == 302 and r.headers["Location"] == expected


def counting_password_checks(monkeypatch) -> list:
    """Replace the password check with a counting pass-through, to see when scrypt runs."""
    from verify_service.review import views

    calls = []
    real = views.check_password_hash

    def counted(digest, password):
        calls.append(1)
        return real(digest, password)

    monkeypatch.setattr(views, "check_password_hash", counted)
    return calls


def test_sign_in_is_throttled_per_user_with_a_429_page(tmp_path, store_key, monkeypatch):
    client = production_app(tmp_path).test_client()
    calls = counting_password_checks(monkeypatch)
    for _ in range(5):
        assert sign_in(client, password="wrong password").status_code == 401
    r = sign_in(client)  # even the right password waits: it is not checked at all
    assert r.status_code == 429 and r.mimetype == "text/html" and len(calls) == 5
    assert int(r.headers["Retry-After"]) > 0
    assert "429 · Too many requests" in r.get_data(as_text=True)
    other = client_at(production_app(tmp_path), "192.0.2.7")
    assert sign_in(other).status_code == 429  # the user's limit holds from any address, in any worker
    assert sign_in(other, "bob", "whatever").status_code == 401  # other users are not held up


def test_sign_in_is_throttled_per_address_across_user_names(tmp_path, store_key, monkeypatch):
    app = production_app(tmp_path, sign_in_failures_per_address=4)
    calls = counting_password_checks(monkeypatch)
    client = client_at(app, "192.0.2.8")
    for i in range(4):
        assert sign_in(client, f"guess{i}", "x").status_code == 401
    assert sign_in(client, "alice").status_code == 429 and len(calls) == 4
    elsewhere = client_at(production_app(tmp_path), "192.0.2.9")
    assert sign_in(elsewhere).status_code == 302  # another address, in another worker, is not held up


def test_a_successful_sign_in_clears_the_users_failures(tmp_path, store_key):
    client = production_app(tmp_path).test_client()
    for _ in range(4):
        sign_in(client, password="wrong password")
    assert sign_in(client).status_code == 302
    client.get("/review")
    assert sign_in(client, password="wrong password").status_code == 401  # the count began again


def test_failures_age_out_of_the_window(open_store):
    from verify_service.review.sessions import SessionStore

    sessions = SessionStore(open_store(Fernet.generate_key()).engine)
    limits = {"per_user": 2, "per_address": 10, "window": 900}
    for now in (1000.0, 1100.0):  # an attempt counts as a failure unless it is marked as succeeded
        assert sessions.begin_sign_in("alice", "192.0.2.1", now=now, **limits).allowed
    held = sessions.begin_sign_in("alice", "192.0.2.1", now=1200.0, **limits)
    assert not held.allowed and held.retry_after == 700
    assert sessions.begin_sign_in("alice", "192.0.2.1", now=1901.0, **limits).allowed


# Issue 14 items 3 and 4: the store key is checked at start-up; cases are the server's ids and their key's.

def test_a_restart_with_another_store_key_refuses_to_start_and_old_keys_still_open(tmp_path):
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    request_id = verify(review_app(tmp_path, store_key=first).test_client())
    with pytest.raises(ConfigError, match="VERIFY_STORE_KEY does not open the case store"):
        review_app(tmp_path, store_key=second)
    client = review_app(tmp_path, store_key=second, store_old_keys=first).test_client()
    assert client.get(f"/review/cases/{request_id}").status_code == 200
    with pytest.raises(ConfigError, match="VERIFY_STORE_OLD_KEYS: key 1"):
        review_app(tmp_path, store_key=second, store_old_keys="not-a-key")


def test_the_same_client_request_id_twice_keeps_two_cases(tmp_path):
    client = review_app(tmp_path).test_client()
    r1, r2 = (client.post("/v1/verify", headers={"X-Request-ID": "lender-0001"},
                          data={"id_front": (io.BytesIO(jpeg(640, 400)), "f.jpg"),
                                "selfie": (io.BytesIO(jpeg(480, 640)), "s.jpg")}) for _ in range(2))
    assert (r1.status_code, r2.status_code) == (200, 200)
    assert r1.json["client_request_id"] == r2.json["client_request_id"] == "lender-0001"
    assert r1.json["request_id"] != r2.json["request_id"] and re.fullmatch(r"[0-9a-f]{32}", r1.json["request_id"])
    assert r1.headers["X-Request-ID"] == r1.json["request_id"]
    page = client.get("/review?state=all").get_data(as_text=True)
    assert r1.json["request_id"] in page and r2.json["request_id"] in page


LENDER_A, LENDER_B, OPS = "a" * 20 + "-lender", "b" * 20 + "-lender", "o" * 20 + "-operator"


def keyed_app(tmp_path, store_key):
    from verify_service.http.auth import key_hash

    keys = tmp_path / "api-keys"
    keys.write_text(f"lender-a:{key_hash(LENDER_A)}\nlender-b:{key_hash(LENDER_B)}\nops:{key_hash(OPS)}:operator\n")
    return review_app(tmp_path, api_keys_file=keys, store_key=store_key, secret_key="s" * 40,
                      reviewers_file=reviewers(tmp_path), host="0.0.0.0")


def test_a_key_deletes_only_its_own_cases_and_an_operator_any(tmp_path):
    client = keyed_app(tmp_path, Fernet.generate_key().decode()).test_client()
    mine, theirs = verify(client, {"X-API-Key": LENDER_A}), verify(client, {"X-API-Key": LENDER_A})
    r = client.delete(f"/v1/cases/{theirs}", headers={"X-API-Key": LENDER_B, "X-Request-ID": "del-00000001"})
    assert r.status_code == 404 and r.json["error"]["code"] == "NOT_FOUND"  # as if it did not exist
    assert r.json["client_request_id"] == "del-00000001"
    assert client.delete(f"/v1/cases/{mine}", headers={"X-API-Key": LENDER_A}).status_code == 204
    assert client.delete(f"/v1/cases/{theirs}", headers={"X-API-Key": OPS}).status_code == 204
    assert client.delete(f"/v1/cases/{theirs}", headers={"X-API-Key": OPS}).status_code == 404


def test_review_page_and_legacy_cases_belong_to_no_api_key(tmp_path):
    import sqlite3

    key = Fernet.generate_key().decode()
    app = keyed_app(tmp_path, key)
    client = app.test_client()
    store = app.extensions["verify_store"]
    uploaded = verify(client, {"X-API-Key": LENDER_A})
    with sqlite3.connect(tmp_path / "cases.sqlite3") as db:  # as the review page's upload keeps it
        db.execute("UPDATE cases SET owner = 'review-page' WHERE request_id = ?", (uploaded,))
    db.close()
    assert client.delete(f"/v1/cases/{uploaded}", headers={"X-API-Key": LENDER_A}).status_code == 404
    assert store.get(uploaded)["owner"] == "review-page"
    assert client.delete(f"/v1/cases/{uploaded}", headers={"X-API-Key": OPS}).status_code == 204


def test_the_review_pages_upload_belongs_to_the_review_page(tmp_path):
    app = review_app(tmp_path)
    client = app.test_client()
    html = client.get("/review").get_data(as_text=True)
    r = client.post("/review/upload", data={"csrf_token": token(html), "id_front": (io.BytesIO(jpeg()), "f.jpg"),
                                            "selfie": (io.BytesIO(jpeg()), "s.jpg")})
    request_id = r.headers["Location"].rsplit("/", 1)[1]
    assert app.extensions["verify_store"].get(request_id)["owner"] == "review-page"
    api_case = verify(client)
    assert app.extensions["verify_store"].get(api_case)["owner"] == "local"


def test_an_unreadable_reviewers_file_lets_nobody_in_until_it_is_fixed(tmp_path, store_key, caplog):
    path = two_reviewers(tmp_path)
    good = path.read_text()
    client = production_app(tmp_path, reviewers_file=path).test_client()
    sign_in(client)
    path.write_text("alice has no hash\n")
    r = client.get("/review")
    assert r.status_code == 503 and r.mimetype == "text/html" and "reviewers file" in r.get_data(as_text=True)
    assert sign_in(client, "bob", "bob password 123").status_code == 503
    assert "reviewers file unreadable" in caplog.text
    path.write_text(good)
    assert client.get("/review").status_code == 200  # a broken edit does not sign everyone out for good


def test_concurrent_guesses_in_several_workers_get_no_more_than_the_limit(open_store):
    from concurrent.futures import ThreadPoolExecutor

    from verify_service.review.sessions import SessionStore

    # One store object per "worker", each with its own connections: only the database is shared (SQLite and
    # PostgreSQL).
    key = Fernet.generate_key()
    workers = [SessionStore(open_store(key).engine) for _ in range(4)]
    with ThreadPoolExecutor(16) as pool:
        attempts = list(pool.map(lambda i: workers[i % 4].begin_sign_in(
            "alice", f"192.0.2.{i}", per_user=5, per_address=20, window=900), range(32)))
    assert sum(a.allowed for a in attempts) == 5  # counted and reserved in one step, before any password check


def test_two_instances_on_one_store_share_sessions_claims_and_the_queue(tmp_path, store_location, store_key):
    """Two service instances behind a load balancer, sharing one store (an SQLite file, or a PostgreSQL database
    via VERIFY_STORE_URL): a reviewer signed in on one is signed in on the other, a case one instance kept is in
    the other's queue, a claim made on one holds on the other, and a sign-out on one ends the session on both."""
    where = {"store_url": store_location} if isinstance(store_location, str) else {}  # SQLite: review_app's file
    path = two_reviewers(tmp_path)
    instances = [review_app(tmp_path, api_keys=KEY, store_key=(tmp_path / "store.key").read_text(),
                            secret_key="s" * 40, host="0.0.0.0", reviewers_file=path, **where) for _ in range(2)]
    try:
        one, two = (app.test_client() for app in instances)
        case_id = verify(one, {"X-API-Key": KEY})
        assert sign_in(one).status_code == 302
        cookie = cookie_of(one)
        two.set_cookie("verify_review", cookie)
        assert case_id in two.get("/review?state=all").get_data(as_text=True)
        html = one.get("/review").get_data(as_text=True)
        assert one.post("/review/claim-next", data={"csrf_token": token(html)}).status_code == 302
        bob = instances[1].test_client()
        sign_in(bob, "bob", "bob password 123")
        page = bob.get("/review").get_data(as_text=True)
        assert f'data-request-id="{case_id}"' not in page  # alice's claim, made on the other instance
        assert "awaiting_review" not in instances[1].extensions["verify_store"].document(case_id, None)["state"]
        logout = two.post("/review/logout", data={"csrf_token": token(two.get("/review").get_data(as_text=True))})
        assert logout.status_code == 302
        assert not signed_in(instances[0], cookie) and not signed_in(instances[1], cookie)
    finally:
        for app in instances:
            app.extensions["verify_store"].close()

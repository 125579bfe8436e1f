"""Issue 15's end-to-end test, as its "Done when" says: a case comes back `review`; the webhook receiver (a real
local HTTP server) gets nothing yet; a reviewer claims it in the browser, a second reviewer does not see it
offered, the first approves; the receiver gets exactly one signed event with the final decision `pass`;
GET /v1/cases/<id> agrees; the audit chain verifies; editing one audit row by hand makes `audit verify` fail
naming that entry, and deleting the last entries makes `audit verify --head` fail."""

import json
import sqlite3
import time
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet
from werkzeug.security import generate_password_hash

from tests.conftest import TEST_SETTINGS
from tests.fakes import CHROMIUM, FRONT, FakeOcr, FakeRegistry, LiveServer, WebhookReceiver, jpeg, shot, wait_for
from verify_service import create_app
from verify_service.__main__ import main
from verify_service.http.auth import key_hash
from verify_service.webhooks import sign

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")]

LENDER = "l" * 24 + "-lender"
SECRET = "whsec_" + "e" * 32
PASSWORDS = {"alice": "alice password 123", "bob": "bob password 4567"}


def sign_in(browser, url, name):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(url + "/review")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("button[type=submit]")
    page.wait_for_url(url + "/review")
    return context, page


def test_review_loop_end_to_end(browser, tmp_path, monkeypatch, capsys):
    receiver = WebhookReceiver(SECRET)
    keys, reviewers = tmp_path / "api-keys", tmp_path / "reviewers"
    keys.write_text(f"lender-a:{key_hash(LENDER)}\n")
    reviewers.write_text("".join(f"{n}:{generate_password_hash(p)}\n" for n, p in PASSWORDS.items()))
    store_path, store_key = tmp_path / "cases.sqlite3", Fernet.generate_key().decode()
    app = create_app(dict(TEST_SETTINGS, review_store=True, store_path=store_path, store_key=store_key,
                          api_keys_file=keys, secret_key="s" * 40, reviewers_file=reviewers, host="0.0.0.0",
                          webhook_url=receiver.url, webhook_secret=SECRET, webhook_poll=0.1),
                     registry=FakeRegistry(ocr=FakeOcr(FRONT)))
    server = LiveServer(app)
    contexts = []
    try:
        # A lender's verification comes back `review` (the declared name differs from the card).
        r = requests.post(server.url + "/v1/verify", headers={"X-API-Key": LENDER}, timeout=30, files={
            "id_front": ("f.jpg", jpeg(640, 400)), "selfie": ("s.jpg", jpeg(480, 640)),
            "application": (None, json.dumps({"name": "王五"}))})
        assert r.status_code == 200 and r.json()["decision"] == "review"
        case_id = r.json()["request_id"]
        time.sleep(1.0)
        assert receiver.requests == []  # nothing final yet, nothing sent

        # alice claims it in the browser.
        alice_context, alice = sign_in(browser, server.url, "alice")
        contexts.append(alice_context)
        row = alice.locator(f"#cases tr[data-request-id='{case_id}']")
        assert "awaiting review" in row.inner_text() and "APPLICATION_MISMATCH" in row.inner_text()
        assert alice.locator("#counts [data-state=awaiting_review] b").inner_text() == "1"
        shot(alice, "review-queue")
        row.locator("form.claim button").click()
        alice.wait_for_url(f"{server.url}/review/cases/{case_id}")
        assert "in review" in alice.inner_text("#review-state") and "alice" in alice.inner_text("#review-state")

        # bob is not offered it: not in his queue, nothing for "claim next", no decision form on its page.
        bob_context, bob = sign_in(browser, server.url, "bob")
        contexts.append(bob_context)
        assert bob.locator(f"#cases tr[data-request-id='{case_id}']").count() == 0
        assert bob.locator("#cases .empty").is_visible()
        assert bob.locator("#counts [data-state=in_review] b").inner_text() == "1"
        bob.click("#claim-next button")
        bob.wait_for_selector(".flash")
        assert "nothing to claim" in bob.inner_text(".flash")
        bob.goto(f"{server.url}/review/cases/{case_id}")
        assert bob.locator("#decide").count() == 0 and bob.locator("#claim").count() == 0
        assert "alice" in bob.inner_text("#review-state")

        # alice approves.
        alice.check("#decide input[value=approve]")
        alice.select_option("#decide select[name=reason_code]", "IDENTITY_CONFIRMED")
        alice.fill("#decide textarea[name=note]", "called the applicant: the application had a typo")
        alice.click("#decide button[type=submit]")
        alice.wait_for_selector("#review-decision")
        assert "approve" in alice.inner_text("#review-decision")

        # The receiver gets exactly one signed event, with the final decision pass.
        store = app.extensions["verify_store"]
        wait_for(lambda: store.events(case_id) and store.events(case_id)[0]["status"] == "delivered",
                 what="the event's delivery")
        time.sleep(0.5)
        (request,) = receiver.requests
        assert request["valid"] and request["status"] == 200
        headers = request["headers"]
        assert headers["X-Verify-Signature"] == sign(SECRET, int(headers["X-Verify-Timestamp"]), request["body"])
        event = request["event"]
        assert (event["type"], event["case"]["case_id"], event["case"]["decision"]) == ("case.reviewed", case_id,
                                                                                        "pass")
        assert headers["X-Verify-Event-Id"] == event["id"] and list(receiver.processed) == [event["id"]]
        alice.reload()
        assert event["id"] in alice.inner_text("#deliveries") and "delivered" in alice.inner_text("#deliveries")
        shot(alice, "review-case-decided")

        # GET /v1/cases/<id> agrees.
        case = requests.get(f"{server.url}/v1/cases/{case_id}", headers={"X-API-Key": LENDER}, timeout=10).json()
        assert (case["state"], case["decision"], case["machine_decision"]["decision"]) == ("reviewed", "pass",
                                                                                         "review")
        assert (case["review"]["decision"], case["review"]["reviewer"],
                case["review"]["reason_code"]) == ("approve", "alice", "IDENTITY_CONFIRMED")
        assert event["case"]["review"] == case["review"]
    finally:
        for context in contexts:
            context.close()
        server.close()
        app.extensions["verify_webhooks"].stop()
        receiver.down()
        app.extensions["verify_store"].close()

    # The audit chain verifies.
    for name, value in {"STORE_PATH": str(store_path), "STORE_KEY": store_key, "API_KEYS_FILE": str(keys),
                        "HOST": "0.0.0.0"}.items():
        monkeypatch.setenv(f"VERIFY_{name}", value)
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 4 entries")  # bob's "claim next" found nothing and changed nothing
    assert main(["audit", "head"]) == 0
    head = capsys.readouterr().out.strip()
    with sqlite3.connect(store_path) as db:
        actions = [a for (a,) in db.execute("SELECT action FROM audit ORDER BY seq")]
    db.close()
    assert actions == ["machine_decision", "claim", "review_decision", "webhook_delivery"]

    # Editing one audit row by hand: `audit verify` fails naming that entry.
    with sqlite3.connect(store_path) as db:
        (original,) = db.execute("SELECT details FROM audit WHERE seq = 3").fetchone()
        db.execute("UPDATE audit SET details = ? WHERE seq = 3", (original.replace("approve", "reject"),))
    db.close()
    assert main(["audit", "verify"]) == 1
    assert "FAILED at entry 3: entry 3 was altered" in capsys.readouterr().err
    with sqlite3.connect(store_path) as db:
        db.execute("UPDATE audit SET details = ? WHERE seq = 3", (original,))
        seq = db.execute("SELECT max(seq) FROM audit").fetchone()[0]
        # Deleting the last entries (and setting the store's own head row to match, as someone covering their
        # tracks would): only the head kept outside tells.
        db.execute("DELETE FROM audit WHERE seq > ?", (seq - 2,))
        db.execute("UPDATE audit_head SET seq = ?, hash = (SELECT hash FROM audit WHERE seq = ?)", (seq - 2, seq - 2))
    db.close()
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()
    assert main(["audit", "verify", "--head", head]) == 1
    assert f"entries {seq - 1} to {seq} (at least) were removed" in capsys.readouterr().err

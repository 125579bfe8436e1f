"""Webhooks against a real HTTP receiver on loopback: signed events for final decisions, per-key and default
targets, retries with backoff while the receiver is down, delivery after a restart of the service, exactly once
per event id at a receiver that drops repeats, never blocking a request."""

import datetime as dt
import io
import json
import multiprocessing
import time

import jsonschema
import pytest
from cryptography.fernet import Fernet

from tests.conftest import TEST_SETTINGS
from tests.fakes import FRONT, FakeOcr, FakeRegistry, WebhookReceiver, jpeg, wait_for
from verify_service import create_app
from verify_service.config import Settings
from verify_service.errors import ConfigError
from verify_service.http.auth import key_hash
from verify_service.http.openapi import SCHEMAS
from verify_service.store import audit
from verify_service.store.cases import CaseStore
from verify_service.webhooks import Backoff, Dispatcher, Target, Targets, sign

SECRET = "whsec_" + "s" * 32
LENDER_A, LENDER_B = "a" * 20 + "-lender", "b" * 20 + "-lender"
FAST = {"webhook_retry_base": 0.2, "webhook_retry_max": 0.5, "webhook_poll": 0.1}


def settings(tmp_path, url, key=None, **extra):
    return dict(TEST_SETTINGS, review_store=True, store_path=tmp_path / "cases.sqlite3", webhook_url=url,
                webhook_secret=SECRET, store_key=key or (tmp_path / "store.key").read_text(), **{**FAST, **extra})


@pytest.fixture
def store_key(tmp_path):
    (tmp_path / "store.key").write_text(Fernet.generate_key().decode())


def make_app(tmp_path, url, **extra):
    return create_app(settings(tmp_path, url, **extra), registry=FakeRegistry(ocr=FakeOcr(FRONT)))


def verify(client, name=None, headers=None):
    data = {"id_front": (io.BytesIO(jpeg(640, 400)), "f.jpg"), "selfie": (io.BytesIO(jpeg(480, 640)), "s.jpg")}
    if name:
        data["application"] = f'{{"name": "{name}"}}'
    r = client.post("/v1/verify", data=data, headers=headers or {})
    assert r.status_code == 200, r.json
    return r.json


def stop(app):
    app.extensions["verify_webhooks"].stop()


def test_a_machine_decision_is_sent_signed_and_once(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    app = make_app(tmp_path, receiver.url)
    try:
        sent = verify(app.test_client(), headers={"X-Request-ID": "loan-000777"})
        wait_for(lambda: receiver.processed, what="the event")
        time.sleep(0.5)  # nothing more comes
        (request,) = receiver.requests
        event = request["event"]
        assert request["valid"] and request["headers"]["X-Verify-Event-Id"] == event["id"]
        assert request["headers"]["X-Verify-Signature"] == sign(SECRET, int(request["headers"]["X-Verify-Timestamp"]),
                                                                  request["body"])
        jsonschema.Draft202012Validator({"$ref": "#/components/schemas/WebhookEvent",
                                         "components": {"schemas": SCHEMAS}}).validate(event)
        assert event["type"] == "case.decided" and event["case"]["case_id"] == sent["request_id"]
        assert (event["case"]["decision"], event["case"]["state"]) == ("pass", "decided")
        assert event["case"]["client_request_id"] == "loan-000777"
        assert "董兰" not in request["body"].decode() and "330106198311020751" not in request["body"].decode()
        store = app.extensions["verify_store"]
        (record,) = store.events(sent["request_id"])
        assert record["status"] == "delivered" and [d["status_code"] for d in record["deliveries"]] == [200]
        page = app.test_client().get(f"/review/cases/{sent['request_id']}").get_data(as_text=True)
        assert event["id"] in page and "delivered" in page  # the case page shows the attempts
    finally:
        stop(app)
        receiver.down()


def test_a_review_sends_nothing_until_the_reviewer_decides(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    app = make_app(tmp_path, receiver.url)
    try:
        case_id = verify(app.test_client(), name="王五")["request_id"]
        time.sleep(0.5)
        assert receiver.requests == []
        store = app.extensions["verify_store"]
        assert store.claim(case_id, "alice")
        time.sleep(0.3)
        assert receiver.requests == []  # a claim is no decision
        assert store.record_review(case_id, "request_more", "NEW_SELFIE_NEEDED", "", "alice")
        wait_for(lambda: len(receiver.processed) == 1, what="the request_more event")
        (event,) = receiver.processed.values()
        assert (event["type"], event["case"]["decision"], event["case"]["state"]) == ("case.reviewed", "review",
                                                                                     "needs_more")
        assert event["case"]["review"]["reason_code"] == "NEW_SELFIE_NEEDED" and "note" not in event["case"]["review"]
    finally:
        stop(app)
        receiver.down()


def test_a_slow_receiver_never_holds_up_a_request(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    receiver.delay = 2.0
    app = make_app(tmp_path, receiver.url)
    try:
        client = app.test_client()
        verify(client)  # its event is being delivered, slowly
        started = time.perf_counter()
        verify(client)
        assert time.perf_counter() - started < 1.5
        wait_for(lambda: len(receiver.processed) == 2, timeout=20, what="both events")
    finally:
        stop(app)
        receiver.down()


def test_per_key_webhooks_and_the_default(tmp_path, store_key):
    a, default = WebhookReceiver("a-secret-" + "x" * 20), WebhookReceiver(SECRET)
    keys = tmp_path / "keys"
    keys.write_text(f"lender-a:{key_hash(LENDER_A)}\nlender-b:{key_hash(LENDER_B)}\n")
    hooks = tmp_path / "webhooks"
    hooks.write_text(f"# lender A's own receiver\nlender-a {a.url} {a.secret}\n")
    reviewers = tmp_path / "reviewers"
    from werkzeug.security import generate_password_hash

    reviewers.write_text(f"alice:{generate_password_hash('correct horse battery')}\n")
    app = make_app(tmp_path, default.url, api_keys_file=keys, webhooks_file=hooks, secret_key="s" * 40,
                   reviewers_file=reviewers, host="0.0.0.0")
    try:
        client = app.test_client()
        from_a = verify(client, headers={"X-API-Key": LENDER_A})["request_id"]
        from_b = verify(client, headers={"X-API-Key": LENDER_B})["request_id"]
        wait_for(lambda: len(a.processed) == 1 and len(default.processed) == 1, what="one event each")
        assert [(e["case"]["case_id"], e["key"]) for e in a.processed.values()] == [(from_a, "lender-a")]
        assert [(e["case"]["case_id"], e["key"]) for e in default.processed.values()] == [(from_b, "lender-b")]
        assert LENDER_A not in str(a.requests) and LENDER_B not in str(default.requests)  # names, never secrets
        assert all(r["valid"] for r in a.requests + default.requests)  # each signed with its own secret
    finally:
        stop(app)
        a.down()
        default.down()


@pytest.mark.parametrize("line, message", [
    ("lender-x http://127.0.0.1/h " + "s" * 20, "'lender-x' is not the name of an API key"),
    ("lender-a ftp://127.0.0.1/h " + "s" * 20, "http"),
    ("lender-a http://127.0.0.1/h short", "at least 16"),
    ("lender-a http://127.0.0.1/h", "expected `key-name url secret`"),
])
def test_a_bad_webhooks_file_stops_start_up(tmp_path, line, message):
    hooks = tmp_path / "webhooks"
    hooks.write_text(line + "\n")
    with pytest.raises(ConfigError, match=message):
        Targets.from_settings(Settings.load({"webhooks_file": hooks}, environ={}), {"lender-a"})
    with pytest.raises(ConfigError, match="go together"):
        Targets.from_settings(Settings.load({"webhook_url": "http://127.0.0.1/h"}, environ={}), set())


def test_backoff_doubles_with_jitter_up_to_its_cap_and_gives_up():
    backoff = Backoff(base=10, cap=3600, give_up=dt.timedelta(hours=72))
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    created = now.isoformat()
    for attempts, full in [(1, 10), (2, 20), (3, 40), (9, 2560), (10, 3600), (30, 3600)]:
        delays = {(backoff.next_attempt(attempts, created, now) - now).total_seconds() for _ in range(50)}
        assert all(full / 2 <= d <= full for d in delays) and len(delays) > 1, attempts  # jittered, never 0
    assert backoff.next_attempt(5, (now - dt.timedelta(hours=72)).isoformat(), now) is None


def test_an_event_is_given_up_after_its_time_and_the_attempts_are_audited(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    receiver.status = 503
    app = make_app(tmp_path, receiver.url, webhook_give_up_hours=2 / 3600)  # two seconds
    try:
        case_id = verify(app.test_client())["request_id"]
        store = app.extensions["verify_store"]
        wait_for(lambda: store.events(case_id)[0]["status"] == "failed", what="the event to be given up")
        (record,) = store.events(case_id)
        assert all(d["status_code"] == 503 and d["error"] == "HTTP 503" for d in record["deliveries"])
        entries = [e for e in audit.entries(store.engine) if e.action == "webhook_delivery"]
        assert len(entries) == len(record["deliveries"]) >= 1  # retried until two seconds old (fewer under load)
        assert [e.details["outcome"] for e in entries] == ["pending"] * (len(entries) - 1) + ["failed"]
    finally:
        stop(app)
        receiver.down()


def first_service(store_path: str, store_key: str, url: str, count: int, done) -> None:
    """The service before the restart, in a process of its own: it keeps `count` cases while the receiver is down,
    tries each event at least twice, and stops."""
    from tests.conftest import TEST_SETTINGS
    from tests.fakes import FRONT, FakeOcr, FakeRegistry
    from verify_service import create_app

    app = create_app(dict(TEST_SETTINGS, review_store=True, store_path=store_path, store_key=store_key,
                          webhook_url=url, webhook_secret=SECRET, **FAST), registry=FakeRegistry(ocr=FakeOcr(FRONT)))
    client = app.test_client()
    ids = [verify(client)["request_id"] for _ in range(count)]
    store = app.extensions["verify_store"]
    wait_for(lambda: all(len(e["deliveries"]) >= 2 for i in ids for e in store.events(i)), what="two attempts")
    app.extensions["verify_webhooks"].stop()
    store.close()
    done.put(ids)


def test_events_wait_out_a_receiver_outage_and_a_restart_and_arrive_once(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    url = receiver.url
    receiver.down()  # the lender's receiver is down from the start
    context = multiprocessing.get_context("spawn")
    done = context.Queue()
    child = context.Process(target=first_service, args=(str(tmp_path / "cases.sqlite3"),
                                                        (tmp_path / "store.key").read_text(), url, 3, done))
    child.start()
    ids = done.get(timeout=60)
    child.join(30)
    assert child.exitcode == 0
    assert receiver.requests == []
    receiver.up()  # back on the same port
    app = make_app(tmp_path, url)  # the service after the restart, on the same store
    try:
        store = app.extensions["verify_store"]
        wait_for(lambda: len(receiver.processed) == 3, timeout=20, what="the three events")
        time.sleep(1.0)  # time for any repeat to arrive
        events = [e for i in ids for e in store.events(i)]
        assert sorted(receiver.processed) == sorted(e["event_id"] for e in events)
        assert sorted(receiver.delivered()) == sorted(receiver.processed)  # each arrived once, not merely once kept
        for event in events:
            assert event["status"] == "delivered" and len(event["deliveries"]) >= 3
            assert [d["status_code"] for d in event["deliveries"]][-1] == 200
            assert all(d["error"] == "ConnectionError" for d in event["deliveries"][:-1])
        assert {e["case"]["case_id"] for e in receiver.processed.values()} == set(ids)
        assert audit.verify(store.engine).ok
    finally:
        stop(app)
        receiver.down()


def test_two_workers_on_one_store_send_each_event_once(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    receiver.delay = 0.2
    apps = [make_app(tmp_path, receiver.url) for _ in range(2)]  # two gunicorn workers: one file, two threads
    try:
        client = apps[0].test_client()
        ids = [verify(client)["request_id"] for _ in range(6)]
        wait_for(lambda: len(receiver.processed) == 6, timeout=30, what="six events")
        time.sleep(0.5)
        assert len(receiver.delivered()) == 6 and {e["case"]["case_id"] for e in receiver.processed.values()} == set(ids)
        body = json.loads(receiver.requests[0]["body"])
        assert body["id"].startswith("evt_")
    finally:
        for app in apps:
            stop(app)
        receiver.down()


def test_a_stopping_worker_gives_back_the_events_it_leased(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    receiver.down()
    app = make_app(tmp_path, receiver.url, webhook_poll=30)
    dispatcher = app.extensions["verify_webhooks"]
    dispatcher.stop()  # this worker's thread is gone; its leases are what matters here
    try:
        client = app.test_client()
        for _ in range(3):
            verify(client)
        store = app.extensions["verify_store"]
        leased = store.due_events(dispatcher.worker, 10, 60)
        assert len(leased) == 3 and store.due_events("another", 10, 60) == []
        assert store.release_leases(dispatcher.worker) == 3
        assert len(store.due_events("another", 10, 60)) == 3  # at once, not after the 60 s lease
    finally:
        receiver.down()


def test_events_carry_reason_codes_and_explanations_never_messages_and_no_key_for_loopback_cases(tmp_path,
                                                                                                 store_key):
    receiver = WebhookReceiver(SECRET)
    app = make_app(tmp_path, receiver.url)
    try:
        store = app.extensions["verify_store"]
        message = "出生日期 1983-11-02 (330106198311020751) 不符; 有效期至 2031.05.20; 月收入 12345.67"
        store.save("c" * 32, {"decision": "reject", "reasons": [{"code": "APPLICATION_MISMATCH", "message": message}]},
                   {})
        wait_for(lambda: receiver.processed, what="the event")
        (request,) = receiver.requests
        jsonschema.Draft202012Validator({"$ref": "#/components/schemas/WebhookEvent",
                                         "components": {"schemas": SCHEMAS}}).validate(request["event"])
        body = request["body"].decode()
        for digits in ("1983", "1102", "19831102", "2031", "12345"):
            assert digits not in body, digits
        (reason,) = request["event"]["case"]["machine_decision"]["reasons"]
        assert set(reason) == {"code", "explanation"}
        assert request["event"]["key"] is None and request["event"]["case"]["version"] == 1  # no API key: loopback
        got = app.test_client().get("/v1/cases/" + "c" * 32)
        assert got.status_code == 200 and "1983" not in got.get_data(as_text=True)
    finally:
        stop(app)
        receiver.down()


def test_a_receiver_slower_than_the_lease_never_gets_one_event_twice_at_once_and_every_attempt_is_recorded(
        tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    receiver.delay = 2.5  # each answer takes longer than the lease of a batch (1 s)
    key = (tmp_path / "store.key").read_text().encode()
    stores = [CaseStore(tmp_path / "cases.sqlite3", key, wants_events=lambda owner: True) for _ in range(2)]
    for i in range(4):
        stores[0].save(f"case{i:02d}", {"decision": "pass", "reasons": []}, {})
    targets = Targets({}, Target(receiver.url, SECRET))
    backoff = Backoff(0.2, 0.5, dt.timedelta(hours=1))
    # Two workers (two gunicorn processes) on one store, each with a short lease.
    workers = [Dispatcher(store, targets, backoff, timeout=5.0, poll=0.1, lease_seconds=1.0) for store in stores]
    for worker in workers:
        worker.start()
    try:
        wait_for(lambda: stores[0].pending_events() == 0, timeout=60, what="every event delivered")
        time.sleep(0.5)
        assert len(receiver.processed) == 4
        assert max(receiver.most_at_once.values()) == 1  # never one event sent twice at the same time
        ids = [f"case{i:02d}" for i in range(4)]
        recorded = [d for i in ids for e in stores[0].events(i) for d in e["deliveries"]]
        audited = [e for e in audit.entries(stores[0].engine) if e.action == "webhook_delivery"]
        assert len(recorded) == len(audited) == len(receiver.requests)  # every attempt made is recorded
        assert audit.verify(stores[0].engine).ok
    finally:
        for worker in workers:
            worker.stop()
        for store in stores:
            store.close()
        receiver.down()


def test_a_trickling_receiver_is_cut_off_at_the_attempts_deadline(tmp_path, store_key):
    receiver = WebhookReceiver(SECRET)
    receiver.trickle = (200, 0.05)  # a byte every 50 ms: no read ever times out, the answer takes 10 s
    key = (tmp_path / "store.key").read_text().encode()
    store = CaseStore(tmp_path / "cases.sqlite3", key, wants_events=lambda owner: True)
    store.save("c" * 32, {"decision": "pass", "reasons": []}, {})
    worker = Dispatcher(store, Targets({}, Target(receiver.url, SECRET)), Backoff(0.2, 0.5, dt.timedelta(hours=1)),
                        timeout=1.0)  # connect 1 s + read 1 s: no attempt takes more than 2 s
    try:
        started = time.monotonic()
        assert worker.deliver_due() == 1
        assert time.monotonic() - started < 4.0
        (event,) = store.events("c" * 32)
        assert event["status"] == "delivered" and [d["status_code"] for d in event["deliveries"]] == [200]
    finally:
        worker.stop()
        store.close()
        receiver.down()

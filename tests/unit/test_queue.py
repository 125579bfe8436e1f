"""The review queue, claims, reviewer decisions, the outbox and the audit chain in the store, on SQLite and on
PostgreSQL (every test takes `open_store`), and concurrent claimers and delivery workers in two processes."""

import datetime as dt
import itertools
import json
import multiprocessing
import time

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text, update

from verify_service.__main__ import main
from verify_service.store import audit
from verify_service.store.cases import AlreadyReviewed, Filters, ReviewConflict
from verify_service.store.schema import audit as audit_table

NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
KEY = Fernet.generate_key()


def result(decision="review", codes=("FACE_UNCERTAIN",)):
    return {"decision": decision, "reasons": [{"code": c, "message": "m"} for c in codes],
            "id_card": {"front": {"fields": {"name": {"value": "欧阳娜娜", "confidence": 1.0}}}}}


def minutes(n):
    return NOW + dt.timedelta(minutes=n)


@pytest.fixture
def store(open_store):
    return open_store(KEY, claim_minutes=30, retention_days=3650)


def test_the_queue_is_oldest_first_with_counts_filters_search_and_cursor_pages(store):
    for i in range(7):
        store.save(f"r{i}", result(codes=("LOW_QUALITY",) if i % 2 else ("FACE_UNCERTAIN",)), {}, now=minutes(i))
    store.save("p0", result("pass", ()), {}, now=minutes(10))
    store.save("x0", result("reject", ("FACE_MISMATCH",)), {}, now=minutes(11))
    assert store.counts(now=minutes(20)) == {"decided": 2, "awaiting_review": 7, "in_review": 0, "needs_more": 0,
                                             "reviewed": 0}
    first = store.page(Filters(), limit=3, now=minutes(20))
    assert [c.request_id for c in first.items] == ["r0", "r1", "r2"] and first.next_cursor
    second = store.page(Filters(), cursor=first.next_cursor, limit=3, now=minutes(20))
    third = store.page(Filters(), cursor=second.next_cursor, limit=3, now=minutes(20))
    assert [c.request_id for c in second.items + third.items] == ["r3", "r4", "r5", "r6"]
    assert third.next_cursor is None
    assert [c.request_id for c in store.page(Filters(reason_code="LOW_QUALITY"), now=minutes(20)).items] == [
        "r1", "r3", "r5"]
    assert [c.request_id for c in store.page(Filters(state=None, decision="reject")).items] == ["x0"]
    assert [c.request_id for c in store.page(Filters(state=None), limit=2).items] == ["x0", "p0"]  # newest first
    assert [c.request_id for c in store.page(Filters(search="R4")).items] == ["r4"]
    assert store.page(Filters(search="r%")).items == []  # no LIKE wildcards from the search box
    day = NOW.date()
    assert len(store.page(Filters(state=None, created_from=day, created_to=day)).items) == 9
    assert store.page(Filters(state=None, created_from=day + dt.timedelta(days=1))).items == []
    with pytest.raises(ValueError):
        store.page(Filters(), cursor="not-a-cursor")


def test_a_claimed_case_is_offered_to_nobody_else_until_released_or_expired(store):
    store.save("r1", result(), {}, now=NOW)
    store.save("r2", result(), {}, now=minutes(1))
    assert store.claim_next("alice", now=minutes(2)) == "r1"
    assert not store.claim("r1", "bob", now=minutes(3))  # alice holds it
    assert [c.request_id for c in store.page(now=minutes(3)).items] == ["r2"]  # bob is not offered r1
    mine = store.page(Filters(state="in_review", claimed_by="alice"), now=minutes(3)).items
    assert [(c.request_id, c.claimed_by) for c in mine] == [("r1", "alice")]
    assert store.claim_next("bob", now=minutes(3)) == "r2"
    assert store.claim_next("carol", now=minutes(3)) is None
    assert store.counts(now=minutes(3))["in_review"] == 2
    assert store.claim("r1", "alice", now=minutes(20))  # alice extends her own claim
    assert not store.release("r1", "bob", now=minutes(21)) and store.release("r1", "alice", now=minutes(21))
    assert store.get("r1", now=minutes(21))["effective_state"] == "awaiting_review"
    # bob's claim on r2 ran out after 30 minutes: r2 is offered again, and carol may take it
    assert store.get("r2", now=minutes(34))["effective_state"] == "awaiting_review"
    assert store.claim_next("carol", Filters(), now=minutes(34)) == "r1"
    assert store.claim_next("carol", Filters(), now=minutes(34)) == "r2"
    with pytest.raises(ReviewConflict, match="claimed by carol"):
        store.record_review("r2", "approve", "IDENTITY_CONFIRMED", "", "bob", now=minutes(35))


def test_reviewer_decisions_need_the_claim_and_a_reason_code_that_goes_with_them(store):
    store.save("r1", result(), {}, now=NOW)
    with pytest.raises(ReviewConflict, match="claim the case"):
        store.record_review("r1", "approve", "IDENTITY_CONFIRMED", "", "alice", now=NOW)
    assert store.claim("r1", "alice", now=NOW)
    for decision, code, note, message in [("approve", "FACE_NOT_SAME_PERSON", "", "does not go with approve"),
                                          ("reject", "NOPE", "", "unknown reason code"),
                                          ("reject", "OTHER", "  ", "OTHER needs a note")]:
        with pytest.raises(ReviewConflict, match=message):
            store.record_review("r1", decision, code, note, "alice", now=NOW)
    assert store.record_review("r1", "reject", "OTHER", "signature differs", "alice", now=minutes(1))
    found = store.get("r1", now=minutes(1))
    assert (found["state"], found["claim"], found["review"]["reason_code"]) == ("reviewed", None, "OTHER")
    doc = store.document("r1", None, now=minutes(1))
    assert (doc["state"], doc["decision"]) == ("reviewed", "reject")
    with pytest.raises(ReviewConflict):  # the claim ended with the decision
        store.record_review("r1", "approve", "IDENTITY_CONFIRMED", "", "alice", now=minutes(2))


def test_final_decisions_queue_events_for_owners_with_a_webhook_and_leases_share_them_out(open_store):
    store = open_store(KEY, wants_events=lambda owner: owner != "quiet")
    store.save("p1", result("pass", ()), {}, now=NOW, owner="lender-a")
    store.save("q1", result("pass", ()), {}, now=NOW, owner="quiet")
    store.save("r1", result(), {}, now=NOW, owner="lender-a")  # a review: no event yet
    first = store.due_events("w1", 10, 60, now=minutes(1))
    assert [e.request_id for e in first] == ["p1"] and store.due_events("w2", 10, 60, now=minutes(1)) == []
    assert store.due_events("w2", 10, 60, now=minutes(1) + dt.timedelta(seconds=59)) == []  # w1's 60 s lease
    again = store.due_events("w2", 10, 60, now=minutes(3))  # w1 died: its lease ran out
    assert [e.event_id for e in again] == [first[0].event_id]
    # w1 was only slow: its late attempt is recorded (a delivery row, an audit entry) but leaves the event to w2
    assert store.record_attempt(first[0], "w1", "http://x", None, "ConnectionError", 5, minutes(4),
                                now=minutes(3)) == "pending"
    assert not store.renew_lease(first[0], "w1", 60, now=minutes(3))  # and w1 may not send it again
    assert store.record_attempt(again[0], "w2", "http://x", None, "ConnectionError", 5, minutes(4),
                                now=minutes(3)) == "pending"
    (retry,) = store.due_events("w2", 10, 60, now=minutes(4))
    assert retry.attempts == 2
    assert store.renew_lease(retry, "w2", 60, now=minutes(4))
    assert store.record_attempt(retry, "w2", "http://x", 200, None, 5, None, now=minutes(4)) == "delivered"
    assert store.pending_events() == 0 and not store.renew_lease(retry, "w2", 60, now=minutes(4))
    (record,) = store.events("p1")
    assert [(d["attempt"], d["error"]) for d in record["deliveries"]] == [(1, "ConnectionError"),
                                                                        (2, "ConnectionError"), (3, None)]
    outcomes = [e.details["outcome"] for e in audit.entries(store.engine) if e.action == "webhook_delivery"]
    assert outcomes == ["superseded", "pending", "delivered"]


def test_the_audit_chain_verifies_and_names_the_entry_that_was_altered(store):
    store.save("r1", result("reject", ("FACE_MISMATCH",)), {}, now=NOW, owner="lender-a")
    store.request_review("r1", "lender-a", "lender-a", now=minutes(1))
    store.claim("r1", "alice", now=minutes(2))
    store.record_review("r1", "approve", "IDENTITY_CONFIRMED", "电话核实", "alice", now=minutes(3))
    store.delete("r1", owner="lender-a", actor="lender-a", now=minutes(4))
    chain = list(audit.entries(store.engine))
    assert [e.action for e in chain] == ["machine_decision", "review_request", "claim", "review_decision", "deletion"]
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5] and chain[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(chain))
    assert chain[3].details == {"decision": "approve", "reason_code": "IDENTITY_CONFIRMED", "note": True,
                                "state": "reviewed"}
    assert "欧阳娜娜" not in str([e.to_dict() for e in chain]) and "电话核实" not in str([e.to_dict() for e in chain])
    head = audit.head(store.engine)
    assert head == (5, chain[-1].hash) and audit.verify(store.engine, head).ok
    with store.engine.begin() as conn:  # someone with the database turns the approval into a rejection
        conn.execute(update(audit_table).where(audit_table.c.seq == 4).values(
            details=audit.canonical({**chain[3].details, "decision": "reject"})))
    verdict = audit.verify(store.engine)
    assert not verdict.ok and verdict.bad_seq == 4 and "entry 4 was altered" in verdict.problem
    with store.engine.begin() as conn:  # ... and rewrites its hash too: the next entry still names it
        row = conn.execute(text("SELECT seq, at, action, request_id, actor, details, prev_hash FROM audit "
                                "WHERE seq = 4")).one()
        conn.execute(update(audit_table).where(audit_table.c.seq == 4).values(hash=audit.entry_hash(*row)))
    verdict = audit.verify(store.engine)
    assert verdict.bad_seq == 4 and "entry 5 holds another hash" in verdict.problem


def test_removing_the_last_entries_is_found_with_the_head_kept_outside(store):
    for i in range(4):
        store.save(f"r{i}", result(), {}, now=minutes(i))
    kept = audit.head(store.engine)
    with store.engine.begin() as conn:  # the last two entries removed, the head row put back to match
        conn.execute(text("DELETE FROM audit WHERE seq > 2"))
        conn.execute(text("UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit WHERE seq = 2)"))
    assert audit.verify(store.engine).ok  # the shortened chain is consistent in itself ...
    verdict = audit.verify(store.engine, kept)  # ... but no longer reaches the head kept outside
    assert not verdict.ok and "entries 3 to 4 (at least) were removed" in verdict.problem


def test_audit_commands(store, store_location, monkeypatch, capsys, tmp_path):
    store.save("r1", result(), {}, now=NOW)
    store.save("r2", result("pass", ()), {}, now=NOW)
    where = {"STORE_URL": store_location} if isinstance(store_location, str) else {"STORE_PATH": str(store_location)}
    for name, value in where.items():  # no store key: the audit trail holds nothing sealed
        monkeypatch.setenv(f"VERIFY_{name}", value)
    assert main(["audit", "head"]) == 0
    head = capsys.readouterr().out.strip()
    assert head == "{}:{}".format(*audit.head(store.engine))
    assert main(["audit", "verify", "--head", head]) == 0 and "ok: 2 entries" in capsys.readouterr().out
    assert main(["audit", "export", "--out", str(tmp_path / "audit.jsonl")]) == 0
    lines = (tmp_path / "audit.jsonl").read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2]
    assert main(["audit", "verify", "--head", "nonsense"]) == 2
    assert main(["audit", "verify", "--head", "9:" + "0" * 64]) == 1
    assert "entries 3 to 9 (at least) were removed" in capsys.readouterr().err


def test_appends_from_many_threads_keep_one_chain(open_store):
    from concurrent.futures import ThreadPoolExecutor

    workers = [open_store(KEY) for _ in range(3)]
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda i: workers[i % 3].save(f"r{i}", result(), {}), range(24)))
    verdict = audit.verify(workers[0].engine)
    assert verdict.ok and verdict.count == 24


def claimer(location, key: bytes, reviewer: str, start, out) -> None:
    """One reviewer's process: claim the next case until the queue is empty; report what it got."""
    from verify_service.store.cases import CaseStore

    store = CaseStore(location, key)
    start.wait(60)  # a barrier: both processes are ready before either claims
    got = []
    while (found := store.claim_next(reviewer)) is not None:
        got.append(found)
        time.sleep(0.02)  # a moment with the case: the two processes' claims interleave even on a busy machine
    store.close()
    out.put((reviewer, got))


def test_two_processes_claiming_at_once_never_get_one_case_twice(open_store, store_location):
    store = open_store(KEY)
    cases = [f"c{i:03d}" for i in range(60)]
    for i, request_id in enumerate(cases):
        store.save(request_id, result(), {}, now=NOW + dt.timedelta(seconds=i))
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(2), context.Queue()
    processes = [context.Process(target=claimer, args=(store_location, KEY, name, start, out))
                 for name in ("alice", "bob")]
    for p in processes:
        p.start()
    got = dict(out.get(timeout=120) for _ in processes)
    for p in processes:
        p.join(30)
        assert p.exitcode == 0
    assert not set(got["alice"]) & set(got["bob"])  # never one case twice
    assert sorted(got["alice"] + got["bob"]) == cases  # and every case once
    assert got["alice"] and got["bob"]  # both took part
    claims = [e for e in audit.entries(store.engine) if e.action == "claim"]
    assert len(claims) == 60 and audit.verify(store.engine).ok


def deliverer(location, key: bytes, worker: str, start, out) -> None:
    """One delivery worker's process: lease due events until none is left, 'delivering' each."""
    from verify_service.store.cases import CaseStore

    store = CaseStore(location, key)
    start.wait(60)
    sent = []
    while events := store.due_events(worker, 3, 60):
        for event in events:
            sent.append(event.event_id)
            store.record_attempt(event, worker, "http://receiver", 200, None, 1, None)
    store.close()
    out.put(sent)


def test_two_delivery_processes_never_send_one_event_twice(open_store, store_location):
    store = open_store(KEY, wants_events=lambda owner: True)
    for i in range(40):
        store.save(f"p{i:03d}", result("pass", ()), {}, now=NOW)
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(2), context.Queue()
    processes = [context.Process(target=deliverer, args=(store_location, KEY, f"w{i}", start, out)) for i in range(2)]
    for p in processes:
        p.start()
    sent = [out.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(30)
    everything = sent[0] + sent[1]
    assert len(everything) == len(set(everything)) == 40


def payloads(store, worker="w"):
    """The bodies of the events due now, leased by `worker`."""
    return [json.loads(e.payload) for e in store.due_events(worker, 50, 60, now=minutes(60))]


def test_a_reviewed_case_is_final_and_every_change_has_a_newer_version(open_store):
    store = open_store(KEY, claim_minutes=30, wants_events=lambda owner: True)
    store.save("r1", result(), {}, now=NOW, owner="lender-a")
    assert store.document("r1", None, now=NOW)["version"] == 1
    assert store.claim("r1", "alice", now=minutes(1))
    assert store.document("r1", None, now=minutes(1))["version"] == 2
    assert store.record_review("r1", "approve", "IDENTITY_CONFIRMED", "", "alice", now=minutes(2))
    assert store.document("r1", None, now=minutes(2))["version"] == 3
    # bob may not claim it (nor claim_next it), decide it again, or send it back to the queue
    with pytest.raises(AlreadyReviewed, match="its decision is final"):
        store.claim("r1", "bob", now=minutes(3))
    assert store.claim_next("bob", now=minutes(3)) is None
    with pytest.raises(AlreadyReviewed):
        store.record_review("r1", "reject", "FACE_NOT_SAME_PERSON", "", "bob", now=minutes(4))
    with pytest.raises(AlreadyReviewed):
        store.record_review("r1", "reject", "FACE_NOT_SAME_PERSON", "", "alice", now=minutes(4))
    with pytest.raises(AlreadyReviewed):
        store.request_review("r1", "lender-a", "lender-a", now=minutes(5))
    doc = store.document("r1", None, now=minutes(6))
    assert (doc["state"], doc["decision"], doc["review"]["reviewer"], doc["version"]) == ("reviewed", "pass",
                                                                                         "alice", 3)
    (event,) = payloads(store)  # one case.reviewed, never a second, contradicting one
    assert (event["type"], event["case"]["decision"], event["case"]["version"]) == ("case.reviewed", "pass", 3)
    # a machine reject the applicant contests: the request and the review that follows each have a newer version
    store.save("x1", result("reject", ("FACE_MISMATCH",)), {}, now=NOW, owner="lender-a")
    store.request_review("x1", "lender-a", "lender-a", now=minutes(1))
    assert store.claim("x1", "bob", now=minutes(2)) and store.release("x1", "bob", now=minutes(3))
    assert store.claim("x1", "bob", now=minutes(4))
    assert store.record_review("x1", "request_more", "NEW_SELFIE_NEEDED", "", "bob", now=minutes(5))
    store.request_review("x1", "lender-a", "lender-a", now=minutes(6))  # needs_more: back to the queue
    assert store.document("x1", None, now=minutes(7))["version"] == 7
    versions = [(e["type"], e["case"]["state"], e["case"]["version"]) for e in payloads(store, "w2")]
    assert sorted(versions) == [("case.decided", "decided", 1), ("case.reviewed", "needs_more", 6)]


def test_far_dates_and_oversized_or_deeply_nested_cursors_are_refused_not_crashes(store):
    import base64

    store.save("r1", result("pass", ()), {}, now=NOW)
    assert [c.request_id for c in store.page(Filters(state=None, created_to=dt.date.max)).items] == ["r1"]
    assert store.page(Filters(state=None, created_from=dt.date.max, created_to=dt.date.max)).items == []
    deep = base64.urlsafe_b64encode(b"[" * 3000).decode()
    shallow = base64.urlsafe_b64encode(b"[" * 100).decode()  # short enough to be parsed: not a list of two
    for cursor in (deep, shallow, "A" * 201):
        with pytest.raises(ValueError, match="cursor is not one this list gave"):
            store.page(Filters(), cursor=cursor)


def test_the_audit_head_is_logged_only_after_its_transaction_commits(store, caplog):
    import logging

    from verify_service.store import db

    caplog.set_level(logging.INFO, logger="verify_service.audit")
    with pytest.raises(RuntimeError), db.writing(store.engine) as conn:
        audit.append(conn, "claim", "r1", "alice", {})
        assert not [r for r in caplog.records if "audit head" in r.getMessage()]  # not before the commit
        raise RuntimeError("forced after the append")
    assert not [r for r in caplog.records if "audit head" in r.getMessage()]  # rolled back: never logged
    assert audit.head(store.engine) == (0, audit.GENESIS)
    store.save("r1", result(), {}, now=NOW)
    (logged,) = [r.getMessage() for r in caplog.records if "audit head" in r.getMessage()]
    assert logged == "audit head {}:{}".format(*audit.head(store.engine)) and logged.startswith("audit head 1:")


def test_audit_commands_report_a_missing_or_altered_head_or_seq_as_failed(store, store_location, monkeypatch,
                                                                          capsys):
    for i in range(3):
        store.save(f"r{i}", result(), {}, now=minutes(i))
    where = {"STORE_URL": store_location} if isinstance(store_location, str) else {"STORE_PATH": str(store_location)}
    for name, value in where.items():
        monkeypatch.setenv(f"VERIFY_{name}", value)
    if not isinstance(store_location, str):  # SQLite keeps the text an UPDATE by hand puts in an integer column
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET seq = 'two' WHERE seq = 2"))
        assert main(["audit", "verify"]) == 1
        err = capsys.readouterr().err
        assert "FAILED at entry 2" in err and "Traceback" not in err
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET seq = 2 WHERE seq = 'two'"))
            conn.execute(text("UPDATE audit_head SET seq = 'three'"))
        assert main(["audit", "head"]) == 1 and "FAILED: the store's audit head row was altered" in \
            capsys.readouterr().err
        assert main(["audit", "verify"]) == 1 and "audit head row was altered" in capsys.readouterr().err
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_head"))
    assert main(["audit", "head"]) == 1
    assert "FAILED: the store's audit head row (table audit_head, id 1) is missing" in capsys.readouterr().err
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("FAILED") and "is missing" in err and "Traceback" not in err

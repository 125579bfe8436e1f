"""The case store: encryption at rest, masking, retention, reviews and deletion."""

import datetime as dt
import sqlite3

import pytest
from cryptography.fernet import Fernet

from verify_service.store.cases import CaseStore, mask_name

NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
RESULT = {"decision": "review", "reasons": [{"code": "FACE_UNCERTAIN", "message": "m"}],
          "id_card": {"front": {"fields": {"name": {"value": "欧阳娜娜", "confidence": 1.0},
                                           "id_number": {"value": "11010519491231002X", "confidence": 1.0}}}}}
JPEG = b"\xff\xd8\xff\xe0" + b"JFIF-bytes-of-a-face" * 50


@pytest.fixture
def store(tmp_path):
    return CaseStore(tmp_path / "cases.sqlite3", Fernet.generate_key(), retention_days=30)


def test_save_list_get_image(store):
    store.save("r1", RESULT, {"id_front": JPEG, "selfie": JPEG}, now=NOW)
    (summary,) = store.list()
    assert (summary.masked_name, summary.masked_id) == ("欧***", "110105********002X")
    assert summary.reason_codes == ["FACE_UNCERTAIN"] and summary.decision == "review"
    case = store.get("r1")
    assert case["result"] == RESULT and sorted(case["parts"]) == ["id_front", "selfie"]
    assert store.image("r1", "selfie") == JPEG and store.image("r1", "id_back") is None
    assert store.get("nope") is None


def test_nothing_personal_is_readable_in_the_sqlite_file_without_the_key(store, tmp_path):
    store.save("r1", RESULT, {"id_front": JPEG}, now=NOW)
    store.record_review("r1", "approve", "电话核实 11010519491231002X", "alice", now=NOW)
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("cases.sqlite3*"))
    for secret in (b"\xff\xd8\xff", b"JFIF", "欧阳娜娜".encode(), b"11010519491231002X", "电话核实".encode()):
        assert secret not in raw
    with sqlite3.connect(tmp_path / "cases.sqlite3") as db:
        (token,) = db.execute("SELECT data FROM images").fetchone()
    assert token.startswith(b"gAAAAA")  # a Fernet token
    other = CaseStore(tmp_path / "cases.sqlite3", Fernet.generate_key())
    with pytest.raises(PermissionError, match="VERIFY_STORE_KEY"):
        other.image("r1", "id_front")


def test_list_is_newest_first_and_filters_by_decision(store):
    for i, decision in enumerate(["pass", "review", "reject"]):
        store.save(f"r{i}", {**RESULT, "decision": decision}, {}, now=NOW + dt.timedelta(minutes=i))
    assert [c.request_id for c in store.list()] == ["r2", "r1", "r0"]
    assert [c.request_id for c in store.list("review")] == ["r1"]


def test_review_is_recorded_with_who_and_when(store):
    store.save("r1", RESULT, {}, now=NOW)
    assert store.record_review("r1", "reject", "forged seal", "bob", now=NOW)
    review = store.get("r1")["review"]
    assert review == {"decision": "reject", "note": "forged seal", "reviewer": "bob", "reviewed_at": "2026-11-01T12:00:00+00:00"}
    assert store.list()[0].review_decision == "reject"
    assert not store.record_review("nope", "reject", "", "bob")
    with pytest.raises(ValueError):
        store.record_review("r1", "maybe", "", "bob")


def test_expired_cases_are_deleted_with_their_images(store, tmp_path):
    store.save("old", RESULT, {"selfie": JPEG}, now=NOW - dt.timedelta(days=31))
    store.save("new", RESULT, {"selfie": JPEG}, now=NOW)  # saving purges what has expired
    assert [c.request_id for c in store.list()] == ["new"]
    with sqlite3.connect(tmp_path / "cases.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM images WHERE request_id = 'old'").fetchone() == (0,)
    assert store.purge_expired(NOW + dt.timedelta(days=31)) == 1 and store.list() == []


def test_delete(store):
    store.save("r1", RESULT, {"selfie": JPEG}, now=NOW)
    assert store.delete("r1") and store.get("r1") is None and store.image("r1", "selfie") is None
    assert not store.delete("r1")


@pytest.mark.parametrize("name, masked", [("张三", "张*"), ("欧阳娜娜", "欧***"), ("", None), (None, None)])
def test_mask_name(name, masked):
    assert mask_name(name) == masked

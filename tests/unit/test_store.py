"""The case store: encryption at rest, masking, retention, reviews and deletion, the key check at start-up,
key rotation, owners and the migration of stores made before them. Tests that take `store` or `open_store` run
on SQLite and on PostgreSQL (tests/conftest.py); the others look at the SQLite file itself."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from verify_service.__main__ import main
from verify_service.errors import ConfigError
from verify_service.store import audit
from verify_service.store.cases import CaseStore, Filters, mask_name

NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
RESULT = {"decision": "review", "reasons": [{"code": "FACE_UNCERTAIN", "message": "m"}],
          "id_card": {"front": {"fields": {"name": {"value": "欧阳娜娜", "confidence": 1.0},
                                           "id_number": {"value": "11010519491231002X", "confidence": 1.0}}}}}
JPEG = b"\xff\xd8\xff\xe0" + b"JFIF-bytes-of-a-face" * 50


@pytest.fixture
def store(open_store):
    return open_store(Fernet.generate_key(), retention_days=30)


@pytest.fixture
def sqlite_store(tmp_path):
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


def review(store, request_id, decision, note, reviewer, reason="OTHER", now=NOW):
    """A reviewer's decision as the page records it: claim, then decide."""
    assert store.claim(request_id, reviewer, now=now)
    return store.record_review(request_id, decision, reason, note, reviewer, now=now)


def test_nothing_personal_is_readable_in_the_sqlite_file_without_the_key(sqlite_store, tmp_path):
    store = sqlite_store
    store.save("r1", RESULT, {"id_front": JPEG}, now=NOW)
    review(store, "r1", "approve", "电话核实 11010519491231002X", "alice")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("cases.sqlite3*"))
    for secret in (b"\xff\xd8\xff", b"JFIF", "欧阳娜娜".encode(), b"11010519491231002X", "电话核实".encode()):
        assert secret not in raw
    with sqlite3.connect(tmp_path / "cases.sqlite3") as db:
        (token,) = db.execute("SELECT data FROM images").fetchone()
    assert token.startswith(b"gAAAAA")  # a Fernet token
    with pytest.raises(ConfigError, match="VERIFY_STORE_KEY"):
        CaseStore(tmp_path / "cases.sqlite3", Fernet.generate_key())


def test_list_is_newest_first_and_filters_by_decision(store):
    for i, decision in enumerate(["pass", "review", "reject"]):
        store.save(f"r{i}", {**RESULT, "decision": decision}, {}, now=NOW + dt.timedelta(minutes=i))
    assert [c.request_id for c in store.list()] == ["r2", "r1", "r0"]
    assert [c.request_id for c in store.list("review")] == ["r1"]
    assert [c.request_id for c in store.page(Filters(state=None), now=NOW).items] == ["r2", "r1", "r0"]


def test_review_is_recorded_with_who_and_when(store):
    store.save("r1", RESULT, {}, now=NOW)
    assert review(store, "r1", "reject", "forged seal", "bob", "DOCUMENT_NOT_GENUINE")
    found = store.get("r1")["review"]
    assert found == {"decision": "reject", "reason_code": "DOCUMENT_NOT_GENUINE", "note": "forged seal",
                     "reviewer": "bob", "reviewed_at": "2026-11-01T12:00:00+00:00"}
    assert store.list()[0].review_decision == "reject"
    assert not store.record_review("nope", "reject", "OTHER", "x", "bob")
    with pytest.raises(ValueError):
        store.record_review("r1", "maybe", "OTHER", "x", "bob")


def test_expired_cases_are_deleted_with_their_images(store):
    store.save("old", RESULT, {"selfie": JPEG}, now=NOW - dt.timedelta(days=31))
    store.save("new", RESULT, {"selfie": JPEG}, now=NOW)  # saving purges what has expired
    assert [c.request_id for c in store.list()] == ["new"]
    assert store.image("old", "selfie") is None and store.get("old") is None
    assert store.purge_expired(NOW + dt.timedelta(days=31)) == 1 and store.list() == []
    deletions = [e for e in audit.entries(store.engine) if e.action == "deletion"]
    assert [(e.request_id, e.actor, e.details["why"]) for e in deletions] == [("old", "retention", "retention"),
                                                                             ("new", "retention", "retention")]


def test_delete(store):
    store.save("r1", RESULT, {"selfie": JPEG}, now=NOW)
    assert store.delete("r1") and store.get("r1") is None and store.image("r1", "selfie") is None
    assert not store.delete("r1")


@pytest.mark.parametrize("name, masked", [("张三", "张*"), ("欧阳娜娜", "欧***"), ("", None), (None, None)])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


# The schema of the stores made before the key canary and the owner column, as they exist on disk.
OLD_SCHEMA = """
CREATE TABLE cases (request_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, decision TEXT NOT NULL,
    reason_codes TEXT NOT NULL, masked_name TEXT, masked_id TEXT, result BLOB NOT NULL, review_decision TEXT,
    review_note BLOB, reviewer TEXT, reviewed_at TEXT);
CREATE TABLE images (request_id TEXT NOT NULL REFERENCES cases (request_id) ON DELETE CASCADE, part TEXT NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY (request_id, part));
"""


def old_store(path, key: bytes, rows: int = 1) -> None:
    """A store as the service wrote it before this change: no meta table, no owner column."""
    fernet = Fernet(key)
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
        for i in range(rows):
            db.execute("INSERT INTO cases (request_id, created_at, decision, reason_codes, result) "
                       "VALUES (?, '2026-11-01T12:00:00+00:00', 'review', '[]', ?)",
                       (f"old{i}", fernet.encrypt(b'{"decision": "review"}')))
            db.execute("INSERT INTO images VALUES (?, 'selfie', ?)", (f"old{i}", fernet.encrypt(JPEG)))
    db.close()


def test_a_store_refuses_to_open_with_a_key_that_did_not_seal_it(open_store):
    key = Fernet.generate_key()
    open_store(key)  # empty: the canary alone says which key the store belongs to
    with pytest.raises(ConfigError, match="VERIFY_STORE_KEY does not open the case store"):
        open_store(Fernet.generate_key())
    open_store(key).save("r1", RESULT, {"selfie": JPEG}, now=NOW)
    with pytest.raises(ConfigError, match="VERIFY_STORE_OLD_KEYS"):
        open_store(Fernet.generate_key(), old_keys=[Fernet.generate_key()])


def test_a_store_without_a_canary_is_checked_against_its_rows_and_migrated(tmp_path):
    path, key = tmp_path / "cases.sqlite3", Fernet.generate_key()
    old_store(path, key)
    with pytest.raises(ConfigError, match="VERIFY_STORE_KEY does not open the case store"):
        CaseStore(path, Fernet.generate_key())
    store = CaseStore(path, key)  # the right key: the store gets its canary and the owner column
    assert store.get("old0")["owner"] == "legacy" and store.image("old0", "selfie") == JPEG
    with pytest.raises(ConfigError):
        CaseStore(path, Fernet.generate_key())
    assert not store.delete("old0", owner="lender-a") and store.delete("old0", owner=None)


def test_old_keys_still_open_and_new_data_is_sealed_with_the_new_key(open_store):
    from sqlalchemy import select

    from verify_service.store.schema import cases, images

    old, new = Fernet.generate_key(), Fernet.generate_key()
    open_store(old).save("r1", RESULT, {"selfie": JPEG}, now=NOW)
    store = open_store(new, old_keys=[old])
    assert store.get("r1")["result"] == RESULT and store.image("r1", "selfie") == JPEG
    store.save("r2", RESULT, {"selfie": JPEG}, now=NOW)
    review(store, "r1", "approve", "checked", "alice")
    with store.engine.connect() as db:
        sealed = db.execute(select(images.c.data).where(images.c.request_id == "r2")).scalar_one()
        note = db.execute(select(cases.c.review_note).where(cases.c.request_id == "r1")).scalar_one()
    assert Fernet(new).decrypt(bytes(sealed)) == JPEG and Fernet(new).decrypt(bytes(note)) == b"checked"


def test_rotate_reencrypts_everything_with_the_new_key(open_store):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    first = open_store(old, wants_events=lambda owner: True)
    first.save("r1", RESULT, {"selfie": JPEG}, now=NOW)
    review(first, "r1", "reject", "forged seal", "bob")
    counts = open_store(new, old_keys=[old]).rotate()
    assert counts == {"cases": 1, "notes": 1, "images": 1, "events": 1}
    store = open_store(new)  # the old key is no longer needed
    assert store.get("r1")["review"]["note"] == "forged seal" and store.image("r1", "selfie") == JPEG
    (event,) = store.due_events("w", 10, 60, now=NOW)
    assert b'"decision":"reject"' in event.payload
    with pytest.raises(ConfigError):
        open_store(old)


def test_delete_is_scoped_to_the_owner(store):
    store.save("r1", RESULT, {"selfie": JPEG}, now=NOW, owner="lender-a")
    assert store.get("r1")["owner"] == "lender-a"
    assert not store.delete("r1", owner="lender-b") and store.image("r1", "selfie") == JPEG
    assert store.delete("r1", owner="lender-a") and store.get("r1") is None
    store.save("r2", RESULT, {}, now=NOW, owner="review-page")
    assert store.delete("r2", owner=None)  # an operator acts on every case


def test_rotate_key_command(open_store, store_location, tmp_path, monkeypatch, capsys):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    open_store(old).save("r1", RESULT, {"selfie": JPEG}, now=NOW)
    where = {"STORE_URL": store_location} if isinstance(store_location, str) else {"STORE_PATH": str(store_location)}
    for name, value in {**where, "STORE_KEY": new.decode(), "STORE_OLD_KEYS": old.decode(),
                        "API_KEYS": "k" * 24, "HOST": "0.0.0.0"}.items():
        monkeypatch.setenv(f"VERIFY_{name}", value)
    assert main(["store", "rotate-key"]) == 0
    assert "1 cases" in capsys.readouterr().out
    assert open_store(new).image("r1", "selfie") == JPEG
    monkeypatch.delenv("VERIFY_STORE_URL", raising=False)
    monkeypatch.setenv("VERIFY_STORE_PATH", str(tmp_path / "missing.sqlite3"))
    assert main(["store", "rotate-key"]) == 2 and "no case store" in capsys.readouterr().err


def test_the_store_file_is_for_the_services_user_alone(tmp_path):
    path = tmp_path / "cases.sqlite3"
    path.touch(mode=0o644)
    path.chmod(0o644)  # as an older version left it
    CaseStore(path, Fernet.generate_key())
    assert oct(path.stat().st_mode)[-3:] == "600"


FIXTURE_KEY = b"pfmuzAqPzBAr3nj4qDQGn3U8PrPiW54H6EHMh7V6Ih4="
A, B, C, D, E = ("a" * 32, "b" * 32, "c" * 32, "d" * 32, "e" * 32)


def test_a_store_made_by_the_code_before_the_review_loop_migrates_without_loss(tmp_path):
    """tests/data/store_5cd6775.sqlite3 was written by the case store of 5cd6775 (the last commit before this
    change): five cases of three owners, images, a review with a note, a request for more."""
    path = tmp_path / "cases.sqlite3"
    shutil.copy(Path(__file__).parent.parent / "data" / "store_5cd6775.sqlite3", path)
    with sqlite3.connect(path) as db:
        before = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("cases", "images", "meta")}
    db.close()
    store = CaseStore(path, FIXTURE_KEY, retention_days=3650)
    with sqlite3.connect(path) as db:
        columns = [r[1] for r in db.execute("PRAGMA table_info(cases)")]
        after = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("cases", "images", "meta")}
        (version,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
    db.close()
    assert version == "0004"
    width = len(before["cases"][0])
    assert [row[:width] for row in after["cases"]] == before["cases"]  # every old column of every case, unchanged
    assert {r[columns.index("version")] for r in after["cases"]} == {1}  # every case starts at version 1
    assert after["images"] == before["images"] and after["meta"] == before["meta"]
    states = {r[0]: r[columns.index("state")] for r in after["cases"]}
    assert states == {A: "awaiting_review", B: "decided", C: "decided", D: "reviewed", E: "needs_more"}
    assert store.get(D)["review"] == {"decision": "approve", "reason_code": None, "note": "电话核实",
                                      "reviewer": "alice", "reviewed_at": "2026-11-01T13:00:00+00:00"}
    assert store.image(A, "selfie") == b"\xff\xd8selfie-a" and store.get(A)["owner"] == "lender-a"
    assert [c.request_id for c in store.page(Filters()).items] == [A]  # the unreviewed review joins the queue
    assert store.document(D, "lender-b")["decision"] == "pass" and store.document(D, "lender-a") is None
    assert store.document(E, None)["decision"] == "review"
    CaseStore(path, FIXTURE_KEY, retention_days=3650)  # a second start finds nothing to migrate
    assert audit.verify(store.engine).ok


def test_the_audit_commands_need_no_store_key_but_a_migrated_store(tmp_path, monkeypatch, capsys):
    path = tmp_path / "cases.sqlite3"
    shutil.copy(Path(__file__).parent.parent / "data" / "store_5cd6775.sqlite3", path)
    monkeypatch.setenv("VERIFY_STORE_PATH", str(path))
    assert main(["audit", "head"]) == 2 and "start the service once" in capsys.readouterr().err
    CaseStore(path, FIXTURE_KEY, retention_days=3650).close()
    assert main(["audit", "head"]) == 0 and capsys.readouterr().out.strip() == "0:" + "0" * 64
    assert main(["audit", "verify"]) == 0

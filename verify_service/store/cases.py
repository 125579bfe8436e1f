"""Cases in SQLite. Everything personal (the full result, the images, reviewer notes) is Fernet-encrypted;
only what the list page shows is kept in clear, and that is masked (张*, 110108********001X).

The store knows its key: a canary sealed with it in the `meta` table is opened at start-up, so a wrong
VERIFY_STORE_KEY stops the service instead of sealing new cases with a key the old ones do not share. Old keys
(VERIFY_STORE_OLD_KEYS) still open what they sealed; `rotate()` re-seals everything with the current key.

Each case has an `owner` (the API key's name, "review-page", "local" without keys, "legacy" for cases kept
before owners existed); a delete names the owner it may act for, or None for an operator.

Each operation opens its own connection: SQLite serialises writers, and a connection is never shared between
threads."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from verify_service.errors import ConfigError
from verify_service.pipeline.documents.cn_id_card.idnumber import mask

SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    request_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    decision TEXT NOT NULL,
    reason_codes TEXT NOT NULL,
    masked_name TEXT,
    masked_id TEXT,
    result BLOB NOT NULL,
    review_decision TEXT,
    review_note BLOB,
    reviewer TEXT,
    reviewed_at TEXT,
    owner TEXT NOT NULL DEFAULT 'legacy'
);
CREATE INDEX IF NOT EXISTS cases_created ON cases (created_at);
CREATE TABLE IF NOT EXISTS images (
    request_id TEXT NOT NULL REFERENCES cases (request_id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (request_id, part)
);
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
"""
CANARY = b"verify_service case store"
LOCAL_OWNER = "local"  # cases kept without API keys (loopback development)
REVIEW_PAGE_OWNER = "review-page"  # cases uploaded on the review page
LEGACY_OWNER = "legacy"  # cases kept before owners existed: only an operator may act on them
RESERVED_OWNERS = (LOCAL_OWNER, REVIEW_PAGE_OWNER, LEGACY_OWNER)  # no API key may be named so
# Every sealed column: what it holds, how to read its tokens, how to write one back (rotate-key).
_SEALED = (
    ("cases", "SELECT rowid, result FROM cases WHERE rowid > ? ORDER BY rowid LIMIT ?",
     "UPDATE cases SET result = ? WHERE rowid = ?"),
    ("notes", "SELECT rowid, review_note FROM cases WHERE review_note IS NOT NULL AND rowid > ? ORDER BY rowid "
     "LIMIT ?", "UPDATE cases SET review_note = ? WHERE rowid = ?"),
    ("images", "SELECT rowid, data FROM images WHERE rowid > ? ORDER BY rowid LIMIT ?",
     "UPDATE images SET data = ? WHERE rowid = ?"),
)
_ROTATE_BATCH = 100  # rows re-sealed at a time: a store's images need not fit in memory together
REVIEW_DECISIONS = ("approve", "reject", "request_more")


def mask_name(name: str | None) -> str | None:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: the surname's first character and one star per other character."""
    if not name:
        return None
    return name[0] + "*" * (len(name) - 1)


@dataclass(frozen=True)
class CaseSummary:
    """A row of the list page: nothing unmasked."""

    request_id: str
    created_at: str
    decision: str
    reason_codes: list[str]
    masked_name: str | None
    masked_id: str | None
    review_decision: str | None
    reviewer: str | None
    reviewed_at: str | None


class CaseStore:
    """Saves, lists, opens, reviews, deletes and expires cases."""

    def __init__(self, path: Path, key: bytes, retention_days: int = 30, old_keys: Iterable[bytes] = ()):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Made 0600 before SQLite opens it (its -wal and -shm files take the same mode): it holds the encrypted
        # cases, their owners and the review decisions, for the service's user alone.
        os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        if self.path.stat().st_mode & 0o077:
            os.chmod(self.path, 0o600)  # a store an older version made 0644
        # MultiFernet seals with the first key and opens with any: the old keys only ever decrypt.
        self.fernet = MultiFernet([Fernet(key), *(Fernet(k) for k in old_keys)])
        self.retention_days = retention_days
        with self._connect() as db:
            db.executescript(SCHEMA)
            self._migrate(db)
        self._check_key()

    def _connect(self) -> sqlite3.Connection:
        """A new connection with foreign keys on and write-ahead logging."""
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Bring a store made by an older version to this schema, in place."""
        columns = {row[1] for row in db.execute("PRAGMA table_info(cases)")}
        if "owner" not in columns:
            try:
                db.execute(f"ALTER TABLE cases ADD COLUMN owner TEXT NOT NULL DEFAULT '{LEGACY_OWNER}'")
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):  # another worker migrated it first
                    raise

    def _check_key(self) -> None:
        """Refuse a key that did not seal this store; give a store without a canary one sealed with this key."""
        with self._connect() as db:
            row = db.execute("SELECT value FROM meta WHERE name = 'canary'").fetchone()
            if row is None:
                # A store from before the canary: one of its rows tells whether this key is the one it was sealed
                # with; an empty store simply belongs to this key from now on.
                sample = db.execute("SELECT result FROM cases LIMIT 1").fetchone()
                if sample is not None:
                    self._verify_token(sample[0])
                # OR IGNORE: workers starting together each try; the canary that won is checked below.
                db.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('canary', ?)", (self._seal(CANARY),))
                row = db.execute("SELECT value FROM meta WHERE name = 'canary'").fetchone()
        self._verify_token(row[0])

    def _verify_token(self, token: bytes) -> None:
        """ConfigError unless one of the keys opens `token`."""
        try:
            self.fernet.decrypt(token)
        except InvalidToken:
            raise ConfigError(
                f"VERIFY_STORE_KEY does not open the case store {self.path}: it was sealed with another key. Start "
                "with the key it was made with, or set that key in VERIFY_STORE_OLD_KEYS beside the new one and "
                "run `python -m verify_service store rotate-key`") from None

    def _seal(self, data: bytes) -> bytes:
        """Encrypt with the current key."""
        return self.fernet.encrypt(data)

    def _open(self, token: bytes) -> bytes:
        """Decrypt with the current key or an old one."""
        try:
            return self.fernet.decrypt(token)
        except InvalidToken as exc:
            raise PermissionError("the store key does not open this case (VERIFY_STORE_KEY changed?)") from exc

    def save(self, request_id: str, result: dict, images: dict[str, bytes], now: dt.datetime | None = None,
             owner: str = LOCAL_OWNER) -> None:
        """Keep one verification with its input images, as `owner`'s case."""
        now = now or dt.datetime.now(dt.UTC)
        front = (result.get("id_card") or {}).get("front") or {}
        fields = front.get("fields") or {}
        name = (fields.get("name") or {}).get("value")
        number = (fields.get("id_number") or {}).get("value")
        codes = [r["code"] for r in result.get("reasons", [])]
        with self._connect() as db:
            db.execute("INSERT INTO cases (request_id, created_at, decision, reason_codes, masked_name, masked_id, "
                       "result, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (request_id, now.isoformat(timespec="seconds"), result["decision"], json.dumps(codes),
                        mask_name(name), mask(number), self._seal(json.dumps(result).encode()), owner))
            db.executemany("INSERT INTO images (request_id, part, data) VALUES (?, ?, ?)",
                           [(request_id, part, self._seal(data)) for part, data in images.items()])
        self.purge_expired(now)

    def list(self, decision: str | None = None, limit: int = 200) -> list[CaseSummary]:
        """Recent cases, newest first, optionally of one decision."""
        query = ("SELECT request_id, created_at, decision, reason_codes, masked_name, masked_id, review_decision, "
                 "reviewer, reviewed_at FROM cases")
        args: tuple = ()
        if decision:
            query += " WHERE decision = ?"
            args = (decision,)
        query += " ORDER BY created_at DESC, rowid DESC LIMIT ?"
        with self._connect() as db:
            rows = db.execute(query, (*args, limit)).fetchall()
        return [CaseSummary(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6], r[7], r[8]) for r in rows]

    def get(self, request_id: str) -> dict | None:
        """A case's full result, review and image parts, decrypted; None when it does not exist."""
        with self._connect() as db:
            row = db.execute("SELECT created_at, result, review_decision, review_note, reviewer, reviewed_at, owner "
                             "FROM cases WHERE request_id = ?", (request_id,)).fetchone()
            parts = [p for (p,) in db.execute("SELECT part FROM images WHERE request_id = ?", (request_id,))]
        if row is None:
            return None
        return {"request_id": request_id, "created_at": row[0], "result": json.loads(self._open(row[1])),
                "review": {"decision": row[2], "note": self._open(row[3]).decode() if row[3] else None,
                           "reviewer": row[4], "reviewed_at": row[5]},
                "parts": parts, "owner": row[6]}

    def image(self, request_id: str, part: str) -> bytes | None:
        """One input image, decrypted."""
        with self._connect() as db:
            row = db.execute("SELECT data FROM images WHERE request_id = ? AND part = ?", (request_id, part)).fetchone()
        return None if row is None else self._open(row[0])

    def record_review(self, request_id: str, decision: str, note: str, reviewer: str,
                      now: dt.datetime | None = None) -> bool:
        """A reviewer's final decision and note, with who and when; False when the case does not exist."""
        if decision not in REVIEW_DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(REVIEW_DECISIONS)}")
        now = now or dt.datetime.now(dt.UTC)
        with self._connect() as db:
            cursor = db.execute("UPDATE cases SET review_decision = ?, review_note = ?, reviewer = ?, reviewed_at = ? "
                                "WHERE request_id = ?", (decision, self._seal(note.encode()) if note else None,
                                                         reviewer, now.isoformat(timespec="seconds"), request_id))
        return cursor.rowcount == 1

    def delete(self, request_id: str, owner: str | None = None) -> bool:
        """Remove a case and its images (a data subject's request under PIPL); False when it does not exist or,
        with `owner` given, belongs to someone else (None: an operator, who may delete any case)."""
        with self._connect() as db:
            found = db.execute("SELECT owner FROM cases WHERE request_id = ?", (request_id,)).fetchone()
            if found is None or (owner is not None and found[0] != owner):
                return False
            db.execute("DELETE FROM images WHERE request_id = ?", (request_id,))
            cursor = db.execute("DELETE FROM cases WHERE request_id = ?", (request_id,))
        return cursor.rowcount == 1

    def rotate(self) -> dict[str, int]:
        """Re-seal every case, note, image and the canary with the current key, in one transaction; how many."""
        counts = {}
        with self._connect() as db:
            for what, select, update in _SEALED:
                counts[what], last = 0, 0
                while rows := db.execute(select, (last, _ROTATE_BATCH)).fetchall():
                    db.executemany(update, [(self._rotated(token), rowid) for rowid, token in rows])
                    counts[what], last = counts[what] + len(rows), rows[-1][0]
            db.execute("UPDATE meta SET value = ? WHERE name = 'canary'", (self._seal(CANARY),))
        return counts

    def _rotated(self, token: bytes) -> bytes:
        """One token re-sealed with the current key; a token no key opens stops the rotation (nothing is lost)."""
        try:
            return self.fernet.rotate(token)
        except InvalidToken:
            raise ConfigError("a stored token opens with none of VERIFY_STORE_KEY and VERIFY_STORE_OLD_KEYS; "
                              "add the key that sealed it to VERIFY_STORE_OLD_KEYS (nothing was changed)") from None

    def purge_expired(self, now: dt.datetime | None = None) -> int:
        """Delete cases older than the retention period; returns how many."""
        now = now or dt.datetime.now(dt.UTC)
        cutoff = (now - dt.timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        with self._connect() as db:
            db.execute("DELETE FROM images WHERE request_id IN (SELECT request_id FROM cases WHERE created_at < ?)",
                       (cutoff,))
            cursor = db.execute("DELETE FROM cases WHERE created_at < ?", (cutoff,))
        return cursor.rowcount

"""Cases in SQLite. Everything personal (the full result, the images, reviewer notes) is Fernet-encrypted;
only what the list page shows is kept in clear, and that is masked (张*, 110108********001X).

Each operation opens its own connection: SQLite serialises writers, and a connection is never shared between
threads."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

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
    reviewed_at TEXT
);
CREATE INDEX IF NOT EXISTS cases_created ON cases (created_at);
CREATE TABLE IF NOT EXISTS images (
    request_id TEXT NOT NULL REFERENCES cases (request_id) ON DELETE CASCADE,
    part TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (request_id, part)
);
"""
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

    def __init__(self, path: Path, key: bytes, retention_days: int = 30):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fernet = Fernet(key)
        self.retention_days = retention_days
        with self._connect() as db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        return db

    def _seal(self, data: bytes) -> bytes:
        return self.fernet.encrypt(data)

    def _open(self, token: bytes) -> bytes:
        try:
            return self.fernet.decrypt(token)
        except InvalidToken as exc:
            raise PermissionError("the store key does not open this case (VERIFY_STORE_KEY changed?)") from exc

    def save(self, request_id: str, result: dict, images: dict[str, bytes], now: dt.datetime | None = None) -> None:
        """Keep one verification with its input images."""
        now = now or dt.datetime.now(dt.UTC)
        front = (result.get("id_card") or {}).get("front") or {}
        fields = front.get("fields") or {}
        name = (fields.get("name") or {}).get("value")
        number = (fields.get("id_number") or {}).get("value")
        codes = [r["code"] for r in result.get("reasons", [])]
        with self._connect() as db:
            db.execute("INSERT INTO cases (request_id, created_at, decision, reason_codes, masked_name, masked_id, "
                       "result) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (request_id, now.isoformat(timespec="seconds"), result["decision"], json.dumps(codes),
                        mask_name(name), mask(number), self._seal(json.dumps(result).encode())))
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
            row = db.execute("SELECT created_at, result, review_decision, review_note, reviewer, reviewed_at "
                             "FROM cases WHERE request_id = ?", (request_id,)).fetchone()
            parts = [p for (p,) in db.execute("SELECT part FROM images WHERE request_id = ?", (request_id,))]
        if row is None:
            return None
        return {"request_id": request_id, "created_at": row[0], "result": json.loads(self._open(row[1])),
                "review": {"decision": row[2], "note": self._open(row[3]).decode() if row[3] else None,
                           "reviewer": row[4], "reviewed_at": row[5]},
                "parts": parts}

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

    def delete(self, request_id: str) -> bool:
        """Remove a case and its images (a data subject's request under PIPL); False when it does not exist."""
        with self._connect() as db:
            db.execute("DELETE FROM images WHERE request_id = ?", (request_id,))
            cursor = db.execute("DELETE FROM cases WHERE request_id = ?", (request_id,))
        return cursor.rowcount == 1

    def purge_expired(self, now: dt.datetime | None = None) -> int:
        """Delete cases older than the retention period; returns how many."""
        now = now or dt.datetime.now(dt.UTC)
        cutoff = (now - dt.timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        with self._connect() as db:
            db.execute("DELETE FROM images WHERE request_id IN (SELECT request_id FROM cases WHERE created_at < ?)",
                       (cutoff,))
            cursor = db.execute("DELETE FROM cases WHERE created_at < ?", (cutoff,))
        return cursor.rowcount

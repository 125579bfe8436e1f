"""Reviewer sessions and sign-in throttling that hold across gunicorn workers and restarts.

The state lives in a small SQLite file beside the case store (review_sessions.sqlite3), so every worker process
sees the same sessions and the same failure counts: a session made in one worker is known to the others, a logout
in one ends the session in all, and failed sign-ins are counted once however an attacker spreads them. The cookie
(signed with VERIFY_SECRET_KEY) carries only a random session id; the file keeps its sha256, the reviewer, a
fingerprint of the reviewer's password hash at sign-in and the expiry. A session ends at logout, after its
lifetime, when the reviewer leaves the reviewers file, or when the reviewer's password hash changes. The reviewers
file is re-read whenever it changes on disk."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask import abort

from verify_service.errors import ConfigError
from verify_service.review import load_reviewers

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    reviewer TEXT NOT NULL,
    credential TEXT NOT NULL,
    expires REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_key ON sign_in_failures (key, at);
CREATE INDEX IF NOT EXISTS failures_at ON sign_in_failures (at);
"""


def _sha256(text: str) -> str:
    """A fixed-size fingerprint of any text (session ids, password hashes, user names as typed)."""
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class Attempt:
    """A sign-in attempt: let through (its failure rows reserved) or held back for `retry_after` seconds."""

    allowed: bool
    retry_after: int = 0
    rows: tuple[int, ...] = ()
    user_key: str = ""


class SessionStore:
    """Reviewer sessions and failed sign-ins in SQLite, shared by every worker process."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Made 0600 before SQLite opens it: it holds client addresses for the throttling window.
        os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode = WAL")  # kept by the file: readers in other workers never wait
            db.executescript(SCHEMA)
        finally:
            db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own (never shared between threads) in one write transaction, then closed."""
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            # IMMEDIATE takes the write lock at once: a count and the row it reserves are one step in every worker.
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def create(self, reviewer: str, password_hash: str, lifetime: float, now: float | None = None) -> str:
        """A new session for a reviewer who just signed in; returns the id for the cookie."""
        now = time.time() if now is None else now
        session_id = secrets.token_urlsafe(32)
        with self._transaction() as db:
            db.execute("DELETE FROM sessions WHERE expires <= ?", (now,))
            db.execute("INSERT INTO sessions (id_hash, reviewer, credential, expires) VALUES (?, ?, ?, ?)",
                       (_sha256(session_id), reviewer, _sha256(password_hash), now + lifetime))
        return session_id

    def reviewer(self, session_id: str | None, reviewers: dict[str, str], now: float | None = None) -> str | None:
        """The reviewer of a live session, or None; a session that no longer holds is deleted."""
        if not isinstance(session_id, str) or not session_id:
            return None
        now = time.time() if now is None else now
        with self._transaction() as db:
            row = db.execute("SELECT reviewer, credential, expires FROM sessions WHERE id_hash = ?",
                             (_sha256(session_id),)).fetchone()
            if row is None:
                return None
            name, credential, expires = row
            digest = reviewers.get(name)
            if expires > now and digest is not None and hmac.compare_digest(_sha256(digest), credential):
                return name
            db.execute("DELETE FROM sessions WHERE id_hash = ?", (_sha256(session_id),))
        return None

    def end(self, session_id: str | None) -> None:
        """Logout: the session id stops working in every worker."""
        if isinstance(session_id, str) and session_id:
            with self._transaction() as db:
                db.execute("DELETE FROM sessions WHERE id_hash = ?", (_sha256(session_id),))

    def sweep(self, reviewers: dict[str, str]) -> int:
        """Delete the sessions of reviewers no longer in the file or whose password changed; returns how many."""
        with self._transaction() as db:
            rows = db.execute("SELECT id_hash, reviewer, credential FROM sessions").fetchall()
            dead = [(id_hash,) for id_hash, name, credential in rows
                    if name not in reviewers or _sha256(reviewers[name]) != credential]
            db.executemany("DELETE FROM sessions WHERE id_hash = ?", dead)
        return len(dead)

    def begin_sign_in(self, user: str, address: str, *, per_user: int, per_address: int, window: float,
                      now: float | None = None) -> Attempt:
        """Let a sign-in through, counting it as a failure until `succeeded`, or hold it back when the user name
        or the address has had too many failures within the window."""
        now = time.time() if now is None else now
        # User names are hashed: they are whatever a caller typed, of any length.
        keys = ((f"user:{_sha256(user)}", per_user), (f"address:{address}", per_address))
        with self._transaction() as db:
            db.execute("DELETE FROM sign_in_failures WHERE at <= ?", (now - window,))
            wait = 0.0
            for key, limit in keys:
                count, oldest = db.execute("SELECT COUNT(*), MIN(at) FROM sign_in_failures WHERE key = ?",
                                           (key,)).fetchone()
                if count >= limit:
                    wait = max(wait, oldest + window - now)
            if wait > 0:
                return Attempt(False, retry_after=max(1, int(wait + 0.999)))
            # Reserved before the password is checked, so guesses running at once in other workers count too.
            rows = tuple(db.execute("INSERT INTO sign_in_failures (key, at) VALUES (?, ?)", (key, now)).lastrowid
                         for key, _ in keys)
        return Attempt(True, rows=rows, user_key=keys[0][0])

    def succeeded(self, attempt: Attempt) -> None:
        """The password was right: the attempt was no failure, and the user name's earlier failures are forgiven
        (the address's are not, or one known account would reset an address's count)."""
        with self._transaction() as db:
            db.executemany("DELETE FROM sign_in_failures WHERE rowid = ?", [(row,) for row in attempt.rows])
            db.execute("DELETE FROM sign_in_failures WHERE key = ?", (attempt.user_key,))


@dataclass
class ReviewerFile:
    """The reviewers file, re-read whenever it changes on disk, so that removing a line revokes access at once."""

    path: Path | None
    on_change: Callable[[dict[str, str]], object] | None = None  # called with the reviewers after a re-read
    _stamp: tuple | None = None
    _bad_stamp: tuple | None = None  # the unreadable version last logged, so each bad edit is logged once
    _reviewers: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        """Read the file once at start-up, where a bad file stops the service with a ConfigError."""
        self._stamp = self._stat()
        self._reviewers = load_reviewers(self.path)

    def _stat(self) -> tuple | None:
        """What changes when the file is edited or replaced."""
        if self.path is None:
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return ("missing",)
        return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns

    def current(self) -> dict[str, str]:
        """username -> password hash as the file says now; a 503 page while the file cannot be read."""
        stamp = self._stat()
        with self._lock:
            if stamp != self._stamp:
                try:
                    reviewers = load_reviewers(self.path)
                except ConfigError as exc:
                    # Fail closed, without deleting sessions: a half-written file must not sign everyone out.
                    if stamp != self._bad_stamp:
                        log.error("reviewers file unreadable, nobody is let in until it is fixed: %s", exc.message)
                        self._bad_stamp = stamp
                    abort(503, "the reviewers file cannot be read; the operator must fix it")
                self._stamp, self._reviewers = stamp, reviewers
                if self.on_change is not None:
                    self.on_change(reviewers)
            return self._reviewers


@dataclass
class SignIn:
    """Everything the review views need to sign reviewers in and out (present only when sign-in is required)."""

    reviewers: ReviewerFile
    store: SessionStore
    lifetime: float
    per_user: int
    per_address: int
    window: float
    dummy_hash: str  # checked for unknown names too, so timing does not tell which names exist

    def reviewer(self, session_id: str | None) -> str | None:
        """The current reviewer behind a session id, or None."""
        return self.store.reviewer(session_id, self.reviewers.current())

    def begin(self, user: str, address: str) -> Attempt:
        """A sign-in attempt, throttled per user name and per address."""
        return self.store.begin_sign_in(user, address, per_user=self.per_user, per_address=self.per_address,
                                        window=self.window)

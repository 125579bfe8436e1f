"""Reviewer sessions and sign-in throttling that hold across gunicorn workers, instances and restarts.

The state lives in the case store's database (SQLite or PostgreSQL: tables review_sessions and sign_in_failures),
so every worker process and every instance sharing the store sees the same sessions and the same failure counts:
a session made in one worker is known to the others, a logout in one ends the session in all, and failed sign-ins
are counted once however an attacker spreads them. The cookie
(signed with VERIFY_SECRET_KEY) carries only a random session id; the store keeps its sha256, the reviewer, a
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
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from flask import abort
from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from verify_service.errors import ConfigError
from verify_service.review import load_reviewers
from verify_service.store import db
from verify_service.store.schema import review_sessions, sign_in_failures

log = logging.getLogger(__name__)
_SIGN_IN_LOCK = 0x7665726966790016  # pg_advisory_xact_lock key of the sign-in bookkeeping


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
    """Reviewer sessions and failed sign-ins in the case store's database, shared by every worker and instance."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE on SQLite); on PostgreSQL sign-in bookkeeping takes an advisory
        lock, so that a count and the row it reserves are one step in every worker and instance."""
        with db.writing(self.engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SIGN_IN_LOCK})
            yield conn

    def create(self, reviewer: str, password_hash: str, lifetime: float, now: float | None = None) -> str:
        """A new session for a reviewer who just signed in; returns the id for the cookie."""
        now = time.time() if now is None else now
        session_id = secrets.token_urlsafe(32)
        with self._transaction() as conn:
            conn.execute(delete(review_sessions).where(review_sessions.c.expires <= now))
            conn.execute(insert(review_sessions).values(id_hash=_sha256(session_id), reviewer=reviewer,
                                                        credential=_sha256(password_hash), expires=now + lifetime))
        return session_id

    def reviewer(self, session_id: str | None, reviewers: dict[str, str], now: float | None = None) -> str | None:
        """The reviewer of a live session, or None; a session that no longer holds is deleted."""
        if not isinstance(session_id, str) or not session_id:
            return None
        now = time.time() if now is None else now
        key = _sha256(session_id)
        with db.reading(self.engine) as conn:
            row = conn.execute(select(review_sessions.c.reviewer, review_sessions.c.credential,
                                      review_sessions.c.expires).where(review_sessions.c.id_hash == key)).first()
        if row is None:
            return None
        name, credential, expires = row
        digest = reviewers.get(name)
        if expires > now and digest is not None and hmac.compare_digest(_sha256(digest), credential):
            return name
        with db.writing(self.engine) as conn:
            conn.execute(delete(review_sessions).where(review_sessions.c.id_hash == key))
        return None

    def end(self, session_id: str | None) -> None:
        """Logout: the session id stops working in every worker."""
        if isinstance(session_id, str) and session_id:
            with db.writing(self.engine) as conn:
                conn.execute(delete(review_sessions).where(review_sessions.c.id_hash == _sha256(session_id)))

    def sweep(self, reviewers: dict[str, str]) -> int:
        """Delete the sessions of reviewers no longer in the file or whose password changed; returns how many."""
        with db.writing(self.engine) as conn:
            rows = conn.execute(select(review_sessions.c.id_hash, review_sessions.c.reviewer,
                                       review_sessions.c.credential)).all()
            dead = [id_hash for id_hash, name, credential in rows
                    if name not in reviewers or _sha256(reviewers[name]) != credential]
            if dead:
                conn.execute(delete(review_sessions).where(review_sessions.c.id_hash.in_(dead)))
        return len(dead)

    def begin_sign_in(self, user: str, address: str, *, per_user: int, per_address: int, window: float,
                      now: float | None = None) -> Attempt:
        """Let a sign-in through, counting it as a failure until `succeeded`, or hold it back when the user name
        or the address has had too many failures within the window."""
        now = time.time() if now is None else now
        # User names are hashed: they are whatever a caller typed, of any length.
        keys = ((f"user:{_sha256(user)}", per_user), (f"address:{address}", per_address))
        failures = sign_in_failures
        with self._transaction() as conn:
            conn.execute(delete(failures).where(failures.c.at <= now - window))
            wait = 0.0
            for key, limit in keys:
                count, oldest = conn.execute(select(func.count(), func.min(failures.c.at))
                                             .where(failures.c.key == key)).one()
                if count >= limit:
                    wait = max(wait, oldest + window - now)
            if wait > 0:
                return Attempt(False, retry_after=max(1, int(wait + 0.999)))
            # Reserved before the password is checked, so guesses running at once in other workers count too.
            rows = tuple(conn.execute(insert(failures).values(key=key, at=now).returning(failures.c.id)).scalar_one()
                         for key, _ in keys)
        return Attempt(True, rows=rows, user_key=keys[0][0])

    def succeeded(self, attempt: Attempt) -> None:
        """The password was right: the attempt was no failure, and the user name's earlier failures are forgiven
        (the address's are not, or one known account would reset an address's count)."""
        with self._transaction() as conn:
            conn.execute(delete(sign_in_failures).where(sign_in_failures.c.id.in_(attempt.rows)))
            conn.execute(delete(sign_in_failures).where(sign_in_failures.c.key == attempt.user_key))


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

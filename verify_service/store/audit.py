"""The tamper-evident audit trail: an append-only chain of entries in the store, each holding the SHA-256 of the
entry before it.

Every machine decision, claim, release, reviewer decision, review request, deletion and webhook delivery attempt
is appended in the same transaction as the change it records. An entry holds no personal data: request ids, API
key and reviewer names, decisions and codes, event ids, HTTP statuses. Its hash covers its sequence number, time,
action, case, actor, details and the previous entry's hash, so editing any entry breaks its own hash or the next
entry's link. Removing the last entries (or rewriting the tail consistently) leaves a valid chain behind: that is
what the head kept outside the database is for. The service logs `audit head SEQ:HASH` after every append, and
`python -m verify_service audit verify --head SEQ:HASH` checks that the chain still reaches that head."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from verify_service.store import db
from verify_service.store.schema import audit, audit_head

log = logging.getLogger("verify_service.audit")
GENESIS = "0" * 64  # the previous hash of the first entry


class Action:
    """What an entry records (a closed list; the README's audit table names each)."""

    MACHINE_DECISION = "machine_decision"
    CLAIM = "claim"
    RELEASE = "release"
    REVIEW_DECISION = "review_decision"
    REVIEW_REQUEST = "review_request"
    DELETION = "deletion"
    WEBHOOK_DELIVERY = "webhook_delivery"


@dataclass(frozen=True)
class Entry:
    """One audit entry as stored."""

    seq: int
    at: str
    action: str
    request_id: str | None
    actor: str
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        """The entry as exported (JSON Lines)."""
        return {"seq": self.seq, "at": self.at, "action": self.action, "request_id": self.request_id,
                "actor": self.actor, "details": self.details, "prev_hash": self.prev_hash, "hash": self.hash}


def canonical(value: Any) -> str:
    """The one JSON text of a value that is hashed: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(seq: int, at: str, action: str, request_id: str | None, actor: str, details_json: str,
               prev_hash: str) -> str:
    """SHA-256 of an entry's fields and its predecessor's hash."""
    body = canonical([seq, at, action, request_id, actor, details_json, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(conn: Connection, action: str, request_id: str | None, actor: str, details: dict[str, Any],
           now: dt.datetime | None = None) -> Entry:
    """Append one entry inside the caller's write transaction (db.writing()); the chain's head row is locked until
    it commits, so concurrent appends (other threads, processes or instances) queue behind it and the sequence has
    no gaps. The new head is logged after the commit, never for a transaction that rolls back."""
    at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="microseconds")
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
                        .with_for_update()).one()
    seq, details_json = head.seq + 1, canonical(details)
    digest = entry_hash(seq, at, action, request_id, actor, details_json, head.hash)
    conn.execute(audit.insert().values(seq=seq, at=at, action=action, request_id=request_id, actor=actor,
                                       details=details_json, prev_hash=head.hash, hash=digest))
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
    # For the operator to keep outside the database (a log shipper): `audit verify --head` checks against it.
    # Logged once the transaction has committed: a head logged before a rollback would name an entry that never
    # existed, and `audit verify --head` with it would fail on a sound chain.
    db.after_commit(conn, lambda: log.info("audit head %d:%s", seq, digest, extra={"audit_action": action}))
    return Entry(seq, at, action, request_id, actor, details, head.hash, digest)


class AuditError(Exception):
    """The store's audit head row is missing or unreadable (edited by hand)."""


def head(engine: Engine) -> tuple[int, str]:
    """The latest sequence number and hash (0 and the genesis hash for an empty chain); AuditError when the head
    row is missing or holds something that is not a sequence number and a hash."""
    with engine.connect() as conn:
        row = conn.execute(select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)).first()
    if row is None:
        raise AuditError("the store's audit head row (table audit_head, id 1) is missing: it was deleted")
    if not _is_seq(row.seq) or not isinstance(row.hash, str):
        raise AuditError(f"the store's audit head row was altered: its sequence number is {str(row.seq)[:40]!r}")
    return row.seq, row.hash


def _is_seq(value: Any) -> bool:
    """Whether a stored sequence number is one (SQLite keeps whatever text an UPDATE by hand puts there)."""
    return isinstance(value, int) and not isinstance(value, bool)


def entries(engine: Engine, batch: int = 1000) -> Iterator[Entry]:
    """Every entry in sequence order, read in batches."""
    last = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(select(audit).where(audit.c.seq > last).order_by(audit.c.seq).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield Entry(row.seq, row.at, row.action, row.request_id, row.actor, _details(row.details),
                        row.prev_hash, row.hash)
        last = rows[-1].seq


def _details(text: str) -> dict[str, Any]:
    """Stored details as a dict (an entry edited into something that is not JSON is still reported, not raised)."""
    try:
        value = json.loads(text)
    except ValueError:
        return {"unreadable": text}
    return value if isinstance(value, dict) else {"value": value}


@dataclass(frozen=True)
class Verdict:
    """What `verify` found: ok, how many entries, the last one, and the first problem in words."""

    ok: bool
    count: int
    last_seq: int
    last_hash: str
    problem: str | None = None
    bad_seq: int | None = None


def verify(engine: Engine, expected_head: tuple[int, str] | None = None) -> Verdict:
    """Walk the chain from the first entry: every entry's hash must be its own, and hold its predecessor's; the
    sequence must have no gaps; the chain must end where the store's head row says. With `expected_head` (kept
    outside the database), the entry of that sequence number must still exist with that hash. A missing or
    altered head row is a failed verdict too (after the chain itself, so an altered entry is still named)."""
    try:
        stored: tuple[int, str] | str = head(engine)
    except AuditError as exc:
        stored = str(exc)
    return check_chain(_raw_rows(engine), stored, expected_head)


def _raw_rows(engine: Engine, batch: int = 1000) -> Iterator[tuple]:
    """Every entry's stored fields, unparsed, in sequence order."""
    last = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(select(audit.c.seq, audit.c.at, audit.c.action, audit.c.request_id, audit.c.actor,
                                       audit.c.details, audit.c.prev_hash, audit.c.hash)
                                .where(audit.c.seq > last).order_by(audit.c.seq).limit(batch)).all()
        if not rows:
            return
        yield from (tuple(r) for r in rows)
        last = rows[-1][0]


def check_chain(rows: Iterable[tuple], stored_head: tuple[int, str] | str,
                expected_head: tuple[int, str] | None = None) -> Verdict:
    """The chain check on rows (seq, at, action, request_id, actor, details, prev_hash, hash) in sequence order;
    `stored_head` is the store's head row, or what is wrong with it."""
    prev_seq, prev_hash, count = 0, GENESIS, 0
    seen: dict[int, str] = {}
    want = expected_head[0] if expected_head else None
    for seq, at, action, request_id, actor, details, stored_prev, stored_hash in rows:
        count += 1
        if not _is_seq(seq):
            return Verdict(False, count, prev_seq, prev_hash,
                           f"an entry's sequence number was altered to {str(seq)[:40]!r} (entry {prev_seq + 1} or a "
                           f"later one)", prev_seq + 1)
        if seq != prev_seq + 1:
            return Verdict(False, count, prev_seq, prev_hash,
                           f"entries {prev_seq + 1} to {seq - 1} are missing (removed from the middle of the chain)",
                           prev_seq + 1)
        if entry_hash(seq, at, action, request_id, actor, details, stored_prev) != stored_hash:
            return Verdict(False, count, prev_seq, prev_hash,
                           f"entry {seq} was altered: its content does not give its hash", seq)
        if stored_prev != prev_hash:
            # Entry seq-1's content gives its stored hash, but this entry recorded another: the previous entry was
            # rewritten together with its hash.
            return Verdict(False, count, prev_seq, prev_hash,
                           f"entry {prev_seq} was altered: entry {seq} holds another hash for it", prev_seq)
        if seq == want:
            seen[seq] = stored_hash
        prev_seq, prev_hash = seq, stored_hash
    if expected_head is not None:
        seq, digest = expected_head
        if prev_seq < seq:
            return Verdict(False, count, prev_seq, prev_hash,
                           f"the chain ends at entry {prev_seq}, before the head {seq} kept outside: entries "
                           f"{prev_seq + 1} to {seq} (at least) were removed", prev_seq + 1)
        if seen.get(seq) != digest:
            return Verdict(False, count, prev_seq, prev_hash,
                           f"entry {seq} does not have the hash of the head kept outside: the chain from entry "
                           f"{seq} (at least) was rewritten", seq)
    if isinstance(stored_head, str):
        return Verdict(False, count, prev_seq, prev_hash, stored_head, None)
    if (prev_seq, prev_hash) != tuple(stored_head):
        return Verdict(False, count, prev_seq, prev_hash,
                       f"the chain ends at entry {prev_seq} but the store's head says {stored_head[0]}: entries were "
                       f"removed after {prev_seq}" if prev_seq < stored_head[0] else
                       f"the chain ends at entry {prev_seq}, which the store's head does not name", prev_seq + 1)
    return Verdict(True, count, prev_seq, prev_hash)


def parse_head(text: str) -> tuple[int, str]:
    """SEQ:HASH as `audit head` prints it."""
    seq, sep, digest = text.strip().partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError("expected SEQ:HASH as `audit head` prints it, e.g. 42:3f9a...")
    return int(seq), digest

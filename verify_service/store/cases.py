"""The case store, on SQLite (embedded default) or PostgreSQL (several instances), through SQLAlchemy Core.

Everything personal (the full result, the images, reviewer notes, webhook payloads) is Fernet-encrypted; only
what the list page shows is kept in clear, and that is masked (张*, 110108********001X).

The store knows its key: a canary sealed with it in the `meta` table is opened at start-up, so a wrong
VERIFY_STORE_KEY stops the service instead of sealing new cases with a key the old ones do not share. Old keys
(VERIFY_STORE_OLD_KEYS) still open what they sealed; `rotate()` re-seals everything with the current key.

Each case has an `owner` (the API key's name, "review-page", "local" without keys, "legacy" for cases kept
before owners existed); reads, review requests and deletes name the owner they act for, or None for an operator.

The review loop. A case's `state` is `decided` (a machine pass or reject), `awaiting_review` (in the queue: a
machine review, or a review someone asked for), `needs_more` (a reviewer asked for more) or `reviewed` (a
reviewer approved or rejected it); a live claim makes it `in_review` for everyone but the claimer until the claim
is released, decided or expires. Every change is recorded in the audit chain (audit.py) and, when it gives the
case a final decision and its owner has a webhook, queued in the outbox (webhooks.py delivers it) in the same
transaction."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select, update

from verify_service import explanations
from verify_service.codes import REVIEW_REASONS_FOR, CaseState, ReviewDecision, ReviewReasonCode
from verify_service.errors import ConfigError
from verify_service.pipeline.documents.cn_id_card.idnumber import mask
from verify_service.store import audit, db
from verify_service.store.audit import Action
from verify_service.store.schema import cases, deliveries, images, meta, outbox

CANARY = b"verify_service case store"
LOCAL_OWNER = "local"  # cases kept without API keys (loopback development)
REVIEW_PAGE_OWNER = "review-page"  # cases uploaded on the review page
LEGACY_OWNER = "legacy"  # cases kept before owners existed: only an operator may act on them
RESERVED_OWNERS = (LOCAL_OWNER, REVIEW_PAGE_OWNER, LEGACY_OWNER)  # no API key may be named so
REVIEW_DECISIONS = tuple(str(d) for d in ReviewDecision)
QUEUE_STATES = (CaseState.AWAITING_REVIEW, CaseState.IN_REVIEW, CaseState.NEEDS_MORE)  # listed oldest first
PAGE_SIZE = 50
_ROTATE_BATCH = 100  # rows re-sealed at a time: a store's images need not fit in memory together
# Every sealed column: (name, table, key column, sealed column).
_SEALED = (("cases", cases, cases.c.request_id, cases.c.result),
           ("notes", cases, cases.c.request_id, cases.c.review_note),
           ("images", images, None, images.c.data),
           ("events", outbox, outbox.c.event_id, outbox.c.payload))
_SEARCH = re.compile(r"[0-9A-Za-z]{1,64}")
_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
_CURSOR_TIME = re.compile(r"[0-9T:+.-]{10,40}")
MAX_CURSOR = 200  # characters: ours are about 100; a longer one is not ours (and is not parsed)


def mask_name(name: str | None) -> str | None:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: the surname's first character and one star per other character."""
    if not name:
        return None
    return name[0] + "*" * (len(name) - 1)


def stamp(now: dt.datetime) -> str:
    """A time as the store keeps it (ISO 8601, UTC, seconds)."""
    return now.astimezone(dt.UTC).isoformat(timespec="seconds")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ReviewConflict(Exception):
    """A reviewer acted on a case they do not hold (claimed by another, or not claimed), or with a reason code
    that does not go with the decision."""


class AlreadyReviewed(ReviewConflict):
    """The case was reviewed (approved or rejected): that decision is final, and the case cannot be claimed,
    decided again or sent back to the queue."""

    def __init__(self, request_id: str):
        super().__init__(f"case {request_id[:64]} was reviewed: its decision is final")


@dataclass(frozen=True)
class CaseSummary:
    """A row of the list page: nothing unmasked."""

    request_id: str
    created_at: str
    queued_at: str
    decision: str
    reason_codes: list[str]
    masked_name: str | None
    masked_id: str | None
    state: str
    claimed_by: str | None
    claimed_until: str | None
    review_decision: str | None
    review_reason: str | None
    reviewer: str | None
    reviewed_at: str | None


@dataclass(frozen=True)
class Filters:
    """What the queue may be narrowed to; every field optional."""

    state: str | None = CaseState.AWAITING_REVIEW
    reason_code: str | None = None
    decision: str | None = None
    created_from: dt.date | None = None
    created_to: dt.date | None = None  # inclusive
    search: str | None = None  # a request id or its beginning
    claimed_by: str | None = None  # with state in_review: one reviewer's claims


@dataclass(frozen=True)
class Page:
    """One page of the list and the cursor of the next (None on the last page)."""

    items: list[CaseSummary]
    next_cursor: str | None


@dataclass(frozen=True)
class DueEvent:
    """A webhook event a delivery worker has leased."""

    event_id: str
    request_id: str
    owner: str
    payload: bytes
    attempts: int
    created_at: str


@dataclass
class CaseStore:
    """Saves, lists, opens, claims, reviews, deletes and expires cases; keeps the outbox and the audit chain."""

    location: str | Path  # an SQLite file, or a postgresql:// URL
    key: bytes = field(repr=False)
    retention_days: int = 30
    old_keys: Iterable[bytes] = field(default=(), repr=False)
    claim_minutes: int = 30
    # Whether an owner's cases send webhook events (set by the app from the webhook settings); events are only
    # queued for owners that have a receiver.
    wants_events: Callable[[str], bool] = field(default=lambda owner: False, repr=False)
    notify: Callable[[], None] = field(default=lambda: None, repr=False)  # an event was queued (wakes delivery)

    def __post_init__(self):
        self.path: Path | None = None if db.is_url(self.location) else Path(self.location)
        self.engine = db.open_engine(self.location)
        # MultiFernet seals with the first key and opens with any: the old keys only ever decrypt.
        self.fernet = MultiFernet([Fernet(self.key), *(Fernet(k) for k in self.old_keys)])
        try:
            db.migrate(self.engine)
            self._check_key()
        except BaseException:
            self.engine.dispose()  # a store that refuses to open keeps no connection
            raise

    def close(self) -> None:
        """Close the pooled connections (PostgreSQL; SQLite keeps none)."""
        self.engine.dispose()

    def describe(self) -> str:
        """Where the store is, without a password."""
        return str(self.path) if self.path is not None else db.describe(str(self.location))

    # Keys ----------------------------------------------------------------------------------------------------

    def _check_key(self) -> None:
        """Refuse a key that did not seal this store; give a store without a canary one sealed with this key."""
        with db.writing(self.engine) as conn:
            row = conn.execute(select(meta.c.value).where(meta.c.name == "canary")).first()
            if row is None:
                # A store from before the canary: one of its rows tells whether this key is the one it was sealed
                # with; an empty store simply belongs to this key from now on.
                sample = conn.execute(select(cases.c.result).limit(1)).first()
                if sample is not None:
                    self._verify_token(sample[0])
                conn.execute(insert(meta).values(name="canary", value=self._seal(CANARY)))
                row = conn.execute(select(meta.c.value).where(meta.c.name == "canary")).first()
        self._verify_token(row[0])

    def _verify_token(self, token: bytes) -> None:
        """ConfigError unless one of the keys opens `token`."""
        try:
            self.fernet.decrypt(bytes(token))
        except InvalidToken:
            raise ConfigError(
                f"VERIFY_STORE_KEY does not open the case store {self.describe()}: it was sealed with another key. "
                "Start with the key it was made with, or set that key in VERIFY_STORE_OLD_KEYS beside the new one "
                "and run `python -m verify_service store rotate-key`") from None

    def _seal(self, data: bytes) -> bytes:
        """Encrypt with the current key."""
        return self.fernet.encrypt(data)

    def _open(self, token: bytes) -> bytes:
        """Decrypt with the current key or an old one."""
        try:
            return self.fernet.decrypt(bytes(token))
        except InvalidToken as exc:
            raise PermissionError("the store key does not open this case (VERIFY_STORE_KEY changed?)") from exc

    # Cases ---------------------------------------------------------------------------------------------------

    def save(self, request_id: str, result: dict, images_: dict[str, bytes], now: dt.datetime | None = None,
             owner: str = LOCAL_OWNER) -> None:
        """Keep one verification with its input images, as `owner`'s case: a machine pass or reject is decided
        (and its event queued), a review joins the queue."""
        now = now or utcnow()
        front = (result.get("id_card") or {}).get("front") or {}
        fields = front.get("fields") or {}
        name = (fields.get("name") or {}).get("value")
        number = (fields.get("id_number") or {}).get("value")
        codes = [r["code"] for r in result.get("reasons", [])]
        state = CaseState.AWAITING_REVIEW if result["decision"] == "review" else CaseState.DECIDED
        row = {"request_id": request_id, "created_at": stamp(now), "decision": result["decision"],
               "reason_codes": json.dumps(codes), "masked_name": mask_name(name), "masked_id": mask(number),
               "result": self._seal(json.dumps(result).encode()), "owner": owner, "state": str(state),
               "queued_at": stamp(now), "version": 1}
        with db.writing(self.engine) as conn:
            conn.execute(insert(cases).values(**row))
            if images_:
                conn.execute(insert(images), [{"request_id": request_id, "part": part, "data": self._seal(data)}
                                              for part, data in images_.items()])
            audit.append(conn, Action.MACHINE_DECISION, request_id, owner,
                         {"decision": result["decision"], "reason_codes": codes, "state": str(state)}, now)
            queued = state is CaseState.DECIDED and self._queue_event(
                conn, "case.decided", {**row, "review_decision": None, "review_reason": None, "reviewer": None,
                                       "reviewed_at": None, "review_requested_at": None}, result, now)
        if queued:
            self.notify()
        self.purge_expired(now)

    def page(self, filters: Filters = Filters(), cursor: str | None = None, limit: int = PAGE_SIZE,
             now: dt.datetime | None = None) -> Page:
        """One page of cases: the queue states oldest first (by when they joined the queue), the others newest
        first; `cursor` continues where the previous page ended."""
        now_s = stamp(now or utcnow())
        oldest_first = filters.state in QUEUE_STATES
        key = cases.c.queued_at if oldest_first else cases.c.created_at
        query = select(*_SUMMARY_COLUMNS, _effective_state(now_s).label("effective")).where(
            *self._conditions(filters, now_s))
        after = _decode_cursor(cursor)
        if after is not None:
            if oldest_first:
                query = query.where(or_(key > after[0], and_(key == after[0], cases.c.request_id > after[1])))
            else:
                query = query.where(or_(key < after[0], and_(key == after[0], cases.c.request_id < after[1])))
        order = (key.asc(), cases.c.request_id.asc()) if oldest_first else (key.desc(), cases.c.request_id.desc())
        with db.reading(self.engine) as conn:
            rows = conn.execute(query.order_by(*order).limit(limit + 1)).all()
        items = [_summary(r) for r in rows[:limit]]
        more = len(rows) > limit
        last = items[-1] if items else None
        next_cursor = (_encode_cursor(last.queued_at if oldest_first else last.created_at, last.request_id)
                       if more and last else None)
        return Page(items, next_cursor)

    def list(self, decision: str | None = None, limit: int = 200) -> list[CaseSummary]:
        """Recent cases, newest first, optionally of one machine decision."""
        return self.page(Filters(state=None, decision=decision), limit=limit).items

    @staticmethod
    def _conditions(filters: Filters, now_s: str) -> list:
        """WHERE clauses of the filters."""
        live = cases.c.claimed_until > now_s
        where: list = []
        if filters.state == CaseState.IN_REVIEW:
            where.append(live)
            if filters.claimed_by:
                where.append(cases.c.claimed_by == filters.claimed_by)
        elif filters.state:
            where += [cases.c.state == str(filters.state), or_(cases.c.claimed_until.is_(None), ~live)]
        if filters.reason_code:
            where.append(cases.c.reason_codes.contains(json.dumps(filters.reason_code), autoescape=True))
        if filters.decision:
            where.append(cases.c.decision == filters.decision)
        if filters.created_from:
            where.append(cases.c.created_at >= filters.created_from.isoformat())
        if filters.created_to and filters.created_to < dt.date.max:  # the last date there is: no upper bound
            where.append(cases.c.created_at < (filters.created_to + dt.timedelta(days=1)).isoformat())
        if filters.search:
            if not _SEARCH.fullmatch(filters.search):
                where.append(cases.c.request_id.is_(None))  # nothing matches what no request id can hold
            else:
                where.append(cases.c.request_id.startswith(filters.search.lower(), autoescape=True))
        return where

    def counts(self, now: dt.datetime | None = None) -> dict[str, int]:
        """How many cases are in each state now."""
        effective = _effective_state(stamp(now or utcnow()))
        with db.reading(self.engine) as conn:
            rows = conn.execute(select(effective, func.count()).group_by(effective)).all()
        found = {state: count for state, count in rows}
        return {str(s): found.get(str(s), 0) for s in CaseState}

    def get(self, request_id: str, now: dt.datetime | None = None) -> dict | None:
        """A case's full result, state, claim, review and image parts, decrypted; None when it does not exist."""
        now_s = stamp(now or utcnow())
        with db.reading(self.engine) as conn:
            row = conn.execute(select(cases).where(cases.c.request_id == request_id)).first()
            parts = list(conn.execute(select(images.c.part).where(images.c.request_id == request_id)).scalars())
        if row is None:
            return None
        claimed = row.claimed_until is not None and row.claimed_until > now_s
        return {"request_id": request_id, "created_at": row.created_at, "queued_at": row.queued_at,
                "result": json.loads(self._open(row.result)), "decision": row.decision, "state": row.state,
                "effective_state": str(CaseState.IN_REVIEW) if claimed else row.state,
                "claim": {"reviewer": row.claimed_by, "until": row.claimed_until} if claimed else None,
                "review": {"decision": row.review_decision, "reason_code": row.review_reason,
                           "note": self._open(row.review_note).decode() if row.review_note else None,
                           "reviewer": row.reviewer, "reviewed_at": row.reviewed_at},
                "review_requested_at": row.review_requested_at, "parts": parts, "owner": row.owner}

    def document(self, request_id: str, owner: str | None, include_note: bool = False,
                 now: dt.datetime | None = None) -> dict | None:
        """The case as GET /v1/cases/<request_id> answers it, for `owner` (None: an operator); None when it does
        not exist or is another owner's."""
        with db.reading(self.engine) as conn:
            row = conn.execute(select(cases).where(cases.c.request_id == request_id)).first()
        if row is None or (owner is not None and row.owner != owner):
            return None
        result = json.loads(self._open(row.result))
        note = self._open(row.review_note).decode() if include_note and row.review_note else None
        return case_document(row._asdict(), result, stamp(now or utcnow()), include_note, note)

    def image(self, request_id: str, part: str) -> bytes | None:
        """One input image, decrypted."""
        with db.reading(self.engine) as conn:
            row = conn.execute(select(images.c.data).where(images.c.request_id == request_id,
                                                           images.c.part == part)).first()
        return None if row is None else self._open(row[0])

    # Claims and reviews ----------------------------------------------------------------------------------------

    def claim(self, request_id: str, reviewer: str, now: dt.datetime | None = None) -> bool:
        """Take a case for `reviewer` for VERIFY_CLAIM_MINUTES (or extend their own claim); False when another
        reviewer holds a live claim on it, or it does not exist; AlreadyReviewed when it was reviewed (that decision
        is final). One conditional UPDATE: atomic on both backends (PostgreSQL re-checks the condition on the row
        it locked)."""
        now = now or utcnow()
        now_s, until = stamp(now), stamp(now + dt.timedelta(minutes=self.claim_minutes))
        with db.writing(self.engine) as conn:
            done = conn.execute(update(cases).where(
                cases.c.request_id == request_id, cases.c.state != str(CaseState.REVIEWED),
                or_(cases.c.claimed_until.is_(None), cases.c.claimed_until <= now_s, cases.c.claimed_by == reviewer),
            ).values(claimed_by=reviewer, claimed_until=until, version=cases.c.version + 1)).rowcount == 1
            if done:
                audit.append(conn, Action.CLAIM, request_id, reviewer, {"until": until}, now)
            elif conn.execute(select(cases.c.state).where(cases.c.request_id == request_id)).scalar() == \
                    CaseState.REVIEWED:
                raise AlreadyReviewed(request_id)
        return done

    def claim_next(self, reviewer: str, filters: Filters = Filters(), now: dt.datetime | None = None) -> str | None:
        """Claim the oldest case of the queue (as filtered) that nobody holds; its request id, or None when there is
        none. PostgreSQL: the candidate row is locked with SKIP LOCKED, so reviewers claiming at the same moment
        take different cases; SQLite: the write transaction holds the database's write lock."""
        now = now or utcnow()
        now_s, until = stamp(now), stamp(now + dt.timedelta(minutes=self.claim_minutes))
        if filters.state not in (CaseState.AWAITING_REVIEW, CaseState.NEEDS_MORE):
            filters = Filters(**{**filters.__dict__, "state": CaseState.AWAITING_REVIEW})
        with db.writing(self.engine) as conn:
            for _ in range(5):  # a row another instance took between our SELECT and UPDATE: take the next one
                found = conn.execute(
                    select(cases.c.request_id).where(*self._conditions(filters, now_s))
                    .order_by(cases.c.queued_at, cases.c.request_id).limit(1)
                    .with_for_update(skip_locked=True)).first()
                if found is None:
                    return None
                taken = conn.execute(update(cases).where(
                    cases.c.request_id == found[0],
                    or_(cases.c.claimed_until.is_(None), cases.c.claimed_until <= now_s),
                ).values(claimed_by=reviewer, claimed_until=until, version=cases.c.version + 1)).rowcount == 1
                if taken:
                    audit.append(conn, Action.CLAIM, found[0], reviewer, {"until": until}, now)
                    return found[0]
        return None

    def release(self, request_id: str, reviewer: str, now: dt.datetime | None = None) -> bool:
        """Give a claimed case back to the queue; False when `reviewer` does not hold it."""
        now = now or utcnow()
        with db.writing(self.engine) as conn:
            done = conn.execute(update(cases).where(
                cases.c.request_id == request_id, cases.c.claimed_by == reviewer,
                cases.c.claimed_until > stamp(now)).values(claimed_by=None, claimed_until=None,
                                                           version=cases.c.version + 1)).rowcount == 1
            if done:
                audit.append(conn, Action.RELEASE, request_id, reviewer, {}, now)
        return done

    def record_review(self, request_id: str, decision: str, reason_code: str, note: str, reviewer: str,
                      now: dt.datetime | None = None) -> bool:
        """A reviewer's decision with its reason code and note, by the reviewer who holds the case's claim (the
        claim ends with it); False when the case does not exist, ReviewConflict when the reviewer does not hold
        it or the reason code does not go with the decision, AlreadyReviewed when it was approved or rejected
        before (a reviewed case's decision is final: no second, contradicting event)."""
        if decision not in REVIEW_DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(REVIEW_DECISIONS)}")
        check_review_reason(decision, reason_code, note)
        now = now or utcnow()
        now_s = stamp(now)
        state = CaseState.NEEDS_MORE if decision == ReviewDecision.REQUEST_MORE else CaseState.REVIEWED
        with db.writing(self.engine) as conn:
            row = conn.execute(select(cases).where(cases.c.request_id == request_id).with_for_update()).first()
            if row is None:
                return False
            if row.state == CaseState.REVIEWED:  # approved or rejected: final, whoever claims it since
                raise AlreadyReviewed(request_id)
            if row.claimed_by != reviewer or row.claimed_until is None or row.claimed_until <= now_s:
                holder = row.claimed_by if row.claimed_until and row.claimed_until > now_s else None
                raise ReviewConflict(f"claimed by {holder}" if holder else "claim the case before deciding it")
            values = {"review_decision": decision, "review_reason": reason_code,
                      "review_note": self._seal(note.encode()) if note else None, "reviewer": reviewer,
                      "reviewed_at": now_s, "state": str(state), "claimed_by": None, "claimed_until": None,
                      "version": row.version + 1}
            conn.execute(update(cases).where(cases.c.request_id == request_id).values(**values))
            audit.append(conn, Action.REVIEW_DECISION, request_id, reviewer,
                         {"decision": decision, "reason_code": reason_code, "note": bool(note),
                          "state": str(state)}, now)
            queued = self._queue_event(conn, "case.reviewed", {**row._asdict(), **values},
                                       json.loads(self._open(row.result)), now)
        if queued:
            self.notify()
        return True

    def request_review(self, request_id: str, owner: str | None, actor: str,
                       now: dt.datetime | None = None) -> bool:
        """The applicant asks for a human to look at the case (PIPL Art. 24): it joins the queue, unless it is in
        it already. False when the case does not exist or is another owner's (`owner` None: an operator);
        AlreadyReviewed when a human has approved or rejected it (that decision is final)."""
        now = now or utcnow()
        with db.writing(self.engine) as conn:
            row = conn.execute(select(cases.c.owner, cases.c.state).where(cases.c.request_id == request_id)
                               .with_for_update()).first()
            if row is None or (owner is not None and row.owner != owner):
                return False
            if row.state == CaseState.REVIEWED:
                raise AlreadyReviewed(request_id)
            if row.state != CaseState.AWAITING_REVIEW:
                conn.execute(update(cases).where(cases.c.request_id == request_id).values(
                    state=str(CaseState.AWAITING_REVIEW), queued_at=stamp(now), review_requested_at=stamp(now),
                    version=cases.c.version + 1))
                audit.append(conn, Action.REVIEW_REQUEST, request_id, actor, {"from": row.state}, now)
        return True

    # Deletion ------------------------------------------------------------------------------------------------

    def delete(self, request_id: str, owner: str | None = None, actor: str = "operator",
               now: dt.datetime | None = None) -> bool:
        """Remove a case, its images, its queued events and delivery records (a data subject's request under PIPL;
        the audit entries stay: they hold no personal data); False when it does not exist or, with `owner`
        given, belongs to someone else (None: an operator, who may delete any case)."""
        with db.writing(self.engine) as conn:
            found = conn.execute(select(cases.c.owner).where(cases.c.request_id == request_id)
                                 .with_for_update()).first()
            if found is None or (owner is not None and found[0] != owner):
                return False
            self._delete(conn, [request_id])
            audit.append(conn, Action.DELETION, request_id, actor, {"why": "request"}, now)
        return True

    @staticmethod
    def _delete(conn: Connection, ids: list[str]) -> None:
        """Delete the rows of these cases from every table but the audit chain."""
        for table in (images, outbox, deliveries, cases):
            conn.execute(delete(table).where(table.c.request_id.in_(ids)))

    def purge_expired(self, now: dt.datetime | None = None) -> int:
        """Delete cases older than the retention period (each deletion audited); returns how many."""
        now = now or utcnow()
        cutoff = stamp(now - dt.timedelta(days=self.retention_days))
        total = 0
        while True:
            with db.writing(self.engine) as conn:
                ids = list(conn.execute(select(cases.c.request_id).where(cases.c.created_at < cutoff)
                                        .limit(_ROTATE_BATCH)).scalars())
                if not ids:
                    return total
                self._delete(conn, ids)
                for request_id in ids:
                    audit.append(conn, Action.DELETION, request_id, "retention",
                                 {"why": "retention", "days": self.retention_days}, now)
            total += len(ids)

    # Keys: rotation ------------------------------------------------------------------------------------------

    def rotate(self) -> dict[str, int]:
        """Re-seal every case, note, image, event and the canary with the current key, in one transaction."""
        counts = {}
        with db.writing(self.engine) as conn:
            for what, table, key_column, column in _SEALED:
                keys = [c for c in table.primary_key.columns] if key_column is None else [key_column]
                counts[what], last = 0, None
                while True:
                    query = select(*keys, column).where(column.is_not(None)).order_by(*keys).limit(_ROTATE_BATCH)
                    if last is not None:
                        query = query.where(_after(keys, last))
                    rows = conn.execute(query).all()
                    if not rows:
                        break
                    for row in rows:
                        conn.execute(update(table).where(*(k == v for k, v in zip(keys, row[:-1])))
                                     .values({column.name: self._rotated(row[-1])}))
                    counts[what], last = counts[what] + len(rows), tuple(rows[-1][:-1])
            conn.execute(update(meta).where(meta.c.name == "canary").values(value=self._seal(CANARY)))
        return counts

    def _rotated(self, token: bytes) -> bytes:
        """One token re-sealed with the current key; a token no key opens stops the rotation (nothing is lost)."""
        try:
            return self.fernet.rotate(bytes(token))
        except InvalidToken:
            raise ConfigError("a stored token opens with none of VERIFY_STORE_KEY and VERIFY_STORE_OLD_KEYS; "
                              "add the key that sealed it to VERIFY_STORE_OLD_KEYS (nothing was changed)") from None

    # Webhook outbox ------------------------------------------------------------------------------------------

    def _queue_event(self, conn: Connection, kind: str, row: dict, result: dict, now: dt.datetime) -> bool:
        """Queue the event of a final decision for the owner's webhook, in the transaction that made it; False
        when the owner has no webhook."""
        if not self.wants_events(row["owner"]):
            return False
        event_id = "evt_" + uuid.uuid4().hex
        body = {"id": event_id, "type": kind, "created_at": stamp(now), "key": key_name(row["owner"]),
                "case": case_document(row, result, stamp(now), include_note=False)}
        conn.execute(insert(outbox).values(
            event_id=event_id, request_id=row["request_id"], owner=row["owner"],
            payload=self._seal(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()),
            created_at=stamp(now), attempts=0, next_attempt_at=stamp(now), status="pending"))
        return True

    def due_events(self, worker: str, limit: int, lease_seconds: float,
                   now: dt.datetime | None = None) -> list[DueEvent]:
        """Lease up to `limit` events whose next attempt is due and that no live worker holds; a worker that
        dies lets its lease run out, and another takes the event then."""
        now = now or utcnow()
        now_s, until = stamp(now), stamp(now + dt.timedelta(seconds=lease_seconds))
        with db.writing(self.engine) as conn:
            rows = conn.execute(
                select(outbox.c.event_id, outbox.c.request_id, outbox.c.owner, outbox.c.payload, outbox.c.attempts,
                       outbox.c.created_at)
                .where(outbox.c.status == "pending", outbox.c.next_attempt_at <= now_s,
                       or_(outbox.c.leased_until.is_(None), outbox.c.leased_until <= now_s))
                .order_by(outbox.c.next_attempt_at, outbox.c.event_id).limit(limit)
                .with_for_update(skip_locked=True)).all()
            if rows:
                conn.execute(update(outbox).where(outbox.c.event_id.in_([r.event_id for r in rows]))
                             .values(leased_by=worker, leased_until=until))
        return [DueEvent(r.event_id, r.request_id, r.owner, self._open(r.payload), r.attempts, r.created_at)
                for r in rows]

    def renew_lease(self, event: DueEvent, worker: str, lease_seconds: float, now: dt.datetime | None = None) -> bool:
        """Hold a leased event for `lease_seconds` more, right before attempting it: one conditional UPDATE, so it
        succeeds only while the event is still this worker's, still pending and not attempted by anyone since it
        was leased. False: another worker took it when the batch's lease ran out (or it was delivered, given up or
        deleted) and this worker must not send it."""
        now = now or utcnow()
        with db.writing(self.engine) as conn:
            return conn.execute(update(outbox).where(
                outbox.c.event_id == event.event_id, outbox.c.leased_by == worker, outbox.c.status == "pending",
                outbox.c.attempts == event.attempts,
            ).values(leased_until=stamp(now + dt.timedelta(seconds=lease_seconds)))).rowcount == 1

    def record_attempt(self, event: DueEvent, worker: str, url: str, status_code: int | None, error: str | None,
                       duration_ms: int, next_attempt: dt.datetime | None, now: dt.datetime | None = None) -> str:
        """The outcome of one delivery attempt: delivered (a 2xx), retried at `next_attempt`, or given up
        (`next_attempt` None after a failure); returns the event's status. Every attempt that was made is
        recorded (a delivery row and an audit entry), also one whose lease another worker took meanwhile: its
        success still marks the event delivered, its failure leaves the event to the worker that holds it now.
        A delivered event stays delivered. "gone": the case was deleted meanwhile (the attempt is audited)."""
        now = now or utcnow()
        with db.writing(self.engine) as conn:
            row = conn.execute(select(outbox.c.attempts, outbox.c.status, outbox.c.leased_by)
                               .where(outbox.c.event_id == event.event_id).with_for_update()).first()
            if row is None:  # the case was deleted meanwhile, its events and delivery records with it
                audit.append(conn, Action.WEBHOOK_DELIVERY, event.request_id, "webhooks",
                             {"event_id": event.event_id, "attempt": event.attempts + 1,
                              "status_code": status_code, "outcome": "gone"}, now)
                return "gone"
            attempt, ours = row.attempts + 1, row.leased_by == worker
            values: dict[str, Any] = {"attempts": attempt}
            if row.status == "delivered":
                status = "delivered"
            elif error is None:
                status = "delivered"
                values.update(status=status, delivered_at=stamp(now))
                if ours or row.leased_by is None:
                    values.update(leased_by=None, leased_until=None)
            elif ours:
                status = "pending" if next_attempt is not None else "failed"
                values.update(status=status, leased_by=None, leased_until=None)
                if next_attempt is not None:
                    values["next_attempt_at"] = stamp(next_attempt)
            else:  # another worker holds the event now: its attempt decides what comes next
                status = row.status
            conn.execute(update(outbox).where(outbox.c.event_id == event.event_id).values(**values))
            conn.execute(insert(deliveries).values(
                event_id=event.event_id, request_id=event.request_id, attempt=attempt, at=stamp(now), url=url,
                status_code=status_code, error=error, duration_ms=duration_ms))
            audit.append(conn, Action.WEBHOOK_DELIVERY, event.request_id, "webhooks",
                         {"event_id": event.event_id, "attempt": attempt, "status_code": status_code,
                          "outcome": status if ours or error is None else "superseded"}, now)
        return status

    def release_leases(self, worker: str) -> int:
        """Give back the events a stopping worker leased and did not attempt, so that another worker (or the
        same service after its restart) sends them now rather than after the lease; how many."""
        with db.writing(self.engine) as conn:
            return conn.execute(update(outbox).where(outbox.c.leased_by == worker, outbox.c.status == "pending")
                                .values(leased_by=None, leased_until=None)).rowcount

    def events(self, request_id: str) -> list[dict]:
        """A case's webhook events, each with its delivery attempts (for the case page)."""
        with db.reading(self.engine) as conn:
            events = conn.execute(select(outbox.c.event_id, outbox.c.status, outbox.c.attempts, outbox.c.created_at,
                                         outbox.c.next_attempt_at, outbox.c.delivered_at)
                                  .where(outbox.c.request_id == request_id).order_by(outbox.c.created_at)).all()
            attempts = conn.execute(select(deliveries).where(deliveries.c.request_id == request_id)
                                    .order_by(deliveries.c.id)).all()
        return [{**e._asdict(), "deliveries": [a._asdict() for a in attempts if a.event_id == e.event_id]}
                for e in events]

    def pending_events(self) -> int:
        """How many events wait for delivery."""
        with db.reading(self.engine) as conn:
            query = select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
            return conn.execute(query).scalar_one()


def check_review_reason(decision: str, reason_code: str, note: str) -> None:
    """ReviewConflict unless the reason code is one of the contract's and goes with the decision (OTHER with a
    note)."""
    try:
        code = ReviewReasonCode(reason_code)
    except ValueError:
        raise ReviewConflict(f"unknown reason code {reason_code[:40]!r}") from None
    if ReviewDecision(decision) not in REVIEW_REASONS_FOR[code]:
        raise ReviewConflict(f"{code} does not go with {decision}")
    if code is ReviewReasonCode.OTHER and not note.strip():
        raise ReviewConflict("OTHER needs a note saying why")


_SUMMARY_COLUMNS = (cases.c.request_id, cases.c.created_at, cases.c.queued_at, cases.c.decision,
                    cases.c.reason_codes, cases.c.masked_name, cases.c.masked_id, cases.c.claimed_by,
                    cases.c.claimed_until, cases.c.review_decision, cases.c.review_reason, cases.c.reviewer,
                    cases.c.reviewed_at)


def _effective_state(now_s: str):
    """The state as everyone sees it now: in_review while a claim is live."""
    return case((cases.c.claimed_until > now_s, str(CaseState.IN_REVIEW)), else_=cases.c.state)


def _summary(row) -> CaseSummary:
    """A list row from a query of _SUMMARY_COLUMNS and the effective state."""
    live = row.effective == CaseState.IN_REVIEW
    return CaseSummary(row.request_id, row.created_at, row.queued_at, row.decision, json.loads(row.reason_codes),
                       row.masked_name, row.masked_id, row.effective, row.claimed_by if live else None,
                       row.claimed_until if live else None, row.review_decision, row.review_reason, row.reviewer,
                       row.reviewed_at)


def _after(keys: list, last: tuple):
    """Rows after `last` in the order of the key columns (a composite key's tuple order)."""
    if len(keys) == 1:
        return keys[0] > last[0]
    first, second = keys
    return or_(first > last[0], and_(first == last[0], second > last[1]))


def _encode_cursor(key: str, request_id: str) -> str:
    """An opaque cursor: where the page ended."""
    return base64.urlsafe_b64encode(json.dumps([key, request_id]).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> tuple[str, str] | None:
    """The position a cursor names; None for no cursor; ValueError for one that is not ours (only a time and a
    request id of safe characters get near the database)."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR:  # never decoded: deeply nested JSON would exhaust the parser's recursion
        raise ValueError("cursor is not one this list gave")
    try:
        key, request_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error, RecursionError):
        raise ValueError("cursor is not one this list gave") from None
    if not (isinstance(key, str) and _CURSOR_TIME.fullmatch(key) and isinstance(request_id, str)
            and valid_id(request_id)):
        raise ValueError("cursor is not one this list gave")
    return key, request_id


def valid_id(request_id: str) -> bool:
    """Whether a text can be a case id at all (the server's uuid4 hex; ids of older stores were clients'
    X-Request-IDs, of the same characters): anything else is no case, and never reaches the database (PostgreSQL
    refuses a NUL in text)."""
    return bool(_ID.fullmatch(request_id))


def key_name(owner: str) -> str | None:
    """The API key's name that owns a case, as its events name it; None for the review page's, loopback
    development's and legacy cases (no API key owns them)."""
    return None if owner in RESERVED_OWNERS else owner


def final_decision(state: str, machine: str, review_decision: str | None) -> str:
    """The decision in the API's vocabulary: the machine's while nobody was asked, review while a human is asked
    or more is asked for, and the reviewer's (approve -> pass, reject -> reject) once reviewed."""
    if state == CaseState.DECIDED:
        return machine
    if state == CaseState.REVIEWED:
        return "pass" if review_decision == ReviewDecision.APPROVE else "reject"
    return "review"


def case_document(row: dict, result: dict, now_s: str, include_note: bool, note: str | None = None) -> dict:
    """A case as the lender sees it (GET /v1/cases/<id> and webhook events): states, decisions, reason codes with
    their explanations, the case's version; never the documents' data (nor the reasons' messages, which may
    quote it)."""
    claimed = row.get("claimed_until") is not None and row["claimed_until"] > now_s
    review = None
    if row.get("review_decision"):
        review = {"decision": row["review_decision"], "reason_code": row.get("review_reason"),
                  "explanation": explanations.review(row.get("review_reason")), "reviewer": row["reviewer"],
                  "reviewed_at": row["reviewed_at"]}
        if include_note:
            review["note"] = note
    doc = {"case_id": row["request_id"], "created_at": row["created_at"],
           "state": str(CaseState.IN_REVIEW) if claimed else row["state"],
           "decision": final_decision(row["state"], row["decision"], row.get("review_decision")),
           "machine_decision": {"decision": row["decision"], "decided_at": row["created_at"],
                                # The code and its plain-language explanation only: a reason's free-text message
                                # can quote the documents (a birth date, an expiry date, an amount); the review
                                # page shows it, the lender's API and events never do (PIPL: minimum necessary).
                                "reasons": [{"code": r["code"], "explanation": explanations.reason(r["code"])}
                                            for r in result.get("reasons", [])]},
           "review": review, "review_requested_at": row.get("review_requested_at"),
           "version": row.get("version") or 1}
    if result.get("client_request_id"):
        doc["client_request_id"] = result["client_request_id"]
    return doc

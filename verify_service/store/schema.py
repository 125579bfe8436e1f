"""The store's tables as SQLAlchemy Core objects, for the queries (the migrations in migrations/versions/ make
them). Times are ISO 8601 text in UTC (`2026-11-01T12:00:00+00:00`), as the first SQLite stores kept them: they
sort as text, on both backends. Sealed columns hold Fernet tokens."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, Integer, LargeBinary, MetaData, Table, Text

metadata = MetaData()

cases = Table(
    "cases", metadata,
    Column("request_id", Text, primary_key=True),
    Column("created_at", Text, nullable=False),
    Column("decision", Text, nullable=False),  # the machine's decision: pass, review, reject
    Column("reason_codes", Text, nullable=False),  # JSON list of the machine's reason codes
    Column("masked_name", Text),
    Column("masked_id", Text),
    Column("result", LargeBinary, nullable=False),  # sealed: the whole answer of /v1/verify
    Column("review_decision", Text),  # approve, reject, request_more
    Column("review_note", LargeBinary),  # sealed
    Column("reviewer", Text),
    Column("reviewed_at", Text),
    Column("owner", Text, nullable=False),
    # The review loop (migration 0002).
    Column("state", Text, nullable=False),  # decided, awaiting_review, needs_more, reviewed (in_review: a live claim)
    Column("queued_at", Text, nullable=False),  # when it last joined the queue (created_at otherwise)
    Column("claimed_by", Text),
    Column("claimed_until", Text),
    Column("review_reason", Text),  # the reviewer's reason code
    Column("review_requested_at", Text),
    Column("version", Integer, nullable=False),  # grows with every recorded change (migration 0004)
)

images = Table(
    "images", metadata,
    Column("request_id", Text, primary_key=True),
    Column("part", Text, primary_key=True),
    Column("data", LargeBinary, nullable=False),  # sealed
)

meta = Table(
    "meta", metadata,
    Column("name", Text, primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

# Webhook events waiting for delivery, and those delivered or given up (kept for the case page until retention).
outbox = Table(
    "outbox", metadata,
    Column("event_id", Text, primary_key=True),  # the idempotency id the receiver dedupes on
    Column("request_id", Text, nullable=False),
    Column("owner", Text, nullable=False),  # whose webhook receives it (resolved at each attempt)
    Column("payload", LargeBinary, nullable=False),  # sealed: the JSON body, sent byte for byte on every attempt
    Column("created_at", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", Text, nullable=False),
    Column("status", Text, nullable=False),  # pending, delivered, failed (given up)
    Column("leased_by", Text),  # the worker delivering it now ...
    Column("leased_until", Text),  # ... until then (a worker that died releases it by the clock)
    Column("delivered_at", Text),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("event_id", Text, nullable=False),
    Column("request_id", Text, nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("at", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("status_code", Integer),  # the receiver's HTTP status, None when no answer came
    Column("error", Text),  # what went wrong (connection refused, timeout, HTTP 503), None on success
    Column("duration_ms", Integer, nullable=False),
)

# The audit chain: each entry holds the previous entry's hash; `audit_head` is the chain's tip, one row, locked by
# every append so that sequence numbers have no gaps and no two appends share a predecessor.
audit = Table(
    "audit", metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("request_id", Text),
    Column("actor", Text, nullable=False),
    Column("details", Text, nullable=False),  # canonical JSON, no personal data
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)

audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", Text, nullable=False),
)

# Reviewer sessions (sha256 of the cookie's random id) and failed sign-ins, shared by every worker and instance.
review_sessions = Table(
    "review_sessions", metadata,
    Column("id_hash", Text, primary_key=True),
    Column("reviewer", Text, nullable=False),
    Column("credential", Text, nullable=False),  # sha256 of the reviewer's password hash at sign-in
    Column("expires", Float, nullable=False),
)

sign_in_failures = Table(
    "sign_in_failures", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False),
    Column("at", Float, nullable=False),
)

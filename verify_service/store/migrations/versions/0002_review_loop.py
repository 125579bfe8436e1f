"""The review loop (issue 15): case states, claims and review requests; the webhook outbox and its delivery
attempts; the audit chain.

Existing cases get the state their review columns imply: a reviewer's approve or reject is `reviewed`, a request
for more is `needs_more`, an unreviewed machine `review` is `awaiting_review` (it joins the queue, oldest first by
its creation time), a machine pass or reject is `decided`.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("state", sa.Text, nullable=False, server_default="decided"))
        batch.add_column(sa.Column("queued_at", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("claimed_by", sa.Text))
        batch.add_column(sa.Column("claimed_until", sa.Text))
        batch.add_column(sa.Column("review_reason", sa.Text))
        batch.add_column(sa.Column("review_requested_at", sa.Text))
    op.execute("""
        UPDATE cases SET queued_at = created_at, state = CASE
            WHEN review_decision IN ('approve', 'reject') THEN 'reviewed'
            WHEN review_decision = 'request_more' THEN 'needs_more'
            WHEN decision = 'review' THEN 'awaiting_review'
            ELSE 'decided' END
    """)
    op.create_index("cases_queue", "cases", ["state", "queued_at", "request_id"])
    op.create_index("cases_owner", "cases", ["owner"])

    op.create_table(
        "outbox",
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("request_id", sa.Text, nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False, server_default="pending"),
        sa.Column("leased_by", sa.Text),
        sa.Column("leased_until", sa.Text),
        sa.Column("delivered_at", sa.Text),
    )
    op.create_index("outbox_due", "outbox", ["status", "next_attempt_at"])
    op.create_index("outbox_case", "outbox", ["request_id"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("request_id", sa.Text, nullable=False),
        sa.Column("attempt", sa.Integer, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("status_code", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("duration_ms", sa.Integer, nullable=False),
    )
    op.create_index("deliveries_case", "deliveries", ["request_id", "id"])

    op.create_table(
        "audit",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("request_id", sa.Text),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.Text, nullable=False),
        sa.Column("hash", sa.Text, nullable=False),
    )
    op.create_index("audit_case", "audit", ["request_id"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.Text, nullable=False),
    )
    op.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '" + "0" * 64 + "')")

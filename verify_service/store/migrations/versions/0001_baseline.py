"""The store as it was before the review loop (5cd6775): cases with owners, images, the key canary.

Stores made before Alembic have these tables already, or an older form of them (no owner column, no meta table):
each is made only when missing, and `owner` added where it is missing, so every earlier store arrives at the same
schema without losing a row.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    if "cases" not in tables:
        op.create_table(
            "cases",
            sa.Column("request_id", sa.Text, primary_key=True),
            sa.Column("created_at", sa.Text, nullable=False),
            sa.Column("decision", sa.Text, nullable=False),
            sa.Column("reason_codes", sa.Text, nullable=False),
            sa.Column("masked_name", sa.Text),
            sa.Column("masked_id", sa.Text),
            sa.Column("result", sa.LargeBinary, nullable=False),
            sa.Column("review_decision", sa.Text),
            sa.Column("review_note", sa.LargeBinary),
            sa.Column("reviewer", sa.Text),
            sa.Column("reviewed_at", sa.Text),
            sa.Column("owner", sa.Text, nullable=False, server_default="legacy"),
        )
        op.create_index("cases_created", "cases", ["created_at"])
    elif "owner" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("cases")}:
        # Cases kept before owners existed belong to nobody's key: only an operator may act on them.
        op.add_column("cases", sa.Column("owner", sa.Text, nullable=False, server_default="legacy"))
    if "images" not in tables:
        op.create_table(
            "images",
            sa.Column("request_id", sa.Text, sa.ForeignKey("cases.request_id", ondelete="CASCADE"),
                      primary_key=True),
            sa.Column("part", sa.Text, primary_key=True),
            sa.Column("data", sa.LargeBinary, nullable=False),
        )
    if "meta" not in tables:
        op.create_table(
            "meta",
            sa.Column("name", sa.Text, primary_key=True),
            sa.Column("value", sa.LargeBinary, nullable=False),
        )

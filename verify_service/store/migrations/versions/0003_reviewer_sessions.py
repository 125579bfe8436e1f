"""Reviewer sessions and failed sign-ins move into the store (they were a SQLite file of their own beside it), so
that every instance sharing a PostgreSQL store shares them too: a reviewer signed in on one instance is signed in
on all, a sign-out ends the session on all, and sign-in throttling counts across all. Sessions of the old file are
not carried over: reviewers sign in once more after the upgrade.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_sessions",
        sa.Column("id_hash", sa.Text, primary_key=True),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("credential", sa.Text, nullable=False),
        sa.Column("expires", sa.Float, nullable=False),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("failures_key", "sign_in_failures", ["key", "at"])
    op.create_index("failures_at", "sign_in_failures", ["at"])

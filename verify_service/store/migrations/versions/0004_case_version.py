"""A per-case version: it grows with every recorded change of a case (its machine decision, claims, releases,
reviewer decisions, review requests) and is sent in GET /v1/cases and in every webhook event, so that a lender
applies an event only if its version is newer than what it holds (events may arrive late or out of order).
Existing cases start at 1.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))

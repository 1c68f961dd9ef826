"""Feedback votes: "Hjälpte det här?" per article and per FAQ question.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

One row per browser, article and question: a changed mind updates the row. The browser is known
only by a salted hash of its random token; no IP address, no user name.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "feedback_votes",
        sa.Column("id", EVENT_ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.Text(), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("query", sa.Text(), nullable=True),
        sa.Column("voter", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback_votes"),
        sa.UniqueConstraint("voter", "article_id", "anchor", name="uq_feedback_votes_voter"),
    )
    op.create_index("ix_feedback_votes_article_id", "feedback_votes", ["article_id"])
    op.create_index("ix_feedback_votes_created_at", "feedback_votes", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_feedback_votes_created_at", table_name="feedback_votes")
    op.drop_index("ix_feedback_votes_article_id", table_name="feedback_votes")
    op.drop_table("feedback_votes")

"""Insights: needs from employees, reply-link events, staff accounts, weekly totals.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Needs are what readers say they were looking for; reply-link events count "Kopiera länk" presses
and visits through a copied link; staff accounts hold a login, an argon2 hash and the owner whose
articles the insights pages open on; weekly totals are what survives `fokus db prune`. Votes get
`handled_at`, set when staff clear a comment from the list. Indexes serve the insights pages'
period queries (see bench/insights_bench.py).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_index("ix_search_events_period", "search_events", ["created_at", "query", "hits"])
    op.create_index("ix_click_events_period", "click_events", ["created_at", "query"])
    with op.batch_alter_table("feedback_votes") as batch:
        batch.add_column(sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_feedback_votes_updated_at", "feedback_votes", ["updated_at"])

    op.create_table(
        "needs",
        sa.Column("id", EVENT_ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_needs"),
    )
    op.create_index("ix_needs_created_at", "needs", ["created_at"])
    op.create_index("ix_needs_status", "needs", ["status"])

    op.create_table(
        "reply_link_events",
        sa.Column("id", EVENT_ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reply_link_events"),
    )
    op.create_index("ix_reply_link_events_created_at", "reply_link_events", ["created_at"])

    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_staff_accounts"),
        sa.UniqueConstraint("login", name="uq_staff_accounts_login"),
    )

    op.create_table(
        "weekly_totals",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("week", "metric", name="pk_weekly_totals"),
    )


def downgrade() -> None:
    op.drop_table("weekly_totals")
    op.drop_table("staff_accounts")
    op.drop_index("ix_reply_link_events_created_at", table_name="reply_link_events")
    op.drop_table("reply_link_events")
    op.drop_index("ix_needs_status", table_name="needs")
    op.drop_index("ix_needs_created_at", table_name="needs")
    op.drop_table("needs")
    op.drop_index("ix_feedback_votes_updated_at", table_name="feedback_votes")
    with op.batch_alter_table("feedback_votes") as batch:
        batch.drop_column("handled_at")
    op.drop_index("ix_click_events_period", table_name="click_events")
    op.drop_index("ix_search_events_period", table_name="search_events")

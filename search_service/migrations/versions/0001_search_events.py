"""Search and click events.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

What people search for (normalised query, filters, hits, time taken) and which result they open.
No column identifies a person. The tables are written out here rather than imported from
search_service.store, so this migration keeps creating exactly this schema when the code moves on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# BIGINT on PostgreSQL; on SQLite only INTEGER PRIMARY KEY is an auto-incrementing rowid.
EVENT_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "search_events",
        sa.Column("id", EVENT_ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("took_ms", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_events"),
    )
    op.create_index("ix_search_events_created_at", "search_events", ["created_at"])
    op.create_index("ix_search_events_query", "search_events", ["query"])

    op.create_table(
        "click_events",
        sa.Column("id", EVENT_ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("anchor", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_click_events"),
    )
    op.create_index("ix_click_events_created_at", "click_events", ["created_at"])
    op.create_index("ix_click_events_query", "click_events", ["query"])


def downgrade() -> None:
    op.drop_index("ix_click_events_query", table_name="click_events")
    op.drop_index("ix_click_events_created_at", table_name="click_events")
    op.drop_table("click_events")
    op.drop_index("ix_search_events_query", table_name="search_events")
    op.drop_index("ix_search_events_created_at", table_name="search_events")
    op.drop_table("search_events")

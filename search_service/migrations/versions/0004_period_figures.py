"""Period figures: searches and clicks summed up per UTC day and query; covering vote indexes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

The insights pages counted a 90-day period straight from the events, which took up to 0.7 s on
SQLite with a year of them (docs/benchmarks.md). From here on the store adds every search and
click to its day's row of `search_days` in the same transaction as the event; this migration
fills the table from the events already stored. The covering indexes 0003 made for the search
period queries are no longer read by anything and only slowed every insert, so they go.

Votes are spread too thinly over articles and days for a summary to shrink them; instead the
period queries get indexes they can read alone: one on (updated_at, article_id, anchor, helpful,
query), which also does the work of 0003's index on updated_at, and one on the comments only.

Upgrade with the old version of the service stopped (every worker upgrades at start anyway): a
search stored by old code after the fill would be missing from the summary.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The UTC day of a timestamp column: SQLite keeps UTC timestamps as text.
DAY_OF = {"sqlite": "date({column})",
          "postgresql": "CAST(({column} AT TIME ZONE 'UTC') AS DATE)"}

FILL = """
INSERT INTO search_days (day, query, searches, zero_results, clicks, max_hits, last_seen,
                         last_zero_result, last_hit, zero_result_category)
SELECT day, query, SUM(searches), SUM(zero_results), SUM(clicks), MAX(max_hits),
       MAX(last_seen), MAX(last_zero_result), MAX(last_hit), MAX(zero_result_category)
FROM (
    SELECT {search_day} AS day, query, COUNT(*) AS searches,
           SUM(CASE WHEN hits = 0 THEN 1 ELSE 0 END) AS zero_results, 0 AS clicks,
           MAX(hits) AS max_hits, MAX(created_at) AS last_seen,
           MAX(CASE WHEN hits = 0 THEN created_at END) AS last_zero_result,
           MAX(CASE WHEN hits > 0 THEN created_at END) AS last_hit,
           MAX(CASE WHEN hits = 0 THEN category END) AS zero_result_category
    FROM search_events GROUP BY {search_day}, query
    UNION ALL
    SELECT {click_day}, query, 0, 0, COUNT(*), 0, NULL, NULL, NULL, NULL
    FROM click_events GROUP BY {click_day}, query
) AS events
GROUP BY day, query
"""


def upgrade() -> None:
    op.create_table(
        "search_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("zero_results", sa.Integer(), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("max_hits", sa.Integer(), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_zero_result", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_hit", sa.DateTime(timezone=True), nullable=True),
        sa.Column("zero_result_category", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("day", "query", name="pk_search_days"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        # No event may be written between the fill and the commit without being counted.
        op.execute("LOCK TABLE search_events, click_events IN SHARE MODE")
    day = DAY_OF[dialect]
    op.execute(FILL.format(search_day=day.format(column="search_events.created_at"),
                           click_day=day.format(column="click_events.created_at")))
    op.drop_index("ix_click_events_period", table_name="click_events")
    op.drop_index("ix_search_events_period", table_name="search_events")

    op.create_index("ix_feedback_votes_period", "feedback_votes",
                    ["updated_at", "article_id", "anchor", "helpful", "query"])
    op.create_index("ix_feedback_votes_comments", "feedback_votes",
                    ["updated_at", "article_id", "anchor"],
                    sqlite_where=sa.text("comment IS NOT NULL"),
                    postgresql_where=sa.text("comment IS NOT NULL"))
    op.drop_index("ix_feedback_votes_updated_at", table_name="feedback_votes")


def downgrade() -> None:
    op.create_index("ix_feedback_votes_updated_at", "feedback_votes", ["updated_at"])
    op.drop_index("ix_feedback_votes_comments", table_name="feedback_votes")
    op.drop_index("ix_feedback_votes_period", table_name="feedback_votes")
    op.create_index("ix_search_events_period", "search_events", ["created_at", "query", "hits"])
    op.create_index("ix_click_events_period", "click_events", ["created_at", "query"])
    op.drop_table("search_days")

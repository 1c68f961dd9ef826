"""Alembic environment for the event store.

Migrations run only through `EventStore.upgrade()`, which passes its own open connection (inside
a transaction that holds the migration lock) as `config.attributes["connection"]`. There is no
alembic.ini and no second engine, so the app, the tests and a deployment all migrate the same way.
"""

from alembic import context

if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported; use EventStore.upgrade()")

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with EventStore(url).upgrade(), which passes a connection")

# Migration scripts spell out their tables instead of importing search_service.store, so an old
# migration keeps meaning what it meant; tests compare the result with the store's tables.
context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)

with context.begin_transaction():
    context.run_migrations()

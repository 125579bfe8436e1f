"""Alembic's environment for the case store: migrations run on the connection the store hands over
(store/db.py migrate), inside its transaction and under its lock; there is no alembic.ini."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

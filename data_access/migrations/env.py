"""Alembic environment: runs on a connection handed over by `data_access.migrate`,
or on `DATABASE_URL` when called as `alembic upgrade head`."""

from alembic import context

from data_access.engine import make_engine
from data_access.schema import metadata


def run_on(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    with make_engine().begin() as conn:
        run_on(conn)

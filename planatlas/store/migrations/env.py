"""Alembic environment: runs on the Atlas's open connection, or on PLANATLAS_DB from the CLI."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from planatlas import settings
from planatlas.store.engine import open_engine, parse_url
from planatlas.store.schema import Base, compared

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=compared,  # the search index is the migrations' own
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        run(given)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name)
    url = config.get_main_option("sqlalchemy.url") or str(settings.get("db"))
    engine = open_engine(parse_url(url))
    with engine.connect() as connection:
        run(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("planatlas-migreringer kjøres mot en database, ikke som SQL-skript")
run_online()

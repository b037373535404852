"""Opening a database: URL rules, SQLite pragmas, and migrating to the newest schema on open."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from planatlas.errors import StoreError

WRITE = "planatlas_write"  # execution option: a SQLite transaction that will write
_MIGRATION_LOCK = 727_311_001  # PostgreSQL advisory lock id held while migrating


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


# orjson reads the coding columns about four times faster than json: loading every statement
# of a large atlas (the views' snapshot) is mostly JSON decoding.
JSON_CODEC: dict[str, Any] = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL for what a user wrote; postgresql:// means psycopg 3."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain) :]
    try:
        return make_url(url)
    except ArgumentError as error:
        raise StoreError(f"ugyldig database-URL «{url}»: {error}") from error


def safe(url: URL) -> str:
    """The URL as it may be shown to a person: without the password, file names as written."""
    if url.get_backend_name() == "sqlite":
        return f"{url.drivername}://" + (f"/{url.database}" if url.database else "")
    return url.render_as_string(hide_password=True)


def open_engine(url: URL) -> Engine:
    """An engine for the URL, with SQLite set up for WAL, foreign keys and real transactions."""
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        args: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
            args["connect_timeout"] = 10
        return create_engine(url, connect_args=args, pool_pre_ping=True, **JSON_CODEC)
    except (NoSuchModuleError, ImportError) as error:
        raise StoreError(f"kan ikke bruke databasen {safe(url)}: {error}") from error


def _in_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or "mode=memory" in str(url.query)


def _sqlite_engine(url: URL) -> Engine:
    if _in_memory(url):
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}, **JSON_CODEC
        )
    else:
        engine = create_engine(url, connect_args={"timeout": 30}, **JSON_CODEC)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock at once, so two writers queue instead of failing late.
    immediate = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config() -> Config:
    """The Alembic configuration for the migrations shipped inside the package."""
    folder = Path(str(files("planatlas.store").joinpath("migrations")))
    config = Config()
    config.set_main_option("script_location", str(folder))
    return config


def migrate(engine: Engine, url: URL) -> None:
    """Bring the database to the newest schema; a fresh file or empty database gets all of it."""
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    heads = set(scripts.get_heads())
    known = {script.revision for script in scripts.walk_revisions()}
    try:
        with engine.execution_options(**{WRITE: True}).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK})
            current = set(MigrationContext.configure(conn).get_current_heads())
            if current == heads:
                return
            if current - known:  # written by a later planatlas than this one
                raise StoreError(
                    f"databasen {safe(url)} har en nyere skjemaversjon "
                    f"({', '.join(sorted(current))}) enn denne utgaven av planatlas kjenner"
                )
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except CommandError as error:
        raise StoreError(f"kunne ikke oppgradere databasen {safe(url)}: {error}") from error
    except SQLAlchemyError as error:
        raise StoreError(f"kan ikke åpne databasen {safe(url)}: {reason(error)}") from error


def reason(error: SQLAlchemyError) -> str:
    """The first line of what the database driver said."""
    origin = getattr(error, "orig", None) or error
    lines = str(origin).strip().splitlines()
    return lines[0] if lines else type(error).__name__

"""Backup and restore of a SQLite atlas with SQLite's online backup API: a consistent copy, page
by page, while the web app goes on reading and writing. PostgreSQL has its own tools, which
do it better than we could: `pg_dump -Fc DB > atlas.dump` and `pg_restore -c -d DB atlas.dump`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from planatlas.errors import ConfigError, StoreError
from planatlas.store.atlas import Atlas

PAGES = 1024  # pages copied per step, so that writers are not kept waiting long


def _database(atlas: Atlas) -> str:
    if atlas.backend != "sqlite":
        raise ConfigError(
            "planatlas backup og restore gjelder SQLite; for PostgreSQL: "
            "pg_dump -Fc DB > atlas.dump og pg_restore -c -d DB atlas.dump"
        )
    name = atlas.url.removeprefix("sqlite://").removeprefix("/")
    if not name or name == ":memory:":
        raise ConfigError("et atlas i minnet kan ikke sikkerhetskopieres; bruk en fil")
    return name


def backup(atlas: Atlas, target: Path) -> None:
    """Copy the atlas to `target` (a new SQLite file), consistent at one moment."""
    source = _database(atlas)
    if target.exists():
        raise ConfigError(f"{target} finnes fra før; velg et nytt filnavn", path=str(target))
    try:
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst, pages=PAGES)
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise StoreError(f"sikkerhetskopien feilet: {error}", path=str(target)) from error


def restore(atlas: Atlas, source: Path) -> None:
    """Replace the atlas's content with a backup's, in place (the same backup API, reversed)."""
    target = _database(atlas)
    try:
        with sqlite3.connect(source) as src:
            check = src.execute("SELECT version_num FROM alembic_version").fetchall()
            if not check:
                raise StoreError(
                    "filen er ikke en sikkerhetskopi av et planatlas", path=str(source)
                )
            atlas.close()
            with sqlite3.connect(target) as dst:
                src.backup(dst, pages=PAGES)
    except sqlite3.Error as error:
        raise StoreError(f"kunne ikke lese sikkerhetskopien: {error}", path=str(source)) from error

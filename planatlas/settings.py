"""Settings declared once, as data: name, default, help. Overridable by PLANATLAS_<NAME>."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///planatlas.db", "Database URL: a SQLite file or postgresql://..."),
    Setting("max_file_mb", 50, "Largest file ingest accepts, in megabytes."),
    Setting("max_unzipped_mb", 200, "Largest total size a DOCX/PPTX/ODT may unpack to."),
    Setting("max_zip_ratio", 100, "Largest compression ratio of one member of a zipped format."),
    Setting("max_pages", 2000, "Most pages read from one PDF."),
    Setting(
        "taxonomy", "", "Your own taxonomy file (topics, issues, lexicons); empty: the built-in."
    ),
    Setting(
        "model",
        "",
        "Coder model file (`planatlas train`); empty: the one shipped; `rules`: rules only.",
    ),
    Setting(
        "search", "index", "Search engine: index (a tantivy index beside the database) or database."
    ),
    Setting(
        "search_dir",
        "",
        "Folder for the search indexes of PostgreSQL atlases; empty: ~/.cache/planatlas/search.",
    ),
    Setting(
        "access",
        "public",
        "public: anyone reads the atlas (writing needs an account); closed: logged-in users only.",
    ),
    Setting(
        "secret_key", "", "Signs the session cookies; empty: one made once and kept in the db."
    ),
    Setting("secure_cookies", False, "Send the session cookie over HTTPS only (behind TLS)."),
    Setting(
        "login_attempts",
        5,
        "Failed logins for one user name (four times as many from one address) before it waits.",
    ),
    Setting("login_window_minutes", 15, "The window failed logins are counted in, in minutes."),
    Setting(
        "upload_workers", 1, "Worker processes that read and code uploads, off the request loop."
    ),
    Setting(
        "web_processes",
        1,
        "Server processes (`planatlas serve --workers` sets it); past 1, the upload page waits "
        "on its upload instead of polling the job, which only the process that took it knows.",
    ),
    Setting(
        "rate_limit",
        300,
        "Requests a minute from one client address (a burst of as many) before 429; 0: none.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """The setting's value: the environment variable PLANATLAS_<NAME> wins over the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(f"PLANATLAS_{name.upper()}")
    if raw is None:
        return setting.default
    if isinstance(setting.default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "ja", "on")
    return type(setting.default)(raw)

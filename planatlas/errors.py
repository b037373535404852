"""One exception hierarchy for everything planatlas reports to a user.

    PlanatlasError                 every error a user sees; stable .code, Norwegian .message
    ├── InputError                 a file that cannot be read as a policy document
    │   ├── EmptyFile
    │   ├── FileTooLarge
    │   ├── UnknownFormat
    │   ├── CorruptFile            broken PDF/DOCX/PPTX/ODT, undecodable text
    │   ├── EncryptedFile
    │   └── UnsafeFile             zip bombs, external entities, hostile markup
    ├── BadParameter               a value a person gave (a form, a query, a correction)
    ├── AccessError                who may do what (accounts/access.py)
    │   ├── LoginRequired          not logged in, or a bad user name, password or token
    │   ├── Forbidden              logged in, but not with the role or organisation needed
    │   └── Throttled              too many failed logins; wait
    ├── Conflict                   someone else changed the same thing first (optimistic lock)
    ├── ConfigError                bad settings, metadata sidecars or taxonomy files
    ├── StoreError                 the database refused or is out of date
    │   └── NotFound
    └── GoldError                  a gold file that does not follow the format

The CLI turns these into one line in one place (cli/__init__.py `Group`); the web app into
one JSON shape (or an error page) in one place (web/app.py).
"""

from __future__ import annotations


class PlanatlasError(Exception):
    code = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "path": self.path}


class InputError(PlanatlasError):
    code = "input"


class EmptyFile(InputError):
    code = "empty_file"


class FileTooLarge(InputError):
    code = "file_too_large"


class UnknownFormat(InputError):
    code = "unknown_format"


class CorruptFile(InputError):
    code = "corrupt_file"


class EncryptedFile(InputError):
    code = "encrypted_file"


class UnsafeFile(InputError):
    code = "unsafe_file"


class BadParameter(PlanatlasError):
    code = "bad_parameter"


class AccessError(PlanatlasError):
    code = "access"


class LoginRequired(AccessError):
    code = "login_required"


class Forbidden(AccessError):
    code = "forbidden"


class Throttled(AccessError):
    code = "throttled"


class Conflict(PlanatlasError):
    code = "conflict"


class ConfigError(PlanatlasError):
    code = "config"


class StoreError(PlanatlasError):
    code = "store"


class NotFound(StoreError):
    code = "not_found"


class GoldError(PlanatlasError):
    code = "gold"

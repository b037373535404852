"""The roles and the viewer a request or a command is made as.

admin    the whole atlas: users, organisations, every document, follow-up and contact list
editor   their organisation's documents, follow-up and contacts
member   reads their organisation's private documents, follow-up notes and contacts
(anonymous readers have no account: they read what is public, when the atlas is public)
"""

from __future__ import annotations

from dataclasses import dataclass

from planatlas.errors import BadParameter

ROLES = ("admin", "editor", "member")
ANONYMOUS_ROLE = "anonymous"


def check_role(role: str) -> str:
    if role not in ROLES:
        raise BadParameter(f"ukjent rolle «{role}»: bruk {', '.join(ROLES)}")
    return role


@dataclass(frozen=True)
class Viewer:
    """Whoever a request is made as; the default is an anonymous reader."""

    username: str | None = None
    name: str = ""
    role: str = ANONYMOUS_ROLE
    organisation_id: int | None = None
    organisation: str | None = None
    user_id: int | None = None
    via_token: bool = False

    @property
    def logged_in(self) -> bool:
        return self.username is not None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_editor(self) -> bool:
        return self.role in ("admin", "editor")

    def reads(self, organisation_id: int | None) -> bool:
        """Whether the viewer may read an organisation's private data."""
        return self.is_admin or (
            organisation_id is not None
            and organisation_id == self.organisation_id
            and self.role in ("editor", "member")
        )

    def edits(self, organisation_id: int | None) -> bool:
        """Whether the viewer may change an organisation's documents, follow-up and contacts."""
        return self.is_admin or (
            organisation_id is not None
            and organisation_id == self.organisation_id
            and self.role == "editor"
        )


ANONYMOUS = Viewer()

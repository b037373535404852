"""Accounts in the atlas's database: organisations, users, tokens, failed logins, who owns
which document, and the audit log of who wrote what and when.

Every function takes the Atlas and runs in one transaction of its own.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from planatlas import settings
from planatlas.accounts import passwords
from planatlas.accounts.roles import Viewer, check_role
from planatlas.accounts.tokens import new_token, shown_prefix, token_hash
from planatlas.errors import BadParameter, LoginRequired, NotFound, Throttled
from planatlas.records import Document
from planatlas.store import Atlas
from planatlas.store.schema import (
    ActorRow,
    AuditRow,
    DocumentAccessRow,
    DocumentRow,
    LoginFailureRow,
    OrganisationRow,
    SecretRow,
    TokenRow,
    UserRow,
    utcnow,
)
from planatlas.store.write import identity

ADDRESS_FACTOR = 4  # one address may fail this many times more often than one user name


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    actor: str | None


@dataclass(frozen=True)
class User:
    id: int
    username: str
    name: str
    role: str
    organisation_id: int | None
    organisation: str | None
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class Token:
    id: int
    user_id: int
    username: str
    organisation_id: int | None
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


# --- organisations


def add_organisation(atlas: Atlas, name: str, actor: str | None = None) -> Organisation:
    name = " ".join(name.split())
    if not name:
        raise BadParameter("organisasjonen må ha et navn")

    def run(conn: Connection) -> Organisation:
        if conn.execute(select(OrganisationRow.id).where(OrganisationRow.name == name)).first():
            raise BadParameter(f"organisasjonen «{name}» finnes allerede")
        values = {"name": name, "actor": actor or name}
        new = conn.execute(insert(OrganisationRow).returning(OrganisationRow.id), values)
        return Organisation(int(new.scalar_one()), name, actor or name)

    return atlas.writing(run)


def organisations(atlas: Atlas) -> list[Organisation]:
    stmt = select(OrganisationRow.id, OrganisationRow.name, OrganisationRow.actor).order_by(
        OrganisationRow.name
    )
    return atlas.reading(lambda conn: [Organisation(*row) for row in conn.execute(stmt)])


def organisation(atlas: Atlas, ref: str | int) -> Organisation:
    """An organisation by id or name."""
    for found in organisations(atlas):
        if ref in (found.id, found.name) or str(ref) == str(found.id):
            return found
    raise NotFound(f"fant ikke organisasjonen «{ref}»")


# --- users


def _user_select() -> Any:
    return select(
        UserRow.id,
        UserRow.username,
        UserRow.name,
        UserRow.role,
        UserRow.organisation_id,
        OrganisationRow.name,
        UserRow.active,
        UserRow.created_at,
    ).outerjoin(OrganisationRow, OrganisationRow.id == UserRow.organisation_id)


def add_user(
    atlas: Atlas,
    username: str,
    password: str,
    role: str,
    organisation: str | int | None = None,
    name: str | None = None,
) -> User:
    """A new user; editors and members belong to an organisation, admins may."""
    username = _username(username)
    check_role(role)
    hashed = passwords.hash_password(password)
    org = None if organisation in (None, "") else _org_of(atlas, organisation)
    if org is None and role != "admin":
        raise BadParameter("redaktører og medlemmer må høre til en organisasjon (--organisation)")

    def run(conn: Connection) -> int:
        if conn.execute(select(UserRow.id).where(UserRow.username == username)).first():
            raise BadParameter(f"brukeren «{username}» finnes allerede")
        values = {
            "username": username,
            "name": (name or username).strip()[:200],
            "password_hash": hashed,
            "role": role,
            "organisation_id": org.id if org else None,
            "active": True,
            "session_epoch": 0,
        }
        return int(conn.execute(insert(UserRow).returning(UserRow.id), values).scalar_one())

    user_id = atlas.writing(run)
    audit(atlas, "planatlas", "user.add", username, {"role": role})
    return user(atlas, user_id)


def _org_of(atlas: Atlas, ref: str | int) -> Organisation:
    return organisation(atlas, ref)


def _username(username: str) -> str:
    username = username.strip().lower()
    if not username or len(username) > 100 or not all(c.isalnum() or c in "._-@" for c in username):
        raise BadParameter("brukernavnet kan ha bokstaver, tall og . _ - @ (høyst 100 tegn)")
    return username


def users(atlas: Atlas) -> list[User]:
    stmt = _user_select().order_by(UserRow.username)
    return atlas.reading(lambda conn: [User(*row) for row in conn.execute(stmt)])


def user(atlas: Atlas, ref: str | int) -> User:
    """A user by id or user name."""
    where = UserRow.id == ref if isinstance(ref, int) else UserRow.username == ref.strip().lower()
    row = atlas.reading(lambda conn: conn.execute(_user_select().where(where)).first())
    if row is None:
        raise NotFound(f"fant ikke brukeren «{ref}»")
    return User(*row)


def set_password(atlas: Atlas, username: str, password: str) -> None:
    """A new password; the user's other sessions end."""
    hashed = passwords.hash_password(password)
    found = user(atlas, username)
    atlas.writing(
        lambda conn: conn.execute(
            update(UserRow)
            .where(UserRow.id == found.id)
            .values(password_hash=hashed, session_epoch=UserRow.session_epoch + 1)
        )
    )
    audit(atlas, found.username, "user.password", found.username, {})


def viewer_of(user: User, *, via_token: bool = False, organisation_id: int | None = None) -> Viewer:
    org = user.organisation_id if organisation_id is None else organisation_id
    return Viewer(user.username, user.name, user.role, org, user.organisation, user.id, via_token)


def session_viewer(atlas: Atlas, user_id: int, epoch: int) -> Viewer | None:
    """The viewer a session cookie stands for, if the user is active and the session current."""
    stmt = _user_select().add_columns(UserRow.session_epoch).where(UserRow.id == user_id)
    row = atlas.reading(lambda conn: conn.execute(stmt).first())
    if row is None or not row.active or row.session_epoch != epoch:
        return None
    return viewer_of(User(*row[:8]))


def session_epoch(atlas: Atlas, user_id: int) -> int:
    stmt = select(UserRow.session_epoch).where(UserRow.id == user_id)
    return int(atlas.reading(lambda conn: conn.execute(stmt).scalar_one()))


# --- logging in, with throttling


def authenticate(atlas: Atlas, username: str, password: str, address: str = "") -> User:
    """The user, when the password is right; LoginRequired when not, Throttled after too many
    failures for the name (or the address) within the window."""
    name = username.strip().lower()[:100]
    address = address[:64]
    now = utcnow()
    attempts = int(settings.get("login_attempts"))
    window = timedelta(minutes=int(settings.get("login_window_minutes")))

    def failures(conn: Connection) -> tuple[int, int]:
        since = LoginFailureRow.at >= now - window
        count = select(func.count()).select_from(LoginFailureRow).where(since)
        by_name = conn.execute(count.where(LoginFailureRow.username == name)).scalar_one()
        by_address = conn.execute(count.where(LoginFailureRow.address == address)).scalar_one()
        return int(by_name), int(by_address)

    by_name, by_address = atlas.reading(failures)
    if by_name >= attempts or (address and by_address >= attempts * ADDRESS_FACTOR):
        minutes = int(window.total_seconds() // 60)
        raise Throttled(f"for mange mislykkede innlogginger; vent {minutes} minutter og prøv igjen")
    stmt = select(UserRow.id, UserRow.password_hash, UserRow.active).where(UserRow.username == name)
    row = atlas.reading(lambda conn: conn.execute(stmt).first())
    ok = passwords.verify(row.password_hash if row else passwords.decoy(), password)
    if row is None or not ok or not row.active:
        values = {"username": name, "address": address, "at": now}
        atlas.writing(lambda conn: conn.execute(insert(LoginFailureRow), values))
        raise LoginRequired("feil brukernavn eller passord")
    atlas.writing(
        lambda conn: conn.execute(delete(LoginFailureRow).where(LoginFailureRow.username == name))
    )
    if passwords.needs_rehash(row.password_hash):
        rehashed = passwords.hash_password(password)
        atlas.writing(
            lambda conn: conn.execute(
                update(UserRow).where(UserRow.id == row.id).values(password_hash=rehashed)
            )
        )
    return user(atlas, int(row.id))


# --- API tokens


def create_token(
    atlas: Atlas, username: str, name: str, organisation: str | int | None = None
) -> tuple[str, Token]:
    """A new token for a user, scoped to their organisation (an admin's may name one, or none
    for the whole atlas); the token itself is returned once and never stored."""
    owner = user(atlas, username)
    org_id = owner.organisation_id
    if organisation not in (None, ""):
        chosen = organisation_of_ref(atlas, organisation)
        if not owner.role == "admin" and chosen != owner.organisation_id:
            raise BadParameter("en nøkkel kan bare gjelde brukerens egen organisasjon")
        org_id = chosen
    token = new_token()
    values = {
        "user_id": owner.id,
        "organisation_id": org_id,
        "name": (name or "nøkkel").strip()[:200],
        "token_hash": token_hash(token),
        "prefix": shown_prefix(token),
    }
    token_id = atlas.writing(
        lambda conn: int(conn.execute(insert(TokenRow).returning(TokenRow.id), values).scalar_one())
    )
    audit(atlas, owner.username, "token.create", str(token_id), {"name": values["name"]})
    return token, next(t for t in tokens(atlas, owner.username) if t.id == token_id)


def organisation_of_ref(atlas: Atlas, ref: str | int) -> int:
    return organisation(atlas, ref).id


def tokens(atlas: Atlas, username: str | None = None) -> list[Token]:
    stmt = (
        select(
            TokenRow.id,
            TokenRow.user_id,
            UserRow.username,
            TokenRow.organisation_id,
            TokenRow.name,
            TokenRow.prefix,
            TokenRow.created_at,
            TokenRow.last_used_at,
            TokenRow.revoked_at,
        )
        .join(UserRow, UserRow.id == TokenRow.user_id)
        .order_by(TokenRow.id)
    )
    if username is not None:
        stmt = stmt.where(UserRow.username == username.strip().lower())
    return atlas.reading(lambda conn: [Token(*row) for row in conn.execute(stmt)])


def revoke_token(atlas: Atlas, token_id: int, by: str) -> None:
    done = atlas.writing(
        lambda conn: (
            conn.execute(
                update(TokenRow)
                .where(TokenRow.id == token_id, TokenRow.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            ).rowcount
        )
    )
    if not done:
        raise NotFound(f"fant ingen gyldig nøkkel {token_id}")
    audit(atlas, by, "token.revoke", str(token_id), {})


def token_viewer(atlas: Atlas, token: str) -> Viewer:
    """The viewer a bearer token stands for; LoginRequired for an unknown or revoked one."""
    digest = token_hash(token)
    stmt = select(TokenRow.id, TokenRow.user_id, TokenRow.organisation_id).where(
        TokenRow.token_hash == digest, TokenRow.revoked_at.is_(None)
    )
    row = atlas.reading(lambda conn: conn.execute(stmt).first())
    if row is None or not secrets.compare_digest(digest, token_hash(token)):
        raise LoginRequired("ukjent eller tilbaketrukket API-nøkkel")
    owner = user(atlas, int(row.user_id))
    if not owner.active:
        raise LoginRequired("brukeren er ikke aktiv")
    atlas.writing(
        lambda conn: conn.execute(
            update(TokenRow).where(TokenRow.id == row.id).values(last_used_at=utcnow())
        )
    )
    return viewer_of(owner, via_token=True, organisation_id=row.organisation_id)


# --- who owns a document


def owner_of(atlas: Atlas, document_id: int) -> int | None:
    """The organisation that owns a document: the one it was uploaded for, else the one whose
    actor wrote it."""
    return atlas.reading(lambda conn: owner_in(conn, document_id))


def owner_in(conn: Connection, document_id: int) -> int | None:
    given = conn.execute(
        select(DocumentAccessRow.organisation_id).where(
            DocumentAccessRow.document_id == document_id
        )
    ).first()
    if given is not None and given[0] is not None:
        return int(given[0])
    by_actor = (
        select(OrganisationRow.id)
        .join(
            ActorRow,
            or_(ActorRow.name == OrganisationRow.actor, ActorRow.name == OrganisationRow.name),
        )
        .join(DocumentRow, DocumentRow.actor_id == ActorRow.id)
        .where(DocumentRow.id == document_id)
        .order_by(OrganisationRow.id)
        .limit(1)
    )
    found = conn.execute(by_actor).scalar()
    return int(found) if found is not None else None


def is_private(atlas: Atlas, document_id: int) -> bool:
    stmt = select(DocumentAccessRow.private).where(DocumentAccessRow.document_id == document_id)
    return bool(atlas.reading(lambda conn: conn.execute(stmt).scalar()))


def private_documents(atlas: Atlas) -> set[int]:
    stmt = select(DocumentAccessRow.document_id).where(DocumentAccessRow.private.is_(True))
    return atlas.reading(lambda conn: {int(i) for i in conn.execute(stmt).scalars()})


def set_owner(
    atlas: Atlas,
    document_id: int,
    organisation_id: int | None,
    *,
    private: bool = False,
    by: str | None = None,
) -> None:
    """Record which organisation a document belongs to, and whether it is private."""

    def run(conn: Connection) -> None:
        conn.execute(delete(DocumentAccessRow).where(DocumentAccessRow.document_id == document_id))
        conn.execute(
            insert(DocumentAccessRow),
            {"document_id": document_id, "organisation_id": organisation_id,
             "private": private, "uploaded_by": by},
        )  # fmt: skip

    atlas.writing(run)


def existing_document(atlas: Atlas, doc: Document) -> int | None:
    """The stored document a new one would become a version of, if any."""
    key = identity(doc)
    stmt = select(DocumentRow.id).where(DocumentRow.path_key == key)
    found = atlas.reading(lambda conn: conn.execute(stmt).scalar())
    return int(found) if found is not None else None


# --- the audit log


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    username: str
    action: str
    target: str
    details: dict[str, Any]


def audit(atlas: Atlas, username: str, action: str, target: str, details: dict[str, Any]) -> None:
    """Note who wrote what and when (never a password, a token or a contact's personal data)."""
    values = {"username": username, "action": action, "target": target, "details": details}
    atlas.writing(lambda conn: conn.execute(insert(AuditRow), values))


def audit_log(atlas: Atlas, limit: int = 200) -> list[AuditEntry]:
    stmt = (
        select(
            AuditRow.id,
            AuditRow.at,
            AuditRow.username,
            AuditRow.action,
            AuditRow.target,
            AuditRow.details,
        )
        .order_by(AuditRow.id.desc())
        .limit(limit)
    )
    return atlas.reading(lambda conn: [AuditEntry(*row) for row in conn.execute(stmt)])


# --- the cookie-signing secret


def signing_secret(atlas: Atlas) -> str:
    """The secret that signs session cookies: the setting, else one made once and kept."""
    given = str(settings.get("secret_key")).strip()
    if given:
        return given

    def run(conn: Connection) -> str:
        stmt = select(SecretRow.value).where(SecretRow.name == "session")
        found = conn.execute(stmt).scalar()
        if found is None:
            found = secrets.token_urlsafe(48)
            conn.execute(insert(SecretRow), {"name": "session", "value": found})
        return str(found)

    try:
        return atlas.writing(run)
    except Exception:  # another worker made it at the same moment
        return str(atlas.reading(lambda conn: conn.execute(
            select(SecretRow.value).where(SecretRow.name == "session")).scalar_one()))  # fmt: skip

"""Accounts in the store: passwords hashed with argon2, throttled logins, tokens hashed at rest
and revocable, roles and organisations, on SQLite and PostgreSQL."""

# ruff: noqa: F401, F811  (fixtures are imported from store_fixtures and named as arguments)

from __future__ import annotations

import pytest
from sqlalchemy import select
from store_fixtures import atlas_url, fresh_atlas, memory_atlas, plan

from planatlas.accounts import store as accounts
from planatlas.accounts.access import allows
from planatlas.accounts.roles import ANONYMOUS, Viewer
from planatlas.errors import BadParameter, LoginRequired, Throttled
from planatlas.store import Atlas
from planatlas.store.schema import TokenRow, UserRow

PASSWORD = "et-langt-passord"


def test_a_password_is_stored_as_an_argon2_hash(fresh_atlas: Atlas) -> None:
    accounts.add_organisation(fresh_atlas, "Foreningen")
    accounts.add_user(fresh_atlas, "Kari", PASSWORD, "editor", "Foreningen", "Kari Nordmann")
    stored = fresh_atlas.reading(
        lambda conn: conn.execute(select(UserRow.password_hash)).scalar_one()
    )
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.authenticate(fresh_atlas, "kari", PASSWORD).name == "Kari Nordmann"
    with pytest.raises(LoginRequired):
        accounts.authenticate(fresh_atlas, "kari", "feil-passord-123")


def test_editors_and_members_belong_to_an_organisation(fresh_atlas: Atlas) -> None:
    with pytest.raises(BadParameter, match="organisasjon"):
        accounts.add_user(fresh_atlas, "ola", PASSWORD, "editor")
    with pytest.raises(BadParameter, match="minst 10 tegn"):
        accounts.add_user(fresh_atlas, "ola", "kort", "admin")
    assert accounts.add_user(fresh_atlas, "ola", PASSWORD, "admin").role == "admin"
    with pytest.raises(BadParameter, match="finnes allerede"):
        accounts.add_user(fresh_atlas, "OLA", PASSWORD, "admin")


def test_logins_are_throttled_after_too_many_failures(
    memory_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANATLAS_LOGIN_ATTEMPTS", "3")
    accounts.add_user(memory_atlas, "kari", PASSWORD, "admin")
    for _ in range(3):
        with pytest.raises(LoginRequired):
            accounts.authenticate(memory_atlas, "kari", "gjetning-nummer-x", "10.0.0.1")
    with pytest.raises(Throttled, match="vent"):
        accounts.authenticate(memory_atlas, "kari", PASSWORD, "10.0.0.1")  # even the right one


def test_a_new_password_ends_other_sessions(memory_atlas: Atlas) -> None:
    user = accounts.add_user(memory_atlas, "kari", PASSWORD, "admin")
    epoch = accounts.session_epoch(memory_atlas, user.id)
    assert accounts.session_viewer(memory_atlas, user.id, epoch) is not None
    accounts.set_password(memory_atlas, "kari", "et-nytt-langt-passord")
    assert accounts.session_viewer(memory_atlas, user.id, epoch) is None
    assert accounts.authenticate(memory_atlas, "kari", "et-nytt-langt-passord").id == user.id


def test_tokens_are_hashed_at_rest_scoped_and_revocable(fresh_atlas: Atlas) -> None:
    org = accounts.add_organisation(fresh_atlas, "Foreningen")
    accounts.add_user(fresh_atlas, "kari", PASSWORD, "editor", "Foreningen")
    token, made = accounts.create_token(fresh_atlas, "kari", "skript")
    stored = fresh_atlas.reading(
        lambda conn: conn.execute(select(TokenRow.token_hash)).scalar_one()
    )
    assert token not in stored and len(stored) == 64
    viewer = accounts.token_viewer(fresh_atlas, token)
    assert viewer.username == "kari" and viewer.organisation_id == org.id and viewer.via_token
    accounts.revoke_token(fresh_atlas, made.id, "kari")
    with pytest.raises(LoginRequired):
        accounts.token_viewer(fresh_atlas, token)
    with pytest.raises(LoginRequired):
        accounts.token_viewer(fresh_atlas, token + "x")


def test_an_editor_edits_only_their_own_organisation() -> None:
    editor = Viewer("kari", role="editor", organisation_id=1)
    member = Viewer("mona", role="member", organisation_id=1)
    admin = Viewer("ada", role="admin")
    assert allows("org_write", editor, 1, False) and not allows("org_write", editor, 2, False)
    assert allows("org_read", member, 1, False) and not allows("org_write", member, 1, False)
    assert not allows("org_write", editor, None, False) and allows("org_write", admin, None, False)
    assert allows("read", ANONYMOUS, None, False) and not allows("read", ANONYMOUS, None, True)
    assert not allows("write", ANONYMOUS, None, False) and allows("write", editor, None, False)


def test_a_document_belongs_to_the_organisation_of_its_actor(fresh_atlas: Atlas) -> None:
    added = fresh_atlas.add(plan())
    org = accounts.add_organisation(fresh_atlas, "Helsepartiet")
    assert accounts.owner_of(fresh_atlas, added.document_id) == org.id
    other = accounts.add_organisation(fresh_atlas, "Redaksjonen")
    accounts.set_owner(fresh_atlas, added.document_id, other.id, private=True)
    assert accounts.owner_of(fresh_atlas, added.document_id) == other.id
    assert accounts.private_documents(fresh_atlas) == {added.document_id}

"""Contacts: the organisation's members only, consent recorded, deleted completely, CSV in and
out with the same columns, a person as a document's speaker; and the library."""

# ruff: noqa: F401, F811  (fixtures are imported from store_fixtures and named as arguments)

from __future__ import annotations

import pytest
from store_fixtures import memory_atlas, plan
from test_followup import viewers

from planatlas.accounts import store as accounts
from planatlas.errors import BadParameter, Conflict, Forbidden
from planatlas.export.tables import to_bytes
from planatlas.followup import contacts
from planatlas.questions.library import library
from planatlas.store import Atlas
from planatlas.store.schema import AuditRow, DocumentPersonRow


def test_contacts_are_the_organisations_own(memory_atlas: Atlas) -> None:
    who = viewers(memory_atlas)
    person = contacts.ContactIn(
        name="Ola  Folkevalgt",
        role="elected",
        body="county_council",
        place="Nordland",
        party="Helsepartiet",
        topics=["governance"],
        email="ola@example.org",
        consent=True,
        consent_note="skjema",
    )
    added = contacts.add_contact(memory_atlas, who["kari"], person)
    assert added.name == "Ola Folkevalgt" and added.consent and added.consent_at is not None
    assert [c.id for c in contacts.contacts_of(memory_atlas, who["mona"])] == [added.id]
    assert contacts.contacts_of(memory_atlas, who["per"]) == []  # Andre's list is empty
    with pytest.raises(Forbidden):
        contacts.contact(memory_atlas, who["per"], added.id)
    with pytest.raises(Forbidden):
        contacts.add_contact(memory_atlas, who["mona"], person)
    with pytest.raises(BadParameter, match="ukjent rolle"):
        contacts.add_contact(memory_atlas, who["kari"], contacts.ContactIn(name="X", role="boss"))


def test_an_editor_deletes_a_person_completely(memory_atlas: Atlas) -> None:
    from sqlalchemy import select

    who = viewers(memory_atlas)
    doc = memory_atlas.add(plan()).document_id
    added = contacts.add_contact(memory_atlas, who["kari"], contacts.ContactIn(name="Kari Taler"))
    contacts.link_document(memory_atlas, who["kari"], added.id, doc, "speaker")
    assert contacts.contact(memory_atlas, who["kari"], added.id).documents == [(doc, "speaker")]
    contacts.delete_contact(memory_atlas, who["kari"], added.id)
    assert contacts.contacts_of(memory_atlas, who["kari"]) == []
    links = memory_atlas.reading(lambda c: c.execute(select(DocumentPersonRow)).all())
    audit = memory_atlas.reading(
        lambda c: c.execute(select(AuditRow.target, AuditRow.details)).all()
    )
    assert links == [] and not any("Kari Taler" in str(row) for row in audit)


def test_a_contact_changed_by_someone_else_is_a_conflict(memory_atlas: Atlas) -> None:
    who = viewers(memory_atlas)
    added = contacts.add_contact(memory_atlas, who["kari"], contacts.ContactIn(name="A"))
    contacts.update_contact(memory_atlas, who["kari"], added.id, contacts.ContactIn(name="B"), 1)
    with pytest.raises(Conflict, match="kari"):
        contacts.update_contact(
            memory_atlas, who["kari"], added.id, contacts.ContactIn(name="C"), 1
        )


def test_contacts_go_out_and_back_in_as_csv(memory_atlas: Atlas) -> None:
    who = viewers(memory_atlas)
    contacts.add_contact(
        memory_atlas,
        who["kari"],
        contacts.ContactIn(
            name="Per Tillitsvalgt",
            role="union_rep",
            topics=["governance"],
            phone="+47 900 00 000",
            consent=True,
        ),
    )
    data = to_bytes(contacts.contacts_table(contacts.contacts_of(memory_atlas, who["kari"])), "csv")
    other = accounts.viewer_of(accounts.user(memory_atlas, "per"))
    assert contacts.import_contacts(memory_atlas, other, data) == 1
    copied = contacts.contacts_of(memory_atlas, other)[0]
    assert (copied.role, copied.topics, copied.phone, copied.consent) == (
        "union_rep",
        ["governance"],
        "+47 900 00 000",
        True,
    )


def test_the_library_lists_letters_by_body(memory_atlas: Atlas) -> None:
    from dataclasses import replace

    who = viewers(memory_atlas)
    letter = replace(plan("sha256:brev", title="Brev om fastleger"), genre="letter")
    doc = memory_atlas.add(letter).document_id
    memory_atlas.add(plan())  # an action plan: not in the library
    person = contacts.add_contact(
        memory_atlas, who["kari"], contacts.ContactIn(name="Ola", body="municipal_council")
    )
    contacts.link_document(memory_atlas, who["kari"], person.id, doc, "author")
    found = library(memory_atlas, who["mona"])
    assert [e.document_id for e in found] == [doc] and found[0].bodies == ["municipal_council"]
    assert found[0].people == ["Ola (author)"]
    assert library(memory_atlas, who["per"])[0].people == []  # not Andre's contact
    assert library(memory_atlas, who["mona"], body="storting") == []
    assert [
        e.document_id for e in library(memory_atlas, who["mona"], query="fastlegeordningen")
    ] == [doc]

"""An organisation's contacts: elected representatives, union representatives and staff it
works with, with their body, place, party, topics, e-mail and phone; who spoke in or wrote a
document. Personal data: visible to the organisation's members only, each person's consent
recorded, and an editor can delete a person completely (the person, and every link to a
document; the audit log keeps only that contact number so-and-so was deleted, by whom).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from planatlas.accounts import store as accounts
from planatlas.accounts.access import require
from planatlas.accounts.roles import Viewer
from planatlas.coding.taxonomy import active_taxonomy
from planatlas.errors import BadParameter, Conflict, NotFound
from planatlas.export.tables import Table, restored
from planatlas.store import Atlas
from planatlas.store.schema import ContactRow, DocumentPersonRow, utcnow

ROLES = ("elected", "union_rep", "employee")
BODIES = ("municipal_council", "county_council", "storting")
RELATIONS = ("speaker", "author")
COLUMNS = ["name", "role", "body", "place", "party", "topics", "email", "phone", "consent",
           "consent_note"]  # fmt: skip


@dataclass
class ContactIn:
    """A person as someone types them in (a form, an API body, a CSV row)."""

    name: str
    role: str | None = None
    body: str | None = None
    place: str | None = None
    party: str | None = None
    topics: list[str] = field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    consent: bool = False
    consent_note: str = ""


@dataclass(frozen=True)
class Contact:
    id: int
    organisation_id: int
    name: str
    role: str | None
    body: str | None
    place: str | None
    party: str | None
    topics: list[str]
    email: str | None
    phone: str | None
    consent: bool
    consent_at: datetime | None
    consent_note: str
    version: int
    updated_by: str
    updated_at: datetime
    documents: list[tuple[int, str]] = field(default_factory=list)  # (document id, relation)


def check(person: ContactIn) -> ContactIn:
    person.name = " ".join(person.name.split())
    if not person.name or len(person.name) > 200:
        raise BadParameter("kontakten må ha et navn (høyst 200 tegn)")
    for value, known, what in ((person.role, ROLES, "rolle"), (person.body, BODIES, "organ")):
        if value is not None and value not in known:
            raise BadParameter(f"ukjent {what} «{value}»: bruk {', '.join(known)}")
    topics = active_taxonomy().topics
    unknown = [t for t in person.topics if t not in topics]
    if unknown:
        raise BadParameter(f"ukjent tema «{unknown[0]}»")
    if person.email and ("@" not in person.email or len(person.email) > 300):
        raise BadParameter(f"«{person.email}» ser ikke ut som en e-postadresse")
    return person


def _organisation(viewer: Viewer, organisation_id: int | None) -> int:
    chosen = organisation_id if organisation_id is not None else viewer.organisation_id
    if chosen is None:
        raise BadParameter("velg organisasjonen kontaktlisten hører til")
    return chosen


def editable(viewer: Viewer, organisation_id: int | None = None) -> int:
    """The organisation whose list the viewer changes, once they may."""
    org = _organisation(viewer, organisation_id)
    require("org_write", viewer, org)
    return org


def _values(person: ContactIn) -> dict[str, Any]:
    return {f.name: getattr(person, f.name) for f in fields(ContactIn)}


def contacts_of(atlas: Atlas, viewer: Viewer, organisation_id: int | None = None) -> list[Contact]:
    """The organisation's contacts, by name; only for its members."""
    org = _organisation(viewer, organisation_id)
    require("org_read", viewer, org)
    stmt = select(ContactRow).where(ContactRow.organisation_id == org).order_by(ContactRow.name)
    return atlas.reading(lambda conn: [_contact(conn, row) for row in conn.execute(stmt)])


def _contact(conn: Connection, row: Any) -> Contact:
    links = conn.execute(
        select(DocumentPersonRow.document_id, DocumentPersonRow.relation)
        .where(DocumentPersonRow.contact_id == row.id)
        .order_by(DocumentPersonRow.document_id)
    ).all()
    return Contact(
        row.id, row.organisation_id, row.name, row.role, row.body, row.place, row.party,
        list(row.topics or []), row.email, row.phone, bool(row.consent), row.consent_at,
        row.consent_note or "", row.version, row.updated_by, row.updated_at,
        [(int(d), str(r)) for d, r in links],
    )  # fmt: skip


def contact(atlas: Atlas, viewer: Viewer, contact_id: int) -> Contact:
    stmt = select(ContactRow).where(ContactRow.id == contact_id)
    found = atlas.reading(
        lambda conn: (lambda row: _contact(conn, row) if row is not None else None)(
            conn.execute(stmt).first()
        )
    )
    if found is None:
        raise NotFound(f"fant ikke kontakt {contact_id}")
    require("org_read", viewer, found.organisation_id)
    return found


def add_contact(
    atlas: Atlas, viewer: Viewer, person: ContactIn, organisation_id: int | None = None
) -> Contact:
    org = _organisation(viewer, organisation_id)
    require("org_write", viewer, org)
    values = {**_values(check(person)), "organisation_id": org, "version": 1,
              "updated_by": viewer.username or "",
              "consent_at": utcnow() if person.consent else None}  # fmt: skip
    new_id = atlas.writing(
        lambda conn: int(
            conn.execute(insert(ContactRow).returning(ContactRow.id), values).scalar_one()
        )
    )
    accounts.audit(atlas, viewer.username or "", "contact.add", str(new_id), {})
    return contact(atlas, viewer, new_id)


def update_contact(
    atlas: Atlas, viewer: Viewer, contact_id: int, person: ContactIn, version: int
) -> Contact:
    """Change a contact, if no one else changed it since `version`; Conflict when someone did."""
    current = contact(atlas, viewer, contact_id)
    require("org_write", viewer, current.organisation_id)
    values = {**_values(check(person)), "updated_by": viewer.username or "", "updated_at": utcnow()}
    if person.consent and not current.consent:
        values["consent_at"] = utcnow()
    elif not person.consent:
        values["consent_at"] = None
    done = atlas.writing(
        lambda conn: (
            conn.execute(
                update(ContactRow)
                .where(ContactRow.id == contact_id, ContactRow.version == version)
                .values(**values, version=ContactRow.version + 1)
            ).rowcount
        )
    )
    if done != 1:
        raise Conflict(
            f"{current.updated_by} endret kontakten {current.updated_at:%H:%M} mens du redigerte; "
            "endringen din er ikke lagret: se kontakten slik den er nå, og prøv igjen"
        )
    accounts.audit(atlas, viewer.username or "", "contact.update", str(contact_id), {})
    return contact(atlas, viewer, contact_id)


def delete_contact(atlas: Atlas, viewer: Viewer, contact_id: int) -> None:
    """Delete the person completely: the contact and every link to a document."""
    current = contact(atlas, viewer, contact_id)
    require("org_write", viewer, current.organisation_id)

    def run(conn: Connection) -> None:
        conn.execute(delete(DocumentPersonRow).where(DocumentPersonRow.contact_id == contact_id))
        conn.execute(delete(ContactRow).where(ContactRow.id == contact_id))

    atlas.writing(run)
    accounts.audit(atlas, viewer.username or "", "contact.delete", str(contact_id), {})


def link_document(
    atlas: Atlas, viewer: Viewer, contact_id: int, document_id: int, relation: str
) -> None:
    """Record that the person spoke in (speaker) or wrote (author) a document."""
    if relation not in RELATIONS:
        raise BadParameter(f"ukjent rolle i dokumentet «{relation}»: bruk {', '.join(RELATIONS)}")
    current = contact(atlas, viewer, contact_id)
    require("org_write", viewer, current.organisation_id)
    atlas.document(document_id)  # NotFound for an unknown document
    if (document_id, relation) in current.documents:
        return
    values = {"document_id": document_id, "contact_id": contact_id, "relation": relation}
    atlas.writing(lambda conn: conn.execute(insert(DocumentPersonRow), values))


def people_of(atlas: Atlas, document_id: int) -> list[tuple[Contact, str]]:
    """Everyone linked to a document, with their relation (for the library; not access-checked)."""
    stmt = (
        select(ContactRow, DocumentPersonRow.relation)
        .join(DocumentPersonRow, DocumentPersonRow.contact_id == ContactRow.id)
        .where(DocumentPersonRow.document_id == document_id)
    )
    return atlas.reading(
        lambda conn: [(_contact(conn, row), str(row.relation)) for row in conn.execute(stmt)]
    )


# --- CSV


def contacts_table(found: list[Contact]) -> Table:
    rows = [
        [c.name, c.role or "", c.body or "", c.place or "", c.party or "", ",".join(c.topics),
         c.email or "", c.phone or "", "ja" if c.consent else "nei", c.consent_note]
        for c in found
    ]  # fmt: skip
    return Table("kontakter", COLUMNS, rows)


def read_contacts(data: bytes) -> list[ContactIn]:
    """People from a CSV file with the export's columns; each row checked."""
    text = data.decode("utf-8-sig", errors="replace")
    people = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        cell = {k.strip(): restored((v or "").strip()) for k, v in row.items() if k}
        try:
            people.append(check(ContactIn(
                name=cell.get("name", ""), role=cell.get("role") or None,
                body=cell.get("body") or None, place=cell.get("place") or None,
                party=cell.get("party") or None,
                topics=[t.strip() for t in cell.get("topics", "").split(",") if t.strip()],
                email=cell.get("email") or None, phone=cell.get("phone") or None,
                consent=cell.get("consent", "").lower() in ("ja", "yes", "true", "1"),
                consent_note=cell.get("consent_note", ""),
            )))  # fmt: skip
        except BadParameter as error:
            raise BadParameter(f"linje {line}: {error.message}") from error
    return people


def import_contacts(
    atlas: Atlas, viewer: Viewer, data: bytes, organisation_id: int | None = None
) -> int:
    """Add every person of a CSV file; nothing is added when a row is wrong."""
    people = read_contacts(data)
    for person in people:
        add_contact(atlas, viewer, person, organisation_id)
    return len(people)

"""The message catalogues: the same keys in both languages, and every key the pages use."""

from __future__ import annotations

import re

from places import WEB

from planatlas.accounts.roles import ROLES
from planatlas.followup import contacts, status
from planatlas.followup.carry import CarryOutcome
from planatlas.followup.records import CHANGEABLE
from planatlas.labels import LOCALES, Labels, catalogue
from planatlas.questions.diff import PlanDiff
from planatlas.records import GENRES, KINDS
from planatlas.web.context import NAV

WEB = WEB
LITERAL = re.compile(r"(?<![\w.])t\(\s*[\"']([a-z_.0-9]+)[\"'](?!\s*~)")
DYNAMIC = re.compile(r"(?<![\w.])t\(\s*[\"']([a-z_.]+[._])[\"']\s*~")
# Keys made from data at run time ("kind." ~ s.coding.kind): every value they can take.
DATA_KEYS = {
    "nav.": [key for key, _ in NAV] + ["errors"],
    "kind.": [*KINDS, "none"],
    "genre.": list(GENRES),
    "language.": ["nb", "nn", "en", "mixed", "other", "unknown"],
    "target.": ["count", "percent", "amount", "period", "date"],
    "status.": ["full", "partial", "none"],
    "link.": ["answers", "same_position", "opposite_position", "similar"],
    "coding.": ["kind", "topics", "positions", "targets", "language"],
    "diff.": list(PlanDiff([]).summary()),
    "direction.": ["plus", "minus", "change", "mixed", "none"],
    "role.": [*ROLES, "anonymous"],
    "followup.status.": [s for g in status.rules()["groups"].values() for s in g["statuses"]],
    "followup.field.": list(CHANGEABLE),
    "followup.logged_": ["count", "percent"],
    "report.": ["done", "not_done", "ended"],
    "report.carry.": list(vars(CarryOutcome())),
    "contacts.roles.": list(contacts.ROLES),
    "contacts.bodies.": list(contacts.BODIES),
    "contacts.relations.": list(contacts.RELATIONS),
}
JS_KEYS = ("upload.status_new", "upload.status_new_version", "upload.status_unchanged")


def templates() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (WEB / "templates").glob("*.html")}


def test_both_catalogues_have_the_same_keys() -> None:
    nb, en = set(catalogue("nb")), set(catalogue("en"))
    assert nb - en == set(), "missing in en.yaml"
    assert en - nb == set(), "missing in nb.yaml"


def test_no_message_is_empty() -> None:
    for locale in LOCALES:
        assert [k for k, v in catalogue(locale).items() if not v.strip()] == [], locale


def test_every_key_used_in_a_template_exists() -> None:
    keys = set(catalogue("nb"))
    used = {k for text in templates().values() for k in LITERAL.findall(text) if k[-1] != "."}
    assert len(used) > 100
    assert used - keys == set()


def test_every_key_made_from_data_exists() -> None:
    keys = set(catalogue("nb"))
    prefixes = {p for text in templates().values() for p in DYNAMIC.findall(text)}
    prefixes |= {"kind.", "direction."}  # made in context.py
    assert prefixes <= set(DATA_KEYS), prefixes - set(DATA_KEYS)
    wanted = {prefix + value for prefix in prefixes for value in DATA_KEYS[prefix]}
    assert wanted - keys == set()
    assert set(JS_KEYS) <= keys


def test_the_translator_fills_in_values_and_falls_back_to_bokmal() -> None:
    assert Labels("nb")("statement.corrected_by", name="Kari") == "rettet av Kari"
    assert Labels("en")("statement.corrected_by", name="Kari") == "corrected by Kari"
    assert Labels("de").locale == "nb"

"""Document metadata: what the user says (flags, sidecars, manifest) over what the text says.

Sources, strongest first:
1. values passed by the caller (CLI flags `--actor`, `--genre`, ...);
2. a sidecar `<file>.meta.yaml` (or `<stem>.meta.yaml`) beside the file;
3. the folder's `manifest.yaml`, keyed by file name;
4. detection from the text: title, actor, genre, period.

Detection reads the title, the front matter (the first pages, or the first parts of a text
without pages) and, failing those, what the document says of itself anywhere ("Arbeider-
partiets program for 2025–2029"). An actor that the text names by its initials ("MDG vil:")
gets the full name where the text spells it out ("Miljøpartiet De Grønne").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from planatlas.coding.actors import actor_type
from planatlas.errors import ConfigError
from planatlas.records import GENRES, Document

FIELDS = ("title", "actor", "actor_kind", "genre", "language", "period", "url")


@dataclass(frozen=True)
class Metadata:
    """What is known about a document before reading it. None means: detect it."""

    title: str | None = None
    actor: str | None = None
    actor_kind: str | None = None
    genre: str | None = None
    language: str | None = None
    period: str | None = None
    url: str | None = None

    def over(self, weaker: Metadata) -> Metadata:
        """These values, falling back to `weaker` where unset."""
        values = {f.name: getattr(self, f.name) or getattr(weaker, f.name) for f in fields(self)}
        return Metadata(**values)


def from_mapping(data: Any, source: str) -> Metadata:
    """Validate a sidecar or manifest entry."""
    if data is None:
        return Metadata()
    if not isinstance(data, dict):
        raise ConfigError("metadata må være en YAML-ordbok (nøkkel: verdi)", path=source)
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ConfigError(
            f"ukjente felt i metadata: {', '.join(unknown)} (gyldige: {', '.join(FIELDS)})",
            path=source,
        )
    genre = data.get("genre")
    if genre is not None and genre not in GENRES:
        raise ConfigError(f"ukjent sjanger «{genre}» (gyldige: {', '.join(GENRES)})", path=source)
    return Metadata(**{k: (str(v) if v is not None else None) for k, v in data.items()})


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"kan ikke lese metadata: {error}", path=str(path)) from error


def for_file(path: Path) -> Metadata:
    """Metadata from the file's sidecar and its folder's manifest."""
    found = Metadata()
    for sidecar in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")):
        if sidecar.is_file() and sidecar != path:
            found = from_mapping(_load_yaml(sidecar), str(sidecar))
            break
    manifest = path.parent / "manifest.yaml"
    if manifest.is_file():
        entries = _load_yaml(manifest) or {}
        documents = entries.get("documents", entries) if isinstance(entries, dict) else {}
        if isinstance(documents, dict) and path.name in documents:
            found = found.over(from_mapping(documents[path.name], f"{manifest}: {path.name}"))
    return found


def is_metadata_file(path: Path) -> bool:
    return path.name == "manifest.yaml" or path.name.endswith(".meta.yaml")


# --- detection from the text -------------------------------------------------------------

_GENRE_CUES: tuple[tuple[str, str], ...] = (
    (
        r"høringssvar|høyringssvar|høringsuttalelse|høyringsfråsegn|høringsinnspill",
        "hearing_response",
    ),
    (r"interpellasjon", "interpellation"),
    (r"\b(?:handlingsplan|tiltaksplan|årsplan|arbeidsplan)", "action_plan"),
    (
        r"prinsipprogram|partiprogram|stortingsprogram|arbeidsprogram|valgprogram|program\b",
        "programme",
    ),
    (
        r"nasjonal .*plan|meld\. st\.|stortingsmelding|strategi\b|opptrappingsplan",
        "government_plan",
    ),
    (r"\bbrev\b|kjære ", "letter"),
)
_TITLE_ACTOR = re.compile(
    r"(?i:handlingsplan|program|prinsipprogram|arbeidsprogram|høringssvar|høyringssvar|"
    r"årsplan|strategi)\s+(?i:for|fra|frå|til)\s+(?P<actor>[A-ZÆØÅ][\w-]*(?:\s+[\w-]+){0,4}?)"
    r"(?:\s+(?:19|20)\d\d.*)?$"
)
_TITLE_DATED = re.compile(
    r"^(?P<actor>[A-ZÆØÅ][\w-]*(?:\s+[a-zæøå][\w-]*){0,4})\s+\d{1,2}\.\s?[a-zæøå]+\s+\d{4}$"
)
_GENITIVE_ACTOR = re.compile(r"\b(?:fra|frå)\s+(?P<actor>[A-ZÆØÅ][\w-]+?)s\s+\w*program", re.I)
_SELF_INTRO = re.compile(
    r"^(?P<actor>[A-ZÆØÅ][\w-]*(?:\s+[\w-]+){0,5}?)\s*(?:\((?P<abbr>[A-ZÆØÅ]{2,8})\))?\s+"
    r"(?:er|var)\s+(?:en|ei|eit|et)\s+[^.]*?(?:organisasjon|parti|forening|foreining|forbund|"
    r"nettverk|aksjon|råd|utvalg|utval)"
)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ]
    )
}
_MONTH_RANGE = re.compile(
    r"\b(?P<m1>[a-zæøå]+)\s+(?P<y1>(?:19|20)\d\d)\s*[-–]\s*(?P<m2>[a-zæøå]+)\s+(?P<y2>(?:19|20)\d\d)",
    re.I,
)
# A year alone is a period ("Handlingsplan 2024"), not when it ends a date ("13. mars 2024").
_YEAR = re.compile(r"(?P<before>[a-zæøå]*)\.?\s*\b(?P<year>(?:19|20)\d\d)\b", re.I)


FRONT_PAGES = 2  # the pages, from the first read, that make a document's front matter
FRONT_PARTS = 3  # ... or the sections, in a document without pages
# What a document says of itself: "Arbeiderpartiets program for 2025–2029", "dette programmet".
_SELF_REFERENCE = re.compile(
    r"\b(?:\w+s\s+)?(?:\w*program(?:met)?|\w*plan(?:en)?)\s+(?:for\s+)?(?:perioden\s+)?"
    r"(?P<period>(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d)\b"
    r"|\b(?:dette|vårt|denne)\s+(?P<genre>\w*program(?:met)?|\w*plan(?:en)?)\b",
    re.I,
)


def detect_title(doc: Document, raw_title: str | None) -> str | None:
    """The largest heading of the first page, where there are pages; else the first top-level
    heading, the file's own title, or the first heading."""
    paged = [s for s in doc.sections if s.page is not None and _wordy(s.title)]
    if paged:
        first = [s for s in paged if s.page == paged[0].page]
        return min(first, key=lambda s: s.level).title
    top = [s for s in doc.sections if s.level == 1 and _wordy(s.title)]
    if top:
        return top[0].title
    if raw_title:
        return raw_title
    return doc.sections[0].title if doc.sections else None


def _wordy(text: str) -> bool:
    """A title has a word in it, not only a logo's letter or a number."""
    return any(len(word) >= 3 and word.isalpha() for word in re.split(r"[^\w]+", text))


def front_matter(doc: Document, *, headings_only: bool = False) -> str:
    """The title and the text (or only the headings) of the first pages (or parts): where a
    document says what it is, who wrote it and for when."""
    pages = [s.page for s in doc.sections if s.page is not None]
    pages += [s.page for s in doc.statements if s.page is not None]
    if pages:
        last = min(pages) + FRONT_PAGES - 1
        texts = [s.title for s in doc.sections if s.page is not None and s.page <= last]
        statements = [s.text for s in doc.statements if s.page is not None and s.page <= last]
    else:
        texts = [s.title for s in doc.sections[:FRONT_PARTS]]
        statements = [s.text for s in doc.statements[:5]]
    return " ".join([doc.title or "", *texts, *([] if headings_only else statements)])


def _self_references(doc: Document) -> Iterator[re.Match[str]]:
    for statement in doc.statements:
        # every match names a "program" or a "plan": the pattern, which tries each word,
        # need not run over a statement without one
        lowered = statement.text.lower()
        if "plan" in lowered or "program" in lowered:
            yield from _SELF_REFERENCE.finditer(statement.text)


def detect_genre(doc: Document) -> str:
    if doc.format == "pptx" or _looks_like_slides(doc):
        return "slides"
    if doc.published:
        return "news"
    front = front_matter(doc, headings_only=True).lower()
    for haystack in (front, " ".join(m[0] for m in _self_references(doc)).lower()):
        for pattern, genre in _GENRE_CUES:
            if re.search(pattern, haystack):
                return genre
    return "other"


def _looks_like_slides(doc: Document) -> bool:
    """Many headings with few short statements each, mostly list items: a slide deck's text."""
    if len(doc.sections) < 8 or not doc.statements:
        return False
    items = sum(1 for s in doc.statements if s.form == "item")
    mean_length = sum(len(s.text) for s in doc.statements) / len(doc.statements)
    per_section = len(doc.statements) / len(doc.sections)
    return per_section < 5 and items / len(doc.statements) > 0.4 and mean_length < 110


def detect_actor(doc: Document) -> str | None:
    title = doc.title or ""
    if m := _TITLE_ACTOR.search(title):
        return m["actor"].strip()
    if m := _GENITIVE_ACTOR.search(title):
        return m["actor"]
    if m := _TITLE_DATED.match(title):
        return m["actor"]
    abbreviations: dict[str, str] = {}
    for statement in doc.statements[:5]:
        if m := _SELF_INTRO.match(statement.text):
            if m["abbr"]:
                abbreviations[m["abbr"]] = m["actor"].strip()
            return m["actor"].strip()
    lead_actors = Counter(
        s.lead_in_actor
        for s in doc.statements
        if s.lead_in_actor
        and s.lead_in_actor[0].isupper()
        and s.lead_in_actor.lower() not in _PRONOUNS
    )
    if lead_actors:
        actor = lead_actors.most_common(1)[0][0]
        return abbreviations.get(actor) or spelled_out(actor, doc)
    wanting = Counter(
        m["actor"]
        for s in doc.statements
        if (m := _WANTS.match(s.text)) and m["actor"].lower() not in _NOT_ACTORS
    )
    if wanting:
        actor, count = wanting.most_common(1)[0]
        if count >= MIN_WANTS:
            return spelled_out(actor, doc)
    return None


# Prose where the author says what it wants: "Bygdepartiet vil ...", "SV mener ...".
_WANTS = re.compile(
    r"^(?P<actor>[A-ZÆØÅ][\w-]+(?:\s+[A-ZÆØÅ][\w-]+){0,3})\s+"
    r"(?:vil|ønsker|ønskjer|mener|meiner|går inn for|foreslår|krever|krev)\b"
)
MIN_WANTS = 2  # one such sentence may quote another; two name the author


_PRONOUNS = frozenset(["vi", "me", "eg", "jeg", "de", "dei", "du", "dere", "de grønne"])
_NOT_ACTORS = _PRONOUNS | frozenset(
    ["det", "dette", "den", "denne", "man", "folk", "alle", "mange", "noen", "nokon"]
    + ["regjeringen", "regjeringa", "staten", "han", "hun", "ho"]
)
_ACRONYM = re.compile(r"[A-ZÆØÅ][A-ZÆØÅa-zæøå]{1,5}")
_DEFINED = re.compile(
    r"(?P<name>[A-ZÆØÅ][\w-]*(?:\s+(?:og\s+)?[\w-]+){0,5}?)\s+\((?P<abbr>[A-ZÆØÅ][\w]{1,6})\)"
)
_PARTY_NAME = re.compile(
    r"\b[A-ZÆØÅ][\w-]*(?:\s+(?:og\s+|for\s+)?(?:[A-ZÆØÅ][\w-]*|[a-zæøå][\w-]*parti(?:et)?))*"
)
_FILLERS = frozenset(["og", "for", "i"])


def spelled_out(actor: str, doc: Document) -> str:
    """The full name of an actor the text calls by its initials ("MDG" -> "Miljøpartiet De
    Grønne"), where the text spells it out: as "Name (ABBR)", or as a party's name whose
    initials they are. Otherwise the actor as given."""
    if not _ACRONYM.fullmatch(actor) or sum(c.isupper() for c in actor) < 2:
        return actor
    wanted = actor.upper()
    names: Counter[str] = Counter()
    for statement in doc.statements:
        for m in _DEFINED.finditer(statement.text):
            if m["abbr"].upper() == wanted and wanted in _initials(m["name"]):
                names[m["name"]] += 2
        for m in _PARTY_NAME.finditer(statement.text):
            name = m[0].strip()
            if "parti" in name.lower() and wanted in _initials(name):
                names[name] += 1
    return names.most_common(1)[0][0] if names else actor


def _initials(name: str) -> set[str]:
    """The initials a name may go by: with and without the P of a "-partiet" word."""
    plain, parties = "", ""
    for word in name.split():
        if word.lower() in _FILLERS:
            continue
        plain += word[0].upper()
        parties += word[0].upper()
        if word.lower().endswith(("partiet", "parti")) and len(word) > 7:
            parties += "P"
    return {plain, parties}


def detect_period(doc: Document) -> str | None:
    """The period the title says the document covers ("for perioden mars 2024 - mars 2025"),
    else its front matter, else what it says of itself ("programmet for 2025–2029")."""
    found = _period_in(doc.title or "", single_year=True)
    if found is None:
        found = _period_in(front_matter(doc), single_year=False)
    if found is None:
        ranges = (m["period"] for m in _self_references(doc) if m["period"])
        found = next((p for r in ranges if (p := _period_in(r, single_year=False))), None)
    return found


def _period_in(text: str, *, single_year: bool) -> str | None:
    """A month range, a year range, or (where `single_year`) a year alone."""
    if m := _MONTH_RANGE.search(text):
        m1, m2 = _MONTHS.get(m["m1"].lower()), _MONTHS.get(m["m2"].lower())
        if m1 and m2:
            return f"{m['y1']}-{m1:02d}/{m['y2']}-{m2:02d}"
    if m := _YEAR_RANGE.search(text):
        end = m[2] if len(m[2]) == 4 else m[1][:2] + m[2]
        if int(end) > int(m[1]):
            return f"{m[1]}/{end}"
    if not single_year:
        return None
    for m in _YEAR.finditer(text):
        if m["before"].lower() not in _MONTHS:
            return m["year"]
    return None


def describe(doc: Document, given: Metadata, raw_title: str | None = None) -> Document:
    """The document with every metadata field filled: given values first, then detection."""
    doc = replace(doc, title=given.title or detect_title(doc, raw_title))
    actor = given.actor or detect_actor(doc)
    genre = given.genre or detect_genre(doc)
    if genre == "other" and actor_type(actor, given.actor_kind) == "party":
        genre = "programme"  # what a party says of its policy, where the text names no genre
    return replace(
        doc,
        actor=actor,
        actor_kind=given.actor_kind,
        genre=genre,
        period=given.period or detect_period(doc),
        language=given.language or doc.language,
        url=given.url,
    )

"""The coder: a statement in, its Coding by the codebook out.

    code_statement: language -> topics -> kind -> positions (within the field) -> targets,
    references, organisations

Each step is a small function of its own module; this one only assembles them. Data files
are loaded once, on first use.
"""

from __future__ import annotations

from dataclasses import replace

from planatlas import collector
from planatlas.coding import field, kinds, language, positions, references, targets, topics
from planatlas.coding.taxonomy import Taxonomy, active_taxonomy
from planatlas.records import Coding, Document, Statement, shallow_copy

ADVOCACY = "advocacy"
MAX_TOPICS = 3

__all__ = ["code_document", "code_statement", "document_language"]


def code_statement(statement: Statement, doc: Document, taxonomy: Taxonomy | None = None) -> Coding:
    """The coding of one statement in its document."""
    tax = taxonomy or active_taxonomy()
    lang, lang_conf = language.detect(statement.text, doc.language)
    folding = lang if lang in ("nb", "nn") else "nb"
    found_topics = topics.topics(statement.text, folding, tax)
    kind, kind_conf = kinds.kind(statement, doc, [t for t, _ in found_topics])
    found_topics = _with_advocacy(found_topics, kind)
    heading = statement.lead_in or (statement.section[-1] if statement.section else None)
    if statement.form != "item":
        heading = None
    context = " ".join(filter(None, [statement.lead_in, *statement.section[-1:]]))
    found_positions = positions.positions(
        statement.text, folding, tax, kind, heading, context=context or None
    )
    if found_positions and not field.within(statement, doc, tax):
        found_positions = []  # no health word in it, above it or in its document: outside
    found_targets = targets.extract(statement.text, doc.year)
    return Coding(
        kind=kind,
        language=lang,
        topics=[t for t, _ in found_topics],
        positions=[p for p, _ in found_positions],
        targets=found_targets,
        references=references.references(statement.text),
        organisations=references.organisations(statement.text),
        confidence={
            "kind": kind_conf,
            "language": round(lang_conf, 2),
            "topics": _mean([c for _, c in found_topics], empty=0.5),
            "positions": _mean([c for _, c in found_positions], empty=0.7),
            "targets": 0.9 if found_targets else 0.7,
        },
    )


def code_document(doc: Document, taxonomy: Taxonomy | None = None) -> Document:
    """A new document whose statements carry their coding, and the document's language."""
    with collector.paused():  # many short-lived objects, no cycles (see collector.py)
        lang = doc.language or document_language(doc)
        base = replace(doc, language=lang)
        tax = taxonomy or active_taxonomy()  # once: each statement would read the setting
        coded = [_with_coding(s, code_statement(s, base, tax)) for s in doc.statements]
        return replace(base, statements=coded)


def _with_coding(statement: Statement, coding: Coding) -> Statement:
    """A copy of the statement with its coding (dataclasses.replace, without its cost)."""
    coded = shallow_copy(statement)
    coded.coding = coding
    return coded


def document_language(doc: Document) -> str:
    """nb, nn, mixed, en or other, from the statements' text."""
    found, _ = language.detect_document([s.text for s in doc.statements])
    return found


def _with_advocacy(found: list[tuple[str, float]], kind: str) -> list[tuple[str, float]]:
    """The author's own organisational work is always about advocacy, among its topics."""
    if kind != "activity" or any(t == ADVOCACY for t, _ in found):
        return found
    return [*found[: MAX_TOPICS - 1], (ADVOCACY, 0.6)]


def _mean(values: list[float], empty: float) -> float:
    return round(sum(values) / len(values), 2) if values else empty

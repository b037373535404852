"""Kinds: what a statement is (goal, challenge, measure, demand, activity, ...).

Every kind collects points (data/kinds.yaml): cue words, the lead-in and its modal verb
carried to list items, a section heading of goals or challenges, who acts (the actor named
at the start, else the document's actor type: government -> measure, party -> demand,
organisation -> demand or, for its own organisational work, activity), a quoted speaker,
and a small default by genre. The kind with most points wins; its share of the points is
the confidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planatlas.coding.actors import actor_type, named_actor
from planatlas.errors import ConfigError
from planatlas.records import KINDS, Document, Statement

Scores = defaultdict[str, float]
SOURCE = "planatlas/data/kinds.yaml"
_NON_WORD_STARTS = ("!", "^", "«", "»", "(", "[", "$", ".")
MODAL_WORDS = 8  # a modal verb counts within the first words: the main clause decides
LEAD_IN_WEIGHT = 3.0
PROSE = "any_prose"
_FINITE = re.compile(
    r"\b(?:er|var|har|hadde|gir|gjev|blir|ble|vert|vart|kan)\b"
)  # cues that count only in prose that neither wants nor does anything


@dataclass(frozen=True)
class Cue:
    """Points for a kind where one of its patterns matches: at the start, or anywhere."""

    kind: str
    weight: float
    pattern: re.Pattern[str]
    at_start: bool
    words: re.Pattern[str] | None = None  # its patterns that begin a word, to match there
    others: re.Pattern[str] | None = None  # the rest ("!$"), searched for


@dataclass(frozen=True)
class CueScan:
    """The cues, and gates: the places where a word begins that any cue matches, whether
    any start cue matches, whether any other cue ("!$") is found."""

    cues: tuple[Cue, ...]
    gate: re.Pattern[str]
    any_start: re.Pattern[str] = re.compile("(?!)")
    any_other: re.Pattern[str] = re.compile("(?!)")


@dataclass(frozen=True)
class Rules:
    """kinds.yaml, compiled."""

    cues: CueScan
    lead_in_kind: dict[str, re.Pattern[str]]
    section_kind: dict[str, re.Pattern[str]]
    section_weight: float
    action_verb: re.Pattern[str]
    action_weight: float
    modal: re.Pattern[str]
    modal_weight: float
    fronted_clause: re.Pattern[str]
    action_kind: dict[str, str]
    own_work_genres: frozenset[str]
    own_work: re.Pattern[str]
    own_work_party: re.Pattern[str]
    genre_default: dict[str, dict[str, float]]
    speaker: dict[str, float]
    prose_fact_weight: float = 0.0
    prose_cues: tuple[tuple[str, float, re.Pattern[str]], ...] = ()


def _any(patterns: list[str]) -> re.Pattern[str]:
    """One pattern for many, matched on lowercased text. Patterns that begin a word are
    tried only where a word begins, which makes a long alternation several times faster."""
    words, others = _split_patterns(patterns)
    parts = [_WORD_START + "(?:" + "|".join(words) + ")"] if words else []
    parts += [f"(?:{p})" for p in others]
    return re.compile("|".join(parts))


_WORD_START = r"(?<!\w)(?=\w)"


def _split_patterns(patterns: list[str]) -> tuple[list[str], list[str]]:
    """Patterns that begin a word, and the others ("!$", "^«")."""
    # where a word begins, a leading \b holds already; without it, re skips an alternative
    # whose first letter does not match at once
    words = [p.removeprefix("\\b") for p in patterns if not p.startswith(_NON_WORD_STARTS)]
    others = [p for p in patterns if p.startswith(_NON_WORD_STARTS)]
    return words, others


@cache
def rules() -> Rules:
    """Load and compile data/kinds.yaml once."""
    text = resources.files("planatlas").joinpath("data", "kinds.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    try:
        return _compile(raw)
    except (KeyError, TypeError, re.error) as error:
        raise ConfigError(f"ugyldig oppføring: {error}", path=SOURCE) from error


def _compile(raw: dict[str, Any]) -> Rules:
    _check_kinds(raw)
    return Rules(
        cues=_cue_scan(_cues(raw["cues"])),
        lead_in_kind={k: _any(v) for k, v in raw["lead_in_kind"].items()},
        section_kind={k: _any(v) for k, v in raw["section_kind"].items()},
        section_weight=float(raw["section_weight"]),
        action_verb=re.compile(rf"^(?:{'|'.join(raw['action_verbs'])})\b"),
        action_weight=float(raw["action_weight"]),
        modal=_any(raw["modals"]),
        modal_weight=float(raw["modal_weight"]),
        prose_fact_weight=float(raw.get("prose_fact_weight", 0.0)),
        prose_cues=_prose_cues(raw["cues"]),
        fronted_clause=re.compile(rf"^(?:{'|'.join(raw['fronted_clause'])})\b[^,]*,\s*"),
        action_kind=dict(raw["action_kind"]),
        own_work_genres=frozenset(raw["own_work_genres"]),
        own_work=_any(raw["own_work"]),
        own_work_party=_any(raw["own_work_party"]),
        genre_default={g: dict(v) for g, v in raw["genre_default"].items()},
        speaker=dict(raw["speaker"]),
    )


def _check_kinds(raw: dict[str, Any]) -> None:
    named = set(raw["cues"]) | set(raw["lead_in_kind"]) | set(raw["section_kind"])
    named |= set(raw["action_kind"].values()) | set(raw["speaker"])
    named |= {k for weights in raw["genre_default"].values() for k in weights}
    unknown = named - set(KINDS)
    if unknown:
        raise ConfigError(f"ukjente typer: {', '.join(sorted(unknown))}", path=SOURCE)


def _cues(raw: dict[str, Any]) -> list[Cue]:
    found = []
    for kind, places in raw.items():
        for place, weighted in places.items():
            if place == PROSE:
                continue
            for weight, patterns in weighted.items():
                found.append(_cue(kind, float(weight), patterns, place == "start"))
    return found


def _prose_cues(raw: dict[str, Any]) -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    """Cues of an argument or a description: a challenge named, a principle held."""
    return tuple(
        (kind, float(weight), _any(patterns))
        for kind, places in raw.items()
        for weight, patterns in (places.get(PROSE) or {}).items()
    )


def _cue(kind: str, weight: float, patterns: list[str], start: bool) -> Cue:
    if start:
        return Cue(kind, weight, re.compile("^(?:" + "|".join(patterns) + ")"), start)
    words, others = _split_patterns(patterns)
    return Cue(
        kind,
        weight,
        _any(patterns),
        start,
        words=re.compile("(?:" + "|".join(words) + ")") if words else None,
        others=re.compile("|".join(f"(?:{p})" for p in others)) if others else None,
    )


def _cue_scan(cues: list[Cue]) -> CueScan:
    """Scanning a statement once for where any cue can match, then trying each cue only
    there, finds the same cues as searching each, at a fraction of the cost."""
    words = [c.words.pattern for c in cues if c.words is not None]
    gate = _WORD_START + "(?=" + "|".join(words) + ")" if words else "(?!)"
    starts = [c.pattern.pattern for c in cues if c.at_start]
    others = [c.others.pattern for c in cues if c.others is not None]
    return CueScan(tuple(cues), re.compile(gate), _either(starts), _either(others))


def _either(patterns: list[str]) -> re.Pattern[str]:
    """One pattern that matches where any of them does (none: never)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) if patterns else "(?!)")


def kind(statement: Statement, doc: Document, topics: list[str] | None = None) -> tuple[str, float]:
    """The kind of a statement and a confidence in 0-1."""
    text = " ".join(statement.text.lower().split()).lstrip("–—-•*·> ")
    scores: Scores = defaultdict(float)
    _cue_points(text, scores)
    if scores.get("reference", 0.0) >= 3.0:
        return "reference", 0.95
    actor = _actor(statement, doc)
    _lead_in_points(statement, actor, scores)
    _section_points(statement, text, scores)
    _action_points(statement, text, actor, doc, scores)
    _context_points(statement, doc, scores)
    return _decide(scores, text, actor, doc, topics or [])


def _cue_points(text: str, scores: Scores) -> None:
    scan = rules().cues
    places = [m.start() for m in scan.gate.finditer(text)]
    # most statements match no start cue and no other cue: one test each rules them all out
    any_start = scan.any_start.match(text) is not None
    any_other = scan.any_other.search(text) is not None
    if not (places or any_start or any_other):
        return  # no cue matches (most statements): none need be tried
    for cue in scan.cues:  # in file order, so that the points add up the same way
        if cue.at_start:
            found = any_start and cue.pattern.match(text) is not None
        else:  # the word-start patterns only where the gate found some cue, then the others
            found = places != [] and cue.words is not None and _matches_at(cue.words, text, places)
            found = found or (any_other and _other_found(cue, text))
        if found:
            scores[cue.kind] += cue.weight


def _other_found(cue: Cue, text: str) -> bool:
    return cue.others is not None and cue.others.search(text) is not None


def _matches_at(pattern: re.Pattern[str], text: str, places: list[int]) -> bool:
    match = pattern.match
    return any(match(text, place) for place in places)


def _actor(statement: Statement, doc: Document) -> str:
    """Who acts: the actor named at the start, the lead-in's actor, or the document's."""
    named = named_actor(statement.text)
    if named == "government" and actor_type(doc.actor, doc.actor_kind) == "party":
        return "party"  # "Sykehusene må ...", "Kommunene skal ..." in a programme: it demands
    if named:
        return named
    if statement.lead_in_actor:
        return actor_type(statement.lead_in_actor, None)
    if statement.speaker:
        return "organisation"
    return actor_type(doc.actor, doc.actor_kind)


def _lead_in_points(statement: Statement, actor: str, scores: Scores) -> None:
    lead = statement.lead_in
    if not lead:
        return
    if rules().modal.search(lead.lower()):
        scores[rules().action_kind[actor]] += LEAD_IN_WEIGHT
        return
    for name, pattern in rules().lead_in_kind.items():
        if pattern.search(lead.lower()):
            scores[name] += LEAD_IN_WEIGHT


def _section_points(statement: Statement, text: str, scores: Scores) -> None:
    if statement.lead_in or not statement.section:
        return
    heading = statement.section[-1].lower()
    if heading.strip() == text.strip():
        return
    weight = rules().section_weight * (1.0 if statement.form == "item" else 0.5)
    for name, pattern in rules().section_kind.items():
        if pattern.search(heading):
            scores[name] += weight


def _action_points(
    statement: Statement, text: str, actor: str, doc: Document, scores: Scores
) -> None:
    head = " ".join(_main_clause(text).split()[:MODAL_WORDS])
    points = 0.0
    # an infinitive first is an action ("Styrke ..."), unless a finite verb follows it
    # soon in prose: then it was a noun or an adjective ("Bedre samarbeid er avgjørende
    # ...", "Samarbeid med ... er viktig")
    prose = statement.form == "sentence" and not statement.lead_in
    if rules().action_verb.match(text) and not (prose and _FINITE.search(head)):
        points += rules().action_weight
    if rules().modal.search(head):
        points += rules().modal_weight
    if not points:
        if prose:
            # Prose that neither wants nor does anything (no modal in its main clause): a
            # description, whatever the genre's usual kind ("Modellen har gitt ..."), or an
            # argument: a challenge it names, a principle it holds.
            if not rules().modal.search(text):
                scores["fact"] += rules().prose_fact_weight
            for name, weight, pattern in rules().prose_cues:
                if pattern.search(text):
                    scores[name] += weight
        return
    if doc.genre == "news" and statement.form == "heading" and actor != "government":
        scores["goal"] += points  # a news heading names an aim of what it reports
    elif doc.genre == "news" and actor == "organisation" and not statement.speaker:
        scores["measure"] += points  # news reports other bodies' policy
    else:
        scores[rules().action_kind[actor]] += points


def _main_clause(text: str) -> str:
    """The text from its main clause on: "for å nå fram ..., må vi ..." -> "må vi ..."."""
    fronted = rules().fronted_clause.match(text)
    return text[fronted.end() :] if fronted else text


def _context_points(statement: Statement, doc: Document, scores: Scores) -> None:
    for name, weight in rules().genre_default.get(doc.genre or "other", {}).items():
        scores[name] += weight
    if statement.speaker:
        for name, weight in rules().speaker.items():
            scores[name] += weight


def _decide(
    scores: Scores, text: str, actor: str, doc: Document, topics: list[str]
) -> tuple[str, float]:
    if not any(points > 0 for points in scores.values()):
        return "fact", 0.3
    best, points = max(scores.items(), key=lambda item: (item[1], -KINDS.index(item[0])))
    if best == "demand" and _own_work(text, doc, topics, actor):
        best = "activity"
    total = sum(scores.values())
    return best, round(min(0.95, 0.3 + 0.65 * points / total), 2)


def _own_work(text: str, doc: Document, topics: list[str], actor: str) -> bool:
    """An action of the author's own organisation rather than a policy demand."""
    if actor == "government":
        return False
    if doc.genre in rules().own_work_genres:
        return True
    if actor == "party":  # a party works with others on policy; its own work is the party's
        return bool(rules().own_work_party.search(text))
    return bool(rules().own_work.search(text)) or (bool(topics) and topics[0] == "advocacy")

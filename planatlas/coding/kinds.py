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
MODAL_WORDS = 6  # a modal verb counts within the first words: the main clause decides
LEAD_IN_WEIGHT = 3.0


@dataclass(frozen=True)
class Cue:
    kind: str
    weight: float
    pattern: re.Pattern[str]
    at_start: bool


@dataclass(frozen=True)
class Rules:
    """kinds.yaml, compiled."""

    cues: tuple[Cue, ...]
    lead_in_kind: dict[str, re.Pattern[str]]
    section_kind: dict[str, re.Pattern[str]]
    section_weight: float
    action_verb: re.Pattern[str]
    action_weight: float
    modal: re.Pattern[str]
    modal_weight: float
    action_kind: dict[str, str]
    own_work_genres: frozenset[str]
    own_work: re.Pattern[str]
    genre_default: dict[str, dict[str, float]]
    speaker: dict[str, float]


def _any(patterns: list[str]) -> re.Pattern[str]:
    """One pattern for many, matched on lowercased text. Patterns that begin a word are
    tried only where a word begins, which makes a long alternation several times faster."""
    words = [p for p in patterns if not p.startswith(_NON_WORD_STARTS)]
    others = [p for p in patterns if p.startswith(_NON_WORD_STARTS)]
    parts = [r"(?<!\w)(?=\w)(?:" + "|".join(words) + ")"] if words else []
    parts += [f"(?:{p})" for p in others]
    return re.compile("|".join(parts))


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
        cues=tuple(_cues(raw["cues"])),
        lead_in_kind={k: _any(v) for k, v in raw["lead_in_kind"].items()},
        section_kind={k: _any(v) for k, v in raw["section_kind"].items()},
        section_weight=float(raw["section_weight"]),
        action_verb=re.compile(rf"^(?:{'|'.join(raw['action_verbs'])})\b"),
        action_weight=float(raw["action_weight"]),
        modal=_any(raw["modals"]),
        modal_weight=float(raw["modal_weight"]),
        action_kind=dict(raw["action_kind"]),
        own_work_genres=frozenset(raw["own_work_genres"]),
        own_work=_any(raw["own_work"]),
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
            for weight, patterns in weighted.items():
                start = place == "start"
                pattern = re.compile("^(?:" + "|".join(patterns) + ")") if start else _any(patterns)
                found.append(Cue(kind, float(weight), pattern, start))
    return found


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
    for cue in rules().cues:
        if cue.pattern.search(text) if not cue.at_start else cue.pattern.match(text):
            scores[cue.kind] += cue.weight


def _actor(statement: Statement, doc: Document) -> str:
    """Who acts: the actor named at the start, the lead-in's actor, or the document's."""
    named = named_actor(statement.text)
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
    head = " ".join(text.split()[:MODAL_WORDS])
    points = 0.0
    if rules().action_verb.match(text):
        points += rules().action_weight
    if rules().modal.search(head):
        points += rules().modal_weight
    if not points:
        return
    if doc.genre == "news" and statement.form == "heading" and actor != "government":
        scores["goal"] += points  # a news heading names an aim of what it reports
    elif doc.genre == "news" and actor == "organisation" and not statement.speaker:
        scores["measure"] += points  # news reports other bodies' policy
    else:
        scores[rules().action_kind[actor]] += points


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
    return bool(rules().own_work.search(text)) or (bool(topics) and topics[0] == "advocacy")

"""Positions: which way a statement pushes on a codebook issue (codebook section 3).

An issue term (data/taxonomy.yaml) takes its direction from the nearest direction word
(data/positions.yaml) in the same clause: first one before it ("fjerne foretaksmodellen"),
else one after it ("Andelen ... er foreslått å reduserast"). A direction word's reach ends
at the first other issue it meets, unless the two are joined by "og" or a comma. Negation
("ikke", "ikkje") and opposition ("mot", "nei til") flip the direction; "inverse" terms
(egenkapitalkrav on investment terms) flip it too. "erstatte X med Y" and "X blir erstatta
med Y" give - on X and + on Y. Terms that carry a direction themselves ("rask tilgang")
count only in statements that propose or aim at something.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planatlas.coding import matching
from planatlas.coding.matching import Hit, Matcher
from planatlas.coding.taxonomy import Taxonomy, active_taxonomy, builtin_taxonomy
from planatlas.errors import ConfigError
from planatlas.records import Direction, Position

SOURCE = "planatlas/data/positions.yaml"
DIRECTIONS: dict[str, Direction] = {"plus": "+", "minus": "-", "change": "~"}
FLIP: dict[Direction, Direction] = {"+": "-", "-": "+", "~": "~"}
ISSUE_KINDS = ("issue", "inverse", "plus", "minus")
DIRECTION_LABELS = frozenset({"+", "-", "~"})
HEADING_CONFIDENCE = 0.6
JOINERS = frozenset({"og", "eller", "samt", ",", "både", "men", "også", "dens", "deres", "sin"})


@dataclass(frozen=True)
class Rules:
    """positions.yaml, compiled."""

    matcher: Matcher
    window: int
    far_window: int
    short_reach: frozenset[str]
    taking_kinds: frozenset[str]


_Cue = Hit  # a direction word found: label "+", "-", "~", "neg", "against", "replace", "with",
# "boundary" or "+:issue" (a cue for one issue only), its token span and the term


@cache
def rules() -> Rules:
    """Load and compile data/positions.yaml once."""
    text = resources.files("planatlas").joinpath("data", "positions.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    return compile_rules(raw, SOURCE)


def compile_rules(raw: dict[str, Any], source: str) -> Rules:
    """Validate the direction lexicon and compile it into one surface matcher."""
    groups: dict[str, Iterable[str]] = {}
    for name, direction in DIRECTIONS.items():
        groups[direction] = _words(raw, name, source)
    for name in ("negation", "against", "replace", "replace_with", "boundaries"):
        groups[
            {"replace_with": "with", "boundaries": "boundary", "negation": "neg"}.get(name, name)
        ] = _words(raw, name, source)
    for issue, cues in (raw.get("issue_cues") or {}).items():
        if issue not in builtin_taxonomy().issues:
            raise ConfigError(f"«issue_cues» viser til ukjent sak «{issue}»", path=source)
        for direction, words in cues.items():
            if direction not in ("+", "-", "~"):
                raise ConfigError(
                    f"«issue_cues.{issue}»: ukjent retning «{direction}»", path=source
                )
            groups[f"{direction}:{issue}"] = [str(w) for w in words]
    return Rules(
        matcher=Matcher(matching.labelled(groups), mode="surface", gap=0),
        window=int(raw.get("window", 8)),
        far_window=int(raw.get("far_window", 16)),
        short_reach=frozenset(_words(raw, "short_reach", source)),
        taking_kinds=frozenset(_words(raw, "taking_kinds", source)),
    )


def _words(raw: dict[str, Any], name: str, source: str) -> list[str]:
    words = raw.get(name)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError(f"«{name}» må være en liste med ord", path=source)
    return words


def positions(
    text: str,
    language: str = "nb",
    taxonomy: Taxonomy | None = None,
    kind: str | None = None,
    heading: str | None = None,
) -> list[tuple[Position, float]]:
    """The positions a statement takes, each with a confidence in 0-1.

    `heading` is the heading or lead-in a list item stands under: an item with no direction
    word of its own ("Kombinerte stillingar") takes the heading's ("Innføre nye ordningar")."""
    if kind is not None and kind not in rules().taking_kinds:
        return []
    tax = taxonomy or active_taxonomy()
    toks, hits = matching.tokens_and_hits(text, language, tax)
    issue_hits = [h for h in hits if _is_issue(h)]
    if not issue_hits:
        return []
    cues = rules().matcher.find(toks, language)
    found: dict[tuple[str, Direction], float] = {}
    for clause in _clauses(issue_hits, cues, len(toks)):
        for position, confidence in _clause_positions(clause, cues, toks, kind):
            key = (position.issue, position.direction)
            found[key] = max(found.get(key, 0.0), confidence)
    if not found and heading and not any(_is_cue_word(c) for c in cues):
        return _from_heading(text, heading, language, tax, kind)
    return _resolve(found)


def _is_cue_word(cue: _Cue) -> bool:
    """A word that gives or turns a direction (not a clause boundary)."""
    return cue.label != "boundary"


def _from_heading(
    text: str, heading: str, language: str, taxonomy: Taxonomy, kind: str | None
) -> list[tuple[Position, float]]:
    """The item read as if the heading's one plain direction word stood before it."""
    toks = matching.tokens(heading)
    cues = [c for c in rules().matcher.find(toks, language) if _is_cue_word(c)]
    if len(cues) != 1 or cues[0].label not in DIRECTION_LABELS:
        return []  # none, or negated, replaced, opposed, or mixed: too unsure to carry over
    words = " ".join(toks[cues[0].start : cues[0].end])
    found = positions(f"{words} {text}", language, taxonomy, kind)
    return [(position, min(confidence, HEADING_CONFIDENCE)) for position, confidence in found]


def _is_issue(hit: Hit) -> bool:
    return hit.label.split(":", 1)[0] in ISSUE_KINDS


def _issue(hit: Hit) -> str:
    return hit.label.split(":", 1)[1]


def _clauses(hits: list[Hit], cues: list[_Cue], length: int) -> list[list[Hit]]:
    """Issue hits grouped by the clause they stand in (split at boundary tokens)."""
    cuts = sorted({c.start for c in cues if c.label == "boundary"} | {length})
    groups: list[list[Hit]] = [[] for _ in cuts]
    for hit in hits:
        index = next(i for i, cut in enumerate(cuts) if hit.start < cut)
        groups[index].append(hit)
    return [g for g in groups if g]


def _clause_bounds(hit: Hit, cues: list[_Cue], length: int) -> tuple[int, int]:
    cuts = [c.start for c in cues if c.label == "boundary"]
    before = max((c + 1 for c in cuts if c < hit.start), default=0)
    after = min((c for c in cuts if c >= hit.end), default=length)
    return before, after


def _clause_positions(
    hits: list[Hit], cues: list[_Cue], toks: tuple[str, ...], kind: str | None
) -> list[tuple[Position, float]]:
    bounds = _clause_bounds(hits[0], cues, len(toks))
    inside = [c for c in cues if bounds[0] <= c.start < bounds[1]]
    replaced = _replacement(hits, inside)
    if replaced:
        return replaced
    found: list[tuple[Position, float]] = []
    for hit in hits:
        result = _direction(hit, hits, inside, toks, kind)
        if result is not None:
            found.append((Position(_issue(hit), result[0]), result[1]))
    return found


def _replacement(hits: list[Hit], cues: list[_Cue]) -> list[tuple[Position, float]]:
    """erstatte X med Y / X blir erstatta med Y: - on X, + on Y."""
    verb = next((c for c in cues if c.label == "replace"), None)
    if verb is None:
        return []
    after_verb = [h for h in hits if h.start >= verb.end]
    before_verb = [h for h in hits if h.end <= verb.start]
    first_object = after_verb[0].end if after_verb and not before_verb else verb.end
    joint = next((c for c in cues if c.label == "with" and c.start >= first_object), None)
    split = joint.start if joint else len(hits) + 10_000
    old = before_verb if before_verb else [h for h in after_verb if h.start < split]
    new = [h for h in after_verb if h.start > split] if joint else []
    found = [(Position(_issue(h), _flip_if_inverse(h, "-")), 0.85) for h in old]
    found += [(Position(_issue(h), _flip_if_inverse(h, "+")), 0.85) for h in new]
    return found


def _flip_if_inverse(hit: Hit, direction: Direction) -> Direction:
    return FLIP[direction] if hit.label.startswith("inverse:") else direction


def _direction(
    hit: Hit, hits: list[Hit], cues: list[_Cue], toks: tuple[str, ...], kind: str | None
) -> tuple[Direction, float] | None:
    """The direction one issue term gets, with a confidence; None for a mere mention."""
    cue, distance = _nearest_cue(hit, hits, cues, toks)
    implied = _implied(hit)
    if cue is None and implied is None:
        return ("-", 0.7) if _opposed(hit, cues) else None
    if implied is not None:
        direction = FLIP[implied] if cue is not None and cue.label == "-" else implied
        confidence = 0.75 if cue is not None else 0.6
    else:
        assert cue is not None
        direction = _flip_if_inverse(hit, _cue_direction(cue))
        confidence = 0.8 if distance <= rules().window else 0.5
    if _negated(hit, cue, cues):
        if direction == "~":
            return None
        direction = FLIP[direction]
    return direction, confidence


def _implied(hit: Hit) -> Direction | None:
    prefix = hit.label.split(":", 1)[0]
    return "+" if prefix == "plus" else "-" if prefix == "minus" else None


def _cue_direction(cue: _Cue) -> Direction:
    return cue.label.split(":", 1)[0]  # type: ignore[return-value]


def _is_direction(cue: _Cue, issue: str) -> bool:
    head, _, target = cue.label.partition(":")
    return head in ("+", "-", "~") and (not target or target == issue)


def _nearest_cue(
    hit: Hit, hits: list[Hit], cues: list[_Cue], toks: tuple[str, ...]
) -> tuple[_Cue | None, int]:
    """The direction cue that governs an issue term, and how far away it is."""
    issue = _issue(hit)
    candidates = [c for c in cues if _is_direction(c, issue) and not _within(c, hit)]
    before = [
        c
        for c in candidates
        if c.start < hit.start and _reaches(c, hit, hits, toks) and _in_reach(c, hit)
    ]
    after = [c for c in candidates if c.start >= hit.end]
    best_before = max(before, key=lambda c: c.end, default=None)
    best_after = min(after, key=lambda c: c.start, default=None)
    d_before = hit.start - best_before.end if best_before else 10_000
    d_after = best_after.start - hit.end if best_after else 10_000
    window, far = rules().window, rules().far_window
    if best_before is not None and d_before <= window:
        return best_before, max(0, d_before)
    if best_after is not None and d_after <= window and not _owned(best_after, hit, hits):
        return best_after, d_after
    if best_before is not None and d_before <= far:
        return best_before, d_before
    return None, 10_000


def _in_reach(cue: _Cue, hit: Hit) -> bool:
    """Comparatives ("meir", "fleire") reach only the word right after them."""
    return cue.term not in rules().short_reach or hit.start - cue.end <= 1


def _within(cue: _Cue, hit: Hit) -> bool:
    return cue.start >= hit.start and cue.end <= hit.end and cue.label != "~"


def _reaches(cue: _Cue, hit: Hit, hits: list[Hit], toks: tuple[str, ...]) -> bool:
    """A cue before a term reaches it unless another issue stands between, not joined by og/,."""
    issue = _issue(hit)
    between = [h for h in hits if h.start >= cue.end and h.end <= hit.start and _issue(h) != issue]
    if not between:
        return True
    last = max(between, key=lambda h: h.end)
    gap = toks[last.end : hit.start]
    return any(t in JOINERS for t in gap) or not gap


def _owned(cue: _Cue, hit: Hit, hits: list[Hit]) -> bool:
    """A cue after a term belongs to a later term when one stands between them."""
    return any(h.start >= hit.end and h.end <= cue.start and _issue(h) != _issue(hit) for h in hits)


def _opposed(hit: Hit, cues: list[_Cue]) -> bool:
    return any(c.label == "against" and 0 <= hit.start - c.end <= 2 for c in cues)


def _negated(hit: Hit, cue: _Cue | None, cues: list[_Cue]) -> bool:
    """Negation near the cue, or opposition ("mot", "nei til") just before the term."""
    against = sum(c.label == "against" and 0 <= hit.start - c.end <= 2 for c in cues)
    if cue is None:
        return against % 2 == 1
    negations = sum(c.label == "neg" and _near_cue(c, cue, hit) for c in cues)
    return (against + negations) % 2 == 1


def _near_cue(neg: _Cue, cue: _Cue, hit: Hit) -> bool:
    """ "ikke innføre", "fremmer ikke", "innføre ... ikke ... X"."""
    if -2 <= cue.start - neg.end <= 0 or 0 <= neg.start - cue.end <= 1:
        return True
    low, high = sorted((cue.end, hit.start))
    return low <= neg.start < high


def _resolve(found: dict[tuple[str, Direction], float]) -> list[tuple[Position, float]]:
    """One direction per issue: the most confident (a tie keeps the first found)."""
    best: dict[str, tuple[Direction, float]] = {}
    for (issue, direction), confidence in found.items():
        if issue not in best or confidence > best[issue][1]:
            best[issue] = (direction, confidence)
    return [(Position(issue, d), c) for issue, (d, c) in best.items()]

"""Positions: which way a statement pushes on a codebook issue (codebook section 3).

An issue term (data/taxonomy.yaml) takes its direction from the nearest direction word
(data/positions.yaml) in the same clause: first one before it ("fjerne foretaksmodellen"),
else one after it ("Andelen ... er foreslått å reduserast"). A direction word's reach ends
at the first other issue it meets, unless the two are joined by "og" or a comma. Negation
("ikke", "ikkje") and opposition ("mot", "nei til") flip the direction; "inverse" terms
(egenkapitalkrav on investment terms) flip it too. "erstatte X med Y" and "X blir erstatta
med Y" give - on X and + on Y. Terms that carry a direction themselves ("rask tilgang")
count only in statements that propose or aim at something.

Stance (data/stance.yaml) answers, beside the issue, which way a statement pushes where no
direction word next to an issue term does: phrases that take a stance by themselves ("fritt
behandlingsvalg": public provision towards private); an issue term as the subject of a
description is not pushed by a direction word after it, and is "-" where the description
is a criticism ("Foretaksmodellen har skapt unødvendig byråkrati"); a demand or goal that
asks for more in an investment issue's field (named in the statement, its heading or its
lead-in) is "+" on that issue. In "ikke X, men Y" the direction before "ikke" reaches Y.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml

from planatlas.coding import matching
from planatlas.coding.matching import Hit, Matcher
from planatlas.coding.taxonomy import Taxonomy, active_taxonomy, builtin_taxonomy
from planatlas.errors import ConfigError
from planatlas.records import Direction, Position

SOURCE = "planatlas/data/positions.yaml"
STANCE_SOURCE = "planatlas/data/stance.yaml"
DIRECTIONS: dict[str, Direction] = {"plus": "+", "minus": "-", "change": "~"}
FLIP: dict[Direction, Direction] = {"+": "-", "-": "+", "~": "~"}
ISSUE_KINDS = ("issue", "inverse", "plus", "minus")
DIRECTION_LABELS = frozenset({"+", "-", "~"})
HEADING_CONFIDENCE = 0.6
PHRASE_CONFIDENCE = 0.85
CRITICISM_CONFIDENCE = 0.7
DOMAIN_CONFIDENCE = 0.55
PHRASE_TURN_REACH = 4  # a negation or a minus word this many words before a phrase turns it
# verbs of little meaning between a negation and what it negates ("ikke ha mer ...")
LIGHT_VERBS = frozenset({"ha", "få", "gi", "gje", "bli", "være", "vere"})
SUBJECT_REACH = 2  # words before an issue term at a clause's start that keep it its subject
OBJECT_REACH = 2  # words between an ask and the thing it asks for (stance.yaml other_objects)
ASPECT_OBJECT_REACH = 6  # words after an aspect term's "til" that may name its object
OBJECT_PREPOSITIONS = frozenset({"til", "på", "av"})
FEES = "user_fees"  # the issue of patients' own payments
NAME = "name"  # a stance label: the name of a thing whose words name no issue
OTHER = "other"  # a cue label: a thing asked for that is no more effort for a field
REDUCED = "reduced"  # a cue label: a thing a field works against (stance.yaml reduced_objects)
JOINERS = frozenset({"og", "eller", "samt", ",", "både", "men", "også", "dens", "deres", "sin"})


@dataclass(frozen=True)
class Rules:
    """positions.yaml, compiled."""

    matcher: Matcher
    window: int
    far_window: int
    short_reach: frozenset[str]
    taking_kinds: frozenset[str]
    decreases: tuple[str, ...] = ()  # minus words that name a decrease as a thing
    negations: frozenset[str] = frozenset()  # the one-word negations ("ikke", "aldri")
    simplifying: frozenset[str] = frozenset()  # plus words that lessen a requirement

    def is_decrease(self, token: str) -> bool:
        """Whether the token is one of `decreases` ("nedleggelsen": nedlegg*)."""
        return token in self._decrease_words or token.startswith(self._decrease_stems)

    @cached_property
    def _decrease_words(self) -> frozenset[str]:
        return frozenset(w for w in self.decreases if not w.endswith("*"))

    @cached_property
    def _decrease_stems(self) -> tuple[str, ...]:
        """The stems of `decreases` ("nedlegg*"), for one startswith test (runs in C)."""
        return tuple(w[:-1] for w in self.decreases if w.endswith("*"))


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
        decreases=tuple(_words(raw, "decreases", source)),
        simplifying=frozenset(_words(raw, "simplifying", source)),
        negations=frozenset(w for w in _words(raw, "negation", source) if " " not in w),
    )


def _words(raw: dict[str, Any], name: str, source: str) -> list[str]:
    words = raw.get(name)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError(f"«{name}» må være en liste med ord", path=source)
    return words


@dataclass(frozen=True)
class Stance:
    """stance.yaml, compiled."""

    words: Matcher  # one pass: phrases "+:issue"/"-:issue", fields "domain:issue", "more"
    domains: Matcher  # labels "domain:issue" (for the heading a statement stands under)
    domain_kinds: frozenset[str]
    subject_verbs: frozenset[str]
    modal_verbs: frozenset[str]
    proposal_words: frozenset[str]
    criticism: Matcher  # labels "harm", "praise_verb" and "praise"
    judging_kinds: frozenset[str]
    phrase_only: frozenset[str]
    generic_field_words: frozenset[str]  # field terms that count only beside a health word
    health_only_phrases: frozenset[str]  # issues whose phrases count only beside one
    generic_issues: frozenset[str]  # issues that yield to a field's own (money for a field)
    aspect_topics: frozenset[str]  # topics of any field's services (access, staff, money)
    effort: frozenset[str]  # investment issues whose terms other objects keep from a push
    aspect_issues: frozenset[str]  # issues of how any service is given (how soon)
    effort_fields: frozenset[str]  # every investment issue (those with a field in `domains`)
    served_fields: frozenset[str]  # fields named by whom they serve (the elderly)
    covered_fields: frozenset[str]  # fields whose issue is the public scheme's coverage
    fields_needed: frozenset[str]  # issues whose words count only where their field is named


@cache
def stance() -> Stance:
    """Load and compile data/stance.yaml once."""
    text = resources.files("planatlas").joinpath("data", "stance.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    return compile_stance(raw, STANCE_SOURCE)


def compile_stance(raw: dict[str, Any], source: str) -> Stance:
    """Validate the stance vocabulary and compile it into surface matchers."""
    phrases: dict[str, Iterable[str]] = {}
    for issue, sides in _mapping(raw, "phrases", source).items():
        _known_issue(issue, "phrases", source)
        for direction, words in (sides or {}).items():
            if direction not in ("+", "-"):
                raise ConfigError(f"«phrases.{issue}»: ukjent retning «{direction}»", path=source)
            phrases[f"{direction}:{issue}"] = _words({"x": words}, "x", source)
    domains: dict[str, Iterable[str]] = {}
    for issue, words in _mapping(raw, "domains", source).items():
        _known_issue(issue, "domains", source)
        domains[f"domain:{issue}"] = _words({f"domains.{issue}": words}, f"domains.{issue}", source)
    needed: dict[str, Iterable[str]] = {}
    for issue, words in _mapping(raw, "fields_needed", source).items():
        _known_issue(issue, "fields_needed", source)
        needed[f"field:{issue}"] = _words({issue: words}, issue, source)
    criticism: dict[str, Iterable[str]] = {
        "harm": _words(raw, "harms", source),
        "praise_verb": _words(raw, "praise_verbs", source),
        "praise": _words(raw, "praise", source),
    }
    return Stance(
        words=Matcher(
            matching.labelled(phrases)
            + matching.labelled(domains)
            + [("more", w) for w in _words(raw, "more", source)]
            + [("not_asking", w) for w in _words(raw, "not_asking", source)]
            + [("not_field", w) for w in _words(raw, "not_field", source)]
            + [("not_field", w) for w in _words(raw, "names", source)]
            + [(NAME, w) for w in _words(raw, "names", source)]
            + [("other_object", w) for w in _words(raw, "other_objects", source)]
            + [(REDUCED, w) for w in _words(raw, "reduced_objects", source)]
            + [("health", w) for w in _words(raw, "health_words", source)]
            + matching.labelled(needed),
            mode="surface",
            gap=0,
        ),
        domains=Matcher(
            matching.labelled(domains)
            + [("health", w) for w in _words(raw, "health_words", source)]
            + matching.labelled(needed),
            mode="surface",
            gap=0,
        ),
        domain_kinds=frozenset(_words(raw, "domain_kinds", source)),
        subject_verbs=frozenset(_words(raw, "subject_verbs", source)),
        modal_verbs=frozenset(_words(raw, "modal_verbs", source)),
        proposal_words=frozenset(_words(raw, "proposal_words", source)),
        criticism=Matcher(matching.labelled(criticism), mode="surface", gap=0),
        judging_kinds=frozenset(_words(raw, "judging_kinds", source)),
        phrase_only=frozenset(_words(raw, "phrase_only", source)),
        generic_field_words=frozenset(_words(raw, "generic_field_words", source)),
        health_only_phrases=frozenset(_words(raw, "health_only_phrases", source)),
        generic_issues=frozenset(_words(raw, "generic_issues", source)),
        aspect_topics=frozenset(_words(raw, "aspect_topics", source)),
        effort=frozenset(_mapping(raw, "domains", source))
        - set(_words(raw, "broad_fields", source)),
        aspect_issues=frozenset(_words(raw, "aspect_issues", source)),
        effort_fields=frozenset(_mapping(raw, "domains", source)),
        served_fields=frozenset(_words(raw, "served_fields", source)),
        covered_fields=frozenset(_words(raw, "covered_fields", source)),
        fields_needed=frozenset(_mapping(raw, "fields_needed", source)),
    )


def _mapping(raw: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    found = raw.get(name)
    if not isinstance(found, dict):
        raise ConfigError(f"«{name}» må være en ordbok per sak", path=source)
    return found


def _known_issue(issue: str, section: str, source: str) -> None:
    if issue not in builtin_taxonomy().issues:
        raise ConfigError(f"«{section}» viser til ukjent sak «{issue}»", path=source)


def positions(
    text: str,
    language: str = "nb",
    taxonomy: Taxonomy | None = None,
    kind: str | None = None,
    heading: str | None = None,
    context: str | None = None,
) -> list[tuple[Position, float]]:
    """The positions a statement takes, each with a confidence in 0-1.

    `heading` is the heading or lead-in a list item stands under: an item with no direction
    word of its own ("Kombinerte stillingar") takes the heading's ("Innføre nye ordningar").
    `context` is the text of the heading and lead-in any statement stands under: it names
    the field of an investment issue ("Ruspolitikk") for a demand that asks for more in it."""
    # A challenge takes a position only by criticism or a stance phrase ("Foretaksmodellen
    # har skapt unødvendig byråkrati"), never by a direction word ("for få sykehjemsplasser").
    judging_only = kind is not None and kind in stance().judging_kinds
    if kind is not None and kind not in rules().taking_kinds and not judging_only:
        return []
    tax = taxonomy or active_taxonomy()
    toks, hits = matching.tokens_and_hits(text, language, tax)
    phrase_only = stance().phrase_only
    issue_hits = [
        h
        for h in hits
        if _is_issue(h) and (_issue(h) not in phrase_only or _implied(h) is not None)
    ]
    words = stance().words.find(toks)
    names = [w for w in words if w.label == NAME]
    if names:  # "legemiddelassistert rehabilitering" names a drug treatment
        issue_hits = [h for h in issue_hits if not any(_overlap(h, n) for n in names)]
    heading_words = _heading_words(context) if context else ()
    unnamed = _fields_unnamed(words, heading_words)
    if unnamed:  # "Rikshospitalets monopol" is no alcohol policy
        issue_hits = [h for h in issue_hits if _issue(h) not in unnamed]
    if not issue_hits and not _names_stance(words, heading_words):
        return []  # no issue, no stance phrase, no field: nothing a direction word can push
    cues = rules().matcher.find(toks, language) + _other_objects(words)
    found: dict[tuple[str, Direction], float] = {}
    for clause in _clauses(issue_hits, cues, len(toks)):
        for position, confidence in _clause_positions(clause, cues, toks, kind, judging_only):
            key = (position.issue, position.direction)
            found[key] = max(found.get(key, 0.0), confidence)
    if judging_only:
        heading = None
    if not found and issue_hits and heading and not any(_is_cue_word(c) for c in cues):
        found = dict(_keyed(_from_heading(text, heading, language, tax, kind)))
    resolved = dict(_resolve(found))
    health = any(h.label == "health" for h in (*words, *heading_words))
    resolved.update(_phrase_positions(words, cues, toks, tax, health, unnamed))
    if not judging_only:
        if not _fields(words, health):  # the heading's field, for a statement of no other
            heading_words = _within_topics(heading_words, hits, tax)
        _add_domain_positions(resolved, words, heading_words, health, cues, tax, kind)
    _to_field(resolved, words, health, tax)
    _to_served_field(resolved, tax)
    _fees_as_coverage(resolved, words, health, tax)
    return [(Position(issue, d), c) for issue, (d, c) in _by_issue(resolved).items()]


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _longer(a: Hit, b: Hit) -> bool:
    """Whether a covers more words than b (or as many, around it)."""
    return a.end - a.start > b.end - b.start or (a.start <= b.start and b.end <= a.end)


def _names_stance(words: list[Hit], heading_words: tuple[Hit, ...]) -> bool:
    """Whether a stance phrase or an investment issue's field stands in the statement's words
    or in its heading's: without one, and without an issue term, it takes no position."""
    return any(h.label.startswith(("+:", "-:", "domain:")) for h in (*words, *heading_words))


@lru_cache(maxsize=4096)
def _heading_words(context: str) -> tuple[Hit, ...]:
    """The field and health words of a heading (many statements stand under each one)."""
    return tuple(stance().domains.find(matching.tokens(context)))


def _keyed(found: list[tuple[Position, float]]) -> list[tuple[tuple[str, Direction], float]]:
    return [((p.issue, p.direction), c) for p, c in found]


def _by_issue(found: dict[Position, float]) -> dict[str, tuple[Direction, float]]:
    """One direction per issue: a stance phrase or criticism over a direction word."""
    best: dict[str, tuple[Direction, float]] = {}
    for position, confidence in found.items():
        if position.issue not in best or confidence > best[position.issue][1]:
            best[position.issue] = (position.direction, confidence)
    return best


def _fields_unnamed(words: list[Hit], heading_words: Iterable[Hit]) -> frozenset[str]:
    """The issues of stance.yaml `fields_needed` whose field no word of the statement, its
    heading or its lead-in names: their terms and phrases do not count."""
    needed = stance().fields_needed
    if not needed:
        return needed
    named = {h.label[len("field:") :] for h in (*words, *heading_words) if h.label[:6] == "field:"}
    return needed - named


def _phrase_positions(
    words: list[Hit],
    cues: list[_Cue],
    toks: tuple[str, ...],
    taxonomy: Taxonomy,
    health: bool,
    unnamed: frozenset[str] = frozenset(),
) -> dict[Position, float]:
    """Phrases that take a stance by themselves; a negation, "mot" or a minus word just
    before one turns it ("avvikle fritt behandlingsvalg"). An issue whose field must be
    named (`unnamed`) takes none."""
    found: dict[Position, float] = {}
    hits = [w for w in words if w.label[:2] in ("+:", "-:")]
    for hit in hits:
        if any(o is not hit and _overlap(o, hit) and _longer(o, hit) for o in hits):
            continue  # a longer phrase over it says more ("økende privatisering", "oversikt
            # over fremveksten av private" over "private tilbud")
        direction, issue = _cue_direction(hit), _issue(hit)
        if issue not in taxonomy.issues:
            continue
        if (not health and issue in stance().health_only_phrases) or issue in unnamed:
            continue
        turns = len(  # one per span: "nei til" is both a minus word and an opposition
            {(c.start, c.end) for c in cues if _turns(c, hit, toks)}
        )
        if turns % 2:
            direction = FLIP[direction]
        found[Position(issue, direction)] = PHRASE_CONFIDENCE
    return _one_per_issue(found)


def _turns(cue: _Cue, phrase: Hit, toks: tuple[str, ...]) -> bool:
    """Whether a negation, an opposition or a minus word just before a phrase turns it, or
    a negation or minus word after a modal verb right after it ("Fritt behandlingsvalg skal
    avvikles", "Private aktører skal ikke få ...")."""
    if cue.label not in ("neg", "against", "-"):
        return False
    if 0 <= phrase.start - cue.end <= PHRASE_TURN_REACH:
        return True
    between = toks[phrase.end : cue.start]
    return (
        cue.label != "against"
        and 0 < len(between) <= 2
        and between[0] in stance().modal_verbs
        # "skal ikke avvikles": the negation and the minus word both turn the phrase
        and all(
            t in stance().modal_verbs or t in LIGHT_VERBS or t in rules().negations for t in between
        )
    )


def _one_per_issue(found: dict[Position, float]) -> dict[Position, float]:
    """Phrases that disagree on one issue cancel out: too unsure to say either."""
    issues = [p.issue for p in found]
    return {p: c for p, c in found.items() if issues.count(p.issue) == 1}


def _add_domain_positions(
    found: dict[Position, float],
    words: list[Hit],
    heading: Iterable[Hit],
    health: bool,
    cues: list[_Cue],
    taxonomy: Taxonomy,
    kind: str | None,
) -> None:
    """A demand or goal that asks for more in an investment issue's field: "+" on it."""
    rules_ = stance()
    if kind is not None and kind not in rules_.domain_kinds:
        return
    taken = {p.issue for p in found}
    # beside another position, only a plain ask for more: "kortere ventetider i psykisk
    # helsevern" is about the queue, not more for mental health
    asks = _asks_for_more(words, cues, harms_too=not taken)
    # a broad field's effort takes rules and research too ("innføre retningslinjer for
    # oppfølging etter spontanabort")
    broad_asks = asks or _asks_for_more(words, cues, harms_too=not taken, others_too=True)
    if not broad_asks:
        return
    fields = _fields(words, health)
    if not fields and not taken:  # the heading's field, for a bare demand only
        fields = _fields(heading, health)
    for issue in sorted(fields - taken):
        if issue in taxonomy.issues and (asks or issue not in rules_.effort):
            found[Position(issue, "+")] = DOMAIN_CONFIDENCE


def _within_topics(
    heading: Iterable[Hit], hits: Iterable[Hit], taxonomy: Taxonomy
) -> tuple[Hit, ...]:
    """The heading's field words whose issue lies in a topic the statement names, where it
    names any: "Sikre god legemiddelberedskap" under "Folkehelse" is about preparedness,
    not about more prevention."""
    named = {h.label.split(":", 1)[1] for h in hits if h.label.startswith("topic:")}
    named -= stance().aspect_topics
    if not named:
        return tuple(heading)
    return tuple(
        h
        for h in heading
        if not h.label.startswith("domain:")
        or (_issue(h) in taxonomy.issues and named & set(taxonomy.issues[_issue(h)].topics))
    )


def _to_field(
    found: dict[Position, float], words: list[Hit], health: bool, taxonomy: Taxonomy
) -> None:
    """A generic issue yields to the field the statement names: "tilstrekkelig finansiering
    av rusomsorgen" asks for more for mental health, not for health in general."""
    generic = [p for p in found if p.issue in stance().generic_issues]
    fields = {f for f in _fields(words, health) if f in taxonomy.issues}
    if not generic or not fields:
        return
    for position in generic:
        confidence = found.pop(position)
        for issue in sorted(fields):
            key = Position(issue, position.direction)
            found[key] = max(found.get(key, 0.0), confidence)


def _fees_as_coverage(
    found: dict[Position, float], words: list[Hit], health: bool, taxonomy: Taxonomy
) -> None:
    """Lower fees in a field the public scheme covers are more coverage of it: "redusere
    egenandelen for tannregulering" is "+" on dental coverage too."""
    if Position(FEES, "-") not in found:
        return
    for issue in sorted(_fields(words, health) & stance().covered_fields):
        if issue in taxonomy.issues and not any(p.issue == issue for p in found):
            found[Position(issue, "+")] = DOMAIN_CONFIDENCE


def _to_served_field(found: dict[Position, float], taxonomy: Taxonomy) -> None:
    """A field named by whom it serves yields to another field it is said of: "tannlege for
    dem på sykehjem" is dental care for the elderly, not more elderly care."""
    rules_ = stance()
    for position in [p for p in found if p.issue in rules_.served_fields]:
        own = (
            set(taxonomy.issues[position.issue].topics)
            if position.issue in taxonomy.issues
            else set()
        )
        if any(
            other.issue != position.issue
            and (
                other.issue in rules_.effort_fields
                or (
                    other.issue in taxonomy.issues
                    and own & set(taxonomy.issues[other.issue].topics)
                )
            )
            for other in found
        ):
            del found[position]


def _fields(hits: Iterable[Hit], health: bool) -> set[str]:
    """The investment issues whose field the hits name (a generic word only beside health,
    none within a phrase that names health in general)."""
    generic = stance().generic_field_words
    hits = list(hits)
    general = [h for h in hits if h.label == "not_field"]
    return {
        _issue(h)
        for h in hits
        if h.label.startswith("domain:")
        and (health or h.term not in generic)
        and not any(_overlap(g, h) for g in general)
    }


def _asks_for_more(
    words: list[Hit], cues: list[_Cue], harms_too: bool = True, others_too: bool = False
) -> bool:
    """A word that asks for more (or, with `harms_too`, for less of a harm), not negated,
    nor within a phrase that asks for no more effort ("utvikle", "i større grad"), nor
    (unless `others_too`) right before another object ("sikre bedre samarbeid")."""
    labels = ("+", "-") if harms_too else ("+",)
    asks = [c for c in cues if c.label in labels] + [w for w in words if w.label == "more"]
    negations = [c.end for c in cues if c.label == "neg"]
    idle = [w for w in words if w.label == "not_asking"]
    others = [] if others_too else [w.start for w in words if w.label == "other_object"]
    return any(
        not any(0 <= a.start - end <= 1 for end in negations)
        and not any(w.start <= a.start and a.end <= w.end for w in idle)
        and not any(0 <= start - a.end <= OBJECT_REACH for start in others)
        for a in asks
    )


def _is_cue_word(cue: _Cue) -> bool:
    """A word that gives or turns a direction (not a clause boundary, nor another object)."""
    return cue.label not in ("boundary", OTHER, REDUCED)


def _other_objects(words: list[Hit]) -> list[_Cue]:
    """The statement's other objects (stance.yaml other_objects) and what a field works
    against (reduced_objects), as cues that point nowhere: a direction word before one
    pushes it, not an effort issue beside it."""
    return [
        Hit(OTHER, w.start, w.end, w.term) if w.label == "other_object" else w
        for w in words
        if w.label in ("other_object", REDUCED)
    ]


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
    hits: list[Hit],
    cues: list[_Cue],
    toks: tuple[str, ...],
    kind: str | None,
    judging_only: bool = False,
) -> list[tuple[Position, float]]:
    bounds = _clause_bounds(hits[0], cues, len(toks))
    inside = [c for c in cues if bounds[0] <= c.start < bounds[1]]
    replaced = [] if judging_only else _replacement(hits, inside)
    if replaced:
        return replaced
    found: list[tuple[Position, float]] = []
    contrast = _contrasted(bounds, cues, toks)
    for hit in hits:
        if _described(hit, bounds, toks):
            judged = _judged(hit, bounds, toks)
            if judged is not None:
                direction = _flip_if_inverse(hit, judged)
                found.append((Position(_issue(hit), direction), CRITICISM_CONFIDENCE))
            continue
        if judging_only or _speed_of_other(hit, hits, toks):
            continue
        result = _direction(hit, hits, inside, toks, kind)
        if result is None and contrast is not None:
            result = (_flip_if_inverse(hit, contrast), 0.6)
        if result is not None:
            found.append((Position(_issue(hit), result[0]), result[1]))
    return found


def _speed_of_other(hit: Hit, hits: list[Hit], toks: tuple[str, ...]) -> bool:
    """An aspect issue's own term whose object is another issue's thing: "rask tilgang til
    nye legemidler" asks for new treatments sooner, not for shorter queues."""
    if _issue(hit) not in stance().aspect_issues or _implied(hit) is None:
        return False
    if hit.end >= len(toks) or toks[hit.end] not in OBJECT_PREPOSITIONS:
        return False
    return any(
        _issue(h) != _issue(hit) and 0 < h.start - hit.end <= ASPECT_OBJECT_REACH for h in hits
    )


def _described(hit: Hit, bounds: tuple[int, int], toks: tuple[str, ...]) -> bool:
    """The issue term is the subject of a description: it opens its clause and a finite verb
    that is no modal follows ("Foretaksmodellen har gitt ...", "Ventetidene er lange")."""
    if hit.start - bounds[0] > SUBJECT_REACH:
        return False
    rules_ = stance()
    after = toks[hit.end : min(hit.end + 4, bounds[1])]
    for i, token in enumerate(after):
        if token in rules_.modal_verbs:
            return False
        if token in rules_.subject_verbs:
            return not any(t in rules_.proposal_words for t in after[i + 1 : i + 3])
    return False


def _judged(hit: Hit, bounds: tuple[int, int], toks: tuple[str, ...]) -> Direction | None:
    """A described subject criticised ("-": a harm in its clause) or praised ("+": "er
    grunnmuren i ..."), else None."""
    clause = toks[hit.end : bounds[1]]
    found = {h.label for h in stance().criticism.find(clause)}
    if "harm" in found:
        return "-"
    if {"praise_verb", "praise"} <= found:
        return "+"
    return None


def _contrasted(
    bounds: tuple[int, int], cues: list[_Cue], toks: tuple[str, ...]
) -> Direction | None:
    """ "ikke X, men Y": a clause after "men" with no direction word of its own takes the
    direction the clause before denied to X, now unturned."""
    start = bounds[0]
    if start == 0 or toks[start - 1] != "men":
        return None
    if any(c.label in DIRECTION_LABELS and bounds[0] <= c.start < bounds[1] for c in cues):
        return None
    before = [c for c in cues if c.end <= start - 1]
    direction = next((c for c in reversed(before) if c.label in DIRECTION_LABELS), None)
    if direction is None:
        return None
    clause_start = max((c.end for c in before if c.label == "boundary"), default=0)
    denied = any(c.label == "neg" and c.start >= clause_start for c in before)
    if not denied:
        return None
    return _cue_direction(direction)


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
        if _opposed(hit, cues, toks):
            return ("-", 0.7)
        return _predicate(hit, toks)
    if implied is not None:
        direction = FLIP[implied] if cue is not None and cue.label == "-" else implied
        confidence = 0.75 if cue is not None else 0.6
    else:
        assert cue is not None
        direction = _cue_direction(cue)
        if cue.term not in rules().simplifying:  # "forenkle rapporteringskravene" simplifies
            direction = _flip_if_inverse(hit, direction)
        confidence = 0.8 if distance <= rules().window else 0.5
    if cue is not None and _stopped(cue, cues, toks):
        return FLIP[direction], confidence  # "stoppe nedleggelsen av X" is for X
    if _negated(hit, cue, cues, toks):
        if direction == "~":
            return None
        direction = FLIP[direction]
    return direction, confidence


def _predicate(hit: Hit, toks: tuple[str, ...]) -> tuple[Direction, float] | None:
    """An issue's opposite as the verb after a modal ("Lokalsykehusene skal sentraliseres":
    "-"; "må ikke sentraliseres": "+"); None for any other term without a cue."""
    if not hit.label.startswith("inverse:"):
        return None
    before = toks[max(0, hit.start - 2) : hit.start]
    negated = bool(before) and before[-1] in rules().negations
    if negated:
        before = before[:-1]
    if not before or before[-1] not in stance().modal_verbs:
        return None
    return ("+" if negated else "-"), 0.7


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
    if issue in stance().effort:  # "redusere sykdom" lowers the illness, not the effort
        reduced = [c.start for c in cues if c.label == REDUCED]
        candidates = [c for c in candidates if not _reduces(c, reduced)]
    objects = [c.start for c in cues if c.label == OTHER] if issue in stance().effort else []
    before = [
        c
        for c in candidates
        if c.start < hit.start
        and _reaches(c, hit, hits, toks)
        and _in_reach(c, hit)
        and not any(c.end <= o < hit.start for o in objects)
    ]
    after = [c for c in candidates if c.start >= hit.end]
    # at the same place, a cue for this issue only beats a general one
    best_before = max(before, key=lambda c: (c.end, ":" in c.label), default=None)
    best_after = min(after, key=lambda c: (c.start, ":" not in c.label), default=None)
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


def _reduces(cue: _Cue, reduced: list[int]) -> bool:
    """A minus word right before a thing a field works against."""
    return cue.label.startswith("-") and any(
        0 <= start - cue.end <= OBJECT_REACH for start in reduced
    )


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


def _opposed(hit: Hit, cues: list[_Cue], toks: tuple[str, ...]) -> bool:
    """An opposition just before the term, not before another thing the term completes
    ("ingen privatisering av eldreomsorgen" opposes the privatisation, not the care)."""
    return any(
        c.label == "against"
        and 0 <= hit.start - c.end <= 2
        and not OBJECT_PREPOSITIONS.intersection(toks[c.end : hit.start])
        for c in cues
    )


def _stopped(cue: _Cue, cues: list[_Cue], toks: tuple[str, ...]) -> bool:
    """A decrease named as a thing ("nedleggelsen") that a minus word or an opposition
    just before it stops ("stoppe", "si nei til", "stanse og reversere"), or a minus word
    after a modal verb later in the sentence ("... må reverseres")."""
    if cue.label != "-" or not rules().is_decrease(toks[cue.start]):
        return False
    modal = stance().modal_verbs
    return any(
        c is not cue
        and (
            (c.label in ("-", "against", "neg") and 0 <= cue.start - c.end <= 2)
            # "Kuttene i ... må reverseres"
            or (c.label == "-" and c.start > cue.end and toks[c.start - 1] in modal)
        )
        for c in cues
    )


def _negated(hit: Hit, cue: _Cue | None, cues: list[_Cue], toks: tuple[str, ...]) -> bool:
    """Negation near the cue, or opposition ("mot", "nei til") just before the term; not
    the cue itself ("nei til" is a minus word as well: it says "-" once)."""
    against = sum(
        c.label == "against" and 0 <= hit.start - c.end <= 2 and not _same_span(c, cue)
        for c in cues
    )
    if cue is None:
        return against % 2 == 1
    negations = sum(c.label == "neg" and _near_cue(c, cue, hit, toks) for c in cues)
    return (against + negations) % 2 == 1


def _same_span(a: _Cue, b: _Cue | None) -> bool:
    return b is not None and a.start == b.start and a.end == b.end


def _near_cue(neg: _Cue, cue: _Cue, hit: Hit, toks: tuple[str, ...]) -> bool:
    """ "ikke innføre", "fremmer ikke", "innføre ... ikke ... X", "ikke ha mer"."""
    if -2 <= cue.start - neg.end <= 0 or 0 <= neg.start - cue.end <= 1:
        return True
    if cue.start - neg.end == 1 and toks[neg.end] in LIGHT_VERBS:
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

"""The learned coder: linear models, trained on the gold and on corrections, over the rules.

Five heads, each a linear model over one sparse feature vector of the statement:
- kind: one of the codebook's kinds (the highest score);
- topics: each topic on its own, one to three per statement;
- issues: which issues the statement takes a position on, each issue on its own;
- direction: which way it pushes, asked once per issue the statement is about (+ - ~), with
  the issue, the rules' direction for it and the words paired with the issue among its
  features, or "none" where the statement only mentions the issue (learned from the rules'
  positions the gold does not take, and from every rule position outside the field).
  "Which issue" and "which way" are two questions;
- scope: within the codebook's field or not (it reads the text, not the document's genre,
  actor or the statement's place, in which the documents it learns from differ by how they
  were cut).

Each head is ridge regression on the labels' indicators, solved in the dual (training.py),
over unit-length feature rows.

Trust between rules and model, as measured leaving one document out. In a genre the model
has learned from (FAMILIAR), it decides the kind and the topics, drops a rule position on an
issue it has learned well and sees no sign of or that its direction head calls a mere
mention, overrules the rules' direction where it is sure, and adds positions on issues the
rules missed. In a genre it has seen little of, the
rules lead: their kind keeps a strong prior, their topics stand, and the model only adds
positions. A scope head, learned from the other chapters of the programmes, clears topics
and positions of statements outside the codebook's field (a position on an issue of a
topic the statement's heading names stays); a statement that names health nowhere, neither
in its words, its headings nor its document (coding/field.py), keeps no position.

The features generalise beyond the sentences learned from: folded terms (lemmas, Nynorsk
folded to Bokmål, compound parts), word pairs, character n-grams, the first words, the
lead-in and the section heading, the statement's form, modality and place in the document,
the document's genre and actor kind, and what the rule coder said (kind, topics, positions).
The topics head alone also reads the words of the statements around one and the heading
above its own (TOPIC_ONLY): a paragraph or a list keeps to one theme.
The rules' output enters as features, so the model learns where to trust them; where a
head is missing (too little to learn from), the rules' answer stands.

A model file (see `planatlas train`) is a zip of the training rows' features (once) and,
per model, the rows it used and its heads' dual coefficients, from which its vocabulary and
weights follow exactly: `all`, trained on every gold document, and `fold:<content hash>`,
each trained without one gold document (and without its programme's other chapters), so
that evaluation never scores a statement with a model that saw it. The package ships one
(data/coder.zip); PLANATLAS_MODEL names another, or `rules` for the rules alone.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from planatlas import collector, settings
from planatlas.coding import field as codebook_field
from planatlas.coding import positions, topics
from planatlas.coding.normalize import fold, tokens_terms
from planatlas.coding.taxonomy import active_taxonomy
from planatlas.errors import ConfigError
from planatlas.records import Coding, Document, Position, Statement, shallow_copy

FORMAT = 3  # the file layout and the feature set; a file of another format is refused
DIRECTIONS = ("+", "-", "~")
NO_POSITION = "none"  # the direction head's answer for an issue mentioned, not pushed
KEEP_MARGIN = 0.5  # "none" must beat the best direction by this much to drop a position
TOPIC_THRESHOLD = 0.35  # a topic is coded at this score (the best one always, in the field)
ISSUE_THRESHOLD = 0.4  # a position is coded on an issue the rules missed at this score
ISSUE_DROP = 0.1  # a rule position the model scores below this is dropped (familiar genres)
DIRECTION_OVERRULE = 0.5  # the model's direction replaces the rules' at this score
KIND_RULE_PRIOR = 0.0  # the rules' kind, times their confidence, added to its score
UNFAMILIAR_RULE_PRIOR = 0.7  # the same, in a genre the model has seen little of
FAMILIAR = 100  # coded statements of a genre the model needs before it leads there
RULE_WEIGHT = 5.0  # the rules' kind and positions, against the text's own features
RULE_TOPIC_WEIGHT = 2.0  # the rules' topics: less, the text says more about topics
CHAR_WEIGHT = 0.5
HEADING_TOPIC_WEIGHT = 1.0
# the words of the statements around one: a programme's paragraph or list keeps to a theme
# its sentences share, and a short bullet names it rarely (held out, with the heading above
# its own: topic F1 0.781 -> 0.789, at about 12 µs a statement)
NEIGHBOUR_WEIGHT = 0.4
# features only the topics head reads: the kind, the issues and the direction are said in the
# statement itself, and its neighbours' words would only blur them
TOPIC_ONLY = ("nb=", "sec2")
# a topic the statement's heading or lead-in names needs this much less score: a list item
# under "Eldreomsorg" is about elderly care unless its words say otherwise (held out: +0.01 F1)
HEADING_TOPIC_BONUS = 0.1
CHAR_NGRAMS = (4,)  # 4-grams alone: 3- and 5-grams cost twice the time and add nothing held out
MIN_GRAM_WORD = 6  # shorter words are known as words
WELL_LEARNED = 30  # examples of a label the model needs before it may drop the rules' label
RARE = 5  # examples of a kind the model needs before it may overrule the rules' one
MAX_TOPICS = 3
# Samhandling is cooperation between the municipal and the specialist services (codebook):
# a care level ranked below it is one of its parties, not a topic of its own
PARTIES = {"coordination": ("hospitals", "primary_care")}
MAX_POSITIONS = 3
SHIPPED = "coder.zip"
RULES_ONLY = "rules"  # PLANATLAS_MODEL=rules: the rules alone
IN_FIELD, OUT_OF_FIELD = "in", "out"
FIELD_MARGIN = 0.8  # "out" must win by this much to clear topics
POSITION_FIELD_MARGIN = 0.1  # and this much to clear positions (bench/out_of_field.py)
# a statement within the field by its own words alone, under headings and in a document that
# name no health (a health sentence in a chapter on crime): "in" must win by this much to
# keep its positions (bench/out_of_field.py: 1.0% -> 0.8% of the other chapters' statements)
ALONE_FIELD_MARGIN = -0.1
# the topics of a statement that names health nowhere, in its words or its place (coding/
# field.py `within`): "out" winning clears them (bench/out_of_field.py: the other chapters'
# statements with a topic 30-42% -> 4-9%, the health chapters' unchanged)
UNPLACED_FIELD_MARGIN = 0.0

_WORD = re.compile(r"\w+")


# --- features


@lru_cache(maxsize=100_000)
def _word_features(word: str) -> tuple[tuple[str, float], ...]:
    """A folded word's own features: the word, and character n-grams of a long one, its
    edges marked (robust to unseen compounds)."""
    found = {"w=" + word: 1.0}
    if len(word) >= MIN_GRAM_WORD:
        padded = f" {word} "
        for n in CHAR_NGRAMS:
            for i in range(len(padded) - n + 1):
                found["c=" + padded[i : i + n]] = CHAR_WEIGHT
    return tuple(found.items())


@lru_cache(maxsize=1_000)
def _raw_words(text: str) -> tuple[str, ...]:
    """A statement's words lowercased, as written: its folded words and its first words are
    read from them (remembered, as `_words`)."""
    return tuple(_WORD.findall(text.lower()))


@lru_cache(maxsize=1_000)
def _words(text: str, language: str) -> tuple[str, ...]:
    """A statement's folded words (remembered: its row and its direction questions read them)."""
    return tuple(" ".join(tokens_terms(_raw_words(text), language)).split())


def _text_rest(text: str, words: Sequence[str]) -> Iterable[tuple[str, float]]:
    """The text's features beyond its words: word pairs, the first words, the length."""
    for a, b in zip(words, words[1:], strict=False):
        yield f"ww={a}_{b}", 1.0
    yield from _text_start(text)


def _text_start(text: str) -> Iterable[tuple[str, float]]:
    """The first words as written, and the length."""
    raw = _raw_words(text)
    for i, w in enumerate(raw[:3]):
        yield f"f{i}={w}", 1.0
    if len(raw) >= 2:
        yield f"f01={raw[0]}_{raw[1]}", 1.0
    yield f"len={min(len(raw) // 6, 6)}", 1.0


@lru_cache(maxsize=5_000)
def _context_features(text: str, language: str, prefix: str) -> tuple[tuple[str, float], ...]:
    words = fold(text, language).split()
    found = {f"{prefix}={w}": 0.5 for w in words}
    raw = _WORD.findall(text.lower())
    if raw:
        found[f"{prefix}0={raw[0]}"] = 1.0
        found[f"{prefix}_last={raw[-1]}"] = 1.0
    return tuple(found.items())


@lru_cache(maxsize=5_000)
def _heading_topics(
    text: str, language: str, prefix: str, genre: str
) -> tuple[tuple[str, float], ...]:
    """The rules' topics of a heading or lead-in, by genre: a programme's item under
    "Eldreomsorg" is most likely about elderly care, whichever words the heading uses for
    it (a slide's or a news item's heading says less of its lines)."""
    return tuple(
        (f"{prefix}={t}|{genre}", HEADING_TOPIC_WEIGHT) for t in _topics_of(text, language)
    )


@lru_cache(maxsize=5_000)
def _topics_of(text: str, language: str) -> tuple[str, ...]:
    """The rules' topics of a heading or lead-in."""
    return tuple(t for t, _ in topics.topics(text, language))


def heading_topics(statement: Statement, doc: Document, rule: Coding) -> frozenset[str]:
    """The topics the statement's nearest heading and its lead-in name."""
    folding = _folding(doc, rule)
    found: tuple[str, ...] = ()
    if statement.lead_in:
        found += _topics_of(statement.lead_in, folding)
    if statement.section:
        found += _topics_of(statement.section[-1], folding)
    return frozenset(found)


def _folding(doc: Document, rule: Coding) -> str:
    language = rule.language or doc.language or "nb"
    return language if language in ("nb", "nn") else "nb"


def features(
    statement: Statement, doc: Document, rule: Coding, grams: bool = True
) -> dict[str, float]:
    """The statement's features: its text, its context, and what the rules said of it.
    Without `grams`, the character n-grams are left out (the direction head reads none)."""
    words = _words(statement.text, _folding(doc, rule))
    found: dict[str, float] = {}
    for w in words:
        found.update(_word_features(w) if grams else (("w=" + w, 1.0),))
    found.update(_rest_features(statement, doc, rule, words))
    return found


def _rest_features(
    statement: Statement, doc: Document, rule: Coding, words: Sequence[str]
) -> dict[str, float]:
    """Every feature but the words' own (see `_word_features`)."""
    folding = _folding(doc, rule)
    genre = doc.genre or "none"
    found = dict(_text_rest(statement.text, words))
    if statement.lead_in:
        found.update(_context_features(statement.lead_in, folding, "li"))
        found.update(_heading_topics(statement.lead_in, folding, "li_topic", genre))
    if statement.section:
        found.update(_context_features(statement.section[-1], folding, "sec"))
        found.update(_heading_topics(statement.section[-1], folding, "sec_topic", genre))
    if len(statement.section) >= 2:
        found.update(_context_features(statement.section[-2], folding, "sec2"))
        found.update(_heading_topics(statement.section[-2], folding, "sec2_topic", genre))
    found.update(_said_features(_said(statement, doc, rule)))
    found.update(_neighbour_features(statement, doc, folding))
    return found


def _neighbours(statement: Statement, doc: Document) -> Iterable[str]:
    """The texts of the statements just before and after one (two on each side add nothing
    held out, at twice the cost)."""
    for j in (statement.index - 1, statement.index + 1):
        if 0 <= j < len(doc.statements):
            yield doc.statements[j].text


def _neighbour_features(statement: Statement, doc: Document, folding: str) -> Named:
    names = dict.fromkeys(
        "nb=" + w for text in _neighbours(statement, doc) for w in _words(text, folding)
    )
    return tuple((name, NEIGHBOUR_WEIGHT) for name in names)


def topic_only(name: str) -> bool:
    """Whether a feature is read by the topics head alone (TOPIC_ONLY)."""
    return name.startswith(TOPIC_ONLY)


class _Said(NamedTuple):
    """What the features after the text and its context read: the statement's ending and
    place, its document's genre and actor, and what the rules said of it. Many statements
    share each of its parts (`_said_parts`), so that their features are named once
    (`Columns`)."""

    end: str
    genre: str | None
    actor_kind: str | None
    kind: str | None
    kind_sure: bool
    topics: tuple[str, ...]
    positions: tuple[Position, ...]
    targets: bool
    form: str
    modality: str | None
    lead_in: bool
    lead_in_actor: bool
    speaker: bool
    depth: int
    place: int


def _said(statement: Statement, doc: Document, rule: Coding) -> _Said:
    text = statement.text.rstrip()
    total = max(len(doc.statements), 1)
    return _Said(
        end=text[-1:] if text[-1:] in ".:!?" else "x",
        genre=doc.genre,
        actor_kind=doc.actor_kind,
        kind=rule.kind,
        kind_sure=rule.confidence.get("kind", 0.5) >= 0.85,
        topics=tuple(rule.topics),
        positions=tuple(rule.positions),
        targets=bool(rule.targets),
        form=statement.form,
        modality=statement.modality,
        lead_in=statement.lead_in is not None,
        lead_in_actor=statement.lead_in_actor is not None,
        speaker=statement.speaker is not None,
        depth=min(len(statement.section), 3),
        place=min(4 * statement.index // total, 3),
    )


Named = tuple[tuple[str, float], ...]
SaidPart = tuple[Callable[..., Named], tuple[Any, ...]]


def _said_features(said: _Said) -> dict[str, float]:
    found: dict[str, float] = {}
    for name, key in _said_parts(said):
        found.update(name(*key))
    return found


def _said_parts(said: _Said) -> list[SaidPart]:
    """The features of `_Said` in parts of few values each, in the order they are named:
    a part's columns are worked out once, where the whole varies with every statement."""
    genre = said.genre or "none"
    parts: list[SaidPart] = [(_said_kind, (said.end, said.kind, said.kind_sure, genre))]
    parts += [(_said_topic, (topic, genre)) for topic in said.topics]
    parts += [(_said_position, (p.issue, p.direction, genre)) for p in said.positions]
    place = (
        min(len(said.positions), 2),
        said.targets,
        said.form,
        said.modality,
        said.lead_in,
        said.lead_in_actor,
        said.genre,
        said.actor_kind,
        said.speaker,
        said.depth,
        said.place,
    )
    parts.append((_said_place, place))
    return parts


def _said_kind(end: str, kind: str | None, sure: bool, genre: str) -> Named:
    return (
        (f"end={end}", 1.0),
        (f"rule_kind={kind}", RULE_WEIGHT),
        (f"rule_kind={kind}|{genre}", RULE_WEIGHT),  # trust in the rules, by genre
        (f"rule_kind_sure={kind}:{sure}", 1.0),
    )


def _said_topic(topic: str, genre: str) -> Named:
    return (
        (f"rule_topic={topic}", RULE_TOPIC_WEIGHT),
        (f"rule_topic={topic}|{genre}", RULE_TOPIC_WEIGHT / 2),
    )


def _said_position(issue: str, direction: str, genre: str) -> Named:
    return (
        (f"rule_pos={issue}:{direction}", RULE_WEIGHT),
        (f"rule_pos={issue}:{direction}|{genre}", RULE_WEIGHT / 2),
        (f"rule_issue={issue}", RULE_WEIGHT / 2),
        (f"rule_dir={direction}", 1.0),
    )


def _said_place(*values: Any) -> Named:
    """The rest: how many positions, targets, the statement's form and place, the document."""
    return tuple((f"{name}={value}", 1.0) for name, value in zip(_PLACE_NAMES, values, strict=True))


_PLACE_NAMES = (
    "rule_npos",
    "rule_targets",
    "form",
    "modality",
    "lead_in",
    "lead_in_actor",
    "genre",
    "actor_kind",
    "speaker",
    "depth",
    "place",
)


Cells = tuple[tuple[int, float], ...]  # (column, value) pairs, in the order features are named
_NO_PAIRS: dict[str, int] = {}


class Question(NamedTuple):
    """A statement as the direction head reads it, before an issue is asked about."""

    cells: dict[int, float]  # its columns, without character n-grams
    pairable: tuple[str, ...]  # its word and word-pair names, each paired with the issue


class Columns:
    """A vocabulary's reading of statements into columns: the same features as `features`,
    without naming them again where many statements share them (a word's, a heading's,
    what the rules said). Each part's columns are set in the order its features are named,
    so that a row comes out as `vectors` makes it of the named features, column for column."""

    CACHED = 200_000  # entries of each cache at the most

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.vocabulary = vocabulary
        self._words: dict[str, Cells] = {}
        self._contexts: dict[tuple[str, str, str, str], Cells] = {}
        self._said: dict[SaidPart, Cells] = {}
        self._neighbouring: dict[tuple[str, str], tuple[int, ...]] = {}
        self._paired: dict[str, dict[str, int | None]] = {}  # issue -> name -> its column

    def _cells(self, named: Iterable[tuple[str, float]]) -> Cells:
        get = self.vocabulary.get
        return tuple((j, v) for name, v in named if (j := get(name)) is not None)

    def _word(self, word: str) -> Cells:
        found = self._words.get(word)
        if found is None:
            found = self._cells(_word_features(word))
            if len(self._words) < self.CACHED:
                self._words[word] = found
        return found

    def _context(self, text: str, language: str, prefix: str, genre: str) -> Cells:
        key = (text, language, prefix, genre)
        found = self._contexts.get(key)
        if found is None:
            named = _context_features(text, language, prefix)
            topical = _heading_topics(text, language, f"{prefix}_topic", genre)
            found = self._cells((*named, *topical))
            if len(self._contexts) < self.CACHED:
                self._contexts[key] = found
        return found

    def _neighbour_columns(self, text: str, folding: str) -> tuple[int, ...]:
        """The columns a statement's words fill as a neighbour's (`_neighbour_features`):
        each statement is a neighbour of two."""
        key = (text, folding)
        found = self._neighbouring.get(key)
        if found is None:
            get = self._neighbour_words.get
            found = tuple(j for w in _words(text, folding) if (j := get(w)) is not None)
            if len(self._neighbouring) < self.CACHED:
                self._neighbouring[key] = found
        return found

    @cached_property
    def _neighbour_words(self) -> dict[str, int]:
        """Word -> the column of its feature as a neighbour's word."""
        return {name[3:]: j for name, j in self.vocabulary.items() if name.startswith("nb=")}

    def _add_said(self, found: dict[int, float], said: _Said) -> None:
        for part in _said_parts(said):
            cells = self._said.get(part)
            if cells is None:
                name, key = part
                cells = self._cells(name(*key))
                if len(self._said) < self.CACHED:
                    self._said[part] = cells
            found.update(cells)

    @cached_property
    def _pairs(self) -> dict[str, dict[str, int]]:
        """The word pairs of the vocabulary: first word -> second word -> column, so that a
        pair is looked up without naming it. A word may hold "_": each cut is entered."""
        table: dict[str, dict[str, int]] = {}
        for name, j in self.vocabulary.items():
            if name.startswith("ww="):
                pair = name[3:]
                for cut in (i for i, letter in enumerate(pair) if letter == "_"):
                    table.setdefault(pair[:cut], {})[pair[cut + 1 :]] = j
        return table

    def _add_text(self, found: dict[int, float], text: str, words: Sequence[str]) -> None:
        """The columns of `_text_rest`, its word pairs from the table."""
        pairs = self._pairs
        for a, b in zip(words, words[1:], strict=False):
            j = pairs.get(a, _NO_PAIRS).get(b)
            if j is not None:
                found[j] = 1.0
        found.update(self._cells(_text_start(text)))

    def row(self, statement: Statement, doc: Document, rule: Coding) -> dict[int, float]:
        # a later feature of the same name keeps the first one's place and sets its value,
        # in a dict of names as in this one of columns
        folding = _folding(doc, rule)
        words = _words(statement.text, folding)
        found: dict[int, float] = {}
        for w in words:
            found.update(self._word(w))
        self._add_text(found, statement.text, words)
        self._add_rest(found, statement, doc, rule, folding)
        return found

    def _add_rest(
        self,
        found: dict[int, float],
        statement: Statement,
        doc: Document,
        rule: Coding,
        folding: str,
        topical: bool = True,
    ) -> None:
        """The context and what the rules said (`_rest_features` after the text's own);
        without `topical`, the features only the topics head reads are left out."""
        genre = doc.genre or "none"
        if statement.lead_in:
            found.update(self._context(statement.lead_in, folding, "li", genre))
        if statement.section:
            found.update(self._context(statement.section[-1], folding, "sec", genre))
        if topical and len(statement.section) >= 2:
            found.update(self._context(statement.section[-2], folding, "sec2", genre))
        self._add_said(found, _said(statement, doc, rule))
        if topical:
            for text in _neighbours(statement, doc):
                found.update(
                    dict.fromkeys(self._neighbour_columns(text, folding), NEIGHBOUR_WEIGHT)
                )

    def question_base(self, statement: Statement, doc: Document, rule: Coding) -> Question:
        """What the direction head reads of a statement whatever the issue: the features
        without character n-grams, and the word and word-pair names it pairs with an issue."""
        folding = _folding(doc, rule)
        words = _words(statement.text, folding)
        get = self.vocabulary.get
        found: dict[int, float] = {}
        named = list(dict.fromkeys("w=" + w for w in words))
        for name in named:
            if (j := get(name)) is not None:
                found[j] = 1.0
        rest = list(_text_rest(statement.text, words))
        found.update(self._cells(rest))
        self._add_rest(found, statement, doc, rule, folding, topical=False)
        named += dict.fromkeys(name for name, _ in rest if name.startswith("ww="))
        return Question(found, tuple(named))

    def question(self, base: Question, issue: str, rule: Coding) -> dict[int, float]:
        """One (statement, issue) question's columns, as `direction_features` names them."""
        paired = self._paired.get(issue)
        if paired is None:
            paired = self._paired[issue] = {}
        found = dict(base.cells)
        for name in base.pairable:
            j = paired.get(name, -1)
            if j == -1:
                j = self.vocabulary.get(f"{issue}|{name}")
                if len(paired) < self.CACHED:
                    paired[name] = j
            if j is not None:
                found[j] = 1.0
        said = [p.direction for p in rule.positions if p.issue == issue]
        found.update(self._cells(_direction_said(issue, said[0] if said else "none")))
        return found


def direction_features(base: dict[str, float], issue: str, rule: Coding) -> dict[str, float]:
    """The features of one (statement, issue) question for the direction head: the
    statement's, and its words and word pairs paired with the issue, so that a word can
    push one issue one way and another the other."""
    said = [p.direction for p in rule.positions if p.issue == issue]
    found = {
        name: value
        for name, value in base.items()
        if not name.startswith("c=") and not topic_only(name)
    }
    for name in list(found):
        if name.startswith(("w=", "ww=")):
            found[f"{issue}|{name}"] = 1.0
    found.update(_direction_said(issue, said[0] if said else "none"))
    return found


def _direction_said(issue: str, said: str) -> tuple[tuple[str, float], ...]:
    """The issue asked about, and the rules' direction on it (`none` where they had none)."""
    return (
        (f"d_issue={issue}", 1.0),
        (f"d_rule={said}", RULE_WEIGHT),
        (f"d_issue_rule={issue}:{said}", RULE_WEIGHT),
    )


# --- the model

MIN_COUNT = 2  # a feature is learned only when this many training rows have it


@dataclass
class Head:
    """A linear scorer: weights (features × labels). Scores are ridge estimates of each
    label's indicator: argmax for one label, a threshold for each label on its own."""

    labels: list[str]
    weights: np.ndarray  # float32, features × labels
    support: list[int] = field(default_factory=list)  # training rows with each label

    def well_learned(self, label: str) -> bool:
        """Whether the head saw enough of a label to overrule the rules on it."""
        if label not in self.labels:
            return False
        return self.support[self.labels.index(label)] >= WELL_LEARNED

    def support_of(self, label: str) -> int:
        """The training rows with the label (0 for one the head never saw)."""
        return self.support[self.labels.index(label)] if label in self.labels else 0

    def scores(self, x: Any) -> np.ndarray:
        return np.asarray(x @ self.weights)


@dataclass
class Model:
    """One trained coder: a vocabulary and the heads; None where there was too little."""

    vocabulary: dict[str, int]
    kind: Head | None = None
    topics: Head | None = None
    issues: Head | None = None
    direction: Head | None = None
    scope: Head | None = None  # within the codebook's field or not
    examples: int = 0
    documents: list[str] = field(default_factory=list)  # content hashes it learned from
    genres: dict[str, int] = field(default_factory=dict)  # coded statements per genre

    def familiar(self, doc: Document) -> bool:
        """Whether the model has learned from enough documents like this one to lead: where
        it has not, the rules (written for every genre) keep more weight."""
        total = sum(self.genres.values())
        return self.genres.get(str(doc.genre), 0) >= min(FAMILIAR, total / 2)

    def vectors(self, rows: Sequence[dict[str, float]]) -> Any:
        return vectors(rows, self.vocabulary)

    @cached_property
    def columns(self) -> Columns:
        return Columns(self.vocabulary)

    @cached_property
    def _stacked(self) -> tuple[np.ndarray, dict[str, slice]]:
        """The statement heads' weights side by side: one product scores them all."""
        heads = {n: h for n in ("kind", "topics", "issues", "scope") if (h := getattr(self, n))}
        spans, start = {}, 0
        for name, head in heads.items():
            spans[name] = slice(start, start + len(head.labels))
            start += len(head.labels)
        if not heads:
            return np.zeros((len(self.vocabulary) + 1, 0), dtype=np.float32), spans
        # float64, as the rows are: a float32 matrix would be copied up at every product
        return np.hstack([h.weights for h in heads.values()]).astype(np.float64), spans

    def scores(self, x: Any) -> dict[str, np.ndarray]:
        """Each statement head's scores of the rows of x."""
        weights, spans = self._stacked
        product = np.asarray(x @ weights)
        return {name: product[:, span] for name, span in spans.items()}

    def save(self, path: str | Path) -> None:
        if self.fitted is None:
            raise ConfigError("modellen kan ikke lagres: den ble ikke trent her")
        save_models(path, self.fitted)

    fitted: Fitted | None = None  # how it was trained, for saving


def vectors(rows: Sequence[dict[str, float]], vocabulary: dict[str, int]) -> Any:
    """The rows as a sparse matrix: features outside the vocabulary dropped, each row of
    unit length, and a constant 1 in the last column for the bias."""
    get = vocabulary.get
    found = [{j: v for name, v in row.items() if (j := get(name)) is not None} for row in rows]
    return unit_rows(found, len(vocabulary))


def unit_rows(rows: Sequence[dict[int, float]], width: int) -> Any:
    """Rows of columns as a sparse matrix of `width` columns and the bias: each row of unit
    length, then a constant 1 in the last column (the same as `_finish` of the rows)."""
    from scipy.sparse import csr_matrix

    columns: list[int] = []
    data: list[float] = []
    norms: list[float] = []
    pointers = [0]
    for row in rows:
        values = list(row.values())
        norms.append(math.sqrt(math.fsum([v * v for v in values])) or 1.0)
        columns.extend(row)
        columns.append(width)
        data.extend(values)
        data.append(1.0)
        pointers.append(len(columns))
    # one division for all: numpy divides each value exactly as Python would, one by one
    cells = np.asarray(data, dtype=np.float64) / np.repeat(norms, np.diff(pointers))
    cells[np.asarray(pointers[1:], dtype=np.int64) - 1] = 1.0  # the bias, undivided
    return csr_matrix(
        (cells, np.asarray(columns, dtype=np.int32), pointers),
        shape=(len(rows), width + 1),
    )


def _matrix(rows: Sequence[dict[str, float]], vocabulary: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    get = vocabulary.get
    data: list[float] = []
    columns: list[int] = []
    pointers = [0]
    for row in rows:
        found = [(j, v) for j, v in zip(map(get, row), row.values(), strict=True) if j is not None]
        if found:
            found_columns, found_data = zip(*found, strict=True)
            columns.extend(found_columns)
            data.extend(found_data)
        pointers.append(len(columns))
    return csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(columns, dtype=np.int32), pointers),
        shape=(len(rows), len(vocabulary)),
    )


def _finish(x: Any) -> Any:
    from scipy.sparse import csr_matrix, diags, hstack

    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    bias = csr_matrix(np.ones((x.shape[0], 1)))
    return hstack([diags(1.0 / norms) @ x, bias], format="csr")


def vocabulary_of(rows: Iterable[Iterable[str]]) -> dict[str, int]:
    """The features at least MIN_COUNT rows have, in sorted order."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    kept = sorted(name for name, n in counts.items() if n >= MIN_COUNT)
    return {name: i for i, name in enumerate(kept)}


@dataclass
class Dual:
    """A head as fitted: its weights are X[rows]ᵀ·coef over the training rows it used."""

    labels: list[str]
    rows: np.ndarray  # indices into the statement rows (or the direction questions)
    coef: np.ndarray  # rows × labels
    support: list[int]  # rows with each label


@dataclass
class Fitted:
    """Models trained on subsets of one list of rows, as they are stored: the rows once,
    and per model the rows it used and each head's dual coefficients. A model's vocabulary
    and weights follow from them exactly, so a model file holds no weight matrices."""

    rows: list[dict[str, float]]  # statement features
    questions: list[dict[str, float]]  # (statement, issue) features of the direction head
    owners: list[int]  # the statement row of each question
    models: dict[str, dict[str, Any]]  # name -> {"rows", "examples", "documents", "heads"}


def build(fitted: Fitted, name: str, raw: tuple[Any, Any, dict[str, int]] | None = None) -> Model:
    """One model of a Fitted: its vocabulary from its rows, its weights from the duals.

    `raw` is the statement and question rows as matrices over one joint vocabulary
    (`raw_matrices`), when several models are built from the same rows."""
    from scipy.sparse import diags

    rows_m, questions_m, joint = raw = raw or raw_matrices(fitted)
    entry = fitted.models[name]
    keep = columns_of(fitted, entry["rows"], raw)
    names = sorted(joint, key=joint.__getitem__)
    vocabulary = {names[j]: k for k, j in enumerate(keep)}
    model = Model(
        vocabulary,
        examples=entry["examples"],
        documents=list(entry["documents"]),
        genres=dict(entry.get("genres", {})),
    )
    for head_name, dual in entry["heads"].items():
        source = questions_m if head_name == "direction" else rows_m
        x = _finish(source[np.asarray(dual.rows, dtype=np.int64)][:, keep])
        mask = None if head_name == "direction" else head_mask(head_name, vocabulary)
        if mask is not None:
            x = x @ diags(mask)
        weights = np.asarray(x.T @ dual.coef, dtype=np.float32)
        setattr(model, head_name, Head(list(dual.labels), weights, list(dual.support)))
    model.fitted = fitted if list(fitted.models) == [name] else None
    return model


SCOPE_BLIND = ("genre=", "actor_kind=", "place=", "depth=", "speaker=", "lead_in_actor=", "len=")


def head_mask(head: str, vocabulary: dict[str, int]) -> np.ndarray | None:
    """Per column, 1 where a statement head reads the feature and 0 where it does not; None
    for the topics head, which reads them all. Only the topics head reads TOPIC_ONLY. The
    scope head does not read the document's own features either (genre, actor, the place
    in the document): whether a statement is about health is in its words, and the
    documents it learns from differ in those by how they were cut, not by their field."""
    if head == "topics":
        return None
    mask = np.ones(len(vocabulary) + 1)
    for name, j in vocabulary.items():
        if topic_only(name) or (head == "scope" and (name.startswith(SCOPE_BLIND) or "|" in name)):
            mask[j] = 0.0
    return mask


def columns_of(fitted: Fitted, used: Iterable[int], raw: tuple[Any, Any, dict[str, int]]) -> Any:
    """The joint columns a model trained on `used` rows learns: those at least MIN_COUNT of
    its statement rows and direction questions have."""
    rows_m, questions_m, _ = raw
    chosen = np.asarray(sorted(int(i) for i in used), dtype=np.int64)
    asked = np.flatnonzero(np.isin(np.asarray(fitted.owners, dtype=np.int64), chosen))
    counts = np.asarray((rows_m[chosen] != 0).sum(axis=0)).ravel()
    counts = counts + np.asarray((questions_m[asked] != 0).sum(axis=0)).ravel()
    return np.flatnonzero(counts >= MIN_COUNT)


def raw_matrices(fitted: Fitted) -> tuple[Any, Any, dict[str, int]]:
    """The statement rows and the questions as unnormalised matrices over all their features."""
    names = sorted(
        {f for row in fitted.rows for f in row} | {f for q in fitted.questions for f in q}
    )
    joint = {f: i for i, f in enumerate(names)}
    return _matrix(fitted.rows, joint).tocsc().tocsr(), _matrix(fitted.questions, joint), joint


def code(model: Model, items: Sequence[tuple[Statement, Document, Coding]]) -> list[Coding]:
    """The codings of statements: the rules' coding with what the model decides."""
    with collector.paused():  # many short-lived objects, no cycles (see collector.py)
        return _code(model, items)


def _code(model: Model, items: Sequence[tuple[Statement, Document, Coding]]) -> list[Coding]:
    if not items:
        return []
    columns = model.columns
    x = unit_rows([columns.row(s, d, r) for s, d, r in items], len(model.vocabulary))
    scores = model.scores(x)
    codings = [_copy(r) for _, _, r in items]
    familiar = [model.familiar(d) for _, d, _ in items]
    if model.kind is not None:
        _set_kinds(model.kind, scores["kind"], codings, familiar)
    if model.topics is not None:
        inside = _inside(model.scope, scores.get("scope"), items)
        headed = [heading_topics(s, d, r) for s, d, r in items]
        _set_topics(model.topics, scores["topics"], codings, familiar, inside, headed)
        _drop_parties(codings)
    if model.issues is not None and model.direction is not None:
        _set_positions(model, scores["issues"], items, codings, familiar)
    if model.scope is not None:
        _clear_outside(model.scope, scores["scope"], codings, items)
    _clear_beyond_field(codings, items)
    return codings


def _clear_beyond_field(
    codings: list[Coding], items: Sequence[tuple[Statement, Document, Coding]]
) -> None:
    """A position the model adds is held to the rules' field too (coding/field.py): no
    health word in the statement, above it or in its document, no position."""
    taxonomy = active_taxonomy()
    for coding, (statement, doc, _) in zip(codings, items, strict=True):
        if coding.positions and not codebook_field.within(statement, doc, taxonomy):
            coding.positions = []


def _heading_of(statement: Statement, doc: Document, rule: Coding) -> frozenset[str]:
    """The topics of the heading a statement stands under."""
    if not statement.section:
        return frozenset()
    return frozenset(_topics_of(statement.section[-1], _folding(doc, rule)))


def _clear_outside(
    head: Head,
    scores: np.ndarray,
    codings: list[Coding],
    items: Sequence[tuple[Statement, Document, Coding]],
) -> None:
    """Statements outside the codebook's field get no topics and no positions; a position
    on an issue of a topic its heading names stays ("Psykisk helse" over a mental health
    demand: the heading says the statement is in the field, whatever its words). A statement
    within the field by its own words alone (coding/field.py `placed`) keeps its positions
    only where the head puts it inside by ALONE_FIELD_MARGIN."""
    inside, outside = head.labels.index(IN_FIELD), head.labels.index(OUT_OF_FIELD)
    taxonomy = active_taxonomy()
    issues = taxonomy.issues
    least = min(FIELD_MARGIN, POSITION_FIELD_MARGIN, ALONE_FIELD_MARGIN, UNPLACED_FIELD_MARGIN)
    for coding, score, (statement, doc, rule) in zip(codings, scores.tolist(), items, strict=True):
        lead = score[outside] - score[inside]  # how far "out" wins
        # the author's own work is in the field (advocacy); below the least margin nothing
        # is cleared, and the field's place need not be asked
        if coding.kind == "activity" or lead <= least:
            continue
        placed = codebook_field.placed(statement, doc)
        if coding.positions and lead > (POSITION_FIELD_MARGIN if placed else ALONE_FIELD_MARGIN):
            # a heading that names no health names no health topic for a sentence alone
            named = _heading_of(statement, doc, rule) if placed else frozenset()
            coding.positions = [
                p
                for p in coding.positions
                if p.issue in issues and not named.isdisjoint(issues[p.issue].topics)
            ]
        health = placed or codebook_field.names_field(statement.text, taxonomy)
        if lead > (FIELD_MARGIN if health else UNPLACED_FIELD_MARGIN):
            coding.topics = []
            coding.confidence["field"] = _confidence(score[outside])


def _copy(coding: Coding) -> Coding:
    """A copy to decide on: the heads assign new lists, never change the rules' ones."""
    found = shallow_copy(coding)
    found.confidence = dict(coding.confidence)
    return found


def _confidence(score: float) -> float:
    return round(min(max(score, 0.0), 1.0), 3)


def _set_kinds(head: Head, scores: np.ndarray, codings: list[Coding], familiar: list[bool]) -> None:
    index = {label: j for j, label in enumerate(head.labels)}
    # row by row in plain floats: numpy's scalars cost more than the sums themselves
    for coding, score, known in zip(codings, scores.tolist(), familiar, strict=True):
        if coding.kind is not None and head.support_of(coding.kind) < RARE:
            continue  # a kind the model has hardly seen it cannot overrule ("NOU 2023:8")
        if coding.kind in index:  # trust calibration: the rules' kind keeps a prior
            prior = KIND_RULE_PRIOR if known else UNFAMILIAR_RULE_PRIOR
            score[index[coding.kind]] += prior * coding.confidence.get("kind", 0.5)
        best = max(range(len(score)), key=score.__getitem__)  # the first best, as np.argmax
        coding.kind = head.labels[best]
        coding.confidence["kind"] = _confidence(score[best])


def _inside(
    head: Head | None,
    scores: np.ndarray | None,
    items: Sequence[tuple[Statement, Document, Coding]],
) -> list[bool]:
    """Per statement, whether it is within the codebook's field: every statement of a health
    document is (coding/field.py), elsewhere those the scope head puts inside (all are,
    without a scope head)."""
    if head is None or scores is None:
        return [True] * len(items)
    inside, outside = head.labels.index(IN_FIELD), head.labels.index(OUT_OF_FIELD)
    found: list[bool] = (scores[:, inside] >= scores[:, outside]).tolist()
    return [
        placed or codebook_field.health_document(doc)
        for placed, (_, doc, _) in zip(found, items, strict=True)
    ]


def _set_topics(
    head: Head,
    scores: np.ndarray,
    codings: list[Coding],
    familiar: list[bool],
    inside: list[bool],
    headed: list[frozenset[str]] | None = None,
) -> None:
    """Each statement's topics: those the model scores at the threshold, best first (a topic
    its heading or lead-in names with a bonus), at most three; the best one in the field."""
    index = {label: j for j, label in enumerate(head.labels)}
    for i, (coding, score, known, field_) in enumerate(
        zip(codings, scores, familiar, inside, strict=True)
    ):
        if not known and coding.topics:  # a genre the model hardly knows: the rules' topics
            continue
        named = [index[t] for t in (headed[i] if headed else ()) if t in index]
        if named:
            score = score.copy()
            score[named] += HEADING_TOPIC_BONUS
        order = np.argsort(-score, kind="stable")
        chosen = [int(j) for j in order[:MAX_TOPICS] if score[j] >= TOPIC_THRESHOLD]
        # a statement in the field has a topic (codebook: one to three): the best one, where
        # the rules saw the field or the scope head does
        if not chosen and (coding.topics or field_):
            chosen = [int(order[0])]
        kept = [t for t in coding.topics if not head.well_learned(t)]  # the rules know it better
        coding.topics = list(dict.fromkeys(kept + [head.labels[j] for j in chosen]))[:MAX_TOPICS]
        if chosen:
            coding.confidence["topics"] = _confidence(float(np.mean(score[chosen])))


def _drop_parties(codings: list[Coding]) -> None:
    """The topics ranked below a topic that is about them together (PARTIES) go:
    "samarbeid mellom sykehusene og kommunene" is coordination, not hospitals too."""
    for coding in codings:
        for topic, parties in PARTIES.items():
            if topic in coding.topics:
                at = coding.topics.index(topic) + 1
                below = [t for t in coding.topics[at:] if t not in parties]
                coding.topics = coding.topics[:at] + below


def _set_positions(
    model: Model,
    scores: np.ndarray,
    items: Sequence[tuple[Statement, Document, Coding]],
    codings: list[Coding],
    familiar: list[bool],
) -> None:
    """Positions the model adds on issues the rules missed; in a familiar genre it also
    drops a rule position on an issue it has learned well and sees no sign of, and asks
    the direction of the rules' issues too, overruling them where it is sure."""
    issues: Head = model.issues  # type: ignore[assignment]
    direction: Head = model.direction  # type: ignore[assignment]
    asked: list[tuple[int, str, float]] = []
    labels = issues.labels
    index = {label: j for j, label in enumerate(labels)}
    well = {label for label in labels if issues.well_learned(label)}
    taking = positions.rules().taking_kinds
    # the best issues of every statement at once (plain floats: numpy scalars are slow)
    top = np.argsort(-scores, axis=1, kind="stable")[:, :MAX_POSITIONS].tolist()
    for i, (score, best) in enumerate(zip(scores, top, strict=True)):
        coding = codings[i]
        if familiar[i] and coding.positions:
            coding.positions = [
                p
                for p in coding.positions
                if p.issue not in well or score[index[p.issue]] >= ISSUE_DROP
            ]
            asked += [(i, p.issue, 1.0) for p in coding.positions]
        have = {p.issue for p in coding.positions}
        if coding.kind not in taking:  # a fact or a challenge: only the rules' own positions
            continue
        for j in best:
            sure = float(score[j])
            if sure >= ISSUE_THRESHOLD and labels[j] not in have:
                asked.append((i, labels[j], sure))
    if not asked:
        return
    columns = model.columns
    bases: dict[int, Question] = {}  # the direction head reads no n-grams
    for i, _, _ in asked:
        if i not in bases:
            bases[i] = columns.question_base(*items[i])
    questions = [columns.question(bases[i], issue, codings[i]) for i, issue, _ in asked]
    answers = direction.scores(unit_rows(questions, len(model.vocabulary)))
    ways = [j for j, label in enumerate(direction.labels) if label != NO_POSITION]
    none = direction.labels.index(NO_POSITION) if NO_POSITION in direction.labels else None
    for (i, issue, sure), answer in zip(asked, answers, strict=True):
        best = max(ways, key=lambda j: answer[j])
        way = direction.labels[best]
        coding = codings[i]
        said = [p for p in coding.positions if p.issue == issue]
        if none is not None and answer[none] > answer[best] + KEEP_MARGIN:
            # a mention, not a push: the rules' position goes, the model's is not added
            coding.positions = [p for p in coding.positions if p.issue != issue]
            continue
        if said:  # the rules' issue: their direction stands unless the model is sure
            if way != said[0].direction and answer[best] >= DIRECTION_OVERRULE:
                coding.positions = [
                    Position(issue, way) if p.issue == issue else p  # type: ignore[arg-type]
                    for p in coding.positions
                ]
            continue
        coding.positions = [*coding.positions, Position(issue, way)]  # type: ignore[arg-type]
        coding.confidence["positions"] = _confidence(
            min(sure, coding.confidence.get("positions", 1.0))
        )


def merge(model: Model, statement: Statement, doc: Document, rule: Coding) -> Coding:
    """One statement's coding (see `code`, which codes many at once, faster)."""
    return code(model, [(statement, doc, rule)])[0]


def apply(model: Model, doc: Document) -> Document:
    """The document with every statement coded by the model over its rule coding."""
    codings = code(model, [(s, doc, s.coding) for s in doc.statements])
    statements = []
    for statement, coding in zip(doc.statements, codings, strict=True):
        statement = shallow_copy(statement)  # `replace` costs more per statement
        statement.coding = coding
        statements.append(statement)
    return replace(doc, statements=statements)


# --- files

_FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # zip entries carry a fixed time: same model, same bytes


def save_models(path: str | Path, fitted: Fitted, info: dict[str, Any] | None = None) -> None:
    """Write a Fitted to one zip file, byte for byte reproducibly."""
    _, _, joint = raw_matrices(fitted)
    names = sorted(joint, key=joint.__getitem__)
    arrays: dict[str, np.ndarray] = {}
    for prefix, rows in (("rows", fitted.rows), ("questions", fitted.questions)):
        matrix = _matrix(rows, joint)
        arrays[f"{prefix}.pointers"] = matrix.indptr.astype(np.int32)
        arrays[f"{prefix}.columns"] = matrix.indices.astype(np.int32)
        arrays[f"{prefix}.values"] = matrix.data.astype(np.float16)
    arrays["owners"] = np.asarray(fitted.owners, dtype=np.int32)
    models: dict[str, Any] = {}
    for name, entry in fitted.models.items():
        heads = {}
        for head_name, dual in entry["heads"].items():
            heads[head_name] = {"labels": list(dual.labels), "support": list(dual.support)}
            arrays[f"{name}/{head_name}.rows"] = np.asarray(dual.rows, dtype=np.int32)
            arrays[f"{name}/{head_name}.coef"] = np.asarray(dual.coef, dtype=np.float32)
        models[name] = {
            "rows": [int(i) for i in entry["rows"]],
            "examples": entry["examples"],
            "documents": list(entry["documents"]),
            "genres": dict(entry.get("genres", {})),
            "heads": heads,
        }
    meta = {"format": FORMAT, "info": info or {}, "features": names, "models": models}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _write(archive, "meta.json", json.dumps(meta, ensure_ascii=False, sort_keys=True).encode())
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, arrays[name], allow_pickle=False)
            _write(archive, f"{name}.npy", buffer.getvalue())


def _write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=9)


class ModelFile:
    """A model file: its info, and each of its models, built when first asked for."""

    def __init__(self, fitted: Fitted, info: dict[str, Any]) -> None:
        self.fitted = fitted
        self.info = info
        self._raw: tuple[Any, Any, dict[str, int]] | None = None
        self._built: dict[str, Model] = {}

    @property
    def names(self) -> list[str]:
        return list(self.fitted.models)

    def model(self, name: str = "all") -> Model:
        if name not in self._built:
            if self._raw is None:
                self._raw = raw_matrices(self.fitted)
            self._built[name] = build(self.fitted, name, self._raw)
        return self._built[name]

    def held_out_for(self, content_hash: str) -> Model:
        """A model that never saw the document: its fold, else `all` when `all` did not."""
        fold = f"fold:{content_hash}"
        if fold in self.fitted.models:
            return self.model(fold)
        if content_hash in self.fitted.models["all"]["documents"]:
            raise ConfigError(f"modellfilen har ingen modell uten dokumentet {content_hash}")
        return self.model("all")


def load_models(path: str | Path) -> ModelFile:
    """A model file; a damaged, foreign or outdated file is an error."""
    try:
        with zipfile.ZipFile(path) as archive:
            meta = json.loads(archive.read("meta.json"))
            if meta.get("format") != FORMAT:
                raise ConfigError(
                    f"modellfilen har format {meta.get('format')}, denne versjonen leser "
                    f"{FORMAT}; kjør `planatlas train` på nytt",
                    path=str(path),
                )
            arrays = {
                n[: -len(".npy")]: np.lib.format.read_array(io.BytesIO(archive.read(n)))
                for n in archive.namelist()
                if n.endswith(".npy")
            }
    except ConfigError:
        raise
    except Exception as error:  # a damaged or foreign file: say so, do not guess
        raise ConfigError(f"kan ikke lese modellfilen: {error}", path=str(path)) from error
    names: list[str] = meta["features"]
    rows, questions = (_rows_of(arrays, prefix, names) for prefix in ("rows", "questions"))
    models: dict[str, dict[str, Any]] = {}
    for name, entry in meta["models"].items():
        heads = {
            head_name: Dual(
                head["labels"],
                arrays[f"{name}/{head_name}.rows"],
                arrays[f"{name}/{head_name}.coef"],
                head["support"],
            )
            for head_name, head in entry["heads"].items()
        }
        models[name] = {**entry, "heads": heads}
    fitted = Fitted(rows, questions, [int(o) for o in arrays["owners"]], models)
    return ModelFile(fitted, meta.get("info", {}))


def _rows_of(
    arrays: dict[str, np.ndarray], prefix: str, names: list[str]
) -> list[dict[str, float]]:
    pointers, columns = arrays[f"{prefix}.pointers"], arrays[f"{prefix}.columns"]
    values = arrays[f"{prefix}.values"].astype(np.float64)
    return [
        {names[int(c)]: float(v) for c, v in zip(columns[a:b], values[a:b], strict=True)}
        for a, b in zip(pointers[:-1], pointers[1:], strict=True)
    ]


def load(path: str | Path) -> Model:
    """The `all` model of a file."""
    found = load_models(path)
    if "all" not in found.names:
        raise ConfigError("modellfilen har ingen modell «all»", path=str(path))
    return found.model("all")


def shipped_path() -> Path:
    """The model that comes with the package (rebuilt by `planatlas train --shipped`)."""
    return Path(str(resources.files("planatlas").joinpath("data", SHIPPED)))


def model_path() -> Path | None:
    """The model file in use: PLANATLAS_MODEL, else the shipped one; None for rules only."""
    given = str(settings.get("model")).strip()
    if given.lower() == RULES_ONLY:
        return None
    return Path(given) if given else shipped_path()


def model_file() -> ModelFile | None:
    """The model file in use; a missing or damaged file is an error, not a fallback."""
    path = model_path()
    if path is None:
        return None
    if not path.is_file():
        raise ConfigError(
            "modellfilen finnes ikke; kjør `planatlas train` (eller sett PLANATLAS_MODEL=rules "
            "for bare reglene)",
            path=str(path),
        )
    return _cached_load(str(path), path.stat().st_mtime)


def trained_model() -> Model | None:
    """The model in use (the file's `all` model), or None for the rules alone."""
    found = model_file()
    return None if found is None else found.model("all")


_loaded: dict[tuple[str, float], ModelFile] = {}


def _cached_load(path: str, mtime: float) -> ModelFile:
    key = (path, mtime)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = load_models(path)
    return _loaded[key]

"""The trainable coder: learns kind, topics and positions from gold and corrected statements.

A linear model (logistic regression) over:
- the statement's normalised terms (lemmas, Nynorsk folded, compounds split) and word pairs,
- character 3–5-grams of the folded text (robust to typos and unseen compounds),
- what the rule-based coder said (its kind, topics and positions, as features),
- the statement's form (item, sentence, heading), modality, lead-in, and the document's genre
  and actor kind.

The rule coder's output enters as features, so the model learns where to trust the rules and
where the corrections say otherwise. The model only overrides a rule decision where it is
more confident than the rules (`merge`). It is stored as one file (`PLANATLAS_MODEL`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from planatlas.errors import ConfigError
from planatlas.records import Coding, Document, Position, Statement

MIN_EXAMPLES = 20
KIND_MARGIN = 0.1  # the model's kind wins only when this much surer than the rules
TOPIC_THRESHOLD = 0.65  # a topic the rules missed is added at this probability
TOPIC_DROP = 0.01  # a rule topic is dropped only below this, and only when well learned
POSITION_THRESHOLD = 0.6  # positions are only ever added: dropping them cost 0.2 F1 held out
WELL_LEARNED = 30  # positive examples a label needs before the model may drop it


@dataclass(frozen=True)
class Example:
    """A statement with the coding a person gave it (gold or correction)."""

    statement: Statement
    doc: Document
    kind: str | None = None
    topics: tuple[str, ...] | None = None
    positions: tuple[tuple[str, str], ...] | None = None
    group: str = ""  # the document, for leave-one-document-out evaluation


def features(statement: Statement, doc: Document, rule: Coding) -> dict[str, float]:
    from planatlas.coding.normalize import fold

    language = rule.language or doc.language or "nb"
    folded = fold(statement.text, language if language in ("nb", "nn") else "nb")
    words = folded.split()
    found: dict[str, float] = {}
    for w in words:
        found[f"w={w}"] = 1.0
    for a, b in zip(words, words[1:], strict=False):
        found[f"ww={a}_{b}"] = 1.0
    padded = f" {folded} "
    for n in (3, 4, 5):
        for i in range(len(padded) - n + 1):
            found[f"c={padded[i : i + n]}"] = 0.3
    found[f"rule_kind={rule.kind}"] = 2.0
    for topic in rule.topics:
        found[f"rule_topic={topic}"] = 2.0
    for p in rule.positions:
        found[f"rule_pos={p.issue}:{p.direction}"] = 2.0
        found[f"rule_issue={p.issue}"] = 1.0
    found[f"form={statement.form}"] = 1.0
    found[f"modality={statement.modality}"] = 1.0
    found[f"lead_in={statement.lead_in is not None}"] = 1.0
    found[f"genre={doc.genre}"] = 1.0
    found[f"actor_kind={doc.actor_kind}"] = 1.0
    found[f"speaker={statement.speaker is not None}"] = 1.0
    return found


@dataclass
class Model:
    """Fitted classifiers; None where there was too little to learn that field."""

    vectorizer: Any
    kind: Any | None = None
    topics: Any | None = None
    topic_labels: list[str] = field(default_factory=list)
    positions: Any | None = None
    position_labels: list[str] = field(default_factory=list)
    examples: int = 0
    topic_support: dict[str, int] = field(default_factory=dict)  # positive examples per topic

    def save(self, path: str | Path) -> None:
        import joblib

        joblib.dump(self, path)


def load(path: str | Path) -> Model:
    import joblib

    try:
        model = joblib.load(path)
    except Exception as error:  # a damaged or foreign file: say so, do not guess
        raise ConfigError(f"kan ikke lese modellfilen: {error}", path=str(path)) from error
    if not isinstance(model, Model):
        raise ConfigError("filen er ikke en planatlas-modell", path=str(path))
    return model


def _rule_codings(examples: Sequence[Example]) -> list[Coding]:
    from planatlas.coding import code_statement

    return [code_statement(e.statement, e.doc) for e in examples]


def train(examples: Sequence[Example], rules: Sequence[Coding] | None = None) -> Model:
    """Fit the model on examples; `rules` are their rule codings when already computed."""
    from sklearn.feature_extraction import DictVectorizer

    if len(examples) < MIN_EXAMPLES:
        raise ConfigError(
            f"for få kodede utsagn å lære av ({len(examples)}, trenger {MIN_EXAMPLES})"
        )
    rules = list(rules) if rules is not None else _rule_codings(examples)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(
        [features(e.statement, e.doc, r) for e, r in zip(examples, rules, strict=True)]
    )
    model = Model(vectorizer, examples=len(examples))
    model.kind = _fit_kind(x, examples)
    model.topics, model.topic_labels = _fit_multilabel(x, [e.topics for e in examples])
    model.topic_support = _support(e.topics for e in examples)
    model.positions, model.position_labels = _fit_multilabel(
        x,
        [
            None if e.positions is None else tuple(f"{i}:{d}" for i, d in e.positions)
            for e in examples
        ],
    )
    return model


def _support(label_sets: Iterable[tuple[str, ...] | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for labels in label_sets:
        for label in labels or ():
            counts[label] = counts.get(label, 0) + 1
    return counts


def _fit_kind(x: Any, examples: Sequence[Example]) -> Any | None:
    from sklearn.linear_model import LogisticRegression

    rows = [i for i, e in enumerate(examples) if e.kind]
    labels = [examples[i].kind for i in rows]
    if len(set(labels)) < 2:
        return None
    return LogisticRegression(max_iter=2000, C=4.0, random_state=0).fit(x[rows], labels)


def _fit_multilabel(
    x: Any, label_sets: list[tuple[str, ...] | None]
) -> tuple[Any | None, list[str]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    rows = [i for i, labels in enumerate(label_sets) if labels is not None]
    known = [label_sets[i] or () for i in rows]
    binarizer = MultiLabelBinarizer()
    y = binarizer.fit_transform(known)
    keep = [j for j in range(y.shape[1]) if 0 < y[:, j].sum() < len(rows)]
    if not keep:
        return None, []
    classifier = OneVsRestClassifier(
        LogisticRegression(max_iter=2000, C=10.0, solver="liblinear", random_state=0)
    )
    classifier.fit(x[rows], y[:, keep])
    return classifier, [str(binarizer.classes_[j]) for j in keep]


def merge(model: Model, statement: Statement, doc: Document, rule: Coding) -> Coding:
    """The rule coding, overridden where the model is more confident."""
    x = model.vectorizer.transform([features(statement, doc, rule)])
    coding = replace(rule, confidence=dict(rule.confidence))
    if model.kind is not None:
        probabilities = model.kind.predict_proba(x)[0]
        best = int(np.argmax(probabilities))
        if probabilities[best] > rule.confidence.get("kind", 0.5) + KIND_MARGIN:
            coding.kind = str(model.kind.classes_[best])
            coding.confidence["kind"] = float(probabilities[best])
    if model.topics is not None:
        coding.topics = _merge_topics(model, x, rule)
    if model.positions is not None:
        coding.positions = _merge_positions(model, x, rule)
    return coding


def _merge_topics(model: Model, x: Any, rule: Coding) -> list[str]:
    """Rule topics, less the ones the model has learned well and rules out, plus sure additions."""
    classifier: Any = model.topics
    probabilities = dict(zip(model.topic_labels, classifier.predict_proba(x)[0], strict=True))
    kept = [
        t
        for t in rule.topics
        if probabilities.get(t, 1.0) >= TOPIC_DROP or model.topic_support.get(t, 0) < WELL_LEARNED
    ]
    added = [
        label
        for label, p in sorted(probabilities.items(), key=lambda item: -item[1])
        if p >= TOPIC_THRESHOLD and label not in kept
    ]
    return (kept + added)[:3] or list(rule.topics)


def _merge_positions(model: Model, x: Any, rule: Coding) -> list[Position]:
    """Rule positions, plus those the model is sure of; it never drops one (see above)."""
    classifier: Any = model.positions
    probabilities = classifier.predict_proba(x)[0]
    have = {f"{p.issue}:{p.direction}" for p in rule.positions}
    added = [
        Position(label.split(":")[0], label.split(":")[1])  # type: ignore[arg-type]
        for label, p in zip(model.position_labels, probabilities, strict=True)
        if p >= POSITION_THRESHOLD and label not in have
    ]
    return list(rule.positions) + added


def apply(model: Model, doc: Document) -> Document:
    """The document with every statement's coding merged with the model's."""
    statements = [replace(s, coding=merge(model, s, doc, s.coding)) for s in doc.statements]
    return replace(doc, statements=statements)


# --- training data ---------------------------------------------------------------------


def examples_from_gold(gold_dir: Path) -> list[Example]:
    """Gold statements, each paired with the statement the segmenter made of its text."""
    from planatlas.evaluate import load_gold, match
    from planatlas.pipeline import read

    examples: list[Example] = []
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = load_gold(path)
        doc = read(gold.document)
        pairs = match([s.text for s in doc.statements], [g["text"] for g in gold.statements])
        for pi, gi in pairs:
            g = gold.statements[gi]
            examples.append(
                Example(
                    doc.statements[pi],
                    doc,
                    g.get("kind"),
                    tuple(g.get("topics") or ()),
                    tuple((p["issue"], str(p["direction"])) for p in g.get("positions") or ()),
                    group=str(gold.document),
                )
            )
    return examples


def leave_one_group_out(
    examples: Sequence[Example], rules: Sequence[Coding]
) -> dict[str, list[Coding]]:
    """For each group, the merged codings of its examples by a model trained on the others."""
    groups = sorted({e.group for e in examples})
    result: dict[str, list[Coding]] = {}
    for held_out in groups:
        train_idx = [i for i, e in enumerate(examples) if e.group != held_out]
        test_idx = [i for i, e in enumerate(examples) if e.group == held_out]
        model = train([examples[i] for i in train_idx], [rules[i] for i in train_idx])
        result[held_out] = [
            merge(model, examples[i].statement, examples[i].doc, rules[i]) for i in test_idx
        ]
    return result


def held_out_analyzer(gold_dir: Path) -> Any:
    """An analyzer for `evaluate`: rules, then a model trained on every other gold document.

    No gold statement is ever scored by a model that saw it.
    """
    from planatlas.pipeline import analyze

    examples = examples_from_gold(gold_dir)
    rules = _rule_codings(examples)

    def analyze_held_out(path: Path) -> Document:
        others = [i for i, e in enumerate(examples) if e.group != str(path)]
        model = train([examples[i] for i in others], [rules[i] for i in others])
        return apply(model, analyze(path, use_model=False))

    return analyze_held_out


def examples_from_atlas(atlas: Any) -> list[Example]:
    """Corrected statements of an atlas; each labels only the fields a person corrected."""
    corrected: dict[int, set[str]] = {}
    for c in atlas.corrections():
        corrected.setdefault(c.statement_id, set()).add(c.field)
    if not corrected:
        return []
    docs: dict[int, Document] = {}
    examples = []
    for statement_id, fields in sorted(corrected.items()):
        s = atlas.statement(statement_id)
        if s.document_id not in docs:
            docs[s.document_id] = atlas.document(s.document_id)
        c = s.coding
        examples.append(
            Example(
                s,
                docs[s.document_id],
                c.kind if "kind" in fields else None,
                tuple(c.topics) if "topics" in fields else None,
                tuple((p.issue, p.direction) for p in c.positions)
                if "positions" in fields
                else None,
                group=f"atlas:{s.document_id}",
            )
        )
    return examples


@dataclass(frozen=True)
class FieldScore:
    """One field scored held out: the rules alone, and the rules merged with the model."""

    field: str
    examples: int
    rules: float
    model: float


def cross_validate(examples: Sequence[Example]) -> list[FieldScore]:
    """Leave-one-document-out scores for kind (accuracy), topics and positions (micro-F1)."""
    rules = _rule_codings(examples)
    merged_by_group = leave_one_group_out(examples, rules)
    merged: list[Coding] = [rules[0]] * len(examples)
    for group, codings in merged_by_group.items():
        indices = [i for i, e in enumerate(examples) if e.group == group]
        for i, coding in zip(indices, codings, strict=True):
            merged[i] = coding
    return [_field_score(name, examples, rules, merged) for name in ("kind", "topics", "positions")]


def _field_score(
    name: str, examples: Sequence[Example], rules: list[Coding], merged: list[Coding]
) -> FieldScore:
    labelled = [i for i, e in enumerate(examples) if _label(e, name) is not None]

    def score(codings: list[Coding]) -> float:
        if name == "kind":
            hits = sum(1 for i in labelled if codings[i].kind == examples[i].kind)
            return hits / len(labelled) if labelled else 0.0
        tp = fp = fn = 0
        for i in labelled:
            gold = set(_label(examples[i], name) or ())
            found = set(_predicted(codings[i], name))
            tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    return FieldScore(name, len(labelled), round(score(rules), 3), round(score(merged), 3))


def _label(example: Example, name: str) -> Any:
    return {"kind": example.kind, "topics": example.topics, "positions": example.positions}[name]


def _predicted(coding: Coding, name: str) -> list[Any]:
    if name == "topics":
        return list(coding.topics)
    return [(p.issue, p.direction) for p in coding.positions]


def model_path() -> Path | None:
    """Where the trained model lives (PLANATLAS_MODEL), or None when none is set."""
    from planatlas import settings

    given = str(settings.get("model")).strip()
    return Path(given) if given else None


def trained_model() -> Model | None:
    """The model PLANATLAS_MODEL names; a missing or damaged file is an error, not a fallback."""
    path = model_path()
    if path is None:
        return None
    if not path.is_file():
        raise ConfigError(
            "PLANATLAS_MODEL peker på en fil som ikke finnes; kjør `planatlas train`",
            path=str(path),
        )
    return _cached_load(str(path), path.stat().st_mtime)


_loaded: dict[tuple[str, float], Model] = {}


def _cached_load(path: str, mtime: float) -> Model:
    key = (path, mtime)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = load(path)
    return _loaded[key]

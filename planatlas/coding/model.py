"""The applied model: a linear model trained on gold and corrections refines the rules' coding.

The model (logistic regression, fitted by planatlas/training.py) reads:
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

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from planatlas import settings
from planatlas.coding.normalize import fold
from planatlas.errors import ConfigError
from planatlas.records import Coding, Document, Position, Statement

KIND_MARGIN = 0.1  # the model's kind wins only when this much surer than the rules
TOPIC_THRESHOLD = 0.65  # a topic the rules missed is added at this probability
TOPIC_DROP = 0.01  # a rule topic is dropped only below this, and only when well learned
POSITION_THRESHOLD = 0.6  # positions are only ever added: dropping them cost 0.2 F1 held out
WELL_LEARNED = 30  # positive examples a label needs before the model may drop it


def features(statement: Statement, doc: Document, rule: Coding) -> dict[str, float]:
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


def model_path() -> Path | None:
    """Where the trained model lives (PLANATLAS_MODEL), or None when none is set."""
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

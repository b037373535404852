"""Training the coder's model: examples from gold files and corrections, fitting, and
leave-one-document-out scores. The fitted model is applied by planatlas/coding/model.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planatlas.coding import code_statement
from planatlas.coding.model import Model, apply, features, merge
from planatlas.coding.taxonomy import active_taxonomy
from planatlas.errors import ConfigError
from planatlas.evaluate import gold_files, load_gold, match
from planatlas.pipeline import analyze, read
from planatlas.records import Coding, Document, Statement

MIN_EXAMPLES = 20


@dataclass(frozen=True)
class Example:
    """A statement with the coding a person gave it (gold or correction)."""

    statement: Statement
    doc: Document
    kind: str | None = None
    topics: tuple[str, ...] | None = None
    positions: tuple[tuple[str, str], ...] | None = None
    group: str = ""  # the document, for leave-one-document-out evaluation


def _rule_codings(examples: Sequence[Example]) -> list[Coding]:
    taxonomy = active_taxonomy()
    return [code_statement(e.statement, e.doc, taxonomy) for e in examples]


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


def examples_from_gold(gold_dirs: Path | Sequence[Path]) -> list[Example]:
    """Gold statements, each paired with the statement the segmenter made of its text."""
    examples: list[Example] = []
    for path in gold_files(gold_dirs):
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


def held_out_analyzer(gold_dirs: Path | Sequence[Path]) -> Any:
    """An analyzer for `evaluate`: rules, then a model trained on every other gold document.

    No gold statement is ever scored by a model that saw it.
    """
    examples = examples_from_gold(gold_dirs)
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

"""Training the coder's model: examples from gold files and corrections, fitting, and
leave-one-document-out scores. The fitted model is applied by planatlas/coding/model.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import diags

from planatlas.coding import code_statement
from planatlas.coding.model import (
    IN_FIELD,
    NO_POSITION,
    OUT_OF_FIELD,
    Dual,
    Fitted,
    Model,
    ModelFile,
    _finish,
    apply,
    build,
    code,
    columns_of,
    direction_features,
    features,
    head_mask,
    raw_matrices,
    save_models,
)
from planatlas.coding.taxonomy import active_taxonomy
from planatlas.errors import ConfigError
from planatlas.evaluate import gold_files, load_gold, match
from planatlas.pipeline import analyze, read
from planatlas.records import Coding, Document, PageRange, Statement

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
    in_field: bool | None = None  # within the codebook's field (gold), or not (other chapters)


def _rule_codings(examples: Sequence[Example]) -> list[Coding]:
    taxonomy = active_taxonomy()
    return [code_statement(e.statement, e.doc, taxonomy) for e in examples]


LAMBDA = {"kind": 0.1, "topics": 0.25, "issues": 0.3, "direction": 0.5, "scope": 0.3}
NEGATIVES_PER_PDF = 300  # statements from a programme's other chapters, as out-of-field examples
MIN_ISSUE = 3  # statements an issue needs before its own classifier is fitted


def train(examples: Sequence[Example], rules: Sequence[Coding] | None = None) -> Model:
    """Fit one model on examples; `rules` are their rule codings when already computed."""
    fitted = fit(examples, rules, folds=False)
    return build(fitted, "all")


def fit(
    examples: Sequence[Example], rules: Sequence[Coding] | None = None, *, folds: bool = True
) -> Fitted:
    """The model trained on every example (`all`) and, with `folds`, one model per group
    trained without it (`fold:<group>`; a gold document's group is its content hash), as
    one Fitted to save."""
    if len(examples) < MIN_EXAMPLES:
        raise ConfigError(
            f"for få kodede utsagn å lære av ({len(examples)}, trenger {MIN_EXAMPLES})"
        )
    rules = list(rules) if rules is not None else _rule_codings(examples)
    rows = [features(e.statement, e.doc, r) for e, r in zip(examples, rules, strict=True)]
    questions, answers, owners = _direction_questions(examples, rules, rows)
    fitted = Fitted(rows, questions, owners, {})
    subsets = {"all": list(range(len(examples)))}
    if folds:
        for key in sorted({e.group for e in examples}):
            subsets[f"fold:{key}"] = [i for i, e in enumerate(examples) if e.group != key]
    raw = raw_matrices(fitted)
    for name, used in subsets.items():
        fitted.models[name] = _fit_one(examples, used, answers, owners, fitted, raw)
    return fitted


def _fit_one(
    examples: Sequence[Example],
    used: list[int],
    answers: list[str],
    owners: list[int],
    fitted: Fitted,
    raw: tuple[Any, Any, dict[str, int]],
) -> dict[str, Any]:
    """One model's entry: its rows and each head's dual coefficients."""
    chosen = set(used)
    asked = [q for q, owner in enumerate(owners) if owner in chosen]
    rows_m, questions_m, _ = raw
    keep = columns_of(fitted, used, raw)
    heads: dict[str, Dual] = {}
    x = _finish(rows_m[np.asarray(used, dtype=np.int64)][:, keep])
    names = sorted(raw[2], key=raw[2].__getitem__)
    vocabulary = {names[j]: k for k, j in enumerate(keep)}
    grams = {name: _gram(x, head_mask(name, vocabulary)) for name in ("topics", "kind", "scope")}
    grams["issues"] = grams["kind"]  # the same mask
    pick = {i: k for k, i in enumerate(used)}
    for head_name, labels_of in (
        ("kind", lambda e: None if e.kind is None else (e.kind,)),
        ("topics", lambda e: e.topics),
        ("issues", lambda e: None if e.positions is None else tuple(i for i, _ in e.positions)),
        (
            "scope",
            lambda e: None if e.in_field is None else (IN_FIELD if e.in_field else OUT_OF_FIELD,),
        ),
    ):
        labels = [labels_of(examples[i]) for i in used]
        dual = _fit_head(grams[head_name], labels, used, pick, head_name)
        if dual is not None:
            heads[head_name] = dual
    if asked and "issues" in heads:
        q = _finish(questions_m[np.asarray(asked, dtype=np.int64)][:, keep])
        q_gram = np.asarray((q @ q.T).todense())
        dual = _fit_head(
            q_gram,
            [(answers[k],) for k in asked],
            asked,
            {k: n for n, k in enumerate(asked)},
            "direction",
        )
        if dual is not None:
            heads["direction"] = dual
    documents = sorted({examples[i].doc.content_hash for i in used})
    genres: dict[str, int] = {}
    for i in used:
        if examples[i].kind is not None:
            genre = str(examples[i].doc.genre)
            genres[genre] = genres.get(genre, 0) + 1
    return {
        "rows": used,
        "examples": len(used),
        "documents": documents,
        "genres": dict(sorted(genres.items())),
        "heads": heads,
    }


def _gram(x: Any, mask: np.ndarray | None) -> np.ndarray:
    """The rows' inner products, over the columns a head reads (all, without a mask)."""
    if mask is not None:
        x = x @ diags(mask)
    return np.asarray((x @ x.T).todense())


def _fit_head(
    gram: np.ndarray,
    label_sets: list[tuple[str, ...] | None],
    ids: list[int],
    position: dict[int, int],
    name: str,
) -> Dual | None:
    """Ridge regression on each label's indicator, solved in the dual: (K + λI)·A = Y."""
    known = [k for k, labels in enumerate(label_sets) if labels is not None]
    counts = _support(label_sets[k] for k in known)
    least = MIN_ISSUE if name == "issues" else 1
    labels = sorted(label for label, n in counts.items() if n >= least)
    if len(labels) < (2 if name in ("kind", "direction", "scope") else 1):
        return None
    rows = [position[ids[k]] for k in known]
    y = np.asarray(
        [[label in (label_sets[k] or ()) for label in labels] for k in known], dtype=np.float64
    )
    k_sub = gram[np.ix_(rows, rows)]
    coef = np.linalg.solve(k_sub + LAMBDA[name] * np.eye(len(rows)), y)
    support = [counts[label] for label in labels]
    return Dual(labels, np.asarray([ids[k] for k in known], dtype=np.int32), coef, support)


def _direction_questions(
    examples: Sequence[Example], rules: Sequence[Coding], rows: list[dict[str, float]]
) -> tuple[list[dict[str, float]], list[str], list[int]]:
    """One (statement, issue) question per coded position, answered by its direction, and
    one per issue the rules took that the coder did not, answered "none" (a mere mention)."""
    questions: list[dict[str, float]] = []
    answers: list[str] = []
    owners: list[int] = []
    for n, (e, r, row) in enumerate(zip(examples, rules, rows, strict=True)):
        coded_positions = () if e.in_field is False else e.positions  # outside: none at all
        if coded_positions is None:
            continue
        coded = {issue for issue, _ in coded_positions}
        mentioned = sorted({p.issue for p in r.positions} - coded)
        for issue, direction in (*coded_positions, *((i, NO_POSITION) for i in mentioned)):
            questions.append(direction_features(row, issue, r))
            answers.append(direction)
            owners.append(n)
    return questions, answers, owners


def _support(label_sets: Iterable[tuple[str, ...] | None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for labels in label_sets:
        for label in labels or ():
            counts[label] = counts.get(label, 0) + 1
    return counts


def examples_from_gold(
    gold_dirs: Path | Sequence[Path], *, out_of_field: bool = False
) -> list[Example]:
    """Gold statements, each paired with the statement the segmenter made of its text.

    With `out_of_field`, also statements of the gold's source PDF outside its `pages` (the
    chapters that are not about health), as examples of statements outside the field; they
    share the gold document's group, so a fold without the document is without them too."""
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
                    group=doc.content_hash,
                    in_field=True if out_of_field else None,
                )
            )
        if out_of_field:
            examples += _outside(gold, doc.content_hash)
    return examples


def _outside(gold: Any, group: str) -> list[Example]:
    """Statements of the gold's source PDF outside its pages, evenly sampled."""
    if gold.source_pdf is None or gold.pages is None or not gold.source_pdf.is_file():
        return []
    pages = PageRange.parse(gold.pages)
    doc = read(gold.source_pdf)
    outside = [s for s in doc.statements if s.page is not None and s.page not in pages]
    step = max(1, len(outside) // NEGATIVES_PER_PDF)
    return [
        Example(s, doc, group=group, in_field=False) for s in outside[::step][:NEGATIVES_PER_PDF]
    ]


def save_shipped(path: Path, examples: Sequence[Example], gold_dirs: Sequence[Path]) -> None:
    """The model file the package ships: `all` and one fold per gold document."""
    info = {
        "gold": {
            f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()[:16]
            for p in gold_files(list(gold_dirs))
        },
        "rules": rules_fingerprint(),
    }
    save_models(path, fit(examples, folds=True), info)


def rules_fingerprint() -> str:
    """A hash of the rule coder's code and data: the shipped model learned from their output,
    so it is retrained whenever they change."""
    import planatlas

    root = Path(planatlas.__file__).parent
    digest = hashlib.sha256()
    parts = sorted((root / "coding").glob("*.py")) + sorted((root / "data").glob("*.yaml"))
    parts += sorted((root / "data").glob("*.tsv")) + sorted((root / "data").glob("*.txt"))
    for part in parts:
        if part.name != "model.py":
            digest.update(part.name.encode() + b"\0" + part.read_bytes())
    return digest.hexdigest()[:16]


def leave_one_group_out(
    examples: Sequence[Example], rules: Sequence[Coding]
) -> dict[str, list[Coding]]:
    """For each group, the codings of its examples by a model trained on the others."""
    fitted = fit(examples, rules, folds=True)
    raw = raw_matrices(fitted)
    result: dict[str, list[Coding]] = {}
    for group in sorted({e.group for e in examples}):
        model = build(fitted, f"fold:{group}", raw)
        indices = [i for i, e in enumerate(examples) if e.group == group]
        result[group] = code(
            model, [(examples[i].statement, examples[i].doc, rules[i]) for i in indices]
        )
    return result


def held_out_analyzer(gold_dirs: Path | Sequence[Path]) -> Any:
    """An analyzer for `evaluate`: rules, then a model trained now on every other gold
    document (reflects the code and gold as they are; slower than the shipped folds).

    No gold statement is ever scored by a model that saw it.
    """
    examples = examples_from_gold(gold_dirs, out_of_field=True)
    fitted = fit(examples, _rule_codings(examples), folds=True)
    return fold_analyzer(ModelFile(fitted, {}))


def fold_analyzer(models: ModelFile) -> Any:
    """An analyzer for `evaluate` that codes each document with a model that never saw it:
    its own fold where the file has one, else the `all` model (which then did not see it)."""

    def analyze_held_out(path: Path) -> Document:
        doc = analyze(path, use_model=False)
        return apply(models.held_out_for(doc.content_hash), doc)

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

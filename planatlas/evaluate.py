"""Measure the analysis against hand-coded gold files (shared/gold/*.yaml).

Statement matching rule. Both texts are normalised: Unicode NFKC; Markdown links read as their
text ("[SV Helse](#)" -> "SV Helse"); quotes «»“”„ and ' ’ folded to one form; dashes –— to -;
whitespace folded; case folded; trailing punctuation dropped. A predicted statement matches a
gold statement when the normalised texts are equal, or when their similarity (difflib ratio)
is at least 0.90, which forgives a dropped list number, a stray character or a joined word.
Matching is one-to-one: exact pairs first, then the most similar remaining pairs first.

For matched statements: kind accuracy and the confusion of kinds; micro-F1 of topics, of
positions (issue and direction both right) and of targets (type and value); language accuracy
on documents whose gold language is nb or nn (a "mixed" document says nothing about each
statement); per issue, the positions missed, reversed (the issue right, the direction not)
and added.

The actor × issue map, per document: each issue the document takes a position on gets the
direction most of its statements give it ("mixed" where two directions tie). The map's cells
(issue, direction) of the analysis are scored against the gold's by micro-F1 over documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from planatlas.errors import GoldError
from planatlas.records import Document, PageRange, Statement

MATCH_THRESHOLD = 0.90
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _LINK.sub(r"\1", text).translate(_QUOTES).translate(_DASHES)
    text = " ".join(text.split()).casefold()
    return text.rstrip(" .!?;:")


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable[Any], gold: Iterable[Any]) -> None:
        p, g = set(predicted), set(gold)
        self.tp += len(p & g)
        self.fp += len(p - g)
        self.fn += len(g - p)

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def __iadd__(self, other: Ratio) -> Ratio:
        self.right, self.total = self.right + other.right, self.total + other.total
        return self

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


def _f1(counts: Counts) -> float | None:
    """F1 rounded; None where neither gold nor analysis has anything to score."""
    return round(counts.f1, 4) if counts.tp + counts.fp + counts.fn else None


@dataclass
class Score:
    """Scores of one document, or of all documents together."""

    name: str
    statements: Counts = field(default_factory=Counts)
    kind: Ratio = field(default_factory=Ratio)
    topics: Counts = field(default_factory=Counts)
    positions: Counts = field(default_factory=Counts)
    targets: Counts = field(default_factory=Counts)
    language: Ratio = field(default_factory=Ratio)
    map: Counts = field(default_factory=Counts)  # the actor × issue map's cells
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, analysis)
    issues: dict[str, Counter[str]] = field(default_factory=dict)  # issue -> missed/reversed/...
    misses: list[str] = field(default_factory=list)  # gold texts nothing matched
    extras: list[str] = field(default_factory=list)  # predicted texts that match no gold

    def __iadd__(self, other: Score) -> Score:
        self.statements += other.statements
        self.kind += other.kind
        self.topics += other.topics
        self.positions += other.positions
        self.targets += other.targets
        self.language += other.language
        self.map += other.map
        self.kinds += other.kinds
        for issue, counts in other.issues.items():
            self.issues.setdefault(issue, Counter()).update(counts)
        return self

    def as_dict(self) -> dict[str, Any]:
        s = self.statements
        return {
            "document": self.name,
            "statements": {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "matched": s.tp,
                "predicted": s.tp + s.fp,
                "gold": s.tp + s.fn,
            },
            "kind_accuracy": round(self.kind.value, 4),
            "topics_f1": _f1(self.topics),
            "positions_f1": _f1(self.positions),
            "targets_f1": _f1(self.targets),
            "language_accuracy": round(self.language.value, 4),
            "map_f1": _f1(self.map),
            "kind_confusion": confusion(self.kinds),
            "issues": {issue: dict(sorted(counts.items())) for issue, counts in worst_issues(self)},
            "missed": self.misses,
            "extra": self.extras,
        }


@dataclass(frozen=True)
class GoldDocument:
    path: Path  # the gold file
    document: Path  # the document it codes, resolved
    language: str | None
    statements: list[dict[str, Any]]
    source_pdf: Path | None = None  # the PDF the document was extracted from, resolved
    pages: str | None = None  # its page range in that PDF, e.g. "22-27"
    meta: dict[str, Any] = field(default_factory=dict)  # actor, genre, period as coded


def load_gold(path: Path) -> GoldDocument:
    """One gold file; `document:` and `source_pdf:` are relative to the folder that holds
    shared/, however deep in shared/ the gold file lies."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GoldError(f"kan ikke lese gullfilen: {error}", path=str(path)) from error
    if not isinstance(data, dict) or "document" not in data or "statements" not in data:
        raise GoldError("gullfilen mangler «document» eller «statements»", path=str(path))
    root = _root(path, str(data["document"]))
    pdf = data.get("source_pdf")
    return GoldDocument(
        path,
        root / data["document"],
        data.get("language"),
        data["statements"],
        source_pdf=root / pdf if pdf else None,
        pages=str(data["pages"]) if data.get("pages") is not None else None,
        meta={k: data.get(k) for k in ("actor", "genre", "period")},
    )


def _root(path: Path, document: str) -> Path:
    """The folder that the gold file's paths are relative to: the parent of the nearest
    folder above it with the path's first part as its name (shared/ for shared/corpus/...)."""
    first = Path(document).parts[0] if Path(document).parts else ""
    for folder in path.resolve().parents:
        if folder.name == first:
            return folder.parent
    return path.resolve().parent.parent.parent


def match(predicted: list[str], gold: list[str]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) by the rule in the module docstring."""
    p_norm, g_norm = [normalise(t) for t in predicted], [normalise(t) for t in gold]
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for gi, g in enumerate(g_norm):
        for pi, p in enumerate(p_norm):
            if pi not in used_p and p == g:
                pairs.append((pi, gi))
                used_p.add(pi)
                used_g.add(gi)
                break
    candidates = []
    for gi, g in enumerate(g_norm):
        if gi in used_g:
            continue
        for pi, p in enumerate(p_norm):
            if pi in used_p:
                continue
            matcher = SequenceMatcher(None, p, g, autojunk=False)
            if matcher.real_quick_ratio() >= MATCH_THRESHOLD and matcher.ratio() >= MATCH_THRESHOLD:
                candidates.append((matcher.ratio(), pi, gi))
    for _, pi, gi in sorted(candidates, reverse=True):
        if pi not in used_p and gi not in used_g:
            pairs.append((pi, gi))
            used_p.add(pi)
            used_g.add(gi)
    return pairs


def _target_key(target: dict[str, Any]) -> tuple[str, str]:
    value = target.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(target.get("type")), str(value)


def confusion(kinds: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """gold kind -> analysed kind -> statements."""
    table: dict[str, dict[str, int]] = {}
    for (gold, found), n in sorted(kinds.items()):
        table.setdefault(gold, {})[found] = n
    return table


def worst_issues(score: Score, count: int | None = None) -> list[tuple[str, Counter[str]]]:
    """Issues by how often the analysis gets them wrong (missed + reversed + added)."""

    def wrong(counts: Counter[str]) -> int:
        return counts["missed"] + counts["reversed"] + counts["added"]

    ranked = sorted(score.issues.items(), key=lambda item: (-wrong(item[1]), item[0]))
    return [item for item in ranked if wrong(item[1])][:count]


def map_cells(positions: Iterable[Iterable[tuple[str, str]]]) -> set[tuple[str, str]]:
    """The document's map: each issue with the direction most of its statements give it."""
    by_issue: dict[str, Counter[str]] = {}
    for found in positions:
        for issue, direction in found:
            by_issue.setdefault(issue, Counter())[direction] += 1
    cells = set()
    for issue, counts in by_issue.items():
        ranked = counts.most_common()
        tied = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
        cells.add((issue, "mixed" if tied else ranked[0][0]))
    return cells


def _gold_positions(gold: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p["issue"], str(p["direction"])) for p in gold.get("positions") or []]


def score_document(doc: Document, gold: GoldDocument) -> Score:
    score = Score(gold.document.name)
    texts = [s.text for s in doc.statements]
    pairs = match(texts, [g["text"] for g in gold.statements])
    score.statements.tp = len(pairs)
    score.statements.fp = len(texts) - len(pairs)
    score.statements.fn = len(gold.statements) - len(pairs)
    for pi, gi in pairs:
        _score_fields(score, doc.statements[pi], gold.statements[gi], gold.language)
    matched_p, matched_g = {p for p, _ in pairs}, {g for _, g in pairs}
    score.misses = [g["text"] for i, g in enumerate(gold.statements) if i not in matched_g]
    score.extras = [s.text for i, s in enumerate(doc.statements) if i not in matched_p]
    score.map.add(
        map_cells([(p.issue, p.direction) for p in s.coding.positions] for s in doc.statements),
        map_cells(_gold_positions(g) for g in gold.statements),
    )
    return score


def _score_fields(
    score: Score, statement: Statement, gold: dict[str, Any], lang: str | None
) -> None:
    coding = statement.coding
    score.kind.add(coding.kind == gold.get("kind"))
    score.kinds[(str(gold.get("kind")), str(coding.kind))] += 1
    score.topics.add(coding.topics, gold.get("topics") or [])
    found = [(p.issue, p.direction) for p in coding.positions]
    score.positions.add(found, _gold_positions(gold))
    _count_issues(score, dict(found), dict(_gold_positions(gold)))
    score.targets.add(
        [_target_key(t.as_dict()) for t in coding.targets],
        [_target_key(t) for t in gold.get("targets") or []],
    )
    if lang in ("nb", "nn"):
        score.language.add(coding.language == lang)


def _count_issues(score: Score, found: dict[str, str], gold: dict[str, str]) -> None:
    for issue in found.keys() | gold.keys():
        if issue not in found:
            outcome = "missed"
        elif issue not in gold:
            outcome = "added"
        else:
            outcome = "right" if found[issue] == gold[issue] else "reversed"
        score.issues.setdefault(issue, Counter())[outcome] += 1


Analyzer = Callable[[Path], Document]


def gold_files(gold_dirs: Path | Sequence[Path]) -> list[Path]:
    """The gold files (*.yaml, not nested folders) of one or more gold folders, in order."""
    dirs = [gold_dirs] if isinstance(gold_dirs, Path) else list(gold_dirs)
    files = []
    for gold_dir in dirs:
        found = sorted(gold_dir.glob("*.yaml"))
        if not found:
            raise GoldError("fant ingen gullfiler (*.yaml) i mappen", path=str(gold_dir))
        files += found
    return files


def evaluate(gold_dirs: Path | Sequence[Path], analyze: Analyzer) -> tuple[list[Score], Score]:
    """Score each gold file's document; returns per-document scores and the overall score."""
    files = gold_files(gold_dirs)
    scores = []
    overall = Score("alle")
    for path in files:
        gold = load_gold(path)
        if not gold.document.is_file():
            raise GoldError(f"dokumentet finnes ikke: {gold.document}", path=str(path))
        score = score_document(analyze(gold.document), gold)
        scores.append(score)
        overall += score
    return scores, overall


def folder_totals(gold_dirs: Sequence[Path], scores: Sequence[Score]) -> list[Score]:
    """Each gold folder's documents summed, in the order `evaluate` scored them: the seeds'
    floor is read from the same held-out run as the programmes'. Empty for one folder."""
    if len(gold_dirs) < 2:
        return []
    totals, start = [], 0
    for gold_dir in gold_dirs:
        count = len(gold_files(gold_dir))
        total = Score(f"sum {gold_dir.name}/")
        for score in scores[start : start + count]:
            total += score
        totals.append(total)
        start += count
    return totals


# --- reading from the PDFs themselves (`planatlas eval --from-pdf`)

PdfReader = Callable[[Path, PageRange], Document]


def evaluate_pdfs(gold_dirs: Path | Sequence[Path], read: PdfReader) -> tuple[list[Score], Score]:
    """Score each gold file against its `source_pdf` read at its `pages`: recall over the
    gold statements, precision over the statements read between the first and the last that
    match one (the pages hold the chapters before and after it too)."""
    scores = []
    overall = Score("alle")
    for path in gold_files(gold_dirs):
        gold = load_gold(path)
        if gold.source_pdf is None or gold.pages is None:
            raise GoldError("gullfilen mangler «source_pdf» eller «pages»", path=str(path))
        if not gold.source_pdf.is_file():
            raise GoldError(f"PDF-filen finnes ikke: {gold.source_pdf}", path=str(path))
        doc = read(gold.source_pdf, PageRange.parse(gold.pages))
        score = score_within(doc, gold)
        scores.append(score)
        overall += score
    return scores, overall


def score_within(doc: Document, gold: GoldDocument) -> Score:
    """score_document, with only the statements between the first and the last matched one
    counted as predicted."""
    pairs = match([s.text for s in doc.statements], [g["text"] for g in gold.statements])
    if not pairs:
        return score_document(doc, gold)
    first, last = min(p for p, _ in pairs), max(p for p, _ in pairs)
    window = replace(doc, statements=doc.statements[first : last + 1])
    score = score_document(window, gold)
    score.name = gold.source_pdf.name if gold.source_pdf else score.name
    return score

"""Real party programmes (../shared/corpus/programmes): their wrapped text and their PDFs read
into the hand-coded gold's statements, and each PDF says who wrote it, what and for when."""

from __future__ import annotations

from pathlib import Path

import pytest
from places import PROGRAMME_GOLD, PROGRAMMES

from planatlas import pipeline
from planatlas.evaluate import evaluate_pdfs, gold_files, load_gold, score_document
from planatlas.records import Document

PDFS = PROGRAMMES / "pdf"
TARGET = 0.95


@pytest.fixture(scope="module")
def gold() -> list[Path]:
    if not PROGRAMME_GOLD.is_dir():
        pytest.skip("../shared/gold/programmes is not beside the project")
    return gold_files(PROGRAMME_GOLD)


@pytest.fixture(scope="module")
def whole() -> dict[str, Document]:
    """Every programme PDF, read whole (not coded)."""
    if not PDFS.is_dir():
        pytest.skip("../shared/corpus/programmes/pdf is not beside the project")
    return {path.name: pipeline.read(path) for path in sorted(PDFS.glob("*.pdf"))}


def test_the_wrapped_texts_read_into_the_gold_statements(gold: list[Path]) -> None:
    scores = {}
    for path in gold:
        g = load_gold(path)
        scores[path.name] = score_document(pipeline.read(g.document), g).statements.f1
    assert all(f1 >= TARGET for f1 in scores.values()), scores


def test_the_pdfs_read_at_the_gold_pages_find_the_gold_statements(gold: list[Path]) -> None:
    scores, _ = evaluate_pdfs(PROGRAMME_GOLD, lambda pdf, pages: pipeline.read(pdf, pages=pages))
    found = {s.name: (s.statements.recall, s.statements.precision) for s in scores}
    assert all(r >= TARGET and p >= TARGET for r, p in found.values()), found


# What each document says of itself on its cover and in its text; for the six with gold, the
# gold's own metadata says the same.
SAYS = {
    "ap-program-2025.pdf": ("Arbeiderpartiet", "programme", "2025/2029"),
    "fred-og-rettferdighet-program-2025.pdf": ("Fred og Rettferdighet", "programme", None),
    "frp-program-2025.pdf": ("Fremskrittspartiet", "programme", "2025/2029"),
    "inp-program-2025.pdf": ("Industri- og næringspartiet", "programme", None),
    "konservativt-program-2025.pdf": ("Konservativt", "programme", "2025/2029"),
    "krf-program-2025.pdf": ("Kristelig Folkeparti", "programme", "2025/2029"),
    "mdg-program-2025.pdf": ("Miljøpartiet De Grønne", "programme", "2025/2029"),
    "norgesdemokratene-program-2025.pdf": ("Norgesdemokratene", "programme", "2025/2028"),
    "sv-program-2025-utkast.pdf": ("SV", "programme", "2025/2029"),
    "venstre-program-2025.pdf": ("Venstre", "programme", "2025/2029"),
}


def test_each_pdf_says_who_wrote_it_what_it_is_and_for_when(whole: dict[str, Document]) -> None:
    found = {name: (d.actor, d.genre, d.period) for name, d in whole.items()}
    assert found == SAYS


def test_the_gold_agrees_with_what_the_pdfs_say(gold: list[Path]) -> None:
    for path in gold:
        g = load_gold(path)
        assert g.source_pdf is not None
        actor, genre, period = SAYS[g.source_pdf.name]
        assert (g.meta["actor"], g.meta["genre"], g.meta["period"]) == (actor, genre, period)


def test_no_contents_line_or_margin_number_is_a_statement(whole: dict[str, Document]) -> None:
    for name, doc in whole.items():
        leaders = [s.text for s in doc.statements if "....." in s.text or "…………" in s.text]
        assert not leaders, (name, leaders[:3])
    for name in ("sv-program-2025-utkast.pdf", "ap-program-2025.pdf"):  # both print them
        statements = whole[name].statements
        numbered = [s for s in statements if s.lines is not None]
        assert len(numbered) >= 0.95 * len(statements), name
        glued = [s.text for s in numbered if s.lines and s.text.split()[0] in map(str, s.lines)]
        assert not glued, (name, glued[:3])

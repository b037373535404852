"""The outline as people read it: the catalogue's names, not the codebook's ids."""

from __future__ import annotations

from planatlas.export.contract import coding_summary, markdown
from planatlas.labels import Labels
from planatlas.records import Coding, Document, Position, Statement, Target


def _statement() -> Statement:
    coding = Coding(
        kind="demand",
        topics=["hospitals"],
        positions=[Position("hospital_trust_model", "-")],
        targets=[Target("count", 3)],
    )
    return Statement(index=0, text="Vi vil legge ned helseforetakene.", coding=coding)


def test_the_summary_names_kind_topic_issue_direction_and_target_in_words() -> None:
    labels = Labels()
    summary = coding_summary(_statement())
    assert summary.split(" · ") == [
        labels.kind("demand").lower(),
        labels.topic("hospitals"),
        f"{labels.issue('hospital_trust_model')}: {labels.direction('-', 'direction_short')}",
        f"{labels('target.count')} 3",
    ]
    assert "hospital_trust_model" not in summary and "hospitals" not in summary


def test_the_markdown_header_names_genre_and_language() -> None:
    doc = Document(
        source="plan.txt",
        format="txt",
        content_hash="sha256:x",
        title="Plan",
        genre="programme",
        language="nn",
    )
    doc.statements.append(_statement())
    header = markdown(doc).split("\n\n")[1]
    assert f"**Sjanger:** {Labels()('genre.programme')}" in header
    assert f"**Språk:** {Labels()('language.nn')}" in header
    assert "programme" not in header

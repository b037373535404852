"""References to documents and laws, and organisations named in a statement."""

from __future__ import annotations

import pytest
import yaml
from places import GOLD

from planatlas.coding.references import organisations, references

GOLD = GOLD


def test_white_papers_and_nou_in_one_spelling() -> None:
    text = "Sjå Meld. St. 9 (2019-2020) og NOU 2021:4 om kvalitet"
    assert references(text) == ["Meld. St. 9 (2019–2020)", "NOU 2021:4"]


def test_propositions_and_recommendations() -> None:
    text = "jf. Prop. 120 L (2020–2021) og Innst. 5 S (2021-22)"
    assert references(text) == ["Prop. 120 L (2020–2021)", "Innst. 5 S (2021–2022)"]


def test_laws_with_sections() -> None:
    text = "Retten følger av pasient- og brukerrettighetsloven § 2-1 og folkehelseloven."
    assert references(text) == ["pasient- og brukerrettighetsloven § 2-1", "folkehelseloven"]


def test_organisations_from_the_gazetteer_and_aliases() -> None:
    text = "FHI og Legeforeininga møtte Helse Vest og Fagforbundet."
    assert organisations(text) == [
        "Folkehelseinstituttet",
        "Den norske legeforening",
        "Helse Vest RHF",
        "Fagforbundet",
    ]


def test_organisations_by_ending() -> None:
    assert organisations("Eldreombudet og Jordmorforbundet er samde.") == [
        "Eldreombudet",
        "Jordmorforbundet",
    ]


def test_plain_departement_is_no_name() -> None:
    assert organisations("Departementet har svart.") == []


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold annotations absent")
def test_gold_reference_statements_have_citations() -> None:
    """Every statement the gold codes as a reference yields a citation."""
    total = found = 0
    for path in sorted(GOLD.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for statement in document["statements"]:
            if statement["kind"] == "reference":
                total += 1
                found += bool(references(statement["text"]))
    recall = found / total if total else 1.0
    print(f"reference statements with a citation: {found}/{total}")
    assert recall >= 0.9

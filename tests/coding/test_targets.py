"""Targets: counts, shares, amounts, periods and dates (codebook section 4)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from places import GOLD

from planatlas.coding.patterns import literal_alternation
from planatlas.coding.targets import extract

GOLD = GOLD


def pairs(text: str, year: int | None = 2024) -> list[tuple[str, Any, str | None, str | None]]:
    return [(t.type, t.value, t.unit, t.comparator) for t in extract(text, year)]


def test_count_with_comparator_and_unit() -> None:
    assert pairs("Vi skal holde minst fire møter med politikere") == [("count", 4, "møter", ">=")]


def test_count_skips_adjectives_before_the_noun() -> None:
    assert pairs("Det skal bygges to nye legevakter") == [("count", 2, "legevakter", "=")]


def test_capitals_match_and_the_unit_keeps_its_spelling() -> None:
    # the steps match lowercased text; the unit is read from the text as written
    assert pairs("MINST 20 NYE Sykehjemsplasser innen 2030") == [
        ("count", 20, "Sykehjemsplasser", ">="),
        ("period", "2030", None, None),
    ]
    assert pairs("OVER 40 PROSENT av stillingene") == [("percent", 40, None, ">")]


def test_word_lists_as_tries_match_like_longest_first_lists() -> None:
    words = ["fra", "fra og med", "fram til", "f.o.m.", "for", "før", "i", "i løpet av"]
    trie = re.compile(rf"(?<!\w)(?:{literal_alternation(words)})(?!\w)")
    ordered = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    plain = re.compile(rf"(?<!\w)(?:{ordered})(?!\w)")
    text = "fra og med mai, fram til jul, i løpet av året, f.o.m. i dag og før fristen"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert trie.findall("fra og med") == ["fra og med"]


def test_comparators() -> None:
    assert pairs("over 15 kommuner") == [("count", 15, "kommuner", ">")]
    assert pairs("inntil 8 plasser") == [("count", 8, "plasser", "<=")]
    assert pairs("færre enn tolv senger") == [("count", 12, "senger", "<")]
    assert pairs("over 30") == [("count", 30, None, ">")]


def test_number_words_need_a_noun_and_one_needs_a_comparator() -> None:
    assert pairs("Pasienter faller mellom to eller flere stoler") == []
    assert pairs("Tjenesten skal fungere som én helhet") == []
    assert pairs("Styret møtes minst én gang i måneden") == [("count", 1, "gang", ">=")]


def test_shares() -> None:
    assert pairs("Andelen skal ned til 25 prosent") == [("percent", 25, None, "=")]
    assert pairs("minst 40 % av plassene") == [("percent", 40, None, ">=")]
    assert pairs("høyst 2,5 pst. vekst") == [("percent", 2.5, None, "<=")]


def test_amounts() -> None:
    assert pairs("Det gis 15 mill. til forsøket") == [("amount", 15000000, "NOK", "=")]
    assert pairs("3,4 mrd. kroner") == [("amount", 3400000000, "NOK", "=")]
    assert pairs("et tilskudd på kr 250 000") == [("amount", 250000, "NOK", "=")]
    assert pairs("750 000 kroner i året") == [("amount", 750000, "NOK", "=")]
    assert pairs("om lag 2 milliarder til bygg") == [("amount", 2000000000, "NOK", "=")]


def test_scaled_count_of_people() -> None:
    assert pairs("1,5 millioner innbyggere") == [("count", 1500000, "innbyggere", "=")]


def test_periods() -> None:
    assert pairs("planen gjeld for 2026–2029") == [("period", "2026/2029", None, None)]
    assert pairs("fra april 2025 - april 2026") == [("period", "2025-04/2026-04", None, None)]
    assert pairs("i perioden 2018-19") == [("period", "2018/2019", None, None)]
    assert pairs("tiltaket skal prøvast ut i planperioden") == [
        ("period", "planperioden", None, None)
    ]


def test_dates() -> None:
    assert pairs("frist 15. juni") == [("date", "2024-06-15", None, None)]
    assert pairs("vedtatt 3. november 2019") == [("date", "2019-11-03", None, None)]
    assert pairs("gjeld frå 1.7.2025") == [("date", "2025-07-01", None, None)]
    assert pairs("frist 15. juni", year=None) == [("date", "--06-15", None, None)]


def test_identifiers_are_not_targets() -> None:
    assert pairs("Meld. St. 9 (2023–2024) Nasjonal plan (2024–2027)") == []
    assert pairs("NOU 2019:12 og Prop. 100 S (2020–2021)") == []
    assert pairs("Fleire LIS1-stillingar etter § 3-2 og kap. 4") == []
    assert pairs("Handlingsplan 2024 for COVID-19") == []


def gold_statements() -> list[dict[str, Any]]:
    statements: list[dict[str, Any]] = []
    for path in sorted(GOLD.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        year = _year(document)
        for statement in document["statements"]:
            statements.append({**statement, "year": year})
    return statements


def _year(document: dict[str, Any]) -> int | None:
    for value in (str(document.get("period") or ""), str(document["document"])):
        if found := re.search(r"(?:19|20)\d\d", value):
            return int(found[0])
    return None


def target_f1(statements: list[dict[str, Any]]) -> float:
    true_positive = predicted = expected = 0
    for statement in statements:
        gold = {(t["type"], str(t["value"])) for t in statement.get("targets") or []}
        found = {(t.type, str(t.value)) for t in extract(statement["text"], statement["year"])}
        true_positive += len(gold & found)
        predicted += len(found)
        expected += len(gold)
        if gold != found:
            print("MISMATCH", statement["text"], sorted(gold), sorted(found))
    if predicted == expected == 0:
        return 1.0
    return 2 * true_positive / (predicted + expected)


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold annotations absent")
def test_gold_target_f1() -> None:
    score = target_f1(gold_statements())
    print(f"target F1 over gold statements: {score:.3f}")
    assert score >= 0.9

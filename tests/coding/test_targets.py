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
        ("date", "2030", None, None),
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
    assert pairs("Tabell 4 viser ventetidene, jf. figur 2 og vedlegg 3") == []


def test_a_lone_year_is_a_date_and_a_span_of_years_a_period() -> None:
    assert pairs("Køene skal vere borte innan 2031") == [("date", "2031", None, None)]
    assert pairs("Sidan 2019 har fleire fått fastlege") == [("date", "2019", None, None)]
    assert pairs("Siden 2016 har ventetiden økt") == [("date", "2016", None, None)]
    assert pairs("Reformen skal gjelde fra 2027 til 2030") == [("period", "2027/2030", None, None)]
    assert pairs("Mot år 2032 skal alle ha fastlege") == [("date", "2032", None, None)]
    assert pairs("Tenesta skal byggjast ut fram mot 2035") == [("date", "2035", None, None)]


def test_a_year_before_money_is_an_amount() -> None:
    assert pairs("Taket skal ned til 2500 kroner") == [("amount", 2500, "NOK", "=")]


def test_number_words_joined_from_tens_and_units() -> None:
    assert pairs("Kommunen får tjuefem nye legestillinger") == [
        ("count", 25, "legestillinger", "=")
    ]
    assert pairs("Det trengst førtito nye jordmødrer") == [("count", 42, "jordmødrer", "=")]


def test_an_article_is_one_only_before_a_scale_or_after_at_least_or_at_most() -> None:
    assert pairs("Vi gir en million kroner til frivilligheten") == [("amount", 1000000, "NOK", "=")]
    assert pairs("Dei set av ein milliard kronar") == [("amount", 1000000000, "NOK", "=")]
    assert pairs("Tilsynet skal komme minst en gang i året") == [("count", 1, "gang", ">=")]
    assert pairs("Ventetida skal vere maks ei veke") == [("count", 1, "veke", "<=")]
    assert pairs("Vi ser på dette over en periode") == []
    assert pairs("Legen spør under en samtale") == []
    assert pairs("Det er ikke minst en sak om tillit") == []


def test_relative_periods_of_several_words() -> None:
    assert pairs("I den kommende perioden skal vi satse på legevakt") == [
        ("period", "den kommende perioden", None, None)
    ]
    assert pairs("I den komande perioda vil vi byggje ut") == [
        ("period", "den komande perioda", None, None)
    ]
    assert pairs("Styret legger fram en plan for den kommende perioden") == []
    assert pairs("Planen skal rullerast kvar stortingsperiode") == [
        ("period", "kvar stortingsperiode", None, None)
    ]
    assert pairs("De siste ti årene har køene vokst") == [
        ("period", "de siste ti årene", None, None)
    ]
    assert pairs("dei neste 3 åra skal vi byggje") == [("period", "dei neste 3 åra", None, None)]
    assert pairs("oppfølging de seks første ukene etter utskriving") == [
        ("period", "de seks første ukene etter utskriving", None, None)
    ]
    assert pairs("hjelp dei første to vekene etter at barnet er født") == [
        ("period", "dei første to vekene", None, None)
    ]


def test_a_number_after_a_definite_determiner_is_not_a_count() -> None:
    assert pairs("Vi vil samarbeide med de fire klinikkene i regionen") == []
    assert pairs("Dei tre sjukehusa skal samarbeide") == []


def test_week_numbers_count_weeks() -> None:
    assert pairs("Tilbudet skal gjelde fram til uke 16") == [("count", 16, "uke", "<=")]
    assert pairs("Kontrollen skjer i veke 20") == [("count", 20, "veke", "=")]


def test_numbers_joined_to_a_noun() -> None:
    assert pairs("Innføre en treårig utdanning") == [("count", 3, "år", "=")]
    assert pairs("Ei toårig vidareutdanning") == [("count", 2, "år", "=")]
    assert pairs("Kravet er en 60-poengs videreutdanning") == [("count", 60, "poeng", "=")]
    assert pairs("med 16-års grense for kjøp") == [("count", 16, "år", "=")]
    assert pairs("Ein 24-timers legevakt i kvar region") == [("count", 24, "timer", "=")]
    assert pairs("Innen 2026-budsjettets ramme") == []
    assert pairs("som på 70-åras sjukehus") == []


def test_clock_times() -> None:
    assert pairs("Butikkene stenger kl. 8.30") == [("date", "08:30", None, None)]
    assert pairs("Salget skal flyttast fra 21.00 til 20.00") == [("date", "20:00", None, None)]
    assert pairs("Se punkt 3.20 og kapittel 4.10") == []
    assert pairs("Det står til 3.20 i rapporten") == []


def test_ranges_give_both_bounds() -> None:
    assert pairs("Andelen skal ligge på 10–15 prosent") == [
        ("percent", 10, None, ">="),
        ("percent", 15, None, "<="),
    ]
    assert pairs("mellom 2 og 4 milliarder kroner") == [
        ("amount", 2000000000, "NOK", ">="),
        ("amount", 4000000000, "NOK", "<="),
    ]
    assert pairs("Utdanninga tek tre til fire år") == [
        ("count", 3, "år", ">="),
        ("count", 4, "år", "<="),
    ]
    assert pairs("ungdom mellom 16 og 19 år") == [
        ("count", 16, "år", ">="),
        ("count", 19, "år", "<="),
    ]


def test_a_change_from_one_number_to_another_targets_the_second() -> None:
    assert pairs("Andelen skal økes fra 40 til 45 prosent") == [("percent", 45, None, "=")]


def test_two_numbers_joined_by_and_share_the_unit_after_them() -> None:
    assert pairs("Takstene økte med 10 og 12 prosent") == [
        ("percent", 10, None, "="),
        ("percent", 12, None, "="),
    ]
    assert pairs("Det kom to og tre nye legar") == [
        ("count", 2, "legar", "="),
        ("count", 3, "legar", "="),
    ]


def test_the_year_of_a_law_is_not_a_target() -> None:
    assert pairs("Revidere pasientrettighetsloven fra 1999") == []
    assert pairs("Lova om folkehelse frå 2011 skal evaluerast") == []
    assert pairs("Loven skal gjelde fra 2027") == [("date", "2027", None, None)]


def test_numbers_of_the_scheme_a_proposal_is_modelled_on_are_not_targets() -> None:
    assert pairs("Innføre pleiedager etter modell av sykepenger for barn under 14 år") == []
    assert pairs("etter mønster av ordninga for barn under 10 år, og med 30 nye plassar") == [
        ("count", 30, "plassar", "=")
    ]


def test_a_number_before_a_name_or_a_heading_is_a_line_or_page_number() -> None:
    assert pairs("14 Vi vil styrke fastlegen") == []
    assert pairs("41 7 Sykehus 44 8 Psykisk helse") == []
    assert pairs("Bygge ut 12 TWh vindkraft") == [("count", 12, "TWh", "=")]


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

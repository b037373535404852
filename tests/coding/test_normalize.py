"""Normalisation: lemma-like terms, Nynorsk folded to Bokmål, compounds split."""

from __future__ import annotations

import pytest
import yaml
from places import GOLD

from planatlas.coding.normalize import dictionary_lemmas, fold, shipped_lemmas, terms

GOLD = GOLD


def test_nynorsk_nouns_fold_to_bokmal_lemmas() -> None:
    assert terms("sjukehusa") == ["sykehus"]
    assert terms("tenestene", "nn") == ["tjeneste"]
    assert terms("kommunar") == ["kommune"]


def test_a_word_that_must_stay_whole_stays_whole_in_every_form() -> None:
    # the specialist health service is one thing, not a specialist plus a health service
    assert terms("spesialisthelsetjeneste") == ["spesialisthelsetjeneste"]
    assert terms("spesialisthelsetjenesten") == ["spesialisthelsetjeneste"]
    assert terms("spesialisthelsetenestene", "nn") == ["spesialisthelsetjeneste"]


def test_nynorsk_verbs_fold() -> None:
    assert terms("auke") == ["øke"]
    assert terms("aukar", "nn") == ["øke"]
    assert terms("styrkje") == ["styrke"]
    assert terms("reduserast", "nn") == ["redusere"]


def test_compounds_keep_the_whole_and_add_the_parts() -> None:
    assert terms("helseføretaka", "nn") == ["helseforetak", "helse", "foretak"]
    assert terms("helseforetaksmodellen") == ["helseforetaksmodell", "helse", "foretak", "modell"]
    assert terms("rammefinansiering") == ["rammefinansiering", "ramme", "finansiering"]
    assert "tilskudd" in terms("samhandlingstilskot", "nn")


def test_short_words_are_not_split() -> None:
    assert terms("kommune") == ["kommune"]
    assert terms("tjeneste") == ["tjeneste"]


def test_same_sentence_in_both_forms_folds_alike() -> None:
    nynorsk = fold("Fleire tenester i kommunane", "nn")
    bokmal = fold("Flere tjenester i kommunene", "nb")
    assert nynorsk == bokmal


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold annotations absent")
def test_gold_nynorsk_statements_share_terms_with_bokmal() -> None:
    """Most content words of the Nynorsk slides end up in their Bokmål spelling."""
    document = yaml.safe_load((GOLD / "ssu-nhsp-lysark-2024-03-13.yaml").read_text("utf-8"))
    found = {t for s in document["statements"] for t in terms(s["text"], "nn")}
    bokmal = {"sykehus", "tjeneste", "kommune", "helseforetak", "øke", "tilskudd", "mestring"}
    score = len(bokmal & found) / len(bokmal)
    print(f"Bokmål terms recovered from the Nynorsk slides: {score:.2f}")
    assert score >= 0.85


def test_the_shipped_lemmas_are_the_installed_dictionarys() -> None:
    # Rebuild with tools/lemmas.py when simplemma changes.
    assert shipped_lemmas() == dictionary_lemmas()

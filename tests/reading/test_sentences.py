from planatlas.reading.sentences import split_sentences


def test_splits_on_full_stop_before_capital():
    assert split_sentences("Vi vil styrke fastlegen. Kommunen må bidra.") == [
        "Vi vil styrke fastlegen.",
        "Kommunen må bidra.",
    ]


def test_keeps_norwegian_abbreviations_whole():
    text = (
        "Regjeringa vil m.a. styrke tilbodet, bl.a. i Nord. "
        "Det gjeld f.eks. Meld. St. 9 (2023–2024)."
    )
    assert split_sentences(text) == [
        "Regjeringa vil m.a. styrke tilbodet, bl.a. i Nord.",
        "Det gjeld f.eks. Meld. St. 9 (2023–2024).",
    ]


def test_dates_and_ordinals_do_not_split():
    assert split_sentences("Planen kom 1. mars og gjelder fra nr. 3 i lista.") == [
        "Planen kom 1. mars og gjelder fra nr. 3 i lista."
    ]


def test_closing_quote_stays_with_its_sentence():
    text = "«Dette er bra, sier lederen.» Neste punkt følger."
    assert split_sentences(text) == ["«Dette er bra, sier lederen.»", "Neste punkt følger."]


def test_question_and_exclamation():
    assert split_sentences("Hva nå? Vi jubler! Ferdig") == ["Hva nå?", "Vi jubler!", "Ferdig"]

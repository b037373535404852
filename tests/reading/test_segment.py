from planatlas.reading.layout import blocks_from_text
from planatlas.reading.segment import segment


def statements(text: str):
    return segment(blocks_from_text(text)).statements


def test_lead_in_gives_actor_and_modality_to_every_item():
    result = statements("Program\n\nKystpartiet vil:\n\n• fjerne køene\n• styrke fastlegen\n")
    assert [s.text for s in result] == ["fjerne køene", "styrke fastlegen"]
    assert {(s.lead_in_actor, s.modality, s.form) for s in result} == {
        ("Kystpartiet", "vil", "item")
    }


def test_lead_in_at_end_of_paragraph_is_not_a_statement():
    text = (
        "Del 1\n\nVi er små. Nettverket skal derfor samarbeide med:\n\n- kommunene\n- sykehusene\n"
    )
    result = statements(text)
    assert [s.text for s in result] == ["Vi er små.", "kommunene", "sykehusene"]
    assert result[1].lead_in == "Nettverket skal derfor samarbeide med:"


def test_claim_heading_is_also_a_statement_but_plain_heading_is_not():
    text = "Om planen\n\nDet er bra.\n\n3. Styrke fastlegeordningen\n\nVi vil mer."
    result = statements(text)
    assert [(s.text, s.form) for s in result] == [
        ("Det er bra.", "sentence"),
        ("Styrke fastlegeordningen", "heading"),
        ("Vi vil mer.", "sentence"),
    ]
    assert result[1].section == ("Om planen", "3. Styrke fastlegeordningen")


def test_item_with_two_sentences_stays_one_statement():
    result = statements("Tiltak\n\n• Innføre ny ordning. Den skal evalueres.\n")
    assert [s.text for s in result] == ["Innføre ny ordning. Den skal evalueres."]


def test_speaker_label_is_cut_and_kept():
    result = statements("Nyhet\n\nKari Nordmann– Vi er glade! Planen er god, sier Kari Nordmann.")
    assert [s.text for s in result] == ["Vi er glade!", "Planen er god, sier Kari Nordmann."]
    assert {s.speaker for s in result} == {"Kari Nordmann"}


def test_sections_list_their_statements():
    outline = segment(blocks_from_text("A-plan\n\nDel en\n\nFørste. Andre.\n\nDel to\n\nTredje."))
    assert [(s.title, s.statements) for s in outline.sections] == [
        ("A-plan", []),
        ("Del en", [0, 1]),
        ("Del to", [2]),
    ]

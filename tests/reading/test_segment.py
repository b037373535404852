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


def test_a_lead_in_without_its_colon_before_a_list_is_not_a_statement():
    result = statements("Helse\n\nSV vil\n\n• styrke helsestasjonene\n• fjerne egenandelene\n")
    assert [(s.text, s.lead_in_actor, s.modality) for s in result] == [
        ("styrke helsestasjonene", "SV", "vil"),
        ("fjerne egenandelene", "SV", "vil"),
    ]


def test_a_sentence_ending_in_a_colon_is_never_a_statement():
    text = "Rus\n\nEt mindretall foreslår å legge til følgende avsnitt:\n\nRusreformen må komme nå."
    assert [s.text for s in statements(text)] == ["Rusreformen må komme nå."]


def test_the_subject_after_the_verb_speaks_in_a_lead_in_that_opens_with_a_clause():
    text = "Olje\n\nFor å trygge næringen og landets økonomi vil INP gå inn for:\n\n• nye felt\n"
    assert statements(text)[0].lead_in_actor == "INP"


def test_a_heading_that_is_a_sentence_is_also_a_statement_unless_it_introduces_a_list():
    text = "Eldre\n\n## Brukerne skal selv få velge\n\nDe vet best.\n\n## Det er tre mål\n\n- a\n"
    result = statements(text)
    assert [(s.text, s.form) for s in result] == [
        ("Brukerne skal selv få velge", "heading"),
        ("De vet best.", "sentence"),
        ("a", "item"),
    ]


def test_each_sentence_keeps_its_page_and_printed_lines():
    from planatlas.reading.layout import Line, blocks_from_lines

    lines = [
        Line("Første setning går over to", page=4, number=10, fill=1.0),
        Line("linjer. Andre setning står her.", page=4, number=11, fill=0.5),
        Line("", page=5),
        Line("Tredje setning er på neste side.", page=5, number=40, fill=0.6),
    ]
    result = segment(blocks_from_lines(lines)).statements
    assert [(s.page, s.lines) for s in result] == [(4, (10, 11)), (4, (11, 11)), (5, (40, 40))]


def test_a_numbered_heading_nests_under_the_one_its_number_extends_whatever_its_level():
    from planatlas.records import Block

    blocks = [
        Block("heading", "4. Miljø", 1),
        Block("heading", "4.2 Energi", 2),
        Block("heading", "4.2.1 Vannkraft", 2),  # set in the same type as 4.2
        Block("paragraph", "Vannkraften skal eies av folket."),
        Block("heading", "4.2.2 Vindkraft", 3),  # set in a type of its own
        Block("paragraph", "Vindkraft på land skal ha lokal støtte."),
        Block("heading", "4.3 Natur", 2),
        Block("heading", "Skog", 3),
    ]
    outline = segment(blocks)
    assert [(s.title, s.level) for s in outline.sections] == [
        ("4. Miljø", 1),
        ("4.2 Energi", 2),
        ("4.2.1 Vannkraft", 3),
        ("4.2.2 Vindkraft", 3),
        ("4.3 Natur", 2),
        ("Skog", 3),
    ]
    assert outline.statements[1].section == ("4. Miljø", "4.2 Energi", "4.2.2 Vindkraft")

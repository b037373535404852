from planatlas.reading.layout import blocks_from_text


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks_from_text(text)]


def test_bullets_with_odd_indentation_become_items():
    text = "Tittel på planen\n\n\u00a0 \u00a0 • \u00a0 første punkt\n   - andre punkt\n* tredje\n"
    assert kinds(text) == [
        ("heading", "Tittel på planen"),
        ("item", "første punkt"),
        ("item", "andre punkt"),
        ("item", "tredje"),
    ]


def test_wrapped_slide_lines_join_into_one_heading_and_one_item():
    text = "Endre ordningane for \nsjukehus\n\n• Innføre meir ramme av \nspesialisthelsetenesta\n"
    assert kinds(text) == [
        ("heading", "Endre ordningane for sjukehus"),
        ("item", "Innføre meir ramme av spesialisthelsetenesta"),
    ]


def test_sentence_broken_across_a_blank_line_is_joined():
    text = "Styret kan endre\n\nforslaget når det vil.\n"
    assert kinds(text) == [("paragraph", "Styret kan endre forslaget når det vil.")]


def test_run_of_numbers_is_a_list_but_lone_number_is_a_heading():
    text = (
        "1. Første kapittel\n\nLøpende tekst her.\n\n"
        "Tre mål\n\n1. God helse\n\n2. Kort ventetid\n\n3. Nok folk\n"
    )
    assert kinds(text) == [
        ("heading", "1. Første kapittel"),
        ("paragraph", "Løpende tekst her."),
        ("heading", "Tre mål"),
        ("item", "God helse"),
        ("item", "Kort ventetid"),
        ("item", "Nok folk"),
    ]


def test_short_line_with_modal_verb_is_a_sentence_not_a_heading():
    text = "Regjeringen vil legge fram en ny plan\n\nKommunen har startet arbeidet.\n"
    assert kinds(text)[0] == ("paragraph", "Regjeringen vil legge fram en ny plan")


def test_markdown_headings_links_and_emphasis():
    text = "# Plan\n\n## Del 1\n\nLes om **viktige** saker på [siden vår](https://x.no).\n"
    blocks = blocks_from_text(text)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Plan"),
        ("heading", 2, "Del 1"),
        ("paragraph", 0, "Les om viktige saker på siden vår."),
    ]


def test_boilerplate_lines_are_dropped():
    text = (
        "top of page\n\nPlan\n\nVi vil mye.\n\nhttps://example.org/side\n\n2016-17\n\n"
        "bottom of page"
    )
    assert kinds(text) == [("heading", "Plan"), ("paragraph", "Vi vil mye.")]


def test_a_unit_wrapped_onto_a_line_of_its_own_ends_its_number():
    text = (
        "1. Øke forskningen slik at den offentlige andelen utgjør 50\n   %.\n"
        "2. Fjerne køene.\n\nVi vil ha flere senger.\n\n%\n"
    )
    assert kinds(text) == [
        ("item", "Øke forskningen slik at den offentlige andelen utgjør 50 %."),
        ("item", "Fjerne køene."),
        ("paragraph", "Vi vil ha flere senger."),  # after no number, a lone sign is furniture
    ]


def test_hyphenated_line_break():
    assert kinds("Vi styrker spesialist-\nhelsetjenesten og helse-\nog omsorg.") == [
        ("paragraph", "Vi styrker spesialisthelsetjenesten og helse- og omsorg.")
    ]


def test_plain_lines_under_a_lead_in_are_items():
    text = "Partiet vil:\nfjerne køene\nbygge flere sykehjem\n"
    assert kinds(text) == [
        ("paragraph", "Partiet vil:"),
        ("item", "fjerne køene"),
        ("item", "bygge flere sykehjem"),
    ]


def test_nested_items_get_levels():
    blocks = blocks_from_text("Liste\n- topp\n    - under\n- topp igjen\n")
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1),
        ("item", 0),
        ("item", 1),
        ("item", 0),
    ]


# --- text copied out of a PDF: lines wrapped at a fixed width, no blank lines

WRAPPED = """Helse og omsorg
Kommunene skal gi gode tjenester til alle som trenger dem, uansett hvor i landet de
bor. Mange steder mangler det fagfolk, og det gjør tilbudet sårbart for innbyggerne
Norge rundt. Derfor må staten ta et større ansvar for finansieringen av tjenestene.
Partiet vil:
• styrke fastlegeordningen og gi kommunene midler til å ansette flere leger i faste
stillinger
• bygge flere sykehjemsplasser
Sykehus
Sykehusene må ha nok senger og nok ansatte til å ta imot pasientene når de kommer,
– ikke bare når det passer budsjettene. Ventetidene skal ned i hele landet, og ingen
skal vente mer enn tre måneder på behandling i spesialisthelsetjenesten.
"""


def test_wrapped_lines_join_and_a_short_line_ends_its_item_before_a_heading() -> None:
    assert kinds(WRAPPED) == [
        ("heading", "Helse og omsorg"),
        (
            "paragraph",
            "Kommunene skal gi gode tjenester til alle som trenger dem, uansett hvor i landet "
            "de bor. Mange steder mangler det fagfolk, og det gjør tilbudet sårbart for "
            "innbyggerne Norge rundt. Derfor må staten ta et større ansvar for finansieringen "
            "av tjenestene. Partiet vil:",  # the lead-in ends the paragraph (segment.py)
        ),
        (
            "item",
            "styrke fastlegeordningen og gi kommunene midler til å ansette flere leger i faste "
            "stillinger",
        ),
        ("item", "bygge flere sykehjemsplasser"),
        ("heading", "Sykehus"),
        (
            "paragraph",
            "Sykehusene må ha nok senger og nok ansatte til å ta imot pasientene når de kommer, "
            "– ikke bare når det passer budsjettene. Ventetidene skal ned i hele landet, og "
            "ingen skal vente mer enn tre måneder på behandling i spesialisthelsetjenesten.",
        ),
    ]


def test_fills_are_known_only_for_wrapped_text() -> None:
    from planatlas.reading.wrapping import fills

    wrapped = WRAPPED.splitlines()
    assert all(f is not None for f in fills(wrapped))
    assert fills(["Tittel", "", "Et avsnitt på én lang linje.", "", "Et til."]) == [None] * 5


def test_a_date_opening_a_line_is_not_a_list_number_and_a_symbol_glyph_is_a_bullet() -> None:
    text = "Plan\n\n8. september er valgdagen.\n\nƽ Ta Norge trygt ut av oljealderen.\n"
    assert kinds(text)[1:] == [
        ("paragraph", "8. september er valgdagen."),
        ("item", "Ta Norge trygt ut av oljealderen."),
    ]


def test_a_hyphen_before_a_capital_stays_without_a_space() -> None:
    assert kinds("Vi vil styrke sykehusene i Nord-\nNorge og i Sør-\nTrøndelag.") == [
        ("paragraph", "Vi vil styrke sykehusene i Nord-Norge og i Sør-Trøndelag.")
    ]


def test_a_number_opening_the_next_line_of_a_wrapped_item_is_text_not_a_heading() -> None:
    from planatlas.reading.layout import Line, blocks_from_lines

    lines = [
        Line("• snarest lyse ut nye blokker for leting i havet, og holde", fill=0.98),
        Line("24. runde med tildelinger i forhåndsdefinerte områder", fill=0.95),
        Line("• sikre kysten en egen beredskap", fill=0.6),
    ]
    assert [(b.kind, b.text) for b in blocks_from_lines(lines)] == [
        (
            "item",
            "snarest lyse ut nye blokker for leting i havet, og holde 24. runde med "
            "tildelinger i forhåndsdefinerte områder",
        ),
        ("item", "sikre kysten en egen beredskap"),
    ]


def test_running_text_of_a_format_that_types_its_headings_is_never_a_heading() -> None:
    from planatlas.reading.layout import Line, blocks_from_lines

    lines = [Line("Fjordbyene og kysten", fill=0.3), Line(""), Line("Vi vil bygge mer.", fill=0.4)]
    assert blocks_from_lines(lines)[0].kind == "heading"
    body = [Line(line.text, fill=line.fill, body=True) for line in lines]
    assert [b.kind for b in blocks_from_lines(body)] == ["paragraph", "paragraph"]


def test_dashes_under_a_bullet_that_filled_its_line_open_sub_items() -> None:
    from planatlas.reading.layout import Line, blocks_from_lines

    lines = [
        Line("• at disse kravene skal gjelde for alle som søker om fast opphold:", fill=0.98),
        Line("  - fem års botid i landet og ingen alvorlige straffedommer", fill=0.99),
        Line("  - bestått prøve i norsk", fill=0.4),
    ]
    assert [(b.kind, b.text) for b in blocks_from_lines(lines)][1:] == [
        ("item", "fem års botid i landet og ingen alvorlige straffedommer"),
        ("item", "bestått prøve i norsk"),
    ]

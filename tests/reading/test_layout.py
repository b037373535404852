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

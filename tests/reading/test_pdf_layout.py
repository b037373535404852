"""PDF layout on small PDFs built here: line numbers, furniture, columns, spreads, contents,
headings, page ranges and hyphenation, each checked through the pipeline's statements."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.pdfgen import canvas

from planatlas import pipeline
from planatlas.errors import BadParameter, InputError
from planatlas.records import Document, PageRange

Page = Callable[[canvas.Canvas, int], None]
A4 = (595, 842)


def build(pages: list[Page], size: tuple[float, float] = A4) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size)
    for number, draw in enumerate(pages, 1):
        draw(pdf, number)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def read(data: bytes, pages: PageRange | None = None) -> Document:
    return pipeline.read_bytes(data, "program.pdf", pages=pages)


def texts(doc: Document) -> list[str]:
    return [s.text for s in doc.statements]


def lines_at(pdf: canvas.Canvas, x: float, top: float, lines: list[str], size: float = 11) -> None:
    pdf.setFont("Helvetica", size)
    for n, line in enumerate(lines):
        pdf.drawString(x, top - 15 * n, line)


def furniture(pdf: canvas.Canvas, number: int) -> None:
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 815, "Kystpartiet – program 2025–2029")
    pdf.drawString(290, 25, str(number))


# --- margin line numbers


NUMBERED = [
    "Kystpartiet vil styrke de lokale sykehusene langs hele kysten, og gi",
    "fødeavdelingene nok jordmødre. Ambulansebåtene skal gå hele døgnet.",
    "Kystpartiet vil",
    "• bygge flere sykehjemsplasser i distriktene",
    "• gi fastlegene lavere lister og bedre",
    "   rammer",
]


def numbered_page(first: int) -> Page:
    def draw(pdf: canvas.Canvas, number: int) -> None:
        furniture(pdf, number)
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(90, 760, f"Kapittel {number}: Helse")
        for n, line in enumerate(NUMBERED):
            y = 720 - 15 * n
            pdf.setFont("Helvetica", 9)
            pdf.drawRightString(60, y, str(first + n))
            pdf.setFont("Helvetica", 11)
            pdf.drawString(90 if not line.startswith(" ") else 100, y, line.strip())

    return draw


def test_margin_line_numbers_leave_the_text_and_become_each_statements_lines() -> None:
    doc = read(build([numbered_page(101), numbered_page(201)]))
    assert not any(ch.isdigit() for t in texts(doc) for ch in t.split()[0])
    places = {(s.text[:30], s.page, s.lines) for s in doc.statements}
    assert ("Kystpartiet vil styrke de loka", 1, (101, 102)) in places
    assert ("Ambulansebåtene skal gå hele d", 1, (102, 102)) in places
    assert ("gi fastlegene lavere lister og", 2, (205, 206)) in places


def test_a_lead_in_without_colon_gives_its_actor_and_modality_to_the_list() -> None:
    doc = read(build([numbered_page(1)]))
    items = [s for s in doc.statements if s.form == "item"]
    assert [s.text for s in items] == [
        "bygge flere sykehjemsplasser i distriktene",
        "gi fastlegene lavere lister og bedre rammer",
    ]
    assert {(s.lead_in_actor, s.modality) for s in items} == {("Kystpartiet", "vil")}
    assert "Kystpartiet vil" not in texts(doc)


# --- running headers, footers and page numbers; lead-ins across a page break


def test_running_header_footer_and_page_numbers_are_dropped_and_a_list_goes_on() -> None:
    def first(pdf: canvas.Canvas, number: int) -> None:
        furniture(pdf, number)
        lines_at(pdf, 72, 720, ["Havpartiet vil:", "• styrke kystsykehusene", "• utvide"])
        lines_at(pdf, 82, 675, ["ambulanseflyene"])

    def second(pdf: canvas.Canvas, number: int) -> None:
        furniture(pdf, number)
        lines_at(pdf, 72, 780, ["• øke antallet legevakter i distriktene"])

    doc = read(build([first, second]))
    assert texts(doc) == [
        "styrke kystsykehusene",
        "utvide ambulanseflyene",
        "øke antallet legevakter i distriktene",
    ]
    assert [(s.page, s.lead_in_actor, s.modality) for s in doc.statements] == [
        (1, "Havpartiet", "vil"),
        (1, "Havpartiet", "vil"),
        (2, "Havpartiet", "vil"),
    ]


# --- columns and spreads


LEFT = [
    "Sykehusene skal eies av staten og",
    "styres av folkevalgte politikere.",
    "Lokalsykehusene skal ha akutt-",
    "kirurgi og fødetilbud hele døgnet.",
]
RIGHT = [
    "Psykisk helsevern trenger flere",
    "døgnplasser og kortere ventetid.",
    "Kommunene skal få øremerkede",
    "midler til rusomsorg.",
]
READ_IN_ORDER = [
    "Sykehusene skal eies av staten og styres av folkevalgte politikere.",
    "Lokalsykehusene skal ha akuttkirurgi og fødetilbud hele døgnet.",
    "Psykisk helsevern trenger flere døgnplasser og kortere ventetid.",
    "Kommunene skal få øremerkede midler til rusomsorg.",
]


def test_a_title_over_two_columns_is_read_first_then_each_column() -> None:
    def page(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 780, "Helse over hele landet")
        lines_at(pdf, 72, 740, LEFT)
        lines_at(pdf, 320, 740, RIGHT)
        lines_at(pdf, 72, 640, ["Vi vil at alle skal få hjelp når de trenger det, der de bor."])

    doc = read(build([page]))
    assert texts(doc) == [
        *READ_IN_ORDER,
        "Vi vil at alle skal få hjelp når de trenger det, der de bor.",
    ]
    assert doc.statements[0].section == ("Helse over hele landet",)


def test_an_introduction_across_the_page_is_read_before_the_columns_under_it() -> None:
    """A chapter's opening paragraph runs across both columns, its last line short: its
    lines cut the page into bands, and the columns below are still found and read apart."""
    intro = [
        "Kystpartiet er et parti for folk som bor langs kysten og i distriktene, og som vil ha",
        "gode tjenester der de bor, uansett hvor langt det er til nærmeste by eller flyplass.",
        "Det er vårt løfte.",
    ]

    def page(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 780, "Helse over hele landet")
        lines_at(pdf, 72, 750, intro)
        lines_at(pdf, 72, 690, LEFT)
        lines_at(pdf, 320, 690, RIGHT)

    assert texts(read(build([page]))) == [
        "Kystpartiet er et parti for folk som bor langs kysten og i distriktene, og som vil ha "
        "gode tjenester der de bor, uansett hvor langt det er til nærmeste by eller flyplass.",
        "Det er vårt løfte.",
        *READ_IN_ORDER,
    ]


def test_a_two_page_spread_is_read_left_page_then_right_page() -> None:
    def spread(pdf: canvas.Canvas, number: int) -> None:
        lines_at(pdf, 40, 500, LEFT)
        lines_at(pdf, 460, 500, RIGHT)
        pdf.setFont("Helvetica", 7)
        pdf.drawString(40, 20, f"{2 * number} {2 * number + 1}")

    doc = read(build([spread], size=(840, 567)))
    assert texts(doc) == READ_IN_ORDER


# --- contents pages, headings


def test_a_table_of_contents_is_left_out() -> None:
    chapters = ["1 Sykehus", "2 Fastleger", "3 Psykisk helse", "4 Rus", "5 Eldre"]

    def contents(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, 780, "Innhold")
        for n, title in enumerate(chapters):
            lines_at(pdf, 72, 740 - 20 * n, [f"{title} {'.' * 60} {3 + n}"])

    def chapter(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, 780, chapters[number - 2])
        lines_at(pdf, 72, 740, [f"Partiet vil bedre tilbudet i kapittel {number - 1}."])

    doc = read(build([contents, *[chapter] * 5]))
    assert texts(doc) == [f"Partiet vil bedre tilbudet i kapittel {n}." for n in range(1, 6)]
    assert [s.title for s in doc.sections] == chapters


def test_headings_by_size_and_weight_get_levels_and_bold_lead_ins_do_not() -> None:
    def page(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, 780, "Helsepolitikk")
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 740, "Sykehus og spesialisthelsetjeneste")
        lines_at(pdf, 72, 715, ["Sykehusene må ha nok folk."])
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 680, "Partiet vil:")
        lines_at(pdf, 72, 665, ["• korte ned ventetidene"])

    doc = read(build([page]))
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Helsepolitikk", 1),
        ("Sykehus og spesialisthelsetjeneste", 2),
    ]
    assert [(s.text, s.lead_in_actor) for s in doc.statements] == [
        ("Sykehusene må ha nok folk.", None),
        ("korte ned ventetidene", "Partiet"),
    ]


# --- page ranges


def plain_page(pdf: canvas.Canvas, number: int) -> None:
    lines_at(pdf, 72, 740, [f"Dette er side {number} av planen, og den har en setning."])


def test_a_page_range_reads_only_those_pages_and_keeps_their_numbers() -> None:
    data = build([plain_page] * 6)
    doc = read(data, PageRange.parse("3-4"))
    assert [(s.page, s.text[:16]) for s in doc.statements] == [
        (3, "Dette er side 3 "),
        (4, "Dette er side 4 "),
    ]
    assert doc.pages == 6


def test_a_page_range_past_the_end_is_a_clear_error_and_a_bad_one_is_refused() -> None:
    data = build([plain_page] * 2)
    with pytest.raises(InputError, match="PDF-filen har 2 sider, så side 5 finnes ikke"):
        read(data, PageRange.parse("5-6"))
    assert [s.page for s in read(data, PageRange.parse("2-9")).statements] == [2]
    with pytest.raises(BadParameter, match="ugyldig sideutvalg"):
        PageRange.parse("sju")
    with pytest.raises(BadParameter, match="ugyldig sideutvalg"):
        PageRange.parse("5-3")


def test_a_text_file_has_no_pages_to_choose_from() -> None:
    with pytest.raises(InputError, match="ingen sider"):
        pipeline.read_bytes(b"Plan\n\nVi vil mye.\n", "plan.txt", pages=PageRange.parse("1"))


def test_a_line_number_run_into_the_text_beside_it_is_still_a_margin_number() -> None:
    lines = [
        "Kystpartiet vil ha flere jordmødre i hele landet.",
        "Ambulansebåtene skal gå hele døgnet langs kysten.",
        "Sykehjemmene skal ha nok folk på hver vakt.",
        "– og legevakta skal være nær folk i alle kommuner.",
        "Helsestasjonene skal være åpne for ungdom.",
        "Tannhelsen skal bli en del av folketrygden.",
        "Fastlegene skal få kortere lister.",
    ]

    def draw(pdf: canvas.Canvas, number: int) -> None:
        furniture(pdf, number)
        for n, line in enumerate(lines):
            y = 720 - 15 * n
            pdf.setFont("Helvetica", 11)
            if line.startswith("–"):  # the number and the dash in one run of text
                pdf.drawString(30, y, f"{301 + n} " + line)
            else:
                pdf.drawString(30, y, str(301 + n))
                pdf.drawString(90, y, line)

    doc = read(build([draw]))
    assert not any(word.isdigit() for t in texts(doc) for word in t.split())
    assert any(t.startswith("og legevakta skal være nær folk") for t in texts(doc))


# --- the outline of a whole programme: which lines are headings


def styled_chapter(title: str, body: list[str], top: float = 780) -> Page:
    """A page with a chapter heading set large and bold over lines in the body style."""

    def draw(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, top, title)
        for n, line in enumerate(body):
            indent = 18 if line.startswith("  ") else 0
            lines_at(pdf, 72 + indent, top - 40 - 15 * n, [line.strip()])

    return draw


def titles(doc: Document) -> list[str]:
    return [s.title for s in doc.sections]


def test_a_wrapped_line_in_the_body_style_is_no_heading_where_headings_have_a_style() -> None:
    body = [
        "Fjordpartiet vil:",
        "• gi tilsynene flere verktøy mot svart arbeid, blant annet",
        "  Mattilsynet, Kystverket og Fiskeridirektoratet",
        "• gjøre det lettere å melde fra om farlige arbeidsforhold",
        "• innføre en ordning med lærlingplasser i alle statlige",
        "  etater og foretak",
    ]
    pages = [styled_chapter(f"Kapittel {n}: Arbeidsliv", body) for n in (1, 2, 3)]
    doc = read(build(pages))
    assert titles(doc) == [f"Kapittel {n}: Arbeidsliv" for n in (1, 2, 3)]
    assert (
        "gi tilsynene flere verktøy mot svart arbeid, blant annet Mattilsynet, Kystverket og "
        "Fiskeridirektoratet"
    ) in texts(doc)


def test_a_short_line_of_its_own_in_the_body_style_is_text_where_headings_have_a_style() -> None:
    body = [
        "Fjordpartiet har lenge kjempet for kystsamfunnene og fjordene.",
        "Folk skal kunne bo der de vil.",
        "",
        "Med lærlingplasser i fiskeindustrien og oppdrett etter",
        "Fiskeriloven av 1990 får ungdom en grunn til å bli.",
    ]
    chapters = ["Distrikt", "Kyst", "Fjell"]
    doc = read(build([styled_chapter(title, body) for title in chapters]))
    assert titles(doc) == chapters
    assert (
        "Med lærlingplasser i fiskeindustrien og oppdrett etter Fiskeriloven av 1990 får ungdom "
        "en grunn til å bli." in texts(doc)
    )


def test_a_document_without_heading_styles_still_finds_headings_by_their_words() -> None:
    body = [
        "B1 Sykehus og fødetilbud",
        "",
        "Partiet vil at alle skal ha et sykehus i nærheten. Fødende skal få hjelp raskt.",
        "",
        "B2 Eldreomsorg",
        "",
        "Partiet vil bygge flere sykehjem i kommunene. De eldre skal få velge selv.",
    ]

    def page(pdf: canvas.Canvas, number: int) -> None:
        for n, line in enumerate(body):
            lines_at(pdf, 72, 680 - 15 * n, [line])

    doc = read(build([page, page]))
    assert titles(doc)[:2] == ["B1 Sykehus og fødetilbud", "B2 Eldreomsorg"]


def test_a_bold_bullet_item_is_no_heading() -> None:
    def page(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 780, "Energi")
        lines_at(pdf, 72, 740, ["Partiet vil:", "• bygge ut mer vannkraft i regionene"])
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 710, "• gi kommunene en større del av kraftinntektene")
        lines_at(pdf, 72, 695, ["• sikre folk en fast pris på strømmen"])

    doc = read(build([page]))
    assert titles(doc) == ["Energi"]
    assert "gi kommunene en større del av kraftinntektene" in texts(doc)
    assert {s.lead_in_actor for s in doc.statements} == {"Partiet"}


def test_a_bold_line_that_runs_on_into_the_text_below_is_no_heading() -> None:
    def page(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 780, "Skatt")
        lines_at(pdf, 72, 740, ["Skatten skal være lav for folk flest.", "Det er et løfte."])
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, 700, "MERKNAD 2 – Et mindretall i utvalget, Lund og Berg,")
        lines_at(pdf, 72, 685, ["Aas og Dahl, vil stryke setningen om formuesskatt."])

    doc = read(build([page]))
    assert titles(doc) == ["Skatt"]
    assert texts(doc)[-1] == (
        "MERKNAD 2 – Et mindretall i utvalget, Lund og Berg, Aas og Dahl, vil stryke "
        "setningen om formuesskatt."
    )


def test_numbered_headings_in_the_body_size_are_headings() -> None:
    def page(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 780, f"{number} Helse")
        lines_at(pdf, 72, 740, [f"{number}.1 Sykehus", "", "Sykehusene skal være offentlige."])
        lines_at(pdf, 72, 680, [f"{number}.2 Tannhelse", "", "Tannhelse skal bli billigere."])

    doc = read(build([page, page]))
    assert "1.1 Sykehus" in titles(doc) and "2.2 Tannhelse" in titles(doc)
    under = {s.text: s.section[-1] for s in doc.statements}
    assert under["Tannhelse skal bli billigere."] in ("1.2 Tannhelse", "2.2 Tannhelse")


def test_a_change_mark_beside_the_margin_line_numbers_keeps_them_line_numbers() -> None:
    lines = [
        "Kystpartiet vil ha flere jordmødre i hele landet.",
        "Ambulansebåtene skal gå hele døgnet langs kysten.",
        "Kystpartiet vil:",
        "• bygge nye sykehjem i alle",
        "kommuner langs kysten",
        "• gi fastlegene kortere lister",
    ]

    def draw(pdf: canvas.Canvas, number: int) -> None:
        furniture(pdf, number)
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(90, 760, "Helse")
        for n, line in enumerate(lines):
            y = 720 - 15 * n
            pdf.setFont("Helvetica", 11)
            if n == 4:
                pdf.drawString(20, y, "-")  # a mark for a changed line, left of its number
            pdf.drawString(30, y, str(501 + n))
            pdf.drawString(90 if line.startswith(("•", "Kyst", "Amb")) else 100, y, line)

    doc = read(build([draw]))
    assert titles(doc) == ["Helse"]
    assert "bygge nye sykehjem i alle kommuner langs kysten" in texts(doc)
    assert not any(word.isdigit() for t in texts(doc) for word in t.split())


def test_a_contents_spread_with_page_numbers_in_a_column_of_their_own_is_left_out() -> None:
    chapters = ["Sykehus", "Fastleger", "Psykisk helse", "Rus", "Eldre", "Tannhelse"]
    later = ["Skole", "Barnehage", "Forskning", "Kultur", "Idrett", "Frivillighet"]

    def contents(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(30, 800, "Innhold")
        for n, title in enumerate(chapters):
            lines_at(pdf, 30, 760 - 15 * n, [title], size=9)
            lines_at(pdf, 330, 760 - 15 * n, [str(2 + n)], size=9)
        for n, title in enumerate(later):
            lines_at(pdf, 400, 760 - 15 * n, [f"{title} {40 + 3 * n}"], size=9)

    def chapter(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 780, (chapters + later)[number - 2])
        lines_at(pdf, 72, 740, [f"Partiet vil gjøre mye på felt nummer {number - 1}."])

    doc = read(build([contents, *[chapter] * 12]))
    assert titles(doc) == chapters + later
    assert len(doc.statements) == 12


def test_chapter_entries_set_in_bold_under_innhold_are_no_headings() -> None:
    chapters = {
        "1. Helse": ["1.1 Sykehus", "1.2 Rus", "1.3 Eldre"],
        "2. Skole": ["2.1 Lærere", "2.2 Fag", "2.3 Skolemat"],
        "3. Kultur": ["3.1 Idrett", "3.2 Musikk", "3.3 Bibliotek"],
    }
    parts = [(chapter, part) for chapter, some in chapters.items() for part in some]

    def contents(pdf: canvas.Canvas, number: int) -> None:
        pdf.setFont("Helvetica-Bold", 24)
        pdf.drawString(72, 780, "Innhold")
        y = 740
        for chapter, some in chapters.items():
            pdf.setFont("Helvetica-Bold", 12)
            pdf.drawString(72, y, chapter)
            for part in some:
                y -= 16
                lines_at(pdf, 72, y, [f"{part} {2 + parts.index((chapter, part))}"], size=10)
            y -= 32

    def page(pdf: canvas.Canvas, number: int) -> None:
        chapter, part = parts[number - 2]
        if part.split()[0].endswith(".1"):  # a chapter's first part: its title above
            pdf.setFont("Helvetica-Bold", 24)
            pdf.drawString(72, 780, chapter)
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(72, 740, part)
        lines_at(pdf, 72, 715, [f"Partiet vil gjøre mer på side {number}."])

    doc = read(build([contents, *[page] * len(parts)]))
    assert titles(doc) == [t for c, some in chapters.items() for t in (c, *some)]

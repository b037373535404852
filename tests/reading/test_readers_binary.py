"""Readers for HTML, PDF, DOCX, PPTX and ODT: small real files built here, and hostile ones."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import docx
import pptx
import pytest
from odf import dc
from odf.opendocument import OpenDocumentText
from odf.text import H, List, ListItem, P
from pptx.util import Inches
from reportlab.pdfgen import canvas

from planatlas.errors import CorruptFile, EmptyFile, EncryptedFile, UnsafeFile
from planatlas.reading.readers import read_bytes
from planatlas.records import Block, RawDocument


def shape(raw: RawDocument) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in raw.blocks]


# --- builders -------------------------------------------------------------------------------


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Prinsipprogram for Helsepartiet"
    document.add_heading("Prinsipprogram", 0)
    document.add_heading("Sykehus", 1)
    document.add_paragraph("Helsepartiet vil:")
    document.add_paragraph("fjerne foretaksmodellen", style="List Bullet")
    document.add_paragraph("styrke lokalsykehusene", style="List Bullet 2")
    document.add_paragraph("korte ned ventetidene", style="List Number")
    document.add_paragraph("bygge flere sengeplasser", style="List Number")
    document.add_paragraph("• ansette flere jordmødre")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Mål"
    table.cell(0, 1).text = "Kortere ventetid innen 2030."
    document.add_heading("Psykisk helse", 2)
    document.add_paragraph("Alle skal få hjelp når de trenger det.")
    return _save(document)


def _save(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def make_pptx() -> bytes:
    presentation = pptx.Presentation()
    presentation.core_properties.title = "Helsepolitikk 2025"
    first = presentation.slides.add_slide(presentation.slide_layouts[0])
    first.shapes.title.text = "Helsepolitikk for alle"
    first.placeholders[1].text = "Landsmøtet 2025"
    second = presentation.slides.add_slide(presentation.slide_layouts[1])
    second.shapes.title.text = "Sykehusene"
    body = second.placeholders[1].text_frame
    body.text = "Helsepartiet vil fjerne\vforetaksmodellen"
    sub = body.add_paragraph()
    sub.text = "gi lokalsykehusene mer makt"
    sub.level = 1
    box = second.shapes.add_textbox(Inches(1), Inches(6.5), Inches(6), Inches(0.5))
    box.text_frame.text = "Kilde: eget utvalg."
    note = second.shapes.add_textbox(Inches(1), Inches(7), Inches(6), Inches(0.5)).text_frame
    note.text = "Vi vil at alle skal ha"
    note.add_paragraph().text = "en fastlege."
    second.notes_slide.notes_text_frame.text = "Husk å nevne ventelistene."
    return _save(presentation)


def make_odt() -> bytes:
    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text="Handlingsplan for helse"))
    document.text.addElement(H(outlinelevel=1, text="Handlingsplan"))
    document.text.addElement(H(outlinelevel=2, text="Primærhelsetjenesten"))
    document.text.addElement(P(text="Nettverket skal:"))
    outer = List()
    item = ListItem()
    item.addElement(P(text="rekruttere flere fastleger"))
    inner = List()
    inner_item = ListItem()
    inner_item.addElement(P(text="særlig i distriktene"))
    inner.addElement(inner_item)
    item.addElement(inner)
    outer.addElement(item)
    second = ListItem()
    second.addElement(P(text="styrke legevakten"))
    outer.addElement(second)
    document.text.addElement(outer)
    document.text.addElement(P(text="Planen gjelder fra 2025."))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def make_pdf(pages: int = 2, encrypt: str | None = None, text: bool = True) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842), encrypt=encrypt)
    pdf.setTitle("Prinsipprogram 2025")
    for number in range(1, pages + 1):
        if text:
            _pdf_page(pdf, number, pages)
        else:
            pdf.rect(100, 100, 200, 200, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _pdf_page(pdf: canvas.Canvas, number: int, pages: int) -> None:
    pdf.setFont("Helvetica", 9)
    pdf.drawString(72, 810, "Helsepartiet - prinsipprogram 2025")
    pdf.drawString(270, 30, f"Side {number} av {pages}")
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 740, f"Kapittel {number}: Sykehus")
    pdf.setFont("Helvetica", 11)
    lines = [
        (72, 700, "Helsepartiet vil at sykehusene skal eies og styres av"),
        (72, 686, "folkevalgte, og at pengene skal følge pasientene."),
        (72, 660, "Helsepartiet vil:"),
        (72, 646, "• fjerne foretaksmodellen"),
        (72, 632, "• styrke de lokale akuttsykehusene i hele"),
        (82, 618, "landet"),
    ]
    for x, y, line in lines:
        pdf.drawString(x, y, line)


def zip_with(base: bytes, replace: dict[str, bytes]) -> bytes:
    """A copy of a zipped document with some members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info, source.read(info))
        for name, data in replace.items():
            target.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_with_zeros(base: bytes, name: str, megabytes: int) -> bytes:
    """Add a member of zeros, written in chunks so the test never holds it unpacked."""
    out = io.BytesIO(base)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:  # noqa: SIM117
        with archive.open(name, "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


# --- DOCX -----------------------------------------------------------------------------------


def test_docx_headings_lists_and_table_cells() -> None:
    raw = read_bytes(make_docx(), "program.docx")
    assert raw.format == "docx"
    assert raw.title == "Prinsipprogram for Helsepartiet"
    assert shape(raw) == [
        ("heading", 1, "Prinsipprogram"),
        ("heading", 1, "Sykehus"),
        ("paragraph", 0, "Helsepartiet vil:"),
        ("item", 0, "fjerne foretaksmodellen"),
        ("item", 1, "styrke lokalsykehusene"),
        ("item", 0, "korte ned ventetidene"),
        ("item", 0, "bygge flere sengeplasser"),
        ("item", 0, "ansette flere jordmødre"),
        ("paragraph", 0, "Mål"),
        ("paragraph", 0, "Kortere ventetid innen 2030."),
        ("heading", 2, "Psykisk helse"),
        ("paragraph", 0, "Alle skal få hjelp når de trenger det."),
    ]
    markers = [b.marker for b in raw.blocks if b.kind == "item"]
    assert markers == ["•", "•", "1.", "2.", "•"]


def test_docx_named_txt_is_read_as_docx() -> None:
    assert read_bytes(make_docx(), "notat.txt").format == "docx"


def test_zip_whose_head_hides_its_kind_goes_to_the_reader_its_content_says() -> None:
    # An incompressible first member pushes every telling name past the sniffing window;
    # the .pptx name sends it to the PPTX reader, which hands it to the DOCX reader.
    padded = io.BytesIO()
    with zipfile.ZipFile(padded, "w") as target:
        target.writestr("aaa/fyll.bin", bytes(range(256)) * 64)
        with zipfile.ZipFile(io.BytesIO(make_docx())) as source:
            for info in source.infolist():
                target.writestr(info, source.read(info))
    raw = read_bytes(padded.getvalue(), "feilnavn.pptx")
    assert raw.format == "docx"
    assert raw.blocks[0] == Block("heading", "Prinsipprogram", level=1)


def test_docx_zip_bomb_is_refused_before_parsing() -> None:
    bomb = zip_with_zeros(make_docx(), "word/media/nuller.bin", 300)
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(UnsafeFile, match="pakker seg ut til over 200 MB.*zip-bombe"):
        read_bytes(bomb, "bombe.docx")


def test_docx_member_packed_too_tightly_is_refused() -> None:
    bomb = zip_with_zeros(make_docx(), "word/media/nuller.bin", 5)
    with pytest.raises(UnsafeFile, match=r"word/media/nuller\.bin.*pakket \d+ ganger"):
        read_bytes(bomb, "bombe.docx")


def test_docx_with_too_many_members_is_refused() -> None:
    out = io.BytesIO(make_docx())
    with zipfile.ZipFile(out, "a") as archive:
        for n in range(10_001):
            archive.writestr(f"word/fyll/{n}.txt", b"")
    with pytest.raises(UnsafeFile, match="over 10000 deler"):
        read_bytes(out.getvalue(), "mange.docx")


XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><a>&lol2;</a>'
)


def test_docx_with_external_entity_is_refused() -> None:
    hostile = zip_with(make_docx(), {"word/document.xml": XXE})
    with pytest.raises(UnsafeFile, match=r"DOCTYPE.*word/document\.xml"):
        read_bytes(hostile, "xxe.docx")


def test_doctype_in_utf16_is_refused_too() -> None:
    hostile = zip_with(
        make_docx(),
        {"word/document.xml": XXE.replace(b"UTF-8", b"UTF-16").decode().encode("utf-16")},
    )
    with pytest.raises(UnsafeFile, match="DOCTYPE"):
        read_bytes(hostile, "xxe.docx")


@pytest.mark.parametrize(
    ("build", "member", "name"),
    [(make_pptx, "ppt/slides/slide1.xml", "latter.pptx"), (make_odt, "content.xml", "latter.odt")],
)
def test_billion_laughs_is_refused_in_every_zipped_format(
    build: Callable[[], bytes], member: str, name: str
) -> None:
    with pytest.raises(UnsafeFile, match="ENTITY"):
        read_bytes(zip_with(build(), {member: LAUGHS}), name)


def test_truncated_docx_is_corrupt() -> None:
    data = make_docx()
    with pytest.raises(CorruptFile, match="DOCX-filen er skadet"):
        read_bytes(data[: len(data) // 2], "halv.docx")


def test_docx_with_broken_xml_is_corrupt() -> None:
    broken = zip_with(make_docx(), {"word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(CorruptFile, match=r"word/document\.xml er ikke gyldig XML"):
        read_bytes(broken, "brukket.docx")


def test_docx_missing_its_main_part_is_corrupt_not_a_traceback() -> None:
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
    with pytest.raises(CorruptFile, match="DOCX-filen er skadet eller kan ikke leses"):
        read_bytes(out.getvalue(), "uten.docx")


def test_password_protected_office_file_is_encrypted() -> None:
    container = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(EncryptedFile, match="kryptert"):
        read_bytes(container, "hemmelig.docx")


# --- PPTX -----------------------------------------------------------------------------------


def test_pptx_titles_bullets_and_text_boxes() -> None:
    raw = read_bytes(make_pptx(), "lysark.pptx")
    assert raw.format == "pptx"
    assert (raw.title, raw.pages) == ("Helsepolitikk 2025", 2)
    assert shape(raw) == [
        ("heading", 1, "Helsepolitikk for alle"),
        ("paragraph", 0, "Landsmøtet 2025"),
        ("heading", 2, "Sykehusene"),
        ("item", 0, "Helsepartiet vil fjerne foretaksmodellen"),
        ("item", 1, "gi lokalsykehusene mer makt"),
        ("paragraph", 0, "Kilde: eget utvalg."),
        ("paragraph", 0, "Vi vil at alle skal ha en fastlege."),
    ]
    assert [b.page for b in raw.blocks] == [1, 1, 2, 2, 2, 2, 2]
    assert not any("ventelistene" in b.text for b in raw.blocks)


def test_pptx_named_docx_is_read_as_pptx() -> None:
    assert read_bytes(make_pptx(), "lysark.docx").format == "pptx"


# --- ODT ------------------------------------------------------------------------------------


def test_odt_headings_paragraphs_and_nested_lists() -> None:
    raw = read_bytes(make_odt(), "plan.odt")
    assert (raw.format, raw.title) == ("odt", "Handlingsplan for helse")
    assert shape(raw) == [
        ("heading", 1, "Handlingsplan"),
        ("heading", 2, "Primærhelsetjenesten"),
        ("paragraph", 0, "Nettverket skal:"),
        ("item", 0, "rekruttere flere fastleger"),
        ("item", 1, "særlig i distriktene"),
        ("item", 0, "styrke legevakten"),
        ("paragraph", 0, "Planen gjelder fra 2025."),
    ]


def test_odt_zip_bomb_is_refused() -> None:
    bomb = zip_with_zeros(make_odt(), "Pictures/nuller.bin", 5)
    with pytest.raises(UnsafeFile, match="ODT-filen har en del"):
        read_bytes(bomb, "bombe.odt")


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_headings_bullets_and_wrapped_lines_without_running_headers() -> None:
    raw = read_bytes(make_pdf(), "program.pdf")
    assert (raw.format, raw.title, raw.pages) == ("pdf", "Prinsipprogram 2025", 2)
    page = [
        ("heading", 1, "Kapittel {n}: Sykehus"),
        (
            "paragraph",
            0,
            "Helsepartiet vil at sykehusene skal eies og styres av folkevalgte, "
            "og at pengene skal følge pasientene.",
        ),
        ("paragraph", 0, "Helsepartiet vil:"),
        ("item", 0, "fjerne foretaksmodellen"),
        ("item", 0, "styrke de lokale akuttsykehusene i hele landet"),
    ]
    expected = [(k, lvl, t.format(n=n)) for n in (1, 2) for k, lvl, t in page]
    assert shape(raw) == expected
    assert [b.page for b in raw.blocks] == [1] * 5 + [2] * 5
    assert not any("Side" in b.text or "prinsipprogram 2025" in b.text for b in raw.blocks)


LEFT = [
    "Sykehusene skal eies av staten og",
    "styres av folkevalgte politikere.",
    "Lokalsykehusene skal ha akutt-",
    "kirurgi og fødetilbud hele døgnet.",
    "Ambulansetjenesten skal styrkes i",
    "hele landet.",
]
RIGHT = [
    "Psykisk helsevern trenger flere",
    "døgnplasser og kortere ventetid.",
    "Kommunene skal få øremerkede",
    "midler til rusomsorg og flere",
    "ansatte i helsestasjonene og i",
    "skolehelsetjenesten.",
]


def test_pdf_two_columns_read_left_then_right() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 790, "Helsepolitikk i to spalter")
    pdf.setFont("Helvetica", 11)
    for n, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        pdf.drawString(72, 700 - 14 * n, left)
        pdf.drawString(310, 700 - 14 * n, right)
    pdf.save()
    assert shape(read_bytes(buffer.getvalue(), "spalter.pdf")) == [
        ("heading", 1, "Helsepolitikk i to spalter"),
        (
            "paragraph",
            0,
            "Sykehusene skal eies av staten og styres av folkevalgte politikere. "
            "Lokalsykehusene skal ha akuttkirurgi og fødetilbud hele døgnet. "
            "Ambulansetjenesten skal styrkes i hele landet.",
        ),
        (
            "paragraph",
            0,
            "Psykisk helsevern trenger flere døgnplasser og kortere ventetid. Kommunene skal "
            "få øremerkede midler til rusomsorg og flere ansatte i helsestasjonene og i "
            "skolehelsetjenesten.",
        ),
    ]


def test_pdf_named_txt_is_read_as_pdf() -> None:
    assert read_bytes(make_pdf(pages=1), "notat.txt").format == "pdf"


def test_encrypted_pdf_is_refused() -> None:
    with pytest.raises(EncryptedFile, match="PDF-filen er kryptert eller passordbeskyttet"):
        read_bytes(make_pdf(encrypt="hemmelig"), "laast.pdf")


def test_truncated_pdf_is_corrupt() -> None:
    data = make_pdf()
    with pytest.raises(CorruptFile, match="PDF-filen er avkortet"):
        read_bytes(data[: len(data) // 2], "halv.pdf")


def test_garbage_after_pdf_header_is_corrupt() -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"
    with pytest.raises(CorruptFile, match="PDF-filen er skadet"):
        read_bytes(data, "rot.pdf")


def test_pdf_without_text_layer_says_so() -> None:
    with pytest.raises(EmptyFile, match="ingen tekst .skannet bilde"):
        read_bytes(make_pdf(pages=1, text=False), "skannet.pdf")


def test_pdf_over_the_page_limit_reads_the_first_pages_and_warns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANATLAS_MAX_PAGES", "1")
    raw = read_bytes(make_pdf(pages=3), "lang.pdf")
    assert raw.pages == 3
    assert {b.page for b in raw.blocks} == {1}
    assert raw.warnings == [
        "PDF-filen har 3 sider; bare de første 1 er lest (endre med PLANATLAS_MAX_PAGES)"
    ]


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="no"><head><title>Helsepolitikk &amp; sykehus</title>
<meta property="article:published_time" content="2024-03-20T10:00:00+01:00">
<style>p { color: red }</style><script>alert(1)</script></head>
<body>
<header><a href="/">Forsiden</a></header>
<nav><ul><li>Meny</li><li>Om oss</li></ul></nav>
<main><article>
<header><h1>Helsepartiets   sykehuspolitikk</h1></header>
<p>Vi mener sykehusene skal styres av folkevalgte &ndash; ikke av foretak.</p>
<h2>Dette vil vi</h2>
<div>Helsepartiet vil:</div>
<ul><li>fjerne <a href="javascript:alert(2)">foretaksmodellen</a></li>
<li>styrke lokalsykehusene<ul><li>særlig fødetilbudet</li></ul></li></ul>
<ol><li>kortere ventetid</li><li>flere sengeplasser</li></ol>
<script>document.write("skjult tekst")</script>
</article></main>
<aside>Les også dette</aside><footer>Kontakt oss</footer>
</body></html>"""


def test_html_headings_paragraphs_and_nested_lists() -> None:
    raw = read_bytes(PAGE.encode(), "side.html")
    assert (raw.format, raw.title, raw.published) == (
        "html",
        "Helsepolitikk & sykehus",
        "2024-03-20",
    )
    assert shape(raw) == [
        ("heading", 1, "Helsepartiets sykehuspolitikk"),
        ("paragraph", 0, "Vi mener sykehusene skal styres av folkevalgte – ikke av foretak."),
        ("heading", 2, "Dette vil vi"),
        ("paragraph", 0, "Helsepartiet vil:"),
        ("item", 0, "fjerne foretaksmodellen"),
        ("item", 0, "styrke lokalsykehusene"),
        ("item", 1, "særlig fødetilbudet"),
        ("item", 0, "kortere ventetid"),
        ("item", 0, "flere sengeplasser"),
    ]
    assert [b.marker for b in raw.blocks if b.kind == "item"] == ["•", "•", "•", "1.", "2."]


def test_html_script_text_never_appears() -> None:
    data = b"<html><body><p>Trygg tekst.</p><script>alert(1)</script></body></html>"
    raw = read_bytes(data, "side.html")
    assert shape(raw) == [("paragraph", 0, "Trygg tekst.")]


def test_html_with_ten_thousand_nested_divs_is_refused_by_name() -> None:
    data = ("<html><body>" + "<div>" * 10_000 + "Dypt nede." + "</div>" * 10_000).encode()
    with pytest.raises(
        UnsafeFile, match="HTML-filen går over parserens grenser for nøsting.*Excessive depth"
    ):
        read_bytes(data, "dyp.html")


def test_html_nested_two_hundred_deep_is_read() -> None:
    data = ("<html><body>" + "<div>" * 200 + "Dypt nede." + "</div>" * 200).encode()
    assert shape(read_bytes(data, "dyp.html")) == [("paragraph", 0, "Dypt nede.")]


def test_html_hostile_markup_does_not_crash() -> None:
    data = (
        '<html><body><p title="' + "x" * 2_000_000 + '">Første avsnitt.'
        "<p>Andre avsnitt uten slutt<div><b><i>Tredje"
    ).encode()
    raw = read_bytes(data, "rot.html")
    assert "Tredje" in " ".join(b.text for b in raw.blocks)


def test_html_internal_entities_are_never_expanded() -> None:
    data = (
        b'<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<html><body><p>Trygt: &lol2;</p></body></html>"
    )
    assert shape(read_bytes(data, "latter.html")) == [("paragraph", 0, "Trygt: &lol2;")]


def test_html_with_a_large_embedded_image_is_read() -> None:
    image = "iVBORw0KGgo" * 1_200_000  # a 13 MB data URI, over libxml2's limit for one attribute
    data = f'<html><body><img src="data:image/png;base64,{image}"><p>Bildetekst.</p></body></html>'
    assert shape(read_bytes(data.encode(), "bilde.html")) == [("paragraph", 0, "Bildetekst.")]


def test_html_without_block_structure_falls_back_to_text_layout() -> None:
    data = (
        "<html><body>Helsepartiet vil:<br>• fjerne foretaksmodellen<br>"
        "• styrke fødetilbudet<br><br>Vi stiller til valg i hele landet.</body></html>"
    ).encode()
    assert shape(read_bytes(data, "enkel.html")) == [
        ("paragraph", 0, "Helsepartiet vil:"),
        ("item", 0, "fjerne foretaksmodellen"),
        ("item", 0, "styrke fødetilbudet"),
        ("paragraph", 0, "Vi stiller til valg i hele landet."),
    ]


def test_html_in_windows_1252_without_charset_is_decoded() -> None:
    data = "<html><body><p>Fødeavdelingen på Røros må bestå.</p></body></html>".encode("cp1252")
    assert read_bytes(data, "gammel.htm").blocks == [
        Block("paragraph", "Fødeavdelingen på Røros må bestå.")
    ]


def test_html_sniffed_without_doctype_from_block_tags() -> None:
    data = b"<h1>Plan</h1>\n<p>Vi vil bygge flere sykehjem.</p>\n<ul><li>i alle kommuner</li></ul>"
    assert read_bytes(data, "utdrag.txt").format == "html"


def test_publication_stamp_in_a_docx_gives_the_date() -> None:
    document = docx.Document()
    document.add_paragraph("Publisert: 5. mai 2024")
    document.add_paragraph("Helsepartiet vil ha flere fastleger.")
    assert read_bytes(_save(document), "nyhet.docx").published == "2024-05-05"

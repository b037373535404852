"""Builders of hostile and broken files for the reader tests, the fuzz seeds and the corpus.

Everything is made at test time from the small examples/ files, so no big binary is committed:
a zip bomb is a few kilobytes packed here and unpacks to gigabytes only on paper.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planatlas.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    FileTooLarge,
    PlanatlasError,
    UnknownFormat,
    UnsafeFile,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOCX = EXAMPLES / "kystpartiet-helseprogram-2025-2029.docx"
PPTX = EXAMPLES / "helse-fjordvik-utviklingsplan-lysark-2025-02-11.pptx"
ODT = EXAMPLES / "sjoheim-kommune-helse-og-omsorgsplan-2025-2028.odt"
PDF = EXAMPLES / "regjeringen-helse-og-samhandlingsplan-utdrag.pdf"
HTML = EXAMPLES / "samhandlingsdirektoratet-nyhet-helsefellesskap-2025.html"
ZIPPED = {"docx": DOCX, "pptx": PPTX, "odt": ODT}
# The part each zipped format keeps its text in.
MAIN_PART = {"docx": "word/document.xml", "pptx": "ppt/slides/slide1.xml", "odt": "content.xml"}

Mutation = Callable[[str, bytes], tuple[str, bytes]]

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
).replace("&lol0;", "&lol;")
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)


def rezip(source: bytes, mutate: Mutation, extra: dict[str, bytes] | None = None) -> bytes:
    """The archive again, each member passed through `mutate(name, data)`; `extra` added."""
    original = zipfile.ZipFile(io.BytesIO(source))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        if original.namelist()[0] == "mimetype":  # ODT: stored, first
            out.writestr(zipfile.ZipInfo("mimetype"), original.read("mimetype"), zipfile.ZIP_STORED)
        for info in original.infolist():
            if info.filename == "mimetype":
                continue
            name, data = mutate(info.filename, original.read(info))
            out.writestr(name, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return buffer.getvalue()


def with_main_part(kind: str, change: Callable[[bytes], bytes]) -> bytes:
    """The example of `kind` with its main text part changed."""
    part = MAIN_PART[kind]

    def mutate(name: str, data: bytes) -> tuple[str, bytes]:
        return name, change(data) if name == part else data

    return rezip(ZIPPED[kind].read_bytes(), mutate)


def prolog(declaration: str) -> Callable[[bytes], bytes]:
    """Put `declaration` (a DOCTYPE with entities, an XML declaration) before the root."""

    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        if text.startswith("<?xml"):
            text = text[text.index("?>") + 2 :].lstrip()
        return (declaration + text).encode("utf-8")

    return change


def with_encoding(name: str) -> Callable[[bytes], bytes]:
    """The main part declaring an encoding of this name (UTF-9 does not exist)."""
    return prolog(f'<?xml version="1.0" encoding="{name}"?>\n')


def empty_member_name(kind: str) -> bytes:
    """The example with one more member whose name is empty."""
    out = io.BytesIO(ZIPPED[kind].read_bytes())
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(zipfile.ZipInfo(""), b"x")
    return out.getvalue()


def docx_main_part_renamed(encoding: str, declaration: str) -> bytes:
    """A DOCX whose main part is `word/main.bin` (named so in the package), encoded as given,
    without a byte order mark, starting with `declaration`."""

    def mutate(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "word/document.xml":
            text = data.decode("utf-8")
            text = declaration + text[text.index("?>") + 2 :].lstrip()
            return "word/main.bin", text.encode(encoding, errors="replace")
        if name == "word/_rels/document.xml.rels":
            name = "word/_rels/main.bin.rels"
        if name in ("[Content_Types].xml", "_rels/.rels"):
            data = data.replace(b"/word/document.xml", b"/word/main.bin")
            data = data.replace(b"word/document.xml", b"word/main.bin")
        return name, data

    return rezip(DOCX.read_bytes(), mutate)


def zip_with_zeros(base: bytes, name: str, megabytes: int) -> bytes:
    """Add a member of zeros, written in chunks so the test never holds it unpacked."""
    out = io.BytesIO(base)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:  # noqa: SIM117
        with archive.open(name, "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


# --- PDF built by hand, with its objects pointing at each other in circles


def pdf_of(objects: dict[int, str], root: int = 1) -> bytes:
    """A PDF with these numbered objects (their dictionaries or streams as text) and a correct
    cross-reference table, so that only the loops in them are wrong."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n{objects[number]}\nendobj\n".encode("latin-1")
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        state = "00000 n" if number in offsets else "65535 f"
        out += f"{offsets.get(number, 0):010d} {state} \n".encode()
    out += f"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


_TEXT_STREAM = "BT /F1 12 Tf 72 720 Td (Vi vil styrke fastlegeordningen i hele landet.) Tj ET"
_FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(body: str, length: str | None = None) -> str:
    return f"<< /Length {length or len(body)} >>\nstream\n{body}\nendstream"


def pdf_page_tree_loop() -> bytes:
    """The page tree's node lists itself among its kids."""
    return pdf_of(
        {
            1: "<< /Type /Catalog /Pages 2 0 R >>",
            2: "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            4: _stream(_TEXT_STREAM),
            5: _FONT,
        }
    )


def pdf_two_node_loop() -> bytes:
    """Two page tree nodes that are each other's only kid."""
    return pdf_of(
        {
            1: "<< /Type /Catalog /Pages 2 0 R >>",
            2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        }
    )


def pdf_resource_and_outline_loops() -> bytes:
    """A readable page whose resources and outline items point back at themselves."""
    return pdf_of(
        {
            1: "<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>",
            2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources 7 0 R >>",
            4: _stream(_TEXT_STREAM),
            5: _FONT,
            6: "<< /Type /Outlines /First 8 0 R /Last 8 0 R /Count 1 >>",
            7: "<< /Font << /F1 5 0 R >> /XObject << /X1 9 0 R >> /Parent 7 0 R >>",
            8: "<< /Title (Kapittel) /Parent 6 0 R /Next 8 0 R /Prev 8 0 R /First 8 0 R >>",
            9: "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources 7 0 R "
            "/Length 8 >>\nstream\n/X1 Do Q\nendstream",
        }
    )


def pdf_length_loop() -> bytes:
    """A content stream whose /Length is an object that refers to itself."""
    return pdf_of(
        {
            1: "<< /Type /Catalog /Pages 2 0 R >>",
            2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            4: _stream(_TEXT_STREAM, length="6 0 R"),
            5: _FONT,
            6: "6 0 R",
        }
    )


# --- other zip tricks


def encrypted_member(kind: str) -> bytes:
    """The example with its main part marked as encrypted (flag bit 0), as a password-protected
    zip member is."""
    data = bytearray(ZIPPED[kind].read_bytes())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo(MAIN_PART[kind])
    data[info.header_offset + 6] |= 1  # local header: general purpose flags
    name = MAIN_PART[kind].encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + length] == name:
            data[central + 8] |= 1  # central directory: the same flags
            break
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def truncated(path: Path, keep: float = 0.6) -> bytes:
    data = path.read_bytes()
    return data[: int(len(data) * keep)]


def zip_in_disguise() -> bytes:
    """A plain zip of text files named like a DOCX."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notat.txt", "Vi vil styrke fastlegeordningen.")
    return buffer.getvalue()


def deep_xml(kind: str, depth: int = 100_000) -> bytes:
    """The main part with an element nested `depth` deep inside its root."""

    def change(data: bytes) -> bytes:
        end = data.rindex(b"</")
        return data[:end] + b"<x>" * depth + b"</x>" * depth + data[end:]

    return with_main_part(kind, change)


def xinclude(kind: str) -> bytes:
    """The main part asking for /etc/passwd through XInclude (never processed)."""

    def change(data: bytes) -> bytes:
        end = data.rindex(b"</")
        include = (
            b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"'
            b' parse="text"/>'
        )
        return data[:end] + include + data[end:]

    return with_main_part(kind, change)


def huge_counts(kind: str, digits: int = 5000) -> bytes:
    """The page count (DOCX, ODT) and list or outline levels claiming a number of `digits`."""
    import re

    big = b"9" * digits

    def mutate(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "docProps/app.xml":
            data = re.sub(rb"<Pages>\d+</Pages>", b"<Pages>" + big + b"</Pages>", data)
        elif name == "meta.xml":
            statistic = b'<meta:document-statistic meta:page-count="' + big + b'"/>'
            data = re.sub(rb"<meta:document-statistic[^>]*/>", b"", data)
            data = data.replace(b"</office:meta>", statistic + b"</office:meta>")
        elif name in ("word/document.xml", "content.xml"):
            data = re.sub(rb'w:ilvl w:val="\d+"', b'w:ilvl w:val="' + big + b'"', data)
            data = re.sub(rb'text:outline-level="\d+"', b'text:outline-level="' + big + b'"', data)
        return name, data

    return rezip(ZIPPED[kind].read_bytes(), mutate)


# --- HTML

HTML_PAGE = "<html><head><title>Plan</title></head><body>{}</body></html>"


def html_deep(depth: int = 100_000) -> bytes:
    return ("<html><body>" + "<div>" * depth + "Vi vil styrke fastlegeordningen.").encode()


def html_with_prolog(declaration: str) -> bytes:
    body = "<p>Vi vil styrke fastlegeordningen &xxe;&lol9; i hele landet.</p>"
    return (declaration + HTML_PAGE.format(body)).encode()


# --- the corpus: every file, its name, and what reading it must give


@dataclass(frozen=True)
class Case:
    """One nasty file: `expected` is the planatlas error it must raise, or None when it must be
    read (to a document that shows none of `never`)."""

    name: str
    build: Callable[[], bytes]
    expected: type[PlanatlasError] | None
    match: str = ""
    never: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()  # settings lowered so that a bomb stays small


PASSWD = ("root:", "/bin/", "nologin")
LAUGHS = ("lollollol",)
SMALL_UNZIP = (("PLANATLAS_MAX_UNZIPPED_MB", "2"),)
TEXT = b"Vi vil styrke fastlegeordningen i hele landet.\n"


def _zipped_cases(kind: str) -> list[Case]:
    main = MAIN_PART[kind]
    return [
        Case(f"bombe-total.{kind}", lambda: zip_with_zeros(ZIPPED[kind].read_bytes(),
             "media/nuller.bin", 3), UnsafeFile, "pakker seg ut til over 2 MB", env=SMALL_UNZIP),
        Case(f"bombe-tett.{kind}", lambda: zip_with_zeros(ZIPPED[kind].read_bytes(),
             "media/nuller.bin", 5), UnsafeFile, r"pakket \d+ ganger"),
        Case(f"milliard-latter.{kind}", lambda: with_main_part(kind, prolog(BILLION_LAUGHS)),
             UnsafeFile, f"ENTITY-erklæring i {main}"),
        Case(f"ekstern-entitet.{kind}", lambda: with_main_part(kind, prolog(EXTERNAL_ENTITY)),
             UnsafeFile, f"ENTITY-erklæring i {main}"),
        Case(f"parameter-entitet.{kind}", lambda: with_main_part(kind, prolog(
             '<!DOCTYPE x [<!ENTITY % ekstern SYSTEM "http://127.0.0.1:9/x.dtd"> %ekstern;]>\n')),
             UnsafeFile, "DOCTYPE"),
        Case(f"xinclude.{kind}", lambda: xinclude(kind), None, never=PASSWD),
        Case(f"dyp-xml.{kind}", lambda: deep_xml(kind), CorruptFile),
        Case(f"tomt-navn.{kind}", lambda: empty_member_name(kind), CorruptFile, "mangler navn"),
        Case(f"utf-9.{kind}", lambda: with_main_part(kind, with_encoding("UTF-9")), CorruptFile,
             "tegnkoding"),
        Case(f"utf-7.{kind}", lambda: with_main_part(kind, with_encoding("UTF-7")), CorruptFile,
             "tegnkoding"),
        Case(f"shift-jis.{kind}", lambda: with_main_part(kind, with_encoding("Shift_JIS")),
             CorruptFile, "tegnkoding"),
        Case(f"kryptert-del.{kind}", lambda: encrypted_member(kind), EncryptedFile),
        Case(f"avkortet.{kind}", lambda: truncated(ZIPPED[kind]), CorruptFile),
    ]  # fmt: skip


CASES: list[Case] = [
    *_zipped_cases("docx"),
    *_zipped_cases("pptx"),
    *_zipped_cases("odt"),
    Case("utf16be-uten-bom.docx", lambda: docx_main_part_renamed(
         "utf-16-be", '<!DOCTYPE w:document [<!ENTITY a "b">]>'), UnsafeFile, "word/main.bin"),
    Case("utf16le-uten-bom.docx", lambda: docx_main_part_renamed(
         "utf-16-le", '<!DOCTYPE w:document [<!ENTITY a "b">]>'), UnsafeFile, "word/main.bin"),
    Case("utf32.docx", lambda: docx_main_part_renamed(
         "utf-32-be", '<!DOCTYPE w:document [<!ENTITY a "b">]>'), CorruptFile, "word/main.bin"),
    Case("bare-zip.docx", zip_in_disguise, UnknownFormat, "verken er DOCX, PPTX eller ODT"),
    Case("gammel.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), UnknownFormat,
         "gamle"),
    Case("sidetall-5000-sifre.docx", lambda: huge_counts("docx"), None),
    Case("sidetall-5000-sifre.odt", lambda: huge_counts("odt"), None),
    Case("liste-start-5000-sifre.html", lambda: HTML_PAGE.format(
         f'<ol start="{"9" * 5000}"><li>Vi vil styrke fastlegeordningen.</li></ol>').encode(),
         None),
    Case("milliard-latter.html", lambda: html_with_prolog(BILLION_LAUGHS), None, never=LAUGHS),
    Case("ekstern-entitet.html", lambda: html_with_prolog(EXTERNAL_ENTITY), None, never=PASSWD),
    Case("dyp-100k.html", html_deep, UnsafeFile, "nøsting"),
    Case("utf-7.html", lambda: (
         b'<html><head><meta charset="utf-7"></head><body><p>+ADw-script+AD4-alert(1)'
         b"+ADw-/script+AD4-Vi vil styrke fastlegeordningen.</p></body></html>"), None,
         never=("alert(1)",)),
    Case("ukjent-tegnsett.html", lambda: (
         '<html><head><meta charset="utf-9"></head><body><p>Vi vil ha flere '
         "jordmødre.</p></body></html>").encode(), None),
    Case("side-løkke.pdf", pdf_page_tree_loop, CorruptFile),
    Case("to-noder-løkke.pdf", pdf_two_node_loop, CorruptFile),
    Case("ressurs-og-disposisjon-løkke.pdf", pdf_resource_and_outline_loops, None),
    Case("lengde-løkke.pdf", pdf_length_loop, None),
    Case("avkortet.pdf", lambda: truncated(PDF), CorruptFile, "avkortet"),
    Case("bare-hode.pdf", lambda: b"%PDF-1.7\n%%EOF\n", CorruptFile),
    Case("null-byte.txt", lambda: b"", EmptyFile, "tom"),
    Case("bare-mellomrom.txt", lambda: b" \n\t\r\n  ", EmptyFile, "tom"),
    Case("bare-nul.txt", lambda: b"\x00" * 4096, UnknownFormat, "ukjent filtype"),
    Case("styretegn.txt", lambda: bytes(range(1, 32)) * 50, UnknownFormat),
    Case("utf8-bom-ugyldig.txt", lambda: b"\xef\xbb\xbf" + TEXT + b"\xff\xfe", CorruptFile,
         "merket UTF-8"),
    Case("utf16-bom-avkuttet.txt", lambda: "\ufeffVi vil".encode("utf-16-le") + b"\xd8",
         CorruptFile, "UTF-16"),
    Case("utf16-med-bom.txt", lambda: ("\ufeff" + TEXT.decode()).encode("utf-16-le"), None),
    Case("windows-1252.txt", lambda: "Vi vil bygge flere sykehjem i Bodø og Ålesund.".encode(
         "cp1252"), None),
    Case("for-stor.txt", lambda: TEXT * 30_000, FileTooLarge, "over grensen på 1 MB",
         env=(("PLANATLAS_MAX_FILE_MB", "1"),)),
    Case("$(touch pwned); `id` | rm -rf ~.txt", lambda: TEXT + b"Fil 0.", None),
    Case("[bold]fet[/bold] [/b] [link=file:///etc/passwd].md", lambda: TEXT + b"Fil 1.", None),
    Case("'; DROP TABLE documents; --.txt", lambda: TEXT + b"Fil 2.", None),
    Case("plan..%2f..%2fetc%2fpasswd.txt", lambda: TEXT + b"Fil 3.", None),
    Case("<script>alert(1)</script>.html", lambda: HTML_PAGE.format(
         "<p>Vi vil styrke fastlegeordningen.</p><script>alert(1)</script>").encode(), None,
         never=("alert(1)",)),
]  # fmt: skip


def write_corpus(folder: Path) -> list[Path]:
    """Write every case (bombs included, at their small sizes) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in CASES:
        path = folder / case.name.replace("/", "∕")
        path.write_bytes(case.build())
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    for path in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "nasty-corpus")):
        print(path)

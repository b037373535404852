"""Builders of hostile and broken files for the reader tests, the fuzz seeds and the corpus.

Everything is made at test time from the small examples/ files, so no big binary is committed:
a zip bomb is a few kilobytes packed here and unpacks to gigabytes only on paper.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

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
EXTERNAL_ENTITY = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def rezip(source: bytes, mutate: Mutation, extra: dict[str, bytes] | None = None) -> bytes:
    """The archive again, each member passed through `mutate(name, data)`; `extra` added."""
    original = zipfile.ZipFile(io.BytesIO(source))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        if original.namelist()[0] == "mimetype":  # ODT: stored, first
            out.writestr(
                zipfile.ZipInfo("mimetype"), original.read("mimetype"), zipfile.ZIP_STORED
            )
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

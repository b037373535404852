"""PDF: text from pdfium (pdftext.py), laid out into lines (pagelayout.py), then the layout
rules every format with lines goes through (layout.py).

pdfium reads the file once; only the pages asked for (`--pages 22-27`, and at most
PLANATLAS_MAX_PAGES of them) are laid out. A file that needs a password to open, is cut off
or broken, or has no text layer gets a clear error; one with only an owner password reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pypdfium2 as pdfium

from planatlas import settings
from planatlas.errors import CorruptFile, EmptyFile, EncryptedFile, InputError
from planatlas.reading import glyphs, layout, pagelayout, pdftext
from planatlas.reading.readers import common
from planatlas.records import PageRange, RawDocument

_PASSWORD_ERROR = 4  # pdfium's FPDF_ERR_PASSWORD
_FILE_TITLE = (".docx", ".doc", ".pdf", ".indd", ".pptx", ".ppt")
_TOOL_TITLE = ("microsoft word", "microsoft powerpoint", "untitled")


class PdfReader:
    name = "pdf"
    reads_pages = True  # read() takes a page range

    def sniff(self, head: bytes, path: str) -> bool:
        # Readers of PDF accept the header anywhere in the first kilobyte.
        return b"%PDF-" in head[:1024]

    def read(self, data: bytes, source: str, pages: PageRange | None = None) -> RawDocument:
        _check_complete(data)
        with common.parser_errors("PDF"), _opened(data) as pdf:
            total = len(pdf)
            numbers, warnings = _selected(total, pages)
            texts = pdftext.read_pages(pdf, data, numbers)
            title = _title(pdf.get_metadata_dict(skip_empty=True).get("Title"))
        lines = pagelayout.lines_of(texts)
        if not any(line.text.strip() for line in lines):
            raise EmptyFile("PDF-filen har ingen tekst (skannet bilde?)")
        found = glyphs.repairs(line.text for line in lines)
        if found:
            lines = [_repaired(line, found) for line in lines]
        blocks = layout.blocks_from_lines(lines)
        return RawDocument(
            source, self.name, blocks, title, total, common.stamped(blocks), warnings
        )


def _check_complete(data: bytes) -> None:
    """A PDF ends with %%EOF: without it the file was cut off and pages may be missing."""
    if b"%%EOF" not in data.rstrip(b"\x00\r\n\t ")[-1024:]:
        raise CorruptFile("PDF-filen er avkortet eller skadet (slutten av filen mangler)")


@contextmanager
def _opened(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """The document; a password it needs is an encrypted file, not a broken one."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD_ERROR:
            raise EncryptedFile("PDF-filen er kryptert eller passordbeskyttet") from error
        raise
    try:
        yield pdf
    finally:
        pdf.close()


def _selected(total: int, pages: PageRange | None) -> tuple[list[int], list[str]]:
    """The page numbers to read, and what the reader should be told about the choice."""
    first, last = (pages.first, min(pages.last or total, total)) if pages else (1, total)
    if first > total:
        raise InputError(f"PDF-filen har {total} sider, så side {first} finnes ikke")
    warnings = []
    if pages is not None and pages.last is not None and pages.last > total:
        warnings.append(f"PDF-filen har bare {total} sider; leste side {first}–{total}")
    limit = int(settings.get("max_pages"))
    if last - first + 1 > limit:
        warnings.append(
            f"PDF-filen har {total} sider; bare de første {limit} er lest "
            "(endre med PLANATLAS_MAX_PAGES)"
        )
        last = first + limit - 1
    return list(range(first, last + 1)), warnings


def _title(value: object) -> str | None:
    """The Title entry, unless it is only the name of the file the PDF was made from."""
    title = common.fold(str(value)) if value else ""
    lowered = title.lower()
    if not title or lowered.endswith(_FILE_TITLE) or lowered.startswith(_TOOL_TITLE):
        return None
    return title


def _repaired(line: layout.Line, found: dict[str, str]) -> layout.Line:
    return replace(line, text=glyphs.repaired(line.text, found))

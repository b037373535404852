"""Plain text: UTF-8, UTF-16 with a byte order mark, or Windows-1252/Latin-1 with æøå."""

from __future__ import annotations

from planatlas.errors import CorruptFile, UnknownFormat
from planatlas.reading import layout
from planatlas.reading.boilerplate import publication_date
from planatlas.records import RawDocument

# Bytes that never occur in text: NUL and most C0 controls.
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes) -> str:
    """Decode text bytes; refuse binary content rather than guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict")
        except UnicodeDecodeError as error:
            raise CorruptFile(
                f"teksten er merket UTF-8, men byte {error.start + 3} er ikke gyldig UTF-8"
            ) from error
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise CorruptFile("teksten er merket UTF-16, men kan ikke leses som det") from error
    if looks_binary(data):
        raise UnknownFormat("filen ser ut som binærdata, ikke tekst")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Norwegian text from older Windows tools is cp1252 (a superset of Latin-1
    # for printable characters); charset-normalizer picks between the legacy encodings.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "cp865"]).best()
    if best is None:
        raise CorruptFile("kan ikke finne tegnkodingen (prøvde UTF-8, Windows-1252 og Latin-1)")
    return str(best)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters; UTF-16 behind its byte order mark is judged by
    its characters, not its bytes (every other byte of Norwegian UTF-16 is a NUL)."""
    if data.startswith(_UTF16_BOMS):
        # The sample may cut a character in two; UTF-32 (FF FE 00 00) decodes to NULs here.
        codes = [ord(c) for c in data[:4096].decode("utf-16", errors="ignore")]
    else:
        codes = list(data[:4096])
    if 0 in codes:
        return True
    controls = sum(1 for c in codes if c in _CONTROL)
    return controls > max(2, len(codes) // 100)


class TextReader:
    name = "text"

    def sniff(self, head: bytes, path: str) -> bool:
        return not looks_binary(head)

    def read(self, data: bytes, source: str) -> RawDocument:
        text = decode_text(data)
        blocks = layout.blocks_from_text(text)
        published = publication_date(text)
        return RawDocument(source, self.name, blocks, published=published)

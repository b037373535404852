"""Plain text: UTF-8, UTF-16 with a byte order mark, or Windows-1252/Latin-1 with æøå."""

from __future__ import annotations

from planatlas.errors import CorruptFile, UnknownFormat
from planatlas.reading import layout
from planatlas.reading.boilerplate import publication_date
from planatlas.records import RawDocument

# Bytes that never occur in text: NUL and most C0 controls.
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}


def decode_text(data: bytes) -> str:
    """Decode text bytes; refuse binary content rather than guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
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
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


class TextReader:
    name = "text"

    def sniff(self, head: bytes, path: str) -> bool:
        return not looks_binary(head)

    def read(self, data: bytes, source: str) -> RawDocument:
        text = decode_text(data)
        blocks = layout.blocks_from_text(text)
        published = publication_date(text)
        return RawDocument(source, self.name, blocks, published=published)

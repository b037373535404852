"""Plain text and Markdown in UTF-16 behind a byte order mark are read, not refused as binary."""

from __future__ import annotations

import pytest

from planatlas.errors import UnknownFormat
from planatlas.reading.readers import read_bytes

TEXT = "Sykehus\n\nVi vil styrke fastlegeordningen i hele landet. Ventetidene skal ned.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(("name", "fmt"), [("plan.txt", "text"), ("plan.md", "markdown")])
def test_utf16_with_a_bom_is_read_as_text(encoding: str, name: str, fmt: str) -> None:
    bom = "" if encoding == "utf-16" else "\ufeff"  # plain "utf-16" writes its own
    data = (bom + TEXT).encode(encoding)
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    raw = read_bytes(data, name)
    assert raw.format == fmt
    assert "fastlegeordningen" in " ".join(b.text for b in raw.blocks)
    assert "Ventetidene skal ned." in raw.blocks[-1].text


def test_utf16_of_binary_content_is_still_binary() -> None:
    data = ("\ufeff" + "".join(map(chr, range(1, 32))) * 40).encode("utf-16-le")
    with pytest.raises(UnknownFormat, match="binærdata|ukjent filtype"):
        read_bytes(data, "data.txt")


def test_utf16_without_a_bom_is_refused_as_binary() -> None:
    # Without its mark UTF-16 cannot be told from binary data, so it is not guessed at.
    with pytest.raises(UnknownFormat):
        read_bytes(TEXT.encode("utf-16-le"), "plan.txt")

"""Rows of issue 12 on the reading side: whatever the bytes, a reader raises only planatlas's
own errors, and the XML check sees every part a package may parse, whatever it is called."""

from __future__ import annotations

import nasty_files as nasty
import pytest

from planatlas.errors import CorruptFile, UnsafeFile
from planatlas.reading.readers import read_bytes

KINDS = sorted(nasty.ZIPPED)


@pytest.mark.parametrize("kind", KINDS)
def test_member_with_an_empty_name_is_a_corrupt_file(kind: str) -> None:
    with pytest.raises(CorruptFile, match="mangler navn"):
        read_bytes(nasty.empty_member_name(kind), f"tomt-navn.{kind}")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("encoding", ["UTF-9", "UTF-7", "Shift_JIS", "UTF-32"])
def test_main_part_in_an_encoding_expat_cannot_read_is_corrupt(kind: str, encoding: str) -> None:
    hostile = nasty.with_main_part(kind, nasty.with_encoding(encoding))
    with pytest.raises(CorruptFile, match=f"{nasty.MAIN_PART[kind]} har en tegnkoding"):
        read_bytes(hostile, f"koding.{kind}")


def test_renamed_main_part_is_still_read() -> None:
    # The builder of the hostile files below makes a DOCX that reads when nothing is wrong.
    raw = read_bytes(nasty.docx_main_part_renamed("utf-8", ""), "omdøpt.docx")
    assert raw.format == "docx"
    assert len(raw.blocks) > 10


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_doctype_in_utf16_without_bom_under_another_name_is_refused(encoding: str) -> None:
    hostile = nasty.docx_main_part_renamed(encoding, '<!DOCTYPE w:document [<!ENTITY a "b">]>')
    with pytest.raises(UnsafeFile, match=r"DOCTYPE.*word/main\.bin"):
        read_bytes(hostile, "utf16.docx")


@pytest.mark.parametrize("encoding", ["utf-32-be", "utf-32-le"])
def test_main_part_in_utf32_is_never_parsed_unchecked(encoding: str) -> None:
    # lxml reads UTF-32 that expat cannot check: such a part is refused, not passed on.
    hostile = nasty.docx_main_part_renamed(encoding, '<!DOCTYPE w:document [<!ENTITY a "b">]>')
    with pytest.raises(CorruptFile, match=r"word/main\.bin er ikke gyldig XML"):
        read_bytes(hostile, "utf32.docx")


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_page_count_of_5000_digits_is_capped_not_a_crash(kind: str) -> None:
    data = nasty.huge_counts(kind)
    assert b"9" * 5000 in zipfile_members(data)
    raw = read_bytes(data, f"sider.{kind}")
    assert raw.pages == 100_000
    assert all(b.level <= 10 for b in raw.blocks)


def zipfile_members(data: bytes) -> bytes:
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(data))
    return b"".join(archive.read(name) for name in archive.namelist())

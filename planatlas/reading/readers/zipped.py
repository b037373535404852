"""Safe opening of the zipped formats (DOCX, PPTX, ODT).

python-docx, python-pptx and lxml trust what they unpack. The checks here run before any
of them sees a file, so a zip bomb or an XML entity attack stops with a clear message:

1. the archive opens as a zip at all (else CorruptFile);
2. not too many members, not too much unpacked in total, no member packed too tightly;
3. no XML member declares a DOCTYPE or an ENTITY (external entities, "billion laughs").

Sniffing: the registry hands a reader only the first 8 KiB. A zip's member names sit in the
local file headers, and the formats put their telling members first (ODT's `mimetype` must
be first), so the names seen within those 8 KiB decide. When none of them tells, the file
extension is the hint, and `read` checks the central directory and hands the file to the
reader the content belongs to.
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import NoReturn
from xml.parsers import expat

from planatlas import settings
from planatlas.errors import CorruptFile, EncryptedFile, UnknownFormat, UnsafeFile
from planatlas.records import RawDocument

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE container: old .doc/.ppt, encrypted OOXML
ODT_MIME = b"application/vnd.oasis.opendocument.text"
MAX_MEMBERS = 10_000
# Small parts (a style sheet of repeated tags) compress very well without being bombs.
RATIO_FLOOR = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, fixed fields, name length, extra length
_XML_NAMES = (".xml", ".rels", ".vml", ".svg")
# How an XML part may begin once leading whitespace and NUL bytes (UTF-16/32 without a byte
# order mark) are stripped: "<", a byte order mark, or "<?xm" in EBCDIC (libxml2 reads that).
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x4c\x6f\xa7\x94")
_LEADING = b" \t\r\n\x00"


def member_names(head: bytes) -> list[str]:
    """Names of the members whose local file headers lie within `head`."""
    names: list[str] = []
    start = head.find(ZIP_MAGIC)
    while start != -1 and start + _LOCAL_HEADER.size <= len(head):
        _, name_length, _ = _LOCAL_HEADER.unpack_from(head, start)
        name = head[start + _LOCAL_HEADER.size : start + _LOCAL_HEADER.size + name_length]
        names.append(name.decode("utf-8", errors="replace"))
        start = head.find(ZIP_MAGIC, start + 4)
    return names


def kind_in_head(head: bytes) -> str | None:
    """docx, pptx or odt from the member names in the first bytes; None when they do not tell."""
    if not head.startswith(ZIP_MAGIC):
        return None
    names = member_names(head)
    if names[:1] == ["mimetype"]:
        _, name_length, extra_length = _LOCAL_HEADER.unpack_from(head, 0)
        body = head[_LOCAL_HEADER.size + name_length + extra_length :]
        return "odt" if body.startswith(ODT_MIME) else None
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return None


def sniff_zip(head: bytes, path: str, kind: str, extensions: tuple[str, ...]) -> bool:
    """The content says `kind`, or says nothing and the extension hints it (read() verifies)."""
    if not head.startswith(ZIP_MAGIC):
        return False
    seen = kind_in_head(head)
    return seen == kind or (seen is None and path.lower().endswith(extensions))


def open_safely(data: bytes, label: str) -> zipfile.ZipFile:
    """Open a zipped document after the bomb and entity checks; raise before parsing anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as error:  # noqa: BLE001 - zipfile raises several kinds on broken input
        raise CorruptFile(f"{label}-filen er skadet: ikke en gyldig zip-fil ({error})") from error
    check_sizes(infos, label)
    for info in infos:
        check_member_xml(archive, info, label)
    return archive


def check_sizes(infos: list[zipfile.ZipInfo], label: str) -> None:
    """Refuse archives that would unpack to too much: the sizes the directory declares bind,
    since zipfile never returns more than a member's declared size."""
    if len(infos) > MAX_MEMBERS:
        raise UnsafeFile(f"{label}-filen har over {MAX_MEMBERS} deler (mulig zip-bombe)")
    limit_mb = int(settings.get("max_unzipped_mb"))
    if sum(info.file_size for info in infos) > limit_mb * 1024 * 1024:
        raise UnsafeFile(
            f"{label}-filen pakker seg ut til over {limit_mb} MB (mulig zip-bombe; "
            "endre med PLANATLAS_MAX_UNZIPPED_MB)"
        )
    max_ratio = float(settings.get("max_zip_ratio"))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > max_ratio:
            raise UnsafeFile(
                f"{label}-filen har en del ({info.filename}) som er pakket {ratio:.0f} ganger "
                f"sammen, over grensen på {max_ratio:.0f} (mulig zip-bombe)"
            )


def check_member_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> None:
    """Refuse an XML member that declares a DOCTYPE or ENTITY: Office and ODF never need one.
    A member is checked when its name or its first bytes say XML, whatever it is called, since
    the packages find their parts through their own lists, not by name."""
    if not info.filename:
        raise CorruptFile(f"{label}-filen er skadet: en del i zip-filen mangler navn")
    if info.filename.endswith("/"):  # a folder
        return
    data = _read_member(archive, info, label)
    if not (info.filename.lower().endswith(_XML_NAMES) or _starts_like_xml(data)):
        return
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    try:
        parser.Parse(data, True)
    except _Declaration as error:
        raise UnsafeFile(
            f"{label}-filen har en DOCTYPE- eller ENTITY-erklæring i {info.filename} "
            "(mulig XML-angrep med eksterne entiteter); slike filer leses ikke"
        ) from error
    except expat.ExpatError as error:
        raise CorruptFile(
            f"{label}-filen er skadet: {info.filename} er ikke gyldig XML ({error})"
        ) from error
    except (LookupError, ValueError) as error:  # an encoding unknown, or one expat cannot read
        raise CorruptFile(
            f"{label}-filen er skadet: {info.filename} har en tegnkoding som ikke kan leses "
            f"({error})"
        ) from error


def _starts_like_xml(data: bytes) -> bool:
    return data[:4096].lstrip(_LEADING).startswith(_XML_STARTS)


class _Declaration(Exception):
    """A DOCTYPE or ENTITY declaration turned up while checking an XML member."""


def _refuse(*_args: object) -> NoReturn:
    raise _Declaration


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    try:
        return archive.read(info)
    except RuntimeError as error:  # zipfile's word for a password-protected member
        raise EncryptedFile(f"{label}-filen er kryptert eller passordbeskyttet") from error
    except Exception as error:  # noqa: BLE001 - bad CRC, unknown compression, truncation
        raise CorruptFile(
            f"{label}-filen er skadet: kan ikke pakke ut {info.filename} ({error})"
        ) from error


def kind_of(archive: zipfile.ZipFile) -> str | None:
    """docx, pptx or odt from the archive's central directory."""
    names = set(archive.namelist())
    if "mimetype" in names:
        return "odt" if archive.read("mimetype").strip().startswith(ODT_MIME) else None
    if "[Content_Types].xml" not in names:
        return None
    if "ppt/presentation.xml" in names:
        return "pptx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    return None


def reroute(data: bytes, source: str, kind: str | None, label: str) -> RawDocument:
    """Read a file the extension sent to the wrong zipped reader with the right one."""
    from planatlas.reading.readers import readers

    for reader in readers():
        if kind is not None and reader.name == kind:
            return reader.read(data, source)
    raise UnknownFormat(
        f"filen heter {label}, men er en zip-fil som verken er DOCX, PPTX eller ODT"
    )


def sniff_container(head: bytes, path: str, extensions: tuple[str, ...]) -> bool:
    """An OLE container with this reader's extensions: read() explains why it cannot be read."""
    return head.startswith(CFB_MAGIC) and path.lower().endswith(extensions)


def refuse_container(data: bytes, label: str, legacy: str) -> NoReturn:
    """An OLE container named like OOXML: a password-protected file or an old binary one."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFile(f"{label}-filen er kryptert eller passordbeskyttet")
    raise UnknownFormat(
        f"filen er i det gamle {legacy}-formatet; lagre den som {label} og prøv igjen"
    )

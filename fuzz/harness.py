"""What every fuzz harness shares: one reader, bytes in, and only planatlas's own errors out.

    python fuzz/fuzz_docx.py CORPUS_DIR [libFuzzer flags]    (or: make fuzz, fuzz/run.py)

Any other exception is a finding. It does not stop the run: the input is kept under
.fuzz/findings/<reader>/, one file per place it was raised (type, file and line), so one run
counts every distinct crash site. A hang (-timeout) or a blow-up in memory (-rss_limit_mb)
stops libFuzzer, which keeps the input as its own artifact. Kept findings go to
tests/reading/fuzz_regressions/<reader>/, where a test reads each one for ever after.

The zipped formats get a mutator that knows zips: it changes a member's bytes or name and
packs the archive again, so the fuzzer gets past the CRC checks to the XML and the parsers.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sys
import traceback
import zipfile
from pathlib import Path
from typing import Any

import atheris

ROOT = Path(__file__).resolve().parents[1]
FINDINGS = Path(os.environ.get("PLANATLAS_FUZZ_FINDINGS", ROOT / ".fuzz" / "findings"))
ZIPPED = {"docx", "pptx", "odt"}
EXTENSION = {"text": "txt", "markdown": "md", "any": "bin"}
# Third-party Python the readers call: instrumented too, so coverage guides the fuzzer there.
INSTRUMENTED = ["planatlas", "docx", "pptx", "odf", "zipfile", "charset_normalizer"]

_seen: set[str] = set()


def reader_for(name: str) -> Any:
    """The registered reader of this name; "any" sniffs like ingest does."""
    with atheris.instrument_imports(include=INSTRUMENTED):
        from planatlas.errors import PlanatlasError
        from planatlas.reading import readers

        readers.readers()  # load and instrument every reader now, not on the first input
    if name == "any":
        return PlanatlasError, lambda data, source: readers.read_bytes(data, source)
    reader = next(r for r in readers.readers() if r.name == name)
    return PlanatlasError, reader.read


def site(error: BaseException) -> str:
    """Where an exception was raised: its type, and the innermost frame in planatlas (or the
    innermost of all when none is ours), so the same bug found twice counts once."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/planatlas/" in f.filename]
    frame = (ours or frames)[-1] if frames else None
    where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
    return f"{type(error).__name__}@{where}"


def keep(reader: str, data: bytes, error: BaseException) -> None:
    key = site(error)
    if key in _seen:
        return
    _seen.add(key)
    folder = FINDINGS / reader
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    name = key.replace("@", "-").replace(":", "-")
    (folder / f"{name}-{digest}.bin").write_bytes(data)
    sys.stderr.write(f"\n== finding {key}\n{''.join(traceback.format_exception(error))[-2000:]}\n")


def zip_mutator(data: bytes, max_size: int, seed: int) -> bytes:
    """Change one member of a zip (its bytes, or its name), or the raw bytes now and then."""
    rng = random.Random(seed)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [(info, archive.read(info)) for info in archive.infolist()]
    except Exception:  # noqa: BLE001 - not a zip (any more): mutate it as bytes
        members = []
    if not members or rng.random() < 0.1:
        return bytes(atheris.Mutate(data, max_size))
    index = rng.randrange(len(members))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for n, (info, member) in enumerate(members):
            name = info.filename
            if n == index:
                if rng.random() < 0.15:
                    mutated = atheris.Mutate(name.encode("utf-8", "replace"), 64)
                    name = bytes(mutated).decode("utf-8", "replace")
                else:
                    member = bytes(atheris.Mutate(member, max(len(member) * 2, 64)))
            out.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), member)
    packed = buffer.getvalue()
    return packed if len(packed) <= max_size else bytes(atheris.Mutate(data, max_size))


def main(reader: str) -> None:
    project_error, read = reader_for(reader)
    source = f"fuzz.{EXTENSION.get(reader, reader)}"

    def one_input(data: bytes) -> None:
        try:
            read(data, source)
        except project_error:
            pass
        except Exception as error:  # noqa: BLE001 - the finding this harness looks for
            keep(reader, data, error)

    mutator = zip_mutator if reader in ZIPPED else None
    atheris.Setup(sys.argv, one_input, custom_mutator=mutator)
    atheris.Fuzz()

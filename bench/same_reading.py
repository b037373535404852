"""Whether this checkout reads the programme PDFs exactly as another revision does.

Run: .venv/bin/python bench/same_reading.py [--against main] [--pdfs DIR]

For a change meant to make reading faster without changing what it reads. The other revision
is unpacked (git archive) into a temporary folder and both read every PDF in a process of
their own; then each document's sections and statements (text, page, lines, section, lead-in,
modality, form, ...) and the reader's blocks (with where each word came from) are compared.
Prints each difference and exits 1 where there is one. DIR: ../shared/corpus/programmes/pdf.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "corpus" / "programmes" / "pdf"
SHOWN = 30  # differences printed at the most


def dump(folder: Path, out: Path) -> None:
    """Read every PDF in `folder` with the planatlas on sys.path; pickle what was read."""
    from planatlas import pipeline
    from planatlas.reading import readers

    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.pdf")):
        doc = pipeline.read(path)
        raw, _ = readers.read_path(path, None)
        found[path.name] = {"doc": dataclasses.asdict(doc), "raw": dataclasses.asdict(raw)}
    out.write_bytes(pickle.dumps(found))


def read_with(code: Path, pdfs: Path, out: Path) -> None:
    """Run `dump` in a fresh process that imports planatlas from `code`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(code), str(Path(__file__).parent)])}
    script = "from pathlib import Path; import same_reading as s; "
    script += f"s.dump(Path({str(pdfs)!r}), Path({str(out)!r}))"
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=code)


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    out = []
    for name in sorted(old.keys() | new.keys()):
        if name not in old or name not in new:
            out.append(f"{name}: read by one side only")
            continue
        for part in ("doc", "raw"):
            a, b = old[name][part], new[name][part]
            for key in a:
                if key in ("statements", "sections", "blocks"):
                    out += _listed(f"{name} {part}.{key}", a[key], b[key])
                elif a[key] != b[key]:
                    out.append(f"{name} {part}.{key}: {a[key]!r} -> {b[key]!r}")
    return out


def _listed(where: str, a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[str]:
    out = [f"{where}: {len(a)} -> {len(b)}"] if len(a) != len(b) else []
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        changed = {k: (x[k], y[k]) for k in x if x[k] != y[k]}
        if changed:
            out.append(f"{where}[{i}]: {changed}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", default="main")
    parser.add_argument("--pdfs", type=Path, default=PDFS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        other = Path(folder) / "other"
        other.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.against], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(other)], input=archive, check=True)
        read_with(other, args.pdfs.resolve(), Path(folder) / "old.pickle")
        read_with(ROOT, args.pdfs.resolve(), Path(folder) / "new.pickle")
        old = pickle.loads((Path(folder) / "old.pickle").read_bytes())
        new = pickle.loads((Path(folder) / "new.pickle").read_bytes())
    found = differences(old, new)
    statements = sum(len(d["doc"]["statements"]) for d in new.values())
    print(f"{len(new)} PDFs, {statements} statements: {len(found)} differences from {args.against}")
    for line in found[:SHOWN]:
        print(line)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

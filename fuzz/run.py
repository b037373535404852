"""Run one reader's fuzz harness for a bounded time over a seed corpus; report what it did.

    python fuzz/run.py docx --seconds 60

The corpus (.fuzz/corpus/<reader>/) starts as the example files of that format, the nasty
files of the tests named for it (tests/reading/nasty_files.py) and the kept regression inputs
(tests/reading/fuzz_regressions/<reader>/); libFuzzer adds what it finds new.
Prints a line per reader: executions, seconds, findings (distinct crash sites) and artifacts
(hangs, memory blow-ups); exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / ".fuzz"
REGRESSIONS = ROOT / "tests" / "reading" / "fuzz_regressions"
READERS = ("text", "markdown", "html", "pdf", "docx", "pptx", "odt", "any")
# Room for the zip mutator to grow an archive; the text formats stay near their seeds.
MAX_LEN = {"docx": 131072, "pptx": 131072, "odt": 65536, "pdf": 32768, "any": 65536}
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_STAT = re.compile(r"^#(\d+)\s", re.MULTILINE)


def seed(reader: str) -> Path:
    """The corpus folder, with every example of the format and every kept regression in it."""
    sys.path.insert(0, str(ROOT))
    from planatlas.errors import PlanatlasError
    from planatlas.reading.readers import detect

    corpus = WORK / "corpus" / reader
    corpus.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "examples").iterdir()):
        if not path.is_file() or path.suffix in (".yaml", ".py") or path.name == "README.md":
            continue
        data = path.read_bytes()
        try:
            found = detect(data, path.name).name
        except PlanatlasError:
            continue
        if reader in ("any", found):
            shutil.copyfile(path, corpus / path.name)
    for name, data in _nasty(reader):
        (corpus / f"nasty-{name}").write_bytes(data)
    kept = REGRESSIONS / reader
    if kept.is_dir():
        for path in kept.iterdir():
            shutil.copyfile(path, corpus / f"regression-{path.name}")
    return corpus


SUFFIX = {".txt": "text", ".md": "markdown", ".html": "html", ".pdf": "pdf", ".docx": "docx",
          ".pptx": "pptx", ".odt": "odt"}  # fmt: skip


def _nasty(reader: str) -> list[tuple[str, bytes]]:
    """The corpus of hostile files the tests build, those named for this reader."""
    sys.path.insert(0, str(ROOT / "tests" / "reading"))
    from nasty_files import CASES

    out = []
    for number, case in enumerate(CASES):
        if reader == "any" or SUFFIX.get(Path(case.name).suffix) == reader:
            out.append((f"{number:03d}{Path(case.name).suffix}", case.build()))
    return out


def run(reader: str, seconds: int) -> dict[str, object]:
    corpus = seed(reader)
    artifacts = WORK / "artifacts" / reader
    artifacts.mkdir(parents=True, exist_ok=True)
    findings = Path(os.environ.get("PLANATLAS_FUZZ_FINDINGS", WORK / "findings")) / reader
    before = set(findings.glob("*")) if findings.is_dir() else set()
    command = [
        sys.executable,
        str(HERE / f"fuzz_{reader}.py"),
        str(corpus),
        f"-max_total_time={seconds}",
        f"-max_len={MAX_LEN.get(reader, 8192)}",
        "-timeout=30",
        "-rss_limit_mb=3072",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
    ]
    log = WORK / f"{reader}.log"
    with log.open("w") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=HERE)
    text = log.read_text(errors="replace")
    runs = _DONE.search(text)
    stats = _STAT.findall(text)
    new = sorted(set(findings.glob("*")) - before) if findings.is_dir() else []
    return {
        "reader": reader,
        "executions": int(runs[1]) if runs else int(stats[-1]) if stats else 0,
        "seconds": int(runs[2]) if runs else seconds,
        "findings": [p.name for p in new],
        "artifacts": sorted(p.name for p in artifacts.iterdir()),
        "exit": done.returncode,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readers", nargs="+", choices=READERS)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    bad = 0
    for reader in args.readers:
        result = run(reader, args.seconds)
        print(
            f"{reader:<9} {result['executions']:>9} executions in {result['seconds']:>4} s  "
            f"findings: {len(result['findings'])}  artifacts: {len(result['artifacts'])}  "  # type: ignore[arg-type]
            f"(log: .fuzz/{reader}.log)",
            flush=True,
        )
        for name in [*result["findings"], *result["artifacts"]]:  # type: ignore[misc]
            print(f"    {name}")
        bad += bool(result["findings"] or result["artifacts"] or result["exit"] not in (0,))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

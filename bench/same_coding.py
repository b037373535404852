"""Whether this checkout codes the programme PDFs exactly as another revision does, and how fast.

Run: .venv/bin/python bench/same_coding.py [--against main | --old-tree DIR] [--pdfs DIR]

For a change meant to make coding faster without changing what it codes. The PDFs are read
once, by this checkout; the other revision (unpacked with git archive, or a checkout given as
--old-tree) and this one then each code every document in a process of their own, the rules
and the learned coder over them, through `pipeline.analyze`. Every field of every statement's
coding (kind, language, topics, positions, targets, references, organisations, confidence) is
compared; each difference is printed and the exit status is 1 where there is one.

Also printed: CPU microseconds per statement of `pipeline.analyze` on each side, cold (the
first pass over the documents after the warm-up that `batch` runs before it forks its
workers) and warm (a second pass), and of the rules and the model apart (a third pass, each
called on its own). The machine is shared: run it twice before trusting a difference.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT.parent / "shared" / "corpus" / "programmes" / "pdf"
SHOWN = 30  # differences printed at the most
Codings = dict[str, list[dict[str, Any]]]  # per document: each statement's coding, as a dict


def read_all(folder: Path, out: Path) -> None:
    """Read every PDF in `folder` (not coded) and pickle the documents."""
    from planatlas import pipeline

    docs = [pipeline.read(path) for path in sorted(folder.glob("*.pdf"))]
    out.write_bytes(pickle.dumps(docs))


def code_all(docs_file: Path, out: Path) -> None:
    """Code the pickled documents with the planatlas on sys.path as `pipeline.analyze` does,
    twice, then the rules and the model apart; pickle the codings of the first pass and the
    CPU seconds of each."""
    from planatlas import coding, pipeline
    from planatlas.coding import model
    from planatlas.coding.taxonomy import active_taxonomy

    docs = pickle.loads(docs_file.read_bytes())
    pipeline.warm_up()
    trained = model.trained_model()
    assert trained is not None, "no shipped model"
    spent: dict[str, float] = {}
    codings: Codings = {}
    for name in ("cold", "warm"):
        start = time.process_time()
        for doc in docs:
            coded = pipeline.analyze(doc)
            codings.setdefault(doc.source, [dataclasses.asdict(s.coding) for s in coded.statements])
        spent[name] = time.process_time() - start
    spent["rules"] = spent["model"] = 0.0
    for doc in docs:
        start = time.process_time()
        coded = coding.code_document(doc, active_taxonomy())
        middle = time.process_time()
        model.apply(trained, coded)
        spent["rules"] += middle - start
        spent["model"] += time.process_time() - middle
    out.write_bytes(pickle.dumps({"codings": codings, "spent": spent}))


def run_with(code: Path, docs_file: Path, out: Path) -> None:
    """Run `code_all` in a fresh process that imports planatlas from `code`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(code), str(Path(__file__).parent)])}
    script = "from pathlib import Path; import same_coding as s; "
    script += f"s.code_all(Path({str(docs_file)!r}), Path({str(out)!r}))"
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=code)


def differences(old: Codings, new: Codings) -> list[str]:
    out = []
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name, []), new.get(name, [])
        if len(a) != len(b):
            out.append(f"{name}: {len(a)} -> {len(b)} statements")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            changed = {k: (x[k], y[k]) for k in x.keys() | y.keys() if x.get(k) != y.get(k)}
            if changed:
                out.append(f"{Path(name).name}[{i}]: {changed}")
    return out


def _other_tree(args: argparse.Namespace, folder: Path) -> Path:
    if args.old_tree:
        return Path(args.old_tree).resolve()
    other = folder / "other"
    other.mkdir()
    archive = subprocess.run(
        ["git", "archive", args.against], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(other)], input=archive, check=True)
    return other


def _report(label: str, spent: dict[str, float], statements: int) -> None:
    per = {k: round(v / statements * 1e6) for k, v in spent.items()}
    print(
        f"  {label}: analyze {per['cold']:4} us cold, {per['warm']:4} us warm per statement "
        f"(warm, apart: rules {per['rules']:4} us, model {per['model']:4} us)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", default="main")
    parser.add_argument("--old-tree", help="a checkout to compare with, instead of --against")
    parser.add_argument("--pdfs", type=Path, default=PDFS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        other = _other_tree(args, folder)
        read_all(args.pdfs.resolve(), folder / "docs.pickle")
        run_with(other, folder / "docs.pickle", folder / "old.pickle")
        run_with(ROOT, folder / "docs.pickle", folder / "new.pickle")
        old = pickle.loads((folder / "old.pickle").read_bytes())
        new = pickle.loads((folder / "new.pickle").read_bytes())
    found = differences(old["codings"], new["codings"])
    statements = sum(len(c) for c in new["codings"].values())
    print(f"{len(new['codings'])} PDFs, {statements} statements: {len(found)} differences")
    _report("old", old["spent"], statements)
    _report("new", new["spent"], statements)
    for line in found[:SHOWN]:
        print(line)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

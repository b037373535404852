"""Crash rounds: kill -9 in the middle of an ingest, a burst of corrections and a recode, on
SQLite and PostgreSQL; after each kill, check that nothing is lost or half-stored.

    .venv/bin/python bench/crash_rounds.py [--rounds 10] [--backends sqlite postgres]

Each round runs the work in a child process group (the CLI's `ingest -j 2` or `recode`, or a
loop of `Atlas.correct`) and kills it with SIGKILL at a random moment. Then:

- everything stored before the round is still there: each document at the same version with
  as many statements, every coding, every correction;
- every stored document has exactly the statements its file gives when read again here, each
  with its coding: a document is stored whole or not at all;
- a correction (three fields in one transaction) is there with all its fields or none, and
  every correction the child saw committed (it logs each one after the commit) is there;
- corrections stay in force: a corrected statement's coding shows its latest correction;
- the database's own checks pass (SQLite: integrity_check and foreign_key_check; both: no
  row whose parent is gone).

A killed ingest is then run again to its end (the files stored already are unchanged). The
PostgreSQL rounds use a database of their own (planatlas_crash_<random>), dropped at the end.
Prints rounds survived per kind and backend; exits 1 when any check failed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PG_ADMIN = os.environ.get("PLANATLAS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
KINDS = ("ingest", "corrections", "recode")
CLI = str(Path(sys.executable).parent / "planatlas")
FIELDS = {"kind": ("demand", "goal", "measure", "principle", "fact"), "language": ("nb", "nn")}

# The child of a correction burst: correct random statements, log each after its commit.
CORRECTOR = f"""
import os, random, sys
from planatlas.store import Atlas
url, log_path, tag = sys.argv[1:4]
atlas = Atlas(url)
ids = [s.id for s in atlas.statements()]
fields = {FIELDS!r}
log = open(log_path, "a")
n = 0
while True:
    sid = random.choice(ids)
    author = f"crash-{{tag}}-{{n}}"
    changes = {{name: random.choice(values) for name, values in fields.items()}}
    changes["topics"] = ["helse", f"tema{{n % 7}}"]
    atlas.correct(sid, changes, author)
    log.write(f"{{author}}\\n")
    log.flush()
    os.fsync(log.fileno())
    n += 1
"""


@dataclass
class Tally:
    survived: Counter[tuple[str, str]] = field(default_factory=Counter)
    rounds: Counter[tuple[str, str]] = field(default_factory=Counter)
    finished_early: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


# --- the files: each a document of its own (its own title), from the example texts


def write_files(folder: Path, first: int, count: int) -> list[Path]:
    bases = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        base = bases[n % len(bases)].read_text(encoding="utf-8")
        text = (
            f"Handlingsplan nummer {n} for Krasjvik kommune\n\n{base}\n\n"
            f"Vi vil bygge {n + 10} nye sykehjemsplasser innen 2030.\n"
        )
        path = folder / f"plan-{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


_expected: dict[str, int] = {}


def expected_statements(path: str) -> int:
    """How many statements the file gives, read and analysed here."""
    if path not in _expected:
        from planatlas import pipeline

        _expected[path] = len(pipeline.analyze(pipeline.read(path)).statements)
    return _expected[path]


# --- backends


@contextmanager
def backend(name: str, workdir: Path) -> Iterator[str]:
    if name == "sqlite":
        yield f"sqlite:///{workdir / 'krasj.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    database = f"planatlas_crash_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    try:
        yield make_url(PG_ADMIN).set(database=database).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


# --- what is stored, seen through SQL (the checks must not trust the code they check)

ORPHANS = {
    "versions without a document": "SELECT count(*) FROM document_versions v "
    "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = v.document_id)",
    "statements without a version": "SELECT count(*) FROM statements s "
    "WHERE NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.id = s.version_id)",
    "codings without a statement": "SELECT count(*) FROM codings c "
    "WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = c.statement_id)",
    "corrections without a statement": "SELECT count(*) FROM corrections c "
    "WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = c.statement_id)",
    "statements without a coding": "SELECT count(*) FROM statements s "
    "WHERE NOT EXISTS (SELECT 1 FROM codings c WHERE c.statement_id = s.id)",
    "documents without a version": "SELECT count(*) FROM documents d "
    "WHERE NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = d.id)",
}
LATEST = (
    "SELECT d.id, v.version, v.source, "
    "(SELECT count(*) FROM statements s WHERE s.version_id = v.id) "
    "FROM documents d JOIN document_versions v ON v.document_id = d.id "
    "WHERE v.version = (SELECT max(version) FROM document_versions w WHERE w.document_id = d.id)"
)


@dataclass
class Snapshot:
    documents: dict[int, tuple[int, str, int]]  # id -> (version, source, statements)
    corrections: dict[int, tuple[int, str, str]]  # id -> (statement, field, author)
    codings: int


def snapshot(url: str) -> Snapshot:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            docs = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(text(LATEST))}
            corrections = {
                r[0]: (r[1], r[2], r[3])
                for r in conn.execute(
                    text("SELECT id, statement_id, field, author FROM corrections")
                )
            }
            codings = conn.execute(text("SELECT count(*) FROM codings")).scalar_one()
    finally:
        engine.dispose()
    return Snapshot(docs, corrections, int(codings))


def database_problems(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    problems = []
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if url.startswith("sqlite"):
                check = conn.execute(text("PRAGMA integrity_check")).scalars().all()
                if check != ["ok"]:
                    problems.append(f"integrity_check: {check[:3]}")
                keys = conn.execute(text("PRAGMA foreign_key_check")).all()
                if keys:
                    problems.append(f"foreign_key_check: {len(keys)} rows")
            for what, query in ORPHANS.items():
                if count := conn.execute(text(query)).scalar_one():
                    problems.append(f"{count} {what}")
    finally:
        engine.dispose()
    return problems


def check(url: str, before: Snapshot, committed: list[str]) -> list[str]:
    """Everything that is wrong after a kill."""
    from planatlas.store import Atlas

    problems = database_problems(url)
    after = snapshot(url)
    for doc_id, (version, source, count) in before.documents.items():
        now = after.documents.get(doc_id)
        if now is None:
            problems.append(f"document {doc_id} ({source}) lost")
        elif now[0] != version or now[2] != count:
            problems.append(f"document {doc_id} changed: {(version, count)} -> {now[::2]}")
    for doc_id, (_, source, count) in after.documents.items():
        if count != (want := expected_statements(source)):
            problems.append(f"document {doc_id} ({source}) half-stored: {count} of {want}")
    lost = set(before.corrections) - set(after.corrections)
    if lost:
        problems.append(f"{len(lost)} corrections lost")
    if after.codings < before.codings:
        problems.append(f"codings went from {before.codings} to {after.codings}")
    per_author = Counter(author for _, _, author in after.corrections.values())
    partial = [a for a, n in per_author.items() if a.startswith("crash-") and n != 3]
    if partial:
        problems.append(f"{len(partial)} corrections half-stored (e.g. {partial[0]})")
    missing = [a for a in committed if a not in per_author]
    if missing:
        problems.append(f"{len(missing)} committed corrections missing (e.g. {missing[0]})")
    problems += corrections_in_force(Atlas(url), after)
    return problems


def corrections_in_force(atlas: Any, after: Snapshot, sample: int = 40) -> list[str]:
    """The latest correction of `kind` on a statement is its kind (a sample of them)."""
    from sqlalchemy import create_engine, select

    from planatlas.store.schema import CorrectionRow

    latest: dict[int, int] = {}
    for row_id, (statement, name, _) in sorted(after.corrections.items()):
        if name == "kind":
            latest[statement] = row_id
    chosen = random.sample(sorted(latest), min(sample, len(latest)))
    engine = create_engine(atlas.url)
    problems = []
    try:
        with engine.connect() as conn:
            for statement in chosen:
                value = conn.execute(
                    select(CorrectionRow.value).where(CorrectionRow.id == latest[statement])
                ).scalar_one()
                shown = atlas.statement(statement).coding.kind
                if shown != value:
                    problems.append(f"statement {statement}: kind {shown!r}, corrected {value!r}")
    finally:
        engine.dispose()
    return problems


# --- the rounds


def run_killed(command: list[str], started: Callable[[], bool], delay: float) -> bool:
    """Run the command in its own process group; once `started()` says the work has begun,
    wait `delay` seconds more and SIGKILL the group. True when it was still running then (so
    the kill fell in the middle of the work)."""
    child = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 180
    while child.poll() is None and not started() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        child.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        return True


def scalar(url: str, query: str) -> Any:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(query)).scalar()
    finally:
        engine.dispose()


def one_round(
    kind: str, url: str, workdir: Path, number: int, files: int
) -> tuple[bool, list[str]]:
    before = snapshot(url)
    committed: list[str] = []
    if kind == "ingest":
        folder = workdir / f"runde-{number:03d}"
        write_files(folder, number * files, files)
        count = "SELECT count(*) FROM documents"
        known = len(before.documents)
        command = [CLI, "--db", url, "ingest", "-j", "2", str(folder)]
        killed = run_killed(command, lambda: scalar(url, count) > known, _delay(0, 4))
        at_kill = len(snapshot(url).documents) - len(before.documents)
        print(f"    ingest killed with {at_kill} of {files} files stored", flush=True)
    elif kind == "recode":
        latest = "SELECT max(coded_at) FROM codings"
        known = scalar(url, latest)
        command = [CLI, "--db", url, "recode"]
        killed = run_killed(command, lambda: scalar(url, latest) != known, _delay(0, 4))
        since = f"SELECT count(*) FROM codings WHERE coded_at > '{known}'"
        print(f"    recode killed with {scalar(url, since)} statements coded again", flush=True)
    else:
        log = workdir / f"rettelser-{number:03d}.log"
        log.touch()
        tag = f"{number}"
        command = [sys.executable, "-c", CORRECTOR, url, str(log), tag]
        killed = run_killed(command, lambda: log.stat().st_size > 0, _delay(0, 3))
        committed = log.read_text().split()
        print(f"    burst killed after {len(committed)} corrections committed", flush=True)
        if not killed:  # the loop never ends by itself: it failed
            committed.append("(the correcting child stopped by itself)")
    problems = check(url, before, committed)
    if kind == "ingest":  # the batch again, to its end: what was stored stays as it was
        subprocess.run([CLI, "--db", url, "ingest", str(folder)], capture_output=True, cwd=ROOT)
        problems += [f"after resuming: {p}" for p in check(url, snapshot(url), [])]
        stored = {source for _, source, _ in snapshot(url).documents.values()}
        problems += [
            f"{p} not stored on resuming" for p in folder.iterdir() if str(p) not in stored
        ]
    return killed, problems


def _delay(low: float, high: float) -> float:
    return random.uniform(low, high)


def prepare(url: str, workdir: Path, files: int) -> None:
    """A first batch stored whole, so that every kind of round has something to lose."""
    folder = workdir / "start"
    write_files(folder, 100_000, files)
    done = subprocess.run([CLI, "--db", url, "ingest", str(folder)], capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"could not store the first batch: {done.stderr.decode()[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="rounds per kind and backend")
    parser.add_argument("--files", type=int, default=40, help="files per ingest round")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    random.seed(args.seed)
    tally = Tally()
    for name in args.backends:
        with tempfile.TemporaryDirectory(prefix="krasj-") as tmp, backend(name, Path(tmp)) as url:
            workdir = Path(tmp)
            prepare(url, workdir, args.files)
            order = [k for _ in range(args.rounds) for k in args.kinds]
            for number, kind in enumerate(order):
                started = time.perf_counter()
                killed, problems = one_round(kind, url, workdir, number, args.files)
                key = (kind, name)
                tally.rounds[key] += 1
                tally.finished_early[key] += not killed
                if problems:
                    tally.failures += [f"{name} {kind} round {number}: {p}" for p in problems]
                else:
                    tally.survived[key] += 1
                state = "killed" if killed else "finished before the kill"
                verdict = "ok" if not problems else f"FAILED ({len(problems)})"
                print(
                    f"{name:<8} {kind:<11} round {number:>3}: {state:<24} {verdict} "
                    f"({time.perf_counter() - started:.1f} s)",
                    flush=True,
                )
            totals = snapshot(url)
            print(
                f"{name}: {len(totals.documents)} documents, {len(totals.corrections)} "
                f"correction rows, {totals.codings} codings at the end",
                flush=True,
            )
    print("\nkind        backend   survived / rounds   (finished before the kill)")
    for (kind, name), rounds in sorted(tally.rounds.items()):
        key = (kind, name)
        print(
            f"{kind:<11} {name:<9} {tally.survived[key]:>4} / {rounds:<4}"
            f"          ({tally.finished_early[key]})"
        )
    for failure in tally.failures:
        print("  " + failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())

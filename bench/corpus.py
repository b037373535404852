"""A realistic atlas at any size (10k, 100k, 1M statements) on SQLite or PostgreSQL.

The statements are the team's own: every statement of the demo corpus in examples/ (read and
coded by the product) and a pool of generated ones (bench_coding_corpus: the taxonomy's issue
and topic terms, the direction words, numbers and dates, in Bokmål and Nynorsk), coded by the
rules. Documents are put together from that pool the way real plans are: a long tail of
actors (a few write much, most write little; parties, organisations, municipalities, health
trusts, directorates, the government), each with its genre and mostly one written form, of
very different lengths, under headings, some in a second or third version with statements
reworded, added and dropped, and a few statements corrected by hand. Four in ten statements
name a place ("i Fjordvik"), so that texts rarely repeat and rare words are as rare as they
are in life; the place does not change the coding, so the pool's coding stays the coder's.

    python bench/corpus.py --statements 100000                 # bench/corpus/atlas-100k.db
    python bench/corpus.py --statements 1000000 --db postgresql://postgres@127.0.0.1/big
    python bench/corpus.py --statements 2000 --files bench/corpus/files   # files to ingest

Everything it writes stays under bench/corpus/ (git-ignored) unless told otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import multiprocessing
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from bench_coding_corpus import Generator

from planatlas.records import Document, Section, Statement

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
PREFIXES = [
    "Fjord",
    "Sjø",
    "Nord",
    "Sør",
    "Aust",
    "Vest",
    "Berg",
    "Dal",
    "Strand",
    "Lys",
    "Elv",
    "Fjell",
    "Skog",
    "Stein",
    "Holm",
    "Myr",
    "Eid",
    "Kvam",
    "Rand",
    "Solum",
]
SUFFIXES = [
    "vik",
    "heim",
    "dal",
    "nes",
    "fjord",
    "berg",
    "stad",
    "land",
    "øy",
    "sund",
    "åsen",
    "haug",
    "mo",
    "lia",
    "strand",
    "voll",
    "bø",
    "sand",
    "by",
    "våg",
]
PARTY_STEMS = [
    "Kyst",
    "Framtids",
    "Bygde",
    "Grønt",
    "Lokal",
    "Folke",
    "Helse",
    "Distrikts",
    "By",
    "Fjell",
    "Sentrums",
    "Trygghets",
]
ORGANISATIONS = [
    "Sykepleierforbundet",
    "Pasientforbundet",
    "Fastlegeforumet",
    "Helsearbeiderforbundet",
    "Jordmorforeningen",
    "Pensjonistforbundet",
    "Rusforeningen",
    "Diabetesforbundet",
    "Psykiatriforeningen",
    "Ambulanseforbundet",
    "Tannhelseforeningen",
    "Eldrerådet",
]
DIRECTORATES = [
    "Helsedirektoratet",
    "Samhandlingsdirektoratet",
    "Folkehelseinstituttet",
    "Direktoratet for e-helse",
]
GENRES = {
    "party": "programme",
    "organisation": "action_plan",
    "municipality": "action_plan",
    "health_trust": "slides",
    "directorate": "news",
    "government": "government_plan",
}
TITLES = {
    "programme": ("Helseprogram", "Helseprogram"),
    "action_plan": ("Handlingsplan", "Handlingsplan"),
    "slides": ("Utviklingsplan", "Utviklingsplan"),
    "news": ("Nyhet", "Nyheit"),
    "government_plan": ("Helse- og samhandlingsplan", "Helse- og samhandlingsplan"),
}
PLACED = 0.4  # share of sentences and items that name a place
HEADING = 0.07  # share of a document's statements that open a new section
REVISED = 0.15  # share of documents that get a second version (a tenth of those a third)
# fmt: skip


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    language: str  # the written form it mostly uses


@dataclass
class Pool:
    """Coded statements to draw from, by language: headings apart from the rest."""

    headings: dict[str, list[Statement]]
    body: dict[str, list[Statement]]

    def add(self, statement: Statement, language: str) -> None:
        target = self.headings if statement.form == "heading" else self.body
        target.setdefault(language, []).append(statement)


def places() -> list[str]:
    return [p + s for p in PREFIXES for s in SUFFIXES]


def actors(count: int, rng: random.Random) -> list[Actor]:
    """`count` actors of every kind, named from places, parties and organisations."""
    names = places()
    rng.shuffle(names)
    made = [Actor("Regjeringen", "government", "nb")]
    made += [Actor(d, "directorate", "nb") for d in DIRECTORATES]
    made += [Actor(f"{p}partiet", "party", "nb") for p in PARTY_STEMS]
    n = 0
    while len(made) < count:
        place = names[n % len(names)]
        round_ = n // len(names)
        kind = rng.choice(["party", "organisation", "municipality", "municipality", "health_trust"])
        language = "nn" if rng.random() < 0.3 else "nb"
        name = {
            "party": f"{rng.choice(PARTY_STEMS)}partiet i {place}",
            "organisation": f"{rng.choice(ORGANISATIONS)} {place}",
            "municipality": f"{place} kommune",
            "health_trust": f"Helse {place}",
        }[kind] + (f" {round_ + 1}" if round_ else "")
        made.append(Actor(name, kind, language))
        n += 1
    return made[:count]


def example_statements() -> list[tuple[Statement, str]]:
    """Every statement of the demo corpus, read and coded by the product, with its language."""
    from planatlas import pipeline
    from planatlas.batch import expand
    from planatlas.errors import PlanatlasError

    found = []
    for path in expand([str(ROOT / "examples")]):
        try:
            doc = pipeline.analyze(path)
        except PlanatlasError:
            continue
        for s in doc.statements:
            found.append((s, s.coding.language or doc.language or "nb"))
    return found


def _coded_chunk(args: tuple[int, int]) -> list[tuple[Statement, str]]:
    """Generated statements of one seed, coded by the rules (run in a worker process)."""
    from planatlas.coding import code_document

    seed, count = args
    made = Generator(seed)
    found = []
    for n in range(0, count, 50):
        doc = code_document(made.document(n, min(50, count - n)))
        found += [(s, s.coding.language or doc.language or "nb") for s in doc.statements]
    return found


def pool(size: int, processes: int) -> Pool:
    """The examples' statements and `size` generated ones, coded on `processes` cores."""
    made = Pool({}, {})
    for statement, language in example_statements():
        made.add(statement, language)
    chunks = [(1000 + n, min(2000, size - n)) for n in range(0, size, 2000)]
    with multiprocessing.get_context("spawn").Pool(processes) as workers:
        for found in workers.imap_unordered(_coded_chunk, chunks):
            for statement, language in found:
                made.add(statement, "nn" if language == "nn" else "nb")
    return made


class Documents:
    """Documents drawn from a pool: actors, genres, sizes, sections, versions."""

    def __init__(self, source: Pool, people: list[Actor], seed: int) -> None:
        self.pool = source
        self.actors = people
        self.places = places()
        self.rng = random.Random(seed)
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(people))]  # a long tail
        self.weights = weights
        self.number = 0

    def size(self) -> int:
        return max(5, min(800, int(self.rng.lognormvariate(4.3, 0.8))))

    def actor(self) -> Actor:
        return self.rng.choices(self.actors, self.weights)[0]

    def statement(self, language: str, index: int, section: tuple[str, ...]) -> Statement:
        s = self.rng.choice(self.pool.body[language])
        text = s.text
        if self.rng.random() < PLACED:
            place = f" i {self.rng.choice(self.places)}"
            text = text[:-1] + place + "." if text.endswith(".") else text + place
        return replace(s, index=index, text=text, section=section)

    def heading(self, language: str, index: int) -> Statement:
        s = self.rng.choice(self.pool.headings[language])
        return replace(s, index=index, section=(s.text,))

    def statements(self, language: str, count: int) -> list[Statement]:
        made: list[Statement] = []
        section: tuple[str, ...] = ()
        for index in range(count):
            if self.rng.random() < HEADING:
                made.append(self.heading(language, index))
                section = made[-1].section
            else:
                made.append(self.statement(language, index, section))
        return made

    def document(self) -> Document:
        """A new document by a drawn actor."""
        self.number += 1
        who = self.actor()
        language = who.language if self.rng.random() < 0.9 else ("nb", "nn")[who.language == "nb"]
        genre = GENRES[who.kind]
        start = self.rng.randint(2015, 2027)
        period = f"{start}/{start + self.rng.choice([1, 2, 3, 4])}"
        title = f"{TITLES[genre][language == 'nn']} {period.replace('/', '–')} nr. {self.number}"
        return outlined(
            Document(
                source=f"generert/{self.number:07d}.txt",
                format="txt",
                content_hash="",
                title=title,
                actor=who.name,
                actor_kind=who.kind,
                genre=genre,
                language=language,
                period=period,
                statements=self.statements(language, self.size()),
            )
        )

    def revision(self, doc: Document) -> Document:
        """The document's next version: a tenth of its statements reworded, some added, some
        dropped."""
        language = doc.language or "nb"
        kept: list[Statement] = []
        for s in doc.statements:
            roll = self.rng.random()
            if roll < 0.05:
                continue
            if roll < 0.15 and s.form != "heading":
                s = self.statement(language, 0, s.section)
            kept.append(s)
            if roll > 0.95 and s.form != "heading":
                kept.append(self.statement(language, 0, s.section))
        renumbered = [replace(s, index=i) for i, s in enumerate(kept)]
        return outlined(replace(doc, statements=renumbered, sections=[]))

    def stream(self, total: int) -> Iterator[Document]:
        """Documents (and later versions of some) until `total` statements are made."""
        made = 0
        pending: list[Document] = []
        while made < total:
            if pending and self.rng.random() < 0.2:
                doc = self.revision(pending.pop(self.rng.randrange(len(pending))))
                if self.rng.random() < 0.1:
                    pending.append(doc)
            else:
                doc = self.document()
                if self.rng.random() < REVISED:
                    pending.append(doc)
            doc = _trimmed(doc, total - made)
            made += len(doc.statements)
            yield doc


def _trimmed(doc: Document, room: int) -> Document:
    if len(doc.statements) <= room:
        return doc
    return outlined(replace(doc, statements=doc.statements[:room], sections=[]))


def outlined(doc: Document) -> Document:
    """The document with its sections from its statements, and a hash of its content."""
    sections: dict[tuple[str, ...], Section] = {}
    for s in doc.statements:
        if s.section:
            found = sections.setdefault(s.section, Section(s.section[-1], 1, s.section, []))
            found.statements.append(s.index)
    digest = hashlib.sha256("\n".join(s.text for s in doc.statements).encode()).hexdigest()
    return replace(doc, sections=list(sections.values()), content_hash=f"sha256:{digest}")


def build(url: str, total: int, pool_size: int, processes: int, seed: int = 11) -> dict[str, int]:
    """Store `total` statements in the (empty) atlas at url; returns its counts."""
    from planatlas.store import Atlas

    started = time.perf_counter()
    source = pool(pool_size, processes)
    print(f"pool: {sum(map(len, source.body.values())):,} statements, coded in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    rng = random.Random(seed)
    people = actors(max(20, min(3000, total // 500)), rng)
    with Atlas(url) as atlas:
        started = time.perf_counter()
        for n, doc in enumerate(Documents(source, people, seed).stream(total)):
            atlas.add(doc)
            if n % 1000 == 999:
                print(f"  {n + 1:,} documents, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr)  # fmt: skip
        _correct(atlas, rng, max(30, total // 3000))
        atlas.refresh_statistics()  # as an ingest does: the planner learns the sizes
        counts = atlas.overview()
    print(f"stored {counts['statements']:,} statements, {counts['documents']:,} documents "
          f"({counts['versions']:,} versions), {counts['actors']:,} actors in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    return counts


def _correct(atlas: object, rng: random.Random, count: int) -> None:
    """A few statements corrected by hand, as a team does (topics and kinds)."""
    from planatlas.coding.taxonomy import builtin_taxonomy

    topics = sorted(builtin_taxonomy().topics)
    last = atlas.overview()["statements"]  # type: ignore[attr-defined]
    for statement_id in rng.sample(range(1, last + 1), min(count, last)):
        change = {"topics": [rng.choice(topics)]} if rng.random() < 0.7 else {"kind": "demand"}
        atlas.correct(statement_id, change, author="bench")  # type: ignore[attr-defined]


# --- files, for the ingest benchmarks


def light_markdown(doc: Document) -> str:
    """A document as the light Markdown examples/build.py reads."""
    lines = [f"# {doc.title}", ""]
    for s in doc.statements:
        if s.form == "heading":
            lines += ["", f"## {s.text}", ""]
        elif s.form == "item":
            lines.append(f"- {s.text}")
        else:
            lines += ["", s.text, ""]
    return "\n".join(lines) + "\n"


FORMATS = (".md", ".txt", ".html", ".docx", ".pdf", ".pptx", ".odt")


def write_files(folder: Path, total: int, pool_size: int, processes: int = 1) -> list[Path]:
    """Documents of `total` statements as files in every format the product reads."""
    sys.path.insert(0, str(ROOT / "examples"))
    import build as writers  # examples/build.py: the DOCX, PPTX, ODT and PDF writers

    folder.mkdir(parents=True, exist_ok=True)
    source = pool(pool_size, processes)
    people = actors(max(20, total // 500), random.Random(3))
    files = []
    for n, doc in enumerate(Documents(source, people, 5).stream(total)):
        target = folder / f"plan-{n:05d}{FORMATS[n % len(FORMATS)]}"
        source_text = light_markdown(doc)
        if target.suffix in (".txt", ".md"):
            target.write_text(source_text, encoding="utf-8")
        elif target.suffix == ".html":
            target.write_text(_as_html(writers.parse(source_text)), encoding="utf-8")
        else:
            blocks = writers.parse(source_text)
            writers.WRITERS[target.suffix](blocks, target, blocks[0].text)
        files.append(target)
    return files


def _as_html(blocks: list[object]) -> str:
    body = []
    for block in blocks:
        kind, joined = block.kind, block.joined  # type: ignore[attr-defined]
        tag = {"title": "h1", "heading": "h2", "bullet": "li", "number": "li"}.get(kind, "p")
        body.append(f"<{tag}>{html.escape(joined)}</{tag}>")
    return "<!doctype html><html lang=nb><body>" + "\n".join(body) + "</body></html>"


def default_path(total: int) -> Path:
    label = f"{total // 1_000_000}m" if total % 1_000_000 == 0 else f"{total // 1000}k"
    return CORPUS / f"atlas-{label}.db"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--db", help="an empty database (default: bench/corpus/atlas-SIZE.db)")
    parser.add_argument("--files", type=Path, help="write files to this folder instead")
    parser.add_argument("--pool", type=int, default=0, help="generated statements to code "
                        "(default: a tenth of --statements, 2,000 to 40,000)")  # fmt: skip
    parser.add_argument("--processes", type=int, default=2, help="cores to code the pool on")
    args = parser.parse_args()
    pool_size = args.pool or max(2000, min(40_000, args.statements // 10))
    if args.files:
        files = write_files(args.files, args.statements, pool_size, args.processes)
        print(f"wrote {len(files)} files to {args.files}")
        return
    if args.db:
        url = args.db
    else:
        path = default_path(args.statements)
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(path.name + "*"):
            if stale.is_file():
                stale.unlink()
        url = f"sqlite:///{path}"
    build(url, args.statements, pool_size, args.processes)
    print(url)


if __name__ == "__main__":
    main()

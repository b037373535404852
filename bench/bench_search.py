"""Search latency on an atlas of 100,000 statements: p50 and p95 per query, after warm-up.

The atlas is built in a temporary SQLite file (or the empty database --db names) from generated
Bokmål and Nynorsk statements: 500 documents of 200 statements by 25 actors, coded at random,
with some documents in a second version and some statements corrected by hand.

Run: .venv/bin/python bench/bench_search.py [--statements 100000] [--runs 50] [--db URL]
Target: p95 well under 100 ms on SQLite.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from planatlas.questions.search import search
from planatlas.records import Coding, Document, Filters, Position, Statement
from planatlas.store import Atlas

PER_DOCUMENT = 200
SUBJECTS = {
    "nb": ["Regjeringen vil", "Partiet vil", "Kommunene skal", "Vi krever at staten skal",
           "Helseforetakene må", "Fylkeskommunen bør", "Nettverket mener vi må"],
    "nn": ["Regjeringa vil", "Partiet vil", "Kommunane skal", "Vi krev at staten skal",
           "Helseføretaka må", "Fylkeskommunen bør", "Nettverket meiner vi må"],
}  # fmt: skip
VERBS = {
    "nb": ["styrke", "øke", "redusere", "innføre", "fjerne", "prioritere", "erstatte", "utrede",
           "satse på", "bygge ut", "samle", "desentralisere"],
    "nn": ["styrkje", "auke", "redusere", "innføre", "fjerne", "prioritere", "erstatte", "greie ut",
           "satse på", "byggje ut", "samle", "desentralisere"],
}  # fmt: skip
OBJECTS = {
    "nb": ["rammefinansieringen av spesialisthelsetjenesten", "innsatsstyrt finansiering",
           "antallet fastleger i distriktene", "bemanningen i sykehjemmene", "lokalsykehusene",
           "ventetidene i psykisk helsevern", "helseforetaksmodellen", "tilbudet om rehabilitering",
           "samhandlingen mellom kommuner og sykehus", "egenandelene for tannbehandling",
           "jordmortjenesten", "ambulansetjenesten", "legevakten", "helsestasjonene",
           "rusomsorgen", "eldreomsorgen", "hjemmetjenestene", "fødeavdelingene",
           "akuttberedskapen", "digitaliseringen av journaler"],
    "nn": ["rammefinansieringa av spesialisthelsetenesta", "innsatsstyrt finansiering",
           "talet på fastlegar i distrikta", "bemanninga på sjukeheimane", "lokalsjukehusa",
           "ventetidene i psykisk helsevern", "helseføretaksmodellen", "tilbodet om rehabilitering",
           "samhandlinga mellom kommunar og sjukehus", "eigendelane for tannbehandling",
           "jordmortenesta", "ambulansetenesta", "legevakta", "helsestasjonane",
           "rusomsorga", "eldreomsorga", "heimetenestene", "fødeavdelingane",
           "akuttberedskapen", "digitaliseringa av journalar"],
}  # fmt: skip
TAILS = ["", " innen 2030", " med 500 millioner kroner", " i hele landet", " med minst 20 prosent",
         " i Nord-Norge", " på Vestlandet", " i samarbeid med kommunene", " for barn og unge",
         " gjennom en opptrappingsplan"]  # fmt: skip
TOPICS = ["hospitals", "governance", "financing", "gp", "mental_health", "elderly_care",
          "waiting_times", "emergency", "maternity", "substance_use", "digital",
          "dental"]  # fmt: skip
ISSUES = ["hospital_trust_model", "activity_based_funding", "local_hospitals", "gp_scheme",
          "user_fees", "private_providers"]  # fmt: skip
KINDS = ["goal", "measure", "demand", "challenge", "opinion", "fact"]
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("sjukehusa", {}),
    ("rammefinansiering", {}),
    ("fastlege distrikt", {}),
    ("ventetider psykisk helsevern", {}),
    ("helseføretak", {"actor": "Aktør 7"}),
    ("sykehus", {"topic": "hospitals"}),
    ("tannbehandling", {"kind": "demand", "period": "2026"}),
    ("lokalsykehus", {"issue": "local_hospitals", "direction": "+"}),
    ("", {"topic": "maternity"}),
    ("", {"actor": "Aktør 3", "kind": "goal"}),
    ("kommune", {}),
]


def sentence(rng: random.Random, lang: str) -> str:
    text = f"{rng.choice(SUBJECTS[lang])} {rng.choice(VERBS[lang])} {rng.choice(OBJECTS[lang])}"
    if rng.random() < 0.3:
        text += f" og {rng.choice(OBJECTS[lang])}"
    return text + rng.choice(TAILS) + "."


def coding(rng: random.Random, lang: str) -> Coding:
    positions = [Position(rng.choice(ISSUES), rng.choice("+-~"))] if rng.random() < 0.4 else []
    return Coding(
        kind=rng.choice(KINDS),
        language=lang,
        topics=rng.sample(TOPICS, rng.randint(0, 2)),
        positions=positions,  # type: ignore[arg-type]
    )


def document(rng: random.Random, n: int, version: int, size: int) -> Document:
    lang = "nn" if n % 4 == 0 else "nb"
    start = 2020 + n % 8
    statements = [
        Statement(index=i, text=sentence(rng, lang), form="item", coding=coding(rng, lang))
        for i in range(size)
    ]
    return Document(
        source=f"plan-{n}.txt",
        format="txt",
        content_hash=f"sha256:{n}:{version}",
        title=f"Helseplan nummer {n}",
        actor=f"Aktør {n % 25}",
        language=lang,
        period=f"{start}/{start + 4}",
        statements=statements,
    )


def build(atlas: Atlas, count: int, rng: random.Random) -> None:
    documents = count // PER_DOCUMENT
    second = documents // 10  # this many documents get a second version, in the total
    first = documents - second
    for n in range(first):
        atlas.add(document(rng, n, 1, PER_DOCUMENT))
    for n in range(second):
        atlas.add(document(rng, n, 2, PER_DOCUMENT))
    for statement_id in rng.sample(range(1, count), 300):
        atlas.correct(statement_id, "topics", [rng.choice(TOPICS)], author="bench")


def measure(atlas: Atlas, runs: int) -> None:
    print(f"{'query':<34} {'filters':<42} {'total':>6} {'p50 ms':>7} {'p95 ms':>7}")
    for query, filters in QUERIES:
        search(atlas, query, Filters(**filters))  # warm-up
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            results = search(atlas, query, Filters(**filters))
            times.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        shown = ", ".join(f"{k}={v}" for k, v in filters.items())
        print(f"{query!r:<34} {shown:<42} {results.total:>6} {p50:>7.1f} {p95:>7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--db", help="an empty database to build in (default: a temporary file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'search.db'}"
        with Atlas(url) as atlas:
            started = time.perf_counter()
            build(atlas, args.statements, random.Random(7))
            stored = atlas.overview()["statements"]
            seconds = time.perf_counter() - started
            print(f"{atlas.url}: {stored:,} statements stored in {seconds:.0f} s")
            measure(atlas, args.runs)


if __name__ == "__main__":
    main()

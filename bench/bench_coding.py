"""Statements per second of the whole coder (code_statement) over generated statements.

Run: .venv/bin/python bench/bench_coding.py [count]
Target: at least 5,000 statements per second on one core, after warm-up.
"""

from __future__ import annotations

import random
import sys
import time

from planatlas.coding import code_statement
from planatlas.records import Document, Statement

SUBJECTS = {
    "nb": ["Regjeringen vil", "Partiet vil", "Kommunene skal", "Vi krever at staten skal",
           "Nettverket skal", "Helseforetakene må"],
    "nn": ["Regjeringa vil", "Partiet vil", "Kommunane skal", "Vi krev at staten skal",
           "Nettverket skal", "Helseføretaka må"],
}  # fmt: skip
VERBS = {
    "nb": ["styrke", "øke", "redusere", "innføre", "fjerne", "prioritere", "erstatte", "satse på"],
    "nn": [
        "styrkje",
        "auke",
        "redusere",
        "innføre",
        "fjerne",
        "prioritere",
        "erstatte",
        "satse på",
    ],
}
OBJECTS = {
    "nb": ["rammefinansieringen av spesialisthelsetjenesten", "innsatsstyrt finansiering",
           "antallet fastleger i distriktene", "bemanningen i sykehjemmene", "lokalsykehusene",
           "ventetidene i psykisk helsevern", "helseforetaksmodellen", "tilbudet om rehabilitering",
           "samhandlingen mellom kommuner og sykehus", "egenandelene for tannbehandling"],
    "nn": ["rammefinansieringa av spesialisthelsetenesta", "innsatsstyrt finansiering",
           "talet på fastlegar i distrikta", "bemanninga på sjukeheimane", "lokalsjukehusa",
           "ventetidene i psykisk helsevern", "helseføretaksmodellen", "tilbodet om rehabilitering",
           "samhandlinga mellom kommunar og sjukehus", "eigendelane for tannbehandling"],
}  # fmt: skip
TAILS = ["", " innen 2030", " med 500 millioner kroner", " i hele landet", " med minst 20 prosent"]


def generate(count: int, seed: int = 7) -> list[Statement]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        lang = rng.choice(["nb", "nn"])
        text = " ".join(
            [rng.choice(SUBJECTS[lang]), rng.choice(VERBS[lang]), rng.choice(OBJECTS[lang])]
        )
        if rng.random() < 0.3:
            text += " og " + rng.choice(OBJECTS[lang])
        out.append(Statement(i, text + rng.choice(TAILS) + "."))
    return out


def main(count: int) -> None:
    doc = Document(source="bench", format="txt", content_hash="0", actor="Partiet",
                   genre="programme", language="nb", published="2024-03-01")  # fmt: skip
    statements = generate(count)
    for statement in statements[:200]:  # warm-up: load data files and models
        code_statement(statement, doc)
    fresh = generate(count, seed=11)
    start = time.perf_counter()
    for statement in fresh:
        code_statement(statement, doc)
    elapsed = time.perf_counter() - start
    print(f"{count} statements in {elapsed:.2f} s: {count / elapsed:,.0f} statements/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)

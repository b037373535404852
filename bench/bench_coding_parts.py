"""Statements per second of language + normalize + targets over generated sentences.

Run: .venv/bin/python bench/bench_coding_parts.py [count]
"""

from __future__ import annotations

import random
import sys
import time

from planatlas.coding import language, normalize, targets

# Each written form has its own vocabulary: real documents keep to one form per sentence.
VOCABULARY = {
    "nb": (
        ["Regjeringen", "Kommunene", "Helseforetakene", "Partiet", "Nettverket", "Styret"],
        [
            "vil øke",
            "skal styrke",
            "må redusere",
            "bør innføre",
            "ønsker å fjerne",
            "vil prioritere",
            "skal prøve ut",
        ],
        [
            "rammefinansieringen av spesialisthelsetjenesten",
            "innsatsstyrt finansiering",
            "antallet fastleger",
            "bemanningen i sykehjemmene",
            "tilskuddet til samhandling",
            "ventetidene i psykisk helsevern",
            "helseforetaksmodellen",
            "lokalsykehusene",
        ],
    ),
    "nn": (
        ["Regjeringa", "Kommunane", "Helseføretaka", "Partiet", "Nettverket", "Styret"],
        [
            "vil auke",
            "skal styrkje",
            "må redusere",
            "bør innføre",
            "ønskjer å fjerne",
            "vil prioritere",
            "skal prøve ut",
        ],
        [
            "rammefinansieringa av spesialisthelsetenesta",
            "innsatsstyrt finansiering",
            "talet på fastlegar",
            "bemanninga i sjukeheimane",
            "tilskotet til samhandling",
            "ventetidene i psykisk helsevern",
            "helseføretaksmodellen",
            "lokalsjukehusa",
        ],
    ),
}
# Most statements state no number; a few state a count, share, amount, period or date.
TAILS = [
    "",
    "",
    "",
    "",
    " i heile landet",
    " i hele landet",
    " med minst {n} nye stillingar",
    " til {n} prosent",
    " med {n} mill. kroner",
    " i perioden 2025–{y}",
    " innen {d}. mars",
    " i planperioden",
]


def sentences(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        subjects, verbs, objects = VOCABULARY[rng.choice(["nb", "nn"])]
        tail = rng.choice(TAILS).format(
            n=rng.randint(2, 900), y=rng.randint(2026, 2035), d=rng.randint(1, 28)
        )
        made.append(f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}{tail}.")
    return made


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    texts = sentences(count)
    started = time.perf_counter()
    language.detect("Vi vil styrkje tenestene.")  # load the data files and lingua
    language.detect("Planen handlar om helse og omsorg i framtida for alle")
    normalize.terms("tenestene")
    targets.extract("minst tre møte")
    print(f"load: {time.perf_counter() - started:.2f} s")
    tokens = 0
    started = time.perf_counter()
    for text in texts:
        lang, _ = language.detect(text, prior=None)
        tokens += len(normalize.terms(text, lang))
        targets.extract(text, 2024)
    elapsed = time.perf_counter() - started
    print(
        f"{count} statements in {elapsed:.2f} s: {count / elapsed:,.0f} statements/s, "
        f"{tokens / elapsed:,.0f} terms/s"
    )
    started = time.perf_counter()
    for text in texts:
        normalize.terms(text, "nb")
    elapsed = time.perf_counter() - started
    print(f"normalize alone (warm cache): {count / elapsed:,.0f} statements/s")


if __name__ == "__main__":
    main()

"""A generated corpus for the coding benchmarks: varied statements, not the seed sentences.

Statements are put together from templates and from the lexicons themselves: issue and
topic terms of data/taxonomy.yaml (a stem "rammefinansier*" gets an ending), direction
words, actors, and numbers, years and months drawn at random, in Bokmål and Nynorsk. They
come in documents of every genre, as sentences, list items under a lead-in, headings and
quotes, so that every step of the coder does the work it does on real plans. Almost every
text is unique, so a cache keyed on a whole statement does not flatter the figures; word
caches warm up as they would on a real corpus.
"""

from __future__ import annotations

import bisect
import os
import random
from dataclasses import dataclass

from planatlas.coding import language, normalize
from planatlas.coding.taxonomy import builtin_taxonomy
from planatlas.records import Document, Statement

# Endings for a stem the dictionary has no form of, and endings a Bokmål form never has.
ENDINGS = {"nb": ["", "", "en", "er", "et"], "nn": ["", "", "a", "ar", "et"]}
NYNORSK_ENDINGS = ("ar", "ane", "ast", "ande", "leg", "lege", "heit", "a")
FRAME: dict[str, dict[str, list[str]]] = {
    "nb": {
        "actor": ["Regjeringen", "Partiet", "Kommunene", "Helseforetakene", "Forbundet",
                  "Nettverket", "Direktoratet", "Styret", "Vi", "Fylkeskommunen"],
        "modal": ["vil", "skal", "må", "bør", "ønsker å", "går inn for å", "krever at vi"],
        "plus": ["styrke", "øke", "utvide", "prioritere", "satse på", "sikre", "bygge ut",
                 "videreutvikle", "innføre", "trappe opp"],
        "minus": ["redusere", "fjerne", "avvikle", "kutte i", "begrense", "avskaffe",
                  "legge ned", "bygge ned"],
        "link": ["i", "for", "til", "ved", "mellom", "blant", "på"],
        "place": ["i hele landet", "i distriktene", "i kommunene", "for pasientene",
                  "for de eldre", "i Nord-Norge", "for barn og unge", "der folk bor"],
        "fact": ["Planen ble lansert", "Rapporten viser at", "Utvalget har levert",
                 "Det var", "Direktoratet publiserte", "Høringen ble avsluttet"],
        "challenge": ["For lange ventetider", "Mangel på", "Det er en stor utfordring at",
                      "Problemet er", "For få", "Manglende"],
        "goal": ["Målet er", "Vårt mål er at", "Visjonen er", "Et godt", "Trygge"],
        "opinion": ["Vi er glad for", "Det er bra at", "Vi er bekymret for", "Dessverre er",
                    "Vi ser fram til"],
        "neg": ["ikke", "ikke lenger"],
        "lead": ["Partiet vil:", "Vi krever:", "Regjeringen skal:", "Utfordringer:",
                 "Mål for perioden:", "Forbundet mener:"],
        "heading": ["Mål for", "Utfordringer i", "Tiltak for", "Om", "Kapittel"],
        "glue": ["og", "samt", "men også", "slik at", "fordi"],
        "year_prep": ["innen", "i", "fra", "til og med", "senest i"],
        "unit": ["nye stillinger", "fastleger", "sykehjemsplasser", "lokalsykehus",
                 "årsverk", "kommuner", "pasienter", "tiltak"],
        "money": ["millioner kroner", "mill. kr", "mrd. kroner", "kroner"],
        "comp": ["minst", "over", "inntil", "om lag", "under", "mer enn", ""],
    },
    "nn": {
        "actor": ["Regjeringa", "Partiet", "Kommunane", "Helseføretaka", "Forbundet",
                  "Nettverket", "Direktoratet", "Styret", "Vi", "Fylkeskommunen"],
        "modal": ["vil", "skal", "må", "bør", "ønskjer å", "går inn for å", "krev at vi"],
        "plus": ["styrkje", "auke", "utvide", "prioritere", "satse på", "sikre", "byggje ut",
                 "vidareutvikle", "innføre", "trappe opp"],
        "minus": ["redusere", "fjerne", "avvikle", "kutte i", "avgrense", "avskaffe",
                  "leggje ned", "byggje ned"],
        "link": ["i", "for", "til", "ved", "mellom", "blant", "på"],
        "place": ["i heile landet", "i distrikta", "i kommunane", "for pasientane",
                  "for dei eldre", "i Nord-Noreg", "for born og unge", "der folk bur"],
        "fact": ["Planen vart lansert", "Rapporten viser at", "Utvalet har levert",
                 "Det var", "Direktoratet publiserte", "Høyringa vart avslutta"],
        "challenge": ["For lange ventetider", "Mangel på", "Det er ei stor utfordring at",
                      "Problemet er", "For få", "Manglande"],
        "goal": ["Målet er", "Vårt mål er at", "Visjonen er", "Eit godt", "Trygge"],
        "opinion": ["Vi er glade for", "Det er bra at", "Vi er uroa for", "Dessverre er",
                    "Vi ser fram til"],
        "neg": ["ikkje", "ikkje lenger"],
        "lead": ["Partiet vil:", "Vi krev:", "Regjeringa skal:", "Utfordringar:",
                 "Mål for perioden:", "Forbundet meiner:"],
        "heading": ["Mål for", "Utfordringar i", "Tiltak for", "Om", "Kapittel"],
        "glue": ["og", "samt", "men òg", "slik at", "fordi"],
        "year_prep": ["innan", "i", "frå", "til og med", "seinast i"],
        "unit": ["nye stillingar", "fastlegar", "sjukeheimsplassar", "lokalsjukehus",
                 "årsverk", "kommunar", "pasientar", "tiltak"],
        "money": ["millionar kroner", "mill. kr", "mrd. kronar", "kroner"],
        "comp": ["minst", "over", "inntil", "om lag", "under", "meir enn", ""],
    },
}  # fmt: skip
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "august", "oktober", "desember"]
GENRES = [
    ("programme", "Framtidspartiet", "party"),
    ("action_plan", "Pasientforbundet", "organisation"),
    ("government_plan", "Regjeringen", "government"),
    ("news", "Helsedirektoratet", "directorate"),
    ("slides", "Helse Fjordvik", "health_trust"),
    ("hearing_response", "Legeforeningen", "organisation"),
    ("other", None, None),
]


@dataclass(frozen=True)
class Lexicon:
    """Terms of the taxonomy by written form (a term of the other form is left out), and
    the dictionary's word forms, sorted, to give a stem ("rammefinansier*") a real ending."""

    issue_terms: dict[str, list[str]]
    topic_terms: dict[str, list[str]]
    forms: list[str]


def lexicon() -> Lexicon:
    taxonomy = builtin_taxonomy()
    issues = [t for i in taxonomy.issues.values() for t in i.terms + i.inverse_terms]
    topics = [t for p in taxonomy.topics.values() for t in p.terms + p.weak_terms]
    forms = sorted(w for w in normalize.bokmal() if w.isalpha() and w.islower())
    return Lexicon(_by_form(issues), _by_form(topics), forms)


def _by_form(terms: list[str]) -> dict[str, list[str]]:
    """Terms by the written form they fit: a term with a Nynorsk word (a marker, or a word
    data/nn_nb.tsv folds) only in Nynorsk, one with a Bokmål marker only in Bokmål."""
    usable = [t for t in terms if not t.startswith("*") and len(t.strip("*")) >= 3]
    found: dict[str, list[str]] = {"nb": [], "nn": []}
    for term in usable:
        bare = term.replace("*", "")
        evidence = language.evidence(bare)
        if not evidence.nn and not _folds(bare):
            found["nb"].append(term)
        if not evidence.nb:
            found["nn"].append(term)
    return found


def _folds(text: str) -> bool:
    table = normalize.folds()
    for word in text.lower().split():
        if word in table.words or word in table.nn_words:
            return True
        if table.stem_pattern is not None and table.stem_pattern.search(word):
            return True
    return False


class Generator:
    """Statements and documents made up from templates, the lexicons and random numbers."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.lex = lexicon()

    def pick(self, lang: str, slot: str) -> str:
        return self.rng.choice(FRAME[lang][slot])

    def term(self, lang: str, issue: bool = True) -> str:
        terms = (self.lex.issue_terms if issue else self.lex.topic_terms)[lang]
        return " ".join(self._inflect(w, lang) for w in self.rng.choice(terms).split())

    def _inflect(self, word: str, lang: str) -> str:
        """A stem as a word the dictionary knows (of at most six more letters), if any; in
        Bokmål, not one with a Nynorsk ending (the dictionary has some Nynorsk forms)."""
        if not word.endswith("*"):
            return word
        stem = word[:-1]
        forms = self.lex.forms
        start = bisect.bisect_left(forms, stem)
        end = bisect.bisect_left(forms, stem + "\uffff", lo=start)
        known = [f for f in forms[start : min(end, start + 400)] if len(f) <= len(stem) + 6]
        if lang == "nb":
            known = [f for f in known if not f.endswith(NYNORSK_ENDINGS)]
        return self.rng.choice(known) if known else stem + self.rng.choice(ENDINGS[lang])

    def object(self, lang: str) -> str:
        head = self.term(lang, issue=self.rng.random() < 0.6)
        if self.rng.random() < 0.5:
            head += f" {self.pick(lang, 'link')} {self.term(lang, issue=False)}"
        return head

    def tail(self, lang: str) -> str:
        roll, rng = self.rng.random(), self.rng
        if roll < 0.45:
            return ""
        if roll < 0.55:
            return " " + self.pick(lang, "place")
        if roll < 0.65:
            return f" {self.pick(lang, 'year_prep')} {rng.randint(2024, 2040)}"
        if roll < 0.72:
            return f" med {self.pick(lang, 'comp')} {rng.randint(2, 950)} {self.pick(lang, 'unit')}"
        if roll < 0.79:
            return f" til {rng.randint(1, 60)} prosent"
        if roll < 0.85:
            money = f"{rng.randint(1, 900)},{rng.randint(0, 9)}"
            return f" med {money} {self.pick(lang, 'money')}"
        if roll < 0.9:
            return f" i perioden {rng.randint(2024, 2028)}–{rng.randint(2029, 2035)}"
        if roll < 0.95:
            return f" innen {rng.randint(1, 28)}. {rng.choice(MONTHS)} {rng.randint(2025, 2030)}"
        words = rng.choice(["tre", "fire", "ti", "tjue", "to hundre"])
        return f" med {words} {self.pick(lang, 'unit')}"

    def sentence(self, lang: str) -> tuple[str, str]:
        """A statement's text and the form it takes."""
        roll = self.rng.random()
        direction = self.pick(lang, "plus" if self.rng.random() < 0.6 else "minus")
        if roll < 0.35:
            neg = f" {self.pick(lang, 'neg')}" if self.rng.random() < 0.1 else ""
            text = f"{self.pick(lang, 'actor')} {self.pick(lang, 'modal')}{neg} {direction} "
            text += self.object(lang) + self.tail(lang)
            if self.rng.random() < 0.3:
                text += f" {self.pick(lang, 'glue')} {self.pick(lang, 'plus')} {self.object(lang)}"
            return text + ".", "sentence"
        if roll < 0.6:
            return f"{direction} {self.object(lang)}{self.tail(lang)}", "item"
        if roll < 0.7:
            slot = self.rng.choice(["fact", "challenge", "goal", "opinion"])
            return f"{self.pick(lang, slot)} {self.object(lang)}{self.tail(lang)}.", "sentence"
        if roll < 0.78:
            return f"{self.pick(lang, 'heading')} {self.object(lang)}", "heading"
        if roll < 0.86:
            return self.object(lang).capitalize() + self.tail(lang), "item"
        if roll < 0.93:
            first = self.object(lang) + self.tail(lang)
            return f"{first} {self.pick(lang, 'glue')} {direction} {self.object(lang)}.", "sentence"
        year = self.rng.randint(2015, 2024)
        return f"I {year} {self.pick(lang, 'fact').lower()} {self.object(lang)}.", "sentence"

    def statements(self, lang: str, count: int) -> list[Statement]:
        made: list[Statement] = []
        section: tuple[str, ...] = ()
        lead: str | None = None
        for index in range(count):
            text, form = self.sentence(lang)
            if form == "heading":
                section, lead = (text,), None
            elif form == "item" and lead is None and self.rng.random() < 0.4:
                lead = self.pick(lang, "lead")
            elif form != "item":
                lead = None
            actor = lead.split()[0] if lead and lead[0].isupper() else None
            speaker = "Kari Nordmann" if form == "sentence" and self.rng.random() < 0.05 else None
            made.append(
                Statement(
                    index,
                    text,
                    section=section,
                    lead_in=lead if form == "item" else None,
                    lead_in_actor=actor if form == "item" else None,
                    form=form,
                    speaker=speaker,
                )  # fmt: skip
            )
        return made

    def document(self, number: int, size: int) -> Document:
        genre, actor, actor_kind = self.rng.choice(GENRES)
        lang = self.rng.choice(["nb", "nb", "nn"])
        return Document(
            source=f"generert-{number}.txt",
            format="txt",
            content_hash=str(number),
            actor=actor,
            actor_kind=actor_kind,
            genre=genre,
            language=self.rng.choice([lang, lang, None]),
            published=f"{self.rng.randint(2019, 2025)}-03-01",
            statements=self.statements(lang, size),
        )


def corpus(count: int, seed: int = 7, size: int = 40) -> list[Document]:
    """Documents of `size` statements each, `count` statements in all."""
    made = Generator(seed)
    return [
        made.document(n, min(size, count - n * size)) for n in range((count + size - 1) // size)
    ]


def pin_one_core() -> str:
    """Run on one core, where the platform allows it; says which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"

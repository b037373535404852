"""Targets of a statement: counts, shares, amounts, periods and dates (codebook section 4).

Identifiers are blanked out first (document references, law dates, "LIS1", parenthesised
title years), then each kind of target is found in turn; every match blanks its own span
so that a number is coded once. Words and patterns live in data/targets.yaml.

The steps match the lowercased text with lowercased patterns, their word lists written as
tries (planatlas.coding.patterns): re.IGNORECASE would make every step several times
slower. Units are read from the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from planatlas.coding.patterns import literal_alternation, lower_pattern
from planatlas.records import Target

_DIGITS = r"(?<![\d,.])(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)?(?!\d)"
_YEAR = r"(?:19|20)\d\d"
_WORD_AFTER = re.compile(r"\s+([^\W\d_][\w-]*)")
_ANY_DIGIT = re.compile(r"\d")
_WORD_STEPS = frozenset({"amount", "percent", "count"})  # steps that also read number words

Builder = Callable[["re.Match[str]", int | None, str], Target | None]


@dataclass(frozen=True)
class Step:
    """One kind of target: its pattern, its builder, and a cheap test for whether to try it."""

    pattern: re.Pattern[str]
    builder: str
    trigger: re.Pattern[str] | None  # None: always try (where the text has a number)


@dataclass(frozen=True)
class Rules:
    """targets.yaml, compiled."""

    number_words: dict[str, int]
    multipliers: dict[str, int]
    comparators: dict[str, str]  # phrase (lowercase) -> comparator
    scales: tuple[tuple[re.Pattern[str], int], ...]
    months: dict[str, int]  # spelling without a final dot -> month number
    unit_skip: frozenset[str]
    not_units: frozenset[str]
    identifiers: tuple[re.Pattern[str], ...]
    any_identifier: re.Pattern[str]  # any of them (on lowercased text), to skip masking quickly
    steps: tuple[Step, ...]
    number_word: re.Pattern[str]  # any number word, to skip the number steps quickly


def _alternation(words: Iterable[str], escape: bool = True) -> str:
    """Words (lowercased) as one alternation: literal words as a trie, patterns longest first."""
    if escape:
        return literal_alternation(w.lower() for w in words)
    ordered = sorted({lower_pattern(w) for w in words}, key=len, reverse=True)
    return "|".join(ordered)


def _load() -> dict[str, Any]:
    text = resources.files("planatlas").joinpath("data", "targets.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@cache
def rules() -> Rules:
    """Load and compile data/targets.yaml once."""
    raw = _load()
    comparators = {p.lower(): c for c, phrases in raw["comparators"].items() for p in phrases}
    months = {
        spelling.replace("\\.?", "").lower(): int(number)
        for number, spellings in raw["months"].items()
        for spelling in spellings
    }
    return Rules(
        number_words={k.lower(): int(v) for k, v in raw["number_words"].items()},
        multipliers={k.lower(): int(v) for k, v in raw["multipliers"].items()},
        comparators=comparators,
        scales=tuple((re.compile(p, re.I), int(v)) for p, v in raw["scales"].items()),
        months=months,
        unit_skip=frozenset(w.lower() for w in raw["unit_skip"]),
        not_units=frozenset(w.lower() for w in raw["not_units"]),
        identifiers=tuple(re.compile(p, re.I) for p in raw["identifiers"]),
        any_identifier=re.compile("|".join(f"(?:{lower_pattern(p)})" for p in raw["identifiers"])),
        steps=_steps(raw, comparators),
        number_word=re.compile(rf"(?<!\w)(?:{_alternation(raw['number_words'])})(?!\w)"),
    )


def _steps(raw: dict[str, Any], comparators: dict[str, str]) -> tuple[Step, ...]:
    month = _alternation((s for ss in raw["months"].values() for s in ss), escape=False)
    month = rf"(?<!\w)(?:{month})(?!\w)"
    words = _alternation(raw["number_words"])
    multiplier = _alternation(raw["multipliers"])
    number = rf"(?P<num>{_DIGITS}|(?<!\w)(?:{words})(?:\s+(?:{multiplier}))?(?!\w))"
    comp = rf"(?:(?<!\w)(?P<comp>{_alternation(comparators)})\s+)?"
    scale = _alternation(raw["scales"], escape=False)
    currency = _alternation(raw["currency"], escape=False)
    percent = _alternation(raw["percent_words"], escape=False)
    prep = _alternation(raw["year_prepositions"])
    relative = _alternation(raw["relative_periods"])
    triggers = {
        "dotted": r"\d\.\s*\w",
        "iso": r"\d{4}-\d\d-",
        "month": month,
        "year": _YEAR,
        "money": rf"(?<!\w)(?:{scale}|{currency})(?!\w)",
        "percent": rf"(?:{percent})(?!\w)",
    }
    patterns = [
        (
            r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])",
            "numeric_date",
            "dotted",
        ),
        (rf"(?<!\d)(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)", "numeric_date", "iso"),
        (
            rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s*(?P<month>{month})(?:\s+(?P<y>{_YEAR})(?!\d))?",
            "written_date",
            "dotted",
        ),
        (
            rf"(?P<m1>{month})\s*(?P<y1>{_YEAR})?\s*(?:[-–—]|til)\s*(?P<m2>{month})"
            rf"\s+(?P<y2>{_YEAR})(?!\d)",
            "month_period",
            "month",
        ),
        (
            rf"(?<![\w:/.-])(?P<y1>{_YEAR})\s*(?:[-–—/]|til)\s*(?P<y2>(?:19|20)?\d\d)(?![\w:/-])",
            "year_period",
            "year",
        ),
        (rf"(?P<month>{month})\s+(?P<y>{_YEAR})(?!\d)", "month_date", "month"),
        (rf"(?<!\w)(?:{prep})\s+(?P<y>{_YEAR})(?![\w-])", "year", "year"),
        (rf"(?<!\w)(?P<rel>{relative})(?!\w)", "relative_period", None),
        (
            rf"{comp}(?<!\w)(?P<cur>{currency})(?!\w)\s*(?P<num>{_DIGITS})"
            rf"(?:\s*(?P<scale>{scale})(?!\w))?",
            "amount",
            "money",
        ),
        (
            rf"{comp}{number}\s*(?:(?P<scale>{scale})(?!\w)(?:\s*(?P<cur>{currency})(?!\w))?"
            rf"|(?P<cur2>{currency})(?!\w))",
            "amount",
            "money",
        ),
        (rf"{comp}{number}\s*(?P<pct>{percent})(?!\w)", "percent", "percent"),
        (rf"{comp}{number}(?!\.\s?\w)", "count", None),
    ]
    return tuple(
        Step(re.compile(p), name, re.compile(triggers[t]) if t else None) for p, name, t in patterns
    )


def extract(text: str, year: int | None = None) -> list[Target]:
    """The targets a statement states, in the order they are written."""
    table = rules()
    has_digit = _ANY_DIGIT.search(text) is not None
    lowered = _lower(text)
    masked = text
    if has_digit and table.any_identifier.search(lowered):
        masked = _mask(text, table.identifiers)
    has_number = has_digit or table.number_word.search(lowered) is not None
    masks = (_lower(masked), masked)
    found: list[tuple[int, Target]] = []
    for step in table.steps:
        if step.builder != "relative_period" and not has_number:
            continue
        if step.builder not in _WORD_STEPS and step.builder != "relative_period" and not has_digit:
            continue
        if step.trigger is not None and step.trigger.search(lowered) is None:
            continue
        masks = _consume(masks, step.pattern, _BUILDERS[step.builder], year, found)
    found.sort(key=lambda item: item[0])
    unique: list[Target] = []
    for _, target in found:
        if target not in unique:
            unique.append(target)
    return unique


def _mask(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m[0]), text)
    return text


def _lower(text: str) -> str:
    """The text lowercased letter by letter, so that every offset stays where it was."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _consume(
    texts: tuple[str, str],
    pattern: re.Pattern[str],
    build: Builder,
    year: int | None,
    found: list[tuple[int, Target]],
) -> tuple[str, str]:
    """Add a target for each match that builds one, and blank the matched spans.

    `texts` is the text lowercased (matched) and as written (units are read from it)."""
    lowered, written = texts
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(lowered):
        target = build(match, year, written)
        if target is None:
            continue
        found.append((match.start(), target))
        spans.append(match.span())
    if not spans:
        return texts
    return _blank(lowered, spans), _blank(written, spans)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


# --- dates and periods


def _full_year(value: str) -> int:
    number = int(value)
    return number + 2000 if number < 100 else number


def _iso(year: int | None, month: int, day: int | None = None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    prefix = f"{year:04d}" if year is not None else "-"
    return f"{prefix}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _month(name: str) -> int:
    return rules().months[name.lower().rstrip(".")]


def _numeric_date(match: re.Match[str], year: int | None, written: str) -> Target | None:
    value = _iso(_full_year(match["y"]), int(match["m"]), int(match["d"]))
    return Target("date", value) if value else None


def _written_date(match: re.Match[str], year: int | None, written: str) -> Target | None:
    stated = int(match["y"]) if match["y"] else year
    value = _iso(stated, _month(match["month"]), int(match["d"]))
    return Target("date", value) if value else None


def _month_date(match: re.Match[str], year: int | None, written: str) -> Target | None:
    value = _iso(int(match["y"]), _month(match["month"]))
    return Target("date", value) if value else None


def _month_period(match: re.Match[str], year: int | None, written: str) -> Target | None:
    end_year = int(match["y2"])
    start_year = int(match["y1"]) if match["y1"] else end_year
    start = _iso(start_year, _month(match["m1"]))
    end = _iso(end_year, _month(match["m2"]))
    if start is None or end is None or start > end:
        return None
    return Target("period", f"{start}/{end}")


def _year_period(match: re.Match[str], year: int | None, written: str) -> Target | None:
    start = int(match["y1"])
    end_text = match["y2"]
    end = int(end_text) if len(end_text) == 4 else start // 100 * 100 + int(end_text)
    if not 0 < end - start <= 50:
        return None
    return Target("period", f"{start}/{end}")


def _year(match: re.Match[str], year: int | None, written: str) -> Target | None:
    return Target("period", match["y"])


def _relative_period(match: re.Match[str], year: int | None, written: str) -> Target | None:
    return Target("period", " ".join(match["rel"].lower().split()))


# --- numbers


def _number(text: str) -> float | None:
    """The value of digits ("20 000", "1,2") or number words ("tre", "to hundre")."""
    table = rules()
    words = text.lower().split()
    if words[0] in table.number_words:
        value = table.number_words[words[0]]
        for word in words[1:]:
            value *= table.multipliers.get(word, 1)
        return float(value)
    try:
        return float(re.sub(r"[ \u00a0]", "", text).replace(",", "."))
    except ValueError:
        return None


def _plain(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _comparator(match: re.Match[str]) -> str | None:
    phrase = match["comp"]
    return rules().comparators[" ".join(phrase.lower().split())] if phrase else None


def _is_word_number(text: str) -> bool:
    return not text[0].isdigit()


def _scale(text: str | None) -> int:
    if not text:
        return 1
    for pattern, factor in rules().scales:
        if pattern.fullmatch(text):
            return factor
    return 1


def _next_word(text: str, start: int) -> str | None:
    """The noun after a number, skipping adjectives ("tre nye sykehus" -> "sykehus")."""
    table = rules()
    position = start
    for _ in range(3):
        found = _WORD_AFTER.match(text, position)
        if not found:
            return None
        word = found[1]
        if word.lower() not in table.unit_skip:
            return None if word.lower() in table.not_units else word
        position = found.end()
    return None


def _amount(match: re.Match[str], year: int | None, written: str) -> Target | None:
    value = _number(match["num"])
    if value is None:
        return None
    has_currency = bool(match["cur"]) or bool(match.groupdict().get("cur2"))
    factor = _scale(match["scale"])
    if not has_currency:
        counted = _next_word(written, match.end())
        if counted is not None:  # "1,5 millioner innbyggere" counts people, not kroner
            return Target(
                "count", _plain(round(value * factor)), counted, _comparator(match) or "="
            )
    return Target("amount", _plain(round(value * factor)), "NOK", _comparator(match) or "=")


def _percent(match: re.Match[str], year: int | None, written: str) -> Target | None:
    value = _number(match["num"])
    if value is None:
        return None
    unit = "prosentpoeng" if match["pct"].lower() == "prosentpoeng" else None
    return Target("percent", _plain(value), unit, _comparator(match) or "=")


def _count(match: re.Match[str], year: int | None, written: str) -> Target | None:
    text = match["num"]
    value = _number(text)
    if value is None or re.fullmatch(_YEAR, text):
        return None
    comparator = _comparator(match)
    qualified = comparator not in (None, "=")
    unit = _next_word(written, match.end())
    if unit is None and not qualified:
        return None
    if _is_word_number(text) and value == 1 and not qualified:
        return None  # "som én helhet", "på ett nivå"
    return Target("count", _plain(value), unit, comparator or "=")


_BUILDERS: dict[str, Builder] = {
    "numeric_date": _numeric_date,
    "written_date": _written_date,
    "month_date": _month_date,
    "month_period": _month_period,
    "year_period": _year_period,
    "year": _year,
    "relative_period": _relative_period,
    "amount": _amount,
    "percent": _percent,
    "count": _count,
}

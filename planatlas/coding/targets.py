"""Targets of a statement: counts, shares, amounts, periods and dates (codebook section 4).

Identifiers are blanked out first (document references, law dates and years, "LIS1",
parenthesised title years, the scheme a proposal is modelled on), then each kind of target is
found in turn; every match blanks its own span so that a number is coded once. Words and
patterns live in data/targets.yaml.

As the gold decides: a lone year is a date ("innen 2035"), a span of years a period; a range
("20–30 prosent") gives both bounds, a change ("fra 03.00 til 02.00") its end; a week number
("til uke 18") and a number joined to a noun ("femårig", "18-års") count; a number after a
definite determiner ("de seks sentrene") or before a capitalised word (a line or page number)
does not.

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
# What a step needs in the text before it is tried: a digit, any number (digits or words), or
# nothing but its trigger (relative periods, "minst en", "femårig"). "en million" is a number.
_NEEDS = {"relative_period": None, "article_one": None, "amount": "number", "percent": "number",
          "count": "number", "range": "number", "joined": None}  # fmt: skip

# Plain word lists of targets.yaml that the patterns use as they are.
_WORD_LISTS = (
    "articles",
    "year_prepositions",
    "relative_periods",
    "clock_words",
    "until_words",
    "week_words",
    "years_suffix",
    "one_comparators",
    "from_words",
    "between_words",
)

Built = Target | tuple[Target, ...] | None
Builder = Callable[["re.Match[str]", int | None, str], Built]


@dataclass(frozen=True)
class Step:
    """One kind of target: its pattern, its builder, and a cheap test for whether to try it."""

    pattern: re.Pattern[str]
    builder: str
    trigger: re.Pattern[str] | None  # None: always try (where the text has what it needs)
    needs: str | None = "digit"  # "digit", "number" or None


@dataclass(frozen=True)
class Rules:
    """targets.yaml, compiled."""

    number_words: dict[str, int]  # with the compounds ("tjuefem")
    articles: frozenset[str]
    multipliers: dict[str, int]
    comparators: dict[str, str]  # phrase (lowercase) -> comparator
    scales: tuple[tuple[re.Pattern[str], int], ...]
    months: dict[str, int]  # spelling without a final dot -> month number
    unit_skip: frozenset[str]
    not_units: frozenset[str]
    determiners: re.Pattern[str]  # a definite determiner that ends the text before a number
    negations: re.Pattern[str]  # a negation that ends the text before "minst en"
    identifiers: tuple[re.Pattern[str], ...]
    any_identifier: re.Pattern[str]  # any of them (on lowercased text), to skip masking quickly
    steps: tuple[Step, ...]
    number_word: re.Pattern[str]  # any number word or "en million", to skip the number steps


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
        number_words=_number_words(raw),
        articles=frozenset(w.lower() for w in raw["articles"]),
        multipliers={k.lower(): int(v) for k, v in raw["multipliers"].items()},
        comparators=comparators,
        scales=tuple((re.compile(p, re.I), int(v)) for p, v in raw["scales"].items()),
        months=months,
        unit_skip=frozenset(w.lower() for w in raw["unit_skip"]),
        not_units=frozenset(w.lower() for w in raw["not_units"]),
        determiners=re.compile(
            rf"(?<!\w)(?:{_alternation(raw['definite_determiners'])})\s+$", re.I
        ),
        negations=re.compile(rf"(?<!\w)(?:{_alternation(raw['negations'])})\s+$", re.I),
        identifiers=tuple(re.compile(p, re.I) for p in raw["identifiers"]),
        any_identifier=re.compile("|".join(f"(?:{lower_pattern(p)})" for p in raw["identifiers"])),
        steps=_steps(raw, comparators),
        number_word=_any_number_word(raw),
    )


def _any_number_word(raw: dict[str, Any]) -> re.Pattern[str]:
    words = _alternation(_number_words(raw))
    scaled = rf"(?:{_alternation(raw['articles'])})\s+(?:{_alternation(raw['scales'], False)})"
    return re.compile(rf"(?<!\w)(?:{words}|{scaled})(?!\w)")


def _number_words(raw: dict[str, Any]) -> dict[str, int]:
    """The number words, and the tens joined with the units ("tjuefem": 25)."""
    words = {k.lower(): int(v) for k, v in raw["number_words"].items()}
    for ten, tens in raw["compound_tens"].items():
        for unit, units in raw["compound_units"].items():
            words[f"{ten}{unit}".lower()] = int(tens) + int(units)
    return words


Pattern = tuple[str, str, str | None]  # regex, builder, trigger (a name, a regex or None)


def _steps(raw: dict[str, Any], comparators: dict[str, str]) -> tuple[Step, ...]:
    """The steps in the order they run: dates and periods first, so that a year is never
    read as a count, then the numbers from the most specific to the plain count."""
    parts = _parts(raw, comparators)
    triggers = _triggers(raw, parts)
    patterns = [*_time_patterns(raw, parts), *_number_patterns(raw, parts)]
    return tuple(
        Step(re.compile(p), name, _trigger(triggers, t), _NEEDS.get(name, "digit"))
        for p, name, t in patterns
    )


def _parts(raw: dict[str, Any], comparators: dict[str, str]) -> dict[str, str]:
    """The word lists of targets.yaml as regex alternations, by name."""
    month = _alternation((s for ss in raw["months"].values() for s in ss), escape=False)
    words = _alternation(_number_words(raw))
    multiplier = _alternation(raw["multipliers"])
    parts = {name: _alternation(raw[name]) for name in _WORD_LISTS}
    return parts | {
        "month": rf"(?<!\w)(?:{month})(?!\w)",
        "words": words,
        "scale": _alternation(raw["scales"], escape=False),
        "currency": _alternation(raw["currency"], escape=False),
        "percent": _alternation(raw["percent_words"], escape=False),
        "comp": rf"(?:(?<!\w)(?P<comp>{_alternation(comparators)})\s+)?",
        "num": _number_pattern("num", words, multiplier),
        "low": _number_pattern("a", words, multiplier),
    }


def _triggers(raw: dict[str, Any], parts: dict[str, str]) -> dict[str, str]:
    words, scale, currency = parts["words"], parts["scale"], parts["currency"]
    return {
        "dotted": r"\d\.\s*\w",
        "iso": r"\d{4}-\d\d-",
        "month": parts["month"],
        "year": _YEAR,
        "clock": r"\d[.:]\d\d",
        "week": rf"(?:{parts['week_words']})\s+\d",
        "joined": rf"\d-\w|(?:{parts['years_suffix']})(?!\w)",
        "range": rf"[-–—]\s*\d|(?<!\w)(?:til|og)\s+(?:\d|(?:{words})(?!\w))",
        "one": rf"(?<!\w)(?:{parts['one_comparators']})\s",
        "money": rf"(?<!\w)(?:{scale}|{currency})(?!\w)",
        "percent": rf"(?:{parts['percent']})(?!\w)",
    }


def _time_patterns(raw: dict[str, Any], parts: dict[str, str]) -> list[Pattern]:
    month, froms = parts["month"], parts["from_words"]
    time = r"(?P<h{n}>[01]?\d|2[0-3])[.:](?P<min{n}>[0-5]\d)(?![.,:]?\d)"
    money_after = rf"\s*(?:{parts['scale']}|{parts['currency']}|{parts['percent']})(?!\w)"
    return [
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
            rf"(?<!\w)(?:{froms})\s+(?<![\d.]){time.format(n=1)}\s*(?:[-–—]|til)\s*"
            rf"{time.format(n=2)}",
            "clock",
            "clock",
        ),
        (
            rf"(?<!\w)(?P<prep>{parts['clock_words']})\s*(?<![\d.]){time.format(n=2)}",
            "clock",
            "clock",
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
        (
            rf"(?<!\w)(?:{parts['year_prepositions']})\s+(?:år(?:et)?\s+)?(?P<y>{_YEAR})"
            rf"(?![\w-])(?!{money_after})",
            "year",
            "year",
        ),
        (rf"(?<!\w)(?P<rel>{parts['relative_periods']})(?!\w)", "relative_period", None),
        *(
            (
                p["pattern"].replace("{number}", rf"(?:\d+|{parts['words']})"),
                "relative_period",
                p["when"],
            )
            for p in raw["relative_period_patterns"]
        ),
    ]


def _number_patterns(raw: dict[str, Any], parts: dict[str, str]) -> list[Pattern]:
    comp, num, words = parts["comp"], parts["num"], parts["words"]
    scale, currency, percent = parts["scale"], parts["currency"], parts["percent"]
    money = rf"(?P<scale>{scale})(?!\w)(?:\s*(?P<cur>{currency})(?!\w))?|(?P<cur2>{currency})(?!\w)"
    return [
        (
            rf"(?:(?<!\w)(?P<until>{parts['until_words']})\s+)?(?<!\w)"
            rf"(?P<unit>{parts['week_words']})\s+(?P<num>\d{{1,2}})(?![\d,.]\d)",
            "week",
            "week",
        ),
        (
            rf"(?<![\w,.-])(?P<num>\d+|{words})-?(?P<years>{parts['years_suffix']})(?!\w)"
            rf"|(?<![\w,.-])(?P<num2>\d+)-(?P<noun>[^\W\d_]+?)s(?!\w)",
            "joined",
            "joined",
        ),
        (
            rf"(?<!\w)(?:(?P<from>{parts['from_words']})\s+|(?P<between>{parts['between_words']})"
            rf"\s+)?{parts['low']}\s*(?P<join>[-–—]|til|og)\s*{num}"
            rf"(?:\s*(?P<pct>{percent})(?!\w)|\s*(?:{money}))?",
            "range",
            "range",
        ),
        (
            rf"{comp}(?<!\w)(?P<cur>{currency})(?!\w)\s*(?P<num>{_DIGITS})"
            rf"(?:\s*(?P<scale>{scale})(?!\w))?",
            "amount",
            "money",
        ),
        (
            rf"{comp}(?:{num}|(?<!\w)(?P<art>{parts['articles']})(?=\s+(?:{scale})(?!\w)))"
            rf"\s*(?:{money})",
            "amount",
            "money",
        ),
        (rf"{comp}{num}\s*(?P<pct>{percent})(?!\w)", "percent", "percent"),
        (
            rf"(?<!\w)(?P<comp>{parts['one_comparators']})\s+(?P<art>{parts['articles']})(?!\w)",
            "article_one",
            "one",
        ),
        (rf"{comp}{num}(?!\.\s?\w)", "count", None),
    ]


def _trigger(named: dict[str, str], trigger: str | None) -> re.Pattern[str] | None:
    """A named trigger, or one given as a pattern (a relative period's `when`)."""
    return re.compile(named.get(trigger, trigger)) if trigger else None


def _number_pattern(name: str, words: str, multiplier: str) -> str:
    """Digits, or a number word with an optional multiplier ("to hundre"), as group `name`."""
    return rf"(?P<{name}>{_DIGITS}|(?<!\w)(?:{words})(?:\s+(?:{multiplier}))?(?!\w))"


def extract(text: str, year: int | None = None) -> list[Target]:
    """The targets a statement states, in the order they are written."""
    table = rules()
    has_digit = _ANY_DIGIT.search(text) is not None
    lowered = _lower(text)
    has_number = has_digit or table.number_word.search(lowered) is not None
    masks = (lowered, text)
    if has_number and table.any_identifier.search(lowered):
        masked = _mask(text, table.identifiers)
        masks = (_lower(masked), masked)
    found: list[tuple[int, Target]] = []
    present = {"digit": has_digit, "number": has_number, None: True}
    triggered: dict[re.Pattern[str], bool] = {}  # several steps share a trigger
    for step in table.steps:
        if not present[step.needs]:
            continue
        if step.trigger is not None and not _triggered(step.trigger, lowered, triggered):
            continue
        masks = _consume(masks, step.pattern, _BUILDERS[step.builder], year, found)
    found.sort(key=lambda item: item[0])
    unique: list[Target] = []
    for _, target in found:
        if target not in unique:
            unique.append(target)
    return unique


def _triggered(trigger: re.Pattern[str], lowered: str, seen: dict[re.Pattern[str], bool]) -> bool:
    """Whether the trigger is in the text, searched once per statement. Triggers are
    searched in the unmasked text, so the answer holds for every step that shares one."""
    found = seen.get(trigger)
    if found is None:
        found = seen[trigger] = trigger.search(lowered) is not None
    return found


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
        built = build(match, year, written)
        if built is None:
            continue
        for target in built if isinstance(built, tuple) else (built,):
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
    return Target("date", match["y"])  # a deadline or a start: "innen 2030", "siden 2017"


def _clock(match: re.Match[str], year: int | None, written: str) -> Target | None:
    if len(match["h2"]) == 1 and not (match.groupdict().get("prep") or "").startswith("kl"):
        return None  # "til 3.20" may be a section; a time has two digits or "kl." before it
    return Target("date", f"{int(match['h2']):02d}:{match['min2']}")


def _relative_period(match: re.Match[str], year: int | None, written: str) -> Target | None:
    return Target("period", " ".join(match["rel"].lower().split()))


# --- numbers


def _number(text: str) -> float | None:
    """The value of digits ("20 000", "1,2") or number words ("tre", "to hundre")."""
    table = rules()
    words = text.lower().split()
    if words[0] in table.articles:
        return 1.0  # only where a step allows it: "en million", "minst en"
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
    value = _number(match["num"] or match.groupdict().get("art") or "")
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
    if comparator is None and rules().determiners.search(written, 0, match.start()):
        return None  # "de seks sentrene": things already known, not a number to reach
    if unit is not None and _is_name(unit) and not qualified:
        return None  # a line or page number before a name or heading: "12 Vi vil", "9 Industri"
    if _is_word_number(text) and value == 1 and not qualified:
        return None  # "som én helhet", "på ett nivå"
    return Target("count", _plain(value), unit, comparator or "=")


def _is_name(word: str) -> bool:
    """ "Industri", "Vi": capitalised like a name or a heading (not "TWh", not "RHF")."""
    return word[0].isupper() and word[1:].islower()


def _article_one(match: re.Match[str], year: int | None, written: str) -> Target | None:
    if rules().negations.search(written, 0, match.start()):
        return None  # "ikke minst en ekstra belastning": not least, no count
    unit = _next_word(written, match.end())
    return Target("count", 1, unit, _comparator(match)) if unit else None  # "minst en time"


def _week(match: re.Match[str], year: int | None, written: str) -> Target | None:
    unit = written[match.start("unit") : match.end("unit")]
    return Target("count", int(match["num"]), unit, "<=" if match["until"] else "=")


def _joined(match: re.Match[str], year: int | None, written: str) -> Target | None:
    """ "femårig" (5 år), "18-års" (18 år), "120-poengs" (120 poeng)."""
    if match["years"]:
        value = _number(match["num"])
        return Target("count", _plain(value), "år", "=") if value is not None else None
    if re.fullmatch(_YEAR, match["num2"]):
        return None  # "2025-budsjettets"
    noun = written[match.start("noun") : match.end("noun")]
    return Target("count", int(match["num2"]), noun, "=")


def _range(match: re.Match[str], year: int | None, written: str) -> Built:
    """ "20–30 prosent", "tre til fem år", "mellom 2 og 3 milliarder": both bounds.

    "fra 20 til 30 prosent" is a change, and its target the end (the steps after code it);
    "10 og 12 prosent" (no "mellom") are two numbers of one kind."""
    if match["from"]:
        return None
    low, high = _number(match["a"]), _number(match["num"])
    pair = match["join"] == "og" and not match["between"]
    if low is None or high is None or not (low < high or pair):
        return None
    kind, unit = _range_kind(match, written)
    if kind is None:
        return None
    factor = 1 if kind == "percent" else _scale(match["scale"])
    first, second = (_plain(v if kind == "percent" else round(v * factor)) for v in (low, high))
    comparators = ("=", "=") if pair else (">=", "<=")
    return (Target(kind, first, unit, comparators[0]), Target(kind, second, unit, comparators[1]))


def _range_kind(match: re.Match[str], written: str) -> tuple[str | None, str | None]:
    if match["pct"]:
        return "percent", "prosentpoeng" if match["pct"] == "prosentpoeng" else None
    if match["cur"] or match["cur2"]:
        return "amount", "NOK"
    if _is_year(match["a"]) or _is_year(match["num"]):
        return None, None
    unit = _next_word(written, match.end())
    if match["scale"]:  # "2–3 millioner innbyggere" counts people, "2–3 millioner" is kroner
        return ("count", unit) if unit else ("amount", "NOK")
    return ("count", unit) if unit else (None, None)


def _is_year(text: str) -> bool:
    return re.fullmatch(_YEAR, text) is not None


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
    "clock": _clock,
    "week": _week,
    "joined": _joined,
    "range": _range,
    "article_one": _article_one,
}

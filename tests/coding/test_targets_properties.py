"""Properties of the target parser over text hypothesis makes up: no exception on any text,
and every target one of the kinds, comparators and value shapes the codebook allows."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planatlas.coding.targets import extract

EXAMPLES = int(os.environ.get("PLANATLAS_PROPERTY_EXAMPLES", "150"))
BOUNDED = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TYPES = {"count", "percent", "amount", "period", "date"}
COMPARATORS = {None, "=", ">=", "<=", ">", "<"}
_ISO = re.compile(r"^(?:\d{4}|-)(?:-\d\d(?:-\d\d)?)?$")

# The words and number shapes the parser looks for, so that generated text reaches its steps.
_TOKENS = st.sampled_from(
    [
        "1", "12", "2025", "2030", "1 000", "12,5", "0,5", "100 000", "99", "31", "13",
        "-", "–", "/", ".", ",", "%", "(", ")", ":", " ", " ", " ", "\u00a0",
        "prosent", "pst.", "prosentpoeng", "kroner", "kr", "NOK", "mill.", "millioner",
        "mrd.", "milliarder", "tusen", "hundre", "minst", "over", "inntil", "opptil",
        "under", "mer enn", "innen", "fra", "til", "i løpet av", "januar", "mars", "des.",
        "planperioden", "tre", "tjue", "én", "fem", "nye", "fastleger", "stillinger",
        "Meld. St. 7 (2019–2020)", "NOU 2023:4", "LIS1", "§", "kap.", "https://x.no/1",
    ]
)  # fmt: skip
NUMBERISH = st.lists(st.one_of(_TOKENS, st.text(max_size=3)), max_size=30).map("".join)
TEXT = st.one_of(st.text(max_size=200), NUMBERISH)
YEARS = st.one_of(st.none(), st.integers(min_value=1900, max_value=2100))


@BOUNDED
@given(TEXT, YEARS)
def test_targets_of_any_text_are_well_formed(text: str, year: int | None) -> None:
    targets = extract(text, year)
    assert len(targets) == len(set(targets))  # each target once
    for target in targets:
        assert target.type in TYPES
        assert target.comparator in COMPARATORS
        if target.type in ("count", "percent", "amount"):
            assert isinstance(target.value, int | float) and not isinstance(target.value, bool)
        if target.type == "date":
            assert isinstance(target.value, str) and _ISO.match(target.value), target


@BOUNDED
@given(TEXT, YEARS)
def test_targets_are_the_same_every_time(text: str, year: int | None) -> None:
    assert extract(text, year) == extract(text, year)

"""Properties of the sentence splitter and the segmenter, over text hypothesis makes up.

What they promise, on any text: no exception; no text made up (each statement is taken
from a block, in the order of the blocks); sentence splitting loses and adds nothing but
whitespace. And the coverage the segmenter promises: every character of running text and
list items is in a statement, except page boilerplate, a lead-in ending in a colon and a
speaker label; generated sentences avoid those three, so there all of it must be covered.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planatlas.reading.boilerplate import is_boilerplate
from planatlas.reading.segment import segment
from planatlas.reading.sentences import split_sentences
from planatlas.records import Block

# Bounded so the suite stays fast; PLANATLAS_PROPERTY_EXAMPLES=5000 searches harder.
EXAMPLES = int(os.environ.get("PLANATLAS_PROPERTY_EXAMPLES", "150"))
BOUNDED = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _bare(text: str) -> str:
    return "".join(text.split())


# Text the splitter has to think about: capitals after full stops, quotes, brackets,
# abbreviations, digits, and any other character now and then.
_PIECES = st.sampled_from(
    [
        "Vi vil", " ", ". ", "! ", "? ", "» ", "«", "(", ")", "[", "]", '"', "'", "\n",
        "bl.a. ", "f.eks. ", "Meld. St. ", "St.meld. ", "O. ", "1. ", "mars ", "Helse", "Æ",
        "ø", "2025", ":", "…", "\u00a0", "\u2028", "\t", "nr. ", "ca. ", "A.", "e.l.",
    ]
)  # fmt: skip
TRICKY = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), TRICKY)


@BOUNDED
@given(ANY_TEXT)
def test_sentences_keep_every_character_but_whitespace(text: str) -> None:
    sentences = split_sentences(text)
    assert _bare("".join(sentences)) == _bare(text)
    assert all(s and s == s.strip() for s in sentences)


_KINDS = st.sampled_from(["heading", "paragraph", "item"])
BLOCKS = st.lists(
    st.builds(
        lambda kind, text, level: Block(kind, text, level=level if kind != "paragraph" else 0),
        _KINDS,
        ANY_TEXT.map(str.strip).filter(bool),  # readers hand on blocks stripped
        st.integers(min_value=0, max_value=6),
    ),
    max_size=12,
)


@BOUNDED
@given(BLOCKS)
def test_segment_never_fails_and_invents_nothing(blocks: list[Block]) -> None:
    outline = segment(blocks)
    assert [s.index for s in outline.statements] == list(range(len(outline.statements)))
    texts = [b.text for b in blocks]
    position = (0, 0)  # (block, offset): statements come in the order of the text
    for statement in outline.statements:
        assert statement.text.strip() == statement.text != ""
        place = _find(texts, statement.text, position)
        assert place is not None, (statement.text, texts)
        position = place
    for section in outline.sections:
        assert all(0 <= i < len(outline.statements) for i in section.statements)


def _find(texts: list[str], text: str, after: tuple[int, int]) -> tuple[int, int] | None:
    block, offset = after
    for n in range(block, len(texts)):
        found = texts[n].find(text, offset if n == block else 0)
        if found >= 0:
            return n, found
    return None


# Sentences with none of the exceptions: a capitalised word, lower-case words, an end mark.
_WORD = st.text(alphabet="abcdefghijklmnoprstuvyæøå", min_size=1, max_size=9)
SENTENCE = st.builds(
    lambda first, rest, end: " ".join([first.capitalize(), *rest]) + end,
    _WORD,
    st.lists(_WORD, max_size=8),
    st.sampled_from([".", "!", "?"]),
).filter(lambda s: not is_boilerplate(s))
RUNNING = st.lists(
    st.builds(
        lambda kind, sentences, level: Block(kind, " ".join(sentences), level=level),
        st.sampled_from(["paragraph", "item"]),
        st.lists(SENTENCE, min_size=1, max_size=4),
        st.integers(min_value=0, max_value=2),
    ),
    min_size=1,
    max_size=8,
)


@BOUNDED
@given(RUNNING, st.lists(st.tuples(st.integers(0, 8), _WORD), max_size=3))
def test_running_text_and_items_are_covered_by_statements(
    blocks: list[Block], headings: list[tuple[int, str]]
) -> None:
    for where, title in sorted(headings, reverse=True):
        blocks.insert(min(where, len(blocks)), Block("heading", title.capitalize(), level=1))
    assume(all(not is_boilerplate(b.text) for b in blocks))
    outline = segment(blocks)
    covered = _bare("".join(s.text for s in outline.statements))
    running = [b for b in blocks if b.kind != "heading"]
    # headings are statements only where they claim something; running text always is
    expected = _bare("".join(b.text for b in running))
    assert _subsequence(expected, covered), (expected, covered)
    assert len(covered) - len(expected) <= sum(len(_bare(t)) for _, t in headings)


def _subsequence(needle: str, haystack: str) -> bool:
    """All of `needle`'s characters occur in `haystack`, in order."""
    it = iter(haystack)
    return all(c in it for c in needle)

"""Wrapped text: how full each line of a text copied out of a PDF is.

Text copied out of a PDF keeps the PDF's line breaks, at a fixed width, with no blank line
between paragraphs. Whether a line ends its paragraph (or its list item, or is a heading) or
was broken by the width shows in its length: a line broken by the width runs to the column's
edge, so that the next line's first word would not have fitted after it. The width is not
known, so it is taken as the longest line near each line; characters are not all equally
wide, so a line counts as short only when it stops well before that.

    fill(line) = len(line) / width
    reach(line) = fill(line) * (len(line) + 1 + len(next line's first word)) / len(line)

A text is taken as wrapped when most of its lines run to about one width; a text with a
paragraph on each line (or slide text) is not, and its lines get no fill.
"""

from __future__ import annotations

from collections.abc import Sequence

SHORT = 0.8  # a line that, with the next line's first word, reaches this far or less stopped
OPEN = 0.9  # a line that reaches less far than this left room: it may end its unit
WINDOW = 12  # lines either side that give a line its column width
MIN_LINES = 8
FULL_SHARE = 0.45  # this share of the lines run to near the width in a wrapped text
NEAR_WIDTH = 0.8
MAX_WIDTH = 200  # characters: longer lines are paragraphs, never wrapped at a width
_MARKERS = ("• ", "· ", "- ", "– ", "▪ ", "● ")


def fills(lines: Sequence[str]) -> list[float | None]:
    """How far across its column each line runs (see layout.Line); None for every line of a
    text that is not wrapped."""
    texts = [_body(line) for line in lines]
    lengths = [len(t) for t in texts]
    if not _wrapped([n for n in lengths if n]):
        return [None] * len(lines)
    widths = _widths(lengths)
    return [len(text) / widths[i] if text else None for i, text in enumerate(texts)]


def _body(line: str) -> str:
    """The line without surrounding space and its list marker, which sits in the margin."""
    text = " ".join(line.split())
    return text[2:] if text.startswith(_MARKERS) else text


def _wrapped(lengths: list[int]) -> bool:
    if len(lengths) < MIN_LINES:
        return False
    ordered = sorted(lengths)
    width = ordered[int(0.9 * (len(ordered) - 1))]
    if width > MAX_WIDTH:
        return False
    near = sum(1 for n in lengths if n >= NEAR_WIDTH * width)
    return near >= FULL_SHARE * len(lengths)


def _widths(lengths: list[int]) -> list[int]:
    """The column width at each line: the longest line within WINDOW lines of it."""
    return [max(max(lengths[max(0, i - WINDOW) : i + WINDOW + 1]), 1) for i in range(len(lengths))]


def reach(fill: float, text: str, following: str | None) -> float:
    """How far across the column the line would run with the next line's first word on it;
    over 1: the word did not fit, so the width broke the line."""
    if not following or not text:
        return fill
    word = len(following.split()[0])
    return fill * (len(text) + 1 + word) / len(text)

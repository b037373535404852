"""Regular-expression helpers that keep long word lists fast.

Python's `re` tries the alternatives of `a|b|c` one after another at every place in the
text, but skips at once an alternative whose first character is a plain literal that does
not match. `literal_alternation` writes a word list as a trie ("fra|frå|før" becomes
"f(?:r(?:a|å)|ør)"), so at each place only the words that begin with the right letter are
tried; longer words still come before their own prefixes, as in a longest-first list.
Case-insensitive matching defeats that skip, so the coder lowercases the text and the
data (`lower_pattern`) instead of using re.IGNORECASE. The same tries (`trie`, `prefixes`)
find the lexicon stems a word begins with in a few steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ESCAPE_OR_TEXT = re.compile(r"\\.|[^\\]+", re.DOTALL)


Trie = dict[str, "Trie"]
_END = ""  # the key that marks the end of a word in a trie node


def trie(words: Iterable[str]) -> Trie:
    """Words as a trie of characters; a node holding the key "" ends a word."""
    root: Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def prefixes(root: Trie, word: str) -> list[str]:
    """The words of the trie that `word` begins with, shortest first."""
    found: list[str] = []
    node = root
    for i, char in enumerate(word):
        child = node.get(char)
        if child is None:
            break
        node = child
        if _END in node:
            found.append(word[: i + 1])
    return found


def literal_alternation(words: Iterable[str]) -> str:
    """A regex (without a group around it) that matches any of the words, longest first."""
    return _branches(trie(words))


def _branches(node: Trie) -> str:
    """The words below a trie node; a word that ends here is tried after the longer ones."""
    options = [re.escape(char) + _group(_branches(node[char])) for char in sorted(node) if char]
    if _END not in node:
        return "|".join(options)
    return "(?:" + "|".join(options) + ")?" if options else ""


def _group(pattern: str) -> str:
    return f"(?:{pattern})" if "|" in pattern else pattern


def lower_pattern(pattern: str) -> str:
    """A data pattern lowercased for matching lowercased text; escapes (\\S, \\W) kept."""
    return _ESCAPE_OR_TEXT.sub(lambda m: m[0] if m[0].startswith("\\") else m[0].lower(), pattern)

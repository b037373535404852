"""One label catalogue: the same words for a kind or direction on the web, in the terminal
and in a briefing; topic and issue names from the taxonomy in use."""

from __future__ import annotations

from planatlas.coding.taxonomy import builtin_taxonomy
from planatlas.labels import Labels, catalogue, direction_key


def test_labels_come_from_the_catalogue_in_both_languages() -> None:
    nb, en = Labels("nb"), Labels("en")
    assert nb.kind("demand") == catalogue("nb")["kind.demand"]
    assert en.kind("demand") == catalogue("en")["kind.demand"] != nb.kind("demand")
    assert nb.kind(None) == catalogue("nb")["kind.none"]
    assert nb.direction("-", "direction_short") == catalogue("nb")["direction_short.minus"]
    assert direction_key("~") == "change" and direction_key(None) == "none"


def test_topic_and_issue_names_follow_the_taxonomy_and_the_language() -> None:
    taxonomy = builtin_taxonomy()
    assert Labels("nb").issues() == {k: i.nb for k, i in taxonomy.issues.items()}
    assert Labels("en").topic("hospitals") == taxonomy.topics["hospitals"].en
    assert Labels("nb").issue("no_such_issue") == "no_such_issue"


def test_an_unknown_locale_falls_back_to_bokmal_and_an_unknown_key_shows_itself() -> None:
    assert Labels("de").locale == "nb"
    assert Labels("nb")("no.such.key") == "no.such.key"
    assert Labels("nb")("brief.title", actor="Kystpartiet").endswith("Kystpartiet")

from planatlas.questions.diff import diff_statements, word_diff
from planatlas.records import Statement


def statements(*texts: str, section: str = "Tiltak") -> list[Statement]:
    return [Statement(index=i, text=t, section=(section,)) for i, t in enumerate(texts)]


def test_added_removed_reworded_moved_unchanged():
    old = statements(
        "Styrke fastlegeordningen",
        "Arrangere to debattmøter i året",
        "Fjerne foretaksmodellen",
        "Bygge flere sykehjemsplasser",
    )
    new = statements(
        "Styrke fastlegeordningen",
        "Bygge flere sykehjemsplasser",
        "Arrangere minst tre debattmøter i året",
        "Innføre gratis tannhelse for unge",
    )
    result = diff_statements(old, new)
    by_status = {c.status: c for c in result.changes}
    assert result.summary() == {"unchanged": 2, "moved": 0, "reworded": 1, "added": 1, "removed": 1}
    assert by_status["removed"].old.text == "Fjerne foretaksmodellen"
    assert by_status["added"].new.text == "Innføre gratis tannhelse for unge"
    assert by_status["reworded"].words == word_diff(
        "Arrangere to debattmøter i året", "Arrangere minst tre debattmøter i året"
    )


def test_moved_when_the_order_changes():
    old = statements("A-punkt om sykehus", "B-punkt om fastleger", "C-punkt om rus")
    new = statements("C-punkt om rus", "A-punkt om sykehus", "B-punkt om fastleger")
    assert [c.status for c in diff_statements(old, new).changes] == [
        "moved",
        "unchanged",
        "unchanged",
    ]


def test_moved_when_the_section_changes():
    old = statements("Korte ned ventetida", section="Sykehus")
    new = statements("Korte ned ventetida", section="Ventetid")
    assert [c.status for c in diff_statements(old, new).changes] == ["moved"]


def test_word_diff_marks_kept_removed_and_added_words():
    ops = [(o.op, o.text) for o in word_diff("to møter i året", "minst tre møter i året")]
    assert ops == [("-", "to"), ("+", "minst tre"), ("=", "møter i året")]

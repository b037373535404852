from pathlib import Path

from planatlas import pipeline
from planatlas.evaluate import Counts, evaluate, match, normalise


def test_normalise_folds_links_quotes_dashes_case_and_space():
    assert (
        normalise("Øke  aktiviteten på [SV Helse](#) – «nå».")
        == 'øke aktiviteten på sv helse - "nå"'
    )


def test_match_is_one_to_one_and_forgives_small_differences():
    predicted = ["Fjerne køene", "Styrke fastlegen!", "Helt annet"]
    gold = ["styrke fastlegen", "fjerne køenee", "fjerne køene"]
    assert sorted(match(predicted, gold)) == [(0, 2), (1, 0)]


def test_counts_micro_f1():
    counts = Counts()
    counts.add(["a", "b"], ["a", "c"])
    counts.add([], ["d"])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 2)
    assert round(counts.f1, 3) == round(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), 3)


def test_segmentation_of_the_seed_corpus_meets_the_target(gold_dir: Path):
    scores, overall = evaluate(gold_dir, lambda path: pipeline.read(path))
    for score in scores:
        assert score.statements.precision >= 0.95, (score.name, score.extras)
        assert score.statements.recall >= 0.95, (score.name, score.misses)
    assert overall.statements.f1 >= 0.95


def test_a_field_neither_side_has_is_not_scored_as_zero():
    from planatlas.evaluate import Score

    score = Score("plan")
    score.topics.add(["financing"], ["financing"])
    found = score.as_dict()
    assert found["topics_f1"] == 1.0
    assert found["positions_f1"] is None  # no positions in the gold and none found


def test_the_map_takes_each_issues_majority_and_calls_a_tie_mixed():
    from planatlas.evaluate import map_cells

    cells = map_cells(
        [
            [("user_fees", "-"), ("gp_services", "+")],
            [("user_fees", "-")],
            [("user_fees", "+"), ("gp_services", "-")],
        ]
    )
    assert cells == {("user_fees", "-"), ("gp_services", "mixed")}


def test_issue_errors_and_kind_confusion_are_counted():
    from planatlas.evaluate import Score, _count_issues, confusion, worst_issues

    score = Score("plan")
    _count_issues(
        score, {"user_fees": "+", "gp_services": "+"}, {"user_fees": "-", "waiting_times": "-"}
    )
    _count_issues(score, {"gp_services": "+"}, {"gp_services": "+"})
    ranked = dict(worst_issues(score))
    assert ranked["user_fees"]["reversed"] == 1
    assert ranked["waiting_times"]["missed"] == 1
    assert ranked["gp_services"]["added"] == 1 and ranked["gp_services"]["right"] == 1
    score.kinds[("demand", "principle")] += 2
    score.kinds[("demand", "demand")] += 1
    assert confusion(score.kinds) == {"demand": {"demand": 1, "principle": 2}}


def test_each_gold_folder_is_summed_apart(tmp_path: Path):
    from planatlas.evaluate import Score, folder_totals

    seeds, programmes = tmp_path / "gold", tmp_path / "gold" / "programmes"
    programmes.mkdir(parents=True)
    for path in (seeds / "a.yaml", programmes / "b.yaml", programmes / "c.yaml"):
        path.write_text("statements: []\n")
    scores = [Score(name) for name in "abc"]
    for score, right in zip(scores, (True, False, True), strict=True):
        score.kind.add(right)
    totals = folder_totals([seeds, programmes], scores)
    assert [t.name for t in totals] == ["sum gold/", "sum programmes/"]
    assert [t.kind.value for t in totals] == [1.0, 0.5]
    assert folder_totals([seeds], scores[:1]) == []

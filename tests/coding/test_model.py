"""The learned coder: reproducible training, a file that loads to the same predictions, the
shipped model as the default, and held-out folds that never saw their document."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planatlas import training as learn
from planatlas.coding import model
from planatlas.evaluate import evaluate
from planatlas.pipeline import analyze
from planatlas.records import Coding, Document, Position, Statement

DENTAL = [
    "Vi vil innføre gratis tannbehandling for unge voksne.",
    "Egenandelen for tannbehandling er for høy for mange.",
    "Den offentlige tannhelsetjenesten skal få flere tannpleiere.",
    "Eldre på sykehjem må få jevnlig tilsyn av tannlege.",
    "Vi vil ha et tak på egenbetaling hos tannlegen.",
    "Tannbehandling skal inngå i frikortordningen.",
    "Barn skal få tannregulering uten lang ventetid.",
    "Tannlegevakt skal finnes i hver region.",
]
OTHER = [
    "Fastlegeordningen må styrkes i hele landet.",
    "Sykehusene trenger flere sengeplasser.",
    "Psykisk helsevern for barn og unge skal bygges ut.",
    "Ventetidene i spesialisthelsetjenesten må ned.",
    "Vi vil ha flere sykepleiere i kommunene.",
    "Legevakten skal ha nok leger på natt.",
    "Folkehelsearbeidet i skolen skal styrkes.",
    "Fødeavdelinger i distriktene skal ikke legges ned.",
    "Ambulansetjenesten skal ha kortere responstid.",
    "Pårørende skal få bedre avlastning.",
    "Foretaksmodellen skal avvikles.",
    "Vi vil styrke beredskapen for legemidler.",
]


def document(texts: list[str], source: str) -> Document:
    statements = [Statement(index=i, text=t, form="item") for i, t in enumerate(texts)]
    return Document(
        source, "text", source, actor="Testpartiet", language="nb", statements=statements
    )


def examples() -> list[learn.Example]:
    """Two made-up documents coded by the rules, corrected: dental statements get a position."""
    found = []
    for n, texts in enumerate((DENTAL[:4] + OTHER[:6], DENTAL[4:] + OTHER[6:])):
        doc = analyze(document(texts, f"program{n}.txt"), use_model=False)
        for s in doc.statements:
            c = s.coding
            positions = tuple((p.issue, p.direction) for p in c.positions)
            if s.text in DENTAL:
                positions = (("free_dental_care", "+"),)
            found.append(
                learn.Example(s, doc, c.kind, tuple(c.topics), positions, group=doc.content_hash)
            )
    return found


def test_training_twice_writes_the_same_bytes(tmp_path: Path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    model.save_models(first, learn.fit(examples()))
    model.save_models(second, learn.fit(examples()))
    assert first.read_bytes() == second.read_bytes()


def test_a_saved_model_codes_as_the_trained_one(tmp_path: Path):
    fitted = learn.fit(examples())
    path = tmp_path / "m.zip"
    model.save_models(path, fitted)
    loaded = model.load_models(path)
    doc = analyze(
        document(["Vi vil ha gratis tannbehandling for eldre."], "ny.txt"), use_model=False
    )
    trained, read_back = model.build(fitted, "all"), loaded.model("all")
    assert (
        model.apply(trained, doc).statements[0].coding
        == model.apply(read_back, doc).statements[0].coding
    )
    assert sorted(loaded.names) == sorted(fitted.models)


def test_the_model_learns_a_position_the_rules_do_not_know():
    trained = learn.train(examples())
    doc = analyze(document(["Vi vil ha gratis tannhelse for eldre."], "ny.txt"), use_model=False)
    assert ("free_dental_care", "+") not in [
        (p.issue, p.direction) for p in doc.statements[0].coding.positions
    ]
    coded = model.apply(trained, doc).statements[0].coding
    assert ("free_dental_care", "+") in [(p.issue, p.direction) for p in coded.positions]


def test_each_fold_never_saw_its_document():
    fitted = learn.fit(examples())
    groups = {e.group for e in examples()}
    assert set(fitted.models) == {"all"} | {f"fold:{g}" for g in groups}
    for group in groups:
        assert group not in fitted.models[f"fold:{group}"]["documents"]
        assert group in fitted.models["all"]["documents"]


def test_the_default_coder_is_the_shipped_model(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("PLANATLAS_MODEL", raising=False)
    assert model.model_path() == model.shipped_path()
    assert model.shipped_path().is_file()
    assert model.shipped_path().stat().st_size < 6_000_000  # small enough to ship
    doc = document(OTHER, "plan.txt")
    shipped = model.load(model.shipped_path())
    assert analyze(doc) == model.apply(shipped, analyze(doc, use_model=False))


def test_rules_alone_on_request(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PLANATLAS_MODEL", "rules")
    doc = document(OTHER, "plan.txt")
    assert model.trained_model() is None
    assert analyze(doc) == analyze(doc, use_model=False)


def test_the_shipped_model_is_trained_on_the_current_gold_and_rules(gold_dir: Path):
    info = model.load_models(model.shipped_path()).info
    import hashlib

    files = sorted(gold_dir.glob("*.yaml")) + sorted((gold_dir / "programmes").glob("*.yaml"))
    now = {
        f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in files
    }
    stale = "run: planatlas train --shipped --gold ../shared/gold --gold ../shared/gold/programmes"
    assert info["gold"] == now, stale
    assert info["rules"] == learn.rules_fingerprint(), stale


def test_held_out_the_model_codes_programmes_better_than_the_rules(gold_dir: Path):
    programmes = gold_dir / "programmes"
    found = model.load_models(model.shipped_path())
    _, held_out = evaluate(programmes, learn.fold_analyzer(found))
    _, rules = evaluate(programmes, lambda path: analyze(path, use_model=False))
    assert held_out.kind.value > rules.kind.value
    assert held_out.topics.f1 > rules.topics.f1
    # Positions and the map: the stance rules lead; the model adds few and the scope head
    # clears some in-field ones with the out-of-field ones, so it may cost a hundredth.
    assert held_out.positions.f1 >= rules.positions.f1 - 0.01
    assert held_out.map.f1 >= rules.map.f1 - 0.01


def test_a_document_the_file_learned_from_without_a_fold_is_refused(tmp_path: Path):
    fitted = learn.fit(examples(), folds=False)
    path = tmp_path / "m.zip"
    model.save_models(path, fitted)
    seen = examples()[0].doc.content_hash
    with pytest.raises(Exception, match="ingen modell uten"):
        model.load_models(path).held_out_for(seen)
    assert model.load_models(path).held_out_for("ukjent") is not None


ROADS = [
    "Vi vil bygge ut firefelts motorvei mellom byene.",
    "Jernbanen skal elektrifiseres på alle strekninger.",
    "Bompengene på riksveiene skal fjernes.",
    "Vi vil ha flere ladestasjoner langs veiene.",
    "Fergene skal gå oftere på kysten.",
    "Flyplassene i distriktene skal bestå.",
    "Vi vil styrke vedlikeholdet av fylkesveiene.",
    "Togtilbudet mellom byene skal bli bedre.",
    "Sykkelveiene i byene skal bygges ut.",
    "Vi vil redusere køene på veiene inn til byene.",
]


def test_statements_outside_the_field_get_no_topics_or_positions(
    monkeypatch: pytest.MonkeyPatch,
):
    # the margins are set on the gold's scale; a handful of examples scores less sharply
    monkeypatch.setattr(model, "FIELD_MARGIN", 0.0)
    monkeypatch.setattr(model, "POSITION_FIELD_MARGIN", 0.0)
    found = []
    for example in examples():
        found.append(
            learn.Example(
                example.statement,
                example.doc,
                example.kind,
                example.topics,
                example.positions,
                group=example.group,
                in_field=True,
            )
        )
    roads = analyze(document(ROADS, "samferdsel.txt"), use_model=False)
    found += [learn.Example(s, roads, group="veier", in_field=False) for s in roads.statements]
    trained = learn.train(found)
    unseen = analyze(
        document(
            ["Vi vil bygge flere veier i distriktene.", "Sykehusene trenger flere leger."], "ny.txt"
        ),
        use_model=False,
    )
    road, hospital = model.apply(trained, unseen).statements
    assert road.coding.topics == [] and road.coding.positions == []
    assert hospital.coding.topics


def _programme_items(texts: list[str], section: tuple[str, ...] = ("Helse og omsorg",)) -> Document:
    """A programme's list items under a lead-in and a heading, coded by the rules."""
    statements = [
        Statement(index=i, text=t, form="item", lead_in="Vi vil:", section=section)
        for i, t in enumerate(texts)
    ]
    return analyze(
        Document("a.txt", "text", "a", genre="party_programme", statements=statements),
        use_model=False,
    )


def test_the_fast_columns_are_the_named_features_exactly():
    """Coding reads statements through cached word columns; they must be the same matrix as
    the named features the model was trained on, context and rule features included."""
    shipped = model.load(model.shipped_path())
    texts = DENTAL + OTHER + ["Sjukehusa i distrikta må få fleire tilsette og tryggare drift."]
    doc = _programme_items(texts, section=("Helse og omsorg", "Sykehus og tannhelse"))
    items = [(s, doc, s.coding) for s in doc.statements]
    named = model.vectors([model.features(*item) for item in items], shipped.vocabulary)
    fast = model.unit_rows([shipped.columns.row(*item) for item in items], len(shipped.vocabulary))
    assert named.shape == fast.shape and named.nnz == fast.nnz > len(items)
    assert abs(named - fast).max() == 0.0


def test_the_fast_questions_are_the_named_direction_features_exactly():
    """The direction head reads (statement, issue) questions through the cached columns too;
    they must be the matrix of the named features it was trained on, issue pairs included."""
    shipped = model.load(model.shipped_path())
    texts = DENTAL + ["Vi vil ikkje ha fleire private sjukehus, men styrkje dei offentlege."]
    doc = _programme_items(texts)
    asked = [
        (s, issue)
        for s in doc.statements
        for issue in (
            "public_provision",
            "dental_care_coverage",
            *(p.issue for p in s.coding.positions),
        )
    ]
    named = model.vectors(
        [
            model.direction_features(model.features(s, doc, s.coding, grams=False), issue, s.coding)
            for s, issue in asked
        ],
        shipped.vocabulary,
    )
    columns = shipped.columns
    fast = model.unit_rows(
        [
            columns.question(columns.question_base(s, doc, s.coding), issue, s.coding)
            for s, issue in asked
        ],
        len(shipped.vocabulary),
    )
    assert named.shape == fast.shape and named.nnz == fast.nnz > len(asked)
    assert abs(named - fast).max() == 0.0
    assert (named.indices == fast.indices).all()  # in the same order: the same sums


def test_a_heading_names_its_topic_by_genre():
    """A statement's heading adds the rules' topics of the heading, paired with the genre:
    different headings for one topic ("Eldreomsorg", "Omsorg for eldre") say the same."""
    statement = Statement(index=0, text="Det er det viktigste.", section=("Omsorg for eldre",))
    doc = Document("a.txt", "text", "a", genre="programme", statements=[statement])
    coded = analyze(doc, use_model=False)
    found = model.features(coded.statements[0], coded, coded.statements[0].coding)
    assert found["sec_topic=elderly_care|programme"] == model.HEADING_TOPIC_WEIGHT
    assert not any(name.startswith("sec_topic=elderly_care|slides") for name in found)


def test_a_statement_within_the_field_keeps_one_topic():
    """The codebook gives every statement in its field one to three topics: where no topic
    reaches the threshold and the rules found none, the best one stands, unless the scope
    head puts the statement outside the field."""
    head = model.Head(["hospitals", "access"], np.zeros((1, 2), dtype=np.float32), [40, 40])
    scores = np.array([[0.2, 0.1], [0.2, 0.1]])
    codings = [Coding(kind="demand"), Coding(kind="demand")]
    model._set_topics(head, scores, codings, [True, True], [True, False])
    assert codings[0].topics == ["hospitals"]
    assert codings[1].topics == []


def test_every_statement_of_a_health_document_is_within_the_field():
    """A health plan's connecting sentences are in the field whatever the scope head says:
    the document names health; a road plan's statements stay where the head puts them."""
    head = model.Head([model.IN_FIELD, model.OUT_OF_FIELD], np.zeros((1, 2), dtype=np.float32))
    health, roads = document(DENTAL + OTHER, "helse.txt"), document(ROADS, "veier.txt")
    items = [(health.statements[0], health, Coding()), (roads.statements[0], roads, Coding())]
    out = np.array([[0.1, 0.9], [0.1, 0.9]])
    assert model._inside(head, out, items) == [True, False]
    assert model._inside(head, out[:, ::-1].copy(), items) == [True, True]


def test_a_care_level_below_coordination_is_its_party_not_a_topic():
    codings = [
        Coding(topics=["coordination", "hospitals", "primary_care"]),
        Coding(topics=["hospitals", "coordination", "workforce"]),
        Coding(topics=["hospitals", "primary_care"]),
    ]
    model._drop_parties(codings)
    assert [c.topics for c in codings] == [
        ["coordination"],
        ["hospitals", "coordination", "workforce"],
        ["hospitals", "primary_care"],
    ]


def test_rule_positions_the_coder_took_back_are_asked_as_mentions():
    found = examples()
    rules = [learn.code_statement(e.statement, e.doc, learn.active_taxonomy()) for e in found]
    rows = [model.features(e.statement, e.doc, r) for e, r in zip(found, rules, strict=True)]
    _, answers, _ = learn._direction_questions(found, rules, rows)
    taken_back = sum(
        len({p.issue for p in r.positions} - {i for i, _ in e.positions or ()})
        for e, r in zip(found, rules, strict=True)
    )
    assert taken_back and answers.count(model.NO_POSITION) == taken_back


def test_the_model_drops_a_rule_position_it_learned_is_a_mere_mention(
    monkeypatch: pytest.MonkeyPatch,
):
    # a handful of examples scores less sharply than the gold: no margin, every genre known
    monkeypatch.setattr(model, "KEEP_MARGIN", 0.0)
    monkeypatch.setattr(model, "FAMILIAR", 1)
    # the examples code dental statements by a position of their own, not the rules' one
    found = examples()
    trained = learn.train(found)
    doc = analyze(document(["Vi vil ha flere tannleger på sykehjem."], "ny.txt"), use_model=False)
    assert any(p.issue == "dental_coverage" for p in doc.statements[0].coding.positions)
    coded = model.apply(trained, doc).statements[0].coding
    assert not any(p.issue == "dental_coverage" for p in coded.positions)


def test_outside_the_field_a_position_of_the_headings_topic_stays():
    head = model.Head([model.IN_FIELD, model.OUT_OF_FIELD], np.zeros((1, 2), dtype=np.float32))
    coding = Coding(
        kind="demand",
        positions=[Position("mental_health_investment", "+"), Position("user_fees", "-")],
    )
    statement = Statement(index=0, text="Vi vil ha mer av dette.", section=("Psykisk helse",))
    doc = Document("a.txt", "text", "a", language="nb", statements=[statement])
    model._clear_outside(head, np.array([[0.0, 1.0]]), [coding], [(statement, doc, coding)])
    assert coding.positions == [Position("mental_health_investment", "+")]


def test_a_topic_the_heading_names_needs_less_score():
    """A list item under a heading on elderly care is coded with elderly care at a score just
    under the threshold; without the heading, that score is not enough."""
    head = model.Head(["elderly_care", "workforce"], np.zeros((1, 2), dtype=np.float32), [40, 40])
    near = model.TOPIC_THRESHOLD - model.HEADING_TOPIC_BONUS / 2
    scores = np.array([[near, 0.6], [near, 0.6]])
    codings = [Coding(kind="demand"), Coding(kind="demand")]
    headed = [frozenset({"elderly_care"}), frozenset()]
    model._set_topics(head, scores, codings, [True, True], [True, True], headed)
    assert codings[0].topics == ["workforce", "elderly_care"]
    assert codings[1].topics == ["workforce"]
    assert scores[0, 0] == near  # the model's scores themselves are left as they were


def test_the_heading_topics_are_those_of_the_heading_and_lead_in():
    statement = Statement(
        index=0,
        text="flere plasser",
        section=("Eldreomsorg",),
        lead_in="For å styrke rehabiliteringen vil vi:",
    )
    doc = Document("a.txt", "text", "a", genre="programme", statements=[statement])
    coded = analyze(doc, use_model=False)
    found = model.heading_topics(coded.statements[0], coded, coded.statements[0].coding)
    assert found == {"elderly_care", "rehabilitation"}


def test_the_rules_keep_a_kind_the_model_has_hardly_seen():
    """A document reference ("NOU 2023:8 ...") the rules know; a model that learned from
    programmes, where there are none, scores it as a demand, and must not overrule them."""
    head = model.Head(
        ["demand", "principle", "reference"],
        np.zeros((1, 3), dtype=np.float32),
        [200, 80, model.RARE - 1],
    )
    scores = np.array([[0.9, 0.1, 0.0], [0.9, 0.1, 0.0]])
    codings = [Coding(kind="reference"), Coding(kind="principle")]
    model._set_kinds(head, scores, codings, [True, True])
    assert [c.kind for c in codings] == ["reference", "demand"]


def test_only_the_topics_head_reads_the_neighbours_words():
    """A statement's neighbours' words are features of its topics, and of nothing else: its
    kind, issues and direction are said in the statement itself."""
    doc = _programme_items(["Sykehusene trenger flere sengeplasser.", "Vi vil styrke dem.", "Nei."])
    middle = doc.statements[1]
    named = model.features(middle, doc, middle.coding)
    assert named["nb=sengeplass"] == model.NEIGHBOUR_WEIGHT
    assert named["nb=nei"] == model.NEIGHBOUR_WEIGHT
    assert "nb=styrke" not in named  # its own words are not its neighbours'
    question = model.direction_features(named, "hospital_capacity", middle.coding)
    assert not any(model.topic_only(name) for name in question)
    vocabulary = {name: j for j, name in enumerate(named)}
    column = vocabulary["nb=sengeplass"]
    for head in ("kind", "issues", "scope"):
        mask = model.head_mask(head, vocabulary)
        assert mask is not None and mask[column] == 0.0 and mask[vocabulary["w=styrke"]] == 1.0
    assert model.head_mask("topics", vocabulary) is None

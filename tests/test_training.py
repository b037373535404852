"""The trainable coder learns what corrections teach, and never silently replaces the rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from planatlas import training as learn
from planatlas.errors import ConfigError
from planatlas.pipeline import analyze
from planatlas.records import Document, Statement
from planatlas.store import Atlas

DENTAL = [
    "Tannhelse skal bli en del av den offentlige helsetjenesten.",
    "Vi vil innføre gratis tannbehandling for unge voksne.",
    "Tannlegedekningen i distriktene må bli bedre.",
    "Egenandelen for tannbehandling er for høy for mange.",
    "Den offentlige tannhelsetjenesten skal få flere tannpleiere.",
    "Eldre på sykehjem må få jevnlig tilsyn av tannlege.",
    "Tannhelsetilbudet til rusavhengige skal styrkes.",
    "Vi vil ha et tak på egenbetaling hos tannlegen.",
    "Flere tannleger bør utdannes i Nord-Norge.",
    "Tannbehandling skal inngå i frikortordningen.",
    "Tannhelsetjenesten i fylkene trenger mer penger.",
    "Barn skal få tannregulering uten lang ventetid.",
    "Tannpleiere skal besøke skolene hvert år.",
    "Tannlegevakt skal finnes i hver region.",
    "Vi vil utrede en tannhelsereform.",
]
OTHER = [
    "Fastlegeordningen må styrkes i hele landet.",
    "Sykehusene trenger flere sengeplasser.",
    "Psykisk helsevern for barn og unge skal bygges ut.",
    "Kommunene skal få bedre rammer for hjemmetjenesten.",
    "Ventetidene i spesialisthelsetjenesten må ned.",
    "Rehabiliteringstilbudet skal styrkes etter sykehusopphold.",
    "Vi vil ha flere sykepleiere i kommunene.",
    "Legevakten skal ha nok leger på natt.",
    "Folkehelsearbeidet i skolen skal styrkes.",
    "Digitale løsninger skal gjøre hverdagen enklere for pasientene.",
    "Fødeavdelinger i distriktene skal ikke legges ned.",
    "Ambulansetjenesten skal ha kortere responstid.",
    "Helsefellesskapene skal få et tydeligere mandat.",
    "Pårørende skal få bedre avlastning.",
    "Vi vil styrke beredskapen for legemidler.",
]


def document(texts: list[str], source: str = "program.txt") -> Document:
    statements = [Statement(index=i, text=t, form="item") for i, t in enumerate(texts)]
    return Document(
        source, "text", source, actor="Testpartiet", language="nb", statements=statements
    )


def corrected_examples() -> list[learn.Example]:
    doc = analyze(document(DENTAL + OTHER), use_model=False)
    examples = []
    for s in doc.statements:
        topics = tuple(s.coding.topics)
        if s.text in DENTAL:
            topics = ("dental_care", *topics[:2])
        examples.append(learn.Example(s, doc, s.coding.kind, topics, None, group=f"g{s.index % 3}"))
    return examples


def test_the_model_learns_a_users_own_topic_from_corrections():
    model = learn.train(corrected_examples())
    unseen = analyze(
        document(
            [
                "Tannlegetilbudet for eldre i kommunene er for dårlig.",
                "Sykehusene trenger flere leger.",
            ]
        ),
        use_model=False,
    )
    coded = learn.apply(model, unseen)
    assert "dental_care" in coded.statements[0].coding.topics
    assert "dental_care" not in coded.statements[1].coding.topics


def test_cross_validation_reports_rules_and_model_per_field():
    scores = {s.field: s for s in learn.cross_validate(corrected_examples())}
    assert scores["topics"].examples == len(DENTAL + OTHER)
    assert scores["positions"].examples == 0  # no example labels positions
    assert scores["topics"].model > scores["topics"].rules  # the rules never say dental_care


def test_examples_from_the_atlas_label_only_corrected_fields(tmp_path: Path):
    with Atlas(f"sqlite:///{tmp_path / 'a.db'}") as atlas:
        atlas.add(analyze(document(DENTAL[:3] + OTHER[:3])))
        first, second = atlas.statements()[:2]
        atlas.correct(first.id, {"topics": ["dental_care"]}, "kari")
        atlas.correct(second.id, {"kind": "goal"}, "ola")
        found = {e.statement.text: e for e in learn.examples_from_atlas(atlas)}
    assert found[first.text].topics == ("dental_care",) and found[first.text].kind is None
    assert found[second.text].kind == "goal" and found[second.text].topics is None


def test_too_few_examples_is_a_clear_error():
    with pytest.raises(ConfigError, match="for få"):
        learn.train(corrected_examples()[:5])


def test_a_missing_model_file_is_an_error_not_a_fallback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("PLANATLAS_MODEL", str(tmp_path / "mangler.joblib"))
    with pytest.raises(ConfigError, match="planatlas train"):
        analyze(document(OTHER[:2]))
    analyze(document(OTHER[:2]), use_model=False)  # evaluation of the rules is unaffected


def test_a_saved_model_is_used_by_analyze(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    path = tmp_path / "model.joblib"
    learn.train(corrected_examples()).save(path)
    monkeypatch.setenv("PLANATLAS_MODEL", str(path))
    coded = analyze(document(["Tannhelsen til barn i kommunene må bli bedre."]))
    assert "dental_care" in coded.statements[0].coding.topics

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planatlas.coding import code_statement
from planatlas.coding.kinds import kind
from planatlas.records import Document, Statement


def doc(actor: str, genre: str) -> Document:
    return Document(source="x", format="txt", content_hash="0", actor=actor, genre=genre)


def item(text: str, lead_in: str | None = None, actor: str | None = None) -> Statement:
    modality = lead_in.split()[1] if lead_in else None
    return Statement(0, text, form="item", lead_in=lead_in, lead_in_actor=actor, modality=modality)


def test_same_words_measure_for_government_demand_for_party() -> None:
    text = "innføre mer rammefinansiering av sykehusene"
    assert (
        kind(item(text), doc("Helse- og omsorgsdepartementet", "government_plan"))[0] == "measure"
    )
    lead = "Partiet vil:"
    assert kind(item(text, lead, "Partiet"), doc("Rødt", "programme"))[0] == "demand"


def test_own_work_in_an_action_plan_is_activity() -> None:
    statement = item("arrangere to medlemsmøter om eldreomsorg", "Foreningen skal:", "Foreningen")
    assert kind(statement, doc("Pasientforeningen", "action_plan"))[0] == "activity"


def test_organisation_demand_outside_its_own_work() -> None:
    statement = Statement(0, "Staten må innføre en bemanningsnorm i sykehjemmene.")
    assert kind(statement, doc("Fagforbundet", "hearing_response"))[0] == "demand"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Målet er kortere ventetider i hele landet.", "goal"),
        ("Eit mål er at færre eldre skal bu på institusjon.", "goal"),
        ("Hensikta er betre oppgåvedeling.", "goal"),
        ("Den største utfordringa er mangel på sjukepleiarar.", "challenge"),
        ("NOU 2023:4 Tid for handling", "reference"),
        ("Meld. St. 9 (2023–2024) Nasjonal helse- og samhandlingsplan", "reference"),
        ("Vi ønsker planen velkommen!", "opinion"),
        ("Planen ble lagt fram i mars.", "fact"),
        ("Helse og omsorg er et grunnleggende fellesskapsansvar.", "principle"),
    ],
)
def test_cue_words(text: str, expected: str) -> None:
    assert kind(Statement(0, text), doc("Pasientforeningen", "news"))[0] == expected


def test_items_under_a_challenge_lead_in() -> None:
    statement = item("for lange ventetider", "Det ble pekt på disse utfordringene:")
    assert kind(statement, doc("Helse Vest RHF", "slides"))[0] == "challenge"


def test_gold_thresholds(gold_dir: Path) -> None:
    """The coder over the gold statements (forms and lead-ins from the gold sections)."""
    right = total = tp = fp = fn = ptp = pfp = pfn = 0
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        document = doc(gold["actor"], gold["genre"])
        for entry in gold["statements"]:
            section = entry.get("section") or ""
            lead = section if section.rstrip().endswith(":") else None
            actor = section.split()[0] if lead else None
            statement = Statement(
                0, entry["text"], section=(section,), lead_in=lead, lead_in_actor=actor,
                speaker=entry.get("speaker"),
            )  # fmt: skip
            coding = code_statement(statement, document)
            right += coding.kind == entry["kind"]
            total += 1
            got, want = set(coding.topics), set(entry.get("topics") or [])
            tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
            pgot = {(p.issue, p.direction) for p in coding.positions}
            pwant = {(p["issue"], str(p["direction"])) for p in entry.get("positions") or []}
            ptp, pfp = ptp + len(pgot & pwant), pfp + len(pgot - pwant)
            pfn += len(pwant - pgot)
    assert right / total >= 0.80
    assert 2 * tp / (2 * tp + fp + fn) >= 0.80
    assert 2 * ptp / (2 * ptp + pfp + pfn) >= 0.80


def test_cues_anywhere_in_the_statement_count_once_each() -> None:
    from collections import defaultdict

    from planatlas.coding.kinds import _cue_points

    scores: defaultdict[str, float] = defaultdict(float)
    # two challenge cues where one word begins ("problemet er", "problemet"), each counted
    _cue_points("problemet er at fastlegen ikkje har tid", scores)
    assert dict(scores) == {"challenge": 3.0}
    scores.clear()
    # a fact cue and a measure cue late in a long sentence
    _cue_points("planen for kommunen ble vedtatt i 2021 og har gitt mange tiltak", scores)
    assert dict(scores) == {"fact": 1.5, "measure": 2.0}


def test_the_modal_verb_of_the_main_clause_after_a_fronted_clause_counts() -> None:
    party = Document(source="x", format="txt", content_hash="0", actor="Kystpartiet", genre="other")
    late = "For å korte ned ventetida i akuttmottaket, må vi opprette flere senger på sykehuset."
    assert kind(Statement(0, late), party)[0] == "demand"
    # a modal verb in the fronted clause itself does not make the sentence an action
    condition = "Dersom kommunene skal klare dette alene, blir tilbudet dårligere for de eldre."
    assert kind(Statement(0, condition), party)[0] != "demand"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # prose that wants nothing and does nothing describes, whatever the genre
        ("Sykehusreformen har gitt flere ledernivåer og lengre avstand til pasientene.", "fact"),
        ("Partiet er et parti for hele landet.", "fact"),
        # ... but stance verbs and a late modal verb still make it a demand
        ("Partiet går imot forslaget om høyere egenandeler.", "demand"),
        ("Arbeidet med heltidskultur og faste stillinger skal prioriteres.", "demand"),
        ("Vi ber departementet trekke forslaget.", "demand"),
    ],
)
def test_prose_in_a_programme(text: str, expected: str) -> None:
    assert kind(Statement(0, text), doc("Partiet", "programme"))[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party that wants something, in prose, demands it
        ("Vi trenger flere jordmødre i distriktene.", "demand"),
        ("Det er behov for en ny reform av legevakten.", "demand"),
        ("Partiet støtter forslaget om en egen tannhelsereform.", "demand"),
        ("Partiet ønsker økt satsing på rehabilitering.", "demand"),
        ("Det må bli lettere å bytte fastlege.", "demand"),
        # a state wanted of the service or the people, not of the party: a goal
        ("Pasientene skal ha én fast kontaktperson gjennom hele behandlingen.", "goal"),
        ("Sjukeheimane skal vere gode stader å bu.", "goal"),
        # a consequence foreseen argues for a policy: a principle, not a demand
        ("Dette vil gi kortere køer og bedre tjenester.", "principle"),
        # arguments and descriptions: a problem named, a value held
        ("Mange kommuner mangler nok helsesykepleiere.", "challenge"),
        ("Gode lokalsykehus er avgjørende for tryggleiken i distrikta.", "principle"),
        ("Fastlegene har i snitt over tusen pasienter på listene sine.", "fact"),
    ],
)
def test_kinds_of_programme_prose(text: str, expected: str) -> None:
    assert kind(Statement(0, text, form="sentence"), doc("Partiet", "programme"))[0] == expected


def test_a_public_body_named_in_a_programme_is_what_the_party_demands() -> None:
    text = "Kommunene må tilby dagaktivitet til alle med demens."
    assert kind(Statement(0, text), doc("Partiet", "programme"))[0] == "demand"
    assert kind(Statement(0, text), doc("Helsedirektoratet", "government_plan"))[0] == "measure"


def test_a_party_working_with_others_on_policy_demands_it() -> None:
    lead = "Partiet vil:"
    party = doc("Partiet", "programme")
    with_others = item("samarbeide med frivilligheten om flere møteplasser", lead, "Partiet")
    assert kind(with_others, party)[0] == "demand"
    own = item("verve flere medlemmer i alle fylker", lead, "Partiet")
    assert kind(own, party)[0] == "activity"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Partiet er derfor for en statlig tannhelsereform.", "demand"),
        ("Vi er mot privatisering av sjukehusa.", "demand"),
        ("Vi er for mange som venter på behandling.", "challenge"),
    ],
)
def test_being_for_or_against_a_thing_is_a_demand(text: str, expected: str) -> None:
    assert kind(Statement(0, text), doc("Testpartiet", "party_programme"))[0] == expected

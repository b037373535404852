from __future__ import annotations

import pytest

from planatlas.coding.positions import positions


def found(text: str, language: str = "nb", kind: str | None = "demand") -> set[tuple[str, str]]:
    return {(p.issue, p.direction) for p, _ in positions(text, language, kind=kind)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("avvikle helseforetaksmodellen", "nb", {("hospital_trust_model", "-")}),
        ("avvikle helseføretaksmodellen", "nn", {("hospital_trust_model", "-")}),
        (
            "Vi vil leggje ned dei regionale helseføretaka",
            "nn",
            {("regional_health_authorities", "-")},
        ),
        ("auke rammefinansieringa av sjukehusa", "nn", {("block_grant_funding", "+")}),
        ("kortere ventetider i psykisk helsevern", "nb", {("waiting_times", "-")}),
        ("Fleire utdanningsstillingar for legar", "nn", {("medical_training_positions", "+")}),
        ("Vi går inn for å styrke fastlegeordningen", "nb", {("gp_services", "+")}),
    ],
)
def test_direction_words(text: str, language: str, expected: set[tuple[str, str]]) -> None:
    assert found(text, language) == expected


def test_replace_x_with_y() -> None:
    assert found("erstatte stykkprisfinansiering med rammefinansiering") == {
        ("activity_based_funding", "-"),
        ("block_grant_funding", "+"),
    }


def test_passive_replacement_in_nynorsk() -> None:
    assert found("Innsatsstyrt finansiering blir erstatta med rammefinansiering", "nn") == {
        ("activity_based_funding", "-"),
        ("block_grant_funding", "+"),
    }


def test_passive_reduction() -> None:
    text = "Delen innsatsstyrt finansiering er foreslått redusert til 40 prosent."
    assert found(text, kind="measure") == {("activity_based_funding", "-")}
    nynorsk = "Delen innsatsstyrt finansiering skal reduserast til 40 prosent."
    assert found(nynorsk, "nn", kind="measure") == {("activity_based_funding", "-")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Partiet vil ikke innføre åremål for sykehusdirektører", "nb"),
        ("Vi vil ikkje innføre åremål for sjukehusdirektørar", "nn"),
        ("Vi er mot åremål", "nb"),
    ],
)
def test_negation_and_opposition_flip(text: str, language: str) -> None:
    assert found(text, language) == {("fixed_term_leadership", "-")}


def test_inverse_term_flips() -> None:
    assert found("senke egenkapitalkravet for sykehusene") == {("hospital_investment_terms", "+")}


def test_change_without_direction() -> None:
    assert found("utvikle alternativer til foretaksmodellen") == {("hospital_trust_model", "~")}


def test_a_mere_mention_is_no_position() -> None:
    assert found("Foretaksmodellen er tema på neste møte", kind="measure") == set()
    assert found("Eldreomsorgen", kind="activity") == set()


def test_comparatives_reach_only_the_next_word() -> None:
    assert found("meir tematisk organisering av psykisk helsevern", "nn", "measure") == set()


def test_facts_and_references_take_no_position() -> None:
    assert found("Regjeringen har styrket fastlegeordningen", kind="fact") == set()


def under(text: str, heading: str) -> set[tuple[str, str]]:
    return {(p.issue, p.direction) for p, _ in positions(text, "nb", None, "demand", heading)}


def test_a_bare_list_item_takes_the_direction_of_its_heading() -> None:
    heading = "Dette vil vi fjerne"
    item = "innsatsstyrt finansiering i psykisk helsevern"
    # read as "fjerne innsatsstyrt finansiering i psykisk helsevern": the place is no target
    assert under(item, heading) == {("activity_based_funding", "-")}
    assert under("kombinerte stillinger for sykepleiere", "Vi vil prøve ut og innføre") == {
        ("combined_positions", "+")
    }


def test_an_item_with_its_own_direction_or_an_unsure_heading_keeps_to_itself() -> None:
    assert under("mer innsatsstyrt finansiering", "Dette vil vi fjerne") == {
        ("activity_based_funding", "+")
    }
    assert under("innsatsstyrt finansiering", "Dette vil vi ikke fjerne") == set()
    assert under("innsatsstyrt finansiering", "Tema for møtet") == set()


# --- stance (data/stance.yaml): which way a statement pushes, beyond direction words


def test_a_described_subject_is_not_pushed_by_a_direction_word_after_it() -> None:
    assert found("Rammefinansieringen har økt de siste årene.") == set()
    # a modal verb keeps the direction word in force
    assert found("Rammefinansieringen må økes.") == {("block_grant_funding", "+")}
    # and so does a reported proposal
    assert found("Andelen stykkprisfinansiering er foreslått redusert.") == {
        ("activity_based_funding", "-")
    }


@pytest.mark.parametrize(
    ("text", "language", "kind", "issue"),
    [
        (
            "Stykkprisfinansieringen har gitt mer rapportering og dårligere tid.",
            "nb",
            "demand",
            "activity_based_funding",
        ),
        (
            "Helseføretaksmodellen har ført til meir byråkrati.",
            "nn",
            "challenge",
            "hospital_trust_model",
        ),
        (
            "Helseforetaksmodellen skaper sentralisering og unødig byråkrati",
            "nb",
            "challenge",
            "hospital_trust_model",
        ),
    ],
)
def test_a_criticism_is_a_position(text: str, language: str, kind: str, issue: str) -> None:
    assert found(text, language, kind=kind) == {(issue, "-")}


def test_a_challenge_takes_no_position_by_a_direction_word() -> None:
    assert found("For få sykehjemsplasser i distriktene", kind="challenge") == set()


def test_praise_of_a_subject_is_a_position() -> None:
    assert found("Fastlegeordningen er grunnmuren i helsetjenesten", kind="principle") == {
        ("gp_services", "+")
    }


@pytest.mark.parametrize(
    ("text", "language", "direction"),
    [
        ("samarbeide med private og ideelle aktører om flere operasjoner", "nb", "-"),
        ("ta i bruk ledig kapasitet hos private klinikker", "nb", "-"),
        ("nytte ledig kapasitet hjå private klinikkar", "nn", "-"),
        ("gjeninnføre fritt behandlingsvalg i rusomsorgen", "nb", "-"),
        ("avvikle fritt behandlingsvalg", "nb", "+"),
        ("ikke slippe private og ideelle aktører til i sykehusdriften", "nb", "+"),
        ("regulere private helsetilbud strengere", "nb", "+"),
        ("slippe til private sykehus når køene i helsetjenesten vokser", "nb", "-"),
        ("pasientene skal kunne velge mellom ulike tilbydere av helsehjelp", "nb", "-"),
        # a longer phrase over a shorter one of the other way decides ("private tilbud")
        ("få bedre oversikt over fremveksten av private tilbud i helsetjenesten", "nb", "+"),
    ],
)
def test_stance_phrases_on_public_provision(text: str, language: str, direction: str) -> None:
    assert ("public_provision", direction) in found(text, language)
    assert ("public_provision", "+" if direction == "-" else "-") not in found(text, language)


def test_free_care_lowers_user_fees() -> None:
    assert ("user_fees", "-") in found("gi gratis tannbehandling til alle under 25 år")
    assert ("user_fees", "-") in found("innføre fritak for egenandeler for kronisk syke")


def test_contrast_carries_the_denied_direction_to_what_follows_men() -> None:
    assert found("Vi vil ikke styrke stykkprisfinansieringen, men rammefinansieringen") == {
        ("activity_based_funding", "-"),
        ("block_grant_funding", "+"),
    }


def test_a_demand_for_more_in_an_investment_field_is_a_position() -> None:
    assert found("Flere skal få tilbud om behandling for spiseforstyrrelser") == {
        ("mental_health_investment", "+")
    }
    assert found("Fleire skal få hjelp mot sjølvmordstankar", "nn") == {
        ("mental_health_investment", "+")
    }
    # the field named by the heading or lead-in the statement stands under
    under = positions(
        "opprette flere lavterskeltilbud i kommunene", kind="demand", context="Rusomsorg"
    )
    assert {(p.issue, p.direction) for p, _ in under} == {("mental_health_investment", "+")}
    # a description in the field asks for nothing
    assert found("Flere unge får behandling for spiseforstyrrelser", kind="fact") == set()
    # nor does a demand in another field under that heading
    other = positions("innføre lavere egenandeler", kind="demand", context="Rusomsorg")
    assert ("mental_health_investment", "+") not in {(p.issue, p.direction) for p, _ in other}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "nei til" is a minus word and an opposition at once: it says "-" once
        ("Nei til helseforetaksmodellen", ("hospital_trust_model", "-")),
        ("si nei til høyere egenandeler hos legen", ("user_fees", "-")),
        ("Vi sier nei til privatisering av sykehusene", ("public_provision", "+")),
        # stopping a decrease is for the thing decreased
        ("stoppe nedleggelsen av lokalsykehus i distriktene", ("decentralized_services", "+")),
        ("si nei til nedlegging av fødeavdelinger", ("decentralized_services", "+")),
        ("hindre nedbygging av døgnplasser i psykisk helsevern", ("mental_health_investment", "+")),
        # two minus verbs side by side are not a stop
        ("redusere og fjerne egenandelene for barn", ("user_fees", "-")),
        ("Kuttene i psykisk helsevern må reverseres", ("mental_health_investment", "+")),
        # a phrase as the subject, turned after a modal verb
        ("Fritt behandlingsvalg bør avvikles", ("public_provision", "+")),
        ("Private sykehus skal ikke få offentlige midler", ("public_provision", "+")),
        ("Fritt behandlingsvalg skal ikke avvikles", ("public_provision", "-")),
        # a negation before a light verb reaches the direction word after it
        ("Vi vil ikke ha mer målstyring i helseforetakene", ("performance_management", "-")),
        # wanting and supporting are for the thing
        ("Vi vil ha en bemanningsnorm i hjemmetjenesten", ("care_staffing_norm", "+")),
        ("Partiet støtter en bemanningsnorm for sykehjemmene", ("care_staffing_norm", "+")),
        # the alternative rejected
        (
            "Sykehusene skal ha rammefinansiering i stedet for innsatsstyrt finansiering",
            ("activity_based_funding", "-"),
        ),
        # a criticism by degree
        ("Egenandelene hos fysioterapeuten er for høye", ("user_fees", "-")),
        ("Helsekøene må kortes ned", ("waiting_times", "-")),
        ("Sykehusene trenger mer penger", ("health_spending", "+")),
        # an issue's opposite as the verb after a modal
        ("Fødetilbudet i distriktene må ikke sentraliseres", ("decentralized_services", "+")),
        ("Få slutt på innleie fra bemanningsbyråer i sykehus", ("public_provision", "+")),
    ],
)
def test_opposition_and_stopped_decreases(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text)
    assert (expected[0], "+" if expected[1] == "-" else "-") not in found(text)


def test_how_an_issue_works_is_a_judgement_of_it() -> None:
    assert found("Helseforetaksmodellen har spilt fallitt", kind="principle") == {
        ("hospital_trust_model", "-")
    }
    assert found("Fastlegeordningen fungerer godt i de fleste kommuner", kind="principle") == {
        ("gp_services", "+")
    }
    assert found("Dei regionale helseføretaka skal leggjast ned", "nn") == {
        ("regional_health_authorities", "-")
    }


def test_an_opposition_reaches_the_thing_opposed_not_what_completes_it() -> None:
    coded = positions("Ingen privatisering av eldreomsorgen", kind="demand", context="Helse")
    assert {(p.issue, p.direction) for p, _ in coded} == {("public_provision", "+")}


def test_words_said_of_any_rules_push_alcohol_policy_only_where_alcohol_is_named() -> None:
    assert found("Vi vil liberalisere reglene for apotekene i helsetjenesten") == set()
    assert found("avvikle sykehusets monopol på behandlingen av sjeldne sykdommer") == set()
    assert found("Vi vil liberalisere alkoholloven") == {("alcohol_restrictions", "-")}
    # the field named by the heading the statement stands under
    under = positions("Reglene for salg bør strammes inn.", kind="demand", context="Ruspolitikk")
    assert {(p.issue, p.direction) for p, _ in under} == {("alcohol_restrictions", "+")}


def test_drawing_up_a_plan_for_a_field_is_more_effort_for_it() -> None:
    assert found("utarbeide en nasjonal handlingsplan for kvinnehelse") == {("womens_health", "+")}
    assert ("womens_health", "+") in found("tilby alle nybakte mødre ammeveiledning på sykehuset")


def test_strengthening_an_emergency_service_is_faster_help() -> None:
    assert found("styrke ambulansetjenesten i distriktene") == {("emergency_response_times", "-")}


def test_improving_the_trust_model_is_reforming_it() -> None:
    assert found("forbedre helseforetaksmodellen") == {("hospital_trust_model", "~")}
    assert found("styrke helseforetaksmodellen") == {("hospital_trust_model", "+")}


def test_removing_requirements_simplifies() -> None:
    assert ("regulation_simplification", "+") in found("fjerne unødvendige dokumentasjonskrav")


def test_generic_field_words_and_phrases_count_only_in_a_health_text() -> None:
    # schools and kindergartens: no health technology, no public provision of health care
    assert found("styrke den digitale kompetansen i skolen") == set()
    assert found("likebehandle private og offentlige barnehager") == set()
    assert found("gi gratis kollektivtrafikk til studenter") == set()
    # the same words beside a health word
    assert ("health_technology", "+") in found("styrke den digitale kompetansen i sykehusene")
    assert ("public_provision", "-") in found("likebehandle private og offentlige sykehus")


def test_the_substances_are_no_field_of_mental_health_services() -> None:
    # more effort for drug treatment is a push; rules about the substances themselves are not
    assert ("mental_health_investment", "+") in found("Flere skal få tilbud om rusbehandling")
    assert ("mental_health_investment", "+") not in found(
        "sikre strengere kontroll med salg av rusmidler på nett"
    )


def test_the_elderly_are_a_group_not_the_field_of_elderly_care() -> None:
    assert ("elderly_care_investment", "+") in found("Bygge flere sykehjemsplasser i kommunene")
    assert ("elderly_care_investment", "+") not in found(
        "sikre eldre pasienter bedre informasjon om legemidler"
    )


def test_developing_a_service_asks_for_no_more_of_it() -> None:
    # in an investment issue's field, developing a service or giving it "to a greater
    # degree" somewhere changes how it works, not how much of it there is
    assert found("utvikle nye tilbud for personer med spiseforstyrrelser") == set()
    assert found("tilbudet ved spiseforstyrrelser skal i større grad gis nær hjemmet") == set()
    assert found("opprette nye tilbud for personer med spiseforstyrrelser") == {
        ("mental_health_investment", "+")
    }


def test_money_for_a_field_is_more_for_that_field() -> None:
    assert found("Sikre tilstrekkelig finansiering av rusomsorgen") == {
        ("mental_health_investment", "+")
    }
    general = found("Sikre tilstrekkelig finansiering av helsetjenestene")
    assert general == {("health_spending", "+")}


def test_a_heading_names_the_field_only_of_a_statement_about_no_other_topic() -> None:
    def heading(text: str, context: str) -> set[tuple[str, str]]:
        return {(p.issue, p.direction) for p, _ in positions(text, kind="demand", context=context)}

    # under "Folkehelse", a demand about preparedness asks for no more prevention
    assert heading("Sikre god legemiddelberedskap", "Folkehelse") == set()
    # a bare demand, or one about the heading's own topic, takes the heading's field
    assert heading("Sikre nok gode tilbud i nærmiljøet", "Folkehelse") == {
        ("prevention_investment", "+")
    }
    assert heading("Flere skal få tilgang til behandling", "Ruspolitikk") == {
        ("mental_health_investment", "+")
    }


def test_a_drug_reform_is_about_penalties_not_more_treatment() -> None:
    assert found("gjennomføre en rusreform som avkriminaliserer bruk") == {
        ("drug_decriminalization", "+")
    }


def test_physical_and_mental_health_together_name_no_field() -> None:
    assert found("sikre bedre oppfølging av pasientenes fysiske og psykiske plager") == set()
    assert found("sikre bedre oppfølging av pasientenes psykiske plager") == {
        ("mental_health_investment", "+")
    }


def test_training_and_support_for_next_of_kin_strengthen_coping_services() -> None:
    assert found("Pårørende skal få tilbud om opplæring og støtte") == {
        ("self_management_services", "+")
    }
    assert found("Flere skal få tilbud om kurs og samtalegrupper") == {
        ("self_management_services", "+")
    }
    # mastering one's work is no coping service
    assert found("sikre at de ansatte opplever mestring i jobben") == set()


@pytest.mark.parametrize(
    ("text", "issue"),
    [
        ("Det må settes av penger til behandling av endometriose.", "womens_health"),
        ("Utvide mammografiprogrammet til flere aldersgrupper.", "womens_health"),
        ("Utrydde hepatitt C gjennom vaksinasjon og screening.", "prevention_investment"),
        ("Motvirke overvekt blant barn.", "prevention_investment"),
        ("Iverksette et program mot overvekt i befolkningen.", "prevention_investment"),
    ],
)
def test_more_ways_of_asking_for_more_in_a_field(text: str, issue: str) -> None:
    assert (issue, "+") in found(text)


def test_asking_for_coordination_or_rules_in_a_field_is_no_more_effort_for_it() -> None:
    assert found("sikre bedre samordning av tilbudene til personer med spiseforstyrrelser") == set()
    assert found("innføre strengere regulering av salg av snus til unge") == set()
    assert found("sikre flere tilbud til personer med spiseforstyrrelser") == {
        ("mental_health_investment", "+")
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("styrke samarbeidet mellom kommunene og psykisk helsevern", "nb"),
        ("innføre felles retningslinjer for rusbehandling i kommunane", "nn"),
        ("sikre betre koordinering av psykiske helsetenester", "nn"),
    ],
)
def test_a_push_on_another_object_is_no_more_effort(text: str, language: str) -> None:
    # the direction word pushes cooperation or rules, not more for mental health
    assert "mental_health_investment" not in {i for i, _ in found(text, language)}


def test_a_push_on_the_field_itself_stands() -> None:
    assert found("styrke det psykiske helsevernet for eldre") >= {("mental_health_investment", "+")}


@pytest.mark.parametrize(
    ("text", "language", "issue"),
    [
        ("sikre rask tilgang til nye legemidler", "nb", "new_treatments"),
        ("gi raskare tilgang til nye behandlingsmetodar", "nn", "new_treatments"),
    ],
)
def test_speed_of_another_issue_is_no_queue(text: str, language: str, issue: str) -> None:
    coded = found(text, language)
    assert (issue, "+") in coded
    assert "waiting_times" not in {i for i, _ in coded}


def test_rask_tilgang_alone_is_shorter_queues() -> None:
    assert ("waiting_times", "-") in found("sikre rask tilgang til helsehjelp i hele landet")


@pytest.mark.parametrize(
    "text", ["øke antall studieplasser i medisin", "auke talet på studieplassar i sjukepleie"]
)
def test_study_places_are_no_training_positions(text: str) -> None:
    assert "medical_training_positions" not in {i for i, _ in found(text)}


@pytest.mark.parametrize(
    ("text", "language", "issue"),
    [
        ("sikre beboere på sykehjem bedre tilgang til tannlege", "nb", "dental_coverage"),
        ("gje eit betre tilbod til eldre med psykiske lidingar", "nn", "mental_health_investment"),
    ],
)
def test_a_field_named_by_whom_it_serves_yields(text: str, language: str, issue: str) -> None:
    coded = {i for i, _ in found(text, language)}
    assert issue in coded
    assert "elderly_care_investment" not in coded


def test_elderly_care_alone_stands() -> None:
    assert ("elderly_care_investment", "+") in found("etablere flere sykehjemsplasser")


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        ("sikre at alle har en fast lege de kjenner", "nb", "Fastlegeordningen"),
        ("gje fleire kommunale stillingar til unge legar", "nn", "Fastlegane"),
    ],
)
def test_a_demand_under_a_gp_heading_strengthens_gp_services(
    text: str, language: str, heading: str
) -> None:
    coded = positions(text, language, kind="demand", context=heading)
    assert ("gp_services", "+") in {(p.issue, p.direction) for p, _ in coded}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("videreføre legemiddelassistert rehabilitering for flere brukere", "nb"),
        ("styrkje den legemiddelassisterte rehabiliteringa i kommunane", "nn"),
    ],
)
def test_a_drug_treatment_named_rehabilitation_is_no_rehabilitation(
    text: str, language: str
) -> None:
    assert "rehabilitation_investment" not in {i for i, _ in found(text, language)}


def test_rehabilitation_itself_stands() -> None:
    assert ("rehabilitation_investment", "+") in found(
        "styrke rehabiliteringen etter sykehusopphold"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("øke den samlede ressursbruken på helse og omsorg", "nb"),
        ("auke ressursbruken til helse i kommunane", "nn"),
    ],
)
def test_more_resources_for_health_is_more_health_spending(text: str, language: str) -> None:
    assert ("health_spending", "+") in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Det er behov for et kompetanseløft i psykisk helsevern.", "nb"),
        ("Det er behov for fleire tilbod innan rusomsorga.", "nn"),
    ],
)
def test_a_stated_need_in_a_field_asks_for_more(text: str, language: str) -> None:
    assert ("mental_health_investment", "+") in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("innføre en behandlingsgaranti på 30 dager", "nb"),
        ("innføre ein utgreiings- og behandlingsgaranti", "nn"),
        ("Alle skal få hjelp uten å måtte stå i kø.", "nb"),
    ],
)
def test_a_treatment_guarantee_is_shorter_waiting(text: str, language: str) -> None:
    assert ("waiting_times", "-") in found(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("redusere egenandelen for tannbehandling av eldre", "nb"),
        ("fjerne eigenandelen for tannregulering av barn", "nn"),
    ],
)
def test_lower_fees_for_dental_care_are_more_coverage(text: str, language: str) -> None:
    assert found(text, language) >= {("user_fees", "-"), ("dental_coverage", "+")}


@pytest.mark.parametrize(
    ("text", "language", "issue"),
    [
        (
            "Folkehelsearbeidet i kommunene skal redusere sykdom og ensomhet.",
            "nb",
            "prevention_investment",
        ),
        (
            "Psykisk helsevern skal bidra til å få ned sjølvmordstala.",
            "nn",
            "mental_health_investment",
        ),
        ("Rusomsorgen må korte ned ventelistene.", "nb", "mental_health_investment"),
        ("Begrense arbeidsbelastningen for fastlegene.", "nb", "gp_services"),
        (
            "Tidlig innsats skal redusere behovet for rehabilitering.",
            "nb",
            "rehabilitation_investment",
        ),
    ],
)
def test_reducing_what_a_field_works_against_is_not_less_effort(
    text: str, language: str, issue: str
) -> None:
    assert (issue, "-") not in found(text, language)


def test_less_effort_in_a_field_is_still_less() -> None:
    assert ("prevention_investment", "-") in found(
        "Vi vil redusere innsatsen i folkehelsearbeidet."
    )


@pytest.mark.parametrize(
    ("text", "language", "direction"),
    [
        ("Rusomsorgen skal bygges ned.", "nb", "-"),
        ("Rusomsorga må ikkje byggjast ned.", "nn", "+"),
    ],
)
def test_a_field_built_down_in_the_passive(text: str, language: str, direction: str) -> None:
    assert found(text, language) == {("mental_health_investment", direction)}


def test_rules_for_a_broad_field_are_effort_for_it() -> None:
    """Women's health covers research, rules and cooperation as well (stance.yaml
    broad_fields): guidelines for it are more for it, guidelines for mental health are not."""
    assert ("womens_health", "+") in found("Innføre nasjonale retningslinjer for barselomsorgen.")
    assert not found("Innføre nasjonale retningslinjer for psykisk helsevern.")


def test_a_tax_exemption_is_about_private_care_only_when_it_names_it() -> None:
    assert ("public_provision", "+") in found("fjerne momsfritaket på private helsetjenester")
    assert not any(
        issue == "public_provision" for issue, _ in found("Innføre momsfritak på frukt.")
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pasienter skal ikke vente mer enn to uker på behandling.", "nb"),
        ("Ingen skal måtte venta på hjelp.", "nn"),
        ("Alle skal få time senest etter tre dager.", "nb"),
    ],
)
def test_a_cap_on_waiting_is_shorter_waiting(text: str, language: str) -> None:
    assert ("waiting_times", "-") in found(text, language)


@pytest.mark.parametrize(
    ("text", "language", "issue"),
    [
        ("styrke den faglige friheten til fagfolkene", "nb", "trust_based_leadership"),
        ("Vi vil gje meir fagleg fridom til dei tilsette.", "nn", "trust_based_leadership"),
        ("Sykehusene skal få større lokal handlefrihet.", "nb", "institution_autonomy"),
    ],
)
def test_the_professionals_freedom_is_trust_the_institutions_is_autonomy(
    text: str, language: str, issue: str
) -> None:
    assert found(text, language) == {(issue, "+")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Finansieringen må legges om slik at pengene følger pasienten.",
            ("activity_based_funding", "+"),
        ),
        ("Det må gå mindre tid til rapportering og kontroll.", ("performance_management", "-")),
        ("Forenkle målstyringen i sykehusene.", ("performance_management", "-")),
    ],
)
def test_funding_and_control_in_other_words(text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Vi vil forenkle rapporteringskravene.", "+"),
        ("Forenkle regelverket for fysioterapeuter.", "+"),
        ("Vi vil ha flere rapporteringskrav.", "-"),
    ],
)
def test_simpler_requirements_are_simpler_rules(text: str, direction: str) -> None:
    assert ("regulation_simplification", direction) in found(text)

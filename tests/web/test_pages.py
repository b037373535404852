"""The HTML pages through the ASGI app: each renders, escapes, downloads and switches language."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from web_fixtures import document_id

from planatlas.store import Atlas


@pytest.fixture(scope="module")
def ids(atlas: Atlas) -> dict[str, int]:
    kyst = document_id(atlas, "Kystpartiet")
    return {
        "kyst": kyst,
        "plan": document_id(atlas, "Regjeringen"),
        "pasient": document_id(atlas, "Pasientforbundet Vest"),
        "test": document_id(atlas, "Testpartiet"),
        "statement": atlas.statements(document=kyst)[6].id,
    }


def page_urls(ids: dict[str, int]) -> list[str]:
    return [
        "/",
        f"/dokument/{ids['kyst']}",
        f"/dokument/{ids['pasient']}?versjon=1",
        f"/utsagn/{ids['statement']}",
        "/sok?q=sykehus&aktor=Kystpartiet&type=demand",
        "/last-opp",
        "/sammenlign?aktor=Kystpartiet&aktor=Framtidspartiet",
        "/allierte?aktor=Kystpartiet&tema=governance",
        f"/sporing?krav={ids['kyst']}&plan={ids['plan']}",
        f"/endringer?dokument={ids['pasient']}",
        f"/endringer?fra={ids['kyst']}&til={ids['plan']}",
        "/feil",
        "/api/v1/docs",
    ]


def test_every_page_renders_in_bokmal(client: TestClient, ids: dict[str, int]) -> None:
    for url in page_urls(ids):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="nb">' in response.text, url
        assert 'href="#innhold"' in response.text and '<main id="innhold"' in response.text


def test_pages_without_a_choice_show_their_forms(client: TestClient) -> None:
    for url in ("/sammenlign", "/allierte", "/sporing", "/endringer", "/sok"):
        response = client.get(url)
        assert response.status_code == 200 and "<form" in response.text, url


def test_markup_in_statements_is_escaped(client: TestClient, ids: dict[str, int]) -> None:
    html = client.get(f"/dokument/{ids['test']}").text
    assert "<script>alert(1)</script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    search = client.get("/sok", params={"q": "fjerne", "aktor": "Testpartiet"}).text
    assert "<script>alert" not in search and "&lt;script&gt;" in search


def test_downloads_have_the_rows_the_page_shows(
    client: TestClient, ids: dict[str, int], atlas: Atlas
) -> None:
    known = atlas.statements(document=ids["kyst"])[2].text
    csv = client.get(f"/dokument/{ids['kyst']}", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("document,actor,title,version,index,section,text,kind")
    assert known in text
    xlsx = client.get(f"/dokument/{ids['kyst']}", params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet["A1"].value == "document"


@pytest.mark.parametrize(
    ("url", "header"),
    [
        ("/?format=csv", "actor,"),
        ("/sok?q=sykehus&format=csv", "document,actor"),
        (
            "/sammenlign?aktor=Kystpartiet&aktor=Framtidspartiet&format=csv",
            "issue,label,contested,actor",
        ),
        ("/allierte?aktor=Kystpartiet&format=csv", "relation,actor,score"),
        ("/feil?format=csv", "id,path,code"),
    ],
)
def test_each_list_downloads_as_csv(client: TestClient, url: str, header: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith(header)


def test_every_listing_page_links_to_its_downloads(client: TestClient, ids: dict[str, int]) -> None:
    for url in page_urls(ids):
        if url in ("/last-opp", "/api/v1/docs", "/feil") or url.startswith("/utsagn"):
            continue
        html = client.get(url).text
        assert "format=csv" in html and "format=xlsx" in html, url
        assert "Last ned CSV" in html and "Last ned Excel" in html, url


def test_the_language_switch_remembers_english(atlas_url: str, ids: dict[str, int]) -> None:
    from planatlas.web import create_app

    with TestClient(create_app(atlas_url)) as client:
        switched = client.get(f"/sprak/en?neste={quote('/sok?q=sykehus')}", follow_redirects=False)
        assert switched.status_code == 303 and switched.headers["location"] == "/sok?q=sykehus"
        page = client.get("/sok?q=sykehus").text
        assert '<html lang="en">' in page and "Search words" in page
        assert (
            client.get("/sprak/en?neste=//evil.example", follow_redirects=False).headers["location"]
            == "/"
        )


def test_a_correction_through_the_form(
    client: TestClient, atlas: Atlas, ids: dict[str, int]
) -> None:
    statement = atlas.statement(ids["statement"])
    form = {
        "type": "goal",
        "tema": ["digital", "access"],
        "sak_1": "waiting_times",
        "retning_1": "-",
        "sak_2": "",
        "retning_2": "+",
    }
    response = client.post(f"/utsagn/{statement.id}", data=form, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "Rettelsen er lagret" in page and page.count("rettet av Kari Nordmann (kari)") >= 3
    coding = atlas.statement(statement.id).coding
    assert coding.kind == "goal" and coding.topics == ["digital", "access"]
    assert [(p.issue, p.direction) for p in coding.positions] == [("waiting_times", "-")]


def test_an_anonymous_correction_is_refused(
    anonymous: TestClient, atlas: Atlas, ids: dict[str, int]
) -> None:
    before = len(atlas.corrections(ids["statement"]))
    page = anonymous.get(f"/utsagn/{ids['statement']}").text
    assert 'action="/utsagn/' not in page and "Logg inn" in page
    response = anonymous.post(f"/utsagn/{ids['statement']}", data={"type": "fact"})
    assert response.status_code == 401 and "logg inn" in response.text
    assert len(atlas.corrections(ids["statement"])) == before


def test_a_correction_needs_the_csrf_token(client: TestClient, ids: dict[str, int]) -> None:
    token = client.headers.pop("X-CSRF-Token")
    try:
        response = client.post(f"/utsagn/{ids['statement']}", data={"type": "fact"})
        assert response.status_code == 403 and "last siden på nytt" in response.text
        forged = client.post(
            f"/utsagn/{ids['statement']}", data={"type": "fact", "csrf": "feil" + token}
        )
        assert forged.status_code == 403
    finally:
        client.headers["X-CSRF-Token"] = token


def test_unknown_things_get_a_norwegian_error_page(client: TestClient) -> None:
    for url in ("/dokument/99999", "/utsagn/99999", "/finnes-ikke", "/sammenlign?aktor=A&aktor=B"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Noe gikk galt" in response.text and "fant ikke" in response.text
    assert client.get("/dokument/1?versjon=x").status_code == 400


def test_a_document_can_be_analysed_again_and_keeps_corrections(
    client: TestClient, atlas: Atlas, ids: dict[str, int]
):
    statement = atlas.statements(document=ids["kyst"])[3]
    atlas.correct(statement.id, {"kind": "principle"}, "test")
    response = client.post(f"/dokument/{ids['kyst']}/analyser", follow_redirects=True)
    assert response.status_code == 200
    assert "på nytt" in response.text and "analysert=" in str(response.url)
    assert atlas.statement(statement.id).coding.kind == "principle"


def test_the_briefing_downloads_as_word_and_markdown(client: TestClient):
    from docx import Document as Docx

    response = client.get("/notat?aktor=Kystpartiet")
    assert response.status_code == 200
    assert 'filename="notat-kystpartiet.docx"' in response.headers["content-disposition"]
    text = "\n".join(p.text for p in Docx(io.BytesIO(response.content)).paragraphs)
    assert "Notat: Kystpartiet" in text and "Hvem er enige" in text
    markdown = client.get("/notat?aktor=Kystpartiet&format=md").text
    assert markdown.startswith("# Notat: Kystpartiet")
    assert client.get("/notat?aktor=Ukjent").status_code == 404


def test_a_document_shows_what_other_documents_also_name(client: TestClient, ids: dict[str, int]):
    page = client.get(f"/dokument/{ids['plan']}").text
    assert "Nevnt også i andre dokumenter" in page
    statement = client.get(f"/utsagn/{ids['statement']}").text
    assert "Referanser til dokumenter" in statement and "Organisasjoner nevnt" in statement


def test_document_and_statement_pages_say_which_page_a_statement_is_on(
    client: TestClient, ids: dict[str, int], atlas: Atlas
) -> None:
    first = atlas.statements(document=ids["plan"])[0]
    assert first.page is not None
    place = f'<span class="place">s. {first.page}</span>'
    assert place in client.get(f"/dokument/{ids['plan']}").text
    assert place in client.get(f"/utsagn/{first.id}").text


def test_the_page_of_a_statement_is_said_in_english_too(
    atlas_url: str, ids: dict[str, int], atlas: Atlas
) -> None:
    from planatlas.web import create_app

    first = atlas.statements(document=ids["plan"])[0]
    with TestClient(create_app(atlas_url)) as english:
        english.get("/sprak/en?neste=/", follow_redirects=False)
        page = english.get(f"/utsagn/{first.id}").text
    assert f'<span class="place">p. {first.page}</span>' in page


def test_the_document_choices_render_as_the_select_macro_draws_them() -> None:
    """The trace and diff forms' options come rendered once (web/options.py); they are, to
    the byte, what the generic select macro draws, with the chosen document selected."""
    from store_fixtures import plan

    from planatlas.questions.listing import choices
    from planatlas.web.context import templates
    from planatlas.web.options import document_options

    atlas = Atlas("sqlite://")
    atlas.add(plan())
    chosen = atlas.add(plan("sha256:to", title='Plan <for> "alle" & én', source="b.txt"))
    atlas.add(plan("sha256:tre", title=None, actor=None, source="c&d.txt"))
    env = templates().env
    env.globals["t"] = lambda key, **_: key
    drawn = env.from_string(
        '{% import "_macros.html" as m with context %}'
        '{{ m.select("plan", "Plan", options, selected, "Velg", search=true) }}'
    )
    rendered = env.from_string(
        '{% import "_macros.html" as m with context %}'
        '{{ m.document_select("plan", "Plan", selected, "Velg") }}'
    )
    offered = choices(atlas).document_options
    for selected in ("", chosen.document_id, str(chosen.document_id), "999"):
        expected = drawn.render(options=offered, selected=selected)
        found = rendered.render(
            selected=selected, document_options=lambda s: document_options(atlas, s)
        )
        assert found == expected
    marked = document_options(atlas, chosen.document_id)
    assert " selected>Helsepartiet: Plan &lt;for&gt; &#34;alle&#34; &amp; én</option>" in marked


def test_the_actor_choices_come_rendered_with_the_chosen_one_selected() -> None:
    from store_fixtures import plan

    from planatlas.web.options import actor_options

    atlas = Atlas("sqlite://")
    atlas.add(plan())
    atlas.add(plan("sha256:to", actor='Lag <for> "alle" & én', source="b.txt"))
    plain = actor_options(atlas, None)
    assert plain.count("<option") == 2 and " selected" not in plain
    chosen = actor_options(atlas, 'Lag <for> "alle" & én')
    assert chosen.count(" selected>") == 1
    assert '<option value="Lag &lt;for&gt; &#34;alle&#34; &amp; én" selected>' in chosen
    assert actor_options(atlas, "Helsepartiet").count(" selected>Helsepartiet<") == 1


def test_the_network_drawn_once_marks_the_chosen_actor_alone(tmp_path) -> None:
    """The allies page's network is drawn once per snapshot, topic and language; the chosen
    actor's node, whatever its name, is the one marked, on every visit."""
    from store_fixtures import plan

    from planatlas.web import create_app

    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    with Atlas(url) as atlas:
        atlas.add(plan())
        atlas.add(plan("sha256:to", title="Kystplan", actor='Kyst & "Fjord" <lista>', source="k"))
    with TestClient(create_app(url)) as client:
        for actor in ('Kyst & "Fjord" <lista>', "Helsepartiet", 'Kyst & "Fjord" <lista>'):
            page = client.get("/allierte", params={"aktor": actor}).text
            assert page.count('class="node chosen"') == 1
            marked = page.split('class="node chosen" data-id="')[1].split('"')[0]
            assert marked == actor.replace("&", "&amp;").replace('"', "&#34;").replace(
                "<", "&lt;"
            ).replace(">", "&gt;")
        assert 'class="node chosen"' not in client.get("/allierte").text
        client.cookies.set("sprak", "en")
        english = client.get("/allierte", params={"aktor": "Helsepartiet"}).text
        assert english.count('class="node chosen"') == 1 and "The alliance network" in english


def test_a_document_page_names_a_few_of_the_documents_that_share_a_reference(
    tmp_path, monkeypatch
) -> None:
    """Thousands of documents may name the same organisation: the page names the first few
    and says how many more there are; the API gives them all."""
    from store_fixtures import plan

    from planatlas.web import create_app, pages

    monkeypatch.setattr(pages, "SHOWN_DOCUMENTS", 2)
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    with Atlas(url) as atlas:
        ids = []
        for n in range(5):
            doc = plan(f"sha256:{n}", title=f"Plan {n}", source=f"plan-{n}.txt")
            doc.statements[0].coding.organisations = ["Helse Nord RHF"]
            ids.append(atlas.add(doc).document_id)
    with TestClient(create_app(url)) as client:
        page = client.get(f"/dokument/{ids[0]}").text
        named = page.split('<ul class="shared">')[1].split("</ul>")[0]
        assert named.count('href="/dokument/') == 2 and "og 2 andre</li>" in named
        found = client.get(f"/api/v1/documents/{ids[0]}").json()["shared"]
        assert len(found[0]["documents"]) == 4


def test_a_page_reads_the_marks_of_the_atlas_once(client: TestClient, monkeypatch) -> None:
    atlas = client.app.state.atlas  # type: ignore[attr-defined]
    read: list[int] = []
    marks = atlas.marks
    monkeypatch.setattr(atlas, "marks", lambda: read.append(1) or marks())
    for url in ("/sok?q=sykehus", "/", "/sammenlign?aktor=Kystpartiet&aktor=Framtidspartiet"):
        read.clear()
        assert client.get(url).status_code == 200
        assert len(read) == 1, url  # the page asks for the snapshot more than once


def test_the_changes_within_one_document_offer_only_documents_in_several_versions(
    client: TestClient, ids: dict[str, int]
) -> None:
    page = client.get("/endringer").text
    within = page[page.index('id="f-dokument"') : page.index('id="f-fra"')]
    between = page[page.index('id="f-fra"') :]
    assert f'<option value="{ids["pasient"]}">' in within  # stored twice
    assert f'<option value="{ids["kyst"]}">' not in within
    assert f'<option value="{ids["kyst"]}">' in between  # any two documents can be compared


def test_the_compare_page_says_what_each_position_rests_on(client: TestClient) -> None:
    page = client.get("/sammenlign?aktor=Kystpartiet&aktor=Framtidspartiet").text
    marks = re.findall(r'<span class="support( thin)?">([^<]+)</span>', page)
    assert marks
    for thin, text in marks:  # one statement is thin and said so; more are counted
        assert (text == "ett utsagn") is bool(thin), text
        assert text == "ett utsagn" or re.fullmatch(r"\d+ utsagn", text)

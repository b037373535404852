"""The web app in a real headless Chromium: flows a policy adviser follows, axe on every page.

Chromium and chromedriver come from the system (/usr/bin); Selenium never downloads anything.
Without them the tests are skipped, unless PLANATLAS_REQUIRE_BROWSER=1 makes that a failure.
Screenshots of every page go to build/screenshots/.
"""

from __future__ import annotations

import base64
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from places import ROOT
from web_fixtures import PASSWORD, build_atlas, document_id

from planatlas.batch import ingest, recode
from planatlas.store import Atlas
from planatlas.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = ROOT
SHOTS = ROOT / "build" / "screenshots"
EXAMPLES = ROOT / "examples"


def _axe_script() -> Path:
    import axe_selenium_python

    return Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is not installed"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    return None


@pytest.fixture(scope="module")
def browser_ready() -> None:
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("PLANATLAS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"PLANATLAS_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(f"no browser: {reason} (install chromium and chromium-driver)")


@pytest.fixture(scope="module")
def live(
    browser_ready: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(base URL, atlas URL) of the app served by uvicorn in a background thread."""
    atlas_url = build_atlas(tmp_path_factory.mktemp("browser"))
    yield from _served(atlas_url)


@pytest.fixture(scope="module")
def many(
    browser_ready: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(base URL, atlas URL) of an atlas with more documents than a list is read at a glance."""
    folder = tmp_path_factory.mktemp("many")
    atlas_url = f"sqlite:///{folder / 'atlas.db'}"
    paths = []
    for n in range(1, 25):
        path = folder / f"helselag-{n:02d}.md"
        path.write_text(
            f"# Handlingsplan for Helselaget Bygd {n:02d} 2025–2026\n\n"
            f"Helselaget Bygd {n:02d} vil styrke fastlegene.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    with Atlas(atlas_url) as atlas:
        assert not [r for r in ingest(paths, atlas) if r.failed]
    yield from _served(atlas_url)


def _served(atlas_url: str) -> Iterator[tuple[str, str]]:
    port = _free_port()
    config = uvicorn.Config(create_app(atlas_url), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", atlas_url
    server.should_exit = True
    thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def driver(browser_ready: None) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(arg)
    found = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    found.set_page_load_timeout(30)
    yield found
    found.quit()


def wait_for(driver: Any, css: str, timeout: float = 20) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def serious_violations(driver: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page now shown."""
    driver.execute_script(_axe_script().read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(done, e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def screenshot(driver: Any, name: str) -> None:
    """The whole page, top to bottom (Chrome DevTools captures beyond the window)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.execute_script(
        "window.scrollTo(0, 0);"
        "document.querySelectorAll('.scroll, .original')"
        ".forEach(e => { e.scrollLeft = 0; e.scrollTop = 0; });"
    )
    height = min(int(driver.execute_script("return document.documentElement.scrollHeight")), 6000)
    clip = {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    (SHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


def pages(atlas_url: str) -> dict[str, str]:
    with Atlas(atlas_url) as atlas:
        kyst = document_id(atlas, "Kystpartiet")
        plan = document_id(atlas, "Regjeringen")
        pasient = document_id(atlas, "Pasientforbundet Vest")
        statement = next(s.id for s in atlas.statements(document=kyst) if s.coding.positions)
    return {
        "oversikt": "/",
        "dokument": f"/dokument/{kyst}",
        "utsagn": f"/utsagn/{statement}",
        "sok": "/sok?q=sjukehusa",
        "last-opp": "/last-opp",
        "sammenlign": "/sammenlign?aktor=Kystpartiet&aktor=Framtidspartiet&aktor=Regjeringen",
        "allierte": "/allierte?aktor=Kystpartiet",
        "sporing": f"/sporing?krav={kyst}&plan={plan}",
        "endringer": f"/endringer?dokument={pasient}",
        "feil": "/feil",
        "api-docs": "/api/v1/docs",
        "logg-inn": "/logg-inn",
        "oppfolging": f"/oppfolging/{pasient}",
        "oppfolging-punkt": f"/oppfolging/punkt/{followed(atlas_url, pasient)}",
        "rapport": f"/oppfolging/{pasient}/rapport",
        "ikke-funnet": "/dokument/99999",
    }


def followed(atlas_url: str, document: int) -> int:
    """A statement of the plan that is followed up (a measure, activity, demand or goal)."""
    from planatlas.followup.status import followed as is_followed

    with Atlas(atlas_url) as atlas:
        return next(s.id for s in atlas.statements(document=document) if is_followed(s.coding.kind))


def test_every_page_has_no_serious_axe_violations(live: tuple[str, str], driver: Any) -> None:
    base, atlas_url = live
    found = {}
    for name, path in pages(atlas_url).items():
        driver.get(base + path)
        wait_for(driver, "main h1")
        found[name] = serious_violations(driver)
        screenshot(driver, name)
    assert not any(found.values()), "\n".join(
        f"{name}:\n{describe(v)}" for name, v in found.items() if v
    )


def test_english_pages_have_no_serious_axe_violations(live: tuple[str, str], driver: Any) -> None:
    base, atlas_url = live
    driver.get(base + "/")
    driver.find_element("css selector", "a.lang").click()
    wait_for(driver, "html[lang='en']")
    try:
        assert driver.find_element("css selector", "main h1").text == "Overview"
        found = {}
        for name in ("oversikt", "dokument", "utsagn", "allierte"):
            driver.get(base + pages(atlas_url)[name])
            wait_for(driver, "main h1")
            found[name] = serious_violations(driver)
            screenshot(driver, f"en-{name}")
        assert not any(found.values()), "\n".join(
            f"{name}:\n{describe(v)}" for name, v in found.items() if v
        )
    finally:
        driver.find_element("css selector", "a.lang").click()
        wait_for(driver, "html[lang='nb']")


def log_in(driver: Any, base: str, username: str) -> None:
    """Log in through the login form (logging out whoever was logged in first)."""
    driver.delete_all_cookies()
    driver.get(base + "/logg-inn")
    driver.find_element("id", "f-brukernavn").send_keys(username)
    driver.find_element("id", "f-passord").send_keys(PASSWORD)
    driver.find_element("css selector", "form.login button[type='submit']").click()
    wait_for(driver, ".who a[href='/konto']")


def test_upload_a_file_and_see_its_outline(live: tuple[str, str], driver: Any) -> None:
    base, _ = live
    log_in(driver, base, "kari")
    driver.get(base + "/last-opp")
    chooser = driver.find_element("id", "f-files")
    chooser.send_keys(str(EXAMPLES / "sjoheim-kommune-nyheit-legevakt-2025.md"))
    driver.find_element("id", "upload-button").click()
    opened = wait_for(driver, ".upload-item.ok a.open")
    assert "utsagn" in driver.find_element("css selector", ".upload-item .file-status").text
    assert (
        driver.find_element("css selector", ".upload-item progress").get_attribute("value") == "100"
    )
    screenshot(driver, "last-opp-resultat")
    opened.click()
    wait_for(driver, ".outline .statements li")
    outline = driver.find_element("css selector", ".outline").text
    assert "legevakt" in outline.lower()


def test_a_bad_file_gets_a_clear_error(live: tuple[str, str], driver: Any, tmp_path: Path) -> None:
    base, _ = live
    bad = tmp_path / "tom.pdf"
    bad.write_bytes(b"")
    log_in(driver, base, "kari")
    driver.get(base + "/last-opp")
    driver.find_element("id", "f-files").send_keys(str(bad))
    driver.find_element("id", "upload-button").click()
    failed = wait_for(driver, ".upload-item.failed .file-status[role='alert']")
    assert failed.text.startswith("Feil:")
    assert "tom" in failed.text or "tekst" in failed.text or "tom fil" in failed.text.lower()


def test_a_corrected_topic_stays_after_reanalysis(live: tuple[str, str], driver: Any) -> None:
    base, atlas_url = live
    with Atlas(atlas_url) as atlas:
        target = next(
            s
            for s in atlas.statements(actor="Kystpartiet")
            if "rehabilitation" not in s.coding.topics
        )
    log_in(driver, base, "kari")
    driver.get(f"{base}/utsagn/{target.id}")
    driver.find_element("id", "tema-rehabilitation").click()
    driver.find_element("css selector", ".correct button[type='submit']").click()
    wait_for(driver, "p.success")
    assert "rettet av Kari Nordmann" in driver.find_element("css selector", "table.coding").text
    with Atlas(atlas_url) as atlas:
        assert recode(atlas) > 0
    driver.get(f"{base}/utsagn/{target.id}")
    assert driver.find_element("id", "tema-rehabilitation").is_selected()
    assert "Rehabilitering" in driver.find_element("css selector", "table.coding").text
    assert "rettet av Kari Nordmann" in driver.find_element("css selector", "table.coding").text


def test_compare_two_actors(live: tuple[str, str], driver: Any) -> None:
    base, _ = live
    driver.get(base + "/sammenlign")
    for label in ("Kystpartiet", "Framtidspartiet"):
        driver.find_element("xpath", f"//label[text()='{label}']").click()
    driver.find_element("css selector", "form.filters button").click()
    table = wait_for(driver, "table.side-by-side")
    headers = [th.text for th in table.find_elements("css selector", "thead th")]
    assert "Strid" in headers  # how contested each issue is, beside the actors
    assert sorted(h for h in headers[1:] if h != "Strid") == ["Framtidspartiet", "Kystpartiet"]
    assert "Foretaksmodellen" in table.text
    supports = [s.text for s in table.find_elements("css selector", ".support")]
    assert supports and all(s == "ett utsagn" or s.endswith(" utsagn") for s in supports)
    pair = driver.find_element("css selector", "table.agreement tbody tr").text
    assert "Framtidspartiet – Kystpartiet" in pair and "%" in pair


def test_search_in_nynorsk_finds_bokmal(live: tuple[str, str], driver: Any) -> None:
    base, _ = live
    driver.get(base + "/sok")
    box = driver.find_element("id", "f-q")
    box.send_keys("sjukehusa")
    box.submit()
    wait_for(driver, "ol.hits mark")
    marked = [m.text.lower() for m in driver.find_elements("css selector", "ol.hits mark")]
    assert any(word.startswith("sykehus") for word in marked), marked


def test_download_csv_of_a_document(live: tuple[str, str], driver: Any) -> None:
    base, atlas_url = live
    with Atlas(atlas_url) as atlas:
        doc = document_id(atlas, "Kystpartiet")
        known = atlas.statements(document=doc)[2].text
    driver.get(f"{base}/dokument/{doc}")
    link = driver.find_element("link text", "Last ned CSV")
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.text()).then(done);",
        link.get_attribute("href"),
    )
    header = text.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("document,actor,title,version,index,section,text,kind")
    assert known.split()[0] in text and "Kystpartiet" in text
    response = httpx.get(link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/csv")


def test_markup_in_a_statement_is_shown_as_text(live: tuple[str, str], driver: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    base, atlas_url = live
    with Atlas(atlas_url) as atlas:
        doc = document_id(atlas, "Testpartiet")
    driver.get(f"{base}/dokument/{doc}")
    wait_for(driver, ".outline")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.find_elements("css selector", "main b") == []
    assert "<script>alert(1)</script>" in driver.find_element("css selector", ".outline").text
    assert "<b>x</b>" in driver.find_element("css selector", ".outline").text


def test_a_network_node_leads_to_the_actors_allies(live: tuple[str, str], driver: Any) -> None:
    base, _ = live
    driver.get(base + "/allierte")
    node = driver.find_element("css selector", "#network a.node[data-id='Kystpartiet']")
    node.click()
    wait_for(driver, "section[aria-labelledby='allies-h']")
    assert "aktor=Kystpartiet" in driver.current_url
    assert driver.find_element("css selector", "main h1").text.endswith("Kystpartiet")


# --- accounts and follow-up


def test_log_in_and_out(live: tuple[str, str], driver: Any) -> None:
    base, _ = live
    driver.delete_all_cookies()
    driver.get(base + "/logg-inn")
    driver.find_element("id", "f-brukernavn").send_keys("kari")
    driver.find_element("id", "f-passord").send_keys("feil-passord-her")
    driver.find_element("css selector", "form.login button[type='submit']").click()
    assert "feil brukernavn eller passord" in wait_for(driver, "p.error").text
    log_in(driver, base, "kari")
    assert "Kari Nordmann" in driver.find_element("css selector", ".who").text
    cookie = driver.get_cookie("planatlas_okt")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
    driver.find_element("css selector", ".who button").click()
    wait_for(driver, "#login-link")


def test_an_editor_updates_an_item_and_sees_the_history(live: tuple[str, str], driver: Any) -> None:
    from selenium.webdriver.support.ui import Select

    base, atlas_url = live
    with Atlas(atlas_url) as atlas:
        plan = document_id(atlas, "Pasientforbundet Vest")
    log_in(driver, base, "kari")
    driver.get(f"{base}/oppfolging/{plan}")
    wait_for(driver, "table.board tbody a").click()
    Select(wait_for(driver, "#f-status")).select_by_value("in_progress")
    driver.find_element("id", "f-ansvarlig").send_keys("Styret")
    driver.find_element("id", "f-notat").send_keys("Venter på svar fra kommunen.")
    driver.find_element("css selector", "#item-form button[type='submit']").click()
    wait_for(driver, "p.success")
    assert driver.find_element("id", "item-status").text == "pågår"
    history = driver.find_element("id", "history").text
    assert "kari" in history and "ikke startet → pågår" in history and "Styret" in history
    screenshot(driver, "oppfolging-punkt-endret")


def test_a_member_of_another_organisation_cannot(live: tuple[str, str], driver: Any) -> None:
    base, atlas_url = live
    with Atlas(atlas_url) as atlas:
        plan = document_id(atlas, "Pasientforbundet Vest")
    item = followed(atlas_url, plan)
    log_in(driver, base, "per")
    driver.get(f"{base}/oppfolging/punkt/{item}")
    wait_for(driver, "main h1")
    assert driver.find_elements("id", "item-form") == []
    assert "Venter på svar" not in driver.page_source  # the note is Redaksjonen's own
    status = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const token = document.querySelector('meta[name=csrf-token]').content;"
        "fetch(arguments[0], {method: 'POST', headers: {'X-CSRF-Token': token,"
        " 'Content-Type': 'application/x-www-form-urlencoded'},"
        " body: 'versjon=0&status=done&csrf=' + encodeURIComponent(token)})"
        ".then(r => done(r.status));",
        f"{base}/oppfolging/punkt/{item}",
    )
    assert status == 403


def test_an_anonymous_visitor_cannot_upload_or_correct(live: tuple[str, str], driver: Any) -> None:
    base, atlas_url = live
    driver.delete_all_cookies()
    driver.get(base + "/last-opp")
    wait_for(driver, "form.login")
    assert "/logg-inn?neste=" in driver.current_url
    with Atlas(atlas_url) as atlas:
        statement = atlas.statements(actor="Kystpartiet")[0].id
    driver.get(f"{base}/utsagn/{statement}")
    wait_for(driver, "#correct-login")
    assert driver.find_elements("css selector", ".correct form") == []
    status = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const data = new FormData(); data.append('file', new Blob(['Tekst']), 'a.txt');"
        "fetch(arguments[0], {method: 'POST', body: data}).then(r => done(r.status));",
        f"{base}/api/v1/upload",
    )
    assert status == 401


def test_the_report_downloads_as_word(live: tuple[str, str], driver: Any) -> None:
    import io

    from docx import Document as Docx

    base, atlas_url = live
    with Atlas(atlas_url) as atlas:
        plan = document_id(atlas, "Pasientforbundet Vest")
    log_in(driver, base, "kari")
    driver.get(f"{base}/oppfolging/{plan}/rapport")
    link = wait_for(driver, "#report-docx")
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done({type:"
        " r.headers.get('content-type'), bytes: Array.from(new Uint8Array(b))})));",
        link.get_attribute("href"),
    )
    assert found["type"].startswith("application/vnd.openxmlformats-officedocument")
    text = "\n".join(p.text for p in Docx(io.BytesIO(bytes(found["bytes"]))).paragraphs)
    assert text.startswith("Statusrapport:") and "Samlet framdrift" in text


def test_the_pages_behind_a_login_have_no_serious_axe_violations(
    live: tuple[str, str], driver: Any
) -> None:
    from planatlas.accounts import store as accounts

    base, atlas_url = live
    with Atlas(atlas_url) as atlas:
        plan = document_id(atlas, "Pasientforbundet Vest")
        org = accounts.organisation(atlas, "Redaksjonen").id
    item = followed(atlas_url, plan)
    found = {}
    editor = {
        "kontakter": "/kontakter",
        "konto": "/konto",
        "organisasjon": f"/organisasjon/{org}",
        "bibliotek": "/bibliotek",
        "tavle-redaktor": f"/oppfolging/{plan}",
        "punkt-redaktor": f"/oppfolging/punkt/{item}",
    }
    for user, paths in (("kari", editor), ("admin", {"brukere": "/brukere"})):
        log_in(driver, base, user)
        for name, path in paths.items():
            driver.get(base + path)
            wait_for(driver, "main h1")
            found[name] = serious_violations(driver)
            screenshot(driver, name)
    assert not any(found.values()), "\n".join(
        f"{name}:\n{describe(v)}" for name, v in found.items() if v
    )


def test_a_long_list_of_documents_is_searched_by_its_words(
    many: tuple[str, str], live: tuple[str, str], driver: Any
) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, atlas_url = many
    driver.get(base + "/sporing")
    wait_for(driver, "#f-krav-sok").send_keys("bygd 07")
    count = driver.find_element("css selector", "#f-krav ~ .list-count")
    WebDriverWait(driver, 10).until(lambda _: count.text == "1 treff")
    choice = Select(driver.find_element("id", "f-krav"))
    shown = [
        o.text for o in choice.options if o.get_attribute("value") and not o.get_property("hidden")
    ]
    assert len(shown) == 1 and "Bygd 07" in shown[0]
    assert choice.first_selected_option.text == shown[0]  # the choice follows the search
    assert not serious_violations(driver)
    driver.find_element("css selector", "form.filters button").click()
    with Atlas(atlas_url) as atlas:
        chosen = next(d.id for d in atlas.documents() if d.actor == "Helselaget Bygd 07")
    WebDriverWait(driver, 10).until(lambda d: f"krav={chosen}" in d.current_url)
    # a short list is read at a glance: no search field
    driver.get(live[0] + "/sporing")
    wait_for(driver, "#f-krav")
    assert not driver.find_elements("id", "f-krav-sok")


def test_a_long_list_of_actors_to_compare_is_searched_keeping_the_ticked_ones(
    many: tuple[str, str], driver: Any
) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    base, _ = many
    driver.get(base + "/sammenlign")
    driver.find_element("xpath", "//label[text()='Helselaget Bygd 03']").click()
    wait_for(driver, "#f-aktorer-sok").send_keys("bygd 12")
    count = driver.find_element("css selector", "#f-aktorer-sok + .list-count")
    WebDriverWait(driver, 10).until(lambda _: count.text == "1 treff")
    rows = driver.find_elements("css selector", "#f-aktorer .check-row")
    shown = sorted(r.text for r in rows if r.is_displayed())
    assert shown == ["Helselaget Bygd 03", "Helselaget Bygd 12"]  # the ticked one stays
    assert not serious_violations(driver)
    driver.find_element("xpath", "//label[text()='Helselaget Bygd 12']").click()
    driver.find_element("css selector", "form.filters button").click()
    WebDriverWait(driver, 10).until(lambda d: "aktor=" in d.current_url)
    assert "Helselaget+Bygd+03" in driver.current_url
    assert "Helselaget+Bygd+12" in driver.current_url

"""A plan's follow-up board with 500 items, and its annual report, on an atlas of 100,000
statements: p95 through the web app (in process), beside the plan's document page.

Builds the 100k atlas with big_atlas.py unless it exists, adds a 500-item plan owned by an
organisation, gives every item follow-up (status, responsible, a logged count), then asks for
the board, the report page and the report as Word, and the plain document page of the same plan
side by side, as an editor of the organisation. Target: board and report under 200 ms p95.

    python bench/bench_followup.py [bench/corpus/big.db] [--requests 40]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ITEMS = 500
PASSWORD = "benk-passord-langt"


def plan_document(n: int) -> object:
    from planatlas.records import Coding, Document, Section, Statement, Target

    sections = [
        Section(f"Område {i}", 2, ("Handlingsplan for benken", f"Område {i}")) for i in range(10)
    ]
    statements = []
    for i in range(n):
        section = sections[i % 10]
        section.statements.append(i)
        coding = Coding(
            kind="activity" if i % 2 else "measure",
            language="nb",
            topics=["governance"],
            targets=[Target("count", 3 + i % 5, "møter", ">=")],
        )
        statements.append(
            Statement(
                i,
                f"Vi skal arrangere minst {3 + i % 5} møter om tema {i}.",
                section.path,
                form="item",
                coding=coding,
            )
        )
    return Document(
        source="benk/plan.md",
        format="markdown",
        content_hash="sha256:benk-plan",
        title="Handlingsplan for benken",
        actor="Benkeforeningen",
        actor_kind="organisation",
        genre="action_plan",
        period="2025",
        sections=sections,
        statements=statements,
    )


def prepare(path: Path) -> tuple[str, int]:
    from planatlas.accounts import store as accounts
    from planatlas.followup import store as followups
    from planatlas.followup.records import Change
    from planatlas.store import Atlas

    work = path.with_name("followup-bench.db")
    if not path.exists():
        import big_atlas

        big_atlas.build(path, 100_000, 200)
    work.unlink(missing_ok=True)
    shutil.copy(path, work)
    url = f"sqlite:///{work}"
    with Atlas(url) as atlas:
        doc = atlas.add(plan_document(ITEMS)).document_id  # type: ignore[arg-type]
        org = accounts.add_organisation(atlas, "Benkeforeningen")
        accounts.add_user(atlas, "benk", PASSWORD, "editor", org.id)
        editor = accounts.viewer_of(accounts.user(atlas, "benk"))
        for item in followups.board(atlas, doc, editor).items:
            change = Change(
                status="in_progress",
                responsible=f"Gruppe {item.index % 7}",
                logged={"count": item.index % 4},
                fields=["status", "responsible", "logged"],
            )
            followups.update_item(atlas, item.statement_id, change, 0, editor)
        print(f"atlas: {atlas.overview()['statements']:,} statements; plan {doc}: {ITEMS} items")
    return url, doc


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("atlas", type=Path, nargs="?", default=HERE / "corpus" / "big.db")
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    url, doc = prepare(args.atlas)

    import re

    from fastapi.testclient import TestClient

    from planatlas.web import create_app

    with TestClient(create_app(url)) as client:
        page = client.get("/logg-inn").text
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        client.post("/logg-inn", data={"brukernavn": "benk", "passord": PASSWORD, "csrf": token})
        pages = {
            "document page (reference)": f"/dokument/{doc}",
            "follow-up board, 500 items": f"/oppfolging/{doc}",
            "annual report page": f"/oppfolging/{doc}/rapport",
            "annual report, Word": f"/oppfolging/{doc}/rapport?format=docx",
        }
        print(f"{'page':30} {'p50 ms':>8} {'p95 ms':>8}  ratio to document page")
        reference = None
        for name, path in pages.items():
            assert client.get(path).status_code == 200, path  # warm: the first view builds caches
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200
            found = p95(times)
            reference = reference or found
            median = statistics.median(times) * 1000
            print(f"{name:30} {median:8.1f} {found:8.1f}  {found / reference:.2f}")


if __name__ == "__main__":
    main()

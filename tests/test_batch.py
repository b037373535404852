"""Which files a folder given to ingest stands for."""

from __future__ import annotations

from pathlib import Path

from planatlas.batch import expand


def test_a_folder_skips_metadata_hidden_database_and_ignored_files(tmp_path: Path):
    for name in ("plan.md", "notes/README.md", "src/plan.yaml", "plan.md.meta.yaml",
                 ".hidden.txt", "planatlas.db", "keep/README.txt", "build.py"):  # fmt: skip
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    (tmp_path / ".planatlasignore").write_text("# not documents\nREADME.md\nsrc/\nbuild.py\n")
    found = {p.relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])}
    assert found == {"plan.md", "keep/README.txt"}


def test_a_file_named_directly_is_never_ignored(tmp_path: Path):
    (tmp_path / ".planatlasignore").write_text("README.md\n")
    readme = tmp_path / "README.md"
    readme.write_text("# x", encoding="utf-8")
    assert list(expand([str(readme)])) == [readme]


# --- parallel ingest: read and coded in workers, stored in order by the parent

import os  # noqa: E402

import pytest  # noqa: E402
from store_fixtures import atlas_url, fresh_atlas  # noqa: E402, F401 (fixtures)

from planatlas.batch import CRASHED, Job, analyse_file, ingest  # noqa: E402
from planatlas.reading.readers import register  # noqa: E402
from planatlas.records import RawDocument  # noqa: E402
from planatlas.store import Atlas  # noqa: E402


def plans(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"plan{n:02d}.md"
        path.write_text(
            f"# Plan {n} for Kystpartiet\n\nKystpartiet vil:\n\n- bygge {n} nye sykehjem\n"
            f"- ansette {n + 10} jordmødre\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def stored(atlas: Atlas) -> list[tuple[str, list[str]]]:
    return [(d.title or "", [s.text for s in atlas.document(d.id).statements])
            for d in atlas.documents()]  # fmt: skip


def test_workers_read_and_the_parent_stores_in_order_as_one_process_would(tmp_path: Path):
    files = [str(p) for p in plans(tmp_path, 7)]
    missing = str(tmp_path / "borte.txt")
    one, two = Atlas("sqlite://"), Atlas("sqlite://")
    seen: list[str] = []
    results = ingest([*files[:3], missing, *files[3:]], two, jobs=2,
                     progress=lambda r: seen.append(r.path))  # fmt: skip
    ingest(files, one, jobs=1)
    assert seen == [*files[:3], missing, *files[3:]]
    assert [r.status for r in results] == ["new"] * 3 + ["error"] + ["new"] * 4
    assert stored(two) == stored(one) and len(stored(one)) == 7
    assert [e.path for e in two.errors()] == [missing]


def test_the_worker_is_a_plain_function_over_plain_records(tmp_path: Path):
    import pickle

    job = Job(str(plans(tmp_path, 1)[0]))
    outcome = pickle.loads(pickle.dumps(analyse_file(pickle.loads(pickle.dumps(job)))))
    assert outcome.error is None and outcome.document is not None
    assert [s.text for s in outcome.document.statements] == ["bygge 0 nye sykehjem",
                                                             "ansette 10 jordmødre"]  # fmt: skip


def test_a_document_unpacked_from_a_worker_is_the_one_it_coded_and_the_collector_runs_after(
    tmp_path: Path,
):
    import gc
    import pickle

    outcome = analyse_file(Job(str(plans(tmp_path, 1)[0])))
    failure = analyse_file(Job(str(tmp_path / "borte.txt")))
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    assert pickle.loads(pickle.dumps(failure)) == failure and failure.document is None
    assert gc.isenabled()


class _Crashing:
    """A reader that takes its process down, as a crash inside a parser would."""

    name = "krasj"

    def sniff(self, head: bytes, path: str) -> bool:
        return head.startswith(b"KRASJ")

    def read(self, data: bytes, source: str) -> RawDocument:
        os._exit(3)


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the crashing reader reaches the workers by fork")  # fmt: skip
def test_a_worker_that_dies_fails_its_file_and_the_batch_goes_on(tmp_path: Path):
    files = [str(p) for p in plans(tmp_path, 4)]
    bomb = tmp_path / "bombe.bin"
    bomb.write_bytes(b"KRASJ" + b"x" * 100)
    register(_Crashing())
    try:
        atlas = Atlas("sqlite://")
        results = ingest([files[0], str(bomb), *files[1:]], atlas, jobs=2)
    finally:
        from planatlas.reading.readers import _registry

        _registry[:] = [r for r in _registry if r.name != "krasj"]
    assert [(r.path, r.status) for r in results] == [
        (files[0], "new"),
        (str(bomb), "error"),
        *[(f, "new") for f in files[1:]],
    ]
    assert results[1].error == CRASHED
    assert len(atlas.documents()) == 4


def test_the_pages_of_one_long_pdf_read_in_parts_come_out_as_read_whole(tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "lang.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    for page in range(1, 41):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, 780, f"Kapittel {page}")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 740, f"Kystpartiet vil bygge {page} nye sykehjem i distriktene.")
        pdf.drawString(72, 725, "Vi vil også ha flere jordmødre.")
        pdf.showPage()
    pdf.save()
    whole, parts = Atlas("sqlite://"), Atlas("sqlite://")
    ingest([str(path)], whole, jobs=1)
    ingest([str(path)], parts, jobs=2)
    assert stored(parts) == stored(whole)
    assert [s.page for s in parts.document(str(path)).statements][-2:] == [40, 40]


def test_a_batch_that_stored_something_refreshes_the_planners_statistics(
    fresh_atlas: Atlas,  # noqa: F811
    tmp_path: Path,
):
    """PostgreSQL plans a million statements by nested loops until ANALYZE has run, and a
    server may have autovacuum off: a batch that stored documents runs it."""
    for n in range(2):
        (tmp_path / f"plan{n}.txt").write_text(
            f"Plan {n}\n\nVi vil styrke sykehusene.\n\nVi vil ha flere fastleger.\n",
            encoding="utf-8",
        )
    ingest([str(tmp_path)], fresh_atlas, jobs=1)
    with fresh_atlas._engine.connect() as conn:
        if conn.dialect.name != "postgresql":
            return  # SQLite's PRAGMA optimize leaves nothing to look at; it ran without error
        analysed = conn.exec_driver_sql(
            "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'statements'"
        ).scalar()
    assert analysed is not None


class _FailingStatistics(Atlas):
    def refresh_statistics(self) -> None:
        raise RuntimeError("the database went away")


def test_statistics_that_cannot_be_refreshed_lose_nothing_stored(tmp_path: Path):
    (tmp_path / "plan.txt").write_text("Plan\n\nVi vil styrke sykehusene.\n", encoding="utf-8")
    with _FailingStatistics(f"sqlite:///{tmp_path / 'a.db'}") as atlas:
        results = ingest([str(tmp_path / "plan.txt")], atlas, jobs=1)
        assert [r.status for r in results] == ["new"]
        assert atlas.overview()["statements"] == 1


def test_a_batch_collects_garbage_less_often_and_puts_the_collector_back(tmp_path: Path):
    import gc

    from planatlas.collector import YOUNG

    before = gc.get_threshold()
    during: list[int] = []
    atlas = Atlas("sqlite://")
    ingest([str(p) for p in plans(tmp_path, 2)], atlas, jobs=1,
           progress=lambda _: during.append(gc.get_threshold()[0]))  # fmt: skip
    assert during == [YOUNG, YOUNG] and gc.get_threshold() == before


def test_the_warm_up_leaves_what_it_loaded_to_the_collector_no_more() -> None:
    import gc

    from planatlas.pipeline import warm_up

    gc.unfreeze()  # whatever an earlier test froze
    warm_up()
    assert gc.get_freeze_count() > 100_000  # the dictionaries and the model, at least

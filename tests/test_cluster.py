"""Ingest on a Dask cluster: the same atlas as a plain ingest, nothing doubled, nothing lost."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster
from places import EXAMPLES
from store_fixtures import postgres_database

from planatlas import batch, cluster
from planatlas.cli import main
from planatlas.pipeline import FileResult
from planatlas.store import Atlas

TEXTS = sorted(str(p) for p in EXAMPLES.glob("*") if p.suffix in (".md", ".txt", ".html"))


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two workers as threads of this process: quick to start, the same scheduling."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as local, Client(local) as made:  # fmt: skip
        yield made


def stored(atlas: Atlas) -> list[tuple[str | None, int, str, str | None, tuple[str, ...]]]:
    return [
        (s.title, s.version, s.text, s.coding.kind, tuple(s.coding.topics))
        for s in atlas.statements(all_versions=True)
    ]


def test_the_cluster_stores_what_a_plain_ingest_stores(client: Client, tmp_path: Path) -> None:
    plain, spread = Atlas("sqlite://"), Atlas("sqlite://")
    expected = batch.ingest([str(EXAMPLES)], plain)
    found = cluster.ingest([str(EXAMPLES)], spread, client=client)
    assert [(r.path, r.status, r.statements) for r in found] == [
        (r.path, r.status, r.statements) for r in expected
    ]
    assert any(r.status == "new_version" for r in found)  # versions numbered in input order
    assert stored(spread) == stored(plain)
    assert [e.path for e in spread.errors()] == [e.path for e in plain.errors()]


def test_a_task_run_twice_or_a_file_given_twice_stores_nothing_twice(
    client: Client, tmp_path: Path
) -> None:
    for name in TEXTS[:3]:
        shutil.copy(name, tmp_path / Path(name).name)
        shutil.copy(name, tmp_path / ("kopi-" + Path(name).name))  # same content, other name
    atlas = Atlas(f"sqlite:///{tmp_path / 'atlas.db'}")
    first = cluster.ingest([str(tmp_path)], atlas, client=client)
    counts = atlas.overview()
    again = cluster.ingest([str(tmp_path)], atlas, client=client)
    assert {r.status for r in again} == {"unchanged"}
    assert atlas.overview() == counts
    assert sum(r.status == "unchanged" for r in first) == 3  # the copies
    assert counts["statements"] == sum(r.statements for r in first if r.status == "new")


def test_a_bad_file_is_recorded_and_the_batch_goes_on(client: Client, tmp_path: Path) -> None:
    (tmp_path / "tom.txt").write_bytes(b"")
    shutil.copy(TEXTS[0], tmp_path / "plan.md")
    atlas = Atlas("sqlite://")
    found = cluster.ingest([str(tmp_path), str(tmp_path / "mangler.txt")], atlas, client=client)
    assert [r.status for r in found] == ["new", "error", "error"]
    assert {e.path for e in atlas.errors()} == {str(tmp_path / "tom.txt"),
                                                str(tmp_path / "mangler.txt")}  # fmt: skip


def test_a_worker_killed_mid_batch_loses_nothing(tmp_path: Path) -> None:
    """Worker processes this time: one is killed once the first document is stored."""
    for n in range(3):
        for name in TEXTS:
            shutil.copy(name, tmp_path / f"{n}-{Path(name).name}")
    atlas = Atlas(f"sqlite:///{tmp_path / 'atlas.db'}")
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local, Client(local) as made:  # fmt: skip

        def kill_one(result: FileResult) -> None:
            if not killed:
                nanny = next(iter(local.workers.values()))
                killed.append(nanny.process.process.pid)
                os.kill(killed[0], signal.SIGKILL)

        found = cluster.ingest([str(tmp_path)], atlas, progress=kill_one, client=made)
    assert killed
    assert len(found) == 3 * len(TEXTS) and not any(r.failed for r in found)
    plain = Atlas("sqlite://")
    batch.ingest([str(tmp_path)], plain)
    assert stored(atlas) == stored(plain)


@pytest.mark.postgres
def test_concurrent_writers_on_postgres_store_each_content_once(client: Client) -> None:
    for url in postgres_database():
        alone = Atlas("sqlite://")
        batch.ingest(TEXTS, alone)
        errors: list[BaseException] = []

        def ingest_all(url: str = url, errors: list[BaseException] = errors) -> None:
            try:
                with Atlas(url) as atlas:
                    cluster.ingest(TEXTS, atlas, client=client)
            except BaseException as error:  # reported below
                errors.append(error)

        writers = [threading.Thread(target=ingest_all) for _ in range(3)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
        assert not errors
        with Atlas(url) as atlas:
            assert atlas.overview()["statements"] == alone.overview()["statements"]
            assert sorted(stored(atlas)) == sorted(stored(alone))


def test_the_command_line_ingests_on_a_cluster(client: Client, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'atlas.db'}"
    address = client.scheduler.address
    done = CliRunner().invoke(main, ["--db", db, "ingest", *TEXTS[:2], "--cluster", address])
    assert done.exit_code == 0, done.output
    assert Atlas(db).overview()["documents"] == 2

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

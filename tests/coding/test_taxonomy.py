from __future__ import annotations

import re
from pathlib import Path

import pytest
from places import CODEBOOK

from planatlas.coding.taxonomy import builtin_taxonomy, load_taxonomy
from planatlas.errors import ConfigError

CODEBOOK = CODEBOOK

MINIMAL = """
topics:
  housing:
    nb: Bolig
    en: Housing
    terms: [bolig*, bustad*]
issues:
  social_housing:
    nb: Kommunale boliger
    en: Social housing
    topics: [housing]
    terms: [kommunal bolig*]
"""


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_builtin_has_every_codebook_id() -> None:
    if not CODEBOOK.is_file():
        pytest.skip("../shared/codebook.md is not beside the project")
    ids = set(re.findall(r"^\| `(\w+)` \|", CODEBOOK.read_text(encoding="utf-8"), re.M))
    taxonomy = builtin_taxonomy()
    kinds = {"goal", "challenge", "measure", "demand", "activity", "principle", "fact",
             "opinion", "reference"}  # fmt: skip
    assert ids - kinds <= set(taxonomy.topics) | set(taxonomy.issues)


def test_every_issue_points_to_known_topics() -> None:
    taxonomy = builtin_taxonomy()
    for issue in taxonomy.issues.values():
        assert issue.topics and set(issue.topics) <= set(taxonomy.topics)


def test_own_file_replaces_builtin(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(write(tmp_path, MINIMAL))
    assert list(taxonomy.topics) == ["housing"]
    assert list(taxonomy.issues) == ["social_housing"]


def test_own_file_extends_builtin(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(write(tmp_path, "extends: planatlas\n" + MINIMAL))
    assert {"housing", "financing"} <= set(taxonomy.topics)
    assert "activity_based_funding" in taxonomy.issues


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MINIMAL.replace("    en: Housing\n", ""), "mangler navn «en»"),
        (MINIMAL.replace("terms: [bolig*", "colour: red\n    terms: [bolig*"), "ukjente nøkler"),
        (MINIMAL.replace("topics: [housing]", "topics: [schools]"), "ukjent tema «schools»"),
        (MINIMAL + "  social_housing:\n    nb: X\n    en: X\n    terms: [x]\n", "to ganger"),
        ("colours: {}\n" + MINIMAL, "ukjente nøkler øverst"),
        ("extends: other\n" + MINIMAL, "«extends»"),
    ],
)
def test_bad_files_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_taxonomy(path)
    assert message in str(error.value)
    assert error.value.path == path

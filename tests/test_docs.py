"""Every setting and every CLI command is documented in the README."""

from places import README

from planatlas.cli import main
from planatlas.settings import SETTINGS

README = README.read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [s.name for s in SETTINGS if f"PLANATLAS_{s.name.upper()}" not in README]
    assert missing == []


def test_every_command_is_in_the_readme():
    missing = [name for name in main.commands if f"planatlas {name}" not in README]
    assert missing == []

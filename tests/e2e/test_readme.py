"""README.md stays true: its CLI reference matches --help, and it names the setup and test commands."""

from __future__ import annotations

from bilingual.cli.app import app
from bilingual.cli.reference import BEGIN, END, reference
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_reference_is_in_sync_with_help():
    start, end = README.index(BEGIN), README.index(END) + len(END)
    assert README[start:end] == reference(app), "run: python -m bilingual.cli.reference, and paste it into README.md"


def test_readme_names_the_two_commands():
    assert "./bootstrap" in README
    assert ".venv/bin/python -m pytest" in README


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in ci and "./bootstrap" in ci

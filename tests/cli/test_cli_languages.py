"""Language options: one shared validator, one line, exit 2, nothing written.

``--to en`` once overwrote the English source; ``--to ko``, ``--to ZH`` and ``--to ../evil`` wrote
files named after whatever was typed (the last outside the issue folder).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilingual.cli import app
from conftest import ROOT, SAMPLE_ISSUE


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    """A copy of the sample issue with its PO files and editions."""
    target = tmp_path / "issues" / "024"
    shutil.copytree(SAMPLE_ISSUE, target)
    shutil.copy(SAMPLE_ISSUE.parent / "newsletter.yaml", target.parent / "newsletter.yaml")
    return target


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _commands(issue: Path, value: str) -> dict[str, tuple[list[str], str]]:
    glossary = str(ROOT / "glossary")
    return {
        "translate": (["translate", str(issue), "--to", value, "--engine", "pseudo", "--no-glossary"], "--to"),
        "align": (["align", str(issue), "--to", value, "--no-glossary"], "--to"),
        "publish": (["publish", str(issue.parent), "--out", str(issue.parent.parent / "site"), "--to", value, "--no-glossary"], "--to"),
        "status": (["status", str(issue), "--to", value], "--to"),
        "review": (["review", str(issue), "--to", value, "--port", "0", "--no-open", "--no-glossary"], "--to"),
        "check": (["check", str(issue), "--lang", value, "--no-glossary"], "--lang"),
        "import": (["import", str(issue), "--lang", value], "--lang"),
        "evaluate": (["evaluate", str(issue / "zh.md"), str(issue / "zh.md"), "--lang", value, "--no-glossary"], "--lang"),
        "glossary export": (["glossary", "export", glossary, "--format", "csv", "--lang", value], "--lang"),
        "glossary suggest": (["glossary", "suggest", str(issue), "--lang", value, "--glossary", glossary], "--lang"),
    }


COMMANDS = ["translate", "align", "publish", "status", "review", "check", "import", "evaluate", "glossary export", "glossary suggest"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("value", ["ko", "ZH", "../evil", "zh-TW"])
def test_an_unsupported_language_is_one_line_and_writes_nothing(runner, issue, command, value):
    args, option = _commands(issue, value)[command]
    before = _snapshot(issue.parent.parent)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"bilingual: error: unknown language {value!r} for {option}; use zh, ja\n"
    assert _snapshot(issue.parent.parent) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_the_source_language_is_refused_with_its_own_message(runner, issue, command):
    args, option = _commands(issue, "en")[command]
    before = _snapshot(issue.parent.parent)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"bilingual: error: en is the source language; {option} takes a language to translate into: zh, ja\n"
    )
    assert _snapshot(issue.parent.parent) == before


@pytest.mark.parametrize(("command", "value"), [*((c, v) for c in ("translate", "align", "publish", "status") for v in ("", " , ")),
                                               ("check", ""), ("evaluate", "")])
def test_no_language_is_one_line(runner, issue, command, value):
    args, option = _commands(issue, value)[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"bilingual: error: {option} names no language; use zh, ja\n"


def test_translate_into_english_leaves_the_source_alone(runner, issue):
    before = (issue / "en.md").read_bytes()
    result = runner.invoke(app, ["translate", str(issue), "--to", "en", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2
    assert (issue / "en.md").read_bytes() == before
    assert not (issue / "en.po").exists()


def test_a_language_named_twice_is_translated_once(runner, issue):
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh,zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    assert "into zh:" in result.stdout and "zh, zh" not in result.stdout


def test_a_second_language_after_a_bad_one_is_not_tried(runner, issue):
    result = runner.invoke(app, ["status", str(issue), "--to", "zh,ko"])
    assert result.exit_code == 2
    assert result.stderr == "bilingual: error: unknown language 'ko' for --to; use zh, ja\n"

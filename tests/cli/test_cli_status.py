"""``bilingual status``: per issue and language, how much is approved, machine output, untranslated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilingual.cli import app
from test_memory_incremental import SECOND, SOURCE, approve, run

FIRST_SENTENCE = SOURCE.split("\n\n")[1].split(". ")[0] + "."



@pytest.fixture
def archive(tmp_path: Path) -> Path:
    issues = tmp_path / "issues"
    for number in ("023", "024"):
        (issues / number).mkdir(parents=True)
        (issues / number / "en.md").write_text(SOURCE, encoding="utf-8")
    run(issues / "024", langs=("zh", "ja"))
    approve(issues / "024" / "zh.po", FIRST_SENTENCE, "人工译文一。")
    approve(issues / "024" / "zh.po", SECOND, "人工译文二。")
    (issues / "024" / "en.md").write_text(SOURCE.replace("A last paragraph with *emphasis* and `code`.\n", ""), encoding="utf-8")
    run(issues / "024", langs=("zh", "ja"))
    return issues


def test_table_counts_each_issue_and_language(archive, runner):
    result = runner.invoke(app, ["status", str(archive)])
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.strip().splitlines()]
    assert lines[0] == ["document", "lang", "total", "approved", "machine", "untranslated", "obsolete", "approved", "%"]
    rows = {(line[0].rsplit("/", 1)[-1], line[1]): line[2:] for line in lines[1:-1]}
    assert rows[("023", "zh")] == ["6", "0", "0", "6", "0", "0.0%", "(no", "PO)"]
    assert rows[("024", "zh")] == ["5", "2", "3", "0", "1", "40.0%"]
    assert rows[("024", "ja")] == ["5", "0", "5", "0", "1", "0.0%"]
    assert lines[-1] == ["all", "22", "2", "8", "12", "2", "9.1%"]


def test_json_format(archive, runner):
    result = runner.invoke(app, ["status", str(archive / "024"), "--format", "json", "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "source": str(archive / "024" / "en.md"),
            "lang": "zh",
            "po": str(archive / "024" / "zh.po"),
            "exists": True,
            "total": 5,
            "approved": 2,
            "machine": 3,
            "untranslated": 0,
            "obsolete": 1,
            "approved_percent": 40.0,
        }
    ]


def test_changed_source_shows_as_untranslated_until_translate_runs(archive, runner):
    source = archive / "024" / "en.md"
    source.write_text(source.read_text(encoding="utf-8").replace(SECOND, "A rewritten sentence."), encoding="utf-8")
    result = runner.invoke(app, ["status", str(archive / "024"), "--to", "zh", "-f", "json"])
    row = json.loads(result.stdout)[0]
    assert (row["approved"], row["machine"], row["untranslated"]) == (1, 3, 1)


def test_default_path_is_the_issues_folder(archive, runner, monkeypatch):
    monkeypatch.chdir(archive.parent)
    result = runner.invoke(app, ["status", "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert "issues/023" in result.stdout and "issues/024" in result.stdout


def test_broken_po_file_is_an_error_with_its_line(archive, runner):
    (archive / "024" / "ja.po").write_text('msgid "a"\nmsgstr "b" junk\n', encoding="utf-8")
    result = runner.invoke(app, ["status", str(archive / "024")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"bilingual: error: {archive / '024' / 'ja.po'}:2: syntax error: unterminated string or unescaped double quote; fix the PO file (it is not overwritten)"


def test_status_is_listed_in_help(runner):
    result = runner.invoke(app, ["--help"])
    assert "status" in result.output

"""The shared views (aligned.md, aligned.html, NNN.tmx) show every language that has a PO file or
an edition, whatever ``--to`` names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.cli import app
from test_memory_incremental import SOURCE


@pytest.fixture
def issue(tmp_path: Path, runner) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(folder), "--engine", "pseudo", "--no-glossary", "--to", "zh,ja"])
    assert result.exit_code == 0, result.output
    (folder / "en.md").write_text(SOURCE + "\nOne more sentence.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("run_lang", "other"), [("zh", "ja"), ("ja", "zh")])
def test_a_run_into_one_language_keeps_the_other_in_the_views(issue, runner, run_lang, other):
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary", "--to", run_lang])
    assert result.exit_code == 0, result.output
    tmx = (issue / "024.tmx").read_text(encoding="utf-8")
    assert f'xml:lang="{other}"' in tmx and f'xml:lang="{run_lang}"' in tmx
    aligned = (issue / "aligned.md").read_text(encoding="utf-8")
    header = next(line for line in aligned.splitlines() if line.startswith("|"))
    assert header == "| | English | 中文 | 日本語 |"  # the same columns, in the same order, as a zh,ja run
    html = (issue / "aligned.html").read_text(encoding="utf-8")
    assert 'lang="ja"' in html and 'lang="zh"' in html


def test_a_language_with_only_an_edition_is_shown_too(issue, runner):
    (issue / "ja.po").unlink()
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary", "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert 'xml:lang="ja"' in (issue / "024.tmx").read_text(encoding="utf-8")

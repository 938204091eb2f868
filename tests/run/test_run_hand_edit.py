"""A hand-edited edition is never silently overwritten: the run notices that zh.md is not what it
last wrote, imports each edited sentence into zh.po as a fuzzy suggestion (``# edited in zh.md``)
and says so; an edit it cannot place is left untouched in zh.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.memory.po import read_catalog
from test_memory_incremental import FIRST, SECOND, SOURCE, approve

ARGS = ["--engine", "pseudo", "--no-glossary", "--to", "zh"]


def translate(runner, issue: Path, *extra: str):
    result = runner.invoke(app, ["translate", str(issue), *ARGS, *extra])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def issue(tmp_path: Path, runner) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    translate(runner, folder)
    return folder


def machine_text(issue: Path, msgid: str) -> str:
    return next(e.msgstr for e in read_catalog(issue / "zh.po").active if e.msgid == msgid)


def test_an_edited_machine_sentence_is_imported_as_a_fuzzy_suggestion(issue, runner):
    old = machine_text(issue, SECOND)
    (issue / "zh.md").write_text((issue / "zh.md").read_text(encoding="utf-8").replace(old, "数据泄露是罪魁祸首。"), encoding="utf-8")
    result = translate(runner, issue)
    assert "zh.md was edited by hand" in result.output and "1 sentence(s) imported into" in result.output
    entry = next(e for e in read_catalog(issue / "zh.po").active if e.msgid == SECOND)
    assert entry.msgstr == "数据泄露是罪魁祸首。" and entry.fuzzy and "edited in zh.md" in entry.translator
    assert "数据泄露是罪魁祸首。" in (issue / "zh.md").read_text(encoding="utf-8")  # the fix stays in the edition
    again = translate(runner, issue)
    assert "edited by hand" not in again.output


def test_an_edit_to_an_approved_sentence_is_kept_beside_it(issue, runner):
    approve(issue / "zh.po", FIRST, "人工译文。")
    translate(runner, issue)
    (issue / "zh.md").write_text((issue / "zh.md").read_text(encoding="utf-8").replace("人工译文。", "另一个人的译文。"), encoding="utf-8")
    result = translate(runner, issue)
    assert "zh.md was edited by hand" in result.output
    entry = next(e for e in read_catalog(issue / "zh.po").active if e.msgid == FIRST)
    assert entry.approved and entry.msgstr == "人工译文。"  # approved work is never overwritten
    assert "edited in zh.md: 另一个人的译文。" in entry.translator


def test_an_edit_that_cannot_be_placed_leaves_the_edition_as_it_is(issue, runner):
    (issue / "zh.md").write_text("完全不同的内容。\n", encoding="utf-8")
    (issue / "en.md").write_text(SOURCE + "\nOne more sentence.\n", encoding="utf-8")
    result = translate(runner, issue)
    assert "zh.md was edited by hand" in result.output and "left as it is" in result.output
    assert (issue / "zh.md").read_text(encoding="utf-8") == "完全不同的内容。\n"
    assert "One more sentence." in (issue / "zh.po").read_text(encoding="utf-8")


@pytest.mark.parametrize("first", [["--approved-only"], []])
def test_no_edit_no_message(issue, runner, first):
    runner.invoke(app, ["translate", str(issue), *ARGS, *first])
    (issue / "en.md").write_text(SOURCE.replace(SECOND, "A changed second sentence."), encoding="utf-8")
    result = translate(runner, issue)
    assert "edited by hand" not in result.output
    assert not any("edited in" in e.translator for e in read_catalog(issue / "zh.po").entries)


def test_a_kill_between_the_po_file_and_its_edition_is_not_a_hand_edit(issue, runner):
    """kill -9 after zh.po was renamed into place but before zh.md was: the old zh.md is bilingual's own."""
    old_edition = (issue / "zh.md").read_bytes()
    (issue / "en.md").write_text(SOURCE.replace(SECOND, "A changed second sentence. And a new one."), encoding="utf-8")
    translate(runner, issue)
    new_edition = (issue / "zh.md").read_bytes()
    (issue / "zh.md").write_bytes(old_edition)  # the state that kill leaves
    result = translate(runner, issue)
    assert "edited by hand" not in result.output
    assert (issue / "zh.md").read_bytes() == new_edition

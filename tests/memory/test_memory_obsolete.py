"""Approval belongs to the (id, source text) pair, not to the entry's presence: a sentence that is
removed, then put back, comes back approved from its obsolete (``#~``) entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.memory.po import read_catalog
from bilingual.memory.status import status
from bilingual.layout import find_jobs
from test_memory_incremental import FIRST, SECOND, SOURCE, CountingEngine, approve, run

APPROVED = {FIRST: "有文章报道称，AI 工具几乎没有实际用处。", SECOND: "数据泄露和数据质量差似乎是罪魁祸首。"}


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    run(folder)
    for msgid, msgstr in APPROVED.items():
        approve(folder / "zh.po", msgid, msgstr)
    return folder


def _delete_paragraph(issue: Path) -> None:
    (issue / "en.md").write_text(SOURCE.replace(f"{FIRST} {SECOND}\n\n", ""), encoding="utf-8")


def _empty_source(issue: Path) -> None:
    (issue / "en.md").write_text("", encoding="utf-8")


@pytest.mark.parametrize("remove", [_delete_paragraph, _empty_source])
def test_a_removed_then_restored_sentence_is_approved_again(issue, remove):
    remove(issue)
    run(issue)
    obsolete = read_catalog(issue / "zh.po").obsolete
    assert {e.msgid: e.msgstr for e in obsolete if e.msgid in APPROVED} == APPROVED
    (issue / "en.md").write_text(SOURCE, encoding="utf-8")
    engine = CountingEngine()
    outcome = run(issue, engine)
    assert engine.calls == []
    assert outcome.total("approved") == 2 and outcome.total("cross-issue") == 0
    catalog = read_catalog(issue / "zh.po")
    active = {e.msgid: e for e in catalog.active}
    assert all(active[m].approved and active[m].msgstr == t for m, t in APPROVED.items())
    assert not any(e.msgid in APPROVED for e in catalog.obsolete)  # revived, not kept twice
    row = status(find_jobs([issue]), ["zh"])[0]
    assert row.approved == 2 and row.obsolete == 0


def test_a_restored_sentence_is_in_the_approved_only_edition(issue, runner):
    _delete_paragraph(issue)
    run(issue)
    (issue / "en.md").write_text(SOURCE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh", "--approved-only"])
    assert result.exit_code == 0, result.output
    assert "2 approved" in result.output
    edition = (issue / "zh.md").read_text(encoding="utf-8")
    assert all(text in edition for text in APPROVED.values())


def test_a_restored_machine_sentence_comes_back_fuzzy_with_its_comment(issue):
    machine = next(e for e in read_catalog(issue / "zh.po").active if e.msgid == "It may become popular.")
    (issue / "en.md").write_text(SOURCE.replace(" It may become popular.", ""), encoding="utf-8")
    run(issue)
    (issue / "en.md").write_text(SOURCE, encoding="utf-8")
    engine = CountingEngine()
    run(issue, engine)
    back = next(e for e in read_catalog(issue / "zh.po").active if e.msgid == "It may become popular.")
    assert engine.calls == [] and back.fuzzy and back.msgstr == machine.msgstr and back.translator == machine.translator

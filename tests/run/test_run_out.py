"""``translate --out DIR`` uses the source issue's PO files as its memory, writes its own PO files
under DIR (``DIR/<issue>/zh.po``) beside the editions, and never changes the source issue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.memory.po import read_catalog
from conftest import SAMPLE_ISSUE


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    for name in ("en.md", "zh.po", "ja.po"):
        shutil.copy(SAMPLE_ISSUE / name, folder / name)
    return folder


def approved(path: Path) -> dict[str, str]:
    catalog = read_catalog(path)
    assert catalog is not None
    return {e.msgctxt: e.msgstr for e in catalog.active if e.approved}


def test_out_reads_the_approved_entries_of_the_source_issue(issue, tmp_path, runner):
    before = {p.name: p.read_bytes() for p in issue.iterdir()}
    out = tmp_path / "copy"
    result = runner.invoke(app, ["translate", str(issue), "--engine", "identity", "--out", str(out)])
    assert result.exit_code == 0, result.output
    expected = {lang: approved(issue / f"{lang}.po") for lang in ("zh", "ja")}
    total = sum(len(v) for v in expected.values())
    assert total > 100 and f"{total} approved" in result.output
    for lang in ("zh", "ja"):
        assert approved(out / "024" / f"{lang}.po") == expected[lang]  # the PO files go beside the editions
        edition = (out / "024" / f"{lang}.md").read_text(encoding="utf-8")
        assert next(iter(expected[lang].values())).split("{")[0] in edition
    assert {p.name: p.read_bytes() for p in issue.iterdir()} == before  # the source issue is untouched


def test_pseudo_with_out_starts_from_no_memory(issue, tmp_path, runner):
    """Pseudo-localisation shows every sentence: the source's approvals are not copied (nor changed)."""
    before = {p.name: p.read_bytes() for p in issue.iterdir()}
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--out", str(tmp_path / "pseudo")])
    assert result.exit_code == 0 and "0 approved" in result.output, result.output
    assert approved(tmp_path / "pseudo" / "024" / "zh.po") == {}
    assert {p.name: p.read_bytes() for p in issue.iterdir()} == before


def test_out_needs_no_engine_for_a_fully_approved_issue(issue, tmp_path, runner):
    result = runner.invoke(app, ["translate", str(issue), "--engine", "argos", "--out", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert "0 sentence(s) sent to argos" in result.output


def test_a_later_approval_in_the_source_issue_reaches_the_out_folder(issue, tmp_path, runner):
    out = tmp_path / "copy"
    (issue / "en.md").write_text((issue / "en.md").read_text(encoding="utf-8") + "\nA brand new closing sentence.\n", encoding="utf-8")
    assert runner.invoke(app, ["translate", str(issue), "--engine", "identity", "--out", str(out), "--to", "zh"]).exit_code == 0
    import polib

    po = polib.pofile(str(issue / "zh.po"), wrapwidth=78)
    po.append(polib.POEntry(msgctxt=next(e.msgctxt for e in polib.pofile(str(out / "024" / "zh.po")) if e.msgid == "A brand new closing sentence."),
                            msgid="A brand new closing sentence.", msgstr="一个全新的结尾句。"))
    po.save()
    result = runner.invoke(app, ["translate", str(issue), "--engine", "identity", "--out", str(out), "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert "一个全新的结尾句。" in (out / "024" / "zh.md").read_text(encoding="utf-8")
    assert approved(out / "024" / "zh.po")  # still approved there

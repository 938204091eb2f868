"""A PO file msgfmt rejects is refused the same way by every command that reads PO files:
``file:line: what to fix``, exit 2, and nothing written (``check --annotate`` included)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bilingual.cli import app
from conftest import ROOT, SAMPLE_ISSUE

GOOD = 'msgctxt "1f884626ab.1"\nmsgid "Akira\'s Machine Learning News — #24"\nmsgstr "Akira 的机器学习新闻 — #24"\n'
BROKEN = {
    "unterminated": GOOD.replace('#24"\n\n', "#24\n\n", 1).replace('— #24"\n', "— #24\n", 1),
    "escape": GOOD.replace('msgstr "Akira', 'msgstr "\\qAkira', 1),
    "duplicate": GOOD + "\n" + GOOD,
}


@pytest.fixture(params=sorted(BROKEN))
def broken(request, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the sample issue whose zh.po has one defect, and translate's message about it."""
    issue = tmp_path / "issues" / "024"
    shutil.copytree(SAMPLE_ISSUE, issue)
    shutil.copy(SAMPLE_ISSUE.parent / "newsletter.yaml", issue.parent)
    po = issue / "zh.po"
    text = po.read_text(encoding="utf-8")
    assert GOOD in text
    po.write_text(text.replace(GOOD, BROKEN[request.param], 1), encoding="utf-8")
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True).returncode != 0
    return issue, request.param


def _translate_message(runner, issue: Path) -> str:
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"bilingual: error: {issue / 'zh.po'}:"), result.stderr
    return result.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _args(issue: Path) -> dict[str, list[str]]:
    po, good = issue / "zh.po", str(SAMPLE_ISSUE / "zh.po")
    return {
        "status": ["status", str(issue)],
        "check po": ["check", str(po), "--no-glossary"],
        "check issue": ["check", str(issue), "--no-glossary"],
        "check annotate": ["check", str(po), "--annotate", "--glossary", str(ROOT / "glossary")],
        "align": ["align", str(issue), "--no-glossary"],
        "publish": ["publish", str(issue.parent), "--out", str(issue.parent.parent / "site"), "--no-glossary"],
        "diff old": ["diff", str(po), good],
        "diff new": ["diff", good, str(po)],
        "evaluate": ["evaluate", str(po), good, "--lang", "zh", "--no-glossary"],
    }


@pytest.mark.parametrize("command", ["status", "check po", "check issue", "check annotate", "align", "publish",
                                     "diff old", "diff new", "evaluate"])
def test_every_command_refuses_a_broken_po_file_as_translate_does(runner, broken, command):
    issue, _ = broken
    expected = _translate_message(runner, issue)
    before = _snapshot(issue.parent.parent)
    result = runner.invoke(app, _args(issue)[command])
    assert result.exit_code == 2, result.output
    assert result.stderr == expected
    assert _snapshot(issue.parent.parent) == before

"""The check a run makes for its views goes one language at a time (#26): check's findings of a
language never depend on another language's files, so the aligned pairs and renderings of one
language are let go before the next is checked. The views' findings stay exactly check's (the
order included): tests/checks/test_check_views.py compares them with ``bilingual check``."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilingual
from bilingual.checks import runner as check_runner
from bilingual.checks.issue import Files, document_findings
from bilingual.document.markdown import parse
from bilingual.glossary.load import load_glossary

ROOT = Path(__file__).resolve().parents[2]
ISSUE = ("# Title\n\nThe model learns *fast* on [the data](https://example.com/) with 3 GPUs.\n\n"
         "- One point about the batch.\n- Another point about the **layer**.\n")


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The languages of the files each call of check's ``check_targets`` checked."""
    calls: list[list[str]] = []
    real = check_runner.check_targets

    def recording(targets, *args, **kwargs):
        calls.append([t.lang or "" for t in targets])
        return real(targets, *args, **kwargs)

    monkeypatch.setattr(check_runner, "check_targets", recording)
    return calls


@pytest.mark.parametrize("langs", [("zh", "ja"), ("ja", "zh")])
def test_the_views_check_one_language_at_a_time_in_checks_order(tmp_path: Path, checked, langs):
    issue = tmp_path / "issues" / "001"
    issue.mkdir(parents=True)
    (issue / "en.md").write_text(ISSUE, encoding="utf-8")
    bilingual.translate([issue], bilingual.RunOptions(bilingual.engine("pseudo"), langs, None))
    assert checked == [["zh", "zh"], ["ja", "ja"]]


@pytest.mark.parametrize("edit", [("论文", "报纸"), ("3", "4"), ("`", "")])
def test_one_language_at_a_time_finds_what_all_at_once_finds_in_the_same_order(runner, sample_issue, edit):
    """The sample issue translated, its zh PO file and ja edition edited to have findings: the
    findings language by language, one after the other, are those of one check of every file."""
    from bilingual.cli import app

    glossary_dir = ROOT / "glossary"
    assert runner.invoke(app, ["translate", str(sample_issue), "--engine", "pseudo", "--glossary", str(glossary_dir)]).exit_code == 0
    for name in ("zh.po", "ja.md"):
        path = sample_issue / name
        path.write_text(path.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    glossary = load_glossary([glossary_dir])
    source = sample_issue / "en.md"
    document = parse(source.read_text(encoding="utf-8"), str(source))
    files = [Files(lang, sample_issue / f"{lang}.md", sample_issue / f"{lang}.po") for lang in ("zh", "ja")]
    together = document_findings(source, files, glossary, parsed=document).violations
    apart = [v for f in files for v in document_findings(source, [f], glossary, parsed=document).violations]
    assert together and apart == list(together)


def test_the_views_check_lets_each_text_go_before_it_reads_the_next(tmp_path: Path):
    """Each edition and PO file read back for the views' check is let go before the next is read
    (a 20 MB issue's PO text is hundreds of MB as a Python str)."""
    from staged_reads import translate_recording_reads

    issue = tmp_path / "issues" / "001"
    issue.mkdir(parents=True)
    (issue / "en.md").write_text(ISSUE, encoding="utf-8")
    held = [sum(earlier) for earlier in translate_recording_reads(issue)]
    assert held == [0, 0]  # the two editions; each PO file is read line by line from its file

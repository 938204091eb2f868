"""A second run with nothing changed writes nothing, also without skip-stamps: views included."""

from __future__ import annotations

import pytest

from bilingual.cli import app


@pytest.mark.parametrize("align", [True, False])
def test_second_run_without_stamps_writes_no_file(runner, sample_issue, monkeypatch, align):
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    args = ["translate", str(sample_issue), "--engine", "pseudo", "--no-glossary", *([] if align else ["--no-align"])]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    before = {p.name: p.stat().st_mtime_ns for p in sample_issue.iterdir()}
    assert "report.md" in before and ("aligned.html" in before) is align
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "0 file(s) written" in second.output
    assert {p.name: p.stat().st_mtime_ns for p in sample_issue.iterdir()} == before


def test_a_changed_paragraph_refreshes_the_views(runner, sample_issue, monkeypatch):
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    args = ["translate", str(sample_issue), "--engine", "pseudo", "--no-glossary", "--to", "zh"]
    assert runner.invoke(app, args).exit_code == 0
    source = sample_issue / "en.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Week 31, 2021", "Week 31 of 2021"), encoding="utf-8")
    assert runner.invoke(app, args).exit_code == 0
    assert "Week 31 of 2021" in (sample_issue / "aligned.md").read_text(encoding="utf-8")
    assert "Ŵééķ 31 öƒ 2021" in (sample_issue / "report.md").read_text(encoding="utf-8")

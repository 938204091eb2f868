"""The README's demos show what they say, on a fresh clone.

``translate issues/024 --engine pseudo --out DIR`` pseudo-localises every sentence (it used to
copy the sample's 190 approved sentences, so no pseudo text appeared, the follow-up ``diff`` said
identical and ``evaluate`` gave BLEU 100); ``segment`` and ``status`` count the same sentences.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from conftest import ROOT, SAMPLE_ISSUE

README = (ROOT / "README.md").read_text(encoding="utf-8")
PSEUDO_DEMO = next(
    line.split("#")[0].strip() for line in README.splitlines() if line.startswith(".venv/bin/bilingual translate") and "--engine pseudo --out" in line
)


@pytest.fixture
def clone(tmp_path, monkeypatch) -> Path:
    """The sample issue, glossary and newsletter config as a fresh clone has them; the current folder."""
    shutil.copytree(SAMPLE_ISSUE, tmp_path / "issues" / "024")
    shutil.copy(SAMPLE_ISSUE.parent / "newsletter.yaml", tmp_path / "issues" / "newsletter.yaml")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    return tmp_path


def run(command: str, scratch: Path):
    args = shlex.split(command.replace("/tmp/", f"{scratch}/"))
    assert args[0] == ".venv/bin/bilingual"
    return CliRunner().invoke(app, args[1:])


def test_the_pseudo_demo_pseudo_localises_every_sentence(clone):
    before = {p.name: p.read_bytes() for p in (clone / "issues" / "024").iterdir() if p.is_file()}
    result = run(PSEUDO_DEMO, clone / "scratch")
    assert result.exit_code == 0, result.output
    assert "0 approved" in result.output and "sent to pseudo" in result.output
    out = next((clone / "scratch").glob("*/024"))
    for lang in ("zh", "ja"):
        entries = [e for e in polib.pofile(str(out / f"{lang}.po")) if not e.obsolete]
        assert len(entries) == 95 and all(e.fuzzy and e.msgstr.startswith("⟦") for e in entries)
        assert (out / f"{lang}.md").read_text(encoding="utf-8").count("⟦") >= 70
    assert {p.name: p.read_bytes() for p in (clone / "issues" / "024").iterdir() if p.is_file()} == before


def test_the_demos_diff_and_evaluate_show_the_pseudo_text(clone):
    run(PSEUDO_DEMO, clone / "scratch")
    out = next((clone / "scratch").glob("*/024"))
    diff = CliRunner().invoke(app, ["diff", "issues/024/zh.po", str(out / "zh.po")])
    assert diff.exit_code == 1 and "95 changed" in diff.output
    evaluate = CliRunner().invoke(app, ["evaluate", str(out / "zh.md"), "issues/024/zh.md", "--lang", "zh"])
    bleu = float(re.search(r"BLEU = ([\d.]+)", evaluate.output).group(1))
    assert evaluate.exit_code == 0 and bleu < 50, evaluate.output


def test_pseudo_in_place_never_replaces_approved_entries(clone):
    po = (clone / "issues" / "024" / "zh.po").read_bytes()
    result = CliRunner().invoke(app, ["translate", "issues/024", "--engine", "pseudo"])
    assert result.exit_code == 0 and "190 approved" in result.output, result.output
    assert (clone / "issues" / "024" / "zh.po").read_bytes() == po


def test_segment_and_status_count_the_same_sentences(clone):
    segment = CliRunner().invoke(app, ["segment", "issues/024/en.md"])
    status = CliRunner().invoke(app, ["status", "issues"])
    assert segment.exit_code == 0 and status.exit_code == 0
    summary = segment.output.strip().splitlines()[-1]
    counts = {m.group(2): int(m.group(1)) for m in re.finditer(r"(\d+) (sentences|to translate|copied as they are)", summary)}
    zh_total = int(next(line.split()[2] for line in status.output.splitlines() if line.startswith("issues/024") and " zh " in line))
    assert counts["to translate"] == zh_total == 95, (summary, status.output)
    assert counts["sentences"] == counts["to translate"] + counts["copied as they are"]

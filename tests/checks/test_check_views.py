"""One source of truth for findings (issue #23): check prints each finding once per place, and the
views a run or ``align`` writes (report.html, aligned.html) show exactly check's findings."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bilingual.cli import app

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = str(ROOT / "glossary")


@pytest.fixture
def flawed(runner, sample_issue):
    """The sample issue translated (pseudo), then a reviewer's approved zh PO entries given the forbidden 报纸
    for 'paper' and the views rebuilt by a second run (which keeps approved entries)."""
    assert runner.invoke(app, ["translate", str(sample_issue), "--engine", "pseudo", "--glossary", GLOSSARY]).exit_code == 0
    po = sample_issue / "zh.po"
    po.write_text(po.read_text(encoding="utf-8").replace("论文", "报纸"), encoding="utf-8")
    assert runner.invoke(app, ["translate", str(sample_issue), "--engine", "pseudo", "--glossary", GLOSSARY]).exit_code == 0
    return sample_issue


def _check(runner, folder: Path) -> list[dict]:
    result = runner.invoke(app, ["check", str(folder), "--glossary", GLOSSARY, "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)["violations"]


def test_a_finding_in_an_edition_and_its_po_file_is_reported_once(runner, flawed):
    found = _check(runner, flawed)
    places = Counter((v["rule"], v["segment"]) for v in found)
    assert found and max(places.values()) == 1
    assert {Path(v["file"]).name for v in found if v["rule"] == "forbidden-term"} == {"zh.po"}


def _report_counts(html: str) -> dict[str, int]:
    return {rule: int(n) for rule, n in re.findall(r"<td>([a-z-]+)</td><td>(\d+)</td>", html)}


def test_the_runs_report_counts_what_check_reports(runner, flawed):
    found = _check(runner, flawed)
    expected = Counter(v["rule"] for v in found if Path(v["file"]).name.startswith("zh"))
    counts = _report_counts((flawed / "report.html").read_text(encoding="utf-8"))
    assert counts.get("forbidden-term") == expected["forbidden-term"] > 0


@pytest.mark.parametrize("command", [["translate", "--engine", "pseudo"], ["align"]], ids=["translate", "align"])
def test_aligned_html_shows_each_check_finding_once(runner, flawed, command):
    assert runner.invoke(app, [command[0], str(flawed), *command[1:], "--glossary", GLOSSARY]).exit_code == 0
    found = _check(runner, flawed)
    shown = from_html((flawed / "aligned.html").read_text(encoding="utf-8"))
    assert sum(n for k, n in shown.items() if k[2] == "forbidden-term") == sum(v["rule"] == "forbidden-term" for v in found) > 0


# -- every finding, with its file, line, rule, severity and text, in every view (the sample issue reviewed by hand)

from findings_support import LOWERED, break_edition, break_po, from_check, from_html, from_markdown, sample_copy  # noqa: E402
from findings_support import severities, without_found  # noqa: E402


@pytest.fixture(params=["default", "lowered"], ids=["default-severities", "bilingual.toml-lowers-one"])
def reviewed(request, runner, tmp_path, monkeypatch) -> Path:
    """issues/024 with approved zh.po entries a reviewer got wrong, in a project whose bilingual.toml
    (in the folder commands run from) may lower untranslated-source to a warning."""
    folder = sample_copy(tmp_path)
    if request.param == "lowered":
        (tmp_path / "bilingual.toml").write_text(LOWERED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    break_po(folder)
    return folder


def _checked(runner, folder: Path):
    result = runner.invoke(app, ["check", str(folder), "--glossary", GLOSSARY, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return from_check(result.stdout)


def test_a_runs_report_and_aligned_view_show_exactly_checks_findings(runner, reviewed, tmp_path):
    result = runner.invoke(app, ["translate", str(reviewed), "--engine", "pseudo", "--glossary", GLOSSARY])
    assert "Traceback" not in result.output, result.output
    expected = _checked(runner, reviewed)
    lowered = (tmp_path / "bilingual.toml").is_file()
    assert severities(expected, "untranslated-source") == {"warning" if lowered else "error"}
    assert {k[2] for k in expected} >= {"forbidden-term", "untranslated-source"}
    for name in ("report.html", "aligned.html"):
        assert from_html((reviewed / name).read_text(encoding="utf-8")) == expected, name
    assert from_markdown((reviewed / "report.md").read_text(encoding="utf-8")) == without_found(expected)


def test_align_after_a_hand_edit_shows_exactly_checks_findings_those_of_no_sentence_included(runner, reviewed):
    break_edition(reviewed)
    assert runner.invoke(app, ["align", str(reviewed), "--glossary", GLOSSARY]).exit_code == 0
    expected = _checked(runner, reviewed)
    assert any(k[0] == "zh.md" for k in expected) and any(k[0] == "zh.po" for k in expected)
    assert from_html((reviewed / "aligned.html").read_text(encoding="utf-8")) == expected


def test_a_run_for_one_language_shows_the_other_languages_findings_too(runner, reviewed):
    """``check`` of the issue reports ja.po's findings; a run --to zh leaves ja.po alone, and its views
    show them (on the ja column of aligned.html, and apart in the report, which has no ja section)."""
    break_po(reviewed, "ja")
    runner.invoke(app, ["translate", str(reviewed), "--to", "zh", "--engine", "pseudo", "--glossary", GLOSSARY])
    expected = _checked(runner, reviewed)
    assert any(k[0] == "ja.po" for k in expected) and any(k[0] == "zh.po" for k in expected)
    for name in ("report.html", "aligned.html"):
        assert from_html((reviewed / name).read_text(encoding="utf-8")) == expected, name

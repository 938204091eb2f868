"""``check --baseline``: findings a team accepted once never fail CI again; new ones do (#23).

The issue's users switched the gate off because every page of a project they adopted exits 1. A
baseline records what the reviewers accepted on the first run; a finding is the same one while its
file, rule, term, found and expected text and its line's text are the same, wherever the line moves.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.checks.baseline import Baseline, apply_baseline, baseline_text, load_baseline
from bilingual.checks.model import CheckResult, Violation
from bilingual.checks.report import to_json, to_sarif, to_text
from bilingual.cli import app
from bilingual.errors import InputError

EN = "# Release notes\n\nVersion 3 was released in 2021 with 12 new models.\n\nSee the [guide](https://example.com/guide) for details.\n"
ZH = "# 发布说明\n\n版本 4 于 2021 年发布，包含 12 个新模型。\n\n详情请参阅[指南](https://example.com/other)。\n"
SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An issue whose translation has two findings (a changed number, a changed link), checked from its project folder."""
    issue = tmp_path / "issues" / "001"
    issue.mkdir(parents=True)
    (issue / "en.md").write_text(EN, encoding="utf-8")
    (issue / "zh.md").write_text(ZH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(runner, *extra: str):
    return runner.invoke(app, ["check", "issues/001", "--no-glossary", "--fail-on", "warning", *extra])


def _accept_all(runner) -> None:
    written = _check(runner, "--write-baseline", "baseline.json")
    assert written.exit_code == 0, written.output
    assert "2 finding(s) accepted" in written.output


def _accept_then_edit(runner, project: Path, old: str, new: str, *extra: str):
    """Accept every finding, replace ``old`` with ``new`` in the translation, and check it against the baseline."""
    _accept_all(runner)
    zh = project / "issues" / "001" / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return _check(runner, "--baseline", "baseline.json", *extra)


def test_without_a_baseline_the_findings_fail_the_run(runner, project):
    assert _check(runner).exit_code == 1


def test_findings_in_the_baseline_no_longer_fail(runner, project):
    _accept_all(runner)
    result = _check(runner, "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings (2 more accepted by the baseline)" in result.output


def test_the_baseline_names_files_relative_to_its_folder_and_lists_each_finding(runner, project):
    _accept_all(runner)
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["bilingual_baseline"] == 1 and data["signature"].startswith("bilingual ")
    assert [(f["file"], f["rule"], f["found"], f["expected"], f["line"]) for f in data["findings"]] == [
        ("issues/001/zh.md", "number", "4", "3", 3),
        ("issues/001/zh.md", "link", "https://example.com/other", "https://example.com/guide", 5),
    ]


def test_a_line_moved_by_an_edit_elsewhere_keeps_its_finding_accepted(runner, project):
    _accept_all(runner)
    zh = project / "issues" / "001" / "zh.md"
    zh.write_text(ZH.replace("# 发布说明\n", "# 发布说明\n\n这是新的一段。\n"), encoding="utf-8")
    (project / "issues" / "001" / "en.md").write_text(EN.replace("# Release notes\n", "# Release notes\n\nThis is a new paragraph.\n"),
                                                       encoding="utf-8")
    result = _check(runner, "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output


def test_a_finding_on_a_changed_line_is_new(runner, project):
    result = _accept_then_edit(runner, project, "详情请参阅", "更多详情请参阅")
    assert result.exit_code == 1
    assert "zh.md:5:" in result.output and "link:" in result.output
    assert "number:" not in result.output  # still accepted


def test_a_new_problem_is_reported_while_the_accepted_ones_stay_quiet(runner, project):
    _accept_all(runner)
    (project / "issues" / "001" / "en.md").write_text(EN + "\nIt needs 16 GB of memory.\n", encoding="utf-8")
    (project / "issues" / "001" / "zh.md").write_text(ZH + "\n它需要 32 GB 内存。\n", encoding="utf-8")
    result = _check(runner, "--baseline", "baseline.json")
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.output.splitlines() if "zh.md:" in line] == ["warning number"]


def test_a_fixed_finding_is_noted_so_the_baseline_can_shrink(runner, project):
    result = _accept_then_edit(runner, project, "https://example.com/other", "https://example.com/guide")
    assert result.exit_code == 0
    assert "1 finding(s) of the baseline baseline.json were not found" in result.output


def _violation(line: int, found: str = "4", file: str = "x.zh.md") -> Violation:
    return Violation(file, line, 1, "number", "warning", "Numbers differ from the source.", None, found, "3")


def test_a_second_identical_finding_on_an_identical_line_is_new(tmp_path: Path):
    page = tmp_path / "x.zh.md"
    page.write_text("版本 4。\n\n版本 4。\n", encoding="utf-8")
    first = _violation(1, file=str(page))
    (tmp_path / "b.json").write_text(baseline_text([first], tmp_path), encoding="utf-8")
    baseline = load_baseline(tmp_path / "b.json")
    new, accepted, unseen = baseline.split([first, _violation(3, file=str(page))])
    assert (len(new), len(accepted), unseen) == (1, 1, 0)


@pytest.mark.parametrize(("text", "line", "fix"), [
    ("{not json", 1, "is not a baseline"),
    ('{"findings": []}\n', 1, "is not a bilingual baseline"),
    ('{\n "bilingual_baseline": 1,\n "findings": [\n  {\n   "file": "x.zh.md",\n   "rule": 3\n  }\n ]\n}\n', 4,
     'a finding needs "file", "rule" and "line_text" as text'),
    ('{\n "bilingual_baseline": 1,\n "findings": [\n  {\n   "file": "x", "rule": "number", "line_text": "ab", "count": 0\n  }\n ]\n}\n',
     4, '"count" must be a whole number'),
])
def test_a_baseline_that_cannot_be_used_is_one_line_naming_file_and_line(tmp_path: Path, text: str, line: int, fix: str):
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_baseline(path)
    assert raised.value.line == line and fix in raised.value.message
    assert "\n" not in str(raised.value)


def test_a_bad_baseline_exits_2_and_writes_nothing(runner, project):
    (project / "baseline.json").write_text("[]", encoding="utf-8")
    before = sorted(p.name for p in project.rglob("*"))
    result = _check(runner, "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert "baseline.json:1: is not a bilingual baseline" in result.output
    assert sorted(p.name for p in project.rglob("*")) == before


def test_a_missing_baseline_exits_2(runner, project):
    result = _check(runner, "--baseline", "nowhere.json")
    assert result.exit_code == 2 and "no such baseline file" in result.output


def test_reading_and_writing_a_baseline_at_once_contradict(runner, project):
    result = _check(runner, "--baseline", "b.json", "--write-baseline", "b.json")
    assert result.exit_code == 2 and "contradict" in result.output
    assert not (project / "b.json").exists()


def test_json_and_sarif_show_what_the_baseline_accepts(runner, project):
    data = json.loads(_accept_then_edit(runner, project, "详情请参阅", "更多详情请参阅", "--format", "json").stdout)
    assert [v["rule"] for v in data["violations"]] == ["link"]
    assert data["baseline"]["file"] == "baseline.json"
    assert [v["rule"] for v in data["baseline"]["accepted"]] == ["number"]
    log = json.loads(_check(runner, "--baseline", "baseline.json", "--format", "sarif").stdout)
    jsonschema.validate(log, SCHEMA)
    states = {r["ruleId"]: (r["baselineState"], "suppressions" in r) for r in log["runs"][0]["results"]}
    assert states == {"link": ("new", False), "number": ("unchanged", True)}


def test_without_a_baseline_the_outputs_are_as_before():
    result = CheckResult((_violation(1),), ("x.zh.md",))
    assert "baseline" not in json.loads(to_json(result))
    assert "baselineState" not in to_sarif(result)
    assert "accepted" not in to_text(result)


# -- the same finding, wherever its line goes ---------------------------------------------------

_LINES = st.lists(st.sampled_from(["版本 4。", "包含 12 个新模型。", "详情请参阅。", "", "内存 32 GB。"]), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(lines=_LINES, inserted=st.lists(st.sampled_from(["新的一段。", "", "另一段。"]), max_size=5), data=st.data())
def test_inserting_lines_never_makes_an_accepted_finding_new(tmp_path_factory, lines, inserted, data):
    """Findings on any lines, accepted; lines without findings inserted anywhere: all still accepted, none unseen."""
    folder = tmp_path_factory.mktemp("baseline")
    page = folder / "x.zh.md"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    flagged = data.draw(st.lists(st.integers(1, len(lines)), min_size=1, max_size=len(lines), unique=True))
    found = [_violation(n, found=lines[n - 1] or "∅", file=str(page)) for n in sorted(flagged)]
    (folder / "b.json").write_text(baseline_text(found, folder), encoding="utf-8")
    baseline = load_baseline(folder / "b.json")
    at = data.draw(st.integers(0, len(lines)))
    moved = lines[:at] + inserted + lines[at:]
    page.write_text("\n".join(moved) + "\n", encoding="utf-8")
    shift = len(inserted)
    again = [_violation(n + (shift if n > at else 0), found=v.found, file=str(page)) for n, v in zip(sorted(flagged), found)]
    new, accepted, unseen = baseline.split(again)
    assert (new, len(accepted), unseen) == ([], len(found), 0)


def test_a_baseline_written_elsewhere_is_read_relative_to_its_folder(tmp_path: Path):
    page = tmp_path / "docs" / "x.zh.md"
    page.parent.mkdir()
    page.write_text("版本 4。\n", encoding="utf-8")
    found = [_violation(1, file=str(page))]
    (tmp_path / "b.json").write_text(baseline_text(found, tmp_path), encoding="utf-8")
    moved = tmp_path / "copy"
    shutil.copytree(tmp_path / "docs", moved / "docs")
    shutil.copy(tmp_path / "b.json", moved / "b.json")
    copied = [_violation(1, file=str(moved / "docs" / "x.zh.md"))]
    result = apply_baseline(CheckResult(tuple(copied), ("x",)), load_baseline(moved / "b.json"))
    assert (result.violations, len(result.accepted)) == ((), 1)
    assert isinstance(load_baseline(moved / "b.json"), Baseline)


# -- found by trying to break it (a hostile review of the first version) ------------------------


def test_annotate_cannot_be_combined_with_a_baseline(runner, project):
    _accept_all(runner)
    before = (project / "baseline.json").read_bytes()
    result = _check(runner, "--baseline", "baseline.json", "--annotate")
    assert result.exit_code == 2 and "--annotate writes every finding" in result.output
    assert (project / "baseline.json").read_bytes() == before


def test_a_baseline_beside_the_pages_names_them_relatively_and_works_in_a_clone(runner, project, tmp_path_factory):
    (project / ".ci").mkdir()
    assert _check(runner, "--write-baseline", ".ci/b.json").exit_code == 0
    files = {f["file"] for f in json.loads((project / ".ci" / "b.json").read_text(encoding="utf-8"))["findings"]}
    assert files == {"../issues/001/zh.md"}
    clone = tmp_path_factory.mktemp("clone") / "project"
    shutil.copytree(project, clone)
    result = runner.invoke(app, ["check", str(clone / "issues" / "001"), "--no-glossary", "--fail-on", "warning",
                                 "--baseline", str(clone / ".ci" / "b.json")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x85"])
def test_a_line_holding_a_character_python_splits_lines_at_is_still_one_line(runner, project, separator):
    zh = project / "issues" / "001" / "zh.md"
    zh.write_text(ZH.replace("# 发布说明\n", f"# 发布说明{separator}附注\n"), encoding="utf-8")
    _accept_all(runner)
    zh.write_text(zh.read_text(encoding="utf-8").replace("详情请参阅", "更多详情请参阅"), encoding="utf-8")
    result = _check(runner, "--baseline", "baseline.json")
    assert result.exit_code == 1 and "link:" in result.output


def test_checking_some_pages_does_not_call_the_others_fixed(runner, project):
    other = project / "issues" / "002"
    shutil.copytree(project / "issues" / "001", other)
    assert runner.invoke(app, ["check", "issues", "--no-glossary", "--write-baseline", "baseline.json"]).exit_code == 0
    (other / "zh.md").write_text(ZH.replace("https://example.com/other", "https://example.com/guide"), encoding="utf-8")
    result = runner.invoke(app, ["check", "issues/002", "--no-glossary", "--baseline", "baseline.json"])
    assert result.exit_code == 0
    assert "1 finding(s) of the baseline" in result.output  # 002's fixed link; none of 001's, which was not checked


def test_a_baseline_read_through_a_link_is_read_as_the_file_it_links_to(runner, project):
    _accept_all(runner)
    (project / "other").mkdir()
    (project / "other" / "link.json").symlink_to(project / "baseline.json")
    result = _check(runner, "--baseline", "other/link.json")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("target", "message"), [
    ("issues/001/zh.md", "is one of the files checked"),
    ("issues/001/en.md", "exists and is not a baseline"),
    ("notes.json", "exists and is not a baseline"),
])
def test_write_baseline_never_replaces_a_file_that_is_not_a_baseline(runner, project, target, message):
    (project / "notes.json").write_text('{"mine": true}\n', encoding="utf-8")
    before = (project / target).read_bytes()
    result = _check(runner, "--write-baseline", target)
    assert result.exit_code == 2 and message in result.output
    assert (project / target).read_bytes() == before


def test_write_baseline_replaces_an_older_baseline(runner, project):
    _accept_all(runner)
    (project / "issues" / "001" / "zh.md").write_text(ZH.replace("版本 4", "版本 3"), encoding="utf-8")
    assert _check(runner, "--write-baseline", "baseline.json").exit_code == 0
    assert [f["rule"] for f in json.loads((project / "baseline.json").read_text(encoding="utf-8"))["findings"]] == ["link"]


@pytest.mark.parametrize("version", ["true", "1.0", '"1"', "2"])
def test_only_format_1_is_a_baseline(tmp_path: Path, version: str):
    path = tmp_path / "b.json"
    path.write_text(f'{{"bilingual_baseline": {version}, "findings": []}}\n', encoding="utf-8")
    with pytest.raises(InputError, match="is not a bilingual baseline"):
        load_baseline(path)


def test_a_fifo_is_refused_without_reading_it(runner, project):
    import os

    os.mkfifo(project / "pipe.json")
    result = _check(runner, "--baseline", "pipe.json")
    assert result.exit_code == 2 and "pipe.json: is not a regular file" in result.output
    result = _check(runner, "--write-baseline", "pipe.json")
    assert result.exit_code == 2 and "exists and is not a baseline" in result.output


def test_a_folder_is_named_as_a_folder(tmp_path: Path):
    with pytest.raises(InputError, match="is a folder"):
        load_baseline(tmp_path)


def test_a_baseline_of_another_glossary_says_so(runner, project):
    _accept_all(runner)
    glossary = project / "g.yaml"
    glossary.write_text("terms:\n  - en: model\n    zh: 模型\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "issues/001", "--glossary", str(glossary), "--baseline", "baseline.json"])
    assert "was written by bilingual" in result.output and "glossary none" in result.output


def test_two_findings_of_one_rule_on_one_line_one_finding_nothing_are_written(tmp_path: Path):
    """Found on Apache APISIX's pages (debug-mode, line 55): two structure findings on one line, one naming what
    it found and one not, made the baseline's sort compare text with None (a TypeError, reported as a bug)."""
    page = tmp_path / "x.zh.md"
    page.write_text("### 高级调试模式\n", encoding="utf-8")
    found = [Violation(str(page), 1, 1, "structure", "error", "A block of the source is missing.", None, None, "code block"),
             Violation(str(page), 1, 1, "structure", "error", "A block of the source is missing.", None,
                       "level-3 heading", "code block")]
    (tmp_path / "b.json").write_text(baseline_text(found, tmp_path), encoding="utf-8")
    assert sum(load_baseline(tmp_path / "b.json").counts.values()) == 2

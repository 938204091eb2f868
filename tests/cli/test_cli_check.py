"""``bilingual check`` on the command line: targets, languages, glossary, formats, exit codes, PO annotation."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from bilingual.checks import check_paths
from bilingual.cli import app
from bilingual.glossary.load import load_glossary

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "tests" / "fixtures" / "check"
GLOSSARY = str(CHECK / "glossary.yaml")
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

PO = """msgid ""
msgstr ""
"Language: zh\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: en.md:10
msgctxt "b53ddf6f84.1"
msgid "This week's {1}papers{/1}"
msgstr "本周{1}报纸{/1}"

msgctxt "ok.1"
msgid "Results"
msgstr "结果"
"""


def _issue(folder: Path, zh: str = "good", ja: str = "good") -> Path:
    folder.mkdir(parents=True)
    shutil.copy(CHECK / "en.md", folder / "en.md")
    shutil.copy(CHECK / f"{zh}.zh.md", folder / "zh.md")
    shutil.copy(CHECK / f"{ja}.ja.md", folder / "ja.md")
    return folder


def _json(result) -> dict:
    return json.loads(result.stdout)


def test_good_editions_pass_with_exit_0(runner):
    result = runner.invoke(app, ["check", str(CHECK / "good.zh.md"), str(CHECK / "good.ja.md"),
                                 "--source", str(CHECK / "en.md"), "--glossary", GLOSSARY])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "0 errors, 0 warnings in 2 files checked"


def test_bad_edition_fails_with_exit_1_and_one_line_per_violation(runner):
    result = runner.invoke(app, ["check", str(CHECK / "bad.zh.md"), "--lang", "zh", "--source", str(CHECK / "en.md"),
                                 "-g", GLOSSARY])
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert re.fullmatch(r".*bad\.zh\.md:3:18: error forbidden-term: Forbidden translation of glossary term "
                        r"'self-supervised learning'\. \(found '自我监督学习', expected '自监督学习'\)", first)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/file.zh.md"], "no such file or folder"),
        ([str(CHECK / "en.md") + ".txt"], "no such file or folder"),
        ([str(CHECK / "glossary.yaml")], "is not a Markdown edition"),
        ([str(CHECK / "en.md"), "--source", "missing.md"], "no such source file"),
        (["--glossary", "missing.yaml", str(CHECK / "good.zh.md")], "no such glossary file"),
    ],
)
def test_input_errors_exit_2_with_one_line(runner, args, message):
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_edition_whose_language_cannot_be_told_needs_lang(runner, tmp_path):
    plain = tmp_path / "notes.md"
    shutil.copy(CHECK / "good.zh.md", plain)
    result = runner.invoke(app, ["check", str(plain), "-g", GLOSSARY])
    assert result.exit_code == 2 and "--lang" in result.stderr
    assert runner.invoke(app, ["check", str(plain), "--lang", "zh", "-g", GLOSSARY]).exit_code == 0


@pytest.mark.parametrize("option", [["--lang", "fr"], ["--format", "xml"], ["--fail-on", "note"]])
def test_bad_option_values_are_usage_errors(runner, option):
    assert runner.invoke(app, ["check", str(CHECK / "good.zh.md"), *option]).exit_code == 2


def test_fail_on_warning_counts_warnings(runner, tmp_path):
    edition = tmp_path / "x.zh.md"
    edition.write_text("一段 **加粗 的文字。\n", encoding="utf-8")
    assert runner.invoke(app, ["check", str(edition), "-g", GLOSSARY]).exit_code == 0
    assert runner.invoke(app, ["check", str(edition), "-g", GLOSSARY, "--fail-on", "warning"]).exit_code == 1


def test_an_issue_folder_checks_both_editions_against_its_en_md(runner, tmp_path):
    issue = _issue(tmp_path / "007", zh="good", ja="bad")
    result = runner.invoke(app, ["check", str(issue), "-g", GLOSSARY, "--format", "json"])
    assert result.exit_code == 1
    data = _json(result)
    assert data["summary"]["files"] == 2
    assert {Path(v["file"]).name for v in data["violations"]} == {"ja.md"}
    assert "structure" in {v["rule"] for v in data["violations"]}  # source-aware: en.md was found
    only_zh = runner.invoke(app, ["check", str(issue), "--lang", "zh", "-g", GLOSSARY])
    assert only_zh.exit_code == 0 and "in 1 file checked" in only_zh.stdout


def test_en_md_stands_for_its_issue_folder(runner, tmp_path):
    issue = _issue(tmp_path / "007", zh="bad")
    data = _json(runner.invoke(app, ["check", str(issue / "en.md"), "-g", GLOSSARY, "-f", "json"]))
    assert data["summary"]["files"] == 2 and data["summary"]["errors"] > 0


def test_an_archive_of_issues_is_walked(runner, tmp_path):
    for number in ("001", "002"):
        _issue(tmp_path / "issues" / number)
    (tmp_path / "issues" / "README.md").write_text("# Archive\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "issues"), "-g", GLOSSARY])
    assert result.exit_code == 0 and "in 4 files checked" in result.stdout


def test_an_edition_beside_its_source_is_checked_against_it(runner, tmp_path):
    shutil.copy(CHECK / "en.md", tmp_path / "news.md")
    shutil.copy(CHECK / "bad.ja.md", tmp_path / "news.ja.md")
    data = _json(runner.invoke(app, ["check", str(tmp_path / "news.ja.md"), "-g", GLOSSARY, "-f", "json"]))
    assert "structure" in {v["rule"] for v in data["violations"]}


def test_the_default_glossary_is_the_glossary_folder(runner, tmp_path, monkeypatch):
    edition = tmp_path / "x.zh.md"
    edition.write_text("## 本周报纸\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    without = runner.invoke(app, ["check", "x.zh.md"])
    assert without.exit_code == 2 and "no glossary" in without.stderr and without.stdout == ""
    meant = runner.invoke(app, ["check", "x.zh.md", "--no-glossary"])
    assert meant.exit_code == 0 and "no glossary" in meant.stderr
    (tmp_path / "glossary").mkdir()
    shutil.copy(CHECK / "glossary.yaml", tmp_path / "glossary" / "ml.yaml")
    with_default = runner.invoke(app, ["check", "x.zh.md"])
    assert with_default.exit_code == 1 and "x.zh.md:1:6: error forbidden-term" in with_default.stdout


def test_a_po_file_is_checked_msgid_against_msgstr(runner, tmp_path):
    po = tmp_path / "zh.po"
    po.write_text(PO, encoding="utf-8")
    data = _json(runner.invoke(app, ["check", str(po), "-g", GLOSSARY, "-f", "json"]))
    [hit] = data["violations"]
    assert (hit["rule"], hit["line"], hit["column"], hit["segment"]) == ("forbidden-term", 9, 14, "b53ddf6f84.1")


def test_an_issue_folder_includes_its_po_files(runner, tmp_path):
    issue = _issue(tmp_path / "007")
    (issue / "zh.po").write_text(PO, encoding="utf-8")
    data = _json(runner.invoke(app, ["check", str(issue), "-g", GLOSSARY, "-f", "json"]))
    assert data["summary"]["files"] == 3 and {Path(v["file"]).name for v in data["violations"]} == {"zh.po"}


def test_annotate_writes_comments_into_po_files_only(runner, tmp_path):
    po = tmp_path / "zh.po"
    po.write_text(PO, encoding="utf-8")
    edition = tmp_path / "bad.zh.md"
    shutil.copy(CHECK / "bad.zh.md", edition)
    before = edition.read_bytes()
    args = ["check", str(po), str(edition), "-g", GLOSSARY, "--annotate"]
    assert runner.invoke(app, args).exit_code == 1
    annotated = po.read_text(encoding="utf-8")
    assert "# (bilingual) forbidden-term: Forbidden translation of glossary term 'paper'." in annotated
    assert "#, fuzzy\nmsgctxt \"b53ddf6f84.1\"" in annotated
    assert edition.read_bytes() == before
    runner.invoke(app, args)
    assert po.read_text(encoding="utf-8") == annotated


def test_sarif_output_validates(runner):
    result = runner.invoke(app, ["check", str(CHECK / "bad.ja.md"), "--source", str(CHECK / "en.md"), "-g", GLOSSARY,
                                 "--format", "sarif"])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"structure", "keep-term", "missing-term"}


def test_help_names_every_option(runner):
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    for option in ("--lang", "--source", "--glossary", "--format", "--fail-on", "--annotate"):
        assert option in result.stdout


def test_checking_in_processes_gives_the_same_result(tmp_path):
    for number in ("001", "002", "003"):
        _issue(tmp_path / number, zh="bad", ja="bad")
    glossary = load_glossary([GLOSSARY])
    assert check_paths([tmp_path], glossary=glossary, jobs=2) == check_paths([tmp_path], glossary=glossary, jobs=1)


def test_pre_commit_hook_runs_bilingual_check_on_markdown_and_po(runner, tmp_path, monkeypatch):
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["language"], hook["entry"]) == ("bilingual-check", "python", "bilingual check")
    pattern = re.compile(hook["files"])
    assert pattern.search("issues/024/zh.md") and pattern.search("issues/024/ja.po") and not pattern.search("a.py")
    _issue(tmp_path / "issues" / "024")
    monkeypatch.chdir(tmp_path)
    command = hook["entry"].split()[1:] + hook["args"] + ["--glossary", GLOSSARY]
    assert runner.invoke(app, command).exit_code == 0


def test_bilinguals_own_pseudo_translation_of_the_sample_issue_checks_clean(runner, sample_issue):
    glossary = str(ROOT / "glossary")
    translated = runner.invoke(app, ["translate", str(sample_issue), "--engine", "pseudo", "--glossary", glossary])
    assert translated.exit_code == 0, translated.output
    result = runner.invoke(app, ["check", str(sample_issue), "--glossary", glossary])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 errors, 0 warnings in 4 files checked")


def test_a_folder_of_plain_markdown_translations_with_lang(runner, tmp_path):
    folder = tmp_path / "other-tool"
    folder.mkdir()
    (folder / "intro.md").write_text("## 本周报纸\n", encoding="utf-8")
    (folder / "guide.md").write_text("## 本周论文\n", encoding="utf-8")
    (folder / "README.md").write_text("# readme\n", encoding="utf-8")
    without = runner.invoke(app, ["check", str(folder), "-g", GLOSSARY])
    assert without.exit_code == 2 and "holds no editions" in without.stderr
    result = runner.invoke(app, ["check", str(folder), "--lang", "zh", "-g", GLOSSARY, "-f", "json"])
    assert result.exit_code == 1
    data = _json(result)
    assert data["summary"]["files"] == 2
    assert [(Path(v["file"]).name, v["rule"]) for v in data["violations"]] == [("intro.md", "forbidden-term")]


def test_fail_on_info_counts_info_findings(runner, tmp_path):
    en = tmp_path / "x.md"
    en.write_text("See [the docs](https://developer.mozilla.org/en-US/docs/Web).\n", encoding="utf-8")
    zh = tmp_path / "x.zh.md"
    zh.write_text("见[文档](https://developer.mozilla.org/zh-CN/docs/Web)。\n", encoding="utf-8")
    default = runner.invoke(app, ["check", str(zh), "-g", GLOSSARY])
    assert default.exit_code == 0 and "info link" in default.stdout and "1 info" in default.stdout
    assert runner.invoke(app, ["check", str(zh), "-g", GLOSSARY, "--fail-on", "info"]).exit_code == 1


def test_glossary_and_no_glossary_together_are_a_usage_error(runner):
    result = runner.invoke(app, ["check", str(CHECK / "good.zh.md"), "-g", GLOSSARY, "--no-glossary"])
    assert result.exit_code == 2 and "contradict" in result.stderr


def test_html_an_approved_po_entry_introduces_is_an_error(runner, tmp_path):
    po = tmp_path / "zh.po"
    po.write_text(PO.replace('msgstr "结果"', 'msgstr "2021 年第 31 周 <img src=x onerror=\\"alert(1)\\"><script>alert(2)</script>"'),
                  encoding="utf-8")
    data = _json(runner.invoke(app, ["check", str(po), "-g", GLOSSARY, "-f", "json"]))
    html = [v for v in data["violations"] if v["rule"] == "html"]
    assert [(v["severity"], v["found"]) for v in html] == [("error", '<img src=x onerror="alert(1)">'), ("error", "<script>")]

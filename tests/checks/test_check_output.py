"""``bilingual check`` output: text for people, JSON and SARIF 2.1.0 for tools, PO annotation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import polib
import pytest

from bilingual import __version__
from bilingual.checks import RULES, CheckResult, Violation, check_paths
from bilingual.checks.annotate import MARK, annotate
from bilingual.checks.report import artifact_uri, to_json, to_sarif, to_text
from bilingual.glossary.load import load_glossary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

FULL = Violation("issues/007/zh.md", 13, 10, "keep-term", "error",
                 "Do-not-translate term 'PyTorch' was altered, misspelt or re-cased.",
                 term="PyTorch", found="Pytorch", expected="PyTorch", segment="5156ec62ea.1")
BARE = Violation("issues/007/zh.md", 35, 59, "markup", "warning", "Broken Markdown: an emphasis run '****'.")
RESULT = CheckResult((FULL, BARE), ("issues/007/zh.md", "issues/007/ja.md"))


@pytest.fixture(scope="module")
def bad_result():
    glossary = load_glossary([FIXTURES / "check" / "glossary.yaml"])
    return check_paths([FIXTURES / "check" / "bad.zh.md", FIXTURES / "check" / "bad.ja.md"],
                       source=FIXTURES / "check" / "en.md", glossary=glossary)


def test_text_has_one_line_per_violation_then_a_summary():
    assert to_text(RESULT).split("\n") == [
        "issues/007/zh.md:13:10: error keep-term: Do-not-translate term 'PyTorch' was altered, misspelt or re-cased. "
        "(found 'Pytorch', expected 'PyTorch')",
        "issues/007/zh.md:35:59: warning markup: Broken Markdown: an emphasis run '****'.",
        "1 error, 1 warning in 2 files checked",
    ]


def test_text_shortens_long_found_text():
    long = Violation("f.md", 1, 1, "untranslated", "warning", "m.", found="x" * 100)
    line = to_text(CheckResult((long,), ("f.md",))).split("\n")[0]
    assert line.endswith("(found '" + "x" * 59 + "…')")


def test_text_lines_of_a_real_run_follow_the_pattern(bad_result):
    pattern = re.compile(r"^\S+:\d+:\d+: (error|warning|info) [a-z-]+: .+$")
    *lines, summary = to_text(bad_result).split("\n")
    assert lines and all(pattern.match(line) for line in lines)
    infos = f", {bad_result.infos} info{'s' if bad_result.infos != 1 else ''}" if bad_result.infos else ""
    assert summary == f"{bad_result.errors} errors, {bad_result.warnings} warnings{infos} in 2 files checked"


def test_json_has_every_field_of_every_violation_and_a_summary():
    data = json.loads(to_json(RESULT))
    assert data["summary"] == {"errors": 1, "warnings": 1, "infos": 0, "files": 2}
    assert data["violations"][0] == {
        "file": "issues/007/zh.md", "line": 13, "column": 10, "rule": "keep-term", "severity": "error",
        "term": "PyTorch", "found": "Pytorch", "expected": "PyTorch",
        "message": "Do-not-translate term 'PyTorch' was altered, misspelt or re-cased.", "segment": "5156ec62ea.1",
    }
    bare = data["violations"][1]
    assert list(bare) == ["file", "line", "column", "rule", "severity", "term", "found", "expected", "message", "segment"]
    assert bare["term"] is bare["found"] is bare["expected"] is bare["segment"] is None


def test_json_keeps_chinese_and_japanese_readable(bad_result):
    text = to_json(bad_result)
    assert "报纸" in text and "新聞" in text and "\\u" not in text


def test_sarif_validates_against_the_schema(bad_result):
    jsonschema.validate(json.loads(to_sarif(bad_result)), SCHEMA)
    jsonschema.validate(json.loads(to_sarif(RESULT)), SCHEMA)
    jsonschema.validate(json.loads(to_sarif(CheckResult((), ()))), SCHEMA)


def test_sarif_describes_the_tool_and_every_rule():
    log = json.loads(to_sarif(RESULT))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("bilingual", __version__)
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for described, rule in zip(driver["rules"], RULES.values()):
        assert described["name"] == "".join(part.capitalize() for part in rule.name.split("-"))
        assert described["shortDescription"]["text"] == rule.summary
        assert described["defaultConfiguration"]["level"] == rule.severity
        assert described["fullDescription"]["text"].startswith(rule.summary)
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_results_carry_rule_level_message_location_and_properties():
    [full, bare] = json.loads(to_sarif(RESULT))["runs"][0]["results"]
    assert full["ruleId"] == "keep-term" and full["ruleIndex"] == list(RULES).index("keep-term")
    assert full["level"] == "error"
    assert full["message"]["text"] == ("Do-not-translate term 'PyTorch' was altered, misspelt or re-cased. "
                                       "(found 'Pytorch', expected 'PyTorch')")
    [location] = full["locations"]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": "issues/007/zh.md"},
                                            "region": {"startLine": 13, "startColumn": 10}}
    assert full["properties"] == {"term": "PyTorch", "found": "Pytorch", "expected": "PyTorch", "segment": "5156ec62ea.1"}
    assert bare["level"] == "warning" and "properties" not in bare


@pytest.mark.parametrize(("file", "uri"), [("a b/zh.md", "a%20b/zh.md"), ("/tmp/x/ja.md", "file:///tmp/x/ja.md")])
def test_artifact_uris_are_valid_uri_references(file, uri):
    assert artifact_uri(file) == uri


# --- PO annotation ------------------------------------------------------------------------------------

PO = """# Japanese translation.
msgid ""
msgstr ""
"Language: ja\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# reviewed by K.
#. heading
#: en.md:10
msgctxt "b53ddf6f84.1"
msgid "This week's papers"
msgstr "今週の新聞"

#: en.md:12
#, python-format
msgctxt "6ff4715964.1"
msgid "It scales to 415,000 images."
msgstr "41,500 枚の画像まで拡張できます。"

msgctxt "ok.1"
msgid "Results"
msgstr "結果"
"""


def _po_violations(text: str):
    from bilingual.checks import check_po

    return check_po(text, "ja.po", None, load_glossary([FIXTURES / "check" / "glossary.yaml"]))


def test_po_violations_point_into_the_msgstr():
    assert [(v.rule, v.line, v.column, v.segment) for v in _po_violations(PO)] == [
        ("forbidden-term", 12, 12, "b53ddf6f84.1"), ("number", 18, 9, "6ff4715964.1")]


def test_annotate_adds_comments_and_marks_errors_fuzzy():
    annotated = annotate(PO, _po_violations(PO))
    entries = {e.msgctxt: e for e in polib.pofile(annotated)}
    assert entries["b53ddf6f84.1"].tcomment.split("\n") == [
        "reviewed by K.",
        "(bilingual) forbidden-term: Forbidden translation of glossary term 'paper'. (found '新聞', expected '論文')",
    ]
    assert entries["b53ddf6f84.1"].flags == ["fuzzy"]
    assert entries["6ff4715964.1"].flags == ["python-format"]  # a warning leaves the entry approved
    assert entries["6ff4715964.1"].tcomment.startswith("(bilingual) number: ")
    assert entries["ok.1"].tcomment == "" and entries["ok.1"].flags == []


def test_annotate_changes_nothing_but_comment_and_flag_lines():
    annotated = annotate(PO, _po_violations(PO))
    added = [line for line in annotated.split("\n") if line not in PO.split("\n")]
    assert added == [line for line in added if line.startswith(MARK) or line == "#, fuzzy"]
    assert [line for line in annotated.split("\n") if not line.startswith(MARK) and line != "#, fuzzy"] == PO.split("\n")


def test_reannotating_replaces_old_comments():
    once = annotate(PO, _po_violations(PO))
    twice = annotate(once, _po_violations(once))
    assert twice == once
    fixed = once.replace('msgstr "今週の新聞"', 'msgstr "今週の論文"')
    cleared = annotate(fixed, _po_violations(fixed))
    assert "forbidden-term" not in cleared and cleared.count(MARK) == 1


def test_annotate_keeps_windows_line_ends():
    crlf = PO.replace("\n", "\r\n")
    annotated = annotate(crlf, _po_violations(PO))
    assert "\n" not in annotated.replace("\r\n", "")
    assert f"{MARK}forbidden-term" in annotated


def test_annotate_adds_fuzzy_to_existing_flags():
    text = PO.replace('#: en.md:10\n', '#: en.md:10\n#, no-c-format\n')
    annotated = annotate(text, _po_violations(text))
    assert "#, fuzzy, no-c-format" in annotated


def test_info_findings_are_sarif_notes_and_the_log_is_valid():
    from bilingual.checks import check_text

    found = check_text("见[文档](https://developer.mozilla.org/zh-CN/docs/Web)。\n", "zh",
                       "See [the docs](https://developer.mozilla.org/en-US/docs/Web).\n", None)
    assert [v.severity for v in found] == ["info"]
    log = json.loads(to_sarif(CheckResult(tuple(found), ("x.zh.md",))))
    assert [r["level"] for r in log["runs"][0]["results"]] == ["note"]
    schema = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)

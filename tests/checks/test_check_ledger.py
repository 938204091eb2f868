"""``check`` runs the coverage ledger: source prose that reaches a translation untranslated is a
finding (``untranslated-source``, an error unless ``bilingual.toml`` says otherwise), and the
ledger's totals are in ``--format json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilingual.checks.runner import check_text
from bilingual.cli import app
from bilingual.document.ledger import account
from bilingual.document.markdown import parse

SOURCE = "# Title\n\nThis sentence was never translated at all.\n\nA second paragraph with **bold words** in it.\n"


def _issue(folder: Path, zh: str, config: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    (folder / "zh.md").write_text(zh, encoding="utf-8")
    if config is not None:
        (folder / "bilingual.toml").write_text(config, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("target", "expected"), [
    ("# 标题\n\nThis sentence was never translated at all.\n\n第二段有**粗体字**。\n",
     [(3, "This sentence was never translated at all.")]),
    ("# 标题\n\n这句话翻译了。\n\nA second paragraph with **bold words** in it.\n",
     [(5, "A second paragraph with **bold words** in it.")]),
    ("# 标题\n\n这句话翻译了。\n\n第二段有**粗体字**。\n", []),
    ("# Title\n\n这句话翻译了。\n\n第二段有**粗体字**。\n", []),  # a title of one word: a name, not prose
], ids=["paragraph", "with-markup", "translated", "name-heading"])
def test_source_prose_left_in_english_is_an_untranslated_source_error(target, expected):
    found = [v for v in check_text(target, "zh", SOURCE) if v.rule == "untranslated-source"]
    assert [(v.line, v.found) for v in found] == expected
    assert all(v.severity == "error" and v.file == "<target>" for v in found)


@pytest.mark.parametrize("source", [
    "Internet Information Services (IIS)\n",  # a title-case name
    "# Rust by Example\n",
    "| a | b |\n|---|---|\n| /users/:username/posts/:postId | Pod List Selectors |\n",  # a path, a cell's name
    "SetMeta(data interface{}) Error\n",  # code in prose's place
])
def test_names_and_code_copied_as_they_are_are_not_leaks(source):
    assert [v for v in check_text(source, "zh", source) if v.rule == "untranslated-source"] == []


@pytest.mark.parametrize(("fmt", "needle"), [
    ("text", "zh.md:3:1: error untranslated-source:"),
    ("json", '"rule": "untranslated-source"'),
    ("sarif", '"ruleId": "untranslated-source"'),
])
def test_check_fails_on_a_leak_in_every_format(tmp_path, runner, monkeypatch, fmt, needle):
    folder = _issue(tmp_path / "001", "# 标题\n\nThis sentence was never translated at all.\n\n第二段有**粗体字**。\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(folder), "--no-glossary", "--format", fmt])
    assert result.exit_code == 1, result.output
    assert needle in result.stdout


@pytest.mark.parametrize(("severity", "code"), [("warning", 0), ("error", 1), ("info", 0)])
def test_the_leak_severity_is_configured_in_bilingual_toml(tmp_path, runner, monkeypatch, severity, code):
    _issue(tmp_path / "001", "# 标题\n\nThis sentence was never translated at all.\n\n第二段有**粗体字**。\n",
           f'[translate]\nuntranslated-source = "{severity}"\n')
    monkeypatch.chdir(tmp_path / "001")
    result = runner.invoke(app, ["check", ".", "--no-glossary", "--format", "json"])
    assert result.exit_code == code, result.output
    found = [v for v in json.loads(result.stdout)["violations"] if v["rule"] == "untranslated-source"]
    assert [v["severity"] for v in found] == [severity]


def test_a_bad_leak_severity_names_the_config_line(tmp_path, runner, monkeypatch):
    _issue(tmp_path / "001", "# 标题\n", '[translate]\nuntranslated-source = "fatal"\n')
    monkeypatch.chdir(tmp_path / "001")
    result = runner.invoke(app, ["check", ".", "--no-glossary"])
    assert result.exit_code == 2
    assert "bilingual.toml:2:" in result.output and "untranslated-source" in result.output


def test_check_json_has_the_ledger_totals_of_each_source(tmp_path, runner, monkeypatch):
    folder = _issue(tmp_path / "001", "# 标题\n\n这句话翻译了。\n\n第二段有**粗体字**。\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(folder), "--no-glossary", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = account(parse(SOURCE, str(folder / "en.md"))).totals
    assert data["ledger"]["documents"] == [{"path": str(folder / "en.md"), "totals": expected, "refused": [], "leaks": []}]
    assert data["ledger"]["totals"] == expected
    assert sum(expected.values()) == len(SOURCE)


def test_a_source_leak_the_translation_repeats_is_reported_at_its_target_line():
    import dataclasses

    from bilingual.checks.leak_rules import ledger_leaks

    source = "Intro words here.\n\n> ### Why Not An Enum?\n"
    doc = parse(source, "en.md")
    doc = dataclasses.replace(doc, units=tuple(u for u in doc.units if u.index != 1))  # a class the layer missed
    found = ledger_leaks(doc, "介绍。\n\n> ### Why Not An Enum?\n")
    assert [(f.line, f.found, f.severity) for f in found] == [(3, "> ### Why Not An Enum?", "error")]
    assert ledger_leaks(doc, "介绍。\n\n> ### 为什么不是枚举？\n") == []


@pytest.mark.parametrize("boundary", ["\u2028", "\u0085", "\x0c", "\x1c"], ids=["line-separator", "nel", "form-feed", "fs"])
def test_a_leak_is_reported_at_its_line_after_a_character_python_reads_as_a_line_end(boundary):
    """Markdown lines end at \\n, \\r\\n or \\r only; ``str.splitlines`` also cuts at these, which moved the line."""
    import dataclasses

    from bilingual.checks.leak_rules import ledger_leaks

    source = f"Intro{boundary}words here.\n\n> ### Why Not An Enum?\n"
    doc = parse(source, "en.md")
    doc = dataclasses.replace(doc, units=tuple(u for u in doc.units if u.index != 1))
    found = ledger_leaks(doc, f"介{boundary}绍。\n\n> ### Why Not An Enum?\n")
    assert [(f.line, f.found) for f in found] == [(3, "> ### Why Not An Enum?")]


def _dropping_a_unit(monkeypatch):
    """The Markdown layer with a defect: it forgets the last unit, line 5 (a class of text it misses)."""
    import dataclasses

    import bilingual.run.archive as archive

    real = archive.load_documents

    def missing_a_unit(*args):
        todo, documents = real(*args)
        return todo, [dataclasses.replace(d, units=tuple(u for u in d.units if u.line != 5)) for d in documents]

    monkeypatch.setattr(archive, "load_documents", missing_a_unit)


@pytest.mark.parametrize(("config", "code", "word"), [
    (None, 1, "error"),
    ('[translate]\nuntranslated-source = "warning"\n', 0, "warning"),
])
def test_translate_fails_on_a_leak_as_check_does(tmp_path, runner, monkeypatch, config, code, word):
    folder = _issue(tmp_path / "001", "", config)
    (folder / "zh.md").unlink()
    monkeypatch.chdir(folder)
    _dropping_a_unit(monkeypatch)
    result = runner.invoke(app, ["translate", ".", "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == code, result.output
    assert f"bilingual: {word}: en.md:5: untranslated-source:" in result.stderr
    assert (folder / "zh.md").is_file()  # the run is written: the report shows where the leak is
    assert "untranslated-source" in (folder / "report.md").read_text(encoding="utf-8")
    again = runner.invoke(app, ["translate", ".", "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert again.exit_code == code and "untranslated-source" in again.stderr  # not skipped as complete


HTML_SOURCE = '<a href="https://scrimba.com/x" title="Free Vue.js Props Lesson">\n</a>\n\nSome words to translate here.\n'


@pytest.mark.parametrize(("target", "rule", "severity"), [
    ("一些要翻译的词。\n", "structure", "info"),  # the translators left the promotion out: markup, not text
    ('<a href="https://scrimba.com/x" title="Free Vue.js Props Lesson">\n</a>\n\n一些要翻译的词。\n', "untranslated", "info"),
], ids=["html-block-left-out", "attribute-left-in-english"])
def test_an_html_block_whose_only_text_is_an_attribute_is_markup_to_check(target, rule, severity):
    found = [v for v in check_text(target, "zh", HTML_SOURCE) if v.severity != "info" or v.rule == rule]
    assert [(v.rule, v.severity) for v in found] == [(rule, severity)]

"""Approved work in one issue is offered, as fuzzy, wherever the same sentence appears again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.run import plan as workflow
from bilingual.memory.po import read_catalog
from test_memory_incremental import CountingEngine, approve, run

SHARED = "I publish this newsletter every week."
OLD = f"# Issue 23\n\nA sentence only issue 23 has. {SHARED}\n"
NEW = f"# Issue 24\n\nA sentence only issue 24 has. {SHARED}\n"



@pytest.fixture
def archive(tmp_path: Path) -> Path:
    issues = tmp_path / "issues"
    for number, text in (("023", OLD), ("024", NEW)):
        (issues / number).mkdir(parents=True)
        (issues / number / "en.md").write_text(text, encoding="utf-8")
    run(issues / "023")
    approve(issues / "023" / "zh.po", SHARED, "我每周发布这份通讯。")
    return issues


def test_approved_sentence_of_a_sibling_issue_is_reused_as_fuzzy_with_its_origin(archive):
    engine = CountingEngine()
    outcome = run(archive / "024", engine)
    assert SHARED not in engine.calls and len(engine.calls) == 2
    entry = next(e for e in read_catalog(archive / "024" / "zh.po").active if e.msgid == SHARED)
    assert entry.msgstr == "我每周发布这份通讯。" and entry.fuzzy
    assert entry.translator.split("\n")[0] == "from issues/023/zh.po"
    assert outcome.total("cross-issue") == 1
    assert "我每周发布这份通讯。" in (archive / "024" / "zh.md").read_text(encoding="utf-8")


def test_machine_output_of_a_sibling_is_not_reused(archive):
    engine = CountingEngine()
    run(archive / "024", engine)
    assert "A sentence only issue 24 has." in engine.calls  # issue 23's fuzzy entries are not memory for 24


def test_whole_archive_in_one_run_reuses_across_issues(archive):
    engine = CountingEngine()
    run(archive, engine, langs=("zh", "ja"))
    zh = next(e for e in read_catalog(archive / "024" / "zh.po").active if e.msgid == SHARED)
    assert zh.translator.split("\n")[0] == "from issues/023/zh.po"
    ja = next(e for e in read_catalog(archive / "024" / "ja.po").active if e.msgid == SHARED)
    assert ja.translator.split("\n")[0] == "machine: counting:1"  # nothing approved in Japanese


def test_memory_option_adds_po_files_from_elsewhere(tmp_path, archive):
    elsewhere = tmp_path / "tm" / "other.zh.po"
    elsewhere.parent.mkdir()
    elsewhere.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "A sentence only issue 24 has."\nmsgstr "只有第 24 期才有的一句话。"\n',
        encoding="utf-8",
    )
    engine = CountingEngine()
    run(archive / "024", engine, memory=[tmp_path / "tm"])
    assert engine.calls == ["Issue 24"]
    entry = next(e for e in read_catalog(archive / "024" / "zh.po").active if e.msgid.startswith("A sentence only"))
    assert entry.msgstr == "只有第 24 期才有的一句话。" and entry.translator.startswith("from ") and entry.fuzzy


def test_memory_file_language_comes_from_its_header_when_the_name_does_not_say(tmp_path, archive):
    elsewhere = tmp_path / "messages.po"
    elsewhere.write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "Issue 24"\nmsgstr "第24号"\n', encoding="utf-8"
    )
    engine = CountingEngine()
    run(archive / "024", engine, langs=("zh", "ja"), memory=[elsewhere])
    assert engine.calls.count("Issue 24") == 1  # zh only


def test_broken_sibling_is_skipped_with_a_warning(archive):
    (archive / "022").mkdir()
    (archive / "022" / "zh.po").write_text('msgid "a"\nmsgstr "b" x\n', encoding="utf-8")
    outcome = run(archive / "024")
    assert any("022/zh.po:2:" in w and "skipped as translation memory" in w for w in outcome.warnings)
    assert outcome.total("cross-issue") == 1


def test_index_is_built_only_when_something_is_left_to_translate(archive, monkeypatch):
    run(archive / "024")

    def fail(*args):
        raise AssertionError("the archive was indexed although nothing needed translating")

    monkeypatch.setattr(workflow, "MemoryIndex", fail)
    run(archive / "024")


def test_missing_memory_path_is_an_error(archive, runner):
    result = runner.invoke(app, ["translate", str(archive / "024"), "-e", "pseudo", "--no-glossary", "--memory", "/nonexistent/tm"])
    assert result.exit_code == 2
    assert "/nonexistent/tm: no such translation memory file or folder" in result.stderr

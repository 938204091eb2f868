"""A changed glossary reaches existing machine translations, and only those whose terms changed (issue #10).

Each machine entry records a fingerprint of the term definitions that matched its source; a run
re-translates exactly the machine entries whose fingerprint differs, never touches approved
entries, reports approved entries that now violate the glossary, and the PO header's signature
names a glossary every machine entry agrees with.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polib
import pytest

from bilingual.glossary import load_glossary
from bilingual.glossary.schema import Glossary
from bilingual.memory.merge import TERMS, recorded_terms
from bilingual.run import RunOptions, Summary, translate_archive
from bilingual.layout import find_jobs
from test_memory_incremental import CountingEngine

SOURCE = """# News

A new paper on crowd counting. Another sentence here.

The paper was approved by a human.

Nothing to see here.
"""

BASE = """terms:
  - en: crowd counting
    zh: 人群计数
    ja: 群衆カウント
"""
PAPER = BASE + """  - en: paper
    zh: 论文
    ja: 論文
    forbidden: {zh: [报纸], ja: [新聞]}
"""


Engine = CountingEngine  # the deterministic engine that records every text it is asked for


def glossary(folder: Path, text: str) -> Glossary:
    path = folder / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return load_glossary([path])


def run(issue: Path, terms: Glossary | None, langs: Sequence[str] = ("zh",)) -> tuple[Summary, Engine]:
    engine = Engine()
    return translate_archive(find_jobs([issue]), RunOptions(engine, tuple(langs), terms)), engine


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "001"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    return folder


def entry(po_path: Path, msgid: str) -> polib.POEntry:
    return next(e for e in polib.pofile(str(po_path)) if e.msgid == msgid and not e.obsolete)


def approve(po_path: Path, msgid: str, msgstr: str) -> None:
    po = polib.pofile(str(po_path), wrapwidth=78)
    e = next(e for e in po if e.msgid == msgid)
    e.msgstr, e.flags = msgstr, [f for f in e.flags if f != "fuzzy"]
    po.save()


def test_adding_a_term_retranslates_exactly_the_machine_entries_it_matches(issue: Path, tmp_path: Path) -> None:
    run(issue, glossary(tmp_path, BASE))
    approve(issue / "zh.po", "The paper was approved by a human.", "这份报纸由人批准。")
    approved_before = entry(issue / "zh.po", "The paper was approved by a human.")
    outcome, engine = run(issue, glossary(tmp_path, PAPER))
    assert engine.calls == ["A new {1} on {2}."]
    assert entry(issue / "zh.po", "A new paper on crowd counting.").msgstr == "<zh>A new 论文 on 人群计数."
    approved_after = entry(issue / "zh.po", "The paper was approved by a human.")
    assert (approved_after.msgstr, approved_after.flags) == (approved_before.msgstr, approved_before.flags)
    assert any("zh.po:" in w and "approved" in w and "报纸" in w and "paper" in w for w in outcome.warnings), outcome.warnings


def test_a_rerun_with_the_same_glossary_sends_nothing(issue: Path, tmp_path: Path) -> None:
    terms = glossary(tmp_path, PAPER)
    run(issue, terms)
    _, engine = run(issue, terms)
    assert engine.calls == []


def test_a_term_changed_in_one_language_retranslates_only_that_language(issue: Path, tmp_path: Path) -> None:
    run(issue, glossary(tmp_path, PAPER), ("zh", "ja"))
    _, engine = run(issue, glossary(tmp_path, PAPER.replace("ja: 論文", "ja: [論文, ペーパー]")), ("zh", "ja"))
    assert sorted(engine.calls) == ["A new {1} on {2}.", "The {1} was approved by a human."]
    ja = polib.pofile(str(issue / "ja.po"))
    assert ja.metadata["X-Bilingual-Signature"].endswith(load_glossary([tmp_path / "glossary.yaml"]).hash)


def test_an_unrelated_term_changes_no_entry(issue: Path, tmp_path: Path) -> None:
    run(issue, glossary(tmp_path, PAPER))
    _, engine = run(issue, glossary(tmp_path, PAPER + "  - en: Hydra\n    keep: true\n"))
    assert engine.calls == []


def test_every_machine_entry_records_the_terms_that_produced_it(issue: Path, tmp_path: Path) -> None:
    terms = glossary(tmp_path, PAPER)
    run(issue, terms)
    po = polib.pofile(str(issue / "zh.po"))
    header_glossary = po.metadata["X-Bilingual-Signature"].rsplit("glossary:", 1)[1]
    assert header_glossary == terms.hash
    for e in po:
        if e.obsolete:
            continue
        assert recorded_terms(e.tcomment) == terms.matcher.fingerprint(e.msgid, "zh"), e.msgid
    with_terms = entry(issue / "zh.po", "A new paper on crowd counting.")
    assert any(line.startswith(TERMS) for line in with_terms.tcomment.split("\n"))
    plain = entry(issue / "zh.po", "Nothing to see here.")
    assert not any(line.startswith(TERMS) for line in plain.tcomment.split("\n"))


def test_dropping_the_glossary_retranslates_the_entries_it_produced(issue: Path, tmp_path: Path) -> None:
    run(issue, glossary(tmp_path, PAPER))
    _, engine = run(issue, None)
    assert sorted(engine.calls) == ["A new paper on crowd counting.", "The paper was approved by a human."]


@pytest.mark.parametrize(
    "extra",
    ["    note: A research paper.\n", "    accepted: {zh: [文章]}\n", "    unambiguous: true\n"],
    ids=["note", "accepted", "unambiguous"],
)
def test_what_only_the_reviewer_reads_retranslates_nothing(issue: Path, tmp_path: Path, extra: str) -> None:
    run(issue, glossary(tmp_path, PAPER))
    _, engine = run(issue, glossary(tmp_path, PAPER + extra))
    assert engine.calls == []


def test_a_changed_target_retranslates_only_its_sentences(issue: Path, tmp_path: Path) -> None:
    run(issue, glossary(tmp_path, PAPER))
    _, engine = run(issue, glossary(tmp_path, PAPER.replace("zh: 人群计数", "zh: 人数统计")))
    assert engine.calls == ["A new {1} on {2}."]

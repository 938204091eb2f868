"""The diff report of a run, and writing a run's outputs all or nothing."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html as lxml_html

from bilingual.engines.pseudo import PseudoEngine
from bilingual.errors import InputError
from bilingual.glossary import load_glossary
from bilingual.document.markdown import parse
from bilingual.values import Event
from bilingual.run.pipeline import translate
from bilingual.render.diffing import Op
from bilingual.render.model import Flag
from bilingual.render.outputs import OutputPaths, write_issue_outputs
from bilingual.render.report import build_report, report_html, report_markdown
from conftest import ROOT, SAMPLE_ISSUE


@pytest.fixture(scope="module")
def glossary():
    return load_glossary([ROOT / "glossary"])


@pytest.fixture(scope="module")
def run(glossary):
    doc = parse((SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8"), str(SAMPLE_ISSUE / "en.md"))
    return translate([doc], ["zh", "ja"], PseudoEngine(), glossary=glossary)


@pytest.fixture(scope="module")
def report(run):
    return build_report(run.editions)


def _text(ops: tuple[Op, ...], side: str) -> str:
    keep = {"old": ("equal", "delete"), "new": ("equal", "insert")}[side]
    return "".join(op.text for op in ops if op.kind in keep)


def test_stages_are_engine_output_then_glossary(report, run):
    for s in report.segments:
        t = next(e for e in run.editions if e.lang == s.lang).translations[s.id]
        if t.origin == "engine":
            engine, glossary = s.stages
            assert (engine.name, engine.text, glossary.name, glossary.text) == ("engine", t.raw, "glossary", t.text)
            assert _text(glossary.ops, "old") == t.raw and _text(glossary.ops, "new") == t.text
        else:
            assert [st.name for st in s.stages] == ["source"]


def test_every_glossary_substitution_is_a_highlighted_change(report, glossary):
    checked = 0
    for s in report.segments:
        inserted = "".join(op.text for op in s.stages[-1].ops if op.kind == "insert")
        for event in s.events:
            if event.kind == "glossary-substitution":
                term = glossary.get(event.term)
                assert term.target(s.lang).casefold() in inserted.casefold(), (s.id, event)  # kept terms keep their case
                checked += 1
    assert checked == sum(sum(report.substitutions(lang).values()) for lang in report.langs) > 50


def test_report_html_shows_substitutions_as_del_and_ins(report):
    page = lxml_html.document_fromstring(report_html(report))
    row = page.xpath("//table[@class='segments']//tr[td[contains(., '人群计数')]]")
    assert row
    assert page.xpath("//ins[text()='人群计数']") and page.xpath("//del/span[@class='token'][starts-with(text(), '{')]")  # a glossary slot of the raw output
    assert not page.xpath("//link[@rel='stylesheet'] | //script[@src]")


def test_summary_counts(report, run):
    for lang in report.langs:
        edition = next(e for e in run.editions if e.lang == lang)
        assert sum(report.origins(lang).values()) == len(edition.segments)
        events = [e for e in edition.events if e.kind == "glossary-substitution"]
        assert sum(report.substitutions(lang).values()) == len(events)
    assert report.substitutions("zh")["machine learning"] >= 5


def test_report_markdown_sections(report):
    text = report_markdown(report)
    for heading in ("## Summary", "### Glossary substitutions by term", "## Needs a human (0)", "## 中文 (zh)", "## 日本語 (ja)"):
        assert heading in text
    assert "<del>{" in text and "<ins>机器学习</ins>" in text
    assert f"`{report.signatures['zh']}`" in text


def test_needs_a_human_lists_fuzzy_violations_and_recoveries(run):
    zh = next(e for e in run.editions if e.lang == "zh")
    ids = [s.id for s in zh.segments if zh.translations[s.id].origin == "engine"]
    recovered, fuzzy, flagged = ids[:3]
    t = zh.translations[recovered]
    broken = replace(t, events=(*t.events, Event("placeholder-recovered", recovered, "inserted missing {1}")))
    edition = replace(zh, translations={**zh.translations, recovered: broken})
    violation = Flag("missing-term", "error", "zh", flagged, None, "'paper' is not rendered as 论文")
    result = build_report([edition], statuses={("zh", fuzzy): "fuzzy"}, violations=[violation])
    needs = {s.id: s.reasons for s in result.needs_human}
    assert set(needs) == {recovered, fuzzy, flagged}
    assert needs[fuzzy] == ("fuzzy",)
    assert needs[flagged] == ("violation: missing-term",)
    assert needs[recovered][0].startswith("placeholder-recovered")
    assert result.recoveries("zh") == 1 and result.violations("zh") == {"missing-term": 1}
    text = report_markdown(result)
    assert "## Needs a human (3)" in text and "| missing-term | 1 |" in text


def test_check_violations_are_taken_as_they_come(run):
    class Violation:  # the reviewer's check result: file, line, rule, severity, message, segment
        def __init__(self, file: str, line: int, segment: str | None):
            self.file, self.line, self.segment = file, line, segment
            self.rule, self.severity, self.message = "number", "warning", "Numbers differ"

    zh = next(e for e in run.editions if e.lang == "zh")
    result = build_report(run.editions, violations=[Violation("issues/024/zh.md", 16, None), Violation("x/ja.po", 3, zh.segments[0].id)])
    assert result.violations("zh") == {"number": 1} and result.violations("ja") == {"number": 1}
    assert [(f.where, f.segment) for f in result.unplaced] == [("zh.md:16", None)]  # of no one sentence: listed apart
    assert next(s for s in result.needs_human if s.lang == "ja").flags[0].where == "ja.po:3"
    assert "## Findings of no one sentence (1)\n\n- ⚠️ warning number · `zh.md:16`: Numbers differ" in report_markdown(result)


def test_an_approved_human_text_is_the_last_stage(run):
    zh = next(e for e in run.editions if e.lang == "zh")
    sid = next(s.id for s in zh.segments if zh.translations[s.id].origin == "engine")
    result = build_report([zh], approved={("zh", sid): "人工翻译的句子。"})
    stages = next(s for s in result.segments if s.id == sid).stages
    assert [st.name for st in stages] == ["engine", "glossary", "approved"]
    assert _text(stages[-1].ops, "new") == "人工翻译的句子。"


# ------------------------------------------------------------------------------------------ writing


def _issue(tmp_path: Path) -> Path:
    folder = tmp_path / "024"
    folder.mkdir()
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    return folder


def _editions_for(folder: Path, glossary):
    doc = parse((folder / "en.md").read_text(encoding="utf-8"), str(folder / "en.md"))
    return translate([doc], ["zh", "ja"], PseudoEngine(), glossary=glossary).editions


def test_write_issue_outputs_writes_five_files_once(tmp_path, glossary):
    folder = _issue(tmp_path)
    editions = _editions_for(folder, glossary)
    written = write_issue_outputs(editions, glossary=glossary)
    assert sorted(p.name for p in written) == ["024.tmx", "aligned.html", "aligned.md", "report.html", "report.md"]
    assert write_issue_outputs(editions, glossary=glossary) == []
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_nothing_is_written_when_one_output_cannot_be(tmp_path, glossary):
    folder = _issue(tmp_path)
    (folder / "report.html").mkdir()  # a folder where a file must go
    with pytest.raises(InputError) as caught:
        write_issue_outputs(_editions_for(folder, glossary), glossary=glossary)
    assert "report.html" in str(caught.value) and "\n" not in str(caught.value)
    assert sorted(p.name for p in folder.iterdir()) == ["en.md", "report.html"]


def test_output_paths_for_issues_and_plain_files(tmp_path):
    issue = OutputPaths.beside(tmp_path / "024" / "en.md")
    assert (issue.tmx.name, issue.aligned_md.name, issue.report_html.name) == ("024.tmx", "aligned.md", "report.html")
    plain = OutputPaths.beside(tmp_path / "post.md", tmp_path / "out")
    assert (plain.tmx, plain.aligned_html.name) == (tmp_path / "out" / "post.tmx", "post.aligned.html")


# ------------------------------------------------------------------- report.html reads as rendered text


@pytest.fixture(scope="module")
def report_page(report):
    return lxml_html.document_fromstring(report_html(report))


def test_report_html_shows_markup_rendered_not_as_placeholders(report_page, report):
    from bilingual.render.markup import markup_html

    checked = 0
    for s in report.segments:
        tokens = {p.token for p in s.markup}
        for text in (s.source, *(st.text for st in s.stages)):
            shown = lxml_html.fragment_fromstring(markup_html((Op("equal", text),), s.markup), create_parent="div").text_content()
            assert not {t for t in tokens if t in shown}, (s.id, shown)
            checked += bool(tokens)
    assert checked > 100
    page_text = report_page.xpath("string(//table[@class='segments'])")
    assert "{1}合成数据" not in page_text and "{1}Synthetic data" not in page_text
    links = report_page.xpath("//td[@data-role='text']//a[@href='https://arxiv.org/abs/2103.07351']")
    assert links and all(a.text_content().strip() for a in links)
    assert report_page.xpath("//td[@data-role='source']//em[text()='in real-world conditions']")


def test_report_html_has_an_english_source_column(report_page, run):
    heads = [th.text_content() for th in report_page.xpath("//table[@class='segments'][1]/thead/tr/th")]
    assert heads == ["segment", "English", "stage", "text"]
    zh = next(e for e in run.editions if e.lang == "zh")
    seg = next(s for s in zh.segments if s.text.startswith("{1}Synthetic data"))
    (row,) = report_page.xpath(f"//tr[@id='zh-{seg.id.replace('.', '-')}']")
    source = row.xpath("./td[@data-role='source']")[0]
    assert source.get("lang") == "en" and source.text_content().startswith("Synthetic data is now being used for crowd counting.")
    assert row.xpath("./td[@data-role='text']")[0].get("lang") == "zh-Hans"

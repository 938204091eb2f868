"""Translated text never introduces HTML: markup comes only from the source, through placeholders.

An approved PO msgstr or a glossary target that holds HTML comes out escaped in zh.md,
aligned.html and the published site pages; HTML that the English source has stays markup.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import html as lxml_html

from bilingual.cli import app
from bilingual.document.markdown import parse
from bilingual.document.rebuild import rebuild

INJECTION = '2021 年第 31 周 <img src=x onerror="alert(1)"><script>alert(2)</script>'
SOURCE = "# Week 31 of 2021\n\nA <b>bold</b> claim about papers.\n"


def _scripts_and_handlers(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    found = [el.tag for el in tree.iter("script") if "alert" in (el.text or "")]
    found += [f"{el.tag}[{name}]" for el in tree.iter() if isinstance(el.tag, str) for name in el.attrib if name.startswith("on")]
    return found


def test_rebuild_escapes_html_that_only_the_translation_has():
    doc = parse(SOURCE)
    heading = doc.units[0]
    out = rebuild(doc, {heading.index: INJECTION})
    assert "<img" not in out and "<script" not in out
    assert "&lt;img src=x" in out
    assert "<b>bold</b>" in out  # the source's own HTML is markup


def test_identity_keeps_a_literal_angle_bracket_as_it_was():
    source = "Use a <b and c> d when x < y.\n"
    doc = parse(source)
    assert rebuild(doc, {u.index: u.text for u in doc.units}) == source


@pytest.fixture
def issue(tmp_path: Path, runner) -> Path:
    folder = tmp_path / "issues" / "031"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(folder / "zh.po"))
    entry = next(e for e in po if e.msgid == "Week 31 of 2021")
    entry.msgstr = INJECTION
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()
    result = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    return folder


def test_approved_msgstr_with_html_is_text_in_the_edition(issue):
    zh = (issue / "zh.md").read_text(encoding="utf-8")
    assert zh.startswith("# 2021 年第 31 周 &lt;img src=x onerror=")
    assert "<script" not in zh and "<img" not in zh
    assert "<b>" in zh  # the source's HTML


def test_approved_msgstr_with_html_runs_nowhere_in_aligned_html(issue):
    page = (issue / "aligned.html").read_text(encoding="utf-8")
    assert _scripts_and_handlers(page) == []
    assert "onerror" in page  # shown as text, not dropped


def test_approved_msgstr_with_html_runs_nowhere_on_the_site(issue, runner, tmp_path):
    site = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(issue.parent), "--out", str(site), "--to", "zh"])
    assert result.exit_code == 0, result.output
    pages = sorted(site.rglob("*.html"))
    assert pages
    assert {str(p.relative_to(site)): _scripts_and_handlers(p.read_text(encoding="utf-8")) for p in pages} == {
        str(p.relative_to(site)): [] for p in pages
    }


def test_glossary_target_with_html_is_rejected_by_lint(tmp_path, runner):
    """A glossary file cannot carry HTML in a target: translate stops at its file:line (issue #10, glossary half)."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "terms.yaml").write_text(
        "terms:\n  - en: paper\n    zh: '论文<img src=x onerror=alert(1)>'\n", encoding="utf-8"
    )
    folder = tmp_path / "001"
    folder.mkdir()
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--glossary", str(glossary)])
    assert result.exit_code == 2
    assert f"{glossary / 'terms.yaml'}:3" in result.output and "HTML markup" in result.output
    assert not (folder / "zh.md").exists()


def test_glossary_target_with_html_is_escaped(tmp_path):
    """Defence in depth: a glossary built without the linter (an API caller) still cannot inject HTML."""
    from bilingual.engines.pseudo import PseudoEngine
    from bilingual.glossary import Glossary, Term
    from bilingual.run import RunOptions, translate_archive
    from bilingual.layout import find_jobs

    folder = tmp_path / "001"
    folder.mkdir()
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    glossary = Glossary((Term("paper", {"zh": ("论文<img src=x onerror=alert(1)>",)}),))
    translate_archive(find_jobs([folder]), RunOptions(PseudoEngine(), ("zh",), glossary))
    zh = (folder / "zh.md").read_text(encoding="utf-8")
    assert "论文&lt;img src=x onerror=alert(1)>" in zh
    assert "<img" not in zh
    assert _scripts_and_handlers((folder / "aligned.html").read_text(encoding="utf-8")) == []


def test_html_written_into_an_edition_by_hand_runs_nowhere(issue, runner, tmp_path):
    zh = issue / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8") + '\n<img src=x onerror="alert(3)">\n\nText <script>alert(4)</script>.\n',
                  encoding="utf-8")
    site = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(issue.parent), "--out", str(site), "--to", "zh"])
    assert result.exit_code == 0, result.output
    for page in site.rglob("*.html"):
        assert _scripts_and_handlers(page.read_text(encoding="utf-8")) == [], page
    assert "<b>bold</b>" in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))  # the source's HTML


def test_source_html_is_every_raw_html_piece():
    from bilingual.document.markdown import source_html

    assert source_html("A <b>b</b> c.\n\n<div>\nblock\n</div>\n") == frozenset({"<b>", "</b>", "<div>\nblock\n</div>\n"})


def test_a_front_matter_value_is_yaml_text_not_markdown():
    doc = parse("---\ntitle: Week 31\n---\n\nText.\n")
    title = next(u for u in doc.units if u.kind == "front-matter")
    assert rebuild(doc, {title.index: "第 31 周 <b>"}).startswith('---\ntitle: "第 31 周 <b>"\n') or \
        rebuild(doc, {title.index: "第 31 周 <b>"}).startswith("---\ntitle: 第 31 周 <b>\n")

"""Translated text never makes Markdown either (issue #27, item 9): a msgstr or a glossary target
with a link, a remote image (a tracking pixel), a link reference definition, a bare URL, code or
emphasis is shown as the text it is; links and images come only from the source's placeholders,
and ``glossary lint`` rejects such targets."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from bilingual.cli import app
from bilingual.document.markdown import parse
from bilingual.document.rebuild import escape_text, rebuild
from bilingual.render.html import md_parser

SOURCE = "# Week 31 of 2021\n\nA [paper](https://arxiv.org/abs/2103.07351) about crowds.\n\nPlain words here.\n"
EVIL = "evil.example"
INJECTIONS = {
    "link": f"看[这里](https://{EVIL}/x)。",
    "image": f"![](https://{EVIL}/pixel.png)图",
    "reference": f"看[这里][t]。\n\n[t]: https://{EVIL}/ref",
    "definition at start": f"[t]: https://{EVIL}/ref",
    "bare url": f"见 https://{EVIL}/bare 。",
    "autolink": f"见 <https://{EVIL}/auto> 。",
    "code and emphasis": "用 `rm -rf` 和 **粗体** 和 _斜体_ 和 ~~删除~~。",
    "heading in a line": "第一行\n# 标题\n> 引用\n1. 列表",
}


def _targets(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    return [v for el in tree.iter() if isinstance(el.tag, str) for k, v in el.attrib.items() if k in ("href", "src")]


@pytest.mark.parametrize("case", sorted(INJECTIONS))
def test_rebuild_keeps_markup_out_of_translated_text(case):
    doc = parse(SOURCE)
    plain = doc.units[-1]
    html = md_parser().render(rebuild(doc, {plain.index: INJECTIONS[case]}))
    assert EVIL not in " ".join(_targets(html))
    tree = lxml_html.fromstring(html)
    tags = {el.tag for el in tree.iter() if isinstance(el.tag, str)}
    assert tags <= {"html", "body", "div", "h1", "p", "a"}, tags  # the source's own heading, paragraphs and link


TEXT = st.text(alphabet=st.sampled_from(list("ab 中文\n[]()!:/<>`*_~#>-+=|.1\\\"'ht:psw")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_escaped_text_renders_as_exactly_that_text(text):
    html = md_parser().render(escape_text(text))
    tree = lxml_html.fragment_fromstring(html, create_parent="div") if html.strip() else None
    if tree is None:
        assert not text.strip()
        return
    tags = {el.tag for el in tree.iter() if isinstance(el.tag, str)} - {"div", "p"}
    assert not tags, (text, html)
    shown = tree.text_content()
    assert " ".join(shown.split()) == " ".join(text.split()), (text, html)


@pytest.fixture
def issue(tmp_path: Path, runner) -> Path:
    folder = tmp_path / "issues" / "031"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    result = runner.invoke(app, ["translate", str(folder), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    return folder


def _approve(folder: Path, msgid: str, msgstr: str) -> None:
    po = polib.pofile(str(folder / "zh.po"))
    entry = next(e for e in po if e.msgid == msgid)
    entry.msgstr = msgstr
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save()


@pytest.mark.parametrize("case", sorted(INJECTIONS))
def test_a_msgstr_with_markdown_links_nothing_on_the_site(issue, runner, tmp_path, case):
    _approve(issue, "Plain words here.", INJECTIONS[case].replace("\n\n", " "))
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    result = runner.invoke(app, ["publish", str(issue.parent), "--out", str(site), "--to", "zh"])
    assert result.exit_code == 0, result.output
    pages = sorted(site.rglob("*.html")) + [issue / "aligned.html"]
    for page in pages:
        assert not [t for t in _targets(page.read_text(encoding="utf-8")) if EVIL in t], page
    zh = (site / "031" / "zh.html").read_text(encoding="utf-8")
    assert (EVIL if EVIL in INJECTIONS[case] else INJECTIONS[case][:2]) in zh  # shown as text, not dropped
    article = zh.split("<article")[-1]
    assert not any(f"<{tag}>" in article for tag in ("code", "strong", "em", "del", "h2", "blockquote", "ol", "li")), article
    assert "arxiv.org/abs/2103.07351" in " ".join(_targets(zh))  # the source's own link stays a link


@pytest.mark.parametrize("case", sorted(INJECTIONS))
def test_a_translated_edition_reads_back_as_its_msgstr(issue, runner, case):
    """The escapes written to keep markup out do not count as a hand edit on the next run."""
    _approve(issue, "Plain words here.", INJECTIONS[case].replace("\n\n", " "))
    args = ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--no-glossary"]
    assert runner.invoke(app, args).exit_code == 0
    before = {p.name: p.read_bytes() for p in issue.iterdir()}
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "edited" not in result.output + result.stderr, result.output + result.stderr
    assert {p.name: p.read_bytes() for p in issue.iterdir()} == before


TARGETS = ["[论文](https://evil.example/)", "![](https://evil.example/p.png)", "https://evil.example/", "`代码`",
           "**论文**", "# 论文", "[t]: https://evil.example", "论文\\*"]


@pytest.mark.parametrize("target", TARGETS)
def test_glossary_lint_rejects_a_target_with_markdown(runner, tmp_path, target):
    import json

    glossary = tmp_path / "g.yaml"
    glossary.write_text("terms:\n  - en: paper\n    zh: " + json.dumps(target, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", str(glossary)])
    assert result.exit_code != 0
    assert "g.yaml:3:" in result.output + result.stderr and "markup" in result.output + result.stderr


@pytest.mark.parametrize("target", ["论文", "论文 (paper)", "3.5 版", "A/B 测试", "C++"])
def test_glossary_lint_accepts_plain_targets(runner, tmp_path, target):
    import json

    glossary = tmp_path / "g.yaml"
    glossary.write_text("terms:\n  - en: paper\n    zh: " + json.dumps(target, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", str(glossary)])
    assert result.exit_code == 0, result.output + result.stderr

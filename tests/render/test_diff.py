"""Inline diffs, and ``bilingual diff`` between two editions or two PO files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from bilingual.cli import app
from bilingual.engines.pseudo import PseudoEngine
from bilingual.glossary import load_glossary
from bilingual.document.markdown import parse
from bilingual.run.pipeline import translate
from bilingual.render.diffing import compare_markdown, compare_po, inline_diff, ops_text, tokens
from conftest import ROOT, SAMPLE_ISSUE


def _sides(ops) -> tuple[str, str]:
    old = "".join(op.text for op in ops if op.kind != "insert")
    new = "".join(op.text for op in ops if op.kind != "delete")
    return old, new


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("the {1} model", "the 机器学习 model", "the [-{1}-]{+机器学习+} model"),
        ("人工智能工具完全没用", "AI工具几乎没用", "[-人工智能-]{+AI+}工具[-完全-]{+几乎+}没用"),
        ("Papers are fun", "Papers were fun", "Papers [-are-]{+were+} fun"),
        ("same", "same", "same"),
        ("{12}x{/12}", "{12}y{/12}", "{12}[-x-]{+y+}{/12}"),
    ],
)
def test_inline_diff(old, new, expected):
    assert ops_text(inline_diff(old, new)) == expected


def test_tokens_keep_placeholders_whole_and_split_cjk_by_character():
    assert tokens("读{12}论文 papers{/12}!") == ["读", "{12}", "论", "文", " ", "papers", "{/12}", "!"]


@settings(deadline=None)
@given(st.text(alphabet="ab 论文{}/12.", max_size=40), st.text(alphabet="ab 论文{}/12.", max_size=40))
def test_inline_diff_rebuilds_both_sides(old, new):
    assert _sides(inline_diff(old, new)) == (old, new)


# ------------------------------------------------------------------------------ two runs, two glossaries


@pytest.fixture(scope="module")
def doc():
    return parse((SAMPLE_ISSUE / "en.md").read_text(encoding="utf-8"), str(SAMPLE_ISSUE / "en.md"))


@pytest.fixture(scope="module")
def runs(doc, tmp_path_factory):
    """The sample issue translated twice: with the full glossary, and with a glossary of two terms."""
    full = load_glossary([ROOT / "glossary"])
    small_file = tmp_path_factory.mktemp("glossary") / "small.yaml"
    small_file.write_text("terms:\n  - en: paper\n    zh: 论文\n    ja: 論文\n  - en: deep learning\n    zh: 深度学习\n    ja: 深層学習\n", encoding="utf-8")
    small = load_glossary([small_file])
    return {name: translate([doc], ["zh"], PseudoEngine(), glossary=g).editions[0] for name, g in (("full", full), ("small", small))}


@pytest.fixture
def two_issues(tmp_path, runs) -> dict[str, Path]:
    out = {}
    for name, edition in runs.items():
        folder = tmp_path / name / "024"
        folder.mkdir(parents=True)
        shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
        (folder / "zh.md").write_text(edition.markdown, encoding="utf-8")
        out[name] = folder
    return out


def test_diff_lists_exactly_the_segments_that_differ(doc, runs):
    a, b = runs["full"], runs["small"]
    expected = {sid for sid in a.translations if a.translations[sid].text != b.translations[sid].text}
    result = compare_markdown(parse(a.markdown, "a/zh.md"), parse(b.markdown, "b/zh.md"), doc)
    assert {c.id for c in result.changes} == expected
    assert all(c.kind == "changed" for c in result.changes)
    assert 10 < len(expected) < len(a.translations)


def test_cli_diff_between_runs_names_segments_and_exits_1(runner, two_issues, runs):
    a, b = runs["full"], runs["small"]
    expected = {sid for sid in a.translations if a.translations[sid].text != b.translations[sid].text}
    result = runner.invoke(app, ["diff", str(two_issues["full"] / "zh.md"), str(two_issues["small"] / "zh.md"), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert {c["id"] for c in data["changes"]} == expected and not data["identical"]
    assert data["counts"] == {"changed": len(expected), "added": 0, "removed": 0}


def test_cli_diff_of_identical_files_exits_0(runner, two_issues):
    path = two_issues["full"] / "zh.md"
    result = runner.invoke(app, ["diff", str(path), str(path)])
    assert result.exit_code == 0
    assert "identical" in result.output


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_cli_diff_formats(runner, two_issues, fmt):
    result = runner.invoke(app, ["diff", str(two_issues["small"] / "zh.md"), str(two_issues["full"] / "zh.md"), "-f", fmt])
    assert result.exit_code == 1
    if fmt == "text":
        assert "[-" in result.output and "{+" in result.output and "changed, 0 added, 0 removed" in result.output
    elif fmt == "md":
        assert "<ins>" in result.output and "| changed |" in result.output
    else:
        page = lxml_html.document_fromstring(result.output)
        assert page.xpath("//ins") and page.xpath("//tr[@class='changed']")


@pytest.mark.parametrize(
    ("edit", "kind"),
    [
        (lambda s: s.replace("Week 31, 2021 (August 8 ~)", "Week 31 of 2021 (August 8 ~)"), "changed"),
        (lambda s: s.replace("## Machine learning in the real world\n", "## Machine learning in the real world\n\nA brand new paragraph.\n"), "added"),
        (lambda s: s.replace("Week 31, 2021 (August 8 ~)\n\n", ""), "removed"),
    ],
)
def test_source_versions_compare_by_structure(doc, edit, kind):
    new = parse(edit(doc.source), "new/en.md")
    result = compare_markdown(doc, new)
    assert [c.kind for c in result.changes] == [kind]


# ------------------------------------------------------------------------------------------- PO files


def _po(path: Path, entries: list[tuple[str, str, str, bool]]) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for ctx, msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    po.save(str(path))
    return path


def test_po_files_compare_by_msgctxt(tmp_path):
    old = _po(tmp_path / "old.po", [("a.1", "Paper", "报纸", True), ("b.1", "Same", "一样", False), ("c.1", "Gone", "没了", False)])
    new = _po(tmp_path / "new.po", [("b.1", "Same", "一样", False), ("a.1", "Paper", "论文", False), ("d.1", "New", "新的", True)])
    result = compare_po(old, new)
    by_id = {c.id: c for c in result.changes}
    assert {k: c.kind for k, c in by_id.items()} == {"a.1": "changed", "c.1": "removed", "d.1": "added"}
    assert by_id["a.1"].note == "fuzzy → approved"
    assert ops_text(by_id["a.1"].ops) == "[-报纸-]{+论文+}"


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("case", ["missing", "mixed-kinds", "not-a-po-file"])
def test_cli_diff_bad_input_exits_2_with_one_line(runner, tmp_path, case):
    md = tmp_path / "zh.md"
    md.write_text("# 标题\n", encoding="utf-8")
    bad_po = tmp_path / "bad.po"
    bad_po.write_text("this is not a PO file\n", encoding="utf-8")
    good_po = _po(tmp_path / "good.po", [("a.1", "A", "甲", False)])
    old, new = {
        "missing": (tmp_path / "nope.md", md),
        "mixed-kinds": (md, good_po),
        "not-a-po-file": (bad_po, good_po),
    }[case]
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilingual: error:")


# ------------------------------------------------------------------- identical inputs are identical

REAL_EDITIONS = sorted(
    [*(ROOT / "tests/fixtures/real").glob("*/*/zh.md"), *(ROOT / "tests/fixtures/real").glob("*/*/ja.md"), SAMPLE_ISSUE / "zh.md", SAMPLE_ISSUE / "ja.md"]
)


@pytest.mark.parametrize("edition", REAL_EDITIONS, ids=lambda p: "/".join(p.parts[-3:]))
@pytest.mark.parametrize("where", ["beside en.md", "elsewhere"])
def test_diff_of_a_copy_is_identical(runner, tmp_path, edition, where):
    folder = tmp_path / "issue"
    shutil.copytree(edition.parent, folder)
    original = folder / edition.name
    copy = (folder if where == "beside en.md" else tmp_path) / f"copy.{edition.name}"
    shutil.copy(original, copy)
    for old, new in ((original, copy), (copy, original)):
        result = runner.invoke(app, ["diff", str(old), str(new), "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["identical"] is True and data["changes"] == [] and data["compared"] > 0

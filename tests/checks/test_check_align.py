"""Aligning a target edition to its source block by block, and reporting where the structure differs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.checks import check_text
from bilingual.checks.align import align, layout, target_only
from bilingual.document.markdown import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"


def _layout(text: str):
    return layout(parse(text, "<doc>"))


def _fixture(name: str):
    return _layout((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["en.md", "good.zh.md", "bad.ja.md", "seed-akira-24.zh.md"])
def test_blocks_carry_exactly_the_units_of_their_ordinal(name):
    lay = _fixture(name)
    ordinals = {b.ordinal: b for b in lay.blocks}
    for unit in lay.document.units:
        if unit.parent is None:
            assert unit in ordinals[unit.block].units
            assert ordinals[unit.block].line <= unit.line


def test_the_source_is_cut_into_the_blocks_a_reader_sees():
    shapes = [b.shape for b in _fixture("en.md").blocks]
    assert shapes == [
        "front-matter", "h1", "paragraph", "h2", "list/paragraph", "list/paragraph", "list/paragraph", "paragraph",
        "h2", "table/row", "table/row", "table/row", "blockquote/paragraph", "h2", "paragraph", "fence", "paragraph",
    ]


def test_a_document_aligns_with_itself_block_for_block():
    lay = _fixture("en.md")
    pairs = align(lay, lay)
    assert [(p.source, p.target) for p in pairs] == [(b, b) for b in lay.blocks]
    assert all(up.source is up.target for p in pairs for up in p.units)


def test_a_faithful_translation_pairs_every_block_and_unit():
    pairs = align(_fixture("en.md"), _fixture("good.ja.md"))
    assert all(p.source is not None and p.target is not None and p.source.shape == p.target.shape for p in pairs)
    assert all(up.source is not None and up.source.kind == up.target.kind for p in pairs for up in p.units)


def test_a_missing_table_row_is_the_one_left_unpaired():
    pairs = align(_fixture("en.md"), _fixture("bad.zh.md"))
    [missing] = [p for p in pairs if p.target is None]
    assert missing.source.describe() == 'table row "ViT-B/16"'
    assert missing.line == 24  # where it should be: before the block quote that follows


def test_a_changed_heading_level_stays_paired():
    pairs = align(_layout("# T\n\n## Results\n\nText 1.\n"), _layout("# 标题\n\n### 结果\n\n文本 1。\n"))
    assert [(p.source.shape, p.target.shape) for p in pairs] == [("h1", "h1"), ("h2", "h3"), ("paragraph", "paragraph")]


def test_an_extra_block_is_reported_as_one_the_source_lacks():
    violations = check_text("# 甲\n\n多出来的一段。\n\n正文 42。\n", "zh", "# A\n\nBody 42.\n")
    [hit] = [v for v in violations if v.rule == "structure"]
    assert (hit.line, hit.found, hit.expected) == (3, 'paragraph "多出来的一段。"', None)


def test_a_lost_block_quote_is_reported_where_it_was():
    violations = check_text("第一段。\n\n引文。\n", "zh", "First.\n\n> A quote.\n")
    [hit] = [v for v in violations if v.rule == "structure"]
    assert hit.line == 3 and hit.expected == 'block quote "A quote."'


def test_cells_pair_by_column_when_one_is_empty():
    src = _layout("| a | b | c |\n|---|---|---|\n| x | y | z |\n")
    tgt = _layout("| 甲 | 乙 | 丙 |\n|---|---|---|\n| 子 |  | 寅 |\n")
    row = align(src, tgt)[1]
    assert [(up.source.content, up.target.content) for up in row.units] == [("x", "子"), ("z", "寅")]
    violations = check_text("| 甲 | 乙 | 丙 |\n|---|---|---|\n| 子 |  | 寅 |\n", "zh", "| a | b | c |\n|---|---|---|\n| x | y | z |\n")
    assert [v.message for v in violations if v.rule == "structure"] == [
        "Block structure differs from the source: table cell 2 is empty where the source has text."]


def test_alt_text_and_titles_pair_with_their_counterparts():
    pairs = align(_layout('![Alt text](a.png "Title")\n'), _layout('![替代文字](a.png "标题")\n'))
    assert [(up.source.kind, up.target.content) for up in pairs[0].units] == [
        ("paragraph", '![替代文字](a.png "标题")'), ("alt", "替代文字"), ("title", "标题")]


def test_target_only_is_one_pair_of_every_unit_without_sources():
    doc = parse((FIXTURES / "good.zh.md").read_text(encoding="utf-8"))
    [pair] = target_only(doc)
    assert not pair.sourced and [up.target for up in pair.units] == list(doc.units)


# --- property: structure reports exactly what was removed --------------------------------------------

BLOCKS = {
    "h1": "# Heading {n}",
    "h2": "## Heading {n}",
    "paragraph": "Paragraph number {n}.",
    "item": "- Item number {n}",
    "quote": "> Quote number {n}.",
    "code": "```\ncode {n}\n```",
    "row": "| Cell {n} | Value {n} |",
}


def _render(kinds: list[str]) -> str:
    parts = []
    for n, kind in enumerate(kinds, start=1):
        text = BLOCKS[kind].format(n=n)
        if kind == "row":
            text = f"| Name | Value |\n|---|---|\n{text}"  # one table per row: rows do not merge
        parts.append(text)
    return "\n\n".join(parts) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(BLOCKS)), min_size=1, max_size=8))
def test_a_document_checked_against_itself_has_no_structure_violation(kinds):
    text = _render(kinds)
    assert [v for v in check_text(text, "zh", text) if v.rule == "structure"] == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(BLOCKS)), min_size=2, max_size=8), st.data())
def test_removing_one_block_is_reported_once_as_missing(kinds, data):
    gone = data.draw(st.integers(min_value=0, max_value=len(kinds) - 1))
    source = _render(kinds)
    parts = source.rstrip("\n").split("\n\n")
    target = "\n\n".join(parts[:gone] + parts[gone + 1 :]) + "\n"
    hits = [v for v in check_text(target, "zh", source) if v.rule == "structure"]
    assert len(hits) == 1  # a table goes with its header row: one gap of two blocks
    assert all(h.found is None for h in hits)
    assert all(h.message.startswith("Block structure differs from the source: missing") for h in hits)
    assert any(str(gone + 1) in (h.expected or "") for h in hits)


def test_every_commonmark_spec_example_aligns_with_itself():
    import json

    examples = json.loads((FIXTURES.parent / "commonmark" / "commonmark.json").read_text(encoding="utf-8"))
    source_rules = {"structure", "link", "code", "number"}
    found = [(e["example"], v.rule) for e in examples for v in check_text(e["markdown"], "ja", e["markdown"])
             if v.rule in source_rules]
    assert found == []

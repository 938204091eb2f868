"""The views find code blocks, rules, HTML blocks and tables with the renderer's block phase only
(#26): the inline parse of every paragraph, which they never read, is not made for them; the
blocks found are those the whole parse gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.parser_inline import ParserInline

from bilingual.document.markdown import renderer
from bilingual.render import blocks

ROOT = Path(__file__).resolve().parents[2]
#: Every issue of the archive and every fortieth English page of the fixtures (real corpora included).
PAGES = sorted(ROOT.glob("issues/*/en.md")) + sorted(ROOT.glob("tests/fixtures/**/en.md"))[::40]
FIELDS = ("type", "map", "markup", "info", "content", "level", "nesting")
BLOCKS = ("fence", "code_block", "hr", "html_block", "table_open", "tr_open", "front_matter")


def _blocks(tokens) -> list[tuple]:
    return [tuple(getattr(t, f) for f in FIELDS) for t in tokens if t.type in BLOCKS]


def test_finding_the_blocks_makes_no_inline_parse(monkeypatch: pytest.MonkeyPatch):
    calls: list[str] = []
    parse = ParserInline.parse

    def counting(self, src, md, env, tokens):
        calls.append(src)
        return parse(self, src, md, env, tokens)

    monkeypatch.setattr(ParserInline, "parse", counting)
    found = blocks.verbatim_blocks("# A *title*\n\nSome `code` and a [link](x).\n\n```py\nx = 1\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert [b.kind for b in found] == ["code", "hr"]
    assert calls == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_block_phase_finds_the_blocks_the_whole_parse_finds(page: Path):
    source = page.read_text(encoding="utf-8")
    assert _blocks(blocks.block_reader().parse(source)) == _blocks(renderer().parse(source))


_LINE = st.sampled_from(["# Title *x*", "text with `code` and [a](b)", "```", "```py", "    indented", "---", "***",
                         "<div>", "</div>", "<!-- c -->", "| a | b |", "|---|---|", "| 1 | 2 |", "- item", "  - [ ] task",
                         "> quote", "> ```", "1. one", "", "[ref]: https://x.y", "[^1]: note", "~~~", "$$", "+++"])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_LINE, max_size=25))
def test_any_page_gets_the_same_blocks_from_the_block_phase(lines: list[str]):
    source = "\n".join(lines) + "\n"
    assert _blocks(blocks.block_reader().parse(source)) == _blocks(renderer().parse(source))

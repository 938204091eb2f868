"""``parse`` reads each block's inline text once (#26).

It used to run markdown-it's inline phase over the whole document and then parse every unit's text
again into placeholders: the first pass's tokens (a list of children and the recorded spans for every
block) were never read, yet all of them were alive at once at the end of the pass. For an edition
checked by a run that was the peak of the run's memory, and a third of the parse's time.
"""

from __future__ import annotations

import pytest
from markdown_it.parser_inline import ParserInline

from bilingual.document.markdown import parse

DOCUMENTS = {
    "paragraphs": "First *one* here.\n\nSecond with `code` and a [link](https://example.com).\n",
    "headings and lists": "# Title\n\n- one **bold**\n- two\n\n1. three\n",
    "task list": "- [ ] foo todo\n- [x] bar done\n- [X]  baz spaced\n",
    "table": "| a | b |\n|---|---|\n| c *d* | e |\n",
    "block quote": "> quoted *text*\n>\n> - item in it\n",
    "setext heading and references": "Setext\n======\n\nSee [the docs][d].\n\n[d]: https://example.com/docs\n",
}


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_each_block_s_inline_text_is_parsed_once(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    parsed: list[str] = []
    original = ParserInline.parse

    def counting(self, src, md, env, out_tokens):  # type: ignore[no-untyped-def]
        parsed.append(src)
        return original(self, src, md, env, out_tokens)

    monkeypatch.setattr(ParserInline, "parse", counting)
    doc = parse(text)
    assert doc.units
    assert sorted(parsed) == sorted(u.content for u in doc.units)


@pytest.mark.parametrize(
    "text, contents",
    [
        ("- [ ] foo\n- [x] bar\n", ["foo", "bar"]),
        ("- [X]  two spaces\n", ["two spaces"]),
        ("1. [ ] ordered\n   - [x] nested\n", ["ordered", "nested"]),
        ("> - [ ] quoted\n", ["quoted"]),
        ("[x]: /u\n\n- [x] a reference's label\n", ["a reference's label"]),
        ("[ ] not in a list\n", ["[ ] not in a list"]),
        ("- [y] not a task\n", ["[y] not a task"]),
        ("- [ ]no space\n", ["[ ]no space"]),
        ("- para\n\n  [ ] second paragraph of the item\n", ["para", "[ ] second paragraph of the item"]),
    ],
)
def test_a_task_list_marker_is_not_part_of_the_item_s_text(text: str, contents: list[str]) -> None:
    assert [u.content for u in parse(text).units] == contents

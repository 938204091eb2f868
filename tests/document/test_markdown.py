"""Markdown → units: what is translated, what never is, and stable ids."""

from __future__ import annotations

import pytest

from bilingual.document.markdown import parse
from bilingual.document.rebuild import rebuild

DOC = """---
title: Weekly news
issue: 24
tags: [ml]
---

# Papers of the week

A paragraph with **bold**, *emphasis*, `code`, a [link](https://x.org/a "Link title") and
an image ![a cat](cat.png). Second sentence here.

- item one with <span>html</span>
- item two

> quoted text

| Paper | Topic |
|:------|------:|
| ACAR  | action \\| video |

```python
print("never translated")
```

<!-- a comment -->
<div>raw html block</div>

    indented code
"""


@pytest.fixture(scope="module")
def doc():
    return parse(DOC, "doc.md")


def texts_of(doc, kind):
    return [u.text for u in doc.units if u.kind == kind]


def test_front_matter_translates_only_listed_string_keys(doc):
    assert texts_of(doc, "front-matter") == ["Weekly news"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("heading", ["Papers of the week"]),
        ("cell", ["Paper", "Topic", "ACAR", "action {1} video"]),
        ("alt", ["a cat"]),
        ("title", ["Link title"]),
    ],
)
def test_translatable_units(doc, kind, expected):
    assert texts_of(doc, kind) == expected


def test_paragraph_placeholders(doc):
    paragraph = texts_of(doc, "paragraph")[0]
    assert paragraph == (
        "A paragraph with {1}bold{/1}, {2}emphasis{/2}, {3}, a {4}link{/4} and\nan image {5}. Second sentence here."
    )
    kinds = [(p.kind, p.role) for p in doc.units[2].placeholders]
    assert kinds[:4] == [("strong", "open"), ("strong", "close"), ("em", "open"), ("em", "close")]


@pytest.mark.parametrize("never", ["never translated", "raw html block", "a comment", "indented code", "https://x.org/a", "cat.png"])
def test_never_translated_text_is_in_no_unit_text(doc, never):
    assert all(never not in u.text for u in doc.units)


def test_list_items_and_block_quotes_are_paragraph_units(doc):
    containers = {u.text: u.container for u in doc.units if u.kind == "paragraph"}
    assert containers["item one with {1}html{2}"] == "list"
    assert containers["quoted text"] == "blockquote"


def test_lines_are_source_lines(doc):
    lines = {u.text: u.line for u in doc.units}
    assert lines["Papers of the week"] == 7
    assert lines["quoted text"] == 15
    assert lines["ACAR"] == 19


def test_identity_rebuild_is_byte_identical(doc):
    assert rebuild(doc, {}) == DOC


def test_rebuild_replaces_only_the_unit(doc):
    heading = next(u for u in doc.units if u.kind == "heading")
    out = rebuild(doc, {heading.index: "本周论文"})
    assert out == DOC.replace("# Papers of the week", "# 本周论文")


def test_multiline_unit_in_container_keeps_prefixes():
    src = "> first line\n> second line\n"
    doc = parse(src)
    assert rebuild(doc, {0: "one\ntwo\nthree"}) == "> one\n> two\n> three\n"


def test_table_cell_escapes_pipes_in_translations(doc):
    cell = next(u for u in doc.units if u.text == "ACAR")
    assert "| A\\|B  |" in rebuild(doc, {cell.index: "A|B"})


@pytest.mark.parametrize(("quote", "line"), [("", "title: 新闻"), ('"', 'title: "新闻"'), ("'", "title: '新闻'")])
def test_front_matter_quote_styles(quote, line):
    doc = parse(f"---\ntitle: {quote}News{quote}\n---\n\nBody.\n")
    assert rebuild(doc, {0: "新闻"}).splitlines()[1] == line


def test_ids_are_stable_and_local_to_the_edited_paragraph():
    before = parse("# Title\n\nFirst paragraph.\n\nSecond paragraph.\n")
    after = parse("# Title\n\nFirst paragraph, edited.\n\nSecond paragraph.\n")
    ids_before = [u.uid for u in before.units]
    ids_after = [u.uid for u in after.units]
    assert ids_before[0] == ids_after[0] and ids_before[2] == ids_after[2]
    assert ids_before[1] != ids_after[1]
    assert [u.uid for u in parse("# Title\n\nFirst paragraph.\n\nSecond paragraph.\n").units] == ids_before


def test_repeated_units_get_distinct_ids():
    doc = parse("Same.\n\nSame.\n")
    assert len({u.uid for u in doc.units}) == 2


def test_literal_placeholder_text_is_protected():
    doc = parse("Braces {1} and {/2} stay.\n")
    unit = doc.units[0]
    assert [p.raw for p in unit.placeholders] == ["{1}", "{/2}"]
    assert rebuild(doc, {0: "{2} {1} moved"}) == "{/2} {1} moved\n"


def test_bare_urls_are_protected():
    unit = parse("See https://example.org/path?q=1 for more.\n").units[0]
    assert unit.text == "See {1} for more."

"""Where a character of a msgstr lies in its PO file: line and column through escapes and continuation lines."""

from __future__ import annotations

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.checks.po import PoEntry, read_po


def _per_character(entry: PoEntry) -> list[tuple[int, int]]:
    """The reference: each msgstr character's line and column, walked one character at a time."""
    out = []
    for line, column, raw in entry.pieces:
        i = 0
        while i < len(raw):
            out.append((line, column + i))
            i += 2 if raw[i] == "\\" and i + 1 < len(raw) else 1
    return out


def _expected(entry: PoEntry, offset: int) -> tuple[int, int]:
    places = _per_character(entry)
    if 0 <= offset < len(places):
        return places[offset]
    if not entry.pieces:
        return entry.line, 1
    line, column, raw = entry.pieces[-1]
    return line, column + len(raw)


_RAW = st.text(alphabet=st.sampled_from(["a", "掩", "\\", "n", '"', " "]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.tuples(st.integers(1, 50), st.integers(1, 9), _RAW), max_size=5), extra=st.integers(-2, 4))
def test_every_offset_is_placed_as_a_walk_over_the_characters_places_it(pieces, extra):
    entry = PoEntry(1, None, "x", "y", tuple(pieces))
    total = len(_per_character(entry))
    assert [entry.position(k) for k in range(-2, total + extra + 1)] == [_expected(entry, k)
                                                                         for k in range(-2, total + extra + 1)]


@pytest.mark.parametrize("msgstr", ['一行\n二行 "引号" \\ 反斜杠\t制表', "plain text " * 40, "back\\\\slash"])
def test_a_read_entry_places_each_character_where_the_file_has_it(msgstr):
    po = polib.POFile(wrapwidth=30)
    po.metadata = {"Language": "zh", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="source", msgstr=msgstr or "x"))
    text = str(po)
    [entry] = read_po(text, "zh.po")[1]
    lines = text.split("\n")
    places = [entry.position(k) for k in range(len(entry.msgstr))]
    assert places == _per_character(entry)[: len(entry.msgstr)]
    unescaped = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    for k, (line, column) in enumerate(places):
        at = lines[line - 1][column - 1:]
        assert (unescaped[at[1]] if at[0] == "\\" else at[0]) == entry.msgstr[k]


@pytest.mark.parametrize(("raw", "escapes"), [("plain " * 200, 0), ('a\\"b\\\\c\\n', 3), ("end\\", 0)])
def test_an_entry_keeps_one_place_per_piece_and_escape_not_per_character(raw, escapes):
    """A tuple per character was the largest thing ``check`` held for a PO file (issue #26)."""
    entry = PoEntry(1, None, "x", "y", ((3, 8, raw), (4, 2, raw)))
    entry.position(len(raw))
    starts, kept = entry._index
    assert len(starts) == 3 and [len(k) for k in kept] == [escapes, escapes]


@given(st.text(alphabet=st.sampled_from(["a", "\n", "掩", '"']), max_size=30))
def test_the_lines_of_a_po_text_are_those_split_gives(text):
    from bilingual.checks.po import _Lines

    assert list(_Lines(text)) == text.split("\n") and len(_Lines(text)) == text.count("\n") + 1


def _pieces_one_by_one(lines: list[str], first: int) -> tuple[tuple[int, int, str], ...]:
    """The reference: an entry's msgstr string lines found from its first line on its own (as check did
    before it read a PO file once, line by line)."""
    import re

    string = re.compile(r'^\s*(?:msgstr(?:\[\d+\])?\s+)?"(.*)"\s*$')
    i = first - 1
    while i < len(lines) and not lines[i].lstrip().startswith("msgstr"):
        i += 1
    pieces = []
    while i < len(lines):
        match = string.match(lines[i])
        if match is None or (pieces and lines[i].lstrip().startswith("msgstr")):
            break
        pieces.append((i + 1, match.start(1) + 1, match.group(1)))
        i += 1
    return tuple(pieces)


def _po_files() -> list:
    from conftest import FIXTURES, ROOT

    return sorted([*ROOT.glob("issues/*/*.po"), *FIXTURES.glob("**/*.po")])


@pytest.mark.parametrize("po", _po_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_po_file_read_from_its_file_gives_the_entries_its_text_gives(po):
    """A run's views read its PO files line by line from the file (#26); the entries and the places of their
    characters are those read from the text, and each entry's string lines those found one entry at a time."""
    from pathlib import Path

    from bilingual.errors import PoFileError

    text = po.read_text(encoding="utf-8")
    try:
        from_text = read_po(text, str(po))
    except PoFileError as exc:
        with pytest.raises(PoFileError) as from_file:
            read_po(Path(po), str(po))
        assert str(from_file.value) == str(exc)
        return
    assert read_po(Path(po), str(po)) == from_text
    lines = text.split("\n")
    assert [e.pieces for e in from_text[1]] == [_pieces_one_by_one(lines, e.line) for e in from_text[1]]


_ENTRY = st.tuples(st.lists(st.sampled_from(["# note", "#. glossary", "#, fuzzy", "#: en.md:3"]), max_size=2),
                   st.booleans(), st.lists(st.sampled_from(['"c"', '"d\\"e"', '"  "']), max_size=2),
                   st.lists(st.sampled_from(['"f"', '"g\\n"', '""']), max_size=3), st.booleans())


@settings(max_examples=300, deadline=None)
@given(entries=st.lists(_ENTRY, min_size=1, max_size=8), obsolete_tail=st.booleans())
def test_string_lines_read_once_in_order_are_those_found_one_entry_at_a_time(entries, obsolete_tail):
    """Entries as a PO file holds them (comments, msgctxt, msgid and msgstr with continuation lines, a blank line
    between); one pass over the lines finds, for the entries asked for, what a search per entry finds."""
    from bilingual.checks.po import _all_pieces

    lines: list[str] = ['msgid ""', 'msgstr ""', '"Language: zh\\n"', ""]
    firsts: list[int] = []
    for n, (comments, context, msgid_more, msgstr_more, asked) in enumerate(entries):
        if asked:
            firsts.append(len(lines) + 1)
        lines += [*comments, *(['msgctxt "p%d"' % n] if context else []), f'msgid "s{n}"', *msgid_more,
                  f'msgstr "t{n}"', *msgstr_more, ""]
    if obsolete_tail:
        lines += ['#~ msgid "old"', '#~ msgstr "alt"']
    assert _all_pieces(iter(lines), firsts) == {f: _pieces_one_by_one(lines, f) for f in firsts}

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

"""The values of the aligned views live by the hundred thousand in a large issue (a 2 MB issue's
alignment has a cell per segment per language and a piece per run of text or markup), so each is
kept in slots, without a dictionary of its own (#26)."""

from __future__ import annotations

import pytest

from bilingual.render.model import Alignment, Block, Cell, Piece, Row

PIECE = Piece("text", "hello")
CELL = Cell("en", "hello", (PIECE,), "source")
ROW = Row("1.1", 1, "paragraph", (CELL,))
BLOCK = Block(0, "paragraph", 1, (ROW,), {"en": "hello"})


@pytest.mark.parametrize("value", [PIECE, CELL, ROW, BLOCK, Alignment("001", "Title", ("en",), (BLOCK,))],
                         ids=lambda v: type(v).__name__)
def test_a_view_value_has_no_dictionary_of_its_own(value):
    assert not hasattr(value, "__dict__")


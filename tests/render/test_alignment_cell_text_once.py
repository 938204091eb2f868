"""A cell of the aligned views holds its Markdown once (#26).

A cell's Markdown and its text without nested units (``own``) are the same characters unless the sentence
holds alt text or a link title; a sentence with markup kept two copies, and a 20 MB issue's alignment holds
a cell per sentence per language at once (the alignment was the peak of a run's memory). A plain sentence's
one run of text was shared already.
"""

from __future__ import annotations

import pytest

from bilingual.document.markdown import parse
from bilingual.engines.pseudo import PseudoEngine
from bilingual.render.aligned import build_alignment
from bilingual.render.inputs import from_edition
from bilingual.run.pipeline import translate

TEXT = "# A title\n\nA plain sentence. Another plain one.\n\nOne with *emphasis* and a [link](https://a.example).\n"


@pytest.fixture(scope="module")
def cells():
    doc = parse(TEXT)
    run = translate([doc], ["zh", "ja"], PseudoEngine())
    alignment = build_alignment(doc, [from_edition(e) for e in run.editions])
    return [cell for block in alignment.blocks for row in block.rows for cell in row.cells]


def test_a_plain_sentence_s_cell_holds_its_text_once(cells):
    plain = [c for c in cells if len(c.pieces) == 1 and c.pieces[0].role == "text" and c.markdown == c.pieces[0].text]
    assert len(plain) >= 6  # the title and two sentences, in English and two languages (and more)
    assert all(c.markdown is c.pieces[0].text and c.own is c.markdown for c in plain)


def test_a_cell_with_markup_keeps_its_markdown_and_its_own_text(cells):
    marked = [c for c in cells if any(p.role != "text" for p in c.pieces)]
    assert marked
    assert all("[" in c.markdown and "*" in c.markdown for c in marked)
    assert all(c.own is c.markdown for c in marked)  # no nested unit: the same characters, held once


def test_a_cell_with_alt_text_keeps_its_own_text_apart():
    doc = parse("See ![a diagram](d.png) here.\n")
    run = translate([doc], ["zh"], PseudoEngine())
    alignment = build_alignment(doc, [from_edition(e) for e in run.editions])
    cell = alignment.blocks[0].rows[0].cells[1]
    assert cell.own != cell.markdown and "d.png" in cell.own and "d.png" in cell.markdown

"""Sentence segmentation and joining."""

from __future__ import annotations

import pytest

from bilingual.document.markdown import parse
from bilingual.document.segment import has_words, join, segment, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One sentence. Another one.", ["One sentence.", "Another one."]),
        ("Dr. Smith wrote e.g. this. Done.", ["Dr. Smith wrote e.g. this.", "Done."]),
        ("{1}First. Second.{/1} Third.", ["{1}First. Second.{/1}", "Third."]),
        ("Soft\nbreak inside. Next.", ["Soft\nbreak inside.", "Next."]),
        ("{1}", ["{1}"]),
        ("", []),
    ],
)
def test_split_sentences(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_segment_ids_and_lines():
    doc = parse("Intro line.\n\nFirst. Second\ncontinues. Third.\n")
    segs = segment(doc)
    assert [s.id.split(".")[1] for s in segs] == ["1", "1", "2", "3"]
    assert [s.line for s in segs] == [1, 3, 3, 4]
    assert len({s.id for s in segs}) == 4


@pytest.mark.parametrize(
    ("translations", "expected"),
    [
        ({"a": "第一句。", "b": "第二句。"}, "第一句。第二句。"),
        ({"a": "One.", "b": "Two."}, "One. Two."),
        ({"a": "第一句。", "b": "PyTorch rocks."}, "第一句。PyTorch rocks."),
        ({"a": "PyTorch", "b": "很好。"}, "PyTorch 很好。"),
    ],
)
def test_join_drops_spaces_between_cjk_sentences(translations, expected):
    from bilingual.values import Segment

    segs = [Segment("a", 0, 1, "paragraph", 1, "A."), Segment("b", 0, 2, "paragraph", 1, "B.", before=" ")]
    assert join(segs, translations) == expected


@pytest.mark.parametrize(("text", "expected"), [("{1} {2}", False), ("2012.08334", False), ("a{1}", True), ("论文", True)])
def test_has_words(text, expected):
    assert has_words(text) is expected


@pytest.mark.parametrize("text", ["One. Two. Three.", "See {1}the docs{/1}. Then run it.", "   "])
def test_remembered_sentence_spans_are_a_fresh_list_each_time(text):
    """A run splits each source unit again when it checks its files: the spans are remembered,
    and a caller that changes the list it got changes nothing for the next caller."""
    first = split_sentences(text)
    expected = list(first)
    first.append((0, 0))
    first.clear()
    assert split_sentences(text) == expected

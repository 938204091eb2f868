"""Markup placeholders come back exactly once, pairs in order, whatever the engine did."""

from __future__ import annotations

import pytest

from bilingual.document.integrity import repair

SOURCE = "Read {1}the paper{/1} and {2}."


@pytest.mark.parametrize(
    ("output", "expected", "events"),
    [
        ("读{1}论文{/1}和{2}。", "读{1}论文{/1}和{2}。", 0),
        ("读{1}论文和{2}。", "读{1}论文和{2}。{/1}", 1),
        ("读论文{/1}和{2}。", "{1}读论文{/1}和{2}。", 1),
        ("读{1}论文{/1}和。", "读{1}论文{/1}和。{2}", 1),
        ("读{1}论文{/1}{/1}和{2}{2}。", "读{1}论文{/1}和{2}。", 2),
        ("读{ 1 }论文｛/1｝和{2}。", "读{1}论文{/1}和{2}。", 0),
        ("读{/1}论文{1}和{2}。", "读{1}论文和{/1}{2}。", 1),  # laid out again where the source has it
        ("读{1}论文{/1}和{2}{7}。", "读{1}论文{/1}和{2}。", 1),
    ],
)
def test_repair(output, expected, events):
    text, found = repair(SOURCE, output, "s1")
    assert text == expected
    assert len(found) == events
    assert all(e.kind == "placeholder-recovered" and e.segment == "s1" for e in found)

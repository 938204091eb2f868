"""The block alignment reads a block's words only where it compares two blocks (#26).

It used to make the word set of every block of the source and of the translation before pairing
them, though only blocks that do not line up by shape, links, code and numbers are ever compared
by words: for a 2 MB issue 25 MB of sets, alive at the peak of a run's check of its editions.
"""

from __future__ import annotations

import pytest

from bilingual.checks import align
from bilingual.checks.align import alignment, layout
from bilingual.document.markdown import parse

SOURCE = "# Papers\n\nHydra configures *apps*.\n\n- PyTorch Lightning trains [models](https://a.example).\n\n```py\nx = 1\n```\n\nEnd of 2 parts.\n"
FAITHFUL = "# 论文\n\nHydra 配置*应用*。\n\n- PyTorch Lightning 训练[模型](https://a.example)。\n\n```py\nx = 1\n```\n\n2 部分结束。\n"
SHIFTED = "# 论文\n\n新增的一段。\n\nHydra 配置*应用*。\n\n2 部分结束。\n"


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    original = align._tokens

    def counting(anchor, block):  # type: ignore[no-untyped-def]
        calls.append(block)
        return original(anchor, block)

    monkeypatch.setattr(align, "_tokens", counting)
    return calls


def test_a_translation_that_lines_up_reads_no_block_s_words(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    pairs, agree = alignment(layout(parse(SOURCE)), layout(parse(FAITHFUL)))
    assert agree == 1.0 and all(p.source is not None and p.target is not None for p in pairs)
    assert calls == []


def test_blocks_that_do_not_line_up_are_still_compared_by_words(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    alignment(layout(parse(SOURCE)), layout(parse(SHIFTED)))
    assert calls
    assert len(calls) == len({id(b) for b in calls})  # each block's words read once

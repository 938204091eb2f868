"""What the rules remember of units while checking an edition (glossary matches, sentence spans) is let go
after each block (#26): no rule reads a unit of another block, and a 20 MB issue's edition has about
100,000 units, whose memo was held to the end of its check on top of everything else."""

from __future__ import annotations

import pytest

from bilingual.checks.registry import Context
from bilingual.checks.runner import check_text
from bilingual.glossary.load import load_glossary
from conftest import ROOT


@pytest.fixture
def memo_sizes(monkeypatch):
    """The size of the rules' memo each time a rule asks it for a unit's glossary matches."""
    sizes: list[int] = []
    target_terms, source_terms = Context.target_terms, Context.source_terms

    def recording(ask):  # noqa: ANN001, ANN202
        def asked(self, unit):  # noqa: ANN001, ANN202
            sizes.append(len(self._memo))
            return ask(self, unit)
        return asked

    monkeypatch.setattr(Context, "target_terms", recording(target_terms))
    monkeypatch.setattr(Context, "source_terms", recording(source_terms))
    return sizes


@pytest.mark.parametrize("blocks", [50, 200])
def test_the_memo_holds_one_blocks_units_not_the_editions(memo_sizes, blocks):
    glossary = load_glossary([ROOT / "glossary"])
    source = "".join(f"## Papers {n}\n\nA new paper {n} on machine learning and noisy labels.\n\n" for n in range(blocks))
    target = "".join(f"## 论文 {n}\n\n一篇关于机器学习和噪声标签的新论文 {n}。\n\n" for n in range(blocks))
    assert check_text(target, "zh", source, glossary) == []
    assert memo_sizes  # the rules asked
    assert max(memo_sizes) <= 8  # one block's units (a heading or a paragraph), and the page's terms

"""A sentence's verdict against the glossary, as the memory reports it for approved entries."""

from __future__ import annotations

import pytest

from bilingual.glossary import Glossary, Term
from bilingual.glossary.verify import problems

GLOSSARY = Glossary(
    (
        Term("paper", {"zh": ("论文",), "ja": ("論文",)}, {"zh": ("报纸",)}),
        Term("Hydra", keep=True, forbidden={"zh": ("九头蛇",)}),
    )
)


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("A {1}paper{/1}.", "一篇{1}论文{/1}。", []),
        ("A paper.", "一份报纸。", ["'报纸' is forbidden in zh for 'paper'; use '论文'"]),
        ("A paper.", "一篇文章。", ["'paper' must be rendered '论文' (0 of 1 found)"]),
        ("Two papers and a paper.", "两篇论文和一篇文章。", ["'paper' must be rendered '论文' (1 of 2 found)"]),
        ("Hydra.", "九头蛇。", ["'九头蛇' is forbidden in zh for 'Hydra'; use 'Hydra'"]),
        ("Hydra.", "Hydra。", []),
        ("Nothing here.", "这里什么都没有。", []),
    ],
)
def test_problems(source: str, translation: str, expected: list[str]) -> None:
    assert problems(GLOSSARY, source, translation, "zh") == expected


def test_an_empty_glossary_has_no_problems() -> None:
    assert problems(Glossary(), "A paper.", "报纸", "zh") == []

"""Numbers compared as values (checks/numbers.py): the pairs issue #13 lists, and what must still differ."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bilingual.checks import check_text
from bilingual.checks.numbers import cjk_value, source_numbers, target_numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [("六", 6), ("十二", 12), ("三十一", 31), ("一百零五", 105), ("两千", 2000), ("1670万", 16700000), ("14亿", 1400000000),
     ("三億", 300000000), ("二〇二一", 2021), ("十", 10)],
)
def test_cjk_numerals(text, value):
    assert cjk_value(text) == Decimal(value)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The dataset has 16.7 million examples.\n", "该数据集有1670万个样本。\n"),
        ("See Chapter 6.\n", "见第六章。\n"),
        ("From 2005-2012 it grew.\n", "2005～2012年间它增长了。\n"),
        ("It costs 1,000 dollars.\n", "它花费1000美元。\n"),
        ("The 3rd model.\n", "第3个模型。\n"),
        ("Accuracy is 93.2%.\n", "准确率为９３.２％。\n"),
        ("Released on Dec 31, 2023.\n", "于 2023 年 12 月 31 日发布。\n"),
        ("We trained two models.\n", "我们训练了 2 个模型。\n"),
    ],
)
def test_the_same_value_written_another_way_is_not_reported(source, target):
    assert [v for v in check_text(target, "zh", source, None) if v.rule == "number"] == []


@pytest.mark.parametrize(
    ("source", "target", "found"),
    [
        ("The dataset has 16.7 million examples.\n", "该数据集有1760万个样本。\n", "1760万"),
        ("See Chapter 6.\n", "见第七章，共 8 节。\n", "8"),
        ("It costs 1,000 dollars.\n", "它花费1100美元。\n", "1100"),
    ],
)
def test_a_different_value_is_still_reported(source, target, found):
    hits = [v for v in check_text(target, "zh", source, None) if v.rule == "number"]
    assert found in {v.found for v in hits}


def test_a_cjk_numeral_the_source_lacks_is_never_reported():
    assert [n.raw for n in target_numbers("一个模型和一些数据") if n.arabic] == []
    assert [n.raw for n in source_numbers("ResNet-50 and GTA5 and v1.2")] == []

"""An edition with a paragraph dropped or added (no PO file): the aligned view pairs each English
block with the block that translates it, as ``check`` does, not with the one at the same place
among blocks of its kind (issue #27, second part)."""

from __future__ import annotations

import pytest

from bilingual.document.markdown import parse
from bilingual.render.inputs import align_units

EN = """# Title

The first model has 7 layers.

The second model was trained on 300 GPUs.

The third model reaches 81.5 accuracy.

The fourth model costs 12 dollars per hour.
"""
ZH = {
    "first": "第一个模型有 7 层。",
    "second": "第二个模型在 300 个 GPU 上训练。",
    "third": "第三个模型达到 81.5 的准确率。",
    "fourth": "第四个模型每小时花费 12 美元。",
    "added": "译者加了一段 2024 年的说明。",
}

#: The edition's paragraphs, in order.
CASES = {
    "second dropped": ["first", "third", "fourth"],
    "first dropped": ["second", "third", "fourth"],
    "one added after the first": ["first", "added", "second", "third", "fourth"],
    "one added at the end": ["first", "second", "third", "fourth", "added"],
}
ORDER = ["first", "second", "third", "fourth"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_english_paragraph_pairs_with_its_own_translation(case):
    names = CASES[case]
    edition = parse("# 标题\n\n" + "\n\n".join(ZH[n] for n in names) + "\n", "zh.md")
    doc = parse(EN, "en.md")
    pairs = align_units(doc, edition)
    paragraphs = [u for u in doc.units if u.kind == "paragraph"]
    got = {name: (edition.units[pairs[u.index]].text if u.index in pairs else None)
           for name, u in zip(ORDER, paragraphs, strict=True)}
    assert got == {name: (ZH[name] if name in names else None) for name in ORDER}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_findings_land_on_the_paragraph_they_are_about(case):
    """``check`` already paired by content: the one wrong number (the fourth paragraph's 12 given
    as 13) is reported on that paragraph's line, and the dropped or added paragraph once."""
    from bilingual.checks.runner import check_text

    names = CASES[case]
    texts = {**ZH, "fourth": ZH["fourth"].replace("12", "13")}
    zh = "# 标题\n\n" + "\n\n".join(texts[n] for n in names) + "\n"
    found = [(v.rule, v.line) for v in check_text(zh, "zh", EN) if v.rule in ("number", "structure")]
    fourth = 3 + 2 * names.index("fourth")
    assert [line for rule, line in found if rule == "number"] == [fourth]
    assert sum(rule == "structure" for rule, _ in found) == 1

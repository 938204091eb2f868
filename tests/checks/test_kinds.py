"""A finding's kind (``checks.kinds``): rule, sides, place and severity, for measuring precision class by class."""

from __future__ import annotations

import pytest

from bilingual.checks import check_text

SOURCE = """# Results of the evaluation run

See [the guide](https://example.org/guide) for details.

- Read [the notes](https://example.org/notes) first.

| Setting | Value |
| --- | --- |
| Production branch | main |
"""


@pytest.mark.parametrize(("target", "rule", "kind"), [
    pytest.param(SOURCE.replace("# Results of the evaluation run", "# 评测结果").replace("See [the guide](https://example.org/guide) for details.",
                                                             "详见指南。").replace("Read [the notes](https://example.org/notes) first.",
                                                                                "请先阅读[说明](https://example.org/notes)。"),
                 "link", "link/expected/text/error", id="link-lost-in-a-paragraph"),
    pytest.param(SOURCE.replace("# Results of the evaluation run", "# 评测结果").replace("See [the guide](https://example.org/guide) for details.",
                                                             "详见[指南](https://example.org/guide)。").replace(
                     "Read [the notes](https://example.org/notes) first.", "请先阅读说明。"),
                 "link", "link/expected/item/error", id="link-lost-in-a-list-item"),
    pytest.param(SOURCE.replace("See [the guide](https://example.org/guide) for details.",
                                "详见[指南](https://example.org/guide)。").replace(
                     "Read [the notes](https://example.org/notes) first.", "请先阅读[说明](https://example.org/notes)。"),
                 "untranslated-source", "untranslated-source/found/heading/error", id="heading-kept-in-english"),
])
def test_a_findings_kind_names_rule_sides_place_and_severity(target, rule, kind):
    kinds = [v.kind for v in check_text(target, "zh", SOURCE) if v.rule == rule]
    assert kind in kinds


def test_a_finding_of_a_table_cell_is_of_a_cell_kind():
    target = SOURCE.replace("# Results of the evaluation run", "# 评测结果").replace("See [the guide](https://example.org/guide) for details.",
                                                        "详见[指南](https://example.org/guide)。").replace(
        "Read [the notes](https://example.org/notes) first.", "请先阅读[说明](https://example.org/notes)。").replace(
        "| Setting | Value |", "| 设置 | 值 |")
    kinds = {v.kind for v in check_text(target, "zh", SOURCE) if v.rule.startswith("untranslated")}
    assert kinds and all(k.split("/")[2] == "cell" for k in kinds), kinds

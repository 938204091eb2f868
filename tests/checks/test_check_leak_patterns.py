"""``untranslated-source`` compiles a pattern only for a unit that may hold its source's prose (#26).

``re`` keeps the last 512 patterns it compiled; one per paragraph of a large issue held about
22 MB for the whole run (``check``, and ``translate`` for its views). A paragraph whose
translation lacks a word of the source cannot hold the source as written, so no pattern is made
for it; a paragraph left in English is still found.
"""

from __future__ import annotations

import re

import pytest

from bilingual.checks import leak_rules
from bilingual.checks.runner import check_text

SOURCE = "# Title\n\nThe model learns the data layer quickly and keeps [its state](https://example.com) between runs.\n"
TRANSLATED = "# 标题\n\n模型很快学会数据层，并在两次运行之间保留[它的状态](https://example.com)。\n"


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The patterns ``untranslated-source`` searches with, recorded."""
    made: list[str] = []

    class Recording:
        escape = staticmethod(re.escape)

        @staticmethod
        def search(pattern, text):
            made.append(pattern)
            return re.search(pattern, text)

    monkeypatch.setattr(leak_rules, "re", Recording)
    return made


def test_a_translated_paragraph_compiles_no_pattern(compiled):
    found = check_text(TRANSLATED, "zh", SOURCE)
    assert not [v for v in found if v.rule == "untranslated-source"]
    assert compiled == []


def test_a_paragraph_left_in_english_is_still_found(compiled):
    found = check_text("# 标题\n\n" + SOURCE.split("\n\n", 1)[1], "zh", SOURCE)
    assert [v.rule for v in found if v.rule == "untranslated-source"] == ["untranslated-source"]
    assert len(compiled) == 1

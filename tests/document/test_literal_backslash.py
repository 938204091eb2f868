"""A backslash before anything but ASCII punctuation escapes nothing in CommonMark: it is a backslash.

Found on test set 14 (tests/fixtures/real_test14/elasticjob, Apache-2.0): ElasticJob's registry node table
writes ``election\\instance``; the Markdown layer made ``\\i`` an escape placeholder, so the engine saw a word
cut in two (``election{1}nstance``) and ``check`` quoted it as ``election nstance``.
"""

from __future__ import annotations

import pytest

from bilingual.checks import check_text
from bilingual.document.markdown import parse


@pytest.mark.parametrize("text", [r"election\instance", r"C:\Users\Admin", r"line\n", r"数据\日本", r"x\1"])
def test_a_backslash_before_a_letter_digit_or_cjk_is_text(text):
    unit = parse(f"Text {text} here.\n").units[0]
    assert unit.placeholders == () or not any(p.kind == "escape" for p in unit.placeholders)
    assert unit.text == unit.content


@pytest.mark.parametrize("escaped", [r"\*", r"\_", r"\\", r"\[", r"\`", r"\#"])
def test_a_backslash_before_punctuation_is_still_an_escape(escaped):
    unit = parse(f"Text a{escaped}b here.\n").units[0]
    assert [p.raw for p in unit.placeholders if p.kind == "escape"] == [escaped]


SOURCE = "| Node | Required |\n|---|---|\n| election\\instance | Yes |\n"
TARGET = "| 节点 | 必须 |\n|---|---|\n| election\\instance | 是 |\n"


def test_check_quotes_a_node_path_as_written():
    found = [v.found for v in check_text(TARGET, "zh", SOURCE) if v.found]
    assert all("\\" in f for f in found if "election" in f)

"""No silent loss at any nesting depth: a deep list is translated whole, or refused with en.md:LINE."""

from __future__ import annotations

import re

import pytest

from bilingual.cli import app
from bilingual.errors import InputError
from bilingual.document.markdown import parse

TOO_DEEP = 600  # list levels: more than the parser's limit (MAX_NESTING nesting levels, two per list level)


def nested_list(depth: int) -> str:
    items = "".join("  " * level + f"- level {level + 1} item\n" for level in range(depth))
    return "# Deep lists\n\n" + items + "\nThe paragraph after the list.\n"


@pytest.mark.parametrize("depth", [10, 200])
def test_every_level_of_a_deep_list_is_a_unit(depth):
    doc = parse(nested_list(depth), "en.md")
    texts = [u.text for u in doc.units]
    assert texts == ["Deep lists", *[f"level {n} item" for n in range(1, depth + 1)], "The paragraph after the list."]


@pytest.mark.parametrize("depth", [10, 200])
def test_pseudo_translates_every_level_and_what_follows(runner, tmp_path, depth):
    issue = tmp_path / "001"
    issue.mkdir()
    (issue / "en.md").write_text(nested_list(depth), encoding="utf-8")
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--no-glossary", "--no-align"])
    assert result.exit_code == 0, result.output
    zh = (issue / "zh.md").read_text(encoding="utf-8")
    assert not re.search(r"[a-z]{3,}", zh.replace("- ", "")), "English left in the edition"
    assert zh.count("- ") == depth
    assert "Ţĥé þàŕàĝŕàþĥ àƒţéŕ ţĥé ļîšţ" in zh


def test_deeper_than_the_limit_fails_with_the_line(runner, tmp_path):
    depth = TOO_DEEP
    issue = tmp_path / "001"
    issue.mkdir()
    (issue / "en.md").write_text(nested_list(depth), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse((issue / "en.md").read_text(encoding="utf-8"), str(issue / "en.md"))
    line = caught.value.line
    assert line is not None and 3 < line < depth + 3
    result = runner.invoke(app, ["translate", str(issue), "--to", "zh", "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2
    assert f"en.md:{line}: " in result.output
    assert sorted(p.name for p in issue.iterdir()) == ["en.md"]  # nothing written


def test_check_refuses_the_too_deep_source_too(runner, tmp_path):
    issue = tmp_path / "001"
    issue.mkdir()
    (issue / "en.md").write_text(nested_list(TOO_DEEP), encoding="utf-8")
    (issue / "zh.md").write_text("# 深\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(issue), "--lang", "zh"])
    assert result.exit_code == 2
    assert re.search(r"en\.md:\d+: ", result.output)


@pytest.mark.parametrize("command", [["status"], ["segment"]])
def test_status_and_segment_refuse_the_too_deep_source(runner, tmp_path, command):
    issue = tmp_path / "001"
    issue.mkdir()
    (issue / "en.md").write_text(nested_list(TOO_DEEP), encoding="utf-8")
    target = issue / "en.md" if command == ["segment"] else issue
    result = runner.invoke(app, [*command, str(target)])
    assert result.exit_code == 2
    assert re.search(r"en\.md:\d+: lists or block quotes nest", result.output)

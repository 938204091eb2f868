"""``--help`` reads well: paragraphs flow to the terminal's width, flags show no type, usage names arguments plainly."""

from __future__ import annotations

import re

import pytest

from bilingual.cli import app

COMMANDS = [
    ["translate"],
    ["import"],
    ["check"],
    ["segment"],
    ["status"],
    ["align"],
    ["diff"],
    ["evaluate"],
    ["publish"],
    ["glossary", "lint"],
    ["glossary", "show"],
    ["models", "install"],
    [],
]


def _help(runner, command: list[str], width: int = 100) -> str:
    result = runner.invoke(app, [*command, "--help"], terminal_width=width, env={"COLUMNS": str(width), "TERM": "dumb"})
    assert result.exit_code == 0, result.output
    return result.output


def test_translate_help_paragraphs_are_not_hard_wrapped(runner):
    out = _help(runner, ["translate"], width=200)
    # With room for it, each paragraph of the description is one line: no break inside a sentence.
    assert re.search(r"approved entries are used as they are, fuzzy ones are reused, and only new", out), out
    lines = [line.strip(" │") for line in out.splitlines()]
    assert not any(line.endswith("used as they") for line in lines), out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "bilingual")
def test_flags_show_no_bool_type(runner, command):
    assert "<bool>" not in _help(runner, command)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "bilingual")
def test_usage_line_names_arguments_without_braces(runner, command):
    usage = next(line for line in _help(runner, command).splitlines() if "Usage:" in line)
    assert "{" not in usage and "}" not in usage, usage


def test_translate_usage_reads_like_click(runner):
    usage = next(line for line in _help(runner, ["translate"]).splitlines() if "Usage:" in line)
    assert "bilingual translate [OPTIONS] PATHS..." in usage

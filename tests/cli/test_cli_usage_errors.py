"""Usage errors (bad option values, unknown options, missing arguments) read like every other error:
one line on stderr, exit 2, no box drawn around a usage text."""

from __future__ import annotations

import pytest

from bilingual.cli import app
from conftest import SAMPLE_ISSUE

CASES = {
    "range": (["translate", str(SAMPLE_ISSUE), "--beam-size", "0"], "bilingual: error: --beam-size: input should be greater than or equal to 1"),
    "int": (["translate", str(SAMPLE_ISSUE), "--beam-size", "two"], "bilingual: error: --beam-size: input should be a valid integer"),
    "choice": (["status", str(SAMPLE_ISSUE), "--format", "xml"], "bilingual: error: --format: 'xml' is not one of 'text', 'json'"),
    "fail-on": (["check", str(SAMPLE_ISSUE), "--fail-on", "fatal"], "bilingual: error: --fail-on: 'fatal' is not one of 'error', 'warning', 'info'"),
    "unknown option": (["status", "--bogus"], "bilingual: error: no such option: --bogus"),
    "missing argument": (["translate"], "bilingual: error: missing argument PATHS"),
    "missing option": (["evaluate", "a.md", "b.md"], "bilingual: error: missing option --lang"),
    "unknown command": (["translat"], "bilingual: error: no such command 'translat'"),
    "missing value": (["translate", str(SAMPLE_ISSUE), "--to"], "bilingual: error: option '--to' requires an argument"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_usage_error_is_one_line_and_exit_2(runner, case):
    args, start = CASES[case]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(start), result.stderr
    assert "╭" not in result.stderr and "Usage:" not in result.stderr
    assert "bilingual" in result.stderr and "--help" in result.stderr  # says where to read more


def test_help_and_no_arguments_still_print_help(runner):
    assert runner.invoke(app, ["--help"]).exit_code == 0
    result = runner.invoke(app, [])
    assert "translate" in result.output
    result = runner.invoke(app, ["glossary"])
    assert "export" in result.output


def test_the_installed_command_gives_the_same_line(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", "import sys; from bilingual.cli import main; sys.argv[0] = 'bilingual'; main()", "status", str(SAMPLE_ISSUE), "--format", "xml"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("bilingual: error: --format: 'xml' is not one of 'text', 'json'")
    assert len(result.stderr.splitlines()) == 1

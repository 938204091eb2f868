"""``bilingual check --explain RULE``: every rule says what it checks, with a bad and a good example that are run for real."""

from __future__ import annotations

import pytest

from bilingual.checks import RULES
from bilingual.checks.explain import explain, run_example
from bilingual.cli import app
from bilingual.errors import BilingualError


@pytest.mark.parametrize("name", list(RULES))
def test_every_rule_has_a_bad_and_a_good_example(name):
    rule = RULES[name]
    assert rule.bad is not None and rule.good is not None and rule.description
    bad = run_example(rule, rule.bad)
    assert bad and all(v.severity == rule.severity for v in bad)
    assert run_example(rule, rule.good) == []


@pytest.mark.parametrize("name", list(RULES))
def test_the_explanation_shows_what_the_bad_example_reports(name):
    text = explain(name)
    assert text.startswith(f"{name} ({RULES[name].severity};")
    assert "Bad (" in text and "Good (" in text and f"→ {RULES[name].severity} {name}:" in text
    assert text.rstrip().endswith("→ nothing to report")


def test_an_unknown_rule_names_the_closest_one():
    with pytest.raises(BilingualError, match="did you mean number"):
        explain("numbers")


def test_the_cli_prints_the_explanation_and_needs_no_target(runner):
    result = runner.invoke(app, ["check", "--explain", "number"])
    assert result.exit_code == 0 and "第六章" in result.stdout and "1670万" in result.stdout
    wrong = runner.invoke(app, ["check", "--explain", "nope"])
    assert wrong.exit_code == 2 and "unknown rule 'nope'" in wrong.stderr
    nothing = runner.invoke(app, ["check"])
    assert nothing.exit_code == 2 and "name the translations to check" in nothing.stderr

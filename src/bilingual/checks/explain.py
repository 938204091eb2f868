"""``bilingual check --explain RULE``: what a rule checks, why, and what it says on a bad and a good example.

The examples are each rule's own (``Rule.bad``/``Rule.good``), checked for real against
:data:`EXAMPLE_GLOSSARY`, so the text shown is exactly what the rule reports.
"""

from __future__ import annotations

import difflib
import functools
from typing import TYPE_CHECKING

from ..errors import BilingualError
from .registry import Example, Rule
from .rules import RULES

if TYPE_CHECKING:
    from ..glossary.schema import Glossary
    from .model import Violation

#: The glossary the examples are checked with: a few terms of glossary/ml.yaml.
EXAMPLE_GLOSSARY = """\
terms:
  - en: paper
    zh: 论文
    ja: 論文
    forbidden: {zh: [报纸], ja: [新聞]}
    unambiguous: true
  - en: mask
    zh: 掩码
    ja: マスク
    accepted: {zh: [遮罩]}
  - en: transformer
    keep: true
  - en: PyTorch
    keep: true
    case_sensitive: true
"""


@functools.cache
def example_glossary() -> Glossary:
    from ..glossary.load import parse_text
    from ..glossary.schema import Glossary

    terms, errors = parse_text(EXAMPLE_GLOSSARY, "<example glossary>")
    assert not errors, errors
    return Glossary(tuple(terms), ("<example glossary>",))


def run_example(rule: Rule, example: Example) -> list[Violation]:
    """What ``rule`` reports on ``example``."""
    from .runner import check_text

    found = check_text(example.target, example.lang, example.source, example_glossary(), path="example")
    return [v for v in found if v.rule == rule.name]


def explain(name: str) -> str:
    """The explanation of rule ``name``; a :class:`BilingualError` naming the rules if there is none."""
    from .report import describe

    rule = RULES.get(name)
    if rule is None:
        close = difflib.get_close_matches(name, list(RULES), n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        raise BilingualError(f"unknown rule {name!r}; {hint}rules: {', '.join(RULES)}")
    needs = "needs the English source" if rule.needs_source else "runs with or without the English source"
    lines = [f"{rule.name} ({rule.severity}; {needs})", "", rule.summary, "", rule.description]
    for label, example in (("Bad", rule.bad), ("Good", rule.good)):
        if example is None:
            continue
        lines += ["", f"{label} ({example.lang}):"]
        if example.source is not None:
            lines += ["  source:", *(f"    {line}" for line in example.source.rstrip("\n").split("\n"))]
        lines += ["  translation:", *(f"    {line}" for line in example.target.rstrip("\n").split("\n"))]
        found = run_example(rule, example)
        lines += [f"  → {v.severity} {v.rule}: {describe(v)}" for v in found] or ["  → nothing to report"]
    return "\n".join(lines)

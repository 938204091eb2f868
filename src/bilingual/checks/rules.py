"""The reviewer's rules, in the order they are reported: one small function each, whose docstring is the message.

A rule takes a :class:`~.model.Pair` (a target block and its source block, with their units
paired) and the run's :class:`~.registry.Context`, and yields :class:`~.model.Finding` values. The
runner places each finding in the file and turns it into a :class:`~.model.Violation`. Rules that
need a source (``needs_source``) run only when the check has one. The rules live in
:mod:`.term_rules` (glossary), :mod:`.source_rules` and :mod:`.number_rules` (what must survive translation),
:mod:`.structure_rules`, :mod:`.omission` (truncated sentences), :mod:`.markup_rules` and
:mod:`.span_rules` and :mod:`.leak_rules` (the coverage ledger); the ``consistency`` rule, which reads a whole document or archive, in
:mod:`.consistency`.
"""

from __future__ import annotations

from . import (consistency, leak_rules, markup_rules, number_rules, omission, source_rules, span_rules, structure_rules,
               term_rules)
from .registry import Context, Example, Rule, rule, rule_of

#: Every rule, in the order its findings are reported (a new rule is added here, in its place).
RULES: dict[str, Rule] = {
    r.name: r
    for r in map(rule_of, (
        term_rules.forbidden_term, term_rules.missing_term, term_rules.keep_term, source_rules.link, source_rules.code,
        structure_rules.structure, source_rules.html, number_rules.number, omission.omission, markup_rules.markup,
        span_rules.markup_span, leak_rules.untranslated_source, source_rules.untranslated, consistency.consistency,
    ))
}
#: The rules' names in that order.
ORDER = tuple(RULES)

#: One problem, one finding: a rule's finding in a unit where the rule named here already reported is the
#: same problem said twice (an English sentence inside a unit that is all English, untranslated).
SAME_PROBLEM: dict[str, str] = {"untranslated": "untranslated-source"}

#: The rules that run on one pair at a time (consistency reads whole documents instead).
PAIR_RULES = tuple(r for r in RULES.values() if r.name != "consistency")

__all__ = ["ORDER", "PAIR_RULES", "RULES", "SAME_PROBLEM", "Context", "Example", "Rule", "consistency", "leak_rules", "markup_rules", "number_rules", "omission", "rule", "rule_of", "span_rules",
           "source_rules", "structure_rules", "term_rules"]

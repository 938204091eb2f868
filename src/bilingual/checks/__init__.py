"""The reviewer's check: rules over a zh/ja edition or PO file, with or without its English source.

``check_paths(paths, lang, source, glossary) -> CheckResult`` runs every rule of :data:`RULES`
over the editions under ``paths``; :mod:`.report` formats the result as text, JSON or SARIF and
:mod:`.annotate` writes PO comments. Nothing in this package prints or writes files.
"""

from __future__ import annotations

from .model import CheckResult, Finding, Pair, UnitPair, Violation
from .rules import RULES, Context, Rule
from .runner import check_markdown, check_paths, check_po, check_text, find_targets

__all__ = [
    "RULES",
    "CheckResult",
    "Context",
    "Finding",
    "Pair",
    "Rule",
    "UnitPair",
    "Violation",
    "check_markdown",
    "check_paths",
    "check_po",
    "check_text",
    "find_targets",
]

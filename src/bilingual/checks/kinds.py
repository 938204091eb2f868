"""The kind of a finding, for measuring the reviewer's precision class by class.

A finding's kind is its rule, which sides it names (``both`` a text found and one expected,
``found`` only — something the translation has that the source does not —, ``expected`` only —
something missing —, or ``none``), where it sits (``cell`` a table cell, ``heading``, ``item`` in
a list, ``text`` elsewhere) and the severity its rule gave it: ``code/found/text/error`` is a code
span the translation adds to a paragraph. ``benchmarks/bench_kinds.py`` pools the hand labels by
kind across projects (issue #23, round 10).
"""

from __future__ import annotations

from .model import Finding, Pair, Severity


def kind_of(rule: str, finding: Finding, pair: Pair | None, severity: Severity) -> str:
    """The kind of a finding: ``rule/sides/place/severity``."""
    sides = ("both" if finding.found and finding.expected else "found" if finding.found
             else "expected" if finding.expected else "none")
    return f"{rule}/{sides}/{_place(finding, pair)}/{severity}"


def _place(finding: Finding, pair: Pair | None) -> str:
    """Where a finding sits: ``cell`` (a table cell), ``heading``, ``item`` (in a list) or ``text``."""
    if finding.unit is not None and finding.unit.kind in ("cell", "heading"):
        return finding.unit.kind
    block = None if pair is None else pair.target or pair.source
    if block is None:
        return "text"
    if block.kind == "row":
        return "cell"
    if block.kind == "heading":
        return "heading"
    return "item" if "list" in block.containers else "text"

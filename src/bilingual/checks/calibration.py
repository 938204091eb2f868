"""Severity graded by pooled evidence: a kind of finding that reviewers found wrong too often is info.

Every finding has a *kind*: its rule, which sides it names (``both`` a text found and one
expected, ``found`` only — something the translation has that the source does not —,
``expected`` only — something missing —, or ``none``), where it sits (``cell`` a table cell,
``heading``, ``item`` in a list, ``text`` elsewhere), and the severity its rule gave it (a rule that
grades its own confidence, as ``omission`` does, keeps those grades apart):
``code/found/text/error`` is a code span the translation adds to a paragraph.

``data/calibration.json`` holds, for each kind, how many of its errors and warnings reviewers
labelled on public translations and how many of those were real problems. It is made by
``benchmarks/calibrate.py`` from the committed labels (``benchmarks/labels/``), never by hand,
and a test makes sure it still says what the labels say. A kind with at least ``minimum``
labels and a pooled precision below ``threshold`` is reported as info, with that evidence in
its message: the reviewer still sees it, and a CI gate (``--fail-on``) no longer fails on a
kind of finding that is wrong more often than the goal allows. Kinds with too few labels keep
their rule's severity, and so do the glossary's rules (``POLICY_RULES``), which enforce what the
user's glossary says rather than guess.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from .model import Finding, Pair, Severity


@dataclass(frozen=True)
class Evidence:
    """What the labels say about one kind of finding."""

    labelled: int
    real: int

    @property
    def precision(self) -> float:
        return self.real / self.labelled if self.labelled else 1.0


@dataclass(frozen=True)
class Calibration:
    """The pooled evidence per kind, and the rule that turns it into a grade."""

    kinds: dict[str, Evidence]
    threshold: float
    minimum: int
    projects: int

    def demoted(self, kind: str) -> Evidence | None:
        """The evidence that grades ``kind`` as info, or None when its rule's severity stands."""
        evidence = self.kinds.get(kind)
        if evidence is None or evidence.labelled < self.minimum or evidence.precision >= self.threshold:
            return None
        return evidence


def kind_of(rule: str, finding: Finding, pair: Pair | None, severity: Severity) -> str:
    """The kind of a finding: ``rule/sides/place/severity`` (see the module's docstring)."""
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


def parse(data: dict) -> Calibration:
    """The calibration a ``calibration.json`` document describes."""
    kinds = {k: Evidence(int(v["labelled"]), int(v["real"])) for k, v in data["kinds"].items()}
    return Calibration(kinds, float(data["threshold"]), int(data["minimum"]), int(data["projects"]))


@functools.cache
def calibration() -> Calibration:
    """The calibration shipped with bilingual (read once, on first use)."""
    text = resources.files("bilingual").joinpath("data", "calibration.json").read_text(encoding="utf-8")
    return parse(json.loads(text))


#: The glossary's rules apply the user's own policy (a term must, or must not, be rendered so): their
#: findings are what the glossary asks for, and how often a glossary fits a text is the glossary's
#: business (sense-aware entries, ``glossary lint``), not evidence pooled over other projects.
POLICY_RULES = frozenset({"forbidden-term", "missing-term", "keep-term"})


def calibrated(kind: str) -> bool:
    """Whether findings of ``kind`` are graded by the pooled evidence (every rule but the glossary's)."""
    return kind.split("/", 1)[0] not in POLICY_RULES


def grade(kind: str, severity: Severity) -> tuple[Severity, str]:
    """The severity a finding of ``kind`` is reported with, and the note its message ends with ("" if none)."""
    if severity == "info" or not calibrated(kind):
        return severity, ""
    table = calibration()
    evidence = table.demoted(kind)
    if evidence is None:
        return severity, ""
    return "info", (f" (graded info, not {severity}: of {evidence.labelled} findings of this kind ({kind}) that "
                    f"reviewers labelled in {table.projects} public translations, {evidence.real} were real problems)")

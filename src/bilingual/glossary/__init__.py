"""The domain glossary: load and validate YAML, match terms, enforce them around an engine.

>>> from bilingual.glossary import load_glossary, enforce
>>> glossary = load_glossary(["glossary"])           # doctest: +SKIP
>>> results = enforce(texts, engine, "en", "zh", glossary)  # doctest: +SKIP
"""

from __future__ import annotations

from .load import LintError, find_files, lint, load_glossary
from .mask import EnforcedResult, Masked, Restored, Slot, enforce, mask, restore
from .matcher import Match, Matcher, TargetMatch
from .schema import LANGUAGES, Glossary, Term

__all__ = [
    "LANGUAGES",
    "EnforcedResult",
    "Glossary",
    "LintError",
    "Masked",
    "Match",
    "Matcher",
    "Restored",
    "Slot",
    "TargetMatch",
    "Term",
    "enforce",
    "find_files",
    "lint",
    "load_glossary",
    "mask",
    "restore",
]

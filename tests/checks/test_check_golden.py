"""Golden check outputs beside their inputs (as mdpo keeps ``x.md`` → ``x.expect.zh.md``): for
every real translation in tests/fixtures/real (community translations of the diffusers docs and
the Vue guide; licences in that folder's README), ``check`` with glossary/ml.yaml must print
exactly ``check.expect.txt`` in the same folder.

A change to the rules shows up here as a diff of real findings, to be read and kept on purpose:
``BILINGUAL_UPDATE_GOLDEN=1 pytest tests/checks/test_check_golden.py`` writes the new outputs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilingual.checks import check_paths
from bilingual.checks.report import FORMATS
from bilingual.glossary.load import load_glossary
from conftest import ROOT

REAL = ROOT / "tests" / "fixtures" / "real"
CASES = sorted(p.parent for p in REAL.glob("*/*/en.md"))
ML = load_glossary([ROOT / "glossary" / "ml.yaml"])


def rendered(folder: Path) -> str:
    """``check FOLDER`` as text, with file names relative to the fixtures folder."""
    text = FORMATS["text"](check_paths([folder], glossary=ML))
    return text.replace(str(REAL) + os.sep, "") + "\n"


@pytest.mark.parametrize("folder", CASES, ids=[str(c.relative_to(REAL)) for c in CASES])
def test_check_prints_the_golden_output(folder: Path):
    golden = folder / "check.expect.txt"
    got = rendered(folder)
    if os.environ.get("BILINGUAL_UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert golden.is_file(), f"no {golden.name}: run with BILINGUAL_UPDATE_GOLDEN=1 and read what it wrote"
    assert got == golden.read_text(encoding="utf-8")


def test_there_are_golden_cases():
    assert len(CASES) >= 10

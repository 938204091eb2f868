"""The first real case: the seed's Chinese edition of Akira's ML News #24, checked target-only.

The fixture is a copy of the seed translation (project material). It must report the
forbidden renderings (报纸 for "paper", 九头蛇 for Hydra, 闪电 for Lightning), the altered
"py torch", the broken bold runs and the empty link texts, each on its own line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilingual.checks import check_paths
from bilingual.glossary.load import load_glossary

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "check" / "seed-akira-24.zh.md"
LINES = SEED.read_text(encoding="utf-8").split("\n")
GLOSSARIES = {
    "fixture": ROOT / "tests" / "fixtures" / "check" / "glossary.yaml",
    "ml.yaml": ROOT / "glossary" / "ml.yaml",
}
STAR_LINES = [42, 44, 50, 52, 54, 56, 58, 64, 66, 68, 74, 76, 78, 80, 82, 84, 85, 87, 89, 91, 92, 94, 96, 98, 99, 101,
              103, 105, 106, 108, 110, 111, 113, 115, 117, 118, 120, 122, 124, 126, 127, 129, 131, 137, 139, 141, 143,
              145, 151, 153, 155, 157, 169]
EMPTY_LINK_LINES = [42, 44, 56, 58, 68, 94, 131, 145, 157]


@pytest.fixture(scope="module", params=sorted(GLOSSARIES))
def violations(request):
    path = GLOSSARIES[request.param]
    if not path.is_file():
        pytest.skip(f"{path.relative_to(ROOT)} is not there yet")
    return check_paths([SEED], "zh", None, load_glossary([path])).violations


@pytest.mark.parametrize(
    ("text", "lines"),
    [("报纸", [17, 27, 78]), ("九头蛇", [143, 147]), ("闪电", [143, 147]), ("py torch", [145, 151])],
)
def test_seed_reports_each_wrong_term_on_its_line(violations, text, lines):
    hits = [v for v in violations if v.rule in ("forbidden-term", "keep-term") and text in (v.found or "").lower()]
    assert [v.line for v in hits] == lines
    assert all(v.severity == "error" and v.term for v in hits)


def test_seed_reports_the_broken_bold_runs(violations):
    runs = [v for v in violations if v.rule == "markup" and re.fullmatch(r"\*{4,}", v.found or "")]
    assert sorted({v.line for v in runs}) == STAR_LINES
    assert STAR_LINES == sorted({n for n, line in enumerate(LINES, start=1) if re.search(r"\*{4,}", line)})


def test_seed_reports_the_empty_link_texts(violations):
    empty = [v for v in violations if v.rule == "markup" and (v.found or "").startswith("[](")]
    assert sorted({v.line for v in empty}) == EMPTY_LINK_LINES
    assert len(empty) == sum(len(re.findall(r"(?<!!)\[\]\(", line)) for line in LINES)


def test_every_column_points_at_the_text_found(violations):
    placed = [v for v in violations if v.rule in ("forbidden-term", "keep-term", "markup")]
    assert placed and all(LINES[v.line - 1][v.column - 1 :].startswith(v.found) for v in placed)


def test_target_only_runs_no_rule_that_needs_the_source(violations):
    assert {v.rule for v in violations} <= {"forbidden-term", "keep-term", "markup"}
    assert all(v.segment is None for v in violations)

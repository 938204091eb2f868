"""``check --baseline`` over a year of real edits (tests/fixtures/baseline_replay: four projects' pages at two
commits a year apart). What a gate adopted at the first commit says at the second must follow from the
edits alone: a finding is new only where the line it stands on, or the problem on it, is not one the
baseline accepted; and a baseline written from a run accepts all of that run."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from bilingual.checks.baseline import apply_baseline, load_baseline, write_baseline
from bilingual.checks.runner import check_paths
from bilingual.glossary.load import glossary_for_run

REPLAY = FIXTURES / "baseline_replay"
PROJECTS = sorted(p.name for p in REPLAY.iterdir() if p.is_dir())


def _pages(project: str, when: str, into: Path) -> Path:
    for page in sorted((REPLAY / project).iterdir()):
        if page.is_dir():
            shutil.copytree(page / when, into / page.name)
    return into


@pytest.fixture(scope="module")
def glossary():
    return glossary_for_run([ROOT / "glossary"], False)


def _line(violation) -> str:
    """The text of the finding's line, read here on its own (not with the baseline's code), as a digest."""
    lines = Path(violation.file).read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = lines[violation.line - 1] if 0 < violation.line <= len(lines) else ""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


@pytest.mark.parametrize("project", PROJECTS)
def test_a_finding_is_new_only_where_the_year_changed_its_line_or_its_problem(tmp_path, glossary, project):
    before = check_paths([_pages(project, "before", tmp_path / "before")], None, None, glossary)
    accepted = Counter((Path(v.file).relative_to(tmp_path / "before").as_posix(), v.rule, v.term, v.found, v.expected,
                        _line(v)) for v in before.violations)
    write_baseline(tmp_path / "baseline.json", before)
    shutil.rmtree(tmp_path / "before")
    after = check_paths([_pages(project, "after", tmp_path / "before")], None, None, glossary)  # the same paths, a year on
    gated = apply_baseline(after, load_baseline(tmp_path / "baseline.json"))
    assert len(gated.violations) + len(gated.accepted) == len(after.violations)
    twins = Counter((Path(v.file).relative_to(tmp_path / "before").as_posix(), v.rule, v.term, v.found, v.expected, _line(v))
                    for v in gated.accepted)
    assert twins <= accepted  # each accepted finding had its twin a year before: same file, problem and line text
    for v in gated.violations:
        key = (Path(v.file).relative_to(tmp_path / "before").as_posix(), v.rule, v.term, v.found, v.expected, _line(v))
        assert accepted[key] < sum(1 for w in after.violations if (w.file, w.rule, w.term, w.found, w.expected, _line(w))
                                   == (v.file, v.rule, v.term, v.found, v.expected, _line(v))), v


@pytest.mark.parametrize("project", PROJECTS)
def test_a_baseline_accepts_every_finding_of_the_run_it_was_written_from(tmp_path, glossary, project):
    result = check_paths([_pages(project, "after", tmp_path / "pages")], None, None, glossary)
    write_baseline(tmp_path / "baseline.json", result)
    gated = apply_baseline(result, load_baseline(tmp_path / "baseline.json"))
    assert (gated.violations, len(gated.accepted)) == ((), len(result.violations))

"""Shared fixtures: paths into the repository and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# In CI, property tests run a fixed set of examples, so a run's result does not depend on luck.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ISSUE = ROOT / "issues" / "024"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def sample_issue(tmp_path: Path) -> Path:
    """A private copy of issues/024 holding only its English source."""
    target = tmp_path / "024"
    target.mkdir()
    shutil.copy(SAMPLE_ISSUE / "en.md", target / "en.md")
    return target


@pytest.fixture(autouse=True)
def _private_stamp_cache(tmp_path_factory, monkeypatch):
    """Runs record skip-stamps under BILINGUAL_CACHE_DIR: keep them out of the user's ~/.cache."""
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path_factory.mktemp("stamps")))


def write_issue(tmp_path: Path, editions) -> Path:
    """An issue folder ``024`` holding the sample en.md and the given editions as ``<lang>.md``."""
    folder = tmp_path / "024"
    folder.mkdir()
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    for edition in editions:
        (folder / f"{edition.lang}.md").write_text(edition.markdown, encoding="utf-8")
    return folder

"""Shared fixtures: a private home for the whole session, paths into the repository, a CLI runner."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
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
REAL_HOME = Path.home()
SESSION_HOME = Path(tempfile.mkdtemp(prefix="bilingual-tests-"))
#: Every variable a cache or data folder is derived from, pointed into SESSION_HOME.
PRIVATE_DIRS = {
    "HOME": "home",
    "XDG_CACHE_HOME": "home/.cache",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_STATE_HOME": "home/.local/state",
    "BILINGUAL_CACHE_DIR": "home/.cache/bilingual",
    "ARGOS_PACKAGES_DIR": "home/.local/share/argos-translate/packages",
}


def pytest_configure(config: pytest.Config) -> None:
    """Before any test module is imported or any fixture runs, move home and every cache and data
    folder into a temporary folder, so no test (nor a process it starts) reads or writes the user's."""
    for name, relative in PRIVATE_DIRS.items():
        folder = SESSION_HOME / relative
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)
    # A shell without job control starts a background command with Ctrl-C ignored (`cmd &` in a
    # script), and an ignored signal stays ignored in every process it starts: the interrupt tests
    # need Ctrl-C to stop a process as it does in a terminal, so the suite restores that first.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SESSION_HOME, ignore_errors=True)


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
def _private_stamp_cache(monkeypatch):
    """Each test records its skip-stamps in a fresh folder of the private home, so tests never share them."""
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", tempfile.mkdtemp(prefix="stamps-", dir=SESSION_HOME))


def write_issue(tmp_path: Path, editions) -> Path:
    """An issue folder ``024`` holding the sample en.md and the given editions as ``<lang>.md``."""
    folder = tmp_path / "024"
    folder.mkdir()
    shutil.copy(SAMPLE_ISSUE / "en.md", folder / "en.md")
    for edition in editions:
        (folder / f"{edition.lang}.md").write_text(edition.markdown, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _msgfmt_checks_every_po_file_a_test_writes(tmp_path: Path):
    """After each test, ``msgfmt --check`` every PO file bilingual wrote under its temporary folder.

    A file bilingual itself refuses to read is one the test broke on purpose, and is left out.
    """
    yield
    if shutil.which("msgfmt") is None:
        return
    from bilingual.errors import BilingualError
    from bilingual.memory.po import read_catalog

    for path in sorted(tmp_path.rglob("*.po")):
        if not path.is_file():  # a pipe or device a test put there on purpose is never read
            continue
        try:
            if b"X-Generator: bilingual" not in path.read_bytes() or read_catalog(path) is None:
                continue
        except (BilingualError, OSError):
            continue
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"msgfmt --check {path}: {result.stderr}"

"""An interrupted run leaves every PO file and edition as it was or complete, and no temporary file.

Real ``bilingual translate`` processes are stopped while the engine works (Ctrl-C, ``kill``,
``kill -9``). Interrupts at points spread over the whole run, the write phase included, are in
``test_kill_harness.py``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from slow_engine import SLOW_CLI
from test_memory_incremental import CountingEngine, run

BIN = Path(sys.executable).parent / "bilingual"
ISSUES = ("021", "022", "023")
TEXT = "# Issue {n}\n\nThe first sentence of issue {n}. The second sentence.\n\nA paragraph about *models* and data.\n"
EPOCH = "1700000000"  # the same PO-Revision-Date in every run of a test



@pytest.fixture
def archive(tmp_path: Path, monkeypatch) -> Path:
    """Three translated issues whose sources then changed: the next run rewrites every file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "issues"
    for n in ISSUES:
        (root / n).mkdir(parents=True)
        (root / n / "en.md").write_text(TEXT.format(n=n), encoding="utf-8")
    run(root, langs=("zh", "ja"))
    for n in ISSUES:
        (root / n / "en.md").write_text(TEXT.format(n=n).replace("The second sentence.", "A new second sentence."), encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def complete_version(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What an uninterrupted run with the same engine output writes."""
    copy = tmp_path / "complete" / "issues"
    shutil.copytree(root, copy)
    run(copy, PseudoSlow(), langs=("zh", "ja"))
    return snapshot(copy)


class PseudoSlow(CountingEngine):
    """In-process twin of the hidden ``slow`` engine: same output and signature, no sleeping."""

    def signature(self, source: str, target: str) -> str:
        return "slow:test"

    def translate(self, texts, source, target):
        from bilingual.engines.pseudo import pseudo

        return [pseudo(t) for t in texts]


def assert_old_or_complete(root: Path, before: dict[str, bytes], complete: dict[str, bytes]) -> int:
    """Every file is byte-identical to its old or its complete version; return how many are new."""
    # a lock file a kill -9 leaves is taken over and removed by the next run (test_run_concurrency.py)
    after = {name: data for name, data in snapshot(root).items() if not name.endswith(".bilingual.lock")}
    leftovers = [name for name in after if name.endswith(".tmp") or "/." in "/" + name]
    assert leftovers == [], f"temporary files left behind: {leftovers}"
    assert set(after) <= set(complete)
    for name, data in after.items():
        assert data in (before.get(name), complete[name]), f"{name} is neither the old nor the complete version"
    return sum(1 for name, data in after.items() if data != before.get(name))


def start(root: Path, tmp_path: Path, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """Start a run and return once it is where ``env`` says to pause (its marker file exists)."""
    marker = tmp_path / "marker"
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "BILINGUAL_SLOW_SECONDS": "60", **env}
    environment["BILINGUAL_SLOW_MARKER"] = str(marker)
    proc = subprocess.Popen(
        [*args, "translate", str(root), "--engine", "slow", "--no-glossary"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before it was interrupted: {proc.communicate()}")
        assert time.monotonic() < deadline, "the run never reached the point to interrupt"
        time.sleep(0.05)
    return proc


@pytest.mark.parametrize(
    ("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 130), (signal.SIGHUP, 130), (signal.SIGKILL, -signal.SIGKILL)]
)
def test_interrupt_while_the_engine_runs_changes_nothing(archive, tmp_path, sig, code):
    before = snapshot(archive)
    complete = complete_version(archive, tmp_path)
    proc = start(archive, tmp_path, SLOW_CLI, {})
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert assert_old_or_complete(archive, before, complete) == 0
    if sig != signal.SIGKILL:
        assert b"interrupted" in err


def test_po_files_are_written_before_editions_and_stamps_last(archive, tmp_path, monkeypatch):
    order: list[str] = []
    real = os.replace

    def record(src, dst):
        order.append(Path(dst).suffix)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", record)
    run(archive, PseudoSlow(), langs=("zh", "ja"))
    assert order[:12] == [".po"] * 6 + [".md"] * 6  # PO files, then editions
    assert sorted(set(order[12:-3])) == [".html", ".md", ".tmx"] and len(order) == 12 + 15 + 3  # aligned views, reports
    assert order[-3:] == [".json"] * 3  # the stamps of unchanged documents last

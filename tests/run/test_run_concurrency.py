"""Concurrent edits and concurrent runs: a run never replaces a file that changed after it read it,
and two runs on one issue folder never interleave. Real processes, real file edits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from slow_engine import SLOW_CLI

BIN = Path(sys.executable).parent / "bilingual"
SOURCE = "# Weekly\n\nThe first sentence. The second sentence.\n\nA paragraph about data.\n"
CHANGED = SOURCE.replace("The second sentence.", "A new second sentence.")


def translate(folder: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    environment = {**os.environ, "BILINGUAL_SLOW_SECONDS": "0", **(env or {})}
    return subprocess.Popen(
        [*SLOW_CLI, "translate", str(folder), "--engine", "slow", "--no-glossary", *extra],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for(path: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached the engine"
        time.sleep(0.02)


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    proc = translate(folder)
    assert proc.wait(60) == 0, proc.communicate()
    (folder / "en.md").write_text(CHANGED, encoding="utf-8")  # the next run has work to do
    return folder


def approve_in_an_editor(po_path: Path, msgid: str, msgstr: str) -> None:
    po = polib.pofile(str(po_path), wrapwidth=78)
    entry = next(e for e in po if e.msgid == msgid)
    entry.msgstr, entry.flags = msgstr, [f for f in entry.flags if f != "fuzzy"]
    po.save()


def test_a_po_file_saved_during_the_run_is_not_overwritten_and_nothing_is_written(issue, tmp_path):
    marker, gate = tmp_path / "in-engine", tmp_path / "go-on"
    proc = translate(issue, env={"BILINGUAL_SLOW_MARKER": str(marker), "BILINGUAL_SLOW_GATE": str(gate)})
    wait_for(marker, proc)
    before = {p.name: p.read_bytes() for p in issue.iterdir() if p.is_file() and p.name not in ("zh.po", ".bilingual.lock")}
    approve_in_an_editor(issue / "zh.po", "The first sentence.", "人工译的第一句。")
    edited = (issue / "zh.po").read_bytes()
    gate.touch()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, err
    assert err.strip().splitlines()[-1].endswith("zh.po changed during the run; nothing was written; run again")
    assert (issue / "zh.po").read_bytes() == edited
    after = {p.name: p.read_bytes() for p in issue.iterdir() if p.is_file() and p.name not in ("zh.po", ".bilingual.lock")}
    assert after == before  # ja.po, the editions and the views too: nothing was written
    again = translate(issue)
    assert again.wait(60) == 0, again.communicate()
    assert "msgstr \"人工译的第一句。\"" in (issue / "zh.po").read_text(encoding="utf-8")


def test_a_second_run_on_the_same_issue_is_refused_and_told_who_holds_it(issue, tmp_path):
    marker, gate = tmp_path / "in-engine", tmp_path / "go-on"
    first = translate(issue, env={"BILINGUAL_SLOW_MARKER": str(marker), "BILINGUAL_SLOW_GATE": str(gate)})
    wait_for(marker, first)
    second = translate(issue)
    _, err = second.communicate(timeout=60)
    gate.touch()
    assert first.wait(60) == 0, first.communicate()
    assert second.returncode == 3, err
    assert f"being translated by another run (PID {first.pid} on {socket.gethostname()}" in err
    assert not (issue / ".bilingual.lock").exists()


def test_a_lock_left_by_a_killed_run_is_taken_over(issue, tmp_path):
    marker = tmp_path / "in-engine"
    proc = translate(issue, env={"BILINGUAL_SLOW_MARKER": str(marker), "BILINGUAL_SLOW_GATE": str(tmp_path / "never")})
    wait_for(marker, proc)
    assert f'"pid": {proc.pid}' in (issue / ".bilingual.lock").read_text(encoding="utf-8")
    proc.kill()
    proc.wait(60)
    assert (issue / ".bilingual.lock").exists()  # a kill -9 cannot clean up
    again = translate(issue)
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert not (issue / ".bilingual.lock").exists()

"""Every command in README.md runs as written from a fresh clone.

The README's ``bash`` code blocks are parsed, not copied here, so a command another change adds
or edits is run too. They run in order (later examples use what earlier ones wrote) in a copy
of the repository's files with ``.venv`` pointing at the installed one. ``./bootstrap`` and the
test command are what ``.ci/run`` runs; a command that needs the network is run against an
address that refuses connections and must fail the documented way: one line, exit 2.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```bash\n(.*?)^```", re.S | re.M)
SETUP = ("./bootstrap", ".venv/bin/python -m pytest")
#: exit codes a command may end with as documented: check and diff report findings with 1
ALLOWED = {"check": {0, 1}, "diff": {0, 1}}


def readme_commands() -> list[str]:
    commands = []
    for block in BLOCK.findall(README):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command and not command.startswith("#"):
                commands.append(command)
    return commands


COMMANDS = readme_commands()


def test_the_readme_has_commands_for_each_job():
    assert any(c.startswith("./bootstrap") for c in COMMANDS)
    for job in ("translate", "check", "publish", "align", "diff", "evaluate", "segment", "status"):
        assert any(c.startswith(f".venv/bin/bilingual {job} ") for c in COMMANDS), job


def test_setup_commands_are_the_ones_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert all(setup in ci for setup in SETUP)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The repository's files as a fresh clone has them (tracked and new, not ignored ones)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode().split("\0")
    target = tmp_path_factory.mktemp("clone")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(Path(sys.prefix))
    return target


def isolated(command: str, scratch: Path) -> str:
    """``command`` with every path under /tmp moved under ``scratch``: the test never writes or removes
    what a reader who ran the README's examples has in /tmp (nor what another test run has there)."""
    return re.sub(r"(?<![\w/])/tmp/", f"{scratch}/", command)


def test_readme_commands_write_nothing_into_the_shared_tmp(tmp_path):
    for command in COMMANDS:
        assert "/tmp/" not in isolated(command, tmp_path).replace(str(tmp_path), ""), command


def test_every_readme_command_runs_as_written(clone, tmp_path):
    env = {
        **os.environ,
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/index.json",  # nothing listens: "needs network" fails fast
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos-packages"),
    }
    before = _files(clone)
    ran = 0
    for command in COMMANDS:
        if command.startswith(SETUP):
            continue
        result = subprocess.run(["bash", "-c", isolated(command, tmp_path)], cwd=clone, env=env, capture_output=True,
                                text=True, timeout=300)
        words = shlex.split(command)
        job = words[1] if len(words) > 1 else ""
        if "needs network" in _comment_of(command):
            assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, (command, result.stderr)
            assert "cannot reach" in result.stderr, (command, result.stderr)
        else:
            assert result.returncode in ALLOWED.get(job, {0}), (command, result.returncode, result.stdout[-2000:], result.stderr)
        ran += 1
    assert ran >= 12
    new = sorted(_files(clone) - before)
    assert new, "the README's commands write the site and a SARIF log"
    ignored = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], cwd=ROOT, input="\n".join(new),
                             capture_output=True, text=True).stdout.split()
    assert sorted(set(new) - set(ignored)) == []  # what the examples write never shows up in `git status`


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and ".venv" not in p.parts}


def _comment_of(command: str) -> str:
    line = next(line for block in BLOCK.findall(README) for line in block.splitlines() if line.strip().startswith(command))
    return line.split("#", 1)[1] if "#" in line else ""

"""``./bootstrap``: where torch comes from, and what the first run shows a newcomer.

The script runs for real in a scratch folder whose ``.venv/bin/python`` and ``bilingual`` are
stand-ins that record how they were called (the reachability probe of the torch index runs in
the real Python, against a local HTTP server or a closed port).
"""

from __future__ import annotations

import http.server
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

STUB_PYTHON = """#!/usr/bin/env bash
echo "python $*" >> "$BOOTSTRAP_LOG"
case "$1" in
  -) shift; exec "$REAL_PYTHON" - "$@" ;;
  -m) exit 0 ;;
  *) exit 1 ;;
esac
"""
STUB_BILINGUAL = """#!/usr/bin/env bash
echo "bilingual $*" >> "$BOOTSTRAP_LOG"
echo "bilingual 0.1.0"
"""


def _executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def sandbox(tmp_path) -> Path:
    shutil.copy(ROOT / "bootstrap", tmp_path / "bootstrap")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    _executable(bin_dir / "python", STUB_PYTHON)
    _executable(bin_dir / "bilingual", STUB_BILINGUAL)
    tools = tmp_path / "tools"
    tools.mkdir()
    _executable(tools / "id", "#!/bin/sh\necho 1000\n")  # not root: no apt-get
    return tmp_path


def _run(sandbox: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = sandbox / "calls.log"
    log.unlink(missing_ok=True)
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TORCH_")},
        "PATH": f"{sandbox / 'tools'}:{os.environ['PATH']}",
        "BOOTSTRAP_LOG": str(log),
        "REAL_PYTHON": sys.executable,
        **env,
    }
    result = subprocess.run(["bash", str(sandbox / "bootstrap"), *args], env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result, log.read_text(encoding="utf-8").splitlines()


def _torch_install(calls: list[str]) -> str:
    (line,) = [c for c in calls if c.startswith("python -m pip install") and "torch" in c]
    return line


@pytest.fixture
def cpu_index() -> Iterator[str]:
    """A local wheel index that answers for /torch/."""

    class Index(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200 if self.path.rstrip("/") == "/whl/cpu/torch" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/whl/cpu"
    server.shutdown()


def test_torch_comes_from_the_cpu_index_when_it_answers(sandbox, cpu_index):
    result, calls = _run(sandbox, "--no-demo", TORCH_INDEX=cpu_index)
    assert _torch_install(calls) == f"python -m pip install -q --index-url {cpu_index} torch==2.13.0"
    assert f"installing torch==2.13.0 from {cpu_index}" in result.stdout


def test_torch_falls_back_to_the_default_index_when_the_cpu_index_cannot_be_reached(sandbox):
    closed = "http://127.0.0.1:9/whl/cpu"  # the discard port: nothing listens
    result, calls = _run(sandbox, "--no-demo", TORCH_INDEX=closed)
    assert _torch_install(calls) == "python -m pip install -q torch==2.13.0"
    assert f"{closed} cannot be reached; installing torch==2.13.0 from the default index instead" in result.stdout


def test_the_default_cpu_index_is_pytorchs(sandbox):
    text = (ROOT / "bootstrap").read_text(encoding="utf-8")
    assert 'TORCH_INDEX=${TORCH_INDEX:-https://download.pytorch.org/whl/cpu}' in text


def test_cuda_users_choose_the_default_index_or_their_own(sandbox, cpu_index):
    _, calls = _run(sandbox, "--no-demo", TORCH_INDEX="default", TORCH_SPEC="torch==2.13.0")
    assert _torch_install(calls) == "python -m pip install -q torch==2.13.0"
    assert not any(c.startswith("python - ") for c in calls)  # no probe
    _, calls = _run(sandbox, "--no-demo", TORCH_INDEX=cpu_index, TORCH_SPEC="torch>=2.13")
    assert _torch_install(calls).endswith(f"--index-url {cpu_index} torch>=2.13")


def test_the_first_run_publishes_the_site_and_says_where_to_look(sandbox, cpu_index):
    result, calls = _run(sandbox, TORCH_INDEX=cpu_index)
    assert [c for c in calls if c.startswith("bilingual ") and "--version" not in c] == [
        "bilingual translate issues/024 --to zh,ja",
        "bilingual publish issues --out site",
    ]
    last = result.stdout.strip().splitlines()[-1]
    assert last == f"bootstrap: done. Open site/index.html in a browser: file://{sandbox}/site/index.html"
    assert "wrote issues/024/zh.md" not in result.stdout  # no message claims what a run did not do


def test_no_demo_installs_only(sandbox, cpu_index):
    result, calls = _run(sandbox, "--no-demo", TORCH_INDEX=cpu_index)
    assert not any(c.startswith("bilingual translate") or c.startswith("bilingual publish") for c in calls)
    assert "site/index.html" not in result.stdout

"""What a killed install leaves behind is removed by the next ``models`` command, judged by PID, not age."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest_argos import ArgosEnv, argos_env, fake_package, metadata  # noqa: F401 (fixtures)
from hostile_servers import LIFETIME_S, Hostile, drip_body, hostile, index_of  # noqa: F401 (fixtures)
from typer.testing import CliRunner

from bilingual.cli.models import app as models_app
from bilingual.packages import clean_stale, install_file


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _leftovers(packages: Path, pid: int) -> list[Path]:
    made = [
        packages / f".bilingual-install-{pid}-abc123",
        packages / f".bilingual-old-{pid}-0123456789ab",
        packages / f".bilingual-removed-{pid}-0123456789ab",
    ]
    for folder in made:
        (folder / "model").mkdir(parents=True)
        (folder / "model" / "model.bin").write_bytes(b"half a model")
    download = packages / f".bilingual-download-{pid}-xyz.argosmodel"
    download.write_bytes(b"PK half")
    return [*made, download]


@pytest.mark.parametrize("command", [["list"], ["remove", "en", "ja"], ["install", "PACKAGE"]])
def test_the_next_models_command_removes_leftovers_of_a_dead_process(argos_env: ArgosEnv, command: list[str]) -> None:
    leftovers = _leftovers(argos_env.packages, _dead_pid())  # made just now: age does not matter
    args = [str(fake_package(argos_env.root)) if arg == "PACKAGE" else arg for arg in command]

    CliRunner().invoke(models_app, args)

    assert not [path for path in leftovers if path.exists()]


def test_leftovers_of_a_running_process_are_kept(argos_env: ArgosEnv) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = _leftovers(argos_env.packages, sleeper.pid)
        ours = _leftovers(argos_env.packages, os.getpid())
        assert clean_stale(argos_env.packages) == []
        assert all(path.exists() for path in theirs + ours)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert sorted(clean_stale(argos_env.packages)) == sorted(theirs)
    assert all(path.exists() for path in ours)


def test_names_without_a_pid_are_stale(argos_env: ArgosEnv) -> None:
    legacy = argos_env.packages / ".bilingual-install-k3j2h1"  # bilingual 0.1.0 named them so
    legacy.mkdir()
    other = argos_env.packages / ".hidden-by-someone-else"
    other.mkdir()
    assert clean_stale(argos_env.packages) == [legacy]
    assert other.exists()


def test_installed_packages_are_never_touched(argos_env: ArgosEnv) -> None:
    install_file(fake_package(argos_env.root))
    before = sorted(p.name for p in argos_env.packages.iterdir())
    assert clean_stale(argos_env.packages) == []
    assert sorted(p.name for p in argos_env.packages.iterdir()) == before


def test_an_install_killed_mid_download_is_cleaned_up_by_the_next_command(
    argos_env: ArgosEnv, hostile  # noqa: ANN001
) -> None:
    server: Hostile = hostile({
        "index.json": index_of(lambda s: [{**metadata(), "links": [s.url("p.argosmodel")]}]),
        "p.argosmodel": drip_body(),
    })
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(argos_env.packages), "ARGOS_PACKAGE_INDEX": server.base}
    child = subprocess.Popen(
        [sys.executable, "-c", "from bilingual.cli import main; main()", "models", "install", "--index", "zh",
         "--timeout", str(LIFETIME_S * 2)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        appeared = threading.Event()

        def look() -> None:
            while child.poll() is None and not appeared.is_set():
                if list(argos_env.packages.glob(f".bilingual-download-{child.pid}-*")):
                    appeared.set()
                    return
                server.stopped.wait(0.05)

        watcher = threading.Thread(target=look, daemon=True)
        watcher.start()
        watcher.join(LIFETIME_S)
        assert appeared.is_set(), "the install never started its download"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        appeared.set()
    assert list(argos_env.packages.glob(".bilingual-*"))  # the kill left its download behind

    result = CliRunner().invoke(models_app, ["list"])

    assert result.exit_code == 0
    assert list(argos_env.packages.iterdir()) == []

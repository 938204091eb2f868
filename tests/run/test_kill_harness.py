"""The kill harness: a run on a large input is stopped by SIGINT, SIGTERM or SIGKILL at 20 points
spread over it, from reading the sources to the last rename. After each stop every file is
byte-identical to its old version or to its complete new one, and after the next run no temporary
file (nor lock) is left and the PO files and editions are the complete new ones.

The points are events of the run (a document parsed, an engine batch, a file fsynced, a file
renamed), counted in an uninterrupted run first; the signals take turns. Each stopped run is a
forked child of the test process (a real process that receives a real signal, without paying for
Python's start-up each time).
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from bilingual.cli import app
from conftest import FIXTURES

POINTS = 20
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
DOCUMENTS = ("vue/components-props", "vue/essentials-watchers", "diffusers/optimization-fp16")
EPOCH = "1700000000"
ARGS = ["translate", "--engine", "pseudo", "--no-glossary"]
BATCH_BYTES = 40_000  # two batches (two issue folders, then one): a stop between batches is one of the points


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return [name for name in snapshot(root) if name.endswith(".tmp") or name.endswith(".bilingual.lock")]


def events(counter: list[int], stop_at: int | None, sig: int) -> None:
    """Count the run's events; at event ``stop_at``, send ``sig`` to this very process."""
    import tempfile

    import bilingual.document.markdown
    import bilingual.run.pipeline

    def counted(real):
        def wrapper(*args, **kwargs):
            counter[0] += 1
            if counter[0] == stop_at:
                os.kill(os.getpid(), sig)
            return real(*args, **kwargs)

        return wrapper

    os.replace, os.fsync = counted(os.replace), counted(os.fsync)
    tempfile.mkstemp = counted(tempfile.mkstemp)
    bilingual.document.markdown.parse = counted(bilingual.document.markdown.parse)
    bilingual.run.pipeline._submit = counted(bilingual.run.pipeline._submit)  # each call handed to the engine


def run_in_child(root: Path, stop_at: int | None, sig: int = signal.SIGINT) -> tuple[int, int]:
    """Run ``bilingual translate root`` in a forked child; (exit status, events counted)."""
    count_file = root.parent / "events"
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            import bilingual.run.archive

            bilingual.run.archive.BATCH_BYTES = BATCH_BYTES
            counter = [0]
            events(counter, stop_at, sig)
            try:
                code = app([*ARGS[:1], str(root), *ARGS[1:]], standalone_mode=False) or 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException as exc:  # noqa: BLE001
                code = getattr(exc, "exit_code", 130 if isinstance(exc, KeyboardInterrupt) else 1)
            count_file.write_text(str(counter[0]))
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    counted = int(count_file.read_text()) if count_file.exists() else 0
    count_file.unlink(missing_ok=True)
    return status, counted


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """An archive translated once whose sources then changed; its files before and after a complete run.

    Every run of the module (the forked children too) has the same revision date and no stamps.
    """
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        env.setenv("BILINGUAL_CACHE_DIR", "off")
        yield _archive(tmp_path_factory)


def _archive(tmp_path_factory) -> tuple[Path, dict[str, bytes], dict[str, bytes], int]:
    base = tmp_path_factory.mktemp("kill")
    root = base / "start" / "issues"
    for name in DOCUMENTS:
        folder = root / name.split("/")[1]
        folder.mkdir(parents=True)
        shutil.copy(FIXTURES / "real" / name / "en.md", folder / "en.md")
    status, _ = run_in_child(root, None)
    assert status == 0
    for source in root.glob("*/en.md"):  # every paragraph's last sentence changes: every file is rewritten
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace(".\n\n", ". Changed.\n\n"), encoding="utf-8")
    old = snapshot(root)
    complete = base / "complete" / "issues"
    shutil.copytree(root, complete)
    status, total = run_in_child(complete, None)
    assert status == 0 and total > POINTS * 2
    return root, old, snapshot(complete), total


def stop_points(total: int) -> list[int]:
    return [1 + round(k * (total - 1) / (POINTS - 1)) for k in range(POINTS)]


@pytest.mark.parametrize("point", range(POINTS))
def test_a_run_stopped_anywhere_leaves_old_or_complete_files_and_the_next_run_finishes(archive, tmp_path, point):
    start, old, complete, total = archive
    sig = SIGNALS[point % len(SIGNALS)]
    root = tmp_path / "issues"
    shutil.copytree(start, root)
    status, _ = run_in_child(root, stop_points(total)[point], sig)
    if sig == signal.SIGKILL:
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    else:
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 130
    after = snapshot(root)
    for name, data in after.items():
        if name.endswith(".tmp") or name.endswith(".bilingual.lock"):
            assert sig == signal.SIGKILL, f"{name} left behind by {sig.name}"
            continue
        assert name in complete, f"{name} is not a file the run writes"
        assert data in (old.get(name), complete[name]), f"{name} is neither the old nor the complete version"
    status, _ = run_in_child(root, None)
    assert status == 0
    assert leftovers(root) == []
    final = snapshot(root)
    for name, data in complete.items():
        if name.endswith((".po", "zh.md", "ja.md")):
            assert final[name] == data, f"{name} differs from the complete run's"

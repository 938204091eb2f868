"""The write phase is two-phase across every file of a run: stage every temporary (fsync), check
every target, then rename. A failure before the first rename leaves every file as it was, and no
temporary file of ours survives, not even one a killed run left behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.errors import BilingualError
from test_memory_incremental import SOURCE, run

CHANGED = SOURCE.replace("It may become popular.", "It may become very popular.")


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    folder = tmp_path / "issues" / "024"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(SOURCE, encoding="utf-8")
    run(folder, langs=("zh", "ja"))
    (folder / "en.md").write_text(CHANGED, encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_an_output_that_cannot_be_written_leaves_every_file_as_it_was(issue, runner):
    (issue / "ja.md").unlink()
    (issue / "ja.md").mkdir()
    before = files(issue)
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2, result.output
    assert "ja.md" in result.output and "folder" in result.output
    assert files(issue) == before


def test_a_full_disk_while_staging_leaves_every_file_as_it_was_and_no_temporary(issue, monkeypatch):
    before = files(issue)
    real, calls = os.fsync, [0]

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(BilingualError, match="No space left"):
        run(issue, langs=("zh", "ja"))
    assert files(issue) == before


@pytest.mark.parametrize(
    "name",
    [".zh.po.k2j4h5g6.tmp", ".ja.md.x_y1z2w3.tmp", ".zh.po.999999-abcd1234.bilingual.tmp", ".aligned.html.l0k9j8h7.tmp"],
)
def test_a_temporary_left_by_an_earlier_run_is_removed_by_the_next(issue, runner, name):
    (issue / name).write_bytes(b"partial")
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    assert not (issue / name).exists()


@pytest.mark.parametrize("name", [".notes.tmp", ".zh.po.swp", "draft.tmp"])
def test_other_peoples_hidden_files_are_left_alone(issue, runner, name):
    (issue / name).write_bytes(b"mine")
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 0, result.output
    assert (issue / name).read_bytes() == b"mine"


# -- each output is staged as soon as it is made (#26): a run holds one output at a time ----------------

OUTPUTS = [("bilingual.render.aligned", "aligned_markdown_parts"), ("bilingual.render.aligned", "aligned_html_parts"),
           ("bilingual.render.tmx", "tmx_parts"), ("bilingual.render.report", "report_markdown_parts"),
           ("bilingual.render.report", "report_html_parts")]


def temporaries(folder: Path) -> set[str]:
    """The targets whose temporaries are in ``folder`` (``.zh.po.<pid>-<random>.bilingual.tmp`` → ``zh.po``)."""
    return {p.name[1:].rsplit(".", 3)[0] for p in folder.iterdir() if p.name.endswith(".bilingual.tmp")}


@pytest.mark.parametrize(("module", "name"), OUTPUTS)
def test_each_output_is_staged_before_the_next_is_made_and_a_failure_leaves_nothing(issue, runner, monkeypatch, module, name):
    import importlib

    target = importlib.import_module(module)
    before = files(issue)
    seen: list[set[str]] = []

    def failing(*args, **kwargs):
        seen.append(temporaries(issue))
        raise MemoryError("the view could not be made")

    monkeypatch.setattr(target, name, failing)
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--no-glossary"])
    assert result.exit_code == 2 and "out of memory" in result.output, result.output
    # the PO files and editions were on disk, staged, before any view was made
    assert seen and {"zh.po", "ja.po", "zh.md", "ja.md"} <= seen[0]
    assert files(issue) == before  # and the failure renamed none of them
    assert temporaries(issue) == set()


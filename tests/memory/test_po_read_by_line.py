"""Every command reads a PO file line by line, never whole (#26): a 20 MB issue's PO file is 90 MB, and
360 MB as one Python string when it holds one emoji; the catalog is what is kept, not the text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bilingual.storage as storage
from bilingual.cli import app
from conftest import ROOT


@pytest.mark.parametrize("command", [
    ["translate", "issues/024", "--engine", "pseudo"],
    ["status", "issues"],
    ["check", "issues/024"],
    ["align", "issues/024"],
], ids=["translate", "status", "check", "align"])
def test_no_command_reads_a_po_file_whole(tmp_path: Path, runner, monkeypatch, command):
    shutil.copytree(ROOT / "issues", tmp_path / "issues")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    whole: list[Path] = []
    read = storage.read_bytes

    def recording(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if Path(path).suffix == ".po":
            whole.append(Path(path))
        return read(path, *args, **kwargs)

    monkeypatch.setattr(storage, "read_bytes", recording)
    result = runner.invoke(app, command)
    assert result.exit_code in (0, 1), result.output
    assert whole == []

"""``storage.Staging``: files staged one at a time as a run makes them, renamed all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilingual.errors import ConcurrentEditError
from bilingual.storage import Staging, version, version_of


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "zh.po").write_text("old po\n", encoding="utf-8")
    (tmp_path / "zh.md").write_text("old edition\n", encoding="utf-8")
    return tmp_path


def test_a_file_is_on_disk_as_a_temporary_once_added_and_in_place_once_committed(folder):
    with Staging() as staging:
        assert staging.add(folder / "zh.po", "new po\n") is True
        [tmp] = [p for p in folder.iterdir() if p.name.endswith(".bilingual.tmp")]
        assert tmp.read_text(encoding="utf-8") == "new po\n"
        assert (folder / "zh.po").read_text(encoding="utf-8") == "old po\n"
        assert staging.commit() == [folder / "zh.po"]
    assert files(folder) == {"zh.md": b"old edition\n", "zh.po": b"new po\n"}


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError, MemoryError])
def test_leaving_without_a_commit_renames_nothing_and_leaves_no_temporary(folder, error):
    before = files(folder)
    with pytest.raises(error), Staging() as staging:
        staging.add(folder / "zh.po", "new po\n")
        staging.add(folder / "aligned.html", "<p>new</p>\n")
        raise error()
    assert files(folder) == before


def test_a_target_changed_since_it_was_read_stops_the_commit_and_nothing_is_written(folder):
    before_po = version(folder / "zh.po")
    with Staging() as staging:
        staging.add(folder / "zh.md", "new edition\n", version(folder / "zh.md"))
        staging.add(folder / "zh.po", "new po\n", before_po)
        (folder / "zh.po").write_text("saved in Poedit meanwhile\n", encoding="utf-8")
        with pytest.raises(ConcurrentEditError, match="zh.po changed during the run"):
            staging.commit()
    assert files(folder) == {"zh.md": b"old edition\n", "zh.po": b"saved in Poedit meanwhile\n"}


def test_an_unchanged_file_is_not_staged_and_keeps_its_timestamp(folder):
    os.utime(folder / "zh.po", (1_000_000, 1_000_000))
    with Staging() as staging:
        assert staging.add(folder / "zh.po", "old po\n") is False
        assert not staging.changes(folder / "zh.po") and staging.version(folder / "zh.po") == version(folder / "zh.po")
        assert staging.commit() == []
    assert (folder / "zh.po").stat().st_mtime == 1_000_000


@pytest.mark.parametrize("order", [("view", "edition", "po"), ("edition", "po", "view"), ("po", "view", "edition")])
def test_renames_go_by_rank_whatever_the_order_files_were_made_in(folder, monkeypatch, order):
    names = {"po": ("zh.po", 0), "edition": ("zh.md", 1), "view": ("aligned.md", 2)}
    renamed: list[str] = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (renamed.append(Path(dst).name), real(src, dst)))
    with Staging() as staging:
        for kind in order:
            name, rank = names[kind]
            staging.add(folder / name, f"new {kind}\n", rank=rank)
        staging.commit()
    assert renamed == ["zh.po", "zh.md", "aligned.md"]


@pytest.mark.parametrize("pieces", [["new ", "po\n"], ["old po\n"], ["old ", "", "po\n"], []])
def test_pieces_are_staged_as_they_come_and_equal_the_text_they_make(folder, pieces):
    with Staging() as staging:
        changed = staging.add(folder / "zh.po", iter(pieces))
        assert changed == ("".join(pieces) != "old po\n")
        assert staging.version(folder / "zh.po") == version_of("".join(pieces).encode("utf-8"))
        staging.commit()
    assert (folder / "zh.po").read_text(encoding="utf-8") == "".join(pieces)
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failure_while_pieces_are_made_leaves_the_target_and_no_temporary(folder):
    def pieces():
        yield "half a "
        raise MemoryError("the page could not be made")

    with pytest.raises(MemoryError), Staging() as staging:
        staging.add(folder / "zh.md", "new edition\n")
        staging.add(folder / "zh.po", pieces())
    assert files(folder) == {"zh.md": b"old edition\n", "zh.po": b"old po\n"}


@pytest.mark.parametrize("text", ["a\r\nb\r\n", "a\rb", "\ufeffa\nb", "标题\r\n"])
def test_a_staged_text_reads_back_as_it_was_given(folder, text):
    """Line ends and a BOM included: what the views' check reads back is what the run made."""
    with Staging() as staging:
        staging.add(folder / "zh.md", text)
        assert staging.staged_text(folder / "zh.md") == text

"""A page staged piece by piece is encoded, written and hashed in runs of many pieces, not once per
piece (#26: a 2 MB issue's views are over a million template pieces), and the file and its version
are what the pieces make, whatever their sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual import storage
from bilingual.storage import RUN_CHARS, Staging, version, version_of


@pytest.fixture
def chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each chunk the staging hands to its temporary file."""
    seen: list[int] = []
    stage = storage._stage

    def counting(path, data, digest=None):
        def each():
            for chunk in (data,) if isinstance(data, bytes) else data:
                seen.append(len(chunk))
                yield chunk
        return stage(path, each(), digest)

    monkeypatch.setattr(storage, "_stage", counting)
    return seen


@pytest.mark.parametrize("piece", ["<td>", "a", "中文", "x" * 1000])
def test_small_pieces_are_written_in_runs_not_one_by_one(tmp_path: Path, chunks: list[int], piece: str):
    count = 4 * RUN_CHARS // len(piece) + 3
    with Staging() as staging:
        assert staging.add(tmp_path / "aligned.html", (piece for _ in range(count)))
        staging.commit()
    assert (tmp_path / "aligned.html").read_text(encoding="utf-8") == piece * count
    assert len(chunks) <= 5 < count


@pytest.mark.parametrize("size", [RUN_CHARS - 1, RUN_CHARS, RUN_CHARS + 1])
def test_a_piece_larger_than_a_run_is_written_whole(tmp_path: Path, chunks: list[int], size: int):
    with Staging() as staging:
        staging.add(tmp_path / "report.html", iter(["b", "a" * size, "c"]))
        staging.commit()
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "b" + "a" * size + "c"
    assert sum(chunks) == size + 2 and len(chunks) <= 2


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.text(max_size=300), max_size=400))
def test_what_the_pieces_make_is_the_file_and_its_version(tmp_path_factory: pytest.TempPathFactory, pieces: list[str]):
    folder = tmp_path_factory.mktemp("runs")
    target = folder / "page.html"
    target.write_bytes(b"old")
    data = "".join(pieces).encode("utf-8")
    with Staging() as staging:
        changed = staging.add(target, iter(pieces))
        assert staging.version(target) == version_of(data)
        staging.commit()
    assert changed == (data != b"old")
    assert target.read_bytes() == data and version(target) == version_of(data)

"""A run over an archive works in batches of whole issue folders, so its memory is bounded by a
batch (at least the largest document), not by the archive; the files are the same either way."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from bilingual.engines.pseudo import PseudoEngine
from bilingual.run import RunOptions, batches, translate_archive
from bilingual.layout import find_jobs

TEXT = "# Issue {n}\n\n" + "".join(f"Sentence {{n}}.{k} says something about models. " for k in range(40)) + "\n"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "issues"
    for n in range(1, 7):
        (root / f"{n:03}").mkdir(parents=True)
        (root / f"{n:03}" / "en.md").write_text(TEXT.format(n=n), encoding="utf-8")
    (root / "notes").mkdir()
    for name in ("a.md", "b.md"):  # two plain files share one folder: they are never split
        (root / "notes" / name).write_text(TEXT.format(n=name), encoding="utf-8")
    return root


def test_batches_hold_whole_folders_within_the_budget(archive):
    jobs = find_jobs([archive])
    size = len(TEXT.format(n="001").encode())
    parts = batches(jobs, None, budget=2 * size + 10)
    assert [len(p) for p in parts] == [2, 2, 2, 2]
    assert [j.source.name for j in parts[-1]] == ["a.md", "b.md"]
    assert [j for p in parts for j in p] == jobs
    assert [len(p) for p in batches(jobs, None, budget=1)] == [1, 1, 1, 1, 1, 1, 2]  # a folder over the budget is one batch


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_batched_and_unbatched_runs_write_the_same_files(archive, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    other = tmp_path / "copy" / "issues"
    shutil.copytree(archive, other)
    one = translate_archive(find_jobs([archive]), RunOptions(PseudoEngine(), ("zh", "ja"), batch_bytes=10**9))
    many = translate_archive(find_jobs([other]), RunOptions(PseudoEngine(), ("zh", "ja"), batch_bytes=1))
    assert (one.batches, many.batches) == (1, 7)
    assert snapshot(archive) == snapshot(other)
    assert one.total("engine") == many.total("engine")


def test_a_batch_is_released_before_the_next_is_parsed(archive, monkeypatch):
    import bilingual.document.markdown

    real = bilingual.document.markdown.parse
    alive: list[weakref.ref] = []
    peak = [0]

    def parse(text, path="<string>"):
        gc.collect()
        peak[0] = max(peak[0], sum(1 for ref in alive if ref() is not None))
        doc = real(text, path)
        alive.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(bilingual.document.markdown, "parse", parse)
    translate_archive(find_jobs([archive]), RunOptions(PseudoEngine(), ("zh",), batch_bytes=1))
    # each of the 8 sources is parsed once, and each edition once more when check's findings go into its views
    # (#23); only the batch being translated is alive: at most the two files of notes/ (their editions are
    # checked against them while both are in memory), never a document of an earlier batch
    assert len(alive) == 16 and peak[0] <= 2


def test_the_archive_memory_is_parsed_once_per_run_not_once_per_batch(archive, monkeypatch):
    """Each batch offers the archive's approved work; the PO files behind it are parsed about once
    per run (again only when a batch rewrote them), not once per batch, and never kept parsed."""
    import bilingual.memory.store as store

    translate_archive(find_jobs([archive]), RunOptions(PseudoEngine(), ("zh",), batch_bytes=1))  # every issue gets a zh.po
    (archive / "007" / "en.md").parent.mkdir()
    (archive / "007" / "en.md").write_text(TEXT.format(n=7), encoding="utf-8")
    (archive / "008").mkdir()
    (archive / "008" / "en.md").write_text(TEXT.format(n=8), encoding="utf-8")
    scanned: list[Path] = []
    real = store.read_catalog
    monkeypatch.setattr(store, "read_catalog", lambda path: scanned.append(Path(path)) or real(path))
    summary = translate_archive(find_jobs([archive / "007", archive / "008"]), RunOptions(PseudoEngine(), ("zh",), batch_bytes=1))
    assert summary.batches == 2
    siblings = [p for p in scanned if p.parent.name not in ("007", "008")]
    assert sorted(siblings) == sorted(archive.glob("00[1-6]/zh.po"))  # six siblings, each parsed once for two batches


def test_the_run_glossary_keeps_nothing_of_a_batch_after_it(archive):
    """The glossary lives for the whole run; the terms found in a batch's sentences must not, or
    an archive's memory grows with every issue (#15: 40 KB an issue at 1,000 issues)."""
    from bilingual.glossary import Glossary, Term
    from bilingual.glossary.matcher import Match

    glossary = Glossary((Term("model", {"zh": ("模型",), "ja": ("モデル",)}),))
    summary = translate_archive(find_jobs([archive]), RunOptions(PseudoEngine(), ("zh", "ja"), glossary, batch_bytes=1))
    assert summary.batches == 7 and (archive / "001" / "zh.po").read_text(encoding="utf-8").count("glossary: model") == 40
    gc.collect()
    assert sum(type(o) is Match for o in gc.get_objects()) == 0

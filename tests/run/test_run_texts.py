"""The check a run makes for its views reads each staged edition and PO file back only when it checks
it (#26): the texts of every language's edition and PO file are not all held at once (a 2 MB issue's
PO files are 9 MB each on disk, several times that as Python text).

Deterministic: what is observed is which texts read back are still reachable, not process memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from staged_reads import translate_recording_reads

from bilingual.run.views import RunTexts
from bilingual.storage import Staging


class Counted(Staging):
    """A staging that counts what is read back from its temporaries."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: list[Path] = []

    def staged_text(self, path: Path) -> str | None:
        self.reads.append(Path(path))
        return super().staged_text(path)


@pytest.fixture
def staged(tmp_path: Path):
    with Counted() as staging:
        for lang in ("zh", "ja"):
            staging.add(tmp_path / f"{lang}.po", f"msgid \"a\"\nmsgstr \"{lang}\"\n")
            staging.add(tmp_path / f"{lang}.md", f"# {lang}\n")
        yield staging, tmp_path


@pytest.mark.parametrize("look", [len, list, bool, lambda t: Path("zh.md") in t, lambda t: Path("nope.po") in t])
def test_looking_at_the_run_texts_reads_no_file(staged, look):
    staging, folder = staged
    texts = RunTexts([folder / "zh.md", folder / "zh.po", folder / "ja.po"], staging)
    look(texts)
    assert (folder / "zh.po") in texts and staging.reads == []


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_a_staged_edition_is_read_back_when_asked_for_each_time_and_only_it(staged, lang):
    staging, folder = staged
    texts = RunTexts([folder / "zh.md", folder / "ja.md"], staging)
    assert texts[folder / f"{lang}.md"] == f"# {lang}\n"
    assert texts[folder / f"{lang}.md"] == texts[folder / f"{lang}.md"]
    assert staging.reads == [folder / f"{lang}.md"] * 3


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_a_staged_po_file_is_given_as_the_file_that_holds_it_and_never_read_back(staged, lang):
    """``check`` reads a PO file line by line from its file (a 20 MB issue's is 360 MB as one Python string)."""
    staging, folder = staged
    held = RunTexts([folder / "zh.po", folder / "ja.po"], staging)[folder / f"{lang}.po"]
    assert isinstance(held, Path) and held != folder / f"{lang}.po"
    assert held.read_text(encoding="utf-8") == f"msgid \"a\"\nmsgstr \"{lang}\"\n"
    assert staging.reads == []


def test_a_po_file_the_run_leaves_as_it_is_is_given_as_itself(staged):
    staging, folder = staged
    (folder / "de.po").write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    assert RunTexts([folder / "de.po"], staging)[folder / "de.po"] == folder / "de.po"


@pytest.mark.parametrize("text", ["# Title\n\nText.\n", "\ufeff# Title\r\n\r\nText.\r\n", "# 标题\n\n正文。"])
def test_a_file_the_run_left_holding_its_text_is_read_as_it_is(staged, text):
    """An edition the run made the same as the file it found is not staged: it is read from the file, byte for byte."""
    staging, folder = staged
    (folder / "de.md").write_bytes(text.encode("utf-8"))
    assert staging.add(folder / "de.md", text) is False
    assert RunTexts([folder / "de.md"], staging)[folder / "de.md"] == text


def test_a_path_not_given_is_not_there(staged):
    staging, folder = staged
    texts = RunTexts([folder / "zh.md"], staging)
    with pytest.raises(KeyError):
        texts[folder / "ja.md"]
    assert dict(texts) == {folder / "zh.md": "# zh\n"}


def test_a_run_holds_one_staged_text_at_a_time_while_it_checks_for_its_views(tmp_path):
    issue = tmp_path / "issues" / "001"
    issue.mkdir(parents=True)
    (issue / "en.md").write_text("# Title\n\nThe model learns *fast* on [the data](https://example.com/).\n\n"
                                 "- One point about the batch.\n- Another point about the **layer**.\n", encoding="utf-8")
    # at each read back: how many texts read back before the one just before it are still reachable (check's
    # loop over the files names the text it checked last until it has the next one)
    held = [sum(earlier[:-1]) for earlier in translate_recording_reads(issue)]
    assert len(held) == 2, held  # both editions were read back for the views' findings (PO files are read from their files)
    assert held == [0, 0]
    assert {p.name for p in issue.iterdir()} >= {"zh.po", "ja.po", "report.md", "aligned.html"}

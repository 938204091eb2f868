"""A source sentence holding a character Python counts as a line boundary (U+2028 LINE SEPARATOR,
U+2029, NEL, form feed, the information separators) round-trips through its PO file.

PO lines end at ``\\n`` only (gettext, ``msgfmt``); polib writes such a character raw, cutting the
string there, and reading a PO text with ``str.splitlines`` then broke the entry: before the fix,
``Hello\\u2028world`` came back as the obsolete ``Hellworld``, every run sent the sentence to the
engine again, and a person's approved translation of it was lost at the next run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.cli import app
from bilingual.memory.po import read_catalog
from bilingual.pofile import parse_pofile

BOUNDARIES = {"line-separator": "\u2028", "paragraph-separator": "\u2029", "nel": "\u0085", "form-feed": "\x0c",
              "vertical-tab": "\x0b", "file-separator": "\x1c", "record-separator": "\x1e"}


@pytest.fixture(params=list(BOUNDARIES.values()), ids=list(BOUNDARIES))
def issue(request, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", "off")
    folder = tmp_path / "issues" / "001"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(f"# Notes\n\nHello{request.param}world, and the model learns fast.\n\n"
                                  "A second paragraph stays as it is.\n", encoding="utf-8")
    return folder


def _translate(runner, issue: Path) -> str:
    result = runner.invoke(app, ["translate", str(issue), "--engine", "pseudo", "--to", "zh", "--no-glossary"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_second_run_sends_nothing_and_makes_nothing_obsolete(runner, issue):
    _translate(runner, issue)
    before = (issue / "zh.po").read_bytes()
    output = _translate(runner, issue)
    assert "0 sentence(s) sent" in output
    assert (issue / "zh.po").read_bytes() == before
    assert not [e for e in read_catalog(issue / "zh.po").entries if e.obsolete]


def test_an_approved_translation_of_the_sentence_survives_the_next_run(runner, issue):
    _translate(runner, issue)
    po = issue / "zh.po"
    text = po.read_text(encoding="utf-8")
    sentence = next(e for e in parse_pofile(text, po) if e.msgid.startswith("Hello"))
    human = "你好，世界：模型学得很快。"
    catalog = parse_pofile(text, po)
    entry = next(e for e in catalog if e.msgid == sentence.msgid)
    entry.msgstr = human
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    catalog.save(str(po))
    approved_before = {e.msgid: e.msgstr for e in read_catalog(po).active if e.approved}
    assert approved_before.get(sentence.msgid) == human, "the test did not approve the entry"
    _translate(runner, issue)
    assert {e.msgid: e.msgstr for e in read_catalog(po).active if e.approved} == approved_before
    assert human in (issue / "zh.md").read_text(encoding="utf-8")


def test_check_reads_the_po_file_and_finds_the_sentence(runner, issue):
    _translate(runner, issue)
    result = runner.invoke(app, ["check", str(issue / "zh.po"), "--no-glossary"])
    assert result.exit_code == 0, result.output
    msgids = [e.msgid for e in parse_pofile((issue / "zh.po").read_text(encoding="utf-8"), "zh.po")]
    assert any(m.startswith("Hello") and "world" in m and len(m) > len("Hello world") for m in msgids), msgids

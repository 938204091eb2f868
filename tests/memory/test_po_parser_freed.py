"""Reading a PO file leaves no reference cycle behind: polib's parser (which holds its own methods in its
table of transitions, and every line of the file it read) is freed as soon as the file is read, by its
reference count, not at the collector's next full pass (#26: a run's check of each document it writes
used to force a collection per PO file to free it, about 5 ms each)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from bilingual.checks.po import read_po
from bilingual.pofile import parse_pofile, parse_pofile_file

PO = """msgid ""
msgstr ""
"Language: zh\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: en.md:3
msgid "The first sentence."
msgstr "第一句。"

#: en.md:5
msgctxt "p2"
msgid "The second sentence."
msgstr "第二句。"
"""


@pytest.fixture
def no_collector():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def po_file(tmp_path: Path) -> Path:
    path = tmp_path / "zh.po"
    path.write_text(PO, encoding="utf-8")
    return path


@pytest.mark.parametrize("read", [
    pytest.param(lambda p: parse_pofile(p.read_text(encoding="utf-8"), p), id="parse_pofile"),
    pytest.param(lambda p: parse_pofile_file(p), id="parse_pofile_file"),
    pytest.param(lambda p: read_po(p, str(p)), id="read_po-file"),
    pytest.param(lambda p: read_po(p.read_text(encoding="utf-8"), str(p)), id="read_po-text"),
])
def test_reading_a_po_file_leaves_nothing_for_the_collector(tmp_path, no_collector, read):
    path = po_file(tmp_path)
    result = read(path)
    assert result  # read, and in hand
    del result
    assert gc.collect() == 0

"""Any text a PO file holds reads back as written, from its text and from its file (hypothesis).

The generator draws whole Unicode text, so the characters Python's ``str.splitlines`` cuts at and a
PO file does not (U+2028, U+2029, NEL, form feed, the information separators) are drawn with the
rest; before the fix, an entry holding one read back broken (``tests/hostile/test_po_line_boundaries.py``).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bilingual.memory.po import Catalog, Entry, _from_polib, parse_catalog, render
from bilingual.pofile import parse_pofile_file

TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
COMMENT = TEXT.map(lambda t: "\n".join(line.strip() for line in t.split("\n") if line.strip()))


def _catalog(entries: list[tuple[str, str, str]]) -> Catalog:
    seen: set[str] = set()
    made = []
    for n, (msgid, msgstr, comment) in enumerate(entries):
        if not msgid or msgid in seen:
            continue
        seen.add(msgid)
        made.append(Entry(msgctxt=f"p{n}.1", msgid=msgid, msgstr=msgstr, flags=("fuzzy",) if n % 2 else (),
                          translator=comment))
    return Catalog((("Language", "zh"), ("Content-Type", "text/plain; charset=UTF-8")), tuple(made))


def _read(entries) -> list[tuple]:
    return [(e.msgctxt, e.msgid, e.msgstr, e.flags, e.translator) for e in entries]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(TEXT, TEXT, COMMENT), min_size=1, max_size=4))
@example([("Hello\u2028world", "你好\u2028世界", "")])
@example([("NEL\u0085here", "x\x1cy\x1dz\x1ew", "a\u2029b")])
def test_every_entry_reads_back_as_written_from_text_and_from_file(tmp_path: Path, entries):
    catalog = _catalog(entries)
    text = render(catalog)
    want = _read(catalog.entries)
    assert _read(parse_catalog(text).entries) == want
    file = tmp_path / "zh.po"
    file.write_bytes(text.encode("utf-8"))
    assert _read(_from_polib(e) for e in parse_pofile_file(file, file)) == want

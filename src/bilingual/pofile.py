"""PO files read strictly: the one path by which every command parses a PO file.

The syntax is checked line by line before polib parses the text (polib accepts unterminated
strings, invalid escapes and duplicate entries that ``msgfmt --check`` rejects), so a broken file
is reported as ``file:line: what to fix`` the same way by translate, status, check, align,
publish, diff and evaluate, and is never half-read and then written over.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import BilingualError, PoFileError

_KEYWORD = re.compile(r'^(?:#~\s*)?(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
_STRING = re.compile(r'^(?:#~\s*)?(".*)$')
_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPES = set("ntr\"\\abfv01234567x")
_BAD_ESCAPE = re.compile(r"\\(.)")
_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")


def read_pofile(path: Path, wrapwidth: int = 78) -> Any:
    """The polib file in ``path``, read line by line (:func:`parse_pofile_file`); raises :class:`PoFileError`
    naming ``path:line`` when it is not valid PO."""
    return parse_pofile_file(Path(path), path, wrapwidth)


def parse_pofile(text: str, path: Path | str = "<po>", wrapwidth: int = 78) -> Any:
    """PO ``text`` parsed with polib after :func:`check_syntax`, with no entry twice."""
    import polib

    check_syntax(text, path)
    return _parse(text.split("\n"), polib.detect_encoding(text), path, wrapwidth)


def parse_pofile_file(file: Path, path: Path | str | None = None, wrapwidth: int = 78) -> Any:
    """The PO file ``file`` parsed as :func:`parse_pofile` parses its text, read line by line: the file is
    never held as one text (a 90 MB PO file of text with one emoji is 360 MB as one Python string).
    Errors name ``path`` (default: ``file``; a run's staged temporary is named for its target)."""
    where = file if path is None else path
    check_syntax_lines(file_lines(file, where), where)
    return _parse(file_lines(file, where), "utf-8", where, wrapwidth)


def file_lines(file: Path, path: Path | str | None = None) -> Iterator[str]:
    """The lines of PO file ``file`` as its text split at ``\\n`` (a BOM dropped), read one at a time and
    refused as :func:`read_pofile` refuses a file (a pipe or device, over the PO limit, not UTF-8)."""
    from .storage import MAX_PO_BYTES, read_lines

    try:
        yield from read_lines(Path(file), MAX_PO_BYTES, expected="a PO file")
    except BilingualError as exc:
        raise PoFileError(exc.message + "; the PO file is left as it is", file if path is None else path,
                          exc.line) from None


def _parse(lines: Iterable[str], encoding: str, path: Path | str, wrapwidth: int) -> Any:
    """polib's parser over ``lines``, with no entry twice.

    PO lines end at ``\\n`` only (gettext, ``msgfmt``); given a text, polib splits it with
    ``str.splitlines``, which also cuts at U+2028, U+2029, NEL, form feeds and the information
    separators that polib writes raw inside strings, and the entry holding one was read broken
    (its sentence sent to the engine again at every run, an approved translation of it lost).
    So polib's parser is given the lines, split at ``\\n`` as its file reader splits a file.
    """
    import polib

    parser = polib._POFileParser("", encoding=encoding, check_for_duplicates=False, klass=None)
    try:
        parser.fhandle = lines  # a list, or a generator (polib closes what is not a list)
        po = parser.parse()
        po.wrapwidth = wrapwidth
    except (OSError, ValueError, UnicodeError) as exc:
        message = str(exc)
        found = _POLIB_LINE.search(message)
        line = int(found.group(1)) if found else None
        detail = found.group(2) if found and found.group(2) else "syntax error"
        raise PoFileError(f"{detail}; fix the PO file (it is not overwritten)", path, line) from None
    finally:
        # The parser holds its own methods (its table of transitions) and the lines it read: a reference
        # cycle, freed only by the collector's next pass. Emptied, it goes as soon as this returns.
        parser.__dict__.clear()
    check_duplicates(po, path)
    return po


_SECOND_HEADER = ('a second header entry (msgid ""): a PO file has one header; merge its lines into the first '
                  "header and remove this one")


def check_syntax(text: str, path: Path | str = "<po>") -> None:
    """Every line is blank, a comment, a keyword with a string, or a continuation string; one header."""
    check_syntax_lines(text.split("\n"), path)


def check_syntax_lines(lines: Iterable[str], path: Path | str = "<po>") -> None:
    """:func:`check_syntax` over the lines of a PO file, read once, in order: a second header is reported
    before any other error, wherever that error is."""
    first_error: PoFileError | None = None
    headers = 0
    in_context = False  # the entry being read has a msgctxt (then an empty msgid is no header)
    header_at: int | None = None  # the line of a msgid "" that is a header if a msgstr follows it
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if header_at is not None:
            if line.startswith("msgstr"):
                headers += 1
                if headers > 1:
                    raise PoFileError(_SECOND_HEADER, path, header_at)
            header_at = None
        if not line:
            in_context = False
        elif line.startswith("msgctxt"):
            in_context = True
        elif line == 'msgid ""' and not in_context:
            header_at = number
        if first_error is None:
            first_error = _line_error(line, number, path)
    if first_error is not None:
        raise first_error


def _line_error(line: str, number: int, path: Path | str) -> PoFileError | None:
    """What is wrong with one stripped line of a PO file (None: nothing)."""
    if not line or (line.startswith("#") and not line.startswith("#~")):
        return None
    body = line.removeprefix("#~").strip() if line.startswith("#~") else line
    if not body or body.startswith("|"):
        return None  # "#~" alone, or "#~|" previous-msgid lines of obsolete entries
    match = _KEYWORD.match(body) or _STRING.match(body)
    if match is None:
        word = body.split()[0][:30]
        return PoFileError(f"syntax error: unexpected '{word}'; fix the PO file (it is not overwritten)", path, number)
    literal = match.group(match.lastindex or 1).rstrip()
    if _LITERAL.fullmatch(literal) is None:
        return PoFileError(
            "syntax error: unterminated string or unescaped double quote; fix the PO file (it is not overwritten)",
            path, number,
        )
    bad = _BAD_ESCAPE.search(literal[1:-1].replace("\\\\", ""))
    if bad and bad.group(1) not in _ESCAPES:
        return PoFileError(f"syntax error: invalid escape \\{bad.group(1)}; fix the PO file", path, number)
    return None


def check_duplicates(po: Any, path: Path | str) -> None:
    """No two active entries share msgctxt and msgid, and there is one header (``msgfmt`` rejects
    either; polib would read the second header as an entry and write both back)."""
    seen: set[tuple[str | None, str]] = set()
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgctxt is None and entry.msgid == "":
            raise PoFileError(_SECOND_HEADER, path, int(entry.linenum or 0) or None)
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            what = f"msgctxt '{entry.msgctxt}' and " if entry.msgctxt is not None else ""
            raise PoFileError(f"duplicate entry: {what}msgid '{entry.msgid[:40]}' occur twice; remove one", path,
                              int(entry.linenum or 0) or None)
        seen.add(key)

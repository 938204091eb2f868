"""PO files read strictly: the one path by which every command parses a PO file.

The syntax is checked line by line before polib parses the text (polib accepts unterminated
strings, invalid escapes and duplicate entries that ``msgfmt --check`` rejects), so a broken file
is reported as ``file:line: what to fix`` the same way by translate, status, check, align,
publish, diff and evaluate, and is never half-read and then written over.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import BilingualError, PoFileError

_KEYWORD = re.compile(r'^(?:#~\s*)?(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
_STRING = re.compile(r'^(?:#~\s*)?(".*)$')
_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPES = set("ntr\"\\abfv01234567x")
_POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")


def read_pofile(path: Path, wrapwidth: int = 78) -> Any:
    """The polib file in ``path``; raises :class:`PoFileError` naming ``path:line`` when it is not valid PO."""
    from .storage import read_text

    try:
        text = read_text(Path(path), expected="a PO file")
    except BilingualError as exc:
        raise PoFileError(exc.message + "; the PO file is left as it is", path, exc.line) from None
    return parse_pofile(text, path, wrapwidth)


def parse_pofile(text: str, path: Path | str = "<po>", wrapwidth: int = 78) -> Any:
    """PO ``text`` parsed with polib after :func:`check_syntax`, with no entry twice."""
    import polib

    check_syntax(text, path)
    try:
        po = polib.pofile(text, wrapwidth=wrapwidth)
    except (OSError, ValueError, UnicodeError) as exc:
        message = str(exc)
        found = _POLIB_LINE.search(message)
        line = int(found.group(1)) if found else None
        detail = found.group(2) if found and found.group(2) else "syntax error"
        raise PoFileError(f"{detail}; fix the PO file (it is not overwritten)", path, line) from None
    check_duplicates(po, path)
    return po


_SECOND_HEADER = ('a second header entry (msgid ""): a PO file has one header; merge its lines into the first '
                  "header and remove this one")


def check_syntax(text: str, path: Path | str = "<po>") -> None:
    """Every line is blank, a comment, a keyword with a string, or a continuation string; one header."""
    headers = _header_lines(text)
    if len(headers) > 1:
        raise PoFileError(_SECOND_HEADER, path, headers[1])
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("#~")):
            continue
        body = line.removeprefix("#~").strip() if line.startswith("#~") else line
        if not body or body.startswith("|"):
            continue  # "#~" alone, or "#~|" previous-msgid lines of obsolete entries
        match = _KEYWORD.match(body) or _STRING.match(body)
        if match is None:
            word = body.split()[0][:30]
            raise PoFileError(f"syntax error: unexpected '{word}'; fix the PO file (it is not overwritten)", path, number)
        literal = match.group(match.lastindex or 1).rstrip()
        found = _LITERAL.fullmatch(literal)
        if found is None:
            raise PoFileError(
                "syntax error: unterminated string or unescaped double quote; fix the PO file (it is not overwritten)",
                path, number,
            )
        bad = re.search(r"\\(.)", literal[1:-1].replace("\\\\", ""))
        if bad and bad.group(1) not in _ESCAPES:
            raise PoFileError(f"syntax error: invalid escape \\{bad.group(1)}; fix the PO file", path, number)


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


def _header_lines(text: str) -> list[int]:
    """The lines of the active entries with an empty msgid and no msgctxt: headers (there may be one)."""
    found: list[int] = []
    lines = text.split("\n")
    entry_has_context = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            entry_has_context = False
        elif line.startswith("msgctxt"):
            entry_has_context = True
        elif line == 'msgid ""' and not entry_has_context:
            following = lines[number].strip() if number < len(lines) else ""
            if following.startswith("msgstr"):
                found.append(number)
    return found

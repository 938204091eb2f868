"""Comparing a code block with its source as code: comments are prose a translator may translate.

:func:`code_lines` drops comments (``//``, ``/* … */``, ``#`` in shell/Python/YAML-like
languages, ``<!-- … -->``) and blank lines, outside string literals, and trims each line, so a
translated comment, or one split over two lines, is not a code change, nor is a translated
message in a string literal (``console.log('the component is now mounted.')``); a changed
identifier, command or value still is.
"""

from __future__ import annotations

import re

from ..languages import FULLWIDTH_ASCII, HAN, KANA

_HASH_LANGS = frozenset({"py", "python", "python3", "sh", "bash", "shell", "zsh", "console", "yaml", "yml", "toml",
                         "ini", "r", "rb", "ruby", "perl", "make", "makefile", "dockerfile", "conf", "text", "txt", ""})
_SLASH_LANGS_EXCLUDED = frozenset({"py", "python", "python3", "sh", "bash", "shell", "zsh", "console", "yaml", "yml",
                                   "toml", "ini"})
_STRING = re.compile(r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)""")


def _lang(info: str) -> str:
    word = info.strip().split()[0] if info.strip() else ""
    return word.strip("{}.").split(":")[0].lower()


def strip_comments(code: str, info: str, marker: str = "") -> str:
    """``code`` with each comment replaced by ``marker`` (string literals are kept as they are)."""
    lang = _lang(info)
    hash_comments = lang in _HASH_LANGS
    slash_comments = lang not in _SLASH_LANGS_EXCLUDED
    out: list[str] = []
    i, n = 0, len(code)
    while i < n:
        ch = code[i]
        if ch in "\"'`" and not (ch == "'" and i and code[i - 1].isalpha()):
            m = _STRING.match(code, i)
            if m:
                literal = m.group(0)
                out.append(literal[0] + PROSE + literal[-1] if marker and _prose(literal[1:-1]) else literal)
                i = m.end()
                continue
        if code.startswith("<!--", i) or (slash_comments and code.startswith("/*", i)):
            close = "-->" if code.startswith("<!--", i) else "*/"
            end = code.find(close, i + 2)
            stop = n if end < 0 else end + len(close)
            out.append(marker + "\n" * code.count("\n", i, stop))  # keep the line numbers
            i = stop
            continue
        if (slash_comments and code.startswith("//", i) and (i == 0 or code[i - 1] != ":")) or (
                hash_comments and ch == "#" and (i == 0 or code[i - 1] in " \t\n") and not code.startswith("#!", i)):
            end = code.find("\n", i)
            i = n if end < 0 else end
            out.append(marker)
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def code_lines(code: str, info: str) -> list[tuple[int, str]]:
    """``(line index, trimmed text)`` of each line that holds code, its trailing comment as ``…``.

    Lines that are only a comment go (a translated comment may take more or fewer lines); a
    comment after code stays as a marker, so adding one where the source has none shows (the code rule grades it info).
    A shell prompt (``$ ``) at the start of a line is not code: one language may show it and the other not.
    """
    lines = strip_comments(code, info, marker=COMMENT).split("\n")  # as many lines as ``code``
    diagram = _lang(info) == "mermaid"
    out = []
    for k, line in enumerate(lines):
        if diagram:
            line = _diagram_line(line)
        text = _PROMPT.sub("", " ".join(line.replace(COMMENT, " " + COMMENT).split()))
        if text.replace(COMMENT, "").strip():
            out.append((k, text))
    return out


#: A shell prompt before a command (``$ kubectl get pods``), which one language may show and the other not.
_PROMPT = re.compile(r"^\$ (?=\S)")


def _diagram_line(line: str) -> str:
    """A Mermaid line with its labels blanked: node text (``A[Agent Binary]``, ``R1("…")``), edge text
    (``-->|push spans|``) and a title are what a reader reads, and a translator translates them;
    node ids, arrows and keywords are the diagram."""
    line = re.sub(r'"[^"\n]*"', '"·"', line)
    line = re.sub(r"\|[^|\n]*\|", "|·|", line)
    line = re.sub(r"^(\s*title\s*:?).*$", r"\1 ·", line)
    before = None
    while before != line:
        before = line
        line = re.sub(r"([\[({])[^\[\](){}]*([\])}])", r"\1·\2", line)
    return line


def _prose(text: str) -> bool:
    """A string literal that holds a message for people (words and spaces, or CJK), which may be translated."""
    if _CJK.search(text):
        return True
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z' ,.!?:-]*", text)) and len(text.split()) >= 2


#: What a comment after code becomes; a message in a string literal becomes PROSE.
PROSE = "\u203b"
_CJK = re.compile(f"[{KANA}{HAN}{FULLWIDTH_ASCII}]")

#: What a comment after code becomes.
COMMENT = "\u2026"

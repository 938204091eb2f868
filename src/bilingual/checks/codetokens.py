"""Two lines of code compared as code tokens, with the natural-language text inside them allowed to change.

A code example carries sample data a translator localises: a string literal (``greeting = "Hello"`` →
``"こんにちは"``), an element's text (``<h1>Hello, world!</h1>`` → ``<h1>你好，世界！</h1>``), a language
tag (``lang="en"`` → ``lang="ja"``). And a line may differ only in how it is written: quote style
(``'x'`` or ``"x"``), spaces (``<slot/>``, ``<slot />``), a trailing ``;``. :func:`same_code` tokenizes both
lines with Pygments (the lexer the fence's language names) and compares the tokens: a difference counts
only where it touches the code itself — identifiers, keywords, tags, attributes, operators, numbers, or a
string or word that looks like a path or a name (``'../A.astro'``, ``src/pages``, ``Astro.props``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from difflib import SequenceMatcher

from ..languages import CJK_PUNCTUATION, FULLWIDTH, HAN, HANGUL, KANA
from .codeblocks import PROSE

#: Fence languages Pygments does not know, read by the lexer of the markup they are written in.
_MARKUP = {"astro": "html", "svelte": "html", "vue-html": "html", "mdx": "markdown", "sh-vue": "bash"}

#: What shows a translation: CJK text, or the mark :mod:`.codeblocks` puts for a message in a string literal.
_TRANSLATED = re.compile(f"[{HAN}{KANA}{HANGUL}{CJK_PUNCTUATION}{FULLWIDTH}{PROSE}]")
_PIECE = re.compile(r""""(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[\w$]+(?:[./\\:@-][\w$]+)*|\S""")
#: A word that is a name or a path, not a word of text: dotted, slashed, snake_case, camelCase, ``$x``.
_NAME_LIKE = re.compile(r"[\w$][./\\:@_][\w$]|[a-z][A-Z]|^\$|^[./~]+\w")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


@functools.lru_cache(maxsize=64)
def _lexer(info: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    name = info.strip().split()[0].strip("{}.").split(",")[0].split("{")[0].lower() if info.strip() else ""
    for candidate in (name, _MARKUP.get(name, "")):
        if candidate:
            try:
                return get_lexer_by_name(candidate, stripnl=False, ensurenl=False)
            except ClassNotFound:
                continue
    return None


_MARKUP_TYPES = re.compile(r"html|xml|markdown|jsx|tsx|rst|plain")


def _markup(lexer) -> bool:
    """Whether a lexer's plain text is text for people (HTML, XML, Markdown, JSX, Vue templates, a ``text`` fence),
    not code that a language leaves unclassified (a shell command's words). A fence with no language or one
    Pygments does not know is read as code, as before."""
    return lexer.name == "Vue" or any(_MARKUP_TYPES.search(m) for m in lexer.mimetypes)


def _tokens(line: str, info: str) -> list[tuple[str, str]]:
    """``(kind, value)`` of each token of ``line``: kind ``code``, ``text`` (words people read) or ``string``
    (a literal, its value without quotes); spaces dropped, and a trailing ``;``."""
    from pygments.token import Comment, Error, Generic, String, Text

    lexer = _lexer(info)
    raw = list(lexer.get_tokens(line)) if lexer is not None else [(Text, line)]
    markup = lexer is not None and _markup(lexer)  # plain text there is what people read, not a command's words
    out: list[tuple[str, str]] = []
    depth = 0
    for kind, value in raw:
        if not value.strip():
            continue
        if kind in String and not kind in String.Interpol and value[:1] in "\"'`" and value[-1:] == value[:1]:
            out.append(("string", value[1:-1]))
            continue
        prose = (kind in Text and markup) or kind in Error or kind in Generic or kind in Comment or kind in String
        for piece in _PIECE.findall(value):
            if piece[:1] in "\"'" and len(piece) >= 2 and piece[-1] == piece[0]:
                out.append(("string", piece[1:-1]))
                continue
            out.append(("text" if prose and depth == 0 else "code", piece))
            if prose:  # text in braces is a template's expression (`{name}`, `{{ count }}`): code
                depth = max(0, depth + (piece == "{") - (piece == "}"))
    if out and out[-1] == ("code", ";") or out and out[-1] == ("text", ";"):
        out.pop()
    return out


def _words(token: tuple[str, str]) -> bool:
    """Whether a source token is words people read (a word, punctuation, a message), not a name or path."""
    kind, value = token
    return kind in ("text", "string") and not _NAME_LIKE.search(value)


def _language_tags(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> bool:
    """``lang="en"`` → ``lang="ja"``: a language tag of the source's language replaced by another one."""
    return (len(a) == len(b) == 1 and a[0][0] == b[0][0] == "string" and _LANGUAGE_TAG.fullmatch(a[0][1]) is not None
            and _LANGUAGE_TAG.fullmatch(b[0][1]) is not None and a[0][1].lower().startswith("en")
            and not b[0][1].lower().startswith("en"))


def same_tokens(a: str, b: str) -> bool:
    """Whether two code spans that are tags are the same HTML tokens, written with other quotes or spaces
    (``<slot name="my-slot"/>`` and ``<slot name="my-slot" />``). Other spans keep their spaces
    (``RewriteBase /`` is not ``RewriteBase/``)."""
    if not (a.lstrip().startswith("<") and b.lstrip().startswith("<")):
        return False
    return [v for _, v in _tokens(a, "html")] == [v for _, v in _tokens(b, "html")]


def same_path(a: str, b: str) -> bool:
    """Whether two code spans name the same folder, one with a trailing slash the other lacks (``src/pages/``,
    ``src/pages``)."""
    return a != b and "/" in a.strip("/") and a.rstrip("/") == b.rstrip("/") and not re.search(r"\s", a + b)


def rooted_path(a: str, b: str) -> bool:
    """Whether two code spans are the same path but for a leading slash (``src/pages/``, ``/src/pages/``): the
    same folder where a site's docs write paths from the project's root, an absolute path elsewhere."""
    return a != b and "/" in a.strip("/") and a.strip("/") == b.strip("/") and not re.search(r"\s", a + b)


def localised_path(a: str, b: str) -> bool:
    """Whether ``b`` is the site path ``a`` on the translation's site: the same segments but for the language
    one (``/en/guides/markdown-content`` → ``/zh-cn/guides/markdown-content``)."""
    x, y = a.split("/"), b.split("/")
    if len(x) != len(y) or len(x) < 3 or re.search(r"\s", a + b):
        return False
    changed = [(p, q) for p, q in zip(x, y) if p != q]
    return len(changed) == 1 and _language_tags([("string", changed[0][0])], [("string", changed[0][1])])


def same_code(a: str, b: str, info: str) -> bool:
    """Whether line ``b`` of a translation is line ``a`` of its source as code: the two differ only in
    natural-language text the translation localised, quote style, spaces or a trailing ``;``. In a line
    whose text is translated, tokens may change places (the translation's word order)."""
    src, tgt = _tokens(a, info), _tokens(b, info)
    if [v for _, v in src] == [v for _, v in tgt]:
        return True
    translated_line = any(_TRANSLATED.search(v) for _, v in tgt)
    keys = SequenceMatcher(None, [v for _, v in src], [v for _, v in tgt], autojunk=False)
    changes = [(src[i1:i2], tgt[j1:j2]) for op, i1, i2, j1, j2 in keys.get_opcodes() if op != "equal"]
    if translated_line:  # a token the translation moved is in both a deletion and an insertion
        moved = Counter(t for before, _ in changes for t in before) & Counter(t for _, after in changes for t in after)
        from_source, from_translation = moved.copy(), moved.copy()
        changes = [(_without(before, from_source), _without(after, from_translation)) for before, after in changes]
    for before, after in changes:
        if _language_tags(before, after):
            continue
        if not all(map(_words, before)) or not all(kind in ("text", "string") for kind, _ in after):
            return False
        if after and not any(_TRANSLATED.search(v) for _, v in after):
            return False  # text replaced by other Latin text: not a translation into the target language
        if not after and not translated_line:
            return False  # words dropped from a line the translation did not translate
    return True


def _without(tokens: list[tuple[str, str]], moved: Counter) -> list[tuple[str, str]]:
    out = []
    for token in tokens:
        if moved[token] > 0:
            moved[token] -= 1
        else:
            out.append(token)
    return out

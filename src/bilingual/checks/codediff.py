"""How a translation's code differs from its source's: inline code spans and a fence's code lines.

The ``code`` rule (:mod:`.source_rules`) reads these. A translator may add backticks around a
name the source has or inflects, write a plain word in code formatting as a word, space brackets
and operators otherwise, add a trailing comma before a closing bracket, or correct a slip in the
source's span that the source itself writes right elsewhere: graded info or not reported, with
identifiers and values that changed still errors.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from ..languages import HAN, KANA
from ..values import Unit
from .codetokens import localised_path, rooted_path, same_path, same_tokens
from .model import Finding
from .spans import code_spans, plain


def agreement(both: tuple[list[tuple[int, str]], list[tuple[int, str]]]) -> tuple[bool, int, int]:
    """How far two blocks' code lines agree: all of them, then how many lines from the start, then
    how few lines are code (the language that knows the comments)."""
    a, b = both
    same = next((k for k, (x, y) in enumerate(zip(a, b)) if x[1] != y[1]), min(len(a), len(b)))
    return [x for _, x in a] == [y for _, y in b], same, -len(a) - len(b)


_ALIASES = {"py": "python", "python3": "python", "sh": "bash", "shell": "bash", "zsh": "bash", "js": "javascript",
            "ts": "typescript", "yml": "yaml", "md": "markdown", "vue-html": "vue-html"}


def language(info: str) -> str:
    """A fence's info string with its language named one way (py = python, sh = bash)."""
    words = info.split()
    if not words:
        return ""
    return " ".join((_ALIASES.get(words[0].lower(), words[0].lower()), *words[1:]))


def _bare(code: str) -> str:
    """Code as a name: ``.number`` → ``number``, ``computed()`` → ``computed``, case folded."""
    return code.strip().removesuffix("()").lstrip(".").casefold()


def _same_code(a: str, b: str) -> bool:
    """The same code, or the same word in code formatting made singular or plural (`actions` → `action`)."""
    if a == b or _bare(a) == _bare(b) or same_path(a, b) or same_tokens(a, b) or localised_path(a, b):
        return True  # (other quotes, spaces, a trailing `;`, a folder's slash, the site's language in a path)
    word = re.compile(r"[A-Za-z][A-Za-z-]*")
    return bool(word.fullmatch(a) and word.fullmatch(b)) and a.rstrip("s") == b.rstrip("s") and a[0].isalpha()


_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\(\))?")


def _inflected(value: str, text: str) -> bool:
    """Whether ``text`` has ``value`` as an inflected word (``splice`` in "splicing", ``fetch`` in "fetched")."""
    stem = value.casefold().removesuffix("e")
    return len(stem) >= 4 and re.search(rf"\b{re.escape(stem)}[a-z]{{1,4}}\b", text.casefold()) is not None


@functools.lru_cache(maxsize=4)
def _names(document: str) -> frozenset[str]:
    """The words and names of a source document (``StartHook``, ``where``, ``client``), case folded."""
    return frozenset(w.casefold() for w in _NAME_IN_TEXT.findall(document))


_NAME_IN_TEXT = re.compile(r"[A-Za-z_$][\w$]*")
_WORD = re.compile(r"[A-Za-z][a-z]+")  # a plain word in code formatting (`data`, `Meta`), not an identifier
#: An acronym in the plural in code formatting (`URLs`, `APIs`).
_ACRONYMS = re.compile(r"[A-Z]{2,}s")
#: A phrase of words in code formatting (`single GPU`, `multiple GPUs`): two to four words of letters, one of
#: them an English word in lower case and one capitalised or an acronym, the way prose names a thing.
_PHRASE = re.compile(r"(?=.*\b[a-z]{3,}\b)(?=.*\b[A-Z])[A-Za-z]+(?: [A-Za-z]+){1,3}")


_SPACED = re.compile(r"\s*([(){}\[\],;]|[!=]==?|=>|[<>]=|&&|\|\||=)\s*")


def spacing(code: str) -> str:
    """Code without the spaces around brackets, commas and operators (``setup () {`` is ``setup() {``,
    ``err!=nil`` is ``err != nil``), which no language reads; a space between two words
    (``RewriteBase /``) stays."""
    return _SPACED.sub(r"\1", code)


def _typo_in_source(value: str, expected: str, document: str) -> bool:
    """Whether the source's span looks like a slip for ``value``: nearly the same, and the source document
    itself writes ``value`` at least as often as the span (`SetCustomimSignalWaiter` once, where its code calls
    `SetCustomSignalWaiter` four times)."""
    from difflib import SequenceMatcher

    uses, slips = document.count(value), document.count(expected)
    more = uses > slips or (uses == slips >= 1 and expected not in value)  # (`route` is inside `$route`)
    return more and SequenceMatcher(None, value, expected).ratio() >= 0.8


_PROSE_WORDS = re.compile(r"(?:[A-Z]?[a-z]+|[A-Z]{2,}s?)(?: (?:[A-Z]?[a-z]+|[A-Z]{2,}s?))*")
_TRANSLATED = re.compile(f"[{HAN}{KANA}]")
_LATIN = re.compile(r"[A-Za-z]+")
_ALL_TRANSLATED = re.compile(f"[{HAN}{KANA}\\s]+")  # `插入`: only the reader's language, no code


#: Words that make a code-formatted word a key: "`dependencies` declared in `Chart.yaml`", "the `name` field".
_KEY_CUE = re.compile(r"\b(?:fields?|keys?|flags?|options?|propert(?:y|ies)|parameters?|settings?|attributes?)\b"
                      r"|\w\.(?:ya?ml|json|toml)\b", re.IGNORECASE)


def _key(word: str, sentence: str, document: str) -> bool:
    """Whether ``word``, a code-formatted word, names a key or field: the page writes it as a key of a sample
    (``dependencies:`` at a line's start, ``"dependencies":``), or its sentence has a key word or a config file
    name within a few words of it (`dependencies` declared in `Chart.yaml`)."""
    name = re.escape(word)
    if re.search(rf"^[ \t-]*[\"']?{name}[\"']?[ \t]*:", document, re.MULTILINE):
        return True
    return any(_KEY_CUE.search(sentence, max(0, m.start() - 40), m.end() + 40)
               for m in re.finditer(rf"`{name}`", sentence))


def _prose_in_code(value: str, expected: str, document: str, sentence: str = "") -> bool:
    """Whether ``expected`` is a name in natural-language words put in code formatting (`HTTP Trigger`,
    `Input`) and ``value`` its translation (`HTTP 触发器`): no identifier punctuation, camelCase or
    snake_case, and, for one word, no identifier the source document builds on it (`LoggerProvider`,
    `Logger.emit` make `Logger` a type); the translation keeps only words of the name (`HTTP`)."""
    if not _PROSE_WORDS.fullmatch(expected) or not _TRANSLATED.search(value):
        return False
    if not {w.casefold() for w in _LATIN.findall(value)} <= {w.casefold() for w in _LATIN.findall(expected)}:
        return False
    if " " in expected:
        return True
    if not re.fullmatch(r"[A-Z]?[a-z]+", expected):
        return False  # one acronym is a value or a keyword (`GET`, `TCP`)
    if _key(expected, sentence, document):
        return False  # a key or field name (`dependencies` of Chart.yaml) is code
    stem = re.escape(expected.removesuffix("s"))
    return re.search(rf"[A-Za-z_$]{stem}|{stem}s?(?:[A-Z_$]|\.[A-Za-z_$]|\()", document) is None


_PLAIN_WORDS = re.compile(r"\s*[a-z]+(?:[ \t\n]+[a-z]+)+\s*")
_SENTENCE_BREAK = re.compile(r"[a-z][.!?]\s+[A-Z][a-z]")


def _spilled(value: str, source_text: str) -> bool:
    """Whether the source's code span ``value`` is prose a broken backtick spilled into code: the source
    text has an odd number of backticks and the span is several plain lower-case words (`is responsible for
    creating`) or runs across a sentence boundary. The source is at fault, not the translation."""
    if source_text.count("`") % 2 == 0:
        return False
    return bool(_PLAIN_WORDS.fullmatch(value) or _SENTENCE_BREAK.search(value))


_TITLE_WORDS = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+")


def _named_in_words(value: str, kept: list[str]) -> bool:
    """Whether ``value``, a source span the translation lacks, is a name in natural-language words rendered
    as words: Title Case words (`Collection Resource`, translated as 聚合资源 with or without backticks), or
    plain words of which the translation keeps one in code formatting (`any collectionresource` → `any`)."""
    if _TITLE_WORDS.fullmatch(value):
        return True
    words = value.split()
    return len(words) >= 2 and bool(_PLAIN_WORDS.fullmatch(value)) and any(k in words for k in kept)


#: Plain lower-case English words in code formatting (`add column`), or a hyphenated term (`linked-list`).
_LOWER_PHRASE = re.compile(r"[a-z]{2,}(?: [a-z]{2,}){1,3}")
_HYPHENATED = re.compile(r"[a-z]{2,}(?:-[a-z]{2,}){1,3}")
#: A fenced code block of a Markdown document.
_FENCED = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(.*?)^[ \t]*\1", re.MULTILINE | re.DOTALL)


#: Words that make a code-formatted phrase a command: "Run `helm install`", "the `accelerate launch` command".
_COMMAND_CUE = re.compile(r"\b(?:run|runs|running|execut(?:e|es|ed|ing)|commands?|type|enter|invok(?:e|es|ed)|calls?|"
                          r"terminal|shell|CLI)\b", re.IGNORECASE)


def _words_not_code(value: str, document: str, target_text: str, sentence: str) -> bool:
    """Whether ``value``, a source span the translation lacks, is words in code formatting rather than code: plain
    lower-case words (`add column`, an operation named in prose) that no code block of the source writes, or a
    hyphenated term the source document also writes as words (`linked-list`, "the linked list"); and the
    translation keeps none of its words (it translated them). A command (`accelerate launch`) is in a code
    block or its sentence calls it one ("Run `helm install`"); `make fix-copies` is neither plain words nor
    written as words."""
    if any(w in target_text for w in re.split(r"[ -]", value)):
        return False
    if any(_COMMAND_CUE.search(sentence, max(0, m.start() - 40), m.end() + 40)
           for m in re.finditer(rf"`{re.escape(value)}`", sentence)):
        return False
    if _LOWER_PHRASE.fullmatch(value):
        code = " ".join(" ".join(m.group(2).split()) for m in _FENCED.finditer(document)).casefold()
        return value not in code
    if _HYPHENATED.fullmatch(value):
        return re.search(rf"(?<![\w-]){re.escape(value.replace('-', ' '))}(?![\w-])", document, re.IGNORECASE) is not None
    return False


def _overlap(value: str, expected: str) -> int:
    """How many Latin words a translated span shares with a source span (`Dapr 状态存储`, `Dapr State Stores`)."""
    return len({w.casefold() for w in _LATIN.findall(value)} & {w.casefold() for w in _LATIN.findall(expected)})


def code_differences(targets: tuple[Unit, ...], source: Unit, document: str = "") -> Iterator[Finding]:
    src = [c for c, _ in code_spans(source)]
    tgt = [(unit, c, at) for unit in targets for c, at in code_spans(unit)]
    missing = list((Counter(src) - Counter(c for _, c, _ in tgt)).elements())
    extra = Counter(c for _, c, _ in tgt) - Counter(src)
    source_text = plain(source.content)
    target_text = " ".join(plain(unit.content) for unit in targets)
    for unit, value, at in tgt:
        if extra[value] <= 0:
            continue
        extra[value] -= 1
        close = next((m for m in missing if _same_code(m, value)), None)
        if close is not None:
            missing.remove(close)
            continue
        if value in source_text or _bare(value) in source_text.casefold() or not any(ch.isalnum() for ch in value):
            continue  # backticks added around something the source has, or around punctuation (`.`)
        if _NAME.fullmatch(value) and _inflected(_bare(value), source_text):
            continue  # backticks around a word the source inflects: `splice` for "splicing"
        if missing and all(_PHRASE.fullmatch(m) for m in missing) and f"`{value}`" in document:
            continue  # a code span the source has in a neighbouring sentence: the missing spans are words
        if not missing and _NAME.fullmatch(value) and _bare(value) in _names(document):
            yield Finding(unit, at, found=value, severity="info", detail=" (a name the source uses elsewhere)")
            continue
        rooted = next((m for m in missing if rooted_path(m, value)), None)
        if rooted is not None:
            missing.remove(rooted)
            yield Finding(unit, at, found=value, expected=rooted, severity="info",
                          detail=" (the same path but for a leading slash: from the project's root, or absolute?)")
            continue
        spaced = next((m for m in missing if spacing(m) == spacing(value)), None)
        if spaced is not None:
            missing.remove(spaced)
            yield Finding(unit, at, found=value, expected=spaced, severity="info", detail=" (spacing only)")
            continue
        if " " in value and value.replace(" ", "") in source_text.replace(" ", ""):
            continue  # backticks added around something the source has, spaced out (`Ctrl/Cmd + P` for Ctrl/Cmd+P)
        prose = [m for m in missing if _prose_in_code(value, m, document or source_text, source.content)]
        if prose:
            named = max(prose, key=lambda m: _overlap(value, m))
            missing.remove(named)
            yield Finding(unit, at, found=value, expected=named, severity="info",
                          detail=" (a name in words put in code formatting, translated)")
            continue
        if not missing and _ALL_TRANSLATED.fullmatch(value):
            yield Finding(unit, at, found=value, severity="info",
                          detail=" (a word of the translation put in code formatting; no code of the source is missing)")
            continue
        expected = missing.pop(0) if missing else None
        if expected is not None and _typo_in_source(value, expected, document):
            yield Finding(unit, at, found=value, expected=expected, severity="info",
                          detail=" (as the source writes it elsewhere: its span here may be a slip)")
            continue
        yield Finding(unit, at, found=value, expected=expected)
    for value in missing:
        if value in target_text or any(same_path(value, c) for _, c, _ in tgt):
            continue
        if _ACRONYMS.fullmatch(value) and re.search(rf"(?<![A-Za-z]){value[:-1]}(?![A-Za-z])", target_text):
            continue  # `URLs` written plain as URL: the language has no plural
        if _named_in_words(value, [c for _, c, _ in tgt]):
            yield Finding(targets[0], 0, expected=value, severity="info",
                          detail=" (a name in words in code formatting, translated without it)")
            continue
        if _spilled(value, source.content):
            yield Finding(targets[0], 0, expected=value, severity="info",
                          detail=" (prose in a code span of the source, whose backticks look unbalanced: fix the source)")
            continue
        if _WORD.fullmatch(value):
            yield Finding(targets[0], 0, expected=value, severity="info",
                          detail=" (a word in code formatting, perhaps translated as a word)")
            continue
        if _PHRASE.fullmatch(value) or _words_not_code(value, document or source_text, target_text, source.content):
            yield Finding(targets[0], 0, expected=value, severity="info",
                          detail=" (words in code formatting, perhaps translated as words)")
            continue
        yield Finding(targets[0], 0, expected=value)

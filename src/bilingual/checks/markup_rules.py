"""The Markdown rule: what renders broken in the translation (stray asterisks, empty links, unclosed brackets)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..document.dialect import emphasis_dialect
from .model import Finding, Pair
from .registry import Context, Example, rule, units
from .spans import markup_problems

if TYPE_CHECKING:
    pass

_RUN = re.compile(r"\*+|_+")


@rule("markup", "warning", needs_source=False,
      bad=Example("ja", "** あなたの番です！ **\n", "**Your turn!**\n"),
      good=Example("ja", "**あなたの番です！**\n", "**Your turn!**\n"))
def markup(pair: Pair, ctx: Context) -> Iterator[Finding]:
    """Broken Markdown: {detail}.

    The reader sees the breakage: runs of asterisks, emphasis that renders as literal ``*`` or
    ``_`` (``** text **`` with spaces inside the markers), links with no text, brackets that never
    close. The translation and the source are both rendered with markdown-it-py: what the source
    shows literally too is not the translation's fault. A lone full-width parenthesis is
    punctuation, not Markdown.
    """
    for target, source in units(pair):
        if target.parent is not None or target.kind == "front-matter":
            continue  # alt text, titles and front matter are plain text
        problems = markup_problems(target)  # the source's are read only to excuse the target's
        known = Counter(found for _, found, _ in markup_problems(source)) if source is not None and problems else Counter()
        emphasis_reported = False
        for at, found, detail in problems:
            if detail.startswith("a bracket") and set(found) <= {"（", "）"}:
                continue
            if known[found] > 0:
                known[found] -= 1  # the source has the same thing: not the translation's fault
                continue
            if "delimiter" in detail and emphasis_reported:
                continue  # a pair of broken markers is one problem
            emphasis_reported = emphasis_reported or "emphasis" in detail
            yield Finding(target, at, found=found, detail=detail)
        runs = literal_emphasis(target.content)
        literal = Counter(run for _, run in literal_emphasis(source.content)) if source is not None and runs else Counter()
        shown: set[str] = set()
        for at, run in runs:
            if literal[run] > 0:
                literal[run] -= 1
                continue
            if emphasis_reported or run in shown or (source is None and len(run) < 2):
                continue  # reported already (a pair of markers is one problem); without the source "*" may be meant
            shown.add(run)
            yield Finding(target, at, found=run, detail=f"{run!r} renders as literal text, not emphasis")


def literal_emphasis(content: str) -> list[tuple[int, str]]:
    """``(offset in content, run)`` of each ``*``/``_`` run that markdown-it-py renders as literal text.

    Underscores inside words (snake_case) and runs in code, links' URLs or HTML are not counted.
    """
    if "*" not in content and "_" not in content:
        return []
    tokens = emphasis_dialect().parseInline(content)
    out: list[tuple[int, str]] = []
    pos = 0
    for token in tokens[0].children or [] if tokens else []:
        if token.type != "text":
            if token.type in ("code_inline", "html_inline"):
                found = content.find(token.content, pos)
                pos = found + len(token.content) if found >= 0 else pos
            continue
        text = token.content
        for m in _RUN.finditer(text):
            run = m.group(0)
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            if run[0] == "_" and (before.isalnum() or after.isalnum()):
                continue
            if before.isspace() and after.isspace() and len(run) == 1:
                continue  # "3 * 4"
            at = content.find(run, pos)
            if at < 0:
                continue
            pos = at + len(run)
            if at and content[at - 1] == "\\":
                continue  # an escaped \* is meant literally
            out.append((at, run))
    return out

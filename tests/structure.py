"""Tag structure of Markdown as GFM renders it: what a translation must keep identical."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_ATTR = re.compile(r"([a-zA-Z-]+)(?:=\"[^\"]*\")?")
_KEEP_VALUES = {"type", "checked", "disabled"}  # attribute values that are structure, not text


@functools.cache
def gfm() -> MarkdownIt:
    """markdown-it-py's ``gfm-like`` preset plus the task-list plugin (its own nesting limit).

    linkify-it's fuzzy links (``main.rs``) are not links: GFM autolinks only a scheme, ``www.``
    or an e-mail address (bilingual's filter; test_generalise checks it on its own)."""
    from bilingual.document.dialect import _GfmLinkify

    md = MarkdownIt("gfm-like").use(tasklists_plugin)
    md.linkify = _GfmLinkify(md.linkify)
    return md


def tag_structure(markdown: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every HTML tag of ``markdown`` rendered as GFM: closing or not, name, attribute names
    (with the values of ``type``/``checked``/``disabled``)."""
    html = gfm().render(markdown)
    out = []
    for slash, name, attrs in _TAG.findall(html):
        names = tuple(sorted(m.group(0) if m.group(1) in _KEEP_VALUES else m.group(1) for m in _ATTR.finditer(attrs)))
        out.append((slash, name.lower(), names))
    return out


def spec_examples(text: str) -> list[dict]:
    """The examples of a CommonMark/GFM ``spec.txt``: number, section, markdown, extension."""
    examples = []
    section = ""
    lines = text.split("\n")
    i = 0
    fence = "`" * 32
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        if line.startswith(fence + " example"):
            extension = line[len(fence) + len(" example"):].strip()
            body = []
            i += 1
            while lines[i] != ".":
                body.append(lines[i])
                i += 1
            markdown = "\n".join(body) + "\n" if body else ""
            examples.append({"example": len(examples) + 1, "section": section, "extension": extension,
                             "markdown": markdown.replace("\u2192", "\t")})
        i += 1
    return examples

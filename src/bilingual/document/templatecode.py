"""Template blocks whose body is code: Hugo's ``{{< highlight go >}}`` … ``{{< /highlight >}}`` (and any
shortcode given ``code=``), Liquid's ``{% highlight ruby %}`` … ``{% endhighlight %}`` and Hexo's
``{% codeblock %}`` … ``{% endcodeblock %}``.

CommonMark reads such a body as paragraphs (``package main``, ``func main() {``), and an engine would
translate them. The protected pattern :data:`PATTERN` keeps a block that sits inside one paragraph; a
body with blank lines spans several, so :func:`regions` finds the blocks line by line, and the Markdown
layer keeps every paragraph inside one as written (the ledger's ``kept`` bucket, rule ``template-code``).
Both follow the ``template-code`` switch of ``[protect]`` in ``bilingual.toml``. :func:`split_shortcodes` finds a
Hugo shortcode over several lines whose closer starts a line (``>}}``, a block quote to CommonMark), which the
Markdown layer keeps as written too (with the ``hugo-shortcode`` switch).
"""

from __future__ import annotations

import bisect
import re

NAME = "template-code"
_HUGO_NAMES = r"highlight|code|codeblock"
_LIQUID_NAMES = r"highlight|codeblock|code"
#: One template code block inside one unit's text (the inline protected pattern).
PATTERN = (r"\{\{[<%]\s*(" + _HUGO_NAMES + r")\b[^\n]*?[%>]\}\}[\s\S]*?\{\{[<%]\s*/\1\s*[%>]\}\}"
           r"|\{\{[<%]\s*([\w-]+)\b[^\n]*?\bcode=[^\n]*?[%>]\}\}[\s\S]*?\{\{[<%]\s*/\2\s*[%>]\}\}"
           r"|\{%-?\s*(" + _LIQUID_NAMES + r")\b[^\n]*?-?%\}[\s\S]*?\{%-?\s*end\3\s*-?%\}")
DESCRIPTION = ("template blocks whose body is code: {{< highlight go >}} … {{< /highlight >}}, a shortcode given "
               "code=, {% highlight ruby %} … {% endhighlight %}, {% codeblock %} … {% endcodeblock %}")

_OPENER = re.compile(r"[ \t>]*(?:\{\{[<%]\s*(?P<hugo>" + _HUGO_NAMES + r")\b[^\n]*?[%>]\}\}"
                     r"|\{\{[<%]\s*(?P<hugoc>[\w-]+)\b[^\n]*?\bcode=[^\n]*?[%>]\}\}"
                     r"|\{%-?\s*(?P<liquid>" + _LIQUID_NAMES + r")\b[^\n]*?-?%\})[ \t]*")
_CLOSER = re.compile(r"[ \t>]*(?:\{\{[<%]\s*/(?P<hugo>[\w-]+)\s*[%>]\}\}|\{%-?\s*end(?P<liquid>\w+)\s*-?%\})[ \t]*")


def regions(lines: list[str]) -> list[tuple[int, int]]:
    """The template code blocks of a document's ``lines``: ``(first, last)`` 0-based line numbers of each
    opener and its closer (each on a line of its own), in order; an opener with no closer is none."""
    closers: dict[tuple[str, str], list[int]] = {}
    for n, line in enumerate(lines):
        if "}" in line and (m := _CLOSER.fullmatch(line)) is not None:
            key = ("hugo", m["hugo"]) if m["hugo"] else ("liquid", m["liquid"])
            closers.setdefault(key, []).append(n)
    if not closers:
        return []
    found: list[tuple[int, int]] = []
    n = 0
    while n < len(lines):
        m = _OPENER.fullmatch(lines[n]) if "{" in lines[n] else None
        if m is not None:
            key = ("liquid", m["liquid"]) if m["liquid"] else ("hugo", m["hugo"] or m["hugoc"])
            ends = closers.get(key, [])
            at = bisect.bisect_right(ends, n)
            if at < len(ends):
                found.append((n, ends[at]))
                n = ends[at] + 1
                continue
        n += 1
    return found


_SHORTCODE_OPENER = re.compile(r"[ \t]*\{\{[<%]")
_SHORTCODE_CLOSER = re.compile(r"[ \t]*[%>]\}\}")
_SHORTCODE_END = re.compile(r"[%>]\}\}")


def split_shortcodes(lines: list[str]) -> list[tuple[int, int]]:
    """Hugo shortcodes written over lines whose closer starts a line of its own (``{{< figure`` … ``>}}``):
    CommonMark reads that ``>}}`` as a block quote, so the shortcode is cut in two blocks and no protected
    pattern sees it whole. ``(first, last)`` 0-based lines of each, opener to closer, with no blank line
    between; the Markdown layer keeps them as written, like a template code block."""
    found: list[tuple[int, int]] = []
    n = 0
    while n < len(lines):
        if "{{" not in lines[n] or not _SHORTCODE_OPENER.match(lines[n]) or _SHORTCODE_END.search(lines[n]):
            n += 1
            continue
        end = n + 1
        while end < len(lines) and lines[end].strip() and not _SHORTCODE_CLOSER.match(lines[end]):
            end += 1
        if end < len(lines) and lines[end].strip():
            found.append((n, end))
        n = end + 1  # an opener between n and a blank line would find the same lines: none is a closer
    return found


def kept_regions(lines: list[str], code: bool, shortcodes: bool) -> list[tuple[int, int]]:
    """The regions the Markdown layer keeps as written: template code blocks (``code``) and split Hugo
    shortcodes (``shortcodes``), in order, overlapping ones merged."""
    spans = sorted((regions(lines) if code else []) + (split_shortcodes(lines) if shortcodes else []))
    merged: list[tuple[int, int]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def inside(spans: list[tuple[int, int]], first: int, last: int) -> bool:
    """Whether lines ``first``…``last`` (0-based, inclusive) lie within one of ``spans``."""
    at = bisect.bisect_right(spans, (first, float("inf"))) - 1  # the last block opening at or before ``first``
    return at >= 0 and last <= spans[at][1]

"""Template blocks whose body is code: Hugo's ``{{< highlight go >}}`` … ``{{< /highlight >}}`` (and any
shortcode given ``code=``), Liquid's ``{% highlight ruby %}`` … ``{% endhighlight %}`` and Hexo's
``{% codeblock %}`` … ``{% endcodeblock %}``.

CommonMark reads such a body as paragraphs (``package main``, ``func main() {``), and an engine would
translate them. The protected pattern :data:`PATTERN` keeps a block that sits inside one paragraph; a
body with blank lines spans several, so :func:`regions` finds the blocks line by line, and the Markdown
layer keeps every paragraph inside one as written (the ledger's ``kept`` bucket, rule ``template-code``).
Both follow the ``template-code`` switch of ``[protect]`` in ``bilingual.toml``.
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


def inside(spans: list[tuple[int, int]], first: int, last: int) -> bool:
    """Whether lines ``first``…``last`` (0-based, inclusive) lie within one of ``spans``."""
    at = bisect.bisect_right(spans, (first, float("inf"))) - 1  # the last block opening at or before ``first``
    return at >= 0 and last <= spans[at][1]

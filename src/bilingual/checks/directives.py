"""MyST and Sphinx directive fences: a fence whose info string is a name in braces (```` ```{note} ````).

Such a fence is not code. An admonition (``{note}``, ``{warning}``, ``{tip}``, ``{seealso}``…) holds
prose the translator translates; only a directive that holds code, maths or another markup
(``{code-block}``, ``{math}``, ``{eval-rst}``, ``{literalinclude}``, ``{automodule}``…) is compared as
code. A prose directive's body is checked as prose is: the code spans and link targets the source's
body holds must be in the translation's (a link target localised as the link rule allows, a translated
heading anchor for one, is the same target), and its options (``:class: tip``) must be the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .links import relation
from .model import Block, Finding

_DIRECTIVE = re.compile(r"\{([A-Za-z][\w.:-]*)\}")
#: Directives whose body is code, maths, data or another markup, not prose (MyST, Sphinx, MyST-NB).
_CODE_DIRECTIVES = frozenset({
    "code", "code-block", "code-cell", "sourcecode", "literalinclude", "highlight", "math", "eval-rst", "eval-md",
    "raw", "csv-table", "mermaid", "graphviz", "digraph", "graph", "plantuml", "doctest", "testcode", "testoutput",
    "testsetup", "ipython", "jupyter-execute", "exec", "program-output", "command-output", "toctree", "include",
    "image", "figure", "glue", "glue:figure", "bibliography", "list-table",
})
_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_OPTION = re.compile(r"^\s*:([\w-]+):(.*)$")


def directive(info: str | None) -> str | None:
    """The directive's name when ``info`` is a MyST/Sphinx directive (``{note}``, ``{code-block} python``)."""
    match = _DIRECTIVE.match((info or "").strip())
    return match.group(1).lower() if match else None


def prose_directive(info: str | None) -> bool:
    """Whether a fence with this info string is a directive holding prose (an admonition, a dropdown…)."""
    name = directive(info)
    return name is not None and name not in _CODE_DIRECTIVES and not name.startswith(("auto", "py:", "cpp:", "c:", "js:"))


def _kept(code: str) -> tuple[Counter[str], Counter[str], dict[str, str]]:
    """A prose body's code spans, link targets, and options."""
    spans = Counter(" ".join(m.group(2).split()) for m in _SPAN.finditer(code))
    links = Counter(m.group(1) for m in _LINK_TARGET.finditer(code))
    options = {m.group(1): m.group(2).strip() for m in map(_OPTION.match, code.splitlines()) if m}
    return spans, links, options


def prose_differences(source: Block, target: Block) -> Iterator[Finding]:
    """What a prose directive's translation lost: a code span, a link target or an option of the source's body."""
    src_spans, src_links, src_options = _kept(source.code)
    tgt_spans, tgt_links, tgt_options = _kept(target.code)
    for span in src_spans - tgt_spans:
        yield Finding(line=target.line, expected=span, detail=" (inside the directive's prose)")
    extra = list((tgt_links - src_links).elements())
    for url in (src_links - tgt_links).elements():
        local = next((t for t in extra if relation(url, t) != "changed"), None)
        if local is not None:  # the same page, localised (its heading anchor translated: ``#可视化测试结果``)
            extra.remove(local)
            continue
        yield Finding(line=target.line, expected=url, detail=" (a link target inside the directive's prose)")
    for name, value in src_options.items():
        if tgt_options.get(name) != value:
            yield Finding(line=target.line, found=tgt_options.get(name), expected=f":{name}: {value}".rstrip(),
                          detail=" (the directive's option)")

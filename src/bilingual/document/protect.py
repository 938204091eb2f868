"""Protected patterns: template syntax in Markdown files that is code, never text to translate.

CommonMark sees ``<FrameworkSwitchCourse {fw} />``, ``{#if fw === 'pt'}``, ``{% raw %}``,
``{{< figure >}}`` or ``[[open-in-colab]]`` as words. A protected pattern is a named regular
expression (an "inline code", as CAT tools say); every match in a unit's inline content becomes
an atomic placeholder holding its exact source bytes, so it reaches no engine and comes back
unchanged. The Markdown layer applies them (:func:`bilingual.document.markdown.parse`), so ``translate``,
``check``, ``segment`` and the views all see the same units.

The project's ``bilingual.toml`` (in the folder a command runs from) switches the built-in
patterns on and off and adds its own::

    [protect]
    hugo-shortcode = false              # a built-in pattern, switched off
    [protect.patterns]
    liquid-tag = '\\{%-?\\s*\\w+[^%]*%\\}'   # a pattern of the project's own (Python re syntax)

Loading the file is the CLI's job (:func:`load_config`); the library only reads the active
:class:`Protection` (:func:`active`), which is the built-in defaults unless a command set another.
"""

from __future__ import annotations

import bisect
import contextvars
import functools
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from . import templatecode

CONFIG_NAME = "bilingual.toml"


#: A project's own pattern is applied with the ``regex`` module's timeout: one paragraph may take
#: it :data:`PATTERN_TIMEOUT` seconds, all its applications in one command :data:`PATTERN_BUDGET`.
PATTERN_TIMEOUT = 1.0
PATTERN_BUDGET = 60.0
#: A project's own pattern may be this long and nest groups this deep (Python's parser recurses).
MAX_PATTERN_CHARS = 2_000
MAX_PATTERN_NESTING = 50


@dataclass(frozen=True)
class Pattern:
    """One named protected pattern; ``where`` (``bilingual.toml:LINE``) marks a project's own."""

    name: str
    regex: str
    description: str = ""
    where: tuple[str, int | None] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex) if self.where is None else _compile_guarded(self.regex)

    def finditer(self, text: str, start: int, end: int) -> Iterator[Any]:
        """The matches in ``text[start:end]``; a project's own pattern under its time limits."""
        if self.where is None:
            yield from self.compiled.finditer(text, start, end)
            return
        began = time.monotonic()
        try:
            yield from self.compiled.finditer(text, start, end, timeout=min(PATTERN_TIMEOUT, max(_BUDGET[0], 0.001)))
        except TimeoutError:
            path, line = self.where
            raise InputError(
                f"protected pattern {self.name!r} took more than {PATTERN_TIMEOUT:g} s on one paragraph (or "
                f"{PATTERN_BUDGET:g} s in all); simplify it: nested repetition such as (a+)+ or (a|aa)+ "
                "backtracks exponentially", path, line) from None
        finally:
            _BUDGET[0] -= time.monotonic() - began


def _braces(depth: int) -> str:
    """A ``{…}`` group with up to ``depth`` levels of nested braces inside (Python's ``re`` has no recursion)."""
    inner = r"\{[^{}]*\}"
    for _ in range(depth):
        inner = r"\{(?:[^{}]|" + inner + r")*\}"
    return inner


#: A JS expression in braces, nested as deep as MDX props usually go: ``{[{text: "a"}]}``.
BRACES = _braces(3)
#: A JSX attribute list, over any number of lines: names, strings and ``{…}`` values.
_JSX_ATTRS = r"(?:\s+(?:[^<>{}\"']|" + BRACES + r"|\"[^\"]*\"|'[^']*')*?)?\s*/?>"

#: The built-in patterns, each on unless ``bilingual.toml`` switches it off. Order matters only
#: for overlaps: an earlier pattern's match wins. Every pattern matches across lines where the
#: syntax it names may (a unit's content is its lines joined by newlines).
DEFAULTS: tuple[Pattern, ...] = (
    # Before everything: a template block whose body is code holds braces, dollars and tags of its own.
    Pattern(templatecode.NAME, templatecode.PATTERN, templatecode.DESCRIPTION),
    # First, so that braces in TeX (\frac{a}{b}) stay math rather than MDX expressions. Inline
    # math follows Pandoc and mdit-py-plugins' dollarmath: the opening $ has a non-space after it,
    # the closing one a non-space before it and no digit after it, so "$5 and $10" is prose; it
    # also may not touch a word or a dot ("this.$data and this.$props" is Vue, "US$5" money).
    Pattern("math", r"(?<![\\$])\$\$(?!\$)[\s\S]+?(?<!\\)\$\$"
                    r"|(?<![\\$\w.])\$(?![\s$])(?:[^$\\\n]|\\[\s\S]|\n(?!\n))+?(?<![\s\\])\$(?![\w$])",
            "TeX math between dollars: $\\pi r^2$ inline, $$ … $$ over lines (not money: $5 and $10)"),
    Pattern("hugo-shortcode", r"\{\{[<%][\s\S]*?[%>]\}\}",
            "Hugo shortcodes, on one line or several: {{< figure src=\"x\" >}}, {{% note %}} … {{% /note %}}"),
    Pattern("interpolation", r"\{\{[\s\S]*?\}\}",
            "template interpolation: Vue/Handlebars/Jinja {{ expression }}, mdBook {{#include file.rs}}"),
    Pattern("jinja", r"\{%-?[\s\S]*?-?%\}|\{#[^{}]*?#\}", "Jinja/Liquid tags and comments: {% raw %}, {% endraw %}, {# note #}"),
    Pattern("template-block", r"\{[#:/@][A-Za-z][^{}\n]*\}",
            "Svelte/MDX blocks and heading ids: {#if fw === 'pt'}, {:else}, {/if}, {@html x}, {#anchor-id}"),
    Pattern("mdx-esm", r"(?m)^(?:import[ \t]+(?:[\w$*{},\s]+?[ \t]+from[ \t]+)?['\"][^'\"\n]+['\"];?[ \t]*$"
                       r"|export[ \t]+(?:(?:const|let|var|function|class|default|async)\b|[{*])[\s\S]*)",
            "MDX import and export statements: import Foo from './foo', export const meta = {…}"),
    Pattern("jsx-component", r"</?(?:[A-Z][\w:-]*(?:\.[\w-]+)*|[a-z][\w-]*(?:\.[\w-]+)+)" + _JSX_ATTRS,
            "MDX/JSX components and member tags, props over any number of lines: <Question choices={[…]} />, <x.y />"),
    Pattern("jsx-fragment", r"</?>", "JSX fragments: <> … </>"),
    Pattern("mdx-expression", r"\{(?![/]?\d{1,4}\})(?=[^{}]*[A-Za-z_$])" + BRACES[2:],
            "MDX/JSX expressions in braces: {props.value}, {/* comment */}"),
    Pattern("footnote", r"\[\^[^\]\s]+\]:?", "GFM footnote references and definition labels: [^1], [^note]:"),
    Pattern("wiki-anchor", r"\[\[[^\[\]\n]+\]\]", "doc-builder and wiki anchors: [[open-in-colab]]"),
    Pattern("container-fence", r"(?m)^[ \t]*:{3,}[ \t]*[\w-]*",
            "VitePress/markdown-it containers: the '::: tip' opener (its title is translated) and the ':::' closer"),
)


@dataclass(frozen=True)
class Protection:
    """The protected patterns in force, in the order they are tried."""

    patterns: tuple[Pattern, ...] = DEFAULTS
    #: attributes whose values are prose (``[translate] attributes``); see :data:`bilingual.document.inline.ATTRIBUTES`
    attributes: tuple[str, ...] = ("alt", "title", "caption", "text", "label", "placeholder", "aria-label")
    #: front-matter values that are prose: dotted key paths, glob patterns (``[translate] front-matter``)
    front_matter: tuple[str, ...] = ("title", "subtitle", "description", "summary", "excerpt", "abstract", "lead",
                                     "headline", "caption", "*.title", "*.description")
    #: the severity of source prose left untranslated (``[translate] untranslated-source``), in
    #: ``translate`` (error: exit 1) and ``check`` (its ``untranslated-source`` rule) alike
    untranslated_source: str = "error"

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, name)`` matches in ``text[start:end]``, in text order."""
        end = len(text) if end is None else end
        found: list[tuple[int, int, str]] = []  # sorted, never overlapping: each match is placed by bisection
        starts: list[int] = []
        for pattern in self.patterns:
            for m in pattern.finditer(text, start, end):
                a, b = m.span()
                at = bisect.bisect_right(starts, a)
                if b > a and (at == 0 or found[at - 1][1] <= a) and (at == len(found) or b <= found[at][0]):
                    found.insert(at, (a, b, pattern.name))
                    starts.insert(at, a)
        return found


_ACTIVE: contextvars.ContextVar[Protection] = contextvars.ContextVar("bilingual_protection", default=Protection())


def active() -> Protection:
    """The protection the Markdown layer applies now."""
    return _ACTIVE.get()


def activate(protection: Protection) -> contextvars.Token[Protection]:
    """Make ``protection`` the one in force; returns a token for :func:`deactivate`."""
    return _ACTIVE.set(protection)


def deactivate(token: contextvars.Token[Protection]) -> None:
    _ACTIVE.reset(token)


def find_config(folder: Path) -> Path | None:
    """``bilingual.toml`` in ``folder``, if there is one."""
    path = folder / CONFIG_NAME
    return path if path.is_file() else None


def load_config(path: Path) -> Protection:
    """The :class:`Protection` that ``path`` (a ``bilingual.toml``) asks for.

    Raises :class:`InputError` naming ``path:line`` for TOML that does not parse, an unknown
    built-in name, a switch that is not ``true``/``false``, or a regular expression that does not compile.
    """
    import tomllib

    from ..storage import read_text

    text = read_text(path, expected="a TOML file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_of(str(exc))
        raise InputError(f"is not valid TOML: {exc.args[0] if exc.args else exc}", path, line) from None
    section = data.get("protect", {})
    if not isinstance(section, dict):
        raise InputError("[protect] must be a table of switches and a [protect.patterns] table", path, _find(text, "protect"))
    known = {p.name: p for p in DEFAULTS}
    enabled = {p.name: True for p in DEFAULTS}
    own: list[Pattern] = []
    for key, value in section.items():
        if key == "patterns":
            if not isinstance(value, dict):
                raise InputError("[protect.patterns] must map names to regular expressions", path, _find(text, "patterns"))
            for name, regex in value.items():
                own.append(_own_pattern(name, regex, path, text))
            continue
        if key not in known:
            names = ", ".join(known)
            raise InputError(f"unknown protected pattern {key!r}; built-in ones are {names} "
                             "(add your own under [protect.patterns])", path, _find(text, key))
        if not isinstance(value, bool):
            raise InputError(f"{key} must be true or false", path, _find(text, key))
        enabled[key] = value
    # A project's own patterns come first: where one overlaps a built-in one, the project's wins.
    patterns = tuple(own) + tuple(p for p in DEFAULTS if enabled[p.name])
    prose = data.get("translate", {})
    if not isinstance(prose, dict):
        raise InputError("[translate] must be a table (attributes = [...], front-matter = [...])", path, _find(text, "translate"))
    unknown = sorted(set(prose) - {"attributes", "front-matter", "untranslated-source"})
    if unknown:
        raise InputError(f"unknown [translate] setting {unknown[0]!r}; known: attributes, front-matter, "
                         "untranslated-source", path, _find(text, unknown[0]))
    defaults = Protection()
    severity = prose.get("untranslated-source", defaults.untranslated_source)
    if severity not in ("error", "warning", "info"):
        raise InputError("untranslated-source must be \"error\", \"warning\" or \"info\"", path,
                         _find(text, "untranslated-source"))
    return Protection(patterns, _names(prose, "attributes", defaults.attributes, path, text),
                      _names(prose, "front-matter", defaults.front_matter, path, text), severity)


def _names(section: dict, key: str, default: tuple[str, ...], path: Path, text: str) -> tuple[str, ...]:
    """A ``[translate]`` list of names (attributes, front-matter key paths); ``default`` when absent."""
    if key not in section:
        return default
    value = section[key]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{key} must be a list of non-empty strings", path, _find(text, key))
    return tuple(value)


def _own_pattern(name: str, regex: object, path: Path, text: str) -> Pattern:
    if not isinstance(regex, str) or not regex:
        raise InputError(f"protected pattern {name!r} must be a non-empty string (a regular expression)", path, _find(text, name))
    line = _find(text, name)
    if len(regex) > MAX_PATTERN_CHARS:
        raise InputError(f"protected pattern {name!r} is longer than {MAX_PATTERN_CHARS:,} characters; shorten it", path, line)
    if _nesting(regex) > MAX_PATTERN_NESTING:
        raise InputError(f"protected pattern {name!r} nests groups deeper than {MAX_PATTERN_NESTING} levels; flatten it", path, line)
    import regex as regex_module

    try:
        compiled = _compile_guarded(regex)
    except (regex_module.error, re.error, RecursionError, OverflowError, ValueError) as exc:
        raise InputError(f"protected pattern {name!r} is not a valid regular expression: {exc}", path, line) from None
    try:
        empty = compiled.match("", timeout=PATTERN_TIMEOUT)
    except TimeoutError:
        empty = None
    if empty:
        raise InputError(f"protected pattern {name!r} matches the empty string; it must match some text", path, line)
    return Pattern(name, regex, where=(str(path), line))


def _nesting(regex: str) -> int:
    """How deep the groups of ``regex`` nest (escaped and bracketed parentheses count too: a bound)."""
    depth = deepest = 0
    for char in regex:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(depth - 1, 0)
    return deepest


def _find(text: str, key: str) -> int | None:
    """The 1-based line where ``key`` is set or opens a table, for messages."""
    rx = re.compile(rf"^\s*(?:\[[^\]]*\b{re.escape(key)}\b[^\]]*\]|[\"']?{re.escape(key)}[\"']?\s*=)", re.M)
    m = rx.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _line_of(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


@functools.lru_cache(maxsize=256)
def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


@functools.lru_cache(maxsize=256)
def _compile_guarded(regex: str) -> Any:
    """A project's own pattern, compiled by the ``regex`` module (Python's syntax, with a timeout)."""
    import regex as regex_module

    return regex_module.compile(regex, regex_module.V0)


#: What is left of :data:`PATTERN_BUDGET` in this process.
_BUDGET = [PATTERN_BUDGET]

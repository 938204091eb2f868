"""Protected patterns: template syntax in Markdown files that is code, never text to translate.

CommonMark sees ``<FrameworkSwitchCourse {fw} />``, ``{#if fw === 'pt'}``, ``{% raw %}``,
``{{< figure >}}`` or ``[[open-in-colab]]`` as words. A protected pattern is a named regular
expression (an "inline code", as CAT tools say); every match in a unit's inline content becomes
an atomic placeholder holding its exact source bytes, so it reaches no engine and comes back
unchanged. The Markdown layer applies them (:func:`bilingual.markdown.parse`), so ``translate``,
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

import contextvars
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

CONFIG_NAME = "bilingual.toml"


@dataclass(frozen=True)
class Pattern:
    """One named protected pattern."""

    name: str
    regex: str
    description: str = ""

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.regex)


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
    #: attributes whose values are prose (``[translate] attributes``); see :data:`bilingual.inline.ATTRIBUTES`
    attributes: tuple[str, ...] = ("alt", "title", "caption", "text", "label", "placeholder", "aria-label")
    #: front-matter values that are prose: dotted key paths, glob patterns (``[translate] front-matter``)
    front_matter: tuple[str, ...] = ("title", "subtitle", "description", "summary", "excerpt", "abstract", "lead",
                                     "headline", "caption", "*.title", "*.description")

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, name)`` matches in ``text[start:end]``, in text order."""
        end = len(text) if end is None else end
        found: list[tuple[int, int, str]] = []
        for pattern in self.patterns:
            for m in pattern.compiled.finditer(text, start, end):
                if m.end() > m.start() and not any(a < m.end() and m.start() < b for a, b, _ in found):
                    found.append((m.start(), m.end(), pattern.name))
        return sorted(found)


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

    text = path.read_text(encoding="utf-8")
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
    unknown = sorted(set(prose) - {"attributes", "front-matter"})
    if unknown:
        raise InputError(f"unknown [translate] setting {unknown[0]!r}; known: attributes, front-matter", path, _find(text, unknown[0]))
    defaults = Protection()
    return Protection(patterns, _names(prose, "attributes", defaults.attributes, path, text),
                      _names(prose, "front-matter", defaults.front_matter, path, text))


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
    try:
        compiled = re.compile(regex)
    except re.error as exc:
        raise InputError(f"protected pattern {name!r} is not a valid regular expression: {exc}", path, _find(text, name)) from None
    if compiled.match(""):
        raise InputError(f"protected pattern {name!r} matches the empty string; it must match some text", path, _find(text, name))
    return Pattern(name, regex)


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

"""The Markdown dialect, configured in one place: which markdown-it-py preset, plugins and limits
every parse of a source or an edition uses, and the two reduced readings the checks need.

- :func:`gfm_dialect`: GitHub Flavored Markdown as markdown-it-py's ``gfm-like`` preset (tables,
  strikethrough, extended autolinks limited to what GFM links), task lists and YAML front matter,
  with the nesting limits below. :func:`bilingual.document.markdown.parser` adds span recording to
  a fresh instance of it (a unit's inline text), and ``markdown._blocks`` reads a document's blocks
  with another, its inline phase off; links found in text, in editions and pages alike, are read with it.
- :func:`block_dialect`: the same block structure with no inline phase (the checks' alignment of
  blocks: units already hold the inline analysis).
- :func:`read_footnote_definitions`: GFM footnote definitions as blocks, in both parses.
- :func:`emphasis_dialect`: CommonMark with strikethrough, to tell which ``*``/``_`` runs render
  as literal text.
- :func:`lines`: a text's lines as CommonMark ends them.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from . import linklabel

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_LINE_END = re.compile(r"\r\n|\r|\n")


def lines(text: str) -> list[str]:
    """The lines of ``text`` as CommonMark ends them: at ``\\n``, ``\\r\\n`` or ``\\r`` only, so that line
    *n* here is line *n* of the file (``str.splitlines`` also ends lines at U+2028, U+2029, NEL, form feeds
    and the information separators, which are text in Markdown). No empty last line for a final line end."""
    found = _LINE_END.split(text)
    return found[:-1] if found and found[-1] == "" else found

#: How deep blocks may nest (markdown-it's ``maxNesting``; CommonMark's preset has 20, which a
#: list ten levels deep already reaches). A list level takes two, its paragraph one more. A
#: document nested deeper is refused with its line rather than left partly untranslated.
MAX_LEVELS = 250  # lists in lists, or block quotes in block quotes (README: "Nesting")
MAX_NESTING = 2 * MAX_LEVELS + 1
#: Inline markup (brackets in brackets) keeps a lower limit: past it markdown-it reads the rest as
#: plain text, which loses nothing.
INLINE_NESTING = 100

@functools.cache
def gfm_dialect() -> MarkdownIt:
    """The shared GFM dialect (do not change its rules: :func:`new_gfm` gives an instance to change)."""
    return new_gfm()


def new_gfm() -> MarkdownIt:
    """A new instance of the GFM dialect, for a caller that installs rules of its own."""
    return _gfm()


@functools.cache
def block_dialect() -> MarkdownIt:
    """Blocks only: CommonMark with tables and front matter at the units' nesting, no inline phase."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").use(front_matter_plugin)
    md.disable("inline")
    read_footnote_definitions(md)  # a footnote's indented paragraphs are text, as for the units
    return md


@functools.cache
def emphasis_dialect() -> MarkdownIt:
    """CommonMark with strikethrough: which emphasis runs a renderer reads as markup."""
    from markdown_it import MarkdownIt

    return _normalized_once(MarkdownIt("commonmark").enable("strikethrough"))


def _gfm() -> MarkdownIt:
    """A new instance of the dialect (each caller that changes its rules needs its own)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("gfm-like", {"maxNesting": MAX_NESTING}).use(front_matter_plugin).use(tasklists_plugin)
    md.linkify = _GfmLinkify(md.linkify)
    _limit_inline_nesting(md)
    linklabel.install(md)  # each link label scanned once (hostile runs of '[' stay linear)
    return _normalized_once(md)


def _normalized_once(md: MarkdownIt) -> MarkdownIt:
    """``md`` normalizing each link destination once for the many parses that read it (an issue's source, its
    editions and PO files, the views): markdown-it's normalizeLink (mdurl's parse, encode and format) is a pure
    function of the URL, and slow. A few thousand are kept."""
    md.normalizeLink = _normalize_link  # type: ignore[method-assign]
    return md


@functools.lru_cache(maxsize=4096)
def _normalize_link(url: str) -> str:
    from markdown_it.common.normalize_url import normalizeLink

    return normalizeLink(url)


#: The schemes GFM's autolink extension links; ``www.`` links need none. linkify-it's fuzzy
#: links (``main.rs``, ``README.md``, ``Crates.io``, ``//host``) are text.
_GFM_SCHEMES = frozenset({"http:", "https:", "ftp:", "mailto:"})


#: What every GFM autolink holds: a scheme's ``://`` (``mailto:`` and an e-mail address: an ``@``), or ``www.``.
_MAY_AUTOLINK = re.compile(r"://|@|www\.", re.IGNORECASE)


def _gfm_autolink(match: Any) -> bool:
    return match.schema in _GFM_SCHEMES or (not match.schema and match.text[:4].lower() == "www.")


class _GfmLinkify:
    """linkify-it as GFM's autolink extension: a scheme, ``www.`` or an e-mail address, nothing
    fuzzier; used by every parse and rendering (editions, views, pages, the ledger)."""

    def __init__(self, inner: Any):
        self._inner = inner

    def pretest(self, text: str) -> bool:
        """Whether ``text`` may hold a GFM autolink: a ``://``, an ``@`` or a ``www.`` first (linkify-it's own
        pretest passes any dotted word, and its match, which then finds only fuzzy links, is slow)."""
        return _MAY_AUTOLINK.search(text) is not None and bool(self._inner.pretest(text))

    def test(self, text: str) -> bool:
        return bool(self.match(text))

    def match(self, text: str) -> list | None:
        if _MAY_AUTOLINK.search(text) is None:
            return None  # no autolink GFM links (the fuzzy ones linkify-it would find are text)
        found = [m for m in self._inner.match(text) or [] if _gfm_autolink(m)]
        return found or None

    def match_at_start(self, text: str) -> Any:
        found = self._inner.match_at_start(text)
        return found if found is not None and _gfm_autolink(found) else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _limit_inline_nesting(md: MarkdownIt) -> None:
    """Run the inline phase with :data:`INLINE_NESTING` as markdown-it's nesting limit."""
    at = md.core.ruler.__find__("inline")
    rule = md.core.ruler.__rules__[at].fn

    def inline(state: Any) -> None:
        md.options["maxNesting"] = INLINE_NESTING
        try:
            rule(state)
        finally:
            md.options["maxNesting"] = MAX_NESTING

    md.core.ruler.at("inline", inline)


def read_footnote_definitions(md: MarkdownIt) -> None:
    """GFM footnote definitions as blocks (mdit-py-plugins' rule): ``[^1]: text`` and the
    paragraphs indented under it are the footnote's text, not indented code. Only the block rule:
    references stay text (the ``footnote`` protected pattern keeps them) and nothing moves."""
    from mdit_py_plugins.footnote.index import footnote_def

    md.block.ruler.before("reference", "footnote_def", footnote_def, {"alt": ["paragraph", "reference"]})

"""HTML helpers shared by the pages: Markdown → HTML, glossary highlighting, the Jinja2 environment."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from ..glossary.schema import Glossary, Term

_TAG = re.compile(r"(<[^>]*>)")
_SKIP = {"code", "pre", "script", "style", "mark"}


@functools.cache
def jinja_env() -> jinja2.Environment:
    """The templates under ``bilingual/templates``, HTML-escaped by default."""
    import jinja2
    from markupsafe import Markup

    from ..version import __version__
    from .model import html_lang

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bilingual", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["html_lang"] = html_lang
    env.globals["generator"] = f"bilingual {__version__}"
    # The program's name inside a page in any language: English, and not to be translated.
    env.globals["atom_html"] = Markup('<span lang="en" translate="no">Atom</span>')
    env.globals["generator_html"] = Markup(f'<span lang="en" translate="no">bilingual {__version__}</span>')
    return env


def md_parser():
    """The CommonMark + tables renderer every page uses (one per process: see markdown.renderer)."""
    from ..document.markdown import renderer

    return renderer()


def markdown_html(markdown: str, allowed: frozenset[str] | None = None) -> str:
    """Block Markdown (GFM + front matter) as HTML. With ``allowed`` (a source's raw HTML, from
    :func:`bilingual.document.markdown.source_html`), any other raw HTML is shown as text, never run."""
    from ..document.markdown import SOURCE_HTML

    return md_parser().render(markdown, {SOURCE_HTML: allowed} if allowed is not None else None)


def source_block_html(markdown: str) -> tuple[str, frozenset[str]]:
    """An English block as HTML, and its raw HTML (what its translations may keep: see
    :func:`bilingual.document.markdown.source_html`), from one parse of it."""
    from ..document.markdown import normalize, raw_html, source_html

    if normalize(markdown)[0] != markdown:  # a BOM or CR: the page and the scan read other texts
        return markdown_html(markdown), source_html(markdown)
    md = md_parser()
    tokens = md.parse(markdown, {})
    return md.renderer.render(tokens, md.options, {}), raw_html(tokens)


def inline_html(markdown: str, allowed: frozenset[str] | None = None) -> str:
    """Inline Markdown (a table cell, a title) as HTML; ``allowed`` as for :func:`markdown_html`."""
    from ..document.markdown import SOURCE_HTML

    return md_parser().renderInline(markdown, {SOURCE_HTML: allowed} if allowed is not None else None)


@dataclass(frozen=True)
class Hit:
    """A glossary term found in a text: where, the hover text, and whether the rendering is forbidden."""

    start: int
    end: int
    title: str
    forbidden: bool = False


class TermFinder:
    """Finds a glossary's terms in English text and their renderings in target-language text."""

    def __init__(self, glossary: Glossary) -> None:
        self.matcher = glossary.matcher

    def hits(self, text: str, lang: str) -> list[Hit]:
        if lang == "en":
            return [Hit(m.start, m.end, _title(m.term, None)) for m in self.matcher.find_source(text)]
        return [
            Hit(m.start, m.end, _title(m.term, lang), m.kind == "forbidden")
            for m in self.matcher.find_target(text, lang)
        ]


def _title(term: Term, lang: str | None) -> str:
    if term.note:
        return term.note
    if lang is None:
        targets = "; ".join(f"{k}: {v[0]}" for k, v in term.targets.items() if v)
        return f"glossary: {term.en}" + (f" → {targets}" if targets else " (kept as is)")
    return f"glossary: {term.en} → {term.target(lang) or term.en}"


def highlight(fragment: str, lang: str, finder: TermFinder | None) -> str:
    """``fragment`` with each glossary term in its text wrapped in ``<mark class="term" title="note">``.

    Only text between tags is searched, outside code and existing marks, so attributes and
    markup are never touched.
    """
    if finder is None:
        return fragment
    out: list[str] = []
    skipping: list[str] = []
    for piece in _TAG.split(fragment):
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not piece.endswith("/>"):
                if piece.startswith("</"):
                    if tag in skipping:
                        skipping.remove(tag)
                else:
                    skipping.append(tag)
            out.append(piece)
        elif skipping or not piece:
            out.append(piece)
        else:
            out.append(_mark(html.unescape(piece), lang, finder))
    return "".join(out)


def _mark(text: str, lang: str, finder: TermFinder) -> str:
    out: list[str] = []
    pos = 0
    for hit in sorted(finder.hits(text, lang), key=lambda h: h.start):
        if hit.start < pos:
            continue
        css = "term forbidden" if hit.forbidden else "term"
        out.append(html.escape(text[pos : hit.start], quote=False))
        out.append(f'<mark class="{css}" title="{html.escape(hit.title)}">{html.escape(text[hit.start : hit.end], quote=False)}</mark>')
        pos = hit.end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)

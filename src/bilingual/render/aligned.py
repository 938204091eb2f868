"""The aligned edition: English, Chinese and Japanese block by block, as Markdown and as HTML.

:func:`build_alignment` turns the English document and one :class:`~.inputs.Version` per target
language into an :class:`~.model.Alignment`; :func:`aligned_markdown` and :func:`aligned_html`
render it. ``aligned.md`` has a table per block, one row per segment, so it reads well on
GitHub; ``aligned.html`` is one self-contained page with a column per language.
"""

from __future__ import annotations

import functools
import re
from collections import ChainMap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Document, Segment, Unit
from ..placeholders import split_tokens
from ..rebuild import rebuild, render_unit
from ..segment import join, segment
from .inputs import Version, flags_by_segment
from .model import LANG_NAMES, Alignment, Block, Cell, Flag, Piece, Row, Status

if TYPE_CHECKING:
    from ..glossary.schema import Glossary

_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_STATE_MARK = {"approved": "✅", "machine": "🤖", "has-violations": "⚠️"}


def build_alignment(
    doc: Document,
    versions: Sequence[Version],
    flags: Iterable[Flag] = (),
    name: str = "",
    signature: str = "",
) -> Alignment:
    """``doc`` (English) and its translations, block by block, segment by segment."""
    segments = segment(doc)
    by_unit: dict[int, list[Segment]] = {}
    for seg in segments:
        by_unit.setdefault(seg.unit, []).append(seg)
    all_flags = [*flags, *(f for v in versions for f in v.flags)]
    flagged = flags_by_segment(all_flags, segments)
    english = Version("en", doc, {u.index: u.index for u in doc.units}, {s.id: s.text for s in segments}, {}, {})
    blocks: list[Block] = []
    for number, units in _blocks(doc).items():
        rows: list[Row] = []
        for unit in units:
            segs = by_unit.get(unit.index, [])
            if not segs:
                continue
            whole = not all(s.id in v.texts for v in versions for s in segs)
            groups = [segs] if whole and len(segs) > 1 else [[s] for s in segs]
            for group in groups:
                cells = [_cell(english, unit, group, "source", [], english)]
                for version in versions:
                    status = _merge_status(version.status.get(s.id, "missing") for s in group)
                    own = [f for s in group for f in flagged.get((version.lang, s.id), [])]
                    cells.append(_cell(version, unit, group, status, own, english))
                rid = group[0].id if len(group) == 1 else f"{unit.uid}.1-{len(group)}"
                rows.append(Row(rid, group[0].line, unit.kind, tuple(cells)))
        if rows:
            blocks.append(_block(number, units, rows, english, versions))
    langs = ("en", *(v.lang for v in versions))
    return Alignment(name or _stem(doc), _title(doc), langs, tuple(blocks), signature)


def _blocks(doc: Document) -> dict[int, list[Unit]]:
    out: dict[int, list[Unit]] = {}
    for unit in doc.units:
        out.setdefault(unit.block, []).append(unit)
    return out


def _cell(version: Version, unit: Unit, group: Sequence[Segment], status: Status, flags: list[Flag], english: Version) -> Cell:
    index = version.units.get(unit.index)
    if index is None:  # the edition has no counterpart: show the English, marked missing
        return replace(_cell(english, unit, group, "missing", flags, english), lang=version.lang)
    doc = version.doc
    mine = doc.units[index]
    if all(s.id in version.texts for s in group):
        text = join(group, version.texts) if len(group) > 1 else version.texts[group[0].id]
    else:
        text = version.whole.get(index, mine.text)
    texts = ChainMap({index: text}, version.whole)  # overlays, not copies: a cell costs its own size
    markdown = render_unit(doc, mine, texts).strip()
    blank = ChainMap({u.index: "" for u in doc.children.get(index, ())}, texts)
    pieces: list[Piece] = []
    own: list[str] = []
    by_token = mine.placeholder_map
    for is_token, piece in split_tokens(text):
        placeholder = by_token.get(piece) if is_token else None
        if not is_token:
            pieces.append(Piece("text", piece))
            own.append(piece)
        elif placeholder is not None:
            pieces.append(Piece(placeholder.role, render_unit(doc, mine, ChainMap({index: piece}, texts)), placeholder.key))
            own.append(render_unit(doc, mine, ChainMap({index: piece}, blank)))
    return Cell(version.lang, markdown, tuple(pieces), status, tuple(flags), "".join(own).strip())


def _merge_status(statuses: Iterable[Status]) -> Status:
    order: tuple[Status, ...] = ("source", "approved", "machine", "fuzzy", "missing")
    return max(statuses, key=order.index, default="source")


def _block(number: int, units: list[Unit], rows: list[Row], english: Version, versions: Sequence[Version]) -> Block:
    first = next((u for u in units if u.parent is None), units[0])
    kind = "row" if first.kind == "cell" else first.kind
    markdown: dict[str, str] = {}
    cells: dict[str, tuple[str, ...]] = {}
    for version in (english, *versions):
        mapped = [version.doc.units[version.units[u.index]] for u in units if u.index in version.units]
        doc, texts = (version.doc, version.whole) if len(mapped) == len(units) else (english.doc, {})
        mapped = mapped if len(mapped) == len(units) else units
        if kind == "row":
            cells[version.lang] = tuple(render_unit(doc, u, texts).strip() for u in mapped if u.parent is None)
        elif kind == "front-matter":
            markdown[version.lang] = render_unit(doc, mapped[0], texts)
        else:
            markdown[version.lang] = block_markdown(doc, mapped, texts)
    header = kind == "row" and _is_header(english.doc, first)
    label = _yaml_key(english.doc, first) if kind == "front-matter" else ""
    return Block(number, kind, first.line, tuple(rows), markdown, cells, header, label)


def block_markdown(doc: Document, units: Sequence[Unit], texts: Mapping[int, str]) -> str:
    """The Markdown of the source lines ``units`` stand on (container markers included), translated."""
    top = [u for u in units if u.region is not None]
    if not top:
        return render_unit(doc, units[0], texts)
    source = doc.source
    start = source.rfind("\n", 0, top[0].region.start) + 1
    end = source.find("\n", top[-1].region.end)
    end = len(source) if end < 0 else end
    if top[-1].kind == "heading" and top[-1].region.style == "block":  # setext: keep the underline
        underline = source.find("\n", end + 1)
        end = len(source) if underline < 0 else underline
    return rebuild(Document(doc.path, source, tuple(units)), texts, start, end).strip("\n")


def _is_header(doc: Document, cell: Unit) -> bool:
    lines = _lines(doc.source)
    return cell.line < len(lines) and bool(_DELIMITER_ROW.match(lines[cell.line]))


@functools.lru_cache(maxsize=4)
def _lines(source: str) -> tuple[str, ...]:
    """The lines of a source, split once per document rather than once per table row."""
    return tuple(source.split("\n"))


def _stem(doc: Document) -> str:
    path = Path(doc.path)
    return path.parent.name if path.name == "en.md" else path.stem


def _yaml_key(doc: Document, unit: Unit) -> str:
    if unit.region is None:
        return ""
    line = doc.source[: unit.region.start].rsplit("\n", 1)[-1]
    return line.split(":", 1)[0].strip()


def _title(doc: Document) -> str:
    for unit in doc.units:
        if unit.kind == "front-matter" and _yaml_key(doc, unit) == "title":
            return unit.content
    heading = next((u for u in doc.units if u.kind == "heading"), None)
    return heading.content if heading else _stem(doc)


# ---------------------------------------------------------------------------------------- Markdown


def aligned_markdown(alignment: Alignment) -> str:
    """``aligned.md``: a table per block, one row per segment, a column per language."""
    names = [LANG_NAMES.get(lang, lang) for lang in alignment.langs]
    counts = alignment.counts()
    out = [
        f"# {_md_text(alignment.title)} — aligned edition",
        "",
        f"Segments: {counts['approved']} ✅ approved · {counts['machine']} 🤖 machine · "
        f"{counts['has-violations']} ⚠️ has violations · {counts['copied']} copied as is (nothing to translate). "
        "Each row is one segment; its id is the PO `msgctxt`.",
    ]
    if alignment.signature:
        out += ["", f"Signature: `{alignment.signature}`"]
    for block in alignment.blocks:
        label = f" `{block.label}`" if block.label else ""
        out += ["", f"### {block.index}. {block.kind}{label} · line {block.line}", ""]
        out.append("| | " + " | ".join(names) + " |")
        out.append("|---|" + "---|" * len(names))
        for row in block.rows:
            cells = [_md_cell(row.source.markdown)]
            for cell in row.targets:
                problems = "".join(f"<br>⚠️ {_md_text(f.rule)}: {_md_text(f.message)}" for f in cell.flags)
                cells.append(f"{_STATE_MARK[cell.state]} {_md_cell(cell.markdown)}{problems}")
            out.append(f"| <sub>`{row.id}`</sub> | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _md_cell(markdown: str) -> str:
    """Inline Markdown made safe inside a GFM table cell."""
    text = markdown.replace("\\|", "|").replace("|", "\\|")
    return text.replace("\n", " ").strip() or " "


def _md_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text.replace("\n", " "))


# -------------------------------------------------------------------------------------------- HTML


def aligned_html(alignment: Alignment, glossary: Glossary | None = None, home: str | None = None) -> str:
    """``aligned.html``: one row per block, a column per language, a column toggle, terms highlighted."""
    from .html import TermFinder, highlight, inline_html, jinja_env, markdown_html

    finder = TermFinder(glossary) if glossary is not None and len(glossary) else None
    rows = []
    for block in alignment.blocks:
        columns = []
        for i, lang in enumerate(alignment.langs):
            if block.kind == "row":
                tag = "th" if block.header else "td"
                cells = "".join(f"<{tag}>{inline_html(c)}</{tag}>" for c in block.cells.get(lang, ()))
                html = f'<table class="row"><tr>{cells}</tr></table>'
            else:
                html = markdown_html(block.markdown.get(lang, ""))
            states = {row.cells[i].state for row in block.rows}
            state = "approved" if i == 0 else max(states, key=("approved", "machine", "has-violations").index)
            flags = [f for row in block.rows for f in row.cells[i].flags] if i else []
            columns.append({"lang": lang, "html": highlight(html, lang, finder), "state": state, "flags": flags})
        rows.append({"block": block, "columns": columns})
    template = jinja_env().get_template("aligned.html")
    return template.render(alignment=alignment, rows=rows, names=LANG_NAMES, counts=alignment.counts(), home=home)

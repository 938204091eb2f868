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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..values import Document, Segment, Unit
from ..document.placeholders import split_tokens
from ..document.rebuild import rebuild, render_unit
from ..document.segment import join, segment
from .blocks import Verbatim, table_at, verbatim_blocks
from .inputs import Version, flags_by_segment, unplaced
from .model import LANG_NAMES, Alignment, Block, Cell, Flag, Piece, Row, Status

if TYPE_CHECKING:
    from ..glossary.schema import Glossary

_STATE_MARK = {"approved": "✅", "machine": "🤖", "has-violations": "⚠️"}


def build_alignment(
    doc: Document,
    versions: Sequence[Version],
    flags: Iterable[Flag] | None = None,
    name: str = "",
    signature: str = "",
) -> Alignment:
    """``doc`` (English) and its translations, block by block, segment by segment.

    ``flags`` are ``check``'s findings, each shown once: on its sentence's row, else in the
    alignment's own list (``findings``). Without them (no check ran), the versions' glossary events are shown.
    ``signature`` defaults to the versions' own signatures (their PO headers), each named once.
    """
    segments = segment(doc)
    by_unit: dict[int, list[Segment]] = {}
    for seg in segments:
        by_unit.setdefault(seg.unit, []).append(seg)
    all_flags = list(flags) if flags is not None else [f for v in versions for f in v.flags]
    flagged = flags_by_segment(all_flags)
    shown: set[tuple[str, str]] = set()
    english = Version("en", doc, {u.index: u.index for u in doc.units}, {s.id: s.text for s in segments}, {}, {})
    blocks: list[Block] = []
    for units in _blocks(doc).values():
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
                    shown.update((version.lang, s.id) for s in group)
                    cells.append(_cell(version, unit, group, status, own, english))
                rid = group[0].id if len(group) == 1 else f"{unit.uid}.1-{len(group)}"
                rows.append(Row(rid, group[0].line, unit.kind, tuple(cells)))
        if rows:
            blocks.append(_block(units, rows, english, versions))
    blocks += _verbatim(english, versions)
    blocks.sort(key=lambda b: b.line)
    numbered = tuple(replace(block, index=n) for n, block in enumerate(blocks, 1))
    langs = ("en", *(v.lang for v in versions))
    signature = signature or " ; ".join(dict.fromkeys(v.signature for v in versions if v.signature))
    return Alignment(name or _stem(doc), _title(doc), langs, numbered, signature, unplaced(all_flags, shown))


def _blocks(doc: Document) -> dict[tuple[str, int], list[Unit]]:
    """The units of each block in document order; a table's cells make one block."""
    out: dict[tuple[str, int], list[Unit]] = {}
    for unit in doc.units:
        table = table_at(doc.source, unit.line) if unit.container == "table" else None
        key = ("table", table[0]) if table else ("block", unit.block)
        out.setdefault(key, []).append(unit)
    return out


def _verbatim(english: Version, versions: Sequence[Version]) -> list[Block]:
    """Code, rules and HTML blocks: the edition's own where it has as many of each kind, else the English."""
    source = verbatim_blocks(english.doc.source)
    mine = {v.lang: _by_kind(verbatim_blocks(v.doc.source)) for v in versions}
    ours = _by_kind(source)
    seen: dict[str, int] = {}  # blocks of each kind so far: the counterpart's place among its kind
    out: list[Block] = []
    for k, block in enumerate(source):
        counterpart = seen.get(block.kind, 0)
        seen[block.kind] = counterpart + 1
        markdown = {"en": block.markdown}
        for lang, theirs in mine.items():
            same_kind = theirs.get(block.kind, [])
            fits = len(same_kind) == len(ours[block.kind])
            markdown[lang] = same_kind[counterpart].markdown if fits else block.markdown
        out.append(Block(k, block.kind, block.line, (), markdown))
    return out


def _by_kind(blocks: Sequence[Verbatim]) -> dict[str, list[Verbatim]]:
    out: dict[str, list[Verbatim]] = {}
    for block in blocks:
        out.setdefault(block.kind, []).append(block)
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
    bare = "".join(own).strip()
    # the same characters as the Markdown unless a nested unit was blanked: held once (a cell per sentence per language)
    return Cell(version.lang, markdown, tuple(pieces), status, tuple(flags), markdown if bare == markdown else bare)


def _merge_status(statuses: Iterable[Status]) -> Status:
    order: tuple[Status, ...] = ("source", "approved", "machine", "fuzzy", "missing")
    return max(statuses, key=order.index, default="source")


def _block(units: list[Unit], rows: list[Row], english: Version, versions: Sequence[Version]) -> Block:
    first = next((u for u in units if u.parent is None), units[0])
    kind = "table" if first.kind == "cell" else first.kind
    markdown: dict[str, str] = {}
    for version in (english, *versions):
        mapped = [version.doc.units[version.units[u.index]] for u in units if u.index in version.units]
        doc, texts = (version.doc, version.whole) if len(mapped) == len(units) else (english.doc, {})
        mapped = mapped if len(mapped) == len(units) else units
        if kind == "front-matter":
            markdown[version.lang] = render_unit(doc, mapped[0], texts)
        elif kind == "table":
            markdown[version.lang] = block_markdown(doc, mapped, texts, table_at(doc.source, mapped[0].line))
        else:
            markdown[version.lang] = block_markdown(doc, mapped, texts)
    label = _yaml_key(english.doc, first) if kind == "front-matter" else ""
    return Block(0, kind, first.line if kind != "table" else _table_line(english.doc, first), tuple(rows), markdown, label=label)


def _table_line(doc: Document, cell: Unit) -> int:
    span = table_at(doc.source, cell.line)
    return span[0] if span else cell.line


def block_markdown(doc: Document, units: Sequence[Unit], texts: Mapping[int, str], lines: tuple[int, int] | None = None) -> str:
    """The Markdown of the source lines ``units`` stand on (container markers included), translated.

    ``lines`` (1-based first line, line after the last) widens the cut, e.g. to a whole table.
    """
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
    if lines is not None:
        start = min(start, _line_offset(source, lines[0]))
        end = max(end, _line_offset(source, lines[1]) - 1)
    return rebuild(Document(doc.path, source, tuple(units)), texts, start, end).strip("\n")


def _line_offset(source: str, line: int) -> int:
    """Where 1-based ``line`` of ``source`` starts (just past the end for a line after the last)."""
    starts = _line_starts(source)
    return starts[line - 1] if line - 1 < len(starts) else len(source) + 1


@functools.lru_cache(maxsize=8)
def _line_starts(source: str) -> tuple[int, ...]:
    """The offset of each line of ``source``, found once per document, not once per table."""
    return (0, *(m.end() for m in re.finditer("\n", source)))


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
    return "".join(aligned_markdown_parts(alignment))


def aligned_markdown_parts(alignment: Alignment) -> Iterator[str]:
    """:func:`aligned_markdown` in pieces, one per block, made as the file reaches them, so the
    whole text (a 2 MB issue's is 10 MB) is never held."""
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
    if alignment.findings:
        out += ["", f"Findings of no one sentence ({len(alignment.findings)}):", ""]
        out += [f"- ⚠️ {_md_text(f.text)}" for f in alignment.findings]
    yield "\n".join(out) + "\n"
    for block in alignment.blocks:
        label = f" `{block.label}`" if block.label else ""
        out = ["", f"### {block.index}. {block.kind}{label} · line {block.line}", ""]
        if not block.rows:  # code, a rule or HTML: shown as it is, once if every language has the same
            texts = [block.markdown.get(lang, "") for lang in alignment.langs]
            if len(set(texts)) == 1:
                out.append(texts[0])
            else:
                for name, text in zip(names, texts, strict=True):
                    out += [f"**{name}**", "", text, ""]
            yield "\n".join(out) + "\n"
            continue
        out.append("| | " + " | ".join(names) + " |")
        out.append("|---|" + "---|" * len(names))
        for row in block.rows:
            cells = [_md_cell(row.source.markdown)]
            for cell in row.targets:
                problems = "".join(f"<br>⚠️ {_md_text(f.text)}" for f in cell.flags)
                cells.append(f"{_STATE_MARK[cell.state]} {_md_cell(cell.markdown)}{problems}")
            out.append(f"| <sub>`{row.id}`</sub> | " + " | ".join(cells) + " |")
        yield "\n".join(out) + "\n"


def _md_cell(markdown: str) -> str:
    """Inline Markdown made safe inside a GFM table cell."""
    text = markdown.replace("\\|", "|").replace("|", "\\|")
    return text.replace("\n", " ").strip() or " "


def _md_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text.replace("\n", " "))


# -------------------------------------------------------------------------------------------- HTML


def aligned_html(alignment: Alignment, glossary: Glossary | None = None, home: str | None = None) -> str:
    """``aligned.html``: one row per block, a column per language, a column toggle, terms highlighted."""
    return "".join(aligned_html_parts(alignment, glossary, home))


def aligned_html_parts(alignment: Alignment, glossary: Glossary | None = None, home: str | None = None) -> Iterator[str]:
    """:func:`aligned_html` in pieces, each block's row made as the page reaches it (none is kept)."""
    from .html import jinja_env

    template = jinja_env().get_template("aligned.html")
    yield from template.generate(alignment=alignment, rows=_html_rows(alignment, glossary), names=LANG_NAMES,
                                 counts=alignment.counts(), home=home)


def _html_rows(alignment: Alignment, glossary: Glossary | None) -> Iterator[dict[str, object]]:
    from .html import TermFinder, highlight, markdown_html, source_block_html

    finder = TermFinder(glossary) if glossary is not None and len(glossary) else None
    for block in alignment.blocks:
        columns = []
        en = alignment.langs[0]
        # A translation keeps only the raw HTML its English block has; any other shows as text.
        source, allowed = source_block_html(block.markdown.get(en, ""))
        for i, lang in enumerate(alignment.langs):
            html = source if i == 0 else markdown_html(block.markdown.get(lang, ""), allowed)
            states = [row.cells[i].state for row in block.rows]
            state = "approved" if i == 0 or not states else max(states, key=("approved", "machine", "has-violations").index)
            flags = [f for row in block.rows for f in row.cells[i].flags] if i else []
            columns.append({"lang": lang, "html": highlight(html, lang, finder), "state": state, "flags": flags})
        yield {"block": block, "columns": columns}

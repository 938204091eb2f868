"""TMX 1.4 export of an :class:`~.model.Alignment`: one ``<tu>`` per segment, one ``<tuv>`` per language.

Markup inside a segment is written as TMX inline elements holding the source Markdown bytes:
``<bpt i="N" x="N">[</bpt>`` … ``<ept i="N">](url)</ept>`` for a pair (a link, emphasis) and
``<ph x="N">`code`</ph>`` for atomic markup (inline code, an image, a line break). ``x`` is the
placeholder number, the same in every language of a ``<tu>`` whose translation came from a run
or a PO file. A tool that reads the text content of a ``<seg>`` (as translate-toolkit does) gets
the segment's Markdown back. ``tuid`` is the segment id (the PO ``msgctxt``); each ``<tuv>``
carries its status in ``<prop type="x-status">``; ``xml:lang`` is the plain code (``en``, ``zh``, ``ja``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..version import __version__
from ..xmltext import xml_safe
from .model import Alignment, Cell, Piece

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx(alignment: Alignment, created: str = "") -> str:
    """The TMX document for ``alignment`` (``created``: a ``YYYYMMDDThhmmssZ`` creation date, optional)."""
    return "".join(tmx_parts(alignment, created))


def tmx_parts(alignment: Alignment, created: str = "") -> Iterator[str]:
    """:func:`tmx` in pieces: the head, then each ``<tu>`` as it is made (none is kept), then the end."""
    import xml.etree.ElementTree as ET

    root = ET.Element("tmx", version="1.4")
    header = ET.SubElement(
        root,
        "header",
        creationtool="bilingual",
        creationtoolversion=__version__,
        segtype="sentence",
        adminlang="en",
        srclang=alignment.langs[0],
        datatype="markdown",
    )
    header.set("o-tmf", "bilingual-po")
    if created:
        header.set("creationdate", created)
    if alignment.signature:
        ET.SubElement(header, "prop", type="x-signature").text = alignment.signature
    ET.SubElement(header, "prop", type="x-document").text = alignment.name
    body = ET.SubElement(root, "body")
    # Each <tu> is made and serialised on its own, then let go: a tree of the whole document would
    # be about ten times the TMX. The text is what serialising the whole tree gives.
    rows = [row for block in alignment.blocks for row in block.rows]
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    # Characters XML 1.0 forbids (a form feed in a source…) can only be in text and attribute values.
    if not rows:
        _indent(root)
        yield xml_safe(ET.tostring(root, encoding="unicode")) + "\n"
        return
    ET.SubElement(body, "tu", tuid="")  # where the <tu> elements go
    _indent(root)
    head, end = ET.tostring(root, encoding="unicode").split('<tu tuid="" />')
    yield xml_safe(head)
    for k, row in enumerate(rows):
        yield ("\n  " if k else "") + xml_safe(_tu(row))  # between two <tu>, as _indent puts them at depth 2
    yield xml_safe(end) + "\n"


def _tu(row) -> str:
    """One ``<tu>`` as the whole document's serialisation writes it (indented at its depth, no tail)."""
    import xml.etree.ElementTree as ET

    tu = ET.Element("tu", tuid=row.id)
    ET.SubElement(tu, "prop", type="x-kind").text = row.kind
    ET.SubElement(tu, "prop", type="x-line").text = str(row.line)
    for cell in row.cells:
        tuv = ET.SubElement(tu, "tuv", {XML_LANG: cell.lang})
        ET.SubElement(tuv, "prop", type="x-status").text = cell.status
        _seg(ET.SubElement(tuv, "seg"), cell)
    _indent(tu, 2)
    tu.tail = None
    return ET.tostring(tu, encoding="unicode")


def _indent(element, level: int = 0) -> None:
    """Indent the structure, never the mixed content of a ``<seg>`` (unlike ``ET.indent``)."""
    children = list(element)
    if not children or element.tag in ("seg", "prop", "note"):
        return
    element.text = "\n" + " " * (level + 1)
    for child in children:
        _indent(child, level + 1)
        child.tail = "\n" + " " * (level + 1)
    children[-1].tail = "\n" + " " * level


def _seg(seg, cell: Cell) -> None:
    """Fill ``<seg>`` with the cell's text and inline elements."""
    import xml.etree.ElementTree as ET

    opened = {p.key for p in cell.pieces if p.role == "open"}
    closed = {p.key for p in cell.pieces if p.role == "close"}
    last = None
    for piece in _merge_text(cell.pieces):
        if piece.role == "text":
            if last is None:
                seg.text = (seg.text or "") + piece.text
            else:
                last.tail = (last.tail or "") + piece.text
            continue
        key = str(piece.key)
        if piece.role == "open" and piece.key in closed:
            last = ET.SubElement(seg, "bpt", i=key, x=key)
        elif piece.role == "close" and piece.key in opened:
            last = ET.SubElement(seg, "ept", i=key)
        elif piece.role in ("open", "close"):  # the other half lies in another segment
            last = ET.SubElement(seg, "it", pos="begin" if piece.role == "open" else "end", x=key)
        else:
            last = ET.SubElement(seg, "ph", x=key)
        last.text = piece.text


def _merge_text(pieces: tuple[Piece, ...]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if piece.role == "text" and out and out[-1].role == "text":
            out[-1] = Piece("text", out[-1].text + piece.text)
        else:
            out.append(piece)
    return out

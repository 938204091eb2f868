"""``bilingual segment``: list a file's units and sentences."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import domain_errors


class SegmentFormat(str, Enum):
    text = "text"
    json = "json"


def segment_command(
    file: Annotated[Path, typer.Argument(help="A Markdown file.")],
    format: Annotated[SegmentFormat, typer.Option("--format", "-f", help="Output format.")] = SegmentFormat.text,
) -> None:
    """List the translatable units and sentences of FILE with id, kind, line and text."""
    with domain_errors():
        from ..document.markdown import parse
        from ..document.segment import has_words, segment
        from ..storage import read_text

        doc = parse(read_text(file), str(file))
        segments = segment(doc)
    rows = [
        {"id": s.id, "kind": s.kind, "line": s.line, "unit": doc.units[s.unit].uid, "sentence": s.index, "text": s.text,
         "translate": has_words(s.text)}
        for s in segments
    ]
    if format is SegmentFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        text = str(row["text"]).replace("\n", "⏎")
        typer.echo(f"{row['line']:>5}  {row['id']:<15} {row['kind']:<12} {text}")
    # Only sentences with words become PO entries (what `status` counts); the rest (an emoji, a
    # link with no text of its own, a number) are copied into the editions as they are.
    words = sum(1 for row in rows if row["translate"])
    typer.echo(f"{len(doc.units)} units, {len(rows)} sentences: {words} to translate, {len(rows) - words} copied as they are")

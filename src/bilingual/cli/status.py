"""``bilingual status``: how much of each issue is approved, machine output, or untranslated."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import domain_errors, languages


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


def status_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Issue folders, Markdown files or folders of either (default: issues/ if it exists, else .).", show_default=False)] = None,
    to: Annotated[str, typer.Option("--to", help="Languages, comma-separated.")] = "zh,ja",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where translate --out wrote the PO files.")] = None,
    format: Annotated[StatusFormat, typer.Option("--format", "-f", help="Output format.")] = StatusFormat.text,
) -> None:
    """Per issue and language: segments in total, approved, machine (fuzzy), untranslated, obsolete."""
    langs = languages(to)
    with domain_errors():
        from .validate import output_folder

        output_folder(out, "the folder translate --out wrote into")
        from ..memory.status import status, to_json, to_table
        from ..layout import find_jobs

        default = Path("issues") if Path("issues").is_dir() else Path(".")
        rows = status(find_jobs(paths or [default]), langs, out)
    typer.echo(to_json(rows) if format is StatusFormat.json else to_table(rows))

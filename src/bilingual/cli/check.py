"""``bilingual check``: the reviewer's check of zh/ja editions and PO files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .common import EXIT_OK, EXIT_VIOLATIONS, domain_errors


class Lang(str, Enum):
    zh = "zh"
    ja = "ja"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"


@app.command("check")
def check_command(
    targets: Annotated[list[Path], typer.Argument(help="Editions (.md), PO files, issue folders (holding en.md), or folders of them.")],
    lang: Annotated[Lang | None, typer.Option("--lang", "-l", help="The editions' language; optional when file names tell it.")] = None,
    source: Annotated[Path | None, typer.Option("--source", "-s", help="The English source of Markdown editions.")] = None,
    glossary: Annotated[list[Path] | None, typer.Option("--glossary", "-g", help="Glossary files or folders (default: ./glossary if it exists).")] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 on violations at or above this severity.")] = FailOn.error,
    annotate: Annotated[bool, typer.Option("--annotate", help="Write pofilter-style comments into PO files; mark entries with errors fuzzy.")] = False,
) -> None:
    """Check translations against the glossary, the source's links, code, numbers and structure, and Markdown.

    Exit status: 0 when nothing is at or above --fail-on, 1 when something is, 2 on a usage or input error.
    """
    with domain_errors():
        from ..checks.report import FORMATS
        from ..checks.runner import check_paths

        terms = _glossary(glossary)
        result = check_paths(targets, lang.value if lang else None, source, terms)
        if annotate:
            _annotate(result)
    for note in result.notes:
        typer.echo(f"bilingual: note: {note}", err=True)
    typer.echo(FORMATS[format.value](result))
    raise typer.Exit(EXIT_VIOLATIONS if result.fails(fail_on.value) else EXIT_OK)


def _glossary(paths: list[Path] | None):
    """--glossary paths, else ./glossary when it exists, else none (the term rules then do not run)."""
    from ..glossary.load import glossary_for_run

    return glossary_for_run(paths)


def _annotate(result) -> None:
    from ..checks.annotate import annotate
    from ..storage import atomic_write_text, read_text

    for file in result.files:
        if file.lower().endswith(".po"):
            path = Path(file)
            atomic_write_text(path, annotate(read_text(path), [v for v in result.violations if v.file == file]))

"""``bilingual import``: adopt existing human editions into the PO files (po4a-gettextize)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import domain_errors, languages, terminate_as_interrupt


def import_command(
    paths: Annotated[list[Path], typer.Argument(help="English sources: Markdown files, issue folders (holding en.md), or folders of either.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="The human editions' languages, comma-separated.")] = "zh,ja",
    tree: Annotated[list[str] | None, typer.Option("--tree", metavar="SRC=DST", help="The human editions of SRC/REL are DST/REL, {lang} standing for the language (content/en=content/{lang}). Repeatable. Default: zh.md beside en.md, x.zh.md beside x.md.")] = None,
) -> None:
    """Align existing human editions to their English sources and write them into the PO files.

    Sentences aligned with certainty become approved entries (# imported from zh.md), the others
    fuzzy ones; approved entries already in a PO file are never replaced. Every sentence or block
    that could not be aligned, and every place where the rebuilt edition will follow en.md rather
    than the human file, is listed with file:line on both sides.
    """
    langs = languages(lang, "--lang")
    with domain_errors(), terminate_as_interrupt():
        from ..adopt.adoption import adopt
        from ..adopt.paths import parse_tree

        trees = [parse_tree(value, langs) for value in tree or ()]
        adoption = adopt(paths, langs, trees)
    from ..errors import printable

    for imported in adoption.imported:
        typer.echo(printable(imported.summary()))
        for message in imported.messages:
            typer.echo(printable(f"  {message}"))
    typer.echo(
        f"imported {len(adoption.imported)} edition(s): {adoption.total('approved')} sentence(s) approved, "
        f"{adoption.total('fuzzy')} fuzzy, {adoption.total('kept')} already in the PO files, {adoption.total('english')} left in English, "
        f"{adoption.total('unaligned')} not aligned; "
        f"{len(adoption.written)} file(s) written"
    )

"""``bilingual review``: a local web app to review and approve translations in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import domain_errors, languages


def review_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Issue folders, or folders of them (default: issues/).", show_default=False)] = None,
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = "zh,ja",
    host: Annotated[str, typer.Option("--host", help="The address to listen on; anything but 127.0.0.1 is reachable by others (a warning says so).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port (0 picks a free one).")] = 8024,
    no_open: Annotated[bool, typer.Option("--no-open", help="Do not open the browser.")] = False,
    glossary: Annotated[list[Path] | None, typer.Option("--glossary", "-g", help="Glossary files or folders (default: ./glossary if it exists).")] = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Show and check no glossary terms.")] = False,
) -> None:
    """Review and approve translations in the browser: edit, approve, see glossary terms and check findings."""
    langs = languages(to)
    with domain_errors():
        from ..glossary.load import glossary_for_run
        from ..review.server import ReviewServer, is_loopback

        from ..memory.settings import memory_settings

        terms = glossary_for_run(glossary, no_glossary)
        changed = memory_settings(Path.cwd()).changed  # what a rebuilt edition shows for a changed sentence
        server = ReviewServer(paths or [Path("issues")], langs, terms, host, port, changed=changed)
    typer.echo(f"review: {server.url}")
    if not is_loopback(host):
        typer.echo(f"bilingual: warning: listening on {host}: anyone who can reach it and has the token can edit the PO files", err=True)
    typer.echo("review: Ctrl-C stops the server", err=True)
    if not no_open:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    typer.echo("review: stopped", err=True)

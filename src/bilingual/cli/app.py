"""The root Typer app and the sub-apps it mounts."""

from __future__ import annotations

from typing import Annotated

import typer

from ..version import __version__
from .helptext import TidyGroup

app = typer.Typer(
    name="bilingual",
    cls=TidyGroup,
    help="Translate a Markdown newsletter into Chinese and Japanese offline, with an enforced glossary.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilingual {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """bilingual: an offline EN → ZH/JA newsletter toolkit."""
    from pathlib import Path

    from ..document.protect import activate, deactivate, find_config, load_config
    from .common import domain_errors

    config = find_config(Path.cwd())
    if config is not None:
        with domain_errors():
            token = activate(load_config(config))
        ctx.call_on_close(lambda: deactivate(token))


def _register() -> None:
    """Mount every command; the order here is the order --help lists them."""
    from . import adopt, check, glossary, models, publish, review, segment, status, translate

    for name, command in (
        ("translate", translate.translate_command),
        ("import", adopt.import_command),
        ("check", check.check_command),
        ("segment", segment.segment_command),
        ("status", status.status_command),
        ("align", publish.align_command),
        ("diff", publish.diff_command),
        ("evaluate", publish.evaluate_command),
        ("publish", publish.publish_command),
        ("review", review.review_command),
    ):
        app.command(name)(command)
    app.add_typer(glossary.app, name="glossary")
    app.add_typer(models.app, name="models")


_register()


#: The collector's first-generation threshold for a run (Python's default is 700).
GC_THRESHOLD = 50_000


def main() -> None:
    """The ``bilingual`` command."""
    import gc

    # A run builds millions of small objects that all live until it writes (the all-or-nothing
    # guarantee); with Python's default the collector re-scanned them so often that it took 17% of
    # the time of a 2 MB issue (benchmarks/bench_scale.py). Memory stays the same.
    gc.set_threshold(GC_THRESHOLD, 10, 10)
    app()

"""The root Typer app and the sub-apps it mounts."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
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
    # Commands register themselves on import; the order here is the order --help lists them.
    from . import translate  # noqa: F401
    from . import adopt  # noqa: F401  (import)
    from . import check, segment, status  # noqa: F401
    from . import publish  # noqa: F401  (align, diff, evaluate, publish)
    from . import review  # noqa: F401
    from . import glossary, models

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

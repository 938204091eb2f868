"""``bilingual models``: list, install and remove Argos Translate model packages.

Mounted by the root app as ``app.add_typer(models.app, name="models")``. The library does
the work (:mod:`bilingual.packages`); heavy modules are imported inside the commands.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import domain_errors, progress_enabled

if TYPE_CHECKING:
    from ..packages import InstallResult, Limits

app = typer.Typer(
    help="Install, list and remove the Argos Translate model packages bilingual translates with.",
    no_args_is_help=True,
)


@app.command("list")
def list_command() -> None:
    """Show each installed package: from→to, version, size and folder."""
    with domain_errors():
        from ..packages import clean_stale, list_installed, packages_dir

        clean_stale()  # every models command first removes what killed installs left behind
        packages = list_installed()
        if not packages:
            typer.echo(
                f"no packages installed in {packages_dir()}; "
                "run `bilingual models install --index zh ja` or `bilingual models install FILE`"
            )
            return
        rows = [(p.meta.pair, p.meta.version, _size(p.size), str(p.path)) for p in packages]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for pair, version, size, path in rows:
            typer.echo(f"{pair:<{widths[0]}}  {version:<{widths[1]}}  {size:>{widths[2]}}  {path}")


@app.command("install")
def install_command(
    items: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE|LANG",
            help="Package files to install; with --index, target language codes (zh ja).",
            show_default=False,
        ),
    ] = None,
    index: Annotated[
        bool,
        typer.Option(
            "--index",
            help="Install en→LANG for each LANG from the Argos package index "
            "(ARGOS_PACKAGE_INDEX or Argos's settings).",
        ),
    ] = False,
    both_ways: Annotated[
        bool, typer.Option("--both-ways", help="With --index, also install LANG→en for each LANG.")
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help="Deadline for each network operation (the index, each package), retries included "
            "[default: BILINGUAL_NETWORK_TIMEOUT or 20].",
            show_default=False,
        ),
    ] = None,
    max_index_mb: Annotated[
        float | None,
        typer.Option(
            "--max-index-mb",
            metavar="MB",
            help="Largest index accepted [default: BILINGUAL_MAX_INDEX_MB or 16].",
            show_default=False,
        ),
    ] = None,
    max_package_mb: Annotated[
        float | None,
        typer.Option(
            "--max-package-mb",
            metavar="MB",
            help="Largest package accepted, downloaded and unpacked [default: BILINGUAL_MAX_PACKAGE_MB or 2048].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Install packages from .argosmodel files, or with --index from the Argos package index."""
    with domain_errors():
        from ..errors import ModelError
        from ..packages import clean_stale, limits_from_env

        clean_stale()
        limits = limits_from_env(timeout, max_index_mb, max_package_mb)
        items = items or []
        if not items:
            raise ModelError("name package files, or --index and target languages (e.g. --index zh ja)")
        if both_ways and not index:
            raise ModelError("--both-ways needs --index, e.g. `bilingual models install --index zh ja --both-ways`")
        results = _install_index(items, both_ways, limits) if index else _install_files([Path(i) for i in items], limits)
        for result in results:
            typer.echo(result.message)


@app.command("remove")
def remove_command(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Source language code, e.g. en.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Target language code, e.g. zh.")],
) -> None:
    """Remove the installed FROM→TO package."""
    with domain_errors():
        from ..packages import clean_stale, remove_package

        clean_stale()
        for package in remove_package(source.strip().lower(), target.strip().lower()):
            typer.echo(f"removed {package.meta.pair} {package.meta.version} from {package.path.parent}")


def _install_files(files: list[Path], limits: Limits) -> list[InstallResult]:
    from ..packages import install_archive, validate_archive

    checked = [validate_archive(file, limits) for file in files]  # refuse before installing any
    return [install_archive(info, limits=limits) for info in checked]


def _install_index(codes: list[str], both_ways: bool, limits: Limits) -> list[InstallResult]:
    from ..packages import install_from_index

    with _download_progress() as progress:
        return install_from_index(codes, both_ways=both_ways, limits=limits, progress=progress)


@contextlib.contextmanager
def _download_progress() -> Iterator[Callable[[str, int, int | None], None] | None]:
    """A rich progress bar per download on a terminal; nothing otherwise."""
    if not progress_enabled():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    tasks: dict[str, int] = {}

    def report(label: str, done: int, total: int | None) -> None:
        if label not in tasks:
            tasks[label] = bar.add_task(f"downloading {label}", total=total)
        bar.update(tasks[label], completed=done, total=total)

    with bar:
        yield report


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"

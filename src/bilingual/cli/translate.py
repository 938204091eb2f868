"""``bilingual translate``: Markdown sources → PO files (the translation memory) → zh/ja editions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_VIOLATIONS, domain_errors, languages, progress_enabled, terminate_as_interrupt


def translate_command(
    paths: Annotated[list[Path], typer.Argument(help="Markdown files, issue folders (holding en.md), or folders of either.")],
    to: Annotated[str, typer.Option("--to", help="Target languages, comma-separated.")] = "zh,ja",
    engine: Annotated[str, typer.Option("--engine", "-e", help="argos, identity or pseudo.")] = "argos",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write PO files, editions and views under this folder; the sources' own PO files are read, never changed.")] = None,
    glossary: Annotated[list[Path] | None, typer.Option("--glossary", "-g", help="Glossary files or folders (default: ./glossary if it exists).")] = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Translate without enforcing a glossary.")] = False,
    memory: Annotated[list[Path] | None, typer.Option("--memory", "-m", help="More PO files or folders whose approved translations are reused (as fuzzy).")] = None,
    approved_only: Annotated[bool, typer.Option("--approved-only", help="Build editions from approved PO entries only; leave the rest in English and list it. No engine runs, no PO file changes.")] = False,
    no_align: Annotated[bool, typer.Option("--no-align", help="Do not write aligned.md, aligned.html and NNN.tmx (the report is written either way).")] = False,
    beam_size: Annotated[int | None, typer.Option("--beam-size", min=1, help="argos: beam size (1 = greedy). Default: ARGOS_BEAM_SIZE, else 2.")] = None,
    compute_type: Annotated[str | None, typer.Option("--compute-type", help="argos: CTranslate2 compute type (int8, int8_float16, float16, auto…). Default: ARGOS_COMPUTE_TYPE, else int8 on CPU, int8_float16 on CUDA.")] = None,
    threads: Annotated[int | None, typer.Option("--threads", min=0, help="argos: CPU threads in all (0 = pick for this machine). Default: ARGOS_INTER_THREADS × ARGOS_INTRA_THREADS, else picked.")] = None,
    device: Annotated[str | None, typer.Option("--device", help="argos: cpu, cuda or auto (cuda when CTranslate2 sees a GPU). Default: ARGOS_DEVICE_TYPE, else cpu.")] = None,
    retranslate: Annotated[str | None, typer.Option("--retranslate", help="Send these unapproved entries to the engine again: machine (machine output), fuzzy (and suggestions from other issues' memory), all-unapproved (and a person's unapproved text, kept as a comment). Approved entries never.")] = None,
    changed: Annotated[str | None, typer.Option("--changed", help="What the edition shows for a changed sentence with a human translation: previous (the human text, fuzzy) or machine (the engine's translation of the new sentence). Default: [memory] changed in bilingual.toml, else previous.")] = None,
) -> None:
    """Translate PATHS into the --to languages, keeping every human correction.

    Each issue gets one PO file per language (zh.po, ja.po): approved entries are used as they
    are, fuzzy ones are reused, and only new or changed sentences go to the engine, as one batch.
    A file whose source, PO files and editions are unchanged since the last run is skipped.
    """
    langs = languages(to)
    with domain_errors(), terminate_as_interrupt():
        from ..api import engine as make_engine
        from ..api import translate
        from ..memory.settings import CHANGED, RETRANSLATE, checked_choice, memory_settings
        from ..run import RunOptions
        from .validate import unapproved_lines

        retranslate = checked_choice(retranslate, RETRANSLATE, "--retranslate")
        changed = checked_choice(changed, CHANGED, "--changed") or memory_settings(Path.cwd()).changed
        terms = None if approved_only else load_run_glossary(glossary, no_glossary)
        argos = _argos_settings(engine, approved_only, beam_size, compute_type, threads, device)
        chosen = make_engine("identity" if approved_only else engine, argos.options if argos else None)
        options = RunOptions(chosen, tuple(langs), terms, out, tuple(memory or ()), approved_only=approved_only,
                             align=not no_align, retranslate=retranslate, changed=changed)
        summary = _run_with_progress(lambda progress: translate(paths, options, progress))
    from ..errors import printable

    for warning in summary.warnings:
        typer.echo(printable(f"bilingual: warning: {warning}"), err=True)
    from ..document.protect import active

    severity = active().untranslated_source  # [translate] untranslated-source: as check reports it
    for leak in summary.leaks:
        typer.echo(printable(f"bilingual: {severity}: {leak}"), err=True)
    written = summary.written
    if approved_only:
        for line in unapproved_lines(summary.unapproved):
            typer.echo(printable(line), err=True)
        typer.echo(
            f"built {summary.jobs} file(s) in {', '.join(langs)} from approved translations: "
            f"{summary.total('approved')} approved, {len(summary.unapproved)} left in English, {len(written)} file(s) written"
        )
        return
    unchanged = f" ({summary.skipped} unchanged, skipped)" if summary.skipped else ""
    if argos is not None and summary.engine_calls:
        typer.echo(argos.summary())
    typer.echo(
        f"translated {summary.jobs} file(s){unchanged} into {', '.join(langs)}: {summary.total('approved')} approved, "
        f"{summary.total('memory')} from memory, {summary.total('cross-issue')} from other issues, "
        f"{summary.engine_calls} sentence(s) sent to {engine}; {len(written)} file(s) written"
    )
    if summary.leaks and severity == "error":
        raise typer.Exit(EXIT_VIOLATIONS)


def _argos_settings(engine: str, approved_only: bool, beam_size, compute_type, threads, device):
    """The Argos engine's options (flags, else Argos's settings, else defaults), or None."""
    if engine != "argos" or approved_only:
        return None
    from ..engines.settings import ArgosFlags, resolve_argos

    return resolve_argos(ArgosFlags(device, beam_size, compute_type, threads))


def load_run_glossary(paths: list[Path] | None, disabled: bool):
    """The glossary a run enforces: --glossary paths, else ./glossary when it exists, else none."""
    from ..glossary.load import glossary_for_run

    return glossary_for_run(paths, disabled)


def _run_with_progress(work):
    """Run ``work(progress)`` with a progress bar on a terminal (its total grows batch by batch)."""
    from ..run import Progress

    if not progress_enabled():
        return work(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

    with Bar(TextColumn("translating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("translate", total=0)
        planned = lambda n: bar.update(task, total=(bar.tasks[0].total or 0) + n)  # noqa: E731
        return work(Progress(planned, lambda n: bar.advance(task, n)))

"""Loading an Argos package for the engine: its CTranslate2 translator and its tokenizer, in the
calling thread (:func:`load_package`) or in a background thread (:func:`load_in_background`),
so that a run reads and parses its documents while the model loads.

``ctranslate2`` and the tokenizer libraries are imported by the load, never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from ..packages import InstalledPackage
from .tokenizers import Tokenizer, load_tokenizer, tokenizer_files
from .unknown import model_unk_token

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .argos import ArgosOptions


@dataclass(frozen=True)
class LoadedPackage:
    """A package with its model and tokenizer loaded."""

    package: InstalledPackage
    translator: Any  # ctranslate2.Translator
    tokenizer: Tokenizer
    unk_token: str = "<unk>"


def load_package(package: InstalledPackage, options: ArgosOptions) -> LoadedPackage:
    """The package's translator (with ``options``' device, compute type and threads) and tokenizer.

    Raises :class:`ModelError` naming the package for a model CTranslate2 cannot load, and for a
    package without a tokenizer (before the model loads).
    """
    import ctranslate2

    tokenizer_files(package.path)  # a package without a tokenizer fails before the model loads
    try:
        translator = ctranslate2.Translator(
            str(package.path / "model"),
            device=options.device,
            device_index=list(options.device_index),
            compute_type=options.compute_type,
            inter_threads=options.inter_threads,
            intra_threads=options.intra_threads,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"cannot load the model of {package.meta.label} ({one_line(exc)})", package.path) from None
    tokenizer = load_tokenizer(package.path, package.meta.from_code, package.meta.to_code)
    return LoadedPackage(package, translator, tokenizer, model_unk_token(package.path / "model"))


def load_in_background(package: InstalledPackage, options: ArgosOptions) -> Future[LoadedPackage]:
    """:func:`load_package` started in a thread of its own; ``result()`` waits for it and gives the
    loaded package or raises what the load raised. The thread ends with the load, and the process
    waits for it before exiting (never torn down in the middle of CTranslate2's load)."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"bilingual-load-{package.meta.label}")
    try:
        return pool.submit(load_package, package, options)
    finally:
        pool.shutdown(wait=False)


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (its type's name when it has none)."""
    return " ".join(str(exc).split()) or type(exc).__name__

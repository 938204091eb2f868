"""Engines by name: one explicit, ordered registry. Heavy engines are imported only when made."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .base import Engine

if TYPE_CHECKING:
    from .argos import ArgosOptions

#: What makes an engine: the Argos options (used by the Argos engine alone) in, a ready engine out.
EngineFactory = Callable[["ArgosOptions | None"], Engine]


def _argos(options: ArgosOptions | None) -> Engine:
    from .argos import ArgosEngine
    from .cache import CachedEngine

    return CachedEngine(ArgosEngine(options))


def _identity(options: ArgosOptions | None) -> Engine:
    from .identity import IdentityEngine

    return IdentityEngine()


def _pseudo(options: ArgosOptions | None) -> Engine:
    from .pseudo import PseudoEngine

    return PseudoEngine()


#: Every engine ``--engine`` can name, in the order messages list them. A program embedding
#: bilingual may add its own (``ENGINES["mine"] = factory``) before it runs the CLI.
ENGINES: dict[str, EngineFactory] = {"argos": _argos, "identity": _identity, "pseudo": _pseudo}


def make_engine(name: str, argos: ArgosOptions | None = None) -> Engine:
    """The engine called ``name``, ready to use. ``argos`` configures the Argos engine."""
    from ..errors import InputError

    factory = ENGINES.get(name)
    if factory is None:
        raise InputError(f"unknown engine '{name}'; choose one of: {', '.join(ENGINES)}")
    return factory(argos)

"""Engines by name. Heavy engines are imported only when asked for."""

from __future__ import annotations

from .base import Engine

ENGINES = ("argos", "identity", "pseudo")


def make_engine(name: str) -> Engine:
    """The engine called ``name``, ready to use."""
    from ..errors import InputError

    if name == "identity":
        from .identity import IdentityEngine

        return IdentityEngine()
    if name == "pseudo":
        from .pseudo import PseudoEngine

        return PseudoEngine()
    if name == "argos":
        from .argos import ArgosEngine

        return ArgosEngine()
    raise InputError(f"unknown engine '{name}'; choose one of: {', '.join(ENGINES)}")

"""bilingual: offline EN→ZH/JA newsletter translation with an enforced glossary.

The library face (see :mod:`bilingual.api`): :func:`translate`, :func:`check`, :func:`publish`,
:func:`load_glossary`, :func:`segment`, :func:`engine` and :class:`RunOptions`. Importing
``bilingual`` imports none of them until one is used, so ``bilingual --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = ["RunOptions", "__version__", "check", "engine", "load_glossary", "publish", "segment", "translate"]

if TYPE_CHECKING:
    from .api import check, engine, load_glossary, publish, segment, translate
    from .run.options import RunOptions


def __getattr__(name: str) -> Any:
    if name == "RunOptions":
        from .run.options import RunOptions

        return RunOptions
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'bilingual' has no attribute {name!r}")

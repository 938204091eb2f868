"""What one run of ``bilingual translate`` is asked to do, besides which files: one frozen value
the CLI builds from its flags (or a Python caller builds itself) and every step of the run reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..languages import TARGETS

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..glossary.schema import Glossary
    from ..memory.merge import Policy

#: Source bytes per batch: enough documents for the engine to batch well, few enough to bound memory.
BATCH_BYTES = 1 << 17


@dataclass(frozen=True)
class RunOptions:
    """One run's options.

    ``engine`` translates what the PO memory does not hold (any :class:`~bilingual.engines.base.Engine`;
    ``bilingual.engine("argos")`` gives the named ones, the Argos engine with its cache of recent
    translations). ``glossary`` is enforced while translating (None: no glossary). ``languages``
    are the target languages, ``out`` a folder to write into instead of beside the sources (whose
    PO files are then read, never changed), ``memory`` more PO files or folders whose approved
    entries are reused. ``approved_only`` builds editions from approved entries alone (no engine
    runs, no PO file changes). ``align`` writes the aligned edition and TMX beside each edition.
    ``batch_bytes`` bounds a batch's source size, and so a run's memory. ``retranslate``
    (``machine``, ``fuzzy`` or ``all-unapproved``) sends those entries back to the engine (approved
    ones never); ``changed`` (``previous`` or ``machine``) is what the edition shows for a sentence
    whose English changed under a human translation (see :class:`bilingual.memory.merge.Policy`).
    Machine entries another engine or model made are translated again in any case.
    """

    engine: Engine
    languages: tuple[str, ...] = TARGETS
    glossary: Glossary | None = None
    out: Path | None = None
    memory: tuple[Path, ...] = ()
    approved_only: bool = False
    align: bool = True
    batch_bytes: int = BATCH_BYTES
    retranslate: str | None = None
    changed: str = "previous"

    def __post_init__(self) -> None:
        # Sequences given as lists are kept as tuples, so options stay hashable and unchanged.
        object.__setattr__(self, "languages", tuple(self.languages))
        object.__setattr__(self, "memory", tuple(Path(p) for p in self.memory))

    @property
    def policy(self) -> Policy:
        """What the PO memory sends back to the engine and shows for a changed sentence."""
        from ..memory.merge import Policy

        return Policy(retranslate=self.retranslate, changed=self.changed)

    @property
    def enforced(self) -> Glossary | None:
        """The glossary the run enforces: none when only approved entries are used."""
        return None if self.approved_only else self.glossary


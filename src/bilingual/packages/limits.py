"""The bounds every package operation runs under: time, download sizes, archive sizes.

Defaults can be changed with environment variables (``BILINGUAL_NETWORK_TIMEOUT`` in seconds,
``BILINGUAL_MAX_INDEX_MB``, ``BILINGUAL_MAX_PACKAGE_MB``) and, above those, with the options of
``bilingual models install``. A megabyte here is 2**20 bytes.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from ..errors import ModelError

MB = 1 << 20
TIMEOUT_ENV = "BILINGUAL_NETWORK_TIMEOUT"
MAX_INDEX_ENV = "BILINGUAL_MAX_INDEX_MB"
MAX_PACKAGE_ENV = "BILINGUAL_MAX_PACKAGE_MB"


@dataclass(frozen=True)
class Limits:
    """Bounds for fetching the index, downloading packages and unpacking them.

    ``timeout_s`` is one wall-clock deadline per network operation (fetching the index, or
    downloading one package): name resolution, connecting, the answer, the body and every
    retry together. A body that is still arriving at the deadline may continue only while it
    has averaged ``min_rate`` bytes/s since the operation began (and no read waits longer
    than ``timeout_s``), so a large package on a working connection finishes and a server
    that drips bytes, at any pace below ``min_rate``, is cut off at the deadline.

    No pace escapes the total budget: the index gets :attr:`undeclared_budget_s`
    (``budget_factor`` × ``timeout_s``); a package ``timeout_s`` plus its declared size
    (``Content-Length``, at most ``max_package_bytes``) at ``min_rate``, or
    :attr:`undeclared_budget_s` when it declares none.
    """

    timeout_s: float = 20.0
    max_index_bytes: int = 16 * MB
    max_package_bytes: int = 2048 * MB  # the download, and the package unpacked
    retries: int = 2
    backoff_s: float = 0.5  # wait before retry n: backoff_s * 2**(n-1), within the deadline
    min_rate: float = 64 * 1024  # bytes/s a body must have averaged to run past timeout_s
    budget_factor: float = 3.0  # the index (or a package of undeclared size) never takes longer than this × timeout_s
    max_ratio: float = 100.0  # unpacked / compressed, per member and for the whole archive
    max_members: int = 10_000
    max_metadata_bytes: int = 1 * MB


    @property
    def undeclared_budget_s(self) -> float:
        """The total budget of an operation whose size is not declared (the index, a package without ``Content-Length``)."""
        return self.budget_factor * self.timeout_s


def limits_from_env(
    timeout_s: float | None = None, max_index_mb: float | None = None, max_package_mb: float | None = None
) -> Limits:
    """:class:`Limits` from the given values, else the environment, else the defaults.

    Raises :class:`ModelError` naming the variable or option whose value is not a positive number.
    """
    default = Limits()
    timeout = _pick(timeout_s, "--timeout", TIMEOUT_ENV, "seconds")
    index_mb = _pick(max_index_mb, "--max-index-mb", MAX_INDEX_ENV, "megabytes")
    package_mb = _pick(max_package_mb, "--max-package-mb", MAX_PACKAGE_ENV, "megabytes")
    return Limits(
        timeout_s=default.timeout_s if timeout is None else timeout,
        max_index_bytes=default.max_index_bytes if index_mb is None else int(index_mb * MB),
        max_package_bytes=default.max_package_bytes if package_mb is None else int(package_mb * MB),
    )


def megabytes(size: int) -> str:
    """``16 MB``: a byte limit as the user sets it."""
    value = size / MB
    return f"{value:g} MB" if value >= 1 else f"{size} bytes"


def _pick(given: float | None, option: str, variable: str, unit: str) -> float | None:
    if given is not None:
        return _positive(given, option, unit)
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ModelError(f"{variable}={raw!r} is not a number of {unit}; set a positive number or unset it") from None
    return _positive(value, variable, unit)


def _positive(value: float, name: str, unit: str) -> float:
    if not math.isfinite(value) or value <= 0:
        raise ModelError(f"{name} must be a positive number of {unit}, not {value:g}")
    return value

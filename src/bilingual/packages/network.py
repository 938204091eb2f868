"""Time-bounded fetches with urllib: every request has a timeout and a bounded number of retries.

Argos's own helpers (``get_available_packages``, ``update_package_index``) retry without
bound when offline, so bilingual never calls them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar
from urllib.parse import urlsplit

from .. import __version__

Progress = Callable[[int, int | None], None]  # (bytes so far, total bytes if known)
SCHEMES = ("http", "https", "file")
CHUNK = 1 << 16
T = TypeVar("T")


@dataclass(frozen=True)
class NetworkOptions:
    """Bounds for every request: ``timeout_s`` per connect and per read, ``retries`` after the first try."""

    timeout_s: float = 10.0
    retries: int = 2
    backoff_s: float = 0.5  # wait before retry n: backoff_s * 2**(n-1)


class FetchError(Exception):
    """A fetch that failed for good; ``str()`` is a short reason. Callers wrap it in a domain error."""

    def __init__(self, reason: str, retry: bool = True):
        self.reason = reason
        self.retry = retry
        super().__init__(reason)


def fetch_bytes(url: str, options: NetworkOptions) -> bytes:
    """The body at ``url``, or :class:`FetchError` after the bounded retries."""

    def attempt() -> bytes:
        with _open(url, options) as response:
            return _read_all(response, options)

    return _with_retries(attempt, options)


def download(url: str, folder: Path, options: NetworkOptions, progress: Progress | None = None) -> Path:
    """Download ``url`` to a new temporary file in ``folder`` and return its path.

    The file is removed again if the download fails. Raises :class:`FetchError`.
    """

    def attempt() -> Path:
        fd, name = tempfile.mkstemp(prefix=".bilingual-download-", suffix=".argosmodel", dir=folder)
        try:
            with os.fdopen(fd, "wb") as sink, _open(url, options) as response:
                _stream(response, sink, options, progress)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        return Path(name)

    return _with_retries(attempt, options)


def _with_retries(attempt: Callable[[], T], options: NetworkOptions) -> T:
    tries = max(0, options.retries) + 1
    for number in range(1, tries + 1):
        try:
            return attempt()
        except FetchError as exc:
            if not exc.retry or number == tries:
                raise
        time.sleep(options.backoff_s * 2 ** (number - 1))
    raise AssertionError("unreachable")


@contextlib.contextmanager
def _translate_errors(options: NetworkOptions) -> Iterator[None]:
    try:
        yield
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}", retry=exc.code >= 500 or exc.code == 429) from None
    except urllib.error.URLError as exc:
        raise _reason(exc.reason, options) from None
    except (OSError, ValueError) as exc:
        raise _reason(exc, options) from None


@contextlib.contextmanager
def _open(url: str, options: NetworkOptions) -> Iterator[BinaryIO]:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"unsupported URL scheme {scheme or '(none)'!r}; use http, https or file", retry=False)
    request = urllib.request.Request(url, headers={"User-Agent": f"bilingual/{__version__}"})
    with _translate_errors(options):
        response = urllib.request.urlopen(request, timeout=options.timeout_s)  # noqa: S310 (schemes checked)
    try:
        yield response
    finally:
        response.close()


def _read_all(response: BinaryIO, options: NetworkOptions) -> bytes:
    chunks: list[bytes] = []
    _stream(response, None, options, None, chunks)
    return b"".join(chunks)


def _stream(
    response: BinaryIO,
    sink: BinaryIO | None,
    options: NetworkOptions,
    progress: Progress | None,
    chunks: list[bytes] | None = None,
) -> None:
    headers = getattr(response, "headers", None)
    length = headers.get("Content-Length") if headers is not None else None
    total = int(length) if length and str(length).isdigit() else None
    done = 0
    with _translate_errors(options):
        while True:
            chunk = response.read(CHUNK)
            if not chunk:
                break
            done += len(chunk)
            if sink is not None:
                sink.write(chunk)
            if chunks is not None:
                chunks.append(chunk)
            if progress is not None:
                progress(done, total)
    if total is not None and done != total:
        raise FetchError(f"incomplete transfer ({done} of {total} bytes)")


def _reason(cause: object, options: NetworkOptions) -> FetchError:
    if isinstance(cause, TimeoutError | socket.timeout):
        return FetchError(f"timed out after {options.timeout_s:g} s")
    if isinstance(cause, ConnectionRefusedError):
        return FetchError("connection refused")
    if isinstance(cause, socket.gaierror):
        return FetchError(f"host name not resolved ({cause.strerror or cause})")
    if isinstance(cause, FileNotFoundError | IsADirectoryError | PermissionError):
        return FetchError(cause.strerror.lower() if cause.strerror else str(cause), retry=False)
    if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return FetchError("network unreachable")
    if isinstance(cause, OSError) and cause.strerror:
        return FetchError(cause.strerror.lower())
    return FetchError(str(cause) or type(cause).__name__)

"""Bounded fetches: one deadline per operation, a size cap per kind of file, content checked.

An operation (fetching the index, downloading one package from any of its links) runs under
one :class:`~.deadline.Deadline` that covers connecting, the answer, the body and every retry.
Its size cap is checked against a declared ``Content-Length`` before any byte is written and
again while the body streams in; an answer whose ``Content-Type`` says it is something else
(an HTML login or error page) is refused. Argos's own helpers (``get_available_packages``,
``update_package_index``) retry without bound when offline, so bilingual never calls them.
"""

from __future__ import annotations

import contextlib
import errno
import http.client
import os
import socket
import ssl
import tempfile
import urllib.error
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar
from urllib.parse import urlsplit

from ..version import __version__
from .deadline import Deadline, DeadlineExpired
from .limits import MAX_INDEX_ENV, MAX_PACKAGE_ENV, TIMEOUT_ENV, Limits, megabytes
from .transport import WEB_SCHEMES, Refused, open_file, open_web

Progress = Callable[[int, int | None], None]  # (bytes so far, total bytes if known)
CHUNK = 1 << 16
DOWNLOAD_PREFIX = ".bilingual-download-"
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/xhtml")
T = TypeVar("T")


@dataclass(frozen=True)
class Kind:
    """What is fetched: a name for messages, its size cap, and the content types it may have."""

    name: str
    max_bytes: int
    raise_with: str  # the option and variable that raise the cap
    textual: bool  # an index is text (JSON); a package must not be

    def accepts(self, content_type: str) -> bool:
        if not content_type:
            return True
        if self.textual:
            return content_type in ("application/json", "text/json", "text/plain", "application/octet-stream")
        return not (content_type.startswith(_TEXT_TYPES) or content_type.endswith(("+xml", "+json")))


def index_kind(limits: Limits) -> Kind:
    return Kind("index", limits.max_index_bytes, f"--max-index-mb or {MAX_INDEX_ENV}", textual=True)


def package_kind(limits: Limits) -> Kind:
    return Kind("package", limits.max_package_bytes, f"--max-package-mb or {MAX_PACKAGE_ENV}", textual=False)


class FetchError(Exception):
    """A fetch that failed for good; ``reason`` is short. ``refused``: the answer came but is unusable."""

    def __init__(self, reason: str, retry: bool = True, refused: bool = False):
        self.reason = reason
        self.retry = retry and not refused
        self.refused = refused
        super().__init__(reason)


def timeout_reason(limits: Limits) -> str:
    return f"no complete answer within {limits.timeout_s:g} s (raise --timeout or {TIMEOUT_ENV} if the network is slow)"


def fetch_bytes(url: str, limits: Limits, kind: Kind) -> bytes:
    """The body at ``url`` (at most ``kind.max_bytes``), or :class:`FetchError`."""
    with Deadline(limits.timeout_s, limits.min_rate, limits.undeclared_budget_s) as deadline:

        def attempt() -> bytes:
            chunks: list[bytes] = []
            with _open(url, deadline, kind) as (response, total):
                _stream(response, total, chunks.append, deadline, kind, None)
            return b"".join(chunks)

        return _with_retries(attempt, deadline, limits)


def download(
    links: Sequence[str], folder: Path, limits: Limits, kind: Kind, progress: Progress | None = None
) -> tuple[Path, str]:
    """Download the first of ``links`` that works to a new hidden file in ``folder``: (path, link).

    All links share one deadline. No file is created before the answer's headers passed the
    checks; it is removed again if the download fails. Raises :class:`FetchError` naming each
    link and its reason; :class:`OSError` when the file cannot be written.
    """
    failures = []
    with Deadline(limits.timeout_s, limits.min_rate, limits.timeout_s) as deadline:
        for link in links:

            def attempt(link: str = link) -> Path:
                with _open(link, deadline, kind) as (response, total):
                    deadline.declare(total, limits.undeclared_budget_s)  # a package's budget follows its size
                    return _save(response, total, folder, deadline, kind, progress)

            try:
                return _with_retries(attempt, deadline, limits), link
            except FetchError as exc:
                failures.append((link, exc))
                if deadline.expired:
                    break
    refused = all(exc.refused for _, exc in failures)
    raise FetchError("; ".join(f"{link}: {exc.reason}" for link, exc in failures), retry=False, refused=refused)


def _with_retries(attempt: Callable[[], T], deadline: Deadline, limits: Limits) -> T:
    """Run ``attempt`` until it works, fails for good, or the deadline passes (backoff included)."""
    tries = max(0, limits.retries) + 1
    for number in range(1, tries + 1):
        deadline.new_attempt()
        try:
            return attempt()
        except DeadlineExpired:
            raise FetchError(timeout_reason(limits), retry=False) from None
        except FetchError as exc:
            if deadline.expired:
                raise FetchError(timeout_reason(limits), retry=False) from None
            if not exc.retry or number == tries:
                raise
        deadline.sleep(limits.backoff_s * 2 ** (number - 1))
        if deadline.expired:
            raise FetchError(timeout_reason(limits), retry=False)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def _open(url: str, deadline: Deadline, kind: Kind) -> Iterator[tuple[BinaryIO, int | None]]:
    """The body of ``url`` as a stream and its declared size, after the checks on the headers."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in (*WEB_SCHEMES, "file"):
        raise FetchError(f"unsupported URL scheme {scheme or '(none)'!r}; use http, https or file", refused=True)
    with _errors(deadline):
        if scheme == "file":
            stream, total = open_file(url)
        else:
            headers = {"User-Agent": f"bilingual/{__version__}", "Accept-Encoding": "identity"}
            response = open_web(url, headers, deadline)
            stream, total = response, response.length  # None for a chunked body
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            if not kind.accepts(content_type):
                response.close()
                raise FetchError(
                    f"the server answered with Content-Type {content_type}, not a{'n' if kind.textual else ''} "
                    f"{kind.name}{' (JSON)' if kind.textual else ' file'}; check the URL (a login or error page?)",
                    refused=True,
                )
    try:
        if total is not None and total > kind.max_bytes:
            raise FetchError(
                f"Content-Length {total} is larger than the {megabytes(kind.max_bytes)} limit for the {kind.name}; "
                f"raise {kind.raise_with} if you trust it",
                refused=True,
            )
        yield stream, total
    finally:
        stream.close()


def _save(
    response: BinaryIO, total: int | None, folder: Path, deadline: Deadline, kind: Kind, progress: Progress | None
) -> Path:
    fd, name = tempfile.mkstemp(prefix=f"{DOWNLOAD_PREFIX}{os.getpid()}-", suffix=".argosmodel", dir=folder)
    try:
        with os.fdopen(fd, "wb") as sink:
            _stream(response, total, sink.write, deadline, kind, progress)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _stream(
    response: BinaryIO,
    total: int | None,
    sink: Callable[[bytes], object],
    deadline: Deadline,
    kind: Kind,
    progress: Progress | None,
) -> None:
    """Copy the body in small reads, checking the deadline and the cap between them."""
    read = getattr(response, "read1", response.read)
    done = 0
    with _errors(deadline):
        while True:
            deadline.check()
            chunk = read(CHUNK)
            if deadline.expired:  # the watchdog shut the socket: what came last may be cut short
                raise DeadlineExpired
            if not chunk:
                break
            done += len(chunk)
            deadline.received(len(chunk))
            if done > kind.max_bytes:
                raise FetchError(
                    f"the {kind.name} is larger than the {megabytes(kind.max_bytes)} limit "
                    f"(stopped after {done} bytes); raise {kind.raise_with} if you trust it",
                    refused=True,
                )
            sink(chunk)
            if progress is not None:
                progress(done, total)
    if total is not None and done != total:
        raise FetchError(f"incomplete transfer ({done} of {total} bytes)")


@contextlib.contextmanager
def _errors(deadline: Deadline) -> Iterator[None]:
    """urllib's, http.client's and the socket's errors as :class:`FetchError` (or the deadline)."""
    try:
        yield
    except Refused as exc:
        raise FetchError(str(exc), refused=True) from None
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection of the answer
        if deadline.expired:
            raise DeadlineExpired from None
        if 300 <= exc.code < 400:
            raise FetchError(f"too many redirects (HTTP {exc.code})", refused=True) from None
        raise FetchError(f"HTTP {exc.code} {exc.reason}", retry=exc.code >= 500 or exc.code == 429) from None
    except urllib.error.URLError as exc:
        if deadline.expired:
            raise DeadlineExpired from None
        if isinstance(exc.reason, Refused):
            raise FetchError(str(exc.reason), refused=True) from None
        raise _reason(exc.reason) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise DeadlineExpired from None
        raise _reason(exc) from None


def _reason(cause: object) -> FetchError:
    if isinstance(cause, TimeoutError | socket.timeout):
        return FetchError("timed out")
    if isinstance(cause, ConnectionRefusedError):
        return FetchError("connection refused")
    if isinstance(cause, socket.gaierror):
        return FetchError(f"host name not resolved ({cause.strerror or cause})")
    if isinstance(cause, ssl.SSLCertVerificationError):
        return FetchError(f"TLS certificate not trusted ({cause.verify_message or cause})", retry=False)
    if isinstance(cause, FileNotFoundError | IsADirectoryError | PermissionError | NotADirectoryError):
        return FetchError(cause.strerror.lower() if cause.strerror else str(cause), retry=False)
    if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return FetchError("network unreachable")
    if isinstance(cause, OSError) and cause.strerror:
        return FetchError(cause.strerror.lower())
    text = " ".join(str(cause).split())
    return FetchError(text or type(cause).__name__)

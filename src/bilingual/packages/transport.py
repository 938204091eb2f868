"""Opening one URL under a :class:`~.deadline.Deadline`: http(s) through urllib, ``file:`` directly.

urllib keeps what users rely on (proxies from the environment, TLS verification, redirects),
with three changes: every connection is bounded by the deadline (name resolution included),
a redirect may only lead to http or https (never from https down to http, never to ``file:``
or ``ftp:``), and at most a few redirects are followed. A ``file:`` URL is opened without
blocking and must name a regular file, so a named pipe or ``/dev/zero`` is refused at once.
"""

from __future__ import annotations

import functools
import http.client
import os
import socket
import stat
import threading
import urllib.request
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from .deadline import Deadline, DeadlineExpired

WEB_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5


class Refused(Exception):
    """A URL or an answer bilingual will not use; ``str()`` is the reason. Never retried."""


# -- http(s) ---------------------------------------------------------------------------------


def open_web(url: str, headers: dict[str, str], deadline: Deadline) -> http.client.HTTPResponse:
    """The response to ``GET url`` (after safe redirects). Raises urllib's errors, :class:`Refused`
    and :class:`DeadlineExpired`."""
    opener = urllib.request.build_opener(
        _Handler(deadline), _SecureHandler(deadline), _SafeRedirects()
    )
    request = urllib.request.Request(url, headers=headers)
    return opener.open(request, timeout=deadline.check())


class _Bounded:
    """Mixed into http.client's connections: sockets come from :func:`_connect`, reads are bounded."""

    _deadline: Deadline

    def _bounded_connect(self, address: tuple[str, int], timeout: object = None, source: Any = None) -> socket.socket:
        return _connect(address, self._deadline, source)

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]  # for HTTPS this includes the TLS handshake
        self._deadline.use(self.sock)  # type: ignore[attr-defined]


class _BoundedHTTP(_Bounded, http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: Deadline, **options: Any):
        super().__init__(*args, **options)
        self._deadline = deadline
        self._create_connection = self._bounded_connect


class _BoundedHTTPS(_Bounded, http.client.HTTPSConnection):
    def __init__(self, *args: Any, deadline: Deadline, **options: Any):
        super().__init__(*args, **options)
        self._deadline = deadline
        self._create_connection = self._bounded_connect


class _Handler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_BoundedHTTP, deadline=self._deadline), req)


class _SecureHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        context = getattr(self, "_context", None)
        return self.do_open(functools.partial(_BoundedHTTPS, deadline=self._deadline), req, context=context)


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]  # urllib's signature
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location)
            old, new = urlsplit(req.full_url).scheme.lower(), urlsplit(target).scheme.lower()
            if new not in WEB_SCHEMES or (old == "https" and new == "http"):
                fp.close()
                raise Refused(f"redirect to {target} refused (only to http or https, never from https to http)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _connect(address: tuple[str, int], deadline: Deadline, source: Any) -> socket.socket:
    """``socket.create_connection`` with name resolution and each connect inside the deadline."""
    host, port = address
    error: OSError | None = None
    for family, kind, proto, _name, where in _resolve(host, port, deadline):
        sock = socket.socket(family, kind, proto)
        try:
            deadline.watch(sock)
            sock.settimeout(deadline.check())
            if source:
                sock.bind(source)
            sock.connect(where)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
        except DeadlineExpired:
            sock.close()
            raise
    raise error if error is not None else OSError(f"no address for {host}")


def _resolve(host: str, port: int, deadline: Deadline) -> list[tuple[Any, ...]]:
    """``getaddrinfo`` in a helper thread, so a resolver that hangs cannot outlast the deadline."""
    answer: list[Any] = []

    def run() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
        except OSError as exc:
            answer.append(exc)

    thread = threading.Thread(target=run, daemon=True, name=f"resolve {host}")
    thread.start()
    thread.join(deadline.check())
    if not answer:
        raise DeadlineExpired
    if isinstance(answer[0], OSError):
        raise answer[0]
    return answer[0]


# -- file: -----------------------------------------------------------------------------------


def open_file(url: str) -> tuple[BinaryIO, int]:
    """The regular file a ``file:`` URL names, opened for reading, and its size.

    Opened with ``O_NONBLOCK`` (so a named pipe without a writer does not block), then checked
    with ``fstat``: anything but a regular file raises :class:`Refused`.
    """
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise Refused(f"file URL names another host ({parts.netloc}); use a local path")
    path = url2pathname(parts.path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"{path} is not a regular file (a folder, pipe or device); name a package or index file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=0), info.st_size
    except BaseException:
        os.close(fd)
        raise

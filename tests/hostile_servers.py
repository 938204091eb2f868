"""Misbehaving HTTP servers for the package-install tests: 127.0.0.1 only, on a free port.

Each server is a daemon thread that stops itself after ``LIFETIME_S`` (closing its listening
socket and every connection), so a test that fails, or a client that never gives up, cannot
keep it running; the ``hostile`` fixture also stops it when the test ends. ``LIFETIME_S`` is
well above the deadlines the tests configure (2 s), so a test that sees the *deadline* message
knows the client, not the server, ended the exchange.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

LIFETIME_S = 15.0
DRIP_EVERY_S = 0.4  # below the old 10 s per-read timeout, so a drip never tripped it
Handler = Callable[["Hostile", socket.socket], None]


class Hostile:
    """A server on 127.0.0.1 that answers ``GET /<name>`` with ``routes[name]`` (404 otherwise)."""

    def __init__(self, routes: dict[str, Handler], lifetime_s: float = LIFETIME_S, tls: ssl.SSLContext | None = None):
        self.routes = routes
        self.tls = tls
        self.stopped = threading.Event()
        self.requests: list[str] = []
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()
        self._timer = threading.Timer(lifetime_s, self.stop)
        self._timer.daemon = True
        self._timer.start()

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/"

    def url(self, name: str) -> str:
        return self.base + name

    def pause(self, seconds: float) -> bool:
        """Sleep ``seconds``; False when the server stopped meanwhile (the handler should end)."""
        return not self.stopped.wait(seconds)

    def stop(self) -> None:
        self.stopped.set()
        self._timer.cancel()
        with contextlib.suppress(OSError):
            self._sock.close()
        with self._lock:
            for conn in self._conns:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    conn.close()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._conns.append(conn)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(LIFETIME_S)
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
                with self._lock:
                    self._conns.append(conn)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                data = conn.recv(4096)
                if not data:
                    return
                head += data
            path = head.split(b" ", 2)[1].decode("latin-1")
            name = path.lstrip("/")
            self.requests.append(name)
            handler = self.routes.get(name)
            if handler is None:
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            else:
                handler(self, conn)
        except (OSError, IndexError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()


@pytest.fixture
def hostile() -> Iterator[Callable[..., Hostile]]:
    """``hostile(routes, tls=None) -> Hostile``; every server is stopped when the test ends."""
    servers: list[Hostile] = []

    def start(routes: dict[str, Handler], tls: ssl.SSLContext | None = None) -> Hostile:
        server = Hostile(routes, tls=tls)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


# -- handlers ---------------------------------------------------------------------------------


def head(status: str = "200 OK", content_type: str | None = "application/octet-stream", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Connection: close"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{key.replace('_', '-')}: {value}" for key, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def body(data: bytes | Callable[[Hostile], bytes], content_type: str = "application/octet-stream") -> Handler:
    """Answer with ``data`` (or ``data(server)``, for an index that links back to the server)."""

    def handle(server: Hostile, conn: socket.socket) -> None:
        payload = data(server) if callable(data) else data
        conn.sendall(head(content_type=content_type, Content_Length=str(len(payload))) + payload)

    return handle


def silent(server: Hostile, conn: socket.socket) -> None:
    """Accept the request and never answer."""
    server.stopped.wait()


def drip_body(content_type: str = "application/octet-stream") -> Handler:
    """Headers at once, then one byte of body every DRIP_EVERY_S, forever."""

    def handle(server: Hostile, conn: socket.socket) -> None:
        conn.sendall(head(content_type=content_type))
        while server.pause(DRIP_EVERY_S):
            conn.sendall(b" ")

    return handle


def drip_headers(server: Hostile, conn: socket.socket) -> None:
    """The status line and headers one byte at a time, never finishing them."""
    for byte in b"HTTP/1.1 200 OK\r\n":
        if not server.pause(DRIP_EVERY_S):
            return
        conn.sendall(bytes([byte]))
    while server.pause(DRIP_EVERY_S):
        conn.sendall(b"X")


def endless(content_type: str = "application/octet-stream", first: bytes = b"") -> Handler:
    """Headers without Content-Length, then data as fast as the client takes it, until stopped."""
    chunk = b"\0" * 65536

    def handle(server: Hostile, conn: socket.socket) -> None:
        conn.sendall(head(content_type=content_type) + first)
        while not server.stopped.is_set():
            conn.sendall(chunk)

    return handle


def declared(length: int, sent: bytes, content_type: str = "application/octet-stream", then_hang: bool = False) -> Handler:
    """Declare ``Content-Length: length`` but send ``sent`` (then close, or hang)."""

    def handle(server: Hostile, conn: socket.socket) -> None:
        conn.sendall(head(content_type=content_type, Content_Length=str(length)) + sent)
        if then_hang:
            server.stopped.wait()

    return handle


def redirect(location: str | Callable[[Hostile], str], status: str = "302 Found") -> Handler:
    def handle(server: Hostile, conn: socket.socket) -> None:
        target = location(server) if callable(location) else location
        conn.sendall(head(status=status, content_type=None, Location=target, Content_Length="0"))

    return handle


def index_of(entries: Callable[[Hostile], list[dict[str, object]]]) -> Handler:
    """An ``index.json`` built when asked, so its links can name the server's own port."""
    return body(lambda server: json.dumps(entries(server)).encode(), "application/json")


# -- TLS ----------------------------------------------------------------------------------------


@pytest.fixture
def tls_cert(tmp_path: Path) -> tuple[Path, ssl.SSLContext]:
    """A throw-away self-signed certificate for 127.0.0.1 (made with the openssl command) and a
    server context using it. Trust it in a client by pointing ``SSL_CERT_FILE`` at the path."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("the openssl command cannot make a test certificate")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


# -- a FIFO that stops blocking its reader -------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe; after LIFETIME_S a thread opens it for writing and closes it, so a reader
    stuck in ``open()`` (no writer) is released even if the code under test would block forever."""
    path = tmp_path / "pipe.json"  # .json: usable as ARGOS_PACKAGE_INDEX too
    os.mkfifo(path)
    done = threading.Event()

    def release() -> None:
        if done.wait(LIFETIME_S):
            return
        while not done.is_set():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: no reader yet
                done.wait(0.1)
                continue
            os.close(fd)
            return

    thread = threading.Thread(target=release, daemon=True)
    thread.start()
    yield path
    done.set()
    thread.join(1)

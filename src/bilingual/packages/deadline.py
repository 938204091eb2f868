"""One wall-clock deadline for a network operation, enforced on every socket it opens.

Per-call socket timeouts alone do not bound an operation: a server that sends one byte just
before each timeout keeps a read alive for ever. A :class:`Deadline` therefore does three
things: it hands out the time that is left (used as the timeout of each connect and each
read), it is checked between small reads, and a watchdog timer shuts down every socket of
the operation when the time is up, which also ends a read stuck inside the HTTP or TLS
machinery (headers dripping in one byte at a time, a handshake that never completes).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class DeadlineExpired(Exception):
    """The operation ran out of time."""


class Deadline:
    """``timeout_s`` from now; past that only while the body has averaged ``min_rate`` bytes/s,
    and never past ``budget_s`` (the operation's total budget), whatever the pace.

    So a drip (whatever its pace below ``min_rate``) ends at ``timeout_s`` exactly, a large
    download on a working connection goes on, and no sender, however fast or slow, keeps an
    operation alive past its budget. Each read may also wait at most ``timeout_s``.
    """

    def __init__(self, timeout_s: float, min_rate: float = 0.0, budget_s: float | None = None):
        self.timeout_s = timeout_s
        self.min_rate = min_rate
        self.budget_s = max(timeout_s, budget_s) if budget_s is not None else None
        self._start = time.monotonic()
        self._received = 0  # body bytes of the current attempt
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []  # duplicates of the operation's sockets
        self._active: list[socket.socket] = []  # the sockets reads go through (plain or TLS)
        self._expired = False
        self._closed = False
        self._timer: threading.Timer | None = None

    # -- time --------------------------------------------------------------------------------

    def remaining(self) -> float:
        """Seconds left; never negative. Past ``timeout_s``, until the average rate would fall below ``min_rate``."""
        earned = self._received / self.min_rate if self.min_rate > 0 else 0.0
        allowed = max(self.timeout_s, earned)
        if self.budget_s is not None:
            allowed = min(allowed, self.budget_s)
        return max(0.0, self._start + allowed - time.monotonic())

    def declare(self, size: int | None, undeclared_s: float) -> None:
        """The answer declared ``size`` bytes (None: it did not): the budget becomes ``timeout_s``
        plus the time ``size`` takes at ``min_rate``, or ``undeclared_s``; it never shrinks."""
        extra = size / self.min_rate if size is not None and self.min_rate > 0 else undeclared_s - self.timeout_s
        self.budget_s = max(self.budget_s or 0.0, self.timeout_s + max(extra, 0.0))

    @property
    def expired(self) -> bool:
        return self._expired or self.remaining() <= 0.0

    def check(self) -> float:
        """How long the next wait may take (the time left, at most ``timeout_s``), or
        :class:`DeadlineExpired`; the operation's sockets get it as their timeout."""
        left = self.remaining()
        if self._expired or left <= 0.0:
            self._expired = True
            raise DeadlineExpired
        wait = min(left, self.timeout_s)  # a read that waits longer than the timeout is a stall
        with self._lock:
            for sock in self._active:
                with contextlib.suppress(OSError):
                    sock.settimeout(wait)
        return wait

    def received(self, count: int) -> None:
        """Body bytes arrived: they count towards the average rate."""
        self._received += count

    def new_attempt(self) -> None:
        """A retry starts: bytes of a failed attempt do not count."""
        self._received = 0

    def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` or until the deadline, whichever comes first."""
        time.sleep(max(0.0, min(seconds, self.remaining())))

    # -- sockets ------------------------------------------------------------------------------

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (it may be wrapped in TLS later)."""
        with self._lock:
            if self._closed:
                return
            self._watched.append(sock.dup())  # a shutdown through the duplicate ends the connection
            if self._timer is None:
                self._arm(self.remaining())

    def use(self, sock: socket.socket) -> None:
        """``sock`` carries the reads: :meth:`check` sets its timeout to the time left."""
        with self._lock:
            self._active.append(sock)

    def close(self) -> None:
        """The operation is over: stop the watchdog, drop the duplicates."""
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            for sock in self._watched:
                with contextlib.suppress(OSError):
                    sock.close()
            self._watched.clear()
            self._active.clear()

    def __enter__(self) -> Deadline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _arm(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._closed:
                return
            left = self.remaining()
            if left > 0.0:  # the body keeps its rate: the deadline moved on
                self._arm(left)
                return
            self._expired = True
            for sock in self._watched:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

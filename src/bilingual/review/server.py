"""Running the review app: a socket bound before anything is printed, uvicorn serving it, a clean stop.

:class:`ReviewServer` binds ``host:port`` (``port`` 0 picks a free one), so the address printed
is the one that answers. :meth:`ReviewServer.serve` runs uvicorn until Ctrl-C (uvicorn's own
signal handling: requests in flight finish), then finishes the rebuilds asked for.
:meth:`ReviewServer.start` runs it in a thread instead, for tests and scripts, and
:meth:`ReviewServer.stop` ends it.
"""

from __future__ import annotations

import contextvars
import ipaddress
import secrets
import socket
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..glossary.schema import Glossary

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ReviewServer:
    """The review app over ``paths`` (issue folders or folders of them), bound at construction."""

    def __init__(
        self, paths: Sequence[Path], langs: Sequence[str], glossary: Glossary | None,
        host: str = LOOPBACK, port: int = 0, token: str | None = None, changed: str = "previous",
    ) -> None:
        from ..errors import InputError
        from ..layout import find_jobs
        from .app import Workspace, create_app, issue_names
        from .rebuild import Rebuilder

        issues = issue_names(find_jobs(list(paths)))
        if not issues:
            raise InputError("holds no issue folders (folders with en.md); pass the issues folder", paths[0])
        self.token = token or secrets.token_urlsafe(24)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
        except OSError as exc:
            self.socket.close()
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port") from None
        self.socket.listen(128)
        self.host = host
        self.port = self.socket.getsockname()[1]
        self.workspace = Workspace(issues, tuple(langs), glossary)
        self.workspace.rebuilder = Rebuilder(langs, glossary, changed)
        self.app = create_app(self.workspace, self.token, host, self.port)
        self._server = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/?token={self.token}"

    @property
    def origin(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}"

    def _uvicorn(self):  # noqa: ANN202
        import uvicorn

        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off", server_header=False)
        self._server = uvicorn.Server(config)
        return self._server

    def serve(self) -> None:
        """Serve until Ctrl-C, then finish the rebuilds asked for."""
        try:
            self._uvicorn().run(sockets=[self.socket])
        finally:
            self.close()

    def start(self) -> ReviewServer:
        """Serve in a background thread (no signal handlers); :meth:`stop` ends it."""
        server = self._uvicorn()
        server.install_signal_handlers = lambda: None  # type: ignore[method-assign]  # uvicorn < 0.29
        # in this thread's context: the protected patterns and severities of bilingual.toml the command set
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(server.run,),
                                        kwargs={"sockets": [self.socket]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not server.started:
            raise RuntimeError("the review server did not start")
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(30)
        self.close()

    def close(self) -> None:
        if self.workspace.rebuilder is not None:
            self.workspace.rebuilder.stop()
        self.socket.close()

    def __enter__(self) -> ReviewServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

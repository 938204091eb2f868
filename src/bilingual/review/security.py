"""The review server's guard, in front of every request: as a local dev server should have it.

* **Host** must name the address the server is bound to (``127.0.0.1:PORT``, or
  ``localhost:PORT`` on the loopback address): a page on ``evil.example`` whose name was
  rebound to 127.0.0.1 sends ``Host: evil.example:PORT`` and is refused (403).
* **The token** (printed on the first line, ``?token=``) must come with every request, as
  ``Authorization: Bearer TOKEN`` or as the cookie the first page load sets (``HttpOnly``,
  ``SameSite=Strict``): none is 401, a wrong one 403.
* **Writes** (any method but GET and HEAD) authenticated by the cookie need an ``Origin`` that is
  the server itself; a form or ``fetch`` from another origin is refused (CSRF). The bearer
  header alone is enough: a browser cannot send it across origins without a CORS preflight,
  which this server never allows.
* **Every answer** carries a strict Content-Security-Policy (no inline script, nothing from
  elsewhere), ``nosniff``, no referrer, no framing and no caching.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

COOKIE = "bilingual_review"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
SAFE_METHODS = frozenset({"GET", "HEAD"})

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` values that name this server."""
    names = {host}
    if host in ("127.0.0.1", "localhost"):
        names |= {"127.0.0.1", "localhost"}
    if host == "::1":
        names = {"[::1]"}
    return frozenset(f"{name}:{port}".lower() for name in names)


class Guard:
    """ASGI middleware enforcing the rules above before the app sees a request."""

    def __init__(self, app: ASGIApp, token: str, host: str, port: int) -> None:
        self.app = app
        self.token = token
        self.hosts = allowed_hosts(host, port)
        self.origins = frozenset(f"http://{h}" for h in self.hosts)

    async def __call__(self, scope: Scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        method = scope.get("method", "GET")

        async def secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        if headers.get("host", "").lower() not in self.hosts:
            await _refuse(secured, 403, "the Host header does not name this server (DNS rebinding?); open the address the server printed")
            return
        bearer = _bearer(headers.get("authorization", ""))
        cookie = _cookie(headers.get("cookie", ""), COOKIE)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [None])[0]
        if scope.get("path") == "/" and method == "GET" and query is not None:
            if not self._valid(query):
                await _refuse(secured, 403, "wrong token; open the address the server printed")
                return
            await _enter(secured, query)
            return
        given = bearer if bearer is not None else cookie
        if given is None:
            await _refuse(secured, 401, "no token; open the address the server printed, or send Authorization: Bearer TOKEN")
            return
        if not self._valid(given):
            await _refuse(secured, 403, "wrong token; open the address the server printed")
            return
        if method not in SAFE_METHODS and bearer is None and headers.get("origin") not in self.origins:
            await _refuse(secured, 403, "a write from another origin is refused (CSRF); use the review page or the bearer header")
            return
        await self.app(scope, receive, secured)

    def _valid(self, given: str) -> bool:
        return secrets.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))


def _bearer(value: str) -> str | None:
    scheme, _, credentials = value.partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None


def _cookie(value: str, name: str) -> str | None:
    for part in value.split(";"):
        key, _, content = part.strip().partition("=")
        if key == name and content:
            return content
    return None


async def _refuse(send, status: int, reason: str) -> None:  # noqa: ANN001
    body = json.dumps({"error": reason}).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _enter(send, token: str) -> None:  # noqa: ANN001
    """The first page load: the token becomes a cookie, and the address loses it (303 to /)."""
    cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})

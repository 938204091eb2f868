"""Bounded fetches: one deadline across retries, the rate rule, redirects, caps, content types."""

from __future__ import annotations

import re
import socket
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest_argos import ArgosEnv, argos_env, fake_package, metadata  # noqa: F401 (fixtures)
from hostile_servers import Hostile, body, declared, drip_body, head, hostile, index_of, redirect, silent  # noqa: F401

from bilingual.errors import NetworkError
from bilingual.packages import Limits, fetch_index, install_from_index
from bilingual.packages.deadline import Deadline, DeadlineExpired
from bilingual.packages.network import FetchError, download, package_kind
from bilingual.packages.transport import Refused, _SafeRedirects

FAST = Limits(timeout_s=2.0, retries=1, backoff_s=0.01)


def _index(server: Hostile, name: str = "p.argosmodel") -> list[dict[str, object]]:
    return [{**metadata(), "links": [server.url(name)]}]


def test_retries_share_the_one_deadline(hostile) -> None:  # noqa: ANN001
    server = hostile({"index.json": silent})
    many_retries = Limits(timeout_s=1.0, retries=50, backoff_s=0.01)
    with pytest.raises(NetworkError, match="no complete answer within 1 s"):
        fetch_index(server.url("index.json"), many_retries)
    assert server.requests == ["index.json"]  # the first try used up the deadline: no retry began


def test_server_errors_are_retried_within_the_deadline(hostile) -> None:  # noqa: ANN001
    def failing(server: Hostile, conn: socket.socket) -> None:
        conn.sendall(head("503 Service Unavailable", Content_Length="0"))

    server = hostile({"index.json": failing})
    with pytest.raises(NetworkError, match="HTTP 503"):
        fetch_index(server.url("index.json"), Limits(timeout_s=5.0, retries=2, backoff_s=0.01))
    assert server.requests == ["index.json"] * 3


def _paced(total: int, per_step: int, every_s: float):  # noqa: ANN202
    """A package body of ``total`` bytes sent ``per_step`` bytes at a time, every ``every_s``."""

    def handle(server: Hostile, conn: socket.socket) -> None:
        conn.sendall(head(Content_Length=str(total)))
        sent = 0
        while sent < total and server.pause(every_s):
            conn.sendall(b"\0" * min(per_step, total - sent))
            sent += per_step

    return handle


@pytest.mark.parametrize(("min_rate", "finishes"), [(1000.0, True), (100_000.0, False), (0.0, False)])
def test_a_body_that_keeps_its_rate_may_outlast_the_timeout(
    argos_env: ArgosEnv, hostile, min_rate: float, finishes: bool  # noqa: ANN001
) -> None:
    # 8000 bytes at 4000 bytes/s: about 2 s, twice the 1 s timeout. Above the minimum rate it
    # finishes; below it (a fast drip) or with no rate rule, it is cut off at the timeout.
    server = hostile({"p": _paced(8000, 400, 0.1)})
    limits = Limits(timeout_s=1.0, retries=0, min_rate=min_rate)
    if finishes:
        path, link = download([server.url("p")], argos_env.root, limits, package_kind(limits))
        assert path.stat().st_size == 8000 and link == server.url("p")
    else:
        with pytest.raises(FetchError, match="no complete answer within 1 s"):
            download([server.url("p")], argos_env.root, limits, package_kind(limits))
        assert [p.name for p in argos_env.root.iterdir()] == []


def test_all_links_of_a_package_share_one_deadline(argos_env: ArgosEnv, hostile) -> None:  # noqa: ANN001
    server = hostile({"a": silent, "b": silent})
    with pytest.raises(FetchError, match="no complete answer within 1 s") as caught:
        download([server.url("a"), server.url("b")], argos_env.root, Limits(timeout_s=1.0), package_kind(FAST))
    assert server.requests == ["a"]
    assert server.url("b") not in caught.value.reason


def test_a_second_link_is_tried_when_the_first_fails(argos_env: ArgosEnv, hostile) -> None:  # noqa: ANN001
    package = fake_package(argos_env.root).read_bytes()
    server = hostile({"good": body(package)})
    path, link = download([server.url("missing"), server.url("good")], argos_env.packages, FAST, package_kind(FAST))
    assert link == server.url("good") and path.read_bytes() == package
    path.unlink()


def test_redirect_within_http_is_followed(argos_env: ArgosEnv, hostile) -> None:  # noqa: ANN001
    site = argos_env.root / "site"
    site.mkdir()
    package = fake_package(site).read_bytes()
    server = hostile({
        "index.json": index_of(lambda s: _index(s, "moved")),
        "moved": redirect(lambda s: s.url("p.argosmodel"), "301 Moved Permanently"),
        "p.argosmodel": body(package),
    })
    results = install_from_index(["zh"], url=server.url("index.json"), limits=FAST)
    assert [r.outcome for r in results] == ["installed"]
    assert server.requests == ["index.json", "moved", "p.argosmodel"]


@pytest.mark.parametrize(
    ("start", "location", "allowed"),
    [
        ("http://example.org/a", "https://example.org/b", True),
        ("https://example.org/a", "/b", True),
        ("https://example.org/a", "http://example.org/b", False),
        ("http://example.org/a", "ftp://example.org/b", False),
        ("http://example.org/a", "file:///etc/passwd", False),
        ("http://example.org/a", "data:,hello", False),
    ],
)
def test_redirects_lead_only_to_http_or_https_never_down(start: str, location: str, allowed: bool) -> None:
    handler = _SafeRedirects()
    request = urllib.request.Request(start)
    headers = Message()
    headers["Location"] = location

    class Body:
        def read(self) -> bytes:
            return b""

        def close(self) -> None:
            pass

    if allowed:
        handler.parent = urllib.request.build_opener()
        target = urljoin(start, location)  # what urllib hands on once our check passed
        redirected = handler.redirect_request(request, Body(), 302, "Found", headers, target)
        assert redirected is not None and redirected.full_url == target
    else:
        with pytest.raises(Refused, match="refused"):
            handler.http_error_302(request, Body(), 302, "Found", headers)


@pytest.mark.parametrize("content_type", ["application/zip", "application/octet-stream", "binary/octet-stream", None])
def test_binary_content_types_are_accepted_for_packages(
    argos_env: ArgosEnv, hostile, content_type: str | None  # noqa: ANN001
) -> None:
    def handle(server: Hostile, conn: socket.socket) -> None:
        conn.sendall(head(content_type=content_type, Content_Length="2") + b"PK")

    server = hostile({"p": handle})
    path, _ = download([server.url("p")], argos_env.root, FAST, package_kind(FAST))
    assert path.read_bytes() == b"PK"


@pytest.mark.parametrize("content_type", ["text/html", "application/json", "application/xhtml+xml", "text/plain"])
def test_textual_content_types_are_refused_for_packages(
    argos_env: ArgosEnv, hostile, content_type: str  # noqa: ANN001
) -> None:
    server = hostile({"p": body(b"<html></html>", content_type)})
    with pytest.raises(FetchError, match=re.escape(f"Content-Type {content_type}")) as caught:
        download([server.url("p")], argos_env.root, FAST, package_kind(FAST))
    assert caught.value.refused
    assert list(argos_env.root.iterdir()) == []


def test_an_oversized_content_length_writes_no_byte(argos_env: ArgosEnv, hostile) -> None:  # noqa: ANN001
    server = hostile({"p": declared(3 * 2**20, b"PK", then_hang=True)})
    limits = Limits(timeout_s=2.0, max_package_bytes=2**20)
    with pytest.raises(FetchError, match="Content-Length 3145728 is larger than the 1 MB limit"):
        download([server.url("p")], argos_env.root, limits, package_kind(limits))
    assert list(argos_env.root.iterdir()) == []  # refused on the headers: the temporary file was never made


def test_an_unsupported_scheme_is_refused(argos_env: ArgosEnv) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme 'ftp'"):
        download(["ftp://example.org/p"], argos_env.root, FAST, package_kind(FAST))


def test_a_deadline_shuts_down_a_read_stuck_on_a_socket() -> None:
    left, right = socket.socketpair()
    with left, right, Deadline(0.3) as deadline:
        deadline.watch(left)
        left.settimeout(30)  # far beyond the deadline: only the watchdog can end this read
        assert left.recv(10) == b""
        assert deadline.expired
        with pytest.raises(DeadlineExpired):
            deadline.check()


def test_past_the_timeout_only_a_body_that_kept_the_minimum_rate_goes_on() -> None:
    deadline = Deadline(1.0, min_rate=100.0)
    deadline.received(50)  # 0.5 s worth at the minimum rate: the timeout still rules
    assert 0.0 < deadline.remaining() <= 1.0
    deadline.received(450)  # 5 s worth: the deadline is now 5 s after the start
    assert 4.0 < deadline.remaining() <= 5.0
    assert deadline.check() <= 1.0  # but no single read may wait longer than the timeout
    deadline.new_attempt()  # a retry starts from nothing
    assert deadline.remaining() <= 1.0


def test_closed_port_index_is_not_waited_for(argos_env: ArgosEnv, tmp_path: Path) -> None:
    from conftest_argos import closed_port_url

    with pytest.raises(NetworkError, match="connection refused"):
        fetch_index(closed_port_url() + "index.json", FAST)

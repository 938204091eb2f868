"""https: a trusted server installs, an untrusted one is refused, and the deadline holds inside TLS too."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from conftest_argos import ArgosEnv, argos_env, fake_package, metadata  # noqa: F401 (fixtures)
from hostile_servers import body, drip_body, hostile, index_of, redirect, tls_cert  # noqa: F401 (fixtures)

from bilingual.errors import NetworkError
from bilingual.packages import Limits, fetch_index, install_from_index

FAST = Limits(timeout_s=2.0, retries=1, backoff_s=0.01)


def _site(argos_env: ArgosEnv) -> dict:
    package = fake_package(argos_env.root).read_bytes()
    return {
        "index.json": index_of(lambda s: [{**metadata(), "links": [s.url("p.argosmodel")]}]),
        "p.argosmodel": body(package),
    }


def test_install_over_https_from_a_trusted_server(
    argos_env: ArgosEnv, hostile, tls_cert: tuple[Path, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    cert, context = tls_cert
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = hostile(_site(argos_env), tls=context)
    results = install_from_index(["zh"], url=server.url("index.json"), limits=FAST)
    assert server.base.startswith("https://")
    assert [(r.outcome, r.source) for r in results] == [("installed", server.url("p.argosmodel"))]


def test_an_untrusted_certificate_is_refused_at_once(
    argos_env: ArgosEnv, hostile, tls_cert: tuple[Path, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    server = hostile(_site(argos_env), tls=tls_cert[1])
    with pytest.raises(NetworkError, match="TLS certificate not trusted"):
        fetch_index(server.url("index.json"), FAST)
    assert server.requests == []  # not retried, and no request was sent over it


def test_a_tls_handshake_that_never_comes_hits_the_deadline(hostile) -> None:  # noqa: ANN001
    server = hostile({})  # plain TCP: it waits for an HTTP request and never answers the TLS hello
    url = server.url("index.json").replace("http://", "https://")  # a plain server that never speaks TLS
    with pytest.raises(NetworkError, match="no complete answer within 2 s"):
        fetch_index(url, FAST)


def test_a_tls_body_that_drips_hits_the_deadline(
    argos_env: ArgosEnv, hostile, tls_cert: tuple[Path, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    cert, context = tls_cert
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = hostile({"index.json": drip_body("application/json")}, tls=context)
    with pytest.raises(NetworkError, match="no complete answer within 2 s"):
        fetch_index(server.url("index.json"), FAST)


def test_https_never_redirects_down_to_http(
    argos_env: ArgosEnv, hostile, tls_cert: tuple[Path, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    cert, context = tls_cert
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    plain = hostile(_site(argos_env))
    server = hostile({"index.json": redirect(plain.url("index.json"))}, tls=context)
    with pytest.raises(NetworkError, match="never from https to http"):
        fetch_index(server.url("index.json"), FAST)
    assert plain.requests == []

"""The review server as an attacker sees it: no token, a wrong one, a rebinding Host, a write from
another origin. Each is refused, against the real server on 127.0.0.1, and nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from review_support import api, change, issue, machine_issue, segments, server  # noqa: F401


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/api/issues"), ("GET", "/api/segments?issue=024&lang=zh"),
                                          ("PUT", "/api/segments"), ("GET", "/static/review.js")])
def test_no_token_is_401(server, method: str, path: str):
    answer = httpx.request(method, server.origin + path, json={}, timeout=30)
    assert answer.status_code == 401
    assert "token" in answer.json()["error"]


@pytest.mark.parametrize("how", ["bearer", "cookie", "query"])
def test_a_wrong_token_is_403(server, how: str):
    wrong = "wrong" + server.token
    if how == "bearer":
        answer = httpx.get(server.origin + "/api/issues", headers={"Authorization": f"Bearer {wrong}"})
    elif how == "cookie":
        answer = httpx.get(server.origin + "/api/issues", headers={"Cookie": f"bilingual_review={wrong}"})
    else:
        answer = httpx.get(server.origin + "/", params={"token": wrong})
    assert answer.status_code == 403


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "localhost.evil.example:{port}"])
def test_a_host_that_does_not_name_the_server_is_refused_even_with_the_token(server, issue: Path, host: str):
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends its own Host."""
    before = _files(issue)
    headers = {"Authorization": f"Bearer {server.token}", "Host": host.format(port=server.port)}
    for answer in (httpx.get(server.origin + "/api/segments?issue=024&lang=zh", headers=headers),
                   httpx.put(server.origin + "/api/segments", headers=headers, json={})):
        assert answer.status_code == 403 and "Host" in answer.json()["error"]
    assert _files(issue) == before


def test_the_first_page_load_turns_the_token_into_a_strict_cookie(server):
    answer = httpx.get(server.origin + "/", params={"token": server.token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"bilingual_review={server.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = httpx.get(server.origin + "/", cookies={"bilingual_review": server.token})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


@pytest.mark.parametrize("origin", [None, "http://evil.example", "http://127.0.0.1:1", "null"])
def test_a_write_with_the_cookie_from_another_origin_is_refused(server, api, issue: Path, origin: str | None):
    """CSRF: a page elsewhere can make the browser send the cookie (were it not SameSite), never the right Origin."""
    row = segments(api)[0]
    before = _files(issue)
    headers = {"Cookie": f"bilingual_review={server.token}"} | ({"Origin": origin} if origin else {})
    answer = httpx.put(server.origin + "/api/segments", headers=headers, json=change(row, row["text"]))
    assert answer.status_code == 403 and "origin" in answer.json()["error"]
    assert _files(issue) == before


def test_a_write_with_the_cookie_from_the_page_itself_is_accepted(server, api):
    row = segments(api)[0]
    headers = {"Cookie": f"bilingual_review={server.token}", "Origin": server.origin}
    answer = httpx.put(server.origin + "/api/segments", headers=headers, json=change(row, row["text"]))
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("path", ["/", "/api/issues", "/static/review.js", "/api/nothing"])
def test_every_answer_carries_a_strict_content_security_policy(api, path: str):
    answer = api.get(path)
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in csp


def test_the_page_has_no_inline_script_and_no_external_asset(api):
    page = api.get("/").text
    for tag in re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.S):
        assert tag.strip() == ""
    assert re.search(r"\son[a-z]+\s*=", page) is None, "no inline event handlers"
    assert re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page) is None, "no external assets"


def test_a_put_is_refused_unless_the_body_is_json(api):
    answer = api.put("/api/segments", content=b"issue=024", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 400

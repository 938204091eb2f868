"""The review app: the JSON API and the page, over the issues' PO files (Starlette).

``GET /api/issues``, ``GET /api/segments?issue=&lang=``, ``GET /api/findings?issue=``, ``PUT /api/segments``: see README.md.
The PO files are the database; every read starts from the file on disk, so what another
program wrote is what the screen shows.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BilingualError

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request

    from ..glossary.schema import Glossary
    from ..layout import Job
    from .rebuild import Rebuilder

STATIC = Path(__file__).parent / "static"
MAX_BODY = 1 << 20
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8"}


@dataclass
class Workspace:
    """The issues a server reviews, the languages, the glossary, and what it keeps between requests."""

    issues: dict[str, Job]
    langs: tuple[str, ...]
    glossary: Glossary | None
    rebuilder: Rebuilder | None = None
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _findings: dict[tuple[Path, str], tuple[tuple[str, ...], tuple[Any, ...]]] = field(default_factory=dict)
    _memos: dict[tuple[Path, str], dict[object, tuple[object, object]]] = field(default_factory=dict)
    _documents: dict[tuple[Path, str], tuple[Any, tuple[Any, ...]]] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def lock(self, issue: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(issue, threading.Lock())

    def job(self, issue: Any) -> Job:
        from .save import BadRequest

        if not isinstance(issue, str) or issue not in self.issues:
            raise BadRequest(f"unknown issue {issue!r}; GET /api/issues lists them")
        return self.issues[issue]

    def lang(self, lang: Any) -> str:
        from .save import BadRequest

        if lang not in self.langs:
            raise BadRequest(f"unknown language {lang!r}; choose one of: {', '.join(self.langs)}")
        return str(lang)

    def document(self, job: Job) -> Any:
        """``job``'s en.md parsed, with its sentences: parsed again only when the file changed."""
        return self._parsed(job)[0]

    def segments(self, job: Job) -> list[Any]:
        return list(self._parsed(job)[1])

    def _parsed(self, job: Job) -> tuple[Any, tuple[Any, ...]]:
        from ..document.markdown import parse
        from ..memory.merge import translatable
        from ..storage import read_text, version_of

        text = read_text(job.source, keep_bom=True)
        key = (job.source, version_of(text.encode("utf-8")))
        with self._guard:
            cached = self._documents.get(key)
        if cached is None:
            document = parse(text, str(job.source))
            cached = (document, tuple(translatable(document)))
            with self._guard:
                self._documents = {k: v for k, v in self._documents.items() if k[0] != job.source}
                self._documents[key] = cached
        return cached

    def findings(self, job: Job) -> list[dict[str, Any]]:
        """What ``bilingual check`` reports for the issue's files as they are now (its editions and PO
        files in the languages reviewed), each finding once, with the sentence row that shows it.

        Each language is checked apart (check's findings of one language never depend on another's
        files), again only when one of its files changed, and then only the files that changed
        (the rest come from the memo): a save rechecks the PO file it wrote and its language's consistency.
        """
        from ..checks.issue import Files
        from ..languages import TARGETS
        from .segments import placed_findings

        found: list[dict[str, Any]] = []
        ids = [s.id for s in self.segments(job)]
        for lang in sorted(self.langs, key=lambda code: (TARGETS.index(code) if code in TARGETS else len(TARGETS), code)):
            files = Files(lang, job.edition(lang), job.po(lang))
            found += placed_findings(self._language_findings(job, files), {files.edition: lang, files.po: lang}, ids)
        return found

    def _language_findings(self, job: Job, files: Any) -> tuple[Any, ...]:
        """check's findings of one language's edition and PO file, kept per version of the files."""
        from ..checks.issue import document_findings
        from ..storage import version

        key = (job.source, files.lang)
        stamp = tuple(version(p) for p in (job.source, files.edition, files.po))
        with self._guard:
            held = self._findings.get(key)
            memo = self._memos.setdefault(key, {})
        if held is not None and held[0] == stamp:
            return held[1]
        violations = document_findings(job.source, [files], self.glossary, memo=memo).violations
        with self._guard:
            self._findings[key] = (stamp, violations)
        return violations

    def rows(self, job: Job, lang: str, with_findings: bool = True) -> list[Any]:
        from ..memory.po import read_catalog
        from .segments import rows

        from .segments import by_row

        po_path = job.po(lang)
        found = by_row(self.findings(job), lang) if with_findings else None
        document, segments = self._parsed(job)
        return rows(segments, read_catalog(po_path), lang, self.glossary, found, document)


def issue_names(jobs: Sequence[Job]) -> dict[str, Job]:
    """Issue folders by name (the folder's name, or its path when two share a name)."""
    issues = [job for job in jobs if job.issue]
    names = [job.source.parent.name for job in issues]
    return {(name if names.count(name) == 1 else str(job.source.parent)): job for name, job in zip(names, issues)}


def create_app(workspace: Workspace, token: str, host: str, port: int) -> Starlette:
    """The Starlette app behind the :class:`~bilingual.review.security.Guard`."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Route

    from .security import Guard

    api = Api(workspace)
    routes = [
        Route("/", api.page, methods=["GET"]),
        Route("/static/{name}", api.static, methods=["GET"]),
        Route("/api/issues", api.issues, methods=["GET"]),
        Route("/api/segments", api.get_segments, methods=["GET"]),
        Route("/api/segments", api.put_segment, methods=["PUT"]),
        Route("/api/blocks", api.get_blocks, methods=["GET"]),
        Route("/api/findings", api.get_findings, methods=["GET"]),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Guard, token=token, host=host, port=port)])


class Api:
    """The request handlers; the work runs in Starlette's thread pool (file I/O and locks block)."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace

    async def page(self, request: Request):  # noqa: ANN201
        return self._file("review.html")

    async def static(self, request: Request):  # noqa: ANN201
        return self._file(request.path_params["name"])

    def _file(self, name: str):  # noqa: ANN202
        from starlette.responses import JSONResponse, Response

        path = STATIC / name
        if "/" in name or path.suffix not in STATIC_TYPES or not path.is_file():
            return JSONResponse({"error": "no such file"}, status_code=404)
        return Response(path.read_bytes(), media_type=STATIC_TYPES[path.suffix])

    async def issues(self, request: Request):  # noqa: ANN201
        from starlette.concurrency import run_in_threadpool

        return await self._answer(run_in_threadpool(self._issues))

    def _issues(self) -> tuple[int, Any]:
        from .segments import counts

        out = []
        for name, job in self.ws.issues.items():
            langs = {lang: counts(self.ws.rows(job, lang)) for lang in self.ws.langs}
            rebuild = self.ws.rebuilder.state(job.source.parent) if self.ws.rebuilder else {"pending": False, "problem": None}
            out.append({"issue": name, "path": str(job.source.parent), "langs": langs, "rebuild": rebuild})
        return 200, out

    async def get_segments(self, request: Request):  # noqa: ANN201
        from starlette.concurrency import run_in_threadpool

        params = request.query_params
        return await self._answer(run_in_threadpool(self._segments, params.get("issue"), params.get("lang")))

    def _segments(self, issue: Any, lang: Any) -> tuple[int, Any]:
        job, lang = self.ws.job(issue), self.ws.lang(lang)
        return 200, [row.to_json() for row in self.ws.rows(job, lang)]

    async def get_findings(self, request: Request):  # noqa: ANN201
        from starlette.concurrency import run_in_threadpool

        return await self._answer(run_in_threadpool(self._findings, request.query_params.get("issue")))

    def _findings(self, issue: Any) -> tuple[int, Any]:
        """Every finding ``bilingual check`` reports for the issue, each once; ``row`` None: the issue's own list."""
        return 200, self.ws.findings(self.ws.job(issue))

    async def get_blocks(self, request: Request):  # noqa: ANN201
        from starlette.concurrency import run_in_threadpool

        return await self._answer(run_in_threadpool(self._blocks, request.query_params.get("issue")))

    def _blocks(self, issue: Any) -> tuple[int, Any]:
        """The blocks shown as they are in every language: code, rules, HTML (render.blocks)."""
        from ..render.blocks import verbatim_blocks
        from ..storage import read_text

        job = self.ws.job(issue)
        source = read_text(job.source)
        return 200, [{"kind": b.kind, "line": b.line, "markdown": b.markdown} for b in verbatim_blocks(source)]

    async def put_segment(self, request: Request):  # noqa: ANN201
        from starlette.concurrency import run_in_threadpool

        from .save import BadRequest

        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return self._json(400, {"error": "send the body as application/json"})
        length = request.headers.get("content-length", "0")
        if length.isdigit() and int(length) > MAX_BODY:
            return self._json(413, {"error": f"the body is larger than {MAX_BODY} bytes"})
        body = await request.body()
        if len(body) > MAX_BODY:
            return self._json(413, {"error": f"the body is larger than {MAX_BODY} bytes"})
        try:
            import json

            payload = json.loads(body)
        except ValueError:
            return self._json(400, {"error": "the body is not JSON"})
        try:
            return await self._answer(run_in_threadpool(self._put, payload))
        except BadRequest as exc:
            return self._json(400, {"error": str(exc)})

    def _put(self, payload: Any) -> tuple[int, Any]:
        from .save import BadRequest, StaleError, check_text, issue_lock, parse_change, save_with_retry
        from .segments import by_row

        change = parse_change(payload)
        job, lang = self.ws.job(change.issue), self.ws.lang(change.lang)
        segment = next((s for s in self.ws.segments(job) if s.id == change.id), None)
        if segment is None:
            raise BadRequest(f"unknown id {change.id!r}: issue {change.issue} has no such sentence in en.md")
        check_text(segment.text, change.text, change.status)
        po_path = job.po(lang)
        try:
            with self.ws.lock(change.issue), issue_lock(job.source.parent):
                entry, _ = save_with_retry(po_path, segment, change)
        except StaleError as exc:
            return 409, {"error": str(exc), "id": change.id, "etag": exc.etag, "text": exc.text, "status": exc.status}
        if self.ws.rebuilder is not None:
            self.ws.rebuilder.request(job)
        from ..memory.po import Catalog
        from .segments import rows

        saved = Catalog((("Content-Type", "text/plain; charset=UTF-8"), ("Language", lang)), (entry,))
        found = by_row(self.ws.findings(job), lang)  # check's findings with the saved PO file (only it is checked again)
        return 200, rows([segment], saved, lang, self.ws.glossary, found, self.ws.document(job))[0].to_json()

    async def _answer(self, work):  # noqa: ANN001, ANN202
        from .save import BadRequest

        try:
            status, data = await work
        except BadRequest as exc:
            return self._json(400, {"error": str(exc)})
        except BilingualError as exc:  # 3: a translate run holds the issue (or kept changing the file): try again
            return self._json(503 if exc.exit_code == 3 else 422, {"error": str(exc)})
        return self._json(status, data)

    @staticmethod
    def _json(status: int, data: Any):  # noqa: ANN205
        from starlette.responses import JSONResponse

        return JSONResponse(data, status_code=status)

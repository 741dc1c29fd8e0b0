"""REST endpoints for collateral: upload, list, delete, search and file download."""

# No `from __future__ import annotations`: FastAPI must see the local Annotated aliases.

import dataclasses
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import anyio
from fastapi import (
    APIRouter,
    Depends,
    File,
    Form,
    Header,
    HTTPException,
    Query,
    Request,
    UploadFile,
)
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.routing import APIRoute

from bot.api_auth import USER_HEADER, current_user_dependency
from bot.context import UserInfo
from bot.knowledge.links import verify_signature
from bot.knowledge.service import (
    PUBLIC,
    can_view,
    file_url,
    knowledge_base,
    knowledge_dir,
    max_upload_bytes,
    viewer_team,
)
from bot.services import Services
from crm_store.errors import PermissionDenied
from crm_store.permissions import require_collateral_manager

if TYPE_CHECKING:
    from knowledge import Document, DocumentMeta, IngestResult, KnowledgeBase, KnowledgeError

# Room for multipart boundaries and the small form fields around the file itself.
FORM_OVERHEAD = 64 * 1024
_COPY_BLOCK = 1 << 20
MB = 1024 * 1024

_STATUS_BY_CODE = {
    "file_too_large": 413,
    "unsupported_type": 415,
    "empty_file": 422,
    "no_text": 422,
    "corrupt_file": 422,
    "encrypted_file": 422,
    "file_missing": 422,
    "document_not_found": 404,
    "storage_failed": 503,
}
_ERRORS: dict[str, dict[str, str]] = {
    "unauthenticated": {
        "en": f"Send the {USER_HEADER} header with a CRM username.",
        "zh": f"请在 {USER_HEADER} 请求头中提供 CRM 用户名。",
    },
    "forbidden": {
        "en": "Only enablement or admin users may add or remove collateral.",
        "zh": "只有赋能团队或管理员可以添加或删除资料。",
    },
    "document_not_found": {"en": "No such document.", "zh": "没有这份资料。"},
}


def _problem(status: int, code: str, message: str) -> HTTPException:
    return HTTPException(status_code=status, detail={"code": code, "message": message})


def _fixed(status: int, code: str, lang: str) -> HTTPException:
    texts = _ERRORS[code]
    return _problem(status, code, texts.get(lang) or texts["en"])


def knowledge_problem(error: "KnowledgeError", lang: str) -> HTTPException:
    """A KnowledgeError as an HTTP error with its stable code and readable message."""
    return _problem(_STATUS_BY_CODE.get(error.code, 422), error.code, error.message(lang))


def document_json(url: str, document: "Document") -> dict[str, Any]:
    data = dataclasses.asdict(document)
    data.pop("file_path", None)  # server-side location; clients use the url
    data["url"] = url
    return data


def _size_limited_route(limit: int) -> type[APIRoute]:
    """Refuses a declared-too-large body before the multipart parser spools it to disk."""

    class SizeLimitedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def limited(request: Request) -> Response:
                length = request.headers.get("content-length", "")
                if length.isdigit() and int(length) > limit + FORM_OVERHEAD:
                    problem = _too_large(limit)
                    return JSONResponse({"detail": problem.detail}, status_code=413)
                return await handler(request)

            return limited

    return SizeLimitedRoute


class _TooLarge(Exception):
    """The streamed upload went past the limit (no or a false Content-Length)."""


def _too_large(limit: int) -> HTTPException:
    return _problem(413, "file_too_large", f"The upload exceeds the {limit / MB:.0f} MB limit.")


def _copy_capped(source: BinaryIO, target: Path, limit: int) -> int:
    size = 0
    with target.open("wb") as out:
        while block := source.read(_COPY_BLOCK):
            size += len(block)
            if size > limit:
                return size  # caller rejects; the partial copy goes with the temp folder
            out.write(block)
    return size


def _stage_and_add(
    base: "KnowledgeBase", source: BinaryIO, meta: "DocumentMeta", incoming: Path, limit: int
) -> "IngestResult":
    """Copy the upload beside the store, add it, and leave no staged bytes behind either way."""
    incoming.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=incoming) as scratch:
        staged = Path(scratch) / "upload"
        if _copy_capped(source, staged, limit) > limit:
            raise _TooLarge
        return base.add(staged, meta)


def build_knowledge_router(services: Services) -> APIRouter:
    """Routes under /knowledge; every call names its CRM user in the X-Salesbrain-User header."""
    settings = services.settings
    limit = max_upload_bytes(settings)

    current_user = current_user_dependency(services)

    async def collateral_manager(user: Annotated[UserInfo, Depends(current_user)]) -> UserInfo:
        try:
            require_collateral_manager(user.actor)
        except PermissionDenied:
            raise _fixed(403, "forbidden", user.language) from None
        return user

    async def kb() -> "KnowledgeBase":
        return await anyio.to_thread.run_sync(knowledge_base, services)

    User = Annotated[UserInfo, Depends(current_user)]
    Manager = Annotated[UserInfo, Depends(collateral_manager)]
    # Any, not KnowledgeBase: FastAPI evaluates these at import time, and importing the
    # knowledge package (chromadb, the encoder) is deferred until the first request.
    Kb = Annotated[Any, Depends(kb)]

    def as_json(document: "Document") -> dict[str, Any]:
        return document_json(file_url(settings, document.doc_id), document)

    router = APIRouter(prefix="/knowledge", tags=["knowledge"])
    # A router of its own: the size check wraps only the upload route.
    uploads = APIRouter(route_class=_size_limited_route(limit))

    @uploads.post("/documents", status_code=201)
    async def upload_document(
        user: Manager,
        base: Kb,
        response: Response,
        file: Annotated[UploadFile, File(description="PDF, PPTX, DOCX, Markdown, TXT or HTML")],
        visibility: Annotated[str, Form(description="'all' or comma-separated teams")] = PUBLIC,
        doc_type: Annotated[str | None, Form()] = None,
        doc_id: Annotated[str | None, Form()] = None,
        title: Annotated[str | None, Form()] = None,
    ) -> dict[str, Any]:
        """Add a document, or replace the one with the same id (defaults to the file name)."""
        from knowledge import DocumentMeta, KnowledgeError

        name = PurePosixPath((file.filename or "").replace("\\", "/")).name
        meta = DocumentMeta(
            doc_id=doc_id or None,
            title=title or None,
            doc_type=doc_type or None,
            visibility=visibility.strip() or PUBLIC,
            uploaded_by=user.username,
            filename=name or "upload",
        )
        incoming = knowledge_dir(settings) / "incoming"
        try:
            result = await anyio.to_thread.run_sync(
                _stage_and_add, base, file.file, meta, incoming, limit
            )
        except _TooLarge:
            raise _too_large(limit) from None
        except KnowledgeError as error:
            raise knowledge_problem(error, user.language) from None
        if result.status != "added":
            response.status_code = 200
        return {
            "status": result.status,
            "duplicate_of": result.duplicate_of,
            "document": as_json(result.document),
        }

    @router.get("/documents")
    async def list_documents(user: User, base: Kb) -> dict[str, Any]:
        viewer = viewer_team(user.role, user.team)
        documents = await anyio.to_thread.run_sync(base.list)
        return {"documents": [as_json(d) for d in documents if can_view(d, viewer)]}

    async def visible_document(
        base: "KnowledgeBase", doc_id: str, viewer: str | None
    ) -> "Document":
        from knowledge import KnowledgeError

        try:
            document = await anyio.to_thread.run_sync(base.get, doc_id)
        except KnowledgeError:
            document = None
        # Another team's document answers 404 like a missing one, to leak nothing.
        if document is None or not can_view(document, viewer):
            raise _fixed(404, "document_not_found", "en")
        return document

    @router.get("/documents/{doc_id}")
    async def get_document(doc_id: str, user: User, base: Kb) -> dict[str, Any]:
        viewer = viewer_team(user.role, user.team)
        return as_json(await visible_document(base, doc_id, viewer))

    @router.delete("/documents/{doc_id}")
    async def delete_document(doc_id: str, user: Manager, base: Kb) -> dict[str, Any]:
        from knowledge import KnowledgeError

        try:
            document = await anyio.to_thread.run_sync(base.remove, doc_id)
        except KnowledgeError as error:
            raise knowledge_problem(error, user.language) from None
        return {"removed": document.doc_id, "title": document.title}

    @router.get("/search")
    async def search(
        user: User,
        base: Kb,
        q: Annotated[str, Query(min_length=1, max_length=2000)],
        k: Annotated[int, Query(ge=1, le=20)] = 5,
    ) -> dict[str, Any]:
        """Best passages the user's team may see, with an extractive answer from the top three."""
        viewer = viewer_team(user.role, user.team)
        hits = await anyio.to_thread.run_sync(lambda: base.search(q, k=k, viewer_team=viewer))
        answer = await anyio.to_thread.run_sync(lambda: base.answer(q, viewer_team=viewer))
        return {
            "query": q,
            "answer": {"text": answer.text, "language": answer.language},
            "hits": [
                {
                    "doc_id": h.doc_id,
                    "title": h.title,
                    "doc_type": h.doc_type,
                    "heading": h.heading,
                    "page": h.page,
                    "slide": h.slide,
                    "location": h.location,
                    "snippet": h.snippet,
                    "score": h.score,
                    "language": h.language,
                    "url": file_url(settings, h.doc_id),
                }
                for h in hits
            ],
        }

    @router.get("/files/{doc_id}", response_class=FileResponse)
    async def download_file(
        doc_id: str,
        base: Kb,
        x_salesbrain_user: Annotated[str | None, Header()] = None,
        exp: int | None = None,
        sig: str | None = None,
    ) -> FileResponse:
        """The stored file: with the user header, or with the signed link the chat reply gave."""
        if x_salesbrain_user:
            user = await current_user(x_salesbrain_user)
            viewer = viewer_team(user.role, user.team)
        elif exp is not None and sig and verify_signature(settings, doc_id, exp, sig):
            viewer = "*"
        else:
            raise _fixed(401, "unauthenticated", "en")
        document = await visible_document(base, doc_id, viewer)
        path = Path(document.file_path)
        if not await anyio.Path(path).is_file():
            raise _fixed(404, "document_not_found", "en")
        inline = path.suffix.lower() == ".pdf"
        return FileResponse(
            path,
            filename=document.filename,
            content_disposition_type="inline" if inline else "attachment",
        )

    router.include_router(uploads)
    return router

"""REST collateral endpoints through the real ASGI app: auth, errors, visibility, downloads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI

from bot.app import create_app
from bot.knowledge.links import signed_file_url
from bot.knowledge.service import knowledge_dir
from bot.services import Services
from bot.settings import KnowledgeSettings
from tests.bot.knowledge.conftest import BATTLECARD, PRICING_ZH, WEST_PLAYBOOK, kb_of

MB = 1024 * 1024


@pytest.fixture
def api_services(kb_services: Services) -> Services:
    # 1 MB keeps the over-size uploads small; the knowledge base was built with the default.
    kb_services.settings = kb_services.settings.model_copy(
        update={"knowledge": KnowledgeSettings(max_upload_mb=1)}
    )
    return kb_services


@pytest.fixture
async def client(api_services: Services) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(services=api_services, run_worker=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        yield http


def _as(user: str) -> dict[str, str]:
    return {"X-Salesbrain-User": user}


async def _upload(
    client: httpx.AsyncClient,
    user: str | None,
    name: str,
    content: str | bytes,
    **form: str,
) -> httpx.Response:
    body = content.encode() if isinstance(content, str) else content
    return await client.post(
        "/knowledge/documents",
        headers=_as(user) if user else {},
        files={"file": (name, body)},
        data=form,
    )


def _nothing_stored(services: Services) -> bool:
    root = knowledge_dir(services.settings)
    stored = [p for p in (root / "files").rglob("*") if p.is_file()]
    incoming = list((root / "incoming").rglob("*")) if (root / "incoming").exists() else []
    return kb_of(services).list() == [] and stored == [] and incoming == []


async def test_upload_replace_and_metadata(
    client: httpx.AsyncClient, api_services: Services
) -> None:
    first = await _upload(client, "enable", "kestrel.md", BATTLECARD, doc_type="battlecard")
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["status"] == "added"
    document = body["document"]
    assert document["doc_id"] == "kestrel" and document["doc_type"] == "battlecard"
    assert document["uploaded_by"] == "enable" and document["visibility"] == "all"
    assert document["url"] == "http://127.0.0.1:8000/knowledge/files/kestrel"
    assert "file_path" not in document

    again = await _upload(client, "admin", "kestrel.md", BATTLECARD + "\nMore detail.\n")
    assert again.status_code == 200
    assert again.json()["status"] == "replaced" and again.json()["document"]["version"] == 2
    same = await _upload(client, "admin", "kestrel.md", BATTLECARD + "\nMore detail.\n")
    assert same.json()["status"] == "unchanged"
    copy = await _upload(client, "admin", "copy.md", BATTLECARD + "\nMore detail.\n")
    assert copy.json()["status"] == "duplicate" and copy.json()["duplicate_of"] == "kestrel"


async def test_upload_auth(client: httpx.AsyncClient, api_services: Services) -> None:
    missing = await _upload(client, None, "kestrel.md", BATTLECARD)
    assert missing.status_code == 401
    assert missing.json()["detail"]["code"] == "unauthenticated"
    stranger = await _upload(client, "nobody", "kestrel.md", BATTLECARD)
    assert stranger.status_code == 401
    rep = await _upload(client, "wang", "kestrel.md", BATTLECARD)
    assert rep.status_code == 403
    assert rep.json()["detail"] == {
        "code": "forbidden",
        "message": "只有赋能团队或管理员可以添加或删除资料。",
    }
    assert _nothing_stored(api_services)


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("huge.md", b"# Big\n\n" + b"word " * (MB // 4), 413, "file_too_large"),
        ("just-over.md", b"a" * (MB + 10_000), 413, "file_too_large"),
        ("tool.exe", b"MZ\x90\x00binary", 415, "unsupported_type"),
        ("blank.md", b"", 422, "empty_file"),
        ("broken.pdf", b"%PDF-1.4\nnot a pdf at all", 422, "corrupt_file"),
        ("spaces.txt", b"   \n\n   \n", 422, "empty_file"),
    ],
)
async def test_upload_errors_store_nothing(
    client: httpx.AsyncClient,
    api_services: Services,
    name: str,
    content: bytes,
    status: int,
    code: str,
) -> None:
    response = await _upload(client, "enable", name, content)
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert detail["code"] == code and detail["message"]
    assert _nothing_stored(api_services)


async def test_list_and_search_follow_team_visibility(
    client: httpx.AsyncClient, api_services: Services
) -> None:
    await _upload(client, "enable", "kestrel.md", BATTLECARD, doc_type="battlecard")
    await _upload(client, "enable", "west-renewals.md", WEST_PLAYBOOK, visibility="west")
    await _upload(client, "enable", "pricing.md", PRICING_ZH)

    east_docs = (await client.get("/knowledge/documents", headers=_as("wang"))).json()
    west_docs = (await client.get("/knowledge/documents", headers=_as("zhao"))).json()
    assert {d["doc_id"] for d in east_docs["documents"]} == {"kestrel", "pricing"}
    assert {d["doc_id"] for d in west_docs["documents"]} == {"kestrel", "pricing", "west-renewals"}
    assert (await client.get("/knowledge/documents")).status_code == 401

    question: dict[str, str | int] = {"q": "when do renewal talks with utilities start", "k": 3}
    east = (await client.get("/knowledge/search", params=question, headers=_as("wang"))).json()
    west = (await client.get("/knowledge/search", params=question, headers=_as("zhao"))).json()
    assert "west-renewals" not in {h["doc_id"] for h in east["hits"]}
    assert west["hits"][0]["doc_id"] == "west-renewals"
    assert west["hits"][0]["url"].endswith("/knowledge/files/west-renewals")
    assert "ninety days" in west["answer"]["text"]
    assert len(west["hits"]) <= 3

    hidden = await client.get("/knowledge/documents/west-renewals", headers=_as("wang"))
    assert hidden.status_code == 404
    bad_k = await client.get("/knowledge/search", params={"q": "x", "k": 0}, headers=_as("wang"))
    assert bad_k.status_code == 422


async def test_delete(client: httpx.AsyncClient, api_services: Services) -> None:
    await _upload(client, "enable", "kestrel.md", BATTLECARD)
    refused = await client.delete("/knowledge/documents/kestrel", headers=_as("boss"))
    assert refused.status_code == 403
    removed = await client.delete("/knowledge/documents/kestrel", headers=_as("enable"))
    assert removed.status_code == 200 and removed.json()["removed"] == "kestrel"
    gone = await client.delete("/knowledge/documents/kestrel", headers=_as("enable"))
    assert gone.status_code == 404 and gone.json()["detail"]["code"] == "document_not_found"
    assert _nothing_stored(api_services)


async def test_file_download(client: httpx.AsyncClient, api_services: Services) -> None:
    await _upload(client, "enable", "价格 说明.md", PRICING_ZH, doc_id="pricing")
    await _upload(client, "enable", "west.md", WEST_PLAYBOOK, visibility="west")

    own = await client.get("/knowledge/files/pricing", headers=_as("wang"))
    assert own.status_code == 200 and own.content == PRICING_ZH.encode()
    disposition = own.headers["content-disposition"]
    assert disposition.startswith("attachment;") and quote("价格 说明.md") in disposition

    assert (await client.get("/knowledge/files/west", headers=_as("wang"))).status_code == 404
    assert (await client.get("/knowledge/files/west", headers=_as("zhao"))).status_code == 200
    assert (await client.get("/knowledge/files/west")).status_code == 401

    signed = signed_file_url(api_services.settings, "west").removeprefix("http://127.0.0.1:8000")
    assert (await client.get(signed)).content == WEST_PLAYBOOK.encode()
    forged = signed.replace("/files/west?", "/files/pricing?")
    assert (await client.get(forged)).status_code == 401
    expired = signed_file_url(api_services.settings, "west", now=0).removeprefix(
        "http://127.0.0.1:8000"
    )
    assert (await client.get(expired)).status_code == 401


async def test_openapi_lists_the_routes(client: httpx.AsyncClient, tmp_path: Path) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert {"/knowledge/documents", "/knowledge/search", "/knowledge/files/{doc_id}"} <= set(paths)
    assert "multipart/form-data" in paths["/knowledge/documents"]["post"]["requestBody"]["content"]


async def test_declared_oversize_is_refused_before_reading(
    client: httpx.AsyncClient, api_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_copy(*args: object) -> int:
        raise AssertionError("the body should have been refused from its Content-Length")

    monkeypatch.setattr("bot.knowledge.api._copy_capped", must_not_copy)
    response = await _upload(client, "enable", "huge.md", b"x" * (2 * MB))
    assert response.status_code == 413
    assert response.json()["detail"]["code"] == "file_too_large"

"""Collateral managed in chat: who may upload, outcomes, bad files, removal, downloads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import respx

from bot.composition import build_router
from bot.knowledge.chat_upload import CollateralStep, visibility_of
from bot.knowledge.download import DownloadError, MediaNeedsConnector, fetch_attachment
from bot.knowledge.service import knowledge_dir
from bot.services import Services
from connectors.types import Attachment, AttachmentKind, InboundMessage
from tests.bot.knowledge.conftest import BATTLECARD, PRICING_ZH, ContextFactory, kb_of

WriteDoc = Callable[[str, str | bytes], Path]


def _file(path: Path, name: str | None = None) -> Attachment:
    return Attachment(kind=AttachmentKind.FILE, name=name or path.name, local_path=str(path))


def _leftovers(services: Services) -> list[Path]:
    incoming = knowledge_dir(services.settings) / "incoming"
    return list(incoming.rglob("*")) if incoming.exists() else []


def _stored_files(services: Services) -> list[Path]:
    return [p for p in (knowledge_dir(services.settings) / "files").rglob("*") if p.is_file()]


def test_rep_upload_is_refused_politely(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    step = CollateralStep(kb_services)
    path = write_doc("kestrel.md", BATTLECARD)
    [zh] = step.handle(make_ctx("wang", attachments=(_file(path),))) or []
    [en] = step.handle(make_ctx("emma", attachments=(_file(path),))) or []
    assert "只有赋能团队或管理员" in zh.text
    assert "Only the enablement team or an admin" in en.text
    assert kb_of(kb_services).list() == []


def test_enablement_adds_replaces_and_dedupes(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    step = CollateralStep(kb_services)
    first = write_doc("kestrel.md", BATTLECARD)
    [added] = step.handle(make_ctx("enable", attachments=(_file(first),), lang="en")) or []
    assert added.text.startswith("Added “Battlecard: Orbitly vs Kestrel CRM” (id kestrel")
    assert "visible to: everyone" in added.text

    [same] = step.handle(make_ctx("enable", attachments=(_file(first),), lang="en")) or []
    assert "unchanged" in same.text and "version 1" in same.text

    edited = write_doc("v2/kestrel.md", BATTLECARD + "\n## Pricing\nKestrel adds 20% for SSO.\n")
    [replaced] = step.handle(make_ctx("enable", attachments=(_file(edited),), lang="en")) or []
    assert "version 2" in replaced.text
    document = kb_of(kb_services).get("kestrel")
    assert document.version == 2 and document.uploaded_by == "enable"

    copy = write_doc("copy-of-card.md", edited.read_bytes())
    [duplicate] = step.handle(make_ctx("admin", "", attachments=(_file(copy),))) or []
    assert "已有资料" in duplicate.text and "kestrel" in duplicate.text
    assert [d.doc_id for d in kb_of(kb_services).list()] == ["kestrel"]
    assert len(_stored_files(kb_services)) == 1  # the old version's file is gone


def test_visibility_from_the_message(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    path = write_doc("pricing.md", PRICING_ZH)
    ctx = make_ctx("enable", "visibility: east", attachments=(_file(path),), lang="en")
    [reply] = CollateralStep(kb_services).handle(ctx) or []
    assert "visible to: east" in reply.text
    assert kb_of(kb_services).get("pricing").visibility == "east"
    assert visibility_of("仅 west 可见") == "west"
    assert visibility_of("可见范围：east，west") == "east,west"
    assert visibility_of("visible to everyone") == "all"
    assert visibility_of("new battlecard") == "all"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("blank.md", b"", "是空的"),
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf", "已损坏"),
        ("tool.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ],
)
def test_bad_file_gets_a_clear_message_and_stores_nothing(
    kb_services: Services,
    make_ctx: ContextFactory,
    write_doc: WriteDoc,
    name: str,
    content: bytes,
    expected: str,
) -> None:
    path = write_doc(name, content)
    [reply] = (
        CollateralStep(kb_services).handle(make_ctx("admin", attachments=(_file(path),))) or []
    )
    assert reply.text.startswith(f"“{name}”未能添加：")
    assert expected in reply.text
    assert kb_of(kb_services).list() == []
    assert _stored_files(kb_services) == []
    assert _leftovers(kb_services) == []


def test_wecom_media_needs_the_connector(kb_services: Services, make_ctx: ContextFactory) -> None:
    media = Attachment(kind=AttachmentKind.FILE, name="报价单.pdf", media_id="MEDIA123")
    ctx = make_ctx("admin", attachments=(media,), platform="wecom")
    [reply] = CollateralStep(kb_services).handle(ctx) or []
    assert "已收到文件“报价单.pdf”" in reply.text and "企业微信" in reply.text
    assert "salesbrain knowledge add" in reply.text
    assert kb_of(kb_services).list() == []


def test_transcript_files_pass_through_to_other_steps(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    path = write_doc("call.txt", "rep: hello\ncustomer: hi")
    ctx = make_ctx("wang", "分析一下这个通话记录", attachments=(_file(path),))
    assert CollateralStep(kb_services).handle(ctx) is None


def test_remove_and_list_commands(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    step = CollateralStep(kb_services)
    step.handle(make_ctx("enable", attachments=(_file(write_doc("kestrel.md", BATTLECARD)),)))
    step.handle(
        make_ctx("enable", "visibility=west", attachments=(_file(write_doc("p.md", PRICING_ZH)),))
    )
    [listing] = step.handle(make_ctx("wang", "资料列表")) or []
    assert listing.title == "资料库（共 1 份）" and "kestrel" in listing.text

    [refused] = step.handle(make_ctx("wang", "删除资料 kestrel")) or []
    assert "只有赋能团队或管理员可以删除资料" in refused.text
    [removed] = step.handle(make_ctx("enable", "remove doc kestrel", lang="en")) or []
    assert removed.text == "Removed “Battlecard: Orbitly vs Kestrel CRM” (id kestrel)."
    [missing] = step.handle(make_ctx("enable", "remove doc kestrel", lang="en")) or []
    assert missing.text == "No document with id 'kestrel'."
    assert [d.doc_id for d in kb_of(kb_services).list()] == ["p"]
    assert step.handle(make_ctx("wang", "华为那个单子怎么样了")) is None


def test_console_upload_command(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    path = write_doc("kestrel.md", BATTLECARD)
    [reply] = CollateralStep(kb_services).handle(make_ctx("admin", f"上传资料 {path}")) or []
    assert "已添加《Battlecard: Orbitly vs Kestrel CRM》" in reply.text
    slack = make_ctx("admin", f"upload doc {path}", platform="slack")
    assert CollateralStep(kb_services).handle(slack) is None  # only the console reads paths


def test_attachment_goes_through_the_composed_router(
    kb_services: Services, write_doc: WriteDoc
) -> None:
    path = write_doc("kestrel.md", BATTLECARD)
    message = InboundMessage(
        platform="console",
        tenant="acme-soft",
        channel="c1",
        sender="enable",
        text="",
        event_id="up-1",
        received_at=datetime.now(UTC),
        attachments=(_file(path),),
    )
    [reply] = build_router(kb_services).handle(message)
    assert reply.text.startswith("已添加《Battlecard: Orbitly vs Kestrel CRM》")
    assert kb_of(kb_services).get("kestrel").chunk_count >= 1


# -- downloads ------------------------------------------------------------------------------


def test_fetch_local_file_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# A\n\ntext\n", encoding="utf-8")
    attachment = _file(path)
    assert fetch_attachment(attachment, tmp_path / "dl", max_bytes=1000) == path
    gone = Attachment(kind=AttachmentKind.FILE, local_path=str(tmp_path / "gone.md"))
    with pytest.raises(DownloadError):
        fetch_attachment(gone, tmp_path / "dl", max_bytes=1000)
    with pytest.raises(MediaNeedsConnector):
        fetch_attachment(
            Attachment(kind=AttachmentKind.FILE, media_id="m1"), tmp_path / "dl", max_bytes=10
        )


@respx.mock
def test_fetch_url_sends_the_slack_token_only_to_slack(tmp_path: Path) -> None:
    slack = respx.get("https://files.slack.com/files-pri/T1-F1/card.md").mock(
        return_value=httpx.Response(200, content=b"# Card\n\nbody\n")
    )
    other = respx.get("https://cdn.example.org/card.md").mock(
        return_value=httpx.Response(200, content=b"# Card\n\nbody\n")
    )
    for url, route in (
        ("https://files.slack.com/files-pri/T1-F1/card.md", slack),
        ("https://cdn.example.org/card.md", other),
    ):
        attachment = Attachment(kind=AttachmentKind.FILE, name="card.md", url=url)
        path = fetch_attachment(
            attachment, tmp_path / url[8:12], max_bytes=1000, slack_token="xoxb-1"
        )
        assert path.read_bytes() == b"# Card\n\nbody\n" and path.name == "card.md"
        assert route.called
    assert slack.calls.last.request.headers["authorization"] == "Bearer xoxb-1"
    assert "authorization" not in other.calls.last.request.headers


@respx.mock
def test_fetch_url_errors_leave_no_partial_file(tmp_path: Path) -> None:
    respx.get("https://files.slack.com/big.md").mock(
        return_value=httpx.Response(200, content=b"x" * 5000)
    )
    respx.get("https://files.slack.com/login.md").mock(
        return_value=httpx.Response(200, html="<html>sign in</html>")
    )
    respx.get("https://files.slack.com/gone.md").mock(return_value=httpx.Response(404))
    for name, words in (("big.md", "over"), ("login.md", "files:read"), ("gone.md", "404")):
        attachment = Attachment(
            kind=AttachmentKind.FILE, name=name, url=f"https://files.slack.com/{name}"
        )
        with pytest.raises(DownloadError) as caught:
            fetch_attachment(attachment, tmp_path / "dl", max_bytes=1000, slack_token="t")
        assert words in caught.value.reason("en")
        assert not (tmp_path / "dl" / name).exists()

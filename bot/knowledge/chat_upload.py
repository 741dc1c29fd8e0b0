"""Router step for managing collateral in chat: file uploads, remove, list (before the NLU step)."""

from __future__ import annotations

import logging
import re
import shlex
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.context import MessageContext
from bot.knowledge.download import (
    DownloadError,
    MediaNeedsConnector,
    attachment_name,
    fetch_attachment,
)
from bot.knowledge.service import (
    PUBLIC,
    can_view,
    knowledge_base,
    knowledge_dir,
    max_upload_bytes,
    viewer_team,
)
from bot.knowledge.texts import kt
from bot.services import Services
from connectors.types import Attachment, AttachmentKind, Reply
from crm_store.errors import PermissionDenied
from crm_store.permissions import require_collateral_manager

if TYPE_CHECKING:
    from knowledge import IngestResult, KnowledgeBase

log = logging.getLogger(__name__)

_REMOVE = re.compile(
    r"^(?:删除资料|删除文档|移除资料|(?:remove|delete)\s+(?:doc|document|collateral))"
    r"\s*[:：]?\s*(\S+)$",
    re.IGNORECASE,
)
# Console only: whoever runs the console can already read the path.
_CONSOLE_UPLOAD = re.compile(
    r"^(?:上传资料|(?:upload|add)\s+(?:doc|document|collateral))\s*[:：]?\s+(.+)$",
    re.IGNORECASE | re.DOTALL,
)
_VISIBILITY = re.compile(
    r"(?:visibility|visible\s+to|可见范围|可见)\s*[:：=]?\s*([\w][\w,，-]*)", re.IGNORECASE
)
_ONLY_TEAM = re.compile(r"仅\s*([A-Za-z0-9_-]+)\s*(?:团队|组)?\s*可见")
_EVERYONE = frozenset({"all", "everyone", "所有人", "全部", "全员", "公开"})
LIST_WORDS = frozenset(
    {"资料列表", "资料库", "文档列表", "list docs", "list documents", "collateral", "docs"}
)
# A file sent with these words is a call recording or transcript for analysis, not collateral.
_TRANSCRIPT_WORDS = ("transcript", "通话记录", "录音", "会议纪要", "分析")
_Run = Callable[[], list[Reply]]
MEDIA_PLATFORMS = {"wecom": "企业微信 WeCom", "dingtalk": "钉钉 DingTalk"}


def visibility_of(text: str) -> str:
    """Teams named in the upload message ('visibility: east', '仅 east 可见'), else everyone."""
    match = _ONLY_TEAM.search(text) or _VISIBILITY.search(text)
    if match is None:
        return PUBLIC
    teams = [t.strip() for t in re.split(r"[,，]", match.group(1)) if t.strip()]
    if not teams or any(t.lower() in _EVERYONE for t in teams):
        return PUBLIC
    return ",".join(teams)


def outcome_text(result: IngestResult, name: str, lang: str) -> str:
    """One line saying what `KnowledgeBase.add` did with the file."""
    doc = result.document
    if result.status == "duplicate":
        return kt("duplicate", lang, name=name, title=doc.title, doc_id=doc.doc_id)
    visibility = kt("visibility_all", lang) if doc.visibility == PUBLIC else doc.visibility
    return kt(
        result.status,
        lang,
        title=doc.title,
        doc_id=doc.doc_id,
        version=doc.version,
        chunks=doc.chunk_count,
        visibility=visibility,
    )


class CollateralStep:
    """Adds files sent by enablement/admins; 'remove doc <id>' and 'list docs' as commands."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def handle(self, ctx: MessageContext) -> list[Reply] | None:
        text = ctx.text
        files = [a for a in ctx.message.attachments if a.kind is AttachmentKind.FILE]
        if files:
            if any(word in text.lower() for word in _TRANSCRIPT_WORDS):
                return None
            return self._guarded(ctx, "upload", lambda: self._upload(ctx, files, text))
        removal = _REMOVE.match(text)
        if removal:
            doc_id = removal.group(1)
            return self._guarded(ctx, "remove", lambda: self._remove(ctx, doc_id))
        upload = _CONSOLE_UPLOAD.match(text) if ctx.message.platform == "console" else None
        if upload:
            rest = upload.group(1)
            return self._guarded(ctx, "upload", lambda: self._console_upload(ctx, rest))
        if text.lower().rstrip("?？!！。. ") in LIST_WORDS:
            return [self._list(ctx)]
        return None

    def _guarded(self, ctx: MessageContext, what: str, run: _Run) -> list[Reply]:
        try:
            require_collateral_manager(ctx.user.actor)
        except PermissionDenied:
            return [Reply(text=kt(f"not_allowed_{what}", ctx.lang))]
        return run()

    def _kb(self) -> KnowledgeBase:
        return knowledge_base(self._services)

    def _upload(self, ctx: MessageContext, files: Sequence[Attachment], text: str) -> list[Reply]:
        settings = self._services.settings
        token = settings.slack.bot_token
        visibility = visibility_of(text)
        lines: list[str] = []
        incoming = knowledge_dir(settings) / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        for attachment in files:
            name = attachment_name(attachment) or kt("unnamed", ctx.lang)
            with tempfile.TemporaryDirectory(dir=incoming) as scratch:
                try:
                    path = fetch_attachment(
                        attachment,
                        Path(scratch),
                        max_bytes=max_upload_bytes(settings),
                        slack_token=token.get_secret_value()
                        if token is not None and ctx.message.platform == "slack"
                        else None,
                    )
                except MediaNeedsConnector:
                    platform = MEDIA_PLATFORMS.get(ctx.message.platform, ctx.message.platform)
                    lines.append(
                        kt("media_needs_connector", ctx.lang, name=name, platform=platform)
                    )
                    continue
                except DownloadError as error:
                    reason = error.reason(ctx.lang)
                    lines.append(kt("download_failed", ctx.lang, name=name, reason=reason))
                    continue
                lines.append(self._add(ctx, path, name, visibility))
        return [Reply(text="\n".join(lines))]

    def _add(self, ctx: MessageContext, path: Path, name: str, visibility: str) -> str:
        from knowledge import DocumentMeta, KnowledgeError

        meta = DocumentMeta(filename=name, visibility=visibility, uploaded_by=ctx.user.username)
        try:
            result = self._kb().add(path, meta)
        except KnowledgeError as error:
            log.info("collateral %r refused: %s", name, error.code)
            return kt("upload_failed", ctx.lang, name=name, reason=error.message(ctx.lang))
        log.info("collateral %s %s by %s", result.doc_id, result.status, ctx.user.username)
        return outcome_text(result, name, ctx.lang)

    def _console_upload(self, ctx: MessageContext, rest: str) -> list[Reply]:
        try:
            words = shlex.split(rest)
        except ValueError:
            words = rest.split()
        if not words:
            return [Reply(text=kt("download_failed", ctx.lang, name="?", reason=rest))]
        path = Path(words[0]).expanduser()
        attachment = Attachment(kind=AttachmentKind.FILE, name=path.name, local_path=str(path))
        return self._upload(ctx, [attachment], " ".join(words[1:]))

    def _remove(self, ctx: MessageContext, doc_id: str) -> list[Reply]:
        from knowledge import KnowledgeError

        try:
            document = self._kb().remove(doc_id)
        except KnowledgeError as error:
            return [Reply(text=error.message(ctx.lang))]
        log.info("collateral %s removed by %s", doc_id, ctx.user.username)
        return [Reply(text=kt("removed", ctx.lang, title=document.title, doc_id=document.doc_id))]

    def _list(self, ctx: MessageContext) -> Reply:
        viewer = viewer_team(ctx.user.role, ctx.user.team)
        documents = [d for d in self._kb().list() if can_view(d, viewer)]
        if not documents:
            return Reply(text=kt("doc_list_empty", ctx.lang))
        everyone = kt("visibility_all", ctx.lang)
        lines = [
            f"{d.doc_id} · {d.title} · {d.doc_type} · v{d.version} · "
            f"{everyone if d.visibility == PUBLIC else d.visibility}"
            for d in documents[:50]
        ]
        return Reply(
            title=kt("doc_list_title", ctx.lang, count=len(documents)), text="\n".join(lines)
        )

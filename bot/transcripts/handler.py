"""analyze_transcript: analyse a pasted or uploaded call, file it on the deal, offer tasks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from sqlalchemy.orm import Session, sessionmaker

from bot.actions.deal_flow import confirm_reply
from bot.actions.resolve import AccountResolver
from bot.actions.tasks import due_datetime
from bot.context import MessageContext
from bot.dialogue import DialogueStore, Pending
from bot.transcripts.card import analysis_card
from bot.transcripts.texts import tt
from connectors.types import Attachment, AttachmentKind, Reply
from crm_store import activity as activities
from crm_store import deal as deals
from crm_store import task as tasks
from crm_store import tenant as tenants
from crm_store import user as users
from crm_store.db import transaction
from crm_store.enums import ActivityType
from crm_store.source import SourceMessage
from nlp.dates import find_dates
from nlp.transcripts import (
    TranscriptError,
    TranscriptErrorCode,
    analyze_transcript,
    from_docx_text,
    read_transcript_bytes,
)

SUFFIXES = frozenset({".txt", ".vtt", ".srt", ".docx"})
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Analyzer:
    """Calls the analysis with the tenant's people and competitor tracker."""

    session_factory: sessionmaker[Session]
    cache_dir: Path

    def analyze(
        self, tenant_id: int, text: str, *, customer_speakers: list[str] | None = None
    ) -> dict[str, Any]:
        with self.session_factory() as session:
            people = users.list_users(session, tenant_id=tenant_id)
            tenant = tenants.get_tenant(session, tenant_id=tenant_id)
            extra = tenant.settings.get("competitors") or None
        vendor_names = [n for u in people for n in (u.display_name, u.username)]
        result = analyze_transcript(
            text,
            vendor_names=vendor_names,
            customer_speakers=customer_speakers,
            extra_competitors=extra,
            cache_dir=self.cache_dir,
            max_bytes=MAX_BYTES,
        )
        return result.to_dict()


def read_attachment(attachment: Attachment) -> str:
    """Text of an uploaded transcript file (.txt/.vtt/.srt/.docx) already on disk."""
    path = Path(attachment.local_path or "")
    if path.stat().st_size > MAX_BYTES:
        raise TranscriptError(TranscriptErrorCode.TOO_LARGE, f"{path.name} is over 5 MB")
    if path.suffix.lower() == ".docx":
        return from_docx_text(p.text for p in Document(str(path)).paragraphs)
    return read_transcript_bytes(path.read_bytes(), filename=path.name, max_bytes=MAX_BYTES)


def transcript_attachment(ctx: MessageContext) -> Attachment | None:
    for attachment in ctx.message.attachments:
        name = attachment.name or attachment.local_path or ""
        if attachment.kind is AttachmentKind.FILE and Path(name).suffix.lower() in SUFFIXES:
            return attachment
    return None


class TranscriptActions:
    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        dialogue: DialogueStore,
        resolver: AccountResolver,
        cache_dir: Path,
    ) -> None:
        self._factory = session_factory
        self._dialogue = dialogue
        self._resolver = resolver
        self._analyzer = Analyzer(session_factory, cache_dir)

    def on_text(self, ctx: MessageContext, slots: dict[str, Any]) -> list[Reply]:
        return self._run(ctx, ctx.message.text, str(slots.get("account") or ""))

    def on_file(self, ctx: MessageContext, attachment: Attachment) -> list[Reply]:
        try:
            text = read_attachment(attachment)
        except TranscriptError as error:
            return [Reply(text=tt(error.code.value, ctx.lang))]
        except (OSError, ValueError, KeyError):
            return [Reply(text=tt("unreadable_file", ctx.lang, name=attachment.name or "?"))]
        return self._run(ctx, text, "")

    def _run(self, ctx: MessageContext, text: str, surface: str) -> list[Reply]:
        try:
            analysis = self._analyzer.analyze(ctx.user.tenant_id, text)
        except TranscriptError as error:
            return [Reply(text=tt(error.code.value, ctx.lang))]
        pending = Pending(
            kind="ask_slot",
            intent="analyze_transcript",
            slots={"account": surface},
            facts={"analysis": analysis},
            slot="account",
            text=text[:4000],
            source_ref=ctx.source.ref,
        )
        match = self._resolver.resolve(ctx.user.actor, surface).match if surface else None
        # Transcripts name the customer somewhere; a CRM account found in the text will do.
        match = match or self._resolver.mentioned(ctx.user.actor, text)
        if match is not None:
            pending.facts["account_id"] = match.account_id
            pending.facts["account_name"] = match.name
        return self.advance(ctx, pending)

    def advance(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        """File the analysis once the account is known; otherwise ask for it."""
        lang = ctx.lang
        analysis = pending.facts["analysis"]
        if "account_id" not in pending.facts:
            surface = str(pending.slots.get("account") or "").strip()
            match = self._resolver.resolve(ctx.user.actor, surface).match if surface else None
            if match is None:
                pending.kind, pending.slot = "ask_slot", "account"
                self._dialogue.save(ctx, pending)
                return [analysis_card(analysis, lang), Reply(text=tt("ask_account", lang))]
            pending.facts["account_id"] = match.account_id
            pending.facts["account_name"] = match.name
        self._dialogue.clear(ctx)
        return self._file(ctx, pending)

    def _file(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        lang = ctx.lang
        analysis: dict[str, Any] = pending.facts["analysis"]
        account_id = int(pending.facts["account_id"])
        account_name = str(pending.facts["account_name"])
        source = SourceMessage(ref=pending.source_ref, text=pending.text)
        actor = ctx.user.actor
        with transaction(self._factory) as session:
            rows = deals.list_deals(
                session, actor=actor, scope="team", open_only=True, account_id=account_id
            )
            if not rows:
                return [
                    analysis_card(analysis, lang),
                    Reply(text=tt("no_deal", lang, account=account_name)),
                ]
            deal = next((d for d in rows if d.owner_id == ctx.user.id), rows[0])
            activities.log_activity(
                session,
                actor=actor,
                account_id=account_id,
                deal_id=deal.id,
                type=ActivityType.TRANSCRIPT,
                summary=" ".join(analysis["summary"])[:2000],
                occurred_at=ctx.now,
                source=source,
                details={"analysis": analysis, "sentiment": analysis["customer_sentiment"]},
            )
            reasons = risk_reasons(analysis)
            changes: dict[str, Any] = {}
            found = [c["name"] for c in analysis["competitors"]]
            if set(found) - set(deal.competitors):
                changes["competitors"] = sorted({*deal.competitors, *found})
            if reasons:
                changes["risk_flags"] = sorted({*deal.risk_flags, *reasons})
            if changes:
                deals.update_deal(
                    session, actor=actor, deal_id=deal.id, changes=changes, source=source
                )
            deal_id = deal.id
        header = tt("filed", lang, account=account_name, deal_id=deal_id)
        if reasons:
            header += "\n" + tt("risk", lang, reasons=", ".join(reasons))
        replies = [analysis_card(analysis, lang, header=header)]
        steps = analysis["next_step_items"]
        if steps:
            offer = Pending(
                kind="confirm",
                intent="transcript_tasks",
                slots={},
                facts={"deal_id": deal_id, "steps": steps},
                text=pending.text,
                source_ref=pending.source_ref,
            )
            self._dialogue.save(ctx, offer)
            replies.append(confirm_reply(tt("make_tasks", lang, n=len(steps)), [], lang))
        return replies

    def execute(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        """Turn the call's next steps into tasks on the deal (after the rep said yes)."""
        self._dialogue.clear(ctx)
        source = SourceMessage(ref=pending.source_ref, text=pending.text)
        steps: list[dict[str, Any]] = pending.facts["steps"]
        with transaction(self._factory) as session:
            for step in steps:
                due = find_dates(str(step.get("due") or ""), ctx.now)
                tasks.create_task(
                    session,
                    actor=ctx.user.actor,
                    title=str(step["action"])[:500],
                    due_at=due_datetime(due[0].value, ctx.user.timezone) if due else None,
                    deal_id=int(pending.facts["deal_id"]),
                    source=source,
                )
        return [Reply(text=tt("tasks_created", ctx.lang, n=len(steps)))]


def risk_reasons(analysis: dict[str, Any]) -> list[str]:
    """Why a call puts the deal at risk: the customer turned negative, or objections hang."""
    reasons = []
    if analysis["customer_sentiment"] == "negative" or (
        analysis["sentiment_trajectory"] == "declining"
        and analysis["customer_sentiment"] != "positive"
    ):
        reasons.append("negative_sentiment")
    if analysis["objection_categories"] and not analysis["next_steps"]:
        reasons.append("unresolved_objections")
    return reasons

"""Builds the intent handlers and the dialogue step that continues their conversations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from bot.actions.deal_flow import DealFlow
from bot.actions.queries import DealQueries
from bot.actions.resolve import AccountResolver
from bot.actions.tasks import TaskActions
from bot.actions.texts import tx
from bot.commands import help_reply
from bot.context import MessageContext
from bot.dialogue import DialogueStore, Pending, answer_of
from bot.digests.render import render_pipeline_summary
from bot.i18n import t
from bot.nlu import IntentHandler
from bot.transcripts.handler import TranscriptActions, transcript_attachment
from connectors.types import Reply
from crm_store.analytics.pipeline import pipeline_summary
from nlp.dates import find_dates
from nlp.money import find_money, pick_amount
from nlp.types import Intent, ParseResult


class Flow(Protocol):
    """A multi-turn action: moves a pending plan forward, or carries it out once confirmed."""

    def advance(self, ctx: MessageContext, pending: Pending) -> list[Reply]: ...

    def execute(self, ctx: MessageContext, pending: Pending) -> list[Reply]: ...


_TEAM_WORDS = ("团队", "team", "大家", "全组", "全部", "所有人", "everyone")


@dataclass
class CrmActions:
    """Handlers for the CRM intents; other issues add search and transcript handlers."""

    session_factory: sessionmaker[Session]
    dialogue: DialogueStore
    models_dir: Path
    chart_dir: Path | None = None
    extra_handlers: dict[Intent, IntentHandler] = field(default_factory=dict)

    def __post_init__(self) -> None:
        resolver = AccountResolver(session_factory=self.session_factory)
        self.flow = DealFlow(
            session_factory=self.session_factory, dialogue=self.dialogue, resolver=resolver
        )
        self.tasks = TaskActions(
            session_factory=self.session_factory, dialogue=self.dialogue, resolver=resolver
        )
        self.queries = DealQueries(session_factory=self.session_factory, resolver=resolver)
        self.transcripts = TranscriptActions(
            session_factory=self.session_factory,
            dialogue=self.dialogue,
            resolver=resolver,
            cache_dir=self.models_dir / "transcripts",
        )

    def flow_for(self, intent: str) -> Flow:
        """The multi-turn flow that owns a pending dialogue of this intent."""
        flows: dict[str, Flow] = {
            "create_task": self.tasks,
            "analyze_transcript": self.transcripts,
            "transcript_tasks": self.transcripts,
        }
        return flows.get(intent, self.flow)

    def handlers(self) -> dict[Intent, IntentHandler]:
        def deal_intent(name: str) -> IntentHandler:
            return lambda ctx, parse: self.flow.start(ctx, name, dict(parse.slots))

        base: dict[Intent, IntentHandler] = {
            Intent.LOG_ACTIVITY: deal_intent("log_activity"),
            Intent.UPDATE_DEAL: deal_intent("update_deal"),
            Intent.CREATE_DEAL: deal_intent("create_deal"),
            Intent.QUERY_DEAL: lambda ctx, parse: self.queries.query_deal(ctx, dict(parse.slots)),
            Intent.QUERY_PIPELINE: self._pipeline,
            Intent.CREATE_TASK: lambda ctx, parse: self.tasks.start(ctx, dict(parse.slots)),
            Intent.HELP: lambda ctx, parse: [help_reply(ctx.lang)],
            Intent.OTHER: self._other,
            Intent.SEARCH_KNOWLEDGE: self._not_available,
            Intent.ANALYZE_TRANSCRIPT: lambda ctx, parse: self.transcripts.on_text(
                ctx, dict(parse.slots)
            ),
        }
        base.update(self.extra_handlers)
        return base

    def _pipeline(self, ctx: MessageContext, parse: ParseResult) -> list[Reply]:
        """Pipeline by stage, weighted forecast vs quota and stalled deals, with a chart."""
        team = any(word in ctx.text.lower() for word in _TEAM_WORDS)
        with self.session_factory() as session:
            summary = pipeline_summary(
                session,
                actor=ctx.user.actor,
                scope="team" if team else "mine",
                now=ctx.now,
                tz=ctx.user.timezone,
            )
        return [render_pipeline_summary(summary, ctx.lang, self.chart_dir)]

    def _other(self, ctx: MessageContext, parse: ParseResult) -> list[Reply]:
        greeting = ctx.text.lower().strip("!！。. ") in {
            "hi",
            "hello",
            "hey",
            "你好",
            "您好",
            "在吗",
        }
        return [Reply(text=tx("greeting", ctx.lang) if greeting else t("not_understood", ctx.lang))]

    def _not_available(self, ctx: MessageContext, parse: ParseResult) -> list[Reply]:
        return [Reply(text=tx("not_available", ctx.lang))]


def _choice(ctx: MessageContext, pending: Pending) -> list[Any] | None:
    action = ctx.message.action
    if action is not None and action.value.startswith("choose:"):
        wanted = action.value.split(":", 1)[1]
        return next((c for c in pending.choices if str(c[0]) == wanted), None)
    text = ctx.text.strip()
    if text.isdigit() and 1 <= int(text) <= len(pending.choices):
        return pending.choices[int(text) - 1]
    return next((c for c in pending.choices if str(c[1]).lower() == text.lower()), None)


def _slot_value(ctx: MessageContext, slot: str) -> Any:
    text = ctx.text.strip()
    if slot == "account":
        return text if 0 < len(text) <= 40 else None
    if slot in ("due_date", "close_date"):
        found = find_dates(text, ctx.now)
        return found[0].value.isoformat() if found else None
    if slot == "amount":
        picked = pick_amount(text, find_money(text))
        return picked.amount if picked else None
    return None


class DialogueStep:
    """Continues a pending dialogue; a message that is not an answer starts afresh."""

    def __init__(self, *, dialogue: DialogueStore, actions: CrmActions) -> None:
        self._dialogue = dialogue
        self._actions = actions

    def _advance(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        return self._actions.flow_for(pending.intent).advance(ctx, pending)

    def handle(self, ctx: MessageContext) -> list[Reply] | None:
        pending = self._dialogue.load(ctx)
        if pending is None:
            return None
        answer = answer_of(ctx)
        if answer == "no":
            self._dialogue.clear(ctx)
            return [Reply(text=t("cancelled", ctx.lang))]
        if pending.kind == "confirm" and answer == "yes":
            return self._actions.flow_for(pending.intent).execute(ctx, pending)
        if pending.kind == "choose_account":
            chosen = _choice(ctx, pending)
            if chosen is not None:
                pending.facts["account_id"] = int(chosen[0])
                pending.facts["account_name"] = str(chosen[1])
                pending.kind = "confirm"
                return self._advance(ctx, pending)
        if pending.kind == "ask_slot" and pending.slot:
            value = _slot_value(ctx, pending.slot)
            if value is not None:
                pending.slots[pending.slot] = value
                return self._advance(ctx, pending)
        self._dialogue.clear(ctx)
        return None


class TranscriptFileStep:
    """A transcript file (.vtt/.srt always; .txt/.docx from sales roles or when asked to
    analyse) is analysed; other files go on to the collateral step."""

    _ASK = ("分析", "通话", "录音", "转写", "transcript", "analy", "call")

    def __init__(self, *, actions: CrmActions) -> None:
        self._actions = actions

    def handle(self, ctx: MessageContext) -> list[Reply] | None:
        attachment = transcript_attachment(ctx)
        if attachment is None or not attachment.local_path:
            return None
        suffix = Path(attachment.name or attachment.local_path).suffix.lower()
        asked = any(word in ctx.text.lower() for word in self._ASK)
        sales = ctx.user.role.value in ("rep", "manager")
        if suffix in (".vtt", ".srt") or asked or sales:
            return self._actions.transcripts.on_file(ctx, attachment)
        return None

"""query_deal and query_pipeline: read-only cards about one deal or a pipeline."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.actions.resolve import AccountResolver
from bot.actions.texts import activity_label, label, tx
from bot.context import MessageContext
from bot.formatting import day, money, stage_label
from connectors.types import Reply
from crm_store import activity as activities
from crm_store import deal as deals
from crm_store import stage_history
from crm_store import task as tasks
from crm_store.enums import OPEN_STAGES


def deal_card(session: Session, ctx: MessageContext, deal: deals.Deal, account_name: str) -> Reply:
    """Stage, amount, close date, days in stage, last activity and next task of a deal."""
    lang = ctx.lang
    actor = ctx.user.actor
    current = stage_history.current_stage_row(session, deal_id=deal.id)
    days = int(current.days_in_stage(ctx.now)) if current else 0
    recent = activities.list_activities(session, actor=actor, deal_id=deal.id, limit=1)
    open_tasks = tasks.list_tasks(session, actor=actor, deal_id=deal.id)
    last = "—"
    if recent:
        a = recent[0]
        last = (
            f"{a.occurred_at.date().isoformat()} {activity_label(a.type, lang)}: {a.summary[:60]}"
        )
    next_task = "—"
    if open_tasks:
        t = open_tasks[0]
        due = t.due_at.date().isoformat() if t.due_at else ""
        next_task = f"{t.title[:60]} {due}".strip()
    fields: tuple[tuple[str, str], ...] = (
        (label("stage", lang), stage_label(deal.stage, lang)),
        (label("amount", lang), money(deal.amount, deal.currency, lang)),
        (label("close_date", lang), day(deal.close_date, lang)),
        (label("days_in_stage", lang), str(days)),
        (label("last_activity", lang), last),
        (label("next_task", lang), next_task),
    )
    if deal.competitors:
        fields += ((label("competitor", lang), ", ".join(deal.competitors)),)
    title = tx("deal_card_title", lang, account=account_name, id=deal.id)
    return Reply(title=title, text=stage_label(deal.stage, lang), fields=fields)


class DealQueries:
    def __init__(self, *, session_factory: sessionmaker[Session], resolver: AccountResolver):
        self._factory = session_factory
        self._resolver = resolver

    def query_deal(self, ctx: MessageContext, slots: dict[str, Any]) -> list[Reply]:
        lang = ctx.lang
        surface = str(slots.get("account") or "").strip()
        if not surface:
            named = self._resolver.mentioned(ctx.user.actor, ctx.text)
            if named is None:
                return [Reply(text=tx("ask_account", lang))]
            surface = named.name
        resolution = self._resolver.resolve(ctx.user.actor, surface)
        match = resolution.match or (resolution.candidates[0] if resolution.candidates else None)
        if match is None:
            return [Reply(text=tx("no_deal_for_account", lang, account=surface))]
        with self._factory() as session:
            rows = deals.list_deals(
                session, actor=ctx.user.actor, scope="all", account_id=match.account_id
            )
            if not rows:
                return [Reply(text=tx("no_deal_for_account", lang, account=match.name))]
            open_first = sorted(rows, key=lambda d: (d.stage not in OPEN_STAGES, -d.id))
            return [deal_card(session, ctx, open_first[0], match.name)]

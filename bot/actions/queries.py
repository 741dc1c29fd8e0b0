"""query_deal and query_pipeline: read-only cards about one deal or a pipeline."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.actions.resolve import AccountResolver
from bot.actions.texts import activity_label, label, tx
from bot.context import MessageContext
from bot.formatting import day, money, stage_label
from bot.i18n import t
from connectors.types import Reply
from crm_store import activity as activities
from crm_store import deal as deals
from crm_store import stage_history
from crm_store import task as tasks
from crm_store.enums import FUNNEL, OPEN_STAGES, Role

# Stage weights for the weighted pipeline when a deal carries no probability of its own.
STAGE_WEIGHTS = {
    "lead": 0.05,
    "contacted": 0.1,
    "needs_analysis": 0.2,
    "demo": 0.4,
    "negotiation": 0.7,
}


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


def _quarter_bounds(today: date) -> tuple[date, date]:
    q = (today.month - 1) // 3
    start = date(today.year, q * 3 + 1, 1)
    end_month = q * 3 + 3
    end = date(today.year + (end_month == 12), end_month % 12 + 1, 1)
    return start, end


def pipeline_reply(
    session: Session, ctx: MessageContext, *, team: bool, local_today: date
) -> Reply:
    """Open deals by stage with this month's and quarter's weighted totals."""
    lang = ctx.lang
    scope: deals.DealScope = (
        "team" if team and ctx.user.role in (Role.MANAGER, Role.ADMIN) else "mine"
    )
    rows = deals.list_deals(session, actor=ctx.user.actor, scope=scope, open_only=True)
    by_stage: dict[str, list[deals.Deal]] = defaultdict(list)
    for d in rows:
        by_stage[str(d.stage)].append(d)
    month_start = local_today.replace(day=1)
    q_start, q_end = _quarter_bounds(local_today)
    month_total = quarter_total = Decimal(0)
    for d in rows:
        weight = Decimal(
            str(d.probability if d.probability is not None else STAGE_WEIGHTS.get(str(d.stage), 0))
        )
        value = (d.amount or Decimal(0)) * weight
        if d.close_date and q_start <= d.close_date < q_end:
            quarter_total += value
            if d.close_date >= month_start and d.close_date.month == local_today.month:
                month_total += value
    lines = []
    for stage in FUNNEL:
        items = by_stage.get(stage.value, [])
        if items:
            total = sum((d.amount or Decimal(0) for d in items), Decimal(0))
            lines.append(f"{stage_label(stage, lang)}: {len(items)} · {money(total, 'CNY', lang)}")
    if lang == "zh":
        title = "团队商机" if scope == "team" else "我的商机"
        summary = (
            f"本月加权 {money(month_total, 'CNY', lang)} · "
            f"本季度加权 {money(quarter_total, 'CNY', lang)}"
        )
    else:
        title = "Team pipeline" if scope == "team" else "My pipeline"
        summary = (
            f"Weighted this month {money(month_total, 'CNY', lang)} · "
            f"this quarter {money(quarter_total, 'CNY', lang)}"
        )
    body = "\n".join(lines) if lines else t("no_deals", lang)
    return Reply(title=title, text=f"{body}\n{summary}")


def local_date(now: datetime, tz: str) -> date:
    try:
        return now.astimezone(ZoneInfo(tz)).date()
    except (KeyError, ValueError):
        return now.date()

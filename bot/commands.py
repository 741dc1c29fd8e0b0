"""Plain commands that need no NLP: help, my deals, note, undo."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session, sessionmaker

from bot.context import MessageContext
from bot.formatting import day, money, stage_label
from bot.i18n import t
from bot.undo import undo_last_change
from connectors.types import Reply
from crm_store import account as accounts
from crm_store import activity as activities
from crm_store import deal as deals
from crm_store.db import transaction
from crm_store.enums import ActivityType

HELP_WORDS = frozenset({"help", "帮助", "?", "？", "menu", "菜单", "/help", "怎么用"})
MY_DEALS_WORDS = frozenset({"my deals", "deals", "我的商机", "我的单子", "商机列表"})
UNDO_WORDS = frozenset({"undo", "撤销", "撤回", "撤销上一步"})
_NOTE = re.compile(r"^(?:note|记录|备注)\s*[:：]?\s+(\S+)\s+(.+)$", re.IGNORECASE | re.DOTALL)


def help_reply(lang: str) -> Reply:
    return Reply(title=t("help_title", lang), text=t("help_body", lang))


class PlainCommands:
    """Recognises fixed command words; free text goes on to the NLU step."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def handle(self, ctx: MessageContext) -> list[Reply] | None:
        text = ctx.text.lower().rstrip("!！。. ")
        if text in HELP_WORDS:
            return [help_reply(ctx.lang)]
        if text in MY_DEALS_WORDS:
            return [self._my_deals(ctx)]
        if text in UNDO_WORDS:
            return [undo_last_change(self._factory, ctx)]
        if text in {"note", "记录", "备注"}:
            return [Reply(text=t("note_usage", ctx.lang))]
        match = _NOTE.match(ctx.text)
        if match:
            return [self._note(ctx, match.group(1), match.group(2).strip())]
        return None

    def _my_deals(self, ctx: MessageContext) -> Reply:
        with self._factory() as session:
            rows = deals.list_deals(session, actor=ctx.user.actor, scope="mine", open_only=True)
            if not rows:
                return Reply(text=t("no_deals", ctx.lang))
            names = {a.id: a.name for a in accounts.list_accounts(session, actor=ctx.user.actor)}
        lines = [
            f"#{d.id} {names.get(d.account_id, '?')} · {stage_label(d.stage, ctx.lang)} · "
            f"{money(d.amount, d.currency, ctx.lang)} · {day(d.close_date, ctx.lang)}"
            for d in rows[:20]
        ]
        title = t("my_deals_title", ctx.lang, count=len(rows))
        return Reply(title=title, text="\n".join(lines))

    def _note(self, ctx: MessageContext, target: str, summary: str) -> Reply:
        actor = ctx.user.actor
        with transaction(self._factory) as session:
            deal_id: int | None = None
            if target.lstrip("#").isdigit():
                deal = deals.get_deal(session, actor=actor, deal_id=int(target.lstrip("#")))
                account = accounts.get_account(session, actor=actor, account_id=deal.account_id)
                deal_id = deal.id
            else:
                found = accounts.find_account_by_name(session, actor=actor, name=target)
                if found is None:
                    found = _by_alias(session, ctx, target)
                if found is None:
                    return Reply(text=t("account_not_found", ctx.lang, name=target))
                account = found
                open_deals = deals.list_deals(
                    session, actor=actor, scope="mine", open_only=True, account_id=account.id
                )
                deal_id = open_deals[0].id if open_deals else None
            activities.log_activity(
                session,
                actor=actor,
                account_id=account.id,
                deal_id=deal_id,
                type=ActivityType.NOTE,
                summary=summary,
                occurred_at=ctx.now,
                source=ctx.source,
            )
            return Reply(
                text=t(
                    "note_saved",
                    ctx.lang,
                    account=account.name,
                    deal_id=deal_id if deal_id is not None else "—",
                    summary=summary,
                )
            )


def _by_alias(session: Session, ctx: MessageContext, name: str) -> accounts.Account | None:
    wanted = name.strip().lower()
    for account in accounts.list_accounts(session, actor=ctx.user.actor):
        if any(alias.lower() == wanted for alias in account.aliases or []):
            return account
    return None

"""Undo: revert the user's most recent change (all writes of one message) via the audit log."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from bot.context import MessageContext
from bot.i18n import t
from connectors.types import Reply
from crm_store import activity as activities
from crm_store import audit
from crm_store import deal as deals
from crm_store import task as tasks
from crm_store.actor import Actor
from crm_store.db import transaction
from crm_store.source import SourceMessage

_WHAT = {
    "deal": {"zh": "商机 #{id} 的修改", "en": "the change to deal #{id}"},
    "deal_create": {"zh": "新建的商机 #{id}", "en": "new deal #{id}"},
    "activity": {"zh": "活动记录 #{id}", "en": "activity #{id}"},
    "task": {"zh": "任务 #{id}", "en": "task #{id}"},
}


def _revert(
    session: Session, actor: Actor, entry: audit.AuditLog, source: SourceMessage
) -> str | None:
    """Revert one audited write; returns what was reverted, or None if it cannot be."""
    if entry.entity == "deal" and entry.action == "update" and entry.before:
        deals.restore_deal(
            session, actor=actor, deal_id=entry.entity_id, before=entry.before, source=source
        )
        return "deal"
    if entry.entity == "deal" and entry.action == "create":
        deals.update_deal(
            session,
            actor=actor,
            deal_id=entry.entity_id,
            changes={"stage": "lost", "lost_reason": "undone"},
            source=source,
        )
        return "deal_create"
    if entry.entity == "activity" and entry.action == "create":
        activities.delete_activity(session, actor=actor, activity_id=entry.entity_id, source=source)
        return "activity"
    if entry.entity == "task" and entry.action == "create":
        tasks.delete_task(session, actor=actor, task_id=entry.entity_id, source=source)
        return "task"
    return None


def undo_last_change(factory: sessionmaker[Session], ctx: MessageContext) -> Reply:
    """Revert the newest not-yet-undone change of this user; one message per call."""
    actor = ctx.user.actor
    lang = ctx.lang if ctx.lang in ("zh", "en") else "en"
    with transaction(factory) as session:
        done: list[str] = []
        for entry in audit.last_change_group(session, actor=actor):
            kind = _revert(session, actor, entry, ctx.source)
            if kind is not None:
                entry.reverted = True
                done.append(_WHAT[kind][lang].format(id=entry.entity_id))
        if not done:
            return Reply(text=t("nothing_to_undo", ctx.lang))
        return Reply(text=t("undone", ctx.lang, what="; ".join(done)))

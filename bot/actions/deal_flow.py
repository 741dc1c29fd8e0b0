"""log_activity, update_deal and create_deal: resolve, confirm when needed, then write."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.actions.resolve import AccountResolver, Resolution
from bot.actions.texts import activity_label, label, tx
from bot.context import MessageContext
from bot.dialogue import DialogueStore, Pending
from bot.formatting import day, money, stage_label
from connectors.types import Button, Reply
from crm_store import account as accounts
from crm_store import activity as activities
from crm_store import contact as contacts
from crm_store import deal as deals
from crm_store.db import transaction
from crm_store.enums import ActivityType, Stage
from crm_store.source import SourceMessage

DEAL_FIELDS = ("stage", "amount", "close_date")
NEEDS_ACCOUNT = frozenset({"log_activity", "update_deal", "create_deal", "query_deal"})


def deal_changes(slots: dict[str, Any]) -> dict[str, Any]:
    """The deal fields a message asks to change, in store types."""
    changes: dict[str, Any] = {}
    if slots.get("stage"):
        changes["stage"] = Stage(str(slots["stage"]))
    if slots.get("amount") is not None:
        changes["amount"] = slots["amount"]
    if slots.get("currency"):
        changes["currency"] = str(slots["currency"])
    if slots.get("close_date"):
        changes["close_date"] = date.fromisoformat(str(slots["close_date"]))
    return changes


def describe_changes(changes: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if "stage" in changes:
        rows.append((label("stage", lang), stage_label(changes["stage"], lang)))
    if "amount" in changes:
        rows.append(
            (label("amount", lang), money(changes["amount"], changes.get("currency", "CNY"), lang))
        )
    if "close_date" in changes:
        rows.append((label("close_date", lang), day(changes["close_date"], lang)))
    return rows


def confirm_reply(title: str, rows: list[tuple[str, str]], lang: str) -> Reply:
    return Reply(
        title=title,
        text=title,
        fields=tuple(rows),
        buttons=(
            Button(label=tx("confirm", lang), value="confirm", style="primary"),
            Button(label=tx("cancel", lang), value="cancel", style="danger"),
        ),
        buttons_hint=tx("confirm_hint", lang),
    )


class DealFlow:
    """Plans a CRM change from a parse, asks what is missing, confirms, then writes."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        dialogue: DialogueStore,
        resolver: AccountResolver,
    ) -> None:
        self._factory = session_factory
        self._dialogue = dialogue
        self._resolver = resolver

    def start(self, ctx: MessageContext, intent: str, slots: dict[str, Any]) -> list[Reply]:
        pending = Pending(
            kind="confirm",
            intent=intent,
            slots=dict(slots),
            text=ctx.message.text[:4000],
            source_ref=ctx.source.ref,
        )
        return self.advance(ctx, pending)

    def advance(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        """Move a plan forward until it needs the user, or is written."""
        lang = ctx.lang
        facts = pending.facts
        if "account_id" not in facts and "new_account" not in facts:
            surface = str(pending.slots.get("account") or "").strip()
            # A CRM name written in the message beats a parser span cut short (美 / 美的).
            named = self._resolver.mentioned(ctx.user.actor, pending.text)
            if named is not None and (not surface or surface.lower() in named.name.lower()):
                surface = named.name
            if not surface:
                return self._ask(ctx, pending, "account", tx("ask_account", lang))
            resolution = self._resolver.resolve(ctx.user.actor, surface)
            outcome = self._apply_resolution(ctx, pending, surface, resolution)
            if outcome is not None:
                return outcome
        if pending.intent == "create_deal":
            return self._plan_create(ctx, pending)
        return self._plan_change(ctx, pending)

    def _apply_resolution(
        self, ctx: MessageContext, pending: Pending, surface: str, resolution: Resolution
    ) -> list[Reply] | None:
        lang = ctx.lang
        if resolution.match is not None:
            pending.facts["account_id"] = resolution.match.account_id
            pending.facts["account_name"] = resolution.match.name
            return None
        if resolution.candidates:
            pending.kind = "choose_account"
            pending.choices = [[c.account_id, c.name] for c in resolution.candidates]
            self._dialogue.save(ctx, pending)
            options = "\n".join(f"{i}. {c.name}" for i, c in enumerate(resolution.candidates, 1))
            buttons = tuple(
                Button(label=c.name, value=f"choose:{c.account_id}") for c in resolution.candidates
            )
            return [Reply(text=tx("choose_account", lang, options=options), buttons=buttons)]
        pending.facts["new_account"] = surface
        pending.facts["account_name"] = surface
        return None

    def _ask(self, ctx: MessageContext, pending: Pending, slot: str, text: str) -> list[Reply]:
        pending.kind = "ask_slot"
        pending.slot = slot
        self._dialogue.save(ctx, pending)
        return [Reply(text=text)]

    def _open_deal_id(self, session: Session, ctx: MessageContext, account_id: int) -> int | None:
        rows = deals.list_deals(
            session, actor=ctx.user.actor, scope="team", open_only=True, account_id=account_id
        )
        own = [d for d in rows if d.owner_id == ctx.user.id]
        chosen = (own or rows)[:1]
        return chosen[0].id if chosen else None

    def _plan_change(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        lang = ctx.lang
        facts = pending.facts
        changes = deal_changes(pending.slots)
        if "account_id" in facts and "deal_id" not in facts:
            with self._factory() as session:
                facts["deal_id"] = self._open_deal_id(session, ctx, int(facts["account_id"]))
        if pending.intent == "update_deal":
            if not changes:
                return [Reply(text=tx("nothing_to_change", lang))]
            if facts.get("deal_id") is None:
                name = facts.get("account_name", "")
                return [Reply(text=tx("no_open_deal", lang, account=name))]
        needs_confirm = bool(changes) or "new_account" in facts
        if not needs_confirm:
            return self.execute(ctx, pending)
        rows = self._summary_rows(pending, changes, lang)
        pending.kind = "confirm"
        self._dialogue.save(ctx, pending)
        return [confirm_reply(tx("confirm_title", lang), rows, lang)]

    def _summary_rows(
        self, pending: Pending, changes: dict[str, Any], lang: str
    ) -> list[tuple[str, str]]:
        facts = pending.facts
        rows: list[tuple[str, str]] = []
        if "new_account" in facts:
            rows.append((label("new_account", lang), str(facts["new_account"])))
        else:
            rows.append((label("account", lang), str(facts.get("account_name", ""))))
        if pending.intent == "log_activity":
            kind = str(pending.slots.get("activity_type") or "note")
            rows.append((label("activity", lang), activity_label(kind, lang)))
        if pending.slots.get("contact"):
            rows.append((label("contact", lang), str(pending.slots["contact"])))
        if facts.get("deal_id"):
            rows.append((label("deal", lang), f"#{facts['deal_id']}"))
        elif changes or pending.intent == "create_deal":
            rows.append((label("new_deal", lang), "✓"))
        rows.extend(describe_changes(changes, lang))
        return rows

    def _plan_create(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        lang = ctx.lang
        facts = pending.facts
        if "account_id" in facts and not facts.get("duplicate_ok"):
            with self._factory() as session:
                existing = self._open_deal_id(session, ctx, int(facts["account_id"]))
                if existing is not None:
                    deal = deals.get_deal(session, actor=ctx.user.actor, deal_id=existing)
                    facts["duplicate_ok"] = True
                    pending.kind = "confirm"
                    self._dialogue.save(ctx, pending)
                    text = tx(
                        "deal_exists",
                        lang,
                        account=facts["account_name"],
                        id=deal.id,
                        stage=stage_label(deal.stage, lang),
                    )
                    return [confirm_reply(text, [], lang)]
        rows = self._summary_rows(pending, deal_changes(pending.slots), lang)
        pending.kind = "confirm"
        self._dialogue.save(ctx, pending)
        return [confirm_reply(tx("confirm_title", lang), rows, lang)]

    def execute(self, ctx: MessageContext, pending: Pending) -> list[Reply]:
        """Write the plan in one transaction, stamped with the original message."""
        self._dialogue.clear(ctx)
        source = SourceMessage(
            ref=pending.source_ref or ctx.source.ref, text=pending.text or ctx.message.text
        )
        with transaction(self._factory) as session:
            return [self._write(session, ctx, pending, source)]

    def _write(
        self, session: Session, ctx: MessageContext, pending: Pending, source: SourceMessage
    ) -> Reply:
        actor = ctx.user.actor
        lang = ctx.lang
        facts = pending.facts
        slots = pending.slots
        if "new_account" in facts:
            account_id = accounts.create_account(
                session, actor=actor, name=str(facts["new_account"]), source=source
            ).id
        else:
            account_id = int(facts["account_id"])
        account_name = str(facts.get("account_name", ""))
        changes = deal_changes(slots)
        deal_id = facts.get("deal_id")
        contact_id = self._contact_id(session, ctx, account_id, slots, source)
        if pending.intent == "create_deal" or (deal_id is None and changes):
            deal = deals.create_deal(
                session,
                actor=actor,
                account_id=account_id,
                name=f"{account_name} {ctx.now.year}",
                stage=changes.get("stage", Stage.LEAD),
                amount=changes.get("amount"),
                currency=changes.get("currency", "CNY"),
                close_date=changes.get("close_date"),
                competitors=[str(slots["competitor"])] if slots.get("competitor") else None,
                source=source,
            )
            deal_id = deal.id
            if pending.intent == "create_deal":
                amount = changes.get("amount")
                amount_text = (
                    f" · {money(amount, changes.get('currency', 'CNY'), lang)}"
                    if amount is not None
                    else ""
                )
                return Reply(
                    text=tx(
                        "deal_created", lang, id=deal.id, account=account_name, amount=amount_text
                    )
                )
        elif changes and deal_id is not None:
            if slots.get("competitor"):
                current = deals.get_deal(session, actor=actor, deal_id=int(deal_id))
                changes["competitors"] = sorted({*current.competitors, str(slots["competitor"])})
            deals.update_deal(
                session, actor=actor, deal_id=int(deal_id), changes=changes, source=source
            )
        if pending.intent == "update_deal":
            text = ", ".join(f"{k} {v}" for k, v in describe_changes(changes, lang))
            return Reply(text=tx("deal_updated", lang, id=deal_id, changes=text))
        kind = str(slots.get("activity_type") or "note")
        activities.log_activity(
            session,
            actor=actor,
            account_id=account_id,
            deal_id=int(deal_id) if deal_id is not None else None,
            contact_id=contact_id,
            type=ActivityType(kind),
            summary=pending.text or ctx.message.text,
            occurred_at=ctx.now,
            details={"slots": slots},
            source=source,
        )
        contact_text = f" · {slots['contact']}" if slots.get("contact") else ""
        deal_text = f" · #{deal_id}" if deal_id is not None else ""
        extra = describe_changes(changes, lang)
        text = tx(
            "activity_logged",
            lang,
            type=activity_label(kind, lang),
            account=account_name,
            contact=contact_text,
            deal=deal_text,
        )
        if extra:
            text += "\n" + "\n".join(f"{k}: {v}" for k, v in extra)
        return Reply(text=text)

    def _contact_id(
        self,
        session: Session,
        ctx: MessageContext,
        account_id: int,
        slots: dict[str, Any],
        source: SourceMessage,
    ) -> int | None:
        name = str(slots.get("contact") or "").strip()
        if not name:
            return None
        for existing in contacts.list_contacts(
            session, actor=ctx.user.actor, account_id=account_id
        ):
            if existing.name.lower() == name.lower():
                return existing.id
        return contacts.create_contact(
            session, actor=ctx.user.actor, account_id=account_id, name=name, source=source
        ).id

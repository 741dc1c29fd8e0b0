"""Write the demo tenant through the audited repository functions, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crm_store.account import Account, create_account, update_account
from crm_store.activity import Activity, log_activity
from crm_store.actor import Actor
from crm_store.contact import Contact, create_contact
from crm_store.db import transaction, utcnow
from crm_store.deal import Deal, create_deal, update_deal
from crm_store.demo import catalog
from crm_store.demo.extras import seed_quotas, seed_usage
from crm_store.demo.generate import ActivityPlan, DemoPlan, plan_demo
from crm_store.enums import IdentityPlatform, Stage
from crm_store.task import Task, complete_task, create_task
from crm_store.tenant import Tenant, create_tenant, get_tenant_by_slug
from crm_store.user import User, create_user, link_identity

# Stage SLAs (days) the demo tenant starts with; analytics flags deals past them.
DEMO_STAGE_SLA_DAYS = {
    Stage.LEAD.value: 10,
    Stage.CONTACTED.value: 14,
    Stage.NEEDS_ANALYSIS.value: 21,
    Stage.DEMO.value: 21,
    Stage.NEGOTIATION.value: 30,
}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    tenant_id: int
    users: int
    accounts: int
    contacts: int
    deals: int
    activities: int
    tasks: int
    created: bool


def demo_now(now: datetime | None = None) -> datetime:
    """The reference moment of the demo: `now` (default: the current time) floored to the day."""
    moment = (now or utcnow()).astimezone(UTC)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def seed_demo(
    factory: sessionmaker[Session], *, now: datetime | None = None, seed: int = 7
) -> DemoSummary:
    """Create the demo tenant with a year of history; a second call writes nothing."""
    with transaction(factory) as session:
        existing = get_tenant_by_slug(session, slug=catalog.TENANT_SLUG)
        if existing is not None:
            return _summary(session, existing.id, created=False)
        moment = demo_now(now)
        plan = plan_demo(now=moment, seed=seed)
        tenant = create_tenant(session, slug=catalog.TENANT_SLUG, name=catalog.TENANT_NAME)
        tenant.settings = {
            "stage_sla_days": dict(DEMO_STAGE_SLA_DAYS),
            "competitors": list(catalog.COMPETITORS),
            "products": list(catalog.PRODUCTS),
        }
        users = _seed_users(session, tenant)
        accounts = _seed_world(session, users, plan, moment)
        seed_quotas(session, users, moment)
        seed_usage(session, users, accounts, moment, seed)
        return _summary(session, tenant.id, created=True)


def _seed_users(session: Session, tenant: Tenant) -> dict[str, User]:
    system = Actor.system(tenant.id)
    users: dict[str, User] = {}
    for username, display, role, team, language, tz in catalog.USERS:
        users[username] = create_user(
            session,
            actor=system,
            username=username,
            display_name=display,
            role=role,
            team=team,
            language=language,
            timezone=tz,
        )
    for username, user in users.items():
        links = ((IdentityPlatform.CONSOLE.value, "", username),) + catalog.IDENTITIES.get(
            username, ()
        )
        for platform, workspace, external_id in links:
            link_identity(
                session,
                actor=system,
                user_id=user.id,
                platform=IdentityPlatform(platform),
                external_id=external_id,
                workspace=workspace,
            )
    return users


def _seed_world(
    session: Session, users: dict[str, User], plan: DemoPlan, now: datetime
) -> list[Account]:
    admin = users["admin"].as_actor()
    accounts: list[Account] = []
    account_ids: list[int] = []
    contact_ids: list[list[int]] = []
    for acc in plan.accounts:
        owner = users[acc.owner]
        row = create_account(
            session,
            actor=admin,
            name=acc.name,
            aliases=acc.aliases,
            industry=acc.industry,
            size=acc.size,
            owner_id=owner.id,
            at=acc.created_at,
        )
        account_ids.append(row.id)
        accounts.append(row)
        rep = owner.as_actor()
        contact_ids.append(
            [
                create_contact(
                    session,
                    actor=rep,
                    account_id=row.id,
                    name=c.name,
                    title=c.title,
                    decision_role=c.role,
                    email=c.email,
                    at=acc.created_at + timedelta(days=1),
                ).id
                for c in acc.contacts
            ]
        )
        if acc.renewal_date is not None:
            update_account(
                session,
                actor=admin,
                account_id=row.id,
                changes={"renewal_date": acc.renewal_date},
            )

    for deal_plan in plan.deals:
        rep = users[deal_plan.owner].as_actor()
        account_id = account_ids[deal_plan.account]
        deal = create_deal(
            session,
            actor=rep,
            account_id=account_id,
            name=deal_plan.name,
            amount=deal_plan.amount,
            close_date=deal_plan.close_date,
            deal_type=deal_plan.deal_type,
            products=deal_plan.products,
            competitors=deal_plan.competitors,
            at=deal_plan.created_at,
        )
        # Interleave activities and stage moves in time, as they happened.
        events: list[tuple[datetime, int, Stage | ActivityPlan]] = [
            (a.at, 1, a) for a in deal_plan.activities
        ]
        events += [(at, 0, stage) for stage, at in deal_plan.moves]
        events.sort(key=lambda e: (e[0], e[1]))
        for at, _, payload in events:
            if isinstance(payload, Stage):
                changes: dict[str, object] = {"stage": payload}
                if payload is Stage.LOST:
                    changes["lost_reason"] = deal_plan.lost_reason
                update_deal(session, actor=rep, deal_id=deal.id, changes=changes, at=at)
                continue
            contacts = contact_ids[deal_plan.account]
            log_activity(
                session,
                actor=rep,
                account_id=account_id,
                deal_id=deal.id,
                contact_id=contacts[payload.contact] if payload.contact is not None else None,
                type=payload.type,
                summary=payload.summary,
                occurred_at=payload.at,
                details=payload.details,
            )
        for task_plan in deal_plan.tasks:
            task = create_task(
                session,
                actor=rep,
                title=task_plan.title,
                due_at=task_plan.due_at,
                deal_id=deal.id,
                at=task_plan.created_at,
            )
            if task_plan.done_at is not None:
                complete_task(session, actor=rep, task_id=task.id, at=task_plan.done_at)
    return accounts


def _count(session: Session, model: type[object], tenant_id: int) -> int:
    column = model.tenant_id  # type: ignore[attr-defined]
    stmt = select(func.count()).select_from(model).where(column == tenant_id)
    return int(session.scalar(stmt) or 0)


def _summary(session: Session, tenant_id: int, *, created: bool) -> DemoSummary:
    return DemoSummary(
        tenant_id=tenant_id,
        users=_count(session, User, tenant_id),
        accounts=_count(session, Account, tenant_id),
        contacts=_count(session, Contact, tenant_id),
        deals=_count(session, Deal, tenant_id),
        activities=_count(session, Activity, tenant_id),
        tasks=_count(session, Task, tenant_id),
        created=created,
    )

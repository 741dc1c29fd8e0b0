"""Demo quotas and product-usage signals (customers' logins, seats, tickets)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from crm_store.account import Account
from crm_store.demo import catalog
from crm_store.quota import set_quota
from crm_store.usage import UsageRecord, upsert_usage
from crm_store.user import User

MONTHLY_QUOTA = {"wang": 2_400_000, "li": 2_000_000, "emma": 2_000_000, "zhao": 2_600_000}
USAGE_DAYS = 28


def seed_quotas(session: Session, users: dict[str, User], now: datetime) -> None:
    """A monthly quota per rep for the past year and the next two quarters."""
    admin = users["admin"].as_actor()
    first = now.date().replace(day=1)
    month = date(first.year - 1, first.month, 1)
    end = date(first.year + (first.month + 6 > 12), (first.month + 5) % 12 + 1, 1)
    while month < end:
        for username in catalog.REPS:
            set_quota(
                session,
                actor=admin,
                month=month,
                amount=MONTHLY_QUOTA[username],
                user_id=users[username].id,
            )
        month = (month + timedelta(days=32)).replace(day=1)


def seed_usage(
    session: Session, users: dict[str, User], accounts: list[Account], now: datetime, seed: int
) -> None:
    """Four weeks of daily usage for customers with a renewal date; about one in five
    has stopped using the product (login rate under 30 %)."""
    rng = random.Random(seed * 31 + 1)
    records: list[UsageRecord] = []
    today = now.date()
    for account in accounts:
        if account.renewal_date is None:
            continue
        seats = rng.choice((10, 25, 50, 120, 300))
        healthy = rng.random() > 0.22
        base_rate = rng.uniform(0.45, 0.85) if healthy else rng.uniform(0.08, 0.25)
        tickets_rate = 0.05 if healthy else 0.3
        for back in range(USAGE_DAYS, 0, -1):
            day = today - timedelta(days=back)
            weekend = day.weekday() >= 5
            rate = base_rate * (0.3 if weekend else 1.0) * rng.uniform(0.85, 1.15)
            active = min(seats, int(round(seats * rate)))
            records.append(
                UsageRecord(
                    account_id=account.id,
                    day=day,
                    logins=int(active * rng.uniform(1.2, 2.5)),
                    active_users=active,
                    seats=seats,
                    feature_events=int(active * rng.uniform(2, 9 if healthy else 3)),
                    support_tickets=int(rng.random() < tickets_rate),
                )
            )
    owner = users["admin"].as_actor()
    upsert_usage(session, actor=owner, records=records)

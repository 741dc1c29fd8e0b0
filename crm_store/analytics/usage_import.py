"""Usage import from CSV text or JSON records: per-row errors, good rows kept."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_store.account import Account
from crm_store.actor import Actor
from crm_store.usage import PERIODS, UsageRecord, upsert_usage

REQUIRED = ("account", "date")
COUNTERS = ("logins", "active_users", "seats", "feature_events", "support_tickets")
ALIASES = {
    "account_name": "account",
    "account_id": "account",
    "customer": "account",
    "day": "date",
    "week": "date",
    "feature_use": "feature_events",
    "features": "feature_events",
    "tickets": "support_tickets",
    "active": "active_users",
}


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1-based line in the file (the header is line 1)
    message: str


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    fatal: str | None = None  # the whole input was unusable (no header, missing columns)

    @property
    def ok(self) -> bool:
        return self.fatal is None and not self.errors


class _AccountIndex:
    def __init__(self, session: Session, tenant_id: int) -> None:
        self.by_id: dict[int, int] = {}
        self.by_name: dict[str, int] = {}
        rows = session.execute(
            select(Account.id, Account.name, Account.aliases).where(Account.tenant_id == tenant_id)
        )
        for account_id, name, aliases in rows:
            self.by_id[account_id] = account_id
            self.by_name.setdefault(name.strip().lower(), account_id)
            for alias in aliases or []:
                self.by_name.setdefault(str(alias).strip().lower(), account_id)

    def find(self, value: str) -> int | None:
        text = value.strip()
        if text.isdigit() and int(text) in self.by_id:
            return int(text)
        return self.by_name.get(text.lower())


def _normalise(record: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in record.items():
        if key is None:
            continue
        name = str(key).strip().lower().replace(" ", "_")
        clean[ALIASES.get(name, name)] = value
    return clean


def _parse(
    record: Mapping[str, Any], accounts: _AccountIndex
) -> tuple[UsageRecord | None, str | None]:
    row = _normalise(record)
    account_value = str(row.get("account") or "").strip()
    if not account_value:
        return None, "account is empty"
    account_id = accounts.find(account_value)
    if account_id is None:
        return None, f"unknown account {account_value!r}"
    try:
        day = date.fromisoformat(str(row.get("date") or "").strip())
    except ValueError:
        return None, f"date {row.get('date')!r} is not YYYY-MM-DD"
    period = str(row.get("period") or "day").strip().lower() or "day"
    if period not in PERIODS:
        return None, f"period {period!r} must be day or week"
    counts: dict[str, int] = {}
    for name in COUNTERS:
        raw = row.get(name)
        if raw is None or str(raw).strip() == "":
            counts[name] = 0
            continue
        try:
            value = float(str(raw).strip())
        except ValueError:
            return None, f"{name} {raw!r} is not a number"
        if value < 0 or value != int(value):
            return None, f"{name} must be a whole number >= 0, not {raw!r}"
        counts[name] = int(value)
    if counts["seats"] and counts["active_users"] > counts["seats"] * 2:
        return None, "active_users is more than twice the seats; check the columns"
    return UsageRecord(account_id=account_id, day=day, period=period, **counts), None


def import_records(
    session: Session, *, actor: Actor, records: Iterable[Mapping[str, Any]], first_line: int = 1
) -> ImportResult:
    """Validate records (e.g. a REST payload) and store the good ones."""
    accounts = _AccountIndex(session, actor.tenant_id)
    result = ImportResult()
    good: dict[tuple[int, date, str], UsageRecord] = {}
    for offset, record in enumerate(records):
        parsed, error = _parse(record, accounts)
        if error is not None:
            result.errors.append(RowError(first_line + offset, error))
        elif parsed is not None:
            good[(parsed.account_id, parsed.day, parsed.period)] = parsed  # last one wins
    result.imported = upsert_usage(session, actor=actor, records=list(good.values()))
    return result


def import_csv(session: Session, *, actor: Actor, text: str) -> ImportResult:
    """Import a usage CSV (header: account,date[,period],logins,active_users,seats,...)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [_normalise({h: None}) for h in reader.fieldnames or []]
    names = {next(iter(h)) for h in header if h}
    missing = [c for c in REQUIRED if c not in names]
    if not reader.fieldnames or missing:
        return ImportResult(fatal=f"missing columns: {', '.join(missing or REQUIRED)}")
    return import_records(session, actor=actor, records=list(reader), first_line=2)

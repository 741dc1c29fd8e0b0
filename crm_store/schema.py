"""Imports every model so `Base.metadata` is complete (Alembic, tests)."""

from __future__ import annotations

from crm_store import (  # noqa: F401
    account,
    activity,
    audit,
    contact,
    deal,
    dialogue,
    digest_pref,
    inbox,
    indexes,
    outbox,
    quota,
    stage_history,
    task,
    tenant,
    usage,
    user,
)
from crm_store.db import Base

metadata = Base.metadata

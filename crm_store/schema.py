"""Imports every model so `Base.metadata` is complete (Alembic, tests)."""

from __future__ import annotations

from crm_store import (  # noqa: F401
    account,
    activity,
    audit,
    contact,
    deal,
    dialogue,
    inbox,
    outbox,
    stage_history,
    task,
    tenant,
    user,
)
from crm_store.db import Base

metadata = Base.metadata

"""Composite indexes the analytics queries rely on (declared here so migrations match)."""

from __future__ import annotations

from sqlalchemy import Index

from crm_store.activity import Activity
from crm_store.deal import Deal
from crm_store.stage_history import StageHistory

ACTIVITY_BY_DEAL_TIME = Index("ix_activity_deal_time", Activity.deal_id, Activity.occurred_at)
ACTIVITY_BY_TENANT_TIME = Index("ix_activity_tenant_time", Activity.tenant_id, Activity.occurred_at)
DEAL_BY_TENANT_STAGE = Index("ix_deal_tenant_stage", Deal.tenant_id, Deal.stage)
STAGE_HISTORY_BY_TENANT_ENTERED = Index(
    "ix_stage_history_tenant_entered", StageHistory.tenant_id, StageHistory.entered_at
)

"""Closed vocabularies of the CRM: roles, funnel stages, activity types, decision roles."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    REP = "rep"
    MANAGER = "manager"
    ENABLEMENT = "enablement"
    ADMIN = "admin"


class Language(StrEnum):
    ZH = "zh"
    EN = "en"


class Stage(StrEnum):
    LEAD = "lead"
    CONTACTED = "contacted"
    NEEDS_ANALYSIS = "needs_analysis"
    DEMO = "demo"
    NEGOTIATION = "negotiation"
    WON = "won"
    IMPLEMENTATION = "implementation"
    LOST = "lost"


# The funnel in order; `lost` leaves it from any open stage.
FUNNEL: tuple[Stage, ...] = (
    Stage.LEAD,
    Stage.CONTACTED,
    Stage.NEEDS_ANALYSIS,
    Stage.DEMO,
    Stage.NEGOTIATION,
    Stage.WON,
    Stage.IMPLEMENTATION,
)
OPEN_STAGES: frozenset[Stage] = frozenset(FUNNEL[:5])
CLOSED_STAGES: frozenset[Stage] = frozenset({Stage.WON, Stage.IMPLEMENTATION, Stage.LOST})
WON_STAGES: frozenset[Stage] = frozenset({Stage.WON, Stage.IMPLEMENTATION})


class ActivityType(StrEnum):
    VISIT = "visit"
    CALL = "call"
    MEETING = "meeting"
    DEMO = "demo"
    EMAIL = "email"
    MESSAGE = "message"
    NOTE = "note"
    TRANSCRIPT = "transcript"


class DecisionRole(StrEnum):
    DECISION_MAKER = "decision_maker"
    USER = "user"
    GATEKEEPER = "gatekeeper"
    CHAMPION = "champion"
    INFLUENCER = "influencer"


class DealType(StrEnum):
    NEW = "new"
    RENEWAL = "renewal"
    UPSELL = "upsell"


class IdentityPlatform(StrEnum):
    SLACK = "slack"
    WECOM = "wecom"
    DINGTALK = "dingtalk"
    CONSOLE = "console"
    WEB = "web"

"""Collateral in the bot: chat search and upload, REST endpoints, CLI and demo collateral."""

from __future__ import annotations

from bot.knowledge.api import build_knowledge_router
from bot.knowledge.chat_search import KnowledgeSearch
from bot.knowledge.chat_upload import CollateralStep
from bot.knowledge.seed import seed_demo_collateral
from bot.knowledge.service import knowledge_base
from bot.nlu import IntentHandler
from bot.services import Services
from nlp.types import Intent


def knowledge_handlers(services: Services) -> dict[Intent, IntentHandler]:
    """Intent handlers to pass as CrmActions(extra_handlers=...)."""
    return {Intent.SEARCH_KNOWLEDGE: KnowledgeSearch(services)}


__all__ = [
    "CollateralStep",
    "KnowledgeSearch",
    "build_knowledge_router",
    "knowledge_base",
    "knowledge_handlers",
    "seed_demo_collateral",
]

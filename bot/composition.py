"""Builds the router chain and worker from services: the one place that wires the bot."""

from __future__ import annotations

from datetime import timedelta

from bot.actions.registry import CrmActions, DialogueStep, TranscriptFileStep
from bot.commands import PlainCommands
from bot.dialogue import DialogueStore
from bot.knowledge import CollateralStep, knowledge_handlers
from bot.nlu import NluStep
from bot.parsing import build_parser
from bot.router import Router
from bot.services import Services
from bot.steps import FallbackStep, InputGuard, Step
from bot.worker import InboxWorker
from nlp.types import Parser


def parser_of(services: Services) -> Parser:
    """One parser per process: training or loading it is the slow part of start-up."""
    parser = services.extras.get("parser")
    if parser is None:
        parser = build_parser(services.settings)
        services.extras["parser"] = parser
    return parser  # type: ignore[return-value]


def build_router(services: Services) -> Router:
    factory = services.session_factory
    dialogue = DialogueStore(
        session_factory=factory,
        ttl=timedelta(minutes=services.settings.dialogue_ttl_minutes),
    )
    actions = CrmActions(
        session_factory=factory,
        dialogue=dialogue,
        models_dir=services.settings.model_cache,
        chart_dir=services.settings.data_dir / "charts",
        extra_handlers=knowledge_handlers(services),
    )
    steps: list[Step] = [
        InputGuard(),
        TranscriptFileStep(actions=actions),
        CollateralStep(services),
        DialogueStep(dialogue=dialogue, actions=actions),
        PlainCommands(session_factory=factory),
        NluStep(parser=parser_of(services), handlers=actions.handlers()),
        FallbackStep(),
    ]
    return Router(session_factory=factory, steps=steps, console_tenant=services.settings.tenant)


def build_worker(services: Services, router: Router) -> InboxWorker:
    return InboxWorker(session_factory=services.session_factory, router=router, senders={})

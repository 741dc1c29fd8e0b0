"""Builds the router chain and worker from services: the one place that wires the bot."""

from __future__ import annotations

from bot.commands import PlainCommands
from bot.nlu import NluStep
from bot.router import Router
from bot.services import Services
from bot.steps import FallbackStep, InputGuard, Step
from bot.worker import InboxWorker


def build_router(services: Services) -> Router:
    factory = services.session_factory
    steps: list[Step] = [
        InputGuard(),
        PlainCommands(session_factory=factory),
        NluStep(parser=None, handlers={}),
        FallbackStep(),
    ]
    return Router(session_factory=factory, steps=steps, console_tenant=services.settings.tenant)


def build_worker(services: Services, router: Router) -> InboxWorker:
    return InboxWorker(session_factory=services.session_factory, router=router, senders={})

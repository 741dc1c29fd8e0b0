"""Background work of one process: the inbox worker, the scheduler and long connections."""

from __future__ import annotations

import asyncio
import logging

from bot.digests.scheduler import DigestScheduler
from bot.platforms import Platforms
from bot.scheduler import Scheduler
from bot.services import Services
from bot.worker import InboxWorker

log = logging.getLogger(__name__)


async def run_background(
    services: Services,
    worker: InboxWorker,
    platforms: Platforms,
    stop: asyncio.Event,
    *,
    process_inbox: bool = True,
) -> None:
    """Run until `stop`: drain the inbox, send reminders and digests, keep Socket Mode /
    Stream connections open; then close the platform clients."""
    tasks: list[asyncio.Task[None]] = []
    if process_inbox:
        scheduler = Scheduler(
            session_factory=services.session_factory,
            deliver=worker.deliver,
            platforms=worker.platforms,
            digests=DigestScheduler(
                services.session_factory, chart_dir=services.settings.data_dir / "charts"
            ),
        )
        tasks += [
            asyncio.create_task(worker.run_forever(stop)),
            asyncio.create_task(scheduler.run_forever(stop)),
        ]
    runners = [asyncio.create_task(run()) for run in platforms.runners]
    if platforms.names:
        log.info("platforms: %s", ", ".join(platforms.names))
    try:
        await stop.wait()
    finally:
        worker.wake()
        for runner in runners:
            runner.cancel()
        await asyncio.gather(*tasks, *runners, return_exceptions=True)
        for close in platforms.closers:
            await close()

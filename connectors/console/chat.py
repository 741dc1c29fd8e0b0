"""Terminal chat loop: reads lines, hands them to a callback, prints the replies."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TextIO

from connectors.types import ButtonAction, InboundMessage, Reply

Handler = Callable[[InboundMessage], list[Reply]]

EXIT_WORDS = frozenset({"exit", "quit", "/exit", "/quit", "退出"})


def render(reply: Reply) -> str:
    """Plain-text rendering of a neutral reply for a terminal."""
    lines: list[str] = []
    if reply.title:
        lines.append(f"【{reply.title}】")
    if reply.text and reply.text != reply.title:
        lines.append(reply.text)
    for name, value in reply.fields:
        lines.append(f"  {name}: {value}")
    for link in reply.links:
        lines.append(f"  ↗ {link.label}: {link.url}")
    if reply.image_path:
        lines.append(f"  [chart] {reply.image_path}")
    if reply.buttons:
        options = " / ".join(f"{b.label}" for b in reply.buttons)
        lines.append(f"  [{options}]" + (f"  {reply.buttons_hint}" if reply.buttons_hint else ""))
    return "\n".join(lines)


def _button_for(text: str, last: list[Reply]) -> ButtonAction | None:
    """Typing a button's label clicks it, as a messenger user would tap it."""
    for reply in last:
        for button in reply.buttons:
            if text.strip().lower() == button.label.strip().lower():
                return ButtonAction(action_id=button.action_id, value=button.value)
    return None


def run_console(
    handle: Handler,
    *,
    username: str,
    tenant: str = "local",
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    prompt: str = "> ",
) -> None:
    """Chat until EOF or an exit word; each line is one message from `username`."""
    counter = itertools.count(1)
    last: list[Reply] = []
    session = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    while True:
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.rstrip("\n")
        if text.strip().lower() in EXIT_WORDS:
            break
        message = InboundMessage(
            platform="console",
            tenant=tenant,
            channel="console",
            sender=username,
            text=text,
            event_id=f"console-{session}-{next(counter)}",
            received_at=datetime.now(UTC),
            action=_button_for(text, last),
        )
        last = handle(message)
        for reply in last:
            stdout.write(render(reply) + "\n")
        stdout.flush()

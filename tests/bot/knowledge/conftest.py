"""Knowledge-in-the-bot fixtures: a real KnowledgeBase in tmp_path wired into services."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.context import MessageContext, UserInfo
from bot.knowledge.service import KB_KEY, knowledge_dir, max_upload_bytes
from bot.services import Services
from connectors.types import Attachment, InboundMessage
from crm_store.tenant import get_tenant_by_slug
from crm_store.user import find_user
from knowledge import KnowledgeBase
from knowledge.embedding import Encoder
from tests.conftest import Org

ContextFactory = Callable[..., MessageContext]

BATTLECARD = """# Battlecard: Orbitly vs Kestrel CRM

Kestrel CRM charges for every module; Orbitly bundles approvals and exports.

## Where we win
Reps log visits by chatting, so Kestrel's web forms look slow in a side-by-side demo.
"""

WEST_PLAYBOOK = """# West region renewal playbook

## Renewal timing
Start renewal talks with western utilities ninety days before the contract ends.
"""

PRICING_ZH = """# Orbitly 价格说明

## 版本价格
专业版每用户每年 980 元，企业版每用户每年 1680 元。

## 折扣
签三年合同可以优惠 15%。
"""


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """One real encoder for the session; each test still gets its own knowledge base."""
    return Encoder()


@pytest.fixture
def kb_services(services: Services, org: Org, encoder: Encoder) -> Iterator[Services]:
    """Services on the org database with a fresh KnowledgeBase where the bot expects it."""
    base = KnowledgeBase(
        knowledge_dir(services.settings),
        encoder=encoder,
        max_bytes=max_upload_bytes(services.settings),
    )
    services.extras[KB_KEY] = base
    yield services
    base.close()


def kb_of(services: Services) -> KnowledgeBase:
    base = services.extras[KB_KEY]
    assert isinstance(base, KnowledgeBase)
    return base


@pytest.fixture
def write_doc(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    folder = tmp_path / "docs"
    folder.mkdir()

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_ctx(kb_services: Services) -> ContextFactory:
    counter = itertools.count(1)

    def build(
        username: str,
        text: str = "",
        *,
        attachments: tuple[Attachment, ...] = (),
        platform: str = "console",
        lang: str | None = None,
    ) -> MessageContext:
        with kb_services.session_factory() as session:
            tenant = get_tenant_by_slug(session, slug="acme-soft")
            assert tenant is not None
            row = find_user(session, tenant_id=tenant.id, username=username)
            assert row is not None
            user = UserInfo.from_row(row)
        message = InboundMessage(
            platform=platform,
            tenant="acme-soft",
            channel="c1",
            sender=username,
            text=text,
            event_id=f"kb-{next(counter)}",
            received_at=datetime.now(UTC),
            attachments=attachments,
        )
        return MessageContext(
            message=message, user=user, lang=lang or user.language, now=datetime.now(UTC)
        )

    return build

"""search_knowledge in chat: citations, links, language, team visibility and the router hook."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bot.composition import build_router
from bot.knowledge.chat_search import KnowledgeSearch
from bot.knowledge.links import verify_signature
from bot.knowledge.seed import DEMO_DOCS, seed_demo_collateral
from bot.services import Services
from connectors.types import InboundMessage
from knowledge import DocumentMeta
from nlp.types import Intent, ParseResult
from tests.bot.knowledge.conftest import (
    BATTLECARD,
    PRICING_ZH,
    WEST_PLAYBOOK,
    ContextFactory,
    kb_of,
)

SEARCH = ParseResult(intent=Intent.SEARCH_KNOWLEDGE)
WriteDoc = Callable[[str, str | bytes], Path]


def _load(services: Services, write_doc: WriteDoc) -> None:
    kb = kb_of(services)
    kb.add(write_doc("kestrel.md", BATTLECARD), DocumentMeta(doc_type="battlecard"))
    kb.add(write_doc("west-renewals.md", WEST_PLAYBOOK), DocumentMeta(visibility="west"))
    kb.add(write_doc("pricing.md", PRICING_ZH), DocumentMeta(doc_type="pricing"))


def test_reply_cites_title_location_and_signed_link(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    _load(kb_services, write_doc)
    ctx = make_ctx("wang", "专业版每个用户一年多少钱")
    [reply] = KnowledgeSearch(kb_services)(ctx, SEARCH)

    assert reply.title is not None and reply.title.startswith("资料")
    assert "《Orbitly 价格说明》 · 版本价格" in reply.text
    assert "980" in reply.text.split("\n\n")[0]  # the short answer comes first
    link = next(link for link in reply.links if "pricing" in link.url)
    assert link.label == "打开《Orbitly 价格说明》"
    parts = urlsplit(link.url)
    assert f"{parts.scheme}://{parts.netloc}" == kb_services.settings.public_base_url
    assert parts.path == "/knowledge/files/pricing"
    query = parse_qs(parts.query)
    assert verify_signature(kb_services.settings, "pricing", int(query["exp"][0]), query["sig"][0])
    assert not verify_signature(
        kb_services.settings, "kestrel", int(query["exp"][0]), query["sig"][0]
    )


def test_reply_language_follows_the_user(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    _load(kb_services, write_doc)
    [reply] = KnowledgeSearch(kb_services)(make_ctx("emma", "how does Kestrel charge?"), SEARCH)
    assert reply.title == "Collateral: how does Kestrel charge?"
    assert "“Battlecard: Orbitly vs Kestrel CRM”" in reply.text
    assert reply.links[0].label.startswith("Open “")


def test_team_visibility(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    _load(kb_services, write_doc)
    search = KnowledgeSearch(kb_services)
    question = "when should renewal talks with utilities start"
    east = search(make_ctx("wang", question), SEARCH)[0]
    west = search(make_ctx("zhao", question), SEARCH)[0]
    admin = search(make_ctx("admin", question), SEARCH)[0]
    assert "West region renewal playbook" not in east.text
    assert not any("west-renewals" in link.url for link in east.links)
    assert "West region renewal playbook" in west.text
    assert "ninety days" in west.text
    assert "West region renewal playbook" in admin.text


def test_empty_knowledge_base_and_invisible_documents(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    search = KnowledgeSearch(kb_services)
    [empty] = search(make_ctx("emma", "battlecard vs Kestrel"), SEARCH)
    assert "no collateral you can see" in empty.text and not empty.links
    kb_of(kb_services).add(write_doc("west.md", WEST_PLAYBOOK), DocumentMeta(visibility="west"))
    [hidden] = search(make_ctx("wang", "续约什么时候开始"), SEARCH)
    assert "还没有可供你查看的资料" in hidden.text


def test_competitor_slot_prefers_battlecards(
    kb_services: Services, make_ctx: ContextFactory, write_doc: WriteDoc
) -> None:
    kb = kb_of(kb_services)
    kb.add(write_doc("kestrel.md", BATTLECARD), DocumentMeta(doc_type="battlecard"))
    news = "# Market news\n\n## Kestrel pricing\nKestrel CRM raised module prices this spring.\n"
    kb.add(write_doc("news.md", news), DocumentMeta(doc_type="other"))
    parse = ParseResult(intent=Intent.SEARCH_KNOWLEDGE, slots={"competitor": "Kestrel"})
    [reply] = KnowledgeSearch(kb_services)(make_ctx("emma", "Kestrel module prices"), parse)
    assert "Battlecard: Orbitly vs Kestrel CRM" in reply.text
    assert "Market news" not in reply.text
    # An unknown rival falls back to the whole collection instead of finding nothing.
    other = ParseResult(intent=Intent.SEARCH_KNOWLEDGE, slots={"competitor": "Zephyr"})
    [fallback] = KnowledgeSearch(kb_services)(make_ctx("emma", "module prices"), other)
    assert "Market news" in fallback.text


def test_demo_collateral_seeds_once_and_answers_through_the_router(
    kb_services: Services,
) -> None:
    first = seed_demo_collateral(kb_services)
    again = seed_demo_collateral(kb_services)
    assert (first.added, first.unchanged) == (len(DEMO_DOCS), 0)
    assert (again.added, again.unchanged) == (0, len(DEMO_DOCS))
    assert len(kb_of(kb_services).list()) == len(DEMO_DOCS)

    router = build_router(kb_services)
    message = InboundMessage(
        platform="console",
        tenant="acme-soft",
        channel="c1",
        sender="emma",
        text="do we have a battlecard against Kestrel",
        event_id="router-1",
        received_at=datetime.now(UTC),
    )
    [reply] = router.handle(message)
    assert reply.title is not None and reply.title.startswith("Collateral")
    assert "Kestrel" in reply.text
    assert any("/knowledge/files/battlecard-kestrel-en?" in link.url for link in reply.links)

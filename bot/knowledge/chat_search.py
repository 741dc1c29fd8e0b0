"""search_knowledge in chat: top passages with title, page or slide, file link, short answer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.context import MessageContext
from bot.knowledge.links import signed_file_url
from bot.knowledge.service import can_view, knowledge_base, viewer_team
from bot.knowledge.texts import kt
from bot.services import Services
from connectors.types import Link, Reply
from nlp.types import ParseResult

if TYPE_CHECKING:
    from knowledge import Hit, KnowledgeBase

log = logging.getLogger(__name__)

PASSAGES = 3
# Candidates fetched before picking PASSAGES: room to prefer the user's language.
CANDIDATES = 6
# A passage in the user's language wins over a better-ranked one in the other language
# when it scores at least this share of the best score (zh and en versions of one sheet).
SAME_LANGUAGE_SHARE = 0.6
SNIPPET_CHARS = 180
QUERY_TITLE_CHARS = 40


def location(hit: Hit, lang: str) -> str:
    """'第 3 页' / 'p. 3', a slide number, or the section heading."""
    if hit.page is not None:
        return kt("page", lang, n=hit.page)
    if hit.slide is not None:
        return kt("slide", lang, n=hit.slide)
    return hit.heading if hit.heading and hit.heading != hit.title else ""


def quoted(title: str, lang: str) -> str:
    return f"《{title}》" if lang == "zh" else f"“{title}”"


def prefer_language(hits: Sequence[Hit], lang: str, limit: int) -> list[Hit]:
    """Keep the ranking, but let close passages in the user's language go first."""
    if not hits:
        return []
    floor = hits[0].score * SAME_LANGUAGE_SHARE
    preferred = [h for h in hits if h.language == lang and h.score >= floor]
    rest = [h for h in hits if h not in preferred]
    return (preferred + rest)[:limit]


def _squash(text: str) -> str:
    return "".join(text.split()).lower()


def has_content(hit: Hit) -> bool:
    """False for a passage that only repeats its title or heading: nothing to show a rep."""
    text = _squash(hit.text)
    return bool(text) and text not in (_squash(hit.title), _squash(hit.heading))


def _mentions(hits: Sequence[Hit], name: str) -> bool:
    wanted = name.lower()
    return any(wanted in h.title.lower() or wanted in h.text.lower() for h in hits)


class KnowledgeSearch:
    """The IntentHandler for SEARCH_KNOWLEDGE (register via CrmActions(extra_handlers=...))."""

    def __init__(self, services: Services, *, passages: int = PASSAGES) -> None:
        self._services = services
        self._passages = passages

    def __call__(self, ctx: MessageContext, parse: ParseResult) -> list[Reply]:
        query = ctx.text
        try:
            kb = knowledge_base(self._services)
        except Exception:
            log.exception("knowledge base unavailable")
            return [Reply(text=kt("kb_unavailable", ctx.lang))]
        viewer = viewer_team(ctx.user.role, ctx.user.team)
        competitor = parse.slots.get("competitor")
        hits = self._search(kb, query, viewer, str(competitor) if competitor else None)
        if not hits:
            visible = any(can_view(d, viewer) for d in kb.list())
            key = "nothing_found" if visible else "empty_kb"
            return [Reply(text=kt(key, ctx.lang, query=_short(query)))]
        shown = prefer_language(
            [h for h in hits if has_content(h)] or hits, ctx.lang, self._passages
        )
        answer = kb.answer(
            query,
            k=self._passages,
            filters={"doc_id": sorted({h.doc_id for h in shown})},
            viewer_team=viewer,
        )
        titles = {_squash(h.title) for h in shown}
        summary = "" if _squash(answer.text) in titles else answer.text
        return [self._render(ctx.lang, query, summary, shown)]

    def _search(
        self, kb: KnowledgeBase, query: str, viewer: str | None, competitor: str | None
    ) -> list[Hit]:
        if competitor:
            # Battlecards first when a rival is named, as long as one actually covers that rival.
            text = query if competitor.lower() in query.lower() else f"{competitor} {query}"
            cards = kb.search(
                text, k=CANDIDATES, filters={"doc_type": "battlecard"}, viewer_team=viewer
            )
            if cards and _mentions(cards, competitor):
                return cards
        return kb.search(query, k=CANDIDATES, viewer_team=viewer)

    def _render(self, lang: str, query: str, answer: str, hits: Sequence[Hit]) -> Reply:
        settings = self._services.settings
        lines: list[str] = []
        if answer:
            lines += [kt("answer_prefix", lang) + answer, ""]
        links: list[Link] = []
        seen: set[str] = set()
        for number, hit in enumerate(hits, start=1):
            where = location(hit, lang)
            head = f"{number}. {quoted(hit.title, lang)}" + (f" · {where}" if where else "")
            lines += [head, "   " + _clip(hit.snippet or hit.text, SNIPPET_CHARS)]
            if hit.doc_id not in seen:
                seen.add(hit.doc_id)
                label = kt("open_file", lang, title=hit.title)
                links.append(Link(label=label, url=signed_file_url(settings, hit.doc_id)))
        return Reply(
            title=kt("search_title", lang, query=_short(query)),
            text="\n".join(lines),
            links=tuple(links),
        )


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short(query: str) -> str:
    return _clip(query, QUERY_TITLE_CHARS)

"""Resolve an account as written in chat to CRM accounts (name, alias, fuzzy)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from crm_store import account as accounts
from crm_store.actor import Actor
from nlp.linking import Candidate, link


@dataclass(frozen=True, slots=True)
class AccountMatch:
    account_id: int
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class Resolution:
    """`match` when one account is clearly meant; else up to three `candidates`."""

    surface: str
    match: AccountMatch | None
    candidates: tuple[AccountMatch, ...] = ()


class AccountResolver:
    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def resolve(self, actor: Actor, surface: str) -> Resolution:
        with self._factory() as session:
            rows = accounts.list_accounts(session, actor=actor)
        candidates = [
            Candidate(id=str(a.id), name=a.name, aliases=tuple(a.aliases or ())) for a in rows
        ]
        ranked = tuple(
            AccountMatch(account_id=int(m.id), name=m.name, score=m.score)
            for m in link(surface, candidates, limit=3)
        )
        if ranked and _clear_winner(ranked):
            return Resolution(surface=surface, match=ranked[0], candidates=ranked)
        return Resolution(surface=surface, match=None, candidates=ranked)

    def mentioned(self, actor: Actor, text: str) -> AccountMatch | None:
        """The CRM account whose name or alias appears in the text (longest wins).

        The parser does not know the tenant's customers; this catches names it missed.
        """
        lowered = text.lower()
        best: tuple[int, AccountMatch] | None = None
        with self._factory() as session:
            for row in accounts.list_accounts(session, actor=actor):
                for name in (row.name, *(row.aliases or ())):
                    if len(name) >= 2 and name.lower() in lowered:
                        if best is None or len(name) > best[0]:
                            best = (len(name), AccountMatch(row.id, row.name, 1.0))
        return best[1] if best else None


def _clear_winner(ranked: tuple[AccountMatch, ...]) -> bool:
    """Exact or alias hits win; a fuzzy hit must be strong and well ahead of the next."""
    top = ranked[0].score
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if top >= 0.98:
        return runner_up < 0.98
    return top >= 0.85 and top - runner_up >= 0.1

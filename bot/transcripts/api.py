"""REST endpoint for call analysis: the same analysis as in chat, optionally filed on a deal.

No `from __future__ import annotations`: FastAPI must see the local `User` alias itself.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from bot.api_auth import current_user_dependency
from bot.context import UserInfo
from bot.services import Services
from bot.transcripts.handler import MAX_BYTES, Analyzer, risk_reasons
from crm_store import activity as activities
from crm_store import deal as deals
from crm_store.db import transaction
from crm_store.enums import ActivityType
from crm_store.errors import NotFound, PermissionDenied
from crm_store.source import SourceMessage
from nlp.transcripts import TranscriptError


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_BYTES)
    customer_speakers: list[str] | None = None
    deal_id: int | None = Field(default=None, description="file the analysis on this deal")


def build_transcripts_router(services: Services) -> APIRouter:
    analyzer = Analyzer(services.session_factory, services.settings.model_cache / "transcripts")
    User = Annotated[UserInfo, Depends(current_user_dependency(services))]
    router = APIRouter(prefix="/transcripts", tags=["transcripts"])

    def file_on_deal(user: UserInfo, deal_id: int, text: str, analysis: dict[str, Any]) -> None:
        source = SourceMessage(ref=f"api:{services.settings.tenant}:transcripts", text=text[:4000])
        with transaction(services.session_factory) as session:
            deal = deals.get_deal(session, actor=user.actor, deal_id=deal_id)
            activities.log_activity(
                session,
                actor=user.actor,
                account_id=deal.account_id,
                deal_id=deal.id,
                type=ActivityType.TRANSCRIPT,
                summary=" ".join(analysis["summary"])[:2000],
                occurred_at=datetime.now(UTC),
                source=source,
                details={"analysis": analysis, "sentiment": analysis["customer_sentiment"]},
            )
            reasons = risk_reasons(analysis)
            if reasons:
                deals.update_deal(
                    session,
                    actor=user.actor,
                    deal_id=deal.id,
                    changes={"risk_flags": sorted({*deal.risk_flags, *reasons})},
                    source=source,
                )

    @router.post("/analyze")
    async def analyze(request: AnalyzeRequest, user: User) -> dict[str, Any]:
        """Sentiment, objections, competitors, next steps, talk ratio and summary of a call."""
        try:
            analysis = await anyio.to_thread.run_sync(
                lambda: analyzer.analyze(
                    user.tenant_id, request.text, customer_speakers=request.customer_speakers
                )
            )
        except TranscriptError as error:
            raise HTTPException(
                status_code=422, detail={"code": error.code.value, "message": error.message}
            ) from None
        if request.deal_id is not None:
            try:
                await anyio.to_thread.run_sync(
                    file_on_deal, user, request.deal_id, request.text, analysis
                )
            except (NotFound, PermissionDenied) as error:
                raise HTTPException(
                    status_code=404 if isinstance(error, NotFound) else 403,
                    detail={"code": error.code, "message": str(error)},
                ) from None
        return {
            "analysis": analysis,
            "risk_flags": risk_reasons(analysis),
            "filed_on_deal": request.deal_id,
        }

    return router

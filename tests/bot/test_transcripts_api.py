"""POST /transcripts/analyze through the ASGI app: analysis, filing, auth and bad input."""

from __future__ import annotations

import httpx

from bot.app import create_app
from bot.services import Services
from crm_store import account, activity, deal
from crm_store.db import transaction
from tests.bot.test_transcripts import NEGATIVE_CALL
from tests.conftest import Org


async def _post(services: Services, body: dict, user: str | None) -> httpx.Response:
    app = create_app(services=services, run_worker=False)
    headers = {"X-Salesbrain-User": user} if user else {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.post("/transcripts/analyze", json=body, headers=headers)


async def test_analyze_and_file_on_own_deal(services: Services, org: Org) -> None:
    with transaction(services.session_factory) as s:
        acc = account.create_account(s, actor=org.rep_b, name="Initech")
        deal_id = deal.create_deal(s, actor=org.rep_b, account_id=acc.id, name="I").id
    response = await _post(services, {"text": NEGATIVE_CALL, "deal_id": deal_id}, "emma")
    assert response.status_code == 200
    body = response.json()
    assert body["analysis"]["customer_sentiment"] == "negative"
    assert "negative_sentiment" in body["risk_flags"]
    with services.session_factory() as s:
        assert len(activity.list_activities(s, actor=org.rep_b, deal_id=deal_id)) == 1


async def test_errors(services: Services, org: Org) -> None:
    with transaction(services.session_factory) as s:
        acc = account.create_account(s, actor=org.rep_west, name="Hooli")
        foreign = deal.create_deal(s, actor=org.rep_west, account_id=acc.id, name="H").id
    assert (await _post(services, {"text": NEGATIVE_CALL}, None)).status_code == 401
    single = await _post(services, {"text": "Dana: a\nDana: b"}, "emma")
    assert single.status_code == 422
    assert single.json()["detail"]["code"] == "transcript_single_speaker"
    assert (await _post(services, {"text": ""}, "emma")).status_code == 422
    denied = await _post(services, {"text": NEGATIVE_CALL, "deal_id": foreign}, "emma")
    assert denied.status_code == 403
    with services.session_factory() as s:
        assert activity.list_activities(s, actor=org.rep_west, deal_id=foreign) == []

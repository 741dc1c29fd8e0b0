"""Usage import over REST: good rows kept, bad rows reported per line, roles enforced."""

from __future__ import annotations

import httpx

from bot.app import create_app
from bot.services import Services
from crm_store import account
from crm_store.db import transaction
from crm_store.usage import UsageSignal
from tests.conftest import Org


async def _post(services: Services, path: str, user: str, **kwargs) -> httpx.Response:
    app = create_app(services=services, run_worker=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.post(path, headers={"X-Salesbrain-User": user}, **kwargs)


def _count(services: Services) -> int:
    with services.session_factory() as s:
        return s.query(UsageSignal).count()


async def test_csv_keeps_good_rows_and_reports_bad_ones(services: Services, org: Org) -> None:
    with transaction(services.session_factory) as s:
        account.create_account(s, actor=org.rep_a, name="星河制造")
    csv_body = (
        "account,date,logins,active_users,seats\n"
        "星河制造,2026-11-02,40,12,50\n"
        "不存在公司,2026-11-02,3,1,5\n"
        "星河制造,not-a-date,1,1,1\n"
    )
    response = await _post(services, "/usage/csv", "boss", content=csv_body.encode())
    assert response.status_code == 200
    body = response.json()
    assert body["imported"] == 1 and [e["line"] for e in body["errors"]] == [3, 4]
    assert _count(services) == 1


async def test_records_and_permissions(services: Services, org: Org) -> None:
    with transaction(services.session_factory) as s:
        account.create_account(s, actor=org.rep_a, name="Initech")
    record = {
        "account": "Initech",
        "date": "2026-11-09",
        "logins": 5,
        "active_users": 2,
        "seats": 20,
    }
    denied = await _post(services, "/usage/records", "wang", json=[record])
    assert denied.status_code == 403 and _count(services) == 0
    ok = await _post(services, "/usage/records", "admin", json=[record])
    assert ok.status_code == 200 and ok.json()["imported"] == 1
    bad = await _post(services, "/usage/csv", "admin", content=b"no,header,here\n1,2,3\n")
    assert bad.status_code == 422

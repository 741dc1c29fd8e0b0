"""The permission matrix: role x own/team/other x read/write, enforced in the store."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from crm_store import account, activity, deal, task
from crm_store.actor import Actor
from crm_store.db import transaction
from crm_store.enums import ActivityType, Stage
from crm_store.errors import NotFound, PermissionDenied
from crm_store.permissions import require_collateral_manager
from tests.conftest import Org


def _deal_owned_by(factory: sessionmaker[Session], owner: Actor) -> int:
    with transaction(factory) as s:
        acc = account.create_account(s, actor=owner, name=f"Customer of {owner.user_id}")
        return deal.create_deal(s, actor=owner, account_id=acc.id, name="d", amount=1000).id


# (actor attribute, owner attribute, allowed)
MATRIX = [
    ("rep_a", "rep_a", True),  # own
    ("rep_a", "rep_b", False),  # teammate's
    ("rep_a", "rep_west", False),  # other team
    ("manager", "manager", True),
    ("manager", "rep_a", True),  # team
    ("manager", "rep_west", False),  # other team
    ("admin", "rep_a", True),
    ("admin", "rep_west", True),
    ("enablement", "rep_a", False),
    ("other_tenant_admin", "rep_a", False),
]


@pytest.mark.parametrize(("who", "owner", "allowed"), MATRIX)
def test_deal_read_and_write(
    session_factory: sessionmaker[Session], org: Org, who: str, owner: str, allowed: bool
) -> None:
    deal_id = _deal_owned_by(session_factory, getattr(org, owner))
    actor: Actor = getattr(org, who)
    if allowed:
        with transaction(session_factory) as s:
            assert deal.get_deal(s, actor=actor, deal_id=deal_id).id == deal_id
            deal.update_deal(s, actor=actor, deal_id=deal_id, changes={"amount": 2000})
        with session_factory() as s:
            assert float(deal.get_deal(s, actor=actor, deal_id=deal_id).amount or 0) == 2000
        return
    expected = NotFound if who == "other_tenant_admin" else PermissionDenied
    with pytest.raises(expected), transaction(session_factory) as s:
        deal.get_deal(s, actor=actor, deal_id=deal_id)
    with pytest.raises(expected), transaction(session_factory) as s:
        deal.update_deal(s, actor=actor, deal_id=deal_id, changes={"amount": 1})


@pytest.mark.parametrize(("who", "owner", "allowed"), MATRIX)
def test_activity_and_task_follow_the_same_rules(
    session_factory: sessionmaker[Session], org: Org, who: str, owner: str, allowed: bool
) -> None:
    owner_actor: Actor = getattr(org, owner)
    deal_id = _deal_owned_by(session_factory, owner_actor)
    with transaction(session_factory) as s:
        d = deal.get_deal(s, actor=owner_actor, deal_id=deal_id)
        act = activity.log_activity(
            s,
            actor=owner_actor,
            account_id=d.account_id,
            deal_id=d.id,
            type=ActivityType.CALL,
            summary="called",
        )
        tsk = task.create_task(s, actor=owner_actor, title="follow up", deal_id=d.id)
    actor: Actor = getattr(org, who)
    if allowed:
        with session_factory() as s:
            assert activity.get_activity(s, actor=actor, activity_id=act.id).summary == "called"
            assert task.get_task(s, actor=actor, task_id=tsk.id).title == "follow up"
    else:
        with pytest.raises((PermissionDenied, NotFound)), session_factory() as s:
            activity.get_activity(s, actor=actor, activity_id=act.id)
        with pytest.raises((PermissionDenied, NotFound)), session_factory() as s:
            task.get_task(s, actor=actor, task_id=tsk.id)


def test_list_deals_scopes(session_factory: sessionmaker[Session], org: Org) -> None:
    ids = {
        name: _deal_owned_by(session_factory, getattr(org, name))
        for name in ("rep_a", "rep_b", "rep_west")
    }
    with session_factory() as s:
        mine = {d.id for d in deal.list_deals(s, actor=org.rep_a, scope="all")}
        team = {d.id for d in deal.list_deals(s, actor=org.manager, scope="team")}
        everything = {d.id for d in deal.list_deals(s, actor=org.admin, scope="all")}
        enable = deal.list_deals(s, actor=org.enablement, scope="all")
    assert mine == {ids["rep_a"]}  # a rep asking for "all" still sees only their own
    assert team == {ids["rep_a"], ids["rep_b"]}
    assert everything == set(ids.values())
    assert enable == []


def test_rep_cannot_create_deal_for_someone_else(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    with transaction(session_factory) as s:
        acc = account.create_account(s, actor=org.rep_a, name="Initech")
    with pytest.raises(PermissionDenied), transaction(session_factory) as s:
        deal.create_deal(
            s, actor=org.rep_a, account_id=acc.id, name="x", owner_id=org.rep_b.user_id
        )


def test_enablement_manages_collateral_but_reps_do_not(org: Org) -> None:
    require_collateral_manager(org.enablement)
    require_collateral_manager(org.admin)
    for actor in (org.rep_a, org.manager):
        with pytest.raises(PermissionDenied):
            require_collateral_manager(actor)


def test_enablement_cannot_write_deals(session_factory: sessionmaker[Session], org: Org) -> None:
    with transaction(session_factory) as s:
        acc = account.create_account(s, actor=org.rep_a, name="Hooli")
    with pytest.raises(PermissionDenied), transaction(session_factory) as s:
        deal.create_deal(
            s,
            actor=org.enablement,
            account_id=acc.id,
            name="x",
            stage=Stage.LEAD,
            owner_id=org.rep_a.user_id,
        )

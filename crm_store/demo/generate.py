"""Simulate a year of selling: a plan of accounts, deals, stage moves, activities and tasks.

Outcomes are not labels pasted on rows: each deal has latent traits (a champion engaged,
a decision maker met, competitors, engagement, stalls) that set its win probability, and
the traits only become visible through the records they leave (who activities were with,
how often and how recently they happened, how long stages took). A model that reads the
records as of some moment can therefore learn more than the stage alone tells.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from crm_store.demo import catalog
from crm_store.enums import FUNNEL, ActivityType, DealType, DecisionRole, Stage

OPEN_FUNNEL: tuple[Stage, ...] = FUNNEL[:5]
# Typical days in each open stage for an unstalled deal.
BASE_DAYS: tuple[float, ...] = (6.0, 9.0, 14.0, 12.0, 16.0)
# Where lost deals drop out of the funnel.
LOSS_WEIGHTS: tuple[float, ...] = (0.14, 0.24, 0.26, 0.21, 0.15)
SIZE_AMOUNT: tuple[int, ...] = (60_000, 150_000, 380_000, 850_000, 1_600_000)

STAGE_ACTIVITY_TYPES: dict[Stage, tuple[ActivityType, ...]] = {
    Stage.LEAD: (ActivityType.CALL, ActivityType.EMAIL, ActivityType.MESSAGE),
    Stage.CONTACTED: (ActivityType.CALL, ActivityType.EMAIL, ActivityType.VISIT),
    Stage.NEEDS_ANALYSIS: (ActivityType.VISIT, ActivityType.MEETING, ActivityType.CALL),
    Stage.DEMO: (ActivityType.DEMO, ActivityType.MEETING, ActivityType.EMAIL),
    Stage.NEGOTIATION: (
        ActivityType.MEETING,
        ActivityType.MESSAGE,
        ActivityType.EMAIL,
        ActivityType.CALL,
    ),
}
FACE_TO_FACE = (ActivityType.VISIT, ActivityType.MEETING)


@dataclass
class ContactPlan:
    name: str
    title: str
    role: DecisionRole
    email: str


@dataclass
class AccountPlan:
    name: str
    aliases: list[str]
    industry: str
    size: str
    owner: str
    english: bool
    created_at: datetime
    contacts: list[ContactPlan] = field(default_factory=list)
    renewal_date: date | None = None


@dataclass
class ActivityPlan:
    type: ActivityType
    at: datetime
    contact: int | None  # index into the account's contacts
    summary: str
    details: dict[str, object]


@dataclass
class TaskPlan:
    title: str
    created_at: datetime
    due_at: datetime
    done_at: datetime | None


@dataclass
class DealPlan:
    account: int
    owner: str
    name: str
    deal_type: DealType
    products: list[str]
    competitors: list[str]
    amount: Decimal
    created_at: datetime
    close_date: date
    moves: list[tuple[Stage, datetime]]  # stage changes after creation, in order
    final_stage: Stage
    lost_reason: str | None
    win_probability: float  # the latent truth, for checks only (never stored)
    champion: bool
    decision_maker: bool
    activities: list[ActivityPlan] = field(default_factory=list)
    tasks: list[TaskPlan] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.final_stage in (Stage.WON, Stage.LOST)


@dataclass
class DemoPlan:
    accounts: list[AccountPlan]
    deals: list[DealPlan]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _business_time(day: datetime, rng: random.Random) -> datetime:
    # 01:00-10:00 UTC is office time in China and Singapore.
    start = day.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + timedelta(hours=rng.randint(1, 10), minutes=rng.choice((0, 15, 30, 45)))


def _person(rng: random.Random, english: bool, used: set[str]) -> tuple[str, str]:
    for _ in range(50):
        if english:
            first, last = rng.choice(catalog.EN_FIRST), rng.choice(catalog.EN_LAST)
            name = f"{first} {last}"
            email_user = f"{first}.{last}".lower()
        else:
            surname = rng.choice(catalog.ZH_SURNAMES)
            name = surname + rng.choice(catalog.ZH_GIVEN)
            email_user = f"contact{len(used) + 1}"
        if name not in used:
            used.add(name)
            return name, email_user
    return name, email_user


def plan_accounts(rng: random.Random, now: datetime, count: int | None = None) -> list[AccountPlan]:
    """Customer accounts with a decision chain each; owners weighted towards team east."""
    owners = ("wang", "li", "emma", "zhao")
    weights = (0.27, 0.22, 0.21, 0.30)
    source = catalog.ACCOUNTS
    total = count if count is not None else len(source)
    plans: list[AccountPlan] = []
    for i in range(total):
        name, aliases, industry, size_index = source[i % len(source)]
        if i >= len(source):
            name = f"{name} {i // len(source) + 1}"
        english = name.isascii()
        created = now - timedelta(days=rng.randint(370, 720))
        plan = AccountPlan(
            name=name,
            aliases=list(aliases),
            industry=industry,
            size=catalog.SIZES[size_index],
            owner=rng.choices(owners, weights)[0],
            english=english,
            created_at=_business_time(created, rng),
        )
        roles = [DecisionRole.DECISION_MAKER, DecisionRole.CHAMPION, DecisionRole.USER]
        roles += [
            r for r in (DecisionRole.INFLUENCER, DecisionRole.GATEKEEPER) if rng.random() < 0.5
        ]
        used: set[str] = set()
        domain = "".join(ch for ch in (aliases[-1] if aliases else name).lower() if ch.isalnum())
        for role in roles:
            person, email_user = _person(rng, english, used)
            zh_title, en_title = rng.choice(catalog.TITLES[role])
            plan.contacts.append(
                ContactPlan(
                    name=person,
                    title=en_title if english else zh_title,
                    role=role,
                    email=f"{email_user}@{domain[:20] or 'example'}.example.com",
                )
            )
        plans.append(plan)
    return plans


@dataclass
class _Traits:
    champion: bool
    decision_maker: bool
    competitors: list[str]
    engagement: float
    stall: float
    deal_type: DealType
    logit: float


def _traits(rng: random.Random, amount_ratio: float) -> _Traits:
    champion = rng.random() < 0.45
    decision_maker = rng.random() < 0.5
    competitors: list[str] = []
    if rng.random() < 0.5:
        competitors = rng.sample(catalog.COMPETITORS, 1 if rng.random() < 0.7 else 2)
    engagement = math.exp(rng.gauss(0.0, 0.5))
    stall = math.exp(rng.gauss(0.0, 0.4))
    deal_type = rng.choices((DealType.NEW, DealType.RENEWAL, DealType.UPSELL), (0.65, 0.2, 0.15))[0]
    logit = (
        -1.0
        + 1.6 * champion
        + 1.1 * decision_maker
        - 0.5 * len(competitors)
        + 1.2 * math.log(engagement)
        - 1.4 * math.log(stall)
        - 0.25 * math.log(amount_ratio)
        + {DealType.NEW: 0.0, DealType.RENEWAL: 1.0, DealType.UPSELL: 0.4}[deal_type]
    )
    return _Traits(champion, decision_maker, competitors, engagement, stall, deal_type, logit)


def _contact_for(rng: random.Random, account: AccountPlan, traits: _Traits) -> int | None:
    pool = [
        i
        for i, c in enumerate(account.contacts)
        if c.role in (DecisionRole.USER, DecisionRole.INFLUENCER, DecisionRole.GATEKEEPER)
    ]
    roll = rng.random()
    if traits.champion and roll < 0.35:
        return _role_index(account, DecisionRole.CHAMPION)
    if traits.decision_maker and roll > 0.9:
        return _role_index(account, DecisionRole.DECISION_MAKER)
    if roll > 0.8:
        return None
    return rng.choice(pool) if pool else None


def _role_index(account: AccountPlan, role: DecisionRole) -> int | None:
    for i, contact in enumerate(account.contacts):
        if contact.role is role:
            return i
    return None


def _summary(
    rng: random.Random, kind: ActivityType, account: AccountPlan, contact: int | None, product: str
) -> str:
    zh, en = rng.choice(catalog.SUMMARIES[kind])
    if account.english:
        who = account.contacts[contact].name if contact is not None else "the team"
        return en.format(contact=who, product=product.split(" ", 1)[-1])
    who = account.contacts[contact].name if contact is not None else "客户团队"
    return zh.format(contact=who, product=product.split(" ", 1)[0])


def _stage_at(moves: list[tuple[Stage, datetime]], start: Stage, at: datetime) -> Stage:
    stage = start
    for moved_to, when in moves:
        if when <= at:
            stage = moved_to
    return stage


def plan_deal(
    rng: random.Random,
    now: datetime,
    accounts: list[AccountPlan],
    account_index: int,
    created: datetime,
) -> DealPlan:
    """One deal's whole life; whatever lies after `now` is cut off (the deal stays open)."""
    account = accounts[account_index]
    size_index = catalog.SIZES.index(account.size)
    products = rng.sample(catalog.PRODUCTS, rng.choices((1, 2, 3), (0.55, 0.33, 0.12))[0])
    base = SIZE_AMOUNT[size_index] * (1 + 0.45 * (len(products) - 1))
    raw = base * math.exp(rng.gauss(0.0, 0.35))
    traits = _traits(rng, raw / base)
    if traits.deal_type is DealType.RENEWAL:
        raw *= 0.7
    elif traits.deal_type is DealType.UPSELL:
        raw *= 0.4
    amount = Decimal(max(10, round(raw / 1000))) * 1000
    p_win = _sigmoid(traits.logit)
    won = rng.random() < p_win

    # Walk the funnel from lead; lost deals linger in their last stage before dying.
    loss_index = 4 if won else rng.choices(range(5), LOSS_WEIGHTS)[0]
    moves: list[tuple[Stage, datetime]] = []
    t = created
    final: Stage | None = None
    for index in range(len(OPEN_FUNNEL)):
        days = BASE_DAYS[index] * traits.stall * math.exp(rng.gauss(0.0, 0.35))
        if not won and index == loss_index:
            days *= 1.6
        t = t + timedelta(days=days)
        if index == loss_index:
            final = Stage.WON if won else Stage.LOST
            moves.append((final, t))
            break
        moves.append((OPEN_FUNNEL[index + 1], t))
    assert final is not None
    close_at = moves[-1][1]
    visible = [(s, w) for s, w in moves if w <= now]
    is_closed = close_at <= now
    final_stage = final if is_closed else (visible[-1][0] if visible else Stage.LEAD)

    lost_reason = None
    if is_closed and final is Stage.LOST:
        if traits.competitors and rng.random() < 0.6:
            zh, en = catalog.LOST_TO_COMPETITOR
            text = en if account.english else zh
            lost_reason = text.format(competitor=traits.competitors[0])
        else:
            zh, en = rng.choice(catalog.LOST_REASONS)
            lost_reason = en if account.english else zh

    product_label = products[0]
    short = product_label.split(" ", 1)[1 if account.english else 0]
    suffix = {DealType.NEW: "", DealType.RENEWAL: " 续约", DealType.UPSELL: " 增购"}
    if account.english:
        suffix = {DealType.NEW: "", DealType.RENEWAL: " renewal", DealType.UPSELL: " upsell"}
    deal = DealPlan(
        account=account_index,
        owner=account.owner,
        name=f"{account.name} {short}{suffix[traits.deal_type]}",
        deal_type=traits.deal_type,
        products=list(products),
        competitors=list(traits.competitors),
        amount=amount,
        created_at=created,
        close_date=(close_at + timedelta(days=rng.randint(-10, 20))).date()
        if not is_closed
        else close_at.date(),
        moves=visible if not is_closed else moves,
        final_stage=final_stage,
        lost_reason=lost_reason,
        win_probability=p_win,
        champion=traits.champion,
        decision_maker=traits.decision_maker,
    )
    _plan_activities(rng, now, account, deal, traits, close_at, won, product_label)
    return deal


def _plan_activities(
    rng: random.Random,
    now: datetime,
    account: AccountPlan,
    deal: DealPlan,
    traits: _Traits,
    close_at: datetime,
    won: bool,
    product: str,
) -> None:
    end = min(close_at, now)
    life = max((close_at - deal.created_at).total_seconds() / 86400, 1.0)
    rate = 0.12 * traits.engagement  # activities per day
    t = deal.created_at
    found: list[tuple[ActivityType, datetime, int | None]] = []
    while True:
        t = t + timedelta(days=rng.expovariate(rate))
        if t >= end:
            break
        progress = (t - deal.created_at).total_seconds() / 86400 / life
        # Deals on their way out go quiet before they are written off.
        if not won and progress > 0.6 and rng.random() < 0.7:
            continue
        stage = _stage_at(deal.moves, Stage.LEAD, t)
        kind = rng.choice(STAGE_ACTIVITY_TYPES.get(stage, (ActivityType.NOTE,)))
        found.append((kind, t, _contact_for(rng, account, traits)))
    # A champion shows up early; a decision maker is met in person mid-funnel.
    if traits.champion:
        at = deal.created_at + timedelta(days=life * rng.uniform(0.05, 0.3))
        if at < end:
            found.append((ActivityType.CALL, at, _role_index(account, DecisionRole.CHAMPION)))
    if traits.decision_maker:
        at = deal.created_at + timedelta(days=life * rng.uniform(0.35, 0.7))
        if at < end:
            found.append(
                (rng.choice(FACE_TO_FACE), at, _role_index(account, DecisionRole.DECISION_MAKER))
            )
    found.sort(key=lambda item: item[1])
    for kind, at, contact in found:
        details: dict[str, object] = {}
        if kind in (ActivityType.MEETING, ActivityType.DEMO, ActivityType.VISIT) and (
            rng.random() < 0.4
        ):
            mood = 0.25 * traits.logit + rng.gauss(0.0, 0.35)
            details["sentiment"] = round(max(-1.0, min(1.0, mood)), 2)
        deal.activities.append(
            ActivityPlan(
                type=kind,
                at=_business_time(at, rng),
                contact=contact,
                summary=_summary(rng, kind, account, contact, product),
                details=details,
            )
        )


def _plan_tasks(rng: random.Random, now: datetime, account: AccountPlan, deal: DealPlan) -> None:
    zh, en = rng.choice(catalog.TASK_TITLES)
    title = (en if account.english else zh).format(account=account.name)
    if deal.closed:
        if rng.random() < 0.3:
            created = deal.moves[-1][1] - timedelta(days=rng.randint(5, 15))
            created = max(created, deal.created_at)
            due = created + timedelta(days=rng.randint(2, 6))
            deal.tasks.append(TaskPlan(title, created, due, due - timedelta(hours=3)))
        return
    for _ in range(rng.choices((0, 1, 2), (0.25, 0.5, 0.25))[0]):
        offset = rng.choices(
            (rng.randint(-9, -1), rng.randint(0, 2), rng.randint(3, 14)), (0.3, 0.4, 0.3)
        )[0]
        due = _business_time(now + timedelta(days=offset), rng)
        created = max(deal.created_at, min(now, due) - timedelta(days=rng.randint(3, 10)))
        deal.tasks.append(TaskPlan(title, created, due, None))
        zh, en = rng.choice(catalog.TASK_TITLES)
        title = (en if account.english else zh).format(account=account.name)


def plan_demo(
    *,
    now: datetime,
    seed: int,
    n_accounts: int | None = None,
    n_deals: int = 150,
    with_tasks: bool = True,
) -> DemoPlan:
    """The whole demo world, deterministic for a seed and `now`."""
    rng = random.Random(seed)
    accounts = plan_accounts(rng, now, n_accounts)
    deals: list[DealPlan] = []
    for i in range(n_deals):
        account_index = i if i < len(accounts) else rng.randrange(len(accounts))
        if rng.random() < 0.35:
            created = now - timedelta(days=rng.uniform(1, 75))
        else:
            created = now - timedelta(days=rng.uniform(20, 365))
        created = _business_time(created, rng)
        deal = plan_deal(rng, now, accounts, account_index, created)
        if with_tasks:
            _plan_tasks(rng, now, accounts[account_index], deal)
        deals.append(deal)
    _plan_renewals(rng, now, accounts, deals)
    return DemoPlan(accounts=accounts, deals=deals)


def _plan_renewals(
    rng: random.Random, now: datetime, accounts: list[AccountPlan], deals: list[DealPlan]
) -> None:
    """Won customers renew a year after signing; some older customers renew soon."""
    for deal in deals:
        if deal.final_stage is Stage.WON:
            renewal = deal.moves[-1][1].date() + timedelta(days=365)
            account = accounts[deal.account]
            if account.renewal_date is None or renewal > account.renewal_date:
                account.renewal_date = renewal
    for account in accounts:
        if account.renewal_date is None and rng.random() < 0.3:
            account.renewal_date = (now + timedelta(days=rng.randint(5, 120))).date()

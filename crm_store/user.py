"""User aggregate: people of the vendor, their role, team, language and chat identities."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from crm_store import audit
from crm_store.actor import Actor
from crm_store.db import Base, UtcDateTime, utcnow
from crm_store.enums import IdentityPlatform, Language, Role
from crm_store.errors import Conflict, InvalidInput, NotFound
from crm_store.permissions import check_tenant, require_admin
from crm_store.snapshot import snapshot
from crm_store.source import SourceMessage


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (UniqueConstraint("tenant_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    username: Mapped[str] = mapped_column(String(80))
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(String(20))
    team: Mapped[str | None] = mapped_column(String(80), nullable=True)
    language: Mapped[Language] = mapped_column(String(5), default=Language.ZH)
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Shanghai")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    identities: Mapped[list[Identity]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def as_actor(self) -> Actor:
        return Actor(
            tenant_id=self.tenant_id, user_id=self.id, role=Role(self.role), team=self.team
        )


class Identity(Base):
    """A user's account on one messaging platform (Slack user id, WeCom userid...)."""

    __tablename__ = "identity"
    __table_args__ = (UniqueConstraint("platform", "workspace", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    platform: Mapped[IdentityPlatform] = mapped_column(String(20))
    # Slack team id / WeCom corp id / DingTalk corp id; "" when the platform has one space.
    workspace: Mapped[str] = mapped_column(String(80), default="")
    external_id: Mapped[str] = mapped_column(String(120))

    user: Mapped[User] = relationship(back_populates="identities")


def create_user(
    session: Session,
    *,
    actor: Actor,
    username: str,
    display_name: str,
    role: Role,
    team: str | None = None,
    language: Language = Language.ZH,
    timezone: str = "Asia/Shanghai",
    source: SourceMessage | None = None,
) -> User:
    """Add a user to the actor's tenant (admins only)."""
    require_admin(actor)
    if not username.strip():
        raise InvalidInput("username must not be empty")
    if find_user(session, tenant_id=actor.tenant_id, username=username) is not None:
        raise Conflict(f"user {username!r} already exists")
    user = User(
        tenant_id=actor.tenant_id,
        username=username.strip(),
        display_name=display_name,
        role=Role(role),
        team=team,
        language=Language(language),
        timezone=timezone,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="create",
        entity="user",
        entity_id=user.id,
        before=None,
        after=snapshot(user),
        source=source,
    )
    return user


def find_user(session: Session, *, tenant_id: int, username: str) -> User | None:
    stmt = select(User).where(User.tenant_id == tenant_id, User.username == username.strip())
    return session.scalars(stmt).first()


def get_user(session: Session, *, actor: Actor, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id} not found")
    check_tenant(actor, user.tenant_id)
    return user


def list_users(session: Session, *, tenant_id: int, role: Role | None = None) -> list[User]:
    stmt = select(User).where(User.tenant_id == tenant_id, User.active.is_(True))
    if role is not None:
        stmt = stmt.where(User.role == role)
    return list(session.scalars(stmt.order_by(User.id)))


def owner_team(session: Session, owner_id: int | None) -> str | None:
    """The team of a record's owner, for the manager-sees-team permission rule."""
    owner = session.get(User, owner_id) if owner_id is not None else None
    return owner.team if owner else None


def team_member_ids(session: Session, *, tenant_id: int, team: str) -> list[int]:
    stmt = select(User.id).where(User.tenant_id == tenant_id, User.team == team)
    return list(session.scalars(stmt))


def link_identity(
    session: Session,
    *,
    actor: Actor,
    user_id: int,
    platform: IdentityPlatform,
    external_id: str,
    workspace: str = "",
    source: SourceMessage | None = None,
) -> Identity:
    """Link a messenger account to a user (admins only); relinking moves it."""
    require_admin(actor)
    if not external_id.strip():
        raise InvalidInput("external id must not be empty")
    user = get_user(session, actor=actor, user_id=user_id)
    existing = session.scalars(
        select(Identity).where(
            Identity.platform == platform,
            Identity.workspace == workspace,
            Identity.external_id == external_id,
        )
    ).first()
    before = None
    if existing is not None:
        before = snapshot(existing)
        existing.user_id = user.id
        identity = existing
    else:
        identity = Identity(
            user_id=user.id,
            platform=IdentityPlatform(platform),
            workspace=workspace,
            external_id=external_id.strip(),
        )
        session.add(identity)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="link_identity",
        entity="identity",
        entity_id=identity.id,
        before=before,
        after=snapshot(identity),
        source=source,
    )
    return identity


def resolve_identity(
    session: Session, *, platform: str, external_id: str, workspace: str = ""
) -> User | None:
    """The active user behind a messenger account, or None when unknown.

    A workspace-specific link wins; a link made without workspace matches any.
    """
    stmt = (
        select(User)
        .join(Identity)
        .where(
            Identity.platform == platform,
            Identity.external_id == external_id,
            Identity.workspace.in_((workspace, "")),
            User.active.is_(True),
        )
        .order_by(Identity.workspace.desc())
    )
    return session.scalars(stmt).first()

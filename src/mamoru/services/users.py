"""People and roles (admin, technology manager, staff, auditor)."""

from __future__ import annotations

from sqlalchemy import select

from mamoru.domain import vocab
from mamoru.errors import Conflict
from mamoru.services import common as c
from mamoru.services.uow import Context
from mamoru.store.models import User


def add_user(ctx: Context, username: str, role: str | None = None, display_name: str = "") -> User:
    """Register a person; without a role they get the least one (staff)."""
    if role is None or (isinstance(role, str) and not role.strip()):
        role = vocab.DEFAULT_ROLE
    username = c.require_text("username", username, 100)
    if ctx.session.execute(select(User.id).where(User.username == username)).first():
        raise Conflict("conflict.duplicate_user", username=username)
    user = User(username=username, role=c.choice("role", role, vocab.ROLES),
                display_name=c.require_text("display_name", display_name, 200, allow_empty=True))
    ctx.session.add(user)
    ctx.session.flush()
    ctx.audit("user.create", "user", username, None, {k: v for k, v in c.snapshot(user).items()
                                                      if k != "password_hash"})
    return user


def list_users(ctx: Context) -> list[User]:
    return list(ctx.session.execute(select(User).order_by(User.username)).scalars())


def create_admin(ctx: Context, username: str, password: str) -> User:
    """The first administrator (``mamoru serve`` on an installation without one): created, or given a password."""
    from mamoru.services import access

    existing = ctx.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if existing is None:
        existing = add_user(ctx, username, "admin", "administrator")
    elif existing.role != "admin":
        raise Conflict("conflict.duplicate_user", username=username)
    access.set_password(ctx, username, password)
    return existing

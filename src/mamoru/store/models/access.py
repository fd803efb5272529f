"""Sign-in state kept in the database, so that it holds across several web workers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from mamoru.store.base import Base, utcnow

technology_assignments = Table(
    "technology_assignments",
    Base.metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("technology_id", ForeignKey("technologies.id"), primary_key=True),
)


class WebSession(Base):
    """A signed-in browser; the cookie carries a token whose SHA-256 is the key here."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)


class LoginAttempt(Base):
    """Every sign-in attempt, refused ones included: ``outcome`` is ok, wrong, locked (the account
    was locked, the password was not checked) or throttled (too many failures from the client)."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    client: Mapped[str] = mapped_column(String(100), index=True)
    success: Mapped[bool]
    outcome: Mapped[str] = mapped_column(String(20), default="wrong", server_default="wrong")
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ApiToken(Base):
    """A per-user token for scripts; only its SHA-256 is stored, and it can be revoked."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class Setting(Base):
    """Installation-wide values (e.g. the cookie-signing key), shared by every worker."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))

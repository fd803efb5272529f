"""Sign-in, sessions and API tokens for the web and the API (need-to-know lives in ``authz``).

Everything lives in the database (sessions, failed attempts, the signing key), so several
web workers behind one PostgreSQL agree on who is signed in and who is locked out.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from mamoru.domain import access as rules
from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.services import common as c
from mamoru.services.authz import Forbidden, Viewer  # noqa: F401 - re-exported for the doors
from mamoru.services.uow import Context
from mamoru.store.models import (ApiToken, LoginAttempt, Setting, Technology, User, WebSession)

HASHER = PasswordHasher()
SESSION_HOURS = 12
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKOUT_FAILURES = 5
MIN_PASSWORD = 12


class Unauthenticated(MamoruError):
    """No valid session or token."""


class RateLimited(MamoruError):
    """Too many failed sign-ins."""


def viewer(ctx: Context, username: str) -> Viewer:
    user = c.user(ctx, username)
    ids = None if rules.sees_all_technologies(user.role) else frozenset(t.id for t in user.technologies)
    return Viewer(user.username, user.role, ids)


# --- passwords and users -----------------------------------------------------------------

def set_password(ctx: Context, username: str, password: str) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput("auth.password_too_short", min=MIN_PASSWORD)
    user = c.user(ctx, username)
    user.password_hash = HASHER.hash(password)
    ctx.session.flush()
    ctx.audit("user.set_password", "user", username, None, {"password": "changed"})


def assign(ctx: Context, username: str, technology_codes: Iterable[str]) -> None:
    user = c.user(ctx, username)
    before = [t.code for t in user.technologies]
    user.technologies = [c.by_code(ctx, Technology, code) for code in dict.fromkeys(technology_codes)]
    ctx.session.flush()
    ctx.audit("user.assign", "user", username, {"technologies": before},
              {"technologies": [t.code for t in user.technologies]})


def has_admin(ctx: Context) -> bool:
    return ctx.session.execute(select(func.count()).select_from(User).where(
        User.role == "admin", User.active.is_(True), User.password_hash.is_not(None))).scalar_one() > 0


def authenticate(ctx: Context, username: str, password: str, client: str) -> User | None:
    """Check a password; None when wrong (the failure is recorded, so commit). Too many failures
    for the name or the client lock sign-in for a while."""
    since = ctx.now - LOCKOUT_WINDOW
    failures = ctx.session.execute(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.success.is_(False), LoginAttempt.at >= since,
        (LoginAttempt.username == username) | (LoginAttempt.client == client))).scalar_one()
    if failures >= LOCKOUT_FAILURES:
        raise RateLimited("auth.rate_limited", minutes=int(LOCKOUT_WINDOW.total_seconds() // 60))
    user = ctx.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    ok = False
    if user is not None and user.active and user.password_hash:
        try:
            ok = HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        HASHER.hash(password or "x")  # same cost whether or not the user exists
    ctx.session.add(LoginAttempt(username=username[:100], client=client[:100], success=ok, at=ctx.now))
    ctx.session.flush()
    if not ok:
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    ctx.audit("user.sign_in", "user", user.username, None, {"client": client})
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(ctx: Context, user: User) -> tuple[str, str]:
    """A new session: returns (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    ctx.session.add(WebSession(token_hash=_digest(token), user_id=user.id, csrf_token=csrf, created_at=ctx.now,
                               expires_at=ctx.now + timedelta(hours=SESSION_HOURS)))
    ctx.session.flush()
    return token, csrf


def session_user(ctx: Context, token: str) -> tuple[User, WebSession] | None:
    row = ctx.session.get(WebSession, _digest(token))
    if row is None or row.revoked or row.expires_at < ctx.now:
        return None
    user = ctx.session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return user, row


def close_session(ctx: Context, token: str) -> None:
    row = ctx.session.get(WebSession, _digest(token))
    if row is not None:
        row.revoked = True
        ctx.session.flush()


def create_token(ctx: Context, username: str, name: str) -> str:
    user = c.user(ctx, username)
    token = "mmr_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=c.require_text("name", name, 100), token_hash=_digest(token),
                   created_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("token.create", "api_token", row.id, None, {"user": username, "name": row.name})
    return token


def revoke_token(ctx: Context, username: str, token_id: Any) -> None:
    user = c.user(ctx, username)
    try:
        row = ctx.session.get(ApiToken, int(token_id))
    except (TypeError, ValueError):
        row = None
    if row is None or (row.user_id != user.id and user.role != "admin"):
        raise NotFound("notfound.token", id=token_id)
    if row.revoked_at is not None:
        raise Conflict("conflict.token_revoked", id=row.id)
    row.revoked_at = ctx.now
    ctx.session.flush()
    ctx.audit("token.revoke", "api_token", row.id, None, {"revoked_at": ctx.now})


def token_user(ctx: Context, token: str) -> User | None:
    row = ctx.session.execute(select(ApiToken).where(ApiToken.token_hash == _digest(token))).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    user = ctx.session.get(User, row.user_id)
    return user if user is not None and user.active else None


def list_tokens(ctx: Context, username: str) -> list[ApiToken]:
    user = c.user(ctx, username)
    return list(ctx.session.execute(select(ApiToken).where(ApiToken.user_id == user.id)
                                    .order_by(ApiToken.id)).scalars())


def secret_key(ctx: Context) -> str:
    """The installation's cookie-signing key, created once and shared by every worker."""
    row = ctx.session.get(Setting, "secret_key")
    if row is None:
        row = Setting(key="secret_key", value=secrets.token_urlsafe(48))
        ctx.session.add(row)
        ctx.session.flush()
    return row.value

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
from sqlalchemy import func, select, update

from mamoru.domain import access as rules
from mamoru.domain import passwords
from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.services import common as c
from mamoru.services.authz import Forbidden, Viewer  # noqa: F401 - re-exported for the doors
from mamoru.services.uow import Context
from mamoru.store.models import (ApiToken, LoginAttempt, Setting, Technology, User, WebSession)

HASHER = PasswordHasher()
SESSION_HOURS = 12
LOCKOUT_FAILURES = 5  # wrong passwords in a row before an account locks
LOCK_MAX_MINUTES = 60
CLIENT_WINDOW = timedelta(minutes=1)
CLIENT_FAILURES = 10  # failed attempts per client address and minute before that address is refused
MIN_PASSWORD = passwords.MIN_LENGTH
TOKEN_TOUCH = timedelta(minutes=1)  # last_used_at of an API token is written at most this often


class Unauthenticated(MamoruError):
    """No valid session or token."""


class RateLimited(MamoruError):
    """Too many failed sign-ins (for the account, or from the client address)."""


def viewer(ctx: Context, username: str) -> Viewer:
    user = c.user(ctx, username)
    ids = None if rules.sees_all_technologies(user.role) else frozenset(t.id for t in user.technologies)
    return Viewer(user.username, user.role, ids)


# --- passwords and users -----------------------------------------------------------------

def check_password_strength(password: Any, username: str = "", display_name: str = "") -> None:
    """Refuse a weak new password with the reason (too short, holds the name, common)."""
    weak = passwords.weakness(password, (username, display_name))
    if weak is not None:
        raise InvalidInput(weak[0], **weak[1])


def set_password(ctx: Context, username: str, password: str, keep_session: str | None = None) -> None:
    """Set a password. Every session and API token of the user ends (a stolen one must not outlive
    the change), except the session ``keep_session`` (the cookie token of a person changing their own).
    A password set by someone else also lifts a lockout."""
    user = c.user(ctx, username)
    check_password_strength(password, user.username, user.display_name)
    user.password_hash = HASHER.hash(password)
    user.failed_logins, user.locked_until = 0, None
    kept = _digest(keep_session) if keep_session else None
    sessions = ctx.session.execute(update(WebSession).where(
        WebSession.user_id == user.id, WebSession.revoked.is_(False), WebSession.token_hash != (kept or ""))
        .values(revoked=True)).rowcount
    tokens = ctx.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                                 .values(revoked_at=ctx.now)).rowcount
    ctx.session.flush()
    ctx.audit("user.set_password", "user", username, None,
              {"password": "changed", "sessions_ended": sessions, "tokens_revoked": tokens})


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


@dataclass
class SignIn:
    """The outcome of a sign-in attempt: the user, or the refusal to raise once the attempt is recorded
    (the attempt must be committed even when refused, so the door raises after the unit of work)."""

    user: User | None
    refusal: MamoruError | None = None


def lock_minutes(failures: int) -> int:
    """Exponential back-off: 1 minute at the fifth failure in a row, doubling, at most an hour."""
    if failures < LOCKOUT_FAILURES:
        return 0
    return min(LOCK_MAX_MINUTES, 2 ** min(failures - LOCKOUT_FAILURES, 12))


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, -int(-(until - now).total_seconds() // 60))


def authenticate(ctx: Context, username: str, password: str, client: str) -> SignIn:
    """Check a password; every attempt is recorded (commit even when refused).

    Two limits, neither of which locks out anyone else: the account locks after
    ``LOCKOUT_FAILURES`` wrong passwords in a row, for a time that doubles with every further
    failure (attempts while locked count too, and are not checked); a client address that failed
    ``CLIENT_FAILURES`` times within the last ``CLIENT_WINDOW`` is refused until its rate falls, so a
    password sprayer is slowed while others behind the same address still get through at that rate.
    """
    username = c.no_nul("username", username or "")[:100]
    client = (client or "unknown")[:100]
    since = ctx.now - CLIENT_WINDOW
    from_client = ctx.session.execute(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.client == client, LoginAttempt.at >= since,
        LoginAttempt.outcome.in_(("wrong", "locked")))).scalar_one()
    if from_client >= CLIENT_FAILURES:
        _attempt(ctx, username, client, "throttled")
        return SignIn(None, RateLimited("auth.rate_limited", minutes=max(1, int(CLIENT_WINDOW.total_seconds() // 60))))
    user = ctx.session.execute(select(User).where(User.username == username).with_for_update()).scalar_one_or_none()
    if user is not None and user.locked_until is not None and user.locked_until > ctx.now:
        _fail(ctx, user)
        _attempt(ctx, username, client, "locked")
        return SignIn(None, RateLimited("auth.account_locked", minutes=_minutes_left(user.locked_until, ctx.now)))
    ok = False
    if user is not None and user.active and user.password_hash:
        try:
            ok = HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        HASHER.hash(password or "x")  # same cost whether or not the user exists
    _attempt(ctx, username, client, "ok" if ok else "wrong")
    if not ok:
        if user is not None:
            _fail(ctx, user)
        return SignIn(None, None)
    user.failed_logins, user.locked_until = 0, None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    ctx.session.flush()
    ctx.audit("user.sign_in", "user", user.username, None, {"client": client})
    return SignIn(user)


def _attempt(ctx: Context, username: str, client: str, outcome: str) -> None:
    ctx.session.add(LoginAttempt(username=username, client=client, success=outcome == "ok", outcome=outcome,
                                 at=ctx.now))
    ctx.session.flush()


def _fail(ctx: Context, user: User) -> None:
    """One more failure in a row; from the fifth on the account locks, longer each time (audited when it locks)."""
    user.failed_logins = (user.failed_logins or 0) + 1
    minutes = lock_minutes(user.failed_logins)
    if minutes:
        was_locked = user.locked_until is not None and user.locked_until > ctx.now
        user.locked_until = max(user.locked_until or ctx.now, ctx.now + timedelta(minutes=minutes))
        if not was_locked:
            ctx.audit("user.lock", "user", user.username, None,
                      {"failures": user.failed_logins, "locked_until": user.locked_until})
    ctx.session.flush()


def lock_state(ctx: Context, username: str) -> dict[str, Any]:
    user = c.user(ctx, username)
    locked = user.locked_until is not None and user.locked_until > ctx.now
    return {"username": user.username, "failures": user.failed_logins or 0,
            "locked_until": user.locked_until if locked else None}


def unlock(ctx: Context, username: str) -> None:
    """An admin lifts a sign-in lockout (and forgets the failures in a row); audited."""
    ctx.require("manage_users")
    user = c.user(ctx, username)
    before = {"failures": user.failed_logins or 0, "locked_until": user.locked_until}
    user.failed_logins, user.locked_until = 0, None
    ctx.session.flush()
    ctx.audit("user.unlock", "user", user.username, before, {"failures": 0, "locked_until": None})


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


def issue_token(ctx: Context, username: str, name: str) -> tuple[ApiToken, str]:
    """A new API token: (its row, the secret, shown this once). The row is the one just inserted:
    never look it up again by "the newest of this user", which on PostgreSQL may be another
    request's token committed meanwhile."""
    user = c.user(ctx, username)
    token = "mmr_" + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=c.require_text("name", name, 100), token_hash=_digest(token),
                   created_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("token.create", "api_token", row.id, None, {"user": username, "name": row.name})
    return row, token


def create_token(ctx: Context, username: str, name: str) -> str:
    return issue_token(ctx, username, name)[1]


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


def token_lookup(ctx: Context, token: str) -> tuple[User, ApiToken] | None:
    """The user and row of a valid (unrevoked) API token."""
    row = ctx.session.execute(select(ApiToken).where(ApiToken.token_hash == _digest(token))).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    user = ctx.session.get(User, row.user_id)
    return (user, row) if user is not None and user.active else None


def token_user(ctx: Context, token: str) -> User | None:
    found = token_lookup(ctx, token)
    return found[0] if found else None


def token_needs_touch(row: ApiToken, now: datetime) -> bool:
    """Whether ``last_used_at`` is older than a minute: only then is it worth a write."""
    return row.last_used_at is None or row.last_used_at <= now - TOKEN_TOUCH


def touch_token(ctx: Context, token_id: int) -> None:
    """Note that a token was used. At most one write a minute per token, however many requests race
    (the condition is in the UPDATE); bookkeeping like sign-in attempts, so not an audit entry."""
    ctx.session.execute(update(ApiToken).where(
        ApiToken.id == token_id,
        (ApiToken.last_used_at.is_(None)) | (ApiToken.last_used_at <= ctx.now - TOKEN_TOUCH))
        .values(last_used_at=ctx.now))


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

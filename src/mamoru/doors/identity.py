"""Who is signed in (session cookie or bearer token), and the contexts every request works in.

``reading(request, auth)`` and ``acting(request, auth)`` take the signed-in person and always
pass their viewer to the unit of work, so services apply need-to-know on every web and API
read; there is no way to open a context for a request without saying who asks.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from fastapi import Depends, HTTPException, Request
from itsdangerous import BadSignature, TimestampSigner

from mamoru.services import access
from mamoru.services.authz import Viewer
from mamoru.services.uow import read_only, unit_of_work

SESSION_COOKIE = "mamoru_session"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class Auth:
    """The signed-in person for this request (web session or API token)."""

    viewer: Viewer
    csrf: str | None  # None for API-token requests: no cookie, no CSRF risk


class NeedsSignIn(Exception):
    """A page request without a session: the web door redirects to /login."""


@contextmanager
def reading(request: Request, auth: Auth) -> Iterator[Any]:
    """A read-only context in which the services apply ``auth``'s need-to-know."""
    if not isinstance(auth, Auth):
        raise TypeError("reading() needs the signed-in Auth: every read is someone's read")
    with read_only(request.app.state.engine, policy=request.app.state.policy, viewer=auth.viewer) as ctx:
        yield ctx


@contextmanager
def acting(request: Request, auth: Auth) -> Iterator[Any]:
    if not isinstance(auth, Auth):
        raise TypeError("acting() needs the signed-in Auth")
    with unit_of_work(request.app.state.engine, auth.viewer.username, policy=request.app.state.policy,
                      viewer=auth.viewer) as ctx:
        yield ctx


def signer(request: Request) -> TimestampSigner:
    return TimestampSigner(request.app.state.secret_key, salt="mamoru-session")


def sign(request: Request, token: str) -> str:
    return signer(request).sign(token).decode()


def unsign(request: Request, value: str) -> str | None:
    try:
        return signer(request).unsign(value, max_age=access.SESSION_HOURS * 3600).decode()
    except BadSignature:
        return None


def _from_token(request: Request) -> Auth | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    with _lookup(request) as ctx:
        found = access.token_lookup(ctx, header[7:].strip())
        if found is None:
            return None
        user, row = found
        auth = Auth(access.viewer(ctx, user.username), csrf=None)
        touch = row.id if access.token_needs_touch(row, ctx.now) else None
    if touch is not None:  # last_used_at, written at most once a minute per token
        with acting(request, auth) as ctx:
            access.touch_token(ctx, touch)
    return auth


def _from_cookie(request: Request) -> Auth | None:
    raw = request.cookies.get(SESSION_COOKIE)
    token = unsign(request, raw) if raw else None
    if not token:
        return None
    with _lookup(request) as ctx:
        found = access.session_user(ctx, token)
        if found is None:
            return None
        user, session = found
        return Auth(access.viewer(ctx, user.username), csrf=session.csrf_token)


@contextmanager
def _lookup(request: Request) -> Iterator[Any]:
    with read_only(request.app.state.engine, policy=request.app.state.policy,
                   viewer=Viewer("", "anonymous-sign-in", frozenset())) as ctx:
        yield ctx


def signed_in(request: Request) -> Auth | None:
    """Whoever the bearer token or the session cookie belongs to, or None."""
    return _from_token(request) or _from_cookie(request)


async def _check_csrf(request: Request, auth: Auth) -> None:
    if auth.csrf is not None and request.method in UNSAFE:
        sent = request.headers.get("x-csrf-token")
        if sent is None and "form" in request.headers.get("content-type", ""):
            form = await request.form()
            sent = form.get("csrf_token")
        if sent != auth.csrf:
            raise HTTPException(status_code=403, detail="auth.csrf")


def current_for(missing: Callable[[], Exception]):
    """A dependency: the signed-in person (CSRF checked for cookie sessions); ``missing()`` is raised without one."""

    async def current(request: Request) -> Auth:
        auth = signed_in(request)
        if auth is None:
            raise missing()
        await _check_csrf(request, auth)
        return auth

    return current


def allowed_for(current: Callable[..., Any]) -> Callable[[str], Any]:
    """``allowed(action)`` for one door: the current person, who must be allowed ``action``."""

    def allowed(action: str):
        async def dependency(auth: Auth = Depends(current)) -> Auth:
            auth.viewer.require(action)
            return auth

        return dependency

    return allowed

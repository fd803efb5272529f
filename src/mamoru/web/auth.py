"""Dependencies that establish who is asking: a signed session cookie or a Bearer API token."""

from __future__ import annotations

from fastapi import Depends, HTTPException, Request

from mamoru.services import access
from mamoru.web.context import SESSION_COOKIE, Auth, acting, reading, unsign

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class NeedsSignIn(Exception):
    """Raised for page requests without a session: the handler redirects to /login."""


def _from_token(request: Request) -> Auth | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    with reading(request) as ctx:
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
    with reading(request) as ctx:
        found = access.session_user(ctx, token)
        if found is None:
            return None
        user, session = found
        return Auth(access.viewer(ctx, user.username), csrf=session.csrf_token)


async def current(request: Request) -> Auth:
    """Whoever is signed in; API calls without credentials get 401, pages a redirect."""
    auth = _from_token(request) or _from_cookie(request)
    if auth is None:
        if request.url.path.startswith("/api/"):
            raise HTTPException(status_code=401, detail="auth.unauthenticated")
        raise NeedsSignIn()
    if auth.csrf is not None and request.method in UNSAFE:
        sent = request.headers.get("x-csrf-token")
        if sent is None and "form" in request.headers.get("content-type", ""):
            form = await request.form()
            sent = form.get("csrf_token")
        if sent != auth.csrf:
            raise HTTPException(status_code=403, detail="auth.csrf")
    return auth


def allowed(action: str):
    """A dependency: the current user, who must be allowed ``action``."""

    async def dependency(auth: Auth = Depends(current)) -> Auth:
        auth.viewer.require(action)
        return auth

    return dependency

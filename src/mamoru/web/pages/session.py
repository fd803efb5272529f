"""Signing in and out."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from mamoru.errors import MamoruError
from mamoru.services import access
from mamoru.services.uow import unit_of_work
from mamoru.web.auth import current
from mamoru.web.context import (LANG_COOKIE, SESSION_COOKIE, Auth, client_address, cookie_secure, lang_of, render,
                                sign, unsign)

router = APIRouter(include_in_schema=False)
LOGIN_CSRF = "mamoru_login_csrf"


def _safe_next(value: str | None) -> str:
    return value if value and value.startswith("/") and not value.startswith("//") else "/"


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, next=_safe_next(next), login_csrf=token)
    response.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", secure=cookie_secure(request))
    if "lang" in request.query_params:
        response.set_cookie(LANG_COOKIE, lang_of(request), samesite="lax", secure=cookie_secure(request))
    return response


@router.post("/login")
def login(request: Request, username: str = Form(...), password: str = Form(...), next: str = Form("/"),
          login_csrf: str = Form("")):
    if not login_csrf or login_csrf != request.cookies.get(LOGIN_CSRF):
        return render(request, "login.html", None, status_code=403, next=_safe_next(next),
                      error=access.Forbidden("auth.csrf").message(lang_of(request)), login_csrf="")
    try:
        with unit_of_work(request.app.state.engine, username or "anonymous", policy=request.app.state.policy) as ctx:
            attempt = access.authenticate(ctx, username, password, client_address(request))
            token = access.open_session(ctx, attempt.user)[0] if attempt.user else None
        if attempt.refusal is not None:  # raised only now: the refused attempt is recorded
            raise attempt.refusal
        if token is None:
            raise access.Unauthenticated("auth.bad_credentials")
    except MamoruError as exc:
        status = 429 if isinstance(exc, access.RateLimited) else 401
        fresh = secrets.token_urlsafe(24)
        response = render(request, "login.html", None, status_code=status, next=_safe_next(next),
                          error=exc.message(lang_of(request)), login_csrf=fresh)
        response.set_cookie(LOGIN_CSRF, fresh, httponly=True, samesite="strict", secure=cookie_secure(request))
        return response
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, sign(request, token), httponly=True, samesite="lax",
                        secure=cookie_secure(request), max_age=access.SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_CSRF, secure=cookie_secure(request), httponly=True, samesite="strict")
    return response


@router.post("/logout")
def logout(request: Request, auth: Auth = Depends(current)):
    raw = request.cookies.get(SESSION_COOKIE)
    token = unsign(request, raw) if raw else None
    if token:
        with unit_of_work(request.app.state.engine, auth.viewer.username, policy=request.app.state.policy) as ctx:
            access.close_session(ctx, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, secure=cookie_secure(request), httponly=True, samesite="lax")
    return response

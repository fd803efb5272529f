"""The signed-in person's account (password, API tokens) and, for admins, users and assignments."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.i18n import local_time
from mamoru.i18n import t as tr
from mamoru.services import access, reads, users
from mamoru.web.auth import allowed
from mamoru.web.context import SESSION_COOKIE, Auth, acting, client_address, lang_of, reading, render, unsign
from mamoru.web.pages.common import form_data, redirect

router = APIRouter(include_in_schema=False)


def _page(request: Request, auth: Auth, status_code: int = 200, **extra):
    with reading(request, auth) as ctx:
        tokens = [{"id": x.id, "name": x.name, "created": x.created_at.strftime("%Y-%m-%d"),
                   "used": local_time(x.last_used_at) if x.last_used_at else "",
                   "revoked": x.revoked_at is not None} for x in access.list_tokens(ctx, auth.viewer.username)]
        people = []
        techs = []
        if auth.viewer.may("manage_users"):
            people = [{"username": u.username, "role": u.role, "name": u.display_name,
                       "technologies": ", ".join(t.code for t in u.technologies),
                       "locked_until": (local_time(u.locked_until)
                                        if u.locked_until and u.locked_until > ctx.now else ""),
                       "failures": u.failed_logins or 0} for u in users.list_users(ctx)]
            techs = [(t.code, t.name) for t in reads.technologies(ctx)]
    return render(request, "account.html", auth, status_code=status_code, tokens=tokens, people=people,
                  techs=techs, roles=vocab.ROLES, default_role=vocab.DEFAULT_ROLE, **extra)


@router.get("/account")
def account(request: Request, auth: Auth = Depends(allowed("own_tokens"))):
    return _page(request, auth)


@router.post("/account/tokens")
async def token_create(request: Request, auth: Auth = Depends(allowed("own_tokens"))):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            token = access.create_token(ctx, auth.viewer.username, data.get("name", ""))
    except MamoruError as exc:
        return _page(request, auth, 422, error=exc.message(lang_of(request)))
    return _page(request, auth, new_token=token)


@router.post("/account/tokens/{token_id}/revoke")
def token_revoke(request: Request, token_id: int, auth: Auth = Depends(allowed("own_tokens"))):
    with acting(request, auth) as ctx:
        access.revoke_token(ctx, auth.viewer.username, token_id)
    return redirect("/account")


@router.post("/account/password")
async def password_change(request: Request, auth: Auth = Depends(allowed("own_tokens"))):
    data = await form_data(request)
    lang = lang_of(request)
    raw = request.cookies.get(SESSION_COOKIE)
    own_session = unsign(request, raw) if raw else None  # this browser stays signed in; all others end
    try:
        with acting(request, auth) as ctx:
            attempt = access.authenticate(ctx, auth.viewer.username, data.get("current", ""), client_address(request))
            if attempt.user is not None:
                access.set_password(ctx, auth.viewer.username, data.get("new", ""), keep_session=own_session)
        if attempt.user is None:  # raised after the unit of work: the wrong guess is recorded and counts
            raise attempt.refusal or access.Unauthenticated("auth.bad_credentials")
    except MamoruError as exc:
        return _page(request, auth, 422, error=exc.message(lang))
    return _page(request, auth, flash=tr("web.password_changed", lang))


@router.post("/users")
async def user_create(request: Request, auth: Auth = Depends(allowed("manage_users"))):
    data = await form_data(request)
    try:
        with acting(request, auth) as ctx:
            users.add_user(ctx, data.get("username", ""), data.get("role", ""), data.get("display_name", ""))
            access.set_password(ctx, data.get("username", "").strip(), data.get("password", ""))
    except MamoruError as exc:
        return _page(request, auth, 422, error=exc.message(lang_of(request)))
    return redirect("/account")


@router.post("/users/{username}/unlock")
def user_unlock(request: Request, username: str, auth: Auth = Depends(allowed("manage_users"))):
    """Lift a sign-in lockout (audited)."""
    with acting(request, auth) as ctx:
        access.unlock(ctx, username)
    return _page(request, auth, flash=tr("web.unlocked", lang_of(request), username=username))


@router.post("/users/{username}/technologies")
async def user_assign(request: Request, username: str, auth: Auth = Depends(allowed("manage_users"))):
    data = await form_data(request)
    codes = data.get("technologies") or []
    codes = codes if isinstance(codes, list) else [codes]
    with acting(request, auth) as ctx:
        access.assign(ctx, username, codes)
    return redirect("/account")

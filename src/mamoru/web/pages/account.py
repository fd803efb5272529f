"""The signed-in person's account (password, API tokens) and, for admins, users and assignments."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from mamoru.domain import vocab
from mamoru.errors import MamoruError
from mamoru.i18n import t as tr
from mamoru.services import access, reads, users
from mamoru.web.auth import allowed
from mamoru.web.context import Auth, acting, lang_of, reading, render
from mamoru.web.pages.common import form_data, redirect

router = APIRouter(include_in_schema=False)


def _page(request: Request, auth: Auth, status_code: int = 200, **extra):
    with reading(request, auth) as ctx:
        tokens = [{"id": x.id, "name": x.name, "created": x.created_at.strftime("%Y-%m-%d"),
                   "revoked": x.revoked_at is not None} for x in access.list_tokens(ctx, auth.viewer.username)]
        people = []
        techs = []
        if auth.viewer.may("manage_users"):
            people = [{"username": u.username, "role": u.role, "name": u.display_name,
                       "technologies": ", ".join(t.code for t in u.technologies)} for u in users.list_users(ctx)]
            techs = [(t.code, t.name) for t in reads.technologies(ctx)]
    return render(request, "account.html", auth, status_code=status_code, tokens=tokens, people=people,
                  techs=techs, roles=vocab.ROLES, **extra)


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
    client = request.client.host if request.client else "unknown"
    try:
        with acting(request, auth) as ctx:
            if access.authenticate(ctx, auth.viewer.username, data.get("current", ""), client) is None:
                raise access.Unauthenticated("auth.bad_credentials")
            access.set_password(ctx, auth.viewer.username, data.get("new", ""))
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


@router.post("/users/{username}/technologies")
async def user_assign(request: Request, username: str, auth: Auth = Depends(allowed("manage_users"))):
    data = await form_data(request)
    codes = data.get("technologies") or []
    codes = codes if isinstance(codes, list) else [codes]
    with acting(request, auth) as ctx:
        access.assign(ctx, username, codes)
    return redirect("/account")

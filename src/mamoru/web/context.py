"""Per-request plumbing: the database, who is signed in, the language, CSRF, rendering."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from fastapi import Request
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, TimestampSigner

from mamoru.domain import vocab
from mamoru.i18n import LANGS, t
from mamoru.i18n import label as vocab_label
from mamoru.services import access
from mamoru.services.uow import read_only, unit_of_work

SESSION_COOKIE = "mamoru_session"
LANG_COOKIE = "mamoru_lang"
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


@dataclass
class Auth:
    """The signed-in person for this request (web session or API token)."""

    viewer: access.Viewer
    csrf: str | None  # None for API-token requests: no cookie, no CSRF risk


def lang_of(request: Request) -> str:
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or ""
    return chosen if chosen in LANGS else "ja"


def client_address(request: Request) -> str:
    """The client's address; behind a trusted proxy (``mamoru serve --proxy-headers``) uvicorn has
    already put X-Forwarded-For here."""
    return request.client.host if request.client else "unknown"


def secure_cookies_forced() -> bool:
    """MAMORU_COOKIE_SECURE=1: cookies are ``Secure`` even where the app sees plain http."""
    return os.environ.get("MAMORU_COOKIE_SECURE", "").strip().lower() in ("1", "true", "yes")


def cookie_secure(request: Request) -> bool:
    """Cookies carry ``Secure`` when the request came over https (X-Forwarded-Proto from a trusted
    proxy counts, see ``mamoru serve --proxy-headers``) or when MAMORU_COOKIE_SECURE=1 says so."""
    return request.url.scheme == "https" or secure_cookies_forced()


def engine_of(request: Request):
    return request.app.state.engine


@contextmanager
def reading(request: Request, auth: "Auth | None" = None) -> Iterator[Any]:
    """A read-only context; with ``auth`` the services apply that person's need-to-know."""
    with read_only(request.app.state.engine, policy=request.app.state.policy,
                   viewer=auth.viewer if auth else None) as ctx:
        yield ctx


@contextmanager
def acting(request: Request, auth: Auth) -> Iterator[Any]:
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


def render(request: Request, template: str, auth: Auth | None, status_code: int = 200, **context: Any):
    lang = lang_of(request)

    def _t(key: str, /, **params: Any) -> str:
        return t(key, lang, **params)

    def label(kind: str, value: Any) -> str:
        return vocab_label(kind, value, lang)

    return TEMPLATES.TemplateResponse(
        request, template,
        {"t": _t, "label": label, "lang": lang, "auth": auth, "vocab": vocab, **context},
        status_code=status_code,
    )

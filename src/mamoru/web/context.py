"""Per-request plumbing for pages: the language and rendering; who is signed in comes from ``mamoru.doors``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context

from mamoru.doors.identity import SESSION_COOKIE, Auth, acting, reading, sign, signer, unsign  # noqa: F401
from mamoru.domain import vocab
from mamoru.i18n import LANGS, display, local_time, t
from mamoru.i18n import label as vocab_label

LANG_COOKIE = "mamoru_lang"
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


@pass_context
def _show(context: Any, value: Any) -> str:
    """``{{ show(value) }}``: flags, moments, messages and lists as a person reads them (``i18n.display``)."""
    return display(value, context.get("lang") or "ja")


TEMPLATES.env.globals["show"] = _show


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


def render(request: Request, template: str, auth: Auth | None, status_code: int = 200, **context: Any):
    lang = lang_of(request)

    def _t(key: str, /, **params: Any) -> str:
        return t(key, lang, **params)

    def label(kind: str, value: Any) -> str:
        return vocab_label(kind, value, lang)

    return TEMPLATES.TemplateResponse(
        request, template,
        {"t": _t, "label": label, "when": local_time, "lang": lang, "auth": auth, "vocab": vocab, **context},
        status_code=status_code,
    )

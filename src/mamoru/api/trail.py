"""Exposure, the audit record, and the caller's own API tokens."""

from __future__ import annotations

from typing import Annotated, Optional

from fastapi import Depends, Path, Query, Request

from mamoru.api import views
from mamoru.api.common import MAX_ID, Auth, Paging, Search, acting, allowed, paged, reading, router
from mamoru.api.schemas import TokenIn
from mamoru.services import access, audit, exposure, lists, reads

Filter = Annotated[Optional[str], Query(max_length=100, pattern=r"^[^\x00]*$")]
routes = router()


@routes.get("/me", tags=["account"], summary="Who the token or session belongs to, and what they may do")
def me(auth: Auth = Depends(allowed("read"))):
    from mamoru.domain.access import ACTIONS

    who = auth.viewer
    return {"username": who.username, "role": who.role, "actions": sorted(a for a in ACTIONS if who.may(a)),
            "technologies": None if who.technology_ids is None else len(who.technology_ids)}


@routes.get("/exposure", tags=["exposure"],
            summary="Exposure matrix: each partner's weighted share of each technology it has received")
def exposure_matrix(request: Request, partner: Filter = None, technology: Filter = None,
                    auth: Auth = Depends(allowed("read"))):
    with reading(request, auth) as ctx:
        cells = exposure.matrix(ctx, partner, technology)
        return {"cells": [{"partner": cl.partner, "technology": cl.technology, "share": cl.share,
                           "flagged": cl.flagged, "received": list(cl.received)} for cl in cells]}


@routes.get("/audit", tags=["audit"], summary="The audit record, newest first")
def audit_log(request: Request, paging: Paging = Depends(), search: Search = Depends(), entity_type: Filter = None,
              entity_id: Filter = None,
              auth: Auth = Depends(allowed("audit"))):
    with reading(request, auth) as ctx:
        page = lists.audit(ctx, {"entity_type": entity_type, "entity_id": entity_id}, search.q, search.sort,
                           paging.limit, paging.offset)
        return paged(page, views.audit_entry)


@routes.get("/audit/verify", tags=["audit"], summary="Walk the hash chain and name every entry that does not fit")
def audit_verify(request: Request, auth: Auth = Depends(allowed("audit"))):
    with reading(request, auth) as ctx:
        return audit.verify(ctx).as_dict()  # the chain, the key and the anchor outside the database


@routes.get("/tokens", tags=["account"], summary="The caller's API tokens (never the secret)")
def list_tokens(request: Request, paging: Paging = Depends(), auth: Auth = Depends(allowed("own_tokens"))):
    with reading(request, auth) as ctx:
        return paging.page(access.list_tokens(ctx, auth.viewer.username), views.token)


@routes.post("/tokens", status_code=201, tags=["account"],
             summary="Create an API token; the secret is returned this once only")
def create_token(request: Request, body: TokenIn, auth: Auth = Depends(allowed("own_tokens"))):
    with acting(request, auth) as ctx:
        made, secret = access.issue_token(ctx, auth.viewer.username, body.name)
        return {**views.token(made), "token": secret}


@routes.post("/tokens/{token_id}/revoke", tags=["account"], summary="Revoke one of the caller's API tokens")
def revoke_token(request: Request, token_id: Annotated[int, Path(ge=1, le=MAX_ID)],
                 auth: Auth = Depends(allowed("own_tokens"))):
    with acting(request, auth) as ctx:
        access.revoke_token(ctx, auth.viewer.username, token_id)
        return views.token(reads.token(ctx, token_id))

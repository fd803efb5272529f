"""Leak tracing over the API: ``POST /trace`` (an excerpt as JSON) and ``POST /trace/file`` (a file's bytes).

Both answer the same dict (``TraceResult.as_dict``): verdict, reason, and the ranked
candidates, each with its evidence. Thin over ``services.trace``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import Body, Query, Request
from pydantic import BaseModel, ConfigDict, StringConstraints

from mamoru import limits
from mamoru.api.common import Auth, acting, allowed, router
from mamoru.services import trace
from fastapi import Depends

routes = router()
FileName = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00/\\]+\.[A-Za-z0-9]{1,8}$")]


class TraceIn(BaseModel):
    """An excerpt found outside: pasted or retyped text."""

    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, StringConstraints(max_length=trace.MAX_TEXT, pattern=r"^[^\x00]*$")]
    source_name: Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")] = "excerpt"


@routes.post("/trace", tags=["trace"], summary="Rank the partners an excerpt could have come from, with evidence")
def trace_text(request: Request, body: TraceIn, auth: Auth = Depends(allowed("trace"))):
    with acting(request, auth) as ctx:
        return trace.trace_text(ctx, body.text, body.source_name or "excerpt").as_dict()


@routes.post("/trace/file", tags=["trace"],
             summary="Rank the partners a found file (.txt .md .csv .docx .xlsx .pdf; body: its bytes) came from")
def trace_file(request: Request, name: Annotated[FileName, Query(description="file name, for its type")],
               body: Annotated[bytes, Body(media_type="application/octet-stream")] = b"",
               auth: Auth = Depends(allowed("trace"))):
    limits.check_size(name, len(body))
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / FilePath(name).name
        path.write_bytes(body)
        with acting(request, auth) as ctx:
            return trace.trace_file(ctx, path, name).as_dict()

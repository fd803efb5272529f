"""Version 1 of the REST API: every route needs a token (or session) allowed its action.

Routes live in one module per area (registers, ledger, operations, trail); this module only
puts them under ``/api/v1``. Errors are RFC 9457 problem JSON with the bilingual reason code.
"""

from __future__ import annotations

from mamoru.api import ledger, operations, registers, telemetry, trail
from mamoru.api.common import router as make_router

router = make_router(prefix="/api/v1")
for _area in (registers, ledger, operations, trail, telemetry):
    router.include_router(_area.routes)

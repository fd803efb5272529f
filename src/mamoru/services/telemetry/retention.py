"""Retention per asset: raw points older than the asset's ``retention_days`` are removed; rollups stay.

This is the one place factory data is deleted, because the retention period is itself a rule
(and a data-use agreement's deletion clause depends on it); each run writes an audit entry with
how many points of which asset went, up to which time.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from mamoru.services.uow import Context
from mamoru.store.models import Asset, Channel, Point


def prune(ctx: Context) -> dict[str, int]:
    ctx.require("import")
    removed: dict[str, int] = {}
    for asset in ctx.session.execute(select(Asset).order_by(Asset.code)).scalars():
        cutoff = ctx.now - timedelta(days=asset.retention_days)
        ids = select(Channel.id).where(Channel.asset_id == asset.id).scalar_subquery()
        result = ctx.session.execute(delete(Point).where(Point.channel_id.in_(ids), Point.ts < cutoff),
                                     execution_options={"synchronize_session": False})
        if result.rowcount:
            removed[asset.code] = result.rowcount
            ctx.audit("telemetry.prune", "asset", asset.code, None,
                      {"points": result.rowcount, "before": cutoff.isoformat(), "retention_days": asset.retention_days})
    return removed

"""Controlled sharing of factory data under a data-use agreement: terms, the partner's feed, the ledger.

The gate (``domain/data_sharing``) is asked twice: when the terms are set (a refused channel is
recorded as withheld, with the reasons) and at every delivery (an ended or suspended agreement,
or a partner on hold, closes the feed at once). Every delivery is put in the ledger (one record
per agreement and day: channels, level, points, chained SHA-256 of the bytes) and the audit log.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mamoru.domain import data_sharing as gate
from mamoru.errors import Conflict, InvalidInput, MamoruError, NotFound
from mamoru.services import common as c
from mamoru.services.access import Unauthenticated
from mamoru.services.telemetry.register import get_channel
from mamoru.services.uow import Context
from mamoru.store.models import (Agreement, AssetEvent, Channel, DataUseChannel, DataUseTerms, FeedToken, Point,
                                 Rollup, ShareLedger)

MAX_RAW = 100_000


class FeedClosed(MamoruError):
    """Nothing may leave under this agreement now (ended, suspended, partner on hold...)."""


def _terms(ctx: Context, agreement: str) -> DataUseTerms:
    row = ctx.session.execute(select(DataUseTerms).join(Agreement).where(Agreement.code == agreement)
                              .options(selectinload(DataUseTerms.channels))).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.data_use", code=agreement)
    return row


def facts(terms: DataUseTerms) -> gate.FeedFacts:
    a = terms.agreement
    return gate.FeedFacts(a.code, a.kind, a.status, a.valid_from, a.valid_to, terms.suspended, a.partner.code,
                          a.partner.status, a.partner.risk_tier, frozenset(cl.kind for cl in a.clauses))


def _decide(ch: Channel, requested: str, minutes: int, clauses: frozenset[str]) -> gate.ChannelDecision:
    return gate.decide_channel(f"{ch.asset.code}/{ch.code}", [(e.code, e.rank) for e in ch.elements],
                               requested, minutes, clauses)


def set_terms(ctx: Context, agreement: str, purpose: str, retention_days: Any, topic_prefix: str = "",
              purpose_text: str = "") -> DataUseTerms:
    """Purpose, retention and the partner's topic prefix of a data-use agreement."""
    ctx.require("register_agreement")
    a = c.by_code(ctx, Agreement, agreement)
    if a.kind != "data_use":
        raise InvalidInput("share.not_data_use", agreement=agreement)
    if ctx.session.execute(select(DataUseTerms.id).where(DataUseTerms.agreement_id == a.id)).first():
        raise Conflict("conflict.duplicate_code", kind="data_use", code=agreement)
    try:
        days = int(retention_days)
    except (TypeError, ValueError):
        days = 0
    if days < 1:
        raise InvalidInput("telemetry.bad_retention", value=retention_days)
    prefix = c.require_text("topic_prefix", topic_prefix or f"partners/{a.partner.code}", 200)
    if any(ch in prefix for ch in "+#") or prefix.startswith("mamoru/"):
        raise InvalidInput("share.bad_prefix", prefix=prefix)
    terms = DataUseTerms(agreement_id=a.id, purpose=c.require_text("purpose", purpose, 40),
                         purpose_text=c.require_text("purpose_text", purpose_text, 2000, allow_empty=True),
                         retention_days=days, topic_prefix=prefix, created_at=ctx.now)
    ctx.session.add(terms)
    ctx.session.flush()
    ctx.audit("data_use.terms", "agreement", a.code, None,
              {"purpose": terms.purpose, "retention_days": days, "topic_prefix": prefix})
    return terms


def request_channel(ctx: Context, agreement: str, asset: str, channel: str, level: str,
                    minutes: Any = 0) -> gate.ChannelDecision:
    """Ask for a channel at a level; the gate grants it or records it withheld with its reasons."""
    ctx.require("register_agreement")
    terms = _terms(ctx, agreement)
    level = c.choice("level", level, gate.LEVELS)
    try:
        mins = int(minutes or 0)
    except (TypeError, ValueError):
        raise InvalidInput("telemetry.bad_number", field="minutes", value=minutes) from None
    ch = get_channel(ctx, asset, channel)
    decision = _decide(ch, level, mins, facts(terms).clauses)
    row = next((r for r in terms.channels if r.channel_id == ch.id), None)
    before = None if row is None else {"level": row.level, "minutes": row.minutes}
    if row is None:
        row = DataUseChannel(terms_id=terms.id, channel_id=ch.id, requested=level)
        ctx.session.add(row)
    row.requested, row.level, row.minutes = level, decision.level, decision.minutes
    row.reasons = [{"code": r.code, "params": r.params} for r in decision.reasons]
    ctx.session.flush()
    ctx.audit("data_use.channel", "agreement", agreement, before,
              {"channel": f"{asset}/{channel}", "requested": level, "granted": decision.level,
               "minutes": decision.minutes, "reasons": row.reasons})
    return decision


def suspend(ctx: Context, agreement: str, suspended: bool = True) -> DataUseTerms:
    """Suspend (or resume) the feed; the next pull or bridge run delivers nothing."""
    ctx.require("register_agreement")
    terms = _terms(ctx, agreement)
    before = {"suspended": terms.suspended}
    terms.suspended = suspended
    ctx.session.flush()
    ctx.audit("data_use.suspend" if suspended else "data_use.resume", "agreement", agreement, before,
              {"suspended": suspended})
    return terms


def issue_token(ctx: Context, agreement: str) -> str:
    """A token for the partner's own feed client; shown once, only its SHA-256 is kept."""
    ctx.require("register_agreement")
    terms = _terms(ctx, agreement)
    token = "mfeed_" + secrets.token_urlsafe(32)
    row = FeedToken(terms_id=terms.id, token_hash=hashlib.sha256(token.encode()).hexdigest(), created_by=ctx.actor,
                    created_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("data_use.token", "agreement", agreement, None, {"token": row.id})
    return token


def describe(ctx: Context, agreement: str) -> dict[str, Any]:
    ctx.require("read")
    terms = _terms(ctx, agreement)
    closed = gate.feed_closed(facts(terms), ctx.today)
    return {"agreement": agreement, "partner": terms.agreement.partner.code, "purpose": terms.purpose,
            "retention_days": terms.retention_days, "topic_prefix": terms.topic_prefix,
            "suspended": terms.suspended, "open": not closed,
            "closed_because": [{"code": r.code, "params": r.params} for r in closed],
            "channels": [{"channel": f"{r.channel.asset.code}/{r.channel.code}", "requested": r.requested,
                          "level": r.level, "minutes": r.minutes, "reasons": r.reasons} for r in terms.channels]}


# --- delivery ---------------------------------------------------------------------------------

def _floor_minute(ts: datetime) -> datetime:
    return ts.replace(second=0, microsecond=0)


def _raw(ctx: Context, ch: Channel, since: datetime, until: datetime) -> list[list]:
    rows = ctx.session.execute(select(Point.ts, Point.value).where(
        Point.channel_id == ch.id, Point.ts > since, Point.ts <= until).order_by(Point.ts).limit(MAX_RAW)).all()
    return [[ts.isoformat(), v] for ts, v in rows]


def _buckets(ctx: Context, ch: Channel, minutes: int, since: datetime, until: datetime) -> list[tuple]:
    """N-minute buckets that end in (since, until], folded from 1-minute rollups."""
    size = minutes * 60
    first = datetime.fromtimestamp((int(since.timestamp()) // size) * size, tz=timezone.utc)
    rows = ctx.session.execute(select(Rollup.bucket, Rollup.vmin, Rollup.vmax, Rollup.vsum, Rollup.count).where(
        Rollup.channel_id == ch.id, Rollup.period_s == 60, Rollup.bucket >= first, Rollup.bucket < until)).all()
    out: dict[datetime, list] = {}
    for b, lo, hi, s, n in rows:
        start = datetime.fromtimestamp((int(b.timestamp()) // size) * size, tz=timezone.utc)
        agg = out.setdefault(start, [lo, hi, 0.0, 0])
        agg[0], agg[1], agg[2], agg[3] = min(agg[0], lo), max(agg[1], hi), agg[2] + s, agg[3] + n
    end_of = timedelta(seconds=size)
    return [(start, *agg) for start, agg in sorted(out.items()) if since < start + end_of <= until]


def _aggregated(ctx, ch, minutes, since, until) -> list[list]:
    return [[s.isoformat(), lo, hi, round(total / n, 6), n] for s, lo, hi, total, n in
            _buckets(ctx, ch, minutes, since, until)]


def _health(ctx, ch, since, until) -> list[list]:
    """Per 10 minutes: normal / warning (outside the normal range) / alarm (an asset alarm). No values."""
    alarms = ctx.session.execute(select(AssetEvent.occurred_at).where(
        AssetEvent.asset_id == ch.asset_id, AssetEvent.occurred_at <= until)).scalars().all()
    size = timedelta(minutes=gate.HEALTH_MINUTES)
    out = []
    for s, lo, hi, _total, _n in _buckets(ctx, ch, gate.HEALTH_MINUTES, since, until):
        state = "normal"
        if (ch.range_low is not None and lo < ch.range_low) or (ch.range_high is not None and hi > ch.range_high):
            state = "warning"
        if any(s <= at < s + size for at in alarms):
            state = "alarm"
        out.append([s.isoformat(), state])
    return out


def _deliver(ctx: Context, terms: DataUseTerms, since: datetime, until: datetime, via: str) -> tuple[dict, bytes]:
    closed = gate.feed_closed(facts(terms), ctx.today)
    if closed:  # nothing leaves; the refusal is the answer (the transaction, and so any record, rolls back)
        raise FeedClosed(closed[0].code, **closed[0].params)
    clauses = facts(terms).clauses
    channels: dict[str, Any] = {}
    for row in terms.channels:
        # the gate again, on today's ranks and clauses: a re-ranked element narrows the feed at once
        decision = _decide(row.channel, row.level, row.minutes, clauses)
        if decision.level == "withheld":
            continue
        ch = row.channel
        if decision.level == "raw":
            data = _raw(ctx, ch, since, until)
        elif decision.level == "aggregated":
            data = _aggregated(ctx, ch, decision.minutes, since, until)
        else:
            data = _health(ctx, ch, since, until)
        channels[f"{ch.asset.code}/{ch.code}"] = {"level": decision.level, "minutes": decision.minutes,
                                                  "unit": ch.unit if decision.level != "health" else "",
                                                  "data": data}
    body = {"agreement": terms.agreement.code, "purpose": terms.purpose, "since": since.isoformat(),
            "until": until.isoformat(), "channels": channels}
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    _ledger(ctx, terms, channels, raw, via)
    return body, raw


def _ledger(ctx: Context, terms: DataUseTerms, channels: dict, raw: bytes, via: str) -> None:
    points = sum(len(ch["data"]) for ch in channels.values())
    if not points:
        return
    digest = hashlib.sha256(raw).hexdigest()
    day = ctx.today
    row = ctx.session.execute(select(ShareLedger).where(ShareLedger.agreement_id == terms.agreement_id,
                                                        ShareLedger.day == day)).scalar_one_or_none()
    if row is None:
        row = ShareLedger(agreement_id=terms.agreement_id, partner_id=terms.agreement.partner_id, day=day,
                          channels={}, points=0, deliveries=0, sha256="0" * 64)
        ctx.session.add(row)
    seen = dict(row.channels)
    for code, ch in channels.items():
        prev = seen.get(code, {"level": ch["level"], "points": 0})
        seen[code] = {"level": ch["level"], "minutes": ch["minutes"], "points": prev["points"] + len(ch["data"])}
    row.channels = seen
    row.points += points
    row.deliveries += 1
    row.sha256 = hashlib.sha256((row.sha256 + digest).encode()).hexdigest()
    row.updated_at = ctx.now
    ctx.session.flush()
    ctx.audit("data_use.deliver", "agreement", terms.agreement.code, None,
              {"via": via, "partner": terms.agreement.partner.code, "points": points, "sha256": digest,
               "channels": {k: {"level": v["level"], "points": len(v["data"])} for k, v in channels.items()}})


def pull(ctx: Context, token: str, since: datetime | None = None, agreement: str | None = None) -> dict:
    """The partner's pull, authenticated by its own feed token (not a user account)."""
    row = ctx.session.execute(select(FeedToken).where(
        FeedToken.token_hash == hashlib.sha256((token or "").encode()).hexdigest())).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        raise Unauthenticated("auth.bad_token")
    terms = ctx.session.get(DataUseTerms, row.terms_id)
    if agreement is not None and terms.agreement.code != agreement:
        raise Unauthenticated("auth.bad_token")
    until = _floor_minute(ctx.now)
    since = since or until - timedelta(hours=1)
    if since.tzinfo is None:
        raise InvalidInput("telemetry.naive_time")
    body, _raw_bytes = _deliver(ctx, terms, min(since, until), until, "pull")
    body["next_since"] = until.isoformat()
    return body


def bridge_once(ctx: Context, agreement: str, publish: Callable[[str, bytes], None]) -> int:
    """Republish what is new since the last run to the partner's topics; returns the points sent.

    ``publish`` must return only once the partner's broker has the message (QoS 1 PUBACK); the
    cursor moves in the same transaction as the ledger, after the publishes.
    """
    ctx.require("operate")
    terms = _terms(ctx, agreement)
    until = _floor_minute(ctx.now)
    since = terms.bridge_cursor or until - timedelta(hours=1)
    body, _raw_bytes = _deliver(ctx, terms, since, until, "mqtt")
    sent = 0
    for code, ch in body["channels"].items():
        if not ch["data"]:
            continue
        payload = json.dumps({"agreement": body["agreement"], "level": ch["level"], "minutes": ch["minutes"],
                              "unit": ch["unit"], "data": ch["data"]}, separators=(",", ":")).encode()
        publish(f"{terms.topic_prefix}/{code}", payload)
        sent += len(ch["data"])
    terms.bridge_cursor = until
    ctx.session.flush()
    return sent


def ledger(ctx: Context, partner: str | None = None, limit: int = 200) -> list[ShareLedger]:
    """The data-sharing ledger: for auditors and managers (it names channels staff may not be assigned)."""
    ctx.require("audit")
    query = select(ShareLedger).order_by(ShareLedger.day.desc(), ShareLedger.id.desc()).limit(limit)
    if partner:
        from mamoru.store.models import Partner

        query = query.join(Partner, ShareLedger.partner_id == Partner.id).where(Partner.code == partner)
    return list(ctx.session.execute(query).scalars())

"""Screening use cases: import a list version, screen partners, review possible matches.

Each function runs inside the caller's unit of work and audits what it changes.
An import is parsed completely before anything is written, so a bad file leaves
the version in force untouched; a new version re-screens the partner register
in the same transaction and reports only what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import func, select

from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.screening import backends
from mamoru.screening.engine import Hit, Query
from mamoru.screening.entries import ListEntry
from mamoru.screening.models import ListEntryRow, ListVersion, ScreeningResult, ScreeningRun
from mamoru.screening.parsers import parse
from mamoru.screening import repository as repo
from mamoru.services.events import record_event
from mamoru.services.uow import Context
from mamoru.store.models import Partner

ALERT_LIMIT = 5  # hits kept per screened name
RESULT_STATUSES = ("open", "confirmed", "dismissed", "withdrawn")


# -- lists --------------------------------------------------------------------------------

@dataclass
class ImportOutcome:
    version: ListVersion
    created: bool  # False: the same file was imported before (idempotent)
    added: int = 0
    removed: int = 0
    changed: int = 0
    rescreen: "RunOutcome | None" = None


def import_list(ctx: Context, path: Path, fmt: str | None = None, source: str | None = None,
                rescreen: bool = True, progress: Callable[[int, int], None] | None = None) -> ImportOutcome:
    """Import a list file as a new version of its source; re-importing the same file changes nothing."""
    ctx.require("import")
    parsed = parse(Path(path), fmt, source)  # raises before any write
    same = ctx.session.execute(
        select(ListVersion).where(ListVersion.source == parsed.source, ListVersion.file_hash == parsed.file_hash)
    ).scalar_one_or_none()
    if same is not None:
        return ImportOutcome(same, created=False)
    previous = _current(ctx, parsed.source)
    number = (ctx.session.execute(
        select(func.max(ListVersion.version_no)).where(ListVersion.source == parsed.source)
    ).scalar() or 0) + 1
    version = ListVersion(
        source=parsed.source, version_no=number, format=parsed.format, file_name=Path(path).name[:300],
        file_hash=parsed.file_hash, published=parsed.published, entry_count=len(parsed.entries),
        name_count=sum(len([n for n, _ in e.names() if n.strip()]) for e in parsed.entries),
        status="in_force", imported_by=ctx.actor, imported_at=ctx.now,
    )
    repo.write_version(ctx.session, parsed, version)
    if previous is not None:
        previous.status = "superseded"
        ctx.audit("screening.list_supersede", "list_version", previous.id,
                  {"status": "in_force"}, {"status": "superseded", "by": version.id})
    outcome = ImportOutcome(version, created=True)
    if previous is not None:
        d = diff(ctx, parsed.source, previous.version_no, number)
        outcome.added, outcome.removed, outcome.changed = len(d.added), len(d.removed), len(d.changed)
    else:
        outcome.added = len(parsed.entries)
    ctx.session.flush()
    ctx.audit("screening.list_import", "list_version", version.id, None, {
        "source": version.source, "version_no": number, "file": version.file_name, "sha256": version.file_hash,
        "entries": version.entry_count, "names": version.name_count,
        "added": outcome.added, "removed": outcome.removed, "changed": outcome.changed,
    })
    rekey(ctx)  # the other lists in force, if an older mamoru wrote their keys
    if rescreen:
        outcome.rescreen = screen_all(ctx, trigger=f"list_version:{version.id}", progress=progress)
    return outcome


def rekey(ctx: Context) -> list[ListVersion]:
    """Rewrite the blocking keys of the list versions in force that an older key scheme wrote (after an
    upgrade); the versions rewritten. Until then the database backend answers from the embedded index."""
    ctx.require("import")
    stale = repo.stale_keys(repo.in_force(ctx.session))
    for version in stale:
        before = version.keys_version
        names = repo.rewrite_keys(ctx.session, version)
        ctx.audit("screening.list_rekey", "list_version", version.id, {"keys_version": before},
                  {"keys_version": version.keys_version, "names": names})
    ctx.session.flush()
    return stale


def main_file(paths: list[Path]) -> Path:
    """Of the files sent together (OFAC: sdn.csv with alt.csv and add.csv), the one to parse."""
    from mamoru.screening.parsers import ofac

    companions = {name for a, b, _ in ofac.SIBLINGS.values() for name in (a, b)}
    mains = [p for p in paths if p.name.lower() not in companions]
    return (mains or paths)[0]


def _current(ctx: Context, source: str) -> ListVersion | None:
    return ctx.session.execute(
        select(ListVersion).where(ListVersion.source == source, ListVersion.status == "in_force")
    ).scalar_one_or_none()


def versions(ctx: Context, source: str | None = None) -> list[ListVersion]:
    """Every version of every list (or of ``source``), oldest first."""
    ctx.require("read")
    query = select(ListVersion).order_by(ListVersion.source, ListVersion.version_no)
    if source:
        query = query.where(ListVersion.source == source)
    return list(ctx.session.execute(query).scalars())


@dataclass
class ListDiff:
    source: str
    old: int
    new: int
    added: list[ListEntryRow] = field(default_factory=list)
    removed: list[ListEntryRow] = field(default_factory=list)
    changed: list[tuple[ListEntryRow, ListEntryRow]] = field(default_factory=list)


def diff(ctx: Context, source: str, old: int | None = None, new: int | None = None) -> ListDiff:
    """Entries added, removed and changed between two versions (default: the last two)."""
    numbers = [v.version_no for v in versions(ctx, source)]
    if not numbers:
        raise NotFound("screening.list_not_found", source=source, version="-")
    new = new or numbers[-1]
    old = old or (numbers[-2] if len(numbers) > 1 else new)
    a, b = _entries_of(ctx, source, old), _entries_of(ctx, source, new)
    out = ListDiff(source, old, new)
    out.added = [b[k] for k in sorted(set(b) - set(a))]
    out.removed = [a[k] for k in sorted(set(a) - set(b))]
    out.changed = [(a[k], b[k]) for k in sorted(set(a) & set(b)) if a[k].content_hash != b[k].content_hash]
    return out


def _entries_of(ctx: Context, source: str, number: int) -> dict[str, ListEntryRow]:
    version = ctx.session.execute(
        select(ListVersion).where(ListVersion.source == source, ListVersion.version_no == number)
    ).scalar_one_or_none()
    if version is None:
        raise NotFound("screening.list_not_found", source=source, version=number)
    rows = ctx.session.execute(select(ListEntryRow).where(ListEntryRow.version_id == version.id)).scalars()
    return {r.entry_id: r for r in rows}


# -- screening ----------------------------------------------------------------------------

def screen_name(ctx: Context, name: str, entity_type: str = "unknown", countries: Iterable[str] = (),
                birth_dates: Iterable[str] = (), limit: int = 10, backend: str = "embedded") -> list[tuple[Hit, str]]:
    """Screen one name (nothing is stored); hits with the source list of each entry."""
    ctx.require("screen")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("screening.name_required")
    if len(name) > 300:
        raise InvalidInput("screening.name_too_long", limit=300)
    screener, loaded, _ = _screener(ctx, backend)
    hits = screener.screen(Query(name, entity_type, tuple(countries), tuple(birth_dates)), limit)
    return [(h, loaded.sources[h.entry_number]) for h in hits]


@dataclass
class RunOutcome:
    """What changed in one pass: new alerts and withdrawn ones (unchanged ones are not repeated)."""

    run: ScreeningRun
    new: list[ScreeningResult] = field(default_factory=list)
    withdrawn: list[ScreeningResult] = field(default_factory=list)


def _screener(ctx: Context, backend: str = "embedded"):
    if not repo.in_force(ctx.session):
        raise InvalidInput("screening.no_lists")
    return backends.screener(ctx.session, backend)


def subjects(partner: Partner) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(role, name, entity type, countries) for a partner and its related parties."""
    out: list[tuple[str, str, str, tuple[str, ...]]] = [("partner", partner.name, "organization", (partner.country,))]
    for role, value in (("name_kana", partner.name_kana), ("name_en", partner.name_en)):
        if value:
            out.append((role, value, "organization", (partner.country,)))
    if partner.parent_company:
        out.append(("parent", partner.parent_company, "organization", ()))
    for role, people, kind in (("shareholder", partner.major_shareholders, "unknown"),
                               ("officer", partner.officers, "person")):
        for item in people or []:
            name = item.get("name", "") if isinstance(item, dict) else str(item)
            if name.strip():
                out.append((role, name.strip()[:300], kind, ()))
    return out


def screen_partner(ctx: Context, code: str, backend: str = "embedded", run: ScreeningRun | None = None) -> RunOutcome:
    """Screen one partner with its related parties; store new alerts, withdraw stale ones."""
    ctx.require("screen")
    partner = ctx.session.execute(select(Partner).where(Partner.code == code)).scalar_one_or_none()
    if partner is None:
        raise NotFound("screening.partner_not_found", code=code)
    screener, loaded, fp = _screener(ctx, backend)
    if run is None:
        run = _new_run(ctx, "manual", fp)
    outcome = RunOutcome(run)
    _screen_one(ctx, partner, screener, loaded, outcome)
    run.partners += 1
    _close_run(ctx, outcome)
    return outcome


def screen_all(ctx: Context, trigger: str = "manual", backend: str = "embedded",
               progress: Callable[[int, int], None] | None = None) -> RunOutcome:
    """Screen every partner not terminated; report only what changed since the last pass."""
    ctx.require("screen")
    screener, loaded, fp = _screener(ctx, backend)
    partners = list(ctx.session.execute(
        select(Partner).where(Partner.status != "terminated").order_by(Partner.code)
    ).scalars())
    outcome = RunOutcome(_new_run(ctx, trigger, fp))
    for n, partner in enumerate(partners, start=1):
        _screen_one(ctx, partner, screener, loaded, outcome)
        if progress:
            progress(n, len(partners))
    outcome.run.partners = len(partners)
    _close_run(ctx, outcome)
    return outcome


def _new_run(ctx: Context, trigger: str, fp: str) -> ScreeningRun:
    run = ScreeningRun(trigger=trigger[:100], actor=ctx.actor, fingerprint=fp, started_at=ctx.now)
    ctx.session.add(run)
    ctx.session.flush()
    return run


def _close_run(ctx: Context, outcome: RunOutcome) -> None:
    outcome.run.new_alerts = len(outcome.new)
    outcome.run.withdrawn = len(outcome.withdrawn)
    ctx.session.flush()
    ctx.audit("screening.run", "screening_run", outcome.run.id, None, {
        "trigger": outcome.run.trigger, "partners": outcome.run.partners,
        "new_alerts": outcome.run.new_alerts, "withdrawn": outcome.run.withdrawn,
    })


def _screen_one(ctx: Context, partner: Partner, screener, loaded: repo.Loaded, outcome: RunOutcome) -> None:
    known = list(ctx.session.execute(
        select(ScreeningResult).where(ScreeningResult.partner_id == partner.id,
                                      ScreeningResult.status.in_(("open", "confirmed", "dismissed")))
    ).scalars())
    by_pair = {(r.subject_name, r.entry_id): r for r in sorted(known, key=lambda r: r.id)}
    seen: set[tuple[str, str]] = set()
    for role, name, kind, countries in subjects(partner):
        for hit in screener.alerts(Query(name, kind, tuple(c for c in countries if c)), ALERT_LIMIT):
            row_id = loaded.row_ids[hit.entry_number]
            entry = hit.entry
            pair = (name, entry.entry_id)
            seen.add(pair)
            content = entry.content_hash()
            old = by_pair.get(pair)
            if old is not None and old.entry_content_hash == content:
                continue  # open, confirmed or dismissed for this very entry: nothing new
            if old is not None and old.status == "open":
                _withdraw(ctx, old, "entry_changed", outcome)
            result = ScreeningResult(
                partner_id=partner.id, subject=role, subject_name=name, entry_row_id=row_id,
                source=loaded.sources[hit.entry_number], entry_id=entry.entry_id, entry_content_hash=content,
                matched_name=hit.matched_name, score=round(hit.score, 4), outcome=hit.outcome,
                explanation=hit.explanation(), status="open", run_id=outcome.run.id, created_at=ctx.now,
            )
            ctx.session.add(result)
            ctx.session.flush()
            by_pair[pair] = result
            ctx.audit("screening.alert", "screening_result", result.id, None, _snap(result, partner))
            outcome.new.append(result)
    for pair, old in by_pair.items():
        if old.status == "open" and pair not in seen and old.run_id != outcome.run.id:
            _withdraw(ctx, old, "no_longer_matches", outcome)


def _withdraw(ctx: Context, result: ScreeningResult, why: str, outcome: RunOutcome) -> None:
    before = {"status": result.status}
    result.status = "withdrawn"
    result.review_reason = why
    ctx.session.flush()
    ctx.audit("screening.withdraw", "screening_result", result.id, before, {"status": "withdrawn", "reason": why})
    outcome.withdrawn.append(result)


def _snap(result: ScreeningResult, partner: Partner | None = None) -> dict:
    return {
        "partner": partner.code if partner else None, "subject": result.subject, "subject_name": result.subject_name,
        "source": result.source, "entry_id": result.entry_id, "matched_name": result.matched_name,
        "score": result.score, "outcome": result.outcome, "status": result.status,
        "entry_content_hash": result.entry_content_hash,
    }


# -- review -------------------------------------------------------------------------------

def results(ctx: Context, status: str | None = "open", partner: str | None = None,
            limit: int | None = None) -> list[ScreeningResult]:
    """Screening results, oldest first (the review queue is worked in order); ``limit`` keeps the newest."""
    ctx.require("read")
    if status is not None and status not in RESULT_STATUSES:
        raise InvalidInput("screening.bad_status", status=status, allowed=", ".join(RESULT_STATUSES))
    query = select(ScreeningResult).order_by(ScreeningResult.id)
    if limit:
        query = select(ScreeningResult).order_by(ScreeningResult.id.desc()).limit(limit)
    if status:
        query = query.where(ScreeningResult.status == status)
    if partner:
        query = query.join(Partner, Partner.id == ScreeningResult.partner_id).where(Partner.code == partner)
    rows = list(ctx.session.execute(query).scalars())
    return sorted(rows, key=lambda r: r.id) if limit else rows


def result(ctx: Context, result_id) -> ScreeningResult:
    """One screening result, whatever its status."""
    ctx.require("read")
    try:
        found = ctx.session.get(ScreeningResult, int(result_id))
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound("screening.result_not_found", result_id=result_id)
    return found


def entry_of(ctx: Context, row: ScreeningResult) -> ListEntry:
    """The list entry a result points at, as it was published in the version that raised it."""
    ctx.require("read")
    stored = ctx.session.get(ListEntryRow, row.entry_row_id)
    return ListEntry.from_dict(stored.data)


def partner_of(ctx: Context, code: str) -> Partner:
    partner = ctx.session.execute(select(Partner).where(Partner.code == code)).scalar_one_or_none()
    if partner is None:
        raise NotFound("screening.partner_not_found", code=code)
    return partner


@dataclass
class Overview:
    """What the screening page opens with: the lists in force and the work waiting."""

    in_force: list[ListVersion]
    open_alerts: int
    last_run: ScreeningRun | None


def overview(ctx: Context) -> Overview:
    ctx.require("read")
    in_force = list(ctx.session.execute(
        select(ListVersion).where(ListVersion.status == "in_force").order_by(ListVersion.source)).scalars())
    open_alerts = ctx.session.execute(
        select(func.count()).select_from(ScreeningResult).where(ScreeningResult.status == "open")).scalar() or 0
    last_run = ctx.session.execute(select(ScreeningRun).order_by(ScreeningRun.id.desc()).limit(1)).scalar_one_or_none()
    return Overview(in_force, int(open_alerts), last_run)


def _open_result(ctx: Context, result_id) -> ScreeningResult:
    try:
        result = ctx.session.get(ScreeningResult, int(result_id))
    except (TypeError, ValueError):
        result = None
    if result is None:
        raise NotFound("screening.result_not_found", result_id=result_id)
    if result.status != "open":
        raise Conflict("screening.already_reviewed", result_id=result.id, decision=result.status)
    return result


def confirm(ctx: Context, result_id, note: str = "") -> ScreeningResult:
    """A person confirms the match: partner event list_hit (hold + obligations), result closed."""
    ctx.require("review_screening")
    result = _open_result(ctx, result_id)
    partner = result.partner
    before = _snap(result, partner)
    from mamoru.i18n import t

    # stored text the event page shows as it is: the list and the whose-name by their labels, not codes
    description = t("polish.screening.event", "ja", source=result.source, entry=result.entry_id,
                    name=result.matched_name, score=f"{result.score:.2f}", subject=result.subject,
                    subject_name=result.subject_name)
    if note:
        description += f" — {note}"
    event, _obligations = record_event(ctx, partner.code, "list_hit", description=description[:5000],
                                       source="screening")
    result.status = "confirmed"
    result.event_id = event.id
    result.reviewed_by, result.reviewed_at, result.review_reason = ctx.actor, ctx.now, note
    ctx.session.flush()
    ctx.audit("screening.confirm", "screening_result", result.id, before, {**_snap(result, partner), "event": event.id})
    return result


def dismiss(ctx: Context, result_id, reason: str) -> ScreeningResult:
    """A person judges it is not the listed party; the pair stays quiet while the entry is unchanged."""
    ctx.require("review_screening")
    if not (reason or "").strip():
        raise InvalidInput("screening.reason_required")
    result = _open_result(ctx, result_id)
    before = _snap(result, result.partner)
    result.status = "dismissed"
    result.reviewed_by, result.reviewed_at, result.review_reason = ctx.actor, ctx.now, reason.strip()[:5000]
    ctx.session.flush()
    ctx.audit("screening.dismiss", "screening_result", result.id, before,
              {**_snap(result, result.partner), "reason": result.review_reason})
    return result

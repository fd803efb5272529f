"""Commands for the flow to protect: check, disclose, approve; samples, events, obligations, requests, exposure."""

from __future__ import annotations

from typing import List, Optional

import typer

from mamoru.cli.render import decision_table, label, rows_table
from mamoru.cli.state import STATE
from mamoru.domain import vocab
from mamoru.cli.lazy import lazy

disclosures, events, exposure, obligations, requests, samples = lazy(
    "mamoru.services.disclosures", "mamoru.services.events", "mamoru.services.exposure",
    "mamoru.services.obligations", "mamoru.services.requests", "mamoru.services.samples")

sample_app = typer.Typer(help="Samples lent to partners / サンプル", no_args_is_help=True)
event_app = typer.Typer(help="Partner events / 取引先イベント", no_args_is_help=True)
obligation_app = typer.Typer(help="Obligations / 対応事項", no_args_is_help=True)
request_app = typer.Typer(help="External disclosure requests / 開示要求", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("disclose")(disclose)
    app.command("approve")(approve)
    app.command("reject")(reject)
    app.command("disclosures")(disclosure_list)
    app.command("exposure")(exposure_matrix)
    app.add_typer(sample_app, name="sample")
    app.add_typer(event_app, name="event")
    app.add_typer(obligation_app, name="obligations")
    app.add_typer(request_app, name="request")


def check(partner: str, element: List[str] = typer.Option(..., "--element", "-e"),
          channel: str = typer.Option("document", help="|".join(vocab.CHANNELS)),
          form: str = typer.Option("plain", help="|".join(vocab.FORMS))) -> None:
    """Ask the gate without recording anything: may these elements go to this partner?"""
    with STATE.read() as ctx:
        decision = disclosures.evaluate(ctx, partner, element, channel, form)
    STATE.emit(decision.as_dict(), decision_table(decision, STATE.language))


def disclose(partner: str, element: List[str] = typer.Option(..., "--element", "-e"),
             purpose: str = typer.Option(...), channel: str = typer.Option("document", help="|".join(vocab.CHANNELS)),
             form: str = typer.Option("plain", help="|".join(vocab.FORMS)),
             accept_conditions: bool = typer.Option(False, help="Confirm the gate's conditions will be followed."),
             staged_plan: str = typer.Option("", help="Staged disclosure plan (rank 3)."),
             sample: Optional[str] = typer.Option(None, help="Sample description (channel sample)."),
             return_by: Optional[str] = typer.Option(None, help="Sample return date YYYY-MM-DD."),
             sha256: Optional[str] = typer.Option(None, help="SHA-256 of the document sent."),
             note: str = "") -> None:
    """Record a disclosure the gate allows, or file it for approval."""
    sample_req = {"description": sample, "return_by": return_by} if (sample or return_by) else None
    with STATE.act() as ctx:
        record = disclosures.disclose(ctx, partner, element, purpose, channel, form,
                                      accept_conditions=accept_conditions, staged_plan=staged_plan,
                                      sample=sample_req, document_sha256=sha256, note=note)
        data = disclosures.describe(record)
        reasons = disclosures.reasons_of(record)
    key = "cli.pending" if record.status == "pending_approval" else "cli.recorded"
    lines = [STATE.t(key, number=record.number, status=label("status", record.status, STATE.language))]
    lines += ["  - " + r.messages()[STATE.language] for r in reasons]
    STATE.emit(data, text="\n".join(lines))


def approve(number: str, comment: str = "", override_reason: str = typer.Option(
        "", help="Why it is approved under an agreement without a return/destroy clause")) -> None:
    """Approve a pending disclosure (technology manager)."""
    with STATE.act() as ctx:
        record = disclosures.approve(ctx, number, comment, override_reason)
        data = disclosures.describe(record)
    STATE.emit(data, text=STATE.t("cli.recorded", number=number, status=label("status", "approved", STATE.language)))


def reject(number: str, comment: str = typer.Option(...)) -> None:
    """Reject a pending disclosure with a comment (technology manager)."""
    with STATE.act() as ctx:
        record = disclosures.reject(ctx, number, comment)
        data = disclosures.describe(record)
    STATE.emit(data, text=STATE.t("cli.updated", kind="disclosure", code=number))


def disclosure_list(status: Optional[str] = None, limit: int = 50) -> None:
    """The ledger: what went to whom, newest first."""
    lang = STATE.language
    with STATE.read() as ctx:
        data = [disclosures.describe(d) for d in disclosures.list_disclosures(ctx, status, limit)]
    rows = [(d["number"], d["partner"], " ".join(f"{c}({r})" for c, r in d["elements"]), label("channel", d["channel"], lang),
             label("form", d["form"], lang), label("outcome", d["outcome"], lang), label("status", d["status"], lang),
             d["agreement"], d["decided_by"]) for d in data]
    STATE.emit(data, rows_table("disclosures", ["number", "partner", "elements", "channel", "form", "gate", "status",
                                                 "agreement", "approved by"], rows))


def exposure_matrix(partner: Optional[str] = None, tech: Optional[str] = None) -> None:
    """Share of each technology's (rank-weighted) elements each partner has received."""
    with STATE.read() as ctx:
        cells = exposure.matrix(ctx, partner, tech)
        threshold = ctx.policy.exposure_threshold
    data = [{"partner": c.partner, "technology": c.technology, "share": round(c.share, 4), "flagged": c.flagged,
             "received": list(c.received)} for c in cells]
    rows = [(c.partner, c.technology, f"{'[red]' if c.flagged else ''}{c.share:.0%}{'[/] ⚑' if c.flagged else ''}",
             " ".join(c.received)) for c in cells]
    STATE.emit(data, rows_table(f"exposure (threshold {threshold:.0%})", ["partner", "technology", "share",
                                                                        "received"], rows))


# --- samples --------------------------------------------------------------------------

@sample_app.command("return")
def sample_return(code: str, condition: str = typer.Option(..., help="|".join(vocab.SAMPLE_CONDITIONS)),
                  on: Optional[str] = None, note: str = "") -> None:
    with STATE.act() as ctx:
        sample, made = samples.return_sample(ctx, code, condition, on, note)
    STATE.emit({"code": code, "condition": condition, "obligations": [o.id for o in made]},
               text=STATE.t("cli.updated", kind="sample", code=code) +
               ("\n" + STATE.t("cli.obligations_created", count=len(made)) if made else ""))


@sample_app.command("list")
def sample_list(overdue: bool = False) -> None:
    lang = STATE.language
    with STATE.read() as ctx:
        items = samples.overdue(ctx) if overdue else samples.list_samples(ctx)
        data = [{"code": s.code, "partner": s.partner.code, "description": s.description, "lent_on": s.lent_on,
                 "due_back": s.due_back, "status": s.status, "overdue": s.status == "out" and s.due_back < ctx.today,
                 "returned_on": s.returned_on, "condition": s.return_condition} for s in items]
    rows = [(d["code"], d["partner"], d["description"], d["due_back"],
             ("[red]" if d["overdue"] else "") + label("status", d["status"], lang) + (" ⚠[/]" if d["overdue"] else ""),
             d["returned_on"], d["condition"]) for d in data]
    STATE.emit(data, rows_table("samples", ["code", "partner", "sample", "due back", "status", "returned", "condition"],
                                rows))


# --- events ---------------------------------------------------------------------------

@event_app.command("record")
def event_record(partner: str, kind: str = typer.Option(..., help="|".join(vocab.EVENT_KINDS)),
                 on: Optional[str] = None, description: str = "", source: str = "") -> None:
    with STATE.act() as ctx:
        event, made = events.record_event(ctx, partner, kind, on, description, source)
        data = {"event": event.id, "kind": kind, "partner": partner,
                "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on,
                                 "agreement": o.agreement.code if o.agreement else None} for o in made]}
    STATE.emit(data, text=STATE.t("cli.created", kind="event", code=event.id) + "\n" +
               STATE.t("cli.obligations_created", count=len(made)))


@event_app.command("resolve")
def event_resolve(event_id: int, resolution: str = typer.Option(...)) -> None:
    with STATE.act() as ctx:
        events.resolve_event(ctx, event_id, resolution)
    STATE.emit({"event": event_id}, text=STATE.t("cli.updated", kind="event", code=event_id))


@event_app.command("list")
def event_list(open_only: bool = typer.Option(False, "--open")) -> None:
    lang = STATE.language
    with STATE.read() as ctx:
        data = [{"id": e.id, "partner": e.partner.code, "kind": e.kind, "occurred_on": e.occurred_on,
                 "status": e.status, "description": e.description} for e in events.list_events(ctx, open_only)]
    rows = [(d["id"], d["partner"], label("event", d["kind"], lang), d["occurred_on"], label("status", d["status"], lang),
             d["description"]) for d in data]
    STATE.emit(data, rows_table("events", ["id", "partner", "kind", "on", "status", "description"], rows))


# --- obligations ----------------------------------------------------------------------

def _registry(name: str, lang: str) -> str:
    from mamoru.i18n import registry_label

    text = registry_label(name)
    return text[lang] if isinstance(text, dict) else name


@obligation_app.command("list")
def obligation_list(all_: bool = typer.Option(False, "--all", help="Closed ones too.")) -> None:
    lang = STATE.language
    with STATE.read() as ctx:
        items = obligations.all_obligations(ctx) if all_ else obligations.open_obligations(ctx)
        codes = obligations.source_codes(ctx, items)
        data = [{"id": o.id, "kind": o.kind, "partner": o.partner.code if o.partner else None,
                 "agreement": o.agreement.code if o.agreement else None, "due_on": o.due_on, "status": o.status,
                 "overdue": o.status == "open" and o.due_on < ctx.today, "source": f"{o.source}:{o.source_id}",
                 "_source": f"{_registry(o.source, lang)} {codes.get((o.source, o.source_id)) or '#' + str(o.source_id)}",
                 "detail": o.detail, "evidence": o.evidence} for o in items]
    rows = [(d["id"], label("obligation", d["kind"], lang), d["partner"], d["agreement"],
             ("[red]" if d["overdue"] else "") + str(d["due_on"]) + ("[/]" if d["overdue"] else ""),
             label("status", d["status"], lang), d.pop("_source")) for d in data]
    STATE.emit(data, rows_table("obligations", ["id", "kind", "partner", "agreement", "due", "status", "source"], rows))


@obligation_app.command("close")
def obligation_close(obligation_id: int, evidence: str = typer.Option(..., help="What shows it was done.")) -> None:
    with STATE.act() as ctx:
        obligations.close(ctx, obligation_id, evidence)
    STATE.emit({"id": obligation_id, "status": "closed"}, text=STATE.t("cli.updated", kind="obligation", code=obligation_id))


@obligation_app.command("sweep")
def obligation_sweep() -> None:
    """Create what time has made due: overdue samples, agreements past their end (run daily)."""
    with STATE.act() as ctx:
        made = obligations.run_now(ctx)
        data = [{"id": o.id, "kind": o.kind, "due_on": o.due_on} for o in made]
    STATE.emit(data, text=STATE.t("cli.obligations_created", count=len(made)))


# --- external requests ----------------------------------------------------------------

@request_app.command("record")
def request_record(requester: str = typer.Option(...), subject: str = typer.Option(...),
                   partner: Optional[str] = None, items: str = "", government_backed: bool = False,
                   received_on: Optional[str] = None) -> None:
    with STATE.act() as ctx:
        req = requests.record_request(ctx, requester, subject, partner, items, government_backed, received_on)
    STATE.emit({"id": req.id}, text=STATE.t("cli.created", kind="request", code=req.id))


@request_app.command("review")
def request_review(request_id: int, reasonable: bool = typer.Option(..., "--reasonable/--unreasonable"),
                   notes: str = typer.Option(...)) -> None:
    with STATE.act() as ctx:
        requests.review(ctx, request_id, reasonable, notes)
    STATE.emit({"id": request_id, "reasonable": reasonable}, text=STATE.t("cli.updated", kind="request", code=request_id))


@request_app.command("escalate")
def request_escalate(request_id: int, to: str = typer.Option("経済産業省 / METI")) -> None:
    with STATE.act() as ctx:
        requests.escalate(ctx, request_id, to)
    STATE.emit({"id": request_id, "escalated_to": to}, text=STATE.t("cli.updated", kind="request", code=request_id))


@request_app.command("close")
def request_close(request_id: int, answered: bool = typer.Option(..., "--answered/--refused"),
                  note: str = typer.Option(...)) -> None:
    with STATE.act() as ctx:
        requests.close(ctx, request_id, answered, note)
    STATE.emit({"id": request_id}, text=STATE.t("cli.updated", kind="request", code=request_id))


@request_app.command("list")
def request_list() -> None:
    lang = STATE.language
    with STATE.read() as ctx:
        data = [{"id": r.id, "requester": r.requester, "partner": r.partner.code if r.partner else None,
                 "subject": r.subject, "government_backed": r.government_backed, "status": r.status,
                 "reasonable": r.reasonable, "escalated_to": r.escalated_to} for r in requests.list_requests(ctx)]
    rows = [(d["id"], d["requester"], d["partner"], d["subject"], "✓" if d["government_backed"] else "",
             label("status", d["status"], lang), d["escalated_to"]) for d in data]
    STATE.emit(data, rows_table("external requests", ["id", "requester", "partner", "subject", "gov.", "status",
                                                       "escalated to"], rows))

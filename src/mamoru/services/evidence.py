"""The evidence package (証拠パッケージ) for a lawyer or investigator: one zip and a PDF summary.

The guidance's case 1 ends with "there was no firm proof that it was B": the package is what the
ledger can say instead. Only admins, technology managers and auditors may produce it (action
``audit``); producing it is audited, with the manifest's SHA-256, so the company's own record later
proves what was handed over. Contents: see ``docs/incidents.md`` and the README inside the zip.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select

from mamoru.audit import chain
from mamoru.evidence import excerpt, pdf, readme, tables
from mamoru.guard.models import GuardRedaction
from mamoru.i18n import label, local_time, t
from mamoru.services import incidents, ledger
from mamoru.services.uow import Context
from mamoru.store.models import AuditEntry, AuditHead, Disclosure, DisclosureElement, Incident, PartnerEvent


@dataclass(frozen=True)
class Package:
    zip_path: Path
    pdf_path: Path
    manifest_sha256: str
    files: tuple[str, ...]


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=chain._default) + "\n").encode("utf-8")


def related_disclosures(ctx: Context, incident: Incident) -> list[Disclosure]:
    """Linked disclosures, every disclosure to a suspected partner, and every disclosure of a linked element."""
    partner_ids = [p.id for p in incident.partners]
    element_ids = [e.id for e in incident.elements]
    linked = [d.id for d in incident.disclosures]
    conditions = [Disclosure.id.in_(linked or [-1]), Disclosure.partner_id.in_(partner_ids or [-1])]
    if element_ids:
        conditions.append(Disclosure.id.in_(select(DisclosureElement.disclosure_id)
                                            .where(DisclosureElement.element_id.in_(element_ids))))
    query = select(Disclosure).where(or_(*conditions)).order_by(Disclosure.id)
    return list(ctx.session.execute(query).scalars())


def copies_sent(ctx: Context, incident: Incident, records: list[Disclosure]) -> list[GuardRedaction]:
    partner_ids = [p.id for p in incident.partners] or [-1]
    ids = [d.id for d in records] or [-1]
    query = (select(GuardRedaction).where(or_(GuardRedaction.partner_id.in_(partner_ids),
                                              GuardRedaction.disclosure_id.in_(ids)))
             .order_by(GuardRedaction.id))
    return list(ctx.session.execute(query).scalars())


def _disclosure_row(d: Disclosure) -> dict[str, Any]:
    return {"number": d.number, "partner": d.partner.code, "partner_name": d.partner.name, "status": d.status,
            "channel": d.channel, "form": d.form, "purpose": d.purpose, "disclosed_on": d.disclosed_on,
            "agreement": d.agreement.code if d.agreement else None,
            "elements": [{"code": i.element.code, "rank_when_disclosed": i.rank} for i in
                         sorted(d.items, key=lambda i: i.element.code)],
            "document_sha256": d.document_sha256, "requested_by": d.requested_by, "decided_by": d.decided_by,
            "decided_at": d.decided_at, "conditions": [r.get("code") for r in d.conditions],
            "created_at": d.created_at}


def _copy_rows(ctx: Context, copies: list[GuardRedaction], records: list[Disclosure]) -> list[dict[str, Any]]:
    made_at = sealed_times(ctx, "guard_redaction", [g.control_number for g in copies])
    rows = [{"kind": "guard_copy", "control_number": g.control_number, "partner": g.partner.code,
             "partner_name": g.partner.name, "disclosure": g.disclosure.number if g.disclosure else "",
             "when": made_at.get(g.control_number, g.created_at), "source_name": g.source_name, "source_sha256": g.source_sha256,
             "sha256": g.output_sha256, "format": g.file_format, "by": g.actor} for g in copies]
    rows += [{"kind": "disclosure_document", "control_number": "", "partner": d.partner.code,
              "partner_name": d.partner.name, "disclosure": d.number, "when": d.disclosed_on, "source_name": "",
              "source_sha256": "", "sha256": d.document_sha256, "format": "", "by": d.requested_by}
             for d in records if d.document_sha256]
    return rows


def _audit_excerpt(ctx: Context, incident: Incident, records: list[Disclosure], copies: list[GuardRedaction],
                   obligation_ids: list[int], event_ids: list[int]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    touched = {
        "incident": [incident.number], "disclosure": [d.number for d in records],
        "guard_redaction": [g.control_number for g in copies], "obligation": [str(i) for i in obligation_ids],
        "event": [str(i) for i in event_ids], "partner": [p.code for p in incident.partners],
        "element": [e.code for e in incident.elements], "technology": [tc.code for tc in incident.technologies],
    }
    where = or_(*[and_(AuditEntry.entity_type == kind, AuditEntry.entity_id.in_(ids))
                  for kind, ids in touched.items() if ids])
    head = ctx.session.get(AuditHead, 1)
    first = ctx.session.execute(select(AuditEntry.seq).where(where).order_by(AuditEntry.seq).limit(1)).scalar()
    if head is None or first is None:
        return [], {"seq": 0, "hash": chain.GENESIS}
    relevant = set(ctx.session.execute(select(AuditEntry.seq).where(where, AuditEntry.seq >= first)).scalars())
    lines = []
    for seq, prev_hash, hash_, key_id in ctx.session.execute(
            select(AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.hash, AuditEntry.key_id)
            .where(AuditEntry.seq >= first, AuditEntry.seq <= head.seq).order_by(AuditEntry.seq)):
        if seq in relevant:
            lines.append(excerpt.full_line(ctx.session.get(AuditEntry, seq)))
        else:
            lines.append(excerpt.withheld_line(seq, prev_hash, hash_, key_id))
    return lines, {"seq": head.seq, "hash": head.hash}


def sealed_times(ctx: Context, entity_type: str, ids: list[str]) -> dict[str, datetime]:
    """When each record was first written, as its audit entry says (sealed, and the use case's own clock)."""
    if not ids:
        return {}
    rows = ctx.session.execute(select(AuditEntry.entity_id, AuditEntry.at).where(
        AuditEntry.entity_type == entity_type, AuditEntry.entity_id.in_(ids)).order_by(AuditEntry.seq))
    out: dict[str, datetime] = {}
    for entity_id, at in rows:
        out.setdefault(entity_id, at)
    return out


def _timeline(ctx: Context, incident: Incident, records: list[Disclosure], copies: list[GuardRedaction],
              events: list[PartnerEvent], obligations: list[Any], lang: str) -> list[dict[str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    copy_at = sealed_times(ctx, "guard_redaction", [g.control_number for g in copies])
    event_at = sealed_times(ctx, "event", [str(e.id) for e in events])
    opened_at = sealed_times(ctx, "incident", [incident.number]).get(incident.number, incident.created_at)

    def add(when: Any, kind: str, text: str, ref: str) -> None:
        shown = local_time(when) if isinstance(when, datetime) else str(when)
        rows.append((shown, kind, text, ref))

    if incident.leak_from:
        add(incident.leak_from, "leak_from", t("evidence.tl.leak_from", lang), incident.number)
    for d in records:
        elements = ", ".join(i.element.code for i in sorted(d.items, key=lambda i: i.element.code))
        add(d.disclosed_on or d.created_at, "disclosure",
            t("evidence.tl.disclosure", lang, partner=d.partner.code, elements=elements,
              status=label("status", d.status, lang)), d.number)
    for g in copies:
        add(copy_at.get(g.control_number, g.created_at), "copy", t("evidence.tl.copy", lang, partner=g.partner.code, name=g.source_name),
            g.control_number)
    add(incident.discovered_on, "discovered", t("evidence.tl.discovered", lang, what=incident.title), incident.number)
    add(opened_at, "opened", t("evidence.tl.opened", lang, who=incident.opened_by), incident.number)
    for e in events:
        add(event_at.get(str(e.id), e.created_at), "event", t("evidence.tl.event", lang, partner=e.partner.code,
                                     kind=label("event", e.kind, lang)), f"#{e.id}")
    if incident.confirmed_on:
        add(incident.confirmed_on, "confirmed", t("evidence.tl.confirmed", lang), incident.number)
    for tr in incident.traces:
        add(tr.attached_at, "trace", t("evidence.tl.trace", lang, name=tr.source_name, by=tr.attached_by), f"#{tr.id}")
    for o in obligations:
        if o.closed_at:
            add(o.closed_at, "obligation_closed", t("evidence.tl.obligation_closed", lang,
                                                    kind=label("obligation", o.kind, lang)), f"#{o.id}")
    if incident.closed_on:
        add(incident.closed_on, "closed", t("evidence.tl.closed", lang), incident.number)
    rows.sort(key=lambda r: r[0])
    return [{"when": w, "kind": k, "kind_text": t(f"evidence.tl_kind.{k}", lang), "text": x, "ref": r}
            for w, k, x, r in rows]


def _item_value(key: str, value: Any, lang: str) -> str:
    """A trace evidence value as a person reads it: kinds labelled, moments in local time."""
    if key == "kind":
        return label("trace_evidence", value, lang)
    if key in ("when", "at") and isinstance(value, str) and "T" in value:
        try:
            return local_time(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _item_key(key: str, lang: str) -> str:
    text = t("evidence.key." + key, lang)
    return key if text == "evidence.key." + key else text


def _candidates(result: dict[str, Any], lang: str = "ja") -> list[dict[str, Any]]:
    """A trace's ranked candidates as lines a person reads (whatever exact shape the trace module gives)."""
    out = []
    raw = result.get("candidates") or result.get("ranked") or []
    for cand in raw if isinstance(raw, list) else []:
        if not isinstance(cand, dict):
            continue
        partner = cand.get("partner")
        partner = partner.get("code", "") if isinstance(partner, dict) else str(partner or "")
        items = []
        for item in cand.get("evidence") or cand.get("items") or []:
            if isinstance(item, dict):
                items.append("、".join(f"{_item_key(k, lang)}: {_item_value(k, v, lang)}"
                                      for k, v in item.items() if not isinstance(v, (dict, list))))
            else:
                items.append(str(item))
        out.append({"partner": partner, "score": cand.get("score", ""), "lines": items})
    return out


def build(ctx: Context, number: str, folder: Path, lang: str = "ja") -> Package:
    """Write ``<number>-evidence.zip`` and ``<number>-summary.pdf`` into ``folder``; audited."""
    ctx.require("audit")
    incidents.get(ctx, number)  # refuses what the viewer may not see, before any work
    verdict = chain.verify(ctx.session)  # the whole chain as it stands; it expunges rows as it walks
    incident = incidents.get(ctx, number)
    records = related_disclosures(ctx, incident)
    copies = copies_sent(ctx, incident, records)
    obligations = incidents.obligations_of(ctx, incident)
    events = list(ctx.session.execute(select(PartnerEvent).where(PartnerEvent.source == incident.number)
                                      .order_by(PartnerEvent.id)).scalars())
    lines, head = _audit_excerpt(ctx, incident, records, copies, [o.id for o in obligations], [e.id for e in events])
    timeline = _timeline(ctx, incident, records, copies, events, obligations, lang)
    generated = ctx.now

    files: dict[str, bytes] = {}
    info = incidents.describe(incident)
    info["elements"] = [ctx.viewer.element_view(e) for e in incident.elements]
    info["obligations"] = [{"id": o.id, "kind": o.kind, "partner": o.partner.code if o.partner else None,
                            "due_on": o.due_on, "status": o.status, "evidence": o.evidence, "closed_at": o.closed_at,
                            "detail": o.detail} for o in obligations]
    info["partner_events"] = [{"id": e.id, "partner": e.partner.code, "kind": e.kind, "occurred_on": e.occurred_on,
                               "status": e.status} for e in events]
    info["generated_at"], info["generated_by"] = generated, ctx.actor
    files["incident.json"] = _json(info)
    drows = [_disclosure_row(d) for d in records]
    files["disclosures/disclosures.json"] = _json(drows)
    files["disclosures/disclosures.csv"] = tables.csv_text(
        ("number", "partner", "partner_name", "status", "channel", "form", "disclosed_on", "agreement", "elements",
         "document_sha256", "requested_by", "decided_by", "purpose"),
        [(r["number"], r["partner"], r["partner_name"], r["status"], r["channel"], r["form"], r["disclosed_on"],
          r["agreement"], " ".join(e["code"] for e in r["elements"]), r["document_sha256"], r["requested_by"],
          r["decided_by"], r["purpose"]) for r in drows]).encode("utf-8")
    for d in records:
        if d.status in ledger.PRINTABLE:
            note = ledger.transmittal(ctx, d.number)
            files[f"transmittals/{d.number}.json"] = _json(note.__dict__)
            files[f"transmittals/{d.number}.pdf"] = pdf.render("transmittal.html", lang, note=note)
    crows = _copy_rows(ctx, copies, records)
    files["copies.csv"] = tables.csv_text(
        ("kind", "control_number", "partner", "partner_name", "disclosure", "when_utc", "source_name",
         "source_sha256", "sha256", "format", "by"),
        [(r["kind"], r["control_number"], r["partner"], r["partner_name"], r["disclosure"],
          r["when"].astimezone(timezone.utc).isoformat() if isinstance(r["when"], datetime) else r["when"],
          r["source_name"], r["source_sha256"], r["sha256"], r["format"], r["by"]) for r in crows]).encode("utf-8")
    files["trace.json"] = _json([{"id": tr.id, "source_name": tr.source_name, "verdict": tr.verdict, "sha256": tr.sha256,
                                  "attached_by": tr.attached_by, "attached_at": tr.attached_at, "result": tr.result}
                                 for tr in incident.traces])
    files["audit/excerpt.jsonl"] = excerpt.jsonl(lines).encode("utf-8")
    files["audit/head.json"] = _json(head)
    files["audit/verification.json"] = _json({**verdict.as_dict(), "verified_at": generated})
    files["audit/verify_excerpt.py"] = excerpt.VERIFIER.read_bytes()
    files["timeline.csv"] = tables.csv_text(("when", "kind", "what", "ref"),
                                            [(r["when"], r["kind"], r["text"], r["ref"]) for r in timeline]).encode("utf-8")
    files["README.md"] = readme.text(incident.number).encode("utf-8")
    full = sum(1 for line in lines if not line.get("withheld"))
    summary = pdf.render(
        "summary.html", lang, incident=incident, generated=local_time(generated), actor=ctx.actor or "-",
        partners=incident.partners, elements=info["elements"], disclosures=[
            {**r, "elements": ", ".join(e["code"] for e in r["elements"])} for r in drows],
        copies=[{**r, "when": local_time(r["when"]) if isinstance(r["when"], datetime) else r["when"]} for r in crows],
        traces=[{"source_name": tr.source_name, "attached_at": tr.attached_at, "attached_by": tr.attached_by,
                 "sha256": tr.sha256, "verdict_text": label("trace_verdict", tr.verdict, lang) if tr.verdict else "-",
                 "candidates": _candidates(tr.result, lang)} for tr in incident.traces],
        timeline=timeline, obligations=info["obligations"],
        audit={"first": lines[0]["seq"] if lines else 0, "last": lines[-1]["seq"] if lines else 0, "full": full,
               "head_seq": head["seq"], "head_hash": head["hash"], "chain_ok": verdict.ok, "entries": verdict.entries,
               "problems": ", ".join(f"#{p.seq} {p.kind}" for p in verdict.problems), "anchored": verdict.anchored})
    files["summary.pdf"] = summary
    manifest = tables.manifest(files)
    files["MANIFEST.sha256"] = manifest.encode("utf-8")
    manifest_sha = tables.sha256(files["MANIFEST.sha256"])

    folder.mkdir(parents=True, exist_ok=True)
    zip_path, pdf_path = folder / f"{incident.number}-evidence.zip", folder / f"{incident.number}-summary.pdf"
    if zip_path.exists():
        zip_path.unlink()
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(f"{incident.number}/{name}", files[name])
    pdf_path.write_bytes(summary)
    ctx.audit("incident.package", "incident", incident.number, None,
              {"manifest_sha256": manifest_sha, "files": len(files), "excerpt": [lines[0]["seq"], lines[-1]["seq"]]
               if lines else [], "head_seq": head["seq"], "chain_ok": verdict.ok})
    return Package(zip_path=zip_path, pdf_path=pdf_path, manifest_sha256=manifest_sha, files=tuple(sorted(files)))


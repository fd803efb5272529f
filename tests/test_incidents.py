"""Incidents: a leak suspected or confirmed gets its obligations, its status moves only forward, and the
evidence package carries what a lawyer needs, with an audit excerpt anyone can re-check. Both backends."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from mamoru.audit import keys
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import (agreements, disclosures, evidence, guard, incidents, partners, technologies,
                             users)
from mamoru.services.authz import Forbidden, Viewer
from mamoru.services.uow import read_only, unit_of_work
from mamoru.store.models import AuditEntry, Incident, Partner, Technology

LOW = dict(business_overlap="low", financial_condition="low", leadership_attitude="low", board_foreign_duty="low",
           reputation="low")
FULL = ["confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
        "subcontracting:approval", "change_of_control:approval", "termination_triggers:capital_change+list_hit"]


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T01:00:00+00:00").astimezone(timezone.utc)


@pytest.fixture
def ledger(act, tmp_path):
    """T-SIN (E2 rank 2 with a proper noun, E3 rank 3) and T-CAT; a supplier that received E2 in a code-named
    memo (a guard copy with a control number), a customer that received E2 too, and a competitor."""
    with act("admin", at("2026-04-01")) as ctx:
        users.add_user(ctx, "tanaka", "tech_manager")
        technologies.add_technology(ctx, "T-SIN", name="焼結", domain="technological_superiority")
        technologies.add_technology(ctx, "T-CAT", name="触媒", domain="disruptive_innovation")
        technologies.add_element(ctx, "T-SIN", "E2", title="原料粉末の仕様", rank=2, proper_nouns=True)
        technologies.add_element(ctx, "T-SIN", "E3", title="焼結助剤の配合", rank=3)
        technologies.add_element(ctx, "T-CAT", "C1", title="触媒評価データ", rank=2)
        partners.add_partner(ctx, "P-SUP", name="東邦原料工業株式会社", kind="supplier", country="JP")
        partners.add_partner(ctx, "P-CUST", name="中部オートパーツ株式会社", kind="customer", country="JP")
        for code in ("P-SUP", "P-CUST"):
            partners.assess(ctx, code, LOW)
            agreements.add_agreement(ctx, f"A-{code}", code, "nda", "2026-01-01", "2027-12-31",
                                     technologies=["T-SIN"], clauses=FULL)
        guard.add_term(ctx, "T-SIN", "AKP-50", "E2", category="material")
    memo = tmp_path / "memo.txt"
    memo.write_text("次ロットより AKP-50 を採用予定です。\n", encoding="utf-8")
    with act("sato", at("2026-04-03")) as ctx:
        sent = disclosures.disclose(ctx, "P-CUST", ["E2"], "仕様の説明", "document", "code_named",
                                    accept_conditions=True)
        copy = guard.redact(ctx, memo, "P-SUP", tmp_path / "memo.safe.txt", "原料仕様の連絡", accept_conditions=True)
        facts = {"customer_disclosure": sent.number, "control": copy.control_number,
                 "copy_sha256": copy.output_sha256, "supplier_disclosure": copy.disclosure.number}
    return facts


def open_case(act, **extra):
    fields = dict(title="競合の製品資料に当社の原料仕様", discovered_on="2026-08-03", found="競合 X 社の展示会資料",
                  found_where="展示会（東京）", leak_from="2026-04-03", partners=["P-SUP"], elements=["E2"],
                  customers=["P-CUST"])
    fields.update(extra)
    with act("tanaka", at("2026-08-04")) as ctx:
        incident, made = incidents.open_incident(ctx, **fields)
        return incident.number, sorted((o.kind, o.partner.code if o.partner else None, str(o.due_on)) for o in made)


def trace_like(ledger_facts) -> dict:
    """STANDS IN for services/trace.py's TraceResult.as_dict() until the lead wires the real trace in:
    built by hand from the ledger facts above (verdict, ranked candidates, evidence with control numbers)."""
    return {"verdict": "likely", "document": "competitor-brochure.pdf",
            "candidates": [
                {"partner": "P-SUP", "score": 0.92, "evidence": [
                    {"kind": "code_name", "code_name": "M-001", "control_number": ledger_facts["control"],
                     "disclosure": ledger_facts["supplier_disclosure"], "when": "2026-04-03T01:00:00+00:00"}]},
                {"partner": "P-CUST", "score": 0.18, "evidence": [
                    {"kind": "element", "element": "E2", "disclosure": ledger_facts["customer_disclosure"],
                     "when": "2026-04-03"}]}]}


def count(engine, model) -> int:
    with read_only(engine) as ctx:
        return ctx.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_opening_a_suspected_leak_creates_its_obligations_and_holds_the_partner(ledger, act, engine):
    number, made = open_case(act)
    assert number == "INC-2026-0001"
    assert made == [("consult_lawyer", None, "2026-08-11"), ("notify_customer", "P-CUST", "2026-08-18"),
                    ("preserve_evidence", None, "2026-08-04"), ("review_partner", "P-SUP", "2026-08-18")]
    # rank 2 and only suspected: no report to the police / METI yet
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Partner.status).where(Partner.code == "P-SUP")).scalar_one() == "on_hold"
        disclosed = disclosures.evaluate(ctx, "P-SUP", ["E2"], "document", "code_named")
    assert disclosed.outcome == "deny" and "gate.partner_on_hold" in {r.code for r in disclosed.reasons}


def test_confirming_calls_for_a_report_to_the_authorities(ledger, act):
    number, _ = open_case(act)
    with act("tanaka", at("2026-08-20")) as ctx:
        incident, made = incidents.change_status(ctx, number, "confirmed", "2026-08-20", "競合の資料で確認")
        assert incident.status == "confirmed" and str(incident.confirmed_on) == "2026-08-20"
        assert [(o.kind, str(o.due_on), o.detail["why"]) for o in made] == [
            ("report_authority", "2026-08-27", "incident.why.confirmed")]


def test_a_rank_3_element_is_reported_at_once_even_when_only_suspected(ledger, act):
    _, made = open_case(act, elements=["E3"], partners=[], customers=[])
    assert [k for k, _, _ in made] == ["consult_lawyer", "preserve_evidence", "report_authority"]


def test_status_moves_only_forward_and_closing_needs_a_resolution(ledger, act, engine):
    number, _ = open_case(act)
    with pytest.raises(InvalidInput), act("tanaka", at("2026-08-21")) as ctx:
        incidents.change_status(ctx, number, "closed", "2026-08-21", "")
    with act("tanaka", at("2026-08-21")) as ctx:
        incidents.change_status(ctx, number, "closed", "2026-08-21", "証拠不十分のため終結、取引は縮小")
    for to in ("confirmed", "suspected", "closed"):
        with pytest.raises(Conflict), act("tanaka", at("2026-08-22")) as ctx:
            incidents.change_status(ctx, number, to, "2026-08-22", "再開")
    with pytest.raises(Conflict), act("tanaka", at("2026-08-22")) as ctx:
        incidents.link(ctx, number, elements=["E3"])
    with read_only(engine) as ctx:
        actions = list(ctx.session.execute(select(AuditEntry.action).where(
            AuditEntry.entity_type == "incident", AuditEntry.entity_id == number).order_by(AuditEntry.seq)).scalars())
    assert actions == ["incident.open", "incident.close"]


@pytest.mark.parametrize("bad, code", [
    (dict(leak_from="2026-08-10", discovered_on="2026-08-03"), "incident.dates_out_of_order"),
    (dict(discovered_on="2026-09-30"), "input.date_in_future"),
    (dict(discovered_on="8月3日"), "input.invalid_date"),
    (dict(title="  "), "input.required"),
    (dict(status="closed"), "input.invalid_choice"),
])
def test_bad_input_is_refused_and_nothing_is_saved(ledger, act, engine, bad, code):
    entries = count(engine, AuditEntry)
    with pytest.raises(InvalidInput) as err:
        open_case(act, **bad)
    assert err.value.code == code and err.value.message("ja") != code
    assert count(engine, Incident) == 0 and count(engine, AuditEntry) == entries


def test_an_unknown_partner_or_element_is_named_and_nothing_is_saved(ledger, act, engine):
    entries = count(engine, AuditEntry)
    with pytest.raises(NotFound) as err:
        open_case(act, partners=["P-SUP", "P-NOBODY"])
    assert err.value.code == "notfound.partner" and "P-NOBODY" in err.value.message("en")
    with pytest.raises(NotFound):
        open_case(act, elements=["E-NONE"])
    assert count(engine, Incident) == 0 and count(engine, AuditEntry) == entries
    with read_only(engine) as ctx:
        assert ctx.session.execute(select(Partner.status).where(Partner.code == "P-SUP")).scalar_one() == "active"


def staff_of(engine, *tech_codes) -> Viewer:
    with read_only(engine) as ctx:
        ids = frozenset(ctx.session.execute(select(Technology.id).where(Technology.code.in_(tech_codes))).scalars())
    return Viewer("sato", "staff", ids)


def test_staff_see_only_incidents_about_their_technologies_and_cannot_build_the_package(ledger, act, engine,
                                                                                          policy, tmp_path):
    number, _ = open_case(act)
    outsider, insider = staff_of(engine, "T-CAT"), staff_of(engine, "T-SIN")
    with read_only(engine, policy=policy, viewer=outsider) as ctx:
        with pytest.raises(NotFound):
            incidents.get(ctx, number)
        assert incidents.list_incidents(ctx) == []
    with read_only(engine, policy=policy, viewer=insider) as ctx:
        assert [i.number for i in incidents.list_incidents(ctx)] == [number]
    with unit_of_work(engine, "sato", policy=policy, now=at("2026-08-05"), viewer=insider) as ctx:
        with pytest.raises(Forbidden):
            evidence.build(ctx, number, tmp_path / "pkg")
        with pytest.raises(Forbidden):
            incidents.change_status(ctx, number, "confirmed")
        with pytest.raises(Forbidden):
            incidents.attach_trace(ctx, number, {"verdict": "likely"}, "x.json")
    # staff may open one on what they see, not on another technology's elements
    with unit_of_work(engine, "sato", policy=policy, now=at("2026-08-05"), viewer=outsider) as ctx:
        with pytest.raises(NotFound):
            incidents.open_incident(ctx, "資料の流出", "2026-08-05", elements=["E2"])
    auditor = Viewer("yamada", "auditor", None)
    with unit_of_work(engine, "yamada", policy=policy, now=at("2026-08-05"), viewer=auditor) as ctx:
        assert evidence.build(ctx, number, tmp_path / "pkg").zip_path.exists()


def test_a_trace_result_must_be_a_json_object(ledger, act):
    number, _ = open_case(act)
    for bad in ([1, 2], {}, "likely"):
        with pytest.raises(InvalidInput), act("tanaka", at("2026-08-05")) as ctx:
            incidents.attach_trace(ctx, number, bad, "trace.json")
    with pytest.raises(InvalidInput) as err:
        incidents.parse_trace(b"{not json")
    assert err.value.code == "incident.trace_not_json"


def run_verifier(folder, *args):
    return subprocess.run([sys.executable, str(folder / "audit" / "verify_excerpt.py"), *args],
                          capture_output=True, text=True, timeout=60, cwd=folder, env={"PATH": "/usr/bin:/bin"})


def test_the_evidence_package_holds_what_a_lawyer_needs_and_its_excerpt_verifies(ledger, act, engine, tmp_path):
    number, _ = open_case(act)
    result = trace_like(ledger)
    with act("tanaka", at("2026-08-10")) as ctx:
        trace = incidents.attach_trace(ctx, number, result, "trace-2026-08-10.json")
        assert trace.verdict == "likely" and len(trace.sha256) == 64
    with act("tanaka", at("2026-08-12")) as ctx:
        package = evidence.build(ctx, number, tmp_path / "out")
    with zipfile.ZipFile(package.zip_path) as archive:
        archive.extractall(tmp_path / "unzipped")
        names = sorted(n.split("/", 1)[1] for n in archive.namelist())
    folder = tmp_path / "unzipped" / number
    for wanted in ("incident.json", "disclosures/disclosures.json", "disclosures/disclosures.csv", "copies.csv",
                   "trace.json", "timeline.csv", "README.md", "summary.pdf", "MANIFEST.sha256",
                   "audit/excerpt.jsonl", "audit/head.json", "audit/verification.json", "audit/verify_excerpt.py",
                   f"transmittals/{ledger['customer_disclosure']}.pdf",
                   f"transmittals/{ledger['supplier_disclosure']}.json"):
        assert wanted in names, wanted
    # every file is in the manifest with its SHA-256
    import hashlib

    listed = dict(reversed(line.split("  ", 1)) for line in (folder / "MANIFEST.sha256").read_text().splitlines())
    assert sorted(listed) == sorted(n for n in names if n != "MANIFEST.sha256")
    assert all(hashlib.sha256((folder / n).read_bytes()).hexdigest() == h for n, h in listed.items())
    assert hashlib.sha256((folder / "MANIFEST.sha256").read_bytes()).hexdigest() == package.manifest_sha256

    info = json.loads((folder / "incident.json").read_text("utf-8"))
    assert info["partners"] == ["P-SUP"] and [e["code"] for e in info["elements"]] == ["E2"]
    assert {o["kind"] for o in info["obligations"]} >= {"preserve_evidence", "consult_lawyer", "review_partner"}
    rows = list(csv.DictReader(io.StringIO((folder / "disclosures" / "disclosures.csv").read_text("utf-8-sig"))))
    assert {r["number"] for r in rows} == {ledger["customer_disclosure"], ledger["supplier_disclosure"]}
    copies = list(csv.DictReader(io.StringIO((folder / "copies.csv").read_text("utf-8-sig"))))
    assert [(c["control_number"], c["partner"], c["sha256"]) for c in copies if c["kind"] == "guard_copy"] == [
        (ledger["control"], "P-SUP", ledger["copy_sha256"])]
    traces = json.loads((folder / "trace.json").read_text("utf-8"))
    assert traces[0]["result"] == result and traces[0]["sha256"] == trace.sha256
    timeline = (folder / "timeline.csv").read_text("utf-8-sig")
    assert ledger["control"] in timeline and ledger["customer_disclosure"] in timeline and "発見" in timeline
    transmittal = json.loads((folder / "transmittals" / f"{ledger['customer_disclosure']}.json").read_text("utf-8"))
    assert transmittal["partner_name"] == "中部オートパーツ株式会社"

    # the PDF is a real PDF and reads in Japanese, with the trace's evidence
    from pypdf import PdfReader

    pdf = (folder / "summary.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and package.pdf_path.read_bytes() == pdf
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "証拠パッケージ概要" in text and "流出元の推定" in text and ledger["control"] in text and "P-SUP" in text

    # the audit excerpt: about this incident, ending at the head; producing the package was audited
    lines = [json.loads(x) for x in (folder / "audit" / "excerpt.jsonl").read_text("utf-8").splitlines()]
    full = [x for x in lines if not x.get("withheld")]
    assert {"incident.open", "incident.trace.attach", "guard.redact", "disclosure.record"} <= {x["action"] for x in full}
    assert json.loads((folder / "audit" / "head.json").read_text())["seq"] == lines[-1]["seq"]
    with read_only(engine) as ctx:
        packaged = ctx.session.execute(select(AuditEntry.after).where(AuditEntry.action == "incident.package")).scalar_one()
    assert json.loads(packaged)["manifest_sha256"] == package.manifest_sha256

    intact = run_verifier(folder)
    assert intact.returncode == 0 and intact.stdout.startswith("OK:"), intact.stdout + intact.stderr
    key_file = tmp_path / "audit.key"
    key_file.write_text(keys.current().secret.hex())
    with_key = run_verifier(folder, "--key-file", str(key_file))
    assert with_key.returncode == 0 and f"with key {keys.current().id}" in with_key.stdout

    # someone edits what an entry says: caught, and the entry is named
    victim = next(x for x in full if x["action"] == "incident.trace.attach")
    forged = [dict(x, after=x["after"].replace("likely", "identified")) if x is victim else x for x in lines]
    (folder / "audit" / "excerpt.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in forged))
    caught = run_verifier(folder)
    assert caught.returncode == 1 and f"entry {victim['seq']}: edited" in caught.stdout
    # a forger who also recomputes payload_sha256 passes the keyless check; the seal still catches it
    import hashlib as h

    from mamoru.evidence.verify_excerpt import payload

    for x in forged:
        if x is not victim and x.get("seq") == victim["seq"]:
            x["payload_sha256"] = h.sha256(payload(x)).hexdigest()
    (folder / "audit" / "excerpt.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in forged))
    assert run_verifier(folder).returncode == 0
    sealed = run_verifier(folder, "--key-file", str(key_file))
    assert sealed.returncode == 1 and f"entry {victim['seq']}: edited (content does not match its seal)" in sealed.stdout
    # an entry taken out of the middle breaks the chain there
    gap = [x for x in lines if x["seq"] != lines[1]["seq"]]
    (folder / "audit" / "excerpt.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in gap))
    missing = run_verifier(folder)
    assert missing.returncode == 1 and f"entry {lines[2]['seq']}: missing" in missing.stdout

"""Meetings, a partner's other customers and competitors, the meeting sheet, later stages of a plan."""

from __future__ import annotations

from typing import List, Optional

import typer

from mamoru.cli.lazy import lazy
from mamoru.cli.render import rows_table
from mamoru.cli.state import STATE
from mamoru.i18n import label

meetings, relations, disclosures = lazy("mamoru.services.meetings", "mamoru.services.relations",
                                        "mamoru.services.disclosures")

meeting_app = typer.Typer(help="Meetings and what may be said in them / 打合せ", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(meeting_app, name="meeting")
    app.command("relate")(relate)
    app.command("stage")(stage)


@meeting_app.command("record")
def record(partner: str, held_on: str = typer.Option(..., "--on"), purpose: str = typer.Option(...),
           ours: List[str] = typer.Option(..., "--ours"), theirs: List[str] = typer.Option([], "--theirs"),
           place: str = "", said: str = "", element: List[str] = typer.Option([], "--element", "-e"),
           form: str = "plain", accept_conditions: bool = False, staged_plan: str = "") -> None:
    """Record a meeting; the elements discussed join the ledger as an oral disclosure (through the gate)."""
    with STATE.act() as ctx:
        row = meetings.record_meeting(ctx, partner, held_on, purpose, place=place, our_attendees=list(ours),
                                      their_attendees=list(theirs), said=said, elements=element, form=form,
                                      accept_conditions=accept_conditions, staged_plan=staged_plan)
        data = {"id": row.id, "disclosure": row.disclosure.number if row.disclosure else None}
    STATE.emit(data, text=STATE.t("cli.created", kind=STATE.t("web.nav.meetings"), code=row.id) +
               (f" → {data['disclosure']}" if data["disclosure"] else ""))


@meeting_app.command("list")
def meeting_list(partner: Optional[str] = None) -> None:
    with STATE.read() as ctx:
        data = [{"id": m.id, "partner": m.partner.code, "held_on": m.held_on.isoformat(), "purpose": m.purpose,
                 "ours": "、".join(m.our_attendees), "disclosure": m.disclosure.number if m.disclosure else ""}
                for m in meetings.meetings(ctx, partner)]
    STATE.emit(data, rows_table(STATE.t("web.nav.meetings"), ["#", STATE.t("web.f.partner"), STATE.t("meet.held_on"),
                                                              STATE.t("web.f.purpose"), STATE.t("meet.our_attendees"),
                                                              STATE.t("meet.disclosure")],
                                [tuple(d.values()) for d in data]))


@meeting_app.command("sheet")
def sheet(partner: str, element: List[str] = typer.Option(..., "--element", "-e"), form: str = "plain") -> None:
    """What may and may not be said in a meeting with PARTNER about these elements (1-2, 3-1, 3-2)."""
    lang = STATE.language
    with STATE.read() as ctx:
        s = meetings.briefing(ctx, partner, element, "oral", form)
        may = [(i.element["code"], label("outcome", i.outcome, lang), " ".join(r.messages()[lang] for r in i.reasons))
               for i in s.may_say]
        must = [(i.element["code"], label("outcome", i.outcome, lang),
                 " ".join(r.messages()[lang] for r in i.reasons if r.effect != "allow_with_conditions"))
                for i in s.must_not]
        reminders = [r.messages()[lang] for r in s.reminders]
    data = {"may_say": may, "must_not": must, "reminders": reminders}
    heads = [STATE.t("web.f.code"), STATE.t("web.f.outcome")]
    STATE.emit(data, rows_table(STATE.t("meet.may_say"), heads + [STATE.t("meet.how")], may))
    if not STATE.json:
        STATE.console.print(rows_table(STATE.t("meet.must_not"), heads + [STATE.t("meet.why")], must))
        for text in reminders:
            STATE.console.print("・" + text)


def relate(partner: str, name: str = "", kind: str = typer.Option("customer", help="customer|competitor"),
           related_partner: str = "", our_competitor: bool = False, country: str = "", note: str = "") -> None:
    """Record another customer or a competitor of PARTNER (3-1); --our-competitor marks one that competes with us."""
    with STATE.act() as ctx:
        row = relations.add_relation(ctx, partner, kind, name, related_partner=related_partner,
                                     our_competitor=our_competitor, country=country, note=note)
        data = {"partner": partner, "name": row.name, "kind": row.kind, "our_competitor": row.our_competitor}
    STATE.emit(data, text=STATE.t("cli.updated", kind=STATE.t("web.f.partner"), code=partner))


def stage(number: str, stage_number: int = typer.Argument(...), evidence: str = "") -> None:
    """Disclose a later stage of a staged plan now (the gate is asked again)."""
    with STATE.act() as ctx:
        row = disclosures.disclose_stage(ctx, number, stage_number, evidence)
        data = {"number": number, "stage": row.number, "elements": row.elements}
    STATE.emit(data, text=STATE.t("cli.updated", kind=number, code=STATE.t("web.stage", number=row.number)))

"""``mamoru person``: the people register, pledges, declarations and their review, exits, contacts,
and the oral-disclosure check. Thin over ``services/people.py`` and ``services/pledges.py``."""

from __future__ import annotations

from typing import Optional

import typer

from mamoru.cli.render import decision_table, rows_table
from mamoru.cli.state import STATE
from mamoru.i18n import label

person_app = typer.Typer(help="People who hold protected knowledge / 技術を扱う人の名簿", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(person_app, name="person")


def _lab(kind: str, value) -> str:
    return label(kind, value, STATE.language)


@person_app.command("add")
def add(code: str, name: str = typer.Option(..., "--name"),
        kind: str = typer.Option("employee", "--kind", help="employee, director, agency, seconded, former"),
        joined_on: str = typer.Option(..., "--joined", help="YYYY-MM-DD"),
        department: str = typer.Option("", "--department"),
        technologies: Optional[str] = typer.Option(None, "--technologies", "-t", help="codes separated by ';'"),
        user: Optional[str] = typer.Option(None, "--user", help="the person's mamoru account, if any")) -> None:
    """Register a person who holds protected knowledge."""
    from mamoru.services import people

    with STATE.act() as ctx:
        person = people.add_person(ctx, code, name, kind, joined_on, department, technologies, user)
    STATE.emit({"code": person.code}, text=f"{person.code} {person.name}")


@person_app.command("list")
def list_people(kind: Optional[str] = typer.Option(None, "--kind"),
                status: Optional[str] = typer.Option(None, "--status", help="current, leaving, former"),
                technology: Optional[str] = typer.Option(None, "--technology"),
                q: Optional[str] = typer.Option(None, "--search")) -> None:
    """The register, with filters."""
    from mamoru.services import lists, people

    with STATE.read() as ctx:
        page = lists.people(ctx, {"kind": kind, "status": status, "technology": technology}, q, limit=None)
        rows = [(p.code, p.name, _lab("person_kind", p.kind), p.department, str(p.joined_on),
                 _lab("person_status", people.status_of(p, ctx.today)), " ".join(t.code for t in p.technologies))
                for p in page.items]
    STATE.emit([dict(zip(("code", "name", "kind", "department", "joined_on", "status", "technologies"), r))
                for r in rows],
               rows_table(STATE.t("people.title"), ["code", "name", "kind", "department", "joined", "status",
                                                     "technologies"], rows))


@person_app.command("show")
def show(code: str) -> None:
    """A person: pledges, declarations, contacts, obligations."""
    from mamoru.services import people

    with STATE.read() as ctx:
        view = people.detail(ctx, code)
        p = view.person
        data = {"code": p.code, "name": p.name, "kind": p.kind, "status": view.status, "joined_on": p.joined_on,
                "left_on": p.left_on, "technologies": view.technologies, "specific_categories": view.standing,
                "pledges": view.pledges,
                "declarations": [{"declared_on": d.declared_on, "suggested": d.suggested, "result": d.result,
                                  "answers": d.answers} for d in view.declarations],
                "contacts": [{"kind": e.kind, "occurred_on": e.occurred_on, "counterpart": e.counterpart}
                             for e in view.contacts],
                "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on, "status": o.status}
                                for o in view.obligations]}
        lines = [f"{p.code} {p.name} ({_lab('person_kind', p.kind)}, {_lab('person_status', view.status)})",
                 f"{STATE.t('web.f.category')}: {_lab('category', view.standing)}"]
        lines += [f"  {_lab('pledge_kind', x['kind'])} {x['signed_on']} {x['document']}" for x in view.pledges]
        lines += [f"  #{o.id} {_lab('obligation', o.kind)} {o.due_on} {_lab('status', o.status)}"
                  for o in view.obligations]
    STATE.emit(data, text="\n".join(lines))


@person_app.command("pledge")
def pledge(code: str, kind: str = typer.Option(..., "--kind", help="hiring, project, exit"),
           signed_on: str = typer.Option(..., "--signed"), document: str = typer.Option(..., "--document"),
           technologies: Optional[str] = typer.Option(None, "--technologies", "-t"),
           meeting: Optional[str] = typer.Option(None, "--meeting", help="exit pledge: the day it was explained")) -> None:
    """Record a signed confidentiality pledge."""
    from mamoru.services import pledges

    with STATE.act() as ctx:
        row = pledges.add_pledge(ctx, code, kind, signed_on, document, technologies, meeting)
    STATE.emit({"id": row.id}, text=f"#{row.id} {_lab('pledge_kind', row.kind)} {row.signed_on}")


@person_app.command("declare")
def declare(code: str, declared_on: Optional[str] = typer.Option(None, "--on"),
            side_jobs: str = typer.Option("", "--side-jobs"), foreign_funding: str = typer.Option("", "--foreign-funding"),
            foreign_contract: Optional[str] = typer.Option(None, "--foreign-contract", help="yes, no, unknown"),
            foreign_direction: Optional[str] = typer.Option(None, "--foreign-direction", help="yes, no, unknown"),
            income_share: Optional[str] = typer.Option(None, "--income-share", help="percent of annual income"),
            significant_benefit: Optional[str] = typer.Option(None, "--significant-benefit", help="yes, no, unknown"),
            foreign_instructions: Optional[str] = typer.Option(None, "--foreign-instructions",
                                                                help="yes, no, unknown")) -> None:
    """File a declaration as the person gave it; the rule suggests whether they fall under the specific categories."""
    from mamoru.services import pledges

    with STATE.act() as ctx:
        row = pledges.declare(ctx, code, declared_on, side_jobs, foreign_funding, foreign_contract, foreign_direction,
                              income_share, significant_benefit, foreign_instructions)
    STATE.emit({"id": row.id, "suggested": row.suggested},
               text=f"#{row.id} {STATE.t('web.f.suggested')}: {_lab('category', row.suggested)}")


@person_app.command("review")
def review(code: str, result: str = typer.Option(..., "--result", help="yes, no, unclear"),
           note: str = typer.Option("", "--note")) -> None:
    """Review the newest unreviewed declaration."""
    from mamoru.services import pledges

    with STATE.act() as ctx:
        row = pledges.review(ctx, code, result, note)
    STATE.emit({"id": row.id, "result": row.result}, text=f"#{row.id} {_lab('category', row.result)}")


@person_app.command("exit")
def record_exit(code: str, last_day: str = typer.Option(..., "--last-day"), note: str = typer.Option("", "--note")) -> None:
    """Record an exit: creates the obligations (cut access, passwords, equipment, logs, exit-pledge meeting)."""
    from mamoru.services import people

    with STATE.act() as ctx:
        person, made = people.record_exit(ctx, code, last_day, note)
        rows = [(f"#{o.id}", _lab("obligation", o.kind), str(o.due_on)) for o in made]
    STATE.emit({"code": person.code, "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on} for o in made]},
               rows_table(STATE.t("people.exit_recorded", code=person.code, last_day=person.left_on, count=len(made)),
                          ["#", "kind", "due"], rows))


@person_app.command("contact")
def contact(code: str, kind: str = typer.Option(..., "--kind", help="conference, trade_show, job_site, headhunter, other"),
            occurred_on: Optional[str] = typer.Option(None, "--on"), counterpart: str = typer.Option("", "--who"),
            description: str = typer.Option("", "--description")) -> None:
    """Report an approach (conference, trade show, job site, headhunter): an event and a review."""
    from mamoru.services import people

    with STATE.act() as ctx:
        event, ob = people.report_contact(ctx, code, kind, occurred_on, counterpart, description)
    STATE.emit({"id": event.id, "obligation": ob.id if ob else None},
               text=f"#{event.id} {_lab('contact_kind', event.kind)} {event.occurred_on}")


@person_app.command("check-oral")
def check_oral(code: str, elements: list[str] = typer.Option(..., "--element", "-e"),
               purpose: str = typer.Option("", "--purpose")) -> None:
    """May these elements be told to this person? The answer is kept (the ledger names partners only)."""
    from mamoru.services import people

    with STATE.act() as ctx:
        decision, row = people.check_oral(ctx, code, elements, purpose)
    STATE.emit({**decision.as_dict(), "check": row.id}, decision_table(decision, STATE.language))
    if decision.outcome == "deny":
        raise typer.Exit(2)

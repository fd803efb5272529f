"""``... edit`` commands to correct records, and ``obligations add`` to raise one by hand.

They hang under the existing groups (agreement, tech, sample, event, request, obligations) and call the
same use cases as the web forms and the API PATCH routes.
"""

from __future__ import annotations

from typing import List, Optional

import typer

from mamoru.cli.ledger import event_app, obligation_app, request_app, sample_app
from mamoru.cli.lazy import lazy
from mamoru.cli.registers import agreement_app, tech_app
from mamoru.cli.state import STATE
from mamoru.domain import vocab

agreements, events, obligations, requests, samples, technologies = lazy(
    "mamoru.services.agreements", "mamoru.services.events", "mamoru.services.obligations", "mamoru.services.requests",
    "mamoru.services.samples", "mamoru.services.technologies")


def register(app: typer.Typer) -> None:
    """The commands are attached to their groups when this module is imported."""


def _given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


@agreement_app.command("edit")
def agreement_edit(code: str, title: Optional[str] = None, kind: Optional[str] = typer.Option(None, help="|".join(vocab.AGREEMENT_KINDS)),
                   valid_from: Optional[str] = None, valid_to: Optional[str] = None,
                   tech: Optional[List[str]] = typer.Option(None, "--tech", help="replaces the technologies covered (repeat)"),
                   element: Optional[List[str]] = typer.Option(None, "--element", help="replaces the elements covered (repeat)"),
                   clause: Optional[List[str]] = typer.Option(None, "--clause",
                                                              help="replaces the clauses: kind, kind:mode or termination_triggers:a+b")) -> None:
    """Correct an active agreement (ending one is `agreement end`)."""
    with STATE.act() as ctx:
        agreements.update_agreement(ctx, code, **_given(title=title, kind=kind, valid_from=valid_from, valid_to=valid_to,
                                                        technologies=tech or None, elements=element or None,
                                                        clauses=clause or None))
    STATE.emit({"code": code}, text=STATE.t("cli.updated", kind="agreement", code=code))


@tech_app.command("element-edit")
def element_edit(code: str, title: Optional[str] = None, rank: Optional[int] = None,
                 kind: Optional[str] = typer.Option(None, help="|".join(vocab.ELEMENT_KINDS)),
                 description: Optional[str] = None, proper_nouns: Optional[bool] = typer.Option(None, "--proper-nouns/--no-proper-nouns")) -> None:
    """Correct a knowledge element."""
    with STATE.act() as ctx:
        technologies.update_element(ctx, code, **_given(title=title, rank=rank, kind=kind, description=description,
                                                        proper_nouns=proper_nouns))
    STATE.emit({"code": code}, text=STATE.t("cli.updated", kind="element", code=code))


@sample_app.command("edit")
def sample_edit(code: str, description: Optional[str] = None, lent_on: Optional[str] = None,
                return_by: Optional[str] = None, returned_on: Optional[str] = None,
                condition: Optional[str] = typer.Option(None, help="|".join(vocab.SAMPLE_CONDITIONS)),
                note: Optional[str] = None) -> None:
    """Correct a sample's record (an earlier lend date is audited as back-dated)."""
    with STATE.act() as ctx:
        samples.update_sample(ctx, code, **_given(description=description, lent_on=lent_on, return_by=return_by,
                                                  returned_on=returned_on, condition=condition, note=note))
    STATE.emit({"code": code}, text=STATE.t("cli.updated", kind="sample", code=code))


@event_app.command("edit")
def event_edit(event_id: int, occurred_on: Optional[str] = None, description: Optional[str] = None,
               source: Optional[str] = None, kind: Optional[str] = typer.Option(None, help="|".join(vocab.EVENT_KINDS))) -> None:
    """Correct an event (its kind only while no obligation was created from it)."""
    with STATE.act() as ctx:
        events.update_event(ctx, event_id, **_given(occurred_on=occurred_on, description=description, source=source,
                                                    kind=kind))
    STATE.emit({"id": event_id}, text=STATE.t("cli.updated", kind="event", code=f"#{event_id}"))


@request_app.command("edit")
def request_edit(request_id: int, requester: Optional[str] = None, subject: Optional[str] = None,
                 partner: Optional[str] = None, requested_items: Optional[str] = None,
                 government_backed: Optional[bool] = typer.Option(None, "--government-backed/--not-government-backed"),
                 received_on: Optional[str] = None) -> None:
    """Correct an external request before it is reviewed."""
    with STATE.act() as ctx:
        requests.update_request(ctx, request_id, **_given(requester=requester, subject=subject, partner=partner,
                                                          requested_items=requested_items,
                                                          government_backed=government_backed, received_on=received_on))
    STATE.emit({"id": request_id}, text=STATE.t("cli.updated", kind="request", code=f"#{request_id}"))


@obligation_app.command("add")
def obligation_add(kind: str = typer.Argument(..., help="|".join(vocab.MANUAL_OBLIGATION_KINDS)),
                   due: str = typer.Option(..., help="due date (YYYY-MM-DD)"), detail: str = "",
                   partner: Optional[str] = None) -> None:
    """Raise an obligation by hand (consult METI, the police or a lawyer, preserve evidence ...)."""
    with STATE.act() as ctx:
        ob = obligations.raise_manual(ctx, kind, due, detail, partner)
        ob_id = ob.id
    STATE.emit({"id": ob_id, "kind": kind}, text=STATE.t("cli.created", kind="obligation", code=f"#{ob_id}"))

"""The people register: who holds protected knowledge, their exit, reported contacts, the oral gate.

Pledges, non-competes and declarations are in ``services/pledges.py``. Who may see a person's
personal data is decided in ``services/authz.py`` (``Viewer.sees_personal``); ``detail`` returns a
person as the viewer may see it, so no door decides that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mamoru.domain import people as rules
from mamoru.domain import vocab
from mamoru.domain.gate import Decision
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.services import common as c
from mamoru.services import obligations
from mamoru.services.uow import Context
from mamoru.store.models import KnowledgeElement, Obligation, Technology
from mamoru.store.models.people import Declaration, NonCompete, OralCheck, Person, PersonEvent, Pledge

SOURCE_EXIT = "person_exit"
SOURCE_CONTACT = "person_event"
EARLIEST = date(1900, 1, 1)


# --- lookups --------------------------------------------------------------------------------

def get(ctx: Context, code: str) -> Person:
    """A person by code (NotFound ``notfound.person``: a pledge or exit for nobody is refused clearly)."""
    code = c.no_nul("person", code or "").strip()
    row = ctx.session.execute(select(Person).where(Person.code == code)
                              .options(selectinload(Person.user))).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.person", code=code)
    return row


def technology_rows(ctx: Context, codes: Iterable[str] | str | None, field_name: str = "technologies") -> list[Technology]:
    wanted = list(dict.fromkeys(c.names(codes, field_name)))
    found = {t.code: t for t in ctx.session.execute(select(Technology).where(Technology.code.in_(wanted))).scalars()}
    for code in wanted:
        if code not in found:
            raise NotFound("notfound.technology", code=code)
    return [found[code] for code in wanted]


def status_of(person: Person, today: date) -> str:
    """current / leaving (exit recorded, last day still ahead) / former."""
    if person.kind == "former" or (person.left_on is not None and person.left_on < today):
        return "former"
    return "leaving" if person.left_on is not None else "current"


def snapshot(person: Person) -> dict[str, Any]:
    return {**c.snapshot(person), "technologies": [t.code for t in person.technologies]}


# --- register --------------------------------------------------------------------------------

def add_person(ctx: Context, code: str, name: str, kind: str, joined_on: Any, department: str = "",
               technologies: Iterable[str] | str | None = None, user: str | None = None,
               left_on: Any = None) -> Person:
    """Register a person; a mamoru account may be linked (then they see their own declarations)."""
    ctx.require("manage_people")
    code = _new_code(ctx, code)
    joined = c.not_after_tomorrow(ctx, c.day(joined_on, "joined_on"), "joined_on")
    if joined < EARLIEST:  # a typo such as 0215 for 2015; also keeps the exit's due days computable
        raise InvalidInput("input.invalid_date", field="joined_on", value=joined)
    left = c.day(left_on, "left_on", required=False)
    _dates_in_order(joined, left)
    person = Person(code=code, name=c.require_text("name", name, 200), kind=c.choice("kind", kind, vocab.PERSON_KINDS),
                    department=c.require_text("department", department, 200, allow_empty=True),
                    joined_on=joined, left_on=left)
    if user:
        account = c.user(ctx, user)
        if ctx.session.execute(select(Person.id).where(Person.user_id == account.id)).first() is not None:
            raise Conflict("people.user_already_linked", user=account.username)
        person.user_id = account.id
    person.technologies = technology_rows(ctx, technologies)
    ctx.session.add(person)
    ctx.session.flush()
    ctx.audit("person.add", "person", person.code, None, snapshot(person))
    return person


def _new_code(ctx: Context, code: str) -> str:
    code = c.safe_code(code)
    if ctx.session.execute(select(Person.id).where(Person.code == code)).first() is not None:
        raise Conflict("conflict.duplicate_code", kind="person", code=code)
    return code


def _dates_in_order(joined: date, left: date | None) -> None:
    for name, message in rules.date_order_problems(joined, left):
        raise InvalidInput(message, field=name, joined_on=joined, left_on=left)


# --- exit ------------------------------------------------------------------------------------

def record_exit(ctx: Context, code: str, last_day: Any, note: str = "") -> tuple[Person, list[Obligation]]:
    """Record that a person leaves on ``last_day``: the obligations of an exit, with dates.

    Cut access on the last day, change the passwords they knew, collect equipment and media,
    keep the logs, and hold the exit-pledge meeting before the last day (policy ``people.exit_obligations``).
    The person stays in the register (shown as leaving, then former)."""
    ctx.require("manage_people")
    person = get(ctx, code)
    last = c.day(last_day, "last_day")
    if person.left_on is not None or person.kind == "former":
        raise Conflict("people.already_left", code=person.code, left_on=person.left_on or "-")
    if last < person.joined_on:
        raise InvalidInput("people.exit_before_joining", field="last_day", last_day=last, joined_on=person.joined_on)
    before = snapshot(person)
    person.left_on = last
    person.exit_note = c.require_text("note", note, 5000, allow_empty=True)
    ctx.session.flush()
    ctx.audit("person.exit", "person", person.code, before, snapshot(person))
    cfg = ctx.policy.section("people")
    made = []
    for kind, offset in cfg["exit_obligations"].items():
        detail = {"person": person.code, "last_day": last.isoformat()}
        if kind == "keep_logs":
            detail["months"] = int(cfg["keep_logs_months"])
        ob = obligations.create(ctx, kind, SOURCE_EXIT, person.id, last + timedelta(days=int(offset)), None,
                                detail=detail)
        if ob:
            made.append(ob)
    return person, made


# --- contacts --------------------------------------------------------------------------------

def report_contact(ctx: Context, code: str, kind: str, occurred_on: Any = None, counterpart: str = "",
                   description: str = "") -> tuple[PersonEvent, Obligation | None]:
    """A person was approached (conference, trade show, job site, headhunter): an event and a review."""
    ctx.require("report_contact")
    person = get(ctx, code)
    event = PersonEvent(person_id=person.id, kind=c.choice("kind", kind, vocab.CONTACT_KINDS),
                        occurred_on=c.not_after_tomorrow(ctx, c.day(occurred_on, "occurred_on", required=False)
                                                         or ctx.today, "occurred_on"),
                        counterpart=c.require_text("counterpart", counterpart, 300, allow_empty=True),
                        description=c.require_text("description", description, 5000, allow_empty=True),
                        recorded_by=ctx.actor)
    if event.occurred_on < person.joined_on:
        raise InvalidInput("people.contact_before_joining", field="occurred_on", occurred_on=event.occurred_on,
                           joined_on=person.joined_on)
    ctx.session.add(event)
    ctx.session.flush()
    ctx.audit("person.contact", "person_event", event.id, None, {**c.snapshot(event), "person": person.code})
    due = event.occurred_on + timedelta(days=int(ctx.policy.section("people")["contact_review_days"]))
    ob = obligations.create(ctx, "review_contact", SOURCE_CONTACT, event.id, max(due, ctx.today), None,
                            detail={"person": person.code, "contact": event.kind})
    return event, ob


# --- what a viewer sees of a person -------------------------------------------------------------

@dataclass
class PersonDetail:
    """A person as the viewer may see it: ``personal`` False means the personal lists are withheld."""

    person: Person
    status: str
    technologies: list[str]
    personal: bool
    standing: str
    pledges: list[dict[str, Any]] = field(default_factory=list)
    non_competes: list[NonCompete] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    contacts: list[PersonEvent] = field(default_factory=list)
    oral_checks: list[OralCheck] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)


def detail(ctx: Context, code: str) -> PersonDetail:
    ctx.require("read")
    person = get(ctx, code)
    viewer = ctx.viewer
    personal = viewer.sees_personal(person)
    techs = [t.code for t in person.technologies if viewer.sees_technology(t.id)]
    pledges = [{"id": p.id, "kind": p.kind, "signed_on": p.signed_on,
                "document": p.document if personal else None,
                "explained_in_meeting_on": p.explained_in_meeting_on,
                "technologies": [t.code for t in p.technologies if viewer.sees_technology(t.id)],
                "covers_all": not p.technologies}
               for p in person.pledges]
    out = PersonDetail(person, status_of(person, ctx.today), techs, personal,
                       standing(ctx, person) if personal else "", pledges)
    if personal:
        out.non_competes = _rows(ctx, NonCompete, person, NonCompete.agreed_on)
        out.declarations = _rows(ctx, Declaration, person, Declaration.declared_on)
        out.contacts = _rows(ctx, PersonEvent, person, PersonEvent.occurred_on)
        out.oral_checks = _rows(ctx, OralCheck, person, OralCheck.checked_at)
    out.obligations = person_obligations(ctx, person)
    return out


def _rows(ctx: Context, model: type, person: Person, order: Any) -> list[Any]:
    return list(ctx.session.execute(select(model).where(model.person_id == person.id)
                                    .order_by(order, model.id)).scalars())


def person_obligations(ctx: Context, person: Person) -> list[Obligation]:
    """The exit's obligations and the reviews of the person's contacts."""
    contacts = select(PersonEvent.id).where(PersonEvent.person_id == person.id)
    query = select(Obligation).where(((Obligation.source == SOURCE_EXIT) & (Obligation.source_id == person.id))
                                     | ((Obligation.source == SOURCE_CONTACT) & Obligation.source_id.in_(contacts)))
    return list(ctx.session.execute(query.order_by(Obligation.due_on, Obligation.id)).scalars())


def standing(ctx: Context, person: Person) -> str:
    """The specific-category result that counts: the newest reviewed declaration's; a newer declaration
    not yet reviewed that suggests yes or unclear makes it unclear; none at all: undeclared."""
    rows = list(ctx.session.execute(select(Declaration).where(Declaration.person_id == person.id)
                                    .order_by(Declaration.declared_on.desc(), Declaration.id.desc())).scalars())
    for row in rows:
        if row.result is not None:
            return row.result
        if row.suggested in ("yes", "unclear"):
            return "unclear"
    return "undeclared" if not rows else "unclear"


# --- the oral gate -------------------------------------------------------------------------------

def _person_view(ctx: Context, person: Person) -> rules.PersonView:
    pledged: set[str] = set()
    pledged_all = False
    for pledge in person.pledges:
        if pledge.kind == "exit":
            continue
        if not pledge.technologies:
            pledged_all = True
        pledged |= {t.code for t in pledge.technologies}
    return rules.PersonView(code=person.code, standing=standing(ctx, person),
                            former=status_of(person, ctx.today) == "former",
                            technologies=frozenset(t.code for t in person.technologies),
                            pledged=frozenset(pledged), pledged_all=pledged_all)


def _spoken(ctx: Context, codes: Iterable[str] | str) -> list[KnowledgeElement]:
    wanted = list(dict.fromkeys(c.names(codes, "elements")))
    if not wanted:
        raise InvalidInput("input.elements_required")
    found = {e.code: e for e in ctx.session.execute(select(KnowledgeElement).where(
        KnowledgeElement.code.in_(wanted)).options(selectinload(KnowledgeElement.technology))).scalars()}
    for code in wanted:
        if code not in found or not ctx.viewer.sees_element(found[code]):
            raise NotFound("notfound.element", code=code)
    return [found[code] for code in wanted]


def evaluate_oral(ctx: Context, person_code: str, element_codes: Iterable[str] | str) -> Decision:
    """May these elements be told to this person? The gate's Decision, reasons in Japanese and English."""
    ctx.require("disclose")
    person = get(ctx, person_code)
    elements = _spoken(ctx, element_codes)
    views = tuple(rules.SpokenElement(e.code, e.rank, e.technology.code, e.technology.export_controlled)
                  for e in elements)
    return rules.decide_oral(_person_view(ctx, person), views, ctx.policy)


def check_oral(ctx: Context, person_code: str, element_codes: Iterable[str] | str,
               purpose: str = "") -> tuple[Decision, OralCheck]:
    """Ask the oral gate and keep the answer (audited): the disclosure ledger names partners only, so
    what was asked about a person, by whom and with which answer is kept here."""
    decision = evaluate_oral(ctx, person_code, element_codes)
    person = get(ctx, person_code)
    row = OralCheck(person_id=person.id, elements=list(dict.fromkeys(c.names(element_codes, "elements"))),
                    purpose=c.require_text("purpose", purpose, 2000, allow_empty=True), outcome=decision.outcome,
                    reasons=[{"code": r.code, "effect": r.effect, "params": r.params} for r in decision.reasons],
                    checked_by=ctx.actor, checked_at=ctx.now)
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("person.oral_check", "oral_check", row.id, None, {**c.snapshot(row), "person": person.code})
    return decision, row


# --- for the self-check -----------------------------------------------------------------------------

def pledge_coverage(ctx: Context) -> tuple[int, int]:
    """(with a pledge, total) over current staff who work on a protected technology (one with an element
    of rank 2 or more): with a pledge means a hiring or project pledge covers each such technology."""
    ctx.require("read")
    protected = set(ctx.session.execute(select(KnowledgeElement.technology_id)
                                        .where(KnowledgeElement.rank >= 2)).scalars())
    people = ctx.session.execute(select(Person).options(selectinload(Person.technologies),
                                                        selectinload(Person.pledges).selectinload(Pledge.technologies))
                                 ).scalars()
    with_pledge = total = 0
    for person in people:
        techs = {t.code for t in person.technologies if t.id in protected}
        if not techs or status_of(person, ctx.today) == "former":
            continue
        total += 1
        view = _person_view(ctx, person)
        if view.pledged_all or techs <= view.pledged:
            with_pledge += 1
    return with_pledge, total

"""People who hold protected knowledge (人を通じた技術流出への対策), wider than mamoru's users.

A person works on technologies; signs confidentiality pledges (at hiring, on joining a project,
at exit); may have agreed a non-compete; declares side jobs, foreign funding and the answers
that decide whether they fall under the deemed-export "specific categories"; may report being
approached (a contact). Oral checks keep the gate's answer for a disclosure to a person, since the
disclosure ledger names partners only. Nothing is deleted: a person who leaves stays, with ``left_on``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow

person_technologies = Table(
    "person_technologies", Base.metadata,
    Column("person_id", ForeignKey("people.id"), primary_key=True),
    Column("technology_id", ForeignKey("technologies.id"), primary_key=True),
)

pledge_technologies = Table(
    "pledge_technologies", Base.metadata,
    Column("pledge_id", ForeignKey("pledges.id"), primary_key=True),
    Column("technology_id", ForeignKey("technologies.id"), primary_key=True),
)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(String(200), default="")
    joined_on: Mapped[date]
    left_on: Mapped[date | None]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    exit_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User")
    technologies = relationship("Technology", secondary=person_technologies, order_by="Technology.code")
    pledges: Mapped[list[Pledge]] = relationship(back_populates="person", order_by="Pledge.signed_on")


class Pledge(Base):
    """A signed confidentiality pledge (秘密保持誓約書); an exit pledge names the meeting that explained it."""

    __tablename__ = "pledges"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    signed_on: Mapped[date]
    document: Mapped[str] = mapped_column(String(300))
    explained_in_meeting_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship(back_populates="pledges")
    technologies = relationship("Technology", secondary=pledge_technologies, order_by="Technology.code")


class NonCompete(Base):
    """A non-compete agreed with the person (競業避止義務), with its end and scope."""

    __tablename__ = "non_competes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    agreed_on: Mapped[date]
    until: Mapped[date]
    scope: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(String(300), default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship()


class Declaration(Base):
    """What the person declared (side jobs, foreign funding, the specific-category answers as given),
    the rule's suggestion, and a reviewer's result: ``yes`` / ``no`` / ``unclear``."""

    __tablename__ = "declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    declared_on: Mapped[date]
    side_jobs: Mapped[str] = mapped_column(Text, default="")
    foreign_funding: Mapped[str] = mapped_column(Text, default="")
    answers: Mapped[dict] = mapped_column(default=dict)
    suggested: Mapped[str] = mapped_column(String(20))
    suggestion_reasons: Mapped[list] = mapped_column(default=list)
    result: Mapped[str | None] = mapped_column(String(20))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_on: Mapped[date | None]
    review_note: Mapped[str] = mapped_column(Text, default="")
    declared_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship()


class PersonEvent(Base):
    """A contact reported by staff: an approach at a conference, trade show, job site or by a headhunter."""

    __tablename__ = "person_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    occurred_on: Mapped[date]
    counterpart: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship()


class OralCheck(Base):
    """The gate's answer for an oral disclosure to a person, kept because the ledger names partners only."""

    __tablename__ = "oral_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    elements: Mapped[list] = mapped_column(default=list)
    purpose: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(30))
    reasons: Mapped[list] = mapped_column(default=list)
    checked_by: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship()

"""Request bodies, typed from the domain vocabulary so the OpenAPI document says exactly what is accepted.

The services still validate everything (they are the rules); these models only make the contract
visible to script writers and to schemathesis. Text never carries NUL (PostgreSQL refuses it).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mamoru.domain import vocab

NO_NUL = r"^[^\x00]*$"
Code = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\x00\s/][^\x00/]*$")]
Name = Annotated[str, StringConstraints(max_length=300, pattern=NO_NUL)]
Short = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]
Long = Annotated[str, StringConstraints(max_length=5000, pattern=NO_NUL)]
Required = Annotated[str, StringConstraints(min_length=1, max_length=5000, pattern=NO_NUL)]
Many = 200  # list items per request

Domain = Literal[vocab.DOMAINS]
ElementKind = Literal[vocab.ELEMENT_KINDS]
PartnerKind = Literal[vocab.PARTNER_KINDS]
AgreementKind = Literal[vocab.AGREEMENT_KINDS]
ClauseKind = Literal[vocab.CLAUSE_KINDS]
Trigger = Literal[vocab.TRIGGERS]
Channel = Literal[vocab.CHANNELS]
Form = Literal[vocab.FORMS]
EventKind = Literal[vocab.EVENT_KINDS]
Condition = Literal[vocab.SAMPLE_CONDITIONS]
Level = Literal[vocab.DD_LEVELS]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TechnologyIn(Body):
    code: Code
    name: Name
    domain: Domain
    description: Long = ""
    export_controlled: bool = False
    priority_control: bool = False
    owner_department: Short = ""
    code_name: Optional[Code] = None


class TechnologyPatch(Body):
    """Only the fields given change; the code does not."""

    name: Optional[Name] = None
    domain: Optional[Domain] = None
    description: Optional[Long] = None
    export_controlled: Optional[bool] = None
    priority_control: Optional[bool] = None
    owner_department: Optional[Short] = None
    code_name: Optional[Code] = None


class ElementIn(Body):
    code: Code
    title: Name
    rank: int = Field(ge=0, le=4, description="0 public, 1 general, 2 NDA required, 3 restricted, 4 core")
    kind: ElementKind = "other"
    description: Long = ""
    proper_nouns: bool = False


class PartnerIn(Body):
    code: Code
    name: Name
    kind: PartnerKind
    country: str = Field(pattern=r"^[A-Za-z]{2}$", description="ISO 3166 alpha-2, e.g. JP")
    name_kana: Name = ""
    name_en: Name = ""
    listed: bool = False
    industry: Short = ""
    parent_company: Name = ""
    major_shareholders: list[Name] = Field(default_factory=list, max_length=Many)
    officers: list[Name] = Field(default_factory=list, max_length=Many)
    certification: Name = ""
    certification_expiry: Optional[date] = None


class PartnerPatch(Body):
    """Only the fields given change; the code does not."""

    name: Optional[Name] = None
    kind: Optional[PartnerKind] = None
    country: Optional[str] = Field(None, pattern=r"^[A-Za-z]{2}$")
    name_kana: Optional[Name] = None
    name_en: Optional[Name] = None
    listed: Optional[bool] = None
    industry: Optional[Short] = None
    parent_company: Optional[Name] = None
    major_shareholders: Optional[list[Name]] = Field(None, max_length=Many)
    officers: Optional[list[Name]] = Field(None, max_length=Many)
    certification: Optional[Name] = None
    certification_expiry: Optional[date] = None


class Factors(Body):
    """The five factors of guidance 1-1, each low / medium / high."""

    business_overlap: Level
    financial_condition: Level
    leadership_attitude: Level
    board_foreign_duty: Level
    reputation: Level


class DueDiligenceIn(Body):
    factors: Factors
    notes: dict[Literal[vocab.DD_FACTORS], Long] = Field(default_factory=dict)
    comment: Long = ""


class ClauseIn(Body):
    kind: ClauseKind
    mode: Literal["", "approval", "notice"] = Field("", description="for subcontracting and change_of_control")
    triggers: list[Trigger] = Field(default_factory=list, max_length=len(vocab.TRIGGERS),
                                    description="for termination_triggers")
    text: Long = ""


class AgreementIn(Body):
    code: Code
    partner: Code
    kind: AgreementKind
    valid_from: date
    valid_to: date
    title: Name = ""
    technologies: list[Code] = Field(default_factory=list, max_length=Many)
    elements: list[Code] = Field(default_factory=list, max_length=Many)
    clauses: list[ClauseIn] = Field(default_factory=list, max_length=len(vocab.CLAUSE_KINDS))


class EndAgreementIn(Body):
    reason: Required
    on: Optional[date] = Field(None, description="default: today")


class GateIn(Body):
    partner: Code
    elements: list[Code] = Field(min_length=1, max_length=Many)
    channel: Channel
    form: Form = "plain"


class SampleIn(Body):
    description: Required
    return_by: date
    code: Optional[Code] = None
    lent_on: Optional[date] = Field(None, description="today or earlier; an earlier day is audited as back-dated")


class DisclosureIn(GateIn):
    purpose: Required
    accept_conditions: bool = Field(False, description="the person confirms the gate's conditions will be followed")
    staged_plan: Long = ""
    sample: Optional[SampleIn] = None
    document_sha256: Optional[str] = Field(None, pattern=r"^[0-9a-f]{64}$")
    note: Long = ""


class ApproveIn(Body):
    comment: Long = ""
    override_reason: Long = ""  # needed when the agreement has no return/destroy clause (case 3)


class RejectIn(Body):
    comment: Required


class SampleReturnIn(Body):
    condition: Condition
    on: Optional[date] = None
    note: Long = ""


class EventIn(Body):
    partner: Code
    kind: EventKind
    occurred_on: Optional[date] = None
    description: Long = ""
    source: Annotated[str, StringConstraints(max_length=100, pattern=NO_NUL)] = ""


class ResolveIn(Body):
    resolution: Required


class EvidenceIn(Body):
    evidence: Required


class RequestIn(Body):
    requester: Name
    subject: Required
    partner: Optional[Code] = None
    requested_items: Long = ""
    government_backed: bool = False
    received_on: Optional[date] = None


class ReviewIn(Body):
    reasonable: bool
    notes: Required


class EscalateIn(Body):
    to: Short


class CloseRequestIn(Body):
    answered: bool
    note: Required


class TokenIn(Body):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_NUL)]

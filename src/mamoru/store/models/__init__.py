"""One module per registry; importing this package registers every core table on Base."""

from mamoru.store.models.access import ApiToken, LoginAttempt, Setting, WebSession, technology_assignments
from mamoru.store.models.agreements import Agreement, AgreementClause
from mamoru.store.models.audit import AuditEntry, AuditHead
from mamoru.store.models.disclosures import Disclosure, DisclosureElement, ReceivedElement
from mamoru.store.models.events import PartnerEvent
from mamoru.store.models.meetings import DisclosurePlan, DisclosureStage, Meeting, PartnerRelation
from mamoru.store.models.obligations import Obligation
from mamoru.store.models.partners import DueDiligence, Partner
from mamoru.store.models.requests import ExternalRequest
from mamoru.store.models.samples import Sample
from mamoru.store.models.selfcheck import SelfCheck, SelfCheckAnswer
from mamoru.store.models import supplychain as supplychain  # noqa: F401  (sc_* tables)
from mamoru.store.models.technologies import KnowledgeElement, Technology
from mamoru.store.models.users import User
from mamoru.store.models.telemetry import (Asset, AssetEvent, AnomalyModel, Channel, Point, QualityRecord,
                                           QuarantinedMessage, Rollup, channel_elements)
from mamoru.store.models.data_use import DataUseChannel, DataUseTerms, FeedToken, ShareLedger
from mamoru.store.models.incidents import Incident, IncidentTrace  # noqa: F401  (incident_* tables)
from mamoru.store.models import people as people  # noqa: F401  (people register, issue 14)
from mamoru.store.models import abroad as abroad  # noqa: F401,E402  (overseas sites, issue 14)
from mamoru.store.models import research as research  # noqa: F401,E402  (joint research, issue 14)
from mamoru.store.models.watch import WatchAlert, WatchPublication

__all__ = [
    "ApiToken",
    "LoginAttempt",
    "Setting",
    "WebSession",
    "technology_assignments",
    "Agreement",
    "AgreementClause",
    "AuditEntry",
    "AuditHead",
    "Disclosure",
    "DisclosureElement",
    "DueDiligence",
    "ExternalRequest",
    "KnowledgeElement",
    "Obligation",
    "Partner",
    "PartnerEvent",
    "ReceivedElement",
    "Sample",
    "SelfCheck",
    "SelfCheckAnswer",
    "Technology",
    "User",
    "Asset",
    "AssetEvent",
    "AnomalyModel",
    "Channel",
    "Point",
    "QualityRecord",
    "QuarantinedMessage",
    "Rollup",
    "channel_elements",
    "DataUseChannel",
    "DataUseTerms",
    "FeedToken",
    "ShareLedger",
    "Meeting",
    "PartnerRelation",
    "DisclosurePlan",
    "DisclosureStage",
    "WatchAlert",
    "WatchPublication",
]

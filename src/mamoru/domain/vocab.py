"""The closed vocabularies of the domain; each value has a catalogue label ``vocab.<set>.<value>``."""

from __future__ import annotations

RANKS = (0, 1, 2, 3, 4)  # 0 public, 1 general, 2 NDA required, 3 restricted, 4 core
DOMAINS = ("disruptive_innovation", "technological_superiority", "external_dependence")
ELEMENT_KINDS = ("recipe", "condition", "supplier_name", "drawing", "equipment_setting", "data", "other")
PARTNER_KINDS = (
    "supplier", "customer", "equipment_maker", "system_vendor", "consultant", "recycler", "research_partner",
)
PARTNER_STATUSES = ("active", "on_hold", "terminated")
RISK_TIERS = ("low", "medium", "high", "prohibited")
DD_FACTORS = ("business_overlap", "financial_condition", "leadership_attitude", "board_foreign_duty", "reputation")
DD_LEVELS = ("low", "medium", "high")
AGREEMENT_KINDS = ("nda", "master_sales", "master_processing", "joint_development", "data_use", "other")
CLAUSE_KINDS = (
    "confidentiality", "purpose_limitation", "no_third_party", "no_copying", "return_destroy",
    "subcontracting", "change_of_control", "termination_triggers", "no_patent_filing",
)
CLAUSE_MODES = ("approval", "notice")
TRIGGERS = ("capital_change", "financial_deterioration", "foreign_research_funding", "list_hit")
CHANNELS = ("document", "oral", "sample", "process_audit", "equipment_spec")
FORMS = ("plain", "code_named", "black_boxed")
OUTCOMES = ("allow", "allow_with_conditions", "needs_approval", "deny")
EVENT_KINDS = (
    "capital_change", "m_and_a", "financial_deterioration", "foreign_research_funding", "list_hit",
    "litigation", "information_incident",
    "publication_match",  # the watch found our know-how in a partner's publication or patent (services/watch.py)
)
OBLIGATION_KINDS = (
    "review", "notify", "verify_notice", "seek_approval", "terminate", "demand_return", "demand_destruction",
    "collect_destruction_certificate", "recover_sample", "investigate_sample", "consult_authority",
    "find_second_source", "raise_stock", "notify_customer",  # supply-chain warnings (domain/supplychain.py)
    "inspect", "repair",  # factory-data alarms (telemetry)
    "consult_lawyer", "preserve_evidence",  # a confirmed publication match (watch)
)
SAMPLE_CONDITIONS = ("intact", "damaged", "missing_parts", "destroyed")
REQUEST_STATUSES = ("received", "reviewed", "escalated", "answered", "refused")
ROLES = ("admin", "tech_manager", "staff", "auditor")
# A new person gets the least role; more is granted on purpose, never by leaving a field blank.
DEFAULT_ROLE = "staff"
IMPORTANCE_AXES = ("advantage", "irreplaceability", "leak_impact", "security_relevance", "secrecy")
TECH_TIERS = ("top_priority", "important", "general")
SHARE_LEVELS = ("raw", "aggregated", "health", "withheld")  # data-use agreement, per channel
QUALITY_KINDS = ("gap", "stuck", "out_of_range", "clock_skew")
WATCH_ALERT_STATUSES = ("open", "confirmed", "dismissed")  # publication watch (services/watch.py)

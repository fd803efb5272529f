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
    "preserve_evidence", "consult_lawyer", "report_authority", "review_partner",  # incidents (domain/incidents.py)
    "report_police",  # raised by hand (workbench)
    "disclose_stage", "confirm_destruction", "demand_return_or_destruction",  # staged plans, ended agreements
    "cut_access", "change_shared_passwords", "collect_equipment_media", "keep_logs",  # an exit (people)
    "exit_pledge_meeting", "review_contact",
    "fefta_advance_report",  # sites abroad: advance report under FEFTA art. 55-8 (domain/sites.py)
    "recover_equipment_moulds_drawings", "wipe_data", "remind_local_staff",  # withdrawal from a site abroad
)
# What a person may raise by hand on /obligations/new (guidance: consult METI (consult_authority), the
# police or a lawyer, keep the evidence of a leak; or any of the routine follow-ups).
MANUAL_OBLIGATION_KINDS = (
    "consult_authority", "report_police", "consult_lawyer", "preserve_evidence", "review", "notify",
    "demand_return", "demand_destruction", "collect_destruction_certificate", "recover_sample",
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
INCIDENT_STATUSES = ("suspected", "confirmed", "closed")  # domain/incidents.py: TRANSITIONS
RELATION_KINDS = ("customer", "competitor")  # a partner's other customers and its competitors (3-1)
# People who hold protected knowledge (issue 14): domain/people.py
PERSON_KINDS = ("employee", "director", "agency", "seconded", "former")
PERSON_STATUSES = ("current", "leaving", "former")  # derived from left_on and today
PLEDGE_KINDS = ("hiring", "project", "exit")
CONTACT_KINDS = ("conference", "trade_show", "job_site", "headhunter", "other")
CATEGORY_RESULTS = ("yes", "no", "unclear")  # falls under the deemed-export specific categories
ANSWERS = ("yes", "no", "unknown")
SITE_STAGES = ("planning", "contract", "operating", "withdrawal")  # overseas site, in this order
SITE_ALLOWANCES = ("may_teach", "black_boxed", "stays_in_japan")  # per element, at one site abroad
VISIT_KINDS = ("visit", "plant_tour")
IMPROVEMENT_OWNERSHIP = ("ours", "theirs", "joint", "by_contributor")  # joint research: who owns improvements
PUBLICATION_KINDS = ("paper", "presentation", "poster")
REVIEW_RESULTS = ("clear", "needs_changes", "blocked")  # pre-publication review
WATCH_ALERT_STATUSES = ("open", "confirmed", "dismissed")  # publication watch (services/watch.py)

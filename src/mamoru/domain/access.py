"""Who may do what, and who may see what (need-to-know). Pure rules; the doors ask them.

Roles: admin, tech_manager (技術管理責任者), staff (営業・技術担当), auditor (read-only).
Staff see only the technologies they are assigned; details of elements of rank 3 and up
are for technology managers, admins and auditors only.
"""

from __future__ import annotations

ACTIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"admin", "tech_manager", "staff", "auditor"}),
    "register_technology": frozenset({"admin", "tech_manager"}),
    "register_partner": frozenset({"admin", "tech_manager", "staff"}),
    # What the gate reads from a partner (country, kind, ownership, certification): changing
    # it changes what may be disclosed, so staff may edit only the harmless fields.
    "change_partner_standing": frozenset({"admin", "tech_manager"}),
    "assess_partner": frozenset({"admin", "tech_manager"}),
    "register_agreement": frozenset({"admin", "tech_manager"}),
    "import": frozenset({"admin", "tech_manager"}),
    "disclose": frozenset({"admin", "tech_manager", "staff"}),
    "approve": frozenset({"admin", "tech_manager"}),
    "operate": frozenset({"admin", "tech_manager", "staff"}),
    "sweep": frozenset({"admin", "tech_manager"}),  # turn overdue samples / ended agreements into obligations
    "audit": frozenset({"admin", "tech_manager", "auditor"}),
    "manage_users": frozenset({"admin"}),
    "own_tokens": frozenset({"admin", "tech_manager", "staff", "auditor"}),
    "manage_supply": frozenset({"admin", "tech_manager"}),  # the supply map, signals, warnings
    "record_signal": frozenset({"admin", "tech_manager", "staff"}),  # anyone on the floor may report trouble
    "self_check": frozenset({"admin", "tech_manager"}),  # answer the self-check; auditors read it ("audit")
    # Screening a name or a partner against the lists; deciding whether a hit is the listed party
    # puts a partner on hold, so it is for the people who approve.
    "screen": frozenset({"admin", "tech_manager", "staff"}),
    "review_screening": frozenset({"admin", "tech_manager"}),
    "handle_incident": frozenset({"admin", "tech_manager"}),  # confirm / close a leak incident, attach a trace
    "manage_people": frozenset({"admin", "tech_manager"}),  # the people register: pledges, exits, reviews
    "report_contact": frozenset({"admin", "tech_manager", "staff"}),  # anyone approached may report it
    "manage_abroad": frozenset({"admin", "tech_manager"}),  # sites abroad, joint research projects
    "review_publication": frozenset({"admin", "tech_manager"}),  # the result of a pre-publication review
    "trace": frozenset({"admin", "tech_manager", "auditor"}),  # leak tracing shows every partner's code names
}

DETAIL_FROM_RANK = 3
SEE_RESTRICTED = frozenset({"admin", "tech_manager", "auditor"})
SEE_ALL_TECHNOLOGIES = frozenset({"admin", "tech_manager", "auditor"})


def may(role: str, action: str) -> bool:
    return role in ACTIONS[action]


def sees_all_technologies(role: str) -> bool:
    return role in SEE_ALL_TECHNOLOGIES


def sees_details(role: str, rank: int) -> bool:
    return rank < DETAIL_FROM_RANK or role in SEE_RESTRICTED


# Personal data of the people register (declarations, non-competes, pledge documents, contacts):
# for these roles; anyone else sees only their own (the person record linked to their account).
SEE_PERSONAL = frozenset({"admin", "tech_manager", "auditor"})


def sees_personal(role: str, own: bool = False) -> bool:
    return own or role in SEE_PERSONAL

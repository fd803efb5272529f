"""Authorisation and need-to-know, in one place: who may do what, and who may see what.

Every use case runs in a unit of work that carries its ``Viewer``. Services call
``ctx.require(action)`` before they act and use the filters below when they read; the
doors (web pages, REST API, CLI) never decide visibility themselves.

The pure rules (which role may which action, from which rank details are restricted)
live in ``domain/access.py``; this module applies them to a person and to queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, true

from mamoru.domain import access as rules
from mamoru.errors import MamoruError


class Forbidden(MamoruError):
    """The signed-in user's role does not allow this."""


@dataclass(frozen=True)
class Viewer:
    """Who is asking: their role and, for staff, the technologies they are assigned.

    ``technology_ids`` is ``None`` for roles that see every technology. ``local`` marks the
    person at the installation's own shell (CLI, demo, server start-up): trusted with the
    database file itself, so need-to-know cannot apply to them.
    """

    username: str
    role: str
    technology_ids: frozenset[int] | None  # None: all
    local: bool = False

    @classmethod
    def system(cls, username: str = "system") -> "Viewer":
        """The local operator (CLI, demo, scheduled jobs): every action, every technology."""
        return cls(username, "admin", None, local=True)

    def may(self, action: str) -> bool:
        return rules.may(self.role, action)

    def require(self, action: str) -> None:
        if not self.may(action):
            raise Forbidden("auth.forbidden", user=self.username, role=self.role, action=action)

    @property
    def sees_everything(self) -> bool:
        return self.technology_ids is None

    def sees_technology(self, technology_id: int) -> bool:
        return self.technology_ids is None or technology_id in self.technology_ids

    def sees_element(self, element: Any) -> bool:
        return self.sees_technology(element.technology_id)

    def sees_details(self, element: Any) -> bool:
        """Title and description of an element: assigned technology, and rank below 3 unless the role sees restricted."""
        return self.sees_technology(element.technology_id) and rules.sees_details(self.role, element.rank)

    def sees_disclosure(self, disclosure: Any) -> bool:
        """A disclosure is visible when every element in it belongs to a visible technology."""
        return all(self.sees_technology(item.element.technology_id) for item in disclosure.items)

    def element_view(self, element: Any) -> dict[str, Any]:
        """An element as this viewer may see it: restricted details are withheld, not just hidden."""
        shown = self.sees_details(element)
        return {
            "code": element.code, "technology": element.technology.code, "rank": element.rank,
            "kind": element.kind if shown else None, "title": element.title if shown else None,
            "description": element.description if shown else None, "proper_nouns": element.proper_nouns,
            "restricted": not shown,
        }

    def technology_filter(self, column: Any) -> ColumnElement[bool]:
        """A SQL condition on a technology-id column: true for what this viewer may see."""
        if self.technology_ids is None:
            return true()
        if not self.technology_ids:
            return false()
        return column.in_(sorted(self.technology_ids))

    # --- SQL conditions: the same rules, for queries that filter and page in the database ---

    def disclosure_filter(self, disclosure_id: Any) -> ColumnElement[bool]:
        """A SQL condition on a disclosure-id column: every element in it is of a visible technology."""
        if self.technology_ids is None:
            return true()
        from sqlalchemy import exists, select

        from mamoru.store.models import DisclosureElement, KnowledgeElement

        hidden = (select(DisclosureElement.disclosure_id)
                  .join(KnowledgeElement, KnowledgeElement.id == DisclosureElement.element_id)
                  .where(DisclosureElement.disclosure_id == disclosure_id,
                         KnowledgeElement.technology_id.not_in(sorted(self.technology_ids) or [-1])))
        return ~exists(hidden)

    # --- the people register: personal data for those who need it, and each person their own ---

    def sees_personal(self, person: Any) -> bool:
        """Declarations, non-competes, pledge documents, contacts and oral checks of ``person``: for
        admins, technology managers and auditors; anyone else only for the person linked to their account."""
        user = getattr(person, "user", None)
        return rules.sees_personal(self.role, own=user is not None and user.username == self.username)

    def may_declare_for(self, person: Any) -> bool:
        """A declaration is filed by the person themself or by someone who manages the register."""
        user = getattr(person, "user", None)
        return self.may("manage_people") or (user is not None and user.username == self.username
                                             and self.may("report_contact"))

    def sample_filter(self, disclosure_id: Any) -> ColumnElement[bool]:
        """A sample is visible unless it went out with a disclosure this viewer may not see."""
        if self.technology_ids is None:
            return true()
        return disclosure_id.is_(None) | self.disclosure_filter(disclosure_id)

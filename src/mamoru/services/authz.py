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

    def technology_filter(self, column: Any) -> ColumnElement[bool]:
        """A SQL condition on a technology-id column: true for what this viewer may see."""
        if self.technology_ids is None:
            return true()
        if not self.technology_ids:
            return false()
        return column.in_(sorted(self.technology_ids))

"""The unit of work: one transaction per use case, with the audit entry written inside it."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from mamoru.audit import chain
from mamoru.config import load_policy
from mamoru.domain.policy import Policy
from mamoru.services.authz import Viewer

TOKYO = ZoneInfo("Asia/Tokyo")


@dataclass
class Context:
    """What a use case needs: the session, who acts (and what they may see), the policy, and today's date.

    ``viewer`` carries the role and need-to-know of the person asking; services call
    ``ctx.require(action)`` and filter with ``ctx.viewer`` (see ``services/authz.py``).
    ``now`` is injectable so that the demo and tests can play out dates (overdue
    samples, ending agreements) without waiting for them.
    """

    session: Session
    actor: str
    policy: Policy
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    viewer: Viewer | None = None

    def __post_init__(self) -> None:
        if self.viewer is None:
            self.viewer = Viewer.system(self.actor or "system")

    def require(self, action: str) -> None:
        """Refuse (``Forbidden``) unless the viewer's role allows ``action``."""
        self.viewer.require(action)

    @property
    def today(self) -> date:
        """Today in the company's zone (Asia/Tokyo): due dates are local calendar dates."""
        return self.now.astimezone(TOKYO).date()

    def audit(self, action: str, entity_type: str, entity_id: Any, before: Any = None, after: Any = None) -> None:
        chain.append(self.session, self.actor, action, entity_type, entity_id, before, after, at=self.now)


@contextmanager
def unit_of_work(
    engine: Engine, actor: str, policy: Policy | None = None, now: datetime | None = None,
    viewer: Viewer | None = None,
) -> Iterator[Context]:
    """Commit everything the block did, audit included, or nothing at all.

    Without a ``viewer`` the block runs as the local operator (``Viewer.system``)."""
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        ctx = Context(session=session, actor=actor, policy=policy or load_policy(),
                      now=now or datetime.now(timezone.utc), viewer=viewer)
        try:
            yield ctx
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_only(engine: Engine, policy: Policy | None = None, now: datetime | None = None,
              viewer: Viewer | None = None) -> Iterator[Context]:
    """A context for queries and gate checks; it never commits."""
    with Session(engine) as session:
        ctx = Context(session=session, actor=viewer.username if viewer else "", policy=policy or load_policy(),
                      now=now or datetime.now(timezone.utc), viewer=viewer)
        try:
            yield ctx
        finally:
            session.rollback()

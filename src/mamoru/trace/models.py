"""What was embedded in each copy the guard wrote: the key from a found document back to its copy.

Nothing here goes into a copy; a copy carries only the mark number (as zero-width marks),
the document id (as a property) and the chosen wordings, which mean nothing without this table.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.guard.models import GuardRedaction
from mamoru.store.base import Base, utcnow
from mamoru.store.models import Partner


class TraceMark(Base):
    """One copy's fingerprint: mark number, document id, wording choices and the partner code names in it."""

    __tablename__ = "trace_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    redaction_id: Mapped[int] = mapped_column(ForeignKey("guard_redactions.id"), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    mark_number: Mapped[int] = mapped_column(BigInteger, unique=True)
    document_id: Mapped[str] = mapped_column(String(40), unique=True)
    wording: Mapped[dict]
    code_names: Mapped[list]
    marks_written: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    redaction: Mapped[GuardRedaction] = relationship()
    partner: Mapped[Partner] = relationship()

"""The supply map (品目・調達先) and its early warning (兆候・警報).

Products go to customers (Partners of kind customer); a bill of materials lists the items
(parts and materials) per product; sources say which supplier (at which site, in which
country) supplies how much of an item to whom: ``buyer_id`` NULL is us (tier 1), otherwise the
tier-n supplier that declared it, for ``for_item_id`` (what it makes for its own buyer).
Nothing is deleted: a re-imported group of sources supersedes the old rows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mamoru.store.base import Base, utcnow

product_customers = Table(
    "sc_product_customers", Base.metadata,
    Column("product_id", ForeignKey("sc_products.id"), primary_key=True),
    Column("partner_id", ForeignKey("partners.id"), primary_key=True),
)


class Product(Base):
    __tablename__ = "sc_products"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    customers = relationship("Partner", secondary=product_customers, order_by="Partner.code")
    lines: Mapped[list[BomLine]] = relationship(back_populates="product", order_by="BomLine.id")


class Item(Base):
    """A part or material; flags for the designated critical goods, the economic-security domain, export control."""

    __tablename__ = "sc_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="part")
    critical_good: Mapped[str | None] = mapped_column(String(40))
    domain: Mapped[str | None] = mapped_column(String(40))
    export_controlled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BomLine(Base):
    __tablename__ = "sc_bom_lines"
    __table_args__ = (UniqueConstraint("product_id", "item_id", name="uq_sc_bom_line"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("sc_products.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("sc_items.id"), index=True)
    quantity: Mapped[float] = mapped_column(default=1.0)

    product: Mapped[Product] = relationship(back_populates="lines")
    item: Mapped[Item] = relationship()


class Site(Base):
    """Where a supplier makes or ships from; its country is what country figures count."""

    __tablename__ = "sc_sites"
    __table_args__ = (UniqueConstraint("partner_id", "code", name="uq_sc_site"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str] = mapped_column(String(2))

    partner = relationship("Partner")


class Source(Base):
    __tablename__ = "sc_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("sc_items.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sc_sites.id"))
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)
    for_item_id: Mapped[int | None] = mapped_column(ForeignKey("sc_items.id"))
    share: Mapped[float]
    lead_time_days: Mapped[int] = mapped_column(default=0)
    safety_stock_days: Mapped[int] = mapped_column(default=0)
    price: Mapped[float | None]
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    item: Mapped[Item] = relationship(foreign_keys=[item_id])
    for_item: Mapped[Item | None] = relationship(foreign_keys=[for_item_id])
    supplier = relationship("Partner", foreign_keys=[supplier_id])
    buyer = relationship("Partner", foreign_keys=[buyer_id])
    site: Mapped[Site | None] = relationship()


class Signal(Base):
    """Something that may disrupt supply: an export restriction, a supplier stop, a lead-time change,
    or a partner event / list hit brought over from the partner registry (``origin``, ``origin_id``)."""

    __tablename__ = "sc_signals"
    __table_args__ = (UniqueConstraint("origin", "origin_id", name="uq_sc_signal_origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    country: Mapped[str | None] = mapped_column(String(2))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("sc_items.id"))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"))
    lead_time_days: Mapped[int | None]
    occurred_on: Mapped[date]
    description: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(String(300), default="")
    origin: Mapped[str] = mapped_column(String(30), default="manual")
    origin_id: Mapped[int | None]
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[Item | None] = relationship()
    supplier = relationship("Partner")


class SupplyWarning(Base):
    """What a signal puts at risk, as the policy's rules judged it; ``affected`` and ``reasons`` are kept as made."""

    __tablename__ = "sc_warnings"

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("sc_signals.id"), index=True)
    severity: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    loss: Mapped[float]
    days_of_cover: Mapped[int | None]
    affected: Mapped[dict]
    reasons: Mapped[list]
    policy_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    signal: Mapped[Signal] = relationship()

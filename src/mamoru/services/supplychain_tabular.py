"""The supply map in and out of Excel: all-or-nothing import with a preview, and an export that re-imports.

Sheets (Japanese names and headers accepted): products 製品, items 品目, bom 部品表, sites 拠点,
sources 調達先. Shares are percentages (60 or "60%"). Every row is read and checked, then the
whole map (the file over what is stored) is checked (``supplychain.validate``): cycles in the
declared tiers, shares that do not add up, unknown countries are errors; a supplier that also
buys the product is a warning. With any error nothing is written.

What a file says replaces what is stored for the same key: a product's customers, a BOM line's
quantity, and all sources of one item for one buyer (the old rows are marked superseded).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mamoru.domain import supplychain as sc
from mamoru.domain import vocab
from mamoru.errors import InvalidInput, MamoruError
from mamoru.i18n import both
from mamoru.services import common as c
from mamoru.services import supplychain as supply
from mamoru.i18n import label, resolve_lang
from mamoru.services import tabular_words as words
from mamoru.services.tabular import ImportFailed, RowError, open_xlsx
from mamoru.services.uow import Context
from mamoru.store.models import Partner
from mamoru.store.models.supplychain import BomLine, Item, Product, Site, Source
from mamoru.supplychain import graph
from mamoru.domain.countries import is_country
from mamoru.supplychain.validate import check

COLUMNS: dict[str, tuple[str, ...]] = {
    "products": ("code", "name", "customers"),
    "items": ("code", "name", "kind", "critical_good", "domain", "export_controlled"),
    "bom": ("product", "item", "quantity"),
    "sites": ("supplier", "code", "name", "country"),
    "sources": ("item", "supplier", "site", "share", "lead_time_days", "safety_stock_days", "price", "buyer",
                "for_item"),
}
REQUIRED = {"products": ("code", "name"), "items": ("code", "name"), "bom": ("product", "item"),
            "sites": ("supplier", "code", "country"), "sources": ("item", "supplier", "share")}
ORDER = ("items", "products", "bom", "sites", "sources")
SHEETS = {"製品": "products", "品目": "items", "部品表": "bom", "拠点": "sites", "調達先": "sources"}
HEADERS = {
    "コード": "code", "名称": "name", "顧客": "customers", "種類": "kind", "特定重要物資": "critical_good",
    "領域": "domain", "リスト規制": "export_controlled", "製品": "product", "品目": "item", "数量": "quantity",
    "仕入れ先": "supplier", "国": "country", "拠点": "site", "比率": "share", "比率(%)": "share",
    "リードタイム日数": "lead_time_days", "安全在庫日数": "safety_stock_days", "単価": "price",
    "購入者": "buyer", "用途品目": "for_item",
}
KIND_WORDS = {"部品": "part", "材料": "material", "素材": "material"}


@dataclass
class Parsed:
    """A file's rows as plain values, with the row each came from."""

    rows: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Preview:
    counts: dict[str, int]
    warnings: list[RowError]


def _read(path: Path) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Rows per sheet kind; ``"_titles"`` holds each kind's sheet title as the person named it."""

    TITLES: dict[str, str] = {}

    name = path.name
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput("import.unsupported", file=name)
    book = open_xlsx(path, name)  # a file that is not XLSX is named as such
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    try:
        for sheet in book.worksheets:
            kind = SHEETS.get(sheet.title.strip(), sheet.title.strip().lower())
            if kind not in COLUMNS:
                continue
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None) or ()
            columns = []
            unknown = []
            for cell in header:
                text = "" if cell is None else str(cell).strip()
                key = HEADERS.get(text, text.lower())
                columns.append(key if key in COLUMNS[kind] else None)
                if text and key not in COLUMNS[kind]:
                    unknown.append(text)
            if unknown:
                raise InvalidInput("import.unknown_columns", file=name, sheet=sheet.title, columns=unknown)
            missing = [col for col in REQUIRED[kind] if col not in columns]
            if missing:
                raise InvalidInput("import.missing_columns", file=name, sheet=sheet.title, columns=missing)
            data = []
            for number, values in enumerate(rows, start=2):
                if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                data.append((number, {col: (values[i].strip() if isinstance(values[i], str) else values[i])
                                      for i, col in enumerate(columns) if col and i < len(values)
                                      and values[i] not in (None, "")}))
            out[kind] = data
            TITLES[kind] = sheet.title
    finally:
        book.close()
    if not out:
        raise InvalidInput("import.missing_sheet", file=name, sheet="/".join(ORDER))
    out["_titles"] = TITLES  # type: ignore[assignment]
    return out


class _Rows:
    """Collects bilingual errors that name file, sheet, row and column."""

    def __init__(self, file: str, titles: dict[str, str] | None = None) -> None:
        self.file = file
        self.titles = titles or {}
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []

    def error(self, sheet: str, row: int, column: str | None, code: str, **params: Any) -> None:
        self.errors.append(RowError(self.file, self.titles.get(sheet, sheet), row, column, code, both(code, **params)))

    def warn(self, sheet: str, row: int, column: str | None, code: str, **params: Any) -> None:
        self.warnings.append(RowError(self.file, self.titles.get(sheet, sheet), row, column, code,
                                      both(code, **params)))


def _number(value: Any, low: float, high: float) -> float:
    text = str(value).strip().rstrip("%").strip() if isinstance(value, str) else value
    number = float(text)
    if not low <= number <= high:
        raise ValueError(value)
    return number


def import_map(ctx: Context, path: Path, preview: bool = False) -> Preview:
    """Import (or, with ``preview``, try and roll back) a supply-map workbook; ``ImportFailed`` on any error."""
    ctx.require("manage_supply")
    path = Path(path)
    try:
        sheets = _read(path)
    except OSError as exc:
        raise InvalidInput("import.unreadable", file=path.name, detail=str(exc)) from exc
    savepoint = ctx.session.begin_nested() if preview else None
    try:
        return _import(ctx, path.name, sheets)
    finally:
        if savepoint is not None:
            savepoint.rollback()


def _import(ctx: Context, file: str, sheets: dict[str, list[tuple[int, dict[str, Any]]]]) -> Preview:
    log = _Rows(file, sheets.pop("_titles", {}))  # type: ignore[arg-type]
    partners = {code: (pid, kind, country) for pid, code, kind, country in
                ctx.session.execute(select(Partner.id, Partner.code, Partner.kind, Partner.country))}
    known_items = dict(ctx.session.execute(select(Item.code, Item.id)).all())
    file_items = {v.get("code") for _, v in sheets.get("items", []) if v.get("code")}
    all_items = set(known_items) | {str(code) for code in file_items}
    known_products = dict(ctx.session.execute(select(Product.code, Product.id)).all())
    file_products = {v.get("code") for _, v in sheets.get("products", []) if v.get("code")}
    site_country = {(p, s): country for p, s, country in ctx.session.execute(
        select(Partner.code, Site.code, Site.country).join(Partner, Partner.id == Site.partner_id))}

    def partner(sheet: str, row: int, column: str, code: Any, required: bool = True) -> str | None:
        if code in (None, ""):
            if required:
                log.error(sheet, row, column, "input.required", field=column)
            return None
        code = str(code).strip()
        if code not in partners:
            log.error(sheet, row, column, "notfound.partner", code=code)
            return None
        return code

    def item_ref(sheet: str, row: int, column: str, code: Any) -> str | None:
        if code in (None, ""):
            log.error(sheet, row, column, "input.required", field=column)
            return None
        code = str(code).strip()
        if code not in all_items:
            log.error(sheet, row, column, "supply.item_not_found", code=code)
            return None
        return code

    items: list[tuple[int, dict[str, Any]]] = []
    for row, v in sheets.get("items", []):
        try:
            kind = KIND_WORDS.get(str(v.get("kind", "part")), words.code_of("item_kind", sc.ITEM_KINDS, str(v.get("kind", "part"))))
            if kind not in sc.ITEM_KINDS:
                log.error("items", row, "kind", "input.invalid_choice", field="kind", value=kind, allowed=sc.ITEM_KINDS)
                continue
            critical = words.code_of("critical_good", sc.CRITICAL_GOODS, v.get("critical_good")) or None
            if critical is not None and critical not in sc.CRITICAL_GOODS:
                log.error("items", row, "critical_good", "input.invalid_choice", field="critical_good",
                          value=critical, allowed=sc.CRITICAL_GOODS)
                continue
            domain = words.code_of("domain", vocab.DOMAINS, v.get("domain")) or None
            if domain is not None and domain not in vocab.DOMAINS:
                log.error("items", row, "domain", "input.invalid_choice", field="domain", value=domain,
                          allowed=vocab.DOMAINS)
                continue
            items.append((row, {"code": c.require_text("code", str(v.get("code", "")), 64),
                                "name": c.require_text("name", str(v.get("name", "")), 300), "kind": kind,
                                "critical_good": critical, "domain": domain,
                                "export_controlled": c.flag(v.get("export_controlled"), "export_controlled")}))
        except MamoruError as exc:
            log.error("items", row, exc.params.get("field"), exc.code, **exc.params)

    products: list[tuple[int, dict[str, Any]]] = []
    for row, v in sheets.get("products", []):
        try:
            code = c.require_text("code", str(v.get("code", "")), 64)
            name = c.require_text("name", str(v.get("name", "")), 300)
        except MamoruError as exc:
            log.error("products", row, exc.params.get("field"), exc.code, **exc.params)
            continue
        customers = [partner("products", row, "customers", x) for x in c.names(str(v.get("customers") or ""), "customers")]
        for code_ in customers:
            if code_ and partners[code_][1] != "customer":
                log.warn("products", row, "customers", "supply.customer_not_customer", partner=code_)
        products.append((row, {"code": code, "name": name, "customers": [x for x in customers if x]}))

    all_products = set(known_products) | {str(p) for p in file_products}
    bom: list[tuple[int, dict[str, Any]]] = []
    for row, v in sheets.get("bom", []):
        product = str(v.get("product", "")).strip()
        if product not in all_products:
            log.error("bom", row, "product", "supply.product_not_found", code=product or "-")
            continue
        item = item_ref("bom", row, "item", v.get("item"))
        try:
            quantity = _number(v.get("quantity", 1), 0.000001, 1e9)
        except (TypeError, ValueError):
            log.error("bom", row, "quantity", "supply.invalid_number", field="quantity", value=v.get("quantity"))
            continue
        if item:
            bom.append((row, {"product": product, "item": item, "quantity": quantity}))

    sites: list[tuple[int, dict[str, Any]]] = []
    for row, v in sheets.get("sites", []):
        supplier = partner("sites", row, "supplier", v.get("supplier"))
        country = str(v.get("country", "")).strip().upper()
        if not is_country(country):
            log.error("sites", row, "country", "supply.unknown_country", country=country or "-")
            continue
        if supplier:
            sites.append((row, {"supplier": supplier, "code": str(v.get("code", "")).strip(),
                                "name": str(v.get("name") or ""), "country": country}))
            site_country[(supplier, str(v.get("code", "")).strip())] = country

    sources: list[tuple[int, dict[str, Any]]] = []
    for row, v in sheets.get("sources", []):
        item = item_ref("sources", row, "item", v.get("item"))
        supplier = partner("sources", row, "supplier", v.get("supplier"))
        buyer = partner("sources", row, "buyer", v.get("buyer"), required=False)
        for_item = item_ref("sources", row, "for_item", v.get("for_item")) if v.get("for_item") else None
        values: dict[str, Any] = {}
        bad = False
        for column, low, high in (("share", 0.0, 100.0), ("lead_time_days", 0, 3650), ("safety_stock_days", 0, 3650),
                                  ("price", 0, 1e12)):
            if column not in v:
                values[column] = None if column == "price" else 0
                continue
            try:
                values[column] = _number(v[column], low, high)
            except (TypeError, ValueError):
                log.error("sources", row, column, "supply.invalid_number", field=column, value=v[column])
                bad = True
        site = str(v.get("site") or "").strip()
        if supplier and site and (supplier, site) not in site_country:
            log.error("sources", row, "site", "supply.site_not_found", supplier=supplier, site=site)
            bad = True
        if bad or not (item and supplier) or (v.get("buyer") and not buyer) or (v.get("for_item") and not for_item):
            continue
        country = site_country.get((supplier, site)) if site else partners[supplier][2]
        sources.append((row, {"item": item, "supplier": supplier, "site": site, "buyer": buyer,
                              "for_item": for_item if buyer else None, "country": country,
                              "share": values["share"] / 100.0, "lead_time_days": int(values["lead_time_days"]),
                              "safety_stock_days": int(values["safety_stock_days"]), "price": values["price"]}))

    if log.errors:
        raise ImportFailed(file, log.errors)
    _check_whole_map(ctx, log, items, products, bom, sources)
    if log.errors:
        raise ImportFailed(file, log.errors)
    counts = _write(ctx, file, partners, items, products, bom, sites, sources)
    return Preview(counts, log.warnings)


def _check_whole_map(ctx, log, items, products, bom, sources) -> None:
    """The stored map with the file laid over it, checked as one (cycles, shares, countries, customers)."""
    stored = supply.load_map(ctx)
    for _, v in items:
        stored.items[v["code"]] = graph.Item(v["code"], v["name"], v["kind"], v["critical_good"], v["domain"],
                                             v["export_controlled"])
    lines = {code: dict(p.items) for code, p in stored.products.items()}
    customers = {code: p.customers for code, p in stored.products.items()}
    for _, v in products:
        customers[v["code"]] = tuple(v["customers"])
        lines.setdefault(v["code"], {})
    for _, v in bom:
        lines.setdefault(v["product"], {})[v["item"]] = v["quantity"]
    stored.products = {code: graph.Product(code, "", customers.get(code, ()), tuple(items_.items()))
                       for code, items_ in lines.items()}
    replaced = {(v["buyer"], v["for_item"] or v["item"], v["item"]) for _, v in sources}
    kept = [replace(s, key=("stored", 0)) for s in stored.sources if (s.buyer, s.made_for, s.item) not in replaced]
    new = [graph.Source(v["item"], v["supplier"], v["country"], v["share"], v["buyer"], v["for_item"], v["site"],
                        v["lead_time_days"], v["safety_stock_days"], v["price"], key=("sources", row))
           for row, v in sources]
    stored.sources = kept + new
    stored.reindex()
    tolerance = float(ctx.policy.section("supply")["share_tolerance"])
    for issue in check(stored, tolerance):
        (log.error if issue.level == "error" else log.warn)(issue.sheet, issue.row, issue.column, issue.code,
                                                             **issue.params)


def _write(ctx: Context, file: str, partners, items, products, bom, sites, sources) -> dict[str, int]:
    s = ctx.session
    item_ids = dict(s.execute(select(Item.code, Item.id)).all())
    for _, v in items:
        row = s.execute(select(Item).where(Item.code == v["code"])).scalar_one_or_none()
        before = c.snapshot(row) if row else None
        if row is None:
            row = Item(**v)
            s.add(row)
        else:
            for key, value in v.items():
                setattr(row, key, value)
        s.flush()
        item_ids[row.code] = row.id
        ctx.audit("supply.item.import", "supply_item", row.code, before, c.snapshot(row))
    product_rows: dict[str, Product] = {p.code: p for p in s.execute(select(Product)).scalars()}
    for _, v in products:
        row = product_rows.get(v["code"])
        before = ({**c.snapshot(row), "customers": [p.code for p in row.customers]} if row else None)
        if row is None:
            row = Product(code=v["code"], name=v["name"])
            s.add(row)
            product_rows[row.code] = row
        row.name = v["name"]
        row.customers = [s.get(Partner, partners[code][0]) for code in v["customers"]]
        s.flush()
        ctx.audit("supply.product.import", "supply_product", row.code, before,
                  {**c.snapshot(row), "customers": v["customers"]})
    for _, v in bom:
        product = product_rows[v["product"]]
        line = s.execute(select(BomLine).where(BomLine.product_id == product.id,
                                               BomLine.item_id == item_ids[v["item"]])).scalar_one_or_none()
        before = c.snapshot(line) if line else None
        if line is None:
            line = BomLine(product_id=product.id, item_id=item_ids[v["item"]])
            s.add(line)
        line.quantity = v["quantity"]
        s.flush()
        ctx.audit("supply.bom.import", "supply_bom_line", f"{v['product']}/{v['item']}", before, c.snapshot(line))
    site_ids = {(p, code): sid for sid, p, code in s.execute(
        select(Site.id, Partner.code, Site.code).join(Partner, Partner.id == Site.partner_id))}
    for _, v in sites:
        key = (v["supplier"], v["code"])
        row = s.get(Site, site_ids[key]) if key in site_ids else None
        before = c.snapshot(row) if row else None
        if row is None:
            row = Site(partner_id=partners[v["supplier"]][0], code=v["code"])
            s.add(row)
        row.name, row.country = v["name"], v["country"]
        s.flush()
        site_ids[key] = row.id
        ctx.audit("supply.site.import", "supply_site", f"{v['supplier']}/{v['code']}", before, c.snapshot(row))
    groups = {(v["buyer"], v["for_item"], v["item"]) for _, v in sources}
    superseded = 0
    for buyer, for_item, item in groups:
        query = select(Source).where(Source.status == "active", Source.item_id == item_ids[item])
        query = query.where(Source.buyer_id.is_(None) if buyer is None else Source.buyer_id == partners[buyer][0])
        query = query.where(Source.for_item_id.is_(None) if for_item is None
                            else Source.for_item_id == item_ids[for_item])
        for old in s.execute(query).scalars():
            before = c.snapshot(old)
            old.status = "superseded"
            superseded += 1
            ctx.audit("supply.source.supersede", "supply_source", old.id, before, c.snapshot(old))
    for _, v in sources:
        row = Source(item_id=item_ids[v["item"]], supplier_id=partners[v["supplier"]][0],
                     site_id=site_ids.get((v["supplier"], v["site"])) if v["site"] else None,
                     buyer_id=partners[v["buyer"]][0] if v["buyer"] else None,
                     for_item_id=item_ids[v["for_item"]] if v["for_item"] else None, share=v["share"],
                     lead_time_days=v["lead_time_days"], safety_stock_days=v["safety_stock_days"], price=v["price"])
        s.add(row)
        s.flush()
        ctx.audit("supply.source.import", "supply_source", row.id, None, c.snapshot(row))
    ctx.audit("supply.import", "supply_map", file, None,
              {"items": len(items), "products": len(products), "bom": len(bom), "sites": len(sites),
               "sources": len(sources), "superseded": superseded})
    return {"items": len(items), "products": len(products), "bom": len(bom), "sites": len(sites),
            "sources": len(sources)}


# --- export --------------------------------------------------------------------------------

def export_map(ctx: Context, path: Path, lang: str | None = None) -> dict[str, int]:
    """Write the active map as a workbook that ``import_map`` reads back (shares as percentages)."""
    from openpyxl import Workbook

    ctx.require("read")
    smap = supply.load_map(ctx)
    site_rows = ctx.session.execute(select(Partner.code, Site.code, Site.name, Site.country)
                                    .join(Partner, Partner.id == Site.partner_id)
                                    .order_by(Partner.code, Site.code)).all()
    names = supply.product_labels(ctx)
    rows = {
        "items": [[i.code, i.name, i.kind, i.critical_good or "", i.domain or "", i.export_controlled]
                  for i in sorted(smap.items.values(), key=lambda i: i.code)],
        "products": [[p.code, names.get(p.code, ""), "; ".join(p.customers)]
                     for p in sorted(smap.products.values(), key=lambda p: p.code)],
        "bom": [[p.code, item, qty] for p in sorted(smap.products.values(), key=lambda p: p.code)
                for item, qty in p.items],
        "sites": [list(r) for r in site_rows],
        "sources": [[s.item, s.supplier, s.site, round(s.share * 100, 6), s.lead_time_days, s.safety_stock_days,
                     s.price, s.buyer or "", s.for_item or ""] for s in smap.sources],
    }
    lang = resolve_lang(lang)
    if lang == "ja":  # the sheet names, headers and labels a person reads; import_map reads them back
        rows["items"] = [[code, name, label("item_kind", kind, lang), label("critical_good", good, lang) if good else "",
                          label("domain", domain, lang) if domain else "", words.yes_no(controlled, lang)]
                         for code, name, kind, good, domain, controlled in rows["items"]]
    sheet_names = {kind: name for name, kind in SHEETS.items()} if lang == "ja" else {}
    headers = {column: header for header, column in HEADERS.items()} if lang == "ja" else {}
    book = Workbook()
    book.remove(book.active)
    for sheet in ORDER:
        ws = book.create_sheet(sheet_names.get(sheet, sheet))
        ws.append([headers.get(column, column) for column in COLUMNS[sheet]])
        for row in rows[sheet]:
            ws.append(row)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
    return {k: len(v) for k, v in rows.items()}

"""Joint research (共同研究): projects with research partners, and the pre-publication review.

A project is only started with a research partner whose due diligence is done (foreign
funding included: a partner funded a quarter or more by a foreign government opens a review
obligation), under a joint-development agreement whose terms say who owns improvements, how
long before publication a paper is reviewed, who approves, and what each side brings.

``review_publication`` is the one door for a paper or a presentation: it runs the guard's scan
(codebook terms and process conditions) and looks for the titles of our NDA-rank elements,
stores the findings with a suggested result, and a technology manager records the result.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mamoru.domain import access as access_rules
from mamoru.domain import research as rules
from mamoru.domain import vocab
from mamoru.domain.sites import check_period
from mamoru.errors import Conflict, InvalidInput, NotFound
from mamoru.guard import repository as guard_repo
from mamoru.guard.engine import Guard
from mamoru.guard.formats import format_for
from mamoru.guard.normalize import fold_term
from mamoru.guard.scanner import Scanner
from mamoru.services import common as c
from mamoru.services import locks
from mamoru.services import obligations as obligations_service
from mamoru.services.listing import Filter, ListSpec, Page, page
from mamoru.services.uow import Context
from mamoru.store.models import Agreement, KnowledgeElement, Partner, Technology
from mamoru.store.models.research import PublicationReview, ResearchProject

TITLE_FROM_RANK = 2  # element titles from this rank up are looked for in a paper
MIN_TITLE = 4  # shorter titles ("焼成") would match everywhere
RESTRICTED = "restricted"

PROJECTS = ListSpec(
    "research", ResearchProject,
    filters=(Filter("status", lambda v: ResearchProject.status == v, ("active", "ended")),),
    search=(ResearchProject.code, ResearchProject.title),
    sort={"code": ResearchProject.code, "title": ResearchProject.title, "starts_on": ResearchProject.starts_on,
          "ends_on": ResearchProject.ends_on},
    default_sort="code")


def describe(project: ResearchProject) -> dict[str, Any]:
    return {**c.snapshot(project), "partner": project.partner.code if project.partner else None,
            "agreement": project.agreement.code if project.agreement else None}


def describe_for(ctx: Context, project: ResearchProject) -> dict[str, Any]:
    """``describe`` as this viewer may see it: our elements of hidden technologies left out."""
    data = describe(project)
    codes = data.get("our_elements") or []
    if codes and not ctx.viewer.sees_everything:
        tech = dict(ctx.session.execute(select(KnowledgeElement.code, KnowledgeElement.technology_id)
                                        .where(KnowledgeElement.code.in_(codes))).all())
        data["our_elements"] = [code for code in codes if ctx.viewer.sees_technology(tech.get(code, -1))]
    return data


def get(ctx: Context, code: str) -> ResearchProject:
    ctx.require("read")
    code = c.no_nul("code", code or "").strip()
    row = ctx.session.execute(select(ResearchProject).where(ResearchProject.code == code)).scalar_one_or_none()
    if row is None:
        raise NotFound("notfound.research_project", code=code)
    return row


def list_projects(ctx: Context, filters: Mapping[str, Any] | None = None, search: str | None = None,
                  sort: str | None = None, limit: int | None = 50, offset: int = 0) -> Page:
    ctx.require("read")
    query = select(ResearchProject).options(selectinload(ResearchProject.partner))
    return page(ctx, PROJECTS, query, filters, search, sort, limit, offset)


def _share(value: Any) -> float:
    try:
        share = float(value if value not in (None, "") else 0)
    except (TypeError, ValueError):
        share = -1.0
    if not 0 <= share <= 1:
        raise InvalidInput("research.invalid_share", field="foreign_funding_share", value=value)
    return share


def _days(value: Any, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        days = int(str(value).strip())
    except ValueError:
        days = -1
    if not 0 <= days <= 365:
        raise InvalidInput("research.invalid_review_days", field="review_days", value=value)
    return days


def add_project(ctx: Context, code: str, title: str, partner: str, starts_on: Any, ends_on: Any,
                improvements: str, approver: str, agreement: str | None = None, review_days: Any = None,
                our_elements: Any = None, their_contribution: str = "", foreign_funding_share: Any = 0,
                foreign_funding_source: str = "") -> ResearchProject:
    """Start a project with an assessed research partner; everything is checked before anything is written."""
    ctx.require("manage_abroad")
    code = c.ensure_new_code(ctx, ResearchProject, code)
    title = c.require_text("title", title, 300)
    owner = c.by_code(ctx, Partner, partner)
    if owner.kind != "research_partner":
        raise InvalidInput("research.partner_not_research", field="partner", partner=owner.code)
    if owner.risk_tier is None:
        raise InvalidInput("research.partner_unassessed", field="partner", partner=owner.code)
    if owner.risk_tier == "prohibited" or owner.status == "terminated":
        raise Conflict("research.partner_prohibited", partner=owner.code)
    contract = None
    if agreement and str(agreement).strip():
        contract = c.by_code(ctx, Agreement, agreement)
        if contract.partner_id != owner.id or contract.kind != "joint_development":
            raise InvalidInput("research.agreement_not_joint_development", field="agreement",
                               agreement=contract.code, partner=owner.code)
    start, end = c.day(starts_on, "starts_on"), c.day(ends_on, "ends_on")
    check_period(start, end)
    improvements = c.choice("improvements", improvements, vocab.IMPROVEMENT_OWNERSHIP)
    days = _days(review_days, int(ctx.policy.section("research")["default_review_days"]))
    approver = c.require_text("approver", approver, 200)
    brought = []
    for element_code in dict.fromkeys(str(x).strip() for x in c.names(our_elements, "our_elements") if str(x).strip()):
        element = c.by_code(ctx, KnowledgeElement, element_code)
        if not ctx.viewer.sees_element(element):
            raise NotFound("notfound.element", code=element.code)
        brought.append(element.code)
    share = _share(foreign_funding_share)
    project = ResearchProject(
        code=code, title=title, partner_id=owner.id, agreement_id=contract.id if contract else None,
        starts_on=start, ends_on=end, improvements=improvements, review_days=days, approver=approver,
        our_elements=brought, their_contribution=c.require_text("their_contribution", their_contribution, 5000,
                                                                 allow_empty=True),
        foreign_funding_share=share,
        foreign_funding_source=c.require_text("foreign_funding_source", foreign_funding_source, 300,
                                              allow_empty=True))
    ctx.session.add(project)
    ctx.session.flush()
    ctx.audit("research.add", "research_project", project.code, None, describe(project))
    cfg = ctx.policy.section("research")
    if share >= float(cfg["foreign_funding_share"]):
        obligations_service.create(ctx, "review", "research_project", project.id,
                                   ctx.today + timedelta(days=int(cfg["review_days"])), owner.id,
                                   detail={"project": project.code, "foreign_funding_share": share,
                                           "source": project.foreign_funding_source})
    return project


def readiness(ctx: Context, project: ResearchProject) -> list[dict[str, Any]]:
    """What still needs attention before results flow (catalogue codes and params)."""
    out: list[dict[str, Any]] = []
    if project.agreement is None:
        out.append({"code": "research.no_agreement", "params": {}})
    else:
        clauses = {cl.kind: cl for cl in project.agreement.clauses}
        if "confidentiality" not in clauses:
            out.append({"code": "research.agreement_lacks_confidentiality", "params": {"agreement": project.agreement.code}})
        triggers = set(clauses["termination_triggers"].triggers or []) if "termination_triggers" in clauses else set()
        if "foreign_research_funding" not in triggers:
            out.append({"code": "research.no_funding_trigger", "params": {"agreement": project.agreement.code}})
    if project.foreign_funding_share >= float(ctx.policy.section("research")["foreign_funding_share"]):
        out.append({"code": "research.foreign_funding", "params": {
            "share": f"{project.foreign_funding_share:.0%}", "source": project.foreign_funding_source or "-"}})
    return out


# --- the pre-publication review --------------------------------------------------------------


def _scan(ctx: Context, path: Path) -> list[dict[str, Any]]:
    """Findings as plain data: codebook terms and conditions (the guard), titles of our elements, and
    passages the publication watch says restate one of them."""
    raw = Guard(Scanner(guard_repo.matcher(ctx.session))).scan_file(path)
    ranks = guard_repo.element_ranks(ctx.session, raw.element_codes)
    findings: list[dict[str, Any]] = []
    for f in raw.findings:
        elements = list(f.element_codes)
        kind = f.kind if f.condition is None else "condition"
        findings.append({
            "kind": kind, "condition": f.condition.kind if f.condition is not None else None,
            "text": f.text[:300], "location": f.location.label("ja"), "location_en": f.location.label("en"),
            "elements": elements, "technologies": sorted({t.technology_code for t in f.terms if t.technology_code}),
            "rank": max((ranks.get(e, 0) for e in elements), default=None)})
    findings.extend(_titles(ctx, path))
    findings.extend(_watch(ctx, path))
    return findings


def _watch(ctx: Context, path: Path) -> list[dict[str, Any]]:
    """Passages that say what one of our elements says, in other words (the publication watch's
    matcher, at its alert threshold): a paraphrase or an English gist that no term or title catches."""
    from mamoru.services import watch as watch_service
    from mamoru.watch.match import score_text
    from mamoru.watch.sources import read_publications

    threshold = watch_service.settings(ctx)["alert_threshold"]
    pool = watch_service.candidates(ctx)
    ranks = dict(ctx.session.execute(select(KnowledgeElement.code, KnowledgeElement.rank)).all())
    out: list[dict[str, Any]] = []
    for pub in read_publications(path, path.name):
        for m in score_text(pub.text, pool, min_score=threshold):
            out.append({"kind": "watch", "condition": None, "text": m.passage.text[:300],
                        "location": f"{m.passage.start}文字目", "location_en": f"character {m.passage.start}",
                        "elements": [m.element], "technologies": [m.technology], "rank": ranks.get(m.element),
                        "score": round(m.score, 2)})
    return out


def _titles(ctx: Context, path: Path) -> list[dict[str, Any]]:
    """Titles of our elements (NDA rank and up) written out in the paper."""
    rows = ctx.session.execute(select(KnowledgeElement, Technology.code)
                               .join(Technology, Technology.id == KnowledgeElement.technology_id)
                               .where(KnowledgeElement.status == "active",
                                      KnowledgeElement.rank >= TITLE_FROM_RANK)).all()
    titles = [(fold_term(e.title), e, tech) for e, tech in rows if len(fold_term(e.title)) >= MIN_TITLE]
    found = []
    for unit in format_for(path).extract(path):
        folded = fold_term(unit.text)
        for title, element, tech in titles:
            if title in folded:
                found.append({"kind": "title", "condition": None, "text": element.title,
                              "location": unit.location.label("ja"), "location_en": unit.location.label("en"),
                              "elements": [element.code], "technologies": [tech], "rank": element.rank})
    return found


def review_publication(ctx: Context, project: str, path: Path, title: str, kind: str = "paper",
                       planned_on: Any = None, venue: str = "", file_name: str | None = None) -> PublicationReview:
    """Check a paper or presentation against the protected elements and the codebook before it goes out.

    Staff may submit their own paper; the result is recorded by a technology manager
    (``decide_review``). Nothing is written if the file cannot be read."""
    ctx.require("disclose")
    row = get(ctx, project)
    title = c.require_text("title", title, 300)
    kind = c.choice("kind", kind, vocab.PUBLICATION_KINDS)
    planned = c.day(planned_on, "planned_on")
    if planned < ctx.today:
        raise InvalidInput("research.planned_in_past", field="planned_on", planned_on=planned.isoformat(),
                           today=ctx.today.isoformat())
    path = Path(path)
    findings = _scan(ctx, path)
    review = PublicationReview(
        project_id=row.id, title=title, kind=kind, venue=c.require_text("venue", venue, 300, allow_empty=True),
        submitted_on=ctx.today, planned_on=planned, file_name=(file_name or path.name)[:300],
        file_sha256=hashlib.sha256(path.read_bytes()).hexdigest(), findings=findings,
        suggested=rules.suggested_result(findings), submitted_by=ctx.actor)
    ctx.session.add(review)
    ctx.session.flush()
    ctx.audit("research.review.submit", "publication_review", review.id, None, {
        "project": row.code, "title": title, "file": review.file_name, "sha256": review.file_sha256,
        "findings": len(findings), "elements": sorted({e for f in findings for e in f["elements"]}),
        "suggested": review.suggested})
    return review


def get_review(ctx: Context, review_id: Any) -> PublicationReview:
    ctx.require("read")
    try:
        key = int(review_id)
    except (TypeError, ValueError):
        raise NotFound("notfound.publication_review", id=review_id) from None
    row = ctx.session.get(PublicationReview, key)
    if row is None:
        raise NotFound("notfound.publication_review", id=review_id)
    return row


def decide_review(ctx: Context, review_id: Any, result: str, comment: str = "") -> PublicationReview:
    """The reviewer's result; clearing a paper the scan would block needs a comment that says why."""
    ctx.require("review_publication")
    row = get_review(ctx, review_id)
    row = locks.lock(ctx, PublicationReview, PublicationReview.id == row.id)
    if row.result is not None:
        raise Conflict("research.review_decided", id=row.id, result=row.result)
    result = c.choice("result", result, vocab.REVIEW_RESULTS)
    comment = c.require_text("comment", comment, 5000, allow_empty=True)
    if result == "clear" and row.suggested == "blocked" and not comment:
        raise InvalidInput("research.override_needs_comment", field="comment")
    before = {"result": None, "reviewer": None}
    row.result, row.reviewer, row.reviewed_on, row.comment = result, ctx.actor, ctx.today, comment
    ctx.session.flush()
    ctx.audit("research.review.decide", "publication_review", row.id, before,
              {"result": result, "reviewer": ctx.actor, "reviewed_on": ctx.today.isoformat(), "comment": comment})
    return row


def record_publication(ctx: Context, review_id: Any, published_on: Any) -> PublicationReview:
    """It went out: recorded with warnings when it went before a clear review or inside the review period."""
    ctx.require("disclose")
    row = get_review(ctx, review_id)
    row = locks.lock(ctx, PublicationReview, PublicationReview.id == row.id)
    if row.published_on is not None:
        raise Conflict("research.already_published", id=row.id)
    day = c.day(published_on, "published_on")
    if day < row.submitted_on:
        raise InvalidInput("research.published_before_submission", field="published_on", on=day.isoformat(),
                           submitted_on=row.submitted_on.isoformat())
    c.not_after_tomorrow(ctx, day, "published_on")
    row.published_on = day
    row.warnings = rules.publication_warnings(row.result, row.submitted_on, day, row.project.review_days)
    ctx.session.flush()
    ctx.audit("research.publish", "publication_review", row.id, None,
              {"published_on": day.isoformat(), "warnings": [w["code"] for w in row.warnings]})
    return row


def findings_view(ctx: Context, review: PublicationReview) -> tuple[list[dict[str, Any]], int]:
    """Findings as this viewer may see them: those naming a hidden technology, or an element whose
    details the viewer may not see (rank 3 and up for staff), are withheld: the finding's text is
    the element's title, its codebook term or the passage that restates it."""
    viewer = ctx.viewer
    if viewer.sees_everything and access_rules.sees_details(viewer.role, access_rules.DETAIL_FROM_RANK):
        return list(review.findings), 0
    ids = dict(ctx.session.execute(select(Technology.code, Technology.id)).all())
    shown, withheld = [], 0
    for f in review.findings:
        if (any(not viewer.sees_technology(ids.get(code, -1)) for code in f.get("technologies", []))
                or not access_rules.sees_details(viewer.role, f.get("rank") or 0)):
            withheld += 1
            shown.append({"kind": RESTRICTED, "condition": None, "text": "", "location": "", "location_en": "",
                          "elements": [], "technologies": [], "rank": None})
        else:
            shown.append(f)
    return shown, withheld


def project_view(ctx: Context, project: ResearchProject) -> dict[str, Any]:
    viewer = ctx.viewer
    codes = list(project.our_elements or [])
    elements = []
    if codes:
        rows = ctx.session.execute(select(KnowledgeElement).where(KnowledgeElement.code.in_(codes))).scalars()
        elements = [viewer.element_view(e) for e in rows if viewer.sees_element(e)]
    return {"project": project, "partner": project.partner, "agreement": project.agreement,
            "elements": elements, "readiness": readiness(ctx, project), "reviews": list(project.reviews)}

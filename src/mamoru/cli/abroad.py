"""``mamoru site`` (sites abroad) and ``mamoru research`` (joint research): thin over
``services/sites.py`` and ``services/research.py``."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from mamoru.cli.render import decision_table, rows_table
from mamoru.cli.state import STATE
from mamoru.i18n import label

site_app = typer.Typer(help="Sites abroad / 海外拠点", no_args_is_help=True)
research_app = typer.Typer(help="Joint research / 共同研究", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(site_app, name="site")
    app.add_typer(research_app, name="research")


def _l(kind: str, value) -> str:
    return label(kind, value, STATE.language)


# --- sites -------------------------------------------------------------------------------


@site_app.command("add")
def site_add(code: str, name: str = typer.Option(..., "--name"), country: str = typer.Option(..., "--country"),
             partner: Optional[str] = typer.Option(None, "--partner"),
             local_entity: str = typer.Option("", "--local-entity"),
             planned_on: Optional[str] = typer.Option(None, "--planned-on")) -> None:
    """Register a site abroad, in planning (country: ISO 3166-1 alpha-2, e.g. TH)."""
    from mamoru.services import sites

    with STATE.act() as ctx:
        site = sites.add_site(ctx, code, name, country, partner=partner, local_entity=local_entity,
                              planned_on=planned_on)
        data = sites.describe(site)
    STATE.emit(data, text=STATE.t("abroad.cli.added", code=site.code, country=site.country))


@site_app.command("allow")
def site_allow(code: str, element: str = typer.Option(..., "--element", "-e"),
               allowance: str = typer.Option(..., "--allowance", help="may_teach | black_boxed | stays_in_japan"),
               note: str = typer.Option("", "--note")) -> None:
    """Decide what one element may do at the site; a designated technology opens its advance report."""
    from mamoru.services import sites

    with STATE.act() as ctx:
        sites.set_allowance(ctx, code, element, allowance, note)
        reports = sites.site_view(ctx, sites.get(ctx, code))["reports"]
    lines = [STATE.t("abroad.cli.allowance", code=code, element=element, allowance=_l("site_allowance", allowance))]
    lines += [STATE.t("abroad.cli.report_open", technology=r["technology"], due_on=r["due_on"])
              for r in reports if r["status"] == "open"]
    STATE.emit({"site": code, "element": element, "allowance": allowance, "reports": reports}, text="\n".join(lines))


@site_app.command("stage")
def site_stage(code: str, stage: str = typer.Argument(..., help="contract | operating | withdrawal"),
               on: str = typer.Option(..., "--on"), note: str = typer.Option("", "--note")) -> None:
    """Move the site forward (contract waits for every advance report; withdrawal opens obligations)."""
    from mamoru.services import sites

    with STATE.act() as ctx:
        site = sites.change_stage(ctx, code, stage, on, note)
        obligations = sites.site_view(ctx, site)["obligations"]
    made = [o for o in obligations if o.source == "site"]
    text = STATE.t("abroad.cli.stage", code=code, stage=_l("site_stage", stage))
    if made:
        text += "\n" + STATE.t("abroad.cli.obligations", count=len(made)) + "\n" + "\n".join(
            f"  #{o.id} {_l('obligation', o.kind)} ({o.due_on})" for o in made)
    STATE.emit({"site": code, "stage": stage, "obligations": [o.id for o in made]}, text=text)


@site_app.command("decide")
def site_decide(code: str, on: str = typer.Option(..., "--on")) -> None:
    """Record the internal decision to go ahead (it waits for every advance report)."""
    from mamoru.services import sites

    with STATE.act() as ctx:
        sites.record_internal_decision(ctx, code, on)
    STATE.emit({"site": code, "internal_decision_on": on}, text=STATE.t("abroad.cli.decision", code=code, on=on))


@site_app.command("report-filed")
def site_report_filed(code: str, technology: str = typer.Option(..., "--technology", "-t"),
                      evidence: str = typer.Option(..., "--evidence")) -> None:
    """The FEFTA art. 55-8 advance report was filed: close its obligation with the evidence."""
    from mamoru.services import sites

    with STATE.act() as ctx:
        ob = sites.file_advance_report(ctx, code, technology, evidence)
    STATE.emit({"site": code, "technology": technology, "obligation": ob.id},
               text=STATE.t("abroad.cli.filed", technology=technology))


@site_app.command("visit")
def site_visit(code: str, kind: str = typer.Option("visit", "--kind", help="visit | plant_tour"),
               starts_on: str = typer.Option(..., "--from"), ends_on: Optional[str] = typer.Option(None, "--to"),
               visitors: str = typer.Option(..., "--visitors", help="names separated by ;"),
               shown: List[str] = typer.Option([], "--shown", "-e"), purpose: str = typer.Option("", "--purpose")) -> None:
    """Record a visit or plant tour; it may show only elements that may be taught there."""
    from mamoru.services import sites

    with STATE.act() as ctx:
        visit = sites.record_visit(ctx, code, kind, starts_on, ends_on, visitors, purpose, shown)
    STATE.emit({"id": visit.id, "site": code, "shown": visit.shown}, text=STATE.t("abroad.cli.visit", id=visit.id))


@site_app.command("check")
def site_check(code: str, elements: List[str] = typer.Option(..., "--element", "-e")) -> None:
    """May these elements be taught at the site? Writes nothing; exit 2 when denied."""
    from mamoru.services import sites

    with STATE.read() as ctx:
        decision = sites.teaching_check(ctx, code, elements)
    STATE.emit(decision.as_dict(), table=decision_table(decision, STATE.language))
    if decision.outcome == "deny":
        raise typer.Exit(2)


@site_app.command("list")
def site_list() -> None:
    """Every site with its country, stage and partner."""
    from mamoru.services import sites

    with STATE.read() as ctx:
        rows = sites.list_sites(ctx, limit=None).items
        data = [sites.describe(s) for s in rows]
    STATE.emit(data, table=rows_table(STATE.t("abroad.title"), [STATE.t("web.f.code"), STATE.t("web.f.name"), STATE.t("web.f.country"), STATE.t("web.f.status"), STATE.t("web.f.partner")],
                                      [(d["code"], d["name"], d["country"], _l("site_stage", d["stage"]),
                                        d["partner"] or "-") for d in data]))


@site_app.command("show")
def site_show(code: str) -> None:
    """One site: stages, allowances, visits, advance reports, obligations."""
    from mamoru.services import sites

    with STATE.read() as ctx:
        view = sites.site_view(ctx, sites.get(ctx, code))
        site = view["site"]
        data = {**sites.describe(site), "stages": view["stages"], "allowances": view["allowances"],
                "visits": view["visits"], "reports": view["reports"],
                "obligations": [{"id": o.id, "kind": o.kind, "due_on": o.due_on, "status": o.status}
                                for o in view["obligations"]]}
    table = rows_table(f"{site.code} {site.name} ({site.country}) — {_l('site_stage', site.stage)}",
                       [STATE.t("web.f.code"), STATE.t("web.f.title"), STATE.t("abroad.f.allowance")],
                       [(a["element"]["code"], a["element"]["title"] or "-", _l("site_allowance", a["allowance"]))
                        for a in view["allowances"]])
    STATE.emit(data, table=table)


# --- research -------------------------------------------------------------------------------


@research_app.command("add")
def research_add(code: str, title: str = typer.Option(..., "--title"), partner: str = typer.Option(..., "--partner"),
                 starts_on: str = typer.Option(..., "--from"), ends_on: str = typer.Option(..., "--to"),
                 improvements: str = typer.Option(..., "--improvements", help="ours | theirs | joint | by_contributor"),
                 approver: str = typer.Option(..., "--approver"), agreement: Optional[str] = typer.Option(None, "--agreement"),
                 review_days: Optional[int] = typer.Option(None, "--review-days"),
                 our_elements: List[str] = typer.Option([], "--element", "-e"),
                 their_contribution: str = typer.Option("", "--their-contribution"),
                 foreign_share: float = typer.Option(0.0, "--foreign-funding-share"),
                 foreign_source: str = typer.Option("", "--foreign-funding-source")) -> None:
    """Register a joint research project with an assessed research partner."""
    from mamoru.services import research

    with STATE.act() as ctx:
        project = research.add_project(ctx, code, title, partner, starts_on, ends_on, improvements, approver,
                                       agreement=agreement, review_days=review_days, our_elements=our_elements,
                                       their_contribution=their_contribution, foreign_funding_share=foreign_share,
                                       foreign_funding_source=foreign_source)
        checks = research.readiness(ctx, project)
        data = research.describe(project)
    from mamoru.i18n import t

    lines = [STATE.t("research.cli.added", code=code)] + [f"  ! {t(c['code'], STATE.language, **c['params'])}"
                                                         for c in checks]
    STATE.emit({**data, "readiness": checks}, text="\n".join(lines))


@research_app.command("review")
def research_review(code: str, file: Path = typer.Argument(..., exists=True, dir_okay=False),
                    title: str = typer.Option(..., "--title"), planned_on: str = typer.Option(..., "--planned-on"),
                    kind: str = typer.Option("paper", "--kind"), venue: str = typer.Option("", "--venue")) -> None:
    """Submit a paper or presentation for the pre-publication review (guard scan and element titles)."""
    from mamoru.services import research

    with STATE.act() as ctx:
        review = research.review_publication(ctx, code, file, title, kind, planned_on, venue)
        shown, withheld = research.findings_view(ctx, review)
        data = {"id": review.id, "suggested": review.suggested, "findings": shown, "withheld": withheld}
    table = rows_table(STATE.t("research.findings"), [STATE.t("research.f.kind"), STATE.t("research.f.location"),
                                                       STATE.t("research.f.text"), STATE.t("web.f.rank")],
                       [(_l("finding_kind", f["kind"]), f["location"] if STATE.language == "ja" else f["location_en"],
                         f["text"], f["rank"] if f["rank"] is not None else "-") for f in shown])
    STATE.emit(data, table=table, text=STATE.t("research.cli.reviewed", id=review.id, findings=len(shown),
                                               suggested=_l("review_result", review.suggested)))


@research_app.command("decide")
def research_decide(review_id: int, result: str = typer.Argument(..., help="clear | needs_changes | blocked"),
                    comment: str = typer.Option("", "--comment")) -> None:
    """Record the reviewer's result."""
    from mamoru.services import research

    with STATE.act() as ctx:
        research.decide_review(ctx, review_id, result, comment)
    STATE.emit({"id": review_id, "result": result},
               text=STATE.t("research.cli.decided", id=review_id, result=_l("review_result", result)))


@research_app.command("published")
def research_published(review_id: int, on: str = typer.Option(..., "--on")) -> None:
    """Record that it went out (with warnings when early or not cleared)."""
    from mamoru.i18n import t
    from mamoru.services import research

    with STATE.act() as ctx:
        review = research.record_publication(ctx, review_id, on)
        warnings = list(review.warnings)
    lines = [STATE.t("research.cli.published", id=review_id)] + [
        f"  ! {t(w['code'], STATE.language, **{k: _l('review_result', v) if k == 'result' else v for k, v in w['params'].items()})}"
        for w in warnings]
    STATE.emit({"id": review_id, "warnings": warnings}, text="\n".join(lines))


@research_app.command("list")
def research_list() -> None:
    """Every joint research project."""
    from mamoru.services import research

    with STATE.read() as ctx:
        data = [research.describe(p) for p in research.list_projects(ctx, limit=None).items]
    STATE.emit(data, table=rows_table(STATE.t("research.title"), [STATE.t("web.f.code"), STATE.t("web.f.title"), STATE.t("web.f.partner"), STATE.t("web.f.valid_from"), STATE.t("web.f.valid_to")],
                                      [(d["code"], d["title"], d["partner"], d["starts_on"], d["ends_on"]) for d in data]))

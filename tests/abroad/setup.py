"""A small company for the sites-abroad and joint-research tests: a sintering technology (designated
for priority control), a plain one, a partner abroad for the plant and a university."""

from __future__ import annotations

from mamoru.services import agreements, partners, technologies


def company(ctx) -> None:
    technologies.add_technology(ctx, "SINTER", name="アルミナ低温焼結", domain="technological_superiority",
                                priority_control=True)
    technologies.add_element(ctx, "SINTER", "SINTER-CORE", title="焼結温度プロファイル", rank=4, kind="condition")
    technologies.add_element(ctx, "SINTER", "SINTER-GEN", title="成形体の取り扱い手順", rank=1, kind="other")
    technologies.add_element(ctx, "SINTER", "SINTER-NDA", title="バインダー配合比率", rank=2, kind="recipe")
    technologies.add_technology(ctx, "COAT", name="表面コーティング", domain="technological_superiority")
    technologies.add_element(ctx, "COAT", "COAT-GEN", title="塗布装置の段取り", rank=1, kind="other")
    partners.add_partner(ctx, "TH-LOCAL", name="Siam Ceramics Co.", kind="customer", country="TH")
    partners.assess(ctx, "TH-LOCAL", {f: "low" for f in ("business_overlap", "financial_condition",
                                                         "leadership_attitude", "board_foreign_duty", "reputation")})
    partners.add_partner(ctx, "UNIV", name="東都工業大学", kind="research_partner", country="JP")
    partners.assess(ctx, "UNIV", {f: "low" for f in ("business_overlap", "financial_condition",
                                                     "leadership_attitude", "board_foreign_duty", "reputation")})
    agreements.add_agreement(ctx, "JDA-UNIV", "UNIV", "joint_development", "2026-03-01", "2028-02-28",
                             technologies=["SINTER"],
                             clauses=["confidentiality", "termination_triggers:foreign_research_funding"])

"""The Framework drafted from data: the mapping, the percentile scoring, and drafts with
evidence for a real country."""

from __future__ import annotations

import pandas as pd
import pytest

from tocsin.analysis.framework import drafts
from tocsin.analysis.framework import taxonomy as tax
from tocsin.store.db import Database


def test_mapping_covers_every_factor_with_rationales() -> None:
    lines = drafts.mapping()
    factors = {f.code for f in tax.default_taxonomy().factors}
    assert {ln.factor for ln in lines} == factors
    indicators = {i.code for _f, i in tax.default_taxonomy().indicators()} | factors
    for line in lines:
        assert line.indicator in indicators, line
        assert line.direction in (1, -1) and line.weight > 0
        assert len(line.rationale) > 30, line
    # every factor has at least one quantitative line besides tagged excerpts
    quantitative = {ln.factor for ln in lines if ln.source != "tags"}
    assert quantitative == factors


def test_percentiles_follow_the_direction_and_ties() -> None:
    lines = (
        drafts.MappingLine("RF1", "RF1.1", "panel:deaths", 1, 1.0, "more deaths, more risk"),
        drafts.MappingLine("RF1", "RF1.4", "panel:growth", -1, 1.0, "less growth, more risk"),
    )
    values = pd.DataFrame(
        {
            "code": ["AAA", "BBB", "CCC", "DDD"] * 2 + ["AAA"],
            "year": [2024] * 8 + [2021],
            "variable": ["panel:deaths"] * 4 + ["panel:growth"] * 4 + ["panel:deaths"],
            "value": [0.0, 0.0, 5.0, 9.0, 3.0, -2.0, 1.0, 1.0, 4.0],
        }
    )
    scored = drafts.score_values(values, 2024, lines).set_index(["code", "variable"])
    deaths = scored.xs("panel:deaths", level="variable")["percentile"]
    assert deaths.to_dict() == {"AAA": 0.0, "BBB": 0.0, "CCC": 2 / 3, "DDD": 1.0}
    growth = scored.xs("panel:growth", level="variable")["percentile"]
    assert growth["BBB"] == 1.0 and growth["AAA"] == 0.0 and growth["CCC"] == growth["DDD"]
    assert scored.loc[("AAA", "panel:deaths"), "trend"] == -4.0
    assert pd.isna(scored.loc[("BBB", "panel:deaths"), "trend"])
    factor = drafts.factor_scores(scored.reset_index())
    assert factor.set_index("code").loc["DDD", "score"] == pytest.approx((1.0 + 1 / 3) / 2)


def test_levels_from_scores() -> None:
    assert [drafts.level_for(s) for s in (0.0, 0.3, 0.5, 0.7, 0.95)] == [
        "none",
        "low",
        "moderate",
        "high",
        "very high",
    ]
    assert drafts.level_for(drafts.level_floor("high")) == "high"


@pytest.mark.shared_data
def test_country_drafts_have_evidence(report_db: Database) -> None:
    with report_db.session() as session:
        sudan = drafts.country_drafts(session, "SDN")
        norway = drafts.country_drafts(session, "NOR")
    assert [d.factor.code for d in sudan] == [f"RF{i}" for i in range(1, 15)]
    for draft in sudan:
        assert draft.level in drafts.assessments.LEVELS and draft.evidence
        for e in draft.evidence:
            assert 0 <= e.percentile <= 1 and e.year >= 2020 and e.source
    panel_evidence = [e for d in sudan for e in d.evidence if e.line.source == "panel"]
    assert all(e.dataset == "ewp-predictors" and e.sha256 for e in panel_evidence)
    # the accepted Arabic excerpt tagged RF11.1 counts as documentary evidence
    rf11 = next(d for d in sudan if d.factor.code == "RF11")
    assert any(e.line.source == "tags" and e.value >= 1 for e in rf11.evidence)
    # a country at war ranks above a country at peace on armed conflict
    score = {d.factor.code: d.score for d in sudan}
    calm = {d.factor.code: d.score for d in norway}
    assert score["RF1"] > calm["RF1"] and score["RF2"] > calm["RF2"]
    with report_db.session() as session, pytest.raises(drafts.DraftError, match="RF99"):
        drafts.confirm(session, "SDN", "RF99", "analyst1")

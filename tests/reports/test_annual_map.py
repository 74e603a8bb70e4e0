"""The annual report's map is coloured by the dashboard map's rule (bands fitted to the
risks shown) and its legend says what each colour holds."""

from __future__ import annotations

import re

from tests.browser import require
from tocsin.reports import annual
from tocsin.reports.geometry import world_shapes
from tocsin.reports.render import render_html
from tocsin.reports.scale import NO_DATA, fitted_scale
from tocsin.store.db import Database


def test_annual_map_uses_the_fitted_scale_and_an_honest_legend(
    sqlite_dashboard: Database,
) -> None:
    require(bool(world_shapes()), "map geometry not installed (bash scripts/setup.sh)")
    with sqlite_dashboard.session() as session:
        report = annual.build(session, 2025, "en")
    risks = [r.risk_2yr for r in report.rows]
    scale = fitted_scale(risks)
    assert report.legend == scale.legend(risks)
    assert len(report.legend) == 5
    assert all(b.countries > 0 for b in report.legend)
    assert sum(b.countries for b in report.legend) == len(report.rows) == 12
    fills = re.findall(r'fill="(#[0-9a-f]{6})"', report.map_svg)
    by_iso = dict(zip((s.iso_numeric for s in world_shapes()), fills, strict=True))
    for row in report.rows:
        assert by_iso[row.iso_numeric] == scale.colour(row.risk_2yr), row.code
    assert {b.colour for b in report.legend} <= set(fills)  # every legend colour is on the map
    assert set(fills) - {b.colour for b in report.legend} == {NO_DATA}
    sudan = next(r for r in report.rows if r.code == "SDN")
    assert by_iso[sudan.iso_numeric] == report.legend[-1].colour  # the highest risk, darkest
    html = render_html("reports/annual.html", "en", r=report, version=1, changes=[])
    for band in report.legend:
        assert f"{band.label} ({band.countries})" in html  # as on the dashboard
    french = render_html("reports/annual.html", "fr", r=report, version=1, changes=[])
    low, high = report.legend[-1].low, report.legend[-1].high
    assert f"{low * 100:.1f}\xa0%–{high * 100:.1f}\xa0%".replace(".", ",") in french

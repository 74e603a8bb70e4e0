"""The annual report's ranking shows the forecast's 80 % intervals when the forecast
stored them, and says it shows point estimates when it did not."""

from __future__ import annotations

from sqlalchemy import select

from tocsin.reports import annual
from tocsin.reports.render import render_html
from tocsin.store.db import Database
from tocsin.store.models import Forecast, ForecastRun


def _html(db: Database) -> str:
    with db.session() as session:
        report = annual.build(session, 2025, "en")
    return render_html("reports/annual.html", "en", r=report, version=1, changes=[])


def test_intervals_in_the_ranking(sqlite_dashboard: Database) -> None:
    assert "Point estimates" in _html(sqlite_dashboard)
    with sqlite_dashboard.session() as session:
        run = session.scalars(select(ForecastRun).where(ForecastRun.base_year == 2024)).one()
        for f in session.scalars(select(Forecast).where(Forecast.run_id == run.id)):
            f.risk_2yr_low, f.risk_2yr_high = f.risk_2yr * 0.5, f.risk_2yr * 1.5
            f.rank_2yr_low, f.rank_2yr_high = max(1, f.rank_2yr - 1), f.rank_2yr + 2
    html = _html(sqlite_dashboard)
    assert "Point estimates" not in html and "80% interval" in html
    # Sudan ranks first at 10.0 %: interval 5.0-15.0 %, overlapping Myanmar's 2.5-7.5 %
    sudan = html.split(">Sudan<")[1].split("</tr>")[0]
    assert "5.0%–15.0% ≈" in sudan.replace("\u202f", "").replace(" %", "%")
    assert "1–3" in sudan

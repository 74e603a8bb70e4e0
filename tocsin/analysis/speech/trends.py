"""Weekly trends of flagged speech by country, target group and category, and surge
detection against each series' own baseline.

A series is (country, target group); its weekly count of flagged posts is compared
with the same series' previous ``history_weeks`` weeks. The baseline is a negative
binomial fitted by the method of moments (Poisson with mean at least ``floor`` when
there is no over-dispersion); a surge is a week whose upper-tail probability is below
``alpha`` with at least ``min_count`` flagged posts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.analysis.baseline import tail_probability
from tocsin.store.models import Country, SpeechPost


def week_start(day: date | datetime) -> date:
    """The Monday of ``day``'s ISO week."""
    day = day.date() if isinstance(day, datetime) else day
    return day - timedelta(days=day.weekday())


def posts_frame(
    session: Session, country_id: int | None = None, since: date | None = None
) -> pd.DataFrame:
    """Posts as a frame: id, country_id, week, target, category, lang, flagged, reach."""
    query = select(
        SpeechPost.id,
        SpeechPost.country_id,
        SpeechPost.posted_at,
        SpeechPost.target,
        SpeechPost.category,
        SpeechPost.lang,
        SpeechPost.label,
        SpeechPost.views,
        SpeechPost.shares,
    )
    if country_id is not None:
        query = query.where(SpeechPost.country_id == country_id)
    if since is not None:
        query = query.where(SpeechPost.posted_at >= datetime.combine(since, datetime.min.time()))
    rows = session.execute(query).all()
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "country_id",
            "posted_at",
            "target",
            "category",
            "lang",
            "label",
            "views",
            "shares",
        ],
    )
    frame["week"] = [week_start(t) for t in frame["posted_at"]]
    frame["flagged"] = frame["label"] == "hateful"
    frame["target"] = frame["target"].replace("", "none")
    frame["lang"] = frame["lang"].replace("", "unknown")
    return frame


def weekly(frame: pd.DataFrame, by: str = "target") -> pd.DataFrame:
    """Flagged posts per week and ``by`` (target, category or lang), with all posts per week;
    weeks without posts inside the span are filled with zeros."""
    if frame.empty:
        return pd.DataFrame(columns=["week", by, "flagged", "posts"])
    flagged = frame[frame["flagged"]]
    weeks = pd.date_range(min(frame["week"]), max(frame["week"]), freq="7D").date
    keys = sorted(flagged[by].unique()) if not flagged.empty else []
    grid = pd.MultiIndex.from_product([weeks, keys], names=["week", by])
    counts = flagged.groupby(["week", by]).size().reindex(grid, fill_value=0)
    out = counts.rename("flagged").reset_index()
    totals = frame.groupby("week").size()
    out["posts"] = out["week"].map(totals).fillna(0).astype(int)
    return out


@dataclass
class Surge:
    """A week of flagged speech against a group far above the series' own baseline."""

    country_id: int
    target: str
    week: date
    observed: int
    baseline: float
    tail: float
    history_weeks: int
    post_ids: list[int] = field(default_factory=list)


def detect_surges(
    frame: pd.DataFrame,
    week: date,
    history_weeks: int = 12,
    min_history_weeks: int = 4,
    alpha: float = 0.01,
    min_count: int = 5,
) -> list[Surge]:
    """Surges in ``week`` per (country, target) series of a :func:`posts_frame`."""
    frame = frame[frame["country_id"].notna()]
    surges = []
    for (country_id, target), part in frame[frame["flagged"]].groupby(["country_id", "target"]):
        in_country = frame[frame["country_id"] == country_id]
        first = min(in_country["week"])
        counts = part.groupby("week").size()
        observed = int(counts.get(week, 0))
        if observed < min_count:
            continue
        start = max(first, week - timedelta(weeks=history_weeks))
        history_weeks_list = pd.date_range(start, week - timedelta(weeks=1), freq="7D").date
        if len(history_weeks_list) < min_history_weeks:
            continue
        history = np.array([counts.get(w, 0) for w in history_weeks_list], dtype=float)
        mean, tail = tail_probability(history, observed)
        if tail >= alpha:
            continue
        ids = part[part["week"] == week].sort_values("views", ascending=False)["id"]
        surges.append(
            Surge(
                int(country_id),
                str(target),
                week,
                observed,
                mean,
                tail,
                len(history),
                [int(i) for i in ids],
            )
        )
    return surges


def country_trend(
    session: Session, country: Country, weeks: int = 26, by: str = "target"
) -> pd.DataFrame:
    """Weekly flagged posts by ``by`` in a country over the last ``weeks`` weeks with data."""
    frame = posts_frame(session, country.id)
    if frame.empty:
        return weekly(frame, by)
    last = max(frame["week"])
    frame = frame[frame["week"] > last - timedelta(weeks=weeks)]
    return weekly(frame, by)


def country_language_table(session: Session, weeks: int = 12) -> pd.DataFrame:
    """Posts and flagged posts per country and language over the last ``weeks`` weeks
    with data (columns code, country, lang, posts, flagged; most flagged first)."""
    frame = posts_frame(session)
    frame = frame[frame["country_id"].notna()]
    columns = ["code", "country", "lang", "posts", "flagged"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    last = max(frame["week"])
    frame = frame[frame["week"] > last - timedelta(weeks=weeks)]
    table = (
        frame.groupby(["country_id", "lang"])
        .agg(posts=("id", "size"), flagged=("flagged", "sum"))
        .reset_index()
    )
    ids = [int(i) for i in table["country_id"].unique()]
    rows = session.execute(
        select(Country.id, Country.code, Country.name).where(Country.id.in_(ids))
    ).all()
    table["code"] = table["country_id"].map({i: code for i, code, _ in rows})
    table["country"] = table["country_id"].map({i: name for i, _, name in rows})
    table["flagged"] = table["flagged"].astype(int)
    table = table.sort_values(["flagged", "posts", "country"], ascending=[False, False, True])
    return table[columns].reset_index(drop=True)

"""The risk-factor taxonomy: 14 risk factors (8 common, 6 specific) and their indicators.

The packaged default (``data/taxonomy.json``) follows the structure of the UN Framework
of Analysis for Atrocity Crimes (2014) in the project's own words. An organisation can
export it (JSON or CSV), adapt it, and import it as a new version; the store keeps every
imported version and uses the active one.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tocsin.store import audit
from tocsin.store.models import TaxonomyVersion

DEFAULT_PATH = Path(__file__).parent / "data" / "taxonomy.json"
CSV_COLUMNS = [
    "factor_code",
    "factor_kind",
    "factor_name",
    "factor_description",
    "indicator_code",
    "indicator_label",
    "indicator_description",
    "keywords",
]


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message says what and where."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorDef(_Strict):
    """One indicator of a risk factor."""

    code: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9._-]+$")
    label: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=2000)
    keywords: tuple[str, ...] = ()


class FactorDef(_Strict):
    """One risk factor with its indicators."""

    code: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9._-]+$")
    kind: Literal["common", "specific"]
    name: str = Field(min_length=1, max_length=300)
    description: str = ""
    indicators: tuple[IndicatorDef, ...] = Field(min_length=1)


class Taxonomy(_Strict):
    """A versioned set of risk factors."""

    name: str = Field(min_length=1, max_length=80)
    version: str = Field(min_length=1, max_length=40)
    title: str = ""
    source: str = ""
    factors: tuple[FactorDef, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> Taxonomy:
        seen: set[str] = set()
        for factor in self.factors:
            for code in (factor.code, *(i.code for i in factor.indicators)):
                if code in seen:
                    raise ValueError(f"code {code!r} is used twice")
                seen.add(code)
        return self

    def factor(self, code: str) -> FactorDef:
        """The factor with ``code``; KeyError naming the known codes otherwise."""
        for factor in self.factors:
            if factor.code == code:
                return factor
        raise KeyError(f"unknown risk factor {code!r} (known: {', '.join(self.factor_codes())})")

    def factor_codes(self) -> list[str]:
        """Factor codes in order."""
        return [f.code for f in self.factors]

    def indicators(self) -> list[tuple[FactorDef, IndicatorDef]]:
        """Every (factor, indicator) pair in order."""
        return [(f, i) for f in self.factors for i in f.indicators]

    def indicator(self, code: str) -> IndicatorDef:
        """The indicator with ``code``; TaxonomyError if there is none."""
        for _factor, indicator in self.indicators():
            if indicator.code == code:
                return indicator
        raise TaxonomyError(f"unknown indicator {code!r}; see `tocsin framework show`")


def parse(data: dict[str, object], where: str = "taxonomy") -> Taxonomy:
    """Validate a taxonomy document; errors name the field that is wrong."""
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise TaxonomyError(f"{where}: {loc}: {first['msg']}") from None


@cache
def default_taxonomy() -> Taxonomy:
    """The packaged taxonomy."""
    return parse(json.loads(DEFAULT_PATH.read_text(encoding="utf-8")), str(DEFAULT_PATH))


def to_json(taxonomy: Taxonomy) -> str:
    """The taxonomy as JSON text."""
    return json.dumps(taxonomy.model_dump(mode="json"), indent=1, ensure_ascii=False)


def to_csv(taxonomy: Taxonomy) -> str:
    """The taxonomy as CSV, one row per indicator; keywords separated by ``;``.

    The name, version, title and source travel as JSON in a first comment line ``# {...}``.
    """
    out = io.StringIO()
    meta = {k: getattr(taxonomy, k) for k in ("name", "version", "title", "source")}
    out.write(f"# {json.dumps(meta, ensure_ascii=False)}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for factor, ind in taxonomy.indicators():
        writer.writerow(
            [
                factor.code,
                factor.kind,
                factor.name,
                factor.description,
                ind.code,
                ind.label,
                ind.description,
                ";".join(ind.keywords),
            ]
        )
    return out.getvalue()


def from_csv(text: str, where: str = "CSV") -> Taxonomy:
    """Read the CSV layout written by :func:`to_csv`."""
    lines = text.splitlines()
    meta: dict[str, str] = {}
    if lines and lines[0].startswith("#"):
        try:
            meta = json.loads(lines.pop(0)[1:])
        except json.JSONDecodeError:
            raise TaxonomyError(f"{where}: the first line must be '# ' and a JSON object") from None
    reader = csv.DictReader(lines)
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise TaxonomyError(f"{where}: missing columns {', '.join(missing)}")
    factors: dict[str, dict[str, Any]] = {}
    for row in reader:
        factor = factors.setdefault(
            row["factor_code"],
            {
                "code": row["factor_code"],
                "kind": row["factor_kind"],
                "name": row["factor_name"],
                "description": row["factor_description"],
                "indicators": [],
            },
        )
        keywords = [k.strip() for k in row["keywords"].split(";") if k.strip()]
        factor["indicators"].append(
            {
                "code": row["indicator_code"],
                "label": row["indicator_label"],
                "description": row["indicator_description"],
                "keywords": keywords,
            }
        )
    data: dict[str, object] = {
        "name": meta.get("name", "imported"),
        "version": meta.get("version", "1"),
        "title": meta.get("title", ""),
        "source": meta.get("source", ""),
        "factors": list(factors.values()),
    }
    return parse(data, where)


def load_file(path: Path) -> Taxonomy:
    """Read a taxonomy from a .json or .csv file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read: {exc}") from None
    if path.suffix.lower() == ".csv":
        return from_csv(text, str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(f"{path}: not valid JSON: {exc}") from None
    return parse(data, str(path))


def active(session: Session) -> Taxonomy:
    """The active taxonomy in the store, or the packaged default."""
    row = session.scalars(select(TaxonomyVersion).where(TaxonomyVersion.active)).first()
    return (
        parse(row.document, f"stored taxonomy {row.name} {row.version}")
        if row
        else (default_taxonomy())
    )


def install(session: Session, taxonomy: Taxonomy, actor: str) -> TaxonomyVersion:
    """Store ``taxonomy`` as a version and make it the active one (audited).

    Importing the same name and version again replaces nothing: it only re-activates it.
    """
    row = session.scalars(
        select(TaxonomyVersion).where(
            TaxonomyVersion.name == taxonomy.name, TaxonomyVersion.version == taxonomy.version
        )
    ).one_or_none()
    if row is not None and row.document != taxonomy.model_dump(mode="json"):
        raise TaxonomyError(
            f"taxonomy {taxonomy.name} version {taxonomy.version} is already stored with "
            "different content; give the changed taxonomy a new version"
        )
    session.execute(update(TaxonomyVersion).values(active=False))
    if row is None:
        row = TaxonomyVersion(
            name=taxonomy.name,
            version=taxonomy.version,
            document=taxonomy.model_dump(mode="json"),
            imported_by=actor,
        )
        session.add(row)
    row.active = True
    session.flush()
    audit.record(
        session,
        actor,
        "import",
        "taxonomy",
        row.id,
        after={
            "name": taxonomy.name,
            "version": taxonomy.version,
            "indicators": len(taxonomy.indicators()),
        },
    )
    return row

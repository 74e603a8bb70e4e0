"""Conflict event data: UCDP (CC BY 4.0) and an ACLED sample (not redistributable).

UCDP publishes GED releases as ZIP archives and Candidate events as monthly CSVs at
https://ucdp.uu.se/downloads/; the checksums are those of the files as laid out in the
mirror (``events/ucdp/...``). Unzip an official release into the mirror to use it.
"""

from tocsin.sources.datasets import Dataset, register

_UCDP = "CC BY 4.0"
_UCDP_CITE = (
    "Sundberg & Melander (2013), Journal of Peace Research 50(4); "
    "Davies et al. (2025), Journal of Peace Research 62(4)."
)


def _ucdp(
    name: str, filename: str, url: str, sha256: str, description: str, version: str
) -> Dataset:
    return Dataset(
        name=name,
        group="events/ucdp",
        filename=filename,
        url=url,
        sha256=sha256,
        licence=_UCDP,
        citation=_UCDP_CITE,
        description=description,
        version=version,
    )


register(
    _ucdp(
        "ucdp-candidate-2021",
        "GEDEvent_v21_01_21_12.csv",
        "https://ucdp.uu.se/downloads/candidateged/GEDEvent_v21_01_21_12.csv",
        "2f24e140d79f290dce06593880efe25446df9c6887cc1ff29d17c625b4a55a71",
        "UCDP Candidate events, all countries, January-December 2021.",
        "Candidate 21.01.21.12",
    ),
    _ucdp(
        "ucdp-candidate-2022-02",
        "GEDEvent_v22_0_2.csv",
        "https://ucdp.uu.se/downloads/candidateged/GEDEvent_v22_0_2.csv",
        "1944479ede9788d9c77cc560118d37f181b41791a0f2bf106ef64b145964d2fa",
        "UCDP Candidate events, all countries, January-February 2022.",
        "Candidate 22.0.2",
    ),
    _ucdp(
        "ucdp-ged-car",
        "GEDEvent_v23_1_CAR482.csv",
        "https://ucdp.uu.se/downloads/ged/ged231-csv.zip",
        "b3f2bcf4da23c58ec5f95a9ef1ae610a97fa5370751a9ed187314f6497052948",
        "UCDP GED 23.1, Central African Republic 1991-2022 (extract of the global release).",
        "GED 23.1",
    ),
    _ucdp(
        "ucdp-ged-mexico",
        "GED_mexico_1989_2023.csv",
        "https://ucdp.uu.se/downloads/ged/ged241-csv.zip",
        "6237575c7ab27b2edef40cb3f70ea24119782d636efda3b81001494bccaeb67e",
        "UCDP GED, Mexico 1989-2023 (extract of the global release).",
        "GED 24.1",
    ),
    _ucdp(
        "ucdp-country-year-deaths",
        "ucdp_country_year_deaths_by_type.csv",
        "https://ucdp.uu.se/downloads/",
        "2435ce3de62ea3ae00c6ba5d450c7abba0aee08ad099765cc633be9a51b99993",
        "Deaths per country-year 1989-2022 by type of violence (Our World in Data from UCDP).",
        "UCDP 23.1 via Our World in Data",
    ),
    Dataset(
        name="acled-sample-2022h1",
        group="events/acled",
        filename="acled_sample_2022H1.csv",
        url="https://acleddata.com/data-export-tool/",
        sha256="777603360335eb73fccea3c87e37bfc84ab0bdadf6357ac78e0adecc8969d6b4",
        licence="ACLED terms of use: registered access; redistribution forbidden",
        citation="Raleigh et al. (2010), Journal of Peace Research 47(5); acleddata.com.",
        description="9,000 ACLED events, January-June 2022: a local test fixture only.",
        version="2022H1 sample",
        redistributable=False,
    ),
)

# The files above in UCDP's GED event layout, imported by `tocsin up` (ACLED's sample is
# a local test fixture only and is never imported by default).
GED_EVENT_DATASETS: tuple[str, ...] = (
    "ucdp-candidate-2021",
    "ucdp-candidate-2022-02",
    "ucdp-ged-car",
    "ucdp-ged-mexico",
)

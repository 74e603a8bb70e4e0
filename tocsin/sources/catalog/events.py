"""Conflict event data: UCDP (CC BY 4.0) and an ACLED sample (not redistributable).

UCDP publishes GED yearly releases as ZIP archives (the CSV member is extracted on
download) and Candidate events as monthly CSVs at https://ucdp.uu.se/downloads/ (the
newest Candidate release is found on that listing: ``tocsin.sources.candidate``).

Per-country GED files that third parties republished (UCDP's per-country files on HDX,
research repositories) are registered as ``republished`` extracts: a mirror provides them,
never a download, and their descriptions say where they come from (see SOURCES.md of the
shared data).
"""

from tocsin.sources.datasets import Dataset, register

_UCDP = "CC BY 4.0"
_UCDP_CITE = (
    "Sundberg & Melander (2013), Journal of Peace Research 50(4); "
    "Davies et al. (2025), Journal of Peace Research 62(4)."
)


def _ucdp(
    name: str,
    filename: str,
    url: str,
    sha256: str | None,
    description: str,
    version: str,
    origin: str = "official",
    group: str = "events/ucdp",
    member: str | None = None,
    on_demand: bool = False,
) -> Dataset:
    return Dataset(
        name=name,
        group=group,
        filename=filename,
        url=url,
        sha256=sha256,
        licence=_UCDP,
        citation=_UCDP_CITE,
        description=description,
        version=version,
        origin=origin,
        member=member,
        on_demand=on_demand,
    )


_GED = "https://ucdp.uu.se/downloads/ged"
_REPUBLISHED = "republished extract, provided by a mirror only"
# file, country, GED version, years, SHA-256, origin and caveats (SOURCES.md of the data)
_GED_COUNTRY_FILES = (
    (
        "GED_v251_BFA.csv.gz",
        "bfa",
        "Burkina Faso",
        "25.1",
        "2016-2024",
        "3b61f05875551e47e6f3714dcb9de723697bfed6059366a50184a6ec328e3554",
        "republished by ethorsnl/CC1_BFA; a derived column dropped, "
        "float-written integers restored",
    ),
    (
        "GED_v251_NGA_2015-2024.csv.gz",
        "nga-2015",
        "Nigeria",
        "25.1",
        "2015-2024",
        "97b43cbf02cc4d34d180e81849945dc22f320e19917c07e5bbc57a01e581854e",
        "republished by ethorsnl/CC1_BFA; Nigeria 1990-2014 is in the 20.1 file",
    ),
    (
        "GED_v241_SDN.csv.gz",
        "sdn",
        "Sudan",
        "24.1",
        "1989-2023",
        "6f52afbb41ca9070a242ca9b2bf82c97acd1a2aeb1bb9d5fe52135429110a81d",
        "UCDP's HDX file, republished by OmdenaAI; 2002 and 2023 revised in 25.1",
    ),
    (
        "GED_v241_LKA.csv.gz",
        "lka",
        "Sri Lanka",
        "24.1",
        "1989-2019",
        "01a9eda18833766a09be849172d5389da522c18f3b5eadadda197b5a78f835de",
        "UCDP's HDX file, republished by IchChefDuNixx/SriLankaEconomy",
    ),
    (
        "GED_v221_PHL.csv.gz",
        "phl",
        "Philippines",
        "22.1",
        "1989-2021",
        "368222b4aea01ed2cfad833ce2469cc31e2ac476ce4f66a26d453cc332340249",
        "UCDP's HDX file, republished; totals equal 25.1 in 25 of 33 years",
    ),
    (
        "GED_v221_PAK.csv.gz",
        "pak",
        "Pakistan",
        "22.1",
        "1989-2021",
        "00978c062c12fa8ddba53bf16b1a336723be23b3e8f845fa3a79a4a0adf3389f",
        "UCDP's HDX file, republished; totals equal 25.1 in 23 of 33 years",
    ),
    (
        "GED_v221_UKR.csv.gz",
        "ukr",
        "Ukraine",
        "22.1",
        "2014-2021",
        "fca29f7927f8ab3b2ab941d96a028e5fa05953ce5bcb218b29b4cdf5743ebf7b",
        "UCDP's HDX file, republished; ends in 2021, before the 2022 invasion",
    ),
    (
        "GED_v221_SSD.csv.gz",
        "ssd",
        "South Sudan",
        "22.1",
        "2011-2021",
        "f071ac7e68e6f99d6a88e1771bad6bbd7af7cb4995d8c43e3cc78831c6ce89c1",
        "UCDP's HDX file, republished",
    ),
    (
        "GED_v201_NGA_1990-2014.csv.gz",
        "nga-1990",
        "Nigeria",
        "20.1",
        "1990-2014",
        "aab5c8639b9ac1b857484b955c521441db860a2362da491456e3c8cab3e374ce",
        "UCDP's HDX file, republished; cut to 1990-2014 (later years are in the 25.1 file)",
    ),
    (
        "GED_v201_IDN.csv.gz",
        "idn",
        "Indonesia",
        "20.1",
        "1989-2019",
        "66526a470c8218cfe75c548c6a87f0423fc28279b352fda59833f9471225be48",
        "UCDP's HDX file, republished",
    ),
    (
        "GED_explorer2021_YEM_AQAP-subset.csv.gz",
        "yem-aqap",
        "Yemen (AQAP dyads only: a subset)",
        "20.1/21.1",
        "2009-2019",
        "8d5afa49363390d29f49845f551974c6245dc64782610d7c146f6a269741d2ab",
        "a GED Explorer download republished by margaretfoster/growthtrap_rep; "
        "only the AQAP dyads, not all of Yemen",
    ),
    (
        "GED_v191_IRQ.csv.gz",
        "irq",
        "Iraq",
        "19.1",
        "1989-2018",
        "4d33b23151b08fa2d3395d9cfa865ce8ff30a82102d367dfcf75d9c453ed85aa",
        "UCDP's HDX file, republished; UCDP revised Iraq a lot since",
    ),
    (
        "GED_v191_COL.csv.gz",
        "col",
        "Colombia",
        "19.1",
        "1989-2018",
        "0e720ba9a62af3f3757f70dc8b617461c21177c3da708684e3e0c8f8e65b4adb",
        "UCDP's HDX file, republished; UCDP revised Colombia a lot since",
    ),
    (
        "GED_v191_BGD.csv.gz",
        "bgd",
        "Bangladesh",
        "19.1",
        "1989-2018",
        "309963c4666bbc4e9bfcaef085307525421835b84f6249a556e39a2de617521b",
        "UCDP's HDX file, republished",
    ),
    (
        "GED-Syria_v191_SYR_2016-2019.csv.gz",
        "syr",
        "Syria (UCDP GED Syria release)",
        "GED Syria 19.1",
        "2016-2019",
        "3fb8769cbf5904fbc078f5c99fd7b3a893377830995f6dbdeced967f00658673",
        "the separate GED Syria release (keeps events below GED Global's threshold: "
        "totals not comparable), converted from R data by knapply/data4ds4da",
    ),
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
        "ucdp-ged-25.1",
        "GEDEvent_v25_1.csv",
        f"{_GED}/ged251-csv.zip",
        None,  # not seen here yet: recorded at the first download, then enforced
        "UCDP GED 25.1, the global yearly release, 1989-2024 (the CSV inside the ZIP).",
        "GED 25.1",
        member="GEDEvent_v25_1.csv",
        on_demand=True,
    ),
    _ucdp(
        "ucdp-ged-car",
        "GEDEvent_v23_1_CAR482.csv",
        f"{_GED}/ged231-csv.zip",
        "b3f2bcf4da23c58ec5f95a9ef1ae610a97fa5370751a9ed187314f6497052948",
        f"UCDP GED 23.1, Central African Republic 1991-2022: a {_REPUBLISHED} "
        "(optgeo/ucdp-23.1-482), cut from the global release at the URL.",
        "GED 23.1",
        origin="republished",
    ),
    _ucdp(
        "ucdp-ged-mexico",
        "GED_mexico_1989_2023.csv",
        f"{_GED}/ged241-csv.zip",
        "6237575c7ab27b2edef40cb3f70ea24119782d636efda3b81001494bccaeb67e",
        f"UCDP GED, Mexico 1989-2023: a {_REPUBLISHED} (netify-dev/netify, converted from "
        "R data), cut from the global release at the URL.",
        "GED 24.1",
        origin="republished",
    ),
    *(
        _ucdp(
            f"ucdp-ged-{key}",
            filename,
            f"{_GED}/",
            sha256,
            f"UCDP GED {version}, {country} {years}: a {_REPUBLISHED}; {caveat}.",
            f"GED {version}" if version[0].isdigit() else version,
            origin="republished",
            group="events/ucdp/ged",
        )
        for filename, key, country, version, years, sha256, caveat in _GED_COUNTRY_FILES
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

# Per-country GED files with long histories, imported by `tocsin up` (after
# GED_EVENT_DATASETS), for the benchmark (bench/alerts.py) and by
# `tocsin events import-datasets`.
GED_COUNTRY_DATASETS: tuple[str, ...] = tuple(f"ucdp-ged-{f[1]}" for f in _GED_COUNTRY_FILES)

# The files above in UCDP's GED event layout, imported by `tocsin up` (ACLED's sample is
# a local test fixture only and is never imported by default).
GED_EVENT_DATASETS: tuple[str, ...] = (
    "ucdp-candidate-2021",
    "ucdp-candidate-2022-02",
    "ucdp-ged-car",
    "ucdp-ged-mexico",
)

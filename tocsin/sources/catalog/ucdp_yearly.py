"""UCDP yearly datasets, version 25.1 (1946/1989-2024), as UCDP publishes them.

Each is released at https://ucdp.uu.se/downloads/ as a ZIP archive holding one CSV
(``member``). The checksums are those of the CSV files laid out in the mirror
(``events/ucdp/...``). UCDP data is CC BY 4.0.
"""

from tocsin.sources.datasets import Dataset, register

_BASE = "https://ucdp.uu.se/downloads"
_CITE = (
    "Davies, Pettersson, Sollenberg & Öberg (2025), 'Organized violence 1989-2024, and the "
    "challenges of identifying civilian victims', Journal of Peace Research 62(4)."
)


def _ucdp25(
    name: str, filename: str, archive: str, sha256: str, description: str, citation: str = ""
) -> Dataset:
    return Dataset(
        name=name,
        group="events/ucdp",
        filename=filename,
        url=f"{_BASE}/{archive}",
        sha256=sha256,
        licence="CC BY 4.0",
        citation=f"{_CITE} {citation}".strip(),
        description=description,
        version="UCDP 25.1",
        member=filename,
    )


register(
    _ucdp25(
        "ucdp-organizedviolence-cy-25.1",
        "organizedviolencecy_v25_1.csv",
        "organizedviolencecy/organizedviolencecy-251-csv.zip",
        "6937c55e59e677def1796d58ac9a814682570ead7120bdc663500423c21e8572",
        "UCDP Country-Year Dataset on Organized Violence within Country Borders 25.1, "
        "1989-2024: deaths by type of violence per country-year, UCDP's own attribution.",
    ),
    _ucdp25(
        "ucdp-onesided-25.1",
        "OneSided_v25_1.csv",
        "nsos/ucdp-onesided-251-csv.zip",
        "a93ad7350868247c37af929849ca54a9650903c9573f890490c876fc28f610d0",
        "UCDP One-sided Violence Dataset 25.1, actor-years 1989-2024.",
        "Eck & Hultman (2007), Journal of Peace Research 44(2).",
    ),
    _ucdp25(
        "ucdp-nonstate-25.1",
        "NonState_v25_1.csv",
        "nsos/ucdp-nonstate-251-csv.zip",
        "055b045bcc83e4ec8c2172a039f6c240b72aa5082c94af34338a623b0fe57c54",
        "UCDP Non-State Conflict Dataset 25.1, dyad-years 1989-2024.",
        "Sundberg, Eck & Kreutz (2012), Journal of Peace Research 49(2).",
    ),
    _ucdp25(
        "ucdp-brd-conf-25.1",
        "BattleDeaths_v25_1_conf.csv",
        "brd/ucdp-brd-conf-251-csv.zip",
        "6c1dbf249cd21a5c686a1d5bda5da7766630f650b88475387c958972cbbab316",
        "UCDP Battle-Related Deaths Dataset 25.1, conflict level, 1989-2024.",
    ),
    _ucdp25(
        "ucdp-prio-acd-25.1",
        "UcdpPrioConflict_v25_1.csv",
        "ucdpprio/ucdp-prio-acd-251-csv.zip",
        "a7a2ff6caf6c854f4fafb1b17f616da1ed6bbc00612943ec6e071511ebea7a81",
        "UCDP/PRIO Armed Conflict Dataset 25.1, conflict-years 1946-2024.",
        "Gleditsch et al. (2002), Journal of Peace Research 39(5).",
    ),
)

"""Public texts on atrocity prevention, ingested into the Framework of Analysis workbench.

The files are plain-text copies of public web pages (statements, a news item, a UN
report in a machine translation). ``url`` is the page the text was published on, as far
as the project could establish: the first four were matched to their pages by their
opening paragraphs; for the ICR2P call to action only the coalition's site is known.
The checksums are those of the mirror files (``documents/...``); a fresh download of a
web page would not reproduce them byte for byte, so use the mirror for these.
"""

from tocsin.sources.datasets import Dataset, register

GROUP = "documents"
_LICENCE = "Public statement; quoted for research with attribution to its authors"

DOCUMENTS: tuple[Dataset, ...] = (
    Dataset(
        name="doc-gcr2p-call-to-action-2020",
        group=GROUP,
        filename="000_a88e07021a2c6bf1.txt",
        url=(
            "https://www.globalr2p.org/publications/the-un-secretary-generals-call-to-action-"
            "for-human-rights-and-the-prevention-of-mass-atrocities/"
        ),
        sha256="20ff13927a81c7b344efffdc28ddeec809450217c498f33d60ccfa30b4e55b62",
        licence=_LICENCE,
        citation="Global Centre for the Responsibility to Protect, 24 February 2020.",
        description="GCR2P statement on the Secretary-General's Call to Action for Human Rights.",
        version="2020-02-24",
    ),
    Dataset(
        name="doc-sg-report-a-75-863",
        group=GROUP,
        filename="001_cd477ae098fbe494.txt",
        url=(
            "https://reliefweb.int/report/world/advancing-atrocity-prevention-work-office-"
            "genocide-prevention-and-responsibility"
        ),
        sha256="eed22acd70878a0ac9a194bd7c47603837effdf28fa3078ef7569e5630539779",
        licence=_LICENCE,
        citation="UN Secretary-General, A/75/863-S/2021/424 (3 May 2021).",
        description=(
            "Excerpt of 'Advancing atrocity prevention' (A/75/863-S/2021/424) in a machine "
            "translation back to English, with its errors; the URL is the original English."
        ),
        version="2021-05-03",
    ),
    Dataset(
        name="doc-ban-brussels-2014",
        group=GROUP,
        filename="002_d77e404fe0dfcab3.txt",
        url=(
            "https://business-standard.com/article/news-ians/prevention-of-genocide-"
            "global-responsibility-un-chief-114040200613_1.html"
        ),
        sha256="cb83fbbf1082264321044a74e6985585fbb6c76241aaada6b58d54666b083ec7",
        licence=_LICENCE,
        citation="IANS/WAM news item, 2 April 2014.",
        description="Ban Ki-moon at the International Conference on Genocide Prevention.",
        version="2014-04-02",
    ),
    Dataset(
        name="doc-ngo-priorities-next-sg-2016",
        group=GROUP,
        filename="003_ab8d021874221b0f.txt",
        url=(
            "https://globalr2p.org/publications/joint-statement-human-rights-priorities-a-"
            "human-rights-agenda-for-the-next-united-nations-secretary-general"
        ),
        sha256="e9b8557b144e8df3695ae7d6263bb7ba59bf84cfd4f5ee609cacfb8fb8640b46",
        licence=_LICENCE,
        citation=(
            "Amnesty International, CIVICUS, GCR2P, Human Rights Watch, FIDH and WFM-IGP, "
            "11 April 2016."
        ),
        description="Joint NGO 'Human Rights Priorities' agenda for the next Secretary-General.",
        version="2016-04-11",
    ),
    Dataset(
        name="doc-icr2p-unga77-call-to-action",
        group=GROUP,
        filename="004_f199893aed61a284.txt",
        url="https://www.responsibilitytoprotect.org/",
        sha256="bb6629a5dc9975a5568b80a3f37b4e6a4cbbd4b88d355fcd0fc1f1a2a5e5d140",
        licence=_LICENCE,
        citation="International Coalition for the Responsibility to Protect, October 2022.",
        description=(
            "ICR2P call to action for the 77th UN General Assembly (the page itself is not "
            "recorded; the URL is the coalition's site)."
        ),
        version="2022-10",
    ),
)

# Publication dates, for the documents' `published` field.
PUBLISHED: dict[str, str] = {
    "doc-gcr2p-call-to-action-2020": "2020-02-24",
    "doc-sg-report-a-75-863": "2021-05-03",
    "doc-ban-brussels-2014": "2014-04-02",
    "doc-ngo-priorities-next-sg-2016": "2016-04-11",
    "doc-icr2p-unga77-call-to-action": "2022-10-01",
}

register(*DOCUMENTS)

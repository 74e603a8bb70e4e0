"""Fixtures for the workbench: small documents of every supported format, generated here."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfWriter

from tocsin.sources import safe_http

STORY = (
    "Militia leaders in the region issued statements calling for the removal of the "
    "minority community, and local radio repeated the incitement every evening. "
    "Witnesses in Khartoum described armed men marking the houses of families."
)


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given lines of text (Helvetica), written by hand."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 750 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF protected by a password (pypdf)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret-password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], title: str = "") -> bytes:
    """A Word document with the given paragraphs (python-docx)."""
    doc = WordDocument()
    if title:
        doc.core_properties.title = title
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


HTML = """<!doctype html><html><head><title>Displacement in Darfur</title>
<meta name="date" content="2024-03-05"></head><body>
<nav>Home | About | Donate</nav>
<article><h1>Displacement in Darfur</h1>
<p>Thousands of refugees crossed into Chad after attacks on villages near El Geneina,
according to aid workers who spoke to reporters this week.</p>
<p>Humanitarian workers said access to the camps had been blocked for days and that
food convoys were turned back at checkpoints controlled by armed groups.</p>
</article><footer>Copyright notice and cookie banner text.</footer></body></html>"""


@pytest.fixture
def formats_dir(tmp_path: Path) -> Path:
    """One document in each supported format."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "note.txt").write_text(
        "Field note\n\nArmed clashes continued near the border, and displaced families "
        "reported checkpoints where men were detained without charge.\n",
        encoding="utf-8",
    )
    (folder / "brief.md").write_text(
        "# Weekly brief\n\nA state of emergency was declared and the curfew extended; "
        "journalists covering the protests were arrested in the capital.\n",
        encoding="utf-8",
    )
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "report.pdf").write_bytes(
        minimal_pdf(
            [
                "Report on the situation in Myanmar.",
                "Soldiers burned villages in Rakhine State and Rohingya families fled.",
                "Survivors described mass killings and sexual violence by the security forces.",
            ]
        )
    )
    (folder / "testimony.docx").write_bytes(
        docx_bytes(
            [
                "Testimony recorded in Bangui.",
                "The witness said that militia members had lists of names and went from "
                "house to house looking for members of the other community.",
            ],
            title="Testimony from the Central African Republic",
        )
    )
    return folder


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, ctype, body = self.pages.get(self.path, (404, "text/plain", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def web_server() -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]]]]:
    """A real HTTP server on a loopback port serving ``pages`` (path -> status, type, body)."""
    pages: dict[str, tuple[int, str, bytes]] = {}
    handler = type("Handler", (_Handler,), {"pages": pages})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with safe_http.allowing_loopback():  # the fetcher refuses loopback unless told
        yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()
    server.server_close()

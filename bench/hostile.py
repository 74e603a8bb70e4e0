"""Does the server stay usable under hostile bodies? While 20 loopback clients send
oversized and slow bodies, ordinary pages and a normal report must keep p99 < 500 ms.

    .venv/bin/python bench/hostile.py [--seconds 30] [--clients 20]

The server is started the way `tocsin up` serves (uvicorn on 127.0.0.1, a fresh SQLite
data directory with an intake key), with the per-connection intake rate limits raised so
that the body limits themselves are measured (attackers from many addresses). Everything
is bounded: the attack stops after ``--seconds``, every socket has a timeout, and the
server is stopped at the end. Prints a table: attack, expected, result, time.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from tocsin.web.limits import BODY_GRACE_SECONDS

TARGET_P99_S = 0.5
WARM_UP_IDLE_S = 8.0
HOST = "127.0.0.1"
SERVE = """
import sys
from tocsin.config import load_settings
from tocsin.store.db import Database
from tocsin.store.migrate import upgrade
from tocsin.web.app import create_app
from tocsin.web.server import run
settings = load_settings()
db = Database(settings.resolved_database_url)
upgrade(db)
run(create_app(settings, db), "127.0.0.1", int(sys.argv[1]))
"""


def _status(sock: socket.socket) -> str:
    try:
        line = sock.recv(4096).decode("latin-1").split("\r\n")[0]
    except (TimeoutError, ConnectionError):
        return "no answer"
    return line.split(" ", 2)[1] if line.startswith("HTTP/") else "closed"


def _connect(port: int) -> socket.socket:
    return socket.create_connection((HOST, port), timeout=10)


def _session(port: int) -> tuple[str, str]:
    """A session cookie and its CSRF token, as a browser gets them from the form."""
    page = httpx.get(f"http://{HOST}:{port}/report", timeout=10)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    cookie = "; ".join(f"{k}={v}" for k, v in page.cookies.items())
    return cookie, token.group(1) if token else ""


def declared_2gb(port: int) -> str:
    """POST /report declaring 2 GB."""
    with _connect(port) as sock:
        sock.sendall(
            b"POST /report HTTP/1.1\r\nHost: t\r\nContent-Length: 2147483648\r\n"
            b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
        )
        return _status(sock)


def streamed_oversize(port: int) -> str:
    """POST /report with a valid session, chunked, streaming a 'video' past the limit."""
    cookie, token = _session(port)
    head = (
        "POST /report HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
        f"Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=b\r\n\r\n"
    )
    part = (
        f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        '--b\r\nContent-Disposition: form-data; name="files"; filename="v.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    piece = b"\0" * (1 << 20)
    frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    with _connect(port) as sock:
        sock.sendall(head.encode() + f"{len(part):x}\r\n".encode() + part + b"\r\n")
        try:
            for _ in range(400):
                sock.sendall(frame)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        return _status(sock)


def slow_body(port: int, until: float) -> str:
    """POST /report sending one byte of a text field every two seconds until the
    server answers or the attack ends."""
    cookie, _token = _session(port)
    with _connect(port) as sock:
        sock.sendall(
            b"POST /report HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n"
            + f"Cookie: {cookie}\r\n".encode()
            + b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
            + b'--b\r\nContent-Disposition: form-data; name="what"\r\n\r\n'
        )
        sock.settimeout(2)
        try:
            while time.monotonic() < until:
                try:
                    return _answered(sock.recv(4096))
                except TimeoutError:
                    sock.sendall(b"x")
        except (BrokenPipeError, ConnectionResetError):
            return "closed"
        return "held open"


def _answered(data: bytes) -> str:
    line = data.decode("latin-1").split("\r\n")[0]
    return line.split(" ", 2)[1] if line.startswith("HTTP/") else "closed"


def unauthenticated_upload(port: int) -> str:
    """POST /framework/documents (analysts only) declaring 50 MB, without logging in."""
    with _connect(port) as sock:
        sock.sendall(
            b"POST /framework/documents HTTP/1.1\r\nHost: t\r\nContent-Length: 52428800\r\n"
            b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
        )
        return _status(sock)


CLASSIFY_BODY = b'{"texts": [' + b",".join([b'"' + b"x" * 20000 + b'"'] * 1000) + b"]}"


def anonymous_classify(port: int) -> str:
    """POST /api/v1/speech/classify with 1,000 texts of 20,000 characters, anonymously."""
    body = CLASSIFY_BODY
    with _connect(port) as sock:
        sock.sendall(
            f"POST /api/v1/speech/classify HTTP/1.1\r\nHost: t\r\nContent-Length: {len(body)}\r\n"
            "Content-Type: application/json\r\n\r\n".encode()
        )
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(body)
        return _status(sock)


ATTACKS: list[tuple[str, str, Callable[..., str]]] = [
    ("POST /report declaring 2 GB", "413", declared_2gb),
    ("POST /report streaming past the limit", "413 or 503", streamed_oversize),
    (f"POST /report one byte per 2 s ({BODY_GRACE_SECONDS:.0f} s grace)", "408", slow_body),
    ("upload to /framework/documents, not logged in", "401", unauthenticated_upload),
    ("classify 1,000 x 20,000 chars, anonymous", "413", anonymous_classify),
]


def attacker(kind: int, port: int, until: float, results: dict[str, list]) -> None:
    """Repeat one attack until ``until``; record (status, seconds) per try."""
    name, _expected, attack = ATTACKS[kind]
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            status = attack(port, until) if attack is slow_body else attack(port)
        except OSError as exc:
            status = type(exc).__name__
        results[name].append((status, time.perf_counter() - start))


def ordinary(port: int, until: float, pages: list[float], reports: list[float]) -> None:
    """A visitor reading pages and a reporter sending a normal report, in turn."""
    base = f"http://{HOST}:{port}"
    with httpx.Client(timeout=30) as client:
        while True:
            for path in ("/", "/report", "/static/tocsin.css", "/login", "/alerts"):
                start = time.perf_counter()
                answered = client.get(base + path).status_code == 200
                pages.append(time.perf_counter() - start if answered else float("inf"))
            token = re.search(
                r'name="csrf_token" value="([^"]+)"', client.get(base + "/report").text
            )
            assert token is not None, "the report form has no CSRF token"
            start = time.perf_counter()
            sent = client.post(
                base + "/report",
                data={
                    "csrf_token": token.group(1),
                    "what": "Shots near the well",
                    "how_known": "saw",
                },
            )
            reports.append(time.perf_counter() - start if sent.status_code == 200 else float("inf"))
            if time.monotonic() >= until:
                return
            time.sleep(0.2)


def p99(values: list[float]) -> float:
    """The 99th percentile (the maximum below 100 values)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")


def main() -> None:
    """Start the server, run the attack with ordinary traffic alongside, print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        env = {k: v for k, v in os.environ.items() if not k.startswith("TOCSIN_")}
        env |= {
            "TOCSIN_DATA_DIR": str(data),
            "TOCSIN_INTAKE_SUBMIT_LIMIT": "1000000",
            "TOCSIN_INTAKE_LOOKUP_LIMIT": "1000000",
            "TOCSIN_INTAKE_GLOBAL_LIMIT": "1000000",
            "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        }
        subprocess.run(
            [sys.executable, "-m", "tocsin", "keys", "init", "--private-out", f"{tmp}/key"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            port = probe.getsockname()[1]
        log = open(Path(tmp) / "server.log", "wb")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, str(port)], env=env, stdout=log, stderr=log
        )
        try:
            deadline = time.monotonic() + 240  # starting is not measured
            while True:
                try:
                    httpx.get(f"http://{HOST}:{port}/report", timeout=1)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            rows = run(port, args.seconds, args.clients)
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.close()
    table = Table(title=f"{args.clients} hostile clients for {args.seconds:.0f} s on loopback")
    for column in ("attack", "expected", "result", "time", "ok"):
        table.add_column(column)
    failed = False
    for row in rows:
        table.add_row(*row[:4], "yes" if row[4] else "NO")
        failed = failed or not row[4]
    Console().print(table)
    sys.exit(1 if failed else 0)


def attack(port: int, seconds: float, clients: int, out: multiprocessing.Queue) -> None:
    """The hostile clients (threads of a process of their own, so that their work does
    not slow down the measuring client); puts their results on ``out``."""
    until = time.monotonic() + seconds
    results: dict[str, list] = {name: [] for name, _e, _a in ATTACKS}
    threads = [
        threading.Thread(target=attacker, args=(i % len(ATTACKS), port, until, results))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    out.put(results)


def run(port: int, seconds: float, clients: int) -> list[tuple[str, str, str, str, bool]]:
    """Run the attack and the ordinary traffic; one row per attack and per measurement."""
    ordinary(port, time.monotonic(), [], [])  # warm-up: first renders, first report
    time.sleep(WARM_UP_IDLE_S)  # as on a server up for a while: its receipt pool is full
    calm: tuple[list[float], list[float]] = ([], [])
    ordinary(port, time.monotonic() + min(10.0, seconds / 3), *calm)
    queue: multiprocessing.Queue = multiprocessing.Queue()
    hostile = multiprocessing.Process(target=attack, args=(port, seconds, clients, queue))
    hostile.start()
    time.sleep(1)  # let the attack start first
    pages: list[float] = []
    reports: list[float] = []
    ordinary(port, time.monotonic() + seconds - 2, pages, reports)
    results = queue.get(timeout=seconds + 180)
    hostile.join(timeout=30)
    rows = []
    for name, expected, method in ATTACKS:
        seen = Counter(status for status, _t in results[name])
        times = [t for _s, t in results[name]]
        result = ", ".join(f"{s} x{n}" for s, n in seen.most_common()) or "none"
        ok = bool(seen) and set(seen) <= set(expected.replace(" or ", ",").split(","))
        if method is slow_body:  # the tries still running when the attack ends
            ok = "408" in seen and set(seen) <= {"held open", "408"}
        median = f"median {statistics.median(times):.3f} s" if times else "-"
        rows.append((name, expected, result, median, ok))
    measured = (
        ("ordinary pages, no attack", calm[0], None),
        ("a normal report, no attack", calm[1], None),
        ("ordinary pages under attack", pages, TARGET_P99_S),
        ("a normal report under attack", reports, TARGET_P99_S),
    )
    for label, values, target in measured:
        worst = p99(values)
        rows.append(
            (
                f"{label} ({len(values)})",
                f"p99 < {target * 1000:.0f} ms" if target else "(this machine)",
                f"p99 {worst * 1000:.0f} ms",
                f"median {statistics.median(values) * 1000:.0f} ms" if values else "-",
                bool(values) and (target is None or worst < target),
            )
        )
    return rows


if __name__ == "__main__":
    main()

"""Load test of the API on loopback: 50 concurrent clients for 20 s against the
rankings and country endpoints, with the full real data on SQLite.

    .venv/bin/python bench/api.py --mirror ../shared/data

Prepares a data directory with `tocsin up --no-serve` (first run only), serves it with
uvicorn in a subprocess on 127.0.0.1, and prints requests per second and latencies.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from rich.console import Console
from rich.table import Table


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _client(
    base: str, paths: list[str], stop: float, latencies: list[float], errors: list[int]
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        while time.perf_counter() < stop:
            path = random.choice(paths)
            start = time.perf_counter()
            response = await client.get(path)
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200:
                errors.append(response.status_code)


async def _load(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[list[float], list[int]]:
    latencies: list[float] = []
    errors: list[int] = []
    stop = time.perf_counter() + seconds
    await asyncio.gather(*(_client(base, paths, stop, latencies, errors) for _ in range(clients)))
    return latencies, errors


def _found(pattern: str, text: str, flags: int = 0) -> re.Match[str]:
    """The match of ``pattern`` in ``text``; a clear error when it is not there."""
    match = re.search(pattern, text, flags)
    if match is None:
        raise ValueError(f"no {pattern!r} in the output: {text[:200]!r}")
    return match


def _ms(text: str) -> float:
    value, unit = _found(r"^([\d.]+)(us|ms|s)$", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _wrk(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[int, float, float, float, int]:
    """requests, req/s, p50 ms, p99 ms, errors, measured by wrk (C, light on the CPU)."""
    script = "paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n"
    script += 'request = function() return wrk.format("GET", paths[math.random(#paths)]) end\n'
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "--latency", "-s", fh.name, base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(_found(r"(\d+) requests in", out).group(1))
    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    return (
        requests,
        float(_found(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        _ms(_found(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        _ms(_found(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        errors,
    )


def _httpx(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[int, float, float, float, int]:
    """The same figures with asyncio + httpx clients (used when wrk is not installed)."""
    latencies, errors = asyncio.run(_load(base, paths, clients, seconds))
    ms = np.array(latencies) * 1000
    return len(ms), len(ms) / seconds, np.percentile(ms, 50), np.percentile(ms, 99), len(errors)


def main() -> None:
    """Prepare, serve, load, report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mirror", type=Path, default=Path("../shared/data"))
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/tocsin-bench-api"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    env = {
        **os.environ,
        "TOCSIN_DATA_DIR": str(args.data_dir),
        "TOCSIN_MIRROR": str(args.mirror.resolve()),
    }
    if not (args.data_dir / "tocsin.sqlite").exists():
        subprocess.run([sys.executable, "-m", "tocsin", "up", "--no-serve"], env=env, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "tocsin.web.asgi:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--workers",
            "2",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/api/v1/rankings", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        codes = [c["code"] for c in httpx.get(f"{base}/api/v1/rankings").json()["items"]]
        scenarios = {
            "rankings": ["/api/v1/rankings"],
            "country": [f"/api/v1/countries/{c}" for c in codes],
            "mixed": ["/api/v1/rankings"] + [f"/api/v1/countries/{c}" for c in codes],
        }
        measure = _wrk if shutil.which("wrk") else _httpx
        measure(base, scenarios["mixed"], args.clients, 2.0)  # warm both workers' caches
        tool = "wrk" if measure is _wrk else "httpx (install wrk for a lighter load generator)"
        title = f"{args.clients} clients x {args.seconds:.0f} s, SQLite, 2 workers, load by {tool}"
        table = Table(title=f"{title}, {os.cpu_count()} cores shared with the load generator")
        for column in ("scenario", "requests", "req/s", "p50 ms", "p99 ms", "errors"):
            table.add_column(column, justify="right")
        for name, paths in scenarios.items():
            count, rate, p50, p99, errors = measure(base, paths, args.clients, args.seconds)
            table.add_row(name, str(count), f"{rate:.0f}", f"{p50:.1f}", f"{p99:.1f}", str(errors))
        Console().print(table)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

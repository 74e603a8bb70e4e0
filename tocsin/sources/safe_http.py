"""One HTTP fetcher for addresses that come from users or from fetched content (feed
URLs, feed entry links, URLs to ingest): it refuses to reach the server's own network.

For each request, and again for every redirect, the host name is resolved once and
every address it resolves to must be public (not loopback, private, link-local, shared
carrier-grade NAT, multicast, reserved, unspecified, or a cloud metadata address); the
connection then goes to that checked address (the name is kept for the ``Host`` header
and TLS), so a second DNS answer cannot swap in an internal one. The body is streamed
with a byte cap, and the whole fetch, redirects included, has a time limit.

Loopback can be allowed explicitly, for a local feed in tests or a single-machine setup:
``TOCSIN_FETCH_ALLOW_LOOPBACK=1`` or :func:`allowing_loopback`. Private and metadata
addresses are never allowed.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

USER_AGENT = "Tocsin/1 (atrocity early warning)"
MAX_REDIRECTS = 5
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "100.100.100.200", "fd00:ec2::254")
)
_loopback_allowed = [False]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchRefused(ValueError):
    """A fetch was refused or failed; the message names the URL and the reason."""


@dataclass(frozen=True)
class Fetched:
    """A fetched response: the final URL (after redirects), status, headers and body."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes


@contextmanager
def allowing_loopback() -> Iterator[None]:
    """Within this block, loopback addresses may be fetched (tests with a local server)."""
    previous, _loopback_allowed[0] = _loopback_allowed[0], True
    try:
        yield
    finally:
        _loopback_allowed[0] = previous


def loopback_allowed() -> bool:
    """True if loopback was allowed by :func:`allowing_loopback` or the environment."""
    return _loopback_allowed[0] or os.environ.get("TOCSIN_FETCH_ALLOW_LOOPBACK") == "1"


def refusal(address: IPAddress) -> str | None:
    """Why ``address`` may not be fetched, or None if it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if address.is_loopback:
        return None if loopback_allowed() else "a loopback address"
    for name in ("link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{name}"):
            return f"a {name.replace('_', '-')} address"
    if not address.is_global:
        return "not a public address"
    return None


def resolve_public(url: httpx.URL) -> IPAddress:
    """Resolve ``url``'s host; every address must be public. Returns the first one."""
    host = url.host
    if not host:
        raise FetchRefused(f"{url}: no host name")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"{url}: cannot resolve {host} ({exc})") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        why = refusal(address)
        if why is not None:
            raise FetchRefused(f"{url}: refused, {host} resolves to {address}, {why}")
    if not addresses:
        raise FetchRefused(f"{url}: {host} has no address")
    return addresses[0]


def _pinned(url: httpx.URL, address: IPAddress) -> tuple[httpx.URL, dict[str, str], dict]:
    """The URL with the checked address as host, the Host header, the TLS name."""
    host_header = url.host if url.port is None else f"{url.host}:{url.port}"
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    return url.copy_with(host=str(address)), {"Host": host_header}, extensions


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
) -> Fetched:
    """GET ``url`` safely: public addresses only (checked again on every redirect), at
    most ``max_bytes`` of body, at most ``timeout`` seconds in all. Raises
    :class:`FetchRefused` with a clear message otherwise."""
    deadline = time.monotonic() + timeout
    current = httpx.URL(url)
    with httpx.Client(follow_redirects=False, trust_env=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            if current.scheme not in ("http", "https"):
                raise FetchRefused(f"{current}: only http and https URLs can be fetched")
            address = resolve_public(current)
            target, host, extensions = _pinned(current, address)
            request = client.build_request(
                "GET",
                target,
                headers={"User-Agent": USER_AGENT, **(headers or {}), **host},
                extensions={**extensions, "timeout": _timeouts(deadline, current)},
            )
            try:
                response = client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise FetchRefused(f"{current}: cannot fetch ({exc})") from None
            try:
                if response.is_redirect and "location" in response.headers:
                    current = current.join(response.headers["location"])
                    continue
                content = _read_capped(response, current, max_bytes, deadline)
                return Fetched(str(current), response.status_code, response.headers, content)
            finally:
                response.close()
    raise FetchRefused(f"{url}: more than {MAX_REDIRECTS} redirects")


def _timeouts(deadline: float, url: httpx.URL) -> dict[str, float]:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchRefused(f"{url}: the time limit ran out")
    return {"connect": remaining, "read": remaining, "write": remaining, "pool": remaining}


def _read_capped(
    response: httpx.Response, url: httpx.URL, max_bytes: int, deadline: float
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused(f"{url}: larger than the {max_bytes:,}-byte limit ({declared} bytes)")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():  # as received, so the clock is checked often
            size += len(chunk)
            if size > max_bytes:
                raise FetchRefused(f"{url}: larger than the {max_bytes:,}-byte limit")
            if time.monotonic() > deadline:
                raise FetchRefused(f"{url}: the time limit ran out while reading")
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise FetchRefused(f"{url}: cannot fetch ({exc})") from None
    return b"".join(chunks)

"""Fetching a feed or a page over HTTP(S), safely: no private addresses, bounded redirects,
time and size.

Every URL an article or a feed names is untrusted. :func:`fetch`

- accepts ``http`` and ``https`` only, at every hop;
- resolves the host itself and refuses a loopback, private, link-local, multicast, reserved,
  unspecified or otherwise non-global address (IPv4 and IPv6, IPv4-mapped IPv6 read as the
  IPv4 address it maps) unless ``allow_private=True``; it then connects to the address it
  checked (the URL is rewritten to it, with the ``Host`` header and the TLS server name
  kept), so a DNS answer that changes between the check and the connection
  (DNS rebinding) cannot reach another address;
- follows at most ``max_redirects`` redirects, checking each hop's scheme and address anew;
- stops after ``timeout`` seconds in all (name resolution, connect and read have their own,
  shorter limits);
- reads at most ``max_bytes`` of the (decoded) body, streaming, and fails beyond it rather
  than return a truncated article;
- sends ``User-Agent: Storyline/<version> (+URL)`` and, given ``etag`` / ``last_modified``,
  a conditional request; a ``304 Not Modified`` is a :class:`Fetched` with
  ``not_modified=True`` and no body;
- ignores proxy settings from the environment (a proxy would connect where we did not check).

Every refusal and failure is a :class:`FetchError` whose text is one line naming the URL.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from typing import Optional, Union
from urllib.parse import urljoin, urlsplit, urlunsplit

PROJECT_URL = "https://pypi.org/project/storyline/"
MAX_BYTES = 10_000_000
MAX_REDIRECTS = 5
TIMEOUT = 30.0
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 15.0
DNS_TIMEOUT = 10.0
SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)


def user_agent() -> str:
    from storyline import __version__

    return f"Storyline/{__version__} (+{PROJECT_URL})"


class FetchError(Exception):
    """A URL that was refused or could not be fetched; ``str()`` is one line."""

    def __init__(self, url: str, message: str):
        self.url, self.message = url, message
        super().__init__(f"{url}: {message}")


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    status: int
    content: bytes
    content_type: Optional[str] = None
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    not_modified: bool = False


def refusal(ip: ipaddress._BaseAddress) -> Optional[str]:
    """What kind of address ``ip`` is when it may not be fetched without ``allow_private``
    ("a loopback address"); None when it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return refusal(ip.ipv4_mapped)
    for test, what in (
        ("is_unspecified", "an unspecified"), ("is_loopback", "a loopback"), ("is_link_local", "a link-local"),
        ("is_multicast", "a multicast"), ("is_private", "a private"), ("is_reserved", "a reserved"),
    ):
        if getattr(ip, test):
            return f"{what} address"
    if not ip.is_global:
        return "not a public address"
    return None


def resolve(url: str, host: str, port: int, allow_private: bool) -> str:
    """The address to connect to for ``host``: every address it resolves to must pass
    :func:`refusal` (unless ``allow_private``); the first is used."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="storyline-dns")  # getaddrinfo has no timeout of its own
    try:
        infos = pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM).result(timeout=DNS_TIMEOUT)
    except FuturesTimeout:
        raise FetchError(url, f"cannot resolve host {host!r} (no answer within {DNS_TIMEOUT:g} s)") from None
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve host {host!r} ({exc})") from None
    finally:
        pool.shutdown(wait=False)
    addresses = list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
    if not addresses:
        raise FetchError(url, f"host {host!r} has no address")
    if not allow_private:
        for a in addresses:
            why = refusal(ipaddress.ip_address(a))
            if why:
                said = f"{a} is {why}" if host.strip("[]") == a else f"{host} resolves to {a}, {why}"
                raise FetchError(url, f"refused: {said} (allow it with --allow-private)")
    return addresses[0]


def _target(url: str, allow_private: bool) -> tuple[str, str, Optional[str]]:
    """(the URL rewritten to the checked address, the Host header, the TLS server name)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(url, f"refused: scheme {scheme or '(none)'!r} (only http and https are fetched)")
    host = parts.hostname
    if not host:
        raise FetchError(url, "not a valid URL (no host)")
    port = port or (443 if scheme == "https" else 80)
    address = resolve(url, host, port, allow_private)
    shown = f"[{address}]" if ":" in address else address
    netloc = f"{shown}:{port}"
    host_header = parts.netloc.rsplit("@", 1)[-1]
    rewritten = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    return rewritten, host_header, (host if scheme == "https" else None)


def _headers(etag: Optional[str], last_modified: Optional[str]) -> dict:
    headers = {"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate",
               "Accept": "application/rss+xml, application/atom+xml, application/xml, text/html, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _body(url: str, response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"response of {int(declared):,} bytes is over the size limit of {max_bytes:,} bytes")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"response is over the size limit of {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(url, "timed out (total time limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def _hop(client, url: str, headers: dict, allow_private: bool, max_bytes: int, deadline: float):
    """One request: (status, response headers, body or None for a redirect or a 304)."""
    import httpx

    target, host, sni = _target(url, allow_private)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(url, "timed out (total time limit)")
    timeout = httpx.Timeout(min(READ_TIMEOUT, remaining), connect=min(CONNECT_TIMEOUT, remaining))
    extensions = {"sni_hostname": sni} if sni else {}
    try:
        request = client.build_request("GET", target, headers={**headers, "Host": host},
                                       timeout=timeout, extensions=extensions)
        response = client.send(request, stream=True)
        try:
            if response.status_code in _REDIRECTS or response.status_code == 304:
                return response.status_code, response.headers, None
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            return response.status_code, response.headers, _body(url, response, max_bytes, deadline)
        finally:
            response.close()
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out ({type(exc).__name__})") from None
    except httpx.HTTPError as exc:
        detail = (str(exc).splitlines() or [""])[0]
        raise FetchError(url, f"cannot fetch ({type(exc).__name__}{': ' + detail if detail else ''})") from None


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    etag: Optional[str] = None,
    last_modified: Optional[str] = None,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    timeout: float = TIMEOUT,
    verify: Union[bool, ssl.SSLContext] = True,
) -> Fetched:
    """GET ``url`` under the rules of this module; :class:`FetchError` for every refusal.
    ``verify`` is httpx's: True (the system's CAs) or an ``ssl.SSLContext``."""
    import httpx

    deadline = time.monotonic() + timeout
    headers = _headers(etag, last_modified)
    with httpx.Client(trust_env=False, follow_redirects=False, verify=verify) as client:
        current = url
        for _ in range(max_redirects + 1):
            status, got, body = _hop(client, current, headers, allow_private, max_bytes, deadline)
            if status in _REDIRECTS:
                location = got.get("location")
                if not location:
                    raise FetchError(current, f"HTTP {status} redirect without a Location")
                current = urljoin(current, location.strip())
                continue
            return Fetched(
                url=current, status=status, content=body or b"",
                content_type=got.get("content-type"), etag=got.get("etag"),
                last_modified=got.get("last-modified"), not_modified=status == 304,
            )
    raise FetchError(url, f"more than {max_redirects} redirects")

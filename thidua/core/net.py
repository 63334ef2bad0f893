"""The client's address: one answer for throttles, audit entries and stored comments.

Behind a reverse proxy every request comes from the proxy, and X-Forwarded-For is only
as trustworthy as whoever wrote it. `THIDUA_TRUSTED_PROXIES` lists the proxies (addresses
or CIDR networks); only when the direct peer is one of them is X-Forwarded-For read, and
then from the right: the right-most address that is not a trusted proxy is the client
(everything to its left was written by the client itself and may be forged).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "THIDUA_TRUSTED_PROXIES", ())))


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return address is not None and any(address in n for n in networks)


def client_ip(request) -> str:
    """The address of the client that sent `request` (REMOTE_ADDR unless a trusted proxy)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks()
    if not networks or not _is_trusted(_parse(remote), networks):
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # Garbage where the proxy should have written an address: do not guess.
            return remote
        if not _is_trusted(address, networks):
            return str(address)
    # Every hop is one of our proxies: the left-most is the origin.
    return str(_parse(hops[0])) if hops else remote

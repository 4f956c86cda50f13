"""The client's address and a user name's canonical form: the two keys the log-in brake and the API
throttles count by.

Client address: `X-Forwarded-For` is written by whoever sends the request, so it is believed only when
the request comes from a proxy listed in settings.TRUSTED_PROXIES (addresses or networks). The header is
then read from the right (the entry the nearest proxy appended) and the first address that is not one of
our own proxies is the client. Without trusted proxies REMOTE_ADDR is the client, whatever the header says.

User names: NFKC (so that mathematical bold `𝐛𝐞𝐥𝐞𝐢𝐝` is `beleid`) and case-folded, at log-in, in the
brake's counters and when an account is made, so one person has one name and one counter.
"""

import ipaddress
import unicodedata

from django.conf import settings


def _netwerken():
    return [ipaddress.ip_network(n, strict=False) for n in getattr(settings, "TRUSTED_PROXIES", [])]


def _ip(tekst: str):
    try:
        return ipaddress.ip_address(tekst.strip())
    except ValueError:
        return None


def _vertrouwd(adres, netwerken) -> bool:
    return adres is not None and any(adres in n for n in netwerken)


def client_adres(request) -> str | None:
    """The address of the client that sent `request` (a Django or DRF request), or None if unknown."""
    meta = getattr(request, "_request", request).META
    direct = _ip(meta.get("REMOTE_ADDR") or "")
    netwerken = _netwerken()
    if not _vertrouwd(direct, netwerken):
        return str(direct) if direct is not None else None
    for deel in reversed((meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")):
        adres = _ip(deel)
        if adres is None:
            # Garbage the client wrote before our proxy appended its entry: stop at the last good one.
            break
        if not _vertrouwd(adres, netwerken):
            return str(adres)
        direct = adres
    return str(direct)


def gebruikersnaam_normaal(naam) -> str:
    """The canonical form of a user name: NFKC, case-folded, without surrounding white space."""
    if not isinstance(naam, str):
        return ""
    return unicodedata.normalize("NFKC", naam).casefold().strip()

"""Small URL helpers shared by several blueprints."""

from urllib.parse import urlsplit

#: The URL part for a database id, as in f"/<{DB_ID}:event_id>". Werkzeug's plain `int`
#: matches any number of digits, and one larger than an INTEGER column holds made the
#: database fail (500); with a ceiling the URL does not match, which is a 404.
DB_ID = "int(max=2147483647)"


def safe_next(target: str | None) -> str | None:
    """Return target if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in target):
        return None  # a line break cannot go in a header; browsers drop tabs and newlines
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def safe_http_url(url: str | None) -> str | None:
    """Return url if it is an absolute http(s) URL with a host, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()


def directions_url(lat: float, lon: float) -> str:
    """Return a link that opens driving directions in the phone's maps app."""
    return f"https://www.google.com/maps/dir/?api=1&destination={lat:.6f},{lon:.6f}"

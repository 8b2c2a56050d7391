"""Security headers for every response, the Content-Security-Policy first of all."""

from urllib.parse import urlsplit

from flask import Flask, current_app


def tile_origin(tile_url: str) -> str:
    """Return the scheme and host of the tile server, the one outside origin pages load."""
    parts = urlsplit(tile_url.replace("{s}", "a"))
    host = parts.netloc
    if "{s}." in tile_url:  # subdomains a, b, c
        host = "*." + parts.netloc.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str) -> str:
    """Return a policy with scripts and styles from this site only: no inline, no eval."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src 'self' data: {tile_origin(tile_url)}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def init_app(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response):
        headers = response.headers
        headers.setdefault(
            "Content-Security-Policy", content_security_policy(current_app.config["TILE_URL"])
        )
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response

"""Security headers for every response (the Content-Security-Policy first of all), and the
public forms' protection against cross-site requests that needs no session cookie."""

from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from itsdangerous import BadData, URLSafeSerializer
from wtforms.csrf.core import CSRF
from wtforms.validators import ValidationError

#: Strict-Transport-Security in production: a year, as browsers' preload lists ask.
HSTS = "max-age=31536000; includeSubDomains"


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
        if current_app.config.get("ENV") == "production":
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response


def same_origin_request() -> bool:
    """Return whether a browser says this request comes from one of our own pages.

    The rule of Go's net/http CrossOriginProtection: every current browser sends
    Sec-Fetch-Site, older ones at least Origin on a POST; a request with neither comes from
    no browser (curl, a mail client), and carries no visitor's cookies to abuse.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in {"same-origin", "none"}  # none: the visitor's own action (a bookmark)
    origin = request.headers.get("Origin")
    # Our own origin is the configured one, not the request's Host header.
    return origin is None or urlsplit(origin).netloc == urlsplit(
        current_app.config["BASE_URL"]).netloc


class OriginCSRF(CSRF):
    """A form token that needs no session: the form's name signed with the secret key.

    The token proves the post answers a form this site made for that purpose; that the post
    comes from this site's own page is checked from the browser's Sec-Fetch-Site and Origin
    headers. See "Cookies and CSRF on public pages" in docs/ARCHITECTURE.md.
    """

    def setup_form(self, form):
        self.meta = form.meta
        self.purpose = type(form).__name__
        return super().setup_form(form)

    def _serializer(self) -> URLSafeSerializer:
        return URLSafeSerializer(self.meta.csrf_secret, salt="kunstrute.public-form")

    def generate_csrf_token(self, csrf_token_field) -> str:
        return self._serializer().dumps(self.purpose)

    def validate_csrf_token(self, form, field) -> None:
        try:
            valid = self._serializer().loads(field.data or "") == self.purpose
        except BadData:
            valid = False
        if not valid or not same_origin_request():
            raise ValidationError(_l("This form was not sent from this site's page. Open the "
                                     "page again and send the form from there."))


class PublicForm(FlaskForm):
    """A form for visitors without an account: rendering it sets no cookie.

    Its view is exempt from CSRFProtect's session check (`csrf.exempt`) and validates the
    form instead, which checks the token and the origin (OriginCSRF).
    """

    class Meta:
        csrf_class = OriginCSRF

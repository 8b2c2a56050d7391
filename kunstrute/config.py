"""Configuration read from environment variables (KUNSTRUTE_* and DATABASE_URL)."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

#: The repository's data/ folder: the sample edition and the offline gazetteer.
REPO_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Secret keys that must never reach production.
WEAK_SECRETS = {"", "dev", "secret", "change-me", "changeme", "development"}


def _bool(name: str, default: bool | None) -> bool | None:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


class Config:
    """Settings for development and production; every value can come from the environment."""

    ENV = os.environ.get("KUNSTRUTE_ENV", "development")
    SECRET_KEY = os.environ.get("KUNSTRUTE_SECRET_KEY", "")
    #: None means a SQLite file in the instance folder (set in create_app).
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or os.environ.get(
        "KUNSTRUTE_DATABASE_URL"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    WTF_CSRF_TIME_LIMIT = None  # a form left open over lunch still submits
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    #: None: secure in production, not elsewhere (decided in create_app, after every setting).
    SESSION_COOKIE_SECURE = _bool("KUNSTRUTE_SECURE_COOKIES", None)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: How long "remember me" lasts, and the longest any session lasts on the server.
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    #: How long the links e-mailed by the accounts work (kunstrute/auth/tokens.py).
    PASSWORD_RESET_MAX_AGE = timedelta(
        minutes=int(os.environ.get("KUNSTRUTE_PASSWORD_RESET_MINUTES", "60")))
    EMAIL_CONFIRM_MAX_AGE = timedelta(days=2)
    INVITATION_MAX_AGE = timedelta(days=7)
    #: A profile of argon2.profiles; RFC_9106_LOW_MEMORY is argon2-cffi's default.
    ARGON2_PROFILE = "RFC_9106_LOW_MEMORY"
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    LANGUAGES = ("nb", "en")

    DATA_DIR = Path(os.environ.get("KUNSTRUTE_DATA_DIR", REPO_DATA_DIR))
    #: "nominatim" asks OpenStreetMap's geocoder (1 request/s); "offline" only the gazetteer.
    GEOCODER = os.environ.get("KUNSTRUTE_GEOCODER", "nominatim")
    GEOCODER_USER_AGENT = os.environ.get(
        "KUNSTRUTE_GEOCODER_USER_AGENT", "kunstrute/0.1 (open-studios route; admin@example.org)"
    )
    GEOCODER_TIMEOUT = float(os.environ.get("KUNSTRUTE_GEOCODER_TIMEOUT", "5"))
    TILE_URL = os.environ.get("KUNSTRUTE_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    TILE_ATTRIBUTION = os.environ.get(
        "KUNSTRUTE_TILE_ATTRIBUTION",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    )
    SITE_NAME = os.environ.get("KUNSTRUTE_SITE_NAME", "Kunst rett vest")
    #: Where visitors write with questions, accessibility feedback and privacy requests.
    CONTACT_EMAIL = os.environ.get("KUNSTRUTE_CONTACT_EMAIL", "post@kunstrettvest.example")
    #: The date of the last accessibility review (YYYY-MM-DD), shown in the statement.
    ACCESSIBILITY_REVIEWED = os.environ.get("KUNSTRUTE_ACCESSIBILITY_REVIEWED", "2026-11-22")
    #: The site's address: every absolute link (e-mails, feeds, shared links) is built from it,
    #: never from a request's Host header. Required in production; empty elsewhere means
    #: http://127.0.0.1:5000 (filled in by fill_hosts).
    BASE_URL = os.environ.get("KUNSTRUTE_BASE_URL", "")
    #: Further host names the site answers to (comma-separated), beside BASE_URL's own host.
    #: Requests for any other Host get 400 (Flask's TRUSTED_HOSTS, filled in by fill_hosts).
    EXTRA_TRUSTED_HOSTS = [h.strip() for h in os.environ.get("KUNSTRUTE_TRUSTED_HOSTS",
                                                             "").split(",") if h.strip()]

    #: E-mail: without MAIL_SERVER every message is written as an .eml file to MAIL_OUTBOX.
    MAIL_SERVER = os.environ.get("KUNSTRUTE_MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("KUNSTRUTE_MAIL_PORT", "587"))
    MAIL_USE_TLS = _bool("KUNSTRUTE_MAIL_USE_TLS", True)
    MAIL_USE_SSL = _bool("KUNSTRUTE_MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("KUNSTRUTE_MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("KUNSTRUTE_MAIL_PASSWORD", "")
    MAIL_FROM = os.environ.get("KUNSTRUTE_MAIL_FROM", "post@kunstrettvest.example")
    #: None means instance/outbox (set in create_app).
    MAIL_OUTBOX = os.environ.get("KUNSTRUTE_MAIL_OUTBOX")
    #: Newsletters go out in batches of this many, with this many seconds between batches.
    NEWSLETTER_BATCH_SIZE = int(os.environ.get("KUNSTRUTE_NEWSLETTER_BATCH_SIZE", "50"))
    NEWSLETTER_BATCH_PAUSE = float(os.environ.get("KUNSTRUTE_NEWSLETTER_BATCH_PAUSE", "60"))

    #: Rate limits (kunstrute/limits.py): counted in this process, or in Redis with REDIS_URL
    #: so every worker and host shares one count. Per address (IP) they are generous, since a
    #: mobile network puts many people behind one address; per account or recipient, tight.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_KEY_PREFIX = "kunstrute"
    #: Redis down: count in this process meanwhile, and never answer 500 for a count.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    #: Wrong passwords for one account (the e-mail typed), and from one address.
    RATELIMIT_SIGN_IN_PER_ACCOUNT = os.environ.get(
        "KUNSTRUTE_RATELIMIT_SIGN_IN_PER_ACCOUNT", "10 per 15 minutes")
    RATELIMIT_SIGN_IN_PER_ADDRESS = os.environ.get(
        "KUNSTRUTE_RATELIMIT_SIGN_IN_PER_ADDRESS", "50 per 15 minutes")
    #: Sent forms that e-mail someone (event and newsletter sign-ups), per form and address.
    RATELIMIT_MAIL_FORMS_PER_ADDRESS = os.environ.get(
        "KUNSTRUTE_RATELIMIT_MAIL_FORMS_PER_ADDRESS", "100 per hour")
    #: E-mails those forms may send to one recipient, all forms together.
    RATELIMIT_MAILS_PER_RECIPIENT = os.environ.get(
        "KUNSTRUTE_RATELIMIT_MAILS_PER_RECIPIENT", "5 per hour; 20 per day")
    #: QR check-ins (counting/checkin.py) that one address may add to one studio, and to all
    #: studios together. Only new check-ins count, and a visitor over the limit is still sent
    #: to the artist's page, just not counted. Generous: a busy studio's visitors may all be
    #: behind one mobile network's address (CGNAT); see limits.checkin_allowed for the numbers.
    RATELIMIT_CHECKIN_PER_VENUE = os.environ.get(
        "KUNSTRUTE_RATELIMIT_CHECKIN_PER_VENUE", "120 per hour; 600 per day")
    RATELIMIT_CHECKIN_PER_ADDRESS = os.environ.get(
        "KUNSTRUTE_RATELIMIT_CHECKIN_PER_ADDRESS", "1000 per hour")
    #: Proxies in front of the app that set X-Forwarded-For/-Proto; 0 trusts no such header.
    PROXY_HOPS = int(os.environ.get("KUNSTRUTE_PROXY_HOPS", "0"))
    #: Redis for background jobs (and what else shares it); None: the embedded defaults.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    #: Background jobs: Huey's queue name, and its SQLite file (None: instance/huey.sqlite3).
    HUEY_NAME = os.environ.get("KUNSTRUTE_HUEY_NAME", "kunstrute")
    HUEY_SQLITE_PATH = os.environ.get("KUNSTRUTE_HUEY_SQLITE_PATH")
    #: Run each job at once, in the caller, instead of queueing it for `flask worker`.
    HUEY_IMMEDIATE = _bool("KUNSTRUTE_HUEY_IMMEDIATE", False)
    #: The largest artist CSV an organiser may upload in the browser.
    IMPORT_MAX_BYTES = int(os.environ.get("KUNSTRUTE_IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))
    #: Uploaded files (kunstrute/media), outside static/; None: instance/uploads.
    UPLOAD_FOLDER = os.environ.get("KUNSTRUTE_UPLOAD_FOLDER")
    #: The printed catalogue's PDFs (stats/catalogue_build.py); None: UPLOAD_FOLDER/catalogues,
    #: which every host shares, so a worker elsewhere writes what the web hosts send.
    CATALOGUE_DIR = os.environ.get("KUNSTRUTE_CATALOGUE_DIR")
    #: Pixels an uploaded image may have (checked from its header, before decoding).
    MEDIA_MAX_PIXELS = int(os.environ.get("KUNSTRUTE_MEDIA_MAX_PIXELS", "50000000"))
    MEDIA_MAX_IMAGE_BYTES = int(os.environ.get("KUNSTRUTE_MEDIA_MAX_IMAGE_BYTES",
                                               str(25 * 1024 * 1024)))
    MEDIA_MAX_PDF_BYTES = int(os.environ.get("KUNSTRUTE_MEDIA_MAX_PDF_BYTES",
                                             str(10 * 1024 * 1024)))
    #: The largest request body the server reads (five phone photos fit): 413 above.
    MAX_CONTENT_LENGTH = int(os.environ.get("KUNSTRUTE_MAX_CONTENT_LENGTH",
                                            str(30 * 1024 * 1024)))
    #: The public pages' cache (pagecache.py). Keys carry the minute, so entries die young.
    CACHE_TYPE = "RedisCache" if REDIS_URL else "SimpleCache"
    CACHE_REDIS_URL = REDIS_URL
    CACHE_KEY_PREFIX = os.environ.get("KUNSTRUTE_CACHE_KEY_PREFIX", "kunstrute:")
    CACHE_DEFAULT_TIMEOUT = 120
    CACHE_THRESHOLD = 500  # pages kept per process in memory (about 70 kB each)


class TestConfig(Config):
    """Settings for the test suite: no network, no CSRF shortcuts, a throwaway key."""

    ENV = "testing"
    TESTING = True
    SECRET_KEY = "test-" + secrets.token_hex(16)
    #: The test client's default host, so links in e-mails match the requests that sent them.
    BASE_URL = "http://localhost"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    GEOCODER = "offline"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    #: Argon2's minimum cost: hashing takes microseconds instead of tens of milliseconds.
    ARGON2_PROFILE = "CHEAPEST"
    #: Limits stay on, counted in memory; tests/conftest.py empties the counts between tests.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = False
    RATELIMIT_SWALLOW_ERRORS = False
    #: Jobs run inside the request or command that queues them.
    HUEY_IMMEDIATE = True
    #: The demo's drawn works, small: some 800 of them are drawn and copied per `flask demo`.
    DEMO_WORK_LONG_SIDE = 160
    REDIS_URL = None


def fill_cookie_security(config: dict) -> None:
    """Make cookies secure in production unless a setting says otherwise."""
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if config.get(name) is None:
            config[name] = config.get("ENV") == "production"


#: Loopback names a developer's browser may use for the same server.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


def fill_hosts(config: dict) -> None:
    """Require BASE_URL in production; answer only to its host and the configured extra ones."""
    base = (config.get("BASE_URL") or "").strip().rstrip("/")
    if not base:
        if config.get("ENV") == "production":
            raise RuntimeError(
                "KUNSTRUTE_BASE_URL must be set in production (e.g. https://kunstrettvest.no): "
                "links in e-mails and calendar feeds are built from it."
            )
        base = "http://127.0.0.1:5000"
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RuntimeError(f"KUNSTRUTE_BASE_URL must be an http(s) address, not {base!r}.")
    config["BASE_URL"] = base
    if config.get("TRUSTED_HOSTS") is None:
        hosts = [parts.hostname, *config.get("EXTRA_TRUSTED_HOSTS", ())]
        if parts.hostname in LOOPBACK_HOSTS and config.get("ENV") != "production":
            hosts += [h for h in LOOPBACK_HOSTS if h not in hosts]
        config["TRUSTED_HOSTS"] = hosts


def check_secret_key(config: dict) -> None:
    """Refuse to run production with a missing or well-known secret key."""
    key = config.get("SECRET_KEY") or ""
    if config.get("ENV") == "production" and (key.lower() in WEAK_SECRETS or len(key) < 32):
        raise RuntimeError(
            "KUNSTRUTE_SECRET_KEY must be set to a random value of at least 32 characters "
            "in production (python -c 'import secrets; print(secrets.token_hex(32))')."
        )

"""Rate limits: how often one address (IP), one account or one recipient may try something.

Flask-Limiter counts in process memory by default and in Redis with `REDIS_URL`, so several
workers and hosts share one count. Limits per address are generous, because a mobile network
puts a whole family (or village) behind one address; the tight limits are per account (wrong
passwords for the e-mail typed) and per recipient (e-mails one address may be sent), which a
crowd behind one address does not reach and an attacker cannot spread out. The settings are in
`Config` (`RATELIMIT_*`); a refused request gets the 429 page of `views_errors`.
"""

from collections.abc import Callable
from functools import lru_cache

from flask import Flask, Response, current_app, request
from limits import RateLimitItem, parse_many
from werkzeug.middleware.proxy_fix import ProxyFix

from kunstrute.extensions import limiter
from kunstrute.text import normalise_email

#: One count for every form that e-mails a typed address, so cycling forms does not help.
MAIL_SCOPE = "mail-to-recipient"


def client_address() -> str:
    """Return the client's address: the socket's, or the trusted proxies' (PROXY_HOPS)."""
    return request.remote_addr or "unknown"


def typed_email() -> str:
    """Return the e-mail address the form carries, as it is stored; '' skips the limit."""
    email = normalise_email(request.form.get("email"))
    return f"email:{email}" if email else ""


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def _form_refused(response: Response) -> bool:
    """True when the sign-in form came back (a wrong password): only failures count."""
    return response.status_code == 400


def _form_accepted(response: Response) -> bool:
    """True when the form went through, so an e-mail went out; a form with errors sent none."""
    return response.status_code < 400


def sign_in(view):
    """Limit wrong passwords per address and per account (the e-mail typed)."""
    view = limiter.limit(_setting("RATELIMIT_SIGN_IN_PER_ADDRESS"), key_func=client_address,
                         methods=["POST"], deduct_when=_form_refused)(view)
    return limiter.limit(_setting("RATELIMIT_SIGN_IN_PER_ACCOUNT"), key_func=typed_email,
                         methods=["POST"], deduct_when=_form_refused)(view)


def mail_form(view):
    """Limit a public form that makes the site send an e-mail: per address, per recipient."""
    view = limiter.limit(_setting("RATELIMIT_MAIL_FORMS_PER_ADDRESS"), key_func=client_address,
                         methods=["POST"])(view)
    return limiter.shared_limit(_setting("RATELIMIT_MAILS_PER_RECIPIENT"), scope=MAIL_SCOPE,
                                key_func=typed_email, methods=["POST"],
                                deduct_when=_form_accepted)(view)


def mail_form_per_address(view):
    """Limit a form that e-mails a known address (no address typed): per address only."""
    return limiter.limit(_setting("RATELIMIT_MAIL_FORMS_PER_ADDRESS"), key_func=client_address,
                         methods=["POST"])(view)


@lru_cache(maxsize=16)
def _items(setting: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(setting))


def _checkin_limits(venue_id: int) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
    config, address = current_app.config, client_address()
    prefix = config["RATELIMIT_KEY_PREFIX"]
    per_venue = (prefix, "checkin-venue", address, str(venue_id))
    per_address = (prefix, "checkin", address)
    return ([(item, per_venue) for item in _items(config["RATELIMIT_CHECKIN_PER_VENUE"])]
            + [(item, per_address) for item in _items(config["RATELIMIT_CHECKIN_PER_ADDRESS"])])


def take_checkin(venue_id: int) -> bool:
    """Count a NEW QR check-in against this address's limits; return False if over one.

    Not a decorator: a visitor over the limit must still reach the artist's page (a 429 to
    someone scanning a poster helps nobody), and only new check-ins count (a reload is no
    check-in), which only the view knows once it has looked; it calls this then, and an
    over-limit visitor is not recorded. One atomic hit per limit, none for a retry.

    The numbers (RATELIMIT_CHECKIN_*): 120 an hour and 600 a day per address and studio,
    because a busy studio saw up to ~200 visitors a day in 2014 and a mobile network may put
    most of them behind one address (CGNAT), while a script can add at most that much to one
    studio's QR sample; 1,000 an hour per address over all studios, about the whole route's
    busiest hour at ten times the 2014 crowd. If the storage fails the check-in counts (the
    errors are swallowed as for the other limits): a lost visitor is worse than a few extra.
    """
    if not (limiter.enabled and limiter.initialized):
        return True
    try:
        # In order, stopping at the first refusal: a studio's full count uses up no more of
        # the address's count over all studios.
        return all(limiter.limiter.hit(item, *keys) for item, keys in _checkin_limits(venue_id))
    except Exception:  # any storage's connection error
        current_app.logger.warning("check-in limit unavailable", exc_info=True)
        return True


def init_app(app: Flask) -> None:
    """Trust the configured number of proxies for the client's address, then start counting."""
    hops = app.config["PROXY_HOPS"]
    if hops:  # never by default: anyone can send X-Forwarded-For
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    limiter.init_app(app)

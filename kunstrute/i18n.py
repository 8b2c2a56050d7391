"""Languages: Norwegian bokmål first, English by choice (a cookie, no account needed)."""

from flask import (
    Flask,
    current_app,
    g,
    has_request_context,
    make_response,
    redirect,
    request,
    url_for,
)
from flask_babel import format_date, format_decimal, get_locale, get_translations

from kunstrute.extensions import babel
from kunstrute.urls import safe_next

LANG_COOKIE = "lang"
#: How each language names itself, for the switch.
LANGUAGE_NAMES = {"nb": "Norsk", "en": "English"}
#: Date patterns per language: Babel's skeletons abbreviate month names, we want them whole.
DATE_PATTERNS = {
    "nb": {"day": "EEEE d. MMMM", "date": "d. MMMM y", "day_month": "d. MMMM", "day_only": "d.",
           "short_day": "EEE d. MMM"},
    "en": {"day": "EEEE d MMMM", "date": "d MMMM y", "day_month": "d MMMM", "day_only": "d",
           "short_day": "EEE d MMM"},
}


def _patterns() -> dict:
    return DATE_PATTERNS.get(str(get_locale() or "nb"), DATE_PATTERNS["en"])


def format_day(value) -> str:
    """Return 'lørdag 11. september' / 'Saturday 11 September'."""
    return format_date(value, _patterns()["day"])


def format_short_day(value) -> str:
    """Return 'lør. 5. sep.' / 'Sat 5 Sep'."""
    return format_date(value, _patterns()["short_day"])


def format_long_date(value) -> str:
    """Return '22. november 2026' / '22 November 2026'."""
    return format_date(value, _patterns()["date"])


def upper_first(text: str) -> str:
    """Return text with its first letter in upper case and the rest as it was.

    Jinja's `capitalize` lower-cases the rest, which turns 'Thursday 9 September' into
    'Thursday 9 september'; English month and weekday names keep their capitals.
    """
    text = str(text)
    return text[:1].upper() + text[1:]


def format_km(value: float) -> str:
    """Return '2,3' in bokmål and '2.3' in English (one decimal under 10 km, none above)."""
    return format_decimal(value, format="0.0" if value < 10 else "0")


def format_duration(minutes: int) -> str:
    """Return '1 t 20 min' / '1 h 20 min' (never '0 t')."""
    hours, rest = divmod(int(minutes), 60)
    hour = "t" if str(get_locale() or "nb") == "nb" else "h"
    return f"{hours} {hour} {rest} min" if hours else f"{rest} min"


def format_period(start, end) -> str:
    """Return '9.–19. september 2027', or '28. august – 7. september 2027' across months."""
    patterns = _patterns()
    if (start.year, start.month) == (end.year, end.month):
        return f"{format_date(start, patterns['day_only'])}–{format_date(end, patterns['date'])}"
    first = patterns["day_month"] if start.year == end.year else patterns["date"]
    return f"{format_date(start, first)} – {format_date(end, patterns['date'])}"


def select_locale() -> str:
    """Return the visitor's chosen language, or bokmål."""
    chosen = request.cookies.get(LANG_COOKIE) if has_request_context() else None
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def set_language(code: str):
    """Remember the chosen language and go back to the page the visitor came from."""
    target = safe_next(request.args.get("next")) or url_for("guide.index")
    response = make_response(redirect(target))
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def request_translations():
    """Return the request's catalogue, looked up once per request.

    Flask-Babel resolves the locale and its catalogue on every `_()`; a list page calls it
    hundreds of times, which made translation the largest cost of rendering it.
    """
    cached = g.get("translations")
    locale = get_locale()  # cached by Flask-Babel; keyed so force_locale still works
    if cached is None or cached[0] != locale:
        cached = g.translations = (locale, get_translations())
    return cached[1]


def _install_template_gettext(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
    _install_template_gettext(app)
    app.add_url_rule("/lang/<code>", "set_language", set_language)


def language_context() -> dict:
    """Return the page's language and the other one, for the language switch."""
    current = str(get_locale() or "nb")
    other = "en" if current == "nb" else "nb"
    return {"current_language": current, "other_language": other,
            "other_language_name": LANGUAGE_NAMES[other]}

"""Languages: Norwegian bokmål first, English by choice (a cookie, no account needed)."""

from flask import Flask, current_app, make_response, redirect, request, url_for
from flask_babel import get_locale

from kunstrute.extensions import babel
from kunstrute.urls import safe_next

LANG_COOKIE = "lang"
#: How each language names itself, for the switch.
LANGUAGE_NAMES = {"nb": "Norsk", "en": "English"}


def select_locale() -> str:
    """Return the visitor's chosen language, or bokmål."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def set_language(code: str):
    """Remember the chosen language and go back to the page the visitor came from."""
    target = safe_next(request.args.get("next")) or url_for("route.index")
    response = make_response(redirect(target))
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
    app.add_url_rule("/lang/<code>", "set_language", set_language)

    @app.context_processor
    def language_context():
        current = str(get_locale() or "nb")
        other = "en" if current == "nb" else "nb"
        return {
            "current_language": current,
            "other_language": other,
            "other_language_name": LANGUAGE_NAMES[other],
        }

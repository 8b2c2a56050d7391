"""Every app-wide Jinja filter, global and context value, registered in one place.

This module composes the domains' vocabularies for the templates, so it sits with the app
factory at the top of the import layers (docs/ARCHITECTURE.md), not in the base.
"""

from datetime import date

from flask import Flask

from kunstrute.auth import permissions
from kunstrute.auth.models import role_label
from kunstrute.auth.services import MIN_PASSWORD_LENGTH
from kunstrute.editions.vocabulary import discipline_list, format_hours
from kunstrute.guide.planner import MAX_STOPS
from kunstrute.guide.services import next_opening, open_until
from kunstrute.i18n import (
    format_day,
    format_duration,
    format_km,
    format_long_date,
    format_period,
    format_short_day,
    language_context,
    upper_first,
)
from kunstrute.mail import external_url
from kunstrute.media.queries import media_srcset, media_url
from kunstrute.programme.models import EventKind
from kunstrute.programme.vocabulary import EVENT_LANGUAGES, KIND_LABELS
from kunstrute.stats import comparison
from kunstrute.stats.charts import chart_svg
from kunstrute.stats.tables import format_value
from kunstrute.text import paragraphs
from kunstrute.timeutil import to_oslo, utcnow
from kunstrute.urls import directions_url, safe_http_url


def kind_label(kind) -> str:
    return str(KIND_LABELS.get(EventKind(kind), kind))


def event_language(code: str) -> str:
    return str(EVENT_LANGUAGES.get(code, code))


def clock(utc_naive) -> str:
    """Return '14:30' in Oslo time for a stored (naive UTC) datetime."""
    return to_oslo(utc_naive).strftime("%H:%M")


def local_date(utc_naive) -> date:
    return to_oslo(utc_naive).date()


def iso_local(utc_naive) -> str:
    """Return the machine-readable time for <time datetime>, with its UTC offset."""
    return to_oslo(utc_naive).isoformat(timespec="minutes")


def display_url(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


FILTERS = {
    "day": format_day, "long_date": format_long_date, "duration": format_duration,
    "km": format_km, "short_day": format_short_day, "hours": format_hours, "clock": clock,
    "local_date": local_date, "iso_local": iso_local, "display_url": display_url,
    "upper_first": upper_first, "paragraphs": paragraphs,
    #: Only http(s) links render, so a stored javascript: link never does.
    "safe_url": safe_http_url,
    "role_label": role_label,
    #: The dashboards: a table's chart as SVG, and a figure as the pages write it.
    "chart": chart_svg, "figure": format_value,
}
GLOBALS = {
    "period": format_period, "next_opening": next_opening, "open_until": open_until,
    "discipline_list": discipline_list,
    "kind_label": kind_label, "event_language": event_language, "directions": directions_url,
    "can_organise": permissions.can_organise, "can_edit_studio": permissions.can_edit_studio,
    #: Absolute links on the configured BASE_URL, never the request's Host.
    "external_url": external_url,
    "route_max_stops": MAX_STOPS,
    #: Public images (media files made public): one copy's address, and the responsive set.
    "media_url": media_url, "media_srcset": media_srcset,
    "can_invite": permissions.can_invite, "can_deactivate": permissions.can_deactivate,
    "min_password_length": MIN_PASSWORD_LENGTH,
    #: The goals' and year-over-year tables for the dashboard's partials (stats/_goals.html).
    "stats_comparison": comparison,
}


def _rendered_at() -> dict:
    """Every page says when it was made, so a saved copy can tell how old its data is."""
    return {"rendered_at": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")}


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(GLOBALS)
    app.context_processor(_rendered_at)
    app.context_processor(language_context)

"""The figures a goal can be set on: the stats document's numbers, with labels and kinds.

A goal names its figure by the dotted key of the flattened document (flatten(doc)), so any
number the statistics service gives can be a goal. This module turns those keys into what
an organiser chooses from (grouped, in words) and says what each figure is: a share (0..1,
a goal in percent), an amount in NOK, or a count, and whether it grows over the route's
days (then a goal on it is pro-rated during the route: stats/goals.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kunstrute.i18n import format_day
from kunstrute.stats.models import GoalUnit

SHARE, NOK, COUNT = "share", "nok", "count"

#: Keys (or their starts) that are not a figure to set a goal on: the edition's year and
#: period, ids, the lists drawn as charts, and the goals themselves.
EXCLUDED_PREFIXES = ("edition", "period.", "previous.year", "since_start.first_year",
                     "year_over_year.", "history.", "goals.", "visits.per_studio.top.",
                     "visits.per_studio.bottom.", "visits.per_studio.histogram.",
                     "visits.has_counts")
EXCLUDED_ENDINGS = (".survey_id", ".catalogue_no")

#: The groups of the figure list, in the order the form shows them.
GROUPS = {
    "visits": _l("Visits"), "sales": _l("Sales"), "applications": _l("Applications"),
    "artists": _l("Artists"), "programme": _l("Programme"), "newsletter": _l("Newsletter"),
    "surveys": _l("Surveys"), "previous": _l("Earlier years"), "since_start": _l("Earlier years"),
}

KNOWN = {
    "visits.total": _l("Visits in all"),
    "visits.studios": _l("Visits at the studios"),
    "visits.exhibition": _l("Visits at the exhibition"),
    "visits.exhibition_per_day": _l("Visitors per day at the exhibition"),
    "visits.per_studio.min": _l("Visits at the studio with the fewest"),
    "visits.per_studio.median": _l("Visits per studio, the median"),
    "visits.per_studio.max": _l("Visits at the studio with the most"),
    "visits.studios_counted": _l("Studios with a visitor figure"),
    "visits.studios_reported": _l("Studios that reported their visitors"),
    "visits.studios_total": _l("Studios on the route"),
    "visits.reporting_share": _l("Share of the studios that reported their visitors"),
    "visits.change_from_previous.absolute": _l("Visits, change from last year"),
    "visits.change_from_previous.relative": _l("Visits, change from last year in percent"),
    "sales.studios_nok": _l("Sales at the studios (NOK)"),
    "sales.studios_works": _l("Works sold at the studios"),
    "sales.exhibition_nok": _l("Sales at the exhibition (NOK)"),
    "sales.exhibition_works": _l("Works sold at the exhibition"),
    "sales.artists_with_sales": _l("Artists who sold something"),
    "sales.artists_with_sales_share": _l("Share of the artists who sold something"),
    "applications.received": _l("Applications received"),
    "applications.accepted": _l("Applications accepted"),
    "applications.new_artists": _l("New artists on the route"),
    "applications.from_hosts": _l("Applicants from the host municipalities"),
    "applications.funnel.started": _l("Applications started"),
    "applications.funnel.submitted": _l("Applications submitted"),
    "applications.funnel.scored": _l("Applications scored by the jury"),
    "applications.funnel.accepted": _l("Applications accepted (funnel)"),
    "applications.funnel.published": _l("Artists published on the route"),
    "programme.events": _l("Events in the programme"),
    "programme.registrations": _l("Registrations for events (confirmed)"),
    "programme.waitlisted": _l("On a waiting list for events"),
    "programme.attended": _l("Checked in at events"),
    "programme.seminar_registrations": _l("Registered for the seminar"),
    "programme.seminar_attended": _l("Checked in at the seminar"),
    "newsletter.sent": _l("Newsletters sent this year"),
    "newsletter.subscribers": _l("Newsletter subscribers"),
    "newsletter.new_subscribers": _l("New newsletter subscribers this year"),
    "previous.visits_total": _l("Last year's visits"),
    "since_start.visits": _l("Visits since the first edition"),
    "since_start.artists": _l("Artists since the first edition"),
    "since_start.years": _l("Years of the route"),
}

#: Keys of one entry in a {name: figure} map: the label with the name put in.
NAMED = {
    "visits.by_municipality.": _l("Studio visits in %(name)s"),
    "visits.by_source.": _l("Visits counted as %(name)s"),
    "visits.sources_used.": _l("Venues counted as %(name)s"),
    "visits.by_day.": _l("Visits on %(name)s"),
    "sales.by_municipality.": _l("Studio sales in %(name)s (NOK)"),
    "applications.by_municipality.": _l("Applications from %(name)s"),
    "artists.by_municipality.": _l("Artists on the route from %(name)s"),
    "programme.by_kind.": _l("Events of the kind %(name)s"),
    "programme.by_municipality.": _l("Events in %(name)s"),
}

#: The count sources in words (visits.by_source.<source>).
SOURCE_WORDS = {"reported": _l("reported by the artists"), "qr_checkin": _l("QR check-in"),
                "door_counter": _l("door counter")}

#: Figures that grow over the route's days besides the visit and sales totals.
GROWING = {"programme.attended", "programme.seminar_attended"}
#: Last parts of a visits./sales. key that do not grow with the days (levels, not totals).
LEVELS = {"min", "median", "max", "mean", "studios_total", "absolute", "relative"}


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def numbers(pairs: Iterable[tuple[str, object]]) -> dict[str, float | int | None]:
    """Return {dotted key: value} of flatten(doc)'s figures a goal may name.

    A key whose value is None is a figure only when it is a known one (a median before any
    count); other None values are texts not given (previous.from).
    """
    return {key: value for key, value in pairs
            if (is_number(value) or (value is None and key in KNOWN)) and not excluded(key)}


def excluded(key: str) -> bool:
    return key.startswith(EXCLUDED_PREFIXES) or key.endswith(EXCLUDED_ENDINGS)


def figure_kind(key: str) -> str:
    """Return SHARE (0..1), NOK or COUNT for a dotted key."""
    last = key.rsplit(".", 1)[-1]
    if last.endswith("share") or last in ("response_rate", "relative") or (
            ".headlines." in key and last == "share"):
        return SHARE
    if "_nok" in key or key.startswith("sales.by_municipality."):
        return NOK
    return COUNT


def units_for(key: str) -> set[GoalUnit]:
    """Return the units a goal on this figure may use (a change in percent fits every one)."""
    own = {SHARE: GoalUnit.PERCENT, NOK: GoalUnit.NOK, COUNT: GoalUnit.COUNT}[figure_kind(key)]
    return {own, GoalUnit.CHANGE_PERCENT}


def grows_over_the_route(key: str) -> bool:
    """Say whether the figure adds up day by day over the route (visits, sales, check-ins).

    visits.exhibition_per_day divides the exhibition's visits by all the edition's days, so
    during the route it grows like a total. A single day's count (visits.by_day.<date>) and
    levels (shares, the median, the change from last year) do not.
    """
    if key in GROWING:
        return True
    if not key.startswith(("visits.", "sales.")) or figure_kind(key) == SHARE:
        return False
    if key.startswith(("visits.by_day.", "visits.per_studio.", "visits.change_from_previous.")):
        return False
    return key.rsplit(".", 1)[-1] not in LEVELS


def figure_label(key: str, doc: dict | None = None) -> str:
    """Return the figure's name in words; an unknown key is shown as it is."""
    if key in KNOWN:
        return str(KNOWN[key])
    for prefix, label in NAMED.items():
        if key.startswith(prefix):
            return str(label) % {"name": _name(prefix, key[len(prefix):])}
    if key.startswith("surveys."):
        return _survey_label(key, doc or {})
    return key


def _name(prefix: str, name: str) -> str:
    """Return the name inside a key in words: a day, a count source, a kind of event."""
    if prefix == "visits.by_day.":
        try:
            return format_day(date.fromisoformat(name))
        except ValueError:
            return name
    if prefix in ("visits.by_source.", "visits.sources_used."):
        return str(SOURCE_WORDS.get(name, name))
    if prefix == "programme.by_kind.":
        return name.replace("_", " ")
    return name


def _survey_label(key: str, doc: dict) -> str:
    parts = key.split(".")
    survey = (doc.get("surveys") or {}).get(parts[1]) or {}
    title = survey.get("title") or parts[1]
    if len(parts) == 3:
        words = {"invited": _("invited"), "answered": _("answered"),
                 "response_rate": _("response rate")}.get(parts[2], parts[2])
        return f"{title}: {words}"
    if len(parts) >= 5 and parts[2] == "headlines" and parts[3].isdigit():
        headlines = survey.get("headlines") or []
        index = int(parts[3])
        question = headlines[index].get("question") if index < len(headlines) else None
        question = question or parts[3]
        if parts[-1] == "mean":
            return _("%(survey)s: %(question)s (mean)", survey=title, question=question)
        if parts[-1] == "share":
            return _("%(survey)s: %(question)s (share of the top answer)", survey=title,
                     question=question)
        return f"{title}: {question} ({parts[-1]})"
    return f"{title}: {'.'.join(parts[2:])}"


def group_of(key: str) -> str:
    return str(GROUPS.get(key.split(".", 1)[0], _l("Other figures")))


def figure_choices(doc: dict, pairs: Iterable[tuple[str, object]],
                   keep: Iterable[str] = ()) -> dict[str, list[tuple[str, str]]]:
    """Return {group: [(key, label)]} of the document's figures (pairs: flatten(doc)).

    Every known figure is offered even when the document has no value for it yet (the
    change from last year before there is a last year); keys in `keep` (a goal's figure the
    document no longer has) stay choosable.
    """
    found = numbers(pairs)
    keys = [key for key in KNOWN if key in found or not excluded(key)]
    keys += [key for key in found if key not in KNOWN]
    keys += [key for key in keep if key and key not in keys]
    groups: dict[str, list[tuple[str, str]]] = {}
    order = list(dict.fromkeys(str(label) for label in GROUPS.values()))
    for key in keys:
        groups.setdefault(group_of(key), []).append((key, figure_label(key, doc)))
    known = [group for group in order if group in groups]
    return {group: groups[group] for group in [*known, *sorted(set(groups) - set(known))]}

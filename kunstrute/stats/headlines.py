"""The dashboard's headline figures: a few numbers of the statistics document as cards.

Each card is one figure of the document (never a new sum), how it was derived and the
organiser page with the rows behind it. The organisers' home shows the first few.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from kunstrute.stats.tables_people import held_surveys
from kunstrute.stats.tabular import Kind, format_value, link


@dataclass(frozen=True)
class Card:
    #: The figure's dotted key in the statistics document (what the tests compare).
    key: str
    label: str
    value: object
    kind: Kind
    note: str = ""
    url: str | None = None

    @property
    def text(self) -> str:
        return format_value(self.value, self.kind)


#: How many cards the organisers' home shows: the first ones of headline_cards().
HOME_CARDS = 6


def headline_cards(doc: dict) -> list[Card]:
    """Return the edition's headline figures, the most asked-for first.

    A figure whose section has nothing yet is left out rather than shown as a zero.
    """
    cards = []
    if doc["visits"]["has_counts"]:
        cards += _visit_cards(doc)
    if any(doc["sales"][key] for key in ("studios_nok", "exhibition_nok")):
        cards += _sales_cards(doc)
    cards += _people_cards(doc)
    return cards


def _visit_cards(doc: dict) -> list[Card]:
    visits, year = doc["visits"], doc["edition"]
    counting = link("counting_admin.index", year=year)
    total_note = _("Studios %(studios)s, exhibition %(exhibition)s.",
                   studios=format_value(visits["studios"], Kind.COUNT),
                   exhibition=format_value(visits["exhibition"], Kind.COUNT))
    change, previous = visits["change_from_previous"], doc["previous"]
    if change is not None:
        total_note += " " + _("%(change)s on %(year)d.", year=previous["year"],
                              change=_signed(change["absolute"]))
    return [
        Card("visits.total", _("Visits"), visits["total"], Kind.COUNT, total_note, counting),
        Card("visits.exhibition_per_day", _("Exhibition visits per day"),
             visits["exhibition_per_day"], Kind.NUMBER,
             _("%(visits)s visits over %(days)d days.",
               visits=format_value(visits["exhibition"], Kind.COUNT),
               days=doc["period"]["days"]),
             link("counting_admin.exhibition", year=year)),
        Card("visits.reporting_share", _("Studios that reported"),
             visits["reporting_share"], Kind.SHARE,
             _("%(reported)d of %(total)d studios.", reported=visits["studios_reported"],
               total=visits["studios_total"]), counting),
    ]


def _signed(number: int) -> str:
    text = format_value(abs(number), Kind.COUNT)
    return f"+{text}" if number >= 0 else f"−{text}"


def _sales_cards(doc: dict) -> list[Card]:
    sales, year = doc["sales"], doc["edition"]
    return [
        Card("sales.studios_nok", _("Studio sales"), sales["studios_nok"], Kind.NOK,
             _("%(works)s works, as the artists reported them.",
               works=format_value(sales["studios_works"], Kind.COUNT)),
             link("counting_admin.index", year=year)),
        Card("sales.artists_with_sales_share", _("Artists who sold"),
             sales["artists_with_sales_share"], Kind.SHARE,
             _("%(sellers)d of %(total)d artists.", sellers=sales["artists_with_sales"],
               total=doc["visits"]["studios_total"]),
             link("counting_admin.index", year=year)),
        Card("sales.exhibition_nok", _("Exhibition sales"), sales["exhibition_nok"], Kind.NOK,
             _("%(works)s works sold at the exhibition.",
               works=format_value(sales["exhibition_works"], Kind.COUNT)),
             link("counting_admin.exhibition", year=year)),
    ]


def _people_cards(doc: dict) -> list[Card]:
    applications = doc["applications"]
    cards = []
    if applications["received"]:
        cards.append(Card(
            "applications.received", _("Applications"), applications["received"], Kind.COUNT,
            _("%(accepted)d accepted, %(new)d new artists.",
              accepted=applications["accepted"], new=applications["new_artists"]),
            link("applications_admin.index")))
    programme = doc["programme"]
    if programme["events"]:
        cards.append(Card(
            "programme.events", _("Events"), programme["events"], Kind.COUNT,
            _("%(registered)s registered, %(attended)s checked in.",
              registered=format_value(programme["registrations"], Kind.COUNT),
              attended=format_value(programme["attended"], Kind.COUNT)),
            link("programme_admin.index")))
    newsletter = doc["newsletter"]
    if newsletter["subscribers"]:
        cards.append(Card(
            "newsletter.subscribers", _("Newsletter subscribers"), newsletter["subscribers"],
            Kind.COUNT,
            _("%(sent)d newsletters sent in %(year)d.", sent=newsletter["sent"],
              year=doc["edition"]),
            link("newsletter_admin.index")))
    for audience, survey in held_surveys(doc).items():
        cards.append(Card(
            f"surveys.{audience}.response_rate",
            _("Response rate: %(survey)s", survey=survey["title"]), survey["response_rate"],
            Kind.SHARE,
            _("%(answered)d of %(invited)d answered.", answered=survey["answered"],
              invited=survey["invited"]),
            link("surveys_admin.results", survey_id=survey["survey_id"])))
    return cards

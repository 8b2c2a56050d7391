"""iCalendar (RFC 5545) feeds of the programme, with Europe/Oslo times.

Each event keeps its UID for life and its SEQUENCE grows with every published change, so
calendar apps that subscribed to /programme.ics update an event instead of adding a copy.
Cancelled events stay in the feed with STATUS:CANCELLED so that subscribers see the change.
"""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, vText
from icalendar import Event as VEvent

from kunstrute.programme.models import Event, EventStatus
from kunstrute.programme.queries import venue_of
from kunstrute.programme.vocabulary import KIND_LABELS
from kunstrute.text import one_line, plain_line_ends
from kunstrute.timeutil import to_oslo


def calendar(events: list[Event], *, name: str, event_url) -> bytes:
    """Return the .ics bytes for these events; event_url(event) gives each event's page."""
    cal = Calendar()
    cal.add("prodid", "-//Kunstrute//programme//NO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name))  # icalendar refuses LF here and writes CR raw
    cal.add("x-wr-timezone", "Europe/Oslo")
    for event in events:
        cal.add_component(_vevent(event, event_url(event)))
    cal.add_missing_timezones()
    return cal.to_ical()


def _vevent(event: Event, url: str) -> VEvent:
    venue = venue_of(event)
    item = VEvent()
    item.add("uid", event.uid)
    item.add("sequence", event.sequence)
    item.add("dtstamp", _utc(event.updated_at))
    item.add("last-modified", _utc(event.updated_at))
    item.add("dtstart", to_oslo(event.starts_at))
    item.add("dtend", to_oslo(event.ends_at))
    item.add("summary", one_line(event.title))  # titles are one line, also rows saved before
    # The kind as people say it, in the feed's language: calendar apps show it as a tag.
    item.add("categories", [str(KIND_LABELS[event.kind])])
    description = plain_line_ends(event.description).strip()
    item.add("description", f"{description}\n\n{url}" if description else url)
    parts = [venue.name] + ([venue.address] if venue.address != venue.name else [])
    item.add("location", vText(one_line(", ".join(p for p in parts if p))))
    if venue.is_placed:
        item.add("geo", (venue.lat, venue.lon))
    item.add("url", url)
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


def _utc(naive_utc: datetime) -> datetime:
    return naive_utc.replace(tzinfo=UTC)

"""The sample edition's programme (data/programme.json), loaded by `flask demo`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from kunstrute.editions.models import Edition, Participation
from kunstrute.extensions import db
from kunstrute.programme.models import Event, EventKind, EventStatus, VenueKind
from kunstrute.timeutil import to_utc


def load_programme(*, edition: Edition, data: dict) -> list[Event]:
    """Create the published events and guided tours described in data; flush, not commit."""
    events = [_event(edition, item) for item in data.get("events", [])]
    for series in data.get("guided_tours", []):
        for day in series["days"]:
            for start in series["times"]:
                starts = datetime.combine(date.fromisoformat(day), time.fromisoformat(start))
                events.append(_event(edition, {
                    "kind": EventKind.GUIDED_TOUR, "title": series["title"], "day": day,
                    "starts": start, "ends": (starts + timedelta(minutes=series["minutes"]))
                    .strftime("%H:%M"), "venue": series["venue"],
                    "description": series["description"], "registration": True,
                    "capacity": series["capacity"], "series": series["series"],
                    "language": series.get("language", "nb")}))
    db.session.add_all(events)
    db.session.flush()
    return events


def _event(edition: Edition, item: dict) -> Event:
    day = date.fromisoformat(item["day"])
    event = Event(
        edition=edition, kind=EventKind(item["kind"]), title=item["title"],
        description=item.get("description", ""),
        starts_at=to_utc(datetime.combine(day, time.fromisoformat(item["starts"]))),
        ends_at=to_utc(datetime.combine(day, time.fromisoformat(item["ends"]))),
        language=item.get("language", "nb"),
        registration_required=item.get("registration", False),
        capacity=item.get("capacity"), series=item.get("series"),
        status=EventStatus.PUBLISHED)
    venue = item["venue"]
    if venue == "exhibition":
        event.venue_kind = VenueKind.EXHIBITION
    elif "studio" in venue:
        event.venue_kind = VenueKind.STUDIO
        event.studio_id = db.session.scalar(
            sa.select(Participation.studio_id).where(
                Participation.edition_id == edition.id,
                Participation.catalogue_no == venue["studio"]))
    else:
        event.venue_kind = VenueKind.ADDRESS
        event.venue_name = venue.get("name")
        event.address, event.postcode, event.place = (
            venue["address"], venue.get("postcode"), venue.get("place"))
    return event

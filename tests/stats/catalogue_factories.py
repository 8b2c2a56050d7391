"""Factories for the printed catalogue: a small edition with artists in three municipalities,
works with real image files, studios with and without a position, and a programme."""

from dataclasses import dataclass
from datetime import datetime, time

from kunstrute.editions.models import Work
from kunstrute.extensions import db
from tests.editions.factories import edition, municipality, participant
from tests.media.factories import stored_image
from tests.programme.factories import event

#: A name that would be markup if anything printed it unescaped.
HOSTILE = '<b>Ærlig</b> & "Øvre"'
#: Municipalities with their own centres (the factory's default puts all in one spot).
PLACES = {"Lier": (59.79, 10.25), "Bærum": (59.91, 10.52), "Øvre Eiker": (59.76, 9.91)}


def work(participation, *, width: int = 800, height: int = 600, title: str = "Fjord") -> Work:
    """Return a shown work with a real, processed, public image (left red, right blue)."""
    shown = Work(participation=participation, position=len(participation.works), title=title,
                 image=stored_image(width=width, height=height, public=True))
    db.session.add(shown)
    db.session.flush()
    return shown


@dataclass
class Route:
    edition: object
    #: (catalogue number, name) in the order the catalogue prints them.
    printed: list[tuple[int, str]]
    #: slug → the artist's page on BASE_URL.
    urls: dict[str, str]
    placed: set[int]
    unplaced: set[int]


def small_route(site: str) -> Route:
    """Return a published 2027 edition of five artists; the numbers run across municipalities
    so print order (by municipality) differs from number order: 1, 2, 3, 5, 4."""
    for name, (lat, lon) in PLACES.items():
        place = municipality(name)
        place.lat, place.lon = lat, lon
    found = edition(2027, hosts=["Lier", "Bærum"], exhibition_venue="Galleri Åsen",
                    exhibition_address="Storgata 1, 3400 Lier", exhibition_lat=59.70,
                    exhibition_lon=10.20, exhibition_hours="12–18")
    first = participant(found, name="Åse Bjørnstad", catalogue_no=1, lat=59.80, lon=10.30,
                        wheelchair_access=True, disciplines=("ceramics", "drawing"))
    hostile = participant(found, name=HOSTILE, catalogue_no=2, lat=59.75, lon=10.22,
                          opens_at=time(12), closes_at=time(16), studio_name=None)
    third = participant(found, name="Bjørn Berg", catalogue_no=3, municipality_name="Bærum",
                        lat=59.90, lon=10.50, studio_name="Berg & Sønn")
    fourth = participant(found, name="Cecilie Dahl", catalogue_no=4,
                         municipality_name="Øvre Eiker", lat=None, lon=None)
    fifth = participant(found, name="Dag Ås", catalogue_no=5, studio=third.studio)
    for p in (first, hostile, fourth):
        work(p)
    event(found, title="Kunstnersamtale hos Åse", kind="artist_talk", venue_kind="studio",
          studio=first.studio, starts_at=datetime(2027, 9, 11, 11))
    event(found, title="Omvisning i utstillingen", starts_at=datetime(2027, 9, 12, 12))
    event(found, title="Avlyst konsert", kind="concert", status="cancelled")
    event(found, title="Utkast til vandring", kind="historical_walk", status="draft")
    order = [first, hostile, third, fifth, fourth]
    return Route(edition=found, printed=[(p.catalogue_no, p.artist.name) for p in order],
                 urls={p.artist.slug: f"{site}/artists/{p.artist.slug}" for p in order},
                 placed={1, 2, 3, 5}, unplaced={4})

"""Every domain's models in one import, for Alembic and for relationship resolution."""

from kunstrute.audit.models import AuditEntry
from kunstrute.auth.models import Role, User
from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    Discipline,
    Edition,
    Municipality,
    OpenDay,
    Participation,
    ParticipationStatus,
    Studio,
)
from kunstrute.geocoding.models import GeocodeCache, LocationSource
from kunstrute.newsletter.models import Newsletter, NewsletterDelivery, Subscriber
from kunstrute.pagecache import DataVersion
from kunstrute.programme.models import Event, Registration

__all__ = [
    "AuditEntry", "DataVersion",
    "Event", "Newsletter", "NewsletterDelivery", "Registration", "Subscriber",
    "Artist", "ArtistDiscipline", "Discipline", "Edition", "GeocodeCache", "LocationSource",
    "Municipality", "OpenDay", "Participation", "ParticipationStatus", "Role", "Studio", "User",
]

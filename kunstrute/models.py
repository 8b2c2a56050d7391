"""Every domain's models in one import, for Alembic and for relationship resolution."""

from kunstrute.applications.models import (
    Application,
    Artwork,
    DecisionTemplate,
    JuryMember,
    JuryRound,
    JuryScore,
)
from kunstrute.audit.models import AuditEntry
from kunstrute.auth.models import Role, User
from kunstrute.counting.models import (
    CheckIn,
    CountingSettings,
    CountSource,
    DailyKey,
    Sale,
    SaleSource,
    TallyBatch,
    Venue,
    VenueKind,
    VisitCount,
)
from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    Award,
    Discipline,
    Edition,
    Municipality,
    OpenDay,
    Participation,
    ParticipationStatus,
    Studio,
    Work,
)
from kunstrute.geocoding.models import GeocodeCache, LocationSource
from kunstrute.media.models import MediaFile
from kunstrute.newsletter.models import Newsletter, NewsletterDelivery, Subscriber
from kunstrute.pagecache import DataVersion
from kunstrute.programme.models import Event, Registration
from kunstrute.stats.models import CatalogueBuild, EditionGoal, EditionHistory
from kunstrute.surveys.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "Application", "Artwork", "DecisionTemplate", "JuryMember", "JuryRound", "JuryScore",
    "CheckIn", "CountingSettings", "CountSource", "DailyKey", "Sale", "SaleSource", "TallyBatch",
    "Venue", "VenueKind", "VisitCount", "CatalogueBuild", "EditionGoal", "EditionHistory",
    "Survey", "SurveyAnswer", "SurveyInvitation", "SurveyQuestion", "SurveyResponse",
    "AuditEntry", "Award", "DataVersion", "MediaFile", "Work",
    "Event", "Newsletter", "NewsletterDelivery", "Registration", "Subscriber",
    "Artist", "ArtistDiscipline", "Discipline", "Edition", "GeocodeCache", "LocationSource",
    "Municipality", "OpenDay", "Participation", "ParticipationStatus", "Role", "Studio", "User",
]

"""How the programme names its kinds of events and languages."""

from flask_babel import lazy_gettext as _l

from kunstrute.programme.models import EventKind, RegistrationStatus

KIND_LABELS = {
    EventKind.OPENING: _l("Opening"),
    EventKind.ARTIST_TALK: _l("Artist talk"),
    EventKind.CONCERT: _l("Concert"),
    EventKind.WORKSHOP: _l("Workshop"),
    EventKind.HISTORICAL_WALK: _l("Historical walk"),
    EventKind.GUIDED_TOUR: _l("Guided tour"),
    EventKind.SEMINAR: _l("Seminar"),
    EventKind.MEETING: _l("Meeting"),
}

STATUS_LABELS = {
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITLISTED: _l("On the waiting list"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}

#: Languages an event can be held in (code → name in the visitor's language).
EVENT_LANGUAGES = {"nb": _l("Norwegian"), "en": _l("English")}

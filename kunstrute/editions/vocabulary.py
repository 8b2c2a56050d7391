"""Words people type for disciplines and yes/no, and how the site shows them."""

from flask import g, has_request_context
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from kunstrute.editions.models import Discipline

#: Labels shown to visitors, in the fixed order of the filter.
DISCIPLINE_LABELS = {
    Discipline.PAINTING: _l("Painting"),
    Discipline.SCULPTURE: _l("Sculpture"),
    Discipline.CERAMICS: _l("Ceramics"),
    Discipline.GLASS: _l("Glass"),
    Discipline.TEXTILE: _l("Textile"),
    Discipline.PRINTMAKING: _l("Printmaking"),
    Discipline.PHOTOGRAPHY: _l("Photography"),
    Discipline.JEWELLERY: _l("Jewellery"),
    Discipline.WOOD: _l("Wood"),
    Discipline.DRAWING: _l("Drawing"),
    Discipline.MIXED_MEDIA: _l("Mixed media"),
    Discipline.INSTALLATION: _l("Installation"),
    Discipline.METAL: _l("Metal"),
}

#: What organisers type in spreadsheets (Norwegian and English) → the vocabulary key.
DISCIPLINE_ALIASES = {
    "maleri": "painting", "maling": "painting", "skulptur": "sculpture", "keramikk": "ceramics",
    "glasskunst": "glass", "tekstil": "textile", "tekstilkunst": "textile",
    "grafikk": "printmaking", "foto": "photography", "fotografi": "photography",
    "smykker": "jewellery", "smykkekunst": "jewellery", "jewelry": "jewellery",
    "tre": "wood", "treverk": "wood", "tegning": "drawing",
    "blandingsteknikk": "mixed_media", "mixed media": "mixed_media", "mixed-media": "mixed_media",
    "installasjon": "installation", "metall": "metal", "metallkunst": "metal",
}

YES = {"ja", "j", "yes", "y", "true", "x", "1", "sant"}
NO = {"nei", "n", "no", "false", "0", "usant", ""}
#: What people type for "nobody has said" in an access column.
UNKNOWN = {"", "?", "-", "ukjent", "vet ikke", "ikke oppgitt", "unknown", "not stated"}


def parse_discipline(text: str) -> str | None:
    """Return the vocabulary key for a typed discipline, or None if unknown."""
    word = " ".join(text.strip().lower().split())
    if word in {d.value for d in Discipline}:
        return word
    return DISCIPLINE_ALIASES.get(word)


def parse_yes_no(text: str | None) -> bool | None:
    """Return True/False for what people type in a yes/no column, None if unclear."""
    word = (text or "").strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    return None


def parse_access(text: str | None) -> bool | None:
    """Return True/False for an access answer, None if not stated; raise ValueError if unclear."""
    word = " ".join((text or "").lower().split())
    if word in UNKNOWN:
        return None
    answer = parse_yes_no(word)
    if answer is None:
        raise ValueError(f"{text!r} is not yes or no")
    return answer


def _labels() -> dict[str, str]:
    """Return {key: label} in the request's language, translated once per request.

    A page lists a hundred studios with a discipline or two each; translating each label
    through Flask-Babel every time cost more than the rest of the page.
    """
    if not has_request_context():
        return {d.value: str(label) for d, label in DISCIPLINE_LABELS.items()}
    locale = get_locale()
    cached = g.get("discipline_labels")
    if cached is None or cached[0] != locale:
        cached = g.discipline_labels = (
            locale, {d.value: str(label) for d, label in DISCIPLINE_LABELS.items()})
    return cached[1]


def discipline_label(key: str) -> str:
    return _labels().get(key, key)


def discipline_list(keys) -> str:
    """Return 'Maleri, Tegning' for a studio's discipline keys."""
    labels = _labels()
    return ", ".join(labels.get(k, k) for k in keys)


def format_hours(opens_at, closes_at=None) -> str:
    """Return '11–17' or '11.30–16' in bokmål, '11:00–17:00' in English (one time alone
    without closes_at)."""
    if str(get_locale() or "nb") == "nb":
        def clock(t) -> str:
            return f"{t.hour}" if not t.minute else f"{t.hour}.{t.minute:02d}"
    else:
        def clock(t) -> str:
            return f"{t:%H:%M}"
    return clock(opens_at) if closes_at is None else f"{clock(opens_at)}–{clock(closes_at)}"

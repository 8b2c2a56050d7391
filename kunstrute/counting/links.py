"""Who may report for a venue: its artist (signed in), an organiser, or the personal link.

A personal link, /report/<key>, lets an artist report without an account: the key is
`Venue.report_key`, made and revoked by the organisers. A revoked or unknown key finds no
venue. Lookups compare the key in constant time, so timing tells nobody how much of a
guessed key was right.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.auth.permissions import can_organise
from kunstrute.counting.models import Venue, VenueKind
from kunstrute.counting.venues import ensure_venues, venue_for
from kunstrute.editions.models import Artist, Edition, Participation, ParticipationStatus
from kunstrute.extensions import db

#: token_urlsafe(24) gives 32 characters; anything far off that is not a key.
KEY_LENGTHS = range(20, 65)


def can_report(user, venue: Venue | None) -> bool:
    """Return whether the user may report for the venue: an organiser, or its own artist."""
    if venue is None or not (user is not None and user.is_authenticated):
        return False
    if can_organise(user):
        return True
    participation = venue.participation
    return participation is not None and participation.artist.user_id == user.id


def venue_for_key(key: str) -> Venue | None:
    """Return the studio venue whose personal report link carries this key, or None."""
    if not key or len(key) not in KEY_LENGTHS:
        return None
    # The unique index finds the row; the key is compared again in constant time, so the
    # answer never rests on a comparison that stops at the first wrong character.
    venue = db.session.scalar(sa.select(Venue).where(
        Venue.report_key == key, Venue.kind == VenueKind.STUDIO))
    if venue is not None and hmac.compare_digest(venue.report_key.encode(), key.encode()):
        return venue
    return None


def own_venue(user) -> Venue | None:
    """Return the signed-in artist's studio venue in the newest edition they take part in."""
    if user is None or not user.is_authenticated:
        return None
    participation = db.session.scalar(
        sa.select(Participation).join(Artist).join(Edition)
        .where(Artist.user_id == user.id,
               Participation.status == ParticipationStatus.ACCEPTED)
        .order_by(Edition.year.desc()).limit(1))
    if participation is None:
        return None
    venue = venue_for(participation)
    if venue is None:
        ensure_venues(edition=participation.edition)
        venue = venue_for(participation)
    return venue


def make_report_key(*, venue: Venue, actor=None) -> str:
    """Give the venue a new personal report link (the old one stops working); audit; flush."""
    venue.report_key = secrets.token_urlsafe(24)
    db.session.flush()
    record(actor=actor, action="report_link.made", obj=venue,
           detail=f"key …{_fingerprint(venue.report_key)}")
    return venue.report_key


def revoke_report_key(*, venue: Venue, actor=None) -> None:
    """Stop the venue's personal report link; audit; flush."""
    if venue.report_key is None:
        return
    old = _fingerprint(venue.report_key)
    venue.report_key = None
    db.session.flush()
    record(actor=actor, action="report_link.revoked", obj=venue, detail=f"key …{old}")


def _fingerprint(key: str) -> str:
    """Return a few characters that tell two keys apart in the audit log, not the key."""
    return hashlib.sha256(key.encode()).hexdigest()[:6]

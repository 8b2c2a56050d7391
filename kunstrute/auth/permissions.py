"""Who may do what: one `can_…(user, obj)` function per rule, used by views, decorators and
templates alike (a link is shown only to those who may open it). Tested as a matrix."""

from kunstrute.auth.models import Role

#: Roles that run an edition.
ORGANISER_ROLES = frozenset({Role.ADMIN, Role.ORGANISER})


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated)


def can_organise(user, obj=None) -> bool:
    """Return whether the user may run editions and see personal data of artists."""
    return _signed_in(user) and user.role in ORGANISER_ROLES


def can_edit_studio(user, participation=None) -> bool:
    """Return whether the user may change a studio's access and an artist's hours: an
    organiser, or the artist of that participation (through their own page)."""
    if can_organise(user):
        return True
    return (_signed_in(user) and participation is not None
            and participation.artist.user_id == user.id)


def can_apply(user, obj=None) -> bool:
    """Return whether the user may apply: a signed-in artist who confirmed their address."""
    return (_signed_in(user) and user.role == Role.ARTIST
            and user.email_confirmed_at is not None)


def can_judge(user, obj=None) -> bool:
    """Return whether the user is a juror (membership of a round is checked by the jury)."""
    return _signed_in(user) and user.role == Role.JUROR


def can_invite(user, role=None) -> bool:
    """Return whether the user may invite others (with this role): organisers invite jurors
    and organisers; only an admin makes another admin."""
    if not can_organise(user):
        return False
    return role != Role.ADMIN or user.role == Role.ADMIN


def can_deactivate(user, other=None) -> bool:
    """Return whether the user may deactivate the other's account: organisers, never their
    own; only an admin stops an admin."""
    if not can_organise(user) or other is None or other.id == user.id:
        return False
    return other.role != Role.ADMIN or user.role == Role.ADMIN
